//! The transverse Z self-energy Pi_ZZ^T(p^2) at one loop in the DR-bar scheme at the scale Q, and
//! the DR-bar vacuum expectation value v(Q) it fixes (docs/physics.md 7b, item 6):
//!
//!   v(Q)^2 = 4 (M_Z^2 + Re Pi_ZZ^T(M_Z^2)) / (g'^2 + g^2)(Q)        (246 GeV normalisation),
//!
//! with M_Z the pole mass, as SOFTSUSY's `getVev` (Allanach, hep-ph/0104145). The light-singlet
//! fixed order ([`super::fixed_order`]) evaluates its mass matrices at this v(Q) instead of the
//! Fermi-constant 246.22 GeV.
//!
//! Pierce, Bagger, Matchev, Zhang hep-ph/9606211 eq. (D.4), 't Hooft-Feynman gauge, generalised to
//! this model's three CP-even and three CP-odd neutral states (the singlet and the Goldstone among
//! them) and five neutralinos as in SOFTSUSY 4.1's NMSSM (`NmssmSoftsusy::piZZTHiggs`,
//! `piZZTNeutralinos`). With `c_W^2 = g^2/(g^2 + g'^2)` at Q and the PV functions of
//! [`crate::model::spectrum::pole`] (B_0 accurate at every momentum), `Pi = (g^2 + g'^2)/(16 pi^2) * (sum of the sectors below)`:
//!
//! * Higgs and gauge bosons: `sum_i M_Z^2 (S_i1 c_b + S_i2 s_b)^2 B_0(M_Z, m_hi)
//!   - sum_ij (S_i1 P_j1 - S_i2 P_j2)^2 B~_22(m_hi, m_aj) - cos^2(2 theta_W) B~_22(m_H+, m_H+)
//!   - 2 c_W^4 (2 p^2 + M_W^2 - M_Z^2 s_W^4/c_W^2) B_0(M_W, M_W) - (8 c_W^4 + cos^2 2theta_W)
//!   B~_22(M_W, M_W)`, S and P the CP-even and CP-odd mixing in (H_d, H_u, N), the neutral Goldstone
//!   `(c_b, -s_b, 0)` at M_Z and the charged one at M_W (Feynman gauge, running M_Z, M_W of the
//!   vevs used for the masses);
//! * sfermions: `- sum 4 N_c (R diag(g_L, g_R) R^T)_ij^2 B~_22(m_i, m_j)` per flavour, R the mixing
//!   (rows = mass states, columns (L, R)), `g_L = T_3 - Q s_W^2`, `g_R = -Q s_W^2` (the three
//!   generations; the first two unmixed and equal);
//! * quarks and leptons: `sum N_c [(g_L^2 + g_R^2) H(m_f, m_f) + 4 g_L g_R m_f^2 B_0(m_f, m_f)]`
//!   (t, b, tau at their DR-bar masses, the rest massless);
//! * neutralinos (signed masses, real N): `(1/4) sum_ij (N_i3 N_j3 - N_i4 N_j4)^2 [H(m_i, m_j)
//!   - 2 m_i m_j B_0(m_i, m_j)]`;
//! * charginos (positive masses, U X V^T diagonal): `sum_ij [(a_ij^2 + b_ij^2) H(m_i, m_j)
//!   + 4 a_ij b_ij m_i m_j B_0(m_i, m_j)]`, `a = V D V^T`, `b = U D U^T`,
//!   `D = diag(c_W^2, cos(2 theta_W)/2)`.
//!
//! **v(Q) from M_Z** ([`drbar_vev_from_mz`], the procedure of both reference codes): the DR-bar
//! parameters at Q run down to M_Z with the model's RGEs and (v_d, v_u, mu) with their one-loop
//! Feynman-gauge RGEs ([`vev_log_rates`]); Pi_ZZ^T(M_Z^2) with the couplings and the sfermion,
//! neutralino and chargino masses at M_Z gives v(M_Z), which runs back up to Q. SOFTSUSY 4.1.22:
//! `MssmSoftsusy::sparticleThresholdCorrections` (src/softsusy.cpp) sets `getVev()` =
//! v(M_Z) from `piZZT(M_Z, M_Z)` and runs it up with `NmssmSusy::beta`'s `dHvev`
//! (src/nmssmsusy.cpp; at M_SUSY it keeps the run-up value, "pizztMS = MzRun^2 - Mz^2: resums
//! logs"); FlexibleSUSY 2.8.0: `lowNMSSM_low_scale_constraint::apply` sets v_d, v_u from
//! `calculate_MVZ_DRbar(M_Z^pole)` at M_Z and runs them up with its two-loop RGEs.
//!
//! The tests check each sector against SOFTSUSY 4.1.22's printed Pi_ZZ pieces at M_t
//! (tests/data/softsusy_top_matching.toml; the Higgs and sfermion sectors from SOFTSUSY's own
//! DR-bar masses, tests/data/softsusy_pizz_sectors.toml), the Higgs sector's MSSM limit against
//! PBMZ's sin(alpha - beta) form, the explicit ln Q dependence of all sectors against the running
//! of M_Z,run^2 (gauge betas and [`vev_log_rates`]), and v(Q) against SOFTSUSY's and
//! FlexibleSUSY's NMSSM at the light-singlet points.

use std::f64::consts::PI;

use nalgebra::SVector;

use crate::config::RgeSet;
use crate::model::params::Couplings;
use crate::model::rge::{beta, RgeOptions, RgeState, STATE_DIM};
use crate::model::spectrum::chargino::{charginos, Charginos};
use crate::model::spectrum::higgs::HiggsSpectrum;
use crate::model::spectrum::neutralino::{neutralinos, NeutralinoInputs, Neutralinos};
use crate::model::spectrum::pole::{b0, b22_bar, h_pv};
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs, SfermionPair, Sfermions};

/// The Z pole mass [GeV] of v(Q) (PDG; SOFTSUSY's default).
pub const M_Z_POLE: f64 = 91.1876;

/// Everything Pi_ZZ needs, at the scale `q`: DR-bar couplings and tree-level-like running masses.
#[derive(Clone, Copy, Debug)]
pub struct ZSelfEnergyInputs<'a> {
    /// Renormalisation scale Q [GeV].
    pub q: f64,
    /// Hypercharge g' (SM normalisation) and SU(2) g at Q.
    pub g1: f64,
    pub g2: f64,
    /// (v_d, v_u) [GeV] (174 GeV normalisation) of the masses below: the running M_Z, M_W of
    /// the gauge and Goldstone loops and tan(beta).
    pub v_d: f64,
    pub v_u: f64,
    /// DR-bar top, bottom and tau masses at Q [GeV].
    pub m_top: f64,
    pub m_bottom: f64,
    pub m_tau: f64,
    pub higgs: &'a HiggsSpectrum,
    pub neutralinos: &'a Neutralinos,
    pub charginos: &'a Charginos,
    pub sfermions: &'a Sfermions,
}

/// Re Pi_ZZ^T by sector [GeV^2] (each already times (g^2 + g'^2)/16 pi^2).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PiZz {
    pub higgs: f64,
    pub sfermions: f64,
    pub fermions: f64,
    pub neutralinos: f64,
    pub charginos: f64,
}

impl PiZz {
    pub fn total(&self) -> f64 {
        self.higgs + self.sfermions + self.fermions + self.neutralinos + self.charginos
    }
}

/// Weak mixing at Q: (s_W^2, c_W^2, cos 2 theta_W).
fn weak_mixing(g1: f64, g2: f64) -> (f64, f64, f64) {
    let sw2 = g1 * g1 / (g1 * g1 + g2 * g2);
    (sw2, 1.0 - sw2, 1.0 - 2.0 * sw2)
}

/// Re Pi_ZZ^T(p^2) [GeV^2] (module header). A tachyonic input mass gives NaN.
pub fn pi_zz(inp: &ZSelfEnergyInputs, p: f64) -> PiZz {
    let norm = (inp.g1 * inp.g1 + inp.g2 * inp.g2) / (16.0 * PI * PI);
    PiZz {
        higgs: norm * higgs_sector(inp, p),
        sfermions: norm * sfermion_sector(inp, p),
        fermions: norm * fermion_sector(inp, p),
        neutralinos: norm * neutralino_sector(inp.neutralinos, p, inp.q),
        charginos: norm * chargino_sector(inp, p),
    }
}

/// v(Q) [GeV] (246 GeV normalisation) from Re Pi_ZZ^T(M_Z^2) at Q (module header); NaN if
/// M_Z^2 + Pi is not positive.
pub fn drbar_vev(inp: &ZSelfEnergyInputs) -> f64 {
    let pi = pi_zz(inp, M_Z_POLE).total();
    let v2 = 4.0 * (M_Z_POLE * M_Z_POLE + pi) / (inp.g1 * inp.g1 + inp.g2 * inp.g2);
    if v2 > 0.0 {
        v2.sqrt()
    } else {
        f64::NAN
    }
}

/// One-loop `(d ln v_d/dt, d ln v_u/dt, d ln mu/dt)` (t = ln Q) of the DR-bar Higgs vevs in
/// Feynman gauge and of mu_eff = lambda_N x + lambda_S y, as SOFTSUSY 4.1.22's `NmssmSusy::beta`
/// (`dHvev`, `dt`, `dmu`; the scalar anomalous dimensions of hep-ph/9308335 plus the Feynman-gauge
/// term `(3/2) g^2 + (1/2) g'^2` of BPMZ hep-ph/0112251): `16 pi^2 d ln v_d/dt = -(3 h_b^2 +
/// h_tau^2 + lambda^2) + (3/2) g^2 + (1/2) g'^2`, `16 pi^2 d ln v_u/dt = -(3 h_t^2 + lambda^2) +
/// (3/2) g^2 + (1/2) g'^2`, `16 pi^2 d ln mu/dt = 3 h_t^2 + 3 h_b^2 + h_tau^2 + 2 lambda^2 - g'^2 -
/// 3 g^2` (the H_u, H_d superfield anomalous dimensions: mu_eff runs as the MSSM mu, the singlet
/// vevs' running cancelling that of lambda_N, lambda_S). `lambda^2 = lambda_N^2`, plus
/// lambda_S^2 in the hmz1999 set whose Yukawa equations carry it (model::rge::beta).
pub fn vev_log_rates(c: &Couplings, set: RgeSet) -> [f64; 3] {
    let lam2 = c.lambda_n * c.lambda_n
        + match set {
            RgeSet::Hmz1999 => c.lambda_s * c.lambda_s,
            RgeSet::Consistent => 0.0,
        };
    let (gp2, g22) = (c.g1 * c.g1, c.g2 * c.g2);
    let (ht2, hb2, htau2) = (c.ht * c.ht, c.hb * c.hb, c.htau * c.htau);
    let feynman = 1.5 * g22 + 0.5 * gp2;
    let norm = 1.0 / (16.0 * PI * PI);
    [
        norm * (feynman - 3.0 * hb2 - htau2 - lam2),
        norm * (feynman - 3.0 * ht2 - lam2),
        norm * (3.0 * ht2 + 3.0 * hb2 + htau2 + 2.0 * lam2 - gp2 - 3.0 * g22),
    ]
}

/// A solution's DR-bar running parameters at its Q with (v_d, v_u, mu): what is run down to M_Z
/// ([`drbar_vev_from_mz`]) or to M_t (model::yukawa_fixed_order) with [`run_with_vevs`].
#[derive(Clone, Copy, Debug)]
pub struct RunningAtQ {
    /// Renormalisation scale Q [GeV] of the parameters below.
    pub q: f64,
    /// Couplings and soft terms at Q (the uniform trilinear convention of model::params).
    pub state: RgeState,
    /// The RGEs to run them with (the point's switches; no messengers below Q).
    pub opts: RgeOptions,
    /// (v_d, v_u) at Q [GeV] (174 GeV normalisation) and mu_eff at Q.
    pub v_d: f64,
    pub v_u: f64,
    pub mu: f64,
}

impl RunningAtQ {
    /// The state and (v_d, v_u, mu) run from Q to `q_to` in RK4 steps of at most `step` in ln Q.
    pub fn run_to(&self, q_to: f64, step: f64) -> (RgeState, [f64; 3]) {
        run_with_vevs(
            &self.state,
            [self.v_d, self.v_u, self.mu],
            (self.q, q_to),
            &self.opts,
            step,
        )
    }
}

/// The solution's DR-bar parameters at Q that [`drbar_vev_from_mz`] runs down to M_Z.
#[derive(Clone, Copy, Debug)]
pub struct VevFromMzInputs<'a> {
    pub running: RunningAtQ,
    /// The singlino mass entry of the neutralino matrix and the Higgs-sector states: taken from
    /// the solution at Q (their Pi_ZZ enters through higgsino mixing and the Higgs/gauge loops,
    /// where the scale of the parameters is a higher-order effect; not run).
    pub singlino_mass: f64,
    pub higgs: &'a HiggsSpectrum,
}

/// Largest RK4 step in t = ln Q of the run from Q down to M_Z (ln(Q/M_Z) is 2-4 at the points of
/// interest; the relative change of v(Q) from halving it is below 1e-9, test
/// `vev_from_mz_is_step_converged`).
pub const VEV_RUN_STEP: f64 = 0.1;

/// Dimension of the state run down to M_Z: the RGE state plus ln v_d, ln v_u, ln |mu|.
const VEV_RUN_DIM: usize = STATE_DIM + 3;

/// An RGE state and its (v_d, v_u, mu) run from `q_from` to `q_to` (classical RK4 in t = ln Q
/// with steps of at most `step`; the vevs and mu with [`vev_log_rates`]). Non-finite entries if
/// the run fails. Also the run of the fixed-order Yukawa matching (model::yukawa_fixed_order).
pub fn run_with_vevs(
    state: &RgeState,
    [v_d, v_u, mu]: [f64; 3],
    (q_from, q_to): (f64, f64),
    opts: &RgeOptions,
    step: f64,
) -> (RgeState, [f64; 3]) {
    let (t_q, t_z) = (q_from.ln(), q_to.ln());
    let n = ((t_q - t_z).abs() / step).ceil().max(1.0);
    let h = (t_z - t_q) / n;
    let rhs = |y: &SVector<f64, VEV_RUN_DIM>| {
        let state = RgeState::from_vector(&y.fixed_rows::<STATE_DIM>(0).into_owned());
        let d = beta(&state, opts).to_vector();
        let rates = vev_log_rates(&state.couplings, opts.set);
        SVector::<f64, VEV_RUN_DIM>::from_fn(|i, _| {
            if i < STATE_DIM {
                d[i]
            } else {
                rates[i - STATE_DIM]
            }
        })
    };
    let start = state.to_vector();
    let mut y = SVector::<f64, VEV_RUN_DIM>::from_fn(|i, _| match i {
        _ if i < STATE_DIM => start[i],
        _ if i == STATE_DIM => v_d.ln(),
        _ if i == STATE_DIM + 1 => v_u.ln(),
        _ => mu.abs().ln(),
    });
    for _ in 0..n as usize {
        let k1 = rhs(&y);
        let k2 = rhs(&(y + k1 * (0.5 * h)));
        let k3 = rhs(&(y + k2 * (0.5 * h)));
        let k4 = rhs(&(y + k3 * h));
        y += (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0);
    }
    let out = RgeState::from_vector(&y.fixed_rows::<STATE_DIM>(0).into_owned());
    let mu_out = mu.signum() * y[STATE_DIM + 2].exp();
    (out, [y[STATE_DIM].exp(), y[STATE_DIM + 1].exp(), mu_out])
}

/// v(Q) [GeV] (246 GeV normalisation) by the reference codes' procedure (module header): the
/// parameters run down to M_Z, v(M_Z) from Re Pi_ZZ^T(M_Z^2) at M_Z ([`drbar_vev`] with the
/// sfermion, neutralino and chargino matrices of the parameters at M_Z, top/bottom/tau masses
/// `h v` there), run back up. The vevs' RGEs are linear in the vevs, so the run-up multiplies
/// v(M_Z) by the ratio v(Q)/v(M_Z) of the run-down: `v(Q) = v_in(Q) v_Pi(M_Z)/v_in(M_Z)`, with
/// tan(beta)(Q) kept. NaN if the run or M_Z^2 + Pi fails.
pub fn drbar_vev_from_mz(inp: &VevFromMzInputs) -> f64 {
    drbar_vev_from_mz_with_step(inp, VEV_RUN_STEP)
}

fn drbar_vev_from_mz_with_step(inp: &VevFromMzInputs, step: f64) -> f64 {
    let (z, vevs_mz) = inp.running.run_to(M_Z_POLE, step);
    let v_mz = drbar_vev_of_state(&StateVevs {
        q: M_Z_POLE,
        state: &z,
        vevs: vevs_mz,
        singlino_mass: inp.singlino_mass,
        higgs: inp.higgs,
    });
    let [v_d, v_u, _] = vevs_mz;
    let v_run_mz = (2.0 * (v_d * v_d + v_u * v_u)).sqrt();
    let v_q =
        (2.0 * (inp.running.v_d * inp.running.v_d + inp.running.v_u * inp.running.v_u)).sqrt();
    let v = v_q * v_mz / v_run_mz;
    if v.is_finite() {
        v
    } else {
        f64::NAN
    }
}

/// Running parameters at one scale and the (v_d, v_u, mu) there, as [`drbar_vev_of_state`] reads them.
struct StateVevs<'a> {
    q: f64,
    state: &'a RgeState,
    vevs: [f64; 3],
    singlino_mass: f64,
    higgs: &'a HiggsSpectrum,
}

/// The spectra Pi_ZZ reads, of an RGE state's soft terms and couplings with its (v_d, v_u, mu):
/// sfermion, neutralino and chargino matrices, top/bottom/tau masses `h v`.
struct StateSpectra {
    neutralinos: Neutralinos,
    charginos: Charginos,
    sfermions: Sfermions,
    /// DR-bar top, bottom and tau masses [GeV].
    fermions: [f64; 3],
}

impl StateSpectra {
    fn of(sv: &StateVevs) -> Self {
        let (c, soft) = (&sv.state.couplings, &sv.state.soft);
        let [v_d, v_u, mu] = sv.vevs;
        let fermions = [c.ht * v_u, c.hb * v_d, c.htau * v_d];
        StateSpectra {
            neutralinos: neutralinos(&NeutralinoInputs {
                m1: soft.m1,
                m2: soft.m2,
                mu,
                lambda_n: c.lambda_n,
                v_d,
                v_u,
                singlino_mass: sv.singlino_mass,
                g1: c.g1,
                g2: c.g2,
            }),
            charginos: charginos(soft.m2, mu, c.g2, v_d, v_u),
            sfermions: sfermions(&SfermionInputs {
                soft: *soft,
                g1: c.g1,
                g2: c.g2,
                v_d,
                v_u,
                mu,
                m_top: fermions[0],
                m_bottom: fermions[1],
                m_tau: fermions[2],
            }),
            fermions,
        }
    }

    /// Pi_ZZ's inputs at scale `q` with these spectra and `sv`'s couplings, vevs and Higgs states.
    fn inputs<'a>(&'a self, sv: &StateVevs<'a>, q: f64) -> ZSelfEnergyInputs<'a> {
        let c = &sv.state.couplings;
        let [v_d, v_u, _] = sv.vevs;
        let [m_top, m_bottom, m_tau] = self.fermions;
        ZSelfEnergyInputs {
            q,
            g1: c.g1,
            g2: c.g2,
            v_d,
            v_u,
            m_top,
            m_bottom,
            m_tau,
            higgs: sv.higgs,
            neutralinos: &self.neutralinos,
            charginos: &self.charginos,
            sfermions: &self.sfermions,
        }
    }
}

/// [`drbar_vev`] with the [`StateSpectra`] of the state at its scale (the Higgs spectrum is the
/// caller's).
fn drbar_vev_of_state(sv: &StateVevs) -> f64 {
    drbar_vev(&StateSpectra::of(sv).inputs(sv, sv.q))
}

/// v(q) [GeV] (246 GeV normalisation) from Re Pi_ZZ^T(M_Z^2) at `q` with the spectra of an RGE
/// state at `q` and its (v_d, v_u, mu) ([`drbar_vev`]); the singlino entry and the Higgs states
/// are the caller's. SOFTSUSY's `getVev()` at its matching scale (model::yukawa_fixed_order).
pub fn drbar_vev_of_state_at(
    q: f64,
    state: &RgeState,
    vevs: [f64; 3],
    singlino_mass: f64,
    higgs: &HiggsSpectrum,
) -> f64 {
    drbar_vev_of_state(&StateVevs {
        q,
        state,
        vevs,
        singlino_mass,
        higgs,
    })
}

/// A running mass from a mass squared (NaN if tachyonic).
fn mass(m2: f64) -> f64 {
    if m2 >= 0.0 {
        m2.sqrt()
    } else {
        f64::NAN
    }
}

fn higgs_sector(inp: &ZSelfEnergyInputs, p: f64) -> f64 {
    let q = inp.q;
    let (sw2, cw2, c2w) = weak_mixing(inp.g1, inp.g2);
    let v2 = inp.v_d * inp.v_d + inp.v_u * inp.v_u;
    let mz = ((inp.g1 * inp.g1 + inp.g2 * inp.g2) * v2 / 2.0).sqrt();
    let mw = (inp.g2 * inp.g2 * v2 / 2.0).sqrt();
    let vn = v2.sqrt();
    let (cb, sb) = (inp.v_d / vn, inp.v_u / vn);
    let h = inp.higgs;
    // CP-odd states in (Im H_d, Im H_u, Im N): the Goldstone at M_Z, then A^0 = s_b Im H_d +
    // c_b Im H_u mixed with Im N (model::spectrum::higgs).
    let odd: [([f64; 3], f64); 3] = [
        ([cb, -sb, 0.0], mz),
        (
            [
                h.odd_mixing[0][0] * sb,
                h.odd_mixing[0][0] * cb,
                h.odd_mixing[0][1],
            ],
            mass(h.odd_mass2[0]),
        ),
        (
            [
                h.odd_mixing[1][0] * sb,
                h.odd_mixing[1][0] * cb,
                h.odd_mixing[1][1],
            ],
            mass(h.odd_mass2[1]),
        ),
    ];
    let mut sum = 0.0;
    for i in 0..3 {
        let s = h.even_mixing[i];
        let m_hi = mass(h.even_mass2[i]);
        sum += mz * mz * (s[0] * cb + s[1] * sb).powi(2) * b0(p, mz, m_hi, q);
        for (pj, m_aj) in &odd {
            sum -= (s[0] * pj[0] - s[1] * pj[1]).powi(2) * b22_bar(p, m_hi, *m_aj, q);
        }
    }
    let m_hpm = mass(h.charged_mass2);
    sum -= c2w * c2w * b22_bar(p, m_hpm, m_hpm, q);
    sum -= 2.0 * cw2 * cw2 * (2.0 * p * p + mw * mw - mz * mz * sw2 * sw2 / cw2) * b0(p, mw, mw, q)
        + (8.0 * cw2 * cw2 + c2w * c2w) * b22_bar(p, mw, mw, q);
    sum
}

/// Z couplings (g_L, g_R) of a left-right pair with T_3 and charge Q of the left-handed field.
fn couplings(t3: f64, charge: f64, sw2: f64) -> (f64, f64) {
    (t3 - charge * sw2, -charge * sw2)
}

fn sfermion_sector(inp: &ZSelfEnergyInputs, p: f64) -> f64 {
    let q = inp.q;
    let (sw2, _, _) = weak_mixing(inp.g1, inp.g2);
    let sf = inp.sfermions;
    // One unmixed state of coupling g and colour n_c.
    let single = |n_c: f64, g: f64, m2: f64| {
        let m = mass(m2);
        -4.0 * n_c * g * g * b22_bar(p, m, m, q)
    };
    let mixed = |n_c: f64, (gl, gr): (f64, f64), pair: &SfermionPair| {
        let r = pair.mixing;
        let m = pair.mass2.map(mass);
        let mut s = 0.0;
        for i in 0..2 {
            for j in 0..2 {
                let v = r[i][0] * gl * r[j][0] + r[i][1] * gr * r[j][1];
                s -= 4.0 * n_c * v * v * b22_bar(p, m[i], m[j], q);
            }
        }
        s
    };
    let up = couplings(0.5, 2.0 / 3.0, sw2);
    let down = couplings(-0.5, -1.0 / 3.0, sw2);
    let lepton = couplings(-0.5, -1.0, sw2);
    let first_two = single(3.0, up.0, sf.sup_l2)
        + single(3.0, up.1, sf.sup_r2)
        + single(3.0, down.0, sf.sdown_l2)
        + single(3.0, down.1, sf.sdown_r2)
        + single(1.0, lepton.0, sf.selectron_l2)
        + single(1.0, lepton.1, sf.selectron_r2)
        + single(1.0, 0.5, sf.sneutrino_e2);
    let third = mixed(3.0, up, &sf.stop)
        + mixed(3.0, down, &sf.sbottom)
        + mixed(1.0, lepton, &sf.stau)
        + single(1.0, 0.5, sf.sneutrino_tau2);
    2.0 * first_two + third
}

fn fermion_sector(inp: &ZSelfEnergyInputs, p: f64) -> f64 {
    let q = inp.q;
    let (sw2, _, _) = weak_mixing(inp.g1, inp.g2);
    let dirac = |n_c: f64, (gl, gr): (f64, f64), m: f64| {
        n_c * ((gl * gl + gr * gr) * h_pv(p, m, m, q) + 4.0 * gl * gr * m * m * b0(p, m, m, q))
    };
    let up = couplings(0.5, 2.0 / 3.0, sw2);
    let down = couplings(-0.5, -1.0 / 3.0, sw2);
    let lepton = couplings(-0.5, -1.0, sw2);
    let neutrino = (0.5, 0.0);
    2.0 * (dirac(3.0, up, 0.0) + dirac(3.0, down, 0.0) + dirac(1.0, lepton, 0.0))
        + dirac(3.0, up, inp.m_top)
        + dirac(3.0, down, inp.m_bottom)
        + dirac(1.0, lepton, inp.m_tau)
        + 3.0 * dirac(1.0, neutrino, 0.0)
}

fn neutralino_sector(n: &Neutralinos, p: f64, q: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..5 {
        for j in 0..5 {
            let c = n.mixing[i][2] * n.mixing[j][2] - n.mixing[i][3] * n.mixing[j][3];
            let (mi, mj) = (n.masses[i], n.masses[j]);
            s += 0.25
                * c
                * c
                * (h_pv(p, mi.abs(), mj.abs(), q) - 2.0 * mi * mj * b0(p, mi.abs(), mj.abs(), q));
        }
    }
    s
}

fn chargino_sector(inp: &ZSelfEnergyInputs, p: f64) -> f64 {
    let (_, cw2, c2w) = weak_mixing(inp.g1, inp.g2);
    let ch = inp.charginos;
    let d = [cw2, 0.5 * c2w];
    let rotate = |r: &[[f64; 2]; 2], i: usize, j: usize| {
        (0..2).map(|k| r[i][k] * d[k] * r[j][k]).sum::<f64>()
    };
    let mut s = 0.0;
    for i in 0..2 {
        for j in 0..2 {
            let a = rotate(&ch.v, i, j);
            let b = rotate(&ch.u, i, j);
            let (mi, mj) = (ch.masses[i], ch.masses[j]);
            s += (a * a + b * b) * h_pv(p, mi, mj, inp.q)
                + 4.0 * a * b * mi * mj * b0(p, mi, mj, inp.q);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::params::SoftTerms;

    /// An MSSM point at Q with tree-level-consistent masses throughout (the singlet unmixed):
    /// the couplings and soft terms, (v_d, v_u), mu and the tree-level MSSM Higgs spectrum of
    /// m_A (PBMZ appendix; h = -s_a Re H_d + c_a Re H_u, m_H+^2 = m_A^2 + M_W^2).
    fn tree_point() -> (RgeState, [f64; 3], HiggsSpectrum) {
        let c = Couplings {
            g1: 0.36,
            g2: 0.645,
            g3: 1.05,
            ht: 0.88,
            hb: 0.16,
            htau: 0.10,
            ..Couplings::default()
        };
        let a_t: f64 = 1500.0;
        let soft = SoftTerms {
            m1: 300.0,
            m2: 600.0,
            m3: 1800.0,
            a_t,
            a_b: 200.0,
            a_tau: -100.0,
            mq3: 1.1e6,
            mu3: 0.8e6,
            md3: 1.3e6,
            ml3: 0.4e6,
            me3: 0.25e6,
            mq1: 2.0e6,
            mu1: 1.9e6,
            md1: 1.8e6,
            ml1: 0.5e6,
            me1: 0.3e6,
            mhu: -0.6e6,
            mhd: 0.5e6,
            ..SoftTerms::default()
        };
        let (tb, v): (f64, f64) = (10.0, 174.0);
        let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
        let mz2 = (c.g1 * c.g1 + c.g2 * c.g2) * v * v / 2.0;
        let mw2 = c.g2 * c.g2 * v * v / 2.0;
        let ma2: f64 = 700.0 * 700.0;
        let c2b = (1.0 - tb * tb) / (1.0 + tb * tb);
        let root = ((ma2 + mz2).powi(2) - 4.0 * ma2 * mz2 * c2b * c2b).sqrt();
        let alpha = 0.5 * ((2.0 * tb.atan()).tan() * (ma2 + mz2) / (ma2 - mz2)).atan();
        let (sa, ca) = (alpha.sin(), alpha.cos());
        let higgs = HiggsSpectrum {
            even_mass2: [0.5 * (ma2 + mz2 - root), 0.5 * (ma2 + mz2 + root), 4.0e6],
            even_mixing: [[-sa, ca, 0.0], [ca, sa, 0.0], [0.0, 0.0, 1.0]],
            odd_mass2: [ma2, 5.0e6],
            odd_mixing: [[1.0, 0.0], [0.0, 1.0]],
            charged_mass2: ma2 + mw2,
        };
        (
            RgeState { couplings: c, soft },
            [v * cb, v * sb, 400.0],
            higgs,
        )
    }

    /// The one-loop Z pole mass `M_Z,run^2(Q) - Pi_ZZ^T(Q)` does not depend on Q: the explicit
    /// ln Q dependence of Pi_ZZ (all sectors, at p = M_Z,run and fixed tree-level masses, by
    /// central differences) equals the running of M_Z,run^2 = (g^2 + g'^2)(v_d^2 + v_u^2)/2 from
    /// the one-loop gauge betas (b = 11, 1) and the Feynman-gauge vev RGEs of [`vev_log_rates`].
    /// A check of those RGEs (SOFTSUSY's) against the self-energy, which shares none of their
    /// algebra; mass terms cancel only with tree-level-consistent masses (the Higgs sector's
    /// Goldstone and W, the D-terms and m_t = h_t v_u of the sfermions and quarks).
    #[test]
    fn vev_rges_cancel_the_scale_dependence_of_pi_zz() {
        let (state, [v_d, v_u, mu], higgs) = tree_point();
        let c = state.couplings;
        let sv = StateVevs {
            q: 1000.0,
            state: &state,
            vevs: [v_d, v_u, mu],
            singlino_mass: 3000.0,
            higgs: &higgs,
        };
        let spectra = StateSpectra::of(&sv);
        let gz2 = c.g1 * c.g1 + c.g2 * c.g2;
        let mz_run2 = gz2 * (v_d * v_d + v_u * v_u) / 2.0;
        let pi_at = |q: f64| pi_zz(&spectra.inputs(&sv, q), mz_run2.sqrt());
        let (q, h): (f64, f64) = (1000.0, 1e-3);
        let (up, down) = (pi_at(q * h.exp()), pi_at(q * (-h).exp()));
        let dpi = (up.total() - down.total()) / (2.0 * h);
        let norm = 1.0 / (16.0 * PI * PI);
        let dg2 = 2.0 * norm * (11.0 * c.g1.powi(4) + c.g2.powi(4)) / gz2;
        let [r_d, r_u, _] = vev_log_rates(&c, RgeSet::Consistent);
        let v2 = v_d * v_d + v_u * v_u;
        let dv2 = 2.0 * (r_d * v_d * v_d + r_u * v_u * v_u) / v2;
        let dmz2 = mz_run2 * (dg2 + dv2);
        let sectors = |p: PiZz| [p.higgs, p.sfermions, p.fermions, p.neutralinos, p.charginos];
        let per_sector: Vec<f64> = sectors(up)
            .iter()
            .zip(sectors(down))
            .map(|(a, b)| (a - b) / (2.0 * h))
            .collect();
        assert!(
            (dpi - dmz2).abs() < 1e-6 * dmz2.abs(),
            "dPi/dlnQ {dpi}, dM_Z,run^2/dlnQ {dmz2}, sectors {per_sector:?}"
        );
        // Each sector's share is not small (the test is not decided by one of them alone).
        assert!(
            per_sector.iter().filter(|d| d.abs() > 1.0).count() >= 4,
            "{per_sector:?}"
        );
    }

    /// [`drbar_vev_from_mz`]'s run down to M_Z is converged in its step: halving it moves v(Q) by
    /// less than 1e-9 relative, and the procedure moves v(Q) from the value at Q by a two-loop
    /// amount (below 0.5 %, above 1e-5).
    #[test]
    fn vev_from_mz_is_step_converged() {
        let (state, [v_d, v_u, mu], higgs) = tree_point();
        let inp = VevFromMzInputs {
            running: RunningAtQ {
                q: 1000.0,
                state,
                opts: RgeOptions::two_loop_consistent(),
                v_d,
                v_u,
                mu,
            },
            singlino_mass: 3000.0,
            higgs: &higgs,
        };
        let v = drbar_vev_from_mz(&inp);
        let fine = drbar_vev_from_mz_with_step(&inp, 0.5 * VEV_RUN_STEP);
        assert!((v - fine).abs() < 1e-9 * v, "{v} vs {fine}");
        // The same evaluation at Q: the earlier procedure (Pi_ZZ with the parameters at Q).
        let at_q = drbar_vev_of_state(&StateVevs {
            q: 1000.0,
            state: &state,
            vevs: [v_d, v_u, mu],
            singlino_mass: 3000.0,
            higgs: &higgs,
        });
        let rel = (v - at_q).abs() / at_q;
        assert!(rel < 5e-3 && rel > 1e-5, "from M_Z {v}, at Q {at_q}");
    }

    /// A vector-like Dirac fermion (g_L = g_R) gives Pi(0) = 0 (current conservation): the
    /// relative sign of the H and m^2 B_0 terms of the fermion and chargino sectors.
    #[test]
    fn vector_coupled_fermion_loop_vanishes_at_zero_momentum() {
        let q = 500.0;
        for m in [10.0, 173.0, 2000.0] {
            let g: f64 = 0.37;
            let pi0 = 2.0 * g * g * h_pv(0.0, m, m, q) + 4.0 * g * g * m * m * b0(0.0, m, m, q);
            let pi_mz =
                2.0 * g * g * h_pv(M_Z_POLE, m, m, q) + 4.0 * g * g * m * m * b0(M_Z_POLE, m, m, q);
            assert!(pi0.abs() < 1e-9 * m * m, "m = {m}: Pi(0) = {pi0}");
            assert!(pi_mz.abs() > 1e-3, "m = {m}: Pi(M_Z) = {pi_mz}");
        }
    }

    /// In the MSSM limit (singlet unmixed, CP-even mixing by the angle alpha) the Higgs sector is
    /// PBMZ's (D.4) in sin(alpha - beta), cos(alpha - beta), as coded in SOFTSUSY's MSSM
    /// `piZZTHiggs`: the generic sums over S and P reproduce it.
    #[test]
    fn higgs_sector_reduces_to_the_mssm_form() {
        let (g1, g2, q) = (0.36, 0.645, 900.0);
        let tb: f64 = 7.0;
        let v = 174.1;
        let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
        let (m_h, m_hh, m_a, m_s, m_as, m_hpm) = (118.0, 640.0, 632.0, 2500.0, 2600.0, 637.0);
        let alpha: f64 = -0.16;
        let (sa, ca) = (alpha.sin(), alpha.cos());
        // SLHA: h = -s_a Re H_d + c_a Re H_u, H = c_a Re H_d + s_a Re H_u.
        let higgs = HiggsSpectrum {
            even_mass2: [m_h * m_h, m_hh * m_hh, m_s * m_s],
            even_mixing: [[-sa, ca, 0.0], [ca, sa, 0.0], [0.0, 0.0, 1.0]],
            odd_mass2: [m_a * m_a, m_as * m_as],
            odd_mixing: [[1.0, 0.0], [0.0, 1.0]],
            charged_mass2: m_hpm * m_hpm,
        };
        let neutralinos = Neutralinos {
            masses: [100.0, 200.0, 300.0, 400.0, 500.0],
            mixing: [[0.0; 5]; 5],
        };
        let charginos = Charginos {
            masses: [200.0, 300.0],
            u: [[0.0; 2]; 2],
            v: [[0.0; 2]; 2],
        };
        let pair = SfermionPair {
            mass2: [1e6, 1e6],
            mixing: [[1.0, 0.0], [0.0, 1.0]],
        };
        let sfermions = Sfermions {
            stop: pair.clone(),
            sbottom: pair.clone(),
            stau: pair,
            sneutrino_tau2: 1e6,
            selectron_l2: 1e6,
            selectron_r2: 1e6,
            sneutrino_e2: 1e6,
            sup_l2: 1e6,
            sup_r2: 1e6,
            sdown_l2: 1e6,
            sdown_r2: 1e6,
        };
        let inp = ZSelfEnergyInputs {
            q,
            g1,
            g2,
            v_d: v * cb,
            v_u: v * sb,
            m_top: 165.0,
            m_bottom: 2.7,
            m_tau: 1.7,
            higgs: &higgs,
            neutralinos: &neutralinos,
            charginos: &charginos,
            sfermions: &sfermions,
        };
        let p = M_Z_POLE;
        let got = higgs_sector(&inp, p);
        // SOFTSUSY's MssmSoftsusy::piZZTHiggs with the same running M_Z, M_W.
        let (sw2, cw2, c2w) = weak_mixing(g1, g2);
        let mz = ((g1 * g1 + g2 * g2) * v * v / 2.0).sqrt();
        let mw = (g2 * g2 * v * v / 2.0).sqrt();
        let sab2 = (alpha - tb.atan()).sin().powi(2);
        let cab2 = 1.0 - sab2;
        let expected = -sab2 * (b22_bar(p, mz, m_h, q) - mz * mz * b0(p, mz, m_h, q))
            - sab2 * b22_bar(p, m_a, m_hh, q)
            - cab2
                * (b22_bar(p, mz, m_hh, q) + b22_bar(p, m_a, m_h, q)
                    - mz * mz * b0(p, mz, m_hh, q))
            - 2.0
                * cw2
                * cw2
                * (2.0 * p * p + mw * mw - mz * mz * sw2 * sw2 / cw2)
                * b0(p, mw, mw, q)
            - (8.0 * cw2 * cw2 + c2w * c2w) * b22_bar(p, mw, mw, q)
            - c2w * c2w * b22_bar(p, m_hpm, m_hpm, q);
        assert!(
            (got - expected).abs() < 1e-9 * expected.abs(),
            "generic {got}, MSSM form {expected}"
        );
        assert!(expected.abs() > 1e3, "{expected}");
    }
}
