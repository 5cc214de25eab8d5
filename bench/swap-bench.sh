#!/usr/bin/env bash
# Issue #7: a hot swap of a domain bundle under load, on the real distribution (fresh unpack, the demo
# year loaded at the given scale, today 2023-03-01): SwapBench.java sends a fixed rate of mixed reads and
# one-fact batches and replaces the emergency-drill bundle in deploy/ half-way.
# Usage: bench/swap-bench.sh [rate] [seconds] [demo-scale] [post-every] [warm-up seconds]
#        (after mvn -B -DskipTests install; EXTRA_JAVA_OPTS passes JVM options to the distribution)
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
rate=${1:-1000}; seconds=${2:-60}; scale=${3:-0.1}; post_every=${4:-20}; warmup=${5:-15}
sed -i "s/^load *=.*/load = true/; s/^scale *=.*/scale = $scale/" "$home/etc/org.lvyue.demo.cfg"
"$home/bin/start"
t0=$(now)
until [ -f "$home/data/lvyue/demo-year.loaded" ]; do sleep 0.5; done
awk -v a="$t0" -v b="$(now)" -v s="$scale" 'BEGIN{printf "demo year (scale %s) generated and loaded in %.0f s\n", s, b-a}'
# the findings must stand on the last rule set before the load starts
version() { curl -s -u evaluator:evaluator "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }
until [ "$(version http://127.0.0.1:8181/api/health ruleSetVersion)" = \
        "$(version http://127.0.0.1:8181/api/contracts/bj-hrss-2022 findingsRuleSetVersion)" ]; do sleep 0.5; done
java -Ddeploy="$home/deploy" bench/SwapBench.java "$rate" "$seconds" "$post_every" "$warmup"
