//! `gmsbscan merge`: the shards of a sharded scan (`--shard K/N`) verified and concatenated into
//! one directory equal, byte for byte, to the unsharded scan (CSVs and config.toml), with its own
//! manifest. Each shard must be complete and must match its manifest exactly (byte length, rows
//! and SHA-256 of every CSV, the config hash of its config.toml, counts that add up); all shards
//! must come from the same configuration (config hash, hence seed) and program build, and cover
//! the ids 0..points exactly once. The shards are read under their shared locks, the output is
//! written under its exclusive lock, the CSVs are written to temp files and only renamed into
//! place when complete, and the manifest comes last.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::lock::{DirLock, LockError, LOCK_FILE};
use super::manifest::{
    new_file_in, write_atomic, Files, Manifest, Status, MANIFEST_FILE, REJECTED_FILE, VIABLE_FILE,
};
use super::mcmc::McmcSettings;
use super::mcmc_run;
use super::model::{ScanSettings, COLUMNS_FILE};
use super::record::{verify_prefix, Digester, FileRecord, HashingWriter};
use crate::models::Plan;

/// Why shards cannot be merged. Nothing is written to the output before every shard is verified.
#[derive(Debug, Error)]
pub enum MergeError {
    #[error("no shard directories given")]
    NoShards,
    #[error("shard {}: {reason}", dir.display())]
    Shard { dir: PathBuf, reason: String },
    #[error("the shards do not form one scan: {0}")]
    Mismatch(String),
    #[error("output directory {} is not empty (merge into a new or empty directory)", .0.display())]
    OutputNotEmpty(PathBuf),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> MergeError + '_ {
    move |source| MergeError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a merge did.
#[derive(Debug)]
pub struct MergeSummary {
    pub out_dir: PathBuf,
    pub manifest: Manifest,
    pub shards: usize,
    /// Some shards were run without `--keep-rejected`, so no rejected.csv was written.
    pub rejected_dropped: bool,
}

/// A verified shard, held under its shared lock.
struct ShardIn {
    dir: PathBuf,
    manifest: Manifest,
    config_text: String,
    _lock: Option<DirLock>,
}

/// Reads and verifies one shard directory.
fn read_shard(dir: &Path) -> Result<ShardIn, MergeError> {
    let fail = |reason: String| MergeError::Shard {
        dir: dir.to_path_buf(),
        reason,
    };
    let lock = DirLock::shared(dir)?;
    let mpath = dir.join(MANIFEST_FILE);
    let m = Manifest::read(&mpath).map_err(|e| fail(format!("{}: {e}", mpath.display())))?;
    if m.status != Status::Complete {
        return Err(fail(format!(
            "the scan is {} at id {} of {}..{} (resume it first: gmsbscan scan --resume {})",
            m.status,
            m.next_id,
            m.first_id,
            m.end_id,
            dir.display()
        )));
    }
    let config_text = match m.mcmc {
        Some(_) => check_mcmc_shard(dir, &m, &fail)?,
        None => check_counts(dir, &m, &fail)?,
    };
    verify_file(
        dir,
        VIABLE_FILE,
        Some(&m.files.viable_csv),
        m.viable_solutions,
    )?;
    if m.keep_rejected && m.mcmc.is_none() {
        verify_file(
            dir,
            REJECTED_FILE,
            m.files.rejected_csv.as_ref(),
            m.rejected_points,
        )?;
    }
    Ok(ShardIn {
        dir: dir.to_path_buf(),
        manifest: m,
        config_text,
        _lock: lock,
    })
}

/// The counts of a shard of ids (not MCMC) agree with each other; its configuration's text.
fn check_counts(
    dir: &Path,
    m: &Manifest,
    fail: &impl Fn(String) -> MergeError,
) -> Result<String, MergeError> {
    let rejected_sum: u64 = m.rejections.values().sum();
    if m.first_id > m.end_id
        || m.next_id != m.end_id
        || m.sampled != m.end_id - m.first_id
        || m.end_id > m.points_total
        || m.rejected_points != rejected_sum
        || m.viable_points.checked_add(m.rejected_points) != Some(m.sampled)
        || m.viable_solutions < m.viable_points
    {
        return Err(fail(format!(
            "inconsistent manifest counts (ids {}..{} of {}, next_id {}, sampled {}, viable points {}, viable solutions {}, rejected {} with {} by reason)",
            m.first_id, m.end_id, m.points_total, m.next_id, m.sampled, m.viable_points,
            m.viable_solutions, m.rejected_points, rejected_sum
        )));
    }
    Ok(read_config(dir, m, fail)?.0)
}

/// A shard's echoed configuration (the file its manifest names, in its directory), parsed and
/// checked against the manifest's config hash, points and seed.
fn read_config(
    dir: &Path,
    m: &Manifest,
    fail: &impl Fn(String) -> MergeError,
) -> Result<(String, ScanSettings), MergeError> {
    let config_name = Path::new(&m.config_file);
    if config_name.components().count() != 1 {
        return Err(fail(format!(
            "the manifest names the config file '{}'",
            m.config_file
        )));
    }
    let cpath = dir.join(config_name);
    let config_text =
        std::fs::read_to_string(&cpath).map_err(|e| fail(format!("{}: {e}", cpath.display())))?;
    let plan = Plan::from_toml_str(&config_text)
        .map_err(|e| fail(format!("{}: {e}", cpath.display())))?
        .into_settings();
    if plan.config_hash != m.config_hash {
        return Err(fail(format!(
            "{} is not the configuration the manifest records (its config hash is {}, the manifest's {}): was it edited after the scan?",
            cpath.display(),
            plan.config_hash,
            m.config_hash
        )));
    }
    if (plan.points, plan.seed, plan.model) != (m.points_total, m.seed, m.model) {
        return Err(fail(format!(
            "{} says {} points, seed {}, model {}; the manifest {} points, seed {}, model {}",
            cpath.display(),
            plan.points,
            plan.seed,
            plan.model,
            m.points_total,
            m.seed,
            m.model
        )));
    }
    Ok((config_text, plan))
}

/// The checks of an MCMC shard (its chains, phase and counts; module `mcmc_run`).
fn check_mcmc_shard(
    dir: &Path,
    m: &Manifest,
    fail: &impl Fn(String) -> MergeError,
) -> Result<String, MergeError> {
    let (config_text, plan) = read_config(dir, m, fail)?;
    mcmc_run::check_consistency(m, &plan).map_err(|e| fail(e.to_string()))?;
    if m.mcmc.as_ref().map(|r| r.phase) != Some(mcmc_run::Phase::Done) {
        return Err(fail("the chains are not finished".into()));
    }
    Ok(config_text)
}

/// The chain range of an MCMC shard (ids for the other samplers).
fn covered(m: &Manifest) -> (u64, u64, u64) {
    match &m.mcmc {
        Some(r) => (r.first_chain, r.end_chain, r.chains_total),
        None => (m.first_id, m.end_id, m.points_total),
    }
}

/// A complete shard's CSV must match its record exactly and hold `rows` data rows.
fn verify_file(
    dir: &Path,
    name: &str,
    record: Option<&FileRecord>,
    rows: u64,
) -> Result<(), MergeError> {
    let path = dir.join(name);
    let fail = |reason: String| MergeError::Shard {
        dir: dir.to_path_buf(),
        reason,
    };
    let record = record.ok_or_else(|| fail(format!("the manifest records no {name}")))?;
    if record.rows != rows {
        return Err(fail(format!(
            "the manifest records {} rows of {name} but counts {rows}",
            record.rows
        )));
    }
    verify_prefix(&path, record, true).map_err(|e| fail(format!("{} {e}", path.display())))?;
    Ok(())
}

/// Orders the shards by id and checks that they are one scan, covered exactly once.
fn check_coverage(shards: &mut [ShardIn]) -> Result<(), MergeError> {
    shards.sort_by_key(|s| {
        let (a, b, _) = covered(&s.manifest);
        (a, b)
    });
    let first = &shards[0];
    let (m0, d0) = (&first.manifest, first.dir.display().to_string());
    let mut expected = 0;
    for s in shards.iter() {
        let (m, d) = (&s.manifest, s.dir.display());
        if m.config_hash != m0.config_hash {
            return Err(MergeError::Mismatch(format!(
                "{d} has another configuration than {d0} (config hash {} vs {}; seed {} vs {})",
                m.config_hash, m0.config_hash, m.seed, m0.seed
            )));
        }
        if s.config_text != first.config_text {
            return Err(MergeError::Mismatch(format!(
                "the config.toml of {d} differs from that of {d0} in text only (both have config hash {}, so comments or layout were edited): restore the echoed file",
                m.config_hash
            )));
        }
        if (&m.version, &m.git_revision) != (&m0.version, &m0.git_revision) {
            return Err(MergeError::Mismatch(format!(
                "{d} was computed by gmsbscan {} ({}), {d0} by {} ({})",
                m.version, m.git_revision, m0.version, m0.git_revision
            )));
        }
        let (first, end, _) = covered(m);
        if first != expected {
            let what = if first < expected {
                "overlaps the shard before it"
            } else {
                "leaves a gap: ids are missing before it"
            };
            return Err(MergeError::Mismatch(format!(
                "{d} covers {} {first}..{end} but the shards before it end at {expected}: it {what}",
                if m.mcmc.is_some() { "chains" } else { "ids" }
            )));
        }
        expected = end;
    }
    let total = covered(m0).2;
    if expected != total {
        return Err(MergeError::Mismatch(format!(
            "the shards cover 0..{expected} of {total} {}: shards are missing",
            if m0.mcmc.is_some() {
                "chains"
            } else {
                "points"
            }
        )));
    }
    Ok(())
}

/// Prepares and locks the output directory (created if needed, must be empty).
fn lock_output(out: &Path) -> Result<DirLock, MergeError> {
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let lock = DirLock::exclusive(out)?;
    for entry in std::fs::read_dir(out).map_err(io_err(out))? {
        if entry.map_err(io_err(out))?.file_name() != LOCK_FILE {
            return Err(MergeError::OutputNotEmpty(out.to_path_buf()));
        }
    }
    Ok(lock)
}

/// Opens one CSV of every shard past its header line: the first shard's header is written to
/// `w`, and every other shard's must be the same bytes (one check for every sampler).
fn open_past_header(
    shards: &[ShardIn],
    name: &str,
    w: &mut impl Write,
) -> Result<Vec<(PathBuf, BufReader<File>)>, MergeError> {
    let mut first: Option<(PathBuf, Vec<u8>)> = None;
    let mut readers = Vec::with_capacity(shards.len());
    for s in shards {
        let path = s.dir.join(name);
        let mut r = BufReader::new(File::open(&path).map_err(io_err(&path))?);
        let mut header = Vec::new();
        r.read_until(b'\n', &mut header).map_err(io_err(&path))?;
        match &first {
            None => {
                w.write_all(&header).map_err(io_err(&path))?;
                first = Some((path.clone(), header));
            }
            Some((path0, h)) if *h != header => {
                return Err(MergeError::Mismatch(format!(
                    "{} has another header than {}",
                    path.display(),
                    path0.display()
                )))
            }
            Some(_) => {}
        }
        readers.push((path, r));
    }
    Ok(readers)
}

/// Concatenates one CSV of every shard (one header) into a temp file in `out`.
fn concat_csv(
    out: &Path,
    shards: &[ShardIn],
    name: &str,
) -> Result<(tempfile::NamedTempFile, FileRecord), MergeError> {
    let tmp = new_file_in(out).map_err(io_err(out))?;
    let mut w = HashingWriter::new(
        std::io::BufWriter::new(tmp.as_file().try_clone().map_err(io_err(out))?),
        Digester::default(),
    );
    for (path, mut r) in open_past_header(shards, name, &mut w)? {
        std::io::copy(&mut r, &mut w).map_err(io_err(&path))?;
    }
    w.flush().map_err(io_err(out))?;
    let record = w.record();
    tmp.as_file().sync_all().map_err(io_err(out))?;
    Ok((tmp, record))
}

/// The rows of MCMC shards (blocks of chains) in the order of the unsharded run: batch by batch
/// (a row of sampling step s belongs to batch (burn_in + s) / batch_size: runs of a state are cut
/// at batch edges), chains in order within a batch. Each shard's file is already in that order,
/// so the shards are merged as sorted streams.
fn interleave_chains(
    out: &Path,
    shards: &[ShardIn],
    settings: &McmcSettings,
    batch_size: u64,
) -> Result<(tempfile::NamedTempFile, FileRecord), MergeError> {
    let tmp = new_file_in(out).map_err(io_err(out))?;
    let mut w = HashingWriter::new(
        std::io::BufWriter::new(tmp.as_file().try_clone().map_err(io_err(out))?),
        Digester::default(),
    );
    let mut readers: Vec<_> = open_past_header(shards, VIABLE_FILE, &mut w)?
        .into_iter()
        .map(|(path, r)| (path, r, None::<(u64, Vec<u8>)>))
        .collect();
    // The batch of a row: its `step` is the second of the three last fields (chain, step, weight).
    let batch_of = |path: &Path, line: &[u8]| -> Result<u64, MergeError> {
        let text = std::str::from_utf8(line).unwrap_or("");
        let step = text
            .trim_end()
            .rsplit(',')
            .nth(1)
            .and_then(|f| f.parse::<u64>().ok());
        step.map(|s| (settings.burn_in + s) / batch_size)
            .ok_or_else(|| {
                MergeError::Mismatch(format!("{}: a row without chain columns", path.display()))
            })
    };
    let mut batch = 0;
    loop {
        let mut any = false;
        for (path, r, peeked) in readers.iter_mut() {
            loop {
                if peeked.is_none() {
                    let mut line = Vec::new();
                    if r.read_until(b'\n', &mut line).map_err(io_err(path))? == 0 {
                        break;
                    }
                    *peeked = Some((batch_of(path, &line)?, line));
                }
                match peeked {
                    Some((b, line)) if *b <= batch => {
                        w.write_all(line).map_err(io_err(out))?;
                        *peeked = None;
                    }
                    _ => break,
                }
            }
            any |= peeked.is_some();
        }
        if !any {
            break;
        }
        batch += 1;
    }
    w.flush().map_err(io_err(out))?;
    let record = w.record();
    tmp.as_file().sync_all().map_err(io_err(out))?;
    Ok((tmp, record))
}

/// The MCMC block of merged shards: every shard ran the same exploration, so it is counted once;
/// the chains' counts add up; ESS and R-hat are recomputed from the merged rows.
fn merge_mcmc_record(
    m: &mut Manifest,
    shards: &[ShardIn],
    plan: &ScanSettings,
    merged_viable: &Path,
) -> Result<(), MergeError> {
    let records: Vec<&mcmc_run::McmcRecord> = shards
        .iter()
        .filter_map(|s| s.manifest.mcmc.as_ref())
        .collect();
    let mut r = records[0].clone();
    let extra = (records.len() - 1) as u64;
    let e = &r.exploration;
    m.sampled -= extra * e.points;
    m.viable_points -= extra * e.viable_points;
    m.rejected_points -= extra * (e.points - e.viable_points);
    for (k, n) in &e.rejections {
        if let Some(v) = m.rejections.get_mut(k) {
            *v -= extra * n;
        }
    }
    m.rejections.retain(|_, v| *v > 0);
    r.first_chain = 0;
    r.end_chain = r.chains_total;
    r.counts = Default::default();
    for s in &records {
        r.counts.add(&s.counts);
    }
    let c = r.counts;
    r.acceptance_rate = (c.proposed > 0).then(|| c.acceptance());
    r.burn_in_acceptance_rate =
        (c.burn_in_proposed > 0).then(|| c.burn_in_accepted as f64 / c.burn_in_proposed as f64);
    r.stats = mcmc_run::chain_stats(plan, merged_viable)
        .map_err(|e| MergeError::Mismatch(format!("{e:#}")))?;
    r.effective_samples = r.stats.values().map(|s| s.ess).reduce(f64::min);
    m.mcmc = Some(r);
    m.first_id = 0;
    m.end_id = m.points_total;
    m.next_id = m.points_total;
    Ok(())
}

/// Merges the shard directories into `out` (new or empty) and returns what was written.
pub fn merge_shards(out: &Path, shard_dirs: &[PathBuf]) -> Result<MergeSummary, MergeError> {
    if shard_dirs.is_empty() {
        return Err(MergeError::NoShards);
    }
    if let Ok(out_real) = out.canonicalize() {
        if shard_dirs
            .iter()
            .any(|d| d.canonicalize().ok() == Some(out_real.clone()))
        {
            return Err(MergeError::OutputNotEmpty(out.to_path_buf()));
        }
    }
    let mut shards = shard_dirs
        .iter()
        .map(|d| read_shard(d))
        .collect::<Result<Vec<_>, _>>()?;
    check_coverage(&mut shards)?;
    let _lock = lock_output(out)?;

    let keep_rejected = shards.iter().all(|s| s.manifest.keep_rejected);
    let plan = Plan::from_toml_str(&shards[0].config_text)
        .map_err(|e| MergeError::Mismatch(e.to_string()))?
        .into_settings();
    let (viable_tmp, viable_csv) = match plan.mcmc {
        Some(settings) => interleave_chains(out, &shards, &settings, plan.batch_size as u64)?,
        None => concat_csv(out, &shards, VIABLE_FILE)?,
    };
    let rejected = if keep_rejected {
        Some(concat_csv(out, &shards, REJECTED_FILE)?)
    } else {
        None
    };
    let mut manifest = merged_manifest(
        &shards,
        Files {
            viable_csv,
            rejected_csv: rejected.as_ref().map(|(_, r)| r.clone()),
        },
    );
    if manifest.mcmc.is_some() {
        merge_mcmc_record(&mut manifest, &shards, &plan, viable_tmp.path())?;
    }
    if let Some(r) = &mut manifest.importance {
        // Shard 0 holds the pilot (its labels); evaluations and weights add up over the shards.
        let records = || shards.iter().filter_map(|s| s.manifest.importance.as_ref());
        r.evaluated = records().map(|x| x.evaluated).sum();
        r.rejected_before_solving = records().map(|x| x.rejected_before_solving).sum();
        r.fast_solves = records().map(|x| x.fast_solves).sum();
        r.weight_sum = records().map(|x| x.weight_sum).sum();
        r.weight_square_sum = records().map(|x| x.weight_square_sum).sum();
        r.effective_samples = super::importance::kish(r.weight_sum, r.weight_square_sum);
    }
    let cpath = out.join(&manifest.config_file);
    write_atomic(&cpath, shards[0].config_text.as_bytes()).map_err(io_err(&cpath))?;
    // The schema of the shards' rows (the same in every shard: one configuration).
    if let Ok(columns) = std::fs::read(shards[0].dir.join(COLUMNS_FILE)) {
        let path = out.join(COLUMNS_FILE);
        write_atomic(&path, &columns).map_err(io_err(&path))?;
    }
    for (tmp, name) in [
        (Some(viable_tmp), VIABLE_FILE),
        (rejected.map(|r| r.0), REJECTED_FILE),
    ] {
        if let Some(tmp) = tmp {
            let path = out.join(name);
            tmp.persist(&path).map_err(|e| io_err(&path)(e.error))?;
        }
    }
    let mpath = out.join(MANIFEST_FILE);
    manifest.write_atomic(&mpath).map_err(io_err(&mpath))?;
    Ok(MergeSummary {
        out_dir: out.to_path_buf(),
        manifest,
        shards: shards.len(),
        rejected_dropped: !keep_rejected && shards.iter().any(|s| s.manifest.keep_rejected),
    })
}

/// The manifest of the merged directory: the first shard's provenance, the whole id range,
/// counts and wall time summed over the shards.
fn merged_manifest(shards: &[ShardIn], files: Files) -> Manifest {
    let mut m = shards[0].manifest.clone();
    let all = || shards.iter().map(|s| &s.manifest);
    m.shard = None;
    m.first_id = 0;
    m.end_id = m.points_total;
    m.next_id = m.points_total;
    m.sampled = all().map(|s| s.sampled).sum();
    m.viable_points = all().map(|s| s.viable_points).sum();
    m.viable_solutions = all().map(|s| s.viable_solutions).sum();
    m.rejected_points = all().map(|s| s.rejected_points).sum();
    m.rejections.clear();
    for s in all() {
        for (k, v) in &s.rejections {
            *m.rejections.entry(k.clone()).or_insert(0) += v;
        }
    }
    m.keep_rejected = files.rejected_csv.is_some();
    m.threads = all().map(|s| s.threads).max().unwrap_or(1);
    m.sessions = all().map(|s| s.sessions).sum();
    m.started = all().map(|s| s.started.clone()).min().unwrap_or_default();
    let ended = all()
        .map(|s| s.ended.clone().unwrap_or_else(|| s.updated.clone()))
        .max()
        .unwrap_or_default();
    m.updated = ended.clone();
    m.ended = Some(ended);
    m.wall_time_s = all().map(|s| s.wall_time_s).sum();
    m.points_per_second = if m.wall_time_s > 0.0 {
        m.sampled as f64 / m.wall_time_s
    } else {
        0.0
    };
    m.status = Status::Complete;
    m.files = files;
    m.merged_from = shards.iter().map(|s| s.dir.display().to_string()).collect();
    m
}
