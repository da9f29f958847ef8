//! The spectrum at the EWSB scale Q (docs/physics.md section 7): tree-level running masses, the
//! lightest Higgs with the top/stop Coleman-Weinberg term.
//!
//! - [`higgs`]: CP-even, CP-odd and charged Higgs masses from the Hessian of the potential.
//! - [`neutralino`], [`chargino`]: SLHA-convention mass matrices, signed masses, real mixing.
//! - [`ino_pole`]: one-loop neutralino and chargino pole masses of the MSSM (PBMZ appendix D).
//! - [`pole`]: one-loop pole masses of the gluino and the first/second-generation squarks (PBMZ).
//! - [`sfermion`]: stops, sbottoms, staus (2x2 with mixing) and the first-generation states.
//! - [`sfermion_pole`]: one-loop pole masses of the first/second-generation sleptons (PBMZ).

pub mod chargino;
pub mod higgs;
pub mod ino_pole;
pub mod neutralino;
pub mod pole;
pub mod sfermion;
pub mod sfermion_pole;

use serde::Serialize;

pub use chargino::Charginos;
pub use higgs::HiggsSpectrum;
pub use neutralino::Neutralinos;
pub use pole::PoleMasses;
pub use sfermion::{SfermionPair, Sfermions};

/// The full spectrum of one solution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spectrum {
    pub higgs: HiggsSpectrum,
    pub neutralinos: Neutralinos,
    pub charginos: Charginos,
    /// |M_3(Q)|.
    pub gluino: f64,
    pub sfermions: Sfermions,
    /// One-loop pole masses of the gluino and the first/second-generation squarks.
    pub pole: PoleMasses,
}
