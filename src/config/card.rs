//! A point card: the TOML input of `gmsbscan point` (one parameter point, the physics choices, and
//! optional reference values to compare with, such as the paper's Table I).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Coupling, PhysicsConfig, PhysicsOverrides, Preset, SmInputs, YukawaInputs};
use crate::constraints::BoundSetName;
use crate::model::messengers::{
    check_specs, resolve_sector, MessengerError, MessengerSpec, SingletPair,
};
use crate::model::params::PointInputs;

/// The `[inputs]` table: every field optional so that flags can complete or override a card.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardInputs {
    pub tan_beta: Option<f64>,
    pub vev_n: Option<f64>,
    pub vev_s: Option<f64>,
    pub lambda_susy: Option<f64>,
    /// The top mass the preset's `yukawa_inputs` asks for: DR-bar m_t(Q) (`running_q`) or the
    /// pole mass (`measured`), unless `m_top_pole` is given.
    pub m_top: Option<f64>,
    /// The top pole mass for presets with `yukawa_inputs = "measured"` (a card evaluated in both
    /// presets gives both masses).
    pub m_top_pole: Option<f64>,
    pub lambda_s: Option<f64>,
    pub lambda_n: Option<f64>,
    pub k: Option<f64>,
    pub xi_n: Option<f64>,
    pub eta_s: Option<f64>,
    pub eta_n: Option<f64>,
    pub m_phi_over_s: Option<f64>,
}

/// A point card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointCard {
    /// Presets to evaluate the point with, in order (default: hmz1999).
    #[serde(default)]
    pub presets: Vec<Preset>,
    /// Experimental bound set (default hmz1999).
    pub bounds: Option<BoundSetName>,
    /// The three solved couplings (default xi_n, eta_s, eta_n).
    pub unknowns: Option<[Coupling; 3]>,
    /// Number of 5 + 5bar messenger copies (default 1).
    pub n5: Option<f64>,
    /// Upper limit on k(Q) of the coupling ranges (default HMZ's 0.65).
    pub k_max: Option<f64>,
    /// Upper limit on lambda_N(Q) of the coupling ranges (default HMZ's 1).
    pub lambda_n_max: Option<f64>,
    /// F_0/F_S >= 1: total supersymmetry breaking over the spurion's (default 1).
    pub f0_over_fs: Option<f64>,
    /// A general messenger sector, `[[messengers]]` (docs/physics.md section 11); instead of `n5`.
    #[serde(default)]
    pub messengers: Vec<MessengerSpec>,
    #[serde(default)]
    pub inputs: CardInputs,
    /// Per-switch overrides on top of each preset.
    #[serde(default)]
    pub physics: PhysicsOverrides,
    #[serde(default)]
    pub sm: Option<SmInputs>,
    /// Reference values by row key (see `output::table`), e.g. the paper's Table I.
    #[serde(default)]
    pub reference: BTreeMap<String, f64>,
}

/// What is wrong with a card.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error("invalid point card")]
    Parse(#[from] toml::de::Error),
    #[error("input '{0}' is missing (give it in [inputs] or as a flag)")]
    Missing(&'static str),
    #[error("unknowns [{}, {}, {}] must be three distinct couplings", .0[0], .0[1], .0[2])]
    Unknowns([Coupling; 3]),
    #[error("invalid point card")]
    Domain(#[from] super::validate::DomainError),
    #[error("invalid point card")]
    Messengers(#[from] MessengerError),
    #[error("physics.{0}: {1}")]
    Combination(&'static str, &'static str),
    #[error("presets = [] names no preset: give one or more of hmz1999, consistent (or leave the key out for hmz1999)")]
    NoPresets,
}

impl PointCard {
    pub fn from_toml_str(text: &str) -> Result<Self, CardError> {
        let card: PointCard = toml::from_str(text)?;
        // An absent key means hmz1999; an empty list is a mistake, not a default.
        let doc: toml::Table = toml::from_str(text)?;
        if card.presets.is_empty() && doc.contains_key("presets") {
            return Err(CardError::NoPresets);
        }
        Ok(card)
    }

    /// The physics configuration for one preset.
    pub fn physics(&self, preset: Preset) -> Result<PhysicsConfig, CardError> {
        let mut cfg = PhysicsConfig::preset(preset);
        cfg.switches = self.physics.apply(cfg.switches);
        if let Some(sm) = self.sm {
            super::validate::sm_inputs(&sm, "sm.")?;
            cfg.sm = sm;
        }
        if let Some(u) = self.unknowns {
            if u[0] == u[1] || u[1] == u[2] || u[0] == u[2] {
                return Err(CardError::Unknowns(u));
            }
            cfg.unknowns = u;
        }
        cfg.check_combinations()
            .map_err(|(field, message)| CardError::Combination(field, message))?;
        if let Some(n5) = self.n5 {
            super::validate::n5(n5, "n5")?;
            cfg.n5 = n5;
        }
        if let Some(k_max) = self.k_max {
            super::validate::k_max(k_max, "k_max")?;
            cfg.k_max = k_max;
        }
        if let Some(l) = self.lambda_n_max {
            super::validate::lambda_n_max(l, "lambda_n_max")?;
            cfg.lambda_n_max = l;
        }
        if let Some(r) = self.f0_over_fs {
            super::validate::f0_over_fs(r, "f0_over_fs")?;
            cfg.f0_over_fs = r;
        }
        if !self.messengers.is_empty() {
            if self.n5.is_some() {
                return Err(MessengerError::Sector(
                    "give either n5 (the shorthand) or [[messengers]], not both".into(),
                )
                .into());
            }
            check_specs(&self.messengers, SingletPair::Hmz)?;
            cfg.messengers = self.messengers.clone();
            if let (Some(y), Some(lambda)) = (self.inputs.vev_s, self.inputs.lambda_susy) {
                resolve_sector(&cfg.messengers, cfg.n5, y, lambda)?.check_perturbative(&cfg.sm)?;
            }
        }
        Ok(cfg)
    }

    /// The point's inputs. The unknowns' values are starting values only: missing ones are NaN
    /// (the solver then uses its own starting grid).
    pub fn point_inputs(
        &self,
        unknowns: &[Coupling; 3],
        yukawa: YukawaInputs,
    ) -> Result<PointInputs, CardError> {
        let i = &self.inputs;
        let need = |v: Option<f64>, name| v.ok_or(CardError::Missing(name));
        let coupling = |v: Option<f64>, c: Coupling| match v {
            Some(x) => Ok(x),
            None if unknowns.contains(&c) => Ok(f64::NAN),
            None => Err(CardError::Missing(c.name())),
        };
        Ok(PointInputs {
            tan_beta: need(i.tan_beta, "tan_beta")?,
            vev_n: need(i.vev_n, "vev_n")?,
            vev_s: need(i.vev_s, "vev_s")?,
            lambda_susy: need(i.lambda_susy, "lambda_susy")?,
            m_top: match yukawa {
                YukawaInputs::RunningQ => need(i.m_top, "m_top")?,
                YukawaInputs::Measured => need(i.m_top_pole.or(i.m_top), "m_top_pole")?,
            },
            lambda_s: coupling(i.lambda_s, Coupling::LambdaS)?,
            lambda_n: coupling(i.lambda_n, Coupling::LambdaN)?,
            k: coupling(i.k, Coupling::K)?,
            xi_n: coupling(i.xi_n, Coupling::XiN)?,
            eta_s: coupling(i.eta_s, Coupling::EtaS)?,
            eta_n: coupling(i.eta_n, Coupling::EtaN)?,
            m_phi_over_s: i.m_phi_over_s.unwrap_or(0.1),
        })
    }
}
