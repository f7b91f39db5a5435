//! The formula behind each canonical value of a network, as the tutorial writes it.
//!
//! `z4 = w(1,4)·f1 + w(2,4)·f2 + w(3,4)·f3 + b4`, `delta4 = df4·(w(4,6)·delta6)`, … The
//! formulas come from the network's structure (which node feeds which) and each activation's
//! and loss's textbook form. They describe; the graph computes. `tests/explain.rs` evaluates
//! every formula with the graph's numbers and checks it reproduces the graph's value.

use crate::graph::NodeId;
use crate::math::{Expr, Func, num, sub, var};
use crate::net::{Entry, Network, Place, Quantity};
use crate::spec::{Activation, Loss};

/// The formula for `entry`, or `None` for a given value (input, target, parameter).
pub fn formula(net: &Network, entry: &Entry) -> Option<Expr> {
    if net.is_expression() {
        return crate::expression::formula(net, entry);
    }
    let name = |n: NodeId| {
        net.graph
            .name(n)
            .expect("network nodes are named")
            .to_string()
    };
    let (l, j) = match entry.quantity {
        Quantity::Value(n) if n == net.loss => return Some(loss_formula(net)),
        Quantity::Value(n) | Quantity::Derivative(n) | Quantity::Grad(n) => {
            match net.neuron_of(n) {
                Some(pos) => pos,
                None => {
                    // A parameter: its gradient is δ times what it multiplies.
                    return match entry.quantity {
                        Quantity::Grad(p) => Some(parameter_gradient(net, p)),
                        _ => None,
                    };
                }
            }
        }
        Quantity::Updated(p) => return Some(update_formula(net, p)),
    };
    let layer = &net.layers[l];
    let neuron = layer.neuron(j);
    let z = var(format!("z{neuron}"));
    let f = var(format!("f{neuron}"));
    Some(match entry.quantity {
        Quantity::Value(n) if n == layer.z[j] => {
            let sources: Vec<String> = if l == 0 {
                net.inputs.iter().map(|&x| name(x)).collect()
            } else {
                net.layers[l - 1].f.iter().map(|&x| name(x)).collect()
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
                        .map(|k| Expr::Call(Func::Exp, Box::new(var(name(layer.z[k])))))
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
        Quantity::Grad(_) => {
            let df = var(format!("df{neuron}"));
            if l + 1 == net.layers.len() {
                output_delta(net, j, f, df)
            } else {
                let next = &net.layers[l + 1];
                let terms = (0..next.len())
                    .map(|k| {
                        Expr::Mul(vec![
                            var(name(next.weights[k][j])),
                            var(format!("delta{}", next.neuron(k))),
                        ])
                    })
                    .collect();
                Expr::Mul(vec![df, Expr::Add(terms)])
            }
        }
        Quantity::Updated(_) => unreachable!("handled above"),
    })
}

fn loss_formula(net: &Network) -> Expr {
    let outputs = net.outputs();
    let n = outputs.len();
    let term = |k: usize| {
        let y = var(format!("y{}", k + 1));
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
fn output_delta(net: &Network, j: usize, f: Expr, df: Expr) -> Expr {
    let activation = net.output_layer().map(|l| l.activation);
    let cancels = (net.loss_kind == Loss::CrossEntropy && activation == Some(Activation::Sigmoid))
        || net.loss_kind == Loss::CategoricalCrossEntropy;
    if cancels {
        return sub(f, var(format!("y{}", j + 1)));
    }
    if let Some(layer) = net
        .output_layer()
        .filter(|l| l.activation == Activation::Softmax)
    {
        let f_of = |k: usize| var(format!("f{}", layer.neuron(k)));
        let weighted = (0..layer.len())
            .map(|k| Expr::Mul(vec![f_of(k), loss_derivative(net, k, f_of(k))]))
            .collect();
        return Expr::Mul(vec![
            f,
            sub(loss_derivative(net, j, f_of(j)), Expr::Add(weighted)),
        ]);
    }
    // `−2·(y1 − f6)·df6`, not `(−2·(y1 − f6))·df6`.
    match loss_derivative(net, j, f) {
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
    let y = var(format!("y{}", j + 1));
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

/// `dL/dw(i,j) = delta_j · a_i`, `dL/db_j = delta_j`.
fn parameter_gradient(net: &Network, p: NodeId) -> Expr {
    let (layer, j, input) = match net.place(p) {
        Place::Weight {
            layer,
            neuron,
            input,
        } => (layer, neuron, Some(input)),
        Place::Bias { layer, neuron } => (layer, neuron, None),
        other => unreachable!("{p:?} is a parameter of this network, not {other:?}"),
    };
    let inputs = match layer {
        0 => &net.inputs,
        l => &net.layers[l - 1].f,
    };
    let layer = &net.layers[layer];
    let delta = var(format!("delta{}", layer.neuron(j)));
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
