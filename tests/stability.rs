//! Numerical stability: sigmoid, tanh and cross-entropy give finite values and gradients for
//! z = ±1000 and for outputs exactly at 0 or 1, and where the mathematics gives a finite answer
//! (δ = ŷ − y for a sigmoid output under cross-entropy) the engine gives that answer.

use std::process::Command;

use deltagraph::net::Network;
use deltagraph::spec::{Activation, LayerSpec, Loss, Spec};
use deltagraph::table;

/// A 1-2-1 network whose hidden neurons get z1 = +1000 and z2 = −1000 from input x1 = 1, and
/// whose output neuron gets `z3 = out_w·(f1 + f2) + out_b`.
fn saturated(
    hidden: Activation,
    output: Activation,
    loss: Loss,
    target: f64,
    out_w: f64,
    out_b: f64,
) -> Spec {
    Spec {
        name: Some("saturated".into()),
        input: vec![1.0],
        target: vec![target],
        loss,
        activation: hidden,
        learning_rate: 0.1,
        weight_decay: 0.01,
        layers: vec![
            LayerSpec {
                weights: vec![vec![1000.0], vec![-1000.0]],
                biases: vec![0.0, 0.0],
                activation: None,
            },
            LayerSpec {
                weights: vec![vec![out_w, out_w]],
                biases: vec![out_b],
                activation: Some(output),
            },
        ],
        ..Spec::tutorial()
    }
}

fn evaluated(spec: &Spec) -> Network {
    let mut net = Network::new(&spec.clone().validated("test").expect("valid spec"));
    net.evaluate();
    net
}

/// Every canonical value is finite, and neither the CSV nor the JSON export shows NaN, inf or
/// (JSON's stand-in for a non-finite number) null.
fn assert_all_finite(net: &Network, what: &str) {
    for (name, v) in net.values() {
        assert!(v.is_finite(), "{what}: {name} = {v}");
    }
    let csv = table::csv(net);
    for bad in ["NaN", "inf"] {
        assert!(!csv.contains(bad), "{what}: CSV contains {bad}:\n{csv}");
    }
    let json = table::json(net);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    for v in doc["values"].as_array().unwrap() {
        assert!(v["value"].is_number(), "{what}: {v}");
    }
}

#[test]
fn every_activation_and_loss_stays_finite_at_z_plus_minus_1000() {
    for hidden in Activation::ALL {
        for output in Activation::ALL {
            for loss in Loss::ALL {
                for target in [0.0, 1.0] {
                    // Output z = ±1000 from the bias alone, and from huge weights on huge values.
                    for (out_w, out_b) in
                        [(0.0, 1000.0), (0.0, -1000.0), (1000.0, 0.0), (-1000.0, 3.0)]
                    {
                        let spec = saturated(hidden, output, loss, target, out_w, out_b);
                        let net = evaluated(&spec);
                        let what = format!(
                            "hidden {hidden:?}, output {output:?}, {loss:?}, y = {target}, w = {out_w}, b = {out_b}"
                        );
                        assert_all_finite(&net, &what);
                        // The hidden layer really is at ±1000.
                        assert_eq!(net.get("z1"), Some(1000.0), "{what}");
                        assert_eq!(net.get("z2"), Some(-1000.0), "{what}");
                    }
                }
            }
        }
    }
}

#[test]
fn sigmoid_and_tanh_saturate_to_their_limits_with_zero_slope() {
    let net = evaluated(&saturated(
        Activation::Sigmoid,
        Activation::Sigmoid,
        Loss::HalfSse,
        1.0,
        1.0,
        0.0,
    ));
    assert_eq!(net.get("f1"), Some(1.0)); // σ(1000)
    assert_eq!(net.get("f2"), Some(0.0)); // σ(−1000)
    assert_eq!(net.get("df1"), Some(0.0));
    assert_eq!(net.get("df2"), Some(0.0));
    // δ of a saturated hidden neuron: f′ = 0 stops the error, exactly.
    assert_eq!(net.get("delta1"), Some(0.0));
    assert_eq!(net.get("delta2"), Some(0.0));

    let net = evaluated(&saturated(
        Activation::Tanh,
        Activation::Tanh,
        Loss::HalfSse,
        1.0,
        1.0,
        0.0,
    ));
    assert_eq!(net.get("f1"), Some(1.0)); // tanh(1000)
    assert_eq!(net.get("f2"), Some(-1.0)); // tanh(−1000)
    assert_eq!(net.get("df1"), Some(0.0));
    assert_eq!(net.get("df2"), Some(0.0));
}

#[test]
fn cross_entropy_of_a_saturated_sigmoid_gives_delta_f_minus_y() {
    // Output z = ±1000 from its bias; hidden outputs are σ(±1000) = 1 and 0.
    // L = −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y·z, so for a confident wrong
    // answer (z = 1000, y = 0 or z = −1000, y = 1) L = 1000 + ln(1 + e^−1000) = 1000 to f64
    // precision, and for a confident right answer L = ln(1 + e^−1000) = 0 to f64 precision.
    // δ = ∂L/∂z = σ(z) − y.
    for (z, y, loss, delta) in [
        (1000.0, 0.0, 1000.0, 1.0),
        (-1000.0, 1.0, 1000.0, -1.0),
        (1000.0, 1.0, 0.0, 0.0),
        (-1000.0, 0.0, 0.0, 0.0),
    ] {
        let spec = saturated(
            Activation::Sigmoid,
            Activation::Sigmoid,
            Loss::CrossEntropy,
            y,
            0.0,
            z,
        );
        let net = evaluated(&spec);
        assert_all_finite(&net, &format!("z = {z}, y = {y}"));
        assert_eq!(net.get("z3"), Some(z));
        let l = net.get("L").unwrap();
        assert!(
            (l - loss).abs() <= 1e-12 * (1.0 + loss),
            "z = {z}, y = {y}: L = {l}"
        );
        assert_eq!(net.get("delta3"), Some(delta), "z = {z}, y = {y}");
        assert_eq!(
            net.get("delta3").unwrap(),
            net.get("f3").unwrap() - y,
            "δ = f − y"
        );
        // dL/dw(1,3) = δ3·f1 = δ3·1, dL/dw(2,3) = δ3·f2 = δ3·0, dL/db3 = δ3.
        assert_eq!(net.get("dL/dw(1,3)"), Some(delta));
        assert_eq!(net.get("dL/dw(2,3)"), Some(0.0));
        assert_eq!(net.get("dL/db3"), Some(delta));
        // One SGD step moves the bias against the error: new_b3 = z − 0.1·δ.
        assert_eq!(net.get("new_b3"), Some(z - 0.1 * delta));
    }
}

#[test]
fn cross_entropy_with_outputs_exactly_0_or_1_stays_finite() {
    // Identity and relu outputs can be exactly 0 or 1 (z3 = b3 when the output weights are 0).
    // Where the output equals the target, L = 0 and ∂L/∂ŷ is the one-sided derivative:
    // ŷ = y = 0: ∂/∂ŷ[−ln(1 − ŷ)] = 1/(1 − ŷ) = 1;  ŷ = y = 1: ∂/∂ŷ[−ln ŷ] = −1/ŷ = −1.
    for output in [Activation::Identity, Activation::Relu] {
        for (yhat, y, expected_delta) in [(0.0, 0.0, 1.0), (1.0, 1.0, -1.0)] {
            let spec = saturated(
                Activation::Sigmoid,
                output,
                Loss::CrossEntropy,
                y,
                0.0,
                yhat,
            );
            let net = evaluated(&spec);
            assert_all_finite(&net, &format!("{output:?}: ŷ = {yhat}, y = {y}"));
            assert_eq!(net.get("f3"), Some(yhat));
            assert_eq!(net.get("L"), Some(0.0), "{output:?}: ŷ = y = {y}");
            if output == Activation::Identity || yhat > 0.0 {
                let delta = net.get("delta3").unwrap();
                assert!(
                    (delta - expected_delta).abs() < 1e-15,
                    "{output:?} ŷ = {yhat}: δ = {delta}"
                );
            }
        }
        // Confidently wrong: ln 0 is infinite in exact arithmetic; the value must still be
        // finite (and large), never NaN or inf.
        for (yhat, y) in [(0.0, 1.0), (1.0, 0.0)] {
            let spec = saturated(
                Activation::Sigmoid,
                output,
                Loss::CrossEntropy,
                y,
                0.0,
                yhat,
            );
            let net = evaluated(&spec);
            assert_all_finite(&net, &format!("{output:?}: ŷ = {yhat}, y = {y}"));
            assert!(
                net.get("L").unwrap() > 30.0,
                "a wrong certain answer costs a lot"
            );
        }
    }
}

#[test]
fn squared_error_of_a_saturated_sigmoid_output() {
    // ŷ = σ(1000) = 1 exactly, y = 0: L = ½(0 − 1)² = ½, δ = −(y − ŷ)·ŷ(1 − ŷ) = 0 (the
    // true value e^−1000 underflows), and everything stays finite.
    let net = evaluated(&saturated(
        Activation::Sigmoid,
        Activation::Sigmoid,
        Loss::HalfSse,
        0.0,
        0.0,
        1000.0,
    ));
    assert_eq!(net.get("f3"), Some(1.0));
    assert_eq!(net.get("L"), Some(0.5));
    assert_eq!(net.get("delta3"), Some(0.0));
}

#[test]
fn the_cli_prints_no_nan_for_a_saturated_spec() {
    let spec = saturated(
        Activation::Tanh,
        Activation::Sigmoid,
        Loss::CrossEntropy,
        0.0,
        1000.0,
        1000.0,
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("saturated.toml");
    std::fs::write(&path, spec.to_toml()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(["run", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let v: f64 = record[1].parse().unwrap();
        assert!(v.is_finite(), "{} = {}", &record[0], &record[1]);
        rows += 1;
    }
    assert!(rows > 0);
    // z3 = 1000·(tanh 1000 + tanh −1000) + 1000 = 1000; y = 0: L = 1000, δ3 = σ(1000) − 0 = 1.
    assert!(text.contains("\nz3,1000\n"));
    assert!(text.contains("\nL,1000\n"));
    assert!(text.contains("\ndelta3,1\n"));
}
