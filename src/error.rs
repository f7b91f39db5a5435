//! The crate's error type: every bad input names the file (or the option), where in it, and
//! what was expected; an I/O failure keeps its [`std::io::Error`] as the source.
//!
//! Modelled on rust-csv's `Error`/`ErrorKind`: [`Error`] is a small boxed handle (one pointer in
//! every `Result`), [`Error::kind`] says what happened, and [`ErrorKind`] is
//! `#[non_exhaustive]` so new kinds can be added without breaking a caller's `match`.
//!
//! What an error says is data: a catalogue [`Message`] (an id and named arguments: keys,
//! lines, what was expected and what was found), rendered in the reader's language only when
//! it is shown ([`Error::text`]). [`Display`](fmt::Display) is the English text, so a library
//! user who prints an error reads English (with the `i18n` feature off, the message shows as
//! data, `id(name: value, …)`, like every message of the light core). Text that came from the
//! user (file names, keys, values) is shown with control characters escaped and cut at
//! [`crate::escape::ECHO_LIMIT`] characters, so a hostile input cannot flood or drive the
//! terminal.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::escape;
use crate::i18n::{Lang, Message};
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
        /// `line 4`, `key layers[1].weights`, … (in English; [`Error::text`] translates the
        /// words and keeps the numbers and keys).
        location: String,
        /// What was expected and what was found.
        message: Message,
    },
    /// A command-line option (or the matching library setting) has a value that cannot work.
    BadOption {
        /// The option, as typed on the command line: `--epochs`, `-o`, …
        option: String,
        /// What was expected and what was found.
        message: Message,
    },
    /// Reading or writing a file (or standard output) failed.
    Io {
        /// The file; `standard output` for the console.
        path: PathBuf,
        /// What was being done: `error-io-read` (expected a readable file, but reading it
        /// failed), …
        action: Message,
        /// The operating system's error.
        source: io::Error,
    },
    /// The command line as a whole cannot work, though each argument alone could (`check
    /// hand.csv spec.toml`: the arguments in the wrong order).
    Usage {
        /// What was expected and what was found, and the usage.
        message: Message,
    },
    /// A picture could not be drawn: Graphviz failed, timed out or printed no picture, or
    /// layout-rs could not lay the graph out.
    Render {
        /// What happened.
        message: Message,
    },
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A bad-input error: `file`, where in it, and what was expected and found.
    pub fn bad_input(
        file: impl fmt::Display,
        location: impl Into<String>,
        message: Message,
    ) -> Self {
        Error::new(ErrorKind::BadInput {
            file: file.to_string(),
            location: location.into(),
            message,
        })
    }

    /// This error with the line of its key in front (`line 12, key layers[0].weights[1]`),
    /// where `line_of` finds the key: a spec's checks name keys, and an editor shows lines.
    /// Any other error, or a key `line_of` does not find, is returned as it was.
    pub(crate) fn with_line_of_key(mut self, line_of: impl FnOnce(&str) -> Option<usize>) -> Self {
        if let ErrorKind::BadInput { location, .. } = &mut *self.0
            && let Some(path) = location.strip_prefix("key ")
            && !path.contains(", ")
            && let Some(line) = line_of(path)
        {
            *location = format!("line {line}, {location}");
        }
        self
    }

    /// A bad value for the command-line option `option` (e.g. `--epochs`).
    pub fn bad_option(option: impl Into<String>, message: Message) -> Self {
        Error::new(ErrorKind::BadOption {
            option: option.into(),
            message,
        })
    }

    /// An I/O error on `path` while doing `action` (the catalogue id of what was being done:
    /// `error-io-read`, `error-io-write`, …); the `io::Error` is kept as the
    /// [source](std::error::Error::source).
    pub fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        Error::new(ErrorKind::Io {
            path: path.to_path_buf(),
            action: Message::new(action),
            source,
        })
    }

    /// A command line that cannot work as a whole (see [`ErrorKind::Usage`]).
    pub fn usage(message: Message) -> Self {
        Error::new(ErrorKind::Usage { message })
    }

    /// A rendering failure.
    pub fn render(message: Message) -> Self {
        Error::new(ErrorKind::Render { message })
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
    /// The error for people in `lang`: what was expected and found, where, in which file. In
    /// English it is the [`Display`](fmt::Display) text.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self.kind() {
            ErrorKind::Io {
                path,
                action,
                source,
            } => tr!(
                lang,
                "error-io",
                path = shown(&path.display().to_string()).into_owned(),
                action = lang.render(action),
                reason = io_reason(source, lang)
            ),
            ErrorKind::Render { message } => {
                tr!(lang, "error-render", message = said(message, lang))
            }
            ErrorKind::Usage { message } => said(message, lang),
            ErrorKind::BadInput {
                file,
                location,
                message,
            } => tr!(
                lang,
                "error-bad-input",
                file = shown(file).into_owned(),
                location = location_text(&shown(location), lang),
                message = said(message, lang)
            ),
            ErrorKind::BadOption { option, message } => tr!(
                lang,
                "error-bad-option",
                option = shown(option).into_owned(),
                message = said(message, lang)
            ),
        }
    }

    /// What the error says, without the file and location: the message in `lang`.
    pub fn message(&self) -> Option<&Message> {
        match self.kind() {
            ErrorKind::BadInput { message, .. }
            | ErrorKind::BadOption { message, .. }
            | ErrorKind::Usage { message }
            | ErrorKind::Render { message } => Some(message),
            ErrorKind::Io { .. } => None,
        }
    }
}

/// A message in `lang`, with the user text it quotes made safe to show.
fn said(message: &Message, lang: Lang) -> String {
    escape::echo_message(&lang.render(message)).into_owned()
}

/// A location (`line 4`, `line 3, column 7, key layers`, `key layers[1].weights`,
/// `lines 2-5`, `row 7`, `value z4`) in `lang`: each part's word translated, the numbers and
/// names kept.
fn location_text(location: &str, lang: Lang) -> String {
    let parts: Vec<String> = location
        .split(", ")
        .map(|part| {
            match part {
                "top level" => return lang.text("error-location-top-level"),
                "size" => return lang.text("error-location-size"),
                _ => {}
            }
            let (word, rest) = part.split_once(' ').unwrap_or((part, ""));
            let id = match word {
                "line" => "error-location-line",
                "lines" => "error-location-lines",
                "column" => "error-location-column",
                "key" => return key_text(rest, lang),
                "row" => "error-location-row",
                "value" => "error-location-value",
                "epoch" => "error-location-epoch",
                _ => return part.to_string(),
            };
            tr!(lang, id, at = rest)
        })
        .collect();
    parts.join(&lang.text("error-location-separator"))
}

/// A key of a spec for a person: a path with indices (`layers[2].weights[0]`, counted from 0)
/// is said with numbers counted from 1 (`layer 3, weights row 1`) and named as written (`key
/// layers[2].weights[0]`); a plain key is named only.
fn key_text(path: &str, lang: Lang) -> String {
    let plain = || tr!(lang, "error-location-key", at = path);
    if !path.contains('[') {
        return plain();
    }
    let mut parts = Vec::new();
    for segment in path.split('.') {
        let (name, indices) = segment.split_once('[').unwrap_or((segment, ""));
        let indices: Option<Vec<usize>> = if indices.is_empty() {
            Some(Vec::new())
        } else {
            indices
                .strip_suffix(']')
                .map(|inside| inside.split("][").map(|i| i.parse::<usize>().ok()))
                .and_then(|parsed| parsed.map(|i| i.map(|i| i + 1)).collect())
        };
        let Some(indices) = indices else {
            return plain();
        };
        parts.push(match (name, indices.as_slice()) {
            ("layers", [layer]) => tr!(lang, "error-location-layer", number = *layer),
            ("examples", [example]) => tr!(lang, "error-location-example", number = *example),
            ("weights", [row]) => tr!(lang, "error-location-weights-row", row = *row),
            ("weights", [row, entry]) => {
                tr!(lang, "error-location-weight", row = *row, entry = *entry)
            }
            (name, [entry]) => tr!(lang, "error-location-entry", key = name, number = *entry),
            (name, []) => name.to_string(),
            _ => return plain(),
        });
    }
    tr!(
        lang,
        "error-location-key-described",
        described = parts.join(&lang.text("error-location-separator")),
        at = path
    )
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
                location_text(&shown(location), Lang::En),
                said(message, Lang::En)
            ),
            ErrorKind::BadOption { option, message } => {
                write!(f, "{}: {}", shown(option), said(message, Lang::En))
            }
            ErrorKind::Io {
                path,
                action,
                source,
            } => write!(
                f,
                "{}: {}: {source}",
                shown(&path.display().to_string()),
                said(action, Lang::En)
            ),
            ErrorKind::Render { message } => {
                write!(f, "render: {}", said(message, Lang::En))
            }
            ErrorKind::Usage { message } => f.write_str(&said(message, Lang::En)),
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
            "error-io-read",
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
    fn a_spec_key_is_said_with_numbers_from_one() {
        let e = |key: &str| Error::bad_input("net.toml", key, Message::new("spec-empty-input"));
        let layer = e("key layers[2].weights[0]");
        assert_eq!(
            layer.text(Lang::En),
            "net.toml: layer 3, weights row 1 (key layers[2].weights[0]): expected at least \
             one number, found an empty array"
        );
        assert!(
            layer
                .text(Lang::Zh)
                .starts_with("net.toml：第 3 层，weights 的第 1 行（键 layers[2].weights[0]）："),
            "{}",
            layer.text(Lang::Zh)
        );
        let weight = e("line 16, column 18, key layers[1].weights[0][1]");
        assert!(
            weight.to_string().starts_with(
                "net.toml: line 16, column 18, layer 2, weights row 1, entry 2 (key \
                 layers[1].weights[0][1]):"
            ),
            "{weight}"
        );
        let example = e("key examples[3].input[0]").text(Lang::Zh);
        assert!(
            example.contains("第 4 个样本，input 的第 1 个数（键 examples[3].input[0]）"),
            "{example}"
        );
        // A key without an index, or one that is not a spec's path, is named as it is.
        assert!(
            e("key activation")
                .to_string()
                .starts_with("net.toml: key activation:")
        );
        let odd = e("key \"x[a]\"").to_string();
        assert!(odd.starts_with("net.toml: key \"x[a]\":"), "{odd}");
    }

    #[test]
    fn bad_options_are_their_own_kind() {
        let e = Error::bad_option(
            "--epochs",
            crate::msg!(
                "option-whole-number-range",
                max = 1000000u64,
                value = "5000000"
            ),
        );
        assert!(matches!(e.kind(), ErrorKind::BadOption { option, .. } if option == "--epochs"));
        assert_eq!(
            e.to_string(),
            "--epochs: expected a whole number from 1 to 1000000, found 5000000"
        );
        assert_eq!(
            e.text(Lang::Zh),
            "选项 --epochs：应为 1 到 1000000 之间的整数，实际为 5000000"
        );
    }

    #[test]
    fn echoed_text_is_escaped_and_cut() {
        let name = format!("\u{1b}[31m{}\0", "x".repeat(10_000));
        let e = Error::bad_input(&name, "line 1", Message::verbatim(format!("found {name}")));
        let shown = e.to_string();
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(shown.contains("\\u{1b}[31m"));
        assert!(shown.contains('…'));
        assert!(shown.chars().count() < 1_000, "{}", shown.len());
    }
}
