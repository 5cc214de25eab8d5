#!/usr/bin/env bash
# Issue #22 (6): a first start of a fresh installation (empty data, no demo year), with the rules the distribution
# ships compiled (compiled-rules/) and, alternately, with that folder taken out (as before the build compiled them),
# so both are the same build and the only difference is Drools' compiler at start. Each run unpacks afresh and times
# from bin/start to the first /api/health 200, to "UP", and reads the engine's line on the first rule set.
# Usage: bench/first-start-bench.sh [pairs=3]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
pairs=${1:-3}
code() { curl -s -m 1 -o /dev/null -w '%{http_code}' http://127.0.0.1:8181/api/health; }
run() { # label, then whether to keep compiled-rules/
  unpack
  if [ "$2" = no ]; then rm -rf "$home/compiled-rules"; fi
  local t0 t1 t2; t0=$(now); "$home/bin/start"
  until [ "$(code)" = 200 ] || curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"status"'; do sleep 0.05; done
  t1=$(now)
  until curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"status":"UP"'; do sleep 0.05; done
  t2=$(now)
  local line; line=$(grep -o 'domain bundle(s) in one rule set v1 in [0-9]* ms (compiled rules of [0-9]* reused' \
    "$home/data/log/karaf.log" | head -1)
  awk -v l="$1" -v a="$t0" -v b="$t1" -v c="$t2" -v e="$line" \
    'BEGIN{printf "%-28s /api/health answers after %.2f s, UP after %.2f s; %s\n", l, b-a, c-a, e}'
  stop_distribution
}
for p in $(seq 1 "$pairs"); do
  run "shipped compiled rules" yes
  run "compiled at start" no
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
