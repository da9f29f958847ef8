//! The singlet leaves the running at its mass (switch `singlet_decoupling`, docs/physics.md
//! section 5b), checked against things that do not share its implementation:
//! - below the singlet's mass the equations are the MSSM ones: the consistent equations with
//!   lambda_N = k = 0 for every light field (gauge, Yukawas, gauginos, A_t, A_b, A_tau, the soft
//!   masses, b_s), with the N-sector terms of V frozen and lambda_N, lambda_S running alike;
//! - a singlet lighter than Q: the decoupled evolution is the old one, bit for bit;
//! - a singlet heavier than M: the evolution does not depend on its mass;
//! - the evolution is continuous where the singlet mass crosses M (the segment between the
//!   singlet mass and M shrinks to nothing, difference linear in the gap).

use gmsbscan::config::{PhysicsConfig, Preset, SingletDecoupling};
use gmsbscan::model::boundary::MessengerInputs;
use gmsbscan::model::params::{Couplings, SoftTerms};
use gmsbscan::model::rge::fs_terms::{fs_beta, FsTerms};
use gmsbscan::model::rge::{
    beta, evolve_with_vev_n, singlet_decoupling_scale, Evolution, Integrator, RgeOptions, RgeState,
};

const Q: f64 = 900.0;
const X: f64 = 413.0;

fn messenger() -> MessengerInputs {
    MessengerInputs {
        lambda_susy: 77_000.0,
        m_mess: 97_000.0,
        n5: 1.0,
    }
}

fn config(decoupling: SingletDecoupling) -> PhysicsConfig {
    let mut cfg = PhysicsConfig::preset(Preset::Consistent);
    cfg.switches.singlet_decoupling = decoupling;
    cfg
}

/// Table I-like couplings at Q with the given eta_N.
fn couplings(eta_n: f64, k: f64) -> Couplings {
    let cfg = config(SingletDecoupling::AtMass);
    let [g1, g2, g3] = gmsbscan::model::rge::gauge_couplings_at(&cfg.sm, Q);
    Couplings {
        g1,
        g2,
        g3,
        ht: 0.95,
        hb: 0.4,
        htau: 0.25,
        lambda_n: 0.31,
        lambda_s: 3.0e-3,
        k,
        xi_n: 0.71,
        xi_s: 1.0,
        eta_n,
        eta_s: 8.3e-3,
    }
}

fn evolve(c: &Couplings, decoupling: SingletDecoupling) -> Evolution {
    evolve_with_vev_n(
        Integrator::Dopri5,
        c,
        Q,
        &messenger(),
        &config(decoupling),
        X,
    )
    .expect("the evolution succeeds")
}

/// Every number an evolution returns, for comparisons.
fn numbers(e: &Evolution) -> Vec<f64> {
    let state = |c: Couplings, s: SoftTerms| {
        RgeState {
            couplings: c,
            soft: s,
        }
        .to_vector()
        .iter()
        .copied()
        .collect::<Vec<_>>()
    };
    let mut v = state(e.couplings_m, e.soft_m);
    v.extend(state(e.couplings_q, e.soft_q));
    v.extend(e.fs_q.expect("consistent: F_S terms run").to_array());
    v
}

fn max_relative_difference(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / x.abs().max(y.abs()).max(1e-300))
        .fold(0.0, f64::max)
}

/// A state at an intermediate scale with every entry non-zero.
fn generic_state() -> RgeState {
    RgeState {
        couplings: couplings(0.87, 0.4),
        soft: SoftTerms {
            m1: 120.0,
            m2: 230.0,
            m3: 650.0,
            a_t: 190.0,
            a_b: 210.0,
            a_tau: 40.0,
            a_lambda: -1375.0,
            a_k: -4120.0,
            mq3: 7.0e5,
            mu3: 5.9e5,
            md3: 6.8e5,
            ml3: 7.6e4,
            me3: 1.9e4,
            mq1: 7.7e5,
            mu1: 7.1e5,
            md1: 7.0e5,
            ml1: 7.6e4,
            me1: 1.9e4,
            mhu: -1.6e5,
            mhd: -1.2e4,
            mn: -3.4e7,
        },
    }
}

#[test]
fn below_the_singlet_the_equations_are_the_mssm_ones_with_n_a_background() {
    let base = RgeOptions::from(&config(SingletDecoupling::AtMass).switches);
    let decoupled = RgeOptions {
        singlet_decoupled: true,
        ..base
    };
    let state = generic_state();
    let below = beta(&state, &decoupled);
    // The MSSM: the same equations with the singlet couplings switched off.
    let mssm_state = RgeState {
        couplings: Couplings {
            lambda_n: 0.0,
            k: 0.0,
            ..state.couplings
        },
        soft: state.soft,
    };
    let mssm = beta(&mssm_state, &base);
    let (b, m) = (below.couplings, mssm.couplings);
    for (name, x, y) in [
        ("g'", b.g1, m.g1),
        ("g2", b.g2, m.g2),
        ("g3", b.g3, m.g3),
        ("h_t", b.ht, m.ht),
        ("h_b", b.hb, m.hb),
        ("h_tau", b.htau, m.htau),
        ("lambda_S", b.lambda_s, m.lambda_s),
    ] {
        assert!((x - y).abs() <= 1e-14 * y.abs(), "{name}: {x} vs MSSM {y}");
    }
    let (bs, ms) = (below.soft, mssm.soft);
    for (name, x, y) in [
        ("M_1", bs.m1, ms.m1),
        ("M_3", bs.m3, ms.m3),
        ("a_t", bs.a_t, ms.a_t),
        ("a_b", bs.a_b, ms.a_b),
        ("a_tau", bs.a_tau, ms.a_tau),
        ("a_lambda", bs.a_lambda, ms.a_lambda),
        ("m_Q3^2", bs.mq3, ms.mq3),
        ("m_U3^2", bs.mu3, ms.mu3),
        ("m_Hu^2", bs.mhu, ms.mhu),
        ("m_Hd^2", bs.mhd, ms.mhd),
        ("m_E3^2", bs.me3, ms.me3),
    ] {
        assert!((x - y).abs() <= 1e-12 * y.abs(), "{name}: {x} vs MSSM {y}");
    }
    // The singlet couplings and the pure-N terms of the background are frozen.
    assert_eq!(b.k, 0.0);
    assert_eq!(b.eta_n, 0.0);
    assert_eq!(b.eta_s, 0.0);
    assert_eq!(bs.a_k, 0.0);
    assert_eq!(bs.mn, 0.0);
    // lambda_N N H_u H_d with N a background runs as mu_S = lambda_S y: the Higgs anomalous
    // dimensions only (mu_eff = lambda_N x + lambda_S y runs as the MSSM mu).
    let rate_n = b.lambda_n / state.couplings.lambda_n;
    let rate_s = b.lambda_s / state.couplings.lambda_s;
    assert!((rate_n - rate_s).abs() <= 1e-14 * rate_s.abs());
    // With the singlet loops the rates differ (the test can fail).
    let above = beta(&state, &base).couplings;
    assert!((above.lambda_n / state.couplings.lambda_n - rate_n).abs() > 1e-4 * rate_n.abs());

    // F_S terms: b_s by the MSSM B_mu equation, b_n, t_s and the tadpole frozen.
    let fs = FsTerms {
        b_s: [2.2e7, 1.0e5],
        b_n: [3.0e8, -7.4e9],
        t_s: [1.0e12, -2.0e12, 3.0e13, 5.0e11],
        tadpole_factor: 1.02,
        e_n: 1.01,
        e_s: 0.99,
    };
    let y = 97_000.0;
    let d_below = fs_beta(&state, &fs, y, true, &decoupled);
    let d_mssm = fs_beta(&mssm_state, &fs, y, true, &base);
    for i in 0..2 {
        assert!((d_below.b_s[i] - d_mssm.b_s[i]).abs() <= 1e-12 * d_mssm.b_s[i].abs());
    }
    assert_eq!(d_below.b_n, [0.0; 2]);
    assert_eq!(d_below.t_s, [0.0; 4]);
    assert_eq!(
        (d_below.tadpole_factor, d_below.e_n, d_below.e_s),
        (0.0, 0.0, 0.0)
    );
}

#[test]
fn a_singlet_lighter_than_q_runs_as_before() {
    // |eta_N y + 2 k x| = 0.005 * 97000 + 2 * 0.01 * 413 = 493 GeV < Q.
    let c = couplings(0.005, 0.01);
    let cfg = config(SingletDecoupling::AtMass);
    assert_eq!(
        singlet_decoupling_scale(&c, 97_000.0, X, Q, 97_000.0, &cfg),
        Q
    );
    let old = evolve(&c, SingletDecoupling::Running);
    let new = evolve(&c, SingletDecoupling::AtMass);
    assert_eq!(numbers(&old), numbers(&new));
    // A heavy singlet changes the running (the test can fail).
    let heavy = couplings(0.87, 0.4);
    let d = max_relative_difference(
        &numbers(&evolve(&heavy, SingletDecoupling::Running)),
        &numbers(&evolve(&heavy, SingletDecoupling::AtMass)),
    );
    assert!(
        d > 1e-2,
        "decoupling a heavy singlet moved nothing ({d:.2e})"
    );
}

#[test]
fn above_m_the_running_does_not_depend_on_the_singlet_mass_and_is_continuous_at_m() {
    let y = 97_000.0;
    let k = 0.4;
    // eta_N with |eta_N y + 2 k x| = r y.
    let eta_for = |r: f64| (r * y - 2.0 * k * X) / y;
    // Above M: only the etas' own (frozen) values differ; the soft terms at Q do not move.
    let a = evolve(&couplings(eta_for(1.2), k), SingletDecoupling::AtMass);
    let b = evolve(&couplings(eta_for(2.5), k), SingletDecoupling::AtMass);
    assert_eq!(a.soft_q, b.soft_q);
    assert_eq!(a.soft_m, b.soft_m);
    assert_eq!(a.fs_q.unwrap().b_s, b.fs_q.unwrap().b_s);
    assert_eq!(
        a.couplings_m.lambda_n, b.couplings_m.lambda_n,
        "lambda_N(M) does not depend on eta_N above M"
    );

    // Crossing M: the soft terms and the F_S terms at Q just below and just above differ by
    // O(gap) (the F_S terms at the point's own etas: their polynomial coefficients in eta_N
    // start at zero at M).
    let soft = |e: &Evolution| {
        let mut v: Vec<f64> = RgeState {
            couplings: e.couplings_m,
            soft: e.soft_q,
        }
        .to_vector()
        .iter()
        .copied()
        .collect();
        let f = e
            .fs_q
            .unwrap()
            .values(e.couplings_q.eta_n, e.couplings_q.eta_s);
        v.extend([f.b_s, f.b_n, f.t_s]);
        v
    };
    let mut previous = f64::INFINITY;
    for gap in [1e-2, 1e-3, 1e-4] {
        let below = evolve(&couplings(eta_for(1.0 - gap), k), SingletDecoupling::AtMass);
        let above = evolve(&couplings(eta_for(1.0 + gap), k), SingletDecoupling::AtMass);
        let d = max_relative_difference(&soft(&below), &soft(&above));
        println!("singlet mass M (1 -+ {gap:.0e}): largest relative difference {d:.3e}");
        assert!(
            d < 0.5 * previous,
            "gap {gap:.0e}: difference {d:.3e} not shrinking"
        );
        // Linear in the gap: the etas themselves differ by 2 gap (b_n, t_s are linear in them).
        assert!(d <= 5.0 * gap, "gap {gap:.0e}: difference {d:.3e}");
        previous = d;
    }
}
