//! Property tests over random and hostile input (issue 10), deterministic (ChaCha8 with fixed
//! seeds, so a failure reproduces; the failing input is printed):
//! - random and non-finite point inputs never panic the physics: each gives solutions or a
//!   named rejection;
//! - random byte mutations of a scan configuration give a configuration error or a valid plan
//!   (whose effective configuration reads back to the same plan), never a panic;
//! - random byte mutations of a manifest make `--resume` and `merge` refuse without changing a
//!   file, or succeed with exactly the files of the uninterrupted scan: never a panic, never lost
//!   or altered rows.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::config::{PhysicsConfig, Preset};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::model::params::PointInputs;
use gmsbscan::point::Evaluator;
use gmsbscan::scan::{merge_shards, run_scan, RunOptions, ScanPlan, Shard, StartMode, Status};

static NEVER: AtomicBool = AtomicBool::new(false);
const TINY: &str = include_str!("../configs/tiny.toml");

/// A value for a point input: usually plausible, often hostile.
fn hostile(rng: &mut ChaCha8Rng, typical: f64) -> f64 {
    match rng.random_range(0..10) {
        0 => f64::NAN,
        1 => [f64::INFINITY, f64::NEG_INFINITY][rng.random_range(0..2)],
        2 => 0.0,
        3 => -typical * rng.random::<f64>(),
        4 => [1e300, 1e-300, f64::MAX, f64::MIN_POSITIVE][rng.random_range(0..4)],
        _ => typical * (0.05 + 2.0 * rng.random::<f64>()),
    }
}

#[test]
fn random_and_non_finite_point_inputs_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(10);
    let evaluators = [
        Evaluator::new(
            PhysicsConfig::preset(Preset::Hmz1999),
            BoundSetName::Hmz1999,
        ),
        Evaluator::new(
            PhysicsConfig::preset(Preset::Consistent),
            BoundSetName::LepFinal,
        ),
    ];
    let mut rejected_as_invalid = 0;
    for i in 0..120 {
        let inputs = PointInputs {
            tan_beta: hostile(&mut rng, 20.0),
            vev_n: hostile(&mut rng, 400.0),
            vev_s: hostile(&mut rng, 9e4),
            lambda_susy: hostile(&mut rng, 5e4),
            m_top: hostile(&mut rng, 165.0),
            lambda_s: hostile(&mut rng, 2e-3),
            lambda_n: hostile(&mut rng, 0.4),
            k: hostile(&mut rng, 0.3),
            xi_n: hostile(&mut rng, 0.5),
            eta_s: hostile(&mut rng, 0.01),
            eta_n: hostile(&mut rng, 0.8),
            m_phi_over_s: hostile(&mut rng, 0.3),
        };
        let ev = &evaluators[i % 2];
        let outcome = catch_unwind(AssertUnwindSafe(|| ev.evaluate(&inputs)))
            .unwrap_or_else(|_| panic!("evaluation panicked for {inputs:?}"));
        assert!(
            outcome.failure.is_some() || !outcome.solutions.is_empty(),
            "neither a solution nor a rejection for {inputs:?}"
        );
        let sampled_non_finite = [inputs.tan_beta, inputs.vev_n, inputs.lambda_s, inputs.k]
            .iter()
            .any(|v| !v.is_finite());
        if sampled_non_finite {
            let f = outcome
                .failure
                .as_ref()
                .expect("non-finite input is rejected");
            assert!(!f.detail.is_empty());
            rejected_as_invalid += 1;
        }
    }
    assert!(
        rejected_as_invalid > 20,
        "the test reaches the non-finite paths"
    );
}

/// One random byte mutation: flip, delete, insert or duplicate.
fn mutate(rng: &mut ChaCha8Rng, bytes: &mut Vec<u8>) {
    let i = rng.random_range(0..bytes.len());
    match rng.random_range(0..4) {
        0 => bytes[i] ^= 1 << rng.random_range(0..8),
        1 => {
            bytes.remove(i);
        }
        2 => bytes.insert(i, b"0123456789.-e\"=[]{},:\n xyz"[rng.random_range(0..26)]),
        _ => {
            let end = (i + rng.random_range(1..12)).min(bytes.len());
            let chunk = bytes[i..end].to_vec();
            bytes.splice(i..i, chunk);
        }
    }
}

#[test]
fn mutated_configurations_give_an_error_or_a_valid_plan_never_a_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let (mut errors, mut valid) = (0, 0);
    for _ in 0..1500 {
        let mut bytes = TINY.as_bytes().to_vec();
        for _ in 0..rng.random_range(1..4) {
            mutate(&mut rng, &mut bytes);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let result = catch_unwind(|| ScanPlan::from_toml_str(&text))
            .unwrap_or_else(|_| panic!("parsing panicked on:\n{text}"));
        match result {
            Err(e) => {
                assert!(!e.to_string().is_empty());
                errors += 1;
            }
            Ok(plan) => {
                let again = ScanPlan::from_toml_str(plan.effective_toml()).unwrap_or_else(|e| {
                    panic!("effective config of a valid plan fails: {e}\n{text}")
                });
                assert_eq!(again.config_hash(), plan.config_hash());
                valid += 1;
            }
        }
    }
    assert!(errors > 500 && valid > 10, "{errors} errors, {valid} valid");
}

fn opts(dir: &Path) -> RunOptions<'static> {
    let mut o = RunOptions::new(dir, &NEVER);
    o.keep_rejected = true;
    o.progress_bar = false;
    o.log_every = None;
    o
}

/// Every file of `dir` but the lock file, with its contents.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with(".gmsbscan.lock"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for (name, bytes) in snapshot(from) {
        std::fs::write(to.join(name), bytes).unwrap();
    }
}

#[test]
fn mutated_manifests_make_resume_and_merge_refuse_or_reproduce_never_lose_rows() {
    let text = TINY.replace("points = 20", "points = 48");
    let p = ScanPlan::from_toml_str(&text).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    run_scan(&p, &FakeEvaluator::default(), &opts(&full)).unwrap();
    // An interrupted scan (resume) and two complete shards (merge), as templates.
    let part = tmp.path().join("part");
    let mut o = opts(&part);
    o.stop_after_batches = Some(2);
    assert_eq!(
        run_scan(&p, &FakeEvaluator::default(), &o)
            .unwrap()
            .status(),
        Status::Interrupted
    );
    let shards: Vec<_> = (0..2)
        .map(|index| {
            let d = tmp.path().join(format!("shard{index}"));
            let mut o = opts(&d);
            o.shard = Some(Shard { index, count: 2 });
            run_scan(&p, &FakeEvaluator::default(), &o).unwrap();
            d
        })
        .collect();
    let expected = |dir: &Path| {
        for f in ["viable.csv", "rejected.csv", "config.toml"] {
            assert_eq!(
                std::fs::read(dir.join(f)).unwrap(),
                std::fs::read(full.join(f)).unwrap(),
                "{f}"
            );
        }
    };

    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let (mut refused, mut accepted) = (0, 0);
    for round in 0..120 {
        let work = tmp.path().join(format!("round{round}"));
        let resume = round % 2 == 0;
        let (target, dirs) = if resume {
            copy_dir(&part, &work);
            (work.clone(), vec![work.clone()])
        } else {
            let dirs: Vec<_> = shards
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let d = work.join(format!("s{i}"));
                    copy_dir(s, &d);
                    d
                })
                .collect();
            (dirs[rng.random_range(0..2)].clone(), dirs)
        };
        let manifest = target.join("manifest.json");
        let mut bytes = std::fs::read(&manifest).unwrap();
        for _ in 0..rng.random_range(1..3) {
            mutate(&mut rng, &mut bytes);
        }
        std::fs::write(&manifest, &bytes).unwrap();
        let before: Vec<_> = dirs.iter().map(|d| snapshot(d)).collect();
        let result = catch_unwind(AssertUnwindSafe(|| {
            if resume {
                let mut o = opts(&work);
                o.mode = StartMode::Resume;
                run_scan(&p, &FakeEvaluator::default(), &o)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            } else {
                merge_shards(&work.join("merged"), &dirs)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }))
        .unwrap_or_else(|_| panic!("panicked on manifest:\n{}", String::from_utf8_lossy(&bytes)));
        match result {
            Err(e) => {
                assert!(!e.is_empty());
                let after: Vec<_> = dirs.iter().map(|d| snapshot(d)).collect();
                assert!(after == before, "a refused run changed files ({e})");
                refused += 1;
            }
            Ok(()) => {
                let out = if resume {
                    work.clone()
                } else {
                    work.join("merged")
                };
                expected(&out);
                accepted += 1;
            }
        }
    }
    assert!(
        refused > 40 && accepted > 0,
        "{refused} refused, {accepted} accepted"
    );
}
