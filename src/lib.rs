//! # deltagraph: see and check backpropagation
//!
//! A scalar computation graph records every `z`, `f(z)` and loss node of a small neural
//! network; a reverse-mode pass computes every error term `δ = ∂L/∂z` and every gradient; the
//! numbers are shown as tables, as a step-by-step derivation, as annotated diagrams, and a
//! person's own hand calculation is checked step by step, as an examiner marks it.
//!
//! ```
//! use deltagraph::net::Network;
//! use deltagraph::spec::ValidSpec;
//!
//! // The tutorial's worked example: a 2-3-2-1 sigmoid network, input (1, 2), target 1.
//! let mut net = Network::new(&ValidSpec::tutorial());
//! net.evaluate(); // forward pass, then reverse pass from L
//!
//! // z1 = w(x1,1)·x1 + w(x2,1)·x2 + b1 = 2·1 + 1·2 + 1
//! assert_eq!(net.get("z1"), Some(5.0));
//! // δ6 = ∂L/∂z6 = −(y − f6)·f6·(1 − f6) for L = ½(y − f6)²
//! let f6 = net.get("f6").unwrap();
//! let delta6 = -(1.0 - f6) * f6 * (1.0 - f6);
//! assert!((net.get("delta6").unwrap() - delta6).abs() < 1e-18);
//! // One SGD step with α = 0.1: new_w(4,6) = w(4,6) − α·∂L/∂w(4,6) = 1 − 0.1·δ6·f4
//! let f4 = net.get("f4").unwrap();
//! assert!((net.get("new_w(4,6)").unwrap() - (1.0 - 0.1 * delta6 * f4)).abs() < 1e-15);
//! ```
//!
//! Any scalar expression works too, written as in micrograd ([`builder`]):
//!
//! ```
//! use deltagraph::GraphBuilder;
//!
//! let x = GraphBuilder::new();
//! let (a, b, c) = (x.var(2.0), x.var(-3.0), x.var(10.0));
//! let out = (a * b + c).tanh();
//! out.backward();
//! // ∂out/∂a = (1 − tanh²(a·b + c)) · b
//! assert!((a.grad() - (1.0 - 4.0f64.tanh().powi(2)) * -3.0).abs() < 1e-15);
//! ```
//!
//! ## Modules
//!
//! - [`ops`]: each op's forward rule and local derivative — the only code that computes them.
//! - [`builder`]: [`GraphBuilder`] and [`Value`] handles with operators (`(a * b + c).tanh()`)
//!   and nested calls, building a graph.
//! - [`node`]: [`node::NodeId`], the handle both the graph and the tape use.
//! - [`graph`]: the scalar computation graph (petgraph structure, values, gradients, names).
//! - [`autodiff`]: the flat tape and its forward and reverse passes, with observers.
//! - [`spec`], [`net`]: the TOML network spec and the network built on the graph.
//! - [`expression`]: a spec that is any scalar expression, parsed and built on the graph.
//! - [`math`]: notation as a tree (formulas with names or numbers; plain text, LaTeX, MathML).
//! - [`derivation`]: the worked derivation as data (the formula behind every canonical value,
//!   numbers that add up), rendered as Markdown with LaTeX or as HTML with MathML.
//! - [`table`]: the values as tables, CSV or JSON.
//! - [`hand`], [`check`]: reading a hand calculation and judging it step by step.
//! - [`highlight`]: how a marked value (a slip, a carried value) is drawn.
//! - [`error`], [`format`](mod@format): the error type (every error exits with status 2) and number
//!   formatting (shortest round trip for tools, significant digits for people).
//! - [`files`]: capped reading of inputs and (feature `render`) safe writing of outputs;
//!   [`console`]: standard output and error without panics; [`escape`]: user text in
//!   Markdown and in error messages.
//! - [`i18n`]: the languages people read (English, Chinese): [`i18n::Lang`] and messages as
//!   data ([`i18n::Message`]), rendered through Fluent catalogues with feature `i18n`.
//! - `render` (feature `render`): annotated diagrams through Graphviz or layout-rs.
//! - `train` (feature `train`): the tutorial's Iris training, its data and its plot.
//! - `web` (feature `web`): `deltagraph serve`'s worksheet page and `deltagraph report`'s HTML
//!   file; it only calls the library.
//!
//! The command line (`src/main.rs`, `src/cli.rs`, feature `cli`) is the binary's own code, not
//! part of the library.
//!
//! ## Features
//!
//! The defaults (`cli`, `render`, `train`, `i18n`, `web`) build the `deltagraph` binary. With
//! `default-features = false` the library is the core above (graph, ops, autodiff, spec, net,
//! the derivation, the checker) and depends only on serde, serde_json, toml, csv, petgraph
//! and strsim. Feature `i18n` (on by default) renders messages as sentences in
//! English or Chinese through Fluent; without it they show as their id and arguments.
//!
//! `docs/architecture.md` has the full map and the invariants.

#![deny(missing_docs)]

pub mod autodiff;
pub mod builder;
pub mod check;
pub mod console;
mod cpu;
pub mod derivation;
pub mod error;
pub mod escape;
pub mod expression;
pub mod files;
pub mod format;
pub mod graph;
pub mod hand;
pub mod highlight;
pub mod i18n;
pub mod iteration;
pub mod math;
pub mod name_list;
pub mod net;
pub mod node;
pub mod ops;
#[cfg(feature = "render")]
pub mod render;
pub mod spec;
pub mod table;
#[cfg(feature = "train")]
pub mod train;
#[cfg(feature = "web")]
pub mod web;
pub mod worksheet;

pub use builder::{GraphBuilder, Value};
pub use check::Checker;
pub use error::Error;
pub use graph::{Graph, NodeId, Role};
pub use net::Network;
pub use ops::Op;
pub use spec::{Spec, ValidSpec};

/// The Rust examples of README.md and docs/guide.md, compiled (and, unless marked `no_run`,
/// run) as doctests, so the documentation cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))]
#[doc = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md"))]
pub struct DocumentationExamples;
