#!/usr/bin/env bash
# Issue #3 figures on the real distribution (fresh unpack, empty data, loopback only):
# the full ledger and a what-if over the demo contract with a year of facts (LedgerBench.java).
# Usage: bench/ledger-bench.sh [runs]   (after mvn -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tarball=karaf-assembly/distribution/target/lvyue-distribution-$version.tar.gz
work=$(mktemp -d /tmp/lvyue-bench.XXXX)
home=$work/lvyue-distribution-$version
tar -xzf "$tarball" -C "$work"
# the demo year is over on this day, so every general term can be due
echo "today = 2023-01-10" >> "$home/etc/org.lvyue.core.cfg"
"$home/bin/start"
trap '"$home/bin/stop" >/dev/null 2>&1 || true; sleep 3; pkill -9 -f "$home" || true; rm -rf "$work"' EXIT
until curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"general-terms".*"ACTIVE"'; do sleep 0.2; done
java bench/LedgerBench.java "$runs"
