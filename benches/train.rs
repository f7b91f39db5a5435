//! The tutorial's Iris training (per-sample SGD on the 4-5-3 sigmoid network, half-SSE loss,
//! learning rate 0.2) on the graph, against a plain Rust loop doing the same training: f64
//! arrays, no graph, the same data in the same order, the same initial parameters.
//!
//! The plain loop computes per sample what a training step needs: every z and f, the loss,
//! every δ, and the SGD update of every weight and bias. It is checked against the trainer
//! (the same losses and the same parameters after one epoch, to 1e-12) before timing anything.
//!
//! A second plain loop, `Fixed`, is the same training as tightly as plain Rust writes it for
//! this one shape (fixed-size arrays, the update folded into the reverse loop): the fastest
//! reference, about 2.4 times fewer instructions than `Plain`.
//!
//! `cargo bench --bench train` runs criterion on one epoch of each (and on one epoch plus the
//! 20-row validation pass that `deltagraph train` runs after it), then times the three
//! trainings side by side — alternating epochs, so machine noise hits all alike — and prints
//! the time per sample-step and the ratios graph / plain loop. Target: ≤ 1.5×. Pass `--quick`
//! for a shorter criterion run.
//!
//! `… -- process plain|fixed EPOCHS IRIS.csv` runs one plain loop as a whole training process
//! instead (validation included, as `deltagraph train` runs it), for
//! `compare/train_per_sample.py`, which times whole processes side by side.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use deltagraph::spec::Spec;
use deltagraph::train::{self, Example, TrainConfig, Trainer, data::Dataset};

/// The same training as flat arrays.
struct Plain {
    /// `w[l][j * fan_in + i]`: weight from input `i` into neuron `j` of layer `l`.
    w: Vec<Vec<f64>>,
    b: Vec<Vec<f64>>,
    /// `a[0]` = the input, `a[l + 1]` = the outputs of layer `l`.
    a: Vec<Vec<f64>>,
    delta: Vec<Vec<f64>>,
    learning_rate: f64,
}

impl Plain {
    fn new(spec: &Spec) -> Plain {
        let mut a = vec![vec![0.0; spec.input.len()]];
        a.extend(spec.layers.iter().map(|l| vec![0.0; l.biases.len()]));
        Plain {
            w: spec.layers.iter().map(|l| l.weights.concat()).collect(),
            b: spec.layers.iter().map(|l| l.biases.clone()).collect(),
            delta: spec
                .layers
                .iter()
                .map(|l| vec![0.0; l.biases.len()])
                .collect(),
            a,
            learning_rate: spec.learning_rate,
        }
    }

    /// Every layer's outputs for `input`, into `a`.
    fn forward(&mut self, input: &[f64]) {
        self.a[0].copy_from_slice(input);
        for l in 0..self.w.len() {
            let (prev, next) = self.a.split_at_mut(l + 1);
            let (input, output) = (&prev[l], &mut next[0]);
            for (j, (f, row)) in output
                .iter_mut()
                .zip(self.w[l].chunks_exact(input.len()))
                .enumerate()
            {
                let mut z = 0.0;
                for (w, a) in row.iter().zip(input) {
                    z += w * a;
                }
                *f = deltagraph::ops::sigmoid(z + self.b[l][j]);
            }
        }
    }

    /// The predicted class: the first arg-max of the outputs, as `deltagraph train` validates.
    fn predict(&mut self, ex: &Example) -> usize {
        self.forward(&ex.input);
        first_arg_max(&self.a[self.w.len()])
    }

    /// One SGD step on one example; returns the loss before the step.
    fn sample(&mut self, ex: &Example) -> f64 {
        let layers = self.w.len();
        self.forward(&ex.input);
        let mut loss = 0.0;
        for ((d, &f), &y) in self.delta[layers - 1]
            .iter_mut()
            .zip(&self.a[layers])
            .zip(&ex.target)
        {
            loss += (y - f) * (y - f);
            *d = -(y - f) * (f * (1.0 - f));
        }
        for l in (0..layers).rev() {
            let n_in = self.a[l].len();
            if l > 0 {
                // δ of the layer below, from the weights before this step's update.
                let (below, this) = self.delta.split_at_mut(l);
                for (i, d) in below[l - 1].iter_mut().enumerate() {
                    let back: f64 = this[0]
                        .iter()
                        .enumerate()
                        .map(|(j, &dj)| dj * self.w[l][j * n_in + i])
                        .sum();
                    let f = self.a[l][i];
                    *d = back * (f * (1.0 - f));
                }
            }
            for (j, &d) in self.delta[l].iter().enumerate() {
                let row = &mut self.w[l][j * n_in..(j + 1) * n_in];
                for (w, &a) in row.iter_mut().zip(&self.a[l]) {
                    *w -= self.learning_rate * (d * a);
                }
                self.b[l][j] -= self.learning_rate * d;
            }
        }
        0.5 * loss
    }

    fn epoch(&mut self, train: &[Example]) -> f64 {
        let mut total = 0.0;
        for ex in train {
            total += self.sample(ex);
        }
        total / train.len() as f64
    }
}

/// The same training as tightly as plain Rust writes it for one shape: fixed-size arrays
/// (`I` inputs, `H` hidden, `O` outputs: loops the compiler unrolls), `1/(1 + e^−z)`, the
/// loss and δ in one expression, each weight updated as soon as its δ is known, nothing
/// stored that the next step does not need. The fastest reference there is.
struct Fixed<const I: usize, const H: usize, const O: usize> {
    w1: [[f64; I]; H],
    b1: [f64; H],
    w2: [[f64; H]; O],
    b2: [f64; O],
    learning_rate: f64,
}

impl<const I: usize, const H: usize, const O: usize> Fixed<I, H, O> {
    fn new(spec: &Spec) -> Self {
        let [hidden, output] = &spec.layers[..] else {
            panic!("two layers");
        };
        Fixed {
            w1: std::array::from_fn(|j| array(&hidden.weights[j])),
            b1: array(&hidden.biases),
            w2: std::array::from_fn(|k| array(&output.weights[k])),
            b2: array(&output.biases),
            learning_rate: spec.learning_rate,
        }
    }

    /// The hidden layer's and the output layer's outputs for `x`.
    fn forward(&self, x: &[f64; I]) -> ([f64; H], [f64; O]) {
        let sigmoid = |z: f64| 1.0 / (1.0 + (-z).exp());
        let h: [f64; H] = std::array::from_fn(|j| {
            sigmoid((0..I).fold(self.b1[j], |z, i| z + self.w1[j][i] * x[i]))
        });
        let o: [f64; O] = std::array::from_fn(|k| {
            sigmoid((0..H).fold(self.b2[k], |z, j| z + self.w2[k][j] * h[j]))
        });
        (h, o)
    }

    /// The predicted class (see [`Plain::predict`]).
    fn predict(&self, x: &[f64; I]) -> usize {
        first_arg_max(&self.forward(x).1)
    }

    fn sample(&mut self, x: &[f64; I], y: &[f64; O]) -> f64 {
        let (h, o) = self.forward(x);
        let mut loss = 0.0;
        let d2: [f64; O] = std::array::from_fn(|k| {
            let e = y[k] - o[k];
            loss += e * e;
            -e * o[k] * (1.0 - o[k])
        });
        let d1: [f64; H] = std::array::from_fn(|j| {
            (0..O).map(|k| self.w2[k][j] * d2[k]).sum::<f64>() * h[j] * (1.0 - h[j])
        });
        let lr = self.learning_rate;
        for ((row, b), &d) in self.w2.iter_mut().zip(&mut self.b2).zip(&d2) {
            for (w, &hj) in row.iter_mut().zip(&h) {
                *w -= lr * d * hj;
            }
            *b -= lr * d;
        }
        for ((row, b), &d) in self.w1.iter_mut().zip(&mut self.b1).zip(&d1) {
            for (w, &xi) in row.iter_mut().zip(x) {
                *w -= lr * d * xi;
            }
            *b -= lr * d;
        }
        0.5 * loss
    }

    fn epoch(&mut self, train: &[([f64; I], [f64; O])]) -> f64 {
        let total: f64 = train.iter().map(|(x, y)| self.sample(x, y)).sum();
        total / train.len() as f64
    }

    /// The examples as fixed-size arrays.
    fn examples(train: &[Example]) -> Vec<([f64; I], [f64; O])> {
        train
            .iter()
            .map(|ex| (array(&ex.input), array(&ex.target)))
            .collect()
    }
}

/// The index of the first largest of `xs` (the tutorial's `outputs.index(max(outputs))`).
fn first_arg_max(xs: &[f64]) -> usize {
    let mut best = 0;
    for (k, &x) in xs.iter().enumerate() {
        if x > xs[best] {
            best = k;
        }
    }
    best
}

/// `xs` as an array of its length.
fn array<const N: usize>(xs: &[f64]) -> [f64; N] {
    xs.try_into().expect("the network's shape")
}

/// The trainer and both plain loops one epoch in: the same loss, the same parameters and
/// the same predicted class for every validation row.
fn assert_same(trainer: &mut Trainer, plain: &mut Plain, fixed: &mut Iris) {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()));
    let train = trainer.train.clone();
    let (graph_loss, plain_loss) = (trainer.epoch(), plain.epoch(&train));
    let fixed_loss = fixed.epoch(&Iris::examples(&train));
    assert!(
        close(graph_loss, plain_loss) && close(graph_loss, fixed_loss),
        "{graph_loss} vs {plain_loss} vs {fixed_loss}"
    );
    for ex in trainer.validation.clone() {
        let graph = trainer.predict(&ex);
        let (by_plain, by_fixed) = (plain.predict(&ex), fixed.predict(&array(&ex.input)));
        assert!(
            graph == by_plain && graph == by_fixed,
            "predicted {graph} vs {by_plain} vs {by_fixed}"
        );
    }
    let spec = trainer.net.to_spec();
    let fixed_weights = [fixed.w1.concat(), fixed.w2.concat()];
    let fixed_biases = [fixed.b1.to_vec(), fixed.b2.to_vec()];
    for (l, layer) in spec.layers.iter().enumerate() {
        let weights = layer.weights.concat();
        for ((w, p), f) in weights.iter().zip(&plain.w[l]).zip(&fixed_weights[l]) {
            assert!(
                close(*w, *p) && close(*w, *f),
                "layer {l} weight {w} vs {p} vs {f}"
            );
        }
        for ((b, p), f) in layer.biases.iter().zip(&plain.b[l]).zip(&fixed_biases[l]) {
            assert!(
                close(*b, *p) && close(*b, *f),
                "layer {l} bias {b} vs {p} vs {f}"
            );
        }
    }
}

/// The tutorial's Iris network: 4 inputs, 5 hidden neurons, 3 outputs.
type Iris = Fixed<4, 5, 3>;

/// `process LOOP EPOCHS IRIS.csv`: one of the plain loops (`plain` or `fixed`) as a whole
/// training process, the way `deltagraph train IRIS.csv --epochs EPOCHS` runs one — the CSV
/// loaded and split by the same code, then per epoch the SGD samples and the tutorial's
/// validation (an arg-max forward pass per validation row) — so that whole processes can be
/// timed side by side (`compare/train_per_sample.py`). Prints the last epoch's mean loss and
/// the number of validation rows right.
fn process(args: &[String]) -> Result<(), String> {
    let [which, epochs, data] = args else {
        return Err("usage: process plain|fixed EPOCHS IRIS.csv".into());
    };
    let epochs: usize = epochs.parse().map_err(|e| format!("EPOCHS: {e}"))?;
    let dataset = Dataset::load(std::path::Path::new(data)).map_err(|e| e.to_string())?;
    let (trainer, _, _) =
        train::prepare(dataset, &TrainConfig::default()).map_err(|e| e.to_string())?;
    let spec = trainer.net.to_spec();
    let (train, validation) = (&trainer.train, &trainer.validation);
    let (mut loss, mut right) = (0.0, 0);
    // Every epoch's count kept, as `deltagraph train` keeps its history: a count only the last
    // epoch's value of which were used would let the compiler drop the other epochs'
    // validation (`f64::exp` has no side effects for it), and the loop would not validate.
    let mut history = Vec::new();
    match which.as_str() {
        "plain" => {
            let mut plain = Plain::new(&spec);
            for _ in 0..epochs {
                loss = plain.epoch(train);
                right = validation
                    .iter()
                    .filter(|ex| plain.predict(ex) == ex.class)
                    .count();
                history.push(right);
            }
        }
        "fixed" => {
            let mut fixed = Iris::new(&spec);
            let (train, validation) = (Iris::examples(train), Iris::examples(validation));
            let classes: Vec<usize> = trainer.validation.iter().map(|ex| ex.class).collect();
            for _ in 0..epochs {
                loss = fixed.epoch(&train);
                right = validation
                    .iter()
                    .zip(&classes)
                    .filter(|((x, _), class)| fixed.predict(x) == **class)
                    .count();
                history.push(right);
            }
        }
        other => return Err(format!("LOOP: plain or fixed, not {other:?}")),
    }
    let mean = history.iter().sum::<usize>() as f64 / history.len().max(1) as f64;
    println!(
        "last epoch's mean loss {loss}, validation {right} of {} right ({mean:.2} on average)",
        validation.len()
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "process") {
        let rest: Vec<String> = args[at + 1..]
            .iter()
            .filter(|a| *a != "--bench")
            .cloned()
            .collect();
        if let Err(e) = process(&rest) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        return;
    }
    let config = TrainConfig::default();
    let (mut trainer, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
    let mut plain = Plain::new(&trainer.net.to_spec());
    let mut fixed = Iris::new(&trainer.net.to_spec());
    assert_same(&mut trainer, &mut plain, &mut fixed);
    let train = trainer.train.clone();
    let fixed_train = Iris::examples(&train);
    let samples = train.len();

    // `cargo test --benches` runs without `--bench`; `--profile-time` is for a profiler.
    let side_by_side =
        args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--profile-time");
    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = c.benchmark_group("train");
        group.bench_function("epoch (130 SGD samples), graph", |b| {
            b.iter(|| black_box(trainer.epoch()))
        });
        group.bench_function("epoch (130 SGD samples), plain loop", |b| {
            b.iter(|| black_box(plain.epoch(black_box(&train))))
        });
        group.bench_function("epoch (130 SGD samples), fixed-size plain loop", |b| {
            b.iter(|| black_box(fixed.epoch(black_box(&fixed_train))))
        });
        group.bench_function("epoch + validation (130 + 20 samples), graph", |b| {
            b.iter(|| {
                let loss = trainer.epoch();
                black_box((loss, trainer.validate()))
            })
        });
        group.finish();
        // The parts of one sample-step, for profiling (`-- parts`).
        let mut group = c.benchmark_group("parts");
        // A fresh network one epoch in (a trained one's saturated sigmoids are slower).
        let (mut fresh, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
        fresh.epoch();
        let net = &mut fresh.net;
        let ex = train[0].clone();
        net.set_example(&ex.input, &ex.target);
        net.evaluate();
        group.bench_function("set_example", |b| {
            b.iter(|| net.set_example(black_box(&ex.input), black_box(&ex.target)))
        });
        group.bench_function("forward", |b| b.iter(|| net.graph.forward()));
        group.bench_function("backward_parameters", |b| {
            b.iter(|| net.graph.backward_parameters(net.loss))
        });
        group.bench_function("backward (every node)", |b| {
            b.iter(|| net.graph.backward(net.loss))
        });
        group.bench_function("step", |b| {
            b.iter_batched_ref(|| net.clone(), |net| net.step(), BatchSize::SmallInput)
        });
        group.finish();
    }
    c.final_summary();
    if !side_by_side {
        return;
    }

    // Side by side, as `deltagraph train --epochs 3000` runs: each round trains a fresh network
    // from the same initial state, alternating one epoch on the graph
    // and the same epoch on the plain loop (the values, and with them the time `exp` takes,
    // change as training goes, so both time the same stretch of training, and load from other
    // processes hits both alike). Per epoch the fastest of the rounds is kept (a process
    // switched out mid-epoch only slows that round); their sum is the training's time.
    let rounds = 8;
    // Ten times the tutorial's 300 epochs: late in training many sigmoids saturate, and
    // numbers near zero (e^−z of a large z, and the gradients through it) make every
    // operation on them slower, in both trainings alike.
    let epochs = 3000;
    let mut graph_best = vec![Duration::MAX; epochs];
    let mut plain_best = vec![Duration::MAX; epochs];
    let mut fixed_best = vec![Duration::MAX; epochs];
    let time = |best: &mut Duration, epoch: &mut dyn FnMut() -> f64| {
        let t = Instant::now();
        black_box(epoch());
        *best = (*best).min(t.elapsed());
    };
    for _ in 0..rounds {
        let (mut trainer, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
        let mut plain = Plain::new(&trainer.net.to_spec());
        let mut fixed = Iris::new(&trainer.net.to_spec());
        for e in 0..epochs {
            time(&mut graph_best[e], &mut || trainer.epoch());
            time(&mut plain_best[e], &mut || plain.epoch(black_box(&train)));
            time(&mut fixed_best[e], &mut || {
                fixed.epoch(black_box(&fixed_train))
            });
        }
    }
    let per_sample = |best: &[Duration]| {
        best.iter().sum::<Duration>().as_secs_f64() * 1e9 / (epochs * samples) as f64
    };
    let [graph, plain, fixed] = [graph_best, plain_best, fixed_best].map(|b| per_sample(&b));
    println!(
        "side by side, {epochs} epochs from the initial network ({samples} samples each), the fastest of {rounds} rounds per epoch:"
    );
    println!(
        "  graph {graph:.1} ns/sample, plain loop {plain:.1} ns/sample, fixed-size plain loop {fixed:.1} ns/sample"
    );
    println!(
        "  ratio graph/plain {:.2}, graph/fixed-size {:.2}",
        graph / plain,
        graph / fixed
    );
}
