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
impl Observer for Plain {}

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
}

impl Tape {
    /// Compile a graph's structure; done once per graph shape.
    ///
    /// The order is the order nodes were added: [`Graph::apply`] only accepts operands that
    /// already exist, so that order is topological by construction, and walking it touches the
    /// value array front to back (a sort would scatter the accesses of a large graph).
    pub fn compile(graph: &Graph) -> Tape {
        let n = graph.len();
        let mut tape = Tape {
            order: Vec::with_capacity(n),
            ops: Vec::with_capacity(n),
            start: Vec::with_capacity(n + 1),
            operands: Vec::with_capacity(graph.structure().edge_count()),
        };
        tape.start.push(0);
        for id in graph.nodes() {
            tape.order.push(id.0);
            tape.ops.push(graph.node(id).op);
            for o in graph.operands(id) {
                debug_assert!(o < id, "operands precede their consumer");
                tape.operands.push(o.0);
            }
            tape.start.push(tape.operands.len() as u32);
        }
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
            let sv = 1.0 / (1.0 + (-v).exp());
            assert!((g.value(s) - sv).abs() < 1e-15);
            assert!((g.grad(x) - sv * (1.0 - sv)).abs() < 1e-15);
        }
    }
}
