//! Chargino masses and mixing (SLHA conventions; docs/physics.md section 7).
//!
//! Mass matrix in the basis psi+ = (W~+, H~u+), psi- = (W~-, H~d-) (SLHA, Skands et al.,
//! JHEP 0407 (2004) 036, eq. (16)): `X = [[M2, sqrt2 M_W s_b], [sqrt2 M_W c_b, mu]]`. With
//! `<H^0> = v = 174 GeV` normalisation `M_W = g2 v/sqrt2`, so `sqrt2 M_W s_b = g2 v_u` and
//! `sqrt2 M_W c_b = g2 v_d`. The mass term is `-(psi-)^T X psi+`, diagonalised by the singular
//! value decomposition `U X V^T = diag(m1, m2)` with real orthogonal U (acting on psi-) and V
//! (acting on psi+).

use nalgebra::{Matrix2, SVD};
use serde::Serialize;

/// Positive chargino masses in ascending order and the real SLHA mixing matrices U and V
/// (U X V^T = diag(masses) with X = [[M2, sqrt2 M_W sin(beta)], [sqrt2 M_W cos(beta), mu]]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Charginos {
    pub masses: [f64; 2],
    pub u: [[f64; 2]; 2],
    pub v: [[f64; 2]; 2],
}

/// The chargino mass matrix X (SLHA eq. (16), v = 174 GeV normalisation).
pub fn chargino_mass_matrix(m2: f64, mu: f64, g2: f64, v_d: f64, v_u: f64) -> Matrix2<f64> {
    Matrix2::new(m2, g2 * v_u, g2 * v_d, mu)
}

/// Chargino masses (positive, ascending) and SLHA mixing matrices U, V with `U X V^T = diag(m)`.
///
/// The SVD `X = A diag(sigma) B^T` has non-negative singular values and orthogonal A, B, so
/// `U = A^T`, `V = B^T` give positive masses without any sign in U: no negative-mass chargino is
/// ever produced. U and V may have determinant -1 (SLHA only requires them real orthogonal). The
/// overall sign of each eigenstate (a row of U together with the same row of V) is free; it is
/// fixed so that the largest-magnitude entry of each row of V is positive, for reproducibility.
///
/// Non-finite inputs (or no convergence within 10 000 iterations) give NaN masses and mixing
/// instead of a panic or an endless loop (nalgebra's `SVD::new` iterates without limit).
pub fn charginos(m2: f64, mu: f64, g2: f64, v_d: f64, v_u: f64) -> Charginos {
    let nan = Charginos {
        masses: [f64::NAN; 2],
        u: [[f64::NAN; 2]; 2],
        v: [[f64::NAN; 2]; 2],
    };
    let x = chargino_mass_matrix(m2, mu, g2, v_d, v_u);
    if !x.iter().all(|e| e.is_finite()) {
        return nan;
    }
    let Some(svd) = SVD::try_new(x, true, true, f64::EPSILON, 10_000) else {
        return nan;
    };
    // Both factors were requested, so `try_new` returns them.
    let (Some(a), Some(b_t)) = (svd.u, svd.v_t) else {
        return nan;
    };
    let sv = svd.singular_values;
    let order: [usize; 2] = if sv[0] <= sv[1] { [0, 1] } else { [1, 0] };
    let mut masses = [0.0; 2];
    let mut u = [[0.0; 2]; 2];
    let mut v = [[0.0; 2]; 2];
    for (row, &k) in order.iter().enumerate() {
        masses[row] = sv[k];
        // Row k of U = column k of A; row k of V = row k of B^T.
        let (ua, va) = ([a[(0, k)], a[(1, k)]], [b_t[(k, 0)], b_t[(k, 1)]]);
        let big = if va[0].abs() >= va[1].abs() {
            va[0]
        } else {
            va[1]
        };
        let s = if big < 0.0 { -1.0 } else { 1.0 };
        u[row] = [s * ua[0], s * ua[1]];
        v[row] = [s * va[0], s * va[1]];
    }
    Charginos { masses, u, v }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(m2: f64, mu: f64, g2: f64, v_d: f64, v_u: f64) -> Charginos {
        let c = charginos(m2, mu, g2, v_d, v_u);
        let x = chargino_mass_matrix(m2, mu, g2, v_d, v_u);
        let u = Matrix2::new(c.u[0][0], c.u[0][1], c.u[1][0], c.u[1][1]);
        let v = Matrix2::new(c.v[0][0], c.v[0][1], c.v[1][0], c.v[1][1]);
        let d = u * x * v.transpose();
        let scale = x.abs().max();
        assert!((d[(0, 0)] - c.masses[0]).abs() < 1e-10 * scale);
        assert!((d[(1, 1)] - c.masses[1]).abs() < 1e-10 * scale);
        assert!(d[(0, 1)].abs() < 1e-10 * scale && d[(1, 0)].abs() < 1e-10 * scale);
        assert!((u * u.transpose() - Matrix2::identity()).abs().max() < 1e-10);
        assert!((v * v.transpose() - Matrix2::identity()).abs().max() < 1e-10);
        assert!(c.masses[0] >= 0.0 && c.masses[0] <= c.masses[1]);

        // Closed form: m^2 = (M2^2 + mu^2 + 2 M_W^2 -+ sqrt((...)^2 - 4 (M2 mu - M_W^2 s_2b)^2))/2.
        let v2 = v_d * v_d + v_u * v_u;
        let mw2 = g2 * g2 * v2 / 2.0;
        let s2b = 2.0 * v_d * v_u / v2;
        let t = m2 * m2 + mu * mu + 2.0 * mw2;
        let det = m2 * mu - mw2 * s2b;
        let root = (t * t - 4.0 * det * det).sqrt();
        let (lo, hi) = (((t - root) / 2.0).sqrt(), ((t + root) / 2.0).sqrt());
        assert!(
            (c.masses[0] - lo).abs() < 1e-8 * hi,
            "{} vs {lo}",
            c.masses[0]
        );
        assert!(
            (c.masses[1] - hi).abs() < 1e-8 * hi,
            "{} vs {hi}",
            c.masses[1]
        );
        c
    }

    #[test]
    fn svd_and_closed_form() {
        for &(m2, mu) in &[
            (208.0, 421.0),
            (208.0, -421.0),
            (-300.0, 150.0),
            (500.0, 500.0),
            (90.0, 2000.0),
        ] {
            for &tb in &[1.5, 10.0, 50.0] {
                let cb = 1.0 / (1.0f64 + tb * tb).sqrt();
                check(m2, mu, 0.65, 174.0 * cb, 174.0 * tb * cb);
            }
        }
    }

    #[test]
    fn nan_input_gives_nan_not_a_hang() {
        let c = charginos(208.0, f64::NAN, 0.65, 7.0, 170.0);
        assert!(c.masses.iter().all(|m| m.is_nan()));
    }

    #[test]
    fn decoupling_limit() {
        let c = check(208.0, -421.0, 0.0, 10.0, 170.0);
        assert!((c.masses[0] - 208.0).abs() < 1e-10 && (c.masses[1] - 421.0).abs() < 1e-10);
    }

    #[test]
    fn table1_lightest_chargino() {
        // g2 at Q = sqrt(m_stop1 m_stop2) of Table I, one-loop from g2(M_Z) = 0.652 with b_2 = +1:
        // 1/g2^2(Q) = 1/g2^2(M_Z) - 2 b_2 ln(Q/M_Z)/(16 pi^2).
        let q = (949.0f64 * 982.0).sqrt();
        let inv = 1.0 / 0.652f64.powi(2)
            - 2.0 * (q / 91.1876f64).ln() / (16.0 * std::f64::consts::PI.powi(2));
        let g2 = 1.0 / inv.sqrt();
        assert!((g2 - 0.656).abs() < 1e-3, "g2(Q) = {g2}");
        let tb: f64 = 24.3;
        let cb = 1.0 / (1.0 + tb * tb).sqrt();
        let c = check(208.0, 421.0, g2, 174.0 * cb, 174.0 * tb * cb);
        eprintln!(
            "Table I chargino masses at g2(Q = {q:.0}) = {g2:.4}: {:?}",
            c.masses
        );
        assert!((c.masses[0] / 196.0 - 1.0).abs() < 0.02, "{:?}", c.masses);
    }
}
