//! Neutralino masses and mixing (SLHA conventions; PHYSICS.md section 7).

use serde::Serialize;

/// Signed neutralino masses sorted by |m| and the real mixing matrix N (SLHA NMIX:
/// N M N^T = diag(masses)), basis (B~, W~3, H~d, H~u, N~).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Neutralinos {
    pub masses: [f64; 5],
    pub mixing: [[f64; 5]; 5],
}
