#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md in turn (about 25 minutes on 2 cores); each prints its figures.
# Usage: bench/all.sh   (after mvn -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")"
for b in platform-bench.sh "ledger-bench.sh" "year-bench.sh" "pki-bench.sh" "report-bench.sh" "evaluation-bench.sh" "swap-bench.sh 500 40 0.1 20"; do
  echo "=== bench/$b"
  ./$b
done
