//! Derived quantities of a solution (PHYSICS.md section 8): mu, B_mu (two evaluations),
//! B = B_mu/mu, fine-tuning, the NLSP, the messenger-sneutrino relic density and the domain-wall
//! numbers.

use serde::Serialize;

/// The next-to-lightest supersymmetric particle (the gravitino is the LSP).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Nlsp {
    Neutralino,
    Stau,
}

/// Messenger-sneutrino relic density (HMZ section IV).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RelicDensity {
    /// m_phi0 [GeV].
    pub m_phi: f64,
    /// theta = 2 xi_N (2 xi_S - eta_N) / (eta_N k).
    pub theta: f64,
    /// A = w(4 m^2), B = 3 [2 m^2 w'(s) - w(s)] at s = 4 m^2.
    pub a: f64,
    pub b: f64,
    /// kappa = T_f / m_phi0 from the iterative freeze-out condition.
    pub kappa: f64,
    pub omega_h2: f64,
}

/// Domain-wall numbers (HMZ section V), with v0 = <S> and T* = 10 MeV.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DomainWall {
    /// Lower bound on lambda' from lambda' lambda_S >~ (T* v0 / v^2)^2.
    pub lambda_prime_min: f64,
    /// mu' ~ lambda' lambda_S Lambda^2/(16 pi^2)^2 at lambda' = lambda_prime_min [GeV].
    pub mu_prime: f64,
    /// (mu' y)^(1/3) / v: about 1 or below means the electroweak scale is not destabilised.
    pub stability_ratio: f64,
}

/// Everything derived from a solution.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Derived {
    /// mu = lambda_N x + lambda_S y [GeV].
    pub mu: f64,
    /// B_mu from its definition (eq. `Bmu`) [GeV^2].
    pub b_mu: f64,
    /// mu from the mu^2 relation of the minimisation conditions (NaN if mu^2 < 0) [GeV].
    pub mu_from_relation: f64,
    /// B_mu from the sin(2 beta) relation [GeV^2].
    pub b_mu_from_sin2beta: f64,
    /// B = B_mu / mu [GeV].
    pub b_param: f64,
    /// Fine-tuning M_Z^2 / (2 mu^2) in percent.
    pub fine_tuning_percent: f64,
    pub nlsp: Nlsp,
    /// m_chi1 / m_stau1 (|m_chi1|).
    pub chi1_over_stau1: f64,
    /// Tadpole coefficient c in V ⊃ c x [GeV^3].
    pub tadpole_c: f64,
    pub relic: RelicDensity,
    pub domain_wall: DomainWall,
}
