//! Mistakes in a computational-graph exercise: a step of the forward pass done with the
//! operands swapped or a term dropped; in the backward pass, a wrong local derivative, the
//! upstream gradient not multiplied in, or — the classic — the gradients of a value used in
//! several places not added up.
//!
//! Every candidate is computed from the person's own carried values and the op rules in
//! [`ops`]; only the deliberately wrong rule of each mistake is written here.

use super::{Candidate, CauseKind, Outcome, Search, cand};
use crate::check::show;
use crate::graph::NodeId;
use crate::net::Quantity;
use crate::ops::{self, Op};

impl Search<'_> {
    /// The candidates for a value or gradient of an expression.
    pub(super) fn expression(&self) -> Vec<Candidate> {
        match self.q {
            Quantity::Value(n) if self.net.graph.node(n).op.is_leaf() => self.given(n),
            Quantity::Value(n) => self.operation(n),
            Quantity::Grad(n) => self.chain_rule(n),
            Quantity::Derivative(_) | Quantity::Updated(_) => Vec::new(),
        }
    }

    fn operands_of(&self, n: NodeId) -> (Vec<NodeId>, Vec<f64>) {
        let operands = self.net.graph.operands(n);
        let values = operands.iter().map(|&o| self.own(o)).collect();
        (operands, values)
    }

    /// A forward step: operands swapped, a term or factor dropped, the sign inside a function
    /// lost.
    fn operation(&self, n: NodeId) -> Vec<Candidate> {
        let op = self.net.graph.node(n).op;
        let (operands, v) = self.operands_of(n);
        let name = |i: usize| self.name(operands[i]);
        let mut out = Vec::new();
        match op {
            Op::Sub | Op::Div => out.push(cand(
                CauseKind::WrongValue,
                format!(
                    "the operands were swapped: {} {} {}",
                    name(1),
                    op.symbol(),
                    name(0)
                ),
                Outcome::Value(ops::forward(op, &[v[1], v[0]])),
            )),
            Op::Add | Op::Mul => {
                let kind = if op == Op::Add {
                    CauseKind::TermLeftOut
                } else {
                    CauseKind::FactorLeftOut
                };
                for (i, j) in [(0, 1), (1, 0)] {
                    out.push(cand(
                        kind,
                        format!("{} was left out (only {} was used)", name(j), name(i)),
                        Outcome::Value(v[i]),
                    ));
                }
            }
            Op::Exp | Op::Sigmoid | Op::Tanh => out.push(cand(
                CauseKind::SignFlipped,
                format!("the sign of the argument {} was lost", name(0)),
                Outcome::Value(ops::forward(op, &[-v[0]])),
            )),
            _ => {}
        }
        out
    }

    /// A backward step: `d{out}/d{n} = Σ_uses ∂c/∂n · d{out}/d{c}` with one of its parts
    /// wrong.
    fn chain_rule(&self, n: NodeId) -> Vec<Candidate> {
        let g = &self.net.graph;
        // Each use of n: the consumer, the operand position, the local derivative and the
        // upstream gradient, all from the person's own carried values.
        let mut uses: Vec<(NodeId, usize, f64, f64)> = Vec::new();
        for c in g.consumers(n) {
            let (operands, v) = self.operands_of(c);
            for (i, _) in operands.iter().enumerate().filter(|&(_, &o)| o == n) {
                let local = ops::partial(g.node(c).op, &v[..], self.own(c), i);
                uses.push((c, i, local, self.base.grads[c.index()]));
            }
        }
        let total: f64 = uses.iter().map(|(_, _, l, u)| l * u).sum();
        let mut out = Vec::new();
        if uses.len() > 1 {
            for &(c, _, local, upstream) in &uses {
                out.push(cand(
                    CauseKind::TermLeftOut,
                    format!(
                        "only the gradient through {} was counted: {} is used {} times, and the gradients of all its uses add up",
                        self.name(c),
                        self.name(n),
                        uses.len()
                    ),
                    Outcome::Value(local * upstream),
                ));
            }
        }
        for &(c, i, local, upstream) in &uses {
            if c != self.net.loss && upstream != 1.0 {
                out.push(cand(
                    CauseKind::FactorLeftOut,
                    format!(
                        "the upstream gradient of {} ({}) was not multiplied in: only the local derivative was used",
                        self.name(c),
                        show(upstream)
                    ),
                    Outcome::Value(total - local * upstream + local),
                ));
            }
            for (wrong, why) in self.wrong_local_derivatives(c, i) {
                if wrong.is_finite() && wrong != local {
                    out.push(cand(
                        CauseKind::DerivativeFormula,
                        format!(
                            "the local derivative of {} with respect to {} was taken as {why} = {} (it is {})",
                            self.name(c),
                            self.name(n),
                            show(wrong),
                            show(local)
                        ),
                        Outcome::Value(total - local * upstream + wrong * upstream),
                    ));
                }
            }
        }
        out
    }

    /// Common wrong rules for `∂c/∂(operand i)`, as (value, the rule in words).
    fn wrong_local_derivatives(&self, c: NodeId, i: usize) -> Vec<(f64, String)> {
        let (operands, v) = self.operands_of(c);
        let out_v = self.own(c);
        let a = v[0];
        let own = self.name(operands[i]);
        match self.net.graph.node(c).op {
            Op::Mul => vec![(v[i], format!("{own} itself instead of the other factor"))],
            Op::Sub if i == 1 => vec![(1.0, "+1 (the minus sign dropped)".into())],
            Op::Neg => vec![(1.0, "+1 (the minus sign dropped)".into())],
            Op::Div if i == 0 => vec![(v[1], "the divisor instead of 1/divisor".into())],
            Op::Div => vec![
                (1.0 / v[1], "1/b instead of −a/b²".into()),
                (-1.0 / (v[1] * v[1]), "−1/b² (the numerator dropped)".into()),
                (a / (v[1] * v[1]), "a/b² (the minus sign dropped)".into()),
            ],
            Op::Pow => {
                let p = v[1];
                vec![
                    (p * a.powf(p), "c·a^c (the exponent not lowered)".into()),
                    (a.powf(p - 1.0), "a^(c−1) (the factor c dropped)".into()),
                ]
            }
            Op::Exp => vec![(1.0, "1".into()), (a, "its argument instead of e^a".into())],
            Op::Ln => vec![(a.ln(), "ln a instead of 1/a".into())],
            Op::Sigmoid => vec![
                (out_v, "σ instead of σ(1 − σ)".into()),
                (1.0 - out_v, "1 − σ instead of σ(1 − σ)".into()),
                (
                    a * (1.0 - a),
                    "a(1 − a) of the argument instead of σ(1 − σ)".into(),
                ),
            ],
            Op::Tanh => vec![
                (1.0 - out_v, "1 − tanh instead of 1 − tanh²".into()),
                (out_v, "tanh instead of 1 − tanh²".into()),
            ],
            _ => Vec::new(),
        }
    }
}
