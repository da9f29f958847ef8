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
}

#[cfg(test)]
mod tests {
    use super::*;

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
