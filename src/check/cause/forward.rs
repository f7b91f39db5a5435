//! Mistakes in the forward pass: a given number read wrongly, a term of a weighted sum left
//! out or sign-flipped, a weight or value misread, another neuron's output used, the weight
//! matrix read transposed, the wrong activation, a factor of the loss left out.

use super::{Candidate, CauseKind, Outcome, Search, cand, decimals_of, misread};
use crate::check::{Tweak, accepts, role, show};
use crate::graph::NodeId;
use crate::hand::number::Number;
use crate::msg;
use crate::ops::{self, Op};
use crate::spec::{Activation, Loss};

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
        let pairs = operands.len() / 2;
        let bias = operands[2 * pairs];
        let mut out = Vec::new();
        for k in 0..pairs {
            let (w, a) = (operands[2 * k], operands[2 * k + 1]);
            let term = format!("{}·{}", self.name(w), self.name(a));
            out.push(cand(
                CauseKind::TermLeftOut,
                msg!("cause-term-left-out", term = &term),
                Outcome::Replay(vec![Tweak::Value(w, 0.0)]),
            ));
            out.push(cand(
                CauseKind::SignFlipped,
                msg!("cause-term-sign", term = term),
                Outcome::Replay(vec![Tweak::Value(w, -self.own(w))]),
            ));
        }
        out.push(cand(
            CauseKind::TermLeftOut,
            msg!("cause-bias-left-out", bias = self.name(bias)),
            Outcome::Replay(vec![Tweak::Value(bias, 0.0)]),
        ));
        out.push(cand(
            CauseKind::SignFlipped,
            msg!("cause-bias-sign", bias = self.name(bias)),
            Outcome::Replay(vec![Tweak::Value(bias, -self.own(bias))]),
        ));
        // One number misread: solve for the value that reproduces the written result, and
        // accept it only as a number a person would write (rounded to a few decimals).
        let hand_minus_expected = |solved_for: NodeId, factor: f64| -> Option<f64> {
            (factor != 0.0)
                .then(|| self.own(solved_for) + (self.hand_target() - self.expected) / factor)
        };
        for k in 0..pairs {
            let (w, a) = (operands[2 * k], operands[2 * k + 1]);
            if let Some(solved) = hand_minus_expected(w, self.own(a)) {
                out.extend(self.misreadings(w, solved));
            }
            if self.net.graph.node(a).op.is_leaf() {
                if let Some(solved) = hand_minus_expected(a, self.own(w)) {
                    out.extend(self.misreadings(a, solved));
                }
            } else {
                out.extend(self.substitutes(a));
            }
        }
        out.extend(self.misreadings(bias, self.own(bias) + self.hand_target() - self.expected));
        out.extend(self.transposed_forward(z));
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
        let given: Vec<f64> = self
            .net
            .graph
            .nodes()
            .filter(|&n| self.net.graph.node(n).op == Op::Input)
            .map(|n| self.checker.net.graph.value(n))
            .collect();
        let decimals = given
            .iter()
            .map(|&v| decimals_of(v))
            .max()
            .unwrap_or(0)
            .min(4);
        let limit = given.iter().fold(10.0f64, |m, v| m.max(2.0 * v.abs()));
        let scale = 10f64.powi(decimals);
        let v = (solved * scale).round() / scale;
        if v.is_finite() && v != actual && v.abs() <= limit {
            vec![v]
        } else {
            Vec::new()
        }
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
