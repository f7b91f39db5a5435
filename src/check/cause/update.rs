//! Mistakes in the SGD update: the step added, α or λ left out, a bias decayed, δ used for the
//! gradient. Every candidate is [`sgd_update`] with one input changed.

use super::{Candidate, CauseKind, Outcome, Search, cand};
use crate::check::show;
use crate::graph::NodeId;
use crate::net::sgd_update;

impl Search<'_> {
    /// `new_p = p − α(∂L/∂p + λp)`: the step added, α or λ left out, δ used for ∂L/∂w.
    pub(super) fn update(&self, p: NodeId) -> Vec<Candidate> {
        let (v, g) = (self.own(p), self.base.grads[p.index()]);
        let lr = self.net.learning_rate;
        let decay = self.net.decay_of(p);
        let name = self.name(p);
        let mut out = vec![
            cand(
                CauseKind::SignFlipped,
                format!("the step was added to {name} instead of subtracted"),
                Outcome::Value(v + lr * (g + decay * v)),
            ),
            cand(
                CauseKind::FactorLeftOut,
                format!("the learning rate α = {} was left out", show(lr)),
                Outcome::Value(sgd_update(v, g, 1.0, decay)),
            ),
        ];
        if decay != 0.0 {
            out.push(cand(
                CauseKind::TermLeftOut,
                format!("the weight decay λ·{name} was left out"),
                Outcome::Value(sgd_update(v, g, lr, 0.0)),
            ));
        } else if self.net.weight_decay != 0.0 {
            out.push(cand(
                CauseKind::WrongValue,
                format!("the bias {name} was decayed (weight decay applies to weights only)"),
                Outcome::Value(sgd_update(v, g, lr, self.net.weight_decay)),
            ));
        }
        if let Some((l, j, _)) = self.net.weight_position(p) {
            let z = self.net.layers[l].z[j];
            out.push(cand(
                CauseKind::WrongValue,
                format!(
                    "delta{} was used where dL/d{name} belongs",
                    self.net.layers[l].neuron(j)
                ),
                Outcome::Value(sgd_update(v, self.base.grads[z.index()], lr, decay)),
            ));
        }
        out
    }
}
