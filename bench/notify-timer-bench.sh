#!/usr/bin/env bash
# Issue #23, the notifications' clock, on the real distribution (fresh unpack, empty data, loopback only): the time
# from a support request's warning point passed by the clock alone (no fact, no rule change) to the message received
# by an SMTP server (GreenMail) and a webhook receiver (NotifyTimerBench.java). The distribution runs on the real
# time of day (etc/org.lvyue.core.cfg today blank), its clock checking every minute (clockCheckSeconds = 60).
# Usage: bench/notify-timer-bench.sh [runs]   (after mvn -B -DskipTests install; each run waits for a minute's turn)
# BENCH_MVN_ARGS="-o -Dmaven.repo.local=/path" when the jars are in another local repository than ~/.m2.
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
classpath=$(test_classpath bundles/compliance-notify)
unpack
sed -i 's/^today *=.*/today =/' "$home/etc/org.lvyue.core.cfg"
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
java -cp "$classpath" bench/NotifyTimerBench.java "$runs"
