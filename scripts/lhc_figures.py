#!/usr/bin/env python3
"""The planes of the LHC-era study (issue 21, results/lhc/README.md) from gmsbscan results directories.

Usage: python3 scripts/lhc_figures.py RESULTS_DIR [RESULTS_DIR ...] [--out DIR] [--format png|pdf|svg]
                                      [--publication]

For each RESULTS_DIR (a scan under `bounds = "lhc2025"`: the HMZ model with either preset, or
mssm_gmsb) writes into DIR (default results/lhc/figures) one file per plane, named
`<scan name>_<plane>`, where the scan's model has the plane's columns:

  lambda_tan_beta  Lambda vs tan(beta) of the viable points, coloured by the SM-like m_h; behind
                   them (grey) the draws a bound removed, when RESULTS_DIR has rejected.csv
                   (`--keep-rejected`); the paper's box (Lambda 38-100 TeV) dashed
  mh_lambda_n      SM-like m_h (with its per-row theory uncertainty) vs lambda_N, coloured by
                   tan(beta); the 125.1 +- 2 GeV band (the narrowest window lhc2025 uses)
  gluino_nlsp      gluino pole mass vs NLSP mass, marked by NLSP type (neutralino decaying mostly
                   to a photon, i.e. BR(chi_1 -> photon + gravitino) >= 0.5, or mostly to Z/h;
                   stau; slepton co-NLSP)
  nlsp_ctau        NLSP decay length: c tau vs NLSP mass by type, and its (weighted) histogram,
                   with the prompt (< 1 mm), displaced (1 mm - 1 m) and long-lived (> 1 m) ranges

The NLSP mass is the pole mass where the scan has one (mssm_gmsb: m_chi1_pole, m_stau1_pole),
else the column lhc2025 reads (m_chi1, m_stau1). Axes are fixed per plane (widened, never
clipped, when points fall outside, with a note on stderr), so the scans' figures can be laid side
by side. Rows carry their `weight` (importance scans); histograms and counts are weighted.

The loaders, the provenance footer, the --publication variant (no titles or footers; captions.md
with each figure's caption, prior measure and provenance) and figures.json are scripts/figures.py's.
Needs numpy, pandas and matplotlib (scripts/requirements.txt).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import figures as base  # noqa: E402  (the shared loaders and footer; matplotlib set to Agg there)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import LogNorm, Normalize  # noqa: E402

Axis, Panel = base.Axis, base.Panel

# The box of the paper (HMZ Sec. III: Lambda 38-100 TeV) and the study's wide box (configs/lhc2025_*).
PAPER_LAMBDA = (3.8e4, 1.0e5)
LAMBDA = Axis("lambda_susy", r"$\Lambda$ [GeV]", (3.0e4, 1.2e7), log=True)
TAN_BETA = Axis("tan_beta", r"$\tan\beta$", (1.4, 55.0), log=True)
LAMBDA_N = Axis("lambda_n", r"$\lambda_N$", (0.0, 1.0))
M_H = Axis("m_h", r"SM-like $m_h$ [GeV]", (95.0, 145.0))
M_NLSP = Axis("m_nlsp", r"$m_{\rm NLSP}$ [GeV]", (50.0, 3.0e4), log=True)
GLUINO = Axis("m_gluino_pole", r"$m_{\tilde g}$ (pole) [GeV]", (1.0e3, 1.0e5), log=True)
CTAU = Axis("nlsp_ctau", r"NLSP $c\tau$ [m]", (1e-8, 1e5), log=True)
# The window of the 125 GeV bound at its narrowest (docs/physics.md 9b: 125.1 +- max(2 GeV, the
# row's uncertainty)); m_h colour scale of the Lambda-tan(beta) plane.
HIGGS_CENTRAL, HIGGS_MIN_WIDTH = 125.1, 2.0
M_H_COLOURS = (120.0, 130.0)
# The decay-length ranges results/lhc/README.md and the lhc2025 bounds use (prompt, displaced, long-lived).
CTAU_PROMPT, CTAU_LONG = 1e-3, 1.0

# NLSP classes: (label, colour, marker) and the rows they select.
NLSP_CLASSES = [
    (r"$\tilde\chi_1^0$, BR($\gamma\tilde G$) $\geq$ 0.5", "tab:blue", "o",
     lambda d: (d["nlsp_kind"] == "neutralino") & (d["br_chi1_photon"] >= 0.5)),
    (r"$\tilde\chi_1^0$, mostly $Z/h\,\tilde G$", "tab:orange", "o",
     lambda d: (d["nlsp_kind"] == "neutralino") & ~(d["br_chi1_photon"] >= 0.5)),
    (r"$\tilde\tau_1$", "tab:red", "^", lambda d: d["nlsp_kind"] == "stau"),
    (r"$\tilde\ell_R$ co-NLSP", "tab:purple", "s", lambda d: d["nlsp_kind"] == "slepton_co_nlsp"),
]


def nlsp_mass(df):
    """|m_chi1| for a neutralino NLSP, m_stau1 for a slepton one (pole masses where present)."""
    chi = df["m_chi1_pole"] if "m_chi1_pole" in df else df["m_chi1"]
    stau = df["m_stau1_pole"] if "m_stau1_pole" in df else df["m_stau1"]
    return np.where(df["nlsp_kind"] == "neutralino", chi.abs(), stau)


def axes_for(ax, panel, df):
    """The panel's fixed ranges (widened for points outside them), shared with figures.py."""
    base.set_range(ax, "x", panel.x, base.values(df, panel.x))
    base.set_range(ax, "y", panel.y, base.values(df, panel.y))


def weight_text(w):
    """'n rows' or, for weighted rows, 'n rows, weight W'."""
    n = len(w)
    return f"{n} rows" if np.all(w == 1.0) else f"{n} rows, weight {w.sum():.4g}"


def lambda_tan_beta(scan):
    df = scan.df
    panel = Panel("lambda_tan_beta", LAMBDA, TAN_BETA,
                  r"Surviving points in the $\Lambda$-$\tan\beta$ plane, coloured by the SM-like $m_h$")
    fig, ax = plt.subplots(figsize=(6.4, 5.4))
    axes_for(ax, panel, df)
    removed = scan.removed_by_bounds()
    if removed is not None and len(removed):
        ax.scatter(removed["lambda_susy"], removed["tan_beta"], s=2, color="0.75", zorder=1,
                   rasterized=True, label=f"removed by a bound ({len(removed)} draws)")
    ax.axvspan(*PAPER_LAMBDA, facecolor="tab:orange", alpha=0.12, zorder=0)
    ax.axvspan(*PAPER_LAMBDA, fill=False, edgecolor="tab:orange", ls="--", lw=1.2, zorder=0,
               label=r"HMZ 1999 box ($\Lambda$ 38-100 TeV)")
    if scan.weighted:
        base.density(ax, base.values(df, LAMBDA), base.values(df, TAN_BETA),
                     df[base.WEIGHT].to_numpy(dtype=float), panel)
    if len(df):
        sc = ax.scatter(df["lambda_susy"], df["tan_beta"], s=8, c=df["m_h"], cmap="viridis",
                        norm=Normalize(*M_H_COLOURS), edgecolors="none", zorder=2,
                        label=f"viable ({weight_text(scan.w)})")
        fig.colorbar(sc, ax=ax, label=M_H.label)
    else:
        ax.text(0.5, 0.5, "no viable points", ha="center", va="center", transform=ax.transAxes)
    ax.legend(loc="upper left", fontsize=7, markerscale=2)
    return fig, panel, {"removed_by_bounds": None if removed is None else int(len(removed))}


def mh_lambda_n(scan):
    df = scan.df
    panel = Panel("mh_lambda_n", LAMBDA_N, M_H,
                  r"SM-like $m_h$ (with its theory uncertainty) against $\lambda_N$, coloured by $\tan\beta$")
    fig, ax = plt.subplots(figsize=(6.4, 5.4))
    axes_for(ax, panel, df)
    ax.axhspan(HIGGS_CENTRAL - HIGGS_MIN_WIDTH, HIGGS_CENTRAL + HIGGS_MIN_WIDTH, color="tab:orange",
               alpha=0.15, zorder=0, label=rf"${HIGGS_CENTRAL} \pm {HIGGS_MIN_WIDTH:g}$ GeV")
    if len(df):
        err = df["m_h_uncertainty"].to_numpy(dtype=float)
        err = np.where(np.isfinite(err), err, 0.0)
        ax.errorbar(df["lambda_n"], df["m_h"], yerr=err, fmt="none", ecolor="0.6", lw=0.6,
                    zorder=1)
        sc = ax.scatter(df["lambda_n"], df["m_h"], s=8, c=df["tan_beta"], cmap="viridis",
                        norm=LogNorm(*TAN_BETA.lim), edgecolors="none", zorder=2,
                        label=f"viable ({weight_text(scan.w)})")
        fig.colorbar(sc, ax=ax, label=TAN_BETA.label)
    else:
        ax.text(0.5, 0.5, "no viable points", ha="center", va="center", transform=ax.transAxes)
    ax.legend(loc="lower right", fontsize=7)
    return fig, panel, {}


def by_nlsp(ax, df, x, y, size=10):
    """Scatter the rows of each NLSP class with its colour and marker; the legend counts them."""
    w = df[base.WEIGHT].to_numpy(dtype=float)
    for label, colour, marker, select in NLSP_CLASSES:
        sel = select(df).to_numpy()
        if sel.any():
            ax.scatter(x[sel], y[sel], s=size, color=colour, marker=marker, alpha=0.75,
                       edgecolors="none", zorder=2, label=f"{label} ({weight_text(w[sel])})")
    if len(df):
        ax.legend(loc="best", fontsize=7)
    else:
        ax.text(0.5, 0.5, "no viable points", ha="center", va="center", transform=ax.transAxes)


def gluino_nlsp(scan):
    df = scan.df
    panel = Panel("gluino_nlsp", M_NLSP, GLUINO,
                  r"Gluino (pole) against NLSP mass, by NLSP type and decay")
    fig, ax = plt.subplots(figsize=(6.4, 5.4))
    axes_for(ax, panel, df)
    by_nlsp(ax, df, base.values(df, M_NLSP), base.values(df, GLUINO))
    return fig, panel, {}


def nlsp_ctau(scan):
    df = scan.df
    panel = Panel("nlsp_ctau", M_NLSP, CTAU,
                  r"NLSP decay length $c\tau$: against its mass, and its distribution")
    fig, (ax, hx) = plt.subplots(1, 2, figsize=(11.5, 5.0), gridspec_kw={"width_ratios": [1.2, 1]})
    axes_for(ax, panel, df)
    ctau = base.values(df, CTAU)
    by_nlsp(ax, df, base.values(df, M_NLSP), ctau)
    w = df[base.WEIGHT].to_numpy(dtype=float)
    for level in (CTAU_PROMPT, CTAU_LONG):
        ax.axhline(level, color="grey", lw=0.8, ls="--", zorder=1)
        hx.axvline(level, color="grey", lw=0.8, ls="--", zorder=1)
    ok = np.isfinite(ctau) & (ctau > 0)
    lo, hi = ax.get_ylim()
    bins = np.logspace(np.log10(lo), np.log10(hi), 40)
    stacks = [(ctau[ok & select(df).to_numpy()], w[ok & select(df).to_numpy()], label, colour)
              for label, colour, _, select in NLSP_CLASSES]
    stacks = [s for s in stacks if len(s[0])]
    if stacks:
        hx.hist([s[0] for s in stacks], bins=bins, weights=[s[1] for s in stacks], stacked=True,
                color=[s[3] for s in stacks], label=[s[2] for s in stacks])
    hx.set_xscale("log")
    hx.set_xlim(lo, hi)
    hx.set_xlabel(CTAU.label)
    hx.set_ylabel("summed weight" if scan.weighted else "rows")
    shares = [0.0, 0.0, 0.0]
    if w[ok].sum() > 0:
        shares = [w[ok & (ctau < CTAU_PROMPT)].sum(), w[ok & (ctau >= CTAU_PROMPT) & (ctau <= CTAU_LONG)].sum(),
                  w[ok & (ctau > CTAU_LONG)].sum()]
        hx.text(0.02, 0.98, "prompt {:.4g}\ndisplaced {:.4g}\nlong-lived {:.4g}".format(*shares)
                + (" (summed weights)" if scan.weighted else " (rows)"),
                transform=hx.transAxes, va="top", fontsize=8)
    return fig, panel, {"prompt_displaced_long_lived": [float(x) for x in shares]}


PLANES = [
    (lambda_tan_beta, (LAMBDA, TAN_BETA, M_H)),
    (mh_lambda_n, (LAMBDA_N, M_H, TAN_BETA, Axis("m_h_uncertainty", "", (0, 0)))),
    (gluino_nlsp, (GLUINO, Axis("nlsp_kind", "", (0, 0)), Axis("br_chi1_photon", "", (0, 0)))),
    (nlsp_ctau, (CTAU, Axis("nlsp_kind", "", (0, 0)), Axis("br_chi1_photon", "", (0, 0)))),
]


class Scan:
    """One results directory: its viable rows (with m_nlsp), provenance and prior measure."""

    def __init__(self, results_dir):
        self.dir = results_dir
        self.df, self.weighted, self.provenance, self.model, self.prior = base.load(results_dir)
        if "nlsp_kind" in self.df and len(self.df):
            self.df["m_nlsp"] = nlsp_mass(self.df)
        elif "nlsp_kind" in self.df:
            self.df["m_nlsp"] = pd.Series(dtype=float)
        self.w = self.df[base.WEIGHT].to_numpy(dtype=float)
        self.name = self.provenance.split(" | ")[0]

    def removed_by_bounds(self):
        """The draws of rejected.csv whose first failure is a bound (reason bound:*), or None."""
        path = self.dir / "rejected.csv"
        if not path.exists():
            return None
        rej = pd.read_csv(path, usecols=lambda c: c in ("lambda_susy", "tan_beta", "reason"))
        return rej[rej["reason"].astype(str).str.startswith("bound:")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results_dirs", type=Path, nargs="+", help="results directories")
    parser.add_argument("--out", type=Path, default=Path("results/lhc/figures"),
                        help="directory for the figures (default: results/lhc/figures)")
    parser.add_argument("--format", choices=("png", "pdf", "svg"), default="png")
    parser.add_argument("--publication", action="store_true",
                        help="no titles or footers; captions, prior and provenance in captions.md")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index = {}
    for d in args.results_dirs:
        scan = Scan(d)
        for draw, needs in PLANES:
            if not base.applies(scan.df, *needs):
                continue
            fig, panel, extra = draw(scan)
            stem = f"{scan.name}_{panel.stem}"
            if not args.publication:
                fig.suptitle(f"{scan.name}: {panel.caption}", fontsize=8)
            base.finish(fig, scan.provenance, scan.prior, args.publication)
            ax = fig.axes[0]
            index[stem] = {"caption": f"{scan.name}: {panel.caption}", "prior_measure": scan.prior,
                           "provenance": scan.provenance, "x": panel.x.column,
                           "y": panel.y.column, "xlim": list(ax.get_xlim()),
                           "ylim": list(ax.get_ylim()), "rows": int(len(scan.df)),
                           "summed_weight": float(scan.w.sum()), **extra}
            base.save(fig, args.out / f"{stem}.{args.format}")
    base.write_index(args.out, index, args.format, args.publication, "the LHC-era study")


if __name__ == "__main__":
    main()
