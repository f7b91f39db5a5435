//! The derivation of a batch of examples: the shared parameters, then each example worked
//! through on its own (forward pass, its loss `L[e]`, its own error terms and gradients), then
//! the batch's loss and the averaging (or summing) step of every gradient, the updates and a
//! summary per example.

use super::{Builder, exact, s};
use crate::derivation::{Block, Cell, Derivation, Section, Text};
use crate::math::{Expr, Number, Sup, Symbol, eq, mul, num, partial, sym, typeset};
use crate::net::Stage;
use crate::spec::BatchLoss;

/// `base` of example `e` (a number or the symbol `e`): `L^[e]`, `δ_j^[e]`.
fn of_example(symbol: Symbol, e: Expr) -> Expr {
    Expr::Sym(symbol.sup(Sup::Example(Box::new(e))))
}

/// The loss of example `e`, `L^[e]`, with `e` as a symbol.
fn example_loss(e: &str) -> Expr {
    of_example(Symbol::new("L"), sym(e))
}

/// The batch's rule for L: `L = (1/N)·Σ_e L[e]`, or the sum.
fn batch_rule(combine: BatchLoss, n: usize) -> Expr {
    let sum = Expr::Sum(Symbol::new("e"), Box::new(example_loss("e")));
    let rhs = match combine {
        BatchLoss::Mean => mul([Expr::Frac(Box::new(num(1.0)), Box::new(num(n as f64))), sum]),
        BatchLoss::Sum => sum,
    };
    eq([sym("L"), rhs])
}

impl Builder<'_> {
    /// The derivation of a batch (see the [module docs](self)).
    pub(super) fn batch(&self) -> Derivation {
        let net = self.net;
        let combine = net.batch.unwrap_or_default();
        let n = net.examples.len();
        let mut intro = self.intro();
        intro.push(Block::Paragraph(
            Text::new("derivation-batch-intro")
                .arg("count", n)
                .arg("le", example_loss("e"))
                .arg(
                    "delta",
                    eq([
                        of_example(Symbol::new("δ").indices([sym("j")]), sym("e")),
                        partial(
                            example_loss("e"),
                            of_example(Symbol::new("z").indices([sym("j")]), sym("e")),
                        ),
                    ]),
                )
                .arg("rule", batch_rule(combine, n)),
        ));
        let mut sections = vec![self.given()];
        for e in 0..n {
            sections.push(self.example_section(e));
        }
        sections.push(self.batch_loss_section(combine, n));
        sections.push(self.batch_gradients_section(combine, n));
        sections.push(self.pass_of(Stage::Update, None));
        sections.push(self.batch_summary());
        Derivation {
            title: self.title(),
            intro,
            sections,
        }
    }

    /// Example `e`: its input and target, then its forward pass, its own error terms and its
    /// own gradients.
    fn example_section(&self, e: usize) -> Section {
        let net = self.net;
        let ex = &net.examples[e];
        let shown = |nodes: &[crate::graph::NodeId]| {
            Expr::Tuple(nodes.iter().map(|&n| exact(net.graph.value(n))).collect())
        };
        let number = (e + 1).to_string();
        Section {
            id: format!("example-{}", e + 1),
            title: Text::new("derivation-section-example").arg("number", e + 1),
            blocks: vec![Block::Paragraph(
                Text::new("derivation-example-intro")
                    .arg("x", eq([sym("x"), shown(&ex.inputs)]))
                    .arg("y", eq([sym("y"), shown(&ex.targets)]))
                    .arg("le", typeset(&format!("L[{number}]")))
                    .arg(
                        "delta",
                        eq([
                            of_example(Symbol::new("δ").indices([sym("j")]), num((e + 1) as f64)),
                            partial(
                                typeset(&format!("L[{number}]")),
                                of_example(
                                    Symbol::new("z").indices([sym("j")]),
                                    num((e + 1) as f64),
                                ),
                            ),
                        ]),
                    ),
            )],
            sections: vec![
                self.pass_of(Stage::Forward, Some(e)),
                self.pass_of(Stage::Backward, Some(e)),
                self.pass_of(Stage::Gradient, Some(e)),
            ],
        }
    }

    /// `L` from the examples' losses.
    fn batch_loss_section(&self, combine: BatchLoss, n: usize) -> Section {
        let net = self.net;
        let steps = net
            .entry("L")
            .map(|e| Block::Step(super::value_step(net, e, self.opts)));
        let id = match combine {
            BatchLoss::Mean => "derivation-batch-loss-mean",
            BatchLoss::Sum => "derivation-batch-loss-sum",
        };
        Section {
            id: "batch-loss".into(),
            title: Text::new("derivation-section-batch-loss"),
            blocks: std::iter::once(Block::Paragraph(
                Text::new(id)
                    .arg("count", n)
                    .arg("rule", batch_rule(combine, n)),
            ))
            .chain(steps)
            .collect(),
            sections: Vec::new(),
        }
    }

    /// Each gradient of the batch from the examples' gradients, layer by layer.
    fn batch_gradients_section(&self, combine: BatchLoss, n: usize) -> Section {
        let w = s("w", &["i", "j"]);
        let rule = match combine {
            BatchLoss::Mean => mul([
                Expr::Frac(Box::new(num(1.0)), Box::new(num(n as f64))),
                Expr::Sum(
                    Symbol::new("e"),
                    Box::new(partial(example_loss("e"), w.clone())),
                ),
            ]),
            BatchLoss::Sum => Expr::Sum(
                Symbol::new("e"),
                Box::new(partial(example_loss("e"), w.clone())),
            ),
        };
        let id = match combine {
            BatchLoss::Mean => "derivation-batch-gradients-mean",
            BatchLoss::Sum => "derivation-batch-gradients-sum",
        };
        let mut section = self.pass_of(Stage::Gradient, None);
        section.id = "batch-gradients".into();
        section.title = Text::new("derivation-section-batch-gradients");
        section.blocks = vec![Block::Paragraph(
            Text::new(id)
                .arg("rule", eq([partial(sym("L"), w), rule]))
                .arg("count", n),
        )];
        section
    }

    /// Every neuron's values for every example, to the summary's digits, and `L`.
    fn batch_summary(&self) -> Section {
        let net = self.net;
        let mut header = vec![
            Cell::Text(Text::new("derivation-table-example")),
            Cell::Text(Text::new("derivation-table-neuron")),
        ];
        header.extend(self.summary_header());
        let mut rows = Vec::new();
        for e in 0..net.examples.len() {
            let suffix = net.suffix(e);
            for layer in &net.layers {
                for j in 0..layer.len() {
                    let neuron = layer.neuron(j);
                    let mut row = vec![
                        Cell::Math(exact((e + 1) as f64)),
                        Cell::Math(exact(neuron as f64)),
                    ];
                    for prefix in ["z", "f", "df", "delta"] {
                        let v = net
                            .get(&format!("{prefix}{neuron}{suffix}"))
                            .unwrap_or(f64::NAN);
                        row.push(Cell::Math(Expr::Shown(Number::new(
                            v,
                            self.opts.summary_digits,
                        ))));
                    }
                    rows.push(row);
                }
            }
        }
        let names: Vec<String> = (0..net.examples.len())
            .map(|e| format!("L{}", net.suffix(e)))
            .chain(std::iter::once("L".to_string()))
            .collect();
        self.summary_section(header, rows, &names)
    }
}
