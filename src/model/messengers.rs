//! General messenger sectors (Wagner 1998, seed 002; docs/physics.md section 11).
//!
//! Owns: the messenger content (D, L, Q, U, E components of SU(5) multiplets, whole 5 and 10
//! multiplets) and its one-loop gauge coefficients, one messenger pair as the physics sees it
//! ([`MessengerPair`]: content, multiplicity, fermion mass `X_I`, `F_I/X_I`, whether S and N
//! couple to it), a validated list of them ([`MessengerSector`]) with its thresholds, the
//! gauge-mediated soft terms a pair generates at its own threshold, the one-loop Landau-pole check,
//! and the configuration form of a pair ([`MessengerSpec`]: masses absolute or relative to the
//! point's `<S>` and `Lambda`), resolved into a sector per point.
//!
//! The running between thresholds lives in `rge::evolve_sector_using`; the singlet-sector (N) terms of
//! the pair that couples to S and N stay in `boundary`.

use std::f64::consts::PI;

use serde::{Deserialize, Serialize};

use crate::config::SmInputs;
use crate::model::boundary::{threshold_f, threshold_g, GaugeMediation, K_GAUGE};
use crate::model::params::{Couplings, SoftTerms};
use crate::model::rge::{B_GAUGE, PERTURBATIVE_LIMIT};

/// The SU(3) x SU(2) x U(1) content of one messenger pair `Phi + Phibar`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Content {
    /// A down-quark-like colour triplet `D + Dbar` (the triplet of a 5).
    D,
    /// A lepton-doublet-like `L + Lbar` (the doublet of a 5).
    L,
    /// A quark-doublet-like `Q + Qbar` (in a 10).
    Q,
    /// An up-quark-like `U + Ubar` (in a 10).
    U,
    /// A charged-lepton-like singlet `E + Ebar` (in a 10).
    E,
    /// A whole `5 + 5bar` (D + L at one mass).
    #[serde(rename = "5")]
    Five,
    /// A whole `10 + 10bar` (Q + U + E at one mass).
    #[serde(rename = "10")]
    Ten,
}

impl Content {
    /// The pair's contribution `B = (b_1, b_2, b_3)` to the one-loop gauge coefficients, GUT
    /// normalisation for b_1 (docs/physics.md section 11): D (2/5, 0, 1), L (3/5, 1, 0),
    /// Q (1/5, 3, 2), U (8/5, 0, 1), E (6/5, 0, 0); 5 = D + L = (1, 1, 1), 10 = Q + U + E = (3, 3, 3).
    pub fn b_gut(self) -> [f64; 3] {
        match self {
            Content::D => [0.4, 0.0, 1.0],
            Content::L => [0.6, 1.0, 0.0],
            Content::Q => [0.2, 3.0, 2.0],
            Content::U => [1.6, 0.0, 1.0],
            Content::E => [1.2, 0.0, 0.0],
            Content::Five => [1.0, 1.0, 1.0],
            Content::Ten => [3.0, 3.0, 3.0],
        }
    }

    /// The name used in configurations ("D", ..., "5", "10").
    pub fn name(self) -> &'static str {
        match self {
            Content::D => "D",
            Content::L => "L",
            Content::Q => "Q",
            Content::U => "U",
            Content::E => "E",
            Content::Five => "5",
            Content::Ten => "10",
        }
    }
}

/// One messenger pair as the physics sees it: `multiplicity` copies of `content`, fermion mass
/// `X_I = mass`, `F_I / X_I = f_over_x`, so `x_I = F_I/X_I^2`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessengerPair {
    pub content: Content,
    /// Number of copies (real for the `n5` shorthand, which allows any N_5 in (0, 10]).
    pub multiplicity: f64,
    /// X_I [GeV].
    pub mass: f64,
    /// F_I / X_I [GeV] (the Lambda of this pair).
    pub f_over_x: f64,
    /// Whether S and N couple to this pair through `xi_S S Phi Phibar + xi_N N Phi Phibar` (the
    /// HMZ messenger, docs/physics.md section 2): it then carries the N-sector terms of section 4
    /// and, in the HMZ model, sits at `X = <S>` with `F/X = Lambda`.
    pub singlets: bool,
}

impl MessengerPair {
    /// x_I = (F_I/X_I)/X_I.
    pub fn x(&self) -> f64 {
        self.f_over_x / self.mass
    }

    /// The pair's one-loop coefficients for `(g', g_2, g_3)` in the RGEs' SM normalisation:
    /// multiplicity times `((5/3) b_1, b_2, b_3)`.
    pub fn gauge_b_sm(&self) -> [f64; 3] {
        let b = self.content.b_gut();
        // K_GAUGE = (5/3, 1, 1) is also the factor between the GUT-normalised b_1 and the
        // SM-normalised g' of the RGEs (alpha_1(GUT) = (5/3) alpha').
        std::array::from_fn(|i| self.multiplicity * b[i] * K_GAUGE[i])
    }

    /// A short description for messages: "messengers[2] (3 x D, X = 2.0000e5 GeV)".
    pub fn label(&self, index: usize) -> String {
        format!(
            "messengers[{index}] ({} x {}, X = {:.4e} GeV)",
            self.multiplicity,
            self.content.name(),
            self.mass
        )
    }

    /// The gauge-mediated soft terms generated at this pair's threshold (docs/physics.md section 11,
    /// with the exact one-loop `g(x_I)`, `f(x_I)` of section 4 when `threshold_functions` is on),
    /// from the couplings at `X_I`:
    /// `M_j = n B^j k_j (alpha_j/4pi) (F/X) g(x)`,
    /// `m_f^2 = 2 n sum_i C_i k_i B^i (alpha_i/4pi)^2 (F/X)^2 f(x)`,
    /// with SM-normalised alpha_1, `C_1 = Y^2`, `k = (5/3, 1, 1)` (so `C_1 k_1 B^1 alpha'^2 =
    /// c^1 B^1 alpha_1(GUT)^2` with the seed's `c^1 = (3/5) Y^2`). Trilinears are zero.
    /// For a `5` with multiplicity N_5 this is the gauge part of eqs. (gaugino), (msq).
    pub fn gauge_soft_terms(&self, c: &Couplings, threshold_functions: bool) -> SoftTerms {
        let x = self.x();
        let (g_x, f_x) = if threshold_functions {
            (threshold_g(x), threshold_f(x))
        } else {
            (1.0, 1.0)
        };
        let b = self.content.b_gut();
        GaugeMediation {
            n: self.multiplicity,
            k_b: std::array::from_fn(|i| K_GAUGE[i] * b[i]),
            lambda: self.f_over_x,
            g_x,
            f_x,
        }
        .soft_terms(c)
    }
}

/// Field-by-field sum of two sets of soft terms (threshold contributions add).
pub fn add_soft(a: &SoftTerms, b: &SoftTerms) -> SoftTerms {
    SoftTerms {
        m1: a.m1 + b.m1,
        m2: a.m2 + b.m2,
        m3: a.m3 + b.m3,
        a_t: a.a_t + b.a_t,
        a_b: a.a_b + b.a_b,
        a_tau: a.a_tau + b.a_tau,
        a_lambda: a.a_lambda + b.a_lambda,
        a_k: a.a_k + b.a_k,
        mq3: a.mq3 + b.mq3,
        mu3: a.mu3 + b.mu3,
        md3: a.md3 + b.md3,
        ml3: a.ml3 + b.ml3,
        me3: a.me3 + b.me3,
        mq1: a.mq1 + b.mq1,
        mu1: a.mu1 + b.mu1,
        md1: a.md1 + b.md1,
        ml1: a.ml1 + b.ml1,
        me1: a.me1 + b.me1,
        mhu: a.mhu + b.mhu,
        mhd: a.mhd + b.mhd,
        mn: a.mn + b.mn,
    }
}

/// What is wrong with a messenger sector or its description. Each message names the pair.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MessengerError {
    #[error("messengers[{index}].{field}: {value} is not allowed: {meaning}")]
    Field {
        index: usize,
        field: &'static str,
        value: f64,
        meaning: &'static str,
    },
    #[error("messengers[{index}]: {message}")]
    Spec { index: usize, message: String },
    #[error("{label}: F/X^2 = {x:.4} must be below 1 (the messenger scalars X^2 - F would be tachyonic)")]
    Tachyonic { label: String, x: f64 },
    #[error("messengers: {0}")]
    Sector(String),
    #[error("{label} is above the Landau pole or perturbativity limit: {coupling} reaches {limit:.4} at Q = {scale:.4e} GeV (one-loop running from M_Z with the lighter messengers)")]
    NonPerturbative {
        label: String,
        coupling: &'static str,
        limit: f64,
        scale: f64,
    },
}

/// Most copies of one pair: beyond this every gauge coupling has a Landau pole within a decade.
pub const MAX_MULTIPLICITY: f64 = 20.0;

/// A validated messenger sector: at least one pair, every mass and F/X positive and finite,
/// `x_I < 1`, multiplicities in `(0, MAX_MULTIPLICITY]`, at most one pair coupled to S and N.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessengerSector {
    pairs: Vec<MessengerPair>,
}

impl MessengerSector {
    /// Validates the pairs.
    pub fn new(pairs: Vec<MessengerPair>) -> Result<Self, MessengerError> {
        if pairs.is_empty() {
            return Err(MessengerError::Sector("at least one messenger pair".into()));
        }
        for (index, p) in pairs.iter().enumerate() {
            let positive = |field, value: f64, meaning| {
                if value.is_finite() && value > 0.0 {
                    Ok(())
                } else {
                    Err(MessengerError::Field {
                        index,
                        field,
                        value,
                        meaning,
                    })
                }
            };
            positive(
                "mass",
                p.mass,
                "the messenger fermion mass X in GeV, positive",
            )?;
            positive("f_over_x", p.f_over_x, "F/X in GeV, positive")?;
            positive(
                "multiplicity",
                p.multiplicity,
                "the number of copies, positive",
            )?;
            if p.multiplicity > MAX_MULTIPLICITY {
                return Err(MessengerError::Field {
                    index,
                    field: "multiplicity",
                    value: p.multiplicity,
                    meaning: "at most 20 copies",
                });
            }
            if p.x() >= 1.0 {
                return Err(MessengerError::Tachyonic {
                    label: p.label(index),
                    x: p.x(),
                });
            }
        }
        if pairs.iter().filter(|p| p.singlets).count() > 1 {
            return Err(MessengerError::Sector(
                "at most one pair couples to S and N".into(),
            ));
        }
        Ok(Self { pairs })
    }

    /// The `n5` shorthand: N_5 copies of `5 + 5bar` at `X = M`, `F/X = Lambda`, coupled to S and N
    /// (docs/physics.md section 4).
    pub fn minimal(n5: f64, m_mess: f64, lambda_susy: f64) -> Result<Self, MessengerError> {
        Self::new(vec![MessengerPair {
            content: Content::Five,
            multiplicity: n5,
            mass: m_mess,
            f_over_x: lambda_susy,
            singlets: true,
        }])
    }

    pub fn pairs(&self) -> &[MessengerPair] {
        &self.pairs
    }

    /// The pair S and N couple to, if any.
    pub fn singlet_pair(&self) -> Option<&MessengerPair> {
        self.pairs.iter().find(|p| p.singlets)
    }

    /// The distinct threshold masses, heaviest first.
    pub fn thresholds(&self) -> Vec<f64> {
        let mut m: Vec<f64> = self.pairs.iter().map(|p| p.mass).collect();
        m.sort_by(|a, b| b.total_cmp(a));
        m.dedup();
        m
    }

    /// The lightest messenger mass (the EWSB scale must lie below it).
    pub fn lightest(&self) -> f64 {
        self.pairs
            .iter()
            .map(|p| p.mass)
            .fold(f64::INFINITY, f64::min)
    }

    /// The summed SM-normalised coefficients of the pairs lighter than `scale` or at it (those
    /// still dynamical just above their threshold: on a segment between two thresholds, pass its
    /// lower end).
    pub fn b_active(&self, scale: f64) -> [f64; 3] {
        b_active(&self.pairs, scale)
    }

    /// The Landau-pole check of [`check_perturbative`] for this sector.
    pub fn check_perturbative(&self, sm: &SmInputs) -> Result<(), MessengerError> {
        check_perturbative(&self.pairs, sm)
    }
}

/// [`MessengerSector::b_active`] for any list of pairs.
pub fn b_active(pairs: &[MessengerPair], scale: f64) -> [f64; 3] {
    let mut b = [0.0; 3];
    for p in pairs.iter().filter(|p| p.mass <= scale) {
        let bp = p.gauge_b_sm();
        for i in 0..3 {
            b[i] += bp[i];
        }
    }
    b
}

/// The Landau-pole check (docs/physics.md section 11): the one-loop gauge couplings run from M_Z
/// with the MSSM coefficients and, above each threshold, those of the messengers lighter than the
/// scale, must stay below [`PERTURBATIVE_LIMIT`] up to the heaviest threshold. The first pair
/// beyond the limit is named. Only the masses matter (not F). The RG run of a point applies the
/// same limit to all couplings along the way; this check refuses a hopeless sector before any work.
pub fn check_perturbative(pairs: &[MessengerPair], sm: &SmInputs) -> Result<(), MessengerError> {
    let mut inv = [sm.g_prime_mz, sm.g2_mz, sm.g3_mz].map(|g| 1.0 / (g * g));
    let mut scale = sm.mz;
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by(|&a, &b| pairs[a].mass.total_cmp(&pairs[b].mass));
    let names = ["g_prime", "g2", "g3"];
    let limit2 = PERTURBATIVE_LIMIT * PERTURBATIVE_LIMIT;
    for &index in &order {
        let pair = &pairs[index];
        // Running in [scale, pair.mass] with the messengers at or below `scale`.
        let active = b_active(pairs, scale);
        let b: [f64; 3] = std::array::from_fn(|i| B_GAUGE[i] + active[i]);
        let dt = (pair.mass / scale).ln().max(0.0);
        // 1/g^2(t) = 1/g^2(t0) - 2 b (t - t0)/16pi^2; the limit is reached where
        // 1/g^2 = 1/limit^2. The first coupling to reach it is named.
        let end: [f64; 3] = std::array::from_fn(|i| inv[i] - 2.0 * b[i] * dt / (16.0 * PI * PI));
        let first = (0..3)
            .filter(|&i| end[i] < 1.0 / limit2)
            .map(|i| (i, (inv[i] - 1.0 / limit2) * 16.0 * PI * PI / (2.0 * b[i])))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, t_hit)) = first {
            return Err(MessengerError::NonPerturbative {
                label: pair.label(index),
                coupling: names[i],
                limit: PERTURBATIVE_LIMIT,
                scale: scale * t_hit.exp(),
            });
        }
        inv = end;
        scale = scale.max(pair.mass);
    }
    Ok(())
}

/// The Landau-pole check of a messenger list at `<S> = y` (masses only; the `n5` shorthand when
/// `specs` is empty), for configurations checked before any point: call it at the ends of the
/// range of y.
pub fn check_specs_perturbative(
    specs: &[MessengerSpec],
    n5: f64,
    y: f64,
    sm: &SmInputs,
) -> Result<(), MessengerError> {
    let pairs: Vec<MessengerPair> = if specs.is_empty() {
        vec![MessengerPair {
            content: Content::Five,
            multiplicity: n5,
            mass: y,
            f_over_x: 0.0,
            singlets: true,
        }]
    } else {
        specs.iter().map(|s| s.resolve(y, 0.0)).collect()
    };
    check_perturbative(&pairs, sm)
}

fn default_multiplicity() -> u32 {
    1
}

/// One messenger pair as written in a configuration (`[[physics.messengers]]` of a scan, or
/// `[[messengers]]` of a point card). The mass is absolute (`mass`, GeV) or relative to the
/// point's `<S> = y` (`mass_over_y`, default 1); F/X is absolute (`f_over_x` in GeV, or `f` = F in
/// GeV^2) or relative to the point's `Lambda` (`f_over_x_over_lambda`, default 1). A pair that S
/// couples to through `xi_S^I S Phi_I Phibar_I` has `X_I = xi_S^I y` and `F_I/X_I = Lambda`, so the
/// relative form follows the sampled `y` and `Lambda` of a scan. `singlets = true` marks HMZ's
/// messenger (coupled to S and N): a `5` at `X = y`, `F/X = Lambda` (no mass or F field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessengerSpec {
    pub content: Content,
    #[serde(default = "default_multiplicity")]
    pub multiplicity: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub singlets: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mass: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mass_over_y: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub f_over_x: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub f: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub f_over_x_over_lambda: Option<f64>,
}

impl MessengerSpec {
    /// The checks that need no point: field domains, at most one form of the mass and of F,
    /// the singlet-coupled pair's form.
    pub fn check(&self, index: usize) -> Result<(), MessengerError> {
        let spec_err = |message: String| MessengerError::Spec { index, message };
        let fields = [
            ("mass", self.mass, "the messenger mass X in GeV, positive"),
            ("mass_over_y", self.mass_over_y, "X/<S>, positive"),
            ("f_over_x", self.f_over_x, "F/X in GeV, positive"),
            ("f", self.f, "F in GeV^2, positive"),
            (
                "f_over_x_over_lambda",
                self.f_over_x_over_lambda,
                "(F/X)/Lambda, positive",
            ),
        ];
        for (field, value, meaning) in fields {
            if let Some(v) = value {
                if !(v.is_finite() && v > 0.0) {
                    return Err(MessengerError::Field {
                        index,
                        field,
                        value: v,
                        meaning,
                    });
                }
            }
        }
        if !(1..=MAX_MULTIPLICITY as u32).contains(&self.multiplicity) {
            return Err(MessengerError::Field {
                index,
                field: "multiplicity",
                value: self.multiplicity as f64,
                meaning: "a whole number of copies from 1 to 20",
            });
        }
        if self.mass.is_some() && self.mass_over_y.is_some() {
            return Err(spec_err("give mass or mass_over_y, not both".into()));
        }
        let f_forms = [self.f_over_x, self.f, self.f_over_x_over_lambda];
        if f_forms.iter().filter(|v| v.is_some()).count() > 1 {
            return Err(spec_err(
                "give one of f_over_x, f, f_over_x_over_lambda".into(),
            ));
        }
        if self.singlets {
            if self.content != Content::Five {
                return Err(spec_err(format!(
                    "the pair coupled to S and N (singlets = true) is HMZ's 5 + 5bar, not '{}'",
                    self.content.name()
                )));
            }
            let set = [
                self.mass,
                self.mass_over_y,
                self.f_over_x,
                self.f,
                self.f_over_x_over_lambda,
            ];
            if set.iter().any(Option::is_some) {
                return Err(spec_err(
                    "the pair coupled to S and N sits at X = <S> with F/X = Lambda (xi_S(M) = 1): give no mass or F for it".into(),
                ));
            }
        }
        Ok(())
    }

    /// The pair at a point with `<S> = y` and `Lambda`.
    pub fn resolve(&self, y: f64, lambda_susy: f64) -> MessengerPair {
        let mass = self.mass.unwrap_or(y * self.mass_over_y.unwrap_or(1.0));
        let f_over_x = match (self.f_over_x, self.f) {
            (Some(v), _) => v,
            (None, Some(f)) => f / mass,
            (None, None) => lambda_susy * self.f_over_x_over_lambda.unwrap_or(1.0),
        };
        MessengerPair {
            content: self.content,
            multiplicity: self.multiplicity as f64,
            mass,
            f_over_x,
            singlets: self.singlets,
        }
    }
}

/// The model whose messenger list is checked: what its pair marked `singlets = true` is for
/// (the wording of the error when there is not exactly one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SingletPair {
    /// HMZ: the 5 + 5bar coupled to S and N at `X = <S>`, `F/X = Lambda` (xi_S, xi_N).
    Hmz,
    /// mssm_gmsb: the 5 + 5bar at `X = M`, `F/X = Lambda` (the point's m_mess and lambda_susy).
    MssmGmsb,
}

/// The checks of a messenger list (no point needed): each pair's fields, and exactly one pair
/// marked `singlets = true` (HMZ's pair coupled to S and N; mssm_gmsb's pair at M and Lambda).
pub fn check_specs(specs: &[MessengerSpec], model: SingletPair) -> Result<(), MessengerError> {
    for (index, s) in specs.iter().enumerate() {
        s.check(index)?;
    }
    match specs.iter().filter(|s| s.singlets).count() {
        1 => Ok(()),
        n => Err(MessengerError::Sector(match model {
            SingletPair::Hmz => format!(
                "exactly one pair must couple to S and N (singlets = true; found {n}): HMZ's xi_S and xi_N need it"
            ),
            SingletPair::MssmGmsb => format!(
                "exactly one pair must have singlets = true (found {n}): it is the 5 + 5bar at X = M with F/X = Lambda (the point's m_mess and lambda_susy), the scale of the other pairs' relative masses"
            ),
        })),
    }
}

/// The sector of a point: the `n5` shorthand when `specs` is empty, the list otherwise (already
/// checked by [`check_specs`]).
pub fn resolve_sector(
    specs: &[MessengerSpec],
    n5: f64,
    y: f64,
    lambda_susy: f64,
) -> Result<MessengerSector, MessengerError> {
    if specs.is_empty() {
        return MessengerSector::minimal(n5, y, lambda_susy);
    }
    MessengerSector::new(specs.iter().map(|s| s.resolve(y, lambda_susy)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(content: Content, mass: f64, f_over_x: f64) -> MessengerPair {
        MessengerPair {
            content,
            multiplicity: 1.0,
            mass,
            f_over_x,
            singlets: false,
        }
    }

    #[test]
    fn gauge_coefficients_of_the_content() {
        // A 5 is D + L, a 10 is Q + U + E (docs/physics.md section 11).
        let sum = |cs: &[Content]| -> [f64; 3] {
            std::array::from_fn(|i| cs.iter().map(|c| c.b_gut()[i]).sum())
        };
        let five = sum(&[Content::D, Content::L]);
        let ten = sum(&[Content::Q, Content::U, Content::E]);
        for i in 0..3 {
            assert!((five[i] - Content::Five.b_gut()[i]).abs() < 1e-15);
            assert!((ten[i] - Content::Ten.b_gut()[i]).abs() < 1e-15);
        }
        // Independently from the Dynkin indices: b_1 = (3/5) sum_components 2 Y^2 with Q = T_3 + Y,
        // b_2 = (number of doublets), b_3 = (number of triplets) per pair.
        let b1 = |n: f64, y: f64| 0.6 * n * 2.0 * y * y;
        assert!((Content::D.b_gut()[0] - b1(3.0, 1.0 / 3.0)).abs() < 1e-15);
        assert!((Content::L.b_gut()[0] - b1(2.0, 0.5)).abs() < 1e-15);
        assert!((Content::Q.b_gut()[0] - b1(6.0, 1.0 / 6.0)).abs() < 1e-15);
        assert!((Content::U.b_gut()[0] - b1(3.0, 2.0 / 3.0)).abs() < 1e-15);
        assert!((Content::E.b_gut()[0] - b1(1.0, 1.0)).abs() < 1e-15);
        // The seed's table: full theory b = (38/5, 2, -2) = MSSM (33/5, 1, -3) + 5.
        let p = pair(Content::Five, 1e5, 1e4);
        let b = p.gauge_b_sm();
        assert!((b[0] * 3.0 / 5.0 - 1.0).abs() < 1e-15 && b[1] == 1.0 && b[2] == 1.0);
    }

    #[test]
    fn ten_is_three_fives_and_components_add_up() {
        let c = Couplings {
            g1: 0.37,
            g2: 0.66,
            g3: 0.95,
            ..Couplings::default()
        };
        let five = MessengerPair {
            multiplicity: 3.0,
            ..pair(Content::Five, 1e5, 6e4)
        };
        let ten = pair(Content::Ten, 1e5, 6e4);
        let parts: Vec<SoftTerms> = [Content::Q, Content::U, Content::E]
            .iter()
            .map(|&k| pair(k, 1e5, 6e4).gauge_soft_terms(&c, true))
            .collect();
        let (s5, s10) = (
            five.gauge_soft_terms(&c, true),
            ten.gauge_soft_terms(&c, true),
        );
        let sum = add_soft(&add_soft(&parts[0], &parts[1]), &parts[2]);
        let v = |s: &SoftTerms| [s.m1, s.m2, s.m3, s.mq1, s.mu1, s.md1, s.ml1, s.me1, s.mhu];
        for ((a, b), d) in v(&s5).iter().zip(v(&s10)).zip(v(&sum)) {
            assert!((a - b).abs() <= 1e-14 * a.abs(), "{a} vs {b}");
            assert!((d - b).abs() <= 1e-14 * b.abs(), "{d} vs {b}");
        }
    }

    #[test]
    fn a_five_reproduces_the_minimal_gauge_mediation_formulas() {
        // m^2(e_R) = 2 (5/3) Y^2 (alpha'/4pi)^2 Lambda^2 = (10/3)(alpha' Lambda/4pi)^2 at f = 1.
        let c = Couplings {
            g1: 0.36,
            g2: 0.64,
            g3: 1.0,
            ..Couplings::default()
        };
        let lam = 7.7e4;
        let s = pair(Content::Five, 9.7e4, lam).gauge_soft_terms(&c, false);
        let ap = c.g1 * c.g1 / (4.0 * PI);
        let er = 10.0 / 3.0 * (ap * lam / (4.0 * PI)).powi(2);
        assert!((s.me1 - er).abs() < 1e-13 * er);
        assert!((s.m1 - 5.0 / 3.0 * ap / (4.0 * PI) * lam).abs() < 1e-13 * s.m1);
        // A lone triplet gives no wino mass and no lepton-doublet SU(2) part.
        let d = pair(Content::D, 9.7e4, lam).gauge_soft_terms(&c, true);
        assert_eq!(d.m2, 0.0);
        let l_only_y = 2.0 * 0.25 * (5.0 / 3.0) * 0.4 * (ap / (4.0 * PI)).powi(2) * lam * lam;
        let x = lam / 9.7e4;
        assert!((d.ml1 - l_only_y * threshold_f(x)).abs() < 1e-13 * d.ml1);
    }

    #[test]
    fn validation_names_the_field_and_the_pair() {
        let ok = pair(Content::D, 1e5, 5e4);
        assert!(MessengerSector::new(vec![ok]).is_ok());
        let e = MessengerSector::new(vec![ok, pair(Content::L, -1.0, 5e4)]).unwrap_err();
        assert!(e.to_string().starts_with("messengers[1].mass: -1"), "{e}");
        let e = MessengerSector::new(vec![pair(Content::L, 1e5, 1e5)]).unwrap_err();
        assert!(
            e.to_string().contains("F/X^2 = 1.0000 must be below 1"),
            "{e}"
        );
        let e = MessengerSector::new(vec![MessengerPair {
            multiplicity: 0.0,
            ..ok
        }])
        .unwrap_err();
        assert!(e.to_string().contains("multiplicity"), "{e}");
        assert!(MessengerSector::new(vec![]).is_err());
        let s = |singlets| MessengerPair { singlets, ..ok };
        assert!(MessengerSector::new(vec![s(true), s(true)]).is_err());

        let spec = |t: &str| -> MessengerSpec { toml::from_str(t).unwrap() };
        assert!(check_specs(
            &[spec("content = \"5\"\nsinglets = true")],
            SingletPair::Hmz
        )
        .is_ok());
        // No singlet pair, two, a singlet pair that is not a 5 or has its own mass.
        assert!(check_specs(&[spec("content = \"D\"")], SingletPair::Hmz).is_err());
        let e = check_specs(
            &[spec("content = \"10\"\nsinglets = true")],
            SingletPair::Hmz,
        )
        .unwrap_err();
        assert!(e.to_string().contains("HMZ's 5 + 5bar"), "{e}");
        let e = check_specs(
            &[spec("content = \"5\"\nsinglets = true\nmass = 1e5")],
            SingletPair::Hmz,
        )
        .unwrap_err();
        assert!(e.to_string().contains("give no mass or F"), "{e}");
        let e = spec("content = \"D\"\nmass = 1e5\nmass_over_y = 2.0").check(3);
        assert!(e
            .unwrap_err()
            .to_string()
            .starts_with("messengers[3]: give mass"));
        let e = spec("content = \"D\"\nf = 1e9\nf_over_x = 2.0").check(0);
        assert!(e.is_err());
        let e = spec("content = \"D\"\nmultiplicity = 0")
            .check(0)
            .unwrap_err();
        assert!(e.to_string().contains("multiplicity"), "{e}");
        let e = spec("content = \"D\"\nmass_over_y = nan")
            .check(0)
            .unwrap_err();
        assert!(e.to_string().contains("mass_over_y"), "{e}");
        assert!(toml::from_str::<MessengerSpec>("content = \"X\"").is_err());
        assert!(toml::from_str::<MessengerSpec>("content = \"D\"\nmas = 1.0").is_err());
    }

    #[test]
    fn resolution_follows_y_and_lambda() {
        let s: MessengerSpec = toml::from_str("content = \"D\"\nmass_over_y = 2.0").unwrap();
        let p = s.resolve(1e5, 6e4);
        assert_eq!((p.mass, p.f_over_x), (2e5, 6e4));
        let s: MessengerSpec = toml::from_str("content = \"L\"\nmass = 3e5\nf = 6e9").unwrap();
        let p = s.resolve(1e5, 6e4);
        assert_eq!((p.mass, p.f_over_x), (3e5, 2e4));
        let sector = resolve_sector(&[], 2.0, 1e5, 6e4).unwrap();
        assert_eq!(sector.pairs().len(), 1);
        assert!(sector.singlet_pair().unwrap().multiplicity == 2.0);
    }

    #[test]
    fn landau_pole_check_names_the_pair() {
        let sm = SmInputs::default();
        let light = MessengerSector::new(vec![pair(Content::Five, 1e5, 5e4)]).unwrap();
        assert!(light.check_perturbative(&sm).is_ok());
        // Twenty 10s at 1e5 GeV (b_3 = -3 + 60) and a pair at 1e15 GeV: g3 blows up in between.
        let heavy = MessengerSector::new(vec![
            MessengerPair {
                multiplicity: 20.0,
                ..pair(Content::Ten, 1e5, 5e4)
            },
            pair(Content::L, 1e15, 5e4),
        ])
        .unwrap();
        let e = heavy.check_perturbative(&sm).unwrap_err().to_string();
        assert!(
            e.starts_with("messengers[1] (1 x L, X = 1.0000e15 GeV) is above the Landau pole"),
            "{e}"
        );
        // The scale where the limit is reached: from the exact one-loop solution.
        if let Err(MessengerError::NonPerturbative {
            scale, coupling, ..
        }) = heavy.check_perturbative(&sm)
        {
            let b = [B_GAUGE[0] + 100.0, B_GAUGE[1] + 60.0, B_GAUGE[2] + 60.0];
            let names = ["g_prime", "g2", "g3"];
            let i = names.iter().position(|n| *n == coupling).unwrap();
            // Run 1/g^2 from M_Z to 1e5 with the MSSM b, then with b up to `scale`.
            let g0 = [sm.g_prime_mz, sm.g2_mz, sm.g3_mz][i];
            let inv = 1.0 / (g0 * g0)
                - 2.0 * B_GAUGE[i] * (1e5 / sm.mz).ln() / (16.0 * PI * PI)
                - 2.0 * b[i] * (scale / 1e5).ln() / (16.0 * PI * PI);
            assert!(
                (inv * PERTURBATIVE_LIMIT.powi(2) - 1.0).abs() < 1e-10,
                "{inv}"
            );
        } else {
            panic!("expected NonPerturbative");
        }
    }
}
