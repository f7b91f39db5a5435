//! Mistakes in the reverse pass: f′(z) mixed up (f for f′, the rule applied to z, another
//! activation's rule), a term or factor of δ left out or sign-flipped, a weight misread, the
//! weight matrix read transposed, a gradient multiplied by the wrong value.

use super::{Candidate, CauseKind, Outcome, Search, cand, misread};
use crate::check::{Tweak, show};
use crate::graph::NodeId;
use crate::i18n::{Message, activation_name};
use crate::msg;
use crate::net::Quantity;
use crate::ops::{self, Op, WeightedSumLayout};
use crate::spec::{Activation, Loss};

impl Search<'_> {
    /// Alternatives to `f′(z)` for activation node `f`, as (kind, text, value). Each is an op
    /// rule of [`ops`] applied where it does not belong, or one deliberately wrong formula.
    pub(super) fn derivative_mixups(&self, f: NodeId) -> Vec<(CauseKind, Message, f64)> {
        let Some((l, j)) = self.net.neuron_of(f) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        if layer.activation == Activation::Softmax {
            return self.softmax_derivative_mixups(f);
        }
        let (zname, z) = (self.name(layer.z[j]), self.own(layer.z[j]));
        let fv = self.own(f);
        let own = layer.activation;
        let mut out = Vec::new();
        // relu′ taken as 1 where z < 0: the identity's rule where relu's gives 0.
        if own == Activation::Relu && z < 0.0 {
            out.push((
                CauseKind::DerivativeFormula,
                msg!("cause-relu-negative", z = &zname, value = show(z)),
                ops::partial(Op::Identity, &[z], z, 0),
            ));
        }
        out.push((
            CauseKind::ActivationForDerivative,
            msg!("cause-activation-for-derivative", z = &zname, f = show(fv)),
            fv,
        ));
        // The rule written in terms of the output (σ′ = f·(1 − f)) applied to z instead.
        out.push((
            CauseKind::DerivativeFormula,
            msg!("cause-derivative-of-z", z = &zname),
            ops::partial(own.op(), &[z], z, 0),
        ));
        if own == Activation::Sigmoid {
            out.push((
                CauseKind::DerivativeFormula,
                msg!("cause-sigmoid-one-minus-f", z = &zname),
                1.0 - fv,
            ));
            out.push((
                CauseKind::DerivativeFormula,
                msg!("cause-sigmoid-one-plus-f", z = &zname),
                fv * (1.0 + fv),
            ));
        }
        // Another activation's rule, in terms of this neuron's own output and z (the sigmoid's
        // f·(1 − f) used for a tanh neuron).
        for act in Activation::ALL {
            if act != own {
                out.push((
                    CauseKind::WrongActivation,
                    msg!(
                        "cause-wrong-derivative-rule",
                        used = activation_name(act),
                        rule = derivative_rule(act),
                        own = activation_name(own)
                    ),
                    ops::partial(act.op(), &[z], fv, 0),
                ));
            }
        }
        out
    }

    pub(super) fn derivative(&self, f: NodeId) -> Vec<Candidate> {
        self.derivative_mixups(f)
            .into_iter()
            .map(|(kind, text, v)| cand(kind, text, Outcome::Value(v)))
            .collect()
    }

    /// `δ_j = f′(z_j)·Σ_k w(j,k)·δ_k` (or the loss's derivative for an output).
    pub(super) fn delta(&self, z: NodeId) -> Vec<Candidate> {
        let Some((l, j)) = self.net.neuron_of(z) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        let f = layer.f[j];
        let zname = self.name(z);
        let mut out = vec![cand(
            CauseKind::FactorLeftOut,
            msg!("cause-derivative-left-out", z = &zname),
            Outcome::Replay(vec![Tweak::Partial(f, 0, 1.0)]),
        )];
        for (kind, text, v) in self.derivative_mixups(f) {
            out.push(cand(
                kind,
                text,
                Outcome::Replay(vec![Tweak::Partial(f, 0, v)]),
            ));
        }
        if l + 1 == self.net.layers.len() {
            if self.net.loss_kind == Loss::CategoricalCrossEntropy {
                out.extend(self.softmax_delta(l, j));
            }
            let sigmoid_ce =
                self.net.loss_kind == Loss::CrossEntropy && layer.activation == Activation::Sigmoid;
            if sigmoid_ce {
                let df = self.checker.expected(Quantity::Derivative(f), self.base);
                out.push(cand(
                    CauseKind::DerivativeFormula,
                    msg!("cause-cross-entropy-derivative", z = &zname),
                    Outcome::Value(self.expected * df),
                ));
            }
            return out;
        }
        // Hidden neuron: one term per neuron k of the next layer, weighted by w(j,k).
        let next = &self.net.layers[l + 1];
        for k in 0..next.len() {
            let (zk, w) = (next.z[k], next.weights[k][j]);
            // f_j's place in z_k's weighted sum: ∂z_k/∂f_j is the weight beside it.
            let layout = WeightedSumLayout::of(self.net.graph.operands(zk).len());
            let input = layout.input(j);
            let term = format!("{}·delta{}", self.name(w), next.neuron(k));
            out.push(cand(
                CauseKind::TermLeftOut,
                msg!("cause-term-left-out", term = &term),
                Outcome::Replay(vec![Tweak::Partial(zk, input, 0.0)]),
            ));
            out.push(cand(
                CauseKind::SignFlipped,
                msg!("cause-term-sign", term = term),
                Outcome::Replay(vec![Tweak::Partial(zk, input, -self.own(w))]),
            ));
            // How δ_j moves per unit of w(j,k), measured on the engine's cone (δ_j is linear
            // in it), so that a misreading can be solved for.
            let factor = self
                .local(&[Tweak::Partial(zk, input, self.own(w) + 1.0)])
                .map_or(0.0, |(moved, _)| moved - self.expected);
            if factor != 0.0 && factor.is_finite() {
                let solved = self.own(w) + (self.hand_target() - self.expected) / factor;
                for v in self.plausible_readings(solved, self.own(w)) {
                    out.push(misread(
                        msg!(
                            "cause-misread",
                            name = self.name(w),
                            read = show(v),
                            actual = show(self.own(w))
                        ),
                        self.own(w),
                        v,
                        Outcome::Replay(vec![Tweak::Partial(zk, input, v)]),
                    ));
                }
            }
        }
        // Transposed: δ_j weighted by row j of the next layer's matrix instead of column j.
        let (rows, cols) = (next.weights.len(), next.weights[0].len());
        if j < rows && rows <= cols {
            let tweaks = (0..rows)
                .map(|k| {
                    let layout = WeightedSumLayout::of(self.net.graph.operands(next.z[k]).len());
                    Tweak::Partial(
                        next.z[k],
                        layout.input(j),
                        self.checker.net.graph.value(next.weights[j][k]),
                    )
                })
                .collect();
            out.push(cand(
                CauseKind::Transposed,
                msg!(
                    "cause-transposed-backward",
                    layer = l + 2,
                    neuron = layer.neuron(j),
                    index = j + 1
                ),
                Outcome::Replay(tweaks),
            ));
        }
        out
    }

    /// `∂L/∂w(i,j) = δ_j·a_i`: the factor a_i left out, or the wrong value used for it (the
    /// weight, another input, the neuron's own output).
    pub(super) fn weight_gradient(&self, w: NodeId) -> Vec<Candidate> {
        let Some((l, j, i)) = self.net.weight_position(w) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        let z = layer.z[j];
        let operands = self.net.graph.operands(z);
        let layout = WeightedSumLayout::of(operands.len());
        let (at, a) = (layout.weight(i), operands[layout.input(i)]);
        let delta = format!("delta{}", layer.neuron(j));
        let used_instead = |what: Message, v: f64| {
            cand(
                CauseKind::WrongValue,
                msg!(
                    "cause-gradient-times",
                    delta = &delta,
                    used = what,
                    right = self.name(a)
                ),
                Outcome::Replay(vec![Tweak::Partial(z, at, v)]),
            )
        };
        let mut out = vec![
            cand(
                CauseKind::FactorLeftOut,
                msg!(
                    "cause-gradient-factor-left-out",
                    factor = self.name(a),
                    delta = &delta
                ),
                Outcome::Replay(vec![Tweak::Partial(z, at, 1.0)]),
            ),
            used_instead(msg!("cause-the-weight", name = self.name(w)), self.own(w)),
            used_instead(
                msg!("cause-own-output", name = self.name(layer.f[j])),
                self.own(layer.f[j]),
            ),
        ];
        for k in 0..layout.pairs() {
            let other = operands[layout.input(k)];
            if k != i {
                out.push(used_instead(
                    msg!("cause-value", name = self.name(other)),
                    self.own(other),
                ));
            }
        }
        out
    }
}

/// An activation's derivative rule as a person writes it.
fn derivative_rule(act: Activation) -> Message {
    match act {
        Activation::Sigmoid => msg!("rule-text", rule = "f·(1 − f)"),
        Activation::Tanh => msg!("rule-text", rule = "1 − f²"),
        Activation::Relu => msg!("rule-relu"),
        Activation::Identity => msg!("rule-text", rule = "1"),
        Activation::Softmax => msg!("rule-text", rule = "f_j·(δ_jk − f_k)"),
    }
}
