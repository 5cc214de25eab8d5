#!/usr/bin/env bash
# Issue #6 figures on the real distribution (fresh unpack, empty data, loopback only, today fixed at
# 2023-01-10): a year of records posted over REST, then the 2022-Q3 assessment PDF and two monthly
# PDFs generated repeatedly, first request and warm median (ReportBench.java).
# Usage: bench/report-bench.sh [runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
unpack
trap cleanup EXIT
sed -i 's/^#\? *today *=.*/today = 2023-01-10/' "$home/etc/org.lvyue.core.cfg"
grep -q '^today = 2023-01-10' "$home/etc/org.lvyue.core.cfg" || echo 'today = 2023-01-10' >> "$home/etc/org.lvyue.core.cfg"
"$home/bin/start"
for d in emergency-drill general-terms obligations identity-auth data-encryption key-management security-verification \
         security-audit certificates user-management permission-management network-security support staffing pki; do
  await_domain "$d"
done
java -cp "$(test_classpath bundles/compliance-core)" bench/ReportBench.java "$@"
