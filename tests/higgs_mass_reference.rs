//! Issue 18: the EFT Higgs mass of `model::higgs_mass` against FeynHiggs 2.18 (NNLL EFT resummation
//! on top of its fixed-order two-loop result) at MSSM points from M_S = 0.5 to 20 TeV, X_t/M_S from
//! -2 to 2.45 and tan(beta) 2-50, and against SOFTSUSY 4.1.22's fixed-order two-loop mass at the
//! points with M_S <= 2 TeV, and against FlexibleSUSY 2.8.0's HSSUSY (the same EFT approach,
//! built independently) on the same grid and along m_h(M_S) at X_t = 0 and X_t = sqrt(6) M_S,
//! tan(beta) = 20, M_S = 1-20 TeV. Provenance in tests/data/higgs_mass_{feynhiggs,softsusy,hssusy}.csv.
//!
//! Targets (issue 18): |Delta m_h| <= 1.0 GeV where M_S >= 2 TeV, <= 2.0 GeV below.

use gmsbscan::model::higgs_mass::{higgs_mass, HiggsMassSettings, SusyParameters};

struct Row {
    m_s: f64,
    x: f64,
    tan_beta: f64,
    mh_ref: f64,
    dmh_ref: f64,
}

fn rows(path: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("m_s") && !l.trim().is_empty())
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|s| s.trim().parse().unwrap()).collect();
            Row {
                m_s: v[0],
                x: v[1],
                tan_beta: v[2],
                mh_ref: v[3],
                dmh_ref: v[4],
            }
        })
        .collect()
}

/// The reference codes' inputs: every soft mass, |M_i|, mu and m_A equal to M_S, A_b = A_tau = A_t.
fn parameters(r: &Row) -> SusyParameters {
    let p = SusyParameters::degenerate(r.m_s, r.x, r.tan_beta);
    SusyParameters {
        a_b: p.a_t,
        a_tau: p.a_t,
        ..p
    }
}

/// Points where the target is missed, kept visible rather than hidden by a looser tolerance (none
/// since the electroweakino threshold: the tan(beta) = 2, M_S = 2 TeV, X_t/M_S = 1.5 point went
/// from +1.33 to +0.15 GeV). A known miss must stay inside our quoted uncertainty.
const KNOWN_MISSES: &[(f64, f64, f64)] = &[];

#[test]
fn eft_higgs_mass_against_feynhiggs() {
    let settings = HiggsMassSettings::default();
    let mut failures = Vec::new();
    eprintln!("| M_S | X_t/M_S | tan(beta) | ours | FeynHiggs | diff | our unc. | FH unc. |");
    for r in rows("tests/data/higgs_mass_feynhiggs.csv") {
        let p = parameters(&r);
        let h = higgs_mass(&p, r.m_s, &settings).unwrap();
        let diff = h.m_h - r.mh_ref;
        eprintln!(
            "| {} | {} | {} | {:.2} | {:.2} | {:+.2} | {:.2} | {:.2} |",
            r.m_s, r.x, r.tan_beta, h.m_h, r.mh_ref, diff, h.uncertainty, r.dmh_ref
        );
        let target = if r.m_s >= 2000.0 { 1.0 } else { 2.0 };
        let known = KNOWN_MISSES
            .iter()
            .any(|&(m, x, t)| m == r.m_s && x == r.x && t == r.tan_beta);
        if known {
            assert!(
                diff.abs() > target,
                "known miss now meets the target: remove it from KNOWN_MISSES"
            );
            assert!(
                diff.abs() <= h.uncertainty,
                "known miss outside our uncertainty: {diff} vs {}",
                h.uncertainty
            );
        } else if diff.abs() > target {
            failures.push(format!(
                "M_S {} X {} tb {}: {diff:+.2} GeV",
                r.m_s, r.x, r.tan_beta
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "outside the issue-18 targets: {failures:?}"
    );
}

/// SOFTSUSY's fixed-order two-loop DR-bar mass lies above the EFT (missing higher-order
/// logarithms and the different top-Yukawa parametrisation of the O(alpha_t alpha_s) term; FeynHiggs
/// and SUSYHD, which resum, agree with us within 0.2 GeV at M_S >= 2 TeV, tests above). Since the
/// electroweakino threshold (BGSS eq. 11-13) is in the matching, we are 0.8-3.6 GeV below SOFTSUSY.
/// The differences beyond the targets are recorded here (our value minus SOFTSUSY's, GeV)
/// and guarded against moving, not hidden.
const SOFTSUSY_KNOWN_MISSES: &[(f64, f64, f64, f64)] = &[
    (1000.0, 2.45, 20.0, -2.96),
    (1500.0, 2.0, 10.0, -2.98),
    (2000.0, 0.0, 20.0, -1.16),
    (2000.0, 2.45, 20.0, -3.62),
    // tan(beta) = 2: FeynHiggs is 0.15 GeV below us, SOFTSUSY 2.36 GeV above.
    (2000.0, 1.5, 2.0, -2.36),
];

#[test]
fn eft_higgs_mass_against_softsusy_fixed_order() {
    let settings = HiggsMassSettings::default();
    let mut failures = Vec::new();
    eprintln!("| M_S | X_t/M_S | tan(beta) | ours | SOFTSUSY | diff | our unc. | SOFTSUSY unc. |");
    for r in rows("tests/data/higgs_mass_softsusy.csv") {
        let h = higgs_mass(&parameters(&r), r.m_s, &settings).unwrap();
        let diff = h.m_h - r.mh_ref;
        eprintln!(
            "| {} | {} | {} | {:.2} | {:.2} | {:+.2} | {:.2} | {:.2} |",
            r.m_s, r.x, r.tan_beta, h.m_h, r.mh_ref, diff, h.uncertainty, r.dmh_ref
        );
        let target = if r.m_s >= 2000.0 { 1.0 } else { 2.0 };
        let known = SOFTSUSY_KNOWN_MISSES
            .iter()
            .find(|k| k.0 == r.m_s && k.1 == r.x && k.2 == r.tan_beta);
        match known {
            Some(k) => {
                assert!(
                    diff.abs() > target,
                    "known miss now meets the target: update SOFTSUSY_KNOWN_MISSES"
                );
                assert!(
                    (diff - k.3).abs() < 0.05,
                    "known difference moved: {diff:+.2} vs recorded {:+.2}",
                    k.3
                );
            }
            None if diff.abs() > target => failures.push(format!(
                "M_S {} X {} tb {}: {diff:+.2}",
                r.m_s, r.x, r.tan_beta
            )),
            None => {}
        }
    }
    assert!(
        failures.is_empty(),
        "outside the issue-18 targets: {failures:?}"
    );
}

/// A published curve: m_h against X_t/M_S from -3 to 3 at M_S = 2 TeV, tan(beta) = 10, every
/// superpartner and m_A at M_S, computed by SUSYHD 1.0.2 (Vega, Villadoro arXiv:1504.05200) and
/// shipped in FlexibleSUSY's repository (tests/data/susyhd_mh_vs_xt.csv, provenance in its header).
/// Target (issue 18, M_S >= 2 TeV): within 1.0 GeV at every point.
#[test]
fn eft_higgs_mass_against_susyhd_curve() {
    let text = include_str!("data/susyhd_mh_vs_xt.csv");
    let settings = HiggsMassSettings::default();
    let (m_s, tan_beta) = (2000.0, 10.0);
    let mut worst = (0.0f64, 0.0f64);
    let mut n = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('x'))
    {
        let v: Vec<f64> = line.split(',').map(|s| s.parse().unwrap()).collect();
        let (x, want) = (v[0], v[1]);
        let p = SusyParameters {
            a_b: m_s * tan_beta,
            a_tau: m_s * tan_beta,
            ..SusyParameters::degenerate(m_s, x, tan_beta)
        };
        let h = higgs_mass(&p, m_s, &settings).unwrap();
        let diff = h.m_h - want;
        eprintln!(
            "X_t/M_S {x:+.1}: ours {:.2} +- {:.2}, SUSYHD {want:.2}, diff {diff:+.2}",
            h.m_h, h.uncertainty
        );
        if diff.abs() > worst.1.abs() {
            worst = (x, diff);
        }
        n += 1;
    }
    assert_eq!(n, 61);
    assert!(
        worst.1.abs() <= 1.0,
        "largest difference {:+.2} GeV at X_t/M_S = {}",
        worst.1,
        worst.0
    );
}

/// The grid of tests/data/higgs_mass_feynhiggs.csv (same inputs) and the m_h(M_S) curves below,
/// computed by FlexibleSUSY 2.8.0's HSSUSY (provenance in tests/data/higgs_mass_hssusy.csv; its
/// uncertainty column is our own scale variation of HSSUSY: Q_match in [M_S/2, 2 M_S], the SM
/// scale in [M_t/2, 2 M_t] and the y_t parametrisation of the threshold, in quadrature).
/// Targets of issue 18: |Delta m_h| <= 1.0 GeV where M_S >= 2 TeV, <= 2.0 GeV below, at every row.
#[test]
fn eft_higgs_mass_against_hssusy() {
    let settings = HiggsMassSettings::default();
    let mut failures = Vec::new();
    let mut n = 0;
    eprintln!("| M_S | X_t/M_S | tan(beta) | ours | HSSUSY | diff | our unc. | HSSUSY unc. |");
    for r in rows("tests/data/higgs_mass_hssusy.csv") {
        let h = higgs_mass(&parameters(&r), r.m_s, &settings).unwrap();
        let diff = h.m_h - r.mh_ref;
        eprintln!(
            "| {} | {:.3} | {} | {:.2} | {:.2} | {:+.2} | {:.2} | {:.2} |",
            r.m_s, r.x, r.tan_beta, h.m_h, r.mh_ref, diff, h.uncertainty, r.dmh_ref
        );
        let target = if r.m_s >= 2000.0 { 1.0 } else { 2.0 };
        if diff.abs() > target {
            failures.push(format!(
                "M_S {} X {} tb {}: {diff:+.2} GeV",
                r.m_s, r.x, r.tan_beta
            ));
        }
        n += 1;
    }
    assert_eq!(n, 30);
    assert!(
        failures.is_empty(),
        "outside the issue-18 targets: {failures:?}"
    );
}

/// The m_h(M_S) curves of issue 18 (X_t = 0 and maximal mixing X_t = sqrt(6) M_S, tan(beta) = 20,
/// M_S = 1-20 TeV; arXiv:1504.05200 Fig. 2, 1407.4081 Fig. 5) as HSSUSY computes them: the
/// published curves are not available as numbers, and HSSUSY reproduces SUSYHD (the code of
/// arXiv:1504.05200) to a relative 6.5e-4 with two-loop SM-side settings (FlexibleSUSY's own
/// test/test_HSSUSY_SUSYHD.sh, the X_t scan of tests/data/susyhd_mh_vs_xt.csv). The fixture uses
/// HSSUSY's defaults, whose higher-order SM side (three-loop Higgs self-energy, four-loop QCD in
/// the top mass) puts it 0.36 GeV below those settings (M_S = 2 TeV, X_t = 0, tan(beta) = 20:
/// 115.42 against 115.78 GeV); measured, ours minus HSSUSY is +0.41 +- 0.03 GeV along both curves.
/// Target: within 1.0 GeV at every point of both curves, and the curves' rise from 1 to 20 TeV
/// within 0.5 GeV of HSSUSY's.
#[test]
fn eft_m_h_against_m_s_curves_follow_hssusy() {
    let settings = HiggsMassSettings::default();
    let curve_rows: Vec<Row> = rows("tests/data/higgs_mass_hssusy.csv")
        .into_iter()
        .filter(|r| r.tan_beta == 20.0 && r.m_s >= 1000.0)
        .collect();
    let maximal_mixing = |r: &Row| (r.x - 6f64.sqrt()).abs() < 1e-6;
    for maximal in [false, true] {
        let mut curve: Vec<&Row> = curve_rows
            .iter()
            .filter(|r| {
                if maximal {
                    maximal_mixing(r)
                } else {
                    r.x == 0.0
                }
            })
            .collect();
        curve.sort_by(|a, b| a.m_s.total_cmp(&b.m_s));
        // 1, 1.5, 2, 3, 5, 7, 10, 15, 20 TeV.
        assert_eq!(curve.len(), 9, "maximal mixing {maximal}");
        let ours: Vec<f64> = curve
            .iter()
            .map(|r| higgs_mass(&parameters(r), r.m_s, &settings).unwrap().m_h)
            .collect();
        let mut report = String::new();
        let mut worst = 0.0f64;
        for (r, m) in curve.iter().zip(&ours) {
            report += &format!(
                "M_S {} X_t/M_S {:.3}: ours {m:.2} HSSUSY {:.2} diff {:+.2}\n",
                r.m_s,
                r.x,
                r.mh_ref,
                m - r.mh_ref
            );
            worst = worst.max((m - r.mh_ref).abs());
        }
        let (first, last) = (0, curve.len() - 1);
        assert!(curve[first].m_s == 1000.0 && curve[last].m_s == 20000.0);
        let rise_ours = ours[last] - ours[first];
        let rise_ref = curve[last].mh_ref - curve[first].mh_ref;
        eprintln!("{report}rise 1 -> 20 TeV: ours {rise_ours:.2}, HSSUSY {rise_ref:.2}");
        assert!(worst <= 1.0, "largest difference {worst:.2} GeV\n{report}");
        assert!(
            (rise_ours - rise_ref).abs() <= 0.5,
            "rise {rise_ours:.2} vs {rise_ref:.2}\n{report}"
        );
    }
}
