//! Which slips feed each carried value. Influence is measured, not assumed: with every carried
//! number recomputed from what feeds it, setting one slip right moves exactly the carried
//! steps downstream of it. One replay per slip.
//!
//! From step 2 on, a slip of an earlier step reaches this one through the person's own updated
//! parameters: each parameter that starts away from its exact value is set to it in one more
//! replay, and what moves is carried from that parameter's slips (its roots, [`steps`]).
//!
//! [`steps`]: crate::check::steps

use crate::check::{Checker, Judged, Verdict};
use crate::iteration::step_name;
use crate::net::Quantity;

impl Checker {
    /// Fill `carried_from` of every carried judgement.
    pub(super) fn attribute_carried(&self, judged: &mut Judged) {
        let convention = judged.convention;
        let carried: Vec<usize> = (0..judged.judgements.len())
            .filter(|&k| judged.judgements[k].verdict == Verdict::Carried)
            .collect();
        if carried.is_empty() {
            return;
        }
        let targets: Vec<Quantity> = carried
            .iter()
            .map(|&c| convention.node_of(&self.net, self.quantity(&judged.judgements[c].name)))
            .collect();
        let sources = self.influences(judged, &targets);
        for (&c, names) in carried.iter().zip(sources) {
            judged.judgements[c].carried_from = names;
        }
    }

    /// For each of `targets` (standard convention), the slips that move it — this step's
    /// (named as in the report: `z6@2` in step 2) and an earlier step's, through the
    /// parameters this step starts from — each named once, in the order found.
    pub(super) fn influences(&self, judged: &Judged, targets: &[Quantity]) -> Vec<Vec<String>> {
        let convention = judged.convention;
        let factor = convention.update_factor();
        let node = |name: &str| convention.node_of(&self.net, self.quantity(name));
        let js = &judged.judgements;
        let mut out = vec![Vec::new(); targets.len()];
        // A slip in the written number only feeds nothing: the later steps were judged from
        // what the person's values give for it (it is already left out of `written`).
        let slips: Vec<usize> = (0..js.len())
            .filter(|&k| js[k].verdict == Verdict::Slip && !js[k].written_only)
            .collect();
        let from_before: Vec<_> = self
            .start
            .iter()
            .flat_map(|s| &s.roots)
            // A parameter copied out wrongly in this step is a slip of its own: its value here
            // is the person's copy, not what the earlier step gave.
            .filter(|(p, _)| {
                !slips
                    .iter()
                    .any(|&s| node(&js[s].name) == Quantity::Value(*p))
            })
            .collect();
        if slips.is_empty() && from_before.is_empty() {
            return out;
        }
        // The carried numbers recomputed from their inputs, so a slip's effect passes through.
        let mut open = judged.written.clone();
        for j in js.iter().filter(|j| j.verdict == Verdict::Carried) {
            open.clear(node(&j.name));
        }
        let before = self.replay(&open, &[]);
        let mut record = |after: &crate::check::Replay, names: &[String]| {
            for (t, found) in targets.iter().zip(out.iter_mut()) {
                let (a, b) = (
                    self.expected_with(*t, &before, factor),
                    self.expected_with(*t, after, factor),
                );
                // The same tape on the same numbers gives the same bits: any change is the
                // source's (a step-2 update moves by α·Δg, far below a relative 1e-12).
                if a != b {
                    for n in names {
                        if !found.contains(n) {
                            found.push(n.clone());
                        }
                    }
                }
            }
        };
        for &s in &slips {
            let q = node(&js[s].name);
            let mut corrected = open.clone();
            corrected.set(q, self.exact(q));
            record(
                &self.replay(&corrected, &[]),
                &[step_name(&js[s].name, self.step)],
            );
        }
        // The parameters carrying the same slips are set right together: one replay per set of
        // slips, not per parameter (a slip in an output δ reaches every weight below it).
        let mut groups: Vec<(&Vec<String>, Vec<crate::graph::NodeId>)> = Vec::new();
        for (p, roots) in from_before {
            match groups.iter_mut().find(|(r, _)| *r == roots) {
                Some((_, ps)) => ps.push(*p),
                None => groups.push((roots, vec![*p])),
            }
        }
        for (roots, params) in groups {
            let mut values = self.start_values().to_vec();
            for p in params {
                values[p.index()] = self.net.graph.value(p);
            }
            record(&self.replay_from(values, &open, &[]), roots);
        }
        out
    }
}
