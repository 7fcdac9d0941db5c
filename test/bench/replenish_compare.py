#!/usr/bin/python3
"""Replenishment plans against an independent LP solve and against greedy sharing.

For random instances (claimants, months and quantities drawn from a fixed
seed) this compares, through the server that PGHOST/PGPORT name:

  * dp.replenishment_summary's optimal objective values (weighted unmet
    demand, weighted stock-periods below target) with the same lexicographic
    model written out independently here and solved by SciPy's linprog with
    HiGHS (Debian python3-scipy): variables stock, below-target, allocated
    and unmet per claimant and month, as the README states the model;
  * dp.required_capacity with the same independent model, k a variable;
  * the plan with greedy sharing: dp.allocate(..., 'fair') called month by
    month, each claimant asking for what brings it back to target after the
    month's demand.

Prints one "ok"/"not ok" line per check and "N passed, M failed" last, and
with --timing the time per dp.replenishment_plan call at two sizes.

  test/bench/replenish_compare.py --instances 200 --max-claimants 32 --max-months 60 --timing
"""
import argparse
import subprocess
import sys
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

REL = 1e-6          # optimality: objective values agree to 1e-6 relative (floor 1)


def psql(db, sql):
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", db],
                       input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("psql failed: " + r.stderr)
    return [line.split("\t") for line in r.stdout.splitlines() if line]


def make_instance(rng, n, T):
    """Quantities of the order of real stockpiles: bases of 10 to 1000 a month."""
    base = rng.uniform(10, 1000, n)
    demand = np.outer(base, np.ones(T)) * rng.uniform(0.3, 1.7, (n, T))
    demand[rng.random((n, T)) < 0.15] = 0
    surge = rng.random(n) < 0.3                     # some claimants surge for a while
    if surge.any():
        a = int(rng.integers(0, T))
        demand[surge, a:a + int(rng.integers(1, 6))] *= 3
    target = base * rng.uniform(2, 9, n)
    on_hand = target * rng.uniform(0.1, 1.1, n)
    deliveries = np.where(rng.random((n, T)) < 0.1, base[:, None] * rng.uniform(0, 3, (n, T)), 0)
    ramp = np.linspace(rng.uniform(0.5, 1.0), rng.uniform(0.9, 1.6), T)
    capacity = demand.sum() / T * ramp * rng.uniform(0.8, 1.2, T)
    weights = rng.uniform(0.5, 3, n) if rng.random() < 0.5 else None
    by = int(rng.integers(0, T))
    return dict(n=n, T=T, demand=demand.round(3), target=target.round(3), on_hand=on_hand.round(3),
                deliveries=deliveries.round(3), capacity=capacity.round(3), weights=weights, by=by)


def vec(values):
    return "'month 2025-01-01 [" + ",".join(repr(float(v)) for v in values) + "]'::dp.capvec"


def args_sql(inst):
    arr = lambda xs: "ARRAY[" + ",".join(repr(float(x)) for x in xs) + "]::float8[]"
    return (vec(inst["capacity"]), arr(inst["on_hand"]), arr(inst["target"]),
            "ARRAY[" + ",".join(vec(d) for d in inst["demand"]) + "]",
            "ARRAY[" + ",".join(vec(d) for d in inst["deliveries"]) + "]",
            arr(inst["weights"]) if inst["weights"] is not None else "NULL::float8[]")


GREEDY = r"""
-- greedy sharing: dp.allocate 'fair' month by month, each claimant asking for
-- what brings it back to target after the month's demand and deliveries
CREATE FUNCTION pg_temp.greedy(capacity dp.capvec, on_hand float8[], targets float8[],
                               demands dp.capvec[], deliveries dp.capvec[], weights float8[],
                               OUT unmet float8, OUT below float8)
LANGUAGE plpgsql AS $$
DECLARE
    n int := array_length(on_hand, 1);
    s float8[] := on_hand;
    m date;
    reqs dp.capvec[];
    x float8[];
    d float8;
    r float8;
BEGIN
    unmet := 0; below := 0;
    FOR t IN 0 .. dp.length(capacity) - 1 LOOP
        m := (dp.start_date(capacity) + make_interval(months => t))::date;
        reqs := ARRAY[]::dp.capvec[];
        FOR i IN 1 .. n LOOP
            d := coalesce(dp.value_at(demands[i], m), 0);
            r := coalesce(dp.value_at(deliveries[i], m), 0);
            reqs := reqs || dp.capvec('month', m, ARRAY[greatest(0, targets[i] + d - s[i] - r)]);
        END LOOP;
        SELECT array_agg(a.allocated ORDER BY a.claimant) INTO x
          FROM dp.allocate(dp.capvec('month', m, ARRAY[dp.value_at(capacity, m)]), reqs, 'fair', weights,
                           NULL, false) a;
        FOR i IN 1 .. n LOOP
            s[i] := s[i] + x[i] + coalesce(dp.value_at(deliveries[i], m), 0) - coalesce(dp.value_at(demands[i], m), 0);
            IF s[i] < 0 THEN
                unmet := unmet + coalesce(weights[i], 1) * -s[i];
                s[i] := 0;
            END IF;
            below := below + coalesce(weights[i], 1) * greatest(0, targets[i] - s[i]);
        END LOOP;
    END LOOP;
END
$$;
"""


def lex_lp(inst):
    """The model written out on its own: min w.unmet, then w.below, with HiGHS."""
    n, T = inst["n"], inst["T"]
    w = inst["weights"] if inst["weights"] is not None else np.ones(n)
    N = n * T
    # variable blocks: stock s, below b, allocated x, unmet u; index k = i*T + t
    S, B, X, U = 0, N, 2 * N, 3 * N
    rows, cols, vals, beq = [], [], [], []
    for i in range(n):
        for t in range(T):
            k = i * T + t
            r = len(beq)
            rows += [r, r, r]
            cols += [S + k, X + k, U + k]
            vals += [1.0, -1.0, -1.0]
            if t > 0:
                rows.append(r); cols.append(S + k - 1); vals.append(-1.0)
            beq.append(inst["deliveries"][i, t] - inst["demand"][i, t] + (inst["on_hand"][i] if t == 0 else 0))
    Aeq = coo_matrix((vals, (rows, cols)), shape=(N, 4 * N)).tocsr()
    rows, cols, vals, bub = [], [], [], []
    for t in range(T):                                  # sum_i x <= capacity
        for i in range(n):
            rows.append(t); cols.append(X + i * T + t); vals.append(1.0)
        bub.append(inst["capacity"][t])
    for i in range(n):                                  # -b - s <= -target
        for t in range(T):
            r = T + i * T + t
            rows += [r, r]; cols += [B + i * T + t, S + i * T + t]; vals += [-1.0, -1.0]
            bub.append(-inst["target"][i])
    Aub = coo_matrix((vals, (rows, cols)), shape=(T + N, 4 * N)).tocsr()
    cu = np.zeros(4 * N); cu[U:U + N] = np.repeat(w, T)
    cb = np.zeros(4 * N); cb[B:B + N] = np.repeat(w, T)
    # unmet demand never exceeds the demand (lost demand cannot add stock)
    bounds = [(0, None)] * (3 * N) + [(0, d) for d in inst["demand"].reshape(N)]
    r1 = linprog(cu, A_ub=Aub, b_ub=bub, A_eq=Aeq, b_eq=beq, bounds=bounds, method="highs")
    if r1.status != 0:
        raise RuntimeError("HiGHS: " + r1.message)
    z1 = r1.fun
    from scipy.sparse import vstack
    Aub2 = vstack([Aub, coo_matrix(cu)]).tocsr()
    r2 = linprog(cb, A_ub=Aub2, b_ub=bub + [z1 + 1e-9 * max(1, abs(z1))], A_eq=Aeq, b_eq=beq,
                 bounds=bounds, method="highs")
    if r2.status != 0:
        raise RuntimeError("HiGHS: " + r2.message)
    return z1, r2.fun


def required_lp(inst):
    """min k: no unmet demand, stock >= target from month `by`, sum x <= k capacity."""
    n, T, by = inst["n"], inst["T"], inst["by"]
    N = n * T
    S, X, K = 0, N, 2 * N
    rows, cols, vals, beq = [], [], [], []
    for i in range(n):
        for t in range(T):
            k = i * T + t
            r = len(beq)
            rows += [r, r]; cols += [S + k, X + k]; vals += [1.0, -1.0]
            if t > 0:
                rows.append(r); cols.append(S + k - 1); vals.append(-1.0)
            beq.append(inst["deliveries"][i, t] - inst["demand"][i, t] + (inst["on_hand"][i] if t == 0 else 0))
    Aeq = coo_matrix((vals, (rows, cols)), shape=(N, 2 * N + 1)).tocsr()
    rows, cols, vals = [], [], []
    for t in range(T):
        for i in range(n):
            rows.append(t); cols.append(X + i * T + t); vals.append(1.0)
        rows.append(t); cols.append(K); vals.append(-inst["capacity"][t])
    Aub = coo_matrix((vals, (rows, cols)), shape=(T, 2 * N + 1)).tocsr()
    lo = np.zeros(2 * N + 1)
    for i in range(n):
        lo[S + i * T + by:S + i * T + T] = inst["target"][i]
    c = np.zeros(2 * N + 1); c[K] = 1
    r = linprog(c, A_ub=Aub, b_ub=np.zeros(T), A_eq=Aeq, b_eq=beq,
                bounds=list(zip(lo, [None] * (2 * N + 1))), method="highs")
    if r.status == 2:
        return None
    if r.status != 0:
        raise RuntimeError("HiGHS: " + r.message)
    return r.fun


def close(a, b):
    return abs(a - b) <= REL * max(1.0, abs(b))


def timing(db, rng, n, T, reps):
    """Best of three runs of `reps` plans of distinct instances of n x T, in ms a call."""
    calls = []
    for _ in range(reps):
        c, oh, tg, dm, dl, wt = args_sql(make_instance(rng, n, T))
        calls.append(f"PERFORM count(*) FROM dp.replenishment_plan({c}, {oh}, {tg}, {dm}, {dl}, {wt});")
    body = "\n".join(calls)
    best = None
    for _ in range(3):
        sql = ("DO $$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN\n" + body +
               "\nRAISE NOTICE 'ms %', extract(epoch FROM clock_timestamp() - t0) * 1000; END $$;")
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=sql,
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("psql failed: " + r.stderr)
        ms = float(r.stderr.strip().split()[-1]) / reps
        best = ms if best is None else min(best, ms)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="postgres")
    ap.add_argument("--instances", type=int, default=200)
    ap.add_argument("--min-claimants", type=int, default=2)
    ap.add_argument("--max-claimants", type=int, default=32)
    ap.add_argument("--min-months", type=int, default=6)
    ap.add_argument("--max-months", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20250701)
    ap.add_argument("--timing", action="store_true")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    insts = [make_instance(rng, int(rng.integers(a.min_claimants, a.max_claimants + 1)),
                           int(rng.integers(a.min_months, a.max_months + 1))) for _ in range(a.instances)]
    sql = [GREEDY]
    for k, inst in enumerate(insts):
        c, oh, tg, dm, dl, wt = args_sql(inst)
        by = f"'2025-01-01'::date + make_interval(months => {inst['by']})"
        sql.append(f"SELECT {k}, s.unmet, s.below_target, g.unmet, g.below, "
                   f"dp.required_capacity({c}, {oh}, {tg}, {dm}, ({by})::date, {dl}) "
                   f"FROM dp.replenishment_summary({c}, {oh}, {tg}, {dm}, {dl}, {wt}) s, "
                   f"pg_temp.greedy({c}, {oh}, {tg}, {dm}, {dl}, {wt}) g;")
    t0 = time.time()
    out = psql(a.db, "\n".join(sql))
    t_db = time.time() - t0
    passed = failed = 0
    worst = 0.0
    better = worse_below = ties = 0
    t0 = time.time()
    for row in out:
        k = int(row[0])
        inst = insts[k]
        lp_u, lp_b, gr_u, gr_b = map(float, row[1:5])
        kk = None if row[5] == "" else float(row[5])
        z1, z2 = lex_lp(inst)
        kref = required_lp(inst)
        ok = close(lp_u, z1) and close(lp_b, z2) and (kk is None) == (kref is None) \
            and (kk is None or close(kk, kref))
        worst = max(worst, abs(lp_u - z1) / max(1, abs(z1)), abs(lp_b - z2) / max(1, abs(z2)),
                    0 if kk is None or kref is None else abs(kk - kref) / max(1, abs(kref)))
        # lexicographically never worse than greedy: less unmet, or as much and no more below target
        tol_u = REL * max(1, gr_u)
        lex_ok = lp_u <= gr_u + tol_u and (lp_u < gr_u - tol_u or lp_b <= gr_b + REL * max(1, gr_b))
        strictly = lp_u < gr_u - tol_u or lp_b < gr_b - REL * max(1, gr_b)
        better += strictly
        ties += not strictly
        worse_below += lp_b > gr_b + REL * max(1, gr_b)
        label = f"instance {k} ({inst['n']} claimants x {inst['T']} months)"
        if ok and lex_ok:
            passed += 1
            print(f"ok {label}")
        else:
            failed += 1
            print(f"not ok {label}: plan {lp_u} / {lp_b}, HiGHS {z1} / {z2}, greedy {gr_u} / {gr_b}, "
                  f"k {kk} vs {kref}")
    t_ref = time.time() - t0
    n = len(out)
    print(f"# {n} instances: objective values equal to HiGHS within {worst:.2e} relative (limit {REL:g})")
    print(f"# never worse than month-by-month dp.allocate 'fair' (unmet demand, then stock below target); "
          f"strictly better on {better} of {n} ({100.0 * better / max(n, 1):.0f}%), equal on {ties}; "
          f"more stock-periods below target only with less unmet demand: {worse_below}")
    print(f"# server time {t_db:.1f} s (plans, required capacities and greedy), HiGHS {t_ref:.1f} s")
    if 3 * better < n:
        failed += 1
        print("not ok strictly better than greedy on at least a third of the instances")
    else:
        passed += 1
        print("ok strictly better than greedy on at least a third of the instances")
    if a.timing:
        for (n_, T_, reps) in ((32, 60, 30), (10, 24, 200)):
            print(f"# dp.replenishment_plan {n_} claimants x {T_} months: {timing(a.db, rng, n_, T_, reps):.1f} ms a call "
                  f"(best of 3 runs of {reps} distinct instances)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
