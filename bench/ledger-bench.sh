#!/usr/bin/env bash
# Issue #3 figures on the real distribution (fresh unpack, empty data, loopback only):
# the full ledger and a what-if over the demo contract with a year of facts (LedgerBench.java).
# Usage: bench/ledger-bench.sh [runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
runs=${1:-20}
unpack
# the demo year is over on this day, so every general term can be due
echo "today = 2023-01-10" >> "$home/etc/org.lvyue.core.cfg"
trap cleanup EXIT
"$home/bin/start"
await_domain general-terms
await_domain emergency-drill   # the year includes a drill
java bench/LedgerBench.java "$runs"
