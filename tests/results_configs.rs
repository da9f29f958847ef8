//! The configurations behind results/ (issue 8): the large scans are the paper's procedure with more
//! points, the stop-switch scan and card differ from theirs only by the switch, and every committed
//! results/<name>/config.toml is the effective configuration of a shipped config (so the figures
//! and tables of results/README.md are what those configs produce).

use std::path::{Path, PathBuf};

use gmsbscan::config::{PhysicsOverrides, PointCard, Preset};
use gmsbscan::scan::ScanPlan;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(rel: &str) -> String {
    let path = root().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn plan(rel: &str) -> ScanPlan {
    ScanPlan::from_toml_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `derived` equals `base` once its name, points and (optionally) the stop switch are set back.
fn assert_same_but(derived: &str, base: &str, points: u64, stop_switch: bool) {
    let d = plan(derived);
    let mut b = plan(base);
    assert_eq!(d.settings.points, points, "{derived}");
    assert_eq!(
        d.settings.seed, b.settings.seed,
        "{derived}: same seed, so its first ids are {base}'s"
    );
    assert_eq!(
        d.physics.switches.stop_rges_without_ht, stop_switch,
        "{derived}"
    );
    assert!(!b.physics.switches.stop_rges_without_ht, "{base}");
    b.settings.name = d.settings.name.clone();
    b.settings.points = d.settings.points;
    b.physics.switches.stop_rges_without_ht = stop_switch;
    b.rederive();
    assert_eq!(
        d.effective_toml(),
        b.effective_toml(),
        "{derived} against {base}"
    );
}

#[test]
fn large_and_switch_configs_change_only_what_they_say() {
    assert_same_but(
        "configs/hmz1999_large.toml",
        "configs/hmz1999.toml",
        200_000,
        false,
    );
    assert_same_but(
        "configs/consistent_large.toml",
        "configs/consistent.toml",
        100_000,
        false,
    );
    assert_same_but(
        "configs/hmz1999_byte_identity.toml",
        "configs/hmz1999.toml",
        3_000,
        false,
    );
    assert_same_but(
        "configs/hmz1999_stops_no_ht.toml",
        "configs/hmz1999.toml",
        60_000,
        true,
    );
}

#[test]
fn table1_switch_card_is_table1_with_the_switch() {
    let card = PointCard::from_toml_str(&read("configs/table1_stops_no_ht.toml")).unwrap();
    let base = PointCard::from_toml_str(&read("configs/table1.toml")).unwrap();
    assert_eq!(card.presets, vec![Preset::Hmz1999]);
    assert_eq!(
        card.physics,
        PhysicsOverrides {
            stop_rges_without_ht: Some(true),
            ..PhysicsOverrides::default()
        }
    );
    assert_eq!(
        (
            card.inputs,
            &card.reference,
            card.bounds,
            card.unknowns,
            card.n5,
            card.sm
        ),
        (
            base.inputs,
            &base.reference,
            base.bounds,
            base.unknowns,
            base.n5,
            base.sm
        )
    );
    let physics = card.physics(Preset::Hmz1999).unwrap();
    assert!(physics.switches.stop_rges_without_ht);
}

/// The scans of results/README.md: results directory and the config that produced it.
const RESULTS: [(&str, &str); 21] = [
    ("hmz1999-large", "hmz1999_large"),
    ("consistent-large", "consistent_large"),
    ("hmz1999-stops-no-ht", "hmz1999_stops_no_ht"),
    ("hmz1999-xin-sampled", "hmz1999_xin_sampled"),
    ("hmz1999-low-tan-beta", "hmz1999_low_tan_beta"),
    ("hmz1999-small-lambda-s", "hmz1999_small_lambda_s"),
    ("consistent-xin-sampled", "consistent_xin_sampled"),
    ("consistent-low-tan-beta", "consistent_low_tan_beta"),
    ("consistent-small-lambda-s", "consistent_small_lambda_s"),
    ("split-messengers", "split_messengers"),
    ("hmz1999-mcmc", "hmz1999_mcmc"),
    ("hmz1999-importance", "hmz1999_importance"),
    ("hmz1999-byte-identity", "hmz1999_byte_identity"),
    ("hmz1999-k-max-1.36", "hmz1999_k_max_136"),
    (
        "lhc2025-wide-consistent-importance",
        "lhc2025_wide_consistent_importance",
    ),
    ("lhc2025-wide-consistent", "lhc2025_wide_consistent"),
    ("lhc2025-wide-n5-2", "lhc2025_wide_n5_2"),
    ("lhc2025-wide-n5-3", "lhc2025_wide_n5_3"),
    ("lhc2025-wide-n5-4", "lhc2025_wide_n5_4"),
    ("lhc2025-wide-n5-5", "lhc2025_wide_n5_5"),
    ("lhc2025-split-messengers", "lhc2025_split_messengers"),
];

/// Committed scans whose shipped config has changed since they were run (results/README.md marks
/// them stale). Each entry must still differ from its config, so the list cannot outlive a re-run.
/// Empty since session 29 (split-messengers re-run with the heavy-singlet threshold).
const AWAITING_RERUN: &[&str] = &[];

#[test]
fn committed_results_come_from_the_shipped_configs() {
    let readme = read("results/README.md");
    for (dir, config) in RESULTS {
        let committed = plan(&format!("results/{dir}/config.toml"));
        let source = plan(&format!("configs/{config}.toml"));
        assert_eq!(committed.settings.name, dir);
        if AWAITING_RERUN.contains(&dir) {
            assert_ne!(
                committed.effective_toml(),
                source.effective_toml(),
                "results/{dir} was re-run: remove it from AWAITING_RERUN and its stale mark"
            );
            assert!(
                readme.contains(&format!("`results/{dir}` is stale")),
                "results/README.md must mark results/{dir} stale"
            );
        } else {
            assert_eq!(
                committed.effective_toml(),
                source.effective_toml(),
                "results/{dir}/config.toml is not configs/{config}.toml: rerun the scan (results/README.md)"
            );
        }
        assert!(
            readme.contains(&format!("configs/{config}.toml")),
            "{config}"
        );
    }
}

/// The byte-identity claim of results/README.md, tested on the smallest committed scan (3000
/// points of configs/hmz1999.toml, about 5 CPU-s in release): re-running its committed
/// config.toml gives a viable.csv whose SHA-256, size and row count are the committed manifest's.
/// A physics or output change that moves the hmz1999 preset fails here: re-run every results/
/// scan (results/README.md) and commit the new manifests.
#[test]
fn smallest_committed_scan_reruns_to_its_committed_hash() {
    use assert_cmd::cargo::CommandCargoExt;
    use sha2::{Digest, Sha256};

    let committed = root().join("results/hmz1999-byte-identity");
    let manifest: serde_json::Value =
        serde_json::from_str(&read("results/hmz1999-byte-identity/manifest.json")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rerun");
    let status = std::process::Command::cargo_bin("gmsbscan")
        .unwrap()
        .args(["scan", "--log-every", "0", "--threads", "2"])
        .arg(committed.join("config.toml"))
        .arg("--out")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read(out.join("viable.csv")).unwrap();
    let rows = csv.iter().filter(|&&b| b == b'\n').count() as u64 - 1;
    let sha: String = Sha256::digest(&csv)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = &manifest["files"]["viable_csv"];
    assert_eq!(
        (sha.as_str(), csv.len() as u64, rows),
        (
            file["sha256"].as_str().unwrap(),
            file["bytes"].as_u64().unwrap(),
            file["rows"].as_u64().unwrap()
        ),
        "results/hmz1999-byte-identity: the re-run's viable.csv differs from the committed manifest"
    );
    assert!(rows > 0, "the check needs viable rows");
    let rerun: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    for key in [
        "viable_points",
        "viable_solutions",
        "rejections",
        "config_hash",
    ] {
        assert_eq!(rerun[key], manifest[key], "{key}");
    }
}
