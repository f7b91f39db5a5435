//! Whole-layer views of the working, with numbers: one chain-rule line per layer
//! (`∂L/∂w(4,6) = ∂L/∂f6 · ∂f6/∂z6 · ∂z6/∂w(4,6) = −(y1 − f6) · f′6 · f4 = …`) and the matrix
//! form of each pass (`z = W·a + b`, `δ = f′ ⊙ Wᵀδ`, `∂L/∂W = δ·aᵀ`).

use super::formulas::loss_derivative;
use super::working::{matrix_line, working};
use super::{Step, Text};
use crate::math::{Expr, Sup, Symbol, mul, num, partial, sub, sym, var};
use crate::net::Network;
use crate::spec::Loss;

/// Layers wider than this get no matrix form: the matrices would not be readable.
pub const MAX_MATRIX_SIDE: usize = 8;

/// The names of the values layer `l` (0-based) reads: `x1, x2` or the previous layer's `f`.
fn sources(net: &Network, l: usize) -> Vec<String> {
    if l == 0 {
        net.inputs.iter().map(|&n| net.name_of(n)).collect()
    } else {
        net.layers[l - 1]
            .f
            .iter()
            .map(|&n| net.name_of(n))
            .collect()
    }
}

/// `name` of every neuron of layer `l`: `z4, z5`.
fn per_neuron(net: &Network, l: usize, prefix: &str) -> Vec<String> {
    let layer = &net.layers[l];
    (0..layer.len())
        .map(|j| format!("{prefix}{}", layer.neuron(j)))
        .collect()
}

fn column(names: &[String]) -> Expr {
    Expr::Matrix(names.iter().map(|n| vec![var(n.clone())]).collect())
}

fn row(names: &[String]) -> Expr {
    Expr::Matrix(vec![names.iter().map(|n| var(n.clone())).collect()])
}

fn weights(net: &Network, l: usize) -> Vec<Vec<String>> {
    net.layers[l]
        .weights
        .iter()
        .map(|r| r.iter().map(|&w| net.name_of(w)).collect())
        .collect()
}

fn names_matrix(names: &[Vec<String>]) -> Expr {
    Expr::Matrix(
        names
            .iter()
            .map(|r| r.iter().map(|n| var(n.clone())).collect())
            .collect(),
    )
}

/// `W^{(2)}`-style symbol of layer `l` (0-based), bold as a vector or matrix.
fn of_layer(symbol: Symbol, l: usize) -> Expr {
    Expr::Sym(symbol.bold().sup(Sup::Layer(Box::new(num((l + 1) as f64)))))
}

/// `a^{(l)}`: the inputs of layer `l` (0-based), `x` for the first.
fn input_vector(l: usize) -> Expr {
    if l == 0 {
        Expr::Sym(Symbol::new("x").bold())
    } else {
        of_layer(Symbol::new("a"), l - 1)
    }
}

fn fits(net: &Network, l: usize) -> bool {
    net.layers[l].len() <= MAX_MATRIX_SIDE && sources(net, l).len() <= MAX_MATRIX_SIDE
}

/// `z^{(l)} = W^{(l)}·a^{(l−1)} + b^{(l)}` with the numbers, for layer `l` (0-based).
pub fn forward(net: &Network, l: usize, digits: usize) -> Option<Step> {
    if !fits(net, l) {
        return None;
    }
    let z = per_neuron(net, l, "z");
    let biases: Vec<String> = net.layers[l]
        .biases
        .iter()
        .map(|&b| net.name_of(b))
        .collect();
    let form = Expr::Add(vec![
        mul([of_layer(Symbol::new("W"), l), input_vector(l)]),
        of_layer(Symbol::new("b"), l),
    ]);
    let values = Expr::Add(vec![
        mul([names_matrix(&weights(net, l)), column(&sources(net, l))]),
        column(&biases),
    ]);
    let lookup = |n: &str| net.get(n);
    let result: Vec<Vec<String>> = z.iter().map(|n| vec![n.clone()]).collect();
    let line = matrix_line(
        of_layer(Symbol::new("z"), l),
        form,
        &values,
        &result,
        &lookup,
        digits,
    );
    Some(matrix_step(format!("matrix-forward-{}", l + 1), z, line))
}

/// `δ^{(l)} = f′^{(l)} ⊙ (W^{(l+1)})ᵀ·δ^{(l+1)}` with the numbers, for hidden layer `l`.
pub fn backward(net: &Network, l: usize, digits: usize) -> Option<Step> {
    if l + 1 >= net.layers.len() || !fits(net, l) || !fits(net, l + 1) {
        return None;
    }
    let delta = per_neuron(net, l, "delta");
    let form = Expr::Hadamard(
        Box::new(of_layer(Symbol::new("f").primed(), l)),
        Box::new(mul([
            Expr::Transpose(Box::new(of_layer(Symbol::new("W"), l + 1))),
            of_layer(Symbol::new("δ"), l + 1),
        ])),
    );
    let values = Expr::Hadamard(
        Box::new(column(&per_neuron(net, l, "df"))),
        Box::new(mul([
            Expr::Transpose(Box::new(names_matrix(&weights(net, l + 1)))),
            column(&per_neuron(net, l + 1, "delta")),
        ])),
    );
    let lookup = |n: &str| net.get(n);
    let result: Vec<Vec<String>> = delta.iter().map(|n| vec![n.clone()]).collect();
    let line = matrix_line(
        of_layer(Symbol::new("δ"), l),
        form,
        &values,
        &result,
        &lookup,
        digits,
    );
    Some(matrix_step(
        format!("matrix-backward-{}", l + 1),
        delta,
        line,
    ))
}

/// `∂L/∂W^{(l)} = δ^{(l)}·(a^{(l−1)})ᵀ` with the numbers, for layer `l` (0-based).
pub fn gradient(net: &Network, l: usize, digits: usize) -> Option<Step> {
    if !fits(net, l) {
        return None;
    }
    let w = weights(net, l);
    let grads: Vec<Vec<String>> = w
        .iter()
        .map(|r| r.iter().map(|n| format!("dL/d{n}")).collect())
        .collect();
    let form = mul([
        of_layer(Symbol::new("δ"), l),
        Expr::Transpose(Box::new(input_vector(l))),
    ]);
    let values = mul([column(&per_neuron(net, l, "delta")), row(&sources(net, l))]);
    let lookup = |n: &str| net.get(n);
    let line = matrix_line(
        partial(sym("L"), of_layer(Symbol::new("W"), l)),
        form,
        &values,
        &grads,
        &lookup,
        digits,
    );
    Some(matrix_step(
        format!("matrix-gradient-{}", l + 1),
        grads.into_iter().flatten().collect(),
        line,
    ))
}

/// A product whose factors that are products are spliced in: `δ6·w(4,6)·f′4·f1`, not
/// `(δ6·w(4,6))·f′4·f1`.
fn flat_product(factors: impl IntoIterator<Item = Expr>) -> Expr {
    let mut out = Vec::new();
    for f in factors {
        match f {
            Expr::Mul(inner) => out.extend(inner),
            f => out.push(f),
        }
    }
    Expr::Mul(out)
}

fn matrix_step(id: String, values: Vec<String>, line: super::Line) -> Step {
    Step {
        id,
        values,
        lines: vec![line],
        note: None,
    }
}

/// The chain rule for the first weight of layer `l` (0-based), with its numbers:
/// `∂L/∂w(4,6) = ∂L/∂f6·∂f6/∂z6·∂z6/∂w(4,6) = −(y1 − f6)·df6·f4 = …`; for a hidden layer
/// the first factor is the sum over the next layer, `Σ_k ∂L/∂z_k·∂z_k/∂f_j`.
pub fn chain_rule(net: &Network, l: usize, digits: usize) -> Step {
    let layer = &net.layers[l];
    let n = layer.neuron(0);
    let (z, f, df) = (format!("z{n}"), format!("f{n}"), format!("df{n}"));
    let w = net.name_of(layer.weights[0][0]);
    let a = sources(net, l).swap_remove(0);
    let grad = format!("dL/d{w}");
    let output = l + 1 == net.layers.len();
    let (upstream, upstream_values) = if output {
        (
            partial(sym("L"), var(f.clone())),
            loss_derivative(net, 0, var(f.clone())),
        )
    } else {
        let next = &net.layers[l + 1];
        let terms = |k: usize| {
            let zk = format!("z{}", next.neuron(k));
            let wk = net.name_of(next.weights[k][0]);
            (
                mul([
                    partial(sym("L"), var(zk.clone())),
                    partial(var(zk), var(f.clone())),
                ]),
                mul([var(format!("delta{}", next.neuron(k))), var(wk)]),
            )
        };
        let (partials, values): (Vec<Expr>, Vec<Expr>) = (0..next.len()).map(terms).unzip();
        let sum = |mut xs: Vec<Expr>| {
            if xs.len() == 1 {
                xs.remove(0)
            } else {
                Expr::Add(xs)
            }
        };
        (sum(partials), sum(values))
    };
    // A softmax output's f depends on every z of its layer: the chain goes through δ = ∂L/∂z
    // (the Jacobian's sum), not through one ∂f/∂z.
    let softmax = output && layer.activation == crate::spec::Activation::Softmax;
    let (partials, values) = if softmax {
        (
            flat_product([
                partial(sym("L"), var(z.clone())),
                partial(var(z), var(w.clone())),
            ]),
            flat_product([var(format!("delta{n}")), var(a)]),
        )
    } else {
        (
            flat_product([
                upstream,
                partial(var(f.clone()), var(z.clone())),
                partial(var(z), var(w.clone())),
            ]),
            flat_product([upstream_values, var(df), var(a)]),
        )
    };
    let lookup = |name: &str| net.get(name);
    let value = net.get(&grad).unwrap_or(f64::NAN);
    let mut lines = working(crate::math::typeset(&grad), &values, value, &lookup, digits);
    if let Some(last) = lines.last_mut() {
        last.forms.insert(0, partials);
    }
    let squared = matches!(net.loss_kind, Loss::HalfSse | Loss::Sse | Loss::Mse);
    let note = (output && squared && !softmax).then(|| {
        let inner = sub(var("y1"), var(f.clone()));
        Text::new("derivation-chain-minus")
            .arg("f", var(f.clone()))
            .arg("inner", inner.clone())
            .arg(
                "inner_derivative",
                crate::math::eq([partial(inner, var(f.clone())), num(-1.0)]),
            )
            .arg(
                "dl_df",
                crate::math::eq([
                    partial(sym("L"), var(f.clone())),
                    loss_derivative(net, 0, var(f)),
                ]),
            )
    });
    Step {
        id: format!("chain-{grad}"),
        values: vec![grad],
        lines,
        note,
    }
}
