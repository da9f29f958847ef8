//! One point's RG evolution through a general messenger sector (docs/physics.md section 11): the
//! couplings from Q up through every messenger threshold, then the soft terms generated threshold
//! by threshold on the way down, with the gauge coefficients of the messengers lighter than the
//! scale on each segment (Wagner 1998, seed 002).
//!
//! With one threshold (the `n5` shorthand) this performs exactly the operations of
//! [`super::evolve_using`] (tested bit for bit).

use std::cell::RefCell;
use std::collections::VecDeque;

use super::evolve::{count_evolution, singlet_decoupling_scale, solve_xi_s, XiSShot};
use super::fs_terms::{run_with_fs_terms, FsTerms};
use super::integrate::run_couplings_using;
use super::{
    couplings_to_array, run_using, Evolution, Integrator, RgeError, RgeOptions, RgeState,
    N_COUPLINGS, PERTURBATIVE_LIMIT,
};
use crate::config::{FsTermsRunning, PhysicsConfig, RgeSet};
use crate::model::boundary::{self, MessengerInputs};
use crate::model::messengers::{add_soft, MessengerPair, MessengerSector};
use crate::model::params::{Couplings, SoftTerms};
use crate::recent::push_recent;

/// The scale intervals between `from` and `to` (either direction), split at every threshold
/// strictly between them and at the singlet decoupling scale `q_dec` (docs/physics.md
/// section 5b).
fn pieces(sector: &MessengerSector, from: f64, to: f64, q_dec: f64) -> Vec<(f64, f64)> {
    if from == to {
        return Vec::new();
    }
    let (lo, hi) = (from.min(to), from.max(to));
    // The pairs' masses, not `sector.thresholds()`: the sort and dedup below leave the same
    // distinct cuts, without its allocation (and those of the ends) per run (issue 20, session 35).
    let mut cuts: Vec<f64> = sector
        .pairs()
        .iter()
        .map(|p| p.mass)
        .chain(std::iter::once(q_dec))
        .filter(|&m| m > lo && m < hi)
        .collect();
    // Descending, without repeats (q_dec may coincide with a threshold).
    cuts.sort_by(|a, b| b.total_cmp(a));
    cuts.dedup();
    if from < to {
        cuts.reverse(); // ascending
    }
    // from, the cuts, to: consecutive ends.
    let mut start = from;
    cuts.iter()
        .chain(std::iter::once(&to))
        .map(|&end| (std::mem::replace(&mut start, end), end))
        .collect()
}

/// The options on a segment: the messengers lighter than (or at) its lower end are dynamical;
/// the singlet loops are left out on a segment below the decoupling scale `q_dec`.
fn segment_options(
    base: &RgeOptions,
    sector: &MessengerSector,
    a: f64,
    b: f64,
    q_dec: f64,
) -> RgeOptions {
    RgeOptions {
        messenger_b: sector.b_active(a.min(b)),
        singlet_decoupled: a.max(b) <= q_dec && q_dec > a.min(b),
        ..*base
    }
}

/// One piece of a run between thresholds (see [`pieces`]): its ends [GeV], the same in
/// t = ln Q, and its options.
struct Segment {
    scales: (f64, f64),
    t: (f64, f64),
    opts: RgeOptions,
}

/// The segments of a run from `from` to `to` (either direction). The xi_S(Q) shooting runs the
/// same segments several times per evolution; they are computed once (recomputing the
/// logarithms and the allocations of [`pieces`] per run cost 1.5 % of the hmz1999 CPU;
/// docs/speed.md, session 34).
fn segments(
    sector: &MessengerSector,
    (from, to): (f64, f64),
    q_dec: f64,
    base: &RgeOptions,
) -> Vec<Segment> {
    pieces(sector, from, to, q_dec)
        .into_iter()
        .map(|(a, b)| Segment {
            scales: (a, b),
            t: (a.ln(), b.ln()),
            opts: segment_options(base, sector, a, b, q_dec),
        })
        .collect()
}

/// The couplings up across the thresholds along `segments` (of [`segments`]). A coupling that
/// leaves the perturbative range above the lightest messenger is reported with the pair it
/// prevents reaching.
fn run_couplings_up(
    integrator: Integrator,
    c: &Couplings,
    segments: &[Segment],
    sector: &MessengerSector,
) -> Result<Couplings, RgeError> {
    let mut c = *c;
    for Segment { scales, t, opts } in segments {
        c = run_couplings_using(integrator, &c, t.0, t.1, opts)
            .map_err(|e| name_the_pair(e, sector, scales.0, scales.1))?;
    }
    Ok(c)
}

/// The consistent set's coupling runs of one point's recent evolutions, shared by an evolution
/// whose couplings at Q differ from one of them in xi_N alone (the root search's s nodes at one
/// scale, docs/physics.md section 3; a Newton Jacobian's xi_N column): the up-run (Q -> M -> the
/// heaviest threshold). No beta function of the consistent set contains xi_N and its own is an
/// exact zero on every segment (docs/physics.md section 5), so each other coupling runs through
/// the same operations and xi_N comes out as it went in (each RK4 step adds +-0, which leaves
/// every value but -0 unchanged: -0 is not shared); it passes the perturbativity check of every
/// step when it is within the limit. Fixed-step integrator only (Dopri5's step control sees
/// every entry). One memo per point: the messenger sector, the physics and the integrator of its
/// evolutions must not change.
///
/// It also remembers the recent evolutions themselves: one asked for again with the same inputs
/// bit for bit (Q, the decoupling scale, every coupling at Q but xi_S, which is 1 in the
/// consistent set) is returned as it came out, without a run. Those are 7.8 % of the
/// evolutions of cons_running (ids 0..1999; mostly a solution's spectrum repeating the root
/// search's last evolution, two to four evolutions after it: docs/speed.md, issue 20,
/// session 35).
#[derive(Default)]
pub struct UpRuns {
    up_runs: RefCell<VecDeque<UpRun>>,
    evolutions: RefCell<VecDeque<RememberedEvolution>>,
}

/// How many evolutions [`UpRuns`] remembers: the s nodes of one scale come in a row, and a
/// Newton step evaluates the trial point and then its Jacobian's columns.
const RECENT_UP_RUNS: usize = 4;

/// How many whole evolutions [`UpRuns`] remembers (8 find 96 % of the repeats of cons_running
/// ids 0..1999 that an unbounded memo would, 4 find 90 %).
const RECENT_EVOLUTIONS: usize = 8;

/// One remembered whole evolution: its key, the bits of its xi_N (which the key leaves out), and
/// its result.
struct RememberedEvolution {
    key: UpRunKey,
    xi_n: u64,
    evolution: Evolution,
}

/// One remembered evolution: what its coupling runs read and the couplings at the heaviest
/// threshold.
struct UpRun {
    key: UpRunKey,
    top: Couplings,
}

/// What the coupling runs read besides the point's sector and options, as bits: Q, the singlet
/// decoupling scale and the couplings at Q (xi_S = 1) with xi_N set to zero.
#[derive(Clone, Copy, PartialEq)]
struct UpRunKey {
    q: u64,
    q_dec: u64,
    couplings: [u64; N_COUPLINGS],
}

impl UpRunKey {
    /// None where xi_N may not be shared (-0, beyond the perturbative limit, not finite).
    fn new(q: f64, q_dec: f64, c: &Couplings) -> Option<Self> {
        let shareable = c.xi_n.is_finite()
            && c.xi_n.abs() <= PERTURBATIVE_LIMIT
            && c.xi_n.to_bits() != (-0.0f64).to_bits();
        shareable.then(|| Self {
            q: q.to_bits(),
            q_dec: q_dec.to_bits(),
            couplings: couplings_to_array(&Couplings { xi_n: 0.0, ..*c }).map(f64::to_bits),
        })
    }
}

impl UpRuns {
    /// The couplings at the heaviest threshold of a remembered evolution with this key, with
    /// xi_N = `xi_n` (the sharing evolution's).
    fn find(&self, key: &UpRunKey, xi_n: f64) -> Option<Couplings> {
        self.up_runs
            .borrow()
            .iter()
            .find(|r| r.key == *key)
            .map(|r| Couplings { xi_n, ..r.top })
    }

    fn remember(&self, key: UpRunKey, top: Couplings) {
        push_recent(
            &mut self.up_runs.borrow_mut(),
            UpRun { key, top },
            RECENT_UP_RUNS,
        );
    }

    /// A remembered evolution with this key and these bits of xi_N.
    fn find_evolution(&self, key: &UpRunKey, xi_n: f64) -> Option<Evolution> {
        let xi_n = xi_n.to_bits();
        self.evolutions
            .borrow()
            .iter()
            .find(|r| r.key == *key && r.xi_n == xi_n)
            .map(|r| r.evolution)
    }

    fn remember_evolution(&self, key: UpRunKey, evolution: Evolution) {
        let remembered = RememberedEvolution {
            key,
            xi_n: evolution.couplings_q.xi_n.to_bits(),
            evolution,
        };
        push_recent(
            &mut self.evolutions.borrow_mut(),
            remembered,
            RECENT_EVOLUTIONS,
        );
    }

    /// How many up-runs are remembered.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.up_runs.borrow().len()
    }

    /// How many whole evolutions are remembered.
    #[cfg(test)]
    pub(super) fn evolutions_len(&self) -> usize {
        self.evolutions.borrow().len()
    }
}

/// What the EWSB solve of one point passes to its evolutions besides the couplings
/// ([`evolve_sector_with_vev_n`]).
#[derive(Clone, Copy, Default)]
pub struct PointRun<'a> {
    /// The singlet VEV x [GeV]: the singlet's mass, below which its loops leave the running
    /// (docs/physics.md section 5b).
    pub vev_n: f64,
    /// hmz1999: the first step of the xi_S(Q) shooting (the [`Evolution::xi_s_slope`] of an
    /// earlier evolution of the same point).
    pub xi_s_slope_hint: Option<f64>,
    /// consistent: the point's recent coupling up-runs.
    pub up_runs: Option<&'a UpRuns>,
}

/// A non-perturbative coupling on a segment above the lightest messenger names the pair(s) at the
/// segment's upper end.
fn name_the_pair(e: RgeError, sector: &MessengerSector, a: f64, b: f64) -> RgeError {
    let above_lightest = a.min(b) >= sector.lightest();
    match e {
        RgeError::NonPerturbative {
            coupling,
            value,
            scale,
        } if above_lightest => {
            let top = a.max(b);
            let pair = sector
                .pairs()
                .iter()
                .enumerate()
                .filter(|(_, p)| p.mass == top)
                .map(|(i, p)| p.label(i))
                .collect::<Vec<_>>()
                .join(", ");
            RgeError::MessengerNonPerturbative {
                pair,
                coupling,
                value,
                scale,
            }
        }
        other => other,
    }
}

/// The soft terms one pair generates at its threshold from the couplings there: the HMZ terms
/// of docs/physics.md section 4 (gauge and N sector) for the pair coupled to S and N, the
/// gauge-mediated terms of section 11 for the others.
fn threshold_terms(pair: &MessengerPair, c: &Couplings, cfg: &PhysicsConfig) -> SoftTerms {
    if pair.singlets {
        let m = MessengerInputs {
            lambda_susy: pair.f_over_x,
            m_mess: pair.mass,
            n5: pair.multiplicity,
        };
        boundary::soft_terms_at_messenger(c, &m, &cfg.switches)
    } else {
        pair.gauge_soft_terms(c, cfg.switches.threshold_functions)
    }
}

/// docs/physics.md sections 3 and 11: couplings from Q up to the messenger scale M (the mass of
/// the pair coupled to S and N, or the heaviest threshold without one), with xi_S(M) = 1 as in
/// [`super::evolve`], then on to the heaviest threshold; down from there, at each threshold `X_I`
/// the soft terms of the pairs of mass `X_I` are added (computed from the couplings at `X_I`), and
/// between thresholds everything runs with the coefficients of the messengers lighter than the
/// scale. `soft_m` and `couplings_m` are the values at M just after its threshold.
pub fn evolve_sector_using(
    integrator: Integrator,
    couplings_q: &Couplings,
    q: f64,
    sector: &MessengerSector,
    cfg: &PhysicsConfig,
) -> Result<Evolution, RgeError> {
    evolve_sector_with_vev_n(
        integrator,
        couplings_q,
        q,
        sector,
        cfg,
        &PointRun::default(),
    )
}

/// [`evolve_sector_using`] with what the EWSB solve of a point adds ([`PointRun`]): the singlet
/// VEV `x` that enters the singlet's mass, the scale below which the singlet loops leave the
/// running (docs/physics.md section 5b); hmz1999: `couplings_q.xi_s` starts the xi_S(Q) shooting
/// and the slope hint its first step (the result does not depend on either beyond the shooting's
/// tolerance); consistent: the point's recent up-runs, shared bit for bit ([`UpRuns`]).
pub fn evolve_sector_with_vev_n(
    integrator: Integrator,
    couplings_q: &Couplings,
    q: f64,
    sector: &MessengerSector,
    cfg: &PhysicsConfig,
    point: &PointRun,
) -> Result<Evolution, RgeError> {
    let lightest = sector.lightest();
    if !(q > 0.0 && q < lightest) {
        count_evolution();
        return Err(RgeError::ScaleOrder { q, m: lightest });
    }
    let base = RgeOptions::from(&cfg.switches);
    let thresholds = sector.thresholds();
    let m = sector.singlet_pair().map_or(thresholds[0], |p| p.mass);
    // y = M: the mass of the pair coupled to S (xi_S(M) = 1).
    let q_dec = singlet_decoupling_scale(couplings_q, m, point.vev_n, q, m, cfg);
    // consistent: xi_S does not run below M, so xi_S(Q) = xi_S(M) = 1.
    let consistent_q = Couplings {
        xi_s: 1.0,
        ..*couplings_q
    };
    // consistent, fixed step: the point's memo and this evolution's key in it ([`UpRuns`]).
    let memo = match (base.set, point.up_runs) {
        (RgeSet::Consistent, Some(memo)) if integrator == Integrator::FixedStep => {
            UpRunKey::new(q, q_dec, &consistent_q).map(|key| (memo, key))
        }
        _ => None,
    };
    // The same evolution asked for again: its result, without a run (not counted as one).
    if let Some(evolution) =
        memo.and_then(|(memo, key)| memo.find_evolution(&key, couplings_q.xi_n))
    {
        return Ok(evolution);
    }
    count_evolution();

    // The up-run's segments (Q -> M, M -> the heaviest threshold), computed only when it runs:
    // not for a shared up-run (their logarithms and allocations, issue 20, session 35).
    let top = thresholds[0];
    let up_segments = || {
        (
            segments(sector, (q, m), q_dec, &base),
            segments(sector, (m, top), q_dec, &base),
        )
    };
    let shared = memo.and_then(|(memo, key)| memo.find(&key, couplings_q.xi_n));
    let (xi_s_q, couplings_top, xi_s_slope) = match base.set {
        RgeSet::Consistent => {
            let top = match shared {
                Some(top) => top,
                None => {
                    let (to_m, to_top) = up_segments();
                    let c_m = run_couplings_up(integrator, &consistent_q, &to_m, sector)?;
                    run_couplings_up(integrator, &c_m, &to_top, sector)?
                }
            };
            (1.0, top, None)
        }
        RgeSet::Hmz1999 => {
            let (to_m, to_top) = up_segments();
            let up = |c: &Couplings| run_couplings_up(integrator, c, &to_m, sector);
            let XiSShot {
                xi_s_q,
                couplings_m,
                slope,
            } = solve_xi_s(up, couplings_q, (q.ln(), m.ln()), point.xi_s_slope_hint)?;
            (
                xi_s_q,
                run_couplings_up(integrator, &couplings_m, &to_top, sector)?,
                slope,
            )
        }
    };

    let mut state = RgeState {
        couplings: couplings_top,
        soft: SoftTerms::default(),
    };
    let mut first = true;
    let mut at_m = state;
    // The F_S-induced soft terms exist below M (switch `fs_terms_running`, rge::fs_terms).
    let mut fs: Option<FsTerms> = None;
    for (k, &x) in thresholds.iter().enumerate() {
        for pair in sector.pairs().iter().filter(|p| p.mass == x) {
            let terms = threshold_terms(pair, &state.couplings, cfg);
            state.soft = if first {
                terms
            } else {
                add_soft(&state.soft, &terms)
            };
            first = false;
        }
        if x == m {
            at_m = state;
            if base.fs_terms_running != FsTermsRunning::Couplings {
                if let Some(pair) = sector.singlet_pair() {
                    // y = M (xi_S(M) = 1) and F_S = Lambda y of the pair coupled to S.
                    let f_s = pair.f_over_x * pair.mass;
                    fs = Some(FsTerms::at_messenger(state.couplings.lambda_s, m, f_s));
                }
            }
        }
        let next = thresholds.get(k + 1).copied().unwrap_or(q);
        for Segment { t, opts, .. } in segments(sector, (x, next), q_dec, &base) {
            match fs {
                Some(f) => {
                    let (s, f) = run_with_fs_terms(integrator, &state, &f, m, t.0, t.1, &opts)?;
                    (state, fs) = (s, Some(f));
                }
                None => state = run_using(integrator, &state, t.0, t.1, &opts)?,
            }
        }
    }
    let evolution = Evolution {
        couplings_q: Couplings {
            xi_s: xi_s_q,
            ..*couplings_q
        },
        couplings_m: at_m.couplings,
        soft_m: at_m.soft,
        soft_q: state.soft,
        fs_q: fs,
        xi_s_slope,
    };
    if let Some((memo, key)) = memo {
        if shared.is_none() {
            memo.remember(key, couplings_top);
        }
        memo.remember_evolution(key, evolution);
    }
    Ok(evolution)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::messengers::Content;

    fn pair(content: Content, mass: f64) -> MessengerPair {
        MessengerPair {
            content,
            multiplicity: 1.0,
            mass,
            f_over_x: 1e5,
            singlets: false,
        }
    }

    /// The pieces split at each distinct threshold strictly inside the run and at the decoupling
    /// scale, once where it coincides with a threshold, in the run's direction.
    #[test]
    fn pieces_split_at_distinct_thresholds_and_the_decoupling_scale() {
        let sector = MessengerSector::new(vec![
            pair(Content::D, 1e6),
            pair(Content::L, 1e6),
            pair(Content::Q, 1e8),
            pair(Content::U, 1e10),
        ])
        .unwrap();
        let down = vec![(1e9, 1e8), (1e8, 1e7), (1e7, 1e6), (1e6, 1e3)];
        assert_eq!(pieces(&sector, 1e9, 1e3, 1e7), down);
        let up: Vec<(f64, f64)> = down.iter().rev().map(|&(a, b)| (b, a)).collect();
        assert_eq!(pieces(&sector, 1e3, 1e9, 1e7), up);
        // q_dec at a threshold, and outside the run.
        let at = vec![(1e9, 1e8), (1e8, 1e6), (1e6, 1e3)];
        assert_eq!(pieces(&sector, 1e9, 1e3, 1e8), at);
        assert_eq!(pieces(&sector, 1e9, 1e3, 1e12), at);
        assert_eq!(pieces(&sector, 1e5, 1e3, 1e7), vec![(1e5, 1e3)]);
        assert!(pieces(&sector, 1e5, 1e5, 1e7).is_empty());
    }
}
