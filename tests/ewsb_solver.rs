//! The EWSB solver cascade on a synthetic model whose solution is known by construction: the
//! soft masses are fitted so that a chosen coupling set is stationary, and they depend on the
//! unknowns (as the RG running makes them do) through a smooth known function. The solver must
//! recover the chosen couplings from a perturbed start, and its residuals must really vanish.

use gmsbscan::config::Coupling;
use gmsbscan::constraints::Rejection;
use gmsbscan::model::potential::{stationarity, PotentialParams, SingletCouplings};
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
