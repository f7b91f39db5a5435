//! Where each message of a Fluent catalogue is, found line by line without parsing. The build
//! script ([`build.rs`](../../../../build.rs)) indexes the catalogues with it, so that a run
//! parses only the messages it shows; the catalogue's tests check it finds what Fluent's
//! parser finds.

use std::ops::Range;

/// Each message of a Fluent `source`, in file order: its id and the byte range of its text. A
/// message starts at column 0 with `id =`; the lines after it that are indented, blank, or
/// start a variant (`[`, `*[`), an attribute (`.`) or close a placeable (`}`) continue it;
/// any other line at column 0 (a comment, a term, the next message) ends it.
pub fn messages(source: &str) -> Vec<(&str, Range<usize>)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut open: Option<(&str, usize)> = None;
    let line_starts = std::iter::once(0).chain(
        (0..bytes.len())
            .filter(|&i| bytes[i] == b'\n')
            .map(|i| i + 1),
    );
    for start in line_starts {
        let continues = matches!(
            bytes.get(start),
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'[' | b'*' | b'.' | b'}')
        );
        if continues {
            continue;
        }
        if let Some((id, begin)) = open.take() {
            found.push((id, begin..start));
        }
        open = id_length(&bytes[start..]).map(|len| (&source[start..start + len], start));
    }
    if let Some((id, begin)) = open {
        found.push((id, begin..source.len()));
    }
    found
}

/// The length of the id a line at column 0 defines, if it starts a message: a Fluent
/// identifier (`[a-zA-Z][a-zA-Z0-9_-]*`), then spaces and `=`.
fn id_length(line: &[u8]) -> Option<usize> {
    if !line.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = line
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let after = line[len..].iter().find(|&&b| b != b' ');
    (after == Some(&b'=')).then_some(len)
}
