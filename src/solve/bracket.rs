//! Every root of a continuous function of one variable on an interval: sample on a grid, bracket
//! each sign change, refine it by Brent's method, and look between the samples for pairs of roots
//! that a coarse grid steps over (a local extremum of |f| that dips towards zero without a sign
//! change at the samples: minimise |f| there, and if the minimum crosses zero, bracket both roots).
//!
//! No model physics here: the EWSB search in [`super::roots`] calls it on the mu^2 relation as a
//! function of |xi_N|, and the tests run it on functions whose roots are known.

/// Settings of [`all_roots`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BracketSettings {
    /// Number of grid intervals over the search interval.
    pub intervals: usize,
    /// Absolute tolerance of a refined root.
    pub x_tolerance: f64,
}

/// Tolerance of the search for a minimum of |f| between samples, relative to its interval.
const MINIMUM_RELATIVE_TOLERANCE: f64 = 1e-6;

/// A root found by [`all_roots`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Root {
    pub x: f64,
    /// |f| at `x`.
    pub residual: f64,
}

/// All roots of `f` on `[lo, hi]`, in increasing order. Samples where `f` is not finite (the
/// model failed there) separate the interval into pieces searched independently. A root exactly
/// at a grid point is reported once. `f` must depend on x alone: a value known at a point is
/// not evaluated again.
pub fn all_roots(
    f: &mut impl FnMut(f64) -> f64,
    lo: f64,
    hi: f64,
    s: &BracketSettings,
) -> Vec<Root> {
    let n = s.intervals.max(2);
    let xs: Vec<f64> = (0..=n)
        .map(|i| lo + (hi - lo) * i as f64 / n as f64)
        .collect();
    let fs: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
    let mut roots = Vec::new();
    let push = |root: Root, roots: &mut Vec<Root>| {
        if !roots
            .iter()
            .any(|r: &Root| (r.x - root.x).abs() <= 2.0 * s.x_tolerance)
        {
            roots.push(root);
        }
    };
    for i in 0..n {
        let (a, b, fa, fb) = (xs[i], xs[i + 1], fs[i], fs[i + 1]);
        if !(fa.is_finite() && fb.is_finite()) {
            continue;
        }
        if fa == 0.0 {
            push(
                Root {
                    x: a,
                    residual: 0.0,
                },
                &mut roots,
            );
        }
        if fa * fb < 0.0 {
            if let Some(r) = brent(f, a, b, fa, fb, s.x_tolerance) {
                push(r, &mut roots);
            }
        }
    }
    if fs[n] == 0.0 {
        push(
            Root {
                x: xs[n],
                residual: 0.0,
            },
            &mut roots,
        );
    }
    // Pairs of roots between two samples: at an interior sample where |f| has a local minimum
    // and the sign does not change on either side, minimise sign*f over the two neighbouring
    // intervals; a minimum of the other sign brackets two roots.
    for i in 1..n {
        let (fl, fc, fr) = (fs[i - 1], fs[i], fs[i + 1]);
        if !(fl.is_finite() && fc.is_finite() && fr.is_finite()) {
            continue;
        }
        let same_sign = fl * fc > 0.0 && fc * fr > 0.0;
        if !(same_sign && fc.abs() <= fl.abs() && fc.abs() <= fr.abs()) {
            continue;
        }
        let sign = fc.signum();
        let mut g = |x: f64| sign * f(x);
        // The minimum is located to 1e-6 of the two intervals (about 30 evaluations, not the 56
        // of x_tolerance): a pair of roots closer than that is one double root for any caller.
        let min_tolerance =
            (MINIMUM_RELATIVE_TOLERANCE * (xs[i + 1] - xs[i - 1])).max(s.x_tolerance);
        if let Some((xm, gm)) = golden_minimum(&mut g, xs[i - 1], xs[i + 1], min_tolerance) {
            if gm < 0.0 {
                // f at the three points is known: the samples, and sign * g (sign = ±1: exact).
                // Not evaluated again (issue 20, session 35: f is a function of x alone).
                let fm = sign * gm;
                for (a, b, fa, fb) in [(xs[i - 1], xm, fl, fm), (xm, xs[i + 1], fm, fr)] {
                    if fa * fb < 0.0 {
                        if let Some(r) = brent(f, a, b, fa, fb, s.x_tolerance) {
                            push(r, &mut roots);
                        }
                    }
                }
            } else if gm == 0.0 {
                push(
                    Root {
                        x: xm,
                        residual: 0.0,
                    },
                    &mut roots,
                );
            }
        }
    }
    roots.sort_by(|a, b| a.x.total_cmp(&b.x));
    roots
}

/// Brent's root finder on a bracket `f(a) f(b) < 0` (inverse quadratic interpolation, secant,
/// bisection). None when `f` becomes non-finite inside the bracket.
pub fn brent(
    f: &mut impl FnMut(f64) -> f64,
    mut a: f64,
    mut b: f64,
    mut fa: f64,
    mut fb: f64,
    x_tolerance: f64,
) -> Option<Root> {
    if fa.abs() < fb.abs() {
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut fa, &mut fb);
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if fb == 0.0 {
            break;
        }
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 0.5 * x_tolerance;
        let m = 0.5 * (c - b);
        if m.abs() <= tol {
            break;
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * m * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (
                    s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0)),
                    (q - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
        if !fb.is_finite() {
            return None;
        }
    }
    Some(Root {
        x: b,
        residual: fb.abs(),
    })
}

/// Golden-section minimum of `g` on `[a, b]` to `x_tolerance` (g need not be unimodal: this
/// finds a local minimum). Stops early when g < 0 (that is all the caller needs).
fn golden_minimum(
    g: &mut impl FnMut(f64) -> f64,
    mut a: f64,
    mut b: f64,
    x_tolerance: f64,
) -> Option<(f64, f64)> {
    let r = 0.5 * (5f64.sqrt() - 1.0);
    let mut x1 = b - r * (b - a);
    let mut x2 = a + r * (b - a);
    let (mut g1, mut g2) = (g(x1), g(x2));
    for _ in 0..100 {
        if !(g1.is_finite() && g2.is_finite()) {
            return None;
        }
        if g1 <= 0.0 {
            return Some((x1, g1));
        }
        if g2 <= 0.0 {
            return Some((x2, g2));
        }
        if (b - a).abs() <= x_tolerance {
            break;
        }
        if g1 < g2 {
            b = x2;
            x2 = x1;
            g2 = g1;
            x1 = b - r * (b - a);
            g1 = g(x1);
        } else {
            a = x1;
            x1 = x2;
            g1 = g2;
            x2 = a + r * (b - a);
            g2 = g(x2);
        }
    }
    Some(if g1 < g2 { (x1, g1) } else { (x2, g2) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: BracketSettings = BracketSettings {
        intervals: 16,
        x_tolerance: 1e-13,
    };

    fn roots_of(mut f: impl FnMut(f64) -> f64, lo: f64, hi: f64) -> Vec<f64> {
        all_roots(&mut f, lo, hi, &SETTINGS)
            .iter()
            .map(|r| r.x)
            .collect()
    }

    fn assert_roots(found: &[f64], expected: &[f64]) {
        assert_eq!(
            found.len(),
            expected.len(),
            "found {found:?}, expected {expected:?}"
        );
        for (f, e) in found.iter().zip(expected) {
            assert!(
                (f - e).abs() < 1e-11,
                "found {found:?}, expected {expected:?}"
            );
        }
    }

    #[test]
    fn finds_every_simple_root_of_a_polynomial() {
        let roots = [-0.93, -0.31, 0.05, 0.52, 0.77];
        let p = |x: f64| roots.iter().map(|r| x - r).product::<f64>();
        assert_roots(&roots_of(p, -1.0, 1.0), &roots);
    }

    #[test]
    fn finds_a_pair_of_roots_between_two_grid_points() {
        // Roots 0.301 and 0.309 lie inside one grid interval [0.25, 0.3125) of the 16 over [0, 1].
        let p = |x: f64| (x - 0.301) * (x - 0.309) * (1.0 + x * x);
        assert_roots(&roots_of(p, 0.0, 1.0), &[0.301, 0.309]);
    }

    #[test]
    fn finds_roots_at_grid_points_once() {
        let p = |x: f64| (x - 0.25) * (x - 0.5);
        assert_roots(&roots_of(p, 0.0, 1.0), &[0.25, 0.5]);
    }

    #[test]
    fn reports_no_root_of_a_positive_function() {
        assert!(roots_of(|x| 1.0 + (x - 0.3).powi(2), 0.0, 1.0).is_empty());
        // A near-miss: the minimum 1e-6 above zero between grid points is not a root.
        assert!(roots_of(|x| (x - 0.303).powi(2) + 1e-6, 0.0, 1.0).is_empty());
    }

    #[test]
    fn skips_the_pieces_where_the_function_fails() {
        // NaN on (0.4, 0.6): the roots outside are still found.
        let f = |x: f64| {
            if (0.4..0.6).contains(&x) {
                f64::NAN
            } else {
                (x - 0.2) * (x - 0.8)
            }
        };
        assert_roots(&roots_of(f, 0.0, 1.0), &[0.2, 0.8]);
    }

    #[test]
    fn brent_converges_on_a_transcendental_function() {
        let mut f = |x: f64| x.cos() - x;
        let r = brent(&mut f, 0.0, 1.0, 1.0, 1f64.cos() - 1.0, 1e-15).unwrap();
        assert!((r.x - 0.739_085_133_215_160_6).abs() < 1e-14);
    }
}
