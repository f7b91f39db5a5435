//! The hand-calculation checker against a simulated student.
//!
//! The student below works the tutorial's example with plain arithmetic, writes every value
//! rounded to a chosen number of significant digits and carries their own rounded numbers
//! forward, as people do. A mistake can be injected at one step. The checker must then report
//! exactly that step as a slip, name the right cause, and mark what it feeds as carried.

#[path = "support/cause.rs"]
mod cause_assert;
use cause_assert::assert_cause;

use deltagraph::check::{CauseKind, Checker, Report, Verdict};
use deltagraph::hand;
use deltagraph::i18n::Lang;
use deltagraph::net::Network;
use deltagraph::spec::ValidSpec;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mistake {
    None,
    /// In z of `neuron`, the weight from input `i` (0-based) read as `value`.
    MisreadForwardWeight {
        neuron: usize,
        input: usize,
        value: f64,
    },
    /// The bias of `neuron` left out of its z.
    BiasLeftOut(usize),
    /// δ of `neuron` written with the wrong sign.
    DeltaSign(usize),
    /// df of `neuron` written as f.
    FForDf(usize),
    /// δ of `neuron` computed with f where f′ belongs (df itself written right).
    DeltaUsesF(usize),
    /// δ of hidden-1 `neuron` without the term from next-layer neuron `k` (0-based).
    DeltaTermLeftOut {
        neuron: usize,
        k: usize,
    },
    /// δ1 and δ2 computed with the second weight matrix read transposed.
    DeltaTransposed,
    /// The update of w(1,4) adds the step.
    UpdateSign,
    /// dL/dw(1,4) written as δ4 alone.
    GradientFactorLeftOut,
    /// z of `neuron` written ten times too large.
    DecimalPoint(usize),
    /// df of `neuron` computed with the sigmoid's rule applied to z: z·(1 − z).
    DfOnZ(usize),
    /// f of `neuron` computed with tanh instead of the sigmoid.
    TanhForSigmoid(usize),
    /// z5 computed with f2 where f3 belongs.
    WrongInputForZ5,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// A student's worked calculation of the tutorial example, as (name, written value) rows.
fn student(digits: usize, mistake: Mistake) -> Vec<(String, String)> {
    let write = |x: f64| format!("{:.*e}", digits - 1, x);
    let read = |s: &str| s.parse::<f64>().unwrap();
    let mut rows: Vec<(String, String)> = Vec::new();
    let put = |rows: &mut Vec<(String, String)>, name: String, x: f64| -> f64 {
        let s = write(x);
        let v = read(&s);
        rows.push((name, s));
        v
    };
    // The tutorial's numbers, from its text.
    let x = [1.0, 2.0];
    let y = 1.0;
    let w1 = [[2.0, 1.0], [1.0, 3.0], [3.0, 2.0]];
    let b1 = [1.0, 2.0, 3.0];
    let w2 = [[1.0, 1.0, 2.0], [3.0, 2.0, 2.0]];
    let b2 = [2.0, 1.0];
    let w3 = [1.0, 3.0];
    let b3 = 2.0;
    let lr = 0.1;

    let z_of = |neuron: usize, weights: &[f64], inputs: &[f64], bias: f64| -> f64 {
        let mut z = 0.0;
        for (i, (&w, &a)) in weights.iter().zip(inputs).enumerate() {
            let w = match mistake {
                Mistake::MisreadForwardWeight {
                    neuron: n,
                    input,
                    value,
                } if n == neuron && input == i => value,
                _ => w,
            };
            z += w * a;
        }
        let z = if mistake == Mistake::BiasLeftOut(neuron) {
            z
        } else {
            z + bias
        };
        if mistake == Mistake::DecimalPoint(neuron) {
            10.0 * z
        } else {
            z
        }
    };

    let mut f_hidden1 = [0.0; 3];
    for j in 0..3 {
        let z = put(
            &mut rows,
            format!("z{}", j + 1),
            z_of(j + 1, &w1[j], &x, b1[j]),
        );
        f_hidden1[j] = put(&mut rows, format!("f{}", j + 1), sigmoid(z));
    }
    let mut f_hidden2 = [0.0; 2];
    let mut z_hidden2 = [0.0; 2];
    for j in 0..2 {
        let inputs = if mistake == Mistake::WrongInputForZ5 && j == 1 {
            [f_hidden1[0], f_hidden1[1], f_hidden1[1]]
        } else {
            f_hidden1
        };
        let z = put(
            &mut rows,
            format!("z{}", j + 4),
            z_of(j + 4, &w2[j], &inputs, b2[j]),
        );
        z_hidden2[j] = z;
        let f = if mistake == Mistake::TanhForSigmoid(j + 4) {
            z.tanh()
        } else {
            sigmoid(z)
        };
        f_hidden2[j] = put(&mut rows, format!("f{}", j + 4), f);
    }
    let z6 = put(&mut rows, "z6".into(), z_of(6, &w3, &f_hidden2, b3));
    let f6 = put(&mut rows, "f6".into(), sigmoid(z6));
    put(&mut rows, "L".into(), 0.5 * (y - f6) * (y - f6));

    let f_all = [
        f_hidden1[0],
        f_hidden1[1],
        f_hidden1[2],
        f_hidden2[0],
        f_hidden2[1],
        f6,
    ];
    let mut df = [0.0; 7];
    for n in 1..=6 {
        let f = f_all[n - 1];
        let value = match mistake {
            Mistake::FForDf(m) if m == n => f,
            Mistake::DfOnZ(m) if m == n => z_hidden2[n - 4] * (1.0 - z_hidden2[n - 4]),
            _ => f * (1.0 - f),
        };
        df[n] = put(&mut rows, format!("df{n}"), value);
    }
    // The factor a δ step multiplies by: f′, or f by mistake.
    let factor = |n: usize| {
        if mistake == Mistake::DeltaUsesF(n) {
            f_all[n - 1]
        } else {
            df[n]
        }
    };
    let sign = |n: usize| {
        if mistake == Mistake::DeltaSign(n) {
            -1.0
        } else {
            1.0
        }
    };
    let mut delta = [0.0; 7];
    delta[6] = put(&mut rows, "delta6".into(), sign(6) * -(y - f6) * factor(6));
    for (k, n) in [4, 5].into_iter().enumerate() {
        delta[n] = put(
            &mut rows,
            format!("delta{n}"),
            sign(n) * factor(n) * w3[k] * delta[6],
        );
    }
    #[allow(clippy::needless_range_loop)] // j indexes two matrices, by row and by column
    for j in 0..3 {
        let n = j + 1;
        let mut sum = 0.0;
        for k in 0..2 {
            if mistake == (Mistake::DeltaTermLeftOut { neuron: n, k }) {
                continue;
            }
            // w2[k][j] is the weight from neuron j+1 into neuron k+4; transposed reads w2[j][k].
            let w = if mistake == Mistake::DeltaTransposed && j < 2 {
                w2[j][k]
            } else {
                w2[k][j]
            };
            sum += w * delta[k + 4];
        }
        delta[n] = put(&mut rows, format!("delta{n}"), sign(n) * factor(n) * sum);
    }
    let g14 = if mistake == Mistake::GradientFactorLeftOut {
        delta[4]
    } else {
        delta[4] * f_hidden1[0]
    };
    let g14 = put(&mut rows, "dL/dw(1,4)".into(), g14);
    let step = if mistake == Mistake::UpdateSign {
        -lr * g14
    } else {
        lr * g14
    };
    put(&mut rows, "new_w(1,4)".into(), w2[0][0] - step);
    let g_b6 = put(&mut rows, "dL/db6".into(), delta[6]);
    put(&mut rows, "new_b6".into(), b3 - lr * g_b6);
    rows
}

fn csv_of(rows: &[(String, String)]) -> String {
    let mut out = String::from("name,value\n");
    for (n, v) in rows {
        out.push_str(&format!("\"{n}\",{v}\n"));
    }
    out
}

fn check(rows: &[(String, String)]) -> Report {
    let net = Network::new(&ValidSpec::tutorial());
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let hand = hand::parse(&csv_of(rows), "hand.csv", &names).unwrap();
    Checker::new(&net).check(&hand)
}

fn slips(report: &Report) -> Vec<&str> {
    report
        .judgements
        .iter()
        .filter(|j| j.verdict == Verdict::Slip)
        .map(|j| j.name.as_str())
        .collect()
}

/// Exactly one slip, at `step`, of `kind`, whose text mentions every string in `mentions`.
fn assert_single_slip(mistake: Mistake, step: &str, kind: CauseKind, mentions: &[&str]) {
    assert_single_slip_at(&[4, 6, 15], mistake, step, kind, mentions);
}

/// As [`assert_single_slip`], for calculations written to each of `precisions` digits.
fn assert_single_slip_at(
    precisions: &[usize],
    mistake: Mistake,
    step: &str,
    kind: CauseKind,
    mentions: &[&str],
) {
    for &digits in precisions {
        let report = check(&student(digits, mistake));
        assert_eq!(
            slips(&report),
            vec![step],
            "{mistake:?} at {digits} digits: {report:#?}"
        );
        let cause = report.get(step).unwrap().cause.as_ref().unwrap();
        assert_eq!(
            cause.kind,
            kind,
            "{mistake:?} at {digits} digits: {}",
            cause.text(Lang::En)
        );
        for m in mentions {
            assert!(
                cause.text(Lang::En).contains(m),
                "{mistake:?}: `{}` lacks `{m}`",
                cause.text(Lang::En)
            );
        }
        assert_eq!(report.exit_code(), 1);
    }
}

#[test]
fn a_correct_calculation_has_no_slip_at_any_precision() {
    for digits in [2, 3, 4, 6, 10, 15, 17] {
        let report = check(&student(digits, Mistake::None));
        assert!(slips(&report).is_empty(), "{digits} digits: {report:#?}");
        assert_eq!(report.exit_code(), 0);
    }
}

#[test]
fn rounded_to_four_digits_most_values_are_ok_and_none_is_a_slip() {
    let report = check(&student(4, Mistake::None));
    // The forward pass to f6 (but z6, where the person's rounded f4, f5 show) is ok; most
    // later values are carried from the person's own rounding (f3 = 1.000 makes df3 = 0).
    for name in [
        "z1", "f1", "z2", "f2", "z3", "f3", "z4", "f4", "z5", "f5", "f6",
    ] {
        assert_eq!(report.get(name).unwrap().verdict, Verdict::Ok, "{name}");
    }
    assert!(slips(&report).is_empty(), "{report:#?}");
    for j in report
        .judgements
        .iter()
        .filter(|j| j.verdict == Verdict::Carried)
    {
        assert!(
            j.carried_from.is_empty(),
            "{} carried from {:?} without any slip",
            j.name,
            j.carried_from
        );
    }
}

#[test]
fn a_misread_weight_is_named_with_the_value_read() {
    let m = Mistake::MisreadForwardWeight {
        neuron: 4,
        input: 2,
        value: 3.0,
    };
    assert_single_slip(m, "z4", CauseKind::Misread, &["w(3,4)", "3", "2"]);
    let report = check(&student(6, m));
    for later in ["f4", "z6", "f6", "delta6", "delta4", "delta1"] {
        let j = report.get(later).unwrap();
        assert_eq!(j.verdict, Verdict::Carried, "{later}");
        assert_eq!(j.carried_from, vec!["z4"], "{later}");
    }
}

#[test]
fn a_misread_input_weight_in_the_first_layer() {
    // With x = (1, 2) and whole-number weights, a change of z2 by 2 could also be b2 or
    // w(x1,2) misread; the nearest misreading is named first, the others listed.
    let m = Mistake::MisreadForwardWeight {
        neuron: 2,
        input: 1,
        value: 4.0,
    };
    assert_single_slip(
        m,
        "z2",
        CauseKind::Misread,
        &["w(x2,2) read as 4 instead of 3", "b2 read as 4"],
    );
}

#[test]
fn a_bias_left_out() {
    assert_single_slip(
        Mistake::BiasLeftOut(5),
        "z5",
        CauseKind::TermLeftOut,
        &["b5"],
    );
}

#[test]
fn a_flipped_sign_in_a_delta() {
    // A hidden δ alone with the wrong sign is a slip…
    assert_single_slip(
        Mistake::DeltaSign(2),
        "delta2",
        CauseKind::SignFlipped,
        &["sign"],
    );
    // …but δ6 with the other sign, carried consistently into every later δ and gradient, is
    // the textbook convention δ = (y − ŷ)·f′ as far as 4 or 6 digits can tell (the update it
    // implies differs from the person's only in the 9th digit).
    for digits in [4, 6] {
        let report = check(&student(digits, Mistake::DeltaSign(6)));
        assert!(slips(&report).is_empty(), "{digits}: {report:#?}");
        assert!(report.convention.textbook_sign, "{digits}");
        assert!(!report.declared);
    }
    // With 15 digits the updates show the step was taken the wrong way: a sign slip in δ6.
    assert_single_slip_at(
        &[15],
        Mistake::DeltaSign(6),
        "delta6",
        CauseKind::SignFlipped,
        &["sign"],
    );
}

#[test]
fn f_written_where_f_prime_belongs() {
    assert_single_slip(
        Mistake::FForDf(5),
        "df5",
        CauseKind::ActivationForDerivative,
        &["f(z5)", "f′(z5)"],
    );
}

#[test]
fn f_used_in_a_delta_step_where_f_prime_belongs() {
    assert_single_slip(
        Mistake::DeltaUsesF(4),
        "delta4",
        CauseKind::ActivationForDerivative,
        &["f(z4)"],
    );
}

#[test]
fn a_term_left_out_of_a_hidden_delta() {
    assert_single_slip(
        Mistake::DeltaTermLeftOut { neuron: 1, k: 1 },
        "delta1",
        CauseKind::TermLeftOut,
        &["w(1,5)", "delta5"],
    );
}

#[test]
fn a_transposed_weight_matrix_in_the_delta_step() {
    // δ2 is the step the transposition changes most clearly: the person used w(1,5) = 3 where
    // w(2,4) = 1 belongs and w(2,5) = 2 where... both change; δ1's row 1 happens to hold the
    // same numbers (1, 1) as its column (1, 3) only in part.
    let report = check(&student(6, Mistake::DeltaTransposed));
    let slipped = slips(&report);
    assert!(!slipped.is_empty());
    for s in &slipped {
        assert!(["delta1", "delta2"].contains(s), "{s}");
        let cause = report.get(s).unwrap().cause.as_ref().unwrap();
        assert!(
            matches!(cause.kind, CauseKind::Transposed | CauseKind::Misread),
            "{s}: {}",
            cause.text(Lang::En)
        );
    }
    let delta2 = report.get("delta2").unwrap().cause.as_ref().unwrap();
    assert_eq!(
        delta2.kind,
        CauseKind::Transposed,
        "{}",
        delta2.text(Lang::En)
    );
}

#[test]
fn an_update_that_adds_the_step() {
    // The step is 1.5e-9 on a weight of 1: only a 10-digit calculation can show it.
    assert_single_slip_at(
        &[12, 15],
        Mistake::UpdateSign,
        "new_w(1,4)",
        CauseKind::SignFlipped,
        &["added"],
    );
}

#[test]
fn a_gradient_without_its_input_factor() {
    assert_single_slip(
        Mistake::GradientFactorLeftOut,
        "dL/dw(1,4)",
        CauseKind::FactorLeftOut,
        &["f1"],
    );
}

#[test]
fn a_slipped_decimal_point() {
    assert_single_slip(Mistake::DecimalPoint(4), "z4", CauseKind::Scale, &["10"]);
}

#[test]
fn the_derivative_rule_applied_to_z() {
    assert_single_slip(
        Mistake::DfOnZ(4),
        "df4",
        CauseKind::DerivativeFormula,
        &["z4"],
    );
}

#[test]
fn the_wrong_activation() {
    // tanh(7.98) and σ(7.98) agree to 3 decimals: only more digits can tell them apart.
    assert_single_slip_at(
        &[6, 15],
        Mistake::TanhForSigmoid(5),
        "f5",
        CauseKind::WrongActivation,
        &["tanh", "sigmoid"],
    );
}

#[test]
fn another_neurons_output_used() {
    // f2 and f3 agree to 4 digits (0.99988, 0.99995): the swap shows from 6 digits on.
    assert_single_slip_at(
        &[6, 15],
        Mistake::WrongInputForZ5,
        "z5",
        CauseKind::WrongValue,
        &["f2", "f3"],
    );
}

#[test]
fn row_order_does_not_matter() {
    let rows = student(
        5,
        Mistake::MisreadForwardWeight {
            neuron: 5,
            input: 1,
            value: 3.0,
        },
    );
    let mut reversed = rows.clone();
    reversed.reverse();
    let a = check(&rows);
    let b = check(&reversed);
    let verdicts = |r: &Report| {
        r.judgements
            .iter()
            .map(|j| (j.name.clone(), j.verdict, j.cause.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(verdicts(&a), verdicts(&b));
}

#[test]
fn the_published_tutorial_has_two_slips_and_the_rest_is_carried() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tutorial-published.csv"
    );
    let net = Network::new(&ValidSpec::tutorial());
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let hand = hand::load(std::path::Path::new(path), &names).unwrap();
    let report = Checker::new(&net).check(&hand);
    assert_eq!(slips(&report), vec!["z5", "df3"]);
    // z5: the author used w(2,5) = 3 where the stated matrix has 2.
    let z5 = report.get("z5").unwrap().cause.as_ref().unwrap();
    assert_eq!(z5.kind, CauseKind::Misread);
    assert!(
        z5.text(Lang::En).contains("w(2,5) read as 3 instead of 2"),
        "{}",
        z5.text(Lang::En)
    );
    // df3: f3·(1 − f3) = 0.0000453958077355…, printed with one 7 missing.
    let df3 = report.get("df3").unwrap().cause.as_ref().unwrap();
    assert_eq!(df3.kind, CauseKind::Digits, "{}", df3.text(Lang::En));
    for name in [
        "f5", "z6", "f6", "df6", "delta6", "df5", "delta4", "delta5", "delta1", "delta2",
    ] {
        let j = report.get(name).unwrap();
        assert_eq!(j.verdict, Verdict::Carried, "{name}");
        assert_eq!(j.carried_from, vec!["z5"], "{name}");
    }
    for name in [
        "z1", "f1", "z2", "f2", "z3", "f3", "z4", "f4", "df4", "df1", "df2",
    ] {
        assert_eq!(report.get(name).unwrap().verdict, Verdict::Ok, "{name}");
    }
}

#[test]
fn a_wrong_sigmoid_output_with_cross_entropy_carries_into_delta() {
    // 2-2-1, sigmoid output, binary cross-entropy: δ3 = f3 − y1, the two derivatives cancel.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/students/ce.toml");
    let net =
        Network::evaluated(&deltagraph::spec::Spec::load(std::path::Path::new(path)).unwrap())
            .unwrap();
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = Checker::new(&net);
    let f1 = net.get("f1").unwrap();
    // f3 written as 0.6000 (it is 0.5737); δ3 and ∂L/∂w(1,3) done right from it, by hand.
    let (f3, y) = (0.6, 1.0);
    let delta3 = f3 - y;
    let rows = format!(
        "f3,0.6000\ndelta3,{delta3:.4}\ndL/dw(1,3),{:.4}\n",
        delta3 * f1
    );
    let report = checker.check(&hand::parse(&rows, "hand.csv", &names).unwrap());
    assert_eq!(report.get("f3").unwrap().verdict, Verdict::Slip);
    for name in ["delta3", "dL/dw(1,3)"] {
        let j = report.get(name).unwrap();
        assert_eq!(j.verdict, Verdict::Carried, "{name}: {j:?}");
        assert_eq!(j.carried_from, ["f3"], "{name}");
    }
    // The exact δ3 is still σ(z3) − y from the spec's own numbers.
    let z3 = net.get("z3").unwrap();
    let exact = 1.0 / (1.0 + (-z3).exp()) - y;
    assert!((report.get("delta3").unwrap().exact - exact).abs() < 1e-15);
}

#[test]
fn a_value_carried_under_a_recognised_convention_stays_carried() {
    // The textbook sign (δ = (y − ŷ)·f′, gradients negated) with a slip in z6: δ6 and
    // dL/dw(4,6) are right from the person's own z6 in their convention, and wrong.
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let f4 = net.get("f4").unwrap();
    let z6: f64 = 6.5;
    let f6 = 1.0 / (1.0 + (-z6).exp());
    let delta6 = (1.0 - f6) * f6 * (1.0 - f6); // textbook sign: positive
    let rows = format!(
        "z6,{z6}\nf6,{f6:.6}\ndelta6,{delta6:.5e}\ndL/dw(4,6),{:.5e}\n",
        delta6 * f4
    );
    let report = Checker::new(&net).check(&hand::parse(&rows, "hand.csv", &names).unwrap());
    assert!(report.convention.textbook_sign, "{:?}", report.convention);
    assert_eq!(report.get("z6").unwrap().verdict, Verdict::Slip);
    for name in ["f6", "delta6", "dL/dw(4,6)"] {
        let j = report.get(name).unwrap();
        // Not `convention`: that verdict says a value is right (under the convention); this
        // one is wrong, carried from z6, and the report says which convention once.
        assert_eq!(j.verdict, Verdict::Carried, "{name}");
        assert_eq!(j.carried_from, ["z6"], "{name}");
    }
    // Its exact value is given in the person's convention: the textbook δ6 is positive.
    let j = report.get("delta6").unwrap();
    assert!(j.exact > 0.0 && j.expected > 0.0, "{j:?}");
    assert_eq!(report.count(Verdict::Convention), 0);
}

#[test]
fn the_carried_values_are_found_by_name_in_each_step() {
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names = hand::Names::of(&net);
    let sheet = hand::read("z6,6.5\nz6@2,7.25\n", "hand.csv", &names).unwrap();
    let report = Checker::new(&net).check_sheet(&sheet, &Default::default());
    let carried = |name: &str| report.carried.get(&net, name);
    let sigmoid = |z: f64| 1.0 / (1.0 + (-z).exp());
    let close = |name: &str, want: f64| {
        let got = carried(name).unwrap_or_else(|| panic!("{name} is not there"));
        assert!((got - want).abs() < 1e-15, "{name}: {got} against {want}");
    };
    // As written, then computed from what was written, in each step.
    close("z6", 6.5);
    close("f6", sigmoid(6.5));
    close("z6@2", 7.25);
    close("f6@2", sigmoid(7.25));
    // Given values as they are; step 2's parameters are step 1's updates.
    close("x1", 1.0);
    close("w(4,6)@2", carried("new_w(4,6)").unwrap());
    assert_ne!(carried("w(4,6)@2"), carried("w(4,6)"));
    // No such name, no such step.
    assert_eq!(carried("z9"), None);
    assert_eq!(carried("z6@3"), None);
}

#[test]
fn a_rounded_number_carries_forward_what_the_person_used_not_all_it_could_round_from() {
    // σ(10) = 0.9999546 written as `1`. The person went on with 1 or with their calculator's
    // 0.99995: z4 and f′(z3) from either are right, anything else is a slip (read as
    // "anything that rounds to 1", from 0.5 to 1.5, z4 = 6.7 and f′(z3) = 0.1 passed).
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = Checker::new(&net);
    let judge = |rows: &str| checker.check(&hand::parse(rows, "hand.csv", &names).unwrap());
    let head = "f1,0.9933\nf2,0.9999\nf3,1\n";
    // z4 = f1 + f2 + 2·f3 + 2 by hand from the written numbers: 5.9932.
    let report = judge(&format!("{head}z4,5.9932\ndf3,0\n"));
    assert_eq!(report.slips(), 0, "{:?}", report.judgements);
    assert_eq!(report.get("df3").unwrap().verdict, Verdict::Carried);
    // The calculator's digits carried instead: right too (the exact values).
    let report = judge(&format!("{head}z4,5.99309\ndf3,4.53958e-5\n"));
    assert_eq!(report.slips(), 0, "{:?}", report.judgements);
    let report = judge(&format!("{head}z4,6.7\ndf3,0.1\n"));
    assert_eq!(slips(&report), ["z4", "df3"]);
    // An exact whole number is exact: from z1 = 5, f1 = 0.9900 is a slip, not carried.
    let report = judge("z1,5\nf1,0.9900\n");
    assert_eq!(slips(&report), ["f1"]);
}

#[test]
fn a_sign_lost_only_in_writing_a_delta_down_is_one_slip_in_the_tutorials_convention() {
    // The tutorial's published numbers with δ6 written positive, δ4 and δ5 still worked from
    // the negative δ6 its values give. One slip more than the published two, not a textbook
    // sign convention (under which δ4 and δ5 would be two more slips).
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tutorial-published.csv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let flipped = text.replace("delta6,-", "delta6,");
    assert_ne!(flipped, text);
    let net = Network::new(&ValidSpec::tutorial());
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let report = Checker::new(&net).check(&hand::parse(&flipped, "hand.csv", &names).unwrap());
    assert!(report.convention.is_standard(), "{:?}", report.convention);
    assert_eq!(slips(&report), ["z5", "delta6", "df3"]);
    let delta6 = report.get("delta6").unwrap();
    assert_eq!(delta6.cause.as_ref().unwrap().kind, CauseKind::SignFlipped);
    assert!(delta6.written_only);
    assert!(delta6.expected < 0.0, "{delta6:?}");
    // δ4 and δ5 follow from the negative δ6, itself carried from z5: carried from z5 only.
    for name in ["delta4", "delta5", "delta1", "delta2"] {
        let j = report.get(name).unwrap();
        assert_eq!(j.verdict, Verdict::Carried, "{name}");
        assert_eq!(j.carried_from, ["z5"], "{name}");
    }
    assert!(report.get("z5").unwrap().carried_from.is_empty());
    let text = deltagraph::check::report::text(&report, &net, "tutorial.toml", Lang::En);
    assert!(
        text.contains("nothing: your later steps use -6.13369515298732e-6 for delta6"),
        "{text}"
    );
    // z5's number was used (f5 and what follows are right from it): not written only.
    assert!(!report.get("z5").unwrap().written_only);
}

#[test]
fn under_a_declared_convention_a_slips_working_adds_up_and_then_says_the_persons_value() {
    // The tutorial's exact values with the textbook sign declared, δ4 written with the
    // spec's (negative) sign: a slip under the textbook sign.
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names = hand::Names::of(&net);
    let value = |n: &str| net.get(n).unwrap();
    let rows = format!(
        "f4,{}\ndf4,{}\ndelta6,{:e}\ndelta4,{:e}\n",
        value("f4"),
        value("df4"),
        -value("delta6"),
        value("delta4"),
    );
    let sheet = hand::read(&rows, "hand.csv", &names).unwrap();
    let options = deltagraph::check::Options {
        convention: deltagraph::check::Convention::parse("textbook"),
    };
    let report = Checker::new(&net).check_sheet(&sheet, &options);
    assert_eq!(slips(&report), ["delta4"]);
    let text = deltagraph::check::report::text(&report, &net, "tutorial.toml", Lang::En);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line\n{text}"))
            .to_string()
    };
    // The spec's formula, numbers and result: df4·(w(4,6)·delta6) with δ6 < 0 gives δ4 < 0.
    let working = line("From your values");
    let result: f64 = working.rsplit(" = ").next().unwrap().parse().unwrap();
    assert!((result / value("delta4") - 1.0).abs() < 1e-6, "{working}");
    // Then the person's convention: the opposite sign.
    let theirs = line("Your convention");
    let mine: f64 = theirs.rsplit(" = ").next().unwrap().parse().unwrap();
    assert!((mine / -value("delta4") - 1.0).abs() < 1e-6, "{theirs}");
    // No number in the working runs to float noise (17 figures).
    for number in working.split([' ', '(', ')', '·']) {
        let mantissa = number.split('e').next().unwrap().replace(['-', '.'], "");
        let figures = mantissa.trim_start_matches('0').len();
        assert!(figures <= 15, "{number} in {working}");
    }
}

#[test]
fn the_textbook_sign_with_gradients_written_as_the_derivative_itself_is_a_convention() {
    // δ = (y − ŷ)·f′ (positive δ6, δ4), and ∂E/∂w written as the derivative (negative):
    // consistent and right. (ben-textbook-sign.csv writes δ·a under the same names instead;
    // tests/check_students.rs checks that reading.)
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names = hand::Names::of(&net);
    let value = |n: &str| net.get(n).unwrap();
    let rows = format!(
        "delta6,{:.4e}\ndelta4,{:.4e}\ndE/dw46,{:.4e}\ndE/dw14,{:.4e}\nnew_w46,{:.10}\n",
        -value("delta6"),
        -value("delta4"),
        value("dL/dw(4,6)"),
        value("dL/dw(1,4)"),
        value("new_w(4,6)"),
    );
    let sheet = hand::read(&rows, "hand.csv", &names).unwrap();
    let report = Checker::new(&net).check_sheet(&sheet, &Default::default());
    assert_eq!(report.slips(), 0, "{:?}", report.judgements);
    assert!(report.convention.textbook_sign && report.convention.true_gradients);
    assert_eq!(report.get("dL/dw(4,6)").unwrap().verdict, Verdict::Ok);
    assert_eq!(report.get("delta6").unwrap().verdict, Verdict::Convention);
}

#[test]
fn one_value_is_no_pattern_for_a_convention() {
    // δ6 = f6 − y with f′ left out, nothing after it: the classic slip, not δ as ∂L/∂f.
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names = hand::Names::of(&net);
    let sheet = hand::read("f6,0.9975\ndelta6,-0.0025\n", "hand.csv", &names).unwrap();
    let report = Checker::new(&net).check_sheet(&sheet, &Default::default());
    assert!(report.convention.is_standard(), "{:?}", report.convention);
    let delta6 = report.get("delta6").unwrap();
    assert_eq!(delta6.verdict, Verdict::Slip);
    assert_eq!(
        delta6.cause.as_ref().unwrap().kind,
        CauseKind::FactorLeftOut
    );
    // δ6, δ4 and δ5 all as ∂L/∂f: a pattern, so a convention.
    let value = |n: &str| net.get(n).unwrap();
    let w = |n: &str| value(n);
    let d6 = value("f6") - 1.0;
    let rows = format!(
        "delta6,{:.6e}\ndelta4,{:.6e}\ndelta5,{:.6e}\n",
        d6,
        w("w(4,6)") * value("delta6"),
        w("w(5,6)") * value("delta6"),
    );
    let sheet = hand::read(&rows, "hand.csv", &names).unwrap();
    let report = Checker::new(&net).check_sheet(&sheet, &Default::default());
    assert!(report.convention.delta_of_output, "{:?}", report.judgements);
    assert_eq!(report.slips(), 0, "{:?}", report.judgements);
}

#[test]
fn an_update_with_another_learning_rate_names_the_rate() {
    // The tutorial's α is 0.1; the update done with 0.5, by hand: 1 − 0.5·∂L/∂w(4,6).
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names = hand::Names::of(&net);
    let g = net.get("dL/dw(4,6)").unwrap();
    let rows = format!("dL/dw(4,6),{g:.4e}\nnew_w(4,6),{:.12}\n", 1.0 - 0.5 * g);
    let sheet = hand::read(&rows, "hand.csv", &names).unwrap();
    let report = Checker::new(&net).check_sheet(&sheet, &Default::default());
    assert_eq!(slips(&report), ["new_w(4,6)"]);
    let cause = report.get("new_w(4,6)").unwrap().cause.clone().unwrap();
    assert!(
        cause
            .text(Lang::En)
            .contains("learning rate was taken as 0.5 instead of α = 0.1"),
        "{}",
        cause.text(Lang::En)
    );
}

#[test]
fn a_misreading_is_a_number_that_looks_like_the_given_one() {
    // The softmax example's weights have two decimals. z1 = 0.5·x1 − 0.5·x2 + 0.1 written as
    // 5: solving for one weight gives numbers such as 5.9 for 0.5, which nobody reads; the
    // slip is arithmetic. 0.5 read as 5 (a decimal point lost) is a reading.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/softmax.toml");
    let spec = deltagraph::spec::Spec::load(std::path::Path::new(path)).unwrap();
    let net = Network::evaluated(&spec).unwrap();
    let names = hand::Names::of(&net);
    let checker = Checker::new(&net);
    let cause = |z1: f64| {
        let sheet = hand::read(&format!("z1,{z1}\n"), "hand.csv", &names).unwrap();
        let report = checker.check_sheet(&sheet, &Default::default());
        report.get("z1").unwrap().cause.clone().unwrap()
    };
    assert_eq!(
        cause(5.0).kind,
        CauseKind::Arithmetic,
        "{}",
        cause(5.0).text(Lang::En)
    );
    let (x1, x2) = (net.get("x1").unwrap(), net.get("x2").unwrap());
    let misread = 5.0 * x1 - 0.5 * x2 + 0.1;
    let c = cause(misread);
    assert_eq!(c.kind, CauseKind::Misread, "{}", c.text(Lang::En));
    assert!(
        c.text(Lang::En).contains("read as 5 instead of 0.5"),
        "{}",
        c.text(Lang::En)
    );
}

#[test]
fn a_factor_left_out_is_found_with_the_spread_of_its_own_inputs() {
    // δ6 = −(y − f6)·f′(z6) without f′(z6) is −(y − f6): known to f6's written figures, not to
    // the far smaller spread of the product. The person wrote f6 to 6 figures and δ6 with the
    // digits their calculator gave for y − σ(z6) (1 − 0.997518688 = 0.002481312), or f6 to 4
    // figures and δ6 from the same calculator value; both are f′(z6) left out.
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = Checker::new(&net);
    for rows in [
        "z6,5.99648\nf6,0.997519\ndf6,0.00247515\ndelta6,-0.00248131\n",
        "z6,5.996\nf6,0.9975\ndf6,0.002475\ndelta6,-0.002481\n",
    ] {
        let report = checker.check(&hand::parse(rows, "hand.csv", &names).unwrap());
        assert_eq!(slips(&report), ["delta6"], "{rows}");
        let cause = report.get("delta6").unwrap().cause.as_ref().unwrap();
        assert_cause(cause, CauseKind::FactorLeftOut, &["f′(z6)"]);
    }
}

#[test]
fn rounding_that_wipes_a_value_out_is_said_and_is_no_slip() {
    // σ(10) = 0.9999546 written as 1.000: f′(z3) = f3·(1 − f3) comes to 0 from it (exactly
    // 4.54e-5), and δ3 = f′(z3)·(…) to 0 with it. Right from the person's numbers, so carried,
    // but the report says the rounding of f3 lost them.
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = Checker::new(&net);
    let judge = |rows: &str| checker.check(&hand::parse(rows, "hand.csv", &names).unwrap());
    let report = judge("f1,0.9933\nf2,0.9999\nf3,1.000\nz4,5.993\ndf3,0\ndelta3,0\n");
    assert_eq!(report.slips(), 0, "{:?}", report.judgements);
    for name in ["df3", "delta3"] {
        let j = report.get(name).unwrap();
        assert_eq!(j.verdict, Verdict::Carried, "{name}");
        assert!(j.rounding_lost, "{name}");
        assert_eq!(j.rounding_lost_by, ["f3"], "{name}");
    }
    // z4 from the same rounded numbers is off in its 5th figure: no harm done.
    assert!(!report.get("z4").unwrap().rounding_lost);
    let text = deltagraph::check::report::text(&report, &net, "tutorial.toml", Lang::En);
    assert!(
        text.contains("df3 comes to 0 from your rounded numbers, but its exact value is 4.53958e-5: f3 = 1.000 rounded too early"),
        "{text}"
    );
    let zh = deltagraph::check::report::text(&report, &net, "tutorial.toml", Lang::Zh);
    assert!(zh.contains("f3 = 1.000 舍入得太早"), "{zh}");
    let json: serde_json::Value =
        serde_json::from_str(&deltagraph::check::report::json(&report, Lang::En)).unwrap();
    let df3 = json
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "df3")
        .unwrap();
    assert_eq!(df3["rounding_lost_by"], serde_json::json!(["f3"]));
    assert!(
        df3["rounding_note"]
            .as_str()
            .unwrap()
            .contains("keep more significant figures")
    );
    // Kept to 6 figures, f3 leaves f′(z3) its value: nothing to say.
    let report = judge("f3,0.999955\ndf3,4.54e-5\n");
    assert!(
        report.judgements.iter().all(|j| !j.rounding_lost),
        "{report:?}"
    );
}

#[test]
fn a_learning_rate_written_in_the_hand_file_is_judged_and_the_updates_follow_it() {
    // α = 0.5 stated where the spec says 0.1: the spec's α misread (a slip), and an update
    // worked with 0.5 is carried from it: w(4,6) − 0.5·dL/dw(4,6) = 1 + 0.5·6.12634e-6
    // = 1.00000306317 by hand.
    let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
    let names = hand::Names::of(&net);
    let checker = Checker::new(&net);
    let judge = |rows: &str| {
        checker.check_sheet(
            &hand::read(rows, "hand.csv", &names).unwrap(),
            &Default::default(),
        )
    };
    let report = judge("alpha,0.5\nnew_w(4,6),1.000003063\n");
    assert_eq!(slips(&report), ["alpha"]);
    let alpha = report.get("alpha").unwrap();
    let cause = alpha.cause.as_ref().unwrap();
    assert_eq!(cause.kind, CauseKind::Misread);
    assert!(
        cause
            .text(Lang::En)
            .contains("taken as 0.5 instead of the spec's α = 0.1"),
        "{}",
        cause.text(Lang::En)
    );
    assert!(cause.text(Lang::Zh).contains("学习率取成了 0.5"));
    let update = report.get("new_w(4,6)").unwrap();
    assert_eq!(update.verdict, Verdict::Carried);
    assert_eq!(update.carried_from, ["alpha"]);
    assert!(
        (update.expected - 1.00000306317).abs() < 1e-11,
        "{update:?}"
    );
    assert!((update.exact - 1.00000061263).abs() < 1e-11, "{update:?}");
    let text = deltagraph::check::report::text(&report, &net, "tutorial.toml", Lang::En);
    assert!(text.contains("Carried on to    new_w(4,6)"), "{text}");
    // The spec's own rate, in any spelling, is simply ok.
    for spelling in ["α", "lr", "learning rate", "学习率"] {
        let report = judge(&format!("{spelling},0.1\nnew_w(4,6),1.000000613\n"));
        assert_eq!(report.slips(), 0, "{spelling}: {:?}", report.judgements);
        assert_eq!(report.get("alpha").unwrap().verdict, Verdict::Ok);
    }
}
