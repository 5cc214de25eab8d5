#!/usr/bin/env bash
# Issue #9: the evidence chain on the demo year. Loads the year (fresh unpack) with the chain's digest
# set to SM3 or SHA-256, then times GET /api/contracts/bj-hrss-2022/integrity (a full verification of
# every entry and every row it covers) and an online backup (compliance:backup over SSH, OpenSSH).
# Usage: bench/integrity-bench.sh [demo-scale] [SM3|SHA-256] [verifications]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
scale=${1:-1}; algorithm=${2:-SM3}; runs=${3:-3}
sed -i "s/^chainAlgorithm *=.*/chainAlgorithm = $algorithm/" "$home/etc/org.lvyue.store.cfg"
start_with_demo_year "$scale"
for r in $(seq 1 "$runs"); do
  curl -s -u evaluator:evaluator http://127.0.0.1:8181/api/contracts/bj-hrss-2022/integrity \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print("verification: intact=%s, %d entries %s, rows %s, %s, %d ms" % (d["intact"], d["entries"], d["entriesByKind"], d["rowsVerified"], "+".join(d["algorithms"]), d["tookMillis"]))'
done
t0=$(now)
karaf_shell admin "compliance:backup $work/backup.zip" || true
awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "backup (the SSH login included) %.1f s, ", b-a}'
ls -l "$work/backup.zip" | awk '{printf "%.0f MiB\n", $5/1048576}'
du -sh "$home/data/lvyue" | awk '{print "database folder " $1}'
