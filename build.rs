//! Records the git revision of the build (`GMSBSCAN_GIT_REVISION`, written into scan manifests):
//! `git rev-parse --short HEAD`, or `unknown` without git. `-dirty` is appended when tracked files
//! differed from HEAD when this script last ran: it reruns when HEAD, the branch ref or the index
//! change (commits, checkouts, staging), not on every edit, so `-dirty` is a hint, not a proof.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let revision = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(rev) if !rev.is_empty() => {
            let dirty = Command::new("git")
                .args(["diff", "--quiet", "HEAD", "--"])
                .status()
                .map(|s| !s.success())
                .unwrap_or(false);
            if dirty {
                format!("{rev}-dirty")
            } else {
                rev
            }
        }
        _ => "unknown".to_string(),
    };
    println!("cargo:rustc-env=GMSBSCAN_GIT_REVISION={revision}");
    // Watch only files that exist (a missing path would rerun the script on every build).
    let mut watch: Vec<PathBuf> = Vec::new();
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        watch.push(PathBuf::from(&dir).join("HEAD"));
        watch.push(PathBuf::from(&dir).join("index"));
    }
    if let (Some(common), Some(head_ref)) = (
        git(&["rev-parse", "--git-common-dir"]),
        git(&["symbolic-ref", "-q", "HEAD"]),
    ) {
        watch.push(PathBuf::from(&common).join(head_ref));
        watch.push(PathBuf::from(&common).join("packed-refs"));
    }
    for path in watch.into_iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
