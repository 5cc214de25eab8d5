#!/usr/bin/env bash
# Builds what is missing, then starts the Lvyue distribution in the foreground on its embedded
# defaults: H2 under .run/lvyue-*/data/lvyue, the 2022 demo contract, HTTP on port 8181.
# Ctrl-C stops it cleanly; the next start finds the same data.
set -euo pipefail
cd "$(dirname "$0")"

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tarball=karaf-assembly/distribution/target/lvyue-distribution-$version.tar.gz
run_dir=.run
home=$run_dir/lvyue-distribution-$version

stale() {
  [ ! -f "$tarball" ] && return 0
  [ -n "$(find pom.xml bundles rules reports karaf-assembly -newer "$tarball" -type f \
          -not -path '*/target/*' 2>/dev/null | head -1)" ]
}

if stale; then
  echo ">> building the distribution (mvn -B -DskipTests install) ..."
  mvn -B -q -DskipTests install
fi

if [ ! -d "$home" ] || [ "$tarball" -nt "$home/.unpacked" ]; then
  # A new build replaces the distribution but keeps the product's data (the H2 store).
  if [ -d "$home/data/lvyue" ]; then
    rm -rf "$run_dir/lvyue-data.keep"
    mv "$home/data/lvyue" "$run_dir/lvyue-data.keep"
  fi
  rm -rf "$home"
  mkdir -p "$run_dir"
  tar -xzf "$tarball" -C "$run_dir"
  if [ -d "$run_dir/lvyue-data.keep" ]; then
    mkdir -p "$home/data"
    mv "$run_dir/lvyue-data.keep" "$home/data/lvyue"
  fi
  touch "$home/.unpacked"
fi

cat <<TXT
>> Lvyue (履约) compliance engine
   web console  http://localhost:8181/
   REST API     http://localhost:8181/api/health   (OpenAPI: /api/openapi.json)
   shell        ssh -p 8101 engineer@localhost   (compliance:contracts, compliance:findings ...)
   demo users   admin/admin, engineer/engineer, evaluator/evaluator, collector/collector
                secadmin/secadmin (security), auditadmin/auditadmin (audit trail): 三权分立 with admin
   deploy/      $home/deploy   (drop a domain bundle jar here to activate it)
   data         $home/data/lvyue
   Ctrl-C stops it.
TXT
exec "$home/bin/karaf" run
