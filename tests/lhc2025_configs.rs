//! The wide-box configurations of issue 21 (configs/lhc2025_*.toml): each validates, sets what its
//! header says (lhc2025 bounds, Lambda and <S> up to 1e7 GeV on log priors, tan(beta) from 1.5,
//! k up to k_max = 1.36, the N5 or split messenger sector), and runs a few real points end to end;
//! and the lhc2025 set on a real point: the paper's Table I fails the 125 GeV window.

use std::path::Path;

use assert_cmd::Command;
use gmsbscan::constraints::BoundSetName;
use gmsbscan::scan::{Param, Prior, SamplerKind, ScanPlan};

mod common;

const CONFIGS: [(&str, f64, &str); 9] = [
    ("lhc2025_wide", 1.0, "hmz1999"),
    ("lhc2025_wide_importance", 1.0, "hmz1999"),
    ("lhc2025_wide_consistent", 1.0, "consistent"),
    ("lhc2025_wide_consistent_importance", 1.0, "consistent"),
    ("lhc2025_wide_n5_2", 2.0, "consistent"),
    ("lhc2025_wide_n5_3", 3.0, "consistent"),
    ("lhc2025_wide_n5_4", 4.0, "consistent"),
    ("lhc2025_wide_n5_5", 5.0, "consistent"),
    ("lhc2025_split_messengers", 1.0, "consistent"),
];

fn config_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("configs")
        .join(format!("{name}.toml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn prior(plan: &ScanPlan, param: Param) -> Prior {
    plan.dims
        .iter()
        .find(|(p, _)| *p == param)
        .map(|(_, q)| *q)
        .unwrap_or_else(|| panic!("no prior for {param:?}"))
}

#[test]
fn wide_configs_set_what_their_headers_say() {
    for (name, n5, preset) in CONFIGS {
        let plan =
            ScanPlan::from_toml_str(&config_text(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(plan.bounds, BoundSetName::Lhc2025, "{name}");
        assert_eq!(plan.physics.k_max, 1.36, "{name}");
        assert_eq!(
            plan.physics.lambda_n_max, 1.0,
            "{name}: the default is HMZ's range"
        );
        assert_eq!(
            plan.physics.switches.bound_masses,
            gmsbscan::config::BoundMassKind::Pole,
            "{name}: LHC limits apply to pole masses"
        );
        assert_eq!(plan.physics.preset.to_string(), preset, "{name}");
        assert_eq!(
            plan.settings.sampler == SamplerKind::Importance,
            name.contains("importance"),
            "{name}"
        );
        if name.contains("split") {
            assert_eq!(plan.physics.messengers.len(), 3, "{name}");
        } else {
            assert!(
                plan.physics.messengers.is_empty() && plan.physics.n5 == n5,
                "{name}"
            );
        }
        for p in [Param::VevS, Param::LambdaSusy] {
            assert_eq!(
                prior(&plan, p),
                Prior::Log {
                    min: 3.8e4,
                    max: 1.0e7
                },
                "{name}: {p:?}"
            );
        }
        assert_eq!(
            prior(&plan, Param::TanBeta),
            Prior::Log {
                min: 1.5,
                max: 50.0
            }
        );
        let k = prior(&plan, Param::Coupling(gmsbscan::config::Coupling::K));
        assert_eq!(
            k,
            Prior::Flat {
                min: 0.0,
                max: 1.36
            },
            "{name}"
        );
        let ln = prior(&plan, Param::Coupling(gmsbscan::config::Coupling::LambdaN));
        assert_eq!(ln, Prior::Flat { min: 0.0, max: 1.0 }, "{name}");
        // The consistent preset samples the top POLE mass (yukawa_inputs = "measured"); the
        // hmz1999 preset the DR-bar m_t(Q) of the paper.
        let m_top = prior(&plan, Param::MTop);
        if preset == "consistent" {
            assert_eq!(
                m_top,
                Prior::Gaussian {
                    mean: 172.5,
                    sigma: 0.7,
                    min: Some(168.0),
                    max: Some(177.0)
                },
                "{name}"
            );
        } else {
            assert_eq!(
                m_top,
                Prior::Flat {
                    min: 160.0,
                    max: 170.0
                },
                "{name}"
            );
        }
        // The effective configuration spells out k_max and parses back to the same plan.
        let again = ScanPlan::from_toml_str(plan.effective_toml()).unwrap();
        assert_eq!(again.physics.k_max, 1.36);
        assert_eq!(again.config_hash(), plan.config_hash());
    }
}

/// The configuration with its top-level `points = N` (whatever N) set to `n`.
fn with_points(text: &str, n: usize) -> String {
    let mut replaced = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("points =") {
                replaced += 1;
                format!("points = {n}")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(replaced, 1, "one `points =` line expected");
    lines.join("\n") + "\n"
}

#[test]
fn wide_configs_run_a_few_points() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, _, _) in CONFIGS {
        let text = with_points(&config_text(name), 8)
            .replace("exploration = 8000", "exploration = 4")
            .replace("stage = 16000", "stage = 2")
            .replace("stages = 6", "stages = 1");
        let m = common::scan_text(tmp.path(), name, &text);
        assert_eq!(m.sampled, 8, "{name}");
    }
}

#[test]
fn table1_fails_the_125_gev_window_under_lhc2025() {
    // The paper's Table I has m_S1 = 114 GeV (hmz1999 physics, one-loop top/stop): below
    // 125.1 - 2 GeV, so the first failed bound of lhc2025 is the Higgs window.
    let card = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/table1.toml");
    let out = Command::cargo_bin("gmsbscan")
        .unwrap()
        .args(["point"])
        .arg(&card)
        .args(["--preset", "hmz1999", "--bounds", "lhc2025"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("bound:higgs_125"),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And passes the 1999 bounds.
    let out = Command::cargo_bin("gmsbscan")
        .unwrap()
        .args(["point"])
        .arg(&card)
        .args(["--preset", "hmz1999", "--bounds", "hmz1999"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("verdict: VIABLE"));
}

#[test]
fn every_lhc2025_bound_is_documented_with_its_number_and_source() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/physics.md"))
            .unwrap();
    let section = doc
        .split("### 9b.")
        .nth(1)
        .expect("docs/physics.md section 9b")
        .split("\n## ")
        .next()
        .unwrap();
    for b in gmsbscan::constraints::lhc2025::LHC2025_BOUNDS {
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", b.name)))
            .unwrap_or_else(|| panic!("docs/physics.md 9b lacks a row for {}", b.name));
        // The number used and the arXiv number of the source appear in the row.
        if b.value.is_finite() {
            assert!(line.contains(&format!("{}", b.value)), "{}: {line}", b.name);
        }
        let arxiv = b
            .source
            .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == ';')
            .find(|w| {
                w.starts_with("arXiv:") || w.starts_with("hep-ex/") || w.starts_with("LEPSUSYWG")
            })
            .map(|w| w.trim_end_matches([':', '.']));
        if let Some(id) = arxiv {
            assert!(line.contains(id), "{}: {id} not in {line}", b.name);
        }
    }
    // A number the code marks as not sourced is marked in the docs too.
    for b in gmsbscan::constraints::lhc2025::LHC2025_BOUNDS {
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", b.name)))
            .unwrap();
        assert_eq!(
            b.source.contains("NOT SOURCED"),
            line.contains("**not sourced**"),
            "{}",
            b.name
        );
    }
    // The docs' reading of the LEP table is the committed table.
    let lep = section
        .lines()
        .skip_while(|l| !l.starts_with("| m [GeV] | 20 |"))
        .take(3)
        .collect::<Vec<_>>();
    let cells = |l: &str| -> Vec<f64> {
        l.split('|')
            .skip(2)
            .filter_map(|c| c.trim().parse().ok())
            .collect()
    };
    let (masses, values) = (cells(lep[0]), cells(lep[2]));
    assert_eq!(masses.len(), values.len());
    assert!(masses.len() >= 10);
    for (m, s95) in masses.iter().zip(&values) {
        assert_eq!(
            gmsbscan::constraints::lhc2025::lep_xi2_limit(*m),
            Some(*s95),
            "{m}"
        );
    }
    // The docs' edges of the prompt photon bound are the code's: excluded 1 GeV below, allowed
    // 1 GeV above (BR = 1).
    let ew = section
        .lines()
        .skip_while(|l| !l.starts_with("| \\|m_chi1\\| [GeV] |"))
        .take(3)
        .collect::<Vec<_>>();
    let (nlsp, edges) = (cells(ew[0]), cells(ew[2]));
    assert_eq!(nlsp.len(), edges.len());
    assert!(nlsp.len() >= 4);
    for (y, x) in nlsp.iter().zip(&edges) {
        let excluded = |x: f64| {
            let (sigma, ul) =
                gmsbscan::constraints::lhc2025::ewkino_photon_signal(x, *y, 1.0).unwrap();
            sigma > ul
        };
        assert!(excluded(x - 1.0) && !excluded(x + 1.0), "{y} {x}");
    }
    // The lifetime tables of the code are in the docs.
    for t in [
        gmsbscan::constraints::lhc2025::NEUTRALINO_DELAYED_PHOTON,
        gmsbscan::constraints::lhc2025::STAU_DISPLACED_LEPTON,
    ] {
        for (_, m) in t.points {
            assert!(section.contains(&format!("| {m} ")), "{m}");
        }
    }
}

#[test]
fn mssm_gmsb_runs_under_lhc2025() {
    // Minimal gauge mediation gets the lhc2025 observables: a few points of its config run, and
    // no rejection is `lhc2025_unavailable`.
    let tmp = tempfile::tempdir().unwrap();
    let text = config_text("lhc2025_mssm_gmsb").replace("points = 200000", "points = 40");
    let m = common::scan_text(tmp.path(), "mssm", &text);
    assert_eq!(m.sampled, 40);
    let reasons = serde_json::to_string(&m).unwrap();
    assert!(reasons.contains("bound:higgs_125"), "{reasons}");
    assert!(!reasons.contains("lhc2025_unavailable"), "{reasons}");
}
