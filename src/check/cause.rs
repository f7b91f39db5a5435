//! Why a step went wrong: a search over small, common mistakes.
//!
//! Each candidate mistake is a concrete change — a weight read as another number, a term
//! dropped, f(z) used for f′(z), a sign flipped, the weight matrix read transposed, a digit
//! dropped when copying — and is *replayed*: the candidate's value for the step comes from the
//! same passes and op rules as everything else (a replay of the calculation with [`Tweak`]s, or an op
//! rule applied to the person's own values). A candidate explains the slip when it reproduces
//! the written number at its written precision. Candidates are tried simplest first; there is
//! no table of known answers.

mod expression;
mod softmax;

use crate::check::{Checker, Replay, Tweak, Written, accepts, role, show};
use crate::graph::{NodeId, Role};
use crate::hand::HandValue;
use crate::net::{Network, Quantity, sgd_update};
use crate::ops::{self, Op};
use crate::spec::{Activation, Loss};

/// What kind of mistake explains a slip.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// A given number (weight, bias, input) read as another number.
    Misread,
    /// Another value of the calculation used in place of the right one.
    WrongValue,
    /// The sign of the result, or of one term, flipped.
    SignFlipped,
    /// A term of a sum left out.
    TermLeftOut,
    /// A factor of a product left out.
    FactorLeftOut,
    /// f(z) used where f′(z) belongs.
    ActivationForDerivative,
    /// The derivative formula misapplied (e.g. to z instead of f(z)).
    DerivativeFormula,
    /// Another activation function (or its derivative) used.
    WrongActivation,
    /// A weight matrix read transposed.
    Transposed,
    /// Off by a power of ten or a factor of two.
    Scale,
    /// The right number copied with a digit dropped, doubled, swapped or changed.
    Digits,
    /// Nothing simpler explains it.
    Arithmetic,
}

/// A likely cause of a slip.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Cause {
    /// The kind of mistake.
    pub kind: CauseKind,
    /// What happened, in words.
    pub text: String,
    /// The value the mistake gives for the step (absent for an arithmetic slip).
    pub reproduces: Option<f64>,
}

enum Outcome {
    /// The step's value under the mistake, computed directly from the person's values.
    Value(f64),
    /// Replay the calculation with these changes and read the step.
    Replay(Vec<Tweak>),
}

struct Candidate {
    kind: CauseKind,
    text: String,
    outcome: Outcome,
    /// Lower is likelier: when several mistakes reproduce the written number, the report names
    /// the likeliest and lists the others.
    rank: u8,
    /// Among equally ranked candidates, smaller is likelier (a misread's relative change).
    distance: f64,
}

/// How likely a kind of mistake is, a priori: a dropped term or a derivative mix-up is a more
/// specific explanation than a misread number, which is more specific than a term's sign.
fn rank_of(kind: CauseKind) -> u8 {
    match kind {
        CauseKind::TermLeftOut | CauseKind::FactorLeftOut => 1,
        CauseKind::ActivationForDerivative
        | CauseKind::DerivativeFormula
        | CauseKind::WrongActivation => 2,
        CauseKind::Transposed => 3,
        CauseKind::Misread => 4,
        CauseKind::WrongValue => 5,
        CauseKind::SignFlipped => 6,
        CauseKind::Scale => 7,
        CauseKind::Digits | CauseKind::Arithmetic => 8,
    }
}

fn cand(kind: CauseKind, text: impl Into<String>, outcome: Outcome) -> Candidate {
    Candidate {
        kind,
        text: text.into(),
        outcome,
        rank: rank_of(kind),
        distance: 0.0,
    }
}

/// A misreading of `actual` as `v`: likelier the closer it is; one that changes the sign is
/// really a sign slip and ranks as one.
fn misread(text: String, actual: f64, v: f64, outcome: Outcome) -> Candidate {
    let mut c = cand(CauseKind::Misread, text, outcome);
    c.distance = (v - actual).abs() / actual.abs().max(1.0);
    if v * actual < 0.0 {
        c.rank = rank_of(CauseKind::SignFlipped);
    }
    c
}

/// Find the likeliest cause of the slip at `q`, where the person wrote `hand`.
pub(crate) fn find(
    checker: &Checker,
    written: &Written,
    base: &Replay,
    q: Quantity,
    hand: &HandValue,
    spread: f64,
) -> Cause {
    let net = &checker.net;
    let given = matches!(q, Quantity::Value(n) if net.graph.node(n).op.is_leaf());
    let expected = if given {
        checker.net.read(q)
    } else {
        checker.expected(q, base)
    };
    let search = Search {
        checker,
        net,
        written,
        base,
        q,
        expected,
        hand: hand.value,
    };
    // The whole result's sign is the simplest mistake of all.
    let mut candidates = vec![Candidate {
        rank: 0,
        ..cand(
            CauseKind::SignFlipped,
            "the sign is flipped",
            Outcome::Value(-expected),
        )
    }];
    candidates.extend(search.structural());
    candidates.extend(scale_candidates(expected));
    let mut matches: Vec<(Candidate, f64)> = candidates
        .into_iter()
        .filter_map(|c| {
            let value = match c.outcome {
                Outcome::Value(v) => v,
                Outcome::Replay(ref tweaks) => {
                    checker.expected(q, &checker.replay(written, tweaks))
                }
            };
            (value.is_finite() && accepts(hand.value, hand.unit, value, spread))
                .then_some((c, value))
        })
        .collect();
    matches.sort_by(|(a, _), (b, _)| a.rank.cmp(&b.rank).then(a.distance.total_cmp(&b.distance)));
    if let Some((best, value)) = matches.first() {
        let mut text = best.text.clone();
        let others: Vec<&str> = matches[1..]
            .iter()
            .map(|(c, _)| c.text.as_str())
            .filter(|t| *t != best.text)
            .take(3)
            .collect();
        if !others.is_empty() {
            text.push_str(&format!(
                "; equally consistent with the numbers: {}",
                others.join("; ")
            ));
        }
        return Cause {
            kind: best.kind,
            text,
            // Reading a given number wrongly reproduces it trivially: nothing to show.
            reproduces: (!given).then_some(*value),
        };
    }
    if let Some(text) = digit_slip(expected, hand) {
        return Cause {
            kind: CauseKind::Digits,
            text,
            reproduces: None,
        };
    }
    Cause {
        kind: CauseKind::Arithmetic,
        text: "an arithmetic slip: no single misread number, dropped term, sign or derivative mix-up reproduces it"
            .into(),
        reproduces: None,
    }
}

struct Search<'a> {
    checker: &'a Checker,
    net: &'a Network,
    written: &'a Written,
    base: &'a Replay,
    q: Quantity,
    /// What the step gives from the person's own values.
    expected: f64,
    /// What the person wrote.
    hand: f64,
}

impl Search<'_> {
    fn name(&self, n: NodeId) -> String {
        self.net.name_of(n)
    }

    /// The person's value of node `n` as carried.
    fn own(&self, n: NodeId) -> f64 {
        self.base.values[n.index()]
    }

    fn structural(&self) -> Vec<Candidate> {
        if self.net.is_expression() {
            return self.expression();
        }
        match self.q {
            Quantity::Value(n) => {
                let op = self.net.graph.node(n).op;
                if op.is_leaf() {
                    self.given(n)
                } else if op == Op::WeightedSum {
                    self.weighted_sum(n)
                } else if n == self.net.loss {
                    self.loss()
                } else {
                    self.activation(n)
                }
            }
            Quantity::Derivative(f) => self.derivative(f),
            Quantity::Grad(n) => match self.net.graph.node(n).role {
                Role::Z => self.delta(n),
                Role::Weight => self.weight_gradient(n),
                _ => Vec::new(),
            },
            Quantity::Updated(p) => self.update(p),
        }
    }

    /// A given value (input, target, weight, bias) written differently from the spec: it was
    /// read wrongly, and the steps it feeds carry the person's number.
    fn given(&self, n: NodeId) -> Vec<Candidate> {
        let same_as: Vec<String> = self
            .net
            .graph
            .nodes()
            .filter(|&o| o != n && role(self.net, o) == role(self.net, n))
            .filter(|&o| {
                accepts(
                    self.hand,
                    HAND_UNIT_EXACT,
                    self.checker.net.graph.value(o),
                    0.0,
                )
            })
            .map(|o| self.name(o))
            .take(3)
            .collect();
        let note = if same_as.is_empty() {
            String::new()
        } else {
            format!(
                " ({} is the value of {})",
                show(self.hand),
                same_as.join(", ")
            )
        };
        vec![misread(
            format!(
                "{} read as {} instead of {}{note}",
                self.name(n),
                show(self.hand),
                show(self.expected)
            ),
            self.expected,
            self.hand,
            Outcome::Value(self.hand),
        )]
    }

    /// `z = Σ w·a + b`: a term dropped or sign-flipped, a weight/bias/input misread, another
    /// neuron's output used, the weight matrix read transposed.
    fn weighted_sum(&self, z: NodeId) -> Vec<Candidate> {
        let operands = self.net.graph.operands(z);
        let pairs = operands.len() / 2;
        let bias = operands[2 * pairs];
        let mut out = Vec::new();
        for k in 0..pairs {
            let (w, a) = (operands[2 * k], operands[2 * k + 1]);
            let term = format!("{}·{}", self.name(w), self.name(a));
            out.push(cand(
                CauseKind::TermLeftOut,
                format!("the term {term} was left out"),
                Outcome::Replay(vec![Tweak::Value(w, 0.0)]),
            ));
            out.push(cand(
                CauseKind::SignFlipped,
                format!("the term {term} was taken with the wrong sign"),
                Outcome::Replay(vec![Tweak::Value(w, -self.own(w))]),
            ));
        }
        out.push(cand(
            CauseKind::TermLeftOut,
            format!("the bias {} was left out", self.name(bias)),
            Outcome::Replay(vec![Tweak::Value(bias, 0.0)]),
        ));
        out.push(cand(
            CauseKind::SignFlipped,
            format!("the bias {} was taken with the wrong sign", self.name(bias)),
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
    fn hand_target(&self) -> f64 {
        self.hand
    }

    /// Candidates "node read as v", for numbers v near `solved` that look like the spec's own
    /// numbers (no more decimals, no wildly larger magnitude): a misreading, not a fit.
    fn misreadings(&self, node: NodeId, solved: f64) -> Vec<Candidate> {
        let actual = self.own(node);
        self.plausible_readings(solved, actual)
            .into_iter()
            .map(|v| {
                misread(
                    format!(
                        "{} read as {} instead of {}",
                        self.name(node),
                        show(v),
                        show(actual)
                    ),
                    actual,
                    v,
                    Outcome::Replay(vec![Tweak::Value(node, v)]),
                )
            })
            .collect()
    }

    /// Numbers a person could have read instead of `actual`, near `solved`.
    fn plausible_readings(&self, solved: f64, actual: f64) -> Vec<f64> {
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
    fn substitutes(&self, a: NodeId) -> Vec<Candidate> {
        let Some((l, i)) = self.net.neuron_of(a) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        let mut out = Vec::new();
        for (k, &other) in layer.f.iter().enumerate() {
            if k != i {
                out.push(cand(
                    CauseKind::WrongValue,
                    format!(
                        "{} was used where {} belongs",
                        self.name(other),
                        self.name(a)
                    ),
                    Outcome::Replay(vec![Tweak::Value(a, self.own(other))]),
                ));
            }
        }
        let z = layer.z[i];
        out.push(cand(
            CauseKind::WrongValue,
            format!(
                "{} (before the activation) was used where {} belongs",
                self.name(z),
                self.name(a)
            ),
            Outcome::Replay(vec![Tweak::Value(a, self.own(z))]),
        ));
        out
    }

    /// The weights into neuron `z` read from the transposed matrix: `w(i,j)` taken from row
    /// `i`, column `j` instead of row `j`, column `i`.
    fn transposed_forward(&self, z: NodeId) -> Vec<Candidate> {
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
            format!(
                "the weight matrix of layer {} was read transposed (row and column swapped)",
                l + 1
            ),
            Outcome::Replay(tweaks),
        )]
    }

    /// `f = act(z)`: another activation, another neuron's z, or f′(z) written for f(z).
    fn activation(&self, f: NodeId) -> Vec<Candidate> {
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
                    format!(
                        "{} was applied instead of {}",
                        act.name(),
                        layer.activation.name()
                    ),
                    Outcome::Value(ops::forward(act.op(), &[z])),
                ));
            }
        }
        let value = ops::forward(own_op, &[z]);
        out.push(cand(
            CauseKind::ActivationForDerivative,
            format!(
                "f′({}) was written where f({}) belongs",
                self.name(layer.z[j]),
                self.name(layer.z[j])
            ),
            Outcome::Value(ops::partial(own_op, &[z], value, 0)),
        ));
        for (k, &other) in layer.z.iter().enumerate() {
            if k != j {
                out.push(cand(
                    CauseKind::WrongValue,
                    format!(
                        "{} was used where {} belongs",
                        self.name(other),
                        self.name(layer.z[j])
                    ),
                    Outcome::Value(ops::forward(own_op, &[self.own(other)])),
                ));
            }
        }
        out
    }

    /// The loss: a factor (such as ½) left out, a term left out.
    fn loss(&self) -> Vec<Candidate> {
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
                    format!("the factor {} was left out of L", show(self.own(o))),
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
                    format!("the term of output {} was left out of L", k + 1),
                    Outcome::Replay(vec![Tweak::Value(t, 0.0)]),
                ));
            }
        }
        out
    }

    /// Alternatives to `f′(z)` for activation node `f`, as (kind, text, value).
    fn derivative_mixups(&self, f: NodeId) -> Vec<(CauseKind, String, f64)> {
        let Some((l, j)) = self.net.neuron_of(f) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        if layer.activation == Activation::Softmax {
            return self.softmax_derivative_mixups(f);
        }
        let (zname, z) = (self.name(layer.z[j]), self.own(layer.z[j]));
        let fv = self.own(f);
        let own_op = layer.activation.op();
        let mut out = vec![(
            CauseKind::ActivationForDerivative,
            format!(
                "f({zname}) = {} was used where f′({zname}) belongs",
                show(fv)
            ),
            fv,
        )];
        // The rule written in terms of the output (σ′ = f·(1 − f)) applied to z instead.
        out.push((
            CauseKind::DerivativeFormula,
            format!("the derivative formula was applied to {zname} instead of to f({zname})"),
            ops::partial(own_op, &[z], z, 0),
        ));
        if layer.activation == Activation::Sigmoid {
            out.push((
                CauseKind::DerivativeFormula,
                format!(
                    "the derivative formula was misapplied: 1 − f instead of f·(1 − f) for {zname}"
                ),
                1.0 - fv,
            ));
        }
        for act in Activation::ALL {
            if act != layer.activation {
                let out_v = ops::forward(act.op(), &[z]);
                out.push((
                    CauseKind::WrongActivation,
                    format!(
                        "the derivative of {} was used instead of that of {}",
                        act.name(),
                        layer.activation.name()
                    ),
                    ops::partial(act.op(), &[z], out_v, 0),
                ));
            }
        }
        out
    }

    fn derivative(&self, f: NodeId) -> Vec<Candidate> {
        self.derivative_mixups(f)
            .into_iter()
            .map(|(kind, text, v)| cand(kind, text, Outcome::Value(v)))
            .collect()
    }

    /// `δ_j = f′(z_j)·Σ_k w(j,k)·δ_k` (or the loss's derivative for an output).
    fn delta(&self, z: NodeId) -> Vec<Candidate> {
        let Some((l, j)) = self.net.neuron_of(z) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        let f = layer.f[j];
        let zname = self.name(z);
        let mut out = vec![cand(
            CauseKind::FactorLeftOut,
            format!("the factor f′({zname}) was left out"),
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
                    format!("ŷ − y was multiplied by f′({zname}), which cross-entropy with a sigmoid output cancels"),
                    Outcome::Value(self.expected * df),
                ));
            }
            return out;
        }
        // Hidden neuron: one term per neuron k of the next layer, weighted by w(j,k).
        let next = &self.net.layers[l + 1];
        let df = self.base_partial(f);
        for k in 0..next.len() {
            let (zk, w) = (next.z[k], next.weights[k][j]);
            let position = 2 * j; // operand index of f_j in z_k's weighted sum is 2j + 1; w is 2j
            let term = format!("{}·delta{}", self.name(w), next.neuron(k));
            out.push(cand(
                CauseKind::TermLeftOut,
                format!("the term {term} was left out"),
                Outcome::Replay(vec![Tweak::Partial(zk, position + 1, 0.0)]),
            ));
            out.push(cand(
                CauseKind::SignFlipped,
                format!("the term {term} was taken with the wrong sign"),
                Outcome::Replay(vec![Tweak::Partial(zk, position + 1, -self.own(w))]),
            ));
            let delta_k = self.base.grads[zk.index()];
            let factor = df * delta_k;
            if factor != 0.0 {
                let solved = self.own(w) + (self.hand_target() - self.expected) / factor;
                for v in self.plausible_readings(solved, self.own(w)) {
                    out.push(misread(
                        format!(
                            "{} read as {} instead of {}",
                            self.name(w),
                            show(v),
                            show(self.own(w))
                        ),
                        self.own(w),
                        v,
                        Outcome::Replay(vec![Tweak::Partial(zk, position + 1, v)]),
                    ));
                }
            }
        }
        // Transposed: δ_j weighted by row j of the next layer's matrix instead of column j.
        let (rows, cols) = (next.weights.len(), next.weights[0].len());
        if j < rows && rows <= cols {
            let tweaks = (0..rows)
                .map(|k| {
                    Tweak::Partial(
                        next.z[k],
                        2 * j + 1,
                        self.checker.net.graph.value(next.weights[j][k]),
                    )
                })
                .collect();
            out.push(cand(
                CauseKind::Transposed,
                format!(
                    "the weight matrix of layer {} was read transposed: δ{} was weighted by row {} instead of column {}",
                    l + 2,
                    layer.neuron(j),
                    j + 1,
                    j + 1
                ),
                Outcome::Replay(tweaks),
            ));
        }
        out
    }

    /// The local derivative `f′(z)` the person's δ step used: theirs if written.
    fn base_partial(&self, f: NodeId) -> f64 {
        self.written
            .derivative(f)
            .unwrap_or_else(|| self.checker.expected(Quantity::Derivative(f), self.base))
    }

    /// `∂L/∂w(i,j) = δ_j·a_i`: the factor a_i left out, or the wrong a used.
    fn weight_gradient(&self, w: NodeId) -> Vec<Candidate> {
        let Some((l, j, i)) = self.net.weight_position(w) else {
            return Vec::new();
        };
        let layer = &self.net.layers[l];
        let z = layer.z[j];
        let operands = self.net.graph.operands(z);
        let a = operands[2 * i + 1];
        let delta = format!("delta{}", layer.neuron(j));
        let mut out = vec![
            cand(
                CauseKind::FactorLeftOut,
                format!(
                    "the factor {} was left out: {delta} alone was written",
                    self.name(a)
                ),
                Outcome::Replay(vec![Tweak::Partial(z, 2 * i, 1.0)]),
            ),
            cand(
                CauseKind::WrongValue,
                format!(
                    "{delta} was multiplied by the weight {} instead of by {}",
                    self.name(w),
                    self.name(a)
                ),
                Outcome::Replay(vec![Tweak::Partial(z, 2 * i, self.own(w))]),
            ),
        ];
        for k in 0..operands.len() / 2 {
            let other = operands[2 * k + 1];
            if k != i {
                out.push(cand(
                    CauseKind::WrongValue,
                    format!(
                        "{delta} was multiplied by {} instead of by {}",
                        self.name(other),
                        self.name(a)
                    ),
                    Outcome::Replay(vec![Tweak::Partial(z, 2 * i, self.own(other))]),
                ));
            }
        }
        out
    }

    /// `new_p = p − α(∂L/∂p + λp)`: the step added, α or λ left out, δ used for ∂L/∂w.
    fn update(&self, p: NodeId) -> Vec<Candidate> {
        let (v, g) = (self.own(p), self.base.grads[p.index()]);
        let lr = self.net.learning_rate;
        let decay = self.net.decay_of(p);
        let name = self.name(p);
        let mut out = vec![
            cand(
                CauseKind::SignFlipped,
                format!("the step was added to {name} instead of subtracted"),
                Outcome::Value(v + lr * (g + decay * v)),
            ),
            cand(
                CauseKind::FactorLeftOut,
                format!("the learning rate α = {} was left out", show(lr)),
                Outcome::Value(sgd_update(v, g, 1.0, decay)),
            ),
        ];
        if decay != 0.0 {
            out.push(cand(
                CauseKind::TermLeftOut,
                format!("the weight decay λ·{name} was left out"),
                Outcome::Value(sgd_update(v, g, lr, 0.0)),
            ));
        } else if self.net.weight_decay != 0.0 {
            out.push(cand(
                CauseKind::WrongValue,
                format!("the bias {name} was decayed (weight decay applies to weights only)"),
                Outcome::Value(sgd_update(v, g, lr, self.net.weight_decay)),
            ));
        }
        if let Some((l, j, _)) = self.net.weight_position(p) {
            let z = self.net.layers[l].z[j];
            out.push(cand(
                CauseKind::WrongValue,
                format!(
                    "delta{} was used where dL/d{name} belongs",
                    self.net.layers[l].neuron(j)
                ),
                Outcome::Value(sgd_update(v, self.base.grads[z.index()], lr, decay)),
            ));
        }
        out
    }
}

/// Compare given values exactly (to float noise): a unit far below any written digit.
const HAND_UNIT_EXACT: f64 = 1e-300;

/// Decimals in the shortest form of `x` (`2` → 0, `0.15` → 2).
fn decimals_of(x: f64) -> i32 {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, d)| d.len() as i32)
}

/// Off by a power of ten (a decimal point slipped) or a factor of two.
fn scale_candidates(expected: f64) -> Vec<Candidate> {
    [
        (10.0, "10 (a decimal point slipped)"),
        (0.1, "1/10 (a decimal point slipped)"),
        (2.0, "2"),
        (0.5, "1/2"),
        (100.0, "100"),
        (0.01, "1/100"),
    ]
    .into_iter()
    .map(|(k, what)| {
        cand(
            CauseKind::Scale,
            format!("off by a factor of {what}"),
            Outcome::Value(expected * k),
        )
    })
    .collect()
}

/// The right number copied wrongly: one digit dropped, doubled, two neighbours swapped, or one
/// digit changed. Returns a description if one such change of `expected` reproduces `hand`.
fn digit_slip(expected: f64, hand: &HandValue) -> Option<String> {
    if expected == 0.0 || expected.signum() != hand.value.signum() {
        return None;
    }
    let sci = format!("{:.16e}", expected.abs());
    let (mantissa, exp) = sci.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let value_of = |d: &[u8]| -> f64 {
        let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        format!("{}.{}e{exp}", &s[..1], &s[1..])
            .parse::<f64>()
            .unwrap_or(f64::NAN)
            * expected.signum()
    };
    let matches = |d: &[u8]| accepts(hand.value, hand.unit, value_of(d), 0.0);
    // Only positions the person actually wrote can have been miscopied.
    let written_digits =
        ((expected.abs().log10().floor() as i32) - (hand.unit.log10().round() as i32) + 1)
            .clamp(1, 17) as usize;
    let shown = |d: &[u8]| crate::format::significant(value_of(d), written_digits + 1);
    let right = shown(&digits);
    for k in 0..written_digits.min(digits.len()) {
        let mut dropped = digits.clone();
        let c = dropped.remove(k);
        dropped.push(0);
        if matches(&dropped) {
            return Some(format!(
                "a copying slip: {right} written with a digit {c} dropped"
            ));
        }
        let mut doubled = digits.clone();
        doubled.insert(k, digits[k]);
        doubled.pop();
        if matches(&doubled) {
            return Some(format!(
                "a copying slip: {right} written with the digit {} doubled",
                digits[k]
            ));
        }
        if k + 1 < digits.len() {
            let mut swapped = digits.clone();
            swapped.swap(k, k + 1);
            if swapped != digits && matches(&swapped) {
                return Some(format!(
                    "a copying slip: {right} written with the digits {}{} swapped",
                    digits[k],
                    digits[k + 1]
                ));
            }
        }
    }
    for k in 0..written_digits.min(digits.len()) {
        for c in 0..10u8 {
            if c == digits[k] {
                continue;
            }
            let mut changed = digits.clone();
            changed[k] = c;
            if matches(&changed) {
                return Some(format!(
                    "a copying or arithmetic slip in one digit: {right} has {} where {} was written",
                    digits[k], c
                ));
            }
        }
    }
    None
}
