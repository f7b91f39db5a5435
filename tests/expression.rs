//! Expression specs: the classic computational-graph exercises against their hand-derived
//! values and published figures, random expressions against finite differences, the
//! formulas shown against the values computed, and the checker on an expression.

#[path = "support/cause.rs"]
mod cause_assert;
use cause_assert::assert_cause;

use deltagraph::check::{CauseKind, Checker, Verdict};
use deltagraph::expression;
use deltagraph::hand;
use deltagraph::net::{Network, Stage};
use proptest::prelude::*;

fn load(body: &str) -> Network {
    expression::load(&format!("[expression]\n{body}"), "test.toml").expect("a valid spec")
}

fn get(net: &Network, name: &str) -> f64 {
    net.get(name)
        .unwrap_or_else(|| panic!("no value called {name}"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

#[test]
fn cs231n_first_example_every_value_and_gradient() {
    // f = (x + y)·z at x = −2, y = 5, z = −4 (CS231n's backpropagation notes): q = 3,
    // f = −12; ∂f/∂q = z = −4, ∂f/∂x = ∂f/∂y = ∂f/∂q·1 = −4, ∂f/∂z = q = 3.
    let net = load(
        "inputs = { x = -2.0, y = 5.0, z = -4.0 }\nq = \"x + y\"\nf = \"q * z\"\noutput = \"f\"\n",
    );
    let expected = [
        ("x", -2.0),
        ("y", 5.0),
        ("z", -4.0),
        ("q", 3.0),
        ("f", -12.0),
        ("df/dq", -4.0),
        ("df/dx", -4.0),
        ("df/dy", -4.0),
        ("df/dz", 3.0),
    ];
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    assert_eq!(names, expected.map(|(n, _)| n));
    for (name, value) in expected {
        assert_eq!(get(&net, name), value, "{name}");
    }
}

#[test]
fn cs231n_sigmoid_neuron_every_value_and_gradient() {
    // f = 1/(1 + e^−(w0·x0 + w1·x1 + w2)) with w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3.
    let net = load(
        "inputs = { w0 = 2.0, x0 = -1.0, w1 = -3.0, x1 = -2.0, w2 = -3.0 }\n\
         f = \"1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))\"\n",
    );
    // By hand: s = 2·(−1) + (−3)·(−2) + (−3) = 1; f = 1/(1 + e^−1).
    let e = (-1.0f64).exp();
    let f = 1.0 / (1.0 + e);
    // d(1/u)/du = −1/u² with u = 1 + e^−s; du/d(e^−s) = 1; d(e^−s)/d(−s) = e^−s;
    // d(−s)/ds = −1. Their product is f(1 − f).
    let df_du = -1.0 / ((1.0 + e) * (1.0 + e));
    let df_dneg = e * df_du;
    let df_ds = -df_dneg;
    let hand = [
        ("w0*x0", -2.0),
        ("w1*x1", 6.0),
        ("w0*x0+w1*x1", 4.0),
        ("w0*x0+w1*x1+w2", 1.0),
        ("-(w0*x0+w1*x1+w2)", -1.0),
        ("exp(-(w0*x0+w1*x1+w2))", e),
        ("1+exp(-(w0*x0+w1*x1+w2))", 1.0 + e),
        ("f", f),
        ("df/d(1+exp(-(w0*x0+w1*x1+w2)))", df_du),
        ("df/d(exp(-(w0*x0+w1*x1+w2)))", df_du),
        ("df/d(-(w0*x0+w1*x1+w2))", df_dneg),
        ("df/d(w0*x0+w1*x1+w2)", df_ds),
        ("df/dw0", -df_ds),
        ("df/dx0", 2.0 * df_ds),
        ("df/dw1", -2.0 * df_ds),
        ("df/dx1", -3.0 * df_ds),
        ("df/dw2", df_ds),
    ];
    for (name, value) in hand {
        assert!(
            close(get(&net, name), value, 1e-15),
            "{name}: {} vs {value}",
            get(&net, name)
        );
    }
    // The chain collapses to the sigmoid's own derivative: ∂f/∂s = f(1 − f).
    assert!(close(df_ds, f * (1.0 - f), 1e-15));
    // The figures printed in the notes, to their two decimals.
    let published = [
        ("f", 0.73),
        ("df/dx0", 0.39),
        ("df/dw0", -0.20),
        ("df/dx1", -0.59),
        ("df/dw1", -0.39),
        ("df/dw2", 0.20),
    ];
    for (name, value) in published {
        assert!((get(&net, name) - value).abs() < 0.005 + 1e-12, "{name}");
    }
}

#[test]
fn a_value_used_twice_collects_both_gradients() {
    // f = x·y + x at x = 3, y = 2: ∂f/∂x = y + 1 = 3 (both uses), ∂f/∂y = x = 3.
    let net = load("inputs = { x = 3.0, y = 2.0 }\nf = \"x*y + x\"\n");
    assert_eq!(get(&net, "df/dx"), 3.0);
    assert_eq!(get(&net, "df/dy"), 3.0);
    // max and relu route the gradient to where the value came from.
    let net = load("inputs = { a = 2.0, b = -1.0 }\nf = \"max(a, b) + relu(b)\"\n");
    assert_eq!((get(&net, "df/da"), get(&net, "df/db")), (1.0, 0.0));
}

/// The checker on a hand calculation of f = x·y + x with the classic slip: only one path's
/// gradient counted for x.
#[test]
fn the_checker_finds_gradients_not_added_and_carries_errors_forward() {
    let net = load("inputs = { x = 3.0, y = 2.0 }\nu = \"x*y\"\nf = \"u + x\"\n");
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = Checker::new(&net);
    let hand = hand::parse(
        "u,6.0\nf,9.0\ndf/du,1.0\ndf/dx,2.0\ndf/dy,3.0\n",
        "hand.csv",
        &names,
    )
    .unwrap();
    let report = checker.check(&hand);
    let dx = report.get("df/dx").unwrap();
    assert_eq!(dx.verdict, Verdict::Slip);
    let cause = dx.cause.as_ref().unwrap();
    assert_cause(
        cause,
        CauseKind::TermLeftOut,
        &["only the gradient through u"],
    );
    assert_eq!(report.get("df/dy").unwrap().verdict, Verdict::Ok);

    // A wrong upstream gradient (df/du = 2) carries into df/dy = x·df/du = 6.
    let hand = hand::parse("df/du,2.0\ndf/dy,6.0\n", "hand.csv", &names).unwrap();
    let report = checker.check(&hand);
    assert_eq!(report.get("df/du").unwrap().verdict, Verdict::Slip);
    let dy = report.get("df/dy").unwrap();
    assert_eq!(dy.verdict, Verdict::Carried);
    assert_eq!(dy.carried_from, ["df/du"]);

    // Written as whole numbers, as integer exercises are: `1` is the 1 the person used, not
    // anything from 0.5 to 1.5 (with that spread, df/dx = 2·df/du + 1 could be anything from
    // 2 to 4, and the forgotten path passed as carried).
    let hand = hand::parse("u,6\nf,9\ndf/du,1\ndf/dx,2\ndf/dy,3\n", "hand.csv", &names).unwrap();
    let report = checker.check(&hand);
    assert_eq!(report.get("df/dx").unwrap().verdict, Verdict::Slip);
    assert_eq!(report.slips(), 1);

    // A wrong local derivative of a product: ∂(x·y)/∂y taken as y itself gives 2·1 = 2.
    let hand = hand::parse("df/dy,2.0\n", "hand.csv", &names).unwrap();
    let report = checker.check(&hand);
    let cause = report.get("df/dy").unwrap().cause.clone().unwrap();
    assert_cause(&cause, CauseKind::DerivativeFormula, &[]);
}

#[test]
fn shown_formulas_give_the_shown_values() {
    let net = load(
        "inputs = { a = 0.7, b = -1.3, c = 2.0 }\n\
         s = \"a*b - c/a + b^3\"\n\
         t = \"sigmoid(s) * tanh(b) + log(c) - exp(-a)\"\n\
         f = \"max(t, s) * t + relu(c) / (1 + s^2)\"\n",
    );
    let lookup = |n: &str| net.get(n);
    for e in net.entries() {
        let value = net.read(e.quantity);
        match deltagraph::derivation::formula(&net, e) {
            Some(f) => {
                let shown = f
                    .eval(&lookup)
                    .unwrap_or_else(|| panic!("{} names a value", e.name));
                assert!(close(shown, value, 1e-13), "{}: {shown} vs {value}", e.name);
            }
            None => assert_eq!(e.stage, deltagraph::net::Stage::Given, "{}", e.name),
        }
    }
}

/// A random smooth expression over x, y, z, as text; every operation stays inside its
/// domain (divisions by 1 + b², logs of 1 + a²), so finite differences apply everywhere.
fn smooth_expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        Just("z".to_string()),
        Just("u".to_string()),
        (1..9i32).prop_map(|k| format!("{}", k as f64 / 4.0)),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        (inner.clone(), inner, 0..11u8).prop_map(|(a, b, k)| match k {
            0 => format!("({a} + {b})"),
            1 => format!("({a} - {b})"),
            2 => format!("({a} * {b})"),
            3 => format!("({a} / (1 + ({b})^2))"),
            4 => format!("exp(tanh({a}))"),
            5 => format!("sigmoid({a})"),
            6 => format!("tanh({a}) * {b}"),
            7 => format!("log(1 + ({a})^2)"),
            8 => format!("-{a}"),
            9 => format!("({a})^3"),
            _ => format!("sigmoid({a}) / (2 + tanh({b}))"),
        })
    })
}

/// The gradients of `f = body + u` with `u = inner` (which may not use `u`) at (x, y, z) against
/// central differences, and every value's formula against the value.
fn gradients_agree_with_differences(
    body: &str,
    inner: &str,
    x: f64,
    y: f64,
    z: f64,
) -> Result<(), TestCaseError> {
    // `u` is a named intermediate; `inner` may not use it (it defines it).
    let inner = inner.replace('u', "x");
    let spec = |x: f64, y: f64, z: f64| {
        format!(
            "inputs = {{ x = {x:e}, y = {y:e}, z = {z:e} }}\nu = \"{inner}\"\nf = \"{body} + u\"\n"
        )
    };
    let net = load(&spec(x, y, z));
    let f_at = |x: f64, y: f64, z: f64| get(&load(&spec(x, y, z)), "f");
    let h = 1e-5;
    let numeric = [
        (f_at(x + h, y, z) - f_at(x - h, y, z)) / (2.0 * h),
        (f_at(x, y + h, z) - f_at(x, y - h, z)) / (2.0 * h),
        (f_at(x, y, z + h) - f_at(x, y, z - h)) / (2.0 * h),
    ];
    // Each evaluation of f is off by up to about (operations)·ε·(its largest value), and
    // the difference quotient divides that by h: a sum with a term near 10⁶ (the test's
    // powers reach (x + y)²⁷) leaves the quotient off by about 10⁻⁵ however right the
    // gradient is. 64 operations bound the two expressions (24 nodes each, and the sum).
    let largest = net
        .entries()
        .iter()
        .filter(|e| matches!(e.stage, Stage::Given | Stage::Forward))
        .map(|e| net.read(e.quantity).abs())
        .fold(0.0, f64::max);
    let rounding = 64.0 * f64::EPSILON * largest / h;
    for (name, numeric) in ["df/dx", "df/dy", "df/dz"].into_iter().zip(numeric) {
        let analytic = get(&net, name);
        prop_assert!(
            (analytic - numeric).abs() <= 1e-6 * (1.0 + numeric.abs()) + rounding,
            "{name}: analytic {analytic} vs numeric {numeric} for {}",
            spec(x, y, z)
        );
    }
    // Every value's text, parsed back, is the same computation: the names are faithful.
    let lookup = |n: &str| net.get(n);
    for e in net.entries() {
        if let Some(f) = deltagraph::derivation::formula(&net, e) {
            let shown = f.eval(&lookup).unwrap();
            prop_assert!((shown - net.read(e.quantity)).abs() <= 1e-12 * (1.0 + shown.abs()));
        }
    }
    Ok(())
}

#[test]
fn finite_differences_allow_for_rounding_in_large_values() {
    // A case the property once drew: u = (y + x)⁹ ≈ −104 and f ≈ −1.1·10⁶, where ∂f/∂z = 1
    // exactly but the difference quotient gives 1.0000076 from rounding in f alone.
    gradients_agree_with_differences(
        "(((u + x))^3 + z)",
        "(((y + x))^3)^3",
        -0.34047008893812014,
        -1.3361037808447085,
        0.0,
    )
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn gradients_match_central_differences(
        body in smooth_expression(),
        inner in smooth_expression(),
        x in -1.5f64..1.5,
        y in -1.5f64..1.5,
        z in -1.5f64..1.5,
    ) {
        gradients_agree_with_differences(&body, &inner, x, y, z)?;
    }

    #[test]
    fn any_text_gives_a_value_or_an_error_never_a_panic(text in "[-+*/^(),.0-9a-z ]{0,24}") {
        let spec = format!("[expression]\ninputs = {{ x = 1.5 }}\nf = \"{text}\"\n");
        match expression::load(&spec, "fuzz.toml") {
            Ok(net) => prop_assert!(net.get("f").is_some()),
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.contains("line ") || message.contains("value f"), "{message}");
            }
        }
    }
}
