//! The reduction that follows the roots with the heavy singlet's threshold (docs/physics.md
//! section 5b, "A reduction that follows them"; `solver.followed_roots`).
//!
//! With `singlet_decoupling = "at_mass_threshold"` in the consistent RGE set the running at a
//! fixed Q depends on the unknowns (xi_N, eta_S, eta_N) only through s = xi_N^2 (boundary
//! conditions, section 3) and through the decoupling scale Q_dec = clamp(|eta_N y + 2 k x|, Q, M)
//! (section 5b); the threshold itself (model::singlet_threshold) depends on all three and on the
//! sign of xi_N. So at one Q:
//! - the running parameters are tabulated once: three RG runs in s (exact, section 3) at each of
//!   a few Chebyshev nodes in ln Q_dec on [ln Q, ln M], interpolated in ln Q_dec (smooth there,
//!   constant outside); each run is made at the eta_N that puts the singlet mass at that Q_dec;
//! - for each sign of xi_N and each |xi_N| of a grid, the conditions dV/dv_d = 0 and dV/dv_u = 0
//!   (equivalently dV/dv_d = 0 and the mu^2 relation) are solved for (eta_S, eta_N) with the
//!   threshold in them: dV/dv_d = 0 gives eta_S at each node of an eta_N grid (a bracketing
//!   solve: the threshold makes it non-linear in eta_S), dV/dv_u is scanned over the grid (nodes
//!   at the kinks where the singlet mass crosses Q and M) and each sign change bisected, close
//!   pairs looked for at the local minima of |dV/dv_u|; these are the points of the curve along
//!   which the roots lie;
//! - the curve's branches are matched from one |xi_N| to the next (nearest eta_N), and a sign
//!   change of the scaled dV/dx along a branch brackets a root; its linear interpolation is a
//!   starting point of the full model's Newton cascade with the Q iteration (point::search).
//!
//! Owns only the pre-search: the polish and the Q iteration are point::search's. Not the
//! default: measured on consistent ids 0..299 it costs 8-65x the default search and misses
//! solutions the default finds (docs/physics.md section 5b has the numbers and the causes).

use super::setup::PointSetup;
use crate::constraints::Rejection;
use crate::model::potential::{stationarity, PotentialParams, SingletCouplings};
use crate::model::rge::{singlet_decoupling_scale, PERTURBATIVE_LIMIT};
use crate::model::singlet_threshold::singlet_threshold;
use crate::solve::roots::{RootStart, ScaledSurrogate};

/// Chebyshev-Lobatto nodes in ln Q_dec between ln Q and ln M.
const Q_DEC_NODES: usize = 6;

/// RG runs per Q_dec node (the running is quadratic in s = xi_N^2, section 3).
const S_NODES: usize = 3;

/// Grid intervals in |xi_N|.
const XI_INTERVALS: usize = 64;

/// Largest grid spacing in eta_N (pairs of roots ~0.15 apart exist; closer pairs are found by
/// the local minima of |dV/dv_u|).
const ETA_N_SPACING: f64 = 0.06;

/// Largest distance in eta_N between the points of one branch at neighbouring |xi_N| nodes.
const BRANCH_MATCH: f64 = 0.2;

/// eta_S on dV/dv_d = 0: scaled residual at which it stops, steps to find a sign change (each at
/// most ETA_S_MAX_STEP; solutions have |eta_S| <~ 0.15), iterations on the bracket.
const ETA_S_TOLERANCE: f64 = 1e-10;
const ETA_S_BRACKET_TRIES: usize = 8;
const ETA_S_MAX_STEP: f64 = 0.05;
const ETA_S_ITERATIONS: usize = 60;

/// Bisection steps of a sign change in eta_N.
const ETA_N_BISECTIONS: usize = 12;

/// The running parameters at one Q as functions of (s, ln Q_dec) (also the running of the
/// surrogate cascade, point::surrogate_cascade).
pub(super) struct Tabulated {
    surrogate: ScaledSurrogate,
    /// ln Q and ln M: the range of ln Q_dec.
    t_range: (f64, f64),
    /// Largest |xi_N| whose runs succeeded.
    pub(super) u_max: f64,
}

/// A point of the curve {dV/dv_d = 0, dV/dv_u = 0} at one |xi_N| and sign: the etas and the
/// scaled dV/dx there.
#[derive(Clone, Copy, Debug)]
struct CurvePoint {
    eta_s: f64,
    eta_n: f64,
    g: f64,
}

impl PointSetup<'_> {
    /// Starting points for the full model's Newton cascade from the reduction at `q`, in
    /// increasing xi_N.
    pub(super) fn followed_root_starts(
        &self,
        base: &SingletCouplings<f64>,
        q: f64,
    ) -> Result<Vec<RootStart>, Rejection> {
        let tab = self.tabulate(base, q)?;
        let mut starts = Vec::new();
        let n = XI_INTERVALS;
        let us: Vec<f64> = (0..=n)
            .map(|i| tab.u_max * (1e-3 + (1.0 - 1e-3) * i as f64 / n as f64))
            .collect();
        for sign in [1.0, -1.0] {
            let curves: Vec<Vec<CurvePoint>> = us
                .iter()
                .map(|&u| self.curve_points(&tab, base, sign * u, q))
                .collect();
            for i in 0..n {
                for a in &curves[i] {
                    let Some(b) = curves[i + 1]
                        .iter()
                        .filter(|b| (b.eta_n - a.eta_n).abs() < BRANCH_MATCH)
                        .min_by(|x, y| {
                            (x.eta_n - a.eta_n)
                                .abs()
                                .total_cmp(&(y.eta_n - a.eta_n).abs())
                        })
                    else {
                        continue;
                    };
                    if a.g.signum() == b.g.signum() {
                        continue;
                    }
                    let w = a.g / (a.g - b.g);
                    let lerp = |x: f64, y: f64| x + w * (y - x);
                    let couplings = SingletCouplings {
                        xi_n: sign * lerp(us[i], us[i + 1]),
                        eta_s: lerp(a.eta_s, b.eta_s),
                        eta_n: lerp(a.eta_n, b.eta_n),
                        ..base.clone()
                    };
                    starts.push(RootStart { couplings, q });
                }
            }
        }
        starts.sort_by(|a, b| {
            let (a, b) = (&a.couplings, &b.couplings);
            a.xi_n.total_cmp(&b.xi_n).then(a.eta_n.total_cmp(&b.eta_n))
        });
        Ok(starts)
    }

    /// The running at `q` tabulated in (s, ln Q_dec); the s range shrinks where a run fails.
    pub(super) fn tabulate(
        &self,
        base: &SingletCouplings<f64>,
        q: f64,
    ) -> Result<Tabulated, Rejection> {
        let (y, x) = (self.inputs.vev_s, self.inputs.vev_n);
        let (t_lo, t_hi) = (q.ln(), y.ln().max(q.ln()));
        let t_nodes: Vec<f64> = (0..Q_DEC_NODES)
            .map(|k| {
                let theta = std::f64::consts::PI * k as f64 / (Q_DEC_NODES - 1) as f64;
                t_lo + 0.5 * (t_hi - t_lo) * (1.0 - theta.cos())
            })
            .collect();
        let mut s_max = self.ev.ewsb.xi_n_max.powi(2);
        let mut last_failure = None;
        for _ in 0..16 {
            let s_nodes: Vec<f64> = (0..S_NODES)
                .map(|j| {
                    let theta = std::f64::consts::PI * j as f64 / (S_NODES - 1) as f64;
                    0.5 * s_max * (1.0 - theta.cos())
                })
                .collect();
            let runs: Result<Vec<Vec<PotentialParams>>, Rejection> = t_nodes
                .iter()
                .map(|&t| {
                    // The eta_N whose singlet mass |eta_N y + 2 k x| is Q_dec = e^t.
                    let eta_n = (t.exp() - 2.0 * base.k * x) / y;
                    s_nodes
                        .iter()
                        .map(|&s| {
                            let c = SingletCouplings {
                                xi_n: s.sqrt(),
                                eta_n,
                                ..base.clone()
                            };
                            let evo = self.evolution_for_params(&c, q)?;
                            Ok(self.running_potential_params(&evo, q))
                        })
                        .collect()
                })
                .collect();
            match runs {
                Ok(runs) => {
                    return Ok(Tabulated {
                        surrogate: ScaledSurrogate::new(t_nodes, s_nodes, &runs),
                        t_range: (t_lo, t_hi),
                        u_max: s_max.sqrt(),
                    })
                }
                Err(e) => {
                    last_failure = Some(e);
                    s_max *= 0.75;
                }
            }
        }
        Err(last_failure.expect("at least one attempt"))
    }

    /// The potential's parameters at `q` for the couplings `c`: the tabulated running at
    /// (xi_N^2, ln Q_dec(eta_N)) and the threshold at `c` (as `PointSetup::potential_params`).
    pub(super) fn tabulated_params(
        &self,
        tab: &Tabulated,
        c: &SingletCouplings<f64>,
        q: f64,
    ) -> PotentialParams {
        let y = self.inputs.vev_s;
        let x = self.inputs.vev_n;
        let q_dec =
            singlet_decoupling_scale(&self.couplings_at(c, q, 1.0), y, x, q, y, &self.ev.physics);
        let t = q_dec.ln().clamp(tab.t_range.0, tab.t_range.1);
        let mut p = PotentialParams {
            q,
            ..tab.surrogate.at(c.xi_n * c.xi_n, t)
        };
        if q_dec > q {
            singlet_threshold(c, &p, x, q_dec).apply(&mut p);
        }
        p
    }

    /// The scaled conditions (dV/dv_d, dV/dv_u, dV/dx) at `c`.
    fn scaled_conditions(&self, tab: &Tabulated, c: &SingletCouplings<f64>, q: f64) -> [f64; 3] {
        stationarity(self.vevs, c, &self.tabulated_params(tab, c, q)).scaled()
    }

    /// eta_S that solves dV/dv_d = 0 at (xi_N, eta_N) with the threshold in it, and the scaled
    /// conditions there. The condition is linear in eta_S at fixed parameters, but the threshold
    /// makes it strongly non-linear (measured: the scaled condition swings between -0.99 and
    /// +0.80 over 0.1 in eta_S), so a plain secant diverges: secant steps find a sign change,
    /// then false position on the bracket. None where no sign change is found.
    fn eta_s_on_condition(
        &self,
        tab: &Tabulated,
        c: &SingletCouplings<f64>,
        q: f64,
    ) -> Option<(f64, [f64; 3])> {
        let at = |eta_s: f64| {
            let c = SingletCouplings { eta_s, ..c.clone() };
            self.scaled_conditions(tab, &c, q)
        };
        let converged = |e: f64, f: [f64; 3]| {
            (f[0].abs() < ETA_S_TOLERANCE && f.iter().all(|v| v.is_finite())).then_some((e, f))
        };
        // Secant steps (at most ETA_S_MAX_STEP each) until the condition changes sign.
        let (mut e0, mut f0) = (0.0, at(0.0));
        let (mut e1, mut f1) = (0.01, at(0.01));
        let mut tries = 0;
        while f0[0].signum() == f1[0].signum() {
            tries += 1;
            let slope = (f1[0] - f0[0]) / (e1 - e0);
            if tries > ETA_S_BRACKET_TRIES || !(slope.is_finite() && slope != 0.0) {
                return None;
            }
            let step = (-f1[0] / slope).clamp(-ETA_S_MAX_STEP, ETA_S_MAX_STEP);
            let e2 = e1 + step;
            if !(e2.abs() <= PERTURBATIVE_LIMIT) {
                return None;
            }
            let f2 = at(e2);
            if let Some(done) = converged(e2, f2) {
                return Some(done);
            }
            // Keep the nearer-to-zero pair moving: the newest point and the better old one.
            if f0[0].abs() < f1[0].abs() {
                (e1, f1) = (e0, f0);
            }
            (e0, f0) = (e1, f1);
            (e1, f1) = (e2, f2);
        }
        // Illinois false position on the bracket (the condition is not linear in eta_S with the
        // threshold in it).
        let ((mut lo, mut f_lo), (mut hi, mut f_hi)) = ((e0, f0), (e1, f1));
        let mut side = 0;
        for _ in 0..ETA_S_ITERATIONS {
            let e = (lo * f_hi[0] - hi * f_lo[0]) / (f_hi[0] - f_lo[0]);
            let e = if e.is_finite() && e > lo.min(hi) && e < lo.max(hi) {
                e
            } else {
                0.5 * (lo + hi)
            };
            let f = at(e);
            if let Some(done) = converged(e, f) {
                return Some(done);
            }
            if f[0].signum() == f_lo[0].signum() {
                (lo, f_lo) = (e, f);
                if side == -1 {
                    f_hi[0] *= 0.5;
                }
                side = -1;
            } else {
                (hi, f_hi) = (e, f);
                if side == 1 {
                    f_lo[0] *= 0.5;
                }
                side = 1;
            }
            if (hi - lo).abs() < 1e-14 {
                // A jump of the condition (the singlet mass crossing Q or M), not a root.
                return None;
            }
        }
        None
    }

    /// The eta_N grid over [-PERTURBATIVE_LIMIT, PERTURBATIVE_LIMIT]: spacing at most
    /// ETA_N_SPACING, with nodes at the kinks where the singlet mass |eta_N y + 2 k x| crosses Q
    /// (the threshold switches on) and M (Q_dec stops moving).
    fn eta_n_grid(&self, base: &SingletCouplings<f64>, q: f64) -> Vec<f64> {
        let (y, x) = (self.inputs.vev_s, self.inputs.vev_n);
        let shift = 2.0 * base.k * x / y;
        let mut kinks: Vec<f64> = [-PERTURBATIVE_LIMIT, PERTURBATIVE_LIMIT]
            .into_iter()
            .chain([q / y, -q / y, 1.0, -1.0].map(|m| m - shift))
            .filter(|e| e.abs() <= PERTURBATIVE_LIMIT)
            .collect();
        kinks.sort_by(f64::total_cmp);
        let mut grid = vec![kinks[0]];
        for w in kinks.windows(2) {
            let n = ((w[1] - w[0]) / ETA_N_SPACING).ceil().max(1.0) as usize;
            grid.extend((1..=n).map(|j| w[0] + (w[1] - w[0]) * j as f64 / n as f64));
        }
        grid
    }

    /// The points of the curve at `xi_n`: the eta_N grid, eta_S from dV/dv_d = 0 at each, every
    /// sign change of dV/dv_u bisected.
    fn curve_points(
        &self,
        tab: &Tabulated,
        base: &SingletCouplings<f64>,
        xi_n: f64,
        q: f64,
    ) -> Vec<CurvePoint> {
        let eval = |eta_n: f64| {
            let c = SingletCouplings {
                xi_n,
                eta_n,
                ..base.clone()
            };
            self.eta_s_on_condition(tab, &c, q)
        };
        let grid = self.eta_n_grid(base, q);
        let values: Vec<Option<(f64, [f64; 3])>> = grid.iter().map(|&e| eval(e)).collect();
        let mut points = Vec::new();
        let bisect = |mut lo: f64, mut hi: f64, f_lo: (f64, [f64; 3]), f_hi: (f64, [f64; 3])| {
            let (mut f_lo, mut last) = (f_lo, f_hi);
            for _ in 0..ETA_N_BISECTIONS {
                let mid = 0.5 * (lo + hi);
                let Some(m) = eval(mid) else {
                    break;
                };
                if m.1[1].signum() == f_lo.1[1].signum() {
                    lo = mid;
                    f_lo = m;
                } else {
                    hi = mid;
                }
                last = m;
            }
            CurvePoint {
                eta_s: last.0,
                eta_n: 0.5 * (lo + hi),
                g: last.1[2],
            }
        };
        for i in 0..grid.len() - 1 {
            let (Some(a), Some(b)) = (values[i], values[i + 1]) else {
                continue;
            };
            if a.1[1].signum() != b.1[1].signum() {
                points.push(bisect(grid[i], grid[i + 1], a, b));
                continue;
            }
            // A close pair: |dV/dv_u| smallest at an inner node, the same sign around.
            if i + 2 < grid.len() {
                if let Some(c) = values[i + 2] {
                    let (fa, fb, fc) = (a.1[1].abs(), b.1[1].abs(), c.1[1].abs());
                    if fb < fa && fb < fc && b.1[1].signum() == c.1[1].signum() {
                        // The parabola's vertex through the three nodes.
                        let (x0, x1, x2) = (grid[i], grid[i + 1], grid[i + 2]);
                        let (y0, y1, y2) = (a.1[1], b.1[1], c.1[1]);
                        let d = (x0 - x1) * (x0 - x2) * (x1 - x2);
                        let ca = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / d;
                        let cb =
                            (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / d;
                        if ca != 0.0 {
                            let xv = (-cb / (2.0 * ca)).clamp(x0, x2);
                            if let Some(v) = eval(xv) {
                                if v.1[1].signum() != b.1[1].signum() {
                                    let (l, r) = if xv < x1 { (x0, x1) } else { (x1, x2) };
                                    let (fl, fr) = if xv < x1 { (a, b) } else { (b, c) };
                                    points.push(bisect(l, xv, fl, v));
                                    points.push(bisect(xv, r, v, fr));
                                }
                            }
                        }
                    }
                }
            }
        }
        points
    }
}

#[cfg(test)]
mod tests {
    //! The tabulated running with the threshold against the full model (a fresh RG evolution at
    //! the same couplings, `ScaleModel::params_at`).
    use super::*;
    use crate::model::potential::stationarity;
    use crate::point::consistent_plan;
    use crate::solve::roots::ScaleModel;

    /// At id 15 of configs/consistent.toml, for couplings with the singlet mass between Q and M
    /// (the interpolation in ln Q_dec) and above M: the scaled stationarity conditions from the
    /// tabulation equal the full model's to 1e-7 (measured ~1e-11 at a solution), and a shift of
    /// eta_N by 0.05 moves them by far more than that (the tabulation follows Q_dec and the
    /// threshold).
    #[test]
    fn the_tabulation_reproduces_the_full_model() {
        let plan = consistent_plan(None);
        let ev = plan.evaluator();
        let inputs = plan.inputs(15);
        let setup =
            PointSetup::new(&ev, &inputs, (0.01 * inputs.lambda_susy, inputs.lambda_n)).unwrap();
        let base = SingletCouplings {
            xi_n: 0.0,
            eta_s: 0.005,
            eta_n: 1.0,
            ..setup.input_couplings()
        };
        let q = 543.0;
        let tab = setup.tabulate(&base, q).unwrap();
        for (xi_n, eta_s, eta_n) in [
            (0.712, 0.0131, -0.075),
            (-1.3, -0.01, 0.62),
            (2.1, 0.02, 1.7),
        ] {
            let c = SingletCouplings {
                xi_n,
                eta_s,
                eta_n,
                ..base.clone()
            };
            let full = stationarity(setup.vevs, &c, &setup.params_at(q, &c).unwrap()).scaled();
            let tabulated = setup.scaled_conditions(&tab, &c, q);
            let shifted = setup.scaled_conditions(
                &tab,
                &SingletCouplings {
                    eta_n: eta_n + 0.05,
                    ..c.clone()
                },
                q,
            );
            for i in 0..3 {
                let diff = (full[i] - tabulated[i]).abs();
                assert!(
                    diff < 1e-7,
                    "{c:?} condition {i}: {full:?} vs {tabulated:?}"
                );
                assert!((shifted[i] - full[i]).abs() > 1e3 * diff.max(1e-12));
            }
        }
    }
}
