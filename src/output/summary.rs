//! The viable region of a finished scan beside the ranges Han, Marfatia & Zhang (1999) quote:
//! what `gmsbscan summarize` prints.
//!
//! Owns [`PAPER_RANGES`], the ONE table of the paper's quoted ranges (Sec. III and the ranges tied
//! to Figs. 1-5), each row with the paper's wording and where it stands, and the computation of
//! the scan's min and max of every such quantity from `viable.csv`, plus the viable fraction
//! (from `manifest.json`) and the NLSP split. Rendering of one or several scans side by side (one
//! column per scan): a text table, Markdown (for a README) and CSV (one row per scan and quantity).
//!
//! Rows of `viable.csv` may carry a `weight` column (a sampler that does not draw from the priors
//! writes it); a missing column means weight 1. Weights do not move a min or a max (they change
//! how often a region is drawn, not whether it is viable); they do enter the NLSP fractions.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::PhysicsSwitches;
use crate::models::plan::ModelSpec;
use crate::models::Plan;
use crate::scan::config::bound_set_name;
use crate::scan::manifest::{CONFIG_FILE, MANIFEST_FILE, VIABLE_FILE};
use crate::scan::record::verify_prefix;
use crate::scan::Manifest;

/// The optional per-row weight column of `viable.csv`.
pub const WEIGHT_COLUMN: &str = "weight";

/// How a quantity is read from a `viable.csv` row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quantity {
    /// The column as written.
    Column(&'static str),
    /// The absolute value of a column (|xi_N|; the signed neutralino mass).
    Abs(&'static str),
    /// A column times a factor (GeV -> TeV).
    Scaled(&'static str, f64),
}

impl Quantity {
    fn column(self) -> &'static str {
        match self {
            Quantity::Column(c) | Quantity::Abs(c) | Quantity::Scaled(c, _) => c,
        }
    }

    fn value(self, raw: f64) -> f64 {
        match self {
            Quantity::Column(_) => raw,
            Quantity::Abs(_) => raw.abs(),
            Quantity::Scaled(_, f) => raw * f,
        }
    }
}

/// Which viable rows a quoted range is about.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Selection {
    All,
    /// Rows whose NLSP is the stau (`nlsp == "stau"`).
    StauNlsp,
    /// The paper's "vanishing lambda_S" region: lambda_S below the given value.
    LambdaSBelow(f64),
    /// Rows with Omega h^2 in [lo, hi] (the paper's "Omega h^2 ~ 0.3").
    OmegaBetween(f64, f64),
}

impl Selection {
    /// Short label for the tables.
    pub fn label(self) -> String {
        match self {
            Selection::All => "all".to_string(),
            Selection::StauNlsp => "stau NLSP".to_string(),
            Selection::LambdaSBelow(v) => format!("lambda_S < {v:e}"),
            Selection::OmegaBetween(lo, hi) => format!("Omega h^2 in {lo}-{hi}"),
        }
    }
}

/// One range the paper quotes. `min`/`max` are `None` where the paper gives one side only.
#[derive(Clone, Copy, Debug)]
pub struct PaperRange {
    /// Label in the tables (the paper's symbol in ASCII).
    pub name: &'static str,
    pub unit: &'static str,
    pub quantity: Quantity,
    pub selection: Selection,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The paper's words, transcribed.
    pub wording: &'static str,
    /// Where the paper says it (the arXiv text has no stable page numbers: section and figure).
    pub place: &'static str,
}

const fn range(
    name: &'static str,
    unit: &'static str,
    quantity: Quantity,
    min: Option<f64>,
    max: Option<f64>,
    wording: &'static str,
    place: &'static str,
) -> PaperRange {
    PaperRange {
        name,
        unit,
        quantity,
        selection: Selection::All,
        min,
        max,
        wording,
        place,
    }
}

const fn within(selection: Selection, r: PaperRange) -> PaperRange {
    PaperRange { selection, ..r }
}

use Quantity::{Abs, Column, Scaled};

/// Every range Han, Marfatia & Zhang (1999) quote for their viable sample, in the paper's order.
/// "<~" is the paper's \alt. The paper restricts itself to lambda_S >= 1e-3 after Sec. III.B.1.
#[rustfmt::skip]
pub const PAPER_RANGES: &[PaperRange] = &[
    range("xi_S(Q)", "-", Column("xi_s_q"), Some(0.94), Some(0.94),
        "Running xi_S down to the electroweak scale, we get xi_S(Q) ~ 0.94", "Sec. III.A"),
    range("h_t", "-", Column("h_t"), Some(0.92), Some(1.2),
        "1.5 <= tan(beta) <= 50, which leads to 0.92 <= h_t <= 1.2", "Sec. III.A"),
    range("eta_N", "-", Column("eta_n"), Some(0.6), Some(1.0),
        "0.6 <~ eta_N <~ 1.0", "Sec. III.B, Fig. 1c"),
    range("lambda_N", "-", Column("lambda_n"), Some(0.05), Some(1.0),
        "0.05 <~ lambda_N <~ 1.0", "Sec. III.B"),
    range("k", "-", Column("k"), Some(0.001), Some(0.65),
        "0.001 <~ k <~ 0.65", "Sec. III.B"),
    range("xi_N", "-", Column("xi_n"), Some(-0.95), Some(0.95),
        "-0.95 <~ xi_N <~ 0.95", "Sec. III.B, Fig. 1a"),
    range("|xi_N|", "-", Abs("xi_n"), Some(0.1), None,
        "|xi_N| >~ 0.1", "Sec. III.B, Fig. 1a"),
    range("eta_S", "-", Column("eta_s"), Some(-0.01), Some(0.05),
        "-0.01 <~ eta_S <~ 0.05", "Sec. III.B, Fig. 1b"),
    range("|eta_S|", "-", Abs("eta_s"), Some(1e-4), None,
        "|eta_S| >~ 1e-4", "Sec. III.B, Fig. 1b"),
    range("lambda_S", "-", Column("lambda_s"), Some(0.0), Some(4e-3),
        "0 <~ lambda_S <~ 4 x 10^-3", "Sec. III.B, Fig. 1"),
    within(Selection::LambdaSBelow(1e-3), range("xi_N", "-", Column("xi_n"), Some(-0.95), Some(-0.3),
        "vanishing lambda_S (typically lambda_S <~ 10^-3): -0.95 <~ xi_N <~ -0.3", "Sec. III.B item 1, Fig. 1a")),
    within(Selection::LambdaSBelow(1e-3), range("eta_S", "-", Column("eta_s"), Some(-0.01), Some(-4e-3),
        "vanishing lambda_S: -0.01 <~ eta_S <~ -4 x 10^-3", "Sec. III.B item 1, Fig. 1b")),
    range("mu", "GeV", Column("mu"), Some(275.0), Some(550.0),
        "275 <~ mu <~ 550 GeV", "Sec. III.B, Fig. 2a"),
    range("B_mu", "GeV^2", Column("b_mu"), Some(5e3), Some(2e5),
        "5 x 10^3 <~ B_mu <~ 2 x 10^5 (GeV)^2", "Sec. III.B, Fig. 2a"),
    range("B_mu/mu", "GeV", Column("b_param"), Some(10.0), Some(300.0),
        "10 <~ B_mu/mu <~ 300 GeV", "Sec. III.B, Fig. 2b"),
    range("fine-tuning", "%", Column("fine_tuning"), Some(1.0), Some(6.0),
        "The fine-tune is at the 1-6% level", "Sec. III.B, Fig. 3"),
    range("m_S1", "GeV", Column("m_s1"), Some(95.5), Some(130.0),
        "95.5 <~ m_S1 <~ 130 GeV", "Sec. III.C"),
    range("m_S2", "GeV", Column("m_s2"), Some(200.0), Some(650.0),
        "200 <~ m_S2 <~ 650 GeV", "Sec. III.C"),
    range("m_S3", "GeV", Column("m_s3"), Some(5000.0), None,
        "m_S3 >~ 5 TeV", "Sec. III.C"),
    range("m_P1", "GeV", Column("m_p1"), Some(340.0), Some(650.0),
        "340 <~ m_P1 <~ 650 GeV", "Sec. III.C"),
    range("m_chi1", "GeV", Abs("m_chi1"), Some(65.0), Some(125.0),
        "65 <~ m_chi1 <~ 125 GeV", "Sec. III.C"),
    range("m_chargino1", "GeV", Column("m_cha1"), Some(120.0), Some(230.0),
        "120 <~ m_chi1+ <~ 230 GeV", "Sec. III.C"),
    range("m_stau1", "GeV", Column("m_stau1"), Some(68.0), Some(150.0),
        "68 <~ m_stau1 <~ 150 GeV", "Sec. III.C"),
    range("m_stop1", "GeV", Column("m_stop1"), Some(650.0), Some(1080.0),
        "650 <~ m_stop1 <~ 1080 GeV", "Sec. III.C"),
    range("m_stop2", "GeV", Column("m_stop2"), Some(700.0), Some(1140.0),
        "700 <~ m_stop2 <~ 1140 GeV", "Sec. III.C"),
    within(Selection::StauNlsp, range("tan(beta)", "-", Column("tan_beta"), Some(22.0), None,
        "chi1 is the NLSP for tan(beta) <~ 22 or Lambda <~ 64 TeV", "Sec. III.C, Fig. 4a")),
    within(Selection::StauNlsp, range("Lambda", "TeV", Scaled("lambda_susy", 1e-3), Some(64.0), None,
        "chi1 is the NLSP for tan(beta) <~ 22 or Lambda <~ 64 TeV", "Sec. III.C, Fig. 4b")),
    within(Selection::OmegaBetween(0.2, 0.4), range("m_phi0", "TeV", Scaled("m_phi", 1e-3), Some(6.0), Some(25.0),
        "If we assume Omega h^2 ~ 0.3, then 6 <~ m_phi0 <~ 25 TeV", "Sec. IV, Fig. 5")),
];

/// Failures reading a results directory.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid scan configuration: {message}")]
    Config { path: PathBuf, message: String },
    #[error("{path}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{path} has no column `{column}` (written by an older gmsbscan?)")]
    MissingColumn { path: PathBuf, column: String },
    #[error("{path} is not the file the scan wrote: {message} (edited, cut, or from another scan; rerun or resume the scan)")]
    Checksum { path: PathBuf, message: String },
    #[error("{path}, row {row}: column `{column}` holds '{value}', not a number")]
    BadNumber {
        path: PathBuf,
        row: usize,
        column: String,
        value: String,
    },
    #[error("{path}, row {row}: weight {value} is negative or not finite")]
    BadWeight {
        path: PathBuf,
        row: usize,
        value: f64,
    },
}

/// Where the scan came from (manifest.json and config.toml of the results directory).
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub name: String,
    pub preset: String,
    pub bounds: String,
    pub unknowns: String,
    pub sampler: String,
    pub seed: u64,
    pub status: String,
    pub sampled: u64,
    pub viable_points: u64,
    pub viable_solutions: u64,
    /// An MCMC scan's chains, acceptance, ESS and R-hat (its `sampled` and `viable_points` are
    /// those of the exploration: draws of the prior, so the viable fraction keeps its meaning).
    pub mcmc: Option<String>,
    /// An importance scan's screen, evaluated draws, effective samples and weighted viable fraction.
    pub importance: Option<String>,
    /// The erratum switches of an HMZ scan (None for the MSSM-limit models): what the erratum
    /// ladder (module `ladder`) compares between scans.
    pub switches: Option<PhysicsSwitches>,
}

/// Solutions per NLSP, raw and weighted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NlspSplit {
    pub neutralino: usize,
    pub stau: usize,
    /// Summed weights (= the counts without a weight column).
    pub neutralino_weight: f64,
    pub stau_weight: f64,
}

impl NlspSplit {
    /// Weighted fraction of neutralino-NLSP solutions (NaN without solutions).
    pub fn neutralino_fraction(&self) -> f64 {
        self.neutralino_weight / (self.neutralino_weight + self.stau_weight)
    }
}

/// The scan's range of one quoted quantity.
#[derive(Clone, Debug)]
pub struct RangeRow {
    pub paper: PaperRange,
    /// Selected rows with a finite value.
    pub n: usize,
    /// None when no row is selected.
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// The columns whose (weighted) median over the viable solutions a summary keeps: what the erratum
/// ladder reports per step besides the ranges.
pub const MEDIAN_COLUMNS: [&str; 6] = ["mu", "b_mu", "fine_tuning", "m_s1", "m_stop1", "m_stop2"];

/// Everything `gmsbscan summarize` reports.
#[derive(Clone, Debug)]
pub struct Summary {
    pub provenance: Provenance,
    /// Whether viable.csv has a weight column.
    pub weighted: bool,
    pub nlsp: NlspSplit,
    pub rows: Vec<RangeRow>,
    /// The weighted median of each of [`MEDIAN_COLUMNS`] the scan has, over its viable solutions
    /// with a finite value (None without any).
    pub medians: Vec<(&'static str, Option<f64>)>,
}

/// The weighted median: the smallest value whose cumulative weight reaches half the total (None
/// for no values or zero total weight).
pub fn weighted_median(values: &[(f64, f64)]) -> Option<f64> {
    let mut sorted: Vec<(f64, f64)> = values.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = sorted.iter().map(|v| v.1).sum();
    if total <= 0.0 {
        return None;
    }
    let mut cumulative = 0.0;
    for (value, weight) in sorted {
        cumulative += weight;
        if cumulative >= 0.5 * total {
            return Some(value);
        }
    }
    None
}

/// The columns of viable.csv the summary needs, as numbers (text for `nlsp`).
struct ViableData {
    numbers: HashMap<&'static str, Vec<f64>>,
    stau_nlsp: Vec<bool>,
    weights: Option<Vec<f64>>,
}

impl ViableData {
    /// Reads the columns the paper's ranges need; `strict` (HMZ scans): every one must be there,
    /// else (the MSSM-limit models) those the model has.
    fn read(path: &Path, strict: bool) -> Result<ViableData, SummaryError> {
        let csv_err = |source| SummaryError::Csv {
            path: path.to_path_buf(),
            source,
        };
        let mut reader = csv::Reader::from_path(path).map_err(csv_err)?;
        let headers = reader.headers().map_err(csv_err)?.clone();
        let index = |column: &str| {
            headers
                .iter()
                .position(|h| h == column)
                .ok_or_else(|| SummaryError::MissingColumn {
                    path: path.to_path_buf(),
                    column: column.to_string(),
                })
        };
        let mut wanted: Vec<&'static str> = PAPER_RANGES
            .iter()
            .map(|r| r.quantity.column())
            .chain(["lambda_s", "omega_h2"])
            .filter(|c| strict || headers.iter().any(|h| h == *c))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let numeric: Vec<(&'static str, usize)> = wanted
            .iter()
            .map(|&c| index(c).map(|i| (c, i)))
            .collect::<Result<_, _>>()?;
        let nlsp = index("nlsp")?;
        let weight = headers.iter().position(|h| h == WEIGHT_COLUMN);

        let mut data = ViableData {
            numbers: wanted.iter().map(|&c| (c, Vec::new())).collect(),
            stau_nlsp: Vec::new(),
            weights: weight.map(|_| Vec::new()),
        };
        for (k, record) in reader.records().enumerate() {
            let record = record.map_err(csv_err)?;
            let row = k + 1;
            let number = |column: &str, i: usize| {
                let text = record.get(i).unwrap_or("");
                text.trim()
                    .parse::<f64>()
                    .map_err(|_| SummaryError::BadNumber {
                        path: path.to_path_buf(),
                        row,
                        column: column.to_string(),
                        value: text.to_string(),
                    })
            };
            for &(column, i) in &numeric {
                let v = number(column, i)?;
                data.numbers.get_mut(column).expect("wanted column").push(v);
            }
            data.stau_nlsp.push(record.get(nlsp) == Some("stau"));
            if let (Some(i), Some(ws)) = (weight, data.weights.as_mut()) {
                let w = number(WEIGHT_COLUMN, i)?;
                if !(w.is_finite() && w >= 0.0) {
                    return Err(SummaryError::BadWeight {
                        path: path.to_path_buf(),
                        row,
                        value: w,
                    });
                }
                ws.push(w);
            }
        }
        Ok(data)
    }

    fn len(&self) -> usize {
        self.stau_nlsp.len()
    }

    fn weight(&self, i: usize) -> f64 {
        self.weights.as_ref().map_or(1.0, |w| w[i])
    }

    fn selected(&self, selection: Selection, i: usize) -> bool {
        match selection {
            Selection::All => true,
            Selection::StauNlsp => self.stau_nlsp[i],
            Selection::LambdaSBelow(v) => self.numbers["lambda_s"][i] < v,
            Selection::OmegaBetween(lo, hi) => {
                let omega = self.numbers["omega_h2"][i];
                lo <= omega && omega <= hi
            }
        }
    }

    /// Whether the scan has the columns of a range (its quantity and its selection).
    fn has(&self, paper: &PaperRange) -> bool {
        let selection = match paper.selection {
            Selection::LambdaSBelow(_) => Some("lambda_s"),
            Selection::OmegaBetween(..) => Some("omega_h2"),
            Selection::All | Selection::StauNlsp => None,
        };
        self.numbers.contains_key(paper.quantity.column())
            && selection.is_none_or(|c| self.numbers.contains_key(c))
    }

    fn range_row(&self, paper: &PaperRange) -> RangeRow {
        let raw = &self.numbers[paper.quantity.column()];
        let values: Vec<f64> = (0..self.len())
            .filter(|&i| self.selected(paper.selection, i))
            .map(|i| paper.quantity.value(raw[i]))
            .filter(|v| v.is_finite())
            .collect();
        RangeRow {
            paper: *paper,
            n: values.len(),
            min: values.iter().copied().reduce(f64::min),
            max: values.iter().copied().reduce(f64::max),
        }
    }

    fn median(&self, column: &str) -> Option<f64> {
        let raw = self.numbers.get(column)?;
        let values: Vec<(f64, f64)> = (0..self.len())
            .filter(|&i| raw[i].is_finite())
            .map(|i| (raw[i], self.weight(i)))
            .collect();
        weighted_median(&values)
    }

    fn nlsp_split(&self) -> NlspSplit {
        let mut s = NlspSplit {
            neutralino: 0,
            stau: 0,
            neutralino_weight: 0.0,
            stau_weight: 0.0,
        };
        for (i, &stau) in self.stau_nlsp.iter().enumerate() {
            if stau {
                s.stau += 1;
                s.stau_weight += self.weight(i);
            } else {
                s.neutralino += 1;
                s.neutralino_weight += self.weight(i);
            }
        }
        s
    }
}

fn read_provenance(dir: &Path) -> Result<(Provenance, Manifest), SummaryError> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest = Manifest::read(&manifest_path).map_err(|source| SummaryError::Io {
        path: manifest_path,
        source,
    })?;
    let config_path = dir.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&config_path).map_err(|source| SummaryError::Io {
        path: config_path.clone(),
        source,
    })?;
    let plan = Plan::from_toml_str(&text).map_err(|e| SummaryError::Config {
        path: config_path,
        message: e.to_string(),
    })?;
    let (preset, bounds, unknowns, switches) = match &plan {
        Plan::Hmz(p) => (
            p.physics.preset.to_string(),
            p.bounds,
            p.physics.unknowns.map(|c| c.to_string()).join(" "),
            Some(p.physics.switches),
        ),
        Plan::Model(p) => (
            p.physics.preset.to_string(),
            p.physics.bounds,
            match p.spec {
                ModelSpec::Mssm { .. } => "mu b_mu (model mssm_gmsb)".to_string(),
                ModelSpec::Ddr { .. } => "lambda_1 tan_beta (model ddr)".to_string(),
            },
            None,
        ),
    };
    let (sampled, viable_points) = match &manifest.mcmc {
        Some(r) => (r.exploration.points, r.exploration.viable_points),
        None => (manifest.sampled, manifest.viable_points),
    };
    let importance = manifest.importance.as_ref().map(|r| {
        format!(
            "viable    (importance: the draws the screen skipped count as sampled; the prior's viable fraction is estimated by the weights: {:.3} % = sum of weights / draws)\n{}",
            100.0 * r.weight_sum / manifest.sampled.max(1) as f64,
            r.report(manifest.sampled)
        )
    });
    Ok((
        Provenance {
            // The manifest's counts (exploration and chain evaluations together), so that the
            // two reports of one MCMC scan agree.
            mcmc: manifest.mcmc.as_ref().map(|r| {
                format!(
                    "evaluated {} points: {} of the exploration ({} viable) + {} of the chains ({} viable); {} viable and {} rejected in all (manifest.json)\n{}",
                    manifest.sampled,
                    r.exploration.points,
                    r.exploration.viable_points,
                    r.counts.evaluated,
                    manifest
                        .viable_points
                        .saturating_sub(r.exploration.viable_points),
                    manifest.viable_points,
                    manifest.rejected_points,
                    r.report()
                )
            }),
            importance,
            name: manifest.name.clone(),
            preset,
            bounds: bound_set_name(bounds).to_string(),
            unknowns,
            sampler: manifest.sampler.clone(),
            seed: manifest.seed,
            status: manifest.status.to_string(),
            sampled,
            viable_points,
            viable_solutions: manifest.viable_solutions,
            switches,
        },
        manifest,
    ))
}

impl Summary {
    /// Reads `manifest.json`, `config.toml` and `viable.csv` of a results directory.
    pub fn from_results_dir(dir: &Path) -> Result<Summary, SummaryError> {
        let (provenance, manifest) = read_provenance(dir)?;
        let path = dir.join(VIABLE_FILE);
        // The rows are those the manifest records (length, rows, SHA-256), or nothing is said.
        verify_prefix(&path, &manifest.files.viable_csv, true).map_err(|e| {
            SummaryError::Checksum {
                path: path.clone(),
                message: e.to_string(),
            }
        })?;
        let data = ViableData::read(&path, manifest.model.is_hmz())?;
        Ok(Summary {
            provenance,
            weighted: data.weights.is_some(),
            nlsp: data.nlsp_split(),
            rows: PAPER_RANGES
                .iter()
                .filter(|r| data.has(r))
                .map(|r| data.range_row(r))
                .collect(),
            medians: MEDIAN_COLUMNS
                .iter()
                .filter(|c| data.numbers.contains_key(*c))
                .map(|&c| (c, data.median(c)))
                .collect(),
        })
    }

    /// Viable points over sampled points (NaN for an empty scan).
    pub fn viable_fraction(&self) -> f64 {
        self.provenance.viable_points as f64 / self.provenance.sampled as f64
    }

    /// The scan's range of a quoted quantity (by its table name and selection).
    pub fn range(&self, name: &str, selection: Selection) -> Option<&RangeRow> {
        self.rows
            .iter()
            .find(|r| r.paper.name == name && r.paper.selection == selection)
    }

    /// The weighted median of one of [`MEDIAN_COLUMNS`] (None: no such column or no value).
    pub fn median(&self, column: &str) -> Option<f64> {
        self.medians
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, m)| *m)
    }
}

/// A number rounded to three significant digits, in fixed notation between 1e-3 and 1e5 (trailing
/// zeros after the point dropped), else scientific.
pub fn sig3(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let rounded: f64 = format!("{x:.2e}")
        .parse()
        .expect("a formatted float parses");
    let exponent = rounded.abs().log10().floor() as i32;
    if !(-3..5).contains(&exponent) {
        return format!("{x:.2e}");
    }
    let decimals = (2 - exponent).max(0) as usize;
    let text = format!("{rounded:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A range of the paper ("~ x" where it quotes one value).
fn paper_span(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("~ {}", sig3(a)),
        _ => span(min, max),
    }
}

fn span(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{} .. {}", sig3(a), sig3(b)),
        (Some(a), None) => format!(">~ {}", sig3(a)),
        (None, Some(b)) => format!("<~ {}", sig3(b)),
        (None, None) => "-".to_string(),
    }
}

pub(crate) fn percent(x: f64) -> String {
    if x.is_finite() {
        format!("{} %", sig3(100.0 * x))
    } else {
        "-".to_string()
    }
}

/// Left-aligned columns separated by two spaces, trailing spaces trimmed.
pub(crate) fn aligned(rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

const CHI_NLSP_WORDING: &str = "chi1 is the NLSP for tan(beta) <~ 22 or Lambda <~ 64 TeV";

impl Summary {
    /// The provenance block: scan, viable fraction, NLSP split, weights.
    fn header(&self) -> String {
        let p = &self.provenance;
        let n = &self.nlsp;
        format!(
            "scan      {} (preset {}, bounds {}, unknowns {}, sampler {}, seed {}, status {})\n\
             viable    {} of {} sampled points ({}), {} solutions\n\
             NLSP      neutralino {} of {} solutions, stau {} (neutralino fraction {}{})\n\
             weights   {}\n",
            p.name,
            p.preset,
            p.bounds,
            p.unknowns,
            p.sampler,
            p.seed,
            p.status,
            p.viable_points,
            p.sampled,
            percent(self.viable_fraction()),
            p.viable_solutions,
            n.neutralino,
            n.neutralino + n.stau,
            n.stau,
            percent(n.neutralino_fraction()),
            if self.weighted { ", weighted" } else { "" },
            if self.weighted {
                "column `weight` (NLSP fraction weighted; min and max are not)"
            } else {
                "none (every row counts 1)"
            }
        )
    }

    /// The MCMC or importance lines of the provenance block (empty for the other samplers).
    fn mcmc_lines(&self) -> String {
        let mcmc = self.provenance.mcmc.as_ref().map_or(String::new(), |r| {
            format!(
                "viable    (mcmc: the viable fraction is the exploration's)
{r}
"
            )
        });
        let importance = self
            .provenance
            .importance
            .as_ref()
            .map_or(String::new(), |r| format!("{r}\n"));
        mcmc + &importance
    }

    /// The readable report of one scan (see [`render_text`]).
    pub fn to_text(&self) -> String {
        render_text(std::slice::from_ref(self))
    }
}

/// The comparison table shared by the text and Markdown renderings: one row per quoted range
/// (quantity, unit, rows, the paper's range, one "min .. max (n)" cell per scan, where in the
/// paper), then the viable fraction and the NLSP split.
fn table(summaries: &[Summary]) -> Vec<Vec<String>> {
    let mut head: Vec<String> = ["quantity", "unit", "rows", "HMZ 1999"]
        .map(String::from)
        .into();
    head.extend(summaries.iter().map(|s| s.provenance.name.clone()));
    head.push("where in HMZ".into());
    let mut rows = vec![head];
    for paper in PAPER_RANGES {
        // A scan of a model without the quantity has no row for it ("n/a").
        fn find<'s>(s: &'s Summary, paper: &PaperRange) -> Option<&'s RangeRow> {
            s.rows.iter().find(|r| {
                (r.paper.name, r.paper.place, r.paper.selection.label())
                    == (paper.name, paper.place, paper.selection.label())
            })
        }
        let of = |s| find(s, paper);
        if summaries.iter().all(|s| of(s).is_none()) {
            continue;
        }
        let mut row = vec![
            paper.name.to_string(),
            paper.unit.to_string(),
            paper.selection.label(),
            paper_span(paper.min, paper.max),
        ];
        row.extend(summaries.iter().map(|s| match of(s) {
            Some(r) => format!("{} ({})", span(r.min, r.max), r.n),
            None => "n/a".to_string(),
        }));
        row.push(paper.place.to_string());
        rows.push(row);
    }
    let mut viable = ["viable points", "-", "sampled", "-"]
        .map(String::from)
        .to_vec();
    viable.extend(summaries.iter().map(|s| {
        let p = &s.provenance;
        format!(
            "{} of {} ({})",
            p.viable_points,
            p.sampled,
            percent(s.viable_fraction())
        )
    }));
    viable.push("-".into());
    let mut nlsp = ["NLSP chi1 : stau", "-", "solutions", "-"]
        .map(String::from)
        .to_vec();
    nlsp.extend(summaries.iter().map(|s| {
        let n = &s.nlsp;
        format!(
            "{} : {} ({} chi1)",
            n.neutralino,
            n.stau,
            percent(n.neutralino_fraction())
        )
    }));
    nlsp.push("Sec. III.C, Fig. 4".into());
    rows.push(viable);
    rows.push(nlsp);
    rows
}

/// The readable report: each scan's provenance block, then the comparison table (the paper's
/// wording is in the CSV).
pub fn render_text(summaries: &[Summary]) -> String {
    let mut out = String::new();
    for s in summaries {
        out += &s.header();
        out += &s.mcmc_lines();
        out.push('\n');
    }
    out + &aligned(&table(summaries))
}

/// The comparison table as Markdown (for results/README.md), with a line naming each scan.
pub fn render_markdown(summaries: &[Summary]) -> String {
    let mut out = String::new();
    for s in summaries {
        let p = &s.provenance;
        out += &format!(
            "- `{}`: preset {}, bounds {}, unknowns {}, sampler {}, seed {}, {} sampled points{}\n",
            p.name,
            p.preset,
            p.bounds,
            p.unknowns,
            p.sampler,
            p.seed,
            p.sampled,
            if s.weighted { ", rows weighted" } else { "" }
        );
    }
    out.push('\n');
    let rows = table(summaries);
    let line = |cells: &[String]| {
        let escaped: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    out += &line(&rows[0]);
    out += &line(&vec!["---".to_string(); rows[0].len()]);
    for row in &rows[1..] {
        out += &line(row);
    }
    out
}

/// The comparison as CSV, one row per scan and quoted range (`scan` = the scan's name), then per
/// scan the viable fraction and the NLSP fractions as rows whose `scan_min` = `scan_max` = the
/// fraction and `n` = the count.
pub fn write_csv<W: std::io::Write>(summaries: &[Summary], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "scan",
        "quantity",
        "unit",
        "selection",
        "n",
        "scan_min",
        "scan_max",
        "paper_min",
        "paper_max",
        "paper_wording",
        "paper_place",
    ])?;
    let num = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
    for s in summaries {
        let scan = s.provenance.name.as_str();
        for r in &s.rows {
            out.write_record([
                scan.to_string(),
                r.paper.name.to_string(),
                r.paper.unit.to_string(),
                r.paper.selection.label(),
                r.n.to_string(),
                num(r.min),
                num(r.max),
                num(r.paper.min),
                num(r.paper.max),
                r.paper.wording.to_string(),
                r.paper.place.to_string(),
            ])?;
        }
        let fraction = |name: &str, n: u64, f: f64, wording: &str, place: &str| {
            [
                scan,
                name,
                "-",
                "all",
                &n.to_string(),
                &num(Some(f)),
                &num(Some(f)),
                "",
                "",
                wording,
                place,
            ]
            .map(String::from)
        };
        let nl = &s.nlsp;
        let f_chi = nl.neutralino_fraction();
        let (points, sampled) = (s.provenance.viable_points, s.viable_fraction());
        out.write_record(fraction(
            "viable fraction (points)",
            points,
            sampled,
            "",
            "",
        ))?;
        let place = "Sec. III.C, Fig. 4";
        out.write_record(fraction(
            "NLSP neutralino fraction",
            nl.neutralino as u64,
            f_chi,
            CHI_NLSP_WORDING,
            place,
        ))?;
        out.write_record(fraction(
            "NLSP stau fraction",
            nl.stau as u64,
            1.0 - f_chi,
            CHI_NLSP_WORDING,
            place,
        ))?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sig3_keeps_three_significant_digits() {
        assert_eq!(sig3(0.53124), "0.531");
        assert_eq!(sig3(1.0), "1");
        assert_eq!(sig3(-0.0073), "-0.0073");
        assert_eq!(sig3(646.4), "646");
        assert_eq!(sig3(3532.0), "3530");
        assert_eq!(sig3(999.6), "1000");
        assert_eq!(sig3(30123.0), "30100");
        assert_eq!(sig3(2.0e5), "2.00e5");
        assert_eq!(sig3(4e-4), "4.00e-4");
        assert_eq!(sig3(0.0), "0");
    }

    #[test]
    fn weighted_median_reaches_half_the_weight() {
        assert_eq!(weighted_median(&[]), None);
        assert_eq!(weighted_median(&[(3.0, 0.0)]), None);
        // Unweighted: the lower middle of an even count, the middle of an odd one.
        let unit = |v: &[f64]| v.iter().map(|&x| (x, 1.0)).collect::<Vec<_>>();
        assert_eq!(weighted_median(&unit(&[5.0, 1.0, 3.0])), Some(3.0));
        assert_eq!(weighted_median(&unit(&[4.0, 1.0, 3.0, 2.0])), Some(2.0));
        // A heavy value pulls the median to itself.
        assert_eq!(
            weighted_median(&[(1.0, 1.0), (2.0, 1.0), (10.0, 5.0)]),
            Some(10.0)
        );
    }

    #[test]
    fn every_paper_range_is_ordered_and_names_its_place() {
        for r in PAPER_RANGES {
            if let (Some(a), Some(b)) = (r.min, r.max) {
                assert!(a <= b, "{}: {a} > {b}", r.name);
            }
            assert!(r.min.is_some() || r.max.is_some(), "{}", r.name);
            assert!(r.place.starts_with("Sec. "), "{}", r.name);
            assert!(!r.wording.is_empty(), "{}", r.name);
        }
    }

    #[test]
    fn every_quantity_is_a_viable_column() {
        let names: Vec<&str> = crate::output::columns::VIABLE_COLUMNS
            .iter()
            .map(|c| c.name)
            .collect();
        for r in PAPER_RANGES {
            assert!(names.contains(&r.quantity.column()), "{}", r.name);
        }
        for c in ["lambda_s", "omega_h2", "nlsp"] {
            assert!(names.contains(&c), "{c}");
        }
    }
}
