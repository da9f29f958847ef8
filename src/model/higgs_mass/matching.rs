//! The quartic coupling of the SM-like Higgs at the matching scale Q ~ M_S: the supersymmetric
//! theory integrated out at one and two loops, expressed in SM MS-bar couplings at Q.
//!
//! Convention `m_h^2 = lambda v^2` (see [`super::sm`]). Equation numbers refer to Bagnaschi,
//! Giudice, Slavich, Strumia, arXiv:1407.4081 ("BGSS"), Vega-Villadoro arXiv:1504.05200 ("VV") and
//! Bagnaschi et al. arXiv:1703.08166; the transcriptions were checked against FlexibleSUSY's
//! meta/SM/HSSUSY_corrections.m (which collects the same formulas):
//! - tree level (BGSS eq. 3): `(g2^2 + g'^2)/4 cos^2(2 beta)`, plus a model-specific addition
//!   (the NMSSM's `lambda_N^2 sin^2(2 beta)/2` and the singlet-exchange shift, computed by the caller);
//! - DR-bar to MS-bar conversion of the gauge part (BGSS eq. 9);
//! - one-loop sfermion and heavy-Higgs thresholds (BGSS eq. 10; sbottom and stau pieces of
//!   arXiv:1703.08166 and VV, with the SM bottom and tau Yukawas, no tan(beta) resummation);
//! - two-loop O(alpha_t alpha_s) for general stop and gluino masses (BGSS eq. 35-36, the general
//!   expression provided by P. Slavich), tested against its degenerate limits;
//! - two-loop O(alpha_t^2) in the limit of degenerate stops and CP-odd Higgs (VV eq. 21).
//! - one-loop chargino/neutralino threshold (BGSS eq. 11-13) for general M_1, M_2, mu, with the
//!   electroweakinos integrated out at Q (no intermediate EFT when they are lighter).

use std::f64::consts::PI;

use super::loop_functions::{f1t, f2t, f3t, f4t, f5t, f6t, f9t, li2, regular2};
use super::sm::SmCouplings;

/// DR-bar parameters of the supersymmetric theory at the matching scale (SLHA conventions:
/// X_t = A_t - mu cot(beta), gluino mass M_3 > 0 with the sign of A_t relative to it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SusyParameters {
    pub tan_beta: f64,
    pub mu: f64,
    /// CP-odd Higgs mass [GeV] (m_A of the MSSM; the heavy doublet's mass in the NMSSM).
    pub m_a: f64,
    /// Bino, wino and gluino masses M_1, M_2, M_3 [GeV].
    pub m1: f64,
    pub m2: f64,
    pub m3: f64,
    /// Third-generation soft masses squared [GeV^2].
    pub mq3_2: f64,
    pub mu3_2: f64,
    pub md3_2: f64,
    pub ml3_2: f64,
    pub me3_2: f64,
    /// First/second-generation soft masses squared (each generation) [GeV^2].
    pub mq12_2: f64,
    pub mu12_2: f64,
    pub md12_2: f64,
    pub ml12_2: f64,
    pub me12_2: f64,
    /// Trilinears a_t, a_b, a_tau (SLHA A_f) [GeV].
    pub a_t: f64,
    pub a_b: f64,
    pub a_tau: f64,
    /// Addition to the tree-level quartic beyond the MSSM D-terms (0 in the MSSM).
    pub lambda_tree_extra: f64,
}

impl SusyParameters {
    /// The degenerate benchmark of the EFT literature and of the reference fixtures: every soft
    /// mass squared `m_s^2`, M_3 = mu = m_A = `m_s`, X_t = `x_t_over_ms` m_s, A_b = A_tau = 0, no
    /// tree-level quartic beyond the MSSM D-term.
    pub fn degenerate(m_s: f64, x_t_over_ms: f64, tan_beta: f64) -> Self {
        let m2 = m_s * m_s;
        Self {
            tan_beta,
            mu: m_s,
            m_a: m_s,
            m1: m_s,
            m2: m_s,
            m3: m_s,
            mq3_2: m2,
            mu3_2: m2,
            md3_2: m2,
            ml3_2: m2,
            me3_2: m2,
            mq12_2: m2,
            mu12_2: m2,
            md12_2: m2,
            ml12_2: m2,
            me12_2: m2,
            a_t: x_t_over_ms * m_s + m_s / tan_beta,
            a_b: 0.0,
            a_tau: 0.0,
            lambda_tree_extra: 0.0,
        }
    }

    /// The parameters from the model's soft terms at Q (uniform convention = SLHA for the
    /// third-generation trilinears and gaugino masses), tan(beta), mu (SLHA sign), the heavy
    /// doublet's mass and the tree-level quartic beyond the MSSM D-term.
    pub fn from_soft(
        soft: &crate::model::params::SoftTerms,
        tan_beta: f64,
        mu: f64,
        m_a: f64,
        lambda_tree_extra: f64,
    ) -> Self {
        Self {
            tan_beta,
            mu,
            m_a,
            m1: soft.m1,
            m2: soft.m2,
            m3: soft.m3,
            mq3_2: soft.mq3,
            mu3_2: soft.mu3,
            md3_2: soft.md3,
            ml3_2: soft.ml3,
            me3_2: soft.me3,
            mq12_2: soft.mq1,
            mu12_2: soft.mu1,
            md12_2: soft.md1,
            ml12_2: soft.ml1,
            me12_2: soft.me1,
            a_t: soft.a_t,
            a_b: soft.a_b,
            a_tau: soft.a_tau,
            lambda_tree_extra,
        }
    }

    /// The geometric mean of the stop soft masses, the natural matching scale.
    pub fn m_stop(&self) -> f64 {
        (self.mq3_2 * self.mu3_2).sqrt().sqrt()
    }

    fn cos2b(&self) -> f64 {
        let t2 = self.tan_beta * self.tan_beta;
        (1.0 - t2) / (1.0 + t2)
    }

    /// X_t = A_t - mu cot(beta).
    pub fn x_t(&self) -> f64 {
        self.a_t - self.mu / self.tan_beta
    }
}

/// The SM couplings needed at Q, plus the small bottom and tau Yukawas of the SM.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatchingCouplings {
    pub sm: SmCouplings,
    pub yb: f64,
    pub ytau: f64,
}

/// Which pieces of the threshold to include (all in production; tests switch them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThresholdTerms {
    pub one_loop: bool,
    pub two_loop_at_as: bool,
    pub two_loop_at_at: bool,
}

impl Default for ThresholdTerms {
    fn default() -> Self {
        Self {
            one_loop: true,
            two_loop_at_as: true,
            two_loop_at_at: true,
        }
    }
}

/// The pieces of lambda(Q), reported for diagnostics and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LambdaAtMatching {
    pub tree: f64,
    /// One loop without the electroweakinos: DR-bar conversion, sfermions, heavy doublet.
    pub one_loop: f64,
    /// One loop, charginos and neutralinos (BGSS eq. 11-13).
    pub one_loop_electroweakino: f64,
    pub two_loop_at_as: f64,
    pub two_loop_at_at: f64,
}

impl LambdaAtMatching {
    pub fn total(&self) -> f64 {
        self.tree
            + self.one_loop
            + self.one_loop_electroweakino
            + self.two_loop_at_as
            + self.two_loop_at_at
    }
}

const K: f64 = 1.0 / (16.0 * PI * PI);

/// lambda(Q) from the supersymmetric parameters at Q.
pub fn lambda_at_matching(
    c: &MatchingCouplings,
    p: &SusyParameters,
    q: f64,
    terms: ThresholdTerms,
    yt_in_two_loop: f64,
) -> LambdaAtMatching {
    let tree = tree_level(&c.sm, p);
    LambdaAtMatching {
        tree,
        one_loop: if terms.one_loop {
            one_loop_regularisation(&c.sm, p) + one_loop_sfermions_and_heavy_higgs(c, p, q, tree)
        } else {
            0.0
        },
        one_loop_electroweakino: if terms.one_loop {
            one_loop_electroweakinos(&c.sm, p, q, tree)
        } else {
            0.0
        },
        two_loop_at_as: if terms.two_loop_at_as {
            two_loop_at_as(yt_in_two_loop, c.sm.g3, p, q)
        } else {
            0.0
        },
        two_loop_at_at: if terms.two_loop_at_at {
            two_loop_at_at(yt_in_two_loop, p, q)
        } else {
            0.0
        },
    }
}

/// BGSS eq. (3) plus the model's addition.
pub fn tree_level(c: &SmCouplings, p: &SusyParameters) -> f64 {
    0.25 * (c.g2 * c.g2 + 0.6 * c.g1 * c.g1) * p.cos2b().powi(2) + p.lambda_tree_extra
}

/// BGSS eq. (9): the DR-bar to MS-bar conversion of the tree-level D-term quartic.
pub fn one_loop_regularisation(c: &SmCouplings, p: &SusyParameters) -> f64 {
    let (g12, g22) = (c.g1 * c.g1, c.g2 * c.g2);
    K * (-9.0 / 100.0 * g12 * g12 - 0.3 * g12 * g22 - (0.75 - p.cos2b().powi(2) / 6.0) * g22 * g22)
}

/// BGSS eq. (10) (stops, first two generations, heavy Higgs doublet) plus the sbottom and stau
/// terms of arXiv:1703.08166 / VV in the same form.
pub fn one_loop_sfermions_and_heavy_higgs(
    c: &MatchingCouplings,
    p: &SusyParameters,
    q: f64,
    _tree: f64,
) -> f64 {
    let sm = &c.sm;
    let (g12, g22) = (sm.g1 * sm.g1, sm.g2 * sm.g2);
    let (yt2, yb2, ytau2) = (sm.yt * sm.yt, c.yb * c.yb, c.ytau * c.ytau);
    let c2b = p.cos2b();
    let q2 = q * q;
    let lg = |m2: f64| (m2.abs() / q2).ln();
    let beta = p.tan_beta.atan();

    // Stops: logarithms with the D-term pieces, and the mixing terms.
    let x_qu = (p.mq3_2 / p.mu3_2).abs().sqrt();
    let xt_tilde = p.x_t().powi(2) / (p.mq3_2 * p.mu3_2).abs().sqrt();
    let stop = 3.0 * yt2 * (yt2 + 0.5 * (g22 - g12 / 5.0) * c2b) * lg(p.mq3_2)
        + 3.0 * yt2 * (yt2 + 0.4 * g12 * c2b) * lg(p.mu3_2)
        + 6.0 * yt2 * yt2 * xt_tilde * (f1t(x_qu) - xt_tilde / 12.0 * f2t(x_qu))
        + 0.75 * yt2 * xt_tilde * c2b * (0.6 * g12 * f3t(x_qu) + g22 * f4t(x_qu))
        - 0.25 * yt2 * xt_tilde * c2b * c2b * (0.6 * g12 + g22) * f5t(x_qu);

    // Sbottoms (X_b = A_b - mu tan(beta)).
    let x_qd = (p.mq3_2 / p.md3_2).abs().sqrt();
    let xb = p.a_b - p.mu * p.tan_beta;
    let xb_tilde = xb * xb / (p.mq3_2 * p.md3_2).abs().sqrt();
    let sbottom = 6.0 * xb_tilde * yb2 * yb2 * (f1t(x_qd) - xb_tilde / 12.0 * f2t(x_qd))
        + 0.75 * xb_tilde * yb2 * c2b * (-0.3 * g12 * f3t(x_qd) + (-0.3 * g12 - g22) * f4t(x_qd))
        - 0.25 * (0.6 * g12 + g22) * xb_tilde * yb2 * c2b * c2b * f5t(x_qd)
        + 3.0 * yb2 * (yb2 - 0.5 * (g22 + g12 / 5.0) * c2b) * lg(p.mq3_2)
        + 3.0 * yb2 * (yb2 - 0.2 * g12 * c2b) * lg(p.md3_2);

    // Staus (X_tau = A_tau - mu tan(beta)).
    let x_le = (p.ml3_2 / p.me3_2).abs().sqrt();
    let xtau = p.a_tau - p.mu * p.tan_beta;
    let xtau_tilde = xtau * xtau / (p.ml3_2 * p.me3_2).abs().sqrt();
    let stau = 2.0 * xtau_tilde * ytau2 * ytau2 * (f1t(x_le) - xtau_tilde / 12.0 * f2t(x_le))
        + 0.25
            * xtau_tilde
            * ytau2
            * c2b
            * (-0.9 * g12 * f3t(x_le) + (0.3 * g12 - g22) * f4t(x_le))
        - (0.6 * g12 + g22) * xtau_tilde * ytau2 * c2b * c2b * f5t(x_le) / 12.0
        + ytau2 * (ytau2 - 0.6 * g12 * c2b) * lg(p.me3_2)
        + ytau2 * (ytau2 - 0.5 * (g22 - 0.6 * g12) * c2b) * lg(p.ml3_2);

    // D-term-squared logarithms of all sfermions (three generations).
    let (g14, g24) = (g12 * g12, g22 * g22);
    let d_terms = c2b * c2b / 300.0
        * (3.0 * (g14 + 25.0 * g24) * (2.0 * lg(p.mq12_2) + lg(p.mq3_2))
            + 24.0 * g14 * (2.0 * lg(p.mu12_2) + lg(p.mu3_2))
            + 6.0 * g14 * (2.0 * lg(p.md12_2) + lg(p.md3_2))
            + (9.0 * g14 + 25.0 * g24) * (2.0 * lg(p.ml12_2) + lg(p.ml3_2))
            + 18.0 * g14 * (2.0 * lg(p.me12_2) + lg(p.me3_2)));

    // Heavy Higgs doublet.
    let heavy_higgs = 1.0 / 4800.0
        * (261.0 * g14 + 630.0 * g12 * g22 + 1325.0 * g24
            - 4.0 * (4.0 * beta).cos() * (9.0 * g14 + 90.0 * g12 * g22 + 175.0 * g24)
            - 9.0 * (8.0 * beta).cos() * (3.0 * g12 + 5.0 * g22).powi(2))
        * lg(p.m_a * p.m_a)
        - 3.0 / 16.0 * (0.6 * g12 + g22).powi(2) * (4.0 * beta).sin().powi(2);

    K * (stop + sbottom + stau + d_terms + heavy_higgs)
}

/// BGSS eq. (11)-(13): the chargino/neutralino threshold, with the higgsino-gaugino-Higgs
/// couplings at tree level, `g~_1u = g' sin(beta)`, `g~_1d = g' cos(beta)`, `g~_2u = g_2 sin(beta)`,
/// `g~_2d = g_2 cos(beta)`, r1 = M_1/mu, r2 = M_2/mu, and `tree` the tree-level quartic (the
/// MSSM's D-term, plus in a singlet model its tree-level addition, which the wave-function terms
/// multiply). Transcription checked against FlexibleSUSY's meta/SM/HSSUSY_corrections.m.
pub fn one_loop_electroweakinos(c: &SmCouplings, p: &SusyParameters, q: f64, tree: f64) -> f64 {
    use super::loop_functions::{chi_f, chi_f2, f7t};
    let (sb, cb) = (p.tan_beta.atan().sin(), p.tan_beta.atan().cos());
    let gp = (0.6f64).sqrt() * c.g1;
    let (g1u, g1d, g2u, g2d) = (gp * sb, gp * cb, c.g2 * sb, c.g2 * cb);
    let (r1, r2) = (p.m1 / p.mu, p.m2 / p.mu);
    let q2 = q * q;
    let lg = |m: f64| (m * m / q2).ln();
    let (a1, a2) = (g1u * g1u, g1d * g1d);
    let (b1, b2) = (g2u * g2u, g2d * g2d);
    // BGSS eq. (12): the electroweakinos' contribution to the running of the quartic.
    let beta = 2.0 * tree * (a2 + a1 + 3.0 * b2 + 3.0 * b1)
        - a2 * a2
        - a1 * a1
        - 5.0 * b2 * b2
        - 5.0 * b1 * b1
        - 4.0 * g1d * g1u * g2d * g2u
        - 2.0 * (a2 + b1) * (a1 + b2);
    let eq11 = 0.5 * beta * lg(p.mu)
        - 7.0 / 12.0 * chi_f(1, r1) * (a2 * a2 + a1 * a1)
        - 9.0 / 4.0 * chi_f(2, r2) * (b2 * b2 + b1 * b1)
        - 1.5 * chi_f(3, r1) * a2 * a1
        - 3.5 * chi_f(4, r2) * b2 * b1
        - 8.0 / 3.0 * chi_f2(5, r1, r2) * g1d * g1u * g2d * g2u
        - 7.0 / 6.0 * chi_f2(6, r1, r2) * (a2 * b2 + a1 * b1)
        - 1.0 / 6.0 * chi_f2(7, r1, r2) * (a2 * b1 + a1 * b2)
        - 4.0 / 3.0 * chi_f2(8, r1, r2) * (g1d * g2u + g1u * g2d) * (g1d * g2d + g1u * g2u)
        + 2.0 / 3.0 * f5t(r1) * g1d * g1u * (tree - 2.0 * (a2 + a1))
        + 2.0 * f5t(r2) * g2d * g2u * (tree - 2.0 * (b2 + b1))
        + 1.0 / 3.0 * f7t(r1) * tree * (a2 + a1)
        + f7t(r2) * tree * (b2 + b1);
    // BGSS eq. (13): the electroweakinos' shift of the gauge couplings in the tree-level D-term.
    let c2b = p.cos2b();
    let eq13 =
        -c2b * c2b / 6.0 * (2.0 * c.g2.powi(4) * lg(p.m2) + (gp.powi(4) + c.g2.powi(4)) * lg(p.mu));
    K * (eq11 + eq13)
}

/// BGSS, the O(alpha_t alpha_s) threshold for general M_Q, M_U, M_3 (x_i = m_i^2/M_3^2,
/// X = X_t/M_3, L = ln(M_3^2/Q^2)); `yt` the SM MS-bar top Yukawa at Q.
pub fn two_loop_at_as(yt: f64, g3: f64, p: &SusyParameters, q: f64) -> f64 {
    let m3 = p.m3.abs();
    let x1 = p.mq3_2 / (m3 * m3);
    let x2 = p.mu3_2 / (m3 * m3);
    let xt = p.x_t() / m3 * p.m3.signum();
    let lgq = (m3 * m3 / (q * q)).ln();
    // Coincident arguments (x1 = x2, x_i = 1) are removable singularities of the closed form.
    let value = regular2(x1, x2, |a, b| at_as_general(a, b, xt, lgq));
    let alpha_s = g3 * g3 / (4.0 * PI);
    yt.powi(4) * alpha_s * (4.0 / 3.0) * 3.0 / (4.0 * PI).powi(3) * value
}

/// The bracket of the general O(alpha_t alpha_s) expression (x1 != x2, x_i != 1).
fn at_as_general(x1: f64, x2: f64, xt: f64, lg: f64) -> f64 {
    let (l1, l2) = (x1.ln(), x2.ln());
    let d1 = li2((x1 - 1.0) / x1);
    let d2 = li2((x2 - 1.0) / x2);
    let (a1, a2) = (x1 - 1.0, x2 - 1.0); // (x_i - 1)
    let d = x1 - x2;

    let c0 = -12.0 * lg * lg
        + (-6.0 + 8.0 * x1 - 4.0 * x1 * x1) * l1 * l1 / (a1 * a1)
        + lg * (8.0 - 4.0 / x1 - 4.0 / x2 - 12.0 * l1 - 12.0 * l2)
        + 2.0 * (-7.0 + 7.0 * x2 - 3.0 * x2 * x2 + x1 * (6.0 - 5.0 * x2 + 2.0 * x2 * x2)) * l2
            / (a1 * a2 * a2)
        + (-6.0 + 8.0 * x2 - 4.0 * x2 * x2) * l2 * l2 / (a2 * a2)
        + l1 * (2.0 * (-7.0 + x1 * (7.0 - 5.0 * x2) + 6.0 * x2 + x1 * x1 * (-3.0 + 2.0 * x2))
            / (a1 * a1 * a2)
            - 2.0
                * ((-2.0 + x2) * x2
                    + x1 * (-2.0 + 8.0 * x2 - 4.0 * x2 * x2)
                    + x1 * x1 * (1.0 - 4.0 * x2 + 2.0 * x2 * x2))
                * l2
                / (a1 * a1 * a2 * a2))
        - 2.0
            * (4.0 * x1 * a2 * a2 * x2 * d1
                + a1 * (a2
                    * (2.0 * a2 * x2
                        + x1 * (-2.0 + 9.0 * x2 - 6.0 * x2 * x2)
                        + x1 * x1 * (2.0 - 6.0 * x2 + 3.0 * x2 * x2))
                    + 4.0 * a1 * x1 * x2 * d2))
            / (a1 * a1 * x1 * a2 * a2 * x2);

    let c1 = 8.0 * (-2.0 + x1) * l1 * l1 / (a1 * d) + 16.0 * l2 / d
        - 8.0 * (-2.0 + x2) * l2 * l2 / (d * a2)
        + lg * (16.0 * l1 / d - 16.0 * l2 / d)
        + l1 * (-16.0 / d - 8.0 * l2 / (a1 * a2))
        + 32.0 * (-a2 * d1 + a1 * d2) / (a1 * d * a2);

    let c2 = -8.0 / (x1 * x2)
        - 4.0
            * (4.0 * x1.powi(3) - x2 - 2.0 * x1 * x1 * (4.0 + x2) + x1 * (3.0 + 4.0 * x2))
            * l1
            * l1
            / (a1 * a1 * d * d)
        - 4.0 * (7.0 + 3.0 * x1 * (-2.0 + x2) - 4.0 * x2) * l2 / (a1 * d * a2)
        + 4.0
            * (x2 * (-3.0 + 8.0 * x2 - 4.0 * x2 * x2) + x1 * (1.0 - 4.0 * x2 + 2.0 * x2 * x2))
            * l2
            * l2
            / (d * d * a2 * a2)
        + lg * (8.0 / (x1 * x2) - 24.0 * l1 / d + 24.0 * l2 / d)
        + l1 * (4.0 * (7.0 - 6.0 * x2 + x1 * (-4.0 + 3.0 * x2)) / (a1 * d * a2)
            + 4.0
                * ((-2.0 + x1) * x1 * d / (a1 * a1)
                    + (-2.0 + x2) * x2 * (-d) / (a2 * a2)
                    + 2.0 * (x1 + x2))
                * l2
                / (d * d));

    let c3 = 8.0 * (-2.0 + x1 * x1 - 3.0 * x1 * (-1.0 + x2) + x2) * l1 * l1 / (a1 * d.powi(3))
        - 16.0 * (x1 + 3.0 * x2) * l2 / d.powi(3)
        + 8.0 * (-2.0 + x1 + 3.0 * x2 - 3.0 * x1 * x2 + x2 * x2) * l2 * l2 / (a2 * (-d).powi(3))
        + lg * (32.0 / (d * d) - 16.0 * (x1 + x2) * l1 / d.powi(3)
            + 16.0 * (x1 + x2) * l2 / d.powi(3))
        + l1 * (16.0 * (3.0 * x1 + x2) / d.powi(3)
            + 16.0 * (x1 + x2 - 2.0 * x1 * x2) * l2 / (a1 * d * d * a2))
        - 16.0 * (4.0 * d + (-2.0 + x1 + x2) * d1 - (-2.0 + x1 + x2) * d2) / d.powi(3);

    let c4 = 2.0
        * (5.0 * x1.powi(4) + 4.0 * x1.powi(3) * (-2.0 + x2)
            - 2.0 * x2
            - x1 * x1 * x2 * (10.0 + x2)
            + 2.0 * x1 * (1.0 + 4.0 * x2 + x2 * x2))
        * l1
        * l1
        / (a1 * a1 * d.powi(4))
        + 2.0
            * (-4.0 - 7.0 * x2 + 29.0 * x2 * x2 - 16.0 * x2.powi(3)
                + x1 * x1 * (6.0 - 7.0 * x2 + 3.0 * x2 * x2)
                + x1 * (-3.0 + 15.0 * x2 - 31.0 * x2 * x2 + 15.0 * x2.powi(3)))
            * l2
            / (a1 * d.powi(3) * a2 * a2)
        - 2.0
            * (-2.0 * x2 + x1 * x1 * (-2.0 + x2) * x2 + 8.0 * x2.powi(3)
                - 5.0 * x2.powi(4)
                - 2.0 * x1 * a2 * a2 * (-1.0 + 2.0 * x2))
            * l2
            * l2
            / (d.powi(4) * a2 * a2)
        + lg * (-4.0 * (x1 + x2 + 6.0 * x1 * x2) / (x1 * d * d * x2)
            + 4.0 * (2.0 + 3.0 * x1 + 3.0 * x2) * l1 / d.powi(3)
            - 4.0 * (2.0 + 3.0 * x1 + 3.0 * x2) * l2 / d.powi(3))
        + l1 * (2.0
            * (4.0 + x1.powi(3) * (16.0 - 15.0 * x2) + 3.0 * x2 - 6.0 * x2 * x2
                + x1 * x1 * (-29.0 + 31.0 * x2 - 3.0 * x2 * x2)
                + x1 * (7.0 - 15.0 * x2 + 7.0 * x2 * x2))
            / (a1 * a1 * d.powi(3) * a2)
            + 2.0
                * (-4.0 * x1 * x1
                    - 8.0 * x1 * x2
                    - 4.0 * x2 * x2
                    - (-2.0 + x1) * x1 * d * (x1 + x2) / (a1 * a1)
                    - (-2.0 + x2) * x2 * (-d) * (x1 + x2) / (a2 * a2))
                * l2
                / d.powi(4))
        - 4.0
            * (-x1 * x1 + x1.powi(3) - 6.0 * x1 * x1 * x2
                + 5.0 * x1.powi(3) * x2
                + x2 * x2
                + 6.0 * x1 * x2 * x2
                - 5.0 * x1.powi(3) * x2 * x2
                - x2.powi(3)
                - 5.0 * x1 * x2.powi(3)
                + 5.0 * x1 * x1 * x2.powi(3)
                + a1 * x1 * a2 * x2 * (-2.0 + x1 + x2) * d1
                - a1 * x1 * a2 * x2 * (-2.0 + x1 + x2) * d2)
            / (a1 * x1 * d.powi(3) * a2 * x2);

    let c5 = -8.0 * x1 * (x1 + x2) * l1 * l1 / (a1 * d.powi(4))
        + 16.0 * x2 * l2 / (a2 * (-d).powi(3))
        - 8.0 * x2 * (x1 + x2) * l2 * l2 / (d.powi(4) * a2)
        + l1 * (16.0 * x1 / (a1 * d.powi(3))
            + 8.0 * (x1 + x2) * (-x2 + x1 * (-1.0 + 2.0 * x2)) * l2 / (a1 * d.powi(4) * a2));

    c0 + xt * (c1 + xt * (c2 + xt * (c3 + xt * (c4 + xt * c5))))
}

/// VV eq. (21): the O(alpha_t^2) threshold for degenerate stops (at their geometric mean m_st)
/// and a CP-odd Higgs at the same mass; `yt` the SM top Yukawa at Q.
pub fn two_loop_at_at(yt: f64, p: &SusyParameters, q: f64) -> f64 {
    let tb = p.tan_beta;
    let mst = p.m_stop();
    let mu = p.mu;
    let xt = p.x_t();
    let lq = (mst * mst / (q * q)).ln();
    let c2 = 1.0 / (1.0 + tb * tb); // cos^2(beta)
    let csc2b = 1.0 / (2.0 * tb.atan()).sin();
    let r = mu * mu / (mst * mst); // mu^2/m_st^2
    let near_one = (r - 1.0).abs() < 1e-5;
    // The three mu-dependent functions of VV (with their limits at mu = m_st).
    let f_a = if near_one {
        -9.0 / 4.0
    } else {
        (-1.0 + 2.0 * r + 2.0 * r * r)
            * (-PI * PI / 6.0 - r * r.ln() + r.ln() * (1.0 - r).abs().ln() + li2(r))
            / (1.0 - r).powi(2)
    };
    let f_b = if near_one {
        -1.0
    } else {
        r * r.ln() / (1.0 - r)
    };
    let f_c = if near_one {
        0.5
    } else {
        (1.0 + r * r.ln() / (1.0 - r)) / (1.0 - r)
    };
    let y = xt / mst + 2.0 * mu * csc2b / mst; // (X_t + 2 mu/sin(2 beta))/m_st = (X_t + Y_t-like)/m_st
    let xh = xt / mst;

    let bracket = 0.5 - 8.349_931_598_910_64 * c2
        + 6.0 * r
        + xh.powi(6) * (-0.5 + (0.5 - 0.5 * lq) * c2 + 0.5 * lq)
        - 4.0 * lq
        + 13.0 * lq * c2
        - 6.0 * r * lq
        + 3.0 * lq * lq
        - 3.0 * lq * lq * c2
        + xh.powi(3) * y * (0.874_790_400_000_000_2 * c2 - 2.0 * lq * c2)
        + y * y * (0.125_209_599_999_999_8 * c2 + 3.0 * lq * c2)
        + xh * y * (0.500_838_399_999_999_2 * c2 + 12.0 * lq * c2)
        + 4.0 * f_a
        - 8.0 * f_b
        - 2.0 * r * f_b
        + 3.0 * r * f_c
        + xh * xh
            * (-7.0 + 19.687_814_4 * c2 - 6.0 * r + 27.0 * lq - 24.0 * lq * c2
                + 6.0 * r * lq
                + y * y * (-0.021_147_733_333_332_752 * c2 - 3.0 * lq * c2)
                + 4.0 * f_b
                - 6.0 * r * f_b
                - 4.0 * f_c
                - 6.0 * r * f_c)
        + xh.powi(4)
            * (5.5 - 25.0 / 4.0 * c2 + r - 6.5 * lq + 6.0 * lq * c2 - r * lq
                + y * y * (-0.020_728_533_333_333_354 * c2 + 0.5 * lq * c2)
                - 0.5 * f_b
                + r * f_b
                + 0.5 * f_c
                + 0.5 * r * f_c);
    // 3 (1 + tan^2) / tan^2 = 3/sin^2(beta).
    3.0 * (1.0 + tb * tb) * bracket * yt.powi(6) / (256.0 * PI.powi(4) * tb * tb)
}

/// The one-loop O(alpha_s) relation of the MSSM (DR-bar) and SM (MS-bar) top Yukawas at Q
/// (BGSS eq. 29 / Bagnaschi et al. 1703.08166): `y_t^MSSM sin(beta) = y_t^SM (1 - Delta)` with
/// `Delta = -(g3^2 C_F/16 pi^2) [1 + ln(M3^2/Q^2) + F~6(M_Q/M_3) + F~6(M_U/M_3) - X_t/M_3 F~9(M_Q/M_3,
/// M_U/M_3)]`; returns `y_t^SM/(1 - Delta)`, the top Yukawa the two-loop thresholds would use when
/// written in MSSM parameters (the difference is of three-loop order and enters the uncertainty).
pub fn yt_mssm_like(yt_sm: f64, g3: f64, p: &SusyParameters, q: f64) -> f64 {
    let m3 = p.m3.abs();
    let (xq, xu) = (p.mq3_2.abs().sqrt() / m3, p.mu3_2.abs().sqrt() / m3);
    let delta = -g3
        * g3
        * (4.0 / 3.0)
        * K
        * (1.0 + (m3 * m3 / (q * q)).ln() + f6t(xq) + f6t(xu) - p.x_t() / p.m3 * f9t(xq, xu));
    yt_sm / (1.0 - delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(ms: f64, xt_over_ms: f64, tan_beta: f64) -> SusyParameters {
        SusyParameters::degenerate(ms, xt_over_ms, tan_beta)
    }

    /// The general O(alpha_t alpha_s) expression against its fully degenerate limit (BGSS eq. 36:
    /// `g3^2 y_t^4/(96 pi^4) (-12 x - 6 x^2 + 14 x^3 + x^4/2 - x^5)` at Q = M_S = M_3) and against the
    /// limit M_Q = M_U = M_3 != Q (`-(alpha_s C_F N_c y_t^4/(192 pi^3)) [x (24 + 12 x - 28 x^2 - x^3 +
    /// 2 x^4) - 2 x (24 - 24 x - 4 x^2 + x^3) L + 36 L^2]`, L = ln(M_3^2/Q^2)), two formulas derived
    /// separately in the literature.
    /// mu above the stop mass (r = mu^2/m_st^2 > 1, where Li2(r) is taken by its real part): the
    /// O(alpha_t^2) threshold is finite and continuous through r = 1 and its special-cased limit
    /// (mu = 1.26 m_st made it NaN before, and with it m_h at a quarter of the consistent preset's
    /// viable points with the heavy-singlet threshold).
    #[test]
    fn at_at_is_continuous_through_mu_equal_m_stop() {
        let at = |mu: f64| {
            let mut p = point(2000.0, 1.0, 6.0);
            p.mu = mu;
            two_loop_at_at(0.9, &p, 2000.0)
        };
        for mu in [2500.0, 3000.0, 6000.0] {
            assert!(at(mu).is_finite(), "mu = {mu}: {}", at(mu));
        }
        let at_one = at(2000.0);
        for d in [1e-2, 1e-4, 1e-7] {
            for mu in [2000.0 * (1.0 + d), 2000.0 * (1.0 - d)] {
                assert!(
                    (at(mu) - at_one).abs() < 50.0 * d * at_one.abs(),
                    "mu = {mu}: {} vs {at_one} at mu = m_st",
                    at(mu)
                );
            }
        }
    }

    #[test]
    fn at_as_general_reduces_to_degenerate_limits() {
        let (yt, g3) = (0.85, 1.0);
        for x in [-2.5, -1.0, 0.0, 0.7, 2.0, 2.45] {
            let p = point(2000.0, x, 10.0);
            let got = two_loop_at_as(yt, g3, &p, 2000.0);
            let want = g3 * g3 * yt.powi(4) / (96.0 * PI.powi(4))
                * (-12.0 * x - 6.0 * x * x + 14.0 * x.powi(3) + 0.5 * x.powi(4) - x.powi(5));
            assert!(
                (got - want).abs() < 2e-4 * want.abs().max(1e-4),
                "x = {x}: {got} vs {want}"
            );
            for q in [700.0, 5000.0] {
                let l = (2000.0f64 * 2000.0 / (q * q)).ln();
                let got = two_loop_at_as(yt, g3, &p, q);
                let alpha_s = g3 * g3 / (4.0 * PI);
                let want = -(alpha_s * 4.0 * yt.powi(4) / (192.0 * PI.powi(3)))
                    * (x * (24.0 + 12.0 * x - 28.0 * x * x - x.powi(3) + 2.0 * x.powi(4))
                        - 2.0 * x * (24.0 - 24.0 * x - 4.0 * x * x + x.powi(3)) * l
                        + 36.0 * l * l);
                assert!(
                    (got - want).abs() < 2e-4 * want.abs().max(1e-4),
                    "x = {x}, q = {q}: {got} vs {want}"
                );
            }
        }
    }

    /// The general expression is continuous across the stencil used near coincident masses.
    #[test]
    fn at_as_continuous_near_coincident_masses() {
        let mut p = point(1500.0, 1.5, 10.0);
        p.mq3_2 = 1.3 * 1500.0f64.powi(2);
        p.m3 = 1000.0;
        let at = |r: f64| {
            let mut pp = p;
            pp.mu3_2 = p.mq3_2 * (1.0 + r);
            two_loop_at_as(0.85, 1.0, &pp, 1500.0)
        };
        // Quadratic through three points where the closed form is evaluated directly, extrapolated
        // into the window where the stencil takes over.
        let (r1, r2, r3) = (0.012, 0.02, 0.03);
        let (y1, y2, y3) = (at(r1), at(r2), at(r3));
        let quad = |r: f64| {
            y1 * (r - r2) * (r - r3) / ((r1 - r2) * (r1 - r3))
                + y2 * (r - r1) * (r - r3) / ((r2 - r1) * (r2 - r3))
                + y3 * (r - r1) * (r - r2) / ((r3 - r1) * (r3 - r2))
        };
        for r in [0.0, 0.001, 0.005, 0.009] {
            assert!(
                (at(r) - quad(r)).abs() < 2e-4 * quad(r).abs(),
                "r = {r}: {} vs {}",
                at(r),
                quad(r)
            );
        }
    }

    /// The stop one-loop threshold against the independent evaluation BGSS describe: the quartic
    /// coefficient of the third-generation squark Coleman-Weinberg potential along the SM-like
    /// direction (DR-bar, scale Q), lambda = d^2 V/d(|H|^2)^2 at H = 0, by finite differences.
    /// The wave-function term (F~5, from the stop trilinear in the Higgs self-energy) is not part of
    /// the potential and is removed from the formula for the comparison; the D-term-squared logs of
    /// the third generation are included, together with the shift of the tree-level quartic when
    /// its MSSM gauge couplings are expressed through the SM ones (the squarks' gauge thresholds).
    #[test]
    fn stop_threshold_matches_coleman_weinberg_quartic() {
        for (mq, mu3, xt, tb, q) in [
            (2000.0, 2000.0, 2.0, 1.0, 2000.0),
            (1500.0, 2400.0, 1.7, 1.0, 1900.0),
            (2000.0, 2000.0, 0.0, 15.0, 2000.0),
            (2000.0, 2000.0, 0.0, 15.0, 1000.0),
            (2000.0, 2000.0, -2.2, 15.0, 2000.0),
            (3000.0, 2000.0, 0.0, 15.0, 2600.0),
            (3000.0, 2000.0, -2.2, 15.0, 2600.0),
            (1000.0, 1300.0, 0.5, 4.0, 1500.0),
        ] {
            let mut p = point(mq, 0.0, tb);
            p.mq3_2 = mq * mq;
            p.mu3_2 = mu3 * mu3;
            p.a_t = xt * p.m_stop() + p.mu / tb;
            let sm = SmCouplings {
                g1: 0.6,
                g2: 0.64,
                g3: 1.0,
                yt: 0.86,
                lambda: 0.0,
            };
            let c = MatchingCouplings {
                sm,
                yb: 0.0,
                ytau: 0.0,
            };
            let c2b = p.cos2b();
            let (g12, g22) = (sm.g1 * sm.g1, sm.g2 * sm.g2);
            let gp2 = 0.6 * g12;
            // Field-dependent squark masses, s = |H|^2 (v = 174 GeV normalisation), D-terms
            // (T3 g2^2 - Y g'^2)/2 s cos(2 beta).
            let cw = |s: f64| -> f64 {
                let dl_t = (0.5 * g22 - gp2 / 6.0) / 2.0 * s * c2b;
                let dr_t = (2.0 / 3.0) * gp2 / 2.0 * s * c2b;
                let dl_b = (-0.5 * g22 - gp2 / 6.0) / 2.0 * s * c2b;
                let dr_b = -(1.0 / 3.0) * gp2 / 2.0 * s * c2b;
                let a = p.mq3_2 + sm.yt * sm.yt * s + dl_t;
                let b = p.mu3_2 + sm.yt * sm.yt * s + dr_t;
                let off2 = sm.yt * sm.yt * s * p.x_t().powi(2);
                let tr = a + b;
                let disc = ((a - b).powi(2) + 4.0 * off2).sqrt();
                let f = |m2: f64| m2 * m2 * ((m2 / (q * q)).ln() - 1.5);
                let nc = 3.0;
                let stops = f(0.5 * (tr - disc)) + f(0.5 * (tr + disc));
                let sbottoms = f(p.mq3_2 + dl_b) + f(p.md3_2 + dr_b);
                2.0 * nc / (64.0 * PI * PI) * (stops + sbottoms)
            };
            // Second derivative in s at s = 0 from s >= 0 only (the sum over the two stops is
            // analytic in s), second-order forward differences, Richardson-extrapolated.
            let d2 =
                |h: f64| (2.0 * cw(0.0) - 5.0 * cw(h) + 4.0 * cw(2.0 * h) - cw(3.0 * h)) / (h * h);
            let h = 1e-4 * p.mq3_2.min(p.mu3_2);
            let vss = (4.0 * d2(h / 2.0) - d2(h)) / 3.0;
            // Expressing the tree-level (g2^2 + g'^2)/4 cos^2(2 beta) through SM couplings below the
            // squarks: g_MSSM^2 = g_SM^2 - Delta_b g^4/(16 pi^2) ln(m^2/Q^2), with the squark
            // multiplets' one-loop coefficients Delta_b (SU(2), U(1)_Y in SM normalisation):
            // Q3 (1/2, 1/18), U3 (0, 4/9), D3 (0, 1/9).
            let ln = |m2: f64| (m2 / (q * q)).ln();
            let gauge_shift = -c2b * c2b / 4.0
                * K
                * ((0.5 * g22 * g22 + gp2 * gp2 / 18.0) * ln(p.mq3_2)
                    + 4.0 / 9.0 * gp2 * gp2 * ln(p.mu3_2)
                    + 1.0 / 9.0 * gp2 * gp2 * ln(p.md3_2));
            let vss = vss + gauge_shift;
            // The production threshold with the first two generations, the sleptons and the heavy
            // doublet at Q (their logarithms vanish), minus the two pieces that are not part of the
            // potential: the wave-function term (F~5) and the heavy-doublet constant in sin^2(4 beta).
            let mut pq = p;
            let q2 = q * q;
            (
                pq.mq12_2, pq.mu12_2, pq.md12_2, pq.ml12_2, pq.me12_2, pq.ml3_2, pq.me3_2,
            ) = (q2, q2, q2, q2, q2, q2, q2);
            pq.m_a = q;
            let x_qu = (p.mq3_2 / p.mu3_2).sqrt();
            let xtt = p.x_t().powi(2) / (p.mq3_2 * p.mu3_2).sqrt();
            let yt2 = sm.yt * sm.yt;
            let wave_function = -0.25 * yt2 * xtt * c2b * c2b * (0.6 * g12 + g22) * f5t(x_qu);
            let beta = tb.atan();
            let heavy_constant =
                -3.0 / 16.0 * (0.6 * g12 + g22).powi(2) * (4.0 * beta).sin().powi(2);
            let want = one_loop_sfermions_and_heavy_higgs(&c, &pq, q, 0.0)
                - K * (wave_function + heavy_constant);
            assert!(
                (vss - want).abs() < 1e-6 + 1e-4 * want.abs(),
                "{mq} {mu3} {xt} {tb}: CW {vss} vs formula {want}"
            );
        }
    }

    /// The full one-loop piece (with F~5) differs from the potential-only piece by exactly the
    /// wave-function term, and the production function agrees with the test's transcription.
    #[test]
    fn one_loop_production_matches_pieces() {
        let p = point(2000.0, 2.0, 1.0);
        let sm = SmCouplings {
            g1: 0.6,
            g2: 0.64,
            g3: 1.0,
            yt: 0.86,
            lambda: 0.0,
        };
        let c = MatchingCouplings {
            sm,
            yb: 0.0,
            ytau: 0.0,
        };
        // tan(beta) = 1: no D-terms, degenerate masses at Q: 3 y_t^4/(8 pi^2) (X^2 - X^4/12) plus the
        // heavy-Higgs constant -3/16 (g'^2 + g^2)^2 sin^2(4 beta) (0 at beta = pi/4).
        let got = one_loop_sfermions_and_heavy_higgs(&c, &p, 2000.0, 0.0);
        let want = 3.0 * 0.86f64.powi(4) / (8.0 * PI * PI) * (4.0 - 16.0 / 12.0);
        assert!((got - want).abs() < 1e-6, "{got} {want}");
    }

    /// The O(alpha_t^2) threshold at large tan(beta), mu -> 0, X_t = 0, Q = m_st reduces to
    /// 3 y_t^6/(256 pi^4) (1/2 + 2 pi^2/3) (all mu-dependent terms vanish, f_a -> pi^2/6).
    #[test]
    fn at_at_simple_limit() {
        let mut p = point(3000.0, 0.0, 1e4);
        p.mu = 1e-3;
        p.a_t = 0.0;
        let got = two_loop_at_at(0.9, &p, 3000.0);
        let want = 3.0 * 0.9f64.powi(6) / (256.0 * PI.powi(4)) * (0.5 + 2.0 * PI * PI / 3.0);
        assert!((got - want).abs() < 1e-3 * want, "{got} {want}");
    }
}
