//! How a marked value is drawn. The checker marks slips and carried values with it and the
//! diagrams (the `render` feature) draw the marks; it lives outside `render` so the checker
//! needs no drawing crate.

/// How a marked value is drawn: text and border in `color`, its row on `background`, and an
/// optional note under it (e.g. "you wrote 0.9934").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Text and border colour (any Graphviz colour: a name or `#rrggbb`).
    pub color: String,
    /// Background of the marked row.
    pub background: String,
    /// A short note shown under the value.
    pub note: Option<String>,
}

impl Highlight {
    /// Red: a slip, a step wrong given the person's own earlier numbers.
    pub fn slip() -> Self {
        Highlight::new("#c62828", "#ffcdd2")
    }

    /// Amber: a value carried forward from an earlier slip.
    pub fn carried() -> Self {
        Highlight::new("#9a5b00", "#ffe0b2")
    }

    /// Green: a value that is right.
    pub fn ok() -> Self {
        Highlight::new("#2e7d32", "#c8e6c9")
    }

    /// Blue: a value right under another convention (the textbook sign, no ½ in the loss).
    pub fn convention() -> Self {
        Highlight::new("#1565c0", "#bbdefb")
    }

    /// Any colours.
    pub fn new(color: impl Into<String>, background: impl Into<String>) -> Self {
        Highlight {
            color: color.into(),
            background: background.into(),
            note: None,
        }
    }

    /// The same highlight with a note under the value.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}
