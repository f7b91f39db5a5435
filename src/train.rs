//! The tutorial's second part: a one-hidden-layer sigmoid network trained on the Iris data by
//! per-sample SGD — on the crate's own graph engine.
//!
//! There is no second implementation of forward or backward here. The network is a
//! [`Network`] built once from a [`Spec`]; each training sample sets its input and one-hot
//! target ([`Network::set_example`]), re-evaluates the same compiled tape
//! ([`Network::evaluate`]: forward, then backward from `L`) and takes one SGD step
//! ([`Network::step`]). Validation runs the forward pass alone.
//!
//! What follows the tutorial's Python program, and what does not:
//!
//! - same: min-max scaling of every column over the whole file before the split; one shuffle,
//!   then the first `train_rows` rows train and the rest validate; every weight and bias drawn
//!   uniformly from [0, 1); sigmoid hidden and output layers; one-hot targets; per-sample SGD in
//!   the same row order every epoch; validation accuracy (percent) after each epoch; predicted
//!   class = the first arg-max of the outputs. The tutorial's loss is implicitly ½·SSE (its
//!   output error term is `(y − ŷ)·σ′`), which is the loss used here.
//! - different: the random numbers. Python's `random` (a Mersenne Twister seeded from the
//!   clock) is replaced by [`Xoshiro256PlusPlus`] seeded with `--seed`, a generator `rand`
//!   documents as portable, so a seed gives the same run bit for bit on every platform and
//!   `rand` 0.10.x release. The draws come in the tutorial's order: first the shuffle
//!   (Fisher–Yates, `rand`'s `SliceRandom::shuffle`), then the parameters, layer by layer,
//!   neuron by neuron, each neuron's weights in input order followed by its bias (the
//!   tutorial's `[w…, b]` list).
//! - added: the mean training loss of each epoch (each sample's `L` before its step), a
//!   confusion matrix, and errors instead of crashes on bad data.
//!
//! ```
//! use deltagraph::train::{self, TrainConfig, data::Dataset};
//!
//! let config = TrainConfig { epochs: 20, ..TrainConfig::default() };
//! let outcome = train::train(Dataset::builtin_iris(), &config, |_| {}).unwrap();
//! assert_eq!(outcome.history.len(), 20);
//! assert_eq!(outcome.confusion.total(), 20); // 150 rows − 130 training rows
//! ```

pub mod data;
pub mod plot;

use std::fmt;

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use crate::error::{Error, Result};
use crate::net::Network;
use crate::spec::{Activation, LayerSpec, Loss, Spec, ValidSpec};
use data::{Dataset, MinMax};

/// The training settings; [`Default`] is the tutorial's.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training rows (tutorial: 300).
    pub epochs: usize,
    /// SGD step size α (tutorial: 0.2).
    pub learning_rate: f64,
    /// Neurons in the hidden layer (tutorial: 5).
    pub hidden: usize,
    /// Rows used for training after the shuffle; the rest validate (tutorial: 130 of 150).
    pub train_rows: usize,
    /// Seed of the random generator that shuffles and initialises.
    pub seed: u64,
    /// The output layer and its loss (tutorial: sigmoid with ½·SSE).
    pub output: Output,
}

/// The output layer of the trained network, with the loss that goes with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Output {
    /// Sigmoid outputs and ½·SSE, as the tutorial trains.
    #[default]
    Sigmoid,
    /// A softmax output layer and categorical cross-entropy (δ = f − y at the output).
    Softmax,
}

impl Output {
    /// Make `spec` (as [`initial_spec`] draws it) use this output layer and loss. Its target
    /// becomes class 1's one-hot vector until an example is set (categorical cross-entropy
    /// needs targets that sum to 1).
    pub fn apply(self, spec: &mut Spec) {
        if self == Output::Softmax {
            let last = spec.layers.len() - 1;
            spec.layers[last].activation = Some(Activation::Softmax);
            spec.loss = Loss::CategoricalCrossEntropy;
            spec.target.iter_mut().for_each(|y| *y = 0.0);
            spec.target[0] = 1.0;
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 300,
            learning_rate: 0.2,
            hidden: 5,
            train_rows: 130,
            seed: 0,
            output: Output::Sigmoid,
        }
    }
}

/// One sample, ready for the network: scaled features, one-hot target and class index.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The min-max scaled features.
    pub input: Vec<f64>,
    /// One-hot target: 1 at `class`, 0 elsewhere.
    pub target: Vec<f64>,
    /// The class index.
    pub class: usize,
}

impl Example {
    /// An example of class `class` out of `n_classes`.
    pub fn new(input: Vec<f64>, class: usize, n_classes: usize) -> Example {
        let mut target = vec![0.0; n_classes];
        target[class] = 1.0;
        Example {
            input,
            target,
            class,
        }
    }
}

/// One epoch's line of `accuracy.csv`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochRecord {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean loss `L` over the epoch's training samples, each taken before its own SGD step.
    pub train_loss: f64,
    /// Validation accuracy after the epoch, in percent.
    pub val_accuracy: f64,
}

/// Counts of (actual, predicted) class pairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confusion {
    n: usize,
    counts: Vec<usize>,
}

impl Confusion {
    /// An empty matrix for `n` classes.
    pub fn new(n: usize) -> Confusion {
        Confusion {
            n,
            counts: vec![0; n * n],
        }
    }

    /// Count one prediction.
    pub fn add(&mut self, actual: usize, predicted: usize) {
        self.counts[actual * self.n + predicted] += 1;
    }

    /// How many examples of class `actual` were predicted as `predicted`.
    pub fn get(&self, actual: usize, predicted: usize) -> usize {
        self.counts[actual * self.n + predicted]
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.n
    }

    /// Number of examples counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Number predicted correctly (the diagonal).
    pub fn correct(&self) -> usize {
        (0..self.n).map(|k| self.get(k, k)).sum()
    }

    /// Accuracy in percent (0 for an empty matrix).
    pub fn accuracy(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            t => self.correct() as f64 / t as f64 * 100.0,
        }
    }

    /// The matrix as a text table with class names; rows are actual classes, columns
    /// predicted ones; `corner` is the top-left cell (`actual \\ predicted`). Columns are
    /// aligned by display width, so Chinese headers line up too.
    pub fn table(&self, names: &[String], corner: &str) -> String {
        use crate::i18n::{pad, pad_left, width};
        let label_width = names
            .iter()
            .map(|s| width(s))
            .chain([width(corner)])
            .max()
            .unwrap_or(0);
        let widths: Vec<usize> = names.iter().map(|s| width(s).max(3)).collect();
        let mut out = pad(corner, label_width);
        for (name, &w) in names.iter().zip(&widths) {
            out.push_str(&format!("  {}", pad_left(name, w)));
        }
        out.push('\n');
        for (a, name) in names.iter().enumerate() {
            out.push_str(&pad(name, label_width));
            for (p, w) in widths.iter().enumerate() {
                out.push_str(&format!("  {:>w$}", self.get(a, p)));
            }
            out.push('\n');
        }
        out
    }
}

/// A network and its data, ready to train. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct Trainer {
    /// The network, built once.
    pub net: Network,
    /// Training examples, in the order SGD visits them.
    pub train: Vec<Example>,
    /// Validation examples.
    pub validation: Vec<Example>,
    /// [`validate`](Self::validate)'s value arrays, one per validation row, kept from epoch
    /// to epoch.
    rows: Vec<f64>,
}

/// The most values [`Trainer::validate`] holds at once (256 KB): every validation row's value
/// array for Iris (about 100 nodes), one row at a time for a network too big for two.
const VALIDATION_VALUES: usize = 1 << 15;

impl Trainer {
    /// Build the network of `spec` once and keep it with the data.
    pub fn new(spec: &ValidSpec, train: Vec<Example>, validation: Vec<Example>) -> Trainer {
        Trainer {
            net: Network::new(spec),
            train,
            validation,
            rows: Vec::new(),
        }
    }

    /// One pass of per-sample SGD over the training examples; returns their mean loss (each
    /// sample's `L` before its own step).
    pub fn epoch(&mut self) -> f64 {
        let mut total = 0.0;
        for ex in &self.train {
            total += sgd_sample(&mut self.net, ex);
        }
        total / self.train.len().max(1) as f64
    }

    /// The predicted class of `ex` (forward pass only).
    pub fn predict(&mut self, ex: &Example) -> usize {
        predict(&mut self.net, ex)
    }

    /// The confusion matrix of the current network on the validation examples: for each
    /// row, the class [`predict`] gives. The rows' forward passes run together, each in its
    /// own copy of the network's values ([`Graph::forward_rows_to`]), so the graph's own
    /// values are left as the last training step left them.
    ///
    /// [`Graph::forward_rows_to`]: crate::graph::Graph::forward_rows_to
    pub fn validate(&mut self) -> Confusion {
        let net = &mut self.net;
        let mut c = Confusion::new(net.targets.len());
        let len = net.graph.len();
        let at_once = VALIDATION_VALUES / len.max(1);
        let last = net.outputs().iter().max().copied();
        let (Some(last), 2..) = (last, at_once) else {
            for ex in &self.validation {
                c.add(ex.class, predict(net, ex));
            }
            return c;
        };
        for rows in self.validation.chunks(at_once) {
            self.rows.clear();
            for ex in rows {
                self.rows.extend_from_slice(net.graph.values());
                let start = self.rows.len() - len;
                net.write_example(&mut self.rows[start..], &ex.input, &ex.target);
            }
            net.graph.forward_rows_to(&mut self.rows, last);
            for (values, ex) in self.rows.chunks_exact(len).zip(rows) {
                let outputs = net.outputs().iter().map(|o| values[o.index()]);
                c.add(ex.class, first_arg_max(outputs));
            }
        }
        c
    }
}

/// The index of the first largest of `xs` (the tutorial's `outputs.index(max(outputs))`); 0
/// when there are none.
fn first_arg_max(xs: impl Iterator<Item = f64>) -> usize {
    let mut best = 0;
    let mut best_value = f64::NEG_INFINITY;
    for (k, v) in xs.enumerate() {
        if v > best_value {
            best = k;
            best_value = v;
        }
    }
    best
}

/// One SGD step on one example, the trainer's inner loop: set the example, forward + backward
/// on the network's graph, update every parameter. Returns the loss before the step.
pub fn sgd_sample(net: &mut Network, ex: &Example) -> f64 {
    net.set_example(&ex.input, &ex.target);
    net.evaluate_for_step();
    let loss = net.graph.value(net.loss);
    net.step();
    loss
}

/// The class the network predicts for `ex`: the first arg-max of its outputs after a forward
/// pass (the tutorial's `outputs.index(max(outputs))`).
pub fn predict(net: &mut Network, ex: &Example) -> usize {
    net.set_example(&ex.input, &ex.target);
    // The outputs, not the loss after them.
    if let Some(&last) = net.outputs().iter().max() {
        net.graph.forward_to(last);
    }
    first_arg_max(net.outputs().iter().map(|&o| net.graph.value(o)))
}

/// The untrained network: `n_inputs`–`hidden`–`n_outputs`, sigmoid layers, ½·SSE loss, every
/// weight and bias drawn from `U[0, 1)` in the tutorial's order (see the [module docs](self)).
/// Input and target are zeros until an example is set.
pub fn initial_spec(
    n_inputs: usize,
    hidden: usize,
    n_outputs: usize,
    learning_rate: f64,
    rng: &mut impl rand::Rng,
) -> Spec {
    let mut layer = |fan_in: usize, neurons: usize| {
        let mut weights = Vec::with_capacity(neurons);
        let mut biases = Vec::with_capacity(neurons);
        for _ in 0..neurons {
            weights.push((0..fan_in).map(|_| rng.random::<f64>()).collect());
            biases.push(rng.random::<f64>());
        }
        LayerSpec {
            weights,
            biases,
            activation: None,
        }
    };
    let layers = vec![layer(n_inputs, hidden), layer(hidden, n_outputs)];
    Spec {
        name: None,
        input: vec![0.0; n_inputs],
        target: vec![0.0; n_outputs],
        examples: Vec::new(),
        batch_loss: Default::default(),
        loss: Loss::HalfSse,
        activation: Activation::Sigmoid,
        learning_rate,
        weight_decay: 0.0,
        layers,
    }
}

/// Everything a training run produced.
#[derive(Clone, Debug)]
pub struct TrainOutcome {
    /// The settings used.
    pub config: TrainConfig,
    /// Where the data came from.
    pub source: String,
    /// Class names; output neuron `k` stands for `classes[k]`.
    pub classes: Vec<String>,
    /// Feature column names, in input order.
    pub feature_names: Vec<String>,
    /// The scaling applied to the raw features; the trained network expects scaled inputs.
    pub scaling: MinMax,
    /// One record per epoch.
    pub history: Vec<EpochRecord>,
    /// The final network's confusion matrix on the validation rows.
    pub confusion: Confusion,
    /// The trained network and its data.
    pub trainer: Trainer,
}

/// The largest `--hidden`: 10,000 neurons (with Iris's 4 features and 3 classes, 70,000
/// weights, a few MB of graph) — far past where a hidden layer helps, well short of where
/// memory runs out.
pub const MAX_HIDDEN: usize = 10_000;

/// The largest `--epochs`: a million (the tutorial uses 300). The history grows one record
/// per epoch as training goes (24 bytes each), nothing is reserved up front.
pub const MAX_EPOCHS: usize = 1_000_000;

/// Check the settings against the data set; errors name the file and line (or the option).
/// Every limit is checked here, before any memory is allocated for the network or history.
pub fn validate_config(dataset: &Dataset, config: &TrainConfig) -> Result<()> {
    let rows = dataset.len();
    if config.train_rows == 0 || config.train_rows >= rows {
        let last = dataset.last_line();
        let location = if last > 0 {
            format!("line {last}")
        } else {
            format!("row {rows}")
        };
        return Err(Error::bad_input(
            &dataset.source,
            location,
            crate::msg!(
                "train-rows-range",
                train_rows = config.train_rows,
                max = rows - 1,
                rows = rows
            ),
        ));
    }
    if !(config.learning_rate.is_finite() && config.learning_rate > 0.0) {
        return Err(Error::bad_option(
            "--lr",
            crate::msg!(
                "option-positive-number",
                value = config.learning_rate.to_string()
            ),
        ));
    }
    for (option, value, max) in [
        ("--hidden", config.hidden, MAX_HIDDEN),
        ("--epochs", config.epochs, MAX_EPOCHS),
    ] {
        if !(1..=max).contains(&value) {
            return Err(Error::bad_option(
                option,
                crate::msg!(
                    "option-whole-number-range",
                    max = max,
                    value = value.to_string()
                ),
            ));
        }
    }
    Ok(())
}

/// Scale, shuffle and split the data, and draw the initial network, all from one generator
/// seeded with `config.seed` (shuffle first, then parameters, as the tutorial does).
pub fn prepare(mut dataset: Dataset, config: &TrainConfig) -> Result<(Trainer, Dataset, MinMax)> {
    validate_config(&dataset, config)?;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(config.seed);
    let scaling = dataset.normalise();
    dataset.rows.shuffle(&mut rng);
    let n_classes = dataset.classes.len();
    let mut train: Vec<Example> = dataset
        .rows
        .iter()
        .map(|r| Example::new(r.features.clone(), r.class, n_classes))
        .collect();
    let validation = train.split_off(config.train_rows);
    let mut spec = initial_spec(
        dataset.n_features(),
        config.hidden,
        n_classes,
        config.learning_rate,
        &mut rng,
    );
    config.output.apply(&mut spec);
    let spec = spec.validated(&dataset.source)?;
    Ok((Trainer::new(&spec, train, validation), dataset, scaling))
}

/// Train on `dataset` with `config`, calling `on_epoch` after every epoch (for a progress bar).
pub fn train(
    dataset: Dataset,
    config: &TrainConfig,
    mut on_epoch: impl FnMut(&EpochRecord),
) -> Result<TrainOutcome> {
    train_calling(dataset, config, &mut on_epoch)
}

/// [`train`], compiled once in this crate, so that how the training loop is compiled does not
/// depend on the caller's `on_epoch` (instantiated for each caller's closure, the loop's
/// instructions per epoch moved by 1 % with a change to the progress bar's closure).
fn train_calling(
    dataset: Dataset,
    config: &TrainConfig,
    on_epoch: &mut dyn FnMut(&EpochRecord),
) -> Result<TrainOutcome> {
    let (mut trainer, dataset, scaling) = prepare(dataset, config)?;
    // Grown as training goes: reserving `epochs` records up front would let an absurd
    // `--epochs` allocate before the first epoch.
    let mut history = Vec::new();
    let mut confusion = Confusion::new(dataset.classes.len());
    for epoch in 1..=config.epochs {
        let train_loss = trainer.epoch();
        if !train_loss.is_finite() {
            return Err(Error::bad_input(
                &dataset.source,
                format!("epoch {epoch}"),
                crate::msg!("train-diverged", loss = train_loss.to_string()),
            ));
        }
        confusion = trainer.validate();
        let record = EpochRecord {
            epoch,
            train_loss,
            val_accuracy: confusion.accuracy(),
        };
        on_epoch(&record);
        history.push(record);
    }
    Ok(TrainOutcome {
        config: config.clone(),
        source: dataset.source,
        classes: dataset.classes,
        feature_names: dataset.feature_names,
        scaling,
        history,
        confusion,
        trainer,
    })
}

impl TrainOutcome {
    /// The final validation accuracy in percent.
    pub fn final_accuracy(&self) -> f64 {
        self.confusion.accuracy()
    }

    /// `accuracy.csv`: header `epoch,train_loss,val_accuracy`, one row per epoch, numbers in
    /// their shortest round-trip form.
    pub fn accuracy_csv(&self) -> String {
        accuracy_csv(&self.history)
    }

    /// The trained network as a spec named `name`; its input and target are the first
    /// validation example (scaled input, one-hot target), so `deltagraph run` shows a real
    /// prediction.
    pub fn trained_spec(&self, name: &str) -> Spec {
        let mut net = self.trainer.net.clone();
        if let Some(ex) = self.trainer.validation.first() {
            net.set_example(&ex.input, &ex.target);
        }
        let mut spec = net.to_spec();
        spec.name = Some(name.to_string());
        spec
    }

    /// [`trained_spec`](Self::trained_spec) as TOML, preceded by comments saying what the
    /// outputs mean and how to scale an input.
    pub fn trained_spec_toml(&self, name: &str, lang: crate::i18n::Lang) -> String {
        let list = |xs: &[f64]| {
            xs.iter()
                .map(|x| format!("{x}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // Every text from the data (file name, class labels, column names) is written as a
        // one-line TOML basic string by the TOML writer, escapes and all, so no label can end
        // its comment line and become a key.
        let quoted = |s: &str| {
            use toml_writer::ToTomlValue;
            toml_writer::TomlStringBuilder::new(s)
                .as_basic()
                .to_toml_value()
        };
        let classes: Vec<String> = self
            .classes
            .iter()
            .enumerate()
            .map(|(k, c)| format!("y{} = {}", k + 1, quoted(c)))
            .collect();
        let features: Vec<String> = self.feature_names.iter().map(|f| quoted(f)).collect();
        let comments = [
            crate::tr!(
                lang,
                "trained-by",
                // The built-in set is named by the catalogue (one line, nothing to escape),
                // in words, not as a quoted string.
                source = if self.source == data::Dataset::BUILTIN_IRIS {
                    lang.text("train-builtin-iris")
                } else {
                    quoted(&self.source).to_string()
                },
                epochs = self.config.epochs,
                rate = self.config.learning_rate.to_string(),
                hidden = self.config.hidden,
                rows = self.config.train_rows,
                seed = self.config.seed.to_string()
            ),
            crate::tr!(
                lang,
                "trained-accuracy",
                percent = fmt_percent(self.final_accuracy())
            ),
            crate::tr!(lang, "trained-classes", classes = classes.join(", ")),
            lang.text("trained-scaling"),
            format!("({}),", features.join(", ")),
            format!("min = [{}]", list(&self.scaling.min)),
            format!("max = [{}]", list(&self.scaling.max)),
            lang.text("trained-example"),
        ];
        let mut out = String::new();
        for line in comments {
            debug_assert!(!line.contains('\n'), "a comment line is one line");
            out.push_str("# ");
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&self.trained_spec(name).to_toml());
        out
    }
}

/// The CSV text of a training history; see [`TrainOutcome::accuracy_csv`].
pub fn accuracy_csv(history: &[EpochRecord]) -> String {
    use std::fmt::Write as _;
    // About 30 bytes a row, written in place (a `format!` per row cost a third more).
    let mut out = String::with_capacity(32 * (history.len() + 1));
    out.push_str("epoch,train_loss,val_accuracy\n");
    for r in history {
        writeln!(out, "{},{},{}", r.epoch, r.train_loss, r.val_accuracy)
            .expect("writing to a String does not fail");
    }
    out
}

/// A percentage for people: at most two decimals, no trailing zeros.
pub fn fmt_percent(p: f64) -> String {
    let s = format!("{p:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl fmt::Display for EpochRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "epoch {}: train loss {:.4}, validation accuracy {}%",
            self.epoch,
            self.train_loss,
            fmt_percent(self.val_accuracy)
        )
    }
}
