//! The erratum ladder (issue 22): from the paper as printed (preset `hmz1999`) to the `consistent`
//! preset one group of erratum switches at a time, in the stated order of [`LADDER`], and what each
//! step does to the viable region. `gmsbscan summarize --ladder` renders it from the scan
//! directories of configs/ladder/ (`single_*`: hmz1999 plus one step; `cumulative_*`: hmz1999
//! plus steps 1..n, the last being the consistent preset).
//!
//! Owns [`LADDER`] (the ONE ordered list of steps, by their configuration keys), the comparison of
//! two switch sets by those keys ([`changed_keys`]) and the ladder table (text, Markdown, CSV). The
//! per-scan numbers (viable fraction, medians, NLSP edge, ranges) come from
//! [`Summary`](super::summary::Summary): the labels come from each scan's own config.toml, so a
//! table cannot name a step its scans did not take.

use crate::config::{PhysicsSwitches, Preset};

use super::summary::{aligned, percent, sig3, Selection, Summary};

/// One rung: the `[physics]` keys it switches from their hmz1999 to their consistent value.
#[derive(Clone, Copy, Debug)]
pub struct LadderStep {
    /// Short label (file names of configs/ladder/, table cells).
    pub label: &'static str,
    /// The `[physics]` configuration keys switched together.
    pub keys: &'static [&'static str],
    /// What the step corrects (docs/physics.md).
    pub what: &'static str,
}

/// The steps in ladder order: first the boundary conditions at the messenger scale M (sections
/// 4, 4b), then the running between M and Q (section 5), then the low-scale inputs (section 3),
/// then the low-scale outputs (sections 6, 7 and the Higgs mass). Every switch on which the two
/// presets differ is in exactly one step (tested).
pub const LADDER: &[LadderStep] = &[
    LadderStep {
        label: "threshold_functions",
        keys: &["threshold_functions"],
        what:
            "messenger threshold functions g(x), f(x) in the gaugino and sfermion masses (sec. 4)",
    },
    LadderStep {
        label: "a_k_sign",
        keys: &["a_k_sign"],
        what: "sign of A_k at M (sec. 1, 4)",
    },
    LadderStep {
        label: "m_n2_two_loop",
        keys: &["m_n2_two_loop"],
        what: "two-loop m_N^2 at M: 1/3 alpha_1 and -2 alpha_k (sec. 4)",
    },
    LadderStep {
        label: "m_n2_one_loop_xmess",
        keys: &["m_n2_one_loop_xmess"],
        what: "one-loop x_mess-suppressed m_N^2 at M (sec. 4)",
    },
    LadderStep {
        label: "higgs_extra_two_loop",
        keys: &["higgs_extra_two_loop"],
        what: "extra two-loop -5 alpha_lambda alpha_xi term in m_Hu^2, m_Hd^2 (sec. 4)",
    },
    LadderStep {
        label: "tadpole",
        keys: &["tadpole"],
        what: "derived one-loop N tadpole 5 g(x) xi_S xi_N F^2/(8 pi^2 y) (sec. 4)",
    },
    LadderStep {
        label: "matching",
        keys: &[
            "matching_a_terms_h",
            "matching_n_cubed_even",
            "matching_lambda_s",
            "matching_eta",
            "matching_non_holomorphic",
            "matching_huhd_linear",
        ],
        what: "exact one-loop messenger matching of the N sector (sec. 4b)",
    },
    LadderStep {
        label: "rge_set",
        keys: &["rge_set"],
        what: "RGEs with S a spurion and the messengers decoupled below M (sec. 5)",
    },
    LadderStep {
        label: "fs_terms_running",
        keys: &["fs_terms_running"],
        what: "full one-loop running of the F_S-induced terms and the tadpole (sec. 4c, 5)",
    },
    LadderStep {
        label: "a_terms",
        keys: &["a_terms"],
        what: "running A-terms (sec. 5)",
    },
    LadderStep {
        label: "bottom_tau_yukawas",
        keys: &["bottom_tau_yukawas"],
        what: "h_b and h_tau in the RGEs (sec. 5)",
    },
    LadderStep {
        label: "gauge_matching",
        keys: &["gauge_matching"],
        what: "gauge couplings from the SM MS-bar inputs with sparticle thresholds (sec. 3)",
    },
    LadderStep {
        label: "gauge_two_loop",
        keys: &["gauge_two_loop"],
        what: "two-loop gauge running (sec. 3, 5)",
    },
    LadderStep {
        label: "yukawa_inputs",
        keys: &["yukawa_inputs"],
        what: "m_top is the pole mass (prior 172.5 +- 0.7 GeV), Yukawas matched at Q (sec. 3)",
    },
    LadderStep {
        label: "sbottom_stau_cw",
        keys: &["sbottom_stau_cw"],
        what: "sbottom and stau Coleman-Weinberg terms in the potential (sec. 6)",
    },
    LadderStep {
        label: "singlino_sign",
        keys: &["singlino_sign"],
        what: "sign of the singlino mass entry (sec. 1, 7)",
    },
    LadderStep {
        label: "higgs_mass",
        keys: &["higgs_mass"],
        what: "EFT SM-like Higgs mass with its uncertainty (Higgs mass section)",
    },
    // Last although it belongs to the running (section 5b): it was made the consistent default
    // after steps 1-17 had been scanned, and it acts only with the consistent RGE set (step 8),
    // so its single step is the paper as printed.
    LadderStep {
        label: "singlet_decoupling",
        keys: &["singlet_decoupling"],
        what: "heavy singlet out of the running at its mass, one-loop threshold (sec. 5b)",
    },
];

/// The `[physics]` keys on which two switch sets differ, in the order of their declaration
/// (the messenger-matching pieces as `matching_<piece>`, their configuration keys).
pub fn changed_keys(from: &PhysicsSwitches, to: &PhysicsSwitches) -> Vec<String> {
    /// `key = value` lines of the switches' TOML, in declaration order (serde writes fields in
    /// order; the nested `[matching]` table last, its keys prefixed as in the configuration).
    fn flat(s: &PhysicsSwitches) -> Vec<(String, String)> {
        let text = toml::to_string(s).expect("the switches serialise");
        let mut prefix = String::new();
        let mut out = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(table) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                prefix = format!("{table}_");
            } else if let Some((key, value)) = line.split_once(" = ") {
                out.push((format!("{prefix}{key}"), value.to_string()));
            }
        }
        out
    }
    flat(from)
        .into_iter()
        .zip(flat(to))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((k, _), _)| k)
        .collect()
}

/// The ladder steps (1-based numbers) whose keys are all in `keys`, and the keys no step covers
/// whole.
fn steps_of(keys: &[String]) -> (Vec<usize>, Vec<String>) {
    let mut left: Vec<String> = keys.to_vec();
    let mut steps = Vec::new();
    for (i, step) in LADDER.iter().enumerate() {
        if step.keys.iter().all(|k| left.iter().any(|l| l == k)) {
            left.retain(|l| !step.keys.contains(&l.as_str()));
            steps.push(i + 1);
        }
    }
    (steps, left)
}

/// "1-3, 5" for step numbers, then any other keys; "none" for an empty list.
fn describe_numbers(keys: &[String]) -> String {
    let (steps, left) = steps_of(keys);
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        let mut j = i;
        while j + 1 < steps.len() && steps[j + 1] == steps[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}-{}", steps[i], steps[j])
        } else {
            steps[i].to_string()
        });
        i = j + 1;
    }
    parts.extend(left);
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

/// "n label" for each whole step, then any other keys; "none" for an empty list.
fn describe_labels(keys: &[String]) -> String {
    let (steps, left) = steps_of(keys);
    let mut parts: Vec<String> = steps
        .iter()
        .map(|&n| format!("{n} {}", LADDER[n - 1].label))
        .collect();
    parts.extend(left);
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(" + ")
    }
}

/// One scan of the ladder.
#[derive(Clone, Debug)]
pub struct LadderRow {
    pub name: String,
    /// Keys off the hmz1999 preset.
    pub off_hmz1999: Vec<String>,
    /// Keys changed from the previous row (from the hmz1999 preset for the first).
    pub added: Vec<String>,
    pub sampled: u64,
    pub viable_points: u64,
    pub viable_fraction: f64,
    pub viable_solutions: u64,
    pub median_mu: Option<f64>,
    pub median_b_mu: Option<f64>,
    pub median_fine_tuning: Option<f64>,
    /// Weighted share of stau-NLSP solutions.
    pub stau_nlsp_share: f64,
    /// Smallest tan(beta) and Lambda [TeV] with a stau NLSP (the paper's edge: 22 and 64 TeV).
    pub stau_from_tan_beta: Option<f64>,
    pub stau_from_lambda_tev: Option<f64>,
    pub median_m_s1: Option<f64>,
    pub max_m_s1: Option<f64>,
    pub median_m_stop1: Option<f64>,
    pub median_m_stop2: Option<f64>,
}

/// Errors of the ladder beyond reading a results directory.
#[derive(Debug, thiserror::Error)]
pub enum LadderError {
    #[error(
        "{0} is not a scan of the HMZ model (the erratum ladder compares its physics switches)"
    )]
    NotHmz(String),
}

/// The ladder rows of summaries in the given order.
pub fn ladder_rows(summaries: &[Summary]) -> Result<Vec<LadderRow>, LadderError> {
    let base = PhysicsSwitches::preset(Preset::Hmz1999);
    let mut previous = base;
    let mut rows = Vec::new();
    for s in summaries {
        let p = &s.provenance;
        let switches = p
            .switches
            .ok_or_else(|| LadderError::NotHmz(p.name.clone()))?;
        let stau_edge = |name: &str| s.range(name, Selection::StauNlsp).and_then(|r| r.min);
        let m_s1 = s.range("m_S1", Selection::All);
        rows.push(LadderRow {
            name: p.name.clone(),
            off_hmz1999: changed_keys(&base, &switches),
            added: changed_keys(&previous, &switches),
            sampled: p.sampled,
            viable_points: p.viable_points,
            viable_fraction: s.viable_fraction(),
            viable_solutions: p.viable_solutions,
            median_mu: s.median("mu"),
            median_b_mu: s.median("b_mu"),
            median_fine_tuning: s.median("fine_tuning"),
            stau_nlsp_share: 1.0 - s.nlsp.neutralino_fraction(),
            stau_from_tan_beta: stau_edge("tan(beta)"),
            stau_from_lambda_tev: stau_edge("Lambda"),
            median_m_s1: s.median("m_s1"),
            max_m_s1: m_s1.and_then(|r| r.max),
            median_m_stop1: s.median("m_stop1"),
            median_m_stop2: s.median("m_stop2"),
        });
        previous = switches;
    }
    Ok(rows)
}

fn cell(v: Option<f64>) -> String {
    v.map_or("-".into(), sig3)
}

/// The table's cells: header, then one row per scan.
fn table(rows: &[LadderRow]) -> Vec<Vec<String>> {
    let mut out = vec![[
        "scan",
        "steps on (of LADDER)",
        "changed from the row above",
        "viable (points of sampled)",
        "median mu [GeV]",
        "median B_mu [GeV^2]",
        "median fine-tuning [%]",
        "stau NLSP share",
        "stau NLSP from tan(beta) / Lambda [TeV]",
        "m_S1 median (max) [GeV]",
        "median m_stop1 / m_stop2 [GeV]",
    ]
    .map(String::from)
    .to_vec()];
    for r in rows {
        out.push(vec![
            r.name.clone(),
            describe_numbers(&r.off_hmz1999),
            describe_labels(&r.added),
            format!(
                "{} ({} of {})",
                percent(r.viable_fraction),
                r.viable_points,
                r.sampled
            ),
            cell(r.median_mu),
            cell(r.median_b_mu),
            cell(r.median_fine_tuning),
            percent(r.stau_nlsp_share),
            format!(
                "{} / {}",
                cell(r.stau_from_tan_beta),
                cell(r.stau_from_lambda_tev)
            ),
            format!("{} ({})", cell(r.median_m_s1), cell(r.max_m_s1)),
            format!("{} / {}", cell(r.median_m_stop1), cell(r.median_m_stop2)),
        ]);
    }
    out
}

/// The ladder's step list (number, label, keys, what it corrects), for the text and Markdown.
fn legend() -> String {
    let mut out = String::from("Steps (configs/ladder/, in this order):\n");
    for (i, s) in LADDER.iter().enumerate() {
        out += &format!("{:>2}. {}: {}\n", i + 1, s.label, s.what);
    }
    out
}

/// The ladder as aligned text.
pub fn render_text(rows: &[LadderRow]) -> String {
    legend() + "\n" + &aligned(&table(rows))
}

/// The ladder as Markdown (a step list, then the table).
pub fn render_markdown(rows: &[LadderRow]) -> String {
    let mut out = legend().replace('\n', "  \n");
    out.push('\n');
    let cells = table(rows);
    let line = |c: &[String]| {
        let escaped: Vec<String> = c.iter().map(|x| x.replace('|', "\\|")).collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    out += &line(&cells[0]);
    out += &line(&vec!["---".to_string(); cells[0].len()]);
    for row in &cells[1..] {
        out += &line(row);
    }
    out
}

/// The ladder as CSV, one row per scan, numbers unrounded (empty: none).
pub fn write_csv<W: std::io::Write>(rows: &[LadderRow], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "scan",
        "off_hmz1999",
        "changed_from_previous",
        "sampled",
        "viable_points",
        "viable_fraction",
        "viable_solutions",
        "median_mu",
        "median_b_mu",
        "median_fine_tuning",
        "stau_nlsp_share",
        "stau_from_tan_beta",
        "stau_from_lambda_tev",
        "median_m_s1",
        "max_m_s1",
        "median_m_stop1",
        "median_m_stop2",
    ])?;
    let num = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
    for r in rows {
        out.write_record([
            r.name.clone(),
            r.off_hmz1999.join(" "),
            r.added.join(" "),
            r.sampled.to_string(),
            r.viable_points.to_string(),
            num(Some(r.viable_fraction)),
            r.viable_solutions.to_string(),
            num(r.median_mu),
            num(r.median_b_mu),
            num(r.median_fine_tuning),
            num(Some(r.stau_nlsp_share)),
            num(r.stau_from_tan_beta),
            num(r.stau_from_lambda_tev),
            num(r.median_m_s1),
            num(r.max_m_s1),
            num(r.median_m_stop1),
            num(r.median_m_stop2),
        ])?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_takes_every_switch_between_the_presets_exactly_once() {
        let hmz = PhysicsSwitches::preset(Preset::Hmz1999);
        let consistent = PhysicsSwitches::preset(Preset::Consistent);
        let mut differ = changed_keys(&hmz, &consistent);
        let mut keys: Vec<String> = LADDER
            .iter()
            .flat_map(|s| s.keys.iter().map(|k| k.to_string()))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key in two steps");
        differ.sort();
        assert_eq!(keys, differ);
    }

    #[test]
    fn changed_keys_names_the_configuration_keys() {
        let hmz = PhysicsSwitches::preset(Preset::Hmz1999);
        assert!(changed_keys(&hmz, &hmz).is_empty());
        let mut s = hmz;
        s.tadpole = crate::config::Form::Derived;
        s.matching.eta = true;
        assert_eq!(changed_keys(&hmz, &s), ["tadpole", "matching_eta"]);
        assert_eq!(describe_numbers(&changed_keys(&hmz, &s)), "6, matching_eta");
        s.matching = crate::config::MessengerMatching::all(true);
        s.threshold_functions = true;
        s.a_k_sign = crate::config::Form::Derived;
        assert_eq!(describe_numbers(&changed_keys(&hmz, &s)), "1-2, 6-7");
        assert_eq!(
            describe_labels(&changed_keys(&hmz, &s)),
            "1 threshold_functions + 2 a_k_sign + 6 tadpole + 7 matching"
        );
        assert_eq!(describe_labels(&[]), "none");
    }
}
