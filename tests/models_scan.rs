//! One driver for every model (issue 19): the reliability properties of HMZ scans hold for the
//! `mssm_gmsb` and `ddr` models (real physics) and the HMZ model (the fake evaluator), for every
//! sampler: 1 and 2 threads give byte-identical files; a scan stopped after some batches and
//! resumed equals the uninterrupted scan; shards merged equal the unsharded scan; the directory
//! explains itself (columns.md lists exactly the header of viable.csv and rejected.csv).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::models::plan::ModelScan;
use gmsbscan::models::Plan;
use gmsbscan::scan::{
    merge_shards, run_model, run_scan, RunOptions, RunSummary, ScanError, Shard, StartMode,
};

static NEVER: AtomicBool = AtomicBool::new(false);

const SAMPLERS: [&str; 5] = ["random", "latin", "sobol", "importance", "mcmc"];

/// A small configuration of `model` (hmz: configs/tiny.toml) with `sampler`.
fn config(model: &str, sampler: &str) -> String {
    let (file, points) = match model {
        "hmz" => (include_str!("../configs/tiny.toml"), 120),
        "mssm_gmsb" => (include_str!("../configs/mssm_gmsb.toml"), 120),
        "ddr" => (include_str!("../configs/ddr.toml"), 150),
        _ => unreachable!(),
    };
    let mut text = String::from("batch_size = 16\n");
    for line in file.lines() {
        if line.starts_with("points =") {
            text.push_str(&format!("points = {points}\n"));
        } else if line.starts_with("sampler =") {
            text.push_str(&format!("sampler = \"{sampler}\"\n"));
        } else if !line.starts_with("batch_size") {
            text.push_str(line);
            text.push('\n');
        }
    }
    match sampler {
        "importance" => text.push_str("\n[importance]\nexploration = 40\nstage = 30\nstages = 2\n"),
        "mcmc" => text.push_str(
            "\n[mcmc]\nexploration = \"random\"\nchains = 3\nburn_in = 10\nsteps = 40\n",
        ),
        _ => {}
    }
    text
}

fn opts(dir: &Path, keep_rejected: bool) -> RunOptions<'static> {
    let mut o = RunOptions::new(dir, &NEVER);
    o.progress_bar = false;
    o.log_every = None;
    o.threads = Some(2);
    o.keep_rejected = keep_rejected;
    o
}

/// Runs the configuration `text` (any model) with `o`.
fn run(text: &str, o: &RunOptions) -> Result<RunSummary, ScanError> {
    match Plan::from_toml_str(text).unwrap() {
        Plan::Hmz(p) => run_scan(&p, &FakeEvaluator::default(), o),
        Plan::Model(p) => run_model(&ModelScan::new(p), o),
    }
}

fn files(dir: &Path, mcmc: bool) -> Vec<(String, Vec<u8>)> {
    let mut names = vec!["viable.csv", "config.toml", "columns.md"];
    if !mcmc {
        names.push("rejected.csv");
    }
    names
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            (f.to_string(), bytes)
        })
        .collect()
}

/// The counts of a manifest that must not depend on how the scan was run.
fn counts(dir: &Path) -> serde_json::Value {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap())
            .unwrap();
    serde_json::json!([
        m["status"],
        m["sampled"],
        m["viable_points"],
        m["viable_solutions"],
        m["rejections"],
        m["config_hash"],
        m["model"],
        m["importance"]["weight_sum"],
        m["mcmc"]["counts"],
    ])
}

/// Every property for one model and sampler.
fn check(model: &str, sampler: &str) {
    let text = config(model, sampler);
    let mcmc = sampler == "mcmc";
    let keep = !mcmc; // MCMC refuses --keep-rejected (its rejected proposals are counted).
    let tmp = tempfile::tempdir().unwrap();
    let dir = |n: &str| -> PathBuf { tmp.path().join(n) };
    let what = format!("{model} / {sampler}");

    // One thread and two threads.
    let mut o1 = opts(&dir("t1"), keep);
    o1.threads = Some(1);
    let full = run(&text, &o1).unwrap_or_else(|e| panic!("{what}: {e:#}"));
    assert!(
        full.manifest.viable_solutions > 0,
        "{what}: no viable row, the comparison would be empty"
    );
    run(&text, &opts(&dir("t2"), keep)).unwrap();
    assert_eq!(files(&dir("t1"), mcmc), files(&dir("t2"), mcmc), "{what}: threads");
    assert_eq!(counts(&dir("t1")), counts(&dir("t2")), "{what}: threads");

    // Stopped after two batches, then resumed.
    let mut o = opts(&dir("cut"), keep);
    o.stop_after_batches = Some(2);
    let cut = run(&text, &o).unwrap();
    assert_eq!(
        cut.manifest.status,
        gmsbscan::scan::Status::Interrupted,
        "{what}: the scan ended before the stop"
    );
    let mut o = opts(&dir("cut"), false);
    o.mode = StartMode::Resume;
    run(&text, &o).unwrap();
    assert_eq!(files(&dir("t1"), mcmc), files(&dir("cut"), mcmc), "{what}: resume");
    assert_eq!(counts(&dir("t1")), counts(&dir("cut")), "{what}: resume");

    // Two shards merged.
    let shards: Vec<PathBuf> = (0..2)
        .map(|index| {
            let d = dir(&format!("shard{index}"));
            let mut o = opts(&d, keep);
            o.shard = Some(Shard { index, count: 2 });
            run(&text, &o).unwrap();
            d
        })
        .collect();
    merge_shards(&dir("merged"), &shards).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(files(&dir("t1"), mcmc), files(&dir("merged"), mcmc), "{what}: merge");
    let (a, b) = (counts(&dir("t1")), counts(&dir("merged")));
    assert_eq!(a.as_array().unwrap()[..7], b.as_array().unwrap()[..7], "{what}: merge");

    // columns.md documents exactly the columns of the files.
    let columns = std::fs::read_to_string(dir("t1").join("columns.md")).unwrap();
    let viable = std::fs::read_to_string(dir("t1").join("viable.csv")).unwrap();
    let mut tables = columns.split("## ").skip(1);
    for header in [Some(viable.lines().next().unwrap().to_string()), None] {
        let table = tables.next().unwrap();
        let names: Vec<&str> = table
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .map(|l| l.split('`').next().unwrap())
            .collect();
        let expected = match header {
            Some(h) => h,
            None if keep => {
                let rejected = std::fs::read_to_string(dir("t1").join("rejected.csv")).unwrap();
                rejected.lines().next().unwrap().to_string()
            }
            None => continue,
        };
        assert_eq!(names.join(","), expected, "{what}: columns.md");
    }
}

#[test]
fn mssm_gmsb_every_sampler() {
    for sampler in SAMPLERS {
        check("mssm_gmsb", sampler);
    }
}

#[test]
fn ddr_every_sampler() {
    for sampler in SAMPLERS {
        check("ddr", sampler);
    }
}

#[test]
fn hmz_every_sampler() {
    for sampler in SAMPLERS {
        check("hmz", sampler);
    }
}

/// A sampler a model cannot support is refused by name, never replaced by another.
#[test]
fn model_scans_refuse_what_they_cannot_do() {
    let text = config("mssm_gmsb", "importance") + "fast_solve_floor = 0.3\n";
    let err = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("importance.fast_solve_floor") && err.contains("no fast solve"),
        "{err}"
    );
    let without_table = config("ddr", "random").replace("sampler = \"random\"", "sampler = \"mcmc\"");
    let err = Plan::from_toml_str(&without_table).unwrap_err().to_string();
    assert!(err.contains("sampler = \"mcmc\" needs an [mcmc] table"), "{err}");
    let err = Plan::from_toml_str(&config("ddr", "metropolis"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("sampler: unknown sampler 'metropolis'"),
        "{err}"
    );
}
