//! Driver tests with the fake evaluator (no physics needed): reproducibility across thread
//! counts, interruption and resume, sharding, manifest counts, CSV schema (issue 3).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use gmsbscan::output::columns::{self, REJECTED_COLUMNS, VIABLE_COLUMNS};
mod common;

use common::fake::FakeEvaluator;
use gmsbscan::scan::{
    run_scan, Manifest, RunOptions, RunSummary, ScanError, ScanPlan, Shard, StartMode, Status,
};

static NEVER: AtomicBool = AtomicBool::new(false);

fn plan(points: u64, batch: usize, sampler: &str) -> ScanPlan {
    let text = include_str!("../configs/tiny.toml")
        .replace("points = 20", &format!("points = {points}"))
        .replace("batch_size = 8", &format!("batch_size = {batch}"))
        .replace("sampler = \"random\"", &format!("sampler = \"{sampler}\""));
    ScanPlan::from_toml_str(&text).unwrap()
}

fn opts(dir: &Path) -> RunOptions<'static> {
    let mut o = RunOptions::new(dir, &NEVER);
    o.keep_rejected = true;
    o.progress_bar = false;
    o.log_every = None;
    o
}

fn run(plan: &ScanPlan, o: &RunOptions, panics: bool) -> Result<RunSummary, ScanError> {
    run_scan(plan, &FakeEvaluator { panics }, o)
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

fn manifest(dir: &Path) -> Manifest {
    Manifest::read(&dir.join("manifest.json")).unwrap()
}

/// The ids of the data rows of a CSV file.
fn ids(text: &str) -> Vec<u64> {
    text.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn one_and_two_threads_give_byte_identical_files() {
    for sampler in ["random", "latin", "sobol"] {
        let p = plan(150, 16, sampler);
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("t1"), tmp.path().join("t2"));
        let mut o1 = opts(&a);
        o1.threads = Some(1);
        let mut o2 = opts(&b);
        o2.threads = Some(2);
        run(&p, &o1, true).unwrap();
        run(&p, &o2, true).unwrap();
        for f in ["viable.csv", "rejected.csv"] {
            assert_eq!(read(&a, f), read(&b, f), "{sampler}: {f} differs");
        }
        let (ma, mb) = (manifest(&a), manifest(&b));
        assert_eq!(ma.rejections, mb.rejections);
        assert_eq!(ma.viable_solutions, mb.viable_solutions);
        assert!(ma.viable_points > 0 && ma.rejected_points > 0, "{sampler}");
    }
}

#[test]
fn manifest_counts_add_up_to_the_sampled_points() {
    let p = plan(200, 32, "random");
    let tmp = tempfile::tempdir().unwrap();
    let s = run(&p, &opts(tmp.path()), true).unwrap();
    let m = manifest(tmp.path());
    assert_eq!(
        (
            s.manifest.sampled,
            &s.manifest.rejections,
            &s.manifest.files
        ),
        (m.sampled, &m.rejections, &m.files)
    );
    assert_eq!(m.status, Status::Complete);
    assert_eq!(m.sampled, 200);
    assert_eq!(m.next_id, 200);
    let rejected: u64 = m.rejections.values().sum();
    assert_eq!(rejected, m.rejected_points);
    assert_eq!(m.viable_points + rejected, m.sampled);
    let viable = read(tmp.path(), "viable.csv");
    assert_eq!(viable.lines().count() as u64 - 1, m.viable_solutions);
    let distinct: BTreeSet<u64> = ids(&viable).into_iter().collect();
    assert_eq!(distinct.len() as u64, m.viable_points);
    assert_eq!(
        read(tmp.path(), "rejected.csv").lines().count() as u64 - 1,
        m.rejected_points
    );
    // The fake evaluator produces every kind of outcome, panics included.
    for key in ["internal_error", "no_ewsb", "bound:gluino", "range:xi_n"] {
        assert!(
            m.rejections.contains_key(key),
            "{key} missing: {:?}",
            m.rejections
        );
    }
    assert!(
        m.viable_solutions > m.viable_points,
        "some points have two solutions"
    );
    assert_eq!(m.config_hash, p.config_hash());
    assert_eq!(m.files.viable_csv.bytes, viable.len() as u64);
    assert_eq!(m.files.viable_csv.rows, m.viable_solutions);
    assert_eq!(
        m.files.rejected_csv.as_ref().map(|r| r.rows),
        Some(m.rejected_points)
    );
    // The effective configuration is echoed and gives the same plan back.
    assert_eq!(
        ScanPlan::from_toml_str(&read(tmp.path(), "config.toml")).unwrap(),
        p
    );
    assert!(s.report().contains("internal_error"));
}

#[test]
fn csv_headers_equal_the_documented_columns() {
    let p = plan(20, 8, "random");
    let tmp = tempfile::tempdir().unwrap();
    run(&p, &opts(tmp.path()), false).unwrap();
    let viable = read(tmp.path(), "viable.csv");
    let header: Vec<&str> = viable.lines().next().unwrap().split(',').collect();
    assert_eq!(header, columns::header(VIABLE_COLUMNS));
    let rejected = read(tmp.path(), "rejected.csv");
    let header: Vec<&str> = rejected.lines().next().unwrap().split(',').collect();
    let mut expected = columns::header(REJECTED_COLUMNS);
    expected.extend(["reason", "detail"]);
    assert_eq!(header, expected);
    // Every row has as many fields as the header.
    let mut rdr = csv::Reader::from_path(tmp.path().join("viable.csv")).unwrap();
    for rec in rdr.records() {
        assert_eq!(rec.unwrap().len(), VIABLE_COLUMNS.len());
    }
    let mut rdr = csv::Reader::from_path(tmp.path().join("rejected.csv")).unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), REJECTED_COLUMNS.len() + 2);
        // The default unknowns (xi_n, eta_s, eta_n) are solved: their input fields are empty.
        assert_eq!(&rec[10], "");
        assert!(!rec[7].is_empty());
    }
}

#[test]
fn interrupted_and_resumed_equals_uninterrupted() {
    let p = plan(300, 16, "latin");
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    run(&p, &opts(&full), true).unwrap();

    let part = tmp.path().join("part");
    let mut o = opts(&part);
    o.stop_after_batches = Some(3);
    let s = run(&p, &o, true).unwrap();
    assert_eq!(s.status(), Status::Interrupted);
    assert_eq!(manifest(&part).next_id, 48);
    assert!(s.report().contains("--resume"));

    // Resume twice more: once interrupted again with two threads, then to the end.
    let mut o = opts(&part);
    o.mode = StartMode::Resume;
    o.threads = Some(2);
    o.stop_after_batches = Some(5);
    assert_eq!(run(&p, &o, true).unwrap().status(), Status::Interrupted);
    o.stop_after_batches = None;
    let s = run(&p, &o, true).unwrap();
    assert_eq!(s.status(), Status::Complete);
    assert_eq!(s.manifest.sessions, 3);

    for f in ["viable.csv", "rejected.csv"] {
        assert_eq!(read(&full, f), read(&part, f), "{f} differs");
    }
    let rejected_ids = ids(&read(&part, "rejected.csv"));
    let distinct: BTreeSet<u64> = rejected_ids.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        rejected_ids.len(),
        "no duplicated rejected point"
    );
    let (mf, mp) = (manifest(&full), manifest(&part));
    assert_eq!(mf.rejections, mp.rejections);
    assert_eq!(
        (mf.sampled, mf.viable_points, mf.viable_solutions),
        (mp.sampled, mp.viable_points, mp.viable_solutions)
    );
}

#[test]
fn resume_discards_rows_written_after_the_last_checkpoint() {
    // A hard kill can leave rows of a batch whose checkpoint never happened: simulate it.
    let p = plan(100, 10, "random");
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    run(&p, &opts(&full), false).unwrap();
    let part = tmp.path().join("part");
    let mut o = opts(&part);
    o.stop_after_batches = Some(4);
    run(&p, &o, false).unwrap();
    let mut m = manifest(&part);
    m.status = Status::Running; // as if killed
    m.write_atomic(&part.join("manifest.json")).unwrap();
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(part.join("viable.csv"))
        .unwrap();
    writeln!(f, "40,0,garbage of a batch that was never checkpointed").unwrap();
    drop(f);
    let mut o = opts(&part);
    o.mode = StartMode::Resume;
    run(&p, &o, false).unwrap();
    assert_eq!(read(&full, "viable.csv"), read(&part, "viable.csv"));
    assert_eq!(read(&full, "rejected.csv"), read(&part, "rejected.csv"));
}

#[test]
fn shards_concatenate_to_the_full_run() {
    let p = plan(103, 8, "sobol");
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    run(&p, &opts(&full), false).unwrap();
    for file in ["viable.csv", "rejected.csv"] {
        let mut merged = String::new();
        for index in 0..3 {
            let dir = tmp.path().join(format!("shard{index}"));
            if !dir.exists() {
                let mut o = opts(&dir);
                o.shard = Some(Shard { index, count: 3 });
                let s = run(&p, &o, false).unwrap();
                assert_eq!(s.status(), Status::Complete);
            }
            let text = read(&dir, file);
            let mut lines = text.split_inclusive('\n');
            let header = lines.next().unwrap();
            if index == 0 {
                merged.push_str(header);
            }
            merged.extend(lines);
        }
        assert_eq!(merged, read(&full, file), "{file}");
    }
    let m1 = manifest(&tmp.path().join("shard1"));
    assert_eq!((m1.first_id, m1.end_id), (34, 68));
}

#[test]
fn refusals_new_scan_in_a_non_empty_directory_and_resume_of_a_finished_scan() {
    let p = plan(20, 8, "random");
    let tmp = tempfile::tempdir().unwrap();
    run(&p, &opts(tmp.path()), false).unwrap();
    let err = run(&p, &opts(tmp.path()), false).unwrap_err();
    assert!(matches!(err, ScanError::OutputNotEmpty(_)), "{err}");
    assert!(err.to_string().contains("--force"));

    let mut o = opts(tmp.path());
    o.mode = StartMode::Resume;
    let err = run(&p, &o, false).unwrap_err();
    assert!(err.to_string().contains("already complete"), "{err}");

    // A different configuration cannot continue this scan.
    let other = plan(20, 8, "latin");
    let mut o = opts(tmp.path());
    o.mode = StartMode::Resume;
    let err = run(&other, &o, false).unwrap_err();
    assert!(err.to_string().contains("configuration differs"), "{err}");

    let mut o = opts(tmp.path());
    o.mode = StartMode::New { force: true };
    assert_eq!(run(&p, &o, false).unwrap().status(), Status::Complete);
}

#[test]
fn unwritable_output_directory_fails_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a_file");
    std::fs::write(&file, "x").unwrap();
    let err = run(&plan(20, 8, "random"), &opts(&file.join("out")), false).unwrap_err();
    assert!(matches!(err, ScanError::Io { .. }), "{err}");
    assert!(err.to_string().contains("a_file"), "{err}");
}

/// Sets a stop flag after `after` evaluations, as Ctrl-C would in the middle of a batch.
struct StopAfter<'a> {
    inner: FakeEvaluator,
    after: u64,
    count: std::sync::atomic::AtomicU64,
    stop: &'a AtomicBool,
}

impl gmsbscan::scan::PointEvaluator for StopAfter<'_> {
    fn evaluate(
        &self,
        inputs: &gmsbscan::model::params::PointInputs,
    ) -> gmsbscan::point::PointOutcome {
        use std::sync::atomic::Ordering;
        if self.count.fetch_add(1, Ordering::SeqCst) + 1 >= self.after {
            self.stop.store(true, Ordering::SeqCst);
        }
        gmsbscan::scan::PointEvaluator::evaluate(&self.inner, inputs)
    }
}

#[test]
fn a_stop_signal_in_the_middle_of_a_batch_writes_a_prefix_and_resumes_exactly() {
    let p = plan(200, 64, "random");
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    run(&p, &opts(&full), false).unwrap();
    let part = tmp.path().join("part");
    for after in [90u64, 40] {
        let stop = AtomicBool::new(false);
        let ev = StopAfter {
            inner: FakeEvaluator::default(),
            after,
            count: Default::default(),
            stop: &stop,
        };
        let mut o = opts(&part);
        o.stop = &stop;
        o.threads = Some(2);
        if after == 40 {
            o.mode = StartMode::Resume;
        }
        let s = run_scan(&p, &ev, &o).unwrap();
        assert_eq!(s.status(), Status::Interrupted);
        assert!(s.manifest.next_id < 200);
    }
    let mut o = opts(&part);
    o.mode = StartMode::Resume;
    assert_eq!(run(&p, &o, false).unwrap().status(), Status::Complete);
    for f in ["viable.csv", "rejected.csv"] {
        assert_eq!(read(&full, f), read(&part, f), "{f} differs");
    }
}
