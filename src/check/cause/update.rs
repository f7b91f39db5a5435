//! Mistakes in the SGD update: the step added, α or λ left out, another α, a bias decayed, δ
//! used for the gradient. Every candidate is [`sgd_update`] with one input changed.

use super::{Candidate, CauseKind, Outcome, Search, cand};
use crate::check::show;
use crate::graph::NodeId;
use crate::msg;
use crate::net::sgd_update;

impl Search<'_> {
    /// `new_p = p − α(∂L/∂p + λp)`: the step added, α or λ left out, δ used for ∂L/∂w.
    pub(super) fn update(&self, p: NodeId) -> Vec<Candidate> {
        let (v, g) = (self.own(p), self.base.grads[p.index()]);
        let lr = self.checker.rate;
        let decay = self.net.decay_of(p);
        let name = self.name(p);
        let mut out = vec![
            cand(
                CauseKind::SignFlipped,
                msg!("cause-update-added", name = &name),
                // Added: the same rule with the step's sign turned round.
                Outcome::Value(sgd_update(v, -g, lr, -decay)),
            ),
            cand(
                CauseKind::FactorLeftOut,
                msg!("cause-update-rate-left-out", rate = show(lr)),
                Outcome::Value(sgd_update(v, g, 1.0, decay)),
            ),
        ];
        // Another learning rate: the usual ones, and α off by a power of ten or a factor of 2.
        let rates = [
            1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.03, 0.02, 0.01, 0.005, 0.001,
        ]
        .into_iter()
        .chain([10.0, 0.1, 2.0, 0.5].map(|k| k * lr));
        let mut tried: Vec<f64> = vec![lr, 1.0];
        for rate in rates {
            // 1 is "α left out", above; the same rate twice would be two candidates.
            if tried.iter().any(|t| (t - rate).abs() <= 1e-12 * t.abs()) {
                continue;
            }
            tried.push(rate);
            let mut c = cand(
                CauseKind::Misread,
                msg!(
                    "cause-update-other-rate",
                    used = show(rate),
                    rate = show(lr)
                ),
                Outcome::Value(sgd_update(v, g, rate, decay)),
            );
            c.spread_scale = (rate / lr).max(1.0);
            out.push(c);
        }
        if decay != 0.0 {
            out.push(cand(
                CauseKind::TermLeftOut,
                msg!("cause-update-decay-left-out", name = &name),
                Outcome::Value(sgd_update(v, g, lr, 0.0)),
            ));
        } else if self.net.weight_decay != 0.0 {
            out.push(cand(
                CauseKind::WrongValue,
                msg!("cause-update-bias-decayed", name = &name),
                Outcome::Value(sgd_update(v, g, lr, self.net.weight_decay)),
            ));
        }
        if let Some((l, j, _)) = self.net.weight_position(p) {
            let z = self.net.layers[l].z[j];
            out.push(cand(
                CauseKind::WrongValue,
                msg!(
                    "cause-update-delta-for-gradient",
                    delta = format!("delta{}", self.net.layers[l].neuron(j)),
                    gradient = format!("dL/d{name}")
                ),
                Outcome::Value(sgd_update(v, self.base.grads[z.index()], lr, decay)),
            ));
        }
        out
    }
}
