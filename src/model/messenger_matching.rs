//! Exact one-loop messenger matching of the N sector (docs/physics.md section 4b).
//!
//! Owns: the threshold function `h(x) = artanh(x)/x` of the messenger-generated A-terms, the
//! leading A_lambda and A_k at M (with the A_k sign switch), and the remainder of the one-loop
//! messenger Coleman-Weinberg potential that the soft terms do not carry, as an extra term of V
//! at the EWSB scale (called from `model::potential`).
//!
//! The messengers `Phi, Phibar` (one `5 + 5bar`, five components) see, from
//! `W ⊃ (xi_S S + xi_N N) Phi Phibar` and the printed `V_F`, a supersymmetric mass
//! `X = xi_S y + xi_N N` and a holomorphic B-term `B = xi_S F^_S + xi_N F^_N` with
//! `F^_S = F_S + lambda_S H_u H_d - eta_N N^2/2 - eta_S y N` and
//! `F^_N = lambda_N H_u H_d - k N^2 - eta_S y^2/2 - eta_N y N` (the printed F-terms). Their scalar
//! masses squared are `|X|^2 ± |B|`, the fermion mass `|X|`, so the one-loop potential (DR-bar,
//! matched at `Q = M = xi_S y`) is
//!
//! `V_1 = K G(a, b)`, `K = 5/(32 pi^2)`, `a = |X|^2`, `b = |B|`,
//! `G = sum_± (a ± b)^2 (ln((a ± b)/Q^2) - 3/2) - 2 a^2 (ln(a/Q^2) - 3/2)`.
//!
//! Its Taylor coefficients in the light fields `z = N`, `h = H_u H_d` (paper convention) at
//! `z = h = 0` follow from the chain rule in `a` and `u = b^2 = B B^*` (both polynomials in
//! `z, z^*, h, h^*`) and the closed-form derivatives of G at `x = b/a`: exact in x and in every
//! superpotential coupling. With lambda_S = eta = 0 they reproduce the leading entries of
//! docs/physics.md section 4: `A_lambda = -5 h(x) alpha_xi Lambda/4pi`, `A_k = -3 A_lambda`
//! (paper convention), the F-even `E = (5 xi_N^3/16pi^2) M x^2/(3(1-x^2))`, the tadpole
//! `5 g(x) xi_S xi_N F_S^2/(16 pi^2 y)` and the one-loop `m_N^2`.
//!
//! Division of labour (each piece behind its switch of [`MessengerMatching`]):
//! * the leading A-terms (lambda_S = eta = 0) are boundary values at M and run to Q
//!   ([`a_terms_at_messenger`]);
//! * the tadpole (eta = 0) and `m_N^2` stay where they were (`model::boundary`);
//! * everything else — the lambda_S and eta parts of the `N H_u H_d`, `N^3` and tadpole
//!   coefficients, E, the non-holomorphic `N^* H_u H_d`, `N^2 N^*` and the `H_u H_d`-linear
//!   (B_mu-like) term — is added to V at Q with
//!   the couplings at Q ([`potential_remainder`]); below M, xi_N and xi_S do not run and the
//!   etas run slowly, so this neglects only the running of one-loop thresholds (a two-loop
//!   leading-log effect).
//!
//! Not generated (docs/physics.md section 4, known omissions): the holomorphic `N^2` soft term and
//! the one-loop supersymmetric `N^2` mass.

use std::f64::consts::PI;

use num_dual::DualNum;

use crate::config::{Form, MessengerMatching};
use crate::model::potential::{FieldValue, RefOps, SingletCouplings};

/// `h(x) = artanh(x)/x` = 1 + x^2/3 + x^4/5 + ...; h(0) = 1. Even in x, defined for |x| < 1.
pub fn threshold_h(x: f64) -> f64 {
    if x.abs() < 0.25 {
        // sum_{m>=0} x^(2m)/(2m+1): 30 terms leave < 0.25^60 relative.
        let x2 = x * x;
        (0..30)
            .rev()
            .fold(0.0, |acc, m| acc * x2 + 1.0 / (2 * m + 1) as f64)
    } else {
        x.atanh() / x
    }
}

/// The leading messenger A-terms at M in the program's uniform convention (docs/physics.md
/// section 1: soft trilinear = monomial of `W' = -W_HMZ` times coupling times a), from the
/// paper-convention values `A_lambda = -5 alpha_xi (Lambda/4pi) h`,
/// `A_k = -15 alpha_xi (Lambda/4pi) h` (printed sign) or `+15 ...` (derived, `a_k_sign`), with
/// `h = h(x_mess)` under `matching.a_terms_h` and 1 otherwise. Returns `(a_lambda, a_k)`.
pub fn a_terms_at_messenger(
    xi_n: f64,
    lambda_susy: f64,
    x_mess: f64,
    a_k_sign: Form,
    matching: &MessengerMatching,
) -> (f64, f64) {
    let h = if matching.a_terms_h {
        threshold_h(x_mess)
    } else {
        1.0
    };
    // Written in the order of the printed formulas (the hmz1999 goldens are bit-exact).
    let alpha_xi = xi_n * xi_n / (4.0 * PI);
    let l4 = lambda_susy / (4.0 * PI);
    let a_lambda_paper = -5.0 * alpha_xi * l4 * h;
    let a_k_paper = match a_k_sign {
        Form::Printed => -15.0 * alpha_xi * l4 * h,
        Form::Derived => 15.0 * alpha_xi * l4 * h,
    };
    (
        crate::model::params::a_lambda_from_paper(a_lambda_paper),
        crate::model::params::a_k_from_paper(a_k_paper),
    )
}

/// The spurion and messenger mass of a point: `<S> = y`, `F_S`, `xi_S` [GeV, GeV^2, 1];
/// `M = xi_S y`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spurion {
    pub y: f64,
    pub f_s: f64,
    pub xi_s: f64,
}

/// Which couplings the messenger B-term sees (the switches of the pieces).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Included {
    pub lambda_s: bool,
    pub eta: bool,
}

/// Wirtinger derivatives of the one-loop messenger potential at `N = H_u H_d = 0`
/// (`V_1 ⊃ d_z N + d_h H_u H_d + d_zh N H_u H_d + d_zbh N^* H_u H_d + d_zzz N^3/6
/// + d_zzzb N^2 N^*/2 + h.c.`) [GeV^3, GeV^2, GeV, GeV, GeV, GeV].
#[derive(Clone, Debug, PartialEq)]
pub struct Coefficients<D> {
    pub d_z: D,
    pub d_h: D,
    pub d_zh: D,
    pub d_zbh: D,
    pub d_zzz: D,
    pub d_zzzb: D,
}

impl Coefficients<f64> {
    /// As constants of a dual type (all derivatives zero).
    pub fn lift<D: DualNum<f64>>(&self) -> Coefficients<D> {
        Coefficients {
            d_z: D::from(self.d_z),
            d_h: D::from(self.d_h),
            d_zh: D::from(self.d_zh),
            d_zbh: D::from(self.d_zbh),
            d_zzz: D::from(self.d_zzz),
            d_zzzb: D::from(self.d_zzzb),
        }
    }
}

/// Derivatives of G(a, u = b^2) at Q^2 = a (module header), up to third order.
struct Kernel<D> {
    ga: D,
    gu: D,
    gaa: D,
    gau: D,
    guu: D,
    gaaa: D,
    gaau: D,
    gauu: D,
    guuu: D,
}

impl<D: DualNum<f64>> Kernel<D> {
    /// `b > 0` and `b < a` (non-tachyonic messengers).
    fn at(a: D, b: D) -> Self {
        let x = b.clone() / &a;
        let lp = x.clone().ln_1p();
        let lm = (-x).ln_1p();
        let (ap, am) = (a.clone() + &b, a.clone() - &b);
        // Derivatives in (a, b) with L_0 = ln(a/Q^2) = 0.
        let g_a = a.clone() * (lp.clone() + &lm) * 2.0 + b.clone() * (lp.clone() - &lm) * 2.0;
        let g_b = a.clone() * (lp.clone() - &lm) * 2.0 + b.clone() * (lp.clone() + &lm) * 2.0
            - b.clone() * 4.0;
        let g_aa = (lp.clone() + &lm) * 2.0;
        let g_ab = (lp.clone() - &lm) * 2.0;
        let g_bb = g_aa.clone();
        let (ip, im, ia) = (ap.recip() * 2.0, am.recip() * 2.0, a.recip() * 4.0);
        let g_aaa = ip.clone() + &im - ia;
        let g_aab = ip.clone() - &im;
        let g_abb = ip.clone() + &im;
        let g_bbb = g_aab.clone();
        // To u = b^2: d/du = (1/2b) d/db.
        let b2 = b.clone() * &b;
        let b3 = b2.clone() * &b;
        let b5 = b3.clone() * &b2;
        Self {
            ga: g_a,
            gu: g_b.clone() / (b.clone() * 2.0),
            gaa: g_aa,
            gau: g_ab.clone() / (b.clone() * 2.0),
            guu: (g_bb.clone() * &b - &g_b) / (b3.clone() * 4.0),
            gaaa: g_aaa,
            gaau: g_aab / (b.clone() * 2.0),
            gauu: (g_abb * &b - &g_ab) / (b3 * 4.0),
            guuu: (g_bbb * &b2 - g_bb * &b * 3.0 + g_b * 3.0) / (b5 * 8.0),
        }
    }
}

/// The Wirtinger coefficients of the exact one-loop messenger potential (module header) for
/// the given couplings, with lambda_S and the etas in the B-term only where `inc` says so.
pub fn coefficients<D: DualNum<f64>>(
    c: &SingletCouplings<D>,
    s: &Spurion,
    inc: Included,
) -> Coefficients<D> {
    let b = b_term(c, s, inc);
    let k = b.kernel(s);
    coefficients_from(c, s, b, &k)
}

/// `B(z, h) = b0 + bz z + bh h + bzz z^2` (exact, holomorphic) of the couplings `c`.
struct BTerm<D> {
    b0: D,
    bz: D,
    bh: D,
    bzz: D,
}

impl<D: DualNum<f64>> BTerm<D> {
    /// The kernel at `a = M^2`, `b = |b0|`. Without the etas `b0 = xi_S F_S` whatever the
    /// couplings, so the bare coefficients share it (`remainder_coefficients`).
    fn kernel(&self, s: &Spurion) -> Kernel<D> {
        let m = s.xi_s * s.y;
        Kernel::at(D::from(m * m), self.b0.clone().abs())
    }
}

fn b_term<D: DualNum<f64>>(c: &SingletCouplings<D>, s: &Spurion, inc: Included) -> BTerm<D> {
    let zero = D::from(0.0);
    let xi = c.xi_n.clone();
    let (b0, bz, bzz) = if inc.eta {
        (
            xi.clone() * (-0.5 * s.y * s.y) * &c.eta_s + s.xi_s * s.f_s,
            (c.eta_s.clone() * s.xi_s + xi.clone() * &c.eta_n) * (-s.y),
            c.eta_n.clone() * (-0.5 * s.xi_s) - xi.clone() * &c.k,
        )
    } else {
        (D::from(s.xi_s * s.f_s), zero.clone(), -(xi.clone() * &c.k))
    };
    let bh = if inc.lambda_s {
        c.lambda_s.clone() * s.xi_s + xi.clone() * &c.lambda_n
    } else {
        xi.clone() * &c.lambda_n
    };
    BTerm { b0, bz, bh, bzz }
}

/// [`coefficients`] from the B-term of `c` and its kernel (`b.kernel(s)`).
fn coefficients_from<D: DualNum<f64>>(
    c: &SingletCouplings<D>,
    s: &Spurion,
    BTerm { b0, bz, bh, bzz }: BTerm<D>,
    k: &Kernel<D>,
) -> Coefficients<D> {
    let m = s.xi_s * s.y;
    let xi = c.xi_n.clone();
    // a = |X|^2 = m^2 + xi m (z + z*) + xi^2 z z*; u = B B* (couplings real).
    let az = xi.clone() * m;
    let azzb = xi.clone() * &xi;
    let uz = bz.clone() * &b0;
    let uzz = bzz.clone() * &b0 * 2.0;
    let uh = bh.clone() * &b0;
    let uzzb = bz.clone() * &bz;
    let uzbh = bh * &bz;
    let uzzzb = bzz * &bz * 2.0;
    let kk = 5.0 / (32.0 * PI * PI);

    let d_z = (k.ga.clone() * &az + k.gu.clone() * &uz) * kk;
    let d_h = k.gu.clone() * &uh * kk;
    let d_zh = (k.gau.clone() * &az + k.guu.clone() * &uz) * &uh * kk;
    let d_zbh = ((k.gau.clone() * &az + k.guu.clone() * &uz) * &uh + k.gu.clone() * &uzbh) * kk;
    // d^3/dz^3 with a_zz = u_zzz = 0.
    let d_zzz = (k.gaaa.clone() * az.powi(3)
        + k.gaau.clone() * az.powi(2) * &uz * 3.0
        + k.gauu.clone() * &az * uz.powi(2) * 3.0
        + k.guuu.clone() * uz.powi(3)
        + k.gau.clone() * &az * &uzz * 3.0
        + k.guu.clone() * &uz * &uzz * 3.0)
        * kk;
    // d/dz* of V_zz = G_aa a_z^2 + 2 G_au a_z u_z + G_uu u_z^2 + G_u u_zz
    // (a_z* = a_z, u_z* = u_z for real couplings).
    let d_zzzb = ((k.gaaa.clone() * &az + k.gaau.clone() * &uz) * az.powi(2)
        + k.gaa.clone() * &az * &azzb * 2.0
        + (k.gaau.clone() * &az + k.gauu.clone() * &uz) * &az * &uz * 2.0
        + k.gau.clone() * (azzb.clone() * &uz + az.clone() * &uzzb) * 2.0
        + (k.gauu.clone() * &az + k.guuu.clone() * &uz) * uz.powi(2)
        + k.guu.clone() * &uz * &uzzb * 2.0
        + (k.gau.clone() * &az + k.guu.clone() * &uz) * &uzz
        + k.gu.clone() * &uzzzb)
        * kk;
    Coefficients {
        d_z,
        d_h,
        d_zh,
        d_zbh,
        d_zzz,
        d_zzzb,
    }
}

/// The part of the one-loop messenger potential that neither the soft terms at M nor the
/// tadpole carry (module header), per switch: the lambda_S and eta parts of `d_z`, `d_zh`,
/// `d_zzz` (plus 6E in `d_zzz` for `n_cubed_even`), the full non-holomorphic `d_zbh`,
/// `d_zzzb` (for `non_holomorphic`) and the full `d_h` (for `huhd_linear`).
pub fn remainder_coefficients<D: DualNum<f64>>(
    c: &SingletCouplings<D>,
    s: &Spurion,
    sw: &MessengerMatching,
) -> Coefficients<D> {
    let zero = || D::from(0.0);
    let mut r = Coefficients {
        d_z: zero(),
        d_h: zero(),
        d_zh: zero(),
        d_zbh: zero(),
        d_zzz: zero(),
        d_zzzb: zero(),
    };
    if !any_remainder(sw) {
        return r;
    }
    let bare_inc = Included {
        lambda_s: false,
        eta: false,
    };
    let inc = Included {
        lambda_s: sw.lambda_s,
        eta: sw.eta,
    };
    let full = coefficients(c, s, inc);
    let bare_b = b_term(c, s, bare_inc);
    let bare_kernel = bare_b.kernel(s);
    let bare = coefficients_from(c, s, bare_b, &bare_kernel);
    r.d_z = full.d_z - bare.d_z;
    r.d_zh = full.d_zh - bare.d_zh;
    r.d_zzz = full.d_zzz - bare.d_zzz;
    if sw.n_cubed_even {
        // The bare N^3 coefficient without its k-part (the leading A_k of the soft terms): 6E.
        let no_k = SingletCouplings {
            k: zero(),
            ..c.clone()
        };
        let no_k_b = b_term(&no_k, s, bare_inc);
        r.d_zzz += coefficients_from(&no_k, s, no_k_b, &bare_kernel).d_zzz;
    }
    if sw.non_holomorphic {
        r.d_zbh = full.d_zbh;
        r.d_zzzb = full.d_zzzb;
    }
    if sw.huhd_linear {
        r.d_h = full.d_h;
    }
    r
}

/// Whether any piece of [`remainder_coefficients`] is switched on.
pub fn any_remainder(sw: &MessengerMatching) -> bool {
    sw.lambda_s || sw.eta || sw.n_cubed_even || sw.non_holomorphic || sw.huhd_linear
}

/// [`remainder_coefficients`] as a term of V at complex `N`, `H_u H_d` (real and imaginary
/// parts) [GeV^4]: `2 Re[d_z N + d_zh N H_u H_d + d_zzz N^3/6 + d_zbh N^* H_u H_d
/// + d_zzzb N^2 N^*/2 + d_h H_u H_d]` (all coefficients real).
pub fn potential_remainder<D: DualNum<f64>, C: FieldValue<D>>(
    n: &C,
    huhd: &C,
    c: &SingletCouplings<D>,
    s: &Spurion,
    sw: &MessengerMatching,
) -> D
where
    for<'a> &'a D: RefOps<D>,
{
    if !any_remainder(sw) {
        return D::from(0.0);
    }
    remainder_from_coefficients(n, huhd, remainder_coefficients(c, s, sw))
}

/// [`potential_remainder`] from its coefficients (computed once in f64 where the couplings are
/// not differentiated: they depend on the couplings and the spurion, never on the fields).
pub fn remainder_from_coefficients<D: DualNum<f64>, C: FieldValue<D>>(
    n: &C,
    huhd: &C,
    r: Coefficients<D>,
) -> D
where
    for<'a> &'a D: RefOps<D>,
{
    // Borrowed operands and in-place sums (potential::RefOps): no copy of a dual.
    let (nr, hr) = (n.re(), huhd.re());
    // Re(N H), Re(N^3), Re(N^* H), Re(N^2 N^*) = |N|^2 Re N.
    let re_nh = n.re_mul(huhd);
    let re_n3 = n.re_cube();
    let re_nbh = n.re_dot(huhd);
    let n2 = n.norm2();
    let mut v = r.d_z * nr;
    v += r.d_zh * re_nh;
    v += r.d_zzz * re_n3 * (1.0 / 6.0);
    v += r.d_zbh * re_nbh;
    v += r.d_zzzb * n2 * nr * 0.5;
    v += r.d_h * hr;
    v * 2.0
}

/// The coefficient of `2 Re(H_u H_d)` in [`potential_remainder`] at real `N = x` [GeV^2]:
/// `(d_zh + d_zbh) x + d_h`; the remainder's contribution to B_mu is minus this
/// (V ⊃ -2 B_mu v_u v_d).
pub fn huhd_remainder(
    c: &SingletCouplings<f64>,
    s: &Spurion,
    sw: &MessengerMatching,
    x: f64,
) -> f64 {
    let r = remainder_coefficients(c, s, sw);
    (r.d_zh + r.d_zbh) * x + r.d_h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bare N^3 coefficient without k from the bare coefficients' kernel equals the one
    /// computed from scratch bit for bit (value and derivatives), at 50 coupling sets.
    #[test]
    fn the_bare_kernel_serves_the_coefficient_without_k() {
        let bare = Included {
            lambda_s: false,
            eta: false,
        };
        let mut seed = 12345u64;
        let mut uniform = |lo: f64, hi: f64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            lo + (hi - lo) * (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..50 {
            let (y, lambda) = (uniform(3.8e4, 1e5), uniform(0.1, 0.9));
            let s = Spurion {
                y,
                f_s: lambda * y * y,
                xi_s: uniform(0.9, 1.1),
            };
            let c = SingletCouplings {
                xi_n: uniform(-1.0, 1.0),
                eta_s: uniform(-1e-3, 1e-3),
                eta_n: uniform(-2.0, 2.0),
                lambda_s: uniform(1e-3, 1e-2),
                lambda_n: uniform(0.0, 1.0),
                k: uniform(0.0, 0.65),
            };
            let c3: SingletCouplings<num_dual::Dual2SVec64<3>> = SingletCouplings {
                xi_n: num_dual::Dual2SVec64::from_re(c.xi_n).derivative(0),
                eta_s: num_dual::Dual2SVec64::from_re(c.eta_s).derivative(1),
                eta_n: num_dual::Dual2SVec64::from_re(c.eta_n).derivative(2),
                ..c.lift()
            };
            fn check<D: DualNum<f64> + std::fmt::Debug>(
                c: &SingletCouplings<D>,
                s: &Spurion,
                bare: Included,
            ) {
                let no_k = SingletCouplings {
                    k: D::from(0.0),
                    ..c.clone()
                };
                let shared = b_term(c, s, bare).kernel(s);
                let reused = coefficients_from(&no_k, s, b_term(&no_k, s, bare), &shared);
                let fresh = coefficients(&no_k, s, bare);
                assert_eq!(format!("{reused:?}"), format!("{fresh:?}"));
            }
            check(&c, &s, bare);
            check(&c3, &s, bare);
        }
    }

    #[test]
    fn threshold_h_series_and_closed_form_agree() {
        for &x in &[0.0, 1e-6, 0.1, 0.2499, 0.25, 0.5, 77.0 / 97.0] {
            let exact = if x == 0.0 { 1.0 } else { f64::atanh(x) / x };
            assert!((threshold_h(x) - exact).abs() < 1e-15 * exact, "x = {x}");
        }
        // h(77/97) = 1.36 (docs/physics.md section 4).
        assert_eq!((threshold_h(77.0 / 97.0) * 100.0).round(), 136.0);
    }
}
