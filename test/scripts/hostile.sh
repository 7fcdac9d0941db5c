#!/usr/bin/env bash
# Hostile SQL (hostile.sql): mutated strings through every input path of the
# extension's types, and every SQL function of schema dp called with NULLs,
# empty vectors, NaN, infinities, extreme and mismatched values, each call a
# statement of its own under statement_timeout.  Only the SQLSTATEs the
# README documents may come back: never XX000 (internal error), never a
# timeout (a hang), never a lost connection (a crash).
#
#   test/scripts/hostile.sh           quick: 5,000 strings per input path, 25 calls per function
#                                     (test/check.sh runs it against its server)
#   test/scripts/hostile.sh --full    100,000 strings per input path, 400 calls per function;
#                                     starts a private cluster when PGHOST is not set
#
# Random choices are seeded (setseed), so a run is repeatable.
set -u
here=$(cd "$(dirname "$0")" && pwd)
full=0
[[ ${1:-} == --full ]] && full=1
strings=$([[ $full -eq 1 ]] && echo 100000 || echo 5000)
calls=$([[ $full -eq 1 ]] && echo 400 || echo 25)
# SQLSTATEs a function may raise (README, "Errors"): bad text or binary input,
# bad argument, out of range, division by zero, NULL not allowed, dates,
# size limits
ALLOWED="22P02 22P03 22023 22003 22012 22004 22008 22007 54000"
# the calls' statement_timeout: a call that runs longer is a hang
TIMEOUT=${DP_HOSTILE_TIMEOUT:-20s}

started=0
if [[ -z ${PGHOST:-} ]]; then
  . "$here/../lib/env.sh"
  dp_setup
  started=1
fi
work=$(mktemp -d)
db=dp_hostile_$$
passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  rm -rf "$work"
  [[ $started -eq 1 ]] && dp_cluster_stop
}
trap cleanup EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" "$@"; }
q -c "CREATE EXTENSION defence_production" -f "$here/hostile.sql" >/dev/null 2>"$work/setup.err" \
  || { cat "$work/setup.err"; echo "0 passed, 1 failed"; exit 1; }

# ---- mutated strings, every input path ----
while IFS='|' read -r path source; do
  out=$(q -c "SET statement_timeout = '300s'" -c "SELECT setseed(0.5)" \
          -c "SELECT code || ' ' || hits || ' ' || coalesce(example, '') FROM hostile.run_input('$path', '$source', $strings)" 2>&1)
  if [[ $? -ne 0 ]]; then
    not_ok "$path from $source: $out"
    continue
  fi
  bad=$(awk -v allowed="ok $ALLOWED" 'BEGIN { n = split(allowed, a, " "); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
                                      NF && !($1 in ok)' <<<"$out")
  summary=$(awk 'NF { printf "%s%s %s", sep, $1, $2; sep = ", " }' <<<"$out")
  if [[ -z $bad ]]; then
    ok "$strings mutated strings to $path from $source: $summary"
  else
    not_ok "$path from $source: undocumented SQLSTATE (code, count, example): $bad"
  fi
done < <(q -c "SELECT path || '|' || source FROM hostile.input_path ORDER BY 1")

# ---- every function with hostile arguments ----
missing=$(q -c "SELECT string_agg(typ, ', ') FROM hostile.missing_pool")
if [[ -n $missing ]]; then
  not_ok "argument types without values in hostile.sql (add them to the pool): $missing"
fi
nfunc=$(q -c "SELECT count(*) FROM hostile.target_function")
{ echo "SET statement_timeout = '$TIMEOUT';"
  q -c "SELECT setseed(0.25)" -c "SELECT hostile.calls($calls)"; } >"$work/calls.sql" 2>"$work/calls.err" \
  || { not_ok "generating the calls: $(cat "$work/calls.err")"; }
ncalls=$(grep -c '^SELECT' "$work/calls.sql")
start=$SECONDS
psql -X -q -d "$db" -f "$work/calls.sql" >"$work/calls.out" 2>"$work/calls.log"
rc=$?
elapsed=$((SECONDS - start))
if [[ $rc -ne 0 ]] || grep -qE 'server closed the connection|connection to server was lost|terminated abnormally' "$work/calls.log"; then
  not_ok "the calls ended with status $rc: $(grep -E 'FATAL|server closed|lost|terminated' "$work/calls.log" | head -n 3)"
fi
# "E k SQLSTATE 'message'": look up statement k (the k-th SELECT line)
grep -v '^SET' "$work/calls.sql" | grep '^SELECT' >"$work/statements"
bad=0
codes=$(awk '$1 == "E" { print $3 }' "$work/calls.out" | sort | uniq -c | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')
while read -r _ k code msg; do
  case " $ALLOWED " in *" $code "*) continue ;; esac
  bad=$((bad + 1))
  [[ $bad -le 20 ]] && not_ok "$code $msg from: $(sed -n "${k}p" "$work/statements" | cut -c1-300)"
done < <(awk '$1 == "E"' "$work/calls.out")
[[ $bad -gt 20 ]] && not_ok "... and $((bad - 20)) more undocumented SQLSTATEs"
if [[ $bad -eq 0 && $rc -eq 0 && $ncalls -gt 0 ]]; then
  ok "$ncalls calls of $nfunc functions in $elapsed s, each under statement_timeout $TIMEOUT: only documented SQLSTATEs ($codes)"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
