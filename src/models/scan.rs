//! Scans of the `mssm_gmsb` and `ddr` models: the TOML configuration (unknown keys rejected,
//! validated into a [`ModelScanPlan`]) and the run.
//!
//! ```toml
//! model = "ddr"                # or "mssm_gmsb"
//! name = "ddr"
//! seed = 12
//! points = 20000
//! sampler = "random"           # random | latin | sobol
//! bounds = "hmz1999"           # hmz1999 | lepfinal | none
//! preset = "consistent"
//! sign_mu = 1                  # the discrete choice: +1 or -1
//! n5 = 1                       # mssm_gmsb only (ddr: always 5)
//! [priors]                     # one prior per input of the model (m_top optional: 165 GeV)
//! [search]                     # ddr only (optional)
//! [sm]                         # optional
//! ```
//!
//! Reproducibility: point `id` draws its unit-cube coordinates from the program's samplers
//! ([`crate::scan::Sampler`], the first coordinates of its 9-dimensional point), so the same
//! config and seed give the same inputs on any thread count; rows are written in id order.
//! The run writes `viable.csv` (one row per viable solution), `rejected.csv` (one row per
//! rejected point or solution, with the first failed check), `config.toml` (the input echoed)
//! and `manifest.json` (counts per rejection reason, timing, provenance), under the directory's
//! exclusive lock (module [`crate::scan::lock`]), as HMZ scans are.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::SmInputs;
use crate::constraints::Rejection;
use crate::scan::{DirLock, LockError, Prior, Sampler, SamplerKind};

use super::card::{domain, invalid, parse_sign, validate_search, ModelCardError, ModelPhysics};
use super::columns::{
    names, values, DDR_INPUT_COLUMNS, DDR_SOLVED_COLUMNS, MSSM_INPUT_COLUMNS, SOLUTION_COLUMNS,
};
use super::ddr::{DdrEvaluator, DdrInputs, DdrOutcome, TanBetaSearch, DDR_N5};
use super::mssm::{MssmEvaluator, MssmInputs, MssmSolution, MuSign};
use super::ModelName;
use crate::model::boundary::MessengerInputs;

/// Default m_t(Q) when the configuration has no m_top prior [GeV].
const DEFAULT_M_TOP: f64 = 165.0;
/// Points per parallel batch (the unit of writing).
const BATCH: u64 = 512;

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct MssmPriors {
    lambda_susy: Prior,
    m_mess: Prior,
    tan_beta: Prior,
    m_top: Option<Prior>,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct DdrPriors {
    rho: Prior,
    lambda: Prior,
    lambda_2: Prior,
    lambda_strong: Prior,
    vev_x: Prior,
    m_top: Option<Prior>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModelScan<P> {
    model: ModelName,
    name: String,
    seed: u64,
    points: u64,
    sampler: Option<String>,
    bounds: Option<String>,
    preset: Option<String>,
    sign_mu: f64,
    n5: Option<f64>,
    sm: Option<SmInputs>,
    search: Option<TanBetaSearch>,
    priors: P,
}

/// The model-specific part of a plan.
#[derive(Clone, Debug)]
pub enum ModelSpec {
    Mssm {
        n5: f64,
        priors: [Prior; 4],
    },
    Ddr {
        search: TanBetaSearch,
        priors: [Prior; 6],
    },
}

/// A validated scan of one of the MSSM-limit models.
#[derive(Clone, Debug)]
pub struct ModelScanPlan {
    pub model: ModelName,
    pub name: String,
    pub seed: u64,
    pub points: u64,
    pub sampler: SamplerKind,
    pub physics: ModelPhysics,
    pub sign_mu: MuSign,
    pub spec: ModelSpec,
}

fn check_prior(p: &Prior, field: &str) -> Result<(), ModelCardError> {
    p.check().map_err(|m| invalid(field, m))?;
    let lowest = match *p {
        Prior::Flat { min, .. } | Prior::Log { min, .. } => Some(min),
        Prior::Gaussian { min, .. } => min,
        Prior::Fixed { value } => Some(value),
    };
    match lowest {
        Some(v) if v > 0.0 => Ok(()),
        _ => Err(invalid(
            field,
            "every input of these models is positive: the prior must stay above 0",
        )),
    }
}

impl ModelScanPlan {
    pub fn from_toml_str(text: &str) -> Result<ModelScanPlan, ModelCardError> {
        let model = ModelName::of_toml(text).map_err(ModelCardError::Parse)?;
        let parse = |e: toml::de::Error| ModelCardError::Parse(e.to_string());
        match model {
            ModelName::MssmGmsb => {
                let raw: RawModelScan<MssmPriors> = toml::from_str(text).map_err(parse)?;
                if raw.search.is_some() {
                    return Err(invalid(
                        "search",
                        "only the ddr model has a tan(beta) search",
                    ));
                }
                let n5 = raw.n5.unwrap_or(1.0);
                crate::config::validate::n5(n5, "n5").map_err(domain)?;
                let p = &raw.priors;
                let priors = [
                    p.lambda_susy,
                    p.m_mess,
                    p.tan_beta,
                    p.m_top.unwrap_or(Prior::Fixed {
                        value: DEFAULT_M_TOP,
                    }),
                ];
                for (prior, name) in
                    priors
                        .iter()
                        .zip(["lambda_susy", "m_mess", "tan_beta", "m_top"])
                {
                    check_prior(prior, &format!("priors.{name}"))?;
                }
                Self::common(&raw, ModelSpec::Mssm { n5, priors })
            }
            ModelName::Ddr => {
                let raw: RawModelScan<DdrPriors> = toml::from_str(text).map_err(parse)?;
                if raw.n5.is_some() {
                    return Err(invalid(
                        "n5",
                        "the ddr model has N_5 = 5 (five flavours of SU(5)_S)",
                    ));
                }
                let search = raw.search.unwrap_or_default();
                validate_search(&search, "search.")?;
                let p = &raw.priors;
                let priors = [
                    p.rho,
                    p.lambda,
                    p.lambda_2,
                    p.lambda_strong,
                    p.vev_x,
                    p.m_top.unwrap_or(Prior::Fixed {
                        value: DEFAULT_M_TOP,
                    }),
                ];
                for (prior, name) in priors.iter().zip([
                    "rho",
                    "lambda",
                    "lambda_2",
                    "lambda_strong",
                    "vev_x",
                    "m_top",
                ]) {
                    check_prior(prior, &format!("priors.{name}"))?;
                }
                Self::common(&raw, ModelSpec::Ddr { search, priors })
            }
            ModelName::Hmz => Err(ModelCardError::Parse(
                "not an mssm_gmsb or ddr configuration".into(),
            )),
        }
    }

    fn common<P>(raw: &RawModelScan<P>, spec: ModelSpec) -> Result<ModelScanPlan, ModelCardError> {
        if raw.name.is_empty() || raw.name.contains(['/', '\\']) {
            return Err(invalid("name", "must be a non-empty directory name"));
        }
        if raw.points == 0 {
            return Err(invalid("points", "must be at least 1"));
        }
        let sampler = match raw.sampler.as_deref() {
            None => SamplerKind::Random,
            Some(s) => SamplerKind::parse(s).ok_or_else(|| {
                invalid(
                    "sampler",
                    format!("unknown sampler '{s}' (random, latin or sobol)"),
                )
            })?,
        };
        Ok(ModelScanPlan {
            model: raw.model,
            name: raw.name.clone(),
            seed: raw.seed,
            points: raw.points,
            sampler,
            physics: ModelPhysics::from_raw(raw.preset.as_deref(), raw.bounds.as_deref(), raw.sm)?,
            sign_mu: parse_sign(raw.sign_mu, "sign_mu")?,
            spec,
        })
    }

    /// The unit-cube point of `id` mapped through the priors.
    fn draw<const N: usize>(&self, priors: &[Prior; N], id: u64) -> [f64; N] {
        let u = Sampler::new(self.sampler, self.seed, self.points).unit_point(id);
        std::array::from_fn(|i| priors[i].map_unit(u[i]))
    }

    /// The inputs of point `id` (mssm_gmsb).
    pub fn mssm_inputs(&self, id: u64) -> Option<MssmInputs> {
        let ModelSpec::Mssm { n5, priors } = &self.spec else {
            return None;
        };
        let [lambda_susy, m_mess, tan_beta, m_top] = self.draw(priors, id);
        Some(MssmInputs {
            messengers: MessengerInputs {
                lambda_susy,
                m_mess,
                n5: *n5,
            },
            tan_beta,
            sign_mu: self.sign_mu,
            m_top,
        })
    }

    /// The inputs of point `id` (ddr).
    pub fn ddr_inputs(&self, id: u64) -> Option<DdrInputs> {
        let ModelSpec::Ddr { priors, .. } = &self.spec else {
            return None;
        };
        let [rho, lambda, lambda_2, lambda_strong, vev_x, m_top] = self.draw(priors, id);
        Some(DdrInputs {
            rho,
            lambda,
            lambda_2,
            lambda_strong,
            vev_x,
            m_top,
            sign_mu: self.sign_mu,
        })
    }
}

/// Counts of a finished run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ModelScanSummary {
    pub points: u64,
    /// Points with at least one viable solution.
    pub viable_points: u64,
    /// Viable solutions (rows of viable.csv).
    pub viable_solutions: u64,
    /// Per rejection key: points without a viable solution, by their first failed check.
    pub rejections: BTreeMap<String, u64>,
    pub seconds: f64,
}

impl ModelScanSummary {
    pub fn viable_fraction(&self) -> f64 {
        self.viable_points as f64 / self.points as f64
    }
    pub fn report(&self) -> String {
        let mut s = format!(
            "{} points, {} viable ({:.3} %), {} viable solutions, {:.1} s\n",
            self.points,
            self.viable_points,
            100.0 * self.viable_fraction(),
            self.viable_solutions,
            self.seconds
        );
        for (k, n) in &self.rejections {
            s.push_str(&format!("  {k}: {n}\n"));
        }
        s
    }
}

/// The rows of one evaluated point: viable rows, rejected rows, its first rejection (if not viable).
struct PointRows {
    viable: Vec<Vec<f64>>,
    rejected: Vec<(Vec<f64>, i64, Rejection)>,
    first_rejection: Option<String>,
}

fn mssm_rows(id: u64, inputs: &MssmInputs, result: Result<MssmSolution, Rejection>) -> PointRows {
    let head = |extra: Vec<f64>| {
        let mut v = vec![id as f64];
        v.extend(values(MSSM_INPUT_COLUMNS, inputs));
        v.extend(extra);
        v
    };
    match result {
        Ok(sol) => match &sol.verdict {
            Ok(()) => PointRows {
                viable: vec![head(values(SOLUTION_COLUMNS, &sol).collect())],
                rejected: vec![],
                first_rejection: None,
            },
            Err(r) => PointRows {
                viable: vec![],
                first_rejection: Some(r.reason.key()),
                rejected: vec![(head(vec![]), 0, r.clone())],
            },
        },
        Err(r) => PointRows {
            viable: vec![],
            first_rejection: Some(r.reason.key()),
            rejected: vec![(head(vec![]), -1, r)],
        },
    }
}

fn ddr_rows(id: u64, out: &DdrOutcome) -> PointRows {
    let head = || {
        let mut v = vec![id as f64];
        v.extend(values(DDR_INPUT_COLUMNS, &out.inputs));
        v
    };
    let mut rows = PointRows {
        viable: vec![],
        rejected: vec![],
        first_rejection: None,
    };
    if let Some(r) = &out.failure {
        rows.rejected.push((head(), -1, r.clone()));
        rows.first_rejection = Some(r.reason.key());
        return rows;
    }
    for s in &out.solutions {
        match &s.mssm.verdict {
            Ok(()) => {
                let mut v = head();
                v.extend(values(DDR_SOLVED_COLUMNS, s));
                v.extend(values(SOLUTION_COLUMNS, &s.mssm));
                rows.viable.push(v);
            }
            Err(r) => rows.rejected.push((head(), s.index as i64, r.clone())),
        }
    }
    if rows.viable.is_empty() {
        rows.first_rejection = rows.rejected.first().map(|(_, _, r)| r.reason.key());
    }
    rows
}

/// Header of viable.csv and of the input part of rejected.csv.
fn headers(model: ModelName) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut inputs = vec!["id"];
    let mut viable = vec!["id"];
    match model {
        ModelName::Ddr => {
            inputs.extend(names(DDR_INPUT_COLUMNS));
            viable.extend(names(DDR_INPUT_COLUMNS));
            viable.extend(names(DDR_SOLVED_COLUMNS));
        }
        _ => {
            inputs.extend(names(MSSM_INPUT_COLUMNS));
            viable.extend(names(MSSM_INPUT_COLUMNS));
        }
    }
    viable.extend(names(SOLUTION_COLUMNS));
    (viable, inputs)
}

/// Errors of a model scan run (I/O, thread pool).
#[derive(Debug, thiserror::Error)]
pub enum ModelScanError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("thread pool: {0}")]
    Pool(String),
    #[error("{0} exists and holds a scan: pass --force to replace it")]
    Exists(String),
    #[error(transparent)]
    Lock(#[from] LockError),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ModelScanError + '_ {
    move |source| ModelScanError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Evaluates one point of the plan.
fn evaluate(plan: &ModelScanPlan, mssm: &MssmEvaluator, ddr: &DdrEvaluator, id: u64) -> PointRows {
    match plan.model {
        ModelName::Ddr => {
            let inputs = plan.ddr_inputs(id).expect("ddr plan");
            ddr_rows(id, &ddr.evaluate(&inputs))
        }
        _ => {
            let inputs = plan.mssm_inputs(id).expect("mssm plan");
            mssm_rows(id, &inputs, mssm.evaluate(&inputs))
        }
    }
}

/// Runs the scan into `out_dir` (created; an existing scan there is replaced only with `force`).
pub fn run_model_scan(
    plan: &ModelScanPlan,
    config_text: &str,
    out_dir: &Path,
    threads: Option<usize>,
    force: bool,
) -> Result<ModelScanSummary, ModelScanError> {
    let viable_path = out_dir.join("viable.csv");
    std::fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    // Held until the scan is written: no other gmsbscan process writes (or merges, or resumes
    // from) the directory meanwhile, and none reads it half written.
    let _lock = DirLock::exclusive(out_dir)?;
    if viable_path.exists() && !force {
        return Err(ModelScanError::Exists(out_dir.display().to_string()));
    }
    let config_path = out_dir.join("config.toml");
    std::fs::write(&config_path, config_text).map_err(io_err(&config_path))?;
    let n5 = match &plan.spec {
        ModelSpec::Mssm { n5, .. } => *n5,
        ModelSpec::Ddr { .. } => DDR_N5,
    };
    let mssm = MssmEvaluator::new(plan.physics.config(n5), plan.physics.bounds);
    let search = match &plan.spec {
        ModelSpec::Ddr { search, .. } => *search,
        ModelSpec::Mssm { .. } => TanBetaSearch::default(),
    };
    let ddr = DdrEvaluator {
        mssm: mssm.clone(),
        search,
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n);
    }
    let pool = builder
        .build()
        .map_err(|e| ModelScanError::Pool(e.to_string()))?;

    let (viable_header, input_header) = headers(plan.model);
    let mut viable = csv::Writer::from_path(&viable_path)?;
    viable.write_record(&viable_header)?;
    let mut rejected = csv::Writer::from_path(out_dir.join("rejected.csv"))?;
    let mut rej_header = input_header.clone();
    rej_header.extend(["solution", "reason", "detail"]);
    rejected.write_record(&rej_header)?;

    let start = std::time::Instant::now();
    let mut summary = ModelScanSummary {
        points: plan.points,
        ..Default::default()
    };
    let mut next = 0;
    while next < plan.points {
        let end = (next + BATCH).min(plan.points);
        let batch: Vec<PointRows> = pool.install(|| {
            (next..end)
                .into_par_iter()
                .map(|id| evaluate(plan, &mssm, &ddr, id))
                .collect()
        });
        for rows in batch {
            summary.viable_solutions += rows.viable.len() as u64;
            if rows.viable.is_empty() {
                let key = rows
                    .first_rejection
                    .clone()
                    .unwrap_or_else(|| "no_ewsb".into());
                *summary.rejections.entry(key).or_default() += 1;
            } else {
                summary.viable_points += 1;
            }
            for v in &rows.viable {
                viable.write_record(v.iter().map(|x| x.to_string()))?;
            }
            for (inputs, solution, r) in &rows.rejected {
                let mut rec: Vec<String> = inputs.iter().map(|x| x.to_string()).collect();
                rec.push(solution.to_string());
                rec.push(r.reason.key());
                rec.push(r.detail.clone());
                rejected.write_record(&rec)?;
            }
        }
        next = end;
    }
    viable.flush().map_err(io_err(&viable_path))?;
    rejected.flush().map_err(io_err(out_dir))?;
    summary.seconds = start.elapsed().as_secs_f64();
    write_manifest(plan, &summary, out_dir)?;
    Ok(summary)
}

fn write_manifest(
    plan: &ModelScanPlan,
    s: &ModelScanSummary,
    out_dir: &Path,
) -> Result<(), ModelScanError> {
    let manifest = serde_json::json!({
        "program": "gmsbscan",
        "version": env!("CARGO_PKG_VERSION"),
        "model": plan.model.name(),
        "name": plan.name,
        "seed": plan.seed,
        "points": plan.points,
        "sampler": plan.sampler.name(),
        "preset": plan.physics.preset.to_string(),
        "sign_mu": plan.sign_mu.value(),
        "summary": s,
    });
    let path = out_dir.join("manifest.json");
    let mut f = std::fs::File::create(&path).map_err(io_err(&path))?;
    let text = serde_json::to_string_pretty(&manifest).expect("the manifest serialises");
    f.write_all(text.as_bytes()).map_err(io_err(&path))?;
    Ok(())
}

/// The column schema of a model's viable.csv (for the documentation).
pub fn schema_markdown(model: ModelName) -> String {
    let mut s = String::from("`id`: point id; then\n\n");
    match model {
        ModelName::Ddr => {
            s.push_str(&super::columns::markdown(DDR_INPUT_COLUMNS));
            s.push('\n');
            s.push_str(&super::columns::markdown(DDR_SOLVED_COLUMNS));
        }
        _ => s.push_str(&super::columns::markdown(MSSM_INPUT_COLUMNS)),
    }
    s.push('\n');
    s.push_str(&super::columns::markdown(SOLUTION_COLUMNS));
    s
}
