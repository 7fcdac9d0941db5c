#!/usr/bin/env bash
# The outlook at national scale: test/bench/scale.sh [--quick] SF
#
# Generates scale factor SF of synthetic data (SF 1 = 100,000 stockpiles x 60
# months = 6 million consumption rows; --quick: 100 stockpiles) in a database
# of its own on the server that PGHOST/PGPORT name (test/demo.sh with
# DP_KEEP=1 leaves one), then times, each against a count(*) floor over the
# same rows and in rows per second:
#   - a full refresh with two cores (the leader and one parallel worker) and
#     with one, and the backends' peak memory during it;
#   - an incremental refresh after 1% of the stockpiles' consumption changed (best of three rounds);
#   - what a dashboard sends: one nation's outlook (about 1/32 of the
#     stockpiles) as that nation's role, the harmonised demand of one class,
#     the allocation plan.
# Prints one table and the targets; the last line says how many were met.
# Timings are wall-clock on a shared machine: compare the ratios of one run.
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
quick=0
[[ ${1:-} == --quick ]] && { quick=1; shift; }
sf=${1:?usage: test/bench/scale.sh [--quick] SF}
if [[ $quick == 1 ]]; then stockpiles=100; else stockpiles=$(awk -v s="$sf" 'BEGIN { printf "%d", s * 100000 }'); fi
db=dp_scale_$$
keep=${DP_SCALE_KEEP:-0}
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" "$@"; }
now() { date +%s.%N; }
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
[[ $keep == 1 ]] || trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1' EXIT
q -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" >/dev/null

echo "scale factor $sf: $stockpiles stockpiles x 60 months; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
q -c "SELECT dp.generate_scale_data($stockpiles, 60, 1)" | sed 's/^/  /'
t1=$(now)
q -c "VACUUM ANALYZE" >/dev/null
echo "  generated in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
consumption=$(q -c "SELECT count(*) FROM dp.consumption")

# run_measured OUTFILE SQL...: runs the statements in a session of their own
# and writes "seconds peak_leader_kB peak_worker_kB leader_cpu_s workers_cpu_s"
# to OUTFILE: the peak anonymous memory (RssAnon, the backend's own) of the
# session and of its parallel workers, and the CPU time each used, sampled
# from /proc every 0.5 s (each sample starts a psql: every 50 ms took a fifth
# of a core from the two-core run it measures); this script must run on the
# server's machine as a user that may read the server's /proc entries
# (otherwise they are 0)
run_measured() {
  local out=$1; shift
  PGAPPNAME=dp_scale_measured q "$@" >/dev/null &
  local runner=$! lpeak=0 wpeak=0 t0 t1 pid leader kb ticks
  local -A cpu=() role=()
  t0=$(now)
  while kill -0 $runner 2>/dev/null; do
    while read -r pid leader; do
      kb=$(awk '/^RssAnon/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
      ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
      cpu[$pid]=$ticks; role[$pid]=$leader
      if [[ $leader == t ]]; then [[ ${kb:-0} -gt $lpeak ]] && lpeak=$kb
      else [[ ${kb:-0} -gt $wpeak ]] && wpeak=$kb; fi
    done < <(q -F ' ' -c "SELECT a.pid, a.leader_pid IS NULL FROM pg_stat_activity a
                           WHERE a.application_name = 'dp_scale_measured'
                              OR a.leader_pid IN (SELECT b.pid FROM pg_stat_activity b WHERE b.application_name = 'dp_scale_measured')" 2>/dev/null)
    sleep 0.5
  done
  wait $runner
  t1=$(now)
  local lcpu=0 wcpu=0 hz; hz=$(getconf CLK_TCK)
  for pid in "${!cpu[@]}"; do
    if [[ ${role[$pid]} == t ]]; then lcpu=$((lcpu + cpu[$pid])); else wcpu=$((wcpu + cpu[$pid])); fi
  done
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $lpeak $wpeak" \
       "$(awk -v l="$lcpu" -v w="$wcpu" -v hz="$hz" 'BEGIN { printf "%.1f %.1f", l / hz, w / hz }')" >"$out"
}

# the sections of the last refresh: outlook, allocation, replenishment seconds
LAST="SELECT outlook_seconds || ' ' || allocation_seconds || ' ' || replenishment_seconds FROM dp.outlook_refresh ORDER BY refreshed_at DESC LIMIT 1"
m=$(mktemp)
run_measured "$m" -c "SET max_parallel_workers_per_gather = 1" -c "SELECT dp.refresh_outlook(true)"
read -r full2 mem_leader mem_worker cpu_leader cpu_workers <"$m"
read -r out2 alloc2 repl2 < <(q -c "$LAST")
run_measured "$m" -c "SET max_parallel_workers_per_gather = 0" -c "SELECT dp.refresh_outlook(true)"
read -r full1 mem_single _ cpu_single _ <"$m"
read -r out1 alloc1 repl1 < <(q -c "$LAST")
rm -f "$m"

# 1% of the stockpiles' consumption changes (their last month), then an
# incremental refresh: three times, the best (as for the reads below: a
# background autovacuum of the changed table can take a core from one)
incr=
for _ in 1 2 3; do
  changed=$(q -c "WITH k AS (SELECT nation, item_id FROM dp.outlook ORDER BY md5(nation || item_id) LIMIT greatest(1, $stockpiles / 100))
                  UPDATE dp.consumption c SET quantity = c.quantity + 1 FROM k
                   WHERE c.nation = k.nation AND c.item_id = k.item_id AND c.at >= '2025-06-01' RETURNING 1" | wc -l)
  pending=$(q -c "SELECT pending_stockpiles FROM dp.outlook_status()")
  t0=$(now); q -c "SELECT dp.refresh_outlook()" >/dev/null; t1=$(now)
  t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  if [[ -z $incr ]] || awk -v t="$t" -v b="$incr" 'BEGIN { exit !(t < b) }'; then
    incr=$t
    read -r outi _ _ < <(q -c "$LAST")
  fi
done

# the dashboard's queries: a nation (its role), a class, the allocation plan (Board role)
nation=$(q -c "SELECT nation FROM dp.outlook GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
class=$(q -c "SELECT interop_class FROM dp.requirement r JOIN dp.item i USING (item_id) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
q -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS dp_scale_nation" -c "DROP ROLE IF EXISTS dp_scale_board" \
  -c "CREATE ROLE dp_scale_nation" -c "CREATE ROLE dp_scale_board" \
  -c "SELECT dp.map_role('dp_scale_nation', '$nation'), dp.map_role('dp_scale_board', '*')" >/dev/null
cleanup_roles() { q -c "DROP OWNED BY dp_scale_nation, dp_scale_board" -c "DROP ROLE dp_scale_nation, dp_scale_board" >/dev/null 2>&1 || true; }
reads=$(q -v nation="$nation" -v class="$class" -f "$here/lib.sql" -f "$here/include/scale_reads.psql")
cleanup_roles

# the report
awk -v sf="$sf" -v n="$stockpiles" -v cons="$consumption" -v full2="$full2" -v full1="$full1" \
    -v incr="$incr" -v changed="$changed" -v pending="$pending" -v ml="$mem_leader" -v mw="$mem_worker" \
    -v ms="$mem_single" -v reads="$reads" -v quick="$quick" -v out2="$out2" -v out1="$out1" \
    -v alloc2="$alloc2" -v alloc1="$alloc1" -v repl2="$repl2" -v repl1="$repl1" -v outi="$outi" \
    -v cl="$cpu_leader" -v cw="$cpu_workers" -v cs="$cpu_single" -v loadavg="$(cut -d' ' -f1-3 /proc/loadavg)" '
function row(label, s, rows, unit, floor, target) {
  printf "%-44s %10.1f ms %12s %-6s %9s   %s\n", label, s * 1000, ((rows > 0 && s > 0) ? sprintf("%.0f", rows / s) : "-"), unit,
         ((floor > 0) ? sprintf("%.2fx", s / floor) : "-"), target
}
BEGIN {
  split(reads, r, "\n");
  for (i in r) { split(r[i], f, "|"); v[f[1]] = f[2]; c[f[1]] = f[3] }
  printf "%-44s %13s %12s %-6s %9s   %s\n", "measure", "time", "rows/s", "", "x floor", "target"
  row("full refresh, 2 cores", full2, n, "stock", v["floor full"] / 1000, "")
  row("  of which the stockpile outlook", out2, n, "stock", v["floor full"] / 1000, "")
  row("  of which the allocation plan", alloc2, 0, "", 0, "")
  row("  of which the replenishment results", repl2, 0, "", 0, "")
  row("full refresh, 1 core", full1, n, "stock", v["floor full"] / 1000, "")
  row("  of which the stockpile outlook", out1, n, "stock", v["floor full"] / 1000, "")
  row("  of which the allocation plan", alloc1, 0, "", 0, "")
  row("  of which the replenishment results", repl1, 0, "", 0, "")
  row("  floor: count(*) of the consumption rows", v["floor full"] / 1000, cons, "rows", 0, "")
  row("incremental refresh, " pending " stockpiles changed", incr, pending, "stock", v["floor incremental"] / 1000, "")
  row("  of which the stockpile outlook", outi, pending, "stock", v["floor incremental"] / 1000, "")
  row("  floor: count(*) of their consumption rows", v["floor incremental"] / 1000, c["floor incremental"], "rows", 0, "")
  row("one nation'"'"'s outlook (" c["nation"] " rows)", v["nation"] / 1000, c["nation"], "rows", v["floor nation"] / 1000, "< 50 ms, <= 5x")
  row("  floor: count(*) of its dp.outlook rows", v["floor nation"] / 1000, c["nation"], "rows", 0, "")
  row("harmonised demand of one class (" c["class"] " rows)", v["class"] / 1000, c["floor class"], "in", v["floor class"] / 1000, "< 200 ms")
  row("  floor: count(*) of the class'"'"'s requirements", v["floor class"] / 1000, c["floor class"], "rows", 0, "")
  row("allocation plan (" c["allocation"] " rows)", v["allocation"] / 1000, c["floor allocation"], "in", v["floor allocation"] / 1000, "< 200 ms")
  row("  floor: count(*) of the requirements", v["floor allocation"] / 1000, c["floor allocation"], "rows", 0, "")
  printf "peak backend memory (RssAnon) in a full refresh: leader %.1f MB, worker %.1f MB; one core %.1f MB\n", ml / 1024, mw / 1024, ms / 1024
  printf "CPU time of the full refresh: 2 cores: leader %.1f s, worker %.1f s; 1 core: %.1f s\n", cl, cw, cs
  if (cl + cw > 0) printf "work split between the two cores: %.0f%% / %.0f%% (on an idle machine at most %.2fx faster than one core)\n", 100 * cl / (cl + cw), 100 * cw / (cl + cw), (cl + cw) / (cl > cw ? cl : cw)
  speedup = full1 / full2; ratio = incr / full2
  printf "two cores / one: %.2fx faster (target >= 1.6x); the stockpile outlook alone %.2fx\n", speedup, out1 / out2
  printf "incremental / full: 1/%.0f (target <= 1/50); the stockpile outlook alone 1/%.0f\n", 1 / ratio, out2 / outi
  met = 0; total = 5
  met += (speedup >= 1.6); met += (ratio <= 1 / 50.0)
  met += (v["nation"] < 50 && v["nation"] <= 5 * v["floor nation"])
  met += (v["class"] < 200); met += (v["allocation"] < 200)
  if (quick) printf "quick mode: figures for information only\n"
  printf "%d of %d targets met at this scale (linearity and memory: compare the runs of two scale factors)\n", met, total
  printf "load average at the end: %s\n", loadavg
  printf "SUMMARY sf=%s stockpiles=%d full2=%.3f full1=%.3f outlook2=%.3f outlook1=%.3f incremental=%.3f mem_leader_kB=%d mem_worker_kB=%d\n", sf, n, full2, full1, out2, out1, incr, ml, mw
}'
