//! The computation-graph view, as micrograd's `draw_dot` draws it: a box per value (its name,
//! value and gradient) and a small circle per op between an operation's operands and its
//! result. Works for any [`Graph`], not only networks.

use graphviz_rust::dot_structures::{Attribute, Graph as DotGraph};

use super::escape::plain;
use super::label::{Label, LabelStyle};
use super::model::{self, attr, edge, node, text, word};
use super::{Highlight, Options};
use crate::graph::{Graph, NodeId, Role};
use crate::ops::Op;
use crate::tr;

/// Build the view. Graphs with more than [`Options::max_graph_nodes`] nodes are cut to the
/// nodes nearest the end (the loss side), with the rest behind one placeholder.
pub fn build(g: &Graph, opts: &Options, style: LabelStyle) -> DotGraph {
    let first_drawn = g.len().saturating_sub(opts.max_graph_nodes);
    let lang = opts.lang;
    let note = (first_drawn > 0).then(|| {
        tr!(
            lang,
            "graph-note-cut",
            shown = g.len() - first_drawn,
            total = g.len(),
            earlier = first_drawn
        )
    });
    let what = match (opts.show.forward(), opts.show.backward()) {
        (true, true) => "graph-shows-both",
        (true, false) => "graph-shows-value",
        _ => "graph-shows-gradient",
    };
    let title = tr!(
        lang,
        "graph-title",
        values = g.len(),
        shows = crate::msg!(what),
        digits = opts.digits
    );
    let mut graph = vec![
        word("rankdir", "LR"),
        word("ranksep", "0.35"),
        word("nodesep", "0.2"),
        text("fontname", model::font(opts.lang)),
        word("fontsize", "13"),
    ];
    let mut stmts = Vec::new();
    let full_title = match &note {
        Some(n) => format!("{title}\n{n}"),
        None => title,
    };
    match style {
        LabelStyle::Html => graph.extend([text("label", &full_title), word("labelloc", "t")]),
        LabelStyle::Plain => {
            if note.is_some() {
                stmts.push(node(
                    "note",
                    vec![text("label", &full_title), text("fillcolor", "#fffbe6")],
                ));
            }
        }
    }
    let mut out = vec![
        model::graph_attrs(graph),
        model::box_node_defaults("0.08,0.04", opts.lang),
        model::edge_defaults(vec![
            text("fontname", model::font(opts.lang)),
            word("fontsize", "9"),
            text("color", "#777777"),
            word("arrowsize", "0.6"),
        ]),
    ];
    out.extend(stmts);

    if first_drawn > 0 {
        out.push(node(
            "earlier",
            vec![
                text(
                    "label",
                    &tr!(lang, "graph-earlier-values", earlier = first_drawn),
                ),
                text("fillcolor", "#dddddd"),
                text("style", "filled,dashed"),
            ],
        ));
    }
    let mut earlier_linked = std::collections::HashSet::new();
    for id in g.nodes().skip(first_drawn) {
        let label = value_label(g, id, opts);
        out.push(node(&value_id(id), value_attrs(g, id, &label, style)));
        let op = g.node(id).op;
        if op.is_leaf() {
            continue;
        }
        out.push(node(
            &op_id(id),
            vec![
                attr("label", super::escape::quoted(op_label(op))),
                word(
                    "shape",
                    if op_label(op).chars().count() <= 2 {
                        "circle"
                    } else {
                        "ellipse"
                    },
                ),
                text("fillcolor", "#ffffff"),
                text("style", "filled"),
                word("fontsize", "12"),
                text("margin", "0.02,0.02"),
                word("width", "0.3"),
                word("height", "0.3"),
            ],
        ));
        out.push(edge(&op_id(id), &value_id(id), vec![]));
        let operands = g.operands(id);
        let ordered = !commutative(op);
        for (pos, &o) in operands.iter().enumerate() {
            let mut attrs: Vec<Attribute> = Vec::new();
            if ordered {
                attrs.push(text("label", operand_name(pos)));
            }
            if o.index() < first_drawn {
                // One edge per op from the placeholder, however many operands it hides.
                if earlier_linked.insert(id) {
                    out.push(edge("earlier", &op_id(id), vec![text("style", "dashed")]));
                }
            } else {
                out.push(edge(&value_id(o), &op_id(id), attrs));
            }
        }
    }
    DotGraph::DiGraph {
        id: plain("computation"),
        strict: false,
        stmts: out,
    }
}

fn value_id(id: NodeId) -> String {
    format!("v{}", id.index())
}

fn op_id(id: NodeId) -> String {
    format!("op{}", id.index())
}

/// Whether swapping operands leaves the result unchanged (then the edges need no names).
fn commutative(op: Op) -> bool {
    matches!(op, Op::Add | Op::Mul | Op::Sum | Op::WeightedSum)
        || op.arity() == crate::ops::Arity::Exactly(1)
}

/// The op node's text; non-commutative ops spell out which operand is which.
fn op_label(op: Op) -> &'static str {
    match op {
        Op::Sub => "a − b",
        Op::Div => "a ÷ b",
        Op::Pow => "aᵇ",
        Op::BinaryCrossEntropy => "BCE(p=a, y=b)",
        Op::BinaryCrossEntropyWithLogits => "BCE(σ(a) = b, y=c)",
        other => other.symbol(),
    }
}

fn operand_name(pos: usize) -> &'static str {
    ["a", "b", "c"].get(pos).copied().unwrap_or("…")
}

/// Name, value and gradient. The name is the node's own, or its role for an unnamed node.
fn value_label<'a>(g: &Graph, id: NodeId, opts: &'a Options) -> Label<'a> {
    let node = g.node(id);
    let name = g.name(id);
    let mut label = match name {
        Some(n) => Label::titled(n),
        None if node.role == Role::Constant => Label::titled(opts.lang.text("graph-constant")),
        None => Label::default(),
    };
    let value_mark = name.and_then(|n| opts.mark(n));
    if opts.show.forward() || value_mark.is_some() {
        label.row(
            opts.lang.text("graph-value"),
            opts.num(g.value(id)),
            value_mark,
        );
    }
    // No gradient flows into a constant (e.g. an exponent): showing 0 there would mislead.
    if node.role != Role::Constant {
        let grad_mark = name.and_then(|n| grad_mark(g, n, opts));
        if opts.show.backward() || grad_mark.is_some() {
            label.row(
                opts.lang.text("graph-grad"),
                opts.num(g.grad(id)),
                grad_mark,
            );
        }
    }
    if label.title.is_none() && label.rows.is_empty() {
        label.title = Some(String::new());
    }
    label
}

/// The highlight of a gradient: `dL/d<name>`, or `delta<n>` for `z<n>`; in an expression
/// whose output is `f`, `df/d<name>` ([`crate::expression::gradient_name`]).
fn grad_mark<'a>(g: &Graph, name: &str, opts: &'a Options) -> Option<&'a Highlight> {
    opts.mark(&format!("dL/d{name}"))
        .or_else(|| {
            name.strip_prefix('z')
                .filter(|n| n.parse::<usize>().is_ok())
                .and_then(|n| opts.mark(&format!("delta{n}")))
        })
        .or_else(|| {
            let output = g
                .nodes()
                .find(|&n| g.node(n).role == Role::Loss)
                .and_then(|n| g.name(n))?;
            opts.mark(&crate::expression::gradient_name(output, name))
        })
}

fn value_attrs(g: &Graph, id: NodeId, label: &Label, style: LabelStyle) -> Vec<Attribute> {
    let fill = match g.node(id).role {
        Role::Input | Role::Target => "#e3eefa",
        Role::Weight | Role::Bias => "#fdf3d8",
        Role::Constant => "#eeeeee",
        Role::Z | Role::NeuronOutput => "#eaf5ea",
        Role::Loss => "#fde7e7",
        Role::Intermediate => "#ffffff",
    };
    let mut attrs = vec![attr("label", label.to_id(style)), text("fillcolor", fill)];
    if let Some(h) = label.mark() {
        attrs.extend([text("color", &h.color), word("penwidth", "2.5")]);
    }
    attrs
}
