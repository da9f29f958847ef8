#!/usr/bin/env python3
"""Draw the viable region of a DDR scan (model "ddr", docs/models.md) from its results directory.

Usage: python3 scripts/ddr_figures.py RESULTS_DIR [--out DIR] [--format png|pdf|svg]

Reads RESULTS_DIR/viable.csv, rejected.csv and manifest.json (written by `gmsbscan scan` for a
configuration with model = "ddr") and writes `ddr_viable_region.<format>` into DIR (default
RESULTS_DIR), four panels:

  (a) every sampled point in the plane of the gauge-mediation scale Lambda = rho Lambda_s^2/<X> and
      the seed's |B| = |B_mu/mu| (fixed by the inputs), viable points on top of the rejected ones
      (grey: no tan(beta) solves EWSB; light: other rejections);
  (b) viable points: the solved tan(beta) against |B|, coloured by mu;
  (c) viable points: the fine-tuning M_Z^2/(2 mu^2) against Lambda, coloured by tan(beta);
  (d) viable points: rho against lambda * lambda_2, coloured by the solved lambda_1.

The file carries its provenance (scan name, seed, points, viable count, program version).
Needs pandas and matplotlib (scripts/requirements.txt).
"""

import argparse
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402


def load(results: Path):
    """viable.csv, the inputs of every rejected point (one row per point) and the manifest."""
    viable = pd.read_csv(results / "viable.csv")
    rejected = pd.read_csv(results / "rejected.csv")
    manifest = json.loads((results / "manifest.json").read_text())
    if manifest.get("model") != "ddr":
        sys.exit(f"{results}: not a ddr scan (manifest model = {manifest.get('model')!r})")
    # A point is rejected as a whole when none of its solutions is viable: keep its first row.
    rejected = rejected[~rejected["id"].isin(viable["id"])].drop_duplicates("id")
    return viable, rejected, manifest


def provenance(manifest) -> str:
    s = manifest["summary"]
    return (
        f"gmsbscan {manifest['version']}, scan '{manifest['name']}' (ddr, preset {manifest['preset']}, "
        f"sign(mu) = {manifest['sign_mu']:+.0f}), seed {manifest['seed']}, {s['points']} points, "
        f"{s['viable_points']} viable ({100 * s['viable_points'] / s['points']:.2f} %)"
    )


def panel_region(ax, viable, rejected):
    no_ewsb = rejected["reason"] == "no_ewsb"
    for mask, colour, label in [
        (no_ewsb, "0.55", "no tan(beta) solves EWSB"),
        (~no_ewsb, "0.85", "other rejections"),
    ]:
        r = rejected[mask]
        ax.scatter(r.lambda_susy / 1e3, r.b_param_seed.abs(), s=2, c=colour, label=label, rasterized=True)
    ax.scatter(viable.lambda_susy / 1e3, viable.b_param_seed.abs(), s=3, c="C3", label="viable", rasterized=True)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$\Lambda = \rho\Lambda_s^2/\langle X\rangle$ [TeV]")
    ax.set_ylabel(r"$|B| = |B_\mu/\mu|$ of the seed [GeV]")
    ax.legend(loc="lower right", markerscale=4, fontsize=8)
    ax.set_title("(a) all sampled points")


def colour_scatter(ax, x, y, c, label, log_colour=True):
    norm = LogNorm(vmin=c.min(), vmax=c.max()) if log_colour else None
    sc = ax.scatter(x, y, s=3, c=c, norm=norm, cmap="viridis", rasterized=True)
    plt.colorbar(sc, ax=ax, label=label)


def draw(results: Path, out: Path, fmt: str) -> Path:
    viable, rejected, manifest = load(results)
    if viable.empty:
        sys.exit(f"{results}: no viable point to draw")
    fig, axes = plt.subplots(2, 2, figsize=(12, 9.5))
    panel_region(axes[0, 0], viable, rejected)

    ax = axes[0, 1]
    colour_scatter(ax, viable.b_param_seed.abs(), viable.tan_beta, viable.mu.abs(), r"$|\mu|$ [GeV]")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$|B|$ [GeV]")
    ax.set_ylabel(r"solved $\tan\beta$")
    ax.set_title(r"(b) viable: $\tan\beta$ against $|B|$")

    ax = axes[1, 0]
    colour_scatter(ax, viable.lambda_susy / 1e3, viable.fine_tuning_percent, viable.tan_beta, r"solved $\tan\beta$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$\Lambda$ [TeV]")
    ax.set_ylabel(r"fine-tuning $M_Z^2/(2\mu^2)$ [%]")
    ax.axhline(1.0, color="k", lw=0.8, ls="--")
    ax.set_title(r"(c) viable: fine-tuning against $\Lambda$")

    ax = axes[1, 1]
    colour_scatter(ax, viable["lambda"] * viable.lambda_2, viable.rho, viable.lambda_1.abs(), r"$|\lambda_1|$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$\lambda\,\lambda_2$")
    ax.set_ylabel(r"$\rho$")
    ax.set_title(r"(d) viable: couplings, coloured by the solved $\lambda_1$")

    fig.suptitle("DDR mu-mechanism on the MSSM limit of gmsbscan: viable region", fontsize=13)
    fig.text(0.5, 0.005, provenance(manifest), ha="center", fontsize=8)
    fig.tight_layout(rect=(0, 0.02, 1, 0.97))
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"ddr_viable_region.{fmt}"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("results", type=Path)
    p.add_argument("--out", type=Path)
    p.add_argument("--format", default="png", choices=["png", "pdf", "svg"])
    a = p.parse_args()
    print(draw(a.results, a.out or a.results, a.format))


if __name__ == "__main__":
    main()
