//! The mass of the SM-like Higgs for heavy superpartners, by effective field theory
//! (docs/physics.md, "Higgs mass"):
//!
//! 1. [`sm`]: SM MS-bar couplings at M_t from the measured inputs (Buttazzo et al.
//!    arXiv:1307.3536), run up to the matching scale Q ~ M_S with two- and three-loop RGEs;
//! 2. [`matching`]: lambda(Q) from the supersymmetric parameters (tree level, one-loop sfermion and
//!    heavy-Higgs thresholds, two-loop O(alpha_t alpha_s) and O(alpha_t^2); arXiv:1407.4081,
//!    1504.05200, 1703.08166);
//! 3. lambda run down to M_t, and the pole mass from lambda(M_t) ([`sm::SmInputs::pole_mass_from_lambda`]);
//! 4. the theory uncertainty ([`HiggsMass::uncertainty`]): matching-scale variation, the
//!    parametrisation of the two-loop thresholds, O(v^2/M_S^2) terms the EFT drops, and the SM side.
//!
//! [`loop_functions`] holds the threshold loop functions. [`fixed_order`] holds the light-singlet
//! regime (a CP-even singlet near or below the SM-like state, where the SM EFT does not hold): the
//! model's one-loop CP-even matrix with the top/stop loops at the EFT's y_t(Q) and the two-loop
//! O(alpha_t alpha_s) corrections of Degrassi-Slavich, and the criterion that picks the regime;
//! [`z_self_energy`] the one-loop Pi_ZZ that fixes its DR-bar v(Q).

pub mod fixed_order;
pub mod ino_loops;
pub mod loop_functions;
pub mod matching;
pub mod scalar_loops;
pub mod sm;
pub mod z_self_energy;

pub use matching::{LambdaAtMatching, SusyParameters, ThresholdTerms};
pub use sm::{RgeLoops, SmCouplings, SmInputs};

use matching::{lambda_at_matching, yt_mssm_like, MatchingCouplings};

/// Settings of the calculation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HiggsMassSettings {
    pub sm: SmInputs,
    pub loops: RgeLoops,
    pub terms: ThresholdTerms,
    /// Compute the uncertainty (four more runs of the EFT chain).
    pub with_uncertainty: bool,
}

impl Default for HiggsMassSettings {
    fn default() -> Self {
        Self {
            sm: SmInputs::default(),
            loops: RgeLoops::Three,
            terms: ThresholdTerms::default(),
            with_uncertainty: true,
        }
    }
}

/// Why the EFT Higgs mass could not be computed.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum HiggsMassError {
    #[error("matching scale {0} GeV is below the top mass: the SM EFT does not apply")]
    ScaleBelowTop(f64),
    #[error("SM running between M_t and {0} GeV left the perturbative range")]
    Running(f64),
    #[error("lambda(M_t) = {0} is not positive: no Higgs pole mass (unstable SM vacuum at M_t)")]
    NegativeQuartic(f64),
    #[error("invalid input: {0}")]
    Input(&'static str),
}

/// The result: the pole mass, its uncertainty and the pieces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HiggsMass {
    /// Higgs pole mass [GeV].
    pub m_h: f64,
    /// Theory uncertainty [GeV] (0 if not computed): the quadratic sum of the components below.
    pub uncertainty: f64,
    /// Largest shift of m_h for the matching scale at Q/2 and 2Q [GeV].
    pub delta_scale: f64,
    /// Shift of m_h when the two-loop thresholds use the MSSM-like top Yukawa [GeV].
    pub delta_yt: f64,
    /// Estimate of the O(v^2/M_S^2) terms the EFT drops [GeV].
    pub delta_eft: f64,
    /// SM side: the theory errors of lambda(M_t) and y_t(M_t) of Buttazzo et al. [GeV].
    pub delta_sm: f64,
    /// lambda(Q) and its pieces at the central scale.
    pub lambda_matching: LambdaAtMatching,
    /// Matching scale [GeV].
    pub q_match: f64,
}

/// Variation knobs of one run of the EFT chain (all neutral in the central run).
#[derive(Clone, Copy, Debug, Default)]
struct Variation {
    /// Factor on the matching scale.
    scale_factor: f64,
    /// Use the MSSM-like top Yukawa in the two-loop thresholds.
    mssm_yt: bool,
    /// Relative shifts of the one-loop thresholds of the sfermions and heavy doublet, and of the
    /// electroweakinos (O(v^2/M^2) estimate).
    one_loop_rel: f64,
    one_loop_rel_chi: f64,
    /// Shift of y_t(M_t).
    d_yt_mt: f64,
}

impl HiggsMassSettings {
    /// The production settings with the configured alpha_s(M_Z) (the other SM inputs at the
    /// reference point of Buttazzo et al.).
    pub fn with_alpha_s(alpha_s_mz: f64) -> Self {
        Self {
            sm: SmInputs {
                alpha_s_mz,
                ..SmInputs::default()
            },
            ..Self::default()
        }
    }
}

/// The SM-like Higgs pole mass for the supersymmetric parameters `p` given at `q_match`
/// (normally the stop mass scale `p.m_stop()`).
pub fn higgs_mass(
    p: &SusyParameters,
    q_match: f64,
    settings: &HiggsMassSettings,
) -> Result<HiggsMass, HiggsMassError> {
    validate(p, q_match)?;
    let central = Variation {
        scale_factor: 1.0,
        ..Default::default()
    };
    let (m_h, lambda_matching) = run_chain(p, q_match, settings, central, 125.0, 2)?;
    let mut out = HiggsMass {
        m_h,
        uncertainty: 0.0,
        delta_scale: 0.0,
        delta_yt: 0.0,
        delta_eft: 0.0,
        delta_sm: 0.0,
        lambda_matching,
        q_match,
    };
    if !settings.with_uncertainty {
        return Ok(out);
    }
    // Each variation that fails (e.g. Q/2 below M_t) is skipped rather than failing the point.
    // The variations start from the central m_h, so one pass suffices (the quartic of the upward
    // run only enters the other couplings at two loops).
    let shift = |v: Variation| {
        run_chain(p, q_match, settings, v, m_h, 1)
            .map(|(m, _)| (m - m_h).abs())
            .unwrap_or(0.0)
    };
    out.delta_scale = shift(Variation {
        scale_factor: 0.5,
        ..central
    })
    .max(shift(Variation {
        scale_factor: 2.0,
        ..central
    }));
    out.delta_yt = shift(Variation {
        mssm_yt: true,
        ..central
    });
    // O(v^2/M^2): each one-loop threshold times v^2 over the lightest mass it integrates out (as
    // FlexibleSUSY's DeltaEFT): the sfermion part with the stops and gluino, the electroweakino
    // part with M_1, M_2, mu. The factor is capped at 1: a state at or below the weak scale (the
    // light bino of gauge mediation, M_1 ~ 60-130 GeV, v^2/M_1^2 up to 15) leaves its threshold
    // uncertain by its whole size, not by a multiple of it (docs/physics.md 7b, item 4 (c)).
    let v2 = 246.22f64.powi(2);
    let m_light2 = p.mq3_2.abs().min(p.mu3_2.abs()).min(p.m3 * p.m3);
    let m_chi2 = (p.m1 * p.m1).min(p.m2 * p.m2).min(p.mu * p.mu);
    out.delta_eft = shift(Variation {
        one_loop_rel: (v2 / m_light2).min(1.0),
        one_loop_rel_chi: (v2 / m_chi2).min(1.0),
        ..central
    });
    // A shift of lambda(M_t) acts on the pole-mass relation only: no rerun of the chain.
    let lambda_mt = settings.sm.couplings_at_mt(m_h).lambda;
    let d_l = settings
        .sm
        .pole_mass_from_lambda(lambda_mt + 2.0 * sm::LAMBDA_B_TH_ERROR)
        .map_or(0.0, |m| (m - m_h).abs());
    let d_y = shift(Variation {
        d_yt_mt: sm::YT_TH_ERROR,
        ..central
    });
    out.delta_sm = d_l.hypot(d_y);
    out.uncertainty = (out.delta_scale.powi(2)
        + out.delta_yt.powi(2)
        + out.delta_eft.powi(2)
        + out.delta_sm.powi(2))
    .sqrt();
    Ok(out)
}

/// The EFT's SM MS-bar couplings run from M_t up to `q` (with lambda(M_t) for the Higgs mass
/// `m_h`): the top Yukawa and g_3 that the light-singlet regime uses at Q ([`fixed_order`]).
pub fn sm_couplings_at(
    q: f64,
    settings: &HiggsMassSettings,
    m_h: f64,
) -> Result<SmCouplings, HiggsMassError> {
    let mt = settings.sm.m_top_pole;
    if q < mt {
        return Err(HiggsMassError::ScaleBelowTop(q));
    }
    settings
        .sm
        .couplings_at_mt(m_h)
        .run(mt, q, settings.loops, sm::RUN_STEP)
        .ok_or(HiggsMassError::Running(q))
}

fn validate(p: &SusyParameters, q: f64) -> Result<(), HiggsMassError> {
    let finite = [
        p.tan_beta, p.mu, p.m_a, p.m3, p.mq3_2, p.mu3_2, p.md3_2, p.ml3_2, p.me3_2, p.a_t, p.a_b,
        p.a_tau, q,
    ];
    if !finite.iter().all(|v| v.is_finite()) {
        return Err(HiggsMassError::Input(
            "a supersymmetric parameter is not finite",
        ));
    }
    if !(p.tan_beta > 0.0) {
        return Err(HiggsMassError::Input("tan(beta) must be positive"));
    }
    if !(p.mq3_2 > 0.0 && p.mu3_2 > 0.0 && p.md3_2 > 0.0 && p.ml3_2 > 0.0 && p.me3_2 > 0.0) {
        return Err(HiggsMassError::Input(
            "third-generation soft masses squared must be positive",
        ));
    }
    if !(p.m3.abs() > 0.0 && p.m_a > 0.0) {
        return Err(HiggsMassError::Input("M_3 and m_A must be non-zero"));
    }
    Ok(())
}

/// The chain: couplings at M_t, up to Q, lambda(Q), down to M_t, pole mass, `passes` times from
/// the starting `m_h_start`. Two passes from 125 GeV make the M_h used for lambda in the upward run
/// consistent (its effect on the other couplings is of two-loop order).
fn run_chain(
    p: &SusyParameters,
    q_match: f64,
    settings: &HiggsMassSettings,
    v: Variation,
    m_h_start: f64,
    passes: usize,
) -> Result<(f64, LambdaAtMatching), HiggsMassError> {
    let sm_in = settings.sm;
    let mt = sm_in.m_top_pole;
    let q = q_match * v.scale_factor;
    if q < mt {
        return Err(HiggsMassError::ScaleBelowTop(q));
    }
    let mut m_h = m_h_start;
    let mut pieces = LambdaAtMatching::default();
    for _ in 0..passes {
        let mut at_mt = sm_in.couplings_at_mt(m_h);
        at_mt.yt += v.d_yt_mt;
        let up = at_mt
            .run(mt, q, settings.loops, sm::RUN_STEP)
            .ok_or(HiggsMassError::Running(q))?;
        let c = MatchingCouplings {
            sm: up,
            yb: yb_sm(&at_mt, &up),
            ytau: YTAU_SM,
        };
        let yt2 = if v.mssm_yt {
            yt_mssm_like(up.yt, up.g3, p, q)
        } else {
            up.yt
        };
        pieces = lambda_at_matching(&c, p, q, settings.terms, yt2);
        pieces.one_loop *= 1.0 + v.one_loop_rel;
        pieces.one_loop_electroweakino *= 1.0 + v.one_loop_rel_chi;
        let at_q = SmCouplings {
            lambda: pieces.total(),
            ..up
        };
        let down = at_q
            .run(q, mt, settings.loops, sm::RUN_STEP)
            .ok_or(HiggsMassError::Running(q))?;
        let lambda_mt = down.lambda;
        m_h = sm_in
            .pole_mass_from_lambda(lambda_mt)
            .ok_or(HiggsMassError::NegativeQuartic(lambda_mt))?;
    }
    Ok((m_h, pieces))
}

/// SM tau Yukawa, sqrt(2) m_tau/v (its running is negligible here).
const YTAU_SM: f64 = 1.020e-2;

/// SM bottom Yukawa at Q: sqrt(2) m_b(M_t)/v with m_b(M_t) = 2.75 GeV, run with its one-loop QCD
/// anomalous dimension (y_b proportional to g3^(8/7)).
fn yb_sm(at_mt: &SmCouplings, at_q: &SmCouplings) -> f64 {
    1.58e-2 * (at_q.g3 / at_mt.g3).powf(8.0 / 7.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mssm_point(ms: f64, xt_over_ms: f64, tan_beta: f64) -> SusyParameters {
        SusyParameters {
            a_b: xt_over_ms * ms + ms * tan_beta,
            a_tau: xt_over_ms * ms + ms * tan_beta,
            ..SusyParameters::degenerate(ms, xt_over_ms, tan_beta)
        }
    }

    /// Physical behaviour: m_h grows with M_S, is maximal near |X_t/M_S| ~ sqrt(6), and the
    /// uncertainty shrinks with M_S (the O(v^2/M_S^2) part).
    #[test]
    fn qualitative_behaviour() {
        let s = HiggsMassSettings::default();
        let m = |ms: f64, x: f64| higgs_mass(&mssm_point(ms, x, 20.0), ms, &s).unwrap();
        assert!(m(2000.0, 0.0).m_h < m(10000.0, 0.0).m_h);
        assert!(m(10000.0, 0.0).m_h < m(1e6, 0.0).m_h);
        let by_x: Vec<f64> = [0.0, 1.0, 2.0, 2.45, 3.0]
            .iter()
            .map(|&x| m(3000.0, x).m_h)
            .collect();
        assert!(by_x[3] > by_x[0] + 5.0 && by_x[3] > by_x[4], "{by_x:?}");
        assert!(m(1000.0, 2.0).delta_eft > m(10000.0, 2.0).delta_eft);
        for r in [m(2000.0, 0.0), m(5000.0, 2.4), m(1e5, -1.0)] {
            assert!(r.uncertainty > 0.0 && r.uncertainty < 5.0, "{r:?}");
        }
    }

    #[test]
    fn bad_input_names_the_problem() {
        let mut p = mssm_point(2000.0, 0.0, 10.0);
        p.mq3_2 = -1.0;
        assert!(matches!(
            higgs_mass(&p, 2000.0, &HiggsMassSettings::default()),
            Err(HiggsMassError::Input(_))
        ));
        let p = mssm_point(2000.0, 0.0, 10.0);
        assert!(matches!(
            higgs_mass(&p, 100.0, &HiggsMassSettings::default()),
            Err(HiggsMassError::ScaleBelowTop(_))
        ));
    }
}
