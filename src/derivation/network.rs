//! The derivation of an evaluated network, section by section as the tutorial works it:
//! given values, forward pass, error terms, gradients, updated parameters, summary (and for a
//! batch, the `batch` module: each example's passes, then the batch's loss and gradients).

mod batch;

use std::collections::HashMap;

use super::layer_forms;
use super::{Arg, Block, Cell, Derivation, Line, Section, Step, Table, Text, value_working};
use crate::graph::NodeId;
use crate::math::{
    Expr, Func, Number, Sup, Symbol, eq, indexed, mul, num, partial, sub, sym, typeset,
};
use crate::net::{Entry, Network, Quantity, Stage};
use crate::spec::{Activation, Loss};

/// How the derivation shows numbers.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Significant digits of each step's result and, at least, of the numbers substituted
    /// into its formula (more where fewer would not give the result as shown).
    pub digits: usize,
    /// Significant digits of the summary table, for comparing with other programs.
    pub summary_digits: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            digits: 6,
            summary_digits: 15,
        }
    }
}

/// The derivation of an evaluated network (or of an expression spec).
pub fn build(net: &Network, opts: &Options) -> Derivation {
    let mut derivation = Derivation {
        title: Text::new("derivation-title"),
        intro: Vec::new(),
        sections: Vec::new(),
    };
    build_parts(net, opts, |part| match part {
        Part::Head { title, intro } => {
            derivation.title = title;
            derivation.intro = intro;
        }
        Part::Section(s) => derivation.sections.push(s),
    });
    derivation
}

/// A piece of a derivation, as [`build_parts`] hands it over.
pub enum Part {
    /// The title and the introduction, first.
    Head {
        /// The derivation's title.
        title: Text,
        /// Its introduction.
        intro: Vec<Block>,
    },
    /// A top-level section (given values, each pass, the summary), in reading order.
    Section(Section),
}

/// [`build`] a part at a time: each part goes to `emit` as soon as it is built, so a writer
/// can write it and let it go (`explain` on a network of many thousand neurons holds one
/// pass's steps, not the whole derivation's).
pub fn build_parts(net: &Network, opts: &Options, mut emit: impl FnMut(Part)) {
    if net.is_expression() {
        return whole(super::expression::build(net, opts), emit);
    }
    let mut by_layer: HashMap<(Stage, Option<usize>, usize), Vec<Entry<'_>>> = HashMap::new();
    for e in net.entries() {
        if let Some(l) = layer_of(net, e) {
            by_layer
                .entry((e.stage, example_of(net, e), l))
                .or_default()
                .push(e);
        }
    }
    let b = Builder {
        net,
        opts,
        by_layer,
    };
    if net.is_batch() {
        return whole(b.batch(), emit);
    }
    emit(Part::Head {
        title: b.title(),
        intro: b.intro(),
    });
    emit(Part::Section(b.given()));
    for stage in [
        Stage::Forward,
        Stage::Backward,
        Stage::Gradient,
        Stage::Update,
    ] {
        emit(Part::Section(b.pass_of(stage, None)));
    }
    emit(Part::Section(b.summary()));
}

/// A derivation built whole, handed over in parts.
fn whole(d: Derivation, mut emit: impl FnMut(Part)) {
    emit(Part::Head {
        title: d.title,
        intro: d.intro,
    });
    d.sections.into_iter().for_each(|s| emit(Part::Section(s)));
}

struct Builder<'a> {
    net: &'a Network,
    opts: &'a Options,
    /// The entries of each stage, example (in a batch; `None` for shared values) and layer,
    /// in reading order, sorted out once (a pass asks for each of its layers).
    by_layer: HashMap<(Stage, Option<usize>, usize), Vec<Entry<'a>>>,
}

fn i_(name: &str) -> Expr {
    sym(name)
}

/// `x_i`-style symbol with symbolic indices.
fn s(base: &str, sub: &[&str]) -> Expr {
    indexed(base, sub.iter().map(|i| i_(i)))
}

fn exact(x: f64) -> Expr {
    Expr::Num(x)
}

impl Builder<'_> {
    fn title(&self) -> Text {
        Text::new("derivation-title").arg(
            "network",
            Arg::Verbatim(self.net.name.clone().unwrap_or_else(|| "network".into())),
        )
    }

    fn layer_text(&self, l: usize, lower: bool) -> Text {
        let layer = &self.net.layers[l];
        let neurons = if layer.len() == 1 {
            Text::new("derivation-neuron-one").arg("n", layer.first_neuron)
        } else {
            Text::new("derivation-neuron-range")
                .arg("first", layer.first_neuron)
                .arg("last", layer.neuron(layer.len() - 1))
        };
        let id = match (l + 1 == self.net.layers.len(), lower) {
            (true, false) => "derivation-layer-output",
            (true, true) => "derivation-layer-output-lower",
            (false, false) => "derivation-layer-hidden",
            (false, true) => "derivation-layer-hidden-lower",
        };
        Text::new(id).arg("number", l + 1).arg("neurons", neurons)
    }

    fn intro(&self) -> Vec<Block> {
        let net = self.net;
        let sizes: Vec<String> = std::iter::once(net.inputs.len())
            .chain(net.layers.iter().map(|l| l.len()))
            .map(|n| n.to_string())
            .collect();
        let layers = (0..net.layers.len())
            .map(|l| {
                Text::new("derivation-intro-layer")
                    .arg("layer", self.layer_text(l, true))
                    .arg("activation", activation_name(net.layers[l].activation))
            })
            .collect();
        let alpha = eq([sym("α"), exact(net.learning_rate)]);
        let summary = match (net.weight_decay != 0.0, net.is_batch()) {
            (true, false) => Text::new("derivation-intro-network-decay"),
            (false, false) => Text::new("derivation-intro-network"),
            (true, true) => Text::new("derivation-intro-batch-decay"),
            (false, true) => Text::new("derivation-intro-batch"),
        };
        let summary = if net.weight_decay != 0.0 {
            summary.arg("lambda", eq([sym("λ"), exact(net.weight_decay)]))
        } else {
            summary
        };
        let summary = if net.is_batch() {
            summary.arg("count", net.examples.len())
        } else {
            summary
        };
        let summary = summary
            .arg("sizes", Arg::Verbatim(sizes.join("-")))
            .arg("inputs", net.inputs.len())
            .arg("layers", Arg::List(layers))
            .arg("alpha", alpha);
        let notation = Text::new("derivation-notation")
            .arg("lead", Arg::Strong(Text::new("derivation-notation-lead")))
            .arg("x_i", s("x", &["i"]))
            .arg("y_k", s("y", &["k"]))
            .arg("z_j", s("z", &["j"]))
            .arg(
                "f_j",
                eq([
                    s("f", &["j"]),
                    Expr::Apply(Symbol::new("f"), Box::new(s("z", &["j"]))),
                ]),
            )
            .arg(
                "df_j",
                eq([
                    Expr::Sym(Symbol::new("f").primed().indices([i_("j")])),
                    Expr::Apply(Symbol::new("f").primed(), Box::new(s("z", &["j"]))),
                ]),
            )
            .arg(
                "delta_j",
                eq([s("δ", &["j"]), partial(sym("L"), s("z", &["j"]))]),
            )
            .arg("w_ij", s("w", &["i", "j"]))
            .arg("i", i_("i"))
            .arg("j", i_("j"))
            .arg("k", i_("k"))
            .arg("b_j", s("b", &["j"]))
            .arg(
                "new_w_ij",
                Expr::Sym(Symbol::new("w").indices([i_("i"), i_("j")]).sup(Sup::Plus)),
            );
        vec![
            Block::Paragraph(summary),
            Block::Paragraph(notation),
            Block::Paragraph(loss_text(net.loss_kind)),
        ]
    }

    fn given(&self) -> Section {
        let net = self.net;
        let shown = |nodes: &[NodeId]| {
            Expr::Tuple(nodes.iter().map(|&n| exact(net.graph.value(n))).collect())
        };
        // A batch shows each example's input and target in its own section.
        let mut blocks: Vec<Block> = (!net.is_batch())
            .then(|| {
                Block::Paragraph(
                    Text::new("derivation-given-example")
                        .arg("x", eq([sym("x"), shown(&net.inputs)]))
                        .arg("y", eq([sym("y"), shown(&net.targets)])),
                )
            })
            .into_iter()
            .collect();
        for (l, layer) in net.layers.iter().enumerate() {
            blocks.push(Block::Paragraph(
                Text::new("derivation-given-layer")
                    .arg("layer", self.layer_text(l, false))
                    .arg("w_ij", s("w", &["i", "j"]))
                    .arg("i", i_("i"))
                    .arg("j", i_("j"))
                    .arg("b_j", s("b", &["j"])),
            ));
            let sources: Vec<Cell> = if l == 0 {
                (0..net.inputs.len())
                    .map(|i| {
                        Cell::Text(
                            Text::new("derivation-table-from")
                                .arg("source", typeset(&format!("x{}", i + 1))),
                        )
                    })
                    .collect()
            } else {
                let prev = &net.layers[l - 1];
                (0..prev.len())
                    .map(|i| {
                        Cell::Text(
                            Text::new("derivation-table-from")
                                .arg("source", Arg::Int(prev.neuron(i))),
                        )
                    })
                    .collect()
            };
            let mut header = vec![Cell::Text(Text::new("derivation-table-into-neuron"))];
            header.extend(sources);
            header.push(Cell::Text(Text::new("derivation-table-bias")));
            let rows = (0..layer.len())
                .map(|j| {
                    let mut row = vec![Cell::Math(exact(layer.neuron(j) as f64))];
                    row.extend(
                        layer.weights[j]
                            .iter()
                            .map(|&w| Cell::Math(exact(net.graph.value(w)))),
                    );
                    row.push(Cell::Math(exact(net.graph.value(layer.biases[j]))));
                    row
                })
                .collect();
            blocks.push(Block::Table(Table { header, rows }));
        }
        Section {
            id: "given".into(),
            title: Text::new("derivation-section-given"),
            blocks,
            sections: Vec::new(),
        }
    }

    fn entries_of(&self, stage: Stage, example: Option<usize>, l: usize) -> Vec<Entry<'_>> {
        self.by_layer
            .get(&(stage, example, l))
            .cloned()
            .unwrap_or_default()
    }

    /// One of the four passes: an introduction, then one subsection per layer (output layer
    /// first for the backward pass), and the loss after the forward pass. In a batch, the
    /// pass of one example (`Some(e)`: its own values, loss and error terms), or the shared
    /// values (`None`: the batch's gradients, the updates); a batch has no matrix forms, which
    /// would show one example's vectors only.
    fn pass_of(&self, stage: Stage, example: Option<usize>) -> Section {
        let net = self.net;
        let prefix = example.map_or(String::new(), |e| format!("example-{}-", e + 1));
        let (id, title, intro) = match stage {
            Stage::Forward => (
                "forward",
                "derivation-section-forward",
                self.forward_intro(),
            ),
            Stage::Backward => (
                "backward",
                "derivation-section-backward",
                self.backward_intro(),
            ),
            Stage::Gradient => (
                "gradients",
                "derivation-section-gradients",
                self.gradients_intro(),
            ),
            _ => ("update", "derivation-section-update", self.update_intro()),
        };
        let order: Vec<usize> = if stage == Stage::Backward {
            (0..net.layers.len()).rev().collect()
        } else {
            (0..net.layers.len()).collect()
        };
        let mut blocks = vec![Block::Paragraph(intro)];
        let mut sections: Vec<Section> = order
            .into_iter()
            .map(|l| {
                let mut blocks = Vec::new();
                let activation = net.layers[l].activation;
                match stage {
                    Stage::Forward => blocks.push(Block::Paragraph(
                        Text::new("derivation-activation").arg("f", activation_formula(activation)),
                    )),
                    Stage::Backward => blocks.push(Block::Paragraph(
                        Text::new("derivation-activation-derivative")
                            .arg("df", activation_derivative(activation)),
                    )),
                    _ => {}
                }
                let digits = self.opts.digits;
                let one_example = !net.is_batch();
                if stage == Stage::Gradient && one_example {
                    blocks.push(Block::Paragraph(Text::new("derivation-chain-rule")));
                    blocks.push(Block::Step(layer_forms::chain_rule(net, l, digits)));
                }
                blocks.extend(
                    self.entries_of(stage, example, l)
                        .into_iter()
                        .map(|e| Block::Step(value_step(self.net, e, self.opts))),
                );
                let matrix = match stage {
                    _ if !one_example => None,
                    Stage::Forward => layer_forms::forward(net, l, digits),
                    Stage::Backward => layer_forms::backward(net, l, digits),
                    Stage::Gradient => layer_forms::gradient(net, l, digits),
                    _ => None,
                };
                if let Some(step) = matrix {
                    blocks.push(Block::Paragraph(Text::new("derivation-matrix-form")));
                    blocks.push(Block::Step(step));
                }
                Section {
                    id: format!("{prefix}{id}-layer-{}", l + 1),
                    title: self.layer_text(l, false),
                    blocks,
                    sections: Vec::new(),
                }
            })
            .collect();
        match stage {
            Stage::Forward => {
                let loss_steps = net
                    .entry(&format!(
                        "L{}",
                        example.map_or(String::new(), |e| net.suffix(e))
                    ))
                    .map(|e| Block::Step(value_step(self.net, e, self.opts)))
                    .into_iter()
                    .collect();
                sections.push(Section {
                    id: format!("{prefix}loss"),
                    title: Text::new("derivation-section-loss"),
                    blocks: loss_steps,
                    sections: Vec::new(),
                });
            }
            Stage::Backward
                if net
                    .output_layer()
                    .is_some_and(|l| l.activation == Activation::Softmax) =>
            {
                blocks.push(Block::Paragraph(softmax_jacobian(net)));
            }
            Stage::Backward if cross_entropy_cancels(net) => {
                blocks.push(Block::Paragraph(
                    Text::new("derivation-cross-entropy-cancels")
                        .arg(
                            "dl_df",
                            eq([
                                partial(sym("L"), s("f", &["j"])),
                                Expr::Frac(
                                    Box::new(sub(s("f", &["j"]), s("y", &["j"]))),
                                    Box::new(mul([s("f", &["j"]), sub(num(1.0), s("f", &["j"]))])),
                                ),
                            ]),
                        )
                        .arg(
                            "df",
                            eq([
                                Expr::Sym(Symbol::new("f").primed().indices([i_("j")])),
                                mul([s("f", &["j"]), sub(num(1.0), s("f", &["j"]))]),
                            ]),
                        )
                        .arg(
                            "delta",
                            eq([s("δ", &["j"]), sub(s("f", &["j"]), s("y", &["j"]))]),
                        ),
                ));
            }
            _ => {}
        }
        Section {
            id: format!("{prefix}{id}"),
            title: Text::new(title),
            blocks,
            sections,
        }
    }

    fn forward_intro(&self) -> Text {
        let z = eq([
            s("z", &["j"]),
            Expr::Add(vec![
                Expr::Sum(
                    Symbol::new("i"),
                    Box::new(mul([s("w", &["i", "j"]), s("a", &["i"])])),
                ),
                s("b", &["j"]),
            ]),
        ]);
        Text::new("derivation-forward-intro")
            .arg("z", z)
            .arg("a_i", s("a", &["i"]))
            .arg("x_i", s("x", &["i"]))
            .arg(
                "f",
                eq([
                    s("f", &["j"]),
                    Expr::Apply(Symbol::new("f"), Box::new(s("z", &["j"]))),
                ]),
            )
    }

    fn backward_intro(&self) -> Text {
        let df = |j: &str| Expr::Apply(Symbol::new("f").primed(), Box::new(s("z", &[j])));
        let layer = |base: &str, l: Expr| Expr::Sym(Symbol::new(base).sup(Sup::Layer(Box::new(l))));
        let l = sym("l");
        let l1 = Expr::Add(vec![sym("l"), num(1.0)]);
        Text::new("derivation-backward-intro")
            .arg(
                "delta",
                eq([s("δ", &["j"]), partial(sym("L"), s("z", &["j"]))]),
            )
            .arg(
                "output",
                eq([
                    s("δ", &["j"]),
                    mul([partial(sym("L"), s("f", &["j"])), df("j")]),
                ]),
            )
            .arg("z_j", s("z", &["j"]))
            .arg("j", i_("j"))
            .arg("k", i_("k"))
            .arg(
                "hidden",
                eq([
                    s("δ", &["j"]),
                    mul([
                        df("j"),
                        Expr::Sum(
                            Symbol::new("k"),
                            Box::new(mul([s("w", &["j", "k"]), s("δ", &["k"])])),
                        ),
                    ]),
                ]),
            )
            .arg(
                "matrix",
                eq([
                    layer("δ", l.clone()),
                    Expr::Hadamard(
                        Box::new(Expr::Apply(
                            Symbol::new("f").primed(),
                            Box::new(layer("z", l.clone())),
                        )),
                        Box::new(mul([
                            Expr::Transpose(Box::new(Expr::Sym(
                                Symbol::new("W").sup(Sup::Layer(Box::new(l1.clone()))),
                            ))),
                            layer("δ", l1),
                        ])),
                    ),
                ]),
            )
    }

    fn gradients_intro(&self) -> Text {
        Text::new("derivation-gradients-intro")
            .arg("w_ij", s("w", &["i", "j"]))
            .arg("z_j", s("z", &["j"]))
            .arg("a_i", s("a", &["i"]))
            .arg(
                "dw",
                eq([
                    partial(sym("L"), s("w", &["i", "j"])),
                    mul([s("δ", &["j"]), s("a", &["i"])]),
                ]),
            )
            .arg(
                "db",
                eq([partial(sym("L"), s("b", &["j"])), s("δ", &["j"])]),
            )
    }

    fn update_intro(&self) -> Text {
        let net = self.net;
        let mut rhs = sub(sym("w"), mul([sym("α"), partial(sym("L"), sym("w"))]));
        if net.weight_decay != 0.0 {
            rhs = sub(rhs, mul([sym("α"), sym("λ"), sym("w")]));
        }
        let rule = eq([Expr::Sym(Symbol::new("w").sup(Sup::Plus)), rhs]);
        Text::new("derivation-update-intro")
            .arg("rule", rule)
            .arg("alpha", eq([sym("α"), exact(net.learning_rate)]))
    }

    /// The summary table's value columns: z, f(z), f′(z), δ.
    fn summary_header(&self) -> Vec<Cell> {
        vec![
            Cell::Math(sym("z")),
            Cell::Math(Expr::Apply(Symbol::new("f"), Box::new(sym("z")))),
            Cell::Math(Expr::Apply(Symbol::new("f").primed(), Box::new(sym("z")))),
            Cell::Math(sym("δ")),
        ]
    }

    fn summary(&self) -> Section {
        let net = self.net;
        let mut header = vec![Cell::Text(Text::new("derivation-table-neuron"))];
        header.extend(self.summary_header());
        let mut rows = Vec::new();
        for layer in &net.layers {
            for j in 0..layer.len() {
                let n = layer.neuron(j);
                let mut row = vec![Cell::Math(exact(n as f64))];
                for prefix in ["z", "f", "df", "delta"] {
                    let v = net.get(&format!("{prefix}{n}")).unwrap_or(f64::NAN);
                    row.push(Cell::Math(Expr::Shown(Number::new(
                        v,
                        self.opts.summary_digits,
                    ))));
                }
                rows.push(row);
            }
        }
        self.summary_section(header, rows, &["L".to_string()])
    }

    /// The summary: the table of every neuron's values and the losses `names` (`L`; a
    /// batch's `L[1]`, …, `L`), to the summary's digits.
    fn summary_section(
        &self,
        header: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
        names: &[String],
    ) -> Section {
        let line = |name: &String| Line {
            lhs: typeset(name),
            forms: Vec::new(),
            numbers: None,
            result: Expr::Shown(Number::new(
                self.net.get(name).unwrap_or(f64::NAN),
                self.opts.summary_digits,
            )),
        };
        Section {
            id: "summary".into(),
            title: Text::new("derivation-section-summary"),
            blocks: vec![
                Block::Paragraph(
                    Text::new("derivation-summary-intro").arg("digits", self.opts.summary_digits),
                ),
                Block::Table(Table { header, rows }),
                Block::Step(Step {
                    id: "summary-L".into(),
                    values: names.to_vec(),
                    lines: names.iter().map(line).collect(),
                    note: None,
                }),
            ],
            sections: Vec::new(),
        }
    }
}

/// Why a softmax output's error term takes every output of its layer, and how it collapses to
/// `f − y` with the categorical cross-entropy.
fn softmax_jacobian(net: &Network) -> Text {
    let (fj, fk, yj) = (|| s("f", &["j"]), || s("f", &["k"]), || s("y", &["j"]));
    let dl_df = || partial(sym("L"), fj());
    let jacobian = eq([
        partial(fj(), s("z", &["k"])),
        Expr::Neg(Box::new(mul([fj(), fk()]))),
    ]);
    let delta_sum = eq([
        s("δ", &["k"]),
        Expr::Sum(
            Symbol::new("j"),
            Box::new(mul([dl_df(), partial(fj(), s("z", &["k"]))])),
        ),
    ]);
    let cce = net.loss_kind == Loss::CategoricalCrossEntropy;
    let text = Text::new(if cce {
        "derivation-softmax-jacobian"
    } else {
        "derivation-softmax-jacobian-general"
    })
    .arg("jacobian", jacobian)
    .arg("delta_sum", delta_sum);
    if cce {
        text.arg(
            "dl_df",
            eq([
                dl_df(),
                Expr::Neg(Box::new(Expr::Frac(Box::new(yj()), Box::new(fj())))),
            ]),
        )
        .arg("delta", eq([s("δ", &["k"]), sub(fk(), s("y", &["k"]))]))
    } else {
        text.arg(
            "written",
            eq([
                s("δ", &["j"]),
                mul([
                    fj(),
                    sub(
                        dl_df(),
                        Expr::Sum(
                            Symbol::new("k"),
                            Box::new(mul([fk(), partial(sym("L"), fk())])),
                        ),
                    ),
                ]),
            ]),
        )
    }
}

fn cross_entropy_cancels(net: &Network) -> bool {
    net.loss_kind == Loss::CrossEntropy
        && net
            .layers
            .last()
            .is_some_and(|l| l.activation == Activation::Sigmoid)
}

fn activation_name(a: Activation) -> Text {
    Text::new(match a {
        Activation::Sigmoid => "derivation-activation-sigmoid",
        Activation::Tanh => "derivation-activation-tanh",
        Activation::Relu => "derivation-activation-relu",
        Activation::Identity => "derivation-activation-identity",
        Activation::Softmax => "derivation-activation-softmax",
    })
}

/// `f(z) = σ(z) = 1/(1 + e^{−z})` and friends.
fn activation_formula(a: Activation) -> Expr {
    let z = || Box::new(sym("z"));
    let f = Expr::Apply(Symbol::new("f"), z());
    eq(match a {
        Activation::Sigmoid => vec![
            f,
            Expr::Call(Func::Sigmoid, z()),
            Expr::Frac(
                Box::new(num(1.0)),
                Box::new(Expr::Add(vec![
                    num(1.0),
                    Expr::Exp(Box::new(Expr::Neg(z()))),
                ])),
            ),
        ],
        Activation::Tanh => vec![f, Expr::Call(Func::Tanh, z())],
        Activation::Relu => vec![f, Expr::Call(Func::Relu, z())],
        Activation::Identity => vec![f, sym("z")],
        // f_j = e^{z_j} / Σ_k e^{z_k}, over the layer.
        Activation::Softmax => vec![
            s("f", &["j"]),
            Expr::Frac(
                Box::new(Expr::Exp(Box::new(s("z", &["j"])))),
                Box::new(Expr::Sum(
                    Symbol::new("k"),
                    Box::new(Expr::Exp(Box::new(s("z", &["k"])))),
                )),
            ),
        ],
    })
}

/// `f'(z) = f(z)·(1 − f(z))` and friends; for a softmax, the Jacobian's diagonal.
fn activation_derivative(a: Activation) -> Expr {
    if a == Activation::Softmax {
        let fj = || s("f", &["j"]);
        return eq([
            partial(fj(), s("z", &["j"])),
            mul([fj(), sub(num(1.0), fj())]),
        ]);
    }
    let z = || Box::new(sym("z"));
    let f = || Expr::Apply(Symbol::new("f"), z());
    let df = Expr::Apply(Symbol::new("f").primed(), z());
    eq([
        df,
        match a {
            Activation::Sigmoid => mul([f(), sub(num(1.0), f())]),
            Activation::Tanh => sub(num(1.0), Expr::Square(Box::new(f()))),
            Activation::Relu => Expr::Call(Func::Step, z()),
            Activation::Identity => num(1.0),
            Activation::Softmax => unreachable!("returned above"),
        },
    ])
}

/// The loss in words and as a formula over `y_k` and `ŷ_k`.
fn loss_text(loss: Loss) -> Text {
    let k = || Symbol::new("k");
    let y = || s("y", &["k"]);
    let yhat = || Expr::Sym(Symbol::new("y").hat().indices([i_("k")]));
    let squares = || Expr::Sum(k(), Box::new(Expr::Square(Box::new(sub(y(), yhat())))));
    let (id, formula) = match loss {
        Loss::CategoricalCrossEntropy => (
            "derivation-loss-categorical-cross-entropy",
            Expr::Neg(Box::new(Expr::Sum(
                k(),
                Box::new(mul([y(), Expr::Call(Func::Ln, Box::new(yhat()))])),
            ))),
        ),
        Loss::HalfSse => (
            "derivation-loss-half-sse",
            mul([
                Expr::Frac(Box::new(num(1.0)), Box::new(num(2.0))),
                squares(),
            ]),
        ),
        Loss::Sse => ("derivation-loss-sse", squares()),
        Loss::Mse => (
            "derivation-loss-mse",
            mul([
                Expr::Frac(Box::new(num(1.0)), Box::new(sym("n"))),
                squares(),
            ]),
        ),
        Loss::CrossEntropy => (
            "derivation-loss-cross-entropy",
            Expr::Neg(Box::new(Expr::Sum(
                k(),
                Box::new(Expr::Add(vec![
                    mul([y(), Expr::Call(Func::Ln, Box::new(yhat()))]),
                    mul([
                        sub(num(1.0), y()),
                        Expr::Call(Func::Ln, Box::new(sub(num(1.0), yhat()))),
                    ]),
                ])),
            ))),
        ),
    };
    Text::new(id).arg("formula", eq([sym("L"), formula]))
}

/// The example (0-based) of a batch an entry belongs to: its own gradient's example, or the
/// example of its node; `None` for shared values and for a network of one example.
fn example_of(net: &Network, e: Entry<'_>) -> Option<usize> {
    match e.quantity {
        Quantity::ExampleGrad { example, .. } => Some(example),
        q => net.example_of(q.node()),
    }
}

/// The layer (0-based) an entry belongs to, if it belongs to one.
fn layer_of(net: &Network, e: Entry<'_>) -> Option<usize> {
    net.layer_of(e.quantity.node())
}

/// The step computing one canonical value: its working, or its value if it is given.
pub fn value_step(net: &Network, e: Entry<'_>, opts: &Options) -> Step {
    let lines = value_working(net, e, opts.digits).unwrap_or_else(|| {
        vec![Line {
            lhs: typeset(e.name),
            forms: Vec::new(),
            numbers: None,
            result: Expr::Shown(Number::new(net.read(e.quantity), 15)),
        }]
    });
    Step {
        id: e.name.to_string(),
        values: vec![e.name.to_string()],
        lines,
        note: None,
    }
}
