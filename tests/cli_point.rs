//! CLI tests of `gmsbscan point` (issue 2): the Table I card in both presets, the SLHA file read
//! back by pyslha against the library's own solution, exit codes, and card errors.

use std::path::Path;

use assert_cmd::Command;
use gmsbscan::config::{PhysicsConfig, Preset};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::model::params::PointInputs;
use gmsbscan::point::Evaluator;
use predicates::prelude::*;

#[path = "common/python.rs"]
mod pyenv;

const TABLE1: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/configs/table1.toml");

fn gmsbscan() -> Command {
    Command::cargo_bin("gmsbscan").unwrap()
}

#[test]
fn point_help_lists_the_inputs_and_options() {
    gmsbscan()
        .args(["point", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--preset"))
        .stdout(predicate::str::contains("--slha"))
        .stdout(predicate::str::contains("--tan-beta"))
        .stdout(predicate::str::contains("--lambda-susy"));
}

#[test]
fn table1_hmz1999_prints_the_comparison_and_succeeds() {
    gmsbscan()
        .args(["point", TABLE1, "--preset", "hmz1999"])
        .assert()
        .success()
        .stdout(predicate::str::contains("preset hmz1999"))
        .stdout(predicate::str::contains("paper"))
        .stdout(predicate::str::contains("verdict: VIABLE"));
}

/// The consistent preset has no viable solution at the rounded Table I inputs (docs/table1.md): the
/// command prints both presets and exits non-zero saying why (which reason depends on the
/// consistent physics; the CLI behaviour is what is tested here).
#[test]
fn table1_card_runs_both_presets_and_reports_the_missing_consistent_solution() {
    gmsbscan()
        .args(["point", TABLE1])
        .assert()
        .failure()
        .stdout(predicate::str::contains("preset hmz1999"))
        .stdout(predicate::str::contains("preset consistent"))
        .stderr(predicate::str::contains("no viable solution"))
        .stderr(predicate::str::contains("no viable solution (consistent: "));
}

/// The removed switch `a_lambda_sign` is rejected with a message naming its replacement.
#[test]
fn removed_a_lambda_sign_switch_names_its_replacement() {
    let tmp = tempfile::tempdir().unwrap();
    let card = tmp.path().join("old.toml");
    let text = std::fs::read_to_string(TABLE1).unwrap().replace(
        "[inputs]",
        "[physics]\na_lambda_sign = \"derived\"\n\n[inputs]",
    );
    std::fs::write(&card, text).unwrap();
    gmsbscan()
        .arg("point")
        .arg(&card)
        .assert()
        .failure()
        .stderr(predicate::str::contains("a_lambda_sign"))
        .stderr(predicate::str::contains("use `a_k_sign`"));
}

#[test]
fn flags_complete_a_card_and_missing_inputs_are_named() {
    gmsbscan()
        .args(["point", "--tan-beta", "24.3", "--vev-n", "413"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("input 'vev_s' is missing"));
}

#[test]
fn unknown_card_key_is_rejected_with_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let card = tmp.path().join("bad.toml");
    let text = std::fs::read_to_string(TABLE1)
        .unwrap()
        .replace("tan_beta = 24.3", "tan_beta = 24.3\ntanbeta = 3");
    std::fs::write(&card, text).unwrap();
    gmsbscan()
        .arg("point")
        .arg(&card)
        .assert()
        .failure()
        .stderr(predicate::str::contains("tanbeta"));
}

#[test]
fn slha_file_is_read_back_by_pyslha_with_the_solution_masses() {
    let tmp = tempfile::tempdir().unwrap();
    let slha = tmp.path().join("table1.slha");
    gmsbscan()
        .args(["point", TABLE1, "--preset", "hmz1999", "--slha"])
        .arg(&slha)
        .assert()
        .success();

    // The same point through the library: the SLHA file must carry exactly these numbers.
    let ev = Evaluator::new(
        PhysicsConfig::preset(Preset::Hmz1999),
        BoundSetName::Hmz1999,
    );
    let out = ev.evaluate(&PointInputs::table1());
    // --slha writes the first viable solution (Table I also has a rejected one at xi_N < 0).
    let sol = out.solutions.iter().find(|s| s.verdict.is_ok()).unwrap();
    let sp = &sol.spectrum;
    let sf = &sp.sfermions;
    let expect = [
        ("MASS:25", sp.higgs.even_mass2[0].sqrt()),
        ("MASS:36", sp.higgs.odd_mass2[0].sqrt()),
        ("MASS:37", sp.higgs.charged_mass2.sqrt()),
        ("MASS:1000022", sp.neutralinos.masses[0]),
        ("MASS:1000024", sp.charginos.masses[0]),
        // MASS holds the one-loop pole masses of the gluino and the light squarks, the running
        // gluino mass is GMSBSCAN 31.
        ("MASS:1000021", sp.pole.gluino),
        ("MASS:1000002", sp.pole.sup_l),
        ("GMSBSCAN:31", sp.gluino),
        ("MASS:1000006", sf.stop.mass2[0].sqrt()),
        ("MASS:2000006", sf.stop.mass2[1].sqrt()),
        ("MASS:1000015", sf.stau.mass2[0].sqrt()),
        ("MASS:2000015", sf.stau.mass2[1].sqrt()),
        ("HMIX:1", sol.derived.mu),
        ("HMIX:2", PointInputs::table1().tan_beta),
    ];
    let mut cmd = pyenv::python();
    cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check_slha.py"))
        .args(["--rtol", "1e-7", "--no-problem"])
        .arg(&slha);
    for (key, value) in expect {
        cmd.arg(format!("{key}={value:.12e}"));
    }
    let status = cmd
        .output()
        .expect("the tests' Python environment must run");
    assert!(
        status.status.success(),
        "pyslha check failed:\n{}{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn bench_prints_costs_and_throughput() {
    gmsbscan()
        .args(["bench", "--points", "8", "--threads", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("RG evolution"))
        .stdout(predicate::str::contains("per-point cost"))
        .stdout(predicate::str::contains("2 thread(s):"))
        // The default scan is hmz1999: its own preset runs with its physics, the other with defaults.
        .stdout(predicate::str::contains(
            "hmz1999 roots (fixed_step; the configuration's physics)",
        ))
        .stdout(predicate::str::contains(
            "consistent roots (fixed_step; preset defaults)",
        ));
}
