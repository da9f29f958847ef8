//! The running of the F_S-induced soft terms (docs/physics.md sections 4c and 5; `model::rge::fs_terms`)
//! against evaluations that do not share its derivation:
//! - SOFTSUSY's general-NMSSM one-loop beta functions of m3sq, mSpsq and xiS
//!   (tests/data/softsusy_fs_terms_betas.toml, with provenance);
//! - the MSSM B_mu equation (Martin, "A supersymmetry primer", section 5.5) when the singlet
//!   decouples, mu -> lambda_S y;
//! - an integration of the equations in the physical variables (the actual etas along the run),
//!   which the eta-polynomial bookkeeping of `FsTerms` must reproduce for every eta.

use std::f64::consts::PI;

use gmsbscan::config::{FsTermsRunning, PhysicsConfig, Preset};
use gmsbscan::model::boundary::MessengerInputs;
use gmsbscan::model::params::{Couplings, SoftTerms};
use gmsbscan::model::rge::fs_terms::{
    fs_beta, run_with_fs_terms, FsTerms, FsValues, DESCRIPTION_SIGN,
};
use gmsbscan::model::rge::{beta, evolve_using, Integrator, RgeOptions, RgeState};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    case: Vec<Case>,
}

/// One state in gmsbscan's variables and SOFTSUSY's derivatives for it.
#[derive(Deserialize)]
struct Case {
    gp: f64,
    g2: f64,
    g3: f64,
    ht: f64,
    hb: f64,
    htau: f64,
    lambda_n: f64,
    lambda_s: f64,
    k: f64,
    eta_n: f64,
    eta_s: f64,
    y: f64,
    m1: f64,
    m2: f64,
    m3: f64,
    a_t: f64,
    a_b: f64,
    a_tau: f64,
    a_lambda: f64,
    a_k: f64,
    m_hu2: f64,
    m_hd2: f64,
    m_n2: f64,
    b_s: f64,
    b_n: f64,
    t_s: f64,
    softsusy_d_b_s: f64,
    softsusy_d_b_n: f64,
    softsusy_d_t_s: f64,
}

/// The consistent preset's RGE options (those of the evolutions below) with the F_S-term setting.
fn opts(running: FsTermsRunning) -> RgeOptions {
    RgeOptions {
        fs_terms_running: running,
        ..RgeOptions::from(&PhysicsConfig::preset(Preset::Consistent).switches)
    }
}

impl Case {
    fn state(&self) -> RgeState {
        RgeState {
            couplings: Couplings {
                g1: self.gp,
                g2: self.g2,
                g3: self.g3,
                ht: self.ht,
                hb: self.hb,
                htau: self.htau,
                lambda_n: self.lambda_n,
                lambda_s: self.lambda_s,
                k: self.k,
                xi_n: 0.7,
                xi_s: 1.0,
                eta_n: self.eta_n,
                eta_s: self.eta_s,
            },
            soft: SoftTerms {
                m1: self.m1,
                m2: self.m2,
                m3: self.m3,
                a_t: self.a_t,
                a_b: self.a_b,
                a_tau: self.a_tau,
                a_lambda: self.a_lambda,
                a_k: self.a_k,
                mhu: self.m_hu2,
                mhd: self.m_hd2,
                mn: self.m_n2,
                ..Default::default()
            },
        }
    }

    /// The F_S terms with the given values at the current scale, as eta polynomials with
    /// e_N = e_S = 1 here (so the etas at M are the current ones).
    fn fs(&self) -> FsTerms {
        FsTerms {
            b_s: [self.b_s, 0.0],
            b_n: [self.b_n, 0.0],
            t_s: [self.t_s, 0.0, 0.0, 0.0],
            tadpole_factor: 1.0,
            e_n: 1.0,
            e_s: 1.0,
        }
    }
}

/// d(b_s, b_n, t_s)/dt at the actual etas from the eta-polynomial derivatives.
fn physical_derivatives(d: &FsTerms, eta_n: f64, eta_s: f64) -> FsValues {
    FsValues {
        b_s: d.b_s[0] + eta_n * d.b_s[1],
        b_n: d.b_n[0] + eta_n * d.b_n[1],
        t_s: d.t_s[0] + eta_n * d.t_s[1] + eta_s * d.t_s[2] + eta_n * eta_n * d.t_s[3],
    }
}

#[test]
fn full_running_matches_softsusy_general_nmssm_betas() {
    let text = std::fs::read_to_string("tests/data/softsusy_fs_terms_betas.toml").unwrap();
    let fixture: Fixture = toml::from_str(&text).unwrap();
    assert_eq!(fixture.case.len(), 3);
    for (i, case) in fixture.case.iter().enumerate() {
        let d = fs_beta(
            &case.state(),
            &case.fs(),
            case.y,
            true,
            &opts(FsTermsRunning::Full),
        );
        let got = physical_derivatives(&d, case.eta_n, case.eta_s);
        for (name, ours, theirs) in [
            ("d b_s/dt", got.b_s, case.softsusy_d_b_s),
            ("d b_n/dt", got.b_n, case.softsusy_d_b_n),
            ("d t_s/dt", got.t_s, case.softsusy_d_t_s),
        ] {
            // Same one-loop formulas in double precision: agreement to rounding.
            assert!(
                (ours - theirs).abs() <= 1e-10 * theirs.abs(),
                "case {i} {name}: gmsbscan {ours:e}, SOFTSUSY {theirs:e}"
            );
        }
    }
}

/// Martin's MSSM equation for b (V ⊃ b H_u H_d, W ⊃ mu H_u H_d), trilinears T = a Y:
/// 16pi^2 db/dt = b (3 y_t^2 + 3 y_b^2 + y_tau^2 - 3 g_2^2 - g'^2)
///              + mu (6 a_t y_t^2 + 6 a_b y_b^2 + 2 a_tau y_tau^2 + 6 g_2^2 M_2 + 2 g'^2 M_1).
fn mssm_b_beta(s: &RgeState, b: f64, mu: f64) -> f64 {
    let c = &s.couplings;
    let m = &s.soft;
    let (yt2, yb2, yl2) = (c.ht * c.ht, c.hb * c.hb, c.htau * c.htau);
    let (g22, gp2) = (c.g2 * c.g2, c.g1 * c.g1);
    (b * (3.0 * yt2 + 3.0 * yb2 + yl2 - 3.0 * g22 - gp2)
        + mu * (6.0 * m.a_t * yt2
            + 6.0 * m.a_b * yb2
            + 2.0 * m.a_tau * yl2
            + 6.0 * g22 * m.m2
            + 2.0 * gp2 * m.m1))
        / (16.0 * PI * PI)
}

#[test]
fn b_s_running_is_the_mssm_b_mu_equation_when_the_singlet_decouples() {
    let text = std::fs::read_to_string("tests/data/softsusy_fs_terms_betas.toml").unwrap();
    let fixture: Fixture = toml::from_str(&text).unwrap();
    for case in &fixture.case {
        let mut state = case.state();
        state.couplings.lambda_n = 0.0;
        state.couplings.k = 0.0;
        // mu = lambda_S y in the description where the gaugino masses are positive.
        let mu = DESCRIPTION_SIGN * case.lambda_s * case.y;
        let expected = mssm_b_beta(&state, case.b_s, mu);
        for (singlet_loops, running) in [
            (false, FsTermsRunning::GauginoATerms),
            (true, FsTermsRunning::Full),
        ] {
            let d = fs_beta(&state, &case.fs(), case.y, singlet_loops, &opts(running));
            let got = physical_derivatives(&d, case.eta_n, case.eta_s).b_s;
            assert!(
                (got - expected).abs() <= 1e-12 * expected.abs(),
                "{running:?}: {got:e} vs MSSM {expected:e}"
            );
        }
    }
}

/// The Table I point's state at M (consistent preset with the singlet loops running down to Q,
/// the equations these tests integrate; docs/physics.md section 5b), for the integration tests.
fn table1_at_messenger(eta_n: f64, eta_s: f64) -> (RgeState, FsTerms, f64) {
    let mut cfg = PhysicsConfig::preset(Preset::Consistent);
    cfg.switches.singlet_decoupling = gmsbscan::config::SingletDecoupling::Running;
    let messenger = MessengerInputs {
        lambda_susy: 77_000.0,
        m_mess: 97_000.0,
        n5: 1.0,
    };
    let tb: f64 = 24.3;
    let v_u = cfg.sm.vev * tb.atan().sin();
    let q = 950.0;
    let [g1, g2, g3] = gmsbscan::model::rge::gauge_couplings_at(&cfg.sm, q);
    let c = Couplings {
        g1,
        g2,
        g3,
        ht: 165.0 / v_u,
        hb: 0.4,
        htau: 0.25,
        lambda_n: 0.31,
        lambda_s: 3.0e-3,
        k: 0.40,
        xi_n: 0.71,
        xi_s: 1.0,
        eta_n,
        eta_s,
    };
    let evo = evolve_using(Integrator::Dopri5, &c, q, &messenger, &cfg).unwrap();
    let y = messenger.m_mess;
    let state = RgeState {
        couplings: evo.couplings_m,
        soft: evo.soft_m,
    };
    (
        state,
        FsTerms::at_messenger(evo.couplings_m.lambda_s, y, messenger.f_s()),
        y,
    )
}

/// RK4 with many small steps of the state and the F_S terms in physical variables: at each
/// stage the F_S derivatives are those at the current etas (no polynomial bookkeeping).
fn physical_run(state: &RgeState, values: FsValues, y: f64, t_from: f64, t_to: f64) -> FsValues {
    let o = opts(FsTermsRunning::Full);
    let rhs = |s: &RgeState, v: &FsValues| -> (RgeState, FsValues) {
        let as_terms = FsTerms {
            b_s: [v.b_s, 0.0],
            b_n: [v.b_n, 0.0],
            t_s: [v.t_s, 0.0, 0.0, 0.0],
            tadpole_factor: 1.0,
            e_n: 1.0,
            e_s: 1.0,
        };
        let d = fs_beta(s, &as_terms, y, true, &o);
        let eta = (s.couplings.eta_n, s.couplings.eta_s);
        (beta(s, &o), physical_derivatives(&d, eta.0, eta.1))
    };
    let axpy = |s: &RgeState, v: &FsValues, ds: &RgeState, dv: &FsValues, h: f64| {
        let sv = s.to_vector() + ds.to_vector() * h;
        (
            RgeState::from_vector(&sv),
            FsValues {
                b_s: v.b_s + h * dv.b_s,
                b_n: v.b_n + h * dv.b_n,
                t_s: v.t_s + h * dv.t_s,
            },
        )
    };
    let steps = 4000;
    let h = (t_to - t_from) / steps as f64;
    let (mut s, mut v) = (*state, values);
    for _ in 0..steps {
        let k1 = rhs(&s, &v);
        let p2 = axpy(&s, &v, &k1.0, &k1.1, 0.5 * h);
        let k2 = rhs(&p2.0, &p2.1);
        let p3 = axpy(&s, &v, &k2.0, &k2.1, 0.5 * h);
        let k3 = rhs(&p3.0, &p3.1);
        let p4 = axpy(&s, &v, &k3.0, &k3.1, h);
        let k4 = rhs(&p4.0, &p4.1);
        let sv = s.to_vector()
            + (k1.0.to_vector() + (k2.0.to_vector() + k3.0.to_vector()) * 2.0 + k4.0.to_vector())
                * (h / 6.0);
        let comb = |a: f64, b: f64, c: f64, d: f64| (a + 2.0 * (b + c) + d) * (h / 6.0);
        v = FsValues {
            b_s: v.b_s + comb(k1.1.b_s, k2.1.b_s, k3.1.b_s, k4.1.b_s),
            b_n: v.b_n + comb(k1.1.b_n, k2.1.b_n, k3.1.b_n, k4.1.b_n),
            t_s: v.t_s + comb(k1.1.t_s, k2.1.t_s, k3.1.t_s, k4.1.t_s),
        };
        s = RgeState::from_vector(&sv);
    }
    v
}

#[test]
fn eta_polynomials_reproduce_the_physical_running_for_every_eta() {
    let (t_m, t_q) = (97_000f64.ln(), 950f64.ln());
    let o = opts(FsTermsRunning::Full);
    // One run, at reference etas, gives the F_S terms for all etas (the root search's use).
    let (state_ref, fs_m, y) = table1_at_messenger(0.87, 8.3e-3);
    let (_, fs_q) =
        run_with_fs_terms(Integrator::Dopri5, &state_ref, &fs_m, y, t_m, t_q, &o).unwrap();
    for (eta_n_q, eta_s_q) in [(0.87, 8.3e-3), (-1.4, 0.05), (2.1, -0.03)] {
        // The physical run with these etas (their values at M from a run of their own).
        let (state, fs_m_own, _) = table1_at_messenger(eta_n_q, eta_s_q);
        let physical = physical_run(
            &state,
            fs_m_own.values(state.couplings.eta_n, state.couplings.eta_s),
            y,
            t_m,
            t_q,
        );
        let poly = fs_q.values(eta_n_q, eta_s_q);
        for (name, a, b, scale) in [
            ("b_s", poly.b_s, physical.b_s, poly.b_s.abs().max(1e6)),
            ("b_n", poly.b_n, physical.b_n, poly.b_n.abs()),
            ("t_s", poly.t_s, physical.t_s, poly.t_s.abs()),
        ] {
            assert!(
                (a - b).abs() <= 1e-8 * scale,
                "etas ({eta_n_q}, {eta_s_q}) {name}: polynomial {a:e}, physical run {b:e}"
            );
        }
    }
}

#[test]
fn fixed_step_joint_run_matches_dopri5() {
    let (t_m, t_q) = (97_000f64.ln(), 950f64.ln());
    let (state, fs_m, y) = table1_at_messenger(0.87, 8.3e-3);
    for running in [FsTermsRunning::GauginoATerms, FsTermsRunning::Full] {
        let o = opts(running);
        let (_, reference) =
            run_with_fs_terms(Integrator::Dopri5, &state, &fs_m, y, t_m, t_q, &o).unwrap();
        let (_, fast) =
            run_with_fs_terms(Integrator::FixedStep, &state, &fs_m, y, t_m, t_q, &o).unwrap();
        let (r, f) = (reference.values(0.87, 8.3e-3), fast.values(0.87, 8.3e-3));
        for (name, a, b) in [
            ("b_s", r.b_s, f.b_s),
            ("b_n", r.b_n, f.b_n),
            ("t_s", r.t_s, f.t_s),
        ] {
            assert!(
                (a - b).abs() <= 1e-7 * a.abs(),
                "{running:?} {name}: Dopri5 {a:e}, fixed step {b:e}"
            );
        }
    }
}

#[test]
fn messenger_tadpole_runs_with_the_n_anomalous_dimension() {
    // The linear term N runs with gamma_N alone (no sources), as the superpotential coefficient
    // eta_S y^2/2 does in the consistent set: its factor must equal eta_S(Q)/eta_S(M), which the
    // code follows through the coupling RGE's own eta_S rate.
    let (t_m, t_q) = (97_000f64.ln(), 950f64.ln());
    let (state, fs_m, y) = table1_at_messenger(0.87, 8.3e-3);
    let (_, fs_q) = run_with_fs_terms(
        Integrator::Dopri5,
        &state,
        &fs_m,
        y,
        t_m,
        t_q,
        &opts(FsTermsRunning::Full),
    )
    .unwrap();
    assert!(fs_q.tadpole_factor < 1.0, "{}", fs_q.tadpole_factor);
    assert!(
        (fs_q.tadpole_factor - fs_q.e_s).abs() <= 1e-12,
        "tadpole factor {}, eta_S(Q)/eta_S(M) {}",
        fs_q.tadpole_factor,
        fs_q.e_s
    );
}
