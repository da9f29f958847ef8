//! Higgs masses from the Hessian of the effective potential (PHYSICS.md section 7).

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

use nalgebra::{Matrix2, Matrix3, SMatrix, SymmetricEigen};

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
    let eig = SymmetricEigen::new(odd);
    let mut order = [0usize, 1];
    order.sort_by(|&a, &b| eig.eigenvalues[a].total_cmp(&eig.eigenvalues[b]));
    let odd_mass2 = order.map(|i| eig.eigenvalues[i]);
    let odd_mixing = order.map(|i| [eig.eigenvectors[(0, i)], eig.eigenvectors[(1, i)]]);

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
    let mut ev: [f64; 4] = SymmetricEigen::new(block).eigenvalues.into();
    ev.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
    ev
}

fn charged_mass2(m: &SMatrix<f64, 10, 10>) -> f64 {
    let ev = charged_block_eigenvalues(m);
    0.5 * (ev[2] + ev[3])
}

fn sorted_eigen3(mat: Matrix3<f64>) -> ([f64; 3], [[f64; 3]; 3]) {
    let eig = SymmetricEigen::new(mat);
    let mut order = [0usize, 1, 2];
    order.sort_by(|&a, &b| eig.eigenvalues[a].total_cmp(&eig.eigenvalues[b]));
    let values = order.map(|i| eig.eigenvalues[i]);
    let rows = order.map(|i| [0, 1, 2].map(|r| eig.eigenvectors[(r, i)]));
    (values, rows)
}

impl HiggsSpectrum {
    /// Is this a local minimum: every physical Higgs mass-squared positive?
    pub fn is_minimum(&self) -> bool {
        self.even_mass2[0] > 0.0 && self.odd_mass2[0] > 0.0 && self.charged_mass2 > 0.0
    }
    /// Signed square root of a mass-squared (negative for a tachyon).
    pub fn mass(m2: f64) -> f64 {
        m2.signum() * m2.abs().sqrt()
    }
}
