//! Why a step went wrong: a search over small, common mistakes.
//!
//! Each candidate mistake is a concrete change — a weight read as another number, a term
//! dropped, f(z) used for f′(z), a sign flipped, the weight matrix read transposed, a digit
//! dropped when copying — and is *replayed*: the candidate's value for the step comes from the
//! same passes and op rules as everything else (a replay of the calculation with [`Tweak`]s, or an op
//! rule applied to the person's own values). A candidate explains the slip when it reproduces
//! the written number at its written precision. Candidates are tried simplest first; there is
//! no table of known answers.

mod backward;
mod batch;
mod digits;
mod expression;
mod forward;
mod local;
mod softmax;
mod update;

use digits::{digit_slip, power_of_ten, scale_candidates};

use crate::check::precision::rounds_to;
use crate::check::spread::Spreads;
use crate::check::{Checker, Replay, Tweak, Written, accepts, show};
use crate::graph::{NodeId, Role};
use crate::hand::HandValue;
use crate::i18n::{Arg, Message};
use crate::msg;
use crate::net::{Network, Quantity};
use crate::ops::Op;

/// What kind of mistake explains a slip.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// A given number (weight, bias, input) read as another number.
    Misread,
    /// Another value of the calculation used in place of the right one.
    WrongValue,
    /// The sign of the result, or of one term, flipped.
    SignFlipped,
    /// A term of a sum left out.
    TermLeftOut,
    /// A factor of a product left out.
    FactorLeftOut,
    /// f(z) used where f′(z) belongs.
    ActivationForDerivative,
    /// The derivative formula misapplied (e.g. to z instead of f(z)).
    DerivativeFormula,
    /// Another activation function (or its derivative) used.
    WrongActivation,
    /// A weight matrix read transposed.
    Transposed,
    /// Off by a power of ten or a factor of two.
    Scale,
    /// The right number copied with a digit dropped, doubled, swapped or changed.
    Digits,
    /// A nonzero value written as 0 (too small to matter, the person thought).
    Negligible,
    /// Two mistakes in one step, named together.
    TwoMistakes,
    /// A batch's examples combined wrongly: summed instead of averaged (or the reverse),
    /// averaged over the wrong count, or one example's value taken for the batch's.
    BatchCombination,
    /// In a batch averaged by the mean, an example's own δ or gradient divided by the batch
    /// size N: ∂L/∂z of the mean loss written where the example's own `∂L[e]/∂z` belongs.
    DividedByBatchSize,
    /// Nothing simpler explains it.
    Arithmetic,
}

/// A likely cause of a slip.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Cause {
    /// The kind of mistake.
    pub kind: CauseKind,
    /// What happened, as a message for people (render it with
    /// [`Lang::render`](crate::i18n::Lang::render)).
    pub message: Message,
    /// The value the mistake gives for the step (absent for an arithmetic slip).
    pub reproduces: Option<f64>,
}

impl Cause {
    /// What happened, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        lang.render(&self.message)
    }
}

enum Outcome {
    /// The step's value under the mistake, computed directly from the person's values.
    Value(f64),
    /// Replay the calculation with these changes and read the step.
    Replay(Vec<Tweak>),
}

struct Candidate {
    kind: CauseKind,
    message: Message,
    outcome: Outcome,
    /// Lower is likelier: when several mistakes reproduce the written number, the report names
    /// the likeliest and lists the others.
    rank: u8,
    /// Among equally ranked candidates, smaller is likelier (a misread's relative change).
    distance: f64,
    /// The spread scaled for this mistake: a larger learning rate scales the gradient's
    /// rounding with it.
    spread_scale: f64,
    /// For a candidate computed directly, the spread of its own inputs when it is not the
    /// step's (a candidate replayed has its spread measured by the same passes).
    spread: Option<f64>,
}

/// How likely a kind of mistake is, a priori: a dropped term or a derivative mix-up is a more
/// specific explanation than a misread number, which is more specific than a term's sign.
fn rank_of(kind: CauseKind) -> u8 {
    match kind {
        CauseKind::TermLeftOut
        | CauseKind::FactorLeftOut
        | CauseKind::BatchCombination
        | CauseKind::DividedByBatchSize => 1,
        CauseKind::ActivationForDerivative
        | CauseKind::DerivativeFormula
        | CauseKind::WrongActivation => 2,
        CauseKind::Transposed => 3,
        CauseKind::Misread => 4,
        CauseKind::WrongValue => 5,
        CauseKind::SignFlipped => 6,
        CauseKind::Scale => 7,
        CauseKind::Digits | CauseKind::Negligible | CauseKind::Arithmetic => 8,
        CauseKind::TwoMistakes => 9,
    }
}

fn cand(kind: CauseKind, message: Message, outcome: Outcome) -> Candidate {
    Candidate {
        kind,
        message,
        outcome,
        rank: rank_of(kind),
        distance: 0.0,
        spread_scale: 1.0,
        spread: None,
    }
}

/// A misreading of `actual` as `v`: likelier the closer it is; one that changes the sign is
/// really a sign slip and ranks as one.
fn misread(message: Message, actual: f64, v: f64, outcome: Outcome) -> Candidate {
    let mut c = cand(CauseKind::Misread, message, outcome);
    c.distance = (v - actual).abs() / actual.abs().max(1.0);
    if v * actual < 0.0 {
        c.rank = rank_of(CauseKind::SignFlipped);
    }
    c
}

/// Find the likeliest cause of the slip at `q`, where the person wrote `hand`. `spreads`: how
/// far each of the person's values can move given their written precision; `spread`: the
/// step's own, for a candidate computed directly from the person's values.
pub(crate) fn find(
    checker: &Checker,
    written: &Written,
    base: &Replay,
    spreads: &Spreads,
    q: Quantity,
    hand: &HandValue,
    spread: f64,
) -> Cause {
    let net = &checker.net;
    let given = checker.is_given(q);
    let expected = if given {
        checker.net.read(q)
    } else {
        checker.expected(q, base)
    };
    let search = Search {
        checker,
        net,
        written,
        base,
        spreads,
        q,
        expected,
        hand: hand.value,
        hand_figures: hand.sig_figs,
    };
    // A 0 is explained only by a mistake that gives exactly 0, not by one within the spread.
    let exact_zero = hand.value == 0.0;
    // The whole result's sign is the simplest mistake of all.
    let mut candidates = vec![Candidate {
        rank: 0,
        ..cand(
            CauseKind::SignFlipped,
            msg!("cause-sign-flipped"),
            Outcome::Value(-expected),
        )
    }];
    candidates.extend(search.structural());
    // Before the factor 1/2 of `scale_candidates`: in a batch of two it has a name.
    candidates.extend(search.divided_by_batch_size());
    candidates.extend(scale_candidates(expected));
    candidates.extend(power_of_ten(expected, hand.value));
    // Each candidate is judged with the spread of its own inputs: a mistake that leaves out
    // a factor leaves out its spread too (δ6 without f′(z6) is y − f6, known to f6's written
    // figures, not to the tiny spread of the product).
    let mut matches: Vec<(Candidate, f64, f64)> = candidates
        .into_iter()
        .filter_map(|c| {
            let (value, own_spread) = match c.outcome {
                Outcome::Value(v) => (v, c.spread.unwrap_or(spread)),
                Outcome::Replay(ref tweaks) => search.local(tweaks).unwrap_or_else(|| {
                    let replay = checker.replay(written, tweaks);
                    let spreads = checker.spreads_under(written, &replay, tweaks);
                    (checker.expected(q, &replay), spreads.of(q, 1.0))
                }),
            };
            let spread = if exact_zero {
                0.0
            } else {
                own_spread * c.spread_scale
            };
            (value.is_finite() && accepts(&hand.number(), value, spread))
                .then_some((c, value, spread))
        })
        .collect();
    // Likeliest first: by kind, then a candidate that rounds to the written number before one
    // that only a truncated display would show, then the smaller misreading.
    let truncated_only = |v: f64, spread: f64| !rounds_to(&hand.number(), v, spread);
    matches.sort_by(|(a, va, sa), (b, vb, sb)| {
        a.rank
            .cmp(&b.rank)
            .then(truncated_only(*va, *sa).cmp(&truncated_only(*vb, *sb)))
            .then(a.distance.total_cmp(&b.distance))
    });
    if let Some((best, value, _)) = matches.first() {
        let mut others: Vec<Message> = Vec::new();
        for (c, v, _) in &matches[1..] {
            // A bare factor giving the very number the best names (N = 2's "divided by the
            // batch size" is a factor of 1/2) is no other explanation.
            let restates = c.kind == CauseKind::Scale && (v - value).abs() <= 1e-12 * value.abs();
            if c.message != best.message
                && !restates
                && !others.contains(&c.message)
                && others.len() < 3
            {
                others.push(c.message.clone());
            }
        }
        let message = if others.is_empty() {
            best.message.clone()
        } else {
            msg!(
                "cause-also-consistent",
                cause = best.message.clone(),
                others = Arg::List(others)
            )
        };
        return Cause {
            kind: best.kind,
            message,
            // Reading a given number wrongly reproduces it trivially: nothing to show. "As you
            // wrote" is said only of a value that rounds to the written one by itself.
            reproduces: (!given && accepts(&hand.number(), *value, 0.0)).then_some(*value),
        };
    }
    // A small value written as 0; a large one is an arithmetic slip like any other.
    if hand.value == 0.0 && expected.abs() < NEGLIGIBLE {
        return Cause {
            kind: CauseKind::Negligible,
            message: msg!("cause-negligible", value = show(expected)),
            reproduces: None,
        };
    }
    if let Some(message) = digit_slip(expected, hand) {
        return Cause {
            kind: CauseKind::Digits,
            message,
            reproduces: None,
        };
    }
    Cause {
        kind: CauseKind::Arithmetic,
        message: msg!("cause-arithmetic"),
        reproduces: None,
    }
}

/// Below this a value written as 0 was likely thought negligible.
const NEGLIGIBLE: f64 = 1e-2;

struct Search<'a> {
    checker: &'a Checker,
    net: &'a Network,
    written: &'a Written,
    base: &'a Replay,
    spreads: &'a Spreads,
    q: Quantity,
    /// What the step gives from the person's own values.
    expected: f64,
    /// What the person wrote.
    hand: f64,
    /// Significant figures they wrote it with.
    hand_figures: u32,
}

impl Search<'_> {
    /// The name of node `n` in the step being judged (`w(4,6)@2` in step 2).
    fn name(&self, n: NodeId) -> String {
        crate::iteration::step_name(&self.net.name_of(n), self.checker.step)
    }

    /// The person's value of node `n` as carried.
    fn own(&self, n: NodeId) -> f64 {
        self.base.values[n.index()]
    }

    fn structural(&self) -> Vec<Candidate> {
        if self.net.is_expression() {
            return self.expression();
        }
        // A batch's L and gradients combine the examples'; the single-example models of a
        // loss or a weight's gradient (written for one example's nodes) do not apply there,
        // nor to an example's own loss or parameter gradients.
        if self.net.is_batch() {
            match self.q {
                Quantity::Value(n) if self.net.graph.node(n).role == Role::Loss => {
                    return self.batch(self.q);
                }
                Quantity::Grad(p) if self.net.example_of(p).is_none() => {
                    return self.batch(self.q);
                }
                Quantity::ExampleGrad { .. } => return Vec::new(),
                _ => {}
            }
        }
        match self.q {
            Quantity::Value(n) => {
                let op = self.net.graph.node(n).op;
                if op.is_leaf() {
                    // A later step's parameter is the person's own update copied: a copying
                    // slip, not a misreading of the spec.
                    if self.checker.is_given(self.q) {
                        self.given(n)
                    } else {
                        Vec::new()
                    }
                } else if op == Op::WeightedSum {
                    self.weighted_sum(n)
                } else if n == self.net.loss {
                    self.loss()
                } else {
                    self.activation(n)
                }
            }
            Quantity::Derivative(f) => self.derivative(f),
            Quantity::Grad(n) => match self.net.graph.node(n).role {
                Role::Z => self.delta(n),
                Role::Weight => self.weight_gradient(n),
                _ => Vec::new(),
            },
            Quantity::Updated(p) => self.update(p),
            Quantity::ExampleGrad { .. } => Vec::new(),
        }
    }
}

/// The spec's given numbers, as a misreading is judged against them.
#[derive(Clone, Debug)]
pub(crate) struct GivenNumbers {
    /// The most decimals any has (at most 4): a misreading is written like them.
    decimals: i32,
    /// A bound on their size.
    limit: f64,
    /// Every given number, sorted, once each: a number copied from the wrong cell.
    values: Vec<f64>,
}

/// How a person writes the spec's given numbers. A misreading is only offered as a number
/// written like them.
pub(crate) fn given_numbers(net: &Network) -> GivenNumbers {
    let given: Vec<f64> = net
        .graph
        .nodes()
        .filter(|&n| net.graph.node(n).op == Op::Input)
        .map(|n| net.graph.value(n))
        .collect();
    // Formatting every number is the slow part: a sample of them shows the spec's style.
    let step = (given.len() / 1000).max(1);
    let decimals = given
        .iter()
        .step_by(step)
        .map(|&v| decimals_of(v))
        .max()
        .unwrap_or(0)
        .min(4);
    let limit = given.iter().fold(10.0f64, |m, v| m.max(2.0 * v.abs()));
    let mut values = given;
    values.sort_by(f64::total_cmp);
    values.dedup();
    GivenNumbers {
        decimals,
        limit,
        values,
    }
}

impl GivenNumbers {
    /// `v` rounded as the given numbers are written, when it is a number a person could have
    /// read for `actual`: one digit of it changed, added or dropped, its decimal point moved,
    /// its sign lost, or another given number of the spec (copied from the wrong cell). A
    /// number solved to fit the written result is otherwise no reading of anything
    /// ("w(2,3) read as -8.69 instead of -1").
    pub(crate) fn reading(&self, solved: f64, actual: f64) -> Option<f64> {
        let scale = 10f64.powi(self.decimals);
        let v = (solved * scale).round() / scale;
        // A number read as 0 is a term left out, which is its own candidate.
        if !v.is_finite() || v == actual || v == 0.0 || v.abs() > self.limit {
            return None;
        }
        let another_given = self.values.binary_search_by(|g| g.total_cmp(&v)).is_ok();
        (another_given || looks_like(v, actual)).then_some(v)
    }
}

/// Whether `v` written out looks like `actual` written out: the same digits but for one
/// changed, added or dropped, or the same number with its decimal point moved or its sign
/// lost.
fn looks_like(v: f64, actual: f64) -> bool {
    if actual == 0.0 {
        return true;
    }
    let ratio = (v / actual).abs();
    let power_of_ten = (1..=3).any(|k| {
        let p = 10f64.powi(k);
        (ratio - p).abs() <= 1e-9 * p || (ratio - 1.0 / p).abs() <= 1e-9 / p
    });
    let (a, b) = (format!("{}", actual.abs()), format!("{}", v.abs()));
    power_of_ten || a == b || strsim::levenshtein(&a, &b) <= 1
}

/// Decimals in the shortest form of `x` (`2` → 0, `0.15` → 2).
fn decimals_of(x: f64) -> i32 {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, d)| d.len() as i32)
}
