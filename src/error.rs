//! The crate's error type: every bad input names the file, where in it, and what was expected.

use std::fmt;
use std::path::Path;

/// An error caused by input the user gave (a file, an option) or by the file system.
///
/// Every variant maps to exit status 2 on the command line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file's content is wrong: which file, where (line or key), what was expected and found.
    #[error("{file}: {location}: {message}")]
    BadInput {
        /// The file (or `<built-in>`, `--option`).
        file: String,
        /// `line 4`, `key layers[1].weights`, …
        location: String,
        /// What was expected and what was found.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A bad-input error.
    pub fn bad_input(
        file: impl fmt::Display,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::BadInput {
            file: file.to_string(),
            location: location.into(),
            message: message.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            message: err.to_string(),
        }
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> u8 {
        2
    }
}

/// Read a file as UTF-8 text; a file that is not UTF-8 gets an error naming the first bad byte's
/// line and column. A leading byte-order mark is dropped (spreadsheets write one).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: format!("expected a readable file, but reading it failed: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::bad_input(
            path.display(),
            format!("line {line}, column {column}"),
            "expected UTF-8 text, found a byte that is not valid UTF-8",
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Create the output directory `path` (and its parents) if missing; an error says the
/// directory could not be made, and why.
pub fn create_output_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: format!("expected a directory to write into, but it cannot be created: {e}"),
    })
}

/// Write `bytes` to `path` all at once: into a temporary file beside it, then renamed over it,
/// so a failure never leaves a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Io {
            path: path.display().to_string(),
            message: "expected a file name, found a directory path".into(),
        })?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        // No fsync: the rename already makes the write all-or-nothing for every reader and for
        // any failure of this process, which is the promise here. An fsync would add
        // durability across an OS crash, at 3–25 ms a file on a busy disk, which would be most
        // of `deltagraph train`'s run time.
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, &e)
    })
}
