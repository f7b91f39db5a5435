//! Properties of the checker on random networks.
//!
//! - The exact values, written at any precision, contain no slip.
//! - One value changed beyond its written precision, with everything after it computed from
//!   the changed value (as a person carrying their own numbers would), is a slip at exactly
//!   that step, and every later value that differs from the exact one is carried from it.
//! - The order of the rows does not matter.
//!
//! The "person" is simulated with the plain engine and an [`Observer`] that replaces one value
//! as the passes reach it; the checker's judgement is what is tested.

use deltagraph::autodiff::Observer;
use deltagraph::check::{Checker, Report, Verdict};
use deltagraph::graph::NodeId;
use deltagraph::hand::{self, HandValue};
use deltagraph::net::{Network, Quantity, Stage};
use deltagraph::spec::{Activation, LayerSpec, Loss, Spec, ValidSpec};
use proptest::prelude::*;

fn arb_spec() -> impl Strategy<Value = ValidSpec> {
    let sizes = prop::collection::vec(1usize..=3, 1..=3);
    (
        1usize..=3,
        sizes,
        0..Activation::ALL.len(),
        0..Loss::ALL.len(),
        any::<u64>(),
    )
        .prop_map(|(inputs, sizes, act, loss, seed)| {
            // A small deterministic generator of weights in [-3, 3]: large enough to saturate
            // sigmoids and cancel terms, which is where precision handling is tested.
            let mut state = seed | 1;
            let mut next = move || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                ((state % 2001) as f64 / 1000.0 - 1.0) * 3.0
            };
            let activation = Activation::ALL[act];
            let loss = Loss::ALL[loss];
            let mut fan_in = inputs;
            let mut layers = Vec::new();
            for &n in &sizes {
                layers.push(LayerSpec {
                    weights: (0..n)
                        .map(|_| (0..fan_in).map(|_| next()).collect())
                        .collect(),
                    biases: (0..n).map(|_| next()).collect(),
                    activation: None,
                });
                fan_in = n;
            }
            // Cross-entropy needs probabilities: sigmoid outputs.
            if loss == Loss::CrossEntropy {
                layers.last_mut().unwrap().activation = Some(Activation::Sigmoid);
            }
            Spec {
                name: None,
                input: (0..inputs).map(|_| next()).collect(),
                target: (0..fan_in)
                    .map(|_| (next() / 3.0 + 0.5).clamp(0.0, 1.0))
                    .collect(),
                loss,
                activation,
                learning_rate: 0.1,
                weight_decay: 0.01,
                layers,
                ..Spec::tutorial()
            }
            .validated("generated spec")
            .expect("the generator makes valid specs")
        })
}

/// Replaces one quantity's value as the passes reach it.
struct Change {
    quantity: Quantity,
    value: f64,
}

impl Observer for Change {
    fn value(&mut self, node: NodeId, computed: f64) -> f64 {
        if self.quantity == Quantity::Value(node) {
            self.value
        } else {
            computed
        }
    }
    fn partial(&mut self, node: NodeId, operand: usize, computed: f64) -> f64 {
        if operand == 0 && self.quantity == Quantity::Derivative(node) {
            self.value
        } else {
            computed
        }
    }
    fn grad(&mut self, node: NodeId, computed: f64) -> f64 {
        if self.quantity == Quantity::Grad(node) {
            self.value
        } else {
            computed
        }
    }
}

/// Every computed value of `net` (after its passes), written with `digits` significant digits.
fn written(net: &Network, digits: usize, change: Option<&Change>) -> Vec<(String, String)> {
    net.entries()
        .iter()
        .filter(|e| e.stage != Stage::Given)
        .map(|e| {
            let mut v = net.read(e.quantity);
            if let (Some(c), Quantity::Derivative(_)) = (change, e.quantity) {
                if c.quantity == e.quantity {
                    v = c.value;
                }
            }
            (e.name.to_string(), format!("{:.*e}", digits - 1, v))
        })
        .collect()
}

fn judge(net: &Network, rows: &[(String, String)]) -> Report {
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let csv: String = rows.iter().map(|(n, v)| format!("\"{n}\",{v}\n")).collect();
    let hand: Vec<HandValue> = hand::parse(&csv, "prop.csv", &names).unwrap();
    Checker::new(net).check(&hand)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("DELTAGRAPH_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), ..ProptestConfig::default() })]

    #[test]
    fn exact_values_have_no_slip_at_any_precision(spec in arb_spec(), digits in 2usize..=16) {
        let mut net = Network::new(&spec);
        net.evaluate();
        let rows = written(&net, digits, None);
        let report = judge(&Network::new(&spec), &rows);
        let slips: Vec<&str> = report.judgements.iter().filter(|j| j.verdict == Verdict::Slip).map(|j| j.name.as_str()).collect();
        prop_assert!(slips.is_empty(), "{digits} digits: slips {slips:?}");
        let mut reversed = rows.clone();
        reversed.reverse();
        // Everything but the line numbers is the same.
        let key = |r: &Report| r.judgements.iter().map(|j| (j.name.clone(), j.verdict, j.expected, j.cause.clone())).collect::<Vec<_>>();
        prop_assert_eq!(key(&judge(&Network::new(&spec), &reversed)), key(&report));
    }

    #[test]
    fn one_changed_value_is_a_slip_there_and_carried_after(
        spec in arb_spec(),
        pick in any::<prop::sample::Index>(),
        digits in 6usize..=15,
    ) {
        let base = Network::new(&spec);
        // A computed z, f, L, df or δ (the quantities the passes produce).
        let candidates: Vec<Quantity> = base
            .entries()
            .iter()
            .filter(|e| matches!(e.stage, Stage::Forward | Stage::Backward))
            .map(|e| e.quantity)
            .collect();
        let quantity = candidates[pick.index(candidates.len())];
        let mut exact = base.clone();
        exact.evaluate();
        let right = exact.read(quantity);
        // Far beyond the written precision: a 30 % error plus a fixed offset.
        let wrong = right * 1.3 + 0.05;
        let change = Change { quantity, value: wrong };
        let mut person = base.clone();
        let mut observer = change;
        person.graph.forward_observed(&mut observer);
        person.graph.backward_observed(person.loss, &mut observer);
        let rows = written(&person, digits, Some(&observer));
        let report = judge(&base, &rows);
        let name = base.entries().iter().find(|e| e.quantity == quantity).unwrap().name.to_string();
        let slips: Vec<&str> = report.judgements.iter().filter(|j| j.verdict == Verdict::Slip).map(|j| j.name.as_str()).collect();
        prop_assert_eq!(slips, vec![name.as_str()], "{:#?}", report);
        for j in report.judgements.iter().filter(|j| j.verdict == Verdict::Carried && !j.carried_from.is_empty()) {
            prop_assert_eq!(&j.carried_from, &vec![name.clone()], "{}", j.name);
        }
    }
}
