//! The right-hand sides of the one-loop RGEs: HMZ Appendix A as printed (`hmz1999`) and the
//! erratum set of docs/physics.md section 5 (`consistent`). The couplings' equations do not involve
//! the soft terms, so they are also available alone ([`coupling_beta`], for the xi_S shooting).
//!
//! The functions of the right-hand sides are `#[inline(always)]`: the fixed-step integrator calls
//! them four times per step, and as calls their arguments and results pass through memory stored
//! entry by entry and read back in pairs, which defeats the processor's store-to-load forwarding
//! (about a sixth of the hmz1999 CPU; docs/speed.md, issue 20, session 34). Inlined, they work in
//! registers; the floating-point operations are the same.

use std::f64::consts::PI;

use super::two_loop::{coupling_two_loop, soft_two_loop};
use super::{RgeOptions, RgeState, B_GAUGE};
use crate::config::{ATermRunning, RgeSet};
use crate::model::boundary::casimirs;
use crate::model::gauge::{gauge_beta_two_loop, GaugeYukawas};
use crate::model::params::{Couplings, SoftTerms};

/// 1/(16 pi^2): the printed equations are `16 pi^2 dX/dt = beta_X`.
const INV_16PI2: f64 = 1.0 / (16.0 * PI * PI);

/// The right-hand sides `dX/dt` (t = ln Q/GeV) of all 34 running parameters
/// (docs/physics.md section 5; HMZ Appendix A), as an [`RgeState`] of derivatives.
#[inline(always)] // See the module header.
pub fn beta(state: &RgeState, opts: &RgeOptions) -> RgeState {
    // The squared couplings once for both parts.
    let squares = Squares::of(&state.couplings);
    RgeState {
        couplings: coupling_beta_with(&state.couplings, &squares, opts),
        soft: soft_beta(state, &squares, opts),
    }
}

/// Shorthands shared by the coupling and soft-term equations.
#[derive(Clone, Copy)]
struct Squares {
    gp2: f64,
    g22: f64,
    g32: f64,
    ht2: f64,
    hb2: f64,
    htau2: f64,
    lam_n2: f64,
    lam_s2: f64,
    k2: f64,
    xi_n2: f64,
    xi_s2: f64,
    eta_n2: f64,
    eta_s2: f64,
}

impl Squares {
    #[inline(always)] // See the module header.
    fn of(c: &Couplings) -> Self {
        Self {
            gp2: c.g1 * c.g1,
            g22: c.g2 * c.g2,
            g32: c.g3 * c.g3,
            ht2: c.ht * c.ht,
            hb2: c.hb * c.hb,
            htau2: c.htau * c.htau,
            lam_n2: c.lambda_n.powi(2),
            lam_s2: c.lambda_s.powi(2),
            k2: c.k * c.k,
            xi_n2: c.xi_n * c.xi_n,
            xi_s2: c.xi_s * c.xi_s,
            eta_n2: c.eta_n * c.eta_n,
            eta_s2: c.eta_s * c.eta_s,
        }
    }
}

/// `dX/dt` of the 13 couplings (they do not depend on the soft terms).
// One assignment per parameter, each citing its equation, reads better than a struct literal.
#[inline(always)] // See the module header.
pub fn coupling_beta(c: &Couplings, opts: &RgeOptions) -> Couplings {
    coupling_beta_with(c, &Squares::of(c), opts)
}

/// [`coupling_beta`] with the squares of `c` given.
#[allow(clippy::field_reassign_with_default)]
#[inline(always)] // See the module header.
fn coupling_beta_with(c: &Couplings, squares: &Squares, opts: &RgeOptions) -> Couplings {
    let set = opts.set;
    // MSSM coefficients plus those of the messengers lighter than the scale (docs/physics.md section 11).
    let b: [f64; 3] = std::array::from_fn(|i| B_GAUGE[i] + opts.messenger_b[i]);
    let hmz = set == RgeSet::Hmz1999;
    // Terms present in the printed Appendix A but absent from the consistent set.
    let hmz_only = |x: f64| if hmz { x } else { 0.0 };
    let mut squares = *squares;
    // The eta rates from the same squares (no second pass over the couplings).
    let (eta_n_rate, eta_s_rate) = eta_rates_of(&squares, set, opts.without_singlet_loops());
    // Below the singlet's mass (docs/physics.md section 5b) no loop contains N or the singlino:
    // lambda_N^2 and k^2 leave every anomalous dimension of the light fields.
    let decoupled = opts.without_singlet_loops();
    if decoupled {
        squares.lam_n2 = 0.0;
        squares.k2 = 0.0;
    }
    let Squares {
        gp2,
        g22,
        g32,
        ht2,
        hb2,
        htau2,
        lam_n2,
        lam_s2,
        k2,
        xi_n2,
        xi_s2,
        eta_n2,
        eta_s2,
    } = squares;

    // ---------------------------------------------------------------- couplings
    let mut dc = Couplings::default();

    // Gauge couplings (Appendix A, both sets): 16pi^2 dg/dt = b g^3, b = (11, 1, -3) + messengers;
    // with `gauge_two_loop` plus the two-loop MSSM terms (model::gauge, docs/physics.md section 3;
    // the messengers' two-loop terms above their thresholds are not included).
    dc.g1 = b[0] * c.g1 * gp2;
    dc.g2 = b[1] * c.g2 * g22;
    dc.g3 = b[2] * c.g3 * g32;
    if opts.gauge_two_loop {
        let yukawas = GaugeYukawas {
            ht: c.ht,
            hb: c.hb,
            htau: c.htau,
            lambda_n: if decoupled { 0.0 } else { c.lambda_n },
        };
        let two = gauge_beta_two_loop([c.g1, c.g2, c.g3], &yukawas);
        // The one-loop part is multiplied by INV_16PI2 below with everything else.
        dc.g1 += two[0] / INV_16PI2;
        dc.g2 += two[1] / INV_16PI2;
        dc.g3 += two[2] / INV_16PI2;
    }

    // h_t (Appendix A; the consistent set drops lambda_S^2, docs/physics.md section 5).
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

    match set {
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
            // eta_N, eta_S: Appendix A (see `eta_rates`).
            dc.eta_n = c.eta_n * eta_n_rate;
            dc.eta_s = c.eta_s * eta_s_rate;
        }
        RgeSet::Consistent => {
            // docs/physics.md section 5: S a background spurion, messengers decoupled below M.
            // Anomalous dimensions 16pi^2 gamma: N: 2 lambda_N^2 + 2 k^2;
            // H_u + H_d: 2 lambda_N^2 + 3 h_t^2 + 3 h_b^2 + h_tau^2 - g'^2 - 3 g_2^2.
            dc.k = 6.0 * c.k * (k2 + lam_n2);
            dc.lambda_n = c.lambda_n
                * (4.0 * lam_n2 + 2.0 * k2 + 3.0 * ht2 + 3.0 * hb2 + htau2 - gp2 - 3.0 * g22);
            // Dimensionful at fixed y: run with the anomalous dimensions of their fields.
            dc.lambda_s =
                c.lambda_s * (2.0 * lam_n2 + 3.0 * ht2 + 3.0 * hb2 + htau2 - gp2 - 3.0 * g22);
            dc.eta_n = c.eta_n * eta_n_rate;
            dc.eta_s = c.eta_s * eta_s_rate;
            // Below the singlet's mass (section 5b) N is a background: k does not run (lam_n2 and
            // k2 are zero here), lambda_N runs with the H_u, H_d anomalous dimensions only, as
            // mu_eff = lambda_N x + lambda_S y must in the MSSM below; the etas do not run.
            if decoupled {
                dc.k = 0.0;
            }
            // xi_N, xi_S: constant below M (the messengers are integrated out).
            dc.xi_n = 0.0;
            dc.xi_s = 0.0;
        }
    }

    let one_loop = scale_couplings(&dc, INV_16PI2);
    if opts.rge_two_loop {
        // The two-loop MSSM terms (two_loop.rs, docs/physics.md section 5c); lambda_S is the
        // mu-like bilinear only in the consistent set.
        let two = coupling_two_loop(c);
        let lambda_s = if hmz { 0.0 } else { two.lambda_s };
        return Couplings {
            ht: one_loop.ht + two.ht,
            hb: one_loop.hb + two.hb,
            htau: one_loop.htau + two.htau,
            lambda_s: one_loop.lambda_s + lambda_s,
            ..one_loop
        };
    }
    one_loop
}

/// Every entry of `c` times `x` (the printed equations give 16 pi^2 dX/dt).
fn scale_couplings(c: &Couplings, x: f64) -> Couplings {
    Couplings {
        g1: c.g1 * x,
        g2: c.g2 * x,
        g3: c.g3 * x,
        ht: c.ht * x,
        hb: c.hb * x,
        htau: c.htau * x,
        lambda_n: c.lambda_n * x,
        lambda_s: c.lambda_s * x,
        k: c.k * x,
        xi_n: c.xi_n * x,
        xi_s: c.xi_s * x,
        eta_n: c.eta_n * x,
        eta_s: c.eta_s * x,
    }
}

/// Every entry of `s` times `x`.
fn scale_soft_terms(s: &SoftTerms, x: f64) -> SoftTerms {
    SoftTerms {
        m1: s.m1 * x,
        m2: s.m2 * x,
        m3: s.m3 * x,
        a_t: s.a_t * x,
        a_b: s.a_b * x,
        a_tau: s.a_tau * x,
        a_lambda: s.a_lambda * x,
        a_k: s.a_k * x,
        mq3: s.mq3 * x,
        mu3: s.mu3 * x,
        md3: s.md3 * x,
        ml3: s.ml3 * x,
        me3: s.me3 * x,
        mq1: s.mq1 * x,
        mu1: s.mu1 * x,
        md1: s.md1 * x,
        ml1: s.ml1 * x,
        me1: s.me1 * x,
        mhu: s.mhu * x,
        mhd: s.mhd * x,
        mn: s.mn * x,
    }
}

/// The eta equations are homogeneous: `16 pi^2 d eta/dt = eta * rate`. Returns the two rates
/// `(rate_N, rate_S)` (Appendix A for hmz1999; twice and once the N anomalous dimension for
/// consistent, docs/physics.md section 5). The F_S-term running (`fs_terms`) needs them alone:
/// `eta(t)/eta(M)` is followed for any eta, zero included.
pub fn eta_rates(c: &Couplings, opts: &RgeOptions) -> (f64, f64) {
    eta_rates_of(&Squares::of(c), opts.set, opts.without_singlet_loops())
}

/// [`eta_rates`] from the squared couplings (zero below the singlet's mass, section 5b: the
/// etas multiply pure-N monomials, frozen there).
fn eta_rates_of(q: &Squares, set: RgeSet, decoupled: bool) -> (f64, f64) {
    if decoupled {
        return (0.0, 0.0);
    }
    let &Squares {
        lam_n2,
        lam_s2,
        k2,
        xi_n2,
        xi_s2,
        eta_n2,
        eta_s2,
        ..
    } = q;
    match set {
        RgeSet::Hmz1999 => (
            5.0 * xi_s2
                + 10.0 * xi_n2
                + 3.0 * eta_s2
                + 3.0 * eta_n2
                + 2.0 * lam_s2
                + 4.0 * lam_n2
                + 4.0 * k2,
            5.0 * xi_n2
                + 10.0 * xi_s2
                + 3.0 * eta_s2
                + 3.0 * eta_n2
                + 4.0 * lam_s2
                + 2.0 * lam_n2
                + 2.0 * k2,
        ),
        RgeSet::Consistent => (4.0 * k2 + 4.0 * lam_n2, 2.0 * k2 + 2.0 * lam_n2),
    }
}

/// `dX/dt` of the 21 soft terms.
#[allow(clippy::field_reassign_with_default)]
#[inline(always)] // See the module header.
fn soft_beta(state: &RgeState, squares: &Squares, opts: &RgeOptions) -> SoftTerms {
    let hmz = opts.set == RgeSet::Hmz1999;
    let hmz_only = |x: f64| if hmz { x } else { 0.0 };
    let s = &state.soft;
    let Squares {
        gp2,
        g22,
        g32,
        ht2,
        hb2,
        htau2,
        lam_n2,
        lam_s2,
        k2,
        eta_n2,
        ..
    } = *squares;
    // Below the singlet's mass (docs/physics.md section 5b): no loop contains N or the singlino.
    let decoupled = opts.without_singlet_loops();
    let (lam_n2, k2) = if decoupled { (0.0, 0.0) } else { (lam_n2, k2) };

    // ---------------------------------------------------------------- soft terms
    let mut ds = SoftTerms::default();

    // Gaugino masses (Appendix A, both sets): 16pi^2 dM_i/dt = 2 b_i g_i^2 M_i, b as for g_i.
    let b: [f64; 3] = std::array::from_fn(|i| B_GAUGE[i] + opts.messenger_b[i]);
    ds.m1 = 2.0 * b[0] * gp2 * s.m1;
    ds.m2 = 2.0 * b[1] * g22 * s.m2;
    ds.m3 = 2.0 * b[2] * g32 * s.m3;

    // Trilinears in the paper's convention (docs/physics.md section 1).
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
        // A_k, Appendix A (the + eta_N^2 A_k term only in hmz1999). Below the singlet's mass
        // the N^3 term is a pure-N monomial of the background: frozen (zero with lam_n2 = k2 = 0).
        // A_lambda keeps its light-loop (Yukawa-trilinear and gaugino) part there: with N a
        // background, lambda_N a_lambda x is a B_mu-like term and runs as the MSSM B_mu does.
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

    // The h_t weight of the stop equations: zero under the switch `stop_rges_without_ht` (the
    // hypothesis that the paper's code ran the stops without h_t; m_Hu^2 and A_t keep theirs).
    let ht2_stops = if opts.stops_without_ht { 0.0 } else { ht2 };
    // m_tL^2 = m_Q3^2 (Appendix A), zeta = 0.
    ds.mq3 = 2.0 * ht2_stops * x_t + 2.0 * hb2 * x_b + gauge(casimirs::Q);
    // m_tR^2 = m_U3^2.
    ds.mu3 = 4.0 * ht2_stops * x_t + gauge(casimirs::U);
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
    // m_N^2 (printed, both sets). Below the singlet's mass frozen: the |N|^2 term of the
    // background, whose light-loop (Higgs) running is lambda_N^2 m_H^2/16pi^2 against (eta_N y)^2.
    ds.mn = if decoupled {
        0.0
    } else {
        4.0 * lam_n2 * x_lambda + 4.0 * k2 * (3.0 * s.mn + ak * ak)
    };

    // First and second generations: gauge terms only (docs/physics.md section 5).
    ds.mq1 = gauge(casimirs::Q);
    ds.mu1 = gauge(casimirs::U);
    ds.md1 = gauge(casimirs::D);
    ds.ml1 = gauge(casimirs::L);
    ds.me1 = gauge(casimirs::E);

    let one_loop = scale_soft_terms(&ds, INV_16PI2);
    if !opts.rge_two_loop {
        return one_loop;
    }
    // The two-loop MSSM terms (two_loop.rs, docs/physics.md section 5c). With frozen trilinears
    // the a-terms do not run at any order.
    let two = soft_two_loop(state);
    let frozen = opts.a_terms != ATermRunning::Running;
    let a = |one: f64, two: f64| if frozen { one } else { one + two };
    SoftTerms {
        m1: one_loop.m1 + two.m1,
        m2: one_loop.m2 + two.m2,
        m3: one_loop.m3 + two.m3,
        a_t: a(one_loop.a_t, two.a_t),
        a_b: a(one_loop.a_b, two.a_b),
        a_tau: a(one_loop.a_tau, two.a_tau),
        mq3: one_loop.mq3 + two.mq3,
        mu3: one_loop.mu3 + two.mu3,
        md3: one_loop.md3 + two.md3,
        ml3: one_loop.ml3 + two.ml3,
        me3: one_loop.me3 + two.me3,
        mq1: one_loop.mq1 + two.mq1,
        mu1: one_loop.mu1 + two.mu1,
        md1: one_loop.md1 + two.md1,
        ml1: one_loop.ml1 + two.ml1,
        me1: one_loop.me1 + two.me1,
        mhu: one_loop.mhu + two.mhu,
        mhd: one_loop.mhd + two.mhd,
        ..one_loop
    }
}
