#!/usr/bin/env bash
# What a kill -9 after a quiet spell does to acknowledged writes on the embedded H2 store (docs/benchmarks.md, "Ready
# after a crash"). Loads the demo year, then for each cycle: clean stop, start, at readiness one fact posted by REST,
# QUIET seconds with nothing written, kill -9, and the H2 file read with H2's own driver: is the acknowledged fact
# there? Prints one line per cycle and the count of facts lost.
# Usage: bench/kill-cycle.sh [demo-scale=1] [cycles=5] [quiet-seconds=8]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
scale=${1:-1}; cycles=${2:-5}; quiet=${3:-8}
h2=$(ls "$home"/system/com/h2database/h2/*/h2-*.jar | head -1)   # the distribution's own H2, to read its file
db="$home/data/lvyue/lvyue"
cat > "$work/Count.java" <<'JAVA'
public class Count {
    public static void main(String[] a) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + a[0] + ";IFEXISTS=TRUE", "sa", "");
             var ps = c.prepareStatement("SELECT COUNT(*) FROM fact WHERE id = ?")) {
            ps.setString(1, a[1]);
            try (var rs = ps.executeQuery()) { rs.next(); System.out.println(rs.getLong(1)); }
        }
    }
}
JAVA
start_with_demo_year "$scale"
lost=0
for i in $(seq 1 "$cycles"); do
  stop_distribution
  log="$home/data/log/karaf.log"; lines=$(wc -l < "$log")
  "$home/bin/start"
  until tail -n +"$lines" "$log" | grep -q "Ready:" \
        && curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"status":"UP"'; do sleep 0.5; done
  id="kill-cycle-$i-$(date +%s%N)"
  answer=$(curl -s -u engineer:engineer -H 'Content-Type: application/json' -X POST \
    http://127.0.0.1:8181/api/contracts/bj-hrss-2022/facts -d "[{\"id\":\"$id\",\"kind\":\"network-security.deliverable\",\
\"subject\":\"ns.r01\",\"date\":\"2022-03-02\",\"status\":\"submitted\",\"attributes\":{\"title\":\"月报\",\"period\":\"2022-02\"}}]" || true)
  echo "$answer" | grep -q '"stored":1' || { echo "cycle $i: the fact was not acknowledged: $answer"; continue; }
  sleep "$quiet"
  pkill -9 -f -- "-Dkaraf.home=$home" || true
  while pgrep -f -- "-Dkaraf.home=$home" >/dev/null; do sleep 0.1; done
  found=$(java -cp "$h2" "$work/Count.java" "$db" "$id")
  [ "$found" = 1 ] || lost=$((lost + 1))
  echo "cycle $i: fact acknowledged, killed $quiet s later, in the file after the kill: $found"
done
echo "acknowledged facts lost: $lost of $cycles"
