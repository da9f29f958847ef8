//! The one-loop EWSB tadpoles of the MSSM limit from every particle (docs/physics.md section 12).
//!
//! A tadpole enters the EWSB conditions as a shift of a Higgs soft mass,
//! `m~_Hi^2 = m_Hi^2 + (dDV/dv_i)/(2 v_i)` (v = 174 GeV normalisation; SOFTSUSY's `-t_i/v_i`).
//! The engine's potential (model::potential) already carries the top/stop and the sbottom/stau
//! Coleman-Weinberg terms; this module gives the rest, sector by sector ([`Tadpoles`]):
//!
//! * **Coleman-Weinberg sectors**, gauge independent: `V_CW = (1/64 pi^2) sum (-1)^{2s} n_s
//!   m^4 (ln(m^2/Q^2) - 3/2)` over the field-dependent masses, differentiated analytically
//!   (Hellmann-Feynman: `dV/dv = (1/64 pi^2) sum (-1)^{2s} n_s f'(m^2) d(m^2)/dv` with
//!   `f'(x) = 2 x (ln|x/Q^2| - 1)`): the first- and second-family sfermions and all sneutrinos,
//!   whose masses depend on the VEVs only through the D-terms ([`light_sfermion_shifts`]), and the
//!   four neutralinos (Majorana, n = 2; model::spectrum::neutralino) and two charginos (Dirac,
//!   n = 4; model::spectrum::chargino) in the trace form, valid at degeneracies ([`ino_shifts`]).
//!   Both are exact in f64 at any mass (the earlier five-point differences carried rounding
//!   noise growing as m^4, which held the (mu, B_mu) fixed point at 1e-8).
//! * **Higgs bosons and W, Z** (gauge dependent): the 't Hooft-Feynman gauge closed forms of
//!   Pierce, Bagger, Matchev, Zhang (hep-ph/9606211, "PBMZ", appendix E, (E.1)-(E.2)), as coded in
//!   SOFTSUSY 4.1.22 (`doCalcTad{1,2}Higgs`, `doCalcTad{1,2}GaugeBosons`; the Goldstone loops
//!   are part of the W, Z term). The Higgs masses in the loop are the tree-level DR-bar ones of
//!   the running m_A^2 = 2 B_mu/sin(2 beta), M_Z, M_W (as SOFTSUSY's `forLoops`).
//!
//! Tests (models/mssm/tests.rs), each against an evaluation that shares no code with the one
//! tested: the Coleman-Weinberg function of every sector written once as an f64 function of
//! (v_d, v_u) and differentiated by Richardson-extrapolated five-point differences (its third
//! family, which the engine carries, against the engine's dual-number gradient); the inos also
//! against PBMZ's closed forms in the mixing matrices (SOFTSUSY `doCalcTad{1,2}Neutralinos`,
//! `doCalcTad{1,2}Charginos`), at Table I and at multi-TeV mu; the Higgs part against finite
//! differences of the Landau-gauge CW of the engine's tree-level Higgs mass matrix at a
//! tree-level minimum (its Goldstones are massless there, so the two gauges agree).

use std::f64::consts::PI;

use nalgebra::{Matrix4, SymmetricEigen};

use crate::model::params::SoftTerms;
use crate::model::spectrum::chargino::chargino_mass_matrix;
use crate::model::spectrum::neutralino::{
    neutralino_mass_matrix, NeutralinoInputs, MAX_EIGEN_ITERATIONS,
};
use crate::model::spectrum::pole::a0;
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs};

/// Everything the tadpoles depend on, at Q [GeV, GeV^2].
#[derive(Clone, Copy, Debug)]
pub struct TadpoleInputs<'a> {
    pub soft: &'a SoftTerms,
    /// g' (SM normalisation) and g_2 at Q.
    pub g1: f64,
    pub g2: f64,
    /// h_t, h_b, h_tau at Q (the fermion masses are h v_u, h v_d, h v_d).
    pub yukawas: [f64; 3],
    pub v_d: f64,
    pub v_u: f64,
    /// mu (SLHA sign) and B_mu (= SLHA m_3^2).
    pub mu: f64,
    pub b_mu: f64,
    pub q: f64,
}

/// Soft-mass shifts `(dDV/dv_d/(2 v_d), dDV/dv_u/(2 v_u))` [GeV^2] per sector.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tadpoles {
    pub light_sfermions: [f64; 2],
    pub inos: [f64; 2],
    pub higgs: [f64; 2],
    pub gauge: [f64; 2],
}

impl Tadpoles {
    /// The sectors beyond the engine's third-family CW term, for the EWSB conditions.
    pub fn of(inp: &TadpoleInputs) -> Self {
        Self {
            light_sfermions: light_sfermion_shifts(inp),
            inos: ino_shifts(inp),
            higgs: higgs_shifts(inp),
            gauge: gauge_shifts(inp),
        }
    }

    /// The sum of the sectors.
    pub fn total(&self) -> [f64; 2] {
        let parts = [self.light_sfermions, self.inos, self.higgs, self.gauge];
        [0, 1].map(|i| parts.iter().map(|p| p[i]).sum())
    }
}

/// The light-sfermion sector in closed form: its masses depend on the VEVs only through the
/// D-terms `m^2 = m_soft^2 + (g'^2 + g_2^2)(v_d^2 - v_u^2)(T_3 - Q s_W^2)/2`, so
/// `dV/dv_d/(2 v_d) = -dV/dv_u/(2 v_u) = sum n/(64 pi^2) m^2 (ln|m^2/Q^2| - 1) g_Z^2 (T_3 - Q s_W^2)`
/// (n = 2 N_c per complex scalar). Exact at any mass.
pub fn light_sfermion_shifts(inp: &TadpoleInputs) -> [f64; 2] {
    let [ht, hb, htau] = inp.yukawas;
    let sf = sfermions(&SfermionInputs {
        soft: *inp.soft,
        g1: inp.g1,
        g2: inp.g2,
        v_d: inp.v_d,
        v_u: inp.v_u,
        mu: inp.mu,
        m_top: ht * inp.v_u,
        m_bottom: hb * inp.v_d,
        m_tau: htau * inp.v_d,
    });
    let gz2 = inp.g1 * inp.g1 + inp.g2 * inp.g2;
    let sw2 = inp.g1 * inp.g1 / gz2;
    let q2 = inp.q * inp.q;
    // m^2 (ln|m^2/Q^2| - 1) (T_3 - Q s_W^2) of one state (zero for a massless one).
    let term = |m2: f64, t3: f64, charge: f64| {
        if m2 == 0.0 {
            0.0
        } else {
            m2 * ((m2 / q2).abs().ln() - 1.0) * (t3 - charge * sw2)
        }
    };
    // (T_3, Q) of the left-handed superfields (u-bar, d-bar, e-bar for the right states).
    let squarks = 3.0
        * (term(sf.sup_l2, 0.5, 2.0 / 3.0)
            + term(sf.sup_r2, 0.0, -2.0 / 3.0)
            + term(sf.sdown_l2, -0.5, -1.0 / 3.0)
            + term(sf.sdown_r2, 0.0, 1.0 / 3.0));
    let sleptons = term(sf.selectron_l2, -0.5, -1.0)
        + term(sf.selectron_r2, 0.0, 1.0)
        + term(sf.sneutrino_e2, 0.5, 0.0);
    let sum = 2.0 * (2.0 * (squarks + sleptons) + term(sf.sneutrino_tau2, 0.5, 0.0));
    let shift = sum * gz2 / (64.0 * PI * PI);
    [shift, -shift]
}

/// The neutralino and chargino tadpoles, analytic (Hellmann-Feynman in its trace form).
///
/// With `f(x) = x^2 (ln|x/Q^2| - 3/2)` (so `f'(x) = 2 x (ln|x/Q^2| - 1) = -2 A_0`), the CW
/// potential `-(2 sum_neutralinos + 4 sum_charginos) f(m^2)/(64 pi^2)` has the derivative
/// `dV/dv = -(1/64 pi^2) [2 Tr(f'(M^2) d(M^2)/dv) + 4 Tr(f'(X^T X) d(X^T X)/dv)]`.
/// For the real symmetric neutralino matrix M (SLHA basis B, W, H_d, H_u; model::spectrum::neutralino)
/// `Tr(f'(M^2) d(M^2)/dv) = Tr(g(M) dM/dv)` with `g(m) = 2 m f'(m^2)`, evaluated in the eigenbasis
/// as `sum_k g(m_k) e_k^T (dM/dv) e_k` (signed m_k); for the chargino matrix X
/// (model::spectrum::chargino) `Tr(f'(X^T X) d(X^T X)/dv) = 2 sum_k f'(m_k^2) u_k^T X^T (dX/dv) u_k`
/// with u_k the eigenvectors of X^T X. Both sums are functions of the matrix (`g(M)`,
/// `f'(X^T X)`), independent of the basis chosen inside a degenerate eigenspace, so they hold at
/// degeneracies. M and X are linear in (v_d, v_u):
/// `dM_13/dv_d = -g'/sqrt2, dM_23/dv_d = g_2/sqrt2, dM_14/dv_u = g'/sqrt2, dM_24/dv_u = -g_2/sqrt2`,
/// `dX_21/dv_d = g_2, dX_12/dv_u = g_2`.
///
/// Tested against the five-point differences of the CW function (Richardson-extrapolated) and
/// against PBMZ's closed forms in the mixing matrices (SOFTSUSY `doCalcTad{1,2}{Neutralinos,
/// Charginos}`), which share no code with this one (models/mssm/tests.rs). A non-finite or
/// non-converging neutralino matrix gives NaN shifts (the EWSB then fails by name).
pub fn ino_shifts(inp: &TadpoleInputs) -> [f64; 2] {
    let (v_d, v_u) = (inp.v_d, inp.v_u);
    let q2 = inp.q * inp.q;
    // f'(m^2) = 2 m^2 (ln|m^2/Q^2| - 1), zero for a massless state.
    let fprime = |m2: f64| {
        if m2 == 0.0 {
            0.0
        } else {
            2.0 * m2 * ((m2 / q2).abs().ln() - 1.0)
        }
    };
    let r2 = std::f64::consts::SQRT_2;
    let (g1, g2) = (inp.g1, inp.g2);

    // Neutralinos: sum_k g(m_k) e_k^T dM e_k, with e^T dM e = 2 e_i e_j dM_ij for the
    // off-diagonal entries above.
    let m = neutralino_mass_matrix(&NeutralinoInputs {
        m1: inp.soft.m1,
        m2: inp.soft.m2,
        mu: inp.mu,
        lambda_n: 0.0,
        v_d,
        v_u,
        singlino_mass: 0.0,
        g1,
        g2,
    });
    let m4: Matrix4<f64> = m.fixed_view::<4, 4>(0, 0).into_owned();
    let Some(eig) = SymmetricEigen::try_new(m4, f64::EPSILON, MAX_EIGEN_ITERATIONS) else {
        return [f64::NAN; 2];
    };
    let mut neutralino = [0.0; 2];
    for (k, &mk) in eig.eigenvalues.iter().enumerate() {
        let e = eig.eigenvectors.column(k);
        let g = 2.0 * mk * fprime(mk * mk);
        neutralino[0] += g * 2.0 * e[2] * (g2 * e[1] - g1 * e[0]) / r2;
        neutralino[1] += g * 2.0 * e[3] * (g1 * e[0] - g2 * e[1]) / r2;
    }

    // Charginos: X^T X = [[a, b], [b, d]], rotated by theta = atan2(2b, a - d)/2 to
    // diag(a cos^2 + 2 b cos sin + d sin^2, ...), eigenvectors u_1 = (c, s), u_2 = (-s, c).
    let x = chargino_mass_matrix(inp.soft.m2, inp.mu, g2, v_d, v_u);
    let xx = x.transpose() * x;
    let (a, b, d) = (xx[(0, 0)], xx[(0, 1)], xx[(1, 1)]);
    let (s, c) = (0.5 * (2.0 * b).atan2(a - d)).sin_cos();
    let mean = 0.5 * (a + d);
    let root = (0.5 * (a - d)).hypot(b);
    // dX/dv_d has only X_21 = g_2, dX/dv_u only X_12 = g_2: u^T X^T dX u = (X u)_2 g_2 u_1 for
    // v_d, (X u)_1 g_2 u_2 for v_u.
    let mut chargino = [0.0; 2];
    for (m2k, u) in [(mean + root, [c, s]), (mean - root, [-s, c])] {
        let xu = [
            x[(0, 0)] * u[0] + x[(0, 1)] * u[1],
            x[(1, 0)] * u[0] + x[(1, 1)] * u[1],
        ];
        let fp = fprime(m2k);
        chargino[0] += fp * 2.0 * xu[1] * g2 * u[0];
        chargino[1] += fp * 2.0 * xu[0] * g2 * u[1];
    }
    let norm = -1.0 / (64.0 * PI * PI);
    let vevs = [v_d, v_u];
    [0, 1].map(|i| norm * (2.0 * neutralino[i] + 4.0 * chargino[i]) / (2.0 * vevs[i]))
}

/// The tree-level Higgs masses-squared of the loops: (h, H, A, H+) and the SLHA angle alpha,
/// from the running m_A^2 = 2 B_mu/sin(2 beta), M_Z^2 = (g'^2 + g_2^2) v^2/2, M_W^2 = g_2^2 v^2/2.
pub fn tree_higgs(inp: &TadpoleInputs) -> ([f64; 4], f64) {
    let (cb, sb) = (inp.v_d, inp.v_u);
    let v2 = cb * cb + sb * sb;
    let (cb, sb) = (cb / v2.sqrt(), sb / v2.sqrt());
    let ma2 = inp.b_mu / (sb * cb);
    let mz2 = (inp.g1 * inp.g1 + inp.g2 * inp.g2) * v2 / 2.0;
    let mw2 = inp.g2 * inp.g2 * v2 / 2.0;
    // CP-even matrix in (Re H_d, Re H_u).
    let (a, b, d) = (
        ma2 * sb * sb + mz2 * cb * cb,
        -(ma2 + mz2) * sb * cb,
        ma2 * cb * cb + mz2 * sb * sb,
    );
    let (mh2, mhh2, alpha) = super::spectrum::even_eigen(nalgebra::Matrix2::new(a, b, b, d));
    ([mh2, mhh2, ma2, ma2 + mw2], alpha)
}

/// `A_0` of a mass-squared (a tachyonic tree-level mass at a trial B_mu enters as zero).
fn a0_sq(m2: f64, q: f64) -> f64 {
    a0(m2.max(0.0).sqrt(), q)
}

/// The h, H, A, H+ loops (PBMZ (E.1)-(E.2), SOFTSUSY `doCalcTad{1,2}Higgs`) as soft-mass shifts.
pub fn higgs_shifts(inp: &TadpoleInputs) -> [f64; 2] {
    let ([mh2, mhh2, ma2, mhp2], alpha) = tree_higgs(inp);
    let q = inp.q;
    let tb = inp.v_u / inp.v_d;
    let c2b = (1.0 - tb * tb) / (1.0 + tb * tb);
    let g2s = inp.g2 * inp.g2;
    let gz2 = inp.g1 * inp.g1 + g2s;
    let (sa, ca) = alpha.sin_cos();
    let (sa2, ca2, s2a) = (sa * sa, ca * ca, (2.0 * alpha).sin());
    let (ah, ahh, aa, ahp) = (a0_sq(mh2, q), a0_sq(mhh2, q), a0_sq(ma2, q), a0_sq(mhp2, q));
    let t1 = -gz2 * c2b / 8.0 * (aa + 2.0 * ahp)
        + g2s / 2.0 * ahp
        + gz2 / 8.0 * ah * (3.0 * sa2 - ca2 + s2a * tb)
        + gz2 / 8.0 * ahh * (3.0 * ca2 - sa2 - s2a * tb);
    let t2 = gz2 * c2b / 8.0 * (aa + 2.0 * ahp)
        + g2s / 2.0 * ahp
        + gz2 / 8.0 * ah * (3.0 * ca2 - sa2 + s2a / tb)
        + gz2 / 8.0 * ahh * (3.0 * sa2 - ca2 - s2a / tb);
    // SOFTSUSY's t_i/v_i enters as m_Hi^2 - t_i/v_i.
    [-t1, -t2].map(|t| t / (16.0 * PI * PI))
}

/// The W, Z (with their Goldstones and ghosts, 't Hooft-Feynman gauge) loops (PBMZ (E.1)-(E.2),
/// SOFTSUSY `doCalcTad{1,2}GaugeBosons`) as soft-mass shifts.
pub fn gauge_shifts(inp: &TadpoleInputs) -> [f64; 2] {
    let v2 = inp.v_d * inp.v_d + inp.v_u * inp.v_u;
    let tb = inp.v_u / inp.v_d;
    let c2b = (1.0 - tb * tb) / (1.0 + tb * tb);
    let g2s = inp.g2 * inp.g2;
    let gz2 = inp.g1 * inp.g1 + g2s;
    let (mz, mw) = ((gz2 * v2 / 2.0).sqrt(), (g2s * v2 / 2.0).sqrt());
    let (az, aw) = (a0(mz, inp.q), a0(mw, inp.q));
    let common = 3.0 / 4.0 * (g2s * 2.0 * aw + gz2 * az);
    let split = gz2 * c2b / 8.0 * (2.0 * aw + az);
    [-(common + split), -(common - split)].map(|t| t / (16.0 * PI * PI))
}
