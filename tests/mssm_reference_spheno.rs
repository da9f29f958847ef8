//! SPheno 4.0.5 as a third reference code for issue 17 (tests/data/spheno_mssm_gmsb.toml: the
//! provenance of every number; SOFTSUSY 4.1.22's numbers for the same seven points are in
//! tests/data/softsusy_mssm_gmsb.toml).
//!
//! SPheno gives each point twice, with its two ways of matching the SM inputs (`mode`):
//! - `sm_decoupling` (its default): the SM runs from M_Z/M_t to Q, and the SM couplings are matched
//!   onto the MSSM at Q (SugraRuns.F90 `Boundary_SUSY`). This is the procedure of this program's
//!   `yukawa_inputs = "measured"`.
//! - `fixed_order` (SPhenoInput 49 = 1): one-loop MSSM thresholds at M_Z, then MSSM running to Q.
//!   This is SOFTSUSY's procedure (SOFTSUSY matches at M_t).
//!
//! Findings (docs/physics.md section 3, "Third reference code: SPheno"). Every h(Q) is compared at
//! the reference code's own Q, with its own running spectrum there:
//! - h_t: SPheno's two modes differ from each other by 1.2-2.6 %, and SOFTSUSY lies between them
//!   (fixed_order +0.6..+1.3 % above it, sm_decoupling -0.4..-1.2 % below). Our matching is
//!   -0.34..-0.87 % from sm_decoupling. Two pieces explain that difference. First, SPheno 4.0.5's
//!   `Boundary_SUSY` computes the MS-bar -> DR-bar shift of the Yukawas and then overwrites it: the
//!   final `Yu = (Yu_SM - dYu_ahol cos b)/sin b - dYu_hol` starts again from `Yu_SM`. Second, SPheno
//!   has no Higgs wave-function threshold of the inos. With both taken out of ours, the two
//!   matchings agree to 0.3 %, and to 0.13 % away from p4. The SM y_t(Q) of the two codes agrees to
//!   0.07 %. The 1.1-1.6 % gap to SOFTSUSY is therefore the difference between the two procedures,
//!   not a defect of ours.
//! - h_b: against sm_decoupling, like for like, ours is +0.6..+1.4 % (the SM y_b(Q) alone +0.9 %);
//!   against the fixed-order codes it is -1.1..-2.5 % (SOFTSUSY) and -1.8..-4.3 % (SPheno
//!   fixed_order), and these two differ from each other by -1.0..+1.5 %. SPheno's sm_decoupling
//!   matches with the input tan(beta) (MINPAR 3), not with the tan(beta)(Q) it prints in HMIX 2.
//! - h_tau: SPheno's fixed_order value agrees with ours to 0.6 %; its sm_decoupling value is
//!   2-9 % away from the three others, following the sign of mu.
//! - Masses: SOFTSUSY lies between SPheno's two modes in mu (SPheno: -3.1..+3.3 %), m_A, M_3, the
//!   gluino and the squarks. Against SPheno's default, issue 17's 2 %/3 % targets miss only for
//!   sleptons (our running tree-level masses against its one-loop pole masses).

use gmsbscan::config::{PhysicsConfig, Preset, SmInputs};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::model::boundary::MessengerInputs;
use gmsbscan::model::yukawa::{
    drbar_conversion, matched_yukawas, MatchedYukawas, ThresholdSpectrum, YukawaCharges,
};
use gmsbscan::models::mssm::{MssmEvaluator, MssmInputs, MssmSolution, MuSign};
use serde::Deserialize;
use std::f64::consts::PI;

mod common;
use common::fixture::{get, threshold_spectrum};

#[derive(Deserialize)]
struct Fixture {
    point: Vec<toml::Table>,
}

fn name(t: &toml::Table) -> &str {
    t["name"].as_str().expect("name")
}

/// SPheno's points of one `mode`, in the fixture's order p1..p7.
fn spheno(mode: &str) -> Vec<toml::Table> {
    let f: Fixture =
        toml::from_str(include_str!("data/spheno_mssm_gmsb.toml")).expect("fixture parses");
    let points: Vec<_> = f
        .point
        .into_iter()
        .filter(|p| p["mode"].as_str() == Some(mode))
        .collect();
    assert_eq!(points.len(), 7, "{mode}: seven points");
    points
}

fn softsusy() -> Vec<toml::Table> {
    let f: Fixture =
        toml::from_str(include_str!("data/softsusy_mssm_gmsb.toml")).expect("fixture parses");
    f.point
}

/// The top pole mass of every card (SMINPUTS 6), SOFTSUSY's and SPheno's.
const M_TOP_POLE: f64 = 173.1;

/// Both codes were run on the same point with the same SM inputs.
fn assert_same_point(sp: &toml::Table, ss: &toml::Table) {
    assert_eq!(name(sp), name(ss));
    for key in ["lambda_susy", "m_mess", "tan_beta_mz", "sign_mu", "n5"] {
        assert_eq!(get(sp, key), get(ss, key), "{} {key}", name(sp));
    }
    let card = sp["card"].as_str().unwrap();
    for line in [
        "1   1.279340000e+02",
        "2   1.166370000e-05",
        "3   1.180000000e-01",
        "4   9.118760000e+01",
        "5   4.180000000e+00",
        "6   1.731000000e+02",
        "7   1.777000000e+00",
    ] {
        assert!(card.contains(line), "{}: SMINPUTS {line}", name(sp));
        assert!(ss["card"].as_str().unwrap().contains(line));
    }
}

/// The running SUSY masses of a reference point at its Q (the thresholds' inputs).
fn spectrum(p: &toml::Table) -> ThresholdSpectrum {
    threshold_spectrum(p, "_q")
}

/// The tan(beta) of the reference code's Yukawas at its Q. For sm_decoupling this is the one its
/// `Boundary_SUSY` used (`internal_matching_tan_beta`: the input MINPAR 3 at every point, while
/// HMIX 2 prints a tan(beta)(Q) 0.7-4 % smaller; with HMIX 2 instead, h_b and h_tau would be
/// compared at the wrong 1/cos(beta)). For fixed_order it is HMIX 2, the MSSM tan(beta)(Q).
fn matching_tan_beta(p: &toml::Table) -> f64 {
    if p["mode"].as_str() == Some("sm_decoupling") {
        get(p, "internal_matching_tan_beta")
    } else {
        get(p, "tan_beta_q")
    }
}

/// Our matching at the reference code's Q, with its gauge couplings, tan(beta) and SUSY masses
/// there, from the cards' SM inputs (the defaults of `SmInputs`).
fn matched(p: &toml::Table) -> MatchedYukawas {
    let sm = SmInputs::default();
    assert_eq!(
        (
            sm.alpha_s_mz,
            sm.m_bottom_mb,
            sm.m_tau,
            sm.alpha_em_inv_mz,
            sm.g_fermi
        ),
        (0.118, 4.18, 1.777, 127.934, 1.16637e-5),
        "the cards' SM inputs"
    );
    let gauge = [get(p, "g_prime_q"), get(p, "g2_q"), get(p, "g3_q")];
    matched_yukawas(
        get(p, "q"),
        matching_tan_beta(p),
        M_TOP_POLE,
        &sm,
        gauge,
        &spectrum(p),
    )
}

fn pct(ours: f64, reference: f64) -> f64 {
    100.0 * (ours / reference - 1.0)
}

/// Our MS-bar -> DR-bar factor of h_t at the point (QCD with the SM alpha_s(Q), electroweak with
/// the MSSM g_2, g').
fn our_top_conversion(p: &toml::Table, y: &MatchedYukawas) -> f64 {
    let g3_sm = (4.0 * PI * y.sm.alpha_s).sqrt();
    1.0 + drbar_conversion(
        &YukawaCharges::TOP,
        [g3_sm, get(p, "g2_q"), get(p, "g_prime_q")],
    )
}

/// h_t from our matching and SPheno's sm_decoupling matching, both at SPheno's Q with SPheno's
/// spectrum. SPheno's matching is the same procedure as ours (SM running to Q, one-loop
/// thresholds at Q), so here the comparison is like for like. Our h_t is
/// `y_t/sin(b) c_t (1 + delta_t + delta_t_ew + delta_h)`. SPheno 4.0.5's final
/// `Yu = (Yu_SM - dYu_ahol cos b)/sin b - dYu_hol` has no MS-bar -> DR-bar factor: it computes
/// the factor and then overwrites it. It also has no `delta_h`. With both taken out of ours
/// (`y_t/sin(b) (1 + delta_t + delta_t_ew)`), what is compared is the SM running from M_t to Q
/// (ours: the y_t fit, three-loop QCD; SPheno: its two-loop SM RGEs from M_Z) and the SUSY-QCD
/// and electroweak top thresholds (ours: PBMZ self-energies; SPheno: its C_0 terms in the unbroken
/// phase). The residual is not isolated. It is largest at p4, where the gluino (1.4 TeV) lies
/// furthest above Q. The B_1 part of our gluino-stop threshold (X_t = 0) alone is -0.15..+0.17 %
/// and does not follow the residuals; the X_t parts also differ in form (ours: B_0 at p = M_t with
/// the mixed stops; SPheno: C_0 in the unbroken phase). Both at SPheno's matching tan(beta).
/// SPheno's SM y_t(Q) alone is 0.05-0.07 % above ours (`sm_couplings_at_q_against_spheno`).
/// Measured 2026-12-06, in %, p1..p7:
/// - like for like: -0.00 +0.01 +0.12 -0.29 -0.11 +0.01 +0.13 (tolerance 0.4 %);
/// - as is (ours minus SPheno's printed h_t): -0.48 -0.45 -0.42 -0.87 -0.50 -0.34 -0.37
///   (tolerance 1.0 %). SPheno's missing factor is -0.75..-0.86 %, our delta_h +0.25..+0.40 %.
/// - like for like against SPheno run with the y_t(M_t) fit this program uses (SPhenoInput 48 = 1;
///   it moves SPheno's h_t(Q) by -0.02..-0.04 %): +0.03 +0.04 +0.15 -0.25 -0.09 +0.03 +0.16
///   (tolerance 0.4 %).
///
/// Against SOFTSUSY, at SOFTSUSY's Q, ours is -1.08..-1.63 % (tests/yukawa_softsusy.rs), and
/// SPheno's own fixed_order matching is +0.6..+1.3 % above SOFTSUSY.
#[test]
fn h_t_like_for_like_with_spheno() {
    let mut failures = Vec::new();
    for (sp, ss) in spheno("sm_decoupling").iter().zip(softsusy()) {
        assert_same_point(sp, &ss);
        let y = matched(sp);
        let c_t = our_top_conversion(sp, &y);
        let thresholds = 1.0 + y.delta_t + y.delta_t_ew;
        let like = y.ht / c_t * thresholds / (thresholds + y.delta_h);
        let rows = [
            ("like for like", pct(like, get(sp, "yt_q")), 0.4),
            ("as is", pct(y.ht, get(sp, "yt_q")), 1.0),
            // SPheno with the same y_t(M_t) fit as ours (SPhenoInput 48; its Q within 0.2 %).
            ("like, y_t fit", pct(like, get(sp, "fit48_yt_q")), 0.4),
        ];
        println!(
            "{}: h_t ours {:.5}, SPheno {:.5}; c_t - 1 = {:+.4}, delta_h = {:+.4}",
            name(sp),
            y.ht,
            get(sp, "yt_q"),
            c_t - 1.0,
            y.delta_h
        );
        for (what, diff, tol) in rows {
            println!("  {what:<14} ours minus SPheno {diff:+.3} % (tol {tol} %)");
            if !(diff.abs() <= tol) {
                failures.push(format!("{} h_t {what}: {diff:+.3} %", name(sp)));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// h_tau against SPheno's fixed_order matching (SOFTSUSY's procedure), at its Q with its spectrum:
/// measured +0.41 +0.43 +0.46 +0.40 +0.22 -0.02 +0.51 % (tolerance 0.8 %). SPheno's sm_decoupling
/// h_tau is printed, not compared: ours minus it is +5.8 +3.7 -2.2 +2.0 +7.8 +8.8 -4.5 %, with the
/// sign of -mu, growing with tan(beta); it is 1-7 % away from SOFTSUSY and from its own fixed_order
/// value too. Its SM y_tau(Q) agrees with ours to 0.08 %, so the difference is its Delta_tau in the
/// unbroken phase (not investigated further).
#[test]
fn h_tau_against_spheno_fixed_order() {
    let mut failures = Vec::new();
    for (fo, dec) in spheno("fixed_order").iter().zip(spheno("sm_decoupling")) {
        let y = matched(fo);
        let diff = pct(y.htau, get(fo, "ytau_q"));
        let y_dec = matched(&dec);
        println!(
            "{}: h_tau ours minus SPheno fixed_order {diff:+.3} % (tol 0.8 %); [sm_decoupling: \
             {:+.2} %, our Delta_tau {:+.4}]",
            name(fo),
            pct(y_dec.htau, get(&dec, "ytau_q")),
            y_dec.delta_tau
        );
        if !(diff.abs() <= 0.8) {
            failures.push(format!("{} h_tau: {diff:+.3} %", name(fo)));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Issue 17's h_b target (2 % at tan(beta) >= 20) against both SPheno matchings, at SPheno's Q with
/// its spectrum and its matching tan(beta). It is met against sm_decoupling, the procedure that is
/// ours, at every point. It is missed against fixed_order at p1, p5, p6, p7; SOFTSUSY's h_b, from
/// the same fixed-order procedure, differs from SPheno's fixed_order by -1.0..+1.5 %. A miss is named with its measured value. It may not get worse by more than 0.5
/// percentage points, and it must leave the list once it passes. sm_decoupling is compared like
/// for like, without our MS-bar -> DR-bar factor and delta_h, as for h_t.
/// Measured 2026-12-06, p1..p7: sm_decoupling (like for like, at its matching tan(beta))
/// +1.16 +1.14 +1.07 +1.35 +1.43 +1.29 +0.59 %, of which +0.84..+0.91 % is the SM y_b(Q) (test
/// `sm_couplings_at_q_against_spheno`); fixed_order -2.42 -2.40 -1.77 -2.14 -4.24 -4.32 -2.15 %.
/// (With HMIX 2's tan(beta) instead of the matching one, the sm_decoupling values would be
/// -0.7..-3.1 %: 1/cos(beta) alone is 0.7-4 %.)
const H_B_KNOWN_MISSES: &[(&str, &str, f64)] = &[
    ("p1", "fixed_order", -2.42),
    ("p5", "fixed_order", -4.24),
    ("p6", "fixed_order", -4.32),
    ("p7", "fixed_order", -2.15),
];

#[test]
fn h_b_against_spheno() {
    let mut failures = Vec::new();
    for mode in ["sm_decoupling", "fixed_order"] {
        for p in spheno(mode) {
            let tan_beta = get(&p, "tan_beta_mz");
            let y = matched(&p);
            let ours = if mode == "sm_decoupling" {
                let g3_sm = (4.0 * PI * y.sm.alpha_s).sqrt();
                let c_b = 1.0
                    + drbar_conversion(
                        &YukawaCharges::BOTTOM,
                        [g3_sm, get(&p, "g2_q"), get(&p, "g_prime_q")],
                    );
                y.hb / c_b / (1.0 + y.delta_h)
            } else {
                y.hb
            };
            let diff = pct(ours, get(&p, "yb_q"));
            println!(
                "{} {mode}: tan(beta)(M_Z) {tan_beta:.1}, Delta_b {:+.4}, h_b ours minus SPheno {diff:+.2} %",
                name(&p),
                y.delta_b
            );
            if tan_beta < 20.0 {
                continue;
            }
            let known = H_B_KNOWN_MISSES
                .iter()
                .find(|(pt, m, _)| *pt == name(&p) && *m == mode);
            match (known, diff.abs() <= 2.0) {
                (None, true) => {}
                (None, false) => failures.push(format!("{} {mode} h_b: {diff:+.2} %", name(&p))),
                (Some(_), true) => failures.push(format!(
                    "{} {mode} h_b now passes ({diff:+.2} %): remove it from H_B_KNOWN_MISSES",
                    name(&p)
                )),
                (Some((_, _, recorded)), false) => {
                    if diff.abs() > recorded.abs() + 0.5 {
                        failures.push(format!(
                            "{} {mode} h_b got worse: {diff:+.2} % (recorded {recorded:+.2} %)",
                            name(&p)
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The issue-17 columns of one solution: (column, ours, reference key). Ours as in
/// tests/mssm_reference.rs: running M_i and mu at our Q, one-loop pole A (the A self-energy on
/// the running m_A), gluino, inos, light squarks, stops, staus and selectrons.
fn columns(sol: &MssmSolution) -> Vec<(&'static str, f64, &'static str)> {
    let sp = &sol.spectrum;
    let s = sol.soft_q();
    let e = &sol.ewsb;
    let c = sol.couplings_q();
    vec![
        ("h_t(Q)", c.ht, "yt_q"),
        ("h_b(Q)", c.hb, "yb_q"),
        ("h_tau(Q)", c.htau, "ytau_q"),
        ("M_1", s.m1, "m1_q"),
        ("M_2", s.m2, "m2_q"),
        ("M_3", s.m3, "m3_q"),
        ("mu", e.mu, "mu_q"),
        ("m_A", sp.a_pole, "pole_a0"),
        ("stau_1", sp.sfermion_pole.stau[0], "pole_stau1"),
        ("e_R", sp.sfermion_pole.selectron_r, "pole_selectron_r"),
        (
            "chi_1",
            sp.ino_pole.neutralinos[0].abs(),
            "pole_neutralino1",
        ),
        ("chargino_1", sp.ino_pole.charginos[0], "pole_chargino1"),
        ("gluino", sp.pole.gluino, "pole_gluino"),
        ("stop_1", sp.sfermion_pole.stop[0], "pole_stop1"),
        ("stop_2", sp.sfermion_pole.stop[1], "pole_stop2"),
        ("u_L", sp.pole.sup_l, "pole_sup_l"),
        ("u_R", sp.pole.sup_r, "pole_sup_r"),
        ("m_h", sp.higgs.h_mass2.sqrt(), "pole_h0"),
    ]
}

/// Issue 17's MSSM-limit targets against SPheno's default (sm_decoupling) pole masses and running
/// parameters: within 2 % at p1 and 3 % at p2..p7. The comparison is the same as against SOFTSUSY
/// in tests/mssm_reference.rs. A miss is named with its measured value; it may not get worse by
/// more than 0.5 percentage points and must leave the list once it passes. The list is empty
/// since the stops, staus and selectrons carry their one-loop pole masses (the six slepton misses
/// against running masses, -2.4..-4.0 %, are now -0.04..-1.11 %). The test also prints the three-way table (ours, SOFTSUSY, SPheno sm_decoupling and
/// fixed_order) of h_t, h_b, h_tau, the target columns and m_h (docs/physics.md section 3).
const SPHENO_KNOWN_MISSES: &[(&str, &str, f64)] = &[];

/// Columns printed but not held to the issue's 2 %/3 % mass targets: the Yukawas have their own
/// tests above, and m_h is compared in tests/higgs_mass_reference.rs.
const PRINTED_ONLY: [&str; 4] = ["h_t(Q)", "h_b(Q)", "h_tau(Q)", "m_h"];

#[test]
fn issue17_targets_against_spheno() {
    let ss = softsusy();
    let dec = spheno("sm_decoupling");
    let fo = spheno("fixed_order");
    let mut failures = Vec::new();
    println!(
        "| point | column | ours | SOFTSUSY | SPheno dec | SPheno fo | ours-SS % | ours-SPdec % | \
         ours-SPfo % | SPdec-SS % | SPfo-SS % |"
    );
    for ((s, d), f) in ss.iter().zip(&dec).zip(&fo) {
        assert_same_point(d, s);
        assert_same_point(f, s);
        let mut physics = PhysicsConfig::preset(Preset::Consistent);
        physics.n5 = get(s, "n5");
        let ev = MssmEvaluator::new(physics, BoundSetName::None);
        // SPheno's own tan(beta)(Q) at its Q (our input is tan(beta) at Q).
        let inputs = MssmInputs {
            messengers: MessengerInputs {
                lambda_susy: get(d, "lambda_susy"),
                m_mess: get(d, "m_mess"),
                n5: get(d, "n5"),
            },
            tan_beta: get(d, "tan_beta_q"),
            sign_mu: MuSign::from_value(get(d, "sign_mu")).expect("sign_mu is +-1"),
            m_top: M_TOP_POLE,
        };
        let sol = ev
            .evaluate(&inputs)
            .unwrap_or_else(|r| panic!("{}: {r}", name(d)));
        let tolerance = if name(d) == "p1" { 2.0 } else { 3.0 };
        for (column, ours, key) in columns(&sol) {
            // mu < 0 at p3 and p7: magnitudes are compared.
            let ours = ours.abs();
            let [r_ss, r_dec, r_fo] = [s, d, f].map(|p| get(p, key).abs());
            let diff = pct(ours, r_dec);
            println!(
                "| {} | {column} | {ours:.5} | {r_ss:.5} | {r_dec:.5} | {r_fo:.5} | {:+.2} | {diff:+.2} \
                 | {:+.2} | {:+.2} | {:+.2} |",
                name(d),
                pct(ours, r_ss),
                pct(ours, r_fo),
                pct(r_dec, r_ss),
                pct(r_fo, r_ss)
            );
            if PRINTED_ONLY.contains(&column) {
                continue;
            }
            let known = SPHENO_KNOWN_MISSES
                .iter()
                .find(|(pt, c, _)| *pt == name(d) && *c == column);
            match (known, diff.abs() <= tolerance) {
                (None, true) => {}
                (None, false) => failures.push(format!(
                    "{} {column}: {ours:.5e} vs SPheno {r_dec:.5e} ({diff:+.2} % > {tolerance} %)",
                    name(d)
                )),
                (Some(_), true) => failures.push(format!(
                    "{} {column} now passes ({diff:+.2} %): remove it from SPHENO_KNOWN_MISSES",
                    name(d)
                )),
                (Some((_, _, recorded)), false) => {
                    if diff.abs() > recorded.abs() + 0.5 {
                        failures.push(format!(
                            "{} {column} got worse: {diff:+.2} % (recorded {recorded:+.2} %)",
                            name(d)
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The SM MS-bar couplings at Q, before any SUSY threshold: ours (`sm_couplings_at`: y_t from the
/// Buttazzo et al. fit at M_t, m_b(M_t) from three-loop QCD, y_f = sqrt2 m_f/v with v = v(G_F),
/// SM running to Q) against SPheno's at the same Q (`internal_*`: its `BoundarySM` at M_Z and two-
/// loop SM RGEs to Q). Measured 2026-12-06, ours minus SPheno, p1..p7:
/// - y_t: -0.05..-0.07 % (tolerance 0.15 %);
/// - alpha_s (as g_3): -0.06..-0.07 % (tolerance 0.15 %);
/// - y_tau: +0.07..+0.08 % (tolerance 0.15 %);
/// - y_b: +0.84..+0.91 % (tolerance 1.2 %). At M_Z, SPheno's m_b(M_Z) = y_b v_mZ/sqrt2 = 2.8628
///   GeV agrees with ours (2.8654, -0.09 %), but its y_b(M_Z) divides it by the MS-bar
///   v(M_Z) = 2 m_W(M_Z)/g_2(M_Z) = 249.1 GeV and ours by v(G_F) = 246.2 GeV: +1.27 % in ours at
///   M_Z. That is a one-loop electroweak difference of scheme. Which of the two belongs with the
///   tadpole convention of our y_t fit was not settled here.
#[test]
fn sm_couplings_at_q_against_spheno() {
    use gmsbscan::model::yukawa::sm_couplings_at;
    let sm = SmInputs::default();
    let mut failures = Vec::new();
    for p in spheno("sm_decoupling") {
        let q = get(&p, "internal_q");
        let ours = sm_couplings_at(q, M_TOP_POLE, &sm);
        let g3 = (4.0 * PI * ours.alpha_s).sqrt();
        let m_b_mz = get(&p, "internal_sm_yb_mz") * get(&p, "internal_vev_mz") / 2f64.sqrt();
        let rows = [
            ("y_t", ours.y_t, "internal_sm_yt_q", 0.15),
            ("g_3", g3, "internal_sm_g3_q", 0.15),
            ("y_tau", ours.y_tau, "internal_sm_ytau_q", 0.15),
            ("y_b", ours.y_b, "internal_sm_yb_q", 1.2),
        ];
        println!(
            "{}: Q = {q:.1} GeV, SPheno's m_b(M_Z) = {m_b_mz:.4} GeV",
            name(&p)
        );
        for (what, value, key, tol) in rows {
            let diff = pct(value, get(&p, key));
            println!(
                "  {what:<6} ours {value:.6e}  SPheno {:.6e}  {diff:+.3} % (tol {tol} %)",
                get(&p, key)
            );
            if !(diff.abs() <= tol) {
                failures.push(format!("{} {what}: {diff:+.3} %", name(&p)));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
