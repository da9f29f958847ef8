//! Chargino masses and mixing (SLHA conventions; PHYSICS.md section 7).

use serde::Serialize;

/// Positive chargino masses in ascending order and the real SLHA mixing matrices U and V
/// (U X V^T = diag(masses) with X = [[M2, sqrt2 M_W sin(beta)], [sqrt2 M_W cos(beta), mu]]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Charginos {
    pub masses: [f64; 2],
    pub u: [[f64; 2]; 2],
    pub v: [[f64; 2]; 2],
}
