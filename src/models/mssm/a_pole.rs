//! The CP-odd Higgs pole mass of the MSSM limit (docs/physics.md section 12).
//!
//! `m_A,pole^2 = m_A^2(Q) + s_b^2 t_1/v_1 + c_b^2 t_2/v_2 - Pi_AA(m_A,pole^2)`, with the running
//! DR-bar `m_A^2(Q) = 2 B_mu/sin(2 beta)` of the EWSB solution (it carries the one-loop tadpoles
//! of every particle), the same tadpoles `t_i/v_i` (= minus the soft-mass shifts of
//! [`super::tadpoles`] and the engine's CW term), which cancel their part of m_A^2(Q), and the
//! one-loop A self-energy without tadpole diagrams, Pierce, Bagger, Matchev, Zhang
//! (hep-ph/9606211, "PBMZ") appendix E (E.3)-type, as SOFTSUSY 4.1.22 codes it (`piAA`, 't
//! Hooft-Feynman gauge): top, bottom, tau; the sfermions of all families (quartic D-term and
//! Yukawa couplings and the A-f~_1-f~_2 trilinears of the third family; the first-two-family
//! Yukawas, below 1e-3 of h_b, are left out); neutralinos and charginos; h, H, A, H+ with W, Z
//! and the Goldstones. p^2 is iterated to the pole. The two-loop pieces SOFTSUSY adds (its
//! O(alpha_t alpha_s ...) tadpoles and `dMA`) are not included.
//!
//! Couplings of A = sin(b) Im H_d + cos(b) Im H_u to the inos: the derivative of the SLHA mass
//! matrices along A (both doublets enter them conjugated, `-sqrt2 g H^* T psi lambda`), rotated to
//! the mass basis; for Majorana neutralinos with real N and signed masses the PBMZ sum
//! `(1/2) f G - g m_i m_j B_0` is `r_ij^2 (G(m_i, m_j) + 2 m_i m_j B_0)` with `r = N C N^T`
//! (signed m); for charginos with `K = U C V^T`, `f = K_ij^2 + K_ji^2`, `g = -2 K_ij K_ji`.
//! Tests: the p -> 0 limit of the third-family part against the CP-odd second derivative of the
//! engine's CW term, and m_A,pole against SOFTSUSY's (tests/mssm_reference.rs).

use std::f64::consts::{PI, SQRT_2};

use nalgebra::{Matrix2, Matrix4};

use crate::model::spectrum::chargino::Charginos;
use crate::model::spectrum::pole::{a0, b0, f_pv, g_pv};
use crate::model::spectrum::sfermion::{SfermionPair, Sfermions};

use super::spectrum::MssmNeutralinos;
use super::tadpoles::{tree_higgs, TadpoleInputs};

/// Iterations of p^2 = m_A,pole^2 (it converges to 1e-6 in three or four).
const POLE_ITERATIONS: usize = 20;
const POLE_TOLERANCE: f64 = 1e-10;

/// The states of the A self-energy at Q (tree-level DR-bar masses).
pub struct AaLoopInputs<'a> {
    /// Couplings, VEVs, mu, B_mu, soft terms, Q (h_t, h_b, h_tau: `yukawas`).
    pub base: TadpoleInputs<'a>,
    pub sfermions: &'a Sfermions,
    pub neutralinos: &'a MssmNeutralinos,
    pub charginos: &'a Charginos,
}

/// The one-loop A self-energy Pi_AA(p) without tadpoles [GeV^2] (module docs).
pub fn pi_aa(inp: &AaLoopInputs, p: f64) -> f64 {
    let sf: f64 = sfermion_part(inp, p).iter().sum();
    let ino = ino_part(inp, p);
    let higgs = higgs_part(inp, p);
    (sf + ino + higgs) / (16.0 * PI * PI)
}

/// The A pole mass: `m^2 = m_A^2(Q) - s_b^2 S_d - c_b^2 S_u - Pi_AA(m)`, with the total soft-mass
/// shifts `shifts = (S_d, S_u) = -(t_1/v_1, t_2/v_2)`; NaN if m^2 < 0.
pub fn a_pole_mass(inp: &AaLoopInputs, shifts: [f64; 2]) -> f64 {
    let b = &inp.base;
    let v2 = b.v_d * b.v_d + b.v_u * b.v_u;
    let (cb2, sb2) = (b.v_d * b.v_d / v2, b.v_u * b.v_u / v2);
    let ma2_run = b.b_mu / (sb2 * cb2).sqrt();
    let fixed = ma2_run - sb2 * shifts[0] - cb2 * shifts[1];
    let mut m2 = ma2_run;
    for _ in 0..POLE_ITERATIONS {
        let next = fixed - pi_aa(inp, m2.max(0.0).sqrt());
        let done = (next - m2).abs() <= POLE_TOLERANCE * m2.abs();
        m2 = next;
        if done {
            break;
        }
    }
    if m2 >= 0.0 {
        m2.sqrt()
    } else {
        f64::NAN
    }
}

/// `(cos b, sin b, cos 2b, sin 2b)`.
fn beta_trig(b: &TadpoleInputs) -> (f64, f64, f64, f64) {
    let v = b.v_d.hypot(b.v_u);
    let (cb, sb) = (b.v_d / v, b.v_u / v);
    (cb, sb, cb * cb - sb * sb, 2.0 * sb * cb)
}

fn mass(m2: f64) -> f64 {
    m2.max(0.0).sqrt()
}

/// Quarks, leptons and sfermions of all families, times 16 pi^2: [third family (t, b, tau and
/// their sfermions), first two families and the sneutrinos].
pub(crate) fn sfermion_part(inp: &AaLoopInputs, p: f64) -> [f64; 2] {
    let b = &inp.base;
    let q = b.q;
    let (cb, sb, c2b, _) = beta_trig(b);
    let [ht, hb, htau] = b.yukawas;
    let gz2 = b.g1 * b.g1 + b.g2 * b.g2;
    let sw2 = b.g1 * b.g1 / gz2;
    // Neutral-current couplings T_3 - Q s_W^2 of the left-handed superfields (SOFTSUSY's g_fL,
    // g_fR); the AA-f~f~ quartic D-term coupling is -(g_Z^2/2) cos(2b) g_f.
    let (gul, gur) = (0.5 - 2.0 * sw2 / 3.0, 2.0 * sw2 / 3.0);
    let (gdl, gdr) = (-0.5 + sw2 / 3.0, -sw2 / 3.0);
    let (gel, ger, gnu) = (-0.5 + sw2, -sw2, 0.5);
    let d = |g: f64| -gz2 * c2b / 2.0 * g;
    let a = |m2: f64| a0(mass(m2), q);
    let sf = inp.sfermions;
    // Fermions: N_c h^2 (c_b^2 or s_b^2) (p^2 B_0(m_f, m_f) - 2 A_0(m_f)).
    let fermion = |h: f64, v: f64, share: f64| {
        let m = h * v;
        share * h * h * (p * p * b0(p, m, m, q) - 2.0 * a0(m, q))
    };
    let fermions = 3.0 * fermion(ht, b.v_u, cb * cb)
        + 3.0 * fermion(hb, b.v_d, sb * sb)
        + fermion(htau, b.v_d, sb * sb);
    // A mixed pair: quartic (Yukawa share + D-term) by L/R content, and the A-f~1-f~2 trilinear
    // `(h mu s_b + h a c_b)/sqrt2` (up type) or `(h mu c_b + h a s_b)/sqrt2` (down type).
    let pair = |pr: &SfermionPair, yukawa2: f64, gl: f64, gr: f64, tri: f64| {
        let m = pr.mass2.map(mass);
        let r = pr.mixing;
        let quartic: f64 = (0..2)
            .map(|i| {
                ((yukawa2 + d(gl)) * r[i][0] * r[i][0] + (yukawa2 + d(gr)) * r[i][1] * r[i][1])
                    * a0(m[i], q)
            })
            .sum();
        quartic + tri * tri * (b0(p, m[0], m[1], q) + b0(p, m[1], m[0], q))
    };
    let s = b.soft;
    let stops = pair(
        &sf.stop,
        ht * ht * cb * cb,
        gul,
        gur,
        ht * (b.mu * sb + s.a_t * cb) / SQRT_2,
    );
    let sbottoms = pair(
        &sf.sbottom,
        hb * hb * sb * sb,
        gdl,
        gdr,
        hb * (b.mu * cb + s.a_b * sb) / SQRT_2,
    );
    let staus = pair(
        &sf.stau,
        htau * htau * sb * sb,
        gel,
        ger,
        htau * (b.mu * cb + s.a_tau * sb) / SQRT_2,
    );
    // First two families (two each), D-terms only; three sneutrinos.
    let light = 2.0
        * (3.0 * (d(gul) * a(sf.sup_l2) + d(gur) * a(sf.sup_r2))
            + 3.0 * (d(gdl) * a(sf.sdown_l2) + d(gdr) * a(sf.sdown_r2))
            + d(gel) * a(sf.selectron_l2)
            + d(ger) * a(sf.selectron_r2)
            + d(gnu) * a(sf.sneutrino_e2))
        + d(gnu) * a(sf.sneutrino_tau2);
    [fermions + 3.0 * stops + 3.0 * sbottoms + staus, light]
}

/// Neutralinos and charginos (module docs for the couplings).
fn ino_part(inp: &AaLoopInputs, p: f64) -> f64 {
    let b = &inp.base;
    let q = b.q;
    let (cb, sb, _, _) = beta_trig(b);
    let (g1, g2) = (b.g1, b.g2);
    // d M/dA of the SLHA 4x4 neutralino matrix (B~, W~3, H~d, H~u), up to the factor -i.
    let mut c = Matrix4::<f64>::zeros();
    let set = |c: &mut Matrix4<f64>, i: usize, j: usize, x: f64| {
        c[(i, j)] = x;
        c[(j, i)] = x;
    };
    set(&mut c, 0, 2, -sb * g1 / 2.0);
    set(&mut c, 1, 2, sb * g2 / 2.0);
    set(&mut c, 0, 3, cb * g1 / 2.0);
    set(&mut c, 1, 3, -cb * g2 / 2.0);
    let n = Matrix4::from_fn(|i, j| inp.neutralinos.mixing[i][j]);
    let r = n * c * n.transpose();
    let m = inp.neutralinos.masses;
    let mut neutralinos = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            let (mi, mj) = (m[i].abs(), m[j].abs());
            neutralinos +=
                r[(i, j)].powi(2) * (g_pv(p, mi, mj, q) + 2.0 * m[i] * m[j] * b0(p, mi, mj, q));
        }
    }
    // d X/dA of the chargino matrix X = [[M2, g v_u], [g v_d, mu]] (up to -i).
    let cx = Matrix2::new(0.0, cb * g2 / SQRT_2, sb * g2 / SQRT_2, 0.0);
    let ch = inp.charginos;
    let u = Matrix2::from_fn(|i, j| ch.u[i][j]);
    let v = Matrix2::from_fn(|i, j| ch.v[i][j]);
    let k = u * cx * v.transpose();
    let mc = ch.masses;
    let mut charginos = 0.0;
    for i in 0..2 {
        for j in 0..2 {
            let f = k[(i, j)].powi(2) + k[(j, i)].powi(2);
            let g = -2.0 * k[(i, j)] * k[(j, i)];
            charginos +=
                f * g_pv(p, mc[i], mc[j], q) - 2.0 * g * mc[i] * mc[j] * b0(p, mc[i], mc[j], q);
        }
    }
    neutralinos + charginos
}

/// h, H, A, H+ with W, Z and Goldstones (SOFTSUSY `piAA`, 't Hooft-Feynman gauge).
fn higgs_part(inp: &AaLoopInputs, p: f64) -> f64 {
    let b = &inp.base;
    let q = b.q;
    let (cb, sb, c2b, s2b) = beta_trig(b);
    let v2 = b.v_d * b.v_d + b.v_u * b.v_u;
    let g2s = b.g2 * b.g2;
    let gz2 = b.g1 * b.g1 + g2s;
    let cw2 = g2s / gz2;
    let sw2 = 1.0 - cw2;
    let (mz, mw) = ((gz2 * v2 / 2.0).sqrt(), (g2s * v2 / 2.0).sqrt());
    let ([mh2, mhh2, ma2, mhp2], alpha) = tree_higgs(b);
    let (mh, mhh, ma, mhp) = (mass(mh2), mass(mhh2), mass(ma2), mass(mhp2));
    let beta = sb.atan2(cb);
    let mut higgs = g2s / 4.0
        * (2.0 * f_pv(p, mhp, mw, q)
            + (alpha - beta).sin().powi(2) / cw2 * f_pv(p, mhh, mz, q)
            + (alpha - beta).cos().powi(2) / cw2 * f_pv(p, mh, mz, q));
    // Trilinear A-A-(H_d, H_u) and A-G-(H_d, H_u) couplings, rotated to (H, h) by alpha.
    let (sa, ca) = alpha.sin_cos();
    let unit = b.g2 * mz / (2.0 * cw2.sqrt());
    let rotate = |x: [f64; 2]| [ca * x[0] + sa * x[1], -sa * x[0] + ca * x[1]];
    let l_aah = rotate([-c2b * cb * unit, c2b * sb * unit]);
    let l_agh = rotate([-s2b * cb * unit, s2b * sb * unit]);
    // Quartic AA-(H, h): R diag(-c2b, c2b) R^T g_Z^2/4.
    let l_aa_hh = (ca * ca * (-c2b) + sa * sa * c2b) * gz2 / 4.0;
    let l_aa_lh = (sa * sa * (-c2b) + ca * ca * c2b) * gz2 / 4.0;
    let l_aaaa = gz2 / 4.0 * 3.0 * c2b * c2b;
    let l_aagg = (3.0 * s2b * s2b - 1.0) * gz2 / 4.0;
    higgs += 0.5
        * (2.0 * l_aah[1].powi(2) * b0(p, ma, mh, q)
            + 2.0 * l_aah[0].powi(2) * b0(p, ma, mhh, q)
            + 2.0 * l_agh[1].powi(2) * b0(p, mz, mh, q)
            + 2.0 * l_agh[0].powi(2) * b0(p, mz, mhh, q)
            + l_aa_hh * a0(mhh, q)
            + l_aa_lh * a0(mh, q)
            + l_aaaa * a0(ma, q)
            + l_aagg * a0(mz, q))
        + g2s * mw * mw / 2.0 * b0(p, mw, mhp, q)
        + gz2 / 4.0
            * ((cw2 * (1.0 + s2b * s2b) - sw2 * c2b * c2b) * a0(mw, q) + c2b * c2b * a0(mhp, q))
        + g2s * 2.0 * a0(mw, q)
        + gz2 * a0(mz, q);
    higgs
}
