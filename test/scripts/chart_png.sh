#!/usr/bin/env bash
# Renders the demo's chart (test/demo_chart.sql) and charts of dp.svg_chart's
# edge cases to PNG with librsvg's rsvg-convert (Debian librsvg2-bin), so an
# SVG a renderer rejects fails the run: each PNG must be written with the
# SVG's width and height and carry a drawing (not a blank page).  The files
# stay in the work area's charts/ directory for a look.  Uses the server that
# PGHOST/PGPORT name.
set -u
. "$(dirname "$0")/../lib/env.sh"
db=dp_chart_png_$$
out=$DP_WORK/charts
passed=0 failed=0
ok() { echo "ok $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok $*"; failed=$((failed + 1)); }

command -v rsvg-convert >/dev/null || { echo "not ok rsvg-convert not found (Debian librsvg2-bin)"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$out" && mkdir -p "$out"
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" \
  -c "SELECT dp.load_sample_data()" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

# render NAME: NAME.svg to NAME.png; the PNG's size (IHDR) must be the SVG's, and
# its compressed size shows a drawing (a blank page of this size is about 2 kB)
render() {
  local name=$1 svg=$out/$1.svg png=$out/$1.png min=${2:-4000} err
  if ! err=$(rsvg-convert -o "$png" "$svg" 2>&1); then
    not_ok "$name: rsvg-convert rejects the SVG: $err"; return
  fi
  /usr/bin/python3 - "$svg" "$png" "$min" <<'EOF' && ok "$name: rendered to $png" || not_ok "$name: $png"
import re, struct, sys
svg, png, least = open(sys.argv[1]).read(), open(sys.argv[2], 'rb').read(), int(sys.argv[3])
w, h = map(int, re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', svg).groups())
assert png[:8] == b'\x89PNG\r\n\x1a\n' and png[12:16] == b'IHDR', 'not a PNG'
got = struct.unpack('>II', png[16:24])
assert got == (w, h), f'PNG is {got[0]}x{got[1]}, the SVG {w}x{h}'
assert len(png) >= least, f'PNG of {len(png)} bytes: blank?'
EOF
}

# the demo's chart, and what the demo says about the nation it leaves out
note=$(psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v chart="$out/demo.svg" -f "$DP_ROOT/test/demo_chart.sql" \
         -c '\echo :chart_note' 2>&1)
if [[ $note == "USA is left out of the chart: its 420,000 rounds on hand (target 600,000)"* ]]; then
  ok "demo: the note names the nation left out, with its figures"
else
  not_ok "demo: note [$note]"
fi
grep -q '>Projected 155 mm stock by nation, month end (USA not shown)</text>' "$out/demo.svg" &&
  grep -q '>POL target</text>' "$out/demo.svg" && grep -q '>below 0: backorders (rounds owed)</text>' "$out/demo.svg" &&
  grep -q '>2025-07</text>' "$out/demo.svg" && grep -q '>2027-06</text>' "$out/demo.svg" &&
  grep -q '>300,000</text>' "$out/demo.svg" && ok "demo: title, targets, backorder band, both ends of the time axis, separators" ||
  not_ok "demo: the chart lacks what a planner reads"
render demo 20000

# edge cases: extreme values, the longest series allowed, the most series, negative only, empty
# and single-period series, long Unicode labels, text XML cannot carry
chart() {
  psql -X -q -A -t -d "$db" -v ON_ERROR_STOP=1 -c "SELECT $2" -o "$out/$1.svg" 2>&1 ||
    not_ok "$1: the chart failed"
}
chart huge "dp.svg_chart(ARRAY['month 2024-01-01 [-1.7e308,1.7e308,0]'::dp.capvec, 'month 2024-02-01 [5e-324]'],
                         ARRAY['a', 'b'], 'huge', targets => ARRAY[1.7976931348623157e308, NULL]::float8[],
                         negative_label => 'owed')"
chart long "dp.svg_chart(array_agg(dp.capvec('day', '2000-01-03', v) ORDER BY k), NULL, 'long')
              FROM generate_series(1, 10) k,
                   LATERAL (SELECT array_agg(sin(g / (10.0 + k)) * 1e6 ORDER BY g) v FROM generate_series(1, 10000) g) d"
chart many "dp.svg_chart(array_agg(dp.capvec('month', '2024-01-01', v) ORDER BY k), array_agg('series ' || k ORDER BY k), 'many')
              FROM generate_series(1, 100) k,
                   LATERAL (SELECT array_agg(k * 1000 - g * 100 ORDER BY g) v FROM generate_series(1, 24) g) d"
chart negative "dp.svg_chart(ARRAY['quarter 2024-01-01 [-5,-100,-2500.5]'::dp.capvec], ARRAY['DEU'], 'negative',
                             y_title => 'rounds', negative_label => 'backorders')"
chart sparse "dp.svg_chart(ARRAY['year 2024-01-01 []'::dp.capvec, 'year 2030-01-01 [7]', 'year 2024-01-01 [1,2]'],
                           ARRAY[NULL, 'one', repeat('é', 100)], repeat('Ω', 200), y_title => repeat('ü', 100),
                           targets => ARRAY[3, NULL, 0])"
chart xml "dp.svg_chart(ARRAY['week 2024-01-01 [1,2,3]'::dp.capvec], ARRAY[E'<a>&\"\\x01' || U&'\\FFFE\\FFFF'], E'\\x02 & <t>')"
for c in huge long many negative sparse xml; do render "$c"; done

# the check can fail: a malformed SVG is rejected
head -c 2000 "$out/demo.svg" >"$out/malformed.svg"
if rsvg-convert -o "$out/malformed.png" "$out/malformed.svg" 2>/dev/null; then
  not_ok "rsvg-convert accepted a malformed SVG"
else
  ok "rsvg-convert rejects a malformed SVG"
fi
echo "$passed passed, $failed failed"
