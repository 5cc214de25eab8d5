#!/usr/bin/env bash
# Issue #22 items 4 and 6: the rebuild of the demo contract's working memory from the real H2 store, in process on
# the real engine with every domain bundle of rules/ (bench/rebuild/RebuildBench.java). The demo year is written into
# an H2 store once (kept in $RECORDS, default /tmp/lvyue-rebuild-bench), then: the first build, the memory it holds
# after a full GC, its classes, and rebuilds after a release (reads of facts and audit log apart), each answer
# compared with the first; then the facts and the audit log read alone.
# Usage: bench/rebuild-bench.sh [scale=1] [rounds=5]
#        (after mvn -B -DskipTests install; BENCH_MVN_ARGS adds Maven options, e.g. -o -Dmaven.repo.local=...)
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
classes=$(ls -d rules/*/target/classes | tr '\n' ':')
cp="$(test_classpath rules/obligations-standard):$(test_classpath bundles/compliance-demo):$(test_classpath bundles/compliance-store)"
cp="$cp:bundles/compliance-demo/target/classes:bundles/compliance-store/target/classes:$classes"
javac -nowarn -encoding UTF-8 -d "$work/classes" -cp "$cp" bench/evaluation/*.java bench/rebuild/*.java
# the collector bin/setenv starts the product with, unless BENCH_JAVA_OPTS names another (-XX:+UseG1GC)
gc=-XX:+UseZGC
case "${BENCH_JAVA_OPTS:-}" in *-XX:+Use*GC*) gc= ;; esac
java -Xmx${BENCH_HEAP:-4g} $gc ${BENCH_JAVA_OPTS:-} -Drecords="${RECORDS:-/tmp/lvyue-rebuild-bench}" -cp "$work/classes:$cp" \
  RebuildBench "$@" 2>&1 | grep --line-buffered -E "^(store written|store opened|first build|working memory|most instances|rebuild|what-if|Exception|\tat |Caused)"
