//! Priors in the derived ratio Lambda/<S>, so that no draw is wasted on HMZ's cut `Lambda <= 0.9 y`
//! (eq. `xy`, [`MAX_LAMBDA_OVER_S`]), which the physics otherwise rejects as `range:lambda_over_s`
//! (61 % of the draws of configs/hmz1999.toml). Two ways, with different prior measures:
//!
//! - [`RatioCut::InPrior`]: `vev_s` and `lambda_susy` keep their flat priors and are drawn jointly,
//!   uniformly on the part of their box below the cut ([`FlatBelowCut`]). This is exactly the
//!   measure of the paper's draw-and-reject procedure (flat in y and in Lambda, restricted to
//!   Lambda <= 0.9 y), with no draw wasted.
//! - `priors.lambda_over_s` (a prior on r = Lambda/y, replacing `priors.lambda_susy`): Lambda = r y
//!   with r drawn independently of y. The density in (y, Lambda) is p_y(y) p_r(Lambda/y) / y (the
//!   Jacobian dr = dLambda / y): NOT flat in Lambda, and not the paper's measure even with flat
//!   priors. Use it when the ratio itself is the variable you want flat (or log).
//!
//! Both are maps of the unit square, so every sampler (random, Latin, Sobol, MCMC) uses them.

use serde::{Deserialize, Serialize};

use crate::constraints::MAX_LAMBDA_OVER_S;

use super::prior::Prior;

/// How HMZ's cut Lambda <= 0.9 <S> enters a scan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatioCut {
    /// `vev_s` and `lambda_susy` drawn independently; the physics rejects Lambda/<S> > 0.9.
    #[default]
    Reject,
    /// (vev_s, lambda_susy) drawn uniformly on their flat box below the cut: the same measure as
    /// `reject`, without the rejected draws. Needs flat priors on both.
    InPrior,
}

/// The uniform distribution on {a <= y <= b, c <= Lambda <= min(d, rho y)} as a map of the unit
/// square: y from its marginal (density proportional to the length L(y) = min(d, rho y) - c of the
/// allowed Lambda interval, piecewise linear, inverted in closed form), then Lambda uniform on
/// [c, min(d, rho y)]. The pushforward of the uniform square is the uniform region (a change of
/// variables with Jacobian L(y) / area), i.e. the paper's flat box restricted to the cut.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlatBelowCut {
    c: f64,
    d: f64,
    rho: f64,
    /// Lowest y with an allowed Lambda.
    y0: f64,
    /// Where min(d, rho y) reaches d (clamped into [y0, b]).
    y1: f64,
    /// L(y0) = rho y0 - c >= 0 (0 when the cut binds at the lower edge).
    l0: f64,
    /// Area of the sloped part [y0, y1] and of the flat part [y1, b].
    a1: f64,
    a2: f64,
}

impl FlatBelowCut {
    /// The region of flat priors y in [a, b], Lambda in [c, d] below Lambda = rho y; an error when
    /// the box lies entirely above the cut (no point could ever pass).
    pub fn new(vev_s: &Prior, lambda_susy: &Prior, rho: f64) -> Result<FlatBelowCut, String> {
        let (Prior::Flat { min: a, max: b }, Prior::Flat { min: c, max: d }) =
            (*vev_s, *lambda_susy)
        else {
            return Err(
                "lambda_over_s_cut = \"in_prior\" needs flat priors on vev_s and lambda_susy (for other priors, sample the ratio with priors.lambda_over_s)"
                    .into(),
            );
        };
        let y0 = a.max(c / rho);
        if y0 >= b {
            return Err(format!(
                "no point of the box vev_s in [{a}, {b}], lambda_susy in [{c}, {d}] has Lambda/<S> <= {rho}"
            ));
        }
        let y1 = (d / rho).clamp(y0, b);
        let l0 = rho * y0 - c;
        let l1 = rho * y1 - c;
        Ok(FlatBelowCut {
            c,
            d,
            rho,
            y0,
            y1,
            l0,
            a1: 0.5 * (l0 + l1) * (y1 - y0),
            a2: (d - c) * (b - y1),
        })
    }

    /// (y, Lambda) at unit coordinates (u1, u2) in (0, 1)^2; Lambda / y <= rho exactly.
    pub fn map_unit(&self, u1: f64, u2: f64) -> (f64, f64) {
        let t = u1 * (self.a1 + self.a2);
        let y = if t < self.a1 {
            // int_{y0}^{y} (rho s - c) ds = (L(y)^2 - L0^2) / (2 rho) = t
            let l = (self.l0 * self.l0 + 2.0 * self.rho * t).sqrt();
            (self.y0 + (l - self.l0) / self.rho).min(self.y1)
        } else {
            self.y1 + (t - self.a1) / (self.d - self.c)
        };
        let top = self.d.min(self.rho * y);
        (y, below_ratio(self.c + u2 * (top - self.c), y, self.rho))
    }

    /// The prior density of (y, Lambda) on the region (1 / area); for tests and documentation.
    pub fn density(&self) -> f64 {
        1.0 / (self.a1 + self.a2)
    }
}

/// Lambda = r y for a ratio prior; like every value below the cut, stepped down by an ulp where
/// rounding would put Lambda / y above `rho`.
pub fn lambda_from_ratio(r: f64, y: f64) -> f64 {
    below_ratio(r * y, y, MAX_LAMBDA_OVER_S.max(r))
}

/// `lambda` lowered by ulps until lambda / y <= rho (rounding of a product or a sum may overshoot
/// the cut by one ulp, which the physics would reject).
fn below_ratio(mut lambda: f64, y: f64, rho: f64) -> f64 {
    while lambda / y > rho && lambda > 0.0 {
        lambda = f64::from_bits(lambda.to_bits() - 1);
    }
    lambda
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::distr::Open01;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    const Y: Prior = Prior::Flat {
        min: 3.8e4,
        max: 1.0e5,
    };
    const L: Prior = Prior::Flat {
        min: 3.8e4,
        max: 1.0e5,
    };

    #[test]
    fn the_area_is_the_integral_of_the_allowed_length() {
        // HMZ's box: y from c/rho = 42222.2 to 1e5; L(y) = 0.9 y - 3.8e4 up to y = 1e5/0.9 > b,
        // so the region is a triangle of legs (1e5 - 42222.2) and 0.9 of it.
        let r = FlatBelowCut::new(&Y, &L, 0.9).unwrap();
        let leg = 1.0e5 - 3.8e4 / 0.9;
        let area = 0.5 * leg * 0.9 * leg;
        assert!((1.0 / r.density() / area - 1.0).abs() < 1e-12);
        // Midpoint-rule integral of L(y) over [a, b] as an independent check.
        let n = 200_000;
        let h = (1.0e5 - 3.8e4) / n as f64;
        let integral: f64 = (0..n)
            .map(|i| {
                let y = 3.8e4 + (i as f64 + 0.5) * h;
                (0.9f64 * y).min(1.0e5) - 3.8e4
            })
            .map(|l| l.max(0.0) * h)
            .sum();
        assert!((integral / area - 1.0).abs() < 1e-6, "{integral} vs {area}");
    }

    #[test]
    fn draws_respect_the_cut_and_the_box_and_match_rejection_sampling() {
        let r = FlatBelowCut::new(&Y, &L, 0.9).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let n = 40_000;
        let mut mapped = Vec::with_capacity(n);
        for _ in 0..n {
            let (y, l) = r.map_unit(rng.sample(Open01), rng.sample(Open01));
            assert!(l / y <= 0.9, "{l} / {y}");
            assert!((3.8e4..=1.0e5).contains(&y) && (3.8e4..=1.0e5).contains(&l));
            mapped.push((y, l));
        }
        // The paper's procedure: flat draws in the box, rejected above the cut.
        let mut rejected = Vec::new();
        while rejected.len() < n {
            let y = Y.map_unit(rng.sample(Open01));
            let l = L.map_unit(rng.sample(Open01));
            if l / y <= 0.9 {
                rejected.push((y, l));
            }
        }
        let mean = |v: &[(f64, f64)], f: fn(&(f64, f64)) -> f64| {
            v.iter().map(f).sum::<f64>() / v.len() as f64
        };
        // Exact means on the triangle with vertices (y0, c), (b, c), (b, 0.9 b): the centroid.
        let y0 = 3.8e4 / 0.9;
        let (ey, el) = ((y0 + 2.0 * 1.0e5) / 3.0, (2.0 * 3.8e4 + 0.9e5) / 3.0);
        for (name, f, exact) in [
            ("y", (|p: &(f64, f64)| p.0) as fn(&(f64, f64)) -> f64, ey),
            ("Lambda", |p: &(f64, f64)| p.1, el),
        ] {
            let (m, rj) = (mean(&mapped, f), mean(&rejected, f));
            // Standard error of a mean of 40000 draws with sd < 2e4: 100; 5 sigma.
            assert!(
                (m - exact).abs() < 500.0,
                "{name}: mapped {m}, exact {exact}"
            );
            assert!(
                (rj - exact).abs() < 500.0,
                "{name}: rejection {rj}, exact {exact}"
            );
        }
    }

    #[test]
    fn a_box_below_the_cut_maps_like_the_independent_priors() {
        let y = Prior::Flat {
            min: 7.5e4,
            max: 1.0e5,
        };
        let l = Prior::Flat {
            min: 4.5e4,
            max: 6.5e4,
        };
        let r = FlatBelowCut::new(&y, &l, 0.9).unwrap();
        for (u1, u2) in [(0.1, 0.7), (0.5, 0.5), (0.93, 0.02)] {
            let (a, b) = r.map_unit(u1, u2);
            assert!((a - y.map_unit(u1)).abs() < 1e-9 * a);
            assert!((b - l.map_unit(u2)).abs() < 1e-9 * b);
        }
    }

    #[test]
    fn refusals_name_the_problem() {
        let log = Prior::Log {
            min: 3.8e4,
            max: 1.0e5,
        };
        assert!(FlatBelowCut::new(&Y, &log, 0.9)
            .unwrap_err()
            .contains("flat priors"));
        let high = Prior::Flat {
            min: 2.0e5,
            max: 3.0e5,
        };
        assert!(FlatBelowCut::new(&Y, &high, 0.9)
            .unwrap_err()
            .contains("no point"));
    }

    #[test]
    fn ratio_products_never_overshoot_the_cut() {
        for y in [3.8e4, 41234.567, 99999.999, 7.3e4] {
            let l = lambda_from_ratio(0.9, y);
            assert!(l / y <= 0.9 && l > 0.0);
        }
    }
}
