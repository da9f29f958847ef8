//! Third-generation Yukawa couplings at Q from measured masses (switch `yukawa_inputs =
//! "measured"`, the consistent preset; docs/physics.md section 3, step 2), by the default
//! `yukawa_matching = "sm_eft_at_q"`; the other setting, `"mssm_at_mt"` (the reference codes'
//! fixed-order matching at M_t), is model::yukawa_fixed_order, which reuses the thresholds here.
//!
//! Owns: the Standard-Model MS-bar running of `alpha_s`, `y_t`, `y_b`, `y_tau` from their
//! low-energy inputs to Q, and the one-loop matching of these SM couplings onto the MSSM DR-bar
//! `h_t, h_b, h_tau` at Q with the SUSY thresholds (the "EFT below Q is the SM" procedure; the
//! sparticle logarithms are then small because the thresholds are evaluated where the particles
//! are):
//!
//! 1. Inputs: the top pole mass `M_t` (the sampled `m_top`), `alpha_s^(5)(M_Z)`, `m_b(m_b)` (SM
//!    MS-bar, five flavours), the tau pole mass, `G_F` (`v = (sqrt2 G_F)^(-1/2)`).
//! 2. `y_t^SM(M_t)` from the fit of Buttazzo et al. (arXiv:1307.3536 v3 = JHEP 12 (2013) 089 as
//!    updated, eq. (60)), which carries the three-loop QCD and two-loop electroweak pole-to-MS-bar
//!    relation: `y_t(M_t) = 0.93690 + 0.00556 (M_t/GeV - 173.34) - 0.00042 (alpha_s(M_Z) -
//!    0.1184)/0.0007` ([`y_top_at_pole`], the program's one copy; model::higgs_mass::sm uses it).
//!    The expansion point is the top mass of the fit's own inputs (v3: M_t = 173.34, M_h = 125.15,
//!    the same reference point as its lambda, g_3, g_2, g' fits); 0.93690 is y_t at M_t = 173.34.
//!    `m_b(M_t)` from `m_b(m_b)` with three-loop QCD running (five flavours); `m_tau(M_t) =
//!    M_tau [1 - alpha/pi (1 + 3/4 ln(M_t^2/M_tau^2))]` (one-loop QED); `y_f = sqrt2 m_f / v`.
//! 3. SM running M_t -> Q (six flavours): one-loop SM beta functions of `g', g_2, y_t, y_b,
//!    y_tau` (Machacek-Vaughn; Arason et al. PRD 46 (1992) 3945), `alpha_s` at three loops, the
//!    QCD mass anomalous dimension at three loops in `y_t` and `y_b`
//!    (`d ln m/d ln mu^2 = -sum gamma_i a^(i+1)`, `a = alpha_s/4pi`, `gamma_0 = 4`,
//!    `gamma_1 = 202/3 - 20 n_f/9`, `gamma_2 = 1249 - (2216/27 + 160 zeta_3/3) n_f - 140 n_f^2/81`),
//!    and the two-loop `y_t^2 (393/80 g_1^2 + 225/16 g_2^2 + 36 g_3^2) - 12 y_t^4` terms of `y_t`
//!    (Machacek-Vaughn; the Higgs-quartic and pure electroweak two-loop terms are left out, below
//!    1e-3 over the range used).
//! 4. Matching at Q (one loop, DR-bar, SLHA signs; `h_t = m_t/v_u` normalisation):
//!    * `h_t = y_t/sin(b) (1 - alpha_s/3pi + c_t^EW) (1 + delta_t)`, MS-bar -> DR-bar (the QCD
//!      part and the electroweak `c_t^EW = (3 g_2^2 + g'^2/9)/128pi^2`, [`drbar_conversion`];
//!      h_b and h_tau get theirs likewise), and the
//!      gluino-stop self-energy (Pierce, Bagger, Matchev, Zhang hep-ph/9606211 (D.18), as coded in
//!      SOFTSUSY's `calcRunMtStopGluino`):
//!      `delta_t = g_3^2/(16 pi^2) (4/3) [B_1(M_t, M_3, m_t1) + B_1(M_t, M_3, m_t2)
//!      - sin(2 theta_t) M_3/M_t (B_0(M_t, M_3, m_t1) - B_0(M_t, M_3, m_t2))]`;
//!      plus the electroweak `delta_t_ew` ([`delta_top_ew`]: neutralino-stop and chargino-sbottom,
//!      PBMZ appendix D in the form of SOFTSUSY's `calcRunMtNeutralinos`/`calcRunMtCharginos`),
//!      `h_t ∝ (1 + delta_t + delta_t_ew)`;
//!    * `h_b = y_b/cos(b) (1 - alpha_s/3pi)/(1 + Delta_b)`, `Delta_b` = the tan(beta)-enhanced
//!      gluino term `(2 alpha_s/3pi) M_3 mu tan(b) I(m_b1^2, m_b2^2, M_3^2)` (Carena, Garcia,
//!      Nierste, Wagner hep-ph/9912516 eq. (4)) plus the full neutralino-sbottom and chargino-stop
//!      self-energy of the bottom ([`delta_b_ew`]), whose tan(beta)-enhanced part is Carena et al.'s
//!      higgsino term `(h_t^2/16pi^2) A_t mu tan(b) I(m_t1^2, m_t2^2, mu^2)` plus the wino and bino
//!      terms (tested against the closed forms); resummed as `1/(1 + Delta_b)`;
//!    * `h_tau = y_tau/cos(b)/(1 + Delta_tau)`,
//!      `Delta_tau = (g'^2/16pi^2) M_1 mu tan(b) [I(m_L^2, m_E^2, M_1^2) + I(M_1^2, mu^2, m_L^2)/2
//!      - I(M_1^2, mu^2, m_E^2)] - (g_2^2/16pi^2) M_2 mu tan(b) [I(M_2^2, mu^2, m_nu^2)
//!      + I(M_2^2, mu^2, m_L^2)/2]` (the lepton analogue of Delta_b: bino with L-R mixing,
//!      bino-higgsino, wino-higgsino; Marchetti, Mertens, Nierste, Stoeckinger arXiv:0808.1530
//!      eq. (3.4) with SLHA mu);
//!    * `I(a, b, c) = [a b ln(a/b) + b c ln(b/c) + c a ln(c/a)]/((a - b)(b - c)(a - c))
//!      = int_0^inf x dx/((x + a)(x + b)(x + c))`.
//!
//!    * all three times `(1 + delta_h)`, the wave-function threshold of the light Higgs from the
//!      neutralino and chargino loops ([`delta_higgs_wf`], the "vev threshold"); its logarithm
//!      `(3 g_2^2 + g'^2)/2` completes the one-loop scale dependence of the electroweak thresholds
//!      (tests `threshold_scale_dependence_*`).
//!
//! Left out (docs/physics.md section 3): the heavy-Higgs part of the top self-energy (below 3e-4)
//! and its Higgs wave-function part (the charged-Higgs `h_b^2/2` of the scale dependence), the
//! non-enhanced gluino part of h_b and electroweak part of h_tau, two-loop SUSY-QCD.
//!
//! Validity: SUSY masses within a factor of a few of Q (no large logarithms between the sparticles
//! and Q); tan(beta) up to ~50 (the resummation `1/(1 + Delta_b)` is the leading-tan(beta) one).

use std::cell::Cell;
use std::f64::consts::{PI, SQRT_2};

use nalgebra::{Matrix4, SymmetricEigen};

use crate::config::{PhysicsConfig, SmInputs, YukawaInputs};
use crate::model::gauge::{
    gauge_couplings_at, gauge_mediated_estimate, GaugeContext, SpectrumInputs, ThresholdInputs,
};
use crate::model::params::SoftTerms;
use crate::model::rge::rk4;
use crate::model::spectrum::chargino::{charginos, Charginos};
use crate::model::spectrum::neutralino::{neutralinos, NeutralinoInputs, Neutralinos};
use crate::model::spectrum::pole::{
    b0_b1, b0_b1_with_ln, b0_slope, b0_zero_with_ln, ln_mass2_over_q2,
};

/// 1/(16 pi^2).
const INV_16PI2: f64 = 1.0 / (16.0 * PI * PI);
/// Riemann zeta(3).
const ZETA3: f64 = 1.202_056_903_159_594_3;

/// The running SUSY masses at Q that the thresholds need (DR-bar, SLHA signs; scalar masses
/// squared are the soft terms, the stop matrix adds `m_t^2` and the `m_t X_t` mixing).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThresholdSpectrum {
    pub m1: f64,
    pub m2: f64,
    pub m3: f64,
    pub mu: f64,
    pub a_t: f64,
    /// Soft masses squared [GeV^2].
    pub mq3: f64,
    pub mu3: f64,
    pub md3: f64,
    pub ml3: f64,
    pub me3: f64,
}

impl ThresholdSpectrum {
    /// From the running soft terms at Q and mu.
    pub fn from_soft(s: &SoftTerms, mu: f64) -> Self {
        Self {
            m1: s.m1,
            m2: s.m2,
            m3: s.m3,
            mu,
            a_t: s.a_t,
            mq3: s.mq3,
            mu3: s.mu3,
            md3: s.md3,
            ml3: s.ml3,
            me3: s.me3,
        }
    }
}

/// The SM MS-bar couplings at Q (six-flavour QCD; `y = sqrt2 m/v` normalisation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmCouplingsAtQ {
    pub alpha_s: f64,
    pub y_t: f64,
    pub y_b: f64,
    pub y_tau: f64,
}

/// The matched MSSM DR-bar Yukawas at Q and the thresholds that went into them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatchedYukawas {
    pub ht: f64,
    pub hb: f64,
    pub htau: f64,
    pub sm: SmCouplingsAtQ,
    /// Gluino-stop self-energy of the top (relative).
    pub delta_t: f64,
    /// Neutralino-stop and chargino-sbottom self-energy of the top (relative, [`delta_top_ew`]).
    pub delta_t_ew: f64,
    pub delta_b: f64,
    pub delta_tau: f64,
    /// Wave-function threshold of the light Higgs from the inos ([`delta_higgs_wf`]; relative,
    /// multiplies all three).
    pub delta_h: f64,
}

/// The reference point of the Buttazzo et al. fits (arXiv:1307.3536 v3): top pole mass and
/// alpha_s(M_Z).
pub const BUTTAZZO_MT_REF: f64 = 173.34;
pub const BUTTAZZO_ALPHA_S_REF: f64 = 0.1184;

/// `y_t^SM(M_t)`, MS-bar at mu = M_t, from the top pole mass and alpha_s(M_Z) (Buttazzo et al.,
/// arXiv:1307.3536 v3, eq. (60); theoretical error 0.00050, `higgs_mass::sm::YT_TH_ERROR`).
pub fn y_top_at_pole(m_top_pole: f64, alpha_s_mz: f64) -> f64 {
    0.93690 + 0.00556 * (m_top_pole - BUTTAZZO_MT_REF)
        - 0.00042 * (alpha_s_mz - BUTTAZZO_ALPHA_S_REF) / 0.0007
}

/// The terms of `m_t(M_t)/M_t - 1` in QCD, MS-bar, five light flavours, through three loops:
/// `-4/3 a - 9.1253 a^2 - 80.405 a^3`, `a = alpha_s(M_t)/pi` (Chetyrkin, Steinhauser hep-ph/9911434;
/// Melnikov, van Ritbergen hep-ph/9912391). Not used by the matching (the y_t fit carries it); the
/// SOFTSUSY comparisons (tests/yukawa_softsusy.rs, examples/yukawa_softsusy_diagnostic.rs) use it to
/// take the fit apart.
pub fn top_pole_to_msbar_qcd(a: f64) -> [f64; 3] {
    [-4.0 / 3.0 * a, -9.1253 * a * a, -80.405 * a * a * a]
}

/// QCD beta-function coefficients `(beta_0, beta_1, beta_2)` for `da/dln mu^2 = -beta_0 a^2 -
/// beta_1 a^3 - beta_2 a^4`, `a = alpha_s/4pi`.
#[inline(always)] // Inside the AVX2 copy of the RK4 loop (rge::rk4).
fn qcd_beta(nf: f64) -> [f64; 3] {
    [
        11.0 - 2.0 / 3.0 * nf,
        102.0 - 38.0 / 3.0 * nf,
        2857.0 / 2.0 - 5033.0 / 18.0 * nf + 325.0 / 54.0 * nf * nf,
    ]
}

/// Quark-mass anomalous dimension `(gamma_0, gamma_1, gamma_2)`, `d ln m/d ln mu^2 = -sum
/// gamma_i a^(i+1)`.
#[inline(always)] // Inside the AVX2 copy of the RK4 loop (rge::rk4).
fn qcd_gamma_m(nf: f64) -> [f64; 3] {
    [
        4.0,
        202.0 / 3.0 - 20.0 / 9.0 * nf,
        1249.0 - (2216.0 / 27.0 + 160.0 / 3.0 * ZETA3) * nf - 140.0 / 81.0 * nf * nf,
    ]
}

/// `d a/d ln mu` (three loops).
#[inline(always)] // Inside the AVX2 copy of the RK4 loop (rge::rk4).
fn da_dt(a: f64, nf: f64) -> f64 {
    let b = qcd_beta(nf);
    -2.0 * a * a * (b[0] + a * (b[1] + a * b[2]))
}

/// `d ln m_q/d ln mu` from QCD (three loops).
#[inline(always)] // Inside the AVX2 copy of the RK4 loop (rge::rk4).
fn dlnm_dt(a: f64, nf: f64) -> f64 {
    let g = qcd_gamma_m(nf);
    -2.0 * a * (g[0] + a * (g[1] + a * g[2]))
}

/// Largest RK4 step in ln(mu) (the rates are at most ~0.1 per unit; truncation < 1e-9).
const STEP: f64 = 0.05;

/// `alpha_s^(5)(mu)` from `alpha_s^(5)(M_Z)` (three-loop, five flavours).
pub fn alpha_s_five_flavour(mu: f64, sm: &SmInputs) -> f64 {
    let a0 = sm.alpha_s_mz / (4.0 * PI);
    let [a] = rk4(
        [a0],
        sm.mz.ln(),
        mu.ln(),
        STEP,
        #[inline(always)]
        |y| [da_dt(y[0], 5.0)],
    );
    4.0 * PI * a
}

/// `m_b(mu)`, SM MS-bar five flavours, from `m_b(m_b)` (three-loop QCD).
pub fn m_bottom_five_flavour(mu: f64, sm: &SmInputs) -> f64 {
    let mb = sm.m_bottom_mb;
    let a_mb = alpha_s_at_bottom_mass(sm) / (4.0 * PI);
    let [_, lnm] = rk4(
        [a_mb, mb.ln()],
        mb.ln(),
        mu.ln(),
        STEP,
        #[inline(always)]
        |y| [da_dt(y[0], 5.0), dlnm_dt(y[0], 5.0)],
    );
    lnm.exp()
}

/// `alpha_s^(5)(m_b(m_b))` ([`alpha_s_five_flavour`]), remembered on this thread for the last
/// `(alpha_s(M_Z), M_Z, m_b(m_b))`: it depends on the SM inputs only, and every point's
/// [`SmAtTop::new`] runs m_b from there. The same bits as the call.
fn alpha_s_at_bottom_mass(sm: &SmInputs) -> f64 {
    type Key = [u64; 3];
    thread_local! {
        static LAST: Cell<Option<(Key, f64)>> = const { Cell::new(None) };
    }
    let key = [sm.alpha_s_mz, sm.mz, sm.m_bottom_mb].map(f64::to_bits);
    LAST.with(|last| match last.get() {
        Some((k, alpha_s)) if k == key => alpha_s,
        _ => {
            let alpha_s = alpha_s_five_flavour(sm.m_bottom_mb, sm);
            last.set(Some((key, alpha_s)));
            alpha_s
        }
    })
}

/// `v = (sqrt2 G_F)^(-1/2)` [GeV] (246.2 GeV; `y_f = sqrt2 m_f/v`).
pub fn vev_fermi(sm: &SmInputs) -> f64 {
    (SQRT_2 * sm.g_fermi).powf(-0.5)
}

/// The SM MS-bar couplings at `q` from the measured masses (module documentation, steps 1-3).
pub fn sm_couplings_at(q: f64, m_top_pole: f64, sm: &SmInputs) -> SmCouplingsAtQ {
    SmAtTop::new(m_top_pole, sm).run_to(q)
}

/// The SM MS-bar `(g', g_2, a = alpha_s/4pi, y_t, y_b, y_tau)` at the top pole mass (module
/// documentation, steps 1-2): the start of the running to any Q (step 3). They depend on the
/// measured inputs only, so a point computes them once (`YukawaSetup`) and runs them to each
/// trial scale, the same floating-point operations as [`sm_couplings_at`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmAtTop {
    m_top_pole: f64,
    start: [f64; 6],
}

impl SmAtTop {
    pub fn new(m_top_pole: f64, sm: &SmInputs) -> Self {
        let mt = m_top_pole;
        let v = vev_fermi(sm);
        // Electroweak couplings (SM MS-bar at M_Z), run to M_t at one loop.
        let e2 = 4.0 * PI / sm.alpha_em_inv_mz;
        let s2 = sm.sin2_theta_w_mz;
        let (gp2_mz, g22_mz) = (e2 / (1.0 - s2), e2 / s2);
        let run_g2 = |g2: f64, b: f64, dt: f64| 1.0 / (1.0 / g2 - 2.0 * b * dt * INV_16PI2);
        let dt = (mt / sm.mz).ln();
        let gp = run_g2(gp2_mz, 41.0 / 6.0, dt).sqrt();
        let g2 = run_g2(g22_mz, -19.0 / 6.0, dt).sqrt();
        let a_s = alpha_s_five_flavour(mt, sm) / (4.0 * PI);
        let alpha_em = 1.0 / sm.alpha_em_inv_mz;
        let m_tau = sm.m_tau
            * (1.0 - alpha_em / PI * (1.0 + 0.75 * (mt * mt / (sm.m_tau * sm.m_tau)).ln()));
        let start = [
            gp,
            g2,
            a_s,
            y_top_at_pole(mt, sm.alpha_s_mz),
            SQRT_2 * m_bottom_five_flavour(mt, sm) / v,
            SQRT_2 * m_tau / v,
        ];
        Self { m_top_pole, start }
    }

    /// The SM couplings at `q` (six-flavour running from M_t, step 3).
    pub fn run_to(&self, q: f64) -> SmCouplingsAtQ {
        let end = rk4(self.start, self.m_top_pole.ln(), q.ln(), STEP, sm_rates);
        SmCouplingsAtQ {
            alpha_s: 4.0 * PI * end[2],
            y_t: end[3],
            y_b: end[4],
            y_tau: end[5],
        }
    }
}

/// `d/d ln mu` of `(g', g_2, a = alpha_s/4pi, y_t, y_b, y_tau)` in the six-flavour SM (module
/// documentation, step 3).
#[inline(always)] // Inside the AVX2 copy of the RK4 loop (rge::rk4).
fn sm_rates(s: &[f64; 6]) -> [f64; 6] {
    let [gp, g2, a, yt, yb, ytau] = *s;
    // g_3^2 = 4 pi alpha_s = 16 pi^2 a.
    let (gp2, g22, g32) = (gp * gp, g2 * g2, 16.0 * PI * PI * a);
    let (t2, b2, ta2) = (yt * yt, yb * yb, ytau * ytau);
    let y2 = 3.0 * t2 + 3.0 * b2 + ta2;
    let qcd = dlnm_dt(a, 6.0);
    let g1_gut2 = 5.0 / 3.0 * gp2;
    let two_loop_t = (t2 * (393.0 / 80.0 * g1_gut2 + 225.0 / 16.0 * g22 + 36.0 * g32)
        - 12.0 * t2 * t2)
        * INV_16PI2
        * INV_16PI2;
    [
        41.0 / 6.0 * gp * gp2 * INV_16PI2,
        -19.0 / 6.0 * g2 * g22 * INV_16PI2,
        da_dt(a, 6.0),
        yt * ((1.5 * (t2 - b2) + y2 - 2.25 * g22 - 17.0 / 12.0 * gp2) * INV_16PI2
            + qcd
            + two_loop_t),
        yb * ((1.5 * (b2 - t2) + y2 - 2.25 * g22 - 5.0 / 12.0 * gp2) * INV_16PI2 + qcd),
        ytau * ((1.5 * ta2 + y2 - 2.25 * g22 - 3.75 * gp2) * INV_16PI2),
    ]
}

/// `I(a, b, c) = int_0^inf x dx/((x + a)(x + b)(x + c))` in closed form, with its equal-argument
/// limits (arguments are masses squared, positive).
pub fn loop_i(a: f64, b: f64, c: f64) -> f64 {
    // Sort so that the limits are taken on adjacent pairs.
    let mut v = [a, b, c];
    v.sort_by(f64::total_cmp);
    let [a, b, c] = v;
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-6 * x.max(y);
    match (close(a, b), close(b, c)) {
        (true, true) => 1.0 / (2.0 * b),
        // I(a, a, c) = [a - c + c ln(c/a)]/(a - c)^2 (derivative of the two-argument form).
        (true, false) => {
            let a = 0.5 * (a + b);
            (a - c + c * (c / a).ln()) / ((a - c) * (a - c))
        }
        (false, true) => {
            let c = 0.5 * (b + c);
            (c - a + a * (a / c).ln()) / ((c - a) * (c - a))
        }
        _ => {
            (a * b * (a / b).ln() + b * c * (b / c).ln() + c * a * (c / a).ln())
                / ((a - b) * (b - c) * (a - c))
        }
    }
}

/// The stop masses squared (ascending) and `sin(2 theta_t) = 2 R_11 R_12` (SLHA mixing, row 1 the
/// lighter state) from the soft masses, the top mass and `X_t = A_t - mu/tan(b)` (D-terms left
/// out: they move the logarithms by < 1e-3).
pub fn stop_system(sp: &ThresholdSpectrum, m_top: f64, tan_beta: f64) -> ([f64; 2], f64) {
    let mt2 = m_top * m_top;
    let (ll, rr) = (sp.mq3 + mt2, sp.mu3 + mt2);
    let lr = m_top * (sp.a_t - sp.mu / tan_beta);
    let mean = 0.5 * (ll + rr);
    let root = (0.5 * (ll - rr)).hypot(lr);
    // Lighter eigenvector (R_11, R_12) of [[ll, lr], [lr, rr]]: sin(2 theta) = -lr/root.
    let sin_2theta = if root > 0.0 { -lr / root } else { 0.0 };
    ([mean - root, mean + root], sin_2theta)
}

/// The gluino-stop self-energy of the top, relative (module documentation, `delta_t`): external
/// momentum and the divisor at the pole mass `m_top_pole` (as SOFTSUSY), the stop system with the
/// running `m_top_q`.
pub fn delta_top_sqcd(
    g3: f64,
    (m_top_pole, m_top_q): (f64, f64),
    sp: &ThresholdSpectrum,
    tan_beta: f64,
    q: f64,
) -> f64 {
    let ([m1s, m2s], s2t) = stop_system(sp, m_top_q, tan_beta);
    let (m1, m2) = (m1s.max(0.0).sqrt(), m2s.max(0.0).sqrt());
    let mg = sp.m3.abs();
    let p = m_top_pole;
    // B_0 and B_1 of each stop from one evaluation (b0_b1: the same bits as b0 and b1).
    let ((b0_1, b1_1), (b0_2, b1_2)) = (b0_b1(p, mg, m1, q), b0_b1(p, mg, m2, q));
    g3 * g3 * INV_16PI2 * 4.0 / 3.0 * (b1_1 + b1_2 - s2t * sp.m3 / p * (b0_1 - b0_2))
}

/// A left-right mixed sfermion pair: the masses squared (ascending) and the rows `O_1 = (c, s)`,
/// `O_2 = (-s, c)` with `f~_1 = c f~_L + s f~_R` (SLHA; SOFTSUSY's `rot2d(theta)`), from the
/// matrix `[[ll, lr], [lr, rr]]`. Each loop below is quadratic in a row, so the overall sign of
/// the eigenvector is immaterial.
fn sfermion_rows(ll: f64, rr: f64, lr: f64) -> ([f64; 2], [[f64; 2]; 2]) {
    let mean = 0.5 * (ll + rr);
    let root = (0.5 * (ll - rr)).hypot(lr);
    let m1 = mean - root;
    // Eigenvector of m1: (lr, m1 - ll) or (m1 - rr, lr), whichever is better conditioned.
    let (x, y) = if (m1 - ll).abs() > (m1 - rr).abs() {
        (lr, m1 - ll)
    } else {
        (m1 - rr, lr)
    };
    let n = x.hypot(y);
    let (c, s) = if n > 0.0 { (x / n, y / n) } else { (1.0, 0.0) };
    ([m1, mean + root], [[c, s], [-s, c]])
}

/// One fermion-sfermion loop of a quark self-energy (PBMZ hep-ph/9606211 appendix D, in the form
/// of SOFTSUSY's `calcRunMtNeutralinos`): `[(a^2 + b^2) B_1(p, |m_f|, m_s) + 2 a b (m_f/m_q)
/// B_0(p, |m_f|, m_s)]/2` with real couplings `a`, `b` to the two quark chiralities and the SIGNED
/// fermion mass `m_f` (a real neutralino mixing with signed masses is PBMZ's complex mixing with
/// positive masses: the phase i of a negative-mass row flips the sign of `a b`).
fn fermion_sfermion_loop(
    p: f64,
    m_q: f64,
    m_f: f64,
    m_s: Sfermion,
    (a, b): (f64, f64),
    q: f64,
) -> f64 {
    let (bb0, bb1) = b0_b1_with_ln(p, m_f.abs(), m_s.mass, q, m_s.ln_mass2);
    0.5 * ((a * a + b * b) * bb1 + 2.0 * a * b * m_f / m_q * bb0)
}

/// A sfermion inside [`fermion_sfermion_loop`]: its mass (a tachyonic state at zero) and
/// `ln(m^2/Q^2)`, taken once for all the inos it meets.
#[derive(Clone, Copy)]
struct Sfermion {
    mass: f64,
    ln_mass2: f64,
}

impl Sfermion {
    fn new(m_s2: f64, q: f64) -> Self {
        let mass = m_s2.max(0.0).sqrt();
        Self {
            mass,
            ln_mass2: ln_mass2_over_q2(mass, q),
        }
    }
}

/// What the electroweak SUSY thresholds need besides the [`ThresholdSpectrum`]: MSSM DR-bar
/// couplings at Q and the running quark masses (`v` in the 174 GeV normalisation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EwThresholdInputs {
    pub g_prime: f64,
    pub g2: f64,
    pub ht: f64,
    pub hb: f64,
    /// `sqrt(v_u^2 + v_d^2)` [GeV], 174 GeV normalisation.
    pub v: f64,
    pub tan_beta: f64,
    /// `(sin(beta), cos(beta))` of `tan_beta` ([`sin_cos_beta`]), taken once per matching.
    pub sin_cos_beta: (f64, f64),
    /// Running `m_t(Q)`, `m_b(Q)` of the sfermion mass matrices [GeV].
    pub m_top_q: f64,
    pub m_bottom_q: f64,
}

/// `(sin(beta), cos(beta))` from tan(beta) (`beta = atan(tan(beta))`).
pub fn sin_cos_beta(tan_beta: f64) -> (f64, f64) {
    let beta = tan_beta.atan();
    (beta.sin(), beta.cos())
}

impl EwThresholdInputs {
    /// `(v_d, v_u)`.
    fn vevs(&self) -> (f64, f64) {
        let (sb, cb) = self.sin_cos_beta;
        (self.v * cb, self.v * sb)
    }

    /// Tree-level neutralinos (SLHA basis B~, W~3, H~d, H~u; the singlino of the 5x5 routine is
    /// decoupled: no lambda_N, mass 1e6 GeV, so it is the fifth row and is not used) and
    /// charginos at Q.
    fn inos(&self, sp: &ThresholdSpectrum) -> (Neutralinos, Charginos) {
        let (v_d, v_u) = self.vevs();
        let n = neutralinos(&NeutralinoInputs {
            m1: sp.m1,
            m2: sp.m2,
            mu: sp.mu,
            lambda_n: 0.0,
            v_d,
            v_u,
            singlino_mass: 1e6,
            g1: self.g_prime,
            g2: self.g2,
        });
        (n, charginos(sp.m2, sp.mu, self.g2, v_d, v_u))
    }

    /// Stop and sbottom systems (D-terms left out as in [`stop_system`]; `X_b = -mu tan(beta)`:
    /// A_b is not in the threshold spectrum, and |A_b| < |mu| tan(beta) by a factor > 7 at every
    /// reference point).
    fn squarks(&self, sp: &ThresholdSpectrum) -> [([f64; 2], [[f64; 2]; 2]); 2] {
        let (mt, mb) = (self.m_top_q, self.m_bottom_q);
        let stops = sfermion_rows(
            sp.mq3 + mt * mt,
            sp.mu3 + mt * mt,
            mt * (sp.a_t - sp.mu / self.tan_beta),
        );
        let sbottoms = sfermion_rows(
            sp.mq3 + mb * mb,
            sp.md3 + mb * mb,
            mb * (-sp.mu * self.tan_beta),
        );
        [stops, sbottoms]
    }
}

/// Sum over neutralinos/charginos `i` and the two sfermions `j` of [`fermion_sfermion_loop`] with
/// the couplings rotated into mass states: chirality couplings `(a_L, a_R, b_L, b_R)` of state i
/// in the sfermion (L, R) basis, rotated by the sfermion rows.
fn ino_sfermion_sum(
    p: f64,
    m_q: f64,
    states: &[(f64, [f64; 4])],
    sfermions: &([f64; 2], [[f64; 2]; 2]),
    q: f64,
) -> f64 {
    let (m2s, rows) = sfermions;
    let masses = m2s.map(|m2| Sfermion::new(m2, q));
    let mut total = 0.0;
    for &(m_f, [al, ar, bl, br]) in states {
        for j in 0..2 {
            let [c, s] = rows[j];
            let (a, b) = (c * al + s * ar, c * bl + s * br);
            total += fermion_sfermion_loop(p, m_q, m_f, masses[j], (a, b), q);
        }
    }
    total
}

/// The electroweak SUSY self-energy of the top at Q, relative: neutralino-stop plus
/// chargino-sbottom (PBMZ appendix D, SOFTSUSY's `calcRunMtNeutralinos` and
/// `calcRunMtCharginos`: couplings, `p` = divisor = the pole mass), over 16 pi^2. Evaluated at Q
/// where every state in the loop is integrated out (the SM-EFT running below Q carries the
/// SM-like W, Z, h loops). Left out: the heavy Higgs doublet (H, A, H+- minus the SM h and
/// Goldstones), proportional to `h_t^2 cos^2(beta)` and `h_b^2 sin^2(beta) B_1(m_b, m_H+)`,
/// below 3e-4 at every reference point.
pub fn delta_top_ew(
    ew: &EwThresholdInputs,
    sp: &ThresholdSpectrum,
    m_top_pole: f64,
    q: f64,
) -> f64 {
    top_ew_from(ew, &EwLoopStates::of(ew, sp), m_top_pole, q)
}

/// The states inside the electroweak SUSY loops at Q: the tree-level inos
/// ([`EwThresholdInputs::inos`]) and the stop and sbottom systems
/// ([`EwThresholdInputs::squarks`]). The top and bottom self-energies of one matching
/// ([`matched_yukawas_from`], and the fixed-order masses of model::yukawa_fixed_order) share them.
pub(crate) struct EwLoopStates {
    neutralinos: Neutralinos,
    charginos: Charginos,
    stops: ([f64; 2], [[f64; 2]; 2]),
    sbottoms: ([f64; 2], [[f64; 2]; 2]),
}

impl EwLoopStates {
    pub(crate) fn of(ew: &EwThresholdInputs, sp: &ThresholdSpectrum) -> Self {
        let (neutralinos, charginos) = ew.inos(sp);
        let [stops, sbottoms] = ew.squarks(sp);
        Self {
            neutralinos,
            charginos,
            stops,
            sbottoms,
        }
    }
}

/// [`delta_top_ew`] from the loop states.
pub(crate) fn top_ew_from(
    ew: &EwThresholdInputs,
    states: &EwLoopStates,
    m_top_pole: f64,
    q: f64,
) -> f64 {
    let (n, c) = (&states.neutralinos, &states.charginos);
    let (stops, sbottoms) = (&states.stops, &states.sbottoms);
    let (gp, g, ht, hb) = (ew.g_prime, ew.g2, ew.ht, ew.hb);
    let r2 = SQRT_2;
    // Basis (B~, W~3, H~d, H~u): a_L, a_R, b_L, b_R of the top-stop couplings.
    let a_l = [0.0, 0.0, 0.0, ht];
    let a_r = [-4.0 * gp / (3.0 * r2), 0.0, 0.0, 0.0];
    let b_l = [gp / (3.0 * r2), g / r2, 0.0, 0.0];
    let b_r = [0.0, 0.0, 0.0, ht];
    let neut = neutralino_couplings(n, [a_l, a_r, b_l, b_r]);
    // Charginos (basis W~+-, H~+-): a from V (a_L = -h_t on H~), b from U (b_L = g on W~,
    // b_R = -h_b on H~).
    let charg: Vec<(f64, [f64; 4])> = (0..2)
        .map(|i| {
            let (u, v) = (c.u[i], c.v[i]);
            (c.masses[i], [-ht * v[1], 0.0, g * u[0], -hb * u[1]])
        })
        .collect();
    let p = m_top_pole;
    (ino_sfermion_sum(p, p, &neut, stops, q) + ino_sfermion_sum(p, p, &charg, sbottoms, q))
        * INV_16PI2
}

/// The neutralino-fermion-sfermion couplings (a_L, a_R, b_L, b_R) of each neutralino mass state:
/// the gauge-eigenstate couplings, given as vectors over (B~, W~3, H~d, H~u), projected on the
/// state's row of the mixing matrix (PBMZ appendix D). Shared by the top, bottom and tau
/// self-energies.
fn neutralino_couplings(n: &Neutralinos, basis: [[f64; 4]; 4]) -> Vec<(f64, [f64; 4])> {
    let dot = |row: &[f64; 5], v: &[f64; 4]| (0..4).map(|k| row[k] * v[k]).sum::<f64>();
    (0..4)
        .map(|i| {
            let r = &n.mixing[i];
            (n.masses[i], basis.map(|v| dot(r, &v)))
        })
        .collect()
}

/// The electroweak SUSY threshold of the bottom at Q in the sign of [`delta_b`] (`h_b ∝ 1/(1 +
/// Delta_b)`): minus the neutralino-sbottom plus chargino-stop self-energy over 16 pi^2 (PBMZ
/// appendix D, SOFTSUSY's `calcRunMbNeutralinos`, `calcRunMbChargino`). Its tan(beta)-enhanced part is the higgsino-stop term of Carena et al. (the second
/// term of [`delta_b`]) plus the wino and bino terms that [`delta_b`] leaves out.
pub fn delta_b_ew(ew: &EwThresholdInputs, sp: &ThresholdSpectrum, q: f64) -> f64 {
    bottom_ew_from(ew, &EwLoopStates::of(ew, sp), q)
}

/// [`delta_b_ew`] from the loop states.
pub(crate) fn bottom_ew_from(ew: &EwThresholdInputs, states: &EwLoopStates, q: f64) -> f64 {
    let (n, c) = (&states.neutralinos, &states.charginos);
    let (stops, sbottoms) = (&states.stops, &states.sbottoms);
    let (gp, g, ht, hb) = (ew.g_prime, ew.g2, ew.ht, ew.hb);
    let r2 = SQRT_2;
    let a_l = [0.0, 0.0, hb, 0.0];
    let a_r = [2.0 * gp / (3.0 * r2), 0.0, 0.0, 0.0];
    let b_l = [gp / (3.0 * r2), -g / r2, 0.0, 0.0];
    let b_r = [0.0, 0.0, hb, 0.0];
    let neut = neutralino_couplings(n, [a_l, a_r, b_l, b_r]);
    // Charginos: a from V (a_L = g on W~, a_R = -h_t on H~), b from U (b_L = -h_b on H~).
    let charg: Vec<(f64, [f64; 4])> = (0..2)
        .map(|i| {
            let (u, v) = (c.u[i], c.v[i]);
            (c.masses[i], [g * v[0], -ht * v[1], -hb * u[1], 0.0])
        })
        .collect();
    // Zero external momentum, taken as p = 1 GeV (SOFTSUSY takes p = m_b): B_1 then uses its
    // small-momentum expansion (pole::b1), exact to O(p^4/m^4); its 1/p^2 form was noise at
    // multi-TeV sparticle masses.
    let mb = ew.m_bottom_q;
    let p = 1.0;
    -(ino_sfermion_sum(p, mb, &neut, sbottoms, q) + ino_sfermion_sum(p, mb, &charg, stops, q))
        * INV_16PI2
}

/// The neutralino-stau and chargino-sneutrino self-energy of the tau, relative, over 16 pi^2, in
/// SOFTSUSY's sign (`m_tau ∝ 1 + Sigma`; its `calcRunMtauNeutralinos`, `calcRunMtauCharginos`, PBMZ
/// appendix D with the lepton couplings): `htau` is the MSSM DR-bar Yukawa inside the loops (the
/// higgsino couplings and the stau L-R mixing `htau v_d (-mu tan(beta))`; A_tau is not in the
/// threshold spectrum, no D-terms), the sneutrino at `m_L3^2`; `m_tau_flip` the mass that divides
/// the chirality-flip term (SOFTSUSY: the SM mass converted to DR-bar, `mTauSMMZ`, while its
/// loops carry the previous iteration's MSSM `htau`); zero external momentum taken as p = 1 GeV
/// as in [`delta_b_ew`]. Used by the fixed-order matching (model::yukawa_fixed_order); its
/// tan(beta)-enhanced part is [`delta_tau`] times `htau v_d/m_tau_flip` with the opposite sign.
pub fn tau_ino_self_energy(
    ew: &EwThresholdInputs,
    sp: &ThresholdSpectrum,
    htau: f64,
    m_tau_flip: f64,
    q: f64,
) -> f64 {
    let (n, c) = ew.inos(sp);
    let (v_d, _) = ew.vevs();
    let m_tau = htau * v_d;
    let staus = sfermion_rows(
        sp.ml3 + m_tau * m_tau,
        sp.me3 + m_tau * m_tau,
        m_tau * (-sp.mu * ew.tan_beta),
    );
    let sneutrino = ([sp.ml3, sp.ml3], [[1.0, 0.0], [0.0, 1.0]]);
    let (gp, g) = (ew.g_prime, ew.g2);
    let r2 = SQRT_2;
    let a_l = [0.0, 0.0, htau, 0.0];
    let a_r = [2.0 * gp / r2, 0.0, 0.0, 0.0];
    let b_l = [-gp / r2, -g / r2, 0.0, 0.0];
    let b_r = [0.0, 0.0, htau, 0.0];
    let neut = neutralino_couplings(&n, [a_l, a_r, b_l, b_r]);
    // Charginos with the (left) sneutrino: a from V (g on W~), b from U (-h_tau on H~).
    let charg: Vec<(f64, [f64; 4])> = (0..2)
        .map(|i| {
            let (u, v) = (c.u[i], c.v[i]);
            (c.masses[i], [g * v[0], 0.0, -htau * u[1], 0.0])
        })
        .collect();
    let p = 1.0;
    (ino_sfermion_sum(p, m_tau_flip, &neut, &staus, q)
        + ino_sfermion_sum(p, m_tau_flip, &charg, &sneutrino, q))
        * INV_16PI2
}

/// `d Pi/d p^2` at `p^2 = 0` of a real scalar from a loop of Weyl fermions with the real symmetric
/// mass matrix `m` and Yukawa matrix `y = d m/d phi` (Martin hep-ph/0312092 eq. (2.23)-(2.25):
/// `Pi = sum_KL |y_KL|^2 B_FF + y_KL^2 m_K m_L B_FbFb`, `B_FF = (x + y - s) B - A(x) - A(y)`,
/// `B_FbFb = 2 B`, in the basis where `m` is diagonal with signed masses): `sum_KL y_KL^2
/// [-B_0(0; x_K, x_L) + (m_K + m_L)^2 B_0'(0; x_K, x_L)]`. Its normalisation gives the SM
/// `gamma_H = 3 y_t^2` for the top loop (`y = y_t/sqrt2` on the two entries of a Dirac pair).
fn fermion_loop_slope(m: &Matrix4<f64>, y: &Matrix4<f64>, q: f64) -> f64 {
    let Some(eig) = SymmetricEigen::try_new(*m, f64::EPSILON, 1000) else {
        return f64::NAN;
    };
    let o = eig.eigenvectors;
    let y_mass = o.transpose() * y * o;
    let m: [f64; 4] = std::array::from_fn(|k| eig.eigenvalues[k]);
    // Each mass's logarithm once, each slope once (symmetric in the masses): the same values as
    // b0(0, ...) and b0_slope(0, ...) pair by pair.
    let ln_m = m.map(|mk| ln_mass2_over_q2(mk.abs(), q));
    let mut slope = [[0.0; 4]; 4];
    for k in 0..4 {
        for l in k..4 {
            slope[k][l] = b0_slope(0.0, m[k].abs(), m[l].abs());
            slope[l][k] = slope[k][l];
        }
    }
    let mut total = 0.0;
    for k in 0..4 {
        for l in 0..4 {
            let (mk, ml) = (m[k], m[l]);
            let ykl = y_mass[(k, l)];
            total += ykl
                * ykl
                * (-b0_zero_with_ln(mk.abs(), ml.abs(), q, ln_m[l])
                    + (mk + ml) * (mk + ml) * slope[k][l]);
        }
    }
    total
}

/// The wave-function threshold of the light Higgs from the neutralino and chargino loops (the
/// "vev threshold"), relative, in the sign of [`delta_top_ew`] (`h_t ∝ 1 + delta`): the SM Higgs
/// is `h = cos(b) h_d + sin(b) h_u` (decoupling limit), its kinetic term gets `-Pi'(0)/16pi^2`
/// from the heavy inos, so `y_t^SM = h_t sin(b) (1 + Pi'/(2 16pi^2))` and `delta = -Pi'(0)/(2
/// 16 pi^2)` ([`fermion_loop_slope`] with the SLHA neutralino matrix and the chargino matrix
/// `[[M_2, g v_u], [g v_d, mu]]` as a 4x4 Weyl block, `d/dh = (cos(b) d/dv_d + sin(b) d/dv_u)/sqrt2`).
/// Its logarithm, `(3 g_2^2 + g'^2)/2` per e-fold over 16 pi^2 (split SUSY's gaugino-Yukawa term of
/// the Higgs anomalous dimension), is what the one-loop scale dependence of the matching needs
/// besides [`delta_top_sqcd`] and [`delta_top_ew`] (test
/// `threshold_scale_dependence_matches_the_coupling_algebra`). The same factor multiplies h_b and
/// h_tau (it renormalises the Higgs field, not the fermion).
pub fn delta_higgs_wf(ew: &EwThresholdInputs, sp: &ThresholdSpectrum, q: f64) -> f64 {
    let (sb, cb) = ew.sin_cos_beta;
    let (v_d, v_u) = ew.vevs();
    let (gp, g) = (ew.g_prime, ew.g2);
    let r = std::f64::consts::FRAC_1_SQRT_2;
    #[rustfmt::skip]
    let neut_m = Matrix4::new(
        sp.m1, 0.0, -gp * v_d * r, gp * v_u * r,
        0.0, sp.m2, g * v_d * r, -g * v_u * r,
        -gp * v_d * r, g * v_d * r, 0.0, -sp.mu,
        gp * v_u * r, -g * v_u * r, -sp.mu, 0.0,
    );
    #[rustfmt::skip]
    let neut_y = Matrix4::new(
        0.0, 0.0, -gp * cb * 0.5, gp * sb * 0.5,
        0.0, 0.0, g * cb * 0.5, -g * sb * 0.5,
        -gp * cb * 0.5, g * cb * 0.5, 0.0, 0.0,
        gp * sb * 0.5, -g * sb * 0.5, 0.0, 0.0,
    );
    // Weyl basis (W~-, H~d-, W~+, H~u+): the Dirac mass X = [[M_2, g v_u], [g v_d, mu]] off the
    // diagonal blocks.
    #[rustfmt::skip]
    let charg_m = Matrix4::new(
        0.0, 0.0, sp.m2, g * v_u,
        0.0, 0.0, g * v_d, sp.mu,
        sp.m2, g * v_d, 0.0, 0.0,
        g * v_u, sp.mu, 0.0, 0.0,
    );
    #[rustfmt::skip]
    let charg_y = Matrix4::new(
        0.0, 0.0, 0.0, g * sb * r,
        0.0, 0.0, g * cb * r, 0.0,
        0.0, g * cb * r, 0.0, 0.0,
        g * sb * r, 0.0, 0.0, 0.0,
    );
    -0.5 * INV_16PI2
        * (fermion_loop_slope(&neut_m, &neut_y, q) + fermion_loop_slope(&charg_m, &charg_y, q))
}

/// The tan(beta)-enhanced bottom threshold (module documentation): `(Delta_b, gluino part)`.
pub fn delta_b(
    alpha_s: f64,
    ht: f64,
    m_top: f64,
    sp: &ThresholdSpectrum,
    tan_beta: f64,
) -> (f64, f64) {
    let ([t1, t2], _) = stop_system(sp, m_top, tan_beta);
    let gluino = delta_b_gluino(alpha_s, sp, tan_beta);
    let higgsino = ht * ht * INV_16PI2 * sp.a_t * sp.mu * tan_beta * loop_i(t1, t2, sp.mu * sp.mu);
    (gluino + higgsino, gluino)
}

/// The gluino part of [`delta_b`] alone (the matching takes the rest from the full electroweak
/// self-energy, [`delta_b_ew`]).
pub fn delta_b_gluino(alpha_s: f64, sp: &ThresholdSpectrum, tan_beta: f64) -> f64 {
    // Sbottoms: the L-R mixing m_b X_b is below 1e-3 of the diagonal entries.
    2.0 * alpha_s / (3.0 * PI) * sp.m3 * sp.mu * tan_beta * loop_i(sp.mq3, sp.md3, sp.m3 * sp.m3)
}

/// The tan(beta)-enhanced tau threshold (module documentation).
pub fn delta_tau(gp: f64, g2: f64, sp: &ThresholdSpectrum, tan_beta: f64) -> f64 {
    let (m12, m22, mu2) = (sp.m1 * sp.m1, sp.m2 * sp.m2, sp.mu * sp.mu);
    // The sneutrino and the left stau at m_L^2 (their D-terms, ~M_Z^2/2, are left out like the
    // sfermion D-terms above).
    let (ml, me) = (sp.ml3, sp.me3);
    let m_sneutrino = ml;
    let bino = gp
        * gp
        * INV_16PI2
        * sp.m1
        * sp.mu
        * tan_beta
        * (loop_i(ml, me, m12) + 0.5 * loop_i(m12, mu2, ml) - loop_i(m12, mu2, me));
    // The sneutrino and the left stau at one mass: one loop integral for both.
    let wino_loop = loop_i(m22, mu2, m_sneutrino);
    debug_assert_eq!(m_sneutrino, ml);
    let wino = g2 * g2 * INV_16PI2 * sp.m2 * sp.mu * tan_beta * (wino_loop + 0.5 * wino_loop);
    bino - wino
}

/// The gauge quantum numbers of the two Weyl fermions and the Higgs doublet of one Yukawa
/// coupling: SU(3) and SU(2) quadratic Casimirs and the hypercharges (`Q = T_3 + Y`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YukawaCharges {
    /// `[C_3, C_2, Y]` of the doublet fermion, the singlet fermion and the Higgs.
    pub doublet: [f64; 3],
    pub singlet: [f64; 3],
    pub higgs: [f64; 3],
}

impl YukawaCharges {
    /// `Q t^c H_u`, `Q b^c H_d`, `L tau^c H_d`.
    pub const TOP: Self = Self {
        doublet: [4.0 / 3.0, 0.75, 1.0 / 6.0],
        singlet: [4.0 / 3.0, 0.0, -2.0 / 3.0],
        higgs: [0.0, 0.75, 0.5],
    };
    pub const BOTTOM: Self = Self {
        doublet: [4.0 / 3.0, 0.75, 1.0 / 6.0],
        singlet: [4.0 / 3.0, 0.0, 1.0 / 3.0],
        higgs: [0.0, 0.75, -0.5],
    };
    pub const TAU: Self = Self {
        doublet: [0.0, 0.75, -0.5],
        singlet: [0.0, 0.0, 1.0],
        higgs: [0.0, 0.75, -0.5],
    };
}

/// The one-loop MS-bar -> DR-bar conversion of a Yukawa coupling, `y^DR = y^MS (1 + c)` with
/// `c = -1/(32 pi^2) sum_a g_a^2 [C_a(i) + C_a(j) - 2 C_a(k)]` for the fermions i, j and the scalar
/// k (Martin, Vaughn hep-ph/9308222, the epsilon-scalar part of the vertex and the legs; U(1) with
/// `C = Y^2`, `g_a = (g_3, g_2, g')`). Its QCD part is the familiar `-alpha_s/3pi`; the
/// electroweak part is `(3 g_2^2 + g'^2/9)/128pi^2` for the top (+1.0e-3), `(3 g_2^2 + 13 g'^2/9)/
/// 128pi^2` for the bottom and `3 (g_2^2 - g'^2)/128pi^2` for the tau (SOFTSUSY's
/// `calcRunMbDrBarConv`, `calcRunMtauDrBarConv`; test `drbar_conversion_*`).
pub fn drbar_conversion(charges: &YukawaCharges, [g3, g2, gp]: [f64; 3]) -> f64 {
    let (i, j, k) = (charges.doublet, charges.singlet, charges.higgs);
    let casimir = |a: usize| i[a] + j[a] - 2.0 * k[a];
    let u1 = i[2] * i[2] + j[2] * j[2] - 2.0 * k[2] * k[2];
    -INV_16PI2 / 2.0 * (g3 * g3 * casimir(0) + g2 * g2 * casimir(1) + gp * gp * u1)
}

/// The MSSM DR-bar `(h_t, h_b, h_tau)` at `q` from the measured masses (module documentation).
/// `gauge_q` are the MSSM DR-bar `(g', g_2, g_3)` at `q`.
pub fn matched_yukawas(
    q: f64,
    tan_beta: f64,
    m_top_pole: f64,
    sm: &SmInputs,
    gauge_q: [f64; 3],
    sp: &ThresholdSpectrum,
) -> MatchedYukawas {
    matched_yukawas_from(&SmAtTop::new(m_top_pole, sm), q, tan_beta, sm, gauge_q, sp)
}

/// [`matched_yukawas`] from the SM couplings at M_t computed before (`at_top`, of the same `sm`).
pub fn matched_yukawas_from(
    at_top: &SmAtTop,
    q: f64,
    tan_beta: f64,
    sm: &SmInputs,
    gauge_q: [f64; 3],
    sp: &ThresholdSpectrum,
) -> MatchedYukawas {
    let m_top_pole = at_top.m_top_pole;
    let smq = at_top.run_to(q);
    let (sb, cb) = sin_cos_beta(tan_beta);
    let [gp, g2, g3] = gauge_q;
    // MS-bar -> DR-bar: QCD with the SM alpha_s(Q), electroweak with the MSSM g_2, g' at Q.
    let g3_sm = (4.0 * PI * smq.alpha_s).sqrt();
    let [conv_t, conv_b, conv_tau] = [
        YukawaCharges::TOP,
        YukawaCharges::BOTTOM,
        YukawaCharges::TAU,
    ]
    .map(|c| 1.0 + drbar_conversion(&c, [g3_sm, g2, gp]));
    // The top mass of the stop matrix: the MSSM m_t(Q) at tree level, y_t v/sqrt2.
    let v_fermi = vev_fermi(sm);
    let m_top_q = smq.y_t * v_fermi / SQRT_2 * conv_t;
    let delta_t = delta_top_sqcd(g3, (m_top_pole, m_top_q), sp, tan_beta, q);
    // The couplings inside the electroweak loops: one-loop h_t, tree-level h_b with
    // `h_b/m_b(Q) = 1/v_d` exactly (the mass insertion of the loops divides by m_b(Q)).
    let v = v_fermi / SQRT_2;
    let ew = EwThresholdInputs {
        g_prime: gp,
        g2,
        ht: smq.y_t / sb * conv_t * (1.0 + delta_t),
        hb: smq.y_b / cb * conv_b,
        v,
        tan_beta,
        sin_cos_beta: (sb, cb),
        m_top_q,
        m_bottom_q: smq.y_b * v * conv_b,
    };
    let loop_states = EwLoopStates::of(&ew, sp);
    let delta_t_ew = top_ew_from(&ew, &loop_states, m_top_pole, q);
    let delta_h = delta_higgs_wf(&ew, sp, q);
    let ht = smq.y_t / sb * conv_t * (1.0 + delta_t + delta_t_ew + delta_h);
    let db = delta_b_gluino(smq.alpha_s, sp, tan_beta) + bottom_ew_from(&ew, &loop_states, q);
    let dtau = delta_tau(gp, g2, sp, tan_beta);
    MatchedYukawas {
        ht,
        hb: smq.y_b / cb * conv_b * (1.0 + delta_h) / (1.0 + db),
        htau: smq.y_tau / cb * conv_tau * (1.0 + delta_h) / (1.0 + dtau),
        sm: smq,
        delta_t,
        delta_t_ew,
        delta_b: db,
        delta_tau: dtau,
        delta_h,
    }
}

/// The Yukawa inputs of one point (either switch value) and what the threshold estimate needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YukawaSetup {
    pub mode: YukawaInputs,
    /// The sampled `m_top`: m_t(Q) (`running_q`) or the pole mass (`measured`) [GeV].
    pub m_top: f64,
    pub tan_beta: f64,
    /// Keep h_b and h_tau (switch `bottom_tau_yukawas`; else both are 0).
    pub bottom_tau: bool,
    /// What [`ThresholdSpectrum::estimate`] needs (Lambda, M, N_5, mu).
    pub estimate: ThresholdInputs,
    /// `measured`: the SM couplings at M_t of `m_top` and the physics' SM inputs, computed once
    /// (every trial scale runs them to its Q).
    pub sm_at_top: Option<SmAtTop>,
    /// `measured`: the MSSM gauge couplings at M of [`Self::estimate_spectrum`], computed once
    /// (they do not depend on the trial scale).
    pub gauge_at_messenger: Option<[f64; 3]>,
}

impl YukawaSetup {
    /// The setup of a point with spectrum inputs `p`; `gauge` is the point's gauge-coupling
    /// context (`GaugeContext::for_spectrum` of the same inputs), the one every later call gets.
    pub fn new(physics: &PhysicsConfig, p: &SpectrumInputs, gauge: &GaugeContext) -> Self {
        let measured = physics.switches.yukawa_inputs == YukawaInputs::Measured;
        Self {
            mode: physics.switches.yukawa_inputs,
            m_top: p.m_top,
            tan_beta: p.tan_beta,
            bottom_tau: physics.switches.bottom_tau_yukawas,
            estimate: ThresholdInputs {
                lambda_susy: p.lambda_susy,
                m_mess: p.m_mess,
                n5: physics.n5,
                threshold_functions: physics.switches.threshold_functions,
                mu: p.mu,
                m_top: p.m_top,
            },
            sm_at_top: measured.then(|| SmAtTop::new(p.m_top, &physics.sm)),
            gauge_at_messenger: measured.then(|| gauge_couplings_at(p.m_mess, &physics.sm, gauge)),
        }
    }

    /// `(h_t, h_b, h_tau)` at `q`. `measured` needs the SUSY masses at `q`: `known` (the running
    /// soft terms of a previous evolution) or else the gauge-mediated estimate
    /// ([`Self::estimate_spectrum`]); `gauge` gives the MSSM gauge couplings at `q`. `sm` must be
    /// the SM inputs of the physics this setup was made with.
    pub fn yukawas(
        &self,
        q: f64,
        sm: &SmInputs,
        gauge: &GaugeContext,
        known: Option<&ThresholdSpectrum>,
    ) -> [f64; 3] {
        self.yukawas_with_gauge(q, || gauge_couplings_at(q, sm, gauge), sm, gauge, known)
    }

    /// [`Self::yukawas`] with the MSSM gauge couplings at `q` given by `gauge_q` (called once,
    /// and only by `measured`): for a caller that has them already.
    pub fn yukawas_with_gauge(
        &self,
        q: f64,
        gauge_q: impl FnOnce() -> [f64; 3],
        sm: &SmInputs,
        gauge: &GaugeContext,
        known: Option<&ThresholdSpectrum>,
    ) -> [f64; 3] {
        let [ht, hb, htau] = match self.mode {
            YukawaInputs::RunningQ => running_q_yukawas(self.m_top, self.tan_beta, sm),
            YukawaInputs::Measured => {
                let g_q = gauge_q();
                let sp = known
                    .copied()
                    .unwrap_or_else(|| self.estimate_spectrum(g_q, sm, gauge));
                let at_top = self
                    .sm_at_top
                    .unwrap_or_else(|| SmAtTop::new(self.m_top, sm));
                debug_assert_eq!(at_top, SmAtTop::new(self.m_top, sm));
                let y = matched_yukawas_from(&at_top, q, self.tan_beta, sm, g_q, &sp);
                [y.ht, y.hb, y.htau]
            }
        };
        if self.bottom_tau {
            [ht, hb, htau]
        } else {
            [ht, 0.0, 0.0]
        }
    }

    /// The gauge-mediated estimate of the threshold masses at the scale of the MSSM gauge
    /// couplings `g_q` (for points whose soft terms at Q are not known before the Yukawas are:
    /// the NMSSM point, the first MSSM iteration).
    pub fn estimate_spectrum(
        &self,
        g_q: [f64; 3],
        sm: &SmInputs,
        gauge: &GaugeContext,
    ) -> ThresholdSpectrum {
        let g_m = self
            .gauge_at_messenger
            .unwrap_or_else(|| gauge_couplings_at(self.estimate.m_mess, sm, gauge));
        debug_assert_eq!(g_m, gauge_couplings_at(self.estimate.m_mess, sm, gauge));
        let e = gauge_mediated_estimate(g_q, g_m, &self.estimate);
        ThresholdSpectrum {
            m1: e.gauginos[0],
            m2: e.gauginos[1],
            m3: e.gauginos[2],
            mu: self.estimate.mu,
            a_t: e.a_t,
            mq3: e.mq2,
            mu3: e.mu2,
            md3: e.md2,
            ml3: e.ml2,
            me3: e.me2,
        }
    }
}

/// `running_q`: `(m_t/v_u, m_b/v_d, m_tau/v_d)` with the running masses `m_top` (the input) and
/// `sm.m_bottom`, `sm.m_tau`, and `sm.vev` (HMZ).
pub fn running_q_yukawas(m_top: f64, tan_beta: f64, sm: &SmInputs) -> [f64; 3] {
    let beta = tan_beta.atan();
    let (v_d, v_u) = (sm.vev * beta.cos(), sm.vev * beta.sin());
    [m_top / v_u, sm.m_bottom / v_d, sm.m_tau / v_d]
}

impl YukawaSetup {
    /// The running `(m_t, m_b, m_tau)` at Q of the sfermion mass matrices and the pole-mass
    /// loops: the inputs for `running_q` (as the paper), `h v` of the matched couplings for
    /// `measured` (`(v_d, v_u)` the vevs).
    pub fn running_masses(
        &self,
        couplings_q: &crate::model::params::Couplings,
        (v_d, v_u): (f64, f64),
        sm: &SmInputs,
    ) -> [f64; 3] {
        match self.mode {
            YukawaInputs::RunningQ => [self.m_top, sm.m_bottom, sm.m_tau],
            YukawaInputs::Measured => [
                couplings_q.ht * v_u,
                couplings_q.hb * v_d,
                couplings_q.htau * v_d,
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::spectrum::pole::{b0, b1};

    /// The SM runner's RK4 (rge::rk4, the AVX2 copy where the processor has it) gives the bits of
    /// the plain loop, from M_t to scales 20 GeV .. 1e6 GeV, and the five-flavour runs likewise.
    #[test]
    fn sm_runner_gives_the_plain_bits() {
        use crate::model::rge::rk4_body;
        let sm = SmInputs::default();
        for mt in [171.0, 173.1, 175.5] {
            let at_top = SmAtTop::new(mt, &sm);
            for k in 0..200 {
                let t1 = (20.0f64).ln() + 0.053 * k as f64;
                let t0 = mt.ln();
                let dispatched = rk4(at_top.start, t0, t1, STEP, sm_rates);
                let plain = rk4_body(at_top.start, t0, t1, STEP, sm_rates);
                assert_eq!(
                    dispatched.map(f64::to_bits),
                    plain.map(f64::to_bits),
                    "{mt} {t1}"
                );
                let rates = |y: &[f64; 2]| [da_dt(y[0], 5.0), dlnm_dt(y[0], 5.0)];
                let y0 = [0.0178, 1.44];
                assert_eq!(
                    rk4(y0, 1.44, t1, STEP, rates).map(f64::to_bits),
                    rk4_body(y0, 1.44, t1, STEP, rates).map(f64::to_bits)
                );
            }
        }
    }

    /// `int_0^inf x dx/((x + a)(x + b)(x + c))` by substitution `x = t/(1 - t)` and composite
    /// Simpson on t in [0, 1).
    fn loop_i_numeric(a: f64, b: f64, c: f64) -> f64 {
        let n = 2_000_000;
        let f = |t: f64| {
            if t >= 1.0 {
                return 0.0;
            }
            let x = t / (1.0 - t);
            let dx = 1.0 / ((1.0 - t) * (1.0 - t));
            x * dx / ((x + a) * (x + b) * (x + c))
        };
        let h = 1.0 / n as f64;
        let mut s = f(0.0) + f(1.0);
        for i in 1..n {
            s += f(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        s * h / 3.0
    }

    /// A point's `measured` Yukawas from its setup (the SM couplings at M_t computed once, the
    /// gauge couplings at Q once) equal the matching from scratch bit for bit, at several Q and
    /// top masses.
    #[test]
    fn setup_yukawas_equal_the_matching_from_scratch() {
        use crate::config::Preset;
        use crate::model::params::PointInputs;
        let physics = PhysicsConfig::preset(Preset::Consistent);
        let sm = &physics.sm;
        for m_top in [168.3, 172.5, 176.9] {
            let p = PointInputs {
                m_top,
                ..PointInputs::table1()
            };
            let spectrum = SpectrumInputs::for_point(&p);
            let gauge = GaugeContext::for_spectrum(&physics, &spectrum);
            let hoisted = YukawaSetup::new(&physics, &spectrum, &gauge);
            // The SM couplings at M_t and the gauge couplings at M computed afresh per call.
            let setup = YukawaSetup {
                sm_at_top: None,
                gauge_at_messenger: None,
                ..hoisted
            };
            assert!(hoisted.sm_at_top.is_some());
            assert!(hoisted.gauge_at_messenger.is_some());
            for q in [250.0, 900.0, 1733.0, 4.1e3] {
                let g_q = gauge_couplings_at(q, sm, &gauge);
                let sp = setup.estimate_spectrum(g_q, sm, &gauge);
                let y = matched_yukawas(q, p.tan_beta, m_top, sm, g_q, &sp);
                let expected = [y.ht, y.hb, y.htau].map(f64::to_bits);
                assert_eq!(
                    setup.yukawas(q, sm, &gauge, None).map(f64::to_bits),
                    expected
                );
                let given = setup.yukawas_with_gauge(q, || g_q, sm, &gauge, None);
                assert_eq!(given.map(f64::to_bits), expected);
                let given = hoisted.yukawas_with_gauge(q, || g_q, sm, &gauge, None);
                assert_eq!(given.map(f64::to_bits), expected);
            }
        }
    }

    #[test]
    fn loop_function_against_its_integral() {
        for (a, b, c) in [
            (1.0, 2.0, 3.0),
            (0.64, 0.64, 0.1),
            (0.5, 0.5, 0.5),
            (7.0e-1, 6.9e-1, 1.2e-1),
            (3.0, 1.0, 1.0),
        ] {
            let exact = loop_i(a, b, c);
            let num = loop_i_numeric(a, b, c);
            assert!(
                (exact / num - 1.0).abs() < 1e-6,
                "I({a}, {b}, {c}): {exact} vs {num}"
            );
            // Symmetric in its arguments, homogeneous of degree -1.
            assert!((loop_i(c, a, b) / exact - 1.0).abs() < 1e-12);
            assert!((loop_i(4.0 * a, 4.0 * b, 4.0 * c) * 4.0 / exact - 1.0).abs() < 1e-12);
        }
    }

    fn spectrum() -> ThresholdSpectrum {
        ThresholdSpectrum {
            m1: 121.6,
            m2: 230.3,
            m3: 642.3,
            mu: 317.4,
            a_t: -191.3,
            mq3: 838.9f64.powi(2),
            mu3: 773.4f64.powi(2),
            md3: 825.3f64.powi(2),
            ml3: 269.6f64.powi(2),
            me3: 124.6f64.powi(2),
        }
    }

    /// The gluino part of Delta_b in closed form against the gluino-sbottom self-energy written
    /// with the Passarino-Veltman functions of model::spectrum::pole at zero external momentum
    /// (SOFTSUSY's `calcRunMbSquarkGluino` form: `-alpha_s/3pi [B_1(0, M_3, m_b1) + B_1(0, M_3,
    /// m_b2) - sin(2 theta_b) M_3/m_b (B_0(0, M_3, m_b1) - B_0(0, M_3, m_b2))]`), in its
    /// tan(beta)-enhanced part: the difference of two values of tan(beta) removes the B_1 terms
    /// and the A_b part of X_b, leaving the mu tan(beta) part that the closed form is.
    #[test]
    fn delta_b_gluino_against_the_self_energy() {
        let sp = spectrum();
        let alpha_s = 0.092;
        let m_b = 2.5;
        let q = 800.0;
        // External momentum 1 GeV: p^2/m^2 ~ 1e-6 from zero momentum, and B_1's 1/p^2 harmless.
        let p = 1.0;
        let self_energy = |tb: f64| {
            // Sbottom matrix with the mu tan(beta) mixing (A_b = 0) and no D-terms.
            let (ll, rr) = (sp.mq3 + m_b * m_b, sp.md3 + m_b * m_b);
            let lr = m_b * (0.0 - sp.mu * tb);
            let mean = 0.5 * (ll + rr);
            let root = (0.5 * (ll - rr)).hypot(lr);
            let (m1, m2) = ((mean - root).sqrt(), (mean + root).sqrt());
            let s2 = -lr / root;
            let mg = sp.m3;
            -alpha_s / (3.0 * PI)
                * (b1(p, mg, m1, q) + b1(p, mg, m2, q)
                    - s2 * mg / m_b * (b0(p, mg, m1, q) - b0(p, mg, m2, q)))
        };
        for tb in [10.0, 24.0, 45.0] {
            let pv = self_energy(tb) - self_energy(1e-6);
            let closed = 2.0 * alpha_s / (3.0 * PI)
                * sp.m3
                * sp.mu
                * tb
                * loop_i(sp.mq3, sp.md3, sp.m3 * sp.m3);
            // The L-R mixing m_b mu tan(beta) moves the masses at order (m_b mu tb/m^2)^2.
            assert!(
                (pv / closed - 1.0).abs() < 2e-3,
                "tan(beta) = {tb}: {pv} vs {closed}"
            );
            let (total, gluino) = delta_b(alpha_s, 0.87, 150.0, &sp, tb);
            assert!((gluino / closed - 1.0).abs() < 1e-12);
            // Higgsino-stop part: A_t mu < 0 here, a few per cent of the gluino part.
            assert!(total < gluino && total > 0.8 * gluino, "{total} {gluino}");
        }
    }

    fn ew_inputs(
        g_prime: f64,
        g2: f64,
        tan_beta: f64,
        m_top_q: f64,
        m_bottom_q: f64,
    ) -> EwThresholdInputs {
        let v = 174.0;
        let beta = tan_beta.atan();
        EwThresholdInputs {
            g_prime,
            g2,
            ht: 0.87,
            // h_b/m_b = 1/v_d, as matched_yukawas sets it.
            hb: m_bottom_q / (v * beta.cos()),
            v,
            tan_beta,
            sin_cos_beta: sin_cos_beta(tan_beta),
            m_top_q,
            m_bottom_q,
        }
    }

    /// Pure higgsinos (g' = g_2 = 0) and a negligible bottom mass: the bottom's electroweak
    /// threshold is the charged-higgsino-stop loop alone, written out by hand: its mass-insertion
    /// part is Carena et al.'s `h_t^2/16pi^2 mu X_t tan(beta) I(m_t1^2, m_t2^2, mu^2)` (the
    /// higgsino term of [`delta_b`] with A_t -> X_t) and its B_1 part
    /// `-h_t^2/(2 16pi^2) [s^2 B_1(0, mu, m_t1) + c^2 B_1(0, mu, m_t2)]` (the stop_R component of
    /// each stop). Checks the chargino couplings, the U/V handling and the sign of mu.
    #[test]
    fn bottom_ew_threshold_in_the_higgsino_limit() {
        let q = 800.0;
        for (mu, tb) in [(317.4, 24.0), (-449.0, 10.0), (1050.0, 44.0)] {
            let sp = ThresholdSpectrum { mu, ..spectrum() };
            let ew = ew_inputs(0.0, 0.0, tb, 150.0, 1e-4);
            let got = delta_b_ew(&ew, &sp, q);
            let ([t1, t2], rows) = ew.squarks(&sp)[0];
            let [c, s] = rows[0];
            let x_t = sp.a_t - mu / tb;
            // One h_t is the coupling, the other m_t/v_u from the stop mixing m_t X_t.
            let ht_mass = ew.m_top_q / (ew.v * tb.atan().sin());
            let insertion = ew.ht * ht_mass * INV_16PI2 * mu * x_t * tb * loop_i(t1, t2, mu * mu);
            let p = 1.0;
            let b1_part = -0.5
                * ew.ht
                * ew.ht
                * INV_16PI2
                * (s * s * b1(p, mu.abs(), t1.sqrt(), q) + c * c * b1(p, mu.abs(), t2.sqrt(), q));
            let expected = insertion + b1_part;
            assert!(
                (got - expected).abs() < 1e-6 * expected.abs().max(insertion.abs()),
                "mu = {mu}: {got} vs {expected} (insertion {insertion}, B_1 {b1_part})"
            );
        }
    }

    /// The wino term of Delta_b, which Carena et al.'s formula leaves out, against its closed form
    /// `-g^2/16pi^2 M_2 mu tan(beta) (3/2) I(m_Q^2, M_2^2, mu^2)` (charged wino-higgsino with
    /// stop_L, and half of it from the neutral wino with sbottom_L; unmixed squarks, h_t = 0,
    /// g' = 0). The mixing enters at first order in the vev, so the test takes v -> 1 GeV and the
    /// tan(beta)-enhanced part as the difference of two values of tan(beta).
    #[test]
    fn bottom_ew_threshold_wino_term() {
        let q = 800.0;
        let sp = spectrum();
        let at = |tb: f64, m2: f64| {
            let sp = ThresholdSpectrum { m2, ..sp };
            let ew = EwThresholdInputs {
                ht: 0.0,
                v: 1.0,
                hb: 1e-6 / (1.0 * tb.atan().cos()),
                ..ew_inputs(0.0, 0.65, tb, 1e-6, 1e-6)
            };
            delta_b_ew(&ew, &sp, q)
        };
        for m2 in [230.3, -400.0, 900.0] {
            let (tb1, tb2) = (40.0, 20.0);
            let got = at(tb1, m2) - at(tb2, m2);
            let expected = -0.65
                * 0.65
                * INV_16PI2
                * m2
                * sp.mu
                * (tb1 - tb2)
                * 1.5
                * loop_i(sp.mq3, m2 * m2, sp.mu * sp.mu);
            assert!(
                (got / expected - 1.0).abs() < 1e-4,
                "M_2 = {m2}: {got} vs {expected}"
            );
        }
    }

    /// Delta_tau's closed form (Marchetti et al., [`delta_tau`]) against the tau self-energy built
    /// from the same PBMZ loop as the quark thresholds: neutralino-stau and chargino-sneutrino
    /// with SOFTSUSY's tau couplings (`calcRunMtauNeutralinos`, `calcRunMtauCharginos`), in the
    /// sign of Delta_b (`h_tau ∝ 1/(1 + Delta_tau)`). The closed form is the tan(beta)-enhanced
    /// part at leading order in v: the test takes v = 1 GeV, m_tau -> 0 with the stau L-R mixing
    /// `m_tau (-mu tan(beta))`, and the difference of two values of tan(beta).
    #[test]
    fn delta_tau_against_the_self_energy() {
        let q = 800.0;
        let (gp, g) = (0.36, 0.65);
        // The production self-energy (used by the fixed-order matching) at a vanishing tau mass,
        // in the sign of Delta_tau (it is SOFTSUSY's `m_tau ∝ 1 + Sigma`).
        let self_energy = |sp: &ThresholdSpectrum, tb: f64| {
            let ew = EwThresholdInputs {
                v: 1.0,
                ..ew_inputs(gp, g, tb, 1e-6, 1e-6)
            };
            -tau_ino_self_energy(&ew, sp, 1e-6 / tb.atan().cos(), 1e-6, q)
        };
        for (m1, m2, mu) in [
            (121.6, 230.3, 317.4),
            (300.0, 560.0, -449.0),
            (-200.0, 400.0, 1050.0),
        ] {
            let sp = ThresholdSpectrum {
                m1,
                m2,
                mu,
                ..spectrum()
            };
            let (tb1, tb2) = (40.0, 20.0);
            let got = self_energy(&sp, tb1) - self_energy(&sp, tb2);
            let expected = delta_tau(gp, g, &sp, tb1) - delta_tau(gp, g, &sp, tb2);
            assert!(
                (got / expected - 1.0).abs() < 1e-4,
                "(M_1, M_2, mu) = ({m1}, {m2}, {mu}): {got} vs {expected}"
            );
        }
    }

    /// Pure higgsinos and a negligible bottom mass: the top's electroweak self-energy is
    /// `h_t^2/(2 16pi^2) [B_1(M_t, mu, m_t1) + B_1(M_t, mu, m_t2) + B_1(M_t, mu, m_Q)]` (neutral
    /// higgsino with either stop: the two Majorana states +-mu cancel in the mass insertion; charged
    /// higgsino with the unmixed sbottom_L), written out by hand.
    #[test]
    fn top_ew_threshold_in_the_higgsino_limit() {
        let q = 800.0;
        let mt = 173.1;
        for (mu, tb) in [(317.4, 24.0), (-449.0, 10.0)] {
            let sp = ThresholdSpectrum { mu, ..spectrum() };
            let ew = ew_inputs(0.0, 0.0, tb, 150.0, 1e-6);
            let got = delta_top_ew(&ew, &sp, mt, q);
            let ([t1, t2], _) = ew.squarks(&sp)[0];
            let m = mu.abs();
            let expected = 0.5
                * ew.ht
                * ew.ht
                * INV_16PI2
                * (b1(mt, m, t1.sqrt(), q) + b1(mt, m, t2.sqrt(), q) + b1(mt, m, sp.mq3.sqrt(), q));
            assert!(
                (got / expected - 1.0).abs() < 1e-9,
                "mu = {mu}: {got} vs {expected}"
            );
        }
    }

    /// `d f/d ln q` by the central difference with step 1e-3 in ln q.
    fn d_dlnq(f: impl Fn(f64) -> f64, q: f64) -> f64 {
        let h: f64 = 1e-3;
        (f(q * h.exp()) - f(q * (-h).exp())) / (2.0 * h)
    }

    /// The scale dependence of the thresholds against the coupling algebra (the renormalisation-
    /// group check of a one-loop matching; docs/physics.md section 3, "Diagnosis of the h_t gap").
    /// At fixed masses only B_1 (d/d ln q = 1) and B_0 (d/d ln q = 2) depend on q, so
    /// `16 pi^2 d delta/d ln q` is a sum of couplings:
    /// - gluino-stop: `(4/3) g_3^2 (1 + 1)` (the mixing term is a B_0 difference, q-free): the
    ///   8/3 g_3^2 by which the MSSM beta function of h_t (-16/3 g_3^2) exceeds the SM one (-8);
    /// - neutralino-stop plus chargino-sbottom: `sum (a^2 + b^2)/2 = 3/2 h_t^2 + h_b^2/2 + 3/4 g_2^2
    ///   + 17/36 g'^2` from B_1, and `2 sum a b m_f/m_t` from B_0, which the mass matrices fix: sum_i
    ///   m_i N_i1 N_i4 = g' v_u/sqrt2, sum_i m_i N_i2 N_i4 = -g_2 v_u/sqrt2, sum_i m_i U_i1 V_i2 = g_2
    ///   v_u, giving `-(3 g_2^2 + g'^2) h_t v_u/M_t` (the divisor is the pole mass, as SOFTSUSY).
    /// The one-loop MSSM-minus-SM beta functions need `3/2 h_t^2 + h_b^2 - 3/4 g_2^2 - g'^2/36` at
    /// large tan(beta): the difference, `(3 g_2^2 + g'^2)/2 + h_b^2/2` (at h_t v_u = M_t), is the
    /// Higgs wave-function threshold of the higgsino-gaugino loops and the heavy charged Higgs,
    /// which are left out (module documentation).
    #[test]
    fn threshold_scale_dependence_matches_the_coupling_algebra() {
        let sp = spectrum();
        let mt = 173.1;
        let slope = |f: &dyn Fn(f64) -> f64, q: f64| d_dlnq(f, q) / INV_16PI2;
        for (q, tb, gp, g2, g3) in [
            (817.7, 24.3, 0.3626, 0.6455, 1.0752),
            (2000.0, 5.0, 0.365, 0.64, 1.02),
        ] {
            let sqcd = slope(&|q| delta_top_sqcd(g3, (mt, 150.0), &sp, tb, q), q);
            let want = 8.0 / 3.0 * g3 * g3;
            assert!((sqcd / want - 1.0).abs() < 1e-6, "{sqcd} vs {want}");

            let ew = ew_inputs(gp, g2, tb, 150.0, 3.0);
            let (ht, hb) = (ew.ht, ew.hb);
            let v_u = ew.v * tb.atan().sin();
            let ew_slope = slope(&|q| delta_top_ew(&ew, &sp, mt, q), q);
            let want = 1.5 * ht * ht + 0.5 * hb * hb + 0.75 * g2 * g2 + 17.0 / 36.0 * gp * gp
                - (3.0 * g2 * g2 + gp * gp) * ht * v_u / mt;
            assert!(
                (ew_slope - want).abs() < 1e-6 * want.abs().max(1.0),
                "tan(beta) = {tb}: {ew_slope} vs {want}"
            );
            // The Higgs wave-function threshold: sum_KL y_KL^2 = (3 g_2^2 + g'^2)/2.
            let wf_slope = slope(&|q| delta_higgs_wf(&ew, &sp, q), q);
            let want = 0.5 * (3.0 * g2 * g2 + gp * gp);
            assert!(
                (wf_slope / want - 1.0).abs() < 1e-6,
                "tan(beta) = {tb}: {wf_slope} vs {want}"
            );
        }
    }

    /// Closure of the one-loop scale dependence at large tan(beta) (cos^2(b) = 1e-6, so the heavy
    /// neutral Higgs and tan(beta)-running terms vanish) and h_t v_u = M_t: the slopes of
    /// [`delta_top_ew`] + [`delta_higgs_wf`] equal the MSSM-minus-SM one-loop beta functions of
    /// h_t without QCD, `(6 h_t^2 + h_b^2 - 3 g_2^2 - 13/9 g'^2) - (9/2 h_t^2 - 9/4 g_2^2 - 17/12
    /// g'^2)`, minus the charged-Higgs loop `h_b^2/2`, which is left out (below 3e-4 in h_t).
    #[test]
    fn threshold_scale_dependence_closes_on_the_beta_functions() {
        let sp = spectrum();
        let (mt, q, tb, gp, g2) = (173.1, 817.7, 1000.0, 0.3626, 0.6455);
        // m_b(Q) = 0.16 GeV: h_b = 0.9 at cos(b) = 1e-3.
        let ew0 = ew_inputs(gp, g2, tb, 150.0, 0.16);
        let v_u = ew0.v * tb.atan().sin();
        let ew = EwThresholdInputs {
            ht: mt / v_u,
            ..ew0
        };
        let f = |q: f64| delta_top_ew(&ew, &sp, mt, q) + delta_higgs_wf(&ew, &sp, q);
        let total = d_dlnq(f, q) / INV_16PI2;
        let (ht, hb) = (ew.ht, ew.hb);
        let beta_mssm = 6.0 * ht * ht + hb * hb - 3.0 * g2 * g2 - 13.0 / 9.0 * gp * gp;
        let beta_sm = 4.5 * ht * ht - 2.25 * g2 * g2 - 17.0 / 12.0 * gp * gp;
        let want = beta_mssm - beta_sm - 0.5 * hb * hb;
        assert!((total - want).abs() < 1e-5, "{total} vs {want}");
        // Without the Higgs wave-function threshold the closure misses (3 g_2^2 + g'^2)/2.
        let without = total - 0.5 * (3.0 * g2 * g2 + gp * gp);
        assert!((without - want).abs() > 0.5, "{without} vs {want}");
    }

    /// [`fermion_loop_slope`] against (a) the SM: a Dirac top (Weyl pair, mass y v, Yukawa
    /// y/sqrt2 on both entries) gives the Higgs anomalous dimension `-1/2 d Pi'/d ln Q = y^2` per
    /// colour (3 y_t^2 with N_c, the SM value); (b) a numerical p^2-derivative of Martin's Pi(s)
    /// written with model::spectrum::pole's B_0 at finite momentum and A_0 (Richardson, s = 4 and
    /// 8 GeV^2), for a mixed 4x4 matrix with both mass signs.
    #[test]
    fn fermion_loop_slope_against_sm_and_finite_momentum() {
        use crate::model::spectrum::pole::a0;
        let (y, m, heavy) = (0.9, 160.0, 900.0);
        #[rustfmt::skip]
        let mass = Matrix4::new(
            0.0, m, 0.0, 0.0,
            m, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, heavy,
            0.0, 0.0, heavy, 0.0,
        );
        let mut yuk = Matrix4::<f64>::zeros();
        yuk[(0, 1)] = y / SQRT_2;
        yuk[(1, 0)] = y / SQRT_2;
        let q = 500.0;
        let d = d_dlnq(|q| fermion_loop_slope(&mass, &yuk, q), q);
        assert!(((-0.5 * d) / (y * y) - 1.0).abs() < 1e-8, "{d}");

        #[rustfmt::skip]
        let mass = Matrix4::new(
            120.0, 0.0, -30.0, 40.0,
            0.0, 230.0, 55.0, -75.0,
            -30.0, 55.0, 0.0, -317.0,
            40.0, -75.0, -317.0, 0.0,
        );
        let yuk = ino_yukawa_matrix();
        let eig: SymmetricEigen<f64, nalgebra::U4> = SymmetricEigen::new(mass);
        let o = eig.eigenvectors;
        let ym = o.transpose() * yuk * o;
        let pi = |s: f64| {
            let mut total = 0.0;
            for k in 0..4 {
                for l in 0..4 {
                    let (mk, ml) = (eig.eigenvalues[k], eig.eigenvalues[l]);
                    let bb = b0(s.sqrt(), mk.abs(), ml.abs(), q);
                    let b_ff = (mk * mk + ml * ml - s) * bb + a0(mk, q) + a0(ml, q);
                    total += ym[(k, l)].powi(2) * (b_ff + 2.0 * mk * ml * bb);
                }
            }
            total
        };
        let (s1, p0) = (4.0, pi(0.0));
        let d1 = (pi(s1) - p0) / s1;
        let d2 = (pi(2.0 * s1) - p0) / (2.0 * s1);
        let numeric = 2.0 * d1 - d2;
        let closed = fermion_loop_slope(&mass, &yuk, q);
        assert!(
            (numeric / closed - 1.0).abs() < 1e-5,
            "{numeric} vs {closed}"
        );
    }

    /// The Yukawa matrix of the Higgs wave-function tests in the ino basis: a Higgs couples the
    /// gauginos to the higgsinos only.
    #[rustfmt::skip]
    fn ino_yukawa_matrix() -> Matrix4<f64> {
        Matrix4::new(
            0.0, 0.0, -0.02, 0.18,
            0.0, 0.0, 0.04, -0.32,
            -0.02, 0.04, 0.0, 0.0,
            0.18, -0.32, 0.0, 0.0,
        )
    }

    /// [`fermion_loop_slope`], which takes each mass's logarithm and each slope once, equals the
    /// pairwise sum of `b0(0, ...)` and `b0_slope(0, ...)` bit for bit (a mixed matrix with both
    /// mass signs, and a Dirac pair of equal |m|).
    #[test]
    fn fermion_loop_slope_equals_the_pairwise_sum_bit_for_bit() {
        let yuk = ino_yukawa_matrix();
        #[rustfmt::skip]
        let masses = [
            Matrix4::new(
                120.0, 0.0, -30.0, 40.0,
                0.0, 230.0, 55.0, -75.0,
                -30.0, 55.0, 0.0, -317.0,
                40.0, -75.0, -317.0, 0.0,
            ),
            Matrix4::new(
                150.0, 0.0, 0.0, 0.0,
                0.0, 300.0, 0.0, 0.0,
                0.0, 0.0, 0.0, 800.0,
                0.0, 0.0, 800.0, 0.0,
            ),
        ];
        let q = 650.0;
        for mass in masses {
            let eig: SymmetricEigen<f64, nalgebra::U4> = SymmetricEigen::new(mass);
            let o = eig.eigenvectors;
            let ym = o.transpose() * yuk * o;
            let mut pairwise = 0.0;
            for k in 0..4 {
                for l in 0..4 {
                    let (mk, ml) = (eig.eigenvalues[k], eig.eigenvalues[l]);
                    pairwise += ym[(k, l)]
                        * ym[(k, l)]
                        * (-b0(0.0, mk.abs(), ml.abs(), q)
                            + (mk + ml) * (mk + ml) * b0_slope(0.0, mk.abs(), ml.abs()));
                }
            }
            let got = fermion_loop_slope(&mass, &yuk, q);
            assert_eq!(got.to_bits(), pairwise.to_bits(), "{got} vs {pairwise}");
        }
    }

    /// [`drbar_conversion`] from the group theory against the forms coded in SOFTSUSY 4.1.22
    /// (`calcRunMbDrBarConv`: `1 - alpha_s/3pi + 3 g^2/128pi^2 + 13 g'^2/1152pi^2`, its
    /// `calcRunMtauDrBarConv`: `1 - 3 (g'^2 - g^2)/128pi^2`) and the QCD `-alpha_s/3pi`; the top's
    /// electroweak part is `(3 g_2^2 + g'^2/9)/128pi^2`.
    #[test]
    fn drbar_conversion_against_softsusy_forms() {
        let (g3, g2, gp) = (1.07, 0.645, 0.362);
        let pi2 = PI * PI;
        let alpha_s = g3 * g3 / (4.0 * PI);
        let cases = [
            (
                YukawaCharges::BOTTOM,
                [g3, g2, gp],
                -alpha_s / (3.0 * PI)
                    + 3.0 * g2 * g2 / (128.0 * pi2)
                    + 13.0 * gp * gp / (1152.0 * pi2),
            ),
            (
                YukawaCharges::TAU,
                [g3, g2, gp],
                -3.0 * (gp * gp - g2 * g2) / (128.0 * pi2),
            ),
            (YukawaCharges::TOP, [g3, 0.0, 0.0], -alpha_s / (3.0 * PI)),
            (
                YukawaCharges::TOP,
                [0.0, g2, gp],
                (3.0 * g2 * g2 + gp * gp / 9.0) / (128.0 * pi2),
            ),
        ];
        for (charges, g, want) in cases {
            let got = drbar_conversion(&charges, g);
            assert!((got - want).abs() < 1e-15, "{charges:?}: {got} vs {want}");
        }
        // Hypercharge is conserved at each vertex (the charges are those of one gauge-invariant
        // operator).
        for c in [
            YukawaCharges::TOP,
            YukawaCharges::BOTTOM,
            YukawaCharges::TAU,
        ] {
            assert!((c.doublet[2] + c.singlet[2] + c.higgs[2]).abs() < 1e-15);
        }
    }

    /// The remembered alpha_s(m_b) is the call bit for bit, with the SM inputs changed and
    /// changed back.
    #[test]
    fn remembered_alpha_s_at_the_bottom_mass_is_the_call() {
        let sm = SmInputs::default();
        let other = SmInputs {
            alpha_s_mz: 0.1185,
            ..sm
        };
        for s in [&sm, &sm, &other, &sm, &other] {
            assert_eq!(
                alpha_s_at_bottom_mass(s).to_bits(),
                alpha_s_five_flavour(s.m_bottom_mb, s).to_bits()
            );
        }
    }

    /// The SM running: m_b(M_Z) from m_b(m_b) = 4.18 GeV and alpha_s(M_Z) = 0.118 is 2.86 GeV
    /// (PDG/RunDec value 2.86-2.87 at three loops), alpha_s^(5)(M_t) = 0.108; the running of
    /// alpha_s is undone by running back; y_t decreases towards Q.
    #[test]
    fn sm_running_reproduces_known_values() {
        let sm = SmInputs::default();
        let mb_mz = m_bottom_five_flavour(sm.mz, &sm);
        assert!((mb_mz - 2.865).abs() < 0.015, "m_b(M_Z) = {mb_mz}");
        let a_mt = alpha_s_five_flavour(173.1, &sm);
        assert!((a_mt - 0.1080).abs() < 5e-4, "alpha_s(M_t) = {a_mt}");
        let back = rk4([a_mt / (4.0 * PI)], 173.1f64.ln(), sm.mz.ln(), STEP, |y| {
            [da_dt(y[0], 5.0)]
        })[0]
            * 4.0
            * PI;
        assert!((back / sm.alpha_s_mz - 1.0).abs() < 1e-9);
        let at_mt = sm_couplings_at(173.1, 173.1, &sm);
        assert!((at_mt.y_t - y_top_at_pole(173.1, 0.118)).abs() < 1e-15);
        let at_1tev = sm_couplings_at(1000.0, 173.1, &sm);
        assert!(
            at_1tev.y_t < at_mt.y_t && at_1tev.y_t > 0.8,
            "{}",
            at_1tev.y_t
        );
    }

    /// With everything at one mass and no stop mixing the SUSY-QCD top threshold at Q = that mass
    /// is `(4/3) g_3^2/16pi^2 (2 B_1)` with `B_1(0, m, m) = -ln(m^2/Q^2)/2 = 0`: zero up to
    /// p^2/m^2; the mixing term is `-(4/3) g_3^2/16pi^2 2 M_3 X_t dB_0/dm^2 = (4/3) g_3^2/16pi^2
    /// M_3 X_t/m^2` (`dB_0(0, m, m)/dm^2 = -1/(2 m^2)`).
    #[test]
    fn top_threshold_vanishes_for_degenerate_spectrum_at_its_scale() {
        let m = 2000.0;
        let sp = ThresholdSpectrum {
            m1: m,
            m2: m,
            m3: m,
            mu: m,
            a_t: 0.0,
            mq3: m * m,
            mu3: m * m,
            md3: m * m,
            ml3: m * m,
            me3: m * m,
        };
        let no_mixing = ThresholdSpectrum { mu: 0.0, ..sp };
        let d = delta_top_sqcd(1.0, (1.0, 1.0), &no_mixing, 10.0, m);
        assert!(d.abs() < 1e-6, "{d}");
        let x_t = -m / 10.0;
        let mixed = delta_top_sqcd(1.0, (1.0, 1.0), &sp, 10.0, m);
        let expected = 4.0 / 3.0 * INV_16PI2 * m * x_t / (m * m);
        assert!(
            (mixed / expected - 1.0).abs() < 1e-3,
            "{mixed} vs {expected}"
        );
    }
}
