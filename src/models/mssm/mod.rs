//! The MSSM limit of the engine: model `mssm_gmsb` (docs/physics.md section 12).
//!
//! Minimal gauge mediation (messenger scale M, Lambda = F/M, N_5 copies of 5 + 5bar), tan(beta)
//! and sign(mu) as inputs; mu and B_mu are solved from the two MSSM EWSB conditions at
//! Q = sqrt(m_stop1 m_stop2), self-consistently. Everything else is the engine's: the RGEs of the
//! chosen preset with every singlet coupling zero (they reduce to the MSSM ones: tested in
//! `model::rge`), the messenger boundary conditions, the effective potential with the singlet
//! decoupled ([`ewsb`]), the spectrum pieces, the bound sets.
//!
//! - [`ewsb`]: the (mu, B_mu) solve and the Q iteration;
//! - [`spectrum`]: the two-doublet Higgs sector, 4x4 neutralinos, the engine's other states.
//!
//! The messenger sector: M, Lambda and N_5 of [`MssmInputs::messengers`], or the general sector of
//! `physics.messengers` (docs/physics.md section 11) with its pair coupled to S and N at M, Lambda
//! ([`MssmEvaluator::sector`], used by `ewsb::Setup::evolution`).

pub mod a_pole;
pub mod ewsb;
pub mod spectrum;
pub mod tadpoles;

use serde::{Deserialize, Serialize};

use crate::config::{
    BoundMassKind, FsTermsRunning, HiggsMassMethod, PhysicsConfig, PhysicsOverrides,
    PhysicsSwitches, Preset, RgeSet, SingletDecoupling, YukawaMatching,
};
use crate::constraints::lhc2025::{self, LhcObservables};
use crate::constraints::{BoundMasses, BoundSetName, Rejection, RejectionReason};
use crate::model::boundary::MessengerInputs;
use crate::model::derived::{fine_tuning_percent, nlsp, Nlsp};
use crate::model::gravitino::{
    gravitino_derived, GravitinoDerived, NeutralinoDecayInputs, NlspInputs,
};
use crate::model::higgs_mass::{higgs_mass, HiggsMassSettings, SusyParameters};
use crate::model::messengers::{resolve_sector, MessengerSector};
use crate::model::params::{Couplings, SoftTerms};
use crate::solve::EwsbSettings;

pub use ewsb::{EwsbSolution, DECOUPLED_SINGLET_VEV};
pub use spectrum::{MssmHiggs, MssmNeutralinos, MssmSpectrum};

/// The sign of mu relative to the (positive) gaugino masses, SLHA convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MuSign {
    #[serde(rename = "+1")]
    Plus,
    #[serde(rename = "-1")]
    Minus,
}

impl MuSign {
    pub fn value(self) -> f64 {
        match self {
            MuSign::Plus => 1.0,
            MuSign::Minus => -1.0,
        }
    }
    /// From +1 or -1 (anything else is refused).
    pub fn from_value(v: f64) -> Option<MuSign> {
        if v == 1.0 {
            Some(MuSign::Plus)
        } else if v == -1.0 {
            Some(MuSign::Minus)
        } else {
            None
        }
    }
}

/// The inputs of one `mssm_gmsb` point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MssmInputs {
    /// The messenger sector: Lambda = F/M, M, N_5.
    pub messengers: MessengerInputs,
    /// tan(beta) at Q.
    pub tan_beta: f64,
    pub sign_mu: MuSign,
    /// The top mass the switch `yukawa_inputs` asks for [GeV]: the pole mass (`measured`) or the
    /// DR-bar m_t(Q) = h_t v_u (`running_q`).
    pub m_top: f64,
}

/// One solved point with its spectrum and verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct MssmSolution {
    pub ewsb: EwsbSolution,
    pub spectrum: MssmSpectrum,
    /// M_Z^2/(2 mu^2) in percent.
    pub fine_tuning_percent: f64,
    pub nlsp: Nlsp,
    pub chi1_over_stau1: f64,
    /// Mass of the SM-like Higgs h [GeV] by the switch `higgs_mass` (one-loop: the lighter CP-even
    /// state of the top/stop potential; EFT: model::higgs_mass). NaN if the EFT failed.
    pub m_h: f64,
    /// Theory uncertainty of `m_h` [GeV] (EFT only; NaN for the one-loop method).
    pub m_h_uncertainty: f64,
    /// Gravitino mass, NLSP kind and decay length with F_0 = f0_over_fs Lambda M (docs/physics.md
    /// section 8b, as the singlet model).
    pub gravitino: GravitinoDerived,
    /// Ok for a viable point; otherwise the first failed check.
    pub verdict: Result<(), Rejection>,
}

impl MssmSolution {
    pub fn couplings_q(&self) -> &Couplings {
        &self.ewsb.evolution.couplings_q
    }
    pub fn soft_q(&self) -> &SoftTerms {
        &self.ewsb.evolution.soft_q
    }
}

/// The MSSM-limit models' defaults on top of a preset's switches (a `[physics]` table may change
/// `rge_two_loop` only, see [`check_overrides`]):
/// * `fs_terms_running = "couplings"`: no F_S-induced singlet terms; B_mu is solved for, not run
///   (and the switch's extra RG components would only cost time);
/// * `singlet_decoupling = "running"`: there is no singlet to decouple (and its threshold needs
///   the F_S terms above);
/// * `rge_two_loop = true` with the consistent RGE set: the two-loop MSSM RGEs (docs/physics.md
///   section 5c) are complete here, no singlet coupling runs. The hmz1999 set keeps the paper's
///   one-loop running.
pub fn model_defaults(s: &mut PhysicsSwitches) {
    s.fs_terms_running = FsTermsRunning::Couplings;
    s.singlet_decoupling = SingletDecoupling::Running;
    s.rge_two_loop = s.rge_set == RgeSet::Consistent;
}

/// The `[physics]` keys an `mssm_gmsb` or `ddr` configuration or card may set: `rge_two_loop`
/// (either value: `false` runs the one-loop MSSM RGEs), `yukawa_matching` (either value with the
/// consistent preset: `"mssm_at_mt"` is the reference codes' fixed-order matching,
/// model::yukawa_fixed_order; the hmz1999 preset samples m_t(Q) and has nothing to match), and `singlet_decoupling`,
/// `fs_terms_running` at their only meaningful values without a singlet (`"running"`,
/// `"couplings"`). Any other key of the table, and another value of those two, is refused with
/// an error naming it (`physics.<key>`): these models read no other switch from a table.
pub const MODEL_PHYSICS_KEYS: [&str; 4] = [
    "rge_two_loop",
    "yukawa_matching",
    "singlet_decoupling",
    "fs_terms_running",
];

/// Checks a `[physics]` table of an MSSM-limit model ([`MODEL_PHYSICS_KEYS`]): `Err((field,
/// message))` with the field as `physics.<key>`.
pub fn check_overrides(o: &PhysicsOverrides, preset: Preset) -> Result<(), (String, String)> {
    // The keys present, by serialising the table (every None is left out).
    let table = toml::Table::try_from(o).map_err(|e| ("physics".to_string(), e.to_string()))?;
    if let Some(key) = table
        .keys()
        .find(|k| !MODEL_PHYSICS_KEYS.contains(&k.as_str()))
    {
        return Err((
            format!("physics.{key}"),
            format!(
                "not a setting of the mssm_gmsb and ddr models (their [physics] table takes {})",
                MODEL_PHYSICS_KEYS.join(", ")
            ),
        ));
    }
    if o.singlet_decoupling
        .is_some_and(|d| d != SingletDecoupling::Running)
    {
        return Err((
            "physics.singlet_decoupling".into(),
            "these models have no singlet to decouple: only \"running\" (the default) applies"
                .into(),
        ));
    }
    if o.yukawa_matching == Some(YukawaMatching::MssmAtMt) && preset == Preset::Hmz1999 {
        return Err((
            "physics.yukawa_matching".into(),
            "\"mssm_at_mt\" matches the measured masses (yukawa_inputs = \"measured\", the \
             consistent preset); the hmz1999 preset samples the running m_t(Q)"
                .into(),
        ));
    }
    if o.fs_terms_running
        .is_some_and(|f| f != FsTermsRunning::Couplings)
    {
        return Err((
            "physics.fs_terms_running".into(),
            "these models have no F_S-induced singlet terms: only \"couplings\" (the default) applies"
                .into(),
        ));
    }
    Ok(())
}

/// Evaluates `mssm_gmsb` points (and the DDR model's trial points) with a fixed physics
/// configuration and bound set.
#[derive(Clone, Debug)]
pub struct MssmEvaluator {
    pub physics: PhysicsConfig,
    pub bounds: BoundSetName,
    pub ewsb: EwsbSettings,
    /// The EWSB tadpoles ([`TadpoleSet`]).
    pub tadpoles: TadpoleSet,
}

/// Which one-loop tadpoles enter the MSSM EWSB conditions (docs/physics.md section 12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TadpoleSet {
    /// The engine's potential only: top/stop and (switch `sbottom_stau_cw`) sbottom/stau
    /// Coleman-Weinberg terms (the hmz1999 RGE set: the paper's procedure).
    ThirdFamily,
    /// Every MSSM particle ([`tadpoles`]): also the light sfermions, sneutrinos, neutralinos,
    /// charginos, Higgs bosons, W and Z (the consistent RGE set).
    Full,
}

impl MssmEvaluator {
    /// The evaluator of a preset's configuration with the model's own defaults
    /// ([`model_defaults`]) and no user overrides.
    pub fn new(physics: PhysicsConfig, bounds: BoundSetName) -> Self {
        Self::with_overrides(physics, bounds, &PhysicsOverrides::default())
    }

    /// The evaluator of a preset's configuration: the model's own defaults ([`model_defaults`]),
    /// then a configuration's or card's `[physics]` switches, which win (checked beforehand by
    /// [`check_overrides`]).
    pub fn with_overrides(
        mut physics: PhysicsConfig,
        bounds: BoundSetName,
        overrides: &PhysicsOverrides,
    ) -> Self {
        model_defaults(&mut physics.switches);
        physics.switches = overrides.apply(physics.switches);
        let tadpoles = if physics.switches.rge_set == RgeSet::Consistent {
            TadpoleSet::Full
        } else {
            TadpoleSet::ThirdFamily
        };
        Self {
            physics,
            bounds,
            ewsb: EwsbSettings::default(),
            tadpoles,
        }
    }

    /// The point's messenger sector: `physics.messengers` with the pair coupled to S and N at
    /// X = M, F/X = Lambda (relative masses follow M), or the `n5` shorthand. A pair that the
    /// point makes invalid (F/X^2 >= 1) is a named rejection.
    pub fn sector(&self, m: &MessengerInputs) -> Result<MessengerSector, Rejection> {
        resolve_sector(&self.physics.messengers, m.n5, m.m_mess, m.lambda_susy)
            .map_err(|e| Rejection::new(RejectionReason::InvalidInput, e.to_string()))
    }

    /// Solves the EWSB conditions (no spectrum): what the DDR solve iterates on.
    pub fn ewsb(&self, inputs: &MssmInputs) -> Result<EwsbSolution, Rejection> {
        validate_inputs(inputs)?;
        self.sector(&inputs.messengers)?;
        ewsb::Setup::new(self, inputs).solve()
    }

    /// Solves the EWSB conditions at a fixed Q, without the Q iteration (for comparisons with
    /// another program at its own scale).
    pub fn ewsb_at_scale(&self, inputs: &MssmInputs, q: f64) -> Result<EwsbSolution, Rejection> {
        validate_inputs(inputs)?;
        Ok(ewsb::Setup::new(self, inputs).solve_fixed(q, 0)?.0)
    }

    /// The whole pipeline: EWSB, spectrum, verdict. Physics failures are rejections.
    pub fn evaluate(&self, inputs: &MssmInputs) -> Result<MssmSolution, Rejection> {
        let sol = self.ewsb(inputs)?;
        Ok(self.complete(inputs, sol))
    }

    /// Spectrum, derived quantities and verdict of an EWSB solution.
    pub fn complete(&self, inputs: &MssmInputs, ewsb: EwsbSolution) -> MssmSolution {
        let setup = ewsb::Setup::new(self, inputs);
        let vevs = setup.vevs;
        let masses = setup.yukawa.running_masses(
            &ewsb.evolution.couplings_q,
            (vevs[0], vevs[1]),
            &self.physics.sm,
        );
        let spectrum = spectrum::spectrum(&ewsb, vevs, masses);
        let chi1 = spectrum.neutralinos.masses[0].abs();
        let stau1 = spectrum.sfermions.stau.mass2[0].max(0.0).sqrt();
        let (m_h, m_h_uncertainty) = self.higgs_mass(&ewsb, &spectrum);
        let gravitino = self.gravitino(inputs, &ewsb, &spectrum);
        let mut sol = MssmSolution {
            m_h,
            m_h_uncertainty,
            gravitino,
            fine_tuning_percent: fine_tuning_percent(ewsb.mz2, ewsb.mu),
            nlsp: nlsp(chi1, stau1),
            chi1_over_stau1: chi1 / stau1,
            ewsb,
            spectrum,
            verdict: Ok(()),
        };
        let lhc = self.lhc_observables(&sol);
        sol.verdict = verdict(&sol.spectrum, self.bounds, &lhc);
        sol
    }
}

impl MssmEvaluator {
    /// The gravitino and the NLSP decay (model::gravitino) with F_0 = f0_over_fs F, F = Lambda M.
    fn gravitino(
        &self,
        inputs: &MssmInputs,
        ewsb: &EwsbSolution,
        spectrum: &MssmSpectrum,
    ) -> GravitinoDerived {
        let m = &inputs.messengers;
        let cq = &ewsb.evolution.couplings_q;
        let h = &spectrum.higgs;
        let row = spectrum.neutralinos.mixing[0];
        let sf = &spectrum.sfermions;
        gravitino_derived(&NlspInputs {
            neutralino: NeutralinoDecayInputs {
                mass: spectrum.neutralinos.masses[0].abs(),
                n: [row[0], row[1], row[2], row[3], 0.0],
                sin2_w: cq.g1 * cq.g1 / (cq.g1 * cq.g1 + cq.g2 * cq.g2),
                tan_beta: ewsb.tan_beta,
                m_h: h.h_mass2.max(0.0).sqrt(),
                xi2_h: zz_shares(h, ewsb.tan_beta)[0],
                m_z: ewsb.mz2.sqrt(),
                f0: self.physics.f0_over_fs * m.lambda_susy * m.m_mess,
            },
            stau1: sf.stau.mass2[0].max(0.0).sqrt(),
            selectron_r: sf.selectron_r2.max(0.0).sqrt(),
            m_tau: self.physics.sm.m_tau,
        })
    }

    /// What the `lhc2025` set looks at, for the two-doublet Higgs sector: h and H with their ZZ
    /// shares sin^2 and cos^2(beta - alpha), A a pure doublet, the gluino and light squarks by the
    /// switch `bound_masses` (running or one-loop pole; also chargino_1, chi_1, stau_1 and e_R), the NLSP of [`Self::gravitino`].
    fn lhc_observables(&self, sol: &MssmSolution) -> LhcObservables {
        let sp = &sol.spectrum;
        let h = &sp.higgs;
        let sf = &sp.sfermions;
        let tan_beta = sol.ewsb.tan_beta;
        let [xi2_h, xi2_heavy] = zz_shares(h, tan_beta);
        let pole = self.physics.switches.bound_masses == BoundMassKind::Pole;
        let (gluino, squarks, chargino1, neutralino12, stau1, selectron_r) = if pole {
            let p = &sp.pole;
            (
                p.gluino,
                [p.sup_l, p.sup_r, p.sdown_l, p.sdown_r],
                sp.ino_pole.charginos[0],
                [0, 1].map(|i| sp.ino_pole.neutralinos[i].abs()),
                sp.sfermion_pole.stau[0],
                sp.sfermion_pole.selectron_r,
            )
        } else {
            (
                sp.gluino,
                [sf.sup_l2, sf.sup_r2, sf.sdown_l2, sf.sdown_r2].map(f64::sqrt),
                sp.charginos.masses[0],
                [0, 1].map(|i| sp.neutralinos.masses[i].abs()),
                sf.stau.mass2[0].sqrt(),
                sf.selectron_r2.sqrt(),
            )
        };
        LhcObservables {
            even_mass: [h.h_mass2.sqrt(), h.heavy_mass2.sqrt(), f64::INFINITY],
            even_xi2: [xi2_h, xi2_heavy, 0.0],
            sm_like: usize::from(xi2_heavy > xi2_h),
            m_h: sol.m_h,
            m_h_uncertainty: sol
                .m_h_uncertainty
                .is_finite()
                .then_some(sol.m_h_uncertainty),
            odd_mass: [h.a_mass2.sqrt(), f64::INFINITY],
            odd_doublet_share: [1.0, 0.0],
            charged_higgs: h.charged_mass2.sqrt(),
            tan_beta,
            gluino,
            squark: lhc2025::lightest(&squarks),
            chargino1,
            neutralino1: neutralino12[0],
            br_chi1_photon: sol.gravitino.br_photon,
            br_chi1_z: sol.gravitino.br_z,
            br_chi1_h: sol.gravitino.br_h,
            neutralino2: neutralino12[1],
            higgsino_share: [0, 1].map(|i| {
                let n = sp.neutralinos.mixing[i];
                n[2] * n[2] + n[3] * n[3]
            }),
            bino_share: sp.neutralinos.mixing[0][0].powi(2),
            stau1,
            selectron_r,
            nlsp: sol.gravitino.nlsp,
            nlsp_ctau_m: sol.gravitino.nlsp_ctau_m,
        }
    }

    /// The SM-like Higgs mass and its uncertainty (switch `higgs_mass`; docs/physics.md 7b): the
    /// MSSM tree-level quartic (no extra term), the soft terms at Q as DR-bar inputs, m_A from
    /// the running CP-odd mass.
    fn higgs_mass(&self, ewsb: &EwsbSolution, spectrum: &MssmSpectrum) -> (f64, f64) {
        let one_loop = spectrum.higgs.h_mass2.max(0.0).sqrt();
        if self.physics.switches.higgs_mass == HiggsMassMethod::OneLoop {
            return (one_loop, f64::NAN);
        }
        let m_a = spectrum.higgs.a_mass2.max(1.0).sqrt();
        let susy =
            SusyParameters::from_soft(&ewsb.evolution.soft_q, ewsb.tan_beta, ewsb.mu, m_a, 0.0);
        let settings = HiggsMassSettings::with_alpha_s(self.physics.sm.alpha_s_mz);
        match higgs_mass(&susy, ewsb.q, &settings) {
            Ok(r) => (r.m_h, r.uncertainty),
            Err(_) => (f64::NAN, f64::NAN),
        }
    }
}

/// Inputs outside the model's domain, named before any work.
fn validate_inputs(p: &MssmInputs) -> Result<(), Rejection> {
    let m = &p.messengers;
    let fields = [
        ("lambda_susy", m.lambda_susy),
        ("m_mess", m.m_mess),
        ("n5", m.n5),
        ("m_top", p.m_top),
    ];
    for (name, value) in fields {
        if !(value.is_finite() && value > 0.0) {
            return Err(invalid(format!(
                "{name} = {value} must be finite and positive"
            )));
        }
    }
    // The mu^2 relation is singular at tan(beta) = 1 and h_t = m_t/v_u needs v_u >= v_d.
    if !(p.tan_beta.is_finite() && p.tan_beta > 1.0) {
        return Err(invalid(format!("tan_beta = {} must be > 1", p.tan_beta)));
    }
    // Messenger scalars are tachyonic for Lambda >= M.
    if m.x_mess() >= 1.0 {
        return Err(Rejection::new(
            RejectionReason::OutOfRange("lambda_over_m"),
            format!("Lambda/M = {:.4} >= 1 (tachyonic messengers)", m.x_mess()),
        ));
    }
    Ok(())
}

fn invalid(detail: String) -> Rejection {
    Rejection::new(RejectionReason::InvalidInput, detail)
}

/// ZZ-coupling shares of h and H, `sin^2(beta - alpha)` and `cos^2(beta - alpha)` (SLHA alpha:
/// h = -sin(a) Re H_d + cos(a) Re H_u couples to ZZ through -sin(a) cos(b) + cos(a) sin(b)).
pub fn zz_shares(h: &MssmHiggs, tan_beta: f64) -> [f64; 2] {
    let s = (tan_beta.atan() - h.alpha).sin().powi(2);
    [s, 1.0 - s]
}

/// The first failed check: a true minimum, no tachyonic sfermion, the bound set.
fn verdict(sp: &MssmSpectrum, bounds: BoundSetName, lhc: &LhcObservables) -> Result<(), Rejection> {
    let h = &sp.higgs;
    if !h.is_minimum() {
        return Err(Rejection::new(
            RejectionReason::NotAMinimum,
            format!(
                "m^2(h) = {:.4e}, m^2(A) = {:.4e}, m^2(H+) = {:.4e} GeV^2",
                h.h_mass2, h.a_mass2, h.charged_mass2
            ),
        ));
    }
    let sf = &sp.sfermions;
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    if let Some((name, m2)) = sf.named_mass2().iter().find(|(_, m2)| !(*m2 > 0.0)) {
        return Err(Rejection::new(
            RejectionReason::TachyonicSfermion,
            format!("m^2({name}) = {m2:.4e} GeV^2"),
        ));
    }
    let masses = BoundMasses {
        gluino: sp.gluino,
        selectron_r: sf.selectron_r2.sqrt(),
        higgs_s1: h.h_mass2.sqrt(),
        higgs_p1: h.a_mass2.sqrt(),
        charged_higgs: h.charged_mass2.sqrt(),
        chargino1: sp.charginos.masses[0],
        sbottom1: sf.sbottom.mass2[0].sqrt(),
        neutralino1: sp.neutralinos.masses[0].abs(),
        stau1: sf.stau.mass2[0].sqrt(),
    };
    match bounds.first_violation(&masses, Some(lhc)) {
        Some(r) => Err(r),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
