//! The model interface the one scan driver runs. A model says what it samples (its priors, as a
//! map of the unit cube onto its inputs), how it evaluates a point into rows (one `viable.csv`
//! row per viable solution, or the key and detail of its rejection), and its row schema
//! (columns with units and descriptions, written as `columns.md` beside every `viable.csv`).
//! Its rejection reasons are the keys it returns; its SLHA writer lives with its `point`
//! command. The HMZ model ([`HmzModel`]) and the MSSM-limit models (`crate::models::plan`)
//! implement it; the driver, the writer, the importance screen, the MCMC chains, shards, resume
//! and merge see nothing else of the physics.
//!
//! The settings every scan shares (name, seed, points, sampler, batch size, the sampler's table,
//! the effective configuration and its hash) are a [`ScanSettings`], computed once from the
//! model's validated plan.

use std::path::Path;

use crate::constraints::Rejection;
use crate::models::ModelName;
use crate::output::columns::{self, Cell, Column};

use super::config::{Sampling, ScanPlan};
use super::mcmc::McmcSettings;
use super::sampler::{Sampler, SamplerKind, DIMS};
use super::screen::ScreenSettings;
use super::PointEvaluator;

/// A column of a schema as documented (the value function left out).
pub type ColumnDoc = Column<()>;

/// The two columns `rejected.csv` appends to a model's input columns.
pub const REASON_COLUMNS: [ColumnDoc; 2] = [
    Column {
        name: "reason",
        unit: "",
        description: "rejection key (as counted in manifest.json)",
        value: (),
    },
    Column {
        name: "detail",
        unit: "",
        description: "human-readable detail of the first failed check",
        value: (),
    },
];

/// The documentation of a schema of value columns.
pub fn docs<F>(cols: &[Column<F>]) -> Vec<ColumnDoc> {
    cols.iter()
        .map(|c| Column {
            name: c.name,
            unit: c.unit,
            description: c.description,
            value: (),
        })
        .collect()
}

/// Key counted for a panic during evaluation.
pub const INTERNAL_ERROR: &str = "internal_error";
/// Key counted for an outcome with neither solutions nor failure (should not happen).
pub const NO_SOLUTION: &str = "no_solution";

/// The rows of one evaluated point.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointRows {
    /// One `viable.csv` row per viable solution, in solution order (without sampler columns).
    pub viable: Vec<Vec<Cell>>,
    /// No viable solution: the key and detail of the point's failure, or else of its first
    /// rejected solution.
    pub rejection: Option<(String, String)>,
}

impl PointRows {
    /// A point that failed before any solution.
    pub fn failed(r: &Rejection) -> Self {
        Self::rejected(r.reason.key(), r.detail.clone())
    }

    pub fn rejected(key: impl Into<String>, detail: impl Into<String>) -> Self {
        PointRows {
            viable: Vec::new(),
            rejection: Some((key.into(), detail.into())),
        }
    }

    /// Adds a solution: its row when viable, else its rejection (the first one is kept).
    pub fn push(&mut self, verdict: &Result<(), Rejection>, row: impl FnOnce() -> Vec<Cell>) {
        match verdict {
            Ok(()) => self.viable.push(row()),
            Err(r) if self.rejection.is_none() => {
                self.rejection = Some((r.reason.key(), r.detail.clone()))
            }
            Err(_) => {}
        }
    }

    /// Ends a point: viable rows win over rejections; neither is [`NO_SOLUTION`].
    pub fn finish(mut self) -> Self {
        if !self.viable.is_empty() {
            self.rejection = None;
        } else if self.rejection.is_none() {
            self.rejection = Some((
                NO_SOLUTION.into(),
                "the evaluation returned neither a solution nor a failure".into(),
            ));
        }
        self
    }

    pub fn is_viable(&self) -> bool {
        !self.viable.is_empty()
    }
}

/// What every scan shares, whatever its model.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanSettings {
    pub model: ModelName,
    pub name: String,
    pub seed: u64,
    /// Total number of points (ids 0..points).
    pub points: u64,
    pub sampler: SamplerKind,
    /// Points evaluated per batch (the unit of writing, checkpointing and interruption).
    pub batch_size: usize,
    pub mcmc: Option<McmcSettings>,
    pub importance: Option<ScreenSettings>,
    /// The sampled (non-fixed) unit-cube dimensions and the `viable.csv` column of each.
    pub active: Vec<(usize, &'static str)>,
    /// The effective configuration (every default spelled out), echoed as config.toml.
    pub effective_toml: String,
    /// SHA-256 of the effective configuration without its comment line.
    pub config_hash: String,
    /// The prior measure of the inputs, in words (manifest).
    pub prior_measure: String,
}

impl ScanSettings {
    /// The settings of a validated configuration; the derived ones (active dimensions, effective
    /// configuration, hash, prior measure) are set by [`ScanSettings::derive`].
    pub fn new(model: ModelName, name: String, seed: u64, points: u64, sampling: Sampling) -> Self {
        ScanSettings {
            model,
            name,
            seed,
            points,
            sampler: sampling.sampler,
            batch_size: sampling.batch_size,
            mcmc: sampling.mcmc,
            importance: sampling.importance,
            active: Vec::new(),
            effective_toml: String::new(),
            config_hash: String::new(),
            prior_measure: String::new(),
        }
    }

    /// Sets the derived settings; the config hash follows the effective configuration.
    pub fn derive(
        &mut self,
        active: Vec<(usize, &'static str)>,
        effective_toml: String,
        prior_measure: String,
    ) {
        self.active = active;
        self.config_hash = config_hash(&effective_toml);
        self.effective_toml = effective_toml;
        self.prior_measure = prior_measure;
    }

    /// The sampler of the ids (for `mcmc`: its exploration sampler).
    pub fn sampler(&self) -> Sampler {
        let kind = self.mcmc.as_ref().map_or(self.sampler, |m| m.exploration);
        Sampler::new(kind, self.seed, self.points)
    }

    /// The ids a run covers (the whole scan, or a shard's block; an importance scan's shard 0
    /// also takes the pilot, module `importance`).
    pub fn id_range(&self, shard: Option<super::Shard>) -> (u64, u64) {
        match (&self.importance, shard) {
            (Some(s), shard) => super::importance::id_range(self.points, s.pilot_end(), shard),
            (None, None) => (0, self.points),
            (None, Some(s)) => s.id_range(self.points),
        }
    }

    pub fn active_dims(&self) -> Vec<usize> {
        self.active.iter().map(|a| a.0).collect()
    }
}

/// SHA-256 (hex) of an effective configuration without its first (comment) line.
pub fn config_hash(effective_toml: &str) -> String {
    use sha2::{Digest, Sha256};
    let body = effective_toml
        .split_once('\n')
        .map_or(effective_toml, |(_, b)| b);
    Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The effective configuration of scan `name`: a comment line, then `raw` (every default
/// spelled out) as TOML.
pub fn echo(name: &str, raw: &impl serde::Serialize) -> String {
    format!(
        "# Effective configuration of scan '{name}' (written by gmsbscan {}; every default spelled out).\n{}",
        env!("CARGO_PKG_VERSION"),
        toml::to_string(raw).expect("the effective configuration serialises")
    )
}

/// The words of the prior measure that depend on the sampler only.
pub fn rows_measure(sampler: SamplerKind) -> &'static str {
    match sampler {
        SamplerKind::Mcmc => "MCMC rows: the `weight`-weighted rows follow the prior restricted to the viable points",
        SamplerKind::Importance => "importance rows: random draws thinned by a screen; the `weight`-weighted rows (weight = 1/acceptance) follow the prior restricted to the viable points",
        _ => "rows are unweighted draws of the prior, kept where viable",
    }
}

/// A model as the scan driver runs it. Inputs are computed once per draw from the unit-cube
/// point `u` (the pushforward of the uniform cube is the prior), so every sampler (random,
/// latin, sobol, importance, MCMC) works for every model with the same weights.
pub trait ScanModel: Sync {
    /// A point's inputs.
    type Inputs: Send + Sync;

    fn settings(&self) -> &ScanSettings;

    /// The inputs at unit-cube coordinates `u` (only the model's own dimensions are read).
    fn inputs_at(&self, u: &[f64; DIMS]) -> Self::Inputs;

    /// Evaluates a point. Physics failures are rejections in the rows; a panic is caught by
    /// the driver and counted as [`INTERNAL_ERROR`].
    fn evaluate(&self, id: u64, inputs: &Self::Inputs) -> PointRows;

    /// The input cells of the point's `rejected.csv` row (before reason and detail).
    fn rejected_cells(&self, id: u64, inputs: &Self::Inputs) -> Vec<Cell>;

    /// True when `evaluate` would reject at once, before any solving (the importance screen
    /// lets such draws through unscreened). The default, false, is always correct.
    fn rejects_before_solving(&self, _inputs: &Self::Inputs) -> bool {
        false
    }

    /// A cheaper approximate verdict (viable or not), if the model has one (the importance
    /// sampler's second screen, `importance.fast_solve_floor`).
    fn fast_verdict(&self, _inputs: &Self::Inputs) -> Option<bool> {
        None
    }

    /// The columns of `viable.csv` (before any sampler columns).
    fn viable_columns(&self) -> Vec<ColumnDoc>;

    /// The input columns of `rejected.csv` (before [`REASON_COLUMNS`]).
    fn rejected_columns(&self) -> Vec<ColumnDoc>;
}

/// The `columns.md` written beside every `viable.csv`: what each column means.
pub fn columns_markdown<M: ScanModel + ?Sized>(model: &M, extra: &[ColumnDoc]) -> String {
    let s = model.settings();
    let mut viable = model.viable_columns();
    viable.extend(extra.iter().map(|c| Column { value: (), ..*c }));
    let mut rejected = model.rejected_columns();
    rejected.extend(REASON_COLUMNS.iter().map(|c| Column { value: (), ..*c }));
    format!(
        "# Columns of scan '{}' (model {})\n\nMasses in GeV, masses squared in GeV^2; a mass from a mass squared is sign(m^2) sqrt(|m^2|).\n\n## viable.csv (one row per viable solution)\n\n{}\n## rejected.csv (one row per rejected point, with --keep-rejected)\n\n{}",
        s.name,
        s.model,
        columns::markdown_table(&viable),
        columns::markdown_table(&rejected)
    )
}

/// Name of the schema file beside `viable.csv`.
pub const COLUMNS_FILE: &str = "columns.md";

/// Writes `columns.md` into `dir`.
pub fn write_columns<M: ScanModel + ?Sized>(
    model: &M,
    extra: &[ColumnDoc],
    dir: &Path,
) -> std::io::Result<()> {
    super::manifest::write_atomic(
        &dir.join(COLUMNS_FILE),
        columns_markdown(model, extra).as_bytes(),
    )
}

/// The HMZ model: a validated [`ScanPlan`] and an evaluator of its physics (the real one,
/// `plan.evaluator()`, or a test's stand-in).
pub struct HmzModel<'a, E> {
    pub plan: &'a ScanPlan,
    pub evaluator: &'a E,
}

impl<E: PointEvaluator> ScanModel for HmzModel<'_, E> {
    type Inputs = crate::model::params::PointInputs;

    fn settings(&self) -> &ScanSettings {
        &self.plan.settings
    }

    fn inputs_at(&self, u: &[f64; DIMS]) -> Self::Inputs {
        self.plan.inputs_at(u)
    }

    fn evaluate(&self, id: u64, inputs: &Self::Inputs) -> PointRows {
        let outcome = self.evaluator.evaluate(inputs);
        let mut rows = match &outcome.failure {
            Some(r) => PointRows::failed(r),
            None => PointRows::default(),
        };
        for s in &outcome.solutions {
            rows.push(&s.verdict, || columns::viable_row(id, inputs, s));
        }
        rows.finish()
    }

    fn rejected_cells(&self, id: u64, inputs: &Self::Inputs) -> Vec<Cell> {
        columns::rejected_inputs_row(id, inputs, &self.plan.physics.unknowns)
    }

    fn rejects_before_solving(&self, inputs: &Self::Inputs) -> bool {
        self.evaluator.rejects_before_solving(inputs)
    }

    fn fast_verdict(&self, inputs: &Self::Inputs) -> Option<bool> {
        self.evaluator.fast_verdict(inputs)
    }

    fn viable_columns(&self) -> Vec<ColumnDoc> {
        docs(columns::VIABLE_COLUMNS)
    }

    fn rejected_columns(&self) -> Vec<ColumnDoc> {
        docs(columns::REJECTED_COLUMNS)
    }
}
