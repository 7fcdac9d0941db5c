# test/bench/lib.sh: shared set-up of the benchmark scripts that run in a
# database of their own (accuracy.sh, ets_vs_r.sh).  Source it, then:
#
#   bench_start NAME   against the cluster PGHOST/PGPORT/PGUSER name when PGHOST
#                      is set, otherwise a private throwaway one (test/lib/env.sh,
#                      built as test/check.sh builds); a database dp_NAME_PID with
#                      the extension, P the psql command for it (unaligned, tuples
#                      only, stops on error) and W a scratch directory, all removed
#                      (and a private cluster stopped) on exit
#   bench_load_m3      the M3 series of test/bench/data/m3.csv in table m3, each
#                      history as dp.capvec hist ('other' series have no calendar
#                      and are read as yearly, without a season)

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

bench_start() {
  if [[ -z ${PGHOST:-} ]]; then
    . "$BENCH_DIR/../lib/env.sh"
    dp_setup >&2
  fi
  W=$(mktemp -d)
  db=dp_$1_$$
  P=(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db")
  trap bench_cleanup EXIT
  psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
  "${P[@]}" -c "CREATE EXTENSION defence_production" >/dev/null || exit 1
}

# what bench_start made: the database, the scratch directory, a private cluster
bench_cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  rm -rf "$W"
  if [[ -n ${DP_DATA:-} ]]; then dp_cluster_stop; fi
}

bench_load_m3() {
  "${P[@]}" >/dev/null <<SQL || exit 1
CREATE TABLE m3 (id text PRIMARY KEY, period text, type text, start_year int, start_step int,
                 horizon int, history text, future text);
\copy m3 FROM '$BENCH_DIR/data/m3.csv' CSV HEADER
ALTER TABLE m3 ADD hist dp.capvec;
UPDATE m3 SET hist = dp.capvec(CASE period WHEN 'other' THEN 'year' ELSE period END,
  CASE period WHEN 'month' THEN make_date(start_year, start_step, 1)
              WHEN 'quarter' THEN make_date(start_year, 3 * start_step - 2, 1)
              ELSE make_date(greatest(start_year, 1), 1, 1) END,
  string_to_array(history, ' ')::float8[]);
SQL
}
