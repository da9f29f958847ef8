//! The Python scripts the README documents: merging shards reproduces the unsharded scan, and
//! the plotting script writes the four figures (needs pandas + matplotlib, installed by .ci/run).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::scan::{run_scan, Manifest, RunOptions, ScanPlan, Shard};

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
    let mut c = Command::new("python3");
    c.arg(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scripts")
            .join(script),
    );
    c
}

#[test]
fn merge_shards_script_reproduces_the_unsharded_scan() {
    let p = plan(97);
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    scan(&p, &full, None);
    let mut cmd = python("merge_shards.py");
    cmd.arg(tmp.path().join("merged"));
    // Shard directories in a shuffled order: the script orders them by id.
    for index in [2u64, 0, 3, 1] {
        let dir = tmp.path().join(format!("shard{index}"));
        scan(&p, &dir, Some(Shard { index, count: 4 }));
        cmd.arg(dir);
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = tmp.path().join("merged");
    for f in ["viable.csv", "rejected.csv", "config.toml"] {
        assert_eq!(
            std::fs::read(full.join(f)).unwrap(),
            std::fs::read(merged.join(f)).unwrap(),
            "{f}"
        );
    }
    let (a, b) = (
        Manifest::read(&full.join("manifest.json")).unwrap(),
        Manifest::read(&merged.join("manifest.json")).unwrap(),
    );
    assert_eq!(
        (
            a.sampled,
            a.viable_points,
            a.viable_solutions,
            a.rejections,
            a.files
        ),
        (
            b.sampled,
            b.viable_points,
            b.viable_solutions,
            b.rejections,
            b.files
        )
    );

    // An incomplete set of shards is refused.
    let out = python("merge_shards.py")
        .arg(tmp.path().join("merged2"))
        .arg(tmp.path().join("shard0"))
        .arg(tmp.path().join("shard2"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing or overlapping"));
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
        "plot_scan.py failed (pandas and matplotlib installed?):\n{}",
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
