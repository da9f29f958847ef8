//! The third-generation Yukawas at Q by the reference codes' fixed-order procedure (setting
//! `yukawa_matching = "mssm_at_mt"`; docs/physics.md section 3, step 2, "The fixed-order
//! procedure"): SOFTSUSY 4.1.22's `MssmSoftsusy::sparticleThresholdCorrections` at its matching
//! scale M_t, as SPheno's `fixed_order`.
//!
//! Owns:
//! 1. [`masses_at_scale`]: the MSSM DR-bar `m_t, m_b, m_tau` at the matching scale `mu` from the
//!    parameters run down to it (MSSM DR-bar couplings, soft terms, mu, tan(beta)):
//!    * `m_t = M_t (1 + Sigma)`, Sigma the SUM of (SOFTSUSY `calcRunningMt`, PBMZ hep-ph/9606211
//!      appendix D, external momentum M_t, each over 16 pi^2):
//!      - one-loop QCD `-(4/3) g_3^2 (5 + 6 ln(mu/m_t))` with the MSSM g_3 and the running m_t;
//!      - gluino-stop ([`delta_top_sqcd`], PBMZ (D.18));
//!      - the Higgs and gauge bosons ([`higgs_self_energy`], SOFTSUSY's `calcRunMtHiggs`: h, H,
//!        A, G^0, H^+-, G^+-/W, Z, photon);
//!      - neutralino-stop and chargino-sbottom ([`delta_top_ew`](crate::model::yukawa::delta_top_ew));
//!      - two-loop QCD `g_3^4 (-0.538314 + 0.181534 l - 0.0379954 l^2)`, `l = 2 ln(m_t/mu)`
//!        (Bednyakov, Onishchenko, Velizhanin, Veretin hep-ph/0210258, as SOFTSUSY writes it);
//!    * `m_b = m_b^SM(mu) (1 + c_b)/(1 + Delta)`: the SM MS-bar five-flavour m_b(mu) (three-loop
//!      QCD from m_b(m_b)), the MS-bar -> DR-bar conversion `c_b` with the MSSM alpha_s
//!      ([`drbar_conversion`], SOFTSUSY's `calcRunMbDrBarConv`), `Delta` = the full gluino-sbottom
//!      self-energy ([`bottom_gluino_self_energy`], `calcRunMbSquarkGluino`) + the neutralino and
//!      chargino loops ([`delta_b_ew`](crate::model::yukawa::delta_b_ew)) + the Higgs and gauge bosons ([`higgs_self_energy`],
//!      `calcRunMbHiggs`), resummed as SOFTSUSY's `calcRunningMb`;
//!    * `m_tau = m_tau^SM(mu) (1 + c_tau)(1 + Sigma_tau)` (SOFTSUSY's `calcRunningMtau`): the
//!      neutralino-stau and chargino-sneutrino self-energy ([`tau_ino_self_energy`], with the loops'
//!      MSSM h_tau and the chirality flip over `m_tau^SM (1 + c_tau)`, as SOFTSUSY: the
//!      tan(beta)-enhanced part is then resummed by the Q iteration) and the Higgs and gauge bosons
//!      ([`higgs_self_energy`], `calcRunMtauHiggs`). `m_tau^SM(mu)` is the one-loop pole ->
//!      MS-bar relation (model::yukawa), 0.30 % below SOFTSUSY's, which takes the tau pole mass as
//!      the running m_tau(m_tau) (docs/physics.md section 3);
//!    * `h_f = m_f/(v sin(b))`, `m_f/(v cos(b))` with v(mu) from the Z self-energy (`getVev()`;
//!      model::higgs_mass::z_self_energy) and tan(beta)(mu).
//! 2. [`fixed_order_yukawas`]: the whole procedure for a solution at Q: the RGE state, vevs and mu
//!    at Q run down to M_t with the point's RGEs (two-loop MSSM with `rge_two_loop`), tree-level
//!    MSSM Higgs states there (m_A^2 = 2 B_mu/sin(2b)), v(M_t) from Pi_ZZ, the masses above, the
//!    Yukawas of the state replaced at M_t, and the state run back up to Q: the Yukawas at Q.
//!
//! The difference from the default `"sm_eft_at_q"` (model::yukawa: SM running to Q, thresholds
//! there) is scheme and resummation, not a correction either lacks: docs/physics.md section 3 gives
//! the diagnosis and the numbers against SOFTSUSY and SPheno.
//!
//! Validity: sparticles near M_t .. a few TeV (the sparticle logarithms ln(M_SUSY/M_t) are fixed
//! order here); tan(beta) up to ~50.

use std::f64::consts::{PI, SQRT_2};

use crate::config::SmInputs;
use crate::model::higgs_mass::z_self_energy::{
    drbar_vev_of_state_at, run_with_vevs, RunningAtQ, VEV_RUN_STEP,
};
use crate::model::rge::{RgeOptions, RgeState};
use crate::model::spectrum::higgs::HiggsSpectrum;
use crate::model::spectrum::pole::{b0, b1};
use crate::model::yukawa::{
    bottom_ew_from, delta_top_sqcd, drbar_conversion, m_bottom_five_flavour, sin_cos_beta,
    sm_couplings_at, tau_ino_self_energy, top_ew_from, vev_fermi, EwLoopStates, EwThresholdInputs,
    ThresholdSpectrum, YukawaCharges,
};

/// 1/(16 pi^2).
const INV_16PI2: f64 = 1.0 / (16.0 * PI * PI);

/// The W pole mass [GeV] of the on-shell weak mixing in the Z couplings of the Higgs/gauge
/// self-energies (SOFTSUSY's `costh = M_W/M_Z` with its computed pole M_W; PDG 2020 here: the
/// Z-loop terms are ~1e-3 of m_t, the choice moves them by ~2 %).
pub const M_W_POLE: f64 = 80.379;

/// Mass mass squared of the decoupled singlet rows of the MSSM Higgs spectrum handed to Pi_ZZ
/// [GeV^2] (no mixing with the doublets: its loops carry zero couplings).
const DECOUPLED_SINGLET_MASS2: f64 = 1.0e12;

/// The MSSM parameters at the matching scale that [`masses_at_scale`] needs (DR-bar, SLHA signs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatchingScaleParams {
    /// The matching scale mu [GeV].
    pub scale: f64,
    /// The top pole mass [GeV] (external momentum and normalisation of the top self-energy).
    pub m_top_pole: f64,
    /// `(g', g_2, g_3)`, g' in SM normalisation.
    pub gauge: [f64; 3],
    /// `(h_t, h_b, h_tau)` inside the loops (the running masses `h v` of the loops; SOFTSUSY's
    /// `forLoops` of the previous iteration).
    pub yukawas: [f64; 3],
    pub tan_beta: f64,
    /// `sqrt(v_u^2 + v_d^2)` [GeV] (174 GeV normalisation) at the scale, from Pi_ZZ.
    pub v: f64,
    pub spectrum: ThresholdSpectrum,
    /// Tree-level m_A^2 [GeV^2].
    pub m_a2: f64,
}

/// The pieces of `m_t = M_t (1 + Sigma)` (each relative to M_t, already over 16 pi^2) and the
/// masses at the scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScaleMasses {
    pub qcd_1l: f64,
    pub stop_gluino: f64,
    pub higgs: f64,
    /// Neutralino-stop plus chargino-sbottom.
    pub inos: f64,
    pub qcd_2l: f64,
    /// `(m_t, m_b, m_tau)` DR-bar at the scale [GeV].
    pub masses: [f64; 3],
    /// The bottom's `Delta` (gluino, inos, Higgs; `m_b ∝ 1/(1 + Delta)`) and the tau's `Sigma`
    /// (inos, Higgs; `m_tau ∝ 1 + Sigma`), as SOFTSUSY resums them.
    pub delta_b: f64,
    pub sigma_tau: f64,
    /// The tau's pieces: the SM MS-bar m_tau(mu) converted to DR-bar [GeV] (`m_tau =` this `(1 +
    /// Sigma)`) and the two parts of `Sigma` (neutralino/chargino, Higgs/gauge bosons).
    pub m_tau_sm_drbar: f64,
    pub sigma_tau_inos: f64,
    pub sigma_tau_higgs: f64,
}

impl ScaleMasses {
    /// `(h_t, h_b, h_tau)` at the scale.
    pub fn yukawas(&self, v: f64, tan_beta: f64) -> [f64; 3] {
        let beta = tan_beta.atan();
        let [mt, mb, mtau] = self.masses;
        [
            mt / (v * beta.sin()),
            mb / (v * beta.cos()),
            mtau / (v * beta.cos()),
        ]
    }
}

/// The tree-level MSSM Higgs sector at the scale: (m_h, m_H, cos^2 alpha, sin^2 alpha, m_A, m_H+)
/// with `h = -sin(a) H_d + cos(a) H_u` (cos^2 a = the H_u weight of h), running M_Z, M_W.
struct TreeHiggs {
    m_h: f64,
    m_big_h: f64,
    cos2_alpha: f64,
    sin2_alpha: f64,
    m_a: f64,
    m_hpm: f64,
    mz: f64,
    mw: f64,
}

impl TreeHiggs {
    fn of(gauge: [f64; 3], v: f64, tan_beta: f64, m_a2: f64) -> Self {
        let [gp, g, _] = gauge;
        let mz2 = (gp * gp + g * g) * v * v / 2.0;
        let mw2 = g * g * v * v / 2.0;
        let beta = tan_beta.atan();
        let (sb, cb) = (beta.sin(), beta.cos());
        // (H_d, H_u) basis (SOFTSUSY's calcDrBarHiggs).
        let m11 = m_a2 * sb * sb + mz2 * cb * cb;
        let m22 = m_a2 * cb * cb + mz2 * sb * sb;
        let m12 = -sb * cb * (m_a2 + mz2);
        let mean = 0.5 * (m11 + m22);
        let root = (0.5 * (m11 - m22)).hypot(m12);
        let (l1, l2) = (mean - root, mean + root);
        // Lighter eigenvector (x_d, x_u): (m12, l1 - m11) normalised.
        let (xd, xu) = (m12, l1 - m11);
        let n2 = xd * xd + xu * xu;
        let cos2_alpha = if n2 > 0.0 { xu * xu / n2 } else { sb * sb };
        Self {
            m_h: l1.max(0.0).sqrt(),
            m_big_h: l2.max(0.0).sqrt(),
            cos2_alpha,
            sin2_alpha: 1.0 - cos2_alpha,
            m_a: m_a2.max(0.0).sqrt(),
            m_hpm: (m_a2 + mw2).max(0.0).sqrt(),
            mz: mz2.sqrt(),
            mw: mw2.sqrt(),
        }
    }
}

/// The on-shell `s_W^2 = 1 - M_W^2/M_Z^2` of the Z couplings and the DR-bar `c_W^2` of `g/c_W`.
fn weak_mixings(gauge: [f64; 3], sm: &SmInputs) -> (f64, f64) {
    let [gp, g, _] = gauge;
    let sw2_os = 1.0 - (M_W_POLE / sm.mz).powi(2);
    (sw2_os, g * g / (g * g + gp * gp))
}

/// A third-family fermion (top, bottom or tau) in its Higgs and gauge-boson self-energy
/// ([`higgs_self_energy`]): its couplings, its SU(2) partner and the external momentum.
struct FermionLoop {
    /// Its Yukawa coupling (to H_u for the top, H_d for the bottom and tau) and running mass
    /// inside the loops [GeV].
    yukawa: f64,
    mass: f64,
    /// Its SU(2) partner in the H+- and G+-/W loops: Yukawa coupling (to the other doublet) and
    /// mass [GeV] (the bottom's for the top, the top's for the bottom, zero for the tau's
    /// massless neutrino).
    partner_yukawa: f64,
    partner_mass: f64,
    /// Weak isospin T_3 (+1/2: up-type, couples to H_u; -1/2: down-type, couples to H_d).
    isospin: f64,
    /// `1/Q` of its electric charge (3/2 for the top, -3 for the bottom, -1 for the tau): the Z
    /// couplings are PBMZ's `(g_L, g_R) = (T_3 - Q s_W^2, Q s_W^2)` (SOFTSUSY's gtL/gtR, gdL/gdR,
    /// geL/geR), `Q s_W^2` written `s_W^2/(1/Q)` (exact for these charges).
    inverse_charge: f64,
    /// Whether the photon loop is included, `-Q^2 e^2 (5 + 6 ln(mu/m))` (the top's, as SOFTSUSY's
    /// `calcRunMtHiggs`; the bottom's and tau's QED is in their SM running below the scale).
    photon_loop: bool,
    /// The external momentum [GeV].
    momentum: f64,
}

/// The Higgs and gauge-boson self-energy of a third-family fermion, relative, over 16 pi^2, in
/// the sign `m ∝ 1 + Sigma` (PBMZ (D.12)-(D.14), Feynman gauge; SOFTSUSY 4.1.22 `calcRunMtHiggs`,
/// `calcRunMtauHiggs`, and minus `calcRunMbHiggs`' deltaHiggs, `m_b ∝ 1/(1 + Delta)`): with `o`
/// the fraction of v in the fermion's own doublet (sin^2 b for the top, cos^2 b for the bottom and
/// tau), `x = 1 - o`, and `(w_H, w_h)` its couplings squared to H and h (sin^2 a, cos^2 a for the
/// top; cos^2 a, sin^2 a down-type): `y^2/2 [w_H (B_1 + B_0)(m, m_H) + w_h (B_1 + B_0)(m, m_h) + x
/// (B_1 - B_0)(m, m_A) + o (B_1 - B_0)(m, M_Z)] + [(y'^2 o + y^2 x) B_1(m', m_H+) + (g^2 + y'^2 x +
/// y^2 o) B_1(m', M_W)]/2 + y'^2 x (B_0(m', m_H+) - B_0(m', M_W)) [- Q^2 e^2 (5 + 6 ln(mu/m))] +
/// (g^2/c_W^2) [(g_L^2 + g_R^2) B_1(m, M_Z) + 4 g_L g_R B_0(m, M_Z)]`, `(y, m)` the fermion's,
/// `(y', m')` its partner's.
fn higgs_self_energy(
    p: &MatchingScaleParams,
    h: &TreeHiggs,
    f: &FermionLoop,
    sm: &SmInputs,
) -> f64 {
    let q = p.scale;
    let (y, m) = (f.yukawa, f.mass);
    let (yp, mp) = (f.partner_yukawa, f.partner_mass);
    let g = p.gauge[1];
    let beta = p.tan_beta.atan();
    let (s2b, c2b) = (beta.sin().powi(2), beta.cos().powi(2));
    let up_type = f.isospin > 0.0;
    let (own, other) = if up_type { (s2b, c2b) } else { (c2b, s2b) };
    let (w_big_h, w_h) = if up_type {
        (h.sin2_alpha, h.cos2_alpha)
    } else {
        (h.cos2_alpha, h.sin2_alpha)
    };
    let (sw2_os, cw2_dr) = weak_mixings(p.gauge, sm);
    let q_sw2 = sw2_os / f.inverse_charge;
    let (g_l, g_r) = (f.isospin - q_sw2, q_sw2);
    let photon = if f.photon_loop {
        let e2 = g * g * (1.0 - cw2_dr);
        e2 / (f.inverse_charge * f.inverse_charge) * (5.0 + 6.0 * (q / m).ln())
    } else {
        0.0
    };
    let bb1 = |m1: f64, m2: f64| b1(f.momentum, m1, m2, q);
    let bb0 = |m1: f64, m2: f64| b0(f.momentum, m1, m2, q);
    let s = 0.5
        * y
        * y
        * (w_big_h * (bb1(m, h.m_big_h) + bb0(m, h.m_big_h))
            + w_h * (bb1(m, h.m_h) + bb0(m, h.m_h))
            + other * (bb1(m, h.m_a) - bb0(m, h.m_a))
            + own * (bb1(m, h.mz) - bb0(m, h.mz)))
        + 0.5
            * ((yp * yp * own + y * y * other) * bb1(mp, h.m_hpm)
                + (g * g + yp * yp * other + y * y * own) * bb1(mp, h.mw))
        + yp * yp * other * (bb0(mp, h.m_hpm) - bb0(mp, h.mw))
        - photon
        + g * g / cw2_dr
            * ((g_l * g_l + g_r * g_r) * bb1(m, h.mz) + 4.0 * g_l * g_r * bb0(m, h.mz));
    s * INV_16PI2
}

/// The full gluino-sbottom self-energy of the bottom in the sign of Delta_b (SOFTSUSY
/// `calcRunMbSquarkGluino`, PBMZ (D.18) with t -> b): `-(alpha_s/3pi) [B_1(p, M_3, m_b1) + B_1(p,
/// M_3, m_b2) - sin(2 theta_b) (M_3/m_b) (B_0(p, M_3, m_b1) - B_0(p, M_3, m_b2))]`, the sbottoms
/// with `X_b = -mu tan(beta)` (A_b left out as in model::yukawa), p = 1 GeV (zero momentum,
/// as model::yukawa::delta_b_ew).
pub fn bottom_gluino_self_energy(
    g3: f64,
    m_b: f64,
    sp: &ThresholdSpectrum,
    tan_beta: f64,
    q: f64,
) -> f64 {
    let (ll, rr) = (sp.mq3 + m_b * m_b, sp.md3 + m_b * m_b);
    let lr = m_b * (-sp.mu * tan_beta);
    let mean = 0.5 * (ll + rr);
    let root = (0.5 * (ll - rr)).hypot(lr);
    let (m1, m2) = ((mean - root).max(0.0).sqrt(), (mean + root).max(0.0).sqrt());
    let s2 = if root > 0.0 { -lr / root } else { 0.0 };
    let mg = sp.m3.abs();
    let p = 1.0;
    -g3 * g3 / (12.0 * PI * PI)
        * (b1(p, mg, m1, q) + b1(p, mg, m2, q)
            - s2 * sp.m3 / m_b * (b0(p, mg, m1, q) - b0(p, mg, m2, q)))
}

/// The MSSM DR-bar `m_t, m_b, m_tau` at the matching scale (module documentation, item 1).
pub fn masses_at_scale(p: &MatchingScaleParams, sm: &SmInputs) -> ScaleMasses {
    let q = p.scale;
    let [gp, g2, g3] = p.gauge;
    let [ht, hb, _] = p.yukawas;
    let (sb, cb) = sin_cos_beta(p.tan_beta);
    let (v_d, v_u) = (p.v * cb, p.v * sb);
    // The running masses of the loops (SOFTSUSY's forLoops.mt, mb).
    let (m_t, m_b) = (ht * v_u, hb * v_d);
    let h = TreeHiggs::of(p.gauge, p.v, p.tan_beta, p.m_a2);
    let g3s = g3 * g3;
    let qcd_1l = -(5.0 + 6.0 * (q / m_t).ln()) * 4.0 * g3s / 3.0 * INV_16PI2;
    let stop_gluino = delta_top_sqcd(g3, (p.m_top_pole, m_t), &p.spectrum, p.tan_beta, q);
    let top = FermionLoop {
        yukawa: ht,
        mass: m_t,
        partner_yukawa: hb,
        partner_mass: m_b,
        isospin: 0.5,
        inverse_charge: 1.5,
        photon_loop: true,
        momentum: p.m_top_pole,
    };
    let higgs = higgs_self_energy(p, &h, &top, sm);
    let ew = EwThresholdInputs {
        g_prime: gp,
        g2,
        ht,
        hb,
        v: p.v,
        tan_beta: p.tan_beta,
        sin_cos_beta: (sb, cb),
        m_top_q: m_t,
        m_bottom_q: m_b,
    };
    let loop_states = EwLoopStates::of(&ew, &p.spectrum);
    let inos = top_ew_from(&ew, &loop_states, p.m_top_pole, q);
    let l = 2.0 * (m_t / q).ln();
    let qcd_2l = g3s * g3s * (-0.538314 + 0.181534 * l - 0.0379954 * l * l) * INV_16PI2;
    let m_top = p.m_top_pole * (1.0 + qcd_1l + stop_gluino + higgs + inos + qcd_2l);
    // Bottom and tau: SM MS-bar masses at the scale, converted with the MSSM couplings.
    let gauge_conv = [g3, g2, gp];
    let mb_sm = m_bottom_five_flavour(q, sm);
    let bottom = FermionLoop {
        yukawa: hb,
        mass: m_b,
        partner_yukawa: ht,
        partner_mass: m_t,
        isospin: -0.5,
        inverse_charge: -3.0,
        photon_loop: false,
        momentum: m_b,
    };
    let delta_b = bottom_gluino_self_energy(g3, m_b, &p.spectrum, p.tan_beta, q)
        + bottom_ew_from(&ew, &loop_states, q)
        - higgs_self_energy(p, &h, &bottom, sm);
    let m_bottom =
        mb_sm * (1.0 + drbar_conversion(&YukawaCharges::BOTTOM, gauge_conv)) / (1.0 + delta_b);
    let mtau_sm = sm_couplings_at(q, p.m_top_pole, sm).y_tau * vev_fermi(sm) / SQRT_2;
    let mtau_dr = mtau_sm * (1.0 + drbar_conversion(&YukawaCharges::TAU, gauge_conv));
    let sigma_tau_inos = tau_ino_self_energy(&ew, &p.spectrum, p.yukawas[2], mtau_dr, q);
    let tau = FermionLoop {
        yukawa: p.yukawas[2],
        mass: p.yukawas[2] * v_d,
        partner_yukawa: 0.0,
        partner_mass: 0.0,
        isospin: -0.5,
        inverse_charge: -1.0,
        photon_loop: false,
        momentum: sm.m_tau,
    };
    let sigma_tau_higgs = higgs_self_energy(p, &h, &tau, sm);
    let sigma_tau = sigma_tau_inos + sigma_tau_higgs;
    let m_tau = mtau_dr * (1.0 + sigma_tau);
    ScaleMasses {
        qcd_1l,
        stop_gluino,
        higgs,
        inos,
        qcd_2l,
        masses: [m_top, m_bottom, m_tau],
        delta_b,
        sigma_tau,
        m_tau_sm_drbar: mtau_dr,
        sigma_tau_inos,
        sigma_tau_higgs,
    }
}

/// A solution's running parameters at Q that [`fixed_order_yukawas`] starts from.
#[derive(Clone, Copy, Debug)]
pub struct FixedOrderInputs<'a> {
    /// Couplings, soft terms, (v_d, v_u) and mu at Q (the MSSM embedding: singlet couplings ~0).
    pub running: RunningAtQ,
    /// B_mu (SLHA m_3^2) at Q.
    pub b_mu: f64,
    pub m_top_pole: f64,
    pub sm: &'a SmInputs,
}

/// What [`fixed_order_yukawas`] found.
#[derive(Clone, Copy, Debug)]
pub struct FixedOrderYukawas {
    /// `(h_t, h_b, h_tau)` at the Q of the inputs.
    pub at_q: [f64; 3],
    /// ... at the matching scale M_t.
    pub at_mt: [f64; 3],
    /// tan(beta)(M_t) and v(M_t) from Pi_ZZ [GeV] (174 GeV normalisation).
    pub tan_beta_mt: f64,
    pub v_mt: f64,
    pub masses: ScaleMasses,
    /// The state at M_t with the matched Yukawas, its (v_d, v_u, mu) and the RGEs: the start of
    /// the run to any Q ([`Self::yukawas_at`]).
    matched_mt: RgeState,
    vevs_mt: [f64; 3],
    scale: f64,
    opts: RgeOptions,
}

impl FixedOrderYukawas {
    /// `(h_t, h_b, h_tau)` at `q`: the matched state run from M_t (the next Q iteration of a
    /// solution starts at a Q other than the one whose parameters were run down).
    pub fn yukawas_at(&self, q: f64) -> [f64; 3] {
        let (state, _) = run_with_vevs(
            &self.matched_mt,
            self.vevs_mt,
            (self.scale, q),
            &self.opts,
            VEV_RUN_STEP,
        );
        let c = &state.couplings;
        [c.ht, c.hb, c.htau]
    }
}

/// The MSSM tree-level Higgs states handed to Pi_ZZ (CP-even in (H_d, H_u, N), CP-odd in
/// (A^0, Im N), the singlet rows decoupled).
fn mssm_higgs_spectrum(h: &TreeHiggs) -> HiggsSpectrum {
    let (c, s) = (h.cos2_alpha.sqrt(), h.sin2_alpha.sqrt());
    HiggsSpectrum {
        even_mass2: [
            h.m_h * h.m_h,
            h.m_big_h * h.m_big_h,
            DECOUPLED_SINGLET_MASS2,
        ],
        // h = -sin(a) H_d + cos(a) H_u, H = cos(a) H_d + sin(a) H_u (alpha in (-pi/2, 0)).
        even_mixing: [[s, c, 0.0], [c, -s, 0.0], [0.0, 0.0, 1.0]],
        odd_mass2: [h.m_a * h.m_a, DECOUPLED_SINGLET_MASS2],
        odd_mixing: [[1.0, 0.0], [0.0, 1.0]],
        charged_mass2: h.m_hpm * h.m_hpm,
    }
}

/// The Yukawas at Q by the fixed-order procedure (module documentation, item 2). Non-finite
/// entries if a run or v(M_t) fails.
pub fn fixed_order_yukawas(inp: &FixedOrderInputs) -> FixedOrderYukawas {
    let mt_scale = inp.m_top_pole;
    let at_q = &inp.running;
    let (state_mt, [v_d, v_u, mu_mt]) = at_q.run_to(mt_scale, VEV_RUN_STEP);
    let c = &state_mt.couplings;
    let tan_beta = v_u / v_d;
    let gauge = [c.g1, c.g2, c.g3];
    // m_A^2 = 2 B_mu/sin(2 beta) with B_mu, beta at Q (the tree-level A mass enters only the
    // small heavy-Higgs logarithms).
    let beta_q = (at_q.v_u / at_q.v_d).atan();
    let m_a2 = 2.0 * inp.b_mu / (2.0 * beta_q).sin();
    let v_running = v_d.hypot(v_u);
    let tree = TreeHiggs::of(gauge, v_running, tan_beta, m_a2);
    let higgs = mssm_higgs_spectrum(&tree);
    let v_mt =
        drbar_vev_of_state_at(mt_scale, &state_mt, [v_d, v_u, mu_mt], 1.0e6, &higgs) / SQRT_2;
    let params = MatchingScaleParams {
        scale: mt_scale,
        m_top_pole: inp.m_top_pole,
        gauge,
        yukawas: [c.ht, c.hb, c.htau],
        tan_beta,
        v: v_mt,
        spectrum: ThresholdSpectrum::from_soft(&state_mt.soft, mu_mt),
        m_a2,
    };
    let masses = masses_at_scale(&params, inp.sm);
    let at_mt = masses.yukawas(v_mt, tan_beta);
    // Replace the Yukawas at M_t and run up.
    let mut matched_mt = state_mt;
    [
        matched_mt.couplings.ht,
        matched_mt.couplings.hb,
        matched_mt.couplings.htau,
    ] = at_mt;
    let mut out = FixedOrderYukawas {
        at_q: [f64::NAN; 3],
        at_mt,
        tan_beta_mt: tan_beta,
        v_mt,
        masses,
        matched_mt,
        vevs_mt: [v_d, v_u, mu_mt],
        scale: mt_scale,
        opts: at_q.opts,
    };
    out.at_q = out.yukawas_at(at_q.q);
    out
}
