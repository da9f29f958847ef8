//! Test support: compare a text with a golden file under `tests/golden/`; `GMSBSCAN_BLESS=1`
//! rewrites the file first (review the diff).

use std::path::Path;

/// Asserts that `actual` equals `tests/golden/<name>`.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("GMSBSCAN_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with GMSBSCAN_BLESS=1)", path.display()));
    assert!(
        expected == actual,
        "{} differs (run with GMSBSCAN_BLESS=1 to update):\n{actual}",
        path.display()
    );
}
