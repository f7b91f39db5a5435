//! Which slips feed each carried value. Influence is measured, not assumed: with every carried
//! number recomputed from what feeds it, setting one slip right moves exactly the carried
//! steps downstream of it. One replay per slip.

use crate::check::{Checker, Judged, Verdict};

impl Checker {
    /// Fill `carried_from` of every carried judgement.
    pub(super) fn attribute_carried(&self, judged: &mut Judged) {
        let convention = judged.convention;
        let factor = convention.update_factor();
        let node = |name: &str| convention.node_of(&self.net, self.quantity(name));
        let js = &mut judged.judgements;
        let slips: Vec<usize> = (0..js.len())
            .filter(|&k| js[k].verdict == Verdict::Slip)
            .collect();
        let carried: Vec<usize> = (0..js.len())
            .filter(|&k| js[k].verdict == Verdict::Carried)
            .collect();
        if slips.is_empty() || carried.is_empty() {
            return;
        }
        // The carried numbers recomputed from their inputs, so a slip's effect passes through.
        let mut open = judged.written.clone();
        for &c in &carried {
            open.clear(node(&js[c].name));
        }
        let before = self.replay(&open, &[]);
        for &s in &slips {
            let q = node(&js[s].name);
            let mut corrected = open.clone();
            corrected.set(q, self.net.read(q));
            let after = self.replay(&corrected, &[]);
            let name = js[s].name.clone();
            for &c in &carried {
                let cq = node(&js[c].name);
                let (a, b) = (
                    self.expected_with(cq, &before, factor),
                    self.expected_with(cq, &after, factor),
                );
                if (a - b).abs() > 1e-12 * a.abs().max(b.abs()) {
                    js[c].carried_from.push(name.clone());
                }
            }
        }
    }
}
