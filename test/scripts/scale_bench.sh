#!/usr/bin/env bash
# The scale benchmark of the materialised outlook in its quick mode (300
# stockpiles), so that it keeps working; the figures are printed for
# information only (targets are judged on full-size runs: test/bench/scale.sh 1).
here=$(cd "$(dirname "$0")/.." && pwd)
if out=$("$here/bench/scale.sh" --quick 0.001 2>&1) && [[ $out == *"targets met"* ]]; then
  echo "ok scale benchmark, quick mode"; echo "$out" | sed 's/^/  /'; echo "1 passed, 0 failed"
else
  echo "not ok scale benchmark, quick mode"; echo "$out" | sed 's/^/  /'; echo "0 passed, 1 failed"
fi
