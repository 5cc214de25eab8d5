#!/usr/bin/env bash
# Issue #4 figures, in process on the real engine with every domain bundle of rules/ (YearBench.java):
# a full year of inspection records evaluated from scratch, and one new record to its updated finding.
# Usage: bench/year-bench.sh [runs]   (after mvn -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cp_file=$(mktemp)
(cd rules/obligations-standard && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
classes=$(ls -d rules/*/target/classes | tr '\n' ':')
java -Xmx2g -cp "$(cat "$cp_file"):$classes" bench/YearBench.java "$runs" 2>&1 | grep -E "^(domains|full evaluation|one new record|Exception|\tat )"
rm -f "$cp_file"
