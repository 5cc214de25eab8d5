#!/usr/bin/env bash
# A normal start and a normal day, and what they log: unpacks the distribution, starts it as shipped (the demo
# year loaded, at scale ${1:-0.1} of its bulky volumes), makes a day's usual requests (logins, a collector's batch,
# the findings, a report, a scrape of /metrics), and prints every WARN or ERROR line of data/log/karaf.log.
# Uses port 8181: run it under `flock /tmp/lvyue-it.lock`. TARBALL=... runs another build (before/after).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT
unpack
start_with_demo_year "${1:-0.1}"
api=http://127.0.0.1:8181/api
c=$api/contracts/bj-hrss-2022
token=$(cat "$home"/data/lvyue/demo-collector.token)
curl -s -o /dev/null -w 'facts %{http_code}\n' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '[{"id":"quiet-log-drill","kind":"drill.performed","date":"2022-06-15","attributes":{"scenario":"断电演练"}}]' "$c/facts"
curl -s -o /dev/null -w 'findings %{http_code}\n' -u evaluator:evaluator "$c/findings?status=OPEN"
curl -s -o /dev/null -w 'ledger %{http_code}\n' -u evaluator:evaluator "$c/ledger"
curl -s -o /dev/null -w 'report %{http_code}\n' -u evaluator:evaluator "$c/reports/quarterly/2022-Q4.pdf"
curl -s -o /dev/null -w 'metrics %{http_code}\n' -u admin:admin http://127.0.0.1:8181/metrics
curl -s -o /dev/null -w 'docs %{http_code}\n' http://127.0.0.1:8181/api/docs/
sleep 2
echo "WARN/ERROR lines in data/log/karaf.log: $(grep -cE '^\S+ \| (WARN|ERROR)' "$home/data/log/karaf.log" || true)"
grep -E '^\S+ \| (WARN|ERROR)' "$home/data/log/karaf.log" | cut -c1-300 || true
