//! A scan directory nothing can corrupt (issue 10): the exclusive lock (a second scan, a resume,
//! `--force` or a merge into a directory in use is refused naming the holder), `--force` removing
//! only an earlier scan's files, resume verifying the CSVs against the manifest (byte length,
//! rows, SHA-256) before cutting anything, and group-readable output that respects the umask.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::scan::lock::hostname;
use gmsbscan::scan::{
    run_scan, DirLock, Manifest, RunOptions, RunSummary, ScanError, ScanPlan, StartMode, Status,
};

static NEVER: AtomicBool = AtomicBool::new(false);
const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/configs/tiny.toml");

fn plan(points: u64) -> ScanPlan {
    let text =
        include_str!("../configs/tiny.toml").replace("points = 20", &format!("points = {points}"));
    ScanPlan::from_toml_str(&text).unwrap()
}

fn opts(dir: &Path, mode: StartMode) -> RunOptions<'static> {
    let mut o = RunOptions::new(dir, &NEVER);
    o.keep_rejected = true;
    o.progress_bar = false;
    o.log_every = None;
    o.mode = mode;
    o
}

const NEW: StartMode = StartMode::New { force: false };
const FORCE: StartMode = StartMode::New { force: true };

fn run(p: &ScanPlan, dir: &Path, mode: StartMode) -> Result<RunSummary, ScanError> {
    run_scan(p, &FakeEvaluator::default(), &opts(dir, mode))
}

/// A scan stopped after 3 batches (as if interrupted), resumable.
fn interrupted(p: &ScanPlan, dir: &Path) {
    let mut o = opts(dir, NEW);
    o.stop_after_batches = Some(3);
    assert_eq!(
        run_scan(p, &FakeEvaluator::default(), &o).unwrap().status(),
        Status::Interrupted
    );
}

fn gmsbscan() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gmsbscan"));
    c.stdin(Stdio::null());
    c
}

/// The files of `dir` and their contents, without the lock file (whose holder line changes).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.ends_with(".gmsbscan.lock"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_locked_directory_refuses_scan_force_and_resume_naming_the_holder() {
    let p = plan(60);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("scan");
    interrupted(&p, &dir);
    let before = snapshot(&dir);
    // This test process holds the lock, as a running scan would.
    let held = DirLock::exclusive(&dir).unwrap();
    let holder = format!("pid {} on host {}", std::process::id(), hostname());
    for mode in [NEW, FORCE, StartMode::Resume] {
        let err = run(&p, &dir, mode).unwrap_err().to_string();
        assert!(
            err.contains("in use") && err.contains(&holder),
            "{mode:?}: {err}"
        );
    }
    // The same from other processes (the CLI).
    for args in [
        vec!["scan", TINY, "--out"],
        vec!["scan", TINY, "--force", "--out"],
        vec!["scan", "--resume"],
    ] {
        let out = gmsbscan().args(&args).arg(&dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(&holder), "{args:?}: {stderr}");
    }
    assert_eq!(snapshot(&dir), before, "nothing but the lock file changed");
    drop(held);
    assert_eq!(
        run(&p, &dir, StartMode::Resume).unwrap().status(),
        Status::Complete
    );
}

/// Waits until `path` exists (the scan holds its lock from before it writes the manifest).
fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_running_scan_locks_out_a_second_scan_force_resume_and_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("long.toml");
    std::fs::write(
        &cfg,
        std::fs::read_to_string(TINY)
            .unwrap()
            .replace("points = 20", "points = 100000"),
    )
    .unwrap();
    let dir = tmp.path().join("scan");
    let mut first = gmsbscan()
        .args(["scan", "--threads", "1", "--log-every", "0"])
        .arg(&cfg)
        .arg("--out")
        .arg(&dir)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&dir.join("manifest.json"));
    let holder = format!("pid {} on host {}", first.id(), hostname());
    let attempts: [Vec<PathBuf>; 4] = [
        vec!["scan".into(), cfg.clone(), "--out".into(), dir.clone()],
        vec![
            "scan".into(),
            cfg.clone(),
            "--force".into(),
            "--out".into(),
            dir.clone(),
        ],
        vec!["scan".into(), "--resume".into(), dir.clone()],
        // merge takes a shard's shared lock: a shard still being written is refused.
        vec!["merge".into(), tmp.path().join("merged"), dir.clone()],
    ];
    for args in &attempts {
        let out = gmsbscan().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(&holder), "{args:?}: {stderr}");
    }
    // The first scan still runs undisturbed; stop it cleanly, then its files match its manifest.
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first scan was disturbed"
    );
    Command::new("kill")
        .arg(first.id().to_string())
        .status()
        .unwrap();
    assert_eq!(first.wait().unwrap().code(), Some(130));
    let m = Manifest::read(&dir.join("manifest.json")).unwrap();
    assert_eq!(m.status, Status::Interrupted);
    let viable = std::fs::read(dir.join("viable.csv")).unwrap();
    assert_eq!(viable.len() as u64, m.files.viable_csv.bytes);
    assert_eq!(
        viable.iter().filter(|&&b| b == b'\n').count() as u64 - 1,
        m.viable_solutions
    );
}

/// The race: two scans started at once into one directory. Exactly one runs; the other
/// is refused (directory in use, or not empty when the first already finished).
#[test]
fn two_scans_started_at_once_into_one_directory_never_both_run() {
    let tmp = tempfile::tempdir().unwrap();
    for trial in 0..3 {
        let dir = tmp.path().join(format!("race{trial}"));
        let start = || {
            gmsbscan()
                .args(["scan", TINY, "--threads", "1", "--log-every", "0", "--out"])
                .arg(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (start(), start());
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let ok = outs.iter().filter(|o| o.status.success()).count();
        let refusals: Vec<String> = outs
            .iter()
            .filter(|o| !o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .collect();
        assert_eq!(ok, 1, "trial {trial}: {refusals:?}");
        assert!(
            refusals[0].contains("in use by another gmsbscan process")
                || refusals[0].contains("not empty"),
            "{}",
            refusals[0]
        );
        let m = Manifest::read(&dir.join("manifest.json")).unwrap();
        assert_eq!((m.status, m.sampled, m.sessions), (Status::Complete, 20, 1));
        let viable = std::fs::read(dir.join("viable.csv")).unwrap();
        assert_eq!(viable.len() as u64, m.files.viable_csv.bytes);
    }
}

#[test]
fn force_removes_only_an_earlier_scans_files_and_never_a_directory_without_one() {
    let p = plan(30);
    let tmp = tempfile::tempdir().unwrap();
    // A directory with the user's files and no scan: refused even with --force, untouched.
    let user = tmp.path().join("user");
    std::fs::create_dir(&user).unwrap();
    std::fs::write(user.join("config.toml"), "my own notes").unwrap();
    std::fs::write(user.join("viable.csv"), "my own table").unwrap();
    let before = snapshot(&user);
    let err = run(&p, &user, FORCE).unwrap_err();
    assert!(matches!(err, ScanError::NotAScanDirectory { .. }), "{err}");
    assert!(err.to_string().contains("manifest.json"), "{err}");
    assert_eq!(snapshot(&user), before);
    // An earlier scan plus a file of the user's: the scan is replaced, the user's file stays.
    let dir = tmp.path().join("scan");
    interrupted(&p, &dir);
    std::fs::write(dir.join("fig1.png"), "a plot").unwrap();
    assert_eq!(run(&p, &dir, FORCE).unwrap().status(), Status::Complete);
    assert_eq!(
        std::fs::read_to_string(dir.join("fig1.png")).unwrap(),
        "a plot"
    );
    let m = Manifest::read(&dir.join("manifest.json")).unwrap();
    assert_eq!((m.status, m.sessions, m.sampled), (Status::Complete, 1, 30));
}

#[test]
fn the_cli_never_overwrites_the_input_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(TINY).unwrap();
    std::fs::write(tmp.path().join("config.toml"), &text).unwrap();
    for force in [false, true] {
        let mut c = gmsbscan();
        c.current_dir(tmp.path())
            .args(["scan", "config.toml", "--out", "."]);
        if force {
            c.arg("--force");
        }
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains("config.toml"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("config.toml")).unwrap(),
            text
        );
        assert!(!tmp.path().join("manifest.json").exists());
    }
}

/// Edits the manifest of `dir` and checks that a resume is refused with `message`, changing no
/// file but the lock file.
fn resume_refused(p: &ScanPlan, dir: &Path, edit: impl FnOnce(&mut Manifest), message: &str) {
    let mut m = Manifest::read(&dir.join("manifest.json")).unwrap();
    edit(&mut m);
    m.write_atomic(&dir.join("manifest.json")).unwrap();
    let before = snapshot(dir);
    let err = run(p, dir, StartMode::Resume).unwrap_err().to_string();
    assert!(err.contains(message), "expected '{message}' in: {err}");
    assert!(
        err.contains("nothing was changed") || err.contains("inconsistent manifest"),
        "{err}"
    );
    assert_eq!(
        snapshot(dir),
        before,
        "a refused resume changed the directory"
    );
}

#[test]
fn resume_verifies_byte_length_rows_and_checksum_and_cuts_nothing_on_mismatch() {
    let p = plan(60);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("scan");
    interrupted(&p, &dir);
    let good = Manifest::read(&dir.join("manifest.json")).unwrap();
    assert!(good.files.viable_csv.rows > 0, "the test needs viable rows");
    // The case: a manifest recording 10 bytes (then resume cut viable.csv to 10 bytes).
    resume_refused(
        &p,
        &dir,
        |m| m.files.viable_csv.bytes = 10,
        "viable.csv has 0 data rows in its first 10 bytes but the manifest recorded",
    );
    // Only the checksum wrong.
    let mut bad = good.clone();
    bad.files.viable_csv.sha256 = "0".repeat(64);
    resume_refused(
        &p,
        &dir,
        |m| *m = bad,
        "viable.csv the SHA-256 of its first",
    );
    // A row count that disagrees with the manifest's counts.
    resume_refused(
        &p,
        &dir,
        |m| {
            *m = good.clone();
            m.files.viable_csv.rows += 1;
        },
        "inconsistent manifest",
    );
    // A CSV truncated behind the program's back.
    good.write_atomic(&dir.join("manifest.json")).unwrap();
    let rejected = dir.join("rejected.csv");
    let len = std::fs::metadata(&rejected).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&rejected)
        .unwrap()
        .set_len(len - 5)
        .unwrap();
    resume_refused(&p, &dir, |_| (), "rejected.csv has");
    // A CSV edited in place (same length).
    let mut text = std::fs::read(&rejected).unwrap();
    text.extend_from_slice(b"\n\n\n\n\n");
    std::fs::write(&rejected, &text).unwrap();
    let mut viable = std::fs::read(dir.join("viable.csv")).unwrap();
    let last = viable.len() - 3;
    viable[last] ^= 1;
    std::fs::write(dir.join("viable.csv"), &viable).unwrap();
    resume_refused(&p, &dir, |_| (), "SHA-256");
}

#[test]
fn output_files_are_group_readable_and_respect_the_umask() {
    let tmp = tempfile::tempdir().unwrap();
    for (umask, mode) in [("027", 0o640), ("002", 0o664)] {
        let dir = tmp.path().join(format!("umask{umask}"));
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_gmsbscan"))
            .args(["scan", TINY, "--keep-rejected", "--log-every", "0", "--out"])
            .arg(&dir)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        for f in [
            "manifest.json",
            "config.toml",
            "viable.csv",
            "rejected.csv",
            ".gmsbscan.lock",
        ] {
            let m = std::fs::metadata(dir.join(f)).unwrap().permissions().mode() & 0o777;
            assert_eq!(m, mode, "{f} with umask {umask}: {m:o}");
        }
    }
}
