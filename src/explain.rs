//! The worked derivation: the whole calculation as Markdown with LaTeX math, step by step as
//! the tutorial writes it — the formula, the same formula with the numbers substituted, and the
//! result: `z1 = w(x1,1)·x1 + w(x2,1)·x2 + b1 = 2·1 + 1·2 + 1 = 5`.
//!
//! Every formula is [`steps::formula`] of a canonical value and every number is read from the
//! evaluated graph, so the derivation cannot disagree with `deltagraph run`.

use std::fmt::Write;

use crate::format::significant;
use crate::formula::{Leaves, latex_name};
use crate::i18n::Lang;
use crate::net::{Entry, Network, Quantity, Stage};
use crate::spec::{Activation, Loss};
use crate::steps;

/// How the derivation shows numbers.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Significant digits of the numbers substituted into formulas.
    pub substituted_digits: usize,
    /// Significant digits of each step's result.
    pub result_digits: usize,
    /// The language of the prose (formulas and value names are the same in all).
    pub lang: Lang,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            substituted_digits: 6,
            result_digits: 15,
            lang: Lang::En,
        }
    }
}

fn activation_formula(a: Activation) -> (&'static str, &'static str) {
    match a {
        Activation::Sigmoid => (
            "\\sigma(z) = \\frac{1}{1 + e^{-z}}",
            "f'(z) = f(z)\\,(1 - f(z))",
        ),
        Activation::Tanh => ("\\tanh(z)", "f'(z) = 1 - f(z)^{2}"),
        Activation::Relu => (
            "\\max(0, z)",
            "f'(z) = 1 \\text{ if } z > 0 \\text{ else } 0",
        ),
        Activation::Identity => ("z", "f'(z) = 1"),
        Activation::Softmax => (
            "\\frac{e^{z_j}}{\\sum_k e^{z_k}} \\text{ over the layer}",
            "\\frac{\\partial f_j}{\\partial z_k} = f_j(\\delta_{jk} - f_k) \\text{, whose diagonal is } f'_j = f_j(1 - f_j)",
        ),
    }
}

fn loss_words(loss: Loss) -> &'static str {
    match loss {
        Loss::HalfSse => {
            "half the sum of squared errors, $L = \\frac{1}{2}\\sum_k (y_k - \\hat y_k)^2$"
        }
        Loss::Sse => "the sum of squared errors, $L = \\sum_k (y_k - \\hat y_k)^2$",
        Loss::Mse => "the mean squared error, $L = \\frac{1}{n}\\sum_k (y_k - \\hat y_k)^2$",
        Loss::CrossEntropy => {
            "the binary cross-entropy, $L = -\\sum_k \\left[y_k \\ln \\hat y_k + (1 - y_k)\\ln(1 - \\hat y_k)\\right]$"
        }
        Loss::CategoricalCrossEntropy => {
            "the categorical cross-entropy, $L = -\\sum_k y_k \\ln \\hat y_k$, computed from the logits as $\\sum_k y_k \\left(\\ln \\sum_j e^{z_j} - z_k\\right)$ (log-sum-exp: finite for any $z$)"
        }
    }
}

fn layer_title(net: &Network, l: usize) -> String {
    let layer = &net.layers[l];
    let range = if layer.len() == 1 {
        format!("neuron {}", layer.first_neuron)
    } else {
        format!(
            "neurons {}–{}",
            layer.first_neuron,
            layer.neuron(layer.len() - 1)
        )
    };
    if l + 1 == net.layers.len() {
        format!("Output layer ({range})")
    } else {
        format!("Hidden layer {} ({range})", l + 1)
    }
}

/// One step as a display equation: `name = formula = substituted = result`.
pub(crate) fn step(net: &Network, entry: &Entry, opts: &Options) -> String {
    let lookup = |n: &str| net.get(n);
    let value = net.read(entry.quantity);
    let result = latex_number(value, opts.result_digits);
    match steps::formula(net, entry) {
        Some(f) => format!(
            "$$\n{} = {} = {} = {}\n$$\n",
            latex_name(&entry.name),
            f.latex(&Leaves::Names),
            f.latex(&Leaves::Values(&lookup, opts.substituted_digits)),
            result
        ),
        None => format!("$$\n{} = {}\n$$\n", latex_name(&entry.name), result),
    }
}

fn latex_number(x: f64, digits: usize) -> String {
    let s = significant(x, digits);
    match s.split_once('e') {
        Some((m, e)) => format!("{m} \\times 10^{{{e}}}"),
        None => s,
    }
}

/// The layer (0-based) an entry belongs to, if it belongs to one.
fn layer_of(net: &Network, e: &Entry) -> Option<usize> {
    match e.quantity {
        Quantity::Value(n) | Quantity::Derivative(n) | Quantity::Grad(n) | Quantity::Updated(n) => {
            net.neuron_of(n)
                .map(|(l, _)| l)
                .or_else(|| net.weight_position(n).map(|(l, _, _)| l))
                .or_else(|| {
                    net.layers
                        .iter()
                        .position(|layer| layer.biases.contains(&n))
                })
        }
    }
}

/// Why a softmax output's δ needs the whole Jacobian, and how it collapses with categorical
/// cross-entropy.
fn softmax_note(net: &Network) -> String {
    let mut out = String::new();
    out.push_str(
        "\nA softmax output $f_j$ depends on every $z_k$ of its layer, so its derivative is a \
         Jacobian, $\\partial f_j/\\partial z_k = f_j(\\delta_{jk} - f_k)$ (its diagonal is the $f'_j$ \
         above), and the error term takes every output: \
         $\\delta_k = \\sum_j \\frac{\\partial L}{\\partial f_j}\\, f_j(\\delta_{jk} - f_k)$.",
    );
    if net.loss_kind == Loss::CategoricalCrossEntropy {
        out.push_str(
            " With the categorical cross-entropy, $\\partial L/\\partial f_j = -y_j/f_j$, so \
             $\\delta_k = \\sum_j (-y_j)(\\delta_{jk} - f_k) = -y_k + f_k \\sum_j y_j = f_k - y_k$, \
             because the targets sum to 1: the Jacobian collapses to $f - y$.",
        );
    } else {
        out.push_str(
            " Written out: $\\delta_j = f_j\\left(\\frac{\\partial L}{\\partial f_j} - \\sum_k f_k \\frac{\\partial L}{\\partial f_k}\\right)$.",
        );
    }
    out.push('\n');
    out
}

/// The derivation of an evaluated network, as Markdown.
pub fn markdown(net: &Network, opts: &Options) -> String {
    if net.is_expression() {
        return crate::expression::explain::markdown(net, opts);
    }
    let mut md = String::new();
    let title = net.name.as_deref().unwrap_or("network");
    let sizes: Vec<String> = std::iter::once(net.inputs.len().to_string())
        .chain(net.layers.iter().map(|l| l.len().to_string()))
        .collect();
    let _ = writeln!(md, "# Backpropagation step by step: {title}\n");
    let _ = writeln!(
        md,
        "A {} network: {} inputs, then {}. One training example, one forward pass, one backward \
         pass and one gradient-descent step with learning rate $\\alpha = {}${}.\n",
        sizes.join("-"),
        net.inputs.len(),
        net.layers
            .iter()
            .enumerate()
            .map(|(l, layer)| format!(
                "{} with {} activation",
                layer_title(net, l).to_lowercase(),
                layer.activation.name()
            ))
            .collect::<Vec<_>>()
            .join("; "),
        significant(net.learning_rate, 15),
        if net.weight_decay != 0.0 {
            format!(
                " and weight decay $\\lambda = {}$",
                significant(net.weight_decay, 15)
            )
        } else {
            String::new()
        }
    );
    md.push_str(
        "**Notation.** Neurons are numbered across all layers. $x_i$ is input $i$, $y_k$ target $k$. \
         For neuron $j$: $z_j$ is its net input, $f_j = f(z_j)$ its output, $f'_j = f'(z_j)$ the \
         derivative of its activation, and $\\delta_j = \\partial L / \\partial z_j$ its error term. \
         $w_{i,j}$ is the weight from $i$ (an input $x_i$ or neuron $i$) into neuron $j$, $b_j$ the bias \
         of neuron $j$, and $w^{+}_{i,j}$ the weight after the update. Numbers inside formulas are \
         rounded for reading; each result is given to 15 significant digits.\n\n",
    );
    let _ = writeln!(md, "The loss is {}.\n", loss_words(net.loss_kind));

    md.push_str("## Given\n\n");
    let values = |nodes: &[crate::graph::NodeId]| {
        nodes
            .iter()
            .map(|&n| significant(net.graph.value(n), 15))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        md,
        "Input $x = ({})$, target $y = ({})$.\n",
        values(&net.inputs),
        values(&net.targets)
    );
    for l in 0..net.layers.len() {
        let layer = &net.layers[l];
        let sources: Vec<String> = if l == 0 {
            (1..=net.inputs.len())
                .map(|i| format!("from $x_{{{i}}}$"))
                .collect()
        } else {
            let prev = &net.layers[l - 1];
            (0..prev.len())
                .map(|i| format!("from {}", prev.neuron(i)))
                .collect()
        };
        let _ = writeln!(
            md,
            "{}: the weight $w_{{i,j}}$ from $i$ into neuron $j$, and the bias $b_j$.\n",
            layer_title(net, l)
        );
        let _ = writeln!(md, "| into neuron | {} | bias |", sources.join(" | "));
        let _ = writeln!(md, "|---|{}---|", "---|".repeat(sources.len()));
        for j in 0..layer.len() {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                layer.neuron(j),
                values(&layer.weights[j]).replace(", ", " | "),
                values(&[layer.biases[j]])
            );
        }
        md.push('\n');
    }

    md.push_str("\n## 1. Forward pass\n\n");
    md.push_str(
        "Each neuron adds up its weighted inputs and its bias, $z_j = \\sum_i w_{i,j} a_i + b_j$, where \
         $a_i$ are the outputs of the layer before (the inputs $x_i$ for the first layer), and passes \
         the sum through its activation: $f_j = f(z_j)$.\n",
    );
    for l in 0..net.layers.len() {
        let (f, _) = activation_formula(net.layers[l].activation);
        let _ = writeln!(
            md,
            "\n### {}\n\nActivation: $f(z) = {f}$.\n",
            layer_title(net, l)
        );
        for e in net
            .entries()
            .iter()
            .filter(|e| e.stage == Stage::Forward && layer_of(net, e) == Some(l))
        {
            md.push_str(&step(net, e, opts));
        }
    }
    md.push_str("\n### The loss\n\n");
    if let Some(e) = net.entry("L") {
        md.push_str(&step(net, e, opts));
    }

    md.push_str("\n## 2. Backward pass: the error terms\n\n");
    md.push_str(
        "The error term of neuron $j$ is $\\delta_j = \\partial L / \\partial z_j$. By the chain rule, \
         for an output neuron it is the loss's derivative with respect to the output times the \
         activation's derivative, $\\delta_j = \\frac{\\partial L}{\\partial f_j} f'(z_j)$. For a hidden \
         neuron, $z_j$ reaches the loss through every neuron $k$ of the next layer, so \
         $\\delta_j = f'(z_j) \\sum_k w_{j,k} \\delta_k$ — for a whole layer, \
         $\\delta^{(l)} = f'(z^{(l)}) \\odot (W^{(l+1)})^{\\mathsf T} \\delta^{(l+1)}$. The passes run from \
         the output layer back to the first.\n",
    );
    for l in (0..net.layers.len()).rev() {
        let (_, df) = activation_formula(net.layers[l].activation);
        let _ = writeln!(
            md,
            "\n### {}\n\nDerivative of the activation: ${df}$.\n",
            layer_title(net, l)
        );
        if l + 1 == net.layers.len() && net.layers[l].activation == Activation::Softmax {
            md.push_str(&softmax_note(net));
        }
        for e in net
            .entries()
            .iter()
            .filter(|e| e.stage == Stage::Backward && layer_of(net, e) == Some(l))
        {
            md.push_str(&step(net, e, opts));
        }
    }
    if net.loss_kind == Loss::CrossEntropy
        && net
            .layers
            .last()
            .is_some_and(|l| l.activation == Activation::Sigmoid)
    {
        md.push_str(
            "\nWith a sigmoid output and cross-entropy, $\\partial L/\\partial f_j = (f_j - y_j)/(f_j(1-f_j))$ \
             and $f'_j = f_j(1 - f_j)$ cancel: $\\delta_j = f_j - y_j$.\n",
        );
    }

    md.push_str("\n## 3. Gradients\n\n");
    md.push_str(
        "A weight $w_{i,j}$ enters the loss only through $z_j$, where it multiplies $a_i$, so \
         $\\partial L/\\partial w_{i,j} = \\delta_j a_i$; a bias enters with factor 1, so \
         $\\partial L/\\partial b_j = \\delta_j$.\n",
    );
    for l in 0..net.layers.len() {
        let _ = writeln!(md, "\n### {}\n", layer_title(net, l));
        for e in net
            .entries()
            .iter()
            .filter(|e| e.stage == Stage::Gradient && layer_of(net, e) == Some(l))
        {
            md.push_str(&step(net, e, opts));
        }
    }

    md.push_str("\n## 4. Updated parameters\n\n");
    let _ = writeln!(
        md,
        "Gradient descent moves every parameter against its gradient: $w^{{+}} = w - \\alpha\\,\\partial L/\\partial w{}$ with $\\alpha = {}$.",
        if net.weight_decay != 0.0 {
            " - \\alpha\\lambda w"
        } else {
            ""
        },
        significant(net.learning_rate, 15)
    );
    for l in 0..net.layers.len() {
        let _ = writeln!(md, "\n### {}\n", layer_title(net, l));
        for e in net
            .entries()
            .iter()
            .filter(|e| e.stage == Stage::Update && layer_of(net, e) == Some(l))
        {
            md.push_str(&step(net, e, opts));
        }
    }

    md.push_str(
        "\n## Summary\n\n| neuron | $z$ | $f(z)$ | $f'(z)$ | $\\delta$ |\n|---|---|---|---|---|\n",
    );
    for layer in &net.layers {
        for j in 0..layer.len() {
            let n = layer.neuron(j);
            let get = |name: String| {
                net.get(&name)
                    .map_or_else(String::new, |v| significant(v, 6))
            };
            let _ = writeln!(
                md,
                "| {n} | {} | {} | {} | {} |",
                get(format!("z{n}")),
                get(format!("f{n}")),
                get(format!("df{n}")),
                get(format!("delta{n}"))
            );
        }
    }
    let _ = writeln!(
        md,
        "\nLoss $L = {}$.",
        latex_number(net.read(Quantity::Value(net.loss)), 15)
    );
    md
}
