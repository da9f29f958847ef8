//! `manifest.json`: provenance (program version, git revision, seed, config hash), progress
//! (next id, byte lengths of the CSV files at the last checkpoint, used by `--resume`), counts per
//! rejection reason, timing and status. Always replaced atomically (temp file, fsync, rename), so
//! a reader or a resumed run never sees a half-written manifest.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::models::ModelName;

pub use super::record::FileRecord;

/// File names inside a scan's output directory.
pub const MANIFEST_FILE: &str = "manifest.json";
pub const CONFIG_FILE: &str = "config.toml";
pub const VIABLE_FILE: &str = "viable.csv";
pub const REJECTED_FILE: &str = "rejected.csv";

/// The state of a scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In progress (or killed without a chance to say so: resumable).
    Running,
    /// Stopped by a signal after writing the last batch: resumable.
    Interrupted,
    /// Every point of the id range was evaluated.
    Complete,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Running => "running",
            Status::Interrupted => "interrupted",
            Status::Complete => "complete",
        })
    }
}

/// A shard of a scan: block `index` of `count` contiguous blocks of the id range 0..points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parses `K/N` (0 <= K < N).
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard '{s}' is not of the form K/N (e.g. 0/8)"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard '{s}': '{k}' is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard '{s}': '{n}' is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("shard '{s}': need 0 <= K < N"));
        }
        Ok(Shard { index, count })
    }

    /// `K/N`, or `none` for an unsharded scan (for messages).
    pub fn describe(shard: Option<Shard>) -> String {
        shard.map_or("none".into(), |s| format!("{}/{}", s.index, s.count))
    }

    /// The ids of this shard: a contiguous block, so merged shards are the concatenation of the
    /// shards' rows in shard order.
    pub fn id_range(&self, points: u64) -> (u64, u64) {
        let edge = |k: u64| ((k as u128 * points as u128) / self.count as u128) as u64;
        (edge(self.index), edge(self.index + 1))
    }
}

/// The CSV files at the last checkpoint: byte length, data rows and SHA-256 of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Files {
    pub viable_csv: FileRecord,
    /// Present when rejected points are kept (`--keep-rejected`).
    pub rejected_csv: Option<FileRecord>,
}

/// The content of `manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub program: String,
    pub version: String,
    pub git_revision: String,
    pub name: String,
    pub status: Status,
    pub seed: u64,
    pub sampler: String,
    /// The echoed effective configuration (in the same directory).
    pub config_file: String,
    /// SHA-256 of the effective configuration.
    pub config_hash: String,
    /// Points of the whole scan (ids 0..points_total).
    pub points_total: u64,
    pub shard: Option<Shard>,
    /// The ids this run covers: first_id..end_id.
    pub first_id: u64,
    pub end_id: u64,
    /// The first id not yet written: the run resumes here.
    pub next_id: u64,
    /// Points evaluated and written (= next_id - first_id).
    pub sampled: u64,
    /// Points with at least one viable solution.
    pub viable_points: u64,
    /// Rows of viable.csv.
    pub viable_solutions: u64,
    /// Points without a viable solution (the sum of `rejections`).
    pub rejected_points: u64,
    /// Rejected points per reason key; viable_points + sum(rejections) = sampled.
    pub rejections: BTreeMap<String, u64>,
    pub keep_rejected: bool,
    /// Threads of the last session.
    pub threads: usize,
    /// Sessions (1 + the number of resumes).
    pub sessions: u32,
    /// RFC 3339 UTC.
    pub started: String,
    pub updated: String,
    pub ended: Option<String>,
    /// Wall time summed over sessions [s].
    pub wall_time_s: f64,
    pub points_per_second: f64,
    pub files: Files,
    /// For a directory written by `gmsbscan merge`: the shard directories, in id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<String>,
    /// The prior measure of the scan's inputs, in words (`ScanPlan::prior_measure`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prior_measure: String,
    /// `sampler = "mcmc"`: chains, phase, acceptance, effective sample sizes and the checkpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcmc: Option<super::mcmc_run::McmcRecord>,
    /// `sampler = "importance"`: the pilot's labels, evaluated draws, weights and effective samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance: Option<super::importance::ImportanceRecord>,
    /// The model scanned (absent: hmz, so that HMZ manifests keep their bytes).
    #[serde(default, skip_serializing_if = "ModelName::is_hmz")]
    pub model: ModelName,
}

impl Manifest {
    /// Reads a manifest; a malformed one is an `InvalidData` error naming the field or line.
    pub fn read(path: &Path) -> std::io::Result<Manifest> {
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not a valid gmsbscan manifest: {e}"),
            )
        })
    }

    /// Replaces `path` atomically with this manifest.
    pub fn write_atomic(&self, path: &Path) -> std::io::Result<()> {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest serialises");
        text.push('\n');
        write_atomic(path, text.as_bytes())
    }
}

/// Writes a file atomically: a temp file in the same directory, fsync, rename over `path`. The
/// file gets the permissions of an ordinary new file (0666 less the umask), so colleagues in a
/// shared project directory can read it like the CSVs (a temp file would otherwise be 0600).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = new_file_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temp file in `dir` with ordinary-file permissions (0666 less the umask on Unix).
pub fn new_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gmsbscan-tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// The program version and git revision recorded in manifests.
pub fn program_version() -> (&'static str, &'static str) {
    (env!("CARGO_PKG_VERSION"), env!("GMSBSCAN_GIT_REVISION"))
}

/// RFC 3339 UTC timestamp with second precision, e.g. `2026-11-03T14:05:09Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400); // leap day 2000
        assert_eq!(rfc3339(t), "2000-02-29T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        assert_eq!(rfc3339(t), "2026-09-21T14:13:20Z");
    }

    #[test]
    fn shards_partition_the_id_range() {
        for points in [0u64, 1, 7, 100, 1001] {
            for count in 1..6 {
                let mut next = 0;
                for index in 0..count {
                    let (a, b) = Shard { index, count }.id_range(points);
                    assert_eq!(a, next);
                    next = b;
                }
                assert_eq!(next, points);
            }
        }
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        assert!(Shard::parse("8/8").is_err());
        assert!(Shard::parse("x").is_err());
    }
}
