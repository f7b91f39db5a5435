//! Judging a second (third, …) iteration from the person's own updated parameters: error
//! carried forward across steps.
//!
//! A hand file may hold values of several training steps: step 1 under the canonical names,
//! step `k ≥ 2` under `name@k` ([`crate::iteration`]). The number of steps judged is the
//! highest `k` written. Step `k + 1` starts from the person's *own* step-`k` parameters: where
//! they copied one out (`w(4,6)@2`), that number; else their written update (`new_w(4,6)`);
//! else the update their own step-`k` values give. The exact values of step `k + 1` are the
//! exact step-`k` network after its update ([`crate::iteration::next_step`], i.e.
//! [`Network::step`](crate::net::Network::step)); the person's are replayed on the same tape
//! from their parameters. A copied parameter is judged like any step: `carried` when it is
//! their own update, a slip when it is not.
//!
//! A step-`k + 1` value that is right from the person's parameters but differs from the exact
//! value is `carried`, from the slips of step `k` that made their updates differ (`new_w(4,6)`
//! when that update was itself the slip).

use std::collections::HashMap;

use crate::check::{Checker, Judged, Options, Report, Verdict};
use crate::graph::NodeId;
use crate::hand::{HandValue, Unanswered};
use crate::iteration::{split_step, step_name};
use crate::net::Quantity;

/// Where a later step's replay starts.
#[derive(Clone, Debug)]
pub(crate) struct Start {
    /// The leaf values: the exact ones, with each parameter at the person's own update.
    pub(crate) values: Vec<f64>,
    /// Half a unit of each node's start value, by node (the written update's precision, or
    /// the spread of an update computed from the person's values; 0 for a leaf that is not a
    /// parameter).
    pub(crate) half: Vec<f64>,
    /// Each parameter whose start differs from the exact value through a slip, with the
    /// slips (step names) it carries.
    pub(crate) roots: Vec<(NodeId, Vec<String>)>,
}

impl Start {
    /// Half a unit of the start value of leaf `n` (0 for a leaf that is not a parameter).
    pub(crate) fn half_of(&self, n: NodeId) -> f64 {
        self.half[n.index()]
    }
}

/// The number of steps a hand file covers: the highest `k` of its `@k` names (1 without).
pub(crate) fn count(hand: &[HandValue], unanswered: &[Unanswered]) -> usize {
    hand.iter()
        .map(|h| h.name.as_str())
        .chain(unanswered.iter().map(|u| u.name.as_str()))
        .map(|n| split_step(n).1)
        .max()
        .unwrap_or(1)
}

impl Checker {
    /// Judge every step of a file with `@k` names, each from the person's own parameters.
    pub(super) fn check_steps(
        &self,
        hand: &[HandValue],
        unanswered: &[Unanswered],
        options: &Options,
    ) -> Report {
        let n = count(hand, unanswered);
        let mut hands: Vec<Vec<HandValue>> = vec![Vec::new(); n];
        for h in hand {
            let (base, k) = split_step(&h.name);
            hands[k - 1].push(HandValue {
                name: base.to_string(),
                ..h.clone()
            });
        }
        let mut empties: Vec<Vec<Unanswered>> = vec![Vec::new(); n];
        for u in unanswered {
            let (base, k) = split_step(&u.name);
            empties[k - 1].push(Unanswered {
                name: base.to_string(),
                line: u.line,
            });
        }
        let (mut report, judged) = self.check_step(&hands[0], &empties[0], options, None);
        let inherited = Some(judged.convention);
        let mut next = self.next_step(&judged, &report, &hands[0]);
        for k in 2..=n {
            let (mut step, judged) =
                next.check_step(&hands[k - 1], &empties[k - 1], options, inherited);
            let following = (k < n).then(|| next.next_step(&judged, &step, &hands[k - 1]));
            for j in &mut step.judgements {
                j.name = step_name(&j.name, k);
                for input in &mut j.rounding_lost_by {
                    *input = step_name(input, k);
                }
            }
            report.judgements.append(&mut step.judgements);
            report.carried.append(step.carried);
            match following {
                Some(f) => next = f,
                None => break,
            }
        }
        report
    }

    /// The checker of the step after this one, starting from the person's own updates as
    /// judged in `judged` (`report` has this step's verdicts, `hand` its written values under
    /// their canonical names).
    fn next_step(&self, judged: &Judged, report: &Report, hand: &[HandValue]) -> Checker {
        let convention = judged.convention;
        let factor = convention.update_factor();
        // The exact next network: the one update rule, in the person's convention (a loss
        // without its ½ doubles the step).
        let net = if factor == 1.0 {
            crate::iteration::next_step(&self.net)
        } else {
            let mut net = self.net.clone();
            for p in self.net.parameters().collect::<Vec<_>>() {
                let updated = self.exact_in(Quantity::Updated(p), convention);
                net.graph.set_value(p, updated);
            }
            net.evaluate();
            net
        };
        let by_name: HashMap<&str, &HandValue> =
            hand.iter().map(|h| (h.name.as_str(), h)).collect();
        let verdicts: HashMap<&str, &crate::check::Judgement> = report
            .judgements
            .iter()
            .map(|j| (j.name.as_str(), j))
            .collect();
        let mut values = net.graph.values().to_vec();
        let mut half = vec![0.0; values.len()];
        let mut roots = Vec::new();
        let mut computed = Vec::new();
        for p in self.net.parameters() {
            let name = format!("new_{}", self.net.name_of(p));
            let update = Quantity::Updated(p);
            let (v, h) = match by_name.get(name.as_str()) {
                Some(h) => (h.value, h.unit / 2.0),
                None => {
                    computed.push(p);
                    (
                        self.expected_with(update, &judged.base, factor),
                        judged.spreads.of(update, factor),
                    )
                }
            };
            values[p.index()] = v;
            half[p.index()] = h;
            if let Some(j) = verdicts.get(name.as_str()) {
                let from = match j.verdict {
                    Verdict::Slip => vec![step_name(&name, self.step)],
                    Verdict::Carried => j.carried_from.clone(),
                    _ => Vec::new(),
                };
                if !from.is_empty() {
                    roots.push((p, from));
                }
            }
        }
        // Updates the person did not write carry whatever slips feed them.
        let targets: Vec<Quantity> = computed.iter().map(|&p| Quantity::Updated(p)).collect();
        for (p, from) in computed.into_iter().zip(self.influences(judged, &targets)) {
            if !from.is_empty() {
                roots.push((p, from));
            }
        }
        Checker {
            rate: self.rate,
            tape: self.tape.clone(),
            given_numbers: self.given_numbers.clone(),
            step: self.step + 1,
            start: Some(Start {
                values,
                half,
                roots,
            }),
            net,
        }
    }
}
