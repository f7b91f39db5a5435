//! The network view: inputs on the left, one cluster per layer, the loss on the right; the
//! forward and backward values on the neurons and the weights on the edges. Networks too large
//! to read are drawn with the largest weights only, or one node per layer.

use std::collections::{HashMap, HashSet};

use graphviz_rust::dot_structures::{Attribute, Graph as DotGraph, Stmt};

use super::escape::plain;
use super::label::{Label, LabelStyle};
use super::model::{self, attr, edge, node, text, word};
use super::{Highlight, Options};
use crate::graph::NodeId;
use crate::i18n::Lang;
use crate::net::{Layer, Network, Quantity, input_name};
use crate::spec::Loss;
use crate::tr;

const INPUT_FILL: &str = "#e3eefa";
const HIDDEN_FILL: &str = "#eaf5ea";
const OUTPUT_FILL: &str = "#efe8f7";
const LOSS_FILL: &str = "#f2f2f2";
const NOTE_FILL: &str = "#fffbe6";

/// What a network view shows of a batch.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Scope {
    /// A network of one example: everything.
    One,
    /// Example `.0` (0-based) of a batch of `.1`, drawn from its view
    /// ([`Network::example_view`]): its own values, error terms and gradients, no updates.
    Example(usize, usize),
    /// A batch of `.0` examples: the shared parameters with the batch's gradients and
    /// updates, and each example's loss.
    Batch(usize),
}

impl Scope {
    /// The suffix of the names of the example shown (`[2]`).
    fn suffix(self) -> String {
        match self {
            Scope::Example(e, _) => crate::net::example_suffix(e),
            _ => String::new(),
        }
    }
}

/// Build the network view of an evaluated network; for a batch, of the example in
/// `opts.example` or of the batch.
pub fn build(net: &Network, opts: &Options, style: LabelStyle) -> DotGraph {
    if net.is_batch() {
        let count = net.examples.len();
        let neurons: usize = net.layers.iter().map(Layer::len).sum();
        // A network too big to draw neuron by neuron shows one example's ranges.
        let example = opts
            .example
            .or((neurons > opts.max_neurons).then_some(0))
            .map(|e| e.min(count - 1));
        return match example {
            Some(e) => build_scoped(&net.example_view(e), opts, style, Scope::Example(e, count)),
            None => build_scoped(net, opts, style, Scope::Batch(count)),
        };
    }
    build_scoped(net, opts, style, Scope::One)
}

fn build_scoped(net: &Network, opts: &Options, style: LabelStyle, scope: Scope) -> DotGraph {
    let neurons: usize = net.layers.iter().map(Layer::len).sum();
    let weights: usize = net
        .layers
        .iter()
        .map(|l| l.weights.iter().map(Vec::len).sum::<usize>())
        .sum();
    let lang = opts.lang;
    let (body, note) = if neurons > opts.max_neurons {
        let note = tr!(
            lang,
            "network-note-collapsed",
            neurons = neurons,
            weights = weights
        );
        (collapsed(net, opts, style, scope), Some(note))
    } else if let Some(keep) = weights_to_draw(net, opts) {
        let note = tr!(
            lang,
            "network-note-largest",
            shown = keep.len(),
            weights = weights
        );
        (full(net, opts, style, Some(&keep), scope), Some(note))
    } else {
        (full(net, opts, style, None, scope), None)
    };
    let mut stmts = header(&title(net, opts, scope), note.as_deref(), style, opts.lang);
    stmts.extend(body);
    DotGraph::DiGraph {
        id: plain("network"),
        strict: false,
        stmts,
    }
}

/// `tutorial: 2-3-2-1 network, loss ½ Σ (y − ŷ)², 4 significant digits`
/// Characters of the spec's name shown in a diagram's title.
const TITLE_NAME_LIMIT: usize = 80;

fn title(net: &Network, opts: &Options, scope: Scope) -> String {
    let mut sizes: Vec<String> = std::iter::once(net.inputs.len())
        .chain(net.layers.iter().map(Layer::len))
        .map(|n| n.to_string())
        .collect();
    // A deep network's sizes, as its boxes: the first and last ones, and how many between.
    if sizes.len() > MAX_LAYER_BOXES + 1 {
        let keep = MAX_LAYER_BOXES / 2;
        let hidden = sizes.len() - 2 * keep;
        sizes.splice(keep..sizes.len() - keep, [format!("…({hidden})…")]);
    }
    let name = net
        .name
        .as_deref()
        // A title is one line of the picture: a long name is cut, not handed whole to dot.
        .map(|n| format!("{}: ", crate::escape::shorten(n, TITLE_NAME_LIMIT)))
        .unwrap_or_default();
    let (id, example, count) = match scope {
        Scope::One => ("network-title", 0, 1),
        Scope::Example(e, n) => ("network-title-example", e + 1, n),
        Scope::Batch(n) => ("network-title-batch", 0, n),
    };
    tr!(
        opts.lang,
        id,
        name = name,
        sizes = sizes.join("-"),
        loss = loss_formula(net.loss_kind),
        digits = opts.digits,
        example = example,
        count = count
    )
}

fn loss_formula(loss: Loss) -> &'static str {
    match loss {
        Loss::HalfSse => "L = ½ Σ (y − ŷ)²",
        Loss::Sse => "L = Σ (y − ŷ)²",
        Loss::Mse => "L = (1/n) Σ (y − ŷ)²",
        Loss::CrossEntropy => "L = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]",
        Loss::CategoricalCrossEntropy => "L = −Σ y ln ŷ, ŷ = softmax(z)",
    }
}

/// Graph, node and edge defaults, the title, and the note (as a graph label for Graphviz; as a
/// box of its own for renderers that ignore graph labels).
fn header(title: &str, note: Option<&str>, style: LabelStyle, lang: Lang) -> Vec<Stmt> {
    let mut graph = vec![
        word("rankdir", "LR"),
        // Lay each node's out-edges in the order written (neuron order), so the neurons of a
        // layer tend to stay top to bottom in number order.
        word("ordering", "out"),
        word("ranksep", "0.6"),
        word("nodesep", "0.25"),
        text("fontname", model::font(lang)),
        word("fontsize", "13"),
    ];
    let mut stmts = Vec::new();
    match style {
        LabelStyle::Html => {
            let label = match note {
                Some(note) => format!("{title}\n{note}"),
                None => title.to_string(),
            };
            graph.extend([text("label", &label), word("labelloc", "t")]);
        }
        LabelStyle::Plain => {
            if let Some(note) = note {
                stmts.push(node(
                    "note",
                    vec![
                        text("label", &format!("{title}\n{note}")),
                        text("fillcolor", NOTE_FILL),
                    ],
                ));
            }
        }
    }
    let mut out = vec![
        model::graph_attrs(graph),
        model::box_node_defaults("0.1,0.05", lang),
        model::edge_defaults(vec![
            text("fontname", model::font(lang)),
            word("fontsize", "10"),
            text("color", "#777777"),
            word("arrowsize", "0.6"),
        ]),
    ];
    out.extend(stmts);
    out
}

/// Human name of layer `l` with its activation: `hidden layer 1 (sigmoid)`.
fn layer_title(net: &Network, l: usize, lang: Lang) -> String {
    tr!(
        lang,
        "layer-with-activation",
        layer = crate::i18n::layer_name(l, net.layers.len()),
        activation = crate::i18n::activation_name(net.layers[l].activation)
    )
}

/// A node's attributes: its label, its fill, and the border of its highlight if it has one.
fn node_attrs(label: &Label, style: LabelStyle, fill: &str) -> Vec<Attribute> {
    let mut attrs = vec![attr("label", label.to_id(style)), text("fillcolor", fill)];
    if let Some(h) = label.mark() {
        attrs.extend([text("color", &h.color), word("penwidth", "2.5")]);
    }
    attrs
}

/// An edge's attributes: its label and, if marked, its highlight colour.
fn edge_attrs(label: &Label, style: LabelStyle) -> Vec<Attribute> {
    let mut attrs = vec![attr("label", label.to_id(style))];
    if let Some(h) = label.mark() {
        attrs.extend([
            text("color", &h.color),
            text("fontcolor", &h.color),
            word("penwidth", "2.5"),
        ]);
    }
    attrs
}

/// Wrap a layer's nodes in a labelled cluster (Graphviz), or leave them loose (plain style,
/// where each node carries the layer name itself).
fn cluster(id: &str, title: &str, nodes: Vec<Stmt>, style: LabelStyle) -> Vec<Stmt> {
    match style {
        LabelStyle::Plain => nodes,
        LabelStyle::Html => {
            let mut stmts = vec![
                Stmt::Attribute(text("label", title)),
                Stmt::Attribute(text("style", "rounded")),
                Stmt::Attribute(text("color", "#b0b0b0")),
            ];
            stmts.extend(nodes);
            vec![model::subgraph(id, stmts)]
        }
    }
}

/// The node id of neuron `n` (1-based).
fn neuron_id(n: usize) -> String {
    format!("n{n}")
}

/// The id of the node that shows `entry` in the full network view: `n5` for z5, f5, df5, δ5, b5
/// and its gradient and update, and for the weights into neuron 5 (drawn on its in-edges); `x1`
/// for an input; `L` for the loss and the targets.
pub fn node_of(net: &Network, entry: crate::net::Entry<'_>) -> Option<String> {
    let n = entry.quantity.node();
    if n == net.loss || net.targets.contains(&n) {
        return Some("L".into());
    }
    if let Some(i) = net.inputs.iter().position(|&x| x == n) {
        return Some(input_name(i));
    }
    let neuron = |l: usize, j: usize| Some(neuron_id(net.layers[l].neuron(j)));
    if let Some((l, j)) = net.neuron_of(n) {
        return neuron(l, j);
    }
    if let Some((l, j, _)) = net.weight_position(n) {
        return neuron(l, j);
    }
    net.layers.iter().enumerate().find_map(|(l, layer)| {
        layer
            .biases
            .iter()
            .position(|&b| b == n)
            .and_then(|j| neuron(l, j))
    })
}

/// Every neuron and every drawn weight; `keep` limits the weights drawn to a set of
/// `(layer, neuron in layer, source)`.
fn full(
    net: &Network,
    opts: &Options,
    style: LabelStyle,
    keep: Option<&HashSet<(usize, usize, usize)>>,
    scope: Scope,
) -> Vec<Stmt> {
    let g = &net.graph;
    let v = |n: NodeId| opts.num(g.value(n));
    // A batch's view shows the parameters only, with their gradients and updates; an
    // example's view its own values and gradients, and no updates (they are the batch's).
    let batch = matches!(scope, Scope::Batch(_));
    let show = opts.show;
    let (forward, backward) = (show.forward() && !batch, show.backward() && !batch);
    let gradients = opts.edge_gradients || batch;
    let example_view = matches!(scope, Scope::Example(..));
    let updates = gradients && !example_view;
    let sfx = scope.suffix();
    let lang = opts.lang;
    let mut stmts = Vec::new();

    let inputs = (0..net.inputs.len())
        .map(|i| {
            // The node's id stays `x1`: edges and highlights find it by that.
            let id = input_name(i);
            let name = format!("{id}{sfx}");
            let label = if batch {
                Label::titled(id.clone())
            } else {
                let mut label = Label::default();
                label.row(&name, v(net.inputs[i]), opts.mark(&name));
                label
            };
            node(&id, node_attrs(&label, style, INPUT_FILL))
        })
        .collect();
    stmts.extend(cluster(
        "cluster_inputs",
        &lang.text("layer-inputs"),
        inputs,
        style,
    ));

    for (l, layer) in net.layers.iter().enumerate() {
        let layer_title = layer_title(net, l, lang);
        let fill = if l + 1 == net.layers.len() {
            OUTPUT_FILL
        } else {
            HIDDEN_FILL
        };
        let nodes = (0..layer.len())
            .map(|j| {
                let n = layer.neuron(j);
                let title = match style {
                    LabelStyle::Html => tr!(lang, "neuron", number = n),
                    LabelStyle::Plain => {
                        format!("{} · {layer_title}", tr!(lang, "neuron", number = n))
                    }
                };
                let mut label = Label::titled(title);
                let (z, f, b) = (layer.z[j], layer.f[j], layer.biases[j]);
                let mut row = |key: String, shown: &str, visible: bool, q: Quantity| {
                    let mark = opts.mark(&key);
                    if visible || mark.is_some() {
                        label.row(shown, opts.num(net.read(q)), mark);
                    }
                };
                let zn = format!("z{n}{sfx}");
                row(format!("b{n}"), &format!("b{n}"), true, Quantity::Value(b));
                if !batch {
                    row(zn.clone(), &zn, forward, Quantity::Value(z));
                    row(
                        format!("f{n}{sfx}"),
                        &format!("f({zn})"),
                        forward,
                        Quantity::Value(f),
                    );
                    row(
                        format!("df{n}{sfx}"),
                        &format!("f′({zn})"),
                        backward,
                        Quantity::Derivative(f),
                    );
                    row(
                        format!("delta{n}{sfx}"),
                        &format!("δ{n}{sfx}"),
                        backward,
                        Quantity::Grad(z),
                    );
                }
                row(
                    format!("dL{sfx}/db{n}"),
                    &format!("∂L{sfx}/∂b{n}"),
                    gradients,
                    Quantity::Grad(b),
                );
                // A marked update is drawn too (check --diagram), except in one example's
                // view: the updates are the batch's.
                if !example_view {
                    row(
                        format!("new_b{n}"),
                        &tr!(lang, "label-new", name = format!("b{n}")),
                        updates,
                        Quantity::Updated(b),
                    );
                }
                // A highlight on `f4(z4)`, the alternative spelling of `f4`, marks f too.
                if let Some(mark) = opts.mark(&format!("f{n}(z{n})")).filter(|_| !batch) {
                    label.row(format!("f(z{n})"), v(f), Some(mark));
                }
                node(&neuron_id(n), node_attrs(&label, style, fill))
            })
            .collect();
        stmts.extend(cluster(
            &format!("cluster_layer{}", l + 1),
            &layer_title,
            nodes,
            style,
        ));
    }

    stmts.push(match scope {
        Scope::Batch(_) => batch_loss_node(net, opts, style),
        _ => loss_node(net, opts, style, &sfx),
    });

    for (l, layer) in net.layers.iter().enumerate() {
        for (j, row) in layer.weights.iter().enumerate() {
            let n = layer.neuron(j);
            for (i, &w) in row.iter().enumerate() {
                if keep.is_some_and(|k| !k.contains(&(l, j, i))) {
                    continue;
                }
                let from = match l {
                    0 => input_name(i),
                    _ => neuron_id(net.layers[l - 1].neuron(i)),
                };
                let name = g.name(w).expect("network weights are named");
                let mut label = Label::default();
                label.row(name, v(w), opts.mark(name));
                let grad_mark = opts.mark(&format!("dL{sfx}/d{name}"));
                if gradients || grad_mark.is_some() {
                    label.row(format!("∂L{sfx}/∂w"), opts.num(g.grad(w)), grad_mark);
                }
                let new_mark = opts.mark(&format!("new_{name}")).filter(|_| !example_view);
                if updates || new_mark.is_some() {
                    label.row(
                        tr!(lang, "label-new", name = "w"),
                        opts.num(net.read(Quantity::Updated(w))),
                        new_mark,
                    );
                }
                stmts.push(edge(&from, &neuron_id(n), edge_attrs(&label, style)));
            }
        }
    }
    if let Some(last) = net.output_layer() {
        for j in 0..last.len() {
            stmts.push(edge(&neuron_id(last.neuron(j)), "L", vec![]));
        }
    }
    stmts
}

/// The loss node of a batch: the batch's rule, each example's loss and L.
fn batch_loss_node(net: &Network, opts: &Options, style: LabelStyle) -> Stmt {
    let n = net.examples.len();
    let rule = match net.batch {
        Some(crate::spec::BatchLoss::Sum) => "L = Σₑ L[e]".to_string(),
        _ => format!("L = (1/{n}) Σₑ L[e]"),
    };
    let mut label = Label::titled(tr!(opts.lang, "loss-node", formula = rule));
    for ex in &net.examples {
        let name = net.name_of(ex.loss);
        label.row(&name, opts.num(net.graph.value(ex.loss)), opts.mark(&name));
    }
    label.row("L", opts.num(net.graph.value(net.loss)), opts.mark("L"));
    node("L", node_attrs(&label, style, LOSS_FILL))
}

/// The loss node: the formula, each output ŷ against its target y, and L (of the example
/// whose names end in `sfx`, for one example of a batch).
fn loss_node(net: &Network, opts: &Options, style: LabelStyle, sfx: &str) -> Stmt {
    let g = &net.graph;
    let outputs = net.outputs();
    let mut label = Label::titled(tr!(
        opts.lang,
        "loss-node",
        formula = loss_formula(net.loss_kind)
    ));
    if let Some(last) = net
        .output_layer()
        .filter(|_| outputs.len() <= opts.max_neurons.min(12))
    {
        for (k, (&f, &y)) in outputs.iter().zip(&net.targets).enumerate() {
            let mark = opts.mark(&format!("f{}{sfx}", last.neuron(k)));
            if opts.show.forward() || mark.is_some() {
                label.row(
                    format!("ŷ{}{sfx} = f{}{sfx}", k + 1, last.neuron(k)),
                    opts.num(g.value(f)),
                    mark,
                );
            }
            let yname = format!("y{}{sfx}", k + 1);
            label.row(&yname, opts.num(g.value(y)), opts.mark(&yname));
        }
    } else {
        if opts.show.forward() {
            label.row_sep("ŷ", range(opts, outputs.iter().map(|&f| g.value(f))));
        }
        label.row_sep("y", range(opts, net.targets.iter().map(|&y| g.value(y))));
        // Too many outputs to list: list only the marked targets.
        if !opts.highlights.is_empty() {
            for (k, &y) in net.targets.iter().enumerate() {
                let name = format!("y{}{sfx}", k + 1);
                if let Some(mark) = opts.mark(&name) {
                    label.row(name, opts.num(g.value(y)), Some(mark));
                }
            }
        }
    }
    let loss = format!("L{sfx}");
    let mark = opts.mark(&loss);
    if opts.show.forward() || mark.is_some() {
        label.row(&loss, opts.num(g.value(net.loss)), mark);
    }
    node("L", node_attrs(&label, style, LOSS_FILL))
}

/// `("∈", "[min, max]")` of some values, or `("=", value)` when they are all equal.
fn range(opts: &Options, values: impl Iterator<Item = f64>) -> (&'static str, String) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if lo > hi {
        ("=", "none".into())
    } else if lo == hi {
        ("=", opts.num(lo))
    } else {
        ("∈", format!("[{}, {}]", opts.num(lo), opts.num(hi)))
    }
}

/// How many edge labels fit beside each neuron of the taller of two layers: dot stacks the
/// labels between two layers in one column, a neuron box is about four one-line labels tall
/// (with their spacing), and two three-line labels with gradients (as in the tutorial's first
/// layer, which must stay whole).
fn labels_per_neuron(opts: &Options) -> usize {
    let readable = if opts.edge_gradients { 2 } else { 4 };
    opts.max_edges_per_neuron.unwrap_or(readable)
}

/// The weights to draw when there are too many to label readably, as
/// `(layer, neuron in layer, source)`; `None` when every weight fits.
///
/// Each pair of layers keeps at most [`labels_per_neuron`] labels per neuron of its taller
/// layer, shared equally among the neurons it feeds, and the whole picture at most
/// [`Options::max_edges`]; within each share the largest |w| are kept.
fn weights_to_draw(net: &Network, opts: &Options) -> Option<HashSet<(usize, usize, usize)>> {
    let mut total = 0;
    let mut budgets = Vec::with_capacity(net.layers.len());
    for layer in &net.layers {
        let sources = layer.weights.first().map_or(0, Vec::len);
        let count = sources * layer.len();
        total += count;
        budgets.push(
            count.min(
                sources
                    .max(layer.len())
                    .saturating_mul(labels_per_neuron(opts)),
            ),
        );
    }
    let kept: usize = budgets.iter().sum();
    if kept == total && total <= opts.max_edges {
        return None;
    }
    // Every neuron keeps its strongest inputs, an equal share of its layer's budget.
    let mut chosen: Vec<(f64, (usize, usize, usize))> = Vec::new();
    for (l, layer) in net.layers.iter().enumerate() {
        let share = (budgets[l] / layer.len()).max(1);
        for (j, row) in layer.weights.iter().enumerate() {
            let incoming = row
                .iter()
                .enumerate()
                .map(|(i, &w)| (net.graph.value(w).abs(), (l, j, i)));
            chosen.extend(largest(incoming.collect(), share));
        }
    }
    Some(
        largest(chosen, opts.max_edges)
            .into_iter()
            .map(|(_, k)| k)
            .collect(),
    )
}

/// The `n` entries of largest magnitude; among equal ones the earlier wins, so the picture is
/// deterministic.
fn largest<K>(mut all: Vec<(f64, K)>, n: usize) -> Vec<(f64, K)> {
    // A stable sort keeps equal magnitudes in their original order.
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    all.truncate(n);
    all
}

/// Layer boxes the collapsed view draws one by one; a deeper network's middle layers share one
/// box. A drawing of thousands of boxes in a chain is unreadable, and the layout-rs fallback
/// lays a chain out in time that grows faster than its length.
const MAX_LAYER_BOXES: usize = 12;

/// The layers of each box of the collapsed view: one box per layer, or for a network deeper
/// than [`MAX_LAYER_BOXES`], the first and last layers one by one and the rest in one box.
fn layer_groups(layers: usize) -> Vec<std::ops::Range<usize>> {
    if layers <= MAX_LAYER_BOXES {
        return (0..layers).map(|l| l..l + 1).collect();
    }
    let each_end = MAX_LAYER_BOXES / 2 - 1;
    let mut groups: Vec<_> = (0..each_end).map(|l| l..l + 1).collect();
    groups.push(each_end..layers - each_end);
    groups.extend((layers - each_end..layers).map(|l| l..l + 1));
    groups
}

/// Which box of the collapsed view holds a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Owner {
    Inputs,
    Layer(usize),
    /// The weights into layer `l`.
    Weights(usize),
    Loss,
}

/// One box per layer with the range of each value, one edge per pair of layers with the range
/// of its weights. Marked values are listed by name in their box.
fn collapsed(net: &Network, opts: &Options, style: LabelStyle, scope: Scope) -> Vec<Stmt> {
    let g = &net.graph;
    let show = opts.show;
    let marked = marked_by_owner(net, opts);
    let mut stmts = Vec::new();

    let lang = opts.lang;
    // One example of a batch names its inputs with the example's number, as its loss box does.
    let suffix = scope.suffix();
    let mut label = Label::titled(tr!(
        lang,
        "inputs-range",
        first = format!("x1{suffix}"),
        last = format!("x{}{suffix}", net.inputs.len())
    ));
    label.row_sep("x", range(opts, net.inputs.iter().map(|&x| g.value(x))));
    add_marked_rows(&mut label, &marked, Owner::Inputs, net, opts);
    stmts.push(node("inputs", node_attrs(&label, style, INPUT_FILL)));

    let mut prev = "inputs".to_string();
    for group in layer_groups(net.layers.len()) {
        let (first, last_layer) = (group.start, group.end - 1);
        let layers = &net.layers[group.clone()];
        let id = format!("layer{}", first + 1);
        let mut label = Label::titled(if group.len() == 1 {
            layer_title(net, first, lang)
        } else {
            tr!(
                lang,
                "layers-grouped",
                first = first + 1,
                last = last_layer + 1,
                count = group.len()
            )
        });
        let (first_neuron, last_neuron) = (
            layers[0].first_neuron,
            layers[layers.len() - 1].first_neuron + layers[layers.len() - 1].len() - 1,
        );
        label.row(
            lang.text("label-neurons"),
            format!("{first_neuron}–{last_neuron}"),
            None,
        );
        // The nodes of one kind across the group's layers.
        let all =
            |of: fn(&Layer) -> &[NodeId]| layers.iter().flat_map(move |l| of(l).iter().copied());
        let values = |of: fn(&Layer) -> &[NodeId]| range(opts, all(of).map(|n| g.value(n)));
        let grads = |of: fn(&Layer) -> &[NodeId]| range(opts, all(of).map(|n| g.grad(n)));
        label.row_sep("b", values(|l| &l.biases));
        if show.forward() {
            label.row_sep("z", values(|l| &l.z));
            label.row_sep("f(z)", values(|l| &l.f));
        }
        if show.backward() {
            let df = all(|l| &l.f).map(|f| net.read(Quantity::Derivative(f)));
            label.row_sep("f′(z)", range(opts, df));
            label.row_sep("δ", grads(|l| &l.z));
        }
        if opts.edge_gradients {
            label.row_sep("∂L/∂b", grads(|l| &l.biases));
            let new = all(|l| &l.biases).map(|b| net.read(Quantity::Updated(b)));
            label.row_sep(tr!(lang, "label-new", name = "b"), range(opts, new));
        }
        for l in group.clone() {
            add_marked_rows(&mut label, &marked, Owner::Layer(l), net, opts);
        }
        let fill = if last_layer + 1 == net.layers.len() {
            OUTPUT_FILL
        } else {
            HIDDEN_FILL
        };
        stmts.push(node(&id, node_attrs(&label, style, fill)));

        let weights = || {
            layers
                .iter()
                .flat_map(|l| l.weights.iter().flatten().copied())
        };
        let mut label = Label::default();
        let layer = &layers[0];
        let sources = layer.weights.first().map_or(0, Vec::len);
        label.row(
            lang.text("label-weights"),
            if group.len() == 1 {
                format!("{} × {sources}", layer.len())
            } else {
                weights().count().to_string()
            },
            None,
        );
        label.row_sep("w", range(opts, weights().map(|w| g.value(w))));
        if opts.edge_gradients {
            label.row_sep("∂L/∂w", range(opts, weights().map(|w| g.grad(w))));
            let new = weights().map(|w| net.read(Quantity::Updated(w)));
            label.row_sep(tr!(lang, "label-new", name = "w"), range(opts, new));
        }
        for l in group.clone() {
            add_marked_rows(&mut label, &marked, Owner::Weights(l), net, opts);
        }
        let mut attrs = edge_attrs(&label, style);
        attrs.push(word("penwidth", "2"));
        stmts.push(edge(&prev, &id, attrs));
        prev = id;
    }
    // The loss box marks the targets and L itself.
    stmts.push(loss_node(net, opts, style, &suffix));
    stmts.push(edge(&prev, "L", vec![word("penwidth", "2")]));
    stmts
}

/// Append the marked values that `owner` shows.
fn add_marked_rows<'a>(
    label: &mut Label<'a>,
    marked: &HashMap<Owner, Vec<(String, Quantity, &'a Highlight)>>,
    owner: Owner,
    net: &Network,
    opts: &Options,
) {
    for (name, q, h) in marked.get(&owner).into_iter().flatten() {
        label.row(name.clone(), opts.num(net.read(*q)), Some(*h));
    }
}

/// The marked values of the collapsed view, grouped by the box that shows them.
fn marked_by_owner<'a>(
    net: &Network,
    opts: &'a Options,
) -> HashMap<Owner, Vec<(String, Quantity, &'a Highlight)>> {
    let mut out: HashMap<Owner, Vec<(String, Quantity, &Highlight)>> = HashMap::new();
    if opts.highlights.is_empty() {
        return out;
    }
    let mut owner: HashMap<NodeId, Owner> = HashMap::new();
    owner.extend(net.inputs.iter().map(|&x| (x, Owner::Inputs)));
    owner.extend(net.targets.iter().map(|&y| (y, Owner::Loss)));
    owner.insert(net.loss, Owner::Loss);
    for (l, layer) in net.layers.iter().enumerate() {
        owner.extend(
            layer
                .weights
                .iter()
                .flatten()
                .map(|&w| (w, Owner::Weights(l))),
        );
        for n in layer.biases.iter().chain(&layer.z).chain(&layer.f) {
            owner.insert(*n, Owner::Layer(l));
        }
    }
    let mut names: Vec<&String> = opts.highlights.keys().collect();
    names.sort();
    for name in names {
        let Some(entry) = net.entry(name) else {
            continue;
        };
        let node = entry.quantity.node();
        if let Some(&o) = owner.get(&node) {
            out.entry(o)
                .or_default()
                .push((name.clone(), entry.quantity, &opts.highlights[name]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::ValidSpec;

    #[test]
    fn the_tutorial_draws_every_weight() {
        let mut net = Network::new(&ValidSpec::tutorial());
        net.evaluate();
        assert_eq!(weights_to_draw(&net, &Options::default()), None);
        let tight = Options {
            max_edges: 2,
            ..Options::default()
        };
        let keep = weights_to_draw(&net, &tight).unwrap();
        // Three weights are 3: w(x2,2), w(x1,3), w(1,5); the first two in order win the tie.
        assert_eq!(keep, HashSet::from([(0, 1, 1), (0, 2, 0)]));
        let wide = Options {
            max_edges: 6,
            ..Options::default()
        };
        // A tight global cap still applies after the per-neuron shares.
        let keep = weights_to_draw(&net, &wide).unwrap();
        assert_eq!(keep.len(), 6);
    }
}
