//! Points whose mu = lambda_N x + lambda_S y is solved for (lambda_S or lambda_N among the
//! unknowns) while the point's setup depends on mu: the SUSY thresholds of the measured Yukawas
//! (Delta_b ~ mu tan(beta), the higgsino logarithms of h_t), the higgsino and heavy-Higgs
//! thresholds of the SM -> MSSM gauge matching and, with lambda_N solved for, the lambda_N terms
//! of the two-loop gauge running (docs/physics.md section 3, step 2.6).
//!
//! A fixed-point iteration around the solve: solve every solution with the setup at a first mu
//! (`MU_START_OVER_LAMBDA` Lambda, the gauge-mediated soft scale) and lambda_N, then for each
//! solution rematch the Yukawas and the gauge couplings at its mu and lambda_N and re-solve from
//! it, until both move by less than `MU_TOLERANCE` of themselves. A solution that does not settle
//! within `MU_MAX_ITERATIONS` (or is lost by the re-solve) is dropped; a point left with none is
//! rejected as `mu_not_converged` (or the re-solve's own rejection).

use super::search::{keep_best_failure, BestFailure, Converged};
use super::setup::PointSetup;
use super::{Evaluator, Solution};
use crate::constraints::{Rejection, RejectionReason};
use crate::model::derived::mu_eff;
use crate::model::params::PointInputs;

/// The first mu as a fraction of Lambda = F/M: the gauge-mediated soft scale (alpha/4pi) Lambda
/// ~ Lambda/100, where EWSB puts |mu| (of the order of the stop masses) within a factor of a few.
/// Only the number of iterations depends on it.
const MU_START_OVER_LAMBDA: f64 = 0.01;

/// Relative change of mu between two solves at which the iteration stops. mu enters the setup
/// through logarithms and Delta_b; a relative change of 1e-6 moves h_t and h_b by well below the
/// solver's own precision on the solved couplings (~1e-6 of their size).
pub(super) const MU_TOLERANCE: f64 = 1e-6;

/// Most re-solves per solution (measured on 2000 points: the change of mu falls by 100-1000x per
/// step, and no solution needed more than 6).
const MU_MAX_ITERATIONS: usize = 20;

/// The first lambda_N(Q) when it is solved for (the first value of the solver's starting grid;
/// only the number of iterations depends on it).
const LAMBDA_N_START: f64 = 0.3;

/// The (mu, lambda_N) of a converged solution (at Q; the vevs are fixed by the point).
fn solution_mu(setup: &PointSetup, conv: &Converged) -> (f64, f64) {
    let c = &conv.candidate.couplings;
    (
        mu_eff(c.lambda_n, setup.vevs[2], c.lambda_s, setup.inputs.vev_s),
        c.lambda_n,
    )
}

/// Whether two (mu, lambda_N) agree to `MU_TOLERANCE` of their size.
fn settled((mu, lambda_n): (f64, f64), (mu_old, lambda_n_old): (f64, f64)) -> bool {
    (mu - mu_old).abs() <= MU_TOLERANCE * mu.abs()
        && (lambda_n - lambda_n_old).abs() <= MU_TOLERANCE * lambda_n.abs()
}

impl Evaluator {
    /// Every distinct solution, each with the Yukawa matching and gauge thresholds at its own mu
    /// (module documentation).
    pub(super) fn solve_following_mu(
        &self,
        inputs: &PointInputs,
    ) -> Result<Vec<Solution>, Rejection> {
        let lambda_n = if inputs.lambda_n.is_finite() {
            inputs.lambda_n
        } else {
            LAMBDA_N_START
        };
        let first = PointSetup::new(
            self,
            inputs,
            (MU_START_OVER_LAMBDA * inputs.lambda_susy, lambda_n),
        )?;
        let mut settled: Vec<(PointSetup, Converged)> = Vec::new();
        let mut best_failure: BestFailure = None;
        for conv in first.search()? {
            match self.settle_mu(inputs, &first, conv) {
                Ok((setup, conv)) => {
                    if !settled.iter().any(|(s, c)| s.same_solution(c, &conv)) {
                        settled.push((setup, conv));
                    }
                }
                Err((residual, rejection)) => {
                    keep_best_failure(&mut best_failure, residual, rejection)
                }
            }
        }
        if settled.is_empty() {
            return Err(best_failure.map(|(_, r)| r).unwrap_or_else(|| {
                Rejection::new(RejectionReason::MuNotConverged, "no solution settled")
            }));
        }
        settled
            .into_iter()
            .enumerate()
            .map(|(index, (setup, conv))| setup.build_solution(index, conv))
            .collect()
    }

    /// One solution re-solved with the setup at its own mu until mu stops moving: the setup of
    /// the last solve and its solution.
    fn settle_mu<'a>(
        &'a self,
        inputs: &'a PointInputs,
        first: &PointSetup,
        mut conv: Converged,
    ) -> Result<(PointSetup<'a>, Converged), (f64, Rejection)> {
        let mut mu_setup = (f64::NAN, f64::NAN);
        let mut mu = solution_mu(first, &conv);
        for _ in 0..MU_MAX_ITERATIONS {
            let setup = PointSetup::new(self, inputs, mu).map_err(|r| (f64::INFINITY, r))?;
            let start = conv.start;
            let q_iterations = conv.q_iterations;
            conv = setup.solve_from(&conv.candidate.couplings, conv.q)?;
            conv.start = start;
            conv.q_iterations += q_iterations;
            mu_setup = mu;
            mu = solution_mu(&setup, &conv);
            if settled(mu, mu_setup) {
                return Ok((setup, conv));
            }
        }
        Err((
            f64::INFINITY,
            Rejection::new(
                RejectionReason::MuNotConverged,
                format!(
                    "(mu, lambda_N) = ({:.6e} GeV, {:.6e}) after {MU_MAX_ITERATIONS} re-solves (last setup at ({:.6e}, {:.6e}))",
                    mu.0, mu.1, mu_setup.0, mu_setup.1
                ),
            ),
        ))
    }
}
