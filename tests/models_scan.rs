//! One driver for every model (issue 19): the reliability properties of HMZ scans hold for the
//! `mssm_gmsb` and `ddr` models (real physics) and the HMZ model (the fake evaluator), for every
//! sampler: 1 and 2 threads give byte-identical files; a scan stopped after some batches (as
//! SIGTERM stops it), resumed, stopped again and left as SIGKILL leaves it (manifest `running`,
//! rows after the last checkpoint), then resumed, equals the uninterrupted scan; a directory held
//! by another process refuses every start; shards merged equal the unsharded scan; the directory
//! explains itself (columns.md lists exactly the header of viable.csv and rejected.csv).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

mod common;

use common::fake::FakeEvaluator;
use gmsbscan::models::plan::ModelScan;
use gmsbscan::models::Plan;
use gmsbscan::scan::{
    merge_shards, run_model, run_scan, DirLock, Manifest, RunOptions, RunSummary, ScanError, Shard,
    StartMode,
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
    // The driver's properties need viable rows in every sampler's small sample: the DDR scan runs
    // without the experimental bounds (with h_t matched to the top pole mass about 1 % of DDR
    // points pass the LEP Higgs bound, too few for 150 points).
    if model == "ddr" {
        text.push_str("bounds = \"none\"\n");
    }
    for line in file.lines() {
        if model == "ddr" && line.starts_with("bounds =") {
            continue;
        }
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
        "mcmc" => text
            .push_str("\n[mcmc]\nexploration = \"random\"\nchains = 3\nburn_in = 10\nsteps = 40\n"),
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
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
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
    assert_eq!(
        files(&dir("t1"), mcmc),
        files(&dir("t2"), mcmc),
        "{what}: threads"
    );
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
    // While another process holds the directory (a running scan), every start is refused and
    // nothing is written.
    let before = files(&dir("cut"), mcmc);
    let held = DirLock::exclusive(&dir("cut")).unwrap();
    for mode in [
        StartMode::New { force: false },
        StartMode::New { force: true },
        StartMode::Resume,
    ] {
        let mut o = opts(&dir("cut"), keep);
        o.mode = mode;
        let err = run(&text, &o).unwrap_err().to_string();
        assert!(err.contains("in use"), "{what}: {mode:?}: {err}");
    }
    drop(held);
    assert_eq!(files(&dir("cut"), mcmc), before, "{what}: lock");
    // Resumed and stopped again, then left as SIGKILL leaves a scan: the manifest of the last
    // checkpoint still `running`, rows of a batch never checkpointed after it.
    let mut o = opts(&dir("cut"), false);
    o.mode = StartMode::Resume;
    o.stop_after_batches = Some(1);
    let again = run(&text, &o).unwrap();
    assert_eq!(
        again.manifest.status,
        gmsbscan::scan::Status::Interrupted,
        "{what}: the resumed scan ended before the second stop"
    );
    let mut m = Manifest::read(&dir("cut").join("manifest.json")).unwrap();
    m.status = gmsbscan::scan::Status::Running;
    m.write_atomic(&dir("cut").join("manifest.json")).unwrap();
    for f in ["viable.csv", "rejected.csv"] {
        use std::io::Write;
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .append(true)
            .open(dir("cut").join(f))
        {
            write!(file, "999999,0,half a row of a batch never checkpointed").unwrap();
        }
    }
    let mut o = opts(&dir("cut"), false);
    o.mode = StartMode::Resume;
    run(&text, &o).unwrap();
    assert_eq!(
        files(&dir("t1"), mcmc),
        files(&dir("cut"), mcmc),
        "{what}: resume"
    );
    assert_eq!(counts(&dir("t1")), counts(&dir("cut")), "{what}: resume");

    // MCMC: a stop during the exploration keeps nothing of it (the chains need all of it); the
    // resumed scan runs it again and equals the uninterrupted scan.
    if mcmc {
        static STOPPED: AtomicBool = AtomicBool::new(true);
        let mut o = opts(&dir("explore"), false);
        o.stop = &STOPPED;
        let cut = run(&text, &o).unwrap();
        assert_eq!(
            (cut.manifest.status, cut.manifest.sampled),
            (gmsbscan::scan::Status::Interrupted, 0),
            "{what}: exploration stop"
        );
        let mut o = opts(&dir("explore"), false);
        o.mode = StartMode::Resume;
        run(&text, &o).unwrap();
        assert_eq!(
            files(&dir("t1"), mcmc),
            files(&dir("explore"), mcmc),
            "{what}: resume after an exploration stop"
        );
    }

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
    assert_eq!(
        files(&dir("t1"), mcmc),
        files(&dir("merged"), mcmc),
        "{what}: merge"
    );
    let (a, b) = (counts(&dir("t1")), counts(&dir("merged")));
    assert_eq!(
        a.as_array().unwrap()[..7],
        b.as_array().unwrap()[..7],
        "{what}: merge"
    );

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
    let without_table =
        config("ddr", "random").replace("sampler = \"random\"", "sampler = \"mcmc\"");
    let err = Plan::from_toml_str(&without_table).unwrap_err().to_string();
    assert!(
        err.contains("sampler = \"mcmc\" needs an [mcmc] table"),
        "{err}"
    );
    let err = Plan::from_toml_str(&config("ddr", "metropolis"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("sampler: unknown sampler 'metropolis'"),
        "{err}"
    );
}

fn gmsbscan() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_gmsbscan"))
}

fn manifest_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap()
}

/// Writes `text` as a configuration file into `dir` and returns its path.
fn write_config(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The binary with the real physics of each MSSM-limit model: SIGTERM mid-run exits 130 with an
/// `interrupted` manifest, SIGKILL leaves the last checkpoint; either resumed equals the
/// uninterrupted scan byte for byte.
#[test]
fn signals_then_resume_equal_the_uninterrupted_scan_for_each_model() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    for (model, points) in [("mssm_gmsb", 6000), ("ddr", 700)] {
        let tmp = tempfile::tempdir().unwrap();
        let text = config(model, "random")
            .replace("points = 120", &format!("points = {points}"))
            .replace("points = 150", &format!("points = {points}"));
        let cfg = write_config(tmp.path(), "scan.toml", &text);
        let scan = |out: &Path| {
            let mut c = gmsbscan();
            c.args([
                "scan",
                "--keep-rejected",
                "--log-every",
                "0",
                "--threads",
                "2",
            ])
            .arg(&cfg)
            .arg("--out")
            .arg(out)
            .stderr(Stdio::null());
            c
        };
        let full = tmp.path().join("full");
        assert!(scan(&full).status().unwrap().success());
        for signal in ["-TERM", "-KILL"] {
            let cut = tmp.path().join(format!("cut{signal}"));
            let mut child = scan(&cut).spawn().unwrap();
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
                let progressed = std::fs::read_to_string(cut.join("manifest.json"))
                    .ok()
                    .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                    .is_some_and(|m| m["next_id"].as_u64().unwrap_or(0) > 0);
                if progressed {
                    break;
                }
            }
            let kill = std::process::Command::new("kill")
                .args([signal, &child.id().to_string()])
                .status()
                .unwrap();
            assert!(kill.success());
            let status = child.wait().unwrap();
            let m = manifest_json(&cut);
            assert_ne!(m["status"], "complete", "{model}: ended before the signal");
            if signal == "-TERM" {
                assert_eq!(status.code(), Some(130), "{model}");
                assert_eq!(m["status"], "interrupted", "{model}");
            }
            let resumed = gmsbscan()
                .args(["scan", "--log-every", "0", "--resume"])
                .arg(&cut)
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(resumed.success(), "{model} {signal}");
            assert_eq!(manifest_json(&cut)["status"], "complete");
            for f in ["viable.csv", "rejected.csv", "columns.md", "config.toml"] {
                assert!(
                    std::fs::read(full.join(f)).unwrap() == std::fs::read(cut.join(f)).unwrap(),
                    "{model} {signal}: {f} differs after resume"
                );
            }
        }
    }
}

/// `summarize` reads a model's scan (the ranges whose columns it has) and refuses a viable.csv
/// that is not the one the manifest records.
#[test]
fn summarize_reads_model_scans_and_verifies_the_checksums() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("m");
    run(&config("mssm_gmsb", "random"), &opts(&out, false)).unwrap();
    let ok = gmsbscan().arg("summarize").arg(&out).output().unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        text.contains("unknowns mu b_mu (model mssm_gmsb)"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("m_stau1") && !l.contains("n/a")),
        "{text}"
    );
    // The HMZ-only quantities are left out of a table of model scans only.
    assert!(!text.lines().any(|l| l.starts_with("m_S1")), "{text}");
    let mut csv = std::fs::read_to_string(out.join("viable.csv")).unwrap();
    csv = csv.replacen(",stau,", ",neutralino,", 1);
    std::fs::write(out.join("viable.csv"), csv).unwrap();
    let bad = gmsbscan().arg("summarize").arg(&out).output().unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("is not the file the scan wrote"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

/// A scan killed in its first milliseconds (config.toml and viable.csv, no manifest) is started
/// again by `--resume` and replaced by `--force`; a directory holding the user's own
/// configuration is still refused.
#[test]
fn a_scan_stopped_before_its_first_checkpoint_is_resumed_or_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let text = config("mssm_gmsb", "random");
    let full = tmp.path().join("full");
    run(&text, &opts(&full, true)).unwrap();
    let early = |name: &str| {
        let d = tmp.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::copy(full.join("config.toml"), d.join("config.toml")).unwrap();
        let header = std::fs::read_to_string(full.join("viable.csv")).unwrap();
        std::fs::write(d.join("viable.csv"), header.lines().next().unwrap()).unwrap();
        d
    };
    let d = early("resumed");
    let r = gmsbscan()
        .args(["scan", "--log-every", "0", "--keep-rejected", "--resume"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stderr).contains("stopped before its first checkpoint"));
    assert_eq!(
        std::fs::read(full.join("viable.csv")).unwrap(),
        std::fs::read(d.join("viable.csv")).unwrap()
    );
    let d = early("forced");
    let cfg = write_config(tmp.path(), "scan.toml", &text);
    let r = gmsbscan()
        .args(["scan", "--log-every", "0", "--force"])
        .arg(&cfg)
        .arg("--out")
        .arg(&d)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        std::fs::read(full.join("viable.csv")).unwrap(),
        std::fs::read(d.join("viable.csv")).unwrap()
    );
    // The user's own configuration (not an echoed one) in a directory is never taken for a scan.
    let user = tmp.path().join("user");
    write_config(&user, "config.toml", &text);
    let r = gmsbscan()
        .args(["scan", "--force"])
        .arg(&cfg)
        .arg("--out")
        .arg(&user)
        .output()
        .unwrap();
    assert!(!r.status.success());
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("holds no earlier scan"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(user.join("config.toml")).unwrap(),
        text
    );
}

/// `--threads` far above the cores is refused at once (it used to start 100000 threads for
/// minutes, deaf to SIGTERM), naming the limit.
#[test]
fn absurd_thread_counts_are_refused_at_once() {
    let start = std::time::Instant::now();
    let r = gmsbscan()
        .args(["scan", "--threads", "100000", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("x"))
        .output()
        .unwrap();
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("100000 is more than"), "{err}");
    assert!(start.elapsed().as_secs() < 5);
}

/// Validation gaps of issue 19: each gets a message naming the field.
#[test]
fn validation_gaps_get_clear_messages() {
    // Non-integer n5 (scan configurations of both kinds, and cards).
    let text = config("mssm_gmsb", "random").replace("n5 = 1 ", "n5 = 1.5 ");
    let err = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("n5:") && err.contains("an integer"),
        "{err}"
    );
    let text =
        config("hmz", "random").replace("preset = \"hmz1999\"", "preset = \"hmz1999\"\nn5 = 1.5");
    let err = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("physics.n5:") && err.contains("an integer"),
        "{err}"
    );
    let tmp = tempfile::tempdir().unwrap();
    for (name, card) in [
        ("table1.toml", include_str!("../configs/table1.toml")),
        (
            "mssm_gmsb_point.toml",
            include_str!("../configs/mssm_gmsb_point.toml"),
        ),
    ] {
        let text = card.replace("n5 = 1 ", "n5 = 1.5 ");
        let text = if text.contains("n5 = 1.5") {
            text
        } else {
            format!("n5 = 1.5\n{text}")
        };
        let card = write_config(tmp.path(), name, &text);
        let r = gmsbscan().arg("point").arg(&card).output().unwrap();
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(!r.status.success(), "{name}");
        assert!(
            err.contains("n5") && err.contains("an integer"),
            "{name}: {err}"
        );
    }
    // An absurd fixed tan(beta).
    let text = config("hmz", "random").replace(
        "tan_beta     = { prior = \"flat\", min = 10.0,   max = 30.0 }",
        "tan_beta     = { prior = \"fixed\", value = 1e308 }",
    );
    let err = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(err.starts_with("priors.tan_beta:"), "{err}");
    let text = config("mssm_gmsb", "random").replace(
        "tan_beta    = { prior = \"flat\", min = 1.5,   max = 50.0 }",
        "tan_beta    = { prior = \"fixed\", value = 1e308 }",
    );
    let err = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(err.starts_with("priors.tan_beta:"), "{err}");
    // An empty shard: refused before anything is written.
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write_config(tmp.path(), "s.toml", &config("mssm_gmsb", "random"));
    let out = tmp.path().join("empty");
    let r = gmsbscan()
        .args(["scan", "--shard", "150/200"])
        .arg(&cfg)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("shard 150/200 of a scan of 120 points has no ids"),
        "{err}"
    );
    assert!(!out.join("config.toml").exists());
    // An empty MCMC shard: 3 chains in 4 shards leave shard 0/4 without a chain (it would run
    // the whole exploration for nothing).
    let cfg = write_config(tmp.path(), "m.toml", &config("mssm_gmsb", "mcmc"));
    let r = gmsbscan()
        .args(["scan", "--shard", "0/4"])
        .arg(&cfg)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("shard 0/4 of a scan of 3 MCMC chains has no chain (nothing was written)"),
        "{err}"
    );
    assert!(!out.join("config.toml").exists());
    // presets = [] in a point card.
    let card = write_config(tmp.path(), "card.toml", "presets = []\n");
    let r = gmsbscan().arg("point").arg(&card).output().unwrap();
    assert!(!r.status.success());
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("presets = [] names no preset"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}

/// The hex hashes a message quotes, in order.
fn quoted_hashes(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_hexdigit())
        .filter(|w| w.len() == 64)
        .map(String::from)
        .collect()
}

/// Refusal texts name the real difference (issue 19: a merge of a shard with an edited
/// configuration printed "config hash X vs X"): an edited echoed config.toml quotes its own hash
/// and the manifest's, which differ; a shard of another configuration quotes both hashes and
/// seeds, which differ; a comment-only edit says so; a resume with another configuration names
/// both files.
#[test]
fn refusal_texts_name_the_real_difference() {
    let tmp = tempfile::tempdir().unwrap();
    let text = config("mssm_gmsb", "random");
    let cfg = write_config(tmp.path(), "a.toml", &text);
    let other = write_config(
        tmp.path(),
        "b.toml",
        &text.replacen("seed = 2026", "seed = 7", 1),
    );
    let shard = |cfg: &Path, k: &str, dir: &str| {
        let out = tmp.path().join(dir);
        let r = gmsbscan()
            .args(["scan", "--shard", k])
            .arg(cfg)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        out
    };
    let (s0, s1, t1) = (
        shard(&cfg, "0/2", "s0"),
        shard(&cfg, "1/2", "s1"),
        shard(&other, "1/2", "t1"),
    );
    let merge = |dirs: &[&Path], out: &str| {
        let r = gmsbscan()
            .arg("merge")
            .arg(tmp.path().join(out))
            .args(dirs)
            .output()
            .unwrap();
        assert!(!r.status.success());
        String::from_utf8_lossy(&r.stderr).to_string()
    };
    let distinct = |e: &str| {
        let h = quoted_hashes(e);
        assert!(h.len() == 2 && h[0] != h[1], "{e}");
    };
    // A shard of another configuration.
    let e = merge(&[&s0, &t1], "m1");
    assert!(
        e.contains("has another configuration than") && e.contains("seed 7 vs 2026"),
        "{e}"
    );
    distinct(&e);
    // The echoed configuration of a shard edited after its run.
    let echoed = s1.join("config.toml");
    let original = std::fs::read_to_string(&echoed).unwrap();
    std::fs::write(
        &echoed,
        original.replacen(
            "[priors.tan_beta]\nprior = \"flat\"\nmin = 1.5",
            "[priors.tan_beta]\nprior = \"flat\"\nmin = 2.5",
            1,
        ),
    )
    .unwrap();
    assert_ne!(std::fs::read_to_string(&echoed).unwrap(), original);
    let e = merge(&[&s0, &s1], "m2");
    assert!(
        e.contains("is not the configuration the manifest records (its config hash is"),
        "{e}"
    );
    distinct(&e);
    // A comment-only edit: the same hash, and the message says the text alone differs.
    std::fs::write(&echoed, format!("{original}# a note\n")).unwrap();
    let e = merge(&[&s0, &s1], "m3");
    assert!(
        e.contains("differs from that of") && e.contains("in text only"),
        "{e}"
    );
    std::fs::write(&echoed, &original).unwrap();
    // A resume with another configuration.
    let r = gmsbscan()
        .arg("scan")
        .arg(&other)
        .arg("--resume")
        .arg(&s1)
        .output()
        .unwrap();
    assert!(!r.status.success());
    let e = String::from_utf8_lossy(&r.stderr).to_string();
    assert!(
        e.contains("b.toml is not the configuration of the scan in")
            && e.contains("(compare with")
            && e.contains("config.toml"),
        "{e}"
    );
}

/// MCMC counts agree between the manifest and `summarize`: summarize states the manifest's
/// totals (exploration and chain evaluations, viable and rejected), which add up, beside the
/// exploration's viable fraction it reports.
#[test]
fn mcmc_counts_agree_between_manifest_and_summarize() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("m");
    run(&config("mssm_gmsb", "mcmc"), &opts(&out, false)).unwrap();
    let m = manifest_json(&out);
    let n = |v: &serde_json::Value| v.as_u64().unwrap();
    let (sampled, viable, rejected) = (
        n(&m["sampled"]),
        n(&m["viable_points"]),
        n(&m["rejected_points"]),
    );
    let mcmc = &m["mcmc"];
    let (explored, explored_viable, chains) = (
        n(&mcmc["exploration"]["points"]),
        n(&mcmc["exploration"]["viable_points"]),
        n(&mcmc["counts"]["evaluated"]),
    );
    assert_eq!(explored + chains, sampled);
    assert_eq!(viable + rejected, sampled);
    let r = gmsbscan().arg("summarize").arg(&out).output().unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = String::from_utf8_lossy(&r.stdout);
    let expected = format!(
        "evaluated {sampled} points: {explored} of the exploration ({explored_viable} viable) + {chains} of the chains ({} viable); {viable} viable and {rejected} rejected in all (manifest.json)",
        viable - explored_viable
    );
    assert!(text.contains(&expected), "{text}\n{expected}");
    assert!(
        text.contains(&format!(
            "viable    {explored_viable} of {explored} sampled points"
        )),
        "{text}"
    );
}

/// Model scans log their progress (`--log-every`, which the old model loop ignored) for the
/// id-range samplers and MCMC, and the closing summary lists the rejection reasons by count,
/// largest first (the old loop listed them alphabetically), with the manifest's counts.
#[test]
fn model_scans_log_progress_and_list_rejections_by_count() {
    let tmp = tempfile::tempdir().unwrap();
    for (model, sampler, progress) in [
        ("mssm_gmsb", "random", "points/s, ETA"),
        ("ddr", "random", "points/s, ETA"),
        ("mssm_gmsb", "mcmc", "mcmc exploration: "),
    ] {
        let text = config(model, sampler).replace("points = 120", "points = 600");
        let cfg = write_config(tmp.path(), &format!("{model}-{sampler}.toml"), &text);
        let out = tmp.path().join(format!("{model}-{sampler}"));
        let r = gmsbscan()
            .args(["scan", "--threads", "1", "--log-every", "0.002"])
            .arg(&cfg)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(r.status.success(), "{model} {sampler}: {err}");
        assert!(
            err.lines()
                .any(|l| l.starts_with("[20") && l.contains(progress)),
            "{model} {sampler}: no progress line\n{err}"
        );
        let m = manifest_json(&out);
        let listed: Vec<(String, u64)> = err
            .lines()
            .skip_while(|l| !l.starts_with("  sampled "))
            .skip(1)
            .take_while(|l| l.starts_with("    "))
            .map(|l| {
                let mut w = l.split_whitespace();
                let key = w.next().unwrap().to_string();
                (key, w.next().unwrap().parse().unwrap())
            })
            .collect();
        let manifest: Vec<(String, u64)> = m["rejections"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        assert!(listed.len() >= 2, "{model} {sampler}: {err}");
        assert_eq!(listed.len(), manifest.len(), "{model} {sampler}: {err}");
        for (key, n) in &listed {
            assert!(manifest.contains(&(key.clone(), *n)), "{key} {n}: {err}");
        }
        assert!(
            listed.windows(2).all(|w| w[0].1 >= w[1].1),
            "{model} {sampler}: not by count\n{err}"
        );
    }
}
