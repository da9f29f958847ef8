//! Gauge-mediated boundary conditions at the messenger scale M (docs/physics.md section 4).
//!
//! Owns: the messenger inputs (`Lambda = F_S/y`, `M = xi_S(M) y = y`, `N_5`), the threshold
//! functions `g(x)`, `f(x)` of the messenger mass ratio `x = Lambda/M` (and the real dilogarithm
//! they need), the soft terms generated at M (gaugino masses, sfermion and Higgs masses, the
//! messenger-singlet trilinears and `m_N^2`), and the one-loop N tadpole coefficient.
//!
//! Everything here is in the uniform A-term convention of `model::params` (each soft trilinear
//! is the monomial of `W' = -W_HMZ` times its coupling times `a`): `a_lambda = +A_lambda(paper)`,
//! `a_k = -A_k(paper)`. The messenger A-terms (with their sign switch and `h(x)`) come from
//! `model::messenger_matching`, which also owns the rest of the exact one-loop N-sector matching.
//!
//! Known omissions (both presets, docs/physics.md section 4): the one-loop holomorphic `N^2` soft
//! term and the one-loop supersymmetric `N^2` mass from the messenger loop (both of order
//! `5 xi_N^2 Lambda^2/16pi^2`, small next to `(eta_N y)^2`) are not generated.

use std::cell::Cell;
use std::f64::consts::PI;

use serde::{Deserialize, Serialize};

use crate::config::{Form, PhysicsSwitches};
use crate::model::messenger_matching;
use crate::model::params::{Couplings, SoftTerms};

/// The messenger sector of one point: `N_5` copies of `5 + 5bar` with mass `M` and SUSY-breaking
/// scale `Lambda = F_S / y` (docs/physics.md section 2; `M = xi_S(M) y = y` since `xi_S(M) = 1`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessengerInputs {
    /// Lambda = F_S / y [GeV].
    pub lambda_susy: f64,
    /// Messenger mass M = y [GeV].
    pub m_mess: f64,
    /// Number of 5 + 5bar copies (HMZ: 1).
    pub n5: f64,
}

impl MessengerInputs {
    /// x_mess = Lambda / M (messenger scalars are non-tachyonic for x < 1).
    pub fn x_mess(&self) -> f64 {
        self.lambda_susy / self.m_mess
    }

    /// F_S = Lambda * y = Lambda * M [GeV^2].
    pub fn f_s(&self) -> f64 {
        self.lambda_susy * self.m_mess
    }
}

/// pi^2 / 6 = Li2(1).
const ZETA2: f64 = PI * PI / 6.0;

/// Even Bernoulli numbers B_2, B_4, ..., B_20, for the series of Li2 in u = -ln(1 - x).
const BERNOULLI_EVEN: [f64; 10] = [
    1.0 / 6.0,
    -1.0 / 30.0,
    1.0 / 42.0,
    -1.0 / 30.0,
    5.0 / 66.0,
    -691.0 / 2730.0,
    7.0 / 6.0,
    -3617.0 / 510.0,
    43867.0 / 798.0,
    -174611.0 / 330.0,
];

/// Li2 on [-1, 1/2] from the Bernoulli series `Li2(x) = sum_n B_n u^(n+1)/(n+1)!` with
/// `u = -ln(1-x)`, `|u| <= ln 2`; the terms fall like `(u/2pi)^2 ~ 0.012` per order, so ten
/// even Bernoulli numbers give full double precision.
fn dilog_core(x: f64) -> f64 {
    let u = -(-x).ln_1p();
    let u2 = u * u;
    // B_0 u + B_1 u^2/2 with B_1 = -1/2.
    let mut sum = u - 0.25 * u2;
    // Odd powers u^(2k+1) / (2k+1)! times B_2k.
    let mut power = u; // u^(2k-1) / (2k-1)!
    for (k, b) in BERNOULLI_EVEN.iter().enumerate() {
        let n = 2 * (k + 1); // 2k
        power *= u2 / ((n as f64) * ((n + 1) as f64));
        sum += b * power;
    }
    sum
}

/// The real dilogarithm `Li2(x) = -int_0^x ln(1-t)/t dt` for `x <= 1` (NaN for `x > 1`, where
/// it is complex, and for NaN input).
///
/// Uses the inversion `Li2(x) = -pi^2/6 - ln^2(-x)/2 - Li2(1/x)` for `x < -1` and the
/// reflection `Li2(x) = pi^2/6 - ln(x) ln(1-x) - Li2(1-x)` for `x > 1/2`, then a Bernoulli
/// series on [-1, 1/2]. Accurate to about 1e-15 relative.
pub fn dilog(x: f64) -> f64 {
    if x.is_nan() || x > 1.0 {
        return f64::NAN;
    }
    if x == 1.0 {
        return ZETA2;
    }
    if x < -1.0 {
        let l = (-x).ln();
        return -ZETA2 - 0.5 * l * l - dilog_core(1.0 / x);
    }
    if x > 0.5 {
        return ZETA2 - x.ln() * (-x).ln_1p() - dilog_core(1.0 - x);
    }
    dilog_core(x)
}

/// Below this |x| the threshold functions use their Taylor series (the closed forms cancel
/// like 1/x^2 there). At the switch the neglected series terms are below 1e-17 and the closed
/// forms have lost less than about 1e-15.
const THRESHOLD_SERIES_MAX: f64 = 0.25;

/// `g(x) = 1 + sum_{m>=1} x^(2m) / ((m+1)(2m+1))` = 1 + x^2/6 + x^4/15 + x^6/28 + ...
fn threshold_g_series(x: f64) -> f64 {
    let x2 = x * x;
    let mut sum = 0.0;
    let mut power = 1.0;
    for m in 0..20 {
        let mf = m as f64;
        sum += power / ((mf + 1.0) * (2.0 * mf + 1.0));
        power *= x2;
    }
    sum
}

/// Taylor coefficients of f(x) in powers of x^2 (exact rationals from the series expansion of
/// the closed form, Li2(z) = sum z^n/n^2): 1 + x^2/36 - 11 x^4/450 - 319 x^6/11760 - ...
const THRESHOLD_F_SERIES: [f64; 13] = [
    1.0,
    1.0 / 36.0,
    -11.0 / 450.0,
    -319.0 / 11760.0,
    -1349.0 / 56700.0,
    -18409.0 / 914760.0,
    -278917.0 / 16396380.0,
    -626903.0 / 43243200.0,
    -11698391.0 / 937296360.0,
    -240035177.0 / 22115293200.0,
    -36594191.0 / 3841077240.0,
    -890164843.0 / 105554797920.0,
    -4674407399.0 / 621472995000.0,
];

fn threshold_f_series(x: f64) -> f64 {
    let x2 = x * x;
    THRESHOLD_F_SERIES
        .iter()
        .rev()
        .fold(0.0, |acc, c| acc * x2 + c)
}

/// `(1+x) ln(1+x)`, continuous at x = -1 where it vanishes.
fn one_plus_x_log(x: f64) -> f64 {
    if x == -1.0 {
        0.0
    } else {
        (1.0 + x) * x.ln_1p()
    }
}

fn threshold_g_closed(x: f64) -> f64 {
    (one_plus_x_log(x) + one_plus_x_log(-x)) / (x * x)
}

fn threshold_f_closed(x: f64) -> f64 {
    // One half of f: (1+x)/x^2 [ln(1+x) - 2 Li2(x/(1+x)) + 1/2 Li2(2x/(1+x))].
    let half = |x: f64| {
        (1.0 + x) / (x * x)
            * (x.ln_1p() - 2.0 * dilog(x / (1.0 + x)) + 0.5 * dilog(2.0 * x / (1.0 + x)))
    };
    half(x) + half(-x)
}

/// Gaugino threshold function (Dimopoulos-Giudice-Pomarol; docs/physics.md section 4)
/// `g(x) = [(1+x) ln(1+x) + (1-x) ln(1-x)] / x^2`, with g(0) = 1, g(1) = 2 ln 2. Even in x.
pub fn threshold_g(x: f64) -> f64 {
    if x.abs() < THRESHOLD_SERIES_MAX {
        threshold_g_series(x)
    } else {
        threshold_g_closed(x)
    }
}

/// Scalar threshold function (docs/physics.md section 4)
/// `f(x) = (1+x)/x^2 [ln(1+x) - 2 Li2(x/(1+x)) + 1/2 Li2(2x/(1+x))] + (x -> -x)`, f(0) = 1.
/// Defined for |x| < 1. Even in x.
pub fn threshold_f(x: f64) -> f64 {
    if x.abs() < THRESHOLD_SERIES_MAX {
        threshold_f_series(x)
    } else {
        threshold_f_closed(x)
    }
}

/// `(g(x), f(x))` ([`threshold_g`], [`threshold_f`]), remembered on this thread for the last `x`:
/// every RG evolution of a point takes them at the point's one `x` (as does its threshold estimate,
/// model::gauge), and `f` costs three dilogarithms. The same bits as the two calls.
pub fn threshold_functions(x: f64) -> (f64, f64) {
    thread_local! {
        static LAST: Cell<Option<(u64, (f64, f64))>> = const { Cell::new(None) };
    }
    LAST.with(|last| match last.get() {
        Some((bits, gf)) if bits == x.to_bits() => gf,
        _ => {
            let gf = (threshold_g(x), threshold_f(x));
            last.set(Some((x.to_bits(), gf)));
            gf
        }
    })
}

/// `h(x) = (2+x) ln(1+x) + (2-x) ln(1-x) = -x^4/3 - 4 x^6/15 - ...` for the one-loop m_N^2
/// term. Written as `2 ln(1-x^2) + 2 x atanh(x)`; below |x| = 0.25 the series
/// `h = -sum_{m>=2} 2(m-1)/(m(2m-1)) x^(2m)` avoids the cancellation of the x^2 terms.
fn messenger_log_h(x: f64) -> f64 {
    let x2 = x * x;
    if x.abs() < THRESHOLD_SERIES_MAX {
        let mut sum = 0.0;
        let mut power = x2 * x2;
        for m in 2..24 {
            let mf = m as f64;
            sum -= 2.0 * (mf - 1.0) / (mf * (2.0 * mf - 1.0)) * power;
            power *= x2;
        }
        sum
    } else {
        2.0 * (-x2).ln_1p() + 2.0 * x * x.atanh()
    }
}

/// Hypercharge squared and SU(2), SU(3) Casimirs `(Y^2, C_2, C_3)` with `Q = T_3 + Y`
/// (docs/physics.md sections 4-5), for the chiral superfields carrying sfermions and Higgs doublets.
pub mod casimirs {
    pub const Q: (f64, f64, f64) = (1.0 / 36.0, 0.75, 4.0 / 3.0);
    pub const U: (f64, f64, f64) = (4.0 / 9.0, 0.0, 4.0 / 3.0);
    pub const D: (f64, f64, f64) = (1.0 / 9.0, 0.0, 4.0 / 3.0);
    pub const L: (f64, f64, f64) = (0.25, 0.75, 0.0);
    pub const E: (f64, f64, f64) = (1.0, 0.0, 0.0);
    /// H_u and H_d have the quantum numbers of a lepton doublet (up to the sign of Y).
    pub const H: (f64, f64, f64) = L;
}

/// Gauge-mediation factors `k_i` of eq. (gaugino), `(5/3, 1, 1)` with SM-normalised alpha_1.
pub const K_GAUGE: [f64; 3] = [5.0 / 3.0, 1.0, 1.0];

/// What gauge mediation needs of a set of messengers: `n` copies with per-group factors
/// `k_b[i] = k_i B^i` (Dynkin index B^i of one copy; a `5 + 5bar` has B = 1, so `k_b = k`),
/// `Lambda = F/X` [GeV] and the threshold functions `g(x)`, `f(x)` (1 without them).
pub struct GaugeMediation {
    pub n: f64,
    pub k_b: [f64; 3],
    pub lambda: f64,
    pub g_x: f64,
    pub f_x: f64,
}

impl GaugeMediation {
    /// The gauge-mediated soft terms from the gauge couplings of `c` at the messenger scale,
    /// eqs. (gaugino) and (msq) (docs/physics.md sections 4 and 11):
    /// `M_i = n k_b[i] (alpha_i/4pi) Lambda g(x)`,
    /// `m_f^2 = 2 n sum_i C_i k_b[i] (alpha_i/4pi)^2 Lambda^2 f(x)` with `C_1 = Y^2`;
    /// trilinears, m_N^2 and the first-generation Higgs extras zero. The one formula of the
    /// HMZ messenger ([`soft_terms_at_messenger`]) and of every pair of a general messenger
    /// sector (`model::messengers`).
    pub fn soft_terms(&self, c: &Couplings) -> SoftTerms {
        let four_pi = 4.0 * PI;
        let a4 = [c.g1, c.g2, c.g3].map(|g| g * g / four_pi / four_pi);
        let (n, k, lam) = (self.n, self.k_b, self.lambda);
        let gaugino = |i: usize| n * k[i] * a4[i] * lam * self.g_x;
        let scalar = |(y2, c2, c3): (f64, f64, f64)| {
            let sum =
                y2 * k[0] * a4[0].powi(2) + c2 * k[1] * a4[1].powi(2) + c3 * k[2] * a4[2].powi(2);
            2.0 * n * sum * lam * lam * self.f_x
        };
        SoftTerms {
            m1: gaugino(0),
            m2: gaugino(1),
            m3: gaugino(2),
            mq3: scalar(casimirs::Q),
            mu3: scalar(casimirs::U),
            md3: scalar(casimirs::D),
            ml3: scalar(casimirs::L),
            me3: scalar(casimirs::E),
            mq1: scalar(casimirs::Q),
            mu1: scalar(casimirs::U),
            md1: scalar(casimirs::D),
            ml1: scalar(casimirs::L),
            me1: scalar(casimirs::E),
            mhu: scalar(casimirs::H),
            mhd: scalar(casimirs::H),
            ..SoftTerms::default()
        }
    }
}

/// The soft terms at M (docs/physics.md section 4) from the couplings at M.
///
/// Gauge mediation, eqs. (gaugino) and (msq) with `N_5` copies and the threshold functions:
/// `M_i = N_5 k_i (alpha_i/4pi) Lambda g(x)`,
/// `m_f^2 = 2 N_5 sum_i C_i k_i (alpha_i/4pi)^2 Lambda^2 f(x)`; `a_t = a_b = a_tau = 0`.
/// With `threshold_functions` off, `g = f = 1` (the paper).
///
/// Messenger-singlet terms from `xi_N N Phi Phibar`, the items of the docs/physics.md section 4 table.
/// They do NOT scale with `N_5`: xi_N couples N to one `5 + 5bar` only (the one that also
/// couples to S), whatever the number of gauge messengers.
pub fn soft_terms_at_messenger(
    c_m: &Couplings,
    m: &MessengerInputs,
    sw: &PhysicsSwitches,
) -> SoftTerms {
    let four_pi = 4.0 * PI;
    let lam = m.lambda_susy;
    let x = m.x_mess();
    let (g_x, f_x) = if sw.threshold_functions {
        threshold_functions(x)
    } else {
        (1.0, 1.0)
    };

    // alpha_i with alpha_1 = g'^2/4pi (SM normalisation).
    let alpha = [c_m.g1, c_m.g2, c_m.g3].map(|g| g * g / four_pi);

    // eqs. (gaugino), (msq) with N_5 copies of the 5 + 5bar and g(x), f(x).
    let gauge = GaugeMediation {
        n: m.n5,
        k_b: K_GAUGE,
        lambda: lam,
        g_x,
        f_x,
    }
    .soft_terms(c_m);

    // Messenger-singlet sector: alpha_xi = xi_N^2/4pi, alpha_k = k^2/4pi,
    // alpha_lambda = lambda_N^2/4pi, all at M.
    let alpha_xi = c_m.xi_n * c_m.xi_n / four_pi;
    let alpha_k = c_m.k * c_m.k / four_pi;
    let alpha_lambda = c_m.lambda_n * c_m.lambda_n / four_pi;
    let l4 = lam / four_pi;

    // A_lambda, A_k (docs/physics.md sections 1, 4, 4b), uniform convention.
    let (a_lambda, a_k) =
        messenger_matching::a_terms_at_messenger(c_m.xi_n, lam, x, sw.a_k_sign, &sw.matching);

    // m_N^2 at two loops: printed (13/3 alpha_1, no alpha_k) or derived (1/3 alpha_1, -2 alpha_k).
    let [al1, al2, al3] = alpha;
    let mut mn = match sw.m_n2_two_loop {
        Form::Printed => {
            10.0 * alpha_xi * (3.5 * alpha_xi - 1.6 * al3 - 0.6 * al2 - 13.0 / 3.0 * al1) * l4 * l4
        }
        Form::Derived => {
            10.0 * alpha_xi
                * (3.5 * alpha_xi - 2.0 * alpha_k - 1.6 * al3 - 0.6 * al2 - al1 / 3.0)
                * l4
                * l4
        }
    };
    // One-loop x_mess-suppressed term (5 xi_N^2/16pi^2) M^2 [(2+x) ln(1+x) + (2-x) ln(1-x)].
    if sw.m_n2_one_loop_xmess {
        mn += 5.0 * c_m.xi_n * c_m.xi_n / (four_pi * four_pi)
            * m.m_mess
            * m.m_mess
            * messenger_log_h(x);
    }

    // Extra two-loop Higgs term -5 alpha_lambda alpha_xi (Lambda/4pi)^2, to each of m_Hu^2, m_Hd^2.
    let higgs_extra = if sw.higgs_extra_two_loop {
        -5.0 * alpha_lambda * alpha_xi * l4 * l4
    } else {
        0.0
    };

    SoftTerms {
        a_lambda,
        a_k,
        mhu: gauge.mhu + higgs_extra,
        mhd: gauge.mhd + higgs_extra,
        mn,
        ..gauge
    }
}

/// The one-loop N tadpole coefficient c in `V ⊃ c x` (docs/physics.md section 4), from the couplings
/// at the scale where the potential is evaluated.
///
/// Printed: `c = xi_S xi_N F_S^2 / (8 pi^2 y)`. Derived (erratum, five messenger components):
/// `c = 5 g(x_mess) xi_S xi_N F_S^2 / (8 pi^2 y)`; the derived form always carries its own
/// `g(x_mess)`, independently of the `threshold_functions` switch. Here `y = M` and
/// `F_S = Lambda M`. Its `g` is read from [`threshold_functions`] (the same bits as
/// [`threshold_g`]): the point's evolutions have just taken it at the same `x`.
pub fn tadpole_coefficient(c_q: &Couplings, m: &MessengerInputs, form: Form) -> f64 {
    let f_s = m.f_s();
    let printed = c_q.xi_s * c_q.xi_n * f_s * f_s / (8.0 * PI * PI * m.m_mess);
    match form {
        Form::Printed => printed,
        Form::Derived => 5.0 * threshold_functions(m.x_mess()).0 * printed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{PhysicsSwitches, Preset};

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * a.abs().max(b.abs())
    }

    #[test]
    #[allow(clippy::excessive_precision)] // reference values quoted at 20 digits
    fn dilog_known_values() {
        let ln2 = 2f64.ln();
        assert!(close(dilog(1.0), PI * PI / 6.0, 1e-15));
        assert!(close(dilog(0.5), PI * PI / 12.0 - 0.5 * ln2 * ln2, 1e-14));
        assert!(close(dilog(-1.0), -PI * PI / 12.0, 1e-14));
        assert_eq!(dilog(0.0), 0.0);
        assert!(dilog(1.5).is_nan());
        // Reference values from mpmath.polylog(2, x) at 25 digits.
        let refs = [
            (-20.0, -6.0827514839094905872),
            (-3.0, -1.9393754207667089531),
            (-0.4, -0.36583257751244962799),
            (1e-3, 0.0010002501111736511389),
            (0.3, 0.32612951007547606953),
            (0.9, 1.2997147230049587252),
            (0.999, 1.6370226052761177427),
        ];
        for (x, v) in refs {
            assert!(close(dilog(x), v, 1e-14), "Li2({x}) = {} vs {v}", dilog(x));
        }
    }

    #[test]
    fn dilog_power_series_and_identities() {
        // Direct power series sum z^n/n^2 for |z| <= 1/2.
        for &z in &[-0.5f64, -0.3, -0.05, 0.07, 0.2, 0.45] {
            let series: f64 = (1..200).map(|n| z.powi(n) / (n * n) as f64).sum();
            assert!(close(dilog(z), series, 1e-14), "z = {z}");
        }
        // Reflection Li2(x) + Li2(1-x) = pi^2/6 - ln x ln(1-x) (exercises both branches).
        for &x in &[0.1, 0.37, 0.62, 0.95] {
            let lhs = dilog(x) + dilog(1.0 - x);
            let rhs = PI * PI / 6.0 - x.ln() * (1.0 - x).ln();
            assert!(close(lhs, rhs, 1e-14), "x = {x}");
        }
        // Inversion Li2(x) + Li2(1/x) = -pi^2/6 - ln^2(-x)/2 for x < 0.
        for &x in &[-0.3, -0.9, -1.7, -12.0] {
            let lhs = dilog(x) + dilog(1.0 / x);
            let rhs = -PI * PI / 6.0 - 0.5 * (-x).ln().powi(2);
            assert!(close(lhs, rhs, 1e-14), "x = {x}");
        }
        // Landen: Li2(x) + Li2(x/(x-1)) = -ln^2(1-x)/2 for x < 1 (mixes the branches).
        for &x in &[-3.0, -0.8, 0.3, 0.7] {
            let lhs = dilog(x) + dilog(x / (x - 1.0));
            let rhs = -0.5 * (1.0 - x).ln().powi(2);
            assert!((lhs - rhs).abs() < 1e-14 * (1.0 + rhs.abs()), "x = {x}");
        }
        // Duplication: Li2(x) + Li2(-x) = Li2(x^2)/2.
        for &x in &[0.3, 0.8, 0.99] {
            assert!(close(dilog(x) + dilog(-x), 0.5 * dilog(x * x), 1e-14));
        }
    }

    /// The remembered threshold functions are the two calls bit for bit, with `x` repeated and
    /// changed (and the series and closed forms).
    #[test]
    fn remembered_threshold_functions_are_the_calls() {
        for x in [0.79, 0.79, 0.1, 0.79, 0.999, 0.999, 0.0, -0.6] {
            let (g, f) = threshold_functions(x);
            assert_eq!(g.to_bits(), threshold_g(x).to_bits(), "{x}");
            assert_eq!(f.to_bits(), threshold_f(x).to_bits(), "{x}");
        }
    }

    #[test]
    #[allow(clippy::excessive_precision)] // reference values quoted at 20 digits
    fn threshold_functions_printed_values_and_limits() {
        // docs/physics.md section 4: g(0.79) = 1.145, f(0.79) = 0.994 (three decimals).
        assert_eq!((threshold_g(0.79) * 1000.0).round(), 1145.0);
        assert_eq!((threshold_f(0.79) * 1000.0).round(), 994.0);
        // mpmath at 20 digits.
        assert!(close(threshold_g(0.79), 1.1447363121305680762, 1e-14));
        assert!(close(threshold_f(0.79), 0.99353020818414865063, 1e-14));
        // Limits x -> 0 and the leading corrections 1 + x^2/6, 1 + x^2/36.
        for &x in &[0.0, 1e-8, 1e-4, 1e-2] {
            assert!((threshold_g(x) - (1.0 + x * x / 6.0)).abs() < 1e-7 * x.max(1e-9));
            assert!((threshold_f(x) - (1.0 + x * x / 36.0)).abs() < 1e-7 * x.max(1e-9));
        }
        assert!(close(threshold_g(1.0), 2.0 * 2f64.ln(), 1e-15));
        // Even functions.
        assert!(close(threshold_g(-0.6), threshold_g(0.6), 1e-15));
        assert!(close(threshold_f(-0.6), threshold_f(0.6), 1e-15));
    }

    #[test]
    fn threshold_functions_smooth_across_series_switch() {
        let xs = THRESHOLD_SERIES_MAX;
        // The series is only used (and only truncated safely) below xs.
        for &x in &[0.5 * xs, 0.9 * xs, xs] {
            assert!((threshold_g_series(x) - threshold_g_closed(x)).abs() < 1e-14);
            assert!((threshold_f_series(x) - threshold_f_closed(x)).abs() < 1e-14);
            assert!(
                (messenger_log_h(x) - (2.0 + x) * x.ln_1p() - (2.0 - x) * (-x).ln_1p()).abs()
                    < 1e-14
            );
        }
        // The jump at the switch (series just below, closed form at xs) is at rounding level.
        let below = f64::from_bits(xs.to_bits() - 1);
        assert!(below < xs);
        assert!((threshold_g(below) - threshold_g(xs)).abs() < 1e-14);
        assert!((threshold_f(below) - threshold_f(xs)).abs() < 1e-14);
    }

    #[test]
    fn messenger_log_small_x_limit() {
        // (2+x) ln(1+x) + (2-x) ln(1-x) = -x^4/3 (1 + O(x^2)); next term -4 x^6/15.
        for &x in &[1e-3, 1e-2, 0.1, 0.2] {
            let h = messenger_log_h(x);
            let lead = -x.powi(4) / 3.0;
            assert!(((h / lead) - 1.0 - 0.8 * x * x).abs() < x.powi(4));
        }
    }

    fn table1_couplings_m() -> Couplings {
        Couplings {
            g1: 0.36,
            g2: 0.64,
            g3: 1.0,
            ht: 0.85,
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

    fn table1_messenger() -> MessengerInputs {
        MessengerInputs {
            lambda_susy: 77_000.0,
            m_mess: 97_000.0,
            n5: 1.0,
        }
    }

    #[test]
    fn gauge_mediation_closed_forms() {
        let c = table1_couplings_m();
        let m = table1_messenger();
        let sw = PhysicsSwitches::preset(Preset::Hmz1999);
        let s = soft_terms_at_messenger(&c, &m, &sw);
        let lam = m.lambda_susy;
        let ap = c.g1 * c.g1 / (4.0 * PI);
        let a2 = c.g2 * c.g2 / (4.0 * PI);
        let a3 = c.g3 * c.g3 / (4.0 * PI);
        // eq. (gaugino): M_1 = (5/3) alpha'/4pi Lambda etc.
        assert!(close(s.m1, 5.0 / 3.0 * ap / (4.0 * PI) * lam, 1e-14));
        assert!(close(s.m2, a2 / (4.0 * PI) * lam, 1e-14));
        assert!(close(s.m3, a3 / (4.0 * PI) * lam, 1e-14));
        // m^2(e_R) = (10/3)(alpha' Lambda/4pi)^2.
        let er = 10.0 / 3.0 * (ap * lam / (4.0 * PI)).powi(2);
        assert!(close(s.me1, er, 1e-14) && close(s.me3, er, 1e-14));
        // m^2(L) = 2 [(1/4)(5/3) alpha'^2 + (3/4) alpha_2^2] (Lambda/4pi)^2, equal to the Higgs
        // doublets before the singlet terms (hmz1999 has no extra Higgs term).
        let l4sq = (lam / (4.0 * PI)).powi(2);
        let ml = 2.0 * (0.25 * 5.0 / 3.0 * ap * ap + 0.75 * a2 * a2) * l4sq;
        assert!(close(s.ml1, ml, 1e-14) && close(s.mhu, ml, 1e-14) && close(s.mhd, ml, 1e-14));
        // Squark doublet: 2 [(1/36)(5/3) alpha'^2 + (3/4) alpha_2^2 + (4/3) alpha_3^2].
        let mq = 2.0 * (5.0 / 108.0 * ap * ap + 0.75 * a2 * a2 + 4.0 / 3.0 * a3 * a3) * l4sq;
        assert!(close(s.mq3, mq, 1e-14) && close(s.mq1, mq, 1e-14));
        assert_eq!((s.a_t, s.a_b, s.a_tau), (0.0, 0.0, 0.0));
        // Printed singlet terms A_lambda = -5, A_k = -15 alpha_xi Lambda/4pi (paper convention),
        // converted to the uniform convention (a_lambda = +A_lambda, a_k = -A_k).
        let axi = c.xi_n * c.xi_n / (4.0 * PI);
        assert!(close(
            s.a_lambda_paper(),
            -5.0 * axi * lam / (4.0 * PI),
            1e-14
        ));
        assert!(close(s.a_k_paper(), -15.0 * axi * lam / (4.0 * PI), 1e-14));
        assert!(close(s.a_lambda, -5.0 * axi * lam / (4.0 * PI), 1e-14));
        assert!(close(s.a_k, 15.0 * axi * lam / (4.0 * PI), 1e-14));
        assert!(close(s.a_lambda_paper() * 3.0, s.a_k_paper(), 1e-14)); // printed A_k/3 = A_lambda
        let mn = 10.0 * axi * (3.5 * axi - 1.6 * a3 - 0.6 * a2 - 13.0 / 3.0 * ap) * l4sq;
        assert!(close(s.mn, mn, 1e-14));
    }

    #[test]
    fn n5_scales_gauge_mediation_only() {
        let c = table1_couplings_m();
        let sw = PhysicsSwitches::preset(Preset::Consistent);
        let m1 = table1_messenger();
        let m3 = MessengerInputs { n5: 3.0, ..m1 };
        let s1 = soft_terms_at_messenger(&c, &m1, &sw);
        let s3 = soft_terms_at_messenger(&c, &m3, &sw);
        assert!(close(s3.m2, 3.0 * s1.m2, 1e-14));
        assert!(close(s3.me1, 3.0 * s1.me1, 1e-14));
        assert_eq!(s3.a_lambda, s1.a_lambda);
        assert_eq!(s3.a_k, s1.a_k);
        assert_eq!(s3.mn, s1.mn);
        // The Higgs extra term is N_5-independent: m_Hu^2 - N_5 m_L^2 is the same.
        assert!(close(s3.mhu - s3.ml1, s1.mhu - s1.ml1, 1e-12));
    }

    /// Field-by-field list of the SoftTerms entries that differ.
    fn changed_fields(a: &SoftTerms, b: &SoftTerms) -> Vec<&'static str> {
        let pairs = [
            ("m1", a.m1, b.m1),
            ("m2", a.m2, b.m2),
            ("m3", a.m3, b.m3),
            ("a_t", a.a_t, b.a_t),
            ("a_b", a.a_b, b.a_b),
            ("a_tau", a.a_tau, b.a_tau),
            ("a_lambda", a.a_lambda, b.a_lambda),
            ("a_k", a.a_k, b.a_k),
            ("mq3", a.mq3, b.mq3),
            ("mu3", a.mu3, b.mu3),
            ("md3", a.md3, b.md3),
            ("ml3", a.ml3, b.ml3),
            ("me3", a.me3, b.me3),
            ("mq1", a.mq1, b.mq1),
            ("mu1", a.mu1, b.mu1),
            ("md1", a.md1, b.md1),
            ("ml1", a.ml1, b.ml1),
            ("me1", a.me1, b.me1),
            ("mhu", a.mhu, b.mhu),
            ("mhd", a.mhd, b.mhd),
            ("mn", a.mn, b.mn),
        ];
        pairs
            .iter()
            .filter(|(_, x, y)| x != y)
            .map(|(n, _, _)| *n)
            .collect()
    }

    #[test]
    fn each_erratum_switch_changes_only_its_fields() {
        let c = table1_couplings_m();
        let m = table1_messenger();
        let base = PhysicsSwitches::preset(Preset::Hmz1999);
        let s0 = soft_terms_at_messenger(&c, &m, &base);
        let all_masses = vec![
            "m1", "m2", "m3", "mq3", "mu3", "md3", "ml3", "me3", "mq1", "mu1", "md1", "ml1", "me1",
            "mhu", "mhd",
        ];
        let cases: Vec<(PhysicsSwitches, Vec<&str>)> = vec![
            (
                PhysicsSwitches {
                    threshold_functions: true,
                    ..base
                },
                all_masses,
            ),
            (
                PhysicsSwitches {
                    a_k_sign: Form::Derived,
                    ..base
                },
                vec!["a_k"],
            ),
            (
                PhysicsSwitches {
                    matching: crate::config::MessengerMatching {
                        a_terms_h: true,
                        ..crate::config::MessengerMatching::all(false)
                    },
                    ..base
                },
                vec!["a_lambda", "a_k"],
            ),
            (
                // The other matching pieces live in V at Q, not in the soft terms at M.
                PhysicsSwitches {
                    matching: crate::config::MessengerMatching {
                        a_terms_h: false,
                        ..crate::config::MessengerMatching::all(true)
                    },
                    singlino_sign: Form::Derived,
                    ..base
                },
                vec![],
            ),
            (
                PhysicsSwitches {
                    m_n2_two_loop: Form::Derived,
                    ..base
                },
                vec!["mn"],
            ),
            (
                PhysicsSwitches {
                    m_n2_one_loop_xmess: true,
                    ..base
                },
                vec!["mn"],
            ),
            (
                PhysicsSwitches {
                    higgs_extra_two_loop: true,
                    ..base
                },
                vec!["mhu", "mhd"],
            ),
            (
                PhysicsSwitches {
                    tadpole: Form::Derived,
                    ..base
                },
                vec![],
            ),
        ];
        for (sw, expected) in cases {
            let s = soft_terms_at_messenger(&c, &m, &sw);
            assert_eq!(changed_fields(&s0, &s), expected, "{sw:?}");
        }
        // The specific changes: the A_k sign flips (docs/physics.md section 1: a_k = 3 a_lambda
        // with the same sign), h(x) multiplies both A-terms.
        let flip = soft_terms_at_messenger(
            &c,
            &m,
            &PhysicsSwitches {
                a_k_sign: Form::Derived,
                ..base
            },
        );
        assert_eq!(flip.a_k, -s0.a_k);
        assert!(close(flip.a_k, 3.0 * flip.a_lambda, 1e-14));
        assert!(s0.a_k * s0.a_lambda < 0.0);
        let with_h = soft_terms_at_messenger(&c, &m, &PhysicsSwitches::preset(Preset::Consistent));
        let h = crate::model::messenger_matching::threshold_h(m.x_mess());
        assert!(close(with_h.a_lambda, h * s0.a_lambda, 1e-14));
        assert!(close(with_h.a_k, -h * s0.a_k, 1e-14));
        let thr = soft_terms_at_messenger(
            &c,
            &m,
            &PhysicsSwitches {
                threshold_functions: true,
                ..base
            },
        );
        let x = m.x_mess();
        assert!(close(thr.m3, s0.m3 * threshold_g(x), 1e-14));
        assert!(close(thr.mu1, s0.mu1 * threshold_f(x), 1e-14));
        let xm = soft_terms_at_messenger(
            &c,
            &m,
            &PhysicsSwitches {
                m_n2_one_loop_xmess: true,
                ..base
            },
        );
        // About -(6.4 TeV)^2 at Table I (docs/physics.md section 4), and -(5 xi^2/16pi^2) Lambda^2
        // x^2/3 (1 + O(x^2)) to leading order.
        let d = xm.mn - s0.mn;
        let lead = -5.0 * c.xi_n * c.xi_n / (16.0 * PI * PI) * m.lambda_susy.powi(2) * x * x / 3.0;
        assert!(d < lead && d > 3.0 * lead, "{d} vs {lead}");
        assert!(
            (d.abs().sqrt() - 6400.0).abs() < 200.0,
            "{}",
            d.abs().sqrt()
        );
        let hx = soft_terms_at_messenger(
            &c,
            &m,
            &PhysicsSwitches {
                higgs_extra_two_loop: true,
                ..base
            },
        );
        let extra = -5.0
            * (c.lambda_n.powi(2) / (4.0 * PI))
            * (c.xi_n.powi(2) / (4.0 * PI))
            * (m.lambda_susy / (4.0 * PI)).powi(2);
        assert!(close(hx.mhu - s0.mhu, extra, 1e-10));
        assert!(close(hx.mhd - s0.mhd, extra, 1e-10));
        let dn = soft_terms_at_messenger(
            &c,
            &m,
            &PhysicsSwitches {
                m_n2_two_loop: Form::Derived,
                ..base
            },
        );
        let axi = c.xi_n.powi(2) / (4.0 * PI);
        let ak = c.k.powi(2) / (4.0 * PI);
        let a1 = c.g1.powi(2) / (4.0 * PI);
        let expected = 10.0 * axi * (-2.0 * ak + 4.0 * a1) * (m.lambda_susy / (4.0 * PI)).powi(2);
        assert!(close(dn.mn - s0.mn, expected, 1e-10));
    }

    #[test]
    fn tadpole_forms() {
        let c = table1_couplings_m();
        let m = table1_messenger();
        let f_s = 77_000.0 * 97_000.0;
        let printed = tadpole_coefficient(&c, &m, Form::Printed);
        assert!(close(
            printed,
            c.xi_s * c.xi_n * f_s * f_s / (8.0 * PI * PI * 97_000.0),
            1e-14
        ));
        let derived = tadpole_coefficient(&c, &m, Form::Derived);
        assert!(close(
            derived,
            5.0 * threshold_g(77.0 / 97.0) * printed,
            1e-14
        ));
    }
}
