#!/usr/bin/env bash
# test/load/run.sh: load and crash test (see the README's reliability section).
#
#   test/load/run.sh [seconds]        default 60
#
# On a private cluster of its own, with the sample data loaded:
#  1. Load: pgbench, 16 clients for the given seconds: three nation roles
#     and one Board-level role (mapped with dp.map_role), four clients each,
#     reading every view and table they may read, the nation roles also
#     inserting consumption.  Passes with zero failed transactions and flat
#     private memory: no backend's private memory (Private_Clean +
#     Private_Dirty of /proc/PID/smaps_rollup) between half the run (caches
#     warm: every client has run every script many times) and the end: the
#     mean grows by at most 1 MB, no backend by more than 4 MB.
#  2. Crash: four writers insert consumption rows, each committed one
#     logged once its COMMIT has returned; after a few seconds the cluster's
#     postmaster and its processes are killed with SIGKILL.  After restart
#     (crash recovery), every logged row must be there, and pg_amcheck
#     (heap and B-tree checks, --heapallindexed) must pass on the database.
#     Done twice.
# The last line is "N passed, M failed".
. "$(dirname "$0")/../lib/env.sh"

SECONDS_LOAD=${1:-60}
CLIENTS_PER_ROLE=4
# flat private memory: the mean over the backends may grow by 1 MB at most
# from half the run to its end, a single backend by 4 MB (a late first use
# of a view fills its caches)
MAX_MEAN_GROWTH_KB=1024
MAX_GROWTH_KB=4096
CRASH_WRITE_SECONDS=4
NATIONS=(DEU NOR POL)

dp_ensure_packages
dp_pg_config
command -v pgbench >/dev/null || dp_die "pgbench is missing (apt-get install postgresql-client-15)"
# a work area and cluster of its own, so it can run while test/check.sh does
DP_WORK=$DP_WORK-load
DP_BUILD=$DP_WORK/build
DP_DATA=$DP_WORK/data
DP_SOCK=$DP_WORK/sock
mkdir -p "$DP_WORK"
dp_build
dp_stage
dp_cluster_start
trap dp_cluster_stop EXIT
OUT=$DP_WORK/load
rm -rf "$OUT" && mkdir -p "$OUT" && chmod 777 "$OUT"
passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
db=dp_load
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" "$@"; }

psql -X -q -d postgres -c "ALTER SYSTEM SET max_connections = 60" -c "ALTER SYSTEM SET log_min_messages = warning" >/dev/null
dp_as_server "$DP_BIN/pg_ctl" -D "$DP_DATA" -w -m fast restart >/dev/null || dp_die "restart failed"
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
q -c "CREATE EXTENSION defence_production" -c "SELECT dp.load_sample_data()" >/dev/null

# the roles: three nations and the Board (all nations), each a login role
roles=()
for n in "${NATIONS[@]}" '*'; do
  r=dp_load_$( [[ $n == '*' ]] && echo board || echo "${n,,}")
  roles+=("$r")
  q -c "DROP ROLE IF EXISTS $r" -c "CREATE ROLE $r LOGIN" -c "SELECT dp.map_role('$r', '$n')" >/dev/null \
    || dp_die "mapping $r to $n failed"
done

# pgbench scripts: one per view or table a role may read (weight 1 each), and
# for a nation role an insert of consumption (one in four transactions)
items=$(q -c "SELECT string_agg(quote_literal(item_id), ',' ORDER BY item_id) FROM dp.item")
nitems=$(q -c "SELECT count(*) FROM dp.item")
for r in "${roles[@]}"; do
  args=()
  while read -r rel; do
    f=$OUT/$r-read-${rel#dp.}.sql
    echo "SELECT count(*) FROM $rel;" >"$f"
    args+=(-f "$f@1")
  done < <(q -c "SELECT c.oid::regclass FROM pg_class c
                  WHERE c.relnamespace = 'dp'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
                    AND has_table_privilege('$r', c.oid, 'SELECT') ORDER BY 1")
  nreads=$((${#args[@]} / 2))
  if [[ $r != dp_load_board ]]; then
    nation=${r#dp_load_}; nation=${nation^^}
    cat >"$OUT/$r-write.sql" <<EOF
\\set d random(0, 729)
\\set i random(1, $nitems)
\\set q random(1, 100)
INSERT INTO dp.consumption (nation, item_id, at, quantity)
VALUES ('$nation', (ARRAY[$items])[:i], '2024-01-01'::date + :d, :q)
ON CONFLICT (nation, item_id, at) DO UPDATE SET quantity = excluded.quantity;
EOF
    args+=(-f "$OUT/$r-write.sql@$(( (nreads + 2) / 3 ))")
  fi
  echo "${args[*]}" >"$OUT/$r.args"
done

dp_say "load: ${#roles[@]} roles x $CLIENTS_PER_ROLE clients for $SECONDS_LOAD s"
pids=()
for r in "${roles[@]}"; do
  # shellcheck disable=SC2046
  pgbench -n -U "$r" -d "$db" -c "$CLIENTS_PER_ROLE" -j 2 -T "$SECONDS_LOAD" $(cat "$OUT/$r.args") \
    >"$OUT/$r.pgbench" 2>&1 &
  pids+=($!)
done
# private memory of every backend of the load
private_kb() {
  for pid in $(q -c "SELECT pid FROM pg_stat_activity WHERE usename LIKE 'dp_load%' ORDER BY pid"); do
    awk -v p="$pid" '/^Private_(Clean|Dirty):/ { s += $2 } END { if (s) print p, s }' "/proc/$pid/smaps_rollup" 2>/dev/null
  done
}
# a sample every 5 s of the run (mem.<second>), by the clock: the trend; the
# test compares the sample at half the run with the last one
t0=$SECONDS half=$((SECONDS_LOAD / 2)) last=0
for ((t = 5; t <= SECONDS_LOAD - 3; t += 5)); do
  while [[ $((SECONDS - t0)) -lt $t ]]; do sleep 0.2; done
  private_kb >"$OUT/mem.$t"
  [[ $t -le $half ]] && cp "$OUT/mem.$t" "$OUT/mem.start" && at_start=$t
  last=$t
done
cp "$OUT/mem.$last" "$OUT/mem.end"
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done

total=0 failures=0
for r in "${roles[@]}"; do
  t=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/$r.pgbench")
  f=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/$r.pgbench")
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/$r.pgbench")
  echo "  $r: ${t:-?} transactions, ${f:-?} failed, ${tps:-?} tps"
  total=$((total + ${t:-0})); failures=$((failures + ${f:-1}))
  grep -E 'aborted|ERROR|FATAL' "$OUT/$r.pgbench" | head -n 3 | sed 's/^/    /'
done
if [[ $rc -eq 0 && $failures -eq 0 && $total -gt 0 ]]; then
  ok "load: $((${#roles[@]} * CLIENTS_PER_ROLE)) clients, $SECONDS_LOAD s, $total transactions, 0 failed"
else
  not_ok "load: pgbench status $rc, $failures failed transactions"
fi
growth=$(join "$OUT/mem.start" "$OUT/mem.end" |
  awk '{ g = $3 - $2; if (g > max) max = g; s0 += $2; s1 += $3; n++ }
       END { printf "%d %d %.1f %.1f", n, max, s0 / (n ? n : 1) / 1024, s1 / (n ? n : 1) / 1024 }')
read -r nb maxg mean0 mean1 <<<"$growth"
meang=$(awk -v a="${mean0:-0}" -v b="${mean1:-0}" 'BEGIN { printf "%d", (b - a) * 1024 }')
if [[ ${nb:-0} -gt 0 && ${maxg:-0} -le $MAX_GROWTH_KB && $meang -le $MAX_MEAN_GROWTH_KB ]]; then
  ok "memory: $nb backends, private memory mean $mean0 MB at $at_start s, $mean1 MB at $last s (mean growth $meang kB), largest growth ${maxg} kB"
else
  not_ok "memory: $nb backends, mean growth ${meang} kB (limit $MAX_MEAN_GROWTH_KB kB), largest ${maxg:-?} kB (limit $MAX_GROWTH_KB kB)"
fi

# ---- crash during writes ----
crash() {
  local round=$1 base=$2 wpids=() k pm children
  for w in 0 1 2 3; do
    # writer w: rows (NOR, item, 1900-01-01 + base + w * 5000 + k), logged after each
    # COMMIT: dates before the sample's and the load's, within the table's bounds
    { for k in $(seq 1 5000); do
        printf "INSERT INTO dp.consumption VALUES ('NOR', (SELECT min(item_id) FROM dp.item), '1900-01-01'::date + %d, 1);\n\\\\if :ERROR\n\\\\else\n\\\\echo C %d\n\\\\endif\n" \
          $((base + w * 5000 + k)) $((base + w * 5000 + k))
      done; } | psql -X -q -U dp_load_nor -d "$db" >"$OUT/crash$round.$w" 2>/dev/null &
    wpids+=($!)
  done
  sleep "$CRASH_WRITE_SECONDS"
  pm=$(head -n 1 "$DP_DATA/postmaster.pid")
  children=$(cat "/proc/$pm/task/$pm/children" 2>/dev/null)
  kill -9 "$pm"
  # the server processes that outlive their postmaster would keep shared memory attached
  for c in $children; do kill -9 "$c" 2>/dev/null; done
  for p in "${wpids[@]}"; do wait "$p" 2>/dev/null; done
  # gone, or a zombie nobody has reaped yet (it holds nothing, but its PID
  # would make the new postmaster think the old one still runs)
  for _ in $(seq 1 100); do
    [[ ! -e /proc/$pm ]] || [[ $(awk '{ print $3 }' "/proc/$pm/stat" 2>/dev/null) == Z ]] && break
    sleep 0.1
  done
  rm -f "$DP_DATA/postmaster.pid" "$DP_SOCK/.s.PGSQL.$DP_PORT.lock"
  start=$SECONDS
  dp_as_server "$DP_BIN/pg_ctl" -D "$DP_DATA" -l "$DP_WORK/server.log" -w -t 120 \
    -o "-p $DP_PORT -k $DP_SOCK -c listen_addresses=''" start >/dev/null || { not_ok "restart after crash $round"; return; }
  recovery=$((SECONDS - start))
  cat "$OUT"/crash$round.* | awk '$1 == "C" { print $2 }' | sort -n >"$OUT/committed$round"
  ncommitted=$(wc -l <"$OUT/committed$round")
  present=$(q -c "SELECT count(*) FROM dp.consumption WHERE nation = 'NOR'
                   AND at - '1900-01-01'::date = ANY ('{$(paste -sd, "$OUT/committed$round")}'::int[])")
  if [[ $ncommitted -gt 0 && $present -eq $ncommitted ]]; then
    ok "crash $round: kill -9 during writes; all $ncommitted committed rows present after crash recovery (${recovery} s)"
  else
    not_ok "crash $round: $present of $ncommitted committed rows present after recovery"
  fi
  if "$PG_BINDIR/pg_amcheck" -d "$db" --heapallindexed --install-missing >"$OUT/amcheck$round" 2>&1; then
    ok "crash $round: pg_amcheck --heapallindexed passes ($(q -c "SELECT count(*) FROM pg_class WHERE relkind IN ('r', 'i', 't', 'm')") relations)"
  else
    not_ok "crash $round: pg_amcheck: $(head -n 5 "$OUT/amcheck$round")"
  fi
}
dp_say "crash: kill -9 of the postmaster during writes, twice"
crash 1 0
crash 2 20000

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
