# Shared by the bench scripts (source it): the built distribution, unpacked fresh into a temporary
# folder, started and stopped on loopback; and the test class path of a module for the Java benches.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
# TARBALL: another build of the distribution than this work tree's (e.g. to compare before and after)
tarball=${TARBALL:-karaf-assembly/distribution/target/lvyue-distribution-$version.tar.gz}
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

# KEEP_LOG=file keeps the distribution's log (for reading what the server did during a bench).
# KEEP_CORRUPT=dir keeps the store (data/lvyue) and the log there when the log shows H2 finding its file corrupted.
cleanup() {
  stop_distribution
  if [ -n "${KEEP_LOG:-}" ]; then cp "$home/data/log/karaf.log" "$KEEP_LOG" 2>/dev/null || true; fi
  if [ -n "${KEEP_CORRUPT:-}" ] && grep -qs "File corrupted" "$home"/data/log/karaf.log*; then
    mkdir -p "$KEEP_CORRUPT" && cp -r "$home/data/lvyue" "$home/data/log" "$KEEP_CORRUPT/" 2>/dev/null || true
    echo "H2 reported a corrupted file: the store and the log are kept in $KEEP_CORRUPT" >&2
  fi
  rm -rf "$work"
}

domain_active() { curl -s -m 1 http://127.0.0.1:8181/api/health | grep -q "\"$1\".*\"ACTIVE\""; }

await_domain() { until domain_active "$1"; do sleep 0.05; done; }

# Waits until the node is UP and nothing runs in the background after readiness (the evidence chains' verification):
# a bench that measures one thing must not meet the start's own work.
await_settled() {
  until curl -s -m 1 http://127.0.0.1:8181/api/health | tr -d ' \n' | grep -q '"status":"UP".*"background":\[\]'; do
    sleep 0.1
  done
}

# Turns the demo year on at scale $1, starts the distribution and waits until the year is loaded and
# the findings stand on the last rule set (the load of a bench must not meet the start-up's work).
start_with_demo_year() {
  local scale=$1 t0
  sed -i "s/^load *=.*/load = true/; s/^scale *=.*/scale = $scale/" "$home/etc/org.lvyue.demo.cfg"
  "$home/bin/start"
  t0=$(now)
  until [ -f "$home/data/lvyue/demo-year.loaded" ]; do
    # a JVM that did not start (bad EXTRA_JAVA_OPTS) or died fails the bench instead of leaving it waiting
    if ! pgrep -f -- "-Dkaraf.home=$home" >/dev/null && [ "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{print (b-a>5)}')" = 1 ]; then
      echo "the distribution is not running; its log: $home/data/log/karaf.log" >&2; exit 1
    fi
    sleep 0.5
  done
  awk -v a="$t0" -v b="$(now)" -v s="$scale" 'BEGIN{printf "demo year (scale %s) generated and loaded in %.0f s\n", s, b-a}'
  until [ "$(json_number http://127.0.0.1:8181/api/health ruleSetVersion)" = \
          "$(json_number http://127.0.0.1:8181/api/contracts/bj-hrss-2022 findingsRuleSetVersion)" ]; do sleep 0.5; done
}

json_number() { curl -s -u evaluator:evaluator "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }

# Runs a command in the distribution's shell over SSH as a demo user (password = user name), with
# OpenSSH (Karaf's bin/client closes a session without a terminal before it prints).
karaf_shell() {
  local user=$1; shift
  printf '#!/bin/sh\necho %s\n' "$user" > "$work/askpass"; chmod +x "$work/askpass"
  SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 ssh -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p 8101 "$user@127.0.0.1" "$*" < /dev/null
}

# The pid of the distribution's JVM.
karaf_pid() { pgrep -n -f -- "-Dkaraf.home=$home" ; }

# The test class path of a module (dependencies and their own classes), for `java -cp ... Bench.java`.
test_classpath() {
  local out; out=$(mktemp)
  # BENCH_MVN_ARGS: e.g. "-o -Dmaven.repo.local=/path" for another local repository than ~/.m2
  (cd "$1" && mvn -B -q ${BENCH_MVN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out" >/dev/null)
  cat "$out"; rm -f "$out"
}

# Times in seconds, one a line, on stdin: "median M ms, p95 P ms, max X ms, N" (N: how many).
latencies() {
  sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms, p95 %.0f ms, max %.0f ms, %d\n", a[int((NR+1)/2)]*1000,
    a[int(NR*0.95+0.5)]*1000, a[NR]*1000, NR}'
}
