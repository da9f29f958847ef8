//! `sampler = "mcmc"` (issue 9): the chains reproduce a known distribution (synthetic target, no
//! physics), the output is byte-identical for 1 and 2 threads, an interrupted run resumed equals
//! the uninterrupted one, merged shards equal the unsharded run, and on the real physics every row
//! is viable and carries its weight.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use rand::distr::Open01;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::scan::mcmc::{Chain, ChainTarget, McmcSettings, Proposal};
use gmsbscan::scan::sampler::{SamplerKind, DIMS};
use gmsbscan::scan::stats::{ess, ks_two_sample};
use gmsbscan::scan::{
    merge_shards, run_scan, Manifest, Prior, RunOptions, ScanPlan, Shard, StartMode, Status,
};

static NEVER: AtomicBool = AtomicBool::new(false);

/// A synthetic target: x0 ~ N(0, 1) (gaussian prior), x1 ~ U(0, 1) (flat prior), restricted to
/// two disjoint pieces: {x0 > 0.3, x1 < 0.4 + 0.2 x0} and {x0 < -1.2, x1 > 0.8}. The chains'
/// weighted draws must follow the prior restricted to that set, pieces in the right proportion.
struct TwoPieces;

const X0: Prior = Prior::Gaussian {
    mean: 0.0,
    sigma: 1.0,
    min: None,
    max: None,
};
const X1: Prior = Prior::Flat { min: 0.0, max: 1.0 };

fn map(u: &[f64; DIMS]) -> (f64, f64) {
    (X0.map_unit(u[0]), X1.map_unit(u[1]))
}

fn inside(u: &[f64; DIMS]) -> bool {
    let (x0, x1) = map(u);
    (x0 > 0.3 && x1 < 0.4 + 0.2 * x0) || (x0 < -1.2 && x1 > 0.8)
}

impl ChainTarget for TwoPieces {
    type Outcome = (f64, f64);
    fn evaluate(&self, _id: u64, u: &[f64; DIMS]) -> Result<(f64, f64), String> {
        if inside(u) {
            Ok(map(u))
        } else {
            Err("outside".into())
        }
    }
}

/// Exact draws of the target by rejection from the prior.
fn exact_draws(rng: &mut ChaCha8Rng, n: usize) -> Vec<[f64; DIMS]> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut u = [0.5; DIMS];
        u[0] = rng.sample(Open01);
        u[1] = rng.sample(Open01);
        if inside(&u) {
            out.push(u);
        }
    }
    out
}

#[test]
fn chains_reproduce_a_known_restricted_prior() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    // The "exploration": 300 exact draws give the proposal's shape and the chains' starts.
    let explore = exact_draws(&mut rng, 300);
    let proposal = Proposal::from_points(vec![0, 1], &explore, 0.3);
    let settings = McmcSettings {
        exploration: SamplerKind::Random,
        chains: 8,
        burn_in: 500,
        steps: 6000,
        target_acceptance: 0.234,
        independence: 0.3,
    };
    let mut weighted: Vec<((f64, f64), f64)> = Vec::new();
    let mut traces: Vec<Vec<f64>> = Vec::new();
    for c in 0..settings.chains {
        let u = explore[c as usize * 7];
        let mut chain = Chain::start(5, c, (u, 0, map(&u)), &proposal);
        let out = chain.advance(&TwoPieces, &proposal, &settings, 0, settings.total_steps());
        let mut trace = Vec::new();
        for e in out.emissions {
            weighted.push((*e.outcome, e.weight as f64));
            trace.extend(std::iter::repeat_n(e.outcome.0, e.weight as usize));
        }
        assert_eq!(
            trace.len() as u64,
            settings.steps,
            "weights sum to the steps"
        );
        traces.push(trace);
        let a = chain.counts.acceptance();
        assert!(a > 0.05 && a < 0.9, "chain {c}: acceptance {a}");
    }
    let e = ess(&traces).unwrap();
    assert!(e.rhat < 1.05, "R-hat {}", e.rhat);
    assert!(e.ess > 500.0, "ESS {}", e.ess);

    // Reference: 20000 exact draws.
    let reference: Vec<(f64, f64)> = exact_draws(&mut rng, 20_000).iter().map(map).collect();
    let total: f64 = weighted.iter().map(|w| w.1).sum();
    let wmean =
        |f: fn(&(f64, f64)) -> f64| weighted.iter().map(|(x, w)| f(x) * w).sum::<f64>() / total;
    let rmean =
        |f: fn(&(f64, f64)) -> f64| reference.iter().map(f).sum::<f64>() / reference.len() as f64;
    // Moments: each within 4 standard errors (sd <= 1.2, effective size >= ESS of x0).
    let tol = 4.0 * 1.2 / e.ess.sqrt();
    for (name, f) in [
        ("x0", (|x: &(f64, f64)| x.0) as fn(&(f64, f64)) -> f64),
        ("x1", |x: &(f64, f64)| x.1),
        ("x0^2", |x: &(f64, f64)| x.0 * x.0),
        ("piece 2", |x: &(f64, f64)| f64::from(u8::from(x.0 < 0.0))),
    ] {
        let (m, r) = (wmean(f), rmean(f));
        assert!(
            (m - r).abs() < tol,
            "{name}: chains {m}, exact {r}, tolerance {tol}"
        );
    }
    // Two-sample KS test of each marginal at the 1 % level, with the chains' ESS as their size.
    for (name, f) in [
        ("x0", (|x: &(f64, f64)| x.0) as fn(&(f64, f64)) -> f64),
        ("x1", |x: &(f64, f64)| x.1),
    ] {
        let a: Vec<(f64, f64)> = weighted.iter().map(|(x, w)| (f(x), *w)).collect();
        let b: Vec<(f64, f64)> = reference.iter().map(|x| (f(x), 1.0)).collect();
        let ks = ks_two_sample(&a, &b, e.ess, reference.len() as f64);
        assert!(ks.p_value > 0.01, "{name}: {ks:?}");
    }
}

/// Only the first piece: chains on it are a biased sampler of [`TwoPieces`].
struct FirstPiece;

impl ChainTarget for FirstPiece {
    type Outcome = (f64, f64);
    fn evaluate(&self, _id: u64, u: &[f64; DIMS]) -> Result<(f64, f64), String> {
        let (x0, x1) = map(u);
        if x0 > 0.3 && x1 < 0.4 + 0.2 * x0 {
            Ok((x0, x1))
        } else {
            Err("outside".into())
        }
    }
}

#[test]
fn a_biased_sampler_fails_the_same_checks() {
    // The checks above can fail: chains that miss the second piece (11 % of the mass) are
    // rejected by the KS test at the same sizes and level.
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let explore: Vec<[f64; DIMS]> = exact_draws(&mut rng, 300)
        .into_iter()
        .filter(|u| map(u).0 > 0.0)
        .collect();
    let proposal = Proposal::from_points(vec![0, 1], &explore, 0.3);
    let settings = McmcSettings {
        exploration: SamplerKind::Random,
        chains: 8,
        burn_in: 500,
        steps: 6000,
        target_acceptance: 0.234,
        independence: 0.3,
    };
    let mut weighted = Vec::new();
    let mut traces = Vec::new();
    for c in 0..settings.chains {
        let u = explore[c as usize];
        let mut chain = Chain::start(5, c, (u, 0, map(&u)), &proposal);
        let mut trace = Vec::new();
        for e in chain
            .advance(&FirstPiece, &proposal, &settings, 0, 10_000)
            .emissions
        {
            weighted.push((e.outcome.0, e.weight as f64));
            trace.extend(std::iter::repeat_n(e.outcome.0, e.weight as usize));
        }
        traces.push(trace);
    }
    let n_eff = ess(&traces).unwrap().ess;
    let reference: Vec<(f64, f64)> = exact_draws(&mut rng, 20_000)
        .iter()
        .map(|u| (map(u).0, 1.0))
        .collect();
    let ks = ks_two_sample(&weighted, &reference, n_eff, 20_000.0);
    assert!(ks.p_value < 1e-6, "{ks:?}");
}

fn plan(extra: &str) -> ScanPlan {
    let text = include_str!("../configs/tiny.toml")
        .replace("points = 20", "points = 60")
        .replace("batch_size = 8", "batch_size = 16")
        .replace("sampler = \"random\"", "sampler = \"mcmc\"")
        + &format!(
            "\n[mcmc]\nexploration = \"random\"\nchains = 5\nburn_in = 20\nsteps = 60\n{extra}"
        );
    ScanPlan::from_toml_str(&text).unwrap()
}

fn opts(dir: &Path) -> RunOptions<'static> {
    let mut o = RunOptions::new(dir, &NEVER);
    o.progress_bar = false;
    o.log_every = None;
    o
}

fn read(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("viable.csv")).unwrap()
}

fn manifest(dir: &Path) -> Manifest {
    Manifest::read(&dir.join("manifest.json")).unwrap()
}

#[test]
fn threads_resume_and_shards_give_the_same_rows() {
    let p = plan("");
    let tmp = tempfile::tempdir().unwrap();
    let dir = |n: &str| tmp.path().join(n);
    let fake = FakeEvaluator { panics: false };
    let mut o1 = opts(&dir("t1"));
    o1.threads = Some(1);
    let s1 = run_scan(&p, &fake, &o1).unwrap();
    assert_eq!(s1.status(), Status::Complete);
    let mut o2 = opts(&dir("t2"));
    o2.threads = Some(2);
    run_scan(&p, &fake, &o2).unwrap();
    let whole = read(&dir("t1"));
    assert_eq!(whole, read(&dir("t2")), "1 vs 2 threads");
    let m = manifest(&dir("t1"));
    let r = m.mcmc.as_ref().unwrap();
    assert_eq!(r.counts.proposed, 5 * 60);
    // The summary's first line says what it counts: the exploration's 60 draws (ids 0..60), then
    // the chains' evaluations (not "sampled/60 points" with sampled > 60).
    let first = s1.report().lines().next().unwrap().to_string();
    assert!(m.sampled > 60, "{}", m.sampled);
    assert!(
        first.contains(&format!(
            "({} points evaluated: 60 exploration draws of ids 0..60, {} chain evaluations in chains 0..5)",
            m.sampled,
            m.sampled - 60
        )),
        "{first}"
    );
    assert!(r.acceptance_rate.unwrap() > 0.0);
    assert!(r.effective_samples.unwrap() > 0.0, "{r:?}");
    assert_eq!(m.viable_points + m.rejected_points, m.sampled);
    // Header: the viable columns, then chain, step, weight; weights sum to chains x steps.
    let header = whole.lines().next().unwrap();
    assert!(header.ends_with(",chain,step,weight"), "{header}");
    let mut seen = std::collections::BTreeSet::new();
    let total: u64 = whole
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.rsplitn(4, ',').collect();
            let key = (
                f[2].to_string(),
                f[1].to_string(),
                l.split(',').next().unwrap().to_string(),
            );
            seen.insert(key).then(|| f[0].parse::<u64>().unwrap())
        })
        .sum();
    assert_eq!(total, 5 * 60);

    // Interrupted after two batches (and after the exploration), then resumed twice.
    let mut oi = opts(&dir("int"));
    oi.stop_after_batches = Some(2);
    let s = run_scan(&p, &fake, &oi).unwrap();
    assert_eq!(s.status(), Status::Interrupted);
    let mut or = opts(&dir("int"));
    or.mode = StartMode::Resume;
    or.stop_after_batches = Some(1);
    run_scan(&p, &fake, &or).unwrap();
    // A hard kill after the checkpoint: rows appended after it are cut on resume.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir("int").join("viable.csv"))
        .unwrap();
    std::io::Write::write_all(&mut f, b"1,2,3\n").unwrap();
    or.stop_after_batches = None;
    let s = run_scan(&p, &fake, &or).unwrap();
    assert_eq!(s.status(), Status::Complete);
    assert_eq!(read(&dir("int")), whole, "resumed run");
    let mi = manifest(&dir("int"));
    assert_eq!(
        (mi.sampled, mi.mcmc.unwrap().stats),
        (m.sampled, r.stats.clone())
    );

    // Stopped during the exploration (nothing kept), then resumed: the same file.
    let stop = AtomicBool::new(true);
    let mut os = RunOptions::new(dir("explore"), &stop);
    os.progress_bar = false;
    os.log_every = None;
    let s = run_scan(&p, &fake, &os).unwrap();
    assert_eq!(s.status(), Status::Interrupted);
    assert_eq!(manifest(&dir("explore")).sampled, 0);
    let mut or = opts(&dir("explore"));
    or.mode = StartMode::Resume;
    run_scan(&p, &fake, &or).unwrap();
    assert_eq!(
        read(&dir("explore")),
        whole,
        "exploration interrupted and resumed"
    );

    // Shards of chains 0..2, 2..5, merged: the unsharded file, byte for byte.
    let mut shard_dirs = Vec::new();
    for k in 0..2 {
        let d = dir(&format!("s{k}"));
        let mut o = opts(&d);
        o.shard = Some(Shard { index: k, count: 2 });
        run_scan(&p, &fake, &o).unwrap();
        shard_dirs.push(d);
    }
    let merged = merge_shards(&dir("merged"), &shard_dirs).unwrap();
    assert_eq!(read(&dir("merged")), whole, "merged shards");
    let mm = merged.manifest;
    assert_eq!(
        (mm.sampled, mm.viable_points, &mm.rejections),
        (m.sampled, m.viable_points, &m.rejections)
    );
    // Recomputed from the merged rows (the manifest's JSON numbers may differ in the last ulp).
    for (name, st) in &mm.mcmc.as_ref().unwrap().stats {
        let whole = r.stats[name];
        assert!(
            (st.ess / whole.ess - 1.0).abs() < 1e-12 && (st.rhat / whole.rhat - 1.0).abs() < 1e-12,
            "{name}"
        );
    }
    assert_eq!(mm.mcmc.as_ref().unwrap().counts, r.counts);
}

#[test]
fn bad_mcmc_configurations_are_refused_with_the_field() {
    let base =
        include_str!("../configs/tiny.toml").replace("sampler = \"random\"", "sampler = \"mcmc\"");
    let err = ScanPlan::from_toml_str(&base).unwrap_err().to_string();
    assert!(err.starts_with("mcmc:"), "{err}");
    let err =
        ScanPlan::from_toml_str(&(base.clone() + "\n[mcmc]\nchains = 0\nburn_in = 1\nsteps = 1\n"))
            .unwrap_err()
            .to_string();
    assert!(err.starts_with("mcmc.chains"), "{err}");
    let err = ScanPlan::from_toml_str(
        &(base + "\n[mcmc]\nchains = 2\nburn_in = 1\nsteps = 1\nthin = 3\n"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("thin"), "{err}");
    let random = include_str!("../configs/tiny.toml").to_string()
        + "\n[mcmc]\nchains = 2\nburn_in = 1\nsteps = 1\n";
    let err = ScanPlan::from_toml_str(&random).unwrap_err().to_string();
    assert!(err.contains("needs sampler = \"mcmc\""), "{err}");
}

#[test]
fn the_real_physics_writes_only_viable_weighted_rows() {
    // tiny.toml's priors hold viable points; 24 exploration points, 2 chains of 5 + 12 steps.
    let text = common::tiny_with_sampler(
        24,
        "mcmc",
        "exploration = \"random\"\nchains = 2\nburn_in = 5\nsteps = 12",
    );
    let p = ScanPlan::from_toml_str(&text).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let s = run_scan(&p, &p.evaluator(), &opts(tmp.path())).unwrap();
    assert_eq!(s.status(), Status::Complete);
    let mut reader = csv::Reader::from_path(tmp.path().join("viable.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (w, chain, nlsp, mchi) = (col("weight"), col("chain"), col("nlsp"), col("m_chi1"));
    let mut per_chain = [0u64; 2];
    let mut last = None;
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        // Every row is a viable solution (the schema's physics columns are filled) with weight >= 1.
        assert!(
            ["neutralino", "stau"].contains(&r.get(nlsp).unwrap()),
            "{r:?}"
        );
        assert!(r.get(mchi).unwrap().parse::<f64>().unwrap().abs() > 0.0);
        let weight: u64 = r.get(w).unwrap().parse().unwrap();
        assert!(weight >= 1);
        let key = (
            r.get(chain).unwrap().to_string(),
            r.get(col("step")).unwrap().to_string(),
        );
        if last.as_ref() != Some(&key) {
            per_chain[key.0.parse::<usize>().unwrap()] += weight;
        }
        last = Some(key);
    }
    assert_eq!(per_chain, [12, 12], "each chain's weights sum to its steps");
    let m = manifest(tmp.path());
    assert!(m.prior_measure.contains("weight"), "{}", m.prior_measure);
    assert_eq!(m.mcmc.unwrap().counts.proposed, 24);
    // `gmsbscan summarize` reads it: weighted NLSP fractions, the MCMC block, the exploration's
    // viable fraction.
    let summary = gmsbscan::output::summary::Summary::from_results_dir(tmp.path()).unwrap();
    assert!(summary.weighted);
    assert_eq!(summary.provenance.sampled, 24);
    let text = summary.to_text();
    assert!(
        text.contains("mcmc: chains 0..2 of 2") && text.contains("acceptance"),
        "{text}"
    );
}
