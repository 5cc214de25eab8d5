#!/usr/bin/env bash
# Issue #23 figures on the real distribution (fresh unpack, empty data, loopback only): the time from a support
# request at its warning point to the message received by an SMTP server (GreenMail) and a webhook receiver, and
# the outbox's throughput (NotifyBench.java). The distribution stands on its default day, 2023-03-01.
# Usage: bench/notify-bench.sh [latency-runs] [batch]   (after mvn -B -DskipTests install)
# BENCH_MVN_ARGS="-o -Dmaven.repo.local=/path" when the jars are in another local repository than ~/.m2.
source "$(dirname "$0")/lib.sh"
runs=${1:-20}
batch=${2:-200}
classpath=$(test_classpath bundles/compliance-notify)
unpack
cat >> "$home/etc/org.lvyue.notify.cfg" <<CFG
smtpHost = 127.0.0.1
smtpPort = 3025
smtpSecurity = none
CFG
trap cleanup EXIT
"$home/bin/start"
await_domain support
until curl -s -m 1 -o /dev/null -w '%{http_code}' -u evaluator:evaluator http://127.0.0.1:8181/api/contracts/bj-hrss-2022 | grep -q 200; do sleep 0.1; done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$classpath" bench/NotifyBench.java "$runs" "$batch"
