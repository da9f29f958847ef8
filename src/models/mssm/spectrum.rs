//! The MSSM spectrum at Q (docs/physics.md section 12): the two-Higgs-doublet masses from the
//! Hessian of the engine's potential (decoupled singlet), the 4x4 neutralinos (the engine's SLHA
//! matrix without the singlino row), and the engine's charginos, gluino and sfermions; the
//! one-loop pole masses of the gluino and light squarks (model::spectrum::pole), of the
//! neutralinos and charginos (model::spectrum::ino_pole) and of the first/second-generation
//! sleptons (model::spectrum::sfermion_pole); the CP-odd pole mass with the one-loop A
//! self-energy ([`super::a_pole`]).

use nalgebra::Matrix2;
use serde::Serialize;

use crate::model::potential::mass_matrix;
use crate::model::spectrum::chargino::{charginos, Charginos};
use crate::model::spectrum::higgs::{charged_block_eigenvalues, neutral_goldstone_mass2};
use crate::model::spectrum::ino_pole::{
    diagonalise_neutralinos, ino_pole_masses, InoLoopInputs, InoPoleMasses, MixedPair,
};
use crate::model::spectrum::neutralino::{neutralino_mass_matrix, NeutralinoInputs};
use crate::model::spectrum::pole::{gluino_inputs, pole_masses, PoleMasses};
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs, SfermionPair, Sfermions};
use crate::model::spectrum::sfermion_pole::{
    sfermion_pole_masses, SfermionPoleMasses, ThirdFamilyInputs,
};

use super::a_pole::{a_pole_mass, AaLoopInputs};
use super::ewsb::EwsbSolution;
use super::tadpoles::TadpoleInputs;

/// The MSSM Higgs masses-squared [GeV^2] (tree level plus the top/stop Coleman-Weinberg term).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MssmHiggs {
    /// CP-even h and H (ascending).
    pub h_mass2: f64,
    pub heavy_mass2: f64,
    /// CP-even mixing angle alpha (SLHA ALPHA): h = -sin(a) Re H_d + cos(a) Re H_u, in (-pi/2, pi/2].
    pub alpha: f64,
    /// CP-odd A^0 = sin(b) Im H_d + cos(b) Im H_u.
    pub a_mass2: f64,
    pub charged_mass2: f64,
    /// The neutral Goldstone mass-squared (zero at a true stationary point, up to rounding).
    pub goldstone_mass2: f64,
}

impl MssmHiggs {
    /// Every physical mass-squared positive (NaN: no).
    pub fn is_minimum(&self) -> bool {
        self.h_mass2 > 0.0 && self.a_mass2 > 0.0 && self.charged_mass2 > 0.0
    }
}

/// Signed neutralino masses sorted by |m| and the real mixing N (SLHA NMIX, basis
/// (B~, W~3, H~d, H~u)).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MssmNeutralinos {
    pub masses: [f64; 4],
    pub mixing: [[f64; 4]; 4],
}

/// The spectrum of an MSSM solution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MssmSpectrum {
    pub higgs: MssmHiggs,
    pub neutralinos: MssmNeutralinos,
    pub charginos: Charginos,
    /// |M_3(Q)| (running).
    pub gluino: f64,
    pub sfermions: Sfermions,
    /// One-loop pole masses of the gluino and the light squarks (model::spectrum::pole, as the
    /// NMSSM preset).
    pub pole: PoleMasses,
    /// One-loop pole masses of the neutralinos and charginos (model::spectrum::ino_pole).
    pub ino_pole: InoPoleMasses,
    /// One-loop pole masses of the sleptons and stops (model::spectrum::sfermion_pole).
    pub sfermion_pole: SfermionPoleMasses,
    /// The CP-odd pole mass [GeV] with the one-loop A self-energy (module `a_pole`; NaN if
    /// tachyonic).
    pub a_pole: f64,
}

/// The spectrum at the solution's Q; `[m_t, m_b, m_tau]` are the running masses at Q of the
/// sfermion matrices (model::yukawa::YukawaSetup::running_masses).
pub fn spectrum(
    sol: &EwsbSolution,
    vevs: [f64; 3],
    [m_top, m_bottom, m_tau]: [f64; 3],
) -> MssmSpectrum {
    let c = &sol.evolution.couplings_q;
    let s = &sol.evolution.soft_q;
    let (v_d, v_u) = (vevs[0], vevs[1]);
    let mut spectrum = MssmSpectrum {
        higgs: higgs(sol, vevs),
        neutralinos: neutralinos(&NeutralinoInputs {
            m1: s.m1,
            m2: s.m2,
            mu: sol.mu,
            lambda_n: 0.0,
            v_d,
            v_u,
            singlino_mass: 0.0,
            g1: c.g1,
            g2: c.g2,
        }),
        charginos: charginos(s.m2, sol.mu, c.g2, v_d, v_u),
        gluino: s.m3.abs(),
        pole: PoleMasses::default(),
        ino_pole: InoPoleMasses {
            neutralinos: [f64::NAN; 4],
            charginos: [f64::NAN; 2],
        },
        sfermion_pole: SfermionPoleMasses::nan(),
        a_pole: f64::NAN,
        sfermions: sfermions(&SfermionInputs {
            soft: *s,
            g1: c.g1,
            g2: c.g2,
            v_d,
            v_u,
            mu: sol.mu,
            m_top,
            m_bottom,
            m_tau,
        }),
    };
    spectrum.pole = pole_masses(&gluino_inputs(
        s.m3,
        c.g3,
        sol.q,
        &spectrum.sfermions,
        [m_top, m_bottom],
    ));
    let loops = ino_loop_inputs(sol, vevs, [m_top, m_bottom, m_tau], &spectrum);
    spectrum.ino_pole = ino_pole_masses(&loops);
    let sf = &spectrum.sfermions;
    spectrum.sfermion_pole = sfermion_pole_masses(
        &loops,
        [sf.stau.mass2, sf.stop.mass2],
        &ThirdFamilyInputs {
            a_t: s.a_t,
            a_b: s.a_b,
            a_tau: s.a_tau,
            m3: s.m3,
            g3: c.g3,
        },
    );
    spectrum.a_pole = a_pole(sol, vevs, [m_top, m_bottom, m_tau], &spectrum);
    spectrum
}

/// The CP-odd pole mass: the loops with the spectrum's tree-level states, the tadpoles of the
/// solution (the engine's CW term and [`EwsbSolution::tadpoles`]).
fn a_pole(
    sol: &EwsbSolution,
    vevs: [f64; 3],
    [m_top, m_bottom, m_tau]: [f64; 3],
    sp: &MssmSpectrum,
) -> f64 {
    let c = &sol.evolution.couplings_q;
    let (v_d, v_u) = (vevs[0], vevs[1]);
    let dv = sol.stationarity.dv_gradient;
    let extra = sol.tadpoles.total();
    let shifts = [
        dv[0] / (2.0 * v_d) + extra[0],
        dv[1] / (2.0 * v_u) + extra[1],
    ];
    a_pole_mass(
        &AaLoopInputs {
            base: TadpoleInputs {
                soft: &sol.evolution.soft_q,
                g1: c.g1,
                g2: c.g2,
                yukawas: [m_top / v_u, m_bottom / v_d, m_tau / v_d],
                v_d,
                v_u,
                mu: sol.mu,
                b_mu: sol.b_mu,
                q: sol.q,
            },
            sfermions: &sp.sfermions,
            neutralinos: &sp.neutralinos,
            charginos: &sp.charginos,
        },
        shifts,
    )
}

/// The inputs of the ino and slepton self-energies: the running parameters at Q, the tree-level sfermion
/// masses and mixings of the spectrum (a tachyonic state enters at zero mass), the Higgs masses
/// with their CW terms; the Yukawas are the running masses over the VEVs, as in the sfermion
/// matrices.
fn ino_loop_inputs(
    sol: &EwsbSolution,
    vevs: [f64; 3],
    [m_top, m_bottom, m_tau]: [f64; 3],
    sp: &MssmSpectrum,
) -> InoLoopInputs {
    let c = &sol.evolution.couplings_q;
    let s = &sol.evolution.soft_q;
    let (v_d, v_u) = (vevs[0], vevs[1]);
    let m = |m2: f64| m2.max(0.0).sqrt();
    let sf = &sp.sfermions;
    let pair = |p: &SfermionPair| MixedPair {
        masses: p.mass2.map(m),
        mixing: p.mixing,
    };
    let h = &sp.higgs;
    InoLoopInputs {
        q: sol.q,
        g1: c.g1,
        g2: c.g2,
        v_d,
        v_u,
        yukawas: [m_top / v_u, m_bottom / v_d, m_tau / v_d],
        m1: s.m1,
        m2: s.m2,
        mu: sol.mu,
        sup: [m(sf.sup_l2), m(sf.sup_r2)],
        sdown: [m(sf.sdown_l2), m(sf.sdown_r2)],
        selectron: [m(sf.selectron_l2), m(sf.selectron_r2)],
        sneutrino_e: m(sf.sneutrino_e2),
        stop: pair(&sf.stop),
        sbottom: pair(&sf.sbottom),
        stau: pair(&sf.stau),
        sneutrino_tau: m(sf.sneutrino_tau2),
        higgs: [h.h_mass2, h.heavy_mass2, h.a_mass2, h.charged_mass2].map(m),
        alpha: h.alpha,
    }
}

/// The Higgs masses from half the Hessian of V (basis of `potential::FieldIndex`; the singlet
/// rows are zero in the embedding and are not used).
pub fn higgs(sol: &EwsbSolution, vevs: [f64; 3]) -> MssmHiggs {
    let m = mass_matrix(vevs, &sol.singlet, &sol.params);
    let tan_beta = vevs[1] / vevs[0];
    let (sb, cb) = (tan_beta.atan().sin(), tan_beta.atan().cos());
    let even = Matrix2::new(m[(0, 0)], m[(0, 1)], m[(1, 0)], m[(1, 1)]);
    let (h_mass2, heavy_mass2, alpha) = even_eigen(even);
    // m_A^2 = a^T M a on (Im H_d, Im H_u) with a = (sin b, cos b).
    let a = [sb, cb];
    let mut a_mass2 = 0.0;
    for i in 0..2 {
        for j in 0..2 {
            a_mass2 += a[i] * m[(3 + i, 3 + j)] * a[j];
        }
    }
    let charged = charged_block_eigenvalues(&m);
    MssmHiggs {
        h_mass2,
        heavy_mass2,
        alpha,
        a_mass2,
        charged_mass2: 0.5 * (charged[2] + charged[3]),
        goldstone_mass2: neutral_goldstone_mass2(&m, tan_beta),
    }
}

/// Eigenvalues (ascending) of the CP-even 2x2 in (Re H_d, Re H_u) and the SLHA angle alpha with
/// `h = -sin(a) Re H_d + cos(a) Re H_u`, `H = cos(a) Re H_d + sin(a) Re H_u`.
pub(super) fn even_eigen(m: Matrix2<f64>) -> (f64, f64, f64) {
    let (a, b, d) = (m[(0, 0)], m[(0, 1)], m[(1, 1)]);
    let mean = 0.5 * (a + d);
    let root = (0.5 * (a - d)).hypot(b);
    // H = (cos a, sin a) is the eigenvector of the larger eigenvalue: tan(2a) = 2b/(a - d).
    let mut alpha = 0.5 * (2.0 * b).atan2(a - d);
    if alpha <= -std::f64::consts::FRAC_PI_2 {
        alpha += std::f64::consts::PI;
    }
    (mean - root, mean + root, alpha)
}

/// The 4x4 MSSM neutralino matrix is the engine's SLHA 5x5 without the singlino row and column
/// (with lambda_N = 0 they decouple exactly); signed masses sorted by |m|, rows of N with their
/// largest component positive (ino_pole::diagonalise_neutralinos).
pub fn neutralinos(inp: &NeutralinoInputs) -> MssmNeutralinos {
    let m = neutralino_mass_matrix(inp)
        .fixed_view::<4, 4>(0, 0)
        .into_owned();
    match diagonalise_neutralinos(&m) {
        Some((masses, n)) => MssmNeutralinos {
            masses,
            mixing: std::array::from_fn(|i| std::array::from_fn(|j| n[(i, j)])),
        },
        None => MssmNeutralinos {
            masses: [f64::NAN; 4],
            mixing: [[f64::NAN; 4]; 4],
        },
    }
}
