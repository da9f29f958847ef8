//! The search for every EWSB solution of one point, with the Q = sqrt(m_stop1 m_stop2)
//! iteration around each (docs/physics.md section 3 step 4).
//!
//! Two strategies (`solver.strategy`): the root search of `solve::roots` for the unknowns
//! (xi_N, eta_S, eta_N) — exact roots followed through Q in the consistent RGE set, refined and
//! Newton-polished roots in hmz1999 — and the multistart (the Newton cascade from deterministic
//! starting points) for any other unknowns. Distinct converged solutions are kept, in increasing
//! xi_N for the root search.

use super::setup::{FixedScaleModel, PointSetup};
use super::surrogate_cascade::Tabulations;
use super::threshold_roots::Tabulated;
use super::Solution;
use crate::config::{Coupling, RgeSet};
use crate::constraints::{Rejection, RejectionReason};
use crate::model::potential::{stop_masses2_at, SingletCouplings};
use crate::phases::{self, Phase};
use crate::recent::push_recent;
use crate::solve::newton::{solve_at_scale_broyden, solve_at_scale_within, Budget};
use crate::solve::roots::{self, RootSearch, RootStart, Scales};
use crate::solve::{solve_at_scale, Candidate, EwsbSettings, SolveResult, Strategy};

/// How a start is converged at each Q.
#[derive(Clone, Copy)]
enum Polish<'b> {
    /// Gauss-Newton then Levenberg-Marquardt, fresh Jacobians (robust from afar).
    Cascade,
    /// Newton with Broyden updates, the cascade as fallback (cheap near a root).
    Broyden,
    /// The cascade at the first Q (from afar), then Broyden from the solution of the previous Q
    /// (which moves by ~1e-3 per Q step).
    ///
    /// The cascade stops at the first Q when it comes near one of the solutions found before
    /// (`Budget::known`): the start would only find that solution again.
    CascadeThenBroyden(&'b [SingletCouplings<f64>]),
    /// The exact reduced problem solved again at each Q near the root followed (`base`: the
    /// fixed couplings of the root search); the cascade verifies it (it returns at once when
    /// the root meets the tolerance).
    ExactRoot(&'b SingletCouplings<f64>),
    /// With the singlet threshold (`solver.surrogate_cascade`): at the first Q the cascade on the
    /// tabulated running at that Q, then on the exact model from its solution
    /// (point::surrogate_cascade); the cascade at every later Q.
    SurrogateThenCascade(&'b Tabulated),
}

/// Half-width in |xi_N| of the window in which a root is followed from one Q to the next (roots
/// move by ~1e-3 when Q moves by a few per cent; distinct roots are ~0.1 apart).
const TRACK_WINDOW: f64 = 0.05;

/// Half-width in |xi_N| of the local re-solve around each root of the inexact root search.
const REFINE_WINDOW: f64 = 0.15;

/// The multistart starting points added to the inexact root search: those with |xi_N| at least this.
const OUTER_START_MIN_XI_N: f64 = 0.85;

/// hmz1999: the RG evolutions an outer start may spend at its first Q. Measured on the default
/// configuration (hmz1999, ids 0-5999, with the stop near known solutions below): the outer
/// starts that converge (each to a solution not found before) took at most 65 (446 starts; none
/// more with a cap of 400), while 761 of the 4186 that do not converge ran into a cap of 150.
/// A cap of 100 (5 % less CPU there) lost solutions elsewhere: with `m_n2_one_loop_xmess` on
/// (erratum-ladder step 4, 3000 points) 13 points' only solutions (not_a_minimum, tachyonic) were
/// not found; with 150 those scans are byte-identical to the solver before the known-solution stop.
const OUTER_START_EVOLUTIONS: u64 = 150;

/// hmz1999: an outer start is dropped once its first-Q cascade comes within this many typical
/// sizes (per unknown, the same sign of xi_N) of a solution the root starts found: it would only
/// converge to that solution again (distinct solutions differ by ~0.1 in xi_N, a solution moves
/// by ~1e-3 per Q step). Measured against the full convergence of every outer start on default
/// ids 0-99999: no solution lost or added (docs/physics.md section 3).
const KNOWN_SOLUTION_RADIUS: f64 = 0.02;

/// hmz1999, `solver.eta_search`: the reference eta_N of the second root search (the first is at
/// 0.8). Measured on 20000 default points against a reference taken from the first search's
/// roots (the largest of their eta_N, or that plus 0.05): 1.0 finds every viable solution of the
/// outer starts, the root-derived references each missed one viable solution and 3-5 more
/// rejected ones (docs/physics.md section 3).
const SECOND_REFERENCE_ETA_N: f64 = 1.0;

/// Largest |xi_N(Q)| of the root search when the reduction is not exact (hmz1999 running).
const INEXACT_XI_N_MAX: f64 = 1.5;

/// The roots of one search of [`PointSetup::exact_roots_at`], with what it depends on.
pub(super) struct RecentExactRoots {
    key: ExactRootsKey,
    roots: Vec<SingletCouplings<f64>>,
}

/// What a search of [`PointSetup::exact_roots_at`] depends on besides the point, as bits: Q, the
/// window's centre |xi_N| and the fixed couplings and reference etas of the search.
#[derive(Clone, Copy, PartialEq)]
struct ExactRootsKey {
    q: u64,
    u: u64,
    base: [u64; 6],
}

impl ExactRootsKey {
    fn new(base: &SingletCouplings<f64>, u: f64, q: f64) -> Self {
        let b = base;
        Self {
            q: q.to_bits(),
            u: u.to_bits(),
            base: [b.xi_n, b.eta_s, b.eta_n, b.lambda_s, b.lambda_n, b.k].map(f64::to_bits),
        }
    }
}

/// How many searches [`PointSetup::exact_roots_at`] remembers: the starts come in increasing
/// xi_N, so the mirror of a root is followed after the roots between them (each a few Q steps).
pub(super) const RECENT_EXACT_ROOTS: usize = 8;

/// A solution of the stationarity conditions with Q iterated to convergence.
pub(super) struct Converged {
    pub(super) candidate: Candidate,
    pub(super) q: f64,
    pub(super) q_iterations: usize,
    pub(super) start: usize,
}

/// The best failure so far: the smallest residual reached and its reason.
pub(super) type BestFailure = Option<(f64, Rejection)>;

/// The root searches' order of solutions: increasing xi_N, then eta_N (the `solution` index).
fn sort_by_xi_n(found: &mut [Converged]) {
    found.sort_by(|a, b| {
        let (ca, cb) = (&a.candidate.couplings, &b.candidate.couplings);
        ca.xi_n
            .total_cmp(&cb.xi_n)
            .then(ca.eta_n.total_cmp(&cb.eta_n))
    });
}

pub(super) fn keep_best_failure(best: &mut BestFailure, residual: f64, rejection: Rejection) {
    if best.as_ref().is_none_or(|(r, _)| residual < *r) {
        *best = Some((residual, rejection));
    }
}

impl PointSetup<'_> {
    /// Every distinct converged solution with spectrum and verdict: in increasing xi_N from the
    /// root search, in the order of the starting points from the multistart.
    pub(super) fn solutions(&self) -> Result<Vec<Solution>, Rejection> {
        self.search()?
            .into_iter()
            .enumerate()
            .map(|(index, conv)| self.build_solution(index, conv))
            .collect()
    }

    /// Every distinct converged solution (before its spectrum is built).
    pub(super) fn search(&self) -> Result<Vec<Converged>, Rejection> {
        let settings = &self.ev.ewsb;
        if settings.strategy == Strategy::Roots && roots::applies_to(&self.unknowns()) {
            self.search_roots()
        } else {
            self.search_multistart()
        }
    }

    /// The multistart search: the Newton cascade from each deterministic starting point.
    fn search_multistart(&self) -> Result<Vec<Converged>, Rejection> {
        let mut found: Vec<Converged> = Vec::new();
        let mut best_failure: BestFailure = None;
        let starts = self.starting_points();
        // One first guess of Q per point (the stop soft masses hardly depend on the unknowns);
        // later starts begin at the Q an earlier start converged to.
        let mut q_guess = self.initial_q(&starts[0]);
        for (start_index, start) in starts.into_iter().enumerate() {
            match self.solve_from(&start, q_guess) {
                Ok(mut conv) => {
                    q_guess = conv.q;
                    conv.start = start_index;
                    self.push_distinct(&mut found, conv);
                }
                Err((residual, rejection)) => {
                    keep_best_failure(&mut best_failure, residual, rejection)
                }
            }
        }
        Self::found_or_failure(found, best_failure)
    }

    /// The root search (`solve::roots`): every root of the reduced problem with Q
    /// self-consistent on interpolated RG runs, each then followed through the exact
    /// Q = sqrt(m_stop1 m_stop2) iteration. When the reduction is exact (consistent RGE set) each
    /// Q step re-solves the reduced problem at that Q; otherwise each root is a starting point of
    /// the Newton cascade with the exact running.
    ///
    /// With the heavy singlet's threshold (`singlet_decoupling = "at_mass_threshold"`) the
    /// reduction is not exact: the threshold is evaluated at the reference etas of the RG runs,
    /// and its eta_N dependence (through the singlet mass) dominates the mu^2 relation (at a
    /// default point, dm_Hu^2 moves by ~3e3 GeV^2 per 0.01 in eta_N, which moves the root in
    /// |xi_N| by ~0.3), so no reduction at fixed etas follows it (docs/physics.md section 5b).
    /// The roots are then starting points of the Newton cascade with the full model, and every
    /// starting point of the multistart is added: the search finds what the multistart finds
    /// plus what the roots lead to.
    fn search_roots(&self) -> Result<Vec<Converged>, Rejection> {
        if self.has_singlet_threshold() && self.ev.ewsb.followed_roots {
            return self.search_followed_roots();
        }
        let bases = self.root_search_bases();
        let base = bases[0].clone();
        let q0 = self.initial_q(&SingletCouplings {
            xi_n: 0.5,
            ..base.clone()
        });
        let exact = self.ev.physics.switches.rge_set == RgeSet::Consistent;
        let settings = EwsbSettings {
            // The degree-4 interpolation in s of the inexact case is only good over the range of
            // the data it can reach; beyond |xi_N| ~ 1.5 the hmz1999 running nears its Landau pole.
            xi_n_max: if exact {
                self.ev.ewsb.xi_n_max
            } else {
                self.ev.ewsb.xi_n_max.min(INEXACT_XI_N_MAX)
            },
            ..self.ev.ewsb
        };
        let search = RootSearch {
            starting_points_only: !exact,
            ..RootSearch::new(
                self.vevs,
                &base,
                &settings,
                Self::s_nodes(exact),
                Scales::SelfConsistent(q0),
            )
        };
        let root_phase = phases::enter(Phase::RootSearch);
        // Each start with the reference couplings of the search that found it.
        let mut starts = roots::solutions(self, &search)?;
        let mut start_bases = vec![base.clone(); starts.len()];
        // With the singlet decoupled at its mass, a second search with the singlet light (the
        // running of the other regime) finds the roots whose singlet lies well below M.
        for other in &bases[1..] {
            let more = roots::solutions(
                self,
                &RootSearch {
                    starting_points_only: !exact,
                    ..RootSearch::new(
                        self.vevs,
                        other,
                        &settings,
                        Self::s_nodes(exact),
                        Scales::SelfConsistent(q0),
                    )
                },
            )
            .unwrap_or_default();
            start_bases.extend(std::iter::repeat_n(other.clone(), more.len()));
            starts.extend(more);
        }
        if !exact && self.ev.ewsb.eta_search {
            starts = self.add_second_reference_roots(starts, &base, &search, q0);
        }
        if !exact {
            starts = self.refine_inexact_roots(starts, &base);
            start_bases = vec![base.clone(); starts.len()];
        }
        drop(root_phase);
        let n_roots = starts.len();
        if !exact && self.ev.ewsb.outer_starts {
            // The interpolation in s degrades towards the Landau pole of the hmz1999 running
            // (|xi_N(Q)| >~ 0.9) and ignores how the etas move the running: the multistart's
            // outer starting points (|xi_N| = 0.9) are added. Measured against the multistart
            // alone on 4500 default points: 130 more solutions found, 1 of 2393 not found (a root
            // with eta_N = 1.59, far from the reference etas; docs/physics.md section 3).
            starts.extend(
                self.starting_points()
                    .into_iter()
                    .filter(|c| c.xi_n.abs() >= OUTER_START_MIN_XI_N)
                    .map(|couplings| RootStart { couplings, q: q0 }),
            );
        }
        if starts.is_empty() {
            return Err(Rejection::new(
                RejectionReason::NoEwsb,
                format!(
                    "the mu^2 relation has no root for |xi_N| <= {:.3} near Q = {q0:.1} GeV",
                    self.ev.ewsb.xi_n_max
                ),
            ));
        }
        // With the heavy singlet's threshold the reduction is not exact (below), so the roots are
        // starting points and the multistart's starting points are added.
        let threshold = self.has_singlet_threshold();
        if threshold {
            starts.extend(
                self.starting_points()
                    .into_iter()
                    .map(|couplings| RootStart { couplings, q: q0 }),
            );
        }
        let mut found: Vec<Converged> = Vec::new();
        let mut best_failure: BestFailure = None;
        let mut tabulations = Tabulations::default();
        for (start_index, start) in starts.iter().enumerate() {
            let result = if threshold && self.ev.ewsb.surrogate_cascade {
                match self.tabulation_at(&mut tabulations, &base, start.q) {
                    Some(tab) => {
                        self.iterate_q(&start.couplings, start.q, Polish::SurrogateThenCascade(tab))
                    }
                    None => self.solve_from(&start.couplings, start.q),
                }
            } else if threshold {
                self.solve_from(&start.couplings, start.q)
            } else if exact {
                self.track_exact_root(&start.couplings, start.q, &start_bases[start_index])
            } else if start_index < n_roots {
                // Near a root: Broyden updates (one RG evolution per iteration).
                self.iterate_q(&start.couplings, start.q, Polish::Broyden)
            } else {
                // An outer start: from afar at the first Q only.
                let known: Vec<SingletCouplings<f64>> = found
                    .iter()
                    .map(|f| f.candidate.couplings.clone())
                    .collect();
                self.iterate_q(
                    &start.couplings,
                    start.q,
                    Polish::CascadeThenBroyden(&known),
                )
            };
            match result {
                Ok(mut conv) => {
                    conv.start = start_index;
                    self.push_distinct(&mut found, conv);
                }
                Err((residual, rejection)) => {
                    keep_best_failure(&mut best_failure, residual, rejection)
                }
            }
        }
        sort_by_xi_n(&mut found);
        Self::found_or_failure(found, best_failure)
    }

    /// With the heavy singlet's threshold (`solver.followed_roots`): the starting points of the
    /// reduction that follows the roots (point::threshold_roots), each converged by the Newton
    /// cascade with the Q iteration. Not the default: it misses solutions the default finds
    /// (docs/physics.md section 5b gives what it costs and finds).
    fn search_followed_roots(&self) -> Result<Vec<Converged>, Rejection> {
        let base = self.root_search_bases()[0].clone();
        let q0 = self.initial_q(&SingletCouplings {
            xi_n: 0.5,
            ..base.clone()
        });
        let starts = {
            let _phase = phases::enter(Phase::RootSearch);
            self.followed_root_starts(&base, q0)?
        };
        let mut found: Vec<Converged> = Vec::new();
        let mut best_failure: BestFailure = None;
        for (start_index, start) in starts.iter().enumerate() {
            let r = self.solve_from(&start.couplings, start.q);
            match r {
                Ok(mut conv) => {
                    conv.start = start_index;
                    self.push_distinct(&mut found, conv);
                }
                Err((residual, rejection)) => {
                    keep_best_failure(&mut best_failure, residual, rejection)
                }
            }
        }
        if found.is_empty() && best_failure.is_none() {
            return Err(Rejection::new(
                RejectionReason::NoEwsb,
                format!("the followed roots have no sign change of dV/dx near Q = {q0:.1} GeV"),
            ));
        }
        sort_by_xi_n(&mut found);
        Self::found_or_failure(found, best_failure)
    }

    /// hmz1999 (`solver.eta_search`): the interpolated running is taken at reference etas, but
    /// the etas move the running (the betas of lambda_N, k, lambda_S and xi_S contain eta^2), and
    /// some roots exist only at etas away from the reference (pairs of roots at xi_N ~ -0.6 with
    /// eta_N ~ 0.83-0.98 where the reference is 0.8). The reduced problem is solved again at the
    /// one scale `q0` with the reference eta_N = SECOND_REFERENCE_ETA_N; its roots that the first
    /// search did not find (none of the same sign within TRACK_WINDOW in xi_N) are added. A
    /// failed second search adds nothing. docs/physics.md section 3 gives what this finds and
    /// misses compared with the outer starts.
    fn add_second_reference_roots(
        &self,
        mut starts: Vec<RootStart>,
        base: &SingletCouplings<f64>,
        search: &RootSearch<'_>,
        q0: f64,
    ) -> Vec<RootStart> {
        if self.input_couplings().eta_n.is_finite() {
            // eta_N is an input, not an unknown: the first search was at its true value.
            return starts;
        }
        let base2 = SingletCouplings {
            eta_n: SECOND_REFERENCE_ETA_N,
            ..base.clone()
        };
        let search2 = RootSearch {
            base: &base2,
            scales: Scales::Fixed(q0),
            ..search.clone()
        };
        let Ok(more) = roots::solutions(self, &search2) else {
            return starts;
        };
        let first: Vec<f64> = starts.iter().map(|r| r.couplings.xi_n).collect();
        starts.extend(more.into_iter().filter(|r| {
            !first.iter().any(|&x| {
                x.signum() == r.couplings.xi_n.signum()
                    && (x - r.couplings.xi_n).abs() < TRACK_WINDOW
            })
        }));
        starts
    }

    /// hmz1999: the roots of the global interpolation can be off by ~0.1 in |xi_N| where the mu^2
    /// relation is shallow (a pair of roots close together). Around each, the reduced problem is
    /// solved again on RG runs local to the window |xi_N| +- REFINE_WINDOW, at the root's etas and
    /// Q, and every root of the same sign found there becomes a starting point.
    fn refine_inexact_roots(
        &self,
        starts: Vec<RootStart>,
        base: &SingletCouplings<f64>,
    ) -> Vec<RootStart> {
        let mut refined: Vec<RootStart> = Vec::new();
        for start in starts {
            let c = &start.couplings;
            let local_base = SingletCouplings {
                eta_s: c.eta_s,
                eta_n: c.eta_n,
                ..base.clone()
            };
            let u = c.xi_n.abs();
            let search = RootSearch {
                window: Some((u - REFINE_WINDOW, u + REFINE_WINDOW)),
                local_runs: true,
                intervals: 12,
                starting_points_only: true,
                ..RootSearch::new(
                    self.vevs,
                    &local_base,
                    &self.ev.ewsb,
                    3,
                    Scales::Fixed(start.q),
                )
            };
            let local = roots::solutions(self, &search).unwrap_or_default();
            let same_sign: Vec<RootStart> = local
                .into_iter()
                .filter(|r| r.couplings.xi_n.signum() == c.xi_n.signum())
                .collect();
            let candidates = if same_sign.is_empty() {
                vec![start]
            } else {
                same_sign
            };
            for r in candidates {
                let near = |other: &RootStart| {
                    self.unknowns().iter().all(|&k| {
                        (other.couplings.get(k) - r.couplings.get(k)).abs()
                            < 1e-3 * k.typical_size()
                    })
                };
                if !refined.iter().any(near) {
                    refined.push(r);
                }
            }
        }
        refined
    }

    /// RG runs per scale of the root search: the soft terms are quadratic in s = xi_N^2 when the
    /// reduction is exact; otherwise a degree-4 interpolation.
    fn s_nodes(exact: bool) -> usize {
        if exact {
            3
        } else {
            5
        }
    }

    /// lambda_S, lambda_N, k of the point, with the reference etas of the surrogate RG runs (the
    /// first is the main one): the
    /// point's own when finite, else the middle of their typical ranges. With the singlet
    /// decoupled at its mass (docs/physics.md section 5b) the reference eta_N puts the singlet at
    /// or above M, where the running does not depend on the etas and the reduction stays exact;
    /// a root whose singlet is lighter than M fails the full-evolution check of each Q step and
    /// is polished by Newton with the exact running.
    ///
    /// With the decoupling a second reference puts the singlet at zero supersymmetric mass
    /// (`eta_N = -2 k x/y`, the running of the old preset down to Q): its roots, followed with
    /// their own reference, are the starts of the solutions whose singlet lies well below M.
    fn root_search_bases(&self) -> Vec<SingletCouplings<f64>> {
        let c = self.input_couplings();
        let mut eta_n = if c.eta_n.is_finite() { c.eta_n } else { 0.8 };
        let sw = &self.ev.physics.switches;
        let base = |eta_n: f64| SingletCouplings {
            xi_n: 0.0,
            eta_s: if c.eta_s.is_finite() { c.eta_s } else { 0.005 },
            eta_n,
            ..c.clone()
        };
        if sw.singlet_decoupling.at_mass() && sw.rge_set == RgeSet::Consistent {
            // |eta_N y + 2 k x| >= y = M.
            let y = self.inputs.vev_s;
            let shift = 2.0 * c.k * self.inputs.vev_n / y;
            if ((eta_n + shift) * y).abs() < y {
                eta_n = 1.0 + shift.abs() + 1e-3;
            }
            return vec![base(eta_n), base(-shift)];
        }
        vec![base(eta_n)]
    }

    /// Follows one exact root through the Q iteration: at each Q the reduced problem is solved
    /// exactly and the root nearest the previous one (same sign of xi_N) is taken; every step is
    /// verified with a full RG evolution (and polished by Newton if the check fails).
    fn track_exact_root(
        &self,
        start: &SingletCouplings<f64>,
        q_start: f64,
        base: &SingletCouplings<f64>,
    ) -> Result<Converged, (f64, Rejection)> {
        self.iterate_q(start, q_start, Polish::ExactRoot(base))
    }

    /// The root of the exact reduced problem at `q` nearest `current`.
    fn exact_root_near(
        &self,
        base: &SingletCouplings<f64>,
        current: &SingletCouplings<f64>,
        q: f64,
    ) -> Result<SingletCouplings<f64>, (f64, Rejection)> {
        let couplings = self.exact_roots_at(base, current.xi_n.abs(), q)?;
        self.nearest_root(&couplings, current).ok_or_else(|| {
            (
                f64::INFINITY,
                Rejection::new(
                    RejectionReason::NoEwsb,
                    format!(
                        "the root near xi_N = {:.4} disappears at Q = {q:.1} GeV",
                        current.xi_n
                    ),
                ),
            )
        })
    }

    /// Every root of the exact reduced problem at `q` within TRACK_WINDOW of |xi_N| = `u`, of
    /// both signs of xi_N. The search depends on (`base`, `u`, `q`) alone, and the two roots
    /// +-xi_N of one |xi_N| start at the same Q (`roots::solutions` gives both signs), so a
    /// mirrored root's first Q step (and a later one where their Q iterations agree) repeats
    /// the search bit for bit: the roots of the last few searches are remembered
    /// ([`RecentExactRoots`]).
    fn exact_roots_at(
        &self,
        base: &SingletCouplings<f64>,
        u: f64,
        q: f64,
    ) -> Result<Vec<SingletCouplings<f64>>, (f64, Rejection)> {
        let key = ExactRootsKey::new(base, u, q);
        if let Some(hit) = self.recent_exact_roots().iter().find(|r| r.key == key) {
            return Ok(hit.roots.clone());
        }
        let search = RootSearch {
            window: Some((u - TRACK_WINDOW, u + TRACK_WINDOW)),
            intervals: 8,
            ..RootSearch::new(self.vevs, base, &self.ev.ewsb, 3, Scales::Fixed(q))
        };
        let at_q = {
            let _phase = phases::enter(Phase::RootSearch);
            roots::solutions(self, &search).map_err(|r| (f64::INFINITY, r))?
        };
        let roots: Vec<_> = at_q.into_iter().map(|r| r.couplings).collect();
        push_recent(
            &mut self.recent_exact_roots(),
            RecentExactRoots {
                key,
                roots: roots.clone(),
            },
            RECENT_EXACT_ROOTS,
        );
        Ok(roots)
    }

    /// The root of `roots` closest to `previous` in units of the unknowns' typical sizes, with
    /// the same sign of xi_N.
    fn nearest_root(
        &self,
        roots: &[SingletCouplings<f64>],
        previous: &SingletCouplings<f64>,
    ) -> Option<SingletCouplings<f64>> {
        let distance = |c: &SingletCouplings<f64>| {
            self.unknowns()
                .iter()
                .map(|&u| ((c.get(u) - previous.get(u)) / u.typical_size()).powi(2))
                .sum::<f64>()
        };
        roots
            .iter()
            .filter(|c| c.xi_n.signum() == previous.xi_n.signum())
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
            .cloned()
    }

    /// Adds a converged solution unless an equal one is already there.
    fn push_distinct(&self, found: &mut Vec<Converged>, conv: Converged) {
        if !found.iter().any(|f| self.same_solution(f, &conv)) {
            found.push(conv);
        }
    }

    fn found_or_failure(
        found: Vec<Converged>,
        best_failure: BestFailure,
    ) -> Result<Vec<Converged>, Rejection> {
        if found.is_empty() {
            return Err(best_failure
                .map(|(_, r)| r)
                .unwrap_or_else(|| Rejection::new(RejectionReason::NoEwsb, "no starting point")));
        }
        Ok(found)
    }

    /// Deterministic starting points: the point's own values of the unknowns when they are
    /// finite, then a fixed grid over each unknown's typical range.
    fn starting_points(&self) -> Vec<SingletCouplings<f64>> {
        let max = self.ev.ewsb.max_starts.max(1);
        let base = self.input_couplings();
        let mut starts = Vec::new();
        let own_finite = self.unknowns().iter().all(|&u| base.get(u).is_finite());
        if own_finite {
            starts.push(base.clone());
        }
        let mut i = 0;
        while starts.len() < max {
            let mut s = base.clone();
            for &u in &self.unknowns() {
                let grid = start_grid(u);
                *s.get_mut(u) = grid[i % grid.len()];
            }
            i += 1;
            starts.push(s);
        }
        starts
    }

    /// Solves at fixed Q with the Newton cascade, then iterates Q = sqrt(m_stop1 m_stop2). On
    /// failure returns the best residual reached and the reason.
    pub(super) fn solve_from(
        &self,
        start: &SingletCouplings<f64>,
        q_start: f64,
    ) -> Result<Converged, (f64, Rejection)> {
        self.iterate_q(start, q_start, Polish::Cascade)
    }

    /// [`Self::solve_from`] with the Newton method of `polish`. With Broyden updates the last
    /// matrix of one Q carries over to the next (the problem hardly changes with Q).
    fn iterate_q(
        &self,
        start: &SingletCouplings<f64>,
        q_start: f64,
        polish: Polish<'_>,
    ) -> Result<Converged, (f64, Rejection)> {
        let _phase = phases::enter(Phase::Polish);
        let settings = &self.ev.ewsb;
        let mut q = q_start;
        let mut current = start.clone();
        let mut jacobian = None;
        for iteration in 0..settings.max_q_iters {
            let model = FixedScaleModel { point: self, q };
            let result = match polish {
                Polish::SurrogateThenCascade(tab) if iteration == 0 => {
                    self.solve_on_surrogate(tab, q, &current)
                }
                Polish::Cascade | Polish::SurrogateThenCascade(_) => {
                    solve_at_scale(&model, self.vevs, self.unknowns(), &current, settings)
                }
                Polish::ExactRoot(base) => {
                    current = self.exact_root_near(base, &current, q)?;
                    solve_at_scale(&model, self.vevs, self.unknowns(), &current, settings)
                }
                Polish::CascadeThenBroyden(known) if iteration == 0 => solve_at_scale_within(
                    &model,
                    self.vevs,
                    self.unknowns(),
                    &current,
                    settings,
                    Budget {
                        evaluations: OUTER_START_EVOLUTIONS,
                        known,
                        known_radius: KNOWN_SOLUTION_RADIUS,
                    },
                ),
                Polish::Broyden | Polish::CascadeThenBroyden(_) => solve_at_scale_broyden(
                    &model,
                    self.vevs,
                    self.unknowns(),
                    &current,
                    settings,
                    &mut jacobian,
                ),
            };
            let candidate = Self::candidate_or_failure(result, q)?;
            current = candidate.couplings.clone();
            let q_new = self.stop_scale(&candidate)?;
            if (q_new - q).abs() < settings.q_tolerance * q {
                return Ok(Converged {
                    candidate,
                    q,
                    q_iterations: iteration + 1,
                    start: 0,
                });
            }
            q = q_new;
        }
        Err(Self::q_not_stable(settings.max_q_iters))
    }

    /// A converged candidate, or the best residual reached and the reason.
    fn candidate_or_failure(result: SolveResult, q: f64) -> Result<Candidate, (f64, Rejection)> {
        match result {
            SolveResult::Converged(c) => Ok(c),
            SolveResult::NotConverged(best, why) => {
                let residual = best.as_ref().map_or(f64::INFINITY, |b| b.max_residual());
                let rejection = match (best, why) {
                    (Some(b), _) => Rejection::new(
                        RejectionReason::NoEwsb,
                        format!(
                            "best scaled residual {:.3e} at Q = {q:.1} GeV ({})",
                            b.max_residual(),
                            b.solver
                        ),
                    ),
                    (None, Some(why)) => why,
                    (None, None) => Rejection::new(RejectionReason::NoEwsb, "no candidate"),
                };
                Err((residual, rejection))
            }
        }
    }

    /// Q = sqrt(m_stop1 m_stop2) at a solution; a tachyonic stop is a rejection.
    fn stop_scale(&self, candidate: &Candidate) -> Result<f64, (f64, Rejection)> {
        let [m1, m2] = stop_masses2_at(self.vevs, &candidate.couplings, &candidate.params);
        if !(m1 > 0.0 && m2 > 0.0) {
            return Err((
                candidate.max_residual(),
                Rejection::new(
                    RejectionReason::TachyonicSfermion,
                    format!("stop mass^2 = {m1:.4e} GeV^2 at the EWSB solution"),
                ),
            ));
        }
        Ok((m1 * m2).powf(0.25))
    }

    fn q_not_stable(max_q_iters: usize) -> (f64, Rejection) {
        (
            f64::INFINITY,
            Rejection::new(
                RejectionReason::NoEwsb,
                format!("Q = sqrt(m_stop1 m_stop2) not stable after {max_q_iters} iterations"),
            ),
        )
    }

    /// Two converged starts found the same solution. The solved couplings of one solution agree
    /// from different starts to ~1e-6 of their size (the conditions are met to 1e-10 of the terms
    /// they cancel, and B_mu is a cancellation); distinct solutions differ at O(10 %).
    pub(super) fn same_solution(&self, a: &Converged, b: &Converged) -> bool {
        self.unknowns().iter().all(|&u| {
            (a.candidate.couplings.get(u) - b.candidate.couplings.get(u)).abs()
                < 1e-4 * u.typical_size()
        })
    }
}

/// Fixed grid of starting values for an unknown.
fn start_grid(u: Coupling) -> &'static [f64] {
    match u {
        Coupling::XiN => &[0.5, -0.5, 0.9, -0.9, 0.2, -0.2],
        Coupling::EtaS => &[0.005, -0.005],
        Coupling::EtaN => &[0.8, 0.5, 0.95],
        Coupling::LambdaS => &[3e-3, 1e-3],
        Coupling::LambdaN => &[0.3, 0.6],
        Coupling::K => &[0.3, 0.5, 0.1],
    }
}

#[cfg(test)]
mod tests {
    //! The remembered searches of the exact root tracking against fresh ones.
    use super::*;
    use crate::model::rge::evolutions_on_this_thread;

    /// consistent with `singlet_decoupling = "running"` (the exact root tracking): a remembered
    /// search gives a fresh setup's roots bit for bit, with no RG run, at the roots of the global
    /// search (both signs of xi_N share the search of their |xi_N|).
    #[test]
    fn remembered_exact_roots_equal_a_fresh_search() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/configs/consistent.toml");
        let text = std::fs::read_to_string(path).unwrap().replace(
            "[physics]\n",
            "[physics]\nsinglet_decoupling = \"running\"\n",
        );
        let plan = crate::scan::ScanPlan::from_toml_str(&text).unwrap();
        let ev = plan.evaluator();
        let mut compared = 0;
        for id in 0..40 {
            let inputs = plan.inputs(id);
            let mu_setup = (0.01 * inputs.lambda_susy, inputs.lambda_n);
            let Ok(setup) = PointSetup::new(&ev, &inputs, mu_setup) else {
                continue;
            };
            let base = setup.root_search_bases()[0].clone();
            let search = RootSearch::new(
                setup.vevs,
                &base,
                &ev.ewsb,
                3,
                Scales::SelfConsistent(900.0),
            );
            let Ok(starts) = roots::solutions(&setup, &search) else {
                continue;
            };
            for start in starts {
                let u = start.couplings.xi_n.abs();
                let Ok(first) = setup.exact_roots_at(&base, u, start.q) else {
                    continue;
                };
                let runs = evolutions_on_this_thread();
                let again = setup.exact_roots_at(&base, u, start.q).unwrap();
                assert_eq!(evolutions_on_this_thread(), runs, "id {id}: no RG run");
                let fresh = PointSetup::new(&ev, &inputs, mu_setup)
                    .unwrap()
                    .exact_roots_at(&base, u, start.q)
                    .unwrap();
                assert_eq!(format!("{again:?}"), format!("{first:?}"), "id {id}");
                assert_eq!(format!("{again:?}"), format!("{fresh:?}"), "id {id}");
                compared += usize::from(!first.is_empty());
            }
        }
        assert!(compared >= 10, "{compared} searches with roots compared");
    }
}
