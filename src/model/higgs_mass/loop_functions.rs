//! Threshold loop functions of Bagnaschi, Giudice, Slavich, Strumia (arXiv:1407.4081, appendix A):
//! the `F~_i(x)` of the sfermion thresholds (x a ratio of soft masses) and `F~_6`, `F~_9` of the
//! O(alpha_s) SUSY-QCD correction to the top Yukawa coupling. Each is normalised to 1 (F~_6: 0) at
//! degenerate masses; near the removable singularity at x = 1 they are interpolated linearly between
//! the neighbouring points 1 +- h (error O(h^2) of the curvature, below 1e-5 for h = 0.003).

const H_REG: f64 = 3e-3;

/// Evaluates `f` at x, replacing a neighbourhood of the removable singularity at |x| = 1 by the mean
/// of its two neighbours.
fn regular(x: f64, f: impl Fn(f64) -> f64) -> f64 {
    if (x.abs() - 1.0).abs() < H_REG {
        // Linear interpolation between the two neighbours (error O(H_REG^2) of the curvature).
        let s = x.signum();
        let (lo, hi) = (f(s * (1.0 - H_REG)), f(s * (1.0 + H_REG)));
        let w = (x.abs() - (1.0 - H_REG)) / (2.0 * H_REG);
        lo + w * (hi - lo)
    } else {
        f(x)
    }
}

/// `F~_1(x) = x ln(x^2)/(x^2 - 1)`.
pub fn f1t(x: f64) -> f64 {
    regular(x, |x| x * (x * x).ln() / (x * x - 1.0))
}

/// `F~_2(x) = 6 x^2 [2 - 2 x^2 + (1 + x^2) ln(x^2)]/(x^2 - 1)^3`.
pub fn f2t(x: f64) -> f64 {
    regular(x, |x| {
        let x2 = x * x;
        6.0 * x2 * (2.0 - 2.0 * x2 + (1.0 + x2) * x2.ln()) / (x2 - 1.0).powi(3)
    })
}

/// `F~_3(x) = 2 x [5 (1 - x^2) + (1 + 4 x^2) ln(x^2)]/(3 (x^2 - 1)^2)`.
pub fn f3t(x: f64) -> f64 {
    regular(x, |x| {
        let x2 = x * x;
        2.0 * x * (5.0 * (1.0 - x2) + (1.0 + 4.0 * x2) * x2.ln()) / (3.0 * (x2 - 1.0).powi(2))
    })
}

/// `F~_4(x) = 2 x (x^2 - 1 - ln(x^2))/(x^2 - 1)^2`.
pub fn f4t(x: f64) -> f64 {
    regular(x, |x| {
        let x2 = x * x;
        2.0 * x * (x2 - 1.0 - x2.ln()) / (x2 - 1.0).powi(2)
    })
}

/// `F~_5(x) = 3 x (1 - x^4 + 2 x^2 ln(x^2))/(1 - x^2)^3`.
pub fn f5t(x: f64) -> f64 {
    regular(x, |x| {
        let x2 = x * x;
        3.0 * x * (1.0 - x2 * x2 + 2.0 * x2 * x2.ln()) / (1.0 - x2).powi(3)
    })
}

/// `F~_6(x) = (x^2 - 3)/(4 (1 - x^2)) + x^2 (x^2 - 2) ln(x^2)/(2 (1 - x^2)^2)` (0 at x = 1).
pub fn f6t(x: f64) -> f64 {
    if x == 0.0 {
        return -0.75;
    }
    regular(x, |x| {
        let x2 = x * x;
        (x2 - 3.0) / (4.0 * (1.0 - x2)) + x2 * (x2 - 2.0) * x2.ln() / (2.0 * (1.0 - x2).powi(2))
    })
}

/// `F~_9(x1, x2) = 2/(x1^2 - x2^2) [x1^2 ln(x1^2)/(x1^2 - 1) - x2^2 ln(x2^2)/(x2^2 - 1)]`, 1 at
/// x1 = x2 = 1.
pub fn f9t(x1: f64, x2: f64) -> f64 {
    let g = |y: f64| y * y * (y * y).ln() / (y * y - 1.0);
    // The singular lines in (x1^2, x2^2) are those of [`regular2`].
    regular2(x1 * x1, x2 * x2, |a, b| {
        2.0 / (a - b) * (g(a.sqrt()) - g(b.sqrt()))
    })
}

/// `F_7(x) = -3 (x^4 - 6 x^2 + 1)/(2 (x^2 - 1)^2) + 3 x^4 (x^2 - 3) ln(x^2)/(x^2 - 1)^3` (BGSS
/// `g(r)` of the electroweakino threshold; `f(r)` there is [`f5t`]).
pub fn f7t(x: f64) -> f64 {
    if x == 0.0 {
        return -1.5;
    }
    regular(x, |x| {
        let (x2, x4) = (x * x, x.powi(4));
        -3.0 * (x4 - 6.0 * x2 + 1.0) / (2.0 * (x2 - 1.0).powi(2))
            + 3.0 * x4 * (x2 - 3.0) * x2.ln() / (x2 - 1.0).powi(3)
    })
}

/// The one-ratio functions f_1..f_4 of the electroweakino threshold (BGSS eq. (11), appendix A;
/// r = M_1/mu or M_2/mu), each 1 at r = 1:
/// `f_1 = 6 (r^2 + 3) r^2/(7 d^2) + 6 (r^2 - 5) r^4 ln(r^2)/(7 d^3)`,
/// `f_2 = 2 (r^2 + 11) r^2/(9 d^2) + 2 (5 r^2 - 17) r^4 ln(r^2)/(9 d^3)`,
/// `f_3 = 2 (r^4 + 9 r^2 + 2)/(3 d^2) + 2 (r^4 - 7 r^2 - 6) r^2 ln(r^2)/(3 d^3)`,
/// `f_4 = 2 (5 r^4 + 25 r^2 + 6)/(7 d^2) + 2 (r^4 - 19 r^2 - 18) r^2 ln(r^2)/(7 d^3)`, d = r^2 - 1.
pub fn chi_f(n: usize, r: f64) -> f64 {
    let (c, e) = match n {
        1 => ([0.0, 18.0, 6.0], [0.0, -30.0, 6.0]),
        2 => ([0.0, 22.0, 2.0], [0.0, -34.0, 10.0]),
        3 => ([4.0, 18.0, 2.0], [-12.0, -14.0, 2.0]),
        4 => ([12.0, 50.0, 10.0], [-36.0, -38.0, 2.0]),
        _ => unreachable!("f_1..f_4"),
    };
    let den = match n {
        1 | 4 => 7.0,
        2 => 9.0,
        _ => 3.0,
    };
    regular(r, |r| {
        let r2 = r * r;
        let d = r2 - 1.0;
        // c: coefficients of 1, r^2, r^4 in the first numerator; e: of r^2, r^4, r^6 times ln.
        let first = c[0] + c[1] * r2 + c[2] * r2 * r2;
        let second = (e[0] + e[1] * r2 + e[2] * r2 * r2) * r2 * r2.ln();
        (first / (d * d) + second / (d * d * d)) / den
    })
}

/// The two-ratio functions f_5..f_8 of the electroweakino threshold (BGSS appendix A; r1 = M_1/mu,
/// r2 = M_2/mu), each 1 at r1 = r2 = 1:
/// `f_5 = (3/4) [(1 + (r1 + r2)^2 - r1^2 r2^2)/((r1^2 - 1)(r2^2 - 1)) + r1^3 (r1^2 + 1) ln(r1^2)/((r1^2 - 1)^2 (r1 - r2)) - (1 <-> 2)]`,
/// `f_6 = (6/7) [(r1^2 + r2^2 + r1 r2 - r1^2 r2^2)/(..) + r1^5 ln(r1^2)/(..) - (1 <-> 2)]`,
/// `f_7 = 6 [(1 + r1 r2)/(..) + r1^3 ln(r1^2)/(..) - (1 <-> 2)]`,
/// `f_8 = (3/2) [(r1 + r2)/(..) + r1^4 ln(r1^2)/(..) - (1 <-> 2)]`.
/// f_5..f_7 are even, f_8 odd under (r1, r2) -> (-r1, -r2); evaluated at the signs that put r2 > 0,
/// so [`regular2`] handles the removable singularities (r1 = r2, r_i = 1).
pub fn chi_f2(n: usize, r1: f64, r2: f64) -> f64 {
    let s = if r2 < 0.0 { -1.0 } else { 1.0 };
    let value = regular2(s * r1, s * r2, |a, b| {
        let (a2, b2) = (a * a, b * b);
        let (first, pow, log_extra, norm): (f64, i32, bool, f64) = match n {
            5 => (1.0 + (a + b).powi(2) - a2 * b2, 3, true, 0.75),
            6 => (a2 + b2 + a * b - a2 * b2, 5, false, 6.0 / 7.0),
            7 => (1.0 + a * b, 3, false, 6.0),
            8 => (a + b, 4, false, 1.5),
            _ => unreachable!("f_5..f_8"),
        };
        let term = |x: f64| {
            let x2 = x * x;
            x.powi(pow) * if log_extra { x2 + 1.0 } else { 1.0 } * x2.ln() / (x2 - 1.0).powi(2)
        };
        norm * (first / ((a2 - 1.0) * (b2 - 1.0)) + (term(a) - term(b)) / (a - b))
    });
    if n == 8 {
        s * value
    } else {
        value
    }
}

/// Evaluates a function of two mass ratios whose closed form has removable singularities on the
/// lines x1 = 1, x2 = 1 and x1 = x2. Away from them (relative distance > 1 %) it is evaluated
/// directly; near them, as the Richardson-extrapolated mean of two points displaced symmetrically
/// by +-a v and +-2a v (a = 2 %), with the direction v among three chosen to keep the displaced
/// points farthest from every singular line. The error is O(a^4) of the fourth derivatives
/// (below 1e-5 relative for the functions used here; see the tests).
pub fn regular2(x1: f64, x2: f64, f: impl Fn(f64, f64) -> f64) -> f64 {
    let dist = |a: f64, b: f64| {
        (a - 1.0).abs().min((b - 1.0).abs()).min((a - b).abs()) / a.abs().max(b.abs()).max(1.0)
    };
    if dist(x1, x2) > 0.01 {
        return f(x1, x2);
    }
    let scale = x1.abs().max(x2.abs()).max(1.0);
    let a = 0.02 * scale;
    let directions = [(1.0, -1.0), (1.0, 0.4), (0.4, 1.0)];
    let worst = |v: (f64, f64)| {
        [1.0, -1.0, 2.0, -2.0]
            .iter()
            .map(|&s| dist(x1 + s * a * v.0, x2 + s * a * v.1))
            .fold(f64::INFINITY, f64::min)
    };
    let v = directions
        .into_iter()
        .max_by(|&u, &w| worst(u).total_cmp(&worst(w)))
        .unwrap_or((1.0, -1.0));
    let mean = |s: f64| 0.5 * (f(x1 + s * v.0, x2 + s * v.1) + f(x1 - s * v.0, x2 - s * v.1));
    (4.0 * mean(a) - mean(2.0 * a)) / 3.0
}

/// The dilogarithm Li2(x) for real x, mapped to |x| <= 1/2 by the standard identities; for x > 1
/// its real part (the branch cut's imaginary part -i pi ln x is dropped: the formulas that call it
/// pair it with ln x ln|1 - x|, whose imaginary part cancels it).
pub fn li2(x: f64) -> f64 {
    use std::f64::consts::PI;
    let pi2_6 = PI * PI / 6.0;
    if x == 1.0 {
        return pi2_6;
    }
    if x > 1.0 {
        // Re Li2(x) = pi^2/3 - ln(x)^2/2 - Li2(1/x).
        let l = x.ln();
        return 2.0 * pi2_6 - 0.5 * l * l - li2(1.0 / x);
    }
    if x < -1.0 {
        // Li2(x) = -pi^2/6 - ln(-x)^2/2 - Li2(1/x).
        let l = (-x).ln();
        return -pi2_6 - 0.5 * l * l - li2(1.0 / x);
    }
    if x > 0.5 {
        // Li2(x) = pi^2/6 - ln(x) ln(1 - x) - Li2(1 - x).
        return pi2_6 - x.ln() * (1.0 - x).ln() - li2(1.0 - x);
    }
    if x < -0.5 {
        // Li2(x) = -Li2(x/(x - 1)) - ln(1 - x)^2/2, with x/(x - 1) in [1/3, 1/2].
        let l = (1.0 - x).ln();
        return -li2(x / (x - 1.0)) - 0.5 * l * l;
    }
    // |x| <= 1/2: the power series sum x^k/k^2 (60 terms reach 1e-18 at |x| = 1/2).
    (1..=60)
        .rev()
        .fold(0.0, |acc, k| acc + x.powi(k) / f64::from(k * k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_to_one_at_degenerate_masses() {
        for (name, v) in [
            ("F1", f1t(1.0)),
            ("F2", f2t(1.0)),
            ("F3", f3t(1.0)),
            ("F4", f4t(1.0)),
            ("F5", f5t(1.0)),
        ] {
            assert!((v - 1.0).abs() < 1e-5, "{name}(1) = {v}");
        }
        assert!(f6t(1.0).abs() < 1e-5);
        assert!((f9t(1.0, 1.0) - 1.0).abs() < 1e-5);
        // Continuity across the regularised window.
        for f in [f1t, f2t, f3t, f4t, f5t, f6t] {
            let (a, b) = (f(1.0 - 1.01 * H_REG), f(1.0 - 0.99 * H_REG));
            assert!((a - b).abs() < 1e-4, "{a} {b}");
        }
    }

    /// The electroweakino functions: 1 at degenerate masses; f_1..f_4 against FlexibleSUSY's
    /// series around r = 1 (threshold_loop_functions.cpp, d = r^2 - 1 = 0.05, truncated at d^4);
    /// f_5..f_8 on the line r1 = r2 (a removable singularity of the closed form, here through the
    /// stencil of [`regular2`]) against FlexibleSUSY's separately derived limit formulas; f_8 odd.
    #[test]
    fn electroweakino_functions() {
        for n in 1..=4 {
            assert!((chi_f(n, 1.0) - 1.0).abs() < 1e-5, "f{n}(1)");
        }
        for n in 5..=8 {
            assert!((chi_f2(n, 1.0, 1.0) - 1.0).abs() < 1e-5, "f{n}(1, 1)");
        }
        assert!((f7t(1.0) - 1.0).abs() < 1e-5);
        let d: f64 = 0.05;
        let r = (1.0 + d).sqrt();
        let series = [
            1.0 + d * (4.0 / 7.0 + d * (-13.0 / 70.0 + d * (3.0 / 35.0 - 23.0 / 490.0 * d))),
            1.0 + d * (16.0 / 27.0 + d * (-49.0 / 270.0 + d * (11.0 / 135.0 - 83.0 / 1890.0 * d))),
            1.0 + d * (2.0 / 9.0 + d * (1.0 / 90.0 + d * (-2.0 / 45.0 + 29.0 / 630.0 * d))),
            1.0 + d * (2.0 / 21.0 + d * (13.0 / 210.0 + d * (-8.0 / 105.0 + 101.0 / 1470.0 * d))),
        ];
        for (k, want) in series.iter().enumerate() {
            let got = chi_f(k + 1, r);
            assert!((got - want).abs() < 2e-6, "f{}: {got} vs {want}", k + 1);
        }
        for r in [0.5f64, 2.0, 3.0] {
            let (r22, l) = (r * r, (r * r).ln());
            let y3 = (r22 - 1.0).powi(3);
            let want = [
                0.75 * (-1.0 + r22 * (-5.0 - 3.0 * l + r22 * (5.0 - 6.0 * l + (1.0 + l) * r22)))
                    / y3,
                6.0 / 7.0 * r22 * (-3.0 + r22 * (2.0 - 5.0 * l + (1.0 + l) * r22)) / y3,
                6.0 * (-1.0 + r22 * (-2.0 - 3.0 * l + (3.0 - l) * r22)) / y3,
                r * (-3.0 + r22 * (-6.0 * l + 3.0 * r22)) / y3,
            ];
            for (k, w) in want.iter().enumerate() {
                let got = chi_f2(k + 5, r, r);
                assert!(
                    (got - w).abs() < 1e-5 * w.abs(),
                    "f{}({r}, {r}): {got} vs {w}",
                    k + 5
                );
            }
            assert!((chi_f2(8, -r, -0.7 * r) + chi_f2(8, r, 0.7 * r)).abs() < 1e-12);
            assert!((chi_f2(6, -r, -0.7 * r) - chi_f2(6, r, 0.7 * r)).abs() < 1e-12);
        }
    }

    /// F~_1 is x ln(x^2)/(x^2 - 1): symmetric under x -> 1/x (a property of the formula that a
    /// typo would break).
    #[test]
    fn f1_inversion_symmetry_and_f9_symmetry() {
        for x in [0.3, 0.7, 1.4, 2.5] {
            assert!((f1t(x) - f1t(1.0 / x)).abs() < 1e-12);
            assert!((f9t(x, 1.7) - f9t(1.7, x)).abs() < 1e-12);
        }
    }

    /// Li2 against known values: Li2(-1) = -pi^2/12, Li2(1/2) = pi^2/12 - ln(2)^2/2, and
    /// Li2(x) + Li2(1 - x) = pi^2/6 - ln x ln(1 - x) at an unrelated point via the series.
    #[test]
    fn dilogarithm_values() {
        use std::f64::consts::PI;
        assert!((li2(-1.0) + PI * PI / 12.0).abs() < 1e-13);
        assert!((li2(0.5) - (PI * PI / 12.0 - 0.5 * 2f64.ln().powi(2))).abs() < 1e-13);
        // Direct power series at x = 0.3.
        let direct: f64 = (1..200).map(|k| 0.3f64.powi(k) / (k * k) as f64).sum();
        assert!((li2(0.3) - direct).abs() < 1e-13);
        let direct_neg: f64 = (1..400).map(|k| (-0.45f64).powi(k) / (k * k) as f64).sum();
        assert!((li2(-0.45) - direct_neg).abs() < 1e-13);
        // Li2(-3) via the inversion formula against the series of Li2(-1/3).
        let inv: f64 = (1..200)
            .map(|k| (-1.0f64 / 3.0).powi(k) / (k * k) as f64)
            .sum();
        let want = -PI * PI / 6.0 - 0.5 * 3f64.ln().powi(2) - inv;
        assert!((li2(-3.0) - want).abs() < 1e-12);
        // Above 1, the real part: Re Li2(2) = pi^2/4 (a closed form not used by the code), and
        // Re Li2(x) = -int_0^x ln|1 - t|/t dt continuous through x = 1 (it was NaN above 1).
        assert!((li2(2.0) - PI * PI / 4.0).abs() < 1e-13);
        for eps in [1e-3, 1e-6] {
            assert!((li2(1.0 + eps) - li2(1.0 - eps)).abs() < 10.0 * eps * (1.0 / eps).ln());
        }
    }
}
