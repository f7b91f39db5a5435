//! Forward + backward on the tape against a hand-written flat Rust loop doing the same
//! arithmetic, on a 256-256-256-10 sigmoid network with half-SSE loss (≈ 136,000 scalar nodes:
//! every weight is a leaf of the graph).
//!
//! The hand-written loop computes exactly what the tape computes in one `Network::evaluate`:
//! every z and f, the loss, every δ, the gradient of every weight and bias, and the gradient of
//! every input (the tape differentiates with respect to every leaf). It checks that both agree
//! before timing anything.
//!
//! `cargo bench --bench tape` runs criterion on both, then times them side by side (alternating,
//! so machine noise hits both alike) and prints the ratio tape / hand. Target: ≤ 2×.
//! Pass `--quick` for a shorter criterion run.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use deltagraph::net::Network;
use deltagraph::spec::{Activation, LayerSpec, Loss, Spec};

const SIZES: [usize; 4] = [256, 256, 256, 10];

/// Deterministic pseudo-random numbers in [−1, 1) (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        2.0 * (z >> 11) as f64 / (1u64 << 53) as f64 - 1.0
    }
}

/// The benchmark network: weights scaled by 1/√fan-in so the sigmoids are not saturated.
fn spec() -> Spec {
    let mut rng = Rng(42);
    let layers = SIZES
        .windows(2)
        .map(|pair| {
            let (fan_in, size) = (pair[0], pair[1]);
            let scale = 1.0 / (fan_in as f64).sqrt();
            LayerSpec {
                weights: (0..size)
                    .map(|_| (0..fan_in).map(|_| scale * rng.next()).collect())
                    .collect(),
                biases: (0..size).map(|_| 0.1 * rng.next()).collect(),
                activation: None,
            }
        })
        .collect();
    Spec {
        name: Some("bench".into()),
        input: (0..SIZES[0]).map(|_| rng.next()).collect(),
        target: (0..SIZES[3]).map(|_| 0.5 + 0.5 * rng.next()).collect(),
        loss: Loss::HalfSse,
        activation: Activation::Sigmoid,
        learning_rate: 0.1,
        weight_decay: 0.0,
        layers,
        ..Spec::tutorial()
    }
}

/// The same network as flat row-major arrays, with buffers for one forward + backward.
struct Hand {
    /// `w[l][j * fan_in + i]`
    w: Vec<Vec<f64>>,
    b: Vec<Vec<f64>>,
    x: Vec<f64>,
    y: Vec<f64>,
    /// `a[0] = x`, `a[l + 1] = f` of layer `l`.
    a: Vec<Vec<f64>>,
    z: Vec<Vec<f64>>,
    delta: Vec<Vec<f64>>,
    /// `da[l]`: ∂L/∂(input of layer l).
    da: Vec<Vec<f64>>,
    dw: Vec<Vec<f64>>,
    loss: f64,
}

impl Hand {
    fn new(spec: &Spec) -> Hand {
        let w: Vec<Vec<f64>> = spec.layers.iter().map(|l| l.weights.concat()).collect();
        let b: Vec<Vec<f64>> = spec.layers.iter().map(|l| l.biases.clone()).collect();
        let sizes: Vec<usize> = spec.layers.iter().map(|l| l.biases.len()).collect();
        let mut a = vec![spec.input.clone()];
        a.extend(sizes.iter().map(|&n| vec![0.0; n]));
        Hand {
            dw: w.iter().map(|w| vec![0.0; w.len()]).collect(),
            w,
            b,
            x: spec.input.clone(),
            y: spec.target.clone(),
            z: sizes.iter().map(|&n| vec![0.0; n]).collect(),
            delta: sizes.iter().map(|&n| vec![0.0; n]).collect(),
            da: a[..sizes.len()]
                .iter()
                .map(|v| vec![0.0; v.len()])
                .collect(),
            a,
            loss: 0.0,
        }
    }

    /// One forward + backward pass: z = W·a + b, f = σ(z), L = ½Σ(y − f)², δ, ∂L/∂W = δ·aᵀ,
    /// ∂L/∂a = Wᵀ·δ (∂L/∂b = δ needs no arithmetic).
    fn run(&mut self) {
        let layers = self.w.len();
        self.a[0].copy_from_slice(&self.x);
        for l in 0..layers {
            let (prev, next) = self.a.split_at_mut(l + 1);
            let (input, output) = (&prev[l], &mut next[0]);
            let n_in = input.len();
            for (j, (f, row)) in output
                .iter_mut()
                .zip(self.w[l].chunks_exact(n_in))
                .enumerate()
            {
                let mut s = 0.0;
                for (w, a) in row.iter().zip(input) {
                    s += w * a;
                }
                let z = s + self.b[l][j];
                self.z[l][j] = z;
                *f = deltagraph::ops::sigmoid(z);
            }
        }
        let out = &self.a[layers];
        let mut loss = 0.0;
        for (k, (&f, &y)) in out.iter().zip(&self.y).enumerate() {
            loss += (y - f) * (y - f);
            // δ = ∂L/∂f · f′(z) = −(y − f) · f(1 − f)
            self.delta[layers - 1][k] = -(y - f) * (f * (1.0 - f));
        }
        self.loss = 0.5 * loss;
        for l in (0..layers).rev() {
            let n_in = self.a[l].len();
            let (w, a, delta) = (&self.w[l], &self.a[l], &self.delta[l]);
            let (dw, da) = (&mut self.dw[l], &mut self.da[l]);
            da.fill(0.0);
            for (j, &d) in delta.iter().enumerate() {
                let row = &w[j * n_in..(j + 1) * n_in];
                let grow = &mut dw[j * n_in..(j + 1) * n_in];
                for (((g, &ai), dai), &wi) in grow.iter_mut().zip(a).zip(da.iter_mut()).zip(row) {
                    *g = d * ai;
                    *dai += d * wi;
                }
            }
            if l > 0 {
                // δ of the layer below: ∂L/∂f · f′(z) = (Wᵀδ)ᵢ · fᵢ(1 − fᵢ)
                for (i, d) in self.delta[l - 1].iter_mut().enumerate() {
                    let f = a[i];
                    *d = da[i] * (f * (1.0 - f));
                }
            }
        }
    }
}

/// Check the hand loop against the tape: every δ, weight gradient and input gradient.
fn assert_same(net: &Network, hand: &Hand) {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()));
    assert!(close(net.graph.value(net.loss), hand.loss));
    for (l, layer) in net.layers.iter().enumerate() {
        for (j, &z) in layer.z.iter().enumerate() {
            assert!(
                close(net.graph.grad(z), hand.delta[l][j]),
                "delta layer {l} neuron {j}"
            );
            for (i, &w) in layer.weights[j].iter().enumerate() {
                let n_in = layer.weights[j].len();
                assert!(close(net.graph.grad(w), hand.dw[l][j * n_in + i]));
            }
        }
    }
    for (i, &x) in net.inputs.iter().enumerate() {
        assert!(close(net.graph.grad(x), hand.da[0][i]), "dL/dx{}", i + 1);
    }
}

fn main() {
    let spec = spec();
    let mut net = Network::new(&spec.clone().validated("bench").unwrap());
    let mut hand = Hand::new(&spec);
    net.evaluate();
    hand.run();
    assert_same(&net, &hand);
    let nodes = net.graph.len();
    let edges = net.graph.structure().edge_count();
    assert!(nodes >= 100_000);
    println!("network {SIZES:?}: {nodes} scalar nodes, {edges} edges on the tape");

    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs without `--bench`; `--profile-time` is for a profiler.
    let side_by_side =
        args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--profile-time");
    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = c.benchmark_group("forward+backward");
        group.bench_function("tape", |b| b.iter(|| black_box(&mut net).evaluate()));
        group.bench_function("hand", |b| b.iter(|| black_box(&mut hand).run()));
        group.finish();
    }
    c.final_summary();
    if !side_by_side {
        return;
    }

    // Side by side: alternate the two, so that load from other processes hits both alike. The
    // minimum over many batches is the time least disturbed by other processes; the median is
    // given too.
    let rounds = 100;
    let per_batch = 10;
    let (mut tape_times, mut hand_times) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(&mut net).evaluate();
        }
        tape_times.push(t.elapsed() / per_batch);
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(&mut hand).run();
        }
        hand_times.push(t.elapsed() / per_batch);
    }
    tape_times.sort();
    hand_times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let ratio = |t: Duration, h: Duration| t.as_secs_f64() / h.as_secs_f64();
    let (tape_min, hand_min) = (tape_times[0], hand_times[0]);
    let (tape_med, hand_med) = (tape_times[rounds / 2], hand_times[rounds / 2]);
    println!("side by side, {rounds} alternating batches of {per_batch} forward+backward passes:");
    println!(
        "  fastest batch: tape {:.3} ms, hand {:.3} ms, ratio tape/hand {:.2}",
        ms(tape_min),
        ms(hand_min),
        ratio(tape_min, hand_min)
    );
    println!(
        "  median batch:  tape {:.3} ms, hand {:.3} ms, ratio tape/hand {:.2}",
        ms(tape_med),
        ms(hand_med),
        ratio(tape_med, hand_med)
    );
}
