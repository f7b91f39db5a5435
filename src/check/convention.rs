//! Conventions: consistent ways of writing the calculation that differ from the tutorial's
//! and are not mistakes.
//!
//! - **textbook sign**: δ = (y − ŷ)·f′(z) = −∂L/∂z, with the update w ← w + α·δ·a. Every δ and
//!   every gradient has the opposite sign; the updated weights are the same.
//! - **loss without ½**: L = (y − ŷ)² where the spec has ½(y − ŷ)². L, every δ and every
//!   gradient is doubled, and so is the step of the update.
//! - **δ as ∂L/∂f**: δ taken before the activation's derivative (no f′ factor).
//! - **true gradients** (with the textbook sign): ∂L/∂w written as the derivative itself,
//!   −δ·a, where the textbook sign alone reads it as δ·a.
//! - **δ of the mean loss** (a batch averaged by the mean): each example's δ and gradient
//!   written as the derivative of the batch's loss, `∂L/∂z4[2] = (1/N)·∂L[2]/∂z4[2]`, as
//!   reverse-mode autodiff gives them; the batch's gradient is then their sum, the same
//!   number. Written alone a divided δ is a slip with its own name (`cause::batch`); a
//!   calculation that divides every `δ[e]` and sums them is this convention.
//!
//! A convention maps each canonical quantity to the node whose number the person writes for it
//! ([`node_of`](Convention::node_of)) and the factor between their number and the standard one
//! ([`scale`](Convention::scale)). The checker replays their numbers converted to the
//! standard convention, so the one engine judges every convention.

use crate::graph::Role;
use crate::net::{Network, Quantity};
use crate::spec::{Activation, BatchLoss, Loss};

/// Whether the loss meets the output activation in one node whose δ is f − y: softmax with
/// categorical cross-entropy, sigmoid with binary cross-entropy.
fn collapses(net: &Network) -> bool {
    net.loss_kind == Loss::CategoricalCrossEntropy
        || (net.loss_kind == Loss::CrossEntropy
            && net
                .output_layer()
                .is_some_and(|l| l.activation == Activation::Sigmoid))
}

/// A way of writing the calculation. The default is the tutorial's (the spec's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Convention {
    /// δ = −∂L/∂z and w ← w + α·δ·a.
    pub textbook_sign: bool,
    /// The loss without its ½ (only for `half_sse`).
    pub without_half: bool,
    /// δ = ∂L/∂f instead of ∂L/∂z.
    pub delta_of_output: bool,
    /// With the textbook sign: the parameters' gradients written as ∂L/∂w itself (−δ·a), not
    /// as δ·a. Both are common: a name such as `dE/dw46` says the derivative, and many
    /// textbooks write the update's step δ·a under it.
    pub true_gradients: bool,
    /// In a batch averaged by the mean: each example's δ and gradient written as the
    /// derivative of the batch's loss, `∂L/∂z4[2]`, not the example's own `∂L[2]/∂z4[2]`.
    pub deltas_of_mean_loss: bool,
}

impl Convention {
    /// The tutorial's convention.
    pub const STANDARD: Convention = Convention {
        textbook_sign: false,
        without_half: false,
        delta_of_output: false,
        true_gradients: false,
        deltas_of_mean_loss: false,
    };

    /// Parse a comma-separated list: `standard`, `textbook`, `no-half`, `delta-of-output`,
    /// `true-gradients` (with `textbook`), `mean-loss-delta` (a batch's).
    pub fn parse(text: &str) -> Option<Convention> {
        let mut c = Convention::STANDARD;
        for part in text.split(',').map(str::trim) {
            match part {
                "standard" | "tutorial" => {}
                "textbook" | "textbook-sign" => c.textbook_sign = true,
                "no-half" | "without-half" => c.without_half = true,
                "delta-of-output" | "delta-df" => c.delta_of_output = true,
                "true-gradients" => c.true_gradients = true,
                "mean-loss-delta" | "mean-loss-deltas" => c.deltas_of_mean_loss = true,
                _ => return None,
            }
        }
        // The gradients' own sign is a part of the textbook sign only.
        (c.textbook_sign || !c.true_gradients).then_some(c)
    }

    /// Every convention that applies to `net`, the standard one first.
    pub fn candidates(net: &Network) -> Vec<Convention> {
        let mut out = Vec::new();
        // A batch is searched for its own convention only: an example's δ of the mean loss
        // (the single-example conventions are not yet searched for there).
        if net.is_batch() {
            let mut out = vec![Convention::STANDARD];
            if net.batch == Some(BatchLoss::Mean) && net.examples.len() > 1 {
                out.push(Convention {
                    deltas_of_mean_loss: true,
                    ..Convention::STANDARD
                });
            }
            return out;
        }
        for (textbook_sign, true_gradients) in [(false, false), (true, false), (true, true)] {
            for without_half in [false, true] {
                for delta_of_output in [false, true] {
                    if without_half && net.loss_kind != Loss::HalfSse {
                        continue;
                    }
                    // A cross-entropy node that collapses with its output activation (softmax
                    // + categorical, sigmoid + binary) passes no gradient to the outputs (δ is
                    // f − y at the logits), so ∂L/∂f is not a node to compare with.
                    if delta_of_output && collapses(net) {
                        continue;
                    }
                    out.push(Convention {
                        textbook_sign,
                        without_half,
                        delta_of_output,
                        true_gradients,
                        deltas_of_mean_loss: false,
                    });
                }
            }
        }
        out.sort_by_key(|c| c.parts().len());
        out
    }

    /// Whether this is the standard convention.
    pub fn is_standard(self) -> bool {
        self == Convention::STANDARD
    }

    /// Stable keys of the parts of this convention (`textbook_sign`, `without_half`,
    /// `delta_of_output`, `true_gradients`, `deltas_of_mean_loss`), for JSON and messages.
    pub fn parts(self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.textbook_sign {
            v.push("textbook_sign");
        }
        if self.without_half {
            v.push("without_half");
        }
        if self.delta_of_output {
            v.push("delta_of_output");
        }
        if self.true_gradients {
            v.push("true_gradients");
        }
        if self.deltas_of_mean_loss {
            v.push("deltas_of_mean_loss");
        }
        v
    }

    /// The quantity whose number the person writes under the name of `q`: under
    /// `delta_of_output`, `delta4` is ∂L/∂f4.
    pub fn node_of(self, net: &Network, q: Quantity) -> Quantity {
        match q {
            // In a batch an example's own δ is the gradient of its own node, which the replay
            // keeps per example (`Replay::grads` of an example's nodes are its own).
            Quantity::ExampleGrad { example, node } if net.example_of(node) == Some(example) => {
                Quantity::Grad(node)
            }
            Quantity::Grad(z) if self.delta_of_output && net.graph.node(z).role == Role::Z => net
                .neuron_of(z)
                .map_or(q, |(l, j)| Quantity::Grad(net.layers[l].f[j])),
            _ => q,
        }
    }

    /// The person's number for `q` divided by the standard number of [`node_of`]`(q)`.
    ///
    /// [`node_of`]: Convention::node_of
    pub fn scale(self, net: &Network, q: Quantity) -> f64 {
        let half = if self.without_half { 2.0 } else { 1.0 };
        match q {
            Quantity::Value(n) if n == net.loss => half,
            Quantity::Grad(n) => {
                let parameter = matches!(net.graph.node(n).role, Role::Weight | Role::Bias);
                let flipped = self.textbook_sign && !(self.true_gradients && parameter);
                half * if flipped { -1.0 } else { 1.0 }
            }
            Quantity::ExampleGrad { example, .. } if self.deltas_of_mean_loss => {
                mean_share(net, example)
            }
            _ => 1.0,
        }
    }

    /// The factor on the gradient in the person's update: their loss's gradient.
    pub fn update_factor(self) -> f64 {
        if self.without_half { 2.0 } else { 1.0 }
    }

    /// Whether the convention changes the number written for `q`.
    pub fn changes(self, net: &Network, q: Quantity) -> bool {
        self.node_of(net, q) != q || self.scale(net, q) != 1.0 || {
            matches!(q, Quantity::Updated(_)) && self.update_factor() != 1.0
        }
    }
}

/// ∂L/∂L[e] of a batch averaged by the mean, 1/N from `L`'s own rule (1 for a sum, which
/// this convention does not change).
fn mean_share(net: &Network, example: usize) -> f64 {
    if net.batch != Some(BatchLoss::Mean) {
        return 1.0;
    }
    net.example_share(example, net.graph.values())
        .unwrap_or(1.0)
}
