//! Softmax outputs with categorical cross-entropy (and with other losses): every value
//! against a hand calculation, every gradient against finite differences, stability at
//! extreme logits, validation, and the checker's judgement and causes.

#[path = "support/cause.rs"]
mod cause_assert;
use cause_assert::assert_cause;

use deltagraph::check::{CauseKind, Checker, Verdict};
use deltagraph::hand;
use deltagraph::i18n::Lang;
use deltagraph::net::Network;
use deltagraph::spec::{Activation, LayerSpec, Loss, Spec};

fn net_of(spec: &Spec) -> Network {
    Network::evaluated(&spec.clone().validated("test.toml").expect("valid")).expect("finite")
}

fn get(net: &Network, name: &str) -> f64 {
    net.get(name)
        .unwrap_or_else(|| panic!("no value called {name}"))
}

/// 2 inputs → 3 softmax outputs, target class 2.
fn single_layer() -> Spec {
    Spec {
        name: None,
        input: vec![1.0, -2.0],
        target: vec![0.0, 1.0, 0.0],
        loss: Loss::CategoricalCrossEntropy,
        activation: Activation::Softmax,
        learning_rate: 0.5,
        weight_decay: 0.0,
        layers: vec![LayerSpec {
            weights: vec![vec![0.2, -0.4], vec![-0.3, 0.1], vec![0.6, 0.5]],
            biases: vec![0.1, 0.0, -0.2],
            activation: None,
        }],
        ..Spec::tutorial()
    }
}

/// 2-2-3: a sigmoid hidden layer and a softmax output.
fn two_layers(loss: Loss, target: Vec<f64>) -> Spec {
    Spec {
        name: None,
        input: vec![1.0, 2.0],
        target,
        loss,
        activation: Activation::Sigmoid,
        learning_rate: 0.1,
        weight_decay: 0.0,
        layers: vec![
            LayerSpec {
                weights: vec![vec![0.5, -0.5], vec![0.25, 0.75]],
                biases: vec![0.1, -0.1],
                activation: None,
            },
            LayerSpec {
                weights: vec![vec![1.0, -1.0], vec![0.5, 0.5], vec![-1.0, 2.0]],
                biases: vec![0.0, 0.5, -0.5],
                activation: Some(Activation::Softmax),
            },
        ],
        ..Spec::tutorial()
    }
}

#[test]
fn a_single_softmax_layer_by_hand() {
    let spec = single_layer();
    let net = net_of(&spec);
    // By hand: z_k = w_k·x + b_k; f = e^z / Σ e^z; L = −ln f_2; δ = f − y; ∂L/∂w = δ·x.
    let x = [1.0, -2.0];
    let z: Vec<f64> = spec.layers[0]
        .weights
        .iter()
        .zip(&spec.layers[0].biases)
        .map(|(w, b)| w[0] * x[0] + w[1] * x[1] + b)
        .collect();
    assert_eq!(z, [1.1, -0.5, -0.6000000000000001]); // 0.2·1 + (−0.4)·(−2) + 0.1, …
    let s: f64 = z.iter().map(|v| v.exp()).sum();
    let f: Vec<f64> = z.iter().map(|v| v.exp() / s).collect();
    let y = [0.0, 1.0, 0.0];
    for k in 0..3 {
        let n = k + 1;
        assert!((get(&net, &format!("z{n}")) - z[k]).abs() < 1e-15);
        assert!((get(&net, &format!("f{n}")) - f[k]).abs() < 1e-15, "f{n}");
        let delta = f[k] - y[k];
        assert!(
            (get(&net, &format!("delta{n}")) - delta).abs() < 1e-15,
            "delta{n}"
        );
        assert!((get(&net, &format!("df{n}")) - f[k] * (1.0 - f[k])).abs() < 1e-15);
        for (i, xi) in x.iter().enumerate() {
            let w = format!("w(x{},{n})", i + 1);
            assert!(
                (get(&net, &format!("dL/d{w}")) - delta * xi).abs() < 1e-15,
                "{w}"
            );
            let updated = spec.layers[0].weights[k][i] - 0.5 * delta * xi;
            assert!(
                (get(&net, &format!("new_{w}")) - updated).abs() < 1e-15,
                "{w}"
            );
        }
        assert!((get(&net, &format!("dL/db{n}")) - delta).abs() < 1e-15);
    }
    assert!((get(&net, "L") + f[1].ln()).abs() < 1e-15);
    // The outputs are probabilities.
    assert!((f.iter().sum::<f64>() - 1.0).abs() < 1e-15);
}

/// ∂L/∂p for every weight and bias by central differences of the loss.
fn check_against_finite_differences(spec: &Spec) {
    let net = net_of(spec);
    let loss_with = |l: usize, j: usize, i: Option<usize>, h: f64| {
        let mut s = spec.clone();
        match i {
            Some(i) => s.layers[l].weights[j][i] += h,
            None => s.layers[l].biases[j] += h,
        }
        get(&net_of(&s), "L")
    };
    let mut first = 1;
    for (l, layer) in spec.layers.iter().enumerate() {
        let sources: Vec<String> = if l == 0 {
            (1..=spec.input.len()).map(|i| format!("x{i}")).collect()
        } else {
            let before: usize = spec.layers[..l - 1].iter().map(|l| l.biases.len()).sum();
            (1..=spec.layers[l - 1].biases.len())
                .map(|i| (before + i).to_string())
                .collect()
        };
        for j in 0..layer.biases.len() {
            let n = first + j;
            let h = 1e-6;
            for (i, src) in sources.iter().enumerate() {
                let numeric =
                    (loss_with(l, j, Some(i), h) - loss_with(l, j, Some(i), -h)) / (2.0 * h);
                let analytic = get(&net, &format!("dL/dw({src},{n})"));
                assert!(
                    (numeric - analytic).abs() < 1e-7 * (1.0 + numeric.abs()),
                    "w({src},{n}): {analytic} vs {numeric}"
                );
            }
            let numeric = (loss_with(l, j, None, h) - loss_with(l, j, None, -h)) / (2.0 * h);
            let analytic = get(&net, &format!("dL/db{n}"));
            assert!(
                (numeric - analytic).abs() < 1e-7 * (1.0 + numeric.abs()),
                "b{n}"
            );
        }
        first += layer.biases.len();
    }
}

#[test]
fn gradients_match_finite_differences() {
    check_against_finite_differences(&single_layer());
    check_against_finite_differences(&two_layers(
        Loss::CategoricalCrossEntropy,
        vec![0.0, 1.0, 0.0],
    ));
    // A probability vector as the target.
    check_against_finite_differences(&two_layers(
        Loss::CategoricalCrossEntropy,
        vec![0.2, 0.7, 0.1],
    ));
    // A softmax output with a squared-error loss takes the whole Jacobian.
    check_against_finite_differences(&two_layers(Loss::HalfSse, vec![0.0, 1.0, 0.0]));
    check_against_finite_differences(&two_layers(Loss::Mse, vec![0.3, 0.3, 0.4]));
}

#[test]
fn delta_is_f_minus_y_for_a_probability_target() {
    let net = net_of(&two_layers(
        Loss::CategoricalCrossEntropy,
        vec![0.2, 0.7, 0.1],
    ));
    for (n, y) in [(3, 0.2), (4, 0.7), (5, 0.1)] {
        let f = get(&net, &format!("f{n}"));
        assert!((get(&net, &format!("delta{n}")) - (f - y)).abs() < 1e-15);
    }
}

#[test]
fn shown_formulas_give_the_shown_values() {
    for spec in [
        single_layer(),
        two_layers(Loss::CategoricalCrossEntropy, vec![0.2, 0.7, 0.1]),
        two_layers(Loss::HalfSse, vec![0.0, 1.0, 0.0]),
    ] {
        let net = net_of(&spec);
        let lookup = |n: &str| net.get(n);
        for e in net.entries() {
            if let Some(f) = deltagraph::derivation::formula(&net, e) {
                let shown = f.eval(&lookup).unwrap();
                let value = net.read(e.quantity);
                assert!(
                    (shown - value).abs() < 1e-13 * (1.0 + value.abs()),
                    "{}: {shown} vs {value}",
                    e.name
                );
            }
        }
    }
}

#[test]
fn extreme_logits_stay_finite() {
    let mut spec = single_layer();
    spec.layers[0].weights = vec![vec![1000.0, 0.0], vec![-1000.0, 0.0], vec![0.0, 0.0]];
    spec.layers[0].biases = vec![0.0; 3];
    let net = net_of(&spec);
    // z = (1000, −1000, 0), target class 2: L = lse − z_2 = 1000 − (−1000) = 2000 exactly.
    assert_eq!(get(&net, "L"), 2000.0);
    assert_eq!(get(&net, "f1"), 1.0);
    assert_eq!(get(&net, "delta2"), -1.0);
    assert!(net.first_non_finite().is_none());
}

#[test]
fn validation_names_the_key() {
    let err = |s: Spec| s.validated("s.toml").unwrap_err().to_string();
    let mut s = two_layers(Loss::CategoricalCrossEntropy, vec![0.0, 1.0, 0.0]);
    s.layers[0].activation = Some(Activation::Softmax);
    let e = err(s);
    assert!(
        e.contains("key layers[0].activation): expected softmax only on the output layer"),
        "{e}"
    );
    let mut s = two_layers(Loss::CategoricalCrossEntropy, vec![0.0, 1.0, 0.0]);
    s.layers[1].activation = None;
    let e = err(s);
    assert!(
        e.contains("key loss: expected activation = \"softmax\""),
        "{e}"
    );
    let s = two_layers(Loss::CategoricalCrossEntropy, vec![0.5, 1.0, 0.0]);
    let e = err(s);
    assert!(
        e.contains("key target: expected targets that sum to 1"),
        "{e}"
    );
    assert!(e.contains("found a sum of 1.5"), "{e}");
}

#[test]
fn the_checker_carries_a_wrong_output_into_delta_and_names_softmax_mistakes() {
    let net = net_of(&two_layers(
        Loss::CategoricalCrossEntropy,
        vec![0.0, 1.0, 0.0],
    ));
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = Checker::new(&net);
    let check = |text: &str| checker.check(&hand::parse(text, "hand.csv", &names).unwrap());
    let f3 = get(&net, "f3");
    // f4 misreported; δ4 = f4 − 1 from the written f4 is carried, not a new slip.
    let report = check(&format!("f4,0.6000\ndelta4,{:.4}\n", 0.6 - 1.0));
    assert_eq!(report.get("f4").unwrap().verdict, Verdict::Slip);
    assert_eq!(report.get("delta4").unwrap().verdict, Verdict::Carried);
    // The normaliser forgotten: f3 = e^{z3}.
    let z3 = get(&net, "z3");
    let report = check(&format!("f3,{:.6}\n", z3.exp()));
    let cause = report.get("f3").unwrap().cause.clone().unwrap();
    assert_cause(&cause, CauseKind::FactorLeftOut, &["normaliser"]);
    // σ′(z3) for the derivative: softmax treated element-wise.
    let s = 1.0 / (1.0 + (-z3).exp());
    let report = check(&format!("df3,{:.6}\n", s * (1.0 - s)));
    let cause = report.get("df3").unwrap().cause.clone().unwrap();
    assert_cause(&cause, CauseKind::WrongActivation, &[]);
    // δ3 with only the Jacobian's diagonal: −y3·(1 − f3) = 0 for y3 = 0.
    let report = check("delta3,0.0000\n");
    let j = report.get("delta3").unwrap();
    assert_eq!(j.verdict, Verdict::Slip);
    assert!(f3 > 0.05, "a zero δ3 is far from f3 − 0");
    let cause = j.cause.clone().unwrap();
    assert!(
        cause.text(Lang::En).contains("Jacobian"),
        "{}",
        cause.text(Lang::En)
    );
    // δ4 (the target's class) through σ′(z4) as if the softmax were element-wise:
    // ∂L/∂f4 · σ′(z4) = −(1/f4)·σ(z4)(1 − σ(z4)).
    let (z4, f4) = (get(&net, "z4"), get(&net, "f4"));
    let s4 = 1.0 / (1.0 + (-z4).exp());
    let report = check(&format!("delta4,{:.6}\n", -s4 * (1.0 - s4) / f4));
    let cause = report.get("delta4").unwrap().cause.clone().unwrap();
    assert_cause(&cause, CauseKind::WrongActivation, &[]);
    // The log of the wrong output: −ln f3 instead of −ln f4.
    let report = check(&format!("L,{:.6}\n", -f3.ln()));
    let cause = report.get("L").unwrap().cause.clone().unwrap();
    assert_cause(&cause, CauseKind::WrongValue, &["wrong output"]);
}

#[test]
fn iris_trains_with_a_softmax_output() {
    use deltagraph::train::{self, Output, TrainConfig, data::Dataset};
    let config = TrainConfig {
        output: Output::Softmax,
        ..TrainConfig::default()
    };
    let outcome = train::train(Dataset::builtin_iris(), &config, |_| {}).unwrap();
    // The tutorial's sigmoid network reaches about 95 % on its 20 validation rows; the softmax
    // one must learn the classes too (chance is 33 %).
    assert!(
        outcome.final_accuracy() >= 0.85,
        "{}",
        outcome.final_accuracy()
    );
    let trained = outcome.trained_spec("iris-softmax");
    assert_eq!(trained.loss, Loss::CategoricalCrossEntropy);
    assert_eq!(trained.activation_of(1), Activation::Softmax);
    let again = Spec::parse(&trained.to_toml(), "trained.toml").unwrap();
    let net = Network::evaluated(&again).unwrap();
    let f: f64 = (6..=8).map(|n| get(&net, &format!("f{n}"))).sum();
    assert!((f - 1.0).abs() < 1e-12, "softmax outputs sum to 1");
}

#[test]
fn delta_multiplied_again_by_the_diagonal_is_named() {
    // The 2-2-3 example (docs: f3 = 0.10971066, f4 = 0.52088380, y = (0, 1, 0)) with each δ
    // worked as for a sigmoid output, (f − y)·f(1 − f), by hand from the 4-figure outputs and
    // the calculator's digits: δ3 = 0.10971066·0.10971066·0.89028934 = 0.0107159,
    // δ4 = (0.5208838 − 1)·0.5208838·0.4791162 = −0.1195643.
    let net = net_of(&two_layers(
        Loss::CategoricalCrossEntropy,
        vec![0.0, 1.0, 0.0],
    ));
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let sheet = "f3,0.1097\nf4,0.5209\nf5,0.3694\ndelta3,0.01072\ndelta4,-0.1196\n";
    let report = Checker::new(&net).check(&hand::parse(sheet, "hand.csv", &names).unwrap());
    for name in ["delta3", "delta4"] {
        let j = report.get(name).unwrap();
        assert_eq!(j.verdict, Verdict::Slip, "{name}");
        let cause = j.cause.as_ref().unwrap();
        assert_eq!(
            cause.kind,
            CauseKind::DerivativeFormula,
            "{name}: {}",
            cause.text(Lang::En)
        );
        assert!(
            cause.text(Lang::En).contains("multiplied by f(1 − f)"),
            "{}",
            cause.text(Lang::En)
        );
        assert!(cause.text(Lang::Zh).contains("又乘了 f(1 − f)"));
    }
}
