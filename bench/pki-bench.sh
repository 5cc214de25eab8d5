#!/usr/bin/env bash
# Issue #5 figures on the real distribution (fresh unpack, empty data, loopback only): 22,500
# certificates and a 2,000-entry CRL imported and checked; then a CRL update re-checked (PkiBench.java).
# Usage: bench/pki-bench.sh [certificates] [revoked]   (after mvn -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tarball=karaf-assembly/distribution/target/lvyue-distribution-$version.tar.gz
work=$(mktemp -d /tmp/lvyue-bench.XXXX)
home=$work/lvyue-distribution-$version
tar -xzf "$tarball" -C "$work"
"$home/bin/start"
trap '"$home/bin/stop" >/dev/null 2>&1 || true; sleep 3; pkill -9 -f "$home" || true; rm -rf "$work"' EXIT
until curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q '"pki"'; do sleep 0.2; done
cp_file=$(mktemp)
(cd bundles/compliance-pki && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
java -cp "$(cat "$cp_file")" bench/PkiBench.java "$@"
rm -f "$cp_file"
