//! The LHC-era bound set `lhc2025` (docs/physics.md section 9b). Every bound is a named rejection
//! reason (`bound:<name>`) with its public source and number in [`LHC2025_BOUNDS`], which the
//! documentation table must list (tests/lhc2025_configs.rs checks names, numbers and sources).
//!
//! The checks run in the order of [`LHC2025_BOUNDS`]; the first failure is recorded:
//! the SM-like Higgs window, the LEP Higgsstrahlung limit on lighter CP-even states, the final LEP
//! limits, the heavy Higgs tau-tau limit, the gluino and squark limits, and the electroweak limits
//! chosen by the NLSP kind and its decay length: prompt (c tau < 1 mm), displaced (the delayed-photon
//! and displaced-lepton tables, [`NEUTRALINO_DELAYED_PHOTON`], [`STAU_DISPLACED_LEPTON`]) or
//! detector-stable (c tau > 10 m).
//!
//! The LEP Higgsstrahlung table is the published one (`data/lep_hz_bb_s95.txt`, with its provenance).
//! The prompt photon + MET limit on the electroweakinos of a neutralino NLSP and the prompt
//! dilepton limit on a slepton co-NLSP compare a signal cross section (LHC SUSY cross section
//! working group tables, `data/xsec13_*.txt`) with the searches' published upper-limit grids
//! (HEPData, `data/atlas_*_ul.txt`), each file with its provenance; so do the prompt limits on a
//! compressed higgsino-like NLSP decaying to h or Z + gravitino ([`BosonPair`]: CMS hh and ZZ
//! upper limits, `data/cms_*_ul.txt`). A detector-stable higgsino-like NLSP meets the soft-lepton
//! contour of the compressed-higgsino searches (module [`super::compressed_higgsino`]); the
//! delayed-photon table applies to a bino-like NLSP only ([`DELAYED_PHOTON_BINO_SHARE_MIN`]). A
//! displaced Z/h-decaying neutralino has no limit here (no sourced contour; docs/physics.md 9b). A sfermion mass that is not a positive number (a NaN pole
//! mass) is a `tachyonic_sfermion` rejection before the first bound. The other numbers are the
//! abstracts' (docs/physics.md 9b says which); a number with no public source is not used.

use super::compressed_higgsino::HiggsinoMultiplet;
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
pub const LHC2025_BOUNDS: [LhcBound; 19] = [
    LhcBound {
        name: "higgs_125",
        value: M_H_MEASURED,
        what: "|m_h(SM-like) - 125.1| <= max(2 GeV, m_h uncertainty)",
        source: "ATLAS+CMS arXiv:1503.07589 (125.09 +- 0.24); ATLAS arXiv:2308.04775 (125.11 +- 0.11)",
    },
    LhcBound {
        name: "lep_hz_light_scalar",
        value: f64::NAN,
        what: "each CP-even state lighter than the SM-like one: xi^2 <= S95(m) (table, observed)",
        source: "LEP Higgs WG hep-ex/0602042 (Eur. Phys. J. C47 (2006) 547) Table 14b, h -> bb, 0.5 GeV steps as in HiggsBounds 5.10.1 lep210_hbb.txt",
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
        what: "for P_1 and P_2 each: tan(beta) sqrt(doublet share) <= 8 for 200 GeV <= m_P <= 1 TeV, <= 21 for 1 TeV < m_P <= 1.5 TeV; no limit outside",
        source: "ATLAS arXiv:2002.12223 (PRL 125 (2020) 051801, HEPData ins1782650; 139/fb, M_h^125 scenario), abstract: tan(beta) > 8 excluded at m_A = 1.0 TeV, tan(beta) > 21 at 1.5 TeV; search range 0.2-2.5 TeV",
    },
    LhcBound {
        name: "gluino",
        value: 2200.0,
        what: "m_gluino > 2200 GeV (every NLSP kind)",
        source: "ATLAS arXiv:2206.06012 (JHEP 07 (2023) 021; photon + jets + MET, GGM, 139/fb), abstract: gluinos up to 2200 GeV for most NLSP masses",
    },
    LhcBound {
        name: "squark",
        value: 1850.0,
        what: "lightest first-generation squark > 1850 GeV",
        source: "ATLAS arXiv:2010.14293 (JHEP 02 (2021) 143, HEPData ins1827025; jets + MET, 139/fb), abstract: degenerate first- and second-generation squarks below 1.85 TeV, massless LSP",
    },
    LhcBound {
        name: "ewkino_photon_prompt",
        value: f64::NAN,
        what: "neutralino NLSP, c tau < 1 mm: sigma_higgsino(m_chargino1) BR(chi1 -> photon G)^2 <= UL(m_chargino1, |m_chi1|) (tables)",
        source: "ATLAS arXiv:1802.03158 (PRD 97 (2018) 092006; photon + MET, GGM, 36.1/fb), HEPData ins1654357 table Cross section UL 3 (via the SModelS database, TChipChimgg); cross section: LHC SUSY xsec WG, 13 TeV NLO+NLL higgsino-like sum",
    },
    LhcBound {
        name: "higgsino_hh_prompt",
        value: f64::NAN,
        what: "neutralino NLSP, c tau < 1 mm, m_chargino1 - |m_chi1| <= 10 GeV: sigma_higgsino(m_chargino1) BR(chi1 -> h G)^2 <= UL(|m_chi1|) (tables)",
        source: "CMS arXiv:2201.04206 (JHEP 05 (2022) 014; hh -> 4b + MET, 137/fb), abstract: 175 to 1025 GeV for BR(h G) = 1; UL grid of Fig. 13 at m_LSP = 0 (via the SModelS database, TChiHH); cross section: LHC SUSY xsec WG, 13 TeV NLO+NLL higgsino-like sum",
    },
    LhcBound {
        name: "higgsino_zz_prompt",
        value: f64::NAN,
        what: "neutralino NLSP, c tau < 1 mm, m_chargino1 - |m_chi1| <= 10 GeV: sigma_higgsino(m_chargino1) BR(chi1 -> Z G)^2 <= UL(|m_chi1|) (tables)",
        source: "CMS arXiv:2012.08600 (JHEP 04 (2021) 123; on-Z dileptons + MET, 137/fb), abstract: neutralinos up to 800 GeV for BR(Z G) = 1; UL of Fig. 12(a) (via the SModelS database, TChiZZ); cross section: LHC SUSY xsec WG, 13 TeV NLO+NLL higgsino-like sum",
    },
    LhcBound {
        name: "higgsino_compressed_soft_lepton",
        value: f64::NAN,
        what: "neutralino NLSP, c tau > 10 m, chi1 and chi2 higgsino shares >= 0.9, chargino1 between them: (|m_chi2|, |m_chi2| - |m_chi1|) outside the observed higgsino contour (table)",
        source: "CMS arXiv:2111.06296 (CMS-SUS-18-004, JHEP 04 (2022) 091; 2 or 3 soft leptons + MET, 137/fb; HEPData ins1966342), abstract: higgsinos up to 205 (150) GeV at m(chi2) - m(chi1) = 7.5 (3) GeV; observed contour of the higgsino model as digitised in the public repository ku-cms/Limits (commit 2dad357e)",
    },
    LhcBound {
        name: "neutralino_displaced_photon",
        value: f64::NAN,
        what: "bino-like neutralino NLSP (|N11|^2 >= 0.9), 0.1 m <= c tau <= 100 m: |m_chi1| > m_min(c tau) (table)",
        source: "CMS arXiv:1909.06166 (PRD 100 (2019) 112003; delayed photons, 77.4/fb, GMSB SPS8), abstract: 320, 525, 360, 215 GeV at c tau = 0.1, 1, 10, 100 m",
    },
    LhcBound {
        name: "ewkino_via_stau_prompt",
        value: 1160.0,
        what: "stau NLSP or slepton co-NLSP, c tau < 1 mm: m_chargino1 > 1160 GeV",
        source: "ATLAS arXiv:2402.00603 (JHEP 05 (2024) 150), abstract: chargino1-neutralino2 via staus, massless LSP, up to 1160 GeV",
    },
    LhcBound {
        name: "stau_prompt",
        value: 350.0,
        what: "stau NLSP or slepton co-NLSP, c tau < 1 mm: m_stau1 > 350 GeV",
        source: "ATLAS arXiv:2402.00603, abstract: stau_R-only up to 350 GeV (500 GeV for degenerate L+R)",
    },
    LhcBound {
        name: "slepton_co_nlsp_prompt",
        value: f64::NAN,
        what: "slepton co-NLSP, c tau < 1 mm: 2 sigma_R(m_eR) <= UL(m_eR) (tables; e_R and mu_R pairs)",
        source: "ATLAS arXiv:1908.08215 (EPJC 80 (2020) 123; 2 leptons + MET, 139/fb), HEPData ins1750597 table xsec upper limits 3 at m_LSP = 1 GeV (via the SModelS database, TSlepSlep); cross section: LHC SUSY xsec WG, 13 TeV NLO+NLL right-handed slepton pairs",
    },
    LhcBound {
        name: "stau_displaced_lepton",
        value: f64::NAN,
        what: "stau NLSP or slepton co-NLSP, 3.0 cm <= c tau <= 9.0 cm: m_stau1 > m_min(c tau) (table)",
        source: "ATLAS arXiv:2011.07812 (PRL 127 (2021) 051802, HEPData record 98796; displaced leptons, 139/fb): staus up to 340 GeV at 0.1 ns; ATLAS arXiv:2410.16835 (Run 2 + 3): up to 440 GeV at 0.3 ns (abstracts)",
    },
    LhcBound {
        name: "charged_nlsp_stable",
        value: 430.0,
        what: "stau NLSP or slepton co-NLSP, c tau > 10 m: m_stau1 > 430 GeV (heavy stable charged particle)",
        source: "ATLAS arXiv:1902.01636 (PRD 99 (2019) 092007, HEPData ins1718558; 36.1/fb), abstract: directly produced staus 430 GeV",
    },
];

/// Observed LEP S95 on xi^2 x BR(bb)/BR_SM(bb) for h -> bb (m [GeV], S95): hep-ex/0602042 Table
/// 14b in 0.5 GeV steps from 12 to 120 GeV, with its provenance in the file's header.
const LEP_HZ_BB_TABLE_TEXT: &str = include_str!("data/lep_hz_bb_s95.txt");

/// The rows of a committed data table: `#` lines are its provenance, every other line holds
/// `columns` numbers (`-`: no entry, read as NaN). The files are part of the crate, so a malformed
/// one is a build defect: the panic names the file.
fn table_rows(text: &str, file: &str, columns: usize) -> Vec<Vec<f64>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let row: Vec<f64> = l
                .split_whitespace()
                .map(|x| match x {
                    "-" => f64::NAN,
                    _ => x
                        .parse()
                        .unwrap_or_else(|_| panic!("{file}: not a number: {x}")),
                })
                .collect();
            assert_eq!(row.len(), columns, "{file}: {columns} columns a line: {l}");
            row
        })
        .collect()
}

/// Two columns of a committed table as (x, y) pairs, skipping rows where either is missing.
fn pairs(rows: &[Vec<f64>], x: usize, y: usize) -> Vec<(f64, f64)> {
    rows.iter()
        .map(|r| (r[x], r[y]))
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .collect()
}

/// The parsed LEP table (ascending masses).
pub fn lep_xi2_table() -> &'static [(f64, f64)] {
    static TABLE: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let rows = table_rows(LEP_HZ_BB_TABLE_TEXT, "data/lep_hz_bb_s95.txt", 2);
        pairs(&rows, 0, 1)
    })
}

/// Observed upper limit [fb] on the GGM weak production (wino-like chargino_1 / neutralino_2 pairs
/// cascading to a bino-like NLSP, NLSP -> photon + gravitino) over (m_chargino1, m_chi1):
/// ATLAS arXiv:1802.03158 Fig. 10, HEPData ins1654357 (via the SModelS database; provenance in
/// the file's header).
const EWKINO_PHOTON_UL_TEXT: &str = include_str!("data/atlas_1802_03158_ewkino_photon_ul.txt");
/// Observed upper limit [fb] on selectron plus smuon pair production at m_LSP = 1 GeV: ATLAS
/// arXiv:1908.08215 Fig. 7(c), HEPData ins1750597 (via the SModelS database).
const SLEPTON_UL_TEXT: &str = include_str!("data/atlas_1908_08215_slepton_ul.txt");
/// LHC SUSY cross section working group, 13 TeV NLO+NLL [pb]: mass, higgsino-like sum, wino-like
/// C1C1, wino-like C1N2.
const XSEC_ELECTROWEAKINO_TEXT: &str = include_str!("data/xsec13_electroweakino.txt");
/// LHC SUSY cross section working group, 13 TeV NLO+NLL [pb]: mass, one-flavour L-L and R-R
/// slepton pairs.
const XSEC_SLEPTON_TEXT: &str = include_str!("data/xsec13_slepton.txt");

/// The committed cross-section tables [fb] (mass ascending).
pub struct CrossSections {
    /// Higgsino-like, mass-degenerate N1 N2 C1: N1N2 + N1C1 + N2C1 + C1C1.
    pub higgsino: Vec<(f64, f64)>,
    /// Wino-like C1+C1- plus C1+-N2 (the production of the ATLAS GGM weak model).
    pub wino: Vec<(f64, f64)>,
    /// One flavour of left-handed slepton pairs.
    pub slepton_l: Vec<(f64, f64)>,
    /// One flavour of right-handed slepton pairs.
    pub slepton_r: Vec<(f64, f64)>,
}

/// The cross sections of the LHC SUSY cross section working group, in fb.
pub fn cross_sections() -> &'static CrossSections {
    static TABLES: std::sync::OnceLock<CrossSections> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let fb = |t: Vec<(f64, f64)>| t.into_iter().map(|(m, pb)| (m, 1e3 * pb)).collect();
        let ew = table_rows(
            XSEC_ELECTROWEAKINO_TEXT,
            "data/xsec13_electroweakino.txt",
            4,
        );
        let sl = table_rows(XSEC_SLEPTON_TEXT, "data/xsec13_slepton.txt", 3);
        let wino = ew
            .iter()
            .filter(|r| r[2].is_finite() && r[3].is_finite())
            .map(|r| (r[0], r[2] + r[3]))
            .collect();
        CrossSections {
            higgsino: fb(pairs(&ew, 0, 1)),
            wino: fb(wino),
            slepton_l: fb(pairs(&sl, 0, 1)),
            slepton_r: fb(pairs(&sl, 0, 2)),
        }
    })
}

/// A positive tabulated quantity (cross section, upper limit) at `x`: linear in its logarithm
/// between the table's points, None outside the table.
// Negated comparison: a NaN x is outside the table.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub fn log_table_at(table: &[(f64, f64)], x: f64) -> Option<f64> {
    let log: Vec<(f64, f64)> = table.iter().map(|&(x, s)| (x, s.ln())).collect();
    if !(x >= log[0].0) {
        return None;
    }
    interpolate(&log, x).map(f64::exp)
}

/// A published upper-limit grid over (parent mass x, NLSP mass y): columns of fixed x (ascending),
/// each with its y ascending.
#[derive(Clone, Debug, PartialEq)]
pub struct UpperLimitGrid {
    pub columns: Vec<(f64, Vec<(f64, f64)>)>,
}

impl UpperLimitGrid {
    fn from_rows(rows: &[Vec<f64>]) -> Self {
        let mut columns: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
        for r in rows {
            match columns.last_mut() {
                Some((x, col)) if *x == r[0] => col.push((r[1], r[2])),
                _ => columns.push((r[0], vec![(r[1], r[2])])),
            }
        }
        for (_, col) in &mut columns {
            col.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        columns.sort_by(|a, b| a.0.total_cmp(&b.0));
        UpperLimitGrid { columns }
    }

    /// The limit [fb] at (x, y): linear in ln(UL) along y within a column (below its smallest y
    /// that column's first value, above its largest y none: the compressed corner is not
    /// covered), then linear in ln(UL) along x between the two neighbouring columns. None
    /// outside the grid's x range or where a neighbouring column has no value.
    pub fn at(&self, x: f64, y: f64) -> Option<f64> {
        let column = |col: &[(f64, f64)]| -> Option<f64> {
            let log: Vec<(f64, f64)> = col.iter().map(|&(y, u)| (y, u.ln())).collect();
            interpolate(&log, y)
        };
        let (first, last) = (self.columns[0].0, self.columns[self.columns.len() - 1].0);
        if !(x >= first && x <= last && y.is_finite()) {
            return None;
        }
        // On a column: that column alone.
        if let Some((_, col)) = self.columns.iter().find(|c| c.0 == x) {
            return column(col).map(f64::exp);
        }
        let w = self.columns.windows(2).find(|w| x < w[1].0)?;
        let ((xa, ca), (xb, cb)) = (&w[0], &w[1]);
        let (ua, ub) = (column(ca)?, column(cb)?);
        let log_ul = ua + (ub - ua) * (x - xa) / (xb - xa);
        Some(log_ul.exp())
    }
}

/// The ATLAS photon + MET weak-production upper limits (arXiv:1802.03158, Fig. 10).
pub fn ewkino_photon_ul() -> &'static UpperLimitGrid {
    static GRID: std::sync::OnceLock<UpperLimitGrid> = std::sync::OnceLock::new();
    GRID.get_or_init(|| {
        let rows = table_rows(
            EWKINO_PHOTON_UL_TEXT,
            "data/atlas_1802_03158_ewkino_photon_ul.txt",
            3,
        );
        UpperLimitGrid::from_rows(&rows)
    })
}

/// The ATLAS selectron + smuon upper limit [fb] at m_LSP = 1 GeV versus the slepton mass
/// (arXiv:1908.08215, Fig. 7(c)), ascending in mass.
pub fn slepton_ul() -> &'static [(f64, f64)] {
    static TABLE: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let rows = table_rows(SLEPTON_UL_TEXT, "data/atlas_1908_08215_slepton_ul.txt", 2);
        pairs(&rows, 0, 1)
    })
}

/// Observed upper limit [fb] on higgsino-like neutralino pairs, each -> h + massless invisible
/// particle, versus |m_chi1|: CMS arXiv:2201.04206 Fig. 13 at m_LSP = 0 (via the SModelS
/// database; provenance in the file's header).
const HIGGSINO_HH_UL_TEXT: &str = include_str!("data/cms_2201_04206_higgsino_hh_ul.txt");
/// Observed upper limit [fb] on higgsino-like neutralino pairs, each -> Z + gravitino, versus
/// |m_chi1|: CMS arXiv:2012.08600 Fig. 12(a) (via the SModelS database).
const HIGGSINO_ZZ_UL_TEXT: &str = include_str!("data/cms_2012_08600_higgsino_zz_ul.txt");

/// The largest m_chargino1 - |m_chi1| [GeV] at which the prompt Z/h bounds apply: the searches'
/// model is a nearly mass-degenerate higgsino multiplet whose heavier members decay to chi_1 with
/// soft, unseen products. A choice of this program, not a number of the papers.
pub const HIGGSINO_SPLITTING_MAX: f64 = 10.0;

/// Which boson pair a prompt neutralino-NLSP bound looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BosonPair {
    /// chi1 chi1 -> h h + 2 G (CMS arXiv:2201.04206).
    Hh,
    /// chi1 chi1 -> Z Z + 2 G (CMS arXiv:2012.08600).
    Zz,
}

impl BosonPair {
    /// The committed upper-limit table [fb] versus |m_chi1| (ascending).
    pub fn upper_limits(self) -> &'static [(f64, f64)] {
        static HH: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
        static ZZ: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
        let (cell, text, file) = match self {
            BosonPair::Hh => (
                &HH,
                HIGGSINO_HH_UL_TEXT,
                "data/cms_2201_04206_higgsino_hh_ul.txt",
            ),
            BosonPair::Zz => (
                &ZZ,
                HIGGSINO_ZZ_UL_TEXT,
                "data/cms_2012_08600_higgsino_zz_ul.txt",
            ),
        };
        cell.get_or_init(|| pairs(&table_rows(text, file, 2), 0, 1))
    }

    /// The rejection name of its bound.
    pub fn bound_name(self) -> &'static str {
        match self {
            BosonPair::Hh => "higgsino_hh_prompt",
            BosonPair::Zz => "higgsino_zz_prompt",
        }
    }
}

/// The boson-pair signal of a prompt neutralino NLSP [fb] and its limit [fb] (None: the bound does
/// not apply, or outside the tables). The production is the higgsino-like sum at m_chargino1 (the
/// smaller of the higgsino- and wino-like cross sections: conservative for either), every produced
/// state ending in chi_1; the signal is that times BR(chi1 -> boson G)^2, the pair in which both
/// NLSPs decay to that boson (the mixed Z h pair adds signal and is not used). Applied only to a
/// compressed multiplet, m_chargino1 - |m_chi1| <= [`HIGGSINO_SPLITTING_MAX`]; the limit is read at
/// |m_chi1| (the searches' massless-LSP row: the gravitino).
// Negated comparison: a NaN splitting does not apply the bound.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub fn neutralino_boson_signal(
    pair: BosonPair,
    chargino1: f64,
    neutralino1: f64,
    br: f64,
) -> Option<(f64, f64)> {
    if !(chargino1 - neutralino1 <= HIGGSINO_SPLITTING_MAX) {
        return None;
    }
    let ul = log_table_at(pair.upper_limits(), neutralino1)?;
    let sigma = log_table_at(&cross_sections().higgsino, chargino1)?;
    Some((sigma * br * br, ul))
}

/// The photon + MET signal of a prompt neutralino NLSP [fb] and its limit [fb] (None: outside the
/// grid or the cross-section table). The production is the higgsino-like sum at m_chargino1 (the
/// smaller of the higgsino- and wino-like cross sections at every mass: conservative for any
/// chargino composition; heavier electroweakinos add signal and are ignored), times
/// BR(chi1 -> photon G)^2 for the diphoton signal regions of the search.
pub fn ewkino_photon_signal(
    chargino1: f64,
    neutralino1: f64,
    br_photon: f64,
) -> Option<(f64, f64)> {
    let ul = ewkino_photon_ul().at(chargino1, neutralino1)?;
    let sigma = log_table_at(&cross_sections().higgsino, chargino1)?;
    Some((sigma * br_photon * br_photon, ul))
}

/// The dilepton signal of a prompt slepton co-NLSP [fb] and its limit [fb] (None: outside the
/// tables): e_R and mu_R pairs, each slepton -> lepton + gravitino (the gravitino is the massless
/// LSP of the search's 1 GeV row); stau pairs and the left-handed sleptons add no e/mu pairs or
/// are ignored (conservative).
pub fn slepton_co_nlsp_signal(selectron_r: f64) -> Option<(f64, f64)> {
    let ul = log_table_at(slepton_ul(), selectron_r)?;
    let sigma = log_table_at(&cross_sections().slepton_r, selectron_r)?;
    Some((2.0 * sigma, ul))
}

/// The sourced upper bounds on tan(beta) from H/A -> tau tau: (m_A [GeV], tan(beta)_max), ascending
/// in m_A. ATLAS arXiv:2002.12223 (PRL 125 (2020) 051801; 139/fb at 13 TeV), abstract: "In the
/// M_h^125 scenario [...] values of tan(beta) > 8 and tan(beta) > 21 are excluded at the 95 %
/// confidence level for m_A = 1.0 TeV and m_A = 1.5 TeV, respectively". Nothing else of the
/// published contour (HEPData ins1782650) was reachable: docs/physics.md 9b lists what was searched.
pub const TAUTAU_TANB_SOURCED: [(f64, f64); 2] = [(1000.0, 8.0), (1500.0, 21.0)];

/// Lower end of the search's mass range [GeV] (the same abstract: 0.2-2.5 TeV).
pub const TAUTAU_SEARCH_MASS_MIN: f64 = 200.0;

/// A lower mass limit that depends on the NLSP decay length, known at a few decay lengths: linear
/// in ln(c tau) between them, no limit outside the first and last (no extrapolation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LifetimeTable {
    /// (c tau [m], lower mass limit [GeV]), ascending in c tau.
    pub points: &'static [(f64, f64)],
}

impl LifetimeTable {
    /// The lower mass limit at `ctau_m` [m] (None: outside the table).
    pub fn limit(&self, ctau_m: f64) -> Option<f64> {
        let (first, last) = (self.points[0].0, self.points[self.points.len() - 1].0);
        if !(ctau_m >= first && ctau_m <= last) {
            return None;
        }
        let log_table: Vec<(f64, f64)> = self.points.iter().map(|&(c, m)| (c.ln(), m)).collect();
        interpolate(&log_table, ctau_m.ln())
    }
}

/// CMS delayed photons (arXiv:1909.06166, abstract): the neutralino masses excluded in GMSB SPS8
/// at c tau = 0.1, 1, 10 and 100 m.
pub const NEUTRALINO_DELAYED_PHOTON: LifetimeTable = LifetimeTable {
    points: &[(0.1, 320.0), (1.0, 525.0), (10.0, 360.0), (100.0, 215.0)],
};

/// Least bino share |N_11|^2 of chi_1 for the delayed-photon table to apply: the limits are for
/// SPS8's bino NLSP, which decays to a photon in about 80 % of cases; a higgsino-like NLSP
/// (BR(photon G) of 0.1 %) gives the search a signal some 500 times smaller and gets no limit from
/// it. A choice of this program, not a number of the paper (docs/physics.md 9b).
pub const DELAYED_PHOTON_BINO_SHARE_MIN: f64 = 0.9;

/// Displaced leptons (abstracts): staus up to 340 GeV at tau = 0.1 ns (c tau = 2.998 cm; ATLAS
/// arXiv:2011.07812) and up to 440 GeV at 0.3 ns (8.994 cm; ATLAS arXiv:2410.16835).
pub const STAU_DISPLACED_LEPTON: LifetimeTable = LifetimeTable {
    points: &[(0.029_979, 340.0), (0.089_938, 440.0)],
};

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

/// The LEP limit S95(m) on xi^2 (None: no limit at this mass). Below the table's 12 GeV its first
/// value (a choice, stricter than the decay-mode-independent limits); above 120 GeV none.
pub fn lep_xi2_limit(m: f64) -> Option<f64> {
    interpolate(lep_xi2_table(), m)
}

/// The largest allowed tan(beta) at m_A [GeV] (None: no limit), a step through the sourced points
/// ([`TAUTAU_TANB_SOURCED`]): from the search's 200 GeV up to 1 TeV the 1 TeV value (8), above it up
/// to 1.5 TeV the 1.5 TeV value (21), none below 200 GeV or above 1.5 TeV. The one assumption is
/// that the excluded tan(beta) does not fall as m_A rises (at fixed tan(beta) the signal falls faster
/// with m_A than the limit on it); under it the true limit at every m_A is at or below the step, so
/// the step never rejects a point the published contour allows. The contour's shape between and
/// beyond the two points is not sourced, so it is neither interpolated nor extrapolated.
pub fn tautau_tan_beta_max(m_a: f64) -> Option<f64> {
    if !(m_a >= TAUTAU_SEARCH_MASS_MIN) {
        return None;
    }
    TAUTAU_TANB_SOURCED
        .iter()
        .find(|&&(m, _)| m_a <= m)
        .map(|&(_, tb)| tb)
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
    /// The CP-odd states P_1, P_2 (ascending) and their doublet (A^0) shares cos^2(gamma_i) (the
    /// MSSM has one: its second entry is infinitely heavy with share 0).
    pub odd_mass: [f64; 2],
    pub odd_doublet_share: [f64; 2],
    pub charged_higgs: f64,
    pub tan_beta: f64,
    pub gluino: f64,
    /// The lightest of u_L, u_R, d_L, d_R.
    pub squark: f64,
    pub chargino1: f64,
    /// |m_chi1|.
    pub neutralino1: f64,
    /// Neutralino NLSP: BR(chi1 -> photon, Z, h + gravitino) (NaN for a slepton NLSP).
    pub br_chi1_photon: f64,
    pub br_chi1_z: f64,
    pub br_chi1_h: f64,
    /// |m_chi2| and the higgsino shares |N_i3|^2 + |N_i4|^2 of chi_1 and chi_2 (the compressed
    /// higgsino bound, [`super::compressed_higgsino`]).
    pub neutralino2: f64,
    pub higgsino_share: [f64; 2],
    /// The bino share |N_11|^2 of chi_1 (the delayed-photon table's NLSP is SPS8's bino).
    pub bino_share: f64,
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

/// The lightest of a few masses, NaN if any is NaN (`f64::min` would drop a NaN: a squark whose
/// pole mass does not exist must not vanish from the squark bound).
pub fn lightest(masses: &[f64]) -> f64 {
    masses.iter().fold(f64::INFINITY, |a, &m| {
        if a.is_nan() || m.is_nan() {
            f64::NAN
        } else {
            a.min(m)
        }
    })
}

/// The first violated bound of the set, if any.
pub fn first_violation(o: &LhcObservables) -> Option<Rejection> {
    check(o).err()
}

// Negated comparisons (`!(a <= b)`) so that a NaN mass or share fails its bound.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
fn check(o: &LhcObservables) -> Result<(), Rejection> {
    // The sfermion masses the set reads must be real. The running masses-squared are checked
    // before any bound; with `bound_masses = "pole"` a one-loop self-energy larger than the
    // running mass squared leaves no pole mass (NaN), which `m > limit` alone would not reject
    // for every bound: the same rejection as a tachyonic running mass.
    for (label, m) in [
        ("lightest first-generation squark", o.squark),
        ("stau_1", o.stau1),
        ("e_R", o.selectron_r),
    ] {
        if !(m > 0.0) {
            return Err(Rejection::new(
                RejectionReason::TachyonicSfermion,
                format!("m({label}) = {m} GeV: its pole mass squared is not positive"),
            ));
        }
    }
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
    // H/A -> tau tau (docs/physics.md 9b): the bb-associated rate of the MSSM's A grows like
    // tan^2(beta); P_i couples to quarks and leptons only through its doublet (A^0) part, so its
    // rate is cos^2(gamma_i) times that of an MSSM A of the same mass, read as the effective
    // tan(beta) sqrt(cos^2 gamma_i). Each CP-odd state on its own (their rates are not added).
    for i in 0..2 {
        let (m, share) = (o.odd_mass[i], o.odd_doublet_share[i]);
        if let Some(tb_max) = tautau_tan_beta_max(m) {
            let tb_eff = o.tan_beta * share.max(0.0).sqrt();
            if !(tb_eff <= tb_max) {
                return Err(Rejection::new(
                    RejectionReason::Bound("heavy_higgs_tautau"),
                    format!(
                        "m_P{} = {m:.1} GeV, cos^2(gamma) = {share:.3}: tan(beta)_eff = {tb_eff:.2} > {tb_max:.2}",
                        i + 1
                    ),
                ));
            }
        }
    }
    lower("gluino", "m_gluino", o.gluino)?;
    lower("squark", "m_squark", o.squark)?;
    let life = Lifetime::of(o.nlsp_ctau_m);
    let charged = matches!(o.nlsp, NlspKind::Stau | NlspKind::SleptonCoNlsp);
    match (o.nlsp, life) {
        (NlspKind::Neutralino, Lifetime::Prompt) => {
            let signal = ewkino_photon_signal(o.chargino1, o.neutralino1, o.br_chi1_photon);
            if let Some((sigma, ul)) = signal {
                if !(sigma <= ul) {
                    return Err(Rejection::new(
                        RejectionReason::Bound("ewkino_photon_prompt"),
                        format!(
                            "m_chargino1 = {:.1}, |m_chi1| = {:.1} GeV: sigma x BR^2 = {sigma:.3} fb > {ul:.3} fb",
                            o.chargino1, o.neutralino1
                        ),
                    ));
                }
            }
            for (pair, br) in [(BosonPair::Hh, o.br_chi1_h), (BosonPair::Zz, o.br_chi1_z)] {
                let signal = neutralino_boson_signal(pair, o.chargino1, o.neutralino1, br);
                if let Some((sigma, ul)) = signal {
                    if !(sigma <= ul) {
                        return Err(Rejection::new(
                            RejectionReason::Bound(pair.bound_name()),
                            format!(
                                "m_chargino1 = {:.1}, |m_chi1| = {:.1} GeV: sigma x BR^2 = {sigma:.3} fb > {ul:.3} fb",
                                o.chargino1, o.neutralino1
                            ),
                        ));
                    }
                }
            }
        }
        (NlspKind::Stau | NlspKind::SleptonCoNlsp, Lifetime::Prompt) => {
            lower("ewkino_via_stau_prompt", "m_chargino1", o.chargino1)?;
            lower("stau_prompt", "m_stau1", o.stau1)?;
            if o.nlsp == NlspKind::SleptonCoNlsp {
                if let Some((sigma, ul)) = slepton_co_nlsp_signal(o.selectron_r) {
                    if !(sigma <= ul) {
                        return Err(Rejection::new(
                            RejectionReason::Bound("slepton_co_nlsp_prompt"),
                            format!(
                                "m_eR = {:.1} GeV: 2 sigma_R = {sigma:.3} fb > {ul:.3} fb",
                                o.selectron_r
                            ),
                        ));
                    }
                }
            }
        }
        (NlspKind::Stau | NlspKind::SleptonCoNlsp, Lifetime::Stable) => {
            lower("charged_nlsp_stable", "m_stau1", o.stau1)?
        }
        // A detector-stable neutralino NLSP is invisible, like an R-parity LSP: a compressed
        // higgsino multiplet meets the soft-lepton searches' exclusion (then the delayed-photon
        // table below, to 100 m).
        (NlspKind::Neutralino, Lifetime::Stable) => {
            let multiplet = HiggsinoMultiplet {
                neutralino1: o.neutralino1,
                neutralino2: o.neutralino2,
                chargino1: o.chargino1,
                higgsino_share: o.higgsino_share,
            };
            if multiplet.excluded() {
                return Err(Rejection::new(
                    RejectionReason::Bound("higgsino_compressed_soft_lepton"),
                    format!(
                        "|m_chi2| = {:.2} GeV, |m_chi2| - |m_chi1| = {:.3} GeV inside the CMS higgsino contour (c tau = {:.3e} m)",
                        o.neutralino2,
                        o.neutralino2 - o.neutralino1,
                        o.nlsp_ctau_m
                    ),
                ));
            }
        }
        // A displaced neutralino NLSP: the delayed-photon table below; no Z/h bound (docs 9b).
        (_, Lifetime::Displaced) => {}
    }
    // Long-lived NLSPs: the lifetime tables, each only inside the decay lengths it was measured at;
    // the delayed-photon one only for the search's photon-rich (bino-like) NLSP.
    let (name, label, table, mass) = if charged {
        (
            "stau_displaced_lepton",
            "m_stau1",
            &STAU_DISPLACED_LEPTON,
            o.stau1,
        )
    } else {
        (
            "neutralino_displaced_photon",
            "|m_chi1|",
            &NEUTRALINO_DELAYED_PHOTON,
            o.neutralino1,
        )
    };
    let applies = charged || o.bino_share >= DELAYED_PHOTON_BINO_SHARE_MIN;
    if let Some(min) = table.limit(o.nlsp_ctau_m).filter(|_| applies) {
        if !(mass > min) {
            return Err(Rejection::new(
                RejectionReason::Bound(name),
                format!(
                    "{label} = {mass:.2} GeV <= {min:.1} GeV at c tau = {:.3e} m",
                    o.nlsp_ctau_m
                ),
            ));
        }
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
            odd_mass: [3000.0, 3500.0],
            odd_doublet_share: [1.0, 0.0],
            charged_higgs: 3000.0,
            tan_beta: 10.0,
            gluino: 2500.0,
            squark: 2400.0,
            chargino1: 1200.0,
            neutralino1: 600.0,
            br_chi1_photon: 1.0,
            br_chi1_z: 0.0,
            br_chi1_h: 0.0,
            neutralino2: 1150.0,
            higgsino_share: [0.0, 0.0],
            bino_share: 1.0,
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
    fn a_missing_sfermion_pole_mass_is_a_tachyonic_sfermion() {
        // NaN pole masses (self-energy above the running mass squared) reject by name, before
        // any bound, wherever the set reads a sfermion mass.
        for field in 0..3 {
            let mut o = passing();
            match field {
                0 => o.squark = lightest(&[2400.0, f64::NAN, 2500.0, 2600.0]),
                1 => o.stau1 = f64::NAN,
                _ => o.selectron_r = f64::NAN,
            }
            assert_eq!(reason(&o).as_deref(), Some("tachyonic_sfermion"), "{field}");
        }
        assert_eq!(lightest(&[3.0, 1.0, 2.0]), 1.0);
        assert!(lightest(&[f64::NAN, 1.0]).is_nan() && lightest(&[1.0, f64::NAN]).is_nan());
        assert_eq!(lightest(&[]), f64::INFINITY);
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
        // Interpolation: halfway between 95.0 (0.211) and 95.5 (0.219) GeV.
        assert!((lep_xi2_limit(95.25).unwrap() - 0.215).abs() < 1e-12);
        assert_eq!(lep_xi2_limit(120.5), None);
        assert_eq!(lep_xi2_limit(5.0), Some(0.0154));
    }

    #[test]
    fn lep_table_is_the_published_grid() {
        // 12 to 120 GeV in 0.5 GeV steps, every S95 positive; the values of hep-ex/0602042
        // Table 14b at whole 10 GeV (as in HiggsBounds' lep210_hbb.txt, observed column).
        let t = lep_xi2_table();
        assert_eq!(t.len(), 217);
        for (i, &(m, s95)) in t.iter().enumerate() {
            assert_eq!(m, 12.0 + 0.5 * i as f64);
            assert!(s95 > 0.0 && s95 < 2.0, "{m} {s95}");
        }
        let at = |m: f64| t.iter().find(|p| p.0 == m).unwrap().1;
        assert_eq!(
            [20.0, 50.0, 80.0, 100.0, 110.0, 114.0].map(at),
            [0.0139, 0.0316, 0.041, 0.216, 0.244, 0.64]
        );
    }

    #[test]
    fn lifetime_tables_interpolate_in_log_ctau_and_stop_at_their_ends() {
        let t = &NEUTRALINO_DELAYED_PHOTON;
        assert_eq!(t.limit(1.0), Some(525.0));
        // Geometric midpoint of 1 and 10 m: the arithmetic mean of 525 and 360 GeV.
        assert!((t.limit(10f64.sqrt()).unwrap() - 442.5).abs() < 1e-9);
        assert_eq!(t.limit(0.05), None);
        assert_eq!(t.limit(200.0), None);
        assert_eq!(t.limit(f64::NAN), None);
        let s = &STAU_DISPLACED_LEPTON;
        assert_eq!(s.limit(0.01), None);
        let mid = (0.029_979f64 * 0.089_938).sqrt();
        assert!((s.limit(mid).unwrap() - 390.0).abs() < 1e-9);
    }

    #[test]
    fn displaced_nlsps_get_their_lifetime_limits() {
        // Neutralino NLSP at c tau = 1 m: the delayed-photon limit 525 GeV.
        let mut o = passing();
        o.nlsp_ctau_m = 1.0;
        o.neutralino1 = 500.0;
        assert_eq!(
            reason(&o).as_deref(),
            Some("bound:neutralino_displaced_photon")
        );
        o.neutralino1 = 530.0;
        assert_eq!(reason(&o), None);
        // At 1 cm no limit of this set (a documented gap), nor the prompt one.
        o.nlsp_ctau_m = 0.01;
        o.neutralino1 = 100.0;
        o.chargino1 = 200.0;
        assert_eq!(reason(&o), None);
        // Stau NLSP at 5 cm: between 340 and 440 GeV.
        let mut s = passing();
        s.nlsp = NlspKind::Stau;
        s.nlsp_ctau_m = 0.05;
        s.stau1 = 350.0;
        assert_eq!(reason(&s).as_deref(), Some("bound:stau_displaced_lepton"));
        s.stau1 = 450.0;
        assert_eq!(reason(&s), None);
        // The prompt stau limits do not apply to a displaced stau.
        s.chargino1 = 500.0;
        assert_eq!(reason(&s), None);
    }

    #[test]
    fn compressed_higgsino_bound_selects_by_ctau_and_multiplet() {
        // The multiplet of the consistent wide scan's id 178628 (results/lhc2025-wide-consistent
        // viable.csv: |m_chi1|, |m_chi2|, m_chargino1, c tau; BRs rounded).
        let mut o = passing();
        o.neutralino1 = 109.744;
        o.neutralino2 = 113.357;
        o.chargino1 = 111.513;
        o.higgsino_share = [0.999, 0.999];
        o.bino_share = 0.0005;
        o.br_chi1_photon = 0.03;
        o.br_chi1_z = 0.5;
        o.br_chi1_h = 0.47;
        o.nlsp_ctau_m = 11147.5;
        let soft = Some("bound:higgsino_compressed_soft_lepton");
        assert_eq!(reason(&o).as_deref(), soft);
        // Detector-stable means c tau > 10 m: at 11 m the bound, at 5 m (displaced) neither it nor
        // the delayed-photon table (a higgsino-like NLSP is not SPS8's bino).
        o.nlsp_ctau_m = 11.0;
        assert_eq!(reason(&o).as_deref(), soft);
        o.nlsp_ctau_m = 5.0;
        assert_eq!(reason(&o), None);
        // A bino-like NLSP at 5 m gets the delayed-photon table (|m_chi1| < 442 GeV there).
        o.bino_share = 0.95;
        assert_eq!(
            reason(&o).as_deref(),
            Some("bound:neutralino_displaced_photon")
        );
        // Back to the stable higgsino: a splitting below the contour's smallest (3.18 GeV) passes,
        // so does a chi_2 that is not higgsino-like.
        o.bino_share = 0.0005;
        o.nlsp_ctau_m = 11147.5;
        o.neutralino2 = 112.5;
        assert_eq!(reason(&o), None);
        o.neutralino2 = 113.357;
        o.higgsino_share[1] = 0.3;
        assert_eq!(reason(&o), None);
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

    /// Equal to rounding (a grid value goes through its logarithm).
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs()
    }

    /// The value at a grid point of a committed table, exactly as the source prints it.
    fn at_point(table: &[(f64, f64)], x: f64) -> f64 {
        table.iter().find(|p| p.0 == x).unwrap().1
    }

    #[test]
    fn committed_tables_are_the_sources_numbers() {
        // HEPData ins1654357 "Cross section UL 3" (SModelS TChipChimgg): 80 grid points from
        // (300, 100) to (1500, 1400) GeV; a few values as printed there [fb].
        let g = ewkino_photon_ul();
        assert_eq!(g.columns.iter().map(|c| c.1.len()).sum::<usize>(), 80);
        assert_eq!(g.columns.len(), 13);
        for (x, y, ul) in [
            (300.0, 100.0, 89.07),
            (900.0, 10.0, 1.655),
            (1000.0, 400.0, 0.673),
            (1200.0, 1100.0, 0.419),
            (1500.0, 1400.0, 0.397),
        ] {
            assert!(close(g.at(x, y).unwrap(), ul), "({x}, {y})");
        }
        // HEPData ins1750597 "xsec upper limits 3" at m_LSP = 1 GeV (SModelS TSlepSlep) [fb].
        let s = slepton_ul();
        assert_eq!(s.len(), 11);
        assert_eq!(
            [90.0, 250.0, 500.0, 700.0].map(|m| at_point(s, m)),
            [1276.3, 7.3, 0.3, 0.2]
        );
        // LHC SUSY xsec WG, 13 TeV NLO+NLL [pb in the sources, fb here].
        let x = cross_sections();
        assert!((at_point(&x.higgsino, 1000.0) - 0.96885).abs() < 1e-9);
        assert!((at_point(&x.wino, 1000.0) - (0.62187 + 1.3435)).abs() < 1e-9);
        assert!((at_point(&x.slepton_r, 500.0) - 0.190119).abs() < 1e-9);
        assert!((at_point(&x.slepton_l, 50.0) - 3990.67).abs() < 1e-6);
        for t in [&x.higgsino, &x.wino, &x.slepton_l, &x.slepton_r] {
            assert!(t.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 > w[1].1));
        }
    }

    #[test]
    fn upper_limit_grid_interpolates_in_log_and_stops_at_its_edges() {
        let g = ewkino_photon_ul();
        // Along y in the 1000 GeV column: geometric mean of 0.673 (400) and 0.51 (600) at 500.
        let mid = g.at(1000.0, 500.0).unwrap();
        assert!((mid - (0.673f64 * 0.51).sqrt()).abs() < 1e-12);
        // Along x at y = 10: geometric mean of the 1000 and 1100 GeV columns at 1050.
        let mid = g.at(1050.0, 10.0).unwrap();
        assert!((mid - (1.282f64 * 1.112).sqrt()).abs() < 1e-12);
        // Below the smallest NLSP mass of a column: its first value.
        assert!(close(g.at(1000.0, 1.0).unwrap(), 1.282));
        // The compressed corner (above a column's largest y), and outside 300-1500 GeV: none.
        assert_eq!(g.at(1000.0, 950.0), None);
        assert_eq!(g.at(250.0, 50.0), None);
        assert_eq!(g.at(1600.0, 500.0), None);
        assert_eq!(g.at(f64::NAN, 500.0), None);
        // Cross sections: inside their tables only.
        let x = cross_sections();
        let h = log_table_at(&x.higgsino, 1025.0).unwrap();
        assert!((h - (0.96885f64 * 0.73131).sqrt()).abs() < 1e-12);
        assert_eq!(log_table_at(&x.higgsino, 50.0), None);
        assert_eq!(log_table_at(&x.higgsino, 1500.0), None);
    }

    /// The lowest mass above which `excluded` is false up to `top` (bisection on a bracket).
    fn edge(excluded: impl Fn(f64) -> bool, mut lo: f64, mut hi: f64) -> f64 {
        assert!(excluded(lo) && !excluded(hi));
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if excluded(mid) {
                lo = mid
            } else {
                hi = mid
            }
        }
        lo
    }

    #[test]
    fn the_tables_reproduce_the_papers_own_limits() {
        // ATLAS arXiv:1802.03158 abstract: weakly produced (wino-like) pairs excluded "as high as
        // 1.3 TeV". With the wino cross section and BR(photon) = 1 the grid's edge rises with the
        // bino mass to 1.26 TeV at y = 900-1000 GeV (1.17 TeV at y = 500): the abstract's
        // rounded maximum within 40 GeV (the experiment interpolates CLs on a finer grid).
        let wino = &cross_sections().wino;
        let g = ewkino_photon_ul();
        let wino_excl = |y: f64| move |x: f64| log_table_at(wino, x).unwrap() > g.at(x, y).unwrap();
        let edges = [500.0, 700.0, 900.0, 1000.0].map(|y| edge(wino_excl(y), 1100.0, 1300.0));
        assert!(edges.windows(2).all(|w| w[0] < w[1]), "{edges:?}");
        assert!(edges[3] > 1250.0 && edges[3] < 1300.0, "{edges:?}");
        // ATLAS arXiv:1908.08215 abstract: 700 GeV for selectrons and smuons, L and R, degenerate
        // (the observed contour of HEPData ins1750597 reaches 699.9 GeV at m_LSP = 1 GeV): the
        // table with 2 (sigma_L + sigma_R) excludes every tabulated mass from 350 GeV to the
        // table's end at 700 GeV.
        let x = cross_sections();
        let four = |m: f64| {
            2.0 * (log_table_at(&x.slepton_l, m).unwrap() + log_table_at(&x.slepton_r, m).unwrap())
                > log_table_at(slepton_ul(), m).unwrap()
        };
        for &(m, _) in slepton_ul().iter().filter(|p| p.0 >= 350.0) {
            assert!(four(m), "{m}");
        }
    }

    #[test]
    fn prompt_photon_bound_uses_the_higgsino_cross_section_and_the_photon_share() {
        // (1000, 400): sigma_higgsino = 0.969 fb > UL 0.673 fb with BR = 1; with the pure-bino
        // photon share c_W^2 = 0.77 the diphoton signal 0.969 x 0.593 = 0.574 fb passes.
        let mut o = passing();
        o.chargino1 = 1000.0;
        o.neutralino1 = 400.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:ewkino_photon_prompt"));
        let (sigma, ul) = ewkino_photon_signal(1000.0, 400.0, 1.0).unwrap();
        assert!(close(sigma, 0.96885) && close(ul, 0.673));
        o.br_chi1_photon = 0.77;
        assert_eq!(reason(&o), None);
        // (1000, 200): UL 1.462 fb, no exclusion at any photon share.
        o.br_chi1_photon = 1.0;
        o.neutralino1 = 200.0;
        assert_eq!(reason(&o), None);
        // The edge with BR = 1 for a 600 GeV bino: between 1000 and 1100 GeV.
        let excl = |x: f64| {
            let (s, u) = ewkino_photon_signal(x, 600.0, 1.0).unwrap();
            s > u
        };
        let e = edge(excl, 1000.0, 1100.0);
        assert!(e > 1000.0 && e < 1100.0, "{e}");
        // A NaN photon share fails the bound (as a NaN mass does); outside the grid no limit.
        o.neutralino1 = 400.0;
        o.br_chi1_photon = f64::NAN;
        assert_eq!(reason(&o).as_deref(), Some("bound:ewkino_photon_prompt"));
        o.chargino1 = 1600.0;
        assert_eq!(reason(&o), None);
    }

    #[test]
    fn boson_pair_tables_are_the_sources_numbers() {
        // SModelS CMS-SUS-20-004 TChiHH, rows m_LSP = 0: 150 to 800 GeV in 25 GeV steps [fb].
        let hh = BosonPair::Hh.upper_limits();
        assert_eq!(hh.len(), 27);
        assert!(hh.windows(2).all(|w| w[1].0 - w[0].0 == 25.0));
        assert_eq!(
            [150.0, 175.0, 500.0, 800.0].map(|m| at_point(hh, m)),
            [114690.0, 1347.1, 9.6677, 1.5829]
        );
        // SModelS CMS-SUS-20-001 TChiZZ: 100 to 950 GeV in 25 GeV steps [pb there, fb here].
        let zz = BosonPair::Zz.upper_limits();
        assert_eq!(zz.len(), 35);
        assert!(zz.windows(2).all(|w| w[1].0 - w[0].0 == 25.0));
        assert_eq!(
            [100.0, 400.0, 800.0, 950.0].map(|m| at_point(zz, m)),
            [4607.0, 9.89, 3.3582, 3.118]
        );
    }

    #[test]
    fn boson_pair_tables_reproduce_the_papers_own_limits() {
        // Degenerate higgsinos, BR = 1 (the papers' simplified models).
        let excluded = |pair: BosonPair| {
            move |m: f64| {
                let (s, u) = neutralino_boson_signal(pair, m, m, 1.0).unwrap();
                s > u
            }
        };
        // CMS arXiv:2201.04206 abstract: 175 to 1025 GeV excluded. The grid ends at 800 GeV:
        // every tabulated mass from 175 GeV to its end is excluded, 150 GeV is not; the lower
        // edge lies between.
        let hh = excluded(BosonPair::Hh);
        for &(m, _) in BosonPair::Hh.upper_limits().iter().filter(|p| p.0 >= 175.0) {
            assert!(hh(m), "{m}");
        }
        assert!(!hh(150.0));
        let lower = edge(|m| !hh(m), 150.0, 175.0);
        assert!(lower > 165.0 && lower < 175.0, "{lower}");
        // CMS arXiv:2012.08600 abstract: neutralinos up to 800 GeV; the table's edge: 806.8 GeV.
        let zz = excluded(BosonPair::Zz);
        let upper = edge(zz, 500.0, 900.0);
        assert!((upper - 800.0).abs() < 10.0, "{upper}");
        for &(m, _) in BosonPair::Zz.upper_limits().iter().filter(|p| p.0 <= 800.0) {
            assert!(zz(m), "{m}");
        }
        // Outside the tables: no limit.
        assert_eq!(
            neutralino_boson_signal(BosonPair::Hh, 850.0, 850.0, 1.0),
            None
        );
        assert_eq!(
            neutralino_boson_signal(BosonPair::Zz, 960.0, 960.0, 1.0),
            None
        );
    }

    #[test]
    fn higgsino_nlsp_bounds_use_both_branching_ratios() {
        // A prompt higgsino-like NLSP at 500 GeV, chargino 2 GeV above: sigma(502) = 33.2 fb.
        let mut o = passing();
        o.neutralino1 = 500.0;
        o.chargino1 = 502.0;
        o.br_chi1_photon = 0.0;
        // Z/h = 50/50: hh 8.3 fb < 9.67 fb, ZZ 8.3 fb > 5.79 fb.
        o.br_chi1_z = 0.5;
        o.br_chi1_h = 0.5;
        assert_eq!(reason(&o).as_deref(), Some("bound:higgsino_zz_prompt"));
        let (s, u) = neutralino_boson_signal(BosonPair::Zz, 502.0, 500.0, 0.5).unwrap();
        let sigma = log_table_at(&cross_sections().higgsino, 502.0).unwrap();
        assert!(close(s, 0.25 * sigma) && close(u, 5.7868));
        // Mostly h: the hh bound (12.0 fb > 9.67 fb) comes first.
        o.br_chi1_z = 0.4;
        o.br_chi1_h = 0.6;
        assert_eq!(reason(&o).as_deref(), Some("bound:higgsino_hh_prompt"));
        // 30/30: both pairs 3.0 fb, below their limits (the photon grid does not cover the
        // compressed corner (502, 500)).
        o.br_chi1_z = 0.3;
        o.br_chi1_h = 0.3;
        assert_eq!(reason(&o), None);
        // Not a compressed multiplet (chargino 20 GeV above): these bounds do not apply.
        o.br_chi1_z = 0.5;
        o.br_chi1_h = 0.5;
        o.chargino1 = 520.0;
        assert_eq!(reason(&o), None);
        // Displaced (1 cm): no bound of this set for a Z/h-decaying neutralino (docs 9b).
        o.chargino1 = 502.0;
        o.nlsp_ctau_m = 0.01;
        assert_eq!(reason(&o), None);
        // A NaN branching ratio fails (as a NaN mass does).
        o.nlsp_ctau_m = 1e-5;
        o.br_chi1_z = f64::NAN;
        assert_eq!(reason(&o).as_deref(), Some("bound:higgsino_zz_prompt"));
    }

    #[test]
    fn slepton_co_nlsp_bound_is_the_right_handed_pair_signal() {
        // 2 sigma_R(500) = 0.380 fb > UL 0.3 fb; 2 sigma_R(550) = 0.244 fb < 0.3 fb: the edge
        // lies between, at 526.8 GeV (linear in ln of both).
        let (s500, u500) = slepton_co_nlsp_signal(500.0).unwrap();
        assert!(close(s500, 2.0 * 0.190119) && close(u500, 0.3));
        let excl = |m: f64| {
            let (s, u) = slepton_co_nlsp_signal(m).unwrap();
            s > u
        };
        let e = edge(excl, 500.0, 550.0);
        assert!((e - 526.8).abs() < 0.1, "{e}");
        assert!(!excl(600.0) && !excl(700.0) && excl(400.0) && excl(200.0));
        let mut c = passing();
        c.nlsp = NlspKind::SleptonCoNlsp;
        c.stau1 = 520.0;
        c.selectron_r = 521.0;
        assert_eq!(reason(&c).as_deref(), Some("bound:slepton_co_nlsp_prompt"));
        c.selectron_r = 532.0;
        c.stau1 = 531.0;
        assert_eq!(reason(&c), None);
        // Above the search's 700 GeV: no limit of this table.
        assert_eq!(slepton_co_nlsp_signal(750.0), None);
    }

    #[test]
    fn tautau_table_is_the_abstract() {
        // From the abstract of arXiv:2002.12223 (PRL 125 (2020) 051801), TeX written out; the table
        // must hold exactly its (m_A, tan(beta)) pairs and nothing else.
        const ABSTRACT: &str = "The search for heavy resonances is performed over the mass range \
            0.2-2.5 TeV [...] In the M_h^125 scenario of the Minimal Supersymmetric Standard Model, \
            values of tan(beta)>8 and tan(beta)>21 are excluded at the 95% confidence level for \
            m_A=1.0 TeV and m_A=1.5 TeV, respectively.";
        let numbers = |after: &str| -> Vec<f64> {
            ABSTRACT
                .split(after)
                .skip(1)
                .map(|t| {
                    let n: String = t
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.')
                        .collect();
                    n.trim_end_matches('.').parse().unwrap()
                })
                .collect()
        };
        let tan_beta = numbers("tan(beta)>");
        let m_a_gev: Vec<f64> = numbers("m_A=").iter().map(|m| 1000.0 * m).collect();
        assert_eq!(tan_beta, [8.0, 21.0]);
        assert_eq!(m_a_gev, [1000.0, 1500.0]);
        let pairs: Vec<(f64, f64)> = m_a_gev.into_iter().zip(tan_beta).collect();
        assert_eq!(pairs, TAUTAU_TANB_SOURCED);
        assert_eq!(numbers("mass range ")[0] * 1000.0, TAUTAU_SEARCH_MASS_MIN);
        // The bound at the sourced masses is the abstract's number.
        for (m, tb) in pairs {
            assert_eq!(tautau_tan_beta_max(m), Some(tb));
        }
    }

    #[test]
    fn tautau_step_is_never_stronger_than_a_rising_contour() {
        // Steps: 8 on [200, 1000] GeV, 21 on (1000, 1500] GeV, none outside (no extrapolation).
        assert_eq!(tautau_tan_beta_max(199.9), None);
        assert_eq!(tautau_tan_beta_max(200.0), Some(8.0));
        assert_eq!(tautau_tan_beta_max(600.0), Some(8.0));
        assert_eq!(tautau_tan_beta_max(1000.1), Some(21.0));
        assert_eq!(tautau_tan_beta_max(1500.1), None);
        assert_eq!(tautau_tan_beta_max(f64::NAN), None);
        // Any contour through the two sourced points that does not fall with m_A lies at or below
        // the step wherever the step applies: checked against the highest such contours, the
        // constant continuation of each point to the left and the straight line between them.
        let mut m = 200.0;
        while m <= 1500.0 {
            let step = tautau_tan_beta_max(m).unwrap();
            let highest = if m <= 1000.0 { 8.0 } else { 21.0 };
            let line = 8.0 + 13.0 * ((m - 1000.0) / 500.0).max(0.0);
            assert!(step >= highest && step >= line, "{m}: {step}");
            m += 12.5;
        }
    }

    #[test]
    fn tautau_limit_with_singlet_admixture() {
        let mut o = passing();
        o.odd_mass[0] = 1000.0;
        o.charged_higgs = 1000.0;
        o.tan_beta = 10.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:heavy_higgs_tautau"));
        // A singlet admixture of 50 % lowers the effective tan(beta) to 7.07 < 8.
        o.odd_doublet_share[0] = 0.5;
        assert_eq!(reason(&o), None);
        // At 1.2 TeV the 1.5 TeV limit 21 applies: 20 passes, 22 fails (share 1).
        o.odd_doublet_share[0] = 1.0;
        o.odd_mass[0] = 1200.0;
        o.tan_beta = 20.0;
        assert_eq!(reason(&o), None);
        o.tan_beta = 22.0;
        assert_eq!(reason(&o).as_deref(), Some("bound:heavy_higgs_tautau"));
        // tan(beta) 22 x sqrt(0.9) = 20.87 < 21.
        o.odd_doublet_share[0] = 0.9;
        assert_eq!(reason(&o), None);
        // Outside 200 GeV - 1.5 TeV no limit of this set.
        o.odd_doublet_share[0] = 1.0;
        o.tan_beta = 50.0;
        o.odd_mass[0] = 1600.0;
        assert_eq!(reason(&o), None);
        // A singlet-like P_1 (share 0.05) at 1 TeV passes; the doublet-like P_2 (share 0.95) at
        // 1.2 TeV with tan(beta) 25 is tested on its own: 24.4 > 21.
        o.odd_mass = [1000.0, 1200.0];
        o.odd_doublet_share = [0.05, 0.95];
        o.tan_beta = 25.0;
        let r = first_violation(&o).unwrap();
        assert_eq!(r.reason.key(), "bound:heavy_higgs_tautau");
        assert!(r.detail.contains("m_P2 = 1200.0 GeV"), "{}", r.detail);
        o.tan_beta = 21.0;
        assert_eq!(reason(&o), None);
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
