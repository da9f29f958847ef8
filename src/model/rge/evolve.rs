//! One point's RG evolution (docs/physics.md section 3, step 3): the couplings from Q up to M with
//! xi_S(Q) shot so that xi_S(M) = 1 (hmz1999), the boundary conditions at M, and couplings and soft
//! terms back down to Q.

use std::f64::consts::PI;

use super::fs_terms::{run_with_fs_terms, FsTerms};
use super::integrate::run_couplings_using;
use super::{
    couplings_from_vector, couplings_to_vector, run_using, Integrator, RgeError, RgeOptions,
    RgeState,
};
use crate::config::{FsTermsRunning, PhysicsConfig, RgeSet};
use crate::model::boundary::{self, MessengerInputs};
use crate::model::params::{Couplings, SoftTerms};

/// The result of [`evolve`]: couplings at Q and M, soft terms at M (boundary conditions) and Q.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evolution {
    /// The input couplings at Q, with xi_S(Q) solved from xi_S(M) = 1 (hmz1999) or set to 1
    /// (consistent: xi_S does not run). All other entries are exactly the inputs.
    pub couplings_q: Couplings,
    pub couplings_m: Couplings,
    pub soft_m: SoftTerms,
    pub soft_q: SoftTerms,
    /// The F_S-induced soft terms at Q (switch `fs_terms_running`; `None` when they run as
    /// their couplings).
    pub fs_q: Option<FsTerms>,
    /// hmz1999: the slope d ln xi_S(M) / d ln xi_S(Q) of the xi_S(Q) shooting's last secant step
    /// (a start for the next shooting of the same point: `slope_hint` of
    /// `evolve_sector_with_vev_n`); `None` in the consistent set (xi_S does not run).
    pub xi_s_slope: Option<f64>,
}

/// Convergence of the xi_S(M) = 1 condition.
const XI_S_TOLERANCE: f64 = 1e-12;
/// The secant iteration for xi_S(Q) ends without a further run when its next root u2 satisfies
/// |u2 - u0| |u2 - u1| below this (see [`solve_xi_s`]).
const XI_S_INTERPOLATION: f64 = 1e-15;
/// Maximum number of secant steps for xi_S(Q).
const XI_S_MAX_ITER: usize = 30;
/// Starting value of xi_S(Q) when the input is not in (0, 2) (HMZ quote xi_S(Q) = 0.94).
const XI_S_DEFAULT_START: f64 = 0.94;

/// docs/physics.md section 3, step 3: couplings from Q up to M = `messenger.m_mess` (soft terms zero
/// on the way up; they do not enter the coupling equations), the boundary conditions of
/// section 4 at M (with `messenger.n5`), then couplings and soft terms from M down to Q.
///
/// `couplings_q` holds every coupling at Q (gauge couplings from [`gauge_couplings_at`], the
/// Yukawas, the singlet couplings); its `xi_s` is only a starting guess. Whether h_b and h_tau
/// are kept (switch `bottom_tau_yukawas`) is the caller's choice: pass zeros to drop them. In the hmz1999 set
/// xi_S runs, and xi_S(Q) is found by a secant iteration on ln xi_S(Q) until
/// |xi_S(M) - 1| < 1e-12. In the consistent set xi_S does not run and xi_S(Q) = 1.
pub fn evolve(
    couplings_q: &Couplings,
    q: f64,
    messenger: &MessengerInputs,
    cfg: &PhysicsConfig,
) -> Result<Evolution, RgeError> {
    evolve_using(Integrator::Dopri5, couplings_q, q, messenger, cfg)
}

thread_local! {
    /// RG evolutions started on this thread (for `gmsbscan bench`: evolutions per point).
    static EVOLUTIONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// Coupling up-runs of the hmz1999 xi_S shooting started on this thread.
    static UPRUNS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one evolution on this thread.
pub(super) fn count_evolution() {
    EVOLUTIONS.with(|n| n.set(n.get() + 1));
}

/// The number of [`evolve`] / [`evolve_using`] / `evolve_sector_using` calls made so far on the
/// calling thread, without those answered from a point's memo of recent evolutions
/// (`thresholds::UpRuns`), which run nothing.
pub fn evolutions_on_this_thread() -> u64 {
    EVOLUTIONS.with(|n| n.get())
}

/// The number of coupling up-runs Q -> M of the hmz1999 xi_S(Q) shooting made so far on the
/// calling thread (`gmsbscan bench`: up-runs per evolution).
pub fn xi_s_upruns_on_this_thread() -> u64 {
    UPRUNS.with(|n| n.get())
}

/// The scale below which the singlet loops leave the running (switch `singlet_decoupling`,
/// docs/physics.md section 5b): the singlet multiplet's supersymmetric mass
/// `|eta_N y + 2 k x|` (the singlino mass; the etas and k do not run below it, so their values at
/// Q are those at the decoupling scale) clamped to [Q, M]; Q itself (no decoupled segment) with
/// `singlet_decoupling = "running"` or the hmz1999 RGE set.
pub fn singlet_decoupling_scale(
    c_q: &Couplings,
    y: f64,
    vev_n: f64,
    q: f64,
    m: f64,
    cfg: &PhysicsConfig,
) -> f64 {
    let sw = &cfg.switches;
    if !sw.singlet_decoupling.at_mass() || sw.rge_set != RgeSet::Consistent {
        return q;
    }
    let mass = (c_q.eta_n * y + 2.0 * c_q.k * vev_n).abs();
    if mass.is_finite() {
        mass.clamp(q, m)
    } else {
        q
    }
}

/// The couplings from `from` up to `to` (`from < to`) with the singlet loops left out below
/// `q_dec` (docs/physics.md section 5b); a segment of zero length is skipped, so with
/// `q_dec = from` this is exactly one run.
pub(super) fn run_couplings_split(
    integrator: Integrator,
    c: &Couplings,
    from: f64,
    to: f64,
    q_dec: f64,
    opts: &RgeOptions,
) -> Result<Couplings, RgeError> {
    let mut c = *c;
    for (a, b, decoupled) in split_segments(from, to, q_dec) {
        let o = RgeOptions {
            singlet_decoupled: decoupled,
            ..*opts
        };
        c = run_couplings_using(integrator, &c, a.ln(), b.ln(), &o)?;
    }
    Ok(c)
}

/// The segments of `from -> to` (either direction) cut at `q_dec` when it lies strictly between
/// them, each with whether it lies below `q_dec` (singlet loops left out).
pub(super) fn split_segments(from: f64, to: f64, q_dec: f64) -> Vec<(f64, f64, bool)> {
    let (lo, hi) = (from.min(to), from.max(to));
    if from == to {
        Vec::new()
    } else if q_dec > lo && q_dec < hi {
        vec![(from, q_dec, from < q_dec), (q_dec, to, to < q_dec)]
    } else {
        vec![(from, to, hi <= q_dec && q_dec > lo)]
    }
}

/// The state (and the F_S terms, when they run) from `from` to `to` with the singlet loops left
/// out below `q_dec` (docs/physics.md section 5b).
#[allow(clippy::too_many_arguments)]
pub(super) fn run_down_split(
    integrator: Integrator,
    state: &RgeState,
    fs: Option<FsTerms>,
    y: f64,
    from: f64,
    to: f64,
    q_dec: f64,
    opts: &RgeOptions,
) -> Result<(RgeState, Option<FsTerms>), RgeError> {
    let (mut state, mut fs) = (*state, fs);
    for (a, b, decoupled) in split_segments(from, to, q_dec) {
        let o = RgeOptions {
            singlet_decoupled: decoupled,
            ..*opts
        };
        match fs {
            Some(f) => {
                let (s, f) = run_with_fs_terms(integrator, &state, &f, y, a.ln(), b.ln(), &o)?;
                (state, fs) = (s, Some(f));
            }
            None => state = run_using(integrator, &state, a.ln(), b.ln(), &o)?,
        }
    }
    Ok((state, fs))
}

/// [`evolve`] with the chosen integrator (the EWSB solve uses the fixed-step one); the singlet
/// VEV of [`singlet_decoupling_scale`] taken as zero (see [`evolve_with_vev_n`]).
pub fn evolve_using(
    integrator: Integrator,
    couplings_q: &Couplings,
    q: f64,
    messenger: &MessengerInputs,
    cfg: &PhysicsConfig,
) -> Result<Evolution, RgeError> {
    evolve_with_vev_n(integrator, couplings_q, q, messenger, cfg, 0.0)
}

/// [`evolve_using`] with the singlet VEV `x` that enters the singlet's mass (the decoupling scale
/// of docs/physics.md section 5b).
pub fn evolve_with_vev_n(
    integrator: Integrator,
    couplings_q: &Couplings,
    q: f64,
    messenger: &MessengerInputs,
    cfg: &PhysicsConfig,
    vev_n: f64,
) -> Result<Evolution, RgeError> {
    count_evolution();
    let m = messenger.m_mess;
    if !(q > 0.0 && q < m) {
        return Err(RgeError::ScaleOrder { q, m });
    }
    let opts = RgeOptions::from(&cfg.switches);
    let (t_q, t_m) = (q.ln(), m.ln());
    let q_dec = singlet_decoupling_scale(couplings_q, m, vev_n, q, m, cfg);

    let XiSShot {
        xi_s_q,
        couplings_m,
        slope: xi_s_slope,
    } = match opts.set {
        RgeSet::Consistent => {
            let c = Couplings {
                xi_s: 1.0,
                ..*couplings_q
            };
            XiSShot {
                xi_s_q: 1.0,
                couplings_m: run_couplings_split(integrator, &c, q, m, q_dec, &opts)?,
                slope: None,
            }
        }
        RgeSet::Hmz1999 => solve_xi_s(
            |c: &Couplings| run_couplings_using(integrator, c, t_q, t_m, &opts),
            couplings_q,
            (t_q, t_m),
            None,
        )?,
    };
    let couplings_q = Couplings {
        xi_s: xi_s_q,
        ..*couplings_q
    };

    let soft_m = boundary::soft_terms_at_messenger(&couplings_m, messenger, &cfg.switches);
    let state_m = RgeState {
        couplings: couplings_m,
        soft: soft_m,
    };
    // y = M (xi_S(M) = 1, docs/physics.md section 2).
    let y = messenger.m_mess;
    let fs_m = (opts.fs_terms_running != FsTermsRunning::Couplings)
        .then(|| FsTerms::at_messenger(couplings_m.lambda_s, y, messenger.f_s()));
    let (at_q, fs_q) = run_down_split(integrator, &state_m, fs_m, y, m, q, q_dec, &opts)?;
    Ok(Evolution {
        couplings_q,
        couplings_m,
        soft_m,
        soft_q: at_q.soft,
        fs_q,
        xi_s_slope,
    })
}

/// The result of [`solve_xi_s`].
pub(super) struct XiSShot {
    pub(super) xi_s_q: f64,
    pub(super) couplings_m: Couplings,
    /// d ln xi_S(M) / d ln xi_S(Q) of the last secant step (the hint when there was none).
    pub(super) slope: Option<f64>,
}

/// hmz1999: finds xi_S(Q) with xi_S(M) = 1, all other couplings fixed at Q. Secant iteration on
/// `u = ln xi_S(Q)` for `F(u) = ln xi_S(M)`, with `up` running the couplings from Q to M; returns
/// xi_S(Q), the couplings at M and the last secant slope. The first step takes `slope_hint` (the
/// slope of a previous shooting of the same point, [`Evolution::xi_s_slope`]) when it is near the
/// estimate from the xi_S equation.
///
/// The iteration ends when a run meets |xi_S(M) - 1| < [`XI_S_TOLERANCE`], or, one run earlier,
/// when the secant root `u2` of the last two runs `u0`, `u1` lies so close to both that the
/// straight line through their couplings at M is exact to [`XI_S_INTERPOLATION`]: the
/// interpolation error of every coupling C at M is `|C''| |u2 - u0| |u2 - u1| / 2`, and the
/// curvature `C''/C` of the couplings at M in ln xi_S(Q) is O(1) (up to O(100) near a Landau
/// pole), so the interpolated couplings at M (and u2 itself, whose secant error is of the same
/// order) are closer to the exact shooting than a run that meets the tolerance (which leaves
/// u off by up to 1e-12). The couplings at M are then that interpolation at `u2`.
pub(super) fn solve_xi_s(
    up: impl Fn(&Couplings) -> Result<Couplings, RgeError>,
    c_q: &Couplings,
    (t_q, t_m): (f64, f64),
    slope_hint: Option<f64>,
) -> Result<XiSShot, RgeError> {
    let up = |u: f64| {
        UPRUNS.with(|n| n.set(n.get() + 1));
        let c = Couplings {
            xi_s: u.exp(),
            ..*c_q
        };
        up(&c)
    };
    let converged = |c: &Couplings| (c.xi_s - 1.0).abs() < XI_S_TOLERANCE;

    let start = if c_q.xi_s > 0.0 && c_q.xi_s < 2.0 {
        c_q.xi_s
    } else {
        XI_S_DEFAULT_START
    };
    let mut u0 = start.ln();
    let mut c0 = up(u0)?;
    if converged(&c0) {
        return Ok(XiSShot {
            xi_s_q: u0.exp(),
            couplings_m: c0,
            slope: slope_hint,
        });
    }
    let mut f0 = c0.xi_s.ln();
    // First step with the slope dF/du ~ 1 + 18 xi_S^2 (t_M - t_Q)/16pi^2 of the dominant
    // 9 xi_S^3 term in the printed xi_S equation (later steps use the secant slope).
    let slope0 = 1.0 + 18.0 * start * start * (t_m - t_q) / (16.0 * PI * PI);
    // A nearby shooting's last secant slope (same point, nearby couplings) when it is close to
    // this estimate: the slope is the same to ~1e-4 there, the estimate to ~1e-1.
    let slope0 = match slope_hint {
        Some(s) if s > 0.5 * slope0 && s < 2.0 * slope0 => s,
        _ => slope0,
    };
    let mut u1 = u0 - f0 / slope0;
    let mut last_slope = slope_hint;
    for _ in 0..XI_S_MAX_ITER {
        let c1 = up(u1)?;
        if converged(&c1) {
            return Ok(XiSShot {
                xi_s_q: u1.exp(),
                couplings_m: c1,
                slope: last_slope,
            });
        }
        let f1 = c1.xi_s.ln();
        let slope = (f1 - f0) / (u1 - u0);
        if !(slope.is_finite() && slope != 0.0) {
            break;
        }
        let u2 = u1 - f1 / slope;
        if ((u2 - u0) * (u2 - u1)).abs() < XI_S_INTERPOLATION {
            let w = (u2 - u1) / (u1 - u0);
            let at_m = couplings_to_vector(&c1)
                + (couplings_to_vector(&c1) - couplings_to_vector(&c0)) * w;
            return Ok(XiSShot {
                xi_s_q: u2.exp(),
                couplings_m: couplings_from_vector(&at_m),
                slope: Some(slope),
            });
        }
        last_slope = Some(slope);
        (u0, f0, c0) = (u1, f1, c1);
        u1 = u2;
    }
    Err(RgeError::Integration {
        message: format!(
            "xi_S(M) = 1 not reached from xi_S(Q) = {start} in {XI_S_MAX_ITER} secant steps"
        ),
    })
}
