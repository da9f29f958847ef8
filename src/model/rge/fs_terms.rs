//! The soft terms induced by the spurion's F-term, and their running between M and Q
//! (docs/physics.md sections 4c and 5; switch `fs_terms_running`).
//!
//! Below M the spurion S is a background (`<S> = y`, F-term F_S) and the messengers are gone, so
//! the singlet sector is a general NMSSM-like theory with the superpotential masses
//! `mu_S H_u H_d`, `(mu_N/2) N^2` and a linear term `L N` (from `lambda_S S H_u H_d`,
//! `-(eta_N/2) N^2 S`, `-(eta_S/2) S^2 N`), and the soft terms
//!
//! `V ⊃ b_s H_u H_d + (b_n/2) N^2 + t_s N + h.c.`,
//!
//! with, at M, `b_s = lambda_S F_S`, `b_n = -eta_N F_S`, `t_s = -eta_S y F_S + c/2` (the cross
//! terms of `|F_S^*|^2` in the printed V_F, and the one-loop messenger tadpole `V ⊃ c Re N`).
//! Without this module these terms run as their couplings do (the supersymmetric anomalous
//! dimensions only). Their full one-loop running also has gaugino-, A-term-, soft-mass- and
//! mixing-driven parts; they follow from the general one-loop RGEs of a softly broken
//! supersymmetric theory (Martin and Vaughn, hep-ph/9311340, for the bilinears; the linear soft
//! term as in Jack, Jones and Wild, "Gauge singlet renormalisation in softly-broken supersymmetric
//! theories" (LTH 496, 2001); the general-NMSSM form of both is in Ellwanger,
//! Hugonie and Teixeira, arXiv:0910.1785, appendix), written here for this model:
//!
//! ```text
//! 16pi^2 d b_s/dt = b_s (3h_t^2 + 3h_b^2 + h_tau^2 - g'^2 - 3g_2^2 + 6 lambda_N^2) - 2 lambda_N k b_n
//!                 + 2 mu_S (g'^2 M_1 + 3 g_2^2 M_2 + 3 a_t h_t^2 + 3 a_b h_b^2 + a_tau h_tau^2
//!                           + 2 lambda_N^2 a_lambda)
//! 16pi^2 d b_n/dt = b_n (4 lambda_N^2 + 8 k^2) - 8 lambda_N k b_s - 8 mu_N' (lambda_N^2 a_lambda + k^2 a_k)
//! 16pi^2 d t_s/dt = 2 t_s (lambda_N^2 + k^2) - 2 eta_N y (2 lambda_N b_s - k b_n)
//!                 - 4 L' (lambda_N^2 a_lambda + k^2 a_k) + 4 lambda_N lambda_S y (m_Hu^2 + m_Hd^2)
//!                 + 4 k eta_N y m_N^2 + 4 lambda_N' a_lambda b_s - 2 k' a_k b_n
//! ```
//!
//! Here the superpotential coefficients are those of the description in which the stored
//! trilinears `a` and the gaugino masses (positive) are defined, `W' = sigma W_HMZ` with
//! `sigma = -1` (docs/physics.md section 1): `mu_S = sigma lambda_S y`, `mu_N' = sigma eta_N y`
//! (`W' ⊃ -(mu_N'/2) N^2`), `L' = sigma eta_S y^2/2` (`W' ⊃ -L' N`), `lambda_N' = sigma lambda_N`,
//! `k' = sigma k`. The soft coefficients b_s, b_n, t_s are those of V, the same in every
//! description. The trilinear and gaugino products `a h^2` and `M` carry no sigma: the RGEs of the
//! a's and M's are already written in that one description (`beta.rs`).
//!
//! **Exact dependence on the etas.** In these equations the etas enter only through `mu_N'` and
//! `L'`, i.e. linearly through `eta(t) = eta(M) e(t)` with `e(t)` independent of eta wherever the
//! eta RGEs are homogeneous (both sets; in `consistent` e(t) does not depend on any unknown). So
//! the solution is a polynomial in `eta_N(M)` and `eta_S(M)`:
//! `b_s = b_s0 + eta_N b_s1`, `b_n = b_n0 + eta_N b_n1`, `t_s = t0 + eta_N t1 + eta_S t2 + eta_N^2 t3`,
//! and the messenger tadpole runs homogeneously, `c(Q) = c(M) G(Q)`. [`FsTerms`] holds these
//! coefficients, so one RG run gives the F_S terms for every eta (the EWSB root search varies the
//! etas at fixed soft terms: docs/physics.md section 6).

use std::cell::Cell;
use std::f64::consts::PI;

use nalgebra::SVector;
use ode_solvers::System;
use serde::{Deserialize, Serialize};

use super::beta::eta_rates;
use super::integrate::{check_vector, dopri5_sparse, fixed_step, mass_scale, Stop};
use super::{beta, Integrator, RgeError, RgeOptions, RgeState, StateVector, STATE_DIM};
use crate::config::FsTermsRunning;

/// Sign of the description `W' = sigma W_HMZ` in which the gaugino masses are positive and the
/// stored trilinears are defined (docs/physics.md section 1).
pub const DESCRIPTION_SIGN: f64 = -1.0;

const INV_16PI2: f64 = 1.0 / (16.0 * PI * PI);

/// Number of running numbers in [`FsTerms`].
pub const FS_DIM: usize = 11;

/// The F_S-induced soft terms as polynomials in the etas at M (module header), plus the
/// homogeneous tadpole factor and the eta ratios.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FsTerms {
    /// `b_s = b_s[0] + eta_N(M) b_s[1]` [GeV^2].
    pub b_s: [f64; 2],
    /// `b_n = b_n[0] + eta_N(M) b_n[1]` [GeV^2].
    pub b_n: [f64; 2],
    /// `t_s = t_s[0] + eta_N(M) t_s[1] + eta_S(M) t_s[2] + eta_N(M)^2 t_s[3]` [GeV^3].
    pub t_s: [f64; 4],
    /// The messenger tadpole's running factor `c(Q)/c(M)` (1 at M).
    pub tadpole_factor: f64,
    /// `eta_N(t)/eta_N(M)` and `eta_S(t)/eta_S(M)` (1 at M).
    pub e_n: f64,
    pub e_s: f64,
}

/// The F_S-induced soft terms for given etas (at the scale of the [`FsTerms`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FsValues {
    pub b_s: f64,
    pub b_n: f64,
    /// The linear soft term from eta_S y F_S alone (the messenger tadpole is separate).
    pub t_s: f64,
}

impl FsTerms {
    /// The boundary values at M: `b_s = lambda_S(M) F_S`, `b_n = -eta_N F_S`, `t_s = -eta_S y F_S`.
    pub fn at_messenger(lambda_s_m: f64, y: f64, f_s: f64) -> Self {
        Self {
            b_s: [lambda_s_m * f_s, 0.0],
            b_n: [0.0, -f_s],
            t_s: [0.0, 0.0, -y * f_s, 0.0],
            tadpole_factor: 1.0,
            e_n: 1.0,
            e_s: 1.0,
        }
    }

    /// The etas at M from the etas at this scale: `eta(M) = eta(t)/e(t)`.
    pub fn etas_at_messenger<D>(&self, eta_n: D, eta_s: D) -> (D, D)
    where
        D: std::ops::Mul<f64, Output = D>,
    {
        (eta_n * (1.0 / self.e_n), eta_s * (1.0 / self.e_s))
    }

    /// The soft terms for the etas at this scale.
    pub fn values(&self, eta_n: f64, eta_s: f64) -> FsValues {
        let (n, s) = self.etas_at_messenger(eta_n, eta_s);
        FsValues {
            b_s: self.b_s[0] + n * self.b_s[1],
            b_n: self.b_n[0] + n * self.b_n[1],
            t_s: self.t_s[0] + n * self.t_s[1] + s * self.t_s[2] + n * n * self.t_s[3],
        }
    }

    pub fn to_array(&self) -> [f64; FS_DIM] {
        let (b, n, t) = (self.b_s, self.b_n, self.t_s);
        [
            b[0],
            b[1],
            n[0],
            n[1],
            t[0],
            t[1],
            t[2],
            t[3],
            self.tadpole_factor,
            self.e_n,
            self.e_s,
        ]
    }

    pub fn from_array(v: &[f64; FS_DIM]) -> Self {
        Self {
            b_s: [v[0], v[1]],
            b_n: [v[2], v[3]],
            t_s: [v[4], v[5], v[6], v[7]],
            tadpole_factor: v[8],
            e_n: v[9],
            e_s: v[10],
        }
    }
}

/// `dF/dt` of the F_S terms (module header) on the running state `state`, with `y = <S>`.
/// With `singlet_loops = false` only the gaugino- and trilinear-driven parts are added to the
/// supersymmetric running ([`FsTermsRunning::GauginoATerms`]); with `true` the whole one-loop
/// equations ([`FsTermsRunning::Full`]). `#[inline(always)]` as the right-hand sides of `beta.rs`
/// (see its module header), so that the AVX2 copy of the RK4 loop (`integrate::fixed_step`) holds
/// all of the joint run.
#[inline(always)]
pub fn fs_beta(
    state: &RgeState,
    fs: &FsTerms,
    y: f64,
    singlet_loops: bool,
    opts: &RgeOptions,
) -> FsTerms {
    let c = &state.couplings;
    let s = &state.soft;
    let sigma = DESCRIPTION_SIGN;
    let full = if singlet_loops { 1.0 } else { 0.0 };
    let (lam2, k2) = (c.lambda_n * c.lambda_n, c.k * c.k);
    if opts.without_singlet_loops() {
        return fs_beta_below_singlet(state, fs, y);
    }
    let (gp2, g22) = (c.g1 * c.g1, c.g2 * c.g2);
    let (ht2, hb2, htau2) = (c.ht * c.ht, c.hb * c.hb, c.htau * c.htau);
    // lambda_N^2 a_lambda + k^2 a_k: the trilinear part of the N anomalous dimension.
    let a_n = lam2 * s.a_lambda + k2 * s.a_k;
    // The e(t) factors: d e/dt = e rate/16pi^2, as the etas themselves.
    let (rate_n, rate_s) = eta_rates(c, opts);
    let (e_n, e_s) = (fs.e_n, fs.e_s);

    // b_s: the H_u, H_d anomalous dimensions (2 lambda_N^2 among them) plus the singlet
    // exchange (4 lambda_N^2), the mixing with b_n, and the source 2 mu_S (...) with
    // mu_S = sigma lambda_S y (eta-independent).
    let k_s = 3.0 * ht2 + 3.0 * hb2 + htau2 - gp2 - 3.0 * g22 + (2.0 + 4.0 * full) * lam2;
    let source_s = 2.0
        * sigma
        * c.lambda_s
        * y
        * (gp2 * s.m1
            + 3.0 * g22 * s.m2
            + 3.0 * s.a_t * ht2
            + 3.0 * s.a_b * hb2
            + s.a_tau * htau2
            + 2.0 * lam2 * s.a_lambda);
    let mix = 2.0 * c.lambda_n * c.k * full;
    let d_b_s = [
        k_s * fs.b_s[0] - mix * fs.b_n[0] + source_s,
        k_s * fs.b_s[1] - mix * fs.b_n[1],
    ];

    // b_n: twice the N anomalous dimension (4 lambda_N^2 + 4 k^2) plus the singlet exchange
    // (4 k^2), the mixing with b_s, and the source -8 mu_N' a_n with mu_N' = sigma eta_N y.
    let k_n = 4.0 * lam2 + (4.0 + 4.0 * full) * k2;
    let d_b_n = [
        k_n * fs.b_n[0] - 4.0 * mix * fs.b_s[0],
        k_n * fs.b_n[1] - 4.0 * mix * fs.b_s[1] - 8.0 * sigma * e_n * y * a_n,
    ];

    // t_s, by powers of eta_N(M), eta_S(M): the N anomalous dimension, the source
    // -4 L' a_n (L' = sigma eta_S y^2/2), the trilinear-times-bilinear terms, and (singlet
    // loops) the soft masses and the bilinears times the supersymmetric masses.
    let k_t = 2.0 * (lam2 + k2);
    // 4 lambda_N' a_lambda b_s - 2 k' a_k b_n, per power of eta_N.
    let trilinear_b = |i: usize| {
        4.0 * sigma * c.lambda_n * s.a_lambda * fs.b_s[i] - 2.0 * sigma * c.k * s.a_k * fs.b_n[i]
    };
    // -2 eta_N y (2 lambda_N b_s - k b_n), per power of eta_N (raised by one).
    let mu_n_b =
        |i: usize| -2.0 * full * e_n * y * (2.0 * c.lambda_n * fs.b_s[i] - c.k * fs.b_n[i]);
    let masses_0 = full * 4.0 * c.lambda_n * c.lambda_s * y * (s.mhu + s.mhd);
    let masses_1 = full * 4.0 * c.k * e_n * y * s.mn;
    let d_t_s = [
        k_t * fs.t_s[0] + masses_0 + trilinear_b(0),
        k_t * fs.t_s[1] + mu_n_b(0) + masses_1 + trilinear_b(1),
        k_t * fs.t_s[2] - 2.0 * sigma * e_s * y * y * a_n,
        k_t * fs.t_s[3] + mu_n_b(1),
    ];

    let scale = |v: f64| v * INV_16PI2;
    FsTerms {
        b_s: d_b_s.map(scale),
        b_n: d_b_n.map(scale),
        t_s: d_t_s.map(scale),
        tadpole_factor: scale(k_t * fs.tadpole_factor),
        e_n: scale(rate_n * e_n),
        e_s: scale(rate_s * e_s),
    }
}

/// [`fs_beta`] below the singlet's mass (docs/physics.md section 5b): N is a background, so
/// b_n, t_s, the messenger tadpole and the etas (pure-N monomials) are frozen, and b_s runs with
/// the MSSM B_mu equation (mu -> mu_S = sigma lambda_S y): the H_u, H_d anomalous dimensions
/// without lambda_N^2 and the gaugino and Yukawa-trilinear source, with no singlet exchange.
fn fs_beta_below_singlet(state: &RgeState, fs: &FsTerms, y: f64) -> FsTerms {
    let c = &state.couplings;
    let s = &state.soft;
    let (gp2, g22) = (c.g1 * c.g1, c.g2 * c.g2);
    let (ht2, hb2, htau2) = (c.ht * c.ht, c.hb * c.hb, c.htau * c.htau);
    let k_s = 3.0 * ht2 + 3.0 * hb2 + htau2 - gp2 - 3.0 * g22;
    let source_s = 2.0
        * DESCRIPTION_SIGN
        * c.lambda_s
        * y
        * (gp2 * s.m1 + 3.0 * g22 * s.m2 + 3.0 * s.a_t * ht2 + 3.0 * s.a_b * hb2 + s.a_tau * htau2);
    FsTerms {
        b_s: [
            (k_s * fs.b_s[0] + source_s) * INV_16PI2,
            k_s * fs.b_s[1] * INV_16PI2,
        ],
        b_n: [0.0; 2],
        t_s: [0.0; 4],
        tadpole_factor: 0.0,
        e_n: 0.0,
        e_s: 0.0,
    }
}

/// Dimension of the joint state (the RGE state and the F_S terms).
const JOINT_DIM: usize = STATE_DIM + FS_DIM;
type JointVector = SVector<f64, JOINT_DIM>;

/// The joint state: the RGE state (layout of [`RgeState::to_array`]), then the F_S terms.
fn join_array(state: &RgeState, fs: &FsTerms) -> [f64; JOINT_DIM] {
    let mut v = [0.0; JOINT_DIM];
    v[..STATE_DIM].copy_from_slice(&state.to_array());
    v[STATE_DIM..].copy_from_slice(&fs.to_array());
    v
}

/// The inverse of [`join_array`].
fn split_array(v: &[f64; JOINT_DIM]) -> (RgeState, FsTerms) {
    let (main, fs) = v.split_at(STATE_DIM);
    (
        RgeState::from_array(main.try_into().expect("STATE_DIM entries")),
        FsTerms::from_array(fs.try_into().expect("FS_DIM entries")),
    )
}

/// d/dt of the joint state, written into `dv` (stack arrays: the fixed-step integrator's hot
/// loop, with no vector conversions).
#[inline(always)] // As [`fs_beta`].
fn joint_beta_into(v: &[f64; JOINT_DIM], dv: &mut [f64; JOINT_DIM], y: f64, opts: &RgeOptions) {
    let (state, fs) = split_array(v);
    let singlet_loops = opts.fs_terms_running == FsTermsRunning::Full;
    dv[..STATE_DIM].copy_from_slice(&beta(&state, opts).to_array());
    dv[STATE_DIM..].copy_from_slice(&fs_beta(&state, &fs, y, singlet_loops, opts).to_array());
}

/// [`joint_beta_into`] on the vectors of ode_solvers.
fn joint_beta(v: &JointVector, y: f64, opts: &RgeOptions) -> JointVector {
    let mut dv = [0.0; JOINT_DIM];
    joint_beta_into(&(*v).into(), &mut dv, y, opts);
    JointVector::from(dv)
}

/// Runs the RGE state and the F_S terms together from `t_from` to `t_to` (`y = <S>` [GeV]).
pub fn run_with_fs_terms(
    integrator: Integrator,
    state: &RgeState,
    fs: &FsTerms,
    y: f64,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
) -> Result<(RgeState, FsTerms), RgeError> {
    match integrator {
        Integrator::FixedStep => {
            let v = fixed_step(
                join_array(state, fs),
                t_from,
                t_to,
                check_vector,
                #[inline(always)]
                |v, dv| joint_beta_into(v, dv, y, opts),
            )?;
            Ok(split_array(&v))
        }
        Integrator::Dopri5 => {
            let v0 = JointVector::from(join_array(state, fs));
            let v = run_joint_dopri5(v0, y, t_from, t_to, opts, 1e-10, 1e-12)?;
            Ok(split_array(&v.into()))
        }
    }
}

/// The joint system for ode_solvers, in scaled variables `u = v / d` (the step control then
/// treats couplings, soft terms and F_S terms alike); the right-hand side is evaluated on the
/// physical values, so no homogeneity is assumed.
struct JointSystem<'a> {
    opts: RgeOptions,
    y: f64,
    scales: JointVector,
    stop: &'a Cell<Option<Stop>>,
}

impl System<f64, JointVector> for JointSystem<'_> {
    fn system(&self, _t: f64, u: &JointVector, du: &mut JointVector) {
        let v = u.component_mul(&self.scales);
        *du = joint_beta(&v, self.y, &self.opts).component_div(&self.scales);
    }

    fn solout(&mut self, t: f64, u: &JointVector, _du: &JointVector) -> bool {
        let stop = check_vector(u.component_mul(&self.scales).as_slice(), t);
        self.stop.set(stop);
        stop.is_some()
    }
}

/// Scales of the joint state: 1 for couplings and ratios, mu and mu^2 for the soft terms of
/// dimension one and two (mu the soft mass scale of the start), mu y and mu y^2 for the F_S
/// bilinears and linear terms.
fn joint_scales(v0: &JointVector, y: f64) -> JointVector {
    let main: StateVector = v0.fixed_rows::<STATE_DIM>(0).into_owned();
    let mu = mass_scale(&main);
    let mut d = JointVector::from_element(1.0);
    let soft = super::soft_dimensions();
    for (i, dim) in soft.iter().enumerate() {
        d[super::N_COUPLINGS + i] = mu.powi(*dim);
    }
    let y = y.abs().max(1.0);
    for i in 0..4 {
        d[STATE_DIM + i] = mu * y;
    }
    for i in 4..8 {
        d[STATE_DIM + i] = mu * y * y;
    }
    d
}

fn run_joint_dopri5(
    v0: JointVector,
    y: f64,
    t_from: f64,
    t_to: f64,
    opts: &RgeOptions,
    rtol: f64,
    atol: f64,
) -> Result<JointVector, RgeError> {
    if !(t_from.is_finite() && t_to.is_finite()) {
        return Err(RgeError::Integration {
            message: format!("non-finite scale: t_from = {t_from}, t_to = {t_to}"),
        });
    }
    if let Some(stop) = check_vector(v0.as_slice(), t_from) {
        return Err(stop.into());
    }
    if t_from == t_to {
        return Ok(v0);
    }
    let scales = joint_scales(&v0, y);
    let stop = Cell::new(None);
    let system = JointSystem {
        opts: *opts,
        y,
        scales,
        stop: &stop,
    };
    let u_last = dopri5_sparse(
        system,
        &stop,
        (t_from, t_to),
        v0.component_div(&scales),
        (rtol, atol),
    )?;
    let v = u_last.component_mul(&scales);
    if let Some(stop) = check_vector(v.as_slice(), t_to) {
        return Err(stop.into());
    }
    Ok(v)
}
