//! The one-loop EWSB tadpoles of the MSSM limit from every particle (docs/physics.md section 12).
//!
//! A tadpole enters the EWSB conditions as a shift of a Higgs soft mass,
//! `m~_Hi^2 = m_Hi^2 + (dDV/dv_i)/(2 v_i)` (v = 174 GeV normalisation; SOFTSUSY's `-t_i/v_i`).
//! The engine's potential (model::potential) already carries the top/stop and the sbottom/stau
//! Coleman-Weinberg terms; this module gives the rest, sector by sector ([`Tadpoles`]):
//!
//! * **Coleman-Weinberg sectors**, gauge independent: `V_CW = (1/64 pi^2) sum (-1)^{2s} n_s
//!   m^4 (ln(m^2/Q^2) - 3/2)` over the field-dependent masses of the sfermions of all three
//!   families (SLHA matrices of model::spectrum::sfermion, first/second families without Yukawas),
//!   the top, bottom and tau, the four neutralinos (Majorana, n = 2; model::spectrum::neutralino)
//!   and two charginos (Dirac, n = 4; model::spectrum::chargino), written ONCE as an f64 function
//!   of (v_d, v_u) ([`cw_potential`]) and differentiated by the five-point central difference
//!   (step [`STEP`] v: truncation ~(h/m)^4 ~ 1e-11 relative for m ~ 100 GeV, rounding
//!   ~eps V/h, growing as m^4). The light sfermions (D-term-only VEV dependence) use the
//!   equivalent closed form [`light_sfermion_shifts`], exact at any mass; the inos the differences.
//! * **Higgs bosons and W, Z** (gauge dependent): the 't Hooft-Feynman gauge closed forms of
//!   Pierce, Bagger, Matchev, Zhang (hep-ph/9606211, "PBMZ", appendix E, (E.1)-(E.2)), as coded in
//!   SOFTSUSY 4.1.22 (`doCalcTad{1,2}Higgs`, `doCalcTad{1,2}GaugeBosons`; the Goldstone loops
//!   are part of the W, Z term). The Higgs masses in the loop are the tree-level DR-bar ones of
//!   the running m_A^2 = 2 B_mu/sin(2 beta), M_Z, M_W (as SOFTSUSY's `forLoops`).
//!
//! Tests (models/mssm/tests.rs): the third-family sector against the engine's dual-number
//! gradient of its own CW term, the light-sfermion closed form against differences of the CW
//! function, the Higgs part against finite differences of the Landau-gauge CW of the engine's
//! tree-level Higgs mass matrix at a tree-level minimum (its Goldstones are massless there, so the
//! two gauges agree). The neutralino and chargino parts have no separate test: they are checked
//! only through the EWSB outputs against SOFTSUSY (tests/mssm_reference.rs, matched mu within
//! 0.65 %).

use std::f64::consts::PI;

use nalgebra::{Matrix4, SymmetricEigen};

use crate::model::params::SoftTerms;
use crate::model::potential::cw_piece;
use crate::model::spectrum::chargino::chargino_mass_matrix;
use crate::model::spectrum::neutralino::{neutralino_mass_matrix, NeutralinoInputs};
use crate::model::spectrum::pole::a0;
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs};

/// Central-difference step of the CW derivatives, relative to v = sqrt(v_d^2 + v_u^2).
pub const STEP: f64 = 1e-3;

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

/// The sectors of the CW potential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sector {
    /// Stops, sbottoms, staus and the top, bottom, tau (the engine's potential has them).
    ThirdFamily,
    /// The first- and second-family squarks and sleptons and all three sneutrinos.
    LightSfermions,
    /// Neutralinos and charginos.
    Inos,
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
            inos: cw_shifts(inp, Sector::Inos),
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
/// (n = 2 N_c per complex scalar). Exact, without the rounding of the finite differences, which
/// grows as m^4 for multi-TeV sfermions; the test compares it with [`cw_shifts`] of
/// [`Sector::LightSfermions`].
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

/// `(dV/dv_d/(2 v_d), dV/dv_u/(2 v_u))` of one CW sector by the five-point central difference
/// `f' = (8 (f(h) - f(-h)) - (f(2h) - f(-2h)))/(12 h)`.
pub fn cw_shifts(inp: &TadpoleInputs, sector: Sector) -> [f64; 2] {
    let h = STEP * inp.v_d.hypot(inp.v_u);
    let derivative =
        |f: &dyn Fn(f64) -> f64| (8.0 * (f(h) - f(-h)) - (f(2.0 * h) - f(-2.0 * h))) / (12.0 * h);
    let along_d = |d: f64| cw_potential(inp, inp.v_d + d, inp.v_u, sector);
    let along_u = |d: f64| cw_potential(inp, inp.v_d, inp.v_u + d, sector);
    [
        derivative(&along_d) / (2.0 * inp.v_d),
        derivative(&along_u) / (2.0 * inp.v_u),
    ]
}

/// One sector's Coleman-Weinberg potential at the VEVs (v_d, v_u) with the couplings and soft
/// terms of `inp` (module docs): `(1/64 pi^2) sum n m^4 (ln|m^2/Q^2| - 3/2)`, n = 2 N_c per
/// complex scalar, -4 N_c per Dirac fermion, -2 per Majorana fermion.
pub fn cw_potential(inp: &TadpoleInputs, v_d: f64, v_u: f64, sector: Sector) -> f64 {
    let q2 = inp.q * inp.q;
    let p = |m2: f64| cw_piece(m2, q2);
    let sum = match sector {
        Sector::ThirdFamily | Sector::LightSfermions => {
            let [ht, hb, htau] = inp.yukawas;
            let sf = sfermions(&SfermionInputs {
                soft: *inp.soft,
                g1: inp.g1,
                g2: inp.g2,
                v_d,
                v_u,
                mu: inp.mu,
                m_top: ht * v_u,
                m_bottom: hb * v_d,
                m_tau: htau * v_d,
            });
            if sector == Sector::ThirdFamily {
                let pair = |m: [f64; 2]| p(m[0]) + p(m[1]);
                let fermion = |m: f64| p(m * m);
                2.0 * (3.0 * pair(sf.stop.mass2)
                    + 3.0 * pair(sf.sbottom.mass2)
                    + pair(sf.stau.mass2))
                    - 4.0
                        * (3.0 * fermion(ht * v_u) + 3.0 * fermion(hb * v_d) + fermion(htau * v_d))
            } else {
                // Two light families (no Yukawas, equal masses), three sneutrinos.
                let squarks = 3.0 * (p(sf.sup_l2) + p(sf.sup_r2) + p(sf.sdown_l2) + p(sf.sdown_r2));
                let sleptons = p(sf.selectron_l2) + p(sf.selectron_r2) + p(sf.sneutrino_e2);
                2.0 * (2.0 * (squarks + sleptons) + p(sf.sneutrino_tau2))
            }
        }
        Sector::Inos => {
            let m = neutralino_mass_matrix(&NeutralinoInputs {
                m1: inp.soft.m1,
                m2: inp.soft.m2,
                mu: inp.mu,
                lambda_n: 0.0,
                v_d,
                v_u,
                singlino_mass: 0.0,
                g1: inp.g1,
                g2: inp.g2,
            });
            let m4: Matrix4<f64> = m.fixed_view::<4, 4>(0, 0).into_owned();
            let neutralinos: f64 = SymmetricEigen::new(m4)
                .eigenvalues
                .iter()
                .map(|&m| p(m * m))
                .sum();
            // Chargino masses^2: eigenvalues of X^T X (2x2, closed form).
            let x = chargino_mass_matrix(inp.soft.m2, inp.mu, inp.g2, v_d, v_u);
            let xx = x.transpose() * x;
            let mean = 0.5 * (xx[(0, 0)] + xx[(1, 1)]);
            let root = (0.5 * (xx[(0, 0)] - xx[(1, 1)])).hypot(xx[(0, 1)]);
            -2.0 * neutralinos - 4.0 * (p(mean - root) + p(mean + root))
        }
    };
    sum / (64.0 * PI * PI)
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
