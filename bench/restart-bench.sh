#!/usr/bin/env bash
# Issue #22 (6): a restart with the demo year in the store. Loads the year once (fresh unpack), stops, then
# restarts the same installation and times, from bin/start:
#   - /api/health answering (HTTP 200, whatever the status),
#   - every contract ready: health no longer STARTING, every domain bundle of deploy/ active, and every
#     contract's findings recorded on the rule set health reports (the final one),
# and prints what the log says of the start: the rule-set version(s) made, compiled rules reused, readiness,
# and the end of the evidence-chain verification of the demo contract.
# Usage: bench/restart-bench.sh [demo-scale] [restarts]   (after mvn -B -DskipTests install)
#        CRASH=1 bench/restart-bench.sh ...   ends each run with kill -9 instead of bin/stop (a start after a crash);
#        CRASH_QUIET=seconds waits that long before each kill (the node keeps the stamps of quiet contracts current)
#        TARBALL=/path/to/lvyue-distribution.tar.gz bench/restart-bench.sh ...   to bench another build
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
scale=${1:-1}; runs=${2:-3}
contracts="bj-hrss-2022 bj-hrss-2022-wl"

# the end of a run: a clean stop, or with CRASH=1 a kill -9 (no stop, so nothing is stamped for the next start)
halt() {
  if [ -n "${CRASH:-}" ]; then
    sleep "${CRASH_QUIET:-0}"
    pkill -9 -f -- "-Dkaraf.home=$home" || true
    while pgrep -f -- "-Dkaraf.home=$home" >/dev/null; do sleep 0.1; done
  else
    stop_distribution
  fi
}

start_with_demo_year "$scale"
halt
bundles=$(ls "$home/deploy"/*.jar | wc -l)

ready() {
  local health v c
  health=$(curl -s -m 1 http://127.0.0.1:8181/api/health) || return 1
  echo "$health" | grep -q '"status":"STARTING"' && return 1
  # every bundle of deploy/ in the rule set: active, or stopped by the engine (then health says DEGRADED, shown below)
  [ "$(echo "$health" | grep -o '"state":"[A-Z]*"' | wc -l)" -ge "$bundles" ] || return 1
  v=$(echo "$health" | sed -n 's/.*"ruleSetVersion":\([0-9]*\).*/\1/p')
  for c in $contracts; do
    curl -s -m 1 -u evaluator:evaluator "http://127.0.0.1:8181/api/contracts/$c" | grep -q "\"findingsRuleSetVersion\":$v[,}]" || return 1
  done
}

log="$home/data/log/karaf.log"
for r in $(seq 1 "$runs"); do
  lines=$(wc -l < "$log")
  t0=$(now); "$home/bin/start"
  until [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' http://127.0.0.1:8181/api/health)" = 200 ]; do sleep 0.05; done
  t1=$(now)
  first=$(curl -s -m 1 http://127.0.0.1:8181/api/health | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p')
  until ready; do sleep 0.1; done
  t2=$(now)
  v=$(json_number http://127.0.0.1:8181/api/health ruleSetVersion)
  now_status=$(curl -s -m 1 http://127.0.0.1:8181/api/health | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p')
  awk -v r="$r" -v a="$t0" -v b="$t1" -v c="$t2" -v s="$first" -v v="$v" -v n="$now_status" \
    'BEGIN{printf "restart %d: /api/health answers after %.1f s (%s), every contract on the final rule set v%s after %.1f s (%s)\n", r, b-a, s, v, c-a, n}'
  # the integrity verification at start: when it ended, if it did within 3 minutes of readiness
  for _ in $(seq 1 1800); do tail -n +"$lines" "$log" | grep -q "Contract bj-hrss-2022: evidence chain" && break; sleep 0.1; done
  t3=$(now)
  awk -v a="$t0" -v b="$t3" 'BEGIN{printf "  demo contract evidence chain verified after %.1f s\n", b-a}'
  tail -n +"$lines" "$log" | grep -E "in one rule set|rule set v[0-9]+ in|Ready:|Contract bj-hrss-2022: evidence chain" \
    | cut -c1-260 | tail -n 20
  halt
done
uptime
