#!/usr/bin/env bash
# Issue #22, item 5: overload answered, not timed out (OverloadBench.java). With the demo year loaded, a
# ladder finds the load the product absorbs (R), then R for base-seconds and 2R for overload-seconds of
# mixed writes and reads; timeouts, connection errors, statuses, p99, acknowledged facts/s, and afterwards
# whether every acknowledged fact is stored.
# Usage: bench/overload-bench.sh [start-rate] [step-seconds] [base-seconds] [overload-seconds] [facts-per-batch] [demo-scale]
#        (after mvn -B -DskipTests install; EXTRA_JAVA_OPTS passes JVM options to the distribution;
#        REST_CFG="key = value;key = value" is added to etc/org.lvyue.rest.cfg, to try other bounds)
source "$(dirname "$0")/lib.sh"
unpack
if [ -n "${REST_CFG:-}" ]; then tr ';' '\n' <<<"$REST_CFG" >> "$home/etc/org.lvyue.rest.cfg"; fi
trap cleanup EXIT
start_with_demo_year "${6:-0.05}"
java bench/OverloadBench.java "${1:-8}" "${2:-15}" "${3:-60}" "${4:-120}" "${5:-50}"
