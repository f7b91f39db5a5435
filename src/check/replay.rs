//! Replaying the calculation with the person's own numbers carried forward.
//!
//! The same compiled tape as the exact passes runs with an [`Observer`] that substitutes each
//! hand-written number as soon as the pass reaches it, and records what the step would have
//! given before the substitution: that is the value the step *should* have had, given the
//! person's own inputs.

use crate::autodiff::{Observer, Plain};
use crate::check::Checker;
use crate::check::convention::Convention;
use crate::graph::NodeId;
use crate::hand::HandValue;
use crate::net::{Network, Quantity, sgd_update};

/// A deliberate change to the person's calculation, replayed to test a suspected mistake.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tweak {
    /// Use this value for a node (e.g. a weight read wrongly).
    Value(NodeId, f64),
    /// Use this local derivative `∂node/∂operand` in the reverse pass (e.g. f(z) for f′(z)).
    Partial(NodeId, usize, f64),
}

/// The person's numbers, by the node they override in the passes (dense: one slot per node).
#[derive(Clone, Debug, Default)]
pub struct Written {
    pub(crate) values: Vec<Option<f64>>,
    pub(crate) derivatives: Vec<Option<f64>>,
    pub(crate) grads: Vec<Option<f64>>,
    /// Half a unit of the last written digit, per overridden quantity (0 for a given value
    /// written exactly as the spec gives it).
    pub(crate) half_values: Vec<Option<f64>>,
    pub(crate) half_derivatives: Vec<Option<f64>>,
    pub(crate) half_grads: Vec<Option<f64>>,
    /// In a batch, each example's own gradients of the shared parameters (`dL[2]/dw(4,6)`),
    /// one dense array per example. An example's own δ is in `grads` (its `z` nodes are its
    /// own).
    pub(crate) example_grads: Vec<Vec<Option<f64>>>,
    pub(crate) half_example_grads: Vec<Vec<Option<f64>>>,
}

impl Written {
    fn new(n: usize, examples: usize) -> Written {
        Written {
            values: vec![None; n],
            derivatives: vec![None; n],
            grads: vec![None; n],
            half_values: vec![None; n],
            half_derivatives: vec![None; n],
            half_grads: vec![None; n],
            example_grads: vec![vec![None; n]; examples],
            half_example_grads: vec![vec![None; n]; examples],
        }
    }

    /// Replace the person's number for `q` (stored form: already in the standard convention).
    pub(crate) fn set(&mut self, q: Quantity, value: f64) {
        match q {
            Quantity::Value(n) => self.values[n.index()] = Some(value),
            Quantity::Derivative(f) => self.derivatives[f.index()] = Some(value),
            Quantity::Grad(n) => self.grads[n.index()] = Some(value),
            Quantity::ExampleGrad { example, node } => {
                self.example_grads[example][node.index()] = Some(value)
            }
            Quantity::Updated(_) => {}
        }
    }

    /// Forget the person's number for `q`: the replay computes it from their other numbers.
    pub(crate) fn clear(&mut self, q: Quantity) {
        match q {
            Quantity::Value(n) => self.values[n.index()] = None,
            Quantity::Derivative(f) => self.derivatives[f.index()] = None,
            Quantity::Grad(n) => self.grads[n.index()] = None,
            Quantity::ExampleGrad { example, node } => {
                self.example_grads[example][node.index()] = None
            }
            Quantity::Updated(_) => {}
        }
    }

    /// The person's `f′(z)` for activation node `f`, if written.
    pub fn derivative(&self, f: NodeId) -> Option<f64> {
        self.derivatives[f.index()]
    }

    /// Half a unit of the person's number for `q` (where it enters the passes), if written.
    pub(crate) fn half_unit(&self, q: Quantity) -> Option<f64> {
        match q {
            Quantity::Value(n) => self.half_values[n.index()],
            Quantity::Derivative(f) => self.half_derivatives[f.index()],
            Quantity::Grad(n) => self.half_grads[n.index()],
            Quantity::ExampleGrad { example, node } => {
                self.half_example_grads[example][node.index()]
            }
            Quantity::Updated(_) => None,
        }
    }
}

/// The pass observer that carries the person's numbers forward and records what each step
/// would have given before their number replaced it.
struct CarryForward<'a> {
    written: &'a Written,
    tweaks: &'a [Tweak],
    /// In a batch, the example whose own reverse pass (from `L[e]`) this is: its own nodes
    /// take the person's gradients from `written.grads`, the shared parameters from
    /// `written.example_grads[e]`. `None`: one example's network, all from `written.grads`.
    example: Option<(usize, &'a Network)>,
    computed_values: Vec<f64>,
    computed_grads: Vec<f64>,
    computed_derivatives: Vec<f64>,
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
        self.written.values[node.index()].unwrap_or(computed)
    }

    fn partial(&mut self, node: NodeId, operand: usize, computed: f64) -> f64 {
        if operand == 0 {
            self.computed_derivatives[node.index()] = computed;
        }
        for t in self.tweaks {
            if let Tweak::Partial(n, i, v) = *t {
                if n == node && i == operand {
                    return v;
                }
            }
        }
        match self.written.derivatives[node.index()] {
            Some(d) if operand == 0 => d,
            _ => computed,
        }
    }

    fn grad(&mut self, node: NodeId, computed: f64) -> f64 {
        self.computed_grads[node.index()] = computed;
        let i = node.index();
        let written = match self.example {
            None => self.written.grads[i],
            Some((e, net)) => match net.example_of(node) {
                Some(owner) if owner == e => self.written.grads[i],
                Some(_) => None,
                None => self.written.example_grads[e][i],
            },
        };
        written.unwrap_or(computed)
    }
}

/// One replay of the calculation with the person's numbers carried forward.
#[derive(Clone, Debug)]
pub struct Replay {
    /// Values as carried (the person's where written).
    pub values: Vec<f64>,
    /// Gradients as carried.
    pub grads: Vec<f64>,
    /// Each value as its step computed it, before the person's number replaced it.
    pub(crate) computed_values: Vec<f64>,
    pub(crate) computed_grads: Vec<f64>,
    /// `f′(z)` as the step computes it, per activation node (NaN elsewhere).
    pub(crate) computed_derivatives: Vec<f64>,
    /// In a batch, each example's own gradients as carried (its reverse pass from `L[e]`,
    /// with the person's numbers), and as each step computed them. `grads` holds the
    /// example's own for its own nodes (its δ) and the batch's for the shared parameters.
    pub(crate) example_grads: Vec<Vec<f64>>,
    computed_example_grads: Vec<Vec<f64>>,
}

impl Checker {
    /// Group the hand values by the node they override, in the standard convention
    /// (`convention` says how the person's numbers relate to it).
    pub(crate) fn written(&self, hand: &[HandValue], convention: Convention) -> Written {
        let examples = if self.net.is_batch() {
            self.net.examples.len()
        } else {
            0
        };
        let mut w = Written::new(self.net.graph.len(), examples);
        for h in hand {
            let Some(entry) = self.net.entry(&h.name) else {
                continue;
            };
            let q = convention.node_of(&self.net, entry.quantity);
            let scale = convention.scale(&self.net, entry.quantity);
            let given = self.is_given(q);
            // A given number written as the spec gives it is exact: `3` for w(2,5) = 3 is 3.
            let half = if given && h.value == self.net.read(q) {
                0.0
            } else {
                h.unit / 2.0 / scale.abs()
            };
            let v = h.value / scale;
            match q {
                Quantity::Value(n) => {
                    w.values[n.index()] = Some(v);
                    w.half_values[n.index()] = Some(half);
                }
                Quantity::Derivative(f) => {
                    w.derivatives[f.index()] = Some(v);
                    w.half_derivatives[f.index()] = Some(half);
                }
                Quantity::Grad(n) => {
                    w.grads[n.index()] = Some(v);
                    w.half_grads[n.index()] = Some(half);
                }
                Quantity::ExampleGrad { example, node } => {
                    w.example_grads[example][node.index()] = Some(v);
                    w.half_example_grads[example][node.index()] = Some(half);
                }
                Quantity::Updated(_) => {}
            }
        }
        // From step 2 on, a parameter the person did not copy out starts at their own update,
        // known to the precision it came with.
        if let Some(start) = &self.start {
            for p in self.net.parameters() {
                if w.values[p.index()].is_none() {
                    w.half_values[p.index()] = Some(start.half_of(p));
                }
            }
        }
        w
    }

    /// The leaf values every replay starts from: the spec's (step 1) or the person's own
    /// updated parameters (a later step).
    pub(crate) fn start_values(&self) -> &[f64] {
        match &self.start {
            Some(start) => &start.values,
            None => self.net.graph.values(),
        }
    }

    /// Run the forward and reverse passes with the person's numbers (and `tweaks`) carried.
    pub(crate) fn replay(&self, written: &Written, tweaks: &[Tweak]) -> Replay {
        self.replay_from(self.start_values().to_vec(), written, tweaks)
    }

    /// [`replay`](Self::replay) with the leaves starting at `values` (every computed value is
    /// recomputed).
    pub(crate) fn replay_from(
        &self,
        mut values: Vec<f64>,
        written: &Written,
        tweaks: &[Tweak],
    ) -> Replay {
        let n = values.len();
        let mut grads = vec![0.0; n];
        let mut observer = CarryForward {
            written,
            tweaks,
            example: None,
            computed_values: vec![0.0; n],
            computed_grads: vec![0.0; n],
            computed_derivatives: vec![f64::NAN; n],
        };
        self.tape.forward(&mut values, &mut observer);
        if self.net.is_batch() {
            return self.replay_batch(values, observer);
        }
        self.tape
            .backward(&values, &mut grads, self.net.loss, &mut observer);
        Replay {
            values,
            grads,
            computed_values: observer.computed_values,
            computed_grads: observer.computed_grads,
            computed_derivatives: observer.computed_derivatives,
            example_grads: Vec::new(),
            computed_example_grads: Vec::new(),
        }
    }

    /// The reverse passes of a batch with the person's numbers: one from each example's loss
    /// `L[e]` (its own δ and gradients, as the person works them), then each shared
    /// parameter's batch gradient from the examples' carried gradients by the chain rule at
    /// `L`, `Σ_e ∂L/∂L[e] · ∂L[e]/∂p`, with `∂L/∂L[e]` from the plain reverse pass from `L`
    /// (the batch rule's partial in `ops`: 1/N for the mean). So a slip in one example's
    /// gradient carries into the average.
    fn replay_batch<'a>(&'a self, values: Vec<f64>, mut observer: CarryForward<'a>) -> Replay {
        let net = &self.net;
        let n = values.len();
        let mut seeds = vec![0.0; n];
        self.tape
            .backward(&values, &mut seeds, net.loss, &mut Plain);
        let mut grads = vec![0.0; n];
        let mut computed_grads = vec![0.0; n];
        let mut example_grads = Vec::with_capacity(net.examples.len());
        let mut computed_example_grads = Vec::with_capacity(net.examples.len());
        for (e, ex) in net.examples.iter().enumerate() {
            observer.example = Some((e, net));
            observer.computed_grads = vec![0.0; n];
            let mut own = vec![0.0; n];
            self.tape
                .backward(&values, &mut own, ex.loss, &mut observer);
            for node in net.graph.nodes() {
                if net.example_of(node) == Some(e) {
                    grads[node.index()] = own[node.index()];
                    computed_grads[node.index()] = observer.computed_grads[node.index()];
                }
            }
            example_grads.push(own);
            computed_example_grads.push(std::mem::take(&mut observer.computed_grads));
        }
        for p in net.parameters() {
            let i = p.index();
            let computed: f64 = net
                .examples
                .iter()
                .zip(&example_grads)
                .map(|(ex, own)| seeds[ex.loss.index()] * own[i])
                .sum();
            computed_grads[i] = computed;
            grads[i] = observer.written.grads[i].unwrap_or(computed);
        }
        Replay {
            values,
            grads,
            computed_values: observer.computed_values,
            computed_grads,
            computed_derivatives: observer.computed_derivatives,
            example_grads,
            computed_example_grads,
        }
    }

    /// What quantity `q` (standard convention) comes to from the person's own values in
    /// `replay`; an update takes the gradient times `update_factor`.
    pub(crate) fn expected_with(&self, q: Quantity, replay: &Replay, update_factor: f64) -> f64 {
        match q {
            Quantity::Value(n) => replay.computed_values[n.index()],
            Quantity::Derivative(f) => replay.computed_derivatives[f.index()],
            Quantity::Grad(n) => replay.computed_grads[n.index()],
            Quantity::Updated(p) => sgd_update(
                replay.values[p.index()],
                update_factor * replay.grads[p.index()],
                self.rate,
                self.net.decay_of(p),
            ),
            Quantity::ExampleGrad { example, node } => replay
                .computed_example_grads
                .get(example)
                .map_or(f64::NAN, |g| g[node.index()]),
        }
    }

    /// [`expected_with`](Self::expected_with) in the standard convention.
    pub(crate) fn expected(&self, q: Quantity, replay: &Replay) -> f64 {
        self.expected_with(q, replay, 1.0)
    }
}
