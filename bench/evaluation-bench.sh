#!/usr/bin/env bash
# Issue #7 figures, in process on the real engine with every domain bundle of rules/ (bench/evaluation/):
# the demo year evaluated in full (all facts, the audit log, all domains, baselines, ledger) within a
# 2 GiB heap; the same periodic, follow-up and support checks written by hand, after proving both find
# the same; one new fact to its updated findings (p50, p99).
# Usage: bench/evaluation-bench.sh [runs] [scale]   (after mvn -B -DskipTests install)
#        BENCH_JAVA_OPTS adds JVM options, e.g. -XX:StartFlightRecording=filename=eval.jfr,settings=profile
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
classes=$(ls -d rules/*/target/classes | tr '\n' ':')
cp="$(test_classpath rules/obligations-standard):$(test_classpath bundles/compliance-demo):bundles/compliance-demo/target/classes:$classes"
javac -nowarn -encoding UTF-8 -d "$work/classes" -cp "$cp" bench/evaluation/*.java
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$work/classes:$cp" EvaluationBench "$@" 2>&1 \
  | grep -E "^(domains|full evaluation|hand-written|ratio|engine with|one new fact|Exception|\tat )"
