//! Tests of the RGE sets, their integration and the M <-> Q evolution.

use super::integrate::{mass_scale, run_couplings_using, run_with_tolerances};
use super::*;
use crate::config::{PhysicsConfig, Preset};
use crate::model::boundary::{self, casimirs, MessengerInputs};
use std::f64::consts::PI;

/// The couplings alone with the reference integrator.
fn run_couplings(
    c: &Couplings,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
) -> Result<Couplings, RgeError> {
    run_couplings_using(Integrator::Dopri5, c, t_from, t_to, opts)
}

const SIXTEEN_PI2: f64 = 16.0 * PI * PI;

fn sm() -> SmInputs {
    SmInputs::default()
}

fn opts(set: RgeSet, a_terms: ATermRunning) -> RgeOptions {
    RgeOptions {
        set,
        a_terms,
        stops_without_ht: false,
        messenger_b: [0.0; 3],
        fs_terms_running: FsTermsRunning::Couplings,
        gauge_two_loop: false,
        rge_two_loop: false,
        singlet_decoupled: false,
    }
}

fn all_options() -> [RgeOptions; 4] {
    [
        opts(RgeSet::Hmz1999, ATermRunning::Frozen),
        opts(RgeSet::Hmz1999, ATermRunning::Running),
        opts(RgeSet::Consistent, ATermRunning::Frozen),
        opts(RgeSet::Consistent, ATermRunning::Running),
    ]
}

fn table1_messenger() -> MessengerInputs {
    MessengerInputs {
        lambda_susy: 77_000.0,
        m_mess: 97_000.0,
        n5: 1.0,
    }
}

/// Table-I-like couplings at scale `q` (gauge couplings from the exact one-loop solution).
fn table1_couplings(q: f64) -> Couplings {
    let [g1, g2, g3] = gauge_couplings_at(&sm(), q);
    Couplings {
        g1,
        g2,
        g3,
        ht: 1.0,
        hb: 0.3,
        htau: 0.2,
        lambda_n: 0.31,
        lambda_s: 3e-3,
        k: 0.4,
        xi_n: 0.71,
        xi_s: 1.0,
        eta_n: 0.87,
        eta_s: 8.3e-3,
    }
}

/// Table-I-like state at M = 97 TeV with the consistent-preset boundary conditions (all
/// soft terms non-zero except a_t, a_b, a_tau).
fn table1_state_at_m() -> RgeState {
    let m = table1_messenger();
    let couplings = table1_couplings(m.m_mess);
    let sw = PhysicsSwitches::preset(Preset::Consistent);
    RgeState {
        couplings,
        soft: boundary::soft_terms_at_messenger(&couplings, &m, &sw),
    }
}

/// A state with every entry non-zero and distinct, for the beta-function comparisons.
fn generic_state() -> RgeState {
    let v = StateVector::from_fn(|i, _| {
        let x = (i as f64 + 1.0) * 0.37;
        if i < N_COUPLINGS {
            0.1 + 0.9 * (x.sin().abs())
        } else if i < N_COUPLINGS + N_DIM1 {
            500.0 * x.cos()
        } else {
            1e5 * (1.0 + 3.0 * x.sin())
        }
    });
    RgeState::from_vector(&v)
}

#[test]
fn perturbative_limit_is_sqrt_4pi() {
    assert!((PERTURBATIVE_LIMIT - (4.0 * PI).sqrt()).abs() < 1e-15);
}

#[test]
fn state_vector_layout_round_trips() {
    let v = StateVector::from_fn(|i, _| i as f64 + 0.5);
    let s = RgeState::from_vector(&v);
    assert_eq!(s.to_vector(), v);
    assert_eq!(s.couplings.eta_s, 12.5);
    assert_eq!(s.soft.m1, 13.5);
    assert_eq!(s.soft.a_k, 20.5);
    assert_eq!(s.soft.mq3, 21.5);
    assert_eq!(s.soft.mn, 33.5);
}

#[test]
fn gauge_running_matches_exact_solution() {
    let o = opts(RgeSet::Consistent, ATermRunning::Running);
    let (q0, q1): (f64, f64) = (1e2, 1e5);
    let [g1, g2, g3] = gauge_couplings_at(&sm(), q0);
    let start = RgeState {
        couplings: Couplings {
            g1,
            g2,
            g3,
            ..Couplings::default()
        },
        soft: SoftTerms::default(),
    };
    let up = run(&start, q0.ln(), q1.ln(), &o).unwrap();
    let exact = gauge_couplings_at(&sm(), q1);
    let got = [up.couplings.g1, up.couplings.g2, up.couplings.g3];
    for i in 0..3 {
        assert!(
            (got[i] / exact[i] - 1.0).abs() < 1e-9,
            "{i}: {got:?} {exact:?}"
        );
    }
    let down = run(&up, q1.ln(), q0.ln(), &o).unwrap();
    let got = [down.couplings.g1, down.couplings.g2, down.couplings.g3];
    for (i, g) in [g1, g2, g3].iter().enumerate() {
        assert!((got[i] / g - 1.0).abs() < 1e-9);
    }
    // The exact solution itself reproduces the inputs at M_Z.
    let at_mz = gauge_couplings_at(&sm(), sm().mz);
    assert!((at_mz[2] - sm().g3_mz).abs() < 1e-15);
}

#[test]
fn round_trip_m_to_q_to_m_recovers_start() {
    let start = table1_state_at_m();
    let (t_m, t_q) = (97_000f64.ln(), 960f64.ln());
    let v0 = start.to_vector();
    let mu = mass_scale(&v0);
    for o in all_options() {
        let down = run(&start, t_m, t_q, &o).unwrap();
        let back = run(&down, t_q, t_m, &o).unwrap();
        let v1 = back.to_vector();
        for i in 0..STATE_DIM {
            let dim = if i < N_COUPLINGS {
                0
            } else if i < N_COUPLINGS + N_DIM1 {
                1
            } else {
                2
            };
            // Relative 1e-7; entries that vanish at M (a_t, a_b, a_tau) are compared with
            // 1e-7 of the soft-term scale of their mass dimension.
            let floor = if dim == 0 { 1e-12 } else { 1e-7 * mu.powi(dim) };
            let tol = 1e-7 * v0[i].abs().max(v1[i].abs()) + floor;
            assert!(
                (v0[i] - v1[i]).abs() <= tol,
                "{o:?} entry {i}: {} -> {}",
                v0[i],
                v1[i]
            );
        }
        // The run did something.
        assert!((down.soft.mhu - start.soft.mhu).abs() > 1e4);
    }
}

#[test]
fn production_tolerances_agree_with_tight_ones() {
    // rtol 1e-10 / atol 1e-12 (soft terms scaled to O(1)) against rtol 1e-13 / atol 1e-16.
    let start = table1_state_at_m();
    let (t_m, t_q) = (97_000f64.ln(), 960f64.ln());
    for o in all_options() {
        let prod = run(&start, t_m, t_q, &o).unwrap().to_vector();
        let tight = run_with_tolerances(&start, t_m, t_q, &o, 1e-13, 1e-16)
            .unwrap()
            .to_vector();
        let mu = mass_scale(&tight);
        for i in 0..STATE_DIM {
            let dim = if i < N_COUPLINGS {
                0
            } else if i < N_COUPLINGS + N_DIM1 {
                1
            } else {
                2
            };
            let floor = if dim == 0 {
                1e-14
            } else {
                1e-10 * mu.powi(dim)
            };
            assert!(
                (prod[i] - tight[i]).abs() <= 1e-9 * tight[i].abs() + floor,
                "{o:?} entry {i}: {} vs {}",
                prod[i],
                tight[i]
            );
        }
    }
}

#[test]
fn one_loop_gaugino_invariants_and_wagner_closed_form() {
    let start = table1_state_at_m();
    let (m, q) = (97_000f64, 960f64);
    let g_m = gauge_couplings_at(&sm(), m);
    let g_q = gauge_couplings_at(&sm(), q);
    for o in all_options() {
        let down = run(&start, m.ln(), q.ln(), &o).unwrap();
        let c = &down.couplings;
        let mi_m = [start.soft.m1, start.soft.m2, start.soft.m3];
        let mi_q = [down.soft.m1, down.soft.m2, down.soft.m3];
        let g_run = [c.g1, c.g2, c.g3];
        // M_i/g_i^2 is an exact one-loop invariant; M_i(Q) from the exact gauge solution.
        let mut mi_exact = [0.0; 3];
        for i in 0..3 {
            let r_m = mi_m[i] / g_m[i].powi(2);
            let r_q = mi_q[i] / g_run[i].powi(2);
            assert!((r_q / r_m - 1.0).abs() < 1e-9, "{o:?} M_{}", i + 1);
            mi_exact[i] = mi_m[i] * (g_q[i] / g_m[i]).powi(2);
        }
        // m^2(Q) = m^2(M) + sum_i (2 C_i / b_i) (M_i(M)^2 - M_i(Q)^2), C_1 = Y^2.
        let closed = |m2_m: f64, (y2, c2, c3): (f64, f64, f64)| {
            let cas = [y2, c2, c3];
            m2_m + (0..3)
                .map(|i| 2.0 * cas[i] / B_GAUGE[i] * (mi_m[i].powi(2) - mi_exact[i].powi(2)))
                .sum::<f64>()
        };
        let s0 = &start.soft;
        let s = &down.soft;
        let cases = [
            (s.mq1, closed(s0.mq1, casimirs::Q)),
            (s.mu1, closed(s0.mu1, casimirs::U)),
            (s.md1, closed(s0.md1, casimirs::D)),
            (s.ml1, closed(s0.ml1, casimirs::L)),
            (s.me1, closed(s0.me1, casimirs::E)),
        ];
        for (got, want) in cases {
            assert!((got / want - 1.0).abs() < 1e-8, "{o:?}: {got} vs {want}");
        }
        // The squark masses grow from M to Q (gluino loop, about 17 % here).
        assert!(s.mq1 > 1.1 * s0.mq1);
    }
}

#[test]
fn consistent_set_mssm_limit_is_textbook() {
    // All singlet couplings zero; h_t, h_b, h_tau, a_t, a_b, gauginos generic.
    let mut st = generic_state();
    let c = &mut st.couplings;
    (
        c.lambda_n, c.lambda_s, c.k, c.xi_n, c.xi_s, c.eta_n, c.eta_s,
    ) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    st.soft.a_lambda = 0.0;
    st.soft.a_k = 0.0;
    let b = beta(&st, &opts(RgeSet::Consistent, ATermRunning::Running));
    let c = &st.couplings;
    let s = &st.soft;
    // Textbook MSSM one-loop RGEs (Martin, "A SUSY primer", GUT-normalised g1^2 = 5/3 g'^2,
    // V ⊃ a_t y_t Q U H_u with a_t = A_t y_t).
    let g1sq = 5.0 / 3.0 * c.g1 * c.g1;
    let (g2sq, g3sq) = (c.g2 * c.g2, c.g3 * c.g3);
    let (yt2, yb2) = (c.ht * c.ht, c.hb * c.hb);
    let yt_beta = c.ht * (6.0 * yt2 + yb2 - 16.0 / 3.0 * g3sq - 3.0 * g2sq - 13.0 / 15.0 * g1sq);
    let xt = s.mhu + s.mq3 + s.mu3 + s.a_t * s.a_t;
    let xb = s.mhd + s.mq3 + s.md3 + s.a_b * s.a_b;
    let mhu_beta = 6.0 * yt2 * xt - 6.0 * g2sq * s.m2.powi(2) - 1.2 * g1sq * s.m1.powi(2);
    let mq3_beta = 2.0 * yt2 * xt + 2.0 * yb2 * xb
        - 32.0 / 3.0 * g3sq * s.m3.powi(2)
        - 6.0 * g2sq * s.m2.powi(2)
        - 2.0 / 15.0 * g1sq * s.m1.powi(2);
    let mu3_beta =
        4.0 * yt2 * xt - 32.0 / 3.0 * g3sq * s.m3.powi(2) - 32.0 / 15.0 * g1sq * s.m1.powi(2);
    let at_beta = 12.0 * yt2 * s.a_t
        + 2.0 * yb2 * s.a_b
        + 32.0 / 3.0 * g3sq * s.m3
        + 6.0 * g2sq * s.m2
        + 26.0 / 15.0 * g1sq * s.m1;
    let pairs = [
        (b.couplings.ht, yt_beta),
        (b.soft.mhu, mhu_beta),
        (b.soft.mq3, mq3_beta),
        (b.soft.mu3, mu3_beta),
        (b.soft.a_t, at_beta),
    ];
    for (i, (got, want)) in pairs.iter().enumerate() {
        let want = want / SIXTEEN_PI2;
        assert!(
            (got - want).abs() <= 1e-12 * want.abs(),
            "{i}: {got} vs {want}"
        );
    }
}

#[test]
fn consistent_set_nmssm_limit() {
    // With xi, eta, lambda_S zero the consistent set is the NMSSM (Ellwanger, Hugonie,
    // Teixeira, Phys. Rept. 496 (2010), with kappa = -k, A_kappa = a_k, A_lambda = a_lambda).
    let mut st = generic_state();
    let c = &mut st.couplings;
    (c.lambda_s, c.xi_n, c.xi_s, c.eta_n, c.eta_s) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let b = beta(&st, &opts(RgeSet::Consistent, ATermRunning::Running));
    let c = &st.couplings;
    let s = &st.soft;
    let (l2, k2) = (c.lambda_n.powi(2), c.k.powi(2));
    let a_lambda = 2.0
        * (4.0 * l2 * s.a_lambda
            + 2.0 * k2 * s.a_k
            + 3.0 * c.ht.powi(2) * s.a_t
            + 3.0 * c.hb.powi(2) * s.a_b
            + c.htau.powi(2) * s.a_tau
            + c.g1.powi(2) * s.m1
            + 3.0 * c.g2.powi(2) * s.m2);
    let a_kappa = 12.0 * (l2 * s.a_lambda + k2 * s.a_k);
    let kappa = 6.0 * c.k * (l2 + k2);
    let ms2 = 4.0 * l2 * (s.mhu + s.mhd + s.mn + s.a_lambda.powi(2))
        + 4.0 * k2 * (3.0 * s.mn + s.a_k.powi(2));
    for (got, want) in [
        (b.soft.a_lambda, a_lambda),
        (b.soft.a_k, a_kappa),
        (b.couplings.k, kappa),
        (b.soft.mn, ms2),
    ] {
        let want = want / SIXTEEN_PI2;
        assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} vs {want}");
    }
}

#[test]
fn sets_agree_without_singlet_couplings() {
    let mut st = generic_state();
    let c = &mut st.couplings;
    (
        c.lambda_n, c.lambda_s, c.k, c.xi_n, c.xi_s, c.eta_n, c.eta_s,
    ) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for a in [ATermRunning::Frozen, ATermRunning::Running] {
        let h = beta(&st, &opts(RgeSet::Hmz1999, a)).to_vector();
        let k = beta(&st, &opts(RgeSet::Consistent, a)).to_vector();
        for i in 0..STATE_DIM {
            assert!((h[i] - k[i]).abs() <= 1e-14 * h[i].abs(), "entry {i}");
        }
    }
}

#[test]
fn sets_differ_exactly_by_the_listed_terms() {
    let st = generic_state();
    let o = |set| opts(set, ATermRunning::Running);
    let diff =
        beta(&st, &o(RgeSet::Hmz1999)).to_vector() - beta(&st, &o(RgeSet::Consistent)).to_vector();
    let c = &st.couplings;
    let s = &st.soft;
    let sq = |x: f64| x * x;
    // hmz1999 minus consistent, term by term (docs/physics.md section 5), times 16 pi^2.
    let mut e = RgeState::default();
    e.couplings.ht = c.ht * sq(c.lambda_s);
    e.couplings.hb = c.hb * sq(c.lambda_s);
    e.couplings.htau = c.htau * (sq(c.lambda_s) - sq(c.lambda_n));
    e.couplings.k = -sq(c.eta_n) * (2.0 * c.k + c.eta_s);
    e.couplings.lambda_n =
        c.lambda_n * (2.0 * sq(c.lambda_s) + sq(c.eta_s) + sq(c.eta_n) + 5.0 * sq(c.xi_n));
    e.couplings.lambda_s =
        c.lambda_s * (4.0 * sq(c.lambda_s) + sq(c.eta_s) + sq(c.eta_n) + 5.0 * sq(c.xi_s));
    e.couplings.xi_n = c.xi_n
        * (9.0 * sq(c.xi_n)
            + 4.0 * sq(c.xi_s)
            + sq(c.eta_s)
            + sq(c.eta_n)
            + 2.0 * sq(c.lambda_n)
            + 2.0 * sq(c.k)
            + 13.0 / 9.0 * sq(c.g1)
            - 3.0 * sq(c.g2)
            - 16.0 / 3.0 * sq(c.g3));
    e.couplings.xi_s = c.xi_s
        * (9.0 * sq(c.xi_s)
            + 4.0 * sq(c.xi_n)
            + sq(c.eta_s)
            + sq(c.eta_n)
            + 2.0 * sq(c.lambda_s)
            + 13.0 / 9.0 * sq(c.g1)
            - 3.0 * sq(c.g2)
            - 16.0 / 3.0 * sq(c.g3));
    e.couplings.eta_n = c.eta_n
        * (5.0 * sq(c.xi_s)
            + 10.0 * sq(c.xi_n)
            + 3.0 * sq(c.eta_s)
            + 3.0 * sq(c.eta_n)
            + 2.0 * sq(c.lambda_s));
    e.couplings.eta_s = c.eta_s
        * (5.0 * sq(c.xi_n)
            + 10.0 * sq(c.xi_s)
            + 3.0 * sq(c.eta_s)
            + 3.0 * sq(c.eta_n)
            + 4.0 * sq(c.lambda_s));
    // Uniform convention: the printed 2 lambda_S^2 A_lambda and eta_N^2 A_k keep their form.
    e.soft.a_lambda = 2.0 * sq(c.lambda_s) * s.a_lambda;
    e.soft.a_k = sq(c.eta_n) * s.a_k;
    e.soft.mhu = 2.0 * sq(c.lambda_s) * (s.mhu + s.mhd);
    e.soft.mhd = 2.0 * sq(c.lambda_s) * (s.mhu + s.mhd);
    let e = e.to_vector() / SIXTEEN_PI2;
    let scale = beta(&st, &o(RgeSet::Hmz1999)).to_vector();
    for i in 0..STATE_DIM {
        assert!(
            (diff[i] - e[i]).abs() <= 1e-13 * (scale[i].abs() + e[i].abs()),
            "entry {i}: {} vs {}",
            diff[i],
            e[i]
        );
    }
}

#[test]
fn frozen_a_terms_do_not_run() {
    let st = generic_state();
    for set in [RgeSet::Hmz1999, RgeSet::Consistent] {
        let f = beta(&st, &opts(set, ATermRunning::Frozen));
        let r = beta(&st, &opts(set, ATermRunning::Running));
        let fs = &f.soft;
        assert_eq!([fs.a_t, fs.a_b, fs.a_tau, fs.a_lambda, fs.a_k], [0.0; 5]);
        assert!(r.soft.a_t != 0.0 && r.soft.a_k != 0.0);
        // Everything else is unaffected by the switch.
        let (mut f2, mut r2) = (f, r);
        for x in [&mut f2, &mut r2] {
            (
                x.soft.a_t,
                x.soft.a_b,
                x.soft.a_tau,
                x.soft.a_lambda,
                x.soft.a_k,
            ) = (0.0, 0.0, 0.0, 0.0, 0.0);
        }
        assert_eq!(f2, r2);
    }
}

#[test]
fn stop_switch_drops_exactly_the_ht_terms_of_the_stop_equations() {
    let st = generic_state();
    let (c, s) = (&st.couplings, &st.soft);
    // X_t = m_Q3^2 + m_Hu^2 + m_U3^2 + A_t^2 (paper convention A_t = -a_t; only its square enters).
    let x_t = s.mq3 + s.mhu + s.mu3 + s.a_t * s.a_t;
    let ht2 = c.ht * c.ht;
    for base in all_options() {
        let with = beta(&st, &base);
        let without = beta(
            &st,
            &RgeOptions {
                stops_without_ht: true,
                ..base
            },
        );
        // Exactly 2 h_t^2 X_t and 4 h_t^2 X_t (over 16 pi^2) leave m_Q3^2 and m_U3^2 ...
        let d_q3 = with.soft.mq3 - without.soft.mq3;
        let d_u3 = with.soft.mu3 - without.soft.mu3;
        let e_q3 = 2.0 * ht2 * x_t / SIXTEEN_PI2;
        let e_u3 = 4.0 * ht2 * x_t / SIXTEEN_PI2;
        assert!(
            (d_q3 - e_q3).abs() <= 1e-13 * with.soft.mq3.abs().max(e_q3.abs()),
            "{base:?}"
        );
        assert!(
            (d_u3 - e_u3).abs() <= 1e-13 * with.soft.mu3.abs().max(e_u3.abs()),
            "{base:?}"
        );
        assert!(e_q3 != 0.0 && e_u3 != 0.0);
        // ... and nothing else changes: m_Hu^2, A_t, the couplings keep their h_t terms.
        let (mut w2, mut o2) = (with, without);
        for x in [&mut w2, &mut o2] {
            (x.soft.mq3, x.soft.mu3) = (0.0, 0.0);
        }
        assert_eq!(w2, o2, "{base:?}");
    }
}

#[test]
fn consistent_set_keeps_xi_constant() {
    let st = table1_state_at_m();
    let o = opts(RgeSet::Consistent, ATermRunning::Running);
    let b = beta(&st, &o);
    assert_eq!((b.couplings.xi_n, b.couplings.xi_s), (0.0, 0.0));
    let down = run(&st, 97_000f64.ln(), 960f64.ln(), &o).unwrap();
    assert_eq!(down.couplings.xi_n, st.couplings.xi_n);
    assert_eq!(down.couplings.xi_s, st.couplings.xi_s);
}

#[test]
fn landau_pole_is_a_nonperturbative_error() {
    let q0 = 1e3;
    let mut c = table1_couplings(q0);
    c.lambda_n = 2.5;
    c.k = 2.0;
    let st = RgeState {
        couplings: c,
        soft: SoftTerms::default(),
    };
    for o in all_options() {
        match run(&st, q0.ln(), 1e16f64.ln(), &o) {
            Err(RgeError::NonPerturbative {
                coupling,
                value,
                scale,
            }) => {
                assert!(
                    ["lambda_n", "k", "xi_n", "eta_n"].contains(&coupling),
                    "{coupling}"
                );
                assert!(value.abs() > PERTURBATIVE_LIMIT || !value.is_finite());
                assert!(scale > q0 && scale < 1e16, "{scale}");
            }
            other => panic!("{o:?}: expected NonPerturbative, got {other:?}"),
        }
    }
}

#[test]
fn invalid_inputs_are_errors() {
    let o = opts(RgeSet::Hmz1999, ATermRunning::Running);
    let good = table1_state_at_m();
    let (t0, t1) = (97_000f64.ln(), 960f64.ln());
    let mut bad = good;
    bad.couplings.k = f64::NAN;
    assert!(matches!(
        run(&bad, t0, t1, &o),
        Err(RgeError::NonPerturbative { coupling: "k", .. })
    ));
    let mut bad = good;
    bad.soft.mn = f64::NAN;
    assert!(matches!(
        run(&bad, t0, t1, &o),
        Err(RgeError::Integration { .. })
    ));
    assert!(matches!(
        run(&good, t0, f64::NAN, &o),
        Err(RgeError::Integration { .. })
    ));
    let mut bad = good;
    bad.couplings.lambda_n = -4.0;
    assert!(matches!(
        run(&bad, t0, t1, &o),
        Err(RgeError::NonPerturbative {
            coupling: "lambda_n",
            value: -4.0,
            ..
        })
    ));
    // Zero-length run returns the input.
    assert_eq!(run(&good, t0, t0, &o), Ok(good));
}

/// Table I couplings at Q = 960 GeV as the pipeline would build them.
fn table1_couplings_at_q(cfg: &PhysicsConfig, q: f64) -> Couplings {
    let tan_beta: f64 = 24.3;
    let beta_angle = tan_beta.atan();
    let v = cfg.sm.vev;
    let [g1, g2, g3] = gauge_couplings_at(&cfg.sm, q);
    let (hb, htau) = if cfg.switches.bottom_tau_yukawas {
        (
            cfg.sm.m_bottom / (v * beta_angle.cos()),
            cfg.sm.m_tau / (v * beta_angle.cos()),
        )
    } else {
        (0.0, 0.0)
    };
    Couplings {
        g1,
        g2,
        g3,
        ht: 165.0 / (v * beta_angle.sin()),
        hb,
        htau,
        lambda_n: 0.31,
        lambda_s: 3e-3,
        k: 0.4,
        xi_n: 0.71,
        xi_s: 0.9,
        eta_n: 0.87,
        eta_s: 8.3e-3,
    }
}

#[test]
fn evolve_hmz_imposes_xi_s_one_at_m() {
    let cfg = PhysicsConfig::preset(Preset::Hmz1999);
    let q = 960.0;
    let c_q = table1_couplings_at_q(&cfg, q);
    let mess = table1_messenger();
    let ev = evolve(&c_q, q, &mess, &cfg).unwrap();
    assert!((ev.couplings_m.xi_s - 1.0).abs() < 1e-10);
    // Independently: the returned couplings at Q run up to xi_S(M) = 1.
    let o = RgeOptions::from(&cfg.switches);
    let up = run_couplings(&ev.couplings_q, q.ln(), mess.m_mess.ln(), &o).unwrap();
    assert!((up.xi_s - 1.0).abs() < 1e-10, "{}", up.xi_s);
    // The shooting may end on the secant interpolation of its last two runs (evolve::solve_xi_s).
    assert_close_couplings(&up, &ev.couplings_m, 1e-13);
    // Only xi_S differs from the input at Q; xi_S runs down to below 1 (HMZ: 0.94).
    assert_eq!(
        Couplings {
            xi_s: c_q.xi_s,
            ..ev.couplings_q
        },
        c_q
    );
    assert!(ev.couplings_q.xi_s > 0.8 && ev.couplings_q.xi_s < 1.0);
    // Same answer from the default start (input outside (0, 2)).
    let ev2 = evolve(&Couplings { xi_s: 5.0, ..c_q }, q, &mess, &cfg).unwrap();
    assert!((ev2.couplings_q.xi_s - ev.couplings_q.xi_s).abs() < 1e-11);
    // Boundary conditions applied at M from the couplings at M, then run down.
    let bc = boundary::soft_terms_at_messenger(&ev.couplings_m, &mess, &cfg.switches);
    assert_eq!(bc, ev.soft_m);
    // Frozen A-terms in the hmz1999 preset: a_t(Q) = 0.
    assert_eq!(ev.soft_q.a_t, 0.0);
    // (Up to rounding: run() rescales the soft terms by their mass scale.)
    assert!((ev.soft_q.a_lambda / ev.soft_m.a_lambda - 1.0).abs() < 1e-15);
    assert!((ev.soft_q.a_k / ev.soft_m.a_k - 1.0).abs() < 1e-15);
}

/// Every coupling of `a` within `rel` of `b`'s (relative to max(|b|, 1e-3)).
fn assert_close_couplings(a: &Couplings, b: &Couplings, rel: f64) {
    let (va, vb) = (couplings_to_vector(a), couplings_to_vector(b));
    for i in 0..N_COUPLINGS {
        let d = (va[i] - vb[i]).abs() / vb[i].abs().max(1e-3);
        assert!(
            d < rel,
            "{}: {} vs {} ({d:.2e})",
            COUPLING_NAMES[i],
            va[i],
            vb[i]
        );
    }
}

/// The hmz1999 xi_S(Q) shooting of the solver's evolution (fixed step, from a start near or far
/// from the solution, with and without the slope of a previous shooting): the couplings at M it
/// returns are those of a direct up-run from the xi_S(Q) it returns to 1e-13 (they may come from
/// the secant interpolation of the last two runs), that run meets xi_S(M) = 1 to 1e-12, and the
/// slope of the previous shooting saves up-runs without moving the answer.
#[test]
fn xi_s_shooting_interpolation_and_slope_hint_keep_the_solution() {
    let cfg = PhysicsConfig::preset(Preset::Hmz1999);
    let q = 960.0;
    let mess = table1_messenger();
    let sector =
        crate::model::messengers::MessengerSector::minimal(mess.n5, mess.m_mess, mess.lambda_susy)
            .unwrap();
    let o = RgeOptions::from(&cfg.switches);
    let base = table1_couplings_at_q(&cfg, q);
    let evolve_from = |c: &Couplings, hint: Option<f64>| {
        let n0 = xi_s_upruns_on_this_thread();
        let point = PointRun {
            xi_s_slope_hint: hint,
            ..PointRun::default()
        };
        let ev =
            evolve_sector_with_vev_n(Integrator::FixedStep, c, q, &sector, &cfg, &point).unwrap();
        (ev, xi_s_upruns_on_this_thread() - n0)
    };
    let (first, _) = evolve_from(&base, None);
    let slope = first.xi_s_slope.expect("a secant slope");
    // The slope is d ln xi_S(M) / d ln xi_S(Q) at the solution (central differences of up-runs).
    let ln_xi_s_m = |u: f64| {
        let c = Couplings {
            xi_s: u.exp(),
            ..first.couplings_q
        };
        run_couplings_using(Integrator::FixedStep, &c, q.ln(), mess.m_mess.ln(), &o)
            .unwrap()
            .xi_s
            .ln()
    };
    let u = first.couplings_q.xi_s.ln();
    let derivative = (ln_xi_s_m(u + 1e-4) - ln_xi_s_m(u - 1e-4)) / 2e-4;
    assert!(
        (slope / derivative - 1.0).abs() < 1e-3,
        "{slope} vs {derivative}"
    );
    let (mut runs_plain, mut runs_hint) = (0, 0);
    for (dxi_n, xi_s_start) in [
        (1e-5, first.couplings_q.xi_s),
        (1e-3, first.couplings_q.xi_s),
        (0.05, 0.94),
        (0.2, 5.0),
    ] {
        let c = Couplings {
            xi_n: base.xi_n + dxi_n,
            xi_s: xi_s_start,
            ..base
        };
        let (plain, n_plain) = evolve_from(&c, None);
        let (hinted, n_hint) = evolve_from(&c, Some(slope));
        for ev in [&plain, &hinted] {
            let up = run_couplings_using(
                Integrator::FixedStep,
                &ev.couplings_q,
                q.ln(),
                mess.m_mess.ln(),
                &o,
            )
            .unwrap();
            assert!((up.xi_s - 1.0).abs() < 1e-12, "{}", up.xi_s - 1.0);
            assert_close_couplings(&ev.couplings_m, &up, 1e-13);
        }
        let dq = (plain.couplings_q.xi_s - hinted.couplings_q.xi_s).abs();
        assert!(dq < 1e-12, "xi_S(Q) moves by {dq:.2e} with the hint");
        runs_plain += n_plain;
        runs_hint += n_hint;
    }
    assert!(
        runs_hint < runs_plain,
        "{runs_hint} up-runs with the hint, {runs_plain} without"
    );
}

/// Consistent set: an evolution that takes its coupling up-run from one at another xi_N
/// ([`UpRuns`]) equals a fresh evolution bit for bit, with the singlet decoupled between Q and M
/// (x = 400 GeV) and for the minimal sector and one whose singlet pair lies below a heavier
/// threshold (an M -> top segment); xi_N = -0 and xi_N beyond the perturbative limit (a fresh run
/// refuses it) are not shared, nor is another Q.
#[test]
fn shared_up_runs_give_the_fresh_evolution() {
    use crate::model::messengers::{Content, MessengerPair, MessengerSector};
    let cfg = PhysicsConfig::preset(Preset::Consistent);
    let q = 960.0;
    let mess = table1_messenger();
    let minimal = MessengerSector::minimal(mess.n5, mess.m_mess, mess.lambda_susy).unwrap();
    let pair = |content, mass: f64, f_over_x, singlets| MessengerPair {
        content,
        multiplicity: 1.0,
        mass,
        f_over_x,
        singlets,
    };
    let split = MessengerSector::new(vec![
        pair(Content::Ten, 2.0e6, 5.0e4, false),
        pair(Content::Five, mess.m_mess, mess.lambda_susy, true),
    ])
    .unwrap();
    let base = table1_couplings_at_q(&cfg, q);
    for sector in [minimal, split] {
        let memo = UpRuns::default();
        let shared = PointRun {
            vev_n: 400.0,
            up_runs: Some(&memo),
            ..PointRun::default()
        };
        let fresh = PointRun {
            vev_n: 400.0,
            ..PointRun::default()
        };
        let evolve = |xi_n: f64, q: f64, point: &PointRun| {
            let c = Couplings { xi_n, ..base };
            evolve_sector_with_vev_n(Integrator::FixedStep, &c, q, &sector, &cfg, point)
                .map(|e| format!("{e:?}"))
                .map_err(|e| e.to_string())
        };
        let cases = [
            (0.3, q, 1),
            (-0.7, q, 1),
            (0.0, q, 1),
            (1.2, q, 1),
            (-0.0, q, 1),
            (2.0 * PERTURBATIVE_LIMIT, q, 1),
            (0.3, 1.1 * q, 2),
        ];
        for (xi_n, q, remembered) in cases {
            assert_eq!(
                evolve(xi_n, q, &shared),
                evolve(xi_n, q, &fresh),
                "xi_N {xi_n}"
            );
            assert_eq!(memo.len(), remembered, "xi_N {xi_n}, Q {q}");
        }
        assert!(evolve(2.0 * PERTURBATIVE_LIMIT, q, &fresh).is_err());
    }
}

/// Consistent set: an evolution asked for again with the same inputs bit for bit (xi_S at Q
/// apart, which the consistent set sets to 1) comes out of the point's memo ([`UpRuns`]) without a
/// run and equals a fresh evolution bit for bit; another xi_N (by its sign bit alone, -0), another
/// Q or another singlet VEV (the decoupling scale) is run.
#[test]
fn remembered_evolutions_equal_a_fresh_run() {
    use crate::model::messengers::MessengerSector;
    let cfg = PhysicsConfig::preset(Preset::Consistent);
    let q = 960.0;
    let mess = table1_messenger();
    let sector = MessengerSector::minimal(mess.n5, mess.m_mess, mess.lambda_susy).unwrap();
    let base = table1_couplings_at_q(&cfg, q);
    let memo = UpRuns::default();
    // (xi_N, xi_S at Q, Q, x, whether the memo has it)
    let cases = [
        (0.3, 0.94, q, 400.0, false),
        (0.3, 0.94, q, 400.0, true),
        (0.3, 0.5, q, 400.0, true),
        (0.0, 0.94, q, 400.0, false),
        (-0.0, 0.94, q, 400.0, false),
        (-0.0, 0.94, q, 400.0, false),
        (0.3, 0.94, 1.1 * q, 400.0, false),
        (0.3, 0.94, q, 300.0, false),
        (0.0, 0.94, q, 400.0, true),
        (0.3, 0.94, q, 400.0, true),
    ];
    for (xi_n, xi_s, q, vev_n, remembered) in cases {
        let c = Couplings { xi_n, xi_s, ..base };
        let evolve = |up_runs| {
            let point = PointRun {
                vev_n,
                up_runs,
                ..PointRun::default()
            };
            let before = evolutions_on_this_thread();
            let e = evolve_sector_with_vev_n(Integrator::FixedStep, &c, q, &sector, &cfg, &point)
                .unwrap();
            (format!("{e:?}"), evolutions_on_this_thread() - before)
        };
        let (fresh, _) = evolve(None);
        let (from_memo, runs) = evolve(Some(&memo));
        let case = format!("xi_N {xi_n:?}, xi_S {xi_s}, Q {q}, x {vev_n}");
        assert_eq!(from_memo, fresh, "{case}");
        assert_eq!(runs, if remembered { 0 } else { 1 }, "{case}");
    }
    assert_eq!(memo.evolutions_len(), 4);
}

#[test]
fn evolve_consistent_has_xi_s_one() {
    let cfg = PhysicsConfig::preset(Preset::Consistent);
    let q = 960.0;
    let c_q = table1_couplings_at_q(&cfg, q);
    let ev = evolve(&c_q, q, &table1_messenger(), &cfg).unwrap();
    assert_eq!(ev.couplings_q.xi_s, 1.0);
    assert_eq!(ev.couplings_m.xi_s, 1.0);
    assert_eq!(ev.couplings_m.xi_n, c_q.xi_n);
    assert_eq!(
        Couplings {
            xi_s: 0.9,
            ..ev.couplings_q
        },
        c_q
    );
    // Running A-terms: a_t is generated by the gauginos (negative in the uniform
    // convention, i.e. A_t(paper) > 0).
    assert!(ev.soft_q.a_t < -100.0);
}

#[test]
fn evolve_rejects_q_not_below_m() {
    let cfg = PhysicsConfig::preset(Preset::Hmz1999);
    let mess = table1_messenger();
    let c_q = table1_couplings_at_q(&cfg, 960.0);
    for q in [97_000.0, 2e5, 0.0, -1.0, f64::NAN] {
        assert!(matches!(
            evolve(&c_q, q, &mess, &cfg),
            Err(RgeError::ScaleOrder { .. })
        ));
    }
}

/// Largest difference between two state vectors, each entry relative to the soft-term scale of its
/// mass dimension (couplings: relative to 1).
fn scaled_difference(a: &StateVector, b: &StateVector) -> f64 {
    let mu = mass_scale(b);
    (0..STATE_DIM)
        .map(|i| {
            let dim = if i < N_COUPLINGS {
                0
            } else if i < N_COUPLINGS + N_DIM1 {
                1
            } else {
                2
            };
            (a[i] - b[i]).abs() / mu.powi(dim)
        })
        .fold(0.0, f64::max)
}

#[test]
fn fixed_step_matches_dopri5_on_the_down_run() {
    // The hot-path integrator against Dopri5 at rtol 1e-13, every set and A-term mode, over the
    // longest span the scans use (M = 1e5 GeV down to Q = 300 GeV) and over Table I's.
    let start = table1_state_at_m();
    for (t_m, t_q) in [(97_000f64.ln(), 960f64.ln()), (1e5f64.ln(), 300f64.ln())] {
        for o in all_options() {
            let fast = run_using(Integrator::FixedStep, &start, t_m, t_q, &o)
                .unwrap()
                .to_vector();
            let tight = run_with_tolerances(&start, t_m, t_q, &o, 1e-13, 1e-16)
                .unwrap()
                .to_vector();
            let diff = scaled_difference(&fast, &tight);
            // Measured: <= 4.9e-10 (hmz1999), 2.4e-11 (consistent): the RK4 truncation error of
            // 19-23 steps.
            assert!(diff < 1e-8, "{o:?} Q = {:.0}: {diff:.3e}", t_q.exp());
            // The comparison is not vacuous: the run moved the soft terms by O(1).
            assert!(scaled_difference(&start.to_vector(), &tight) > 0.1);
        }
    }
}

#[test]
fn fixed_step_matches_dopri5_on_the_coupling_up_run() {
    let m = table1_messenger();
    let (t_q, t_m) = (960f64.ln(), m.m_mess.ln());
    for set in [RgeSet::Hmz1999, RgeSet::Consistent] {
        let o = opts(set, ATermRunning::Running);
        let c = table1_couplings(960.0);
        let fast = run_couplings_using(Integrator::FixedStep, &c, t_q, t_m, &o).unwrap();
        let reference = run_couplings(&c, t_q, t_m, &o).unwrap();
        let (f, r) = (couplings_to_vector(&fast), couplings_to_vector(&reference));
        let diff = (f - r).amax();
        // Measured 9.5e-9 (hmz1999, xi_N = 0.71, xi_S = 1), part of it the reference's own error.
        assert!(diff < 3e-8, "{set:?}: {diff:.3e}");
        assert!((r - couplings_to_vector(&c)).amax() > 1e-2);
    }
}

#[test]
fn fixed_step_evolution_matches_the_reference_in_both_presets() {
    for preset in [Preset::Hmz1999, Preset::Consistent] {
        let cfg = PhysicsConfig::preset(preset);
        let q = 900.0;
        let c = table1_couplings_at_q(&cfg, q);
        let mess = table1_messenger();
        let fast = evolve_using(Integrator::FixedStep, &c, q, &mess, &cfg).unwrap();
        let reference = evolve(&c, q, &mess, &cfg).unwrap();
        let pack = |e: &Evolution| {
            RgeState {
                couplings: e.couplings_m,
                soft: e.soft_q,
            }
            .to_vector()
        };
        let diff = scaled_difference(&pack(&fast), &pack(&reference));
        // Measured 3.2e-9 (hmz1999), xi_S(Q) 1.3e-9.
        assert!(diff < 3e-8, "{preset:?}: {diff:.3e}");
        assert!((fast.couplings_q.xi_s - reference.couplings_q.xi_s).abs() < 1e-8);
    }
}

#[test]
fn fixed_step_reports_a_landau_pole() {
    let o = opts(RgeSet::Hmz1999, ATermRunning::Running);
    let c = Couplings {
        xi_n: 2.5,
        xi_s: 2.5,
        ..table1_couplings(960.0)
    };
    let err = run_couplings_using(Integrator::FixedStep, &c, 960f64.ln(), 1e5f64.ln(), &o);
    assert!(
        matches!(err, Err(RgeError::NonPerturbative { .. })),
        "{err:?}"
    );
}

/// The AVX2 copy of the fixed-step RK4 loop gives the plain copy's bits (integrate::fixed_step):
/// the RGE state under both sets, and the joint state of the consistent run with the F_S terms
/// (fs_terms), with and without the singlet loops, from M to Q.
#[cfg(target_arch = "x86_64")]
#[test]
fn avx2_fixed_step_gives_the_plain_bits() {
    use super::fs_terms::{fs_beta, FsTerms, FS_DIM};
    use super::integrate::{check_vector, fixed_step_avx2, fixed_step_body};
    if !std::is_x86_feature_detected!("avx2") {
        eprintln!("no AVX2 on this processor: only the plain copy runs");
        return;
    }
    const JOINT: usize = STATE_DIM + FS_DIM;
    let state = table1_state_at_m();
    let m = table1_messenger();
    let fs = FsTerms::at_messenger(state.couplings.lambda_s, m.m_mess, m.lambda_susy * m.m_mess);
    let (t_m, t_q) = (m.m_mess.ln(), 960.0f64.ln());
    let mut joint0 = [0.0; JOINT];
    joint0[..STATE_DIM].copy_from_slice(&state.to_array());
    joint0[STATE_DIM..].copy_from_slice(&fs.to_array());
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    for preset in [Preset::Hmz1999, Preset::Consistent] {
        for decoupled in [false, true] {
            let o = RgeOptions {
                singlet_decoupled: decoupled,
                ..RgeOptions::from(&PhysicsSwitches::preset(preset))
            };
            let rhs = |y: &[f64; STATE_DIM], dy: &mut [f64; STATE_DIM]| {
                *dy = beta(&RgeState::from_array(y), &o).to_array()
            };
            let joint_rhs = |v: &[f64; JOINT], dv: &mut [f64; JOINT]| {
                let s = RgeState::from_array(v[..STATE_DIM].try_into().unwrap());
                let f = FsTerms::from_array(v[STATE_DIM..].try_into().unwrap());
                dv[..STATE_DIM].copy_from_slice(&beta(&s, &o).to_array());
                dv[STATE_DIM..].copy_from_slice(&fs_beta(&s, &f, m.m_mess, true, &o).to_array());
            };
            let plain = fixed_step_body(state.to_array(), t_m, t_q, check_vector, rhs).unwrap();
            // SAFETY: the processor has AVX2 (checked above).
            let avx2 = unsafe { fixed_step_avx2(state.to_array(), t_m, t_q, check_vector, rhs) };
            assert_eq!(
                bits(&plain),
                bits(&avx2.unwrap()),
                "{preset:?}, {decoupled}"
            );
            let plain = fixed_step_body(joint0, t_m, t_q, check_vector, joint_rhs).unwrap();
            // SAFETY: as above.
            let avx2 = unsafe { fixed_step_avx2(joint0, t_m, t_q, check_vector, joint_rhs) };
            assert_eq!(
                bits(&plain),
                bits(&avx2.unwrap()),
                "joint, {preset:?}, {decoupled}"
            );
        }
    }
}
