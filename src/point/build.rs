//! A converged solution's spectrum, derived quantities and verdict (docs/physics.md sections 7-9).

use super::search::Converged;
use super::setup::PointSetup;
use super::{coupling_value, EwsbDiagnostics, Solution, Vevs};
use crate::config::BoundMassKind;
use crate::config::Form;
use crate::config::{HiggsMassMethod, YukawaInputs};
use crate::constraints::lhc2025::{self, LhcObservables};
use crate::constraints::{coupling_ranges, BoundMasses, RangeScale, Rejection, RejectionReason};
use crate::model::derived::{self, BmuInputs, Derived, LhcDerived, RelicInputs};
use crate::model::gauge::tan_beta_at_mz;
use crate::model::gravitino::{self, NeutralinoDecayInputs, NlspInputs};
use crate::model::higgs_mass::fixed_order::{
    self, light_singlet_mass, LightSingletInputs, StopSector,
};
use crate::model::higgs_mass::ino_loops::InoSector;
use crate::model::higgs_mass::matching::yt_mssm_like;
use crate::model::higgs_mass::scalar_loops::ScalarSector;
use crate::model::higgs_mass::z_self_energy::{drbar_vev_from_mz, RunningAtQ, VevFromMzInputs};
use crate::model::higgs_mass::{higgs_mass, sm_couplings_at, HiggsMassSettings, SusyParameters};
use crate::model::messenger_dm::{messenger_dm, MessengerDm};
use crate::model::messenger_matching::{huhd_remainder, Spurion};
use crate::model::params::Couplings;
use crate::model::potential::{
    cp_even_mass_matrix, mass_matrix_blocks, stationarity, PotentialParams, SingletCouplings,
};
use crate::model::rge::{Evolution, RgeOptions, RgeState};
use crate::model::spectrum::chargino::charginos;
use crate::model::spectrum::higgs::higgs_spectrum;
use crate::model::spectrum::neutralino::{neutralinos, NeutralinoInputs};
use crate::model::spectrum::pole::{gluino_inputs, pole_masses};
use crate::model::spectrum::sfermion::{sfermions, SfermionInputs};
use crate::model::spectrum::Spectrum;
use crate::model::vacuum::{deeper_minimum, DeeperMinimum, VacuumCoefficients};
use crate::output::columns::signed_sqrt;
use crate::phases::{self, Phase};

impl PointSetup<'_> {
    pub(super) fn build_solution(
        &self,
        index: usize,
        conv: Converged,
    ) -> Result<Solution, Rejection> {
        let _phase = phases::enter(Phase::Spectrum);
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
            m_h: f64::NAN,
            m_h_uncertainty: f64::NAN,
            derived,
            vacuum: VacuumCoefficients::new(c, &params, st.dv_gradient),
            deeper_minimum: DeeperMinimum::default(),
            verdict: Ok(()),
        };
        // The SM-like Higgs mass (with the EFT, the costliest piece of a solution) only for the
        // solutions that pass the theory checks: nearly every converged solution of a scan fails
        // one of them (a 12k-point consistent scan: ~4000 rejected there, ~10 by a bound).
        solution.verdict = self.theory_verdict(&solution);
        if solution.verdict.is_ok() {
            (solution.m_h, solution.m_h_uncertainty) =
                self.sm_like_higgs_mass(&evo, &params, c, &st.dv_gradient, &solution.spectrum);
            solution.verdict = self.bound_verdict(&solution);
        }
        // The deeper-minimum flags and the messenger dark matter (a scan of ~200 relic-density
        // evaluations) are columns of viable.csv that no check reads: viable solutions only.
        if solution.verdict.is_ok() {
            solution.deeper_minimum = deeper_minimum(self.vevs, c, &params);
            solution.derived.lhc.dm = messenger_dm(&self.relic_inputs(&evo.couplings_m));
        }
        Ok(solution)
    }

    /// The SM-like Higgs mass and its uncertainty (switch `higgs_mass`; docs/physics.md,
    /// "Higgs mass"). EFT: the tree-level quartic of the SM-like state is read off the tree-level
    /// CP-even mass matrix with the soft masses fixed by the tree-level minimum (the Hessian of
    /// V_tree at the solved VEVs, minus diag(dV_tree/dv_i / (2 v_i)), where dV_tree = -dDeltaV at
    /// the one-loop minimum); it contains lambda_N^2 sin^2(2 beta) and the singlet-exchange shift.
    /// The quartic beyond the MSSM D-term is handed to model::higgs_mass as `lambda_tree_extra`,
    /// with the soft terms at Q as DR-bar inputs and Q as the matching scale. With a CP-even singlet
    /// near the SM-like state the fixed-order mass of model::higgs_mass::fixed_order at the DR-bar
    /// v(Q) of model::higgs_mass::z_self_energy is reported instead, its difference from the EFT
    /// added to the uncertainty (docs/physics.md 7b, item 6).
    fn sm_like_higgs_mass(
        &self,
        evo: &Evolution,
        params: &PotentialParams,
        c: &SingletCouplings<f64>,
        dv_gradient: &[f64; 3],
        spectrum: &Spectrum,
    ) -> (f64, f64) {
        let tb = self.inputs.tan_beta;
        let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
        let light_doublet = |mixing: &[[f64; 3]; 3]| {
            (0..3)
                .max_by(|&i, &j| {
                    let share = |k: usize| (mixing[k][0] * cb + mixing[k][1] * sb).powi(2);
                    share(i).total_cmp(&share(j))
                })
                .unwrap_or(0)
        };
        let h = &spectrum.higgs;
        let one_loop = signed_sqrt(h.even_mass2[light_doublet(&h.even_mixing)]);
        if self.ev.physics.switches.higgs_mass == HiggsMassMethod::OneLoop {
            return (one_loop, f64::NAN);
        }
        // Tree-level CP-even matrix with tree-level-consistent soft masses.
        let tree_params = PotentialParams {
            include_dv: false,
            ..params.clone()
        };
        let m_tree = cp_even_mass_matrix(self.vevs, c, &tree_params);
        let even = nalgebra::Matrix3::from_fn(|i, j| {
            m_tree[(i, j)]
                + if i == j {
                    dv_gradient[i] / (2.0 * self.vevs[i])
                } else {
                    0.0
                }
        });
        let tree = higgs_spectrum(
            &nalgebra::SMatrix::<f64, 10, 10>::from_fn(|i, j| {
                if i < 3 && j < 3 {
                    even[(i, j)]
                } else if i == j {
                    1.0
                } else {
                    0.0
                }
            }),
            tb,
        );
        let m2_tree = tree.even_mass2[light_doublet(&tree.even_mixing)];
        let cq = &evo.couplings_q;
        let s = &evo.soft_q;
        let v2 = 2.0 * (self.vevs[0].powi(2) + self.vevs[1].powi(2)); // (246 GeV)^2
        let c2b = (1.0 - tb * tb) / (1.0 + tb * tb);
        let d_term = 0.25 * (cq.g2 * cq.g2 + cq.g1 * cq.g1) * c2b * c2b; // g1 = g' here
        let mu = derived::mu_eff(c.lambda_n, self.vevs[2], c.lambda_s, self.inputs.vev_s);
        let m_a = signed_sqrt(h.charged_mass2).abs().max(1.0);
        let susy = SusyParameters::from_soft(s, tb, mu, m_a, m2_tree / v2 - d_term);
        let mut settings = HiggsMassSettings::with_alpha_s(self.ev.physics.sm.alpha_s_mz);
        // With measured-mass Yukawas the sampled m_top is the top pole mass: the EFT's SM side
        // uses the same one (with the paper's running m_t(Q) the EFT keeps its reference pole mass).
        if self.ev.physics.switches.yukawa_inputs == YukawaInputs::Measured {
            settings.sm.m_top_pole = self.inputs.m_top;
        }
        let Ok(eft) = higgs_mass(&susy, params.q, &settings) else {
            return (f64::NAN, f64::NAN);
        };
        // A CP-even singlet near the SM-like state (docs/physics.md 7b): the fixed-order mass
        // as a second method, its difference from the EFT in the uncertainty.
        let singlet = (0..3)
            .max_by(|&i, &j| {
                h.even_mixing[i][2]
                    .abs()
                    .total_cmp(&h.even_mixing[j][2].abs())
            })
            .unwrap_or(2);
        if !fixed_order::singlet_near(signed_sqrt(h.even_mass2[singlet]), one_loop) {
            return (eft.m_h, eft.uncertainty);
        }
        let Ok(up) = sm_couplings_at(params.q, &settings, eft.m_h) else {
            return (f64::NAN, f64::NAN);
        };
        // The fixed order at the DR-bar v(Q) of the one-loop Pi_ZZ at M_Z run up to Q
        // (model::higgs_mass::z_self_energy) is the reported mass (docs/physics.md 7b, item 6).
        let v_q = drbar_vev_from_mz(&VevFromMzInputs {
            running: RunningAtQ {
                q: params.q,
                state: RgeState {
                    couplings: *cq,
                    soft: *s,
                },
                opts: RgeOptions::from(&self.ev.physics.switches),
                v_d: self.vevs[0],
                v_u: self.vevs[1],
                mu,
            },
            singlino_mass: self.singlino_sign()
                * (2.0 * c.k * self.vevs[2] + c.eta_n * self.inputs.vev_s),
            higgs: h,
        });
        if !v_q.is_finite() {
            return (eft.m_h, eft.uncertainty);
        }
        let (vevs, params_q, even_one_loop) = fixed_order::at_drbar_vev(self.vevs, v_q, c, params);
        let fo = light_singlet_mass(&LightSingletInputs {
            even_one_loop,
            vevs,
            stops_model: StopSector {
                ht: params.ht,
                g3: cq.g3,
                mq2: params.m_q3,
                mu2: params.m_u3,
                a_t: params.a_t,
                m3: s.m3,
                mu,
                dmu_dx: c.lambda_n,
                q: params.q,
            },
            ht_eft: yt_mssm_like(up.yt, up.g3, &susy, params.q) / sb,
            g3_eft: up.g3,
            scalars: ScalarSector::from_potential(vevs, c, &params_q),
            inos: InoSector {
                m1: s.m1,
                m2: s.m2,
                g1: cq.g1,
                g2: cq.g2,
                lambda_n: c.lambda_n,
                mu,
                dmu_dx: c.lambda_n,
                singlino_mass: self.singlino_sign()
                    * (2.0 * c.k * self.vevs[2] + c.eta_n * self.inputs.vev_s),
                dsinglino_dx: self.singlino_sign() * 2.0 * c.k,
            },
        });
        fixed_order::reported_mass((eft.m_h, eft.uncertainty), fo.m_h)
    }

    /// Sign of the singlino mass: d^2 W'/dN^2 = +(2 k x + eta_N y) with W' = -W_HMZ
    /// (docs/physics.md sections 1 and 7); the switch's printed form is d^2 W_HMZ/dN^2 =
    /// -(2 k x + eta_N y).
    fn singlino_sign(&self) -> f64 {
        match self.ev.physics.switches.singlino_sign {
            Form::Derived => 1.0,
            Form::Printed => -1.0,
        }
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
        let higgs_phase = phases::enter(Phase::HiggsMass);
        let m = mass_matrix_blocks(self.vevs, c, params);
        let higgs = higgs_spectrum(&m, self.inputs.tan_beta);
        drop(higgs_phase);
        let [m_top, m_bottom, m_tau] =
            self.yukawa
                .running_masses(cq, (v_d, v_u), &self.ev.physics.sm);
        let sfermions = sfermions(&SfermionInputs {
            soft: *s,
            g1: cq.g1,
            g2: cq.g2,
            v_d,
            v_u,
            mu,
            m_top,
            m_bottom,
            m_tau,
        });
        let pole = pole_masses(&gluino_inputs(
            s.m3,
            cq.g3,
            params.q,
            &sfermions,
            [m_top, m_bottom],
        ));
        Spectrum {
            higgs,
            neutralinos: neutralinos(&NeutralinoInputs {
                m1: s.m1,
                m2: s.m2,
                mu,
                lambda_n: c.lambda_n,
                v_d,
                v_u,
                singlino_mass: self.singlino_sign() * (2.0 * c.k * x + c.eta_n * self.inputs.vev_s),
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
                &SingletCouplings::from(cq),
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
        let m_hd2_eff = params.m_hd2 + dv_gradient[0] / (2.0 * v_d);
        let m_hu2_eff = params.m_hu2 + dv_gradient[1] / (2.0 * v_u);
        let mz2 = (cq.g1 * cq.g1 + cq.g2 * cq.g2) * (v_d * v_d + v_u * v_u) / 2.0;
        let mu2 = derived::mu2_from_relation(m_hd2_eff, m_hu2_eff, tb, mz2);
        let chi1 = spectrum.neutralinos.masses[0].abs();
        let stau1 = spectrum.sfermions.stau.mass2[0].max(0.0).sqrt();
        let relic_inputs = self.relic_inputs(&evo.couplings_m);
        let lhc = self.lhc_derived(spectrum, mz2.sqrt(), cq.g1, cq.g2);
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
            relic: derived::relic_density(&relic_inputs),
            domain_wall: derived::domain_wall(
                cq.lambda_s,
                y,
                self.inputs.lambda_susy,
                self.ev.physics.sm.vev,
            ),
            lhc,
        }
    }

    /// The inputs of the messenger-sneutrino relic density (HMZ Sec. IV): the messenger
    /// annihilation happens at T ~ m_phi/20, far above Q, so the couplings at M.
    fn relic_inputs(&self, couplings_m: &Couplings) -> RelicInputs {
        let y = self.inputs.vev_s;
        RelicInputs {
            eta_n: couplings_m.eta_n,
            k: couplings_m.k,
            lambda_n: couplings_m.lambda_n,
            xi_n: couplings_m.xi_n,
            xi_s: couplings_m.xi_s,
            vev_s: y,
            m_phi: self.inputs.m_phi_over_s * y,
        }
    }

    /// The LHC-era quantities (docs/physics.md sections 8b, 8c): SM-like Higgs, gamma, gravitino
    /// and NLSP decay length with F_0 = f0_over_fs F_S. The messenger sneutrino today is left
    /// [`MessengerDm::NOT_COMPUTED`]: `build_solution` fills it in for viable solutions.
    fn lhc_derived(&self, spectrum: &Spectrum, m_z: f64, g_prime: f64, g2: f64) -> LhcDerived {
        let [v_d, v_u, _] = self.vevs;
        let h = &spectrum.higgs;
        let sm = h.sm_like_index(v_d, v_u);
        let xi2 = h.zz_share(v_d, v_u);
        let f0 = self.ev.physics.f0_over_fs * self.inputs.f_s();
        let sf = &spectrum.sfermions;
        let gravitino = gravitino::gravitino_derived(&NlspInputs {
            neutralino: NeutralinoDecayInputs {
                mass: spectrum.neutralinos.masses[0].abs(),
                n: spectrum.neutralinos.mixing[0],
                sin2_w: g_prime * g_prime / (g_prime * g_prime + g2 * g2),
                tan_beta: self.inputs.tan_beta,
                m_h: h.even_mass2[sm].max(0.0).sqrt(),
                xi2_h: xi2[sm],
                m_z,
                f0,
            },
            stau1: sf.stau.mass2[0].max(0.0).sqrt(),
            selectron_r: sf.selectron_r2.max(0.0).sqrt(),
            m_tau: self.ev.physics.sm.m_tau,
        });
        LhcDerived {
            sm_like_index: sm,
            sm_like_xi2: xi2[sm],
            sm_like_doublet: h.doublet_share()[sm],
            gamma: h.a0_singlet_mixing_angle(),
            gravitino,
            dm: MessengerDm::NOT_COMPUTED,
        }
    }

    /// The first failed check: local minimum, sfermion tachyons, coupling ranges, mass bounds.
    /// The theory checks: a true local minimum, no tachyonic sfermion, couplings in range.
    fn theory_verdict(&self, sol: &Solution) -> Result<(), Rejection> {
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
        for range in &coupling_ranges(self.ev.physics.k_max, self.ev.physics.lambda_n_max) {
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
        Ok(())
    }

    /// The experimental bounds of the scan's bound set (after the theory checks and the Higgs mass).
    fn bound_verdict(&self, sol: &Solution) -> Result<(), Rejection> {
        let h = &sol.spectrum.higgs;
        let sf = &sol.spectrum.sfermions;
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
        let lhc = self.lhc_observables(sol, gluino);
        match self.ev.bounds.first_violation(&masses, Some(&lhc)) {
            Some(r) => Err(r),
            None => Ok(()),
        }
    }

    /// What the `lhc2025` bound set looks at. The Higgs window takes the solution's `m_h` and its
    /// `m_h_uncertainty` (EFT method; the one-loop method has none, and the window is its 2 GeV floor).
    fn lhc_observables(&self, sol: &Solution, gluino: f64) -> LhcObservables {
        let sp = &sol.spectrum;
        let h = &sp.higgs;
        let sf = &sp.sfermions;
        let pole = self.ev.physics.switches.bound_masses == BoundMassKind::Pole;
        let squarks = if pole {
            [
                sp.pole.sup_l,
                sp.pole.sup_r,
                sp.pole.sdown_l,
                sp.pole.sdown_r,
            ]
        } else {
            [sf.sup_l2, sf.sup_r2, sf.sdown_l2, sf.sdown_r2].map(f64::sqrt)
        };
        let lhc = &sol.derived.lhc;
        LhcObservables {
            even_mass: h.even_mass2.map(f64::sqrt),
            even_xi2: h.zz_share(sol.vevs.v_d, sol.vevs.v_u),
            sm_like: lhc.sm_like_index,
            m_h: sol.m_h,
            m_h_uncertainty: sol
                .m_h_uncertainty
                .is_finite()
                .then_some(sol.m_h_uncertainty),
            odd_mass: h.odd_mass2.map(f64::sqrt),
            odd_doublet_share: [h.odd_mixing[0][0].powi(2), h.odd_mixing[1][0].powi(2)],
            charged_higgs: h.charged_mass2.sqrt(),
            tan_beta: self.inputs.tan_beta,
            gluino,
            squark: lhc2025::lightest(&squarks),
            chargino1: sp.charginos.masses[0],
            neutralino1: sp.neutralinos.masses[0].abs(),
            br_chi1_photon: lhc.gravitino.br_photon,
            br_chi1_z: lhc.gravitino.br_z,
            br_chi1_h: lhc.gravitino.br_h,
            neutralino2: sp.neutralinos.masses[1].abs(),
            higgsino_share: [0, 1].map(|i| {
                let n = sp.neutralinos.mixing[i];
                n[2] * n[2] + n[3] * n[3]
            }),
            bino_share: sp.neutralinos.mixing[0][0].powi(2),
            stau1: sf.stau.mass2[0].sqrt(),
            selectron_r: sf.selectron_r2.sqrt(),
            nlsp: lhc.gravitino.nlsp,
            nlsp_ctau_m: lhc.gravitino.nlsp_ctau_m,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::derived::RelicInputs;
    use crate::model::messenger_dm::messenger_dm;
    use crate::point::consistent_plan as plan;

    /// The messenger dark matter is computed for every viable solution, from its couplings at M
    /// (the numbers a full computation for every solution gave), and left NaN on rejected ones.
    #[test]
    fn messenger_dm_on_viable_solutions_only() {
        let plan = plan(Some("hmz1999"));
        let ev = plan.evaluator();
        let (mut viable, mut rejected) = (0, 0);
        for id in 0..4000 {
            let inputs = plan.inputs(id);
            for s in ev.evaluate(&inputs).solutions {
                let dm = s.derived.lhc.dm;
                if s.verdict.is_ok() {
                    let cm = &s.couplings_m;
                    let expected = messenger_dm(&RelicInputs {
                        eta_n: cm.eta_n,
                        k: cm.k,
                        lambda_n: cm.lambda_n,
                        xi_n: cm.xi_n,
                        xi_s: cm.xi_s,
                        vev_s: inputs.vev_s,
                        m_phi: f64::NAN,
                    });
                    assert_eq!(dm, expected, "id {id}");
                    assert!(dm.m_phi_relic.is_finite(), "id {id}: {dm:?}");
                    viable += 1;
                } else {
                    assert!(
                        dm.m_phi_relic.is_nan() && dm.sigma_n_cm2.is_nan(),
                        "id {id}"
                    );
                    rejected += 1;
                }
            }
            if viable >= 3 && rejected >= 50 {
                return;
            }
        }
        panic!("only {viable} viable and {rejected} rejected solutions in ids 0..4000");
    }
}
