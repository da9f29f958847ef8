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
