//! Scan configuration: the raw TOML structs (serde, unknown keys rejected) and their validation
//! into a [`ScanPlan`], the only thing the driver sees. Every error names the field and says what
//! is wrong. The plan can be written back as the *effective* configuration (all defaults and the
//! preset's switches spelled out): that text is echoed into the output directory, its SHA-256 is
//! the config hash of the manifest, and re-reading it gives the same plan (used by `--resume`).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::config::validate;
use crate::config::{
    Coupling, PhysicsConfig, PhysicsSwitches, PhysicsTable, Preset, SmInputs, YukawaInputs,
};
use crate::constraints::BoundSetName;
use crate::model::messengers::{
    check_specs, check_specs_perturbative, MessengerError, MessengerSector, MessengerSpec,
    SingletPair,
};
use crate::model::params::PointInputs;
use crate::point::Evaluator;
use crate::solve::EwsbSettings;

use super::mcmc::McmcSettings;
use super::model::ScanSettings;
use super::prior::Prior;
use super::ratio::{lambda_from_ratio, FlatBelowCut, RatioCut};
use super::sampler::{SamplerKind, DIMS, LATIN_MAX_POINTS};
use super::screen::ScreenSettings;
use crate::constraints::MAX_LAMBDA_OVER_S;
use crate::models::ModelName;

/// The embedded default configuration (`gmsbscan scan` without a file).
pub const DEFAULT_CONFIG: &str = include_str!("../../configs/default.toml");

/// A configuration error; the message names the field.
#[derive(Debug, Error, PartialEq)]
pub enum ConfigError {
    /// TOML syntax, an unknown key, a wrong type or a missing required key.
    #[error("{0}")]
    Parse(String),
    /// A key with an invalid value.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

/// The six base inputs (tan beta, VEVs, scales, masses, m_phi0/y) are positive.
fn check_positive_support(p: Param, prior: &Prior) -> Result<(), String> {
    match p {
        Param::Coupling(_) => Ok(()),
        _ => prior.check_positive(p.name()),
    }
}

/// A ratio prior must stay at or below HMZ's cut (eq. `xy`): a draw above it is always rejected.
fn check_ratio_support(p: Param, prior: &Prior) -> Result<(), String> {
    if p != Param::LambdaOverS {
        return Ok(());
    }
    match prior.support().1 {
        Some(max) if max <= MAX_LAMBDA_OVER_S => Ok(()),
        Some(max) => Err(format!(
            "the prior reaches {max}, above the cut Lambda/<S> <= {MAX_LAMBDA_OVER_S} of HMZ eq. (xy): every such draw would be rejected"
        )),
        None => Err(format!(
            "truncate the gaussian prior with max <= {MAX_LAMBDA_OVER_S} (the cut Lambda/<S> <= {MAX_LAMBDA_OVER_S} of HMZ eq. (xy))"
        )),
    }
}

/// With measured Yukawa inputs the `m_top` prior must be a top pole-mass prior
/// ([`Prior::check_top_pole`]).
fn check_top_meaning(p: Param, prior: &Prior, physics: &PhysicsConfig) -> Result<(), String> {
    match (p, physics.switches.yukawa_inputs) {
        (Param::MTop, YukawaInputs::Measured) => prior.check_top_pole(
            crate::models::card::M_TOP_POLE,
            "set physics.yukawa_inputs = \"running_q\" to sample the DR-bar m_t(Q) as the paper does",
        ),
        _ => Ok(()),
    }
}

/// A value outside its physical or numerical domain (`config::validate`).
pub fn domain_err(e: validate::DomainError) -> ConfigError {
    let message = e.to_string();
    let message = message
        .strip_prefix(&format!("{}: ", e.field))
        .unwrap_or(&message)
        .to_string();
    invalid(e.field, message)
}

/// A sampler's own table (`[mcmc]`, `[importance]`, named like the sampler): required with that
/// sampler (`needs` names its required keys), refused with any other.
fn sampler_table<T>(
    sampler: SamplerKind,
    owner: SamplerKind,
    table: Option<T>,
    needs: &str,
) -> Result<Option<T>, ConfigError> {
    let key = owner.name();
    match (sampler == owner, table) {
        (true, Some(t)) => Ok(Some(t)),
        (true, None) => Err(invalid(
            key,
            format!("sampler = \"{key}\" needs an [{key}] table ({needs})"),
        )),
        (false, Some(_)) => Err(invalid(
            key,
            format!(
                "an [{key}] table needs sampler = \"{key}\" (the sampler is {})",
                sampler.name()
            ),
        )),
        (false, None) => Ok(None),
    }
}

pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

/// A sampled input of a point: one of the six non-coupling inputs or a coupling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Param {
    TanBeta,
    VevN,
    VevS,
    LambdaSusy,
    MTop,
    MPhiOverS,
    /// r = Lambda/<S>, sampled instead of Lambda (`priors.lambda_over_s`; module `ratio`).
    LambdaOverS,
    Coupling(Coupling),
}

impl Param {
    /// The non-coupling inputs, always sampled, in dimension order.
    pub const BASE: [Param; 6] = [
        Param::TanBeta,
        Param::VevN,
        Param::VevS,
        Param::LambdaSusy,
        Param::MTop,
        Param::MPhiOverS,
    ];

    /// Name in configs and CSV columns.
    pub fn name(self) -> &'static str {
        match self {
            Param::TanBeta => "tan_beta",
            Param::VevN => "vev_n",
            Param::VevS => "vev_s",
            Param::LambdaSusy => "lambda_susy",
            Param::MTop => "m_top",
            Param::MPhiOverS => "m_phi_over_s",
            Param::LambdaOverS => "lambda_over_s",
            Param::Coupling(c) => c.name(),
        }
    }

    /// The `viable.csv` column holding this parameter's value (Lambda for the ratio).
    pub fn column(self) -> &'static str {
        match self {
            Param::LambdaOverS => "lambda_susy",
            p => p.name(),
        }
    }

    /// Sets this parameter in a point's inputs.
    pub fn set(self, inputs: &mut PointInputs, v: f64) {
        match self {
            Param::TanBeta => inputs.tan_beta = v,
            Param::VevN => inputs.vev_n = v,
            Param::VevS => inputs.vev_s = v,
            Param::LambdaSusy => inputs.lambda_susy = v,
            Param::MTop => inputs.m_top = v,
            Param::MPhiOverS => inputs.m_phi_over_s = v,
            // <S> (dimension 2) is set before the ratio (dimension 3).
            Param::LambdaOverS => inputs.lambda_susy = lambda_from_ratio(v, inputs.vev_s),
            Param::Coupling(c) => *coupling_mut(inputs, c) = v,
        }
    }
}

fn coupling_mut(inputs: &mut PointInputs, c: Coupling) -> &mut f64 {
    match c {
        Coupling::XiN => &mut inputs.xi_n,
        Coupling::EtaS => &mut inputs.eta_s,
        Coupling::EtaN => &mut inputs.eta_n,
        Coupling::LambdaS => &mut inputs.lambda_s,
        Coupling::LambdaN => &mut inputs.lambda_n,
        Coupling::K => &mut inputs.k,
    }
}

/// A coupling's value in a point's inputs.
pub fn coupling_input(inputs: &PointInputs, c: Coupling) -> f64 {
    match c {
        Coupling::XiN => inputs.xi_n,
        Coupling::EtaS => inputs.eta_s,
        Coupling::EtaN => inputs.eta_n,
        Coupling::LambdaS => inputs.lambda_s,
        Coupling::LambdaN => inputs.lambda_n,
        Coupling::K => inputs.k,
    }
}

/// A validated scan: everything the driver needs, nothing it must check again.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanPlan {
    /// What the driver needs besides the physics (name, seed, points, sampler, batch size, the
    /// sampler's table, the effective configuration and its hash), built once by validation.
    pub settings: ScanSettings,
    pub bounds: BoundSetName,
    pub physics: PhysicsConfig,
    /// Numerical settings of the EWSB solve.
    pub solver: EwsbSettings,
    /// The sampled parameters in unit-hypercube dimension order: the six base inputs, then the
    /// three couplings that are not unknowns (in the order of [`Coupling::ALL`]). Dimension 3 is
    /// `LambdaSusy` or, with `priors.lambda_over_s`, `LambdaOverS`.
    pub dims: [(Param, Prior); DIMS],
    /// How HMZ's cut Lambda <= 0.9 <S> enters (module `ratio`).
    pub ratio_cut: RatioCut,
    /// The joint map of (vev_s, lambda_susy) when `ratio_cut` is `InPrior`.
    pub below_cut: Option<FlatBelowCut>,
}

/// Default number of points per batch.
pub const DEFAULT_BATCH_SIZE: usize = 256;

impl ScanPlan {
    /// Parses and validates a TOML configuration.
    pub fn from_toml_str(text: &str) -> Result<ScanPlan, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Parse(e.to_string()))?;
        raw.validate()
    }

    /// The embedded default configuration.
    pub fn default_plan() -> ScanPlan {
        Self::from_toml_str(DEFAULT_CONFIG).expect("the embedded default configuration is valid")
    }

    /// The inputs of point `id` (the sampler of [`ScanSettings::sampler`]). The unknowns'
    /// entries are NaN (the physics ignores them).
    pub fn inputs(&self, id: u64) -> PointInputs {
        self.inputs_at(&self.settings.sampler().unit_point(id))
    }

    /// The inputs at unit-hypercube coordinates `u` (every sampler, MCMC included, goes through
    /// this map: the pushforward of the uniform cube is the prior).
    pub fn inputs_at(&self, u: &[f64; DIMS]) -> PointInputs {
        // Every field is overwritten by its prior except the three unknowns, which stay NaN:
        // the EWSB solver then starts from its own deterministic grid.
        let mut inputs = PointInputs {
            tan_beta: f64::NAN,
            vev_n: f64::NAN,
            vev_s: f64::NAN,
            lambda_susy: f64::NAN,
            m_top: f64::NAN,
            lambda_s: f64::NAN,
            lambda_n: f64::NAN,
            k: f64::NAN,
            xi_n: f64::NAN,
            eta_s: f64::NAN,
            eta_n: f64::NAN,
            m_phi_over_s: f64::NAN,
        };
        for ((param, prior), &x) in self.dims.iter().zip(u.iter()) {
            param.set(&mut inputs, prior.map_unit(x));
        }
        if let Some(joint) = &self.below_cut {
            (inputs.vev_s, inputs.lambda_susy) = joint.map_unit(u[2], u[3]);
        }
        inputs
    }

    /// The prior measure this plan induces on the inputs, in words (echoed into the manifest).
    fn prior_measure(&self) -> String {
        let names: Vec<&str> = self.dims.iter().map(|(p, _)| p.name()).collect();
        let cut = match (self.ratio_cut, self.dims[3].0) {
            (RatioCut::InPrior, _) => "(vev_s, lambda_susy) uniform on their flat box below Lambda = 0.9 <S> (the paper's draw-and-reject measure, no draw rejected by the cut)".to_string(),
            (RatioCut::Reject, Param::LambdaOverS) => "lambda_susy = lambda_over_s * vev_s with the ratio drawn independently: density p(vev_s) p_r(Lambda/<S>) / <S> in (vev_s, lambda_susy), not flat in Lambda".to_string(),
            (RatioCut::Reject, _) => "vev_s and lambda_susy independent; draws with Lambda/<S> > 0.9 are rejected by the physics (range:lambda_over_s), so the viable points follow the product restricted to Lambda <= 0.9 <S>".to_string(),
        };
        let rows = super::model::rows_measure(self.settings.sampler);
        format!(
            "product of the 1-D priors of {}; {cut}; {rows}",
            names.join(", ")
        )
    }

    /// The sampled couplings, in dimension order.
    pub fn sampled_couplings(&self) -> [Coupling; 3] {
        let mut out = [Coupling::K; 3];
        for (slot, (param, _)) in out.iter_mut().zip(self.dims[6..].iter()) {
            if let Param::Coupling(c) = param {
                *slot = *c;
            }
        }
        out
    }

    /// The evaluator of the real physics for this plan.
    pub fn evaluator(&self) -> Evaluator {
        Evaluator {
            ewsb: self.solver,
            ..Evaluator::new(self.physics.clone(), self.bounds)
        }
    }

    /// The effective configuration as TOML: every default and switch spelled out. Parsing it
    /// gives this plan back.
    pub fn effective_toml(&self) -> &str {
        &self.settings.effective_toml
    }

    /// Recomputes the derived settings (active dimensions, effective configuration and its hash,
    /// prior measure) from the plan's fields: validation calls it, and so must anything that
    /// edits a plan's fields.
    pub fn rederive(&mut self) {
        let effective_toml = self.render_effective_toml();
        let active = (0..DIMS)
            .filter(|&d| !self.dims[d].1.is_fixed())
            .map(|d| (d, self.dims[d].0.column()))
            .collect();
        let prior_measure = self.prior_measure();
        self.settings.derive(active, effective_toml, prior_measure);
    }

    fn render_effective_toml(&self) -> String {
        let g = &self.settings;
        let raw = RawConfig {
            name: g.name.clone(),
            seed: g.seed,
            points: g.points,
            sampler: Some(g.sampler.name().to_string()),
            bounds: Some(bound_set_name(self.bounds).to_string()),
            batch_size: Some(g.batch_size),
            physics: {
                let p = &self.physics;
                let mut t = PhysicsTable {
                    preset: p.preset.to_string(),
                    unknowns: Some(p.unknowns.iter().map(|c| c.name().to_string()).collect()),
                    n5: p.messengers.is_empty().then_some(p.n5),
                    messengers: (!p.messengers.is_empty()).then(|| p.messengers.clone()),
                    k_max: Some(p.k_max),
                    lambda_n_max: Some(p.lambda_n_max),
                    f0_over_fs: Some(p.f0_over_fs),
                    ..PhysicsTable::default()
                };
                t.set_switches(&p.switches);
                // The NMSSM point takes only the default `yukawa_matching` (check_combinations):
                // not echoed, so its effective configurations and their hashes are those written
                // before the setting existed.
                t.yukawa_matching = None;
                t
            },
            sm: Some(self.physics.sm),
            solver: Some(self.solver),
            priors: RawPriors::from_dims(&self.dims),
            lambda_over_s_cut: Some(self.ratio_cut),
            mcmc: g.mcmc,
            importance: g.importance,
        };
        super::model::echo(&g.name, &raw)
    }

    /// SHA-256 (hex) of [`ScanPlan::effective_toml`] without its comment line: the config hash.
    pub fn config_hash(&self) -> &str {
        &self.settings.config_hash
    }
}

/// The config spelling of a bound set.
pub fn bound_set_name(b: BoundSetName) -> &'static str {
    match b {
        BoundSetName::Hmz1999 => "hmz1999",
        BoundSetName::LepFinal => "lepfinal",
        BoundSetName::Lhc2025 => "lhc2025",
        BoundSetName::None => "none",
    }
}

/// The scan name: it names the output directory.
pub fn check_name(name: &str) -> Result<(), ConfigError> {
    if name.is_empty()
        || name.starts_with('.')
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(invalid(
            "name",
            format!(
                "'{name}' is not a valid scan name (letters, digits, '_', '-', '.'; it names the output directory)"
            ),
        ));
    }
    Ok(())
}

/// `bounds = ...` of a configuration (default hmz1999).
pub fn parse_bounds(name: Option<&str>) -> Result<BoundSetName, ConfigError> {
    match name {
        None | Some("hmz1999") => Ok(BoundSetName::Hmz1999),
        Some("lepfinal") => Ok(BoundSetName::LepFinal),
        Some("lhc2025") => Ok(BoundSetName::Lhc2025),
        Some("none") => Ok(BoundSetName::None),
        Some(other) => Err(invalid(
            "bounds",
            format!(
                "unknown constraint set '{other}' (expected hmz1999, lepfinal, lhc2025 or none)"
            ),
        )),
    }
}

/// A configuration's messenger list (docs/physics.md section 11) and what it is checked against:
/// the `n5` shorthand and the priors of `y` (the scale relative masses follow: HMZ's `<S>`,
/// mssm_gmsb's M) and of Lambda.
pub struct MessengerList<'a> {
    pub model: SingletPair,
    pub field: &'a str,
    pub n5_field: &'a str,
    pub n5_given: bool,
    pub n5: f64,
    pub y: Option<&'a Prior>,
    pub lambda_susy: Option<&'a Prior>,
}

impl MessengerList<'_> {
    /// Instead of `n5`: each pair's fields, exactly one pair coupled to S and N (at `X = y`,
    /// `F/X = Lambda`), no pair beyond the one-loop Landau pole at either end of the range of `y`,
    /// and not every point invalid: every pair's `x = F/X^2` is smallest at the largest `y` and the
    /// smallest Lambda of the priors, so a tachyonic pair there is tachyonic at every point.
    pub fn check(&self, messengers: &[MessengerSpec], sm: &SmInputs) -> Result<(), ConfigError> {
        if messengers.is_empty() {
            return Ok(());
        }
        let err = |e: MessengerError| invalid(self.field, e.to_string());
        if self.n5_given {
            return Err(invalid(
                self.field,
                format!(
                    "give either {} (the shorthand) or [[{}]], not both",
                    self.n5_field, self.field
                ),
            ));
        }
        check_specs(messengers, self.model).map_err(err)?;
        let range = |p: &Prior| match *p {
            Prior::Flat { min, max } | Prior::Log { min, max } => (min, max),
            Prior::Fixed { value } => (value, value),
            Prior::Gaussian { mean, min, max, .. } => (min.unwrap_or(mean), max.unwrap_or(mean)),
        };
        let Some((y_min, y_max)) = self.y.map(range) else {
            return Ok(());
        };
        for y in [y_min, y_max] {
            check_specs_perturbative(messengers, self.n5, y, sm).map_err(err)?;
        }
        let unbounded = |p: &Prior| matches!(p, Prior::Gaussian { max: None, .. });
        if let (Some(lambda), false) = (self.lambda_susy, self.y.is_some_and(unbounded)) {
            let lambda_min = range(lambda).0;
            let pairs = messengers.iter().map(|s| s.resolve(y_max, lambda_min));
            MessengerSector::new(pairs.collect()).map_err(|e| {
                invalid(
                    self.field,
                    format!("every point of the priors is invalid: {e} already at the largest y = {y_max:e} GeV and the smallest Lambda = {lambda_min:e} GeV, where every F/X^2 is smallest"),
                )
            })?;
        }
        Ok(())
    }
}

/// The sampling keys every scan configuration shares (any model): points, sampler, batch size
/// and the sampler's own table, validated together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sampling {
    pub sampler: SamplerKind,
    pub batch_size: usize,
    pub mcmc: Option<McmcSettings>,
    pub importance: Option<ScreenSettings>,
}

impl Sampling {
    pub fn validate(
        points: u64,
        sampler: Option<&str>,
        batch_size: Option<usize>,
        mcmc: Option<McmcSettings>,
        importance: Option<ScreenSettings>,
    ) -> Result<Sampling, ConfigError> {
        if points == 0 {
            return Err(invalid("points", "must be at least 1"));
        }
        let sampler = match sampler {
            None => SamplerKind::Random,
            Some(s) => SamplerKind::parse(s).ok_or_else(|| {
                invalid(
                    "sampler",
                    format!(
                        "unknown sampler '{s}' (expected random, latin, sobol, mcmc or importance)"
                    ),
                )
            })?,
        };
        let latin_fits = |kind: SamplerKind| match kind {
            SamplerKind::Latin if points > LATIN_MAX_POINTS => Err(invalid(
                "points",
                format!("a Latin hypercube supports at most {LATIN_MAX_POINTS} points"),
            )),
            _ => Ok(()),
        };
        latin_fits(sampler)?;
        let mcmc = sampler_table(sampler, SamplerKind::Mcmc, mcmc, "chains, burn_in, steps")?;
        if let Some(m) = &mcmc {
            m.check_exploration()
                .map_err(|msg| invalid("mcmc.exploration", msg))?;
            validate::mcmc_settings(m).map_err(domain_err)?;
            latin_fits(m.exploration)?;
        }
        let importance = sampler_table(
            sampler,
            SamplerKind::Importance,
            importance,
            "exploration, stage, stages",
        )?;
        if let Some(s) = &importance {
            validate::screen_settings(s).map_err(domain_err)?;
            if s.pilot_end() > points {
                return Err(invalid(
                    "importance",
                    format!(
                        "the pilot (exploration + stages x stage = {} draws) is longer than the scan ({points} points)",
                        s.pilot_end(),
                    ),
                ));
            }
        }
        let batch_size = batch_size.unwrap_or(DEFAULT_BATCH_SIZE);
        if batch_size == 0 {
            return Err(invalid("batch_size", "must be at least 1"));
        }
        Ok(Sampling {
            sampler,
            batch_size,
            mcmc,
            importance,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Raw configuration (as written by the user).

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    name: String,
    seed: u64,
    points: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sampler: Option<String>,
    /// `reject` (default) | `in_prior` (module `ratio`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lambda_over_s_cut: Option<RatioCut>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bounds: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    batch_size: Option<usize>,
    physics: PhysicsTable,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sm: Option<SmInputs>,
    /// `[solver]`: numerical settings of the EWSB solve (tolerance, starts, iterations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    solver: Option<EwsbSettings>,
    priors: RawPriors,
    /// `[importance]`: required with `sampler = "importance"`, refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    importance: Option<ScreenSettings>,
    /// `[mcmc]`: required with `sampler = "mcmc"`, refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mcmc: Option<McmcSettings>,
}

/// `[priors]`: one optional entry per parameter (unknown keys rejected), in the order the
/// effective configuration writes them. The list of (key, parameter) generates the struct and
/// its map from a [`Param`] to its entry.
macro_rules! raw_priors {
    ($($key:ident => $param:pat,)*) => {
        #[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawPriors {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                $key: Option<Prior>,
            )*
        }

        impl RawPriors {
            fn slot(&mut self, p: Param) -> &mut Option<Prior> {
                match p {
                    $($param => &mut self.$key,)*
                }
            }
        }
    };
}

raw_priors! {
    tan_beta => Param::TanBeta,
    vev_n => Param::VevN,
    vev_s => Param::VevS,
    lambda_susy => Param::LambdaSusy,
    lambda_over_s => Param::LambdaOverS,
    m_top => Param::MTop,
    m_phi_over_s => Param::MPhiOverS,
    xi_n => Param::Coupling(Coupling::XiN),
    eta_s => Param::Coupling(Coupling::EtaS),
    eta_n => Param::Coupling(Coupling::EtaN),
    lambda_s => Param::Coupling(Coupling::LambdaS),
    lambda_n => Param::Coupling(Coupling::LambdaN),
    k => Param::Coupling(Coupling::K),
}

impl RawPriors {
    fn get(mut self, p: Param) -> Option<Prior> {
        *self.slot(p)
    }

    fn from_dims(dims: &[(Param, Prior); DIMS]) -> Self {
        let mut raw = RawPriors::default();
        for (p, prior) in dims {
            *raw.slot(*p) = Some(*prior);
        }
        raw
    }
}

fn parse_coupling(name: &str) -> Option<Coupling> {
    Coupling::ALL.into_iter().find(|c| c.name() == name)
}

impl RawConfig {
    fn validate(self) -> Result<ScanPlan, ConfigError> {
        check_name(&self.name)?;
        let sampling = Sampling::validate(
            self.points,
            self.sampler.as_deref(),
            self.batch_size,
            self.mcmc,
            self.importance,
        )?;
        let bounds = parse_bounds(self.bounds.as_deref())?;

        let preset: Preset = self
            .physics
            .preset
            .parse()
            .map_err(|e: String| invalid("physics.preset", e))?;
        let unknowns = match &self.physics.unknowns {
            None => PhysicsConfig::DEFAULT_UNKNOWNS,
            Some(names) => {
                if names.len() != 3 {
                    return Err(invalid(
                        "physics.unknowns",
                        format!("needs exactly three couplings (got {})", names.len()),
                    ));
                }
                let mut out = [Coupling::K; 3];
                for (slot, name) in out.iter_mut().zip(names) {
                    *slot = parse_coupling(name).ok_or_else(|| {
                        invalid(
                            "physics.unknowns",
                            format!(
                                "unknown coupling '{name}' (expected three of xi_n, eta_s, eta_n, lambda_s, lambda_n, k)"
                            ),
                        )
                    })?;
                }
                if out[0] == out[1] || out[0] == out[2] || out[1] == out[2] {
                    return Err(invalid(
                        "physics.unknowns",
                        format!("the three couplings must be distinct (got {names:?})"),
                    ));
                }
                out
            }
        };
        let n5 = self.physics.n5.unwrap_or(1.0);
        validate::n5(n5, "physics.n5").map_err(domain_err)?;
        let sm = self.sm.unwrap_or_default();
        validate::sm_inputs(&sm, "sm.").map_err(domain_err)?;
        let messengers = self.physics.messengers.clone().unwrap_or_default();
        MessengerList {
            model: SingletPair::Hmz,
            field: "physics.messengers",
            n5_field: "physics.n5",
            n5_given: self.physics.n5.is_some(),
            n5,
            y: self.priors.vev_s.as_ref(),
            lambda_susy: self.priors.lambda_susy.as_ref(),
        }
        .check(&messengers, &sm)?;
        let physics = PhysicsConfig {
            preset,
            switches: self.physics.apply(PhysicsSwitches::preset(preset)),
            sm,
            unknowns,
            n5,
            messengers,
            k_max: self.physics.k_max.unwrap_or(crate::config::HMZ_K_MAX),
            lambda_n_max: self
                .physics
                .lambda_n_max
                .unwrap_or(crate::config::HMZ_LAMBDA_N_MAX),
            f0_over_fs: self.physics.f0_over_fs.unwrap_or(1.0),
        };
        validate::k_max(physics.k_max, "physics.k_max").map_err(domain_err)?;
        physics
            .check_combinations()
            .map_err(|(field, message)| invalid(format!("physics.{field}"), message))?;
        validate::lambda_n_max(physics.lambda_n_max, "physics.lambda_n_max").map_err(domain_err)?;
        validate::f0_over_fs(physics.f0_over_fs, "physics.f0_over_fs").map_err(domain_err)?;

        // Priors: every non-unknown needs one, no unknown may have one.
        for c in unknowns {
            if self.priors.get(Param::Coupling(c)).is_some() {
                return Err(invalid(
                    format!("priors.{}", c.name()),
                    format!(
                        "{} is in physics.unknowns (solved by the minimisation conditions), so it cannot also be sampled: remove its prior or change physics.unknowns",
                        c.name()
                    ),
                ));
            }
        }
        let sampled = Coupling::ALL
            .into_iter()
            .filter(|c| !unknowns.contains(c))
            .map(Param::Coupling);
        let ratio_sampled = self.priors.lambda_over_s.is_some();
        if ratio_sampled && self.priors.lambda_susy.is_some() {
            return Err(invalid(
                "priors.lambda_over_s",
                "give a prior on lambda_susy or on lambda_over_s (Lambda = lambda_over_s * vev_s), not both",
            ));
        }
        let base = Param::BASE.map(|p| match p {
            Param::LambdaSusy if ratio_sampled => Param::LambdaOverS,
            p => p,
        });
        let params: Vec<Param> = base.into_iter().chain(sampled).collect();
        let mut dims = [(Param::TanBeta, Prior::Fixed { value: 0.0 }); DIMS];
        for (slot, p) in dims.iter_mut().zip(params) {
            let prior = self.priors.get(p).ok_or_else(|| {
                invalid(
                    format!("priors.{}", p.name()),
                    match p {
                        Param::Coupling(_) => format!(
                            "missing prior ({} is sampled because it is not in physics.unknowns)",
                            p.name()
                        ),
                        _ => "missing prior".to_string(),
                    },
                )
            })?;
            if let (Param::TanBeta, Some(max)) = (p, prior.support().1) {
                validate::tan_beta_prior_max(max, "priors.tan_beta").map_err(domain_err)?;
            }
            prior
                .check()
                .and_then(|()| check_positive_support(p, &prior))
                .and_then(|()| check_ratio_support(p, &prior))
                .and_then(|()| check_top_meaning(p, &prior, &physics))
                .map_err(|m| invalid(format!("priors.{}", p.name()), m))?;
            *slot = (p, prior);
        }
        let ratio_cut = self.lambda_over_s_cut.unwrap_or_default();
        let below_cut = match ratio_cut {
            RatioCut::Reject => None,
            RatioCut::InPrior if ratio_sampled => {
                return Err(invalid(
                    "lambda_over_s_cut",
                    "\"in_prior\" draws (vev_s, lambda_susy) below the cut; with priors.lambda_over_s the ratio prior already keeps every draw below it: remove one of the two",
                ))
            }
            RatioCut::InPrior => Some(
                FlatBelowCut::new(&dims[2].1, &dims[3].1, MAX_LAMBDA_OVER_S)
                    .map_err(|m| invalid("lambda_over_s_cut", m))?,
            ),
        };
        let solver = self.solver.unwrap_or_default();
        validate::ewsb_settings(&solver, "solver.").map_err(domain_err)?;
        let mut plan = ScanPlan {
            settings: ScanSettings::new(
                ModelName::Hmz,
                self.name,
                self.seed,
                self.points,
                sampling,
            ),
            bounds,
            physics,
            solver,
            dims,
            ratio_cut,
            below_cut,
        };
        plan.rederive();
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Form, RgeSet};

    const TINY: &str = include_str!("../../configs/tiny.toml");

    #[test]
    fn shipped_configs_are_valid() {
        for (name, text) in [
            ("default", DEFAULT_CONFIG),
            ("hmz1999", include_str!("../../configs/hmz1999.toml")),
            ("consistent", include_str!("../../configs/consistent.toml")),
            ("tiny", include_str!("../../configs/tiny.toml")),
        ] {
            let plan = ScanPlan::from_toml_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(plan.settings.name, name);
        }
        let c = ScanPlan::from_toml_str(include_str!("../../configs/consistent.toml")).unwrap();
        assert_eq!(
            c.physics.switches,
            PhysicsSwitches::preset(Preset::Consistent)
        );
    }

    #[test]
    fn effective_config_round_trips() {
        let plan = ScanPlan::default_plan();
        let again = ScanPlan::from_toml_str(plan.effective_toml()).unwrap();
        assert_eq!(plan, again);
        assert_eq!(plan.config_hash(), again.config_hash());
        assert_eq!(plan.config_hash().len(), 64);
    }

    #[test]
    fn solver_settings_are_read_and_validated() {
        let text = TINY.replace("[priors]", "[solver]\nmax_starts = 8\n\n[priors]");
        let plan = ScanPlan::from_toml_str(&text).unwrap();
        assert_eq!(plan.solver.max_starts, 8);
        assert_eq!(plan.evaluator().ewsb.max_starts, 8);
        assert_eq!(plan.solver.tolerance, EwsbSettings::default().tolerance);
        let bad = TINY.replace("[priors]", "[solver]\ntolerance = -1.0\n\n[priors]");
        let err = ScanPlan::from_toml_str(&bad).unwrap_err().to_string();
        assert!(err.contains("solver.tolerance"), "{err}");
        let unknown = TINY.replace("[priors]", "[solver]\nstarts = 3\n\n[priors]");
        let err = ScanPlan::from_toml_str(&unknown).unwrap_err().to_string();
        assert!(err.contains("starts"), "{err}");
    }

    /// `solver.surrogate_cascade` (off by default) is echoed only when on, so the effective
    /// configurations and hashes of the scans without it stay as they were.
    #[test]
    fn the_surrogate_cascade_is_echoed_only_when_on() {
        let off = ScanPlan::from_toml_str(TINY).unwrap();
        assert!(!off.solver.surrogate_cascade);
        assert!(!off.effective_toml().contains("surrogate_cascade"));
        let text = TINY.replace("[priors]", "[solver]\nsurrogate_cascade = true\n\n[priors]");
        let on = ScanPlan::from_toml_str(&text).unwrap();
        assert!(on.evaluator().ewsb.surrogate_cascade);
        assert!(on.effective_toml().contains("surrogate_cascade = true"));
        assert_ne!(on.config_hash(), off.config_hash());
    }

    #[test]
    fn overrides_apply_on_top_of_the_preset() {
        let text = DEFAULT_CONFIG.replace(
            "preset = \"hmz1999\"",
            "preset = \"hmz1999\"\nthreshold_functions = true",
        );
        let plan = ScanPlan::from_toml_str(&text).unwrap();
        assert!(plan.physics.switches.threshold_functions);
        assert_eq!(plan.physics.switches.rge_set, RgeSet::Hmz1999);
        assert_ne!(plan.config_hash(), ScanPlan::default_plan().config_hash());
    }

    #[test]
    fn removed_switch_is_rejected_and_matching_switches_round_trip() {
        let old = DEFAULT_CONFIG.replace(
            "preset = \"hmz1999\"",
            "preset = \"hmz1999\"\na_lambda_sign = \"derived\"",
        );
        let err = ScanPlan::from_toml_str(&old).unwrap_err().to_string();
        assert!(
            err.contains("a_lambda_sign") && err.contains("use `a_k_sign`"),
            "{err}"
        );
        let text = DEFAULT_CONFIG.replace(
            "preset = \"hmz1999\"",
            // The default config's m_top prior is the paper's DR-bar range: sampled as such.
            "preset = \"consistent\"\nmatching_eta = false\na_k_sign = \"printed\"\nyukawa_inputs = \"running_q\"",
        );
        let plan = ScanPlan::from_toml_str(&text).unwrap();
        let sw = plan.physics.switches;
        assert!(!sw.matching.eta && sw.matching.lambda_s && sw.matching.huhd_linear);
        assert_eq!(sw.a_k_sign, Form::Printed);
        assert_eq!(sw.singlino_sign, Form::Derived);
        let again = ScanPlan::from_toml_str(plan.effective_toml()).unwrap();
        assert_eq!(again.physics.switches, sw);
    }

    #[test]
    fn sm_overrides_and_other_unknowns() {
        let text = TINY
            .replace(
                "[priors]",
                "[sm]\nm_tau = 1.8\n\n[priors]\nxi_n = { prior = \"flat\", min = -1.0, max = 1.0 }\neta_n = { prior = \"flat\", min = 0.0, max = 1.0 }\neta_s = { prior = \"fixed\", value = 0.01 }",
            )
            .replace("[\"xi_n\", \"eta_s\", \"eta_n\"]", "[\"lambda_s\", \"lambda_n\", \"k\"]")
            .lines()
            .filter(|l| !l.starts_with("lambda_s ") && !l.starts_with("lambda_n ") && !l.starts_with("k "))
            .collect::<Vec<_>>()
            .join("\n");
        let plan = ScanPlan::from_toml_str(&text).unwrap();
        assert_eq!(plan.physics.sm.m_tau, 1.8);
        assert_eq!(
            plan.sampled_couplings(),
            [Coupling::XiN, Coupling::EtaS, Coupling::EtaN]
        );
        let p = plan.inputs(3);
        assert_eq!(p.eta_s, 0.01);
        assert!((-1.0..=1.0).contains(&p.xi_n));
        assert_eq!(
            ScanPlan::from_toml_str(plan.effective_toml()).unwrap(),
            plan
        );
        let bad = text.replace("m_tau = 1.8", "m_tauu = 1.8");
        let err = ScanPlan::from_toml_str(&bad).unwrap_err().to_string();
        assert!(err.contains("unknown field `m_tauu`"), "{err}");
    }

    #[test]
    fn inputs_follow_the_priors() {
        let plan = ScanPlan::default_plan();
        for id in 0..200 {
            let p = plan.inputs(id);
            assert!((1.5..=50.0).contains(&p.tan_beta));
            assert!((1e-3..=1e-2).contains(&p.lambda_s));
            assert!((0.0..=0.65).contains(&p.k));
            assert!(p.xi_n.is_nan(), "unknowns are not sampled");
        }
        assert_eq!(
            plan.sampled_couplings(),
            [Coupling::LambdaS, Coupling::LambdaN, Coupling::K]
        );
    }

    #[test]
    fn the_cut_in_the_prior_wastes_no_draw_and_round_trips() {
        let text = include_str!("../../configs/hmz1999_mcmc.toml");
        let plan = ScanPlan::from_toml_str(text).unwrap();
        assert_eq!(plan.ratio_cut, RatioCut::InPrior);
        assert_eq!(plan.settings.mcmc.unwrap().chains, 16);
        assert!(plan.prior_measure().contains("below Lambda = 0.9 <S>"));
        for id in 0..3000 {
            let p = plan.inputs(id);
            assert!(p.x_mess() <= MAX_LAMBDA_OVER_S, "id {id}: {}", p.x_mess());
            assert!((3.8e4..=1.0e5).contains(&p.lambda_susy) && (3.8e4..=1.0e5).contains(&p.vev_s));
        }
        let again = ScanPlan::from_toml_str(plan.effective_toml()).unwrap();
        assert_eq!(again, plan);
        // A scan without the key gets the default spelled out (every setting is), and no [mcmc].
        let hmz = ScanPlan::from_toml_str(include_str!("../../configs/hmz1999.toml")).unwrap();
        assert!(
            hmz.effective_toml()
                .contains("lambda_over_s_cut = \"reject\"")
                && !hmz.effective_toml().contains("[mcmc]")
        );
        assert_eq!(hmz.ratio_cut, RatioCut::Reject);
    }

    #[test]
    fn a_ratio_prior_sets_lambda_and_is_checked() {
        let text = TINY.replace(
            "lambda_susy  = { prior = \"flat\", min = 4.5e4,  max = 6.5e4 }",
            "lambda_over_s = { prior = \"flat\", min = 0.5, max = 0.9 }",
        );
        let plan = ScanPlan::from_toml_str(&text).unwrap();
        assert_eq!(plan.dims[3].0, Param::LambdaOverS);
        assert!(plan.prior_measure().contains("not flat in Lambda"));
        for id in 0..500 {
            let p = plan.inputs(id);
            let r = p.x_mess();
            assert!((0.5..=0.9).contains(&r), "{r}");
        }
        assert_eq!(
            ScanPlan::from_toml_str(plan.effective_toml()).unwrap(),
            plan
        );
        let both = text.replace(
            "[priors]",
            "[priors]\nlambda_susy = { prior = \"fixed\", value = 5e4 }",
        );
        let err = ScanPlan::from_toml_str(&both).unwrap_err().to_string();
        assert!(
            err.starts_with("priors.lambda_over_s:") && err.contains("not both"),
            "{err}"
        );
        let above = text.replace("max = 0.9 }", "max = 0.95 }");
        let err = ScanPlan::from_toml_str(&above).unwrap_err().to_string();
        assert!(
            err.starts_with("priors.lambda_over_s:") && err.contains("above the cut"),
            "{err}"
        );
        let in_prior = text.replace(
            "batch_size = 8",
            "batch_size = 8\nlambda_over_s_cut = \"in_prior\"",
        );
        let err = ScanPlan::from_toml_str(&in_prior).unwrap_err().to_string();
        assert!(err.starts_with("lambda_over_s_cut:"), "{err}");
        let log = TINY
            .replace(
                "batch_size = 8",
                "batch_size = 8\nlambda_over_s_cut = \"in_prior\"",
            )
            .replace(
                "vev_s        = { prior = \"flat\"",
                "vev_s        = { prior = \"log\"",
            );
        let err = ScanPlan::from_toml_str(&log).unwrap_err().to_string();
        assert!(err.contains("flat priors"), "{err}");
    }
}
