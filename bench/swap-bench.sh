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
start_with_demo_year "$scale"
java -Ddeploy="$home/deploy" bench/SwapBench.java "$rate" "$seconds" "$post_every" "$warmup"
