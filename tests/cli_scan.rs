//! CLI tests of `gmsbscan scan` (issue 3): help text, every configuration error, output-path
//! errors, a tiny scan end to end, and the golden tiny real scan.
//! Set GMSBSCAN_BLESS=1 to rewrite the golden files.

use assert_cmd::Command;
use predicates::prelude::*;

const TINY: &str = include_str!("../configs/tiny.toml");

#[path = "common/golden.rs"]
mod golden_file;
use golden_file::golden;

fn gmsbscan() -> Command {
    Command::cargo_bin("gmsbscan").unwrap()
}

#[test]
fn scan_help_matches_the_golden_text() {
    let out = gmsbscan().args(["scan", "--help"]).output().unwrap();
    assert!(out.status.success());
    golden("help_scan.txt", &String::from_utf8(out.stdout).unwrap());
}

#[test]
fn top_level_help_lists_the_scan_subcommand() {
    gmsbscan()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("scan").and(predicate::str::contains("point")));
}

/// Runs `scan` on `config` (written to a temp file) and expects failure with `message`.
fn config_error(config: &str, message: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bad.toml");
    std::fs::write(&path, config).unwrap();
    gmsbscan()
        .arg("scan")
        .arg(&path)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.toml").and(predicate::str::contains(message)));
    assert!(
        !tmp.path().join("out").exists(),
        "no output before validation passes"
    );
}

#[test]
fn config_error_unknown_key() {
    config_error(
        &TINY.replace("seed = 42", "seed = 42\nsede = 1"),
        "unknown field `sede`",
    );
    config_error(
        &TINY.replace(
            "preset = \"hmz1999\"",
            "preset = \"hmz1999\"\nthreshold = true",
        ),
        "unknown field `threshold`",
    );
    config_error(
        &TINY.replace("max = 30.0 }", "max = 30.0, mx = 3 }"),
        "unknown field `mx`",
    );
}

#[test]
fn config_error_min_greater_than_max() {
    config_error(
        &TINY.replace("min = 10.0,   max = 30.0", "min = 30.0,   max = 10.0"),
        "priors.tan_beta: min (30) is greater than max (10)",
    );
}

#[test]
fn config_error_log_prior_with_min_not_positive() {
    config_error(
        &TINY.replace("min = 1.4e-3, max = 2.5e-3", "min = 0.0, max = 2.5e-3"),
        "priors.lambda_s: a log prior needs min > 0",
    );
}

#[test]
fn config_error_unknown_preset() {
    config_error(
        &TINY.replace("preset = \"hmz1999\"", "preset = \"hmz2000\""),
        "physics.preset: unknown physics preset 'hmz2000'",
    );
}

#[test]
fn config_error_unknown_bound_set() {
    config_error(
        &TINY.replace("bounds = \"hmz1999\"", "bounds = \"lep2\""),
        "bounds: unknown constraint set 'lep2'",
    );
}

#[test]
fn config_error_unknown_sampler() {
    config_error(
        &TINY.replace("sampler = \"random\"", "sampler = \"halton\""),
        "sampler: unknown sampler 'halton'",
    );
}

#[test]
fn config_error_unknown_that_is_also_sampled() {
    config_error(
        &format!("{TINY}xi_n = {{ prior = \"flat\", min = -1.0, max = 1.0 }}\n"),
        "priors.xi_n: xi_n is in physics.unknowns",
    );
}

#[test]
fn config_error_missing_prior() {
    let text: String = TINY
        .lines()
        .filter(|l| !l.starts_with("k "))
        .map(|l| format!("{l}\n"))
        .collect();
    config_error(&text, "priors.k: missing prior");
}

#[test]
fn config_error_bad_unknowns() {
    config_error(
        &TINY.replace(
            "[\"xi_n\", \"eta_s\", \"eta_n\"]",
            "[\"xi_n\", \"eta_s\", \"zeta\"]",
        ),
        "physics.unknowns: unknown coupling 'zeta'",
    );
    config_error(
        &TINY.replace(
            "[\"xi_n\", \"eta_s\", \"eta_n\"]",
            "[\"xi_n\", \"xi_n\", \"eta_n\"]",
        ),
        "physics.unknowns: the three couplings must be distinct",
    );
}

#[test]
fn missing_config_file_is_named() {
    gmsbscan()
        .args(["scan", "no/such/config.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no/such/config.toml"));
}

#[test]
fn unwritable_output_path_fails_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plain_file");
    std::fs::write(&file, "x").unwrap();
    gmsbscan()
        .arg("scan")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/configs/tiny.toml"))
        .arg("--out")
        .arg(file.join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("plain_file"));
}

#[test]
fn tiny_scan_end_to_end_then_restart_and_resume_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("tiny");
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/configs/tiny.toml");
    gmsbscan()
        .args(["scan", config, "--keep-rejected", "--threads", "2", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("sampled 20"));
    for f in ["viable.csv", "rejected.csv", "manifest.json", "config.toml"] {
        assert!(out.join(f).exists(), "{f}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["status"], "complete");
    assert_eq!(manifest["sampled"], 20);
    // Starting again in the same directory needs --force; resuming a finished scan is refused.
    gmsbscan()
        .args(["scan", config, "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("not empty"));
    gmsbscan()
        .args(["scan", "--resume"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already complete"));
}

/// The golden tiny REAL scan (hmz1999 physics): viable and rejected rows, byte for byte. A change of
/// physics or numerics shows up here; after checking it is intended, rewrite the files with
/// GMSBSCAN_BLESS=1.
#[test]
fn tiny_real_scan_matches_the_golden_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("tiny");
    gmsbscan()
        .args([
            "scan",
            concat!(env!("CARGO_MANIFEST_DIR"), "/configs/tiny.toml"),
            "--threads",
            "2",
            "--keep-rejected",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let viable = std::fs::read_to_string(out.join("viable.csv")).unwrap();
    assert!(
        viable.lines().count() > 1,
        "the tiny scan should have a viable row"
    );
    golden("tiny_viable.csv", &viable);
    golden(
        "tiny_rejected.csv",
        &std::fs::read_to_string(out.join("rejected.csv")).unwrap(),
    );
}
