//! Constraints (PHYSICS.md section 9): theory ranges and experimental bound sets. Every failure is
//! a [`Rejection`] with a named reason, the first failing check of a solution.

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

/// The named experimental bound sets (data; PHYSICS.md section 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundSetName {
    /// HMZ eq. `exp`: LEP/Tevatron limits of 1999.
    Hmz1999,
    /// Final LEP limits (h > 114.4, chargino > 103.5, e_R > 99.9, stau > 93.2, H+ > 78.6 GeV).
    LepFinal,
    /// No experimental bound (theory checks only).
    None,
}
