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

/// How the soft terms induced by F_S (`lambda_S F_S H_u H_d`, `eta_N F_S N^2/2`, `eta_S y F_S N`)
/// and the messenger tadpole run between M and Q (docs/physics.md sections 4c and 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FsTermsRunning {
    /// As their couplings (the supersymmetric anomalous dimensions; the tadpole not at all):
    /// the printed model.
    Couplings,
    /// Plus the gaugino- and trilinear-driven parts of their one-loop RGEs.
    GauginoATerms,
    /// The whole one-loop RGEs: also the singlet loops that mix b_s, b_n and t_s and feed the
    /// soft masses into t_s.
    Full,
}

/// Where the singlet N's loops leave the running between M and Q (docs/physics.md section 5b).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SingletDecoupling {
    /// The singlet loops run from M all the way down to Q (the paper; the program before issue 17).
    Running,
    /// The singlet multiplet leaves the running at its supersymmetric mass `|eta_N y + 2 k x|`
    /// (clamped to [Q, M]): above it the full equations, below it the MSSM equations with N a
    /// background (the N-sector terms of V frozen, lambda_N and lambda_S running with the Higgs
    /// anomalous dimensions only).
    AtMass,
    /// `AtMass` plus the heavy multiplet's one-loop threshold at the decoupling scale
    /// (model::singlet_threshold: the Coleman-Weinberg potential of the heavy eigenvalues of the
    /// full field-dependent mass matrices, added to m_Hu^2, m_Hd^2, b_s and t_s at Q).
    AtMassThreshold,
}

/// The message for switch combinations that cannot be evaluated (field, what is wrong).
pub const SINGLET_THRESHOLD_NEEDS_FS_TERMS: (&str, &str) = (
    "singlet_decoupling",
    "\"at_mass_threshold\" needs running F_S terms (fs_terms_running = \"gaugino_a_terms\" or \"full\"): the threshold's H_u H_d and N terms are added to b_s and t_s",
);

impl PhysicsSwitches {
    /// Switch combinations that cannot be evaluated: (field, message).
    pub fn check_combinations(&self) -> Result<(), (&'static str, &'static str)> {
        // The decoupling acts only with the consistent RGE set (model::rge::evolve); with the
        // hmz1999 set the switch is ignored, as `at_mass` is.
        if self.singlet_decoupling == SingletDecoupling::AtMassThreshold
            && self.fs_terms_running == FsTermsRunning::Couplings
            && self.rge_set == RgeSet::Consistent
        {
            return Err(SINGLET_THRESHOLD_NEEDS_FS_TERMS);
        }
        // The NMSSM point (the only caller: the MSSM-limit models check their own table,
        // models::mssm::check_overrides).
        if self.yukawa_matching == YukawaMatching::MssmAtMt {
            return Err(YUKAWA_MATCHING_MSSM_ONLY);
        }
        Ok(())
    }
}

impl SingletDecoupling {
    /// Whether the singlet loops leave the running at the singlet's mass.
    pub fn at_mass(self) -> bool {
        self != SingletDecoupling::Running
    }
}

/// One switch per erratum of docs/physics.md sections 4-5, plus the bottom/tau Yukawa choice and
/// the stop-running hypothesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhysicsSwitches {
    /// Messenger threshold functions g(x), f(x) in gaugino and sfermion masses (off: g = f = 1).
    pub threshold_functions: bool,
    /// Sign of A_k at M (paper convention): printed `-15 alpha_xi Lambda/4pi` or derived
    /// `+15 alpha_xi Lambda/4pi` (docs/physics.md sections 1 and 4; replaces `a_lambda_sign`).
    pub a_k_sign: Form,
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
    /// How the F_S-induced soft terms and the messenger tadpole run (docs/physics.md 4c, 5).
    pub fs_terms_running: FsTermsRunning,
    /// Singlino mass entry of the neutralino matrix: printed = `-(2 k x + eta_N y)` (d^2W/dN^2 of
    /// W_HMZ, the program's reading before 2026-11-29; the paper prints no neutralino matrix),
    /// derived = `+(2 k x + eta_N y)` (W' = -W_HMZ, docs/physics.md sections 1 and 7).
    pub singlino_sign: Form,
    /// Exact one-loop messenger matching of the N sector (docs/physics.md section 4b).
    pub matching: MessengerMatching,
    /// Gauge couplings at M_Z: the paper's DR-bar inputs, or SM MS-bar inputs matched with the
    /// sparticle thresholds (docs/physics.md section 3, step 1).
    pub gauge_matching: GaugeMatching,
    /// Two-loop MSSM gauge running from M_Z to M (and inside the RGE system between Q and M).
    pub gauge_two_loop: bool,
    /// The two-loop MSSM RGEs of the Yukawas, mu, gaugino masses, a_t, a_b, a_tau and the MSSM soft
    /// masses between M and Q (two-loop terms of the MSSM fields only; docs/physics.md section 5c).
    /// Off in both presets; on in the MSSM-limit models (`mssm_gmsb`, `ddr`).
    pub rge_two_loop: bool,
    /// Which gluino and squark masses the experimental bounds use: the running masses at Q (the
    /// paper) or the one-loop pole masses (docs/physics.md section 7).
    pub bound_masses: BoundMassKind,
    /// What the sampled `m_top` is and where the third-generation Yukawas come from: the DR-bar
    /// running m_t(Q) with `h_b = m_b/v_d`, `h_tau = m_tau/v_d` (the paper), or the top pole mass
    /// with h_t, h_b, h_tau matched at Q from the measured masses with the SUSY thresholds
    /// (Delta_b, Delta_tau; docs/physics.md section 3, step 2).
    pub yukawa_inputs: YukawaInputs,
    /// How the measured masses become the MSSM DR-bar Yukawas at Q with `yukawa_inputs =
    /// "measured"`: SM running to Q and one-loop matching there (`"sm_eft_at_q"`, the default of
    /// both presets), or the reference codes' fixed-order matching at M_t with MSSM running to Q
    /// (`"mssm_at_mt"`, model::yukawa_fixed_order; read by the `mssm_gmsb` and `ddr` models only).
    pub yukawa_matching: YukawaMatching,
    /// The sbottom/bottom and stau/tau one-loop Coleman-Weinberg terms in the effective potential
    /// (with h_b, h_tau at Q; docs/physics.md section 6), besides the top/stop term.
    pub sbottom_stau_cw: bool,
    /// The SM-like Higgs mass of the `m_h` column: the paper's one-loop (top/stop
    /// Coleman-Weinberg) mass or the effective-field-theory mass with its uncertainty
    /// (model::higgs_mass; docs/physics.md, "Higgs mass").
    pub higgs_mass: HiggsMassMethod,
    /// Where the singlet loops stop in the running between M and Q (docs/physics.md section 5b).
    pub singlet_decoupling: SingletDecoupling,
}

/// How the SM-like Higgs mass is computed (switch `higgs_mass`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HiggsMassMethod {
    /// The lightest doublet-like CP-even state of the one-loop (top/stop) potential at Q.
    OneLoop,
    /// The EFT calculation of model::higgs_mass (tree level of the full model, thresholds at Q,
    /// SM running to M_t), with `m_h_uncertainty`.
    Eft,
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

/// The meaning of the sampled `m_top` and the source of h_t, h_b, h_tau at Q (docs/physics.md
/// section 3, step 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YukawaInputs {
    /// `m_top` is the DR-bar m_t(Q): `h_t = m_t/v_u`, `h_b = m_b/v_d`, `h_tau = m_tau/v_d` (HMZ).
    RunningQ,
    /// `m_top` is the top pole mass; the Yukawas are the SM MS-bar ones run to Q and matched to
    /// the MSSM with the gluino-stop, Delta_b and Delta_tau thresholds (model::yukawa).
    Measured,
}

/// How the measured masses are matched onto h_t, h_b, h_tau at Q (switch `yukawa_matching`;
/// docs/physics.md section 3, step 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YukawaMatching {
    /// SM MS-bar couplings run to Q, one-loop matching onto the MSSM at Q (model::yukawa; SPheno's
    /// default `sm_decoupling`): the sparticle logarithms resummed in the SM.
    SmEftAtQ,
    /// MSSM DR-bar m_t, m_b, m_tau at M_t with the parameters run down there, v(M_t) from Pi_ZZ,
    /// MSSM running to Q (model::yukawa_fixed_order; SOFTSUSY's procedure, SPheno's
    /// `fixed_order`). Only the MSSM-limit models (`mssm_gmsb`, `ddr`) read it.
    MssmAtMt,
}

/// What `yukawa_matching = "mssm_at_mt"` is refused with outside the MSSM-limit models.
pub const YUKAWA_MATCHING_MSSM_ONLY: (&str, &str) = (
    "yukawa_matching",
    "\"mssm_at_mt\" is read by the mssm_gmsb and ddr models only (the NMSSM point matches at Q, \
     where the singlet states are integrated out); use \"sm_eft_at_q\"",
);

/// The masses the experimental bounds are applied to (gluino and squarks; the other states have
/// running masses only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundMassKind {
    Running,
    Pole,
}

/// Switches of the exact one-loop messenger matching of the N sector (docs/physics.md
/// section 4b), one per piece; all off in `hmz1999`, all on in `consistent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessengerMatching {
    /// A_lambda and A_k at M times `h(x) = artanh(x)/x` (off: the leading order in x).
    pub a_terms_h: bool,
    /// The F-even holomorphic N^3 term `E N^3 + h.c.`, `E = (5 xi_N^3/16pi^2) M x^2/(3(1-x^2))`.
    pub n_cubed_even: bool,
    /// The lambda_S contributions to the N H_u H_d (and N^3) coefficients.
    pub lambda_s: bool,
    /// The eta_S, eta_N contributions (messenger F-term `xi_S F_S + xi_N F_N` with F_N from W) to
    /// the N H_u H_d, N^3 and tadpole coefficients.
    pub eta: bool,
    /// The non-holomorphic trilinears `N^* H_u H_d` and `N^2 N^*` of the same one-loop potential.
    pub non_holomorphic: bool,
    /// The `H_u H_d`-linear (B_mu-like) term of the same one-loop potential.
    pub huhd_linear: bool,
}

impl MessengerMatching {
    /// Every piece on (`consistent`) or off (`hmz1999`).
    pub const fn all(on: bool) -> Self {
        Self {
            a_terms_h: on,
            n_cubed_even: on,
            lambda_s: on,
            eta: on,
            non_holomorphic: on,
            huhd_linear: on,
        }
    }
}

impl PhysicsSwitches {
    /// The defaults of a preset.
    pub fn preset(preset: Preset) -> Self {
        match preset {
            Preset::Hmz1999 => Self {
                threshold_functions: false,
                a_k_sign: Form::Printed,
                m_n2_two_loop: Form::Printed,
                m_n2_one_loop_xmess: false,
                higgs_extra_two_loop: false,
                tadpole: Form::Printed,
                rge_set: RgeSet::Hmz1999,
                a_terms: ATermRunning::Frozen,
                bottom_tau_yukawas: false,
                stop_rges_without_ht: false,
                fs_terms_running: FsTermsRunning::Couplings,
                singlino_sign: Form::Printed,
                matching: MessengerMatching::all(false),
                gauge_matching: GaugeMatching::DrbarInputs,
                gauge_two_loop: false,
                rge_two_loop: false,
                bound_masses: BoundMassKind::Running,
                yukawa_inputs: YukawaInputs::RunningQ,
                yukawa_matching: YukawaMatching::SmEftAtQ,
                sbottom_stau_cw: false,
                higgs_mass: HiggsMassMethod::OneLoop,
                singlet_decoupling: SingletDecoupling::Running,
            },
            Preset::Consistent => Self {
                threshold_functions: true,
                a_k_sign: Form::Derived,
                m_n2_two_loop: Form::Derived,
                m_n2_one_loop_xmess: true,
                higgs_extra_two_loop: true,
                tadpole: Form::Derived,
                rge_set: RgeSet::Consistent,
                a_terms: ATermRunning::Running,
                bottom_tau_yukawas: true,
                stop_rges_without_ht: false,
                fs_terms_running: FsTermsRunning::Full,
                singlino_sign: Form::Derived,
                matching: MessengerMatching::all(true),
                gauge_matching: GaugeMatching::SmMsbar,
                gauge_two_loop: true,
                rge_two_loop: false,
                bound_masses: BoundMassKind::Running,
                yukawa_inputs: YukawaInputs::Measured,
                yukawa_matching: YukawaMatching::SmEftAtQ,
                sbottom_stau_cw: true,
                higgs_mass: HiggsMassMethod::Eft,
                // The singlet states (eta_N y, m_S3, m_P2, the singlino) lie near or above M at
                // HMZ-like points: their loops leave the running at their mass, with the heavy
                // multiplet's one-loop threshold (docs/physics.md section 5b; issue 17).
                singlet_decoupling: SingletDecoupling::AtMassThreshold,
            },
        }
    }
}

/// The keys of a `[physics]` table, listed once, in the order the effective configuration
/// writes them: each switch with the [`PhysicsSwitches`] field it sets (`=> path`), and the keys
/// of a scan configuration that are not switches (no path). The list generates
/// [`PhysicsOverrides`] (the switches: a point card's `[physics]`), [`PhysicsTable`] (a scan
/// configuration's whole `[physics]`) and their conversions. serde's `flatten` cannot be
/// combined with `deny_unknown_fields`, hence a macro.
macro_rules! physics_keys {
    ($( $(#[$doc:meta])* $key:ident : $ty:ty $(=> $($path:ident).+)? ,)*) => {
        /// Optional per-switch overrides as read from a point card's `[physics]` table.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct PhysicsOverrides {
            /// Removed (2026-11-29): rejected with a message naming `a_k_sign`.
            #[serde(default, skip_serializing, deserialize_with = "reject_a_lambda_sign")]
            pub a_lambda_sign: Option<()>,
            $($(
                #[doc = concat!("Sets `PhysicsSwitches::", stringify!($($path).+), "`.")]
                pub $key: Option<$ty>,
            )?)*
        }

        impl PhysicsOverrides {
            /// Applies the overrides on top of a preset's defaults.
            pub fn apply(&self, mut s: PhysicsSwitches) -> PhysicsSwitches {
                $($( if let Some(v) = self.$key { s.$($path).+ = v; } )?)*
                s
            }
        }

        /// A scan configuration's `[physics]` table: the preset, the keys that are not switches
        /// and every switch of [`PhysicsOverrides`].
        #[derive(Debug, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct PhysicsTable {
            pub preset: String,
            /// Removed: rejected with a message naming `a_k_sign` (never read: its deserializer
            /// fails).
            #[serde(default, skip_serializing, deserialize_with = "reject_a_lambda_sign")]
            pub a_lambda_sign: Option<()>,
            $(
                $(#[$doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $key: Option<$ty>,
            )*
        }

        impl PhysicsTable {
            /// Applies the table's switches on top of a preset's defaults.
            pub fn apply(&self, mut s: PhysicsSwitches) -> PhysicsSwitches {
                $($( if let Some(v) = self.$key { s.$($path).+ = v; } )?)*
                s
            }

            /// Sets every switch to its value in `s` (the effective configuration spells out
            /// every switch).
            pub fn set_switches(&mut self, s: &PhysicsSwitches) {
                $($( self.$key = Some(s.$($path).+); )?)*
            }
        }
    };
}

physics_keys! {
    unknowns: Vec<String>,
    n5: f64,
    threshold_functions: bool => threshold_functions,
    a_k_sign: Form => a_k_sign,
    m_n2_two_loop: Form => m_n2_two_loop,
    m_n2_one_loop_xmess: bool => m_n2_one_loop_xmess,
    higgs_extra_two_loop: bool => higgs_extra_two_loop,
    tadpole: Form => tadpole,
    rge_set: RgeSet => rge_set,
    a_terms: ATermRunning => a_terms,
    bottom_tau_yukawas: bool => bottom_tau_yukawas,
    stop_rges_without_ht: bool => stop_rges_without_ht,
    /// `[[physics.messengers]]`: a general messenger sector instead of `n5`.
    messengers: Vec<MessengerSpec>,
    fs_terms_running: FsTermsRunning => fs_terms_running,
    singlino_sign: Form => singlino_sign,
    matching_a_terms_h: bool => matching.a_terms_h,
    matching_n_cubed_even: bool => matching.n_cubed_even,
    matching_lambda_s: bool => matching.lambda_s,
    matching_eta: bool => matching.eta,
    matching_non_holomorphic: bool => matching.non_holomorphic,
    matching_huhd_linear: bool => matching.huhd_linear,
    gauge_matching: GaugeMatching => gauge_matching,
    gauge_two_loop: bool => gauge_two_loop,
    rge_two_loop: bool => rge_two_loop,
    bound_masses: BoundMassKind => bound_masses,
    /// Upper limit on k(Q) (default HMZ's 0.65); the effective configuration writes it like
    /// every switch.
    k_max: f64,
    /// Upper limit on lambda_N(Q) (default HMZ's 1); written like `k_max`.
    lambda_n_max: f64,
    /// F_0/F_S >= 1 (default 1); written like `k_max`.
    f0_over_fs: f64,
    yukawa_inputs: YukawaInputs => yukawa_inputs,
    yukawa_matching: YukawaMatching => yukawa_matching,
    sbottom_stau_cw: bool => sbottom_stau_cw,
    higgs_mass: HiggsMassMethod => higgs_mass,
    singlet_decoupling: SingletDecoupling => singlet_decoupling,
}

/// What replaced the switch `a_lambda_sign` (docs/physics.md section 1, corrected 2026-11-29).
pub const A_LAMBDA_SIGN_REMOVED: &str = "the switch `a_lambda_sign` was removed: the sign erratum \
     belongs to A_k, not A_lambda (docs/physics.md section 1); use `a_k_sign` (\"printed\": \
     A_k = -15 alpha_xi Lambda/4pi, \"derived\": +15 alpha_xi Lambda/4pi, paper convention)";

/// Deserializer of a removed switch: always an error naming its replacement.
pub fn reject_a_lambda_sign<'de, D: serde::Deserializer<'de>>(
    _: D,
) -> Result<Option<()>, D::Error> {
    Err(serde::de::Error::custom(A_LAMBDA_SIGN_REMOVED))
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
    /// Number of 5 + 5bar messenger copies (HMZ: 1): the shorthand for one messenger threshold,
    /// used when `messengers` is empty.
    pub n5: f64,
    /// A general messenger sector (docs/physics.md section 11), checked by
    /// `model::messengers::check_specs`; empty = the `n5` shorthand.
    pub messengers: Vec<MessengerSpec>,
    /// Upper limit on k(Q) of the coupling ranges (docs/physics.md section 9; HMZ eq. `range`:
    /// 0.65, perturbativity to the GUT scale without messengers).
    #[serde(default = "default_k_max")]
    pub k_max: f64,
    /// Upper limit on lambda_N(Q) of the coupling ranges (HMZ eq. `range`: 1; the RG flow's own
    /// perturbativity check stops at sqrt(4 pi)).
    #[serde(default = "default_lambda_n_max")]
    pub lambda_n_max: f64,
    /// Total supersymmetry breaking over the spurion's, `F_0/F_S >= 1` (a hidden sector may break
    /// supersymmetry further): sets the gravitino mass and the NLSP decay length
    /// (docs/physics.md section 8b).
    #[serde(default = "default_f0_over_fs")]
    pub f0_over_fs: f64,
}

/// HMZ's upper limit on k (eq. `range`), the default of `k_max`.
pub const HMZ_K_MAX: f64 = 0.65;

fn default_k_max() -> f64 {
    HMZ_K_MAX
}

/// HMZ's upper limit on lambda_N (eq. `range`), the default of `lambda_n_max`.
pub const HMZ_LAMBDA_N_MAX: f64 = 1.0;

fn default_lambda_n_max() -> f64 {
    HMZ_LAMBDA_N_MAX
}

fn default_f0_over_fs() -> f64 {
    1.0
}

use super::SmInputs;
use crate::model::messengers::MessengerSpec;

impl PhysicsConfig {
    /// Switch and unknown combinations that cannot be evaluated: (field, message).
    pub fn check_combinations(&self) -> Result<(), (&'static str, &'static str)> {
        self.switches.check_combinations()
    }

    /// Whether mu = lambda_N x + lambda_S y is solved for (lambda_S or lambda_N among the
    /// unknowns), so that it is not known before the solve.
    pub fn mu_is_solved(&self) -> bool {
        self.unknowns
            .iter()
            .any(|c| matches!(c, Coupling::LambdaS | Coupling::LambdaN))
    }

    /// Whether a point's setup depends on the solved mu or lambda_N: the SUSY thresholds of the
    /// measured Yukawas (model::yukawa), the higgsino and heavy-Higgs thresholds of the SM -> MSSM
    /// gauge matching (model::gauge, `gauge_matching = "sm_msbar"`), and with lambda_N solved for
    /// the lambda_N terms of the two-loop gauge running (`gauge_two_loop`). Such a point is solved
    /// with these at the solution's own values (point::mu_iteration).
    pub fn setup_needs_mu(&self) -> bool {
        self.switches.yukawa_inputs == YukawaInputs::Measured
            || self.switches.gauge_matching == GaugeMatching::SmMsbar
            || (self.switches.gauge_two_loop && self.unknowns.contains(&Coupling::LambdaN))
    }
}

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
            messengers: Vec::new(),
            k_max: HMZ_K_MAX,
            lambda_n_max: HMZ_LAMBDA_N_MAX,
            f0_over_fs: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of [`PhysicsSwitches`] (the messenger-matching pieces as `matching_<piece>`)
    /// is a key of the `[physics]` list, and a table set from switches applies back to them.
    #[test]
    fn every_switch_is_a_physics_key_and_round_trips() {
        let mut s = PhysicsSwitches::preset(Preset::Consistent);
        // The switches both presets leave at one value, moved off it.
        s.stop_rges_without_ht = true;
        s.bound_masses = BoundMassKind::Pole;
        s.singlet_decoupling = SingletDecoupling::AtMass;
        s.matching.eta = false;
        let mut expected = serde_json::Map::new();
        for (k, v) in serde_json::to_value(s).unwrap().as_object().unwrap() {
            match v.as_object() {
                Some(inner) if k == "matching" => {
                    for (piece, v) in inner {
                        expected.insert(format!("matching_{piece}"), v.clone());
                    }
                }
                _ => {
                    expected.insert(k.clone(), v.clone());
                }
            }
        }
        let mut table = PhysicsTable::default();
        table.set_switches(&s);
        let overrides: PhysicsOverrides =
            serde_json::from_value(serde_json::Value::Object(expected.clone())).unwrap();
        let mut written = serde_json::to_value(&table).unwrap();
        let written = written.as_object_mut().unwrap();
        written.remove("preset");
        assert_eq!(*written, expected);
        for preset in [Preset::Hmz1999, Preset::Consistent] {
            assert_eq!(table.apply(PhysicsSwitches::preset(preset)), s, "{preset}");
            assert_eq!(
                overrides.apply(PhysicsSwitches::preset(preset)),
                s,
                "{preset}"
            );
        }
    }
}
