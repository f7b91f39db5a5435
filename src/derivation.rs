//! The worked derivation as data: sections of prose, tables and steps, each step a chain of
//! formulas with the numbers substituted, built once and rendered many ways.
//!
//! ```text
//! Derivation ─ title, intro blocks
//!   └ Section (id, title) ─ blocks ─ subsections
//!       Block = Paragraph(Text) | Table | Step
//!       Step  = lines:  lhs = form = form … = numbers = result   (+ an optional note)
//!       Text  = message id + named arguments (math, numbers, nested texts)
//! ```
//!
//! [`build`] makes the derivation of an evaluated network: every formula is
//! [`formula`] of a canonical value and every number is read from the graph, so it cannot
//! disagree with `deltagraph run`. The numbers substituted into a formula are shown with
//! enough digits to give the result as it is shown ([`working`]); a difference that cancels
//! digits gets a line of its own. Renderers: [`markdown`] (Markdown with LaTeX, `explain`)
//! and [`html`] (HTML fragments with MathML, for pages). All prose is in [`prose`], as message
//! ids with named arguments, so a renderer can show it in another language.
//!
//! The model knows nothing about networks: a step is any formula over named operands. The
//! network-specific part is [`network`] and [`formulas`].

pub mod expression;
pub mod formulas;
pub mod html;
pub mod layer_forms;
pub mod markdown;
pub mod network;
pub mod prose;
pub mod working;

pub use formulas::formula;
pub use network::{Options, build};

use crate::math::{Expr, typeset};
use crate::net::{Entry, Network};

/// The working of one canonical value of an evaluated network (its formula with the numbers
/// substituted, after any line for a cancelling difference), the result shown with `digits`
/// significant digits; `None` for a given value.
pub fn value_working(net: &Network, entry: Entry<'_>, digits: usize) -> Option<Vec<Line>> {
    let f = formula(net, entry)?;
    let lookup = |n: &str| net.get(n);
    Some(working::working(
        typeset(entry.name),
        &f,
        net.read(entry.quantity),
        &lookup,
        digits,
    ))
}

/// A whole derivation.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    /// Its title.
    pub title: Text,
    /// What comes before the first section.
    pub intro: Vec<Block>,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
}

/// A section: a title, its blocks, then its subsections.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// A stable identifier for links and anchors (`forward`, `forward-layer-2`).
    pub id: String,
    /// Its heading.
    pub title: Text,
    /// Its content before any subsection.
    pub blocks: Vec<Block>,
    /// Its subsections.
    pub sections: Vec<Section>,
}

/// One piece of a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of prose (with inline math).
    Paragraph(Text),
    /// A table.
    Table(Table),
    /// A worked step.
    Step(Step),
}

/// A table of text and math cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The header row.
    pub header: Vec<Cell>,
    /// The body rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Prose.
    Text(Text),
    /// Math (a number is an [`Expr::Shown`]).
    Math(Expr),
}

/// A worked step: one or more lines of working, then an optional note.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// A stable identifier, unique in the derivation: the canonical name for the step that
    /// computes one value (`z5`, `dL/dw(4,6)`), a descriptive one otherwise
    /// (`chain-dL/dw(4,6)`, `matrix-forward-2`).
    pub id: String,
    /// The canonical values this step is about (for selecting the steps of a neuron).
    pub values: Vec<String>,
    /// The working; intermediate lines come before the line they feed.
    pub lines: Vec<Line>,
    /// A remark after the working.
    pub note: Option<Text>,
}

/// One line of working: `lhs = forms[0] = forms[1] = … = numbers = result`.
///
/// Invariant (tested): evaluating `numbers` with the numbers as shown and rounding to the
/// result's shown digits gives the result as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// What is computed: `z_5`, `∂L/∂w_{4,6}`, `1 − f_3`.
    pub lhs: Expr,
    /// The formula, in one or more forms (names only).
    pub forms: Vec<Expr>,
    /// The formula with the numbers substituted (shown numbers only), if it has one.
    pub numbers: Option<Expr>,
    /// The result: an [`Expr::Shown`] number, or a matrix of them.
    pub result: Expr,
}

impl Line {
    /// Every part of the line in order: lhs, forms, numbers, result.
    pub fn parts(&self) -> impl Iterator<Item = &Expr> {
        std::iter::once(&self.lhs)
            .chain(&self.forms)
            .chain(&self.numbers)
            .chain(std::iter::once(&self.result))
    }
}

/// Prose: a message, by id, with named arguments. The words are in [`prose`]; a renderer
/// looks the message up and renders each argument in its own notation.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The message id (`loss-half-sse`), as in a Fluent file.
    pub id: &'static str,
    /// The arguments, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Text {
    /// A message without arguments.
    pub fn new(id: &'static str) -> Text {
        Text {
            id,
            args: Vec::new(),
        }
    }

    /// With one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Text {
        self.args.push((name, value.into()));
        self
    }

    /// The argument called `name`.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }
}

/// An argument of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Inline math.
    Math(Expr),
    /// Nested prose.
    Text(Text),
    /// A list of prose items (joined as the language joins lists).
    List(Vec<Text>),
    /// Text taken as it is (a network's name).
    Verbatim(String),
    /// A count or an index.
    Int(usize),
    /// Prose set in bold (a paragraph's lead: "Notation.").
    Strong(Text),
}

impl From<Expr> for Arg {
    fn from(e: Expr) -> Arg {
        Arg::Math(e)
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Int(n)
    }
}

impl Derivation {
    /// Every step, in reading order.
    pub fn steps(&self) -> Vec<&Step> {
        fn walk<'a>(blocks: &'a [Block], sections: &'a [Section], out: &mut Vec<&'a Step>) {
            for b in blocks {
                if let Block::Step(s) = b {
                    out.push(s);
                }
            }
            for s in sections {
                walk(&s.blocks, &s.sections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.intro, &self.sections, &mut out);
        out
    }
}
