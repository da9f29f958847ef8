//! Yukawa matching from measured masses (model::yukawa, switch `yukawa_inputs = "measured"`)
//! against SOFTSUSY 4.1.22 (tests/data/softsusy_mssm_gmsb.toml: the provenance of every number).
//!
//! The matching is evaluated at SOFTSUSY's scale Q with SOFTSUSY's running SUSY masses there
//! (M_1, M_2, M_3, mu, A_t, the third-family soft masses) and its gauge couplings, from the SM
//! inputs of its card (M_t = 173.1 GeV, alpha_s(M_Z) = 0.118, m_b(m_b) = 4.18, m_tau = 1.777);
//! what is compared is then only the Yukawa matching: SM running to Q and the SUSY thresholds
//! here, against SOFTSUSY's full one-loop matching at M_Z and two-loop MSSM running to Q.
//! Targets (issue 17): h_t within 0.5 % everywhere, h_b within 2 % at tan(beta) >= 20. NOT MET
//! (measured 2026-12-06, with the electroweak thresholds of h_t and h_b, the Higgs wave-function
//! threshold of the inos, the electroweak MS-bar -> DR-bar conversion and the y_t fit expanded at its
//! own M_t = 173.34): h_t is 1.08-1.21 % below SOFTSUSY at p1-p4 (Q ~ 1 TeV), 1.40 % at p7,
//! 1.58-1.63 % at p5 and p6 (Q = 2.8 TeV); h_b 1.1-1.3 % below at p1-p4 (2 % met at p1, tan(beta) =
//! 24) and 2.1-2.4 % at p5-p7; h_tau within 0.24 %. The h_t offset is a difference of order and
//! scheme (docs/physics.md section 3, "Diagnosis of the h_t gap"; examples/yukawa_softsusy_diagnostic):
//! SOFTSUSY's QCD conversion at M_t (two-loop, MSSM alpha_s; its missing O(alpha_s^3) alone is
//! -0.34 % in ours) and its unresummed alpha_s-threshold logarithms between M_t and Q; with
//! SOFTSUSY's QCD switched into ours the two matchings agree to 0.08-0.20 % at M_t. The tolerances
//! are the measured offsets plus about 0.5 %: they pin the present accuracy.
//! A third code settles the side: SPheno 4.0.5, whose default matching is ours (SM running to Q,
//! matching at Q), agrees with our h_t matching to 0.3 % like for like, and its own SOFTSUSY-like
//! fixed-order mode is 0.6-1.3 % ABOVE SOFTSUSY (tests/mssm_reference_spheno.rs; docs/physics.md
//! section 3, "Third reference code: SPheno").
//!
//! The module `fixed_order` below tests the other setting, `yukawa_matching = "mssm_at_mt"`
//! (model::yukawa_fixed_order, SOFTSUSY's own procedure): its pieces at M_t against SOFTSUSY's
//! `calcRunningMt` and the chain to Q against SOFTSUSY's h(Q), where issue 17's targets hold.

use gmsbscan::config::SmInputs;
use gmsbscan::model::yukawa::matched_yukawas;
use serde::Deserialize;

mod common;
use common::fixture::{get, threshold_spectrum as spectrum};

#[derive(Deserialize)]
struct Fixture {
    point: Vec<toml::Table>,
}

/// The top pole mass of the SOFTSUSY cards (SMINPUTS 6).
const M_TOP_POLE: f64 = 173.1;

#[test]
fn yukawas_at_q_against_softsusy() {
    let fixture: Fixture =
        toml::from_str(include_str!("data/softsusy_mssm_gmsb.toml")).expect("fixture parses");
    let sm = SmInputs::default();
    assert_eq!(
        (sm.alpha_s_mz, sm.m_bottom_mb, sm.m_tau, sm.alpha_em_inv_mz),
        (0.118, 4.18, 1.777, 127.934),
        "the SOFTSUSY cards' SM inputs"
    );
    let mut failures = Vec::new();
    for p in &fixture.point {
        let name = p["name"].as_str().unwrap();
        assert!(p["card"]
            .as_str()
            .unwrap()
            .contains("1.731000000e+02      # mtop(pole)"));
        let tb = get(p, "tan_beta_q");
        let sp = spectrum(p, "_q");
        let gauge = [get(p, "g_prime_q"), get(p, "g2_q"), get(p, "g3_q")];
        let y = matched_yukawas(get(p, "q"), tb, M_TOP_POLE, &sm, gauge, &sp);
        let rows = [
            ("h_t", y.ht, get(p, "yt_q"), 0.022),
            ("h_b", y.hb, get(p, "yb_q"), 0.03),
            ("h_tau", y.htau, get(p, "ytau_q"), 0.008),
        ];
        println!(
            "{name}: tan(beta) = {tb:.2}, delta_t = {:+.4}, delta_t_ew = {:+.4}, Delta_b = {:+.4}, \
             Delta_tau = {:+.4}, SM y_t(Q) = {:.5}, alpha_s(Q) = {:.5}",
            y.delta_t, y.delta_t_ew, y.delta_b, y.delta_tau, y.sm.y_t, y.sm.alpha_s
        );
        for (what, ours, theirs, tol) in rows {
            let rel = ours / theirs - 1.0;
            println!(
                "  {what:<6} ours {ours:.6}  softsusy {theirs:.6}  diff {:+.3} %  (tol {:.1} %)",
                100.0 * rel,
                100.0 * tol
            );
            if !(rel.abs() <= tol) {
                failures.push(format!(
                    "{name} {what}: {ours} vs {theirs} ({:+.3} %)",
                    100.0 * rel
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The same matching evaluated at SOFTSUSY's own matching scale M_t = 173.1 GeV with SOFTSUSY's
/// running parameters there (tests/data/softsusy_top_matching.toml, which also holds the pieces of
/// SOFTSUSY's `calcRunningMt`): the two one-loop matchings compared at one scale.
/// - The gluino-stop self-energy `delta_t` against SOFTSUSY's `calcRunMtStopGluino` (the same PBMZ
///   formula, coded independently). Cause of the difference: our stop matrix without D-terms and
///   with the SM-derived m_t. Measured |difference| 1.1e-4 .. 2.4e-4 (of -3.4e-2 .. -5.9e-2).
/// - The neutralino-stop plus chargino-sbottom self-energy `delta_t_ew` against
///   `calcRunMtNeutralinos + calcRunMtCharginos`. Causes: X_b = -mu tan(beta) without A_b, no
///   D-terms. Measured 1.1e-4 .. 2.0e-4 at tan(beta) <= 24, 9.5e-4 (p5) and 1.5e-3 (p6,
///   tan(beta) = 45).
/// - h_t(M_t): measured -0.66 .. -0.88 % (ours minus SOFTSUSY); tolerance 1.2 %. What is left is the QCD pole-to-running
///   relation (ours three-loop in the SM; SOFTSUSY's two-loop with the MSSM alpha_s: its missing
///   O(alpha_s^3) term alone is -0.32 % in ours) and the electroweak/vev pieces (SOFTSUSY: the
///   Higgs-sector self-energy of the top and v(M_t) from its Z self-energy).
///   examples/yukawa_softsusy_diagnostic.rs prints the breakdown.
/// The rest of the h_t(Q) gap of the test above (-0.3 .. -0.7 %) is the matching scale (matching at
/// Q after SM running against matching at M_t plus MSSM running; the diagnostic reproduces
/// SOFTSUSY's MSSM running to 0.005 %). Tolerances: measured values plus margin, given beside each
/// row.
#[test]
fn matching_at_softsusy_matching_scale() {
    let fixture: Fixture =
        toml::from_str(include_str!("data/softsusy_top_matching.toml")).expect("fixture parses");
    let sm = SmInputs::default();
    let mut failures = Vec::new();
    for p in &fixture.point {
        let name = p["name"].as_str().unwrap();
        let q = get(p, "q");
        assert_eq!(q, M_TOP_POLE, "SOFTSUSY's matching scale is M_t");
        let sp = spectrum(p, "");
        let gauge = [get(p, "g_prime"), get(p, "g2"), get(p, "g3")];
        let y = matched_yukawas(q, get(p, "tan_beta"), M_TOP_POLE, &sm, gauge, &sp);
        let ss_ew = get(p, "neutralinos") + get(p, "charginos");
        let rows = [
            ("delta_t", y.delta_t - get(p, "stop_gluino"), 5e-4),
            ("delta_t_ew", y.delta_t_ew - ss_ew, 2e-3),
            ("h_t(M_t) rel.", y.ht / get(p, "yt") - 1.0, 1.2e-2),
        ];
        for (what, diff, tol) in rows {
            println!("{name}: {what:<14} ours minus SOFTSUSY {diff:+.2e} (tol {tol:.0e})");
            if !(diff.abs() <= tol) {
                failures.push(format!("{name} {what}: {diff:+.3e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Like for like at SOFTSUSY's matching scale M_t: our matching with SOFTSUSY's QCD conversion
/// switched in (its `qcd_1l + qcd_2l` with the MSSM alpha_s and the running-m_t logarithm, and its
/// linear sum of self-energies instead of our product) against its h_t(M_t). What is compared is
/// then only the thresholds: gluino-stop, neutralino/chargino and the electroweak/vev part (ours: the
/// electroweak part of the y_t fit, the electroweak MS-bar -> DR-bar conversion and the ino Higgs
/// wave-function threshold; SOFTSUSY's: its Higgs-sector/W/Z/photon self-energy of the top and
/// v(M_t) from its Z self-energy). In 100 ln(ours/SOFTSUSY):
/// `S - Sigma_rest + ln(y_t v_G_F/M_t) - ln(1 + Q3) + ln(c_DR/(1 - alpha_s/3pi)) + ln(v(M_t)/v_G_F)`,
/// S our thresholds, Sigma_rest SOFTSUSY's non-QCD pieces, Q3 the three-loop QCD terms the fit
/// carries. Measured -0.08 .. -0.20 % (docs/physics.md section 3, "Like for like"; the issue's
/// target is 0.5 %); tolerance 0.3 %.
#[test]
fn like_for_like_matching_at_m_t_within_target() {
    use gmsbscan::model::yukawa::{
        alpha_s_five_flavour, drbar_conversion, top_pole_to_msbar_qcd, vev_fermi, y_top_at_pole,
        YukawaCharges,
    };
    use std::f64::consts::{PI, SQRT_2};
    let fixture: Fixture =
        toml::from_str(include_str!("data/softsusy_top_matching.toml")).expect("fixture parses");
    let sm = SmInputs::default();
    let v_gf = vev_fermi(&sm) / SQRT_2;
    let alpha_s = alpha_s_five_flavour(M_TOP_POLE, &sm);
    let q3: f64 = top_pole_to_msbar_qcd(alpha_s / PI).iter().sum();
    let y_fit = y_top_at_pole(M_TOP_POLE, sm.alpha_s_mz);
    let mut failures = Vec::new();
    for p in &fixture.point {
        let name = p["name"].as_str().unwrap();
        let gauge = [get(p, "g_prime"), get(p, "g2"), get(p, "g3")];
        let y = matched_yukawas(
            M_TOP_POLE,
            get(p, "tan_beta"),
            M_TOP_POLE,
            &sm,
            gauge,
            &spectrum(p, ""),
        );
        let c_qcd = -alpha_s / (3.0 * PI);
        let c_dr = 1.0
            + drbar_conversion(
                &YukawaCharges::TOP,
                [(4.0 * PI * alpha_s).sqrt(), gauge[1], gauge[0]],
            );
        let ours = y.delta_t + y.delta_t_ew + y.delta_h;
        let theirs: f64 = ["stop_gluino", "neutralinos", "charginos", "higgs"]
            .iter()
            .map(|k| get(p, k))
            .sum();
        let ew_fit = (y_fit * v_gf / M_TOP_POLE).ln() - (1.0 + q3).ln();
        let like =
            ours - theirs + ew_fit + (c_dr / (1.0 + c_qcd)).ln() + (get(p, "vev") / v_gf).ln();
        println!(
            "{name}: like for like, ours minus SOFTSUSY {:+.3} %",
            100.0 * like
        );
        if !(like.abs() <= 3e-3) {
            failures.push(format!("{name}: {:+.3} %", 100.0 * like));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// ---------------------------------------------------------------------------------------------
// The fixed-order procedure (setting `yukawa_matching = "mssm_at_mt"`, model::yukawa_fixed_order):
// SOFTSUSY's own, coded from PBMZ appendix D and SOFTSUSY's calcRunningMt/Mb/Mtau.

mod fixed_order {
    use super::*;

    use gmsbscan::model::higgs_mass::z_self_energy::{run_with_vevs, VEV_RUN_STEP};
    use gmsbscan::model::params::{Couplings, SoftTerms};
    use gmsbscan::model::rge::{RgeOptions, RgeState};
    use gmsbscan::model::yukawa::{sm_couplings_at, vev_fermi};
    use gmsbscan::model::yukawa_fixed_order::{masses_at_scale, MatchingScaleParams, ScaleMasses};

    fn fixtures() -> (Fixture, Fixture) {
        (
            toml::from_str(include_str!("data/softsusy_top_matching.toml")).expect("parses"),
            toml::from_str(include_str!("data/softsusy_mssm_gmsb.toml")).expect("parses"),
        )
    }

    /// Our masses at M_t from SOFTSUSY's running parameters there (its Yukawas inside the loops,
    /// its v(M_t)); m_A^2 from its HMIX 4 at Q (the tree-level A mass enters only the heavy-Higgs
    /// logarithms).
    fn ours_at_mt(pm: &toml::Table, pq: &toml::Table) -> (MatchingScaleParams, ScaleMasses) {
        let params = MatchingScaleParams {
            scale: get(pm, "q"),
            m_top_pole: M_TOP_POLE,
            gauge: [get(pm, "g_prime"), get(pm, "g2"), get(pm, "g3")],
            yukawas: [get(pm, "yt"), get(pm, "yb"), get(pm, "ytau")],
            tan_beta: get(pm, "tan_beta"),
            v: get(pm, "vev"),
            spectrum: spectrum(pm, ""),
            m_a2: get(pq, "ma2_q"),
        };
        (params, masses_at_scale(&params, &SmInputs::default()))
    }

    /// Each piece of `m_t^DR(M_t) = M_t (1 + Sigma)` against the one SOFTSUSY 4.1.22 printed at
    /// the same parameters (tests/data/softsusy_top_matching.toml), and the sum. The QCD pieces
    /// are the same formula (a check of the transcription: 1e-6 is the fixture's printing); the
    /// others are coded independently with our stop/sbottom matrices without D-terms and the
    /// sbottom mixing without A_b, the Higgs piece with our tree-level Higgs states and the PDG
    /// M_W of the on-shell Z couplings. Measured (2026-12-06) differences: QCD one loop <= 5e-7,
    /// two loop <= 5e-8 (printing); gluino-stop and inos <= 4e-6 (with SOFTSUSY's h_t inside the
    /// stop matrix: the D-terms and A_b we leave out are below that); Higgs 2e-5 .. 6e-5 at p1-p4,
    /// 2.5e-4 .. 5.2e-4 at p5-p7 (tan(beta) 35-45: our tree-level heavy Higgs states from HMIX 4
    /// at Q instead of at M_t); m_t within 0.06 %. Tolerances: measured plus margin.
    #[test]
    fn top_mass_pieces_at_m_t_against_softsusy() {
        let (at_mt, at_q) = fixtures();
        let mut failures = Vec::new();
        for (pm, pq) in at_mt.point.iter().zip(&at_q.point) {
            let name = pm["name"].as_str().unwrap();
            assert_eq!(name, pq["name"].as_str().unwrap());
            let (_, m) = ours_at_mt(pm, pq);
            let rows = [
                ("qcd_1l", m.qcd_1l - get(pm, "qcd_1l"), 1e-6),
                ("qcd_2l", m.qcd_2l - get(pm, "qcd_2l"), 1e-7),
                ("stop_gluino", m.stop_gluino - get(pm, "stop_gluino"), 4e-4),
                (
                    "inos",
                    m.inos - get(pm, "neutralinos") - get(pm, "charginos"),
                    2e-3,
                ),
                ("higgs", m.higgs - get(pm, "higgs"), 1e-3),
                ("m_t rel.", m.masses[0] / get(pm, "mt_drbar") - 1.0, 2e-3),
            ];
            for (what, diff, tol) in rows {
                println!("{name}: {what:<12} ours minus SOFTSUSY {diff:+.2e} (tol {tol:.0e})");
                if !(diff.abs() <= tol) {
                    failures.push(format!("{name} {what}: {diff:+.3e}"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// The pieces of `m_tau^DR(M_t) = m_tau^SM(M_t) c_tau (1 + Sigma_inos + Sigma_Higgs)` against
    /// the ones SOFTSUSY 4.1.22 printed in `calcRunningMtau` at the same parameters
    /// (tests/data/softsusy_top_matching.toml, `tau_*`). Independent: the neutralino/chargino loop
    /// is ours (model::yukawa's PBMZ loop with our stau matrix: A_tau and D-terms left out), the
    /// Higgs loop our tree-level Higgs states with the PDG M_W of the on-shell Z couplings.
    /// Measured (2026-12-07): conversion c_tau within 2.5e-8 (the same formula; SOFTSUSY's
    /// couplings of its previous iteration); inos -5.6e-4 .. +3.2e-4 (the stau matrix); Higgs with
    /// our m_A from HMIX 4 at Q 7e-6 .. 7.5e-5 at p1-p4, 3.3e-4 .. 1.0e-3 at p5-p7 (m_A(Q) 1.41,
    /// 1.35, 0.73 TeV against SOFTSUSY's m_A(M_t) 2.03, 2.15, 0.30 TeV), with SOFTSUSY's
    /// tree-level m_A(M_t) (`tau_m_a`) 1.4e-5 .. 1.6e-5 everywhere: that difference is m_A at Q
    /// instead of M_t; `1 + Sigma` within 0.05 % at p1-p4, p7 and 0.07 %, 0.12 % at p5, p6.
    /// m_tau^SM(M_t): ours is 0.300 % below (SOFTSUSY takes its input 1.777 as the running
    /// m_tau(m_tau) and runs it with one-loop QED; ours is the pole mass with the one-loop pole ->
    /// MS-bar relation `M [1 - alpha/pi (1 + 3/4 ln(M_t^2/M^2))]`); without the relation's
    /// constant `-alpha/pi` ours is 0.052 % below SOFTSUSY's (the rest: alpha(M_Z) in the
    /// logarithm against SOFTSUSY's running alpha). Tolerances: measured plus margin.
    #[test]
    fn tau_loop_pieces_against_softsusy() {
        let (at_mt, at_q) = fixtures();
        let sm = SmInputs::default();
        let alpha = 1.0 / sm.alpha_em_inv_mz;
        let mut failures = Vec::new();
        for (pm, pq) in at_mt.point.iter().zip(&at_q.point) {
            let name = pm["name"].as_str().unwrap();
            let (params, m) = ours_at_mt(pm, pq);
            let with_their_m_a = masses_at_scale(
                &MatchingScaleParams {
                    m_a2: get(pm, "tau_m_a").powi(2),
                    ..params
                },
                &sm,
            );
            let m_sm = get(pm, "tau_m_sm");
            let conv = get(pm, "tau_drbar_conv");
            let inos = get(pm, "tau_charginos") + get(pm, "tau_neutralinos");
            let higgs = get(pm, "tau_higgs");
            let ours_m_sm = sm_couplings_at(params.scale, M_TOP_POLE, &sm).y_tau * vev_fermi(&sm)
                / std::f64::consts::SQRT_2;
            let ours_conv = m.m_tau_sm_drbar / ours_m_sm;
            let one_plus_sigma = 1.0 + inos + higgs;
            let rows = [
                ("c_tau", ours_conv - conv, 1e-7),
                ("inos", m.sigma_tau_inos - inos, 1e-3),
                ("Higgs (m_A at Q)", m.sigma_tau_higgs - higgs, 1.5e-3),
                (
                    "Higgs (their m_A)",
                    with_their_m_a.sigma_tau_higgs - higgs,
                    5e-5,
                ),
                (
                    "1 + Sigma rel.",
                    (1.0 + m.sigma_tau) / one_plus_sigma - 1.0,
                    2e-3,
                ),
                (
                    "m_tau^SM rel. w/o -alpha/pi",
                    ours_m_sm * (1.0 + alpha / std::f64::consts::PI) / m_sm - 1.0,
                    1e-3,
                ),
            ];
            for (what, diff, tol) in rows {
                println!("{name}: tau {what:<28} ours minus SOFTSUSY {diff:+.2e} (tol {tol:.0e})");
                if !(diff.abs() <= tol) {
                    failures.push(format!("{name} {what}: {diff:+.3e}"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// The whole fixed-order chain from SOFTSUSY's parameters at M_t: our h_t, h_b, h_tau at M_t
    /// (its v(M_t) and tan(beta)(M_t)), run to its Q with our two-loop MSSM RGEs (gauge and
    /// Yukawa betas only: they do not depend on the soft terms), against its h(Q). Issue 17's
    /// targets: h_t within 0.5 % everywhere, h_b within 2 % at tan(beta) >= 20 (all seven
    /// points have tan(beta)(Q) >= 14.6; the 2 % is applied to every point). Measured
    /// (2026-12-06): h_t(M_t) -0.03..+0.06 %, h_t(Q) -0.04..+0.08 %; h_b(Q) +0.02..+1.02 % (A_b
    /// left out of the sbottom mixing, our m_b^SM(M_t) without QED running). h_tau (2026-12-07):
    /// M_t -0.35..-0.18 %, Q -0.34..-0.16 %, of which -0.300 % is SOFTSUSY's SM m_tau(M_t) (its
    /// input taken as the running m_tau(m_tau), run with one-loop QED; ours the pole mass with the
    /// one-loop pole -> MS-bar relation) and the rest the loops (tau_loop_pieces_against_softsusy);
    /// tolerance 0.5 % (the largest plus 0.15 %).
    #[test]
    fn fixed_order_chain_against_softsusy_at_q() {
        let (at_mt, at_q) = fixtures();
        let opts = RgeOptions::two_loop_consistent();
        let mut failures = Vec::new();
        for (pm, pq) in at_mt.point.iter().zip(&at_q.point) {
            let name = pm["name"].as_str().unwrap();
            let (params, m) = ours_at_mt(pm, pq);
            let [ht, hb, htau] = m.yukawas(params.v, params.tan_beta);
            let state = RgeState {
                couplings: Couplings {
                    xi_s: 1.0,
                    ..Couplings::gauge_and_yukawas(params.gauge, [ht, hb, htau])
                },
                soft: SoftTerms::default(),
            };
            let beta = params.tan_beta.atan();
            let (out, _) = run_with_vevs(
                &state,
                [params.v * beta.cos(), params.v * beta.sin(), get(pm, "mu")],
                (params.scale, get(pq, "q")),
                &opts,
                VEV_RUN_STEP,
            );
            let c = out.couplings;
            let rows = [
                ("h_t(M_t)", ht / get(pm, "yt") - 1.0, 2e-3),
                ("h_b(M_t)", hb / get(pm, "yb") - 1.0, 2e-2),
                ("h_tau(M_t)", htau / get(pm, "ytau") - 1.0, 5e-3),
                ("h_t(Q)", c.ht / get(pq, "yt_q") - 1.0, 5e-3),
                ("h_b(Q)", c.hb / get(pq, "yb_q") - 1.0, 2e-2),
                ("h_tau(Q)", c.htau / get(pq, "ytau_q") - 1.0, 5e-3),
            ];
            for (what, diff, tol) in rows {
                println!(
                    "{name}: {what:<10} ours/SOFTSUSY - 1 = {:+.3} % (tol {:.1} %)",
                    100.0 * diff,
                    100.0 * tol
                );
                if !(diff.abs() <= tol) {
                    failures.push(format!("{name} {what}: {:+.3} %", 100.0 * diff));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
