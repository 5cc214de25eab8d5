#!/usr/bin/env bash
# Issue #22 item 4 figures, in process on the real engine with every domain bundle of rules/ (bench/evaluation/MemoryBench.java):
# the demo year's working memory and its rebuilds, a near-empty contract's objects, then a portfolio of contracts (the
# demo year at a small scale, different seeds, plus one at scale 1) held under the engine's memory budget in a 4 GiB
# heap: every answer compared with the contract's evaluated alone, the heap after GC sampled every 2 s, rebuilds timed.
# Usage: bench/memory-bench.sh [contracts=50] [scale=0.2] [budgetMiB=0: half the heap] [rounds=3]
#        (after mvn -B -DskipTests install; BENCH_MVN_ARGS adds Maven options, e.g. -o -Dmaven.repo.local=...)
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
classes=$(ls -d rules/*/target/classes | tr '\n' ':')
cp="$(test_classpath rules/obligations-standard):$(test_classpath bundles/compliance-demo):bundles/compliance-demo/target/classes:$classes"
javac -nowarn -encoding UTF-8 -d "$work/classes" -cp "$cp" bench/evaluation/*.java
java -Xmx4g ${BENCH_JAVA_OPTS:-} -cp "$work/classes:$cp" MemoryBench "$@" 2>&1 \
  | grep --line-buffered -E "^(engine with|portfolio|demo year|near-empty|reference|bounded run|releases|rebuild to|answers from|heap |WRONG|Exception|\tat )|stopped, rule set v"
