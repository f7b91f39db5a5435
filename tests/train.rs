//! `deltagraph train`: the data formats, every bad-data case, determinism, the trainer's SGD
//! step against finite differences, and the tutorial's accuracy on its own Iris file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deltagraph::spec::Spec;
use deltagraph::train::data::Dataset;
use deltagraph::train::{self, Example, TrainConfig, Trainer};

const BIN: &str = env!("CARGO_BIN_EXE_deltagraph");
/// The tutorial's own Iris file, kept as a fixture (the data is the UCI set, as the tutorial ships it).
const TUTORIAL_IRIS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/iris-tutorial.csv");

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("train-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).arg("train").args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Twelve Iris rows, four of each class, in the tutorial's layout.
const TUTORIAL_ROWS: &str = "\
5.1,3.5,1.4,0.2,Iris-setosa
7.0,3.2,4.7,1.4,Iris-versicolor
6.3,3.3,6.0,2.5,Iris-virginica
4.9,3.0,1.4,0.2,Iris-setosa
6.4,3.2,4.5,1.5,Iris-versicolor
5.8,2.7,5.1,1.9,Iris-virginica
4.7,3.2,1.3,0.2,Iris-setosa
6.9,3.1,4.9,1.5,Iris-versicolor
7.1,3.0,5.9,2.1,Iris-virginica
4.6,3.1,1.5,0.2,Iris-setosa
5.5,2.3,4.0,1.3,Iris-versicolor
6.3,2.9,5.6,1.8,Iris-virginica
";

/// The same rows with a header and numeric labels, CRLF line ends, a BOM, spaces and a
/// blank line.
fn header_rows() -> String {
    let mut out =
        String::from("\u{feff}sepal_length, sepal_width, petal_length, petal_width, species\r\n");
    for (i, line) in TUTORIAL_ROWS.lines().enumerate() {
        let (numbers, name) = line.rsplit_once(',').unwrap();
        let label = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"]
            .iter()
            .position(|c| *c == name)
            .unwrap();
        out.push_str(&format!("{numbers}, {label}\r\n"));
        if i == 5 {
            out.push_str("\r\n");
        }
    }
    out
}

fn train_ok(dir: &Path, data: &Path, extra: &[&str]) -> Output {
    let out = dir.join("out");
    let mut args = vec![
        data.to_str().unwrap(),
        "--epochs",
        "20",
        "--train-rows",
        "9",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "stderr: {}", text(&o.stderr));
    o
}

fn check_outputs(dir: &Path, epochs: usize) {
    let out = dir.join("out");
    let csv = std::fs::read_to_string(out.join("accuracy.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("epoch,train_loss,val_accuracy"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), epochs);
    for (i, row) in rows.iter().enumerate() {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f[0], (i + 1).to_string());
        let loss: f64 = f[1].parse().unwrap();
        let acc: f64 = f[2].parse().unwrap();
        assert!(loss.is_finite() && loss >= 0.0);
        assert!((0.0..=100.0).contains(&acc));
    }
    let svg = std::fs::read_to_string(out.join("accuracy.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("epoch"));
    // The saved network is a valid spec that `deltagraph run` accepts.
    let spec_path = out.join("trained.toml");
    let spec = Spec::load(&spec_path).unwrap();
    assert_eq!(spec.layers.len(), 2);
    assert_eq!(spec.target.len(), 3);
    let o = Command::new(BIN)
        .args(["run", spec_path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn trains_on_the_tutorials_layout() {
    let dir = scratch("tutorial-layout");
    let data = dir.join("iris-small.csv");
    std::fs::write(&data, TUTORIAL_ROWS).unwrap();
    let o = train_ok(&dir, &data, &[]);
    let stdout = text(&o.stdout);
    assert!(
        stdout.contains("class 0 (output y1) = Iris-setosa"),
        "{stdout}"
    );
    assert!(
        stdout.contains("class 2 (output y3) = Iris-virginica"),
        "{stdout}"
    );
    assert!(stdout.contains("final validation accuracy"), "{stdout}");
    assert!(stdout.contains("actual \\ predicted"), "{stdout}");
    // No progress bar when stdout is not a terminal.
    assert!(!stdout.contains("epoch 1/20"), "{stdout}");
    check_outputs(&dir, 20);
    let toml = std::fs::read_to_string(dir.join("out/trained.toml")).unwrap();
    assert!(toml.contains("name = \"iris-small-trained\""));
}

#[test]
fn trained_toml_comments_are_in_the_readers_language() {
    let dir = scratch("comments-zh");
    let out = dir.join("out");
    let o = run(&[
        "--epochs",
        "2",
        "--lang",
        "zh",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let toml = std::fs::read_to_string(out.join("trained.toml")).unwrap();
    let first = toml.lines().next().unwrap();
    // The built-in set named in words, not quoted like a file name.
    assert!(
        first.starts_with("# 由 `deltagraph train` 在 内置鸢尾花数据集 上训练（2 个回合"),
        "{first}"
    );
    assert!(toml.contains("# 最终验证集准确率："), "{toml}");
    // The keys the parser reads stay as they are.
    let spec = Spec::load(&out.join("trained.toml")).unwrap();
    assert_eq!(spec.layers.len(), 2);
}

#[test]
fn trains_on_a_header_with_numeric_labels() {
    let dir = scratch("header-layout");
    let data = dir.join("numeric.csv");
    std::fs::write(&data, header_rows()).unwrap();
    let o = train_ok(&dir, &data, &[]);
    let stdout = text(&o.stdout);
    assert!(
        stdout.contains("12 rows, 4 features, 3 classes"),
        "{stdout}"
    );
    assert!(stdout.contains("class 1 (output y2) = 1"), "{stdout}");
    check_outputs(&dir, 20);
}

#[test]
fn both_layouts_give_the_same_run() {
    let a = Dataset::parse(TUTORIAL_ROWS, "a.csv").unwrap();
    let b = Dataset::parse(&header_rows().replace('\u{feff}', ""), "b.csv").unwrap();
    let config = TrainConfig {
        epochs: 10,
        train_rows: 9,
        ..TrainConfig::default()
    };
    let ra = train::train(a, &config, |_| {}).unwrap();
    let rb = train::train(b, &config, |_| {}).unwrap();
    assert_eq!(ra.accuracy_csv(), rb.accuracy_csv());
}

/// Run the CLI on `content`; expect exit 2, a message naming the file and `location`, and no
/// output directory.
fn expect_bad(name: &str, content: &str, extra: &[&str], location: &str, what: &str) {
    let dir = scratch(name);
    let data = dir.join(format!("{name}.csv"));
    std::fs::write(&data, content).unwrap();
    let out = dir.join("out");
    let mut args = vec![data.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&args);
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
    let expected = format!("{}: {location}: ", data.display());
    assert!(
        stderr.contains(&expected),
        "{name}: expected {expected:?} in {stderr:?}"
    );
    assert!(
        stderr.contains(what),
        "{name}: expected {what:?} in {stderr:?}"
    );
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(!out.exists(), "{name}: wrote output despite the error");
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_an_error() {
    let content =
        TUTORIAL_ROWS.replacen("4.9,3.0,1.4,0.2,Iris-setosa", "4.9,3.0,1.4,Iris-setosa", 1);
    expect_bad(
        "fields",
        &content,
        &[],
        "line 4",
        "expected 5 fields (4 numbers and a class label), found 4",
    );
}

#[test]
fn a_non_number_is_an_error() {
    let content = TUTORIAL_ROWS.replacen("6.4,3.2", "6.4,three", 1);
    expect_bad(
        "number",
        &content,
        &[],
        "line 5",
        "field 2: expected a number, found \"three\"",
    );
}

#[test]
fn an_empty_file_is_an_error() {
    expect_bad("empty", "", &[], "line 1", "found an empty file");
    expect_bad("blank", "\n  \n", &[], "line 1", "found an empty file");
    expect_bad(
        "header-only",
        "a,b,c,d,label\n",
        &[],
        "line 2",
        "found a header and no data rows",
    );
}

#[test]
fn a_single_class_is_an_error() {
    let content: String = TUTORIAL_ROWS
        .lines()
        .filter(|l| l.ends_with("setosa"))
        .map(|l| format!("{l}\n"))
        .collect();
    expect_bad(
        "single",
        &content,
        &["--train-rows", "2"],
        "lines 1-4",
        "at least two classes",
    );
}

#[test]
fn train_rows_must_leave_rows_to_validate() {
    expect_bad(
        "rows",
        TUTORIAL_ROWS,
        &["--train-rows", "12"],
        "line 12",
        "expected 1 to 11",
    );
    expect_bad(
        "rows-over",
        TUTORIAL_ROWS,
        &[],
        "line 12",
        "--train-rows 130",
    );
    expect_bad(
        "rows-zero",
        TUTORIAL_ROWS,
        &["--train-rows", "0"],
        "line 12",
        "expected 1 to 11",
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let dir = scratch("missing");
    let o = run(&[
        dir.join("nope.csv").to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("nope.csv"));
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let dir = scratch("determinism");
    let data = dir.join("d.csv");
    std::fs::write(&data, TUTORIAL_ROWS).unwrap();
    let csv_for = |seed: &str, out: &str| {
        let out = dir.join(out);
        let o = run(&[
            data.to_str().unwrap(),
            "--epochs",
            "30",
            "--train-rows",
            "8",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        (
            std::fs::read(out.join("accuracy.csv")).unwrap(),
            std::fs::read(out.join("trained.toml")).unwrap(),
        )
    };
    let a = csv_for("7", "a");
    let b = csv_for("7", "b");
    let c = csv_for("8", "c");
    assert_eq!(a, b);
    assert_ne!(a.0, c.0);
}

#[test]
fn the_builtin_set_is_the_default() {
    let dir = scratch("builtin");
    let out = dir.join("out");
    let o = run(&["--epochs", "3", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let stdout = text(&o.stdout);
    assert!(
        stdout.contains("<built-in iris>: 150 rows, 4 features, 3 classes"),
        "{stdout}"
    );
    assert!(stdout.contains("= Iris-versicolor"), "{stdout}");
    assert!(out.join("trained.toml").exists());
}

/// The loss of a 2-layer sigmoid network with half-SSE, written out by hand from the spec:
/// an oracle independent of the graph engine.
fn independent_loss(spec: &Spec, x: &[f64], y: &[f64]) -> f64 {
    let sigmoid = |z: f64| 1.0 / (1.0 + (-z).exp());
    let mut a = x.to_vec();
    for layer in &spec.layers {
        a = layer
            .weights
            .iter()
            .zip(&layer.biases)
            .map(|(row, b)| sigmoid(row.iter().zip(&a).map(|(w, v)| w * v).sum::<f64>() + b))
            .collect();
    }
    0.5 * a.iter().zip(y).map(|(o, t)| (t - o) * (t - o)).sum::<f64>()
}

#[test]
fn one_sgd_step_equals_a_step_along_finite_difference_gradients() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(3);
    let lr = 0.2;
    let spec = train::initial_spec(3, 4, 2, lr, &mut rng);
    let ex = Example::new(vec![0.2, 0.9, 0.4], 1, 2);

    // Expected: every parameter moved by −lr·∂L/∂p, ∂L/∂p by central differences.
    let h = 1e-6;
    let mut expected = spec.clone();
    for l in 0..spec.layers.len() {
        for j in 0..spec.layers[l].biases.len() {
            for i in 0..=spec.layers[l].weights[j].len() {
                let nudge = |s: &mut Spec, d: f64| {
                    let layer = &mut s.layers[l];
                    if i < layer.weights[j].len() {
                        layer.weights[j][i] += d;
                    } else {
                        layer.biases[j] += d;
                    }
                };
                let (mut hi, mut lo) = (spec.clone(), spec.clone());
                nudge(&mut hi, h);
                nudge(&mut lo, -h);
                let grad = (independent_loss(&hi, &ex.input, &ex.target)
                    - independent_loss(&lo, &ex.input, &ex.target))
                    / (2.0 * h);
                nudge(&mut expected, -lr * grad);
            }
        }
    }

    let valid = spec.clone().validated("initial spec").unwrap();
    let mut trainer = Trainer::new(&valid, vec![ex.clone()], vec![ex.clone()]);
    let loss = trainer.epoch();
    assert!((loss - independent_loss(&spec, &ex.input, &ex.target)).abs() < 1e-15);
    let got = trainer.net.to_spec();
    for (lg, le) in got.layers.iter().zip(&expected.layers) {
        for (rg, re) in lg
            .weights
            .iter()
            .chain([&lg.biases])
            .zip(le.weights.iter().chain([&le.biases]))
        {
            for (g, e) in rg.iter().zip(re) {
                assert!(
                    (g - e).abs() < 1e-9,
                    "trainer {g} vs finite differences {e}"
                );
            }
        }
    }
    // And the step changed something: the example's loss went down.
    let after = independent_loss(&got, &ex.input, &ex.target);
    assert!(after < loss, "{after} ≥ {loss}");
}

#[test]
fn parameters_are_drawn_in_the_tutorials_order() {
    use rand::{RngExt, SeedableRng};
    let mut a = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(11);
    let mut b = a.clone();
    let spec = train::initial_spec(2, 2, 2, 0.2, &mut a);
    // Neuron by neuron: weights in input order, then the bias (the tutorial's [w…, b]).
    let mut draws = std::iter::from_fn(|| Some(b.random::<f64>()));
    for layer in &spec.layers {
        for (row, bias) in layer.weights.iter().zip(&layer.biases) {
            for w in row {
                assert_eq!(*w, draws.next().unwrap());
            }
            assert_eq!(*bias, draws.next().unwrap());
        }
    }
    assert!(
        spec.layers
            .iter()
            .flat_map(|l| l.biases.iter())
            .all(|v| (0.0..1.0).contains(v))
    );
}

/// The tutorial's own file, read through the loader.
#[test]
fn validation_predicts_every_row_as_predict_does() {
    // Five hidden neurons: all 20 rows' forward passes together (after 40 epochs the network
    // no longer predicts one class for everything, so the matrix says which rows went where);
    // 2,000 (a graph of 20,000 nodes, which still predicts one class): one row at a time.
    for hidden in [5, 2000] {
        let config = TrainConfig {
            hidden,
            ..TrainConfig::default()
        };
        let (mut trainer, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
        for _ in 0..40 {
            trainer.epoch();
        }
        let own = trainer.net.graph.values().to_vec();
        let confusion = trainer.validate();
        if hidden == 5 {
            assert_eq!(trainer.net.graph.values(), own, "the network's own values");
        }
        let mut expected = train::Confusion::new(3);
        let mut predicted = [false; 3];
        for ex in trainer.validation.clone() {
            let class = trainer.clone().predict(&ex);
            expected.add(ex.class, class);
            predicted[class] = true;
        }
        assert_eq!(confusion, expected, "hidden {hidden}");
        if hidden == 5 {
            assert!(
                predicted.iter().filter(|&&p| p).count() >= 2,
                "{expected:?}"
            );
        }
    }
}

fn tutorial_iris() -> Dataset {
    Dataset::load(Path::new(TUTORIAL_IRIS)).unwrap()
}

#[test]
fn the_builtin_set_is_the_tutorials_file() {
    let file = tutorial_iris();
    assert_eq!(file.rows.len(), 150);
    let builtin = Dataset::builtin_iris();
    assert_eq!(file.classes, builtin.classes);
    assert_eq!(file.rows.len(), builtin.rows.len());
    for (a, b) in file.rows.iter().zip(&builtin.rows) {
        assert_eq!((&a.features, a.class), (&b.features, b.class));
    }
}

#[test]
fn the_tutorials_settings_reach_90_percent_over_10_seeds() {
    let file = tutorial_iris();
    let mut finals: Vec<f64> = (0..10)
        .map(|seed| {
            let config = TrainConfig {
                seed,
                ..TrainConfig::default()
            };
            train::train(file.clone(), &config, |_| {})
                .unwrap()
                .final_accuracy()
        })
        .collect();
    finals.sort_by(f64::total_cmp);
    let median = (finals[4] + finals[5]) / 2.0;
    eprintln!("final validation accuracy over seeds 0-9: {finals:?}, median {median}");
    assert!(median >= 90.0, "median {median} over {finals:?}");
}
