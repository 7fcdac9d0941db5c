#!/usr/bin/env python3
"""Forecast accuracy on the M3 and carparts data (test/bench/data).

  score.py m3 SERIES.csv FORECASTS.csv... [--period P] [--ids FILE]
      sMAPE (as in the M3 paper: 200 |F - A| / (|F| + |A|), averaged over the horizon,
      then over the series) and MASE (scaled by the in-sample seasonal naive error,
      m = 12 monthly, 4 quarterly, 1 otherwise, non-seasonal when the history is not
      longer than m), one line per method
  score.py m3-table SERIES.csv FORECASTS.csv...
      the sMAPE of every method on each subset and on all series, side by side
  score.py carparts CARPARTS.csv FORECASTS.csv...
      RMSSE and MASE over the last 12 of 51 months (scales from the first 39, whose
      differences must not all be 0; complete series only), one line per method

A forecasts file is CSV with the header method,id,forecasts (values space-separated);
a .gz file is read compressed.  The arithmetic is that of the M3 and M5 definitions, in
the order that makes the printed figures identical to the reference scripts'.
"""
import collections
import csv
import gzip
import math
import os
import sys

SEASON = {'month': 12, 'quarter': 4, 'year': 1, 'other': 1}
SUBSETS = [('year', 'yearly'), ('quarter', 'quarterly'), ('month', 'monthly'), ('other', 'other')]


def opener(path):
    return gzip.open(path, 'rt') if path.endswith('.gz') else open(path)


def forecasts(paths):
    for path in paths:
        with opener(path) as f:
            for r in csv.DictReader(f):
                yield r['method'], r['id'], [float(x) for x in r['forecasts'].split()]


def m3_series(path, period=None, ids=None):
    out = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            if period and r['period'] != period:
                continue
            if ids is not None and r['id'] not in ids:
                continue
            out[r['id']] = (r['period'], [float(x) for x in r['history'].split()],
                            [float(x) for x in r['future'].split()])
    return out


def m3_errors(series, paths):
    """{method: {id: (smape, mase)}} for the forecasts that cover the horizon."""
    acc = collections.defaultdict(dict)
    for method, sid, fc in forecasts(paths):
        if sid not in series:
            continue
        per, hist, fut = series[sid]
        fc = fc[:len(fut)]
        if len(fc) < len(fut):
            continue
        smape = sum(200 * abs(a - b) / (abs(a) + abs(b)) for a, b in zip(fc, fut)) / len(fut)
        s = SEASON[per] if len(hist) > SEASON[per] else 1
        scale = sum(abs(hist[i] - hist[i - s]) for i in range(s, len(hist))) / (len(hist) - s)
        mase = sum(abs(a - b) for a, b in zip(fc, fut)) / len(fut) / scale if scale > 0 else float('nan')
        acc[method][sid] = (smape, mase)
    return acc


def mean_in_order(errs, k):
    """The mean of component k accumulated in file order (as the reference script sums)."""
    total = 0.0
    for v in errs.values():
        total += v[k]
    return total / len(errs)


def cmd_m3(args):
    period = None
    ids = None
    if '--period' in args:
        i = args.index('--period')
        period = args[i + 1]
        del args[i:i + 2]
    if '--ids' in args:
        i = args.index('--ids')
        with open(args[i + 1]) as f:
            ids = {line.strip() for line in f if line.strip() and not line.startswith('#')}
        del args[i:i + 2]
    series = m3_series(args[0], period, ids)
    acc = m3_errors(series, args[1:])
    rows = sorted((mean_in_order(e, 0), mean_in_order(e, 1), m, len(e)) for m, e in acc.items())
    print(f"{'method':16} {'sMAPE':>7} {'MASE':>7} series (of {len(series)})")
    for sm, ms, m, c in rows:
        print(f"{m:16} {sm:7.2f} {ms:7.3f} {c}")


def cmd_m3_table(args):
    series = m3_series(args[0])
    acc = m3_errors(series, args[1:])
    counts = collections.Counter(p for p, _, _ in series.values())
    table = {}
    for method, errs in acc.items():
        if len(errs) != len(series):
            continue
        row = {}
        for key, _ in SUBSETS:
            sub = {k: v for k, v in errs.items() if series[k][0] == key}
            row[key] = mean_in_order(sub, 0)
        row['all'] = mean_in_order(errs, 0)
        table[method] = row
    head = ''.join(f"{f'{label} ({counts[key]})':>16}" for key, label in SUBSETS) + f"{'all (%d)' % len(series):>12}"
    print(f"{'method':16}{head}")
    for method, row in sorted(table.items(), key=lambda kv: kv[1]['all']):
        print(f"{method:16}" + ''.join(f"{row[key]:16.2f}" for key, _ in SUBSETS) + f"{row['all']:12.2f}")


def cmd_carparts(args):
    h, t = 12, int(os.environ.get('CARPARTS_T', '39'))
    ser = {}
    with open(args[0]) as f:
        for r in csv.DictReader(f):
            v = r['values'].split()
            if 'NA' in v:
                continue
            v = [float(x) for x in v]
            tr = v[:t]
            d = [tr[i] - tr[i - 1] for i in range(1, t)]
            if not any(x != 0 for x in d):
                continue
            ser[r['id']] = (tr, v[t:t + h])
    acc = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for method, sid, fc in forecasts(args[1:]):
        if sid not in ser:
            continue
        tr, te = ser[sid]
        fc = fc[:h]
        d = [tr[i] - tr[i - 1] for i in range(1, t)]
        s2 = sum(x * x for x in d) / len(d)
        s1 = sum(abs(x) for x in d) / len(d)
        a = acc[method]
        a[0] += math.sqrt(sum((x - y) ** 2 for x, y in zip(fc, te)) / h / s2)
        a[1] += sum(abs(x - y) for x, y in zip(fc, te)) / h / s1
        a[2] += 1
    print(f"{'method':14} {'RMSSE':>7} {'MASE':>7} series (of {len(ser)})")
    for method, v in sorted(acc.items(), key=lambda kv: kv[1][0] / kv[1][2]):
        print(f"{method:14} {v[0] / v[2]:7.4f} {v[1] / v[2]:7.4f} {v[2]}")


def main():
    cmds = {'m3': cmd_m3, 'm3-table': cmd_m3_table, 'carparts': cmd_carparts}
    if len(sys.argv) < 4 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == '__main__':
    main()
