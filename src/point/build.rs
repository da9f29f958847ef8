//! A converged solution's spectrum, derived quantities and verdict (docs/physics.md sections 7-9).

use super::search::Converged;
use super::setup::PointSetup;
use super::{coupling_value, EwsbDiagnostics, Solution, Vevs};
use crate::config::BoundMassKind;
use crate::config::Form;
use crate::constraints::{
    BoundMasses, RangeScale, Rejection, RejectionReason, HMZ_COUPLING_RANGES,
};
use crate::model::derived::{self, BmuInputs, Derived, RelicInputs};
use crate::model::gauge::tan_beta_at_mz;
use crate::model::messenger_matching::{huhd_remainder, Spurion};
use crate::model::potential::{mass_matrix, stationarity, PotentialParams, SingletCouplings};
use crate::model::rge::Evolution;
use crate::model::spectrum::chargino::charginos;
use crate::model::spectrum::higgs::higgs_spectrum;
use crate::model::spectrum::neutralino::{neutralinos, NeutralinoInputs};
use crate::model::spectrum::pole::{gluino_inputs, pole_masses};
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs};
use crate::model::spectrum::Spectrum;
use crate::model::vacuum::{deeper_minimum, DeeperMinimum, VacuumCoefficients};

impl PointSetup<'_> {
    pub(super) fn build_solution(
        &self,
        index: usize,
        conv: Converged,
    ) -> Result<Solution, Rejection> {
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
            tan_beta_mz: tan_beta_at_mz(self.inputs.tan_beta, q, &self.ev.physics.sm, &self.gauge),
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
            vacuum: VacuumCoefficients::new(self.vevs, c, &params),
            deeper_minimum: DeeperMinimum::default(),
            verdict: Ok(()),
        };
        solution.verdict = self.verdict(&solution);
        if solution.verdict.is_ok() {
            solution.deeper_minimum = deeper_minimum(self.vevs, c, &params);
        }
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
        let sfermions = sfermions(&SfermionInputs {
            soft: *s,
            g1: cq.g1,
            g2: cq.g2,
            v_d,
            v_u,
            mu,
            m_top: self.inputs.m_top,
            m_bottom: self.ev.physics.sm.m_bottom,
            m_tau: self.ev.physics.sm.m_tau,
        });
        let pole = pole_masses(&gluino_inputs(
            s.m3,
            cq.g3,
            params.q,
            &sfermions,
            [self.inputs.m_top, self.ev.physics.sm.m_bottom],
        ));
        Spectrum {
            higgs: higgs_spectrum(&m, self.inputs.tan_beta),
            neutralinos: neutralinos(&NeutralinoInputs {
                m1: s.m1,
                m2: s.m2,
                mu,
                lambda_n: c.lambda_n,
                v_d,
                v_u,
                // d^2 W'/dN^2 = +(2 k x + eta_N y) with W' = -W_HMZ (docs/physics.md sections 1
                // and 7); the switch's printed form is d^2 W_HMZ/dN^2 = -(2 k x + eta_N y).
                singlino_mass: match self.ev.physics.switches.singlino_sign {
                    Form::Derived => 1.0,
                    Form::Printed => -1.0,
                } * (2.0 * c.k * x + c.eta_n * self.inputs.vev_s),
                g1: cq.g1,
                g2: cq.g2,
            }),
            charginos: charginos(s.m2, mu, cq.g2, v_d, v_u),
            gluino: s.m3.abs(),
            sfermions,
            pole,
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
            matching_huhd: huhd_remainder(
                &SingletCouplings {
                    xi_n: cq.xi_n,
                    eta_s: cq.eta_s,
                    eta_n: cq.eta_n,
                    lambda_s: cq.lambda_s,
                    lambda_n: cq.lambda_n,
                    k: cq.k,
                },
                &Spurion {
                    y,
                    f_s: self.inputs.f_s(),
                    xi_s: params.xi_s,
                },
                &params.matching,
                x,
            ),
            x,
            y,
            f_s: self.inputs.f_s(),
            v_u,
            v_d,
            b_s_running: params.fs.map(|fs| fs.values(cq.eta_n, cq.eta_s).b_s),
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
            // At Q: with `fs_terms_running` the tadpole runs (its factor is 1 otherwise).
            tadpole_c: params.tadpole_unit
                * params.xi_s
                * cq.xi_n
                * params.fs.map_or(1.0, |fs| fs.tadpole_factor),
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
        // Gluino bound on the running or the pole mass (switch `bound_masses`).
        let gluino = match self.ev.physics.switches.bound_masses {
            BoundMassKind::Running => sp.gluino,
            BoundMassKind::Pole => sp.pole.gluino,
        };
        let masses = BoundMasses {
            gluino,
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
