//! A learning rate written in the hand file (`alpha,0.5`, `α,0.5`): the rate the person says
//! they used. As an examiner marks a misread given number, a rate other than the spec's is a
//! slip (the spec's α misread), and their updates are judged under their own rate, error
//! carried forward: an update right under it is `carried` from `alpha`, not a new slip. The
//! exact values keep the spec's rate. One number, so it is judged here, outside the graph.

use crate::check::{Cause, CauseKind, Checker, Judgement, Options, Report, Verdict, accepts, show};
use crate::hand::{HandValue, LEARNING_RATE, Unanswered};
use crate::msg;

impl Checker {
    /// The report for a hand file that states its learning rate, or `None` when it does not.
    pub(super) fn check_stated_rate(
        &self,
        hand: &[HandValue],
        unanswered: &[Unanswered],
        options: &Options,
    ) -> Option<Report> {
        let stated = hand.iter().find(|h| h.name == LEARNING_RATE)?;
        let rest: Vec<HandValue> = hand
            .iter()
            .filter(|h| h.name != LEARNING_RATE)
            .cloned()
            .collect();
        let spec = self.net.learning_rate;
        let right = accepts(&stated.number(), spec, 0.0);
        // A rate that cannot be one (0, negative) is judged a slip but not worked with.
        let usable = stated.value.is_finite() && stated.value > 0.0;
        let mut report = if right || !usable {
            self.check_with(&rest, unanswered, options)
        } else {
            // The network is copied for the person's rate: hand files that state one are
            // hand-sized calculations.
            let own = Checker {
                rate: stated.value,
                ..self.clone()
            };
            own.check_with(&rest, unanswered, options)
        };
        let slip = !right;
        if slip && usable {
            // Every update, and every value of a later step, follows from the person's rate.
            for j in report.judgements.iter_mut() {
                let follows = j.name.starts_with("new_") || j.step > 1;
                if follows && j.verdict == Verdict::Carried {
                    j.carried_from.insert(0, LEARNING_RATE.to_string());
                }
            }
        }
        report.judgements.insert(
            0,
            Judgement {
                name: LEARNING_RATE.to_string(),
                step: 1,
                verdict: if slip { Verdict::Slip } else { Verdict::Ok },
                written: stated.written.clone(),
                hand: Some(stated.value),
                expected: spec,
                exact: spec,
                cause: slip.then(|| Cause {
                    kind: CauseKind::Misread,
                    message: msg!(
                        "cause-rate-misread",
                        read = show(stated.value),
                        rate = show(spec)
                    ),
                    reproduces: None,
                }),
                carried_from: Vec::new(),
                written_only: false,
                rounding_lost: false,
                rounding_lost_by: Vec::new(),
                line: stated.line,
            },
        );
        Some(report)
    }
}
