//! The Standard-Model side of the Higgs-mass calculation: the MS-bar couplings at the top pole
//! mass from the measured inputs, their renormalisation-group running, and the Higgs pole mass from
//! the quartic lambda(M_t).
//!
//! Conventions (those of Bagnaschi, Giudice, Slavich, Strumia, arXiv:1407.4081, and FlexibleSUSY's
//! SM): `V = m^2 |H|^2 + (lambda/2) |H|^4`, tree-level `m_h^2 = lambda v^2` with `v = 246 GeV`;
//! `g1 = sqrt(5/3) g'` (GUT normalisation); `16 pi^2 dX/dt = beta_X`, `t = ln(Q/GeV)`.
//! Buttazzo et al. (arXiv:1307.3536) write `V = lambda_B (|H|^2 - v^2/2)^2`, so `lambda = 2 lambda_B`.
//!
//! **Inputs at M_t.** Buttazzo et al. (arXiv:1307.3536 v3, eqs. (58)-(62) and the lambda relation of
//! their section 3) give the MS-bar couplings at mu = M_t from the pole masses and alpha_s(M_Z) at
//! full two-loop (NNLO) precision, as linear fits around `M_t = 173.34`, `M_h = 125.15`,
//! `M_W = 80.384 GeV`, `alpha_s(M_Z) = 0.1184`:
//! `lambda_B(M_t) = 0.12604 + 0.00206 (M_h - 125.15) - 0.00004 (M_t - 173.34) +- 0.00030(th)`,
//! `y_t(M_t) = 0.93690 + 0.00556 (M_t - 173.34) - 0.00042 (alpha_s - 0.1184)/0.0007 +- 0.00050(th)`,
//! `g_3(M_t) = 1.1666 + 0.00314 (alpha_s - 0.1184)/0.0007 - 0.00046 (M_t - 173.34)`,
//! `g_2(M_t) = 0.64779 + 0.00004 (M_t - 173.34) + 0.00011 (M_W - 80.384)/0.014`,
//! `g'(M_t) = 0.35830 + 0.00011 (M_t - 173.34) - 0.00020 (M_W - 80.384)/0.014`.
//! The lambda relation is used in the form `lambda_B = (G_F M_h^2/sqrt 2) (c0 + c1 (M_h - 125.15) +
//! c2 (M_t - 173.34))`, whose value and slopes equal the fit at the reference point; factoring out
//! the tree-level `M_h^2` keeps the relation sensible over the 90-140 GeV range the scan meets
//! (there the linear fit itself would be off by `2 lambda_B (Delta M_h / M_h)^2`, 0.7 GeV at 110 GeV).
//!
//! **Running.** Two-loop SM beta functions in (g1, g2, g3, y_t, lambda) (bottom and tau Yukawas
//! neglected), plus the three-loop terms of lambda, y_t and g3 in the couplings (g3, y_t, lambda)
//! (Chetyrkin-Zoller arXiv:1205.2892, 1303.2890; Bednyakov et al. arXiv:1303.4364, 1210.6873;
//! Mihaila-Salomon-Steinhauser arXiv:1201.5868), as collected in FlexibleSUSY's meta/SM/beta_*.m
//! and cross-checked against Buttazzo et al.'s appendix. Three-loop electroweak terms are omitted
//! (their effect on M_h is below 0.05 GeV for M_S < 10^7 GeV).
//! The y_t fit is the program's one copy, `model::yukawa::y_top_at_pole`.

use crate::model::yukawa::{
    y_top_at_pole, BUTTAZZO_ALPHA_S_REF as AS_REF, BUTTAZZO_MT_REF as MT_REF,
};

/// zeta(3).
const ZETA3: f64 = 1.202_056_903_159_594_3;

/// Fermi constant [GeV^-2] (PDG).
pub const G_FERMI: f64 = 1.166_378_7e-5;

/// The measured inputs of the SM side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmInputs {
    /// Top-quark pole mass [GeV].
    pub m_top_pole: f64,
    /// alpha_s(M_Z), MS-bar, five flavours.
    pub alpha_s_mz: f64,
    /// W pole mass [GeV].
    pub m_w: f64,
}

impl Default for SmInputs {
    /// The reference point of Buttazzo et al. (arXiv:1307.3536).
    fn default() -> Self {
        Self {
            m_top_pole: 173.34,
            alpha_s_mz: 0.1184,
            m_w: 80.384,
        }
    }
}

/// SM MS-bar couplings at a scale. `g1` GUT-normalised; `lambda` in the `m_h^2 = lambda v^2`
/// convention (module header).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmCouplings {
    pub g1: f64,
    pub g2: f64,
    pub g3: f64,
    pub yt: f64,
    pub lambda: f64,
}

/// Reference values of the Buttazzo et al. fits.
const MH_REF: f64 = 125.15;
const MW_REF: f64 = 80.384;
const LAMBDA_B_REF: f64 = 0.12604;
const LAMBDA_B_DMH: f64 = 0.00206;
const LAMBDA_B_DMT: f64 = -0.00004;
/// Theoretical uncertainty of lambda_B(M_t) (Buttazzo et al.).
pub const LAMBDA_B_TH_ERROR: f64 = 0.00030;
/// Theoretical uncertainty of y_t(M_t) (Buttazzo et al.).
pub const YT_TH_ERROR: f64 = 0.00050;

impl SmInputs {
    /// The MS-bar gauge and top Yukawa couplings at mu = M_t (fits of Buttazzo et al.), with
    /// lambda from the given Higgs pole mass.
    pub fn couplings_at_mt(&self, m_h: f64) -> SmCouplings {
        let dmt = self.m_top_pole - MT_REF;
        let das = (self.alpha_s_mz - AS_REF) / 0.0007;
        let dmw = (self.m_w - MW_REF) / 0.014;
        let g_prime = 0.35830 + 0.00011 * dmt - 0.00020 * dmw;
        SmCouplings {
            g1: (5.0f64 / 3.0).sqrt() * g_prime,
            g2: 0.64779 + 0.00004 * dmt + 0.00011 * dmw,
            g3: 1.1666 + 0.00314 * das - 0.00046 * dmt,
            yt: y_top_at_pole(self.m_top_pole, self.alpha_s_mz),
            lambda: 2.0 * self.lambda_b(m_h),
        }
    }

    /// Buttazzo's lambda_B(M_t) as a function of the Higgs pole mass (module header).
    fn lambda_b(&self, m_h: f64) -> f64 {
        let tree = |m: f64| G_FERMI * m * m / std::f64::consts::SQRT_2;
        let c0 = LAMBDA_B_REF / tree(MH_REF);
        // d lambda_B/d M_h = 2 lambda_B/M_h + tree c1 at the reference point.
        let c1 = (LAMBDA_B_DMH - 2.0 * LAMBDA_B_REF / MH_REF) / tree(MH_REF);
        let c2 = LAMBDA_B_DMT / tree(MH_REF);
        tree(m_h) * (c0 + c1 * (m_h - MH_REF) + c2 * (self.m_top_pole - MT_REF))
    }

    /// The Higgs pole mass from lambda(M_t) (convention of the module header), inverting
    /// [`Self::lambda_b`] by Newton's method. `None` if lambda(M_t) <= 0 or no root is found.
    pub fn pole_mass_from_lambda(&self, lambda_mt: f64) -> Option<f64> {
        let target = 0.5 * lambda_mt;
        if !(target > 0.0) || !target.is_finite() {
            return None;
        }
        // Start from the tree-level relation scaled to the reference point.
        let mut m = MH_REF * (target / LAMBDA_B_REF).sqrt();
        for _ in 0..50 {
            let f = self.lambda_b(m) - target;
            let h = 1e-3 * m;
            let df = (self.lambda_b(m + h) - self.lambda_b(m - h)) / (2.0 * h);
            if !(df > 0.0) {
                return None;
            }
            let step = f / df;
            m -= step;
            if step.abs() < 1e-10 * m {
                return (m > 0.0).then_some(m);
            }
        }
        None
    }
}

/// Which loop orders the running keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RgeLoops {
    Two,
    /// Two loops plus the three-loop (g3, y_t, lambda) terms of lambda, y_t and g3.
    Three,
}

/// The SM beta functions `dX/dt` (t = ln Q) of (g1, g2, g3, y_t, lambda).
pub fn beta(c: &SmCouplings, loops: RgeLoops) -> SmCouplings {
    let k = 1.0 / (16.0 * std::f64::consts::PI.powi(2));
    let (g1, g2, g3, yt, l) = (c.g1, c.g2, c.g3, c.yt, c.lambda);
    let (g12, g22, g32, yt2) = (g1 * g1, g2 * g2, g3 * g3, yt * yt);
    let (g14, g24, g34, yt4) = (g12 * g12, g22 * g22, g32 * g32, yt2 * yt2);

    // One loop.
    let b1_g1 = 41.0 / 10.0 * g1 * g12;
    let b1_g2 = -19.0 / 6.0 * g2 * g22;
    let b1_g3 = -7.0 * g3 * g32;
    let b1_yt = yt * (4.5 * yt2 - 17.0 / 20.0 * g12 - 9.0 / 4.0 * g22 - 8.0 * g32);
    let b1_l = 12.0 * l * l - 12.0 * yt4
        + l * (12.0 * yt2 - 9.0 / 5.0 * g12 - 9.0 * g22)
        + 27.0 / 100.0 * g14
        + 9.0 / 10.0 * g12 * g22
        + 9.0 / 4.0 * g24;

    // Two loops (Machacek-Vaughn; Luo-Xiao; Buttazzo et al. appendix A).
    let b2_g1 =
        g1 * g12 * (199.0 / 50.0 * g12 + 27.0 / 10.0 * g22 + 44.0 / 5.0 * g32 - 17.0 / 10.0 * yt2);
    let b2_g2 = g2 * g22 * (9.0 / 10.0 * g12 + 35.0 / 6.0 * g22 + 12.0 * g32 - 1.5 * yt2);
    let b2_g3 = g3 * g32 * (11.0 / 10.0 * g12 + 4.5 * g22 - 26.0 * g32 - 2.0 * yt2);
    let b2_yt = -12.0 * yt * yt4 - 6.0 * yt * yt2 * l
        + yt * yt2 * (393.0 / 80.0 * g12 + 225.0 / 16.0 * g22 + 36.0 * g32)
        + 1.5 * yt * l * l
        + yt * (1187.0 / 600.0 * g14 - 9.0 / 20.0 * g12 * g22 + 19.0 / 15.0 * g12 * g32
            - 23.0 / 4.0 * g24
            + 9.0 * g22 * g32
            - 108.0 * g34);
    let b2_l = -3411.0 / 1000.0 * g14 * g12 - 1677.0 / 200.0 * g14 * g22 - 289.0 / 40.0 * g12 * g24
        + 305.0 / 8.0 * g24 * g22
        + 60.0 * yt4 * yt2
        + yt4 * (-16.0 / 5.0 * g12 - 64.0 * g32)
        + yt2 * (-171.0 / 50.0 * g14 + 63.0 / 5.0 * g12 * g22 - 4.5 * g24)
        - 78.0 * l * l * l
        + l * l * (54.0 / 5.0 * g12 + 54.0 * g22 - 72.0 * yt2)
        + l * (1887.0 / 200.0 * g14 + 117.0 / 20.0 * g12 * g22 + 8.5 * g12 * yt2
            - 73.0 / 8.0 * g24
            + 22.5 * g22 * yt2
            + 80.0 * g32 * yt2
            - 3.0 * yt4);

    let mut out = SmCouplings {
        g1: k * b1_g1 + k * k * b2_g1,
        g2: k * b1_g2 + k * k * b2_g2,
        g3: k * b1_g3 + k * k * b2_g3,
        yt: k * b1_yt + k * k * b2_yt,
        lambda: k * b1_l + k * k * b2_l,
    };
    if loops == RgeLoops::Three {
        let k3 = k * k * k;
        let z3 = ZETA3;
        // Three loops, terms in (g3, y_t, lambda) only.
        let b3_g3 = g3 * (65.0 / 2.0 * g34 * g32 - 40.0 * g34 * yt2 + 15.0 * g32 * yt4);
        let b3_yt = -157.0 * g32 * yt4 * yt
            + yt * yt2 * yt4 * (27.0 / 2.0 * z3 + 339.0 / 8.0)
            + 15.0 / 16.0 * yt * yt2 * l * l
            + yt * yt2 * g34 * (3827.0 / 6.0 - 228.0 * z3)
            - 4.5 * yt * l * l * l
            + yt * g34 * g32 * (640.0 * z3 - 4166.0 / 3.0)
            + l * (8.0 * g32 * yt * yt2 + 99.0 * yt * yt4);
        let b3_l = yt4 * yt4 * (-144.0 * z3 - 1599.0 / 2.0)
            + yt4 * yt2 * g32 * (960.0 * z3 - 152.0)
            + yt4 * g34 * (128.0 * z3 - 1064.0 / 3.0)
            + 873.0 / 2.0 * yt2 * l * l * l
            + l * l * l * l * (504.0 * z3 + 897.0)
            + l * l
                * (1152.0 * z3 * g32 * yt2 - 1224.0 * g32 * yt2
                    + 756.0 * z3 * yt4
                    + 1719.0 / 2.0 * yt4)
            + l * (-96.0 * z3 * g34 * yt2 + 2488.0 / 3.0 * g34 * yt2 - 2592.0 * z3 * g32 * yt4
                + 1790.0 * g32 * yt4
                - 396.0 * z3 * yt4 * yt2
                + 117.0 / 4.0 * yt4 * yt2);
        out.g3 += k3 * b3_g3;
        out.yt += k3 * b3_yt;
        out.lambda += k3 * b3_l;
    }
    out
}

impl SmCouplings {
    fn axpy(&self, a: f64, d: &SmCouplings) -> SmCouplings {
        SmCouplings {
            g1: self.g1 + a * d.g1,
            g2: self.g2 + a * d.g2,
            g3: self.g3 + a * d.g3,
            yt: self.yt + a * d.yt,
            lambda: self.lambda + a * d.lambda,
        }
    }

    fn is_finite(&self) -> bool {
        [self.g1, self.g2, self.g3, self.yt, self.lambda]
            .iter()
            .all(|v| v.is_finite() && v.abs() < 10.0)
    }

    /// Runs the couplings from `q_from` to `q_to` [GeV] with a classical fourth-order Runge-Kutta
    /// at steps of at most `max_step` in ln Q. `None` if a coupling leaves |x| < 10.
    pub fn run(
        &self,
        q_from: f64,
        q_to: f64,
        loops: RgeLoops,
        max_step: f64,
    ) -> Option<SmCouplings> {
        let span = (q_to / q_from).ln();
        let n = ((span.abs() / max_step).ceil() as usize).max(1);
        let h = span / n as f64;
        let mut y = *self;
        for _ in 0..n {
            let k1 = beta(&y, loops);
            let k2 = beta(&y.axpy(0.5 * h, &k1), loops);
            let k3 = beta(&y.axpy(0.5 * h, &k2), loops);
            let k4 = beta(&y.axpy(h, &k3), loops);
            y = SmCouplings {
                g1: y.g1 + h / 6.0 * (k1.g1 + 2.0 * k2.g1 + 2.0 * k3.g1 + k4.g1),
                g2: y.g2 + h / 6.0 * (k1.g2 + 2.0 * k2.g2 + 2.0 * k3.g2 + k4.g2),
                g3: y.g3 + h / 6.0 * (k1.g3 + 2.0 * k2.g3 + 2.0 * k3.g3 + k4.g3),
                yt: y.yt + h / 6.0 * (k1.yt + 2.0 * k2.yt + 2.0 * k3.yt + k4.yt),
                lambda: y.lambda
                    + h / 6.0 * (k1.lambda + 2.0 * k2.lambda + 2.0 * k3.lambda + k4.lambda),
            };
            if !y.is_finite() {
                return None;
            }
        }
        Some(y)
    }
}

/// The default step in ln Q of the SM running (checked against half the step in the tests).
pub const RUN_STEP: f64 = 0.25;

#[cfg(test)]
mod tests {
    use super::*;

    /// The fits reproduce themselves at the reference point and the inverse is exact.
    #[test]
    fn lambda_relation_round_trip() {
        let sm = SmInputs::default();
        let c = sm.couplings_at_mt(125.15);
        assert!((c.lambda / 2.0 - 0.12604).abs() < 1e-12);
        let up = sm.couplings_at_mt(126.15).lambda / 2.0 - 0.12604;
        // Slope of the fit (finite difference over 1 GeV; the curvature is 2 lambda_B/M_h^2).
        assert!((up - 0.00206).abs() < 2.0e-5, "slope {up}");
        for m in [95.0, 115.0, 125.0, 135.0] {
            let l = sm.couplings_at_mt(m).lambda;
            let back = sm.pole_mass_from_lambda(l).unwrap();
            assert!((back - m).abs() < 1e-8, "{m} -> {back}");
        }
        assert!(sm.pole_mass_from_lambda(-0.01).is_none());
    }

    /// One-loop beta of lambda against the Buttazzo normalisation (beta_B = 24 lambda_B^2 -
    /// 6 y_t^4 + ...; lambda = 2 lambda_B) in the gaugeless limit.
    #[test]
    fn one_loop_lambda_normalisation() {
        let c = SmCouplings {
            g1: 0.0,
            g2: 0.0,
            g3: 0.0,
            yt: 0.9,
            lambda: 0.26,
        };
        let k = 1.0 / (16.0 * std::f64::consts::PI.powi(2));
        let lb = 0.13;
        let beta_b = 24.0 * lb * lb - 6.0 * 0.9f64.powi(4) + 12.0 * 0.81 * lb;
        // Two-loop part (Buttazzo et al.): -312 lb^3 - 144 lb^2 yt^2 - 3 lb yt^4 + 30 yt^6.
        let beta_b2 = -312.0 * lb.powi(3) - 144.0 * lb * lb * 0.81 - 3.0 * lb * 0.9f64.powi(4)
            + 30.0 * 0.9f64.powi(6);
        let got = beta(&c, RgeLoops::Two).lambda;
        let want = 2.0 * (k * beta_b + k * k * beta_b2);
        assert!(
            (got - want).abs() < 1e-12 * want.abs().max(1.0),
            "{got} vs {want}"
        );
    }

    /// Running up and back down recovers the start; halving the step changes nothing visible.
    #[test]
    fn running_is_reversible_and_converged() {
        let c0 = SmInputs::default().couplings_at_mt(125.15);
        let up = c0.run(173.34, 1e7, RgeLoops::Three, RUN_STEP).unwrap();
        let fine = c0
            .run(173.34, 1e7, RgeLoops::Three, RUN_STEP / 4.0)
            .unwrap();
        for (a, b) in [(up.lambda, fine.lambda), (up.yt, fine.yt), (up.g3, fine.g3)] {
            assert!((a - b).abs() < 1e-8, "{a} vs {b}");
        }
        let back = up.run(1e7, 173.34, RgeLoops::Three, RUN_STEP).unwrap();
        assert!((back.lambda - c0.lambda).abs() < 1e-9);
        assert!((back.g1 - c0.g1).abs() < 1e-9);
    }

    /// The SM running from M_t to the Planck scale against Buttazzo et al. (arXiv:1307.3536,
    /// eq. (64) and figure 2, their three-loop running): lambda_B(M_Pl) = -0.0143 for the reference
    /// inputs, with d lambda_B(M_Pl)/d M_t = -0.0066 per GeV. The tolerance 0.0015 corresponds to
    /// 0.2 GeV of M_t; our running omits the three-loop electroweak terms.
    #[test]
    fn lambda_at_planck_scale_matches_buttazzo() {
        let c0 = SmInputs::default().couplings_at_mt(125.15);
        let pl = c0.run(173.34, 1.22e19, RgeLoops::Three, RUN_STEP).unwrap();
        let lb = pl.lambda / 2.0;
        assert!((lb - (-0.0143)).abs() < 0.0015, "lambda_B(M_Pl) = {lb}");
    }
}
