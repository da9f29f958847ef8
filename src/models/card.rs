//! Point cards and the physics settings shared by the `mssm_gmsb` and `ddr` models (TOML, unknown
//! keys rejected, values validated before any work).
//!
//! ```toml
//! model = "mssm_gmsb"          # or "ddr"
//! preset = "consistent"        # RGE set and messenger threshold functions (default consistent)
//! bounds = "hmz1999"           # hmz1999 | lepfinal | lhc2025 | none
//! [inputs]                     # the model's inputs (see MssmCardInputs / DdrCardInputs)
//! [sm]                         # optional Standard-Model inputs (as for the HMZ model)
//! [search]                     # ddr only: where tan(beta) is searched
//! [[messengers]]               # mssm_gmsb only: a general sector instead of inputs.n5 (as HMZ's)
//! ```

use serde::{Deserialize, Serialize};

use crate::config::{validate, PhysicsConfig, PhysicsOverrides, Preset, SmInputs, YukawaInputs};
use crate::constraints::BoundSetName;
use crate::model::boundary::MessengerInputs;
use crate::model::messengers::{MessengerSpec, SingletPair};
use crate::scan::config::{domain_err, invalid, MessengerList};
use crate::scan::Prior;

use super::ddr::{DdrEvaluator, DdrInputs, TanBetaSearch, DDR_N5};
use super::mssm::{check_overrides, MssmEvaluator, MssmInputs, MuSign};
use super::ModelName;

/// A card or configuration error; the message names the field (the scan configuration's
/// error type: one error type for every model).
pub type ModelCardError = crate::scan::ConfigError;

/// The physics settings of the MSSM-limit models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelPhysics {
    pub preset: Preset,
    pub bounds: BoundSetName,
    pub sm: SmInputs,
    /// The `[physics]` table (checked: [`crate::models::mssm::check_overrides`]).
    pub overrides: PhysicsOverrides,
}

impl ModelPhysics {
    /// The engine's configuration with `n5` messenger copies or the messenger list (checked),
    /// before the model's defaults and the `[physics]` table ([`Self::evaluator`]): under
    /// `lhc2025` the bounds read the one-loop pole gluino and squark masses (the LHC limits are on
    /// physical masses, as `bound_masses = "pole"` in the singlet model's lhc2025 configs).
    pub fn config(&self, n5: f64, messengers: &[MessengerSpec]) -> PhysicsConfig {
        let mut physics = PhysicsConfig {
            sm: self.sm,
            n5,
            messengers: messengers.to_vec(),
            ..PhysicsConfig::preset(self.preset)
        };
        if self.bounds == BoundSetName::Lhc2025 {
            physics.switches.bound_masses = crate::config::BoundMassKind::Pole;
        }
        physics
    }

    /// The evaluator: [`Self::config`] with the model's defaults and the `[physics]` table.
    pub fn evaluator(&self, n5: f64, messengers: &[MessengerSpec]) -> MssmEvaluator {
        MssmEvaluator::with_overrides(self.config(n5, messengers), self.bounds, &self.overrides)
    }

    /// What `m_top` means in this preset.
    pub fn yukawa_inputs(&self) -> YukawaInputs {
        PhysicsConfig::preset(self.preset).switches.yukawa_inputs
    }

    pub(super) fn from_raw(
        preset: Option<&str>,
        bounds: Option<&str>,
        sm: Option<SmInputs>,
        physics: Option<PhysicsOverrides>,
    ) -> Result<Self, ModelCardError> {
        let preset = match preset {
            None => Preset::Consistent,
            Some(p) => p.parse().map_err(|e: String| invalid("preset", e))?,
        };
        let bounds = crate::scan::config::parse_bounds(bounds)?;
        let sm = sm.unwrap_or_default();
        validate::sm_inputs(&sm, "sm.").map_err(domain_err)?;
        let overrides = physics.unwrap_or_default();
        check_overrides(&overrides, preset).map_err(|(field, message)| invalid(field, message))?;
        Ok(Self {
            preset,
            bounds,
            sm,
            overrides,
        })
    }
}

/// sign(mu) as written in cards and configs: +1 or -1.
pub(super) fn parse_sign(v: f64, field: &str) -> Result<MuSign, ModelCardError> {
    MuSign::from_value(v).ok_or_else(|| invalid(field, format!("{v} must be +1 or -1")))
}

/// A positive finite value.
pub(super) fn positive(v: f64, field: &str) -> Result<f64, ModelCardError> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(invalid(field, format!("{v} must be finite and positive")))
    }
}

/// `[inputs]` of an `mssm_gmsb` card.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MssmCardInputs {
    /// Lambda = F/M [GeV].
    pub lambda_susy: f64,
    /// Messenger mass M [GeV].
    pub m_mess: f64,
    /// Number of 5 + 5bar messenger copies (default 1; not with `[[messengers]]`).
    pub n5: Option<f64>,
    /// tan(beta) at Q.
    pub tan_beta: f64,
    /// +1 or -1.
    pub sign_mu: f64,
    /// The top mass the preset's `yukawa_inputs` asks for [GeV] (default [`default_m_top`]).
    pub m_top: Option<f64>,
}

/// The default top mass of these models when a card or configuration gives none: the measured
/// top pole mass with `yukawa_inputs = "measured"` (the `consistent` preset), HMZ's DR-bar
/// m_t(Q) = 165 GeV with `"running_q"` (the `hmz1999` preset).
pub fn default_m_top(yukawa: YukawaInputs) -> f64 {
    match yukawa {
        YukawaInputs::Measured => M_TOP_POLE,
        YukawaInputs::RunningQ => 165.0,
    }
}

/// The measured top pole mass [GeV] (the mean of the shipped configurations' m_top priors).
pub const M_TOP_POLE: f64 = 172.5;

impl MssmCardInputs {
    /// Validated model inputs with the card's messenger list, if any (checked here, at the
    /// point's M and Lambda); `physics` says what `m_top` means, for its default.
    pub fn inputs(
        &self,
        physics: &ModelPhysics,
        messengers: &[MessengerSpec],
    ) -> Result<MssmInputs, ModelCardError> {
        let yukawa = physics.yukawa_inputs();
        validate::n5(self.n5.unwrap_or(1.0), "inputs.n5").map_err(domain_err)?;
        let lambda_susy = positive(self.lambda_susy, "inputs.lambda_susy")?;
        let m_mess = positive(self.m_mess, "inputs.m_mess")?;
        let fixed = |value| Prior::Fixed { value };
        let n5 = mssm_n5(
            self.n5,
            "inputs.n5",
            messengers,
            [&fixed(m_mess), &fixed(lambda_susy)],
            &physics.sm,
        )?;
        Ok(MssmInputs {
            messengers: MessengerInputs {
                lambda_susy,
                m_mess,
                n5,
            },
            tan_beta: positive(self.tan_beta, "inputs.tan_beta")?,
            sign_mu: parse_sign(self.sign_mu, "inputs.sign_mu")?,
            m_top: positive(self.m_top.unwrap_or(default_m_top(yukawa)), "inputs.m_top")?,
        })
    }
}

/// mssm_gmsb's messengers (cards and scans): `n5` (default 1) or a list, checked over the range
/// of (M, Lambda); the number of 5 + 5bar pairs at M (the list's pair coupled to S and N).
pub(super) fn mssm_n5(
    n5: Option<f64>,
    n5_field: &str,
    messengers: &[MessengerSpec],
    [m_mess, lambda_susy]: [&Prior; 2],
    sm: &SmInputs,
) -> Result<f64, ModelCardError> {
    let shorthand = n5.unwrap_or(1.0);
    validate::n5(shorthand, n5_field).map_err(domain_err)?;
    MessengerList {
        model: SingletPair::MssmGmsb,
        field: "messengers",
        n5_field,
        n5_given: n5.is_some(),
        n5: shorthand,
        y: Some(m_mess),
        lambda_susy: Some(lambda_susy),
    }
    .check(messengers, sm)?;
    let pair_at_m = messengers.iter().find(|m| m.singlets);
    Ok(pair_at_m.map_or(shorthand, |m| m.multiplicity as f64))
}

/// `[inputs]` of a `ddr` card.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DdrCardInputs {
    pub rho: f64,
    pub lambda: f64,
    pub lambda_2: f64,
    /// Lambda_s, the strong scale [GeV].
    pub lambda_strong: f64,
    /// <X> [GeV].
    pub vev_x: f64,
    /// +1 or -1: sign of mu relative to the gaugino masses.
    pub sign_mu: f64,
    /// As for `mssm_gmsb` (default [`default_m_top`]).
    pub m_top: Option<f64>,
}

impl DdrCardInputs {
    pub fn inputs(&self, physics: &ModelPhysics) -> Result<DdrInputs, ModelCardError> {
        let yukawa = physics.yukawa_inputs();
        Ok(DdrInputs {
            rho: positive(self.rho, "inputs.rho")?,
            lambda: positive(self.lambda, "inputs.lambda")?,
            lambda_2: positive(self.lambda_2, "inputs.lambda_2")?,
            lambda_strong: positive(self.lambda_strong, "inputs.lambda_strong")?,
            vev_x: positive(self.vev_x, "inputs.vev_x")?,
            m_top: positive(self.m_top.unwrap_or(default_m_top(yukawa)), "inputs.m_top")?,
            sign_mu: parse_sign(self.sign_mu, "inputs.sign_mu")?,
        })
    }
}

/// `[search]`: the tan(beta) interval and grid of the DDR solve.
pub(super) fn validate_search(s: &TanBetaSearch, prefix: &str) -> Result<(), ModelCardError> {
    let f = |name: &str| format!("{prefix}{name}");
    if !(s.tan_beta_min > 1.0 && s.tan_beta_min.is_finite()) {
        return Err(invalid(
            &f("tan_beta_min"),
            format!("{} must be > 1", s.tan_beta_min),
        ));
    }
    if !(s.tan_beta_max > s.tan_beta_min && s.tan_beta_max <= 100.0) {
        return Err(invalid(
            &f("tan_beta_max"),
            format!("{} must be in (tan_beta_min, 100]", s.tan_beta_max),
        ));
    }
    if !(4..=1000).contains(&s.intervals) {
        return Err(invalid(
            &f("intervals"),
            format!("{} must be in [4, 1000]", s.intervals),
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMssmCard {
    model: ModelName,
    preset: Option<String>,
    bounds: Option<String>,
    sm: Option<SmInputs>,
    /// Switches: `rge_two_loop` (and the model values of `singlet_decoupling`,
    /// `fs_terms_running`), see [`crate::models::mssm::check_overrides`].
    physics: Option<PhysicsOverrides>,
    inputs: MssmCardInputs,
    /// A general messenger sector instead of `inputs.n5` (as HMZ's `[[messengers]]`).
    #[serde(default)]
    messengers: Vec<MessengerSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDdrCard {
    model: ModelName,
    preset: Option<String>,
    bounds: Option<String>,
    sm: Option<SmInputs>,
    /// Switches: `rge_two_loop` (and the model values of `singlet_decoupling`,
    /// `fs_terms_running`), see [`crate::models::mssm::check_overrides`].
    physics: Option<PhysicsOverrides>,
    inputs: DdrCardInputs,
    search: Option<TanBetaSearch>,
}

/// A validated point card of one of the MSSM-limit models.
#[derive(Clone, Debug)]
pub enum ModelCard {
    Mssm {
        evaluator: MssmEvaluator,
        inputs: MssmInputs,
    },
    Ddr {
        evaluator: DdrEvaluator,
        inputs: DdrInputs,
    },
}

impl ModelCard {
    pub fn from_toml_str(text: &str) -> Result<ModelCard, ModelCardError> {
        let model = ModelName::of_toml(text).map_err(ModelCardError::Parse)?;
        let parse = |e: toml::de::Error| ModelCardError::Parse(e.to_string());
        match model {
            ModelName::MssmGmsb => {
                let raw: RawMssmCard = toml::from_str(text).map_err(parse)?;
                debug_assert_eq!(raw.model, ModelName::MssmGmsb);
                let physics = ModelPhysics::from_raw(
                    raw.preset.as_deref(),
                    raw.bounds.as_deref(),
                    raw.sm,
                    raw.physics,
                )?;
                let inputs = raw.inputs.inputs(&physics, &raw.messengers)?;
                Ok(ModelCard::Mssm {
                    evaluator: physics.evaluator(inputs.messengers.n5, &raw.messengers),
                    inputs,
                })
            }
            ModelName::Ddr => {
                let raw: RawDdrCard = toml::from_str(text).map_err(parse)?;
                debug_assert_eq!(raw.model, ModelName::Ddr);
                let physics = ModelPhysics::from_raw(
                    raw.preset.as_deref(),
                    raw.bounds.as_deref(),
                    raw.sm,
                    raw.physics,
                )?;
                let search = raw.search.unwrap_or_default();
                validate_search(&search, "search.")?;
                Ok(ModelCard::Ddr {
                    evaluator: DdrEvaluator {
                        mssm: physics.evaluator(DDR_N5, &[]),
                        search,
                    },
                    inputs: raw.inputs.inputs(&physics)?,
                })
            }
            ModelName::Hmz => Err(ModelCardError::Parse(
                "this card is for the HMZ model (no `model` key): use the HMZ card format".into(),
            )),
        }
    }
}
