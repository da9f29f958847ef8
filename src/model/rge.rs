//! One-loop renormalisation group equations between the messenger scale M and the EWSB scale Q
//! (PHYSICS.md section 5), their integration, and the M <-> Q evolution of one point
//! (PHYSICS.md section 3, step 3).
//!
//! Owns: the running state (13 couplings + 21 soft terms = 34 numbers) and its one vector
//! layout, the two RGE sets (`hmz1999`: HMZ Appendix A as printed; `consistent`: the erratum set
//! of PHYSICS.md section 5), frozen or running trilinears, the exact one-loop gauge-coupling
//! solution, the adaptive integration with a perturbativity stop, and `evolve` (couplings up
//! from Q to M with `xi_S(M) = 1`, boundary conditions at M, everything back down to Q).
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

use std::cell::Cell;
use std::f64::consts::PI;

use nalgebra::SVector;
use ode_solvers::{Dopri5, OutputType, System};

use crate::config::{ATermRunning, PhysicsConfig, PhysicsSwitches, RgeSet, SmInputs};
use crate::model::boundary::{self, casimirs, MessengerInputs};
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
const N_COUPLINGS: usize = 13;
/// Entries `N_COUPLINGS..N_COUPLINGS + N_DIM1` have mass dimension 1 (gaugino masses,
/// trilinears); the remaining ones mass dimension 2 (soft masses squared).
const N_DIM1: usize = 8;

/// The names of the couplings in state-vector order (used in [`RgeError::NonPerturbative`]; the
/// singlet-sector names match `config::Coupling::name`).
pub const COUPLING_NAMES: [&str; N_COUPLINGS] = [
    "g_prime", "g2", "g3", "h_t", "h_b", "h_tau", "lambda_n", "lambda_s", "k", "xi_n", "xi_s",
    "eta_n", "eta_s",
];

/// Relative tolerance of the Dopri5 step control.
const RTOL: f64 = 1e-10;
/// Absolute tolerance of the Dopri5 step control, in units where the soft terms are O(1): the
/// soft terms are divided by the mass scale of the starting state (see [`run`]).
const ATOL: f64 = 1e-12;

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
    pub fn to_vector(&self) -> StateVector {
        let c = &self.couplings;
        let s = &self.soft;
        StateVector::from_column_slice(&[
            c.g1, c.g2, c.g3, c.ht, c.hb, c.htau, c.lambda_n, c.lambda_s, c.k, c.xi_n, c.xi_s,
            c.eta_n, c.eta_s, //
            s.m1, s.m2, s.m3, s.a_t, s.a_b, s.a_tau, s.a_lambda, s.a_k, //
            s.mq3, s.mu3, s.md3, s.ml3, s.me3, s.mq1, s.mu1, s.md1, s.ml1, s.me1, s.mhu, s.mhd,
            s.mn,
        ])
    }

    /// The inverse of [`RgeState::to_vector`].
    pub fn from_vector(v: &StateVector) -> Self {
        Self {
            couplings: Couplings {
                g1: v[0],
                g2: v[1],
                g3: v[2],
                ht: v[3],
                hb: v[4],
                htau: v[5],
                lambda_n: v[6],
                lambda_s: v[7],
                k: v[8],
                xi_n: v[9],
                xi_s: v[10],
                eta_n: v[11],
                eta_s: v[12],
            },
            soft: SoftTerms {
                m1: v[13],
                m2: v[14],
                m3: v[15],
                a_t: v[16],
                a_b: v[17],
                a_tau: v[18],
                a_lambda: v[19],
                a_k: v[20],
                mq3: v[21],
                mu3: v[22],
                md3: v[23],
                ml3: v[24],
                me3: v[25],
                mq1: v[26],
                mu1: v[27],
                md1: v[28],
                ml1: v[29],
                me1: v[30],
                mhu: v[31],
                mhd: v[32],
                mn: v[33],
            },
        }
    }
}

/// Which equations to integrate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RgeOptions {
    pub set: RgeSet,
    pub a_terms: ATermRunning,
}

impl From<&PhysicsSwitches> for RgeOptions {
    fn from(sw: &PhysicsSwitches) -> Self {
        Self {
            set: sw.rge_set,
            a_terms: sw.a_terms,
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
    /// The EWSB scale must lie strictly below the messenger scale (and be positive).
    #[error("EWSB scale Q = {q} GeV is not below the messenger scale M = {m} GeV")]
    ScaleOrder { q: f64, m: f64 },
}

/// The right-hand sides `dX/dt` (t = ln Q/GeV) of all 34 running parameters
/// (PHYSICS.md section 5; HMZ Appendix A), as an [`RgeState`] of derivatives.
// One assignment per parameter, each citing its equation, reads better than a struct literal.
#[allow(clippy::field_reassign_with_default)]
pub fn beta(state: &RgeState, opts: &RgeOptions) -> RgeState {
    let hmz = opts.set == RgeSet::Hmz1999;
    // Terms present in the printed Appendix A but absent from the consistent set.
    let hmz_only = |x: f64| if hmz { x } else { 0.0 };

    let c = &state.couplings;
    let s = &state.soft;
    let (gp2, g22, g32) = (c.g1 * c.g1, c.g2 * c.g2, c.g3 * c.g3);
    let (ht2, hb2, htau2) = (c.ht * c.ht, c.hb * c.hb, c.htau * c.htau);
    let (lam_n2, lam_s2, k2) = (c.lambda_n.powi(2), c.lambda_s.powi(2), c.k * c.k);
    let (xi_n2, xi_s2) = (c.xi_n * c.xi_n, c.xi_s * c.xi_s);
    let (eta_n2, eta_s2) = (c.eta_n * c.eta_n, c.eta_s * c.eta_s);

    // ---------------------------------------------------------------- couplings
    let mut dc = Couplings::default();

    // Gauge couplings (Appendix A, both sets): 16pi^2 dg/dt = b g^3, b = (11, 1, -3).
    dc.g1 = B_GAUGE[0] * c.g1 * gp2;
    dc.g2 = B_GAUGE[1] * c.g2 * g22;
    dc.g3 = B_GAUGE[2] * c.g3 * g32;

    // h_t (Appendix A; the consistent set drops lambda_S^2, PHYSICS.md section 5).
    dc.ht = c.ht
        * (6.0 * ht2 + hb2 + lam_n2 + hmz_only(lam_s2)
            - 13.0 / 9.0 * gp2
            - 3.0 * g22
            - 16.0 / 3.0 * g32);

    // h_b (Appendix A; the consistent set drops lambda_S^2).
    dc.hb = c.hb
        * (6.0 * hb2 + ht2 + htau2 + lam_n2 + hmz_only(lam_s2)
            - 7.0 / 9.0 * gp2
            - 3.0 * g22
            - 16.0 / 3.0 * g32);

    // h_tau: printed with lambda_S^2; the consistent set has lambda_N^2 (H_d couples to N).
    let htau_singlet = if hmz { lam_s2 } else { lam_n2 };
    dc.htau = c.htau * (4.0 * htau2 + 3.0 * hb2 + htau_singlet - 3.0 * gp2 - 3.0 * g22);

    match opts.set {
        RgeSet::Hmz1999 => {
            // k, Appendix A as printed (with the -eta_N^2 (2k + eta_S) term).
            dc.k = 6.0 * c.k * (k2 + lam_n2) - eta_n2 * (2.0 * c.k + c.eta_s);
            // lambda_N, Appendix A.
            dc.lambda_n = c.lambda_n
                * (2.0 * lam_s2
                    + eta_s2
                    + eta_n2
                    + 5.0 * xi_n2
                    + 4.0 * lam_n2
                    + 2.0 * k2
                    + 3.0 * ht2
                    + 3.0 * hb2
                    + htau2
                    - gp2
                    - 3.0 * g22);
            // lambda_S, Appendix A.
            dc.lambda_s = c.lambda_s
                * (2.0 * lam_n2
                    + 4.0 * lam_s2
                    + eta_s2
                    + eta_n2
                    + 5.0 * xi_s2
                    + 3.0 * ht2
                    + 3.0 * hb2
                    + htau2
                    - gp2
                    - 3.0 * g22);
            // xi_N, Appendix A as printed (9 xi^2, +13/9 g'^2).
            dc.xi_n = c.xi_n
                * (9.0 * xi_n2
                    + 4.0 * xi_s2
                    + eta_s2
                    + eta_n2
                    + 2.0 * lam_n2
                    + 2.0 * k2
                    + 13.0 / 9.0 * gp2
                    - 3.0 * g22
                    - 16.0 / 3.0 * g32);
            // xi_S, Appendix A as printed.
            dc.xi_s = c.xi_s
                * (9.0 * xi_s2 + 4.0 * xi_n2 + eta_s2 + eta_n2 + 2.0 * lam_s2 + 13.0 / 9.0 * gp2
                    - 3.0 * g22
                    - 16.0 / 3.0 * g32);
            // eta_N, Appendix A.
            dc.eta_n = c.eta_n
                * (5.0 * xi_s2
                    + 10.0 * xi_n2
                    + 3.0 * eta_s2
                    + 3.0 * eta_n2
                    + 2.0 * lam_s2
                    + 4.0 * lam_n2
                    + 4.0 * k2);
            // eta_S, Appendix A.
            dc.eta_s = c.eta_s
                * (5.0 * xi_n2
                    + 10.0 * xi_s2
                    + 3.0 * eta_s2
                    + 3.0 * eta_n2
                    + 4.0 * lam_s2
                    + 2.0 * lam_n2
                    + 2.0 * k2);
        }
        RgeSet::Consistent => {
            // PHYSICS.md section 5: S a background spurion, messengers decoupled below M.
            // Anomalous dimensions 16pi^2 gamma: N: 2 lambda_N^2 + 2 k^2;
            // H_u + H_d: 2 lambda_N^2 + 3 h_t^2 + 3 h_b^2 + h_tau^2 - g'^2 - 3 g_2^2.
            dc.k = 6.0 * c.k * (k2 + lam_n2);
            dc.lambda_n = c.lambda_n
                * (4.0 * lam_n2 + 2.0 * k2 + 3.0 * ht2 + 3.0 * hb2 + htau2 - gp2 - 3.0 * g22);
            // Dimensionful at fixed y: run with the anomalous dimensions of their fields.
            dc.lambda_s =
                c.lambda_s * (2.0 * lam_n2 + 3.0 * ht2 + 3.0 * hb2 + htau2 - gp2 - 3.0 * g22);
            dc.eta_n = c.eta_n * (4.0 * k2 + 4.0 * lam_n2);
            dc.eta_s = c.eta_s * (2.0 * k2 + 2.0 * lam_n2);
            // xi_N, xi_S: constant below M (the messengers are integrated out).
            dc.xi_n = 0.0;
            dc.xi_s = 0.0;
        }
    }

    // ---------------------------------------------------------------- soft terms
    let mut ds = SoftTerms::default();

    // Gaugino masses (Appendix A, both sets): 16pi^2 dM_i/dt = 2 b_i g_i^2 M_i.
    ds.m1 = 2.0 * B_GAUGE[0] * gp2 * s.m1;
    ds.m2 = 2.0 * B_GAUGE[1] * g22 * s.m2;
    ds.m3 = 2.0 * B_GAUGE[2] * g32 * s.m3;

    // Trilinears in the paper's convention (PHYSICS.md section 1).
    let at = -s.a_t;
    let ab = -s.a_b;
    let atau = -s.a_tau;
    let al = -s.a_lambda;
    let ak = s.a_k;

    if opts.a_terms == ATermRunning::Running {
        // A_t, Appendix A (both sets).
        let d_at = 12.0 * ht2 * at + 2.0 * hb2 * ab + 2.0 * lam_n2 * al
            - 4.0 * (13.0 / 18.0 * gp2 * s.m1 + 1.5 * g22 * s.m2 + 8.0 / 3.0 * g32 * s.m3);
        // A_b, Appendix A (both sets).
        let d_ab = 12.0 * hb2 * ab + 2.0 * ht2 * at + 2.0 * htau2 * atau + 2.0 * lam_n2 * al
            - 4.0 * (7.0 / 18.0 * gp2 * s.m1 + 1.5 * g22 * s.m2 + 8.0 / 3.0 * g32 * s.m3);
        // A_tau, Appendix A (both sets).
        let d_atau = 8.0 * htau2 * atau + 6.0 * hb2 * ab + 2.0 * lam_n2 * al
            - 6.0 * (gp2 * s.m1 + g22 * s.m2);
        // A_lambda, Appendix A. The printed "2 h_tau^2" lacks its A_tau: read as 2 h_tau^2 A_tau
        // (every other Yukawa term carries its trilinear). 2 lambda_S^2 A_lambda only in hmz1999.
        let d_al = 8.0 * lam_n2 * al + hmz_only(2.0 * lam_s2 * al) - 4.0 * k2 * ak
            + 6.0 * ht2 * at
            + 6.0 * hb2 * ab
            + 2.0 * htau2 * atau
            - 2.0 * (gp2 * s.m1 + 3.0 * g22 * s.m2);
        // A_k, Appendix A (the + eta_N^2 A_k term only in hmz1999).
        let d_ak = 12.0 * (k2 * ak - lam_n2 * al) + hmz_only(eta_n2 * ak);

        // Back to the uniform convention.
        ds.a_t = -d_at;
        ds.a_b = -d_ab;
        ds.a_tau = -d_atau;
        ds.a_lambda = -d_al;
        ds.a_k = d_ak;
    }

    // Gauge part of every scalar mass (the printed equations have exactly this form):
    // -8 (Y^2 g'^2 M_1^2 + C_2 g_2^2 M_2^2 + C_3 g_3^2 M_3^2).
    let (m1sq, m2sq, m3sq) = (s.m1 * s.m1, s.m2 * s.m2, s.m3 * s.m3);
    let gauge = |(y2, c2, c3): (f64, f64, f64)| {
        -8.0 * (y2 * gp2 * m1sq + c2 * g22 * m2sq + c3 * g32 * m3sq)
    };

    // Yukawa-weighted sums of the masses of the fields in each superpotential term.
    let x_t = s.mq3 + s.mhu + s.mu3 + at * at;
    let x_b = s.mq3 + s.mhd + s.md3 + ab * ab;
    let x_tau = s.ml3 + s.mhd + s.me3 + atau * atau;
    let x_lambda = s.mhd + s.mhu + s.mn + al * al;
    // The stray 2 lambda_S^2 (m_Hu^2 + m_Hd^2) of the printed Higgs equations (hmz1999 only).
    let higgs_lambda_s = hmz_only(2.0 * lam_s2 * (s.mhd + s.mhu));

    // m_tL^2 = m_Q3^2 (Appendix A), zeta = 0.
    ds.mq3 = 2.0 * ht2 * x_t + 2.0 * hb2 * x_b + gauge(casimirs::Q);
    // m_tR^2 = m_U3^2.
    ds.mu3 = 4.0 * ht2 * x_t + gauge(casimirs::U);
    // m_bR^2 = m_D3^2 (the printed m_Q3^2 and m_b~^2 are m_tL^2 and m_bR^2).
    ds.md3 = 4.0 * hb2 * x_b + gauge(casimirs::D);
    // m_tauL^2 = m_L3^2.
    ds.ml3 = 2.0 * htau2 * x_tau + gauge(casimirs::L);
    // m_tauR^2 = m_E3^2.
    ds.me3 = 4.0 * htau2 * x_tau + gauge(casimirs::E);
    // m_Hd^2.
    ds.mhd = 6.0 * hb2 * x_b + higgs_lambda_s + 2.0 * htau2 * x_tau + 2.0 * lam_n2 * x_lambda
        - 8.0 * (0.25 * gp2 * m1sq + 0.75 * g22 * m2sq);
    // m_Hu^2.
    ds.mhu = 6.0 * ht2 * x_t + higgs_lambda_s - 8.0 * (0.25 * gp2 * m1sq + 0.75 * g22 * m2sq)
        + 2.0 * lam_n2 * x_lambda;
    // m_N^2 (printed, both sets).
    ds.mn = 4.0 * lam_n2 * x_lambda + 4.0 * k2 * (3.0 * s.mn + ak * ak);

    // First and second generations: gauge terms only (PHYSICS.md section 5).
    ds.mq1 = gauge(casimirs::Q);
    ds.mu1 = gauge(casimirs::U);
    ds.md1 = gauge(casimirs::D);
    ds.ml1 = gauge(casimirs::L);
    ds.me1 = gauge(casimirs::E);

    // dX/dt = (16 pi^2 dX/dt) / 16 pi^2.
    let inv = 1.0 / (16.0 * PI * PI);
    let v = RgeState {
        couplings: dc,
        soft: ds,
    }
    .to_vector()
        * inv;
    RgeState::from_vector(&v)
}

/// The exact one-loop solution for `(g', g_2, g_3)` at scale `q` [GeV] from the inputs at `sm.mz`
/// with `b = (11, 1, -3)`: `1/g^2(t) = 1/g^2(t0) - 2 b (t - t0)/16pi^2`. NaN beyond a Landau pole.
pub fn gauge_couplings_at(sm: &SmInputs, q: f64) -> [f64; 3] {
    let dt = (q / sm.mz).ln();
    let g0 = [sm.g_prime_mz, sm.g2_mz, sm.g3_mz];
    std::array::from_fn(|i| {
        let inv = 1.0 / (g0[i] * g0[i]) - 2.0 * B_GAUGE[i] * dt / (16.0 * PI * PI);
        inv.sqrt().recip()
    })
}

/// Why the integration was stopped from inside [`System::solout`].
#[derive(Clone, Copy, Debug)]
enum Stop {
    /// Index of the coupling, its value, t.
    NonPerturbative(usize, f64, f64),
    /// A soft term became non-finite at t.
    NonFinite(f64),
}

/// First problem of a (scaled) state vector: a coupling beyond the limit or non-finite, or a
/// non-finite soft term.
fn check_vector(y: &StateVector, t: f64) -> Option<Stop> {
    if let Some(i) =
        (0..N_COUPLINGS).find(|&i| !(y[i].is_finite() && y[i].abs() <= PERTURBATIVE_LIMIT))
    {
        return Some(Stop::NonPerturbative(i, y[i], t));
    }
    if y.iter().any(|v| !v.is_finite()) {
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
        match check_vector(y, t) {
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
fn mass_scale(v: &StateVector) -> f64 {
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

/// [`run`] with explicit Dopri5 tolerances (the tests check the production ones against tighter).
fn run_with_tolerances(
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
    if let Some(stop) = check_vector(&v0, t_from) {
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
    let mut stepper = Dopri5::new(
        system,
        t_from,
        t_to,
        t_to - t_from,
        scale_soft(v0, 1.0 / mu),
        rtol,
        atol,
    );
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
    let v = scale_soft(*y_last, mu);
    if let Some(stop) = check_vector(&v, t_to) {
        return Err(stop.into());
    }
    Ok(RgeState::from_vector(&v))
}

/// The result of [`evolve`]: couplings at Q and M, soft terms at M (boundary conditions) and Q.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evolution {
    /// The input couplings at Q, with xi_S(Q) solved from xi_S(M) = 1 (hmz1999) or set to 1
    /// (consistent: xi_S does not run). All other entries are exactly the inputs.
    pub couplings_q: Couplings,
    pub couplings_m: Couplings,
    pub soft_m: SoftTerms,
    pub soft_q: SoftTerms,
}

/// Convergence of the xi_S(M) = 1 condition.
const XI_S_TOLERANCE: f64 = 1e-12;
/// Maximum number of secant steps for xi_S(Q).
const XI_S_MAX_ITER: usize = 30;
/// Starting value of xi_S(Q) when the input is not in (0, 2) (HMZ quote xi_S(Q) = 0.94).
const XI_S_DEFAULT_START: f64 = 0.94;

/// PHYSICS.md section 3, step 3: couplings from Q up to M = `messenger.m_mess` (soft terms zero
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
    let m = messenger.m_mess;
    if !(q > 0.0 && q < m) {
        return Err(RgeError::ScaleOrder { q, m });
    }
    let opts = RgeOptions::from(&cfg.switches);
    let (t_q, t_m) = (q.ln(), m.ln());

    let (xi_s_q, couplings_m) = match opts.set {
        RgeSet::Consistent => {
            let c = Couplings {
                xi_s: 1.0,
                ..*couplings_q
            };
            (1.0, run_couplings(&c, t_q, t_m, &opts)?)
        }
        RgeSet::Hmz1999 => solve_xi_s(couplings_q, t_q, t_m, &opts)?,
    };
    let couplings_q = Couplings {
        xi_s: xi_s_q,
        ..*couplings_q
    };

    let soft_m = boundary::soft_terms_at_messenger(&couplings_m, messenger, &cfg.switches);
    let at_q = run(
        &RgeState {
            couplings: couplings_m,
            soft: soft_m,
        },
        t_m,
        t_q,
        &opts,
    )?;
    Ok(Evolution {
        couplings_q,
        couplings_m,
        soft_m,
        soft_q: at_q.soft,
    })
}

/// Runs couplings alone (zero soft terms) from `t_from` to `t_to`.
fn run_couplings(
    c: &Couplings,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
) -> Result<Couplings, RgeError> {
    let state = RgeState {
        couplings: *c,
        soft: SoftTerms::default(),
    };
    Ok(run(&state, t_from, t_to, opts)?.couplings)
}

/// hmz1999: finds xi_S(Q) with xi_S(M) = 1, all other couplings fixed at Q. Secant iteration on
/// `u = ln xi_S(Q)` for `F(u) = ln xi_S(M)`; returns xi_S(Q) and the couplings at M.
fn solve_xi_s(
    c_q: &Couplings,
    t_q: f64,
    t_m: f64,
    opts: &RgeOptions,
) -> Result<(f64, Couplings), RgeError> {
    let up = |u: f64| {
        let c = Couplings {
            xi_s: u.exp(),
            ..*c_q
        };
        run_couplings(&c, t_q, t_m, opts)
    };
    let converged = |c: &Couplings| (c.xi_s - 1.0).abs() < XI_S_TOLERANCE;

    let start = if c_q.xi_s > 0.0 && c_q.xi_s < 2.0 {
        c_q.xi_s
    } else {
        XI_S_DEFAULT_START
    };
    let mut u0 = start.ln();
    let c0 = up(u0)?;
    if converged(&c0) {
        return Ok((u0.exp(), c0));
    }
    let mut f0 = c0.xi_s.ln();
    // First step with the slope dF/du ~ 1 + 18 xi_S^2 (t_M - t_Q)/16pi^2 of the dominant
    // 9 xi_S^3 term in the printed xi_S equation (later steps use the secant slope).
    let slope0 = 1.0 + 18.0 * start * start * (t_m - t_q) / (16.0 * PI * PI);
    let mut u1 = u0 - f0 / slope0;
    for _ in 0..XI_S_MAX_ITER {
        let c1 = up(u1)?;
        if converged(&c1) {
            return Ok((u1.exp(), c1));
        }
        let f1 = c1.xi_s.ln();
        let slope = (f1 - f0) / (u1 - u0);
        if !(slope.is_finite() && slope != 0.0) {
            break;
        }
        (u0, f0) = (u1, f1);
        u1 -= f1 / slope;
    }
    Err(RgeError::Integration {
        message: format!(
            "xi_S(M) = 1 not reached from xi_S(Q) = {start} in {XI_S_MAX_ITER} secant steps"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Preset;

    const SIXTEEN_PI2: f64 = 16.0 * PI * PI;

    fn sm() -> SmInputs {
        SmInputs::default()
    }

    fn opts(set: RgeSet, a_terms: ATermRunning) -> RgeOptions {
        RgeOptions { set, a_terms }
    }

    fn all_options() -> [RgeOptions; 4] {
        [
            opts(RgeSet::Hmz1999, ATermRunning::Frozen),
            opts(RgeSet::Hmz1999, ATermRunning::Running),
            opts(RgeSet::Consistent, ATermRunning::Frozen),
            opts(RgeSet::Consistent, ATermRunning::Running),
        ]
    }

    fn table1_messenger() -> MessengerInputs {
        MessengerInputs {
            lambda_susy: 77_000.0,
            m_mess: 97_000.0,
            n5: 1.0,
        }
    }

    /// Table-I-like couplings at scale `q` (gauge couplings from the exact one-loop solution).
    fn table1_couplings(q: f64) -> Couplings {
        let [g1, g2, g3] = gauge_couplings_at(&sm(), q);
        Couplings {
            g1,
            g2,
            g3,
            ht: 1.0,
            hb: 0.3,
            htau: 0.2,
            lambda_n: 0.31,
            lambda_s: 3e-3,
            k: 0.4,
            xi_n: 0.71,
            xi_s: 1.0,
            eta_n: 0.87,
            eta_s: 8.3e-3,
        }
    }

    /// Table-I-like state at M = 97 TeV with the consistent-preset boundary conditions (all
    /// soft terms non-zero except a_t, a_b, a_tau).
    fn table1_state_at_m() -> RgeState {
        let m = table1_messenger();
        let couplings = table1_couplings(m.m_mess);
        let sw = PhysicsSwitches::preset(Preset::Consistent);
        RgeState {
            couplings,
            soft: boundary::soft_terms_at_messenger(&couplings, &m, &sw),
        }
    }

    /// A state with every entry non-zero and distinct, for the beta-function comparisons.
    fn generic_state() -> RgeState {
        let v = StateVector::from_fn(|i, _| {
            let x = (i as f64 + 1.0) * 0.37;
            if i < N_COUPLINGS {
                0.1 + 0.9 * (x.sin().abs())
            } else if i < N_COUPLINGS + N_DIM1 {
                500.0 * x.cos()
            } else {
                1e5 * (1.0 + 3.0 * x.sin())
            }
        });
        RgeState::from_vector(&v)
    }

    #[test]
    fn perturbative_limit_is_sqrt_4pi() {
        assert!((PERTURBATIVE_LIMIT - (4.0 * PI).sqrt()).abs() < 1e-15);
    }

    #[test]
    fn state_vector_layout_round_trips() {
        let v = StateVector::from_fn(|i, _| i as f64 + 0.5);
        let s = RgeState::from_vector(&v);
        assert_eq!(s.to_vector(), v);
        assert_eq!(s.couplings.eta_s, 12.5);
        assert_eq!(s.soft.m1, 13.5);
        assert_eq!(s.soft.a_k, 20.5);
        assert_eq!(s.soft.mq3, 21.5);
        assert_eq!(s.soft.mn, 33.5);
    }

    #[test]
    fn gauge_running_matches_exact_solution() {
        let o = opts(RgeSet::Consistent, ATermRunning::Running);
        let (q0, q1): (f64, f64) = (1e2, 1e5);
        let [g1, g2, g3] = gauge_couplings_at(&sm(), q0);
        let start = RgeState {
            couplings: Couplings {
                g1,
                g2,
                g3,
                ..Couplings::default()
            },
            soft: SoftTerms::default(),
        };
        let up = run(&start, q0.ln(), q1.ln(), &o).unwrap();
        let exact = gauge_couplings_at(&sm(), q1);
        let got = [up.couplings.g1, up.couplings.g2, up.couplings.g3];
        for i in 0..3 {
            assert!(
                (got[i] / exact[i] - 1.0).abs() < 1e-9,
                "{i}: {got:?} {exact:?}"
            );
        }
        let down = run(&up, q1.ln(), q0.ln(), &o).unwrap();
        let got = [down.couplings.g1, down.couplings.g2, down.couplings.g3];
        for (i, g) in [g1, g2, g3].iter().enumerate() {
            assert!((got[i] / g - 1.0).abs() < 1e-9);
        }
        // The exact solution itself reproduces the inputs at M_Z.
        let at_mz = gauge_couplings_at(&sm(), sm().mz);
        assert!((at_mz[2] - sm().g3_mz).abs() < 1e-15);
    }

    #[test]
    fn round_trip_m_to_q_to_m_recovers_start() {
        let start = table1_state_at_m();
        let (t_m, t_q) = (97_000f64.ln(), 960f64.ln());
        let v0 = start.to_vector();
        let mu = mass_scale(&v0);
        for o in all_options() {
            let down = run(&start, t_m, t_q, &o).unwrap();
            let back = run(&down, t_q, t_m, &o).unwrap();
            let v1 = back.to_vector();
            for i in 0..STATE_DIM {
                let dim = if i < N_COUPLINGS {
                    0
                } else if i < N_COUPLINGS + N_DIM1 {
                    1
                } else {
                    2
                };
                // Relative 1e-7; entries that vanish at M (a_t, a_b, a_tau) are compared with
                // 1e-7 of the soft-term scale of their mass dimension.
                let floor = if dim == 0 { 1e-12 } else { 1e-7 * mu.powi(dim) };
                let tol = 1e-7 * v0[i].abs().max(v1[i].abs()) + floor;
                assert!(
                    (v0[i] - v1[i]).abs() <= tol,
                    "{o:?} entry {i}: {} -> {}",
                    v0[i],
                    v1[i]
                );
            }
            // The run did something.
            assert!((down.soft.mhu - start.soft.mhu).abs() > 1e4);
        }
    }

    #[test]
    fn production_tolerances_agree_with_tight_ones() {
        // rtol 1e-10 / atol 1e-12 (soft terms scaled to O(1)) against rtol 1e-13 / atol 1e-16.
        let start = table1_state_at_m();
        let (t_m, t_q) = (97_000f64.ln(), 960f64.ln());
        for o in all_options() {
            let prod = run(&start, t_m, t_q, &o).unwrap().to_vector();
            let tight = run_with_tolerances(&start, t_m, t_q, &o, 1e-13, 1e-16)
                .unwrap()
                .to_vector();
            let mu = mass_scale(&tight);
            for i in 0..STATE_DIM {
                let dim = if i < N_COUPLINGS {
                    0
                } else if i < N_COUPLINGS + N_DIM1 {
                    1
                } else {
                    2
                };
                let floor = if dim == 0 {
                    1e-14
                } else {
                    1e-10 * mu.powi(dim)
                };
                assert!(
                    (prod[i] - tight[i]).abs() <= 1e-9 * tight[i].abs() + floor,
                    "{o:?} entry {i}: {} vs {}",
                    prod[i],
                    tight[i]
                );
            }
        }
    }

    #[test]
    fn one_loop_gaugino_invariants_and_wagner_closed_form() {
        let start = table1_state_at_m();
        let (m, q) = (97_000f64, 960f64);
        let g_m = gauge_couplings_at(&sm(), m);
        let g_q = gauge_couplings_at(&sm(), q);
        for o in all_options() {
            let down = run(&start, m.ln(), q.ln(), &o).unwrap();
            let c = &down.couplings;
            let mi_m = [start.soft.m1, start.soft.m2, start.soft.m3];
            let mi_q = [down.soft.m1, down.soft.m2, down.soft.m3];
            let g_run = [c.g1, c.g2, c.g3];
            // M_i/g_i^2 is an exact one-loop invariant; M_i(Q) from the exact gauge solution.
            let mut mi_exact = [0.0; 3];
            for i in 0..3 {
                let r_m = mi_m[i] / g_m[i].powi(2);
                let r_q = mi_q[i] / g_run[i].powi(2);
                assert!((r_q / r_m - 1.0).abs() < 1e-9, "{o:?} M_{}", i + 1);
                mi_exact[i] = mi_m[i] * (g_q[i] / g_m[i]).powi(2);
            }
            // m^2(Q) = m^2(M) + sum_i (2 C_i / b_i) (M_i(M)^2 - M_i(Q)^2), C_1 = Y^2.
            let closed = |m2_m: f64, (y2, c2, c3): (f64, f64, f64)| {
                let cas = [y2, c2, c3];
                m2_m + (0..3)
                    .map(|i| 2.0 * cas[i] / B_GAUGE[i] * (mi_m[i].powi(2) - mi_exact[i].powi(2)))
                    .sum::<f64>()
            };
            let s0 = &start.soft;
            let s = &down.soft;
            let cases = [
                (s.mq1, closed(s0.mq1, casimirs::Q)),
                (s.mu1, closed(s0.mu1, casimirs::U)),
                (s.md1, closed(s0.md1, casimirs::D)),
                (s.ml1, closed(s0.ml1, casimirs::L)),
                (s.me1, closed(s0.me1, casimirs::E)),
            ];
            for (got, want) in cases {
                assert!((got / want - 1.0).abs() < 1e-8, "{o:?}: {got} vs {want}");
            }
            // The squark masses grow from M to Q (gluino loop, about 17 % here).
            assert!(s.mq1 > 1.1 * s0.mq1);
        }
    }

    #[test]
    fn consistent_set_mssm_limit_is_textbook() {
        // All singlet couplings zero; h_t, h_b, h_tau, a_t, a_b, gauginos generic.
        let mut st = generic_state();
        let c = &mut st.couplings;
        (
            c.lambda_n, c.lambda_s, c.k, c.xi_n, c.xi_s, c.eta_n, c.eta_s,
        ) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        st.soft.a_lambda = 0.0;
        st.soft.a_k = 0.0;
        let b = beta(&st, &opts(RgeSet::Consistent, ATermRunning::Running));
        let c = &st.couplings;
        let s = &st.soft;
        // Textbook MSSM one-loop RGEs (Martin, "A SUSY primer", GUT-normalised g1^2 = 5/3 g'^2,
        // V ⊃ a_t y_t Q U H_u with a_t = A_t y_t).
        let g1sq = 5.0 / 3.0 * c.g1 * c.g1;
        let (g2sq, g3sq) = (c.g2 * c.g2, c.g3 * c.g3);
        let (yt2, yb2) = (c.ht * c.ht, c.hb * c.hb);
        let yt_beta =
            c.ht * (6.0 * yt2 + yb2 - 16.0 / 3.0 * g3sq - 3.0 * g2sq - 13.0 / 15.0 * g1sq);
        let xt = s.mhu + s.mq3 + s.mu3 + s.a_t * s.a_t;
        let xb = s.mhd + s.mq3 + s.md3 + s.a_b * s.a_b;
        let mhu_beta = 6.0 * yt2 * xt - 6.0 * g2sq * s.m2.powi(2) - 1.2 * g1sq * s.m1.powi(2);
        let mq3_beta = 2.0 * yt2 * xt + 2.0 * yb2 * xb
            - 32.0 / 3.0 * g3sq * s.m3.powi(2)
            - 6.0 * g2sq * s.m2.powi(2)
            - 2.0 / 15.0 * g1sq * s.m1.powi(2);
        let mu3_beta =
            4.0 * yt2 * xt - 32.0 / 3.0 * g3sq * s.m3.powi(2) - 32.0 / 15.0 * g1sq * s.m1.powi(2);
        let at_beta = 12.0 * yt2 * s.a_t
            + 2.0 * yb2 * s.a_b
            + 32.0 / 3.0 * g3sq * s.m3
            + 6.0 * g2sq * s.m2
            + 26.0 / 15.0 * g1sq * s.m1;
        let pairs = [
            (b.couplings.ht, yt_beta),
            (b.soft.mhu, mhu_beta),
            (b.soft.mq3, mq3_beta),
            (b.soft.mu3, mu3_beta),
            (b.soft.a_t, at_beta),
        ];
        for (i, (got, want)) in pairs.iter().enumerate() {
            let want = want / SIXTEEN_PI2;
            assert!(
                (got - want).abs() <= 1e-12 * want.abs(),
                "{i}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn consistent_set_nmssm_limit() {
        // With xi, eta, lambda_S zero the consistent set is the NMSSM (Ellwanger, Hugonie,
        // Teixeira, Phys. Rept. 496 (2010), with kappa = -k, A_kappa = a_k, A_lambda = a_lambda).
        let mut st = generic_state();
        let c = &mut st.couplings;
        (c.lambda_s, c.xi_n, c.xi_s, c.eta_n, c.eta_s) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let b = beta(&st, &opts(RgeSet::Consistent, ATermRunning::Running));
        let c = &st.couplings;
        let s = &st.soft;
        let (l2, k2) = (c.lambda_n.powi(2), c.k.powi(2));
        let a_lambda = 2.0
            * (4.0 * l2 * s.a_lambda
                + 2.0 * k2 * s.a_k
                + 3.0 * c.ht.powi(2) * s.a_t
                + 3.0 * c.hb.powi(2) * s.a_b
                + c.htau.powi(2) * s.a_tau
                + c.g1.powi(2) * s.m1
                + 3.0 * c.g2.powi(2) * s.m2);
        let a_kappa = 12.0 * (l2 * s.a_lambda + k2 * s.a_k);
        let kappa = 6.0 * c.k * (l2 + k2);
        let ms2 = 4.0 * l2 * (s.mhu + s.mhd + s.mn + s.a_lambda.powi(2))
            + 4.0 * k2 * (3.0 * s.mn + s.a_k.powi(2));
        for (got, want) in [
            (b.soft.a_lambda, a_lambda),
            (b.soft.a_k, a_kappa),
            (b.couplings.k, kappa),
            (b.soft.mn, ms2),
        ] {
            let want = want / SIXTEEN_PI2;
            assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} vs {want}");
        }
    }

    #[test]
    fn sets_agree_without_singlet_couplings() {
        let mut st = generic_state();
        let c = &mut st.couplings;
        (
            c.lambda_n, c.lambda_s, c.k, c.xi_n, c.xi_s, c.eta_n, c.eta_s,
        ) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for a in [ATermRunning::Frozen, ATermRunning::Running] {
            let h = beta(&st, &opts(RgeSet::Hmz1999, a)).to_vector();
            let k = beta(&st, &opts(RgeSet::Consistent, a)).to_vector();
            for i in 0..STATE_DIM {
                assert!((h[i] - k[i]).abs() <= 1e-14 * h[i].abs(), "entry {i}");
            }
        }
    }

    #[test]
    fn sets_differ_exactly_by_the_listed_terms() {
        let st = generic_state();
        let o = |set| opts(set, ATermRunning::Running);
        let diff = beta(&st, &o(RgeSet::Hmz1999)).to_vector()
            - beta(&st, &o(RgeSet::Consistent)).to_vector();
        let c = &st.couplings;
        let s = &st.soft;
        let sq = |x: f64| x * x;
        // hmz1999 minus consistent, term by term (PHYSICS.md section 5), times 16 pi^2.
        let mut e = RgeState::default();
        e.couplings.ht = c.ht * sq(c.lambda_s);
        e.couplings.hb = c.hb * sq(c.lambda_s);
        e.couplings.htau = c.htau * (sq(c.lambda_s) - sq(c.lambda_n));
        e.couplings.k = -sq(c.eta_n) * (2.0 * c.k + c.eta_s);
        e.couplings.lambda_n =
            c.lambda_n * (2.0 * sq(c.lambda_s) + sq(c.eta_s) + sq(c.eta_n) + 5.0 * sq(c.xi_n));
        e.couplings.lambda_s =
            c.lambda_s * (4.0 * sq(c.lambda_s) + sq(c.eta_s) + sq(c.eta_n) + 5.0 * sq(c.xi_s));
        e.couplings.xi_n = c.xi_n
            * (9.0 * sq(c.xi_n)
                + 4.0 * sq(c.xi_s)
                + sq(c.eta_s)
                + sq(c.eta_n)
                + 2.0 * sq(c.lambda_n)
                + 2.0 * sq(c.k)
                + 13.0 / 9.0 * sq(c.g1)
                - 3.0 * sq(c.g2)
                - 16.0 / 3.0 * sq(c.g3));
        e.couplings.xi_s = c.xi_s
            * (9.0 * sq(c.xi_s)
                + 4.0 * sq(c.xi_n)
                + sq(c.eta_s)
                + sq(c.eta_n)
                + 2.0 * sq(c.lambda_s)
                + 13.0 / 9.0 * sq(c.g1)
                - 3.0 * sq(c.g2)
                - 16.0 / 3.0 * sq(c.g3));
        e.couplings.eta_n = c.eta_n
            * (5.0 * sq(c.xi_s)
                + 10.0 * sq(c.xi_n)
                + 3.0 * sq(c.eta_s)
                + 3.0 * sq(c.eta_n)
                + 2.0 * sq(c.lambda_s));
        e.couplings.eta_s = c.eta_s
            * (5.0 * sq(c.xi_n)
                + 10.0 * sq(c.xi_s)
                + 3.0 * sq(c.eta_s)
                + 3.0 * sq(c.eta_n)
                + 4.0 * sq(c.lambda_s));
        // Uniform convention: the printed 2 lambda_S^2 A_lambda and eta_N^2 A_k keep their form.
        e.soft.a_lambda = 2.0 * sq(c.lambda_s) * s.a_lambda;
        e.soft.a_k = sq(c.eta_n) * s.a_k;
        e.soft.mhu = 2.0 * sq(c.lambda_s) * (s.mhu + s.mhd);
        e.soft.mhd = 2.0 * sq(c.lambda_s) * (s.mhu + s.mhd);
        let e = e.to_vector() / SIXTEEN_PI2;
        let scale = beta(&st, &o(RgeSet::Hmz1999)).to_vector();
        for i in 0..STATE_DIM {
            assert!(
                (diff[i] - e[i]).abs() <= 1e-13 * (scale[i].abs() + e[i].abs()),
                "entry {i}: {} vs {}",
                diff[i],
                e[i]
            );
        }
    }

    #[test]
    fn frozen_a_terms_do_not_run() {
        let st = generic_state();
        for set in [RgeSet::Hmz1999, RgeSet::Consistent] {
            let f = beta(&st, &opts(set, ATermRunning::Frozen));
            let r = beta(&st, &opts(set, ATermRunning::Running));
            let fs = &f.soft;
            assert_eq!([fs.a_t, fs.a_b, fs.a_tau, fs.a_lambda, fs.a_k], [0.0; 5]);
            assert!(r.soft.a_t != 0.0 && r.soft.a_k != 0.0);
            // Everything else is unaffected by the switch.
            let (mut f2, mut r2) = (f, r);
            for x in [&mut f2, &mut r2] {
                (
                    x.soft.a_t,
                    x.soft.a_b,
                    x.soft.a_tau,
                    x.soft.a_lambda,
                    x.soft.a_k,
                ) = (0.0, 0.0, 0.0, 0.0, 0.0);
            }
            assert_eq!(f2, r2);
        }
    }

    #[test]
    fn consistent_set_keeps_xi_constant() {
        let st = table1_state_at_m();
        let o = opts(RgeSet::Consistent, ATermRunning::Running);
        let b = beta(&st, &o);
        assert_eq!((b.couplings.xi_n, b.couplings.xi_s), (0.0, 0.0));
        let down = run(&st, 97_000f64.ln(), 960f64.ln(), &o).unwrap();
        assert_eq!(down.couplings.xi_n, st.couplings.xi_n);
        assert_eq!(down.couplings.xi_s, st.couplings.xi_s);
    }

    #[test]
    fn landau_pole_is_a_nonperturbative_error() {
        let q0 = 1e3;
        let mut c = table1_couplings(q0);
        c.lambda_n = 2.5;
        c.k = 2.0;
        let st = RgeState {
            couplings: c,
            soft: SoftTerms::default(),
        };
        for o in all_options() {
            match run(&st, q0.ln(), 1e16f64.ln(), &o) {
                Err(RgeError::NonPerturbative {
                    coupling,
                    value,
                    scale,
                }) => {
                    assert!(
                        ["lambda_n", "k", "xi_n", "eta_n"].contains(&coupling),
                        "{coupling}"
                    );
                    assert!(value.abs() > PERTURBATIVE_LIMIT || !value.is_finite());
                    assert!(scale > q0 && scale < 1e16, "{scale}");
                }
                other => panic!("{o:?}: expected NonPerturbative, got {other:?}"),
            }
        }
    }

    #[test]
    fn invalid_inputs_are_errors() {
        let o = opts(RgeSet::Hmz1999, ATermRunning::Running);
        let good = table1_state_at_m();
        let (t0, t1) = (97_000f64.ln(), 960f64.ln());
        let mut bad = good;
        bad.couplings.k = f64::NAN;
        assert!(matches!(
            run(&bad, t0, t1, &o),
            Err(RgeError::NonPerturbative { coupling: "k", .. })
        ));
        let mut bad = good;
        bad.soft.mn = f64::NAN;
        assert!(matches!(
            run(&bad, t0, t1, &o),
            Err(RgeError::Integration { .. })
        ));
        assert!(matches!(
            run(&good, t0, f64::NAN, &o),
            Err(RgeError::Integration { .. })
        ));
        let mut bad = good;
        bad.couplings.lambda_n = -4.0;
        assert!(matches!(
            run(&bad, t0, t1, &o),
            Err(RgeError::NonPerturbative {
                coupling: "lambda_n",
                value: -4.0,
                ..
            })
        ));
        // Zero-length run returns the input.
        assert_eq!(run(&good, t0, t0, &o), Ok(good));
    }

    /// Table I couplings at Q = 960 GeV as the pipeline would build them.
    fn table1_couplings_at_q(cfg: &PhysicsConfig, q: f64) -> Couplings {
        let tan_beta: f64 = 24.3;
        let beta_angle = tan_beta.atan();
        let v = cfg.sm.vev;
        let [g1, g2, g3] = gauge_couplings_at(&cfg.sm, q);
        let (hb, htau) = if cfg.switches.bottom_tau_yukawas {
            (
                cfg.sm.m_bottom / (v * beta_angle.cos()),
                cfg.sm.m_tau / (v * beta_angle.cos()),
            )
        } else {
            (0.0, 0.0)
        };
        Couplings {
            g1,
            g2,
            g3,
            ht: 165.0 / (v * beta_angle.sin()),
            hb,
            htau,
            lambda_n: 0.31,
            lambda_s: 3e-3,
            k: 0.4,
            xi_n: 0.71,
            xi_s: 0.9,
            eta_n: 0.87,
            eta_s: 8.3e-3,
        }
    }

    #[test]
    fn evolve_hmz_imposes_xi_s_one_at_m() {
        let cfg = PhysicsConfig::preset(Preset::Hmz1999);
        let q = 960.0;
        let c_q = table1_couplings_at_q(&cfg, q);
        let mess = table1_messenger();
        let ev = evolve(&c_q, q, &mess, &cfg).unwrap();
        assert!((ev.couplings_m.xi_s - 1.0).abs() < 1e-10);
        // Independently: the returned couplings at Q run up to xi_S(M) = 1.
        let o = RgeOptions::from(&cfg.switches);
        let up = run_couplings(&ev.couplings_q, q.ln(), mess.m_mess.ln(), &o).unwrap();
        assert!((up.xi_s - 1.0).abs() < 1e-10, "{}", up.xi_s);
        assert_eq!(up, ev.couplings_m);
        // Only xi_S differs from the input at Q; xi_S runs down to below 1 (HMZ: 0.94).
        assert_eq!(
            Couplings {
                xi_s: c_q.xi_s,
                ..ev.couplings_q
            },
            c_q
        );
        assert!(ev.couplings_q.xi_s > 0.8 && ev.couplings_q.xi_s < 1.0);
        // Same answer from the default start (input outside (0, 2)).
        let ev2 = evolve(&Couplings { xi_s: 5.0, ..c_q }, q, &mess, &cfg).unwrap();
        assert!((ev2.couplings_q.xi_s - ev.couplings_q.xi_s).abs() < 1e-11);
        // Boundary conditions applied at M from the couplings at M, then run down.
        let bc = boundary::soft_terms_at_messenger(&ev.couplings_m, &mess, &cfg.switches);
        assert_eq!(bc, ev.soft_m);
        // Frozen A-terms in the hmz1999 preset: a_t(Q) = 0.
        assert_eq!(ev.soft_q.a_t, 0.0);
        // (Up to rounding: run() rescales the soft terms by their mass scale.)
        assert!((ev.soft_q.a_lambda / ev.soft_m.a_lambda - 1.0).abs() < 1e-15);
        assert!((ev.soft_q.a_k / ev.soft_m.a_k - 1.0).abs() < 1e-15);
    }

    #[test]
    fn evolve_consistent_has_xi_s_one() {
        let cfg = PhysicsConfig::preset(Preset::Consistent);
        let q = 960.0;
        let c_q = table1_couplings_at_q(&cfg, q);
        let ev = evolve(&c_q, q, &table1_messenger(), &cfg).unwrap();
        assert_eq!(ev.couplings_q.xi_s, 1.0);
        assert_eq!(ev.couplings_m.xi_s, 1.0);
        assert_eq!(ev.couplings_m.xi_n, c_q.xi_n);
        assert_eq!(
            Couplings {
                xi_s: 0.9,
                ..ev.couplings_q
            },
            c_q
        );
        // Running A-terms: a_t is generated by the gauginos (negative in the uniform
        // convention, i.e. A_t(paper) > 0).
        assert!(ev.soft_q.a_t < -100.0);
    }

    #[test]
    fn evolve_rejects_q_not_below_m() {
        let cfg = PhysicsConfig::preset(Preset::Hmz1999);
        let mess = table1_messenger();
        let c_q = table1_couplings_at_q(&cfg, 960.0);
        for q in [97_000.0, 2e5, 0.0, -1.0, f64::NAN] {
            assert!(matches!(
                evolve(&c_q, q, &mess, &cfg),
                Err(RgeError::ScaleOrder { .. })
            ));
        }
    }
}
