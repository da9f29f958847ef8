//! The DDR mu-mechanism (Dimopoulos, Dvali, Rattazzi 1997, seed 000; docs/physics.md section 12): model `ddr`.
//!
//! Inputs `(rho, lambda, lambda_2, Lambda_s, <X>)`: five messenger flavours (N_5 = 5) with mass
//! `M = rho <X>` and `F/M = rho Lambda_s^2/<X>` (the gauge-mediation Lambda), and the seed's
//! one- and two-loop mu and B_mu (its eq. after "the total expressions for mu and B mu are"):
//!
//! `mu   = (25 rho^3 lambda_1 / (32 pi^2 lambda_2)) Lambda_s^2/<X>`,
//! `B_mu = -(50 lambda^2 lambda_1 lambda_2 rho^2/(16 pi^2)^2) (1 + 25 rho^4/(8 lambda_2^2 lambda^2))
//!         Lambda_s^4/<X>^2`.
//!
//! Both are linear in lambda_1, so `B = B_mu/mu` is fixed by the inputs and lambda_1 only sets the
//! size of mu. The two MSSM EWSB conditions are solved for (lambda_1, tan(beta)): for each trial
//! tan(beta) the `mssm_gmsb` solve gives the mu and B_mu that EWSB needs (self-consistent Q);
//! tan(beta) is a root of `B_mu(needed) - |B| |mu|`, found on a log grid and refined by Brent;
//! then `lambda_1 = mu / (25 rho^3/(32 pi^2 lambda_2) Lambda_s^2/<X>)`.
//!
//! Signs: the seed's formulas carry its own phase conventions (the sign of `H Hbar`, the phase of
//! F_X), under which B_mu/mu < 0. What is physical is |mu|, |B_mu| and the sign of mu relative to
//! the gaugino masses once B_mu > 0 (positive VEVs; SLHA m_3^2 > 0): that sign is the configurable
//! discrete choice `sign_mu`, and lambda_1 carries it (`mu = c_mu lambda_1` with c_mu > 0).

use std::f64::consts::PI;

use serde::Serialize;

use crate::constraints::{Rejection, RejectionReason};
use crate::model::boundary::MessengerInputs;
use crate::model::rge::PERTURBATIVE_LIMIT;
use crate::solve::bracket::{all_roots, BracketSettings};

use super::mssm::{MssmEvaluator, MssmInputs, MssmSolution, MuSign};

/// N_5 of the DDR model: the five flavours of the strong SU(5)_S are five 5 + 5bar of SU(5)_W.
pub const DDR_N5: f64 = 5.0;

/// The inputs of one DDR point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DdrInputs {
    /// rho = alpha sqrt(y) (messenger Yukawa times the Y-X mixing).
    pub rho: f64,
    /// lambda of `-lambda S Tr M` (the S tadpole).
    pub lambda: f64,
    /// lambda_2 of `S lambda_2 N^2/2`.
    pub lambda_2: f64,
    /// Lambda_s: the strong scale of SU(5)_S [GeV].
    pub lambda_strong: f64,
    /// <X> [GeV].
    pub vev_x: f64,
    /// The top mass as for `mssm_gmsb` ([`MssmInputs::m_top`](super::mssm::MssmInputs)).
    pub m_top: f64,
    /// Sign of mu relative to the gaugino masses (SLHA convention, B_mu > 0).
    pub sign_mu: MuSign,
}

impl DdrInputs {
    /// M = rho <X> [GeV].
    pub fn m_mess(&self) -> f64 {
        self.rho * self.vev_x
    }
    /// F/M = rho Lambda_s^2/<X> [GeV]: the gauge-mediation Lambda.
    pub fn lambda_gm(&self) -> f64 {
        self.rho * self.lambda_strong * self.lambda_strong / self.vev_x
    }
    /// The messenger sector: N_5 = 5, M, Lambda.
    pub fn messengers(&self) -> MessengerInputs {
        MessengerInputs {
            lambda_susy: self.lambda_gm(),
            m_mess: self.m_mess(),
            n5: DDR_N5,
        }
    }
    /// mu / lambda_1 = 25 rho^3/(32 pi^2 lambda_2) Lambda_s^2/<X> [GeV] (seed).
    pub fn mu_per_lambda1(&self) -> f64 {
        25.0 * self.rho.powi(3) / (32.0 * PI * PI * self.lambda_2) * self.lambda_strong.powi(2)
            / self.vev_x
    }
    /// B_mu / lambda_1 in the seed's convention [GeV^2] (negative for positive inputs).
    pub fn b_mu_per_lambda1(&self) -> f64 {
        let l2 = self.lambda * self.lambda;
        let k2 = self.lambda_2 * self.lambda_2;
        let loop2 = (16.0 * PI * PI).powi(2);
        -(50.0 * l2 * self.lambda_2 * self.rho.powi(2) / loop2)
            * (1.0 + 25.0 * self.rho.powi(4) / (8.0 * k2 * l2))
            * self.lambda_strong.powi(4)
            / self.vev_x.powi(2)
    }
    /// B = B_mu/mu of the seed (independent of lambda_1) [GeV].
    pub fn b_param_seed(&self) -> f64 {
        self.b_mu_per_lambda1() / self.mu_per_lambda1()
    }
    /// The `mssm_gmsb` inputs at a trial tan(beta).
    pub fn mssm_inputs(&self, tan_beta: f64) -> MssmInputs {
        MssmInputs {
            messengers: self.messengers(),
            tan_beta,
            sign_mu: self.sign_mu,
            m_top: self.m_top,
        }
    }
}

/// The seed's mu [GeV] for a given lambda_1.
pub fn mu_seed(p: &DdrInputs, lambda_1: f64) -> f64 {
    p.mu_per_lambda1() * lambda_1
}

/// The seed's B_mu [GeV^2] for a given lambda_1 (seed convention).
pub fn b_mu_seed(p: &DdrInputs, lambda_1: f64) -> f64 {
    p.b_mu_per_lambda1() * lambda_1
}

/// Where tan(beta) is searched, and how finely.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TanBetaSearch {
    pub tan_beta_min: f64,
    pub tan_beta_max: f64,
    /// Grid intervals in ln tan(beta).
    pub intervals: usize,
}

impl Default for TanBetaSearch {
    fn default() -> Self {
        Self {
            tan_beta_min: 1.2,
            tan_beta_max: 65.0,
            intervals: 24,
        }
    }
}

/// One EWSB solution of a DDR point.
#[derive(Clone, Debug, PartialEq)]
pub struct DdrSolution {
    /// 0, 1, ... over the tan(beta) roots of the point, in increasing tan(beta).
    pub index: usize,
    pub tan_beta: f64,
    pub lambda_1: f64,
    /// The seed's B_mu at this lambda_1 (its convention; |b_mu_seed| = B_mu of the solution).
    pub b_mu_seed: f64,
    pub mssm: MssmSolution,
}

/// The outcome of one DDR point: its solutions, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct DdrOutcome {
    pub inputs: DdrInputs,
    pub solutions: Vec<DdrSolution>,
    pub failure: Option<Rejection>,
}

/// Evaluates DDR points on the MSSM engine.
#[derive(Clone, Debug)]
pub struct DdrEvaluator {
    pub mssm: MssmEvaluator,
    pub search: TanBetaSearch,
}

impl DdrEvaluator {
    pub fn evaluate(&self, p: &DdrInputs) -> DdrOutcome {
        let (solutions, failure) = match self.solve(p) {
            Ok(s) => (s, None),
            Err(r) => (Vec::new(), Some(r)),
        };
        DdrOutcome {
            inputs: *p,
            solutions,
            failure,
        }
    }

    /// The EWSB mismatch at tan(beta): B_mu needed by EWSB minus |B| |mu| (NaN where EWSB fails).
    pub fn mismatch(&self, p: &DdrInputs, tan_beta: f64) -> f64 {
        match self.mssm.ewsb(&p.mssm_inputs(tan_beta)) {
            Ok(sol) => sol.b_mu - p.b_param_seed().abs() * sol.mu.abs(),
            Err(_) => f64::NAN,
        }
    }

    fn solve(&self, p: &DdrInputs) -> Result<Vec<DdrSolution>, Rejection> {
        validate(p)?;
        let s = &self.search;
        let mut f = |u: f64| self.mismatch(p, u.exp());
        let settings = BracketSettings {
            intervals: s.intervals,
            x_tolerance: 1e-11,
        };
        let roots = all_roots(&mut f, s.tan_beta_min.ln(), s.tan_beta_max.ln(), &settings);
        if roots.is_empty() {
            return Err(Rejection::new(
                RejectionReason::NoEwsb,
                format!(
                    "no tan(beta) in [{}, {}] with B_mu = |B| |mu| (B = {:.4e} GeV)",
                    s.tan_beta_min,
                    s.tan_beta_max,
                    p.b_param_seed()
                ),
            ));
        }
        let mut out = Vec::new();
        for root in roots {
            let tan_beta = root.x.exp();
            let inputs = p.mssm_inputs(tan_beta);
            let ewsb = self.mssm.ewsb(&inputs)?;
            let lambda_1 = ewsb.mu / p.mu_per_lambda1();
            let mut mssm = self.mssm.complete(&inputs, ewsb);
            // lambda_1 is a superpotential coupling: the same perturbativity limit as the
            // engine's couplings, checked before the spectrum's verdict.
            if lambda_1.abs() > PERTURBATIVE_LIMIT {
                mssm.verdict = Err(Rejection::new(
                    RejectionReason::OutOfRange("lambda_1"),
                    format!("|lambda_1| = {:.4} > sqrt(4 pi)", lambda_1.abs()),
                ));
            }
            out.push(DdrSolution {
                index: out.len(),
                tan_beta,
                lambda_1,
                b_mu_seed: b_mu_seed(p, lambda_1),
                mssm,
            });
        }
        Ok(out)
    }
}

/// DDR inputs outside the model's domain.
fn validate(p: &DdrInputs) -> Result<(), Rejection> {
    let fields = [
        ("rho", p.rho),
        ("lambda", p.lambda),
        ("lambda_2", p.lambda_2),
        ("lambda_strong", p.lambda_strong),
        ("vev_x", p.vev_x),
        ("m_top", p.m_top),
    ];
    for (name, value) in fields {
        if !(value.is_finite() && value > 0.0) {
            return Err(Rejection::new(
                RejectionReason::InvalidInput,
                format!("{name} = {value} must be finite and positive"),
            ));
        }
    }
    for (name, value) in [
        ("rho", p.rho),
        ("lambda", p.lambda),
        ("lambda_2", p.lambda_2),
    ] {
        if value > PERTURBATIVE_LIMIT {
            return Err(Rejection::new(
                RejectionReason::OutOfRange(name),
                format!("{name} = {value} > sqrt(4 pi)"),
            ));
        }
    }
    // Lambda/M = Lambda_s^2/<X>^2 < 1: the seed's perturbative regime <X> >> Lambda_s (and
    // non-tachyonic messengers).
    let x = p.lambda_gm() / p.m_mess();
    if x >= 1.0 {
        return Err(Rejection::new(
            RejectionReason::OutOfRange("lambda_over_m"),
            format!("Lambda/M = Lambda_s^2/<X>^2 = {x:.4} >= 1"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{PhysicsConfig, Preset};
    use crate::constraints::BoundSetName;

    fn point() -> DdrInputs {
        DdrInputs {
            rho: 0.3,
            lambda: 0.3,
            lambda_2: 0.3,
            lambda_strong: 4.08e5,
            vev_x: 1.0e6,
            m_top: 165.0,
            sign_mu: MuSign::Plus,
        }
    }

    fn evaluator() -> DdrEvaluator {
        let physics = PhysicsConfig {
            n5: DDR_N5,
            ..PhysicsConfig::preset(Preset::Consistent)
        };
        DdrEvaluator {
            mssm: MssmEvaluator::new(physics, BoundSetName::Hmz1999),
            search: TanBetaSearch::default(),
        }
    }

    /// The seed's steps (a)-(c) redone: S minimises `V = |lambda_2 S N|^2 - (t S + c.c.)` with
    /// `N^2 = 2 lambda Lambda_s^2/lambda_2` and the tadpole `t = 25 lambda rho^3 Lambda_s^4/(16 pi^2
    /// <X>)`, so `S = t/(2 lambda lambda_2 Lambda_s^2)` and `mu = lambda_1 S`; minimising over N^2
    /// at S != 0 leaves `F_S = -lambda_2 |S|^2`, the one-loop `B_mu = lambda_1 F_S`; the two-loop
    /// m_N^2 adds `-50 lambda^2 lambda_1 lambda_2 rho^2/(16 pi^2)^2 Lambda_s^4/<X>^2`.
    #[test]
    fn mu_and_b_mu_are_the_seed_formulas() {
        let p = point();
        let (l, l2, rho, ls, x) = (p.lambda, p.lambda_2, p.rho, p.lambda_strong, p.vev_x);
        let t = 25.0 * l * rho.powi(3) * ls.powi(4) / (16.0 * PI * PI * x);
        let s = t / (2.0 * l * l2 * ls * ls);
        for lambda_1 in [0.7, -0.2] {
            let mu = mu_seed(&p, lambda_1);
            assert!((mu - lambda_1 * s).abs() <= 1e-14 * mu.abs(), "{mu}");
            let one_loop = lambda_1 * (-l2 * s * s);
            let two_loop = -50.0 * l * l * lambda_1 * l2 * rho * rho / (16.0 * PI * PI).powi(2)
                * ls.powi(4)
                / (x * x);
            let b_mu = b_mu_seed(&p, lambda_1);
            assert!(
                (b_mu - (one_loop + two_loop)).abs() <= 1e-13 * b_mu.abs(),
                "{b_mu}"
            );
        }
        // The seed's messenger scales.
        assert_eq!(p.m_mess(), rho * x);
        assert!((p.lambda_gm() - rho * ls * ls / x).abs() < 1e-9);
        assert_eq!(p.messengers().n5, 5.0);
    }

    #[test]
    fn solution_has_the_seed_mu_and_b_mu_and_solves_ewsb() {
        let ev = evaluator();
        let out = ev.evaluate(&point());
        assert!(out.failure.is_none(), "{:?}", out.failure);
        assert!(!out.solutions.is_empty());
        for s in &out.solutions {
            let e = &s.mssm.ewsb;
            // mu of the EWSB solution is the seed's mu at the solved lambda_1 (by construction),
            // and its B_mu the seed's |B_mu| (what the tan(beta) root enforces).
            assert!((mu_seed(&point(), s.lambda_1) - e.mu).abs() <= 1e-12 * e.mu.abs());
            assert!(
                (s.b_mu_seed.abs() - e.b_mu).abs() <= 1e-8 * e.b_mu,
                "{} vs {}",
                s.b_mu_seed,
                e.b_mu
            );
            // The (mu, B_mu) fixed point stops at 1e-13 (models::mssm::ewsb; every tadpole
            // analytic); the residuals of the stationarity conditions follow it.
            println!("scaled residuals {:?}", e.scaled_residuals());
            for r in e.scaled_residuals() {
                assert!(r.abs() < 1e-13, "scaled residual {r:e}");
            }
            assert!(s.tan_beta > 1.2 && s.tan_beta < 65.0);
            assert!((e.evolution.soft_q.m1 - s.mssm.soft_q().m1).abs() == 0.0);
        }
        // The relative sign is the discrete choice: lambda_1 and mu flip, |mu| does not move much.
        let minus = ev.evaluate(&DdrInputs {
            sign_mu: MuSign::Minus,
            ..point()
        });
        let (a, b) = (&out.solutions[0], &minus.solutions[0]);
        assert!(a.lambda_1 > 0.0 && b.lambda_1 < 0.0 && b.mssm.ewsb.mu < 0.0);
    }

    #[test]
    fn outside_the_seed_regime_is_a_named_rejection() {
        let ev = evaluator();
        let out = ev.evaluate(&DdrInputs {
            vev_x: 3.0e5,
            ..point()
        });
        assert_eq!(out.failure.unwrap().reason.key(), "range:lambda_over_m");
        let out = ev.evaluate(&DdrInputs {
            rho: -0.3,
            ..point()
        });
        assert_eq!(out.failure.unwrap().reason.key(), "invalid_input");
    }
}
