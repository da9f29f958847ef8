//! Compares the viable points of a random scan and of an MCMC or importance scan of the same
//! prior (issue 9): for every sampled input, a two-sample Kolmogorov-Smirnov test of its marginal
//! (the adaptive rows weighted by their `weight`, their size taken as the effective sample size:
//! the variable's ESS for MCMC, Kish's for importance), and the regions each finds (NLSP type,
//! sign of xi_N), with weighted fractions.
//!
//! ```sh
//! cargo run --release --example sampler_compare -- RANDOM_DIR RANDOM_CPU_S ADAPTIVE_DIR ADAPTIVE_CPU_S
//! ```
//! prints a Markdown report (CPU seconds as measured with /usr/bin/time, user + sys).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use gmsbscan::scan::stats::ks_two_sample;
use gmsbscan::scan::{Manifest, ScanPlan};

/// One point (random) or emitted state (MCMC): weight, sampled inputs, and its solutions'
/// (nlsp, xi_n) with the weight of each row.
struct Sample {
    points: Vec<(f64, Vec<f64>)>,
    solutions: Vec<(f64, String, f64)>,
}

/// Whether a solution row (NLSP, xi_N) is in a region.
type RegionTest = dyn Fn(&str, f64) -> bool;

fn read(dir: &Path, columns: &[&str]) -> anyhow::Result<Sample> {
    let path = dir.join("viable.csv");
    let mut r = csv::Reader::from_path(&path).with_context(|| path.display().to_string())?;
    let h = r.headers()?.clone();
    let col = |n: &str| h.iter().position(|x| x == n);
    let idx: Vec<usize> = columns
        .iter()
        .map(|c| col(c).with_context(|| format!("no column {c}")))
        .collect::<anyhow::Result<_>>()?;
    let (id, nlsp, xi) = (
        col("id").unwrap(),
        col("nlsp").unwrap(),
        col("xi_n").unwrap(),
    );
    let (chain, step, weight) = (col("chain"), col("step"), col("weight"));
    let mut out = Sample {
        points: Vec::new(),
        solutions: Vec::new(),
    };
    let mut last = None;
    for rec in r.records() {
        let rec = rec?;
        let num = |i: usize| rec[i].parse::<f64>().unwrap_or(f64::NAN);
        let w = weight.map_or(1.0, num);
        let key = (
            chain.map(|c| rec[c].to_string()),
            step.map(|s| rec[s].to_string()),
            rec[id].to_string(),
        );
        if last.as_ref() != Some(&key) {
            out.points.push((w, idx.iter().map(|&i| num(i)).collect()));
        }
        last = Some(key);
        out.solutions.push((w, rec[nlsp].to_string(), num(xi)));
    }
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 4 {
        bail!("usage: sampler_compare RANDOM_DIR RANDOM_CPU_S ADAPTIVE_DIR ADAPTIVE_CPU_S");
    }
    let (rdir, mdir) = (Path::new(&args[0]), Path::new(&args[2]));
    let (rcpu, mcpu): (f64, f64) = (args[1].parse()?, args[3].parse()?);
    let plan = ScanPlan::from_toml_str(&std::fs::read_to_string(mdir.join("config.toml"))?)?;
    let columns: Vec<&str> = plan
        .dims
        .iter()
        .filter(|(_, p)| !p.is_fixed())
        .map(|(p, _)| p.column())
        .collect();
    let (rs, ms) = (read(rdir, &columns)?, read(mdir, &columns)?);
    let (rm, mm) = (
        Manifest::read(&rdir.join("manifest.json"))?,
        Manifest::read(&mdir.join("manifest.json"))?,
    );
    // The adaptive scan's effective samples (overall, and per variable for MCMC), its kind.
    let (kind, ess_all, per_variable): (&str, f64, BTreeMap<String, (f64, f64)>) =
        match (&mm.mcmc, &mm.importance) {
            (Some(r), _) => (
                "mcmc",
                r.effective_samples.unwrap_or(f64::NAN),
                r.stats
                    .iter()
                    .map(|(k, s)| (k.clone(), (s.ess, s.rhat)))
                    .collect(),
            ),
            (None, Some(r)) => ("importance", r.effective_samples, BTreeMap::new()),
            (None, None) => bail!("the second directory is neither an MCMC nor an importance scan"),
        };
    let n_random = rs.points.len() as f64;
    println!(
        "| | random ({}) | {kind} ({}) |\n| --- | --- | --- |",
        rm.name, mm.name
    );
    match &mm.importance {
        Some(r) => println!(
            "| draws (evaluated) | {} | {} ({}) |",
            rm.sampled, mm.sampled, r.evaluated
        ),
        None => println!("| evaluations | {} | {} |", rm.sampled, mm.sampled),
    }
    println!("| CPU s (user + sys) | {rcpu:.1} | {mcpu:.1} |");
    println!(
        "| viable points (MCMC: viable evaluations) | {} | {} |",
        rm.viable_points, mm.viable_points
    );
    println!("| effective samples (random: viable points; MCMC: smallest ESS; importance: Kish) | {n_random:.0} | {ess_all:.0} |");
    println!(
        "| effective samples per CPU s | {:.3} | {:.3} (ratio {:.2}) |",
        n_random / rcpu,
        ess_all / mcpu,
        (ess_all / mcpu) / (n_random / rcpu)
    );
    println!(
        "| viable evaluations per CPU s | {:.3} | {:.3} (ratio {:.2}) |",
        rm.viable_points as f64 / rcpu,
        mm.viable_points as f64 / mcpu,
        (mm.viable_points as f64 / mcpu) / (rm.viable_points as f64 / rcpu)
    );
    if let Some(rec) = &mm.mcmc {
        println!(
            "| acceptance (burn-in) | - | {:.3} ({:.3}) |",
            rec.acceptance_rate.unwrap_or(f64::NAN),
            rec.burn_in_acceptance_rate.unwrap_or(f64::NAN)
        );
    }
    println!();
    println!("| variable | ESS | R-hat | KS D | p-value (n = viable points, ESS) | at 1 % |\n| --- | --- | --- | --- | --- | --- |");
    for (k, name) in columns.iter().enumerate() {
        let (ess, rhat) = per_variable
            .get(*name)
            .copied()
            .unwrap_or((ess_all, f64::NAN));
        let a: Vec<(f64, f64)> = rs.points.iter().map(|(w, v)| (v[k], *w)).collect();
        let b: Vec<(f64, f64)> = ms.points.iter().map(|(w, v)| (v[k], *w)).collect();
        let ks = ks_two_sample(&a, &b, n_random, ess);
        let rhat = if rhat.is_nan() {
            "-".to_string()
        } else {
            format!("{rhat:.3}")
        };
        println!(
            "| {name} | {ess:.0} | {rhat} | {:.3} | {:.3} | {} |",
            ks.d,
            ks.p_value,
            if ks.p_value < 0.01 { "differ" } else { "agree" }
        );
    }
    println!("\n| region (solution rows) | random: rows (fraction) | {kind}: rows (weighted fraction) |\n| --- | --- | --- |");
    let region = |s: &Sample, f: &dyn Fn(&str, f64) -> bool| {
        let total: f64 = s.solutions.iter().map(|x| x.0).sum();
        let (n, w) = s
            .solutions
            .iter()
            .filter(|x| f(&x.1, x.2))
            .fold((0, 0.0), |(n, w), x| (n + 1, w + x.0));
        format!("{n} ({:.3})", w / total)
    };
    let regions: BTreeMap<&str, Box<RegionTest>> = [
        (
            "NLSP neutralino",
            Box::new(|n: &str, _| n == "neutralino") as Box<RegionTest>,
        ),
        ("NLSP stau", Box::new(|n: &str, _| n == "stau")),
        ("xi_N > 0", Box::new(|_: &str, x| x > 0.0)),
        ("xi_N < 0", Box::new(|_: &str, x| x < 0.0)),
    ]
    .into_iter()
    .collect();
    for (name, f) in &regions {
        println!(
            "| {name} | {} | {} |",
            region(&rs, f.as_ref()),
            region(&ms, f.as_ref())
        );
    }
    Ok(())
}
