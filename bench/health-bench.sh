#!/usr/bin/env bash
# Issue #22 (6): how soon a restarted node answers /api/health, with an empty store (what Karaf and the product's
# own start cost, without a contract's rebuild; bench/restart-bench.sh times the same with the demo year).
# Starts a fresh unpack once (its first start compiles the rules and makes the store), stops it, then times
# each restart from bin/start to the first HTTP 200 of /api/health and prints the status it said, and when the
# log says Jetty started (JVM-relative) and the REST API's servlet was registered.
# Usage: bench/health-bench.sh [restarts]   (after mvn -B -DskipTests install)
#        TARBALL=/path/to/lvyue-distribution.tar.gz bench/health-bench.sh ...   to bench another build
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
runs=${1:-3}
health_200() { [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' http://127.0.0.1:8181/api/health)" = 200 ]; }

"$home/bin/start"; until health_200; do sleep 0.1; done
until curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"status":"UP"'; do sleep 0.2; done
stop_distribution
log="$home/data/log/karaf.log"
for r in $(seq 1 "$runs"); do
  lines=$(wc -l < "$log")
  t0=$(now); "$home/bin/start"
  until health_200; do sleep 0.05; done
  t1=$(now)
  status=$(curl -s -m 1 http://127.0.0.1:8181/api/health | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p')
  until curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"status":"UP"'; do sleep 0.1; done
  t2=$(now)
  jetty=$(tail -n +"$lines" "$log" | sed -n 's/.*Started @\([0-9]*\)ms.*/\1/p' | head -1)
  awk -v r="$r" -v a="$t0" -v b="$t1" -v c="$t2" -v s="$status" -v j="$jetty" \
    'BEGIN{printf "restart %d: /api/health answers after %.2f s (%s), UP after %.2f s; Jetty started %.2f s into the JVM\n", r, b-a, s, c-a, j/1000}'
  stop_distribution
done
uptime
