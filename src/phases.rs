//! Time per phase of a point evaluation, for `gmsbscan bench` (issue 20: the next regression
//! should show where it is).
//!
//! Owns: the phases (RG evolution, root search, Newton polish, spectrum, Higgs mass, the rest) and
//! an exclusive per-thread clock: entering a phase charges the time since the last switch to the
//! phase that was running, so nested phases are not counted twice (an RG evolution inside the root
//! search is RG time, not root-search time). Off unless a thread switches it on
//! ([`PhaseClock::start`]); when off, a phase guard costs one thread-local flag check and the
//! results of the evaluation do not depend on it.
//!
//! The switches read the monotonic clock (`Instant`, a vDSO call of ~25 ns), not the thread CPU
//! clock: reading CLOCK_THREAD_CPUTIME_ID is a system call of ~1.1 us on the development VM, and
//! at every switch it added 8-10 % to the CPU time bench reported per point (2026-12-07, 1000 points
//! of configs/default.toml, 397 solver points, two interleaved repetitions: hmz1999 median 1.94 /
//! 1.93 -> 1.79 / 1.78 ms, consistent 10.3 / 10.6 -> 9.6 / 9.5 ms; `examples/point_costs`, which
//! has no phase clock, 1.78 / 1.81 ms for hmz1999). bench takes each point's CPU time from two
//! readings of the thread CPU clock and divides it among the phases in proportion to their
//! monotonic times ([`PhaseTimes`]).

use std::cell::RefCell;
use std::time::Instant;

/// The phases of a point evaluation (exclusive: nested phases are charged to the innermost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Setup, verdict, bookkeeping: everything outside the phases below.
    Other = 0,
    /// RG evolutions Q -> M -> Q (with the hmz1999 xi_S(Q) shooting), wherever called from.
    Rg,
    /// The root search of the mu^2 relation (surrogate, bracketing, eta equations, refinement).
    RootSearch,
    /// Newton/Broyden polish and the Q iteration of each start.
    Polish,
    /// Spectrum, derived quantities and verdict of each solution (Higgs mass excluded).
    Spectrum,
    /// The Higgs mass matrices and their diagonalisation.
    HiggsMass,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Rg,
        Phase::RootSearch,
        Phase::Polish,
        Phase::Spectrum,
        Phase::HiggsMass,
        Phase::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Other => "other",
            Phase::Rg => "RG",
            Phase::RootSearch => "root search",
            Phase::Polish => "polish",
            Phase::Spectrum => "spectrum",
            Phase::HiggsMass => "Higgs mass",
        }
    }
}

/// Seconds per phase (indexed by `Phase as usize`), by the monotonic clock.
pub type PhaseTimes = [f64; 6];

struct Clock {
    on: bool,
    stack: Vec<Phase>,
    last: Option<Instant>,
    totals: PhaseTimes,
}

impl Clock {
    /// Charges the time since the last switch to the running phase; returns now.
    fn charge(&mut self) -> Instant {
        let now = Instant::now();
        let top = *self.stack.last().unwrap_or(&Phase::Other) as usize;
        if let Some(last) = self.last {
            self.totals[top] += now.duration_since(last).as_secs_f64();
        }
        self.last = Some(now);
        now
    }
}

thread_local! {
    static CLOCK: RefCell<Clock> = const {
        RefCell::new(Clock { on: false, stack: Vec::new(), last: None, totals: [0.0; 6] })
    };
}

/// CPU time of the calling thread [s] (CLOCK_THREAD_CPUTIME_ID).
pub fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Switches the per-phase clock of this thread on and off.
pub struct PhaseClock;

impl PhaseClock {
    /// Zeroes the totals and starts charging time to [`Phase::Other`].
    pub fn start() {
        CLOCK.with(|c| {
            let mut c = c.borrow_mut();
            c.on = true;
            c.stack.clear();
            c.stack.push(Phase::Other);
            c.totals = [0.0; 6];
            c.last = Some(Instant::now());
        });
    }

    /// Stops the clock and returns the seconds per phase since [`PhaseClock::start`].
    pub fn stop() -> PhaseTimes {
        CLOCK.with(|c| {
            let mut c = c.borrow_mut();
            if !c.on {
                return [0.0; 6];
            }
            c.charge();
            c.on = false;
            c.stack.clear();
            c.totals
        })
    }
}

/// While alive, time on this thread is charged to its phase (when the clock is on).
pub struct PhaseGuard {
    active: bool,
}

/// Enters `phase` until the returned guard is dropped.
pub fn enter(phase: Phase) -> PhaseGuard {
    let active = CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        if !c.on {
            return false;
        }
        c.charge();
        c.stack.push(phase);
        true
    });
    PhaseGuard { active }
}

impl Drop for PhaseGuard {
    fn drop(&mut self) {
        if !self.active {
            return;
        }
        CLOCK.with(|c| {
            let mut c = c.borrow_mut();
            if !c.on {
                return;
            }
            c.charge();
            c.stack.pop();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Busy for `seconds` of the monotonic clock the phases are timed with.
    fn spin(seconds: f64) {
        let t0 = Instant::now();
        let mut x = 0u64;
        while t0.elapsed().as_secs_f64() < seconds {
            x = std::hint::black_box(x.wrapping_add(1));
        }
    }

    #[test]
    fn nested_phases_are_charged_exclusively() {
        PhaseClock::start();
        {
            let _outer = enter(Phase::RootSearch);
            spin(0.2);
            {
                let _inner = enter(Phase::Rg);
                spin(0.3);
            }
            spin(0.1);
        }
        let t = PhaseClock::stop();
        let (rg, roots) = (t[Phase::Rg as usize], t[Phase::RootSearch as usize]);
        // A spin ends at most one scheduler slice late on a loaded machine; counting the inner
        // phase in the outer one too would give the root search 0.6 s.
        assert!((0.3..0.4).contains(&rg), "RG {rg}");
        assert!((0.3..0.4).contains(&roots), "root search {roots}");
        assert!(t[Phase::Polish as usize] == 0.0);
        // The totals add up to the time of the block (each spin is timed by the same clock, so
        // only the guards' own cost is outside them).
        let sum: f64 = t.iter().sum();
        assert!((0.6..0.7).contains(&sum), "sum {sum}");
    }

    #[test]
    fn without_the_clock_nothing_is_recorded() {
        {
            let _g = enter(Phase::Rg);
            spin(0.002);
        }
        assert_eq!(PhaseClock::stop(), [0.0; 6]);
    }
}
