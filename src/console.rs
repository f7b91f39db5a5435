//! Standard output and standard error without panics. `print!` panics when stdout is a closed
//! pipe (`deltagraph run | head -1`) or a full disk; here every write returns a [`Result`]:
//! a closed pipe is an error the command line ends on quietly ([`Error::is_closed_pipe`]),
//! anything else is exit status 2 with a message. Notes on stderr ignore failures: there is
//! nowhere left to report them.

use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// The error for a failed write to standard output.
pub fn stdout_failed(e: io::Error) -> Error {
    Error::io(Path::new("standard output"), "error-io-write", e)
}

/// Write `text` to standard output and flush it.
pub fn print(text: &str) -> Result<()> {
    print_bytes(text.as_bytes())
}

/// Write `bytes` to standard output and flush them.
pub fn print_bytes(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(stdout_failed)
}

/// Write to standard output through `write`, buffered, and flush: for output too large to
/// build in memory first (a table row by row).
pub fn stream(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(stdout_failed)
}

/// One line on standard error (a note, a warning, an error); a failure to write it is ignored.
pub fn note(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
