#!/usr/bin/env bash
# Issue #4 figures, in process on the real engine with every domain bundle of rules/ (YearBench.java):
# a full year of inspection records evaluated from scratch, and one new record to its updated finding.
# Usage: bench/year-bench.sh [runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
runs=${1:-5}
classes=$(ls -d rules/*/target/classes | tr '\n' ':')
java -Xmx2g -cp "$(test_classpath rules/obligations-standard):$classes" bench/YearBench.java "$runs" 2>&1 \
  | grep -E "^(domains|full evaluation|one new record|Exception|\tat )"
