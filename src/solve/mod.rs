//! The EWSB solve at a fixed scale Q (docs/physics.md section 3 step 4, section 6): find the three
//! unknown couplings for which dV/d(v_d, v_u, x) = 0.
//!
//! - [`roots`]: every solution for the unknowns (xi_N, eta_S, eta_N), from the structure of the
//!   problem (a 1-D root search in |xi_N| with the etas from a linear and a quadratic equation);
//! - [`bracket`]: the 1-D all-roots finder it uses;
//! - [`newton`]: the general Newton cascade for any three unknowns from one starting point (the
//!   polish of the roots in `hmz1999`, and the solver of other unknown sets).
//!
//! Which one runs, with which RG integrator, is set by [`EwsbSettings`].

pub mod bracket;
pub mod newton;
pub mod roots;

pub use newton::solve_at_scale;

use serde::{Deserialize, Serialize};

use crate::constraints::Rejection;
use crate::model::potential::{PotentialParams, SingletCouplings};
use crate::model::rge::{Integrator, PERTURBATIVE_LIMIT};

/// How the solutions of a point are searched for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// The all-roots search of [`roots`] when the unknowns are (xi_N, eta_S, eta_N); otherwise
    /// the Newton cascade from `max_starts` deterministic starting points.
    #[default]
    Roots,
    /// The Newton cascade from `max_starts` deterministic starting points, whatever the unknowns
    /// (the solver of gmsbscan 0.1; it can miss solutions).
    Multistart,
}

impl std::fmt::Display for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Strategy::Roots => "roots",
            Strategy::Multistart => "multistart",
        })
    }
}

/// Numerical settings of the EWSB solve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EwsbSettings {
    /// Convergence: every |dV/dv_i| / (sum of |terms|) below this.
    pub tolerance: f64,
    /// Iterations per solver of the cascade.
    pub max_iters: u64,
    /// Deterministic starting points tried per point (multistart, and unknown sets the root
    /// search does not handle).
    pub max_starts: usize,
    /// Iterations of Q = sqrt(m_stop1 m_stop2).
    pub max_q_iters: usize,
    /// Relative change of Q that ends the Q iteration.
    pub q_tolerance: f64,
    /// Relative step (in units of each coupling's typical size) of the implicit-Jacobian differences.
    pub fd_step: f64,
    /// The search strategy.
    pub strategy: Strategy,
    /// RG integrator of the solve (`fixed_step`: fast, within 1e-8 of `dopri5`).
    pub integrator: Integrator,
    /// Root search: |xi_N(Q)| is searched on [0, xi_n_max] (default: the perturbative limit
    /// sqrt(4 pi); the interval shrinks where the running of larger values is non-perturbative).
    pub xi_n_max: f64,
    /// Root search: grid intervals over [0, xi_n_max] (pairs of roots closer than one interval
    /// are found too, by minimising |mu^2 relation| between samples).
    pub grid_intervals: usize,
    /// Root search in hmz1999 (inexact reduction): also converge the multistart's two outer
    /// starting points (xi_N = +-0.9), which find the large-|xi_N| solutions the interpolation
    /// misses. About 2/3 of the hmz1999 cost; on 4500 default points the solutions they add were
    /// all rejected (mostly |xi_N(M)| > 1), so `false` suits scans that only want viable points.
    pub outer_starts: bool,
    /// Root search in hmz1999 (inexact reduction): a second search at reference eta_N = 1.0 (the
    /// first is at 0.8) for the roots that exist only at etas away from the first reference.
    /// Without the outer starts it costs about 1/2.4 of them and finds every viable solution
    /// they find on 100000 default points, but misses 9 % of their (rejected) solutions, mostly
    /// at |xi_N(Q)| ~ 1.1-1.3 (docs/physics.md section 3): for viable-only scans.
    pub eta_search: bool,
    /// Consistent set with the heavy singlet's threshold: the starting points of the Newton
    /// cascade from the reduction that follows the roots (point::threshold_roots,
    /// docs/physics.md section 5b) instead of the roots at reference etas plus the multistart's
    /// starting points. Measured (docs/physics.md section 5b): 8-65x the CPU of the default and
    /// it misses 8-20 % of its solutions (adding others), so it is off by default. Echoed only
    /// when on, so the effective configurations (and hashes) of every earlier scan stay as they were.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub followed_roots: bool,
    /// Consistent set with the heavy singlet's threshold: the first-Q Newton cascade of every
    /// start runs on the running tabulated at that Q (18 RG runs per distinct first Q, shared by
    /// the point's starts; the threshold exact at each trial point), each converged start then
    /// polished on the exact model (point::surrogate_cascade, docs/physics.md section 5b). Off
    /// by default and echoed only when on (it moves results by rounding: measured in 5b).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub surrogate_cascade: bool,
    /// Root search with measured Yukawas (`yukawa_inputs = "measured"`): interpolate h_t(Q)
    /// between the interpolation's scale nodes like the soft terms, instead of holding it at the
    /// lowest node's value (Q0/1.5), which puts the search's Q = sqrt(m_stop1 m_stop2) 5e-4 to
    /// 1e-3 off and costs ~1.5 more Q iterations per solution (docs/physics.md section 3). It
    /// moves results (the Q iteration then stops elsewhere within its tolerance, and the Newton
    /// cascades start elsewhere), so it stays off by default, echoed only when on, until the
    /// committed results are re-run with it. No effect with `"running_q"` (h_t = m_t/v_u at every Q).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub interpolate_ht: bool,
}

impl Default for EwsbSettings {
    fn default() -> Self {
        Self {
            tolerance: 1e-10,
            max_iters: 40,
            max_starts: 4,
            max_q_iters: 10,
            q_tolerance: 1e-5,
            fd_step: 1e-5,
            strategy: Strategy::Roots,
            integrator: Integrator::FixedStep,
            xi_n_max: PERTURBATIVE_LIMIT,
            grid_intervals: 96,
            outer_starts: true,
            eta_search: false,
            followed_roots: false,
            surrogate_cascade: false,
            interpolate_ht: false,
        }
    }
}

/// What the solver needs from the model at a fixed Q: the potential's parameters (soft terms
/// from the RG run) for trial singlet couplings.
pub trait StationarityModel {
    fn params(&self, couplings: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection>;
}

/// A converged (or best) solution of the stationarity conditions at fixed Q.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub couplings: SingletCouplings<f64>,
    pub params: PotentialParams,
    /// dV/dv_i divided by the sum of the magnitudes of the terms it cancels.
    pub scaled_residuals: [f64; 3],
    pub solver: &'static str,
}

impl Candidate {
    pub fn max_residual(&self) -> f64 {
        self.scaled_residuals
            .iter()
            .fold(0.0, |m, r| m.max(r.abs()))
    }
}

/// The outcome of a solve at fixed Q: converged, or the best candidate with its residual, or no
/// candidate at all (the model failed at the starting point).
#[derive(Clone, Debug, PartialEq)]
pub enum SolveResult {
    Converged(Candidate),
    NotConverged(Option<Candidate>, Option<Rejection>),
}
