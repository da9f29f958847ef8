//! Sfermion masses at Q: 2x2 third-generation mixing and first-generation states
//! (PHYSICS.md section 7).

use serde::Serialize;

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
