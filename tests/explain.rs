//! The derivation: every formula shown gives the value shown, the numbers shown in every line
//! of working give its result as shown (recomputed here from the printed text, in the
//! Markdown and in `run`'s table), and the Markdown reads as the tutorial writes it.

#[path = "support/shown.rs"]
mod shown;

use deltagraph::derivation::{self, Options, markdown::markdown};
use deltagraph::math::Expr;
use deltagraph::net::{Network, Stage};
use deltagraph::spec::{Activation, BatchLoss, ExampleSpec, Loss, Spec, ValidSpec};

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
    // A softmax output with its own loss and with a squared error (the whole Jacobian).
    for loss in [Loss::CategoricalCrossEntropy, Loss::HalfSse] {
        let mut s = Spec::tutorial();
        s.loss = loss;
        s.layers[2] = deltagraph::spec::LayerSpec {
            weights: vec![vec![1.0, 3.0], vec![-1.0, 0.5], vec![0.2, -0.4]],
            biases: vec![-2.0, 0.0, 1.0],
            activation: Some(Activation::Softmax),
        };
        s.target = vec![0.0, 1.0, 0.0];
        specs.push(s);
    }
    // Batches: the tutorial on two examples (mean), and three softmax examples (sum, and the
    // mean's 1/3).
    let example = |input: &[f64], target: &[f64]| ExampleSpec {
        input: input.to_vec(),
        target: target.to_vec(),
    };
    let softmax = specs[specs.len() - 2].clone();
    assert_eq!(softmax.loss, Loss::CategoricalCrossEntropy);
    let mut s = Spec::tutorial();
    s.examples = vec![example(&s.input, &s.target), example(&[2.0, -1.0], &[0.0])];
    (s.input, s.target) = (Vec::new(), Vec::new());
    specs.push(s);
    for batch_loss in [BatchLoss::Sum, BatchLoss::Mean] {
        let mut s = softmax.clone();
        s.examples = vec![
            example(&[1.0, 2.0], &[0.0, 1.0, 0.0]),
            example(&[-0.5, 0.25], &[1.0, 0.0, 0.0]),
            example(&[0.3, -1.0], &[0.2, 0.3, 0.5]),
        ];
        (s.input, s.target) = (Vec::new(), Vec::new());
        s.batch_loss = batch_loss;
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
            let Some(f) = derivation::formula(&net, e) else {
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

/// The printed lines of working of a Markdown derivation, in the plain notation.
fn markdown_lines(md: &str) -> Vec<String> {
    md.split("$$\n")
        .skip(1)
        .step_by(2)
        .map(|l| shown::latex_to_plain(l.trim_end()))
        .collect()
}

/// Check every printed line whose next-to-last part is numbers only; returns how many.
fn check_lines<'a>(lines: impl IntoIterator<Item = &'a str>, what: &str) -> usize {
    let mut checked = 0;
    for line in lines {
        let parts = shown::parts(line);
        if parts.len() < 3 {
            continue;
        }
        let (result, numbers) = (&parts[parts.len() - 1], &parts[parts.len() - 2]);
        let Some(v) = shown::compute(numbers) else {
            continue;
        };
        assert!(
            shown::all_round_to(&v, result),
            "{what}: {numbers} is {v:?}, which does not round to the printed {result}\n{line}"
        );
        checked += 1;
    }
    checked
}

/// Computed values whose formula has numbers to show (not a bias gradient, which is just δ,
/// nor an identity's `f = z` or `f' = 1`).
fn with_numbers(net: &Network) -> usize {
    net.entries()
        .iter()
        .filter_map(|e| derivation::formula(net, e))
        .filter(|f| !matches!(f, Expr::Var(_)) && !f.names().is_empty())
        .count()
}

#[test]
fn the_printed_numbers_of_every_line_give_its_printed_result() {
    for spec in variants() {
        let mut net = Network::new(&spec.clone().validated("variant").unwrap());
        net.evaluate();
        for digits in [6, 3, 9] {
            let opts = Options {
                digits,
                ..Options::default()
            };
            let md = markdown(&derivation::build(&net, &opts), Default::default());
            let lines = markdown_lines(&md);
            let what = format!("{:?}/{:?} at {digits} digits", spec.activation, spec.loss);
            let checked = check_lines(lines.iter().map(String::as_str), &what);
            assert!(
                checked >= with_numbers(&net),
                "{what}: only {checked} lines checked"
            );
            // Every layer's matrix form (z = W·a + b, δ = f′ ⊙ Wᵀδ for the hidden layers,
            // ∂L/∂W = δ·aᵀ) and one chain-rule line per layer are among them.
            let raw: Vec<&str> = md.split("$$\n").skip(1).step_by(2).collect();
            let matrices: Vec<String> = raw
                .iter()
                .filter(|l| l.contains("\\begin{pmatrix}"))
                .map(|l| shown::latex_to_plain(l.trim_end()))
                .collect();
            // A batch shows no matrix forms (they would show one example's vectors only).
            let layers = if net.is_batch() { 0 } else { net.layers.len() };
            let matrix_checked = check_lines(matrices.iter().map(String::as_str), &what);
            assert_eq!(
                matrix_checked,
                (3 * layers).saturating_sub(1),
                "{what}: matrix lines"
            );
            let chains: Vec<String> = raw
                .iter()
                .filter(|l| l.contains("\\frac{\\partial z_{"))
                .map(|l| shown::latex_to_plain(l.trim_end()))
                .collect();
            let chain_checked = check_lines(chains.iter().map(String::as_str), &what);
            assert_eq!(chain_checked, layers, "{what}: chain-rule lines");
        }
    }
}

#[test]
fn runs_table_adds_up_and_agrees_with_its_value_column() {
    for spec in variants() {
        let mut net = Network::new(&spec.clone().validated("variant").unwrap());
        net.evaluate();
        let table = deltagraph::table::text(&net, 15, Default::default());
        let what = format!("run table {:?}/{:?}", spec.activation, spec.loss);
        let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("  ")).collect();
        let checked = check_lines(rows.iter().copied(), &what);
        assert!(
            checked >= with_numbers(&net),
            "{what}: only {checked} rows checked"
        );
        // A named row: `  name  value  formula = numbers = result`; the value column, at
        // full precision, rounds to the working's result.
        for row in rows {
            let mut words = row.split_whitespace();
            let (Some(name), Some(value)) = (words.next(), words.next()) else {
                continue;
            };
            let parts = shown::parts(row);
            if net.entry(name).is_none() || parts.len() < 2 {
                continue;
            }
            // An aside row (`y1 − f6 = …`) has no value column.
            let Ok(value) = value.parse::<f64>() else {
                continue;
            };
            assert!(
                shown::rounds_to(value, parts.last().unwrap()),
                "{what}: {name} = {value} but the working ends {}",
                parts.last().unwrap()
            );
        }
    }
}

#[test]
fn a_reader_can_parse_what_is_printed() {
    // The test's own reader, on known text: it must not pass by reading nothing.
    let scalar = |x: f64| Some(vec![vec![x]]);
    assert_eq!(shown::compute("2·1 + 1·2 + 1"), scalar(5.0));
    assert_eq!(shown::compute("0.5·(1 − 0.75)²"), scalar(0.5 * 0.0625));
    assert_eq!(shown::compute("-1.5e-6·2"), scalar(-3e-6));
    assert_eq!(shown::compute("w(1,4)·0.5"), None);
    let plain = |tex: &str| shown::compute(&shown::latex_to_plain(tex));
    let tex = "\\frac{1 - 0.5}{2} \\cdot \\sigma\\left(0\\right) - 1.5 \\times 10^{-6}";
    assert_eq!(plain(tex), scalar(0.125 - 1.5e-6));
    // Matrices: W·a + b, f′ ⊙ Wᵀδ, δ·aᵀ.
    let wab = "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\cdot \
               \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} + \\begin{pmatrix} 1 \\\\ 0 \\end{pmatrix}";
    assert_eq!(plain(wab), Some(vec![vec![6.0], vec![11.0]]));
    let backward = "\\begin{pmatrix} 2 \\\\ 3 \\end{pmatrix} \\odot \
                    \\left({\\begin{pmatrix} 1 & 2 \\end{pmatrix}}^{\\mathsf T} \\cdot \
                    \\begin{pmatrix} 5 \\end{pmatrix}\\right)";
    assert_eq!(plain(backward), Some(vec![vec![10.0], vec![30.0]]));
    let outer =
        "\\begin{pmatrix} 2 \\\\ 3 \\end{pmatrix} \\cdot \\begin{pmatrix} 1 & 4 \\end{pmatrix}";
    assert_eq!(plain(outer), Some(vec![vec![2.0, 8.0], vec![3.0, 12.0]]));
    assert!(shown::all_round_to(&vec![vec![1.0, 2.00004]], "[1, 2]"));
    assert!(!shown::all_round_to(&vec![vec![1.0, 2.6]], "[1, 2]"));
    assert!(shown::rounds_to(4.539586e-5, "4.53959e-5"));
    assert!(!shown::rounds_to(0.999955 * (1.0 - 0.999955), "4.53958e-5"));
}

#[test]
fn the_tutorial_derivation_reads_like_the_tutorial() {
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    let md = markdown(
        &derivation::build(&net, &Options::default()),
        Default::default(),
    );
    // z1 = w(x1,1)·x1 + w(x2,1)·x2 + b1 = 2·1 + 1·2 + 1 = 5, as the tutorial writes it.
    assert!(md.contains(
        "z_{1} = w_{x_{1},1} \\cdot x_{1} + w_{x_{2},1} \\cdot x_{2} + b_{1} = 2 \\cdot 1 + 1 \\cdot 2 + 1 = 5\n"
    ));
    assert!(md.contains("\\delta_{6} = -\\left(y_{1} - f_{6}\\right) \\cdot f'_{6} ="));
    assert!(md.contains("\\delta_{1} = f'_{1} \\cdot \\left(w_{1,4} \\cdot \\delta_{4} + w_{1,5} \\cdot \\delta_{5}\\right)"));
    assert!(md.contains("{W^{(l + 1)}}^{\\mathsf T}"));
    assert_eq!(md.matches("$$").count() % 2, 0, "display math is balanced");
    assert!(!md.contains("{$"), "every message argument is filled");
    // Every computed value has a step: 6 z, 6 f, L, 6 df, 6 δ, 20 gradients, 20 updates. Each
    // ends with a line of its own: `z_{1} = … = 5`.
    let d = derivation::build(&net, &Options::default());
    let computed: Vec<&str> = net
        .entries()
        .iter()
        .filter(|e| e.stage != Stage::Given)
        .map(|e| e.name)
        .collect();
    assert_eq!(computed.len(), 6 + 6 + 1 + 6 + 6 + 20 + 20);
    for name in &computed {
        let step = d
            .steps()
            .into_iter()
            .find(|s| s.id == *name)
            .unwrap_or_else(|| panic!("a step for {name}"));
        let last = step.lines.last().unwrap();
        assert!(
            md.contains(&format!("$$\n{}\n$$", derivation::markdown::line(last))),
            "{name} is in the Markdown"
        );
    }
    // f'3 = f3·(1 − f3) with f3 = 0.999955 loses its digits to cancellation: the difference is
    // worked on its own line first (1 − f3 = 4.53979e-5), as the tutorial's readers need.
    assert!(md.contains("$$\n1 - f_{3} = 1 - 0.99995460"), "{md}");
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
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
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
}

#[test]
fn an_expressions_derivation_adds_up_too() {
    let text = "[expression]\n\
                inputs = { a = 0.7, b = -1.3, c = 2.0 }\n\
                s = \"a*b - c/a + b^3\"\n\
                t = \"sigmoid(s) * tanh(b) + log(c) - exp(-a)\"\n\
                f = \"max(t, s) * t + relu(c) / (1 + s^2)\"\n";
    let mut net = deltagraph::expression::load(text, "e.toml").unwrap();
    net.evaluate();
    for digits in [6, 3] {
        let opts = Options {
            digits,
            ..Options::default()
        };
        let md = markdown(&derivation::build(&net, &opts), Default::default());
        assert!(md.starts_with("# The computational graph step by step"));
        assert!(!md.contains("{$"), "every message argument is filled");
        let checked = check_lines(markdown_lines(&md).iter().map(String::as_str), "expression");
        // Every forward value and every gradient with a product or sum in it is checked.
        assert!(checked >= 20, "only {checked} lines checked");
    }
}

/// Fails on a line of working that says the same thing twice (`df/dq = z = -4 = -4`).
fn assert_no_part_repeated(line: &str, what: &str) {
    let parts = shown::parts(line);
    for pair in parts.windows(2) {
        assert!(
            pair[0].trim() != pair[1].trim(),
            "{what}: `{}` twice in\n{line}",
            pair[0].trim()
        );
    }
}

#[test]
fn no_line_of_an_expressions_working_repeats_itself() {
    for example in ["expression-cs231n.toml", "expression-sigmoid-neuron.toml"] {
        let path = format!("{}/examples/{example}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let mut net = deltagraph::expression::load(&text, &path).unwrap();
        net.evaluate();
        let md = markdown(
            &derivation::build(&net, &Options::default()),
            Default::default(),
        );
        let lines = markdown_lines(&md);
        assert!(lines.len() >= 4, "{example}: {md}");
        for line in &lines {
            assert_no_part_repeated(line, example);
        }
        let table = deltagraph::table::text(&net, 15, Default::default());
        let rows: Vec<&str> = table.lines().filter(|l| l.contains(" = ")).collect();
        assert!(rows.len() >= 4, "{example}: {table}");
        for row in rows {
            assert_no_part_repeated(row, example);
        }
    }
}

/// The lines of working in a check report's "From your values" (with their continuation
/// lines), without the label.
fn check_working_lines(report: &str) -> Vec<String> {
    let label = "From your values ";
    let mut out = Vec::new();
    let mut in_working = false;
    for line in report.lines() {
        if let Some(at) = line.find(label) {
            out.push(line[at + label.len()..].to_string());
            in_working = true;
        } else if in_working && line.starts_with(&" ".repeat(2 + label.len())) {
            out.push(line.trim().to_string());
        } else {
            in_working = false;
        }
    }
    out
}

/// `check`'s text report of `hand` against the spec file `spec`.
fn check_text(spec: &str, hand: &str) -> String {
    let text = std::fs::read_to_string(spec).unwrap();
    let net = Network::from_spec_text(&text, spec).unwrap();
    let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
    let checker = deltagraph::check::Checker::new(&net);
    let report = checker.check(&deltagraph::hand::parse(hand, "hand.csv", &names).unwrap());
    deltagraph::check::report::text(&report, &net, "spec", Default::default())
}

#[test]
fn checks_working_adds_up_at_the_digits_it_shows() {
    // The tutorial's published numbers (two slips, one with a cancelling 1 − f3) and an
    // expression with gradient slips: the check writes each step as the derivation does.
    let data = |p: &str| format!("{}/{p}", env!("CARGO_MANIFEST_DIR"));
    let tutorial = data("tests/data/tutorial.toml");
    let published = std::fs::read_to_string(data("tests/data/tutorial-published.csv")).unwrap();
    let cases = [
        (tutorial.clone(), published),
        (
            data("examples/expression-cs231n.toml"),
            "df/dq,-3.0\ndf/dz,3.00\n".to_string(),
        ),
    ];
    let mut checked = 0;
    for (spec, hand) in &cases {
        let text = check_text(spec, hand);
        let lines = check_working_lines(&text);
        assert!(!lines.is_empty(), "{text}");
        for line in &lines {
            assert_no_part_repeated(line, spec);
        }
        checked += check_lines(lines.iter().map(String::as_str), spec);
    }
    // z5, 1 − f3 and df3 of the tutorial (df/dq = z is one name: nothing to compute).
    assert!(checked >= 3, "only {checked} lines checked");
    // Written at 4 figures: operands and result at 6, the derivation's own line.
    let z4 = check_text(&tutorial, "z4,5.990\n");
    assert!(
        z4.contains("= 1·0.993307 + 1·0.999877 + 2·0.999955 + 2 = 5.99309"),
        "{z4}"
    );
}
