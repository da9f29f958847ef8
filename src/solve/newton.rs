//! The general EWSB solver at a fixed scale Q: Newton's method on the three stationarity
//! conditions for any three unknown couplings, from one starting point.
//!
//! The soft terms depend on the unknowns through the boundary conditions and the RG running, so
//! the residual of a trial point is "run the RGEs, then differentiate V". The Jacobian is the
//! exact (automatically differentiated) explicit dependence of the stationarity conditions on the
//! couplings, plus the implicit dependence through the RG-evolved parameters by forward differences
//! (one extra RG run per unknown): the mu^2 relation depends on the unknowns only through the
//! running, so that part cannot be dropped.
//!
//! A cascade of solvers (FlexibleSUSY habit): argmin's Gauss-Newton with a backtracking line
//! search, then, only if Gauss-Newton got close (max scaled residual below
//! [`LM_THRESHOLD`]), a Levenberg-Marquardt trust region; the best candidate and its residual are
//! kept, and convergence is judged on the conditions divided by the size of the terms they cancel.

use std::cell::RefCell;
use std::collections::VecDeque;

use argmin::core::{Error as ArgminError, Executor, Jacobian, Operator};
use argmin::solver::gaussnewton::GaussNewtonLS;
use argmin::solver::linesearch::{condition::ArmijoCondition, BacktrackingLineSearch};
use levenberg_marquardt::{LeastSquaresProblem, LevenbergMarquardt};
use nalgebra::{Matrix3, Owned, Vector3, U3};

use super::{Candidate, EwsbSettings, SolveResult, StationarityModel};
use crate::config::Coupling;
use crate::constraints::Rejection;
use crate::model::potential::{
    stationarity, stationarity_jacobian, PotentialParams, SingletCouplings, Stationarity,
};
use crate::recent::push_recent;

/// Levenberg-Marquardt runs only when Gauss-Newton got the max scaled residual below this: a start
/// that Gauss-Newton cannot bring near a root is not near one, and LM would spend its whole
/// patience in the failure barrier.
pub const LM_THRESHOLD: f64 = 1e-3;

/// Residual given to solvers at trial points where the model fails (a barrier: scaled residuals
/// of a sensible point are O(1) at most).
const FAILED_RESIDUAL: f64 = 1e3;

struct Evaluation {
    couplings: SingletCouplings<f64>,
    params: PotentialParams,
    /// The conditions and their scales at this point (computed once per model evaluation).
    stationarity: Stationarity,
}

/// Model evaluations a solve remembers (a Gauss-Newton step revisits its trial point for the
/// Jacobian and the candidate).
const EVALUATION_CACHE: usize = 8;

/// A memoised model evaluation (None: the model failed there).
type CacheEntry = (Vector3<f64>, Option<std::rc::Rc<Evaluation>>);

/// The stationarity problem in scaled unknowns z_j = u_j / typical_size_j.
struct Problem<'a, M> {
    model: &'a M,
    vevs: [f64; 3],
    unknowns: [Coupling; 3],
    base: SingletCouplings<f64>,
    /// Fixed row scales during one solver run.
    row_scale: [f64; 3],
    fd_step: f64,
    cache: RefCell<VecDeque<CacheEntry>>,
    last_failure: RefCell<Option<Rejection>>,
    /// The evaluated point with the smallest max |scaled residual| so far.
    best: RefCell<Option<(f64, Vector3<f64>)>>,
    /// Residual evaluations requested by argmin (its line search has no iteration limit of its
    /// own, so the budget below is what ends a stalled search).
    argmin_evaluations: std::cell::Cell<u64>,
    argmin_budget: u64,
    /// Model evaluations (RG evolutions) made, and the most allowed ([`solve_at_scale_within`]).
    model_evaluations: std::cell::Cell<u64>,
    model_budget: u64,
    /// [`Budget::known`] (scaled unknowns, sign of xi_N) and [`Budget::known_radius`].
    known: Vec<(Vector3<f64>, f64)>,
    known_radius: f64,
}

/// How many model evaluations (RG evolutions) a solve may spend ([`solve_at_scale_within`]), and
/// the solutions it need not reach again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget<'k> {
    /// At most this many evaluations, finite-difference columns included.
    pub evaluations: u64,
    /// Solutions found before: the solve stops as soon as its best point lies within
    /// `known_radius` of one of them (every unknown within that many of its typical sizes, the
    /// same sign of xi_N), converged there or not: it is heading for a solution already known.
    pub known: &'k [SingletCouplings<f64>],
    pub known_radius: f64,
}

impl Budget<'_> {
    /// At most `evaluations` model evaluations, no known solutions.
    pub fn evaluations(evaluations: u64) -> Self {
        Self {
            evaluations,
            known: &[],
            known_radius: 0.0,
        }
    }
}

impl<'a, M: StationarityModel> Problem<'a, M> {
    fn couplings(&self, z: &Vector3<f64>) -> SingletCouplings<f64> {
        let mut c = self.base.clone();
        for (j, &u) in self.unknowns.iter().enumerate() {
            *c.get_mut(u) = z[j] * u.typical_size();
        }
        c
    }

    fn evaluate(&self, z: &Vector3<f64>) -> Option<std::rc::Rc<Evaluation>> {
        if let Some((_, e)) = self.cache.borrow().iter().find(|(k, _)| k == z) {
            return e.clone();
        }
        let couplings = self.couplings(z);
        let result = if z.iter().all(|v| v.is_finite()) && self.spend_model_evaluation() {
            match self.model.params(&couplings) {
                Ok(params) => {
                    let st = stationarity(self.vevs, &couplings, &params);
                    if st.gradient.iter().all(|g| g.is_finite()) {
                        Some(std::rc::Rc::new(Evaluation {
                            couplings,
                            params,
                            stationarity: st,
                        }))
                    } else {
                        None
                    }
                }
                Err(rejection) => {
                    *self.last_failure.borrow_mut() = Some(rejection);
                    None
                }
            }
        } else {
            None
        };
        push_recent(
            &mut self.cache.borrow_mut(),
            (*z, result.clone()),
            EVALUATION_CACHE,
        );
        result
    }

    /// Counts one model evaluation; false (and nothing counted) when the budget is spent.
    fn spend_model_evaluation(&self) -> bool {
        if self.budget_spent() {
            return false;
        }
        self.model_evaluations.set(self.model_evaluations.get() + 1);
        true
    }

    /// The evaluation budget is used up, or the best point is near a known solution.
    fn budget_spent(&self) -> bool {
        if self.model_evaluations.get() >= self.model_budget {
            return true;
        }
        let best = *self.best.borrow();
        best.is_some_and(|(_, z)| self.near_known(&z))
    }

    /// Whether `z` lies within [`Budget::known_radius`] of a known solution.
    fn near_known(&self, z: &Vector3<f64>) -> bool {
        let sign = self.couplings(z).xi_n.signum();
        self.known
            .iter()
            .any(|(k, s)| *s == sign && (z - k).amax() < self.known_radius)
    }

    fn residual(&self, z: &Vector3<f64>) -> Vector3<f64> {
        match self.evaluate(z) {
            Some(e) => {
                let r = Vector3::from_fn(|i, _| e.stationarity.gradient[i] / self.row_scale[i]);
                let size = r.amax();
                let mut best = self.best.borrow_mut();
                if best.as_ref().is_none_or(|(b, _)| size < *b) {
                    *best = Some((size, *z));
                }
                r
            }
            None => Vector3::repeat(FAILED_RESIDUAL),
        }
    }

    /// d residual / dz: explicit part by automatic differentiation, implicit part (through the RG
    /// run) by forward differences of the model's parameters.
    fn jacobian(&self, z: &Vector3<f64>) -> Option<Matrix3<f64>> {
        let e = self.evaluate(z)?;
        let (_, explicit) =
            stationarity_jacobian(self.vevs, &e.couplings, self.unknowns, &e.params);
        let mut jac = Matrix3::zeros();
        for (j, &u) in self.unknowns.iter().enumerate() {
            let h = self.fd_step * u.typical_size();
            let mut shifted = e.couplings.clone();
            *shifted.get_mut(u) += h;
            if !self.spend_model_evaluation() {
                return None;
            }
            let implicit = match self.model.params(&shifted) {
                Ok(p) => {
                    let g = stationarity(self.vevs, &e.couplings, &p).gradient;
                    [0, 1, 2].map(|i| (g[i] - e.stationarity.gradient[i]) / h)
                }
                Err(_) => [0.0; 3],
            };
            for i in 0..3 {
                jac[(i, j)] = (explicit[i][j] + implicit[i]) * u.typical_size() / self.row_scale[i];
            }
        }
        jac.iter().all(|v| v.is_finite()).then_some(jac)
    }

    fn candidate(&self, z: &Vector3<f64>, solver: &'static str) -> Option<Candidate> {
        let e = self.evaluate(z)?;
        Some(Candidate {
            couplings: e.couplings.clone(),
            params: e.params.clone(),
            scaled_residuals: e.stationarity.scaled(),
            solver,
        })
    }
}

impl<M: StationarityModel> Operator for Problem<'_, M> {
    type Param = Vector3<f64>;
    type Output = Vector3<f64>;
    fn apply(&self, z: &Self::Param) -> Result<Self::Output, ArgminError> {
        Ok(self.residual(z))
    }
}

impl<M: StationarityModel> Jacobian for Problem<'_, M> {
    type Param = Vector3<f64>;
    type Jacobian = Matrix3<f64>;
    fn jacobian(&self, z: &Self::Param) -> Result<Self::Jacobian, ArgminError> {
        Problem::jacobian(self, z).ok_or_else(|| {
            argmin::core::ArgminError::InvalidParameter {
                text: "model failed at the Jacobian point".into(),
            }
            .into()
        })
    }
}

/// The Levenberg-Marquardt view of the same problem.
struct LmProblem<'p, 'a, M> {
    problem: &'p Problem<'a, M>,
    z: Vector3<f64>,
}

impl<M: StationarityModel> LeastSquaresProblem<f64, U3, U3> for LmProblem<'_, '_, M> {
    type ResidualStorage = Owned<f64, U3>;
    type JacobianStorage = Owned<f64, U3, U3>;
    type ParameterStorage = Owned<f64, U3>;
    fn set_params(&mut self, z: &Vector3<f64>) {
        self.z = *z;
    }
    fn params(&self) -> Vector3<f64> {
        self.z
    }
    fn residuals(&self) -> Option<Vector3<f64>> {
        Some(self.problem.residual(&self.z))
    }
    fn jacobian(&self) -> Option<Matrix3<f64>> {
        self.problem.jacobian(&self.z)
    }
}

/// Solves the stationarity conditions at fixed Q from `start` (the unknowns' values in it are the
/// starting point; the other couplings are fixed).
pub fn solve_at_scale<M: StationarityModel>(
    model: &M,
    vevs: [f64; 3],
    unknowns: [Coupling; 3],
    start: &SingletCouplings<f64>,
    settings: &EwsbSettings,
) -> SolveResult {
    solve_at_scale_within(
        model,
        vevs,
        unknowns,
        start,
        settings,
        Budget::evaluations(u64::MAX),
    )
}

/// [`solve_at_scale`] within `budget` (model evaluations = RG evolutions, finite-difference
/// columns included): a start that has not converged within them, or whose best point comes
/// near a known solution, ends as not converged with the best point reached.
pub fn solve_at_scale_within<M: StationarityModel>(
    model: &M,
    vevs: [f64; 3],
    unknowns: [Coupling; 3],
    start: &SingletCouplings<f64>,
    settings: &EwsbSettings,
    budget: Budget,
) -> SolveResult {
    let mut problem = Problem::new(model, vevs, unknowns, start, settings);
    problem.model_budget = budget.evaluations;
    problem.known = budget
        .known
        .iter()
        .map(|k| (problem.z_of(k), k.xi_n.signum()))
        .collect();
    problem.known_radius = budget.known_radius;
    match cascade(&problem, start, settings) {
        SolveResult::Converged(c) if problem.near_known(&problem.z_of(&c.couplings)) => {
            SolveResult::NotConverged(Some(c), None)
        }
        result => result,
    }
}

/// Newton with Broyden's rank-one updates from a start near a root: one full Jacobian (or the
/// `jacobian` of a previous, nearby solve), then one RG evolution per iteration instead of the
/// four of a Gauss-Newton step with a fresh Jacobian. Falls back to the cascade of
/// [`solve_at_scale`] from the best point it reached when it does not converge. On convergence
/// `jacobian` holds the last Broyden matrix, for the next solve (the next Q of the iteration).
pub fn solve_at_scale_broyden<M: StationarityModel>(
    model: &M,
    vevs: [f64; 3],
    unknowns: [Coupling; 3],
    start: &SingletCouplings<f64>,
    settings: &EwsbSettings,
    jacobian: &mut Option<Matrix3<f64>>,
) -> SolveResult {
    let problem = Problem::new(model, vevs, unknowns, start, settings);
    let z0 = problem.z_of(start);
    if problem.evaluate(&z0).is_some() {
        if let Some(z) = broyden(&problem, z0, jacobian, settings) {
            if let Some(c) = problem.candidate(&z, "broyden") {
                if c.max_residual() < settings.tolerance {
                    return SolveResult::Converged(c);
                }
            }
        }
    }
    *jacobian = None;
    let from = problem
        .best
        .borrow()
        .map_or(start.clone(), |(_, z)| problem.couplings(&z));
    cascade(&problem, &from, settings)
}

/// The Broyden iteration: returns the point where the scaled residuals met the tolerance.
fn broyden<M: StationarityModel>(
    problem: &Problem<'_, M>,
    z0: Vector3<f64>,
    jacobian: &mut Option<Matrix3<f64>>,
    settings: &EwsbSettings,
) -> Option<Vector3<f64>> {
    let size = |z: &Vector3<f64>| problem.candidate(z, "broyden").map(|c| c.max_residual());
    let warm = jacobian.take();
    let mut fresh = warm.is_none();
    let mut j = match warm {
        Some(j) => j,
        None => problem.jacobian(&z0)?,
    };
    let (mut z, mut r) = (z0, problem.residual(&z0));
    for _ in 0..BROYDEN_MAX_ITERS {
        if size(&z)? < settings.tolerance {
            *jacobian = Some(j);
            return Some(z);
        }
        let Some(step) = j.lu().solve(&(-r)) else {
            break;
        };
        // Backtracking on the max residual: full step first.
        let accepted = (0..4).map(|k| 0.5f64.powi(k)).find_map(|t| {
            let zt = z + step * t;
            let rt = problem.residual(&zt);
            (rt.amax() < r.amax()).then_some((zt, rt, t))
        });
        match accepted {
            Some((z_new, r_new, t)) => {
                let s = step * t;
                j += (r_new - r - j * s) * s.transpose() / s.norm_squared();
                (z, r) = (z_new, r_new);
                fresh = false;
            }
            // No decrease along a stale direction: one fresh Jacobian, then give up.
            None if !fresh => {
                j = problem.jacobian(&z)?;
                fresh = true;
            }
            None => break,
        }
    }
    None
}

/// Iterations of [`broyden`] before the cascade takes over.
const BROYDEN_MAX_ITERS: usize = 12;

/// Gauss-Newton, then Levenberg-Marquardt, on `problem` from `start`.
fn cascade<M: StationarityModel>(
    problem: &Problem<'_, M>,
    start: &SingletCouplings<f64>,
    settings: &EwsbSettings,
) -> SolveResult {
    let z0 = problem.z_of(start);
    let Some(_) = problem.evaluate(&z0) else {
        let failure = problem.last_failure.borrow().clone();
        return SolveResult::NotConverged(None, failure);
    };

    let mut best: Option<Candidate> = problem.candidate(&z0, "start");
    if let Some(b) = &best {
        if b.max_residual() < settings.tolerance {
            return SolveResult::Converged(best.unwrap());
        }
    }
    let consider = |cand: Option<Candidate>, best: &mut Option<Candidate>| {
        if let Some(c) = cand {
            if best
                .as_ref()
                .is_none_or(|b| c.max_residual() < b.max_residual())
            {
                *best = Some(c);
            }
        }
    };

    // Stage 1: Gauss-Newton (= Newton on a square system) with a backtracking line search.
    let gn_end = run_gauss_newton(problem, z0, settings.max_iters);
    consider(
        gn_end.and_then(|z| problem.candidate(&z, "gauss-newton")),
        &mut best,
    );
    match &best {
        Some(b) if b.max_residual() < settings.tolerance => {
            return SolveResult::Converged(best.unwrap())
        }
        Some(b) if b.max_residual() < LM_THRESHOLD && !problem.budget_spent() => {}
        _ => {
            let failure = problem.last_failure.borrow().clone();
            return SolveResult::NotConverged(best, failure);
        }
    }

    // Stage 2: Levenberg-Marquardt trust region from the best point so far.
    let from = best
        .as_ref()
        .map(|b| problem.z_of(&b.couplings))
        .unwrap_or(z0);
    let lm = LevenbergMarquardt::new()
        .with_patience(settings.max_iters as usize)
        .with_ftol(1e-15)
        .with_xtol(1e-15)
        .with_gtol(1e-15);
    let (lm_end, _report) = lm.minimize(LmProblem { problem, z: from });
    consider(
        problem.candidate(&lm_end.z, "levenberg-marquardt"),
        &mut best,
    );

    match best {
        Some(b) if b.max_residual() < settings.tolerance => SolveResult::Converged(b),
        other => {
            let failure = problem.last_failure.borrow().clone();
            SolveResult::NotConverged(other, failure)
        }
    }
}

impl<'a, M: StationarityModel> Problem<'a, M> {
    /// The problem around `start`, with the row scales of the conditions at `start` (unit scales
    /// if the model fails there: the first evaluation then reports the failure).
    fn new(
        model: &'a M,
        vevs: [f64; 3],
        unknowns: [Coupling; 3],
        start: &SingletCouplings<f64>,
        settings: &EwsbSettings,
    ) -> Self {
        let mut problem = Problem {
            model,
            vevs,
            unknowns,
            base: start.clone(),
            row_scale: [1.0; 3],
            fd_step: settings.fd_step,
            cache: RefCell::new(VecDeque::new()),
            last_failure: RefCell::new(None),
            best: RefCell::new(None),
            argmin_evaluations: std::cell::Cell::new(0),
            argmin_budget: 10 * settings.max_iters,
            model_evaluations: std::cell::Cell::new(0),
            model_budget: u64::MAX,
            known: Vec::new(),
            known_radius: 0.0,
        };
        let z0 = problem.z_of(start);
        if let Some(first) = problem.evaluate(&z0) {
            problem.row_scale = first.stationarity.scale;
        }
        problem
    }

    fn z_of(&self, c: &SingletCouplings<f64>) -> Vector3<f64> {
        Vector3::from_fn(|j, _| c.get(self.unknowns[j]) / self.unknowns[j].typical_size())
    }
}

fn run_gauss_newton<M: StationarityModel>(
    problem: &Problem<'_, M>,
    z0: Vector3<f64>,
    max_iters: u64,
) -> Option<Vector3<f64>> {
    let condition = ArmijoCondition::new(1e-4).ok()?;
    let linesearch = BacktrackingLineSearch::new(condition).rho(0.5).ok()?;
    let solver = GaussNewtonLS::new(linesearch);
    let result = Executor::new(ProblemRef(problem), solver)
        .configure(|state| state.param(z0).max_iters(max_iters))
        .run();
    match result {
        Ok(res) => res.state().best_param.or(res.state().param),
        Err(_) => None,
    }
}

/// argmin takes its problem by value; this forwards to a borrowed [`Problem`].
struct ProblemRef<'p, 'a, M>(&'p Problem<'a, M>);

impl<M: StationarityModel> Operator for ProblemRef<'_, '_, M> {
    type Param = Vector3<f64>;
    type Output = Vector3<f64>;
    fn apply(&self, z: &Self::Param) -> Result<Self::Output, ArgminError> {
        let n = self.0.argmin_evaluations.get() + 1;
        self.0.argmin_evaluations.set(n);
        if n > self.0.argmin_budget || self.0.budget_spent() {
            return Err(argmin::core::ArgminError::ConditionViolated {
                text: "evaluation budget of the Gauss-Newton stage exhausted".into(),
            }
            .into());
        }
        self.0.apply(z)
    }
}

impl<M: StationarityModel> Jacobian for ProblemRef<'_, '_, M> {
    type Param = Vector3<f64>;
    type Jacobian = Matrix3<f64>;
    fn jacobian(&self, z: &Self::Param) -> Result<Self::Jacobian, ArgminError> {
        Jacobian::jacobian(self.0, z)
    }
}
