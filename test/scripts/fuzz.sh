#!/usr/bin/env bash
# The libFuzzer harnesses of test/fuzz, quickly: built, run over their
# committed corpora (every past finding is in them) and a few thousand new
# inputs each.  The long runs are test/fuzz/run.sh (see the README).  Needs
# no server.
exec bash "$(dirname "$0")/../fuzz/run.sh" --quick
