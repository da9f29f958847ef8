//! The scan layer: Monte Carlo scans of the parameter space, in parallel, reproducibly.
//!
//! What this layer owns (and the physics never sees):
//! - [`config`]: the TOML scan configuration, validated into a [`ScanPlan`] before any work;
//! - [`prior`]: priors as maps of the unit interval (flat, log, gaussian, fixed);
//! - [`sampler`]: unit-hypercube samplers (random, Latin hypercube, Sobol), deterministic per id;
//! - [`ratio`]: priors in the ratio Lambda/<S> (no draw wasted on HMZ's cut Lambda <= 0.9 <S>);
//! - [`importance`]: `sampler = "importance"` in the driver (screen state, manifest record, shards);
//! - [`mcmc`]: the Markov-chain engine of `sampler = "mcmc"`, generic over its target;
//! - [`mcmc_run`]: the MCMC run loop (exploration, chains in parallel, checkpoints, statistics);
//! - [`screen`]: the trained screen of `sampler = "importance"` (thinning, weights, replay);
//! - [`stats`]: effective sample size (Geyer) and the weighted two-sample KS test;
//! - [`driver`]: the run loop (local rayon pool, batches in id order, checkpoints, interruption,
//!   resume, sharding, progress);
//! - [`writer`]: the single writer thread and the CSV files;
//! - [`manifest`]: provenance, counts and the resume checkpoint, replaced atomically;
//! - [`record`]: byte length, rows and SHA-256 of each CSV at a checkpoint, and their verification;
//! - [`lock`]: the exclusive lock of a scan directory held by whatever writes it;
//! - [`merge`]: shards verified and concatenated into the directory of the unsharded scan.
//!
//! - [`model`]: the model interface the driver runs ([`ScanModel`]: priors, evaluation into rows,
//!   row schema) and the settings every scan shares ([`ScanSettings`]).
//!
//! The physics enters through [`ScanModel`]; the HMZ model's physics through the narrower
//! [`PointEvaluator`] (inputs in, outcome out; [`HmzModel`]), whose CSV schema lives in
//! [`crate::output::columns`]. The MSSM-limit models implement [`ScanModel`] in
//! [`crate::models::plan`].

pub mod config;
pub mod driver;
pub mod importance;
pub mod lock;
pub mod manifest;
pub mod mcmc;
pub mod mcmc_run;
pub mod merge;
pub mod model;
pub mod prior;
pub mod ratio;
pub mod record;
pub mod sampler;
pub mod screen;
pub mod stats;
pub mod writer;

pub use config::{ConfigError, Param, ScanPlan};
pub use driver::{
    install_signal_handler, load_resume, quiet_worker_panics, run_model, run_scan, RunOptions,
    RunSummary, ScanError, StartMode,
};
pub use lock::{DirLock, LockError};
pub use manifest::{Manifest, Shard, Status};
pub use merge::{merge_shards, MergeError};
pub use model::{HmzModel, PointRows, ScanModel, ScanSettings};
pub use prior::Prior;
pub use sampler::{Sampler, SamplerKind};

use crate::model::params::PointInputs;
use crate::point::{Evaluator, PointOutcome};

/// What the scan needs from the physics: one point in, its outcome out. Implementations should
/// record physics failures in the outcome; a panic is caught by the driver and counted as an
/// `internal_error` rejection, so one bad point never takes the scan down.
pub trait PointEvaluator: Sync {
    fn evaluate(&self, inputs: &PointInputs) -> PointOutcome;

    /// True when `evaluate` would reject `inputs` at once, before any solving. The importance
    /// screen lets such draws through unscreened (they cost nothing) and does not learn from
    /// them. The default, false, is always correct; it only costs screening time.
    fn rejects_before_solving(&self, _inputs: &PointInputs) -> bool {
        false
    }

    /// A cheaper, approximate verdict (viable or not), if the physics has one: the importance
    /// sampler's second screen (`importance.fast_solve_floor`). None (the default): no such solve.
    fn fast_verdict(&self, _inputs: &PointInputs) -> Option<bool> {
        None
    }
}

impl PointEvaluator for Evaluator {
    fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        Evaluator::evaluate(self, inputs)
    }

    fn rejects_before_solving(&self, inputs: &PointInputs) -> bool {
        Evaluator::rejects_before_solving(self, inputs)
    }

    fn fast_verdict(&self, inputs: &PointInputs) -> Option<bool> {
        Evaluator::fast_verdict(self, inputs)
    }
}
