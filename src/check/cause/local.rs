//! Evaluating a candidate mistake on the cone between it and the slipped step, instead of
//! replaying the whole calculation: a forward step from its operands, a gradient from its
//! consumers (and theirs, one level further). Both use the op rules of [`ops`] on the
//! person's carried values, exactly as the replay's observer would; a candidate outside that
//! cone is replayed in full.

use crate::check::Tweak;
use crate::graph::NodeId;
use crate::net::Quantity;
use crate::ops::{self, Gather};

use super::Search;

impl Search<'_> {
    /// The slipped step's value under `tweaks`, if they lie within its cone.
    pub(super) fn local(&self, tweaks: &[Tweak]) -> Option<f64> {
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

    /// `n`'s forward step with some of its operands changed.
    fn local_value(&self, n: NodeId, tweaks: &[Tweak]) -> Option<f64> {
        let g = &self.net.graph;
        let operands = g.operands(n);
        let mut values: Vec<f64> = operands.iter().map(|&o| self.own(o)).collect();
        for t in tweaks {
            let Tweak::Value(m, v) = *t else {
                return None;
            };
            let mut found = false;
            for (k, &o) in operands.iter().enumerate() {
                if o == m {
                    values[k] = v;
                    found = true;
                }
            }
            if !found {
                return None;
            }
        }
        Some(ops::forward(g.node(n).op, &values[..]))
    }

    /// The gradient of `x` as the reverse pass computes it, `Σ_c ∂c/∂x · grad(c)`, with the
    /// tweaked local derivatives; a consumer whose own consumers are tweaked is recomputed too.
    /// `top`: the slipped step itself (its written number is what is being judged, so it is
    /// not substituted).
    fn local_grad(&self, x: NodeId, tweaks: &[Tweak], top: bool) -> f64 {
        if !top {
            if let Some(w) = self.written.grads[x.index()] {
                return w;
            }
        }
        let g = &self.net.graph;
        let mut sum = 0.0;
        for c in g.consumers(x) {
            let tweaked_below = g.consumers(c).iter().any(|d| {
                tweaks
                    .iter()
                    .any(|t| matches!(*t, Tweak::Partial(n, _, _) if n == *d))
            });
            let grad_c = if tweaked_below {
                self.local_grad(c, tweaks, false)
            } else {
                self.base.grads[c.index()]
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
                let written = if k == 0 {
                    self.written.derivatives[c.index()]
                } else {
                    None
                };
                let p = tweak
                    .or(written)
                    .unwrap_or_else(|| ops::partial(op, &args, out, k));
                sum += p * grad_c;
            }
        }
        sum
    }
}
