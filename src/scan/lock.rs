//! The exclusive lock of a scan directory. Every command that writes a scan directory (a new
//! scan, `--force`, `--resume`, `merge` into it) holds an OS advisory lock (`flock`) on
//! `DIR/.gmsbscan.lock` for its whole run, so two of them can never interleave their rows or
//! delete each other's files. The lock is released by the OS when the process ends, even after
//! `kill -9`: a stale lock file is harmless. The holder writes its pid, host and start time into
//! the file so that a refused command can say who holds the directory. `merge` takes the shared
//! lock of each shard it reads, so a shard still being written cannot be merged.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use thiserror::Error;

use super::manifest::rfc3339;

/// Name of the lock file inside a scan directory.
pub const LOCK_FILE: &str = ".gmsbscan.lock";

/// Why a directory could not be locked.
#[derive(Debug, Error)]
pub enum LockError {
    #[error("{} is in use by another gmsbscan process ({holder}); wait for it to finish or stop it first", dir.display())]
    Busy { dir: PathBuf, holder: String },
    #[error("cannot lock {}: the file system of {} does not support file locks (e.g. an NFS mount without a lock daemon), so gmsbscan cannot keep two processes from writing the directory at once; write the scan to a local or lock-capable directory (--out) and copy it afterwards, or, if you are sure nothing else writes it, set {NO_LOCK_ENV}=1 to run without the lock", path.display(), path.parent().map_or(String::new(), |p| p.display().to_string()))]
    Unsupported {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot lock {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The documented fallback on a file system without locks: run without the lock.
pub const NO_LOCK_ENV: &str = "GMSBSCAN_NO_LOCK";

/// Whether a lock error means "this file system has no locks" (ENOLCK, EOPNOTSUPP/ENOTSUP,
/// ENOSYS, or the platform's Unsupported), not a failure of this lock.
pub fn locks_unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported || matches!(e.raw_os_error(), Some(37 | 38 | 95))
}

/// A held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct DirLock {
    file: File,
    path: PathBuf,
}

impl DirLock {
    /// Takes the exclusive lock of `dir` (which must exist) and records this process as holder.
    pub fn exclusive(dir: &Path) -> Result<DirLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(busy(dir, &mut file)),
            Err(TryLockError::Error(e)) if locks_unsupported(&e) => {
                if std::env::var_os(NO_LOCK_ENV).is_none() {
                    return Err(LockError::Unsupported { path, source: e });
                }
                eprintln!(
                    "warning: {} cannot be locked ({e}); running without the lock ({NO_LOCK_ENV} is set)",
                    path.display()
                );
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let holder = format!(
            "pid {} on host {} since {}\n",
            std::process::id(),
            hostname(),
            rfc3339(SystemTime::now())
        );
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(holder.as_bytes()).map_err(io)?;
        Ok(DirLock { file, path })
    }

    /// Takes the shared lock of `dir` for reading it: refused while a scan holds the exclusive
    /// lock. Returns None when the directory has no lock file (then nothing writes it now, or
    /// it was written by a program that does not lock).
    pub fn shared(dir: &Path) -> Result<Option<DirLock>, LockError> {
        let path = dir.join(LOCK_FILE);
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(LockError::Io { path, source }),
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(DirLock { file, path })),
            Err(TryLockError::WouldBlock) => Err(busy(dir, &mut file)),
            Err(TryLockError::Error(source)) => Err(LockError::Io { path, source }),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes the release immediate
        // even if a duplicate of the descriptor lives on. An error here changes nothing.
        let _ = self.file.unlock();
    }
}

/// The refusal naming the holder recorded in the lock file.
fn busy(dir: &Path, file: &mut File) -> LockError {
    let mut text = String::new();
    let _ = file.read_to_string(&mut text);
    let holder = match text.trim() {
        "" => "holder not yet recorded".to_string(),
        t => t.to_string(),
    };
    LockError::Busy {
        dir: dir.to_path_buf(),
        holder,
    }
}

/// This machine's host name (Linux: the kernel's; elsewhere `$HOSTNAME`), or `unknown host`.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown host".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_exclusive_or_shared_lock_is_refused_naming_the_holder() {
        let tmp = tempfile::tempdir().unwrap();
        let held = DirLock::exclusive(tmp.path()).unwrap();
        // flock locks belong to the open file description: a second open in this process
        // conflicts exactly like another process would.
        let err = DirLock::exclusive(tmp.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("pid {}", std::process::id())) && err.contains(&hostname()),
            "{err}"
        );
        let err = DirLock::shared(tmp.path()).unwrap_err().to_string();
        assert!(err.contains("in use by another gmsbscan process"), "{err}");
        drop(held);
        let shared = DirLock::shared(tmp.path())
            .unwrap()
            .expect("lock file exists");
        assert!(
            DirLock::shared(tmp.path()).unwrap().is_some(),
            "shared locks coexist"
        );
        assert!(DirLock::exclusive(tmp.path()).is_err());
        drop(shared);
        DirLock::exclusive(tmp.path()).unwrap();
    }

    #[test]
    fn a_directory_without_lock_file_has_no_shared_lock_to_take() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(DirLock::shared(tmp.path()).unwrap().is_none());
    }
}

#[cfg(test)]
mod no_lock_tests {
    use super::*;

    #[test]
    fn file_systems_without_locks_are_recognised_and_explained() {
        // Linux: ENOLCK 37, ENOSYS 38, EOPNOTSUPP 95.
        for code in [37, 38, 95] {
            assert!(locks_unsupported(&std::io::Error::from_raw_os_error(code)));
        }
        assert!(!locks_unsupported(&std::io::Error::from_raw_os_error(13))); // EACCES
        let e = LockError::Unsupported {
            path: PathBuf::from("/nfs/scan/.gmsbscan.lock"),
            source: std::io::Error::from_raw_os_error(37),
        };
        let text = e.to_string();
        assert!(
            text.contains("does not support file locks") && text.contains(NO_LOCK_ENV),
            "{text}"
        );
    }
}
