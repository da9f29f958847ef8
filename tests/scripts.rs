//! The Python tools the README documents: scripts/figures.py writes every HMZ figure and
//! notebooks/explore.ipynb executes, both on the committed small scan tests/data/hmz1999_small
//! (issue 8), with the packages of scripts/requirements.txt from the tests' own environment
//! (`tests/common/python.rs`). Shard merging is `gmsbscan merge`, tested in tests/merge.rs.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/python.rs"]
mod pyenv;

fn python(script: &str) -> Command {
    let mut c = pyenv::python();
    c.arg(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scripts")
            .join(script),
    );
    c
}

/// The committed small hmz1999 scan (tests/data/hmz1999_small/README.md).
fn small_scan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hmz1999_small")
}

/// Every file figures.py writes: one per panel of HMZ Figs. 1-5, and the histogram sheet.
const FIGURES: [&str; 12] = [
    "fig1a_lambda_s_xi_n",
    "fig1b_lambda_s_eta_s",
    "fig1c_lambda_s_eta_n",
    "fig1d_lambda_s_tan_beta",
    "fig2a_bmu_mu",
    "fig2b_bmu_over_mu_tan_beta",
    "fig3a_fine_tuning_tan_beta",
    "fig3b_fine_tuning_lambda",
    "fig4a_nlsp_tan_beta",
    "fig4b_nlsp_lambda",
    "fig5_relic_m_phi",
    "histograms",
];

/// Runs figures.py on `dir` into `out` and checks that every figure is there and non-trivial.
fn figures(dir: &Path, out: &Path) -> Vec<Vec<u8>> {
    let result = python("figures.py")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .expect("python3 runs");
    assert!(
        result.status.success(),
        "figures.py failed (are the packages of scripts/requirements.txt installed?):\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    FIGURES
        .iter()
        .map(|stem| {
            let path = out.join(format!("{stem}.png"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(bytes.starts_with(b"\x89PNG"), "{stem} is not a PNG");
            assert!(
                bytes.len() > 20_000,
                "{stem} is suspiciously small ({} B)",
                bytes.len()
            );
            bytes
        })
        .collect()
}

/// A copy of the small scan's directory with viable.csv replaced by `csv`.
fn copy_with_viable(tmp: &Path, csv: &str) -> PathBuf {
    let dir = tmp.join("scan");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["manifest.json", "config.toml"] {
        std::fs::copy(small_scan().join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("viable.csv"), csv).unwrap();
    dir
}

#[test]
fn figures_script_draws_every_figure_with_and_without_weights() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = figures(&small_scan(), &tmp.path().join("plain"));

    // The same rows with a weight column (row i weighs i + 1): the density layer and the
    // weighted histograms change the scatter panels and the histogram sheet.
    let text = std::fs::read_to_string(small_scan().join("viable.csv")).unwrap();
    let mut lines = text.lines();
    let mut weighted = format!("{},weight\n", lines.next().unwrap());
    for (i, line) in lines.enumerate() {
        weighted += &format!("{line},{}\n", i + 1);
    }
    let dir = copy_with_viable(tmp.path(), &weighted);
    let with_weights = figures(&dir, &tmp.path().join("weighted"));
    for (stem, (a, b)) in FIGURES.iter().zip(plain.iter().zip(&with_weights)) {
        assert_ne!(a, b, "{stem}: the weights changed nothing");
    }
}

#[test]
fn figures_script_handles_a_scan_without_viable_points_and_a_missing_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(small_scan().join("viable.csv")).unwrap();
    let header_only = format!("{}\n", text.lines().next().unwrap());
    let dir = copy_with_viable(tmp.path(), &header_only);
    let out = tmp.path().join("empty");
    let result = python("figures.py")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for stem in FIGURES {
        assert!(out.join(format!("{stem}.png")).exists(), "{stem}");
    }

    let result = python("figures.py")
        .arg(tmp.path().join("nowhere"))
        .output()
        .unwrap();
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("viable.csv not found"));
}

/// notebooks/explore.ipynb runs top to bottom on the small scan, named by a GMSBSCAN_RESULTS
/// relative to where Jupyter was started (nbclient, the python3 kernel of ipykernel), and draws
/// its figure.
#[test]
fn explore_notebook_executes_and_draws_its_figure() {
    const RUN: &str = r#"
import sys
import nbformat
from nbclient import NotebookClient

path, cwd = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": cwd}}).execute()
outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
images = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
print(len(images), max(map(len, images), default=0))
print(text)
"#;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = pyenv::python()
        .arg("-c")
        .arg(RUN)
        .arg(root.join("notebooks/explore.ipynb"))
        .arg(root.join("notebooks"))
        // A relative GMSBSCAN_RESULTS is taken from where Jupyter was started (the shell's PWD),
        // not from the notebook's directory where the kernel runs, nor from this process's.
        .env("GMSBSCAN_RESULTS", "tests/data/hmz1999_small")
        .env("PWD", root)
        .current_dir(root.join("scripts"))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the notebook failed (are the packages of scripts/requirements.txt installed?):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut first = stdout.lines().next().unwrap().split_whitespace();
    let (images, size): (usize, usize) = (
        first.next().unwrap().parse().unwrap(),
        first.next().unwrap().parse().unwrap(),
    );
    assert_eq!(images, 1, "{stdout}");
    assert!(size > 10_000, "the figure is suspiciously small: {stdout}");
    assert!(
        stdout.contains("hmz1999-small: preset hmz1999") && stdout.contains("59 viable points"),
        "{stdout}"
    );
}

/// scripts/slurm/submit.sh (with a stand-in `sbatch` that records its arguments): the sbatch
/// options reach the merge job too, and the shards run a copy of the configuration taken at
/// submission, so an edit afterwards is refused instead of splitting the shards.
#[test]
fn slurm_submit_passes_the_options_to_the_merge_job_and_freezes_the_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = tmp.path().join("sbatch.log");
    let sbatch = bin.join("sbatch");
    std::fs::write(
        &sbatch,
        format!("#!/bin/sh\necho \"$@\" >> {}\necho 42\n", log.display()),
    )
    .unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_gmsbscan"), bin.join("gmsbscan")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&sbatch, std::fs::Permissions::from_mode(0o755)).unwrap();
    let cfg = tmp.path().join("scan.toml");
    std::fs::write(&cfg, include_str!("../configs/tiny.toml")).unwrap();
    let out = tmp.path().join("out");
    let submit = || {
        std::process::Command::new(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/slurm/submit.sh"),
        )
        .arg(&cfg)
        .arg(&out)
        .arg("2")
        .args(["--account=physics", "--time=1:00:00"])
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .output()
        .unwrap()
    };
    let r = submit();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let calls = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    for call in &calls {
        assert!(call.contains("--account=physics --time=1:00:00"), "{call}");
    }
    assert!(calls[1].contains("gmsbscan_merge.sbatch"), "{}", calls[1]);
    let frozen = out.join("config.submitted.toml");
    assert!(calls[0].contains(frozen.to_str().unwrap()), "{}", calls[0]);
    assert_eq!(
        std::fs::read_to_string(&frozen).unwrap(),
        include_str!("../configs/tiny.toml")
    );
    // An edit after submission: the resubmission is refused, nothing is queued.
    std::fs::write(
        &cfg,
        include_str!("../configs/tiny.toml").replace("seed = 42", "seed = 43"),
    )
    .unwrap();
    let r = submit();
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("differs from"));
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 2);
}

/// The issue-22 figure layer: fixed axes (the same for any scan whose points lie inside them), the
/// paper's quoted ranges recorded with each panel, the prior measure with every figure, and the
/// `--publication` variant (no titles or footers: different images, captions.md beside them).
#[test]
fn figures_have_fixed_axes_paper_ranges_and_a_publication_variant() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |dir: &Path, out: &Path, publication: bool| -> serde_json::Value {
        let mut c = python("figures.py");
        c.arg(dir).arg("--out").arg(out);
        if publication {
            c.arg("--publication");
        }
        let result = c.output().unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        serde_json::from_str(&std::fs::read_to_string(out.join("figures.json")).unwrap()).unwrap()
    };
    let full = run(&small_scan(), &tmp.path().join("full"), false);
    // The first five rows only: other data, the same axes.
    let text = std::fs::read_to_string(small_scan().join("viable.csv")).unwrap();
    let five: String = text.lines().take(6).map(|l| format!("{l}\n")).collect();
    let dir = copy_with_viable(tmp.path(), &five);
    let few = run(&dir, &tmp.path().join("few"), false);
    for stem in &FIGURES[..11] {
        for key in ["xlim", "ylim"] {
            assert_eq!(full[stem][key], few[stem][key], "{stem} {key}");
        }
    }
    // The paper's ranges (Sec. III.B-IV) on the panels, an open side as null.
    assert_eq!(
        full["fig2a_bmu_mu"]["paper_x"],
        serde_json::json!([275.0, 550.0])
    );
    assert_eq!(
        full["fig2a_bmu_mu"]["paper_y"],
        serde_json::json!([5000.0, 200000.0])
    );
    assert_eq!(
        full["fig3b_fine_tuning_lambda"]["paper_y"],
        serde_json::json!([1.0, 6.0])
    );
    assert_eq!(
        full["fig4b_nlsp_lambda"]["paper_x"],
        serde_json::json!([64.0, null])
    );
    assert_eq!(
        full["fig5_relic_m_phi"]["paper_x"],
        serde_json::json!([6.0, 25.0])
    );
    let prior = full["histograms"]["prior_measure"].as_str().unwrap();
    assert!(
        prior.contains("lambda_s log [0.001, 0.01]") && prior.contains("Lambda <= 0.9 <S>"),
        "{prior}"
    );

    let publication = tmp.path().join("publication");
    run(&small_scan(), &publication, true);
    let captions = std::fs::read_to_string(publication.join("captions.md")).unwrap();
    assert!(captions.contains(prior), "{captions}");
    for stem in FIGURES {
        assert!(captions.contains(&format!("`{stem}.png`")), "{stem}");
        let (a, b) = (
            std::fs::read(tmp.path().join("full").join(format!("{stem}.png"))).unwrap(),
            std::fs::read(publication.join(format!("{stem}.png"))).unwrap(),
        );
        assert_ne!(
            a, b,
            "{stem}: the publication variant equals the annotated one"
        );
    }
}

/// The two small lhc2025 scans (tests/data/lhc2025_small/README.md).
fn lhc_small(which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/lhc2025_small")
        .join(which)
}

/// Runs lhc_figures.py on `dirs` into `out` (with `extra` arguments) and returns figures.json.
fn lhc_figures(dirs: &[PathBuf], out: &Path, extra: &[&str]) -> serde_json::Value {
    let result = python("lhc_figures.py")
        .args(dirs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("python3 runs");
    assert!(
        result.status.success(),
        "lhc_figures.py failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out.join("figures.json")).unwrap()).unwrap()
}

/// Issue 21's planes: every plane a scan's model has (mssm_gmsb has no lambda_N), the rows and
/// draws they show counted against the manifests, weights carried, and the --publication variant.
#[test]
fn lhc_figures_draw_the_study_planes_of_each_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = [lhc_small("consistent"), lhc_small("mssm_gmsb")];
    let out = tmp.path().join("annotated");
    let index = lhc_figures(&dirs, &out, &[]);
    let manifest = |d: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(d.join("manifest.json")).unwrap()).unwrap()
    };
    let planes = ["lambda_tan_beta", "mh_lambda_n", "gluino_nlsp", "nlsp_ctau"];
    let mut expected = Vec::new();
    for d in &dirs {
        let m = manifest(d);
        let name = m["name"].as_str().unwrap();
        for plane in planes {
            let stem = format!("{name}_{plane}");
            let drawn = out.join(format!("{stem}.png"));
            if plane == "mh_lambda_n" && m["model"] == "mssm_gmsb" {
                assert!(!drawn.exists() && index.get(&stem).is_none(), "{stem}");
                continue;
            }
            let bytes = std::fs::read(&drawn).unwrap_or_else(|e| panic!("{stem}: {e}"));
            assert!(
                bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
                "{stem}"
            );
            // Every viable row is drawn, with weight 1 (random scans).
            assert_eq!(index[&stem]["rows"], m["viable_solutions"], "{stem}");
            assert_eq!(
                index[&stem]["summed_weight"].as_f64().unwrap(),
                m["viable_solutions"].as_f64().unwrap()
            );
            assert!(index[&stem]["provenance"]
                .as_str()
                .unwrap()
                .starts_with(name));
            expected.push(stem);
        }
        // The grey draws are those the manifest counts as rejected by a bound (first failure).
        let by_bounds: u64 = m["rejections"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| k.starts_with("bound:"))
            .map(|(_, v)| v.as_u64().unwrap())
            .sum();
        let removed = &index[&format!("{name}_lambda_tan_beta")]["removed_by_bounds"];
        if d.join("rejected.csv").exists() {
            assert!(by_bounds > 0);
            assert_eq!(removed.as_u64(), Some(by_bounds), "{name}");
        } else {
            assert!(removed.is_null(), "{name}");
        }
        // The decay-length classes add up to the rows.
        let classes: f64 = index[&format!("{name}_nlsp_ctau")]["prompt_displaced_long_lived"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .sum();
        assert_eq!(classes, m["viable_solutions"].as_f64().unwrap(), "{name}");
    }
    assert_eq!(expected.len(), 7);
    assert_eq!(index.as_object().unwrap().len(), 7);

    // The consistent scan's rows with weights (row i weighs i + 1): the summed weight follows.
    let text = std::fs::read_to_string(dirs[0].join("viable.csv")).unwrap();
    let mut lines = text.lines();
    let mut weighted = format!("{},weight\n", lines.next().unwrap());
    let mut total = 0.0;
    for (i, line) in lines.enumerate() {
        weighted += &format!("{line},{}\n", i + 1);
        total += (i + 1) as f64;
    }
    let wdir = tmp.path().join("weighted_scan");
    std::fs::create_dir_all(&wdir).unwrap();
    for f in ["manifest.json", "config.toml"] {
        std::fs::copy(dirs[0].join(f), wdir.join(f)).unwrap();
    }
    std::fs::write(wdir.join("viable.csv"), weighted).unwrap();
    let windex = lhc_figures(&[wdir], &tmp.path().join("weighted"), &[]);
    let stem = "lhc2025-small-consistent_nlsp_ctau";
    assert_eq!(windex[stem]["summed_weight"].as_f64().unwrap(), total);
    let shares: f64 = windex[stem]["prompt_displaced_long_lived"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert_eq!(shares, total);

    // --publication: other images, captions.md naming each figure with its scan's provenance.
    let publication = tmp.path().join("publication");
    lhc_figures(&dirs, &publication, &["--publication"]);
    let captions = std::fs::read_to_string(publication.join("captions.md")).unwrap();
    for stem in &expected {
        assert!(captions.contains(&format!("`{stem}.png`")), "{stem}");
        let (a, b) = (
            std::fs::read(out.join(format!("{stem}.png"))).unwrap(),
            std::fs::read(publication.join(format!("{stem}.png"))).unwrap(),
        );
        assert_ne!(
            a, b,
            "{stem}: the publication variant equals the annotated one"
        );
    }
    for d in &dirs {
        let m = manifest(d);
        assert!(captions.contains(&format!("Provenance: {}", m["name"].as_str().unwrap())));
    }
}
