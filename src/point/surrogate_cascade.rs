//! The first-Q Newton cascade of the threshold-on search on a tabulated surrogate of the running
//! (`solver.surrogate_cascade`, docs/physics.md section 5b, "The cascade on a surrogate").
//!
//! With `singlet_decoupling = "at_mass_threshold"` in the consistent RGE set every start of the
//! search (point::search, `search_roots`) is converged by the Newton cascade with the full model,
//! each residual a fresh RG evolution and the threshold; most of those evolutions are spent at the
//! first Q, by starts that never converge. At a fixed Q the running depends on the unknowns only
//! through s = xi_N^2 and the decoupling scale Q_dec (point::threshold_roots, whose tabulation in
//! (s, ln Q_dec) is used here: 18 RG runs per Q), so at the first Q of each start:
//! - the cascade runs on [`SurrogateModel`]: the running interpolated from the tabulation at that Q
//!   (one per distinct first Q of the point, shared by its starts), the threshold evaluated
//!   exactly at the trial couplings;
//! - where the tabulation cannot vouch for the exact model's verdict (|xi_N| beyond the tabulated
//!   range, an eta near the perturbative limit at M, where the exact run may refuse), the exact
//!   model is evaluated instead, so the cascade sees the same failures;
//! - a converged surrogate solution is polished by the cascade on the exact model at the same Q;
//!   the Q iteration after it is point::search's, unchanged.
//!
//! Owns only the first-Q solve; the tabulation is threshold_roots', the Q iteration search's.

use super::setup::{FixedScaleModel, PointSetup, REUSE_ETA_N_MARGIN};
use super::threshold_roots::Tabulated;
use crate::constraints::Rejection;
use crate::model::potential::{PotentialParams, SingletCouplings};
use crate::model::rge::PERTURBATIVE_LIMIT;
use crate::solve::roots::ScaleModel;
use crate::solve::{solve_at_scale, SolveResult, StationarityModel};

/// The point's model at a fixed Q with the running taken from a tabulation at that Q.
pub(super) struct SurrogateModel<'t, 'p, 'a> {
    pub(super) point: &'p PointSetup<'a>,
    pub(super) tab: &'t Tabulated,
    pub(super) q: f64,
}

impl SurrogateModel<'_, '_, '_> {
    /// Whether the exact RG run at `c` would succeed for certain: |xi_N| within the tabulated range
    /// (the runs there succeeded) and both etas, run to M with the tabulated factors e_N and e_S
    /// (their running is homogeneous), within [`REUSE_ETA_N_MARGIN`] of the perturbative limit
    /// (the margin `params_at` asks of a reused run). Without the F_S terms' factors, never.
    fn covers(&self, c: &SingletCouplings<f64>, p: &PotentialParams) -> bool {
        let limit = REUSE_ETA_N_MARGIN * PERTURBATIVE_LIMIT;
        c.xi_n.abs() <= self.tab.u_max
            && p.fs.is_some_and(|fs| {
                (c.eta_n / fs.e_n).abs() <= limit && (c.eta_s / fs.e_s).abs() <= limit
            })
    }
}

impl StationarityModel for SurrogateModel<'_, '_, '_> {
    fn params(&self, c: &SingletCouplings<f64>) -> Result<PotentialParams, Rejection> {
        let p = self.point.tabulated_params(self.tab, c, self.q);
        if self.covers(c, &p) {
            Ok(p)
        } else {
            self.point.params_at(self.q, c)
        }
    }
}

/// The tabulations of one point's search, one per distinct first Q (None: the tabulation failed
/// there, and the starts at that Q run the cascade on the exact model).
#[derive(Default)]
pub(super) struct Tabulations {
    at: Vec<(f64, Option<Tabulated>)>,
}

impl PointSetup<'_> {
    /// The tabulation at `q` (made at the first call for that Q).
    pub(super) fn tabulation_at<'t>(
        &self,
        tabs: &'t mut Tabulations,
        base: &SingletCouplings<f64>,
        q: f64,
    ) -> Option<&'t Tabulated> {
        let i = match tabs.at.iter().position(|(at, _)| *at == q) {
            Some(i) => i,
            None => {
                tabs.at.push((q, self.tabulate(base, q).ok()));
                tabs.at.len() - 1
            }
        };
        tabs.at[i].1.as_ref()
    }

    /// The first-Q solve from `start`: the cascade on the surrogate, then, from its solution, the
    /// cascade on the exact model. A start that does not converge on the surrogate ends there.
    pub(super) fn solve_on_surrogate(
        &self,
        tab: &Tabulated,
        q: f64,
        start: &SingletCouplings<f64>,
    ) -> SolveResult {
        let settings = &self.ev.ewsb;
        let surrogate = SurrogateModel {
            point: self,
            tab,
            q,
        };
        match solve_at_scale(&surrogate, self.vevs, self.unknowns(), start, settings) {
            SolveResult::Converged(c) => {
                let exact = FixedScaleModel { point: self, q };
                solve_at_scale(&exact, self.vevs, self.unknowns(), &c.couplings, settings)
            }
            failed => failed,
        }
    }
}

#[cfg(test)]
mod tests {
    //! The surrogate against the exact model (a fresh RG evolution at the same couplings).
    use super::*;
    use crate::model::potential::stationarity;
    use crate::point::consistent_plan;

    /// At ids 0, 15 and 42 of configs/consistent.toml, at 200 pseudo-random couplings each over
    /// the solutions' range (|xi_N| <= 3, |eta_N| <= 3, |eta_S| <= 0.05) at Q = 700 GeV: where the
    /// surrogate covers the couplings its scaled stationarity conditions equal the exact model's to
    /// 1e-7 (measured 6.1e-9 at worst, docs/physics.md 5b), and where it does not it returns the exact
    /// model's result, failure included.
    #[test]
    fn the_surrogate_reproduces_the_exact_model() {
        let plan = consistent_plan(None);
        let ev = plan.evaluator();
        let q = 700.0;
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut uniform = |lo: f64, hi: f64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            lo + (hi - lo) * (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let (mut covered, mut worst) = (0, 0.0_f64);
        for id in [0, 15, 42] {
            let inputs = plan.inputs(id);
            let point = PointSetup::new(&ev, &inputs, (0.01 * inputs.lambda_susy, inputs.lambda_n))
                .unwrap();
            let base = SingletCouplings {
                xi_n: 0.0,
                eta_s: 0.005,
                eta_n: 1.0,
                ..point.input_couplings()
            };
            let tab = point.tabulate(&base, q).unwrap();
            let model = SurrogateModel {
                point: &point,
                tab: &tab,
                q,
            };
            for _ in 0..200 {
                let c = SingletCouplings {
                    xi_n: uniform(-3.0, 3.0),
                    eta_s: uniform(-0.05, 0.05),
                    eta_n: uniform(-3.0, 3.0),
                    ..base.clone()
                };
                let exact = point.params_at(q, &c);
                let surrogate = model.params(&c);
                if !model.covers(&c, &point.tabulated_params(&tab, &c, q)) {
                    assert_eq!(
                        format!("{surrogate:?}"),
                        format!("{exact:?}"),
                        "id {id} {c:?}"
                    );
                    continue;
                }
                covered += 1;
                let exact = stationarity(point.vevs, &c, &exact.unwrap()).scaled();
                let surrogate = stationarity(point.vevs, &c, &surrogate.unwrap()).scaled();
                for i in 0..3 {
                    worst = worst.max((exact[i] - surrogate[i]).abs());
                }
            }
        }
        assert!(covered > 300, "{covered} of 600 covered");
        assert!(worst < 1e-7, "largest difference {worst:e}");
    }
}
