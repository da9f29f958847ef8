//! `gmsbscan merge` (issue 10): shards merge into a directory byte-identical to the unsharded
//! scan, with its own manifest; every way shards can be wrong is refused with a message naming
//! the shard and what is wrong, and nothing is written to the output then.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::AtomicBool;

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::scan::{run_scan, DirLock, Manifest, RunOptions, ScanPlan, Shard, Status};

static NEVER: AtomicBool = AtomicBool::new(false);

fn plan_text(points: u64, seed: u64) -> String {
    include_str!("../configs/tiny.toml")
        .replace("points = 20", &format!("points = {points}"))
        .replace("seed = 42", &format!("seed = {seed}"))
}

fn plan(points: u64) -> ScanPlan {
    ScanPlan::from_toml_str(&plan_text(points, 42)).unwrap()
}

fn scan(plan: &ScanPlan, dir: &Path, shard: Option<Shard>, keep_rejected: bool) {
    let mut o = RunOptions::new(dir, &NEVER);
    o.keep_rejected = keep_rejected;
    o.progress_bar = false;
    o.log_every = None;
    o.shard = shard;
    run_scan(plan, &FakeEvaluator::default(), &o).unwrap();
}

/// Runs `gmsbscan merge OUT SHARDS...`.
fn merge(out: &Path, shards: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gmsbscan"))
        .arg("merge")
        .arg(out)
        .args(shards)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Four complete shards of `p` (keeping rejected points) under `root`.
fn shards(p: &ScanPlan, root: &Path) -> Vec<PathBuf> {
    (0..4)
        .map(|index| {
            let dir = root.join(format!("shard{index}"));
            scan(p, &dir, Some(Shard { index, count: 4 }), true);
            dir
        })
        .collect()
}

#[test]
fn merged_shards_equal_the_unsharded_scan_byte_for_byte() {
    let p = plan(97);
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    scan(&p, &full, None, true);
    let s = shards(&p, tmp.path());
    // Shards in a shuffled order: merge orders them by id.
    let order = [s[2].clone(), s[0].clone(), s[3].clone(), s[1].clone()];
    let merged = tmp.path().join("merged");
    let out = merge(&merged, &order);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("merged 4 shards"));
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
            a.status,
            a.first_id,
            a.end_id,
            a.next_id,
            a.shard,
            &a.config_hash
        ),
        (
            b.status,
            b.first_id,
            b.end_id,
            b.next_id,
            b.shard,
            &b.config_hash
        )
    );
    assert_eq!(
        (
            a.sampled,
            a.viable_points,
            a.viable_solutions,
            a.rejected_points,
            &a.rejections,
            &a.files
        ),
        (
            b.sampled,
            b.viable_points,
            b.viable_solutions,
            b.rejected_points,
            &b.rejections,
            &b.files
        )
    );
    assert_eq!(b.merged_from.len(), 4);
    assert!(b.merged_from[0].ends_with("shard0"));
    // The merged directory is itself a verified, complete scan: it merges again (as one shard).
    let again = merge(&tmp.path().join("again"), std::slice::from_ref(&merged));
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    // The merged files are readable like the shards' (0666 less the umask of this process).
    let mode = std::fs::metadata(merged.join("manifest.json"))
        .unwrap()
        .permissions()
        .mode();
    let csv = std::fs::metadata(merged.join("viable.csv"))
        .unwrap()
        .permissions()
        .mode();
    let shard_csv = std::fs::metadata(s[0].join("viable.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        (mode & 0o777, csv & 0o777),
        (shard_csv & 0o777, shard_csv & 0o777)
    );
}

/// Expects `merge` to fail with every one of `messages`, leaving no file in `out`.
fn refused(out: &Path, shards: &[PathBuf], messages: &[&str]) {
    let o = merge(out, shards);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    for m in messages {
        assert!(stderr.contains(m), "expected '{m}' in: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(out)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.iter().all(|n| n == ".gmsbscan.lock"),
        "a refused merge wrote {left:?}"
    );
}

#[test]
fn missing_overlapping_foreign_and_incomplete_shards_are_refused() {
    let p = plan(64);
    let tmp = tempfile::tempdir().unwrap();
    let s = shards(&p, tmp.path());
    let out = tmp.path().join("out");
    refused(
        &out,
        &[s[0].clone(), s[2].clone(), s[3].clone()],
        &["shard2", "gap"],
    );
    refused(
        &out,
        &[s[0].clone(), s[1].clone(), s[2].clone()],
        &["missing", "0..48", "64 points"],
    );
    refused(
        &out,
        &[
            s[0].clone(),
            s[1].clone(),
            s[1].clone(),
            s[2].clone(),
            s[3].clone(),
        ],
        &["overlaps"],
    );
    // Another seed: another configuration.
    let other = ScanPlan::from_toml_str(&plan_text(64, 7)).unwrap();
    let foreign = tmp.path().join("foreign3");
    scan(&other, &foreign, Some(Shard { index: 3, count: 4 }), true);
    refused(
        &out,
        &[s[0].clone(), s[1].clone(), s[2].clone(), foreign.clone()],
        &["foreign3", "another configuration", "seed 7 vs 42"],
    );
    // An interrupted shard.
    let cut = tmp.path().join("cut");
    let mut o = RunOptions::new(&cut, &NEVER);
    o.keep_rejected = true;
    o.progress_bar = false;
    o.log_every = None;
    o.shard = Some(Shard { index: 3, count: 4 });
    o.stop_after_batches = Some(1);
    run_scan(&p, &FakeEvaluator::default(), &o).unwrap();
    refused(
        &out,
        &[s[0].clone(), s[1].clone(), s[2].clone(), cut.clone()],
        &["cut", "interrupted", "gmsbscan scan --resume"],
    );
    // The output must be new or empty, and not in use.
    std::fs::create_dir_all(tmp.path().join("full")).unwrap();
    std::fs::write(tmp.path().join("full/notes.txt"), "mine").unwrap();
    let o = merge(&tmp.path().join("full"), &s);
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("full/notes.txt")).unwrap(),
        "mine"
    );
    refused_output_is_a_shard(&s);
    let busy = tmp.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    let _held = DirLock::exclusive(&busy).unwrap();
    refused(
        &busy,
        &s,
        &["in use", &format!("pid {}", std::process::id())],
    );
}

/// Merging into one of the shards is refused as a non-empty output, not as a lock conflict.
fn refused_output_is_a_shard(s: &[PathBuf]) {
    let o = merge(&s[0], s);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("is not empty"), "{stderr}");
}

#[test]
fn damaged_shards_are_refused_naming_the_file_and_what_differs() {
    let p = plan(64);
    let tmp = tempfile::tempdir().unwrap();
    let s = shards(&p, tmp.path());
    let out = tmp.path().join("out");
    let damage = |f: &Path, edit: &dyn Fn(&mut Vec<u8>)| {
        let original = std::fs::read(f).unwrap();
        let mut bytes = original.clone();
        edit(&mut bytes);
        std::fs::write(f, &bytes).unwrap();
        original
    };
    // The cases: a truncated CSV, a malformed manifest.
    let viable = s[1].join("viable.csv");
    let original = damage(&viable, &|b| b.truncate(b.len() - 7));
    refused(
        &out,
        &s,
        &[
            "shard1",
            "viable.csv has",
            "bytes but the manifest recorded",
        ],
    );
    std::fs::write(&viable, &original).unwrap();
    let rejected = s[2].join("rejected.csv");
    let original = damage(&rejected, &|b| {
        let i = b.len() / 2;
        b[i] = if b[i] == b'1' { b'2' } else { b'1' };
    });
    refused(&out, &s, &["shard2", "rejected.csv", "SHA-256"]);
    std::fs::write(&rejected, &original).unwrap();
    let manifest = s[3].join("manifest.json");
    let original = damage(&manifest, &|b| b.truncate(b.len() / 2));
    refused(
        &out,
        &s,
        &["shard3", "manifest.json", "not a valid gmsbscan manifest"],
    );
    std::fs::write(&manifest, &original).unwrap();
    let mut m = Manifest::read(&manifest).unwrap();
    m.viable_solutions += 1;
    m.write_atomic(&manifest).unwrap();
    refused(&out, &s, &["shard3", "rows of viable.csv"]);
    std::fs::write(&manifest, &original).unwrap();
    let config = s[0].join("config.toml");
    let original = damage(&config, &|b| {
        let text = String::from_utf8(b.clone()).unwrap();
        assert!(text.contains("max_starts = 4"));
        *b = text
            .replace("max_starts = 4", "max_starts = 5")
            .into_bytes();
    });
    refused(
        &out,
        &s,
        &[
            "shard0",
            "config.toml",
            "not the configuration the manifest records",
        ],
    );
    std::fs::write(&config, &original).unwrap();
    // Repaired, they merge.
    let o = merge(&out, &s);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        Manifest::read(&out.join("manifest.json")).unwrap().status,
        Status::Complete
    );
}

#[test]
fn rejected_csv_is_merged_only_when_every_shard_kept_it() {
    let p = plan(40);
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    scan(&p, &a, Some(Shard { index: 0, count: 2 }), true);
    scan(&p, &b, Some(Shard { index: 1, count: 2 }), false);
    let out = tmp.path().join("out");
    let o = merge(&out, &[a, b]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not every shard was run with --keep-rejected")
    );
    assert!(!out.join("rejected.csv").exists());
    let m = Manifest::read(&out.join("manifest.json")).unwrap();
    assert!(!m.keep_rejected && m.files.rejected_csv.is_none());
}

/// A shard whose CSV header differs from the first shard's (its manifest's record updated, so only
/// the header check can see it) is refused for every sampler: the MCMC path (rows interleaved by
/// batch) checks the headers exactly as the concatenating path does.
#[test]
fn a_shard_with_another_header_is_refused_for_every_sampler() {
    use gmsbscan::scan::record::Digester;
    let tmp = tempfile::tempdir().unwrap();
    let mcmc = ScanPlan::from_toml_str(&common::tiny_with_sampler(
        24,
        "mcmc",
        "exploration = \"random\"\nchains = 4\nburn_in = 4\nsteps = 8",
    ))
    .unwrap();
    for (name, p) in [("mcmc", mcmc), ("random", plan(24))] {
        let root = tmp.path().join(name);
        let s: Vec<PathBuf> = (0..2)
            .map(|index| {
                let dir = root.join(format!("shard{index}"));
                scan(&p, &dir, Some(Shard { index, count: 2 }), false);
                dir
            })
            .collect();
        // The second shard's first column renamed, its manifest's record recomputed.
        let viable = s[1].join("viable.csv");
        let text = std::fs::read_to_string(&viable).unwrap();
        let edited = text.replacen(',', "_renamed,", 1);
        std::fs::write(&viable, &edited).unwrap();
        let mpath = s[1].join("manifest.json");
        let mut m = Manifest::read(&mpath).unwrap();
        let mut d = Digester::default();
        d.update(edited.as_bytes());
        m.files.viable_csv = d.record();
        m.write_atomic(&mpath).unwrap();
        refused(
            &root.join("out"),
            &s,
            &[
                "shard1/viable.csv has another header than",
                "shard0/viable.csv",
            ],
        );
    }
}
