//! One-loop self-energy of the CP-even Higgs states from the loops of the Higgs-sector scalars
//! themselves (the CP-even, CP-odd and charged states, Goldstones included, massless in Landau
//! gauge), with its momentum dependence: the piece of the light-singlet fixed order
//! ([`super::fixed_order`]) that carries the Higgs self-coupling. Without it the fixed order lacks
//! the `12 lambda^2` term of the SM quartic's running that the EFT resums between M_t and Q
//! (docs/physics.md 7b).
//!
//! With canonically normalised real fields phi_a and `V ⊃ (1/6) l_abc phi^3 + (1/24) l_abcd phi^4`
//! around the vacuum, the one-loop correction to the CP-even mass matrix is (e.g. S. Martin
//! hep-ph/0312092 eq. (2.3)-(2.5) restricted to scalars; the p^2 -> 0 limit is the second derivative
//! of the Coleman-Weinberg potential `(1/64 pi^2) sum_a m_a^4 (ln(m_a^2/Q^2) - 3/2)`):
//!
//!   Delta_ij(p^2) = (1/16 pi^2) [ (1/2) sum_a l_ijaa A(m_a^2) - (1/2) sum_ab l_iab l_jab B0(p^2; m_a^2, m_b^2) ],
//!
//! `A(m^2) = m^2 (ln(m^2/Q^2) - 1)`, `B0(p^2; a, b) = -int_0^1 ln|x a + (1 - x) b - x (1 - x) p^2|/Q^2 dx`
//! (real part, MS-bar/DR-bar finite part), and the tadpole `T_i = (1/32 pi^2) sum_a l_iaa A(m_a^2)`
//! absorbed in the soft masses as in [`super::fixed_order::cp_even_shift`]:
//! `Delta M^2_ij = Delta_ij - delta_ij T_i/(sqrt2 v_i)` (v = 174 GeV normalisation).
//!
//! The couplings come from the tree-level mass matrix over the ten real Higgs components
//! (`model::potential::mass_matrix`, M^2 = (1/2) d^2V/df^2 with f = phi/sqrt2) evaluated at displaced
//! VEVs: `l_iab = dM^2_ab/dphi_i`, `l_ijab = d^2 M^2_ab/dphi_i dphi_j`, by central differences (exact
//! for the quartic tree potential up to rounding). The loop masses are those of the tree potential
//! with the soft masses of its own minimum, so the Goldstones are massless.

use std::f64::consts::PI;

use nalgebra::{SMatrix, SymmetricEigen};

use crate::model::potential::{mass_matrix, stationarity, PotentialParams, SingletCouplings};

type M10 = SMatrix<f64, 10, 10>;

/// The tree-level Higgs-sector masses and the couplings of the three CP-even directions to them,
/// in the mass eigenbasis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalarSector {
    /// Tree-level masses squared of the ten real states [GeV^2].
    pub mass2: [f64; 10],
    /// l_iab (i = Re H_d, Re H_u, Re N, canonically normalised) [GeV].
    pub cubic: [M10; 3],
    /// l_ijab, i <= j stored at [i][j] (and mirrored) [dimensionless].
    pub quartic: [[M10; 3]; 3],
    /// (v_d, v_u, x) [GeV], v = 174 GeV normalisation.
    pub vevs: [f64; 3],
}

impl ScalarSector {
    /// From the tree-level 10x10 mass matrix as a function of the VEVs (v_d, v_u, x), which must
    /// be a minimum of that tree potential (massless Goldstones).
    pub fn from_mass_matrix(mass_matrix_at: impl Fn([f64; 3]) -> M10, vevs: [f64; 3]) -> Self {
        let v_doublet = vevs[0].hypot(vevs[1]);
        let h: [f64; 3] = [
            1e-2 * v_doublet,
            1e-2 * v_doublet,
            1e-2 * vevs[2].abs().max(v_doublet),
        ];
        let at = |d: [f64; 3]| mass_matrix_at(std::array::from_fn(|i| vevs[i] + d[i]));
        let step = |i: usize, k: f64| {
            let mut d = [0.0; 3];
            d[i] = k * h[i];
            d
        };
        let m0 = at([0.0; 3]);
        let plus: [M10; 3] = std::array::from_fn(|i| at(step(i, 1.0)));
        let minus: [M10; 3] = std::array::from_fn(|i| at(step(i, -1.0)));
        let eig = SymmetricEigen::new(m0);
        let r = eig.eigenvectors;
        let rot = |m: M10| r.transpose() * m * r;
        // d/dphi = (1/sqrt2) d/df.
        let s2 = std::f64::consts::SQRT_2;
        let cubic: [M10; 3] =
            std::array::from_fn(|i| rot((plus[i] - minus[i]) / (2.0 * h[i] * s2)));
        let mut quartic = [[M10::zeros(); 3]; 3];
        for i in 0..3 {
            for j in i..3 {
                let d2 = if i == j {
                    (plus[i] - m0 * 2.0 + minus[i]) / (h[i] * h[i])
                } else {
                    let e = |si: f64, sj: f64| {
                        let mut d = step(i, si);
                        d[j] = sj * h[j];
                        at(d)
                    };
                    (e(1.0, 1.0) - e(1.0, -1.0) - e(-1.0, 1.0) + e(-1.0, -1.0))
                        / (4.0 * h[i] * h[j])
                };
                quartic[i][j] = rot(d2 / 2.0);
                quartic[j][i] = quartic[i][j];
            }
        }
        Self {
            mass2: std::array::from_fn(|a| eig.eigenvalues[a]),
            cubic,
            quartic,
            vevs,
        }
    }

    /// From the model's potential: its tree-level part (no Coleman-Weinberg terms) with the Higgs
    /// soft masses moved to the tree-level minimum at `vevs` (V contains m_i^2 v_i^2, so
    /// dV/dv_i = 0 needs m_i^2 shifted by -(dV_tree/dv_i)/(2 v_i)).
    pub fn from_potential(
        vevs: [f64; 3],
        c: &SingletCouplings<f64>,
        params: &PotentialParams,
    ) -> Self {
        let mut tree = PotentialParams {
            include_dv: false,
            ..params.clone()
        };
        let grad = stationarity(vevs, c, &tree).gradient;
        tree.m_hd2 -= grad[0] / (2.0 * vevs[0]);
        tree.m_hu2 -= grad[1] / (2.0 * vevs[1]);
        tree.m_n2 -= grad[2] / (2.0 * vevs[2]);
        Self::from_mass_matrix(|v| mass_matrix(v, c, &tree), vevs)
    }

    /// The correction to the CP-even mass matrix [GeV^2] in the basis (H_d, H_u, N) at external
    /// momentum p^2, tadpoles absorbed in the soft masses (module header).
    pub fn cp_even_shift(&self, p2: f64, q2: f64) -> [[f64; 3]; 3] {
        let a: [f64; 10] = std::array::from_fn(|k| a0(self.mass2[k], q2));
        let mut b = [[0.0; 10]; 10];
        for x in 0..10 {
            for y in x..10 {
                b[x][y] = b0(p2, self.mass2[x], self.mass2[y], q2);
                b[y][x] = b[x][y];
            }
        }
        let k = 1.0 / (16.0 * PI * PI);
        let mut out = [[0.0; 3]; 3];
        for i in 0..3 {
            for j in i..3 {
                let mut e = 0.0;
                for x in 0..10 {
                    e += 0.5 * self.quartic[i][j][(x, x)] * a[x];
                    for y in 0..10 {
                        e -= 0.5 * self.cubic[i][(x, y)] * self.cubic[j][(x, y)] * b[x][y];
                    }
                }
                e *= k;
                if i == j {
                    let tadpole: f64 = (0..10).map(|x| self.cubic[i][(x, x)] * a[x]).sum::<f64>()
                        / (32.0 * PI * PI);
                    e -= tadpole / (std::f64::consts::SQRT_2 * self.vevs[i]);
                }
                out[i][j] = e;
                out[j][i] = e;
            }
        }
        out
    }
}

/// `A(m^2) = m^2 (ln|m^2/Q^2| - 1)` (0 for a massless state).
pub fn a0(m2: f64, q2: f64) -> f64 {
    if m2 == 0.0 {
        0.0
    } else {
        m2 * ((m2.abs() / q2).ln() - 1.0)
    }
}

/// Real part of `B0(p^2; a, b) = -int_0^1 ln|D(x)/Q^2| dx`, `D = x a + (1 - x) b - x (1 - x) p^2`,
/// in closed form from the roots of D (a, b may be zero or negative; p^2 >= 0).
pub fn b0(p2: f64, a: f64, b: f64, q2: f64) -> f64 {
    let scale = a.abs().max(b.abs()).max(p2);
    if scale == 0.0 {
        return f64::NAN;
    }
    // Below 1e-12 of the masses the p^2 terms are beyond double precision anyway.
    let int_ln = if p2 <= 1e-12 * scale {
        // D linear: int ln|x a + (1 - x) b| = (a ln|a| - b ln|b|)/(a - b) - 1.
        let xl = |m: f64| if m == 0.0 { 0.0 } else { m * m.abs().ln() };
        if (a - b).abs() <= 1e-6 * scale {
            (0.5 * (a + b)).abs().ln()
        } else {
            (xl(a) - xl(b)) / (a - b) - 1.0
        }
    } else {
        // D = p^2 x^2 + (a - b - p^2) x + b = p^2 (x - x1)(x - x2).
        let (bb, cc) = ((a - b - p2) / p2, b / p2);
        let disc = bb * bb - 4.0 * cc;
        let rest = if disc >= 0.0 {
            let sq = disc.sqrt();
            // Stable roots.
            let x1 = -0.5 * (bb + bb.signum() * sq);
            let x2 = if x1 != 0.0 { cc / x1 } else { -bb - x1 };
            int_ln_abs_linear(x1) + int_ln_abs_linear(x2)
        } else {
            let (u, w) = (-0.5 * bb, 0.5 * (-disc).sqrt());
            // int_0^1 ln((x - u)^2 + w^2) dx.
            let f = |x: f64| {
                let d = x - u;
                d * (d * d + w * w).ln() - 2.0 * d + 2.0 * w * (d / w).atan()
            };
            f(1.0) - f(0.0)
        };
        p2.ln() + rest
    };
    -(int_ln - q2.ln())
}

/// `int_0^1 ln|x - r| dx = (1 - r) ln|1 - r| + r ln|r| - 1`.
fn int_ln_abs_linear(r: f64) -> f64 {
    let xl = |y: f64| if y == 0.0 { 0.0 } else { y * y.abs().ln() };
    xl(1.0 - r) + xl(r) - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// B0 against Simpson integration of its defining integral, below and above thresholds, with
    /// massless and negative arguments, and its p^2 -> 0 limit.
    #[test]
    fn b0_against_numerical_integration() {
        let q2 = 500.0f64.powi(2);
        let numeric = |p2: f64, a: f64, b: f64| {
            // Substitution x = (1 - cos t)/2 clusters points at the ends (log singularities of
            // the massless cases are integrable there); midpoint rule in t.
            let n = 400_000;
            let h = PI / f64::from(n);
            -(0..n)
                .map(|k| {
                    let t = (f64::from(k) + 0.5) * h;
                    let x = 0.5 * (1.0 - t.cos());
                    let d = x * a + (1.0 - x) * b - x * (1.0 - x) * p2;
                    (d.abs() / q2).ln() * 0.5 * t.sin() * h
                })
                .sum::<f64>()
        };
        for (p2, a, b) in [
            (125.0f64.powi(2), 700.0f64.powi(2), 650.0f64.powi(2)),
            (125.0f64.powi(2), 0.0, 0.0),
            (125.0f64.powi(2), 0.0, 125.0f64.powi(2)),
            (125.0f64.powi(2), 125.0f64.powi(2), 125.0f64.powi(2)),
            (125.0f64.powi(2), 40.0f64.powi(2), 30.0f64.powi(2)),
            (125.0f64.powi(2), -3.0e3, 2.0e5),
            (1e-3, 3.0e5, 2.0e5),
        ] {
            let got = b0(p2, a, b, q2);
            let want = numeric(p2, a, b);
            assert!(
                (got - want).abs() < 1e-6 * want.abs().max(1.0),
                "{p2} {a} {b}: {got} vs {want}"
            );
        }
        let (a, b) = (3.0e5, 2.0e5);
        assert!((b0(0.0, a, b, q2) - b0(1e-2, a, b, q2)).abs() < 1e-6);
        assert!((b0(0.0, a, a, q2) + (a / q2).ln()).abs() < 1e-12);
    }

    /// The SM (one doublet, here H_u; H_d and N decoupled): the CP-even self-energy of h against
    /// the closed form with hand-derived couplings, `lambda_hhh = 3 m_h^2/v`, three Goldstones with
    /// `lambda_hGG = m_h^2/v`, massless (v = 246 GeV):
    /// `Delta M^2 = -(m_h^4/(16 pi^2 v^2)) [(9/2) B0(p^2; m_h^2, m_h^2) + (3/2) B0(p^2; 0, 0)]`
    /// once the tadpole is absorbed; and its Q dependence is the `12 lambda^2` of the SM beta
    /// function of the quartic (m_h^2 = lambda v^2).
    #[test]
    fn sm_scalar_self_energy() {
        let (v174, l4) = (174.1f64, 0.13f64);
        let mu2 = 2.0 * l4 * v174 * v174;
        let set = [1usize, 4, 6, 7];
        // M^2 = (1/2) d^2 V/df^2 for V = -mu^2 s + l4 s^2, s = sum over H_u's components f_k^2,
        // and mass terms 1e6 GeV^2 for the decoupled H_d and N.
        let mm = |vevs: [f64; 3]| {
            let f: [f64; 10] = std::array::from_fn(|i| if i < 3 { vevs[i] } else { 0.0 });
            let s: f64 = set.iter().map(|&k| f[k] * f[k]).sum();
            M10::from_fn(|a, b| {
                if set.contains(&a) && set.contains(&b) {
                    0.5 * (if a == b {
                        -2.0 * mu2 + 4.0 * l4 * s
                    } else {
                        0.0
                    } + 8.0 * l4 * f[a] * f[b])
                } else if a == b {
                    1e6
                } else {
                    0.0
                }
            })
        };
        let sector =
            ScalarSector::from_mass_matrix(mm, [0.0, v174, 0.0].map(|x: f64| x.max(1e-30)));
        let v = v174 * std::f64::consts::SQRT_2;
        let mh2 = 2.0 * l4 * v * v;
        for q in [100.0f64, 173.0, 1000.0] {
            let q2 = q * q;
            let got = sector.cp_even_shift(mh2, q2)[1][1];
            let want = -(mh2 * mh2 / (16.0 * PI * PI * v * v))
                * (4.5 * b0(mh2, mh2, mh2, q2) + 1.5 * b0(mh2, 0.0, 0.0, q2));
            assert!(
                (got - want).abs() < 1e-6 * want.abs(),
                "Q {q}: {got} vs {want}"
            );
        }
        // d Delta/d ln Q = -12 lambda^2 v^2/(16 pi^2) with lambda = m_h^2/v^2 (B0 has
        // d/d ln Q = 2): the loop's scale dependence cancels the running of the tree mass.
        let d = sector.cp_even_shift(mh2, 2000.0f64.powi(2))[1][1]
            - sector.cp_even_shift(mh2, 1000.0f64.powi(2))[1][1];
        let lam = mh2 / (v * v);
        let want = -12.0 * lam * lam * v * v / (16.0 * PI * PI) * 2f64.ln();
        assert!((d - want).abs() < 1e-9 * want.abs(), "{d} vs {want}");
    }

    /// At p^2 = 0 the self-energy with its tadpole is the scalar Coleman-Weinberg potential's
    /// contribution to the CP-even matrix, `(1/2) d^2V_1/dv_i dv_j - delta_ij dV_1/dv_i/(2 v_i)`
    /// with `V_1 = (1/64 pi^2) sum_a m_a^4 (ln|m_a^2/Q^2| - 3/2)` over the eigenvalues of the
    /// model's tree-level 10x10 mass matrix at displaced VEVs, by finite differences: an
    /// independent check of the couplings read off the model's potential (singlet, charged
    /// states) at an NMSSM-like point (lambda_N 0.68, k 0.12, tan(beta) 2) with soft masses away
    /// from the tree minimum, so that no state is massless.
    #[test]
    fn zero_momentum_limit_is_the_scalar_coleman_weinberg_potential() {
        let c = SingletCouplings {
            xi_n: 0.0,
            eta_s: 0.0,
            eta_n: 0.0,
            lambda_s: 0.0,
            lambda_n: 0.68,
            k: 0.12,
        };
        let tree = PotentialParams {
            g1: 0.36,
            g2: 0.64,
            ht: 0.97,
            y: 0.0,
            f_s: 0.0,
            xi_s: 0.0,
            tadpole_unit: 0.0,
            fs: None,
            m_hu2: -4.0e3,
            m_hd2: 9.0e4,
            m_n2: 2.0e3,
            a_lambda: 350.0,
            a_k: 60.0,
            a_t: 0.0,
            m_q3: 1e6,
            m_u3: 1e6,
            q: 1000.0,
            include_dv: false,
            sbottom_stau: None,
            matching: crate::config::MessengerMatching::all(false),
        };
        let vevs = [77.8, 155.6, 235.0];
        let q2 = tree.q * tree.q;
        let mm = |v: [f64; 3]| mass_matrix(v, &c, &tree);
        let sector = ScalarSector::from_mass_matrix(mm, vevs);
        assert!(
            sector.mass2.iter().all(|m| m.abs() > 1.0),
            "{:?}",
            sector.mass2
        );
        let got = sector.cp_even_shift(0.0, q2);
        let v1 = |v: [f64; 3]| {
            let e = SymmetricEigen::new(mm(v)).eigenvalues;
            e.iter()
                .map(|&m2| m2 * m2 * ((m2.abs() / q2).ln() - 1.5))
                .sum::<f64>()
                / (64.0 * PI * PI)
        };
        let h = [0.5, 0.5, 0.5];
        let at = |d: [f64; 3]| v1(std::array::from_fn(|i| vevs[i] + d[i]));
        let e = |i: usize, k: f64| {
            let mut d = [0.0; 3];
            d[i] = k * h[i];
            d
        };
        let rich = |f: &dyn Fn(f64) -> f64| (4.0 * f(0.5) - f(1.0)) / 3.0;
        let scale = got.iter().flatten().fold(0.0f64, |a, b| a.max(b.abs()));
        for i in 0..3 {
            for j in i..3 {
                let second = |k: f64| {
                    if i == j {
                        (at(e(i, k)) - 2.0 * at([0.0; 3]) + at(e(i, -k))) / (k * h[i]).powi(2)
                    } else {
                        let pp = |si: f64, sj: f64| {
                            let mut d = e(i, si * k);
                            d[j] = sj * k * h[j];
                            at(d)
                        };
                        (pp(1.0, 1.0) - pp(1.0, -1.0) - pp(-1.0, 1.0) + pp(-1.0, -1.0))
                            / (4.0 * k * k * h[i] * h[j])
                    }
                };
                let mut want = 0.5 * rich(&second);
                if i == j {
                    let first = |k: f64| (at(e(i, k)) - at(e(i, -k))) / (2.0 * k * h[i]);
                    want -= rich(&first) / (2.0 * vevs[i]);
                }
                assert!(
                    (got[i][j] - want).abs() < 1e-7 * scale,
                    "({i},{j}): {} vs {want} (scale {scale})",
                    got[i][j]
                );
            }
        }
    }
}
