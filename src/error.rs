//! The crate's error type: every bad input names the file (or the option), where in it, and
//! what was expected; an I/O failure keeps its [`std::io::Error`] as the source.
//!
//! Modelled on rust-csv's `Error`/`ErrorKind`: [`Error`] is a small boxed handle (one pointer in
//! every `Result`), [`Error::kind`] says what happened, and [`ErrorKind`] is
//! `#[non_exhaustive]` so new kinds can be added without breaking a caller's `match`.
//!
//! The prose of every error lives in one place, the [`Display`](fmt::Display) impl below; the
//! constructors only carry facts. Text that came from the user (file names, keys, values) is
//! shown with control characters escaped and cut at [`crate::escape::ECHO_LIMIT`] characters,
//! so a hostile input cannot flood or drive the terminal.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::escape;
use crate::i18n::Lang;
use crate::tr;

/// An error caused by input the user gave (a file, an option) or by the file system.
///
/// Every kind maps to exit status 2 on the command line ([`Error::exit_code`]).
pub struct Error(Box<ErrorKind>);

/// What went wrong. Match on it through [`Error::kind`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file's content is wrong: which file, where (line or key), what was expected and found.
    BadInput {
        /// The file (or `<built-in>`).
        file: String,
        /// `line 4`, `key layers[1].weights`, …
        location: String,
        /// What was expected and what was found.
        message: String,
    },
    /// A command-line option (or the matching library setting) has a value that cannot work.
    BadOption {
        /// The option, as typed on the command line: `--epochs`, `-o`, …
        option: String,
        /// What was expected and what was found.
        message: String,
    },
    /// Reading or writing a file (or standard output) failed.
    Io {
        /// The file; `standard output` for the console.
        path: PathBuf,
        /// What was being done: `expected a readable file, but reading it failed`.
        action: String,
        /// The operating system's error.
        source: io::Error,
    },
    /// A picture could not be drawn: Graphviz failed, timed out or printed no picture, or
    /// layout-rs could not lay the graph out.
    Render {
        /// What happened.
        message: String,
    },
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A bad-input error: `file`, where in it, and what was expected and found.
    pub fn bad_input(
        file: impl fmt::Display,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::new(ErrorKind::BadInput {
            file: file.to_string(),
            location: location.into(),
            message: message.into(),
        })
    }

    /// A bad value for the command-line option `option` (e.g. `--epochs`).
    pub fn bad_option(option: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::BadOption {
            option: option.into(),
            message: message.into(),
        })
    }

    /// An I/O error on `path` while doing `action` (`expected a readable file, but reading it
    /// failed`); the `io::Error` is kept as the [source](std::error::Error::source).
    pub fn io(path: &Path, action: impl Into<String>, source: io::Error) -> Self {
        Error::new(ErrorKind::Io {
            path: path.to_path_buf(),
            action: action.into(),
            source,
        })
    }

    /// A rendering failure.
    pub fn render(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Render {
            message: message.into(),
        })
    }

    /// An error of this kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The kind, by value.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// Whether this is a write to a pipe whose reader has gone (`deltagraph run | head -1`):
    /// the command line ends quietly then, as `grep` and `rg` do.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self.kind(), ErrorKind::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> u8 {
        2
    }
}

/// User text as shown in an error: control characters escaped, cut at the echo limit.
fn shown(text: &str) -> Cow<'_, str> {
    escape::echo(text)
}

impl Error {
    /// The error for people in `lang`: [`Display`](fmt::Display) is the English text. In
    /// Chinese the frame, the file operation and the operating system's reason are in Chinese;
    /// what a bad-input or bad-option message says about the file's content stays as written.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self.kind() {
            ErrorKind::Io {
                path,
                action,
                source,
            } => {
                let action = match io_action_id(action) {
                    Some(id) => lang.text(id),
                    None => escape::echo_message(action).into_owned(),
                };
                tr!(
                    lang,
                    "error-io",
                    path = shown(&path.display().to_string()).into_owned(),
                    action = action,
                    reason = io_reason(source, lang)
                )
            }
            ErrorKind::Render { message } => tr!(
                lang,
                "error-render",
                message = escape::echo_message(message).into_owned()
            ),
            ErrorKind::BadInput {
                file,
                location,
                message,
            } => tr!(
                lang,
                "error-bad-input",
                file = shown(file).into_owned(),
                location = location_text(&shown(location), lang),
                message = escape::echo_message(message).into_owned()
            ),
            ErrorKind::BadOption { option, message } => tr!(
                lang,
                "error-bad-option",
                option = shown(option).into_owned(),
                message = escape::echo_message(message).into_owned()
            ),
        }
    }
}

/// A location (`line 4`, `line 3, column 7, key layers`, `key layers[1].weights`,
/// `lines 2-5`, `row 7`, `value z4`) in `lang`: each part's word translated, the numbers and
/// names kept.
fn location_text(location: &str, lang: Lang) -> String {
    let parts: Vec<String> = location
        .split(", ")
        .map(|part| {
            let (word, rest) = part.split_once(' ').unwrap_or((part, ""));
            let id = match word {
                "line" => "error-location-line",
                "lines" => "error-location-lines",
                "column" => "error-location-column",
                "key" => "error-location-key",
                "row" => "error-location-row",
                "value" => "error-location-value",
                _ => return part.to_string(),
            };
            tr!(lang, id, at = rest)
        })
        .collect();
    parts.join(&lang.text("error-location-separator"))
}

/// The catalogue id of a file operation that failed (the `action` of [`ErrorKind::Io`]).
fn io_action_id(action: &str) -> Option<&'static str> {
    Some(match action {
        "expected a readable file, but reading it failed" => "error-io-read",
        "writing failed" | "writing it failed" => "error-io-write",
        "expected a link that can be followed" => "error-io-link",
        "expected a file that can be written" => "error-io-writable",
        "expected a directory where files can be created, but creating one failed" => {
            "error-io-create-in"
        }
        "expected a directory to write into, but it cannot be created" => "error-io-mkdir",
        "putting the new file in place failed" => "error-io-persist",
        _ => return None,
    })
}

/// The operating system's reason for an I/O failure, in `lang` for the common kinds.
fn io_reason(source: &io::Error, lang: Lang) -> String {
    let id = match source.kind() {
        io::ErrorKind::NotFound => "error-os-not-found",
        io::ErrorKind::PermissionDenied => "error-os-permission",
        io::ErrorKind::AlreadyExists => "error-os-exists",
        io::ErrorKind::IsADirectory => "error-os-is-directory",
        io::ErrorKind::NotADirectory => "error-os-not-directory",
        io::ErrorKind::StorageFull => "error-os-full",
        io::ErrorKind::ReadOnlyFilesystem => "error-os-read-only",
        _ => return source.to_string(),
    };
    match source.raw_os_error() {
        Some(code) => tr!(
            lang,
            "error-os-code",
            reason = lang.text(id),
            code = code.to_string()
        ),
        None => lang.text(id),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            ErrorKind::BadInput {
                file,
                location,
                message,
            } => write!(
                f,
                "{}: {}: {}",
                shown(file),
                shown(location),
                escape::echo_message(message)
            ),
            ErrorKind::BadOption { option, message } => {
                write!(f, "{}: {}", shown(option), escape::echo_message(message))
            }
            ErrorKind::Io {
                path,
                action,
                source,
            } => write!(
                f,
                "{}: {}: {source}",
                shown(&path.display().to_string()),
                escape::echo_message(action)
            ),
            ErrorKind::Render { message } => {
                write!(f, "render: {}", escape::echo_message(message))
            }
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.kind() {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn io_errors_keep_their_source() {
        let e = Error::io(
            Path::new("a.toml"),
            "expected a readable file, but reading it failed",
            io::Error::from(io::ErrorKind::NotFound),
        );
        let source = e.source().expect("an io::Error source");
        let io = source.downcast_ref::<io::Error>().expect("io::Error");
        assert_eq!(io.kind(), io::ErrorKind::NotFound);
        assert!(
            e.to_string()
                .starts_with("a.toml: expected a readable file")
        );
        assert!(!e.is_closed_pipe());
    }

    #[test]
    fn bad_options_are_their_own_kind() {
        let e = Error::bad_option("--epochs", "expected at most 1000000, found 5000000");
        assert!(matches!(e.kind(), ErrorKind::BadOption { option, .. } if option == "--epochs"));
        assert_eq!(
            e.to_string(),
            "--epochs: expected at most 1000000, found 5000000"
        );
    }

    #[test]
    fn echoed_text_is_escaped_and_cut() {
        let name = format!("\u{1b}[31m{}\0", "x".repeat(10_000));
        let e = Error::bad_input(&name, "line 1", format!("found {name}"));
        let shown = e.to_string();
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(shown.contains("\\u{1b}[31m"));
        assert!(shown.contains('…'));
        assert!(shown.chars().count() < 1_000, "{}", shown.len());
    }
}
