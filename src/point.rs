//! Evaluation of one parameter point: the pipeline of PHYSICS.md section 3 from the inputs to
//! solutions (one per distinct EWSB solution) with their spectrum, derived quantities and verdict.

use serde::Serialize;

use crate::constraints::Rejection;
use crate::model::derived::Derived;
use crate::model::params::{Couplings, PointInputs, SoftTerms};
use crate::model::spectrum::Spectrum;

/// The electroweak VEVs and the spurion of a solution [GeV, GeV^2].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Vevs {
    pub v_d: f64,
    pub v_u: f64,
    /// <N> = x.
    pub x: f64,
    /// <S> = y.
    pub y: f64,
    /// F_S = Lambda y.
    pub f_s: f64,
}

/// How the EWSB solve ended for a solution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EwsbDiagnostics {
    /// The stationarity conditions dV/d(v_d, v_u, x), each divided by the sum of the magnitudes of
    /// the terms it cancels.
    pub scaled_residuals: [f64; 3],
    /// Which solver of the cascade produced the solution.
    pub solver: &'static str,
    /// Index of the deterministic starting point that led to it.
    pub start: usize,
    /// Iterations of Q = sqrt(m_stop1 m_stop2).
    pub q_iterations: usize,
}

/// One EWSB solution of a point, with everything computed from it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Solution {
    /// 0, 1, ... over the distinct valid solutions of the point.
    pub index: usize,
    /// EWSB scale Q = sqrt(m_stop1 m_stop2) [GeV].
    pub q_scale: f64,
    /// Messenger scale M = xi_S(M) y = y [GeV].
    pub m_mess: f64,
    pub vevs: Vevs,
    /// All couplings at Q (the solved ones included).
    pub couplings_q: Couplings,
    /// All couplings at M.
    pub couplings_m: Couplings,
    /// Soft terms at M (boundary conditions) and at Q.
    pub soft_m: SoftTerms,
    pub soft_q: SoftTerms,
    pub ewsb: EwsbDiagnostics,
    pub spectrum: Spectrum,
    pub derived: Derived,
    /// Ok for a viable solution; otherwise the first failed check.
    pub verdict: Result<(), Rejection>,
}

/// Everything the evaluation of one point produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PointOutcome {
    pub inputs: PointInputs,
    /// Distinct EWSB solutions (viable or not).
    pub solutions: Vec<Solution>,
    /// Why there is no solution at all (invalid input, RG failure, no EWSB), if so.
    pub failure: Option<Rejection>,
}

use crate::config::PhysicsConfig;
use crate::constraints::BoundSetName;

/// Evaluates points with a fixed physics configuration and bound set. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Evaluator {
    pub physics: PhysicsConfig,
    pub bounds: BoundSetName,
}

impl Evaluator {
    pub fn new(physics: PhysicsConfig, bounds: BoundSetName) -> Self {
        Self { physics, bounds }
    }

    /// Takes one point through the whole pipeline. Never panics on physics failures: they are
    /// recorded in the outcome.
    pub fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        let _ = inputs;
        unimplemented!("interim interface: the pipeline lands in the next commits")
    }
}
