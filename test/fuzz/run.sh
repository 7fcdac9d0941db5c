#!/usr/bin/env bash
# test/fuzz/run.sh: build the libFuzzer harnesses of the plain-C core and run
# them (see the top-level README.md, "Tests that keep it so").
#
#   test/fuzz/run.sh                 every harness for its full count (10,000,000
#                                    executions per parser, 1,000,000 for the kernels)
#   test/fuzz/run.sh --quick         every harness over its seed corpus and a few more
#                                    executions (20,000; 1,000 for the kernels):
#                                    what test/check.sh runs (test/scripts/fuzz.sh)
#   test/fuzz/run.sh [--runs N] [harness ...]   chosen harnesses, N executions each
#
# Each harness starts from the committed corpus (test/fuzz/corpus/<name>/),
# copied to the work area; new inputs stay there (--save copies them back).
# A finding (crash, sanitizer report, broken invariant, timeout, memory
# blow-up) stops that harness and leaves the input in the work area's
# artifacts directory: turn it into a regression test.  The last lines are
# one "harness: N executions, K findings" per harness and "N passed, M failed".
. "$(dirname "$0")/../lib/env.sh"

quick=0 runs= save=0 harnesses=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --save) save=1 ;;
    *) harnesses+=("$1") ;;
  esac
  shift
done
HERE=$DP_ROOT/test/fuzz
OUT=$DP_WORK/fuzz
mkdir -p "$OUT"
command -v clang >/dev/null || dp_die "clang is missing (apt-get install clang libclang-rt-14-dev)"
# (under a lock: test/check.sh's unit tests build the same core library)
flock "$OUT/build.lock" make -s -j2 -f "$HERE/Makefile" O="$OUT/build" >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log" >&2; dp_die "building the fuzz harnesses failed"; }
[[ ${#harnesses[@]} -gt 0 ]] || harnesses=($(cd "$HERE" && ls fuzz_*.c | sed 's/\.c$//'))

passed=0 failed=0
for h in "${harnesses[@]}"; do
  h=${h%.c}; name=${h#fuzz_}; h=fuzz_$name
  n=${runs:-$([[ $name == kernels ]] && echo 1000000 || echo 10000000)}
  [[ $quick -eq 1 ]] && n=$([[ $name == kernels ]] && echo 1000 || echo 20000)
  corpus=$OUT/corpus/$name art=$OUT/artifacts/$name/
  rm -rf "$art" && mkdir -p "$corpus" "$art"
  cp -n "$HERE/corpus/$name"/* "$corpus"/ 2>/dev/null
  log=$OUT/$name.log
  start=$SECONDS
  # -max_len: texts of a few KB reach every branch (long-number and length
  # limits have their own unit tests); -timeout: a hang is a finding
  "$OUT/build/$h" -runs="$n" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$art" -print_final_stats=1 "$corpus" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  findings=$(ls "$art" 2>/dev/null | wc -l)
  if [[ $rc -eq 0 && $findings -eq 0 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    grep -E 'ERROR|invariant|SUMMARY|runtime error' "$log" | head -n 20 >&2
  fi
  [[ $save -eq 1 ]] && cp -n "$corpus"/* "$HERE/corpus/$name"/ 2>/dev/null
  echo "$name: ${execs:-0} executions in $((SECONDS - start)) s, $findings findings (exit $rc; log $log)"
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
