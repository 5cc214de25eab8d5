#!/usr/bin/env bash
# Issue #5 figures on the real distribution (fresh unpack, empty data, loopback only): 22,500
# certificates and a 2,000-entry CRL imported and checked; then a CRL update re-checked (PkiBench.java).
# Usage: bench/pki-bench.sh [certificates] [revoked]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
"$home/bin/start"
await_domain pki
java -Danchors="$home/etc/pki/trust-anchors" -cp "$(test_classpath bundles/compliance-pki)" bench/PkiBench.java "$@"
