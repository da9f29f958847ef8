//! `sampler = "importance"` (issue 9): the weighted rows reproduce a known restricted prior
//! (synthetic target through the real driver, no physics) and the unweighted rows do not; the
//! output is byte-identical for 1 and 2 threads, after interruptions and resumes, and for merged
//! shards; on the real physics every row is viable and carries a weight in [1, 1/floor].

use std::path::Path;
use std::sync::atomic::AtomicBool;

mod common;

use common::fake::{fake_solution, FakeEvaluator};
use gmsbscan::model::params::PointInputs;
use gmsbscan::point::PointOutcome;
use gmsbscan::scan::stats::kolmogorov_q;
use gmsbscan::scan::{
    merge_shards, run_scan, Manifest, PointEvaluator, RunOptions, ScanPlan, Shard, StartMode,
    Status,
};

static NEVER: AtomicBool = AtomicBool::new(false);

fn opts(dir: &Path) -> RunOptions<'static> {
    let mut o = RunOptions::new(dir, &NEVER);
    o.progress_bar = false;
    o.log_every = None;
    o
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn manifest(dir: &Path) -> Manifest {
    Manifest::read(&dir.join("manifest.json")).unwrap()
}

/// Unit coordinates of three inputs under the priors of `synthetic_plan`.
fn coords(i: &PointInputs) -> (f64, f64, f64) {
    (
        (i.tan_beta - 1.5) / 48.5,
        (i.vev_n - 100.0) / 900.0,
        (i.vev_s - 3.8e4) / 6.2e4,
    )
}

/// A synthetic viable set with known prior mass: a thin curved sheet
/// A = {|t - 0.2 - 0.6 v^2| < 0.02, s < 0.8} (mass 0.032) and a small corner
/// B = {t > 0.9, v < 0.1, s > 0.9} (mass 0.001), which the exploration barely sees, so the screen
/// under-samples it and only the weights restore its share 1/33.
struct Sheet {
    /// A fast verdict that sees the sheet only (it misses the corner), for the second screen.
    fast: bool,
}

fn in_sheet(i: &PointInputs) -> bool {
    let (t, v, s) = coords(i);
    (t - 0.2 - 0.6 * v * v).abs() < 0.02 && s < 0.8
}

fn in_corner(i: &PointInputs) -> bool {
    let (t, v, s) = coords(i);
    t > 0.9 && v < 0.1 && s > 0.9
}

impl PointEvaluator for Sheet {
    fn fast_verdict(&self, inputs: &PointInputs) -> Option<bool> {
        self.fast.then(|| in_sheet(inputs))
    }

    fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        let viable = in_sheet(inputs) || in_corner(inputs);
        let verdict = if viable {
            Ok(())
        } else {
            Err(gmsbscan::constraints::Rejection::new(
                gmsbscan::constraints::RejectionReason::NoEwsb,
                "outside the synthetic set",
            ))
        };
        PointOutcome {
            inputs: *inputs,
            solutions: vec![fake_solution(inputs, 0, verdict)],
            failure: None,
        }
    }
}

fn synthetic_plan(points: u64, settings: &str) -> ScanPlan {
    let text = format!(
        "name = \"sheet\"\nseed = 9\npoints = {points}\nsampler = \"importance\"\nbatch_size = 500\n\
         [importance]\n{settings}\n\
         [physics]\npreset = \"hmz1999\"\n\
         [priors]\n\
         tan_beta = {{ prior = \"flat\", min = 1.5, max = 50.0 }}\n\
         vev_n = {{ prior = \"flat\", min = 100.0, max = 1000.0 }}\n\
         vev_s = {{ prior = \"flat\", min = 3.8e4, max = 1.0e5 }}\n\
         lambda_susy = {{ prior = \"fixed\", value = 3.0e4 }}\n\
         m_top = {{ prior = \"fixed\", value = 165.0 }}\n\
         m_phi_over_s = {{ prior = \"fixed\", value = 0.5 }}\n\
         lambda_s = {{ prior = \"fixed\", value = 2.0e-3 }}\n\
         lambda_n = {{ prior = \"fixed\", value = 0.4 }}\n\
         k = {{ prior = \"fixed\", value = 0.3 }}\n"
    );
    ScanPlan::from_toml_str(&text).unwrap()
}

/// (tan_beta, vev_n, vev_s, weight) of every row.
fn rows(dir: &Path) -> Vec<(PointInputs, f64)> {
    let mut reader = csv::Reader::from_path(dir.join("viable.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (t, v, s, w) = (col("tan_beta"), col("vev_n"), col("vev_s"), col("weight"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let f = |i: usize| r.get(i).unwrap().parse::<f64>().unwrap();
            let inputs = PointInputs {
                tan_beta: f(t),
                vev_n: f(v),
                vev_s: f(s),
                ..PointInputs::table1()
            };
            (inputs, f(w))
        })
        .collect()
}

/// Exact CDF of v = (vev_n - 100)/900 on the synthetic set: flat on the sheet (mass 0.032),
/// flat on [0, 0.1] in the corner (mass 0.001).
fn exact_cdf_v(v: f64) -> f64 {
    (0.032 * v + 0.001 * (v / 0.1).min(1.0)) / 0.033
}

/// One-sample Kolmogorov-Smirnov distance of weighted draws against a CDF.
fn ks_distance(mut draws: Vec<(f64, f64)>, cdf: impl Fn(f64) -> f64) -> f64 {
    draws.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = draws.iter().map(|d| d.1).sum();
    let mut acc = 0.0;
    let mut d: f64 = 0.0;
    for (x, w) in draws {
        let before = acc / total;
        acc += w;
        let f = cdf(x);
        d = d.max((before - f).abs()).max((acc / total - f).abs());
    }
    d
}

/// Runs the synthetic scan and returns (draws, weight sum, Kish ESS, evaluated, rows).
fn synthetic_run(points: u64, settings: &str) -> (Manifest, Vec<(PointInputs, f64)>) {
    let plan = synthetic_plan(points, settings);
    let fast = plan.settings.importance.unwrap().fast_solve_floor.is_some();
    let tmp = tempfile::tempdir().unwrap();
    let s = run_scan(&plan, &Sheet { fast }, &opts(tmp.path())).unwrap();
    assert_eq!(s.status(), Status::Complete);
    let rows = rows(tmp.path());
    for (i, w) in &rows {
        assert!(in_sheet(i) || in_corner(i));
        assert!(*w >= 1.0, "weight {w}");
    }
    (manifest(tmp.path()), rows)
}

/// The corner's share of the weight and its standard error (delta method for a ratio of sums).
fn corner_share(rows: &[(PointInputs, f64)], weighted: bool) -> (f64, f64) {
    let w = |x: &(PointInputs, f64)| if weighted { x.1 } else { 1.0 };
    let total: f64 = rows.iter().map(w).sum();
    let share = rows.iter().filter(|x| in_corner(&x.0)).map(w).sum::<f64>() / total;
    let var: f64 = rows
        .iter()
        .map(|x| {
            let d = if in_corner(&x.0) { 1.0 - share } else { -share };
            (w(x) * d).powi(2)
        })
        .sum();
    (share, var.sqrt() / total)
}

/// KS p-value of v against its exact CDF, with n = Kish's effective sample size of the weights.
fn ks_v(rows: &[(PointInputs, f64)], weighted: bool) -> f64 {
    let draws: Vec<(f64, f64)> = rows
        .iter()
        .map(|x| (coords(&x.0).1, if weighted { x.1 } else { 1.0 }))
        .collect();
    let (sum, sq): (f64, f64) = draws
        .iter()
        .fold((0.0, 0.0), |a, d| (a.0 + d.1, a.1 + d.1 * d.1));
    let d = ks_distance(draws, exact_cdf_v);
    kolmogorov_q(d * (sum * sum / sq).sqrt())
}

/// The checks of an honest weighted sample of the synthetic set: the weight sum over the draws
/// estimates its prior mass 0.033 (standard error sqrt(sum w^2) / draws), the corner's weighted
/// share is 1/33, both within 4 standard errors, and KS of v against its exact CDF passes at 1 %.
fn assert_honest(m: &Manifest, rows: &[(PointInputs, f64)]) {
    let r = m.importance.as_ref().unwrap();
    let mass = r.weight_sum / m.sampled as f64;
    let se = r.weight_square_sum.sqrt() / m.sampled as f64;
    assert!((mass - 0.033).abs() < 4.0 * se, "mass {mass} +- {se}");
    let (share, se) = corner_share(rows, true);
    assert!(
        (share - 1.0 / 33.0).abs() < 4.0 * se,
        "corner share {share} +- {se}"
    );
    let p = ks_v(rows, true);
    assert!(p > 0.01, "weighted KS p = {p}");
}

#[test]
fn weighted_rows_follow_the_restricted_prior() {
    // A screen trained in stages, as shipped.
    let (m, rows) = synthetic_run(
        60_000,
        "exploration = 3000\nstage = 6000\nstages = 4\nneighbours = 15\nfloor = 0.05",
    );
    let r = m.importance.as_ref().unwrap();
    // The screen does its job: far fewer evaluations than draws, and among them at least three
    // times the viable fraction of the prior (0.033).
    assert!(r.evaluated < m.sampled / 3, "{r:?}");
    assert!(
        m.viable_points as f64 > 3.0 * 0.033 * r.evaluated as f64,
        "{} viable of {} evaluated",
        m.viable_points,
        r.evaluated
    );
    assert!(rows.iter().all(|x| x.1 <= 1.0 / 0.05 + 1e-9));
    let n_eff = r.effective_samples;
    assert!(n_eff > 500.0, "effective samples {n_eff}");
    assert_honest(&m, &rows);
}

#[test]
fn a_poor_screen_is_corrected_by_the_weights_alone() {
    // A screen trained once on 400 draws (about 13 viable ones), never again: much of the set
    // is only evaluated at the floor rate, so the unweighted rows are far from the target; the
    // weighted rows are not.
    let (m, rows) = synthetic_run(
        60_000,
        "exploration = 400\nstage = 1\nstages = 0\nneighbours = 5\nfloor = 0.05",
    );
    assert!(m.importance.as_ref().unwrap().effective_samples > 200.0);
    assert_honest(&m, &rows);
    let p_raw = ks_v(&rows, false);
    assert!(
        p_raw < 1e-4,
        "unweighted KS p = {p_raw} (the weights should matter here)"
    );
}

#[test]
fn a_fast_solve_that_misses_part_of_the_set_is_corrected_by_the_weights() {
    // The second screen's fast verdict never sees the corner: its draws are fully evaluated
    // only at the rate fast_solve_floor, and their weights carry the factor 1/0.2.
    let (m, rows) = synthetic_run(
        60_000,
        "exploration = 3000\nstage = 6000\nstages = 4\nneighbours = 15\nfloor = 0.05\nfast_solve_floor = 0.2",
    );
    let r = m.importance.as_ref().unwrap();
    assert!(
        r.fast_solves > 0 && m.rejections["screened_fast_solve"] > 0,
        "{m:?}"
    );
    assert!(rows.iter().all(|x| x.1 <= 1.0 / (0.05 * 0.2) + 1e-9));
    assert!(rows
        .iter()
        .filter(|x| in_corner(&x.0))
        .all(|x| x.1 >= 1.0 / 0.2 - 1e-9));
    assert_honest(&m, &rows);
}

/// The fake physics with a fast verdict that agrees with it only in part (both screens run).
struct FastFake(FakeEvaluator);

impl PointEvaluator for FastFake {
    fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        self.0.evaluate(inputs)
    }

    fn fast_verdict(&self, inputs: &PointInputs) -> Option<bool> {
        Some((inputs.tan_beta * 7.0).fract() < 0.7)
    }
}

fn fake_plan() -> ScanPlan {
    let text = include_str!("../configs/tiny.toml")
        .replace("points = 20", "points = 400")
        .replace("sampler = \"random\"", "sampler = \"importance\"")
        .replace("batch_size = 8", "batch_size = 16")
        + "\n[importance]\nexploration = 60\nstage = 50\nstages = 3\nneighbours = 5\nfloor = 0.1\nfast_solve_floor = 0.3\n";
    ScanPlan::from_toml_str(&text).unwrap()
}

#[test]
fn threads_resume_and_shards_give_the_same_files() {
    let p = fake_plan();
    let tmp = tempfile::tempdir().unwrap();
    let dir = |n: &str| tmp.path().join(n);
    let fake = FastFake(FakeEvaluator { panics: true });
    let run = |name: &str, threads: usize| {
        let mut o = opts(&dir(name));
        o.threads = Some(threads);
        o.keep_rejected = true;
        run_scan(&p, &fake, &o).unwrap()
    };
    assert_eq!(run("t1", 1).status(), Status::Complete);
    run("t2", 2);
    let (viable, rejected) = (
        read(&dir("t1"), "viable.csv"),
        read(&dir("t1"), "rejected.csv"),
    );
    assert_eq!(viable, read(&dir("t2"), "viable.csv"), "1 vs 2 threads");
    assert_eq!(rejected, read(&dir("t2"), "rejected.csv"));
    assert!(viable.lines().next().unwrap().ends_with(",weight"));
    let m = manifest(&dir("t1"));
    let r = m.importance.clone().unwrap();
    assert!(
        m.rejections["screened"] > 0 && r.evaluated < m.sampled,
        "{m:?}"
    );
    assert_eq!(m.viable_points + m.rejected_points, m.sampled);
    assert!(
        m.rejections["screened_fast_solve"] > 0 && r.fast_solves > 0,
        "{m:?}"
    );
    assert_eq!(
        r.evaluated + m.rejections["screened"] + m.rejections["screened_fast_solve"],
        m.sampled
    );

    // Interrupted mid-pilot, resumed in steps (the screen is replayed from the manifest), and a
    // hard kill after a checkpoint: the same files.
    let mut oi = opts(&dir("int"));
    oi.keep_rejected = true;
    oi.stop_after_batches = Some(5);
    assert_eq!(
        run_scan(&p, &fake, &oi).unwrap().status(),
        Status::Interrupted
    );
    assert!(manifest(&dir("int")).next_id < r.pilot_end);
    let mut or = opts(&dir("int"));
    or.mode = StartMode::Resume;
    or.stop_after_batches = Some(4);
    run_scan(&p, &fake, &or).unwrap();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir("int").join("viable.csv"))
        .unwrap();
    std::io::Write::write_all(&mut f, b"1,2,3\n").unwrap();
    or.stop_after_batches = None;
    assert_eq!(run_scan(&p, &fake, &or).unwrap().status(), Status::Complete);
    assert_eq!(read(&dir("int"), "viable.csv"), viable, "resumed run");
    assert_eq!(read(&dir("int"), "rejected.csv"), rejected);
    let ri = manifest(&dir("int")).importance.unwrap();
    assert_eq!(
        (&ri.pilot_viable_ids, ri.evaluated, ri.labels_known_below),
        (&r.pilot_viable_ids, r.evaluated, r.labels_known_below)
    );
    // The weight sums went through JSON between sessions: equal up to the last ulps.
    assert!((ri.weight_sum / r.weight_sum - 1.0).abs() < 1e-12);
    assert!((ri.effective_samples / r.effective_samples - 1.0).abs() < 1e-12);

    // Three shards (shard 0 takes the pilot; the others compute it without writing it; shard 2
    // is interrupted and resumed), merged: the unsharded files, byte for byte.
    let mut shard_dirs = Vec::new();
    for k in 0..3 {
        let d = dir(&format!("s{k}"));
        let mut o = opts(&d);
        o.keep_rejected = true;
        o.shard = Some(Shard { index: k, count: 3 });
        if k == 2 {
            o.stop_after_batches = Some(1);
            assert_eq!(
                run_scan(&p, &fake, &o).unwrap().status(),
                Status::Interrupted
            );
            o.mode = StartMode::Resume;
            o.stop_after_batches = None;
        }
        run_scan(&p, &fake, &o).unwrap();
        shard_dirs.push(d);
    }
    let merged = merge_shards(&dir("merged"), &shard_dirs).unwrap();
    assert_eq!(read(&dir("merged"), "viable.csv"), viable, "merged shards");
    assert_eq!(read(&dir("merged"), "rejected.csv"), rejected);
    let mm = merged.manifest;
    assert_eq!(
        (mm.sampled, mm.viable_points, &mm.rejections),
        (m.sampled, m.viable_points, &m.rejections)
    );
    let rm = mm.importance.unwrap();
    assert_eq!(
        (rm.evaluated, rm.rejected_before_solving),
        (r.evaluated, r.rejected_before_solving)
    );
    assert!((rm.effective_samples / r.effective_samples - 1.0).abs() < 1e-12);
}

#[test]
fn bad_importance_configurations_are_refused_with_the_field() {
    let base = include_str!("../configs/tiny.toml")
        .replace("sampler = \"random\"", "sampler = \"importance\"");
    let err = ScanPlan::from_toml_str(&base).unwrap_err().to_string();
    assert!(err.starts_with("importance:"), "{err}");
    let with = |table: &str| {
        ScanPlan::from_toml_str(&format!("{base}\n[importance]\n{table}\n"))
            .unwrap_err()
            .to_string()
    };
    let err = with("exploration = 10\nstage = 5\nstages = 1\nfloor = 0.0");
    assert!(err.starts_with("importance.floor"), "{err}");
    let err = with("exploration = 10\nstage = 5\nstages = 1\nfloor = 1.5");
    assert!(err.starts_with("importance.floor"), "{err}");
    let err = with("exploration = 10\nstage = 5\nstages = 1\nfast_solve_floor = 0.0");
    assert!(err.starts_with("importance.fast_solve_floor"), "{err}");
    let err = with("exploration = 0\nstage = 5\nstages = 1");
    assert!(err.starts_with("importance.exploration"), "{err}");
    let err = with("exploration = 10\nstage = 5\nstages = 3");
    assert!(err.contains("longer than the scan"), "{err}");
    let err = with("exploration = 10\nstage = 5\nstages = 1\nthin = 2");
    assert!(err.contains("thin"), "{err}");
    let random = include_str!("../configs/tiny.toml").to_string()
        + "\n[importance]\nexploration = 10\nstage = 5\nstages = 1\n";
    let err = ScanPlan::from_toml_str(&random).unwrap_err().to_string();
    assert!(err.contains("needs sampler = \"importance\""), "{err}");
}

#[test]
fn the_real_physics_writes_only_viable_weighted_rows() {
    let text = common::tiny_with_sampler(
        64,
        "importance",
        "exploration = 24\nstage = 16\nstages = 1\nneighbours = 5\nfloor = 0.25\nfast_solve_floor = 0.5",
    );
    let p = ScanPlan::from_toml_str(&text).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let s = run_scan(&p, &p.evaluator(), &opts(tmp.path())).unwrap();
    assert_eq!(s.status(), Status::Complete);
    let m = manifest(tmp.path());
    let r = m.importance.as_ref().unwrap();
    assert!(m.viable_points > 0 && r.evaluated <= m.sampled);
    assert_eq!(
        r.rejected_before_solving,
        m.rejections
            .get("range:lambda_over_s")
            .copied()
            .unwrap_or(0)
    );
    let mut reader = csv::Reader::from_path(tmp.path().join("viable.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (w, nlsp, id) = (col("weight"), col("nlsp"), col("id"));
    let mut sum = 0.0;
    let mut last_id = None;
    for rec in reader.records() {
        let rec = rec.unwrap();
        assert!(["neutralino", "stau"].contains(&rec.get(nlsp).unwrap()));
        let weight: f64 = rec.get(w).unwrap().parse().unwrap();
        assert!((1.0..=8.0).contains(&weight), "weight {weight}");
        let this = rec.get(id).unwrap().to_string();
        if last_id.as_ref() != Some(&this) {
            sum += weight;
        }
        // The row's point, evaluated again: viable.
        let inputs = p.inputs(this.parse().unwrap());
        let again = p.evaluator().evaluate(&inputs);
        assert!(again.solutions.iter().any(|s| s.verdict.is_ok()));
        last_id = Some(this);
    }
    assert!((sum / r.weight_sum - 1.0).abs() < 1e-12);
    let summary = gmsbscan::output::summary::Summary::from_results_dir(tmp.path()).unwrap();
    assert!(summary.weighted);
    assert!(
        summary.to_text().contains("importance:"),
        "{}",
        summary.to_text()
    );
}
