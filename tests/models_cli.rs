//! End to end (issue 12): `gmsbscan point` and a small `gmsbscan scan` for the models `mssm_gmsb`
//! and `ddr`, with the shipped cards and configurations; scans are identical for any thread count.

use std::path::Path;

use assert_cmd::Command;
use gmsbscan::models::plan::ModelScanPlan;
use predicates::prelude::*;

#[path = "common/python.rs"]
mod pyenv;

fn gmsbscan() -> Command {
    Command::cargo_bin("gmsbscan").unwrap()
}

fn config(name: &str) -> String {
    format!("{}/configs/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a shipped model card in `dir` with `bounds = "none"` (a model card sets its bounds
/// itself; `--bounds` is for HMZ cards).
fn without_bounds(dir: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(config(name)).unwrap();
    assert!(text.contains("bounds = \"lepfinal\""), "{name}");
    let path = dir.join(name);
    std::fs::write(
        &path,
        text.replacen("bounds = \"lepfinal\"", "bounds = \"none\"", 1),
    )
    .unwrap();
    path.to_str().unwrap().to_string()
}

/// With h_t matched to the top pole mass (issue 17) the point's lighter Higgs is 111.5 GeV, below
/// the LEP bound of its `lepfinal` set (SOFTSUSY 4.1.22 at the same point: 111.4 GeV,
/// tests/data/softsusy_mssm_gmsb.toml p1): a named rejection and a non-zero exit; without bounds it
/// is viable.
#[test]
fn point_mssm_gmsb_card() {
    gmsbscan()
        .args(["point", &config("mssm_gmsb_point.toml")])
        .assert()
        .failure()
        .stdout(predicate::str::contains("model mssm_gmsb"))
        .stdout(predicate::str::contains("m_stop1"))
        .stdout(predicate::str::contains(
            "verdict: rejected: bound:higgs_s1",
        ));
    let tmp = tempfile::tempdir().unwrap();
    gmsbscan()
        .args(["point", &without_bounds(tmp.path(), "mssm_gmsb_point.toml")])
        .assert()
        .success()
        .stdout(predicate::str::contains("verdict: viable"));
}

/// The DDR point solves to tan(beta) = 1.95; with h_t from the top pole mass (issue 17) its lighter
/// Higgs is 92.8 GeV (it was above the LEP bound with m_t(Q) = 165 GeV): rejected by name under
/// `lepfinal`, viable without bounds.
#[test]
fn point_ddr_card() {
    gmsbscan()
        .args(["point", &config("ddr_point.toml")])
        .assert()
        .failure()
        .stdout(predicate::str::contains("model ddr"))
        .stdout(predicate::str::contains("lambda_1"))
        .stdout(predicate::str::contains(
            "verdict: rejected: bound:higgs_s1",
        ));
    let tmp = tempfile::tempdir().unwrap();
    gmsbscan()
        .args(["point", &without_bounds(tmp.path(), "ddr_point.toml")])
        .assert()
        .success()
        .stdout(predicate::str::contains("verdict: viable"));
}

#[test]
fn card_errors_name_the_field() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.toml");
    let text = std::fs::read_to_string(config("ddr_point.toml")).unwrap();
    std::fs::write(&bad, text.replace("sign_mu = 1 ", "sign_mu = 2 ")).unwrap();
    gmsbscan()
        .args(["point", bad.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("inputs.sign_mu"));
    std::fs::write(&bad, "model = \"ddr\"\n[inputs]\nrho = 0.3\nmu = 1\n").unwrap();
    gmsbscan()
        .args(["point", bad.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown field `mu`"));
    std::fs::write(&bad, "model = \"nmssm\"\n").unwrap();
    gmsbscan()
        .args(["point", bad.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown model 'nmssm'"));
}

/// The shipped scan configuration with fewer points and another name, written to `dir`.
fn small_config(dir: &Path, name: &str, points: u64) -> std::path::PathBuf {
    let text = std::fs::read_to_string(config(name)).unwrap();
    let plan = ModelScanPlan::from_toml_str(&text).expect("the shipped configuration validates");
    assert!(plan.settings.points >= points);
    let small = text
        .lines()
        .map(|l| {
            if l.starts_with("points =") {
                format!("points = {points}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = dir.join(name);
    std::fs::write(&path, small).unwrap();
    path
}

fn scan(cfg: &Path, out: &Path, threads: &str) -> (String, String) {
    gmsbscan()
        .args([
            "scan",
            cfg.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            threads,
            "--keep-rejected",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("viable"));
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    (read("viable.csv"), read("rejected.csv"))
}

fn check_scan(name: &str, points: u64, header_start: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = small_config(tmp.path(), name, points);
    let one = scan(&cfg, &tmp.path().join("one"), "1");
    let two = scan(&cfg, &tmp.path().join("two"), "2");
    assert_eq!(one, two, "{name}: the rows depend on the thread count");
    let (viable, rejected) = one;
    assert!(viable.starts_with(header_start), "{}", &viable[..80]);
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("one/manifest.json")).unwrap(),
    )
    .unwrap();
    let s = &manifest;
    let rows = viable.lines().count() as u64 - 1;
    assert_eq!(s["viable_solutions"].as_u64().unwrap(), rows);
    assert!(rows > 0, "{name}: no viable point among {points}");
    let rejected_points: u64 = s["rejections"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(
        rejected_points + s["viable_points"].as_u64().unwrap(),
        points
    );
    assert_eq!(
        rejected.lines().count() as u64,
        rejected_points + 1,
        "a header and one row per rejected point"
    );
    // While another process holds the directory (a scan, merge or resume running), a model
    // scan into it is refused, --force or not, and nothing is touched; without the lock, a
    // second run needs --force.
    let rescan = |force: bool| {
        let mut cmd = gmsbscan();
        cmd.args([
            "scan",
            cfg.to_str().unwrap(),
            "--out",
            tmp.path().join("one").to_str().unwrap(),
        ]);
        if force {
            cmd.arg("--force");
        }
        cmd.assert().failure()
    };
    {
        let _held = gmsbscan::scan::DirLock::exclusive(&tmp.path().join("one")).unwrap();
        rescan(true).stderr(predicate::str::contains(
            "in use by another gmsbscan process",
        ));
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("one/viable.csv")).unwrap(),
            viable
        );
    }
    rescan(false).stderr(predicate::str::contains("--force"));
}

#[test]
fn small_mssm_gmsb_scan() {
    check_scan(
        "mssm_gmsb.toml",
        40,
        "id,lambda_susy,m_mess,n5,tan_beta,sign_mu,m_top,q_scale,mu,b_mu",
    );
}

#[test]
fn small_ddr_scan() {
    check_scan("ddr.toml", 60, "id,rho,lambda,lambda_2,lambda_strong,vev_x,sign_mu,m_top,m_mess,lambda_susy,b_param_seed,solution,tan_beta,lambda_1");
}

/// docs/models.md carries the column tables of both models exactly as the code defines them
/// (GMSBSCAN_BLESS=1 rewrites them).
#[test]
fn docs_list_the_columns_of_each_model() {
    use gmsbscan::models::plan::ModelScan;
    use gmsbscan::output::columns::markdown_table;
    use gmsbscan::scan::ScanModel;
    let path = format!("{}/docs/models.md", env!("CARGO_MANIFEST_DIR"));
    let mut docs = std::fs::read_to_string(&path).unwrap();
    let original = docs.clone();
    for (model, file) in [("mssm_gmsb", "mssm_gmsb.toml"), ("ddr", "ddr.toml")] {
        let text = std::fs::read_to_string(config(file)).unwrap();
        let scan = ModelScan::new(ModelScanPlan::from_toml_str(&text).unwrap());
        let table = markdown_table(&scan.viable_columns());
        let (start, end) = (
            format!("<!-- columns:{model}:start -->\n"),
            format!("<!-- columns:{model}:end -->"),
        );
        let a = docs.find(&start).expect("start marker") + start.len();
        let b = docs.find(&end).expect("end marker");
        docs = format!("{}{}{}", &docs[..a], table, &docs[b..]);
    }
    if std::env::var_os("GMSBSCAN_BLESS").is_some() {
        std::fs::write(&path, &docs).unwrap();
        return;
    }
    assert!(
        docs == original,
        "docs/models.md column tables differ from the code; rerun with GMSBSCAN_BLESS=1"
    );
}

/// scripts/figures.py draws the panels that apply to a model's scan (HMZ Figs. 2-4 and the
/// histograms; for ddr also its viable-region sheet) into RESULTS_DIR/figures, and leaves out
/// the panels whose columns the model does not have.
#[test]
fn figure_script_draws_the_model_scans() {
    let tmp = tempfile::tempdir().unwrap();
    let script = format!("{}/scripts/figures.py", env!("CARGO_MANIFEST_DIR"));
    for (config, points) in [("ddr.toml", 60), ("mssm_gmsb.toml", 30)] {
        let cfg = small_config(tmp.path(), config, points);
        let out = tmp.path().join(format!("scan-{config}"));
        scan(&cfg, &out, "2");
        let run = pyenv::python()
            .arg(&script)
            .arg(&out)
            .output()
            .expect("python runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let mut expected = vec![
            "fig2a_bmu_mu",
            "fig2b_bmu_over_mu_tan_beta",
            "fig3a_fine_tuning_tan_beta",
            "fig3b_fine_tuning_lambda",
            "fig4a_nlsp_tan_beta",
            "fig4b_nlsp_lambda",
            "histograms",
        ];
        if config == "ddr.toml" {
            expected.push("ddr_viable_region");
        }
        let mut written: Vec<String> = std::fs::read_dir(out.join("figures"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        let mut expected: Vec<String> = expected.iter().map(|s| format!("{s}.png")).collect();
        // figures.json: the axis ranges and paper boxes of the drawn panels (scripts/figures.py).
        expected.push("figures.json".into());
        expected.sort();
        assert_eq!(written, expected, "{config}");
        for f in written.iter().filter(|f| f.ends_with(".png")) {
            let png = std::fs::read(out.join("figures").join(f)).unwrap();
            assert!(
                png.starts_with(b"\x89PNG") && png.len() > 20_000,
                "{f}: {} B",
                png.len()
            );
        }
        // A rescan with --force clears the figures of the scan it replaces.
        gmsbscan()
            .args([
                "scan",
                cfg.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--force",
            ])
            .assert()
            .success();
        assert!(
            !out.join("figures").exists(),
            "{config}: stale figures kept"
        );
    }
}

/// `point --slha` writes a file that pyslha (scripts/check_slha.py) reads back with the library's
/// own numbers, for both models.
#[test]
fn point_slha_reads_back_with_pyslha() {
    use gmsbscan::models::card::ModelCard;
    let tmp = tempfile::tempdir().unwrap();
    let check = |file: &Path, expect: Vec<String>| {
        let script = format!("{}/scripts/check_slha.py", env!("CARGO_MANIFEST_DIR"));
        let run = pyenv::python()
            .arg(&script)
            .args(["--rtol", "1e-7", "--no-problem"])
            .arg(file)
            .args(&expect)
            .output()
            .expect("python runs");
        assert!(
            run.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    };
    for card in ["mssm_gmsb_point.toml", "ddr_point.toml"] {
        let file = tmp.path().join(format!("{card}.slha"));
        // Without bounds: both points are below the LEP Higgs bound with the matched h_t.
        let card_path = without_bounds(tmp.path(), card);
        gmsbscan()
            .args(["point", &card_path, "--slha", file.to_str().unwrap()])
            .assert()
            .success();
        let text = std::fs::read_to_string(&card_path).unwrap();
        let (sol, mut expect) = match ModelCard::from_toml_str(&text).unwrap() {
            ModelCard::Mssm { evaluator, inputs } => (
                evaluator.evaluate(&inputs).unwrap(),
                vec![format!("MINPAR:3={}", inputs.tan_beta)],
            ),
            ModelCard::Ddr { evaluator, inputs } => {
                let s = evaluator.evaluate(&inputs).solutions.remove(0);
                let e = vec![
                    format!("EXTPAR:106={}", s.lambda_1),
                    format!("MINPAR:3={}", s.tan_beta),
                ];
                (s.mssm, e)
            }
        };
        let sp = &sol.spectrum;
        expect.extend([
            format!("MASS:25={}", sp.higgs.h_mass2.sqrt()),
            format!("MASS:36={}", sp.a_pole),
            format!("MASS:1000022={}", sp.ino_pole.neutralinos[0]),
            format!("MASS:1000025={}", sp.ino_pole.neutralinos[2]),
            format!("MASS:1000024={}", sp.ino_pole.charginos[0]),
            format!("MASS:1000006={}", sp.sfermion_pole.stop[0]),
            format!("MASS:1000015={}", sp.sfermion_pole.stau[0]),
            format!("HMIX:1={}", sol.ewsb.mu),
            format!("NMIX:1,1={}", sp.neutralinos.mixing[0][0]),
            format!("MSOFT:22={}", sol.soft_q().mhu),
            format!("AU:3,3={}", sol.soft_q().a_t),
        ]);
        check(&file, expect);
    }
}

/// Point flags override a model card (the inputs the model has, --preset, --bounds) or are
/// refused by name; never silently ignored (`--tan-beta 10` used to print the card's 24.3).
#[test]
fn point_flags_override_a_model_card_or_are_refused() {
    let out = gmsbscan()
        .args([
            "point",
            &config("mssm_gmsb_point.toml"),
            "--tan-beta",
            "10",
            "--bounds",
            "none",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let tan_beta = text
        .lines()
        .find(|l| l.trim_start().starts_with("tan_beta "))
        .unwrap();
    assert!(tan_beta.contains("1.000000e1"), "{tan_beta}");
    let card = std::fs::read_to_string(config("mssm_gmsb_point.toml")).unwrap();
    assert!(
        !card.contains("tan_beta = 10"),
        "the flag, not the card, set 10"
    );
    gmsbscan()
        .args([
            "point",
            &config("mssm_gmsb_point.toml"),
            "--preset",
            "hmz1999",
        ])
        .assert()
        .stdout(predicate::str::contains("model mssm_gmsb, preset hmz1999"));
    gmsbscan()
        .args([
            "point",
            &config("ddr_point.toml"),
            "--tan-beta",
            "10",
            "--vev-s",
            "1e5",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--tan-beta, --vev-s do(es) not apply to a ddr card (its input flags: --m-top)",
        ));
}

/// Without `m_top` a card or scan configuration takes the top mass its preset means: the measured
/// pole mass (172.5 GeV) where `yukawa_inputs = "measured"` (consistent), HMZ's m_t(Q) = 165 GeV
/// where it is the running mass (hmz1999); before, 165 GeV was taken as a pole mass.
#[test]
fn the_default_top_mass_follows_the_preset() {
    use gmsbscan::models::card::{ModelCard, M_TOP_POLE};
    use gmsbscan::models::plan::ModelSpec;
    use gmsbscan::scan::Prior;
    assert_eq!(M_TOP_POLE, 172.5);
    let card = std::fs::read_to_string(config("mssm_gmsb_point.toml")).unwrap();
    let line = card.lines().find(|l| l.starts_with("m_top")).unwrap();
    let card = card.replace(line, "");
    let m_top = |text: &str| match ModelCard::from_toml_str(text).unwrap() {
        ModelCard::Mssm { inputs, .. } => inputs.m_top,
        ModelCard::Ddr { inputs, .. } => inputs.m_top,
    };
    assert_eq!(m_top(&card), 172.5);
    let hmz = card.replace("preset = \"consistent\"", "preset = \"hmz1999\"");
    assert_ne!(hmz, card);
    assert_eq!(m_top(&hmz), 165.0);
    let ddr = std::fs::read_to_string(config("ddr_point.toml")).unwrap();
    let ddr_line = ddr.lines().find(|l| l.starts_with("m_top")).unwrap();
    assert_eq!(m_top(&ddr.replace(ddr_line, "")), 172.5);

    let scan = std::fs::read_to_string(config("mssm_gmsb.toml")).unwrap();
    let prior = scan.lines().find(|l| l.starts_with("m_top")).unwrap();
    let top_prior = |text: &str| match ModelScanPlan::from_toml_str(text).unwrap().spec {
        ModelSpec::Mssm { priors, .. } => priors[3],
        ModelSpec::Ddr { priors, .. } => priors[5],
    };
    let scan = scan.replace(prior, "");
    assert_eq!(top_prior(&scan), Prior::Fixed { value: 172.5 });
    let hmz_scan = scan.replace("preset = \"consistent\"", "preset = \"hmz1999\"");
    assert_ne!(hmz_scan, scan);
    assert_eq!(top_prior(&hmz_scan), Prior::Fixed { value: 165.0 });
}

/// `gmsbscan bench` runs for every model: per-point costs and throughput of a mssm_gmsb and a ddr
/// configuration, through the scan driver's model interface; the outcomes it counts are the scan's
/// (the same points in a 1-thread scan give the same viable count); `--roots-only` (the HMZ root
/// search) is refused by name for them.
#[test]
fn bench_runs_for_every_model() {
    for name in ["mssm_gmsb.toml", "ddr.toml"] {
        let out = gmsbscan()
            .args(["bench", &config(name), "--points", "6", "--threads", "2"])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let model = name.trim_end_matches(".toml");
        assert!(
            text.contains(&format!("  {model}: 6 points in")) && text.contains("2 thread(s):"),
            "{text}"
        );
        // The viable count of both throughput lines is the 6-point scan's (points with a viable
        // row).
        let tmp = tempfile::tempdir().unwrap();
        let (viable_csv, _) = scan(
            &small_config(tmp.path(), name, 6),
            &tmp.path().join("o"),
            "1",
        );
        let mut ids: Vec<&str> = viable_csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        ids.dedup();
        let counts: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("thread(s):"))
            .map(|l| l.rsplit(", ").next().unwrap())
            .collect();
        let expected = format!("{} viable)", ids.len());
        assert!(
            counts.len() == 2 && counts.iter().all(|c| *c == expected),
            "{text}\n{expected}"
        );
        gmsbscan()
            .args(["bench", &config(name), "--points", "2", "--roots-only"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!(
                "--roots-only times the HMZ root search: a {model} configuration has none"
            )));
    }
}
