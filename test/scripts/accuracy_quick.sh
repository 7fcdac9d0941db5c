#!/usr/bin/env bash
# The accuracy benchmark's quick mode: auto on 60 fixed M3 series must not score worse
# than the recorded sMAPE plus 0.05 (test/bench/accuracy.sh --quick).
exec "$(cd "$(dirname "$0")/.." && pwd)/bench/accuracy.sh" --quick
