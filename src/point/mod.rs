//! Evaluation of one parameter point: the pipeline of docs/physics.md section 3 from the inputs to
//! solutions (one per distinct EWSB solution) with their spectrum, derived quantities and verdict.

//!
//! - `setup`: what is fixed for one point (VEVs, messenger sector) and its RG evolution at a scale;
//! - `search`: the search for every EWSB solution, with the Q = sqrt(m_stop1 m_stop2) iteration;
//! - `surrogate_cascade`: the threshold-on search's first-Q cascade on a tabulated running;
//! - `mu_iteration`: with mu solved for, the solve repeated with the setup at the solution's mu;
//! - `build`: a converged solution's spectrum, derived quantities and verdict.

mod build;
mod mu_iteration;
mod search;
mod setup;
mod surrogate_cascade;
mod threshold_roots;

use serde::Serialize;

use crate::constraints::Rejection;
use crate::model::derived::{self, Derived};
use crate::model::params::{Couplings, PointInputs, SoftTerms};
use crate::model::spectrum::Spectrum;
use crate::model::vacuum::{DeeperMinimum, VacuumCoefficients};

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
    /// tan(beta) at M_Z (the input tan(beta) is at Q; model::gauge::tan_beta_at_mz).
    pub tan_beta_mz: f64,
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
    /// Mass of the SM-like Higgs [GeV] by the method of the switch `higgs_mass` (one-loop: the
    /// CP-even state with the largest share of the direction (cos beta, sin beta, 0); EFT:
    /// model::higgs_mass). NaN if the EFT calculation failed, and for a solution rejected by a
    /// theory check (not a minimum, tachyonic sfermion, coupling out of range), for which it is not
    /// computed.
    pub m_h: f64,
    /// Theory uncertainty of `m_h` [GeV] (EFT only; NaN for the one-loop method).
    pub m_h_uncertainty: f64,
    pub derived: Derived,
    /// The coefficients of the potential minimised at this solution (model::vacuum; SLHA).
    pub vacuum: VacuumCoefficients,
    /// Deeper minima along the singlet and messenger directions (model::vacuum; a flag,
    /// computed for viable solutions only, all false otherwise).
    pub deeper_minimum: DeeperMinimum,
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

use crate::config::{Coupling, PhysicsConfig};
use crate::constraints::{BoundSetName, RejectionReason, MAX_LAMBDA_OVER_S};
use crate::model::rge::RgeError;
use crate::solve::EwsbSettings;
use setup::PointSetup;

/// Evaluates points with a fixed physics configuration and bound set. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Evaluator {
    pub physics: PhysicsConfig,
    pub bounds: BoundSetName,
    pub ewsb: EwsbSettings,
}

impl Evaluator {
    pub fn new(physics: PhysicsConfig, bounds: BoundSetName) -> Self {
        Self {
            physics,
            bounds,
            ewsb: EwsbSettings::default(),
        }
    }

    /// Takes one point through the whole pipeline. Never panics on physics failures: they are
    /// recorded in the outcome.
    pub fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        let (solutions, failure) = match self.solve_all(inputs) {
            Ok(solutions) => (solutions, None),
            Err(rejection) => (Vec::new(), Some(rejection)),
        };
        PointOutcome {
            inputs: *inputs,
            solutions,
            failure,
        }
    }

    /// Whether `inputs` are rejected before any solving (invalid inputs, HMZ's cut
    /// Lambda <= 0.9 <S>): such a point costs nothing to evaluate.
    pub fn rejects_before_solving(&self, inputs: &PointInputs) -> bool {
        validate_inputs(inputs, &self.physics.unknowns).is_err()
    }

    /// The fast solve: whether the root search WITHOUT the outer starting points finds a viable
    /// solution (about 3x cheaper in hmz1999; it finds all but about 3 % of the viable points).
    /// None where the fast solve would be the full one (the consistent RGE set, whose reduction
    /// is exact, or `outer_starts` already off). The importance sampler uses it as a screen.
    pub fn fast_verdict(&self, inputs: &PointInputs) -> Option<bool> {
        let exact = self.physics.switches.rge_set == crate::config::RgeSet::Consistent;
        if exact || !self.ewsb.outer_starts {
            return None;
        }
        let fast = Evaluator {
            ewsb: EwsbSettings {
                outer_starts: false,
                ..self.ewsb
            },
            ..self.clone()
        };
        let outcome = fast.evaluate(inputs);
        Some(outcome.solutions.iter().any(|s| s.verdict.is_ok()))
    }

    fn solve_all(&self, inputs: &PointInputs) -> Result<Vec<Solution>, Rejection> {
        validate_inputs(inputs, &self.physics.unknowns)?;
        if self.physics.mu_is_solved() && self.physics.setup_needs_mu() {
            return self.solve_following_mu(inputs);
        }
        // mu and lambda_N from the inputs; NaN when solved for, where the setup does not depend
        // on them.
        let mu = derived::mu_eff(inputs.lambda_n, inputs.vev_n, inputs.lambda_s, inputs.vev_s);
        PointSetup::new(self, inputs, (mu, inputs.lambda_n))?.solutions()
    }
}

/// Inputs outside the model's domain: named, before any work. The unknowns' values are only
/// starting points and may be NaN.
fn validate_inputs(p: &PointInputs, unknowns: &[Coupling; 3]) -> Result<(), Rejection> {
    let fields = [
        ("tan_beta", p.tan_beta),
        ("vev_n", p.vev_n),
        ("vev_s", p.vev_s),
        ("lambda_susy", p.lambda_susy),
        ("m_top", p.m_top),
        ("m_phi_over_s", p.m_phi_over_s),
    ];
    for (name, value) in fields {
        if !(value.is_finite() && value > 0.0) {
            return Err(Rejection::new(
                RejectionReason::InvalidInput,
                format!("{name} = {value} must be finite and positive"),
            ));
        }
    }
    let couplings = [
        (Coupling::XiN, p.xi_n),
        (Coupling::EtaS, p.eta_s),
        (Coupling::EtaN, p.eta_n),
        (Coupling::LambdaS, p.lambda_s),
        (Coupling::LambdaN, p.lambda_n),
        (Coupling::K, p.k),
    ];
    for (c, value) in couplings {
        if !unknowns.contains(&c) && !value.is_finite() {
            return Err(Rejection::new(
                RejectionReason::InvalidInput,
                format!("{c} = {value} is not finite"),
            ));
        }
    }
    // HMZ eq. (`xy`): Lambda <= 0.9 y. This also keeps away from Lambda >= y = M, where the
    // messenger scalars would be tachyonic.
    if p.x_mess() > MAX_LAMBDA_OVER_S {
        return Err(Rejection::new(
            RejectionReason::OutOfRange("lambda_over_s"),
            format!("Lambda/<S> = {:.4} > {MAX_LAMBDA_OVER_S}", p.x_mess()),
        ));
    }
    Ok(())
}

impl From<RgeError> for Rejection {
    fn from(e: RgeError) -> Self {
        let reason = match e {
            RgeError::NonPerturbative { .. } | RgeError::MessengerNonPerturbative { .. } => {
                RejectionReason::Nonperturbative
            }
            _ => RejectionReason::RgeFailure,
        };
        Rejection::new(reason, e.to_string())
    }
}

/// The value of a singlet coupling in a full coupling set.
pub fn coupling_value(c: &Couplings, which: Coupling) -> f64 {
    match which {
        Coupling::XiN => c.xi_n,
        Coupling::EtaS => c.eta_s,
        Coupling::EtaN => c.eta_n,
        Coupling::LambdaS => c.lambda_s,
        Coupling::LambdaN => c.lambda_n,
        Coupling::K => c.k,
    }
}

/// The point module's tests start from configs/consistent.toml, with its preset replaced by
/// `preset` when given.
#[cfg(test)]
fn consistent_plan(preset: Option<&str>) -> crate::scan::ScanPlan {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/configs/consistent.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let text = match preset {
        Some(p) => {
            format!("{text}\n").replace("preset = \"consistent\"", &format!("preset = \"{p}\""))
        }
        None => text,
    };
    crate::scan::ScanPlan::from_toml_str(&text).unwrap()
}
