#!/usr/bin/env bash
# Issue #25's figure: the time of one login with the password policy and the lock check, on the distribution as
# shipped (demo profile, no demo year): $1 (default 20) console logins (POST /api/session: the lock and address
# check, the policy, the realm's PBKDF2 check of 600,000 iterations, the activity trail), as many refused logins (a
# wrong password: the same work, then the failure counted), and as many cached HTTP Basic requests (GET /api/me
# within the minute a login is remembered), each timed by curl; median and 90th percentile in milliseconds. Also the
# refusal of a locked account (no hash) and of an unknown user name. Last, a login by SM2 signature
# (bench/CertificateLoginBench.java): the engineer registers a certificate, then $1 logins by signature; a build
# without that login (TARBALL of an older one) prints that it has none.
# Uses port 8181: run it under `flock /tmp/lvyue-it.lock`. TARBALL=... runs another build (before/after).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT
n=${1:-20}
unpack
# every refused login below comes from 127.0.0.1: keep the address's slow-down out of what is timed
echo "addressFreeFailures = 100000" >> "$home/etc/org.lvyue.security.cfg"
"$home/bin/start"
api=http://127.0.0.1:8181/api
until curl -s -o /dev/null -w '%{http_code}' -u admin:admin "$api/me" | grep -q 200; do sleep 0.5; done
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms, p90 %.0f ms (%d)\n", a[int((NR+1)/2)], a[int(NR*0.9+0.5)], NR}'; }
time_ms() { curl -s -o /dev/null -w '%{time_total}\n' "$@" | awk '{printf "%.1f\n", $1 * 1000}'; }
for _ in $(seq 1 5); do time_ms -H 'Content-Type: application/json' -d '{"user":"admin","password":"admin"}' "$api/session" >/dev/null; done
echo "console login (POST /api/session), $n: $(for _ in $(seq 1 "$n"); do
  time_ms -H 'Content-Type: application/json' -H 'X-Requested-With: XMLHttpRequest' -d '{"user":"engineer","password":"engineer"}' "$api/session"
done | stats)"
refuse() { time_ms -H 'Content-Type: application/json' -H 'X-Requested-With: XMLHttpRequest' \
  -d "{\"user\":\"$1\",\"password\":\"wrong-password\"}" "$api/session"; }
echo "refused login, a wrong password of an existing user (4 each of the 4 demo users: checked, hashed, counted), 16: $(
  for u in admin engineer evaluator collector; do for _ in 1 2 3 4; do refuse "$u"; done; done | stats)"
refuse evaluator >/dev/null   # the fifth failure: evaluator is locked now
echo "refused login of a locked account (429 before any hash), $n: $(for _ in $(seq 1 "$n"); do refuse evaluator; done | stats)"
echo "refused login of an unknown user name, $n: $(for i in $(seq 1 "$n"); do refuse "nobody$i"; done | stats)"
echo "HTTP Basic request, login remembered (GET /api/me), $n: $(for _ in $(seq 1 "$n"); do time_ms -u admin:admin "$api/me"; done | stats)"
cp_security=$(test_classpath bundles/compliance-security)
if curl -s -o /dev/null -w '%{http_code}' -X POST "$api/session/challenge" | grep -q 200; then
  java -cp "$cp_security" bench/CertificateLoginBench.java http://127.0.0.1:8181 engineer engineer "$n"
else
  echo "console login by SM2 signature: not in this build"
fi
