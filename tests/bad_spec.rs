//! Bad specs: every case gets a clear error on stderr that names the file, the key (or line) and
//! what was expected, exit status 2, nothing on stdout, and no panic.
//!
//! Each test writes a small spec into a fresh temporary directory and runs the real binary:
//! `deltagraph run FILE --format csv`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A valid 2-2-1 network; the cases below break one thing in it.
const GOOD: &str = r#"input = [1.0, 2.0]
target = [1.0]
loss = "half_sse"
activation = "sigmoid"
learning_rate = 0.1

[[layers]]
weights = [[2.0, 1.0], [1.0, 3.0]]
biases = [1.0, 2.0]

[[layers]]
weights = [[1.0, 3.0]]
biases = [2.0]
"#;

/// A fresh directory under the system temp dir, removed (with what the test wrote in it)
/// when dropped, even when the test fails.
fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("deltagraph-bad-spec-")
        .tempdir()
        .unwrap()
}

/// What one run of the binary produced.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    file: PathBuf,
}

/// Run `deltagraph run PATH --format csv`.
fn run_path(path: &Path) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .arg("run")
        .arg(path)
        .args(["--format", "csv"])
        .output()
        .expect("the binary runs");
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        file: path.to_path_buf(),
    }
}

/// Write `bytes` to `NAME.toml` in a fresh temp dir and run the binary on it.
fn run_bytes(name: &str, bytes: &[u8]) -> Outcome {
    let dir = temp_dir();
    let path = dir.path().join(format!("{name}.toml"));
    std::fs::write(&path, bytes).unwrap();
    run_path(&path)
}

/// [`run_bytes`] for text.
fn run_text(name: &str, text: &str) -> Outcome {
    run_bytes(name, text.as_bytes())
}

/// `GOOD` with the exact text `from` replaced by `to` (which must occur).
fn good_with(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from:?} is in the good spec");
    GOOD.replacen(from, to, 1)
}

impl Outcome {
    /// Exit status 2, stdout empty, no panic, and stderr names the file and contains every one
    /// of `needles` (the key or line, and what was expected).
    fn assert_bad(&self, needles: &[&str]) {
        let file = self.file.display().to_string();
        assert_eq!(self.code, Some(2), "exit status; stderr: {}", self.stderr);
        assert!(
            self.stdout.is_empty(),
            "stdout must be empty, got {:?}",
            self.stdout
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "panic: {}",
            self.stderr
        );
        assert!(
            self.stderr.contains(&file),
            "stderr names the file {file}: {}",
            self.stderr
        );
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr should contain {needle:?}: {}",
                self.stderr
            );
        }
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "one line of error: {}",
            self.stderr
        );
    }
}

#[test]
fn the_good_spec_runs() {
    // The baseline every bad case departs from is itself fine.
    let out = run_text("good", GOOD);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.starts_with("name,value\n"));
    assert!(out.stderr.is_empty());
}

#[test]
fn more_weight_rows_than_biases() {
    let spec = good_with("biases = [1.0, 2.0]", "biases = [1.0, 2.0, 3.0]");
    run_text("rows_vs_biases", &spec).assert_bad(&[
        "key layers[0].weights",
        "expected 3 weight rows",
        "found 2",
    ]);
}

#[test]
fn ragged_weight_rows() {
    let spec = good_with("[[2.0, 1.0], [1.0, 3.0]]", "[[2.0, 1.0], [1.0]]");
    run_text("ragged", &spec).assert_bad(&[
        "key layers[0].weights[1]",
        "expected 2 weights",
        "found 1",
    ]);
}

#[test]
fn row_length_differs_from_previous_layer_size() {
    let spec = good_with("[[1.0, 3.0]]", "[[1.0, 3.0, 4.0]]");
    run_text("row_length", &spec).assert_bad(&[
        "key layers[1].weights[0]",
        "expected 2 weights",
        "found 3",
    ]);
}

#[test]
fn missing_input() {
    let spec = good_with("input = [1.0, 2.0]\n", "");
    run_text("missing_input", &spec).assert_bad(&[
        "top level",
        "expected the key `input`",
        "an array of numbers",
        "found none",
    ]);
}

#[test]
fn missing_target() {
    let spec = good_with("target = [1.0]\n", "");
    run_text("missing_target", &spec).assert_bad(&[
        "top level",
        "expected the key `target`",
        "an array of numbers",
    ]);
}

#[test]
fn missing_layers() {
    let spec = GOOD.split("[[layers]]").next().unwrap().to_string();
    run_text("missing_layers", &spec).assert_bad(&[
        "top level",
        "expected the key `layers`",
        "[[layers]] table",
    ]);
}

#[test]
fn missing_weights() {
    let spec = good_with("weights = [[1.0, 3.0]]\n", "");
    run_text("missing_weights", &spec).assert_bad(&[
        "key layers[1]",
        "expected the key `weights`",
        "an array of rows",
    ]);
}

#[test]
fn missing_biases() {
    let spec = good_with("biases = [2.0]\n", "");
    run_text("missing_biases", &spec).assert_bad(&[
        "key layers[1]",
        "expected the key `biases`",
        "an array of numbers",
    ]);
}

#[test]
fn unknown_activation() {
    let spec = good_with(r#"activation = "sigmoid""#, r#"activation = "softplus""#);
    run_text("unknown_activation", &spec).assert_bad(&[
        "key activation",
        "line 4",
        "softplus",
        "expected one of `sigmoid`, `tanh`, `relu`, `identity`, `softmax`",
    ]);
}

#[test]
fn unknown_activation_in_a_layer() {
    let spec = good_with(
        "biases = [2.0]\n",
        "biases = [2.0]\nactivation = \"gelu\"\n",
    );
    run_text("unknown_layer_activation", &spec).assert_bad(&[
        "key layers[1].activation",
        "gelu",
        "expected one of `sigmoid`",
    ]);
}

#[test]
fn unknown_loss() {
    let spec = good_with(r#"loss = "half_sse""#, r#"loss = "hinge""#);
    run_text("unknown_loss", &spec).assert_bad(&[
        "key loss",
        "hinge",
        "expected one of `half_sse`, `sse`, `mse`, `cross_entropy`",
    ]);
}

#[test]
fn unknown_top_level_key() {
    let spec = good_with("learning_rate = 0.1", "learning_rat = 0.1");
    run_text("typo", &spec).assert_bad(&[
        "learning_rat",
        "line 5",
        "expected one of",
        "`learning_rate`",
    ]);
}

#[test]
fn unknown_key_in_a_layer() {
    let spec = good_with("biases = [2.0]\n", "biases = [2.0]\nbias = [2.0]\n");
    run_text("layer_typo", &spec).assert_bad(&["layers[1]", "`bias`", "expected one of"]);
}

#[test]
fn nan_input() {
    let spec = good_with("input = [1.0, 2.0]", "input = [nan, 2.0]");
    run_text("nan", &spec).assert_bad(&["key input[0]", "expected a finite number", "NaN"]);
}

#[test]
fn infinite_weight() {
    let spec = good_with("[[2.0, 1.0], [1.0, 3.0]]", "[[2.0, inf], [1.0, 3.0]]");
    run_text("inf", &spec).assert_bad(&[
        "key layers[0].weights[0][1]",
        "expected a finite number",
        "inf",
    ]);
}

#[test]
fn negative_infinite_bias() {
    let spec = good_with("biases = [2.0]", "biases = [-inf]");
    run_text("neg_inf", &spec).assert_bad(&["key layers[1].biases[0]", "expected a finite number"]);
}

#[test]
fn empty_layers_array() {
    let spec = GOOD.split("[[layers]]").next().unwrap().to_string() + "layers = []\n";
    run_text("empty_layers", &spec)
        .assert_bad(&["key layers", "expected at least one [[layers]] table"]);
}

#[test]
fn layer_with_empty_weights_and_biases() {
    let spec = good_with(
        "weights = [[1.0, 3.0]]\nbiases = [2.0]",
        "weights = []\nbiases = []",
    );
    run_text("empty_layer", &spec).assert_bad(&["key layers[1]", "expected at least one neuron"]);
}

#[test]
fn empty_input() {
    let spec = good_with("input = [1.0, 2.0]", "input = []");
    run_text("empty_input", &spec).assert_bad(&["key input", "expected at least one number"]);
}

#[test]
fn target_length_differs_from_outputs() {
    let spec = good_with("target = [1.0]", "target = [1.0, 0.0]");
    run_text("target_length", &spec).assert_bad(&["key target", "expected 1 values", "found 2"]);
}

#[test]
fn not_toml_at_all() {
    run_text("not_toml", "this is not { TOML\n").assert_bad(&["line 1", "expected"]);
}

#[test]
fn a_markdown_file_is_not_toml() {
    run_text("markdown", "# A network\n\n- input: 1, 2\n").assert_bad(&["line 3", "expected"]);
}

#[test]
fn not_utf8() {
    let mut bytes = GOOD.as_bytes().to_vec();
    // `name = "` then a byte that can never occur in UTF-8, on line 1.
    let mut prefix = b"name = \"caf\xe9\"\n".to_vec();
    prefix.append(&mut bytes);
    run_bytes("latin1", &prefix).assert_bad(&["line 1", "column 12", "expected UTF-8 text"]);
}

#[test]
fn negative_learning_rate() {
    let spec = good_with("learning_rate = 0.1", "learning_rate = -0.1");
    run_text("negative_lr", &spec).assert_bad(&[
        "key learning_rate",
        "expected a finite number ≥ 0",
        "-0.1",
    ]);
}

#[test]
fn negative_weight_decay() {
    let spec = good_with(
        "learning_rate = 0.1",
        "learning_rate = 0.1\nweight_decay = -0.5",
    );
    run_text("negative_decay", &spec)
        .assert_bad(&["key weight_decay", "expected a finite number ≥ 0"]);
}

#[test]
fn cross_entropy_target_outside_0_1() {
    let spec = good_with(r#"loss = "half_sse""#, r#"loss = "cross_entropy""#)
        .replace("target = [1.0]", "target = [1.5]");
    run_text("ce_target", &spec).assert_bad(&[
        "key target[0]",
        "expected a value in [0, 1]",
        "1.5",
    ]);
}

#[test]
fn string_where_a_number_is_expected() {
    let spec = good_with("input = [1.0, 2.0]", r#"input = [1.0, "two"]"#);
    run_text("string_in_input", &spec).assert_bad(&[
        "key input[1]",
        "line 1",
        "expected a number",
        "two",
    ]);
}

#[test]
fn string_learning_rate() {
    let spec = good_with("learning_rate = 0.1", r#"learning_rate = "fast""#);
    run_text("string_lr", &spec).assert_bad(&["key learning_rate", "expected a number", "fast"]);
}

#[test]
fn number_where_an_array_is_expected() {
    let spec = good_with("target = [1.0]", "target = 1.0");
    run_text("scalar_target", &spec).assert_bad(&["key target", "expected an array"]);
}

#[test]
fn string_in_a_weight_row() {
    let spec = good_with("[[1.0, 3.0]]", r#"[[1.0, "3"]]"#);
    run_text("string_weight", &spec)
        .assert_bad(&["key layers[1].weights[0][1]", "expected a number"]);
}

#[test]
fn nonexistent_file() {
    let dir = temp_dir();
    let path = dir.path().join("there-is-no-such-spec.toml");
    run_path(&path).assert_bad(&["expected a readable file", "No such file"]);
}

#[test]
fn a_directory_instead_of_a_file() {
    let tmp = temp_dir();
    let dir = tmp.path();
    run_path(dir).assert_bad(&["expected a readable file"]);
}

/// The line (from 1) of the first line of `text` that contains `needle`, found here by
/// reading the text, independently of how the binary finds it.
fn line_containing(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is in the spec"))
        + 1
}

/// A check that names a key also says on which line the key is, as an editor numbers them:
/// a row of a matrix written over several lines, a number inside it, a whole `[[layers]]`
/// table (its header's line), and a plain key.
#[test]
fn a_key_named_by_a_check_comes_with_its_line() {
    let multi_line = good_with(
        "weights = [[2.0, 1.0], [1.0, 3.0]]",
        "weights = [\n  [2.0, 1.0],\n  [1.0, 3.0, 4.0],\n]",
    );
    let line = line_containing(&multi_line, "[1.0, 3.0, 4.0]");
    run_text("row_line", &multi_line).assert_bad(&[
        &format!("line {line}, layer 1, weights row 2 (key layers[0].weights[1])"),
        "found 3",
    ]);

    let nan = good_with("[[1.0, 3.0]]", "[\n  [1.0,\n   nan],\n]");
    let line = line_containing(&nan, "nan");
    // The row starts on the line before the NaN: the entry's own line is named.
    run_text("entry_line", &nan).assert_bad(&[
        &format!("line {line}, layer 2, weights row 1, entry 2 (key layers[1].weights[0][1])"),
        "expected a finite number",
    ]);

    let empty = good_with("[[1.0, 3.0]]\nbiases = [2.0]", "[]\nbiases = []");
    let second_header = empty.match_indices("[[layers]]").nth(1).unwrap().0;
    let line = empty[..second_header].lines().count() + 1;
    run_text("table_line", &empty).assert_bad(&[
        &format!("line {line}, layer 2 (key layers[1])"),
        "expected at least one neuron",
    ]);

    let target = good_with("target = [1.0]", "target = [1.0, 0.0]");
    let line = line_containing(&target, "target =");
    run_text("plain_key_line", &target)
        .assert_bad(&[&format!("line {line}, key target"), "expected 1 values"]);
}
