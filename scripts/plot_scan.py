#!/usr/bin/env python3
"""Plot a gmsbscan scan in the style of Han, Marfatia & Zhang (1999), Figs. 1-4.

Usage: python3 scripts/plot_scan.py results/NAME [--out DIR]

Reads NAME/viable.csv (schema: README.md, "Output") and writes PNGs into DIR (default: the scan
directory):
  fig1_lambda_s.png      lambda_S vs xi_N, eta_S, eta_N and tan(beta)   (HMZ Fig. 1)
  fig2_bmu_mu.png        B_mu vs mu                                     (HMZ Fig. 2)
  fig3_fine_tuning.png   fine-tuning M_Z^2/(2 mu^2) vs tan(beta)         (HMZ Fig. 3)
  fig4_nlsp.png          m_chi1 / m_stau1 vs tan(beta)                  (HMZ Fig. 4)
Needs pandas and matplotlib.
"""

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def scatter(ax, df, x, y, xlabel, ylabel, logy=False):
    ax.scatter(df[x], df[y], s=4, alpha=0.6, edgecolors="none")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    # Couplings like eta_S ~ 1e-3 get a shared exponent instead of overlapping tick labels.
    ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 3))
    if logy and len(df) and (df[y] > 0).all():
        ax.set_yscale("log")
    if not len(df):
        ax.text(0.5, 0.5, "no viable points", ha="center", va="center", transform=ax.transAxes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan_dir", type=Path, help="scan output directory (holds viable.csv)")
    parser.add_argument("--out", type=Path, help="directory for the PNGs (default: scan_dir)")
    args = parser.parse_args(argv)

    csv = args.scan_dir / "viable.csv"
    if not csv.exists():
        sys.exit(f"error: {csv} not found (run `gmsbscan scan` first)")
    df = pd.read_csv(csv)
    out = args.out or args.scan_dir
    out.mkdir(parents=True, exist_ok=True)
    name = args.scan_dir.name
    written = []

    fig, axes = plt.subplots(2, 2, figsize=(9, 7), sharey=True)
    for ax, (col, label) in zip(
        axes.flat,
        [("xi_n", r"$\xi_N$"), ("eta_s", r"$\eta_S$"), ("eta_n", r"$\eta_N$"), ("tan_beta", r"$\tan\beta$")],
    ):
        scatter(ax, df, col, "lambda_s", label, r"$\lambda_S$")
    fig.suptitle(f"{name}: viable solutions ({len(df)})")
    fig.tight_layout()
    written.append(out / "fig1_lambda_s.png")
    fig.savefig(written[-1], dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4.5))
    scatter(ax, df, "mu", "b_mu", r"$\mu$ [GeV]", r"$B_\mu$ [GeV$^2$]", logy=True)
    ax.set_title(name)
    fig.tight_layout()
    written.append(out / "fig2_bmu_mu.png")
    fig.savefig(written[-1], dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4.5))
    scatter(ax, df, "tan_beta", "fine_tuning", r"$\tan\beta$", r"fine-tuning $M_Z^2/2\mu^2$ [%]")
    ax.set_title(name)
    fig.tight_layout()
    written.append(out / "fig3_fine_tuning.png")
    fig.savefig(written[-1], dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4.5))
    if "chi1_over_stau1" not in df:
        df["chi1_over_stau1"] = df["m_chi1"].abs() / df["m_stau1"]
    scatter(ax, df, "tan_beta", "chi1_over_stau1", r"$\tan\beta$", r"$m_{\chi_1^0} / m_{\tilde\tau_1}$")
    ax.axhline(1.0, color="grey", lw=0.8, ls="--")
    ax.set_title(f"{name}: neutralino NLSP below 1, stau NLSP above")
    fig.tight_layout()
    written.append(out / "fig4_nlsp.png")
    fig.savefig(written[-1], dpi=120)
    plt.close(fig)

    for path in written:
        print(path)


if __name__ == "__main__":
    main()
