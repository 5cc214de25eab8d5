#!/usr/bin/env bash
# Issue #24 figure on the real distribution with the demo year loaded: how long 今日巡检 takes to open, i.e.
# GET /api/contracts/bj-hrss-2022/checklist/{day} as the engineer, for a busy day (the Monday after 春节: every
# service's daily items, two weeks' weekly items, the month's and the holiday check) and an ordinary one.
# Each day: its first open (nothing of the day read before) and the repeats (answered from the store's read cache).
# Usage: bench/checklist-bench.sh [scale] [runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
scale=${1:-1}
runs=${2:-30}
unpack
trap cleanup EXIT
start_with_demo_year "$scale"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for day in 2022-02-07 2022-06-15; do
  url="http://127.0.0.1:8181/api/contracts/bj-hrss-2022/checklist/$day"
  first=$(curl -s -o /dev/null -w '%{time_total}' -u engineer:engineer "$url")
  items=$(curl -s -u engineer:engineer "$url" | grep -o '"obligationId"' | wc -l)
  times=()
  for _ in $(seq 1 "$runs"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -u engineer:engineer "$url")")
  done
  l=$(printf '%s\n' "${times[@]}" | latencies)
  echo "$day: $items items, first open $(awk -v t="$first" 'BEGIN{printf "%.0f ms", t*1000}'); repeated: ${l%, *} (${l##*, } runs)"
done
