//! Mistakes in combining a batch's examples: the examples' losses or gradients summed instead
//! of averaged (or averaged instead of summed), averaged over the wrong count, or one
//! example's taken for the batch's; and an example's own δ or gradient divided by the batch
//! size, averaged before its time. Every candidate is a batch rule of [`crate::ops`]
//! (`Op::Mean`, `Op::Sum`) applied, through its partials, to the person's own per-example
//! values as carried.

use super::{Candidate, CauseKind, Outcome, Search, cand};
use crate::graph::Role;
use crate::msg;
use crate::net::{Quantity, example_suffix};
use crate::ops::{self, Op};
use crate::spec::BatchLoss;

impl Search<'_> {
    /// The candidates for the batch's `L` (`loss`: true) or the batch's gradient of
    /// parameter `p`, from the examples' carried values.
    pub(super) fn batch(&self, q: Quantity) -> Vec<Candidate> {
        let net = self.net;
        let Some(combine) = net.batch else {
            return Vec::new();
        };
        // The person's own per-example values: each L[e], or each dL[e]/dp.
        let (own, name): (Vec<f64>, String) = match q {
            Quantity::Value(l) if l == net.loss => (
                net.examples.iter().map(|ex| self.own(ex.loss)).collect(),
                "L".into(),
            ),
            Quantity::Grad(p) => (
                self.base
                    .example_grads
                    .iter()
                    .map(|g| g[p.index()])
                    .collect(),
                format!("dL/d{}", self.name(p)),
            ),
            _ => return Vec::new(),
        };
        let n = own.len();
        // Σ_e ∂(rule over `count` operands)/∂operand · own_e: the rule's own partial, the
        // same for every operand of a mean or a sum (1/count, 1), taken from `ops`.
        let share = |op: Op, count: usize| -> f64 {
            let operands = vec![0.0; count];
            ops::partial(op, &operands[..], ops::forward(op, &operands[..]), 0)
        };
        let total: f64 = own.iter().sum();
        let by_rule = |op: Op, count: usize| share(op, count) * total;
        let mut out = Vec::new();
        match combine {
            BatchLoss::Mean => {
                out.push(cand(
                    CauseKind::BatchCombination,
                    msg!("cause-batch-summed", name = &name, examples = n),
                    Outcome::Value(by_rule(Op::Sum, n)),
                ));
                // Each example's value already taken of the mean loss (divided by N), then
                // averaged again: the rule's partial applied twice.
                out.push(cand(
                    CauseKind::BatchCombination,
                    msg!("cause-batch-averaged-twice", name = &name, examples = n),
                    Outcome::Value(share(Op::Mean, n) * by_rule(Op::Mean, n)),
                ));
                for count in [n.saturating_sub(1), n + 1] {
                    if count > 1 {
                        out.push(cand(
                            CauseKind::BatchCombination,
                            msg!(
                                "cause-batch-wrong-count",
                                name = &name,
                                examples = n,
                                count = count
                            ),
                            Outcome::Value(by_rule(Op::Mean, count)),
                        ));
                    }
                }
            }
            BatchLoss::Sum => out.push(cand(
                CauseKind::BatchCombination,
                msg!("cause-batch-averaged", name = &name, examples = n),
                Outcome::Value(by_rule(Op::Mean, n)),
            )),
        }
        for (e, &v) in own.iter().enumerate() {
            let one = match q {
                Quantity::Grad(p) => format!("dL{}/d{}", example_suffix(e), self.name(p)),
                _ => format!("L{}", example_suffix(e)),
            };
            out.push(cand(
                CauseKind::BatchCombination,
                msg!("cause-batch-one-example", name = &name, one = one),
                Outcome::Value(v),
            ));
        }
        out
    }

    /// An example's own δ (`delta4[2]`) or gradient (`dL[2]/dw(1,4)`) written divided by the
    /// batch size: ∂L/∂z4[2] of the mean loss, where the name is example 2's own ∂L[2]/∂z4[2]
    /// before averaging. Its value is the batch rule's partial ∂L/∂L[e] (the `Op::Mean` node
    /// of `L`, at the person's losses) times the example's own value from their numbers, so
    /// it is only offered for a mean: under a sum the partial is 1 and nothing changes.
    pub(super) fn divided_by_batch_size(&self) -> Option<Candidate> {
        let net = self.net;
        if net.batch != Some(BatchLoss::Mean) {
            return None;
        }
        // Which example's own value, and the name the person wrote it under.
        let (example, node) = match self.q {
            // In the search an example's δ is the gradient of its own z (see
            // `Convention::node_of`).
            Quantity::Grad(z) if net.graph.node(z).role == Role::Z => (net.example_of(z)?, z),
            Quantity::ExampleGrad { example, node } if net.example_of(node).is_none() => {
                (example, node)
            }
            _ => return None,
        };
        let node_name = self.name(node);
        let (id, name) = match self.q {
            Quantity::Grad(_) => (
                "cause-batch-delta-divided",
                format!("delta{}", node_name.get(1..)?),
            ),
            _ => (
                "cause-batch-gradient-divided",
                format!("dL{}/d{node_name}", example_suffix(example)),
            ),
        };
        let share = net.example_share(example, &self.base.values)?;
        let mut c = cand(
            CauseKind::DividedByBatchSize,
            msg!(
                id,
                name = name,
                node = node_name,
                example = example + 1,
                examples = net.examples.len()
            ),
            Outcome::Value(share * self.expected),
        );
        // Divided by N, the step's own spread shrinks with it.
        c.spread_scale = share.abs();
        Some(c)
    }
}
