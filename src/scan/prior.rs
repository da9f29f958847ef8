//! Priors: maps from the unit interval to a parameter value (inverse cumulative distribution
//! functions). Because every prior is a map of `u` in (0, 1), the samplers only ever produce unit
//! hypercube points and stay independent of the priors (random, Latin hypercube and Sobol share
//! one interface, and the chains of `mcmc` move in the same cube).

use serde::{Deserialize, Serialize};

/// The prior of one sampled parameter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "prior", rename_all = "lowercase", deny_unknown_fields)]
pub enum Prior {
    /// Uniform on [min, max].
    Flat { min: f64, max: f64 },
    /// Uniform in ln(value) on [min, max], min > 0.
    Log { min: f64, max: f64 },
    /// Normal(mean, sigma), optionally truncated to [min, max].
    Gaussian {
        mean: f64,
        sigma: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// Always `value` (the unit coordinate is ignored).
    Fixed { value: f64 },
}

/// How far [GeV] a top-pole-mass prior may stay from the measured value ([`Prior::check_top_pole`]):
/// about five standard deviations of the world average (172.57 +- 0.29 GeV, PDG 2024).
pub const TOP_POLE_WINDOW: f64 = 1.5;

impl Prior {
    /// Checks the prior's parameters; the message says what is wrong (the caller adds the field).
    pub fn check(&self) -> Result<(), String> {
        let finite = |name: &str, v: f64| {
            if v.is_finite() {
                Ok(())
            } else {
                Err(format!("{name} must be a finite number (got {v})"))
            }
        };
        match *self {
            Prior::Flat { min, max } | Prior::Log { min, max } => {
                finite("min", min)?;
                finite("max", max)?;
                if min > max {
                    return Err(format!("min ({min}) is greater than max ({max})"));
                }
                if min == max {
                    return Err(format!(
                        "min equals max ({min}): use {{ prior = \"fixed\", value = {min} }}"
                    ));
                }
                if matches!(self, Prior::Log { .. }) && min <= 0.0 {
                    return Err(format!(
                        "a log prior needs min > 0 (got min = {min}); use a flat prior to include 0"
                    ));
                }
                Ok(())
            }
            Prior::Gaussian {
                mean,
                sigma,
                min,
                max,
            } => {
                finite("mean", mean)?;
                finite("sigma", sigma)?;
                if sigma <= 0.0 {
                    return Err(format!("sigma must be > 0 (got {sigma})"));
                }
                if let Some(lo) = min {
                    finite("min", lo)?;
                }
                if let Some(hi) = max {
                    finite("max", hi)?;
                }
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo >= hi {
                        return Err(format!(
                            "truncation min ({lo}) must be smaller than max ({hi})"
                        ));
                    }
                }
                // The truncation window must keep some probability in double precision.
                let (plo, phi) = self.gaussian_window();
                if phi - plo <= 0.0 {
                    return Err(format!(
                        "the truncation [{}, {}] holds no probability for mean {mean}, sigma {sigma}",
                        min.unwrap_or(f64::NEG_INFINITY),
                        max.unwrap_or(f64::INFINITY)
                    ));
                }
                Ok(())
            }
            Prior::Fixed { value } => finite("value", value),
        }
    }

    /// The inverse CDF: the parameter value at unit coordinate `u` in (0, 1). Monotonic in `u`.
    pub fn map_unit(&self, u: f64) -> f64 {
        match *self {
            Prior::Flat { min, max } => min + u * (max - min),
            Prior::Log { min, max } => (min.ln() + u * (max.ln() - min.ln())).exp(),
            Prior::Gaussian {
                mean,
                sigma,
                min,
                max,
            } => {
                let x = if min.is_none() && max.is_none() {
                    mean + sigma * inverse_normal_cdf(u)
                } else {
                    let (plo, phi) = self.gaussian_window();
                    mean + sigma * inverse_normal_cdf(plo + u * (phi - plo))
                };
                // Rounding in the tails may step outside the truncation by an ulp.
                x.clamp(
                    min.unwrap_or(f64::NEG_INFINITY),
                    max.unwrap_or(f64::INFINITY),
                )
            }
            Prior::Fixed { value } => value,
        }
    }

    /// The smallest and largest value a draw can take (None: an untruncated gaussian side).
    pub fn support(&self) -> (Option<f64>, Option<f64>) {
        match *self {
            Prior::Flat { min, max } | Prior::Log { min, max } => (Some(min), Some(max)),
            Prior::Gaussian { min, max, .. } => (min, max),
            Prior::Fixed { value } => (Some(value), Some(value)),
        }
    }

    /// A prior of an input that must be positive (`name`): every draw must be, so a prior that
    /// reaches zero or below is refused (it would only produce rejected points).
    pub fn check_positive(&self, name: &str) -> Result<(), String> {
        match self.support().0 {
            Some(v) if v > 0.0 => Ok(()),
            Some(v) => Err(format!(
                "{name} must be positive, but the prior reaches {v}"
            )),
            None => Err(format!(
                "{name} must be positive: truncate the gaussian prior with min > 0"
            )),
        }
    }

    /// With `yukawa_inputs = "measured"` the sampled `m_top` is the top POLE mass (docs/physics.md
    /// section 3 step 2), measured at `pole` GeV: a prior whose support does not come within
    /// `TOP_POLE_WINDOW` of it samples something else under that name (the paper's DR-bar
    /// m_t(Q) = 160-170 GeV, say) and is refused; `other_meaning` tells how to sample the running
    /// mass instead.
    pub fn check_top_pole(&self, pole: f64, other_meaning: &str) -> Result<(), String> {
        // Five standard deviations stand in for an untruncated gaussian side.
        let (reach_lo, reach_hi) = match *self {
            Prior::Gaussian { mean, sigma, .. } => (mean - 5.0 * sigma, mean + 5.0 * sigma),
            _ => (f64::NEG_INFINITY, f64::INFINITY),
        };
        let (lo, hi) = self.support();
        let (lo, hi) = (lo.unwrap_or(reach_lo), hi.unwrap_or(reach_hi));
        if lo <= pole + TOP_POLE_WINDOW && hi >= pole - TOP_POLE_WINDOW {
            return Ok(());
        }
        Err(format!(
            "with measured Yukawa inputs (the consistent preset's default) m_top is the top POLE mass, \
             measured at {pole} GeV, but this prior covers only [{lo}, {hi}] GeV: sample the pole mass (for example \
             {{ prior = \"gaussian\", mean = {pole}, sigma = 0.7, min = 168.0, max = 177.0 }}), or {other_meaning}"
        ))
    }

    /// Whether the parameter actually varies.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Prior::Fixed { .. })
    }

    /// Standard-normal CDF values at the truncation limits (0 and 1 when absent).
    fn gaussian_window(&self) -> (f64, f64) {
        match *self {
            Prior::Gaussian {
                mean,
                sigma,
                min,
                max,
            } => (
                min.map_or(0.0, |lo| normal_cdf((lo - mean) / sigma)),
                max.map_or(1.0, |hi| normal_cdf((hi - mean) / sigma)),
            ),
            _ => (0.0, 1.0),
        }
    }
}

/// Standard-normal cumulative distribution function.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Inverse of the standard-normal CDF: Wichura's algorithm AS 241 (PPND16), relative accuracy
/// about 1e-16 over (0, 1). Returns -inf at 0 and +inf at 1.
pub fn inverse_normal_cdf(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((2.509_080_928_730_122_7e3 * r + 3.343_057_558_358_813e4) * r
            + 6.726_577_092_700_87e4)
            * r
            + 4.592_195_393_154_987e4)
            * r
            + 1.373_169_376_550_946e4)
            * r
            + 1.971_590_950_306_551_3e3)
            * r
            + 1.331_416_678_917_843_8e2)
            * r
            + 3.387_132_872_796_366_5;
        let den = ((((((5.226_495_278_852_545e3 * r + 2.872_908_573_572_194_3e4) * r
            + 3.930_789_580_009_271e4)
            * r
            + 2.121_379_430_158_659_7e4)
            * r
            + 5.394_196_021_424_751e3)
            * r
            + 6.871_870_074_920_579e2)
            * r
            + 4.231_333_070_160_091e1)
            * r
            + 1.0;
        return q * num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = (-tail.ln()).sqrt();
    let val = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.745_450_142_783_414e-4 * r + 2.272_384_498_926_918_4e-2) * r
            + 2.417_807_251_774_506e-1)
            * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_545)
            * r
            + 1.423_437_110_749_683_5;
        let den = ((((((1.050_750_071_644_416_8e-9 * r + 5.475_938_084_995_345e-4) * r
            + 1.519_866_656_361_645_7e-2)
            * r
            + 1.481_039_764_274_800_8e-1)
            * r
            + 6.897_673_349_851e-1)
            * r
            + 1.676_384_830_183_803_8)
            * r
            + 2.053_191_626_637_759)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r
            + 1.242_660_947_388_078_4e-3)
            * r
            + 2.653_218_952_657_612_4e-2)
            * r
            + 2.965_605_718_285_048_7e-1)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103;
        let den = ((((((2.044_263_103_389_939_7e-15 * r + 1.421_511_758_316_446e-7) * r
            + 1.846_318_317_510_054_8e-5)
            * r
            + 7.868_691_311_456_133e-4)
            * r
            + 1.487_536_129_085_061_5e-2)
            * r
            + 1.369_298_809_227_358e-1)
            * r
            + 5.998_322_065_558_88e-1)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 {
        -val
    } else {
        val
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_pole_priors_must_reach_the_measured_mass() {
        let pole = 172.5;
        let ok = [
            Prior::Gaussian {
                mean: 172.5,
                sigma: 0.7,
                min: Some(168.0),
                max: Some(177.0),
            },
            Prior::Fixed { value: 173.9 },
            Prior::Flat {
                min: 171.0,
                max: 180.0,
            },
        ];
        for p in ok {
            assert_eq!(p.check_top_pole(pole, "x"), Ok(()), "{p:?}");
        }
        // The paper's DR-bar range, a fixed running mass, a pole prior centred far away.
        let refused = [
            Prior::Flat {
                min: 160.0,
                max: 170.0,
            },
            Prior::Fixed { value: 165.0 },
            Prior::Gaussian {
                mean: 178.0,
                sigma: 0.5,
                min: None,
                max: None,
            },
        ];
        for p in refused {
            let e = p.check_top_pole(pole, "use the running mass").unwrap_err();
            assert!(
                e.contains("POLE") && e.contains("use the running mass"),
                "{e}"
            );
        }
    }

    #[test]
    fn inverse_normal_known_values() {
        assert!((inverse_normal_cdf(0.5)).abs() < 1e-16);
        assert!((inverse_normal_cdf(0.975) - 1.959_963_984_540_054).abs() < 1e-14);
        assert!((inverse_normal_cdf(0.025) + 1.959_963_984_540_054).abs() < 1e-14);
        assert!((inverse_normal_cdf(0.841_344_746_068_542_9) - 1.0).abs() < 1e-13);
        // Deep tails (the r > 5 branch starts near p = 1.4e-11).
        assert!((inverse_normal_cdf(1e-20) + 9.262_340_089_798_408).abs() < 1e-11);
    }

    #[test]
    fn inverse_normal_round_trips_through_the_cdf() {
        let mut p = 1e-300_f64;
        while p < 0.5 {
            for q in [p, 1.0 - p] {
                let x = inverse_normal_cdf(q);
                let back = normal_cdf(x);
                let tol = 1e-13 * q.min(1.0 - q) + 1e-16;
                assert!((back - q).abs() <= tol, "p = {q}: x = {x}, cdf(x) = {back}");
            }
            p *= 1.7;
        }
    }

    #[test]
    fn priors_map_the_unit_interval() {
        let flat = Prior::Flat { min: 2.0, max: 4.0 };
        assert_eq!(flat.map_unit(0.0), 2.0);
        assert_eq!(flat.map_unit(0.5), 3.0);
        let log = Prior::Log {
            min: 1e-3,
            max: 1e-1,
        };
        assert!((log.map_unit(0.5) - 1e-2).abs() < 1e-15);
        assert_eq!(Prior::Fixed { value: 7.0 }.map_unit(0.3), 7.0);
        let g = Prior::Gaussian {
            mean: 165.0,
            sigma: 5.0,
            min: None,
            max: None,
        };
        assert!((g.map_unit(0.5) - 165.0).abs() < 1e-12);
        assert!((g.map_unit(0.975) - (165.0 + 5.0 * 1.959_963_984_540_054)).abs() < 1e-10);
        let t = Prior::Gaussian {
            mean: 0.0,
            sigma: 1.0,
            min: Some(0.0),
            max: None,
        };
        // Half-normal: the median is Phi^-1(0.75).
        assert!((t.map_unit(0.5) - inverse_normal_cdf(0.75)).abs() < 1e-12);
        for i in 1..100 {
            let u = i as f64 / 100.0;
            assert!(t.map_unit(u) >= 0.0);
            assert!(t.map_unit(u) > t.map_unit(u - 0.01));
        }
    }

    #[test]
    fn prior_checks() {
        assert!(Prior::Flat { min: 1.0, max: 0.0 }
            .check()
            .unwrap_err()
            .contains("greater than max"));
        assert!(Prior::Log { min: 0.0, max: 1.0 }
            .check()
            .unwrap_err()
            .contains("min > 0"));
        assert!(Prior::Gaussian {
            mean: 0.0,
            sigma: 0.0,
            min: None,
            max: None
        }
        .check()
        .is_err());
        assert!(Prior::Gaussian {
            mean: 0.0,
            sigma: 1.0,
            min: Some(1.0),
            max: Some(1.0)
        }
        .check()
        .is_err());
        assert!(Prior::Fixed { value: f64::NAN }.check().is_err());
        assert!(Prior::Flat { min: 0.0, max: 1.0 }.check().is_ok());
    }
}
