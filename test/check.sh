#!/usr/bin/env bash
# Every test: installs what is missing; builds the extension assertion-enabled
# with warnings as errors (in the work area: the checkout is left as it is);
# runs the C unit tests of the plain-C core (optimised and under sanitizers),
# the pg_regress suite (sql/, expected/) and the script tests in
# test/scripts/ against a throwaway cluster.  Independent parts run at the
# same time: the unit tests alongside the build, then pg_regress and every
# script test together (each script test makes its own databases), and the
# plain (non-assert) build is compiled meanwhile.  The last lines are the
# wall and CPU time and "N passed, M failed"; the exit status is non-zero on
# any failure.
. "$(dirname "$0")/lib/env.sh"

start=$(date +%s.%N)
DP_T0=$SECONDS
PASSED=0 FAILED=0
# add_counts LOG: add up the "N passed, M failed" lines of a test's output
add_counts() {
  local p f
  while read -r p f; do PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); done \
    < <(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' "$1")
}

dp_ensure_packages
dp_pg_config
mkdir -p "$DP_WORK"
LOGS=$DP_WORK/logs
rm -rf "$LOGS" && mkdir -p "$LOGS"

# run NAME COMMAND...: a part of the run in the background, its output in
# $LOGS/NAME.log followed by "exit STATUS" and "seconds S" (when it ended)
run() {
  local name=$1; shift
  ( "$@" >"$LOGS/$name.log" 2>&1; echo "exit $?" >>"$LOGS/$name.log"
    echo "seconds $((SECONDS - DP_T0))" >>"$LOGS/$name.log" ) &
  pids+=($!)
}
status_of() { sed -n 's/^exit //p' "$LOGS/$1.log"; }
pids=()

# the C unit tests under sanitizers need only the compiler: they run while the
# extension builds, against the core the fuzz harnesses use (clang, ASan +
# UBSan, compiled once under the lock test/fuzz/run.sh takes); the optimised
# ones link the core objects of the extension build
unit_san() {
  local fz=$DP_WORK/fuzz/build
  mkdir -p "$fz"
  flock "$fz.lock" make -s -j2 -f "$DP_ROOT/test/fuzz/Makefile" O="$fz" "$fz/libcore.a" &&
    make -s -j2 -f "$DP_ROOT/test/unit/Makefile" O="$DP_WORK/unit" FLAVOURS=san CC_san=clang CXX_san=clang++ \
      CORE_OBJS_san="$(echo "$fz"/core/*.o)"
}
dp_say "C unit tests with AddressSanitizer/UBSan, in the background"
run unit-san unit_san

# no JIT bitcode in the test builds: the tests do not need it and it doubles the compiling
DP_BUILD=$DP_WORK/build-assert
dp_build WERROR=1 ASSERTS=1 with_llvm=no
build_end=$((SECONDS - DP_T0))
dp_say "C unit tests of the core as the extension build compiled it, in the background"
run unit-plain make -s -j2 -f "$DP_ROOT/test/unit/Makefile" O="$DP_WORK/unit" FLAVOURS=plain \
  CORE_OBJS_plain="$(echo "$DP_BUILD"/src/core/*.o)"
dp_stage WERROR=1 ASSERTS=1 with_llvm=no
trap dp_cluster_stop EXIT
# throwaway clusters (this one and those the script tests start) whose
# durability no test here checks (the crash test, test/load/run.sh, runs a
# cluster of its own): no waiting for the disk
export DP_SERVER_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
# Everything below shares two cores, so the wall time is set by the longest
# chains: the builds and unit tests (compilers, then the tests), the upgrade
# script (a long series of steps) and the fuzz harnesses (a clang build, then
# six runs one after another).  They run at normal priority; the shared
# cluster and the other script tests (and the clusters they start) at
# niceness LOW_PRIORITY, so they fill the cores around them.
LOW_PRIORITY=5
LONG_SCRIPTS=" upgrade fuzz "
DP_SERVER_NICE=$LOW_PRIORITY dp_cluster_start

# pg_regress and every script test at once; the plain build compiles meanwhile
dp_say "pg_regress, script tests and the plain build, concurrently"
# (the plain-C core includes no PostgreSQL header, so USE_ASSERT_CHECKING
# leaves its objects as they are: the plain build takes them from the
# assertion-enabled one and compiles the glue)
plain_build() {
  DP_BUILD=$DP_WORK/build-plain
  mkdir -p "$DP_BUILD/src/core" && cp -p "$DP_WORK/build-assert/src/core/"*.o "$DP_BUILD/src/core/"
  dp_make -j2 WERROR=1 with_llvm=no
}
run plain-build plain_build
run regress dp_make installcheck
scripts=()
for t in "$DP_ROOT"/test/scripts/*.sh; do
  [[ -e $t ]] || continue
  n=$(basename "$t" .sh); scripts+=("$n")
  # DP_CHECK: a script may relax timing bounds that a loaded machine cannot keep
  prio=(nice -n "$LOW_PRIORITY"); [[ $LONG_SCRIPTS == *" $n "* ]] && prio=()
  run "script-$n" "${prio[@]}" env DP_BIN="$DP_BIN" DP_CHECK=1 bash "$t"
done
wait "${pids[@]}"

# the reports, in a fixed order
for u in unit-plain unit-san; do
  dp_say "C unit tests (${u#unit-})"
  if [[ $(status_of $u) -ne 0 ]]; then grep -v '^ok - ' "$LOGS/$u.log" >&2; fi
  grep -q ' passed, ' "$LOGS/$u.log" || { cat "$LOGS/$u.log" >&2; FAILED=$((FAILED + 1)); }
  add_counts "$LOGS/$u.log"
done

dp_say "plain (non-assert) build with warnings as errors"
if [[ $(status_of plain-build) -eq 0 ]]; then
  echo "  ok"; PASSED=$((PASSED + 1))
else
  sed 's/^/  /' "$LOGS/plain-build.log" >&2; FAILED=$((FAILED + 1))
fi

dp_say "pg_regress"
rc=$(status_of regress)
p=$(grep -cE '\.\.\. +ok' "$LOGS/regress.log")
f=$(grep -cE '\.\.\. +(FAILED|failed)' "$LOGS/regress.log")
# pg_regress can stop without a FAILED line (e.g. a missing expected file)
[[ $rc -ne 0 && $f -eq 0 ]] && { tail -n 3 "$LOGS/regress.log" >&2; f=1; }
grep -E '\.\.\. ' "$LOGS/regress.log" | sed 's/^/  /'
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
[[ $p -gt 0 ]] || { cat "$LOGS/regress.log" >&2; FAILED=$((FAILED + 1)); }
[[ -s $DP_BUILD/regression.diffs ]] && cat "$DP_BUILD/regression.diffs" >&2

for n in "${scripts[@]}"; do
  log=$LOGS/script-$n.log
  dp_say "$n.sh"
  rc=$(status_of "script-$n")
  grep -vE '^ok |^exit [0-9]+$|^seconds [0-9]+$' "$log" | sed 's/^/  /'
  if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$log"; then
    FAILED=$((FAILED + 1))
  elif [[ $rc -ne 0 ]] && ! grep -qE '^[0-9]+ passed, [1-9][0-9]* failed$' "$log"; then
    FAILED=$((FAILED + 1))
  fi
  add_counts "$log"
done

# when each part ended (seconds from the start): the critical path
echo "ended at (s): build $build_end, $(for l in "$LOGS"/*.log; do
  printf '%s %s, ' "$(basename "$l" .log)" "$(sed -n 's/^seconds //p' "$l")"; done | sed 's/, $//')"
# CPU time: this script's children (make, compilers, psql, tests) and the
# server (the postmaster and the backends it has reaped)
ticks=$(getconf CLK_TCK)
read -r srv_user srv_sys < <(sed 's/^.*) //' "/proc/$(head -n 1 "$DP_DATA/postmaster.pid")/stat" |
  awk -v t="$ticks" '{ printf "%.1f %.1f\n", ($12 + $14) / t, ($13 + $15) / t }')
times >"$LOGS/times"
read -r own_user own_sys < <(tail -n 1 "$LOGS/times" |
  awk '{ for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s[i] = a[1] * 60 + a[2] } printf "%.1f %.1f\n", s[1], s[2] }')
awk -v s="$start" -v e="$(date +%s.%N)" -v u="$own_user" -v y="$own_sys" -v su="$srv_user" -v sy="$srv_sys" \
  'BEGIN { printf "time: %.0f s wall; CPU %.0f s user + %.0f s sys (server: %.0f s + %.0f s)\n", e - s, u + su, y + sy, su, sy }'
echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
