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
use crate::i18n::Message;
use crate::msg;
use crate::net::Quantity;
use crate::ops::{self, Op};

impl Search<'_> {
    /// The candidates for a value or gradient of an expression.
    pub(super) fn expression(&self) -> Vec<Candidate> {
        match self.q {
            Quantity::Value(n) if self.net.graph.node(n).op.is_leaf() => self.given(n),
            Quantity::Value(n) => self.operation(n),
            Quantity::Grad(n) => self.chain_rule(n),
            Quantity::Derivative(_) | Quantity::Updated(_) | Quantity::ExampleGrad { .. } => {
                Vec::new()
            }
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
                msg!(
                    "cause-operands-swapped",
                    swapped = format!("{} {} {}", name(1), op.symbol(), name(0))
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
                        msg!("cause-operand-left-out", left = name(j), used = name(i)),
                        Outcome::Value(v[i]),
                    ));
                }
            }
            Op::Exp | Op::Sigmoid | Op::Tanh => out.push(cand(
                CauseKind::SignFlipped,
                msg!("cause-argument-sign-lost", argument = name(0)),
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
                    msg!(
                        "cause-one-use-counted",
                        through = self.name(c),
                        name = self.name(n),
                        uses = uses.len()
                    ),
                    Outcome::Value(local * upstream),
                ));
            }
        }
        for &(c, i, local, upstream) in &uses {
            if c != self.net.loss && upstream != 1.0 {
                out.push(cand(
                    CauseKind::FactorLeftOut,
                    msg!(
                        "cause-upstream-left-out",
                        name = self.name(c),
                        upstream = show(upstream)
                    ),
                    Outcome::Value(total - local * upstream + local),
                ));
            }
            for (wrong, why) in self.wrong_local_derivatives(c, i) {
                if wrong.is_finite() && wrong != local {
                    out.push(cand(
                        CauseKind::DerivativeFormula,
                        msg!(
                            "cause-local-derivative",
                            of = self.name(c),
                            wrt = self.name(n),
                            rule = why,
                            wrong = show(wrong),
                            right = show(local)
                        ),
                        Outcome::Value(total - local * upstream + wrong * upstream),
                    ));
                }
            }
        }
        out
    }

    /// Common wrong rules for `∂c/∂(operand i)`, as (value, the rule in words).
    fn wrong_local_derivatives(&self, c: NodeId, i: usize) -> Vec<(f64, Message)> {
        let (operands, v) = self.operands_of(c);
        let out_v = self.own(c);
        let a = v[0];
        let own = self.name(operands[i]);
        match self.net.graph.node(c).op {
            Op::Mul => vec![(v[i], msg!("rule-mul-itself", name = own))],
            Op::Sub if i == 1 => vec![(1.0, msg!("rule-minus-dropped"))],
            Op::Neg => vec![(1.0, msg!("rule-minus-dropped"))],
            Op::Div if i == 0 => vec![(v[1], msg!("rule-div-divisor"))],
            Op::Div => vec![
                (1.0 / v[1], msg!("rule-div-one-over-b")),
                (-1.0 / (v[1] * v[1]), msg!("rule-div-numerator-dropped")),
                (a / (v[1] * v[1]), msg!("rule-div-minus-dropped")),
            ],
            Op::Pow => {
                let p = v[1];
                vec![
                    (p * a.powf(p), msg!("rule-pow-not-lowered")),
                    (a.powf(p - 1.0), msg!("rule-pow-factor-dropped")),
                ]
            }
            Op::Exp => vec![(1.0, msg!("rule-exp-one")), (a, msg!("rule-exp-argument"))],
            Op::Ln => vec![(a.ln(), msg!("rule-ln"))],
            Op::Sigmoid => vec![
                (out_v, msg!("rule-sigmoid-itself")),
                (1.0 - out_v, msg!("rule-sigmoid-one-minus")),
                (a * (1.0 - a), msg!("rule-sigmoid-of-argument")),
            ],
            Op::Tanh => vec![
                (1.0 - out_v, msg!("rule-tanh-not-squared")),
                (out_v, msg!("rule-tanh-itself")),
            ],
            _ => Vec::new(),
        }
    }
}
