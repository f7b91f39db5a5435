//! Files in and out, safe by construction: inputs are read with a size cap, and every output
//! goes through one [`Output`], so no command can destroy a device node, replace a symbolic
//! link, write through a planted temporary file, leave a half-written file, or overwrite its
//! own input.
//!
//! How an output path is written depends on what it names, decided once by [`Output::check`]
//! before any long work:
//!
//! | the path | written how |
//! |---|---|
//! | `-`, `/dev/stdout`, `/dev/fd/1` | to standard output |
//! | a new file, or an existing regular file | to a temporary file created exclusively (`O_EXCL`, random name, by the `tempfile` crate) in the same directory, then renamed over the target, which is atomic: readers see the old file or the new one, never a mix, and on ext4 the rename over an old file makes the kernel write the new one out at once (`auto_da_alloc`), so an OS crash leaves one of the two, not an empty file |
//! | an existing regular file that already holds exactly these bytes, and that this process may write | left as it is (same inode, hard links kept): its access and modification times are set to now at the commit, as a rewrite would set them, so build tools see a fresh output; no temporary file, no rename |
//! | a symbolic link to a regular file | the same, at the link's target: the link stays a link |
//! | a dangling symbolic link | refused |
//! | a device, FIFO or socket (`/dev/null`, a named pipe) or another `/dev/fd/N`, `/proc/…` path | opened and written in place, never replaced |
//! | a directory, a path in a missing directory, one of the command's inputs | refused |
//!
//! Commands that write several files add them all to one [`Staging`] and [`commit`] it: every
//! file is fully written (to its temporary file) before the first is put in place, so a full
//! disk or a failing write leaves all the old files as they were.
//!
//! Writing ([`output`]) needs the `render` feature (it brings the `tempfile` crate); reading
//! is core.
//!
//! [`commit`]: Staging::commit
//! [`Output`]: output::Output
//! [`Output::check`]: output::Output::check
//! [`Staging`]: output::Staging

#[cfg(feature = "render")]
pub mod output;
#[cfg(feature = "render")]
pub use output::{Destination, Output, Staging};

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;

/// Input files larger than this are refused before they are read (64 MiB: a spec of a
/// million weights is about 20 MB). Endless inputs such as `/dev/zero` stop here too.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Read a file as UTF-8 text, at most [`MAX_INPUT_BYTES`]; a file that is not UTF-8 gets an
/// error naming the first bad byte's line and column. A leading byte-order mark is dropped
/// (spreadsheets write one).
pub fn read_text(path: &Path) -> Result<String> {
    utf8_text(path, read_bytes(path)?)
}

/// Read a file's bytes, at most [`MAX_INPUT_BYTES`]: a larger or endless file is an error
/// before more than that is read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let read_failed = |e| Error::io(path, "error-io-read", e);
    let too_large = || {
        Err(Error::bad_input(
            path.display(),
            "size",
            msg!("file-too-large", mib = MAX_INPUT_BYTES >> 20),
        ))
    };
    let file = fs::File::open(path).map_err(read_failed)?;
    // A file's size says at once if it is too large, and gives room for all of it and one byte
    // more, so it is read in one call and the next finds the end (through `take` the buffer
    // would grow from 32 bytes, a read per doubling). A FIFO or device reports no size: the
    // cap on what is read still holds.
    let size = file.metadata().map_or(0, |m| m.len());
    if size > MAX_INPUT_BYTES {
        return too_large();
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_failed)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return too_large();
    }
    Ok(bytes)
}

/// `bytes` (read from `path`) as UTF-8 text, without a leading byte-order mark; bytes that
/// are not UTF-8 are an error naming the first bad byte's line and column.
pub fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::bad_input(
            path.display(),
            format!("line {line}, column {column}"),
            Message::new("file-not-utf8"),
        )
    })?;
    let mut text = text;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Create the output directory `path` (and its parents) if missing; an error says the
/// directory could not be made, and why.
pub fn create_output_dir(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        // There already (one look instead of three: `create_dir_all` tries to make it and
        // then looks whether it is a directory).
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) if meta.is_file() => Err(Error::bad_option(
            "--out",
            msg!("file-out-dir-is-file", path = path.display().to_string()),
        )),
        _ => fs::create_dir_all(path).map_err(|e| Error::io(path, "error-io-mkdir", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_at_the_cap() {
        let e = read_text(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("at most 64 MiB"), "{e}");
    }
}
