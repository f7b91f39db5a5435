//! The network spec: a TOML file describing a small fully connected network and one training
//! example. See `docs/spec-format.md` for the format.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::files::read_text;
use crate::i18n::Message;
use crate::msg;
use crate::ops::Op;

pub mod toml_message;

/// The largest network a spec may describe: 1.1 million weights and biases, room for a
/// 1000-1000-10 network (1,011,010). Each becomes graph nodes and named values, about 250
/// bytes in all (`docs/performance.md`), so this keeps every command under about 300 MB.
pub const MAX_PARAMETERS: usize = 1_100_000;

/// The most examples a batch (`[[examples]]`) may have. A batch also keeps one gradient per
/// node for each example (its own backward pass), so examples × weights and biases must stay
/// within [`MAX_PARAMETERS`] too.
pub const MAX_EXAMPLES: usize = 1000;

/// Refuse spec text with far more numbers than [`MAX_PARAMETERS`] before any TOML parser
/// builds its tree of it (about 150 bytes a number, so a 64 MiB file of numbers would take
/// gigabytes). A TOML array has a comma between any two numbers, so counting commas bounds
/// the numbers at the cost of one pass over the bytes.
pub fn check_size(text: &str, file: &str) -> Result<()> {
    let commas = text.bytes().filter(|&b| b == b',').count();
    if commas > 2 * MAX_PARAMETERS {
        return Err(Error::bad_input(
            file,
            "size",
            msg!(
                "spec-too-many-numbers",
                max = MAX_PARAMETERS,
                found = commas
            ),
        ));
    }
    Ok(())
}

/// A neuron's activation function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// The logistic function `1/(1 + e^−z)`.
    #[default]
    Sigmoid,
    /// `tanh z`
    Tanh,
    /// `max(0, z)`
    Relu,
    /// `z`
    Identity,
    /// `e^{z_k} / Σ_j e^{z_j}` over the layer: the output layer only.
    Softmax,
}

impl Activation {
    /// Every element-wise activation (each neuron's `f` depends on its own `z` only), in the
    /// spec file's order; [`Activation::Softmax`] is the one that is not.
    pub const ALL: [Activation; 4] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Identity,
    ];

    /// The graph op that computes it.
    pub fn op(self) -> Op {
        match self {
            Activation::Sigmoid => Op::Sigmoid,
            Activation::Tanh => Op::Tanh,
            Activation::Relu => Op::Relu,
            Activation::Identity => Op::Identity,
            Activation::Softmax => Op::Softmax,
        }
    }

    /// The spec-file spelling.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Identity => "identity",
            Activation::Softmax => "softmax",
        }
    }
}

/// The loss function (docs/spec-format.md, `loss`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// `L = ½ Σ (y − ŷ)²`
    #[default]
    HalfSse,
    /// `L = Σ (y − ŷ)²`
    Sse,
    /// `L = (1/n) Σ (y − ŷ)²`
    Mse,
    /// `L = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]`, one binary cross-entropy per output.
    CrossEntropy,
    /// `L = −Σ y ln ŷ` over a softmax output layer, targets one-hot or a probability vector;
    /// computed from the logits with log-sum-exp.
    CategoricalCrossEntropy,
}

impl Loss {
    /// Every loss, in the spec file's order.
    pub const ALL: [Loss; 4] = [Loss::HalfSse, Loss::Sse, Loss::Mse, Loss::CrossEntropy];

    /// The spec-file spelling.
    pub fn name(self) -> &'static str {
        match self {
            Loss::HalfSse => "half_sse",
            Loss::Sse => "sse",
            Loss::Mse => "mse",
            Loss::CrossEntropy => "cross_entropy",
            Loss::CategoricalCrossEntropy => "categorical_cross_entropy",
        }
    }
}

fn default_learning_rate() -> f64 {
    0.1
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// One layer: `weights[j][i]` is the weight from input `i` of the layer into its neuron `j`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerSpec {
    /// Row `j` holds the weights into neuron `j` of this layer.
    pub weights: Vec<Vec<f64>>,
    /// One bias per neuron.
    pub biases: Vec<f64>,
    /// Overrides the network's default activation for this layer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation: Option<Activation>,
}

/// How a batch's loss combines the examples' losses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchLoss {
    /// `L = (1/N) Σ_e L[e]`: the gradients are the mean of the examples' gradients.
    #[default]
    Mean,
    /// `L = Σ_e L[e]`.
    Sum,
}

impl BatchLoss {
    /// The spec-file spelling.
    pub fn name(self) -> &'static str {
        match self {
            BatchLoss::Mean => "mean",
            BatchLoss::Sum => "sum",
        }
    }

    fn is_mean(&self) -> bool {
        *self == BatchLoss::Mean
    }
}

/// One training example of a batch: `[[examples]]` with `input` and `target`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// The input vector `x`.
    pub input: Vec<f64>,
    /// The target vector `y`, one per output neuron.
    pub target: Vec<f64>,
}

/// A network and one training example, as read from a spec file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// A name for reports and diagrams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The input vector `x` (empty when [`examples`](Self::examples) gives a batch).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input: Vec<f64>,
    /// The target vector `y`, one per output neuron (empty for a batch).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<f64>,
    /// A batch of examples instead of one `input`/`target`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleSpec>,
    /// How the batch's loss combines the examples' (default `mean`).
    #[serde(default, skip_serializing_if = "BatchLoss::is_mean")]
    pub batch_loss: BatchLoss,
    /// The loss function (default `half_sse`).
    #[serde(default)]
    pub loss: Loss,
    /// Default activation of every layer (default `sigmoid`).
    #[serde(default)]
    pub activation: Activation,
    /// SGD step size α (default 0.1).
    #[serde(default = "default_learning_rate")]
    pub learning_rate: f64,
    /// Weight decay λ in `w ← w − α(∂L/∂w + λw)`; biases are not decayed (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub weight_decay: f64,
    /// The layers, input side first (required: a missing key is reported by `parse`).
    #[serde(default)]
    pub layers: Vec<LayerSpec>,
}

impl Spec {
    /// The tutorial's worked example: a 2-3-2-1 sigmoid network, input (1, 2), target 1,
    /// half-SSE loss, learning rate 0.1, with the weight matrices as its text states them.
    pub fn tutorial() -> Spec {
        Spec {
            name: Some("tutorial".into()),
            input: vec![1.0, 2.0],
            target: vec![1.0],
            examples: Vec::new(),
            batch_loss: Default::default(),
            loss: Loss::HalfSse,
            activation: Activation::Sigmoid,
            learning_rate: 0.1,
            weight_decay: 0.0,
            layers: vec![
                LayerSpec {
                    weights: vec![vec![2.0, 1.0], vec![1.0, 3.0], vec![3.0, 2.0]],
                    biases: vec![1.0, 2.0, 3.0],
                    activation: None,
                },
                LayerSpec {
                    weights: vec![vec![1.0, 1.0, 2.0], vec![3.0, 2.0, 2.0]],
                    biases: vec![2.0, 1.0],
                    activation: None,
                },
                LayerSpec {
                    weights: vec![vec![1.0, 3.0]],
                    biases: vec![2.0],
                    activation: None,
                },
            ],
        }
    }

    /// Read and validate a spec file.
    pub fn load(path: &Path) -> Result<ValidSpec> {
        let text = read_text(path)?;
        Spec::parse(&text, &path.display().to_string())
    }

    /// Parse and validate spec text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<ValidSpec> {
        check_size(text, file)?;
        let spec: Spec = toml::from_str(text).map_err(|e| {
            // A key missing from the top level has no place in the text to point at (toml
            // gives it the empty span at the start).
            let top_level_missing = e.message().starts_with("missing field")
                && e.span()
                    .is_some_and(|span| span.is_empty() && span.start == 0);
            let span = e.span().filter(|_| !top_level_missing);
            let location = match span {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
                    match key_at(text, span.start) {
                        Some(key) => format!("line {line}, column {column}, key {key}"),
                        None => format!("line {line}, column {column}"),
                    }
                }
                None => "top level".to_string(),
            };
            Error::bad_input(file, location, toml_message::describe(e.message()))
        })?;
        // Without [[examples]], `input` and `target` are required keys, and `layers` always
        // is (serde defaults them to empty so that a batch can leave the first two out, and
        // so that a missing key is reported in this order). Only a spec that lacks one is
        // read a second time, to tell a missing key from an empty array.
        let one_example = spec.examples.is_empty();
        if spec.layers.is_empty()
            || (one_example && (spec.input.is_empty() || spec.target.is_empty()))
        {
            let keys: toml::Table = toml::from_str(text).unwrap_or_default();
            if one_example && keys.contains_key("examples") {
                return Err(Error::bad_input(
                    file,
                    "key examples",
                    Message::new("spec-no-examples"),
                ));
            }
            let required: &[&str] = if one_example {
                &["input", "target", "layers"]
            } else {
                &["layers"]
            };
            if let Some(key) = required.iter().find(|key| !keys.contains_key(**key)) {
                return Err(Error::bad_input(
                    file,
                    "top level",
                    toml_message::describe(&format!("missing field `{key}`")),
                ));
            }
        }
        // The checks name keys; an editor shows lines: say both.
        spec.validated(file)
            .map_err(|e| e.with_line_of_key(|path| line_of_key(text, path)))
    }

    /// This spec, validated ([`validate`](Self::validate)); `file` names it in errors, and in
    /// the errors of the network built from it.
    pub fn validated(self, file: &str) -> Result<ValidSpec> {
        self.validate(file)?;
        Ok(ValidSpec {
            spec: self,
            source: file.to_string(),
        })
    }

    /// Check shapes and numbers; every problem names the key, what was expected and what was
    /// found.
    pub fn validate(&self, file: &str) -> Result<()> {
        let bad = |key: String, message: Message| {
            Err(Error::bad_input(file, format!("key {key}"), message))
        };
        if !self.examples.is_empty() {
            return self.validate_batch(file);
        }
        if self.batch_loss == BatchLoss::Sum {
            return bad(
                "batch_loss".into(),
                Message::new("spec-batch-loss-without-examples"),
            );
        }
        if self.input.is_empty() {
            return bad("input".into(), Message::new("spec-empty-input"));
        }
        finite(file, "input", &self.input)?;
        finite(file, "target", &self.target)?;
        for (key, x) in [
            ("learning_rate", self.learning_rate),
            ("weight_decay", self.weight_decay),
        ] {
            if !x.is_finite() || x < 0.0 {
                return bad(key.into(), msg!("spec-not-negative", value = x.to_string()));
            }
        }
        if self.layers.is_empty() {
            return bad("layers".into(), Message::new("spec-no-layers"));
        }
        // The size cap, before anything is built: every weight becomes a few graph nodes and
        // a few canonical values, so memory and time grow with this count.
        let parameters = self.parameter_count();
        if parameters > MAX_PARAMETERS {
            return bad(
                "layers".into(),
                msg!(
                    "spec-too-many-parameters",
                    max = MAX_PARAMETERS,
                    found = parameters
                ),
            );
        }
        let mut fan_in = self.input.len();
        let mut from = Message::new("spec-from-input");
        for (l, layer) in self.layers.iter().enumerate() {
            let key = format!("layers[{l}]");
            if layer.weights.is_empty() || layer.biases.is_empty() {
                return bad(
                    key,
                    msg!(
                        "spec-layer-empty",
                        rows = layer.weights.len(),
                        biases = layer.biases.len()
                    ),
                );
            }
            if layer.weights.len() != layer.biases.len() {
                return bad(
                    format!("{key}.weights"),
                    msg!(
                        "spec-rows-vs-biases",
                        biases = layer.biases.len(),
                        rows = layer.weights.len()
                    ),
                );
            }
            for (j, row) in layer.weights.iter().enumerate() {
                if row.len() != fan_in {
                    return bad(
                        format!("{key}.weights[{j}]"),
                        msg!(
                            "spec-fan-in",
                            expected = fan_in,
                            from = from.clone(),
                            found = row.len()
                        ),
                    );
                }
                finite(file, &format!("{key}.weights[{j}]"), row)?;
            }
            finite(file, &format!("{key}.biases"), &layer.biases)?;
            fan_in = layer.biases.len();
            from = msg!("spec-from-layer", number = l + 1);
        }
        if self.target.len() != fan_in {
            return bad(
                "target".into(),
                msg!(
                    "spec-target-length",
                    expected = fan_in,
                    found = self.target.len()
                ),
            );
        }
        let last = self.layers.len() - 1;
        if let Some(l) = (0..last).find(|&l| self.activation_of(l) == Activation::Softmax) {
            let key = if self.layers[l].activation.is_some() {
                format!("layers[{l}].activation")
            } else {
                "activation".into()
            };
            return bad(
                key,
                msg!(
                    "spec-softmax-hidden",
                    layer = crate::i18n::layer_name(l, self.layers.len())
                ),
            );
        }
        if self.loss == Loss::CategoricalCrossEntropy {
            let output = self.activation_of(last);
            if output != Activation::Softmax {
                return bad(
                    "loss".into(),
                    msg!("spec-cce-needs-softmax", found = output.name()),
                );
            }
            let total: f64 = self.target.iter().sum();
            if (total - 1.0).abs() > 1e-9 {
                return bad(
                    "target".into(),
                    msg!("spec-cce-target-sum", sum = total.to_string()),
                );
            }
        }
        if matches!(
            self.loss,
            Loss::CrossEntropy | Loss::CategoricalCrossEntropy
        ) {
            if let Some((k, y)) = self
                .target
                .iter()
                .enumerate()
                .find(|(_, y)| !(0.0..=1.0).contains(*y))
            {
                return bad(
                    format!("target[{k}]"),
                    msg!(
                        "spec-target-outside-unit",
                        loss = self.loss.name(),
                        value = y.to_string()
                    ),
                );
            }
        }
        Ok(())
    }

    /// A batch: each example validated as `input`/`target` would be, against the same
    /// network; no `input`/`target` beside `[[examples]]`.
    fn validate_batch(&self, file: &str) -> Result<()> {
        if !self.input.is_empty() || !self.target.is_empty() {
            let key = if self.input.is_empty() {
                "target"
            } else {
                "input"
            };
            return Err(Error::bad_input(
                file,
                format!("key {key}"),
                msg!("spec-example-and-examples", key = key),
            ));
        }
        let parameters = self.parameter_count();
        let n = self.examples.len();
        if n > MAX_EXAMPLES || n.saturating_mul(parameters) > MAX_PARAMETERS {
            return Err(Error::bad_input(
                file,
                "key examples",
                msg!(
                    "spec-too-many-examples",
                    max_examples = MAX_EXAMPLES,
                    max = MAX_PARAMETERS,
                    examples = n,
                    parameters = parameters
                ),
            ));
        }
        // Every example has as many inputs as the first (which is checked against the
        // weights as a single example's input is).
        let inputs = self.examples[0].input.len();
        if let Some((e, ex)) = self
            .examples
            .iter()
            .enumerate()
            .find(|(_, ex)| ex.input.len() != inputs)
        {
            return Err(Error::bad_input(
                file,
                format!("key examples[{e}].input"),
                msg!(
                    "spec-example-inputs",
                    expected = inputs,
                    found = ex.input.len()
                ),
            ));
        }
        for (e, example) in self.examples.iter().enumerate() {
            self.example(e)
                .validate(file)
                .map_err(|err| match err.into_kind() {
                    ErrorKind::BadInput {
                        file,
                        location,
                        message,
                    } => Error::bad_input(
                        file,
                        location
                            .replacen("key input", &format!("key examples[{e}].input"), 1)
                            .replacen("key target", &format!("key examples[{e}].target"), 1),
                        message,
                    ),
                    other => Error::new(other),
                })?;
            debug_assert!(!example.input.is_empty());
        }
        Ok(())
    }

    /// Example `e` (0-based) of the spec as a one-example spec: for a batch, `[[examples]]`
    /// entry `e` with the same network; otherwise the spec itself, whatever `e`.
    pub fn example(&self, e: usize) -> Spec {
        match self.examples.get(e) {
            Some(ex) => Spec {
                input: ex.input.clone(),
                target: ex.target.clone(),
                examples: Vec::new(),
                batch_loss: BatchLoss::Mean,
                ..self.clone()
            },
            None => self.clone(),
        }
    }

    /// The number of weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weights.iter().map(Vec::len).sum::<usize>() + l.biases.len())
            .sum()
    }

    /// The number of inputs (of the first example, for a batch: they all have as many).
    pub fn input_len(&self) -> usize {
        self.examples
            .first()
            .map_or(self.input.len(), |e| e.input.len())
    }

    /// Whether the spec is a batch (`[[examples]]`).
    pub fn is_batch(&self) -> bool {
        !self.examples.is_empty()
    }

    /// The activation of layer `l` (its override or the default).
    pub fn activation_of(&self, l: usize) -> Activation {
        self.layers[l].activation.unwrap_or(self.activation)
    }

    /// The spec as TOML text, readable by [`Spec::parse`].
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a spec of numbers and strings always serialises")
    }
}

/// A [`Spec`] that passed [`Spec::validate`], and the name of where it came from: the only
/// thing a [`Network`](crate::net::Network) is built from, so a network is never built from
/// a spec whose shapes do not fit (at least one layer, one neuron per layer, one weight per
/// input of each neuron, one target per output, finite numbers).
///
/// Obtained from [`Spec::parse`], [`Spec::load`], [`Spec::validated`] or
/// [`ValidSpec::tutorial`]; read-only (it dereferences to the [`Spec`]), so it stays valid.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSpec {
    spec: Spec,
    source: String,
}

impl ValidSpec {
    /// [`Spec::tutorial`], validated.
    pub fn tutorial() -> ValidSpec {
        ValidSpec {
            spec: Spec::tutorial(),
            source: "the tutorial's spec".to_string(),
        }
    }

    /// Where the spec came from (a file name), for error messages.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The spec, to change it (validate it again to build a network from it).
    pub fn into_spec(self) -> Spec {
        self.spec
    }
}

impl std::ops::Deref for ValidSpec {
    type Target = Spec;
    fn deref(&self) -> &Spec {
        &self.spec
    }
}

impl PartialEq<Spec> for ValidSpec {
    fn eq(&self, other: &Spec) -> bool {
        self.spec == *other
    }
}

fn finite(file: &str, key: &str, xs: &[f64]) -> Result<()> {
    match xs.iter().position(|x| !x.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::bad_input(
            file,
            format!("key {key}[{i}]"),
            msg!("spec-not-finite", value = xs[i].to_string()),
        )),
    }
}

/// The line (from 1) of `text` where the key path `path` (`layers[1].weights[0]`, as
/// [`Spec::validate`] names keys) starts: the key's own line for a named key, the item's for
/// an index (an array of tables' item: its `[[header]]`). `None` if the text does not parse or
/// has no such key (a default the file left out).
fn line_of_key(text: &str, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?.into_inner();
    let mut table = &doc;
    let mut value: Option<&DeValue<'_>> = None;
    let mut start = None;
    for segment in path.split('.') {
        if let Some(DeValue::Table(inner)) = value {
            table = inner;
        } else if value.is_some() {
            return None;
        }
        let (name, indices) = segment.split_once('[').unwrap_or((segment, ""));
        let (key, item) = table.iter().find(|(k, _)| k.get_ref() == name)?;
        start = Some(key.span().start);
        let mut current = item;
        for index in indices
            .trim_end_matches(']')
            .split("][")
            .filter(|i| !i.is_empty())
        {
            let DeValue::Array(items) = current.get_ref() else {
                return None;
            };
            current = items.get(index.parse::<usize>().ok()?)?;
            start = Some(current.span().start);
        }
        value = Some(current.get_ref());
    }
    Some(text[..start?.min(text.len())].matches('\n').count() + 1)
}

/// The dotted key path (`layers[1].weights`) of the innermost key or value that contains byte
/// `pos` of `text`, if the text parses as TOML. toml's deserialisation errors point at a span but
/// do not say which key it belongs to.
fn key_at(text: &str, pos: usize) -> Option<String> {
    use toml::Spanned;
    use toml::de::{DeTable, DeValue};
    // An array of tables and its items span their `[[header]]`, not their keys: look inside.
    fn covers(v: &Spanned<DeValue<'_>>, pos: usize) -> bool {
        v.span().contains(&pos)
            || match v.get_ref() {
                DeValue::Table(t) => t
                    .iter()
                    .any(|(k, v)| k.span().contains(&pos) || covers(v, pos)),
                DeValue::Array(a) => a.iter().any(|v| covers(v, pos)),
                _ => false,
            }
    }
    fn walk(value: &DeValue<'_>, pos: usize, path: &mut String) {
        match value {
            DeValue::Table(table) => {
                if let Some((k, v)) = table
                    .iter()
                    .find(|(k, v)| k.span().contains(&pos) || covers(v, pos))
                {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k.get_ref());
                    walk(v.get_ref(), pos, path);
                }
            }
            DeValue::Array(items) => {
                if let Some((i, item)) = items.iter().enumerate().find(|(_, v)| covers(v, pos)) {
                    path.push_str(&format!("[{i}]"));
                    walk(item.get_ref(), pos, path);
                }
            }
            _ => {}
        }
    }
    let doc = DeTable::parse(text).ok()?.into_inner();
    let mut path = String::new();
    walk(&DeValue::Table(doc), pos, &mut path);
    (!path.is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tutorial_round_trips_through_toml() {
        let spec = Spec::tutorial();
        let again = Spec::parse(&spec.to_toml(), "roundtrip").unwrap();
        assert_eq!(again, spec);
    }

    #[test]
    fn the_tutorial_spec_is_valid() {
        assert_eq!(
            Spec::tutorial().validated("t").unwrap(),
            ValidSpec::tutorial().into_spec()
        );
    }
}
