//! Turning DOT text into pictures: the system Graphviz `dot` when it is installed, the
//! pure-Rust layout-rs crate when it is not.

use std::io::{ErrorKind, Read, Write};
use std::process::{Command, Stdio};

use super::DiagramFormat;
use crate::error::{Error, Result};

/// Run `dot -T<format>` on `dot_text`. `Ok(None)` when `dot` is not on `PATH`; an error when it
/// runs and fails. On success, the picture and whatever `dot` printed on stderr, line by line.
pub fn graphviz(dot_text: &str, format: DiagramFormat) -> Result<Option<(Vec<u8>, Vec<String>)>> {
    let mut cmd = Command::new("dot");
    match format {
        DiagramFormat::Svg => cmd.arg("-Tsvg"),
        // 2× the default 72 dpi: crisp text in a bitmap that someone will zoom into.
        DiagramFormat::Png => cmd.args(["-Tpng", "-Gdpi=144"]),
        DiagramFormat::Dot => unreachable!("DOT output is not rendered"),
    };
    let child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(failure(format!("could not start Graphviz dot: {e}"))),
    };
    // Feed stdin from a thread: a large graph's output can fill the stdout pipe before dot
    // has read all its input, and both sides would wait for ever.
    let mut stdin = child.stdin.take().expect("piped");
    let input = dot_text.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut bytes = Vec::new();
    let read = child.stdout.take().expect("piped").read_to_end(&mut bytes);
    let status = child
        .wait()
        .map_err(|e| failure(format!("Graphviz dot: {e}")))?;
    let fed = feeder.join().expect("stdin writer does not panic");
    let err_text = err_reader.join().expect("stderr reader does not panic");
    if !status.success() || read.is_err() || fed.is_err() {
        return Err(failure(format!(
            "Graphviz dot failed ({status}): {}",
            err_text.trim()
        )));
    }
    let warnings = err_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    Ok(Some((bytes, warnings)))
}

/// The error for a picture that needs Graphviz when it is not installed.
pub fn graphviz_missing(format: DiagramFormat) -> Error {
    let what = match format {
        DiagramFormat::Png => "PNG output needs Graphviz",
        _ => "--renderer graphviz needs Graphviz",
    };
    Error::bad_input(
        "dot",
        "PATH",
        format!(
            "{what}, but no `dot` program was found on PATH; install Graphviz \
             (e.g. `apt-get install graphviz`), or write .svg, which the built-in renderer draws"
        ),
    )
}

/// A rendering failure (Graphviz or layout-rs could not draw): exit status 2 like every error.
pub fn failure(message: String) -> Error {
    Error::Io {
        path: "render".into(),
        message,
    }
}
