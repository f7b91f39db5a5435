//! Small constructors for graphviz-rust's DOT model, so the view builders read as what they
//! draw. Every id passed here is already escaped (see [`super::escape`]).

use crate::i18n::Lang;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};

use super::escape::{plain, quoted};

/// `name=value`, value already an escaped id.
pub fn attr(name: &str, value: Id) -> Attribute {
    Attribute(plain(name), value)
}

/// `name="text"`, the text escaped.
pub fn text(name: &str, value: &str) -> Attribute {
    attr(name, quoted(value))
}

/// `name=value` for a number or a keyword (`LR`, `box`).
pub fn word(name: &str, value: &str) -> Attribute {
    attr(name, plain(value))
}

/// A node statement.
pub fn node(id: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(plain(id), None), attributes))
}

/// An edge statement `from -> to`.
pub fn edge(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(plain(from), None)),
            Vertex::N(NodeId(plain(to), None)),
        ),
        attributes,
    })
}

/// `graph [...]`
pub fn graph_attrs(attributes: Vec<Attribute>) -> Stmt {
    Stmt::GAttribute(GraphAttributes::Graph(attributes))
}

/// `node [...]`
pub fn node_defaults(attributes: Vec<Attribute>) -> Stmt {
    Stmt::GAttribute(GraphAttributes::Node(attributes))
}

/// The node defaults both views share: rounded, filled boxes in [`font`] at 11 pt, with
/// `margin` ("x,y" inches) inside.
pub fn box_node_defaults(margin: &str, lang: Lang) -> Stmt {
    node_defaults(vec![
        word("shape", "box"),
        text("style", "rounded,filled"),
        text("fontname", font(lang)),
        word("fontsize", "11"),
        text("margin", margin),
    ])
}

/// `edge [...]`
pub fn edge_defaults(attributes: Vec<Attribute>) -> Stmt {
    Stmt::GAttribute(GraphAttributes::Edge(attributes))
}

/// `subgraph id { ... }`; an id starting with `cluster` makes Graphviz draw a box around it.
pub fn subgraph(id: &str, stmts: Vec<Stmt>) -> Stmt {
    Stmt::Subgraph(Subgraph {
        id: plain(id),
        stmts,
    })
}

/// The font a diagram in `lang` uses. DejaVu Sans has δ, ŷ, ∂, ′ and Σ, and is everywhere
/// Graphviz is. Chinese labels need a CJK font: Graphviz (through Pango) and SVG viewers take
/// the first family of the list that is installed, and DejaVu Sans stays as the last resort.
pub fn font(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "DejaVu Sans",
        Lang::Zh => {
            "Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,\
             WenQuanYi Micro Hei,DejaVu Sans"
        }
    }
}
