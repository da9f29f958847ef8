//! The two MSSM EWSB conditions solved for (mu, B_mu) at Q = sqrt(m_stop1 m_stop2), on the
//! engine's potential with the singlet decoupled (docs/physics.md section 12).
//!
//! The decoupled-singlet embedding: with `lambda_N = k = eta_N = eta_S = xi_N = 0`, the engine's
//! potential (HMZ eq. `pot`) is the MSSM one with `mu = lambda_S y` and
//! `B_mu = -lambda_S F_S` (paper convention `+H_u^0 H_d^0`, so `V ⊃ -2 B_mu v_u v_d`; B_mu > 0 is
//! SLHA's m_3^2 > 0), plus the quartic `lambda_S^2 |H_u H_d|^2 = (mu/y)^2 |H_u H_d|^2`, which
//! vanishes as y -> infinity at fixed mu. At [`DECOUPLED_SINGLET_VEV`] it is 1e-19 of the D-term
//! quartic, below f64 rounding; the singlet field N has no potential at all. The tests compare
//! the embedding with an independently written MSSM potential.
//!
//! The conditions (HMZ's mu^2 and sin(2 beta) relations, which are the MSSM ones):
//! `mu^2 = (m~_Hd^2 - m~_Hu^2 tan^2 b)/(tan^2 b - 1) - M_Z^2/2`,
//! `B_mu = sin(2b) (m~_Hd^2 + m~_Hu^2 + 2 mu^2)/2`, with `m~_H^2 = m_H^2 + (dDV/dv)/(2v)`. The
//! Coleman-Weinberg term depends on mu (stop mixing `a_t - mu cot b`) but not on B_mu, so mu is
//! a fixed point of the first relation (a contraction: dDV/dmu is a loop factor), and B_mu follows.
//!
//! With [`TadpoleSet::Full`] the tadpoles of every other MSSM particle (module [`super::tadpoles`])
//! are added as shifts of m_Hd^2 and m_Hu^2 in the embedding, so the engine's potential, its
//! stationarity conditions and its Hessian (the Higgs masses) all carry them. Their Higgs-boson
//! part depends on B_mu (through the tree-level m_A^2 = 2 B_mu/sin(2b) in the loops), so (mu, B_mu)
//! are iterated together; the dependence is a loop factor and the iteration contracts.

use crate::config::MessengerMatching;
use crate::config::{YukawaInputs, YukawaMatching};
use crate::constraints::{Rejection, RejectionReason};
use crate::model::derived::{b_mu_from_sin2beta, mu2_from_relation};
use crate::model::gauge::{gauge_couplings_at, GaugeContext, SpectrumInputs};
use crate::model::higgs_mass::z_self_energy::RunningAtQ;
use crate::model::params::Couplings;
use crate::model::potential::{
    stationarity, stop_masses2_at, PotentialParams, SbottomStau, SingletCouplings, Stationarity,
};
use crate::model::rge::{evolve_sector_using, Evolution};
use crate::model::rge::{RgeOptions, RgeState};
use crate::model::yukawa::{ThresholdSpectrum, YukawaSetup};
use crate::model::yukawa_fixed_order::{fixed_order_yukawas, FixedOrderInputs, FixedOrderYukawas};
use std::cell::Cell;

use super::tadpoles::{TadpoleInputs, Tadpoles};
use super::{MssmEvaluator, MssmInputs, TadpoleSet};

/// <S> of the decoupled singlet [GeV]: `lambda_S = mu/y` makes the leftover quartic
/// `(mu/y)^2 |H_u H_d|^2` negligible (1e-19 of the D-term quartic for mu ~ 500 GeV).
pub const DECOUPLED_SINGLET_VEV: f64 = 1e12;

/// Relative change of mu (and of B_mu on the scale mu^2) that ends the fixed-point iteration of
/// the mu^2 relation, with either [`TadpoleSet`]: every tadpole is analytic (the engine's dual
/// numbers, the closed forms of module [`super::tadpoles`]), so the iteration reaches f64 rounding.
const MU_TOLERANCE: f64 = 1e-13;
/// Iteration cap of that fixed point (it converges in a handful of steps).
const MU_MAX_ITERS: usize = 60;
/// The first trial scale: the stop soft masses after one evolution to 1 TeV.
const Q_GUESS: f64 = 1000.0;

/// A solution of the MSSM EWSB conditions at a converged Q.
#[derive(Clone, Debug, PartialEq)]
pub struct EwsbSolution {
    pub q: f64,
    /// tan(beta) at Q (the input's).
    pub tan_beta: f64,
    pub q_iterations: usize,
    /// mu (SLHA sign) [GeV] and B_mu (= SLHA m_3^2) [GeV^2].
    pub mu: f64,
    pub b_mu: f64,
    /// The tadpoles beyond the engine's third-family CW term, as shifts of (m_Hd^2, m_Hu^2) in
    /// `params` [GeV^2] (all zero with [`TadpoleSet::ThirdFamily`]).
    pub tadpoles: Tadpoles,
    pub evolution: Evolution,
    /// The engine's potential parameters and couplings of the embedding at the solution.
    pub params: PotentialParams,
    pub singlet: SingletCouplings<f64>,
    /// The full stationarity conditions at the solution (an independent check of the closed form).
    pub stationarity: Stationarity,
    /// M_Z^2 from the running g', g_2 at Q and v [GeV^2].
    pub mz2: f64,
}

impl EwsbSolution {
    /// dV/dv_d and dV/dv_u over the sum of the magnitudes of the terms they cancel.
    pub fn scaled_residuals(&self) -> [f64; 2] {
        let s = self.stationarity.scaled();
        [s[0], s[1]]
    }
}

/// One point's setup: VEVs and the engine's evolution at any Q.
pub(super) struct Setup<'a> {
    pub ev: &'a MssmEvaluator,
    pub inputs: &'a MssmInputs,
    /// (v_d, v_u, x = 0).
    pub vevs: [f64; 3],
    /// Gauge-coupling switches, sparticle thresholds and Yukawas of this point (model::gauge).
    gauge: GaugeContext,
    /// The Yukawa inputs (model::yukawa).
    pub yukawa: YukawaSetup,
    /// The SUSY masses of the Yukawa thresholds (`yukawa_inputs = "measured"`): the running soft
    /// terms and mu of the previous Q iteration; None before the first (the gauge-mediated
    /// estimate is used).
    thresholds: Cell<Option<ThresholdSpectrum>>,
    /// `yukawa_matching = "mssm_at_mt"`: the fixed-order matching at M_t of the previous Q
    /// iteration's solution (model::yukawa_fixed_order); None before the first (the SM-EFT
    /// matching at Q with the estimate is used) and with the default matching.
    fixed_order: Cell<Option<FixedOrderYukawas>>,
}

impl<'a> Setup<'a> {
    pub fn new(ev: &'a MssmEvaluator, inputs: &'a MssmInputs) -> Self {
        let beta = inputs.tan_beta.atan();
        let v = ev.physics.sm.vev;
        let m = &inputs.messengers;
        // mu is solved later; its threshold enters g_i(M_Z) only logarithmically, so the
        // estimate 2 M_2 ~ 2 n5 (alpha_2/4pi) Lambda (a factor 2 in mu moves g_i by ~1e-3).
        let mu_estimate = 2.0 * m.n5 * 0.034 / (4.0 * std::f64::consts::PI) * m.lambda_susy;
        let spectrum_inputs = SpectrumInputs {
            tan_beta: inputs.tan_beta,
            m_top: inputs.m_top,
            lambda_n: 0.0,
            lambda_susy: m.lambda_susy,
            m_mess: m.m_mess,
            mu: mu_estimate,
        };
        let gauge = GaugeContext::for_spectrum(&ev.physics, &spectrum_inputs);
        Self {
            ev,
            inputs,
            vevs: [v * beta.cos(), v * beta.sin(), 0.0],
            yukawa: YukawaSetup::new(&ev.physics, &spectrum_inputs, &gauge),
            gauge,
            thresholds: Cell::new(None),
            fixed_order: Cell::new(None),
        }
    }

    /// All couplings at Q: gauge couplings from M_Z, Yukawas as the switch `yukawa_inputs`
    /// says (model::yukawa), every singlet coupling zero (xi_S = 1 is the messenger mass
    /// normalisation M = xi_S y).
    fn couplings_at(&self, q: f64) -> Couplings {
        let sm = &self.ev.physics.sm;
        let known = self.thresholds.get();
        let yukawas = match self.fixed_order.get() {
            Some(fo) if self.yukawa.bottom_tau => fo.yukawas_at(q),
            Some(fo) => [fo.yukawas_at(q)[0], 0.0, 0.0],
            None => self.yukawa.yukawas(q, sm, &self.gauge, known.as_ref()),
        };
        // The engine's gauge couplings (switches gauge_matching, gauge_two_loop; model::gauge).
        Couplings {
            xi_s: 1.0,
            ..Couplings::gauge_and_yukawas(gauge_couplings_at(q, sm, &self.gauge), yukawas)
        }
    }

    /// The engine's evolution Q -> M -> Q with the point's messenger sector (the `n5` shorthand
    /// runs exactly as the single-scale evolution: tests/messengers.rs).
    pub fn evolution(&self, q: f64) -> Result<Evolution, Rejection> {
        Ok(evolve_sector_using(
            self.ev.ewsb.integrator,
            &self.couplings_at(q),
            q,
            &self.ev.sector(&self.inputs.messengers)?,
            &self.ev.physics,
        )?)
    }

    /// The decoupled-singlet embedding of (mu, B_mu): the engine's couplings and parameters, the
    /// Higgs soft masses shifted by `shift` (the tadpoles beyond the engine's CW term, [GeV^2]).
    pub fn embedding(
        &self,
        evo: &Evolution,
        q: f64,
        (mu, b_mu): (f64, f64),
        shift: [f64; 2],
    ) -> (SingletCouplings<f64>, PotentialParams) {
        let y = DECOUPLED_SINGLET_VEV;
        let lambda_s = mu / y;
        let c = SingletCouplings {
            xi_n: 0.0,
            eta_s: 0.0,
            eta_n: 0.0,
            lambda_s,
            lambda_n: 0.0,
            k: 0.0,
        };
        let s = &evo.soft_q;
        let cq = &evo.couplings_q;
        let p = PotentialParams {
            g1: cq.g1,
            g2: cq.g2,
            ht: cq.ht,
            y,
            // B_mu = -lambda_S F_S (module docs).
            f_s: -b_mu / lambda_s,
            xi_s: 1.0,
            tadpole_unit: 0.0,
            // B_mu enters through f_s above, not through running F_S terms.
            fs: None,
            // No singlet, no messenger matching of its sector.
            matching: MessengerMatching::all(false),
            m_hu2: s.mhu + shift[1],
            m_hd2: s.mhd + shift[0],
            m_n2: 0.0,
            a_lambda: 0.0,
            a_k: 0.0,
            a_t: s.a_t,
            m_q3: s.mq3,
            m_u3: s.mu3,
            q,
            include_dv: true,
            sbottom_stau: self
                .ev
                .physics
                .switches
                .sbottom_stau_cw
                .then(|| SbottomStau::from_running(cq, s)),
        };
        (c, p)
    }

    fn mz2(&self, evo: &Evolution) -> f64 {
        let c = &evo.couplings_q;
        let v = self.ev.physics.sm.vev;
        (c.g1 * c.g1 + c.g2 * c.g2) * v * v / 2.0
    }

    /// The tadpoles beyond the engine's CW term at trial (mu, B_mu) ([`TadpoleSet`]).
    pub fn tadpoles(&self, evo: &Evolution, q: f64, mu: f64, b_mu: f64) -> Tadpoles {
        match self.ev.tadpoles {
            TadpoleSet::ThirdFamily => Tadpoles::default(),
            TadpoleSet::Full => {
                let c = &evo.couplings_q;
                Tadpoles::of(&TadpoleInputs {
                    soft: &evo.soft_q,
                    g1: c.g1,
                    g2: c.g2,
                    yukawas: [c.ht, c.hb, c.htau],
                    v_d: self.vevs[0],
                    v_u: self.vevs[1],
                    mu,
                    b_mu,
                    q,
                })
            }
        }
    }

    /// The Higgs soft masses with the tadpoles, `m~_H^2 = m_H^2 + dDV/dv/(2v)` (the engine's CW
    /// term) `+ shift`, at a trial mu.
    fn effective_masses(&self, evo: &Evolution, q: f64, mu: f64, shift: [f64; 2]) -> (f64, f64) {
        let (c, p) = self.embedding(evo, q, (mu, 0.0), shift);
        let dv = stationarity(self.vevs, &c, &p).dv_gradient;
        (
            p.m_hd2 + dv[0] / (2.0 * self.vevs[0]),
            p.m_hu2 + dv[1] / (2.0 * self.vevs[1]),
        )
    }

    /// (mu, B_mu) at fixed Q and the tadpoles there: the fixed point of the mu^2 relation and the
    /// sin(2 beta) relation (the tadpoles of the Higgs bosons depend on B_mu).
    pub fn solve_at(&self, evo: &Evolution, q: f64) -> Result<(f64, f64, Tadpoles), Rejection> {
        let tb = self.inputs.tan_beta;
        let mz2 = self.mz2(evo);
        let sign = self.inputs.sign_mu.value();
        let s = &evo.soft_q;
        let mut mu = sign * mu_from(mu2_from_relation(s.mhd, s.mhu, tb, mz2))?;
        let mut b_mu = b_mu_from_sin2beta(s.mhd, s.mhu, mu, tb);
        let tol = MU_TOLERANCE;
        for _ in 0..MU_MAX_ITERS {
            let tadpoles = self.tadpoles(evo, q, mu, b_mu);
            let (mhd, mhu) = self.effective_masses(evo, q, mu, tadpoles.total());
            let next = sign * mu_from(mu2_from_relation(mhd, mhu, tb, mz2))?;
            let b_next = b_mu_from_sin2beta(mhd, mhu, next, tb);
            // B_mu ~ mu^2 sin(2b): its change is judged on the scale mu^2.
            let done =
                (next - mu).abs() <= tol * mu.abs() && (b_next - b_mu).abs() <= tol * mu * mu;
            mu = next;
            b_mu = b_next;
            if done {
                let tadpoles = self.tadpoles(evo, q, mu, b_mu);
                let (mhd, mhu) = self.effective_masses(evo, q, mu, tadpoles.total());
                return Ok((mu, b_mu_from_sin2beta(mhd, mhu, mu, tb), tadpoles));
            }
        }
        Err(Rejection::new(
            RejectionReason::NoEwsb,
            format!("the mu^2 relation did not converge in {MU_MAX_ITERS} steps (mu = {mu:.6e})"),
        ))
    }

    /// The first Q: geometric mean of the stop soft masses after an evolution to 1 TeV.
    fn initial_q(&self) -> f64 {
        match self.evolution(Q_GUESS) {
            Ok(evo) => (evo.soft_q.mq3.max(1.0) * evo.soft_q.mu3.max(1.0)).powf(0.25),
            Err(_) => Q_GUESS,
        }
    }

    /// Q = sqrt(m_stop1 m_stop2) at a solution (tree-level running stops, as the engine).
    fn stop_scale(&self, c: &SingletCouplings<f64>, p: &PotentialParams) -> Result<f64, Rejection> {
        let [m1, m2] = stop_masses2_at(self.vevs, c, p);
        // Written so that a NaN mass-squared is rejected too.
        if m1.is_nan() || m1 <= 0.0 {
            return Err(Rejection::new(
                RejectionReason::TachyonicSfermion,
                format!("stop mass^2 = {m1:.4e} GeV^2 at the EWSB solution"),
            ));
        }
        Ok((m1 * m2).powf(0.25))
    }

    /// The solution at a fixed Q and the Q = sqrt(m_stop1 m_stop2) it implies.
    pub fn solve_fixed(
        &self,
        q: f64,
        q_iterations: usize,
    ) -> Result<(EwsbSolution, f64), Rejection> {
        let evo = self.evolution(q)?;
        let (mu, b_mu, tadpoles) = self.solve_at(&evo, q)?;
        // The next evolution's Yukawa thresholds use this solution's masses.
        self.thresholds
            .set(Some(ThresholdSpectrum::from_soft(&evo.soft_q, mu)));
        let (c, p) = self.embedding(&evo, q, (mu, b_mu), tadpoles.total());
        let q_new = self.stop_scale(&c, &p)?;
        self.match_fixed_order(&evo, q, mu, b_mu)?;
        let sol = EwsbSolution {
            q,
            tan_beta: self.inputs.tan_beta,
            q_iterations,
            mu,
            b_mu,
            tadpoles,
            stationarity: stationarity(self.vevs, &c, &p),
            mz2: self.mz2(&evo),
            evolution: evo,
            params: p,
            singlet: c,
        };
        Ok((sol, q_new))
    }

    /// With `yukawa_matching = "mssm_at_mt"` (and measured Yukawas): the fixed-order matching at
    /// M_t of this solution's parameters, for the next evolution's Yukawas.
    fn match_fixed_order(
        &self,
        evo: &Evolution,
        q: f64,
        mu: f64,
        b_mu: f64,
    ) -> Result<(), Rejection> {
        let sw = &self.ev.physics.switches;
        if sw.yukawa_matching != YukawaMatching::MssmAtMt
            || sw.yukawa_inputs != YukawaInputs::Measured
        {
            return Ok(());
        }
        let fo = fixed_order_yukawas(&FixedOrderInputs {
            running: RunningAtQ {
                q,
                state: RgeState {
                    couplings: evo.couplings_q,
                    soft: evo.soft_q,
                },
                opts: RgeOptions::from(sw),
                v_d: self.vevs[0],
                v_u: self.vevs[1],
                mu,
            },
            b_mu,
            m_top_pole: self.inputs.m_top,
            sm: &self.ev.physics.sm,
        });
        // Pi_ZZ at M_t is undefined (NaN) when a sfermion of the parameters run down to M_t is
        // tachyonic there (its running mass enters the loops): the point's own reason.
        if !fo.v_mt.is_finite() {
            return Err(Rejection::new(
                RejectionReason::TachyonicSfermion,
                "a sfermion is tachyonic at M_t (the fixed-order Yukawa matching's v(M_t) from \
                 Pi_ZZ is undefined)"
                    .to_string(),
            ));
        }
        if !fo.at_q.iter().all(|h| h.is_finite() && *h > 0.0) {
            return Err(Rejection::new(
                RejectionReason::RgeFailure,
                format!(
                    "the fixed-order Yukawa matching at M_t failed (h(Q) = {:?})",
                    fo.at_q
                ),
            ));
        }
        self.fixed_order.set(Some(fo));
        Ok(())
    }

    /// The self-consistent solution: Q -> evolution -> (mu, B_mu) -> stops -> Q.
    pub fn solve(&self) -> Result<EwsbSolution, Rejection> {
        let settings = &self.ev.ewsb;
        let mut q = self.initial_q();
        for iteration in 1..=settings.max_q_iters.max(1) {
            let (sol, q_new) = self.solve_fixed(q, iteration)?;
            if (q_new - q).abs() <= settings.q_tolerance * q {
                return Ok(sol);
            }
            q = q_new;
        }
        Err(Rejection::new(
            RejectionReason::NoEwsb,
            format!(
                "Q = sqrt(m_stop1 m_stop2) not stable after {} iterations",
                settings.max_q_iters
            ),
        ))
    }
}

/// |mu| from mu^2, or the named failure of radiative EWSB.
fn mu_from(mu2: f64) -> Result<f64, Rejection> {
    if mu2 > 0.0 {
        Ok(mu2.sqrt())
    } else {
        Err(Rejection::new(
            RejectionReason::NoEwsb,
            format!("the mu^2 relation gives mu^2 = {mu2:.4e} GeV^2 <= 0"),
        ))
    }
}
