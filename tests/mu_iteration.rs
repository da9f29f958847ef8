//! Points whose mu = lambda_N x + lambda_S y is solved for, in the consistent preset (measured or
//! running_q Yukawas, SM MS-bar gauge matching): the Yukawa matching and the gauge thresholds follow the
//! solution's own mu (point::mu_iteration; docs/physics.md section 3, "mu solved for").
//!
//! Checked against an independent evaluation: the matching and the gauge couplings computed
//! directly at the converged solution's mu must reproduce the couplings the solution carries, to
//! the iteration's tolerance; the same evaluation at another mu must not (so the check can fail);
//! and the solution must be stationary.

use gmsbscan::config::{Coupling, PhysicsConfig, Preset, YukawaInputs};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::model::derived::mu_eff;
use gmsbscan::model::gauge::{gauge_couplings_at, GaugeContext, SpectrumInputs};
use gmsbscan::model::params::PointInputs;
use gmsbscan::model::yukawa::YukawaSetup;
use gmsbscan::point::Evaluator;

/// Point 546 of configs/consistent_xin_sampled.toml with measured Yukawas and the top pole mass
/// drawn as in configs/consistent.toml (tan(beta) = 30: Delta_b ~ mu tan(beta) is large, so h_b
/// is sensitive to mu). lambda_S, eta_S, eta_N are the unknowns (NaN: the solver's own starts).
fn inputs() -> PointInputs {
    PointInputs {
        tan_beta: 30.26394494922787,
        vev_n: 998.3010464555124,
        vev_s: 99850.80971405032,
        lambda_susy: 77704.82822038146,
        m_top: 173.5744088728085,
        lambda_s: f64::NAN,
        lambda_n: 0.057862459345827344,
        k: 0.6128949414054389,
        xi_n: -0.8484458976650651,
        eta_s: f64::NAN,
        eta_n: f64::NAN,
        m_phi_over_s: 0.15988778873835738,
    }
}

fn physics(yukawa_inputs: YukawaInputs) -> PhysicsConfig {
    physics_solving(yukawa_inputs, Coupling::LambdaS)
}

fn physics_solving(yukawa_inputs: YukawaInputs, coupling: Coupling) -> PhysicsConfig {
    let mut physics = PhysicsConfig::preset(Preset::Consistent);
    physics.unknowns = [coupling, Coupling::EtaS, Coupling::EtaN];
    physics.switches.yukawa_inputs = yukawa_inputs;
    physics
}

/// `(h_t, h_b, h_tau)` and `(g', g_2, g_3)` at `q` matched directly with the thresholds at `mu`
/// and the two-loop gauge running at `lambda_n`.
fn direct_matching(
    physics: &PhysicsConfig,
    p: &PointInputs,
    (mu, lambda_n): (f64, f64),
    q: f64,
) -> [f64; 6] {
    let spectrum = SpectrumInputs {
        mu,
        lambda_n,
        ..SpectrumInputs::for_point(p)
    };
    let gauge = GaugeContext::for_spectrum(physics, &spectrum);
    let [ht, hb, htau] =
        YukawaSetup::new(physics, &spectrum, &gauge).yukawas(q, &physics.sm, &gauge, None);
    let [g1, g2, g3] = gauge_couplings_at(q, &physics.sm, &gauge);
    [ht, hb, htau, g1, g2, g3]
}

fn max_relative(a: &[f64; 6], b: &[f64; 6]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| ((x - y) / y).abs())
        .fold(0.0, f64::max)
}

/// Solves `p` and checks every solution against the direct matching at its mu (module
/// documentation).
fn check_solutions_follow_mu(physics: &PhysicsConfig, p: &PointInputs) {
    physics.check_combinations().unwrap();
    let outcome = Evaluator::new(physics.clone(), BoundSetName::Hmz1999).evaluate(p);
    assert!(
        !outcome.solutions.is_empty(),
        "no solution: {:?}",
        outcome.failure
    );
    for sol in &outcome.solutions {
        let c = &sol.couplings_q;
        let mu = mu_eff(c.lambda_n, sol.vevs.x, c.lambda_s, sol.vevs.y);
        assert!(c.ht.is_finite() && c.hb.is_finite() && mu.is_finite());
        let carried = [c.ht, c.hb, c.htau, c.g1, c.g2, c.g3];
        let direct = direct_matching(physics, p, (mu, c.lambda_n), sol.q_scale);
        let miss = max_relative(&carried, &direct);
        // The matching is at the mu of the previous solve, which differs from the solution's by
        // at most 1e-6 of mu; h_b moves by about Delta_b (~0.3 here) times that.
        println!(
            "solution {}: mu = {mu:.6} GeV, h_t = {:.8}, h_b = {:.8}, g' = {:.8}, largest relative miss {miss:.2e}, residuals {:?}",
            sol.index, c.ht, c.hb, c.g1, sol.ewsb.scaled_residuals
        );
        assert!(miss < 1e-7, "solution {}: miss {miss:.3e}", sol.index);
        // The check can fail: the same matching at 1.5 mu misses by far more (with running_q
        // Yukawas only the gauge thresholds depend on mu).
        let off = direct_matching(physics, p, (1.5 * mu, c.lambda_n), sol.q_scale);
        let off_miss = max_relative(&carried, &off);
        println!("  at 1.5 mu: relative miss {off_miss:.2e}");
        assert!(off_miss > 1e-4, "solution {}: {off_miss:.3e}", sol.index);
        // The solution is a stationary point of the potential with these couplings.
        for r in sol.ewsb.scaled_residuals {
            assert!(r.abs() < 1e-9, "solution {}: residual {r:.3e}", sol.index);
        }
    }
}

#[test]
fn lambda_s_solving_point_matches_the_yukawas_at_its_own_mu() {
    check_solutions_follow_mu(&physics(YukawaInputs::Measured), &inputs());
}

#[test]
fn lambda_s_solving_point_matches_the_gauge_couplings_at_its_own_mu() {
    // HMZ's m_t(Q) reading (configs/consistent_xin_sampled.toml): the Yukawas do not depend on
    // mu, the SM -> MSSM gauge matching's higgsino and heavy-Higgs thresholds do.
    let p = PointInputs {
        m_top: 165.0,
        ..inputs()
    };
    check_solutions_follow_mu(&physics(YukawaInputs::RunningQ), &p);
}

#[test]
fn lambda_n_solving_point_matches_at_its_own_mu_and_lambda_n() {
    // lambda_N solved for: mu and the lambda_N terms of the two-loop gauge running both follow
    // the solution (before, g' was NaN at every such point of the consistent preset). A point of
    // configs/consistent_xin_sampled.toml's ranges with lambda_S sampled instead of lambda_N.
    let p = PointInputs {
        tan_beta: 25.412275215433546,
        vev_n: 999.4488946450288,
        vev_s: 93970.3307463158,
        lambda_susy: 56798.77997213697,
        m_top: 172.18373860022538,
        lambda_s: 0.0014534115488069493,
        lambda_n: f64::NAN,
        k: 0.21595237180688065,
        xi_n: -0.5351155635115339,
        eta_s: f64::NAN,
        eta_n: f64::NAN,
        m_phi_over_s: 0.9100532090960756,
    };
    check_solutions_follow_mu(
        &physics_solving(YukawaInputs::Measured, Coupling::LambdaN),
        &p,
    );
}
