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

/// Real part of `B_0(p, m1, m2)` (PBMZ (B.5)-(B.6)): `-ln(p^2/Q^2) - f_B(x+) - f_B(x-)`,
/// `x± = (s ± sqrt(s^2 - 4 p^2 (m1^2 - i eps)))/(2 p^2)`, `s = p^2 - m2^2 + m1^2`,
/// `f_B(x) = ln(1 - x) - x ln(1 - 1/x) - 1`; at `p = 0` the limit
/// `1 - ln(m2^2/Q^2) + m1^2/(m1^2 - m2^2) ln(m2^2/m1^2)` (and its equal-mass and zero-mass forms).
pub fn b0(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let (p2, m12, m22, q2) = (p * p, m1 * m1, m2 * m2, q * q);
    let scale = p2.max(m12).max(m22);
    if p2 <= 1e-12 * scale {
        return b0_zero_momentum(m12, m22, q2);
    }
    let s = p2 - m22 + m12;
    let eps = Complex::new(0.0, -1e-30 * scale);
    let disc = (Complex::new(s * s, 0.0) - 4.0 * p2 * (Complex::new(m12, 0.0) + eps)).sqrt();
    let xp = (s + disc) / (2.0 * p2);
    let xm = (s - disc) / (2.0 * p2);
    -(p2 / q2).ln() - (f_b(xp) + f_b(xm)).re
}

fn f_b(x: Complex<f64>) -> Complex<f64> {
    let one = Complex::new(1.0, 0.0);
    // Limits f_B(0) = f_B(1) = -1 (the remainder is O(d ln d) in the distance d; below 1e-12
    // it is under 3e-11).
    if x.norm() < 1e-12 || (one - x).norm() < 1e-12 {
        return -one;
    }
    (one - x).ln() - x * (one - one / x).ln() - one
}

fn b0_zero_momentum(m12: f64, m22: f64, q2: f64) -> f64 {
    match (m12 == 0.0, m22 == 0.0) {
        (true, true) => 0.0,
        (true, false) => 1.0 - (m22 / q2).ln(),
        (false, true) => 1.0 - (m12 / q2).ln(),
        _ if (m12 - m22).abs() < 1e-10 * m12.max(m22) => -(m12 / q2).ln(),
        _ => 1.0 - (m22 / q2).ln() + m12 / (m12 - m22) * (m22 / m12).ln(),
    }
}

/// `B_1(p, m1, m2) = [A_0(m2) - A_0(m1) + (p^2 + m1^2 - m2^2) B_0(p, m1, m2)]/(2 p^2)` (PBMZ (B.4)).
///
/// That form cancels `m^2`-sized terms to leave an O(1) result over `p^2`: its rounding error grows
/// as `eps (m^2/p^2)^2` (a unit error at p = 1 GeV and 40 TeV masses). Below
/// `p^2 = B1_SMALL_MOMENTUM max(m1^2, m2^2)` the first two terms of the expansion in `p^2`,
/// [`b1_small_momentum`], are used instead (truncation error O((p^2/m^2)^2), 1e-8 at the switch).
pub fn b1(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let p2 = p * p;
    let scale = (m1 * m1).max(m2 * m2);
    if p2 <= B1_SMALL_MOMENTUM * scale {
        return b1_small_momentum(p2, m1 * m1, m2 * m2, q * q);
    }
    (a0(m2, q) - a0(m1, q) + (p2 + m1 * m1 - m2 * m2) * b0(p, m1, m2, q)) / (2.0 * p2)
}

/// `p^2/max(m1^2, m2^2)` below which [`b1`] uses its small-momentum expansion.
const B1_SMALL_MOMENTUM: f64 = 1e-4;

/// `B_1(p^2; m1^2, m2^2) ~ B_1(0) + p^2 B_1'(0)` from the Feynman-parameter form
/// `B_1 = -int_0^1 x ln[(x m2^2 + (1 - x) m1^2 - x (1 - x) p^2)/Q^2] dx`: with
/// `D(x) = m1^2 + (m2^2 - m1^2) x` and `J_n = int_0^1 x^n/D dx`, integration by parts gives
/// `B_1(0) = -ln(m2^2/Q^2)/2 + (m2^2 - m1^2) J_2/2` and `B_1'(0) = J_2 - J_3` (arguments are masses
/// squared; `max(m1^2, m2^2) > 0`).
fn b1_small_momentum(p2: f64, m12: f64, m22: f64, q2: f64) -> f64 {
    if m22 == 0.0 {
        // D = m1^2 (1 - x): B_1(0) = -ln(m1^2/Q^2)/2 + 3/4, B_1'(0) = 1/(3 m1^2).
        return -0.5 * (m12 / q2).ln() + 0.75 + p2 / (3.0 * m12);
    }
    let j = feynman_moments(m12, m22);
    -0.5 * (m22 / q2).ln() + 0.5 * (m22 - m12) * j[2] + p2 * (j[2] - j[3])
}

/// `J_n = int_0^1 x^n/(a + d x) dx`, n = 0..3, with `a = m1^2 >= 0`, `b = m2^2 > 0`, `d = b - a`.
/// Upward recursion `J_{n+1} = (1/(n+1) - a J_n)/d` where `|d| >= a/2` (it amplifies rounding by
/// `a/|d| <= 2` a step), else the geometric series in `-d/a` (ratio below 1/2).
fn feynman_moments(a: f64, b: f64) -> [f64; 4] {
    let d = b - a;
    let mut j = [0.0; 4];
    if a == 0.0 {
        // x^n/(b x): J_n = 1/(n b) for n >= 1 (J_0 diverges and is not used).
        for (n, jn) in j.iter_mut().enumerate().skip(1) {
            *jn = 1.0 / (n as f64 * b);
        }
    } else if d.abs() >= 0.5 * a {
        j[0] = (b / a).ln() / d;
        for n in 0..3 {
            j[n + 1] = (1.0 / (n + 1) as f64 - a * j[n]) / d;
        }
    } else {
        // 1/(a + d x) = sum_k (-d/a)^k x^k / a: J_n = sum_k (-d/a)^k / ((n + k + 1) a).
        let r = -d / a;
        for (n, jn) in j.iter_mut().enumerate() {
            let (mut term, mut sum) = (1.0, 0.0);
            for k in 0..60 {
                sum += term / (n + k + 1) as f64;
                term *= r;
                if term.abs() < 1e-18 {
                    break;
                }
            }
            *jn = sum / a;
        }
    }
    j
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
/// `A_0(m2) - A_0(m1) = (m2^2 - m1^2) B_0(0)`), and for `p^2` below 1 % of the larger mass squared
/// `E = int_0^1 (x(1-x)/Delta_0) ln(1+y)/y dx`, `y = -x(1-x) p^2/Delta_0`, is integrated (ten
/// five-point Gauss-Legendre panels): the 1/p^2 of the closed form would otherwise cancel to
/// nothing for multi-TeV masses at p = M_Z.
pub fn b22(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
    let big = m12.max(m22);
    if big == 0.0 && p2 == 0.0 {
        return 0.0;
    }
    let b0p = b0_accurate(p, m1, m2, q);
    let dm2 = m22 - m12;
    let mixed = if dm2 == 0.0 {
        0.0
    } else if p2 < 1e-2 * big {
        dm2 * dm2 * b0_slope(p2, m12, m22)
    } else {
        dm2 * dm2 * (b0p - b0(0.0, m1, m2, q)) / p2
    };
    (0.5 * (a0(m1, q) + a0(m2, q)) + (m12 + m22 - 0.5 * p2) * b0p - 0.5 * mixed + m12 + m22
        - p2 / 3.0)
        / 6.0
}

/// [`b0`] accurate for `p^2` far below the masses: there the closed form's `x ln(1 - 1/x)` at
/// `x ~ m^2/p^2` loses digits (absolute error ~ 1e-16 m^2/p^2, 1e-8 at m = 10^6 GeV and p = M_Z,
/// which B_22 multiplies by m^2). For `p^2` below 1 % of the larger mass squared this takes
/// `B_0(0) + p^2 (B_0(p) - B_0(0))/p^2` with the slope by quadrature ([`b0_slope`]); above, [`b0`].
/// (`b0` itself keeps its form: its callers take p ~ m_t with TeV masses, where it is exact to
/// ~1e-12.)
pub fn b0_accurate(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
    if p2 < 1e-2 * m12.max(m22) {
        // B_0(0) = 1 - ln(m2^2/Q^2) - ln(1 + r)/r, r = (m2^2 - m1^2)/m1^2: no cancellation
        // for nearly equal masses (b0_zero_momentum's m1^2/(m1^2 - m2^2) ln(m2^2/m1^2) loses
        // ~1e-16/r).
        let b0_zero = if m12 == 0.0 || m22 == 0.0 {
            b0_zero_momentum(m12, m22, q * q)
        } else {
            1.0 - (m22 / (q * q)).ln() - ln1p_ratio((m22 - m12) / m12)
        };
        b0_zero + p2 * b0_slope(p2, m12, m22)
    } else {
        b0(p, m1, m2, q)
    }
}

/// `(B_0(p) - B_0(0))/p^2 = int_0^1 (x(1-x)/Delta_0) ln(1+y)/y dx`, `y = -x(1-x) p^2/Delta_0`,
/// `Delta_0 = x m1^2 + (1-x) m2^2`, for `p^2` well below the larger mass squared ([`b22`],
/// [`b0_accurate`]), by Gauss-Legendre quadrature of a smooth integrand.
fn b0_slope(p2: f64, m12: f64, m22: f64) -> f64 {
    // Five-point Gauss-Legendre nodes and weights on [-1, 1].
    const X: [f64; 5] = [
        0.0,
        0.538_469_310_105_683_1,
        -0.538_469_310_105_683_1,
        0.906_179_845_938_664,
        -0.906_179_845_938_664,
    ];
    const W: [f64; 5] = [
        0.568_888_888_888_888_9,
        0.478_628_670_499_366_5,
        0.478_628_670_499_366_5,
        0.236_926_885_056_189_1,
        0.236_926_885_056_189_1,
    ];
    const PANELS: usize = 10;
    let f = |x: f64| {
        let w = x * (1.0 - x);
        let delta0 = x * m12 + (1.0 - x) * m22;
        w / delta0 * ln1p_ratio(-w * p2 / delta0)
    };
    let h = 1.0 / PANELS as f64;
    (0..PANELS)
        .map(|k| {
            let c = (k as f64 + 0.5) * h;
            X.iter()
                .zip(W)
                .map(|(&x, w)| w * f(c + 0.5 * h * x))
                .sum::<f64>()
                * 0.5
                * h
        })
        .sum()
}

/// `ln(1 + y)/y` (1 at y = 0), for y > -1.
fn ln1p_ratio(y: f64) -> f64 {
    if y.abs() < 1e-8 {
        1.0 - 0.5 * y
    } else {
        y.ln_1p() / y
    }
}

/// `B~_22(p, m1, m2) = B_22 - (A_0(m1) + A_0(m2))/4` (PBMZ (B.12)).
pub fn b22_bar(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    b22(p, m1, m2, q) - 0.25 * (a0(m1, q) + a0(m2, q))
}

/// `H(p, m1, m2) = 4 B_22 + G(p, m1, m2)` (PBMZ (B.11)).
pub fn h_pv(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
    4.0 * b22(p, m1, m2, q) + g_pv(p, m1, m2, q)
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

    /// Re B_0 by its Feynman-parameter integral `-int_0^1 ln|x m1^2 + (1-x) m2^2 - x(1-x) p^2|/Q^2`,
    /// adaptive Simpson split at the zeros of the argument (integrable log singularities).
    fn b0_numeric(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
        let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
        let arg = |x: f64| x * m12 + (1.0 - x) * m22 - x * (1.0 - x) * p2;
        let f = |x: f64| -(arg(x).abs() / (q * q)).ln();
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
        cuts.windows(2).map(|w| tanh_sinh(&f, w[0], w[1])).sum()
    }

    /// Tanh-sinh quadrature on [a, b] (handles the endpoint log singularities).
    fn tanh_sinh(f: &dyn Fn(f64) -> f64, a: f64, b: f64) -> f64 {
        let (c, h2) = ((a + b) / 2.0, (b - a) / 2.0);
        let h = 1.0 / 64.0;
        let mut sum = 0.0;
        for k in -400..=400 {
            let t = k as f64 * h;
            let u = PI / 2.0 * t.sinh();
            let x = u.tanh();
            let w = PI / 2.0 * t.cosh() / u.cosh().powi(2);
            let xx = c + h2 * x;
            let fx = f(xx);
            // Nodes that round onto an endpoint (a zero of the argument) carry no weight.
            if xx <= a || xx >= b || !fx.is_finite() {
                continue;
            }
            sum += w * fx;
        }
        sum * h * h2
    }

    #[test]
    fn b0_closed_form_matches_the_feynman_parameter_integral() {
        let q = 800.0;
        // Below, at and above thresholds; zero masses; p = 0 limits.
        let cases = [
            (650.0, 0.0, 950.0),
            (650.0, 165.0, 800.0),
            (650.0, 165.0, 400.0),
            (900.0, 0.0, 900.0),
            (1200.0, 300.0, 500.0),
            (100.0, 700.0, 900.0),
            (0.0, 300.0, 500.0),
            (0.0, 0.0, 500.0),
            (500.0, 0.0, 0.0),
            (400.0, 640.0, 0.0),
            (400.0, 0.0, 640.0),
            (400.0, 400.0, 0.0),
            (400.0, 0.0, 400.0),
        ];
        for (p, m1, m2) in cases {
            let closed = b0(p, m1, m2, q);
            let numeric = b0_numeric(p, m1, m2, q);
            assert!(
                (closed - numeric).abs() < 1e-8 * (1.0 + numeric.abs()),
                "B0({p}, {m1}, {m2}): closed {closed}, numeric {numeric}"
            );
        }
    }

    /// Re B_22 by its Feynman-parameter integral `(1/2) int_0^1 Delta (1 - ln|Delta|/Q^2)`
    /// (split at the zeros of Delta as for B_0), against [`b22`] in both of its branches: the
    /// closed form and the quadrature of `(B_0(p) - B_0(0))/p^2` (p = M_Z with masses from 0 to
    /// 10^6 GeV, where the closed form's 1/p^2 would cancel to nothing).
    #[test]
    fn b22_matches_the_feynman_parameter_integral() {
        let b22_numeric = |p: f64, m1: f64, m2: f64, q: f64| {
            let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
            let delta = |x: f64| x * m12 + (1.0 - x) * m22 - x * (1.0 - x) * p2;
            let f = |x: f64| {
                let d = delta(x);
                if d == 0.0 {
                    0.0
                } else {
                    0.5 * d * (1.0 - (d.abs() / (q * q)).ln())
                }
            };
            let (a, b, c) = (p2, m12 - m22 - p2, m22);
            let mut cuts = vec![0.0, 1.0];
            let disc = b * b - 4.0 * a * c;
            if a > 0.0 && disc > 0.0 {
                for r in [
                    (-b - disc.sqrt()) / (2.0 * a),
                    (-b + disc.sqrt()) / (2.0 * a),
                ] {
                    if r > 0.0 && r < 1.0 {
                        cuts.push(r);
                    }
                }
            }
            cuts.sort_by(f64::total_cmp);
            cuts.windows(2)
                .map(|w| tanh_sinh(&f, w[0], w[1]))
                .sum::<f64>()
        };
        let q = 800.0;
        let cases = [
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
        for (p, m1, m2) in cases {
            let accurate = b0_accurate(p, m1, m2, q);
            let numeric_b0 = b0_numeric(p, m1, m2, q);
            assert!(
                (accurate - numeric_b0).abs() < 1e-12 * (1.0 + numeric_b0.abs()),
                "B0({p}, {m1}, {m2}): {accurate}, numeric {numeric_b0}"
            );
            let closed = b22(p, m1, m2, q);
            let numeric = b22_numeric(p, m1, m2, q);
            // Relative to the size of the terms (m^2 ln): the quadrature's own rounding.
            let size = (p * p + m1 * m1 + m2 * m2)
                * (1.0 + ((m1 * m1 + m2 * m2 + p * p) / (q * q)).ln().abs());
            assert!(
                (closed - numeric).abs() < 1e-13 * size,
                "B22({p}, {m1}, {m2}): closed {closed}, numeric {numeric}"
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

    /// B_1 by its Feynman-parameter integral `-int_0^1 x ln[(x m2^2 + (1-x) m1^2 - x(1-x) p^2)/Q^2]`
    /// (below threshold, where the argument has no zero inside (0, 1)).
    fn b1_numeric(p: f64, m1: f64, m2: f64, q: f64) -> f64 {
        let (p2, m12, m22) = (p * p, m1 * m1, m2 * m2);
        let f = |x: f64| -x * ((x * m22 + (1.0 - x) * m12 - x * (1.0 - x) * p2) / (q * q)).ln();
        tanh_sinh(&f, 0.0, 1.0)
    }

    #[test]
    fn b1_matches_the_feynman_parameter_integral_at_small_and_moderate_momentum() {
        // Small p against heavy masses (the small-momentum branch: the 1/p^2 form is off by O(1)
        // at p = 1 GeV, 40 TeV), near-equal, equal and zero masses, and the 1/p^2 form just above
        // the switch and at moderate momentum.
        let cases = [
            (1.0, 7600.0, 45000.0, 45000.0),
            (1.0, 45000.0, 7600.0, 45000.0),
            (1.0, 0.0, 40000.0, 30000.0),
            (1.0, 40000.0, 0.0, 30000.0),
            (1.0, 40000.0, 40001.0, 30000.0),
            (1.0, 40000.0, 40000.0, 30000.0),
            (1.0, 40000.0, 52000.0, 30000.0),
            (1.0, 300.0, 800.0, 500.0),
            (150.0, 300.0, 20000.0, 500.0),
            (200.0, 18000.0, 19000.0, 900.0),
            (173.0, 900.0, 1200.0, 1000.0),
            (600.0, 700.0, 900.0, 800.0),
        ];
        for (p, m1, m2, q) in cases {
            let got = b1(p, m1, m2, q);
            let numeric = b1_numeric(p, m1, m2, q);
            assert!(
                (got - numeric).abs() < 1e-8 * (1.0 + numeric.abs()),
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
