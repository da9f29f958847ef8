//! mssm_gmsb against SOFTSUSY 4.1.22 (tests/data/softsusy_mssm_gmsb.toml: seven minimal-GMSB points
//! with the provenance of every number). Two comparisons, each quantity with its own tolerance
//! and the cause it covers (docs/models.md, "Validation against SOFTSUSY"):
//!
//! 1. `matched`: our solve at SOFTSUSY's Q with SOFTSUSY's running g', g_2, g_3, v, tan(beta),
//!    m_t, m_b, m_tau at Q as inputs. What differs is only the physics between M and Q (both
//!    two-loop MSSM running since `rge_two_loop`) and SOFTSUSY's two-loop EWSB tadpoles (ours:
//!    the one-loop tadpoles of every particle).
//! 2. `default`: the model as a user runs it (self-consistent Q, SM inputs at M_Z, the top pole
//!    mass, tan(beta) from SOFTSUSY), against SOFTSUSY's running parameters and pole masses (ours:
//!    one-loop pole gluino, light squarks, neutralinos, charginos, stops, staus, selectrons, A;
//!    tree-level running sbottom). The causes: h_t(Q) 1.1-1.6 % low (m_Hu^2, mu, B_mu), the Higgs
//!    mass method; issue 17's 2 %/3 % targets are checked with named known misses
//!    (`KNOWN_MISSES`): this is the regression guard of the default Yukawa matching
//!    (`yukawa_matching = "sm_eft_at_q"`, SM running to Q, matching there).
//! 3. `fixed_order`: the same with `yukawa_matching = "mssm_at_mt"` (SOFTSUSY's own procedure,
//!    model::yukawa_fixed_order): issue 17's targets (2 % at p1, 3 % elsewhere; h_t within 0.5 %,
//!    h_b within 2 % at tan(beta) >= 20) all hold, with no known miss (largest: m_A pole -1.04 %
//!    at p6, B_mu -0.84 % at p5).
//!
//! Like with like: B_mu and m_A(Q) are running DR-bar parameters and are compared with SOFTSUSY's
//! running m_3^2(Q) = HMIX 4 s_b c_b and HMIX 4; the A pole mass with SOFTSUSY's pole m_A.

use gmsbscan::config::{
    GaugeMatching, PhysicsConfig, Preset, SmInputs, YukawaInputs, YukawaMatching,
};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::model::boundary::MessengerInputs;
use gmsbscan::models::mssm::{MssmEvaluator, MssmInputs, MssmSolution, MuSign};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    point: Vec<RefPoint>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RefPoint {
    name: String,
    description: String,
    lambda_susy: f64,
    m_mess: f64,
    tan_beta_mz: f64,
    sign_mu: f64,
    n5: f64,
    q: f64,
    g_prime_q: f64,
    g2_q: f64,
    g3_q: f64,
    yt_q: f64,
    yb_q: f64,
    ytau_q: f64,
    tan_beta_q: f64,
    vev_q: f64,
    m_top_q: f64,
    mu_q: f64,
    ma2_q: f64,
    m1_q: f64,
    m2_q: f64,
    m3_q: f64,
    m_hd2_q: f64,
    m_hu2_q: f64,
    m_l3_q: f64,
    m_e3_q: f64,
    m_q3_q: f64,
    m_u3_q: f64,
    m_d3_q: f64,
    m_e1_q: f64,
    m_q1_q: f64,
    a_t_q: f64,
    pole_h0: f64,
    pole_a0: f64,
    pole_h_plus: f64,
    pole_gluino: f64,
    pole_neutralino1: f64,
    pole_neutralino2: f64,
    pole_neutralino3: f64,
    pole_neutralino4: f64,
    pole_chargino1: f64,
    pole_chargino2: f64,
    pole_stop1: f64,
    pole_stop2: f64,
    pole_sbottom1: f64,
    pole_stau1: f64,
    pole_stau2: f64,
    pole_selectron_r: f64,
    pole_selectron_l: f64,
    pole_sup_l: f64,
    pole_sup_r: f64,
    card: String,
}

fn fixture() -> Vec<RefPoint> {
    let text = include_str!("data/softsusy_mssm_gmsb.toml");
    toml::from_str::<Fixture>(text)
        .expect("fixture parses")
        .point
}

/// The top pole mass of every SOFTSUSY card (SMINPUTS 6).
const M_TOP_POLE: f64 = 173.1;

/// `matched`: SOFTSUSY's running m_t(Q) (switch `yukawa_inputs = "running_q"`).
fn inputs(p: &RefPoint) -> MssmInputs {
    MssmInputs {
        messengers: MessengerInputs {
            lambda_susy: p.lambda_susy,
            m_mess: p.m_mess,
            n5: p.n5,
        },
        tan_beta: p.tan_beta_q,
        sign_mu: MuSign::from_value(p.sign_mu).expect("sign_mu is +-1"),
        m_top: p.m_top_q,
    }
}

/// `default`: the card's top pole mass (the consistent preset's `yukawa_inputs = "measured"`).
fn pole_inputs(p: &RefPoint) -> MssmInputs {
    assert!(p.card.contains("1.731000000e+02      # mtop(pole)"));
    MssmInputs {
        m_top: M_TOP_POLE,
        ..inputs(p)
    }
}

fn cos_beta(tb: f64) -> f64 {
    1.0 / (1.0 + tb * tb).sqrt()
}

/// SOFTSUSY's running inputs at its Q (gauge couplings, v, m_b, m_tau) as our SM inputs.
fn matched_physics(p: &RefPoint) -> PhysicsConfig {
    let v_d = p.vev_q * cos_beta(p.tan_beta_q);
    let mut physics = PhysicsConfig::preset(Preset::Consistent);
    physics.n5 = p.n5;
    physics.sm = SmInputs {
        mz: p.q,
        g_prime_mz: p.g_prime_q,
        g2_mz: p.g2_q,
        g3_mz: p.g3_q,
        vev: p.vev_q,
        m_bottom: p.yb_q * v_d,
        m_tau: p.ytau_q * v_d,
        ..physics.sm
    };
    // SOFTSUSY's DR-bar couplings at its Q are the inputs, not SM MS-bar values at M_Z.
    physics.switches.gauge_matching = GaugeMatching::DrbarInputs;
    physics.switches.yukawa_inputs = YukawaInputs::RunningQ;
    physics
}

fn default_physics(p: &RefPoint) -> PhysicsConfig {
    let mut physics = PhysicsConfig::preset(Preset::Consistent);
    physics.n5 = p.n5;
    physics
}

/// One compared quantity: name, ours, SOFTSUSY's, the allowed |relative difference|, the cause.
struct Row {
    name: &'static str,
    ours: f64,
    reference: f64,
    tolerance: f64,
    cause: &'static str,
}

impl Row {
    fn relative(&self) -> f64 {
        (self.ours - self.reference) / self.reference.abs()
    }
}

/// Running quantities at Q: gaugino masses, soft masses (as masses, sqrt of m^2), mu, m_A.
fn running_rows(sol: &MssmSolution, p: &RefPoint, tol: &RunningTolerances) -> Vec<Row> {
    let s = sol.soft_q();
    let e = &sol.ewsb;
    let tb = p.tan_beta_q;
    // The running DR-bar m_A^2(Q) = 2 B_mu / sin(2 beta), with the one-loop tadpoles of every
    // particle (ours, SOFTSUSY's also with its two-loop tadpoles): SOFTSUSY's HMIX 4.
    let ma2 = e.b_mu * (1.0 + tb * tb) / tb;
    let r = |name, ours, reference, tolerance, cause| Row {
        name,
        ours,
        reference,
        tolerance,
        cause,
    };
    let c = sol.couplings_q();
    vec![
        r("g_1(Q)", c.g1, p.g_prime_q, tol.gauge_12, tol.cause_gauge),
        r("g_2(Q)", c.g2, p.g2_q, tol.gauge_12, tol.cause_gauge),
        r("g_3(Q)", c.g3, p.g3_q, tol.gauge_3, tol.cause_gauge),
        r("M_1(Q)", s.m1, p.m1_q, tol.gaugino_12, tol.cause_gaugino),
        r("M_2(Q)", s.m2, p.m2_q, tol.gaugino_12, tol.cause_gaugino),
        r("M_3(Q)", s.m3, p.m3_q, tol.gaugino_3, tol.cause_gaugino),
        r(
            "m_Q3(Q)",
            s.mq3.sqrt(),
            p.m_q3_q,
            tol.squark,
            tol.cause_squark,
        ),
        r(
            "m_U3(Q)",
            s.mu3.sqrt(),
            p.m_u3_q,
            tol.squark,
            tol.cause_squark,
        ),
        r(
            "m_D3(Q)",
            s.md3.sqrt(),
            p.m_d3_q,
            tol.squark,
            tol.cause_squark,
        ),
        r(
            "m_Q1(Q)",
            s.mq1.sqrt(),
            p.m_q1_q,
            tol.squark,
            tol.cause_squark,
        ),
        r(
            "m_L3(Q)",
            s.ml3.sqrt(),
            p.m_l3_q,
            tol.slepton,
            tol.cause_slepton,
        ),
        r(
            "m_E3(Q)",
            s.me3.sqrt(),
            p.m_e3_q,
            tol.slepton,
            tol.cause_slepton,
        ),
        r(
            "m_E1(Q)",
            s.me1.sqrt(),
            p.m_e1_q,
            tol.slepton,
            tol.cause_slepton,
        ),
        if tb > 30.0 {
            r(
                "m_Hd^2(Q)",
                s.mhd,
                p.m_hd2_q,
                tol.m_hd2_high_tan_beta,
                "h_b, h_tau-driven running at tan(beta) > 30 (h_b 2 % low, Delta_b)",
            )
        } else {
            r("m_Hd^2(Q)", s.mhd, p.m_hd2_q, tol.m_hd2, tol.cause_higgs)
        },
        r("m_Hu^2(Q)", s.mhu, p.m_hu2_q, tol.m_hu2, tol.cause_higgs),
        r("A_t(Q)", s.a_t, p.a_t_q, tol.a_t, tol.cause_a_t),
        r("mu(Q)", e.mu, p.mu_q, tol.mu, tol.cause_ewsb),
        // Like with like: B_mu and m_A(Q) are running DR-bar parameters with the one-loop
        // tadpoles of every particle, against SOFTSUSY's m_3^2(Q) = HMIX 4 s_b c_b and HMIX 4.
        // B_mu gets twice m_A's relative tolerance.
        r(
            "B_mu(Q)",
            e.b_mu,
            softsusy_m3sq(p),
            2.0 * tol.m_a,
            tol.cause_ewsb,
        ),
        r(
            "m_A(Q)",
            ma2.sqrt(),
            p.ma2_q.sqrt(),
            tol.m_a,
            tol.cause_ewsb,
        ),
        // Pole with pole: our one-loop A self-energy on our running m_A.
        r(
            "m_A(pole)",
            sol.spectrum.a_pole,
            p.pole_a0,
            tol.m_a_pole,
            "SOFTSUSY's two-loop tadpoles and dMA (ours: one loop)",
        ),
    ]
}

/// SOFTSUSY's running m_3^2(Q) = HMIX 4 sin(2 beta)/2 at its tan(beta)(Q).
fn softsusy_m3sq(p: &RefPoint) -> f64 {
    let tb = p.tan_beta_q;
    p.ma2_q * tb / (1.0 + tb * tb)
}

struct RunningTolerances {
    gauge_12: f64,
    gauge_3: f64,
    cause_gauge: &'static str,
    gaugino_12: f64,
    gaugino_3: f64,
    squark: f64,
    slepton: f64,
    m_hd2: f64,
    /// m_Hd^2 at tan(beta) > 30 (p5, p6).
    m_hd2_high_tan_beta: f64,
    m_hu2: f64,
    a_t: f64,
    mu: f64,
    m_a: f64,
    m_a_pole: f64,
    cause_gaugino: &'static str,
    cause_squark: &'static str,
    cause_slepton: &'static str,
    cause_higgs: &'static str,
    cause_a_t: &'static str,
    cause_ewsb: &'static str,
}

fn print_and_check(title: &str, point: &str, rows: &[Row]) -> Vec<String> {
    println!("{title} {point}");
    let mut failures = Vec::new();
    for row in rows {
        let rel = row.relative();
        println!(
            "  {:<14} ours {:>12.5e}  softsusy {:>12.5e}  diff {:>+7.2} %  (tol {:.1} %: {})",
            row.name,
            row.ours,
            row.reference,
            100.0 * rel,
            100.0 * row.tolerance,
            row.cause
        );
        if rel.is_nan() || rel.abs() > row.tolerance {
            failures.push(format!(
                "{title} {point} {}: {:.4e} vs {:.4e} ({:+.2} % > {:.0} %)",
                row.name,
                row.ours,
                row.reference,
                100.0 * rel,
                100.0 * row.tolerance
            ));
        }
    }
    failures
}

// -------------------------------------------------------------------------------------------------
// Tolerances (docs/models.md): each is the size of the cause named beside it, not a fit.
// -------------------------------------------------------------------------------------------------

/// Matched at Q: with SOFTSUSY's couplings at Q as inputs and the two-loop MSSM RGEs (switch
/// `rge_two_loop`, on in mssm_gmsb) the running between Q and M is SOFTSUSY's: measured
/// (2026-12-06, p1-p7) M_i, A_t, the squark and slepton masses within 0.002 %, m_Hu^2 0.003 %,
/// m_Hd^2 0.02 % (0.06 %, 0.33 % at tan(beta) = 35, 45; not identified: SOFTSUSY also runs the
/// second-family Yukawas). Before (one-loop soft running): M_i 1.2-2.3 %, m_Hu^2 5-11 %, m_Hd^2 up to 20 %.
/// With the one-loop tadpoles of every particle (models::mssm::tadpoles) mu, B_mu and m_A(Q)
/// differ by SOFTSUSY's two-loop tadpoles only: mu -0.65..+0.35 %, B_mu (vs SOFTSUSY's running
/// m_3^2) -0.38..+1.29 %, m_A(Q) (vs HMIX 4) -0.19..+0.64 %, the A pole mass -0.29..-0.14 %
/// (before, third-family tadpoles only: mu 1.2-1.9 %; B_mu, m_A(Q) then compared with the pole
/// m_A). The tolerances are the measured differences with margin.
const MATCHED: RunningTolerances = RunningTolerances {
    gauge_12: 1e-12,
    gauge_3: 1e-12,
    cause_gauge: "inputs (exact)",
    gaugino_12: 0.001,
    gaugino_3: 0.001,
    squark: 0.001,
    slepton: 0.001,
    m_hd2: 0.005,
    m_hd2_high_tan_beta: 0.01,
    m_hu2: 0.001,
    a_t: 0.001,
    mu: 0.01,
    m_a: 0.01,
    m_a_pole: 0.005,
    cause_gaugino: "the same two-loop running",
    cause_squark: "the same two-loop running",
    cause_slepton: "the same two-loop running",
    cause_higgs: "the same two-loop running",
    cause_a_t: "the same two-loop running",
    cause_ewsb: "SOFTSUSY's two-loop tadpoles (ours: one loop, every particle)",
};

/// Default inputs (the model as a user runs it: SM MS-bar gauge matching, measured Yukawas,
/// self-consistent Q): measured 2026-12-06 with the two-loop RGEs, p1-p7 (before: one-loop soft
/// running): g_i within 0.18 %; M_i 0.36 % (2.0 %); squark and slepton masses 0.4 % (1.1 %);
/// A_t 0.5 % (2.8 %); m_Hu^2 3.2-6.4 % (9-15 %) and mu 1.5 % (4.7 %), from h_t(Q) 1.1-1.6 % below
/// SOFTSUSY (tests/yukawa_softsusy.rs); m_Hd^2 0.7 % at tan(beta) <= 24 and 3.8 %, 19.8 % at
/// tan(beta) = 35, 45 (h_b 2.0-2.4 % low, a cancellation). With the tadpoles of every particle
/// (the third-family ones had partly compensated the low h_t): mu -3.62..+2.34 % (mu < 0 at p3,
/// p7), B_mu (vs SOFTSUSY's running m_3^2) -3.16..-1.15 %, m_A(Q) (vs HMIX 4) -1.59..-0.57 %,
/// the A pole mass -1.68..-1.35 %. The tolerances are those measurements with margin.
const DEFAULT: RunningTolerances = RunningTolerances {
    gauge_12: 0.03,
    gauge_3: 0.10,
    cause_gauge:
        "SM MS-bar matching at M_Z with leading-log thresholds (SOFTSUSY: one-loop at m_t)",
    gaugino_12: 0.01,
    gaugino_3: 0.01,
    squark: 0.01,
    slepton: 0.01,
    m_hd2: 0.02,
    m_hd2_high_tan_beta: 0.30,
    m_hu2: 0.10,
    a_t: 0.015,
    mu: 0.045,
    m_a: 0.03,
    m_a_pole: 0.03,
    cause_gaugino: "gauge matching, Q",
    cause_squark: "gauge matching, Q",
    cause_slepton: "gauge matching, Q",
    cause_higgs: "h_t(Q) 1.1-1.6 % low: a cancellation",
    cause_a_t: "h_t(Q), Q",
    cause_ewsb: "m_Hu^2 via h_t(Q) (1.1-1.6 % low): matched at Q mu is within 0.65 %",
};

/// Default inputs with `yukawa_matching = "mssm_at_mt"` (SOFTSUSY's Yukawa procedure,
/// model::yukawa_fixed_order): measured 2026-12-07, p1-p7: g_i within 0.18 %, M_i 0.35 %, squarks
/// 0.10 %, sleptons 0.39 %, A_t 0.14 %, m_Hu^2 0.21 %, m_Hd^2 0.88 % at tan(beta) <= 24 and 2.5 %,
/// 10.3 % at tan(beta) = 35, 45 (a cancellation in m_Hd^2: h_b +0.7, +0.8 %), mu -0.73..+0.47 %,
/// B_mu -0.86..+0.13 %, m_A(Q) -0.43..+0.07 %, the A pole mass -1.07..-0.35 %. With SOFTSUSY's
/// couplings at Q (`MATCHED`) mu is within 0.65 %: the Yukawa matching is no longer what limits
/// it. Tolerances: those measurements with margin.
const FIXED_ORDER: RunningTolerances = RunningTolerances {
    gauge_12: 0.005,
    gauge_3: 0.003,
    cause_gauge:
        "SM MS-bar matching at M_Z with leading-log thresholds (SOFTSUSY: one-loop at m_t)",
    gaugino_12: 0.005,
    gaugino_3: 0.003,
    squark: 0.003,
    slepton: 0.006,
    m_hd2: 0.015,
    m_hd2_high_tan_beta: 0.15,
    m_hu2: 0.005,
    a_t: 0.003,
    mu: 0.012,
    m_a: 0.008,
    m_a_pole: 0.015,
    cause_gaugino: "gauge matching at M_Z",
    cause_squark: "gauge matching at M_Z",
    cause_slepton: "gauge matching at M_Z, h_tau (-0.4..-0.6 %)",
    cause_higgs: "the same two-loop running; h_b, h_tau at M_t",
    cause_a_t: "h_t(Q) (-0.1..-0.2 %)",
    cause_ewsb: "SOFTSUSY's two-loop tadpoles (matched at Q: mu within 0.65 %)",
};

#[test]
fn matched_at_softsusy_scale() {
    let mut failures = Vec::new();
    for p in fixture() {
        let ev = MssmEvaluator::new(matched_physics(&p), BoundSetName::None);
        let sol = ev
            .ewsb_at_scale(&inputs(&p), p.q)
            .map(|e| ev.complete(&inputs(&p), e))
            .unwrap_or_else(|r| panic!("{}: {r}", p.name));
        failures.extend(print_and_check(
            "matched",
            &p.name,
            &running_rows(&sol, &p, &MATCHED),
        ));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Pole masses of SOFTSUSY against ours at default inputs: one-loop pole masses for the gluino,
/// light squarks, neutralinos, charginos, stops, staus and selectrons (the same PBMZ
/// self-energies as SOFTSUSY), the tree-level running mass at Q for the sbottom. Causes: g_3(M)
/// and one- vs two-loop gaugino running (gluino, inos), the two-loop Higgs mass against our
/// one-loop effective potential (a few GeV), m_A, m_H+ and the higgsino-like states from mu
/// (m_Hu^2 through the stops), h_t(Q) and A_t (stops). Measured (2026-12-06, p1-p7): stops
/// +0.12..+0.34 %, staus -0.39..+0.39 %, e_R, e_L -0.03..-0.39 % (before, as running masses:
/// -0.9..-3.2 %, -0.45..-4.0 %, -0.1..-4.0 %).
fn pole_rows(sol: &MssmSolution, p: &RefPoint) -> Vec<Row> {
    let sp = &sol.spectrum;
    let h = &sp.higgs;
    let sf = &sp.sfermions;
    let chi = sp.ino_pole.neutralinos;
    let r = |name, ours: f64, reference, tolerance, cause| Row {
        name,
        ours,
        reference,
        tolerance,
        cause,
    };
    vec![
        r(
            "m_h",
            h.h_mass2.sqrt(),
            p.pole_h0,
            0.05,
            "one-loop top/stop CW vs two-loop",
        ),
        // m_H+: ours is the running tree-level mass (no H+ self-energy), SOFTSUSY's the pole
        // mass; compared with SOFTSUSY's running sqrt(HMIX 4 + M_W(Q)^2) instead.
        r(
            "m_H+(Q)",
            h.charged_mass2.sqrt(),
            (p.ma2_q + p.g2_q * p.g2_q * p.vev_q * p.vev_q / 2.0).sqrt(),
            0.03,
            "as m_A(Q): running, vs SOFTSUSY's HMIX 4 + M_W(Q)^2",
        ),
        r(
            "gluino",
            sp.pole.gluino,
            p.pole_gluino,
            0.01,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy)",
        ),
        r(
            "chi_1",
            chi[0].abs(),
            p.pole_neutralino1,
            0.06,
            "one-loop pole; M_1 running",
        ),
        r(
            "chi_2",
            chi[1].abs(),
            p.pole_neutralino2,
            0.10,
            "one-loop pole; M_2 running, mu",
        ),
        r("chi_3", chi[2].abs(), p.pole_neutralino3.abs(), 0.15, "mu"),
        r("chi_4", chi[3].abs(), p.pole_neutralino4.abs(), 0.15, "mu"),
        r(
            "chargino_1",
            sp.ino_pole.charginos[0],
            p.pole_chargino1,
            0.10,
            "one-loop pole; M_2 running, mu",
        ),
        r(
            "chargino_2",
            sp.ino_pole.charginos[1],
            p.pole_chargino2,
            0.15,
            "mu",
        ),
        r(
            "stop_1",
            sp.sfermion_pole.stop[0],
            p.pole_stop1,
            0.03,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy); h_t(Q), A_t, mu",
        ),
        r(
            "stop_2",
            sp.sfermion_pole.stop[1],
            p.pole_stop2,
            0.03,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy); h_t(Q), A_t, mu",
        ),
        r(
            "sbottom_1",
            sf.sbottom.mass2[0].sqrt(),
            p.pole_sbottom1,
            0.20,
            "tree-level running vs pole",
        ),
        r(
            "u_L",
            sp.pole.sup_l,
            p.pole_sup_l,
            0.01,
            "SUSY-QCD pole; no electroweak self-energy",
        ),
        r(
            "u_R",
            sp.pole.sup_r,
            p.pole_sup_r,
            0.01,
            "SUSY-QCD pole; no electroweak self-energy",
        ),
        r(
            "stau_1",
            sp.sfermion_pole.stau[0],
            p.pole_stau1,
            0.02,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy); g_1(M), h_tau",
        ),
        r(
            "stau_2",
            sp.sfermion_pole.stau[1],
            p.pole_stau2,
            0.02,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy); g_1,2(M), h_tau",
        ),
        r(
            "e_R",
            sp.sfermion_pole.selectron_r,
            p.pole_selectron_r,
            0.02,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy); g_1(M)",
        ),
        r(
            "e_L",
            sp.sfermion_pole.selectron_l,
            p.pole_selectron_l,
            0.02,
            "one-loop pole (SOFTSUSY: the same PBMZ self-energy); g_1,2(M)",
        ),
    ]
}

#[test]
fn default_inputs_against_softsusy() {
    let mut failures = Vec::new();
    for p in fixture() {
        let ev = MssmEvaluator::new(default_physics(&p), BoundSetName::None);
        let sol = ev
            .evaluate(&pole_inputs(&p))
            .unwrap_or_else(|r| panic!("{}: {r}", p.name));
        let c = sol.couplings_q();
        println!(
            "default {}: Q = {:.1} GeV (SOFTSUSY {:.1}); h_t {:.5} ({:.5}), h_b {:.5} ({:.5}), \
             h_tau {:.5} ({:.5})",
            p.name, sol.ewsb.q, p.q, c.ht, p.yt_q, c.hb, p.yb_q, c.htau, p.ytau_q
        );
        failures.extend(print_and_check(
            "default-running",
            &p.name,
            &running_rows(&sol, &p, &DEFAULT),
        ));
        failures.extend(print_and_check(
            "default-pole",
            &p.name,
            &pole_rows(&sol, &p),
        ));
        failures.extend(check_targets(&sol, &p, KNOWN_MISSES));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// -------------------------------------------------------------------------------------------------
// Issue 17's targets: at the mssm_gmsb point (p1) every target column within 2 % of SOFTSUSY, at the
// other points within 3 %. A column that misses is a named known miss with its measured value
// (it may not get worse by more than 0.5 percentage points, and must leave the list once it
// passes); nothing here is a loosened tolerance.
// -------------------------------------------------------------------------------------------------

/// (point, column, measured difference in %, cause). mu < 0 at p3 and p7: + means |mu| too small.
/// Measured 2026-12-06 with the one-loop tadpoles of every particle and the A pole mass.
const KNOWN_MISSES: &[(&str, &str, f64, &str)] = &[
    ("p1", "mu", -2.19, H_T_LOW),
    ("p5", "mu", -3.62, H_T_LOW),
    ("p5", "chargino_1", -3.18, H_T_LOW),
    ("p6", "mu", -3.55, H_T_LOW),
    ("p7", "B_mu", -3.16, H_T_LOW),
];

/// With SOFTSUSY's couplings at Q as inputs (`matched`) mu is within 0.65 %, B_mu within 1.3 %,
/// the A pole mass within 0.3 %: what is left at default inputs is the Yukawa matching.
const H_T_LOW: &str = "h_t(Q) 1.1-1.6 % below SOFTSUSY's (model::yukawa), m_Hu^2 3-6 % less \
     negative; matched at Q: mu within 0.65 %, B_mu within 1.3 % (the chargino_1 at p5 is the \
     higgsino, mu)";

fn check_targets(
    sol: &MssmSolution,
    p: &RefPoint,
    known_misses: &[(&str, &str, f64, &str)],
) -> Vec<String> {
    let sp = &sol.spectrum;
    let s = sol.soft_q();
    let e = &sol.ewsb;
    let tb = p.tan_beta_q;
    let tolerance = if p.name == "p1" { 0.02 } else { 0.03 };
    // B_mu is a running parameter: the target reads it as SOFTSUSY's running m_3^2(Q) (HMIX 4
    // s_b c_b), m_A as the pole mass. The former reading of B_mu, pole m_A^2 s_b c_b, mixes a
    // running with a pole quantity: printed, not checked (it differs by the A self-energy and
    // the tadpoles, -22 % to +54 % at p1-p7).
    let pole_reading = p.pole_a0 * p.pole_a0 * tb / (1.0 + tb * tb);
    println!(
        "B_mu {}: ours {:.5e}, SOFTSUSY running m_3^2 {:.5e} ({:+.2} %), pole m_A^2 s_b c_b {:.5e} ({:+.2} %)",
        p.name,
        e.b_mu,
        softsusy_m3sq(p),
        100.0 * (e.b_mu / softsusy_m3sq(p) - 1.0),
        pole_reading,
        100.0 * (e.b_mu / pole_reading - 1.0)
    );
    let rows: [(&str, f64, f64); 15] = [
        ("M_1", s.m1, p.m1_q),
        ("M_2", s.m2, p.m2_q),
        ("M_3", s.m3, p.m3_q),
        ("mu", e.mu, p.mu_q),
        ("B_mu", e.b_mu, softsusy_m3sq(p)),
        ("m_A", sp.a_pole, p.pole_a0),
        ("stau_1", sp.sfermion_pole.stau[0], p.pole_stau1),
        ("e_R", sp.sfermion_pole.selectron_r, p.pole_selectron_r),
        (
            "chi_1",
            sp.ino_pole.neutralinos[0].abs(),
            p.pole_neutralino1,
        ),
        ("chargino_1", sp.ino_pole.charginos[0], p.pole_chargino1),
        ("gluino", sp.pole.gluino, p.pole_gluino),
        ("stop_1", sp.sfermion_pole.stop[0], p.pole_stop1),
        ("stop_2", sp.sfermion_pole.stop[1], p.pole_stop2),
        ("u_L", sp.pole.sup_l, p.pole_sup_l),
        ("u_R", sp.pole.sup_r, p.pole_sup_r),
    ];
    let mut failures = Vec::new();
    let mut line = format!("| {} |", p.name);
    for (column, ours, reference) in rows {
        let pct = 100.0 * (ours - reference) / reference.abs();
        line += &format!(" {pct:+.2} |");
        let known = known_misses
            .iter()
            .find(|(pt, c, _, _)| *pt == p.name && *c == column);
        let passes = pct.abs() <= 100.0 * tolerance;
        match (known, passes) {
            (None, true) => {}
            (None, false) => failures.push(format!(
                "target {} {column}: {ours:.5e} vs SOFTSUSY {reference:.5e} ({pct:+.2} % > {:.0} %)",
                p.name,
                100.0 * tolerance
            )),
            (Some(_), true) => failures.push(format!(
                "target {} {column} now passes ({pct:+.2} %): remove it from the known misses",
                p.name
            )),
            (Some((_, _, recorded, cause)), false) => {
                if pct.abs() > recorded.abs() + 0.5 {
                    failures.push(format!(
                        "known miss {} {column} got worse: {pct:+.2} % (recorded {recorded:+.2} %: {cause})",
                        p.name
                    ));
                }
            }
        }
    }
    println!("targets {line}");
    failures
}

// -------------------------------------------------------------------------------------------------
// The same targets with the reference codes' Yukawa matching (`yukawa_matching = "mssm_at_mt"`,
// model::yukawa_fixed_order: SOFTSUSY's procedure). The 2 %/3 % hold here without
// exceptions unless listed below with the measured value and cause.
// -------------------------------------------------------------------------------------------------

/// Known misses with `yukawa_matching = "mssm_at_mt"` (measured 2026-12-06).
const KNOWN_MISSES_FIXED_ORDER: &[(&str, &str, f64, &str)] = &[];

fn fixed_order_physics(p: &RefPoint) -> PhysicsConfig {
    let mut physics = default_physics(p);
    physics.switches.yukawa_matching = YukawaMatching::MssmAtMt;
    physics
}

/// SPheno 4.0.5's points in its `fixed_order` mode (SPhenoInput 49 = 1: one-loop MSSM thresholds
/// at M_Z, MSSM running to Q; tests/data/spheno_mssm_gmsb.toml, the same cards), p1..p7.
fn spheno_fixed_order() -> Vec<toml::Table> {
    #[derive(Deserialize)]
    struct SphenoFixture {
        point: Vec<toml::Table>,
    }
    let f: SphenoFixture =
        toml::from_str(include_str!("data/spheno_mssm_gmsb.toml")).expect("fixture parses");
    let points: Vec<_> = f
        .point
        .into_iter()
        .filter(|p| p["mode"].as_str() == Some("fixed_order"))
        .collect();
    assert_eq!(points.len(), 7);
    points
}

#[test]
fn fixed_order_matching_against_softsusy() {
    let mut failures = Vec::new();
    for (p, sp) in fixture().into_iter().zip(spheno_fixed_order()) {
        assert_eq!(sp["name"].as_str(), Some(p.name.as_str()));
        let sp_get = |k: &str| sp[k].as_float().expect(k);
        let ev = MssmEvaluator::new(fixed_order_physics(&p), BoundSetName::None);
        let sol = ev
            .evaluate(&pole_inputs(&p))
            .unwrap_or_else(|r| panic!("{}: {r}", p.name));
        let c = sol.couplings_q();
        let pct = |a: f64, b: f64| 100.0 * (a / b - 1.0);
        println!(
            "fixed-order {}: Q = {:.1} GeV (SOFTSUSY {:.1}); h_t {:.5} ({:+.2} %), h_b {:.5} ({:+.2} %), \
             h_tau {:.5} ({:+.2} %)",
            p.name,
            sol.ewsb.q,
            p.q,
            c.ht,
            pct(c.ht, p.yt_q),
            c.hb,
            pct(c.hb, p.yb_q),
            c.htau,
            pct(c.htau, p.ytau_q)
        );
        println!(
            "fixed-order {} vs SPheno fixed_order (its Q = {:.1} GeV): h_t {:+.2} %, h_b {:+.2} %, \
             h_tau {:+.2} % (SOFTSUSY vs SPheno: {:+.2}, {:+.2}, {:+.2} %)",
            p.name,
            sp_get("q"),
            pct(c.ht, sp_get("yt_q")),
            pct(c.hb, sp_get("yb_q")),
            pct(c.htau, sp_get("ytau_q")),
            pct(p.yt_q, sp_get("yt_q")),
            pct(p.yb_q, sp_get("yb_q")),
            pct(p.ytau_q, sp_get("ytau_q")),
        );
        failures.extend(print_and_check(
            "fixed-order-running",
            &p.name,
            &running_rows(&sol, &p, &FIXED_ORDER),
        ));
        failures.extend(print_and_check(
            "fixed-order-pole",
            &p.name,
            &pole_rows(&sol, &p),
        ));
        failures.extend(check_targets(&sol, &p, KNOWN_MISSES_FIXED_ORDER));
        // Issue 17's Yukawa targets, on the solution's own couplings at its Q (within 0.7 % of
        // SOFTSUSY's Q): h_t within 0.5 % everywhere, h_b within 2 % at tan(beta) >= 20
        // (measured 2026-12-07: h_t -0.22..-0.08 %, h_b -0.23..+0.82 % at every point). h_tau:
        // measured -0.56..-0.40 % (docs/physics.md section 3, "h_tau with the fixed-order
        // matching": -0.30 % is SOFTSUSY's m_tau(M_t), its input taken as the running mass
        // m_tau(m_tau) without the pole -> MS-bar QED term; -0.13..-0.26 % our v(M_t) and
        // tan(beta)(M_t), common to h_b and h_t), bound 0.8 % (the largest plus 0.25 %).
        let mut yukawa = vec![
            ("h_t", c.ht, p.yt_q, 0.005),
            ("h_tau", c.htau, p.ytau_q, 0.008),
        ];
        // Against SPheno's fixed_order (a third code's fixed-order procedure, matched at M_Z
        // instead of M_t; each code at its own Q, 0.3-0.4 % apart: below 1e-4 in h), measured
        // 2026-12-07: h_t -1.46..-0.72 %, h_b -0.68..+0.87 %, h_tau +0.40..+1.05 % (SOFTSUSY
        // against SPheno: -1.29..-0.62, -1.49..+0.98, +0.81..+1.54 %). Bounds: measured + 0.3 %.
        for (what, ours, theirs, tol) in [
            ("h_t", c.ht, sp_get("yt_q"), 0.0175),
            ("h_b", c.hb, sp_get("yb_q"), 0.012),
            ("h_tau", c.htau, sp_get("ytau_q"), 0.0135),
        ] {
            if !((ours / theirs - 1.0).abs() <= tol) {
                failures.push(format!(
                    "fixed-order {} {what}(Q) vs SPheno fixed_order: {:+.2} % > {:.2} %",
                    p.name,
                    pct(ours, theirs),
                    100.0 * tol
                ));
            }
        }
        if p.tan_beta_q >= 20.0 {
            yukawa.push(("h_b", c.hb, p.yb_q, 0.02));
        }
        for (what, ours, theirs, tol) in yukawa {
            if !((ours / theirs - 1.0).abs() <= tol) {
                failures.push(format!(
                    "fixed-order {} {what}(Q): {ours:.5} vs SOFTSUSY {theirs:.5} ({:+.2} % > {:.1} %)",
                    p.name,
                    pct(ours, theirs),
                    100.0 * tol
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
