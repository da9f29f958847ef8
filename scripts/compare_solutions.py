#!/usr/bin/env python3
"""Compare two solvers point by point (issue 20: no solution lost, viable rows unchanged).

Usage:
  compare_solutions.py dump OLD.csv NEW.csv [--ids A:B] [--lost LOST.csv]
      OLD/NEW: `cargo run --release --example dump_solutions -- CONFIG A:B` of each solver (every
      EWSB solution of every point, viable or not). A solution of OLD is found again in NEW when NEW
      has one with the same sign of xi_N and (xi_N, eta_S, eta_N) within 1e-4 of their typical sizes
      (1, 1e-2, 1) -- the program's own test for 'the same solution'. Prints the solutions lost and
      added by verdict, verdict changes, and the largest relative difference of each number of the
      matched solutions.
  compare_solutions.py viable OLD_DIR NEW_DIR [--ids A:B] [--lost LOST.csv]
      The viable.csv of two scans of the same configuration: every row of OLD must be in NEW (same
      id, xi_N within 1e-4) and the reverse; prints the largest relative difference of every
      numeric column of the matched rows except the solver's diagnostics (ewsb_residual,
      ewsb_solver, ewsb_start, q_iterations), which describe how the solution was reached.
--lost writes the rows of OLD not found in NEW. Exit status 1 when a solution (dump) or a viable row (viable) of OLD is missing from NEW.
"""
import csv
import sys
from collections import Counter, defaultdict

TYPICAL = {"xi_n": 1.0, "eta_s": 1e-2, "eta_n": 1.0}
SOLVER_COLUMNS = {"ewsb_residual", "ewsb_solver", "ewsb_start", "q_iterations", "solver", "start"}


def id_range(argv):
    if "--ids" in argv:
        a, b = argv[argv.index("--ids") + 1].split(":")
        return int(a), int(b)
    return None


def load(path, lo_hi, key="id"):
    by_id = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            i = int(row[key])
            if lo_hi and not (lo_hi[0] <= i < lo_hi[1]):
                continue
            by_id[i].append(row)
    return by_id


def same(a, b):
    xa, xb = float(a["xi_n"]), float(b["xi_n"])
    if (xa < 0) != (xb < 0):
        return False
    return all(abs(float(a[k]) - float(b[k])) < 1e-4 * s for k, s in TYPICAL.items())


def rel(a, b):
    try:
        x, y = float(a), float(b)
    except ValueError:
        return None if a == b else float("inf")
    if x == y:
        return 0.0
    return abs(x - y) / max(abs(x), abs(y))


def match(old_rows, new_rows):
    """Pairs (old, new) of the same solution; unmatched old; unmatched new."""
    pairs, lost, unused = [], [], list(new_rows)
    for o in old_rows:
        hit = next((n for n in unused if same(o, n)), None)
        if hit is None:
            lost.append(o)
        else:
            unused.remove(hit)
            pairs.append((o, hit))
    return pairs, lost, unused


def compare(old, new, solutions_of, verdict_of, columns):
    ids = sorted(set(old) | set(new))
    lost, added, changed = Counter(), Counter(), Counter()
    worst = {}
    lost_rows = []
    n_old = n_new = 0
    for i in ids:
        o, n = solutions_of(old.get(i, [])), solutions_of(new.get(i, []))
        n_old += len(o)
        n_new += len(n)
        pairs, lo, ad = match(o, n)
        for r in lo:
            lost[verdict_of(r)] += 1
            lost_rows.append(r)
        for r in ad:
            added[verdict_of(r)] += 1
        for a, b in pairs:
            if verdict_of(a) != verdict_of(b):
                changed[(verdict_of(a), verdict_of(b))] += 1
            for c in columns:
                d = rel(a[c], b[c])
                if d is not None and d > worst.get(c, (-1.0, None))[0]:
                    worst[c] = (d, a["id"])
    return ids, n_old, n_new, lost, added, changed, worst, lost_rows


def report(name, ids, n_old, n_new, lost, added, changed, worst, lost_rows):
    print(f"{name}: {len(ids)} point ids with a row; {n_old} old, {n_new} new")
    print(f"  lost (old not in new): {sum(lost.values())} {dict(lost)}")
    print(f"  added (new not in old): {sum(added.values())} {dict(added)}")
    print(f"  verdict changed: {sum(changed.values())} {dict(changed)}")
    for r in lost_rows[:20]:
        print("    lost:", ",".join(f"{k}={r[k]}" for k in ("id", "xi_n", "eta_s", "eta_n") if k in r),
              r.get("verdict", "viable"))
    print("  largest relative difference of the matched solutions (column: value at id):")
    for c, (d, i) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        print(f"    {c:24s} {d:.3e}  (id {i})")


def write_lost(argv, rows):
    if "--lost" in argv and rows:
        with open(argv[argv.index("--lost") + 1], "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)


def main(argv):
    if len(argv) < 4 or argv[1] not in ("dump", "viable"):
        print(__doc__)
        return 2
    lo_hi = id_range(argv)
    if argv[1] == "dump":
        old, new = load(argv[2], lo_hi), load(argv[3], lo_hi)
        sols = lambda rows: [r for r in rows if r["index"] != "-1"]
        verdict = lambda r: r["verdict"]
        some = next(iter(old.values()))[0]
        columns = [c for c in some if c not in SOLVER_COLUMNS | {"id", "index", "verdict"}]
        res = compare(old, new, sols, verdict, columns)
        report("every solution", *res)
        write_lost(argv, res[7])
        # Points whose failure reason (no solution at all) changed.
        moved = Counter()
        for i in set(old) | set(new):
            fo = [r["verdict"] for r in old.get(i, []) if r["index"] == "-1"]
            fn = [r["verdict"] for r in new.get(i, []) if r["index"] == "-1"]
            if fo != fn:
                moved[(fo[0] if fo else "solutions", fn[0] if fn else "solutions")] += 1
        print(f"  points whose no-solution reason changed: {sum(moved.values())} {dict(moved)}")
    else:
        old = load(argv[2] + "/viable.csv", lo_hi)
        new = load(argv[3] + "/viable.csv", lo_hi)
        some = next(iter(old.values()))[0]
        columns = [c for c in some if c not in SOLVER_COLUMNS | {"id", "solution"}]
        res = compare(old, new, lambda rows: rows, lambda r: "viable", columns)
        report("viable rows", *res)
        write_lost(argv, res[7])
    return 1 if sum(res[3].values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
