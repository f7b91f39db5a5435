//! Checking a hand calculation step by step, as an examiner marks: error carried forward.
//!
//! Every hand value is judged twice: against the exact value, and against what follows from the
//! person's *own* earlier values. Both come from the one engine: the exact values from a plain
//! forward and reverse pass, the person's expected values from the same passes with an
//! [`Observer`] that substitutes each hand-written number as soon as the pass reaches it. A value
//! the person did not write is computed from the values they did (so a skipped step never turns
//! a carried error into a new one).
//!
//! Each value is compared at the precision it was written: it is right when it is the target
//! rounded to that precision either way (up or down), where the target is the exact value, or —
//! for the carried-forward judgement — any value the step can take given the person's own
//! inputs, which are themselves only known to their written precision. That uncertainty is
//! propagated to first order through the same op rules ([`ops::for_each_partial`]).
//!
//! A **slip** is a step that is wrong given the person's own inputs; **carried** is a step that
//! is right given them but differs from the exact value; **ok** is right. For each slip a search
//! over small, common mistakes finds a likely cause ([`cause`]): each candidate mistake is
//! replayed through the engine and kept if it reproduces the written number.

use std::collections::HashMap;

use crate::autodiff::Observer;
use crate::format;
use crate::graph::{NodeId, Role};
use crate::hand::HandValue;
use crate::net::{Network, Quantity, sgd_update};
use crate::ops::{self, Gather};

pub mod cause;
pub mod report;

pub use cause::{Cause, CauseKind};

/// The verdict on one hand-written value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Agrees with the exact value at its written precision.
    Ok,
    /// Wrong given the person's own inputs to the step: a new error.
    Slip,
    /// Right given the person's own inputs, different from the exact value because an earlier
    /// slip (or their own rounding) fed it.
    Carried,
}

/// One judged value.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Judgement {
    /// Canonical name.
    pub name: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The value as the person wrote it.
    pub written: String,
    /// That value as a number.
    pub hand: f64,
    /// What the step gives from the person's own earlier values.
    pub expected: f64,
    /// The exact value.
    pub exact: f64,
    /// For a slip, its likely cause.
    pub cause: Option<Cause>,
    /// For a carried value, the slips that fed it (empty: only the person's rounding did).
    pub carried_from: Vec<String>,
    /// Line of the hand file.
    pub line: u64,
}

/// The result of checking a hand calculation.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// One judgement per hand value, in calculation order.
    pub judgements: Vec<Judgement>,
    /// Every canonical value as the person's calculation has it: their number where they wrote
    /// one, otherwise computed from their numbers. Used to show a step with their values.
    pub carried: HashMap<String, f64>,
}

impl Report {
    /// Number of slips.
    pub fn slips(&self) -> usize {
        self.count(Verdict::Slip)
    }

    /// Number of judgements with `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.judgements
            .iter()
            .filter(|j| j.verdict == verdict)
            .count()
    }

    /// The judgement of `name`, if it was judged.
    pub fn get(&self, name: &str) -> Option<&Judgement> {
        self.judgements.iter().find(|j| j.name == name)
    }

    /// Exit status of `deltagraph check`: 0 when no slip, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.slips() > 0)
    }
}

/// A deliberate change to the person's calculation, replayed to test a suspected mistake.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tweak {
    /// Use this value for a node (e.g. a weight read wrongly).
    Value(NodeId, f64),
    /// Use this local derivative `∂node/∂operand` in the reverse pass (e.g. f(z) for f′(z)).
    Partial(NodeId, usize, f64),
}

/// The person's numbers, by what they stand for.
#[derive(Clone, Debug, Default)]
pub struct Written {
    values: HashMap<NodeId, f64>,
    derivatives: HashMap<NodeId, f64>,
    grads: HashMap<NodeId, f64>,
    /// Half a unit of the last written digit, per quantity.
    half_units: HashMap<Quantity, f64>,
}

impl Written {
    /// Replace the person's number for `q` (used to replay with a slip corrected).
    fn set(&mut self, q: Quantity, value: f64) {
        match q {
            Quantity::Value(n) => {
                self.values.insert(n, value);
            }
            Quantity::Derivative(f) => {
                self.derivatives.insert(f, value);
            }
            Quantity::Grad(n) => {
                self.grads.insert(n, value);
            }
            Quantity::Updated(_) => {}
        }
    }

    /// The person's `f′(z)` for activation node `f`, if written.
    pub fn derivative(&self, f: NodeId) -> Option<f64> {
        self.derivatives.get(&f).copied()
    }
}

/// The pass observer that carries the person's numbers forward and records what each step
/// would have given before their number replaced it.
struct CarryForward<'a> {
    written: &'a Written,
    tweaks: &'a [Tweak],
    computed_values: Vec<f64>,
    computed_grads: Vec<f64>,
    computed_derivatives: HashMap<NodeId, f64>,
}

impl Observer for CarryForward<'_> {
    fn value(&mut self, node: NodeId, computed: f64) -> f64 {
        self.computed_values[node.index()] = computed;
        for t in self.tweaks {
            if let Tweak::Value(n, v) = *t {
                if n == node {
                    return v;
                }
            }
        }
        self.written.values.get(&node).copied().unwrap_or(computed)
    }

    fn partial(&mut self, node: NodeId, operand: usize, computed: f64) -> f64 {
        if operand == 0 {
            self.computed_derivatives.insert(node, computed);
        }
        for t in self.tweaks {
            if let Tweak::Partial(n, i, v) = *t {
                if n == node && i == operand {
                    return v;
                }
            }
        }
        match self.written.derivatives.get(&node) {
            Some(&d) if operand == 0 => d,
            _ => computed,
        }
    }

    fn grad(&mut self, node: NodeId, computed: f64) -> f64 {
        self.computed_grads[node.index()] = computed;
        self.written.grads.get(&node).copied().unwrap_or(computed)
    }
}

/// One replay of the calculation with the person's numbers carried forward.
#[derive(Clone, Debug)]
pub struct Replay {
    /// Values as carried (the person's where written).
    pub values: Vec<f64>,
    /// Gradients as carried.
    pub grads: Vec<f64>,
    computed_values: Vec<f64>,
    computed_grads: Vec<f64>,
    computed_derivatives: HashMap<NodeId, f64>,
}

/// Checks hand calculations against one network. Build once, check many files.
pub struct Checker {
    /// The network, evaluated: its values are the exact ones.
    net: Network,
    /// Its tape, compiled once; every replay runs it on a copy of the value array.
    tape: crate::autodiff::Tape,
}

impl Checker {
    /// A checker for `net` (its leaves as the spec gives them).
    pub fn new(net: &Network) -> Checker {
        let mut net = net.clone();
        net.evaluate();
        let tape = net.graph.tape().clone();
        Checker { net, tape }
    }

    /// The network being checked against (evaluated).
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// Judge every hand value.
    pub fn check(&self, hand: &[HandValue]) -> Report {
        let written = self.written(hand);
        let base = self.replay(&written, &[]);
        let spreads = self.spreads(&written, &base);
        let by_name: HashMap<&str, &HandValue> =
            hand.iter().map(|h| (h.name.as_str(), h)).collect();
        let mut judgements = Vec::new();
        for entry in self.net.entries() {
            let Some(h) = by_name.get(entry.name.as_str()) else {
                continue;
            };
            let q = entry.quantity;
            let exact = self.net.read(q);
            let expected = self.expected(q, &base);
            let spread = spreads.of(q);
            let verdict = if accepts(h.value, h.unit, exact, 0.0) {
                Verdict::Ok
            } else if !is_given(q, &self.net) && accepts(h.value, h.unit, expected, spread) {
                Verdict::Carried
            } else {
                Verdict::Slip
            };
            judgements.push(Judgement {
                name: entry.name.clone(),
                verdict,
                written: h.written.clone(),
                hand: h.value,
                expected: if is_given(q, &self.net) {
                    exact
                } else {
                    expected
                },
                exact,
                cause: None,
                carried_from: Vec::new(),
                line: h.line,
            });
        }
        // Causes: searched per slip, with everything else as the person wrote it.
        for j in judgements.iter_mut().filter(|j| j.verdict == Verdict::Slip) {
            let h = by_name[j.name.as_str()];
            let q = self
                .net
                .entry(&j.name)
                .expect("judged names are entries")
                .quantity;
            j.cause = Some(cause::find(self, &written, &base, q, h, spreads.of(q)));
        }
        self.attribute_carried(&mut judgements, &written, &base);
        let carried = self
            .net
            .entries()
            .iter()
            .map(|e| {
                let v = match e.quantity {
                    Quantity::Value(n) => base.values[n.index()],
                    Quantity::Derivative(f) => written
                        .derivative(f)
                        .unwrap_or_else(|| self.expected(e.quantity, &base)),
                    Quantity::Grad(n) => base.grads[n.index()],
                    Quantity::Updated(_) => by_name
                        .get(e.name.as_str())
                        .map_or_else(|| self.expected(e.quantity, &base), |h| h.value),
                };
                (e.name.clone(), v)
            })
            .collect();
        Report {
            judgements,
            carried,
        }
    }

    /// Group the hand values by what they override in the passes.
    pub(crate) fn written(&self, hand: &[HandValue]) -> Written {
        let mut w = Written::default();
        for h in hand {
            let Some(entry) = self.net.entry(&h.name) else {
                continue;
            };
            match entry.quantity {
                Quantity::Value(n) => {
                    w.values.insert(n, h.value);
                }
                Quantity::Derivative(f) => {
                    w.derivatives.insert(f, h.value);
                }
                Quantity::Grad(n) => {
                    w.grads.insert(n, h.value);
                }
                Quantity::Updated(_) => {}
            }
            w.half_units.insert(entry.quantity, h.unit / 2.0);
        }
        w
    }

    /// Run the forward and reverse passes with the person's numbers (and `tweaks`) carried.
    pub(crate) fn replay(&self, written: &Written, tweaks: &[Tweak]) -> Replay {
        // Leaves start at the spec's values; every computed value is recomputed.
        let mut values = self.net.graph.values().to_vec();
        let n = values.len();
        let mut grads = vec![0.0; n];
        let mut observer = CarryForward {
            written,
            tweaks,
            computed_values: vec![0.0; n],
            computed_grads: vec![0.0; n],
            computed_derivatives: HashMap::new(),
        };
        self.tape.forward(&mut values, &mut observer);
        self.tape
            .backward(&values, &mut grads, self.net.loss, &mut observer);
        Replay {
            values,
            grads,
            computed_values: observer.computed_values,
            computed_grads: observer.computed_grads,
            computed_derivatives: observer.computed_derivatives,
        }
    }

    /// What quantity `q` comes to from the person's own values in `replay`.
    pub(crate) fn expected(&self, q: Quantity, replay: &Replay) -> f64 {
        match q {
            Quantity::Value(n) => replay.computed_values[n.index()],
            Quantity::Derivative(f) => replay
                .computed_derivatives
                .get(&f)
                .copied()
                .unwrap_or(f64::NAN),
            Quantity::Grad(n) => replay.computed_grads[n.index()],
            Quantity::Updated(p) => sgd_update(
                replay.values[p.index()],
                replay.grads[p.index()],
                self.net.learning_rate,
                self.net.decay_of(p),
            ),
        }
    }

    /// How far each computed quantity can move when every written input moves within half a
    /// unit of its last digit: first-order propagation through the op rules.
    fn spreads(&self, written: &Written, replay: &Replay) -> Spreads {
        let g = &self.net.graph;
        let n = g.len();
        let half = |q: Quantity| written.half_units.get(&q).copied();
        let operand_indices: Vec<Vec<u32>> = g
            .nodes()
            .map(|id| g.operands(id).iter().map(|o| o.index() as u32).collect())
            .collect();
        let mut value = vec![0.0; n]; // spread of the value as carried
        let mut computed = vec![0.0; n]; // spread of the step's result from its inputs
        for id in g.nodes() {
            let node = g.node(id);
            if !node.op.is_leaf() {
                let args = Gather {
                    values: &replay.values,
                    indices: &operand_indices[id.index()],
                };
                let mut s = 0.0;
                ops::for_each_partial(node.op, &args, replay.values[id.index()], |i, p| {
                    s += p.abs() * value[operand_indices[id.index()][i] as usize];
                });
                computed[id.index()] = s;
            }
            // A literal constant (the ½ of the loss, an exponent) is exact by definition.
            value[id.index()] = if node.op == crate::ops::Op::Const {
                0.0
            } else {
                half(Quantity::Value(id)).unwrap_or(computed[id.index()])
                    + ROUNDING * replay.values[id.index()].abs()
            };
        }
        // Reverse: grad(o) = Σ_c ∂c/∂o · grad(c); both factors carry spread.
        let mut grad_value = vec![0.0; n];
        let mut grad_computed = vec![0.0; n];
        let mut derivative = HashMap::new();
        for id in g.nodes().rev() {
            let i = id.index();
            grad_value[i] = half(Quantity::Grad(id)).unwrap_or(grad_computed[i])
                + ROUNDING * replay.grads[i].abs();
            let node = g.node(id);
            if node.op.is_leaf() {
                continue;
            }
            let indices = &operand_indices[i];
            let args = Gather {
                values: &replay.values,
                indices,
            };
            let out = replay.values[i];
            let g_c = replay.grads[i];
            let partial_spread = |k: usize| -> f64 {
                let base = ops::partial(node.op, &args, out, k);
                let mut s = 0.0;
                let mut shifted: Vec<f64> =
                    indices.iter().map(|&m| replay.values[m as usize]).collect();
                let mut add = |moved: f64| {
                    // A shift that leaves the op's domain says nothing about the spread.
                    let d = (moved - base).abs();
                    if d.is_finite() {
                        s += d;
                    }
                };
                for j in 0..indices.len() {
                    let original = shifted[j];
                    shifted[j] += value[indices[j] as usize];
                    add(ops::partial(node.op, &shifted[..], out, k));
                    shifted[j] = original;
                }
                add(ops::partial(node.op, &args, out + value[i], k));
                s
            };
            let written_derivative = written.derivatives.get(&id).copied();
            let derivative_spread = partial_spread(0);
            derivative.insert(id, derivative_spread);
            ops::for_each_partial(node.op, &args, out, |k, p| {
                let (p, sp) = match (k, written_derivative) {
                    (0, Some(d)) => (d, half(Quantity::Derivative(id)).unwrap_or(0.0)),
                    _ => (
                        p,
                        if k == 0 {
                            derivative_spread
                        } else {
                            partial_spread(k)
                        },
                    ),
                };
                grad_computed[indices[k] as usize] += p.abs() * grad_value[i] + g_c.abs() * sp;
            });
        }
        Spreads {
            value,
            computed,
            grad_value,
            grad_computed,
            derivative,
            learning_rate: self.net.learning_rate,
            decay: self
                .net
                .parameters()
                .map(|p| (p, self.net.decay_of(p)))
                .collect(),
        }
    }

    /// For each carried value, the slips that feed it, directly or through other carried
    /// values. Influence is measured, not assumed: replaying with one value set right moves
    /// the steps it feeds.
    fn attribute_carried(&self, judgements: &mut [Judgement], written: &Written, base: &Replay) {
        let wrong: Vec<usize> = (0..judgements.len())
            .filter(|&k| judgements[k].verdict != Verdict::Ok)
            .collect();
        let carried: Vec<usize> = wrong
            .iter()
            .copied()
            .filter(|&k| judgements[k].verdict == Verdict::Carried)
            .collect();
        if carried.is_empty() || judgements.iter().all(|j| j.verdict != Verdict::Slip) {
            return;
        }
        // feeds[a] = the carried judgements whose step moves when judgement a is set right.
        let mut feeds: HashMap<usize, Vec<usize>> = HashMap::new();
        for &a in &wrong {
            let mut corrected = written.clone();
            corrected.set(self.quantity(&judgements[a].name), judgements[a].exact);
            let replay = self.replay(&corrected, &[]);
            for &c in carried.iter().filter(|&&c| c != a) {
                let q = self.quantity(&judgements[c].name);
                let (before, after) = (self.expected(q, base), self.expected(q, &replay));
                if (before - after).abs() > 1e-12 * before.abs().max(after.abs()) {
                    feeds.entry(a).or_default().push(c);
                }
            }
        }
        let slips: Vec<usize> = wrong
            .iter()
            .copied()
            .filter(|&k| judgements[k].verdict == Verdict::Slip)
            .collect();
        for slip in slips {
            let mut reached = vec![slip];
            let mut frontier = vec![slip];
            while let Some(a) = frontier.pop() {
                for &c in feeds.get(&a).into_iter().flatten() {
                    if !reached.contains(&c) {
                        reached.push(c);
                        frontier.push(c);
                    }
                }
            }
            let name = judgements[slip].name.clone();
            for &c in &reached[1..] {
                judgements[c].carried_from.push(name.clone());
            }
        }
    }

    fn quantity(&self, name: &str) -> Quantity {
        self.net
            .entry(name)
            .expect("judged names are entries")
            .quantity
    }
}

/// Whether `q` is a given value (input, target, parameter) rather than a computed step.
fn is_given(q: Quantity, net: &Network) -> bool {
    matches!(q, Quantity::Value(n) if net.graph.node(n).op.is_leaf())
}

/// The relative uncertainty every stored value carries from floating-point rounding. Propagated
/// with the written precision, it covers cancellation (σ(z) − y with σ(z) ≈ y), where an
/// absolute error far larger than the result's own ulp is normal.
const ROUNDING: f64 = 4.0 * f64::EPSILON;

/// Propagated spreads of the person's computed quantities.
pub(crate) struct Spreads {
    value: Vec<f64>,
    computed: Vec<f64>,
    grad_value: Vec<f64>,
    grad_computed: Vec<f64>,
    derivative: HashMap<NodeId, f64>,
    learning_rate: f64,
    decay: HashMap<NodeId, f64>,
}

impl Spreads {
    /// How far the step's result can move given the spread of its inputs.
    pub(crate) fn of(&self, q: Quantity) -> f64 {
        match q {
            Quantity::Value(n) => self.computed[n.index()],
            Quantity::Derivative(f) => self.derivative.get(&f).copied().unwrap_or(0.0),
            Quantity::Grad(n) => self.grad_computed[n.index()],
            Quantity::Updated(p) => {
                let decay = self.decay.get(&p).copied().unwrap_or(0.0);
                self.value[p.index()] * (1.0 - self.learning_rate * decay).abs()
                    + self.learning_rate * self.grad_value[p.index()]
            }
        }
    }
}

/// Whether `hand`, written to one `unit` in its last digit, is a rounding (up or down) of some
/// value within `spread` of `target`.
///
/// Rounding either way means `|hand − v| < unit`; an integer target written as an integer must
/// therefore match exactly, as must any target that is a whole number of units. A few ulps of
/// slack absorb floating-point noise in `target`.
pub fn accepts(hand: f64, unit: f64, target: f64, spread: f64) -> bool {
    let noise = 8.0 * f64::EPSILON * hand.abs().max(target.abs());
    (hand - target).abs() < spread + noise + unit * (1.0 - 1e-9)
}

/// Human-readable number for reports: 15 significant digits.
pub(crate) fn show(x: f64) -> String {
    format::significant(x, 15)
}

/// The role of a node, for cause descriptions.
pub(crate) fn role(net: &Network, n: NodeId) -> Role {
    net.graph.node(n).role
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acceptance_is_rounding_either_way() {
        assert!(accepts(0.9933, 1e-4, 0.993307149, 0.0));
        assert!(accepts(0.9934, 1e-4, 0.99335, 0.0));
        assert!(accepts(0.9933, 1e-4, 0.99338, 0.0)); // truncated: rounded the other way
        assert!(!accepts(0.9932, 1e-4, 0.993307149, 0.0));
        assert!(accepts(5.0, 1.0, 5.0, 0.0));
        assert!(!accepts(6.0, 1.0, 5.0, 0.0)); // an integer must be exact
        assert!(!accepts(4.0, 1.0, 5.0 + 1e-15, 0.0));
        assert!(accepts(5.0, 1.0, 5.4, 0.0));
        assert!(accepts(5.993, 1e-3, 5.9944, 0.001));
    }
}
