//! The heavy singlet's one-loop threshold (model::singlet_threshold, docs/physics.md section 5b),
//! checked against an evaluation that shares none of its derivative machinery:
//! - the Coleman-Weinberg potential of the heavy states, with the heavy eigenvalues of the full
//!   field-dependent matrices diagonalised numerically at finite Higgs fields (the ten-component
//!   scalar matrix, and the 5x5 neutralino matrix WITH the gauginos, which the library leaves out
//!   as O(v^4)), differentiated by Richardson-extrapolated finite differences: T, dm_Hu^2, dm_Hd^2
//!   and db to 1e-6;
//! - the N-Higgs mixing matters: the heavy N block alone (no mixing) misses the coefficients by
//!   far more than the tolerance;
//! - the total (decoupled running plus threshold) is continuous where the singlet mass crosses M.

use std::f64::consts::PI;

use gmsbscan::config::{PhysicsConfig, Preset, SingletDecoupling};
use gmsbscan::model::boundary::{tadpole_coefficient, MessengerInputs};
use gmsbscan::model::params::Couplings;
use gmsbscan::model::potential::{mass_matrix, PotentialParams, SbottomStau, SingletCouplings};
use gmsbscan::model::rge::{evolve_with_vev_n, singlet_decoupling_scale, Evolution, Integrator};
use gmsbscan::model::singlet_threshold::{singlet_threshold, SingletThreshold};
use nalgebra::{SMatrix, SymmetricEigen};

const Q: f64 = 900.0;
const X: f64 = 413.0;
const Y: f64 = 97_000.0;

fn messenger() -> MessengerInputs {
    MessengerInputs {
        lambda_susy: 77_000.0,
        m_mess: Y,
        n5: 1.0,
    }
}

fn config() -> PhysicsConfig {
    let mut cfg = PhysicsConfig::preset(Preset::Consistent);
    cfg.switches.singlet_decoupling = SingletDecoupling::AtMassThreshold;
    cfg
}

/// Table I-like couplings at Q.
fn couplings(eta_n: f64, k: f64, lambda_n: f64) -> Couplings {
    let cfg = config();
    let [g1, g2, g3] = gmsbscan::model::rge::gauge_couplings_at(&cfg.sm, Q);
    Couplings {
        g1,
        g2,
        g3,
        ht: 0.95,
        hb: 0.4,
        htau: 0.25,
        lambda_n,
        lambda_s: 3.0e-3,
        k,
        xi_n: 0.71,
        xi_s: 1.0,
        eta_n,
        eta_s: 8.3e-3,
    }
}

fn evolve(c: &Couplings) -> Evolution {
    evolve_with_vev_n(Integrator::Dopri5, c, Q, &messenger(), &config(), X)
        .expect("the evolution succeeds")
}

fn singlet(c: &Couplings) -> SingletCouplings<f64> {
    SingletCouplings::from(c)
}

/// The potential's parameters at Q from an evolution, as the point pipeline builds them.
fn params(e: &Evolution) -> PotentialParams {
    let cfg = config();
    let c = &e.couplings_q;
    let unit = Couplings {
        xi_s: 1.0,
        xi_n: 1.0,
        ..*c
    };
    let s = &e.soft_q;
    PotentialParams {
        g1: c.g1,
        g2: c.g2,
        ht: c.ht,
        y: Y,
        f_s: messenger().f_s(),
        xi_s: c.xi_s,
        tadpole_unit: tadpole_coefficient(&unit, &messenger(), cfg.switches.tadpole),
        fs: e.fs_q,
        m_hu2: s.mhu,
        m_hd2: s.mhd,
        m_n2: s.mn,
        a_lambda: s.a_lambda,
        a_k: s.a_k,
        a_t: s.a_t,
        m_q3: s.mq3,
        m_u3: s.mu3,
        q: Q,
        include_dv: true,
        sbottom_stau: Some(SbottomStau::from_running(c, s)),
        matching: cfg.switches.matching,
    }
}

/// m^4 (ln(m^2/Q^2) - 3/2)/64 pi^2.
fn f(m2: f64, q2: f64) -> f64 {
    m2 * m2 * ((m2 / q2).ln() - 1.5) / (64.0 * PI * PI)
}

/// The heavy singlet's one-loop potential at real (v_d, v_u, N): the two largest eigenvalues of
/// the scalar mass matrix and the largest of `M M^T` of the neutralino matrix (bino, wino,
/// H~_d, H~_u, S~; gaugino masses 500 and 900 GeV), numerically diagonalised. With
/// `mixing = false` the scalar eigenvalues are those of the {Re N, Im N} block alone.
fn heavy_potential(
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    [v_d, v_u, n]: [f64; 3],
    q_dec: f64,
    mixing: bool,
) -> f64 {
    let tree = PotentialParams {
        include_dv: false,
        ..p.clone()
    };
    let m = mass_matrix([v_d, v_u, n], c, &tree);
    let q2 = q_dec * q_dec;
    let scalars: f64 = if mixing {
        let mut ev: Vec<f64> = SymmetricEigen::new(m).eigenvalues.iter().copied().collect();
        ev.sort_by(|a, b| b.total_cmp(a));
        // The singlet states are the two heaviest (the test's way of finding them).
        assert!(ev[1] > 20.0 * ev[2].abs(), "no heavy pair: {ev:?}");
        f(ev[0], q2) + f(ev[1], q2)
    } else {
        let block = nalgebra::Matrix2::new(m[(2, 2)], m[(2, 5)], m[(5, 2)], m[(5, 5)]);
        SymmetricEigen::new(block)
            .eigenvalues
            .iter()
            .map(|&e| f(e, q2))
            .sum()
    };
    let (g1, g2) = (p.g1, p.g2);
    let s2 = std::f64::consts::SQRT_2;
    let mu = c.lambda_n * n + c.lambda_s * p.y;
    let l = c.lambda_n;
    #[rustfmt::skip]
    let chi = SMatrix::<f64, 5, 5>::from_row_slice(&[
        500.0, 0.0, -g1 * v_d / s2, g1 * v_u / s2, 0.0,
        0.0, 900.0, g2 * v_d / s2, -g2 * v_u / s2, 0.0,
        -g1 * v_d / s2, g2 * v_d / s2, 0.0, -mu, -l * v_u,
        g1 * v_u / s2, -g2 * v_u / s2, -mu, 0.0, -l * v_d,
        0.0, 0.0, -l * v_u, -l * v_d, 2.0 * c.k * n + c.eta_n * p.y,
    ]);
    let mf2 = SymmetricEigen::new(chi * chi.transpose()).eigenvalues.max();
    scalars - 2.0 * f(mf2, q2)
}

/// (T, dm_Hu^2, dm_Hd^2, db) by Richardson-extrapolated central differences of the heavy
/// potential at H = 0, N = x.
fn numerical(c: &SingletCouplings<f64>, p: &PotentialParams, q_dec: f64, mixing: bool) -> [f64; 4] {
    let v = |d: f64, u: f64, n: f64| heavy_potential(c, p, [d, u, X + n], q_dec, mixing);
    let rich = |g: &dyn Fn(f64) -> f64, h: f64| (4.0 * g(h / 2.0) - g(h)) / 3.0;
    let t = |h: f64| (v(0.0, 0.0, h) - v(0.0, 0.0, -h)) / (2.0 * h);
    let uu = |h: f64| (v(0.0, h, 0.0) - 2.0 * v(0.0, 0.0, 0.0) + v(0.0, -h, 0.0)) / (h * h);
    let dd = |h: f64| (v(h, 0.0, 0.0) - 2.0 * v(0.0, 0.0, 0.0) + v(-h, 0.0, 0.0)) / (h * h);
    let ud =
        |h: f64| (v(h, h, 0.0) - v(-h, h, 0.0) - v(h, -h, 0.0) + v(-h, -h, 0.0)) / (4.0 * h * h);
    // The Higgs-field step: the Richardson remainder grows as h^4 (7e-5 at 2 TeV, 5e-6 at 1 TeV,
    // 3e-7 at 500 GeV at the Table I-like point); the rounding of V ~ m_S^4/64 pi^2 is ~1e-9.
    let hv = 250.0;
    [
        rich(&t, 20.0),
        rich(&uu, hv) / 2.0,
        rich(&dd, hv) / 2.0,
        rich(&ud, hv) / 2.0,
    ]
}

fn as_array(t: &SingletThreshold) -> [f64; 4] {
    [t.tadpole, t.m_hu2, t.m_hd2, t.b]
}

#[test]
fn threshold_coefficients_match_the_differentiated_heavy_potential() {
    const NAMES: [&str; 4] = ["T", "dm_Hu^2", "dm_Hd^2", "db"];
    // Table I-like (m_S = 0.87 y + 2 0.4 413 = 84.7 TeV < M), a singlet above M, and one with a
    // larger lambda_N and a smaller k.
    for (eta_n, k, lambda_n) in [(0.87, 0.4, 0.31), (1.3, 0.3, 0.5), (0.95, 0.1, 0.6)] {
        let c = couplings(eta_n, k, lambda_n);
        let e = evolve(&c);
        let p = params(&e);
        let q_dec = singlet_decoupling_scale(&c, Y, X, Q, Y, &config());
        assert!(q_dec > Q);
        let s = singlet(&e.couplings_q);
        let program = as_array(&singlet_threshold(&s, &p, X, q_dec));
        let num = numerical(&s, &p, q_dec, true);
        let unmixed = numerical(&s, &p, q_dec, false);
        println!("eta_N {eta_n}, k {k}, lambda_N {lambda_n}, Q_dec {q_dec:.1}");
        for i in 0..4 {
            let rel = (program[i] - num[i]).abs() / num[i].abs();
            let rel_unmixed = (unmixed[i] - num[i]).abs() / num[i].abs();
            println!(
                "  {}: program {:.10e}, numerical {:.10e} (rel {rel:.1e}); N block alone {:.4e}",
                NAMES[i], program[i], num[i], unmixed[i]
            );
            assert!(rel < 1e-6, "{}: relative difference {rel:.2e}", NAMES[i]);
            if i > 0 {
                // The mixing is of the order of the diagonal: a heavy-block-only threshold is
                // wrong (this is what makes the check above able to fail on it).
                assert!(
                    rel_unmixed > 1e-2,
                    "{}: the N block alone is within {rel_unmixed:.1e}",
                    NAMES[i]
                );
            }
        }
    }
}

/// The EFT's parameters at Q with the threshold: m_Hu^2, m_Hd^2, and the F_S-induced b_s, t_s at
/// the point's etas.
fn total(c: &Couplings) -> [f64; 4] {
    let e = evolve(c);
    let mut p = params(&e);
    let q_dec = singlet_decoupling_scale(c, Y, X, Q, Y, &config());
    singlet_threshold(&singlet(&e.couplings_q), &p, X, q_dec).apply(&mut p);
    let v = p.fs.unwrap().values(c.eta_n, c.eta_s);
    [p.m_hu2, p.m_hd2, v.b_s, v.t_s]
}

#[test]
fn the_total_is_continuous_where_the_singlet_mass_crosses_m() {
    let k = 0.4;
    let eta_for = |r: f64| (r * Y - 2.0 * k * X) / Y;
    let mut previous = f64::INFINITY;
    for gap in [1e-2, 1e-3, 1e-4] {
        let below = total(&couplings(eta_for(1.0 - gap), k, 0.31));
        let above = total(&couplings(eta_for(1.0 + gap), k, 0.31));
        let d = below
            .iter()
            .zip(&above)
            .map(|(a, b)| (a - b).abs() / a.abs().max(b.abs()))
            .fold(0.0, f64::max);
        println!("singlet mass M (1 -+ {gap:.0e}): largest relative difference {d:.3e}\n  below {below:?}\n  above {above:?}");
        assert!(d < 0.5 * previous, "gap {gap:.0e}: {d:.3e} not shrinking");
        // Linear in the gap (the threshold itself varies fast with m_S near x_N = 1).
        if previous.is_finite() {
            let ratio = d / previous;
            assert!(
                (0.05..0.2).contains(&ratio),
                "gap {gap:.0e}: difference {d:.3e} not linear in the gap (ratio {ratio:.3})"
            );
        }
        previous = d;
    }
    // The threshold itself is not small there (the test can fail): at m_S = M it moves m_Hu^2.
    let c = couplings(eta_for(1.0), k, 0.31);
    let e = evolve(&c);
    let t = singlet_threshold(&singlet(&e.couplings_q), &params(&e), X, Y);
    println!("threshold at m_S = M: {t:?}; m_Hu^2(Q) = {}", e.soft_q.mhu);
    assert!(t.m_hu2.abs() > 1e-3 * e.soft_q.mhu.abs());
}
