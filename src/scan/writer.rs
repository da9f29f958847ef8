//! The writer thread: the only owner of the output files. It receives whole batches in id order
//! over a bounded channel (so memory stays constant and the file order never depends on the
//! thread count), writes `viable.csv` and `rejected.csv`, counts outcomes per reason, flushes,
//! and after every batch replaces `manifest.json` atomically with the new checkpoint (next id and
//! the byte length, rows and SHA-256 of each CSV, digested as the bytes are written). A resume
//! verifies the files against that record before it cuts anything. Every I/O error is returned
//! to the driver, never lost in a `Drop`.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use crate::output::columns::Cell;

use super::driver::ScanError;
use super::importance::{SCREENED, SCREENED_FAST_SOLVE};
use super::manifest::{rfc3339, Files, Manifest, Status, REJECTED_FILE, VIABLE_FILE};
use super::model::PointRows;
use super::record::{verify_prefix, Digester, FileRecord, HashingWriter};
use super::screen::ScreenMark;

/// One evaluated point, as sent to the writer.
#[derive(Debug)]
pub struct Evaluated {
    pub id: u64,
    /// Its rows (a panic during evaluation is an `internal_error` rejection).
    pub rows: PointRows,
    /// The input cells of its `rejected.csv` row (empty for a viable point).
    pub rejected_cells: Vec<Cell>,
    /// `sampler = "importance"`: the screen's decision (a skipped draw has no rows).
    pub screen: Option<ScreenMark>,
}

impl Evaluated {
    pub fn is_viable(&self) -> bool {
        self.rows.is_viable()
    }
}

/// Messages to the writer thread.
pub enum Msg {
    Batch(Vec<Evaluated>),
    /// The run is over: write the final manifest with this status.
    Finish(Status),
}

fn io_err(path: &Path, source: std::io::Error) -> ScanError {
    ScanError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn csv_err(path: &Path, source: csv::Error) -> ScanError {
    let message = source.to_string();
    match source.into_kind() {
        csv::ErrorKind::Io(e) => io_err(path, e),
        _ => io_err(path, std::io::Error::other(message)),
    }
}

/// A CSV output file, its path and the digest of its bytes.
struct CsvFile {
    path: PathBuf,
    writer: csv::Writer<HashingWriter<File>>,
}

impl CsvFile {
    fn from_file(path: PathBuf, file: File, digest: Digester) -> Self {
        let writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(HashingWriter::new(file, digest));
        CsvFile { path, writer }
    }

    /// Creates (truncating) and writes the header.
    fn create(path: PathBuf, header: &[&str]) -> Result<Self, ScanError> {
        let file = File::create(&path).map_err(|e| io_err(&path, e))?;
        let mut f = Self::from_file(path, file, Digester::default());
        f.writer
            .write_record(header)
            .map_err(|e| csv_err(&f.path, e))?;
        f.flush()?;
        Ok(f)
    }

    /// Verifies the file against the record of the last checkpoint, then opens it for appending
    /// after cutting the rows written since (they are recomputed). A mismatch is refused before
    /// anything is cut.
    fn reopen(path: PathBuf, record: &FileRecord) -> Result<Self, ScanError> {
        let digest = verify_prefix(&path, record, false).map_err(|e| {
            ScanError::Resume(format!("{} {e}; nothing was changed", path.display()))
        })?;
        let mut file = OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(|e| io_err(&path, e))?;
        file.set_len(record.bytes).map_err(|e| io_err(&path, e))?;
        file.seek(SeekFrom::End(0)).map_err(|e| io_err(&path, e))?;
        Ok(Self::from_file(path, file, digest))
    }

    fn write(&mut self, cells: &[Cell]) -> Result<(), ScanError> {
        self.writer
            .serialize(cells)
            .map_err(|e| csv_err(&self.path, e))
    }

    /// Flushes to disk and returns the record of the file. The file's length must equal the
    /// bytes this writer digested: anything else means another process wrote into it.
    fn flush(&mut self) -> Result<FileRecord, ScanError> {
        self.writer.flush().map_err(|e| io_err(&self.path, e))?;
        let hashing = self.writer.get_ref();
        let file = hashing.get_ref();
        file.sync_data().map_err(|e| io_err(&self.path, e))?;
        let len = file.metadata().map_err(|e| io_err(&self.path, e))?.len();
        let record = hashing.record();
        if len != record.bytes {
            return Err(io_err(
                &self.path,
                std::io::Error::other(format!(
                    "the file has {len} bytes but this scan wrote {}: another process changed it",
                    record.bytes
                )),
            ));
        }
        Ok(record)
    }
}

/// The writer's state: the files, the manifest being updated, the session clock.
pub struct OutputWriter {
    dir: PathBuf,
    viable: CsvFile,
    rejected: Option<CsvFile>,
    manifest: Manifest,
    session_start: Instant,
    wall_before: f64,
}

impl OutputWriter {
    /// New output files (headers written) and the first checkpoint.
    pub fn create(
        dir: &Path,
        manifest: Manifest,
        viable_header: &[&str],
        rejected_header: &[&str],
    ) -> Result<Self, ScanError> {
        let viable = CsvFile::create(dir.join(VIABLE_FILE), viable_header)?;
        let rejected = if manifest.keep_rejected {
            Some(CsvFile::create(dir.join(REJECTED_FILE), rejected_header)?)
        } else {
            None
        };
        Self::start_session(dir, viable, rejected, manifest)
    }

    /// A writer over opened files; its first checkpoint marks the scan as running.
    fn start_session(
        dir: &Path,
        viable: CsvFile,
        rejected: Option<CsvFile>,
        manifest: Manifest,
    ) -> Result<Self, ScanError> {
        let mut w = OutputWriter {
            dir: dir.to_path_buf(),
            viable,
            rejected,
            wall_before: manifest.wall_time_s,
            manifest,
            session_start: Instant::now(),
        };
        w.checkpoint(Status::Running)?;
        Ok(w)
    }

    /// Reopens the files of an earlier session, truncated to its last checkpoint.
    pub fn reopen(dir: &Path, manifest: Manifest) -> Result<Self, ScanError> {
        let viable = CsvFile::reopen(dir.join(VIABLE_FILE), &manifest.files.viable_csv)?;
        let rejected = match (manifest.keep_rejected, &manifest.files.rejected_csv) {
            (true, Some(record)) => Some(CsvFile::reopen(dir.join(REJECTED_FILE), record)?),
            (true, None) => {
                return Err(ScanError::Resume(
                    "the manifest keeps rejected points but records no rejected.csv".into(),
                ))
            }
            (false, _) => None,
        };
        Self::start_session(dir, viable, rejected, manifest)
    }

    /// Writes one batch (ids in order, contiguous from `next_id`) and checkpoints.
    pub fn write_batch(&mut self, batch: &[Evaluated]) -> Result<(), ScanError> {
        for item in batch {
            debug_assert_eq!(item.id, self.manifest.next_id, "batches arrive in id order");
            let screened = match item.screen {
                Some(mark) if mark.fast_skipped => Some((
                    SCREENED_FAST_SOLVE.to_string(),
                    format!(
                        "not evaluated: the fast solve found no viable solution; acceptance {:.4}",
                        mark.acceptance
                    ),
                )),
                Some(mark) if !mark.kept => Some((
                    SCREENED.to_string(),
                    format!("not evaluated: screen acceptance {:.4}", mark.acceptance),
                )),
                _ => None,
            };
            let rejection = screened.as_ref().or(item.rows.rejection.as_ref());
            if let (Some(r), Some(mark)) = (&mut self.manifest.importance, item.screen) {
                r.evaluated += mark.kept as u64;
                r.rejected_before_solving += mark.trivial as u64;
                r.fast_solves += mark.fast_solved as u64;
                if rejection.is_none() {
                    r.add_viable(item.id, 1.0 / mark.acceptance);
                }
            }
            match rejection {
                None => {
                    self.manifest.viable_points += 1;
                    for row in &item.rows.viable {
                        match item.screen {
                            Some(mark) => {
                                let mut row = row.clone();
                                row.push(Cell::from(1.0 / mark.acceptance));
                                self.viable.write(&row)?;
                            }
                            None => self.viable.write(row)?,
                        }
                        self.manifest.viable_solutions += 1;
                    }
                }
                Some((key, detail)) => {
                    if let Some(rejected) = &mut self.rejected {
                        // One line per record: merging shards and `sort` stay line-based.
                        let mut row = item.rejected_cells.clone();
                        row.push(Cell::from(key.as_str()));
                        row.push(Cell::Text(detail.replace(['\n', '\r'], " ")));
                        rejected.write(&row)?;
                    }
                    self.manifest.rejected_points += 1;
                    *self.manifest.rejections.entry(key.clone()).or_insert(0) += 1;
                }
            }
            self.manifest.sampled += 1;
            self.manifest.next_id = item.id + 1;
        }
        let (first_id, next_id) = (self.manifest.first_id, self.manifest.next_id);
        if let Some(r) = &mut self.manifest.importance {
            // Shard 0 (or the whole scan) writes the pilot: its labels are known up to here.
            if first_id == 0 {
                r.labels_known_below = r.labels_known_below.max(next_id.min(r.pilot_end));
            }
        }
        self.checkpoint(Status::Running)
    }

    /// Flushes the CSVs and replaces the manifest with the current state.
    pub fn checkpoint(&mut self, status: Status) -> Result<(), ScanError> {
        let viable_csv = self.viable.flush()?;
        let rejected_csv = match &mut self.rejected {
            Some(r) => Some(r.flush()?),
            None => None,
        };
        let now = SystemTime::now();
        let m = &mut self.manifest;
        m.files = Files {
            viable_csv,
            rejected_csv,
        };
        m.status = status;
        m.updated = rfc3339(now);
        m.ended = (status != Status::Running).then(|| rfc3339(now));
        m.wall_time_s = self.wall_before + self.session_start.elapsed().as_secs_f64();
        m.points_per_second = if m.wall_time_s > 0.0 {
            m.sampled as f64 / m.wall_time_s
        } else {
            0.0
        };
        let path = self.dir.join(super::manifest::MANIFEST_FILE);
        m.write_atomic(&path).map_err(|e| io_err(&path, e))
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The manifest being updated (counts of a sampler that writes rows itself).
    pub fn manifest_mut(&mut self) -> &mut Manifest {
        &mut self.manifest
    }

    /// Writes one row of `viable.csv` and counts it as a viable solution.
    pub fn write_viable(&mut self, cells: &[Cell]) -> Result<(), ScanError> {
        self.viable.write(cells)?;
        self.manifest.viable_solutions += 1;
        Ok(())
    }

    /// Flushes `viable.csv` and returns its record (for a final read-back of the rows).
    pub fn flush_viable(&mut self) -> Result<FileRecord, ScanError> {
        self.viable.flush()
    }

    /// Runs the writer loop until `Finish` (or the channel closes: then the run is marked
    /// interrupted). Returns the final manifest.
    pub fn run(mut self, rx: std::sync::mpsc::Receiver<Msg>) -> Result<Manifest, ScanError> {
        let mut status = Status::Interrupted;
        for msg in rx {
            match msg {
                Msg::Batch(batch) => self.write_batch(&batch)?,
                Msg::Finish(s) => {
                    status = s;
                    break;
                }
            }
        }
        self.checkpoint(status)?;
        Ok(self.manifest)
    }
}
