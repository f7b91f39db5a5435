//! A reverse pass for the gradients of some nodes only.
//!
//! A training step needs ∂L/∂w and ∂L/∂b. The plain reverse pass also works out ∂L/∂x of
//! every input, ∂L/∂y of every target and the gradient of every constant — for the Iris
//! network a third of its multiply-adds — because [`Tape::backward`] promises every node a
//! gradient (`run` prints them all). A [`Restricted`] pass, made once per tape and set of
//! wanted nodes, keeps the plan's steps that lead to a wanted node, each pushing only into the
//! operands that need a gradient, and clears only the gradients it writes (and the few between
//! them). It runs the same rules in the same order (the slice forms in `ops`), so every wanted
//! gradient is bit for bit the plain pass's (tested in `net.rs`).
//!
//! The plain pass is this pass with every node wanted ([`Tape::backward`] makes that one on
//! first use): one reverse dispatch over the plan's steps, not two.

use super::{Runs, Step, Tape, TapeOperands, kernels};
use crate::node::NodeId;
use crate::ops::{self, DenseRuns, Op, TermsRuns, TermsWanted};

/// A reverse pass that computes the gradients of chosen nodes only: a node on no path from
/// the loss to one of them gets no adjoint work (the module docs say why).
#[derive(Clone, Debug)]
pub struct Restricted {
    /// `needs[n]`: node `n` is wanted or has an operand that needs a gradient, i.e. it lies on
    /// a path from a wanted node.
    needs: Vec<bool>,
    /// The steps whose nodes need a gradient, in the plan's (forward) order.
    steps: Vec<Back>,
    /// The gradients the pass writes, as node ranges `from..to`: cleared before a pass whose
    /// steps add every contribution.
    written: Vec<(u32, u32)>,
    /// Those of them that a pass whose steps store first contributions clears: the written
    /// gradients that are not `stored`.
    rest: Vec<(u32, u32)>,
    /// `stored[n]`: node `n`'s gradient receives its first contribution from a step that
    /// stores it (`first` of a step): it need not be cleared, unless it is the root's.
    stored: Vec<bool>,
    /// The tape that made it (`Tape::id`): its steps are that tape's.
    tape: u64,
}

/// One step of a [`Restricted`] pass.
#[derive(Clone, Copy, Debug)]
enum Back {
    /// Computed record `k`, pushing into the operands that need a gradient.
    Record(u32),
    /// Computed record `k`, a weighted sum over runs of nodes; into the values' gradients too
    /// if `inputs` ([`ops::weighted_sum_backward_runs`]).
    Sum { k: u32, inputs: bool },
    /// A dense layer; into its values' gradients too if `inputs` ([`ops::dense_backward`]).
    /// With `first`, it stores its pushes (`ops::stores_first_pushes`): it is the only reader of
    /// every node it pushes into.
    Dense {
        runs: DenseRuns,
        inputs: bool,
        first: bool,
    },
    /// A dense layer and its activations `out..` ([`ops::layer_backward`]); `first` as for
    /// `Dense`.
    Layer {
        runs: DenseRuns,
        op: Op,
        out: u32,
        inputs: bool,
        first: bool,
    },
    /// A run of a one-operand op ([`ops::unary_run_backward`]): its input needs a gradient
    /// whenever its output does.
    Map {
        op: Op,
        input: u32,
        out: u32,
        m: u32,
    },
    /// A run of a two-operand op, into operand run `i` if `wanted[i]`
    /// ([`ops::binary_run_backward`]).
    Zip {
        op: Op,
        inputs: [u32; 2],
        out: u32,
        m: u32,
        wanted: [bool; 2],
    },
    /// Terms and their total ([`ops::terms_backward`]); with `first`, the group is the only
    /// reader of every node it pushes into, and stores its pushes.
    Terms {
        terms: TermsRuns,
        wanted: TermsWanted,
        first: bool,
    },
}

/// Whether any node of `from..from + len` is marked in `flags`.
fn any(flags: &[bool], from: u32, len: u32) -> bool {
    flags[from as usize..(from + len) as usize].contains(&true)
}

/// Mark nodes `from..from + len` in `flags`.
fn mark(flags: &mut [bool], from: u32, len: u32) {
    flags[from as usize..(from + len) as usize].fill(true);
}

impl Tape {
    /// The reverse pass for the gradients of `wanted` (for training: the weights and biases),
    /// to run with [`backward_restricted`](Self::backward_restricted).
    ///
    /// # Panics
    /// If a wanted node is not on the tape.
    pub fn restricted(&self, wanted: impl IntoIterator<Item = NodeId>) -> Restricted {
        let mut needs = vec![false; self.len()];
        // A wanted node nothing pushes into (no path to the root) has gradient 0: it is
        // cleared with the others rather than left as it was.
        let mut written = vec![false; self.len()];
        for n in wanted {
            needs[n.index()] = true;
            written[n.index()] = true;
        }
        // Topological order: every operand's flag is final before its consumer's.
        for (k, c) in self.computed.iter().enumerate() {
            let from_operand = self.indices(k).iter().any(|&o| needs[o as usize]);
            needs[c.node as usize] |= from_operand;
        }
        // How many times each node is read: a step that reads a node as often as the whole
        // tape does is its only reader, and its push into the node's gradient is the first.
        let mut readers = vec![0u32; self.len()];
        for &o in &self.operands {
            readers[o as usize] += 1;
        }
        let mut firsts = Firsts {
            readers,
            stored: vec![false; self.len()],
        };
        let mut steps = Vec::new();
        for step in &self.plan {
            match *step {
                Step::Records { from, to } => {
                    for k in from..to {
                        let c = self.computed[k as usize];
                        if !needs[c.node as usize] {
                            continue;
                        }
                        mark(&mut written, c.node, 1);
                        let indices = self.indices(k as usize);
                        if c.runs {
                            let Runs { w, a, n, b } = Runs::of(indices);
                            let [w, a, n, b] = [w, a, n, b].map(|x| x as u32);
                            let inputs = any(&needs, a, n);
                            mark(&mut written, w, n);
                            mark(&mut written, b, 1);
                            if inputs {
                                mark(&mut written, a, n);
                            }
                            steps.push(Back::Sum { k, inputs });
                        } else {
                            for &o in indices {
                                written[o as usize] |= needs[o as usize];
                            }
                            steps.push(Back::Record(k));
                        }
                    }
                }
                Step::Dense(runs) => {
                    if let Some(inputs) = dense(&needs, &mut written, &runs) {
                        let first = firsts.layer(&runs, None, inputs);
                        steps.push(Back::Dense {
                            runs,
                            inputs,
                            first,
                        });
                    }
                }
                Step::Layer {
                    dense: runs,
                    op,
                    out,
                } => {
                    // The activations need a gradient exactly when their sums do.
                    if let Some(inputs) = dense(&needs, &mut written, &runs) {
                        mark(&mut written, out, runs.m);
                        let first = firsts.layer(&runs, Some(op), inputs);
                        steps.push(Back::Layer {
                            runs,
                            op,
                            out,
                            inputs,
                            first,
                        });
                    }
                }
                Step::Map { op, input, out, m } => {
                    if any(&needs, out, m) {
                        mark(&mut written, out, m);
                        mark(&mut written, input, m);
                        steps.push(Back::Map { op, input, out, m });
                    }
                }
                Step::Zip { op, inputs, out, m } => {
                    if !any(&needs, out, m) {
                        continue;
                    }
                    let wanted = inputs.map(|i| any(&needs, i, m));
                    mark(&mut written, out, m);
                    for (&i, &w) in inputs.iter().zip(&wanted) {
                        if w {
                            mark(&mut written, i, m);
                        }
                    }
                    steps.push(Back::Zip {
                        op,
                        inputs,
                        out,
                        m,
                        wanted,
                    });
                }
                Step::Terms(terms) => {
                    let TermsRuns {
                        a,
                        b,
                        c,
                        first,
                        second,
                        m,
                        total,
                        scaled,
                        ..
                    } = terms;
                    // Needs flow forward through the group: its last node needs a gradient
                    // when any of its nodes does.
                    let last = scaled.map_or(total, |(node, _)| node);
                    if !needs[last as usize] {
                        continue;
                    }
                    let runs = [a, b, c].map(|r| any(&needs, r, m));
                    let factor = scaled.map(|(_, f)| f).filter(|&f| needs[f as usize]);
                    for (from, len) in [(first, m), (second, m), (total, 1), (last, 1)] {
                        mark(&mut written, from, len);
                    }
                    for (r, w) in [a, b, c].into_iter().zip(runs) {
                        if w {
                            mark(&mut written, r, m);
                        }
                    }
                    if let Some(f) = factor {
                        mark(&mut written, f, 1);
                    }
                    // What the group pushes into: the two runs of terms, the total (from its
                    // scaled value), and the wanted operand runs and factor.
                    let mut targets = vec![(first, m, 1), (second, m, 1)];
                    if scaled.is_some() {
                        targets.push((total, 1, 1));
                        targets.extend(factor.map(|f| (f, 1, 1)));
                    }
                    targets.extend(
                        [a, b, c]
                            .into_iter()
                            .zip(runs)
                            .filter(|&(_, w)| w)
                            .map(|(r, _)| (r, m, 1)),
                    );
                    let first = firsts.claim(&targets);
                    steps.push(Back::Terms {
                        terms,
                        wanted: TermsWanted {
                            runs,
                            factor: factor.is_some(),
                        },
                        first,
                    });
                }
            }
        }
        let rest: Vec<bool> = written
            .iter()
            .zip(&firsts.stored)
            .map(|(&w, &s)| w && !s)
            .collect();
        Restricted {
            needs,
            steps,
            written: ranges(&written),
            rest: ranges(&rest),
            stored: firsts.stored,
            tape: self.id,
        }
    }

    /// Reverse pass from `root` for the gradients `r` was made for: on return
    /// `grads[n] = ∂root/∂n` for every wanted node `n` and every node on a path from one to
    /// `root`. Other gradients are not computed: they hold whatever they held, 0, or partial
    /// sums. Layers and loss groups run in their own small kernels, compiled for AVX2 where
    /// the CPU has it; every other step in one out-of-line function.
    ///
    /// # Panics
    /// If `values` or `grads` are not of this tape's length, or `r` was made by another tape
    /// (a clone of this one counts as this one).
    pub fn backward_restricted(
        &self,
        r: &Restricted,
        values: &[f64],
        grads: &mut [f64],
        root: NodeId,
    ) {
        assert_eq!(values.len(), self.len(), "one value per node");
        assert_eq!(grads.len(), self.len(), "one gradient per node");
        // Its steps are this tape's plan steps (so also its length), which fit a tape of this
        // length (checked in `make_plan`): another tape's, even of the same length, would
        // compute other nodes.
        assert_eq!(r.tape, self.id, "a restricted pass of this tape");
        // Steps store their first contributions, and those gradients are not cleared, unless
        // the root is one of them (a step would overwrite its 1): then every step adds.
        let store = !r.stored[root.index()];
        for &(from, to) in if store { &r.rest } else { &r.written } {
            if to - from == 1 {
                // Often all there is left to clear (the loss): not worth a call to `memset`.
                grads[from as usize] = 0.0;
            } else {
                grads[from as usize..to as usize].fill(0.0);
            }
        }
        grads[root.index()] = 1.0;
        let wide = crate::cpu::avx2_fma();
        for step in r.steps.iter().rev() {
            // By reference into the pass: a copy of a group would reach its kernel through
            // the stack.
            match step {
                Back::Layer {
                    runs,
                    op,
                    out,
                    inputs,
                    first,
                } => {
                    // SAFETY: `r` is this tape's (checked above), whose layers fit a tape of
                    // its length (`make_plan`); both arrays have one entry per node; `wide`
                    // as `avx2_fma` answered.
                    unsafe {
                        kernels::layer_backward(
                            wide,
                            *op,
                            values,
                            grads,
                            runs,
                            *out as usize,
                            *inputs,
                            *first && store,
                        )
                    }
                }
                Back::Terms {
                    terms,
                    wanted,
                    first,
                } => {
                    // SAFETY: as for the layers.
                    unsafe {
                        kernels::terms_backward(
                            wide,
                            values,
                            grads,
                            terms,
                            *wanted,
                            *first && store,
                        )
                    }
                }
                _ => self.backward_step_out_of_line(r, step, values, grads, store),
            }
        }
    }

    crate::cpu::compiled_twice! {
        /// One step of [`backward_restricted`](Self::backward_restricted) that has no kernel
        /// (not a layer, not a loss group),
        /// out of line; compiled twice ([`crate::cpu`]).
        fn backward_step_out_of_line / backward_step_avx2 / backward_step_baseline
            (&self, r: &Restricted, step: &Back, values: &[f64], grads: &mut [f64], store: bool)
            => backward_step
    }

    /// One step of [`backward_restricted`](Self::backward_restricted); `store` as that pass
    /// decided it (steps store their first contributions).
    #[inline(always)]
    fn backward_step(
        &self,
        r: &Restricted,
        step: &Back,
        values: &[f64],
        grads: &mut [f64],
        store: bool,
    ) {
        match *step {
            Back::Record(k) => {
                let c = &self.computed[k as usize];
                let (n, indices) = (c.node as usize, self.indices(k as usize));
                let g = grads[n];
                let operands = TapeOperands { values, indices };
                ops::for_each_partial(c.op, &operands, values[n], |i, p| {
                    let o = indices[i] as usize;
                    if r.needs[o] {
                        grads[o] += p * g;
                    }
                });
            }
            Back::Sum { k, inputs } => {
                let g = grads[self.computed[k as usize].node as usize];
                let Runs { w, a, n, b } = Runs::of(self.indices(k as usize));
                ops::weighted_sum_backward_runs(values, grads, w, a, n, b, g, inputs);
            }
            Back::Dense {
                runs,
                inputs,
                first,
            } => ops::dense_backward_first(values, grads, &runs, inputs, first && store),
            // The pass's loop runs these by their kernels and never sends them here.
            Back::Layer { .. } | Back::Terms { .. } => {
                unreachable!("layers and loss groups run in their kernels")
            }
            Back::Map { op, input, out, m } => {
                ops::unary_run_backward(op, values, grads, input as usize, out as usize, m as usize)
            }
            Back::Zip {
                op,
                inputs,
                out,
                m,
                wanted,
            } => ops::binary_run_backward(
                op,
                values,
                grads,
                inputs.map(|i| i as usize),
                out as usize,
                m as usize,
                wanted,
            ),
        }
    }
}

/// Which steps of a restricted pass store their pushes: a step that is the only reader of
/// every node it pushes into (and can store them all) gives each its first contribution.
struct Firsts {
    /// How many operands, over the whole tape, each node is.
    readers: Vec<u32>,
    /// The nodes whose first contribution a step stores.
    stored: Vec<bool>,
}

impl Firsts {
    /// Whether every node of each run `(from, len, reads)` is read `reads` times over the
    /// whole tape — all of them by the step that pushes into it; if so they are marked stored.
    fn claim(&mut self, targets: &[(u32, u32, u32)]) -> bool {
        let only = targets.iter().all(|&(from, len, reads)| {
            self.readers[from as usize..(from + len) as usize]
                .iter()
                .all(|&r| r == reads)
        });
        if only {
            for &(from, len, _) in targets {
                mark(&mut self.stored, from, len);
            }
        }
        only
    }

    /// Whether a dense layer (with activation `op`, or none) stores its pushes: its rows are
    /// narrow enough to (`ops::stores_first_pushes`), each weight and bias is read by its row
    /// alone, each value (if it pushes into them) by the layer's rows alone, and, where the
    /// activation's push is fused in, each sum by its activation alone.
    fn layer(&mut self, runs: &DenseRuns, op: Option<Op>, inputs: bool) -> bool {
        let DenseRuns { out, m, w, a, n, b } = *runs;
        if !ops::stores_first_pushes(n as usize) || m == 0 {
            return false;
        }
        let mut targets = vec![(w, m * n, 1), (b, m, 1)];
        if op.is_some_and(|op| ops::fuses_activation(op, n as usize)) {
            targets.push((out, m, 1));
        }
        if inputs {
            targets.push((a, n, m));
        }
        self.claim(&targets)
    }
}

/// For a dense layer whose sums need a gradient: mark what its reverse pass writes (sums,
/// weights, biases, and its values if one of them needs a gradient) and say whether it
/// pushes into its values. `None` if no sum needs a gradient.
fn dense(needs: &[bool], written: &mut [bool], runs: &DenseRuns) -> Option<bool> {
    let DenseRuns { out, m, w, a, n, b } = *runs;
    if !any(needs, out, m) {
        return None;
    }
    let inputs = any(needs, a, n);
    for (from, len) in [(out, m), (w, m * n), (b, m)] {
        mark(written, from, len);
    }
    if inputs {
        mark(written, a, n);
    }
    Some(inputs)
}

/// The runs of marked entries of `flags`, as ranges `from..to`; runs less than [`GAP`]
/// apart are one range (clearing a few gradients nobody reads costs less than another call).
fn ranges(flags: &[bool]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (n, _) in flags.iter().enumerate().filter(|(_, f)| **f) {
        let n = n as u32;
        match out.last_mut() {
            Some((_, to)) if n - *to < GAP => *to = n + 1,
            _ => out.push((n, n + 1)),
        }
    }
    out
}

/// See [`ranges`].
const GAP: u32 = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autodiff::Plain;

    fn n(k: u32) -> NodeId {
        NodeId(k)
    }

    #[test]
    fn only_the_wanted_gradients_and_their_paths_are_written() {
        // p·x + c with x an input and c a constant: ∂/∂p = x, and nothing is computed for x
        // or c (their gradients are cleared with their neighbours', and stay 0).
        let tape = Tape::compile([
            (Op::Input, vec![]),
            (Op::Input, vec![]),
            (Op::Const, vec![]),
            (Op::Mul, vec![n(0), n(1)]),
            (Op::Add, vec![n(3), n(2)]),
        ]);
        let mut values = [3.0, 5.0, 2.0, 0.0, 0.0];
        tape.forward(&mut values, &mut Plain);
        let r = tape.restricted([n(0)]);
        let mut grads = [7.0; 5];
        tape.backward_restricted(&r, &values, &mut grads, n(4));
        assert_eq!(grads, [5.0, 0.0, 0.0, 1.0, 1.0]);
        assert_eq!(r.written, [(0, 5)]);
    }

    #[test]
    fn a_wanted_node_off_every_path_to_the_root_gets_zero() {
        // p·x with q beside it: ∂(p·x)/∂q is 0, whatever q's gradient held before.
        let tape = Tape::compile([
            (Op::Input, vec![]),
            (Op::Input, vec![]),
            (Op::Input, vec![]),
            (Op::Mul, vec![n(0), n(1)]),
        ]);
        let mut values = [3.0, 5.0, 2.0, 0.0];
        tape.forward(&mut values, &mut Plain);
        let r = tape.restricted([n(0), n(2)]);
        let mut grads = [7.0; 4];
        tape.backward_restricted(&r, &values, &mut grads, n(3));
        assert_eq!((grads[0], grads[2]), (5.0, 0.0));
    }
}
