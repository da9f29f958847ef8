//! Compares the viable points of a random scan and of an MCMC or importance scan of the same
//! prior (issues 9 and 21): for every sampled input and the key outputs (mu, m_h, the gluino mass,
//! from each point's first solution row), a two-sample Kolmogorov-Smirnov test of its marginal (the
//! adaptive rows weighted by their `weight`), with two p-values: Kolmogorov's limit law at the
//! effective sizes (the variable's ESS for MCMC, Kish's for importance) and, for importance scans,
//! a bootstrap p-value that needs no effective size (`scan::stats::ks_bootstrap_p_value`); and the
//! regions each finds (NLSP type, sign of xi_N), with weighted fractions.
//!
//! Draws shared by the two scans: an importance scan evaluates the random sampler's draws (same seed,
//! same id, same inputs), so its rows are not independent of a random scan with the same seed
//! whose ids overlap its own. Then the tests use only the random scan's points outside the
//! importance scan's ids, and the shared ids are checked instead: every importance row must be
//! the random scan's row of that id (all columns but `weight`).
//!
//! ```sh
//! cargo run --release --example sampler_compare -- RANDOM_DIR RANDOM_CPU_S ADAPTIVE_DIR ADAPTIVE_CPU_S
//! ```
//! prints a Markdown report (CPU seconds as measured with /usr/bin/time, user + sys).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use gmsbscan::scan::stats::{ks_bootstrap_p_value, ks_two_sample};
use gmsbscan::scan::{Manifest, ScanPlan};

/// One point (random) or emitted state (MCMC): weight, sampled inputs, and its solutions'
/// (nlsp, xi_n) with the weight of each row.
struct Sample {
    points: Vec<Point>,
    solutions: Vec<(f64, String, f64)>,
}

/// A viable point: its weight, the compared columns of its first row, its draw id and its rows'
/// text without the `weight` field (to check rows shared by two scans).
struct Point {
    weight: f64,
    values: Vec<f64>,
    id: u64,
    rows: Vec<String>,
}

/// The key outputs compared beside the sampled inputs, where both scans have them.
const OUTPUTS: [&str; 3] = ["mu", "m_h", "m_gluino_pole"];
/// Bootstrap resamples per variable, and the seed of the first variable's resampling.
const RESAMPLES: usize = 2000;
const BOOTSTRAP_SEED: u64 = 21;

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
        let text = rec
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != weight)
            .map(|(_, f)| f)
            .collect::<Vec<_>>()
            .join(",");
        if last.as_ref() != Some(&key) {
            out.points.push(Point {
                weight: w,
                values: idx.iter().map(|&i| num(i)).collect(),
                id: rec[id].parse().unwrap_or(u64::MAX),
                rows: Vec::new(),
            });
        }
        out.points.last_mut().unwrap().rows.push(text);
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
    let mut columns: Vec<&str> = plan
        .dims
        .iter()
        .filter(|(_, p)| !p.is_fixed())
        .map(|(p, _)| p.column())
        .collect();
    let header = |dir: &Path| -> anyhow::Result<Vec<String>> {
        let mut r = csv::Reader::from_path(dir.join("viable.csv"))?;
        Ok(r.headers()?.iter().map(str::to_string).collect())
    };
    let (rh, mh) = (header(rdir)?, header(mdir)?);
    let has = |c: &str| rh.iter().any(|h| h == c) && mh.iter().any(|h| h == c);
    columns.extend(OUTPUTS.iter().copied().filter(|c| has(c)));
    let (rs, ms) = (read(rdir, &columns)?, read(mdir, &columns)?);
    let (rm, mm) = (
        Manifest::read(&rdir.join("manifest.json"))?,
        Manifest::read(&mdir.join("manifest.json"))?,
    );
    // Same draws in both scans (importance, same seed): test only the random points outside the
    // importance scan's ids, and check that the shared ids give the same rows.
    let shared = mm.importance.is_some()
        && rm.seed == mm.seed
        && rm.first_id < mm.end_id
        && mm.first_id < rm.end_id;
    let in_adaptive = |id: u64| shared && (mm.first_id..mm.end_id).contains(&id);
    let independent: Vec<&Point> = rs.points.iter().filter(|p| !in_adaptive(p.id)).collect();
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
    if shared {
        let by_id: BTreeMap<u64, &Point> = rs.points.iter().map(|p| (p.id, p)).collect();
        let (mut same, mut differ, mut missing) = (0, 0, 0);
        for p in &ms.points {
            match by_id.get(&p.id) {
                Some(r) if r.rows == p.rows => same += 1,
                Some(_) => differ += 1,
                None if (rm.first_id..rm.end_id).contains(&p.id) => missing += 1,
                None => {}
            }
        }
        println!(
            "Shared draws (seed {}, ids {}..{} in both scans): of the {kind} scan's viable points there, \
             {same} have the random scan's rows exactly, {differ} differ, {missing} are not viable in \
             the random scan. The tests below use the {} random points outside ids {}..{} (independent draws).\n",
            mm.seed,
            rm.first_id.max(mm.first_id),
            rm.end_id.min(mm.end_id),
            independent.len(),
            mm.first_id,
            mm.end_id
        );
    }
    let n_test = independent.len() as f64;
    let boot = mm.importance.is_some();
    println!(
        "| variable | ESS | R-hat | KS D | p-value (n = {n_test:.0} random points, ESS) | bootstrap p-value ({RESAMPLES} resamples) | at 1 % |\n| --- | --- | --- | --- | --- | --- | --- |"
    );
    for (k, name) in columns.iter().enumerate() {
        let (ess, rhat) = per_variable
            .get(*name)
            .copied()
            .unwrap_or((ess_all, f64::NAN));
        let a: Vec<(f64, f64)> = independent
            .iter()
            .map(|p| (p.values[k], p.weight))
            .collect();
        let b: Vec<(f64, f64)> = ms.points.iter().map(|p| (p.values[k], p.weight)).collect();
        let ks = ks_two_sample(&a, &b, n_test, ess);
        // The bootstrap p-value assumes independent rows: importance scans only.
        let p_boot = if boot {
            ks_bootstrap_p_value(&a, &b, RESAMPLES, BOOTSTRAP_SEED + k as u64)
        } else {
            f64::NAN
        };
        let rhat = if rhat.is_nan() {
            "-".to_string()
        } else {
            format!("{rhat:.3}")
        };
        let decisive = if boot { p_boot } else { ks.p_value };
        println!(
            "| {name} | {ess:.0} | {rhat} | {:.3} | {:.3} | {} | {} |",
            ks.d,
            ks.p_value,
            if boot {
                format!("{p_boot:.4}")
            } else {
                "-".to_string()
            },
            if decisive < 0.01 { "differ" } else { "agree" }
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
