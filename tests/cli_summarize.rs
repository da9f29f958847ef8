//! `gmsbscan summarize` (issue 8): the golden table on the committed small scan, the min/max and
//! NLSP split recomputed independently from viable.csv, weights, and named errors.
//! Set GMSBSCAN_BLESS=1 to rewrite the golden files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use gmsbscan::output::summary::{Selection, Summary, PAPER_RANGES};

#[path = "common/golden.rs"]
mod golden_file;
use golden_file::golden;

fn gmsbscan() -> Command {
    Command::cargo_bin("gmsbscan").unwrap()
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hmz1999_small")
}

/// A copy of the committed scan whose viable.csv is rewritten by `edit(header, rows)`.
fn edited_copy(tmp: &Path, edit: impl Fn(&mut Vec<String>, &mut Vec<Vec<String>>)) -> PathBuf {
    let dir = tmp.join("scan");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["manifest.json", "config.toml"] {
        std::fs::copy(data_dir().join(f), dir.join(f)).unwrap();
    }
    let mut reader = csv::Reader::from_path(data_dir().join("viable.csv")).unwrap();
    let mut header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    edit(&mut header, &mut rows);
    let mut w = csv::Writer::from_path(dir.join("viable.csv")).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    // The manifest records the edited file (summarize verifies the checksums).
    let mut digest = gmsbscan::scan::record::Digester::default();
    digest.update(&std::fs::read(dir.join("viable.csv")).unwrap());
    let mut m = gmsbscan::scan::Manifest::read(&dir.join("manifest.json")).unwrap();
    m.files.viable_csv = digest.record();
    m.write_atomic(&dir.join("manifest.json")).unwrap();
    dir
}

#[test]
fn summarize_matches_the_golden_table_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let (csv_path, md_path) = (
        tmp.path().join("summary.csv"),
        tmp.path().join("summary.md"),
    );
    let out = gmsbscan()
        .arg("summarize")
        .arg(data_dir())
        .arg("--csv")
        .arg(&csv_path)
        .arg("--markdown")
        .arg(&md_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    golden(
        "summarize_hmz1999_small.txt",
        &String::from_utf8(out.stdout).unwrap(),
    );
    golden(
        "summarize_hmz1999_small.csv",
        &std::fs::read_to_string(&csv_path).unwrap(),
    );
    golden(
        "summarize_hmz1999_small.md",
        &std::fs::read_to_string(&md_path).unwrap(),
    );
}

/// The min and max of every unselected plain-column row, the stau-NLSP rows and the NLSP split,
/// recomputed here from the CSV without the library's reader.
#[test]
fn ranges_and_nlsp_split_agree_with_a_direct_reading_of_the_csv() {
    let summary = Summary::from_results_dir(&data_dir()).unwrap();
    let mut reader = csv::Reader::from_path(data_dir().join("viable.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let value = |r: &csv::StringRecord, name: &str| r[col(name)].parse::<f64>().unwrap();
    let is_stau = |r: &csv::StringRecord| &r[col("nlsp")] == "stau";

    let extremes = |values: Vec<f64>| {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (values.len(), min, max)
    };
    for (name, column, selection, abs, scale) in [
        ("mu", "mu", Selection::All, false, 1.0),
        ("B_mu", "b_mu", Selection::All, false, 1.0),
        ("m_chi1", "m_chi1", Selection::All, true, 1.0),
        ("|xi_N|", "xi_n", Selection::All, true, 1.0),
        ("m_stop2", "m_stop2", Selection::All, false, 1.0),
        ("tan(beta)", "tan_beta", Selection::StauNlsp, false, 1.0),
        ("Lambda", "lambda_susy", Selection::StauNlsp, false, 1e-3),
    ] {
        let expected = extremes(
            rows.iter()
                .filter(|r| selection == Selection::All || is_stau(r))
                .map(|r| value(r, column))
                .map(|v| if abs { v.abs() } else { v } * scale)
                .collect(),
        );
        let row = summary
            .rows
            .iter()
            .find(|r| r.paper.name == name && r.paper.selection == selection)
            .unwrap_or_else(|| panic!("no row {name}"));
        assert_eq!(
            (row.n, row.min.unwrap(), row.max.unwrap()),
            expected,
            "{name}"
        );
    }
    let stau = rows.iter().filter(|r| is_stau(r)).count();
    assert!(stau > 0 && stau < rows.len(), "the data has both NLSPs");
    assert_eq!(
        (summary.nlsp.stau, summary.nlsp.neutralino),
        (stau, rows.len() - stau)
    );
    assert_eq!(summary.rows.len(), PAPER_RANGES.len());
    assert_eq!(summary.provenance.viable_solutions as usize, rows.len());
    assert!(!summary.weighted);
}

#[test]
fn weights_enter_the_nlsp_fraction_but_not_the_ranges() {
    let tmp = tempfile::tempdir().unwrap();
    // Weight 3 for every stau-NLSP row, 1 otherwise.
    let dir = edited_copy(tmp.path(), |header, rows| {
        let nlsp = header.iter().position(|h| h == "nlsp").unwrap();
        header.push("weight".into());
        for r in rows.iter_mut() {
            let w = if r[nlsp] == "stau" { "3" } else { "1" };
            r.push(w.into());
        }
    });
    let weighted = Summary::from_results_dir(&dir).unwrap();
    let plain = Summary::from_results_dir(&data_dir()).unwrap();
    assert!(weighted.weighted);
    let (chi, stau) = (plain.nlsp.neutralino as f64, plain.nlsp.stau as f64);
    assert!((weighted.nlsp.neutralino_fraction() - chi / (chi + 3.0 * stau)).abs() < 1e-12);
    for (a, b) in weighted.rows.iter().zip(&plain.rows) {
        assert_eq!((a.n, a.min, a.max), (b.n, b.min, b.max), "{}", a.paper.name);
    }
    gmsbscan()
        .arg("summarize")
        .arg(&dir)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("weighted").and(predicate::str::contains("column `weight`")),
        );
}

/// Two scans side by side: one column per scan in the text and Markdown tables, one block of
/// rows per scan in the CSV.
#[test]
fn several_scans_are_compared_column_by_column() {
    let tmp = tempfile::tempdir().unwrap();
    // The same rows under another scan name.
    let other = edited_copy(tmp.path(), |_, _| {});
    let manifest = std::fs::read_to_string(other.join("manifest.json")).unwrap();
    std::fs::write(
        other.join("manifest.json"),
        manifest.replace("\"hmz1999-small\"", "\"other-scan\""),
    )
    .unwrap();
    let (csv_path, md_path) = (tmp.path().join("c.csv"), tmp.path().join("c.md"));
    let out = gmsbscan()
        .arg("summarize")
        .arg(data_dir())
        .arg(&other)
        .arg("--csv")
        .arg(&csv_path)
        .arg("--markdown")
        .arg(&md_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let head = text.lines().find(|l| l.starts_with("quantity")).unwrap();
    assert!(
        head.contains("hmz1999-small") && head.contains("other-scan"),
        "{head}"
    );
    let mu = text.lines().find(|l| l.starts_with("mu ")).unwrap();
    assert_eq!(mu.matches("(59)").count(), 2, "{mu}");

    let md = std::fs::read_to_string(&md_path).unwrap();
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), 2 + PAPER_RANGES.len() + 2, "{md}");
    assert!(
        table[0].contains("| hmz1999-small | other-scan |"),
        "{}",
        table[0]
    );
    assert!(
        md.contains("| \\|xi_N\\| |"),
        "pipes in cells are escaped:\n{md}"
    );
    assert!(table.iter().all(|l| l.matches(" | ").count() == 6), "{md}");

    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let per_scan = PAPER_RANGES.len() + 3;
    assert_eq!(csv.lines().count(), 1 + 2 * per_scan);
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("other-scan,")).count(),
        per_scan
    );
}

#[test]
fn an_empty_scan_is_summarized_without_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = edited_copy(tmp.path(), |_, rows| rows.clear());
    let s = Summary::from_results_dir(&dir).unwrap();
    assert!(s.rows.iter().all(|r| r.n == 0 && r.min.is_none()));
    assert_eq!((s.nlsp.neutralino, s.nlsp.stau), (0, 0));
    gmsbscan().arg("summarize").arg(&dir).assert().success();
}

#[test]
fn bad_results_directories_are_named_errors() {
    let tmp = tempfile::tempdir().unwrap();
    gmsbscan()
        .arg("summarize")
        .arg(tmp.path().join("nowhere"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("manifest.json"));

    let dir = edited_copy(tmp.path(), |header, _| {
        let i = header.iter().position(|h| h == "b_mu").unwrap();
        header[i] = "b_mu_renamed".into();
    });
    gmsbscan()
        .arg("summarize")
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no column `b_mu`"));

    let dir = edited_copy(&tmp.path().join("2"), |header, rows| {
        let i = header.iter().position(|h| h == "mu").unwrap();
        rows[3][i] = "abc".into();
    });
    gmsbscan()
        .arg("summarize")
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains("row 4: column `mu` holds 'abc'"));
}
