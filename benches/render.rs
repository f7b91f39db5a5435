//! How long DOT export takes for big networks. The issue asks that a 1,000-neuron network's
//! DOT be exported "well under a second"; this measures it (`cargo bench --bench render`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use deltagraph::net::Network;
use deltagraph::render::{self, Options};
use deltagraph::spec::{LayerSpec, Spec};

/// A fully connected sigmoid network with these layer sizes (inputs first), evaluated.
fn sized(sizes: &[usize]) -> Network {
    let layers = sizes
        .windows(2)
        .map(|w| LayerSpec {
            weights: (0..w[1])
                .map(|j| {
                    (0..w[0])
                        .map(|i| ((i * 7 + j * 3) % 11) as f64 / 10.0 - 0.5)
                        .collect()
                })
                .collect(),
            biases: vec![0.1; w[1]],
            activation: None,
        })
        .collect();
    let spec = Spec {
        input: vec![0.5; sizes[0]],
        target: vec![1.0; *sizes.last().expect("sizes")],
        layers,
        ..Spec::tutorial()
    };
    let mut net = Network::new(&spec.validated("bench").unwrap());
    net.evaluate();
    net
}

fn export(c: &mut Criterion) {
    // 1,000 neurons, 290,000 weights: drawn one box per layer.
    let big = sized(&[100, 500, 400, 100]);
    c.bench_function("network DOT, 1000 neurons (collapsed)", |b| {
        b.iter(|| render::to_dot_string(&render::network_dot(black_box(&big), &Options::default())))
    });
    c.bench_function(
        "computation-graph DOT, 1000 neurons (cut to 300 values)",
        |b| {
            b.iter(|| {
                render::to_dot_string(&render::graph_dot(
                    black_box(&big.graph),
                    &Options::default(),
                ))
            })
        },
    );

    // The same size drawn in full, limits lifted: every neuron and every weight labelled.
    let deep = sized(&[100; 11]); // 1,000 neurons in ten layers of 100, 100,000 weights
    let everything = Options {
        max_neurons: usize::MAX,
        max_edges: usize::MAX,
        max_edges_per_neuron: Some(usize::MAX),
        ..Options::default()
    };
    let mut group = c.benchmark_group("uncollapsed");
    group.sample_size(10);
    group.bench_function(
        "network DOT, 1000 neurons, 100000 weights, every one labelled",
        |b| b.iter(|| render::to_dot_string(&render::network_dot(black_box(&deep), &everything))),
    );
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
