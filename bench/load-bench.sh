#!/usr/bin/env bash
# Issue #9: a bounded load test on loopback, the client a second process (SwapBench.java in its full
# mix): reads of findings, dashboard, facts, audit search, ledger and health, and ingestion of fact and
# audit-log batches, at a fixed rate for some minutes, with the emergency-drill bundle hot-swapped
# half-way; failures, latency per endpoint, and the live heap after a full GC every quarter.
# Usage: bench/load-bench.sh [rate] [seconds] [demo-scale] [facts-per-batch] [post-every] [warm-up seconds]
#        (after mvn -B -DskipTests install; EXTRA_JAVA_OPTS passes JVM options to the distribution)
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
rate=${1:-200}; seconds=${2:-240}; scale=${3:-0.1}; batch=${4:-50}; post_every=${5:-20}; warmup=${6:-20}
start_with_demo_year "$scale"
java -Ddeploy="$home/deploy" -Dmix=full -Dbatch="$batch" -Dpid="$(karaf_pid)" bench/SwapBench.java \
     "$rate" "$seconds" "$post_every" "$warmup"
