#!/usr/bin/env bash
# Issue #24 figures on the real distribution with the demo year loaded: how long the supplier's paper takes to render,
# GET .../reports/daily/{domain}/{day}.pdf (检查运维单) and .../reports/inspection/{month}.pdf (巡检报告, every service)
# as the evaluator: the first request, then the warm median, p95 and max. The report service keeps the last PDFs it
# rendered (a .p7s after its PDF reuses it), so each warm request asks for another day or month of the same size.
# Usage: bench/paper-bench.sh [scale] [runs, at most 11]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
scale=${1:-1}
runs=${2:-10}
unpack
trap cleanup EXIT
start_with_demo_year "$scale"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
c=http://127.0.0.1:8181/api/contracts/bj-hrss-2022/reports
measure() { # name, then the paths to request in turn (first one cold)
  local name=$1; shift
  local first; first=$(curl -s -o /tmp/paper-bench.pdf -w '%{http_code} %{time_total}' -u evaluator:evaluator "$c/$1")
  echo "$name: first request ${first#* }s (HTTP ${first%% *}, $(stat -c %s /tmp/paper-bench.pdf) bytes)"
  shift
  local times=()
  for p in "$@"; do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -u evaluator:evaluator "$c/$p")")
  done
  local l; l=$(printf '%s\n' "${times[@]}" | latencies)
  echo "$name: warm ${l%, *} (${l##*, } requests)"
}
# working days of June 2022 (06-03 is 端午), so that every sheet has the day's items
days=(); for d in 01 02 06 07 08 09 10 13 14 15 16 17 20 21 22; do days+=("daily/identity-auth/2022-06-$d.pdf"); done
days=("${days[@]:0:$((runs + 1))}")
measure "检查运维单 identity-auth (daily sheet)" "${days[@]}"
months=(); for m in $(seq 1 $((runs < 11 ? runs + 1 : 12))); do months+=("inspection/2022-$(printf %02d "$m").pdf"); done
measure "巡检报告 every service (monthly inspection report)" "${months[@]}"
rm -f /tmp/paper-bench.pdf
