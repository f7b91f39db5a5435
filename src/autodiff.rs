//! Forward and reverse passes over a flat, topologically sorted tape.
//!
//! A [`Tape`] is compiled once from a graph's structure: the nodes in topological order, each
//! with its op and the indices of its operands in one contiguous array. Evaluating it is a
//! straight loop over those arrays — no pointer chasing, no allocation — so a graph built once
//! can be re-evaluated sample after sample.
//!
//! The reverse pass is the textbook scatter form: walking the tape backwards, each node's
//! gradient is final when the node is reached, and is pushed to its operands multiplied by the
//! op's local derivative ([`ops::for_each_partial`]). A value that feeds several nodes receives
//! the sum of their contributions.
//!
//! Both passes take an [`Observer`] that sees, and may replace, every value, local derivative
//! and gradient as it is produced. The plain passes use [`Plain`], which compiles away; the
//! hand-calculation checker uses it to substitute a person's own numbers step by step, so it
//! judges their work with this one engine rather than a second implementation of backprop.
//!
//! Training needs only the parameters' gradients: a [`Restricted`] reverse pass
//! ([`Tape::restricted`], `autodiff/restricted.rs`) skips the adjoints nobody reads. The plain
//! reverse pass is that pass with every node wanted, so the reverse dispatch over the plan's
//! steps is written once.

mod kernels;
mod restricted;

use std::ops::ControlFlow;
use std::sync::OnceLock;

use crate::node::NodeId;
use crate::ops::{self, DenseRuns, Op, Operands, TermsRuns};
pub use restricted::Restricted;

/// Sees every value, local derivative and gradient the passes compute, and may replace it.
pub trait Observer {
    /// `true` for an observer that neither looks at nor changes anything (such as [`Plain`]):
    /// the passes may then skip the leaves, whose value and gradient a pass only hands to the
    /// observer. Training evaluates the same graph hundreds of thousands of times, and most of
    /// a network's nodes are leaves (weights, biases, inputs).
    const PASSIVE: bool = false;

    /// Node `node`'s value was computed (or, for a leaf, read) as `computed`; return the value
    /// to store and carry forward.
    #[inline]
    fn value(&mut self, node: NodeId, computed: f64) -> f64 {
        let _ = node;
        computed
    }
    /// `∂node/∂operand` was computed as `computed`; return the factor to use.
    #[inline]
    fn partial(&mut self, node: NodeId, operand: usize, computed: f64) -> f64 {
        let _ = (node, operand);
        computed
    }
    /// `node`'s gradient is complete (every consumer has contributed); return the gradient to
    /// store and push to its operands.
    #[inline]
    fn grad(&mut self, node: NodeId, computed: f64) -> f64 {
        let _ = node;
        computed
    }
}

/// The observer that changes nothing.
pub struct Plain;
impl Observer for Plain {
    const PASSIVE: bool = true;
}

/// Operands read through the tape's index list, without a bounds check on the value array.
///
/// Only the passes construct it, after checking that the value array has one entry per node of
/// the tape; [`Tape::compile`] checks that every operand index is a node before its consumer.
/// The index list itself is read with bounds checks (the op's arity, checked when the node was
/// added, keeps those in range, and the compiler removes most of them).
struct TapeOperands<'a> {
    values: &'a [f64],
    indices: &'a [u32],
}

impl Operands for TapeOperands<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.indices.len()
    }
    #[inline]
    fn get(&self, i: usize) -> f64 {
        let n = self.indices[i] as usize;
        debug_assert!(n < self.values.len());
        // SAFETY: every operand index is < the tape's node count (checked in `compile`), and
        // the passes check that `values.len()` is that count before building a `TapeOperands`.
        unsafe { *self.values.get_unchecked(n) }
    }
}

/// A graph compiled for evaluation. See the [module docs](self).
///
/// Node `k` of the tape is node `k` of the graph: insertion order is topological (an operand
/// must exist before its consumer), so no sort is needed and both passes walk the value array
/// front to back.
#[derive(Clone, Debug)]
pub struct Tape {
    /// `ops[k]` is the op of node `k` (leaves included).
    ops: Vec<Op>,
    /// The computed (non-leaf) nodes in order, each with everything a pass needs in one record.
    computed: Vec<Computed>,
    /// Operand indices of all computed nodes, back to back.
    operands: Vec<u32>,
    /// What the plain passes run: the computed records grouped into whole dense layers and
    /// runs of one activation where the nodes are laid out that way (a network's are), each
    /// evaluated by the slice form of its op's rule with one dispatch per group.
    plan: Vec<Step>,
    /// The plain reverse pass: the [`Restricted`] pass with every node wanted (the plan's
    /// steps, last to first, each pushing into all its operands), made on first use.
    full_reverse: OnceLock<Restricted>,
    /// Which compilation this is (a clone is the same one): a [`Restricted`] pass runs only
    /// on the tape that made it, whose steps it lists.
    id: u64,
}

/// The number of the next compiled tape (see `Tape::id`).
static NEXT_TAPE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One step of the plain passes (see [`Tape::plan`](Tape)).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    /// Computed records `from..to`, one by one.
    Records { from: u32, to: u32 },
    /// The consecutive weighted sums of a dense layer ([`ops::dense_forward`]).
    Dense(DenseRuns),
    /// A dense layer whose sums are followed by a run of one-operand `op` over them (the
    /// layer's activations, nodes `out..out + m`): [`ops::layer_forward`].
    Layer { dense: DenseRuns, op: Op, out: u32 },
    /// `m` consecutive nodes applying the same one-operand `op`: node `out + k` is
    /// `op(node input + k)` ([`ops::unary_run_forward`]).
    Map {
        op: Op,
        input: u32,
        out: u32,
        m: u32,
    },
    /// `m` consecutive nodes applying the same two-operand `op`: node `out + k` is
    /// `op(node inputs[0] + k, node inputs[1] + k)` ([`ops::binary_run_forward`]).
    Zip {
        op: Op,
        inputs: [u32; 2],
        out: u32,
        m: u32,
    },
    /// Two runs of terms, their total and its scaled value, as a squared-error loss lays
    /// them out ([`ops::terms_forward`]).
    Terms(TermsRuns),
}

/// One computed node of the tape: its op, the node, and its operands' range in
/// [`Tape::operands`].
#[derive(Clone, Copy, Debug)]
struct Computed {
    op: Op,
    /// A weighted sum whose weights and values are contiguous runs of nodes (see
    /// [`ops::weighted_sum_backward_runs`]).
    runs: bool,
    node: u32,
    /// Where its operands start in [`Tape::operands`]; they end where the next record's start
    /// (12 bytes a record instead of 16: the passes stream these).
    start: u32,
}

/// A weighted sum's operands as runs: weights `w..w + n`, values `a..a + n`, bias `b`.
struct Runs {
    w: usize,
    a: usize,
    n: usize,
    b: usize,
}

impl Runs {
    /// Read from operands `[w0, a0, w1, a1, …, b]` that [`contiguous_runs`] accepted.
    #[inline]
    fn of(indices: &[u32]) -> Runs {
        let n = indices.len() / 2;
        Runs {
            w: indices[0] as usize,
            a: indices[1] as usize,
            n,
            b: indices[2 * n] as usize,
        }
    }
}

/// Whether weighted-sum operands `[w0, a0, w1, a1, …, b]` are two disjoint runs `w0 + k` and
/// `a0 + k`.
fn contiguous_runs(operands: &[u32]) -> bool {
    let n = operands.len() / 2;
    if n == 0 {
        return false;
    }
    let (w0, a0) = (operands[0], operands[1]);
    let disjoint = w0 + n as u32 <= a0 || a0 + n as u32 <= w0;
    disjoint
        && (0..n).all(|k| operands[2 * k] == w0 + k as u32 && operands[2 * k + 1] == a0 + k as u32)
}

impl Tape {
    /// Compile a graph's structure, given as node `k`'s op and operands (in order) for
    /// `k = 0, 1, …`; done once per graph shape.
    ///
    /// # Panics
    /// If an operand is not a node before its consumer (a graph adds nodes in topological
    /// order, so its structure always passes).
    pub fn compile<I>(structure: impl IntoIterator<Item = (Op, I)>) -> Tape
    where
        I: IntoIterator<Item = NodeId>,
    {
        let structure = structure.into_iter();
        let mut tape = Tape {
            ops: Vec::with_capacity(structure.size_hint().0),
            computed: Vec::new(),
            operands: Vec::new(),
            plan: Vec::new(),
            full_reverse: OnceLock::new(),
            id: NEXT_TAPE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        for (k, (op, operands)) in structure.enumerate() {
            let id = NodeId(k as u32);
            tape.ops.push(op);
            if op.is_leaf() {
                continue;
            }
            let start = tape.operands.len() as u32;
            for o in operands {
                // The passes rely on this to read operands without bounds checks.
                assert!(o < id, "operands precede their consumer");
                tape.operands.push(o.0);
            }
            let end = tape.operands.len();
            let runs =
                op == Op::WeightedSum && contiguous_runs(&tape.operands[start as usize..end]);
            tape.computed.push(Computed {
                op,
                runs,
                node: id.0,
                start,
            });
        }
        tape.computed.shrink_to_fit();
        tape.plan = tape.make_plan();
        tape
    }

    /// Group the computed records into [`Step`]s: a run of at least two consecutive weighted
    /// sums over the same values, with consecutive weight rows and biases, is a dense layer;
    /// a run of at least two consecutive nodes applying the same one-operand op to
    /// consecutive nodes before them is a map; everything else stays one record at a time.
    fn make_plan(&self) -> Vec<Step> {
        let mut plan = Vec::new();
        let mut singles_from = 0;
        let mut k = 0;
        while k < self.computed.len() {
            let (group, len) = self.group_at(k);
            if len < 2 {
                k += 1;
                continue;
            }
            if singles_from < k {
                plan.push(Step::Records {
                    from: singles_from as u32,
                    to: k as u32,
                });
            }
            plan.push(group);
            k += len;
            singles_from = k;
        }
        if singles_from < self.computed.len() {
            plan.push(Step::Records {
                from: singles_from as u32,
                to: self.computed.len() as u32,
            });
        }
        // A dense layer and the activations of its sums: one step.
        let mut fused: Vec<Step> = Vec::with_capacity(plan.len());
        for step in plan {
            match (fused.last(), step) {
                (Some(&Step::Dense(dense)), Step::Map { op, input, out, m })
                    if input == dense.out && m == dense.m =>
                {
                    // The passes run layers without checks (`ops::layer_forward_unchecked`):
                    // this is the check, once per tape. It holds by construction (the sums'
                    // runs were found in order, the activations follow their inputs).
                    assert!(
                        dense.fits_with_activations(out as usize, self.len()),
                        "a layer's runs lie in order on the tape"
                    );
                    *fused.last_mut().expect("matched") = Step::Layer { dense, op, out };
                }
                _ => fused.push(step),
            }
        }
        self.fuse_terms(fused)
    }

    /// Two consecutive runs of terms, followed by records totalling the second run (and
    /// scaling the total): one [`Step::Terms`] where [`TermsRuns`] allows it; records after
    /// them stay records.
    fn fuse_terms(&self, plan: Vec<Step>) -> Vec<Step> {
        let mut out: Vec<Step> = Vec::with_capacity(plan.len());
        let mut i = 0;
        while i < plan.len() {
            if let [first, second, Step::Records { from, to }, ..] = plan[i..] {
                if let Some((terms, used)) = self.terms_at(first, second, from, to) {
                    // The passes run groups without checks: this is the check, once per
                    // tape (it holds by construction: every node of the group is a node).
                    assert!(terms.fits(self.len()), "a terms group lies on the tape");
                    out.push(Step::Terms(terms));
                    if from + used < to {
                        out.push(Step::Records {
                            from: from + used,
                            to,
                        });
                    }
                    i += 3;
                    continue;
                }
            }
            out.push(plan[i]);
            i += 1;
        }
        out
    }

    /// The [`TermsRuns`] of runs `first` and `second` and records `from..to` after them, and
    /// how many of the records it covers; `None` unless they have that shape (see
    /// [`TermsRuns`] for the conditions that keep the numbers those of the separate steps).
    fn terms_at(&self, first: Step, second: Step, from: u32, to: u32) -> Option<(TermsRuns, u32)> {
        let Step::Zip {
            op: first_op,
            inputs: [a, b],
            out: first,
            m,
        } = first
        else {
            return None;
        };
        let Step::Zip {
            op: second_op,
            inputs: [x, c],
            out: second,
            m: m2,
        } = second
        else {
            return None;
        };
        let apart = |r: u32, s: u32| r + m <= s || s + m <= r;
        if x != first || m2 != m || !(apart(c, a) && apart(c, b) && apart(c, first)) {
            return None;
        }
        let total = self.computed[from as usize];
        let over_second = self
            .indices(from as usize)
            .iter()
            .copied()
            .eq(second..second + m);
        if !matches!(total.op, Op::Sum | Op::Mean) || total.runs || !over_second {
            return None;
        }
        let scaled = (from + 1 < to)
            .then(|| {
                (
                    self.computed[from as usize + 1],
                    self.indices(from as usize + 1),
                )
            })
            .filter(|(c, indices)| {
                c.op == Op::Mul && indices.len() == 2 && indices[1] == total.node
            })
            .map(|(c, indices)| (c.node, indices[0]));
        let terms = TermsRuns {
            first_op,
            a,
            b,
            first,
            second_op,
            c,
            second,
            m,
            total_op: total.op,
            total: total.node,
            scaled,
        };
        Some((terms, 1 + u32::from(scaled.is_some())))
    }

    /// The longest group starting at computed record `k`, and how many records it covers.
    fn group_at(&self, k: usize) -> (Step, usize) {
        let first = self.computed[k];
        let single = (Step::Records { from: 0, to: 0 }, 1);
        let follows = |len: usize| {
            self.computed
                .get(k + len)
                .filter(|c| c.op == first.op && c.node == first.node + len as u32)
        };
        if first.runs {
            let Runs { w, a, n, b } = Runs::of(self.indices(k));
            let mut m = 1;
            while follows(m).is_some_and(|c| c.runs) {
                let next = Runs::of(self.indices(k + m));
                if next.n != n || next.a != a || next.w != w + m * n || next.b != b + m {
                    break;
                }
                m += 1;
            }
            let dense = DenseRuns {
                out: first.node,
                m: m as u32,
                w: w as u32,
                a: a as u32,
                n: n as u32,
                b: b as u32,
            };
            if m < 2 || !dense.in_order() {
                return single;
            }
            return (Step::Dense(dense), m);
        }
        let arity = match first.op.arity() {
            ops::Arity::Exactly(n @ (1 | 2)) => n,
            _ => return single,
        };
        let inputs = self.indices(k);
        let mut m = 1;
        while follows(m).is_some()
            && (self.indices(k + m).iter().zip(inputs)).all(|(&o, &i)| o == i + m as u32)
        {
            m += 1;
        }
        // Every input run wholly before the outputs.
        while m > 1 && inputs.iter().any(|&i| i + m as u32 > first.node) {
            m -= 1;
        }
        let (out, count) = (first.node, m as u32);
        let step = if arity == 1 {
            Step::Map {
                op: first.op,
                input: inputs[0],
                out,
                m: count,
            }
        } else {
            Step::Zip {
                op: first.op,
                inputs: [inputs[0], inputs[1]],
                out,
                m: count,
            }
        };
        (step, m)
    }

    /// Number of nodes on the tape.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// How many computed nodes the plain passes evaluate in groups (whole dense layers, runs
    /// of one op) rather than one at a time.
    pub fn grouped_nodes(&self) -> usize {
        self.plan
            .iter()
            .map(|step| match *step {
                Step::Records { .. } => 0,
                Step::Dense(DenseRuns { m, .. }) | Step::Map { m, .. } | Step::Zip { m, .. } => {
                    m as usize
                }
                Step::Layer { dense, .. } => 2 * dense.m as usize,
                Step::Terms(t) => 2 * t.m as usize + 1 + usize::from(t.scaled.is_some()),
            })
            .sum()
    }

    /// Whether the tape is empty.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The operand indices of computed record `k`.
    #[inline(always)]
    fn indices(&self, k: usize) -> &[u32] {
        let end = self
            .computed
            .get(k + 1)
            .map_or(self.operands.len(), |next| next.start as usize);
        &self.operands[self.computed[k].start as usize..end]
    }

    /// The value of computed record `c`, whose operands are `indices`, from the current values.
    #[inline(always)]
    fn eval(c: &Computed, indices: &[u32], values: &[f64]) -> f64 {
        if c.runs {
            let Runs { w, a, n, b } = Runs::of(indices);
            ops::weighted_sum_runs(values, w, a, n, b)
        } else {
            ops::forward(c.op, &TapeOperands { values, indices })
        }
    }

    /// Plain forward pass up to node `last`: every computed node before it, and at most the
    /// rest of the group that computes it. A prediction needs the outputs, not the loss.
    ///
    /// # Panics
    /// Unless `values` has one entry per node.
    pub fn forward_to(&self, values: &mut [f64], last: NodeId) {
        assert_eq!(values.len(), self.len(), "one value per node");
        self.forward_plain(values, last.0);
    }

    /// [`forward_to`](Self::forward_to) on several value arrays at once: `rows` holds whole
    /// value arrays one after another, each with its own inputs (and its own copy of the
    /// parameters), and each ends as `forward_to` would leave it. Every plan step is taken
    /// once for all the arrays, and a dense layer's op and width are dispatched once
    /// (`ops::layer_forward_rows_unchecked`), so what a validation pass spends per example is
    /// its arithmetic rather than the set-up of each step.
    ///
    /// # Panics
    /// Unless `rows` is a whole number of value arrays of one entry per node.
    #[inline]
    pub fn forward_rows_to(&self, rows: &mut [f64], last: NodeId) {
        let len = self.len();
        assert!(
            len > 0 && rows.len() % len == 0,
            "whole value arrays, one entry per node each"
        );
        self.forward_rows(rows, last)
    }

    crate::cpu::compiled_twice! {
        /// [`forward_rows_to`](Self::forward_rows_to) once `rows` is checked; compiled twice
        /// ([`crate::cpu`]).
        fn forward_rows / forward_rows_avx2 / forward_rows_baseline
            (&self, rows: &mut [f64], last: NodeId) => forward_rows_here
    }

    /// [`forward_rows_to`](Self::forward_rows_to) once `rows` is checked, compiled for what
    /// its caller is compiled for.
    #[inline(always)]
    fn forward_rows_here(&self, rows: &mut [f64], last: NodeId) {
        let len = self.len();
        for step in &self.plan {
            if let &Step::Layer { dense, op, out } = step {
                if dense.out > last.0 {
                    return;
                }
                // SAFETY: the plan's layers fit a tape of this length (checked in
                // `make_plan`), and `rows` is a whole number of arrays of that length.
                unsafe { ops::layer_forward_rows_unchecked(op, rows, len, &dense, out as usize) }
                continue;
            }
            if self.starts_after(step, last.0) {
                return;
            }
            let mut stop = ControlFlow::Continue(());
            for values in rows.chunks_exact_mut(len) {
                stop = self.forward_step(step, values, last.0);
            }
            if stop.is_break() {
                return;
            }
        }
    }

    /// Whether the first node `step` computes comes after `last` (so a pass up to `last`
    /// stops before it).
    fn starts_after(&self, step: &Step, last: u32) -> bool {
        match *step {
            Step::Records { from, .. } => self
                .computed
                .get(from as usize)
                .is_some_and(|c| c.node > last),
            Step::Dense(DenseRuns { out, .. })
            | Step::Layer {
                dense: DenseRuns { out, .. },
                ..
            }
            | Step::Map { out, .. }
            | Step::Zip { out, .. }
            | Step::Terms(TermsRuns { first: out, .. }) => out > last,
        }
    }

    /// The plain forward pass over the plan, stopping after the step that computes `last`.
    /// Layers and loss groups run in their own small kernels (`kernels`), every other step in
    /// [`forward_step_out_of_line`](Self::forward_step_out_of_line): the loop keeps nothing
    /// live across them but itself (the kernels' module says why).
    fn forward_plain(&self, values: &mut [f64], last: u32) {
        let wide = crate::cpu::avx2_fma();
        for step in &self.plan {
            // The groups by reference into the plan: a copy made here would be passed to the
            // kernel through the stack, two or three stores per step.
            let flow = match step {
                Step::Layer { dense, op, out } if dense.out <= last => {
                    // SAFETY: the plan's layers fit a tape of this length (checked in
                    // `make_plan`), and the passes check that `values` has one entry per
                    // node; `wide` as `avx2_fma` answered.
                    unsafe { kernels::layer_forward(wide, *op, values, dense, *out as usize) };
                    ControlFlow::Continue(())
                }
                Step::Terms(terms) if terms.first <= last => {
                    // SAFETY: as for the layers.
                    unsafe { kernels::terms_forward(wide, values, terms) };
                    ControlFlow::Continue(())
                }
                _ => self.forward_step_out_of_line(step, values, last),
            };
            if flow.is_break() {
                return;
            }
        }
    }

    crate::cpu::compiled_twice! {
        /// [`forward_step`](Self::forward_step) out of line, for the steps the plain forward
        /// pass has no kernel for; compiled twice ([`crate::cpu`]).
        fn forward_step_out_of_line / forward_step_avx2 / forward_step_baseline
            (&self, step: &Step, values: &mut [f64], last: u32) -> ControlFlow<()>
            => forward_step
    }

    /// One step of the plain forward pass; `Break` once the pass has computed `last` (or
    /// reached a step past it), and should stop. Whether it stops depends on the plan alone,
    /// not on the values.
    #[inline(always)]
    fn forward_step(&self, step: &Step, values: &mut [f64], last: u32) -> ControlFlow<()> {
        match *step {
            Step::Records { from, to } => {
                for k in from as usize..to as usize {
                    let c = &self.computed[k];
                    if c.node > last {
                        return ControlFlow::Break(());
                    }
                    values[c.node as usize] = Self::eval(c, self.indices(k), values);
                }
                return ControlFlow::Continue(());
            }
            Step::Dense(DenseRuns { out, .. })
            | Step::Layer {
                dense: DenseRuns { out, .. },
                ..
            }
            | Step::Map { out, .. }
            | Step::Zip { out, .. }
            | Step::Terms(TermsRuns { first: out, .. }) => {
                // What `starts_after` asks, asked in this match: a second match on the step
                // cost 7 instructions per step (22 per Iris sample-step).
                if out > last {
                    return ControlFlow::Break(());
                }
            }
        }
        match step {
            Step::Records { .. } => {}
            Step::Dense(dense) => ops::dense_forward(values, dense),
            &Step::Layer { dense, op, out } => {
                // SAFETY: the plan's layers fit a tape of this length (checked in
                // `make_plan`), and the passes check that `values` has one entry per node.
                unsafe { ops::layer_forward_unchecked(op, values, &dense, out as usize) }
            }
            &Step::Map { op, input, out, m } => {
                ops::unary_run_forward(op, values, input as usize, out as usize, m as usize)
            }
            &Step::Zip { op, inputs, out, m } => ops::binary_run_forward(
                op,
                values,
                inputs.map(|i| i as usize),
                out as usize,
                m as usize,
            ),
            // SAFETY: the plan's groups fit a tape of this length (checked in
            // `make_plan`), and the passes check that `values` has one entry per node.
            Step::Terms(terms) => unsafe { ops::terms_forward_unchecked(values, terms) },
        }
        ControlFlow::Continue(())
    }

    /// Forward pass: every computed node from its operands, in topological order.
    #[inline]
    pub fn forward<O: Observer>(&self, values: &mut [f64], observer: &mut O) {
        assert_eq!(values.len(), self.len(), "one value per node");
        if O::PASSIVE {
            // Only the computed nodes, a group at a time: a passive observer would hand every
            // value back as is.
            self.forward_plain(values, u32::MAX);
            return;
        }
        let mut k = 0;
        for (n, op) in self.ops.iter().enumerate() {
            let computed = if op.is_leaf() {
                values[n]
            } else {
                k += 1;
                Self::eval(&self.computed[k - 1], self.indices(k - 1), values)
            };
            values[n] = observer.value(NodeId(n as u32), computed);
        }
    }

    /// Reverse pass from `root`: on return `grads[n] = ∂root/∂n` for every node. Each node's
    /// gradient is complete when the walk reaches it, and is pushed to its operands times the
    /// op's local derivative; contributions add up.
    pub fn backward<O: Observer>(
        &self,
        values: &[f64],
        grads: &mut [f64],
        root: NodeId,
        observer: &mut O,
    ) {
        if O::PASSIVE {
            // Only the computed nodes, a group at a time: a leaf pushes nothing on, and a
            // passive observer would hand its gradient back as is. That is the restricted
            // pass with every node wanted, so there is one reverse dispatch to keep.
            let full = self
                .full_reverse
                .get_or_init(|| self.restricted((0..self.len()).map(|n| NodeId(n as u32))));
            self.backward_restricted(full, values, grads, root);
            return;
        }
        assert_eq!(values.len(), self.len(), "one value per node");
        assert_eq!(grads.len(), self.len(), "one gradient per node");
        grads.fill(0.0);
        grads[root.index()] = 1.0;
        // Observed: every node, leaves included, so the observer sees every gradient and
        // every local derivative (the checker replaces some with a person's numbers).
        let mut k = self.computed.len();
        for (n, op) in self.ops.iter().enumerate().rev() {
            let id = NodeId(n as u32);
            let g = observer.grad(id, grads[n]);
            grads[n] = g;
            if op.is_leaf() {
                continue;
            }
            k -= 1;
            let indices = self.indices(k);
            let operands = TapeOperands { values, indices };
            ops::for_each_partial(*op, &operands, values[n], |i, p| {
                grads[indices[i] as usize] += observer.partial(id, i, p) * g;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(k: u32) -> NodeId {
        NodeId(k)
    }

    #[test]
    fn a_value_used_twice_gets_both_contributions() {
        // f = x·x + x  ⇒  df/dx = 2x + 1
        let tape = Tape::compile([
            (Op::Input, vec![]),
            (Op::Mul, vec![n(0), n(0)]),
            (Op::Add, vec![n(1), n(0)]),
        ]);
        let mut values = [3.0, 0.0, 0.0];
        let mut grads = [0.0; 3];
        tape.forward(&mut values, &mut Plain);
        tape.backward(&values, &mut grads, n(2), &mut Plain);
        assert_eq!(values[2], 12.0);
        assert_eq!(grads[0], 7.0);
    }

    /// Terms `(y_k − f_k)·c_k`, `k < 2`, over a run `c` at `c0`, their sum and ½·sum; the
    /// values and gradients of the grouped passes, and of the node-by-node ones.
    fn terms_passes(c0: u32) -> (Tape, [Vec<f64>; 2], [Vec<f64>; 2]) {
        let leaf = (Op::Input, vec![]);
        // 0, 1: y; 2, 3: f; 4, 5: y − f; 6, 7: leaves; 8, 9: terms; 10: sum; 11: ½; 12: L.
        let tape = Tape::compile([
            leaf.clone(),
            leaf.clone(),
            leaf.clone(),
            leaf.clone(),
            (Op::Sub, vec![n(0), n(2)]),
            (Op::Sub, vec![n(1), n(3)]),
            leaf.clone(),
            leaf.clone(),
            (Op::Mul, vec![n(4), n(c0)]),
            (Op::Mul, vec![n(5), n(c0 + 1)]),
            (Op::Sum, vec![n(8), n(9)]),
            leaf,
            (Op::Mul, vec![n(11), n(10)]),
        ]);
        struct Watch;
        impl Observer for Watch {}
        let start = [
            0.25, 1.0, 0.75, -0.5, 0.0, 0.0, 3.0, -2.0, 0.0, 0.0, 0.0, 0.5, 0.0,
        ];
        let (mut grouped, mut single) = (start.to_vec(), start.to_vec());
        let (mut grouped_grads, mut single_grads) = (vec![0.0; 13], vec![0.0; 13]);
        tape.forward(&mut grouped, &mut Plain);
        tape.backward(&grouped, &mut grouped_grads, n(12), &mut Plain);
        tape.forward(&mut single, &mut Watch);
        tape.backward(&single, &mut single_grads, n(12), &mut Watch);
        (tape, [grouped, single], [grouped_grads, single_grads])
    }

    #[test]
    fn terms_and_their_total_are_one_step_with_the_node_by_node_numbers() {
        let (tape, [values, single], [grads, single_grads]) = terms_passes(6);
        assert_eq!(tape.grouped_nodes(), 6, "every computed node in one group");
        assert_eq!(values, single);
        assert_eq!(grads, single_grads);
        // By hand: terms (0.25 − 0.75)·3 = −1.5 and (1 − (−0.5))·(−2) = −3, L = ½·(−4.5).
        assert_eq!(values[12], -2.25);
        // ∂L/∂f_0 = −½·c_0 = −1.5, ∂L/∂c_1 = ½·(y_1 − f_1) = 0.75.
        assert_eq!((grads[2], grads[7]), (-1.5, 0.75));
    }

    #[test]
    fn terms_that_read_the_first_run_shifted_are_not_grouped() {
        // The second term reads node 5, the first run's second node: a per-term loop would
        // read it before computing it, so the tape keeps the runs apart.
        let (tape, [values, single], [grads, single_grads]) = terms_passes(5);
        assert!(tape.grouped_nodes() < 6);
        assert_eq!(values, single);
        assert_eq!(grads, single_grads);
        // Terms (−0.5)·1.5 and 1.5·3 (leaf 6), L = ½·3.75.
        assert_eq!(values[12], 1.875);
    }

    #[test]
    fn re_evaluation_reuses_the_tape() {
        let tape = Tape::compile([(Op::Input, vec![]), (Op::Sigmoid, vec![n(0)])]);
        let mut grads = [0.0; 2];
        for v in [-2.0, 0.0, 5.0] {
            let mut values = [v, 0.0];
            tape.forward(&mut values, &mut Plain);
            tape.backward(&values, &mut grads, n(1), &mut Plain);
            let sv = 1.0 / (1.0 + (-v).exp());
            assert!((values[1] - sv).abs() < 1e-15);
            assert!((grads[0] - sv * (1.0 - sv)).abs() < 1e-15);
        }
    }

    #[test]
    fn forward_to_stops_after_the_node_asked_for() {
        // x → σ(x) → −σ(x): up to σ, the negation keeps its old value.
        let tape = Tape::compile([
            (Op::Input, vec![]),
            (Op::Sigmoid, vec![n(0)]),
            (Op::Neg, vec![n(1)]),
        ]);
        let mut values = [0.0, 7.0, 7.0];
        tape.forward_to(&mut values, n(1));
        assert_eq!(values, [0.0, 0.5, 7.0]);
        tape.forward(&mut values, &mut Plain);
        assert_eq!(values, [0.0, 0.5, -0.5]);
    }

    /// A sigmoid layer of `m` neurons over `width` inputs whose sums are also read by a
    /// cross-entropy-with-logits node each (so a sum's gradient has two sources), totalled:
    /// inputs, weights, biases, targets, sums, sigmoids, losses, total. Its tape, start values
    /// and root.
    fn logit_layer(m: u32, width: u32) -> (Tape, Vec<f64>, u32) {
        let leaf = || (Op::Input, vec![]);
        let mut nodes: Vec<(Op, Vec<NodeId>)> = Vec::new();
        let leaves = |nodes: &mut Vec<(Op, Vec<NodeId>)>, count: u32| {
            let first = nodes.len() as u32;
            nodes.extend((0..count).map(|_| leaf()));
            first
        };
        let a = leaves(&mut nodes, width);
        let w = leaves(&mut nodes, m * width);
        let b = leaves(&mut nodes, m);
        let y = leaves(&mut nodes, m);
        let z = nodes.len() as u32;
        for j in 0..m {
            let mut operands = Vec::new();
            for k in 0..width {
                operands.extend([n(w + j * width + k), n(a + k)]);
            }
            operands.push(n(b + j));
            nodes.push((Op::WeightedSum, operands));
        }
        let f = nodes.len() as u32;
        nodes.extend((0..m).map(|j| (Op::Sigmoid, vec![n(z + j)])));
        let losses = nodes.len() as u32;
        nodes.extend((0..m).map(|j| {
            let operands = vec![n(z + j), n(f + j), n(y + j)];
            (Op::BinaryCrossEntropyWithLogits, operands)
        }));
        let root = nodes.len() as u32;
        nodes.push((Op::Sum, (0..m).map(|j| n(losses + j)).collect()));
        let len = nodes.len();
        let mut state = 12345u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64 * 4.0 - 2.0
        };
        let mut values: Vec<f64> = (0..len).map(|_| next()).collect();
        for j in 0..m {
            values[(y + j) as usize] = f64::from(j % 2 == 0);
        }
        (Tape::compile(nodes), values, root)
    }

    #[test]
    fn a_fused_sigmoid_layer_matches_the_node_by_node_passes_at_every_width() {
        struct Watch;
        impl Observer for Watch {}
        let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        // Every narrow width (each its own kernel, 1–8), wider ones, and rows past the
        // wide-row cut (32).
        for width in [1u32, 2, 3, 4, 5, 6, 7, 8, 9, 12, 31, 32, 40] {
            for m in [2u32, 3, 7] {
                let (tape, start, root) = logit_layer(m, width);
                let fused = tape.plan.iter().any(|s| matches!(s, Step::Layer { .. }));
                assert!(fused, "width {width}, {m} neurons: one layer step");
                let (mut grouped, mut single) = (start.clone(), start.clone());
                let mut grouped_grads = vec![0.0; start.len()];
                let mut single_grads = vec![0.0; start.len()];
                tape.forward(&mut grouped, &mut Plain);
                tape.backward(&grouped, &mut grouped_grads, n(root), &mut Plain);
                tape.forward(&mut single, &mut Watch);
                tape.backward(&single, &mut single_grads, n(root), &mut Watch);
                assert_eq!(bits(&grouped), bits(&single), "width {width}, {m} neurons");
                assert_eq!(
                    bits(&grouped_grads),
                    bits(&single_grads),
                    "width {width}, {m} neurons"
                );
                // The training pass: the parameters only, no input gradients.
                let parameters: Vec<NodeId> = (width..width + m * width + m).map(n).collect();
                let pass = tape.restricted(parameters.iter().copied());
                let mut grads = vec![7.0; start.len()];
                tape.backward_restricted(&pass, &grouped, &mut grads, n(root));
                for p in parameters {
                    assert_eq!(
                        grads[p.index()].to_bits(),
                        single_grads[p.index()].to_bits(),
                        "width {width}, {m} neurons, node {}",
                        p.index()
                    );
                }
            }
        }
    }

    #[test]
    fn a_sigmoid_layer_whose_sums_leave_the_inline_exp_matches_the_node_by_node_pass() {
        struct Watch;
        impl Observer for Watch {}
        let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for width in 1u32..=9 {
            let m = 3;
            let (tape, mut start, _) = logit_layer(m, width);
            // Values, weights, biases: nodes 0..width, then m·width weights, then m biases.
            let (w, b) = (width as usize, (width + m * width) as usize);
            // Row 0 saturates (z in the thousands), row 1 is exactly 0 (`e^−0` is glibc's:
            // below the inline path's 2⁻⁵⁴), row 2 is left as it was.
            for k in 0..width as usize {
                start[k] = 1.0;
                start[w + k] = 1e3;
                start[w + width as usize + k] = 0.0;
            }
            start[b + 1] = 0.0;
            for row in [0usize, 1] {
                let (mut grouped, mut single) = (start.clone(), start.clone());
                tape.forward(&mut grouped, &mut Plain);
                tape.forward(&mut single, &mut Watch);
                assert_eq!(bits(&grouped), bits(&single), "width {width}, row {row}");
                // The other row back to ordinary numbers: each case alone in its layer too.
                start[w + (1 - row) * width as usize] = 0.25;
                start[b + 1 - row] = 0.125;
            }
        }
    }

    #[test]
    #[should_panic(expected = "a restricted pass of this tape")]
    fn a_restricted_pass_runs_only_on_the_tape_that_made_it() {
        // Another tape of the same length: a chain of negations. Its nodes are not the
        // layer's, so the layer's steps would compute the wrong gradients for it.
        let (layer, values, root) = logit_layer(2, 2);
        let len = layer.len() as u32;
        let chain = Tape::compile(
            std::iter::once((Op::Input, vec![])).chain((1..len).map(|k| (Op::Neg, vec![n(k - 1)]))),
        );
        let pass = layer.restricted((0..len).map(n));
        let mut grads = vec![0.0; values.len()];
        chain.backward_restricted(&pass, &values, &mut grads, n(root));
    }

    #[test]
    fn a_clone_of_a_tape_runs_its_restricted_passes() {
        let (layer, mut values, root) = logit_layer(3, 4);
        let pass = layer.restricted([n(0), n(5)]);
        let copy = layer.clone();
        copy.forward(&mut values, &mut Plain);
        let (mut from_copy, mut from_original) = (vec![0.0; values.len()], vec![0.0; values.len()]);
        copy.backward_restricted(&pass, &values, &mut from_copy, n(root));
        layer.backward_restricted(&pass, &values, &mut from_original, n(root));
        assert_eq!(from_copy, from_original);
        assert_ne!(from_copy[5], 0.0, "a weight's gradient");
    }

    #[test]
    #[should_panic(expected = "operands precede their consumer")]
    fn an_operand_after_its_consumer_is_refused() {
        Tape::compile([(Op::Neg, vec![n(1)]), (Op::Input, vec![])]);
    }
}
