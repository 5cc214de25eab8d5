#!/usr/bin/env bash
# Issue #21 figures, in process on the real engine with every domain bundle of rules/ (bench/evaluation/): the demo
# portfolio's two contracts, each evaluated in full from scratch and weighed on the heap after GC, the network
# contract also as if it bought every domain; then both held together.
# Usage: bench/portfolio-bench.sh [runs] [scale]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
classes=$(ls -d rules/*/target/classes | tr '\n' ':')
cp="$(test_classpath rules/obligations-standard):$(test_classpath bundles/compliance-demo):bundles/compliance-demo/target/classes:$classes"
javac -nowarn -encoding UTF-8 -d "$work/classes" -cp "$cp" bench/evaluation/*.java
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$work/classes:$cp" PortfolioBench "$@" 2>&1 \
  | grep -E "^(domains|network contract|seed contract|portfolio held|Exception|\tat )"
