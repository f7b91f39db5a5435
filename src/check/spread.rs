//! How far each step's result can move when the person's written inputs move within their
//! written precision: first-order propagation through the op rules of [`crate::ops`].
//!
//! A weighted sum is linear in each operand, so the spread of its local derivatives is read off
//! its layout ([`WeightedSumLayout::partner`]): O(operands) per sum. Other ops have one or two
//! operands and their derivatives' spread is measured by shifting each operand.

use std::collections::{HashMap, HashSet};

use crate::check::Checker;
use crate::check::replay::{Replay, Tweak, Written};
use crate::graph::NodeId;
use crate::net::{Quantity, sgd_update};
use crate::ops::{self, Gather, Op, WeightedSumLayout};

/// The relative uncertainty every stored value carries from floating-point rounding. Propagated
/// with the written precision, it covers cancellation (σ(z) − y with σ(z) ≈ y), where an
/// absolute error far larger than the result's own ulp is normal.
const ROUNDING: f64 = 4.0 * f64::EPSILON;

/// An op's partials are measured by shifting each operand only up to this many operands (the
/// cost grows as its cube): a softmax output and its cross-entropy of a few classes, not a
/// wide sum (whose partials are read off its layout).
pub(crate) const MEASURED_MAX_OPERANDS: usize = 32;

/// Propagated spreads of the person's computed quantities.
pub(crate) struct Spreads {
    value: Vec<f64>,
    computed: Vec<f64>,
    grad_value: Vec<f64>,
    grad_computed: Vec<f64>,
    derivative: Vec<f64>,
    learning_rate: f64,
    decay: Vec<f64>,
    /// Each parameter's value and gradient as carried, where the update is taken.
    param_value: Vec<f64>,
    param_grad: Vec<f64>,
}

impl Spreads {
    /// The spread of node `n`'s value as carried.
    pub(crate) fn value(&self, n: NodeId) -> f64 {
        self.value[n.index()]
    }

    /// The spread of node `n`'s gradient as carried.
    pub(crate) fn grad(&self, n: NodeId) -> f64 {
        self.grad_value[n.index()]
    }

    /// The spread of node `n`'s first local derivative as its step computes it.
    pub(crate) fn derivative(&self, n: NodeId) -> f64 {
        self.derivative[n.index()]
    }

    /// How far the step's result (standard convention) can move given the spread of its
    /// inputs; an update's step is scaled by `update_factor`.
    pub(crate) fn of(&self, q: Quantity, update_factor: f64) -> f64 {
        match q {
            Quantity::Value(n) => self.computed[n.index()],
            Quantity::Derivative(f) => self.derivative[f.index()],
            Quantity::Grad(n) => self.grad_computed[n.index()],
            // An example's own gradient of a shared parameter: the batch's spread, which sums
            // every example's (an upper bound).
            Quantity::ExampleGrad { node, .. } => self.grad_computed[node.index()],
            Quantity::Updated(p) => {
                // Through the update rule itself: how far it moves when its value and its
                // gradient move by their spreads.
                let i = p.index();
                let (v, g) = (self.param_value[i], update_factor * self.param_grad[i]);
                let update = |v: f64, g: f64| sgd_update(v, g, self.learning_rate, self.decay[i]);
                let base = update(v, g);
                (update(v + self.value[i], g) - base).abs()
                    + (update(v, g + update_factor * self.grad_value[i]) - base).abs()
            }
        }
    }
}

/// The spread of `∂out/∂operand_k` of a step with operation `op` when each operand `j` moves
/// by `moves[j]` and the output by `out_move`. A weighted sum's partials are its partners
/// (read off its layout); a sum's are constants; other ops have few operands (`few`: their
/// values) and are measured by shifting each one.
pub(crate) fn partial_spread(
    op: Op,
    few: &[f64],
    out: f64,
    moves: &[f64],
    out_move: f64,
    k: usize,
) -> f64 {
    match op {
        Op::WeightedSum => WeightedSumLayout::of(moves.len())
            .partner(k)
            .map_or(0.0, |p| moves[p]),
        Op::Sum | Op::Mean | Op::Add | Op::Sub | Op::Neg | Op::Identity => 0.0,
        _ => measured_partial_spread(op, few, out, moves, out_move, k),
    }
}

/// The spread of `∂out/∂operand_k` when each operand `j` moves by `moves[j]` and the output
/// by `out_move`, for an op with few operands: measured by shifting each one.
fn measured_partial_spread(
    op: Op,
    operands: &[f64],
    out: f64,
    moves: &[f64],
    out_move: f64,
    k: usize,
) -> f64 {
    let base = ops::partial(op, operands, out, k);
    let mut s = 0.0;
    let mut add = |moved: f64| {
        // A shift that leaves the op's domain says nothing about the spread.
        let d = (moved - base).abs();
        if d.is_finite() {
            s += d;
        }
    };
    let mut shifted = operands.to_vec();
    for j in 0..operands.len() {
        shifted[j] += moves[j];
        add(ops::partial(op, &shifted[..], out, k));
        shifted[j] = operands[j];
    }
    add(ops::partial(op, operands, out + out_move, k));
    s
}

/// How far a step's result moves when each operand `i` moves by `spread_of(i)`: first order,
/// `Σ_i |∂out/∂a_i|·s_i`, by the op's own partials.
pub(crate) fn step_spread<A: ops::Operands + ?Sized>(
    op: Op,
    args: &A,
    out: f64,
    mut spread_of: impl FnMut(usize) -> f64,
) -> f64 {
    let mut s = 0.0;
    ops::for_each_partial(op, args, out, |i, p| s += p.abs() * spread_of(i));
    s
}

/// How far the number the person *used* for a written quantity can be from the number they
/// wrote. Anything that rounds to it (`half`, half a unit of its last digit) is possible on
/// paper, but a person carries forward either what they wrote or what their step gave on the
/// calculator: `computed`, itself known to `computed_spread`. So the spread is at most the gap
/// between the two. Without this a whole number is read as ±0.5 (`f3 = 1` for σ(10) let any
/// `z4` within 1 of the right one pass as carried) and an exact `-6` as anything from -6.5 to
/// -5.5 (which hid a forgotten path in an expression's gradient).
fn used(half: f64, written: f64, computed: f64, computed_spread: f64) -> f64 {
    let gap = (written - computed).abs() + computed_spread;
    // A step outside its domain computes NaN; then only the written precision says anything.
    if gap.is_finite() { half.min(gap) } else { half }
}

/// A candidate mistake's changes, looked up by node: a number put in by the mistake is exact
/// (no spread of its own), and so is a local derivative it fixes.
#[derive(Default)]
struct Fixed {
    values: HashSet<usize>,
    partials: HashMap<(usize, usize), f64>,
}

impl Fixed {
    fn of(tweaks: &[Tweak]) -> Fixed {
        let mut fixed = Fixed::default();
        for t in tweaks {
            match *t {
                Tweak::Value(n, _) => {
                    fixed.values.insert(n.index());
                }
                Tweak::Partial(n, k, v) => {
                    fixed.partials.insert((n.index(), k), v);
                }
            }
        }
        fixed
    }
}

impl Checker {
    /// Spreads of every computed quantity given the person's written precision.
    pub(crate) fn spreads(&self, written: &Written, replay: &Replay) -> Spreads {
        self.spreads_under(written, replay, &[])
    }

    /// [`spreads`](Self::spreads) of a replay with a candidate mistake's `tweaks`: a value or
    /// local derivative the mistake puts in is taken as exact, so the tolerance a candidate is
    /// judged with follows from its own inputs, not from the step's as the person did it.
    pub(crate) fn spreads_under(
        &self,
        written: &Written,
        replay: &Replay,
        tweaks: &[Tweak],
    ) -> Spreads {
        let fixed = Fixed::of(tweaks);
        let g = &self.net.graph;
        let n = g.len();
        let operand_indices: Vec<Vec<u32>> = g
            .nodes()
            .map(|id| g.operands(id).iter().map(|o| o.index() as u32).collect())
            .collect();
        let mut value = vec![0.0; n]; // spread of the value as carried
        let mut computed = vec![0.0; n]; // spread of the step's result from its inputs
        for id in g.nodes() {
            let node = g.node(id);
            let indices = &operand_indices[id.index()];
            if !node.op.is_leaf() {
                let args = Gather {
                    values: &replay.values,
                    indices,
                };
                // At the step's own result (f(z) from the person's z), not at the number they
                // wrote for it: the spread is that of the step.
                let out = replay.computed_values[id.index()];
                computed[id.index()] =
                    step_spread(node.op, &args, out, |i| value[indices[i] as usize]);
            } else if let Some(start) = &self.start {
                // A later step's parameter: the spread of the person's own update.
                computed[id.index()] = start.half_of(id);
            }
            // A literal constant (the ½ of the loss, an exponent) is exact by definition.
            let i = id.index();
            value[i] = if node.op == Op::Const || fixed.values.contains(&i) {
                0.0
            } else {
                written
                    .half_unit(Quantity::Value(id))
                    .map_or(computed[i], |half| {
                        used(
                            half,
                            replay.values[i],
                            replay.computed_values[i],
                            computed[i],
                        )
                    })
                    + ROUNDING * replay.values[i].abs()
            };
        }
        // Reverse: grad(o) = Σ_c ∂c/∂o · grad(c); both factors carry spread.
        let mut grad_value = vec![0.0; n];
        let mut grad_computed = vec![0.0; n];
        let mut derivative = vec![0.0; n];
        for id in g.nodes().rev() {
            let i = id.index();
            grad_value[i] =
                written
                    .half_unit(Quantity::Grad(id))
                    .map_or(grad_computed[i], |half| {
                        used(
                            half,
                            replay.grads[i],
                            replay.computed_grads[i],
                            grad_computed[i],
                        )
                    })
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
            let moves: Vec<f64> = indices.iter().map(|&m| value[m as usize]).collect();
            // Only an op whose partials are measured needs its operands' values.
            let measured = !matches!(node.op, Op::WeightedSum | Op::Sum | Op::Mean);
            let few: Vec<f64> = if measured && indices.len() <= MEASURED_MAX_OPERANDS {
                indices.iter().map(|&m| replay.values[m as usize]).collect()
            } else {
                Vec::new()
            };
            let derivative_spread = partial_spread(node.op, &few, out, &moves, value[i], 0);
            derivative[i] = derivative_spread;
            ops::for_each_partial(node.op, &args, out, |k, p| {
                let (p, sp) = match fixed.partials.get(&(i, k)) {
                    Some(&v) => (v, 0.0),
                    None if k == 0 => self.first_partial(written, replay, id, p, derivative_spread),
                    None => (p, partial_spread(node.op, &few, out, &moves, value[i], k)),
                };
                grad_computed[indices[k] as usize] += p.abs() * grad_value[i] + g_c.abs() * sp;
            });
        }
        let mut decay = vec![0.0; n];
        for p in self.net.parameters() {
            decay[p.index()] = self.net.decay_of(p);
        }
        Spreads {
            value,
            computed,
            grad_value,
            grad_computed,
            derivative,
            learning_rate: self.rate,
            decay,
            param_value: replay.values.clone(),
            param_grad: replay.grads.clone(),
        }
    }

    /// Node `id`'s first local derivative as the reverse pass uses it, and its spread: the
    /// person's `f′(z)` where written (known to its written precision, at most its gap from
    /// the step's own), otherwise `computed` with `computed_spread`.
    pub(crate) fn first_partial(
        &self,
        written: &Written,
        replay: &Replay,
        id: NodeId,
        computed: f64,
        computed_spread: f64,
    ) -> (f64, f64) {
        match written.derivative(id) {
            Some(d) => (
                d,
                written
                    .half_unit(Quantity::Derivative(id))
                    .map_or(0.0, |half| {
                        used(
                            half,
                            d,
                            replay.computed_derivatives[id.index()],
                            computed_spread,
                        )
                    }),
            ),
            None => (computed, computed_spread),
        }
    }
}
