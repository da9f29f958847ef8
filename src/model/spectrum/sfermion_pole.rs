//! One-loop pole masses of the sleptons (e_L, e_R, sneutrino of the first two generations; the
//! staus) and of the stops of the MSSM (docs/physics.md section 12), from the DR-bar running
//! parameters at Q: Pierce, Bagger, Matchev and Zhang, hep-ph/9606211 ("PBMZ"), appendix D, in
//! Feynman gauge with the Passarino-Veltman functions of [`super::pole`] (`A_0`, `B_0`, `F`, `G`).
//! Every self-energy is evaluated once at the tree-level running mass (`p^2 = m^2`, not
//! iterated: the order PBMZ and SOFTSUSY 4 use), and `m_pole^2 = m^2 - Pi(m^2)/16pi^2`; for a
//! mixed pair, state k is the k-th eigenvalue of `M_tree - Pi(p = m_k)/16pi^2`.
//!
//! **First two generations** (massless leptons, no L-R mixing). For a slepton `f` of a superfield
//! with isospin `T_3`, hypercharge `Y = 2(Q - T_3)` (the conjugate superfield for e_R, as in
//! [`super::sfermion`]), Z coupling `g_f = T_3 - Q s_W^2` and electric charge `Q_f`, the three
//! parts are (s_W, c_W, M_Z, M_W from g', g_2 and v at Q):
//!
//! * gauge: `4 g^2/c_W^2 g_f^2 A_0(M_Z) + e^2 Q_f^2 F(p, m, 0) + g^2/c_W^2 g_f^2 F(p, m, M_Z)`,
//!   for the doublet members also `2 g^2 A_0(M_W) + g^2/2 F(p, m', M_W)` (`m'` the SU(2)
//!   partner); the D-term quartics with every sfermion `g'^2/4 Y (Y A_0(m) + S_Y)` and, for the
//!   doublet members, `g^2/4 (A_0(m) + 2 A_0(m')) + g^2 T_3 S_T`, where
//!   `S_Y = sum N_c Y_j A_0(m_j)` and `S_T = sum N_c T_3j A_0(m_j)` run over the L and R states of
//!   all three families (a mixed state weighted by its L or R content);
//! * Higgs (h, H, the neutral Goldstone at M_Z, A; H+, the charged Goldstone at M_W):
//!   D-term quartics `-g^2 g_f c_n A_0(m_n)/(4 c_W^2)` with `c_n = (-cos 2a, cos 2a, -cos 2b,
//!   cos 2b)` for (H, h, G0, A), `g^2 (g_f/(2 c_W^2) - T_3) c_n A_0(m_n)` with `c_n = (-cos 2b,
//!   cos 2b)` for (H+, G+); the D-term trilinears `(g M_Z g_f/c_W)^2 [cos^2(a+b) B_0(p, m_H, m) +
//!   sin^2(a+b) B_0(p, m_h, m)]` and, for the doublet members, `(g M_W/sqrt2)^2 [sin^2 2b
//!   B_0(p, m', m_H+) + cos^2 2b B_0(p, m', M_W)]`;
//! * inos: `sum_i c_i^2 G(p, m_chi_i, 0)` with `c_i = (g' Y N_i1 + 2 T_3 g N_i2)/sqrt2`, and
//!   `g^2 U_i1^2 G(p, m_cha_i, 0)` (e_L) or `g^2 V_i1^2 G(p, m_cha_i, 0)` (sneutrino).
//!
//! **Third family** (staus, stops): a 2x2 self-energy in the (L, R) basis with the same gauge
//! and D-term pieces (L-R element: photon and Z with the scalars' charges, `-g_L g_R`, and the
//! D-term quartic with the superfield hypercharges `Y_L Y_R`), plus the Yukawa pieces: the
//! F-term quartics (`|h|^2` with the partner chirality, `h_tau h_b` with the sbottoms, the
//! colour factor 3 in the stop L-R element), the Higgs quartics weighted by the `H_d` (stau) or
//! `H_u` (stop) content of each Higgs state, the trilinears with `h m_f`, `h a_f` and `mu` (the
//! `mu` of PBMZ is minus the SLHA one), and the fermion loops `(a a' + b b') G(p, m_chi, m_f) -
//! (b a' + a b') 2 m_chi m_f B_0` with the neutralino-tau/top and chargino-neutrino/bottom
//! couplings of [`super::ino_pole`] (signed neutralino masses for PBMZ's complex N). The stops
//! carry the SUSY-QCD part `(4/3) g_3^2 [2 G(p, M_3, m_t) + R^2 (F + A_0)]` on the diagonal and
//! `(4/3) g_3^2 [4 M_3 m_t B_0(p, M_3, m_t) + R_k1 R_k2 (F - A_0)]` off it.
//!
//! The same formulas are SOFTSUSY 4.1.22's `addSlepCorrection`, `addSnuCorrection`,
//! `addStauCorrection` and `addStopCorrection`. Checked in the unit tests against the unbroken
//! SU(2) x U(1) limit (e_L and the sneutrino of one doublet get the same self-energy when
//! degenerate; e_R reduces to the hypercharge terms) and the SUSY-QCD closed form of
//! [`super::pole::light_squark_pole_mass`] (stops without electroweak couplings, m_t and mixing),
//! and in tests/mssm_reference.rs against SOFTSUSY's pole masses at seven points.
//!
//! Not built: the sbottoms, the tau sneutrino, and the electroweak parts of the light squarks
//! (these stay as in [`super::sfermion`] and [`super::pole`]).

use std::f64::consts::{PI, SQRT_2};

use nalgebra::Matrix2;
use serde::Serialize;

use super::ino_pole::{InoLoopInputs, MixedPair, TreeInos};
use super::pole::{a0, b0, f_pv, g_pv};
use super::sfermion::diagonalise_pair;

/// A first/second-generation slepton.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slepton {
    /// e~_L (T_3 = -1/2, Y = -1).
    Left,
    /// e~_R (conjugate superfield: T_3 = 0, Y = 2).
    Right,
    /// nu~_e (T_3 = +1/2, Y = -1).
    Sneutrino,
}

/// Quantum numbers of the superfield the slepton belongs to.
struct Charges {
    t3: f64,
    /// Hypercharge Y = 2(Q - T_3) of the superfield.
    y: f64,
    /// Electric charge of the superfield (the scalar's up to a sign, which enters squared).
    q: f64,
}

impl Slepton {
    fn charges(self) -> Charges {
        match self {
            Slepton::Left => Charges {
                t3: -0.5,
                y: -1.0,
                q: -1.0,
            },
            Slepton::Right => Charges {
                t3: 0.0,
                y: 2.0,
                q: 1.0,
            },
            Slepton::Sneutrino => Charges {
                t3: 0.5,
                y: -1.0,
                q: 0.0,
            },
        }
    }
}

/// The self-energy of one slepton split by sector, without the 1/16pi^2 [GeV^2].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SleptonSelfEnergy {
    pub gauge: f64,
    pub higgs: f64,
    pub inos: f64,
}

impl SleptonSelfEnergy {
    pub fn total(&self) -> f64 {
        self.gauge + self.higgs + self.inos
    }
}

/// `sum N_c T_3 A_0` and `sum N_c Y A_0` over the L and R sfermions of all three families.
fn d_term_tadpoles(inp: &InoLoopInputs) -> (f64, f64) {
    let q = inp.q;
    let a = |m: f64| a0(m, q);
    // (L-content-weighted, R-content-weighted) A_0 sums of a mixed pair.
    let mixed = |p: &MixedPair| {
        let l = (0..2)
            .map(|k| p.mixing[k][0].powi(2) * a(p.masses[k]))
            .sum::<f64>();
        let r = (0..2)
            .map(|k| p.mixing[k][1].powi(2) * a(p.masses[k]))
            .sum::<f64>();
        (l, r)
    };
    let (t_l, t_r) = mixed(&inp.stop);
    let (b_l, b_r) = mixed(&inp.sbottom);
    let (tau_l, tau_r) = mixed(&inp.stau);
    let u_l = 2.0 * a(inp.sup[0]) + t_l;
    let u_r = 2.0 * a(inp.sup[1]) + t_r;
    let d_l = 2.0 * a(inp.sdown[0]) + b_l;
    let d_r = 2.0 * a(inp.sdown[1]) + b_r;
    let e_l = 2.0 * a(inp.selectron[0]) + tau_l;
    let e_r = 2.0 * a(inp.selectron[1]) + tau_r;
    let nu = 2.0 * a(inp.sneutrino_e) + a(inp.sneutrino_tau);
    let s_t = 3.0 * 0.5 * (u_l - d_l) + 0.5 * (nu - e_l);
    let s_y = 3.0 * (u_l + d_l) / 3.0 - 3.0 * 4.0 / 3.0 * u_r + 3.0 * 2.0 / 3.0 * d_r - e_l - nu
        + 2.0 * e_r;
    (s_t, s_y)
}

/// The self-energy of a first/second-generation slepton at momentum `p` (module documentation).
pub fn slepton_self_energy(
    inp: &InoLoopInputs,
    tree: &TreeInos,
    slepton: Slepton,
    p: f64,
) -> SleptonSelfEnergy {
    let d = inp.derived();
    let (g, gp, q) = (inp.g2, inp.g1, inp.q);
    let (g2, gp2, cw2) = (g * g, gp * gp, d.cw * d.cw);
    let e2 = g2 * d.sw * d.sw;
    let c = slepton.charges();
    let gf = c.t3 - c.q * d.sw * d.sw;
    let [m_h, m_heavy, m_a, m_hpm] = inp.higgs;
    let (m_el, m_er, m_snu) = (inp.selectron[0], inp.selectron[1], inp.sneutrino_e);
    let (m, partner) = match slepton {
        Slepton::Left => (m_el, Some(m_snu)),
        Slepton::Right => (m_er, None),
        Slepton::Sneutrino => (m_snu, Some(m_el)),
    };
    let (s_t, s_y) = d_term_tadpoles(inp);

    // Gauge bosons and the D-term quartics with the sfermions.
    let mut gauge = 4.0 * g2 / cw2 * gf * gf * a0(d.mz, q)
        + e2 * c.q * c.q * f_pv(p, m, 0.0, q)
        + g2 / cw2 * gf * gf * f_pv(p, m, d.mz, q)
        + 0.25 * gp2 * c.y * (c.y * a0(m, q) + s_y);
    if let Some(mp) = partner {
        gauge += 2.0 * g2 * a0(d.mw, q)
            + 0.5 * g2 * f_pv(p, mp, d.mw, q)
            + 0.25 * g2 * (a0(m, q) + 2.0 * a0(mp, q))
            + g2 * c.t3 * s_t;
    }

    // Higgs bosons and Goldstones (Feynman gauge: G0 at M_Z, G+ at M_W).
    let beta = d.sb.atan2(d.cb);
    let (c2a, c2b) = ((2.0 * inp.alpha).cos(), (2.0 * beta).cos());
    let neutral = [(m_heavy, -c2a), (m_h, c2a), (d.mz, -c2b), (m_a, c2b)];
    let mut higgs: f64 = neutral
        .iter()
        .map(|&(mn, cn)| -g2 * gf * cn / (4.0 * cw2) * a0(mn, q))
        .sum();
    for (mc, cn) in [(m_hpm, -c2b), (d.mw, c2b)] {
        higgs += g2 * (gf / (2.0 * cw2) - c.t3) * cn * a0(mc, q);
    }
    let trilinear = (g * d.mz * gf / d.cw).powi(2);
    let apb = inp.alpha + beta;
    higgs += trilinear
        * (apb.cos().powi(2) * b0(p, m_heavy, m, q) + apb.sin().powi(2) * b0(p, m_h, m, q));
    if let Some(mp) = partner {
        let s2b = (2.0 * beta).sin();
        higgs += 0.5
            * (g * d.mw).powi(2)
            * (s2b * s2b * b0(p, mp, m_hpm, q) + c2b * c2b * b0(p, mp, d.mw, q));
    }

    // Neutralinos and charginos with a massless lepton.
    let mut inos = 0.0;
    for i in 0..4 {
        let ci = (gp * c.y * tree.n[(i, 0)] + 2.0 * c.t3 * g * tree.n[(i, 1)]) / SQRT_2;
        inos += ci * ci * g_pv(p, tree.neutralino_masses[i].abs(), 0.0, q);
    }
    let wino = match slepton {
        Slepton::Left => Some(&tree.u),
        Slepton::Sneutrino => Some(&tree.v),
        Slepton::Right => None,
    };
    if let Some(w) = wino {
        for i in 0..2 {
            inos += g2 * w[(i, 0)].powi(2) * g_pv(p, tree.chargino_masses[i], 0.0, q);
        }
    }
    SleptonSelfEnergy { gauge, higgs, inos }
}

/// The running trilinears `a_t`, `a_b`, `a_tau` (SLHA, uniform convention: the tree-level LR
/// elements are `m_t (a_t - mu cot(beta))`, `m_b (a_b - mu tan(beta))`, `m_tau (a_tau - mu
/// tan(beta))`) and the gluino parameters the third-family self-energies need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThirdFamilyInputs {
    pub a_t: f64,
    pub a_b: f64,
    pub a_tau: f64,
    /// M_3(Q) and g_3(Q).
    pub m3: f64,
    pub g3: f64,
}

/// A 2x2 self-energy in the (L, R) basis being accumulated: (LL, LR, RR).
#[derive(Clone, Copy, Debug, Default)]
struct Pi2 {
    ll: f64,
    lr: f64,
    rr: f64,
}

impl Pi2 {
    /// `c_L c_L f`, `c_L c_R f`, `c_R c_R f`.
    fn add(&mut self, cl: f64, cr: f64, f: f64) {
        self.ll += cl * cl * f;
        self.lr += cl * cr * f;
        self.rr += cr * cr * f;
    }

    fn matrix(&self) -> Matrix2<f64> {
        Matrix2::new(self.ll, self.lr, self.lr, self.rr)
    }
}

/// A (L, R) coupling pair of a mixed pair rotated to its mass states: `c_k = R_k1 c_L + R_k2 c_R`.
fn to_states(mixing: &[[f64; 2]; 2], c: [f64; 2]) -> [f64; 2] {
    [
        mixing[0][0] * c[0] + mixing[0][1] * c[1],
        mixing[1][0] * c[0] + mixing[1][1] * c[1],
    ]
}

/// The neutral-Higgs trilinear loops of a mixed pair: `c_l[n]`, `c_r[n]` are the couplings of
/// (Re H_d, Re H_u, G0, A) to (f_L, X) and (f_R, X) for X in (L, R); they are rotated to the
/// mass states of the pair and to (H, h), and summed with `B_0(p, m_n, m_k)`.
fn neutral_trilinears(
    pi: &mut Pi2,
    inp: &InoLoopInputs,
    mz: f64,
    pair: &MixedPair,
    [c_l, c_r]: [[[f64; 2]; 4]; 2],
    p: f64,
) {
    let [m_h, m_heavy, m_a, _] = inp.higgs;
    let (sa, ca) = inp.alpha.sin_cos();
    let rot = |c: [[f64; 2]; 4]| {
        let c = c.map(|x| to_states(&pair.mixing, x));
        let mut out = c;
        for k in 0..2 {
            out[0][k] = ca * c[0][k] + sa * c[1][k];
            out[1][k] = -sa * c[0][k] + ca * c[1][k];
        }
        out
    };
    let (cl, cr) = (rot(c_l), rot(c_r));
    for (n, mn) in [m_heavy, m_h, mz, m_a].into_iter().enumerate() {
        for k in 0..2 {
            pi.add(cl[n][k], cr[n][k], b0(p, mn, pair.masses[k], inp.q));
        }
    }
}

/// The loops of a fermion pair (neutralino or chargino, signed mass `m_chi`, and a quark or
/// lepton of mass `m_f`) with chiral couplings (a, b) to f_L and f_R: `(a a' + b b') G(p, m_chi,
/// m_f) - (b a' + a b') 2 m_chi m_f B_0(p, m_chi, m_f)` (PBMZ; its complex N with positive masses
/// is the real N with signed masses here).
fn fermion_loop(
    pi: &mut Pi2,
    [al, bl]: [f64; 2],
    [ar, br]: [f64; 2],
    m_chi: f64,
    m_f: f64,
    p: f64,
    q: f64,
) {
    let gg = g_pv(p, m_chi.abs(), m_f, q);
    let bb = 2.0 * m_chi * m_f * b0(p, m_chi.abs(), m_f, q);
    pi.ll += (al * al + bl * bl) * gg - 2.0 * al * bl * bb;
    pi.rr += (ar * ar + br * br) * gg - 2.0 * ar * br * bb;
    pi.lr += (ar * al + br * bl) * gg - (bl * ar + br * al) * bb;
}

/// The gauge-boson loops and D-term quartics of a mixed pair whose L member belongs to a
/// doublet (`partner`: the other member's states and their L content) with isospin `t3`,
/// superfield hypercharges `y = (Y_L, Y_R)`, Z couplings `gz = (g_L, g_R)` of the superfields and
/// electric charge `q_f` of the scalar (module documentation, "Third family").
struct GaugeCharges {
    t3: f64,
    y: [f64; 2],
    gz: [f64; 2],
    q_f: f64,
}

fn gauge_part(
    pi: &mut Pi2,
    inp: &InoLoopInputs,
    pair: &MixedPair,
    partner: &[(f64, f64)],
    ch: &GaugeCharges,
    p: f64,
) {
    let d = inp.derived();
    let (g2, gp2, cw2, sw2) = (inp.g2 * inp.g2, inp.g1 * inp.g1, d.cw * d.cw, d.sw * d.sw);
    let q = inp.q;
    let e2 = g2 * sw2 * ch.q_f * ch.q_f;
    let (s_t, s_y) = d_term_tadpoles(inp);
    let [gl, gr] = ch.gz;
    let [yl, yr] = ch.y;
    let r = &pair.mixing;
    let ms = pair.masses;
    let sum = |f: &dyn Fn(usize) -> f64| f(0) + f(1);
    let a = |m: f64| a0(m, q);
    let f0 = |k: usize| f_pv(p, ms[k], 0.0, q);
    let fz = |k: usize| f_pv(p, ms[k], d.mz, q);
    let (lc, rc, lr) = (
        |k: usize| r[k][0] * r[k][0],
        |k: usize| r[k][1] * r[k][1],
        |k: usize| r[k][0] * r[k][1],
    );
    let partner_f: f64 = partner.iter().map(|&(m, w)| w * f_pv(p, m, d.mw, q)).sum();
    let partner_a: f64 = partner.iter().map(|&(m, w)| w * a(m)).sum();
    pi.ll += 4.0 * g2 / cw2 * gl * gl * a(d.mz)
        + 2.0 * g2 * a(d.mw)
        + sum(&|k| lc(k) * (e2 * f0(k) + g2 / cw2 * gl * gl * fz(k)))
        + 0.5 * g2 * partner_f
        + 0.25 * g2 * (sum(&|k| lc(k) * a(ms[k])) + 2.0 * partner_a)
        + g2 * ch.t3 * s_t
        + 0.25 * gp2 * yl * (yl * sum(&|k| lc(k) * a(ms[k])) + s_y);
    pi.rr += 4.0 * g2 / cw2 * gr * gr * a(d.mz)
        + sum(&|k| rc(k) * (e2 * f0(k) + g2 / cw2 * gr * gr * fz(k)))
        + 0.25 * gp2 * yr * (yr * sum(&|k| rc(k) * a(ms[k])) + s_y);
    // LR: the photon and Z couple to the scalar's current (the R scalar's Z coupling is -g_R),
    // the D-terms to the superfield charges.
    pi.lr += 0.25 * gp2 * yl * yr * sum(&|k| lr(k) * a(ms[k]))
        + sum(&|k| lr(k) * (e2 * f0(k) - g2 / cw2 * gl * gr * fz(k)));
}

/// The Higgs quartics of a third-family pair: `(H_d content)`-weighted Yukawa F-terms given by
/// the caller as `yuk_l[n]`, `yuk_r[n]` (neutral: H, h, G0, A; charged: H+, G+) and the D-terms.
fn higgs_quartics(
    pi: &mut Pi2,
    inp: &InoLoopInputs,
    ch: &GaugeCharges,
    yuk_neutral: [[f64; 4]; 2],
    yuk_charged: [[f64; 2]; 2],
) {
    let d = inp.derived();
    let (g2, cw2) = (inp.g2 * inp.g2, d.cw * d.cw);
    let q = inp.q;
    let [m_h, m_heavy, m_a, m_hpm] = inp.higgs;
    let beta = d.sb.atan2(d.cb);
    let (c2a, c2b) = ((2.0 * inp.alpha).cos(), (2.0 * beta).cos());
    let [gl, gr] = ch.gz;
    let neutral = [(m_heavy, -c2a), (m_h, c2a), (d.mz, -c2b), (m_a, c2b)];
    for (n, &(mn, cn)) in neutral.iter().enumerate() {
        pi.ll += 0.5 * (yuk_neutral[0][n] - g2 * gl * cn / (2.0 * cw2)) * a0(mn, q);
        pi.rr += 0.5 * (yuk_neutral[1][n] - g2 * gr * cn / (2.0 * cw2)) * a0(mn, q);
    }
    for (n, (mc, cn)) in [(m_hpm, -c2b), (d.mw, c2b)].into_iter().enumerate() {
        pi.ll += (yuk_charged[0][n] + g2 * (gl / (2.0 * cw2) - ch.t3) * cn) * a0(mc, q);
        pi.rr += (yuk_charged[1][n] + g2 * gr / (2.0 * cw2) * cn) * a0(mc, q);
    }
}

/// The stau self-energy matrix at momentum `p` in the (L, R) basis, without the 1/16pi^2
/// [GeV^2] (module documentation, "Third family"; SOFTSUSY's `addStauCorrection`).
pub fn stau_self_energy(inp: &InoLoopInputs, tree: &TreeInos, a_tau: f64, p: f64) -> Matrix2<f64> {
    let d = inp.derived();
    let (g, gp, q) = (inp.g2, inp.g1, inp.q);
    let sw2 = d.sw * d.sw;
    let [_, hb, htau] = inp.yukawas;
    let (mtau, utau, smu) = (d.mtau, htau * a_tau, -inp.mu);
    let m_snu = inp.sneutrino_tau;
    let st = &inp.stau;
    let (ms, r) = (st.masses, st.mixing);
    let sum = |f: &dyn Fn(usize) -> f64| f(0) + f(1);
    let ch = GaugeCharges {
        t3: -0.5,
        y: [-1.0, 2.0],
        gz: [-0.5 + sw2, -sw2],
        q_f: 1.0,
    };
    let mut pi = Pi2::default();

    // F-term quartics: |h_tau|^2 stau_L stau_R, stau_R sneutrino; h_tau h_b with the sbottoms.
    let sb = &inp.sbottom;
    let a = |m: f64| a0(m, q);
    pi.ll += htau * htau * sum(&|k| r[k][1] * r[k][1] * a(ms[k]));
    pi.rr += htau * htau * (sum(&|k| r[k][0] * r[k][0] * a(ms[k])) + a(m_snu));
    pi.lr += htau * htau * sum(&|k| r[k][0] * r[k][1] * a(ms[k]))
        + 3.0 * htau * hb * sum(&|k| sb.mixing[k][0] * sb.mixing[k][1] * a(sb.masses[k]));

    gauge_part(&mut pi, inp, st, &[(m_snu, 1.0)], &ch, p);

    // Higgs quartics: |h_tau|^2 |H_d^0|^2 for both, |h_tau|^2 |H_d^-|^2 for stau_R.
    let (sa, ca) = inp.alpha.sin_cos();
    let (sbeta, cbeta) = (d.sb, d.cb);
    let h2 = htau * htau;
    let neutral_d = [ca * ca, sa * sa, cbeta * cbeta, sbeta * sbeta].map(|x| h2 * x);
    higgs_quartics(
        &mut pi,
        inp,
        &ch,
        [neutral_d, neutral_d],
        [[0.0; 2], [h2 * sbeta * sbeta, h2 * cbeta * cbeta]],
    );
    // Trilinears with (Re H_d, Re H_u, G0, A) ...
    let gz = g * d.mz / d.cw;
    let r2 = SQRT_2;
    let odd_g = -(smu * sbeta * htau + utau * cbeta) / r2;
    let odd_a = -(smu * cbeta * htau - utau * sbeta) / r2;
    let [gl, gr] = ch.gz;
    let c_l = [
        [gz * gl * cbeta + r2 * htau * mtau, utau / r2],
        [-gz * gl * sbeta, htau * smu / r2],
        [0.0, odd_g],
        [0.0, odd_a],
    ];
    let c_r = [
        [utau / r2, gz * gr * cbeta + r2 * htau * mtau],
        [htau * smu / r2, -gz * gr * sbeta],
        [-odd_g, 0.0],
        [-odd_a, 0.0],
    ];
    neutral_trilinears(&mut pi, inp, d.mz, st, [c_l, c_r], p);
    // ... and with H+, G+ and the tau sneutrino.
    let beta = sbeta.atan2(cbeta);
    let (s2b, c2b) = ((2.0 * beta).sin(), (2.0 * beta).cos());
    let ch_l = [
        g * d.mw * s2b / r2 - htau * mtau * sbeta,
        -g * d.mw * c2b / r2 + htau * mtau * cbeta,
    ];
    let ch_r = [
        htau * smu * cbeta - utau * sbeta,
        htau * smu * sbeta + utau * cbeta,
    ];
    for (n, mc) in [inp.higgs[3], d.mw].into_iter().enumerate() {
        pi.add(ch_l[n], ch_r[n], b0(p, mc, m_snu, q));
    }

    // Neutralinos with the tau (a: through the R-handed tau, b: L-handed).
    for i in 0..4 {
        let n = |j: usize| tree.n[(i, j)];
        let left = [htau * n(2), -(gp * n(0) + g * n(1)) / r2];
        let right = [r2 * gp * n(0), htau * n(2)];
        fermion_loop(&mut pi, left, right, tree.neutralino_masses[i], mtau, p, q);
    }
    // Charginos with the (massless) tau neutrino.
    for i in 0..2 {
        let left = [0.0, g * tree.u[(i, 0)]];
        let right = [0.0, -htau * tree.u[(i, 1)]];
        fermion_loop(&mut pi, left, right, tree.chargino_masses[i], 0.0, p, q);
    }
    pi.matrix()
}

/// The stop self-energy matrix at momentum `p` in the (L, R) basis, without the 1/16pi^2
/// [GeV^2] (module documentation, "Third family"), SUSY-QCD included.
pub fn stop_self_energy(
    inp: &InoLoopInputs,
    tree: &TreeInos,
    tf: &ThirdFamilyInputs,
    p: f64,
) -> Matrix2<f64> {
    let d = inp.derived();
    let (g, gp, q) = (inp.g2, inp.g1, inp.q);
    let sw2 = d.sw * d.sw;
    let [ht, hb, _] = inp.yukawas;
    let (mt, mb) = (d.mt, d.mb);
    let (ut, ub, smu) = (ht * tf.a_t, hb * tf.a_b, -inp.mu);
    let (st, sb) = (&inp.stop, &inp.sbottom);
    let (ms, r) = (st.masses, st.mixing);
    let sum = |f: &dyn Fn(usize) -> f64| f(0) + f(1);
    let a = |m: f64| a0(m, q);
    let ch = GaugeCharges {
        t3: 0.5,
        y: [1.0 / 3.0, -4.0 / 3.0],
        gz: [0.5 - 2.0 / 3.0 * sw2, 2.0 / 3.0 * sw2],
        q_f: 2.0 / 3.0,
    };
    let mut pi = Pi2::default();

    // SUSY-QCD: gluon, gluino-top and the squark quartic (PBMZ; the light-squark form of
    // pole.rs with m_t and the mixing).
    let mg = tf.m3;
    let g3sq = tf.g3 * tf.g3;
    let ggt = g_pv(p, mg.abs(), mt, q);
    let f = |k: usize| f_pv(p, ms[k], 0.0, q);
    pi.ll += 4.0 / 3.0 * g3sq * (2.0 * ggt + sum(&|k| r[k][0] * r[k][0] * (f(k) + a(ms[k]))));
    pi.rr += 4.0 / 3.0 * g3sq * (2.0 * ggt + sum(&|k| r[k][1] * r[k][1] * (f(k) + a(ms[k]))));
    pi.lr += 4.0 / 3.0
        * g3sq
        * (4.0 * mg * mt * b0(p, mg.abs(), mt, q)
            + sum(&|k| r[k][0] * r[k][1] * (f(k) - a(ms[k]))));

    // F-term quartics with the stops and sbottoms.
    let bl = |k: usize| sb.mixing[k][0] * sb.mixing[k][0];
    let br = |k: usize| sb.mixing[k][1] * sb.mixing[k][1];
    pi.ll += ht * ht * sum(&|k| r[k][1] * r[k][1] * a(ms[k]))
        + hb * hb * sum(&|k| br(k) * a(sb.masses[k]));
    pi.rr += ht * ht * sum(&|k| r[k][0] * r[k][0] * a(ms[k]))
        + ht * ht * sum(&|k| bl(k) * a(sb.masses[k]));
    pi.lr += 3.0 * ht * ht * sum(&|k| r[k][0] * r[k][1] * a(ms[k]));

    let partner: Vec<(f64, f64)> = (0..2).map(|k| (sb.masses[k], bl(k))).collect();
    gauge_part(&mut pi, inp, st, &partner, &ch, p);

    // Higgs quartics: |h_t|^2 |H_u^0|^2 for both, |h_b|^2 |H_d^-|^2 for stop_L, |h_t|^2 |H_u^+|^2
    // for stop_R.
    let (sa, ca) = inp.alpha.sin_cos();
    let (sbeta, cbeta) = (d.sb, d.cb);
    let neutral_u = [sa * sa, ca * ca, sbeta * sbeta, cbeta * cbeta].map(|x| ht * ht * x);
    higgs_quartics(
        &mut pi,
        inp,
        &ch,
        [neutral_u, neutral_u],
        [
            [hb * hb * sbeta * sbeta, hb * hb * cbeta * cbeta],
            [ht * ht * cbeta * cbeta, ht * ht * sbeta * sbeta],
        ],
    );
    // Trilinears with (Re H_d, Re H_u, G0, A) ...
    let gz = g * d.mz / d.cw;
    let r2 = SQRT_2;
    let [gl, gr] = ch.gz;
    let odd_g = (smu * cbeta * ht + ut * sbeta) / r2;
    let odd_a = -(smu * sbeta * ht - ut * cbeta) / r2;
    let c_l = [
        [gz * gl * cbeta, ht * smu / r2],
        [-gz * gl * sbeta + r2 * ht * mt, ut / r2],
        [0.0, odd_g],
        [0.0, odd_a],
    ];
    let c_r = [
        [ht * smu / r2, gz * gr * cbeta],
        [ut / r2, -gz * gr * sbeta + r2 * ht * mt],
        [-odd_g, 0.0],
        [-odd_a, 0.0],
    ];
    neutral_trilinears(&mut pi, inp, d.mz, st, [c_l, c_r], p);
    // ... and with H+, G+ and the sbottoms (couplings to (sbottom_L, sbottom_R)).
    let beta = sbeta.atan2(cbeta);
    let (s2b, c2b) = ((2.0 * beta).sin(), (2.0 * beta).cos());
    let ch_l = [
        [
            g * d.mw * s2b / r2 - ht * mt * cbeta - hb * mb * sbeta,
            smu * hb * cbeta - ub * sbeta,
        ],
        [
            -g * d.mw * c2b / r2 - ht * mt * sbeta + hb * mb * cbeta,
            hb * smu * sbeta + ub * cbeta,
        ],
    ];
    let ch_r = [
        [
            ht * smu * sbeta - ut * cbeta,
            -ht * hb * (inp.v_d * cbeta + inp.v_u * sbeta),
        ],
        [-ht * smu * cbeta - ut * sbeta, 0.0],
    ];
    for (n, mc) in [inp.higgs[3], d.mw].into_iter().enumerate() {
        let (cl, cr) = (
            to_states(&sb.mixing, ch_l[n]),
            to_states(&sb.mixing, ch_r[n]),
        );
        for k in 0..2 {
            pi.add(cl[k], cr[k], b0(p, mc, sb.masses[k], q));
        }
    }

    // Neutralinos with the top (a: through the R-handed top, b: L-handed).
    for i in 0..4 {
        let n = |j: usize| tree.n[(i, j)];
        let left = [ht * n(3), gp / (3.0 * r2) * n(0) + g / r2 * n(1)];
        let right = [-4.0 * gp / (3.0 * r2) * n(0), ht * n(3)];
        fermion_loop(&mut pi, left, right, tree.neutralino_masses[i], mt, p, q);
    }
    // Charginos with the bottom.
    for i in 0..2 {
        let left = [g * tree.v[(i, 0)], -hb * tree.u[(i, 1)]];
        let right = [-ht * tree.v[(i, 1)], 0.0];
        fermion_loop(&mut pi, left, right, tree.chargino_masses[i], mb, p, q);
    }
    pi.matrix()
}

/// The pole masses (ascending) of a mixed pair: state k from the one-loop matrix
/// `M_tree - Pi(p_k)/16pi^2` at `p_k = m_k` (tree-level running mass), as PBMZ and SOFTSUSY;
/// `mass2` the running masses-squared, `pair` their mixing. NaN when a running state is
/// tachyonic or a one-loop eigenvalue is negative.
fn mixed_poles(pair: &MixedPair, mass2: [f64; 2], pi: &dyn Fn(f64) -> Matrix2<f64>) -> [f64; 2] {
    if !(mass2[0] > 0.0) {
        return [f64::NAN; 2];
    }
    let r = &pair.mixing;
    let rm = Matrix2::new(r[0][0], r[0][1], r[1][0], r[1][1]);
    let tree_matrix = rm.transpose() * Matrix2::new(mass2[0], 0.0, 0.0, mass2[1]) * rm;
    std::array::from_fn(|k| {
        let m = tree_matrix - pi(mass2[k].sqrt()) / (16.0 * PI * PI);
        let eig = diagonalise_pair(m[(0, 0)], m[(1, 1)], m[(0, 1)]);
        if eig.mass2[k] > 0.0 {
            eig.mass2[k].sqrt()
        } else {
            f64::NAN
        }
    })
}

/// One-loop pole masses of the first/second-generation sleptons [GeV] (NaN for a tachyonic
/// running mass or when the tree-level inos cannot be diagonalised).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SfermionPoleMasses {
    pub selectron_l: f64,
    pub selectron_r: f64,
    pub sneutrino_e: f64,
    /// stau_1, stau_2 (ascending).
    pub stau: [f64; 2],
    /// stop_1, stop_2 (ascending).
    pub stop: [f64; 2],
}

impl SfermionPoleMasses {
    pub fn nan() -> Self {
        Self {
            selectron_l: f64::NAN,
            selectron_r: f64::NAN,
            sneutrino_e: f64::NAN,
            stau: [f64::NAN; 2],
            stop: [f64::NAN; 2],
        }
    }
}

/// The pole mass of one slepton: `sqrt(m^2 - Pi(m^2)/16pi^2)` at its running mass `m`.
fn pole(inp: &InoLoopInputs, tree: &TreeInos, slepton: Slepton, m: f64) -> f64 {
    if !(m > 0.0) {
        return f64::NAN;
    }
    let pi = slepton_self_energy(inp, tree, slepton, m).total() / (16.0 * PI * PI);
    let m2 = m * m - pi;
    if m2 > 0.0 {
        m2.sqrt()
    } else {
        f64::NAN
    }
}

/// The slepton pole masses from the inputs (whose `selectron`, `sneutrino_e`, `stau` are the
/// running masses; a tachyonic running state enters the inputs at zero mass and gets NaN here),
/// the running stau and stop masses-squared and the third-family inputs at Q.
pub fn sfermion_pole_masses(
    inp: &InoLoopInputs,
    [stau_mass2, stop_mass2]: [[f64; 2]; 2],
    tf: &ThirdFamilyInputs,
) -> SfermionPoleMasses {
    let Some(tree) = TreeInos::new(inp) else {
        return SfermionPoleMasses::nan();
    };
    SfermionPoleMasses {
        selectron_l: pole(inp, &tree, Slepton::Left, inp.selectron[0]),
        selectron_r: pole(inp, &tree, Slepton::Right, inp.selectron[1]),
        sneutrino_e: pole(inp, &tree, Slepton::Sneutrino, inp.sneutrino_e),
        stau: mixed_poles(&inp.stau, stau_mass2, &|p| {
            stau_self_energy(inp, &tree, tf.a_tau, p)
        }),
        stop: mixed_poles(&inp.stop, stop_mass2, &|p| {
            stop_self_energy(inp, &tree, tf, p)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::spectrum::pole::light_squark_pole_mass;

    /// Unbroken SU(2) x U(1) (`ino_pole::symmetric_loop_inputs`) with v = 1e-8 GeV: the Z loop at
    /// p = m approaches its massless limit linearly in M_Z/m, so v is tiny.
    fn symmetric(ml: f64, me_r: f64) -> InoLoopInputs {
        super::super::ino_pole::symmetric_loop_inputs(1e-8, ml, me_r)
    }

    /// The members of one doublet get the same self-energy when SU(2) is unbroken: every piece
    /// (photon + Z against W3, the W loop, the Higgs D-term quartics, bino/wino neutralinos against
    /// charginos) has to carry its right weight for the totals to agree (e^2 + g^2 g_eL^2/c_W^2 =
    /// g^2/(4 c_W^2) for the photon and Z of e_L against the Z of the sneutrino; the Higgs quartics
    /// `t_3 - g_f/c_W^2 = -s_W^2/(2 c_W^2)` for both).
    #[test]
    fn doublet_members_agree_in_the_unbroken_limit() {
        let inp = symmetric(320.0, 180.0);
        let tree = TreeInos::new(&inp).expect("diagonalises");
        for p in [250.0, 320.0, 700.0] {
            let l = slepton_self_energy(&inp, &tree, Slepton::Left, p);
            let n = slepton_self_energy(&inp, &tree, Slepton::Sneutrino, p);
            let scale = l.gauge.abs() + l.higgs.abs() + l.inos.abs();
            assert!(
                (l.total() - n.total()).abs() < 1e-9 * scale,
                "p = {p}: e_L {l:?}, sneutrino {n:?}"
            );
        }
        // A wrong relative weight breaks it: the W loop of the sneutrino with g^2 instead of
        // g^2/2 changes the total by g^2/2 F(p, m, 0), far above the tolerance.
        let (p, m) = (320.0, 320.0);
        let f = 0.5 * inp.g2 * inp.g2 * f_pv(p, m, 0.0, inp.q);
        let l = slepton_self_energy(&inp, &tree, Slepton::Left, p);
        assert!(f.abs() > 1e-3 * (l.gauge.abs() + l.higgs.abs() + l.inos.abs()));
    }

    /// e_R in the same limit: only the bino and the hypercharge gauge boson couple (plus the
    /// hypercharge D-term quartics); the pieces reduce to
    /// `g'^2 [F(p, m, 0) + 2 G(p, M_1, 0) + A_0(m) + S_Y/2] + Higgs D-terms` with
    /// `e^2 + g^2 s_W^4/c_W^2 = g'^2` (Q = 1, Y = 2).
    #[test]
    fn right_selectron_reduces_to_hypercharge_in_the_unbroken_limit() {
        let inp = symmetric(320.0, 180.0);
        let tree = TreeInos::new(&inp).expect("diagonalises");
        let (p, m, q) = (180.0, 180.0, inp.q);
        let gp2 = inp.g1 * inp.g1;
        let (s_t, s_y) = d_term_tadpoles(&inp);
        assert!(s_t.abs() < 1e-9 * a0(900.0, q).abs());
        let beta = 10.0f64.atan();
        // Higgs: -g^2 g_f cos2b A_0(M)(2/(4 c^2) + 1/(2 c^2))... with g_f = -s^2, T_3 = 0:
        // neutral (H, A) -g^2 (-s^2)/(4 c^2) (2 cos 2b) A_0, charged g^2 (-s^2)/(2 c^2) (-cos 2b) A_0,
        // total g'^2 cos 2b A_0(M) (g^2 s^2/c^2 = g'^2).
        let higgs = gp2 * (2.0 * beta).cos() * a0(600.0, q);
        let expected = gp2
            * (f_pv(p, m, 0.0, q) + 2.0 * g_pv(p, inp.m1, 0.0, q) + a0(m, q) + 0.5 * s_y)
            + higgs;
        let got = slepton_self_energy(&inp, &tree, Slepton::Right, p).total();
        assert!(
            (got - expected).abs() < 1e-9 * expected.abs(),
            "{got} vs {expected}"
        );
    }

    /// The stops without electroweak couplings (g', g_2, Yukawas -> 0), massless top and no
    /// mixing: only the SUSY-QCD part is left and each stop is the light-squark closed form of
    /// pole.rs (a different code path: the closed form at p = m against the PV composition).
    #[test]
    fn stops_reduce_to_the_susy_qcd_closed_form() {
        let mut inp = symmetric(320.0, 180.0);
        inp.g1 = 1e-9;
        inp.g2 = 1e-9;
        let (ml, mr) = (950.0, 870.0);
        // The pair in ascending order (the R state is the lighter one here), as the spectrum
        // hands it over.
        inp.stop = MixedPair {
            masses: [mr, ml],
            mixing: [[0.0, 1.0], [1.0, 0.0]],
        };
        let tree = TreeInos::new(&inp).expect("diagonalises");
        let tf = ThirdFamilyInputs {
            a_t: 300.0,
            a_b: 200.0,
            a_tau: 100.0,
            m3: 700.0,
            g3: 1.05,
        };
        let expected = [mr, ml].map(|m| light_squark_pole_mass(m, tf.m3, tf.g3, inp.q));
        let pole_r = mixed_poles(&inp.stop, [mr * mr, ml * ml], &|p| {
            stop_self_energy(&inp, &tree, &tf, p)
        });
        for k in 0..2 {
            assert!(
                (pole_r[k] - expected[k]).abs() < 1e-9 * expected[k],
                "stop {k}: {} vs closed form {}",
                pole_r[k],
                expected[k]
            );
        }
        // The correction is there (a few per cent).
        assert!((expected[1] - ml).abs() > 0.01 * ml);
    }
}
