#!/usr/bin/env bash
# Runs every benchmark at a small size so that they keep working; the figures
# are printed for information only (speed is judged on full-size runs, as ratios).
here=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
for f in "$here"/bench/*.sql; do
  m=$(basename "$f" .sql); [[ $m == lib ]] && continue
  if out=$("$here/bench/run.sh" 2000 "$m" 2>&1); then
    echo "ok bench $m"; echo "$out" | sed 's/^/  /'; passed=$((passed + 1))
  else
    echo "not ok bench $m"; echo "$out" | sed 's/^/  /'; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
