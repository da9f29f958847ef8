//! The EWSB solver cascade on a synthetic model whose solution is known by construction: the
//! soft masses are fitted so that a chosen coupling set is stationary, and they depend on the
//! unknowns (as the RG running makes them do) through a smooth known function. The solver must
//! recover the chosen couplings from a perturbed start, and its residuals must really vanish.

use gmsbscan::config::{Coupling, MessengerMatching};
use gmsbscan::constraints::Rejection;
use gmsbscan::model::potential::{stationarity, PotentialParams, SingletCouplings};
use gmsbscan::solve::newton::{solve_at_scale_broyden, solve_at_scale_within, Budget};
use gmsbscan::solve::roots::{self, AtEveryScale, RootSearch, Scales};
use gmsbscan::solve::{solve_at_scale, EwsbSettings, SolveResult, StationarityModel};
use std::f64::consts::PI;

struct Synthetic {
    truth: SingletCouplings<f64>,
    at_truth: PotentialParams,
    unknowns: [Coupling; 3],
}

impl StationarityModel for Synthetic {
    fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        // The soft masses move with the unknowns like an RG effect would: m_Hu^2 with xi_N^2
        // (through m_N^2 and A_lambda^2 in its running), m_N^2 with xi_N^2, a_lambda with xi_N^2.
        let d = |u: Coupling| c.get(u) - self.truth.get(u);
        let dx = d(self.unknowns[0]);
        let mut p = self.at_truth.clone();
        let xi2 = c.xi_n * c.xi_n - self.truth.xi_n * self.truth.xi_n;
        p.m_hu2 += 4e4 * xi2 + 1e3 * dx;
        p.m_hd2 -= 2e4 * xi2;
        p.m_n2 += 9e5 * xi2;
        p.a_lambda += 1.2e3 * xi2;
        Ok(p)
    }
}

fn table1_like(unknowns: [Coupling; 3]) -> (Synthetic, [f64; 3]) {
    table1_like_with(unknowns, MessengerMatching::all(false))
}

/// [`table1_like`] with the one-loop messenger matching pieces of V (docs/physics.md section 4b).
fn table1_like_with(unknowns: [Coupling; 3], matching: MessengerMatching) -> (Synthetic, [f64; 3]) {
    let tb: f64 = 24.3;
    let b = tb.atan();
    let vevs = [174.0 * b.cos(), 174.0 * b.sin(), 413.0];
    let (y, lam) = (97_000.0, 77_000.0);
    let truth = SingletCouplings {
        xi_n: 0.71,
        eta_s: 8.3e-3,
        eta_n: 0.87,
        lambda_s: 3.0e-3,
        lambda_n: 0.31,
        k: 0.40,
    };
    let mut p = PotentialParams {
        g1: 0.36,
        g2: 0.645,
        ht: 165.0 / vevs[1],
        y,
        f_s: lam * y,
        xi_s: 0.94,
        tadpole_unit: (lam * y).powi(2) / (8.0 * PI * PI * y),
        fs: None,
        m_hu2: 0.0,
        m_hd2: 0.0,
        m_n2: 0.0,
        a_lambda: 1225.0,
        a_k: -3675.0,
        a_t: 0.0,
        m_q3: 9.0e5,
        m_u3: 8.5e5,
        q: 960.0,
        include_dv: true,
        sbottom_stau: None,
        matching,
    };
    let g0 = stationarity(vevs, &truth, &p).gradient;
    p.m_hd2 = -g0[0] / (2.0 * vevs[0]);
    p.m_hu2 = -g0[1] / (2.0 * vevs[1]);
    p.m_n2 = -g0[2] / (2.0 * vevs[2]);
    (
        Synthetic {
            truth,
            at_truth: p,
            unknowns,
        },
        vevs,
    )
}

fn check_recovers(unknowns: [Coupling; 3], perturb: [f64; 3]) {
    let (model, vevs) = table1_like(unknowns);
    let mut start = model.truth.clone();
    for (j, &u) in unknowns.iter().enumerate() {
        *start.get_mut(u) += perturb[j] * u.typical_size();
    }
    let settings = EwsbSettings::default();
    match solve_at_scale(&model, vevs, unknowns, &start, &settings) {
        SolveResult::Converged(c) => {
            for &u in &unknowns {
                let (got, want) = (*c.couplings.get(u), *model.truth.get(u));
                assert!(
                    (got - want).abs() < 1e-6 * u.typical_size(),
                    "{u}: solved {got}, true {want} (solver {})",
                    c.solver
                );
            }
            // The residual the solver reports is recomputed from scratch here.
            let p = model.params(&c.couplings).unwrap();
            let st = stationarity(vevs, &c.couplings, &p);
            assert!(
                st.scaled().iter().all(|r| r.abs() < settings.tolerance),
                "{:?}",
                st.scaled()
            );
        }
        SolveResult::NotConverged(best, why) => {
            panic!("did not converge: best {best:?}, failure {why:?}")
        }
    }
}

#[test]
fn recovers_default_unknowns_from_a_perturbed_start() {
    check_recovers(
        [Coupling::XiN, Coupling::EtaS, Coupling::EtaN],
        [0.1, 0.2, -0.1],
    );
}

#[test]
fn recovers_lambda_s_lambda_n_k_as_unknowns() {
    check_recovers(
        [Coupling::LambdaS, Coupling::LambdaN, Coupling::K],
        [0.02, 0.02, -0.02],
    );
}

#[test]
fn reports_no_convergence_when_no_solution_exists() {
    // m_Hu^2 independent of the unknowns and shifted: the mu^2 relation cannot be met.
    struct Hopeless(Synthetic);
    impl StationarityModel for Hopeless {
        fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
            let mut p = self.0.at_truth.clone();
            p.m_hu2 += 2e5;
            p.m_n2 += 9e5 * (c.xi_n * c.xi_n - self.0.truth.xi_n * self.0.truth.xi_n);
            Ok(p)
        }
    }
    let unknowns = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];
    let (model, vevs) = table1_like(unknowns);
    let start = model.truth.clone();
    let result = solve_at_scale(
        &Hopeless(model),
        vevs,
        unknowns,
        &start,
        &EwsbSettings::default(),
    );
    match result {
        SolveResult::NotConverged(Some(best), _) => assert!(best.max_residual() > 1e-6),
        other => panic!("expected no convergence, got {other:?}"),
    }
}

/// A model that counts its calls (an RG evolution each, in the program).
struct Counting<'a>(&'a Synthetic, std::cell::Cell<u64>);
impl StationarityModel for Counting<'_> {
    fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        self.1.set(self.1.get() + 1);
        self.0.params(c)
    }
}

/// The Table I-like synthetic model with a start displaced from its solution by (0.1, 0.2, -0.1)
/// typical sizes of the unknowns.
fn displaced_table1_like(unknowns: [Coupling; 3]) -> (Synthetic, [f64; 3], SingletCouplings<f64>) {
    let (model, vevs) = table1_like(unknowns);
    let mut start = model.truth.clone();
    for (j, &u) in unknowns.iter().enumerate() {
        *start.get_mut(u) += [0.1, 0.2, -0.1][j] * u.typical_size();
    }
    (model, vevs, start)
}

/// `solve_at_scale_within`: the model (an RG evolution in the program) is called at most `budget`
/// times; the same start converges with enough budget, and with too little it ends as not
/// converged with the best point reached.
#[test]
fn evaluation_budget_bounds_the_model_calls() {
    let unknowns = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];
    let (model, vevs, start) = displaced_table1_like(unknowns);
    let settings = EwsbSettings::default();
    let free = Counting(&model, Default::default());
    let SolveResult::Converged(c) = solve_at_scale(&free, vevs, unknowns, &start, &settings) else {
        panic!("the unbounded solve converges");
    };
    let needed = free.1.get();
    assert!(needed > 8, "{needed} model calls");
    let within = Counting(&model, Default::default());
    match solve_at_scale_within(
        &within,
        vevs,
        unknowns,
        &start,
        &settings,
        Budget::evaluations(needed),
    ) {
        SolveResult::Converged(d) => assert_eq!(d.couplings, c.couplings),
        other => panic!("converges within the calls it needs: {other:?}"),
    }
    for budget in [1, 4, needed / 2] {
        let bounded = Counting(&model, Default::default());
        match solve_at_scale_within(
            &bounded,
            vevs,
            unknowns,
            &start,
            &settings,
            Budget::evaluations(budget),
        ) {
            SolveResult::NotConverged(best, _) => {
                assert!(best.is_none_or(|b| b.max_residual() >= settings.tolerance))
            }
            other => panic!("budget {budget} of {needed}: {other:?}"),
        }
        assert!(bounded.1.get() <= budget, "{} > {budget}", bounded.1.get());
    }
}

/// `Budget::known`: a solve heading for a known solution stops as soon as its best point is within
/// the radius of it (fewer model calls than converging, not converged), while a known solution
/// of the other sign of xi_N, or one farther than the radius from the path, changes nothing.
#[test]
fn known_solutions_stop_a_solve_heading_for_them() {
    let unknowns = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];
    let (model, vevs, start) = displaced_table1_like(unknowns);
    let settings = EwsbSettings::default();
    let solve = |known: &[SingletCouplings<f64>]| {
        let counting = Counting(&model, Default::default());
        let budget = Budget {
            known,
            known_radius: 0.02,
            ..Budget::evaluations(u64::MAX)
        };
        let result = solve_at_scale_within(&counting, vevs, unknowns, &start, &settings, budget);
        (result, counting.1.get())
    };
    let (SolveResult::Converged(free), free_calls) = solve(&[]) else {
        panic!("the solve without known solutions converges");
    };
    // The truth is known: the solve stops near it, before converging (reporting the start as
    // its best candidate, the Gauss-Newton stage having been cut short).
    let (stopped, stopped_calls) = solve(std::slice::from_ref(&model.truth));
    assert!(
        matches!(stopped, SolveResult::NotConverged(..)),
        "expected a stop near the known solution, got {stopped:?}"
    );
    assert!(
        stopped_calls < free_calls,
        "{stopped_calls} >= {free_calls}"
    );
    // The mirror image (other sign of xi_N) and a solution 0.5 away in eta_N do not stop it.
    let mirror = SingletCouplings {
        xi_n: -model.truth.xi_n,
        ..model.truth.clone()
    };
    let far = SingletCouplings {
        eta_n: model.truth.eta_n + 0.5,
        ..model.truth.clone()
    };
    let (SolveResult::Converged(same), same_calls) = solve(&[mirror, far]) else {
        panic!("known solutions elsewhere change nothing");
    };
    assert_eq!(same.couplings, free.couplings);
    assert_eq!(same_calls, free_calls);
}

/// A model with several solutions by construction, whose soft terms are polynomials of degree 2
/// in s = xi_N^2 (like the consistent preset's): m_Hu^2(s) is set so that the mu^2 relation
/// E(s) = v_d dV/dv_d - v_u dV/dv_u equals c (s - s_true)(s - s_inner), so it vanishes at
/// |xi_N| = 0.71 (the truth) and at |xi_N| = 0.2; m_N^2, a_lambda, a_k move with s as running
/// would make them. The CW term is off so that m_Hu^2(s) stays a polynomial (with it, E would
/// depend on a_t, which does not move here anyway).
struct TwoRootModel {
    inner: Synthetic,
    vevs: [f64; 3],
    s_inner: f64,
}

impl TwoRootModel {
    fn new() -> Self {
        Self::new_with(MessengerMatching::all(false))
    }

    fn new_with(matching: MessengerMatching) -> Self {
        let unknowns = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];
        let (mut inner, vevs) = table1_like_with(unknowns, matching);
        inner.at_truth.include_dv = false;
        // Re-fit the soft masses without Delta V so that the truth is stationary.
        let mut p = inner.at_truth.clone();
        let g0 = stationarity(vevs, &inner.truth, &p).gradient;
        p.m_hd2 -= g0[0] / (2.0 * vevs[0]);
        p.m_hu2 -= g0[1] / (2.0 * vevs[1]);
        p.m_n2 -= g0[2] / (2.0 * vevs[2]);
        inner.at_truth = p;
        Self {
            inner,
            vevs,
            s_inner: 0.04,
        }
    }

    fn s_true(&self) -> f64 {
        self.inner.truth.xi_n.powi(2)
    }
}

impl StationarityModel for TwoRootModel {
    fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        let s = c.xi_n * c.xi_n;
        let ds = s - self.s_true();
        let mut p = self.inner.at_truth.clone();
        p.m_n2 += 9e5 * ds + 2e5 * ds * ds;
        p.a_lambda *= s / self.s_true();
        p.a_k *= s / self.s_true();
        p.m_hd2 += 3e4 * ds;
        // E is linear in m_Hu^2 with slope -2 v_u^2 and in m_Hd^2 with slope 2 v_d^2 at tree level.
        let [v_d, v_u, _] = self.vevs;
        let wanted = 4e9 * ds * (s - self.s_inner);
        p.m_hu2 += (2.0 * v_d * v_d * 3e4 * ds - wanted) / (2.0 * v_u * v_u);
        Ok(p)
    }
}

/// Distinct converged solutions of the Newton cascade from a dense grid of starts: the
/// independent reference for the root search.
fn brute_force_solutions(model: &TwoRootModel) -> Vec<SingletCouplings<f64>> {
    let unknowns = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];
    let settings = EwsbSettings::default();
    let mut found: Vec<SingletCouplings<f64>> = Vec::new();
    for i in 0..=24 {
        for eta_s in [-0.02, -0.005, 0.005, 0.02] {
            for eta_n in [-1.5, -0.5, 0.5, 1.5] {
                let start = SingletCouplings {
                    xi_n: -1.2 + 0.1 * i as f64,
                    eta_s,
                    eta_n,
                    ..model.inner.truth.clone()
                };
                if let SolveResult::Converged(c) =
                    solve_at_scale(model, model.vevs, unknowns, &start, &settings)
                {
                    let c = c.couplings;
                    let new = found.iter().all(|f| {
                        unknowns
                            .iter()
                            .any(|&u| (f.get(u) - c.get(u)).abs() > 1e-6 * u.typical_size())
                    });
                    // The root search's domain: |xi_N| <= xi_n_max, perturbative etas.
                    let perturbative = c.eta_s.abs().max(c.eta_n.abs())
                        <= gmsbscan::model::rge::PERTURBATIVE_LIMIT;
                    if new && perturbative && c.xi_n.abs() <= settings.xi_n_max {
                        found.push(c);
                    }
                }
            }
        }
    }
    found.sort_by(|a, b| a.xi_n.total_cmp(&b.xi_n).then(a.eta_n.total_cmp(&b.eta_n)));
    found
}

#[test]
fn root_search_returns_every_solution_of_a_two_root_model() {
    every_solution_of_a_two_root_model(TwoRootModel::new());
}

/// The same with the exact one-loop messenger matching in V (the `consistent` preset): its eta
/// parts make the eta equations non-polynomial, and the root search's Newton polish of the
/// etas must still return exactly the brute-force solution set.
#[test]
fn root_search_returns_every_solution_with_the_messenger_matching() {
    every_solution_of_a_two_root_model(TwoRootModel::new_with(MessengerMatching::all(true)));
}

fn every_solution_of_a_two_root_model(model: TwoRootModel) {
    let settings = EwsbSettings::default();
    let search = RootSearch::new(
        model.vevs,
        &model.inner.truth,
        &settings,
        3,
        Scales::Fixed(960.0),
    );
    let found: Vec<_> = roots::solutions(&AtEveryScale(&model), &search)
        .unwrap()
        .into_iter()
        .map(|r| r.couplings)
        .collect();
    // Every returned solution really solves the conditions (residuals recomputed here).
    for c in &found {
        let p = model.params(c).unwrap();
        let r = stationarity(model.vevs, c, &p).scaled();
        assert!(r.iter().all(|r| r.abs() < 1e-9), "{c:?}: {r:?}");
    }
    // Both |xi_N| roots appear, with both signs, and the truth is among the solutions.
    for xi in [-0.71, -0.2, 0.2, 0.71] {
        assert!(
            found.iter().any(|c| (c.xi_n - xi).abs() < 1e-9),
            "xi_N = {xi} missing from {found:?}"
        );
    }
    let t = &model.inner.truth;
    assert!(found.iter().any(|c| (c.xi_n - t.xi_n).abs() < 1e-9
        && (c.eta_s - t.eta_s).abs() < 1e-9 * 0.01
        && (c.eta_n - t.eta_n).abs() < 1e-9));
    // The same set as Newton from 400 starts finds.
    let reference = brute_force_solutions(&model);
    assert_eq!(
        found.len(),
        reference.len(),
        "root search {found:?}\nbrute force {reference:?}"
    );
    for (a, b) in found.iter().zip(&reference) {
        for u in [Coupling::XiN, Coupling::EtaS, Coupling::EtaN] {
            assert!(
                (a.get(u) - b.get(u)).abs() < 1e-6 * u.typical_size(),
                "{u}: {} vs {}",
                a.get(u),
                b.get(u)
            );
        }
    }
}

#[test]
fn root_search_finds_nothing_when_the_mu2_relation_has_no_root() {
    // m_Hu^2 shifted by +2e5 and independent of s: E(s) never vanishes.
    struct Hopeless(TwoRootModel);
    impl StationarityModel for Hopeless {
        fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
            let mut p = self.0.params(c)?;
            let s = c.xi_n * c.xi_n;
            let [_, v_u, _] = self.0.vevs;
            // Undo the designed roots and shift: E(s) = -2 v_u^2 2e5, negative for every s.
            p.m_hu2 += 4e9 * (s - self.0.s_true()) * (s - self.0.s_inner) / (2.0 * v_u * v_u) + 2e5;
            Ok(p)
        }
    }
    let model = Hopeless(TwoRootModel::new());
    let search = RootSearch::new(
        model.0.vevs,
        &model.0.inner.truth,
        &EwsbSettings::default(),
        3,
        Scales::Fixed(960.0),
    );
    let found = roots::solutions(&AtEveryScale(&model), &search).unwrap();
    assert!(found.is_empty(), "{found:?}");
}

/// Newton with Broyden updates (the polish of the hmz1999 root search) reaches the true solution
/// from near and far starts and hands back its matrix for the next solve; a wrong warm matrix is
/// replaced by a fresh Jacobian; without a solution it reports no convergence with its residual.
#[test]
fn broyden_polish_matches_the_cascade_and_falls_back() {
    let unknowns = [Coupling::XiN, Coupling::EtaS, Coupling::EtaN];
    let (model, vevs) = table1_like(unknowns);
    let settings = EwsbSettings::default();
    for perturb in [[0.02, 0.05, -0.02], [0.3, 1.0, -0.4]] {
        let mut start = model.truth.clone();
        for (j, &u) in unknowns.iter().enumerate() {
            *start.get_mut(u) += perturb[j] * u.typical_size();
        }
        let mut jacobian = None;
        let result =
            solve_at_scale_broyden(&model, vevs, unknowns, &start, &settings, &mut jacobian);
        let SolveResult::Converged(c) = result else {
            panic!("{perturb:?}: {result:?}");
        };
        for &u in &unknowns {
            let (got, want) = (*c.couplings.get(u), *model.truth.get(u));
            assert!(
                (got - want).abs() < 1e-6 * u.typical_size(),
                "{u}: {got} vs {want}"
            );
        }
        let p = model.params(&c.couplings).unwrap();
        assert!(stationarity(vevs, &c.couplings, &p)
            .scaled()
            .iter()
            .all(|r| r.abs() < settings.tolerance));
        if c.solver == "broyden" {
            assert!(
                jacobian.is_some(),
                "the matrix is handed back after a Broyden solve"
            );
        }
    }
    // Near the truth, from a wrong warm matrix (minus the identity): Broyden recovers with one
    // fresh Jacobian and converges itself.
    let mut start = model.truth.clone();
    start.xi_n += 0.01;
    let mut jacobian = Some(-nalgebra::Matrix3::identity());
    match solve_at_scale_broyden(&model, vevs, unknowns, &start, &settings, &mut jacobian) {
        SolveResult::Converged(c) => {
            assert_eq!(c.solver, "broyden");
            assert!((c.couplings.xi_n - model.truth.xi_n).abs() < 1e-6);
        }
        other => panic!("{other:?}"),
    }
    // No solution: Broyden fails, the cascade fails, the residual is reported.
    struct Shifted(Synthetic);
    impl StationarityModel for Shifted {
        fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
            let mut p = self.0.params(c)?;
            p.m_hu2 = self.0.at_truth.m_hu2 + 2e5;
            Ok(p)
        }
    }
    let hopeless = Shifted(model);
    let mut jacobian = None;
    let result =
        solve_at_scale_broyden(&hopeless, vevs, unknowns, &start, &settings, &mut jacobian);
    match result {
        SolveResult::NotConverged(Some(best), _) => assert!(best.max_residual() > 1e-6),
        other => panic!("expected no convergence, got {other:?}"),
    }
    assert!(jacobian.is_none());
}
