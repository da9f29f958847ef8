//! What is fixed for one point (VEVs, messenger sector, fixed couplings) and its RG evolution at
//! a trial scale Q, as the solver sees it.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use crate::config::{Coupling, RgeSet, SingletDecoupling};
use crate::constraints::{Rejection, RejectionReason};
use crate::model::boundary::{tadpole_coefficient, MessengerInputs};
use crate::model::gauge::{
    gauge_couplings_from_mz, gauge_couplings_mz, GaugeContext, SpectrumInputs,
};
use crate::model::messengers::{resolve_sector, MessengerSector};
use crate::model::params::{Couplings, PointInputs};
use crate::model::potential::{PotentialParams, SbottomStau, SingletCouplings};
use crate::model::rge::{
    evolve_sector_with_vev_n, singlet_decoupling_scale, Evolution, Integrator, PointRun, UpRuns,
    PERTURBATIVE_LIMIT,
};
use crate::model::singlet_threshold::singlet_threshold;
use crate::model::yukawa::YukawaSetup;
use crate::phases::{self, Phase};
use crate::recent::push_recent;
use crate::solve::roots::ScaleModel;
use crate::solve::StationarityModel;

use super::search::RecentExactRoots;
use super::Evaluator;

/// Everything fixed for one point: the VEVs, the messenger sector, the fixed couplings.
pub(super) struct PointSetup<'a> {
    pub(super) ev: &'a Evaluator,
    pub(super) inputs: &'a PointInputs,
    pub(super) vevs: [f64; 3],
    pub(super) messenger: MessengerInputs,
    /// The whole messenger sector (docs/physics.md section 11); its pair coupled to S and N is
    /// `messenger`.
    pub(super) sector: MessengerSector,
    /// Gauge-coupling switches, sparticle thresholds and Yukawas of this point (model::gauge).
    pub(super) gauge: GaugeContext,
    /// The MSSM gauge couplings at M_Z of `gauge` (model::gauge::gauge_couplings_mz), once per
    /// point: every trial scale runs them to its Q.
    gauge_mz: [f64; 3],
    /// The Yukawa inputs of this point (model::yukawa).
    pub(super) yukawa: YukawaSetup,
    /// The gauge couplings and Yukawas at the last few Q ([`ScaleCouplings`]).
    recent_scales: RefCell<VecDeque<ScaleCouplings>>,
    /// The last xi_S(Q) the hmz1999 shooting found (its next start).
    pub(super) last_xi_s: Cell<f64>,
    /// The last slope of the hmz1999 shooting (its next first step).
    last_xi_s_slope: Cell<Option<f64>>,
    /// The last few evolutions of [`ScaleModel::params_at`] ([`RecentEvolution`]).
    recent_evolutions: RefCell<VecDeque<RecentEvolution>>,
    /// The consistent set's last few coupling up-runs, shared between evolutions that differ in
    /// xi_N alone (rge::UpRuns).
    up_runs: UpRuns,
    /// The last few searches of the exact root tracking (`PointSetup::exact_roots_at`).
    recent_exact_roots: RefCell<VecDeque<RecentExactRoots>>,
}

/// The gauge couplings and `(h_t, h_b, h_tau)` at a scale Q: they depend on the point and Q
/// only, and the solver evaluates many trial couplings at one Q and returns to earlier Qs (the
/// interpolation's scale nodes, each root's first Q).
#[derive(Clone, Copy)]
struct ScaleCouplings {
    q: f64,
    gauge: [f64; 3],
    yukawas: [f64; 3],
}

/// How many scales [`PointSetup::couplings_at`] remembers.
const RECENT_SCALES: usize = 8;

/// An evolution `params_at` may reuse ([`PointSetup::evolution_for_params`]): its Q, its
/// decoupling scale, and the couplings it was run for with the etas zeroed (the running sees
/// eta_S not at all and eta_N only through the decoupling scale).
struct RecentEvolution {
    q: f64,
    q_dec: f64,
    key: SingletCouplings<f64>,
    evolution: Evolution,
}

/// How many evolutions `params_at` remembers: a Newton step evaluates the trial point, then its
/// Jacobian's columns (xi_N, eta_S, eta_N shifted); the eta_S column finds the trial point's,
/// and so does the eta_N column where the decoupling scale is clamped (at M or Q).
const RECENT_EVOLUTIONS: usize = 4;

/// An evolution run at another eta_N is reused only while `|eta_N(M)|` of the new eta_N stays
/// below this fraction of the perturbative limit: the run's perturbativity check also sees the
/// eta_N it carries (its largest value is at M, the etas grow with the scale), and the reused
/// one must pass wherever a fresh run would.
pub(super) const REUSE_ETA_N_MARGIN: f64 = 0.9;

impl<'a> PointSetup<'a> {
    /// The point's setup with the sparticle-threshold estimate, the gauge running and the Yukawa
    /// matching at `(mu, lambda_N)` (the inputs' `lambda_N x + lambda_S y` and `lambda_N` when
    /// they are inputs, else the mu iteration's current values, point::mu_iteration); a
    /// messenger sector that the point's `<S>` and `Lambda` make invalid (a pair with
    /// F/X^2 >= 1) is a named rejection.
    pub(super) fn new(
        ev: &'a Evaluator,
        inputs: &'a PointInputs,
        (mu, lambda_n): (f64, f64),
    ) -> Result<Self, Rejection> {
        let beta = inputs.tan_beta.atan();
        let v = ev.physics.sm.vev;
        let physics = &ev.physics;
        let sector = resolve_sector(
            &physics.messengers,
            physics.n5,
            inputs.vev_s,
            inputs.lambda_susy,
        )
        .map_err(|e| Rejection::new(RejectionReason::InvalidInput, e.to_string()))?;
        let spectrum = SpectrumInputs {
            mu,
            lambda_n,
            ..SpectrumInputs::for_point(inputs)
        };
        let gauge = GaugeContext::for_spectrum(&ev.physics, &spectrum);
        let gauge_mz = gauge_couplings_mz(&physics.sm, &gauge);
        let yukawa = YukawaSetup::new(&ev.physics, &spectrum, &gauge);
        Ok(Self {
            ev,
            inputs,
            vevs: [v * beta.cos(), v * beta.sin(), inputs.vev_n],
            messenger: MessengerInputs {
                lambda_susy: inputs.lambda_susy,
                m_mess: inputs.vev_s,
                n5: sector.singlet_pair().map_or(physics.n5, |p| p.multiplicity),
            },
            sector,
            gauge,
            gauge_mz,
            yukawa,
            recent_scales: RefCell::new(VecDeque::with_capacity(RECENT_SCALES)),
            last_xi_s: Cell::new(0.94),
            last_xi_s_slope: Cell::new(None),
            recent_evolutions: RefCell::new(VecDeque::new()),
            up_runs: UpRuns::default(),
            recent_exact_roots: RefCell::new(VecDeque::new()),
        })
    }

    /// The remembered searches of the exact root tracking (point::search).
    pub(super) fn recent_exact_roots(&self) -> std::cell::RefMut<'_, VecDeque<RecentExactRoots>> {
        self.recent_exact_roots.borrow_mut()
    }

    pub(super) fn unknowns(&self) -> [Coupling; 3] {
        self.ev.physics.unknowns
    }

    pub(super) fn input_couplings(&self) -> SingletCouplings<f64> {
        let p = self.inputs;
        SingletCouplings {
            xi_n: p.xi_n,
            eta_s: p.eta_s,
            eta_n: p.eta_n,
            lambda_s: p.lambda_s,
            lambda_n: p.lambda_n,
            k: p.k,
        }
    }

    /// A first EWSB scale: the geometric mean of the stop soft masses after one RG evolution to
    /// 1 TeV.
    pub(super) fn initial_q(&self, start: &SingletCouplings<f64>) -> f64 {
        let q_guess = 1000.0;
        match self.evolution(start, q_guess) {
            Ok(evo) => (evo.soft_q.mq3.max(1.0) * evo.soft_q.mu3.max(1.0)).powf(0.25),
            Err(_) => q_guess,
        }
    }

    /// All couplings at Q for the given singlet couplings.
    pub(super) fn couplings_at(
        &self,
        c: &SingletCouplings<f64>,
        q: f64,
        xi_s_guess: f64,
    ) -> Couplings {
        let at_q = self.scale_couplings(q);
        let base = Couplings::gauge_and_yukawas(at_q.gauge, at_q.yukawas);
        Couplings {
            lambda_n: c.lambda_n,
            lambda_s: c.lambda_s,
            k: c.k,
            xi_n: c.xi_n,
            xi_s: xi_s_guess,
            eta_n: c.eta_n,
            eta_s: c.eta_s,
            ..base
        }
    }

    /// The gauge couplings (model::gauge::gauge_couplings_at) and `(h_t, h_b, h_tau)`
    /// (model::yukawa; with `yukawa_inputs = "measured"` the thresholds use the gauge-mediated
    /// estimate of the masses at `q`) at `q`, remembered for the last [`RECENT_SCALES`] scales.
    fn scale_couplings(&self, q: f64) -> ScaleCouplings {
        if let Some(hit) = self.recent_scales.borrow().iter().find(|r| r.q == q) {
            return *hit;
        }
        let sm = &self.ev.physics.sm;
        let gauge = gauge_couplings_from_mz(self.gauge_mz, q, sm, &self.gauge);
        let yukawas = self
            .yukawa
            .yukawas_with_gauge(q, || gauge, sm, &self.gauge, None);
        let at_q = ScaleCouplings { q, gauge, yukawas };
        push_recent(&mut self.recent_scales.borrow_mut(), at_q, RECENT_SCALES);
        at_q
    }

    /// The evolution with the hmz1999 xi_S(Q) shooting started at the last solved xi_S(Q) of this
    /// point (it hardly moves between trial couplings). From a start near the solution the
    /// shooting converges to 1e-12 and only its cost depends on the start; a start far away, near
    /// the xi_S Landau pole, can make the up-run non-perturbative, so the first start is HMZ's
    /// quoted 0.94 and every later one a solved xi_S(Q) of this point.
    pub(super) fn evolution(
        &self,
        c: &SingletCouplings<f64>,
        q: f64,
    ) -> Result<Evolution, Rejection> {
        // Read in place: the ~650-byte evolution is not moved out of the result and back.
        let evo = self.evolution_with_guess(c, q, self.last_xi_s.get());
        if let Ok(e) = &evo {
            self.last_xi_s.set(e.couplings_q.xi_s);
            self.last_xi_s_slope.set(e.xi_s_slope);
        }
        evo
    }

    pub(super) fn evolution_with_guess(
        &self,
        c: &SingletCouplings<f64>,
        q: f64,
        xi_s_guess: f64,
    ) -> Result<Evolution, Rejection> {
        let couplings = self.couplings_at(c, q, xi_s_guess);
        let _phase = phases::enter(Phase::Rg);
        // map_err, not Ok(..?): the ~650-byte evolution is not unpacked and packed again.
        evolve_sector_with_vev_n(
            self.ev.ewsb.integrator,
            &couplings,
            q,
            &self.sector,
            &self.ev.physics,
            &PointRun {
                vev_n: self.inputs.vev_n,
                xi_s_slope_hint: self.last_xi_s_slope.get(),
                up_runs: Some(&self.up_runs),
            },
        )
        .map_err(Rejection::from)
    }

    /// Whether the soft terms, the F_S-term coefficients and every coupling at Q but eta_S itself
    /// come out of the RG evolution independent of eta_S(Q), bit for bit: in the consistent set
    /// eta_S runs linearly with a rate that does not contain the etas (docs/physics.md section 5),
    /// no other beta function contains it, and the F_S terms carry it as a polynomial coefficient
    /// (`FsTerms`), so it only rides along; with the fixed-step integrator no step size depends
    /// on it either (the adaptive one's error norm sees it). Not in hmz1999, where the etas enter
    /// the betas of k, lambda_N, lambda_S, xi_N and xi_S.
    fn running_ignores_eta_s(&self) -> bool {
        self.ev.physics.switches.rge_set == RgeSet::Consistent
            && self.ev.ewsb.integrator == Integrator::FixedStep
    }

    /// The evolution behind [`ScaleModel::params_at`]: when the running ignores eta_S
    /// ([`Self::running_ignores_eta_s`]) the one of a recent call at the same Q, the same
    /// couplings but the etas, and the same singlet decoupling scale (eta_N enters the running
    /// only through it: no beta function of the consistent set contains eta_N, which rides along
    /// homogeneously, nor do the boundary conditions at M), with the etas at Q set to `c`'s.
    /// So the eta_S column of a Newton Jacobian needs no RG run, nor does its eta_N column where
    /// the decoupling scale is clamped at M or Q (docs/physics.md section 5b). Otherwise a fresh
    /// evolution. Only what `potential_params` reads is reused (couplings and soft terms at Q, the
    /// F_S terms, which carry the etas as polynomial coefficients).
    pub(super) fn evolution_for_params(
        &self,
        c: &SingletCouplings<f64>,
        q: f64,
    ) -> Result<Evolution, Rejection> {
        if !self.running_ignores_eta_s() {
            return self.evolution(c, q);
        }
        let key = SingletCouplings {
            eta_s: 0.0,
            eta_n: 0.0,
            ..c.clone()
        };
        let q_dec = self.decoupling_scale(c, q);
        // The hit is copied once, straight into the result.
        if let Some(r) = self.recent_evolutions.borrow().iter().find(|r| {
            r.q == q
                && r.q_dec == q_dec
                && r.key == key
                && (r.evolution.couplings_q.eta_n == c.eta_n
                    || self.eta_n_stays_perturbative(&r.evolution, c.eta_n))
        }) {
            return Ok(Evolution {
                couplings_q: Couplings {
                    eta_s: c.eta_s,
                    eta_n: c.eta_n,
                    ..r.evolution.couplings_q
                },
                ..r.evolution
            });
        }
        let evolution = self.evolution(c, q)?;
        push_recent(
            &mut self.recent_evolutions.borrow_mut(),
            RecentEvolution {
                q,
                q_dec,
                key,
                evolution,
            },
            RECENT_EVOLUTIONS,
        );
        Ok(evolution)
    }

    /// The singlet decoupling scale of the evolution to `q` for couplings `c`, as
    /// `evolve_sector_with_vev_n` computes it (its y and M: the mass of the pair coupled to S).
    fn decoupling_scale(&self, c: &SingletCouplings<f64>, q: f64) -> f64 {
        let m = self
            .sector
            .singlet_pair()
            .map_or_else(|| self.sector.thresholds()[0], |p| p.mass);
        let couplings = self.couplings_at(c, q, 1.0);
        singlet_decoupling_scale(&couplings, m, self.inputs.vev_n, q, m, &self.ev.physics)
    }

    /// Whether `eta_n` at Q, run with the factor of `evo` (`eta_N(M) = eta_N(Q)/e_N(Q)`), stays
    /// within [`REUSE_ETA_N_MARGIN`] of the perturbative limit at M.
    fn eta_n_stays_perturbative(&self, evo: &Evolution, eta_n: f64) -> bool {
        evo.fs_q
            .is_some_and(|fs| (eta_n / fs.e_n).abs() <= REUSE_ETA_N_MARGIN * PERTURBATIVE_LIMIT)
    }

    /// Whether the potential carries the heavy singlet's one-loop threshold (docs/physics.md 5b;
    /// the switch is ignored with the hmz1999 RGE set, as the decoupling is).
    pub(super) fn has_singlet_threshold(&self) -> bool {
        let sw = &self.ev.physics.switches;
        sw.singlet_decoupling == SingletDecoupling::AtMassThreshold
            && sw.rge_set == RgeSet::Consistent
    }

    /// The potential's parameters from an RG evolution, with the heavy singlet's one-loop
    /// threshold when it is decoupled above Q (`singlet_decoupling = "at_mass_threshold"`,
    /// model::singlet_threshold).
    pub(super) fn potential_params(&self, evo: &Evolution, q: f64) -> PotentialParams {
        let mut p = self.running_potential_params(evo, q);
        let physics = &self.ev.physics;
        if self.has_singlet_threshold() {
            let c = &evo.couplings_q;
            let x = self.inputs.vev_n;
            let q_dec =
                singlet_decoupling_scale(c, self.inputs.vev_s, x, q, self.inputs.vev_s, physics);
            if q_dec > q {
                singlet_threshold(&SingletCouplings::from(c), &p, x, q_dec).apply(&mut p);
            }
        }
        p
    }

    /// The potential's parameters from an RG evolution as they run (no threshold).
    pub(super) fn running_potential_params(&self, evo: &Evolution, q: f64) -> PotentialParams {
        let c = &evo.couplings_q;
        let unit = Couplings {
            xi_s: 1.0,
            xi_n: 1.0,
            ..*c
        };
        let s = &evo.soft_q;
        PotentialParams {
            g1: c.g1,
            g2: c.g2,
            ht: c.ht,
            y: self.inputs.vev_s,
            f_s: self.inputs.f_s(),
            xi_s: c.xi_s,
            tadpole_unit: tadpole_coefficient(
                &unit,
                &self.messenger,
                self.ev.physics.switches.tadpole,
            ),
            fs: evo.fs_q,
            m_hu2: s.mhu,
            m_hd2: s.mhd,
            m_n2: s.mn,
            a_lambda: s.a_lambda,
            a_k: s.a_k,
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
                .then(|| SbottomStau::from_running(c, s)),
            matching: self.ev.physics.switches.matching,
        }
    }
}

/// The model at a fixed Q as the solver sees it: the point's RG evolution to `q`, then the
/// potential's parameters (`PointSetup::params_at`, shared with the root search).
pub(super) struct FixedScaleModel<'p, 'a> {
    pub(super) point: &'p PointSetup<'a>,
    pub(super) q: f64,
}

impl StationarityModel for FixedScaleModel<'_, '_> {
    fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        self.point.params_at(self.q, c)
    }
}

/// The point's RG evolution to any Q, for the root search and the fixed-scale model.
impl ScaleModel for PointSetup<'_> {
    fn params_at(&self, q: f64, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        // Borrowed in the result, not moved out of it (~650 bytes).
        match self.evolution_for_params(c, q) {
            Ok(ref evo) => Ok(self.potential_params(evo, q)),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The evolution `params_at` reuses for a change of eta_S against a fresh one.
    use super::*;
    use crate::model::rge::evolutions_on_this_thread;
    use crate::point::consistent_plan as plan;

    fn trial(inputs: &PointInputs, eta_n: f64, eta_s: f64) -> SingletCouplings<f64> {
        SingletCouplings {
            xi_n: -0.4,
            eta_s,
            eta_n,
            lambda_s: inputs.lambda_s,
            lambda_n: inputs.lambda_n,
            k: inputs.k,
        }
    }

    /// The couplings at Q from the remembered scales equal a fresh setup's bit for bit, with
    /// scales revisited inside and beyond the [`RECENT_SCALES`] remembered.
    #[test]
    fn remembered_scales_give_a_fresh_setups_couplings() {
        let plan = plan(None);
        let ev = plan.evaluator();
        let inputs = plan.inputs(10);
        let mu_setup = (0.01 * inputs.lambda_susy, inputs.lambda_n);
        let c = trial(&inputs, 0.8, 0.01);
        let setup = PointSetup::new(&ev, &inputs, mu_setup).unwrap();
        let qs: Vec<f64> = (0..RECENT_SCALES + 3)
            .map(|i| 600.0 * 1.1f64.powi(i as i32))
            .collect();
        for &q in qs.iter().chain(qs.iter().rev()).chain(&qs) {
            let fresh = PointSetup::new(&ev, &inputs, mu_setup).unwrap();
            assert_eq!(
                format!("{:?}", setup.couplings_at(&c, q, 1.0)),
                format!("{:?}", fresh.couplings_at(&c, q, 1.0)),
                "q {q}"
            );
        }
        assert_eq!(setup.recent_scales.borrow().len(), RECENT_SCALES);
    }

    /// With the threshold on (the preset's default), the singlet below M (eta_N = 0.8: Q_dec
    /// between Q and M) and above it (eta_N = 2.5): the parameters at the shifted eta_S from the
    /// reused evolution are bit for bit those of a fresh setup, with no RG run, and they differ
    /// from the unshifted point's (the threshold depends on eta_S).
    #[test]
    fn eta_s_shift_reuses_the_evolution_exactly() {
        let plan = plan(None);
        let ev = plan.evaluator();
        assert!(ev.physics.switches.singlet_decoupling == SingletDecoupling::AtMassThreshold);
        for id in [0, 10, 149] {
            let inputs = plan.inputs(id);
            // The Yukawa matching's mu: the gauge-mediated soft scale (point::mu_iteration's start).
            let mu_setup = (0.01 * inputs.lambda_susy, inputs.lambda_n);
            let q = 900.0;
            for eta_n in [0.8, 2.5] {
                let (c, shifted) = (trial(&inputs, eta_n, 0.01), trial(&inputs, eta_n, 0.0101));
                let reusing = PointSetup::new(&ev, &inputs, mu_setup).unwrap();
                assert!(reusing.running_ignores_eta_s());
                let base = reusing.params_at(q, &c).unwrap();
                let runs = evolutions_on_this_thread();
                let reused = reusing.params_at(q, &shifted).unwrap();
                assert_eq!(evolutions_on_this_thread(), runs, "id {id}: no RG run");
                let fresh = PointSetup::new(&ev, &inputs, mu_setup)
                    .unwrap()
                    .params_at(q, &shifted)
                    .unwrap();
                assert_eq!(format!("{reused:?}"), format!("{fresh:?}"), "id {id}");
                assert_ne!(reused.fs, base.fs, "id {id}: eta_S moves the threshold");
            }
        }
    }

    /// The eta_N column: with the singlet above M (eta_N = 2.5, the decoupling scale clamped at
    /// M) and at zero supersymmetric mass (eta_N = -2kx/y + 1e-6: clamped at Q) a shifted eta_N
    /// reuses the evolution and gives a fresh setup's parameters bit for bit; with the singlet
    /// between Q and M (eta_N = 0.8) the decoupling scale moves and the evolution is run again.
    /// Where the threshold is on (above Q) the parameters differ from the unshifted point's (the
    /// threshold sees eta_N; below Q the parameters do not contain eta_N: the F_S terms carry it
    /// as a polynomial coefficient).
    #[test]
    fn eta_n_shift_reuses_the_evolution_where_the_decoupling_scale_is_clamped() {
        let plan = plan(None);
        let ev = plan.evaluator();
        for id in [0, 10, 149] {
            let inputs = plan.inputs(id);
            let mu_setup = (0.01 * inputs.lambda_susy, inputs.lambda_n);
            let q = 900.0;
            let light = -2.0 * inputs.k * inputs.vev_n / inputs.vev_s + 1e-6;
            for (eta_n, clamped, threshold) in
                [(2.5, true, true), (light, true, false), (0.8, false, true)]
            {
                let c = trial(&inputs, eta_n, 0.01);
                let shifted = trial(&inputs, eta_n + 1e-5, 0.01);
                let reusing = PointSetup::new(&ev, &inputs, mu_setup).unwrap();
                let base = reusing.params_at(q, &c).unwrap();
                let runs = evolutions_on_this_thread();
                let reused = reusing.params_at(q, &shifted).unwrap();
                let new_runs = evolutions_on_this_thread() - runs;
                assert_eq!(new_runs, u64::from(!clamped), "id {id}, eta_N {eta_n}");
                let fresh = PointSetup::new(&ev, &inputs, mu_setup)
                    .unwrap()
                    .params_at(q, &shifted)
                    .unwrap();
                assert_eq!(format!("{reused:?}"), format!("{fresh:?}"), "id {id}");
                assert_eq!(
                    format!("{reused:?}") != format!("{base:?}"),
                    threshold,
                    "id {id}, eta_N {eta_n}"
                );
            }
        }
    }

    /// hmz1999: the etas enter the betas, so every eta_S gets its own run.
    #[test]
    fn hmz1999_runs_again_for_eta_s() {
        let plan = plan(Some("hmz1999"));
        let ev = plan.evaluator();
        let inputs = plan.inputs(0);
        let setup =
            PointSetup::new(&ev, &inputs, (0.01 * inputs.lambda_susy, inputs.lambda_n)).unwrap();
        assert!(!setup.running_ignores_eta_s());
        setup.params_at(900.0, &trial(&inputs, 0.8, 0.01)).unwrap();
        let runs = evolutions_on_this_thread();
        setup
            .params_at(900.0, &trial(&inputs, 0.8, 0.0101))
            .unwrap();
        assert_eq!(evolutions_on_this_thread(), runs + 1);
    }
}
