#!/usr/bin/env bash
# Issue #26 figures (ClusterBench.java): two nodes of the distribution on one fresh PostgreSQL database, node a with
# the demo year at scale $1 (default 1.0), node b empty; then a read sent to the owner against the same read sent to
# the other node (forwarded), ingestion to one node against two nodes at once, and the failover of a small contract
# and of the demo year after a SIGKILL of their owner (leases of 10 s, the default).
# PostgreSQL: a server on localhost:5432 and a role allowed to create databases, by default the one the store tests
# use (lvyue_test, made by their harness, see bench/ingest-store-bench.sh).
# Usage: bench/cluster-bench.sh [demo-scale] [requests]   (after mvn -B -DskipTests install; KEEP_LOGS=dir keeps the logs)
source "$(dirname "$0")/lib.sh"
scale=${1:-1.0}
requests=${2:-500}
pg_user=${PGUSER:-lvyue_test}
export PGPASSWORD=${PGPASSWORD:-lvyue_test}
database=lvyue_cluster_bench_$$
psql_admin() { psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -c "$1"; }
homes=("$work/a/lvyue-distribution-$version" "$work/b/lvyue-distribution-$version")
stop_nodes() {
  for h in "${homes[@]}"; do "$h/bin/stop" >/dev/null 2>&1 || true; done
  sleep 2
  for h in "${homes[@]}"; do pkill -9 -f -- "-Dkaraf.home=$h" || true; done
}
# KEEP_LOGS=dir keeps both nodes' logs there (what each did at the failovers)
keep_logs() {
  [ -n "${KEEP_LOGS:-}" ] || return 0
  mkdir -p "$KEEP_LOGS" && cp "${homes[0]}/data/log/karaf.log" "$KEEP_LOGS/a.log" && cp "${homes[1]}/data/log/karaf.log" "$KEEP_LOGS/b.log"
}
trap 'stop_nodes; keep_logs; psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true; rm -rf "$work"' EXIT

psql_admin "CREATE DATABASE $database"
printf 'current = k1\nk1 = %s\n' "$(head -c 16 /dev/urandom | base64)" > "$work/keys.properties"
for i in 0 1; do
  h=${homes[$i]}
  mkdir -p "$(dirname "$h")"
  tar -xzf "$tarball" -C "$(dirname "$h")"
  sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $((8181 + i))/" "$h/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort *=.*/sshPort = $((8101 + i))/" "$h/etc/org.apache.karaf.shell.cfg"
  cat >> "$h/etc/org.lvyue.store.cfg" <<CFG
url = jdbc:postgresql://127.0.0.1:5432/$database
user = $pg_user
password = $PGPASSWORD
CFG
  printf 'nodeId = %s\nurl = http://127.0.0.1:%d\n' "$([ $i = 0 ] && echo a || echo b)" $((8181 + i)) > "$h/etc/org.lvyue.cluster.cfg"
  cp "$work/keys.properties" "$h/etc/lvyue-field-keys.properties"
done
sed -i "s/^load *=.*/load = true/; s/^scale *=.*/scale = $scale/" "${homes[0]}/etc/org.lvyue.demo.cfg"
sed -i "s/^load *=.*/load = false/" "${homes[1]}/etc/org.lvyue.demo.cfg"

t0=$(now)
"${homes[0]}/bin/start"
until [ -f "${homes[0]}/data/lvyue/demo-year.loaded" ]; do sleep 0.5; done
until [ "$(json_number http://127.0.0.1:8181/api/health ruleSetVersion)" = \
        "$(json_number http://127.0.0.1:8181/api/contracts/bj-hrss-2022 findingsRuleSetVersion)" ]; do sleep 0.5; done
awk -v a="$t0" -v b="$(now)" -v s="$scale" 'BEGIN{printf "node a: demo year (scale %s) loaded into PostgreSQL in %.0f s\n", s, b-a}'
"${homes[1]}/bin/start"
until curl -s -m 1 http://127.0.0.1:8182/api/health | tr -d ' \n' | grep -q '"status":"UP".*"background":\[\]'; do sleep 0.2; done
until curl -s -m 1 http://127.0.0.1:8181/api/health | tr -d ' \n' | grep -q '"status":"UP".*"background":\[\]'; do sleep 0.2; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/ClusterBench.java "${homes[0]}" "${homes[1]}" "$requests"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
