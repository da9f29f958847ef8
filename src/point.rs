//! Evaluation of one parameter point: the pipeline of PHYSICS.md section 3 from the inputs to
//! solutions (one per distinct EWSB solution) with their spectrum, derived quantities and verdict.

use serde::Serialize;

use crate::constraints::Rejection;
use crate::model::derived::Derived;
use crate::model::params::{Couplings, PointInputs, SoftTerms};
use crate::model::spectrum::Spectrum;

/// The electroweak VEVs and the spurion of a solution [GeV, GeV^2].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Vevs {
    pub v_d: f64,
    pub v_u: f64,
    /// <N> = x.
    pub x: f64,
    /// <S> = y.
    pub y: f64,
    /// F_S = Lambda y.
    pub f_s: f64,
}

/// How the EWSB solve ended for a solution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EwsbDiagnostics {
    /// The stationarity conditions dV/d(v_d, v_u, x), each divided by the sum of the magnitudes of
    /// the terms it cancels.
    pub scaled_residuals: [f64; 3],
    /// Which solver of the cascade produced the solution.
    pub solver: &'static str,
    /// Index of the deterministic starting point that led to it.
    pub start: usize,
    /// Iterations of Q = sqrt(m_stop1 m_stop2).
    pub q_iterations: usize,
}

/// One EWSB solution of a point, with everything computed from it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Solution {
    /// 0, 1, ... over the distinct valid solutions of the point.
    pub index: usize,
    /// EWSB scale Q = sqrt(m_stop1 m_stop2) [GeV].
    pub q_scale: f64,
    /// Messenger scale M = xi_S(M) y = y [GeV].
    pub m_mess: f64,
    pub vevs: Vevs,
    /// All couplings at Q (the solved ones included).
    pub couplings_q: Couplings,
    /// All couplings at M.
    pub couplings_m: Couplings,
    /// Soft terms at M (boundary conditions) and at Q.
    pub soft_m: SoftTerms,
    pub soft_q: SoftTerms,
    pub ewsb: EwsbDiagnostics,
    pub spectrum: Spectrum,
    pub derived: Derived,
    /// Ok for a viable solution; otherwise the first failed check.
    pub verdict: Result<(), Rejection>,
}

/// Everything the evaluation of one point produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PointOutcome {
    pub inputs: PointInputs,
    /// Distinct EWSB solutions (viable or not).
    pub solutions: Vec<Solution>,
    /// Why there is no solution at all (invalid input, RG failure, no EWSB), if so.
    pub failure: Option<Rejection>,
}

use std::cell::Cell;

use crate::config::{Coupling, PhysicsConfig};
use crate::constraints::{
    BoundMasses, BoundSetName, RangeScale, RejectionReason, HMZ_COUPLING_RANGES, MAX_LAMBDA_OVER_S,
};
use crate::model::boundary::{tadpole_coefficient, MessengerInputs};
use crate::model::derived::{self, BmuInputs, RelicInputs};
use crate::model::potential::{
    mass_matrix, stationarity, stop_masses2_at, PotentialParams, SingletCouplings,
};
use crate::model::rge::{evolve, gauge_couplings_at, Evolution, RgeError};
use crate::model::spectrum::chargino::charginos;
use crate::model::spectrum::higgs::higgs_spectrum;
use crate::model::spectrum::neutralino::{neutralinos, NeutralinoInputs};
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs};
use crate::solve::{solve_at_scale, Candidate, EwsbSettings, SolveResult, StationarityModel};

/// Evaluates points with a fixed physics configuration and bound set. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Evaluator {
    pub physics: PhysicsConfig,
    pub bounds: BoundSetName,
    pub ewsb: EwsbSettings,
}

impl Evaluator {
    pub fn new(physics: PhysicsConfig, bounds: BoundSetName) -> Self {
        Self {
            physics,
            bounds,
            ewsb: EwsbSettings::default(),
        }
    }

    /// Takes one point through the whole pipeline. Never panics on physics failures: they are
    /// recorded in the outcome.
    pub fn evaluate(&self, inputs: &PointInputs) -> PointOutcome {
        let (solutions, failure) = match self.solve_all(inputs) {
            Ok(solutions) => (solutions, None),
            Err(rejection) => (Vec::new(), Some(rejection)),
        };
        PointOutcome {
            inputs: *inputs,
            solutions,
            failure,
        }
    }

    fn solve_all(&self, inputs: &PointInputs) -> Result<Vec<Solution>, Rejection> {
        validate_inputs(inputs, &self.physics.unknowns)?;
        let point = PointSetup::new(self, inputs);
        let mut found: Vec<Converged> = Vec::new();
        let mut best_failure: Option<(f64, Rejection)> = None;
        let starts = point.starting_points();
        // One first guess of Q per point (the stop soft masses hardly depend on the unknowns);
        // later starts begin at the Q an earlier start converged to.
        let mut q_guess = point.initial_q(&starts[0]);
        for (start_index, start) in starts.into_iter().enumerate() {
            match point.solve_from(&start, q_guess) {
                Ok(mut conv) => {
                    q_guess = conv.q;
                    conv.start = start_index;
                    if !found.iter().any(|f| point.same_solution(f, &conv)) {
                        found.push(conv);
                    }
                }
                Err((residual, rejection)) => {
                    if best_failure.as_ref().is_none_or(|(r, _)| residual < *r) {
                        best_failure = Some((residual, rejection));
                    }
                }
            }
        }
        if found.is_empty() {
            return Err(best_failure
                .map(|(_, r)| r)
                .unwrap_or_else(|| Rejection::new(RejectionReason::NoEwsb, "no starting point")));
        }
        found
            .into_iter()
            .enumerate()
            .map(|(index, conv)| point.build_solution(index, conv))
            .collect()
    }
}

/// Inputs outside the model's domain: named, before any work. The unknowns' values are only
/// starting points and may be NaN.
fn validate_inputs(p: &PointInputs, unknowns: &[Coupling; 3]) -> Result<(), Rejection> {
    let fields = [
        ("tan_beta", p.tan_beta),
        ("vev_n", p.vev_n),
        ("vev_s", p.vev_s),
        ("lambda_susy", p.lambda_susy),
        ("m_top", p.m_top),
        ("m_phi_over_s", p.m_phi_over_s),
    ];
    for (name, value) in fields {
        if !(value.is_finite() && value > 0.0) {
            return Err(Rejection::new(
                RejectionReason::InvalidInput,
                format!("{name} = {value} must be finite and positive"),
            ));
        }
    }
    let couplings = [
        (Coupling::XiN, p.xi_n),
        (Coupling::EtaS, p.eta_s),
        (Coupling::EtaN, p.eta_n),
        (Coupling::LambdaS, p.lambda_s),
        (Coupling::LambdaN, p.lambda_n),
        (Coupling::K, p.k),
    ];
    for (c, value) in couplings {
        if !unknowns.contains(&c) && !value.is_finite() {
            return Err(Rejection::new(
                RejectionReason::InvalidInput,
                format!("{c} = {value} is not finite"),
            ));
        }
    }
    // HMZ eq. (`xy`): Lambda <= 0.9 y. This also keeps away from Lambda >= y = M, where the
    // messenger scalars would be tachyonic.
    if p.x_mess() > MAX_LAMBDA_OVER_S {
        return Err(Rejection::new(
            RejectionReason::OutOfRange("lambda_over_s"),
            format!("Lambda/<S> = {:.4} > {MAX_LAMBDA_OVER_S}", p.x_mess()),
        ));
    }
    Ok(())
}

impl From<RgeError> for Rejection {
    fn from(e: RgeError) -> Self {
        let reason = match e {
            RgeError::NonPerturbative { .. } => RejectionReason::Nonperturbative,
            _ => RejectionReason::RgeFailure,
        };
        Rejection::new(reason, e.to_string())
    }
}

/// A solution of the stationarity conditions with Q iterated to convergence.
struct Converged {
    candidate: Candidate,
    q: f64,
    q_iterations: usize,
    start: usize,
}

/// Everything fixed for one point: the VEVs, the messenger sector, the fixed couplings.
struct PointSetup<'a> {
    ev: &'a Evaluator,
    inputs: &'a PointInputs,
    vevs: [f64; 3],
    messenger: MessengerInputs,
}

impl<'a> PointSetup<'a> {
    fn new(ev: &'a Evaluator, inputs: &'a PointInputs) -> Self {
        let beta = inputs.tan_beta.atan();
        let v = ev.physics.sm.vev;
        Self {
            ev,
            inputs,
            vevs: [v * beta.cos(), v * beta.sin(), inputs.vev_n],
            messenger: MessengerInputs {
                lambda_susy: inputs.lambda_susy,
                m_mess: inputs.vev_s,
                n5: ev.physics.n5,
            },
        }
    }

    fn unknowns(&self) -> [Coupling; 3] {
        self.ev.physics.unknowns
    }

    fn input_couplings(&self) -> SingletCouplings<f64> {
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

    /// Deterministic starting points: the point's own values of the unknowns when they are
    /// finite, then a fixed grid over each unknown's typical range.
    fn starting_points(&self) -> Vec<SingletCouplings<f64>> {
        let max = self.ev.ewsb.max_starts.max(1);
        let base = self.input_couplings();
        let mut starts = Vec::new();
        let own_finite = self.unknowns().iter().all(|&u| base.get(u).is_finite());
        if own_finite {
            starts.push(base.clone());
        }
        let mut i = 0;
        while starts.len() < max {
            let mut s = base.clone();
            for &u in &self.unknowns() {
                let grid = start_grid(u);
                *s.get_mut(u) = grid[i % grid.len()];
            }
            i += 1;
            starts.push(s);
        }
        starts
    }

    /// A first EWSB scale: the geometric mean of the stop soft masses after one RG evolution to
    /// 1 TeV.
    fn initial_q(&self, start: &SingletCouplings<f64>) -> f64 {
        let q_guess = 1000.0;
        match self.evolution(start, q_guess) {
            Ok(evo) => (evo.soft_q.mq3.max(1.0) * evo.soft_q.mu3.max(1.0)).powf(0.25),
            Err(_) => q_guess,
        }
    }

    /// All couplings at Q for the given singlet couplings.
    fn couplings_at(&self, c: &SingletCouplings<f64>, q: f64, xi_s_guess: f64) -> Couplings {
        let sm = &self.ev.physics.sm;
        let [g1, g2, g3] = gauge_couplings_at(sm, q);
        let keep_bt = self.ev.physics.switches.bottom_tau_yukawas;
        let (v_d, v_u) = (self.vevs[0], self.vevs[1]);
        Couplings {
            g1,
            g2,
            g3,
            ht: self.inputs.m_top / v_u,
            hb: if keep_bt { sm.m_bottom / v_d } else { 0.0 },
            htau: if keep_bt { sm.m_tau / v_d } else { 0.0 },
            lambda_n: c.lambda_n,
            lambda_s: c.lambda_s,
            k: c.k,
            xi_n: c.xi_n,
            xi_s: xi_s_guess,
            eta_n: c.eta_n,
            eta_s: c.eta_s,
        }
    }

    fn evolution(&self, c: &SingletCouplings<f64>, q: f64) -> Result<Evolution, Rejection> {
        self.evolution_with_guess(c, q, 0.94)
    }

    fn evolution_with_guess(
        &self,
        c: &SingletCouplings<f64>,
        q: f64,
        xi_s_guess: f64,
    ) -> Result<Evolution, Rejection> {
        let couplings = self.couplings_at(c, q, xi_s_guess);
        Ok(evolve(&couplings, q, &self.messenger, &self.ev.physics)?)
    }

    /// The potential's parameters from an RG evolution.
    fn potential_params(&self, evo: &Evolution, q: f64) -> PotentialParams {
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
        }
    }

    /// Solves at fixed Q, then iterates Q = sqrt(m_stop1 m_stop2). On failure returns the best
    /// residual reached and the reason.
    fn solve_from(
        &self,
        start: &SingletCouplings<f64>,
        q_start: f64,
    ) -> Result<Converged, (f64, Rejection)> {
        let settings = &self.ev.ewsb;
        let mut q = q_start;
        let mut current = start.clone();
        for iteration in 0..settings.max_q_iters {
            let model = FixedScaleModel {
                point: self,
                q,
                xi_s_guess: Cell::new(0.94),
            };
            let candidate =
                match solve_at_scale(&model, self.vevs, self.unknowns(), &current, settings) {
                    SolveResult::Converged(c) => c,
                    SolveResult::NotConverged(best, why) => {
                        let residual = best.as_ref().map_or(f64::INFINITY, |b| b.max_residual());
                        let rejection = match (best, why) {
                            (Some(b), _) => Rejection::new(
                                RejectionReason::NoEwsb,
                                format!(
                                    "best scaled residual {:.3e} at Q = {q:.1} GeV ({})",
                                    b.max_residual(),
                                    b.solver
                                ),
                            ),
                            (None, Some(why)) => why,
                            (None, None) => Rejection::new(RejectionReason::NoEwsb, "no candidate"),
                        };
                        return Err((residual, rejection));
                    }
                };
            let [m1, m2] = stop_masses2_at(self.vevs, &candidate.couplings, &candidate.params);
            if !(m1 > 0.0 && m2 > 0.0) {
                return Err((
                    candidate.max_residual(),
                    Rejection::new(
                        RejectionReason::TachyonicSfermion,
                        format!("stop mass^2 = {m1:.4e} GeV^2 at the EWSB solution"),
                    ),
                ));
            }
            let q_new = (m1 * m2).powf(0.25);
            current = candidate.couplings.clone();
            if (q_new - q).abs() < settings.q_tolerance * q {
                return Ok(Converged {
                    candidate,
                    q,
                    q_iterations: iteration + 1,
                    start: 0,
                });
            }
            q = q_new;
        }
        Err((
            f64::INFINITY,
            Rejection::new(
                RejectionReason::NoEwsb,
                format!(
                    "Q = sqrt(m_stop1 m_stop2) not stable after {} iterations",
                    settings.max_q_iters
                ),
            ),
        ))
    }

    /// Two converged starts found the same solution. The solved couplings of one solution agree
    /// from different starts to ~1e-6 of their size (the conditions are met to 1e-10 of the terms
    /// they cancel, and B_mu is a cancellation); distinct solutions differ at O(10 %).
    fn same_solution(&self, a: &Converged, b: &Converged) -> bool {
        self.unknowns().iter().all(|&u| {
            (a.candidate.couplings.get(u) - b.candidate.couplings.get(u)).abs()
                < 1e-4 * u.typical_size()
        })
    }

    fn build_solution(&self, index: usize, conv: Converged) -> Result<Solution, Rejection> {
        let c = &conv.candidate.couplings;
        let q = conv.q;
        let evo = self.evolution_with_guess(c, q, conv.candidate.params.xi_s)?;
        let params = self.potential_params(&evo, q);
        let st = stationarity(self.vevs, c, &params);
        let spectrum = self.spectrum(&evo, &params, c);
        let derived = self.derived(&evo, &params, &st.dv_gradient, &spectrum);
        let mut solution = Solution {
            index,
            q_scale: q,
            m_mess: self.messenger.m_mess,
            vevs: Vevs {
                v_d: self.vevs[0],
                v_u: self.vevs[1],
                x: self.vevs[2],
                y: self.inputs.vev_s,
                f_s: self.inputs.f_s(),
            },
            couplings_q: evo.couplings_q,
            couplings_m: evo.couplings_m,
            soft_m: evo.soft_m,
            soft_q: evo.soft_q,
            ewsb: EwsbDiagnostics {
                scaled_residuals: st.scaled(),
                solver: conv.candidate.solver,
                start: conv.start,
                q_iterations: conv.q_iterations,
            },
            spectrum,
            derived,
            verdict: Ok(()),
        };
        solution.verdict = self.verdict(&solution);
        Ok(solution)
    }

    fn spectrum(
        &self,
        evo: &Evolution,
        params: &PotentialParams,
        c: &SingletCouplings<f64>,
    ) -> Spectrum {
        let cq = &evo.couplings_q;
        let s = &evo.soft_q;
        let [v_d, v_u, x] = self.vevs;
        let mu = derived::mu_eff(c.lambda_n, x, c.lambda_s, self.inputs.vev_s);
        let m = mass_matrix(self.vevs, c, params);
        Spectrum {
            higgs: higgs_spectrum(&m, self.inputs.tan_beta),
            neutralinos: neutralinos(&NeutralinoInputs {
                m1: s.m1,
                m2: s.m2,
                mu,
                lambda_n: c.lambda_n,
                v_d,
                v_u,
                // d^2 W / dN^2 = -(2 k x + eta_N y) (PHYSICS.md section 7).
                singlino_mass: -(2.0 * c.k * x + c.eta_n * self.inputs.vev_s),
                g1: cq.g1,
                g2: cq.g2,
            }),
            charginos: charginos(s.m2, mu, cq.g2, v_d, v_u),
            gluino: s.m3.abs(),
            sfermions: sfermions(&SfermionInputs {
                soft: *s,
                g1: cq.g1,
                g2: cq.g2,
                v_d,
                v_u,
                mu,
                m_top: self.inputs.m_top,
                m_bottom: self.ev.physics.sm.m_bottom,
                m_tau: self.ev.physics.sm.m_tau,
            }),
        }
    }

    fn derived(
        &self,
        evo: &Evolution,
        params: &PotentialParams,
        dv_gradient: &[f64; 3],
        spectrum: &Spectrum,
    ) -> Derived {
        let cq = &evo.couplings_q;
        let s = &evo.soft_q;
        let [v_d, v_u, x] = self.vevs;
        let y = self.inputs.vev_s;
        let tb = self.inputs.tan_beta;
        let mu = derived::mu_eff(cq.lambda_n, x, cq.lambda_s, y);
        let b_mu = derived::b_mu(&BmuInputs {
            lambda_n: cq.lambda_n,
            lambda_s: cq.lambda_s,
            k: cq.k,
            eta_n: cq.eta_n,
            eta_s: cq.eta_s,
            a_lambda_paper: s.a_lambda_paper(),
            x,
            y,
            f_s: self.inputs.f_s(),
            v_u,
            v_d,
        });
        let m_hd2_eff = s.mhd + dv_gradient[0] / (2.0 * v_d);
        let m_hu2_eff = s.mhu + dv_gradient[1] / (2.0 * v_u);
        let mz2 = (cq.g1 * cq.g1 + cq.g2 * cq.g2) * (v_d * v_d + v_u * v_u) / 2.0;
        let mu2 = derived::mu2_from_relation(m_hd2_eff, m_hu2_eff, tb, mz2);
        let chi1 = spectrum.neutralinos.masses[0].abs();
        let stau1 = spectrum.sfermions.stau.mass2[0].max(0.0).sqrt();
        let cm = &evo.couplings_m;
        Derived {
            mu,
            b_mu,
            mu_from_relation: if mu2 >= 0.0 { mu2.sqrt() } else { f64::NAN },
            b_mu_from_sin2beta: derived::b_mu_from_sin2beta(m_hd2_eff, m_hu2_eff, mu, tb),
            b_param: b_mu / mu,
            fine_tuning_percent: derived::fine_tuning_percent(mz2, mu),
            nlsp: derived::nlsp(chi1, stau1),
            chi1_over_stau1: chi1 / stau1,
            tadpole_c: params.tadpole_unit * params.xi_s * cq.xi_n,
            // The messenger annihilation happens at T ~ m_phi/20, far above Q: couplings at M.
            relic: derived::relic_density(&RelicInputs {
                eta_n: cm.eta_n,
                k: cm.k,
                lambda_n: cm.lambda_n,
                xi_n: cm.xi_n,
                xi_s: cm.xi_s,
                vev_s: y,
                m_phi: self.inputs.m_phi_over_s * y,
            }),
            domain_wall: derived::domain_wall(
                cq.lambda_s,
                y,
                self.inputs.lambda_susy,
                self.ev.physics.sm.vev,
            ),
        }
    }

    /// The first failed check: local minimum, sfermion tachyons, coupling ranges, mass bounds.
    fn verdict(&self, sol: &Solution) -> Result<(), Rejection> {
        let h = &sol.spectrum.higgs;
        if !h.is_minimum() {
            return Err(Rejection::new(
                RejectionReason::NotAMinimum,
                format!(
                    "m^2(S1) = {:.4e}, m^2(P1) = {:.4e}, m^2(H+) = {:.4e} GeV^2",
                    h.even_mass2[0], h.odd_mass2[0], h.charged_mass2
                ),
            ));
        }
        let sf = &sol.spectrum.sfermions;
        let sfermion_mass2 = sf.named_mass2();
        // !(m2 > 0) so that a NaN mass-squared is rejected too.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        let tachyon = sfermion_mass2.iter().find(|(_, m2)| !(*m2 > 0.0));
        if let Some((name, m2)) = tachyon {
            return Err(Rejection::new(
                RejectionReason::TachyonicSfermion,
                format!("m^2({name}) = {m2:.4e} GeV^2"),
            ));
        }
        for range in &HMZ_COUPLING_RANGES {
            let couplings = match range.scale {
                RangeScale::Ewsb => &sol.couplings_q,
                RangeScale::Messenger => &sol.couplings_m,
            };
            let value = coupling_value(couplings, range.coupling);
            if !(value >= range.min && value <= range.max) {
                let at = match range.scale {
                    RangeScale::Ewsb => "Q",
                    RangeScale::Messenger => "M",
                };
                return Err(Rejection::new(
                    RejectionReason::OutOfRange(range.coupling.name()),
                    format!(
                        "{}({at}) = {value:.4} outside [{}, {}]",
                        range.coupling, range.min, range.max
                    ),
                ));
            }
        }
        let sp = &sol.spectrum;
        let masses = BoundMasses {
            gluino: sp.gluino,
            selectron_r: sf.selectron_r2.sqrt(),
            higgs_s1: h.even_mass2[0].sqrt(),
            higgs_p1: h.odd_mass2[0].sqrt(),
            charged_higgs: h.charged_mass2.sqrt(),
            chargino1: sp.charginos.masses[0],
            sbottom1: sf.sbottom.mass2[0].sqrt(),
            neutralino1: sp.neutralinos.masses[0].abs(),
            stau1: sf.stau.mass2[0].sqrt(),
        };
        match self.ev.bounds.first_violation(&masses) {
            Some(r) => Err(r),
            None => Ok(()),
        }
    }
}

/// The value of a singlet coupling in a full coupling set.
pub fn coupling_value(c: &Couplings, which: Coupling) -> f64 {
    match which {
        Coupling::XiN => c.xi_n,
        Coupling::EtaS => c.eta_s,
        Coupling::EtaN => c.eta_n,
        Coupling::LambdaS => c.lambda_s,
        Coupling::LambdaN => c.lambda_n,
        Coupling::K => c.k,
    }
}

/// Fixed grid of starting values for an unknown.
fn start_grid(u: Coupling) -> &'static [f64] {
    match u {
        Coupling::XiN => &[0.5, -0.5, 0.9, -0.9, 0.2, -0.2],
        Coupling::EtaS => &[0.005, -0.005],
        Coupling::EtaN => &[0.8, 0.5, 0.95],
        Coupling::LambdaS => &[3e-3, 1e-3],
        Coupling::LambdaN => &[0.3, 0.6],
        Coupling::K => &[0.3, 0.5, 0.1],
    }
}

/// The model at a fixed Q as the solver sees it: RG-evolve, then hand over the potential's
/// parameters. Remembers the last xi_S(Q) so the hmz1999 shooting starts close.
struct FixedScaleModel<'p, 'a> {
    point: &'p PointSetup<'a>,
    q: f64,
    xi_s_guess: Cell<f64>,
}

impl StationarityModel for FixedScaleModel<'_, '_> {
    fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        let evo = self
            .point
            .evolution_with_guess(c, self.q, self.xi_s_guess.get())?;
        self.xi_s_guess.set(evo.couplings_q.xi_s);
        Ok(self.point.potential_params(&evo, self.q))
    }
}
