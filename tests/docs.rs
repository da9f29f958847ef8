//! The physics documentation `docs/physics.md` and the references to it.
//!
//! - `docs/physics.md` has the numbered sections the code cites (1-12, 4b, 4c, 8b, 8c, 9b), and its relative
//!   links resolve;
//! - every "docs/physics.md section N" (or "sections N-M", "sections N and M") in the sources, tests,
//!   configurations, scripts, the README and docs/ names a section that exists, and no file cites
//!   the developers' specification (a file users do not have) any more.
//!
//! The reference checker is tested on synthetic trees, so it can be trusted when the repository-wide
//! check runs.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const PHYSICS_DOC: &str = "docs/physics.md";

/// The name of the developers' specification, assembled at run time so that this file does not
/// contain it literally.
fn developers_spec() -> String {
    ["PHYSICS", ".md"].concat()
}

/// Section ids of a markdown document: headings `## N. Title` or `### Nb. Title`.
fn section_ids(markdown: &str) -> BTreeSet<String> {
    markdown
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("### ")
                .or_else(|| line.strip_prefix("## "))?;
            let (id, _) = rest.split_once(". ")?;
            is_section_id(id).then(|| id.to_string())
        })
        .collect()
}

/// `12`, `4b`: digits, then at most one lowercase letter.
fn is_section_id(s: &str) -> bool {
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    let suffix = &s[digits..];
    digits > 0
        && (suffix.is_empty() || (suffix.len() == 1 && suffix.as_bytes()[0].is_ascii_lowercase()))
}

/// Reads a section id at the start of `s` (digits and an optional attached lowercase letter not
/// followed by another letter); returns it and the rest.
fn take_id(s: &str) -> Option<(String, &str)> {
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let bytes = s.as_bytes();
    let letter = bytes.get(digits).is_some_and(|b| b.is_ascii_lowercase())
        && !bytes
            .get(digits + 1)
            .is_some_and(|b| b.is_ascii_alphabetic());
    let end = if letter { digits + 1 } else { digits };
    Some((s[..end].to_string(), &s[end..]))
}

/// The section ids one reference names, from the text right after "docs/physics.md":
/// `section 4`, `sections 4-5` (both ends and everything between), `sections 4 and 5`,
/// `sections 4, 5`. Returns an empty list when no section number follows (e.g. "docs/physics.md
/// errata").
fn referenced_ids(after: &str) -> Vec<String> {
    let s = after.trim_start_matches(',').trim_start();
    let Some(s) = s
        .strip_prefix("sections")
        .or_else(|| s.strip_prefix("section"))
    else {
        return Vec::new();
    };
    let Some((first, mut rest)) = take_id(s.trim_start()) else {
        return Vec::new();
    };
    let mut ids = vec![first];
    loop {
        let t = rest.trim_start();
        let (range, next) =
            if let Some(n) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2013}')) {
                (true, n)
            } else if let Some(n) = t.strip_prefix("and ").or_else(|| t.strip_prefix(", ")) {
                (false, n)
            } else {
                break;
            };
        let Some((id, r)) = take_id(next.trim_start()) else {
            break;
        };
        if range {
            let prev = ids.last().and_then(|p| p.parse::<u32>().ok());
            if let (Some(a), Ok(b)) = (prev, id.parse::<u32>()) {
                ids.extend((a + 1..b).map(|n| n.to_string()));
            }
        }
        ids.push(id);
        rest = r;
    }
    ids
}

/// Text files that may cite the physics documentation: sources, tests, configurations, scripts,
/// the README and docs/. Build products and version control are skipped.
fn cited_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let readme = root.join("README.md");
    if readme.is_file() {
        files.push(readme);
    }
    for dir in ["src", "tests", "configs", "scripts", "docs", ".ci"] {
        collect(&root.join(dir), &mut files);
    }
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "rs" | "md" | "toml" | "py" | "sh" | "txt"))
            || p.file_name().is_some_and(|n| n == "run")
        {
            out.push(p);
        }
    }
}

/// Every problem with the references under `root`: a cited section missing from
/// `root/docs/physics.md`, or a citation of the developers' specification.
fn reference_problems(root: &Path) -> Vec<String> {
    let doc = fs::read_to_string(root.join(PHYSICS_DOC)).unwrap_or_default();
    let sections = section_ids(&doc);
    let spec = developers_spec();
    let mut problems = Vec::new();
    for file in cited_files(root) {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let shown = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            if line.contains(&spec) {
                problems.push(format!("{shown}:{}: cites {spec}: {}", n + 1, line.trim()));
            }
            let mut rest = line;
            while let Some(pos) = rest.find(PHYSICS_DOC) {
                rest = &rest[pos + PHYSICS_DOC.len()..];
                for id in referenced_ids(rest) {
                    if !sections.contains(&id) {
                        problems.push(format!(
                            "{shown}:{}: section {id} is not in {PHYSICS_DOC}: {}",
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn physics_doc_has_the_cited_sections() {
    let doc = fs::read_to_string(Path::new(ROOT).join(PHYSICS_DOC)).expect("docs/physics.md");
    let ids = section_ids(&doc);
    let mut expected: BTreeSet<String> = (1..=12).map(|n| n.to_string()).collect();
    expected.insert("4b".into());
    expected.insert("4c".into());
    // Issue 21: the gravitino and NLSP decay, the messenger sneutrino today, the lhc2025 set.
    for id in ["8b", "8c", "9b"] {
        expected.insert(id.into());
    }
    expected.insert("7b".into());
    for sub in ["5b", "5c", "6b", "6c"] {
        expected.insert(sub.into());
    }
    assert_eq!(ids, expected, "numbered sections of docs/physics.md");
    assert!(
        !doc.contains(&developers_spec()),
        "docs/physics.md must stand on its own"
    );
}

#[test]
fn physics_doc_links_resolve() {
    let doc_path = Path::new(ROOT).join(PHYSICS_DOC);
    let doc = fs::read_to_string(&doc_path).expect("docs/physics.md");
    let anchors: BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .map(github_anchor)
        .collect();
    let mut checked = 0;
    for target in markdown_link_targets(&doc) {
        if target.starts_with("http") {
            continue;
        }
        if let Some(anchor) = target.strip_prefix('#') {
            assert!(
                anchors.contains(anchor),
                "no heading for the link #{anchor}"
            );
        } else {
            let path = doc_path.parent().unwrap().join(&target);
            assert!(path.exists(), "link target {target} does not exist");
        }
        checked += 1;
    }
    assert!(
        checked >= 3,
        "expected links to docs/table1.md, docs/hmz_ranges.md and the status list"
    );
    let readme = fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md");
    assert!(
        readme.contains("(docs/physics.md)"),
        "README links to docs/physics.md"
    );
}

/// Targets of `[text](target)` links.
fn markdown_link_targets(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = md;
    while let Some(pos) = rest.find("](") {
        rest = &rest[pos + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// GitHub's anchor of a heading: lowercase, punctuation dropped, spaces to hyphens.
fn github_anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn reference_parser_reads_single_ranges_and_lists() {
    assert_eq!(referenced_ids(" section 4: g(0.79)"), ["4"]);
    assert_eq!(referenced_ids(" section 4b."), ["4b"]);
    assert_eq!(referenced_ids(" section 6 erratum"), ["6"]);
    assert_eq!(referenced_ids(" sections 3-5)"), ["3", "4", "5"]);
    assert_eq!(referenced_ids(" sections 4 and 5."), ["4", "5"]);
    assert_eq!(referenced_ids(", section 3, step 1-2"), ["3"]);
    assert_eq!(referenced_ids(" section 3 step 4"), ["3"]);
    assert_eq!(referenced_ids(" section 10)."), ["10"]);
    assert!(referenced_ids(" errata").is_empty());
    assert!(referenced_ids("`] is the specification").is_empty());
}

#[test]
fn reference_check_finds_missing_sections_and_old_citations() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("docs")).unwrap();
    fs::create_dir_all(root.join("src/model")).unwrap();
    fs::write(
        root.join(PHYSICS_DOC),
        "# Physics\n\n## 1. Conventions\n\n## 4. Boundary\n\n### 4b. Matching\n\n## 5. RGEs\n",
    )
    .unwrap();
    fs::write(
        root.join("src/model/a.rs"),
        "//! Boundary (docs/physics.md section 4b), RGEs (docs/physics.md sections 4-5).\n",
    )
    .unwrap();
    fs::write(root.join("README.md"), "See docs/physics.md section 1.\n").unwrap();
    assert!(
        reference_problems(root).is_empty(),
        "{:?}",
        reference_problems(root)
    );

    // A section that does not exist, and a range that runs through a missing one.
    fs::write(
        root.join("src/model/b.rs"),
        "// docs/physics.md section 9\n// docs/physics.md sections 1-4\n",
    )
    .unwrap();
    // The developers' file.
    fs::write(
        root.join("docs/other.md"),
        format!("as in {} section 4\n", developers_spec()),
    )
    .unwrap();
    let problems = reference_problems(root);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    for expected in [
        "src/model/b.rs:1: section 9 is not in docs/physics.md",
        "src/model/b.rs:2: section 2 is not in docs/physics.md",
        "src/model/b.rs:2: section 3 is not in docs/physics.md",
        "docs/other.md:1: cites",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(expected)),
            "{expected} not reported: {problems:#?}"
        );
    }
}

/// Every "docs/physics.md section N" in the code and docs names a section that exists, and no
/// file cites the developers' specification, which users do not have.
#[test]
fn every_reference_names_a_section_of_physics_doc() {
    let problems = reference_problems(Path::new(ROOT));
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
