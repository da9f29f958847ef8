//! One-loop renormalisation group equations between the messenger scale M and the EWSB scale Q
//! (docs/physics.md section 5), their integration, and the M <-> Q evolution of one point
//! (docs/physics.md section 3, step 3).
//!
//! Owns the running state (13 couplings + 21 soft terms = 34 numbers) and its one vector layout,
//! the exact one-loop gauge-coupling solution, and the errors of a run. The parts:
//! - [`beta`]: the two RGE sets (`hmz1999`: HMZ Appendix A as printed; `consistent`: the erratum
//!   set of docs/physics.md section 5), frozen or running trilinears;
//! - [`integrate`]: the integrators with the perturbativity stop: ode_solvers Dopri5 at tight
//!   tolerance (the reference) and an allocation-free fixed-step Runge-Kutta (the hot path of the
//!   EWSB solve), held to the reference by tests;
//! - [`evolve`]: one point's evolution (couplings up from Q to M with `xi_S(M) = 1`, boundary
//!   conditions at M, everything back down to Q);
//! - [`thresholds`]: the same through a general messenger sector, threshold by threshold
//!   (docs/physics.md section 11).
//!
//! Conventions: `t = ln(Q/GeV)`; the printed equations are `16 pi^2 dX/dt = beta_X` and
//! [`beta`] returns `dX/dt` (the printed right-hand sides divided by 16 pi^2). Gauge couplings
//! in SM normalisation (`g1` is g'). Trilinears are stored in the uniform convention of
//! `model::params` (`a_t = -A_t(paper)`, likewise `a_b`, `a_tau`, `a_lambda`; `a_k = +A_k(paper)`);
//! [`beta`] converts them to the paper's convention, evaluates the printed A-term equations
//! literally, and converts the derivatives back.
//!
//! `zeta = sum_i Y_i m_i^2` (the hypercharge D-term trace in Appendix A's soft-mass equations)
//! is set to zero: it vanishes at M for gauge-mediated boundary conditions (complete SU(5)
//! multiplets of gauge-mediated masses, `m_Hu^2 = m_Hd^2` there, singlets carry no
//! hypercharge) and at one loop it runs multiplicatively (`16 pi^2 dzeta/dt = 2 b_1 g'^2 zeta`),
//! so it is zero at all scales (as stated below Appendix A).

mod beta;
mod evolve;
pub mod fs_terms;
mod integrate;
#[cfg(test)]
mod tests;
mod thresholds;
mod two_loop;

pub use beta::{beta, coupling_beta};
pub use evolve::{
    evolutions_on_this_thread, evolve, evolve_using, evolve_with_vev_n, singlet_decoupling_scale,
    xi_s_upruns_on_this_thread, Evolution,
};
pub(crate) use integrate::rk4;
#[cfg(test)]
pub(crate) use integrate::rk4_body;
pub use integrate::{run, run_couplings_using, run_using, Integrator};
pub use thresholds::{evolve_sector_using, evolve_sector_with_vev_n, PointRun, UpRuns};

use nalgebra::SVector;

use crate::config::{
    ATermRunning, FsTermsRunning, GaugeMatching, PhysicsSwitches, RgeSet, SmInputs,
};
use crate::model::gauge::{self, GaugeContext, GaugeOptions, GaugeYukawas, SusyThresholds};
use crate::model::params::{Couplings, SoftTerms};

/// The largest |coupling| accepted anywhere along a run: sqrt(4 pi) (so that coupling^2/4pi <= 1).
/// Applied to all 13 dimensionless couplings (gauge, Yukawas, lambda_N, lambda_S, k, xi, eta).
pub const PERTURBATIVE_LIMIT: f64 = 3.544_907_701_811_032;

/// One-loop MSSM gauge coefficients `b = (11, 1, -3)` for `(g', g_2, g_3)` (Appendix A):
/// `16 pi^2 dg_i/dt = b_i g_i^3`.
pub const B_GAUGE: [f64; 3] = [11.0, 1.0, -3.0];

/// Number of real numbers in the running state.
pub const STATE_DIM: usize = 34;

/// The running state packed as a vector (layout: see [`RgeState::to_vector`]).
pub type StateVector = SVector<f64, STATE_DIM>;

/// Number of couplings at the head of the state vector (all dimensionless).
pub const N_COUPLINGS: usize = 13;
/// Entries `N_COUPLINGS..N_COUPLINGS + N_DIM1` have mass dimension 1 (gaugino masses,
/// trilinears); the remaining ones mass dimension 2 (soft masses squared).
const N_DIM1: usize = 8;

/// The mass dimension of each soft entry of the state vector, in order.
pub(crate) fn soft_dimensions() -> [i32; STATE_DIM - N_COUPLINGS] {
    std::array::from_fn(|i| if i < N_DIM1 { 1 } else { 2 })
}

/// The couplings alone, packed in the order of [`COUPLING_NAMES`] (the xi_S shooting runs them
/// without the soft terms).
pub type CouplingVector = SVector<f64, N_COUPLINGS>;

/// The names of the couplings in state-vector order (used in [`RgeError::NonPerturbative`]; the
/// singlet-sector names match `config::Coupling::name`).
pub const COUPLING_NAMES: [&str; N_COUPLINGS] = [
    "g_prime", "g2", "g3", "h_t", "h_b", "h_tau", "lambda_n", "lambda_s", "k", "xi_n", "xi_s",
    "eta_n", "eta_s",
];

/// Couplings and soft terms at one scale (or their t-derivatives, as returned by [`beta`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RgeState {
    pub couplings: Couplings,
    pub soft: SoftTerms,
}

impl RgeState {
    /// Packs the state: the 13 couplings (order of [`COUPLING_NAMES`]), then the 8
    /// dimension-one soft terms `M_1, M_2, M_3, a_t, a_b, a_tau, a_lambda, a_k`, then the 13 masses
    /// squared `mq3, mu3, md3, ml3, me3, mq1, mu1, md1, ml1, me1, mhu, mhd, mn`.
    pub fn to_array(&self) -> [f64; STATE_DIM] {
        let [g1, g2, g3, ht, hb, htau, lambda_n, lambda_s, k, xi_n, xi_s, eta_n, eta_s] =
            couplings_to_array(&self.couplings);
        let s = &self.soft;
        [
            g1, g2, g3, ht, hb, htau, lambda_n, lambda_s, k, xi_n, xi_s, eta_n, eta_s, //
            s.m1, s.m2, s.m3, s.a_t, s.a_b, s.a_tau, s.a_lambda, s.a_k, //
            s.mq3, s.mu3, s.md3, s.ml3, s.me3, s.mq1, s.mu1, s.md1, s.ml1, s.me1, s.mhu, s.mhd,
            s.mn,
        ]
    }

    /// The inverse of [`RgeState::to_array`].
    pub fn from_array(v: &[f64; STATE_DIM]) -> Self {
        let [g1, g2, g3, ht, hb, htau, lambda_n, lambda_s, k, xi_n, xi_s, eta_n, eta_s, m1, m2, m3, a_t, a_b, a_tau, a_lambda, a_k, mq3, mu3, md3, ml3, me3, mq1, mu1, md1, ml1, me1, mhu, mhd, mn] =
            *v;
        Self {
            couplings: couplings_from_array(&[
                g1, g2, g3, ht, hb, htau, lambda_n, lambda_s, k, xi_n, xi_s, eta_n, eta_s,
            ]),
            soft: SoftTerms {
                m1,
                m2,
                m3,
                a_t,
                a_b,
                a_tau,
                a_lambda,
                a_k,
                mq3,
                mu3,
                md3,
                ml3,
                me3,
                mq1,
                mu1,
                md1,
                ml1,
                me1,
                mhu,
                mhd,
                mn,
            },
        }
    }

    /// [`RgeState::to_array`] as a vector (the ode_solvers layout).
    pub fn to_vector(&self) -> StateVector {
        StateVector::from(self.to_array())
    }

    /// The inverse of [`RgeState::to_vector`].
    pub fn from_vector(v: &StateVector) -> Self {
        Self::from_array(&v.clone().into())
    }
}

/// The couplings packed in the order of [`COUPLING_NAMES`] (the head of [`RgeState::to_array`]).
pub fn couplings_to_array(c: &Couplings) -> [f64; N_COUPLINGS] {
    [
        c.g1, c.g2, c.g3, c.ht, c.hb, c.htau, c.lambda_n, c.lambda_s, c.k, c.xi_n, c.xi_s, c.eta_n,
        c.eta_s,
    ]
}

/// The inverse of [`couplings_to_array`].
pub fn couplings_from_array(v: &[f64; N_COUPLINGS]) -> Couplings {
    let [g1, g2, g3, ht, hb, htau, lambda_n, lambda_s, k, xi_n, xi_s, eta_n, eta_s] = *v;
    Couplings {
        g1,
        g2,
        g3,
        ht,
        hb,
        htau,
        lambda_n,
        lambda_s,
        k,
        xi_n,
        xi_s,
        eta_n,
        eta_s,
    }
}

/// [`couplings_to_array`] as a vector.
pub fn couplings_to_vector(c: &Couplings) -> CouplingVector {
    CouplingVector::from(couplings_to_array(c))
}

/// The inverse of [`couplings_to_vector`].
pub fn couplings_from_vector(v: &CouplingVector) -> Couplings {
    couplings_from_array(&(*v).into())
}

/// Which equations to integrate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RgeOptions {
    pub set: RgeSet,
    pub a_terms: ATermRunning,
    /// Drop the h_t terms of the m_Q3^2 and m_U3^2 equations (switch `stop_rges_without_ht`).
    pub stops_without_ht: bool,
    /// One-loop gauge coefficients of the messengers still dynamical at the scale, added to
    /// [`B_GAUGE`] in the gauge and gaugino equations (SM normalisation for g'; zero below the
    /// lightest messenger; docs/physics.md section 11).
    pub messenger_b: [f64; 3],
    /// How the F_S-induced soft terms run ([`fs_terms`]; switch `fs_terms_running`).
    pub fs_terms_running: FsTermsRunning,
    /// Two-loop MSSM gauge beta functions (switch `gauge_two_loop`; model::gauge).
    pub gauge_two_loop: bool,
    /// The two-loop MSSM terms of the Yukawas, lambda_S (mu), gaugino masses, a_t, a_b, a_tau and
    /// the MSSM soft masses (switch `rge_two_loop`; [`two_loop`], docs/physics.md section 5c).
    pub rge_two_loop: bool,
    /// Below the singlet's mass (docs/physics.md section 5b): the consistent equations without
    /// the loops of the singlet multiplet (N a background). Set per segment by the evolution
    /// (switch `singlet_decoupling`); no effect in the hmz1999 set.
    pub singlet_decoupled: bool,
}

impl RgeOptions {
    /// The consistent set at two loops with running A-terms, the F_S terms carried by the
    /// couplings and no messengers: the RGEs of the comparisons with SOFTSUSY and SPheno, which
    /// run the MSSM at two loops (tests/yukawa_softsusy.rs, tests/higgs_mass_light_singlet.rs).
    pub fn two_loop_consistent() -> Self {
        Self {
            set: RgeSet::Consistent,
            a_terms: ATermRunning::Running,
            stops_without_ht: false,
            messenger_b: [0.0; 3],
            fs_terms_running: FsTermsRunning::Couplings,
            gauge_two_loop: true,
            rge_two_loop: true,
            singlet_decoupled: false,
        }
    }

    /// Whether the singlet loops are left out on this segment (consistent set only).
    pub fn without_singlet_loops(&self) -> bool {
        self.singlet_decoupled && self.set == RgeSet::Consistent
    }
}

impl From<&PhysicsSwitches> for RgeOptions {
    fn from(sw: &PhysicsSwitches) -> Self {
        Self {
            set: sw.rge_set,
            a_terms: sw.a_terms,
            stops_without_ht: sw.stop_rges_without_ht,
            messenger_b: [0.0; 3],
            fs_terms_running: sw.fs_terms_running,
            gauge_two_loop: sw.gauge_two_loop,
            rge_two_loop: sw.rge_two_loop,
            singlet_decoupled: false,
        }
    }
}

/// Why a run failed. Physics failures are recorded rejection reasons, never panics.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum RgeError {
    /// A coupling left the perturbative range |coupling| <= [`PERTURBATIVE_LIMIT`] or became
    /// non-finite. `scale` is the renormalisation scale Q [GeV] where this was detected.
    #[error("coupling {coupling} = {value} is non-perturbative at Q = {scale:.4e} GeV")]
    NonPerturbative {
        coupling: &'static str,
        value: f64,
        scale: f64,
    },
    /// The integrator failed (step-size underflow, too many steps) or a soft term became
    /// non-finite.
    #[error("RG integration failed: {message}")]
    Integration { message: String },
    /// A coupling left the perturbative range on the way up to a messenger threshold (above the
    /// lightest messenger): the pair(s) at that threshold lie beyond the Landau pole or the
    /// perturbativity limit (docs/physics.md section 11).
    #[error("{pair} is above the perturbativity limit: coupling {coupling} = {value} at Q = {scale:.4e} GeV on the way up to it")]
    MessengerNonPerturbative {
        pair: String,
        coupling: &'static str,
        value: f64,
        scale: f64,
    },
    /// The EWSB scale must lie strictly below the messenger scale (and be positive).
    #[error("EWSB scale Q = {q} GeV is not below the messenger scale M = {m} GeV")]
    ScaleOrder { q: f64, m: f64 },
}

/// The paper's gauge couplings (hmz1999): the DR-bar inputs `sm.g_prime_mz, g2_mz, g3_mz` at M_Z run
/// at one loop with `b = (11, 1, -3)`: `1/g^2(t) = 1/g^2(t0) - 2 b (t - t0)/16pi^2`. NaN beyond a
/// Landau pole. The configured physics (switches `gauge_matching`, `gauge_two_loop`) goes through
/// [`crate::model::gauge::gauge_couplings_at`]; this is its `drbar_inputs`, one-loop case.
pub fn gauge_couplings_at(sm: &SmInputs, q: f64) -> [f64; 3] {
    let ctx = GaugeContext {
        options: GaugeOptions {
            matching: GaugeMatching::DrbarInputs,
            two_loop: false,
        },
        thresholds: SusyThresholds::at(sm.mz),
        yukawas: GaugeYukawas::default(),
    };
    gauge::gauge_couplings_at(q, sm, &ctx)
}
