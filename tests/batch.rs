//! A batch of examples (`[[examples]]`): the batch's gradients against independent references
//! — the same network run on each example alone (its own spec file, through `deltagraph
//! run`), averaged or summed here — and against central finite differences of `L`; each
//! example's own δ and gradients against the single-example run; `--steps` from the batch
//! update; and bad batch specs.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

use deltagraph::net::Network;

fn deltagraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The tutorial's 2-3-2-1 layers, as TOML.
const TUTORIAL_LAYERS: &str = r#"
[[layers]]
weights = [[2.0, 1.0], [1.0, 3.0], [3.0, 2.0]]
biases = [1.0, 2.0, 3.0]

[[layers]]
weights = [[1.0, 1.0, 2.0], [3.0, 2.0, 2.0]]
biases = [2.0, 1.0]

[[layers]]
weights = [[1.0, 3.0]]
biases = [2.0]
"#;

/// A 2-2-3 network with a softmax output and categorical cross-entropy.
const SOFTMAX_LAYERS: &str = r#"
loss = "categorical_cross_entropy"

[[layers]]
weights = [[0.5, -0.5], [0.25, 0.75]]
biases = [0.1, -0.1]

[[layers]]
weights = [[1.0, -1.0], [0.5, 0.5], [-1.0, 2.0]]
biases = [0.0, 0.5, -0.5]
activation = "softmax"
"#;

/// The tutorial's example and a second one (input (2, −1), target 0).
const TUTORIAL_EXAMPLES: [(&str, &str); 2] = [("[1.0, 2.0]", "[1.0]"), ("[2.0, -1.0]", "[0.0]")];

/// Three examples for the softmax net: one-hot targets and a probability vector.
const SOFTMAX_EXAMPLES: [(&str, &str); 3] = [
    ("[1.0, 2.0]", "[0.0, 1.0, 0.0]"),
    ("[-0.5, 0.3]", "[1.0, 0.0, 0.0]"),
    ("[2.0, -1.0]", "[0.2, 0.3, 0.5]"),
];

/// A spec with one `input`/`target`.
fn single_spec(layers: &str, (input, target): (&str, &str)) -> String {
    format!("learning_rate = 0.5\ninput = {input}\ntarget = {target}\n{layers}")
}

/// A batch spec of `examples`, with `batch_loss` if given.
fn batch_spec(layers: &str, examples: &[(&str, &str)], batch_loss: Option<&str>) -> String {
    let mut s = String::from("learning_rate = 0.5\n");
    if let Some(b) = batch_loss {
        s.push_str(&format!("batch_loss = \"{b}\"\n"));
    }
    // Top-level keys of the layers text (`loss = …`) go before the first table.
    let (head, tables) = layers.split_at(layers.find("[[layers]]").unwrap());
    s.push_str(head);
    for (input, target) in examples {
        s.push_str(&format!(
            "\n[[examples]]\ninput = {input}\ntarget = {target}\n"
        ));
    }
    s.push_str(tables);
    s
}

/// `deltagraph run --format csv` of spec text (written to `dir/name`), as a name → value map.
fn run_csv(dir: &Path, name: &str, spec: &str, extra: &[&str]) -> HashMap<String, f64> {
    let path = dir.join(name);
    std::fs::write(&path, spec).unwrap();
    let mut args = vec!["run", path.to_str().unwrap(), "--format", "csv"];
    args.extend(extra);
    let out = deltagraph(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].parse::<f64>().unwrap())
        })
        .collect()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

/// Every parameter's name in a single-example run (`w(…)`, `b…`, by their gradients).
fn parameters(single: &HashMap<String, f64>) -> Vec<String> {
    let mut names: Vec<String> = single
        .keys()
        .filter_map(|k| k.strip_prefix("dL/d").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// The batch's values against the examples run one at a time: `L[e]`, every `z`, `f`, `δ`
/// and gradient of example `e` equal the single run's; the batch's `L` and gradients are the
/// mean (or sum) of the single runs'; the update is `p − α·(batch gradient)`.
fn compare_with_single_runs(layers: &str, examples: &[(&str, &str)], batch_loss: &str) {
    let dir = tempfile::tempdir().unwrap();
    let singles: Vec<HashMap<String, f64>> = examples
        .iter()
        .enumerate()
        .map(|(e, &ex)| {
            run_csv(
                dir.path(),
                &format!("one{e}.toml"),
                &single_spec(layers, ex),
                &[],
            )
        })
        .collect();
    let batch = run_csv(
        dir.path(),
        "batch.toml",
        &batch_spec(layers, examples, Some(batch_loss)),
        &[],
    );
    let n = examples.len() as f64;
    let combine = |xs: Vec<f64>| {
        let total: f64 = xs.iter().sum();
        if batch_loss == "mean" {
            total / n
        } else {
            total
        }
    };
    // Each example's own values carry its number; they equal the single run's values.
    let mut per_example = 0;
    for (e, single) in singles.iter().enumerate() {
        let suffix = format!("[{}]", e + 1);
        for (name, &v) in single {
            let own = if let Some(rest) = name.strip_prefix("dL/d") {
                format!("dL{suffix}/d{rest}")
            } else if name.starts_with(['x', 'y', 'z', 'f', 'L'])
                || name.starts_with("df")
                || name.starts_with("delta")
            {
                format!("{name}{suffix}")
            } else {
                continue; // parameters and updates are the batch's
            };
            let got = batch
                .get(&own)
                .unwrap_or_else(|| panic!("no {own} in the batch"));
            assert!(close(*got, v, 1e-12), "{own}: batch {got}, alone {v}");
            per_example += 1;
        }
    }
    assert!(per_example > 10 * examples.len(), "{per_example}");
    // The batch's loss and gradients combine the examples'.
    let expected_l = combine(singles.iter().map(|s| s["L"]).collect());
    assert!(
        close(batch["L"], expected_l, 1e-12),
        "L {} vs {expected_l}",
        batch["L"]
    );
    let params = parameters(&singles[0]);
    assert!(params.len() >= 9, "{params:?}");
    for p in &params {
        let expected = combine(singles.iter().map(|s| s[&format!("dL/d{p}")]).collect());
        let got = batch[&format!("dL/d{p}")];
        assert!(
            close(got, expected, 1e-9) || (got - expected).abs() < 1e-18,
            "dL/d{p}: batch {got}, {batch_loss} of the single runs {expected}"
        );
        let updated = batch[&format!("new_{p}")];
        assert!(close(updated, batch[p] - 0.5 * got, 1e-14), "new_{p}");
    }
}

#[test]
fn the_tutorial_batch_gradient_is_the_mean_of_the_single_example_gradients() {
    compare_with_single_runs(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, "mean");
}

#[test]
fn with_batch_loss_sum_the_gradient_is_the_sum() {
    compare_with_single_runs(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, "sum");
}

#[test]
fn a_softmax_batch_gradient_is_the_mean_of_the_single_example_gradients() {
    compare_with_single_runs(SOFTMAX_LAYERS, &SOFTMAX_EXAMPLES, "mean");
}

/// Central differences of the batch loss `L` in every weight and bias, from the forward pass
/// alone (the spec's parameters moved by ±h), against the batch's `dL/dp`.
fn finite_differences(spec: &str) {
    let net = Network::from_spec_text(spec, "batch.toml").unwrap();
    let params: Vec<String> = net.parameters().map(|p| net.name_of(p)).collect();
    let loss_with = |name: &str, delta: f64| {
        let mut moved = net.clone();
        let p = moved.graph.find(name).unwrap();
        let v = moved.graph.value(p);
        moved.graph.set_value(p, v + delta);
        moved.graph.forward();
        moved.graph.value(moved.loss)
    };
    for name in &params {
        let h = 1e-5;
        let numeric = (loss_with(name, h) - loss_with(name, -h)) / (2.0 * h);
        let analytic = net.get(&format!("dL/d{name}")).unwrap();
        assert!(
            (numeric - analytic).abs() <= 1e-7 * analytic.abs().max(1.0) * 10.0
                && (numeric - analytic).abs() <= 1e-3 * analytic.abs() + 1e-9,
            "dL/d{name}: finite differences {numeric}, backward {analytic}"
        );
    }
}

#[test]
fn batch_gradients_match_finite_differences_of_the_batch_loss() {
    finite_differences(&batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None));
    finite_differences(&batch_spec(SOFTMAX_LAYERS, &SOFTMAX_EXAMPLES, None));
    finite_differences(&batch_spec(SOFTMAX_LAYERS, &SOFTMAX_EXAMPLES, Some("sum")));
}

#[test]
fn the_tutorial_batch_by_hand() {
    // Example 2 of the tutorial net by hand: z1 = 2·2 + 1·(−1) + 1 = 4, z2 = 1·2 + 3·(−1) + 2
    // = 1, z3 = 3·2 + 2·(−1) + 3 = 7; its own δ6 = (f6 − 0)·f6·(1 − f6), not half of it.
    let spec = batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None);
    let net = Network::from_spec_text(&spec, "batch.toml").unwrap();
    assert_eq!(net.get("z1[2]"), Some(4.0));
    assert_eq!(net.get("z2[2]"), Some(1.0));
    assert_eq!(net.get("z3[2]"), Some(7.0));
    let f6 = net.get("f6[2]").unwrap();
    let delta6 = net.get("delta6[2]").unwrap();
    assert!(close(delta6, f6 * f6 * (1.0 - f6), 1e-12), "{delta6}");
    // ∂L/∂z6[2] in the batch's own reverse pass is half of it (the mean over 2 examples).
    let z6 = net.graph.find("z6[2]").unwrap();
    assert!(close(net.graph.grad(z6), delta6 / 2.0, 1e-15));
    // dL/dw(4,6) = ½(δ6[1]·f4[1] + δ6[2]·f4[2]), written out.
    let expected = 0.5
        * (net.get("delta6[1]").unwrap() * net.get("f4[1]").unwrap()
            + delta6 * net.get("f4[2]").unwrap());
    assert!(close(net.get("dL/dw(4,6)").unwrap(), expected, 1e-14));
    assert!(close(
        net.get("dL[2]/dw(4,6)").unwrap(),
        delta6 * net.get("f4[2]").unwrap(),
        1e-15
    ));
}

#[test]
fn step_two_starts_from_the_batch_update() {
    let dir = tempfile::tempdir().unwrap();
    let spec = batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None);
    let steps = run_csv(dir.path(), "batch.toml", &spec, &["--steps", "2"]);
    // Step 2's parameters are the batch update of step 1, and its L is the mean of the
    // examples' losses run alone from those parameters: the updated spec, one example each.
    let w46 = steps["w(4,6)@2"];
    assert_eq!(w46, steps["new_w(4,6)"]);
    assert!(close(w46, 1.0 - 0.5 * steps["dL/dw(4,6)"], 1e-15));
    // The spec with every parameter set to step 2's values from the CSV.
    let net = Network::from_spec_text(&spec, "batch.toml").unwrap();
    let mut spec2 = net.to_spec();
    for (l, layer) in spec2.layers.iter_mut().enumerate() {
        let first = 1 + net.layers[..l].iter().map(|l| l.len()).sum::<usize>();
        for (j, row) in layer.weights.iter_mut().enumerate() {
            for (i, w) in row.iter_mut().enumerate() {
                let source = if l == 0 {
                    format!("x{}", i + 1)
                } else {
                    (net.layers[l - 1].first_neuron + i).to_string()
                };
                *w = steps[&format!("w({source},{})@2", first + j)];
            }
            layer.biases[j] = steps[&format!("b{}@2", first + j)];
        }
    }
    let l2: f64 = (0..2)
        .map(|e| {
            let mut one = spec2.example(e);
            one.learning_rate = 0.5;
            let net = Network::evaluated(&one.validated("one.toml").unwrap()).unwrap();
            net.get("L").unwrap()
        })
        .sum::<f64>()
        / 2.0;
    assert!(close(steps["L@2"], l2, 1e-12), "{} vs {l2}", steps["L@2"]);
    assert!(steps["L@2"] < steps["L"]);
    assert!(steps.contains_key("z4[2]@2") && steps.contains_key("delta6[2]@2"));
}

/// `deltagraph run` of spec text: exit 2 and the error on stderr.
fn refused(spec: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, spec).unwrap();
    let out = deltagraph(&["run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{spec}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn bad_batch_specs_are_refused_naming_the_key() {
    let empty = format!("examples = []\n{TUTORIAL_LAYERS}");
    let err = refused(&empty);
    assert!(
        err.contains("key examples") && err.contains("at least one"),
        "{err}"
    );

    let short = batch_spec(
        TUTORIAL_LAYERS,
        &[("[1.0, 2.0]", "[1.0]"), ("[2.0]", "[0.0]")],
        None,
    );
    let err = refused(&short);
    assert!(err.contains("examples[1].input"), "{err}");

    let targets = batch_spec(
        TUTORIAL_LAYERS,
        &[("[1.0, 2.0]", "[1.0]"), ("[2.0, 1.0]", "[0.0, 1.0]")],
        None,
    );
    let err = refused(&targets);
    assert!(err.contains("examples[1].target"), "{err}");

    let both = format!(
        "input = [1.0, 2.0]\n{}",
        batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None)
    );
    let err = refused(&both);
    assert!(
        err.contains("key input") && err.contains("found both"),
        "{err}"
    );

    let unknown = batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, Some("median"));
    let err = refused(&unknown);
    assert!(
        err.contains("batch_loss") || err.contains("median"),
        "{err}"
    );

    let sum_alone =
        format!("batch_loss = \"sum\"\ninput = [1.0, 2.0]\ntarget = [1.0]\n{TUTORIAL_LAYERS}");
    let err = refused(&sum_alone);
    assert!(err.contains("key batch_loss"), "{err}");

    let typo =
        batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None).replacen("target =", "traget =", 1);
    let err = refused(&typo);
    assert!(err.contains("traget"), "{err}");

    // Still one example: a missing target is named.
    let missing = format!("input = [1.0, 2.0]\n{TUTORIAL_LAYERS}");
    let err = refused(&missing);
    assert!(err.contains("`target`"), "{err}");
}

/// Write the tutorial batch spec into `dir`; its path.
fn tutorial_batch(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("batch.toml");
    std::fs::write(&path, batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None)).unwrap();
    path
}

/// stdout of a command that must succeed.
fn ok(args: &[&str]) -> String {
    let out = deltagraph(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explain_works_each_example_then_averages_each_gradient() {
    let dir = tempfile::tempdir().unwrap();
    let spec = tutorial_batch(dir.path());
    let md = ok(&["explain", spec.to_str().unwrap()]);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("no {s:?} in\n{md}"));
    // Each example in order, then the batch's loss and gradients, then the updates.
    let order = [
        at("## Example 1"),
        at("## Example 2"),
        at("## The batch's loss"),
        at("## The batch's gradients"),
        at("## 4. Updated parameters"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Example 2's own error term, and the averaging step of dL/dw(4,6) with its numbers.
    assert!(md.contains("\\delta_{6}^{[2]} = "), "δ6[2] is worked");
    let net = Network::from_spec_text(
        &batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None),
        "batch.toml",
    )
    .unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with("\\frac{\\partial L}{\\partial w_{4,6}} = \\frac{1}{2}"))
        .expect("the averaging step of dL/dw(4,6)");
    let shown = |name: &str| deltagraph::format::significant(net.get(name).unwrap(), 6);
    for name in ["dL[1]/dw(4,6)", "dL[2]/dw(4,6)", "dL/dw(4,6)"] {
        let v = shown(name);
        // The LaTeX shows 1.2e-3 as 0.00123 and small numbers as m × 10^{e}.
        let mantissa = v.split('e').next().unwrap();
        assert!(line.contains(mantissa), "{name} = {v} not in {line}");
    }
    // In Chinese, the same structure.
    let zh = ok(&["explain", spec.to_str().unwrap(), "--lang", "zh"]);
    assert!(
        zh.contains("## 样本 2") && zh.contains("## 整批的梯度"),
        "{zh}"
    );
    assert!(!zh.contains("Example 2"));
}

#[test]
fn render_draws_the_batch_or_one_example() {
    let dir = tempfile::tempdir().unwrap();
    let spec = tutorial_batch(dir.path());
    let spec = spec.to_str().unwrap();
    let dot = dir.path().join("b.dot");
    let dot = dot.to_str().unwrap();
    ok(&["render", spec, "-o", dot]);
    let batch = std::fs::read_to_string(dot).unwrap();
    // The batch: parameters with the batch's gradient and update, each example's loss.
    assert!(batch.contains("L[1]") && batch.contains("L[2]"), "{batch}");
    assert!(batch.contains("new b6"), "{batch}");
    assert!(
        batch.contains("0.001233"),
        "∂L/∂b6 = ½(δ6[1] + δ6[2]) {batch}"
    );
    assert!(!batch.contains("z1[") && !batch.contains("δ6"), "{batch}");
    ok(&["render", spec, "--example", "2", "-o", dot]);
    let two = std::fs::read_to_string(dot).unwrap();
    // Example 2: z1[2] = 2·2 + 1·(−1) + 1 = 4, its own δ6[2] = 0.002473.
    assert!(two.contains("z1[2]") && two.contains("δ6[2]"), "{two}");
    assert!(two.contains("0.002473") && !two.contains("L[1]"), "{two}");
    // Every name in the example's view carries its number, the output's too.
    assert!(two.contains("ŷ1[2] = f6[2]"), "{two}");
    ok(&["render", spec, "--example", "2", "--lang", "zh", "-o", dot]);
    let zh = std::fs::read_to_string(dot).unwrap();
    assert!(
        zh.contains("损失函数") && zh.contains("ŷ1[2] = f6[2]"),
        "{zh}"
    );
    for bad in [["--example", "3"], ["--example", "0"]] {
        let out = deltagraph(&["render", spec, bad[0], bad[1], "-o", dot]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn a_hand_row_without_its_examples_number_is_offered_each_examples_name() {
    // A one-row file is that row, not a header: its name is what is wrong.
    let dir = tempfile::tempdir().unwrap();
    let spec = tutorial_batch(dir.path());
    let hand = dir.path().join("hand.csv");
    std::fs::write(&hand, "z1,abc\n").unwrap();
    let args = ["check", spec.to_str().unwrap(), hand.to_str().unwrap()];
    for (lang, says) in [
        ("en", "line 1: expected a canonical name"),
        ("zh", "第 1 行"),
    ] {
        let out = deltagraph(&[&args[..], &["--lang", lang]].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{err}");
        assert!(err.contains("`z1[1]`") && err.contains("`z1[2]`"), "{err}");
    }
}

/// Each judged name's (verdict, cause kind, carried from).
type Judged = HashMap<String, (String, String, Vec<String>)>;

/// `deltagraph check --format json` of a hand file (written into `dir`): exit status and each
/// judged name's (verdict, cause kind, carried from).
fn check_json(dir: &Path, spec: &Path, hand: &str) -> (i32, Judged) {
    let path = dir.join("hand.csv");
    std::fs::write(&path, hand).unwrap();
    let out = deltagraph(&[
        "check",
        spec.to_str().unwrap(),
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let judged = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            let s = |k: &str| j[k].as_str().unwrap_or_default().to_string();
            let from = j["carried_from"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            (s("name"), (s("verdict"), s("cause_kind"), from))
        })
        .collect();
    (out.status.code().unwrap(), judged)
}

#[test]
fn check_carries_a_slip_in_example_two_into_the_average_and_the_update() {
    let dir = tempfile::tempdir().unwrap();
    let spec = tutorial_batch(dir.path());
    let net = Network::from_spec_text(
        &batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None),
        "batch.toml",
    )
    .unwrap();
    let v = |name: &str| net.get(name).unwrap();
    // The person slips in example 2's δ6 (0.002573 for 0.0024729) and works on by hand from
    // it: their dL[2]/dw(4,6), the average and the update follow from their own δ6[2].
    let delta = 0.002573;
    let own = delta * v("f4[2]");
    let mean = 0.5 * (v("dL[1]/dw(4,6)") + own);
    let updated = 1.0 - 0.5 * mean;
    let hand = format!(
        "name,value\nf4[1],{}\nf4[2],{}\nδ6[1],{}\nδ6[2],{delta}\ndL[1]/dw(4,6),{}\n\
         dL[2]/dw46,{own:.6}\ndL/dw(4,6),{mean:.6}\nnew_w(4,6),{updated:.9}\n",
        v("f4[1]"),
        v("f4[2]"),
        v("delta6[1]"),
        v("dL[1]/dw(4,6)"),
    );
    let (code, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!(code, 1, "{judged:?}");
    assert_eq!(judged["delta6[2]"].0, "slip", "{judged:?}");
    for name in ["dL[2]/dw(4,6)", "dL/dw(4,6)", "new_w(4,6)"] {
        let (verdict, _, from) = &judged[name];
        assert_eq!(verdict, "carried", "{name}: {judged:?}");
        assert_eq!(from, &["delta6[2]".to_string()], "{name}");
    }
    assert_eq!(judged["delta6[1]"].0, "ok");
    // Written at full precision from the spec, the whole batch is right.
    let all: String = std::iter::once("name,value\n".to_string())
        .chain(net.values().iter().map(|(n, x)| format!("\"{n}\",{x:e}\n")))
        .collect();
    let (code, judged) = check_json(dir.path(), &spec, &all);
    assert_eq!(code, 0);
    assert!(judged.values().all(|j| j.0 == "ok"), "{judged:?}");
    assert!(judged.len() > 150);
}

#[test]
fn check_names_the_typical_batch_slips() {
    let dir = tempfile::tempdir().unwrap();
    let text = batch_spec(SOFTMAX_LAYERS, &SOFTMAX_EXAMPLES, None);
    let spec = dir.path().join("softmax.toml");
    std::fs::write(&spec, &text).unwrap();
    let net = Network::from_spec_text(&text, "softmax.toml").unwrap();
    let v = |name: &str| net.get(name).unwrap();
    let own: Vec<f64> = (1..=3).map(|e| v(&format!("dL[{e}]/dw(1,4)"))).collect();
    let sum: f64 = own.iter().sum();
    // Each slip is the batch gradient combined wrongly from right per-example gradients.
    for (written, expected) in [
        (sum, "cause-batch-summed"),
        (sum / 2.0, "cause-batch-wrong-count"),
        (sum / 4.0, "cause-batch-wrong-count"),
        (own[1], "cause-batch-one-example"),
    ] {
        let hand = format!(
            "name,value\ndL[1]/dw(1,4),{}\ndL[2]/dw(1,4),{}\ndL[3]/dw(1,4),{}\ndL/dw(1,4),{written:.6}\n",
            own[0], own[1], own[2]
        );
        let (code, judged) = check_json(dir.path(), &spec, &hand);
        assert_eq!(code, 1, "{hand}");
        let (verdict, kind, _) = &judged["dL/dw(1,4)"];
        assert_eq!(
            (verdict.as_str(), kind.as_str()),
            ("slip", "batch_combination"),
            "{expected}: {hand}"
        );
        // The message names the mistake.
        let text = deltagraph(&[
            "check",
            spec.to_str().unwrap(),
            dir.path().join("hand.csv").to_str().unwrap(),
        ]);
        let text = String::from_utf8(text.stdout).unwrap();
        let words = match expected {
            "cause-batch-summed" => "added up",
            "cause-batch-wrong-count" => "averaged over",
            _ => "dL[2]/dw(1,4), was taken",
        };
        assert!(text.contains(words), "{expected}: {text}");
    }
    // The mean of the right per-example gradients is right.
    let hand = format!("name,value\ndL/dw(1,4),{:.6}\n", sum / 3.0);
    let (code, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!((code, judged["dL/dw(1,4)"].0.as_str()), (0, "ok"));
}

#[test]
fn worksheet_and_report_take_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let spec = tutorial_batch(dir.path());
    let spec = spec.to_str().unwrap();
    let sheet = ok(&["worksheet", spec]);
    let row = |name: &str| {
        sheet
            .lines()
            .find(|l| l.trim_start_matches('"').starts_with(name))
            .unwrap_or_else(|| panic!("no row {name} in\n{sheet}"))
            .to_string()
    };
    assert!(row("delta6[2]").contains("−(y1[2] − f6[2])·df6[2]"));
    assert!(row("dL/dw(4,6)").contains("1/2·(dL[1]/dw(4,6) + dL[2]/dw(4,6))"));
    // The report: the batch's derivation with the verdicts of a hand calculation.
    let hand = dir.path().join("hand.csv");
    let net = Network::from_spec_text(
        &batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None),
        "batch.toml",
    )
    .unwrap();
    let f4 = net.get("f4[2]").unwrap();
    std::fs::write(
        &hand,
        format!(
            "name,value\ndelta6[2],0.002573\ndL[2]/dw(4,6),{:.6}\n",
            0.002573 * f4
        ),
    )
    .unwrap();
    let out_path = dir.path().join("r.html");
    let (out, hand) = (out_path.to_str().unwrap(), hand.to_str().unwrap());
    ok(&["report", spec, "--hand", hand, "-o", out]);
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains("dL[2]/dw(4,6)") && html.contains("delta6[2]"));
    // One slip (δ6[2]) and its gradient carried from it.
    assert_eq!(html.matches("data-verdict=\"slip\"").count(), 1, "slips");
    assert_eq!(
        html.matches("data-verdict=\"carried\"").count(),
        1,
        "carried"
    );
}

#[test]
fn the_served_worksheet_takes_a_batch() {
    let text = batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, None);
    let workspace = deltagraph::web::workspace::Workspace::parse(&text).unwrap();
    let net = workspace.network();
    assert!(net.is_batch());
    assert!(net.entry("delta6[2]").is_some() && net.entry("dL[2]/dw(4,6)").is_some());
}

/// The tutorial net's forward pass and output δ by hand, in plain arithmetic (no engine):
/// (f4, δ6, δ4) for input `x` and target `y`.
fn tutorial_by_hand(x: [f64; 2], y: f64) -> (f64, f64, f64) {
    let s = |z: f64| 1.0 / (1.0 + (-z).exp());
    let f1 = s(2.0 * x[0] + 1.0 * x[1] + 1.0);
    let f2 = s(1.0 * x[0] + 3.0 * x[1] + 2.0);
    let f3 = s(3.0 * x[0] + 2.0 * x[1] + 3.0);
    let f4 = s(f1 + f2 + 2.0 * f3 + 2.0);
    let f5 = s(3.0 * f1 + 2.0 * f2 + 2.0 * f3 + 1.0);
    let f6 = s(f4 + 3.0 * f5 + 2.0);
    // ½(y − f6)²: δ6 = −(y − f6)·f6·(1 − f6); δ4 = w(4,6)·δ6·f4·(1 − f4), w(4,6) = 1.
    let delta6 = -(y - f6) * f6 * (1.0 - f6);
    (f4, delta6, delta6 * f4 * (1.0 - f4))
}

/// The text `deltagraph [--lang zh] check` prints for `dir/hand.csv`.
fn check_text(spec: &Path, dir: &Path, lang: &str) -> String {
    let hand = dir.join("hand.csv");
    let out = deltagraph(&[
        "--lang",
        lang,
        "check",
        spec.to_str().unwrap(),
        hand.to_str().unwrap(),
    ]);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_names_an_examples_delta_divided_by_the_batch_size() {
    let dir = tempfile::tempdir().unwrap();
    // A batch of two and one of three (the tutorial's example again as the third).
    let three = [
        TUTORIAL_EXAMPLES[0],
        TUTORIAL_EXAMPLES[1],
        TUTORIAL_EXAMPLES[0],
    ];
    let by_hand = [
        tutorial_by_hand([1.0, 2.0], 1.0),
        tutorial_by_hand([2.0, -1.0], 0.0),
        tutorial_by_hand([1.0, 2.0], 1.0),
    ];
    for examples in [&TUTORIAL_EXAMPLES[..], &three[..]] {
        let n = examples.len();
        let spec = dir.path().join(format!("batch{n}.toml"));
        std::fs::write(&spec, batch_spec(TUTORIAL_LAYERS, examples, None)).unwrap();
        for e in 1..=n {
            let (_, delta6, _) = by_hand[e - 1];
            // Example e's own δ6 divided by N, alone: named as such, not as a factor or an
            // arithmetic slip.
            let hand = format!("name,value\ndelta6[{e}],{:.4e}\n", delta6 / n as f64);
            let (code, judged) = check_json(dir.path(), &spec, &hand);
            assert_eq!(code, 1, "{hand}");
            let (verdict, kind, _) = &judged[&format!("delta6[{e}]")];
            assert_eq!(
                (verdict.as_str(), kind.as_str()),
                ("slip", "divided_by_batch_size"),
                "N = {n}: {hand}"
            );
            let en = check_text(&spec, dir.path(), "en");
            assert!(
                en.contains(&format!(
                    "delta6[{e}] was divided by the batch size N = {n}: that gives ∂L/∂z6[{e}] \
                     of the mean loss, but delta6[{e}] is example {e}'s own error term \
                     ∂L[{e}]/∂z6[{e}]"
                )),
                "{en}"
            );
            // No bare "factor of 1/2" beside it in a batch of two: it is the same number.
            assert!(!en.contains("factor of 1/2"), "{en}");
            let zh = check_text(&spec, dir.path(), "zh");
            assert!(
                zh.contains(&format!(
                    "delta6[{e}] 除以了批大小 N = {n}：这样得到的是平均损失的 ∂L/∂z6[{e}]，\
                     而 delta6[{e}] 是样本 {e} 自己的误差项 ∂L[{e}]/∂z6[{e}]"
                )),
                "{zh}"
            );
        }
        // The first slip of a hand calculation, worked on from: δ4[1], dL[1]/dw(4,6) and
        // the batch's average (so divided by N twice) follow from the divided δ6[1] and are
        // carried, not new slips.
        let (f4, delta6, delta4) = by_hand[0];
        let divided = delta6 / n as f64;
        let others: f64 = by_hand[1..n].iter().map(|(f4, d6, _)| d6 * f4).sum();
        let hand = format!(
            "name,value\nf4[1],{f4:.6}\ndelta6[1],{divided:.4e}\ndelta4[1],{:.4e}\n\
             dL[1]/dw(4,6),{:.4e}\ndL/dw(4,6),{:.4e}\n",
            delta4 / n as f64,
            divided * f4,
            (divided * f4 + others) / n as f64,
        );
        let (code, judged) = check_json(dir.path(), &spec, &hand);
        assert_eq!(code, 1);
        assert_eq!(judged["delta6[1]"].1, "divided_by_batch_size", "{judged:?}");
        for name in ["delta4[1]", "dL[1]/dw(4,6)", "dL/dw(4,6)"] {
            let (verdict, _, from) = &judged[name];
            assert_eq!(verdict, "carried", "{name}: {judged:?}");
            assert_eq!(from, &["delta6[1]".to_string()], "{name}");
        }
        // An example's own gradient divided by N, with its δ right.
        let hand = format!(
            "name,value\ndelta6[1],{delta6:.4e}\ndL[1]/dw(4,6),{:.4e}\n",
            delta6 * f4 / n as f64
        );
        let (_, judged) = check_json(dir.path(), &spec, &hand);
        assert_eq!(judged["delta6[1]"].0, "ok", "{judged:?}");
        assert_eq!(
            judged["dL[1]/dw(4,6)"].1, "divided_by_batch_size",
            "{judged:?}"
        );
        let en = check_text(&spec, dir.path(), "en");
        assert!(
            en.contains(&format!(
                "dL[1]/dw(4,6) was divided by the batch size N = {n}"
            )),
            "{en}"
        );
    }
}

#[test]
fn a_delta_halved_outside_a_mean_batch_is_a_factor_not_the_batch_size() {
    let dir = tempfile::tempdir().unwrap();
    let (_, delta6, _) = tutorial_by_hand([1.0, 2.0], 1.0);
    // Under batch_loss = "sum" the example's own δ is also ∂L/∂z6[1]: dividing it by 2 is no
    // averaging, only a factor.
    let spec = dir.path().join("sum.toml");
    std::fs::write(
        &spec,
        batch_spec(TUTORIAL_LAYERS, &TUTORIAL_EXAMPLES, Some("sum")),
    )
    .unwrap();
    let hand = format!("name,value\ndelta6[1],{:.4e}\n", delta6 / 2.0);
    let (_, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!(judged["delta6[1]"].1, "scale", "{judged:?}");
    // One example: no batch to divide by.
    let spec = dir.path().join("one.toml");
    std::fs::write(&spec, single_spec(TUTORIAL_LAYERS, TUTORIAL_EXAMPLES[0])).unwrap();
    let hand = format!("name,value\ndelta6,{:.4e}\n", delta6 / 2.0);
    let (_, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!(judged["delta6"].1, "scale", "{judged:?}");
}

#[test]
fn every_delta_of_the_mean_loss_summed_into_the_batch_gradient_is_a_convention() {
    let dir = tempfile::tempdir().unwrap();
    let spec = tutorial_batch(dir.path());
    // Both examples' δ6, δ4 and dL[e]/dw(4,6) written as derivatives of the mean loss (half
    // of each example's own), and the batch's gradient as their sum: the right number.
    let mut hand = String::from("name,value\n");
    let mut sum = 0.0;
    for (e, x, y) in [(1, [1.0, 2.0], 1.0), (2, [2.0, -1.0], 0.0)] {
        let (f4, delta6, delta4) = tutorial_by_hand(x, y);
        let (d6, d4, g) = (delta6 / 2.0, delta4 / 2.0, delta6 * f4 / 2.0);
        sum += g;
        hand += &format!(
            "f4[{e}],{f4:.6}\ndelta6[{e}],{d6:.4e}\ndelta4[{e}],{d4:.4e}\ndL[{e}]/dw(4,6),{g:.4e}\n"
        );
    }
    hand += &format!("dL/dw(4,6),{sum:.4e}\n");
    let (code, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!(code, 0, "{judged:?}");
    for e in 1..=2 {
        for name in ["delta6", "delta4"] {
            assert_eq!(
                judged[&format!("{name}[{e}]")].0,
                "convention",
                "{judged:?}"
            );
        }
        assert_eq!(judged[&format!("dL[{e}]/dw(4,6)")].0, "convention");
    }
    assert_eq!(judged["dL/dw(4,6)"].0, "ok");
    let en = check_text(&spec, dir.path(), "en");
    assert!(
        en.contains(
            "Convention: you use each example's δ and gradient taken of the batch's mean loss"
        ),
        "{en}"
    );
    let zh = check_text(&spec, dir.path(), "zh");
    assert!(
        zh.contains("把每个样本的 δ 和梯度取为整批平均损失的导数"),
        "{zh}"
    );
    // Declared up front, it is not remarked.
    let out = deltagraph(&[
        "check",
        spec.to_str().unwrap(),
        dir.path().join("hand.csv").to_str().unwrap(),
        "--convention",
        "mean-loss-delta",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Judged under the declared convention: each example's δ"),
        "{text}"
    );
    // Under the convention, the batch's gradient averaged again (the mean of the divided
    // per-example values) is divided by N twice, and named so.
    let (g1, g2) = (
        tutorial_by_hand([1.0, 2.0], 1.0),
        tutorial_by_hand([2.0, -1.0], 0.0),
    );
    let (d1, d2) = (g1.1 * g1.0 / 2.0, g2.1 * g2.0 / 2.0);
    let hand = format!(
        "name,value\ndelta6[1],{:.4e}\ndelta6[2],{:.4e}\ndL[1]/dw(4,6),{d1:.4e}\n\
         dL[2]/dw(4,6),{d2:.4e}\ndL/dw(4,6),{:.4e}\n",
        g1.1 / 2.0,
        g2.1 / 2.0,
        (d1 + d2) / 2.0
    );
    let (code, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!(code, 1);
    assert_eq!(judged["delta6[2]"].0, "convention", "{judged:?}");
    assert_eq!(
        (
            judged["dL/dw(4,6)"].0.as_str(),
            judged["dL/dw(4,6)"].1.as_str()
        ),
        ("slip", "batch_combination")
    );
    let en = check_text(&spec, dir.path(), "en");
    assert!(
        en.contains("dL/dw(4,6) was divided by the batch size N = 2 twice"),
        "{en}"
    );
    // One example's δ divided alone is no pattern: a slip, named.
    let (f4, delta6, _) = tutorial_by_hand([1.0, 2.0], 1.0);
    let hand = format!(
        "name,value\nf4[1],{f4:.6}\ndelta6[1],{:.4e}\n",
        delta6 / 2.0
    );
    let (_, judged) = check_json(dir.path(), &spec, &hand);
    assert_eq!(judged["delta6[1]"].1, "divided_by_batch_size", "{judged:?}");
}
