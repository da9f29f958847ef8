//! One-loop pole masses of the gluino and of the first- and second-generation squarks
//! (docs/physics.md section 7), from the DR-bar running masses at Q. Formulas of Pierce, Bagger,
//! Matchev and Zhang, hep-ph/9606211 ("PBMZ"), appendix D, with its Passarino-Veltman functions
//! (appendix B) in DR-bar with the divergence dropped.
//!
//! * Gluino (PBMZ (D.44), third-family mixing term as in SOFTSUSY 4, which corrected its sign):
//!   `m_g = M_3 [1 + g_3^2/16pi^2 (15 + 9 ln(Q^2/M_3^2) - sum_{12 squarks} B_1(M_3, m_q, m_q~) +
//!   sum_{q = t, b} (m_q sin(2 theta_q)/M_3) (B_0(M_3, m_q, m_q~1) - B_0(M_3, m_q, m_q~2)))]`,
//!   with `sin(2 theta_q) = 2 R_11 R_12` from the SLHA mixing matrix (row 1 = lighter state).
//! * First two generations of squarks, SUSY QCD at `p^2 = m^2` (gluon, gluino-quark and squark
//!   tadpole loops, massless quarks): `m_pole^2 = m^2 - Pi(m^2)`,
//!   `Pi = (4/3) g_3^2/16pi^2 [2 G(p, M_3, 0) + F(p, m, 0) + A_0(m)]`, which at `p^2 = m^2` is the
//!   closed form `m_pole^2 = m^2 (1 + g_3^2/(6 pi^2) [1 + 3x + (x-1)^2 ln|x-1| - x^2 ln x +
//!   2x ln(Q^2/m^2)])`, `x = M_3^2/m^2` (PBMZ, as coded in SOFTSUSY). The electroweak
//!   corrections (a few per mille) are left out; stops and sbottoms stay running masses.
//!
//! The closed forms are tested against the PV composition with `B_0` integrated numerically over
//! its Feynman parameter, and against SOFTSUSY's pole masses (tests/gauge_softsusy.rs).

use std::f64::consts::PI;

use nalgebra::Complex;
use serde::Serialize;

use super::sfermion::{SfermionPair, Sfermions};

/// `A_0(m) = m^2 (1 - ln(m^2/Q^2))` (PBMZ (B.1), divergence dropped).
pub fn a0(m: f64, q: f64) -> f64 {
    let m2 = m * m;
    if m2 == 0.0 {
        return 0.0;
    }
    m2 * (1.0 - (m2 / (q * q)).ln())
}

/// Real part of `B_0(p, m1, m2) = -int_0^1 ln[(x m1^2 + (1-x) m2^2 - x(1-x) p^2 - i eps)/Q^2] dx`
/// (PBMZ (B.5)-(B.6), divergence dropped), accurate at every momentum:
///
/// * for `p^2 >= B0_SMALL_MOMENTUM max(m1^2, m2^2)` the closed form
///   `-ln(p^2/Q^2) - f_B(x+) - f_B(x-)`, `x± = (s ± sqrt(s^2 - 4 p^2 (m1^2 - i eps)))/(2 p^2)`,
///   `s = p^2 - m2^2 + m1^2`, `f_B(x) = ln(1 - x) - x ln(1 - 1/x) - 1`;
/// * below, `B_0(0) + p^2 E(p^2)` with the slope `E = (B_0(p) - B_0(0))/p^2` from its series in
///   `p^2` ([`b0_slope`]): the closed form's `x ln(1 - 1/x)` at `x ~ m^2/p^2` loses digits
///   (absolute error ~1e-16 m^2/p^2), and [`b1`] and [`b22`] multiply `E` by `m^2`.
///
/// `B_0(0) = 1 - ln(m2^2/Q^2) - ln(1 + r)/r`, `r = (m2^2 - m1^2)/m1^2` (`-ln(m^2/Q^2)` at equal
/// masses, `1 - ln(m^2/Q^2)` with one mass zero); `B_0(0; 0, 0)` is taken as 0.
pub fn b0(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let (p2, m12, m22, q2) = (p * p, m1 * m1, m2 * m2, q * q);
    b0_squared(p2, m12, m22, q2, || (m22 / q2).ln())
}

/// [`b0`] of the squared arguments, with `ln(m2^2/Q^2)` from `ln_m22` where it is needed.
fn b0_squared(p2: f64, m12: f64, m22: f64, q2: f64, ln_m22: impl FnOnce() -> f64) -> f64 {
    let big = m12.max(m22);
    if big == 0.0 && p2 == 0.0 {
        return 0.0;
    }
    if p2 == 0.0 {
        // `B_0(0) + 0 E`: the series is finite and positive, and `B_0(0)` is never -0.
        return b0_zero_momentum_with_ln(m12, m22, q2, ln_m22());
    }
    if p2 < B0_SMALL_MOMENTUM * big {
        b0_zero_momentum_with_ln(m12, m22, q2, ln_m22()) + p2 * slope_series(p2, m12, m22)
    } else {
        b0_closed_form(p2, m12, m22, q2)
    }
}

/// `ln(m^2/Q^2)`, the logarithm of [`b0_zero_with_ln`].
pub fn ln_mass2_over_q2(m: f64, q: f64) -> f64 {
    (m * m / (q * q)).ln()
}

/// `B_0(0; m1, m2)`, equal to `b0(0.0, m1, m2, q)` bit for bit, with `ln_m2 =`
/// [`ln_mass2_over_q2`]`(m2, q)` from the caller: a sum over pairs of a few masses (the Higgs
/// wave-function threshold of model::yukawa) takes each logarithm once.
pub fn b0_zero_with_ln(m1: f64, m2: f64, q: f64, ln_m2: f64) -> f64 {
    b0_zero_momentum_with_ln(m1 * m1, m2 * m2, q * q, ln_m2)
}

/// `p^2/max(m1^2, m2^2)` below which [`b0`] and [`b0_slope`] sum the series in `p^2` (there it
/// converges with ratio at most 5e-2 and the closed form would lose up to ~1e-13 of `E`).
const B0_SMALL_MOMENTUM: f64 = 5e-2;

/// `B_0(p)` and `E = (B_0(p) - B_0(0))/p^2` together, for `max(m1^2, m2^2) > 0` (arguments
/// squared): [`b1`] and [`b22`] need both.
fn b0_and_slope(p2: f64, m12: f64, m22: f64, q2: f64) -> (f64, f64) {
    b0_and_slope_with_ln(p2, m12, m22, q2, (m22 / q2).ln())
}

/// [`b0_and_slope`] with `ln(m2^2/Q^2)` given.
fn b0_and_slope_with_ln(p2: f64, m12: f64, m22: f64, q2: f64, ln_m22: f64) -> (f64, f64) {
    let zero = b0_zero_momentum_with_ln(m12, m22, q2, ln_m22);
    if p2 < B0_SMALL_MOMENTUM * m12.max(m22) {
        let e = slope_series(p2, m12, m22);
        (zero + p2 * e, e)
    } else {
        let at_p = b0_closed_form(p2, m12, m22, q2);
        (at_p, (at_p - zero) / p2)
    }
}

/// PBMZ (B.5)-(B.6) for `p^2 > 0` (module documentation of [`b0`]). B_0 is symmetric in the
/// masses: with `m1 <= m2` the root near 0 (`x+ x- = m1^2/p^2`) is taken from that product, not
/// from the cancelling difference `s - sqrt(...)`, and no root sits near 1 unless both masses are
/// far below `p`.
fn b0_closed_form(p2: f64, m12: f64, m22: f64, q2: f64) -> f64 {
    let (m12, m22) = (m12.min(m22), m12.max(m22));
    let scale = p2.max(m22);
    let s = p2 - m22 + m12;
    let m12_eps = Complex::new(m12, -1e-30 * scale);
    let disc = (Complex::new(s * s, 0.0) - 4.0 * p2 * m12_eps).sqrt();
    let large = if s >= 0.0 { s + disc } else { s - disc };
    let zero = Complex::new(0.0, 0.0);
    let (x1, x2) = if large == zero {
        // s = 0 and m1 = 0: the double root 0.
        (zero, zero)
    } else {
        let x1 = large / (2.0 * p2);
        (x1, m12_eps / (p2 * x1))
    };
    -(p2 / q2).ln() - (f_b_re(x1) + f_b_re(x2))
}

/// The real part of `f_B(x) = ln(1 - x) - x ln(1 - 1/x) - 1`, the only part B_0 takes: the
/// real part's own operations (`Re ln z = ln |z|` as num_complex's `ln` takes it), so the same
/// bits as `f_B(x).re` without the phase of `ln(1 - x)` (test `f_b_re_is_the_complex_real_part`).
fn f_b_re(x: Complex<f64>) -> f64 {
    let one = Complex::new(1.0, 0.0);
    let distance_to_one = (one - x).norm();
    // Limits f_B(0) = f_B(1) = -1 (the remainder is O(d ln d) in the distance d: nothing below
    // 1e-200, where 1/x could overflow).
    if x.norm() < 1e-200 || distance_to_one < 1e-200 {
        return -1.0;
    }
    distance_to_one.ln() - (x * (one - one / x).ln()).re - 1.0
}

/// `B_0(0; m1^2, m2^2)` (arguments squared) with `ln_m22 = ln(m2^2/Q^2)` (unused where
/// `m2 = 0`), written without the cancellation of `m1^2/(m1^2 - m2^2) ln(m2^2/m1^2)` at nearly
/// equal masses.
fn b0_zero_momentum_with_ln(m12: f64, m22: f64, q2: f64, ln_m22: f64) -> f64 {
    match (m12 == 0.0, m22 == 0.0) {
        (true, true) => 0.0,
        (true, false) => 1.0 - ln_m22,
        (false, true) => 1.0 - (m12 / q2).ln(),
        _ => {
            // ln(1 + r)/r, r = (m2^2 - m1^2)/m1^2, where r is small; ln(m2^2/m1^2) directly
            // where 1 + r would round (m2 << m1).
            let r = (m22 - m12) / m12;
            let ratio = if r.abs() < 0.5 {
                ln1p_ratio(r)
            } else {
                (m22 / m12).ln() / r
            };
            1.0 - ln_m22 - ratio
        }
    }
}

/// `ln(1 + y)/y` (1 at y = 0), for y > -1.
fn ln1p_ratio(y: f64) -> f64 {
    if y.abs() < 1e-8 {
        1.0 - 0.5 * y
    } else {
        y.ln_1p() / y
    }
}

/// `E = (B_0(p) - B_0(0))/p^2` for `p^2 < B0_SMALL_MOMENTUM max(m1^2, m2^2)` (arguments squared,
/// `max > 0`), from `-ln(1 - y) = sum_k y^k/k` under the Feynman-parameter integral,
/// `y = x(1-x) p^2/Delta_0`, `Delta_0 = x m1^2 + (1-x) m2^2`:
///
///   `E = sum_{k>=1} (p^2)^(k-1)/k I_k`,  `I_k = int_0^1 [x(1-x)/Delta_0]^k dx`.
///
/// With `h = max(m1^2, m2^2)`, `l = min/h` and `z = p^2/h`, `h^k I_k` depends on `l` alone and is
/// at most `1/(k+1)`, so the terms fall as `z^(k-1)/(k (k+1))`; the sum stops when that bound is
/// below 1e-17 (`I_1 >= 1/(6h)`, so 1e-16 relative). `h^k I_k` is
/// * `1/(k+1)` for `l = 0` (`Delta_0` linear through zero at an endpoint);
/// * for `l` in (0, 1/2), with `u = Delta_0/h`: `(1-l)^-(2k+1) int_l^1 (u-l)^k (1-u)^k u^-k du`
///   by a two-term recursion in k ([`separated_masses_series`], one logarithm);
/// * for `l >= 1/2` (where that prefactor would blow up) the integral of
///   `w sum_k (z w)^(k-1)/k`, `w = x(1-x) h/Delta_0`, by 16-point Gauss-Legendre: the integrand
///   is rational with its pole at least 1 away from [0, 1], which that rule integrates to
///   ~1e-19.
fn slope_series(p2: f64, m12: f64, m22: f64) -> f64 {
    let h = m12.max(m22);
    let l = m12.min(m22) / h;
    let z = p2 / h;
    // Number of terms: z^(k-1)/(k (k+1)) < 1e-17 for k = n + 1.
    let mut n = 1;
    let mut bound = 0.5;
    while n < SERIES_MAX_TERMS && bound >= 1e-17 {
        bound *= z * (n as f64) / (n + 2) as f64;
        if bound < 1e-17 {
            break;
        }
        n += 1;
    }
    // A lighter mass squared below 1e-20 of the heavier changes h^k I_k by O(l ln l) < 1e-18:
    // taken as zero (the recursion's ln l would also lose it).
    let sum = if l < 1e-20 {
        let mut zk = 1.0;
        (1..=n)
            .map(|k| {
                let t = zk / (k * (k + 1)) as f64;
                zk *= z;
                t
            })
            .sum::<f64>()
    } else if l < 0.5 {
        separated_masses_series(z, l, n)
    } else {
        close_masses_series(z, l, n)
    };
    sum / h
}

/// Largest number of terms [`slope_series`] takes (13 suffice at `z = 5e-2`).
const SERIES_MAX_TERMS: usize = 14;

/// `sum_{k=1..n} z^(k-1)/k h^k I_k` for `0 < l < 1/2` ([`slope_series`], analytic moments).
///
/// With `u = Delta_0/h` and `f(u) = (u - l)(1 - u)/u = 1 + l - u - l/u`, which vanishes at both
/// ends, `h^k I_k = J_k/(1-l)^(2k+1)` with `J_k = int_l^1 f^k du`, `K_k = int_l^1 f^k/u du`.
/// `int d(u f^k)/du = 0` and `f/u = (1 + l)/u - 1 - l/u^2` (with `int f^m/u^2 = J_m/l` from
/// `int d(f^(m+1))/du = 0`) give the recursions
/// `J_k = k [(1 + l) J_(k-1) - 2 l K_(k-1)]/(k + 1)`, `K_k = (1 + l) K_(k-1) - 2 J_(k-1)`,
/// from `J_0 = 1 - l`, `K_0 = -ln l`. They amplify rounding by at most `(1 + l)/(1 - sqrt(l))^2`
/// (17.5 at l = 1/2) a step, which the series weight `z^(k-1)` outruns.
fn separated_masses_series(z: f64, l: f64, n: usize) -> f64 {
    let d = 1.0 - l;
    let (mut j, mut k_moment) = (d, -l.ln());
    let (mut sum, mut zk, mut dk) = (0.0, 1.0, d);
    for k in 1..=n {
        let kf = k as f64;
        let j_next = kf * ((1.0 + l) * j - 2.0 * l * k_moment) / (kf + 1.0);
        k_moment = (1.0 + l) * k_moment - 2.0 * j;
        j = j_next;
        dk *= d * d;
        sum += zk / kf * j / dk;
        zk *= z;
    }
    sum
}

/// Sixteen-point Gauss-Legendre on [-1, 1]: the positive nodes and their weights.
const GAUSS_LEGENDRE_16: ([f64; 8], [f64; 8]) = (
    [
        0.095_012_509_837_637_44,
        0.281_603_550_779_258_9,
        0.458_016_777_657_227_4,
        0.617_876_244_402_643_7,
        0.755_404_408_355_003,
        0.865_631_202_387_831_7,
        0.944_575_023_073_232_6,
        0.989_400_934_991_649_9,
    ],
    [
        0.189_450_610_455_068_5,
        0.182_603_415_044_923_6,
        0.169_156_519_395_002_5,
        0.149_595_988_816_576_7,
        0.124_628_971_255_533_9,
        0.095_158_511_682_492_78,
        0.062_253_523_938_647_89,
        0.027_152_459_411_754_1,
    ],
);

/// `sum_{k=1..n} z^(k-1)/k h^k I_k` for `l >= 1/2` ([`slope_series`], Gauss-Legendre).
fn close_masses_series(z: f64, l: f64, n: usize) -> f64 {
    let (x_nodes, weights) = GAUSS_LEGENDRE_16;
    // The nodes on [0, 1], 0.5 (1 + x_i) then 0.5 (1 - x_i), evaluated side by side (the same
    // operations node by node as one at a time, in lanes the compiler can vectorise).
    let nodes: [f64; 16] = std::array::from_fn(|i| {
        if i < 8 {
            0.5 * (1.0 + x_nodes[i])
        } else {
            0.5 * (1.0 - x_nodes[i - 8])
        }
    });
    let w = nodes.map(|x| x * (1.0 - x) / (l + (1.0 - l) * x));
    let y = w.map(|w| z * w);
    // sum_{k=1..n} y^(k-1)/k by Horner.
    let mut s = [1.0 / n as f64; 16];
    for k in (1..n).rev() {
        let c = 1.0 / k as f64;
        for (s, y) in s.iter_mut().zip(y) {
            *s = *s * y + c;
        }
    }
    let integrand: [f64; 16] = std::array::from_fn(|i| w[i] * s[i]);
    0.5 * weights
        .iter()
        .enumerate()
        .map(|(i, w)| w * (integrand[i] + integrand[i + 8]))
        .sum::<f64>()
}

/// `B_1(p, m1, m2) = [A_0(m2) - A_0(m1) + (p^2 + m1^2 - m2^2) B_0(p, m1, m2)]/(2 p^2)` (PBMZ (B.4)),
/// evaluated as `[B_0(p) + (m1^2 - m2^2) E]/2` with `E = (B_0(p) - B_0(0))/p^2` (since
/// `A_0(m2) - A_0(m1) = (m2^2 - m1^2) B_0(0)`): the PBMZ form cancels `m^2`-sized terms over
/// `p^2`, while `E` comes from [`b0`]'s series where `p^2 << m^2`.
pub fn b1(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let (p2, m12, m22, q2) = (p * p, m1 * m1, m2 * m2, q * q);
    if m12 == m22 {
        return 0.5 * b0(p, m1, m2, q);
    }
    let (at_p, slope) = b0_and_slope(p2, m12, m22, q2);
    0.5 * (at_p + (m12 - m22) * slope)
}

/// `F(p, m1, m2) = A_0(m1) - 2 A_0(m2) - (2 p^2 + 2 m1^2 - m2^2) B_0(p, m1, m2)` (PBMZ (B.7)).
pub fn f_pv(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    a0(m1, q) - 2.0 * a0(m2, q) - (2.0 * p * p + 2.0 * m1 * m1 - m2 * m2) * b0(p, m1, m2, q)
}

/// `G(p, m1, m2) = (p^2 - m1^2 - m2^2) B_0(p, m1, m2) - A_0(m1) - A_0(m2)` (PBMZ (B.8)).
pub fn g_pv(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    (p * p - m1 * m1 - m2 * m2) * b0(p, m1, m2, q) - a0(m1, q) - a0(m2, q)
}

/// `B_22(p, m1, m2)` (PBMZ (B.10)): `(1/6) [ (A_0(m1) + A_0(m2))/2 + (m1^2 + m2^2 - p^2/2) B_0 +
/// (m2^2 - m1^2)/(2 p^2) (A_0(m2) - A_0(m1) - (m2^2 - m1^2) B_0) + m1^2 + m2^2 - p^2/3 ]`, the
/// `g^{mu nu}` coefficient of the two-point tensor integral; its Feynman-parameter form is
/// `(1/2) int_0^1 Delta (1 - ln(Delta/Q^2)) dx`, `Delta = x m1^2 + (1-x) m2^2 - x(1-x) p^2`.
/// The third term is written as `-(m2^2 - m1^2)^2 E/2` with `E = (B_0(p) - B_0(0))/p^2` (since
/// `A_0(m2) - A_0(m1) = (m2^2 - m1^2) B_0(0)`), `E` from [`b0`]'s series where `p^2 << m^2`: the
/// 1/p^2 of the closed form would otherwise cancel to nothing for multi-TeV masses at p = M_Z.
pub fn b22(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let (p2, m12, m22, q2) = (p * p, m1 * m1, m2 * m2, q * q);
    if m12.max(m22) == 0.0 && p2 == 0.0 {
        return 0.0;
    }
    let dm2 = m22 - m12;
    let (b0p, mixed) = if dm2 == 0.0 {
        (b0(p, m1, m2, q), 0.0)
    } else {
        let (at_p, slope) = b0_and_slope(p2, m12, m22, q2);
        (at_p, dm2 * dm2 * slope)
    };
    (0.5 * (a0(m1, q) + a0(m2, q)) + (m12 + m22 - 0.5 * p2) * b0p - 0.5 * mixed + m12 + m22
        - p2 / 3.0)
        / 6.0
}

/// `B~_22(p, m1, m2) = B_22 - (A_0(m1) + A_0(m2))/4` (PBMZ (B.12)).
pub fn b22_bar(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    b22(p, m1, m2, q) - 0.25 * (a0(m1, q) + a0(m2, q))
}

/// `H(p, m1, m2) = 4 B_22 + G(p, m1, m2)` (PBMZ (B.11)).
pub fn h_pv(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    4.0 * b22(p, m1, m2, q) + g_pv(p, m1, m2, q)
}

/// `E(p) = (B_0(p, m1, m2) - B_0(0, m1, m2))/p^2`, independent of Q, and at `p = 0` the slope
/// `dB_0/dp^2(0) = int_0^1 x(1-x)/(x m1^2 + (1-x) m2^2) dx`: the series of [`b0`] below
/// `p^2 = 5e-2 max(m1^2, m2^2)` (symmetric in the masses bit for bit there), the closed-form
/// difference above. NaN for `m1 = m2 = 0` (`B_0(0; 0, 0)` is infrared divergent).
pub fn b0_slope(p: f64, m1: f64, m2: f64) -> f64 {
    let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
    let big = m12.max(m22);
    if big == 0.0 {
        return f64::NAN;
    }
    if p2 < B0_SMALL_MOMENTUM * big {
        // The series alone, as b0_and_slope takes it, without its unused B_0(0).
        return slope_series(p2, m12, m22);
    }
    // Q cancels in the difference; Q^2 = max(m1^2, m2^2) keeps the logarithms small.
    b0_and_slope(p2, m12, m22, big).1
}

/// `(B_0(p, m1, m2), B_1(p, m1, m2))` together, equal to [`b0`] and [`b1`] (bit for bit) at the
/// cost of one: the self-energies that take both with the same arguments.
pub fn b0_b1(p: f64, m1: f64, m2: f64, q: f64) -> (f64, f64) {
    b0_b1_given_ln(p, m1, m2, q, || ln_mass2_over_q2(m2, q))
}

/// [`b0_b1`] bit for bit with `ln_m2 =` [`ln_mass2_over_q2`]`(m2, q)` from the caller: the
/// self-energies of model::yukawa sum over the inos with each sfermion (its logarithm once).
pub fn b0_b1_with_ln(p: f64, m1: f64, m2: f64, q: f64, ln_m2: f64) -> (f64, f64) {
    b0_b1_given_ln(p, m1, m2, q, || ln_m2)
}

fn b0_b1_given_ln(p: f64, m1: f64, m2: f64, q: f64, ln_m2: impl FnOnce() -> f64) -> (f64, f64) {
    let (p2, m12, m22, q2) = (p * p, m1 * m1, m2 * m2, q * q);
    if m12 == m22 {
        let at_p = b0_squared(p2, m12, m22, q2, ln_m2);
        return (at_p, 0.5 * at_p);
    }
    let (at_p, slope) = b0_and_slope_with_ln(p2, m12, m22, q2, ln_m2());
    (at_p, 0.5 * (at_p + (m12 - m22) * slope))
}

/// A left-right mixed squark pair of the third family: quark mass, the two squark masses
/// (ascending) and `sin(2 theta)` from the SLHA mixing (row 1 = lighter state).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MixedSquarks {
    pub m_quark: f64,
    pub masses: [f64; 2],
    pub sin_2theta: f64,
}

/// Everything the gluino pole mass needs, at the scale `q` [GeV].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GluinoInputs {
    /// M_3(Q) (positive in this program's convention).
    pub m3: f64,
    /// g_3(Q), DR-bar.
    pub g3: f64,
    pub q: f64,
    /// First/second-generation squark masses (u_L, u_R, d_L, d_R), the same for both generations.
    pub light_squarks: [f64; 4],
    pub stops: MixedSquarks,
    pub sbottoms: MixedSquarks,
}

/// The one-loop gluino pole mass (module documentation).
pub fn gluino_pole_mass(inp: &GluinoInputs) -> f64 {
    let (m3, q) = (inp.m3, inp.q);
    let p = m3.abs();
    let mut delta = 15.0 + 9.0 * (q * q / (p * p)).ln();
    // Two light generations, massless quarks.
    for &m in &inp.light_squarks {
        delta -= 2.0 * b1(p, 0.0, m, q);
    }
    for sq in [&inp.stops, &inp.sbottoms] {
        let [m1, m2] = sq.masses;
        delta -= b1(p, sq.m_quark, m1, q) + b1(p, sq.m_quark, m2, q);
        delta +=
            sq.m_quark * sq.sin_2theta / m3 * (b0(p, sq.m_quark, m1, q) - b0(p, sq.m_quark, m2, q));
    }
    m3 * (1.0 + delta * inp.g3 * inp.g3 / (16.0 * PI * PI))
}

/// The one-loop SUSY-QCD pole mass of a first- or second-generation squark of running mass
/// `m_squark` at `q` (module documentation, closed form at `p^2 = m^2`). NaN for `m^2 <= 0`.
pub fn light_squark_pole_mass(m_squark: f64, m3: f64, g3: f64, q: f64) -> f64 {
    let m2 = m_squark * m_squark;
    // NaN and non-positive masses alike.
    if m_squark.is_nan() || m_squark <= 0.0 {
        return f64::NAN;
    }
    let x = m3 * m3 / m2;
    let xm1 = x - 1.0;
    let log_term = if xm1.abs() < 1e-12 {
        0.0
    } else {
        xm1 * xm1 * xm1.abs().ln()
    };
    let delta = g3 * g3 / (6.0 * PI * PI)
        * (1.0 + 3.0 * x + log_term - x * x * x.ln() + 2.0 * x * (q * q / m2).ln());
    (m2 * (1.0 + delta)).sqrt()
}

/// The pole masses of one solution [GeV].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PoleMasses {
    pub gluino: f64,
    pub sup_l: f64,
    pub sup_r: f64,
    pub sdown_l: f64,
    pub sdown_r: f64,
}

/// The pole masses from the gluino inputs (whose `light_squarks` are the running masses).
pub fn pole_masses(inp: &GluinoInputs) -> PoleMasses {
    let sq = |m: f64| light_squark_pole_mass(m, inp.m3, inp.g3, inp.q);
    let [ul, ur, dl, dr] = inp.light_squarks;
    PoleMasses {
        gluino: gluino_pole_mass(inp),
        sup_l: sq(ul),
        sup_r: sq(ur),
        sdown_l: sq(dl),
        sdown_r: sq(dr),
    }
}

/// The gluino inputs of a solution: running M_3 and g_3 at `q`, the tree-level running squark
/// masses of [`Sfermions`] (a tachyonic state enters at zero mass), the top and bottom masses
/// `[m_t, m_b]` of the mixing terms.
pub fn gluino_inputs(m3: f64, g3: f64, q: f64, sf: &Sfermions, quarks: [f64; 2]) -> GluinoInputs {
    let m = |m2: f64| m2.max(0.0).sqrt();
    let mixed = |pair: &SfermionPair, m_quark: f64| MixedSquarks {
        m_quark,
        masses: pair.mass2.map(m),
        sin_2theta: 2.0 * pair.mixing[0][0] * pair.mixing[0][1],
    };
    GluinoInputs {
        m3,
        g3,
        q,
        light_squarks: [sf.sup_l2, sf.sup_r2, sf.sdown_l2, sf.sdown_r2].map(m),
        stops: mixed(&sf.stop, quarks[0]),
        sbottoms: mixed(&sf.sbottom, quarks[1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `int_0^1 f(x, Delta(x)) dx`, `Delta = x m1^2 + (1-x) m2^2 - x(1-x) p^2`, by tanh-sinh
    /// quadrature split at the zeros of Delta (integrable log singularities there and at the ends).
    fn feynman_integral(p: f64, m1: f64, m2: f64, f: &dyn Fn(f64, f64) -> f64) -> f64 {
        let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
        let delta = |x: f64| x * m12 + (1.0 - x) * m22 - x * (1.0 - x) * p2;
        let g = |x: f64| f(x, delta(x));
        // Zeros of p^2 x^2 + (m1^2 - m2^2 - p^2) x + m2^2.
        let (a, b, c) = (p2, m12 - m22 - p2, m22);
        let mut cuts = vec![0.0, 1.0];
        let d = b * b - 4.0 * a * c;
        if a > 0.0 && d > 0.0 {
            for r in [(-b - d.sqrt()) / (2.0 * a), (-b + d.sqrt()) / (2.0 * a)] {
                if r > 0.0 && r < 1.0 {
                    cuts.push(r);
                }
            }
        }
        cuts.sort_by(f64::total_cmp);
        cuts.windows(2).map(|w| tanh_sinh(&g, w[0], w[1])).sum()
    }

    /// Re B_0 by its Feynman-parameter integral `-int_0^1 ln|Delta|/Q^2 dx`.
    fn b0_numeric(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
        feynman_integral(p, m1, m2, &|_, d| -(d.abs() / (q * q)).ln())
    }

    /// Tanh-sinh quadrature on [a, b] (handles the endpoint log singularities).
    fn tanh_sinh(f: &dyn Fn(f64) -> f64, a: f64, b: f64) -> f64 {
        let h2 = (b - a) / 2.0;
        let h = 1.0 / 64.0;
        let mut sum = 0.0;
        for k in -400..=400 {
            let t = k as f64 * h;
            let u = PI / 2.0 * t.sinh();
            let x = u.tanh();
            let w = PI / 2.0 * t.cosh() / u.cosh().powi(2);
            // Distance to the nearer end computed without the rounding of c + h2 x near it.
            let xx = if x < 0.0 {
                a + h2 / ((-u).exp() * u.cosh())
            } else {
                b - h2 / (u.exp() * u.cosh())
            };
            let fx = f(xx);
            // Nodes that round onto an endpoint (a zero of the argument) carry no weight.
            if xx <= a || xx >= b || !fx.is_finite() {
                continue;
            }
            sum += w * fx;
        }
        sum * h * h2
    }

    /// [`b0_b1`] is [`b0`] and [`b1`] bit for bit, over the momentum sweep.
    #[test]
    fn b0_b1_is_b0_and_b1() {
        let q = 900.0;
        for (m1, m2) in MASS_PAIRS.into_iter().chain([(0.0, 0.0)]) {
            for r in MOMENTUM_RATIOS.into_iter().chain([0.0]) {
                let p = (r * (m1 * m1).max(m2 * m2).max(1.0)).sqrt();
                let (b0_value, b1_value) = b0_b1(p, m1, m2, q);
                assert_eq!(
                    b0_value.to_bits(),
                    b0(p, m1, m2, q).to_bits(),
                    "{p} {m1} {m2}"
                );
                assert_eq!(
                    b1_value.to_bits(),
                    b1(p, m1, m2, q).to_bits(),
                    "{p} {m1} {m2}"
                );
            }
        }
    }

    /// [`b0_zero_with_ln`] is `b0(0, ...)` bit for bit, and [`b0_slope`] below the series switch
    /// is symmetric in the masses bit for bit (the callers that share them rely on both).
    #[test]
    fn zero_momentum_forms_are_b0_bit_for_bit() {
        let q = 900.0;
        for (m1, m2) in MASS_PAIRS.into_iter().chain([(0.0, 0.0), (-300.0, 1e-9)]) {
            let ln_m2 = ln_mass2_over_q2(m2, q);
            assert_eq!(
                b0_zero_with_ln(m1, m2, q, ln_m2).to_bits(),
                b0(0.0, m1, m2, q).to_bits(),
                "{m1} {m2}"
            );
            for r in [0.0, 1e-8, 1e-3, 0.0499] {
                let p = (r * (m1 * m1).max(m2 * m2)).sqrt();
                assert_eq!(
                    b0_slope(p, m1, m2).to_bits(),
                    b0_slope(p, m2, m1).to_bits(),
                    "{p} {m1} {m2}"
                );
            }
        }
    }

    /// [`f_b_re`] is the real part of the complex `f_B` bit for bit: real roots with the small
    /// imaginary part of the `-i eps` (below threshold), complex pairs (above), the limits.
    #[test]
    fn f_b_re_is_the_complex_real_part() {
        let f_b = |x: Complex<f64>| {
            let one = Complex::new(1.0, 0.0);
            if x.norm() < 1e-200 || (one - x).norm() < 1e-200 {
                return -one;
            }
            (one - x).ln() - x * (one - one / x).ln() - one
        };
        for (re, im) in [
            (0.37, -1e-31),
            (2.8, 3e-29),
            (-4.2, -1e-30),
            (1e-9, 0.0),
            (0.5, 0.8),
            (0.5, -0.8),
            (1.0 - 1e-12, 1e-20),
            (0.0, 0.0),
            (1.0, 0.0),
        ] {
            let x = Complex::new(re, im);
            assert_eq!(f_b_re(x).to_bits(), f_b(x).re.to_bits(), "{x}");
        }
    }

    /// [`close_masses_series`], its nodes side by side, equals the nodes one at a time bit for
    /// bit (the form it replaced), over the mass ratios and term counts it sees.
    #[test]
    fn close_masses_series_nodes_side_by_side_are_one_at_a_time() {
        let one_at_a_time = |z: f64, l: f64, n: usize| {
            let (x_nodes, weights) = GAUSS_LEGENDRE_16;
            let integrand = |x: f64| {
                let w = x * (1.0 - x) / (l + (1.0 - l) * x);
                let y = z * w;
                let mut s = 1.0 / n as f64;
                for k in (1..n).rev() {
                    s = s * y + 1.0 / k as f64;
                }
                w * s
            };
            0.5 * x_nodes
                .iter()
                .zip(weights)
                .map(|(&x, w)| w * (integrand(0.5 * (1.0 + x)) + integrand(0.5 * (1.0 - x))))
                .sum::<f64>()
        };
        for l in [0.5, 0.73, 0.999, 1.0] {
            for (z, n) in [(0.0, 1), (1e-6, 2), (0.03, 10), (0.0499, SERIES_MAX_TERMS)] {
                assert_eq!(
                    close_masses_series(z, l, n).to_bits(),
                    one_at_a_time(z, l, n).to_bits(),
                    "l {l}, z {z}, n {n}"
                );
            }
        }
    }

    /// [`b0_b1_with_ln`] is [`b0_b1`] bit for bit, over the momentum sweep.
    #[test]
    fn b0_b1_with_ln_is_b0_b1() {
        let q = 900.0;
        for (m1, m2) in MASS_PAIRS.into_iter().chain([(0.0, 0.0)]) {
            for r in MOMENTUM_RATIOS.into_iter().chain([0.0]) {
                let p = (r * (m1 * m1).max(m2 * m2).max(1.0)).sqrt();
                let (b0_value, b1_value) = b0_b1(p, m1, m2, q);
                let (b0_ln, b1_ln) = b0_b1_with_ln(p, m1, m2, q, ln_mass2_over_q2(m2, q));
                assert_eq!(b0_ln.to_bits(), b0_value.to_bits(), "{p} {m1} {m2}");
                assert_eq!(b1_ln.to_bits(), b1_value.to_bits(), "{p} {m1} {m2}");
            }
        }
    }

    /// Mass pairs (m1, m2) at m = 1000 GeV for the momentum sweeps: unequal, nearly equal, equal,
    /// one massless, one tiny, and both orders.
    const MASS_PAIRS: [(f64, f64); 9] = [
        (1000.0, 300.0),
        (300.0, 1000.0),
        (1000.0, 800.0),
        (1000.0, 999.0),
        (1000.0, 1000.0),
        (1000.0, 0.0),
        (0.0, 1000.0),
        (1000.0, 1e-3),
        (1000.0, 650.0),
    ];

    /// p^2/max(m1^2, m2^2) from 1e-12 to 1e4, both sides of the series switch at 5e-2 and of the
    /// thresholds.
    const MOMENTUM_RATIOS: [f64; 12] = [
        1e-12, 1e-8, 1e-5, 1e-3, 0.0499, 0.0501, 0.1, 0.7, 2.5, 5.0, 1e2, 1e4,
    ];

    /// B_0 over the whole momentum range against its Feynman-parameter integral, to 1e-12 of the
    /// size of its terms (1 + |B_0|), Q off the masses; and its massless and p = 0 forms.
    #[test]
    fn b0_matches_the_feynman_parameter_integral_at_every_momentum() {
        let q = 800.0;
        for (m1, m2) in MASS_PAIRS {
            for r in MOMENTUM_RATIOS {
                let p = (r * (m1 * m1).max(m2 * m2)).sqrt();
                let got = b0(p, m1, m2, q);
                let numeric = b0_numeric(p, m1, m2, q);
                assert!(
                    (got - numeric).abs() < 1e-12 * (1.0 + numeric.abs()),
                    "B0({p}, {m1}, {m2}): {got}, numeric {numeric}"
                );
            }
        }
        for (p, m1, m2) in [
            (650.0, 0.0, 950.0),
            (650.0, 165.0, 800.0),
            (650.0, 165.0, 400.0),
            (900.0, 0.0, 900.0),
            (100.0, 700.0, 900.0),
            (500.0, 0.0, 0.0),
            (400.0, 640.0, 0.0),
            (400.0, 400.0, 0.0),
            (91.19, 1.0e6, 1.3e6),
            (91.19, 1.0e6, 1.0e6 + 1.0),
        ] {
            let (got, numeric) = (b0(p, m1, m2, q), b0_numeric(p, m1, m2, q));
            assert!(
                (got - numeric).abs() < 1e-12 * (1.0 + numeric.abs()),
                "B0({p}, {m1}, {m2}): {got}, numeric {numeric}"
            );
        }
        // p = 0: 1 - ln(m^2/Q^2) with one mass zero, -ln(m^2/Q^2) at equal masses, 0 for none.
        assert!((b0(0.0, 0.0, 500.0, q) - (1.0 - (500.0f64 / q).powi(2).ln())).abs() < 1e-15);
        assert!((b0(0.0, 500.0, 500.0, q) + (500.0f64 / q).powi(2).ln()).abs() < 1e-15);
        assert_eq!(b0(0.0, 0.0, 0.0, q), 0.0);
    }

    /// The slope E = (B_0(p) - B_0(0))/p^2 against the quadrature of its own integral
    /// `int_0^1 -ln(1 - y)/p^2 dx`, `y = x(1-x) p^2/Delta_0` (ln_1p: no cancellation), to 1e-12
    /// relative, below threshold; and at p = 0 the derivative `int x(1-x)/Delta_0`.
    #[test]
    fn b0_slope_matches_its_feynman_parameter_integral() {
        for (m1, m2) in MASS_PAIRS {
            for r in [0.0, 1e-12, 1e-8, 1e-5, 1e-3, 0.0499, 0.0501, 0.1, 0.7] {
                let (m12, m22) = (m1 * m1, m2 * m2);
                let p2 = r * m12.max(m22);
                let p = p2.sqrt();
                let numeric = feynman_integral(0.0, m1, m2, &|x, delta0| {
                    let w = x * (1.0 - x) / delta0;
                    if p2 == 0.0 {
                        w
                    } else {
                        -(-w * p2).ln_1p() / p2
                    }
                });
                let got = b0_slope(p, m1, m2);
                assert!(
                    (got - numeric).abs() < 1e-12 * numeric,
                    "E({p}, {m1}, {m2}): {got}, numeric {numeric}"
                );
            }
        }
        assert!(b0_slope(10.0, 0.0, 0.0).is_nan());
    }

    /// The two sides of each switch agree: the series and the closed form at
    /// p^2 = 5e-2 max(m^2) (B_0 to 1e-13 of 1 + |B_0|, its slope to 1e-12), and the analytic and
    /// Gauss-Legendre moments up to the switch at l = 1/2 (both are exact there) to 1e-14.
    #[test]
    fn b0_branches_agree_at_their_switches() {
        let q2 = 700.0f64.powi(2);
        for (m1, m2) in MASS_PAIRS {
            let (m12, m22) = (m1 * m1, m2 * m2);
            let p2 = B0_SMALL_MOMENTUM * m12.max(m22);
            let zero = b0_zero_momentum_with_ln(m12, m22, q2, (m22 / q2).ln());
            let series = slope_series(p2, m12, m22);
            let closed = b0_closed_form(p2, m12, m22, q2);
            let via_series = zero + p2 * series;
            assert!(
                (via_series - closed).abs() < 1e-13 * (1.0 + closed.abs()),
                "B0 at the switch ({m1}, {m2}): series {via_series}, closed {closed}"
            );
            let closed_slope = (closed - zero) / p2;
            assert!(
                (series - closed_slope).abs() < 1e-12 * series,
                "E at the switch ({m1}, {m2}): series {series}, closed {closed_slope}"
            );
        }
        for l in [0.3, 0.45, 0.5] {
            for z in [1e-9, 1e-4, 1e-2, 5e-2] {
                let n = SERIES_MAX_TERMS;
                let (a, b) = (
                    separated_masses_series(z, l, n),
                    close_masses_series(z, l, n),
                );
                assert!((a - b).abs() < 1e-14 * b, "l = {l}, z = {z}: {a} vs {b}");
            }
        }
        // The massless limit of the lighter mass: l = 1e-19 analytic against l = 0.
        let (a, b) = (slope_series(1e-6, 1.0, 1e-19), slope_series(1e-6, 1.0, 0.0));
        assert!((a - b).abs() < 1e-15 * b, "{a} vs {b}");
    }

    /// Re B_22 by its Feynman-parameter integral `(1/2) int_0^1 Delta (1 - ln|Delta|/Q^2)`,
    /// against [`b22`] from p = M_Z with masses from 0 to 10^6 GeV (where a closed form's 1/p^2
    /// would cancel to nothing) and over the momentum sweep, to 1e-13 of the terms' size.
    #[test]
    fn b22_matches_the_feynman_parameter_integral() {
        let b22_numeric = |p: f64, m1: f64, m2: f64, q: f64| {
            feynman_integral(p, m1, m2, &|_, d| {
                if d == 0.0 {
                    0.0
                } else {
                    0.5 * d * (1.0 - (d.abs() / (q * q)).ln())
                }
            })
        };
        let q = 800.0;
        let mut cases = vec![
            (91.19, 91.19, 125.0),
            (91.19, 0.0, 0.0),
            (91.19, 0.0, 173.0),
            (91.19, 80.4, 80.4),
            (91.19, 300.0, 310.0),
            (91.19, 1500.0, 1800.0),
            (91.19, 0.0, 2000.0),
            (91.19, 2.0e4, 2.2e4),
            (91.19, 1.0e6, 1.3e6),
            (91.19, 1.0e6, 1.0e6 + 1.0),
            (650.0, 165.0, 400.0),
            (1200.0, 300.0, 500.0),
            (400.0, 0.0, 640.0),
            (0.0, 300.0, 500.0),
            (0.0, 0.0, 500.0),
        ];
        for (m1, m2) in MASS_PAIRS {
            for r in MOMENTUM_RATIOS {
                cases.push(((r * (m1 * m1).max(m2 * m2)).sqrt(), m1, m2));
            }
        }
        for (p, m1, m2) in cases {
            let got = b22(p, m1, m2, q);
            let numeric = b22_numeric(p, m1, m2, q);
            // Relative to the size of the terms (m^2 ln): the quadrature's own rounding.
            let size = (p * p + m1 * m1 + m2 * m2)
                * (1.0 + ((m1 * m1 + m2 * m2 + p * p) / (q * q)).ln().abs());
            assert!(
                (got - numeric).abs() < 1e-13 * size,
                "B22({p}, {m1}, {m2}): {got}, numeric {numeric}"
            );
        }
        // The combinations of PBMZ (B.11), (B.12).
        let (p, m1, m2) = (91.19, 300.0, 450.0);
        assert_eq!(
            h_pv(p, m1, m2, q),
            4.0 * b22(p, m1, m2, q) + g_pv(p, m1, m2, q)
        );
        assert_eq!(
            b22_bar(p, m1, m2, q),
            b22(p, m1, m2, q) - 0.25 * (a0(m1, q) + a0(m2, q))
        );
    }

    /// B_1 by its Feynman-parameter integral `-int_0^1 x ln|x m2^2 + (1-x) m1^2 - x(1-x) p^2|/Q^2`
    /// (the B_0 integrand with x -> 1 - x), from p^2 = 1e-12 m^2 to 1e4 m^2 and at the small
    /// momenta of the Yukawa thresholds (p = 1 GeV against 45 TeV), to 1e-12 of 1 + |B_0| +
    /// |(m1^2 - m2^2) E| (the terms of `[B_0 + (m1^2 - m2^2) E]/2`).
    #[test]
    fn b1_matches_the_feynman_parameter_integral_at_every_momentum() {
        let q = 800.0;
        let mut cases = vec![
            (1.0, 7600.0, 45000.0, 45000.0),
            (1.0, 45000.0, 7600.0, 45000.0),
            (1.0, 0.0, 40000.0, 30000.0),
            (1.0, 40000.0, 0.0, 30000.0),
            (1.0, 40000.0, 40001.0, 30000.0),
            (1.0, 40000.0, 40000.0, 30000.0),
            (150.0, 300.0, 20000.0, 500.0),
            (173.0, 900.0, 1200.0, 1000.0),
            (600.0, 700.0, 900.0, 800.0),
        ];
        for (m1, m2) in MASS_PAIRS {
            for r in MOMENTUM_RATIOS {
                cases.push(((r * (m1 * m1).max(m2 * m2)).sqrt(), m1, m2, q));
            }
        }
        for (p, m1, m2, q) in cases {
            let got = b1(p, m1, m2, q);
            let numeric =
                feynman_integral(p, m1, m2, &|x, d| -(1.0 - x) * (d.abs() / (q * q)).ln());
            let size =
                1.0 + b0(p, m1, m2, q).abs() + (m1 * m1 - m2 * m2).abs() * b0_slope(p, m1, m2);
            assert!(
                (got - numeric).abs() < 1e-12 * size,
                "B1({p}, {m1}, {m2}; Q = {q}): {got}, numeric {numeric}"
            );
        }
    }

    #[test]
    fn squark_closed_form_is_the_pv_composition_at_p_equal_m() {
        let (g3, q) = (1.07, 820.0);
        for (m, m3) in [
            (900.0, 640.0),
            (400.0, 640.0),
            (640.0, 640.0),
            (1500.0, 300.0),
        ] {
            let pi = 4.0 / 3.0 * g3 * g3 / (16.0 * PI * PI)
                * (2.0 * g_pv(m, m3, 0.0, q) + f_pv(m, m, 0.0, q) + a0(m, q));
            let expected = (m * m - pi).sqrt();
            let got = light_squark_pole_mass(m, m3, g3, q);
            assert!(
                (got - expected).abs() < 1e-8 * m,
                "m = {m}, M3 = {m3}: closed {got}, PV {expected}"
            );
        }
    }

    #[test]
    fn gluino_correction_reduces_to_the_degenerate_limit() {
        // All squarks at M_3 = Q, massless quarks, no mixing: B_1(p, 0, p) = 1/2 at Q = p, so
        // delta = 15 - 12/2 = 9.
        let m3 = 700.0;
        let g3 = 1.05;
        let massless = MixedSquarks {
            m_quark: 0.0,
            masses: [m3, m3],
            sin_2theta: 0.3,
        };
        let inp = GluinoInputs {
            m3,
            g3,
            q: m3,
            light_squarks: [m3; 4],
            stops: massless,
            sbottoms: massless,
        };
        let expected = m3 * (1.0 + 9.0 * g3 * g3 / (16.0 * PI * PI));
        assert!((gluino_pole_mass(&inp) - expected).abs() < 1e-9 * m3);
        assert!((b1(m3, 0.0, m3, m3) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn gluino_mixing_term_is_invariant_under_relabelling_the_mixed_states() {
        let base = GluinoInputs {
            m3: 650.0,
            g3: 1.07,
            q: 850.0,
            light_squarks: [950.0, 920.0, 955.0, 915.0],
            stops: MixedSquarks {
                m_quark: 165.0,
                masses: [800.0, 900.0],
                sin_2theta: 0.5,
            },
            sbottoms: MixedSquarks {
                m_quark: 2.9,
                masses: [880.0, 930.0],
                sin_2theta: -0.4,
            },
        };
        let swapped = GluinoInputs {
            stops: MixedSquarks {
                masses: [900.0, 800.0],
                sin_2theta: -0.5,
                ..base.stops
            },
            ..base
        };
        let (a, b) = (gluino_pole_mass(&base), gluino_pole_mass(&swapped));
        assert!((a - b).abs() < 1e-10 * a);
        // The mixing term is there: flipping sin(2 theta) alone changes the mass.
        let flipped = GluinoInputs {
            stops: MixedSquarks {
                sin_2theta: -0.5,
                ..base.stops
            },
            ..base
        };
        assert!((gluino_pole_mass(&flipped) - a).abs() > 1e-3);
    }
}
