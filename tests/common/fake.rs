//! Test support: a cheap, deterministic stand-in for the physics, so the scan driver's tests
//! exercise every outcome path without the cost of the real pipeline. Its numbers mean
//! nothing physically; it only exercises every path: viable points with one or two solutions,
//! point failures, rejected solutions, and (optionally) panics.

use gmsbscan::constraints::{Rejection, RejectionReason};
use gmsbscan::model::derived::{Derived, DomainWall, LhcDerived, Nlsp, RelicDensity};
use gmsbscan::model::gravitino::{gravitino_mass, GravitinoDerived, NlspKind};
use gmsbscan::model::messenger_dm::MessengerDm;
use gmsbscan::model::params::{Couplings, PointInputs, SoftTerms};
use gmsbscan::model::spectrum::{
    Charginos, HiggsSpectrum, Neutralinos, PoleMasses, SfermionPair, Sfermions, Spectrum,
};
use gmsbscan::point::{EwsbDiagnostics, PointOutcome, Solution, Vevs};

use gmsbscan::scan::PointEvaluator;

/// A deterministic fake evaluator: the outcome is a function of the inputs only.
#[derive(Clone, Copy, Debug, Default)]
pub struct FakeEvaluator {
    /// Panic on about 3 % of the points (to exercise the `internal_error` path).
    pub panics: bool,
}

/// A number in [0, 1) derived from the inputs.
fn fraction(inputs: &PointInputs) -> f64 {
    (inputs.tan_beta * 1000.0 + inputs.vev_n).fract()
}

/// A complete solution with values derived from the inputs.
pub fn fake_solution(
    inputs: &PointInputs,
    index: usize,
    verdict: Result<(), Rejection>,
) -> Solution {
    let couplings = Couplings {
        g1: 0.36,
        g2: 0.65,
        g3: 1.06,
        ht: inputs.m_top / 174.0,
        hb: 0.0,
        htau: 0.0,
        lambda_n: inputs.lambda_n,
        lambda_s: inputs.lambda_s,
        k: inputs.k,
        xi_n: 0.5 - fraction(inputs),
        xi_s: 0.94,
        eta_n: 0.6 + 0.3 * fraction(inputs),
        eta_s: 0.01 * index as f64,
    };
    let lam = inputs.lambda_susy;
    let soft = SoftTerms {
        m1: 1.4e-3 * lam,
        m2: 2.7e-3 * lam,
        m3: 8.4e-3 * lam,
        a_t: 0.0,
        a_b: 0.0,
        a_tau: 0.0,
        a_lambda: -10.0,
        a_k: -30.0,
        mq3: (1.2e-2 * lam).powi(2),
        mu3: (1.1e-2 * lam).powi(2),
        md3: (1.1e-2 * lam).powi(2),
        ml3: (3.5e-3 * lam).powi(2),
        me3: (1.6e-3 * lam).powi(2),
        mq1: (1.3e-2 * lam).powi(2),
        mu1: (1.2e-2 * lam).powi(2),
        md1: (1.2e-2 * lam).powi(2),
        ml1: (3.6e-3 * lam).powi(2),
        me1: (1.7e-3 * lam).powi(2),
        mhu: -(5.0e-3 * lam).powi(2),
        mhd: (3.6e-3 * lam).powi(2),
        mn: -(1e3_f64).powi(2),
    };
    let mu = inputs.lambda_n * inputs.vev_n + inputs.lambda_s * inputs.vev_s;
    let pair = |a: f64, b: f64| SfermionPair {
        mass2: [a * a, b * b],
        mixing: [[1.0, 0.0], [0.0, 1.0]],
    };
    let m_chi1 = 1.3e-3 * lam;
    let m_stau1 = 1.5e-3 * lam * (1.0 - inputs.tan_beta / 200.0);
    Solution {
        index,
        q_scale: 1.15e-2 * lam,
        m_mess: inputs.vev_s,
        tan_beta_mz: 1.04 * inputs.tan_beta,
        vevs: Vevs {
            v_d: 174.0 / (1.0 + inputs.tan_beta.powi(2)).sqrt(),
            v_u: 174.0 * inputs.tan_beta / (1.0 + inputs.tan_beta.powi(2)).sqrt(),
            x: inputs.vev_n,
            y: inputs.vev_s,
            f_s: inputs.f_s(),
        },
        couplings_q: couplings,
        couplings_m: Couplings {
            xi_s: 1.0,
            ..couplings
        },
        soft_m: soft,
        soft_q: soft,
        // Not used by the driver tests (tests/slha_vacuum.rs checks real solutions).
        vacuum: Default::default(),
        deeper_minimum: Default::default(),
        ewsb: EwsbDiagnostics {
            scaled_residuals: [1e-12, -2e-12, 3e-13],
            solver: "fake",
            start: index,
            q_iterations: 3,
        },
        spectrum: Spectrum {
            higgs: HiggsSpectrum {
                even_mass2: [110.0f64.powi(2), 400.0f64.powi(2), 5e3f64.powi(2)],
                even_mixing: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                odd_mass2: [450.0f64.powi(2), 6e3f64.powi(2)],
                odd_mixing: [[1.0, 0.0], [0.0, 1.0]],
                charged_mass2: 460.0f64.powi(2),
            },
            neutralinos: Neutralinos {
                masses: [m_chi1, 2.0 * m_chi1, -mu, mu + 5.0, 700.0],
                mixing: [[0.0; 5]; 5],
            },
            charginos: Charginos {
                masses: [2.0 * m_chi1, mu + 10.0],
                u: [[1.0, 0.0], [0.0, 1.0]],
                v: [[1.0, 0.0], [0.0, 1.0]],
            },
            gluino: 8.4e-3 * lam,
            sfermions: Sfermions {
                stop: pair(1.1e-2 * lam, 1.2e-2 * lam),
                sbottom: pair(1.1e-2 * lam, 1.15e-2 * lam),
                stau: pair(m_stau1, 3.7e-3 * lam),
                sneutrino_tau2: (3.4e-3 * lam).powi(2),
                selectron_l2: (3.6e-3 * lam).powi(2),
                selectron_r2: (1.7e-3 * lam).powi(2),
                sneutrino_e2: (3.5e-3 * lam).powi(2),
                sup_l2: (1.3e-2 * lam).powi(2),
                sup_r2: (1.2e-2 * lam).powi(2),
                sdown_l2: (1.3e-2 * lam).powi(2),
                sdown_r2: (1.2e-2 * lam).powi(2),
            },
            pole: PoleMasses {
                gluino: 9.3e-3 * lam,
                sup_l: 1.35e-2 * lam,
                sup_r: 1.25e-2 * lam,
                sdown_l: 1.35e-2 * lam,
                sdown_r: 1.25e-2 * lam,
            },
        },
        m_h: 110.0,
        m_h_uncertainty: 1.0,
        derived: Derived {
            mu,
            b_mu: 1e4 * inputs.tan_beta,
            mu_from_relation: mu,
            b_mu_from_sin2beta: 1e4 * inputs.tan_beta,
            b_param: 1e4 * inputs.tan_beta / mu,
            fine_tuning_percent: 100.0 * 91.1876f64.powi(2) / (2.0 * mu * mu),
            nlsp: if m_chi1 < m_stau1 {
                Nlsp::Neutralino
            } else {
                Nlsp::Stau
            },
            chi1_over_stau1: m_chi1 / m_stau1,
            tadpole_c: 1e9,
            relic: RelicDensity {
                m_phi: inputs.m_phi_over_s * inputs.vev_s,
                theta: 0.1,
                a: 1e-9,
                b: 1e-10,
                kappa: 0.04,
                omega_h2: 0.3 * inputs.m_phi_over_s,
            },
            domain_wall: DomainWall {
                lambda_prime_min: 1e-3,
                mu_prime: 1.0,
                stability_ratio: 0.5,
            },
            lhc: LhcDerived {
                sm_like_index: 0,
                sm_like_xi2: 0.99,
                sm_like_doublet: 0.995,
                gamma: 1e-4,
                gravitino: GravitinoDerived {
                    f0: lam * inputs.vev_s,
                    mass: gravitino_mass(lam * inputs.vev_s),
                    nlsp: if m_chi1 < m_stau1 {
                        NlspKind::Neutralino
                    } else {
                        NlspKind::Stau
                    },
                    nlsp_ctau_m: 1e-3,
                    br_photon: 0.8,
                    br_z: 0.15,
                    br_h: 0.05,
                },
                dm: MessengerDm {
                    m_phi_relic: 0.1 * inputs.vev_s,
                    sigma_n_cm2: 2e-39,
                    limit_cm2: 3e-47 * inputs.vev_s / 1e4,
                    excluded: true,
                    split_needed_kev: 600.0,
                },
            },
        },
        verdict,
    }
}

impl PointEvaluator for FakeEvaluator {
    fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        let f = fraction(inputs);
        let mut outcome = PointOutcome {
            inputs: *inputs,
            solutions: Vec::new(),
            failure: None,
        };
        if self.panics && f < 0.03 {
            panic!("fake physics panics at tan_beta = {}", inputs.tan_beta);
        }
        let rejected = |reason, detail: &str| Err(Rejection::new(reason, detail));
        if f < 0.25 {
            outcome.failure = Some(Rejection::new(
                RejectionReason::NoEwsb,
                format!("no starting point converged (fake, f = {f:.3})"),
            ));
        } else if f < 0.40 {
            outcome.solutions.push(fake_solution(
                inputs,
                0,
                rejected(
                    RejectionReason::Bound("gluino"),
                    "m_gluino < 190 GeV (fake)",
                ),
            ));
        } else if f < 0.50 {
            outcome.solutions.push(fake_solution(
                inputs,
                0,
                rejected(RejectionReason::OutOfRange("xi_n"), "|xi_N(M)| > 1 (fake)"),
            ));
        } else if f < 0.60 {
            // Two solutions, the first rejected, the second viable.
            outcome.solutions.push(fake_solution(
                inputs,
                0,
                rejected(
                    RejectionReason::NotAMinimum,
                    "m_P1^2 < 0 (fake, \"quoted\", a,b)",
                ),
            ));
            outcome.solutions.push(fake_solution(inputs, 1, Ok(())));
        } else if f < 0.70 {
            outcome.solutions.push(fake_solution(inputs, 0, Ok(())));
            outcome.solutions.push(fake_solution(inputs, 1, Ok(())));
        } else {
            outcome.solutions.push(fake_solution(inputs, 0, Ok(())));
        }
        outcome
    }
}
