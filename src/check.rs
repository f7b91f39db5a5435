//! Checking a hand calculation step by step, as an examiner marks: error carried forward.
//!
//! Every hand value is judged twice: against the exact value, and against what follows from the
//! person's *own* earlier values. Both come from the one engine: the exact values from a plain
//! forward and reverse pass, the person's expected values from the same passes with an
//! observer that substitutes each hand-written number as soon as the pass reaches it
//! ([`replay`]). A value the person did not write is computed from the values they did (so a
//! skipped step never turns a carried error into a new one).
//!
//! A value is right when it is the correct rounding, at the significant figures written, of
//! its target ([`precision`]): the exact value, or — for the carried-forward judgement — any
//! value the step can take given the person's own inputs, which are themselves only known to
//! their written precision (`spread`).
//!
//! A **slip** is a step that is wrong given the person's own inputs; **carried** is a step that
//! is right given them but differs from the exact value; **ok** is right; **convention** is
//! right under a consistent convention of the person's that differs from the spec's
//! ([`convention`]); **unanswered** is a row left empty. For each slip a search over small,
//! common mistakes finds a likely cause ([`cause`]); the slips that feed each carried value are
//! found by replaying with the slip set right (`attribute`).

use std::collections::HashMap;

use crate::format;
use crate::graph::{NodeId, Role};
use crate::hand::{HandValue, Sheet, Unanswered};
use crate::net::{Network, Quantity, sgd_update};

mod attribute;
pub mod cause;
pub mod class;
pub mod convention;
pub mod precision;
mod rate;
pub mod replay;
pub mod report;
mod rounding;
mod spread;
mod steps;

pub use cause::{Cause, CauseKind};
pub use convention::Convention;
pub use precision::accepts;
pub use replay::{Replay, Tweak, Written};

/// The verdict on one value of the calculation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Agrees with the exact value at its written precision.
    Ok,
    /// Wrong given the person's own inputs to the step: a new error.
    Slip,
    /// Right given the person's own inputs, different from the exact value because an earlier
    /// slip (or their own rounding) fed it.
    Carried,
    /// Right under the person's own consistent convention (another sign of δ, the loss without
    /// its ½, …), which differs from the spec's.
    Convention,
    /// The row was left empty.
    Unanswered,
}

impl Verdict {
    /// Every verdict, in report order.
    pub const ALL: [Verdict; 5] = [
        Verdict::Ok,
        Verdict::Slip,
        Verdict::Carried,
        Verdict::Convention,
        Verdict::Unanswered,
    ];

    /// The stable key (`ok`, `slip`, `carried`, `convention`, `unanswered`), as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Slip => "slip",
            Verdict::Carried => "carried",
            Verdict::Convention => "convention",
            Verdict::Unanswered => "unanswered",
        }
    }
}

/// One judged value.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Judgement {
    /// Canonical name (with `@k` in step `k ≥ 2`: `z4@2`).
    pub name: String,
    /// The training step it belongs to (1 unless the file has `@k` names).
    pub step: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// The value as the person wrote it (empty when unanswered).
    pub written: String,
    /// That value as a number (none when unanswered).
    pub hand: Option<f64>,
    /// What the step gives from the person's own earlier values (in their convention).
    pub expected: f64,
    /// The exact value (in their convention).
    pub exact: f64,
    /// For a slip, its likely cause.
    pub cause: Option<Cause>,
    /// For a carried value, the slips that feed it (empty: only the person's rounding did),
    /// in this step or an earlier one (through the person's own updated parameters).
    pub carried_from: Vec<String>,
    /// For a slip, whether only the number *as written* is wrong: the later steps go on from
    /// what the person's own values give for it (a sign or digit lost in copying it down), so
    /// they are judged from that and the slip is carried on to nothing.
    pub written_only: bool,
    /// For a carried value, whether the person's rounding alone took it far from the exact
    /// value (to 0, or by more than half of it): figures were dropped too early (`rounding`).
    pub rounding_lost: bool,
    /// Then the step's written inputs that differ from their exact values (the ones to keep
    /// more figures of); empty when the rounding is further back.
    pub rounding_lost_by: Vec<String>,
    /// Line of the hand file.
    pub line: u64,
}

/// The result of checking a hand calculation.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// One judgement per row of the sheet, in calculation order.
    pub judgements: Vec<Judgement>,
    /// Every canonical value as the person's calculation has it: their number where they wrote
    /// one, otherwise computed from their numbers. Used to show a step with their values.
    pub carried: Carried,
    /// The convention the calculation was judged under (the standard one unless the person's
    /// differs or one was declared).
    pub convention: Convention,
    /// Whether that convention was declared up front (`--convention`) rather than recognised.
    pub declared: bool,
}

/// Every canonical value of every step as the person's calculation has it ([`Report::carried`]):
/// one number per entry of the network, in the order of [`Network::entries`], for each step.
/// Kept by position, not by name: a wide network has hundreds of thousands of entries, and
/// copying each name into a map cost a one-value `check` of 10-4000-10 an eighth of its
/// instructions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Carried {
    /// Step `k`'s numbers at `k − 1`.
    steps: Vec<Vec<f64>>,
}

impl Carried {
    /// The number for `name` (`z4`, or `z4@2` for step 2) in the person's calculation on `net`
    /// (the network the report is about: every step's network has its entries).
    pub fn get(&self, net: &Network, name: &str) -> Option<f64> {
        let (base, k) = crate::iteration::split_step(name);
        let position = net.entry_position(base)?;
        self.steps.get(k - 1)?.get(position).copied()
    }

    /// The next step's numbers after these.
    fn append(&mut self, next: Carried) {
        self.steps.extend(next.steps);
    }
}

impl Report {
    /// Number of slips.
    pub fn slips(&self) -> usize {
        self.count(Verdict::Slip)
    }

    /// Number of judgements with `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.judgements
            .iter()
            .filter(|j| j.verdict == verdict)
            .count()
    }

    /// The judgement of `name`, if it was judged.
    pub fn get(&self, name: &str) -> Option<&Judgement> {
        self.judgements.iter().find(|j| j.name == name)
    }

    /// Exit status of `deltagraph check`: 0 when no slip, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.slips() > 0)
    }

    /// The number of training steps judged (the highest `k` of the `@k` names; 1 without).
    pub fn steps(&self) -> usize {
        self.judgements.iter().map(|j| j.step).max().unwrap_or(1)
    }
}

/// How to judge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// A convention declared up front: values are judged under it without remark. `None`:
    /// the standard convention, or the person's own when it is recognised.
    pub convention: Option<Convention>,
}

/// Checks hand calculations against one network. Build once, check many files.
#[derive(Clone)]
pub struct Checker {
    /// The network, evaluated: its values are the exact ones.
    net: Network,
    /// Its tape, compiled once; every replay runs it on a copy of the value array.
    tape: crate::autodiff::Tape,
    /// The spec's given numbers, for misreadings ([`cause::given_numbers`]).
    given_numbers: cause::GivenNumbers,
    /// The training step this checker judges: 1 for the spec's network, `k` for the network
    /// after `k − 1` updates (its values are named `z4@k`).
    step: usize,
    /// For step `k ≥ 2`: the person's own parameters to start the replay from.
    start: Option<steps::Start>,
    /// The learning rate the person's own updates are worked with: the spec's, or the one
    /// their hand file states (`alpha,0.5`; see `rate`). Exact values keep the spec's.
    rate: f64,
}

/// One judgement pass under one convention, with what the causes and attribution need.
struct Judged {
    judgements: Vec<Judgement>,
    written: Written,
    base: Replay,
    spreads: spread::Spreads,
    convention: Convention,
}

impl Judged {
    fn slips(&self) -> usize {
        self.judgements
            .iter()
            .filter(|j| j.verdict == Verdict::Slip)
            .count()
    }
}

impl Checker {
    /// A checker for `net` (its leaves as the spec gives them).
    pub fn new(net: &Network) -> Checker {
        Checker::from_network(net.clone())
    }

    /// A checker that takes `net` over (its leaves as the spec gives them): no copy of a
    /// network that is only checked against, which at a million weights is most of the
    /// memory a check takes.
    pub fn from_network(mut net: Network) -> Checker {
        net.evaluate();
        let tape = net.graph.tape().clone();
        let given_numbers = cause::given_numbers(&net);
        Checker {
            rate: net.learning_rate,
            net,
            tape,
            given_numbers,
            step: 1,
            start: None,
        }
    }

    /// The network being checked against (evaluated).
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// Judge every hand value, recognising a convention of the person's.
    pub fn check(&self, hand: &[HandValue]) -> Report {
        self.check_with(hand, &[], &Options::default())
    }

    /// Judge a sheet as read (its values and its unanswered rows).
    pub fn check_sheet(&self, sheet: &Sheet, options: &Options) -> Report {
        self.check_with(&sheet.values, &sheet.unanswered, options)
    }

    /// Judge `hand` values and list `unanswered` rows, with `options`.
    ///
    /// Names with `@k` (`z4@2`, `new_w(4,6)@2`) are values of training step `k`: step `k + 1`
    /// is judged from the person's own step-`k` updates (the `steps` module).
    pub fn check_with(
        &self,
        hand: &[HandValue],
        unanswered: &[Unanswered],
        options: &Options,
    ) -> Report {
        if let Some(report) = self.check_stated_rate(hand, unanswered, options) {
            return report;
        }
        if steps::count(hand, unanswered) > 1 {
            return self.check_steps(hand, unanswered, options);
        }
        self.check_step(hand, unanswered, options, None).0
    }

    /// Judge one step's values (canonical names without `@k`). `inherited`: the convention
    /// step 1 was judged under, for a later step (a convention recognised there is still
    /// marked, but not searched for again).
    fn check_step(
        &self,
        hand: &[HandValue],
        unanswered: &[Unanswered],
        options: &Options,
        inherited: Option<Convention>,
    ) -> (Report, Judged) {
        let by_name: HashMap<&str, &HandValue> =
            hand.iter().map(|h| (h.name.as_str(), h)).collect();
        let first = inherited
            .or(options.convention)
            .unwrap_or(Convention::STANDARD);
        let standard = self.judge(hand, &by_name, first);
        let mut chosen = None;
        if options.convention.is_none()
            && inherited.is_none()
            && !self.net.is_expression()
            && self.convention_may_explain(&standard)
        {
            for c in Convention::candidates(&self.net).into_iter().skip(1) {
                let judged = self.judge(hand, &by_name, c);
                let best = chosen.as_ref().unwrap_or(&standard).slips();
                if judged.slips() < best && self.convention_evidence(&judged) >= 2 {
                    chosen = Some(judged);
                }
            }
        }
        let recognised = chosen.is_some()
            || (options.convention.is_none() && inherited.is_some_and(|c| !c.is_standard()));
        let mut judged = chosen.unwrap_or(standard);
        if recognised {
            // Values the convention changes, right under it: said once, as a convention.
            for j in judged.judgements.iter_mut() {
                let q = self.quantity(&j.name);
                if j.verdict == Verdict::Ok && judged.convention.changes(&self.net, q) {
                    let std_exact = self.exact_in(q, Convention::STANDARD);
                    let n = by_name[j.name.as_str()].number();
                    if !accepts(&n, std_exact, 0.0) {
                        j.verdict = Verdict::Convention;
                    }
                }
            }
        }
        self.find_causes(&mut judged, &by_name);
        self.attribute_carried(&mut judged);
        let carried = self.carried_values(&judged.written, &judged.base, &by_name);
        self.mark_rounding_lost(&mut judged, &by_name, &carried);
        let mut judgements = judged.judgements.clone();
        self.add_unanswered(&mut judgements, unanswered, &judged.base, judged.convention);
        let report = Report {
            judgements,
            carried,
            convention: judged.convention,
            declared: options.convention.is_some(),
        };
        (report, judged)
    }

    /// Judge every hand value under one convention (no causes yet).
    fn judge(
        &self,
        hand: &[HandValue],
        by_name: &HashMap<&str, &HandValue>,
        convention: Convention,
    ) -> Judged {
        let written = self.written(hand, convention);
        let base = self.replay(&written, &[]);
        let spreads = self.spreads(&written, &base);
        let judgements = self.verdicts(by_name, convention, &base, &spreads);
        let mut judged = Judged {
            judgements,
            written,
            base,
            spreads,
            convention,
        };
        self.find_written_only_slips(&mut judged, by_name);
        judged
    }

    /// Marks the slips whose written number the later steps did not use
    /// ([`Judgement::written_only`]), and judges those steps from what the person's values
    /// give instead. A slip is taken as written only when replaying without its number turns
    /// some later slip right and nothing right into a slip: a sign lost in writing δ6 down,
    /// with δ4 and δ5 worked from the right one, is one slip, not three (and not a reason to
    /// read the whole calculation in another sign convention).
    fn find_written_only_slips(&self, judged: &mut Judged, by_name: &HashMap<&str, &HandValue>) {
        // Each try is a replay and its spreads, a pass over the graph: at most 16 of them, and
        // on a big network as many as 2 million node visits allow (a sheet with more slips
        // is judged as written past them). Hand calculations have a few slips; a generated
        // file on a 300-300-10 network must not take minutes.
        let tries = (2_000_000 / self.net.graph.len().max(1)).clamp(1, 16);
        let slips: Vec<usize> = (0..judged.judgements.len())
            .filter(|&k| judged.judgements[k].verdict == Verdict::Slip)
            .collect();
        // The last slip has no later slip to explain.
        let Some((_, candidates)) = slips.split_last() else {
            return;
        };
        if candidates.is_empty() {
            return;
        }
        let convention = judged.convention;
        // The node each slip overrides (judgement positions stay the same from try to try).
        let nodes: Vec<Quantity> = slips
            .iter()
            .map(|&k| convention.node_of(&self.net, self.quantity(&judged.judgements[k].name)))
            .collect();
        // First all of them at once: when no later slip comes right with every slip's number
        // left out (the usual case: slips that do not feed each other), none is written only,
        // and one replay settled it.
        let mut without_all = judged.written.clone();
        for &q in &nodes {
            without_all.clear(q);
        }
        let base = self.replay(&without_all, &[]);
        let spreads = self.spreads(&without_all, &base);
        let trial = self.verdicts(by_name, convention, &base, &spreads);
        if slips.iter().all(|&t| trial[t].verdict == Verdict::Slip) {
            return;
        }
        for (&s, &q) in candidates.iter().zip(&nodes).take(tries) {
            if judged.judgements[s].verdict != Verdict::Slip {
                continue;
            }
            let mut written = judged.written.clone();
            written.clear(q);
            let base = self.replay(&written, &[]);
            let spreads = self.spreads(&written, &base);
            let mut trial = self.verdicts(by_name, convention, &base, &spreads);
            let (mut righted, mut broken) = (false, false);
            for (k, (before, after)) in judged.judgements.iter().zip(&trial).enumerate() {
                match (before.verdict, after.verdict) {
                    _ if k == s => {}
                    (Verdict::Slip, Verdict::Slip) => {}
                    (Verdict::Slip, _) => righted = true,
                    (_, Verdict::Slip) => broken = true,
                    _ => {}
                }
            }
            if righted && !broken {
                for (after, before) in trial.iter_mut().zip(&judged.judgements) {
                    after.written_only = before.written_only;
                }
                trial[s].written_only = true;
                judged.judgements = trial;
                judged.written = written;
                judged.base = base;
                judged.spreads = spreads;
            }
        }
    }

    /// The verdict on every hand value given the person's calculation as carried (`base`)
    /// and its spreads, in `convention` (no causes yet).
    fn verdicts(
        &self,
        by_name: &HashMap<&str, &HandValue>,
        convention: Convention,
        base: &Replay,
        spreads: &spread::Spreads,
    ) -> Vec<Judgement> {
        let mut judgements = Vec::with_capacity(by_name.len());
        for entry in self.net.entries() {
            let Some(h) = by_name.get(entry.name) else {
                continue;
            };
            let q = entry.quantity;
            let (exact, expected, spread) = self.targets(q, convention, base, spreads);
            let given = self.is_given(q);
            let n = h.number();
            let verdict = if accepts(&n, exact, 0.0) {
                Verdict::Ok
            } else if !given && accepts(&n, expected, spread) {
                Verdict::Carried
            } else {
                Verdict::Slip
            };
            judgements.push(Judgement {
                name: entry.name.to_string(),
                step: self.step,
                verdict,
                written: h.written.clone(),
                hand: Some(h.value),
                expected: if given { exact } else { expected },
                exact,
                cause: None,
                carried_from: Vec::new(),
                written_only: false,
                rounding_lost: false,
                rounding_lost_by: Vec::new(),
                line: h.line,
            });
        }
        judgements
    }

    /// The exact value of `q`, the value from the person's own values in `base`, and its
    /// spread, all in `convention`.
    fn targets(
        &self,
        q: Quantity,
        convention: Convention,
        base: &Replay,
        spreads: &spread::Spreads,
    ) -> (f64, f64, f64) {
        let node = convention.node_of(&self.net, q);
        let scale = convention.scale(&self.net, q);
        let factor = convention.update_factor();
        (
            self.exact_in(q, convention),
            scale * self.expected_with(node, base, factor),
            scale.abs() * spreads.of(node, factor),
        )
    }

    /// The exact value of `q` as written in `convention`.
    fn exact_in(&self, q: Quantity, convention: Convention) -> f64 {
        let node = convention.node_of(&self.net, q);
        let scale = convention.scale(&self.net, q);
        let exact = match node {
            Quantity::Updated(p) => sgd_update(
                self.net.graph.value(p),
                convention.update_factor() * self.net.graph.grad(p),
                self.net.learning_rate,
                self.net.decay_of(p),
            ),
            _ => self.exact(node),
        };
        scale * exact
    }

    /// The exact value of quantity `q` in the standard convention, as the checker keys it: in
    /// a batch, the gradient of an example's own node is the example's own (δ[e], from
    /// `L[e]`), as the replay keeps it.
    pub(crate) fn exact(&self, q: Quantity) -> f64 {
        match q {
            Quantity::Grad(n) => match self.net.example_of(n) {
                Some(example) => self.net.read(Quantity::ExampleGrad { example, node: n }),
                None => self.net.read(q),
            },
            _ => self.net.read(q),
        }
    }

    /// Whether another convention could explain some slip: one is in L, a δ (an example's
    /// too), a gradient or an update.
    fn convention_may_explain(&self, judged: &Judged) -> bool {
        judged.judgements.iter().any(|j| {
            j.verdict == Verdict::Slip
                && matches!(
                    self.quantity(&j.name),
                    Quantity::Grad(_) | Quantity::Updated(_) | Quantity::ExampleGrad { .. }
                ) | (self.quantity(&j.name) == Quantity::Value(self.net.loss))
        })
    }

    /// How many written values a convention reads differently and finds right. One is no
    /// pattern: δ6 = f6 − y alone is the classic slip (f′ left out), not δ taken as ∂L/∂f;
    /// δ6, δ4 and δ5 all without it are.
    fn convention_evidence(&self, judged: &Judged) -> usize {
        judged
            .judgements
            .iter()
            .filter(|j| {
                j.verdict != Verdict::Slip
                    && judged.convention.changes(&self.net, self.quantity(&j.name))
            })
            .count()
    }

    /// A likely cause for every slip, searched with everything else as the person wrote it.
    fn find_causes(&self, judged: &mut Judged, by_name: &HashMap<&str, &HandValue>) {
        let convention = judged.convention;
        for j in judged
            .judgements
            .iter_mut()
            .filter(|j| j.verdict == Verdict::Slip)
        {
            let h = by_name[j.name.as_str()];
            let q = self.quantity(&j.name);
            let node = convention.node_of(&self.net, q);
            let scale = convention.scale(&self.net, q);
            // The search works in the standard convention: the person's number converted.
            let converted = HandValue {
                value: h.value / scale,
                unit: h.unit / scale.abs(),
                ..h.clone()
            };
            let spread = judged.spreads.of(node, convention.update_factor());
            let mut cause = cause::find(
                self,
                &judged.written,
                &judged.base,
                &judged.spreads,
                node,
                &converted,
                spread,
            );
            if let Some(v) = cause.reproduces.as_mut() {
                *v *= scale;
            }
            j.cause = Some(cause);
        }
    }

    /// The unanswered rows as judgements, in calculation order among the others: only the
    /// values to compute (a given value left empty is no unanswered step; the worksheet page
    /// and the report count the same way).
    fn add_unanswered(
        &self,
        judgements: &mut Vec<Judgement>,
        unanswered: &[Unanswered],
        base: &Replay,
        convention: Convention,
    ) {
        if unanswered.is_empty() {
            return;
        }
        let position: HashMap<&str, usize> = self
            .net
            .entries()
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name, i))
            .collect();
        let factor = convention.update_factor();
        for u in unanswered {
            let q = self.quantity(&u.name);
            if self.is_given(q) {
                continue;
            }
            let node = convention.node_of(&self.net, q);
            let exact = self.exact_in(q, convention);
            let expected = if self.is_given(q) {
                exact
            } else {
                convention.scale(&self.net, q) * self.expected_with(node, base, factor)
            };
            judgements.push(Judgement {
                name: u.name.clone(),
                step: self.step,
                verdict: Verdict::Unanswered,
                written: String::new(),
                hand: None,
                expected,
                exact,
                cause: None,
                carried_from: Vec::new(),
                written_only: false,
                rounding_lost: false,
                rounding_lost_by: Vec::new(),
                line: u.line,
            });
        }
        judgements.sort_by_key(|j| position.get(j.name.as_str()).copied());
    }

    /// Every canonical value as the person's calculation has it (standard convention).
    fn carried_values(
        &self,
        written: &Written,
        base: &Replay,
        by_name: &HashMap<&str, &HandValue>,
    ) -> Carried {
        let values = self
            .net
            .entries()
            .iter()
            .map(|e| match e.quantity {
                Quantity::Value(n) => base.values[n.index()],
                Quantity::Derivative(f) => written
                    .derivative(f)
                    .unwrap_or_else(|| self.expected(e.quantity, base)),
                Quantity::Grad(n) => base.grads[n.index()],
                Quantity::ExampleGrad { example, node } => match base.example_grads.get(example) {
                    Some(g) if self.net.example_of(node) != Some(example) => g[node.index()],
                    _ => base.grads[node.index()],
                },
                Quantity::Updated(_) => by_name
                    .get(e.name)
                    .map_or_else(|| self.expected(e.quantity, base), |h| h.value),
            })
            .collect();
        Carried {
            steps: vec![values],
        }
    }

    fn quantity(&self, name: &str) -> Quantity {
        self.net
            .entry(name)
            .expect("judged names are entries")
            .quantity
    }

    /// Whether `q` is a given value (input, target, parameter) rather than a computed step.
    /// From step 2 on a parameter is not given: it is the person's own update of the step
    /// before, copied.
    fn is_given(&self, q: Quantity) -> bool {
        matches!(q, Quantity::Value(n) if self.net.graph.node(n).op.is_leaf()
            && !(self.step > 1 && matches!(role(&self.net, n), Role::Weight | Role::Bias)))
    }
}

/// Human-readable number for reports: 15 significant digits.
pub(crate) fn show(x: f64) -> String {
    format::significant(x, 15)
}

/// `x` at `n` significant figures, trailing zeros kept (`1.0`, not `1`), for a cause that
/// compares digits.
pub(crate) fn show_figures(x: f64, n: usize) -> String {
    format::figures(x, n.clamp(1, 17))
}

/// The role of a node, for cause descriptions.
pub(crate) fn role(net: &Network, n: NodeId) -> Role {
    net.graph.node(n).role
}
