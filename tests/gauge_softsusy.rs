//! The gauge couplings at the messenger scale and the gluino/squark pole masses against SOFTSUSY
//! 4.1.22 on four minimal-GMSB points spanning the scan ranges (tests/data/softsusy_gmsb.toml has
//! the provenance; the SLHA files are SOFTSUSY's unedited output).
//!
//! - g_i(M) and g_i(M_SUSY) of `model::gauge` (switches `gauge_matching = "sm_msbar"`,
//!   `gauge_two_loop = true`) within 0.3 % of SOFTSUSY's, for the same SM inputs; the paper's
//!   one-loop running from its DR-bar M_Z values is 3.5-5.4 % high in g_3(M) (the deficit this
//!   fixes, docs/physics.md section 4c).
//! - The gluino pole mass from SOFTSUSY's own running parameters at M_SUSY within 1e-4 of its
//!   pole mass (the same one-loop PBMZ formula on the same inputs: measured 3e-9 to 3e-7, the
//!   9-digit SLHA rounding and its tree masses inside the loops), and the first-generation squark
//!   pole masses within 1 % (measured +0.2 to +0.5 %: SUSY-QCD only here; SOFTSUSY adds the
//!   electroweak self-energies).

use std::collections::HashMap;
use std::path::PathBuf;

use gmsbscan::config::{GaugeMatching, PhysicsConfig, Preset, SmInputs};
use gmsbscan::model::gauge::{
    estimate_thresholds, gauge_couplings_at, GaugeContext, GaugeOptions, GaugeYukawas,
    ThresholdInputs,
};
use gmsbscan::model::spectrum::pole::{
    gluino_pole_mass, light_squark_pole_mass, GluinoInputs, MixedSquarks,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    point: Vec<Point>,
}

#[derive(Deserialize)]
struct Point {
    name: String,
    lambda: f64,
    m_mess: f64,
    tan_beta: f64,
}

/// One SLHA file: block name (lower case) -> (Q of the block, entries by index text "i" or "i,j").
struct Slha {
    blocks: HashMap<String, (Option<f64>, HashMap<String, f64>)>,
}

impl Slha {
    fn read(name: &str) -> Self {
        let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", name]
            .iter()
            .collect();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut blocks = HashMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            let body = line.split('#').next().unwrap_or("");
            let words: Vec<&str> = body.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            if words[0].eq_ignore_ascii_case("block") {
                let name = words[1].to_lowercase();
                let q = words
                    .iter()
                    .position(|w| w.starts_with("Q="))
                    .and_then(|i| {
                        let rest = words[i].trim_start_matches("Q=");
                        if rest.is_empty() {
                            words.get(i + 1).and_then(|w| w.parse().ok())
                        } else {
                            rest.parse().ok()
                        }
                    });
                blocks.insert(name.clone(), (q, HashMap::new()));
                current = Some(name);
                continue;
            }
            let Some(block) = &current else { continue };
            let Ok(value) = words[words.len() - 1].parse::<f64>() else {
                continue;
            };
            let key = words[..words.len() - 1].join(",");
            blocks.get_mut(block).unwrap().1.insert(key, value);
        }
        Self { blocks }
    }

    fn get(&self, block: &str, key: &str) -> f64 {
        self.blocks[block].1[key]
    }

    fn scale(&self, block: &str) -> f64 {
        self.blocks[block].0.unwrap()
    }
}

fn fixture() -> Fixture {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/data/softsusy_gmsb.toml"]
        .iter()
        .collect();
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The same SM inputs as the SOFTSUSY runs (alpha_em^-1 = 127.934, alpha_s = 0.118, M_Z).
fn sm() -> SmInputs {
    let sm = SmInputs::default();
    assert_eq!(sm.alpha_em_inv_mz, 127.934);
    assert_eq!(sm.alpha_s_mz, 0.118);
    assert_eq!(sm.mz, 91.1876);
    sm
}

/// This program's context for a SOFTSUSY point: its tan(beta), its mu, m_t = 165 GeV DR-bar.
fn context(p: &Point, mu: f64, options: GaugeOptions) -> GaugeContext {
    let sm = sm();
    let beta = p.tan_beta.atan();
    let m_top = 165.0;
    let yukawas = GaugeYukawas {
        ht: m_top / (sm.vev * beta.sin()),
        hb: sm.m_bottom / (sm.vev * beta.cos()),
        htau: sm.m_tau / (sm.vev * beta.cos()),
        lambda_n: 0.0,
    };
    let thresholds = estimate_thresholds(
        &sm,
        options,
        yukawas,
        &ThresholdInputs {
            lambda_susy: p.lambda,
            m_mess: p.m_mess,
            n5: 1.0,
            threshold_functions: true,
            mu,
            m_top,
        },
    );
    GaugeContext {
        options,
        thresholds,
        yukawas,
    }
}

const CONSISTENT: GaugeOptions = GaugeOptions {
    matching: GaugeMatching::SmMsbar,
    two_loop: true,
};

#[test]
fn consistent_preset_uses_the_matched_two_loop_couplings() {
    let sw = PhysicsConfig::preset(Preset::Consistent).switches;
    assert_eq!(GaugeOptions::from(&sw), CONSISTENT);
    let paper = PhysicsConfig::preset(Preset::Hmz1999).switches;
    assert_eq!(paper.gauge_matching, GaugeMatching::DrbarInputs);
    assert!(!paper.gauge_two_loop);
}

#[test]
fn gauge_couplings_at_m_and_msusy_within_0p3_percent_of_softsusy() {
    let mut worst = 0.0f64;
    for p in fixture().point {
        let at_m = Slha::read(&format!("softsusy_{}_qmess.slha", p.name));
        let at_s = Slha::read(&format!("softsusy_{}_msusy.slha", p.name));
        assert!((at_m.scale("gauge") / p.m_mess - 1.0).abs() < 1e-6);
        let mu = at_s.get("hmix", "1");
        let ctx = context(&p, mu, CONSISTENT);
        for (slha, q) in [(&at_m, p.m_mess), (&at_s, at_s.scale("gauge"))] {
            let ours = gauge_couplings_at(q, &sm(), &ctx);
            for (i, g) in ours.iter().enumerate() {
                let theirs = slha.get("gauge", &(i + 1).to_string());
                let rel = g / theirs - 1.0;
                worst = worst.max(rel.abs());
                assert!(
                    rel.abs() < 3e-3,
                    "{}: g_{} at Q = {q:.1}: ours {g:.6}, SOFTSUSY {theirs:.6} ({:+.3} %)",
                    p.name,
                    i + 1,
                    100.0 * rel
                );
            }
        }
        // The paper's procedure (DR-bar M_Z inputs, one loop): g_3(M) far off.
        let paper = GaugeContext {
            options: GaugeOptions {
                matching: GaugeMatching::DrbarInputs,
                two_loop: false,
            },
            ..ctx
        };
        let g3_paper = gauge_couplings_at(p.m_mess, &sm(), &paper)[2];
        let g3_softsusy = at_m.get("gauge", "3");
        assert!(
            g3_paper / g3_softsusy - 1.0 > 0.03,
            "{}: paper g_3(M) = {g3_paper}, SOFTSUSY {g3_softsusy}",
            p.name
        );
    }
    eprintln!("largest relative deviation from SOFTSUSY: {worst:.2e}");
}

/// Tree-level 2x2 squark masses (ascending) and sin(2 theta) for mass state 1 = cos L + sin R:
/// `sin(2 theta) = 2 X/(m1^2 - m2^2)` with X the off-diagonal entry.
fn mixed(m_ll: f64, m_rr: f64, x: f64, m_quark: f64) -> MixedSquarks {
    let mean = (m_ll + m_rr) / 2.0;
    let root = (((m_ll - m_rr) / 2.0).powi(2) + x * x).sqrt();
    let (m1, m2) = (mean - root, mean + root);
    MixedSquarks {
        m_quark,
        masses: [m1.sqrt(), m2.sqrt()],
        sin_2theta: 2.0 * x / (m1 - m2),
    }
}

#[test]
fn gluino_and_squark_pole_masses_agree_with_softsusy() {
    for p in fixture().point {
        let s = Slha::read(&format!("softsusy_{}_msusy.slha", p.name));
        let q = s.scale("msoft");
        let (gp, g2, g3) = (
            s.get("gauge", "1"),
            s.get("gauge", "2"),
            s.get("gauge", "3"),
        );
        let (mu, tb, vev) = (s.get("hmix", "1"), s.get("hmix", "2"), s.get("hmix", "3"));
        let beta = tb.atan();
        let c2b = (2.0 * beta).cos();
        // SOFTSUSY's vev is the v = 246 GeV normalisation.
        let mz2 = (gp * gp + g2 * g2) * vev * vev / 4.0;
        let sw2 = gp * gp / (gp * gp + g2 * g2);
        let m2 = |i: &str| s.get("msoft", i).powi(2);
        let (d_ul, d_ur) = (
            (0.5 - 2.0 / 3.0 * sw2) * mz2 * c2b,
            2.0 / 3.0 * sw2 * mz2 * c2b,
        );
        let (d_dl, d_dr) = ((-0.5 + sw2 / 3.0) * mz2 * c2b, -sw2 / 3.0 * mz2 * c2b);
        let light = [
            (m2("41") + d_ul).sqrt(),
            (m2("44") + d_ur).sqrt(),
            (m2("41") + d_dl).sqrt(),
            (m2("47") + d_dr).sqrt(),
        ];
        let mt = s.get("yu", "3,3") * vev * beta.sin() / std::f64::consts::SQRT_2;
        let mb = s.get("yd", "3,3") * vev * beta.cos() / std::f64::consts::SQRT_2;
        let stops = mixed(
            m2("43") + mt * mt + d_ul,
            m2("46") + mt * mt + d_ur,
            mt * (s.get("au", "3,3") - mu / tb),
            mt,
        );
        let sbottoms = mixed(
            m2("43") + mb * mb + d_dl,
            m2("49") + mb * mb + d_dr,
            mb * (s.get("ad", "3,3") - mu * tb),
            mb,
        );
        let m3 = s.get("msoft", "3");
        let inp = GluinoInputs {
            m3,
            g3,
            q,
            light_squarks: light,
            stops,
            sbottoms,
        };
        let ours = gluino_pole_mass(&inp);
        let theirs = s.get("mass", "1000021");
        let rel = ours / theirs - 1.0;
        eprintln!(
            "{}: gluino M_3(Q) = {m3:.2}, pole ours {ours:.4}, SOFTSUSY {theirs:.4} ({rel:+.1e})",
            p.name
        );
        assert!(rel.abs() < 1e-4, "{}: gluino {rel:+.2e}", p.name);
        // The correction is the +10 % of docs/physics.md section 4c, not a rounding.
        assert!(ours / m3 - 1.0 > 0.08);
        // Squarks: pole mass with the SOFTSUSY gluino pole mass inside the loop, as SOFTSUSY.
        for (m_run, code) in light
            .iter()
            .zip(["1000002", "2000002", "1000001", "2000001"])
        {
            let ours = light_squark_pole_mass(*m_run, theirs, g3, q);
            let theirs_sq = s.get("mass", code);
            let rel = ours / theirs_sq - 1.0;
            eprintln!(
                "{}: squark {code} running {m_run:.2}, pole ours {ours:.2}, SOFTSUSY {theirs_sq:.2} ({:+.3} %)",
                p.name,
                100.0 * rel
            );
            assert!(rel.abs() < 1e-2, "{}: squark {code} {rel:+.2e}", p.name);
        }
    }
}
