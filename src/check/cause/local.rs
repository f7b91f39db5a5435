//! Evaluating a candidate mistake on the cone between it and the slipped step, instead of
//! replaying the whole calculation: a forward step from its operands, a gradient from its
//! consumers (and theirs, one level further). Both use the op rules of [`ops`] on the
//! person's carried values, exactly as the replay's observer would; a candidate outside that
//! cone is replayed in full.

use crate::check::Tweak;
use crate::check::spread::{MEASURED_MAX_OPERANDS, partial_spread, step_spread};
use crate::graph::NodeId;
use crate::net::Quantity;
use crate::ops::{self, Gather};

use super::Search;

impl Search<'_> {
    /// The slipped step's value under `tweaks`, if they lie within its cone, and how far it
    /// can move given the person's inputs to the mistaken step (a number the mistake puts in
    /// is exact).
    pub(super) fn local(&self, tweaks: &[Tweak]) -> Option<(f64, f64)> {
        match self.q {
            Quantity::Value(n) => self.local_value(n, tweaks),
            Quantity::Grad(x) => {
                let g = &self.net.graph;
                let near: Vec<NodeId> = g
                    .consumers(x)
                    .into_iter()
                    .flat_map(|c| std::iter::once(c).chain(g.consumers(c)))
                    .collect();
                let within = tweaks.iter().all(|t| match *t {
                    Tweak::Partial(n, _, _) => near.contains(&n),
                    Tweak::Value(..) => false,
                });
                within.then(|| self.local_grad(x, tweaks, true))
            }
            Quantity::Derivative(_) | Quantity::Updated(_) | Quantity::ExampleGrad { .. } => None,
        }
    }

    /// `n`'s forward step with some of its operands changed, and its spread.
    fn local_value(&self, n: NodeId, tweaks: &[Tweak]) -> Option<(f64, f64)> {
        let g = &self.net.graph;
        let operands = g.operands(n);
        let mut values: Vec<f64> = operands.iter().map(|&o| self.own(o)).collect();
        let mut moves: Vec<f64> = operands.iter().map(|&o| self.spreads.value(o)).collect();
        for t in tweaks {
            let Tweak::Value(m, v) = *t else {
                return None;
            };
            let mut found = false;
            for (k, &o) in operands.iter().enumerate() {
                if o == m {
                    values[k] = v;
                    moves[k] = 0.0;
                    found = true;
                }
            }
            if !found {
                return None;
            }
        }
        let op = g.node(n).op;
        let out = ops::forward(op, &values[..]);
        Some((out, step_spread(op, &values[..], out, |k| moves[k])))
    }

    /// The gradient of `x` as the reverse pass computes it, `Σ_c ∂c/∂x · grad(c)`, with the
    /// tweaked local derivatives, and its spread (both factors carry one, as in `spread`); a
    /// consumer whose own consumers are tweaked is recomputed too. `top`: the slipped step
    /// itself (its written number is what is being judged, so it is not substituted).
    fn local_grad(&self, x: NodeId, tweaks: &[Tweak], top: bool) -> (f64, f64) {
        if !top {
            if let Some(w) = self.written.grads[x.index()] {
                return (w, self.spreads.grad(x));
            }
        }
        let g = &self.net.graph;
        let (mut sum, mut spread) = (0.0, 0.0);
        for c in g.consumers(x) {
            let tweaked_below = g.consumers(c).iter().any(|d| {
                tweaks
                    .iter()
                    .any(|t| matches!(*t, Tweak::Partial(n, _, _) if n == *d))
            });
            let (grad_c, grad_spread) = if tweaked_below {
                self.local_grad(c, tweaks, false)
            } else {
                (self.base.grads[c.index()], self.spreads.grad(c))
            };
            let operands = g.operands(c);
            let indices: Vec<u32> = operands.iter().map(|o| o.index() as u32).collect();
            let args = Gather {
                values: &self.base.values,
                indices: &indices,
            };
            let op = g.node(c).op;
            let out = self.base.values[c.index()];
            for (k, &o) in operands.iter().enumerate() {
                if o != x {
                    continue;
                }
                let tweak = tweaks.iter().find_map(|t| match *t {
                    Tweak::Partial(n, i, v) if n == c && i == k => Some(v),
                    _ => None,
                });
                let computed = || ops::partial(op, &args, out, k);
                let (p, p_spread) = match tweak {
                    Some(v) => (v, 0.0),
                    None if k == 0 => self.checker.first_partial(
                        self.written,
                        self.base,
                        c,
                        computed(),
                        self.spreads.derivative(c),
                    ),
                    None => {
                        let moves: Vec<f64> =
                            operands.iter().map(|&m| self.spreads.value(m)).collect();
                        let few: Vec<f64> = if operands.len() <= MEASURED_MAX_OPERANDS {
                            operands.iter().map(|&m| self.own(m)).collect()
                        } else {
                            Vec::new()
                        };
                        let out_move = self.spreads.value(c);
                        (
                            computed(),
                            partial_spread(op, &few, out, &moves, out_move, k),
                        )
                    }
                };
                sum += p * grad_c;
                spread += p.abs() * grad_spread + grad_c.abs() * p_spread;
            }
        }
        (sum, spread)
    }
}
