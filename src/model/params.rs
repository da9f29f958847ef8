//! Running parameters of the model and the inputs of a point.
//!
//! Sign conventions (docs/physics.md section 1, corrected 2026-11-29), used everywhere inside the
//! program. The printed `V_F` (with `+F_S`) follows from `W_HMZ` with the spurion F-term
//! `-F_S`, which would make the gaugino masses negative; the program uses the equivalent
//! description `W' = -W_HMZ` with `F' = F_S` and positive gaugino masses. Each soft trilinear is
//! the monomial of `W'` times its coupling times `a` (the uniform convention, SLHA's):
//!
//! `V ⊃ -lambda_N a_lambda N H_u H_d + (k/3) a_k N^3 + h.c.` (paper's `H_u H_d = +H_u^0 H_d^0`).
//!
//! The paper's soft potential `V ⊃ -(lambda_N A_lambda N H_u H_d + (k/3) A_k N^3 + h.c.)` then
//! gives `a_lambda = +A_lambda(paper)`, `a_k = -A_k(paper)` for the trilinears that enter V.
//! A_t is ambiguous in the paper (its V_soft implies `a_t = +A_t`, its RGEs `a_t = -A_t`); the
//! program follows the RGEs, the only place A_t enters the paper: `a_t = -A_t(paper)` (likewise
//! a_b, a_tau). The paper's Appendix A equations for A_lambda, A_k are likewise those of
//! `-a_lambda`, `+a_k` (the RGE module converts with that reading): they are the standard
//! one-loop RGEs of the uniform convention, so the running is unaffected by the V reading.
//!
//! The conversions live in [`a_lambda_from_paper`], [`SoftTerms::a_lambda_paper`] and friends;
//! CSV columns named after the paper's symbols use the paper's convention, SLHA output uses
//! SLHA's (= this uniform convention, with `lambda = lambda_N`, `kappa = +k`,
//! `mu_eff = lambda_N x + lambda_S y`).

use serde::{Deserialize, Serialize};

/// Dimensionless couplings (and the dimensionful superpotential couplings, which at fixed <S> are
/// plain numbers too). Gauge couplings in SM normalisation: g1 is g' here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Couplings {
    /// Hypercharge coupling g' (SM normalisation; the GUT-normalised one is sqrt(5/3) g').
    pub g1: f64,
    pub g2: f64,
    pub g3: f64,
    pub ht: f64,
    pub hb: f64,
    pub htau: f64,
    pub lambda_n: f64,
    pub lambda_s: f64,
    pub k: f64,
    pub xi_n: f64,
    pub xi_s: f64,
    pub eta_n: f64,
    pub eta_s: f64,
}

impl Couplings {
    /// The gauge couplings `gauge` and the third-generation Yukawas `(h_t, h_b, h_tau)` at Q
    /// (model::yukawa::YukawaSetup::yukawas); every singlet coupling 0. The common start of the
    /// NMSSM point and of the MSSM limit.
    pub fn gauge_and_yukawas(gauge: [f64; 3], yukawas: [f64; 3]) -> Couplings {
        let [g1, g2, g3] = gauge;
        let [ht, hb, htau] = yukawas;
        Couplings {
            g1,
            g2,
            g3,
            ht,
            hb,
            htau,
            ..Couplings::default()
        }
    }
}

/// Soft supersymmetry-breaking parameters [GeV or GeV^2]. Trilinears in the uniform convention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SoftTerms {
    /// Gaugino masses M_1, M_2, M_3.
    pub m1: f64,
    pub m2: f64,
    pub m3: f64,
    pub a_t: f64,
    pub a_b: f64,
    pub a_tau: f64,
    pub a_lambda: f64,
    pub a_k: f64,
    /// Third-generation sfermion soft masses squared: Q3 (= t_L in HMZ), U3 (t_R), D3 (b_R), L3, E3.
    pub mq3: f64,
    pub mu3: f64,
    pub md3: f64,
    pub ml3: f64,
    pub me3: f64,
    /// First/second-generation soft masses squared (gauge running only).
    pub mq1: f64,
    pub mu1: f64,
    pub md1: f64,
    pub ml1: f64,
    pub me1: f64,
    /// Higgs and singlet soft masses squared.
    pub mhu: f64,
    pub mhd: f64,
    pub mn: f64,
}

/// a_lambda (uniform convention) from A_lambda in the paper's convention: `a_lambda = +A_lambda`.
pub fn a_lambda_from_paper(a_lambda_paper: f64) -> f64 {
    a_lambda_paper
}

/// a_k (uniform convention) from A_k in the paper's convention: `a_k = -A_k`.
pub fn a_k_from_paper(a_k_paper: f64) -> f64 {
    -a_k_paper
}

impl SoftTerms {
    /// A_lambda in the paper's convention (= +a_lambda).
    pub fn a_lambda_paper(&self) -> f64 {
        self.a_lambda
    }
    /// A_k in the paper's convention (= -a_k).
    pub fn a_k_paper(&self) -> f64 {
        -self.a_k
    }
    /// A_t in the paper's convention as its RGEs define it (= -a_t; see the module header).
    pub fn a_t_paper(&self) -> f64 {
        -self.a_t
    }
}

/// The inputs of one parameter point (docs/physics.md section 2). The couplings are given at the EWSB
/// scale Q, except that `xi_S(M) = 1` is fixed by the model. The three couplings selected as
/// unknowns in the [`crate::config::PhysicsConfig`] are solved for; their values here are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointInputs {
    pub tan_beta: f64,
    /// <N> = x [GeV].
    pub vev_n: f64,
    /// <S> = y [GeV] (= the messenger mass M, since xi_S(M) = 1).
    pub vev_s: f64,
    /// Lambda = F_S / y [GeV].
    pub lambda_susy: f64,
    /// DR-bar running top mass m_t = h_t v_u [GeV].
    pub m_top: f64,
    pub lambda_s: f64,
    pub lambda_n: f64,
    pub k: f64,
    pub xi_n: f64,
    pub eta_s: f64,
    pub eta_n: f64,
    /// Messenger-sneutrino mass over <S>, for the relic density (HMZ sample it in [0.1, 1]).
    pub m_phi_over_s: f64,
}

impl PointInputs {
    /// F_S = Lambda * y [GeV^2].
    pub fn f_s(&self) -> f64 {
        self.lambda_susy * self.vev_s
    }
    /// x_mess = Lambda / M with M = y.
    pub fn x_mess(&self) -> f64 {
        self.lambda_susy / self.vev_s
    }
    /// The Table I inputs of HMZ (docs/physics.md section 10), with the printed solved couplings as the
    /// values of xi_N, eta_S, eta_N (used as a starting point only).
    pub fn table1() -> Self {
        Self {
            tan_beta: 24.3,
            vev_n: 413.0,
            vev_s: 97_000.0,
            lambda_susy: 77_000.0,
            m_top: 165.0,
            lambda_s: 3.0e-3,
            lambda_n: 0.31,
            k: 0.40,
            xi_n: 0.71,
            eta_s: 8.3e-3,
            eta_n: 0.87,
            m_phi_over_s: 10_700.0 / 97_000.0,
        }
    }
}
