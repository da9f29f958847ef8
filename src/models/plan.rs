//! Scans of the `mssm_gmsb` and `ddr` models: the TOML configuration (unknown keys rejected,
//! validated into a [`ModelScanPlan`]) and the model as the one scan driver runs it
//! ([`ModelScan`], an implementation of [`ScanModel`]); [`Plan`] reads a configuration of any
//! model.
//!
//! ```toml
//! model = "ddr"                # or "mssm_gmsb"
//! name = "ddr"
//! seed = 12
//! points = 20000
//! sampler = "random"           # random | latin | sobol | mcmc | importance (with its table)
//! batch_size = 256             # optional
//! bounds = "hmz1999"           # hmz1999 | lepfinal | lhc2025 | none
//! preset = "consistent"
//! sign_mu = 1                  # the discrete choice: +1 or -1
//! n5 = 1                       # mssm_gmsb only (ddr: always 5)
//! [[messengers]]               # mssm_gmsb: instead of n5, a general sector (as HMZ's)
//! [priors]                     # one prior per input of the model (m_top optional: card::default_m_top)
//! [search]                     # ddr only (optional)
//! [sm]                         # optional
//! [mcmc] / [importance]        # with sampler = "mcmc" / "importance", as for HMZ scans
//! ```
//!
//! Point `id` maps the first coordinates of the sampler's unit-cube point through the priors
//! (in the order of the `[priors]` fields below), so every sampler of the driver, with its
//! weights, applies unchanged. The effective configuration (every default spelled out) is
//! echoed as config.toml and hashed, as for HMZ scans.

use serde::{Deserialize, Serialize};

use crate::config::{PhysicsOverrides, SmInputs, YukawaInputs};
use crate::model::messengers::MessengerSpec;
use crate::output::columns::Cell;
use crate::scan::config::{bound_set_name, check_name, domain_err, invalid, Sampling};
use crate::scan::mcmc::McmcSettings;
use crate::scan::model::{self, ColumnDoc, PointRows, ScanModel, ScanSettings};
use crate::scan::sampler::DIMS;
use crate::scan::screen::ScreenSettings;
use crate::scan::{ConfigError, Prior, ScanPlan};

use super::card::{self, mssm_n5, parse_sign, validate_search, ModelPhysics};
use super::columns::{
    cells, DDR_INPUT_COLUMNS, DDR_SOLVED_COLUMNS, ID_COLUMN, MSSM_INPUT_COLUMNS, SOLUTION_COLUMNS,
};
use super::ddr::{DdrEvaluator, DdrInputs, TanBetaSearch, DDR_N5};
use super::mssm::{MssmEvaluator, MssmInputs, MuSign};
use super::ModelName;
use crate::model::boundary::MessengerInputs;

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct MssmPriors {
    lambda_susy: Prior,
    m_mess: Prior,
    tan_beta: Prior,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    m_top: Option<Prior>,
}

/// A model configuration as written (and, with every default filled in, as echoed).
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawModelScan<P> {
    model: ModelName,
    name: String,
    seed: u64,
    points: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sampler: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    batch_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bounds: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preset: Option<String>,
    sign_mu: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n5: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sm: Option<SmInputs>,
    /// Switches: `rge_two_loop` (and the model values of `singlet_decoupling`,
    /// `fs_terms_running`), see [`crate::models::mssm::check_overrides`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    physics: Option<PhysicsOverrides>,
    /// mssm_gmsb: a general messenger sector instead of `n5` (`[[messengers]]`, as HMZ's; the pair
    /// coupled to S and N sits at X = M, F/X = Lambda, and relative masses follow M).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    messengers: Vec<MessengerSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    search: Option<TanBetaSearch>,
    priors: P,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mcmc: Option<McmcSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    importance: Option<ScreenSettings>,
}

/// The model-specific part of a plan: the priors in unit-cube dimension order.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelSpec {
    /// lambda_susy, m_mess, tan_beta, m_top; `n5` or the messenger list (then `n5` is the
    /// multiplicity of its pair at M).
    Mssm {
        n5: f64,
        messengers: Vec<MessengerSpec>,
        priors: [Prior; 4],
    },
    /// rho, lambda, lambda_2, lambda_strong, vev_x, m_top.
    Ddr {
        search: TanBetaSearch,
        priors: [Prior; 6],
    },
}

const MSSM_PRIORS: [&str; 4] = ["lambda_susy", "m_mess", "tan_beta", "m_top"];
const DDR_PRIORS: [&str; 6] = [
    "rho",
    "lambda",
    "lambda_2",
    "lambda_strong",
    "vev_x",
    "m_top",
];

impl ModelSpec {
    /// The priors and their names (= their `viable.csv` columns), in dimension order.
    fn priors(&self) -> Vec<(&'static str, Prior)> {
        match self {
            ModelSpec::Mssm { priors, .. } => MSSM_PRIORS.into_iter().zip(*priors).collect(),
            ModelSpec::Ddr { priors, .. } => DDR_PRIORS.into_iter().zip(*priors).collect(),
        }
    }
}

/// A validated scan of one of the MSSM-limit models.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelScanPlan {
    pub settings: ScanSettings,
    pub physics: ModelPhysics,
    pub sign_mu: MuSign,
    pub spec: ModelSpec,
}

/// The m_top prior, fixed at the preset's [`card::default_m_top`] when none is given (an unknown
/// preset is refused later, by name).
fn default_m_top(m_top: Option<Prior>, preset: Option<&str>) -> Prior {
    m_top.unwrap_or_else(|| {
        let physics = ModelPhysics::from_raw(preset, None, None, None);
        let yukawa = physics.map_or(YukawaInputs::Measured, |p| p.yukawa_inputs());
        Prior::Fixed {
            value: card::default_m_top(yukawa),
        }
    })
}

/// `priors.<name>`: a valid prior of a positive input (every input of these models is).
fn check_prior(p: &Prior, name: &str) -> Result<(), ConfigError> {
    let field = format!("priors.{name}");
    p.check()
        .and_then(|()| p.check_positive(name))
        .map_err(|m| invalid(field, m))
}

fn parse<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::Parse(e.to_string()))
}

impl ModelScanPlan {
    pub fn from_toml_str(text: &str) -> Result<ModelScanPlan, ConfigError> {
        let model = ModelName::of_toml(text).map_err(ConfigError::Parse)?;
        match model {
            ModelName::MssmGmsb => {
                let mut raw: RawModelScan<MssmPriors> = parse(text)?;
                if raw.search.is_some() {
                    return Err(invalid(
                        "search",
                        "only the ddr model has a tan(beta) search",
                    ));
                }
                let p = &raw.priors;
                let sm = raw.sm.unwrap_or_default();
                let n5 = mssm_n5(
                    raw.n5,
                    "n5",
                    &raw.messengers,
                    [&p.m_mess, &p.lambda_susy],
                    &sm,
                )?;
                if raw.messengers.is_empty() {
                    raw.n5 = Some(n5);
                }
                let messengers = raw.messengers.clone();
                let p = &mut raw.priors;
                let m_top = *p
                    .m_top
                    .insert(default_m_top(p.m_top, raw.preset.as_deref()));
                let priors = [p.lambda_susy, p.m_mess, p.tan_beta, m_top];
                let spec = ModelSpec::Mssm {
                    n5,
                    messengers,
                    priors,
                };
                Self::common(raw, spec)
            }
            ModelName::Ddr => {
                let mut raw: RawModelScan<DdrPriors> = parse(text)?;
                if raw.n5.is_some() || !raw.messengers.is_empty() {
                    return Err(invalid(
                        if raw.n5.is_some() { "n5" } else { "messengers" },
                        "the ddr model has N_5 = 5 (five flavours of SU(5)_S)",
                    ));
                }
                let search = *raw.search.get_or_insert_default();
                validate_search(&search, "search.")?;
                let p = &mut raw.priors;
                let m_top = *p
                    .m_top
                    .insert(default_m_top(p.m_top, raw.preset.as_deref()));
                let priors = [p.rho, p.lambda, p.lambda_2, p.lambda_strong, p.vev_x, m_top];
                Self::common(raw, ModelSpec::Ddr { search, priors })
            }
            ModelName::Hmz => Err(ConfigError::Parse(
                "not an mssm_gmsb or ddr configuration".into(),
            )),
        }
    }

    /// The checks and settings every model shares; `raw`, with the model's own defaults filled
    /// in, gets the shared ones and is echoed as the effective configuration.
    fn common<P: Serialize>(
        mut raw: RawModelScan<P>,
        spec: ModelSpec,
    ) -> Result<ModelScanPlan, ConfigError> {
        check_name(&raw.name)?;
        for (name, prior) in spec.priors() {
            check_prior(&prior, name)?;
            if let ("tan_beta", Some(max)) = (name, prior.support().1) {
                crate::config::validate::tan_beta_prior_max(max, "priors.tan_beta")
                    .map_err(domain_err)?;
            }
        }
        let sampling = Sampling::validate(
            raw.points,
            raw.sampler.as_deref(),
            raw.batch_size,
            raw.mcmc,
            raw.importance,
        )?;
        if sampling
            .importance
            .is_some_and(|i| i.fast_solve_floor.is_some())
        {
            return Err(invalid(
                "importance.fast_solve_floor",
                "the mssm_gmsb and ddr models have no fast solve (only the HMZ model does): remove this key",
            ));
        }
        let physics = ModelPhysics::from_raw(
            raw.preset.as_deref(),
            raw.bounds.as_deref(),
            raw.sm,
            raw.physics,
        )?;
        if physics.yukawa_inputs() == YukawaInputs::Measured {
            for (name, prior) in spec.priors().into_iter().filter(|(n, _)| *n == "m_top") {
                prior
                    .check_top_pole(
                        card::M_TOP_POLE,
                        "use preset = \"hmz1999\" to sample the DR-bar m_t(Q)",
                    )
                    .map_err(|m| invalid(format!("priors.{name}"), m))?;
            }
        }
        let sign_mu = parse_sign(raw.sign_mu, "sign_mu")?;
        // Every default spelled out: parsing the echo gives this plan.
        raw.sampler = Some(sampling.sampler.name().to_string());
        raw.batch_size = Some(sampling.batch_size);
        raw.bounds = Some(bound_set_name(physics.bounds).to_string());
        raw.preset = Some(physics.preset.to_string());
        raw.sign_mu = sign_mu.value();
        raw.sm = Some(physics.sm);
        (raw.mcmc, raw.importance) = (sampling.mcmc, sampling.importance);
        let priors = spec.priors();
        let names: Vec<&str> = priors.iter().map(|p| p.0).collect();
        let mut settings =
            ScanSettings::new(raw.model, raw.name.clone(), raw.seed, raw.points, sampling);
        settings.derive(
            (priors.iter().enumerate())
                .filter(|(_, (_, p))| !p.is_fixed())
                .map(|(d, (name, _))| (d, *name))
                .collect(),
            model::echo(&raw.name, &raw),
            format!(
                "product of the 1-D priors of {}; {}",
                names.join(", "),
                model::rows_measure(sampling.sampler)
            ),
        );
        Ok(ModelScanPlan {
            settings,
            physics,
            sign_mu,
            spec,
        })
    }
}

/// A scan configuration of any model.
#[derive(Clone, Debug)]
pub enum Plan {
    Hmz(ScanPlan),
    Model(ModelScanPlan),
}

impl Plan {
    /// Parses and validates a configuration; its `model` key (absent: hmz) picks the model.
    pub fn from_toml_str(text: &str) -> Result<Plan, ConfigError> {
        match ModelName::of_toml(text).map_err(ConfigError::Parse)? {
            ModelName::Hmz => ScanPlan::from_toml_str(text).map(Plan::Hmz),
            _ => ModelScanPlan::from_toml_str(text).map(Plan::Model),
        }
    }

    pub fn settings(&self) -> &ScanSettings {
        match self {
            Plan::Hmz(p) => &p.settings,
            Plan::Model(p) => &p.settings,
        }
    }

    pub fn into_settings(self) -> ScanSettings {
        match self {
            Plan::Hmz(p) => p.settings,
            Plan::Model(p) => p.settings,
        }
    }
}

/// The inputs of a point of either model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ModelInputs {
    Mssm(MssmInputs),
    Ddr(DdrInputs),
}

/// An MSSM-limit model as the scan driver runs it.
pub struct ModelScan {
    pub plan: ModelScanPlan,
    /// The mssm_gmsb evaluator (for ddr: the one its solutions are completed with).
    mssm: MssmEvaluator,
    ddr: DdrEvaluator,
}

impl ModelScan {
    pub fn new(plan: ModelScanPlan) -> Self {
        let (mssm, search) = match &plan.spec {
            ModelSpec::Mssm { n5, messengers, .. } => (
                plan.physics.evaluator(*n5, messengers),
                TanBetaSearch::default(),
            ),
            ModelSpec::Ddr { search, .. } => (plan.physics.evaluator(DDR_N5, &[]), *search),
        };
        let ddr = DdrEvaluator {
            mssm: mssm.clone(),
            search,
        };
        ModelScan { plan, mssm, ddr }
    }

    fn input_columns(&self) -> Vec<ColumnDoc> {
        let mut cols = vec![ID_COLUMN];
        cols.extend(match self.plan.spec {
            ModelSpec::Mssm { .. } => model::docs(MSSM_INPUT_COLUMNS),
            ModelSpec::Ddr { .. } => model::docs(DDR_INPUT_COLUMNS),
        });
        cols
    }
}

impl ScanModel for ModelScan {
    type Inputs = ModelInputs;

    fn settings(&self) -> &ScanSettings {
        &self.plan.settings
    }

    fn inputs_at(&self, u: &[f64; DIMS]) -> ModelInputs {
        let sign_mu = self.plan.sign_mu;
        match &self.plan.spec {
            ModelSpec::Mssm { n5, priors, .. } => {
                let [lambda_susy, m_mess, tan_beta, m_top] =
                    std::array::from_fn(|i| priors[i].map_unit(u[i]));
                ModelInputs::Mssm(MssmInputs {
                    messengers: MessengerInputs {
                        lambda_susy,
                        m_mess,
                        n5: *n5,
                    },
                    tan_beta,
                    sign_mu,
                    m_top,
                })
            }
            ModelSpec::Ddr { priors, .. } => {
                let [rho, lambda, lambda_2, lambda_strong, vev_x, m_top] =
                    std::array::from_fn(|i| priors[i].map_unit(u[i]));
                ModelInputs::Ddr(DdrInputs {
                    rho,
                    lambda,
                    lambda_2,
                    lambda_strong,
                    vev_x,
                    m_top,
                    sign_mu,
                })
            }
        }
    }

    fn evaluate(&self, id: u64, inputs: &ModelInputs) -> PointRows {
        let head = || self.rejected_cells(id, inputs);
        match inputs {
            ModelInputs::Mssm(p) => match self.mssm.evaluate(p) {
                Err(r) => PointRows::failed(&r),
                Ok(sol) => {
                    let mut rows = PointRows::default();
                    rows.push(&sol.verdict, || {
                        let mut v = head();
                        v.extend(cells(SOLUTION_COLUMNS, &sol));
                        v
                    });
                    rows.finish()
                }
            },
            ModelInputs::Ddr(p) => {
                let out = self.ddr.evaluate(p);
                if let Some(r) = &out.failure {
                    return PointRows::failed(r);
                }
                let mut rows = PointRows::default();
                for s in &out.solutions {
                    rows.push(&s.mssm.verdict, || {
                        let mut v = head();
                        v.extend(cells(DDR_SOLVED_COLUMNS, s));
                        v.extend(cells(SOLUTION_COLUMNS, &s.mssm));
                        v
                    });
                }
                rows.finish()
            }
        }
    }

    fn rejected_cells(&self, id: u64, inputs: &ModelInputs) -> Vec<Cell> {
        let mut v = vec![Cell::from(id)];
        match inputs {
            ModelInputs::Mssm(p) => v.extend(cells(MSSM_INPUT_COLUMNS, p)),
            ModelInputs::Ddr(p) => v.extend(cells(DDR_INPUT_COLUMNS, p)),
        }
        v
    }

    fn viable_columns(&self) -> Vec<ColumnDoc> {
        let mut cols = self.input_columns();
        if let ModelSpec::Ddr { .. } = self.plan.spec {
            cols.extend(model::docs(DDR_SOLVED_COLUMNS));
        }
        cols.extend(model::docs(SOLUTION_COLUMNS));
        cols
    }

    fn rejected_columns(&self) -> Vec<ColumnDoc> {
        self.input_columns()
    }
}
