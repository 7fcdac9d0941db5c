#!/usr/bin/env bash
# The log-likelihood of fixed ETS models, dp.forecast_fit(history, 'ets', model => ...),
# against what R forecast 8.20's ets() reaches on the same M3 monthly series and models:
#   - the model R's automatic ets() chose for each series (test/bench/data/m3_ets_r.csv,
#     made by test/bench/r/ets_auto.R), and
#   - ETS(A,Ad,N) and ETS(M,A,M) on every series (test/bench/data/m3_monthly_ets_r.csv,
#     made by test/bench/r/ets_fixed.R).
# Prints, per model, the share of series where the log-likelihood here is at least R's
# (within 1e-6 relative) and how far the others fall short.  Needs neither R nor its
# packages: their results are in the CSV files.
#
#   ./test/bench/ets_vs_r.sh        (against PGHOST/PGPORT/PGUSER, or a private cluster)
set -u
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
. "$here/lib.sh"
bench_start ets_vs_r
python3 - "$data" "$W" <<'PY' || exit 1
import csv, sys
data, w = sys.argv[1], sys.argv[2]
with open(f'{w}/ref.csv', 'w', newline='') as out:
    o = csv.writer(out)
    for r in csv.DictReader(open(f'{data}/m3_ets_r.csv')):
        if r['period'] == 'month' and r['loglik'] not in ('', 'NA'):
            code = r['model'][4:-1].replace(',', '')   # ETS(M,Ad,N) -> MAdN
            o.writerow([r['id'], 'chosen by R: ' + code, code, r['loglik']])
    for r in csv.DictReader(line for line in open(f'{data}/m3_monthly_ets_r.csv') if not line.startswith('#')):
        o.writerow([r['id'], r['model'], r['model'], r['loglik']])
PY
bench_load_m3
"${P[@]}" >/dev/null <<SQL || exit 1
DELETE FROM m3 WHERE period <> 'month';
CREATE TABLE ref (id text, label text, model text, loglik float8);
\copy ref FROM '$W/ref.csv' CSV
SQL
"${P[@]}" -F ' | ' <<'SQL'
\pset footer off
\pset tuples_only off
\pset format aligned
WITH f AS (
  SELECT r.label, r.loglik AS r_loglik, (dp.forecast_fit(m.hist, 'ets', model => r.model)).loglik AS loglik
    FROM ref r JOIN m3 m USING (id)
)
SELECT coalesce(label, 'all fits') AS model, count(*) AS series,
       round(100.0 * avg((loglik >= r_loglik - 1e-6 * abs(r_loglik))::int), 2) AS "at least R (%)",
       round(100.0 * avg((loglik > r_loglik + 1e-6 * abs(r_loglik))::int), 2) AS "above R (%)",
       round(avg(loglik - r_loglik)::numeric, 3) AS "mean gain",
       round(min(loglik - r_loglik)::numeric, 4) AS "worst"
  FROM f GROUP BY ROLLUP (label) ORDER BY label NULLS LAST;
SQL
