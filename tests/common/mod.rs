//! Shared support for the integration tests.

#[allow(dead_code)] // not every test crate that includes this module fakes the evaluator
pub mod fake;

#[allow(dead_code)] // only the reference-code comparisons read fixtures
pub mod fixture;

/// configs/tiny.toml (priors around viable points) with `points`, another sampler and that
/// sampler's own table (`[mcmc]`, `[importance]`: `table` is its body). Used by some of the test
/// crates that include this module only.
#[allow(dead_code)]
pub fn tiny_with_sampler(points: u64, sampler: &str, table: &str) -> String {
    include_str!("../../configs/tiny.toml")
        .replace("points = 20", &format!("points = {points}"))
        .replace("sampler = \"random\"", &format!("sampler = \"{sampler}\""))
        + &format!("\n[{sampler}]\n{table}\n")
}

/// Runs `gmsbscan scan` on the configuration `text` (written to `dir/<name>.toml`, output in
/// `dir/<name>`, one thread, no progress lines), asserts that it succeeded and returns its manifest.
#[allow(dead_code)]
pub fn scan_text(dir: &std::path::Path, name: &str, text: &str) -> gmsbscan::scan::Manifest {
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).unwrap();
    let out = dir.join(name);
    let result = assert_cmd::Command::cargo_bin("gmsbscan")
        .unwrap()
        .arg("scan")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .args(["--threads", "1", "--log-every", "0"])
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    gmsbscan::scan::Manifest::read(&out.join("manifest.json")).unwrap()
}
