#!/usr/bin/env python3
"""Draw the figures of a gmsbscan results directory, for every model (hmz, mssm_gmsb, ddr).

Usage: python3 scripts/figures.py RESULTS_DIR [--out DIR] [--format png|pdf|svg] [--publication]

Reads RESULTS_DIR/viable.csv (its columns: RESULTS_DIR/columns.md), manifest.json and config.toml,
and writes into DIR (default: RESULTS_DIR/figures, which `gmsbscan scan --force` clears with the
scan it replaces) one file per panel of Han, Marfatia & Zhang (1999) that applies to the scan's
model (a panel whose columns the model does not have is left out: mssm_gmsb and ddr scans get
Figs. 2-4 and the histograms):

  fig1a_lambda_s_xi_n        lambda_S vs xi_N                           (HMZ Fig. 1a)
  fig1b_lambda_s_eta_s       lambda_S vs eta_S                          (Fig. 1b)
  fig1c_lambda_s_eta_n       lambda_S vs eta_N                          (Fig. 1c)
  fig1d_lambda_s_tan_beta    lambda_S vs tan(beta)                      (Fig. 1d)
  fig2a_bmu_mu               B_mu vs mu                                 (Fig. 2a)
  fig2b_bmu_over_mu_tan_beta B_mu/mu vs tan(beta)                       (Fig. 2b)
  fig3a_fine_tuning_tan_beta fine-tuning M_Z^2/(2 mu^2) vs tan(beta)    (Fig. 3a)
  fig3b_fine_tuning_lambda   fine-tuning vs Lambda                      (Fig. 3b)
  fig4a_nlsp_tan_beta        m_chi1/m_stau1 vs tan(beta), NLSP regions  (Fig. 4a)
  fig4b_nlsp_lambda          m_chi1/m_stau1 vs Lambda, NLSP regions     (Fig. 4b)
  fig5_relic_m_phi           Omega h^2 vs m_phi0                        (Fig. 5)
  histograms                 (weighted) distributions of the quantities HMZ quote
  ddr_viable_region          ddr scans only: (a) the sampled points in the (Lambda, |B|) plane,
                             viable over rejected (rejected.csv, with --keep-rejected); (b) solved
                             tan(beta) vs |B|; (c) fine-tuning vs Lambda; (d) rho vs lambda lambda_2

Axes and units follow the paper's figures; the ranges are fixed per panel, wide enough for both
presets (hmz1999 and consistent), so the figures of two scans can be laid side by side (the
fine-tuning is drawn on a log axis for that reason). A range is widened (never clipped) only when
viable points fall outside it, and the script then says so on stderr. lambda_S is drawn on a log
axis when the scan has viable points below 1e-3 (the paper's "vanishing lambda_S" region, reached by
configs that sample lambda_S down to 1e-5), else linearly from 0 as in the paper. Each panel shows
the range the paper quotes for its quantities (Sec. III-IV; the numbers of `gmsbscan summarize`)
as a dashed box or band. Plain scatter panels colour the points by a third quantity (Lambda, or
tan(beta) where tan(beta) is an axis), so 5000 points do not saturate into one black region.
Every file carries its caption as title and a footer with its provenance (scan name, preset, seed,
sampler, sampled and viable counts, program version) and the prior measure of the sample.

--publication draws the same panels without titles and footers and writes `captions.md` beside
them: each figure's caption, the paper's range drawn, the prior measure and the provenance.
Every run also writes `figures.json`: per figure its caption, axis ranges and the paper's box.

Weights: when viable.csv has a `weight` column (a sampler that does not draw from the priors
writes it), each scatter panel also shows the weighted density of the points (summed weight per
hexagonal cell) and the histograms are weighted; without it every row has weight 1.
Needs pandas and matplotlib (scripts/requirements.txt).
"""

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

WEIGHT = "weight"
# Below this lambda_S the paper speaks of "vanishing lambda_S" (Sec. III.B, item 1).
VANISHING_LAMBDA_S = 1e-3


@dataclass
class Axis:
    """One axis: a viable.csv column (times `scale`), its label, the paper's range, log or not."""

    column: str
    label: str
    lim: tuple
    log: bool = False
    scale: float = 1.0


@dataclass
class Panel:
    """One panel of the paper: file stem, axes, caption, and whether to mark the NLSP regions."""

    stem: str
    x: Axis
    y: Axis
    caption: str
    nlsp_regions: bool = False
    hlines: list = field(default_factory=list)
    # Points with y above this are drawn grey (Fig. 5: relic densities that over-close the universe).
    overclosed_above: float = None
    # The ranges HMZ quote for the x and y quantities, (min, max) with None for an open side; None
    # when the paper quotes none for that axis.
    paper_x: tuple = None
    paper_y: tuple = None
    paper_label: str = ""


TAN_BETA = Axis("tan_beta", r"$\tan\beta$", (0.0, 50.0))
LAMBDA_TEV = Axis("lambda_susy", r"$\Lambda$ [TeV]", (35.0, 100.0), scale=1e-3)
# Log: hmz1999 spans 0.7-10 %, consistent up to ~30 %; one axis for both.
FINE_TUNING = Axis("fine_tuning", r"fine-tune $M_Z^2/2\mu^2$ [%]", (0.3, 50.0), log=True)
CHI_OVER_STAU = Axis("chi1_over_stau1", r"$m_{\tilde\chi_1^0}/m_{\tilde\tau_1}$", (0.3, 1.7))

# The ranges HMZ quote (Sec. III.B-IV; src/output/summary.rs PAPER_RANGES), per quantity.
PAPER = {
    "xi_n": (-0.95, 0.95), "eta_s": (-0.01, 0.05), "eta_n": (0.6, 1.0), "lambda_s": (0.0, 4e-3),
    "mu": (275.0, 550.0), "b_mu": (5e3, 2e5), "b_param": (10.0, 300.0),
    "fine_tuning": (1.0, 6.0), "m_phi": (6.0, 25.0), "omega_h2": (0.2, 0.4),
}
# Fig. 4: "chi1 is the NLSP for tan(beta) <~ 22 or Lambda <~ 64 TeV" (Sec. III.C).
NLSP_EDGE = {"tan_beta": 22.0, "lambda_susy": 64.0}


def lambda_s_axis(df):
    """lambda_S: linear from 0 as in the paper, or log when the vanishing region is populated."""
    if len(df) and "lambda_s" in df and (df["lambda_s"] < VANISHING_LAMBDA_S).any():
        return Axis("lambda_s", r"$\lambda_S$", (1e-5, 1e-2), log=True)
    return Axis("lambda_s", r"$\lambda_S$", (0.0, 6.5e-3))


def panels(df):
    """The paper's panels, each with the ranges HMZ quote for its axes (PAPER, NLSP_EDGE)."""
    out = base_panels(df)
    for p in out:
        p.paper_x = PAPER.get(p.x.column)
        p.paper_y = PAPER.get(p.y.column)
        if p.stem.startswith("fig4"):
            p.paper_x = (NLSP_EDGE[p.x.column], None)
            p.paper_y = None
            p.paper_label = r"HMZ: $\tilde\tau_1$ NLSP only beyond this"
        elif p.stem == "fig5_relic_m_phi":
            p.paper_label = r"HMZ: $6 \leq m_{\phi^0} \leq 25$ TeV at $\Omega h^2 \sim 0.3$"
        elif p.paper_x or p.paper_y:
            p.paper_label = "HMZ quoted range"
    return out


def base_panels(df):
    lam = lambda_s_axis(df)
    fig1 = "Viable solutions in the "
    return [
        Panel("fig1a_lambda_s_xi_n", Axis("xi_n", r"$\xi_N$", (-1.05, 1.05)), lam,
              fig1 + r"$\lambda_S$-$\xi_N$ plane (HMZ Fig. 1a)"),
        Panel("fig1b_lambda_s_eta_s", Axis("eta_s", r"$\eta_S$", (-0.04, 0.13)), lam,
              fig1 + r"$\lambda_S$-$\eta_S$ plane (HMZ Fig. 1b)"),
        Panel("fig1c_lambda_s_eta_n", Axis("eta_n", r"$\eta_N$", (0.0, 1.05)), lam,
              fig1 + r"$\lambda_S$-$\eta_N$ plane (HMZ Fig. 1c)"),
        Panel("fig1d_lambda_s_tan_beta", TAN_BETA, lam,
              fig1 + r"$\lambda_S$-$\tan\beta$ plane (HMZ Fig. 1d)"),
        Panel("fig2a_bmu_mu", Axis("mu", r"$\mu$ [GeV]", (100.0, 800.0)),
              Axis("b_mu", r"$B_\mu$ [GeV$^2$]", (1e2, 1e6), log=True),
              r"Allowed region in the $B_\mu$-$\mu$ plane (HMZ Fig. 2a)"),
        Panel("fig2b_bmu_over_mu_tan_beta", TAN_BETA,
              Axis("b_param", r"$B_\mu/\mu$ [GeV]", (1.0, 1e3), log=True),
              r"Allowed region in the $(B_\mu/\mu)$-$\tan\beta$ plane (HMZ Fig. 2b)"),
        Panel("fig3a_fine_tuning_tan_beta", TAN_BETA, FINE_TUNING,
              r"Percentage fine-tune versus $\tan\beta$ (HMZ Fig. 3a)"),
        Panel("fig3b_fine_tuning_lambda", LAMBDA_TEV, FINE_TUNING,
              r"Percentage fine-tune versus $\Lambda$ (HMZ Fig. 3b)"),
        Panel("fig4a_nlsp_tan_beta", TAN_BETA, CHI_OVER_STAU,
              r"$\tilde\chi_1^0$-NLSP and $\tilde\tau_1$-NLSP regions vs $\tan\beta$ (HMZ Fig. 4a)",
              nlsp_regions=True),
        Panel("fig4b_nlsp_lambda", LAMBDA_TEV, CHI_OVER_STAU,
              r"$\tilde\chi_1^0$-NLSP and $\tilde\tau_1$-NLSP regions vs $\Lambda$ (HMZ Fig. 4b)",
              nlsp_regions=True),
        Panel("fig5_relic_m_phi", Axis("m_phi", r"$m_{\phi^0}$ [TeV]", (0.0, 100.0), scale=1e-3),
              Axis("omega_h2", r"$\Omega_{\phi^0} h^2$", (1e-3, 1e8), log=True),
              r"Messenger-sneutrino relic density (HMZ Fig. 5): over-closure at 1, 0.3 assumed",
              hlines=[(1.0, "over-closure"), (0.3, r"$\Omega h^2 = 0.3$")], overclosed_above=1.0),
    ]


# The quantities HMZ quote ranges for (Sec. III-IV), for the histogram sheet.
HISTOGRAMS = [
    Axis("lambda_s", r"$\lambda_S$", (0, 0)), Axis("xi_n", r"$\xi_N$", (0, 0)),
    Axis("eta_s", r"$\eta_S$", (0, 0)), Axis("eta_n", r"$\eta_N$", (0, 0)),
    Axis("lambda_n", r"$\lambda_N$", (0, 0)), Axis("k", r"$k$", (0, 0)),
    Axis("mu", r"$\mu$ [GeV]", (0, 0)), Axis("b_mu", r"$B_\mu$ [GeV$^2$]", (0, 0)),
    Axis("b_param", r"$B_\mu/\mu$ [GeV]", (0, 0)), FINE_TUNING,
    Axis("m_s1", r"$m_{S_1}$ [GeV]", (0, 0)), Axis("m_p1", r"$m_{P_1}$ [GeV]", (0, 0)),
    Axis("m_cha1", r"$m_{\tilde\chi_1^+}$ [GeV]", (0, 0)),
    Axis("m_stau1", r"$m_{\tilde\tau_1}$ [GeV]", (0, 0)),
    Axis("m_stop1", r"$m_{\tilde t_1}$ [GeV]", (0, 0)),
    Axis("m_phi", r"$m_{\phi^0}$ [TeV]", (0, 0), scale=1e-3),
    # The MSSM-limit models (mssm_gmsb, ddr): columns the HMZ model does not have.
    Axis("tan_beta", r"$\tan\beta$", (0, 0)), Axis("m_h", r"$m_h$ [GeV]", (0, 0)),
    Axis("m_a", r"$m_A$ [GeV]", (0, 0)), Axis("m_chi1", r"$m_{\tilde\chi_1^0}$ [GeV]", (0, 0)),
    Axis("lambda_1", r"$\lambda_1$", (0, 0)),
]


def applies(df, *axes):
    """True when the scan's rows have every column of the axes (the model has the quantity)."""
    return all(a.column in df.columns for a in axes)


def load(results_dir):
    """viable.csv as a DataFrame (with a weight column, 1 when absent) and the provenance line."""
    paths = {f: results_dir / f for f in ("viable.csv", "manifest.json", "config.toml")}
    for name, path in paths.items():
        if not path.exists():
            sys.exit(f"error: {path} not found (is {results_dir} a gmsbscan results directory?)")
    df = pd.read_csv(paths["viable.csv"]).copy()
    weighted = WEIGHT in df.columns
    if not weighted:
        df[WEIGHT] = 1.0
    elif len(df) and not (np.isfinite(df[WEIGHT]).all() and (df[WEIGHT] >= 0).all()):
        sys.exit(f"error: {paths['viable.csv']}: the weight column has negative or non-finite values")
    if "chi1_over_stau1" not in df:
        df["chi1_over_stau1"] = df["m_chi1"].abs() / df["m_stau1"]
    manifest = json.loads(paths["manifest.json"].read_text())
    config = tomllib.loads(paths["config.toml"].read_text())
    model = manifest.get("model", "hmz")
    if model == "hmz":
        physics = (f"preset {config['physics']['preset']} | "
                   f"unknowns {' '.join(config['physics']['unknowns'])}")
    else:
        physics = f"model {model} | preset {config['preset']} | sign(mu) {config['sign_mu']:+.0f}"
    provenance = (
        f"{manifest['name']} | {physics} | seed {manifest['seed']} | "
        f"sampler {manifest['sampler']}" + (" | rows weighted" if weighted else "") + "\n"
        f"{manifest['sampled']} sampled, {manifest['viable_points']} viable points "
        f"({manifest['viable_solutions']} solutions), {manifest['status']} | "
        f"{manifest['program']} {manifest['version']} ({manifest['git_revision']})"
    )
    return df, weighted, provenance, model, prior_measure(config, manifest)


def prior_measure(config, manifest):
    """The sample's measure in one line: each input's prior (config.toml), then the manifest's words."""
    parts = []
    for name, p in config.get("priors", {}).items():
        kind = p.get("prior", "?")
        if kind == "gaussian":
            parts.append(f"{name} gaussian {p['mean']:g}+-{p['sigma']:g} in [{p['min']:g}, {p['max']:g}]")
        else:
            parts.append(f"{name} {kind} [{p.get('min', '?'):g}, {p.get('max', '?'):g}]")
    text = "priors: " + "; ".join(parts) if parts else "priors: see config.toml"
    cut = config.get("lambda_over_s_cut", "reject")
    priors = config.get("priors", {})
    if "lambda_susy" in priors and "vev_s" in priors:
        text += f"; Lambda <= 0.9 <S> ({cut})"
    elif "lambda_susy" in priors and "m_mess" in priors:
        text += "; Lambda < M (draws with Lambda >= M rejected)"
    if manifest.get("sampler") in ("mcmc", "importance"):
        text += f"; {manifest['sampler']} sampler (see manifest.json)"
    return text


def values(df, axis):
    return df[axis.column].to_numpy(dtype=float) * axis.scale


def set_range(ax, which, axis, data):
    """The paper's range, widened to every finite (and, on a log axis, positive) data value."""
    lo, hi = axis.lim
    data = data[np.isfinite(data)]
    if axis.log:
        data = data[data > 0]
    if len(data):
        if data.min() < lo:
            lo = data.min() / 1.5 if axis.log else data.min() - 0.05 * (hi - lo)
        if data.max() > hi:
            hi = data.max() * 1.5 if axis.log else data.max() + 0.05 * (hi - lo)
        if (lo, hi) != tuple(axis.lim):
            print(f"note: {axis.column} axis widened from {axis.lim} to ({lo:.4g}, {hi:.4g}) "
                  "for points outside it: not the standard axes", file=sys.stderr)
    getattr(ax, f"set_{which}scale")("log" if axis.log else "linear")
    getattr(ax, f"set_{which}lim")(lo, hi)
    getattr(ax, f"set_{which}label")(axis.label)


def density(ax, x, y, w, panel):
    """Summed weight per hexagonal cell behind the points (only when rows carry weights)."""
    ok = np.isfinite(x) & np.isfinite(y) & (w > 0)
    if panel.x.log:
        ok &= x > 0
    if panel.y.log:
        ok &= y > 0
    if not ok.any():
        return
    # Cells tile the whole drawn range (hexbin's extent is in log10 units on a log axis).
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    extent = [*(np.log10(xlim) if panel.x.log else xlim), *(np.log10(ylim) if panel.y.log else ylim)]
    hb = ax.hexbin(
        x[ok], y[ok], C=w[ok], reduce_C_function=np.sum, gridsize=30, mincnt=1, extent=extent,
        xscale="log" if panel.x.log else "linear", yscale="log" if panel.y.log else "linear",
        cmap="Greens", norm=LogNorm(), alpha=0.8, zorder=1,
    )
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.figure.colorbar(hb, ax=ax, label="summed weight per cell")


def nlsp_regions(ax, df, x, y):
    """Shade the two NLSP regions (ratio below/above 1) and colour the points by their NLSP."""
    ax.axhspan(0.0, 1.0, color="tab:blue", alpha=0.06, zorder=0)
    ax.axhspan(1.0, 100.0, color="tab:red", alpha=0.06, zorder=0)
    ax.axhline(1.0, color="grey", lw=0.8, ls="--", zorder=1)
    ax.text(0.02, 0.04, r"$\tilde\chi_1^0$ NLSP", transform=ax.transAxes, color="tab:blue")
    ax.text(0.02, 0.92, r"$\tilde\tau_1$ NLSP", transform=ax.transAxes, color="tab:red")
    for kind, colour in (("neutralino", "tab:blue"), ("stau", "tab:red")):
        sel = (df["nlsp"] == kind).to_numpy()
        ax.scatter(x[sel], y[sel], s=10, color=colour, alpha=0.7, edgecolors="none",
                   label=f"{kind} NLSP ({sel.sum()})", zorder=2)
    ax.legend(loc="lower right", fontsize=8)


def overclosure(ax, x, y, limit):
    """Fig. 5 shows the masses that do not over-close the universe: those in black, the rest grey."""
    closed = y <= limit
    ax.scatter(x[closed], y[closed], s=10, color="black", alpha=0.7, edgecolors="none", zorder=2,
               label=rf"$\Omega h^2 \leq {limit:g}$ ({closed.sum()})")
    ax.scatter(x[~closed], y[~closed], s=10, color="silver", edgecolors="none", zorder=2,
               label=rf"over-closing ({(~closed).sum()})")
    ax.legend(loc="best", fontsize=8)


def colour_axis(panel):
    """The third quantity a plain scatter panel is coloured by: tan(beta), or Lambda where
    tan(beta) is an axis (fixed colour ranges, the same for every scan)."""
    if "tan_beta" in (panel.x.column, panel.y.column):
        return LAMBDA_TEV
    return TAN_BETA


def paper_box(ax, panel):
    """The ranges HMZ quote for the panel's quantities: a dashed box (both axes), a band (one), or
    the NLSP edge of Fig. 4 (a dashed line, the stau region beyond it)."""
    if panel.paper_x is None and panel.paper_y is None:
        return
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    if panel.nlsp_regions:
        ax.axvline(panel.paper_x[0], color="tab:orange", ls="--", lw=1.2, zorder=1,
                   label=panel.paper_label)
        return
    px = panel.paper_x or (None, None)
    py = panel.paper_y or (None, None)
    xa, xb = (x0 if px[0] is None else px[0]), (x1 if px[1] is None else px[1])
    ya, yb = (y0 if py[0] is None else py[0]), (y1 if py[1] is None else py[1])
    style = dict(facecolor="tab:orange", alpha=0.10, edgecolor="none", zorder=0)
    ax.add_patch(Rectangle((xa, ya), xb - xa, yb - ya, **style))
    ax.add_patch(Rectangle((xa, ya), xb - xa, yb - ya, fill=False, edgecolor="tab:orange",
                           ls="--", lw=1.2, zorder=1, label=panel.paper_label))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def draw_panel(df, weighted, panel, provenance, prior, publication):
    fig, ax = plt.subplots(figsize=(6.4, 5.4))
    x, y, w = values(df, panel.x), values(df, panel.y), df[WEIGHT].to_numpy(dtype=float)
    set_range(ax, "x", panel.x, x)
    set_range(ax, "y", panel.y, y)
    paper_box(ax, panel)
    if weighted:
        density(ax, x, y, w, panel)
    if panel.nlsp_regions:
        nlsp_regions(ax, df, x, y)
    elif panel.overclosed_above is not None:
        overclosure(ax, x, y, panel.overclosed_above)
    else:
        c = colour_axis(panel)
        if len(df) and applies(df, c):
            sc = ax.scatter(x, y, s=6, c=values(df, c), cmap="viridis", vmin=c.lim[0],
                            vmax=c.lim[1], alpha=0.8, edgecolors="none", zorder=2)
            fig.colorbar(sc, ax=ax, label=c.label)
        else:
            ax.scatter(x, y, s=6, color="black", alpha=0.7, edgecolors="none", zorder=2)
        if panel.paper_label:
            ax.legend(loc="best", fontsize=8)
    for level, label in panel.hlines:
        ax.axhline(level, color="grey", lw=0.8, ls="--", zorder=1)
        ax.text(0.98, level, label, transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                fontsize=8, color="grey")
    if not len(df):
        ax.text(0.5, 0.5, "no viable points", ha="center", va="center", transform=ax.transAxes)
    if not publication:
        ax.set_title(panel.caption, fontsize=9)
    finish(fig, provenance, prior, publication)
    return fig


def draw_histograms(df, weighted, provenance, prior, publication):
    fig, axes = plt.subplots(4, 4, figsize=(13, 11))
    w = df[WEIGHT].to_numpy(dtype=float)
    shown = [a for a in HISTOGRAMS if applies(df, a)][:16]
    for ax in axes.flat[len(shown):]:
        ax.set_visible(False)
    for ax, axis in zip(axes.flat, shown):
        v = values(df, axis)
        ok = np.isfinite(v)
        if ok.any():
            ax.hist(v[ok], bins=25, weights=w[ok], color="tab:blue", alpha=0.8)
        else:
            ax.text(0.5, 0.5, "no viable points", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel(axis.label)
        ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 4))
        band = PAPER.get(axis.column)
        if band is not None:
            ax.axvspan(band[0], band[1], color="tab:orange", alpha=0.12, zorder=0)
    axes.flat[0].set_ylabel("summed weight" if weighted else "solutions")
    if not publication:
        fig.suptitle(histogram_caption(weighted))
    finish(fig, provenance, prior, publication)
    return fig


def histogram_caption(weighted):
    return ("Viable solutions: distributions of the quantities HMZ quote, the paper's ranges shaded ("
            + ("weighted by the `weight` column" if weighted else "unweighted: no `weight` column")
            + ")")


def draw_ddr(results_dir, df, provenance, prior, publication):
    """The DDR sheet: where the viable points lie among all sampled ones, and what they solve."""
    fig, axes = plt.subplots(2, 2, figsize=(12, 9.5))
    ax = axes[0, 0]
    rejected_csv = results_dir / "rejected.csv"
    if rejected_csv.exists():
        rejected = pd.read_csv(rejected_csv)
        no_ewsb = rejected["reason"] == "no_ewsb"
        for mask, colour, label in [(no_ewsb, "0.55", "no tan(beta) solves EWSB"),
                                    (~no_ewsb, "0.85", "other rejections")]:
            r = rejected[mask]
            ax.scatter(r.lambda_susy / 1e3, r.b_param_seed.abs(), s=2, c=colour, label=label,
                       rasterized=True)
    ax.scatter(df.lambda_susy / 1e3, df.b_param_seed.abs(), s=3, c="C3", label="viable",
               rasterized=True)
    ax.set_xlabel(r"$\Lambda = \rho\Lambda_s^2/\langle X\rangle$ [TeV]")
    ax.set_ylabel(r"$|B| = |B_\mu/\mu|$ of the seed [GeV]")
    ax.set_title("(a) sampled points" + ("" if rejected_csv.exists() else
                                         " (viable only: scan without --keep-rejected)"))
    ax.legend(loc="lower right", markerscale=4, fontsize=8)
    sheets = [
        (axes[0, 1], df.b_param_seed.abs(), df.tan_beta, df.mu.abs(), r"$|\mu|$ [GeV]",
         r"$|B|$ [GeV]", r"solved $\tan\beta$", r"(b) viable: $\tan\beta$ against $|B|$"),
        (axes[1, 0], df.lambda_susy / 1e3, df.fine_tuning, df.tan_beta, r"solved $\tan\beta$",
         r"$\Lambda$ [TeV]", r"fine-tuning $M_Z^2/(2\mu^2)$ [%]",
         r"(c) viable: fine-tuning against $\Lambda$"),
        (axes[1, 1], df["lambda"] * df.lambda_2, df.rho, df.lambda_1.abs(), r"$|\lambda_1|$",
         r"$\lambda\,\lambda_2$", r"$\rho$", r"(d) viable: couplings, coloured by $\lambda_1$"),
    ]
    for ax, x, y, c, clabel, xlabel, ylabel, title in sheets:
        if len(df):
            sc = ax.scatter(x, y, s=3, c=c, norm=LogNorm(vmin=c.min(), vmax=c.max()),
                            cmap="viridis", rasterized=True)
            fig.colorbar(sc, ax=ax, label=clabel)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
    for ax in axes.flat:
        ax.set_xscale("log")
        ax.set_yscale("log")
    axes[1, 0].axhline(1.0, color="k", lw=0.8, ls="--")
    if not publication:
        fig.suptitle(DDR_CAPTION, fontsize=13)
    finish(fig, provenance, prior, publication)
    return fig


DDR_CAPTION = "DDR mu-mechanism on the MSSM limit of gmsbscan: viable region"


def wrap(text, width=170):
    """Lines of at most `width` characters, broken at '; '."""
    lines, line = [], ""
    for part in text.split("; "):
        if line and len(line) + len(part) + 2 > width:
            lines.append(line + ";")
            line = part
        else:
            line = f"{line}; {part}" if line else part
    return "\n".join(lines + [line])


def finish(fig, provenance, prior, publication):
    """The layout, and (unless for publication) the footer: provenance and prior measure."""
    if publication:
        fig.tight_layout()
        return
    footer = provenance + "\n" + wrap(prior, int(17 * fig.get_size_inches()[0]))
    # The footer's height in figure units: lines of 6.5 pt at 1.3 line spacing, plus a margin.
    bottom = (footer.count("\n") + 1) * 6.5 * 1.3 / 72 / fig.get_size_inches()[1] + 0.01
    fig.tight_layout(rect=(0, bottom, 1, 1))
    fig.text(0.5, 0.005, footer, ha="center", va="bottom", fontsize=6.5, color="dimgrey",
             linespacing=1.3)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results_dir", type=Path, help="results directory (viable.csv, manifest.json, config.toml)")
    parser.add_argument("--out", type=Path, help="directory for the figures (default: results_dir/figures)")
    parser.add_argument("--format", choices=("png", "pdf", "svg"), default="png")
    parser.add_argument("--publication", action="store_true",
                        help="no titles or footers; captions, prior and provenance in captions.md")
    args = parser.parse_args(argv)

    df, weighted, provenance, model, prior = load(args.results_dir)
    out = args.out or args.results_dir / "figures"
    out.mkdir(parents=True, exist_ok=True)
    pub = args.publication
    shown = [p for p in panels(df) if applies(df, p.x, p.y)]
    figures = [(p.stem, p.caption, p, draw_panel(df, weighted, p, provenance, prior, pub))
               for p in shown]
    figures.append(("histograms", histogram_caption(weighted), None,
                    draw_histograms(df, weighted, provenance, prior, pub)))
    if model == "ddr":
        figures.append(("ddr_viable_region", DDR_CAPTION, None,
                        draw_ddr(args.results_dir, df, provenance, prior, pub)))
    index = {}
    for stem, caption, panel, fig in figures:
        entry = {"caption": caption, "prior_measure": prior, "provenance": provenance}
        if panel is not None:
            ax = fig.axes[0]
            entry.update(xlim=list(ax.get_xlim()), ylim=list(ax.get_ylim()),
                         x=panel.x.column, y=panel.y.column,
                         paper_x=panel.paper_x, paper_y=panel.paper_y)
        index[stem] = entry
        save(fig, out / f"{stem}.{args.format}")
    write_index(out, index, args.format, pub, args.results_dir.name)


def save(fig, path):
    """Writes one figure (150 dpi) and closes it."""
    fig.savefig(path, dpi=150)
    plt.close(fig)
    print(path)


def write_index(out, index, fmt, publication, title):
    """figures.json (per figure: caption, prior measure, provenance, axes), and with --publication
    captions.md: each figure's caption, with the prior measure and provenance once when every
    figure shares them (one scan), else under each figure."""
    (out / "figures.json").write_text(json.dumps(index, indent=1) + "\n")
    if not publication:
        return
    shared = {(e["prior_measure"], e["provenance"]) for e in index.values()}
    lines = [f"# Captions of the figures of {title}\n"]
    one = len(shared) == 1
    if one:
        prior, provenance = next(iter(shared))
        lines += [f"Prior measure: {prior}.\n", f"Provenance: {provenance.replace(chr(10), ' ')}.\n"]
    for stem, entry in index.items():
        box = ""
        if entry.get("paper_x") or entry.get("paper_y"):
            box = (f" Dashed orange: the range HMZ quote ({entry.get('x')}: {entry.get('paper_x')},"
                   f" {entry.get('y')}: {entry.get('paper_y')}).")
        lines.append(f"- `{stem}.{fmt}`: {entry['caption']}.{box}")
        if not one:
            lines.append(f"  Prior measure: {entry['prior_measure']}. "
                         f"Provenance: {entry['provenance'].replace(chr(10), ' ')}.")
    (out / "captions.md").write_text("\n".join(lines) + "\n")

if __name__ == "__main__":
    main()
