//! Constraints (docs/physics.md section 9): theory ranges and experimental bound sets. Every failure is
//! a [`Rejection`] with a named reason, the first failing check of a solution.
//!
//! The 1999 and LEP sets are lists of lower mass bounds ([`Bound`]); the LHC-era set `lhc2025`
//! (module [`lhc2025`]) needs more than masses (Higgs mixing, NLSP kind and decay length) and is
//! checked on [`lhc2025::LhcObservables`].

pub mod compressed_higgsino;
pub mod lhc2025;

use serde::Serialize;
use std::fmt;

/// Why a point or a solution is not viable. `key()` is the name counted in run summaries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum RejectionReason {
    /// The inputs themselves are outside the model's domain (e.g. Lambda >= y, NaN).
    InvalidInput,
    /// A coupling left the perturbative range during RG running.
    Nonperturbative,
    /// The RG integration failed (step-size underflow, non-finite result).
    RgeFailure,
    /// No starting point converged to a solution of the stationarity conditions.
    NoEwsb,
    /// mu = lambda_N x + lambda_S y solved for, and the solve with the Yukawa matching and gauge
    /// thresholds at the solution's own mu did not settle (point::mu_iteration).
    MuNotConverged,
    /// A stationary point that is not a minimum (a CP-even, CP-odd or charged Higgs mass^2 < 0).
    NotAMinimum,
    /// A sfermion mass^2 < 0.
    TachyonicSfermion,
    /// A coupling outside its allowed range (named: e.g. "xi_n").
    OutOfRange(&'static str),
    /// An experimental bound of the active set (named: e.g. "gluino").
    Bound(&'static str),
}

impl RejectionReason {
    /// The stable name used in CSV files and run summaries.
    pub fn key(&self) -> String {
        match self {
            RejectionReason::InvalidInput => "invalid_input".into(),
            RejectionReason::Nonperturbative => "nonperturbative".into(),
            RejectionReason::RgeFailure => "rge_failure".into(),
            RejectionReason::NoEwsb => "no_ewsb".into(),
            RejectionReason::MuNotConverged => "mu_not_converged".into(),
            RejectionReason::NotAMinimum => "not_a_minimum".into(),
            RejectionReason::TachyonicSfermion => "tachyonic_sfermion".into(),
            RejectionReason::OutOfRange(name) => format!("range:{name}"),
            RejectionReason::Bound(name) => format!("bound:{name}"),
        }
    }
}

/// A named rejection with a human-readable detail (numbers included where one applies).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rejection {
    pub reason: RejectionReason,
    pub detail: String,
}

impl Rejection {
    pub fn new(reason: RejectionReason, detail: impl Into<String>) -> Self {
        Self {
            reason,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason.key(), self.detail)
    }
}

/// The named experimental bound sets (data; docs/physics.md section 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundSetName {
    /// HMZ eq. `exp`: LEP/Tevatron limits of 1999.
    Hmz1999,
    /// Final LEP limits (h > 114.4, chargino > 103.5, e_R > 99.9, stau > 93.2, H+ > 78.6 GeV).
    LepFinal,
    /// The LHC era (docs/physics.md section 9b): a 125 GeV Higgs, LEP Higgsstrahlung on lighter
    /// states, final LEP limits, H/A -> tau tau, gluino and squarks, electroweak limits by NLSP kind
    /// and decay length.
    Lhc2025,
    /// No experimental bound (theory checks only).
    None,
}

/// A mass that a bound applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Observable {
    Gluino,
    SelectronR,
    /// Lightest CP-even Higgs S_1.
    HiggsS1,
    /// Lightest CP-odd Higgs P_1.
    HiggsP1,
    ChargedHiggs,
    Chargino1,
    Sbottom1,
    /// |m_chi1|.
    Neutralino1,
    Stau1,
}

/// When a bound applies (HMZ eq. `exp` has NLSP-dependent bounds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Applies {
    Always,
    /// m_chi1 / m_stau1 < 1.
    NeutralinoNlsp,
    /// m_chi1 / m_stau1 > 1.
    StauNlsp,
    /// m_chi1 / m_stau1 > 1 and m_chi1 below the given mass [GeV].
    StauNlspAndNeutralinoBelow(f64),
}

/// A lower mass bound.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub name: &'static str,
    pub observable: Observable,
    /// Lower limit [GeV].
    pub min: f64,
    pub applies: Applies,
}

/// The masses the bounds look at [GeV] (Higgs masses from positive mass-squared).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundMasses {
    pub gluino: f64,
    pub selectron_r: f64,
    pub higgs_s1: f64,
    pub higgs_p1: f64,
    pub charged_higgs: f64,
    pub chargino1: f64,
    pub sbottom1: f64,
    pub neutralino1: f64,
    pub stau1: f64,
}

impl BoundMasses {
    fn get(&self, o: Observable) -> f64 {
        match o {
            Observable::Gluino => self.gluino,
            Observable::SelectronR => self.selectron_r,
            Observable::HiggsS1 => self.higgs_s1,
            Observable::HiggsP1 => self.higgs_p1,
            Observable::ChargedHiggs => self.charged_higgs,
            Observable::Chargino1 => self.chargino1,
            Observable::Sbottom1 => self.sbottom1,
            Observable::Neutralino1 => self.neutralino1,
            Observable::Stau1 => self.stau1,
        }
    }
}

const fn always(name: &'static str, observable: Observable, min: f64) -> Bound {
    Bound {
        name,
        observable,
        min,
        applies: Applies::Always,
    }
}

/// HMZ eq. (`exp`).
const HMZ1999_BOUNDS: [Bound; 10] = [
    always("gluino", Observable::Gluino, 190.0),
    always("selectron_r", Observable::SelectronR, 80.0),
    always("higgs_s1", Observable::HiggsS1, 95.5),
    always("higgs_p1", Observable::HiggsP1, 84.5),
    always("charged_higgs", Observable::ChargedHiggs, 77.3),
    always("chargino1", Observable::Chargino1, 95.0),
    always("sbottom1", Observable::Sbottom1, 75.0),
    Bound {
        name: "neutralino1_nlsp",
        observable: Observable::Neutralino1,
        min: 55.0,
        applies: Applies::NeutralinoNlsp,
    },
    Bound {
        name: "stau1_nlsp",
        observable: Observable::Stau1,
        min: 68.0,
        applies: Applies::StauNlsp,
    },
    Bound {
        name: "stau1_nlsp_light_neutralino",
        observable: Observable::Stau1,
        min: 84.0,
        applies: Applies::StauNlspAndNeutralinoBelow(87.0),
    },
];

/// Final LEP limits (docs/physics.md section 9) on h, chargino, e_R, stau, H+; the other HMZ bounds kept.
const LEP_FINAL_BOUNDS: [Bound; 8] = [
    always("gluino", Observable::Gluino, 190.0),
    always("selectron_r", Observable::SelectronR, 99.9),
    always("higgs_s1", Observable::HiggsS1, 114.4),
    always("higgs_p1", Observable::HiggsP1, 84.5),
    always("charged_higgs", Observable::ChargedHiggs, 78.6),
    always("chargino1", Observable::Chargino1, 103.5),
    always("sbottom1", Observable::Sbottom1, 75.0),
    always("stau1", Observable::Stau1, 93.2),
];

impl BoundSetName {
    /// The bounds of the set, in the order they are checked.
    pub fn bounds(self) -> &'static [Bound] {
        match self {
            BoundSetName::Hmz1999 => &HMZ1999_BOUNDS,
            BoundSetName::LepFinal => &LEP_FINAL_BOUNDS,
            // Not a list of mass bounds: lhc2025::LHC2025_BOUNDS, checked on LhcObservables.
            BoundSetName::Lhc2025 | BoundSetName::None => &[],
        }
    }

    /// The first bound violated, if any. `lhc` carries what the `lhc2025` set needs beyond masses;
    /// a model that cannot provide it gets a named rejection under `lhc2025`, never a silent pass.
    pub fn first_violation(
        self,
        m: &BoundMasses,
        lhc: Option<&lhc2025::LhcObservables>,
    ) -> Option<Rejection> {
        if self == BoundSetName::Lhc2025 {
            return match lhc {
                Some(o) => lhc2025::first_violation(o),
                None => Some(Rejection::new(
                    RejectionReason::Bound("lhc2025_unavailable"),
                    "this model does not provide the observables of the lhc2025 set",
                )),
            };
        }
        let ratio = m.neutralino1 / m.stau1;
        self.bounds().iter().find_map(|b| {
            let applies = match b.applies {
                Applies::Always => true,
                Applies::NeutralinoNlsp => ratio < 1.0,
                Applies::StauNlsp => ratio > 1.0,
                Applies::StauNlspAndNeutralinoBelow(limit) => ratio > 1.0 && m.neutralino1 < limit,
            };
            let value = m.get(b.observable);
            // Written as !(value > min) so that a NaN mass fails the bound.
            #[allow(clippy::neg_cmp_op_on_partial_ord)]
            let fails = !(value > b.min);
            (applies && fails).then(|| {
                Rejection::new(
                    RejectionReason::Bound(b.name),
                    format!("{} = {value:.2} GeV <= {} GeV", b.name, b.min),
                )
            })
        })
    }
}

/// Which scale a range applies at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeScale {
    Ewsb,
    Messenger,
}

/// A perturbative range of a coupling (HMZ eq. `range`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CouplingRange {
    pub coupling: crate::config::Coupling,
    pub scale: RangeScale,
    pub min: f64,
    pub max: f64,
}

/// The coupling ranges with the upper limits on k and lambda_N settings (`physics.k_max`, default
/// HMZ's 0.65; `physics.lambda_n_max`, default HMZ's 1).
pub fn coupling_ranges(k_max: f64, lambda_n_max: f64) -> [CouplingRange; 5] {
    let mut ranges = HMZ_COUPLING_RANGES;
    for r in &mut ranges {
        match r.coupling {
            crate::config::Coupling::K => r.max = k_max,
            crate::config::Coupling::LambdaN => r.max = lambda_n_max,
            _ => {}
        }
    }
    ranges
}

/// HMZ eq. (`range`): -1 <= xi_N(M) <= 1, 0 <= lambda_S, lambda_N, eta_N <= 1, 0 <= k <= 0.65
/// (eta_S unbounded). The k bound comes from perturbativity up to the GUT scale without messengers
/// (docs/physics.md section 5 notes it would be ~0.3 with them); [`coupling_ranges`] makes it a
/// setting.
pub const HMZ_COUPLING_RANGES: [CouplingRange; 5] = {
    use crate::config::Coupling::*;
    [
        CouplingRange {
            coupling: XiN,
            scale: RangeScale::Messenger,
            min: -1.0,
            max: 1.0,
        },
        CouplingRange {
            coupling: LambdaS,
            scale: RangeScale::Ewsb,
            min: 0.0,
            max: 1.0,
        },
        CouplingRange {
            coupling: LambdaN,
            scale: RangeScale::Ewsb,
            min: 0.0,
            max: 1.0,
        },
        CouplingRange {
            coupling: EtaN,
            scale: RangeScale::Ewsb,
            min: 0.0,
            max: 1.0,
        },
        CouplingRange {
            coupling: K,
            scale: RangeScale::Ewsb,
            min: 0.0,
            max: 0.65,
        },
    ]
};

/// The paper's upper limit on Lambda / <S> (HMZ eq. `xy`: Lambda <= 0.9 y).
pub const MAX_LAMBDA_OVER_S: f64 = 0.9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_and_lambda_n_settings_replace_only_their_ranges() {
        let r = coupling_ranges(1.36, 2.0);
        for (a, b) in r.iter().zip(HMZ_COUPLING_RANGES.iter()) {
            match a.coupling {
                crate::config::Coupling::K => assert_eq!((a.min, a.max), (0.0, 1.36)),
                crate::config::Coupling::LambdaN => assert_eq!((a.min, a.max), (0.0, 2.0)),
                _ => assert_eq!(a, b),
            }
        }
        assert_eq!(coupling_ranges(0.65, 1.0), HMZ_COUPLING_RANGES);
    }

    #[test]
    fn lhc2025_without_observables_is_a_named_rejection() {
        let m = BoundMasses {
            gluino: 3000.0,
            selectron_r: 3000.0,
            higgs_s1: 125.0,
            higgs_p1: 3000.0,
            charged_higgs: 3000.0,
            chargino1: 3000.0,
            sbottom1: 3000.0,
            neutralino1: 3000.0,
            stau1: 3000.0,
        };
        let r = BoundSetName::Lhc2025.first_violation(&m, None).unwrap();
        assert_eq!(r.reason.key(), "bound:lhc2025_unavailable");
        assert_eq!(BoundSetName::LepFinal.first_violation(&m, None), None);
    }
}
