//! The erratum ladder (issue 22): configs/ladder/ is hmz1999 plus the steps of
//! `gmsbscan::output::ladder::LADDER` (single: one step; cumulative: steps 1..n, the last the
//! consistent preset's physics), and `gmsbscan summarize --ladder` reports tiny real scans with
//! the switches read from their config.toml and numbers recomputed here from viable.csv.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use gmsbscan::config::{PhysicsSwitches, Preset};
use gmsbscan::output::ladder::{changed_keys, LADDER};
use gmsbscan::scan::ScanPlan;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn plan(rel: &str) -> ScanPlan {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    ScanPlan::from_toml_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn ladder_file(kind: &str, n: usize) -> String {
    format!("configs/ladder/{kind}_{n:02}_{}.toml", LADDER[n - 1].label)
}

/// `derived` is `base` (hmz1999.toml) but for its name, points, switches and, from the Yukawa
/// step on, the top-mass prior (the pole mass: consistent.toml's).
fn assert_only_switches_differ(derived: &ScanPlan, rel: &str) {
    let mut base = plan("configs/hmz1999.toml");
    base.settings.name = derived.settings.name.clone();
    base.settings.points = derived.settings.points;
    base.physics.switches = derived.physics.switches;
    if derived.physics.switches.yukawa_inputs != base_switches().yukawa_inputs {
        let consistent = plan("configs/consistent.toml");
        base.dims[4] = consistent.dims[4].clone();
        assert_eq!(base.dims[4].0, gmsbscan::scan::config::Param::MTop);
    }
    base.rederive();
    assert_eq!(derived.effective_toml(), base.effective_toml(), "{rel}");
}

fn base_switches() -> PhysicsSwitches {
    PhysicsSwitches::preset(Preset::Hmz1999)
}

#[test]
fn ladder_configs_take_the_stated_steps() {
    let hmz = base_switches();
    let mut cumulative_keys: Vec<String> = Vec::new();
    for (i, step) in LADDER.iter().enumerate() {
        let n = i + 1;
        let keys: Vec<String> = step.keys.iter().map(|k| k.to_string()).collect();
        cumulative_keys.extend(keys.iter().cloned());

        let rel = ladder_file("single", n);
        let single = plan(&rel);
        assert_eq!(single.settings.points, 200_000, "{rel}");
        assert_eq!(changed_keys(&hmz, &single.physics.switches), keys, "{rel}");
        assert_only_switches_differ(&single, &rel);

        let rel = ladder_file("cumulative", n);
        let cumulative = plan(&rel);
        let mut changed = changed_keys(&hmz, &cumulative.physics.switches);
        let mut expected = cumulative_keys.clone();
        changed.sort();
        expected.sort();
        assert_eq!(changed, expected, "{rel}");
        assert_only_switches_differ(&cumulative, &rel);
    }
    // The top of the ladder is configs/consistent.toml with 200 000 points.
    let top = plan(&ladder_file("cumulative", LADDER.len()));
    let mut consistent = plan("configs/consistent.toml");
    assert_eq!(
        top.physics.switches,
        PhysicsSwitches::preset(Preset::Consistent)
    );
    consistent.settings.name = top.settings.name.clone();
    consistent.settings.points = top.settings.points;
    consistent.physics.preset = top.physics.preset;
    consistent.rederive();
    assert_eq!(top.effective_toml(), consistent.effective_toml());
    // Nothing else in the directory.
    let files = std::fs::read_dir(root().join("configs/ladder"))
        .unwrap()
        .count();
    assert_eq!(files, 2 * LADDER.len());
}

/// A tiny real scan of configs/tiny.toml (hmz1999, a region with viable points) with extra
/// `[physics]` lines.
fn tiny_scan(tmp: &Path, name: &str, physics: &str) -> PathBuf {
    let text = include_str!("../configs/tiny.toml")
        .replace("name = \"tiny\"", &format!("name = \"{name}\""))
        .replace("points = 20", "points = 40")
        .replace(
            "unknowns = [\"xi_n\", \"eta_s\", \"eta_n\"]",
            &format!("unknowns = [\"xi_n\", \"eta_s\", \"eta_n\"]\n{physics}"),
        );
    let cfg = tmp.join(format!("{name}.toml"));
    std::fs::write(&cfg, text).unwrap();
    let out = tmp.join(name);
    Command::cargo_bin("gmsbscan")
        .unwrap()
        .args(["scan", "--log-every", "0", "--threads", "2"])
        .arg(&cfg)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

/// The lower median of a column of viable.csv (what an unweighted `weighted_median` returns) and
/// the stau share, computed here independently.
fn column_median_and_stau_share(dir: &Path, column: &str) -> (f64, f64) {
    let mut r = csv::Reader::from_path(dir.join("viable.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let (c, nlsp) = (
        h.iter().position(|x| x == column).unwrap(),
        h.iter().position(|x| x == "nlsp").unwrap(),
    );
    let mut values = Vec::new();
    let mut stau = 0usize;
    for rec in r.records() {
        let rec = rec.unwrap();
        values.push(rec[c].parse::<f64>().unwrap());
        stau += usize::from(&rec[nlsp] == "stau");
    }
    assert!(!values.is_empty(), "{}: no viable rows", dir.display());
    values.sort_by(f64::total_cmp);
    let n = values.len();
    (values[(n + 1) / 2 - 1], stau as f64 / n as f64)
}

#[test]
fn summarize_ladder_reads_the_steps_from_the_scans() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = [
        tiny_scan(tmp.path(), "base", ""),
        tiny_scan(tmp.path(), "step1", "threshold_functions = true"),
        tiny_scan(
            tmp.path(),
            "steps12",
            "threshold_functions = true\na_k_sign = \"derived\"",
        ),
    ];
    let csv_path = tmp.path().join("ladder.csv");
    let md_path = tmp.path().join("ladder.md");
    let out = Command::cargo_bin("gmsbscan")
        .unwrap()
        .arg("summarize")
        .arg("--ladder")
        .args(&dirs)
        .arg("--csv")
        .arg(&csv_path)
        .arg("--markdown")
        .arg(&md_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 threshold_functions"), "{text}");
    assert!(text.contains("2 a_k_sign"), "{text}");
    let markdown = std::fs::read_to_string(&md_path).unwrap();
    assert!(
        markdown.contains("| steps12 | 1-2 | 2 a_k_sign |"),
        "{markdown}"
    );

    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let expected = [
        ("base", "", ""),
        ("step1", "threshold_functions", "threshold_functions"),
        ("steps12", "threshold_functions a_k_sign", "a_k_sign"),
    ];
    for ((row, dir), (name, off, added)) in rows.iter().zip(&dirs).zip(expected) {
        assert_eq!(&row[col("scan")], name);
        assert_eq!(&row[col("off_hmz1999")], off, "{name}");
        assert_eq!(&row[col("changed_from_previous")], added, "{name}");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(
            row[col("viable_points")].parse::<u64>().unwrap(),
            manifest["viable_points"].as_u64().unwrap()
        );
        let fraction: f64 = row[col("viable_fraction")].parse().unwrap();
        let viable = manifest["viable_points"].as_f64().unwrap();
        assert!((fraction - viable / 40.0).abs() < 1e-12, "{name}");
        for (column, field) in [
            ("mu", "median_mu"),
            ("b_mu", "median_b_mu"),
            ("m_stop1", "median_m_stop1"),
        ] {
            let (median, stau) = column_median_and_stau_share(dir, column);
            assert_eq!(
                row[col(field)].parse::<f64>().unwrap(),
                median,
                "{name} {field}"
            );
            let share: f64 = row[col("stau_nlsp_share")].parse().unwrap();
            assert!((share - stau).abs() < 1e-12, "{name}");
        }
    }
    // The threshold functions move the spectrum: the medians of the first two rows differ.
    assert_ne!(
        rows[0][col("median_m_stop1")],
        rows[1][col("median_m_stop1")]
    );
}
