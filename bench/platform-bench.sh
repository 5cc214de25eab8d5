#!/usr/bin/env bash
# Platform figures of issue #2, on the real distribution, on loopback only:
#   1. cold start to /api/health answering with the demo domain active (fresh unpack, empty data), and on to
#      every contract of the demo portfolio ready: every domain active, each contract's findings recorded on that rule set
#   2. a domain bundle jar copied into deploy/ to its rule firing (its finding is recorded)
#   3. REST ingestion in batches of 1,000 facts (IngestBench.java)
# Usage: bench/platform-bench.sh [cold-start-runs]   (after mvn -B -DskipTests install)
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
trap cleanup EXIT

# Every domain bundle active (health UP) and every contract's findings recorded on that rule set.
contracts_ready() {
  local health v c
  health=$(curl -s -m 1 http://127.0.0.1:8181/api/health) || return 1
  echo "$health" | grep -q '"status":"UP"' || return 1
  v=$(echo "$health" | sed -n 's/.*"ruleSetVersion":\([0-9]*\).*/\1/p')
  [ -n "$v" ] || return 1
  for c in bj-hrss-2022 bj-hrss-2022-wl; do
    curl -s -m 1 -u admin:admin "http://127.0.0.1:8181/api/contracts/$c" | grep -q "\"findingsRuleSetVersion\":$v[,}]" || return 1
  done
}

echo "== cold start (fresh unpack each run)"
for r in $(seq 1 "$runs"); do
  unpack
  t0=$(now); "$home/bin/start"
  await_domain emergency-drill
  t1=$(now)
  until contracts_ready; do sleep 0.05; done
  t2=$(now); awk -v r="$r" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN{printf "run %d: %.2f s (every contract ready: %.2f s)\n", r, b-a, c-a}'
  [ "$r" -lt "$runs" ] && stop_distribution
done

echo "== deploy/ to rules firing"
# the bench domain applies to every contract (the demo contract lists the services it buys, and this is none)
mkdir -p "$work/jar/rules"
for r in $(seq 1 "$runs"); do
  d="bench-$r"
  cat > "$work/jar/catalogue.json" <<JSON
{"domain":"$d","title":"基准","clause":"基准","everyContract":true,"factKinds":[{"name":"$d.x","title":"x"}],"obligations":[]}
JSON
  cat > "$work/jar/rules/r.drl" <<DRL
package bench.r$r;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
rule "基准 $r" when \$c : Contract() then
  insertLogical(Finding.builder().contractId(\$c.id()).domain("$d").rule(drools.getRule().getName()).clause("基准")
    .severity(Severity.INFO).period(\$c.periodStart(), \$c.periodEnd(), "bench").title("fired $r").build());
end
DRL
  printf 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: bench.r%s\nBundle-Version: 1.0.0\nCompliance-Domain: %s\nImport-Package: org.lvyue.api.contract,org.lvyue.api.engine,org.lvyue.api.fact,org.lvyue.api.finding,org.lvyue.api.spi\n' "$r" "$d" > "$work/jar/MANIFEST.MF"
  (cd "$work/jar" && jar cfm "../bench-$r.jar" MANIFEST.MF catalogue.json rules)
  t0=$(now); mv "$work/bench-$r.jar" "$home/deploy/"
  until curl -s -m 1 -u evaluator:evaluator "http://127.0.0.1:8181/api/contracts/bj-hrss-2022/findings?domain=$d&status=OPEN" | grep -q "fired $r"; do sleep 0.02; done
  t1=$(now); awk -v r="$r" -v a="$t0" -v b="$t1" 'BEGIN{printf "run %d: %.3f s\n", r, b-a}'
  rm "$home/deploy/bench-$r.jar"
done

echo "== REST ingestion, batches of 1,000"
java bench/IngestBench.java 20 5
