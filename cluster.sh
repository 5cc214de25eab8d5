#!/usr/bin/env bash
# A local cluster of Lvyue nodes on one PostgreSQL database (issue #26): node a on http://localhost:8181 (it loads
# the demo year at its first start), node b on http://localhost:8182, and more with LVYUE_NODES=3 (8183 ...). Each is
# the same distribution with its own node id and ports, started in the background; the data lives in the database
# (lvyue_cluster on the local PostgreSQL 15, role lvyue). Builds what is missing first.
#   ./cluster.sh         start (or start again) the nodes
#   ./cluster.sh stop    stop them cleanly: each hands its contracts over before it stops
set -euo pipefail
cd "$(dirname "$0")"

nodes=${LVYUE_NODES:-2}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tarball=karaf-assembly/distribution/target/lvyue-distribution-$version.tar.gz
dir=.run/cluster
names=(a b c d e f g h)

node_home() { echo "$dir/node-$1/lvyue-distribution-$version"; }

if [ "${1:-}" = "stop" ]; then
  for ((i = 0; i < nodes; i++)); do
    home=$(node_home "${names[$i]}")
    [ -x "$home/bin/stop" ] && "$home/bin/stop" >/dev/null 2>&1 && echo ">> node ${names[$i]} stopping"
  done
  exit 0
fi

if [ ! -f "$tarball" ] || [ -n "$(find pom.xml bundles rules reports karaf-assembly -newer "$tarball" -type f \
        -not -path '*/target/*' 2>/dev/null | head -1)" ]; then
  echo ">> building the distribution (mvn -B -DskipTests install) ..."
  mvn -B -q -DskipTests install
fi

# PostgreSQL: the installed cluster 15/main as root, or a private one under .run/ for another user
pg_bin=/usr/lib/postgresql/15/bin
mkdir -p "$dir"
if [ "$(id -u)" = 0 ] && [ -d /etc/postgresql/15/main ]; then
  pg_port=5432
  if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p $pg_port; then
    echo ">> starting PostgreSQL 15/main"
    pg_ctlcluster --skip-systemctl-redirect 15 main start
  fi
  psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -p $pg_port "$@"; }
else
  pg_port=5433
  if [ ! -d "$dir/pg/data" ]; then
    "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p $pg_port; then
    "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  psql_admin() { psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres -p $pg_port "$@"; }
fi
psql_admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lvyue') THEN
                 CREATE ROLE lvyue LOGIN PASSWORD 'lvyue'; END IF; END \$\$"
if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'lvyue_cluster'")" ]; then
  psql_admin -c "CREATE DATABASE lvyue_cluster OWNER lvyue ENCODING 'UTF8'"
fi

# one field key file for every node: what one node encrypts or seals, the others read
keys=$dir/lvyue-field-keys.properties
if [ ! -f "$keys" ]; then
  (umask 077; printf 'current = k1\nk1 = %s\n' "$(head -c 16 /dev/urandom | base64)" > "$keys")
fi

set_cfg() { # file key value
  if grep -q "^$2 *=" "$1" 2>/dev/null; then sed -i "s|^$2 *=.*|$2 = $3|" "$1"; else echo "$2 = $3" >> "$1"; fi
}

for ((i = 0; i < nodes; i++)); do
  name=${names[$i]}
  home=$(node_home "$name")
  port=$((8181 + i))
  if [ ! -d "$home" ] || [ "$tarball" -nt "$home/.unpacked" ]; then
    rm -rf "$dir/node-$name"
    mkdir -p "$dir/node-$name"
    tar -xzf "$tarball" -C "$dir/node-$name"
    touch "$home/.unpacked"
  fi
  set_cfg "$home/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port $port
  set_cfg "$home/etc/org.apache.karaf.shell.cfg" sshPort $((8101 + i))
  set_cfg "$home/etc/org.lvyue.store.cfg" url "jdbc:postgresql://127.0.0.1:$pg_port/lvyue_cluster"
  set_cfg "$home/etc/org.lvyue.store.cfg" user lvyue
  set_cfg "$home/etc/org.lvyue.store.cfg" password lvyue
  set_cfg "$home/etc/org.lvyue.cluster.cfg" nodeId "$name"
  set_cfg "$home/etc/org.lvyue.cluster.cfg" url "http://127.0.0.1:$port"
  # the demo year is loaded once, by the first node
  [ "$i" -gt 0 ] && set_cfg "$home/etc/org.lvyue.demo.cfg" load false
  cp "$keys" "$home/etc/lvyue-field-keys.properties"
  # one report signing key for every node (the first node makes it at its first start): a report rendered by any
  # node after a failover is the same file
  signing=data/lvyue/signing/report-signing.p12
  if [ "$i" -gt 0 ] && [ ! -f "$home/$signing" ]; then
    mkdir -p "$(dirname "$home/$signing")"
    cp "$(node_home a)/$signing" "$home/$signing"
  fi
  if ! curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then
    "$home/bin/start"
  fi
  printf ">> node %s: waiting for http://localhost:%d/api/health " "$name" $port
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && [ -f "$(node_home a)/$signing" ] && break
    sleep 1; printf .
  done
  echo " up"
done

cat <<TXT
>> Lvyue cluster of $nodes node(s) on PostgreSQL 127.0.0.1:$pg_port/lvyue_cluster
   node a       http://localhost:8181/   (ssh -p 8101 engineer@localhost)
   node b       http://localhost:8182/   (ssh -p 8102 engineer@localhost)
   any node answers for any contract: X-Lvyue-Node names the node asked, X-Lvyue-Owner the contract's owner
     curl -si -u evaluator:evaluator http://localhost:8182/api/contracts/bj-hrss-2022 | grep -i x-lvyue
   logs         $dir/node-*/lvyue-distribution-$version/data/log/karaf.log
   stop         ./cluster.sh stop
TXT
