//! The formula behind each canonical value of a network, as the tutorial writes it.
//!
//! `z4 = w(1,4)·f1 + w(2,4)·f2 + w(3,4)·f3 + b4`, `delta4 = df4·(w(4,6)·delta6)`, … The
//! formulas come from the network's structure (which node feeds which) and each activation's
//! and loss's textbook form. They describe; the graph computes. `tests/explain.rs` evaluates
//! every formula with the graph's numbers and checks it reproduces the graph's value.

use crate::graph::NodeId;
use crate::math::{Expr, Func, num, sub, var};
use crate::net::{Entry, Network, Place, Quantity};
use crate::spec::{Activation, BatchLoss, Loss};

/// The formula for `entry`, or `None` for a given value (input, target, parameter).
///
/// In a batch, a value of example `e` is written with that example's names (`z4[2]`,
/// `delta6[2]`, `dL[2]/dw(4,6)`), and the batch's `L` and `dL/dw` as the mean (or sum) of the
/// examples'.
pub fn formula(net: &Network, entry: Entry<'_>) -> Option<Expr> {
    if net.is_expression() {
        return crate::expression::formula(net, entry);
    }
    let name = |n: NodeId| {
        net.graph
            .name(n)
            .expect("network nodes are named")
            .to_string()
    };
    // The example the entry is about, its nodes and the suffix of its names.
    let node = entry.quantity.node();
    let e = match entry.quantity {
        Quantity::ExampleGrad { example, .. } => example,
        _ => net.example_of(node).unwrap_or(0),
    };
    let ex = &net.examples[e];
    let sfx = net.suffix(e);
    let (l, j) = match entry.quantity {
        Quantity::Value(n) if n == net.loss && net.is_batch() => {
            return Some(batch_formula(net, "L", ""));
        }
        Quantity::Value(n) if n == ex.loss => return Some(loss_formula(net, e)),
        Quantity::Value(n)
        | Quantity::Derivative(n)
        | Quantity::Grad(n)
        | Quantity::ExampleGrad { node: n, .. } => {
            match net.neuron_of(n) {
                Some(pos) => pos,
                None => {
                    // A parameter: its gradient is δ times what it multiplies; a batch's is
                    // the mean (or sum) of the examples' gradients.
                    return match entry.quantity {
                        Quantity::Grad(p) if net.is_batch() => {
                            Some(batch_formula(net, "dL", &format!("/d{}", name(p))))
                        }
                        Quantity::Grad(p) | Quantity::ExampleGrad { node: p, .. } => {
                            Some(parameter_gradient(net, p, e))
                        }
                        _ => None,
                    };
                }
            }
        }
        Quantity::Updated(p) => return Some(update_formula(net, p)),
    };
    let layer = &net.layers[l];
    let neuron = layer.neuron(j);
    let z = var(format!("z{neuron}{sfx}"));
    let f = var(format!("f{neuron}{sfx}"));
    Some(match entry.quantity {
        Quantity::Value(n) if n == ex.z[l][j] => {
            let sources: Vec<String> = if l == 0 {
                ex.inputs.iter().map(|&x| name(x)).collect()
            } else {
                ex.f[l - 1].iter().map(|&x| name(x)).collect()
            };
            let mut terms: Vec<Expr> = layer.weights[j]
                .iter()
                .zip(sources)
                .map(|(&w, a)| Expr::Mul(vec![var(name(w)), var(a)]))
                .collect();
            terms.push(var(name(layer.biases[j])));
            Expr::Add(terms)
        }
        Quantity::Value(_) => match layer.activation {
            Activation::Sigmoid => Expr::Call(Func::Sigmoid, Box::new(z)),
            Activation::Tanh => Expr::Call(Func::Tanh, Box::new(z)),
            Activation::Relu => Expr::Call(Func::Relu, Box::new(z)),
            Activation::Identity => z,
            // f_j = e^{z_j} / Σ_k e^{z_k} over the layer.
            Activation::Softmax => Expr::Frac(
                Box::new(Expr::Call(Func::Exp, Box::new(z))),
                Box::new(Expr::Add(
                    (0..layer.len())
                        .map(|k| Expr::Call(Func::Exp, Box::new(var(name(ex.z[l][k])))))
                        .collect(),
                )),
            ),
        },
        Quantity::Derivative(_) => match layer.activation {
            Activation::Sigmoid => Expr::Mul(vec![f.clone(), sub(num(1.0), f)]),
            Activation::Tanh => sub(num(1.0), Expr::Square(Box::new(f))),
            Activation::Relu => Expr::Call(Func::Step, Box::new(z)),
            Activation::Identity => num(1.0),
            // The Jacobian's diagonal ∂f_j/∂z_j; the off-diagonal −f_j·f_k enter δ.
            Activation::Softmax => Expr::Mul(vec![f.clone(), sub(num(1.0), f)]),
        },
        Quantity::Grad(_) | Quantity::ExampleGrad { .. } => {
            let df = var(format!("df{neuron}{sfx}"));
            if l + 1 == net.layers.len() {
                output_delta(net, j, f, df, &sfx)
            } else {
                let next = &net.layers[l + 1];
                let terms = (0..next.len())
                    .map(|k| {
                        Expr::Mul(vec![
                            var(name(next.weights[k][j])),
                            var(format!("delta{}{sfx}", next.neuron(k))),
                        ])
                    })
                    .collect();
                Expr::Mul(vec![df, Expr::Add(terms)])
            }
        }
        Quantity::Updated(_) => unreachable!("handled above"),
    })
}

/// A batch's `L` or `dL/dp` from the examples' (`head` `L`, `tail` `""` or `/dw(4,6)`): the
/// mean `(1/N)·(L[1] + … + L[N])`, or the sum, as the batch's rule combines them.
fn batch_formula(net: &Network, head: &str, tail: &str) -> Expr {
    let n = net.examples.len();
    let terms = Expr::Add(
        (0..n)
            .map(|e| var(format!("{head}{}{tail}", net.suffix(e))))
            .collect(),
    );
    match net.batch {
        Some(BatchLoss::Sum) | None => terms,
        Some(BatchLoss::Mean) => Expr::Mul(vec![
            Expr::Frac(Box::new(num(1.0)), Box::new(num(n as f64))),
            terms,
        ]),
    }
}

/// `L` of example `e` (the network's `L` for one example).
fn loss_formula(net: &Network, e: usize) -> Expr {
    let outputs = net.examples[e].f.last().expect("a network has layers");
    let n = outputs.len();
    let sfx = net.suffix(e);
    let term = |k: usize| {
        let y = var(format!("y{}{sfx}", k + 1));
        let f = var(net.graph.name(outputs[k]).expect("named").to_string());
        match net.loss_kind {
            Loss::CrossEntropy => Expr::Neg(Box::new(Expr::Add(vec![
                Expr::Mul(vec![y.clone(), Expr::Call(Func::Ln, Box::new(f.clone()))]),
                Expr::Mul(vec![
                    sub(num(1.0), y),
                    Expr::Call(Func::Ln, Box::new(sub(num(1.0), f))),
                ]),
            ]))),
            Loss::CategoricalCrossEntropy => Expr::Mul(vec![y, Expr::Call(Func::Ln, Box::new(f))]),
            _ => Expr::Square(Box::new(sub(y, f))),
        }
    };
    let sum = if n == 1 {
        term(0)
    } else {
        Expr::Add((0..n).map(term).collect())
    };
    match net.loss_kind {
        Loss::HalfSse => Expr::Mul(vec![num(0.5), sum]),
        Loss::Mse => Expr::Mul(vec![num(1.0 / n as f64), sum]),
        Loss::Sse | Loss::CrossEntropy => sum,
        Loss::CategoricalCrossEntropy => Expr::Neg(Box::new(sum)),
    }
}

/// δ of output neuron `j`: ∂L/∂ŷ times f′(z), except sigmoid + cross-entropy and softmax +
/// categorical cross-entropy, where the two cancel to ŷ − y. A softmax output with another
/// loss takes the whole Jacobian: δ_j = f_j·(∂L/∂f_j − Σ_k f_k·∂L/∂f_k).
fn output_delta(net: &Network, j: usize, f: Expr, df: Expr, sfx: &str) -> Expr {
    let activation = net.output_layer().map(|l| l.activation);
    let cancels = (net.loss_kind == Loss::CrossEntropy && activation == Some(Activation::Sigmoid))
        || net.loss_kind == Loss::CategoricalCrossEntropy;
    if cancels {
        return sub(f, var(format!("y{}{sfx}", j + 1)));
    }
    if let Some(layer) = net
        .output_layer()
        .filter(|l| l.activation == Activation::Softmax)
    {
        let f_of = |k: usize| var(format!("f{}{sfx}", layer.neuron(k)));
        let weighted = (0..layer.len())
            .map(|k| Expr::Mul(vec![f_of(k), example_loss_derivative(net, k, f_of(k), sfx)]))
            .collect();
        return Expr::Mul(vec![
            f,
            sub(
                example_loss_derivative(net, j, f_of(j), sfx),
                Expr::Add(weighted),
            ),
        ]);
    }
    // `−2·(y1 − f6)·df6`, not `(−2·(y1 − f6))·df6`.
    match example_loss_derivative(net, j, f, sfx) {
        Expr::Mul(mut factors) => {
            factors.push(df);
            Expr::Mul(factors)
        }
        d => Expr::Mul(vec![d, df]),
    }
}

/// `∂L/∂f` of output neuron `j` (0-based in the output layer), `f` its output: `−(y1 − f6)`
/// for ½ Σ (y − ŷ)², and so on.
pub fn loss_derivative(net: &Network, j: usize, f: Expr) -> Expr {
    example_loss_derivative(net, j, f, "")
}

/// [`loss_derivative`] for the example whose names end in `sfx` (`[2]`; empty for one
/// example).
fn example_loss_derivative(net: &Network, j: usize, f: Expr, sfx: &str) -> Expr {
    let y = var(format!("y{}{sfx}", j + 1));
    let n = net.outputs().len() as f64;
    match net.loss_kind {
        Loss::HalfSse => Expr::Neg(Box::new(sub(y, f))),
        Loss::Sse => Expr::Mul(vec![num(-2.0), sub(y, f)]),
        Loss::Mse => Expr::Mul(vec![num(-2.0 / n), sub(y, f)]),
        Loss::CrossEntropy => Expr::Frac(
            Box::new(sub(f.clone(), y)),
            Box::new(Expr::Mul(vec![f.clone(), sub(num(1.0), f)])),
        ),
        // −y/f: δ itself collapses to f − y (see `output_delta`).
        Loss::CategoricalCrossEntropy => Expr::Neg(Box::new(Expr::Frac(Box::new(y), Box::new(f)))),
    }
}

/// `dL/dw(i,j) = delta_j · a_i`, `dL/db_j = delta_j`; in a batch, example `e`'s
/// `dL[e]/dw(i,j) = delta_j[e] · a_i[e]`.
fn parameter_gradient(net: &Network, p: NodeId, e: usize) -> Expr {
    let (layer, j, input) = match net.place(p) {
        Place::Weight {
            layer,
            neuron,
            input,
        } => (layer, neuron, Some(input)),
        Place::Bias { layer, neuron } => (layer, neuron, None),
        other => unreachable!("{p:?} is a parameter of this network, not {other:?}"),
    };
    let ex = &net.examples[e];
    let inputs = match layer {
        0 => &ex.inputs,
        l => &ex.f[l - 1],
    };
    let layer = &net.layers[layer];
    let delta = var(format!("delta{}{}", layer.neuron(j), net.suffix(e)));
    match input {
        None => delta,
        Some(i) => {
            // Input i of a layer is x_i or f_i of the layer before (as `Network::new` builds it).
            let a = var(net.graph.name(inputs[i]).expect("named").to_string());
            Expr::Mul(vec![delta, a])
        }
    }
}

/// `new_p = p − α·dL/dp` (with `+ λ·p` inside for a decayed weight).
fn update_formula(net: &Network, p: NodeId) -> Expr {
    let name = net.graph.name(p).expect("named").to_string();
    let grad = var(format!("dL/d{name}"));
    let decay = net.decay_of(p);
    let step = if decay == 0.0 {
        grad
    } else {
        Expr::Add(vec![grad, Expr::Mul(vec![num(decay), var(name.clone())])])
    };
    sub(var(name), Expr::Mul(vec![num(net.learning_rate), step]))
}
