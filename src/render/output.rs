//! Turning DOT text into pictures: the system Graphviz `dot` when it can be run, the pure-Rust
//! layout-rs crate when it cannot.
//!
//! `dot` runs as a child process under a time limit ([`Options::graphviz_timeout`]): when the
//! limit passes it is killed (with anything it started), and on Linux the kernel kills it
//! too if deltagraph itself ends first (`PR_SET_PDEATHSIG`). What it prints is checked to be
//! a picture of the asked format before anyone writes it to a file.
//!
//! [`Options::graphviz_timeout`]: super::Options::graphviz_timeout

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::DiagramFormat;
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;

/// How often the child is polled while waiting for it.
const POLL: Duration = Duration::from_millis(5);

/// Run `dot -T<format>` on `dot_text`, for at most `timeout`. `Ok(None)` when no `dot` can be
/// run (not on `PATH`, not executable); an error when it runs and fails, times out, or prints
/// something that is not a picture. On success, the picture and whatever `dot` printed on
/// stderr, line by line.
pub fn graphviz(
    dot_text: &str,
    format: DiagramFormat,
    timeout: Duration,
) -> Result<Option<(Vec<u8>, Vec<String>)>> {
    let mut cmd = Command::new("dot");
    match format {
        DiagramFormat::Svg => cmd.arg("-Tsvg"),
        // 2× the default 72 dpi: crisp text in a bitmap that someone will zoom into.
        DiagramFormat::Png => cmd.args(["-Tpng", "-Gdpi=144"]),
        DiagramFormat::Dot => unreachable!("DOT output is not rendered"),
    };
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    die_with_parent(&mut cmd);
    let Ok(mut child) = cmd.spawn() else {
        // Missing, not executable, not a program: like no Graphviz at all.
        return Ok(None);
    };
    // Feed stdin and drain stdout and stderr from threads: a large graph's output can fill a
    // pipe before dot has read all its input, and both sides would wait for ever.
    let mut stdin = child.stdin.take().expect("piped");
    let input = dot_text.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let mut stdout = child.stdout.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let status = match wait_at_most(&mut child, timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            kill(&mut child);
            return Err(Error::render(msg!(
                "render-dot-timeout",
                seconds = timeout.as_secs_f64().to_string()
            )));
        }
        Err(e) => {
            kill(&mut child);
            return Err(Error::render(msg!(
                "render-dot-wait",
                error = e.to_string()
            )));
        }
    };
    let fed = feeder.join().expect("stdin writer does not panic");
    let read = out_reader.join().expect("stdout reader does not panic");
    let err_text = err_reader.join().expect("stderr reader does not panic");
    let bytes = match (status.success(), read, fed) {
        (true, Ok(bytes), Ok(())) => bytes,
        _ => {
            return Err(Error::render(msg!(
                "render-dot-failed",
                status = status.to_string(),
                output = err_text.trim()
            )));
        }
    };
    if !is_picture(&bytes, format) {
        let printed = if bytes.is_empty() {
            Message::new("render-printed-nothing")
        } else {
            msg!("render-printed-bytes", bytes = bytes.len())
        };
        let wanted = match format {
            DiagramFormat::Png => "render-wanted-png",
            _ => "render-wanted-svg",
        };
        return Err(Error::render(msg!(
            "render-dot-no-picture",
            printed = printed,
            wanted = Message::new(wanted)
        )));
    }
    let warnings = err_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    Ok(Some((bytes, warnings)))
}

/// Whether `bytes` look like a picture of `format`: the PNG signature, or an `<svg` element
/// near the start (after Graphviz's XML declaration and comments).
fn is_picture(bytes: &[u8], format: DiagramFormat) -> bool {
    match format {
        DiagramFormat::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        _ => {
            let head = &bytes[..bytes.len().min(4096)];
            head.windows(4).any(|w| w == b"<svg") && bytes.trim_ascii_end().ends_with(b">")
        }
    }
}

/// The child's exit status, or `None` when `timeout` passed first.
fn wait_at_most(
    child: &mut Child,
    timeout: Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        std::thread::sleep(POLL);
    }
}

/// Kill the child and everything in its process group (a `dot` wrapper script's own
/// children), then reap it.
fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        // SAFETY: kill(2) with a negative pid signals the process group the child leads (it
        // was started with `process_group(0)`); it touches no memory of ours.
        let pgid = child.id() as libc::pid_t;
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Start the child in a process group of its own (so a timeout can kill all of it) and, on
/// Linux, ask the kernel to kill it when deltagraph ends, however it ends.
fn die_with_parent(cmd: &mut Command) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
        #[cfg(target_os = "linux")]
        {
            let parent = std::process::id() as libc::pid_t;
            // SAFETY: the closure runs in the forked child before exec and calls only
            // async-signal-safe functions (prctl, getppid, _exit), allocating nothing.
            unsafe {
                cmd.pre_exec(move || {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    // The parent may have ended before prctl took effect.
                    if libc::getppid() != parent {
                        libc::_exit(1);
                    }
                    Ok(())
                });
            }
        }
    }
}

/// The error for a picture that needs Graphviz when it cannot be run.
pub fn graphviz_missing(format: DiagramFormat) -> Error {
    let what = match format {
        DiagramFormat::Png => "render-png-needs-graphviz",
        _ => "render-renderer-needs-graphviz",
    };
    let option = match format {
        DiagramFormat::Png => "-o",
        _ => "--renderer",
    };
    Error::bad_option(option, Message::new(what))
}

/// A rendering failure (Graphviz or layout-rs could not draw): exit status 2 like every error.
pub fn failure(message: Message) -> Error {
    Error::render(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_recognised() {
        assert!(is_picture(
            b"<?xml version=\"1.0\"?>\n<!-- x -->\n<svg width=\"1\"></svg>\n",
            DiagramFormat::Svg
        ));
        assert!(!is_picture(b"", DiagramFormat::Svg));
        assert!(!is_picture(b"garbage", DiagramFormat::Svg));
        assert!(!is_picture(b"<svg truncated", DiagramFormat::Svg));
        assert!(is_picture(b"\x89PNG\r\n\x1a\n....", DiagramFormat::Png));
        assert!(!is_picture(b"<svg></svg>", DiagramFormat::Png));
    }
}
