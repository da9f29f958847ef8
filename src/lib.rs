//! gmsbscan: parameter scans of the gauge-mediated supersymmetry-breaking model with an extra
//! singlet Higgs (Han, Marfatia, Zhang 1999, "HMZ"; `docs/physics.md` documents the physics implemented).
//!
//! Architecture (one direction of dependency, top to bottom):
//! - [`config`]: physics presets and erratum switches, Standard-Model inputs (validated data).
//! - [`model`]: the physics of one point: couplings and soft terms, messenger boundary conditions,
//!   RGEs, the effective potential (written once, differentiated automatically), the spectrum,
//!   derived quantities (mu, B_mu, fine-tuning, relic density, domain walls).
//! - [`solve`]: the EWSB solve (three stationarity conditions for three couplings, Q iteration,
//!   solver cascade, several starting points).
//! - [`constraints`]: theory ranges and experimental bound sets; every failure a named reason.
//! - [`point`]: the driver that takes one parameter point to solutions with verdicts.
//! - [`output`]: SLHA and the readable point table; the CSV column schema.
//! - [`scan`]: scan configuration, priors, samplers, the parallel driver and its writer.
//! - [`phases`]: thread CPU time per phase of a point evaluation (for `gmsbscan bench`).
//! - `recent`: the memos of the last few entries that the model, the solver and the driver keep.
//!
//! The library never sees clap; the binary in `main.rs` is a thin layer over it.

pub mod config;
pub mod constraints;
pub mod model;
pub mod models;
pub mod output;
pub mod phases;
pub mod point;
mod recent;
pub mod scan;
pub mod solve;
