//! Presets and erratum switches (docs/physics.md sections 4 and 5), plus the stop-running
//! hypothesis switch `stop_rges_without_ht` (section 5).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A physics preset: a set of defaults for every switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// The paper as printed, to reproduce its figures and Table I.
    Hmz1999,
    /// The errata of docs/physics.md corrected (the corrections the code implements; see its
    /// status table).
    Consistent,
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Preset::Hmz1999 => "hmz1999",
            Preset::Consistent => "consistent",
        })
    }
}

impl std::str::FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "hmz1999" => Ok(Preset::Hmz1999),
            "consistent" => Ok(Preset::Consistent),
            other => Err(format!(
                "unknown physics preset '{other}' (expected 'hmz1999' or 'consistent')"
            )),
        }
    }
}

/// Which form of a formula to use: as printed in HMZ, or as re-derived (the errata of
/// docs/physics.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Printed,
    Derived,
}

/// The RGE set used between the messenger scale and the EWSB scale (docs/physics.md section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RgeSet {
    /// Appendix A as printed: every coupling (xi, eta, lambda_S included) runs.
    Hmz1999,
    /// Derived with S a background spurion and the messengers decoupled below M.
    Consistent,
}

/// Whether the soft trilinears run or stay at their messenger-scale values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ATermRunning {
    /// Frozen at the boundary values (HMZ: "the A-terms run slowly"), so A_t(Q) = 0.
    Frozen,
    Running,
}

/// One switch per erratum of docs/physics.md sections 4-5, plus the bottom/tau Yukawa choice and
/// the stop-running hypothesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhysicsSwitches {
    /// Messenger threshold functions g(x), f(x) in gaugino and sfermion masses (off: g = f = 1).
    pub threshold_functions: bool,
    /// Sign of A_lambda at M: printed `-5 alpha_xi Lambda/4pi` or derived `+5 ...` (paper convention).
    pub a_lambda_sign: Form,
    /// Two-loop m_N^2 at M: printed (13/3 alpha_1, no alpha_k) or derived (1/3 alpha_1, -2 alpha_k).
    pub m_n2_two_loop: Form,
    /// The one-loop x_mess-suppressed m_N^2 term at M (absent in the paper).
    pub m_n2_one_loop_xmess: bool,
    /// The extra two-loop `-5 alpha_lambda alpha_xi (Lambda/4pi)^2` in m_Hu^2 and m_Hd^2 at M.
    pub higgs_extra_two_loop: bool,
    /// One-loop N tadpole: printed `xi_S xi_N F^2/(8 pi^2 y)` or derived `5 g(x) xi_S xi_N F^2/(8 pi^2 y)`.
    pub tadpole: Form,
    /// RGE set between M and Q.
    pub rge_set: RgeSet,
    /// Frozen or running A-terms.
    pub a_terms: ATermRunning,
    /// Keep h_b and h_tau in the RGEs (the paper keeps only h_t).
    pub bottom_tau_yukawas: bool,
    /// Drop the h_t terms from the running of m_Q3^2 and m_U3^2 only (not an erratum: the
    /// hypothesis that the paper's own code did so, which reproduces its Table I stops;
    /// docs/physics.md section 5). Off in both presets.
    pub stop_rges_without_ht: bool,
    /// Gauge couplings at M_Z: the paper's DR-bar inputs, or SM MS-bar inputs matched with the
    /// sparticle thresholds (docs/physics.md section 3, step 1).
    pub gauge_matching: GaugeMatching,
    /// Two-loop MSSM gauge running from M_Z to M (and inside the RGE system between Q and M).
    pub gauge_two_loop: bool,
    /// Which gluino and squark masses the experimental bounds use: the running masses at Q (the
    /// paper) or the one-loop pole masses (docs/physics.md section 7).
    pub bound_masses: BoundMassKind,
}

/// How the gauge couplings at M_Z are obtained (docs/physics.md section 3, step 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GaugeMatching {
    /// The DR-bar MSSM couplings `sm.g_prime_mz, g2_mz, g3_mz` at M_Z are given (HMZ: 0.3575,
    /// 0.652, 1.22), no thresholds.
    DrbarInputs,
    /// From the SM MS-bar inputs `alpha_em_inv_mz, sin2_theta_w_mz, alpha_s_mz` with the
    /// MS-bar -> DR-bar conversion and the leading-log sparticle and top thresholds at M_Z.
    SmMsbar,
}

/// The masses the experimental bounds are applied to (gluino and squarks; the other states have
/// running masses only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundMassKind {
    Running,
    Pole,
}

impl PhysicsSwitches {
    /// The defaults of a preset.
    pub fn preset(preset: Preset) -> Self {
        match preset {
            Preset::Hmz1999 => Self {
                threshold_functions: false,
                a_lambda_sign: Form::Printed,
                m_n2_two_loop: Form::Printed,
                m_n2_one_loop_xmess: false,
                higgs_extra_two_loop: false,
                tadpole: Form::Printed,
                rge_set: RgeSet::Hmz1999,
                a_terms: ATermRunning::Frozen,
                bottom_tau_yukawas: false,
                stop_rges_without_ht: false,
                gauge_matching: GaugeMatching::DrbarInputs,
                gauge_two_loop: false,
                bound_masses: BoundMassKind::Running,
            },
            Preset::Consistent => Self {
                threshold_functions: true,
                a_lambda_sign: Form::Derived,
                m_n2_two_loop: Form::Derived,
                m_n2_one_loop_xmess: true,
                higgs_extra_two_loop: true,
                tadpole: Form::Derived,
                rge_set: RgeSet::Consistent,
                a_terms: ATermRunning::Running,
                bottom_tau_yukawas: true,
                stop_rges_without_ht: false,
                gauge_matching: GaugeMatching::SmMsbar,
                gauge_two_loop: true,
                bound_masses: BoundMassKind::Running,
            },
        }
    }
}

/// Optional per-switch overrides as read from a TOML `[physics]` table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PhysicsOverrides {
    pub threshold_functions: Option<bool>,
    pub a_lambda_sign: Option<Form>,
    pub m_n2_two_loop: Option<Form>,
    pub m_n2_one_loop_xmess: Option<bool>,
    pub higgs_extra_two_loop: Option<bool>,
    pub tadpole: Option<Form>,
    pub rge_set: Option<RgeSet>,
    pub a_terms: Option<ATermRunning>,
    pub bottom_tau_yukawas: Option<bool>,
    pub stop_rges_without_ht: Option<bool>,
    pub gauge_matching: Option<GaugeMatching>,
    pub gauge_two_loop: Option<bool>,
    pub bound_masses: Option<BoundMassKind>,
}

impl PhysicsOverrides {
    /// Applies the overrides on top of a preset's defaults.
    pub fn apply(&self, mut s: PhysicsSwitches) -> PhysicsSwitches {
        macro_rules! take {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { s.$f = v; } )* };
        }
        take!(
            threshold_functions,
            a_lambda_sign,
            m_n2_two_loop,
            m_n2_one_loop_xmess,
            higgs_extra_two_loop,
            tadpole,
            rge_set,
            a_terms,
            bottom_tau_yukawas,
            stop_rges_without_ht,
            gauge_matching,
            gauge_two_loop,
            bound_masses
        );
        s
    }
}

/// A superpotential coupling that may be sampled or solved for (docs/physics.md section 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coupling {
    XiN,
    EtaS,
    EtaN,
    LambdaS,
    LambdaN,
    K,
}

impl Coupling {
    pub const ALL: [Coupling; 6] = [
        Coupling::XiN,
        Coupling::EtaS,
        Coupling::EtaN,
        Coupling::LambdaS,
        Coupling::LambdaN,
        Coupling::K,
    ];

    /// The name used in configs and CSV columns.
    pub fn name(self) -> &'static str {
        match self {
            Coupling::XiN => "xi_n",
            Coupling::EtaS => "eta_s",
            Coupling::EtaN => "eta_n",
            Coupling::LambdaS => "lambda_s",
            Coupling::LambdaN => "lambda_n",
            Coupling::K => "k",
        }
    }

    /// A typical magnitude, used to scale the solver's unknowns.
    pub fn typical_size(self) -> f64 {
        match self {
            Coupling::XiN => 1.0,
            Coupling::EtaS => 1e-2,
            Coupling::EtaN => 1.0,
            Coupling::LambdaS => 3e-3,
            Coupling::LambdaN => 0.3,
            Coupling::K => 0.3,
        }
    }
}

impl fmt::Display for Coupling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything that fixes the physics of an evaluation, apart from the point's inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhysicsConfig {
    pub preset: Preset,
    pub switches: PhysicsSwitches,
    pub sm: SmInputs,
    /// The three couplings fixed by the minimisation conditions (default xi_N, eta_S, eta_N).
    pub unknowns: [Coupling; 3],
    /// Number of 5 + 5bar messenger copies (HMZ: 1).
    pub n5: f64,
}

use super::SmInputs;

impl PhysicsConfig {
    pub const DEFAULT_UNKNOWNS: [Coupling; 3] = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];

    /// The preset's defaults with the HMZ choice of unknowns.
    pub fn preset(preset: Preset) -> Self {
        Self {
            preset,
            switches: PhysicsSwitches::preset(preset),
            sm: SmInputs::default(),
            unknowns: Self::DEFAULT_UNKNOWNS,
            n5: 1.0,
        }
    }
}
