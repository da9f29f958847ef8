//! The README documents the real CSV schema and starts with the two set-up commands (issue 3).
//! Set GMSBSCAN_BLESS=1 to rewrite the README's schema tables from src/output/columns.rs.

use gmsbscan::output::columns::{markdown_table, REJECTED_COLUMNS, VIABLE_COLUMNS};
use gmsbscan::scan::model::{docs, REASON_COLUMNS};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

fn replace_between(text: &str, name: &str, table: &str) -> String {
    let (start, end) = (
        format!("<!-- columns:{name}:start -->\n"),
        format!("<!-- columns:{name}:end -->"),
    );
    let a = text
        .find(&start)
        .unwrap_or_else(|| panic!("README lacks {start}"))
        + start.len();
    let b = text
        .find(&end)
        .unwrap_or_else(|| panic!("README lacks {end}"));
    format!("{}{}{}", &text[..a], table, &text[b..])
}

#[test]
fn readme_schema_tables_match_the_column_lists() {
    let text = std::fs::read_to_string(README).unwrap();
    let expected = replace_between(
        &replace_between(&text, "viable", &markdown_table(VIABLE_COLUMNS)),
        "rejected",
        &markdown_table(&[docs(REJECTED_COLUMNS), docs(&REASON_COLUMNS)].concat()),
    );
    if std::env::var_os("GMSBSCAN_BLESS").is_some() {
        std::fs::write(README, &expected).unwrap();
        return;
    }
    assert!(
        text == expected,
        "README.md schema tables differ from src/output/columns.rs; rerun with GMSBSCAN_BLESS=1"
    );
}

#[test]
fn readme_starts_with_the_two_set_up_commands() {
    let text = std::fs::read_to_string(README).unwrap();
    let first_code: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| l.split('#').next().unwrap().trim())
        .collect();
    assert!(
        first_code.contains(&"cargo run --release -- scan"),
        "{first_code:?}"
    );
    assert!(
        first_code.contains(&"cargo test --release"),
        "{first_code:?}"
    );
    // The binary the cluster section's scripts call.
    assert!(
        first_code.contains(&"cargo install --locked --path ."),
        "{first_code:?}"
    );
    // The minimum Rust the README states is Cargo.toml's rust-version.
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml states rust-version");
    assert!(
        text.contains(&format!("Rust {version} or newer")),
        "README: minimum Rust"
    );
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test --release"),
        ".ci/run runs the README's test command"
    );
}

/// The README tells users to open the notebook in Jupyter: the file it names pins the Jupyter
/// Notebook application and every package of scripts/requirements.txt (which the tests install:
/// nbformat, nbclient and ipykernel execute the notebook); every requirement is pinned with `==`.
#[test]
fn the_notebook_requirements_are_pinned_and_named_by_the_readme() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(README).unwrap();
    assert!(text.contains(".venv/bin/pip install -r scripts/requirements-notebook.txt"));
    assert!(text.contains(".venv/bin/jupyter notebook notebooks/explore.ipynb"));
    let lines = |name: &str| -> Vec<String> {
        std::fs::read_to_string(format!("{root}/scripts/{name}"))
            .unwrap()
            .lines()
            .map(|l| l.split('#').next().unwrap().trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let notebook = lines("requirements-notebook.txt");
    assert!(notebook.contains(&"-r requirements.txt".to_string()));
    assert!(notebook.iter().any(|l| l.starts_with("notebook==")));
    let base = lines("requirements.txt");
    for pkg in ["nbformat==", "nbclient==", "ipykernel=="] {
        assert!(base.iter().any(|l| l.starts_with(pkg)), "{pkg}");
    }
    for l in base
        .iter()
        .chain(notebook.iter().filter(|l| !l.starts_with("-r")))
    {
        assert!(l.contains("=="), "unpinned requirement: {l}");
    }
}

/// The README's configuration reference lists every `[physics]` switch once, in one row (two
/// stale copies of the row, each missing switches, were found in issue 19's audit).
#[test]
fn readme_lists_every_physics_switch() {
    use gmsbscan::config::{PhysicsSwitches, PhysicsTable, Preset};
    let text = std::fs::read_to_string(README).unwrap();
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| `physics.<switch>` |"))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let mut listed: Vec<&str> = rows[0]
        .split(" | ")
        .nth(1)
        .unwrap()
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .collect();
    let mut table = PhysicsTable::default();
    table.set_switches(&PhysicsSwitches::preset(Preset::Consistent));
    let value = serde_json::to_value(&table).unwrap();
    let mut switches: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "preset")
        .collect();
    listed.sort_unstable();
    let n = listed.len();
    listed.dedup();
    assert_eq!(listed.len(), n, "a switch listed twice");
    switches.sort_unstable();
    assert_eq!(listed, switches);
}
