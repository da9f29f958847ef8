//! The run loop. Ids of the run's range are cut into batches in id order; each batch is
//! evaluated on a local rayon pool (each point's inputs a pure function of (seed, id)), then
//! handed whole to the writer thread over a bounded channel while the next batch is computed.
//! The output is therefore byte-identical for any thread count, memory is constant in the number
//! of points, and the stop flag (Ctrl-C, SIGTERM, or a test hook) is honoured within a batch:
//! the points not yet started are skipped, the evaluated prefix of the batch is written (the rest
//! is recomputed on resume) and the manifest says `interrupted`.
//!
//! Resume: the manifest's checkpoint (next id and the length, rows and SHA-256 of each CSV,
//! written after each batch) says exactly what is on disk; `--resume` verifies the CSVs against
//! it, cuts the rows written after it and continues at next id, so no point is lost or
//! duplicated even after a hard kill, and a file that does not match is refused, never cut.
//!
//! The output directory is locked ([`DirLock`]) for the whole run; `--force` removes only the
//! files of an earlier scan, and only in a directory whose manifest says it holds one.

use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use thiserror::Error;

use super::config::{ConfigError, ScanPlan};

use super::importance::{self, ImportanceRecord, ScreenState};
use super::lock::{DirLock, LockError, LOCK_FILE};
use super::manifest::{
    program_version, rfc3339, Files, Manifest, Shard, Status, CONFIG_FILE, MANIFEST_FILE,
    REJECTED_FILE, VIABLE_FILE,
};
use super::model::{self, HmzModel, PointRows, ScanModel, ScanSettings, INTERNAL_ERROR};
use super::record::Digester;
use super::writer::{Evaluated, Msg, OutputWriter};
use super::PointEvaluator;
use crate::models::Plan;
use crate::output::columns::Column;
use crate::output::summary::WEIGHT_COLUMN;

/// Errors of a scan run.
#[derive(Debug, Error)]
pub enum ScanError {
    // The cause is the error's source: `{:#}` (anyhow) prints "path: cause" once.
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("output directory {} is not empty (use --force to overwrite an earlier scan there, or --resume to continue it)", .0.display())]
    OutputNotEmpty(PathBuf),
    #[error("--force refused: {} holds no earlier scan ({reason}); --force only replaces the files of an earlier scan, so choose an empty or new directory", dir.display())]
    NotAScanDirectory { dir: PathBuf, reason: String },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("--threads must be at least 1")]
    ZeroThreads,
    #[error("{0}")]
    EmptyShard(String),
    #[error("--threads {0} is more than {1} (16 threads per core, at least 8 cores counted): more threads only cost memory and start-up time")]
    TooManyThreads(usize, usize),
    #[error("cannot resume: {0}")]
    Resume(String),
    #[error("{}", path.display())]
    Config {
        path: PathBuf,
        #[source]
        source: ConfigError,
    },
    #[error("cannot build the thread pool: {0}")]
    ThreadPool(String),
    #[error("the writer thread panicked")]
    WriterPanicked,
    /// An MCMC scan that cannot go on (e.g. no viable exploration point to start a chain).
    #[error("{0}")]
    Mcmc(String),
}

/// New scan or continuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartMode {
    /// Start from scratch; with `force`, overwrite the scan files of a non-empty directory.
    New { force: bool },
    /// Continue the scan in the output directory from its last checkpoint.
    Resume,
}

/// How to run a plan.
#[derive(Clone, Debug)]
pub struct RunOptions<'a> {
    pub out_dir: PathBuf,
    /// Worker threads (None: all cores).
    pub threads: Option<usize>,
    /// Write rejected points to `rejected.csv` (new scans; a resume keeps the original choice).
    pub keep_rejected: bool,
    /// Evaluate only this shard (new scans; a resume keeps the original shard).
    pub shard: Option<Shard>,
    pub mode: StartMode,
    /// Show an indicatif bar when stderr is a terminal.
    pub progress_bar: bool,
    /// When stderr is not a terminal, log a progress line this often (None: never).
    pub log_every: Option<Duration>,
    /// Checked between batches: when set, the run stops after writing the current batch.
    pub stop: &'a AtomicBool,
    /// Test hook: behave as if `stop` were set after this many batches of this session.
    pub stop_after_batches: Option<u64>,
}

impl<'a> RunOptions<'a> {
    /// Defaults for a new scan: all cores, no rejected file, no shard, progress on.
    pub fn new(out_dir: impl Into<PathBuf>, stop: &'a AtomicBool) -> Self {
        RunOptions {
            out_dir: out_dir.into(),
            threads: None,
            keep_rejected: false,
            shard: None,
            mode: StartMode::New { force: false },
            progress_bar: true,
            log_every: Some(Duration::from_secs(10)),
            stop,
            stop_after_batches: None,
        }
    }
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct RunSummary {
    pub out_dir: PathBuf,
    pub manifest: Manifest,
    /// Points evaluated in this session.
    pub session_points: u64,
    pub session_wall_s: f64,
}

impl RunSummary {
    pub fn status(&self) -> Status {
        self.manifest.status
    }

    /// The end-of-run summary: counts, rejections by reason (most frequent first), speed.
    pub fn report(&self) -> String {
        let m = &self.manifest;
        // MCMC: `sampled` counts the exploration draws (the ids) and then the chains' evaluations.
        let counted = match &m.mcmc {
            Some(mc) => format!(
                "{} points evaluated: {} exploration draws of ids {}..{}, {} chain evaluations in chains {}..{}",
                m.sampled,
                mc.exploration.points,
                m.first_id,
                m.end_id,
                m.sampled.saturating_sub(mc.exploration.points),
                mc.first_chain,
                mc.end_chain
            ),
            None => format!(
                "{}/{} points of ids {}..{}",
                m.sampled,
                m.end_id - m.first_id,
                m.first_id,
                m.end_id
            ),
        };
        let mut out = format!(
            "scan '{}' {} ({counted}) -> {}\n",
            m.name,
            m.status,
            self.out_dir.display()
        );
        out.push_str(&format!(
            "  sampled {}, viable points {}, viable solutions {}, rejected {}\n",
            m.sampled, m.viable_points, m.viable_solutions, m.rejected_points
        ));
        let mut reasons: Vec<_> = m.rejections.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (key, n) in reasons {
            let pct = 100.0 * *n as f64 / m.sampled.max(1) as f64;
            out.push_str(&format!("    {key:<28} {n:>10}  ({pct:.1} %)\n"));
        }
        let rate = if self.session_wall_s > 0.0 {
            self.session_points as f64 / self.session_wall_s
        } else {
            0.0
        };
        out.push_str(&format!(
            "  this session: {} points in {:.1} s ({rate:.1} points/s on {} threads); total wall time {:.1} s",
            self.session_points, self.session_wall_s, m.threads, m.wall_time_s
        ));
        if let Some(mc) = &m.mcmc {
            out.push('\n');
            out.push_str(&mc.report());
        }
        if let Some(r) = &m.importance {
            out.push('\n');
            out.push_str(&r.report(m.sampled));
        }
        if m.status == Status::Interrupted || m.status == Status::Running {
            out.push_str(&format!(
                "\n  resume with: gmsbscan scan --resume {}",
                self.out_dir.display()
            ));
        }
        out
    }
}

/// The process-wide stop flag, set by Ctrl-C and SIGTERM. The handler is installed at most once
/// per process; a second signal exits at once with code 130 (the last checkpoint stays valid).
pub fn install_signal_handler() -> &'static AtomicBool {
    static STOP: AtomicBool = AtomicBool::new(false);
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let result = ctrlc::set_handler(|| {
            if STOP.swap(true, Ordering::SeqCst) {
                eprintln!("\nsecond interrupt: exiting now (resume from the last checkpoint)");
                std::process::exit(130);
            }
            eprintln!(
                "\ninterrupt: stopping after the points in progress (press again to exit now)"
            );
        });
        if let Err(e) = result {
            eprintln!("warning: cannot install the signal handler: {e}");
        }
    });
    &STOP
}

/// Makes panics of scan workers quiet after the first one (process-wide, installed at most once):
/// each panic is caught, counted as `internal_error` and its message kept in `rejected.csv`, so
/// printing thousands of them would only bury the progress output.
pub fn quiet_worker_panics() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        let seen = AtomicBool::new(false);
        std::panic::set_hook(Box::new(move |info| {
            let worker = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if !worker {
                previous(info);
            } else if !seen.swap(true, Ordering::SeqCst) {
                previous(info);
                eprintln!(
                    "(the point is counted as internal_error; further panics of scan workers are not printed)"
                );
            }
        }));
    });
}

const WORKER_PREFIX: &str = "gmsbscan-worker-";

/// The files a scan writes besides its manifest.
const SCAN_FILES: [&str; 4] = [CONFIG_FILE, VIABLE_FILE, REJECTED_FILE, model::COLUMNS_FILE];

/// A scan stopped before its first checkpoint (killed in its first milliseconds): no manifest,
/// nothing but files a scan writes (and its lock), and a config.toml that is an echoed
/// effective configuration. Its plan, or None when `dir` is anything else.
fn stopped_before_first_checkpoint(dir: &Path) -> Option<Plan> {
    if dir.join(MANIFEST_FILE).exists() {
        return None;
    }
    for entry in std::fs::read_dir(dir).ok()? {
        let name = entry.ok()?.file_name();
        if name != LOCK_FILE && !SCAN_FILES.iter().any(|f| name == *f) {
            return None;
        }
    }
    // The echoed effective configuration (a user's own configuration lacks this first line).
    let text = std::fs::read_to_string(dir.join(CONFIG_FILE)).ok()?;
    if !text.starts_with("# Effective configuration of scan ") {
        return None;
    }
    Plan::from_toml_str(&text).ok()
}

/// Reads the plan (of any model) and manifest of a scan directory for `--resume`. A scan
/// stopped before its first checkpoint has no manifest (None): it is started again.
pub fn load_resume(dir: &Path) -> Result<(Plan, Option<Manifest>), ScanError> {
    if let Some(plan) = stopped_before_first_checkpoint(dir) {
        return Ok((plan, None));
    }
    let mpath = dir.join(MANIFEST_FILE);
    let manifest = Manifest::read(&mpath).map_err(|e| {
        ScanError::Resume(format!(
            "{}: {e} (is {} a scan output directory?)",
            mpath.display(),
            dir.display()
        ))
    })?;
    let cpath = dir.join(&manifest.config_file);
    let text = std::fs::read_to_string(&cpath).map_err(|e| ScanError::Io {
        path: cpath.clone(),
        source: e,
    })?;
    let plan = Plan::from_toml_str(&text).map_err(|source| ScanError::Config {
        path: cpath,
        source,
    })?;
    Ok((plan, Some(manifest)))
}

/// Draw `id` of an importance scan: evaluated if the screen keeps it, else only marked.
fn screened_point<M: ScanModel>(model: &M, screen: &ScreenState, id: u64) -> Evaluated {
    let u = model.settings().sampler().unit_point(id);
    let inputs = model.inputs_at(&u);
    let trivial = model.rejects_before_solving(&inputs);
    importance::evaluate_draw(model, &screen.draw(id, u, trivial), inputs)
}

/// Evaluates the inputs of point `id`; a panic becomes an `internal_error` rejection.
pub(super) fn evaluate_inputs<M: ScanModel>(model: &M, id: u64, inputs: M::Inputs) -> Evaluated {
    let rows = catch_unwind(AssertUnwindSafe(|| model.evaluate(id, &inputs))).unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-string payload".into());
        PointRows::rejected(INTERNAL_ERROR, format!("panic: {msg}"))
    });
    not_evaluated_or(model, id, &inputs, rows)
}

/// An evaluated point with the input cells of its rejected row (when it has one).
pub(super) fn not_evaluated_or<M: ScanModel>(
    model: &M,
    id: u64,
    inputs: &M::Inputs,
    rows: PointRows,
) -> Evaluated {
    let rejected_cells = if rows.is_viable() {
        Vec::new()
    } else {
        model.rejected_cells(id, inputs)
    };
    Evaluated {
        id,
        rows,
        rejected_cells,
        screen: None,
    }
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ScanError + '_ {
    move |source| ScanError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Prepares the output directory of a new scan (all checks before any work) and returns the
/// first manifest.
pub(super) fn prepare_new(
    plan: &ScanSettings,
    opts: &RunOptions,
    force: bool,
    threads: usize,
) -> Result<Manifest, ScanError> {
    let dir = &opts.out_dir;
    let (first_id, end_id) = plan.id_range(opts.shard);
    // A shard is a block of the ids, or of an MCMC scan's chains (every shard runs the same
    // exploration): one without any is refused before anything is written.
    let empty = match (&plan.mcmc, opts.shard) {
        (None, _) => (first_id == end_id).then(|| format!("{} points has no ids", plan.points)),
        (Some(m), Some(s)) => {
            let (a, b) = s.id_range(m.chains);
            (a == b).then(|| format!("{} MCMC chains has no chain", m.chains))
        }
        (Some(_), None) => None,
    };
    if let Some(what) = empty {
        return Err(ScanError::EmptyShard(format!(
            "shard {} of a scan of {what} (nothing was written): use fewer shards",
            Shard::describe(opts.shard),
        )));
    }
    // Empty means: nothing but the lock file this run holds.
    let mut non_empty = false;
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        non_empty |= entry.map_err(io_err(dir))?.file_name() != LOCK_FILE;
    }
    if non_empty {
        if !force {
            return Err(ScanError::OutputNotEmpty(dir.clone()));
        }
        remove_earlier_scan(dir)?;
    }
    let cpath = dir.join(CONFIG_FILE);
    super::manifest::write_atomic(&cpath, plan.effective_toml.as_bytes())
        .map_err(io_err(&cpath))?;
    let (version, revision) = program_version();
    let now = rfc3339(SystemTime::now());
    Ok(Manifest {
        program: "gmsbscan".into(),
        version: version.into(),
        git_revision: revision.into(),
        name: plan.name.clone(),
        status: Status::Running,
        seed: plan.seed,
        sampler: plan.sampler.name().into(),
        config_file: CONFIG_FILE.into(),
        config_hash: plan.config_hash.clone(),
        points_total: plan.points,
        shard: opts.shard,
        first_id,
        end_id,
        next_id: first_id,
        sampled: 0,
        viable_points: 0,
        viable_solutions: 0,
        rejected_points: 0,
        rejections: Default::default(),
        keep_rejected: opts.keep_rejected,
        threads,
        sessions: 1,
        started: now.clone(),
        updated: now,
        ended: None,
        wall_time_s: 0.0,
        points_per_second: 0.0,
        files: Files {
            viable_csv: Digester::default().record(),
            rejected_csv: None,
        },
        merged_from: Vec::new(),
        prior_measure: plan.prior_measure.clone(),
        mcmc: None,
        importance: plan.importance.as_ref().map(ImportanceRecord::new),
        model: plan.model,
    })
}

/// `--force`: removes the files an earlier scan wrote in `dir` (its manifest first, so a half
/// cleaned directory is never taken for a resumable scan), and nothing else. Refused when `dir`
/// has no valid manifest: then its files are not a scan's and may be the user's.
fn remove_earlier_scan(dir: &Path) -> Result<(), ScanError> {
    if stopped_before_first_checkpoint(dir).is_some() {
        return remove_files(dir, &SCAN_FILES);
    }
    let mpath = dir.join(MANIFEST_FILE);
    let manifest = Manifest::read(&mpath).map_err(|e| ScanError::NotAScanDirectory {
        dir: dir.to_path_buf(),
        reason: format!("{}: {e}", mpath.display()),
    })?;
    let config_file = Path::new(&manifest.config_file);
    if config_file.components().count() != 1 || config_file.file_name().is_none() {
        return Err(ScanError::NotAScanDirectory {
            dir: dir.to_path_buf(),
            reason: format!(
                "its manifest names the config file '{}'",
                manifest.config_file
            ),
        });
    }
    remove_files(
        dir,
        &[
            MANIFEST_FILE,
            &manifest.config_file,
            VIABLE_FILE,
            REJECTED_FILE,
            model::COLUMNS_FILE,
        ],
    )?;
    remove_figures(dir)
}

/// The figures scripts/figures.py drew of the earlier scan (`figures/`): its image files and its
/// index and captions (`figures.json`, `captions.md`), then the directory if that left it empty
/// (anything else in it is kept).
fn remove_figures(dir: &Path) -> Result<(), ScanError> {
    let figures = dir.join(FIGURES_DIR);
    let Ok(entries) = std::fs::read_dir(&figures) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry.map_err(io_err(&figures))?.path();
        let image = path
            .extension()
            .is_some_and(|e| ["png", "pdf", "svg"].iter().any(|x| e == *x));
        let index = path
            .file_name()
            .is_some_and(|n| n == "figures.json" || n == "captions.md");
        if (image || index) && path.is_file() {
            std::fs::remove_file(&path).map_err(io_err(&path))?;
        }
    }
    // Fails (and is left) when not empty.
    let _ = std::fs::remove_dir(&figures);
    Ok(())
}

/// Where scripts/figures.py draws a scan's figures.
pub const FIGURES_DIR: &str = "figures";

/// Removes the named files of `dir` (missing ones are fine), in order.
fn remove_files(dir: &Path, files: &[&str]) -> Result<(), ScanError> {
    for f in files {
        let p = dir.join(f);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&p)(e)),
        }
    }
    Ok(())
}

/// A manifest whose numbers contradict each other (hand-edited, damaged) is refused before
/// anything is cut: the id range must be the shard's, the counts must add up and the rows of each
/// CSV must be the manifest's counts.
fn check_manifest_consistency(m: &Manifest, plan: &ScanSettings) -> Result<(), ScanError> {
    if m.mcmc.is_some() {
        return super::mcmc_run::check_consistency(m, plan);
    }
    if m.next_id < m.first_id || m.next_id > m.end_id || m.sampled != m.next_id - m.first_id {
        return Err(ScanError::Resume(format!(
            "inconsistent manifest: next_id {} outside {}..={} or sampled {} != next_id - first_id",
            m.next_id, m.first_id, m.end_id, m.sampled
        )));
    }
    let expected_range = plan.id_range(m.shard);
    if (m.first_id, m.end_id) != expected_range
        || m.points_total != plan.points
        || m.importance.is_some() != plan.importance.is_some()
    {
        return Err(ScanError::Resume(format!(
            "inconsistent manifest: ids {}..{} of {} points are not those of shard {} of the configuration's {} points",
            m.first_id,
            m.end_id,
            m.points_total,
            Shard::describe(m.shard),
            plan.points
        )));
    }
    let by_reason: u64 = m.rejections.values().sum();
    if m.rejected_points != by_reason
        || m.viable_points.checked_add(m.rejected_points) != Some(m.sampled)
        || m.viable_solutions < m.viable_points
    {
        return Err(ScanError::Resume(format!(
            "inconsistent manifest counts: {} viable points ({} solutions) + {} rejected ({} by reason) for {} sampled",
            m.viable_points, m.viable_solutions, m.rejected_points, by_reason, m.sampled
        )));
    }
    let rows = |f: &Option<super::record::FileRecord>| f.as_ref().map(|r| r.rows);
    if m.files.viable_csv.rows != m.viable_solutions
        || (m.keep_rejected && rows(&m.files.rejected_csv) != Some(m.rejected_points))
    {
        return Err(ScanError::Resume(format!(
            "inconsistent manifest: it records {} viable solutions and {} rejected points but {} rows of {VIABLE_FILE} and {} rows of {REJECTED_FILE}",
            m.viable_solutions,
            m.rejected_points,
            m.files.viable_csv.rows,
            rows(&m.files.rejected_csv).map_or("no".into(), |r| r.to_string())
        )));
    }
    Ok(())
}

/// Checks that the manifest on disk belongs to `plan` and can be continued.
pub(super) fn prepare_resume(
    plan: &ScanSettings,
    opts: &RunOptions,
    threads: usize,
) -> Result<Manifest, ScanError> {
    let (disk_plan, m) = load_resume(&opts.out_dir)?;
    let mut m = m.expect("run_model restarts a scan without a manifest");
    let hash = &plan.config_hash;
    let disk_hash = &disk_plan.settings().config_hash;
    if m.config_hash != *disk_hash {
        return Err(ScanError::Resume(format!(
            "{} was edited after the scan started (its config hash is {disk_hash}, the manifest's {}): restore the echoed file",
            opts.out_dir.join(&m.config_file).display(),
            m.config_hash
        )));
    }
    if m.config_hash != *hash {
        return Err(ScanError::Resume(format!(
            "the configuration differs from the one the scan was started with (config hash {} in the manifest, {hash} now)",
            m.config_hash
        )));
    }
    if m.status == Status::Complete {
        return Err(ScanError::Resume(format!(
            "the scan in {} is already complete ({} points)",
            opts.out_dir.display(),
            m.sampled
        )));
    }
    if opts.shard.is_some() && opts.shard != m.shard {
        return Err(ScanError::Resume(format!(
            "the scan was started with shard {}, not {}",
            Shard::describe(m.shard),
            Shard::describe(opts.shard)
        )));
    }
    if opts.keep_rejected && !m.keep_rejected {
        return Err(ScanError::Resume(
            "the scan was started without --keep-rejected; rejected points cannot be added now"
                .into(),
        ));
    }
    check_manifest_consistency(&m, plan)?;
    m.sessions += 1;
    m.threads = threads;
    Ok(m)
}

/// Creates (new scans) and locks the output directory.
pub(super) fn lock_output(opts: &RunOptions) -> Result<DirLock, ScanError> {
    let dir = &opts.out_dir;
    match opts.mode {
        StartMode::New { .. } => std::fs::create_dir_all(dir).map_err(io_err(dir))?,
        StartMode::Resume if !dir.is_dir() => {
            return Err(ScanError::Resume(format!(
                "{} is not a directory",
                dir.display()
            )))
        }
        StartMode::Resume => {}
    }
    Ok(DirLock::exclusive(dir)?)
}

/// Runs (or resumes) an HMZ scan of `plan` with `evaluator`, writing into `opts.out_dir`.
pub fn run_scan<E: PointEvaluator>(
    plan: &ScanPlan,
    evaluator: &E,
    opts: &RunOptions,
) -> Result<RunSummary, ScanError> {
    run_model(&HmzModel { plan, evaluator }, opts)
}

/// The `viable.csv` columns a sampler appends to the model's.
pub fn sampler_columns(settings: &ScanSettings) -> &'static [model::ColumnDoc] {
    static WEIGHT: [model::ColumnDoc; 1] = [Column {
        name: WEIGHT_COLUMN,
        unit: "",
        description: "importance weight 1/acceptance of the screen (weighted rows follow the prior restricted to the viable points)",
        value: (),
    }];
    match (&settings.importance, &settings.mcmc) {
        (Some(_), _) => &WEIGHT,
        (None, Some(_)) => &super::mcmc_run::CHAIN_COLUMNS,
        (None, None) => &[],
    }
}

/// The headers of `viable.csv` and `rejected.csv` of a model's scan; writes `columns.md`.
pub(super) fn headers<M: ScanModel>(
    model: &M,
    dir: &Path,
) -> Result<(Vec<&'static str>, Vec<&'static str>), ScanError> {
    let extra = sampler_columns(model.settings());
    model::write_columns(model, extra, dir).map_err(io_err(&dir.join(model::COLUMNS_FILE)))?;
    let mut viable: Vec<&str> = model.viable_columns().iter().map(|c| c.name).collect();
    viable.extend(extra.iter().map(|c| c.name));
    let mut rejected: Vec<&str> = model.rejected_columns().iter().map(|c| c.name).collect();
    rejected.extend(model::REASON_COLUMNS.iter().map(|c| c.name));
    Ok((viable, rejected))
}

/// The largest `--threads` accepted: a sane multiple of the cores (more threads than this only
/// cost memory and start-up time).
pub fn max_threads() -> usize {
    16 * std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(8)
}

/// Runs (or resumes) a scan of any model, writing into `opts.out_dir`.
pub fn run_model<M: ScanModel>(model: &M, opts: &RunOptions) -> Result<RunSummary, ScanError> {
    let session_start = Instant::now();
    let plan = model.settings();
    let restart;
    let opts = match opts.mode {
        StartMode::Resume if stopped_before_first_checkpoint(&opts.out_dir).is_some() => {
            eprintln!(
                "{} holds a scan stopped before its first checkpoint (no manifest.json): starting it again",
                opts.out_dir.display()
            );
            restart = RunOptions {
                mode: StartMode::New { force: true },
                ..opts.clone()
            };
            &restart
        }
        _ => opts,
    };
    let threads = match opts.threads {
        Some(0) => return Err(ScanError::ZeroThreads),
        Some(n) if n > max_threads() => return Err(ScanError::TooManyThreads(n, max_threads())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
        .build()
        .map_err(|e| ScanError::ThreadPool(e.to_string()))?;

    if plan.mcmc.is_some() {
        return super::mcmc_run::run_mcmc(model, opts, &pool, threads, session_start);
    }
    // Held until this function returns: no other gmsbscan process writes the directory meanwhile.
    let _lock = lock_output(opts)?;
    let mut manifest = match opts.mode {
        StartMode::New { force } => prepare_new(plan, opts, force, threads)?,
        StartMode::Resume => prepare_resume(plan, opts, threads)?,
    };
    // The importance screen, rebuilt from the manifest (or, in a shard, from the pilot).
    let mut screen: Option<ScreenState> = match &mut manifest.importance {
        // A shard with nothing left to draw needs no screen (and no pilot computed for it).
        Some(_) if manifest.next_id >= manifest.end_id => None,
        Some(record) => Some(importance::prepare(model, &pool, record, manifest.next_id)),
        None => None,
    };
    let (viable_header, rejected_header) = headers(model, &opts.out_dir)?;
    let writer = match opts.mode {
        StartMode::New { .. } => {
            OutputWriter::create(&opts.out_dir, manifest, &viable_header, &rejected_header)?
        }
        StartMode::Resume => OutputWriter::reopen(&opts.out_dir, manifest)?,
    };
    let start_manifest = writer.manifest().clone();
    let (first_todo, end_id) = (start_manifest.next_id, start_manifest.end_id);
    let range_len = end_id - start_manifest.first_id;

    let bar = if opts.progress_bar && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(range_len), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40.cyan/blue}] {pos}/{len} {per_sec} ETA {eta} {msg}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar.set_position(start_manifest.sampled);
        bar.reset_eta();
        Some(bar)
    } else {
        None
    };
    // Progress counters, updated per point by the workers (evaluated, not yet necessarily written).
    let done = AtomicU64::new(start_manifest.sampled);
    let viable = AtomicU64::new(start_manifest.viable_points);
    let log_line =
        || {
            let (d, v) = (done.load(Ordering::Relaxed), viable.load(Ordering::Relaxed));
            let rate = (d - start_manifest.sampled) as f64
                / session_start.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
            "[{}] {d}/{range_len} points ({:.1} %), viable {v}, {rate:.1} points/s, ETA {:.0} s",
            rfc3339(SystemTime::now()),
            100.0 * d as f64 / range_len.max(1) as f64,
            if rate > 0.0 { (range_len - d) as f64 / rate } else { f64::NAN }
        );
        };

    let (tx, rx) = sync_channel::<Msg>(1);
    let batch_size = plan.batch_size as u64;
    let result = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("gmsbscan-writer".into())
            .spawn_scoped(scope, move || writer.run(rx))
            .map_err(|e| ScanError::ThreadPool(format!("cannot start the writer thread: {e}")))?;
        // Without a terminal: a log line every `log_every`, independent of the batch duration.
        let (tick_tx, tick_rx) = std::sync::mpsc::channel::<()>();
        if let (None, Some(every)) = (&bar, opts.log_every) {
            let log_line = &log_line;
            scope.spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = tick_rx.recv_timeout(every) {
                    log_line();
                }
            });
        }

        let mut next = first_todo;
        let mut batches = 0u64;
        let mut stopped = false;
        while next < end_id {
            if opts.stop.load(Ordering::SeqCst)
                || opts.stop_after_batches.is_some_and(|n| batches >= n)
            {
                stopped = true;
                break;
            }
            let mut end = (next + batch_size).min(end_id);
            if let Some(state) = &screen {
                end = state.batch_end(next, end);
            }
            // Once the stop flag is set, the remaining points of the batch are skipped; the
            // evaluated prefix of the batch is written and the rest recomputed on resume, so an
            // interruption waits for at most one point per thread, not for a whole batch.
            let evaluated: Vec<Option<Evaluated>> = pool.install(|| {
                (next..end)
                    .into_par_iter()
                    .map(|id| {
                        if opts.stop.load(Ordering::Relaxed) {
                            return None;
                        }
                        let e = match &screen {
                            None => {
                                let u = plan.sampler().unit_point(id);
                                evaluate_inputs(model, id, model.inputs_at(&u))
                            }
                            Some(state) => screened_point(model, state, id),
                        };
                        done.fetch_add(1, Ordering::Relaxed);
                        if e.is_viable() {
                            let v = viable.fetch_add(1, Ordering::Relaxed) + 1;
                            if let Some(bar) = &bar {
                                bar.set_message(format!("viable {v}"));
                            }
                        }
                        if let Some(bar) = &bar {
                            bar.inc(1);
                        }
                        Some(e)
                    })
                    .collect()
            });
            let total = evaluated.len();
            let batch: Vec<Evaluated> = evaluated.into_iter().map_while(|e| e).collect();
            let complete = batch.len() == total;
            next += batch.len() as u64;
            if let Some(state) = &mut screen {
                state.observe(&batch);
            }
            if !batch.is_empty() && tx.send(Msg::Batch(batch)).is_err() {
                // The writer stopped on an error: it is reported by join below.
                stopped = true;
                break;
            }
            if !complete {
                stopped = true;
                break;
            }
            batches += 1;
        }
        drop(tick_tx);
        let status = if stopped || next < end_id {
            Status::Interrupted
        } else {
            Status::Complete
        };
        let _ = tx.send(Msg::Finish(status));
        drop(tx);
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        handle.join().map_err(|_| ScanError::WriterPanicked)?
    })?;

    Ok(RunSummary {
        out_dir: opts.out_dir.clone(),
        session_points: result.sampled - start_manifest.sampled,
        session_wall_s: session_start.elapsed().as_secs_f64(),
        manifest: result,
    })
}
