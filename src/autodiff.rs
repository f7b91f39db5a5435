//! Forward and reverse passes over a flat, topologically sorted tape.
//!
//! A [`Tape`] is compiled once from a [`Graph`]'s structure: the nodes in topological order, each
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

use crate::graph::{Graph, NodeId};
use crate::ops::{self, Gather, Op};

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

/// A graph compiled for evaluation. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct Tape {
    /// Node indices in topological order.
    order: Vec<u32>,
    /// `ops[k]` is the op of node `order[k]`.
    ops: Vec<Op>,
    /// Operands of `order[k]` are `operands[start[k]..start[k + 1]]`.
    start: Vec<u32>,
    operands: Vec<u32>,
    /// The computed (non-leaf) nodes in order, each with everything a passive pass needs in
    /// one place: all such a pass visits.
    computed: Vec<Computed>,
}

/// One computed node of the tape: its op, the node, and its operands'
/// range in [`Tape::operands`].
#[derive(Clone, Copy, Debug)]
struct Computed {
    op: Op,
    node: u32,
    start: u32,
    end: u32,
}

impl Tape {
    /// Compile a graph's structure. Costs one topological sort; done once per graph shape.
    pub fn compile(graph: &Graph) -> Tape {
        let order = petgraph::algo::toposort(graph.structure(), None)
            .expect("a graph built from existing operands has no cycle");
        let mut tape = Tape {
            order: Vec::with_capacity(order.len()),
            ops: Vec::with_capacity(order.len()),
            start: Vec::with_capacity(order.len() + 1),
            operands: Vec::with_capacity(graph.structure().edge_count()),
            computed: Vec::new(),
        };
        tape.start.push(0);
        for idx in order {
            let id = NodeId(idx.index() as u32);
            tape.order.push(id.0);
            tape.ops.push(graph.node(id).op);
            tape.operands
                .extend(graph.operands(id).into_iter().map(|o| o.0));
            tape.start.push(tape.operands.len() as u32);
        }
        tape.computed = (0..tape.ops.len())
            .filter(|&k| !tape.ops[k].is_leaf())
            .map(|k| Computed {
                op: tape.ops[k],
                node: tape.order[k],
                start: tape.start[k],
                end: tape.start[k + 1],
            })
            .collect();
        tape
    }

    /// Number of nodes on the tape.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the tape is empty.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Forward pass: every computed node from its operands, in topological order.
    pub fn forward<O: Observer>(&self, values: &mut [f64], observer: &mut O) {
        if O::PASSIVE {
            // Same result: a leaf's value would only be handed to the observer and stored back.
            for c in &self.computed {
                let indices = &self.operands[c.start as usize..c.end as usize];
                values[c.node as usize] = ops::forward(c.op, &Gather { values, indices });
            }
            return;
        }
        for (k, &n) in self.order.iter().enumerate() {
            let n = n as usize;
            let op = self.ops[k];
            let computed = if op.is_leaf() {
                values[n]
            } else {
                let indices = &self.operands[self.start[k] as usize..self.start[k + 1] as usize];
                ops::forward(op, &Gather { values, indices })
            };
            values[n] = observer.value(NodeId(n as u32), computed);
        }
    }

    /// Reverse pass from `root`: on return `grads[n] = ∂root/∂n` for every node.
    pub fn backward<O: Observer>(
        &self,
        values: &[f64],
        grads: &mut [f64],
        root: NodeId,
        observer: &mut O,
    ) {
        grads.fill(0.0);
        grads[root.index()] = 1.0;
        if O::PASSIVE {
            // Same result: a leaf pushes nothing on, and its gradient is final as accumulated.
            for c in self.computed.iter().rev() {
                let n = c.node as usize;
                let g = grads[n];
                let indices = &self.operands[c.start as usize..c.end as usize];
                ops::for_each_partial(
                    c.op,
                    &Gather { values, indices },
                    values[n],
                    |i, p| {
                        grads[indices[i] as usize] += p * g;
                    },
                );
            }
            return;
        }
        for k in (0..self.order.len()).rev() {
            let n = self.order[k] as usize;
            let id = NodeId(n as u32);
            let g = observer.grad(id, grads[n]);
            grads[n] = g;
            let op = self.ops[k];
            if op.is_leaf() {
                continue;
            }
            let indices = &self.operands[self.start[k] as usize..self.start[k + 1] as usize];
            ops::for_each_partial(op, &Gather { values, indices }, values[n], |i, p| {
                let p = observer.partial(id, i, p);
                grads[indices[i] as usize] += p * g;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::Graph;

    #[test]
    fn a_value_used_twice_gets_both_contributions() {
        // f = x·x + x  ⇒  df/dx = 2x + 1
        let mut g = Graph::new();
        let x = g.input("x", 3.0);
        let xx = g.mul(x, x);
        let f = g.add(xx, x);
        g.forward();
        g.backward(f);
        assert_eq!(g.value(f), 12.0);
        assert_eq!(g.grad(x), 7.0);
    }

    #[test]
    fn re_evaluation_reuses_the_graph() {
        let mut g = Graph::new();
        let x = g.input("x", 1.0);
        let s = g.sigmoid(x);
        for v in [-2.0, 0.0, 5.0] {
            g.set_value(x, v);
            g.forward();
            g.backward(s);
            let sv = 1.0 / (1.0 + (-v as f64).exp());
            assert!((g.value(s) - sv).abs() < 1e-15);
            assert!((g.grad(x) - sv * (1.0 - sv)).abs() < 1e-15);
        }
    }
}
