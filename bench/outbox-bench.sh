#!/usr/bin/env bash
# Issue #23: the notification outbox on its own (OutboxBench in compliance-notify's test classes): a real store on H2
# files, GreenMail and an HTTP receiver on loopback; latency from a committed new finding to receipt, and throughput.
# Usage: bench/outbox-bench.sh [latency-runs] [burst]   (after mvn -B -DskipTests install)
# BENCH_MVN_ARGS="-o -Dmaven.repo.local=/path" when the jars are in another local repository than ~/.m2.
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
module=bundles/compliance-notify
(cd "$module" && mvn -B -q ${BENCH_MVN_ARGS:-} test-compile >/dev/null)
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$(test_classpath $module):$module/target/test-classes:$module/target/classes" org.lvyue.notify.internal.OutboxBench "${1:-20}" "${2:-1000}"
