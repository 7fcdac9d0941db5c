#!/usr/bin/env bash
# Every test: installs what is missing, builds with warnings as errors, runs
# the C unit tests of the plain-C core (optimised and under sanitizers), the
# pg_regress suite (sql/, expected/) and the script tests in test/scripts/
# against a throwaway cluster.  The last line is "N passed, M failed"; the
# exit status is non-zero on any failure.
. "$(dirname "$0")/lib/env.sh"

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
dp_say "clean build with warnings as errors"
make -C "$DP_ROOT" -s clean PG_CONFIG="$PG_CONFIG" >/dev/null 2>&1
dp_build WERROR=1
dp_stage
trap dp_cluster_stop EXIT
dp_cluster_start

dp_say "C unit tests (optimised and with AddressSanitizer/UBSan)"
if ! make -C "$DP_ROOT/test/unit" -s >"$DP_WORK/unit.log" 2>&1; then
  grep -v '^ok - ' "$DP_WORK/unit.log" >&2
fi
grep -q ' passed, ' "$DP_WORK/unit.log" || { cat "$DP_WORK/unit.log" >&2; FAILED=$((FAILED + 1)); }
add_counts "$DP_WORK/unit.log"

dp_say "pg_regress"
rm -f "$DP_ROOT/regression.diffs"
make -C "$DP_ROOT" -s installcheck PG_CONFIG="$PG_CONFIG" >"$DP_WORK/regress.log" 2>&1
rc=$?
p=$(grep -cE '\.\.\. +ok' "$DP_WORK/regress.log")
f=$(grep -cE '\.\.\. +(FAILED|failed)' "$DP_WORK/regress.log")
# pg_regress can stop without a FAILED line (e.g. a missing expected file)
[[ $rc -ne 0 && $f -eq 0 ]] && { tail -n 3 "$DP_WORK/regress.log" >&2; f=1; }
grep -E '\.\.\. ' "$DP_WORK/regress.log" | sed 's/^/  /'
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
[[ $p -gt 0 ]] || { cat "$DP_WORK/regress.log" >&2; FAILED=$((FAILED + 1)); }
[[ -s $DP_ROOT/regression.diffs ]] && cat "$DP_ROOT/regression.diffs" >&2

for t in "$DP_ROOT"/test/scripts/*.sh; do
  [[ -e $t ]] || continue
  dp_say "$(basename "$t")"
  DP_BIN=$DP_BIN bash "$t" >"$DP_WORK/script.log" 2>&1
  rc=$?
  grep -vE '^ok ' "$DP_WORK/script.log" | sed 's/^/  /'
  if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$DP_WORK/script.log"; then
    FAILED=$((FAILED + 1))
  elif [[ $rc -ne 0 ]] && ! grep -qE '^[0-9]+ passed, [1-9][0-9]* failed$' "$DP_WORK/script.log"; then
    FAILED=$((FAILED + 1))
  fi
  add_counts "$DP_WORK/script.log"
done

echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
