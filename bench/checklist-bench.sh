#!/usr/bin/env bash
# Issue #24 figure on the real distribution with the demo year loaded: how long 今日巡检 takes to open, i.e.
# GET /api/contracts/bj-hrss-2022/checklist/{day} as the engineer, for a busy day (the Monday after 春节: every
# service's daily items, two weeks' weekly items, the month's and the holiday check) and an ordinary one.
# Each day: its first open (nothing of its month read before), the first open of the next day (its month read),
# the repeats, and opens each right after the engineer saved a check of the day (as on a working morning).
# Usage: bench/checklist-bench.sh [scale] [runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
scale=${1:-1}
runs=${2:-30}
unpack
trap cleanup EXIT
start_with_demo_year "$scale"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
base="http://127.0.0.1:8181/api/contracts/bj-hrss-2022"
ms() { awk -v t="$1" 'BEGIN{printf "%.0f ms", t*1000}'; }
for day in 2022-02-07 2022-06-15; do
  url="$base/checklist/$day"
  first=$(curl -s -o /dev/null -w '%{time_total}' -u engineer:engineer "$url")
  next=$(date -d "$day + 1 day" +%F)
  nextFirst=$(curl -s -o /dev/null -w '%{time_total}' -u engineer:engineer "$base/checklist/$next")
  items=$(curl -s -u engineer:engineer "$url" | grep -o '"obligationId"' | wc -l)
  times=()
  for _ in $(seq 1 "$runs"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -u engineer:engineer "$url")")
  done
  l=$(printf '%s\n' "${times[@]}" | latencies)
  echo "$day: $items items, first open $(ms "$first"); the next day's first open $(ms "$nextFirst"); repeated: ${l%, *} (${l##*, } runs)"
  # one (item, system) of the day's list per save; where the day has a record of it, the save corrects that record
  mapfile -t todo < <(curl -s -u engineer:engineer "$url" | python3 -c '
import json, sys
for i in json.load(sys.stdin)["items"]:
    for s in i["systems"]:
        standing = [r["factId"] for r in i["records"] if r["system"] == s and r["day"] == sys.argv[1] and not r.get("supersededBy")]
        e = {"obligationId": i["obligationId"], "system": s, "result": "正常", "note": "bench"}
        if standing:
            e["supersedes"] = standing[-1]
        print(json.dumps(e, ensure_ascii=False))' "$day")
  times=()
  for r in $(seq 1 "$runs"); do
    code=$(curl -s -o "$home/saved.json" -w '%{http_code}' -u engineer:engineer -H 'Content-Type: application/json' \
      -d "[${todo[$((r - 1))]}]" "$url")
    [[ "$code" == 2* ]] || { echo "saving ${todo[$((r - 1))]} answered $code: $(cat "$home/saved.json")" >&2; exit 1; }
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -u engineer:engineer "$url")")
  done
  l=$(printf '%s\n' "${times[@]}" | latencies)
  echo "$day: each open right after a saved check of the day: ${l%, *} (${l##*, } runs)"
done
