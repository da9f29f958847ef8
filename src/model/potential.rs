//! The effective Higgs potential of HMZ eq. (`pot`), written ONCE, generic over the scalar type,
//! and differentiated automatically (num-dual):
//!
//! - the stationarity conditions dV/d(v_d, v_u, x) (HMZ (min1)-(min3), with the trilinear soft
//!   terms the printed equations omit: docs/physics.md section 6 erratum),
//! - the solver Jacobian with respect to the unknown couplings,
//! - the Higgs mass matrices (docs/physics.md section 7): half the Hessian on the full complex field
//!   space (neutral and charged), so CP-even, CP-odd and charged masses cannot disagree with V.
//!
//! One derivative is also written out by hand: the neutral tree-level mass matrix of the
//! singlet threshold ([`tree_neutral_mass_matrix`], eight per threshold evaluation), which a
//! test checks entry by entry against the automatic differentiation of this potential.
//!
//! Conventions: the paper's, `H_u H_d = H_u^0 H_d^0 - H_u^+ H_d^-`, fields `H^0 = v + (h + i a)/sqrt2`,
//! soft trilinears in the uniform convention of [`crate::model::params`] (monomials of
//! `W' = -W_HMZ`): `V ⊃ -lambda_N a_lambda N H_u H_d + (k/3) a_k N^3 + h.c.`, which is the paper's
//! `-(lambda_N A_lambda N H_u H_d + (k/3) A_k N^3 + h.c.)` with `a_lambda = A_lambda`,
//! `a_k = -A_k`. The one-loop messenger terms beyond the soft terms and the tadpole
//! (docs/physics.md section 4b) come from [`crate::model::messenger_matching`]. The top/stop Coleman-Weinberg term uses
//! the SLHA stop mixing `X_t = h_t (a_t H_u^0 - mu^* H_d^0*)` with `mu = lambda_S y + lambda_N N`
//! (docs/physics.md section 6), written through gauge invariants, so all three Goldstones stay massless.
//!
//! The body is generic over the field values too ([`FieldValue`]): the mass matrices differentiate
//! all ten real components (complex `Cx`), while at real VEVs (stationarity conditions, mu^2
//! relation, solver Jacobian, V) the imaginary parts and the charged fields are exact zeros and the
//! same body runs on real values (`Re`), without the arithmetic on those zeros (issue 20: a tenth of
//! the CPU with `singlet_decoupling = "running"`); a test compares the two paths bit for bit.
//!
//! V is returned as an array of pieces (the F-term squares expanded into products) whose sum is V.
//! The sum of the magnitudes of the pieces' gradients is the scale a stationarity condition has to
//! cancel; residuals are judged relative to it (B_mu is a cancellation of ~2e7 GeV^2 terms).

use crate::model::rge::fs_terms::FsTerms;
use nalgebra::{SMatrix, SVector};
use num_dual::{hessian, partial_hessian, DualNum};
use std::f64::consts::PI;
use std::ops::{Add, Mul, Sub};

use crate::config::MessengerMatching;
use crate::model::messenger_matching::{
    any_remainder, potential_remainder, remainder_coefficients, remainder_from_coefficients,
    Coefficients, Spurion,
};

/// Number of pieces V is split into (see [`potential_terms`]).
pub const N_TERMS: usize = 37;

/// The six singlet-sector superpotential couplings at Q, generic so that the unknowns can carry
/// derivatives.
#[derive(Clone, Debug, PartialEq)]
pub struct SingletCouplings<D> {
    pub xi_n: D,
    pub eta_s: D,
    pub eta_n: D,
    pub lambda_s: D,
    pub lambda_n: D,
    pub k: D,
}

impl From<&crate::model::params::Couplings> for SingletCouplings<f64> {
    /// The singlet-sector couplings of a full coupling set (at whatever scale it holds).
    fn from(c: &crate::model::params::Couplings) -> Self {
        Self {
            xi_n: c.xi_n,
            eta_s: c.eta_s,
            eta_n: c.eta_n,
            lambda_s: c.lambda_s,
            lambda_n: c.lambda_n,
            k: c.k,
        }
    }
}

impl SingletCouplings<f64> {
    /// Promotes to a dual type (all derivatives zero).
    pub fn lift<D: DualNum<f64>>(&self) -> SingletCouplings<D> {
        SingletCouplings {
            xi_n: D::from(self.xi_n),
            eta_s: D::from(self.eta_s),
            eta_n: D::from(self.eta_n),
            lambda_s: D::from(self.lambda_s),
            lambda_n: D::from(self.lambda_n),
            k: D::from(self.k),
        }
    }
}

impl<D> SingletCouplings<D> {
    /// The coupling selected by `c`, mutably.
    pub fn get_mut(&mut self, c: crate::config::Coupling) -> &mut D {
        use crate::config::Coupling::*;
        match c {
            XiN => &mut self.xi_n,
            EtaS => &mut self.eta_s,
            EtaN => &mut self.eta_n,
            LambdaS => &mut self.lambda_s,
            LambdaN => &mut self.lambda_n,
            K => &mut self.k,
        }
    }
    /// The coupling selected by `c`.
    pub fn get(&self, c: crate::config::Coupling) -> &D {
        use crate::config::Coupling::*;
        match c {
            XiN => &self.xi_n,
            EtaS => &self.eta_s,
            EtaN => &self.eta_n,
            LambdaS => &self.lambda_s,
            LambdaN => &self.lambda_n,
            K => &self.k,
        }
    }
}

/// Everything else the potential depends on, at the scale Q.
#[derive(Clone, Debug, PartialEq)]
pub struct PotentialParams {
    /// g' (SM normalisation) and g_2 at Q.
    pub g1: f64,
    pub g2: f64,
    /// Top Yukawa at Q.
    pub ht: f64,
    /// <S> = y and F_S [GeV, GeV^2].
    pub y: f64,
    pub f_s: f64,
    /// xi_S at the scale where the tadpole is evaluated.
    pub xi_s: f64,
    /// Tadpole coefficient per unit xi_S xi_N: V ⊃ tadpole_unit * xi_S * xi_N * Re N.
    pub tadpole_unit: f64,
    /// The F_S-induced soft terms at Q from their own running (switch `fs_terms_running`):
    /// `V ⊃ b_s H_u H_d + (b_n/2) N^2 + t_s N + h.c.` as polynomials in the etas, and the
    /// tadpole's running factor. `None`: the printed model, where they are the cross terms of
    /// `|F_S^*|^2` with the couplings at Q and the tadpole does not run.
    pub fs: Option<FsTerms>,
    /// Soft masses squared and trilinears at Q (uniform convention).
    pub m_hu2: f64,
    pub m_hd2: f64,
    pub m_n2: f64,
    pub a_lambda: f64,
    pub a_k: f64,
    pub a_t: f64,
    pub m_q3: f64,
    pub m_u3: f64,
    /// Renormalisation scale Q of the Coleman-Weinberg term [GeV].
    pub q: f64,
    /// Include the top/stop Coleman-Weinberg term Delta V.
    pub include_dv: bool,
    /// The sbottom/bottom and stau/tau Coleman-Weinberg terms (switch `sbottom_stau_cw`; None:
    /// absent, as in the paper). Added only when `include_dv`.
    pub sbottom_stau: Option<SbottomStau>,
    /// The pieces of the exact one-loop messenger matching added to V at Q (docs/physics.md
    /// section 4b; all off: none).
    pub matching: MessengerMatching,
}

/// The third-family couplings and soft terms of the sbottom and stau Coleman-Weinberg terms at Q
/// (uniform convention; `m_Q3^2` is [`PotentialParams::m_q3`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SbottomStau {
    pub hb: f64,
    pub htau: f64,
    pub a_b: f64,
    pub a_tau: f64,
    pub m_d3: f64,
    pub m_l3: f64,
    pub m_e3: f64,
}

impl SbottomStau {
    /// From the couplings and soft terms at Q.
    pub fn from_running(
        c: &crate::model::params::Couplings,
        s: &crate::model::params::SoftTerms,
    ) -> Self {
        Self {
            hb: c.hb,
            htau: c.htau,
            a_b: s.a_b,
            a_tau: s.a_tau,
            m_d3: s.md3,
            m_l3: s.ml3,
            m_e3: s.me3,
        }
    }
}

/// `&a op &b` on a dual type, which num-dual (and f64) implement but `DualNum` does not promise:
/// with `DualNum` alone a product of two borrowed values is `a.clone() * &b`, and num-dual computes
/// that as `&a * &b` after copying `a` (344 bytes for a second-order dual over six variables; perf
/// put ~10 % of the consistent solve's CPU in such copies). Same operations, same bits.
pub trait RefOps<D>: Sized + Add<Output = D> + Sub<Output = D> + Mul<Output = D> {}
impl<D, T: Add<Output = D> + Sub<Output = D> + Mul<Output = D>> RefOps<D> for T {}

/// V from its pieces, `((0 + t_0) + t_1) + ...` as num-dual's `Sum` adds them (same operations,
/// same bits), but in place: its `acc + t` copies the accumulator at every step.
fn sum_in_place<D: DualNum<f64>>(pieces: impl IntoIterator<Item = D>) -> D {
    let mut v = D::from(0.0);
    for t in pieces {
        v += t;
    }
    v
}

/// `a + b` and `a - b` of two owned values, in place: num-dual computes `a + b` as `&a + &b`,
/// copying `a` first. Same operations, same bits.
pub(crate) fn plus<D: DualNum<f64>>(mut a: D, b: D) -> D {
    a += b;
    a
}
pub(crate) fn minus<D: DualNum<f64>>(mut a: D, b: D) -> D {
    a -= b;
    a
}

/// A complex field value as the potential needs it: `Cx` (real and imaginary parts) or `Re`
/// (a real value whose imaginary part is an exact zero and is never computed). The potential is
/// written once over this trait; at the real VEVs the `Re` path performs the same floating-point
/// operations as the `Cx` path minus those on the exact zeros (`x * 0`, `x + 0`), so every
/// piece of V and every derivative has the same bits up to the sign of an exact zero (a test
/// compares the two paths entry by entry; docs/physics.md section 6).
pub trait FieldValue<D: DualNum<f64>>: Clone
where
    for<'a> &'a D: RefOps<D>,
{
    /// The real number `re`.
    fn real(re: D) -> Self;
    /// The real part.
    fn re(&self) -> &D;
    fn add(&self, o: &Self) -> Self;
    fn sub(&self, o: &Self) -> Self;
    fn mul(&self, o: &Self) -> Self;
    /// Times a real number.
    fn scale(&self, s: &D) -> Self;
    fn conj(&self) -> Self;
    /// |a|^2.
    fn norm2(&self) -> D;
    /// Re(a conj(b)).
    fn re_dot(&self, o: &Self) -> D;
    /// Re(a b) (the real part of [`FieldValue::mul`], the same operations).
    fn re_mul(&self, o: &Self) -> D;
    /// Re(a^3) = Re(a)^3 - 3 Re(a) Im(a)^2.
    fn re_cube(&self) -> D;
}

/// A complex number over a dual type (only what the potential needs).
#[derive(Clone, Debug)]
struct Cx<D> {
    re: D,
    im: D,
}

impl<D: DualNum<f64>> FieldValue<D> for Cx<D>
where
    for<'a> &'a D: RefOps<D>,
{
    fn real(re: D) -> Self {
        Self {
            re,
            im: D::from(0.0),
        }
    }
    fn re(&self) -> &D {
        &self.re
    }
    fn add(&self, o: &Self) -> Self {
        Self::new(&self.re + &o.re, &self.im + &o.im)
    }
    fn sub(&self, o: &Self) -> Self {
        Self::new(&self.re - &o.re, &self.im - &o.im)
    }
    fn mul(&self, o: &Self) -> Self {
        Self::new(self.re_mul(o), plus(&self.re * &o.im, &self.im * &o.re))
    }
    fn scale(&self, s: &D) -> Self {
        Self::new(&self.re * s, &self.im * s)
    }
    fn conj(&self) -> Self {
        Self::new(self.re.clone(), -self.im.clone())
    }
    fn norm2(&self) -> D {
        plus(&self.re * &self.re, &self.im * &self.im)
    }
    fn re_dot(&self, o: &Self) -> D {
        plus(&self.re * &o.re, &self.im * &o.im)
    }
    fn re_mul(&self, o: &Self) -> D {
        minus(&self.re * &o.re, &self.im * &o.im)
    }
    fn re_cube(&self) -> D {
        let (r, i) = (&self.re, &self.im);
        minus(r * r * r, r * i * i * 3.0)
    }
}

impl<D> Cx<D> {
    fn new(re: D, im: D) -> Self {
        Self { re, im }
    }
}

/// A real field value: [`Cx`] with an exact-zero imaginary part left out.
#[derive(Clone, Debug)]
struct Re<D>(D);

impl<D: DualNum<f64>> FieldValue<D> for Re<D>
where
    for<'a> &'a D: RefOps<D>,
{
    fn real(re: D) -> Self {
        Self(re)
    }
    fn re(&self) -> &D {
        &self.0
    }
    fn add(&self, o: &Self) -> Self {
        Self(&self.0 + &o.0)
    }
    fn sub(&self, o: &Self) -> Self {
        Self(&self.0 - &o.0)
    }
    fn mul(&self, o: &Self) -> Self {
        Self(&self.0 * &o.0)
    }
    fn scale(&self, s: &D) -> Self {
        Self(&self.0 * s)
    }
    fn conj(&self) -> Self {
        self.clone()
    }
    fn norm2(&self) -> D {
        &self.0 * &self.0
    }
    fn re_dot(&self, o: &Self) -> D {
        &self.0 * &o.0
    }
    fn re_mul(&self, o: &Self) -> D {
        &self.0 * &o.0
    }
    fn re_cube(&self) -> D {
        &self.0 * &self.0 * &self.0
    }
}

/// The Higgs fields as complex values: the neutral H_d^0, H_u^0, N and the charged
/// (H_u^+, H_d^-), None where they are zero (at the real VEVs: no arithmetic on them).
struct HiggsFields<C> {
    hd0: C,
    hu0: C,
    n: C,
    charged: Option<(C, C)>,
}

impl<D: DualNum<f64>> HiggsFields<Cx<D>>
where
    for<'a> &'a D: RefOps<D>,
{
    /// From the ten real components (see [`FieldIndex`]).
    fn from_components(f: &Fields<D>) -> Self {
        let cx = |i: usize, j: usize| Cx::new(f[i].clone(), f[j].clone());
        Self {
            hd0: cx(0, 3),
            hu0: cx(1, 4),
            n: cx(2, 5),
            charged: Some((cx(6, 7), cx(8, 9))),
        }
    }
}

impl<D: DualNum<f64>> HiggsFields<Re<D>>
where
    for<'a> &'a D: RefOps<D>,
{
    /// At real `(v_d, v_u, x)`, charged fields zero: the real-field path.
    fn real([v_d, v_u, x]: [D; 3]) -> Self {
        Self {
            hd0: Re(v_d),
            hu0: Re(v_u),
            n: Re(x),
            charged: None,
        }
    }
}

/// How the pieces of V at real VEVs are evaluated: on [`Re`] fields (what the solver uses), or on
/// the ten field components of [`vev_fields`] (the reference the tests compare it with, bit for
/// bit up to the sign of an exact zero: the ten-field path adds the imaginary parts' products,
/// `±0`, which turns a `-0` entry into `+0`). Such a sign can only show in an output that is itself
/// an exact zero: not in [`stationarity`]'s gradient and scales (f64 sums from `+0.0`, which never
/// become `-0`); the mu^2 relation, V, `dv_gradient` and the Jacobian are compared bit for bit by
/// the tests (401 random parameter sets), and the solver's dumps are byte-identical.
#[derive(Clone, Copy, Debug)]
enum VevPath {
    Real,
    #[cfg_attr(not(test), allow(dead_code))]
    TenFields,
}

impl VevPath {
    /// [`potential_terms_with`] at real `(v_d, v_u, x)`.
    fn terms<D: DualNum<f64>>(
        self,
        [v_d, v_u, x]: [D; 3],
        c: &SingletCouplings<D>,
        p: &PotentialParams,
        fixed: Option<Coefficients<D>>,
    ) -> Vec<D>
    where
        for<'a> &'a D: RefOps<D>,
    {
        match self {
            VevPath::Real => potential_terms_with(HiggsFields::real([v_d, v_u, x]), c, p, fixed),
            VevPath::TenFields => {
                let f = HiggsFields::from_components(&vev_fields(v_d, v_u, x));
                potential_terms_with(f, c, p, fixed)
            }
        }
    }
}

/// The Higgs fields as ten real components (see [`FieldIndex`]).
pub type Fields<D> = [D; 10];

/// Order of the ten real field components: neutral real parts first (the VEV directions),
/// then neutral imaginary parts, then the charged fields H_u^+ and H_d^-.
#[derive(Clone, Copy, Debug)]
pub enum FieldIndex {
    ReHd0 = 0,
    ReHu0 = 1,
    ReN = 2,
    ImHd0 = 3,
    ImHu0 = 4,
    ImN = 5,
    ReHup = 6,
    ImHup = 7,
    ReHdm = 8,
    ImHdm = 9,
}

/// The pieces of V(fields) (their sum is V), HMZ eq. (`pot`) with the uniform A convention.
pub fn potential_terms<D: DualNum<f64>>(
    f: &Fields<D>,
    c: &SingletCouplings<D>,
    p: &PotentialParams,
) -> [D; N_TERMS]
where
    for<'a> &'a D: RefOps<D>,
{
    into_array(potential_terms_with(
        HiggsFields::from_components(f),
        c,
        p,
        None,
    ))
}

/// [`potential_terms`] at real VEVs `(v_d, v_u, x)`, on the real-field path (`Re`).
pub fn potential_terms_at<D: DualNum<f64>>(
    vevs: [D; 3],
    c: &SingletCouplings<D>,
    p: &PotentialParams,
) -> [D; N_TERMS]
where
    for<'a> &'a D: RefOps<D>,
{
    into_array(VevPath::Real.terms(vevs, c, p, None))
}

fn into_array<D>(t: Vec<D>) -> [D; N_TERMS] {
    t.try_into()
        .unwrap_or_else(|_| unreachable!("potential_terms builds exactly N_TERMS pieces"))
}

/// The coefficients of the messenger-matching remainder at fixed couplings, in f64: computed once
/// per evaluation where only the fields carry derivatives (they depend on the couplings and the
/// spurion, never on the fields; inside the dual numbers they were about a quarter of the
/// consistent solve). None when no piece of the remainder is switched on.
pub fn fixed_remainder(
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> Option<Coefficients<f64>> {
    any_remainder(&p.matching).then(|| remainder_coefficients(c, &spurion(p), &p.matching))
}

fn spurion(p: &PotentialParams) -> Spurion {
    Spurion {
        y: p.y,
        f_s: p.f_s,
        xi_s: p.xi_s,
    }
}

/// [`potential_terms`] with the remainder's coefficients given (those of the same couplings:
/// [`fixed_remainder`] lifted where the couplings are not differentiated, or carrying the
/// couplings' derivatives as in [`stationarity_jacobian`]); None computes them from `c`. The
/// pieces stay in their Vec (N_TERMS of them): the solver sums them or reads their derivatives,
/// and converting to an array copied them all once more.
fn potential_terms_with<D: DualNum<f64>, C: FieldValue<D>>(
    f: HiggsFields<C>,
    c: &SingletCouplings<D>,
    p: &PotentialParams,
    fixed: Option<Coefficients<D>>,
) -> Vec<D>
where
    for<'a> &'a D: RefOps<D>,
{
    let (huhd, hu2, hd2) = invariants(&f);
    let HiggsFields {
        hd0,
        hu0,
        n,
        charged,
    } = f;
    let y = D::from(p.y);
    let h2 = &hu2 + &hd2;

    // F_N^* = lambda_N H_u H_d - k N^2 - eta_S y^2/2 - eta_N y N.
    let f_n = [
        huhd.scale(&c.lambda_n),
        n.mul(&n).scale(&(-c.k.clone())),
        C::real(-c.eta_s.clone() * (p.y * p.y / 2.0)),
        n.scale(&(-c.eta_n.clone() * p.y)),
    ];
    // F_S^* = lambda_S H_u H_d + F_S - eta_N N^2/2 - eta_S y N. With `p.fs` the cross terms
    // of F_S with the rest are the running soft terms below, so F_S is left out here (what
    // remains of its square is a constant).
    let f_s_constant = if p.fs.is_some() { 0.0 } else { p.f_s };
    let f_s = [
        huhd.scale(&c.lambda_s),
        C::real(D::from(f_s_constant)),
        n.mul(&n).scale(&(-c.eta_n.clone() * 0.5)),
        n.scale(&(-c.eta_s.clone() * p.y)),
    ];

    let mut t: Vec<D> = Vec::with_capacity(N_TERMS);
    for comps in [&f_n, &f_s] {
        for i in 0..4 {
            t.push(comps[i].norm2());
            for j in (i + 1)..4 {
                t.push(comps[i].re_dot(&comps[j]) * 2.0);
            }
        }
    }
    // |lambda_S y + lambda_N N|^2 (|H_u|^2 + |H_d|^2).
    t.push(&c.lambda_s * &c.lambda_s * &y * &y * &h2);
    t.push(&c.lambda_s * &c.lambda_n * &y * n.re() * &h2 * 2.0);
    t.push(&c.lambda_n * &c.lambda_n * n.norm2() * &h2);
    // D-terms: (g'^2 + g2^2)/8 (|H_u|^2 - |H_d|^2)^2 + g2^2/2 |H_u^+ H_d^0* + H_u^0 H_d^-*|^2.
    let dh = &hu2 - &hd2;
    t.push(&dh * &dh * ((p.g1 * p.g1 + p.g2 * p.g2) / 8.0));
    t.push(match &charged {
        Some((hup, hdm)) => {
            hup.mul(&hd0.conj()).add(&hu0.mul(&hdm.conj())).norm2() * (p.g2 * p.g2 / 2.0)
        }
        None => D::from(0.0),
    });
    // Soft masses.
    t.push(hu2.clone() * p.m_hu2);
    t.push(hd2.clone() * p.m_hd2);
    t.push(n.norm2() * p.m_n2);
    // Soft trilinears (uniform convention, W' = -W_HMZ):
    // -2 Re(lambda_N a_lambda N H_u H_d) + (2/3) k a_k Re(N^3).
    t.push(n.re_mul(&huhd) * &c.lambda_n * (-2.0 * p.a_lambda));
    t.push(n.mul(&n).re_mul(&n) * &c.k * (2.0 / 3.0 * p.a_k));
    // The running F_S-induced soft terms 2 Re(b_s H_u H_d) + Re(b_n N^2) + 2 Re(t_s N), with
    // b_s, b_n, t_s polynomials in the etas at M (rge::fs_terms).
    let tadpole_factor = match &p.fs {
        Some(fs) => {
            let (eta_n, eta_s) = fs.etas_at_messenger(c.eta_n.clone(), c.eta_s.clone());
            let b_s = eta_n.clone() * fs.b_s[1] + fs.b_s[0];
            let b_n = eta_n.clone() * fs.b_n[1] + fs.b_n[0];
            let t_s = plus(
                plus(eta_n.clone() * fs.t_s[1], eta_s * fs.t_s[2]),
                &eta_n * &eta_n * fs.t_s[3],
            ) + fs.t_s[0];
            t.push(huhd.re().clone() * b_s * 2.0);
            t.push(n.re_mul(&n) * b_n);
            t.push(n.re().clone() * t_s * 2.0);
            fs.tadpole_factor
        }
        None => {
            t.extend([D::from(0.0), D::from(0.0), D::from(0.0)]);
            1.0
        }
    };
    // One-loop messenger tadpole V ⊃ c Re N, c = tadpole_unit xi_S xi_N (times its running
    // factor with `p.fs`).
    t.push(n.re() * &c.xi_n * (p.tadpole_unit * p.xi_s * tadpole_factor));
    // The rest of the one-loop messenger matching (docs/physics.md section 4b).
    t.push(match fixed {
        Some(r) => remainder_from_coefficients(&n, &huhd, r),
        None => potential_remainder(&n, &huhd, c, &spurion(p), &p.matching),
    });
    // The Coleman-Weinberg terms (the invariants moved in: their last use).
    t.extend(coleman_weinberg_pieces(
        &CwFields { hu2, hd2, huhd, n },
        c,
        p,
    ));
    debug_assert_eq!(t.len(), N_TERMS);
    t
}

/// The SU(2) invariants `(H_u H_d, |H_u|^2, |H_d|^2)` of the fields, with the SU(2) product in
/// the paper's convention: `H_u H_d = H_u^0 H_d^0 - H_u^+ H_d^-`.
fn invariants<D: DualNum<f64>, C: FieldValue<D>>(f: &HiggsFields<C>) -> (C, D, D)
where
    for<'a> &'a D: RefOps<D>,
{
    let (hd0, hu0) = (&f.hd0, &f.hu0);
    match &f.charged {
        Some((hup, hdm)) => (
            hu0.mul(hd0).sub(&hup.mul(hdm)),
            plus(hu0.norm2(), hup.norm2()),
            plus(hd0.norm2(), hdm.norm2()),
        ),
        None => (hu0.mul(hd0), hu0.norm2(), hd0.norm2()),
    }
}

/// The last two pieces of V: the top/stop and the sbottom/bottom and stau/tau Coleman-Weinberg
/// terms (zero where `p` leaves them out).
fn coleman_weinberg_pieces<D: DualNum<f64>, C: FieldValue<D>>(
    cw: &CwFields<D, C>,
    c: &SingletCouplings<D>,
    p: &PotentialParams,
) -> [D; 2]
where
    for<'a> &'a D: RefOps<D>,
{
    if !p.include_dv {
        return [D::from(0.0), D::from(0.0)];
    }
    [
        coleman_weinberg(cw, c, p),
        match &p.sbottom_stau {
            Some(bt) => coleman_weinberg_bottom_tau(cw, c, p, bt),
            None => D::from(0.0),
        },
    ]
}

/// The SU(2) x U(1) invariants the Coleman-Weinberg term depends on: |H_u|^2, |H_d|^2 and
/// H_u H_d (paper convention), and the singlet N.
struct CwFields<D, C> {
    hu2: D,
    hd2: D,
    huhd: C,
    n: C,
}

/// Field-dependent stop masses squared (m_1^2, m_2^2) and m_t^2: the SLHA stop matrix with
/// D-terms, `|X_t|^2 = h_t^2 |a_t H_u^0 - mu^* H_d^0*|^2`, written through the invariants
/// (`a_t^2 |H_u|^2 + |mu|^2 |H_d|^2 - 2 a_t Re(mu H_u H_d)`) so that DV is gauge invariant in the
/// charged directions too and the charged Goldstone stays massless. D-terms
/// `(T3 - Q sW^2) M_Z^2 cos(2 beta)` written with fields: `(g2^2/4 - g'^2/12)(|Hd|^2 - |Hu|^2)` for
/// t_L and `(g'^2/3)(|Hd|^2 - |Hu|^2)` for t_R.
fn stop_masses2<D: DualNum<f64>, C: FieldValue<D>>(
    f: &CwFields<D, C>,
    c: &SingletCouplings<D>,
    p: &PotentialParams,
) -> (D, D, D)
where
    for<'a> &'a D: RefOps<D>,
{
    stop_masses2_of(f, c, &StopTerms::of(p))
}

/// What the stop mass matrix reads of [`PotentialParams`]: the root search's Q iteration builds
/// only these (issue 20, session 35).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StopTerms {
    pub g1: f64,
    pub g2: f64,
    pub ht: f64,
    pub a_t: f64,
    pub m_q3: f64,
    pub m_u3: f64,
    /// <S> = y (mu = lambda_S y + lambda_N N).
    pub y: f64,
}

impl StopTerms {
    pub fn of(p: &PotentialParams) -> Self {
        Self {
            g1: p.g1,
            g2: p.g2,
            ht: p.ht,
            a_t: p.a_t,
            m_q3: p.m_q3,
            m_u3: p.m_u3,
            y: p.y,
        }
    }
}

/// [`stop_masses2`] from the terms it reads.
fn stop_masses2_of<D: DualNum<f64>, C: FieldValue<D>>(
    f: &CwFields<D, C>,
    c: &SingletCouplings<D>,
    s: &StopTerms,
) -> (D, D, D)
where
    for<'a> &'a D: RefOps<D>,
{
    let (g1s, g2s) = (s.g1 * s.g1, s.g2 * s.g2);
    sfermion_pair_masses2(
        f,
        c,
        s.y,
        &SfermionPair {
            h: s.ht,
            a: s.a_t,
            m_l2: s.m_q3,
            m_r2: s.m_u3,
            d_left: g2s / 4.0 - g1s / 12.0,
            d_right: g1s / 3.0,
            up_type: true,
        },
    )
}

/// DV = 3/(32 pi^2) [sum_i m_i^4 (ln(m_i^2/Q^2) - 3/2) - 2 m_t^4 (ln(m_t^2/Q^2) - 3/2)] ([`cw_piece`];
/// the real part for a tachyonic stop at a trial field value).
fn coleman_weinberg<D: DualNum<f64>, C: FieldValue<D>>(
    f: &CwFields<D, C>,
    c: &SingletCouplings<D>,
    p: &PotentialParams,
) -> D
where
    for<'a> &'a D: RefOps<D>,
{
    let (m1, m2, mt2) = stop_masses2(f, c, p);
    let q2 = p.q * p.q;
    let piece = |m2: D| cw_piece(m2, q2);
    minus(plus(piece(m1), piece(m2)), piece(mt2) * 2.0) * (3.0 / (32.0 * PI * PI))
}

/// One state's `m^4 (ln|m^2/Q^2| - 3/2)` of the Coleman-Weinberg sums (`q2` = Q^2): the real part
/// for a tachyonic state at a trial field value (a light stau often is one, a stop rarely), which
/// the spectrum then rejects by name (tachyonic_sfermion) instead of a NaN ending the EWSB solve.
/// A massless state (a fermion with h = 0) contributes nothing: m^4 ln m^2 -> 0.
pub(crate) fn cw_piece<D: DualNum<f64>>(m2: D, q2: f64) -> D
where
    for<'a> &'a D: RefOps<D>,
{
    if m2.re() == 0.0 {
        return D::from(0.0);
    }
    let r = m2.clone() / q2;
    // ln|r| (d ln|r| = dr / r on both sides of zero).
    let log = if m2.re() > 0.0 { r.ln() } else { (-r).ln() };
    minus(log * &m2 * &m2, &m2 * &m2 * 1.5)
}

/// One third-generation sfermion pair and its Yukawa coupling `h` to H_u (`up_type`: stops) or to
/// H_d (sbottoms: `Q3, D3`; staus: `L3, E3`): the SLHA matrix with the mixing
/// `|X_f|^2 = h^2 |a H_own^0 - mu^* H_other^0*|^2 = h^2 (a^2 |H_own|^2 + |mu|^2 |H_other|^2 -
/// 2 a Re(mu H_u H_d))` (X_f = a - mu cot(beta) or a - mu tan(beta) at the vacuum) and the D-terms
/// `d (|H_d|^2 - |H_u|^2)` of the left and right states, `d = (g_2^2 T_3 - g'^2 Y)/2` with the
/// superfield quantum numbers ([`SfermionPair::d_term`]).
struct SfermionPair {
    h: f64,
    a: f64,
    m_l2: f64,
    m_r2: f64,
    /// D-term coefficients of the left and right states.
    d_left: f64,
    d_right: f64,
    up_type: bool,
}

impl SfermionPair {
    /// `(g_2^2 T_3 - g'^2 Y)/2` of a superfield with (T_3, Y).
    fn d_term(p: &PotentialParams, (t3, y): (f64, f64)) -> f64 {
        (p.g2 * p.g2 * t3 - p.g1 * p.g1 * y) / 2.0
    }
}

/// The masses squared (m_1^2, m_2^2) of a sfermion pair and its fermion's m_f^2 = h^2 |H_own|^2.
fn sfermion_pair_masses2<D: DualNum<f64>, C: FieldValue<D>>(
    f: &CwFields<D, C>,
    c: &SingletCouplings<D>,
    y: f64,
    pair: &SfermionPair,
) -> (D, D, D)
where
    for<'a> &'a D: RefOps<D>,
{
    let (own, other) = if pair.up_type {
        (&f.hu2, &f.hd2)
    } else {
        (&f.hd2, &f.hu2)
    };
    let mf2 = own.clone() * (pair.h * pair.h);
    let dd = &f.hd2 - &f.hu2;
    let m_ll = plus(mf2.clone() + pair.m_l2, dd.clone() * pair.d_left);
    let m_rr = plus(mf2.clone() + pair.m_r2, dd * pair.d_right);
    let mu = C::real(c.lambda_s.clone() * y).add(&f.n.scale(&c.lambda_n));
    let x2 = minus(
        plus(own.clone() * (pair.a * pair.a), mu.norm2() * other),
        mu.re_mul(&f.huhd) * (2.0 * pair.a),
    ) * (pair.h * pair.h);
    let half_sum = (&m_ll + &m_rr) * 0.5;
    let half_diff = minus(m_ll, m_rr) * 0.5;
    let root = plus(&half_diff * &half_diff, x2).sqrt();
    (&half_sum - &root, plus(half_sum, root), mf2)
}

/// The sbottom/bottom and stau/tau terms, `N_c/(32 pi^2) [sum_i m_i^4 (ln|m_i^2/Q^2| - 3/2) - 2 m_f^4
/// (ln(m_f^2/Q^2) - 3/2)]` with N_c = 3 and 1 (the top/stop term's form; the real part for a
/// tachyonic state).
fn coleman_weinberg_bottom_tau<D: DualNum<f64>, C: FieldValue<D>>(
    f: &CwFields<D, C>,
    c: &SingletCouplings<D>,
    p: &PotentialParams,
    bt: &SbottomStau,
) -> D
where
    for<'a> &'a D: RefOps<D>,
{
    let q2 = p.q * p.q;
    let piece = |m2: D| cw_piece(m2, q2);
    let d = |t3_y| SfermionPair::d_term(p, t3_y);
    let pairs = [
        (
            3.0,
            SfermionPair {
                h: bt.hb,
                a: bt.a_b,
                m_l2: p.m_q3,
                m_r2: bt.m_d3,
                d_left: d((-0.5, 1.0 / 6.0)),
                d_right: d((0.0, 1.0 / 3.0)),
                up_type: false,
            },
        ),
        (
            1.0,
            SfermionPair {
                h: bt.htau,
                a: bt.a_tau,
                m_l2: bt.m_l3,
                m_r2: bt.m_e3,
                d_left: d((-0.5, -0.5)),
                d_right: d((0.0, 1.0)),
                up_type: false,
            },
        ),
    ];
    let mut sum = D::from(0.0);
    for (colours, pair) in &pairs {
        let (m1, m2, mf2) = sfermion_pair_masses2(f, c, p.y, pair);
        sum += minus(plus(piece(m1), piece(m2)), piece(mf2) * 2.0) * (colours / (32.0 * PI * PI));
    }
    sum
}

fn real_vev_cw_fields(vevs: [f64; 3]) -> CwFields<f64, Re<f64>> {
    CwFields {
        hu2: vevs[1] * vevs[1],
        hd2: vevs[0] * vevs[0],
        huhd: Re(vevs[0] * vevs[1]),
        n: Re(vevs[2]),
    }
}

/// The ten field components at real VEVs (v_d, v_u, x).
pub fn vev_fields<D: DualNum<f64>>(v_d: D, v_u: D, x: D) -> Fields<D> {
    let z = || D::from(0.0);
    [v_d, v_u, x, z(), z(), z(), z(), z(), z(), z()]
}

/// A Table-I-like point of the potential (HMZ Table I couplings, soft terms at Q = 900 GeV,
/// every piece of the messenger-matching remainder on) and its vevs (v_d, v_u, x): the point
/// `gmsbscan bench` times and the potential's tests use.
pub fn table1_like_point() -> (SingletCouplings<f64>, PotentialParams, [f64; 3]) {
    let c = SingletCouplings {
        xi_n: 0.71,
        eta_s: 8.3e-3,
        eta_n: 0.87,
        lambda_s: 3e-3,
        lambda_n: 0.31,
        k: 0.4,
    };
    let p = PotentialParams {
        g1: 0.36,
        g2: 0.65,
        ht: 0.95,
        y: 97e3,
        f_s: 77e3 * 97e3,
        xi_s: 0.94,
        tadpole_unit: 7e12,
        fs: None,
        m_hu2: -1.5e5,
        m_hd2: 6e4,
        m_n2: -7e5,
        a_lambda: 1700.0,
        a_k: -5100.0,
        a_t: -300.0,
        m_q3: 8.5e5,
        m_u3: 7.1e5,
        q: 900.0,
        include_dv: true,
        sbottom_stau: None,
        matching: MessengerMatching::all(true),
    };
    (c, p, [7.15, 173.85, 413.0])
}

/// V at real VEVs.
pub fn potential_at(vevs: [f64; 3], c: &SingletCouplings<f64>, p: &PotentialParams) -> f64 {
    potential_terms_at(vevs, c, p).iter().sum()
}

/// The mu^2 relation v_d dV/dv_d - v_u dV/dv_u [GeV^4]: the derivative of V along
/// (v_d, v_u) -> (v_d (1 + e), v_u (1 - e)), one forward-mode dual number (a third of the cost of
/// [`stationarity`]). It does not depend on the etas (the root search relies on this; a test
/// checks it).
pub fn mu2_relation(vevs: [f64; 3], c: &SingletCouplings<f64>, p: &PotentialParams) -> f64 {
    mu2_relation_on(VevPath::Real, vevs, c, p)
}

/// The messenger-matching remainder depends on the Higgs doublets only through H_u H_d, whose
/// dual part along (v_d (1 + e), v_u (1 - e)) is v_d (-v_u) + v_d v_u = 0 exactly: for finite
/// coefficients its piece adds an exact zero to the mu^2 relation. So the relation takes zero
/// coefficients instead of computing them (they were a third of its cost: issue 20, session 35);
/// the result has the bits of the full computation (test
/// `mu2_relation_without_the_remainder_coefficients_is_bit_for_bit`).
fn mu2_relation_on(
    path: VevPath,
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> f64 {
    let zero = Coefficients {
        d_z: 0.0,
        d_h: 0.0,
        d_zh: 0.0,
        d_zbh: 0.0,
        d_zzz: 0.0,
        d_zzzb: 0.0,
    };
    mu2_relation_with(path, vevs, c, p, &zero)
}

/// [`mu2_relation`] with the remainder's coefficients given.
fn mu2_relation_with(
    path: VevPath,
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    remainder: &Coefficients<f64>,
) -> f64 {
    let e = num_dual::Dual64::from_re(0.0).derivative();
    let one = num_dual::Dual64::from_re(1.0);
    let v = [
        (one + e) * vevs[0],
        (one - e) * vevs[1],
        num_dual::Dual64::from_re(vevs[2]),
    ];
    path.terms(v, &c.lift(), p, Some(remainder.lift()))
        .iter()
        .map(|t| t.eps)
        .sum()
}

/// The Coleman-Weinberg terms at real VEVs [GeV^4]: top/stop, and sbottom/stau when the
/// potential has them (`p.sbottom_stau`), i.e. everything `include_dv` adds to V.
pub fn coleman_weinberg_at(vevs: [f64; 3], c: &SingletCouplings<f64>, p: &PotentialParams) -> f64 {
    let f = real_vev_cw_fields(vevs);
    coleman_weinberg(&f, c, p)
        + p.sbottom_stau
            .as_ref()
            .map_or(0.0, |bt| coleman_weinberg_bottom_tau(&f, c, p, bt))
}

/// Stop masses squared at real VEVs, as the Coleman-Weinberg term sees them.
pub fn stop_masses2_at(vevs: [f64; 3], c: &SingletCouplings<f64>, p: &PotentialParams) -> [f64; 2] {
    stop_masses2_of_terms(vevs, c, &StopTerms::of(p))
}

/// [`stop_masses2_at`] from the terms it reads.
pub fn stop_masses2_of_terms(vevs: [f64; 3], c: &SingletCouplings<f64>, s: &StopTerms) -> [f64; 2] {
    let (m1, m2, _) = stop_masses2_of(&real_vev_cw_fields(vevs), c, s);
    [m1, m2]
}

/// The stationarity conditions and their scales at real VEVs.
#[derive(Clone, Debug, PartialEq)]
pub struct Stationarity {
    /// dV/dv_d, dV/dv_u, dV/dx [GeV^3].
    pub gradient: [f64; 3],
    /// For each condition, the sum of |d piece / d v_i| over the pieces of V [GeV^3].
    pub scale: [f64; 3],
    /// d(Delta V)/d(v_d, v_u, x) [GeV^3] of the Coleman-Weinberg terms (for the mu^2 and
    /// sin(2 beta) relations).
    pub dv_gradient: [f64; 3],
}

impl Stationarity {
    /// The conditions divided by their scales.
    pub fn scaled(&self) -> [f64; 3] {
        [0, 1, 2].map(|i| self.gradient[i] / self.scale[i])
    }
}

/// dV/d(v_d, v_u, x) with the scales of the cancellations.
pub fn stationarity(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> Stationarity {
    stationarity_on(VevPath::Real, vevs, c, p)
}

fn stationarity_on(
    path: VevPath,
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> Stationarity {
    stationarity_given_cw(path, vevs, c, p, None)
}

/// [`stationarity_on`], with the gradient rows of the two Coleman-Weinberg pieces given
/// (`cw_rows`, from [`cw_gradient_rows`]; `p` then leaves them out) or computed with the rest.
fn stationarity_given_cw(
    path: VevPath,
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    cw_rows: Option<&[[f64; 3]; 2]>,
) -> Stationarity {
    let fixed = fixed_remainder(c, p);
    let pieces = path.terms(
        seeded_vevs(vevs),
        &c.lift(),
        p,
        fixed.as_ref().map(Coefficients::lift),
    );
    let mut jac: [[f64; 3]; N_TERMS] = std::array::from_fn(|t| gradient_row(&pieces[t]));
    if let Some(rows) = cw_rows {
        jac[N_TERMS - 2..].copy_from_slice(rows);
    }
    let mut st = Stationarity {
        gradient: [0.0; 3],
        scale: [0.0; 3],
        dv_gradient: [0.0; 3],
    };
    for row in &jac {
        for i in 0..3 {
            let g = row[i];
            st.gradient[i] += g;
            st.scale[i] += g.abs();
        }
    }
    // The last two pieces are the Coleman-Weinberg terms (top/stop, sbottom/stau).
    st.dv_gradient = [0, 1, 2].map(|i| jac[N_TERMS - 2][i] + jac[N_TERMS - 1][i]);
    st
}

/// The vevs as first-order dual numbers in themselves, seeded as `num_dual::jacobian` seeds them
/// (its Jacobian of the pieces, without collecting them into a matrix first: issue 20, session
/// 35).
fn seeded_vevs(vevs: [f64; 3]) -> [num_dual::DualSVec64<3>; 3] {
    [0, 1, 2].map(|i| num_dual::DualSVec64::<3>::from_re(vevs[i]).derivative(i))
}

/// The gradient of one piece in the vevs (zeros for a constant), as `num_dual::jacobian` reads it.
fn gradient_row(piece: &num_dual::DualSVec64<3>) -> [f64; 3] {
    let g = piece
        .eps
        .clone()
        .unwrap_generic(nalgebra::Const::<3>, nalgebra::U1);
    [g[0], g[1], g[2]]
}

/// [`stationarity`] at couplings that differ only in xi_N and the etas, at one parameter set: the
/// eta solutions of the root search (six evaluations and the polish at one xi_N and one set of
/// soft terms). The Coleman-Weinberg pieces depend on lambda_S and lambda_N (through mu) and on
/// `p`, not on xi_N or the etas, and were a third of each evaluation (issue 20, session 35):
/// their gradient is computed once, by the operations [`stationarity`] performs on them, and
/// enters its sums in their place, so every evaluation has [`stationarity`]'s bits (a test
/// checks it).
pub struct StationarityAtSoftTerms {
    vevs: [f64; 3],
    /// lambda_S and lambda_N of every evaluation.
    lambda: [f64; 2],
    /// `p` without the Coleman-Weinberg pieces (`include_dv` off): their rows are `cw_rows`.
    tree: PotentialParams,
    cw_rows: [[f64; 3]; 2],
}

impl StationarityAtSoftTerms {
    /// At `vevs` and `p`, for couplings with the lambda_S and lambda_N of `c`.
    pub fn new(vevs: [f64; 3], c: &SingletCouplings<f64>, p: &PotentialParams) -> Self {
        Self {
            vevs,
            lambda: [c.lambda_s, c.lambda_n],
            tree: PotentialParams {
                include_dv: false,
                ..p.clone()
            },
            cw_rows: cw_gradient_rows(vevs, c, p),
        }
    }

    /// [`stationarity`] at `c` (whose lambda_S and lambda_N must be those given to `new`).
    pub fn at(&self, c: &SingletCouplings<f64>) -> Stationarity {
        assert!(
            c.lambda_s.to_bits() == self.lambda[0].to_bits()
                && c.lambda_n.to_bits() == self.lambda[1].to_bits(),
            "StationarityAtSoftTerms: lambda_S, lambda_N differ from the ones given"
        );
        stationarity_given_cw(VevPath::Real, self.vevs, c, &self.tree, Some(&self.cw_rows))
    }
}

/// The gradient in `(v_d, v_u, x)` of the two Coleman-Weinberg pieces of V (the last two of
/// [`potential_terms`]) at real VEVs, as [`stationarity`]'s Jacobian has them: the same dual
/// numbers, from the same fields and invariants of the real-field path.
fn cw_gradient_rows(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> [[f64; 3]; 2] {
    let f = HiggsFields::real(seeded_vevs(vevs));
    let (huhd, hu2, hd2) = invariants(&f);
    let cw = CwFields {
        hu2,
        hd2,
        huhd,
        n: f.n,
    };
    coleman_weinberg_pieces(&cw, &c.lift(), p).map(|piece| gradient_row(&piece))
}

/// The stationarity conditions and their Jacobian with respect to three couplings (the explicit
/// dependence only: soft terms held fixed): the field-coupling block of the Hessian of V in
/// (v_d, v_u, x, u_1, u_2, u_3), computed alone with hyper-dual numbers (`partial_hessian`).
///
/// The messenger-matching remainder's coefficients depend on the couplings only, so only their
/// first derivatives in the unknowns enter the gradient and the field-coupling block used here:
/// they are computed with dual numbers in the three unknowns only and enter with a zero
/// second-order part (which would only change the unused coupling-coupling block).
/// Inside the six-variable second-order numbers they were about a tenth of the consistent
/// preset's CPU; a test checks the result against the fully generic Hessian, bit for bit.
pub fn stationarity_jacobian(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    unknowns: [crate::config::Coupling; 3],
    p: &PotentialParams,
) -> ([f64; 3], [[f64; 3]; 3]) {
    stationarity_jacobian_on(VevPath::Real, vevs, c, unknowns, p)
}

fn stationarity_jacobian_on(
    path: VevPath,
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    unknowns: [crate::config::Coupling; 3],
    p: &PotentialParams,
) -> ([f64; 3], [[f64; 3]; 3]) {
    type H = num_dual::HyperDualSVec64<3, 3>;
    let v = SVector::<f64, 3>::from(vevs);
    let u = SVector::<f64, 3>::from_fn(|i, _| *c.get(unknowns[i]));
    let remainder = any_remainder(&p.matching).then(|| {
        // Second-order numbers in the three unknowns (their first-order part is the same
        // floating-point computation as in six variables; the first-order DualSVec64's quotient
        // rounds differently).
        let mut c3: SingletCouplings<num_dual::Dual2SVec64<3>> = c.lift();
        for i in 0..3 {
            *c3.get_mut(unknowns[i]) = num_dual::Dual2SVec64::<3>::from_re(u[i]).derivative(i);
        }
        let r = remainder_coefficients(&c3, &spurion(p), &p.matching);
        // Coefficient d(c) as a hyper-dual number: its derivatives in the unknowns.
        let lift = |d: num_dual::Dual2SVec64<3>| {
            H::new(
                d.re,
                num_dual::Derivative::none(),
                d.v1,
                num_dual::Derivative::none(),
            )
        };
        Coefficients {
            d_z: lift(r.d_z),
            d_h: lift(r.d_h),
            d_zh: lift(r.d_zh),
            d_zbh: lift(r.d_zbh),
            d_zzz: lift(r.d_zzz),
            d_zzzb: lift(r.d_zzzb),
        }
    });
    // Hyper-dual numbers (first derivatives in the vevs and in the unknowns, the mixed second
    // derivatives only): each entry the same operations as in the full Hessian over the six,
    // without its vev-vev and coupling-coupling blocks (a third of the work).
    let (_, g, _, h) = partial_hessian(
        |(w, un): (SVector<H, 3>, SVector<H, 3>)| {
            let mut cd: SingletCouplings<H> = c.lift();
            for i in 0..3 {
                *cd.get_mut(unknowns[i]) = un[i];
            }
            sum_in_place(path.terms([w[0], w[1], w[2]], &cd, p, remainder.clone()))
        },
        (&v, &u),
    );
    let grad = [g[0], g[1], g[2]];
    let jac = [0, 1, 2].map(|i| [0, 1, 2].map(|j| h[(i, j)]));
    (grad, jac)
}

/// Half the Hessian of V over the ten real field components at the real VEVs: the mass-squared
/// matrix in the basis of [`FieldIndex`] with `H = v + (h + i a)/sqrt2` normalisation.
pub fn mass_matrix(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> SMatrix<f64, 10, 10> {
    let all = vev_fields(vevs[0], vevs[1], vevs[2]);
    let fixed = fixed_remainder(c, p);
    mass_block::<10>(&all, 0, c, p, fixed.as_ref())
}

/// The three diagonal blocks of [`mass_matrix`] (CP-even 0..3, CP-odd 3..6, charged 6..10), the
/// mixing blocks zero: at real VEVs these components do not mix, and the Higgs spectrum reads the
/// blocks only. One Hessian per block, over 3, 3 and 4 variables (a third of the dual-number
/// work of one over all ten); each entry is computed by the same operations, and a test finds
/// every block entry bit for bit equal to [`mass_matrix`]'s (which, where V is not finite, has
/// NaN mixing blocks: this matrix is not its replacement there).
pub fn mass_matrix_blocks(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> SMatrix<f64, 10, 10> {
    let fixed = fixed_remainder(c, p);
    let fixed = fixed.as_ref();
    let mut m = SMatrix::<f64, 10, 10>::zeros();
    m.fixed_view_mut::<6, 6>(0, 0)
        .copy_from(&neutral_mass_matrix(vevs, c, p, fixed));
    let all = vev_fields(vevs[0], vevs[1], vevs[2]);
    m.fixed_view_mut::<4, 4>(6, 6)
        .copy_from(&mass_block::<4>(&all, 6, c, p, fixed));
    m
}

/// The CP-even block of [`mass_matrix_blocks`] (and of [`mass_matrix`], bit for bit): half the
/// Hessian of V in the real parts of (H_d^0, H_u^0, N) at real VEVs.
pub fn cp_even_mass_matrix(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> SMatrix<f64, 3, 3> {
    let all = vev_fields(vevs[0], vevs[1], vevs[2]);
    mass_block::<3>(&all, 0, c, p, fixed_remainder(c, p).as_ref())
}

/// Half the Hessian of V over the `N` field components from `offset` on (see [`FieldIndex`]), the
/// others held at their values in `fields`; `fixed` is [`fixed_remainder`] of `c` and `p`.
fn mass_block<const N: usize>(
    fields: &Fields<f64>,
    offset: usize,
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    fixed: Option<&Coefficients<f64>>,
) -> SMatrix<f64, N, N> {
    let z = SVector::<f64, N>::from_fn(|i, _| fields[offset + i]);
    let (_, _, h) = hessian(
        |w: SVector<num_dual::Dual2SVec64<N>, N>| {
            let f: Fields<_> = std::array::from_fn(|i| {
                if (offset..offset + N).contains(&i) {
                    w[i - offset]
                } else {
                    num_dual::Dual2SVec64::<N>::from(fields[i])
                }
            });
            sum_in_place(potential_terms_with(
                HiggsFields::from_components(&f),
                &c.lift(),
                p,
                fixed.map(Coefficients::lift),
            ))
        },
        &z,
    );
    h * 0.5
}

/// The neutral 6x6 block of [`mass_matrix`] (components 0..6 of [`FieldIndex`]): at real VEVs
/// the charged fields do not mix with the neutral ones, and with real parameters V is even in the
/// imaginary parts, so the CP-even (0..3) and CP-odd (3..6) components do not mix either; the two
/// 3x3 blocks come from two three-variable Hessians (a third of the dual-number work of one over
/// all six; each entry is computed by the same operations, and a test checks that the two are
/// exactly equal and the mixing exactly zero). `vevs` are `(v_d, v_u, x)`; `fixed` is
/// [`fixed_remainder`] of the same `c` and `p`.
///
/// The automatic-differentiation reference of [`tree_neutral_mass_matrix`] (which the singlet
/// threshold uses): with `include_dv` it also carries the Coleman-Weinberg terms.
pub fn neutral_mass_matrix(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    fixed: Option<&Coefficients<f64>>,
) -> SMatrix<f64, 6, 6> {
    let all = vev_fields(vevs[0], vevs[1], vevs[2]);
    let block = |offset: usize| mass_block::<3>(&all, offset, c, p, fixed);
    let mut m = SMatrix::<f64, 6, 6>::zeros();
    m.fixed_view_mut::<3, 3>(0, 0).copy_from(&block(0));
    m.fixed_view_mut::<3, 3>(3, 3).copy_from(&block(3));
    m
}

/// The neutral 6x6 block of the TREE-LEVEL mass matrix (half the Hessian of every piece of V but
/// the Coleman-Weinberg terms, whatever `p.include_dv` says) at real `vevs = (v_d, v_u, x)`, written
/// out: the singlet threshold evaluates it eight times per call (`singlet_threshold`), where the
/// dual-number Hessian of [`neutral_mass_matrix`] was two thirds of the consistent preset's CPU.
/// `remainder` is [`fixed_remainder`] of the same `c` and `p` (None: no piece switched on).
///
/// With complex neutral fields `z = (H_d^0, H_u^0, N)`, `z_i = Re z_i + i Im z_i`, and
/// `A_ij = d^2V/dz_i dz_j`, `B_ij = d^2V/dz_i dz_j^*` (Wirtinger derivatives), half the Hessian is
/// `Re(A + B)` in the real parts and `Re(B - A)` in the imaginary parts; at real fields and
/// parameters A and B are real and the two blocks do not mix. The pieces of V (as in
/// [`potential_terms`], charged fields zero):
///
/// - `|F|^2` for the holomorphic `F_N`, `F_S` and `G = mu(N) H_u`, `mu(N) H_d` (the
///   `|lambda_S y + lambda_N N|^2 |H|^2` term): `A += F d^2F`, `B += dF dF^T`;
/// - the D-term `g (|H_u|^2 - |H_d|^2)^2`, `g = (g'^2 + g_2^2)/8`, with `s = (-1, 1, 0)`:
///   `A_ij += 2g s_i s_j z_i z_j`, `B_ij += 2g (s_i s_j z_i z_j + D s_i delta_ij)`;
/// - the soft masses on the diagonal of B;
/// - `2 Re W` with the holomorphic `W = c_nh N H_u H_d + c_h H_u H_d + c_n2 N^2/2 + c_n3 N^3/3`
///   (trilinears, the running F_S terms, the holomorphic messenger remainder; linear terms do not
///   enter): `A += d^2W`;
/// - the non-holomorphic remainder `d_zbh (N^* H_u H_d + c.c.) + d_zzzb |N|^2 (N + N^*)/2`.
///
/// The tests check every entry against [`neutral_mass_matrix`] (the automatic differentiation of
/// the one potential) at Table I-like and random parameter sets, with and without the running
/// F_S terms and the remainder.
pub fn tree_neutral_mass_matrix(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    remainder: Option<&Coefficients<f64>>,
) -> SMatrix<f64, 6, 6> {
    type M3 = SMatrix<f64, 3, 3>;
    type V3 = SVector<f64, 3>;
    const D: usize = 0;
    const U: usize = 1;
    const N: usize = 2;
    let [v_d, v_u, x] = vevs;
    let z = V3::new(v_d, v_u, x);
    let y = p.y;
    let mut a = M3::zeros();
    let mut b = M3::zeros();
    // |F|^2 of a holomorphic F with value f, gradient df and Hessian (in the (i, j) = (j, i)
    // entries listed).
    let mut f_squared = |f: f64, df: V3, d2f: &[(usize, usize, f64)]| {
        for &(i, j, h) in d2f {
            a[(i, j)] += f * h;
            if i != j {
                a[(j, i)] += f * h;
            }
        }
        b += df * df.transpose();
    };
    // F_N = lambda_N H_u H_d - k N^2 - eta_S y^2/2 - eta_N y N.
    let f_n = c.lambda_n * v_u * v_d - c.k * x * x - c.eta_s * (y * y / 2.0) - c.eta_n * y * x;
    let df_n = V3::new(
        c.lambda_n * v_u,
        c.lambda_n * v_d,
        -2.0 * c.k * x - c.eta_n * y,
    );
    f_squared(f_n, df_n, &[(D, U, c.lambda_n), (N, N, -2.0 * c.k)]);
    // F_S = lambda_S H_u H_d + F_S - eta_N N^2/2 - eta_S y N (F_S left out with running F_S
    // terms, as in potential_terms).
    let f_s_constant = if p.fs.is_some() { 0.0 } else { p.f_s };
    let f_s = c.lambda_s * v_u * v_d + f_s_constant - c.eta_n * 0.5 * x * x - c.eta_s * y * x;
    let df_s = V3::new(
        c.lambda_s * v_u,
        c.lambda_s * v_d,
        -c.eta_n * x - c.eta_s * y,
    );
    f_squared(f_s, df_s, &[(D, U, c.lambda_s), (N, N, -c.eta_n)]);
    // |mu H_u|^2 + |mu H_d|^2, mu = lambda_S y + lambda_N N.
    let mu = c.lambda_s * y + c.lambda_n * x;
    f_squared(
        mu * v_u,
        V3::new(0.0, mu, c.lambda_n * v_u),
        &[(U, N, c.lambda_n)],
    );
    f_squared(
        mu * v_d,
        V3::new(mu, 0.0, c.lambda_n * v_d),
        &[(D, N, c.lambda_n)],
    );
    // D-term.
    let g = (p.g1 * p.g1 + p.g2 * p.g2) / 8.0;
    let s = V3::new(-1.0, 1.0, 0.0);
    let sz = s.component_mul(&z);
    let d_term = v_u * v_u - v_d * v_d;
    let dd = sz * sz.transpose() * (2.0 * g);
    a += dd;
    b += dd + M3::from_diagonal(&(s * (2.0 * g * d_term)));
    // Soft masses.
    b += M3::from_diagonal(&V3::new(p.m_hd2, p.m_hu2, p.m_n2));
    // 2 Re W.
    let r = remainder.cloned().unwrap_or(Coefficients {
        d_z: 0.0,
        d_h: 0.0,
        d_zh: 0.0,
        d_zbh: 0.0,
        d_zzz: 0.0,
        d_zzzb: 0.0,
    });
    let (b_s, b_n) = match &p.fs {
        Some(fs) => {
            let v = fs.values(c.eta_n, c.eta_s);
            (v.b_s, v.b_n)
        }
        None => (0.0, 0.0),
    };
    let c_nh = -c.lambda_n * p.a_lambda + r.d_zh;
    let c_h = b_s + r.d_h;
    let c_n3 = c.k * p.a_k + r.d_zzz / 2.0;
    let w_du = c_nh * x + c_h;
    a[(D, U)] += w_du;
    a[(U, D)] += w_du;
    a[(D, N)] += c_nh * v_u;
    a[(N, D)] += c_nh * v_u;
    a[(U, N)] += c_nh * v_d;
    a[(N, U)] += c_nh * v_d;
    a[(N, N)] += b_n + 2.0 * c_n3 * x;
    // d_zbh (N^* H_u H_d + N (H_u H_d)^*) and d_zzzb (N^2 N^* + N N^*^2)/2.
    a[(D, U)] += r.d_zbh * x;
    a[(U, D)] += r.d_zbh * x;
    b[(D, N)] += r.d_zbh * v_u;
    b[(N, D)] += r.d_zbh * v_u;
    b[(U, N)] += r.d_zbh * v_d;
    b[(N, U)] += r.d_zbh * v_d;
    a[(N, N)] += r.d_zzzb * x;
    b[(N, N)] += 2.0 * r.d_zzzb * x;

    let mut m = SMatrix::<f64, 6, 6>::zeros();
    m.fixed_view_mut::<3, 3>(0, 0).copy_from(&(b + a));
    m.fixed_view_mut::<3, 3>(3, 3).copy_from(&(b - a));
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::{Matrix2, SymmetricEigen};

    /// [`neutral_mass_matrix`]'s two 3x3 blocks against one Hessian over all six neutral fields:
    /// the CP-even/CP-odd mixing of the full Hessian is exactly zero and the blocks are exactly
    /// equal, at the Table-I-like point (threshold-style displacements of the vevs included) and
    /// with the remainder computed inside or passed in.
    #[test]
    fn neutral_blocks_equal_the_six_field_hessian() {
        let (c, p, vevs) = table1_like_point();
        let full = |vevs: [f64; 3], fixed: Option<&Coefficients<f64>>| {
            let all = vev_fields(vevs[0], vevs[1], vevs[2]);
            let z = SVector::<f64, 6>::from_fn(|i, _| all[i]);
            let (_, _, h) = hessian(
                |w: SVector<num_dual::Dual2SVec64<6>, 6>| {
                    let f: Fields<_> = std::array::from_fn(|i| {
                        if i < 6 {
                            w[i]
                        } else {
                            num_dual::Dual2SVec64::<6>::from(0.0)
                        }
                    });
                    potential_terms_with(
                        HiggsFields::from_components(&f),
                        &c.lift(),
                        &p,
                        fixed.map(Coefficients::lift),
                    )
                    .into_iter()
                    .sum::<num_dual::Dual2SVec64<6>>()
                },
                &z,
            );
            h * 0.5
        };
        let fixed = fixed_remainder(&c, &p);
        let mut checked = 0;
        for (dd, du, dn) in [
            (0.0, 0.0, 0.0),
            (3.0, 0.0, 0.0),
            (0.0, -3.0, 0.0),
            (0.0, 0.0, 50.0),
        ] {
            let v = [vevs[0] + dd, vevs[1] + du, vevs[2] + dn];
            for fx in [None, fixed.as_ref()] {
                let (a, b) = (full(v, fx), neutral_mass_matrix(v, &c, &p, fx));
                for i in 0..6 {
                    for j in 0..6 {
                        if (i < 3) != (j < 3) {
                            assert_eq!(a[(i, j)], 0.0, "CP-even/odd mixing ({i}, {j})");
                        } else {
                            assert_eq!(a[(i, j)], b[(i, j)], "({i}, {j})");
                            assert!(a[(i, j)].is_finite());
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 8 * 36);
    }

    /// [`tree_neutral_mass_matrix`] entry by entry against the automatic differentiation of the
    /// one potential ([`neutral_mass_matrix`] without the Coleman-Weinberg terms, the remainder
    /// coefficients passed to both): at the Table I-like point and at its threshold-style field
    /// points (H = 0, N = x, displaced by +-y along v_u, v_d, Re N as `singlet_threshold` does),
    /// and at random parameter sets (random couplings, soft terms, running F_S terms present or
    /// not, random remainder coefficients or none) at random real fields. Agreement to 1e-13 of
    /// the largest entry, and each random piece moves the matrix by much more than that.
    #[test]
    fn tree_neutral_mass_matrix_equals_automatic_differentiation() {
        use rand::{RngExt, SeedableRng};
        let compare = |what: &str,
                       vevs: [f64; 3],
                       c: &SingletCouplings<f64>,
                       p: &PotentialParams,
                       r: Option<&Coefficients<f64>>| {
            let tree = PotentialParams {
                include_dv: false,
                ..p.clone()
            };
            let ad = neutral_mass_matrix(vevs, c, &tree, r);
            // The analytic form ignores include_dv: the tree-level matrix either way.
            let ours = tree_neutral_mass_matrix(vevs, c, p, r);
            let scale = ad.abs().max();
            let err = (ours - ad).abs().max() / scale;
            assert!(
                scale > 0.0 && err < 1e-13,
                "{what}: {err:.2e}\n{ours}\n{ad}"
            );
            err
        };
        let (c, p, vevs) = table1_like_point();
        let fixed = fixed_remainder(&c, &p);
        assert!(fixed.is_some());
        let h = p.y;
        let x = vevs[2];
        let mut worst = 0.0_f64;
        for v in [
            vevs,
            [0.0, 0.0, x],
            [0.0, h, x],
            [0.0, -h, x],
            [h, 0.0, x],
            [-h, 0.0, x],
            [0.0, 0.0, x + h],
            [0.0, 0.0, x - h],
            [h, h, x],
        ] {
            worst = worst.max(compare("table1-like", v, &c, &p, fixed.as_ref()));
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(29);
        let mut u = |lo: f64, hi: f64| rng.random_range(lo..hi);
        for k in 0..200 {
            let c = SingletCouplings {
                xi_n: u(-1.0, 1.0),
                eta_s: u(-0.5, 0.5),
                eta_n: u(-1.5, 1.5),
                lambda_s: u(-0.5, 0.5),
                lambda_n: u(-0.8, 0.8),
                k: u(-0.8, 0.8),
            };
            let y = u(1e2, 1e3);
            let fs = (k % 2 == 0).then(|| FsTerms {
                b_s: [u(-1e5, 1e5), u(-1e5, 1e5)],
                b_n: [u(-1e5, 1e5), u(-1e5, 1e5)],
                t_s: [u(-1e7, 1e7), u(-1e7, 1e7), u(-1e7, 1e7), u(-1e7, 1e7)],
                tadpole_factor: u(0.5, 1.5),
                e_n: u(0.5, 1.5),
                e_s: u(0.5, 1.5),
            });
            let r = (k % 4 < 2).then(|| Coefficients {
                d_z: u(-1e7, 1e7),
                d_h: u(-1e5, 1e5),
                d_zh: u(-1e2, 1e2),
                d_zbh: u(-1e2, 1e2),
                d_zzz: u(-1e2, 1e2),
                d_zzzb: u(-1e2, 1e2),
            });
            let p = PotentialParams {
                g1: u(0.2, 0.5),
                g2: u(0.4, 0.8),
                y,
                f_s: u(-1.0, 1.0) * y * y,
                m_hu2: u(-1e5, 1e5),
                m_hd2: u(-1e5, 1e5),
                m_n2: u(-1e5, 1e5),
                a_lambda: u(-1e3, 1e3),
                a_k: u(-1e3, 1e3),
                fs,
                include_dv: k % 3 == 0,
                // Without coefficients passed the AD side computes the remainder itself.
                matching: MessengerMatching::all(r.is_some()),
                ..p.clone()
            };
            let vevs = [u(-300.0, 300.0), u(-300.0, 300.0), u(-1e3, 1e3)];
            let what = format!("random set {k}");
            worst = worst.max(compare(&what, vevs, &c, &p, r.as_ref()));
            // Each optional piece is large enough to show: leaving it out moves the matrix by
            // far more than the tolerance.
            let full = tree_neutral_mass_matrix(vevs, &c, &p, r.as_ref());
            let scale = full.abs().max();
            if r.is_some() {
                let without = tree_neutral_mass_matrix(vevs, &c, &p, None);
                assert!(
                    (full - without).abs().max() > 1e-6 * scale,
                    "{what}: remainder"
                );
            }
            if p.fs.is_some() {
                let without = PotentialParams {
                    fs: None,
                    f_s: 0.0,
                    ..p.clone()
                };
                let m0 = tree_neutral_mass_matrix(vevs, &c, &without, r.as_ref());
                assert!((full - m0).abs().max() > 1e-6 * scale, "{what}: F_S terms");
            }
        }
        println!("largest difference relative to the largest entry: {worst:.2e}");
    }

    /// The gradient and the field-coupling block of the Hessian of V over (vevs, unknowns) in
    /// six-variable second-order numbers, the remainder's coefficients computed inside them, on
    /// the ten field components: the generic reference of [`stationarity_jacobian`].
    fn generic_jacobian(
        vevs: [f64; 3],
        c: &SingletCouplings<f64>,
        unknowns: [crate::config::Coupling; 3],
        p: &PotentialParams,
    ) -> ([f64; 3], [[f64; 3]; 3]) {
        let mut z = SVector::<f64, 6>::zeros();
        for i in 0..3 {
            z[i] = vevs[i];
            z[3 + i] = *c.get(unknowns[i]);
        }
        let (_, g, h) = hessian(
            |w: SVector<num_dual::Dual2SVec64<6>, 6>| {
                let mut cd: SingletCouplings<num_dual::Dual2SVec64<6>> = c.lift();
                for i in 0..3 {
                    *cd.get_mut(unknowns[i]) = w[3 + i];
                }
                potential_terms(&vev_fields(w[0], w[1], w[2]), &cd, p)
                    .into_iter()
                    .sum::<num_dual::Dual2SVec64<6>>()
            },
            &z,
        );
        let jac = [0, 1, 2].map(|i| [0, 1, 2].map(|j| h[(i, 3 + j)]));
        ([g[0], g[1], g[2]], jac)
    }

    /// [`stationarity_jacobian`] (hyper-dual numbers, the remainder's coefficients with
    /// first-order derivatives in the unknowns) against the generic Hessian of the one potential
    /// ([`generic_jacobian`]), at the Table I-like point with every piece of the remainder on and
    /// at 39 random coupling sets around it, for two choices of unknowns; and the remainder is
    /// large enough in the Jacobian that leaving it out would show. Equal bit for bit (the random
    /// parameter sets of the real-field test compare the two as well).
    #[test]
    fn stationarity_jacobian_equals_the_generic_hessian() {
        use crate::config::Coupling::*;
        let (c0, p, vevs) = table1_like_point();
        let generic = |c: &SingletCouplings<f64>, unknowns: [crate::config::Coupling; 3]| {
            generic_jacobian(vevs, c, unknowns, &p)
        };
        let no_remainder = PotentialParams {
            matching: MessengerMatching::all(false),
            ..p.clone()
        };
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
        for unknowns in [[XiN, EtaS, EtaN], [LambdaN, K, EtaN]] {
            for set in 0..40 {
                // The point itself, then random factors in [0.5, 1.5] on every coupling.
                let mut f = |x: f64| {
                    if set == 0 {
                        x
                    } else {
                        x * rng.random_range(0.5..1.5)
                    }
                };
                let c = SingletCouplings {
                    xi_n: f(c0.xi_n),
                    eta_s: f(c0.eta_s),
                    eta_n: f(c0.eta_n),
                    lambda_s: f(c0.lambda_s),
                    lambda_n: f(c0.lambda_n),
                    k: f(c0.k),
                };
                let (g, j) = stationarity_jacobian(vevs, &c, unknowns, &p);
                let (g_ref, j_ref) = generic(&c, unknowns);
                let (_, j0) = stationarity_jacobian(vevs, &c, unknowns, &no_remainder);
                for a in 0..3 {
                    assert_eq!(
                        g[a].to_bits(),
                        g_ref[a].to_bits(),
                        "{unknowns:?} set {set}: gradient {a}"
                    );
                    let row = j_ref[a].iter().fold(0.0_f64, |m, e| m.max(e.abs()));
                    for b in 0..3 {
                        // The same floating-point operations on every entry used.
                        assert_eq!(
                            j[a][b].to_bits(),
                            j_ref[a][b].to_bits(),
                            "{unknowns:?} set {set}: ({a}, {b})"
                        );
                    }
                    let moved = (0..3).fold(0.0_f64, |m, b| m.max((j[a][b] - j0[a][b]).abs()));
                    assert!(moved > 1e-6 * row, "remainder too small in row {a}");
                }
            }
        }
    }

    /// The one Coleman-Weinberg piece: m^4 (ln|m^2/Q^2| - 3/2) on both sides of zero (written
    /// out here with |m^2|), zero for a massless state, and its dual-number derivative equal to
    /// a central difference on each side.
    #[test]
    fn cw_piece_is_the_real_part_on_both_sides() {
        let q2 = 450.0f64 * 450.0;
        let direct = |m2: f64| m2 * m2 * ((m2.abs() / q2).ln() - 1.5);
        for m2 in [3.7e5, 2.0e4, 1.0, -1.0, -2.0e4, -3.7e5] {
            let v: f64 = cw_piece(m2, q2);
            assert!(
                (v - direct(m2)).abs() <= 1e-14 * direct(m2).abs(),
                "{m2}: {v}"
            );
            let d = cw_piece(num_dual::Dual64::from_re(m2).derivative(), q2).eps;
            let h = 1e-5 * m2.abs();
            let fd = (direct(m2 + h) - direct(m2 - h)) / (2.0 * h);
            assert!(
                (d - fd).abs() <= 1e-7 * fd.abs().max(m2.abs()),
                "{m2}: {d} vs {fd}"
            );
        }
        assert_eq!(cw_piece(0.0, q2), 0.0);
    }

    fn params(with: bool) -> (SingletCouplings<f64>, PotentialParams) {
        let c = SingletCouplings {
            xi_n: 0.7,
            eta_s: 8e-3,
            eta_n: 0.9,
            lambda_s: 3e-3,
            lambda_n: 0.31,
            k: 0.4,
        };
        let p = PotentialParams {
            g1: 0.36,
            g2: 0.65,
            ht: 0.86,
            y: 9.7e4,
            f_s: 7.5e9,
            xi_s: 0.95,
            tadpole_unit: 0.0,
            fs: None,
            m_hu2: -1.6e5,
            m_hd2: 6.0e4,
            m_n2: -7.0e5,
            a_lambda: -1600.0,
            a_k: -5000.0,
            a_t: -200.0,
            m_q3: 7.0e5,
            m_u3: 6.0e5,
            q: 850.0,
            include_dv: true,
            sbottom_stau: with.then_some(SbottomStau {
                hb: 0.32,
                htau: 0.25,
                a_b: -230.0,
                a_tau: -40.0,
                m_d3: 6.8e5,
                m_l3: 7.3e4,
                m_e3: 1.6e4,
            }),
            matching: MessengerMatching::all(false),
        };
        (c, p)
    }

    /// The sbottom/stau term at real VEVs written independently: the textbook 2x2 mass matrices
    /// with `X = A - mu tan(beta)`, D-terms `(T_3 - Q s_W^2) M_Z^2 cos(2 beta)` and numerical
    /// eigenvalues, summed as `N_c/(64 pi^2) STr M^4 (ln M^2/Q^2 - 3/2)`.
    fn independent(vevs: [f64; 3], c: &SingletCouplings<f64>, p: &PotentialParams) -> f64 {
        let bt = p.sbottom_stau.unwrap();
        let [v_d, v_u, x] = vevs;
        let mu = c.lambda_s * p.y + c.lambda_n * x;
        let mz2 = (p.g1 * p.g1 + p.g2 * p.g2) / 2.0 * (v_d * v_d + v_u * v_u);
        let cos2b = (v_d * v_d - v_u * v_u) / (v_d * v_d + v_u * v_u);
        let s2w = p.g1 * p.g1 / (p.g1 * p.g1 + p.g2 * p.g2);
        let tb = v_u / v_d;
        let f = |m2: f64| m2 * m2 * ((m2 / (p.q * p.q)).ln() - 1.5);
        let mut total = 0.0;
        // (N_c, h, A, m_L^2, m_R^2, (T3, Q) of the left and right sfermions).
        for (nc, h, a, ml, mr, (t3l, ql), qr) in [
            (
                3.0,
                bt.hb,
                bt.a_b,
                p.m_q3,
                bt.m_d3,
                (-0.5, -1.0 / 3.0),
                -1.0 / 3.0,
            ),
            (1.0, bt.htau, bt.a_tau, bt.m_l3, bt.m_e3, (-0.5, -1.0), -1.0),
        ] {
            let mf = h * v_d;
            let m = Matrix2::new(
                ml + mf * mf + (t3l - ql * s2w) * mz2 * cos2b,
                mf * (a - mu * tb),
                mf * (a - mu * tb),
                mr + mf * mf + qr * s2w * mz2 * cos2b,
            );
            let eig = SymmetricEigen::new(m).eigenvalues;
            total += nc / (32.0 * PI * PI) * (f(eig[0]) + f(eig[1]) - 2.0 * f(mf * mf));
        }
        total
    }

    #[test]
    fn sbottom_stau_term_against_an_independent_evaluation_and_finite_differences() {
        let (c, with) = params(true);
        let (_, without) = params(false);
        let vevs = [7.1, 173.8, 410.0];
        let piece = |p: &PotentialParams| {
            potential_terms(&vev_fields(vevs[0], vevs[1], vevs[2]), &c, p)[N_TERMS - 1]
        };
        assert_eq!(piece(&without), 0.0);
        let ours = piece(&with);
        let theirs = independent(vevs, &c, &with);
        assert!(
            (ours / theirs - 1.0).abs() < 1e-9,
            "value: {ours:.10e} vs {theirs:.10e}"
        );
        // The AD gradient of the pieces against central differences of the independent form.
        let g_with = stationarity(vevs, &c, &with).gradient;
        let g_without = stationarity(vevs, &c, &without).gradient;
        for i in 0..3 {
            let h = 1e-3 * vevs[i].abs().max(1.0);
            let mut up = vevs;
            let mut dn = vevs;
            up[i] += h;
            dn[i] -= h;
            let fd = (independent(up, &c, &with) - independent(dn, &c, &with)) / (2.0 * h);
            let ad = g_with[i] - g_without[i];
            assert!(
                (ad - fd).abs() <= 1e-6 * fd.abs().max(1e-3 * ad.abs()) + 1e-9,
                "d/dv_{i}: AD {ad:.10e}, finite differences {fd:.10e}"
            );
        }
        // Delta V's gradient (the mu^2 relation's input) carries the new term.
        let dv = stationarity(vevs, &c, &with).dv_gradient[0]
            - stationarity(vevs, &c, &without).dv_gradient[0];
        assert!((dv / (g_with[0] - g_without[0]) - 1.0).abs() < 1e-12);
    }

    /// A dual number's value and derivatives (None derivatives read as zeros, as the Jacobian
    /// and Hessian read them).
    trait Entries {
        fn entries(&self) -> Vec<f64>;
    }
    impl Entries for f64 {
        fn entries(&self) -> Vec<f64> {
            vec![*self]
        }
    }
    impl Entries for num_dual::Dual64 {
        fn entries(&self) -> Vec<f64> {
            vec![self.re, self.eps]
        }
    }
    impl Entries for num_dual::DualSVec64<3> {
        fn entries(&self) -> Vec<f64> {
            let e = self.eps.clone();
            let e = e.unwrap_generic(nalgebra::Const::<3>, nalgebra::Const::<1>);
            std::iter::once(self.re).chain(e.iter().copied()).collect()
        }
    }
    impl Entries for num_dual::HyperDualSVec64<3, 3> {
        fn entries(&self) -> Vec<f64> {
            let (c1, c3) = (nalgebra::Const::<1>, nalgebra::Const::<3>);
            let e1 = self.eps1.clone().unwrap_generic(c3, c1);
            let e2 = self.eps2.clone().unwrap_generic(c1, c3);
            let e12 = self.eps1eps2.clone().unwrap_generic(c3, c3);
            std::iter::once(self.re)
                .chain(e1.iter().copied())
                .chain(e2.iter().copied())
                .chain(e12.iter().copied())
                .collect()
        }
    }
    impl Entries for num_dual::Dual2SVec64<6> {
        fn entries(&self) -> Vec<f64> {
            let (c1, c6) = (nalgebra::Const::<1>, nalgebra::Const::<6>);
            let v1 = self.v1.clone().unwrap_generic(c1, c6);
            let v2 = self.v2.clone().unwrap_generic(c6, c6);
            std::iter::once(self.re)
                .chain(v1.iter().copied())
                .chain(v2.iter().copied())
                .collect()
        }
    }

    /// Bit for bit, or both exact zeros (of either sign). Returns whether the signs differ.
    fn same_bits(what: &str, a: f64, b: f64) -> bool {
        assert!(
            a.to_bits() == b.to_bits() || (a == 0.0 && b == 0.0),
            "{what}: real path {a:e}, ten fields {b:e}"
        );
        a.to_bits() != b.to_bits()
    }

    /// Every piece of V, its value and every derivative, on the real path against the ten-field
    /// path at the same real VEVs; returns how many entries were compared and how many of them
    /// are exact zeros of other sign.
    fn same_pieces<D: DualNum<f64> + Entries>(
        what: &str,
        v: [D; 3],
        c: &SingletCouplings<D>,
        p: &PotentialParams,
        fixed: Option<&Coefficients<f64>>,
    ) -> [usize; 2]
    where
        for<'a> &'a D: RefOps<D>,
    {
        let lifted = || fixed.map(Coefficients::lift);
        let real = VevPath::Real.terms(v.clone(), c, p, lifted());
        let ten = VevPath::TenFields.terms(v, c, p, lifted());
        assert_eq!(real.len(), ten.len());
        let [mut entries, mut signs] = [0, 0];
        for (t, (a, b)) in real.iter().zip(&ten).enumerate() {
            for (k, (x, y)) in a.entries().into_iter().zip(b.entries()).enumerate() {
                entries += 1;
                signs += usize::from(same_bits(&format!("{what}: piece {t}, entry {k}"), x, y));
            }
        }
        [entries, signs]
    }

    /// The Table-I-like point and `n` parameter sets of [`random_set`] drawn with `seed`.
    fn table1_and_random_sets(
        seed: u64,
        n: usize,
    ) -> Vec<(SingletCouplings<f64>, PotentialParams, [f64; 3])> {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut u = |lo: f64, hi: f64| rng.random_range(lo..hi);
        std::iter::once(table1_like_point())
            .chain((0..n).map(|k| random_set(k, &mut u)))
            .collect()
    }

    /// A random parameter set covering both presets' potentials: running F_S terms or not, every
    /// piece of the messenger-matching remainder on or off, sbottom/stau terms or not, Delta V on
    /// or off, stop masses squared that can be negative at the trial fields, and (one set in
    /// eight) couplings that are exact zeros.
    fn random_set(
        k: usize,
        u: &mut impl FnMut(f64, f64) -> f64,
    ) -> (SingletCouplings<f64>, PotentialParams, [f64; 3]) {
        let zero = |x: f64, i: usize| {
            if k % 8 == 7 && i % 2 == k % 3 % 2 {
                0.0
            } else {
                x
            }
        };
        let c = SingletCouplings {
            xi_n: zero(u(-1.0, 1.0), 0),
            eta_s: zero(u(-0.5, 0.5), 1),
            eta_n: zero(u(-1.5, 1.5), 2),
            lambda_s: zero(u(-0.5, 0.5), 3),
            lambda_n: u(-0.8, 0.8),
            k: zero(u(-0.8, 0.8), 5),
        };
        let y = u(3.8e4, 1e5);
        let fs = (k % 2 == 0).then(|| FsTerms {
            b_s: [u(-1e9, 1e9), u(-1e9, 1e9)],
            b_n: [u(-1e9, 1e9), u(-1e9, 1e9)],
            t_s: [
                u(-1e13, 1e13),
                u(-1e13, 1e13),
                u(-1e13, 1e13),
                u(-1e13, 1e13),
            ],
            tadpole_factor: u(0.5, 1.5),
            e_n: u(0.5, 1.5),
            e_s: u(0.5, 1.5),
        });
        let sbottom_stau = (k % 3 != 2).then(|| SbottomStau {
            hb: u(0.01, 0.8),
            htau: u(0.01, 0.6),
            a_b: u(-2e3, 2e3),
            a_tau: u(-1e3, 1e3),
            m_d3: u(-1e5, 1e6),
            m_l3: u(-1e5, 1e6),
            m_e3: u(-1e5, 1e6),
        });
        let p = PotentialParams {
            g1: u(0.3, 0.4),
            g2: u(0.6, 0.7),
            ht: u(0.8, 1.0),
            y,
            f_s: u(0.38, 1.0) * y * y,
            xi_s: u(0.5, 1.0),
            tadpole_unit: u(0.0, 1e13),
            fs,
            m_hu2: u(-1e6, 1e6),
            m_hd2: u(-1e6, 1e6),
            m_n2: u(-1e6, 1e6),
            a_lambda: u(-3e3, 3e3),
            a_k: u(-6e3, 6e3),
            a_t: u(-2e3, 2e3),
            // Negative at one set in four: tachyonic stops at the trial fields.
            m_q3: u(if k % 4 == 1 { -3e5 } else { 1e5 }, 1e6),
            m_u3: u(if k % 4 == 1 { -3e5 } else { 1e5 }, 1e6),
            q: u(300.0, 2000.0),
            include_dv: k % 5 != 4,
            sbottom_stau,
            matching: MessengerMatching::all(k % 4 < 2),
        };
        let vevs = [u(-50.0, 250.0), u(-50.0, 250.0), u(-1e3, 1e3)];
        (c, p, vevs)
    }

    /// The gradient rows of the pieces read from the seeded dual numbers ([`seeded_vevs`],
    /// [`gradient_row`]) are `num_dual::jacobian`'s, bit for bit, at 200 random parameter sets
    /// and the Table-I-like point.
    #[test]
    fn gradient_rows_equal_num_duals_jacobian_bit_for_bit() {
        for (k, (c, p, vevs)) in table1_and_random_sets(351, 200).into_iter().enumerate() {
            let fixed = fixed_remainder(&c, &p);
            let r = || fixed.as_ref().map(Coefficients::lift);
            let (_, jac) = num_dual::jacobian(
                |w: SVector<num_dual::DualSVec64<3>, 3>| {
                    let terms = VevPath::Real.terms([w[0], w[1], w[2]], &c.lift(), &p, r());
                    SVector::<_, N_TERMS>::from_iterator(terms)
                },
                &SVector::<f64, 3>::from(vevs),
            );
            let pieces = VevPath::Real.terms(seeded_vevs(vevs), &c.lift(), &p, r());
            for (t, piece) in pieces.iter().enumerate() {
                let expected = [0, 1, 2].map(|i| jac[(t, i)].to_bits());
                assert_eq!(
                    gradient_row(piece).map(f64::to_bits),
                    expected,
                    "set {k}, piece {t}"
                );
            }
        }
    }

    /// [`StationarityAtSoftTerms`] (the Coleman-Weinberg gradient computed once per parameter
    /// set) gives [`stationarity`]'s bits at 200 random parameter sets and the Table-I-like
    /// point, each at four couplings that differ from the given ones in xi_N and the etas.
    #[test]
    fn stationarity_at_soft_terms_equals_stationarity_bit_for_bit() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(36);
        let mut u = |lo: f64, hi: f64| rng.random_range(lo..hi);
        for (k, (c, p, vevs)) in table1_and_random_sets(35, 200).into_iter().enumerate() {
            let at = StationarityAtSoftTerms::new(vevs, &c, &p);
            for _ in 0..4 {
                let moved = SingletCouplings {
                    xi_n: u(-1.0, 1.0),
                    eta_s: u(-0.5, 0.5),
                    eta_n: u(-1.5, 1.5),
                    ..c.clone()
                };
                let (a, b) = (at.at(&moved), stationarity(vevs, &moved, &p));
                let bits = |s: &Stationarity| {
                    [s.gradient, s.scale, s.dv_gradient].map(|v| v.map(f64::to_bits))
                };
                assert_eq!(bits(&a), bits(&b), "set {k}: {a:?} vs {b:?}");
            }
        }
    }

    /// The real-field path (what the solver evaluates) against the ten-field path of
    /// [`vev_fields`] at 400 random parameter sets and the Table-I-like point: every piece, its
    /// value and every derivative, in the number types of [`stationarity`] (DualSVec64<3>),
    /// [`mu2_relation`] (Dual64), [`stationarity_jacobian`] (Dual2SVec64<6>, the remainder's
    /// coefficients computed inside or given) and [`potential_at`] (f64), bit for bit up to the
    /// sign of exact zeros (the ten-field path adds `+0` from the imaginary parts, which turns a
    /// -0 into +0); and their outputs (stationarity, mu^2 relation, Jacobian) bit for bit.
    #[test]
    fn real_field_path_equals_the_ten_field_path_bit_for_bit() {
        use crate::config::Coupling::*;
        use num_dual::{Dual2SVec64, Dual64, DualSVec64, HyperDualSVec64};
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(33);
        let mut u = |lo: f64, hi: f64| rng.random_range(lo..hi);
        let mut pieces = [0, 0];
        let mut count = |[e, s]: [usize; 2]| {
            pieces[0] += e;
            pieces[1] += s;
        };
        let mut output_signs = 0;
        let sets = (0..400).map(|k| random_set(k, &mut u));
        for (k, (c, p, vevs)) in std::iter::once(table1_like_point()).chain(sets).enumerate() {
            let what = format!("set {k}");
            let fixed = fixed_remainder(&c, &p);
            let fixed = fixed.as_ref();
            // f64 (potential_at, the vacuum check).
            count(same_pieces(&what, vevs, &c, &p, None));
            // DualSVec64<3> (stationarity).
            let v = [0, 1, 2].map(|i| DualSVec64::<3>::from_re(vevs[i]).derivative(i));
            count(same_pieces(&what, v, &c.lift(), &p, fixed));
            // Dual64 (the mu^2 relation's direction).
            let e = Dual64::from_re(0.0).derivative();
            let one = Dual64::from_re(1.0);
            let v = [
                (one + e) * vevs[0],
                (one - e) * vevs[1],
                Dual64::from(vevs[2]),
            ];
            count(same_pieces(&what, v, &c.lift(), &p, fixed));
            // Dual2SVec64<6> (the Jacobian in the couplings), remainder inside the duals.
            let unknowns = [[XiN, EtaS, EtaN], [LambdaN, K, LambdaS]][k % 2];
            let v = [0, 1, 2].map(|i| Dual2SVec64::<6>::from_re(vevs[i]).derivative(i));
            let mut cd: SingletCouplings<Dual2SVec64<6>> = c.lift();
            for (i, &un) in unknowns.iter().enumerate() {
                *cd.get_mut(un) = Dual2SVec64::<6>::from_re(*c.get(un)).derivative(3 + i);
            }
            count(same_pieces(&what, v, &cd, &p, None));
            // HyperDualSVec64<3, 3> (the same, as stationarity_jacobian evaluates it).
            type H = HyperDualSVec64<3, 3>;
            let v = [0, 1, 2].map(|i| H::from_re(vevs[i]).derivative1(i));
            let mut cd: SingletCouplings<H> = c.lift();
            for (i, &un) in unknowns.iter().enumerate() {
                *cd.get_mut(un) = H::from_re(*c.get(un)).derivative2(i);
            }
            count(same_pieces(&what, v, &cd, &p, None));

            // The outputs, bit for bit.
            let mut out = |name: &str, a: f64, b: f64| {
                output_signs += usize::from(same_bits(&format!("{what}: {name}"), a, b));
            };
            let (a, b) = (
                stationarity_on(VevPath::Real, vevs, &c, &p),
                stationarity_on(VevPath::TenFields, vevs, &c, &p),
            );
            for i in 0..3 {
                out("gradient", a.gradient[i], b.gradient[i]);
                out("scale", a.scale[i], b.scale[i]);
                out("dv_gradient", a.dv_gradient[i], b.dv_gradient[i]);
            }
            out(
                "mu2",
                mu2_relation_on(VevPath::Real, vevs, &c, &p),
                mu2_relation_on(VevPath::TenFields, vevs, &c, &p),
            );
            out(
                "V",
                potential_terms_at(vevs, &c, &p).iter().sum(),
                potential_terms(&vev_fields(vevs[0], vevs[1], vevs[2]), &c, &p)
                    .iter()
                    .sum(),
            );
            let (ga, ja) = stationarity_jacobian_on(VevPath::Real, vevs, &c, unknowns, &p);
            let (gb, jb) = stationarity_jacobian_on(VevPath::TenFields, vevs, &c, unknowns, &p);
            let (gc, jc) = generic_jacobian(vevs, &c, unknowns, &p);
            for i in 0..3 {
                out("jacobian gradient", ga[i], gb[i]);
                out("jacobian gradient, generic", ga[i], gc[i]);
                for j in 0..3 {
                    out("jacobian", ja[i][j], jb[i][j]);
                    out("jacobian, generic", ja[i][j], jc[i][j]);
                }
            }
        }
        println!(
            "{} entries of the pieces compared, {} of them exact zeros of other sign; {output_signs} \
             outputs of other sign",
            pieces[0], pieces[1]
        );
        assert_eq!(output_signs, 0);
    }

    /// [`mass_matrix_blocks`] (three block Hessians) against [`mass_matrix`] (one Hessian over
    /// all ten components, the computation it replaced in the Higgs spectrum) at the Table-I-like
    /// point and the 400 random parameter sets of the real-field test: every block entry bit for
    /// bit (NaN where V is not finite at a set), and the blocks not trivially zero; where
    /// [`mass_matrix`] is finite its mixing blocks are exact `+0`, as the blocks' matrix has them.
    #[test]
    fn mass_matrix_blocks_equal_the_ten_field_hessian_bit_for_bit() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(33);
        let mut u = |lo: f64, hi: f64| rng.random_range(lo..hi);
        let sets = (0..400).map(|k| random_set(k, &mut u));
        let block = |i: usize| [0, 0, 0, 3, 3, 3, 6, 6, 6, 6][i];
        let mut finite = 0;
        for (k, (c, p, vevs)) in std::iter::once(table1_like_point()).chain(sets).enumerate() {
            let (ours, reference) = (mass_matrix_blocks(vevs, &c, &p), mass_matrix(vevs, &c, &p));
            let is_finite = reference.iter().all(|x| x.is_finite());
            finite += usize::from(is_finite);
            for i in 0..10 {
                for j in 0..10 {
                    let (a, b) = (ours[(i, j)], reference[(i, j)]);
                    if block(i) == block(j) || is_finite {
                        assert!(
                            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                            "set {k}: ({i}, {j}): {a:e} vs {b:e}"
                        );
                    }
                }
            }
            for b in [0, 3, 6] {
                assert!(
                    ours[(b, b)] != 0.0 && ours[(b + 1, b + 1)] != 0.0,
                    "set {k}"
                );
            }
        }
        assert!(finite > 250, "{finite} finite sets");
    }

    /// A Table-I-like point with every piece of the messenger-matching remainder switched on.
    fn with_matching() -> (SingletCouplings<f64>, PotentialParams, [f64; 3]) {
        table1_like_point()
    }

    /// The mu^2 relation without the remainder's coefficients has the bits of the one with them,
    /// on both field paths, at points where the remainder moves each of dV/dv_d and dV/dv_u
    /// (test `fixed_remainder_coefficients_equal_the_dual_number_ones`), with and without the
    /// sbottom/stau terms, and the relation is not trivially zero there; and at the random
    /// parameter sets with the remainder on where its coefficients are finite (where they are not,
    /// tachyonic messengers in its kernel, the full relation is NaN).
    #[test]
    fn mu2_relation_without_the_remainder_coefficients_is_bit_for_bit() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(36);
        let mut u = |lo: f64, hi: f64| rng.random_range(lo..hi);
        let mut finite = 0;
        for k in 0..200 {
            let (c, p, vevs) = random_set(k, &mut u);
            let Some(fixed) = fixed_remainder(&c, &p) else {
                continue;
            };
            let full = mu2_relation_with(VevPath::Real, vevs, &c, &p, &fixed);
            if full.is_finite() {
                assert_eq!(
                    full.to_bits(),
                    mu2_relation(vevs, &c, &p).to_bits(),
                    "set {k}"
                );
                finite += 1;
            }
        }
        assert!(finite > 50, "{finite} sets with a finite remainder");
        let (c0, p0, vevs0) = with_matching();
        let mut checked = 0;
        for (i, &xi_n) in [0.71, -0.3, 0.05, 1.4].iter().enumerate() {
            for (j, &(eta_s, eta_n)) in [(0.0, 0.0), (0.4, -1.2), (-0.02, 0.7)].iter().enumerate() {
                let c = SingletCouplings {
                    xi_n,
                    eta_s,
                    eta_n,
                    ..c0.clone()
                };
                let p = PotentialParams {
                    sbottom_stau: (j == 1).then(|| SbottomStau {
                        hb: 0.3,
                        htau: 0.2,
                        a_b: -800.0,
                        a_tau: -300.0,
                        m_d3: 6.9e5,
                        m_l3: 2.1e5,
                        m_e3: 1.2e5,
                    }),
                    ..p0.clone()
                };
                let vevs = [
                    vevs0[0] * (1.0 + 0.1 * i as f64),
                    vevs0[1],
                    vevs0[2] * (1.0 - 0.2 * j as f64),
                ];
                let fixed = fixed_remainder(&c, &p).expect("every remainder piece is on");
                for path in [VevPath::Real, VevPath::TenFields] {
                    let full = mu2_relation_with(path, vevs, &c, &p, &fixed);
                    let without = mu2_relation_on(path, vevs, &c, &p);
                    assert!(full != 0.0 && full.is_finite(), "{full} {without} {i} {j}");
                    assert_eq!(full.to_bits(), without.to_bits(), "{xi_n} {eta_s} {eta_n}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 24);
    }

    /// The coefficients computed once in f64 (stationarity, mass matrix, mu^2 relation) give what
    /// the coefficients computed inside the dual numbers give (the generic `potential_terms`), and
    /// the remainder is large enough that leaving it out would show.
    #[test]
    fn fixed_remainder_coefficients_equal_the_dual_number_ones() {
        let (c, p, vevs) = with_matching();
        let no_remainder = PotentialParams {
            matching: MessengerMatching::all(false),
            ..p.clone()
        };
        let generic_gradient = |p: &PotentialParams| {
            let (_, jac) = num_dual::jacobian(
                |w: SVector<num_dual::DualSVec64<3>, 3>| {
                    let terms = potential_terms(&vev_fields(w[0], w[1], w[2]), &c.lift(), p);
                    SVector::<_, 1>::new(terms.into_iter().sum())
                },
                &SVector::<f64, 3>::from(vevs),
            );
            [jac[(0, 0)], jac[(0, 1)], jac[(0, 2)]]
        };
        let st = stationarity(vevs, &c, &p);
        let g = generic_gradient(&p);
        let g0 = generic_gradient(&no_remainder);
        for i in 0..3 {
            let tol = 1e-12 * st.scale[i];
            assert!(
                (st.gradient[i] - g[i]).abs() < tol,
                "dV/dv_{i}: {} vs {}",
                st.gradient[i],
                g[i]
            );
            assert!(
                (g[i] - g0[i]).abs() > 1e3 * tol,
                "remainder in dV/dv_{i} too small to test"
            );
        }
        // mu^2 relation: v_d dV/dv_d - v_u dV/dv_u.
        let mu2 = mu2_relation(vevs, &c, &p);
        let expected = vevs[0] * g[0] - vevs[1] * g[1];
        let scale = vevs[0] * st.scale[0] + vevs[1] * st.scale[1];
        assert!(
            (mu2 - expected).abs() < 1e-12 * scale,
            "mu^2 relation {mu2} vs {expected}"
        );
        // Mass matrix: against the Hessian with the coefficients inside the dual numbers.
        let z = SVector::<f64, 10>::from(vev_fields(vevs[0], vevs[1], vevs[2]));
        let (_, _, h) = hessian(
            |w: SVector<num_dual::Dual2SVec64<10>, 10>| {
                let f: Fields<_> = std::array::from_fn(|i| w[i]);
                potential_terms(&f, &c.lift(), &p)
                    .into_iter()
                    .sum::<num_dual::Dual2SVec64<10>>()
            },
            &z,
        );
        let m = mass_matrix(vevs, &c, &p);
        let norm = m.abs().max();
        assert!(((h * 0.5) - m).abs().max() < 1e-12 * norm);
        let m0 = mass_matrix(vevs, &c, &no_remainder);
        assert!(
            (m - m0).abs().max() > 1e-6 * norm,
            "remainder in the mass matrix too small to test"
        );
    }
}
