#!/usr/bin/env bash
# Issue #22, item 7: REST ingestion alone (IngestBench.java, batches of 1,000 facts) on a fresh
# distribution (H2, empty data but the demo contracts), without the cold-start and deploy figures of
# platform-bench.sh. JFR=file records a flight recording of the server during the runs.
# Usage: bench/ingest-bench.sh [batches-per-run] [runs] [clients] [drill|staff-plain|staff-sealed]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
unpack
if [ -n "${JFR:-}" ]; then
  export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true"
fi
"$home/bin/start"
await_domain emergency-drill
await_settled
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/IngestBench.java "${1:-20}" "${2:-5}" "${3:-1}" "${4:-drill}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
