//! `gmsbscan slha DIR --ids ...` (issue 21): SLHA files of chosen viable rows of a scan, the row's
//! inputs re-evaluated with the scan's configuration and the same solution index.

use std::path::Path;

use assert_cmd::Command;

fn gmsbscan() -> Command {
    Command::cargo_bin("gmsbscan").unwrap()
}

/// The value of a data line `<key> <value>` of an SLHA block.
fn slha_value(text: &str, block: &str, key: &str) -> f64 {
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("BLOCK") || line.starts_with("Block") {
            inside = line.split_whitespace().nth(1) == Some(block);
            continue;
        }
        let mut f = line.split_whitespace();
        if inside && f.next() == Some(key) {
            return f.next().unwrap().parse().unwrap();
        }
    }
    panic!("no {block} {key}");
}

#[test]
fn slha_files_of_viable_rows_reproduce_the_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tiny");
    let cfg = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/tiny.toml");
    gmsbscan()
        .arg("scan")
        .arg(&cfg)
        .arg("--out")
        .arg(&dir)
        .args(["--threads", "1", "--log-every", "0"])
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(dir.join("viable.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty(), "the tiny scan has a viable row");
    let row = &rows[0];
    let id = &row[col("id")];
    let index = &row[col("solution")];
    let out = tmp.path().join("slha");
    gmsbscan()
        .arg("slha")
        .arg(&dir)
        .args(["--ids", id, "--out"])
        .arg(&out)
        .assert()
        .success();
    let file = out.join(format!("tiny_id{id}_sol{index}.slha"));
    let text = std::fs::read_to_string(&file).unwrap();
    for (pdg, column) in [("25", "m_s1"), ("1000024", "m_cha1"), ("1000022", "m_chi1")] {
        let stored: f64 = row[col(column)].parse().unwrap();
        let written = slha_value(&text, "MASS", pdg);
        assert!(
            (written / stored - 1.0).abs() < 1e-8,
            "MASS {pdg}: {written} vs {column} = {stored}"
        );
    }

    // An id that is not a viable row is an error naming it.
    let bad = gmsbscan()
        .arg("slha")
        .arg(&dir)
        .args(["--ids", "999999"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("id 999999"));
}
