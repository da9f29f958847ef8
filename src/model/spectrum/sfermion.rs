//! Sfermion masses at Q: 2x2 third-generation mixing and first-generation states
//! (docs/physics.md section 7).
//!
//! Tree-level running masses from the soft masses, the F-terms (fermion masses and the
//! `mu`-dependent left-right mixing) and the D-terms, in SLHA conventions (Skands et al.,
//! JHEP 0407 (2004) 036; textbook form e.g. S. P. Martin, "A Supersymmetry Primer", sec. 8.4):
//!
//! * D-term `Delta_f = M_Z^2 cos(2 beta) (T_3 - Q s_W^2)`, with T_3 and Q those of the
//!   **left-handed chiral superfield** the scalar belongs to (for `u~_R` the superfield is `u-bar`,
//!   `Q = -2/3`, so `Delta = +(2/3) s_W^2 M_Z^2 cos(2 beta)`). In terms of the VEVs,
//!   `M_Z^2 cos(2 beta) = (g'^2 + g2^2)(v_d^2 - v_u^2)/2` and `s_W^2 = g'^2/(g'^2 + g2^2)`
//!   (v = 174 GeV normalisation). The unit tests rederive every D-term from the hypercharge and
//!   SU(2) D-term potentials.
//! * Left-right mixing (SLHA, uniform A-term convention of `params.rs`):
//!   `m_t (a_t - mu cot(beta))`, `m_b (a_b - mu tan(beta))`, `m_tau (a_tau - mu tan(beta))`.
//! * First and second generation: no fermion masses, no mixing.

use serde::Serialize;

use crate::model::params::SoftTerms;

/// A left-right mixed pair: mass-squared eigenvalues in ascending order and the SLHA mixing
/// matrix (row i = mass eigenstate i, columns (L, R)).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SfermionPair {
    pub mass2: [f64; 2],
    pub mixing: [[f64; 2]; 2],
}

/// All sfermion masses-squared at Q [GeV^2] (negative = tachyonic).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sfermions {
    pub stop: SfermionPair,
    pub sbottom: SfermionPair,
    pub stau: SfermionPair,
    pub sneutrino_tau2: f64,
    pub selectron_l2: f64,
    pub selectron_r2: f64,
    pub sneutrino_e2: f64,
    pub sup_l2: f64,
    pub sup_r2: f64,
    pub sdown_l2: f64,
    pub sdown_r2: f64,
}

/// Everything the sfermion mass matrices need, at Q [GeV, GeV^2].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SfermionInputs {
    /// Soft terms at Q (trilinears in the uniform = SLHA convention).
    pub soft: SoftTerms,
    /// Hypercharge coupling g' (SM normalisation).
    pub g1: f64,
    pub g2: f64,
    pub v_d: f64,
    pub v_u: f64,
    /// mu = lambda_N x + lambda_S y (SLHA sign).
    pub mu: f64,
    /// Running top, bottom and tau masses at Q.
    pub m_top: f64,
    pub m_bottom: f64,
    pub m_tau: f64,
}

/// Quantum numbers of the left-handed chiral superfields (T_3 of the scalar, charge Q).
#[derive(Clone, Copy, Debug)]
struct Charges {
    t3: f64,
    q: f64,
}

const U_L: Charges = Charges {
    t3: 0.5,
    q: 2.0 / 3.0,
};
const D_L: Charges = Charges {
    t3: -0.5,
    q: -1.0 / 3.0,
};
/// `u-bar` superfield (contains u~_R^*).
const U_R: Charges = Charges {
    t3: 0.0,
    q: -2.0 / 3.0,
};
/// `d-bar` superfield.
const D_R: Charges = Charges {
    t3: 0.0,
    q: 1.0 / 3.0,
};
const NU_L: Charges = Charges { t3: 0.5, q: 0.0 };
const E_L: Charges = Charges { t3: -0.5, q: -1.0 };
/// `e-bar` superfield.
const E_R: Charges = Charges { t3: 0.0, q: 1.0 };

impl SfermionInputs {
    /// `M_Z^2 cos(2 beta) = (g'^2 + g2^2)(v_d^2 - v_u^2)/2` [GeV^2].
    pub fn mz2_cos2beta(&self) -> f64 {
        (self.g1 * self.g1 + self.g2 * self.g2) * (self.v_d * self.v_d - self.v_u * self.v_u) / 2.0
    }

    /// `s_W^2 = g'^2/(g'^2 + g2^2)` (tree level).
    pub fn sin2_theta_w(&self) -> f64 {
        self.g1 * self.g1 / (self.g1 * self.g1 + self.g2 * self.g2)
    }

    /// D-term `M_Z^2 cos(2 beta) (T_3 - Q s_W^2)` of a scalar in a superfield with (T_3, Q).
    fn d_term(&self, c: Charges) -> f64 {
        self.mz2_cos2beta() * (c.t3 - c.q * self.sin2_theta_w())
    }
}

/// Diagonalises the symmetric 2x2 matrix `[[m_ll, m_lr], [m_lr, m_rr]]`.
///
/// Eigenvalues `(m_ll + m_rr)/2 -+ sqrt(((m_ll - m_rr)/2)^2 + m_lr^2)` ascending; mixing
/// `R = [[c, s], [-s, c]]` with row i the i-th eigenstate in the (L, R) basis, so that
/// `R M R^T = diag(mass2)`. The angle is taken in (-pi/2, pi/2], so without mixing and with
/// `m_ll < m_rr` the lighter state is purely L with R = identity.
pub fn diagonalise_pair(m_ll: f64, m_rr: f64, m_lr: f64) -> SfermionPair {
    let mean = 0.5 * (m_ll + m_rr);
    let half_diff = 0.5 * (m_ll - m_rr);
    let root = half_diff.hypot(m_lr);
    // (cos phi, sin phi) with tan(2 phi) = 2 m_lr/(m_ll - m_rr) is the heavier eigenvector; the
    // lighter one is (cos theta, sin theta) with theta = phi - pi/2.
    let phi = 0.5 * m_lr.atan2(half_diff);
    let mut theta = phi - std::f64::consts::FRAC_PI_2;
    if theta <= -std::f64::consts::FRAC_PI_2 {
        theta += std::f64::consts::PI;
    }
    let (s, c) = theta.sin_cos();
    SfermionPair {
        mass2: [mean - root, mean + root],
        mixing: [[c, s], [-s, c]],
    }
}

/// All sfermion masses-squared at Q (tree level; module docs for the formulas and sources).
pub fn sfermions(inp: &SfermionInputs) -> Sfermions {
    let s = &inp.soft;
    let tan_beta = inp.v_u / inp.v_d;
    let (mt2, mb2, mtau2) = (
        inp.m_top * inp.m_top,
        inp.m_bottom * inp.m_bottom,
        inp.m_tau * inp.m_tau,
    );
    // Stops: LL = m_Q3^2 + m_t^2 + D(u_L), RR = m_U3^2 + m_t^2 + D(u_R),
    // LR = m_t (a_t - mu cot(beta)) (SLHA).
    let stop = diagonalise_pair(
        s.mq3 + mt2 + inp.d_term(U_L),
        s.mu3 + mt2 + inp.d_term(U_R),
        inp.m_top * (s.a_t - inp.mu / tan_beta),
    );
    // Sbottoms: LR = m_b (a_b - mu tan(beta)).
    let sbottom = diagonalise_pair(
        s.mq3 + mb2 + inp.d_term(D_L),
        s.md3 + mb2 + inp.d_term(D_R),
        inp.m_bottom * (s.a_b - inp.mu * tan_beta),
    );
    // Staus: LR = m_tau (a_tau - mu tan(beta)).
    let stau = diagonalise_pair(
        s.ml3 + mtau2 + inp.d_term(E_L),
        s.me3 + mtau2 + inp.d_term(E_R),
        inp.m_tau * (s.a_tau - inp.mu * tan_beta),
    );
    Sfermions {
        stop,
        sbottom,
        stau,
        // Tau sneutrino: m_L3^2 + M_Z^2 cos(2 beta)/2.
        sneutrino_tau2: s.ml3 + inp.d_term(NU_L),
        selectron_l2: s.ml1 + inp.d_term(E_L),
        selectron_r2: s.me1 + inp.d_term(E_R),
        sneutrino_e2: s.ml1 + inp.d_term(NU_L),
        sup_l2: s.mq1 + inp.d_term(U_L),
        sup_r2: s.mu1 + inp.d_term(U_R),
        sdown_l2: s.mq1 + inp.d_term(D_L),
        sdown_r2: s.md1 + inp.d_term(D_R),
    }
}

impl Sfermions {
    /// The lighter (or only) mass-squared of every sfermion state, named [GeV^2]: what a tachyon
    /// check looks at.
    pub fn named_mass2(&self) -> [(&'static str, f64); 11] {
        [
            ("stop1", self.stop.mass2[0]),
            ("sbottom1", self.sbottom.mass2[0]),
            ("stau1", self.stau.mass2[0]),
            ("snu_tau", self.sneutrino_tau2),
            ("e_L", self.selectron_l2),
            ("e_R", self.selectron_r2),
            ("snu_e", self.sneutrino_e2),
            ("u_L", self.sup_l2),
            ("u_R", self.sup_r2),
            ("d_L", self.sdown_l2),
            ("d_R", self.sdown_r2),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table1_like() -> SfermionInputs {
        let tb: f64 = 24.3;
        let cb = 1.0 / (1.0 + tb * tb).sqrt();
        SfermionInputs {
            soft: SoftTerms {
                m1: 107.0,
                m2: 208.0,
                m3: 649.0,
                a_t: -120.0,
                a_b: -130.0,
                a_tau: -15.0,
                a_lambda: 10.0,
                a_k: 30.0,
                mq3: 930.0f64.powi(2),
                mu3: 900.0f64.powi(2),
                md3: 950.0f64.powi(2),
                ml3: 270.0f64.powi(2),
                me3: 130.0f64.powi(2),
                mq1: 1000.0f64.powi(2),
                mu1: 960.0f64.powi(2),
                md1: 955.0f64.powi(2),
                ml1: 280.0f64.powi(2),
                me1: 140.0f64.powi(2),
                mhu: -400.0f64.powi(2),
                mhd: 250.0f64.powi(2),
                mn: -300.0f64.powi(2),
            },
            g1: 0.36,
            g2: 0.656,
            v_d: 174.0 * cb,
            v_u: 174.0 * tb * cb,
            mu: 421.0,
            m_top: 165.0,
            m_bottom: 2.9,
            m_tau: 1.777,
        }
    }

    fn check_pair(m_ll: f64, m_rr: f64, m_lr: f64) {
        let p = diagonalise_pair(m_ll, m_rr, m_lr);
        let scale = m_ll.abs().max(m_rr.abs()).max(m_lr.abs());
        // Trace and determinant identities.
        assert!((p.mass2[0] + p.mass2[1] - (m_ll + m_rr)).abs() < 1e-12 * scale);
        let det = m_ll * m_rr - m_lr * m_lr;
        assert!((p.mass2[0] * p.mass2[1] - det).abs() < 1e-10 * scale * scale);
        assert!(p.mass2[0] <= p.mass2[1]);
        // Rows orthonormal.
        let r = p.mixing;
        for i in 0..2 {
            for j in 0..2 {
                let dot = r[i][0] * r[j][0] + r[i][1] * r[j][1];
                assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12);
            }
        }
        // R^T diag R reproduces the matrix.
        let m = [[m_ll, m_lr], [m_lr, m_rr]];
        for a in 0..2 {
            for b in 0..2 {
                let rebuilt: f64 = (0..2).map(|i| r[i][a] * p.mass2[i] * r[i][b]).sum();
                assert!(
                    (rebuilt - m[a][b]).abs() < 1e-10 * scale,
                    "M[{a}{b}] {rebuilt} vs {}",
                    m[a][b]
                );
            }
        }
        // Rotation form [[c, s], [-s, c]] with c >= 0.
        assert!(r[0][0] >= 0.0 && r[0][0] == r[1][1] && r[0][1] == -r[1][0]);
    }

    #[test]
    fn pair_identities() {
        for &(ll, rr, lr) in &[
            (9.0e5, 8.1e5, 2.0e4),
            (8.1e5, 9.0e5, -2.0e4),
            (1.0e4, 1.0e4, 0.0),
            (1.0e4, 1.0e4, 5.0e3),
            (7.3e4, 1.7e4, -1.6e4),
            (-1.0e4, 3.0e4, 4.0e4),
            (5.0e5, 2.0e5, 0.0),
        ] {
            check_pair(ll, rr, lr);
        }
    }

    #[test]
    fn no_mixing_orders_states() {
        let p = diagonalise_pair(1.0, 2.0, 0.0);
        assert_eq!(p.mixing, [[1.0, 0.0], [-0.0, 1.0]]);
        let p = diagonalise_pair(2.0, 1.0, 0.0);
        assert_eq!(p.mass2, [1.0, 2.0]);
        assert!((p.mixing[0][1].abs() - 1.0).abs() < 1e-15 && p.mixing[0][0].abs() < 1e-15);
    }

    #[test]
    fn d_terms_from_the_d_term_potential() {
        // Independent check of every D-term: V_D = (g'^2/2) (sum Y |phi|^2)^2
        // + (g2^2/2) (sum phi^dag T^3 phi)^2 gives, at <H_u^0> = v_u, <H_d^0> = v_d,
        // Delta m^2 = g'^2 Y (v_u^2 - v_d^2)/2 + g2^2 T_3 (v_d^2 - v_u^2)/2
        // (H_u^0 has T_3 = -1/2, H_d^0 has +1/2), with (T_3, Y) of the scalar itself.
        let inp = table1_like();
        let (vu2, vd2) = (inp.v_u * inp.v_u, inp.v_d * inp.v_d);
        let direct = |t3: f64, y: f64| {
            inp.g1 * inp.g1 * y * (vu2 - vd2) / 2.0 + inp.g2 * inp.g2 * t3 * (vd2 - vu2) / 2.0
        };
        let sf = sfermions(&inp);
        let s = &inp.soft;
        let tol = 1e-9;
        assert!((sf.selectron_l2 - s.ml1 - direct(-0.5, -0.5)).abs() < tol);
        assert!((sf.sneutrino_e2 - s.ml1 - direct(0.5, -0.5)).abs() < tol);
        // e~_R^* sits in e-bar: Y = +1, T_3 = 0.
        assert!((sf.selectron_r2 - s.me1 - direct(0.0, 1.0)).abs() < tol);
        assert!((sf.sup_l2 - s.mq1 - direct(0.5, 1.0 / 6.0)).abs() < tol);
        assert!((sf.sdown_l2 - s.mq1 - direct(-0.5, 1.0 / 6.0)).abs() < tol);
        assert!((sf.sup_r2 - s.mu1 - direct(0.0, -2.0 / 3.0)).abs() < tol);
        assert!((sf.sdown_r2 - s.md1 - direct(0.0, 1.0 / 3.0)).abs() < tol);
        assert!((sf.sneutrino_tau2 - s.ml3 - direct(0.5, -0.5)).abs() < tol);
        // Sanity: for tan(beta) > 1 the e~_R D-term is positive, (+ s_W^2 M_Z^2 |cos 2b|).
        assert!(sf.selectron_r2 > s.me1);
    }

    #[test]
    fn d_term_sum_rule() {
        // m^2(e~_L) - m^2(nu~_e) = -M_W^2 cos(2 beta), M_W^2 = g2^2 v^2/2; same for squarks.
        let inp = table1_like();
        let sf = sfermions(&inp);
        let v2 = inp.v_d * inp.v_d + inp.v_u * inp.v_u;
        let mw2 = inp.g2 * inp.g2 * v2 / 2.0;
        let c2b = (inp.v_d * inp.v_d - inp.v_u * inp.v_u) / v2;
        assert!((sf.selectron_l2 - sf.sneutrino_e2 + mw2 * c2b).abs() < 1e-8);
        assert!((sf.sdown_l2 - sf.sup_l2 + mw2 * c2b).abs() < 1e-8);
        assert!(
            (sf.stau.mass2[0] + sf.stau.mass2[1]
                - 2.0 * inp.m_tau.powi(2)
                - sf.sneutrino_tau2
                - inp.soft.me3
                - inp.d_term(E_R)
                + mw2 * c2b)
                .abs()
                < 1e-8
        );
    }

    #[test]
    fn third_generation_matrices() {
        let inp = table1_like();
        let sf = sfermions(&inp);
        let tb = inp.v_u / inp.v_d;
        // Rebuild each 2x2 from its eigen-decomposition and compare with the stated entries.
        let rebuild = |p: &SfermionPair, a: usize, b: usize| -> f64 {
            (0..2)
                .map(|i| p.mixing[i][a] * p.mass2[i] * p.mixing[i][b])
                .sum()
        };
        let s = &inp.soft;
        let lr_t = inp.m_top * (s.a_t - inp.mu / tb);
        let lr_b = inp.m_bottom * (s.a_b - inp.mu * tb);
        let lr_tau = inp.m_tau * (s.a_tau - inp.mu * tb);
        assert!((rebuild(&sf.stop, 0, 1) - lr_t).abs() < 1e-6);
        assert!((rebuild(&sf.sbottom, 0, 1) - lr_b).abs() < 1e-6);
        assert!((rebuild(&sf.stau, 0, 1) - lr_tau).abs() < 1e-6);
        assert!(
            (rebuild(&sf.stop, 0, 0) - (s.mq3 + inp.m_top.powi(2) + inp.d_term(U_L))).abs() < 1e-6
        );
        assert!(
            (rebuild(&sf.stau, 1, 1) - (s.me3 + inp.m_tau.powi(2) + inp.d_term(E_R))).abs() < 1e-6
        );
        check_pair(
            rebuild(&sf.stau, 0, 0),
            rebuild(&sf.stau, 1, 1),
            rebuild(&sf.stau, 0, 1),
        );
        // Large tan(beta) stau mixing pushes stau_1 below the lighter diagonal entry.
        assert!(sf.stau.mass2[0] < s.me3);
    }
}
