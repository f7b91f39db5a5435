//! The derivation of an expression spec: the forward pass one operation at a time, then the
//! chain rule at every node, from the output back to the inputs — each gradient is the local
//! derivative times the upstream gradient, summed over every place the value is used.

use super::network::{Options, value_step};
use super::{Arg, Block, Cell, Derivation, Section, Table, Text};
use crate::math::{Expr, Func, Sup, Symbol, eq, mul, num, partial, sub, sym, typeset};
use crate::net::{Network, Quantity, Stage};

/// The derivation of an evaluated expression.
pub fn build(net: &Network, opts: &Options) -> Derivation {
    let g = &net.graph;
    let out = g.name(net.loss).unwrap_or("f").to_string();
    let title = net.name.clone().unwrap_or_else(|| out.clone());
    let given = net
        .entries()
        .iter()
        .filter(|e| e.stage == Stage::Given)
        .map(|e| {
            vec![
                Cell::Math(typeset(e.name)),
                Cell::Math(Expr::Num(net.read(e.quantity))),
            ]
        })
        .collect();
    let forward = net
        .entries()
        .iter()
        .filter(|e| e.stage == Stage::Forward)
        .map(|e| Block::Step(value_step(net, e, opts)))
        .collect();
    let mut backward = vec![
        Block::Paragraph(chain_rule(&out)),
        Block::Paragraph(local_derivatives()),
    ];
    for e in net
        .entries()
        .iter()
        .filter(|e| matches!(e.stage, Stage::Backward | Stage::Gradient))
    {
        if let Quantity::Grad(n) = e.quantity {
            let uses = g.consumers(n).len();
            if uses > 1 {
                backward.push(Block::Paragraph(
                    Text::new("derivation-expression-shared")
                        .arg("v", typeset(g.name(n).unwrap_or_default()))
                        .arg("uses", uses),
                ));
            }
        }
        backward.push(Block::Step(value_step(net, e, opts)));
    }
    let summary = net
        .entries()
        .iter()
        .filter(|e| e.stage != Stage::Backward)
        .filter_map(|e| match e.quantity {
            Quantity::Value(n) => Some((e, n)),
            _ => None,
        })
        .map(|(e, n)| {
            let grad = if n == net.loss {
                Expr::Num(1.0)
            } else {
                Expr::Shown(crate::math::Number::new(g.grad(n), opts.digits))
            };
            vec![
                Cell::Math(typeset(e.name)),
                Cell::Math(Expr::Shown(crate::math::Number::new(
                    g.value(n),
                    opts.digits,
                ))),
                Cell::Math(grad),
            ]
        })
        .collect();
    let section = |id: &str, title: &'static str, blocks: Vec<Block>| Section {
        id: id.into(),
        title: Text::new(title),
        blocks,
        sections: Vec::new(),
    };
    Derivation {
        title: Text::new("derivation-expression-title").arg("name", Arg::Verbatim(title)),
        intro: vec![Block::Paragraph(
            Text::new("derivation-expression-intro").arg("output", typeset(&out)),
        )],
        sections: vec![
            section(
                "given",
                "derivation-section-given",
                vec![Block::Table(Table {
                    header: vec![
                        Cell::Text(Text::new("derivation-table-input")),
                        Cell::Text(Text::new("derivation-table-value")),
                    ],
                    rows: given,
                })],
            ),
            section("forward", "derivation-section-forward", forward),
            section(
                "backward",
                "derivation-expression-section-backward",
                backward,
            ),
            section(
                "summary",
                "derivation-section-summary",
                vec![Block::Table(Table {
                    header: vec![
                        Cell::Text(Text::new("derivation-table-value-name")),
                        Cell::Text(Text::new("derivation-table-forward-value")),
                        Cell::Text(Text::new("derivation-table-gradient")),
                    ],
                    rows: summary,
                })],
            ),
        ],
    }
}

/// `∂o/∂v = Σ_c ∂c/∂v · ∂o/∂c`, in words and as a formula.
fn chain_rule(out: &str) -> Text {
    let o = || typeset(out);
    Text::new("derivation-expression-backward-intro")
        .arg("seed", eq([partial(o(), o()), num(1.0)]))
        .arg("v", sym("v"))
        .arg("c", sym("c"))
        .arg(
            "local_name",
            Arg::Strong(Text::new("derivation-expression-local-derivative")),
        )
        .arg(
            "upstream_name",
            Arg::Strong(Text::new("derivation-expression-upstream-gradient")),
        )
        .arg("local", partial(sym("c"), sym("v")))
        .arg("upstream", partial(o(), sym("c")))
        .arg(
            "rule",
            eq([
                partial(o(), sym("v")),
                Expr::Sum(
                    Symbol::new("c"),
                    Box::new(mul([partial(sym("c"), sym("v")), partial(o(), sym("c"))])),
                ),
            ]),
        )
}

/// `a` to a symbolic power.
fn power(exponent: Expr) -> Expr {
    Expr::Sym(Symbol::new("a").sup(Sup::Power(Box::new(exponent))))
}

/// Every op's local derivative, in the textbook form the formulas use.
fn local_derivatives() -> Text {
    let (a, b, c) = (|| sym("a"), || sym("b"), || sym("c"));
    let frac = |x: Expr, y: Expr| Expr::Frac(Box::new(x), Box::new(y));
    let sigma = || sym("σ");
    Text::new("derivation-expression-local-derivatives")
        .arg("a", a())
        .arg("b", b())
        .arg("add", Expr::Add(vec![a(), b()]))
        .arg("sub", sub(a(), b()))
        .arg("minus_one", num(-1.0))
        .arg("mul", mul([a(), b()]))
        .arg("div", frac(a(), b()))
        .arg("div_a", frac(num(1.0), b()))
        .arg(
            "div_b",
            Expr::Neg(Box::new(frac(a(), Expr::Square(Box::new(b()))))),
        )
        .arg("pow", power(c()))
        .arg("pow_d", mul([c(), power(sub(c(), num(1.0)))]))
        .arg("exp", Expr::Call(Func::Exp, Box::new(a())))
        .arg("ln", Expr::Call(Func::Ln, Box::new(a())))
        .arg("ln_d", frac(num(1.0), a()))
        .arg("sigmoid", Expr::Call(Func::Sigmoid, Box::new(a())))
        .arg("sigmoid_d", mul([sigma(), sub(num(1.0), sigma())]))
        .arg("tanh", Expr::Call(Func::Tanh, Box::new(a())))
        .arg("tanh_d", sub(num(1.0), Expr::Square(Box::new(sym("tanh")))))
        .arg("relu", Expr::Call(Func::Relu, Box::new(a())))
        .arg("step", Expr::Call(Func::Step, Box::new(a())))
        .arg("max", Expr::Max(Box::new(a()), Box::new(b())))
}
