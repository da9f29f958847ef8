//! Test support: a Python 3 interpreter with the packages of `scripts/requirements.txt`, so the
//! tests of the Python scripts need nothing installed by hand. On first use a virtual environment
//! is created under the target directory (`target/tmp/pyenv-<hash of the requirements>`) and the
//! pinned packages are installed from PyPI; later runs reuse it. A failure to create it (no
//! python3, no network, an unavailable version) fails the test that needs it: never a skip.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const REQUIREMENTS: &str = include_str!("../../scripts/requirements.txt");

/// The virtual environment's directory: named after a hash of the requirements, so editing them
/// builds a fresh one.
fn venv_dir() -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(REQUIREMENTS.as_bytes());
    let tag: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pyenv-{tag}"))
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Creates the environment unless a complete one exists. A file lock serialises concurrent test
/// processes; the `complete` marker is written last, so an interrupted install is redone.
fn ensure_venv() -> PathBuf {
    let dir = venv_dir();
    let marker = dir.join("complete");
    std::fs::create_dir_all(env!("CARGO_TARGET_TMPDIR")).expect("target tmp dir");
    let lock_path = dir.with_extension("lock");
    let lock = std::fs::File::create(&lock_path)
        .unwrap_or_else(|e| panic!("{}: {e}", lock_path.display()));
    lock.lock().expect("lock the Python environment");
    if !marker.exists() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("remove a partial Python environment");
        }
        eprintln!(
            "creating the Python environment {} from scripts/requirements.txt (once)",
            dir.display()
        );
        run(
            Command::new("python3").arg("-m").arg("venv").arg(&dir),
            "python3 -m venv (Python 3 with its venv module is needed)",
        );
        let requirements = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/requirements.txt");
        run(
            Command::new(dir.join("bin/python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                ])
                .arg(&requirements),
            "installing scripts/requirements.txt from PyPI",
        );
        std::fs::write(&marker, REQUIREMENTS).expect("write the environment marker");
    }
    dir
}

/// `python` of the test environment (created on first call).
pub fn python() -> Command {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(ensure_venv);
    Command::new(dir.join("bin/python"))
}
