//! The neutralino/chargino (higgsino, singlino, gaugino) one-loop contribution to the CP-even
//! Higgs mass matrix of the light-singlet fixed order ([`super::fixed_order`]; docs/physics.md 7b,
//! item 6): the Coleman-Weinberg potential of the model's own fermion mass matrices as functions
//! of the neutral fields (v_d, v_u, x),
//!
//!   `V_chi = -(1/32 pi^2) sum_{i=1..5} m_i^4 (ln(m_i^2/Q^2) - 3/2)` (Majorana neutralinos),
//!   `V_chi+ = -(1/16 pi^2) sum_{i=1,2} m_i^4 (ln(m_i^2/Q^2) - 3/2)` (Dirac charginos),
//!
//! with `m_i^2` the eigenvalues of `M^T M` of the SLHA neutralino matrix
//! ([`neutralino_mass_matrix`]: the lambda_N higgsino-singlino entries, the singlino mass
//! `d^2W/dN^2` and the gaugino-higgsino gauge entries) and of the chargino matrix
//! ([`chargino_mass_matrix`]), DR-bar, Landau gauge, at p^2 = 0. Its second derivatives enter with
//! the tadpoles absorbed in the soft masses, as the top/stop potential
//! ([`super::fixed_order::tadpole_free_hessian`]). Field dependence: `mu(x) = mu + dmu_dx (x - x_0)`
//! (`dmu_dx = lambda_N`), singlino mass `m_N(x) = m_N + dmn_dx (x - x_0)` (`dmn_dx = 2 k`).

use std::f64::consts::PI;

use crate::model::spectrum::chargino::chargino_mass_matrix;
use crate::model::spectrum::neutralino::{neutralino_mass_matrix, NeutralinoInputs};

/// The neutralino/chargino sector at Q (DR-bar, SLHA signs, v = 174 GeV normalisation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InoSector {
    /// Gaugino masses M_1, M_2 [GeV].
    pub m1: f64,
    pub m2: f64,
    /// g' (SM normalisation) and g_2.
    pub g1: f64,
    pub g2: f64,
    /// lambda_N of `lambda_N N H_u H_d`.
    pub lambda_n: f64,
    /// Higgsino mass mu at the vevs [GeV] and d mu/dx.
    pub mu: f64,
    pub dmu_dx: f64,
    /// Singlino mass d^2W/dN^2 at the vevs [GeV] and its derivative by x.
    pub singlino_mass: f64,
    pub dsinglino_dx: f64,
}

impl InoSector {
    /// The neutralino matrix (basis B~, W~3, H~d, H~u, N~) and the chargino matrix at the fields
    /// `f` = (v_d, v_u, x), with mu and the singlino mass linearised around the vevs `v`.
    pub fn matrices(
        &self,
        v: [f64; 3],
        f: [f64; 3],
    ) -> (nalgebra::Matrix5<f64>, nalgebra::Matrix2<f64>) {
        let mu = self.mu + self.dmu_dx * (f[2] - v[2]);
        let n = neutralino_mass_matrix(&NeutralinoInputs {
            m1: self.m1,
            m2: self.m2,
            mu,
            lambda_n: self.lambda_n,
            v_d: f[0],
            v_u: f[1],
            singlino_mass: self.singlino_mass + self.dsinglino_dx * (f[2] - v[2]),
            g1: self.g1,
            g2: self.g2,
        });
        (n, chargino_mass_matrix(self.m2, mu, self.g2, f[0], f[1]))
    }

    /// The Coleman-Weinberg potential [GeV^4] at the fields `f` (module header).
    pub fn potential(&self, v: [f64; 3], f: [f64; 3], q: f64) -> f64 {
        let (n, c) = self.matrices(v, f);
        let q2 = q * q;
        let g = |m2: f64| {
            if m2 > 0.0 {
                m2 * m2 * ((m2 / q2).ln() - 1.5)
            } else {
                0.0
            }
        };
        // Neutralinos: the eigenvalues of the symmetric M, squared.
        let neut: f64 = nalgebra::SymmetricEigen::new(n)
            .eigenvalues
            .iter()
            .map(|&m| g(m * m))
            .sum();
        // Charginos: the eigenvalues of X^T X (2x2, closed form).
        let xtx = c.transpose() * c;
        let (tr, det) = (xtx.trace(), xtx.determinant());
        let root = (0.25 * tr * tr - det).max(0.0).sqrt();
        let char = g(0.5 * tr + root) + g(0.5 * tr - root);
        -(neut / (32.0 * PI * PI) + char / (16.0 * PI * PI))
    }
}

/// The correction to the CP-even mass matrix [GeV^2] in the basis (H_d, H_u, N) at the vevs
/// `v` (174 GeV normalisation), tadpoles absorbed in the soft masses.
pub fn cp_even_shift(s: &InoSector, v: [f64; 3], q: f64) -> [[f64; 3]; 3] {
    super::fixed_order::tadpole_free_hessian(|f| s.potential(v, f, q), v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;

    /// A light-singlet point like L6 of tests/data/softsusy_nmssm_light_singlet.csv.
    fn l6_like() -> (InoSector, [f64; 3], f64) {
        let (tb, v, lambda, kappa, mu) = (2.14f64, 172.0, 0.66, 0.20, 210.0);
        let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
        let x = mu / lambda;
        (
            InoSector {
                m1: 500.0,
                m2: 800.0,
                g1: 0.361,
                g2: 0.641,
                lambda_n: lambda,
                mu,
                dmu_dx: lambda,
                singlino_mass: 2.0 * kappa * x,
                dsinglino_dx: 2.0 * kappa,
            },
            [v * cb, v * sb, x],
            800.0,
        )
    }

    /// The Hessian and gradient of `V = sum_i c F(lambda_i(H))`, `H = M^T M` with M linear in the
    /// fields, analytically (first- and second-order perturbation theory of the eigenvalues,
    /// i.e. the Daleckii-Krein formula with divided differences of F'), in the eigenbasis of H:
    /// `dV/da = sum_i c F'(l_i) H_a,ii`,
    /// `d^2V/da db = sum_i c F'(l_i) H_ab,ii + sum_ij c F'[l_i, l_j] H_a,ij H_b,ij`,
    /// `H_a = M_a^T M + M^T M_a`, `H_ab = M_a^T M_b + M_b^T M_a`, `F(l) = l^2 (ln(l/Q^2) - 3/2)`,
    /// `F'(l) = 2 l (ln(l/Q^2) - 1)`, `F'[l, l] = F''(l) = 2 ln(l/Q^2)`.
    fn analytic(
        m: &DMatrix<f64>,
        dm: &[DMatrix<f64>; 3],
        c: f64,
        q2: f64,
    ) -> ([f64; 3], [[f64; 3]; 3]) {
        let h = m.transpose() * m;
        let eig = nalgebra::SymmetricEigen::new(h);
        let u = &eig.eigenvectors;
        let l = &eig.eigenvalues;
        let f1 = |x: f64| 2.0 * x * ((x / q2).ln() - 1.0);
        let f2 = |x: f64| 2.0 * (x / q2).ln();
        let n = l.len();
        let dd = |i: usize, j: usize| {
            if (l[i] - l[j]).abs() < 1e-9 * l[i].abs().max(l[j].abs()) {
                f2(0.5 * (l[i] + l[j]))
            } else {
                (f1(l[i]) - f1(l[j])) / (l[i] - l[j])
            }
        };
        let ha: Vec<DMatrix<f64>> = dm
            .iter()
            .map(|d| u.transpose() * (d.transpose() * m + m.transpose() * d) * u)
            .collect();
        let grad =
            std::array::from_fn(|a| c * (0..n).map(|i| f1(l[i]) * ha[a][(i, i)]).sum::<f64>());
        let hess = std::array::from_fn(|a| {
            std::array::from_fn(|b| {
                let hab =
                    u.transpose() * (dm[a].transpose() * &dm[b] + dm[b].transpose() * &dm[a]) * u;
                let mut s = 0.0;
                for i in 0..n {
                    s += f1(l[i]) * hab[(i, i)];
                    for j in 0..n {
                        s += dd(i, j) * ha[a][(i, j)] * ha[b][(i, j)];
                    }
                }
                c * s
            })
        });
        (grad, hess)
    }

    /// The finite-difference mass-matrix shift against the analytic derivatives of the CW
    /// potential of the same fermion matrices, to 1e-6 of the largest element, at an L6-like
    /// point and at a large-tan(beta), small-lambda_N one with a negative singlino mass.
    #[test]
    fn shift_matches_analytic_derivatives() {
        let (base, v0, q) = l6_like();
        let (tb2, x2) = (20.0f64, 600.0);
        let other = InoSector {
            lambda_n: 0.1,
            mu: 0.1 * x2,
            dmu_dx: 0.1,
            singlino_mass: -2.0 * 0.3 * x2,
            dsinglino_dx: -2.0 * 0.3,
            m1: 300.0,
            m2: -600.0,
            ..base
        };
        let v2 = [174.0 * tb2.atan().cos(), 174.0 * tb2.atan().sin(), x2];
        for (s, v) in [(base, v0), (other, v2)] {
            let q2 = q * q;
            let (n0, c0) = s.matrices(v, v);
            let to_d = |m: &dyn Fn([f64; 3]) -> DMatrix<f64>| -> [DMatrix<f64>; 3] {
                // M is linear in the fields: the unit difference is the exact derivative.
                std::array::from_fn(|a| {
                    let mut f = v;
                    f[a] += 1.0;
                    m(f) - m(v)
                })
            };
            let nm = |f: [f64; 3]| {
                let n = s.matrices(v, f).0;
                DMatrix::from_fn(5, 5, |i, j| n[(i, j)])
            };
            let cm = |f: [f64; 3]| {
                let c = s.matrices(v, f).1;
                DMatrix::from_fn(2, 2, |i, j| c[(i, j)])
            };
            let (gn, hn) = analytic(
                &DMatrix::from_fn(5, 5, |i, j| n0[(i, j)]),
                &to_d(&nm),
                -1.0 / (32.0 * PI * PI),
                q2,
            );
            let (gc, hc) = analytic(
                &DMatrix::from_fn(2, 2, |i, j| c0[(i, j)]),
                &to_d(&cm),
                -1.0 / (16.0 * PI * PI),
                q2,
            );
            let want: [[f64; 3]; 3] = std::array::from_fn(|i| {
                std::array::from_fn(|j| {
                    let mut e = 0.5 * (hn[i][j] + hc[i][j]);
                    if i == j {
                        e -= (gn[i] + gc[i]) / (2.0 * v[i]);
                    }
                    e
                })
            });
            let got = cp_even_shift(&s, v, q);
            let scale = want.iter().flatten().fold(0.0f64, |a, b| a.max(b.abs()));
            assert!(scale > 10.0, "{want:?}");
            for i in 0..3 {
                for j in 0..3 {
                    assert!(
                        (got[i][j] - want[i][j]).abs() < 1e-6 * scale,
                        "({i},{j}): {} vs {} (scale {scale})",
                        got[i][j],
                        want[i][j]
                    );
                }
            }
        }
    }

    /// Fermion matrices independent of the fields (lambda_N, k and the gauge couplings zero):
    /// no shift.
    #[test]
    fn no_field_dependence_no_shift() {
        let (s, v, q) = l6_like();
        let free = InoSector {
            lambda_n: 0.0,
            dmu_dx: 0.0,
            dsinglino_dx: 0.0,
            g1: 0.0,
            g2: 0.0,
            ..s
        };
        let m = cp_even_shift(&free, v, q);
        assert!(m.iter().flatten().all(|e| e.abs() < 1e-6), "{m:?}");
    }
}
