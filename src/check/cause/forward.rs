//! Mistakes in the forward pass: a given number read wrongly, a term of a weighted sum left
//! out or sign-flipped, a weight or value misread, another neuron's output used, the weight
//! matrix read transposed, the wrong activation, a factor of the loss left out.

use super::{Candidate, CauseKind, Outcome, Search, cand, misread};
use crate::check::{Tweak, accepts, role, show};
use crate::graph::NodeId;
use crate::hand::number::Number;
use crate::i18n::Message;
use crate::msg;
use crate::ops::{self, Op, WeightedSumLayout};
use crate::spec::{Activation, Loss};

/// Weighted sums up to this many terms are searched for two mistakes at once.
const TWO_MISTAKES_MAX_PAIRS: usize = 12;

impl Search<'_> {
    /// A given value (input, target, weight, bias) written differently from the spec: it was
    /// read wrongly, and the steps it feeds carry the person's number.
    pub(super) fn given(&self, n: NodeId) -> Vec<Candidate> {
        let same_as: Vec<String> = self
            .net
            .graph
            .nodes()
            .filter(|&o| o != n && role(self.net, o) == role(self.net, n))
            .filter(|&o| {
                accepts(
                    &Number {
                        value: self.hand,
                        unit: 0.0,
                        sig_figs: 17,
                    },
                    self.checker.net.graph.value(o),
                    0.0,
                )
            })
            .map(|o| self.name(o))
            .take(3)
            .collect();
        let read = msg!(
            "cause-misread",
            name = self.name(n),
            read = show(self.hand),
            actual = show(self.expected)
        );
        let message = if same_as.is_empty() {
            read
        } else {
            msg!(
                "cause-misread-same-as",
                cause = read,
                value = show(self.hand),
                names = same_as.join(", ")
            )
        };
        vec![misread(
            message,
            self.expected,
            self.hand,
            Outcome::Value(self.hand),
        )]
    }

    /// `z = Σ w·a + b`: a term dropped or sign-flipped, a weight/bias/input misread, another
    /// neuron's output used, the weight matrix read transposed.
    pub(super) fn weighted_sum(&self, z: NodeId) -> Vec<Candidate> {
        let operands = self.net.graph.operands(z);
        let layout = WeightedSumLayout::of(operands.len());
        let values: Vec<f64> = operands.iter().map(|&o| self.own(o)).collect();
        let out_value = self.expected;
        // ∂z/∂operand, by the op's own rule.
        let partial = |k: usize| ops::partial(Op::WeightedSum, &values[..], out_value, k);
        let bias = operands[layout.bias()];
        // The structural slips: a term or the bias left out or sign-flipped, each as the
        // operand changed and the value it takes.
        let mut structural: Vec<(CauseKind, Message, usize, f64)> = Vec::new();
        for k in 0..layout.pairs() {
            let (wi, ai) = (layout.weight(k), layout.input(k));
            let term = format!("{}·{}", self.name(operands[wi]), self.name(operands[ai]));
            structural.push((
                CauseKind::TermLeftOut,
                msg!("cause-term-left-out", term = &term),
                wi,
                0.0,
            ));
            structural.push((
                CauseKind::SignFlipped,
                msg!("cause-term-sign", term = term),
                wi,
                -values[wi],
            ));
        }
        structural.push((
            CauseKind::TermLeftOut,
            msg!("cause-bias-left-out", bias = self.name(bias)),
            layout.bias(),
            0.0,
        ));
        structural.push((
            CauseKind::SignFlipped,
            msg!("cause-bias-sign", bias = self.name(bias)),
            layout.bias(),
            -values[layout.bias()],
        ));
        let mut out: Vec<Candidate> = structural
            .iter()
            .map(|(kind, message, at, v)| {
                cand(
                    *kind,
                    message.clone(),
                    Outcome::Replay(vec![Tweak::Value(operands[*at], *v)]),
                )
            })
            .collect();
        // One number misread: solve for the value that reproduces the written result (z is
        // linear in each operand), and accept it only as a number a person would write. A
        // given number (weight, bias, input) can be misread; a computed one is substituted.
        let readable = |k: usize| self.net.graph.node(operands[k]).op.is_leaf();
        let solve = |k: usize, residual: f64| -> Option<f64> {
            let p = partial(k);
            (p != 0.0).then(|| values[k] + residual / p)
        };
        let residual = self.hand_target() - self.expected;
        for k in (0..operands.len()).filter(|&k| readable(k)) {
            if let Some(solved) = solve(k, residual) {
                out.extend(self.misreadings(operands[k], solved));
            }
        }
        for k in 0..layout.pairs() {
            let a = operands[layout.input(k)];
            if !self.net.graph.node(a).op.is_leaf() {
                out.extend(self.substitutes(a));
            }
        }
        out.extend(self.transposed_forward(z));
        // Two mistakes in the one step: a structural slip and a misreading of another
        // operand (b4 left out and w(3,4) misread). Only for small sums (pairs grow as n²) and
        // values written to 3 figures or more (with fewer, some pair fits almost anything).
        if operands.len() <= 2 * TWO_MISTAKES_MAX_PAIRS + 1 && self.hand_figures >= 3 {
            for (_, first, at, v) in &structural {
                let after = residual - partial(*at) * (v - values[*at]);
                for k in (0..operands.len()).filter(|&k| k != *at && readable(k)) {
                    let Some(solved) = solve(k, after) else {
                        continue;
                    };
                    for reading in self.plausible_readings(solved, values[k]) {
                        out.push(cand(
                            CauseKind::TwoMistakes,
                            msg!(
                                "cause-two-mistakes",
                                first = first.clone(),
                                second = msg!(
                                    "cause-misread",
                                    name = self.name(operands[k]),
                                    read = show(reading),
                                    actual = show(values[k])
                                )
                            ),
                            Outcome::Replay(vec![
                                Tweak::Value(operands[*at], *v),
                                Tweak::Value(operands[k], reading),
                            ]),
                        ));
                    }
                }
            }
        }
        out
    }

    /// The hand value (the solvers solve towards it).
    pub(super) fn hand_target(&self) -> f64 {
        self.hand
    }

    /// Candidates "node read as v", for numbers v near `solved` that look like the spec's own
    /// numbers (no more decimals, no wildly larger magnitude): a misreading, not a fit.
    pub(super) fn misreadings(&self, node: NodeId, solved: f64) -> Vec<Candidate> {
        let actual = self.own(node);
        self.plausible_readings(solved, actual)
            .into_iter()
            .map(|v| {
                misread(
                    msg!(
                        "cause-misread",
                        name = self.name(node),
                        read = show(v),
                        actual = show(actual)
                    ),
                    actual,
                    v,
                    Outcome::Replay(vec![Tweak::Value(node, v)]),
                )
            })
            .collect()
    }

    /// Numbers a person could have read instead of `actual`, near `solved`.
    pub(super) fn plausible_readings(&self, solved: f64, actual: f64) -> Vec<f64> {
        self.checker
            .given_numbers
            .reading(solved, actual)
            .into_iter()
            .collect()
    }

    /// Candidates "another value used in place of computed node `a`": the other outputs of the
    /// same layer, and `z` for `f(z)`.
    pub(super) fn substitutes(&self, a: NodeId) -> Vec<Candidate> {
        let Some((l, i)) = self.net.neuron_of(a) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        let mut out = Vec::new();
        for (k, &other) in layer.f.iter().enumerate() {
            if k != i {
                out.push(cand(
                    CauseKind::WrongValue,
                    msg!(
                        "cause-used-instead",
                        used = self.name(other),
                        right = self.name(a)
                    ),
                    Outcome::Replay(vec![Tweak::Value(a, self.own(other))]),
                ));
            }
        }
        let z = layer.z[i];
        out.push(cand(
            CauseKind::WrongValue,
            msg!("cause-z-for-f", used = self.name(z), right = self.name(a)),
            Outcome::Replay(vec![Tweak::Value(a, self.own(z))]),
        ));
        out
    }

    /// The weights into neuron `z` read from the transposed matrix: `w(i,j)` taken from row
    /// `i`, column `j` instead of row `j`, column `i`.
    pub(super) fn transposed_forward(&self, z: NodeId) -> Vec<Candidate> {
        let Some((l, j)) = self.net.neuron_of(z) else {
            return Vec::new();
        };
        let weights = &self.net.layers[l].weights;
        let (rows, cols) = (weights.len(), weights[0].len());
        if j >= cols || rows < cols {
            return Vec::new();
        }
        let tweaks: Vec<Tweak> = (0..cols)
            .map(|i| Tweak::Value(weights[j][i], self.checker.net.graph.value(weights[i][j])))
            .collect();
        vec![cand(
            CauseKind::Transposed,
            msg!("cause-transposed-forward", layer = l + 1),
            Outcome::Replay(tweaks),
        )]
    }

    /// `f = act(z)`: another activation, another neuron's z, or f′(z) written for f(z).
    pub(super) fn activation(&self, f: NodeId) -> Vec<Candidate> {
        let Some((l, j)) = self.net.neuron_of(f) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        if layer.activation == Activation::Softmax {
            return self.softmax_output(l, j);
        }
        let z = self.own(layer.z[j]);
        let own_op = layer.activation.op();
        let mut out = Vec::new();
        for act in Activation::ALL {
            if act != layer.activation {
                out.push(cand(
                    CauseKind::WrongActivation,
                    msg!(
                        "cause-wrong-activation",
                        used = act.name(),
                        right = layer.activation.name()
                    ),
                    Outcome::Value(ops::forward(act.op(), &[z])),
                ));
            }
        }
        let value = ops::forward(own_op, &[z]);
        out.push(cand(
            CauseKind::ActivationForDerivative,
            msg!("cause-derivative-for-activation", z = self.name(layer.z[j])),
            Outcome::Value(ops::partial(own_op, &[z], value, 0)),
        ));
        for (k, &other) in layer.z.iter().enumerate() {
            if k != j {
                out.push(cand(
                    CauseKind::WrongValue,
                    msg!(
                        "cause-used-instead",
                        used = self.name(other),
                        right = self.name(layer.z[j])
                    ),
                    Outcome::Value(ops::forward(own_op, &[self.own(other)])),
                ));
            }
        }
        out
    }

    /// The loss: a factor (such as ½) left out, a term left out.
    pub(super) fn loss(&self) -> Vec<Candidate> {
        if self.net.loss_kind == Loss::CategoricalCrossEntropy {
            return self.categorical_loss();
        }
        let mut out = Vec::new();
        let g = &self.net.graph;
        let operands = g.operands(self.net.loss);
        for &o in &operands {
            if g.node(o).op == Op::Const {
                out.push(cand(
                    CauseKind::FactorLeftOut,
                    msg!("cause-loss-factor-left-out", factor = show(self.own(o))),
                    Outcome::Replay(vec![Tweak::Value(o, 1.0)]),
                ));
            }
        }
        // The per-output terms of the sum.
        let sum = operands
            .iter()
            .copied()
            .find(|&o| g.node(o).op == Op::Sum)
            .unwrap_or(self.net.loss);
        let terms = g.operands(sum);
        if terms.len() > 1 {
            for (k, &t) in terms.iter().enumerate() {
                out.push(cand(
                    CauseKind::TermLeftOut,
                    msg!("cause-loss-term-left-out", output = k + 1),
                    Outcome::Replay(vec![Tweak::Value(t, 0.0)]),
                ));
            }
        }
        out
    }
}
