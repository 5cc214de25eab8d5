#!/usr/bin/env bash
# Issue #22 (3): moving the demo year from the embedded H2 store to PostgreSQL, the README's way. Loads the
# year (fresh unpack) on H2, notes each contract's chain head (GET .../integrity), times compliance:migrate
# over SSH (OpenSSH) into a fresh PostgreSQL database, then stops, points etc/org.lvyue.store.cfg at it,
# starts again and checks each contract's head there. Last, on the H2 file left behind, times the schema
# migration V12 (the remainder columns) as a store written before it gets it at its first start: the
# columns are dropped again and V12's statements run, with H2's own shell.
# Usage: bench/migrate-bench.sh [demo-scale]   (after mvn -B -DskipTests install; PostgreSQL on
#        127.0.0.1:5432 with the test role lvyue_test/lvyue_test, which may create databases)
source "$(dirname "$0")/lib.sh"
unpack
db=lvyue_migrate_bench_$$
export PGPASSWORD=${PGPASSWORD:-lvyue_test}
pg_user=${PG_USER:-lvyue_test}
createdb -h 127.0.0.1 -U "$pg_user" "$db"
trap 'cleanup_all' EXIT
cleanup_all() { cleanup; dropdb -h 127.0.0.1 -U "$pg_user" --if-exists "$db" || true; }
scale=${1:-1}
contracts="bj-hrss-2022 bj-hrss-2022-wl"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

head_of() {
  curl -s -u evaluator:evaluator "http://127.0.0.1:8181/api/contracts/$1/integrity" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s %s:%s facts=%d" % (d["intact"], d["head"]["position"], d["head"]["hash"], d["rowsVerified"]["fact"]))'
}

start_with_demo_year "$scale"
declare -A before
for c in $contracts; do before[$c]=$(head_of "$c"); echo "H2 $c: ${before[$c]}"; done
t0=$(now)
karaf_shell admin "compliance:migrate jdbc:postgresql://127.0.0.1:5432/$db --user $pg_user --password $PGPASSWORD"
awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "compliance:migrate (the SSH login included) %.1f s\n", b-a}'
stop_distribution

cfg=$home/etc/org.lvyue.store.cfg
cp "$cfg" "$work/store.cfg.h2"
sed -i '/^url *=/d; /^user *=/d; /^password *=/d' "$cfg"
printf 'url = jdbc:postgresql://127.0.0.1:5432/%s\nuser = %s\npassword = %s\n' "$db" "$pg_user" "$PGPASSWORD" >> "$cfg"
sed -i 's/^load *=.*/load = false/' "$home/etc/org.lvyue.demo.cfg"
"$home/bin/start"
t0=$(now)
current() {
  local v; v=$(json_number http://127.0.0.1:8181/api/health ruleSetVersion)
  [ -n "$v" ] && [ "$v" = "$(json_number http://127.0.0.1:8181/api/contracts/bj-hrss-2022 findingsRuleSetVersion)" ]
}
until current; do sleep 0.5; done
awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "restarted on PostgreSQL, findings current in %.1f s\n", b-a}'
for c in $contracts; do
  after=$(head_of "$c"); echo "PostgreSQL $c: $after"
  [ "$after" = "${before[$c]}" ] && echo "  same head and facts" || echo "  DIFFERENT from H2"
done
stop_distribution

h2=$(ls "$home"/system/com/h2database/h2/*/h2-*.jar | head -1)
sql() { java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$home/data/lvyue/lvyue" -user sa -password '' -sql "$1" >/dev/null; }
sql "ALTER TABLE contract DROP COLUMN stored_at_ns; ALTER TABLE fact DROP COLUMN fact_time_ns; ALTER TABLE fact DROP COLUMN received_at_ns;
 ALTER TABLE finding DROP COLUMN first_seen_at_ns; ALTER TABLE finding DROP COLUMN changed_at_ns; ALTER TABLE finding DROP COLUMN resolved_at_ns;
 ALTER TABLE waiver DROP COLUMN created_at_ns; ALTER TABLE waiver DROP COLUMN withdrawn_at_ns;
 ALTER TABLE audit_event DROP COLUMN received_at_ns; ALTER TABLE evidence DROP COLUMN recorded_at_ns"
t0=$(now)
sql "$(grep -v '^--' bundles/compliance-store/src/main/resources/db/migration/h2/V12__sub_microsecond_times.sql)"
awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "V12 on the demo year'"'"'s H2 file (H2 shell start included) %.1f s\n", b-a}'
t0=$(now)
sql "SELECT COUNT(*) FROM contract"
awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "  (the H2 shell opening the file and one query alone: %.1f s)\n", b-a}'
