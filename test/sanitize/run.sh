#!/usr/bin/env bash
# test/sanitize/run.sh: the pg_regress suite against a server that loads the
# extension built with AddressSanitizer and UBSan (see the README's
# reliability section).
#
#   test/sanitize/run.sh [pg_regress test ...]
#
# After pg_regress (all of it, or the tests named) it runs the quick hostile
# SQL test (test/scripts/hostile.sh) against the same server.
#
# The extension is compiled by clang with -fsanitize=address,undefined and
# -shared-libasan, so it uses the shared ASan runtime, and with -fno-wrapv
# (PostgreSQL's flags say -fwrapv, under which a signed overflow is defined
# and UBSan does not report it; our code must not overflow).  The stock postgres
# binary is not instrumented: the runtime is preloaded into the server
# (LD_PRELOAD), followed by asan_early.so, which keeps the runtime's lazy
# initialisation from re-entering glibc's gettext and locale locks (without
# it postgres, initdb and pg_ctl hang in bindtextdomain or setlocale at
# startup; see asan_early.c).  Reports go
# to files in the work area; the run fails on any report, a failed test or a
# server crash.  Leak detection is off: PostgreSQL frees memory by context,
# not by free().  The last line is "N passed, M failed".
. "$(dirname "$0")/../lib/env.sh"

tests=("$@")
dp_ensure_packages
dp_pg_config
command -v clang >/dev/null || dp_die "clang is missing (apt-get install clang libclang-rt-14-dev)"
RUNTIME=$(clang -print-file-name=libclang_rt.asan-x86_64.so)
[[ -f $RUNTIME ]] || dp_die "the shared ASan runtime is missing (apt-get install libclang-rt-14-dev)"

# a work area of its own, so it can run while test/check.sh does
DP_WORK=$DP_WORK-san
DP_BUILD=$DP_WORK/build
DP_DATA=$DP_WORK/data
DP_SOCK=$DP_WORK/sock
REPORTS=$DP_WORK/reports
mkdir -p "$DP_WORK"
SANFLAGS="-fsanitize=address,undefined -fno-wrapv -fno-sanitize-recover=undefined -fno-omit-frame-pointer -shared-libasan"
# clang does not know some of gcc's flags that pg_config hands it
QUIET="-Wno-ignored-attributes -Wno-unknown-warning-option -Wno-ignored-optimization-argument"
# (COPT reaches the C files only; the C++ adapter to the LP solver gets the
# same instrumentation through PG_CXXFLAGS)
MAKEARGS=(CC=clang CXX=clang++ with_llvm=no ASSERTS=1 "COPT=$SANFLAGS $QUIET" "PG_CXXFLAGS=$SANFLAGS $QUIET")
dp_build "${MAKEARGS[@]}"
dp_stage "${MAKEARGS[@]}"
clang -shared -fPIC -O1 -o "$DP_WORK/asan_early.so" "$DP_ROOT/test/sanitize/asan_early.c" \
  || dp_die "building asan_early.so failed"
rm -rf "$REPORTS" && mkdir -p "$REPORTS" && chmod 777 "$REPORTS"
chmod a+rx "$DP_WORK/asan_early.so"

# the server (and initdb, pg_ctl) with the runtime and the shim preloaded
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:log_path=$REPORTS/asan"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$REPORTS/ubsan"
LD_PRELOAD="$RUNTIME $DP_WORK/asan_early.so" dp_cluster_start
trap dp_cluster_stop EXIT

dp_say "pg_regress against the sanitized extension"
rc=0
dp_make installcheck "${MAKEARGS[@]}" ${tests[@]+REGRESS="${tests[*]}"} >"$DP_WORK/regress.log" 2>&1 || rc=$?
grep -E '\.\.\. ' "$DP_WORK/regress.log" | sed 's/^/  /'
p=$(grep -cE '\.\.\. +ok' "$DP_WORK/regress.log")
f=$(grep -cE '\.\.\. +(FAILED|failed)' "$DP_WORK/regress.log")
[[ $rc -ne 0 && $f -eq 0 ]] && { tail -n 5 "$DP_WORK/regress.log" >&2; f=1; }
[[ -s $DP_BUILD/regression.diffs ]] && head -n 100 "$DP_BUILD/regression.diffs" >&2

dp_say "hostile SQL against the sanitized extension"
if bash "$DP_ROOT/test/scripts/hostile.sh" >"$DP_WORK/hostile.log" 2>&1; then
  p=$((p + 1))
else
  f=$((f + 1))
fi
grep -E '^(ok|not ok) ' "$DP_WORK/hostile.log" | cut -c1-200 | sed 's/^/  /'

dp_cluster_stop
trap - EXIT
# sanitizer reports: files in the reports directory, or lines in the server log
nrep=$(find "$REPORTS" -type f | wc -l)
if [[ $nrep -gt 0 ]] || grep -qE 'AddressSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$DP_WORK/server.log"; then
  dp_say "sanitizer reports:"
  find "$REPORTS" -type f -exec cat {} + | head -n 200 >&2
  grep -E -A 20 'AddressSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$DP_WORK/server.log" | head -n 100 >&2
  f=$((f + 1))
else
  echo "  no AddressSanitizer or UBSan report, $(grep -c 'terminated by signal' "$DP_WORK/server.log") server processes killed by a signal"
fi
echo "$p passed, $f failed"
[[ $f -eq 0 ]]
