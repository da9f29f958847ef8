#!/usr/bin/env python3
"""Tables of the LHC-era study (results/lhc/README.md) from gmsbscan results directories.

For each RESULTS_DIR (a scan under `bounds = "lhc2025"`): the rejection counts of manifest.json,
and the ranges (min, 5 %, median, 95 %, max) of the viable rows' inputs and observables that the
study reports, the NLSP types and the NLSP decay lengths. Python standard library only, so it runs
with any Python 3.

    python3 scripts/lhc_summary.py results/lhc2025-wide results/lhc2025-mssm-gmsb
"""

import csv
import json
import sys
from pathlib import Path

# Columns reported when present (hmz scans and mssm_gmsb scans have different inputs; the model
# scans carry one-loop pole masses of the inos, stops and staus beside the running ones).
COLUMNS = [
    "lambda_susy", "vev_s", "m_mess", "tan_beta", "lambda_n", "k", "m_h", "m_s1", "m_s2",
    "m_gluino_pole", "m_sup_l_pole", "m_stop1", "m_stop1_pole", "m_chi1", "m_chi1_pole", "m_cha1",
    "m_cha1_pole", "m_stau1", "m_stau1_pole", "m_a", "m_p1",
    "mu", "fine_tuning", "m_gravitino", "nlsp_ctau",
]


def quantile(xs, q):
    """Linear-interpolation quantile of a sorted list."""
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summarize(results_dir):
    d = Path(results_dir)
    manifest = json.loads((d / "manifest.json").read_text())
    print(f"## {manifest['name']} ({d})\n")
    print(f"gmsbscan {manifest.get('git_revision')}, {manifest['points_total']} draws, "
          f"{manifest['viable_points']} viable points ({manifest['viable_solutions']} rows)\n")
    print("| rejection | points | fraction |\n| --- | --- | --- |")
    total = manifest["points_total"]
    for reason, n in sorted(manifest["rejections"].items(), key=lambda kv: -kv[1]):
        print(f"| {reason} | {n} | {100.0 * n / total:.2f} % |")
    print(f"| viable | {manifest['viable_points']} | {100.0 * manifest['viable_points'] / total:.3f} % |\n")
    with open(d / "viable.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        print("no viable rows\n")
        return
    print("| column | min | 5 % | median | 95 % | max |\n| --- | --- | --- | --- | --- | --- |")
    for c in COLUMNS:
        if c not in rows[0]:
            continue
        xs = sorted(float(r[c]) for r in rows if r[c] not in ("", "nan", "NaN"))
        if not xs:
            continue
        cells = [xs[0], quantile(xs, 0.05), quantile(xs, 0.5), quantile(xs, 0.95), xs[-1]]
        print(f"| {c} | " + " | ".join(f"{x:.4g}" for x in cells) + " |")
    kinds = {}
    for r in rows:
        k = r.get("nlsp_kind") or r.get("nlsp", "?")
        kinds[k] = kinds.get(k, 0) + 1
    print("\nNLSP: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) + "\n")


def main(argv):
    if not argv:
        sys.exit(__doc__)
    for d in argv:
        summarize(d)


if __name__ == "__main__":
    main(sys.argv[1:])
