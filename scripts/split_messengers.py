#!/usr/bin/env python3
"""How the spectrum moves when a messenger 5 + 5bar is split into its triplet and doublet (issue 11).

Usage: python3 scripts/split_messengers.py [--config configs/split_messengers.toml]
           [--out results/split-messengers] [--gmsbscan target/release/gmsbscan]
           [--fixed-point target/release/examples/split_messengers]
           [--points N] [--splittings K] [--threads T]

The config (docs/physics.md section 11) has HMZ's 5 + 5bar coupled to S and N plus one pair `D` and
one pair `L` given by `mass_over_y`. For K values of the splitting r = X_D/X_L, log-spaced from 1/100
to 100, the D and L masses are set to X_D = G sqrt(r) <S>, X_L = G / sqrt(r) <S> with the config's
geometric mean G = sqrt(X_D X_L)/<S> kept fixed, and `gmsbscan scan` runs the config's priors and
seed (N points, default the config's). Written into OUT:

  sweep.csv             one row per splitting: r, X_D/<S>, X_L/<S>, sampled and viable points, the
                        viable fraction and its binomial error, and the median and 16th/84th
                        percentiles over the viable solutions of M_1, M_2, M_3 (running, at Q), the
                        gluino, selectrons, first-generation squarks, the lighter stau, neutralino
                        and chargino masses;
  fixed_point.csv       free of the selection of viable points: the soft spectrum at Q = 1 TeV of
                        HMZ's Table I inputs for the same r (and for HMZ's 5 alone, first row), from
                        the example `split_messengers` (cargo build --release --examples);
  split_messengers.png  the fixed-point soft spectrum, the medians (bands: 16-84 %) of the scans, and
                        the viable fraction, against r.

Needs pandas and matplotlib (scripts/requirements.txt) and a built gmsbscan.
"""

import argparse
import io
import json
import math
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

# (column of viable.csv, label) of the masses followed, in GeV.
MASSES = [
    ("m1", "$M_1(Q)$"),
    ("m2", "$M_2(Q)$"),
    ("m3", "$M_3(Q)$"),
    ("m_sel_r", r"$\tilde e_R$"),
    ("m_sel_l", r"$\tilde e_L$"),
    ("m_sup_l", r"$\tilde u_L$"),
    ("m_sup_r", r"$\tilde u_R$"),
    ("m_stau1", r"$\tilde\tau_1$"),
    ("m_chi1", r"$\chi^0_1$"),
    ("m_cha1", r"$\chi^\pm_1$"),
]


def split_pairs(config_text: str):
    """The config's D and L pairs: their mass_over_y and the geometric mean G."""
    cfg = tomllib.loads(config_text)
    pairs = cfg["physics"].get("messengers", [])
    by_content = {p["content"]: p for p in pairs if not p.get("singlets", False)}
    if set(by_content) != {"D", "L"} or any("mass_over_y" not in p for p in by_content.values()):
        sys.exit("the config needs exactly one D and one L pair given by mass_over_y")
    return math.sqrt(by_content["D"]["mass_over_y"] * by_content["L"]["mass_over_y"])


def with_splitting(config_text: str, ratio: float, mean: float, name: str, points) -> str:
    """The config text with X_D/X_L = ratio at geometric mean `mean` (in units of <S>)."""
    x_d, x_l = mean * math.sqrt(ratio), mean / math.sqrt(ratio)
    out, content = [], None
    for line in config_text.splitlines():
        m = re.match(r'\s*content\s*=\s*"(\w+)"', line)
        if m:
            content = m.group(1)
        if re.match(r"\s*mass_over_y\s*=", line) and content in ("D", "L"):
            line = f"mass_over_y = {x_d if content == 'D' else x_l!r}"
        elif re.match(r"\s*name\s*=", line):
            line = f'name = "{name}"'
        elif points is not None and re.match(r"\s*points\s*=", line):
            line = f"points = {points}"
        out.append(line)
    return "\n".join(out) + "\n"


def run_one(gmsbscan: str, text: str, work: Path, threads: int):
    """Runs one scan; returns (manifest, viable DataFrame)."""
    config = work / "config.toml"
    config.write_text(text)
    out = work / "scan"
    subprocess.run(
        [gmsbscan, "scan", str(config), "--threads", str(threads), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    manifest = json.loads((out / "manifest.json").read_text())
    return manifest, pd.read_csv(out / "viable.csv")


def counts(manifest: dict):
    """(sampled, viable points) from a manifest."""
    return manifest["sampled"], manifest["viable_points"]


def sweep(args) -> pd.DataFrame:
    text = Path(args.config).read_text()
    mean = split_pairs(text)
    k = args.splittings
    ratios = [10 ** (-2 + 4 * i / (k - 1)) for i in range(k)] if k > 1 else [1.0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, r in enumerate(ratios):
            work = Path(tmp) / f"s{i}"
            work.mkdir()
            name = f"split-messengers-r{i}"
            manifest, viable = run_one(
                args.gmsbscan, with_splitting(text, r, mean, name, args.points), work, args.threads
            )
            sampled, n_viable = counts(manifest)
            frac = n_viable / sampled if sampled else float("nan")
            row = {
                "ratio_xd_over_xl": r,
                "xd_over_y": mean * math.sqrt(r),
                "xl_over_y": mean / math.sqrt(r),
                "sampled": sampled,
                "viable_points": n_viable,
                "viable_fraction": frac,
                "viable_fraction_err": math.sqrt(frac * (1 - frac) / sampled) if sampled else float("nan"),
            }
            for col, _ in MASSES:
                v = viable[col].abs() if col in viable and len(viable) else pd.Series(dtype=float)
                for q, tag in ((0.5, "median"), (0.16, "p16"), (0.84, "p84")):
                    row[f"{col}_{tag}"] = v.quantile(q) if len(v) else float("nan")
            rows.append(row)
            print(f"X_D/X_L = {r:9.4g}: {n_viable}/{sampled} viable", file=sys.stderr)
    return pd.DataFrame(rows)


# (column of fixed_point.csv, label): soft masses at Q of the Table I inputs.
FIXED = [
    ("m1", "$M_1$"),
    ("m2", "$M_2$"),
    ("m3", "$M_3$"),
    ("m_e_r", "$m_{E}$"),
    ("m_e_l", "$m_{L}$"),
    ("m_q_l", "$m_{Q}$"),
    ("m_u_r", "$m_{U}$"),
    ("m_d_r", "$m_{D}$"),
]


def fixed_point(args, ratios) -> pd.DataFrame:
    """The example's soft spectrum of the Table I inputs for each ratio (first row: HMZ's 5 alone)."""
    out = subprocess.run(
        [args.fixed_point, args.config, *[repr(r) for r in ratios]],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return pd.read_csv(io.StringIO(out))


def plot(df: pd.DataFrame, fp: pd.DataFrame, config_text: str, out: Path):
    cfg = tomllib.loads(config_text)
    fig, (cx, ax, bx) = plt.subplots(
        3, 1, figsize=(7.5, 12), sharex=True, gridspec_kw={"height_ratios": [3, 3, 1]}
    )
    r = df["ratio_xd_over_xl"]
    minimal, split = fp[fp["ratio_xd_over_xl"].isna()], fp[fp["ratio_xd_over_xl"].notna()]
    for col, label in FIXED:
        line = cx.plot(split["ratio_xd_over_xl"], split[col], marker="o", ms=3, label=label)[0]
        cx.axhline(float(minimal[col].iloc[0]), color=line.get_color(), ls=":", lw=1)
    cx.set_xscale("log")
    cx.set_yscale("log")
    cx.set_ylabel("soft mass at Q = 1 TeV [GeV]\n(Table I inputs; dotted: HMZ's 5 alone)")
    cx.legend(ncol=4, fontsize=8, loc="center")
    cx.grid(True, which="both", alpha=0.3)
    for col, label in MASSES:
        med = df[f"{col}_median"]
        line = ax.plot(r, med, marker="o", ms=3, label=label)[0]
        ax.fill_between(r, df[f"{col}_p16"], df[f"{col}_p84"], color=line.get_color(), alpha=0.15)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylabel("scan: mass [GeV]\n(median of viable solutions; band 16-84 %)")
    ax.legend(ncol=2, fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    bx.errorbar(r, df["viable_fraction"], yerr=df["viable_fraction_err"], marker="o", ms=3)
    bx.set_xscale("log")
    bx.set_xlabel(r"$X_D/X_L$ (triplet over doublet mass of the extra $5+\bar 5$; $\sqrt{X_D X_L}$ fixed)")
    bx.set_ylabel("viable fraction")
    bx.grid(True, which="both", alpha=0.3)
    mean = float(df["xd_over_y"].iloc[0] * df["xl_over_y"].iloc[0]) ** 0.5
    fig.suptitle(
        f"Split messengers: HMZ 5 at <S> + D, L at {mean:.3g} <S> x (r^1/2, r^-1/2)\n"
        f"preset {cfg['physics']['preset']}, seed {cfg['seed']}, "
        f"{int(df['sampled'].iloc[0])} points per splitting",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(out / "split_messengers.png", dpi=120)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", default="configs/split_messengers.toml")
    p.add_argument("--out", default="results/split-messengers")
    p.add_argument("--gmsbscan", default="target/release/gmsbscan")
    p.add_argument("--fixed-point", default="target/release/examples/split_messengers")
    p.add_argument("--points", type=int, default=None, help="points per splitting (default: the config's)")
    p.add_argument("--splittings", type=int, default=13, help="number of X_D/X_L values (1/100 .. 100)")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    df = sweep(args)
    df.to_csv(out / "sweep.csv", index=False)
    fp = fixed_point(args, list(df["ratio_xd_over_xl"]))
    fp.to_csv(out / "fixed_point.csv", index=False)
    plot(df, fp, Path(args.config).read_text(), out)
    print(f"wrote sweep.csv, fixed_point.csv and split_messengers.png into {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
