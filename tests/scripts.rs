//! The Python script the README documents: the plotting script writes the four figures (with
//! pandas and matplotlib from the test's own environment, `tests/common/python.rs`).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

mod common;
#[path = "common/python.rs"]
mod pyenv;

use common::fake::FakeEvaluator;
use gmsbscan::scan::{run_scan, RunOptions, ScanPlan, Shard};

static NEVER: AtomicBool = AtomicBool::new(false);

fn plan(points: u64) -> ScanPlan {
    let text =
        include_str!("../configs/tiny.toml").replace("points = 20", &format!("points = {points}"));
    ScanPlan::from_toml_str(&text).unwrap()
}

fn scan(plan: &ScanPlan, dir: &Path, shard: Option<Shard>) {
    let mut o = RunOptions::new(dir, &NEVER);
    o.keep_rejected = true;
    o.progress_bar = false;
    o.log_every = None;
    o.shard = shard;
    run_scan(plan, &FakeEvaluator::default(), &o).unwrap();
}

fn python(script: &str) -> Command {
    let mut c = pyenv::python();
    c.arg(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scripts")
            .join(script),
    );
    c
}

#[test]
fn plot_script_writes_the_four_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("scan");
    scan(&plan(60), &dir, None);
    let out = python("plot_scan.py")
        .arg(&dir)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "plot_scan.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "fig1_lambda_s.png",
        "fig2_bmu_mu.png",
        "fig3_fine_tuning.png",
        "fig4_nlsp.png",
    ] {
        let meta = std::fs::metadata(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(meta.len() > 1000, "{f} is suspiciously small");
    }
}
