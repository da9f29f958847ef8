//! Higgs masses from the Hessian of the effective potential (docs/physics.md section 7).

use serde::Serialize;

/// Higgs masses-squared and masses at the minimum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HiggsSpectrum {
    /// CP-even masses-squared, ascending (S_1, S_2, S_3) [GeV^2].
    pub even_mass2: [f64; 3],
    /// CP-even mixing: row i = eigenstate i in the basis (Re H_d, Re H_u, Re N).
    pub even_mixing: [[f64; 3]; 3],
    /// CP-odd masses-squared, ascending (P_1, P_2), Goldstone removed [GeV^2].
    pub odd_mass2: [f64; 2],
    /// CP-odd mixing: row i = eigenstate i in the basis (A^0, Im N).
    pub odd_mixing: [[f64; 2]; 2],
    /// Charged Higgs mass-squared [GeV^2].
    pub charged_mass2: f64,
}

use nalgebra::{DMatrix, Matrix2, Matrix3, SMatrix, SymmetricEigen};

use super::neutralino::MAX_EIGEN_ITERATIONS;

/// Eigen-decomposition that cannot loop forever: nalgebra's `SymmetricEigen::new` never returns
/// on a NaN matrix. Failure (or NaN input) gives NaN eigenvalues, which the minimum check rejects.
fn bounded_eigen<const N: usize>(m: SMatrix<f64, N, N>) -> (Vec<f64>, DMatrix<f64>) {
    let nan = || (vec![f64::NAN; N], DMatrix::repeat(N, N, f64::NAN));
    if !m.iter().all(|v| v.is_finite()) {
        return nan();
    }
    let dynamic = DMatrix::from_iterator(N, N, m.iter().copied());
    match SymmetricEigen::try_new(dynamic, f64::EPSILON, MAX_EIGEN_ITERATIONS) {
        Some(e) => (e.eigenvalues.iter().copied().collect(), e.eigenvectors),
        None => nan(),
    }
}

/// The Higgs spectrum from the 10x10 mass-squared matrix of
/// [`crate::model::potential::mass_matrix`] (basis of `FieldIndex`), with tan(beta) = v_u/v_d
/// defining the Goldstone directions.
pub fn higgs_spectrum(m: &SMatrix<f64, 10, 10>, tan_beta: f64) -> HiggsSpectrum {
    // CP-even block (Re H_d, Re H_u, Re N): M^2 = (1/2) d^2V/dv_i dv_j (HMZ Appendix B).
    let even = Matrix3::from_fn(|i, j| m[(i, j)]);
    let (even_mass2, even_mixing) = sorted_eigen3(even);

    // CP-odd block rotated to (A^0, Im N) after removing the Goldstone
    // G = cos(beta) Im H_d - sin(beta) Im H_u (HMZ Appendix B, basis of r, s, j).
    let odd = cp_odd_matrix(m, tan_beta);
    let (values, vectors) = bounded_eigen(odd);
    let mut order = [0usize, 1];
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let odd_mass2 = order.map(|i| values[i]);
    let odd_mixing = order.map(|i| [vectors[(0, i)], vectors[(1, i)]]);

    HiggsSpectrum {
        even_mass2,
        even_mixing,
        odd_mass2,
        odd_mixing,
        charged_mass2: charged_mass2(m),
    }
}

/// The 2x2 CP-odd matrix [[r, j], [j, s]] in the (A^0, Im N) basis, A^0 = sin(beta) Im H_d +
/// cos(beta) Im H_u.
pub fn cp_odd_matrix(m: &SMatrix<f64, 10, 10>, tan_beta: f64) -> Matrix2<f64> {
    let (sb, cb) = (tan_beta.atan().sin(), tan_beta.atan().cos());
    let a0 = [sb, cb, 0.0];
    let im_n = [0.0, 0.0, 1.0];
    let block = Matrix3::from_fn(|i, j| m[(3 + i, 3 + j)]);
    let quad = |u: &[f64; 3], w: &[f64; 3]| {
        let mut s = 0.0;
        for i in 0..3 {
            for j in 0..3 {
                s += u[i] * block[(i, j)] * w[j];
            }
        }
        s
    };
    Matrix2::new(
        quad(&a0, &a0),
        quad(&a0, &im_n),
        quad(&im_n, &a0),
        quad(&im_n, &im_n),
    )
}

/// The neutral Goldstone mass-squared (zero at a true stationary point, up to rounding).
pub fn neutral_goldstone_mass2(m: &SMatrix<f64, 10, 10>, tan_beta: f64) -> f64 {
    let (sb, cb) = (tan_beta.atan().sin(), tan_beta.atan().cos());
    let g = [cb, -sb];
    let mut s = 0.0;
    for i in 0..2 {
        for j in 0..2 {
            s += g[i] * m[(3 + i, 3 + j)] * g[j];
        }
    }
    s
}

/// Eigenvalues of the 4x4 charged block (Re H_u^+, Im H_u^+, Re H_d^-, Im H_d^-) sorted by
/// magnitude: the charged Goldstone pair (two zeros) first, then the charged Higgs (two equal
/// values, negative for a tachyon).
pub fn charged_block_eigenvalues(m: &SMatrix<f64, 10, 10>) -> [f64; 4] {
    let block = SMatrix::<f64, 4, 4>::from_fn(|i, j| m[(6 + i, 6 + j)]);
    let ev = bounded_eigen(block).0;
    let mut ev: [f64; 4] = [ev[0], ev[1], ev[2], ev[3]];
    ev.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
    ev
}

fn charged_mass2(m: &SMatrix<f64, 10, 10>) -> f64 {
    let ev = charged_block_eigenvalues(m);
    0.5 * (ev[2] + ev[3])
}

fn sorted_eigen3(mat: Matrix3<f64>) -> ([f64; 3], [[f64; 3]; 3]) {
    let (eigenvalues, vectors) = bounded_eigen(mat);
    let mut order = [0usize, 1, 2];
    order.sort_by(|&a, &b| eigenvalues[a].total_cmp(&eigenvalues[b]));
    let values = order.map(|i| eigenvalues[i]);
    let rows = order.map(|i| [0, 1, 2].map(|r| vectors[(r, i)]));
    (values, rows)
}

impl HiggsSpectrum {
    /// Is this a local minimum: every physical Higgs mass-squared positive (NaN: no)?
    pub fn is_minimum(&self) -> bool {
        self.even_mass2[0] > 0.0 && self.odd_mass2[0] > 0.0 && self.charged_mass2 > 0.0
    }
    /// Signed square root of a mass-squared (negative for a tachyon).
    pub fn mass(m2: f64) -> f64 {
        m2.signum() * m2.abs().sqrt()
    }

    /// The squared ZZ coupling of each CP-even state relative to a SM Higgs,
    /// `xi_i^2 = ((v_d S_i,Hd + v_u S_i,Hu)/v)^2` (the state's share of the direction of the VEV;
    /// `sum_i xi_i^2 = 1`). This is the quantity the LEP Higgsstrahlung limits bound.
    pub fn zz_share(&self, v_d: f64, v_u: f64) -> [f64; 3] {
        let v = v_d.hypot(v_u);
        self.even_mixing
            .map(|row| ((v_d * row[0] + v_u * row[1]) / v).powi(2))
    }

    /// The doublet share `1 - S_i,N^2` of each CP-even state.
    pub fn doublet_share(&self) -> [f64; 3] {
        self.even_mixing.map(|row| 1.0 - row[2] * row[2])
    }

    /// Index (0-based) of the SM-like CP-even state: the largest ZZ coupling.
    pub fn sm_like_index(&self, v_d: f64, v_u: f64) -> usize {
        let xi2 = self.zz_share(v_d, v_u);
        (0..3).fold(0, |best, i| if xi2[i] > xi2[best] { i } else { best })
    }

    /// The A^0-Im N mixing angle gamma of HMZ Appendix B: P_1 = cos(gamma) A^0 + sin(gamma) Im N,
    /// read from the eigenvector of P_1 with the sign fixed by cos(gamma) >= 0 (the paper's
    /// closed form `sin 2 gamma = -2 j/sqrt((s - r)^2 + 4 j^2)` is the test).
    pub fn a0_singlet_mixing_angle(&self) -> f64 {
        let [c, s] = self.odd_mixing[0];
        (s / c).atan()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A symmetric 10x10 "mass matrix" with a given CP-even block and CP-odd (H_d, H_u, N) block.
    fn matrix(even: [[f64; 3]; 3], odd: [[f64; 3]; 3]) -> SMatrix<f64, 10, 10> {
        let mut m = SMatrix::<f64, 10, 10>::zeros();
        for i in 0..3 {
            for j in 0..3 {
                m[(i, j)] = even[i][j];
                m[(3 + i, 3 + j)] = odd[i][j];
            }
        }
        for i in 6..10 {
            m[(i, i)] = 1e5;
        }
        m
    }

    #[test]
    fn gamma_matches_the_papers_closed_form() {
        // HMZ Appendix B: sin 2gamma = -2j/sqrt((s-r)^2+4j^2), cos 2gamma = (s-r)/sqrt(...), with
        // [[r, j], [j, s]] the CP-odd matrix in the (A^0, Im N) basis; the code reads gamma from
        // the numerical eigenvector instead.
        let tb: f64 = 5.0;
        let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
        for (r, s, j) in [
            (2.5e5, 4.0e8, 3.0e4),
            (2.5e5, 4.0e8, -7.0e4),
            (1.0e6, 3.0e6, 2.0e5),
        ] {
            // Build the (Im H_d, Im H_u, Im N) block from A^0 = (sb, cb), G = (cb, -sb) massless.
            let a0 = [sb, cb, 0.0];
            let n = [0.0, 0.0, 1.0];
            let mut odd = [[0.0; 3]; 3];
            for p in 0..3 {
                for q in 0..3 {
                    odd[p][q] =
                        r * a0[p] * a0[q] + s * n[p] * n[q] + j * (a0[p] * n[q] + n[p] * a0[q]);
                }
            }
            let even = [[1e4, 0.0, 0.0], [0.0, 2e4, 0.0], [0.0, 0.0, 3e4]];
            let h = higgs_spectrum(&matrix(even, odd), tb);
            let gamma = h.a0_singlet_mixing_angle();
            let root = ((s - r).powi(2) + 4.0 * j * j).sqrt();
            let (sin2, cos2) = (-2.0 * j / root, (s - r) / root);
            assert!(
                (gamma.sin() * gamma.cos() * 2.0 - sin2).abs() < 1e-12,
                "{gamma}"
            );
            assert!(((2.0 * gamma).cos() - cos2).abs() < 1e-12);
        }
    }

    #[test]
    fn zz_shares_sum_to_one_and_pick_the_doublet() {
        // A CP-even block rotated from (h_SM, H, S) to (Hd, Hu, N): xi^2 of each eigenstate is its
        // h_SM component squared.
        let tb: f64 = 3.0;
        let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
        let (a, b) = (0.3f64.cos(), 0.3f64.sin());
        // Mass eigenstates in the (h_SM, H, S) basis: light state mostly singlet.
        let states = [[b, 0.0, a], [a, 0.0, -b], [0.0, 1.0, 0.0]];
        let masses2 = [90.0f64.powi(2), 125.0f64.powi(2), 600.0f64.powi(2)];
        let to_field = |v: [f64; 3]| [cb * v[0] - sb * v[1], sb * v[0] + cb * v[1], v[2]];
        let mut even = [[0.0; 3]; 3];
        for k in 0..3 {
            let e = to_field(states[k]);
            for p in 0..3 {
                for q in 0..3 {
                    even[p][q] += masses2[k] * e[p] * e[q];
                }
            }
        }
        let odd = [[1e5, 0.0, 0.0], [0.0, 1e5, 0.0], [0.0, 0.0, 1e6]];
        let h = higgs_spectrum(&matrix(even, odd), tb);
        let xi2 = h.zz_share(174.0 * cb, 174.0 * sb);
        assert!((xi2.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(
            (xi2[0] - b * b).abs() < 1e-12 && (xi2[1] - a * a).abs() < 1e-12,
            "{xi2:?}"
        );
        assert_eq!(h.sm_like_index(174.0 * cb, 174.0 * sb), 1);
        let d = h.doublet_share();
        assert!((d[0] - b * b).abs() < 1e-12 && (d[2] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn nan_mass_matrix_gives_nan_masses_and_no_minimum() {
        let m = SMatrix::<f64, 10, 10>::repeat(f64::NAN);
        let spec = higgs_spectrum(&m, 10.0);
        assert!(spec.even_mass2.iter().all(|v| v.is_nan()));
        assert!(spec.odd_mass2.iter().all(|v| v.is_nan()));
        assert!(spec.charged_mass2.is_nan());
        assert!(!spec.is_minimum());
    }
}
