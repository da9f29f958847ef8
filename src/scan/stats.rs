//! Sample statistics for MCMC output: the effective sample size of several chains (Geyer's
//! initial monotone sequence on the multi-chain autocorrelation, as in Stan / Vehtari et al. 2021,
//! with the potential scale reduction R-hat), and the two-sample Kolmogorov-Smirnov test with
//! weighted samples (weights = multiplicities) and its asymptotic p-value, or a bootstrap p-value
//! that needs no effective sample size (independent rows with importance weights).

/// Effective sample size and R-hat of one variable over `chains` (equal lengths, each >= 4).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ess {
    pub ess: f64,
    pub rhat: f64,
}

/// Geyer's initial monotone sequence estimator on the multi-chain autocorrelation
/// rho_t = 1 - (W - mean_c acov_c(t)) / var_plus, var_plus = (n-1)/n W + B/n (Gelman et al.,
/// Bayesian Data Analysis, 3rd ed., eq. 11.7; Stan's `ess_bulk` without rank normalisation).
/// None when the chains are too short or the variable does not vary.
pub fn ess(chains: &[Vec<f64>]) -> Option<Ess> {
    let m = chains.len();
    let n = chains.iter().map(Vec::len).min()?;
    if m == 0 || n < 4 {
        return None;
    }
    let chains: Vec<&[f64]> = chains.iter().map(|c| &c[..n]).collect();
    let means: Vec<f64> = chains
        .iter()
        .map(|c| c.iter().sum::<f64>() / n as f64)
        .collect();
    // Biased autocovariance of chain c at lag t.
    let acov = |c: usize, t: usize| -> f64 {
        let (x, mu) = (chains[c], means[c]);
        (0..n - t)
            .map(|i| (x[i] - mu) * (x[i + t] - mu))
            .sum::<f64>()
            / n as f64
    };
    let vars: Vec<f64> = (0..m)
        .map(|c| acov(c, 0) * n as f64 / (n - 1) as f64)
        .collect();
    let w = vars.iter().sum::<f64>() / m as f64;
    let grand = means.iter().sum::<f64>() / m as f64;
    let b_over_n = if m > 1 {
        means.iter().map(|x| (x - grand).powi(2)).sum::<f64>() / (m - 1) as f64
    } else {
        0.0
    };
    let var_plus = (n - 1) as f64 / n as f64 * w + b_over_n;
    // Also refuses NaN (a non-finite value in a trace).
    if var_plus.is_nan() || w.is_nan() || var_plus <= 0.0 || w <= 0.0 {
        return None;
    }
    let rho = |t: usize| 1.0 - (w - (0..m).map(|c| acov(c, t)).sum::<f64>() / m as f64) / var_plus;
    // Pairs P_k = rho_2k + rho_2k+1: sum while positive, forced monotone non-increasing.
    let mut tau = -1.0;
    let mut previous = f64::INFINITY;
    let mut t = 0;
    while t + 1 < n {
        let pair = rho(t) + rho(t + 1);
        if pair < 0.0 {
            break;
        }
        let pair = pair.min(previous);
        tau += 2.0 * pair;
        previous = pair;
        t += 2;
    }
    let total = (m * n) as f64;
    let tau = tau.max(1.0 / total.log10());
    Some(Ess {
        ess: total / tau,
        rhat: (var_plus / w).sqrt(),
    })
}

/// The result of a two-sample Kolmogorov-Smirnov test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KsTest {
    /// sup |F1 - F2| of the (weighted) empirical CDFs.
    pub d: f64,
    /// The sample sizes used for the p-value (effective sizes for correlated samples).
    pub n1: f64,
    pub n2: f64,
    pub p_value: f64,
}

/// Two-sample KS test of weighted samples `(value, weight)`; the p-value uses the sizes `n1`,
/// `n2` given (the number of independent draws; for an MCMC sample its effective sample size).
pub fn ks_two_sample(a: &[(f64, f64)], b: &[(f64, f64)], n1: f64, n2: f64) -> KsTest {
    let sorted = |v: &[(f64, f64)]| {
        let mut v = v.to_vec();
        v.sort_by(|x, y| x.0.total_cmp(&y.0));
        let total: f64 = v.iter().map(|x| x.1).sum();
        (v, total)
    };
    let ((a, wa), (b, wb)) = (sorted(a), sorted(b));
    let (mut i, mut j, mut fa, mut fb, mut d) = (0, 0, 0.0, 0.0, 0.0f64);
    while i < a.len() || j < b.len() {
        let x = match (a.get(i), b.get(j)) {
            (Some(p), Some(q)) => p.0.min(q.0),
            (Some(p), None) => p.0,
            (None, Some(q)) => q.0,
            (None, None) => break,
        };
        while i < a.len() && a[i].0 == x {
            fa += a[i].1 / wa;
            i += 1;
        }
        while j < b.len() && b[j].0 == x {
            fb += b[j].1 / wb;
            j += 1;
        }
        d = d.max((fa - fb).abs());
    }
    let ne = n1 * n2 / (n1 + n2);
    // Numerical Recipes (3rd ed., sec. 14.3.3): lambda = (sqrt(Ne) + 0.12 + 0.11/sqrt(Ne)) D.
    let lambda = (ne.sqrt() + 0.12 + 0.11 / ne.sqrt()) * d;
    KsTest {
        d,
        n1,
        n2,
        p_value: kolmogorov_q(lambda),
    }
}

/// Bootstrap p-value of the weighted two-sample KS statistic, for samples of independent rows
/// `(value, weight)` whose weights need not be equal (importance-sampled rows beside unweighted
/// ones), so no effective sample size enters. The centred bootstrap of the two empirical
/// processes: each resample draws `a.len()` rows of `a` and `b.len()` rows of `b` with
/// replacement (a row keeps its weight), and D* = sup |(F*_a - F_a) - (F*_b - F_b)| over the
/// pooled values; under F_a = F_b, D = sup |F_a - F_b| has the distribution that D* estimates
/// (van der Vaart & Wellner, Weak Convergence and Empirical Processes, sec. 3.7: bootstrap of the
/// two-sample empirical process). Returns (1 + #{D* >= D}) / (1 + resamples), deterministic in
/// `seed`. Rows with a non-finite value or a non-positive weight are dropped.
pub fn ks_bootstrap_p_value(
    a: &[(f64, f64)],
    b: &[(f64, f64)],
    resamples: usize,
    seed: u64,
) -> f64 {
    use rand::{RngExt, SeedableRng};
    let keep = |v: &[(f64, f64)]| -> Vec<(f64, f64)> {
        v.iter()
            .copied()
            .filter(|(x, w)| x.is_finite() && *w > 0.0 && w.is_finite())
            .collect()
    };
    let (a, b) = (keep(a), keep(b));
    if a.is_empty() || b.is_empty() {
        return f64::NAN;
    }
    // The pooled distinct values: every ECDF here is a step function with jumps only there.
    let mut grid: Vec<f64> = a.iter().chain(&b).map(|p| p.0).collect();
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    let index = |v: &[(f64, f64)]| -> Vec<usize> {
        v.iter()
            .map(|p| grid.partition_point(|g| *g < p.0))
            .collect()
    };
    let (ia, ib) = (index(&a), index(&b));
    // The weighted ECDF on the grid of rows `rows` (indices into the sample, with repeats).
    let ecdf = |v: &[(f64, f64)], idx: &[usize], rows: &mut dyn Iterator<Item = usize>| {
        let mut mass = vec![0.0; grid.len()];
        let mut total = 0.0;
        for r in rows {
            mass[idx[r]] += v[r].1;
            total += v[r].1;
        }
        let mut acc = 0.0;
        for m in &mut mass {
            acc += *m;
            *m = acc / total;
        }
        mass
    };
    let fa = ecdf(&a, &ia, &mut (0..a.len()));
    let fb = ecdf(&b, &ib, &mut (0..b.len()));
    let d = fa
        .iter()
        .zip(&fb)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut exceed = 0usize;
    for _ in 0..resamples {
        let sa = ecdf(
            &a,
            &ia,
            &mut (0..a.len()).map(|_| rng.random_range(0..a.len())),
        );
        let sb = ecdf(
            &b,
            &ib,
            &mut (0..b.len()).map(|_| rng.random_range(0..b.len())),
        );
        let dstar = (0..grid.len())
            .map(|g| ((sa[g] - fa[g]) - (sb[g] - fb[g])).abs())
            .fold(0.0, f64::max);
        // A relative tolerance so that D* equal to D up to rounding counts as reaching it.
        if dstar >= d * (1.0 - 1e-12) {
            exceed += 1;
        }
    }
    (1 + exceed) as f64 / (1 + resamples) as f64
}

/// Q_KS(lambda) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lambda^2): P(sqrt(n) D > lambda) as n -> inf.
pub fn kolmogorov_q(lambda: f64) -> f64 {
    if lambda < 0.2 {
        return 1.0;
    }
    let mut sum = 0.0;
    for j in 1..=100 {
        let term = (-2.0 * (j * j) as f64 * lambda * lambda).exp();
        sum += if j % 2 == 1 { term } else { -term };
        if term < 1e-16 {
            break;
        }
    }
    (2.0 * sum).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::StandardNormal;

    #[test]
    fn kolmogorov_q_known_values() {
        // The 5 % and 1 % critical values of the Kolmogorov distribution.
        assert!((kolmogorov_q(1.358_099) - 0.05).abs() < 1e-5);
        assert!((kolmogorov_q(1.627_624) - 0.01).abs() < 1e-5);
        assert_eq!(kolmogorov_q(0.1), 1.0);
    }

    #[test]
    fn ess_of_independent_draws_is_their_number_and_of_an_ar1_chain_the_known_one() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let iid: Vec<Vec<f64>> = (0..4)
            .map(|_| (0..2000).map(|_| rng.sample(StandardNormal)).collect())
            .collect();
        let e = ess(&iid).unwrap();
        assert!((e.ess / 8000.0 - 1.0).abs() < 0.1, "{e:?}");
        assert!((e.rhat - 1.0).abs() < 0.01);
        // AR(1) with phi = 0.9: tau = (1 + phi) / (1 - phi) = 19.
        let phi: f64 = 0.9;
        let ar: Vec<Vec<f64>> = (0..4)
            .map(|_| {
                let mut x: f64 = rng.sample::<f64, _>(StandardNormal) / (1.0 - phi * phi).sqrt();
                (0..20000)
                    .map(|_| {
                        x = phi * x + rng.sample::<f64, _>(StandardNormal);
                        x
                    })
                    .collect()
            })
            .collect();
        let e = ess(&ar).unwrap();
        let expected = 80000.0 / 19.0;
        assert!((e.ess / expected - 1.0).abs() < 0.15, "{e:?} vs {expected}");
        // Chains stuck at different levels: R-hat far above 1, ESS near the number of chains.
        let stuck: Vec<Vec<f64>> = (0..4)
            .map(|c| {
                (0..500)
                    .map(|i| c as f64 + 1e-3 * ((i % 5) as f64))
                    .collect()
            })
            .collect();
        let e = ess(&stuck).unwrap();
        assert!(e.rhat > 10.0 && e.ess < 10.0, "{e:?}");
    }

    #[test]
    fn ks_detects_a_shift_and_accepts_the_same_distribution() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let mut draw = |shift: f64, n: usize| -> Vec<(f64, f64)> {
            (0..n)
                .map(|_| (rng.sample::<f64, _>(StandardNormal) + shift, 1.0))
                .collect()
        };
        let (a, b, c) = (draw(0.0, 2000), draw(0.0, 3000), draw(0.2, 3000));
        let same = ks_two_sample(&a, &b, 2000.0, 3000.0);
        assert!(same.p_value > 0.01, "{same:?}");
        let shifted = ks_two_sample(&a, &c, 2000.0, 3000.0);
        assert!(shifted.p_value < 1e-4, "{shifted:?}");
        // Weights act as multiplicities.
        let dup: Vec<(f64, f64)> = a.iter().flat_map(|&x| [x, x]).collect();
        let weighted: Vec<(f64, f64)> = a.iter().map(|&(x, _)| (x, 2.0)).collect();
        let d1 = ks_two_sample(&dup, &b, 1.0, 1.0).d;
        let d2 = ks_two_sample(&weighted, &b, 1.0, 1.0).d;
        assert!((d1 - d2).abs() < 1e-12);
    }
    /// Rows of the uniform distribution on [0, 1] thinned with acceptance a(x) = max(0.1, x) and
    /// weighted 1/a (the importance sampler's estimator), shifted by `shift`.
    fn thinned_uniform(rng: &mut ChaCha8Rng, draws: usize, shift: f64) -> Vec<(f64, f64)> {
        (0..draws)
            .filter_map(|_| {
                let x: f64 = rng.random();
                let a = x.max(0.1);
                (rng.random::<f64>() < a).then_some((x + shift, 1.0 / a))
            })
            .collect()
    }

    #[test]
    fn ks_bootstrap_holds_its_level_with_importance_weights_and_detects_a_shift() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        // Under the null (both samples represent the uniform distribution; one unweighted, one
        // thinned and weighted) p < 0.05 must happen in about 5 % of the trials.
        let trials = 200;
        let mut rejected = 0;
        for t in 0..trials {
            let a: Vec<(f64, f64)> = (0..150).map(|_| (rng.random::<f64>(), 1.0)).collect();
            let b = thinned_uniform(&mut rng, 300, 0.0);
            if ks_bootstrap_p_value(&a, &b, 199, t) < 0.05 {
                rejected += 1;
            }
        }
        let rate = rejected as f64 / trials as f64;
        // Binomial(200, 0.05): standard deviation 0.015; [0.01, 0.10] is beyond 3 sigma either side.
        assert!((0.01..=0.10).contains(&rate), "null rejection rate {rate}");
        // The same weighted sample read without its weights is a different distribution (density
        // proportional to a(x)): the test must see it.
        let a: Vec<(f64, f64)> = (0..400).map(|_| (rng.random::<f64>(), 1.0)).collect();
        let b = thinned_uniform(&mut rng, 800, 0.0);
        let unweighted: Vec<(f64, f64)> = b.iter().map(|&(x, _)| (x, 1.0)).collect();
        assert!(ks_bootstrap_p_value(&a, &b, 999, 1) > 0.01);
        assert!(ks_bootstrap_p_value(&a, &unweighted, 999, 1) < 0.002);
        // A shift of 0.25 (of the width 1): D = 0.25 at effective sizes 400 and ~250 gives
        // Kolmogorov's lambda ~ 3, p ~ 1e-7, so no resample of 999 reaches D.
        let shifted = thinned_uniform(&mut rng, 800, 0.25);
        assert!(ks_bootstrap_p_value(&a, &shifted, 999, 1) < 0.002);
        // Deterministic in the seed, and no samples -> no p-value.
        assert_eq!(
            ks_bootstrap_p_value(&a, &b, 99, 5),
            ks_bootstrap_p_value(&a, &b, 99, 5)
        );
        assert!(ks_bootstrap_p_value(&a, &[], 99, 5).is_nan());
    }

    #[test]
    fn ks_bootstrap_agrees_with_the_asymptotic_p_value_for_unweighted_samples() {
        // Two unweighted normal samples, the second shifted so that D sits in the range where
        // p-values are informative: the bootstrap and Kolmogorov's limit law estimate the same
        // p-value (the bootstrap with a Monte Carlo error sqrt(p (1 - p) / 2000) < 0.011).
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        for shift in [0.0, 0.1, 0.15] {
            let a: Vec<(f64, f64)> = (0..800)
                .map(|_| (rng.sample::<f64, _>(StandardNormal), 1.0))
                .collect();
            let b: Vec<(f64, f64)> = (0..600)
                .map(|_| (rng.sample::<f64, _>(StandardNormal) + shift, 1.0))
                .collect();
            let asymptotic = ks_two_sample(&a, &b, 800.0, 600.0).p_value;
            let boot = ks_bootstrap_p_value(&a, &b, 1999, 7);
            assert!(
                (boot - asymptotic).abs() < 0.05,
                "shift {shift}: bootstrap {boot} vs asymptotic {asymptotic}"
            );
        }
    }
}
