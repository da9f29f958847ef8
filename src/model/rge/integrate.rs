//! Integration of the RGEs between two scales, with the perturbativity stop.
//!
//! Two integrators, selected by [`Integrator`]:
//! - `Dopri5`: ode_solvers' adaptive Dormand-Prince at rtol 1e-10 (sparse output): the reference,
//!   used wherever speed does not matter;
//! - `FixedStep`: classical fourth-order Runge-Kutta with a fixed number of equal steps on stack
//!   arrays, no allocation: the hot path of the EWSB solve (hundreds of runs per point). Its
//!   truncation error is held to the reference by tests (`fixed_step_matches_dopri5_*`).

use std::cell::Cell;

use nalgebra::SVector;
use ode_solvers::{Dopri5, OutputType, System};
use serde::{Deserialize, Serialize};

use super::{
    beta, coupling_beta, couplings_from_array, couplings_to_array, RgeError, RgeOptions, RgeState,
    StateVector, COUPLING_NAMES, N_COUPLINGS, N_DIM1, PERTURBATIVE_LIMIT, STATE_DIM,
};
use crate::model::params::Couplings;

/// Relative tolerance of the Dopri5 step control.
const RTOL: f64 = 1e-10;
/// Absolute tolerance of the Dopri5 step control, in units where the soft terms are O(1): the
/// soft terms are divided by the mass scale of the starting state (see [`run`]).
const ATOL: f64 = 1e-12;

/// The largest step in t = ln Q of the fixed-step integrator. Between M ~ 1e5 GeV and
/// Q ~ 1e3 GeV (|Delta t| ~ 4.6) this is 19 steps; the largest rates (the soft masses driven
/// by the gluino, 16 pi^2 dm^2/dt ~ 8 C_3 g_3^2 M_3^2) change by well under 1 % per step, and the
/// fourth-order error is ~1e-9 relative (measured by the tests against Dopri5 at 1e-13).
pub const FIXED_STEP_MAX: f64 = 0.25;

/// Which integrator runs the RGEs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Integrator {
    /// Fixed-step fourth-order Runge-Kutta, steps of at most [`FIXED_STEP_MAX`] in ln Q.
    #[default]
    FixedStep,
    /// ode_solvers Dopri5, rtol 1e-10 (the reference).
    Dopri5,
}

impl std::fmt::Display for Integrator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Integrator::FixedStep => "fixed_step",
            Integrator::Dopri5 => "dopri5",
        })
    }
}

/// Why the integration was stopped from inside [`System::solout`].
#[derive(Clone, Copy, Debug)]
pub(super) enum Stop {
    /// Index of the coupling, its value, t.
    NonPerturbative(usize, f64, f64),
    /// A soft term became non-finite at t.
    NonFinite(f64),
}

/// First problem of a (scaled) state in the layout of [`RgeState::to_array`] (couplings first,
/// any further entries after them): a coupling beyond the limit or non-finite, or a non-finite
/// further entry.
pub(super) fn check_vector(y: &[f64], t: f64) -> Option<Stop> {
    if let Some(stop) = check_couplings(y, t) {
        return Some(stop);
    }
    if !y.iter().fold(true, |ok, v| ok & v.is_finite()) {
        return Some(Stop::NonFinite(t));
    }
    None
}

impl From<Stop> for RgeError {
    fn from(stop: Stop) -> Self {
        match stop {
            Stop::NonPerturbative(i, value, t) => RgeError::NonPerturbative {
                coupling: COUPLING_NAMES[i],
                value,
                scale: t.exp(),
            },
            Stop::NonFinite(t) => RgeError::Integration {
                message: format!("non-finite soft term at Q = {:.4e} GeV", t.exp()),
            },
        }
    }
}

/// The ODE system seen by ode_solvers, with the perturbativity stop.
struct RgeSystem<'a> {
    opts: RgeOptions,
    stop: &'a Cell<Option<Stop>>,
}

impl System<f64, StateVector> for RgeSystem<'_> {
    fn system(&self, _t: f64, y: &StateVector, dy: &mut StateVector) {
        *dy = beta(&RgeState::from_vector(y), &self.opts).to_vector();
    }

    fn solout(&mut self, t: f64, y: &StateVector, _dy: &StateVector) -> bool {
        match check_vector(y.as_slice(), t) {
            Some(stop) => {
                self.stop.set(Some(stop));
                true
            }
            None => false,
        }
    }
}

/// Multiplies the dimension-one soft entries by `factor` and the dimension-two ones by
/// `factor^2`. Every RGE is homogeneous in the soft terms with these weights, so integrating the
/// rescaled state gives the rescaled solution exactly.
fn scale_soft(mut v: StateVector, factor: f64) -> StateVector {
    for i in N_COUPLINGS..N_COUPLINGS + N_DIM1 {
        v[i] *= factor;
    }
    for i in N_COUPLINGS + N_DIM1..STATE_DIM {
        v[i] *= factor * factor;
    }
    v
}

/// The mass scale of the soft terms [GeV], at least 1 GeV.
pub(super) fn mass_scale(v: &StateVector) -> f64 {
    let dim1 = (N_COUPLINGS..N_COUPLINGS + N_DIM1).map(|i| v[i].abs());
    let dim2 = (N_COUPLINGS + N_DIM1..STATE_DIM).map(|i| v[i].abs().sqrt());
    dim1.chain(dim2).fold(1.0, f64::max)
}

/// Integrates the RGEs from `t_from` to `t_to` (t = ln Q/GeV, either direction) with Dopri5
/// (sparse output, rtol 1e-10). The soft terms are divided by the mass scale of the start state
/// before integrating, so the absolute tolerance 1e-12 is relative to the soft-term scale and
/// the couplings and soft terms are controlled alike.
///
/// Errors: [`RgeError::NonPerturbative`] when a coupling is beyond [`PERTURBATIVE_LIMIT`] or
/// non-finite (at the start or after any accepted step); [`RgeError::Integration`] for
/// non-finite soft terms or scales, or an integrator failure.
pub fn run(
    state: &RgeState,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
) -> Result<RgeState, RgeError> {
    run_with_tolerances(state, t_from, t_to, opts, RTOL, ATOL)
}

/// [`run`] with the chosen integrator.
pub fn run_using(
    integrator: Integrator,
    state: &RgeState,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
) -> Result<RgeState, RgeError> {
    match integrator {
        Integrator::Dopri5 => run(state, t_from, t_to, opts),
        Integrator::FixedStep => {
            let v = fixed_step(
                state.to_array(),
                t_from,
                t_to,
                check_vector,
                #[inline(always)]
                |y, dy| *dy = beta(&RgeState::from_array(y), opts).to_array(),
            )?;
            Ok(RgeState::from_array(&v))
        }
    }
}

/// The couplings alone from `t_from` to `t_to` (the soft terms do not enter their equations).
pub fn run_couplings_using(
    integrator: Integrator,
    c: &Couplings,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
) -> Result<Couplings, RgeError> {
    match integrator {
        Integrator::Dopri5 => {
            let state = RgeState {
                couplings: *c,
                soft: Default::default(),
            };
            Ok(run(&state, t_from, t_to, opts)?.couplings)
        }
        Integrator::FixedStep => {
            let v = fixed_step(
                couplings_to_array(c),
                t_from,
                t_to,
                check_couplings,
                #[inline(always)]
                |y, dy| *dy = couplings_to_array(&coupling_beta(&couplings_from_array(y), opts)),
            )?;
            Ok(couplings_from_array(&v))
        }
    }
}

/// Classical RK4 from `t_from` to `t_to` in `ceil(|Delta t| / FIXED_STEP_MAX)` equal steps, with
/// `check` (perturbativity, finiteness) after every step. `rhs(y, dy)` writes dy/dt at `y`. The
/// state and the four stages are stack arrays updated in place (this is the hot loop of the EWSB
/// solve); each entry sees the operations of the textbook form
/// `y + (k1 + 2 (k2 + k3) + k4) h/6` in that order. The callers pass `rhs` as an
/// `#[inline(always)]` closure over the inlined right-hand sides of `beta.rs` (see its module
/// header): a call per stage would pass the state and its derivatives through memory.
///
/// Where the processor has AVX2 the loop runs as a copy compiled for it: the same floating-point
/// operations in three-operand and wider forms (no fused multiply-add: rustc forms none unless
/// asked), so the same bits, in 14 % less time for the consistent joint run (docs/speed.md, issue
/// 20, session 35). The `unsafe` call is the price of choosing at run time: the alternative, the
/// whole crate built for AVX2 (`-C target-cpu=x86-64-v3`), would not run on older processors.
pub(super) fn fixed_step<const N: usize>(
    y0: [f64; N],
    t_from: f64,
    t_to: f64,
    check: fn(&[f64], f64) -> Option<Stop>,
    rhs: impl FnMut(&[f64; N], &mut [f64; N]),
) -> Result<[f64; N], RgeError> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: a `target_feature` function may run only on a processor with the feature,
        // detected on the line above.
        return unsafe { fixed_step_avx2(y0, t_from, t_to, check, rhs) };
    }
    fixed_step_body(y0, t_from, t_to, check, rhs)
}

/// [`fixed_step_body`] compiled for AVX2 (see [`fixed_step`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(super) fn fixed_step_avx2<const N: usize>(
    y0: [f64; N],
    t_from: f64,
    t_to: f64,
    check: fn(&[f64], f64) -> Option<Stop>,
    rhs: impl FnMut(&[f64; N], &mut [f64; N]),
) -> Result<[f64; N], RgeError> {
    fixed_step_body(y0, t_from, t_to, check, rhs)
}

/// Runs `f` as a copy compiled for AVX2 where the processor has it, else as it is: for the SM and
/// gauge runners' [`rk4`] (-1.5 % CPU on cons_running, docs/speed.md, issue 20, session 35). `f`
/// must be an `#[inline(always)]` closure over `#[inline(always)]` code: only what is inlined into
/// [`call_avx2`] is compiled for AVX2. The same floating-point operations as the plain copy (no
/// fused multiply-add), so the same bits. [`fixed_step`] keeps its own copy of this dispatch: the
/// closure form measured 1 % slower on its loop (and the same bits).
#[inline(always)]
pub(crate) fn with_avx2<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: a `target_feature` function may run only on a processor with the feature,
        // detected on the line above.
        return unsafe { call_avx2(f) };
    }
    f()
}

/// `f()` compiled for AVX2 (see [`with_avx2`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn call_avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// Classical RK4 of `dy/dt = f(y)` from `t0` to `t1` in `ceil(|t1 - t0| / step)` equal steps,
/// without checks: the runners below the messenger scale (the SM couplings from M_t in
/// model::yukawa, the gauge couplings from M_Z in model::gauge). Each entry sees
/// `y + h/6 (k1 + 2 k2 + 2 k3 + k4)`, the sum from the left: not [`fixed_step_body`]'s grouping,
/// so that these runners keep their bits. Compiled for AVX2 where available ([`with_avx2`]): `f`
/// should be `#[inline(always)]`.
#[inline(always)]
pub(crate) fn rk4<const N: usize>(
    y: [f64; N],
    t0: f64,
    t1: f64,
    step: f64,
    f: impl Fn(&[f64; N]) -> [f64; N],
) -> [f64; N] {
    with_avx2(
        #[inline(always)]
        || rk4_body(y, t0, t1, step, f),
    )
}

/// The loop of [`rk4`].
#[inline(always)]
pub(crate) fn rk4_body<const N: usize>(
    mut y: [f64; N],
    t0: f64,
    t1: f64,
    step: f64,
    f: impl Fn(&[f64; N]) -> [f64; N],
) -> [f64; N] {
    let n = ((t1 - t0).abs() / step).ceil().max(1.0) as usize;
    let h = (t1 - t0) / n as f64;
    let add = |a: &[f64; N], b: &[f64; N], s: f64| -> [f64; N] {
        std::array::from_fn(|i| a[i] + s * b[i])
    };
    for _ in 0..n {
        let k1 = f(&y);
        let k2 = f(&add(&y, &k1, h / 2.0));
        let k3 = f(&add(&y, &k2, h / 2.0));
        let k4 = f(&add(&y, &k3, h));
        y = std::array::from_fn(|i| y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]));
    }
    y
}

/// The loop of [`fixed_step`], inlined into each of its copies.
#[inline(always)]
pub(super) fn fixed_step_body<const N: usize>(
    y0: [f64; N],
    t_from: f64,
    t_to: f64,
    check: fn(&[f64], f64) -> Option<Stop>,
    mut rhs: impl FnMut(&[f64; N], &mut [f64; N]),
) -> Result<[f64; N], RgeError> {
    if !(t_from.is_finite() && t_to.is_finite()) {
        return Err(RgeError::Integration {
            message: format!("non-finite scale: t_from = {t_from}, t_to = {t_to}"),
        });
    }
    if let Some(stop) = check(&y0, t_from) {
        return Err(stop.into());
    }
    let span = t_to - t_from;
    let steps = (span.abs() / FIXED_STEP_MAX).ceil().max(1.0) as usize;
    let h = span / steps as f64;
    let (half, sixth) = (0.5 * h, h / 6.0);
    let mut y = y0;
    let [mut k1, mut k2, mut k3, mut k4, mut stage] = [[0.0; N]; 5];
    // stage = y + k h' entry by entry.
    let advance = |stage: &mut [f64; N], y: &[f64; N], k: &[f64; N], h: f64| {
        for ((s, y), k) in stage.iter_mut().zip(y).zip(k) {
            *s = y + k * h;
        }
    };
    for step in 1..=steps {
        rhs(&y, &mut k1);
        advance(&mut stage, &y, &k1, half);
        rhs(&stage, &mut k2);
        advance(&mut stage, &y, &k2, half);
        rhs(&stage, &mut k3);
        advance(&mut stage, &y, &k3, h);
        rhs(&stage, &mut k4);
        for i in 0..N {
            y[i] += (k1[i] + (k2[i] + k3[i]) * 2.0 + k4[i]) * sixth;
        }
        let t = if step == steps {
            t_to
        } else {
            t_from + h * step as f64
        };
        if let Some(stop) = check(&y, t) {
            return Err(stop.into());
        }
    }
    Ok(y)
}

/// The coupling part of [`check_vector`] (the first [`N_COUPLINGS`] entries of `y`). The hot path
/// (after every fixed step) is one pass without early exit: `|v| <= limit` is false for NaN and
/// infinities, so it tests finiteness too; the index of the first offender is looked up only
/// when there is one.
fn check_couplings(y: &[f64], t: f64) -> Option<Stop> {
    let within = |v: f64| v.abs() <= PERTURBATIVE_LIMIT;
    let head = &y[..N_COUPLINGS];
    if head.iter().fold(true, |ok, &v| ok & within(v)) {
        return None;
    }
    let i = head.iter().position(|&v| !within(v))?;
    Some(Stop::NonPerturbative(i, y[i], t))
}

/// [`run`] with explicit Dopri5 tolerances (the tests check the production ones against tighter).
pub(super) fn run_with_tolerances(
    state: &RgeState,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
    rtol: f64,
    atol: f64,
) -> Result<RgeState, RgeError> {
    if !(t_from.is_finite() && t_to.is_finite()) {
        return Err(RgeError::Integration {
            message: format!("non-finite scale: t_from = {t_from}, t_to = {t_to}"),
        });
    }
    let v0 = state.to_vector();
    if let Some(stop) = check_vector(v0.as_slice(), t_from) {
        return Err(stop.into());
    }
    if t_from == t_to {
        return Ok(*state);
    }

    let mu = mass_scale(&v0);
    let stop = Cell::new(None);
    let system = RgeSystem {
        opts: *opts,
        stop: &stop,
    };
    let y_last = dopri5_sparse(
        system,
        &stop,
        (t_from, t_to),
        scale_soft(v0, 1.0 / mu),
        (rtol, atol),
    )?;
    let v = scale_soft(y_last, mu);
    if let Some(stop) = check_vector(v.as_slice(), t_to) {
        return Err(stop.into());
    }
    Ok(RgeState::from_vector(&v))
}

/// Dopri5 from `t.0` to `t.1` with sparse output and tolerances `tol = (rtol, atol)`: the state at
/// `t.1`, or the stop `system` recorded in `stop`, an integrator failure, or an early end. Shared by
/// [`run`] and the joint run of `fs_terms`.
pub(super) fn dopri5_sparse<const N: usize, S>(
    system: S,
    stop: &Cell<Option<Stop>>,
    t: (f64, f64),
    y0: SVector<f64, N>,
    tol: (f64, f64),
) -> Result<SVector<f64, N>, RgeError>
where
    S: System<f64, SVector<f64, N>>,
{
    let (t_from, t_to) = t;
    let mut stepper = Dopri5::new(system, t_from, t_to, t_to - t_from, y0, tol.0, tol.1);
    stepper.set_output(OutputType::Sparse);
    let result = stepper.integrate();
    if let Some(stop) = stop.get() {
        return Err(stop.into());
    }
    result.map_err(|e| RgeError::Integration {
        message: e.to_string(),
    })?;
    let (Some(&t_last), Some(y_last)) = (stepper.x_out().last(), stepper.y_out().last()) else {
        return Err(RgeError::Integration {
            message: "integrator returned no output".into(),
        });
    };
    if (t_last - t_to).abs() > 1e-9 * (1.0 + t_to.abs()) {
        return Err(RgeError::Integration {
            message: format!("integration stopped at t = {t_last} instead of {t_to}"),
        });
    }
    Ok(*y_last)
}
