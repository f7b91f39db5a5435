//! Annotated diagrams: the network view (like the tutorial's figures) and the computation-graph
//! view (one node per scalar op, as micrograd's `draw_dot`), built as graphviz-rust DOT models
//! and rendered to SVG or PNG.
//!
//! ```
//! use deltagraph::net::Network;
//! use deltagraph::render::{self, Options};
//! use deltagraph::spec::ValidSpec;
//!
//! let mut net = Network::new(&ValidSpec::tutorial());
//! net.evaluate();
//! let dot = render::to_dot_string(&render::network_dot(&net, &Options::default()));
//! assert!(dot.contains("hidden layer 1"));
//! // Parse it back with graphviz-rust: the escaping is sound.
//! assert!(graphviz_rust::parse(&dot).is_ok());
//! ```
//!
//! # Pieces
//!
//! - [`network_dot`] and [`graph_dot`] build the models; [`to_dot_string`] prints one.
//! - [`render`] turns a [`View`] into DOT text, SVG or PNG bytes: SVG and PNG through the system
//!   Graphviz `dot` when it is on `PATH`, SVG through the pure-Rust layout-rs crate when it is
//!   not ([`DrawnBy`] says which ran). PNG needs Graphviz: without it, [`render`] returns an
//!   error rather than a picture drawn differently from what was asked.
//! - [`write()`] renders and writes the file through [`crate::files`]: a failure leaves no
//!   file behind and an old file as it was.
//!
//! # Marking values
//!
//! [`Options::highlights`] maps canonical names (`z5`, `f5`, `df5`, `delta5`, `b5`, `dL/db5`,
//! `new_b5`, `w(2,5)`, `dL/dw(2,5)`, `new_w(2,5)`, `x1`, `y1`, `L`) to a [`Highlight`]. In the
//! network view the row holding that value is coloured, and so is the border of the neuron, edge
//! or loss node it belongs to; a marked value is shown even when [`Show`] would hide it. In the
//! computation-graph view a node's own name marks its value and `dL/d<name>` (or `delta<n>` for
//! `z<n>`) its gradient. Names that match nothing are ignored.

mod compgraph;
pub mod escape;
mod fallback;
mod label;
mod model;
mod network;
mod output;

use std::collections::HashMap;
use std::path::Path;

use graphviz_rust::dot_structures::Graph as DotGraph;
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::error::{Error, Result};
use crate::files::Output;
use crate::graph::Graph;
use crate::net::Network;

pub use crate::highlight::Highlight;
pub use label::LabelStyle;
pub use network::node_of;

/// Which values the diagram shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Show {
    /// The forward pass: z, f(z), the loss.
    Forward,
    /// The backward pass: f′(z), δ (network view); gradients (graph view).
    Backward,
    /// Both.
    #[default]
    Both,
}

impl Show {
    /// Whether forward values are shown.
    pub fn forward(self) -> bool {
        self != Show::Backward
    }
    /// Whether backward values are shown.
    pub fn backward(self) -> bool {
        self != Show::Forward
    }
}

/// What to draw and how. `Options::default()` is what `deltagraph render` draws without flags.
#[derive(Clone, Debug)]
pub struct Options {
    /// Significant digits of every number (default 4; 15 matches the tutorial's printout).
    pub digits: usize,
    /// Forward values, backward values, or both.
    pub show: Show,
    /// Also show ∂L/∂w and the updated weight on every edge (and ∂L/∂b, new b in neurons).
    pub edge_gradients: bool,
    /// Values to mark, by canonical name: see the [module docs](self#marking-values).
    pub highlights: HashMap<String, Highlight>,
    /// Above this many neurons the network view draws one node per layer.
    pub max_neurons: usize,
    /// Above this many weights the network view draws only the largest |w| (and says so).
    pub max_edges: usize,
    /// At most this many weight labels per neuron of the taller of two adjacent layers (dot
    /// stacks them in one column between the layers); `None` picks what stays readable: 4, or
    /// 2 with [`edge_gradients`](Self::edge_gradients).
    pub max_edges_per_neuron: Option<usize>,
    /// Above this many value nodes the graph view draws only those nearest the output.
    pub max_graph_nodes: usize,
    /// How long Graphviz `dot` may run before it is stopped and the render fails (30 s).
    pub graphviz_timeout: std::time::Duration,
    /// The language of titles, layer names and notes (value names are the same in all).
    pub lang: crate::i18n::Lang,
    /// For a batch, the example (0-based) whose values the network view shows; `None` shows
    /// the batch: the shared parameters with the batch's gradients and updates.
    pub example: Option<usize>,
}

/// The default of [`Options::graphviz_timeout`].
pub const DEFAULT_GRAPHVIZ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Default for Options {
    fn default() -> Self {
        Options {
            digits: 4,
            show: Show::Both,
            edge_gradients: false,
            highlights: HashMap::new(),
            max_neurons: 60,
            max_edges: 400,
            max_edges_per_neuron: None,
            max_graph_nodes: 300,
            graphviz_timeout: DEFAULT_GRAPHVIZ_TIMEOUT,
            lang: crate::i18n::Lang::En,
            example: None,
        }
    }
}

impl Options {
    /// `x` with [`digits`](Self::digits) significant digits; a rounded value keeps its
    /// trailing zeros (`1.000`, not `1`, for 0.99995).
    fn num(&self, x: f64) -> String {
        crate::format::rounded(x, self.digits)
    }

    /// The highlight for a canonical name, if any.
    fn mark(&self, name: &str) -> Option<&Highlight> {
        if self.highlights.is_empty() {
            None
        } else {
            self.highlights.get(name)
        }
    }
}

/// The network view: inputs on the left, one cluster per layer, the loss on the right. Every
/// neuron shows its number, z, f(z), f′(z) and δ (as [`Options::show`] says), every edge its
/// weight (and with [`Options::edge_gradients`] ∂L/∂w and the updated weight). Call
/// [`Network::evaluate`] first.
pub fn network_dot(net: &Network, opts: &Options) -> DotGraph {
    network::build(net, opts, LabelStyle::Html)
}

/// The computation-graph view of any [`Graph`]: one node per value (its value and gradient)
/// and one per op between them. Run `forward` (and `backward`) first.
pub fn graph_dot(graph: &Graph, opts: &Options) -> DotGraph {
    compgraph::build(graph, opts, LabelStyle::Html)
}

/// The DOT text of a model, as graphviz-rust prints it.
pub fn to_dot_string(dot: &DotGraph) -> String {
    dot.print(&mut PrinterContext::default())
}

/// What to draw: a network or a bare computation graph.
#[derive(Clone, Copy, Debug)]
pub enum View<'a> {
    /// The network view of a network.
    Network(&'a Network),
    /// The computation-graph view of a network's graph.
    NetworkGraph(&'a Network),
    /// The computation-graph view of any graph.
    Graph(&'a Graph),
}

impl View<'_> {
    /// The DOT model with labels in `style`. [`LabelStyle::Plain`] also leaves out clusters
    /// (putting each layer's name in its neurons), for renderers that read neither.
    pub fn dot(&self, opts: &Options, style: LabelStyle) -> DotGraph {
        match self {
            View::Network(net) => network::build(net, opts, style),
            View::NetworkGraph(net) => compgraph::build(&net.graph, opts, style),
            View::Graph(g) => compgraph::build(g, opts, style),
        }
    }
}

/// An output file format, chosen by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagramFormat {
    /// DOT source (`.dot`, `.gv`).
    Dot,
    /// Scalable vector graphics (`.svg`).
    Svg,
    /// A bitmap (`.png`); needs Graphviz.
    Png,
}

impl DiagramFormat {
    /// The format for `path`'s extension (case-insensitive), or a bad-input error naming the
    /// extensions that work.
    pub fn from_path(path: &Path) -> Result<DiagramFormat> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "dot" | "gv" => Ok(DiagramFormat::Dot),
            "svg" => Ok(DiagramFormat::Svg),
            "png" => Ok(DiagramFormat::Png),
            _ => Err(Error::bad_option(
                "-o",
                if ext.is_empty() {
                    crate::msg!("render-no-extension", path = path.display().to_string())
                } else {
                    crate::msg!(
                        "render-bad-extension",
                        path = path.display().to_string(),
                        extension = format!(".{ext}")
                    )
                },
            )),
        }
    }
}

/// Which program drew the picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrawnBy {
    /// None: the output is DOT source.
    DotSource,
    /// The system Graphviz `dot`.
    Graphviz,
    /// The pure-Rust layout-rs fallback (SVG only; no clusters, plain labels).
    LayoutRs,
}

impl DrawnBy {
    /// The renderer's name for people, in `lang`.
    pub fn name(self, lang: crate::i18n::Lang) -> String {
        lang.text(match self {
            DrawnBy::DotSource => "renderer-dot-source",
            DrawnBy::Graphviz => "renderer-graphviz",
            DrawnBy::LayoutRs => "renderer-layout",
        })
    }
}

impl std::fmt::Display for DrawnBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DrawnBy::DotSource => "DOT source",
            DrawnBy::Graphviz => "graphviz dot",
            DrawnBy::LayoutRs => "layout-rs fallback",
        })
    }
}

/// Which renderer to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Renderer {
    /// Graphviz `dot` if it is on `PATH`, else layout-rs (SVG only).
    #[default]
    Auto,
    /// Graphviz `dot`; an error if it is not installed.
    Graphviz,
    /// The built-in layout-rs renderer (SVG only).
    LayoutRs,
}

/// A rendered picture.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The file content.
    pub bytes: Vec<u8>,
    /// Who drew it.
    pub drawn_by: DrawnBy,
    /// Anything Graphviz printed on stderr (it should print nothing; say so if it does).
    pub warnings: Vec<String>,
}

/// Render `view` to `format` in memory.
pub fn render(
    view: View<'_>,
    opts: &Options,
    format: DiagramFormat,
    renderer: Renderer,
) -> Result<Rendered> {
    let done = |bytes: Vec<u8>, drawn_by| Rendered {
        bytes,
        drawn_by,
        warnings: Vec::new(),
    };
    if format == DiagramFormat::Dot {
        let text = to_dot_string(&view.dot(opts, LabelStyle::Html));
        return Ok(done(text.into_bytes(), DrawnBy::DotSource));
    }
    if renderer == Renderer::LayoutRs && format == DiagramFormat::Png {
        return Err(Error::bad_option(
            "--renderer",
            crate::i18n::Message::new("render-layout-svg-only"),
        ));
    }
    if renderer != Renderer::LayoutRs {
        let text = to_dot_string(&view.dot(opts, LabelStyle::Html));
        match output::graphviz(&text, format, opts.graphviz_timeout)? {
            Some((bytes, warnings)) => {
                return Ok(Rendered {
                    bytes,
                    drawn_by: DrawnBy::Graphviz,
                    warnings,
                });
            }
            None if renderer == Renderer::Graphviz || format == DiagramFormat::Png => {
                return Err(output::graphviz_missing(format));
            }
            None => {}
        }
    }
    if format == DiagramFormat::Png {
        return Err(output::graphviz_missing(format));
    }
    let text = to_dot_string(&view.dot(opts, LabelStyle::Plain));
    Ok(done(fallback::svg(&text)?, DrawnBy::LayoutRs))
}

/// Render `view` into `path` (format by extension), all at once: the path is checked first
/// ([`Output::check`]), and on any error no file is written and an old file stays as it was.
/// Returns who drew it and any Graphviz warnings.
pub fn write(path: &Path, view: View<'_>, opts: &Options, renderer: Renderer) -> Result<Rendered> {
    let format = DiagramFormat::from_path(path)?;
    let output = Output::check(path, "-o", &[])?;
    let rendered = render(view, opts, format, renderer)?;
    output.write(&rendered.bytes)?;
    Ok(rendered)
}
