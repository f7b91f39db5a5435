//! A message for people as data: a catalogue id and its named arguments, rendered into a
//! language only when it is shown ([`super::Lang::render`]).
//!
//! This part has no dependency, so code that finds things out (the checker's causes, errors)
//! can say what it found without knowing the reader's language or pulling in the catalogue
//! machinery.

/// One message: the id of an entry in the catalogues (`locales/*/deltagraph.ftl`) and the
/// values of its `{ $name }` placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The catalogue id, e.g. `"run-stage-forward"`.
    pub id: &'static str,
    /// The named arguments, in any order.
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of one placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as is: a canonical name, a number already formatted, a file name.
    Text(String),
    /// A count: shown as a whole number, and it selects plural forms (`slip` / `slips`).
    Count(i64),
    /// Another message, rendered in the same language first (a phrase inside a sentence).
    Message(Box<Message>),
    /// Several messages, rendered and joined with the language's list separator
    /// (`list-separator`: `; ` in English, `；` in Chinese).
    List(Vec<Message>),
    /// Several messages, rendered and put on lines of their own (one problem of a file per
    /// line).
    Lines(Vec<Message>),
}

impl Message {
    /// A message with no arguments.
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Text shown as it is, in every language: the last resort for a message from another
    /// program (the operating system, Graphviz, a parser) that has no catalogue entry.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Message::new("verbatim").arg("text", text.into())
    }

    /// This message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Count(n)
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

/// Build a [`Message`]: `msg!("check-summary", checked = 20, spec = name)`.
#[macro_export]
macro_rules! msg {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message {
            id: $id,
            args: vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        }
    };
}

/// Render a message in a language at once: `tr!(lang, "run-stage-given")`,
/// `tr!(lang, "wrote-file", path = p)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $lang.render(&$crate::msg!($id $(, $name = $value)*))
    };
}

/// A message serialises as data: `{"id": …, "args": {name: value, …}}`, a nested message as
/// such an object, a list as an array of them.
impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Args<'a>(&'a [(&'static str, Arg)]);
        impl serde::Serialize for Args<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (name, value) in self.0 {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("id", self.id)?;
        map.serialize_entry("args", &Args(&self.args))?;
        map.end()
    }
}

impl serde::Serialize for Arg {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Text(s) => serializer.serialize_str(s),
            Arg::Count(n) => serializer.serialize_i64(*n),
            Arg::Message(m) => m.serialize(serializer),
            Arg::List(items) | Arg::Lines(items) => items.serialize(serializer),
        }
    }
}
