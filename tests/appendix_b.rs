//! The automatically differentiated potential against independent evaluations:
//! - its gradient against central finite differences of V, and against the printed minimisation
//!   conditions (min1)-(min3) plus the trilinear terms the paper omits (docs/physics.md section 6);
//! - its Hessian against HMZ Appendix B (a..f, r, s, j, m_H+^2), typed in from the paper, at random
//!   points whose soft masses m_Hu^2, m_Hd^2, m_N^2 are fitted so that the point is stationary;
//! - the coupling Jacobian against finite differences in the couplings.

use gmsbscan::config::{Coupling, MessengerMatching};
use gmsbscan::model::potential::{
    coleman_weinberg_at, mass_matrix, mu2_relation, potential_at, stationarity,
    stationarity_jacobian, PotentialParams, SingletCouplings,
};
use gmsbscan::model::spectrum::higgs::{
    charged_block_eigenvalues, cp_odd_matrix, higgs_spectrum, neutral_goldstone_mass2,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::f64::consts::PI;

struct Sample {
    vevs: [f64; 3],
    c: SingletCouplings<f64>,
    p: PotentialParams,
}

/// A random point in the region HMZ explore, made stationary by fitting m_Hd^2, m_Hu^2, m_N^2
/// (V is linear in them, so the fit is exact).
fn random_point(rng: &mut ChaCha8Rng, include_dv: bool) -> Sample {
    let tb: f64 = rng.random_range(2.0..40.0);
    let beta = tb.atan();
    let vevs = [
        174.0 * beta.cos(),
        174.0 * beta.sin(),
        rng.random_range(100.0..1000.0),
    ];
    let y: f64 = rng.random_range(4.5e4..1e5);
    let lam: f64 = rng.random_range(3.8e4..0.9 * y);
    let c = SingletCouplings {
        xi_n: rng.random_range(-0.9..0.9),
        eta_s: rng.random_range(-0.01..0.05),
        eta_n: rng.random_range(0.5..1.0),
        lambda_s: rng.random_range(1e-3..4e-3),
        lambda_n: rng.random_range(0.1..0.8),
        k: rng.random_range(0.1..0.6),
    };
    let p = PotentialParams {
        g1: 0.36,
        g2: 0.65,
        ht: rng.random_range(0.9..1.05),
        y,
        f_s: lam * y,
        xi_s: rng.random_range(0.9..1.0),
        tadpole_unit: (lam * y).powi(2) / (8.0 * PI * PI * y),
        fs: None,
        m_hu2: 0.0,
        m_hd2: 0.0,
        m_n2: 0.0,
        a_lambda: rng.random_range(-2000.0..2000.0),
        a_k: rng.random_range(-4000.0..4000.0),
        a_t: rng.random_range(-800.0..0.0),
        m_q3: rng.random_range(5e5..1.2e6),
        m_u3: rng.random_range(5e5..1.2e6),
        q: rng.random_range(500.0..1000.0),
        include_dv,
        // Appendix B has the top/stop term only.
        sbottom_stau: None,
        // Appendix B has no messenger matching beyond the tadpole.
        matching: MessengerMatching::all(false),
    };
    let mut s = Sample { vevs, c, p };
    fit_soft_masses(&mut s);
    s
}

/// Makes the point stationary: V is linear in m_Hd^2, m_Hu^2, m_N^2 (coefficients 2 v_i in the
/// conditions), so evaluating the conditions with them at zero fixes them exactly.
fn fit_soft_masses(s: &mut Sample) {
    (s.p.m_hu2, s.p.m_hd2, s.p.m_n2) = (0.0, 0.0, 0.0);
    let g0 = stationarity(s.vevs, &s.c, &s.p).gradient;
    s.p.m_hd2 = -g0[0] / (2.0 * s.vevs[0]);
    s.p.m_hu2 = -g0[1] / (2.0 * s.vevs[1]);
    s.p.m_n2 = -g0[2] / (2.0 * s.vevs[2]);
}

fn rel_close(a: f64, b: f64, scale: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * scale
}

#[test]
fn gradient_matches_finite_differences_of_v() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for _ in 0..20 {
        let mut s = random_point(&mut rng, true);
        // Move away from the stationary point so the gradient is not trivially zero.
        s.p.m_hu2 += 3e4;
        s.p.m_n2 -= 5e4;
        let st = stationarity(s.vevs, &s.c, &s.p);
        for i in 0..3 {
            // Five-point stencil: exact for the quartic tree potential, O(h^4) for DV. V carries
            // the constant F_S^2 ~ 1e19 GeV^4, so rounding limits the comparison to ~1e-6 of the
            // scale of the terms the condition cancels.
            let h = 2.0;
            let at = |d: f64| {
                let mut v = s.vevs;
                v[i] += d;
                potential_at(v, &s.c, &s.p)
            };
            let fd = (8.0 * (at(h) - at(-h)) - (at(2.0 * h) - at(-2.0 * h))) / (12.0 * h);
            assert!(
                rel_close(st.gradient[i], fd, st.scale[i], 1e-5),
                "dV/dv_{i}: AD {} vs FD {} (scale {})",
                st.gradient[i],
                fd,
                st.scale[i]
            );
        }
    }
}

/// HMZ (min1)-(min3) as printed, plus the trilinear terms the printed equations omit
/// (docs/physics.md section 6 erratum), with DV switched off.
#[test]
fn gradient_equals_printed_minimisation_conditions_plus_trilinears() {
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    for _ in 0..20 {
        let mut s = random_point(&mut rng, false);
        s.p.m_hu2 += 2e4;
        s.p.m_hd2 -= 1e4;
        s.p.m_n2 += 7e4;
        let st = stationarity(s.vevs, &s.c, &s.p);
        let [vd, vu, x] = s.vevs;
        let c = &s.c;
        let p = &s.p;
        let (y, fs) = (p.y, p.f_s);
        let gb2 = p.g1 * p.g1 + p.g2 * p.g2;
        let a_lam = p.a_lambda; // paper convention (docs/physics.md section 1)
        let a_k = -p.a_k;
        let mu = x * c.lambda_n + y * c.lambda_s;
        let inner_n = -2.0 * c.k * x * x - 2.0 * x * y * c.eta_n - y * y * c.eta_s
            + 2.0 * vd * vu * c.lambda_n;
        let inner_s =
            2.0 * fs - x * x * c.eta_n - 2.0 * x * y * c.eta_s + 2.0 * vd * vu * c.lambda_s;
        let min1 = 2.0 * p.m_hd2 * vd
            + gb2 * vd * (vd * vd - vu * vu) / 2.0
            + vu * c.lambda_n * inner_n
            + 2.0 * vd * mu * mu
            + vu * c.lambda_s * inner_s
            - 2.0 * c.lambda_n * a_lam * x * vu;
        let min2 = 2.0 * p.m_hu2 * vu - gb2 * vu * (vd * vd - vu * vu) / 2.0
            + vd * c.lambda_n * inner_n
            + 2.0 * vu * mu * mu
            + vd * c.lambda_s * inner_s
            - 2.0 * c.lambda_n * a_lam * x * vd;
        let tadpole = p.tadpole_unit * p.xi_s * c.xi_n;
        let min3 = 2.0 * p.m_n2 * x
            + tadpole
            + (2.0 * c.k * x + y * c.eta_n)
                * (2.0 * c.k * x * x + 2.0 * x * y * c.eta_n + y * y * c.eta_s
                    - 2.0 * vd * vu * c.lambda_n)
            + 2.0 * (vd * vd + vu * vu) * c.lambda_n * mu
            + (x * c.eta_n + y * c.eta_s)
                * (-2.0 * fs + x * x * c.eta_n + 2.0 * x * y * c.eta_s
                    - 2.0 * vd * vu * c.lambda_s)
            - 2.0 * c.lambda_n * a_lam * vd * vu
            - 2.0 * c.k * a_k * x * x;
        for (i, printed) in [min1, min2, min3].into_iter().enumerate() {
            assert!(
                rel_close(st.gradient[i], printed, st.scale[i], 1e-12),
                "condition {i}: AD {} vs printed+trilinears {}",
                st.gradient[i],
                printed
            );
        }
    }
}

/// Appendix B a..f (CP-even), written from the paper, with the DV derivatives evaluated by finite
/// differences of DV alone.
fn appendix_b_even(s: &Sample) -> [[f64; 3]; 3] {
    let [vd, vu, x] = s.vevs;
    let c = &s.c;
    let p = &s.p;
    let (y, fs) = (p.y, p.f_s);
    let gb2 = p.g1 * p.g1 + p.g2 * p.g2;
    let a_lam = p.a_lambda; // paper convention
    let a_k = -p.a_k;
    let tadpole = p.tadpole_unit * p.xi_s * c.xi_n;
    let (dv, d2v) = dv_derivatives(s);
    let common = (2.0 * c.k * x * x + 2.0 * x * a_lam + 2.0 * x * y * c.eta_n + y * y * c.eta_s)
        * c.lambda_n
        + (-2.0 * fs + x * x * c.eta_n + 2.0 * x * y * c.eta_s) * c.lambda_s;
    let a = (gb2 * vd.powi(3) + vu * common) / vd - dv[0] / vd + d2v[0][0];
    let b = (gb2 * vu.powi(3) + vd * common) / vu - dv[1] / vu + d2v[1][1];
    // c: the printed "- F_S^2 xi_N xi_S" is 8 pi^2 y times the tadpole coefficient.
    let pi2 = PI * PI;
    let cc = (-16.0 * c.k * pi2 * x * x * y * a_k - 8.0 * pi2 * y * tadpole
        + 16.0 * pi2 * y * y * fs * c.eta_s
        + 8.0
            * pi2
            * y
            * (y * c.eta_n
                * (6.0 * c.k * x * x
                    + (3.0 * x * x - y * y) * c.eta_s
                    + 2.0 * vd * vu * c.lambda_n)
                + 2.0 * x.powi(3) * c.eta_n * c.eta_n
                + 2.0
                    * (4.0 * c.k * c.k * x.powi(3)
                        + a_lam * vd * vu * c.lambda_n
                        + y * vd * vu * c.eta_s * c.lambda_s
                        - y * vd * vd * c.lambda_n * c.lambda_s
                        - y * vu * vu * c.lambda_n * c.lambda_s)))
        / (8.0 * pi2 * x * y)
        - dv[2] / x
        + d2v[2][2];
    let d = -(2.0 * c.k * x * x + 2.0 * x * a_lam + 2.0 * x * y * c.eta_n + y * y * c.eta_s)
        * c.lambda_n
        + c.lambda_s
            * (2.0 * fs - x * x * c.eta_n - 2.0 * x * y * c.eta_s + 4.0 * vd * vu * c.lambda_s)
        - gb2 * vd * vu
        + 4.0 * vd * vu * c.lambda_n * c.lambda_n
        + d2v[0][1];
    let mu = x * c.lambda_n + y * c.lambda_s;
    let e = 4.0 * vd * c.lambda_n * mu
        - 2.0
            * vu
            * ((2.0 * c.k * x + a_lam + y * c.eta_n) * c.lambda_n
                + (x * c.eta_n + y * c.eta_s) * c.lambda_s)
        + d2v[0][2];
    let f = 4.0 * vu * c.lambda_n * mu
        - 2.0
            * vd
            * ((2.0 * c.k * x + a_lam + y * c.eta_n) * c.lambda_n
                + (x * c.eta_n + y * c.eta_s) * c.lambda_s)
        + d2v[1][2];
    [
        [a / 2.0, d / 2.0, e / 2.0],
        [d / 2.0, b / 2.0, f / 2.0],
        [e / 2.0, f / 2.0, cc / 2.0],
    ]
}

/// Appendix B r, s, j (CP-odd, printed without DV terms).
fn appendix_b_odd(s: &Sample) -> [f64; 3] {
    let [vd, vu, x] = s.vevs;
    let c = &s.c;
    let p = &s.p;
    let (y, fs) = (p.y, p.f_s);
    let v2 = vd * vd + vu * vu;
    let a_lam = p.a_lambda; // paper convention
    let a_k = -p.a_k;
    let tadpole = p.tadpole_unit * p.xi_s * c.xi_n;
    let pi2 = PI * PI;
    let r = v2 / (2.0 * vd * vu)
        * ((2.0 * c.k * x * x + 2.0 * x * a_lam + 2.0 * x * y * c.eta_n + y * y * c.eta_s)
            * c.lambda_n
            + (-2.0 * fs + x * (x * c.eta_n + 2.0 * y * c.eta_s)) * c.lambda_s);
    let s_ = (48.0 * c.k * pi2 * x * x * y * a_k - 8.0 * pi2 * y * tadpole
        + 16.0 * pi2 * y * fs * (2.0 * x * c.eta_n + y * c.eta_s)
        - 8.0
            * pi2
            * y
            * (c.eta_n
                * (2.0 * c.k * x * x * y + y * (x * x + y * y) * c.eta_s
                    - 2.0 * vd * vu * (y * c.lambda_n + 2.0 * x * c.lambda_s))
                + 2.0
                    * (y * c.eta_s * (2.0 * c.k * x * y - vd * vu * c.lambda_s)
                        + c.lambda_n
                            * ((-4.0 * c.k * x - a_lam) * vd * vu + y * v2 * c.lambda_s))))
        / (16.0 * pi2 * x * y);
    let j = -(v2.sqrt()
        * ((2.0 * c.k * x - a_lam + y * c.eta_n) * c.lambda_n
            + (x * c.eta_n + y * c.eta_s) * c.lambda_s));
    [r, s_, j]
}

/// First and second derivatives of DV alone by central finite differences.
fn dv_derivatives(s: &Sample) -> ([f64; 3], [[f64; 3]; 3]) {
    if !s.p.include_dv {
        return ([0.0; 3], [[0.0; 3]; 3]);
    }
    let dv = |v: [f64; 3]| coleman_weinberg_at(v, &s.c, &s.p);
    let h = [0.5, 0.5, 0.5];
    let mut g = [0.0; 3];
    let mut hess = [[0.0; 3]; 3];
    for i in 0..3 {
        let mut up = s.vevs;
        let mut dn = s.vevs;
        up[i] += h[i];
        dn[i] -= h[i];
        g[i] = (dv(up) - dv(dn)) / (2.0 * h[i]);
        for j in 0..3 {
            let shift = |di: f64, dj: f64| {
                let mut v = s.vevs;
                v[i] += di * h[i];
                v[j] += dj * h[j];
                dv(v)
            };
            hess[i][j] = (shift(1.0, 1.0) - shift(1.0, -1.0) - shift(-1.0, 1.0)
                + shift(-1.0, -1.0))
                / (4.0 * h[i] * h[j]);
        }
    }
    (g, hess)
}

#[test]
fn cp_even_matrix_matches_appendix_b_without_dv() {
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    for _ in 0..20 {
        let s = random_point(&mut rng, false);
        let m = mass_matrix(s.vevs, &s.c, &s.p);
        let printed = appendix_b_even(&s);
        let scale = (0..3).map(|i| m[(i, i)].abs()).fold(0.0, f64::max);
        for i in 0..3 {
            for j in 0..3 {
                assert!(
                    rel_close(m[(i, j)], printed[i][j], scale, 1e-9),
                    "M^2_even[{i}][{j}]: AD {} vs Appendix B {}",
                    m[(i, j)],
                    printed[i][j]
                );
            }
        }
    }
}

#[test]
fn cp_even_matrix_matches_appendix_b_with_dv() {
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    for _ in 0..10 {
        let s = random_point(&mut rng, true);
        let m = mass_matrix(s.vevs, &s.c, &s.p);
        let printed = appendix_b_even(&s);
        for i in 0..3 {
            for j in 0..3 {
                // Finite-difference DV second derivatives are good to ~1e-3 GeV^2 here.
                assert!(
                    (m[(i, j)] - printed[i][j]).abs() < 0.05 + 1e-9 * m[(2, 2)].abs(),
                    "M^2_even[{i}][{j}]: AD {} vs Appendix B {}",
                    m[(i, j)],
                    printed[i][j]
                );
            }
        }
    }
}

#[test]
fn cp_odd_and_charged_match_appendix_b_without_dv() {
    let mut rng = ChaCha8Rng::seed_from_u64(15);
    for _ in 0..20 {
        let s = random_point(&mut rng, false);
        let m = mass_matrix(s.vevs, &s.c, &s.p);
        let tb = s.vevs[1] / s.vevs[0];
        let odd = cp_odd_matrix(&m, tb);
        let [r, s_, j] = appendix_b_odd(&s);
        let scale = odd[(1, 1)].abs().max(odd[(0, 0)].abs());
        assert!(
            rel_close(odd[(0, 0)], r, scale, 1e-9),
            "r: {} vs {}",
            odd[(0, 0)],
            r
        );
        assert!(
            rel_close(odd[(1, 1)], s_, scale, 1e-9),
            "s: {} vs {}",
            odd[(1, 1)],
            s_
        );
        assert!(
            rel_close(odd[(0, 1)], j, scale, 1e-9),
            "j: {} vs {}",
            odd[(0, 1)],
            j
        );
        // Goldstones are massless at a stationary point.
        assert!(neutral_goldstone_mass2(&m, tb).abs() < 1e-9 * scale);
        let ch = charged_block_eigenvalues(&m);
        assert!(
            ch[0].abs() < 1e-9 * scale && ch[1].abs() < 1e-9 * scale,
            "charged Goldstones {ch:?}"
        );
        let v2 = s.vevs[0].powi(2) + s.vevs[1].powi(2);
        let mw2 = s.p.g2 * s.p.g2 * v2 / 2.0;
        let mhp2 = mw2 - (s.c.lambda_n.powi(2) + s.c.lambda_s.powi(2)) * v2 + r;
        let spec = higgs_spectrum(&m, tb);
        assert!(
            rel_close(spec.charged_mass2, mhp2, scale, 1e-9),
            "m_H+^2: AD {} vs Appendix B {}",
            spec.charged_mass2,
            mhp2
        );
    }
}

/// With DV on, the printed r, s, j and m_H+^2 omit the DV terms. The Goldstones must still be
/// massless (DV is written through gauge invariants). With a_t = 0 (the hmz1999 preset freezes
/// A_t = 0) DV depends on H_u, H_d only through magnitudes, so the printed r stays exact.
#[test]
fn goldstones_massless_with_dv_and_printed_r_exact_for_zero_a_t() {
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    for _ in 0..10 {
        let mut s = random_point(&mut rng, true);
        s.p.a_t = 0.0;
        fit_soft_masses(&mut s);
        let m = mass_matrix(s.vevs, &s.c, &s.p);
        let tb = s.vevs[1] / s.vevs[0];
        let scale = m[(5, 5)].abs().max(m[(3, 3)].abs());
        assert!(neutral_goldstone_mass2(&m, tb).abs() < 1e-9 * scale);
        let ch = charged_block_eigenvalues(&m);
        assert!(
            ch[0].abs() < 1e-9 * scale && ch[1].abs() < 1e-9 * scale,
            "{ch:?}"
        );
        let odd = cp_odd_matrix(&m, tb);
        let [r, _, _] = appendix_b_odd(&s);
        assert!(
            rel_close(odd[(0, 0)], r, scale, 1e-9),
            "r with DV {} vs printed {}",
            odd[(0, 0)],
            r
        );
    }
}

#[test]
fn coupling_jacobian_matches_finite_differences() {
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let sets = [
        [Coupling::XiN, Coupling::EtaS, Coupling::EtaN],
        [Coupling::LambdaS, Coupling::LambdaN, Coupling::K],
    ];
    for unknowns in sets {
        for _ in 0..5 {
            let s = random_point(&mut rng, true);
            let (grad, jac) = stationarity_jacobian(s.vevs, &s.c, unknowns, &s.p);
            let st = stationarity(s.vevs, &s.c, &s.p);
            for ((g, want), scale) in grad.iter().zip(st.gradient).zip(st.scale) {
                assert!(rel_close(*g, want, scale, 1e-12));
            }
            for (j, &u) in unknowns.iter().enumerate() {
                let h = 1e-6 * u.typical_size();
                let mut up = s.c.clone();
                let mut dn = s.c.clone();
                *up.get_mut(u) += h;
                *dn.get_mut(u) -= h;
                let gu = stationarity(s.vevs, &up, &s.p).gradient;
                let gd = stationarity(s.vevs, &dn, &s.p).gradient;
                for i in 0..3 {
                    let fd = (gu[i] - gd[i]) / (2.0 * h);
                    let scale = st.scale[i] / u.typical_size();
                    assert!(
                        rel_close(jac[i][j], fd, scale, 1e-6),
                        "d grad_{i}/d {u}: AD {} vs FD {}",
                        jac[i][j],
                        fd
                    );
                }
            }
        }
    }
}

/// The MSSM limit (singlet couplings off, mu = lambda_S y, B_mu = -lambda_S F_S): the doublet Higgs
/// masses must follow the textbook tree-level MSSM formulas,
/// m_h,H^2 = [m_A^2 + M_Z^2 -+ sqrt((m_A^2 + M_Z^2)^2 - 4 m_A^2 M_Z^2 cos^2 2beta)]/2 and
/// m_H+^2 = m_A^2 + M_W^2 - lambda_S^2 v^2.
#[test]
fn mssm_limit_reproduces_the_tree_level_mssm_higgs_masses() {
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    for _ in 0..10 {
        let mut s = random_point(&mut rng, false);
        s.c = SingletCouplings {
            xi_n: 0.0,
            eta_s: 0.0,
            eta_n: 0.0,
            lambda_s: -rng.random_range(1e-4..1e-3),
            lambda_n: 0.0,
            k: 0.0,
        };
        s.p.a_lambda = 0.0;
        s.p.a_k = 0.0;
        fit_soft_masses(&mut s);
        let m = mass_matrix(s.vevs, &s.c, &s.p);
        let tb = s.vevs[1] / s.vevs[0];
        let spec = higgs_spectrum(&m, tb);
        let v2 = s.vevs[0].powi(2) + s.vevs[1].powi(2);
        let (g1, g2) = (s.p.g1, s.p.g2);
        let mz2 = (g1 * g1 + g2 * g2) * v2 / 2.0;
        let mw2 = g2 * g2 * v2 / 2.0;
        let lam2v2 = s.c.lambda_s.powi(2) * v2;
        // m_A^2 = 2 B_eff / sin 2beta with B_eff = -lambda_S F_S (the phase-dependent part).
        let c2b = (1.0 - tb * tb) / (1.0 + tb * tb);
        let s2b = 2.0 * tb / (1.0 + tb * tb);
        let ma2 = -2.0 * s.c.lambda_s * s.p.f_s / s2b;
        assert!(
            (spec.odd_mass2[1] - ma2).abs() < 1e-9 * ma2,
            "m_A^2 {} vs {ma2}",
            spec.odd_mass2[1]
        );
        let a = ma2 + mz2;
        let disc = (a * a - 4.0 * ma2 * mz2 * c2b * c2b).sqrt();
        let (mh2, mhh2) = ((a - disc) / 2.0, (a + disc) / 2.0);
        // The singlet decouples (massless: m_N^2 was fitted to zero with nothing else acting on N).
        // The |lambda_S H_u H_d|^2 F-term shifts the doublet masses by at most lambda_S^2 v^2
        // (< 0.03 GeV^2 here), which bounds the comparison.
        let even = spec.even_mass2;
        let tol = 2.0 * lam2v2 + 1e-9 * ma2;
        assert!(even[0].abs() < 1e-9 * ma2, "singlet {}", even[0]);
        assert!(
            (even[1] - mh2).abs() < tol,
            "m_h^2 {} vs MSSM {mh2}",
            even[1]
        );
        assert!(
            (even[2] - mhh2).abs() < tol,
            "m_H^2 {} vs MSSM {mhh2}",
            even[2]
        );
        let mhp2 = ma2 + mw2 - lam2v2;
        assert!(
            (spec.charged_mass2 - mhp2).abs() < 1e-9 * ma2,
            "m_H+^2 {} vs {mhp2}",
            spec.charged_mass2
        );
    }
}

/// The mu^2 relation that the root search brackets: v_d dV/dv_d - v_u dV/dv_u from its own
/// one-direction dual number equals the combination of the stationarity gradient, and it does not
/// depend on the etas (while each of dV/dv_d, dV/dv_u, dV/dx does) nor on the sign of xi_N.
#[test]
fn mu2_relation_is_the_gradient_combination_and_independent_of_the_etas() {
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    for _ in 0..20 {
        let mut s = random_point(&mut rng, true);
        s.p.m_hu2 += 3e4;
        let [v_d, v_u, _] = s.vevs;
        let st = stationarity(s.vevs, &s.c, &s.p);
        let scale = v_d * st.scale[0] + v_u * st.scale[1];
        let combination = v_d * st.gradient[0] - v_u * st.gradient[1];
        let e = mu2_relation(s.vevs, &s.c, &s.p);
        assert!(
            rel_close(e, combination, scale, 1e-13),
            "{e} vs {combination}"
        );
        // Other etas and the other sign of xi_N: the same value to rounding.
        let other = SingletCouplings {
            eta_s: s.c.eta_s + 0.03,
            eta_n: -s.c.eta_n,
            xi_n: -s.c.xi_n,
            ..s.c.clone()
        };
        let e_other = mu2_relation(s.vevs, &other, &s.p);
        assert!(rel_close(e, e_other, scale, 1e-13), "{e} vs {e_other}");
        // ... while the individual conditions do move (the check is not vacuous).
        let moved = stationarity(s.vevs, &other, &s.p);
        assert!((moved.gradient[0] - st.gradient[0]).abs() > 1e-6 * st.scale[0]);
    }
}
