//! The long-lived higgsino corner of the consistent wide scan (results/lhc2025-wide-consistent,
//! issue 21) against the compressed-higgsino soft-lepton bound (docs/physics.md 9b): two of its
//! four rows with a detector-stable higgsino-like NLSP re-drawn from the scan's echoed
//! configuration and re-evaluated, each with its verdict. The inputs and masses are the rows' in
//! the scan's viable.csv (random draws: a function of the seed and the id).

use std::path::Path;

use gmsbscan::scan::ScanPlan;

fn plan() -> ScanPlan {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("results/lhc2025-wide-consistent/config.toml");
    ScanPlan::from_toml_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A row of viable.csv: id, the sampled inputs it printed, and its masses [GeV] and c tau [m].
struct Row {
    id: u64,
    tan_beta: f64,
    lambda_susy: f64,
    lambda_n: f64,
    k: f64,
    mu: f64,
    chi1: f64,
    chi2: f64,
    chargino1: f64,
    ctau_m: f64,
}

fn check(row: &Row, verdict: &str) {
    let plan = plan();
    let inputs = plan.inputs(row.id);
    // The same draw as the scan's row.
    assert_eq!(
        [
            inputs.tan_beta,
            inputs.lambda_susy,
            inputs.lambda_n,
            inputs.k
        ],
        [row.tan_beta, row.lambda_susy, row.lambda_n, row.k]
    );
    let out = plan.evaluator().evaluate(&inputs);
    let s = out
        .solutions
        .iter()
        .find(|s| s.index == 0)
        .expect("solution 0");
    let rel = |a: f64, b: f64| ((a - b) / b).abs();
    let n = &s.spectrum.neutralinos;
    assert!(rel(s.derived.mu, row.mu) < 1e-9, "mu {}", s.derived.mu);
    assert!(rel(n.masses[0].abs(), row.chi1) < 1e-9);
    assert!(rel(n.masses[1].abs(), row.chi2) < 1e-9);
    assert!(rel(s.spectrum.charginos.masses[0], row.chargino1) < 1e-9);
    assert!(rel(s.derived.lhc.gravitino.nlsp_ctau_m, row.ctau_m) < 1e-9);
    // A higgsino multiplet: chi1 and chi2 both higgsino-like.
    for i in 0..2 {
        assert!(n.mixing[i][2].powi(2) + n.mixing[i][3].powi(2) > 0.99);
    }
    let got = match &s.verdict {
        Ok(()) => "viable".to_string(),
        Err(r) => r.reason.key(),
    };
    assert_eq!(got, verdict, "id {}", row.id);
}

#[test]
fn the_most_tuned_long_lived_higgsino_row_is_excluded_by_the_soft_lepton_contour() {
    // id 178628: fine-tuning 32.8 %, mu = 111.7 GeV, (m_chi2, dm) = (113.36, 3.61) GeV, inside the
    // CMS contour (below 150 GeV it is closed along the scan's smallest splitting, 3.18 GeV).
    check(
        &Row {
            id: 178628,
            tan_beta: 33.830777456848246,
            lambda_susy: 1054675.1310856375,
            lambda_n: 0.2876605379166838,
            k: 1.295010091811595,
            mu: 111.73770826926031,
            chi1: 109.74382478715751,
            chi2: 113.35674797683272,
            chargino1: 111.51336449796509,
            ctau_m: 11147.501872918594,
        },
        "bound:higgsino_compressed_soft_lepton",
    );
}

#[test]
fn a_long_lived_higgsino_row_below_the_contour_survives() {
    // id 185882: fine-tuning 16.6 %, (m_chi2, dm) = (158.32, 3.26) GeV: the contour's lower edge
    // is at 3.58 GeV there, so the splitting is too small for the search.
    check(
        &Row {
            id: 185882,
            tan_beta: 45.585802790460804,
            lambda_susy: 1172406.5119656308,
            lambda_n: 0.7242120785859402,
            k: 0.9132934968440785,
            mu: 156.8620395511713,
            chi1: 155.06206552551689,
            chi2: 158.3192358063346,
            chargino1: 156.66904398368206,
            ctau_m: 119.54634583529342,
        },
        "viable",
    );
}
