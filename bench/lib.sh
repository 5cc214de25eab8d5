# Shared by the bench scripts (source it): the built distribution, unpacked fresh into a temporary
# folder, started and stopped on loopback; and the test class path of a module for the Java benches.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tarball=karaf-assembly/distribution/target/lvyue-distribution-$version.tar.gz
work=$(mktemp -d /tmp/lvyue-bench.XXXX)
home=$work/lvyue-distribution-$version

now() { date +%s.%N; }

# A fresh copy of the distribution, with empty data.
# The benches bring their own data: the demo year is not loaded unless a bench turns it back on.
unpack() {
  rm -rf "$home"; tar -xzf "$tarball" -C "$work"
  sed -i 's/^load *=.*/load = false/' "$home/etc/org.lvyue.demo.cfg"
}

# Stops it, waiting up to 10 s before killing it.
stop_distribution() {
  "$home/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do pgrep -f "$home" >/dev/null || return 0; sleep 0.1; done
  pkill -9 -f "$home" || true
}

cleanup() { stop_distribution; rm -rf "$work"; }

domain_active() { curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q "\"$1\".*\"ACTIVE\""; }

await_domain() { until domain_active "$1"; do sleep 0.05; done; }

# The test class path of a module (dependencies and their own classes), for `java -cp ... Bench.java`.
test_classpath() {
  local out; out=$(mktemp)
  (cd "$1" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out" >/dev/null)
  cat "$out"; rm -f "$out"
}
