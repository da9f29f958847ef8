//! The LHC-era bound set `lhc2025` (docs/physics.md section 9b). Every bound is a named rejection
//! reason (`bound:<name>`) with its public source and number in [`LHC2025_BOUNDS`], which the
//! documentation table must list (tests/lhc2025_configs.rs checks names, numbers and sources).
//!
//! The checks run in the order of [`LHC2025_BOUNDS`]; the first failure is recorded:
//! the SM-like Higgs window, the LEP Higgsstrahlung limit on lighter CP-even states, the final LEP
//! limits, the heavy Higgs tau-tau limit, the gluino and squark limits, and the electroweak limits
//! chosen by the NLSP kind and its decay length.

use super::{Rejection, RejectionReason};
use crate::model::gravitino::NlspKind;

/// One bound of the set: its rejection name, the number used and its source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LhcBound {
    pub name: &'static str,
    /// The number used (a mass in GeV, or as described).
    pub value: f64,
    pub what: &'static str,
    pub source: &'static str,
}

/// Measured Higgs mass [GeV] (ATLAS+CMS Run 1, arXiv:1503.07589: 125.09 +- 0.24; ATLAS Run 2,
/// arXiv:2308.04775: 125.11 +- 0.11).
pub const M_H_MEASURED: f64 = 125.1;
/// The least theory uncertainty of the window [GeV].
pub const M_H_WINDOW_FLOOR: f64 = 2.0;
/// NLSP decay length below which its decay is prompt [m].
pub const CTAU_PROMPT_M: f64 = 1e-3;
/// NLSP decay length above which it leaves the detector before decaying [m].
pub const CTAU_STABLE_M: f64 = 10.0;

/// The bounds, in the order they are checked.
pub const LHC2025_BOUNDS: [LhcBound; 14] = [
    LhcBound {
        name: "higgs_125",
        value: M_H_MEASURED,
        what: "|m_h(SM-like) - 125.1| <= max(2 GeV, m_h uncertainty)",
        source: "ATLAS+CMS arXiv:1503.07589 (125.09 +- 0.24); ATLAS arXiv:2308.04775 (125.11 +- 0.11)",
    },
    LhcBound {
        name: "lep_hz_light_scalar",
        value: f64::NAN,
        what: "each CP-even state lighter than the SM-like one: xi^2 <= S95(m) (table)",
        source: "LEP, hep-ex/0602042 (Eur. Phys. J. C47 (2006) 547), Fig. 3a / hep-ex/0306033 Fig. 10a, h -> bb",
    },
    LhcBound {
        name: "lep_chargino1",
        value: 103.5,
        what: "m_chargino1 > 103.5 GeV",
        source: "LEP2 SUSY WG, LEPSUSYWG/01-03.1 (as the lepfinal set)",
    },
    LhcBound {
        name: "lep_selectron_r",
        value: 99.9,
        what: "m_eR > 99.9 GeV",
        source: "LEP2 SUSY WG, LEPSUSYWG/04-01.1 (as the lepfinal set)",
    },
    LhcBound {
        name: "lep_stau1",
        value: 93.2,
        what: "m_stau1 > 93.2 GeV",
        source: "LEP2 SUSY WG (as the lepfinal set)",
    },
    LhcBound {
        name: "lep_charged_higgs",
        value: 78.6,
        what: "m_H+ > 78.6 GeV",
        source: "LEP, arXiv:1301.6065",
    },
    LhcBound {
        name: "heavy_higgs_tautau",
        value: f64::NAN,
        what: "tan(beta) sqrt(doublet share of P_1) <= tan(beta)_max(m_P1) (table)",
        source: "ATLAS arXiv:2002.12223 (PRL 125 (2020) 051801), M_h^125 scenario: tan(beta) > 8 at m_A = 1 TeV, > 21 at 1.5 TeV",
    },
    LhcBound {
        name: "gluino",
        value: 2200.0,
        what: "m_gluino > 2200 GeV (every NLSP kind)",
        source: "ATLAS arXiv:2206.06012 (photon + jets + MET, GGM, 139/fb): gluinos up to 2200 GeV",
    },
    LhcBound {
        name: "squark",
        value: 1850.0,
        what: "lightest first-generation squark > 1850 GeV",
        source: "ATLAS arXiv:2010.14293 (jets + MET, 139/fb), degenerate light squarks, massless LSP: 1.85 TeV (from memory: must be checked)",
    },
    LhcBound {
        name: "ewkino_photon_prompt",
        value: 1000.0,
        what: "neutralino NLSP, c tau < 1 mm: m_chargino1 > 1000 GeV",
        source: "ATLAS arXiv:1802.03158 (photon + MET, GGM, 36/fb): weakly produced pairs up to 1.3 TeV; 1000 GeV used as the conservative reading (must be checked against the contour)",
    },
    LhcBound {
        name: "ewkino_via_stau_prompt",
        value: 1160.0,
        what: "stau NLSP or slepton co-NLSP, c tau < 1 mm: m_chargino1 > 1160 GeV",
        source: "ATLAS arXiv:2402.00603 (JHEP 05 (2024) 150): chargino1-neutralino2 via staus, massless LSP, up to 1160 GeV",
    },
    LhcBound {
        name: "stau_prompt",
        value: 350.0,
        what: "stau NLSP or slepton co-NLSP, c tau < 1 mm: m_stau1 > 350 GeV",
        source: "ATLAS arXiv:2402.00603: stau_R-only up to 350 GeV (500 GeV for degenerate L+R)",
    },
    LhcBound {
        name: "slepton_co_nlsp_prompt",
        value: 500.0,
        what: "slepton co-NLSP, c tau < 1 mm: m_eR > 500 GeV",
        source: "ATLAS arXiv:1908.08215 (2 leptons + MET, 139/fb), right-handed selectrons/smuons, massless LSP (from memory: must be checked)",
    },
    LhcBound {
        name: "charged_nlsp_stable",
        value: 430.0,
        what: "stau NLSP or slepton co-NLSP, c tau > 10 m: m_stau1 > 430 GeV (heavy stable charged particle)",
        source: "ATLAS arXiv:1902.01636 (36/fb, direct staus, stable; from memory: must be checked; newer: arXiv:2205.06013, 2502.06694)",
    },
];

/// LEP 95% CL upper bound S95 on xi^2 = (g_hZZ/g_SM)^2 for h -> bb with SM branching ratios,
/// (m [GeV], S95). Read from the figure of hep-ex/0602042 (Fig. 3a; the same curve as
/// hep-ex/0306033 Fig. 10a): an approximate digitisation from memory, to be checked against the
/// published numbers (HiggsBounds' LEP tables). Linear interpolation; below 12 GeV the first value
/// (stricter than the decay-independent OPAL limit), above 114.4 GeV no limit.
pub const LEP_XI2_TABLE: [(f64, f64); 16] = [
    (12.0, 0.015),
    (20.0, 0.012),
    (30.0, 0.012),
    (40.0, 0.014),
    (50.0, 0.018),
    (60.0, 0.025),
    (70.0, 0.04),
    (80.0, 0.07),
    (85.0, 0.10),
    (90.0, 0.14),
    (95.0, 0.20),
    (98.0, 0.25),
    (100.0, 0.30),
    (105.0, 0.50),
    (110.0, 0.80),
    (114.4, 1.0),
];

/// Upper bound on tan(beta) from H/A -> tau tau versus m_A [GeV] (ATLAS arXiv:2002.12223,
/// M_h^125 scenario). The 1.0 and 1.5 TeV entries are the paper's abstract; the others are read
/// from its Fig. 3 from memory (must be checked against HEPData record ins1782650); below 200 GeV
/// the first value, above 2.5 TeV no limit (the search range ends).
pub const TAUTAU_TANB_TABLE: [(f64, f64); 8] = [
    (200.0, 4.0),
    (400.0, 5.0),
    (600.0, 5.5),
    (800.0, 6.5),
    (1000.0, 8.0),
    (1500.0, 21.0),
    (2000.0, 40.0),
    (2500.0, 60.0),
];

/// Linear interpolation in a table sorted by x, clamped below; None above its end.
fn interpolate(table: &[(f64, f64)], x: f64) -> Option<f64> {
    let (x0, y0) = table[0];
    if x <= x0 {
        return Some(y0);
    }
    for w in table.windows(2) {
        let ((xa, ya), (xb, yb)) = (w[0], w[1]);
        if x <= xb {
            return Some(ya + (yb - ya) * (x - xa) / (xb - xa));
        }
    }
    None
}

/// The LEP limit S95(m) on xi^2 (None: no limit at this mass).
pub fn lep_xi2_limit(m: f64) -> Option<f64> {
    interpolate(&LEP_XI2_TABLE, m)
}

/// The largest allowed tan(beta) at m_A (None: no limit).
pub fn tautau_tan_beta_max(m_a: f64) -> Option<f64> {
    interpolate(&TAUTAU_TANB_TABLE, m_a)
}

/// Everything the `lhc2025` set looks at [GeV unless stated].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LhcObservables {
    /// CP-even masses (ascending) and their ZZ-coupling shares xi^2.
    pub even_mass: [f64; 3],
    pub even_xi2: [f64; 3],
    /// Index of the SM-like state (largest xi^2).
    pub sm_like: usize,
    /// The SM-like Higgs mass the window tests: the solution's `m_h`, by the method of the switch
    /// `higgs_mass` (the EFT mass in the consistent preset, the one-loop state otherwise).
    pub m_h: f64,
    /// The per-solution theory uncertainty of m_h, when the Higgs-mass calculation provides it;
    /// the window is max(2 GeV, it).
    pub m_h_uncertainty: Option<f64>,
    /// The lighter CP-odd state and its doublet (A^0) share cos^2(gamma).
    pub m_p1: f64,
    pub p1_doublet_share: f64,
    pub charged_higgs: f64,
    pub tan_beta: f64,
    pub gluino: f64,
    /// The lightest of u_L, u_R, d_L, d_R.
    pub squark: f64,
    pub chargino1: f64,
    pub stau1: f64,
    pub selectron_r: f64,
    pub nlsp: NlspKind,
    /// NLSP decay length [m].
    pub nlsp_ctau_m: f64,
}

/// Prompt, displaced or detector-stable NLSP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    Prompt,
    Displaced,
    Stable,
}

impl Lifetime {
    pub fn of(ctau_m: f64) -> Self {
        if ctau_m < CTAU_PROMPT_M {
            Lifetime::Prompt
        } else if ctau_m > CTAU_STABLE_M {
            Lifetime::Stable
        } else {
            Lifetime::Displaced
        }
    }
}

fn bound(name: &'static str) -> &'static LhcBound {
    LHC2025_BOUNDS
        .iter()
        .find(|b| b.name == name)
        .expect("every checked bound is in LHC2025_BOUNDS")
}

/// `value > min` or the named rejection (a NaN value fails).
fn lower(name: &'static str, label: &str, value: f64) -> Result<(), Rejection> {
    let min = bound(name).value;
    if value > min {
        Ok(())
    } else {
        Err(Rejection::new(
            RejectionReason::Bound(name),
            format!("{label} = {value:.2} GeV <= {min} GeV"),
        ))
    }
}

/// The first violated bound of the set, if any.
pub fn first_violation(o: &LhcObservables) -> Option<Rejection> {
    check(o).err()
}

// Negated comparisons (`!(a <= b)`) so that a NaN mass or share fails its bound.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
fn check(o: &LhcObservables) -> Result<(), Rejection> {
    // SM-like Higgs window.
    let m_h = o.m_h;
    let window = o.m_h_uncertainty.unwrap_or(0.0).max(M_H_WINDOW_FLOOR);
    if !((m_h - M_H_MEASURED).abs() <= window) {
        return Err(Rejection::new(
            RejectionReason::Bound("higgs_125"),
            format!(
                "m_S{} = {m_h:.2} GeV outside {M_H_MEASURED} +- {window:.2} GeV",
                o.sm_like + 1
            ),
        ));
    }
    // LEP Higgsstrahlung on lighter states.
    for i in 0..o.sm_like {
        if let Some(s95) = lep_xi2_limit(o.even_mass[i]) {
            if !(o.even_xi2[i] <= s95) {
                return Err(Rejection::new(
                    RejectionReason::Bound("lep_hz_light_scalar"),
                    format!(
                        "S{}: m = {:.2} GeV, xi^2 = {:.4} > S95 = {s95:.4}",
                        i + 1,
                        o.even_mass[i],
                        o.even_xi2[i]
                    ),
                ));
            }
        }
    }
    lower("lep_chargino1", "m_chargino1", o.chargino1)?;
    lower("lep_selectron_r", "m_eR", o.selectron_r)?;
    lower("lep_stau1", "m_stau1", o.stau1)?;
    lower("lep_charged_higgs", "m_H+", o.charged_higgs)?;
    // H/A -> tau tau: the production and decay through the doublet scale with tan^2(beta) times
    // the doublet share, read as an effective tan(beta).
    if let Some(tb_max) = tautau_tan_beta_max(o.m_p1) {
        let tb_eff = o.tan_beta * o.p1_doublet_share.max(0.0).sqrt();
        if !(tb_eff <= tb_max) {
            return Err(Rejection::new(
                RejectionReason::Bound("heavy_higgs_tautau"),
                format!(
                    "m_P1 = {:.1} GeV: tan(beta)_eff = {tb_eff:.2} > {tb_max:.2}",
                    o.m_p1
                ),
            ));
        }
    }
    lower("gluino", "m_gluino", o.gluino)?;
    lower("squark", "m_squark", o.squark)?;
    let life = Lifetime::of(o.nlsp_ctau_m);
    match (o.nlsp, life) {
        (NlspKind::Neutralino, Lifetime::Prompt) => {
            lower("ewkino_photon_prompt", "m_chargino1", o.chargino1)?
        }
        (NlspKind::Stau | NlspKind::SleptonCoNlsp, Lifetime::Prompt) => {
            lower("ewkino_via_stau_prompt", "m_chargino1", o.chargino1)?;
            lower("stau_prompt", "m_stau1", o.stau1)?;
            if o.nlsp == NlspKind::SleptonCoNlsp {
                lower("slepton_co_nlsp_prompt", "m_eR", o.selectron_r)?;
            }
        }
        (NlspKind::Stau | NlspKind::SleptonCoNlsp, Lifetime::Stable) => {
            lower("charged_nlsp_stable", "m_stau1", o.stau1)?
        }
        // A detector-stable neutralino NLSP: the strong limits above (jets + MET) apply; a
        // displaced NLSP of any kind: no LHC limit of this set (docs: a known gap).
        (NlspKind::Neutralino, _) | (_, Lifetime::Displaced) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spectrum that passes every bound: a 125 GeV S_1, heavy everything, prompt neutralino NLSP.
    fn passing() -> LhcObservables {
        LhcObservables {
            even_mass: [125.0, 3000.0, 9000.0],
            even_xi2: [0.999, 0.001, 0.0],
            sm_like: 0,
            m_h: 125.0,
            m_h_uncertainty: None,
            m_p1: 3000.0,
            p1_doublet_share: 1.0,
            charged_higgs: 3000.0,
            tan_beta: 10.0,
            gluino: 2500.0,
            squark: 2400.0,
            chargino1: 1200.0,
            stau1: 800.0,
            selectron_r: 900.0,
            nlsp: NlspKind::Neutralino,
            nlsp_ctau_m: 1e-5,
        }
    }

    fn reason(o: &LhcObservables) -> Option<String> {
        first_violation(o).map(|r| r.reason.key())
    }

    #[test]
    fn passing_spectrum_passes() {
        assert_eq!(reason(&passing()), None);
    }

    #[test]
    fn higgs_window_uses_the_larger_of_floor_and_uncertainty() {
        let mut o = passing();
        o.m_h = 122.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:higgs_125"));
        o.m_h_uncertainty = Some(3.5);
        assert_eq!(reason(&o), None);
        o.m_h_uncertainty = Some(1.0);
        o.m_h = 123.2;
        assert_eq!(reason(&o), None);
        o.m_h = f64::NAN;
        assert_eq!(reason(&o).as_deref(), Some("bound:higgs_125"));
    }

    #[test]
    fn light_singlet_needs_a_small_doublet_share() {
        // S_2 SM-like, S_1 a 95 GeV singlet-like state.
        let mut o = passing();
        o.even_mass = [95.0, 125.5, 9000.0];
        o.sm_like = 1;
        o.even_xi2 = [0.1, 0.9, 0.0];
        assert_eq!(reason(&o), None);
        o.even_xi2 = [0.3, 0.7, 0.0];
        assert_eq!(reason(&o).as_deref(), Some("bound:lep_hz_light_scalar"));
        // Interpolation: halfway between 95 (0.20) and 98 (0.25) GeV.
        assert!((lep_xi2_limit(96.5).unwrap() - 0.225).abs() < 1e-12);
        assert_eq!(lep_xi2_limit(120.0), None);
        assert_eq!(lep_xi2_limit(5.0), Some(0.015));
    }

    #[test]
    fn nlsp_kind_and_lifetime_choose_the_electroweak_bounds() {
        let mut o = passing();
        o.chargino1 = 900.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:ewkino_photon_prompt"));
        // Displaced or stable neutralino: no electroweak LHC bound of this set.
        o.nlsp_ctau_m = 1.0;
        assert_eq!(reason(&o), None);
        o.nlsp_ctau_m = 100.0;
        assert_eq!(reason(&o), None);
        // Prompt stau NLSP.
        let mut s = passing();
        s.nlsp = NlspKind::Stau;
        s.stau1 = 300.0;
        assert_eq!(reason(&s).as_deref(), Some("bound:stau_prompt"));
        s.stau1 = 400.0;
        s.chargino1 = 1100.0;
        assert_eq!(reason(&s).as_deref(), Some("bound:ewkino_via_stau_prompt"));
        // Stable stau: the heavy-stable-charged-particle limit.
        let mut h = passing();
        h.nlsp = NlspKind::Stau;
        h.nlsp_ctau_m = 50.0;
        h.stau1 = 420.0;
        assert_eq!(reason(&h).as_deref(), Some("bound:charged_nlsp_stable"));
        // Prompt slepton co-NLSP: the selectron limit.
        let mut c = passing();
        c.nlsp = NlspKind::SleptonCoNlsp;
        c.stau1 = 450.0;
        c.selectron_r = 451.0;
        assert_eq!(reason(&c).as_deref(), Some("bound:slepton_co_nlsp_prompt"));
    }

    #[test]
    fn tautau_limit_with_singlet_admixture() {
        let mut o = passing();
        o.m_p1 = 1000.0;
        o.charged_higgs = 1000.0;
        o.tan_beta = 10.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:heavy_higgs_tautau"));
        // A singlet admixture of 50 % lowers the effective tan(beta) to 7.07 < 8.
        o.p1_doublet_share = 0.5;
        assert_eq!(reason(&o), None);
        assert_eq!(tautau_tan_beta_max(1500.0), Some(21.0));
        assert_eq!(tautau_tan_beta_max(3000.0), None);
    }

    #[test]
    fn order_and_names() {
        // Every name unique and used by a check (bound() panics otherwise).
        for (i, b) in LHC2025_BOUNDS.iter().enumerate() {
            assert!(LHC2025_BOUNDS[..i].iter().all(|c| c.name != b.name));
            assert!(!b.source.is_empty());
        }
        // The strong bounds come after the LEP ones.
        let mut o = passing();
        o.gluino = 1000.0;
        o.chargino1 = 100.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:lep_chargino1"));
        o.chargino1 = 1200.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:gluino"));
    }
}
