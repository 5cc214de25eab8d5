#!/usr/bin/env bash
# Writes the demo year to files, at any seed and size: facts-NNNN.json (batches for POST .../facts),
# certificates.zip and crl.der (for POST .../certificates), trust-anchors/, audit-events.ndjson,
# violations.md (the injected violations, each with the rule that finds it) and counts.json.
# Usage: bench/demo-year.sh --seed 20220101 --scale 0.1 --out /tmp/demo   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
trap 'rm -rf "$work"' EXIT
java -cp "$(test_classpath bundles/compliance-demo):bundles/compliance-demo/target/classes" org.lvyue.demo.DemoYearMain "$@"
