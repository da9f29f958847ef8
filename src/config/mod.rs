//! Physics configuration: the two presets (`hmz1999` = the paper as printed, `consistent` = every
//! erratum of docs/physics.md that the code implements fixed), one named switch per erratum, the Standard-Model inputs, and the
//! choice of which three couplings the EWSB conditions solve for.
//!
//! The presets only set defaults: every switch can be overridden individually, so the effect of one
//! correction can be studied at a time. TOML tables use `deny_unknown_fields`.

mod card;
mod physics;
mod sm;
pub mod validate;

pub use card::{CardError, CardInputs, PointCard};

pub use physics::{reject_a_lambda_sign, A_LAMBDA_SIGN_REMOVED};
pub use physics::{
    ATermRunning, BoundMassKind, Coupling, Form, FsTermsRunning, GaugeMatching, HiggsMassMethod,
    MessengerMatching, PhysicsConfig, PhysicsOverrides, PhysicsSwitches, PhysicsTable, Preset,
    RgeSet, SingletDecoupling, YukawaInputs, YukawaMatching, HMZ_K_MAX, HMZ_LAMBDA_N_MAX,
};
pub use sm::SmInputs;
