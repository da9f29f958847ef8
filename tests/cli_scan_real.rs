//! The real binary with the real physics: the same configuration at 1 and 2 threads gives
//! byte-identical output, and a scan stopped by SIGTERM (graceful) or SIGKILL (hard) mid-run and
//! then resumed equals the uninterrupted scan: same ids, no duplicates.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

const TINY: &str = include_str!("../configs/tiny.toml");

/// The tiny configuration with more points (about 4-8 s of work on 2 threads).
fn config(dir: &Path, points: u64) -> PathBuf {
    let path = dir.join("scan.toml");
    let text = TINY
        .replace("name = \"tiny\"", "name = \"resume\"")
        .replace("points = 20", &format!("points = {points}"));
    std::fs::write(&path, text).unwrap();
    path
}

fn gmsbscan() -> Process {
    Process::cargo_bin("gmsbscan").unwrap()
}

fn scan(cfg: &Path, out: &Path, threads: &str) {
    let status = gmsbscan()
        .args([
            "scan",
            "--keep-rejected",
            "--log-every",
            "0",
            "--threads",
            threads,
        ])
        .arg(cfg)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

fn manifest_status(dir: &Path) -> String {
    let m: serde_json::Value = serde_json::from_str(&read(dir, "manifest.json")).unwrap();
    m["status"].as_str().unwrap().to_string()
}

#[test]
fn one_and_two_threads_give_byte_identical_real_output() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), 60);
    let (a, b) = (tmp.path().join("t1"), tmp.path().join("t2"));
    scan(&cfg, &a, "1");
    scan(&cfg, &b, "2");
    assert_eq!(read(&a, "viable.csv"), read(&b, "viable.csv"));
    assert_eq!(read(&a, "rejected.csv"), read(&b, "rejected.csv"));
}

/// Starts a scan, sends `signal` once the first checkpoint is on disk, waits for the process.
fn start_and_stop(cfg: &Path, out: &Path, signal: &str) -> std::process::ExitStatus {
    let mut child = gmsbscan()
        .args([
            "scan",
            "--keep-rejected",
            "--log-every",
            "0",
            "--threads",
            "2",
        ])
        .arg(cfg)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    // Wait until some batches are written (next_id > 0) but the scan is not finished.
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let progressed = std::fs::read_to_string(out.join("manifest.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .is_some_and(|m| m["next_id"].as_u64().unwrap_or(0) > 0);
        if progressed || Instant::now() > deadline {
            break;
        }
    }
    let status = Process::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait().unwrap()
}

fn resume(out: &Path) {
    let status = gmsbscan()
        .args(["scan", "--log-every", "0", "--resume"])
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

fn ids(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect()
}

fn check_stop_and_resume(signal: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), 200);
    let full = tmp.path().join("full");
    scan(&cfg, &full, "2");
    let cut = tmp.path().join("cut");
    let status = start_and_stop(&cfg, &cut, signal);
    assert_ne!(
        manifest_status(&cut),
        "complete",
        "the scan ended before the signal"
    );
    if signal == "-TERM" {
        assert_eq!(status.code(), Some(130));
        assert_eq!(manifest_status(&cut), "interrupted");
    }
    resume(&cut);
    assert_eq!(manifest_status(&cut), "complete");
    for file in ["viable.csv", "rejected.csv"] {
        let (a, b) = (read(&full, file), read(&cut, file));
        let (ia, ib) = (ids(&a), ids(&b));
        let mut dedup = ib.clone();
        dedup.dedup();
        assert_eq!(
            dedup.len(),
            ib.len(),
            "{file}: duplicated rows after resume"
        );
        assert_eq!(ia, ib, "{file}: ids differ after resume");
        assert_eq!(a, b, "{file}: content differs after resume");
    }
}

#[test]
fn sigterm_mid_run_then_resume_equals_the_uninterrupted_scan() {
    check_stop_and_resume("-TERM");
}

#[test]
fn sigkill_mid_run_then_resume_equals_the_uninterrupted_scan() {
    check_stop_and_resume("-KILL");
}
