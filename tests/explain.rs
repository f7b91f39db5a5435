//! The derivation: every formula shown gives the value shown, and the Markdown reads as the
//! tutorial writes it.

use deltagraph::explain::{Options, markdown};
use deltagraph::net::Network;
use deltagraph::spec::{Activation, Loss, Spec, ValidSpec};
use deltagraph::steps;

fn variants() -> Vec<Spec> {
    let mut specs = vec![Spec::tutorial()];
    for (activation, loss) in [
        (Activation::Tanh, Loss::Mse),
        (Activation::Relu, Loss::Sse),
        (Activation::Identity, Loss::HalfSse),
        (Activation::Sigmoid, Loss::CrossEntropy),
        (Activation::Tanh, Loss::CrossEntropy),
    ] {
        let mut s = Spec::tutorial();
        s.activation = activation;
        s.loss = loss;
        s.weight_decay = 0.01;
        // Small weights keep tanh outputs inside (0, 1) for cross-entropy and relu alive.
        for layer in &mut s.layers {
            for row in &mut layer.weights {
                for w in row.iter_mut() {
                    *w *= 0.1;
                }
            }
            for b in &mut layer.biases {
                *b *= 0.1;
            }
        }
        s.target = vec![0.25];
        specs.push(s);
    }
    specs
}

#[test]
fn every_formula_evaluates_to_the_graphs_value() {
    for spec in variants() {
        let mut net = Network::new(&spec.clone().validated("variant").unwrap());
        net.evaluate();
        let lookup = |n: &str| net.get(n);
        for e in net.entries() {
            let Some(f) = steps::formula(&net, e) else {
                continue;
            };
            let shown = f
                .eval(&lookup)
                .unwrap_or_else(|| panic!("{} uses an unknown name", e.name));
            let value = net.read(e.quantity);
            assert!(
                (shown - value).abs() <= 1e-12 * value.abs().max(1e-300) + 1e-300,
                "{:?}/{:?} {}: formula gives {shown}, graph {value}",
                spec.activation,
                spec.loss,
                e.name
            );
        }
    }
}

#[test]
fn the_tutorial_derivation_reads_like_the_tutorial() {
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    let md = markdown(&net, &Options::default());
    // z1 = w(x1,1)·x1 + w(x2,1)·x2 + b1 = 2·1 + 1·2 + 1 = 5, as the tutorial writes it.
    assert!(md.contains(
        "z_{1} = w_{x_{1},1} \\cdot x_{1} + w_{x_{2},1} \\cdot x_{2} + b_{1} = 2 \\cdot 1 + 1 \\cdot 2 + 1 = 5\n"
    ));
    assert!(md.contains("\\delta_{6} = -\\left(y_{1} - f_{6}\\right) \\cdot f'_{6} ="));
    assert!(md.contains("\\delta_{1} = f'_{1} \\cdot \\left(w_{1,4} \\cdot \\delta_{4} + w_{1,5} \\cdot \\delta_{5}\\right)"));
    assert!(md.contains("(W^{(l+1)})^{\\mathsf T}"));
    assert_eq!(md.matches("$$").count() % 2, 0, "display math is balanced");
    // Every computed value has a step: 6 z, 6 f, L, 6 df, 6 δ, 20 gradients (14 weights, 6
    // biases), 20 updates.
    let steps = md.matches("$$\n").count() / 2;
    assert_eq!(steps, 6 + 6 + 1 + 6 + 6 + 20 + 20);
    // Sections in the order a student works.
    let order = [
        "## Given",
        "## 1. Forward pass",
        "## 2. Backward pass",
        "## 3. Gradients",
        "## 4. Updated parameters",
    ];
    let positions: Vec<usize> = order.iter().map(|h| md.find(h).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn explain_writes_a_file_and_bad_specs_write_nothing() {
    let dir = std::env::temp_dir().join(format!("deltagraph-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("t.toml");
    std::fs::write(&spec, Spec::tutorial().to_toml()).unwrap();
    let out = dir.join("d.md");
    let bin = env!("CARGO_BIN_EXE_deltagraph");
    let status = std::process::Command::new(bin)
        .args(["explain"])
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Backpropagation step by step: tutorial")
    );
    std::fs::write(&spec, "input = [1.0]\n").unwrap();
    let bad = dir.join("bad.md");
    let run = std::process::Command::new(bin)
        .args(["explain"])
        .arg(&spec)
        .arg("-o")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("t.toml"));
    assert!(!bad.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
