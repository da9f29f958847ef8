//! Neutralino masses and mixing (SLHA conventions; docs/physics.md section 7).
//!
//! The 5x5 Majorana mass matrix in the basis (B~, W~3, H~d, H~u, N~) is the SLHA2 NMSSM matrix
//! (Allanach et al., "SUSY Les Houches Accord 2", Comput. Phys. Commun. 180 (2009) 8, eq. (24)),
//! with the higgsino mass `mu = lambda_N x + lambda_S y` (docs/physics.md section 1), the
//! singlino-higgsino entries from `lambda_N N H_u H_d`, and the singlino mass
//! `d^2W/dN^2 = -(2 k x + eta_N y)` of the HMZ superpotential (eq. `model`) at `<S> = y`.
//! The VEVs are normalised as `<H^0> = v` with `v = 174 GeV` (docs/physics.md section 1), so
//! `g' v_d / sqrt2 = M_Z sin(theta_W) cos(beta)` and so on.

use nalgebra::{Matrix5, SymmetricEigen};
use serde::Serialize;

/// Signed neutralino masses sorted by |m| and the real mixing matrix N (SLHA NMIX:
/// N M N^T = diag(masses)), basis (B~, W~3, H~d, H~u, N~).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Neutralinos {
    pub masses: [f64; 5],
    pub mixing: [[f64; 5]; 5],
}

/// Iteration cap of the eigen-solver (a 5x5 converges in a few tens of sweeps).
pub const MAX_EIGEN_ITERATIONS: usize = 10_000;

/// The inputs of the neutralino mass matrix, all at the EWSB scale Q [GeV or dimensionless].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeutralinoInputs {
    /// Bino mass M_1.
    pub m1: f64,
    /// Wino mass M_2.
    pub m2: f64,
    /// Effective higgsino mass mu = lambda_N x + lambda_S y (SLHA sign).
    pub mu: f64,
    /// lambda_N of `lambda_N N H_u H_d`.
    pub lambda_n: f64,
    pub v_d: f64,
    pub v_u: f64,
    /// Singlino mass d^2W/dN^2; in this model `-(2 k x + eta_N y)` (the caller evaluates it).
    pub singlino_mass: f64,
    /// Hypercharge coupling g' (SM normalisation).
    pub g1: f64,
    pub g2: f64,
}

/// The symmetric 5x5 neutralino mass matrix in the SLHA basis (B~, W~3, H~d, H~u, N~).
///
/// Source: SLHA2 (arXiv:0801.0045) eq. (24) for the NMSSM with `lambda s -> mu` and the singlino
/// entry replaced by this model's `d^2W/dN^2`; with `v = 174 GeV` normalisation
/// `M_13 = -g' v_d/sqrt2 = -M_Z s_W c_b`, `M_14 = g' v_u/sqrt2 = M_Z s_W s_b`,
/// `M_23 = g2 v_d/sqrt2 = M_Z c_W c_b`, `M_24 = -g2 v_u/sqrt2 = -M_Z c_W s_b`,
/// `M_34 = -mu`, `M_35 = -lambda_N v_u`, `M_45 = -lambda_N v_d`.
pub fn neutralino_mass_matrix(inp: &NeutralinoInputs) -> Matrix5<f64> {
    let r2 = std::f64::consts::SQRT_2;
    let m13 = -inp.g1 * inp.v_d / r2;
    let m14 = inp.g1 * inp.v_u / r2;
    let m23 = inp.g2 * inp.v_d / r2;
    let m24 = -inp.g2 * inp.v_u / r2;
    let m34 = -inp.mu;
    let m35 = -inp.lambda_n * inp.v_u;
    let m45 = -inp.lambda_n * inp.v_d;
    #[rustfmt::skip]
    let m = Matrix5::new(
        inp.m1, 0.0,    m13,  m14,  0.0,
        0.0,    inp.m2, m23,  m24,  0.0,
        m13,    m23,    0.0,  m34,  m35,
        m14,    m24,    m34,  0.0,  m45,
        0.0,    0.0,    m35,  m45,  inp.singlino_mass,
    );
    m
}

/// Diagonalises the neutralino mass matrix: signed eigenvalues sorted by |m| and the real
/// orthogonal N with `N M N^T = diag(masses)` (rows = mass eigenstates, SLHA NMIX).
///
/// A real symmetric matrix has real eigenvalues and an orthogonal eigenvector matrix; nalgebra's
/// `SymmetricEigen` returns them unsorted, with `M = Q diag Q^T` (columns of Q = eigenvectors), so
/// `N = Q^T` after sorting. Negative masses are kept (SLHA allows them with a real N).
///
/// Non-finite inputs (or a failure to converge within [`MAX_EIGEN_ITERATIONS`]) give NaN masses
/// and mixing instead of a panic or an endless loop (nalgebra's `SymmetricEigen::new` iterates
/// without limit, which never ends on NaN input).
pub fn neutralinos(inp: &NeutralinoInputs) -> Neutralinos {
    let nan = Neutralinos {
        masses: [f64::NAN; 5],
        mixing: [[f64::NAN; 5]; 5],
    };
    let m = neutralino_mass_matrix(inp);
    if !m.iter().all(|x| x.is_finite()) {
        return nan;
    }
    let Some(eig) = SymmetricEigen::try_new(m, f64::EPSILON, MAX_EIGEN_ITERATIONS) else {
        return nan;
    };
    let mut order: [usize; 5] = [0, 1, 2, 3, 4];
    order.sort_by(|&a, &b| {
        eig.eigenvalues[a]
            .abs()
            .total_cmp(&eig.eigenvalues[b].abs())
    });
    let mut masses = [0.0; 5];
    let mut mixing = [[0.0; 5]; 5];
    for (row, &col) in order.iter().enumerate() {
        masses[row] = eig.eigenvalues[col];
        let v = eig.eigenvectors.column(col);
        // Sign convention of each row (free for Majorana states with a signed mass): the
        // largest-magnitude component is positive, so the output is deterministic.
        let imax = (0..5)
            .max_by(|&a, &b| v[a].abs().total_cmp(&v[b].abs()))
            .unwrap_or(0);
        let s = if v[imax] < 0.0 { -1.0 } else { 1.0 };
        for j in 0..5 {
            mixing[row][j] = s * v[j];
        }
    }
    Neutralinos { masses, mixing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::Matrix5;

    fn table1_like() -> NeutralinoInputs {
        let tb: f64 = 24.3;
        let v = 174.0;
        let cb = 1.0 / (1.0 + tb * tb).sqrt();
        NeutralinoInputs {
            m1: 107.0,
            m2: 208.0,
            mu: 421.0,
            lambda_n: 0.31,
            v_d: v * cb,
            v_u: v * tb * cb,
            singlino_mass: -(2.0 * 0.40 * 413.0 + 0.87 * 97_000.0),
            g1: 0.36,
            g2: 0.65,
        }
    }

    fn check_diagonalisation(inp: &NeutralinoInputs) -> Neutralinos {
        let m = neutralino_mass_matrix(inp);
        assert!(
            (m - m.transpose()).abs().max() == 0.0,
            "matrix not symmetric"
        );
        let res = neutralinos(inp);
        let n = Matrix5::from_fn(|i, j| res.mixing[i][j]);
        let scale = m.abs().max();
        let d = n * m * n.transpose();
        for i in 0..5 {
            for j in 0..5 {
                let want = if i == j { res.masses[i] } else { 0.0 };
                assert!(
                    (d[(i, j)] - want).abs() < 1e-10 * scale,
                    "N M N^T [{i}{j}] = {} want {want}",
                    d[(i, j)]
                );
            }
        }
        let id = n * n.transpose();
        assert!(
            (id - Matrix5::identity()).abs().max() < 1e-10,
            "N not orthogonal"
        );
        for w in res.masses.windows(2) {
            assert!(
                w[0].abs() <= w[1].abs(),
                "not sorted by |m|: {:?}",
                res.masses
            );
        }
        res
    }

    #[test]
    fn table1_diagonalisation_and_ordering() {
        let res = check_diagonalisation(&table1_like());
        // Bino-like lightest state close to M_1 (HMZ Table I: chi1 = 106 GeV for M_1 = 107).
        assert!(
            (res.masses[0].abs() - 106.0).abs() < 3.0,
            "{:?}",
            res.masses
        );
        assert!(res.mixing[0][0].abs() > 0.95);
        // The singlino is very heavy and negative (d^2W/dN^2 < 0).
        assert!(res.masses[4] < -80_000.0);
    }

    #[test]
    fn random_matrices_diagonalise() {
        // Deterministic pseudo-random inputs covering both signs of mu, M1 and the singlino.
        let mut s: u64 = 0x9e3779b97f4a7c15;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
        };
        for _ in 0..200 {
            let inp = NeutralinoInputs {
                m1: 500.0 * next(),
                m2: 800.0 * next(),
                mu: 600.0 * next(),
                lambda_n: next(),
                v_d: 100.0 * next().abs() + 1.0,
                v_u: 170.0 * next().abs() + 1.0,
                singlino_mass: 1000.0 * next(),
                g1: 0.36,
                g2: 0.65,
            };
            check_diagonalisation(&inp);
        }
    }

    #[test]
    fn nan_input_gives_nan_not_a_hang() {
        let mut inp = table1_like();
        inp.mu = f64::NAN;
        let res = neutralinos(&inp);
        assert!(res.masses.iter().all(|m| m.is_nan()));
    }

    #[test]
    fn decoupling_limit() {
        let inp = NeutralinoInputs {
            m1: -150.0,
            m2: 300.0,
            mu: 420.0,
            lambda_n: 0.0,
            v_d: 20.0,
            v_u: 170.0,
            singlino_mass: 1234.0,
            g1: 0.0,
            g2: 0.0,
        };
        let res = check_diagonalisation(&inp);
        let abs: Vec<f64> = res.masses.iter().map(|m| m.abs()).collect();
        let want = [150.0, 300.0, 420.0, 420.0, 1234.0];
        for (a, w) in abs.iter().zip(want) {
            assert!((a - w).abs() < 1e-9, "{abs:?}");
        }
        // Signs: M1 itself, the higgsinos +-mu, the singlino itself.
        assert!((res.masses[0] + 150.0).abs() < 1e-9);
        assert!((res.masses[2] * res.masses[3] + 420.0 * 420.0).abs() < 1e-6);
    }

    #[test]
    fn matrix_entries_match_mz_form() {
        // With v = 174 GeV normalisation the gauge entries equal the textbook M_Z s_W c_b etc.
        let inp = table1_like();
        let m = neutralino_mass_matrix(&inp);
        let gbar = (inp.g1 * inp.g1 + inp.g2 * inp.g2).sqrt();
        let v = (inp.v_d * inp.v_d + inp.v_u * inp.v_u).sqrt();
        let mz = gbar * v / std::f64::consts::SQRT_2;
        let (sw, cw) = (inp.g1 / gbar, inp.g2 / gbar);
        let (cb, sb) = (inp.v_d / v, inp.v_u / v);
        assert!((m[(0, 2)] + mz * sw * cb).abs() < 1e-12);
        assert!((m[(0, 3)] - mz * sw * sb).abs() < 1e-12);
        assert!((m[(1, 2)] - mz * cw * cb).abs() < 1e-12);
        assert!((m[(1, 3)] + mz * cw * sb).abs() < 1e-12);
        assert_eq!(m[(2, 3)], -inp.mu);
        assert_eq!(m[(2, 4)], -inp.lambda_n * inp.v_u);
        assert_eq!(m[(3, 4)], -inp.lambda_n * inp.v_d);
        assert_eq!(m[(4, 4)], inp.singlino_mass);
    }
}
