#!/usr/bin/env bash
# REST ingestion (batches of 1,000 facts, IngestBench.java) on each store, in the same hour: the
# distribution on its embedded H2, then on PostgreSQL (a fresh database, named in etc/org.lvyue.store.cfg).
# PostgreSQL: a server on localhost:5432 and a role allowed to create databases, by default the one the
# store tests use (lvyue_test, made by their harness: mvn -pl bundles/compliance-store test, or
#   runuser -u postgres -- psql -c "CREATE ROLE lvyue_test LOGIN CREATEDB PASSWORD 'lvyue_test'").
# Usage: bench/ingest-store-bench.sh [batches-per-run] [runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
batches=${1:-20}
runs=${2:-5}
pg_user=${PGUSER:-lvyue_test}
export PGPASSWORD=${PGPASSWORD:-lvyue_test}
database=lvyue_bench_$$
psql_admin() { psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -c "$1"; }
trap 'cleanup; psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true' EXIT

demo_contract_ready() { curl -s -m 1 -o /dev/null -w '%{http_code}' -u evaluator:evaluator http://127.0.0.1:8181/api/contracts/bj-hrss-2022 | grep -q 200; }

for store in h2 postgresql; do
  unpack
  if [ "$store" = postgresql ]; then
    psql_admin "CREATE DATABASE $database"
    cat >> "$home/etc/org.lvyue.store.cfg" <<CFG
url = jdbc:postgresql://127.0.0.1:5432/$database
user = $pg_user
password = $PGPASSWORD
CFG
  fi
  "$home/bin/start"
  await_domain emergency-drill
  until demo_contract_ready; do sleep 0.1; done
  echo "== $store: REST ingestion, batches of 1,000 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java bench/IngestBench.java "$batches" "$runs"
  stop_distribution
done
