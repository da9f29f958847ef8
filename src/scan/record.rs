//! What a manifest records of each CSV file at a checkpoint, and the checks made before a file is
//! trusted: its byte length, its number of data rows and the SHA-256 of those bytes. The writer
//! computes the record while writing ([`HashingWriter`]); `--resume` and `merge` recompute it
//! from the file ([`verify_prefix`]) and refuse, naming the file and what differs, before
//! anything is cut or copied.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One CSV file at a checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRecord {
    /// Length in bytes (header included).
    pub bytes: u64,
    /// Data rows (lines after the header; every record is one line).
    pub rows: u64,
    /// SHA-256 of the first `bytes` bytes, lower-case hex.
    pub sha256: String,
}

/// A running digest of a byte stream: length, newlines and SHA-256.
#[derive(Clone, Debug, Default)]
pub struct Digester {
    sha: Sha256,
    bytes: u64,
    newlines: u64,
}

impl Digester {
    pub fn update(&mut self, data: &[u8]) {
        self.sha.update(data);
        self.bytes += data.len() as u64;
        self.newlines += data.iter().filter(|&&b| b == b'\n').count() as u64;
    }

    /// The record of the bytes seen so far.
    pub fn record(&self) -> FileRecord {
        FileRecord {
            bytes: self.bytes,
            rows: self.newlines.saturating_sub(1),
            sha256: hex(&self.sha.clone().finalize()),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A writer that digests everything written through it.
pub struct HashingWriter<W> {
    inner: W,
    digest: Digester,
}

impl<W: Write> HashingWriter<W> {
    /// Continues a digest (of the bytes already in the file) over what is written next.
    pub fn new(inner: W, digest: Digester) -> Self {
        HashingWriter { inner, digest }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    pub fn record(&self) -> FileRecord {
        self.digest.record()
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Why a file does not match its record.
#[derive(Debug, thiserror::Error)]
pub enum Mismatch {
    #[error("has {actual} bytes but the manifest recorded {recorded} (the file was truncated or replaced)")]
    TooShort { actual: u64, recorded: u64 },
    #[error("has {actual} bytes but the manifest recorded {recorded} (the file was appended to or replaced)")]
    TooLong { actual: u64, recorded: u64 },
    #[error(
        "has {actual} data rows in its first {bytes} bytes but the manifest recorded {recorded}"
    )]
    Rows {
        bytes: u64,
        actual: u64,
        recorded: u64,
    },
    #[error("the SHA-256 of its first {bytes} bytes is {actual} but the manifest recorded {recorded} (the file was modified)")]
    Checksum {
        bytes: u64,
        actual: String,
        recorded: String,
    },
    /// Formatted into the message (not a source): the mismatch is reported as one line.
    #[error("cannot be read: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for Mismatch {
    fn from(e: std::io::Error) -> Self {
        Mismatch::Io(e)
    }
}

/// Checks that the first `record.bytes` bytes of `path` match `record`; with `exact`, the file
/// must also have no bytes beyond them. Returns the digest of those bytes (to continue writing
/// after them). Reads the file; changes nothing.
pub fn verify_prefix(path: &Path, record: &FileRecord, exact: bool) -> Result<Digester, Mismatch> {
    let file = File::open(path)?;
    let actual = file.metadata()?.len();
    if actual < record.bytes {
        return Err(Mismatch::TooShort {
            actual,
            recorded: record.bytes,
        });
    }
    if exact && actual > record.bytes {
        return Err(Mismatch::TooLong {
            actual,
            recorded: record.bytes,
        });
    }
    let mut digest = Digester::default();
    let mut reader = BufReader::new(file).take(record.bytes);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        digest.update(&buf[..n]);
    }
    let found = digest.record();
    if found.rows != record.rows {
        return Err(Mismatch::Rows {
            bytes: record.bytes,
            actual: found.rows,
            recorded: record.rows,
        });
    }
    if found.sha256 != record.sha256 {
        return Err(Mismatch::Checksum {
            bytes: record.bytes,
            actual: found.sha256,
            recorded: record.sha256.clone(),
        });
    }
    Ok(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest_of(data: &[u8]) -> FileRecord {
        let mut d = Digester::default();
        d.update(data);
        d.record()
    }

    #[test]
    fn the_record_counts_bytes_rows_and_hashes_like_sha256sum() {
        let r = digest_of(b"a,b\n1,2\n3,4\n");
        assert_eq!((r.bytes, r.rows), (12, 2));
        // `printf 'a,b\n1,2\n3,4\n' | sha256sum`
        assert_eq!(
            r.sha256,
            "b9485148546419a0f6a85e8d708c923557c15d7f3c7d078ef1fa7f7c0f57d5a5"
        );
        // Split writes give the same record as one write.
        let mut d = Digester::default();
        d.update(b"a,b\n1,");
        d.update(b"2\n3,4\n");
        assert_eq!(d.record(), r);
    }

    #[test]
    fn verification_names_what_differs_and_accepts_a_longer_file_as_prefix() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f.csv");
        std::fs::write(&path, b"h\n1\n2\n3\n").unwrap();
        let rec = digest_of(b"h\n1\n2\n");
        verify_prefix(&path, &rec, false).unwrap();
        let e = verify_prefix(&path, &rec, true).unwrap_err().to_string();
        assert!(e.contains("8 bytes but the manifest recorded 6"), "{e}");
        let mut wrong_rows = rec.clone();
        wrong_rows.rows = 5;
        let e = verify_prefix(&path, &wrong_rows, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("2 data rows") && e.contains("recorded 5"), "{e}");
        std::fs::write(&path, b"h\n1\n9\n3\n").unwrap();
        let e = verify_prefix(&path, &rec, false).unwrap_err().to_string();
        assert!(e.contains("SHA-256"), "{e}");
        std::fs::write(&path, b"h\n").unwrap();
        let e = verify_prefix(&path, &rec, false).unwrap_err().to_string();
        assert!(e.contains("2 bytes but the manifest recorded 6"), "{e}");
    }
}
