//! Rounding that destroyed a value: a step right from the person's own numbers, fed by no
//! slip, that their rounding took far from the exact value — `f3` written as `1.000` for
//! σ(10) = 0.99995 makes `f′(z3) = f3·(1 − f3)` come to 0. Rounding is no mistake, so the
//! verdict stays `carried`; the report says which written inputs were rounded too early.

use std::collections::HashMap;

use crate::check::{Carried, Checker, Convention, Judged, Verdict};
use crate::hand::HandValue;

/// A value differs "destructively" from the exact one when rounding moved it by more than
/// half of the value itself (to 0, to the other sign, or to many times its size).
const LOST: f64 = 0.5;

impl Checker {
    /// Fills [`Judgement::rounding_lost_by`](crate::check::Judgement::rounding_lost_by): for
    /// each carried value whose difference comes from rounding alone and exceeds half of the
    /// exact value, the step's written inputs that differ from their exact values.
    pub(super) fn mark_rounding_lost(
        &self,
        judged: &mut Judged,
        by_name: &HashMap<&str, &HandValue>,
        carried: &Carried,
    ) {
        let convention = judged.convention;
        let mut lost: Vec<(String, Vec<String>)> = Vec::new();
        for j in judged.judgements.iter_mut() {
            let destroyed = j.verdict == Verdict::Carried
                && j.carried_from.is_empty()
                && j.exact != 0.0
                && (j.expected - j.exact).abs() > LOST * j.exact.abs();
            if !destroyed {
                continue;
            }
            let Some(entry) = self.net.entry(&j.name) else {
                continue;
            };
            let Some(formula) = crate::derivation::formula(&self.net, entry) else {
                continue;
            };
            // The written inputs that differ from their exact values; of those, the ones
            // whose exact value alone restores the step (f3 for f′(z3), not δ4 rounded to 4
            // figures beside it), when some do.
            let exact = |name: &str| {
                self.net
                    .entry(name)
                    .map(|e| self.exact_in(e.quantity, Convention::STANDARD))
            };
            let differing: Vec<String> = formula
                .names()
                .into_iter()
                .filter(|name| {
                    by_name.get(name.as_str()).is_some_and(|h| {
                        self.net
                            .entry(name)
                            .is_some_and(|e| h.value != self.exact_in(e.quantity, convention))
                    })
                })
                .collect();
            let target = exact(&j.name).unwrap_or(f64::NAN);
            let restores = |input: &str| {
                let lookup = |n: &str| {
                    if n == input {
                        exact(n)
                    } else {
                        carried.get(&self.net, n)
                    }
                };
                formula
                    .eval(&lookup)
                    .is_some_and(|v| (v - target).abs() <= LOST * target.abs())
            };
            let restoring: Vec<String> =
                differing.iter().filter(|n| restores(n)).cloned().collect();
            let rounded = if restoring.is_empty() {
                differing
            } else {
                restoring
            };
            // An input that is itself a value rounding lost (δ3 from f′(z3) = 0) is traced to
            // the number rounded too early (f3 = 1.000): the judgements are in calculation
            // order, so its own inputs are already traced.
            let mut traced: Vec<String> = Vec::new();
            for name in rounded {
                let earlier = lost.iter().find(|(n, _)| *n == name);
                for input in earlier.map_or_else(|| vec![name.clone()], |(_, by)| by.clone()) {
                    if !traced.contains(&input) {
                        traced.push(input);
                    }
                }
            }
            // Said even when no input of the step itself was written: the rounding is further
            // back, and the person is still told.
            j.rounding_lost = true;
            j.rounding_lost_by = traced.clone();
            lost.push((j.name.clone(), traced));
        }
    }
}
