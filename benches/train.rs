//! One epoch of the tutorial's Iris training (130 per-sample SGD steps on the 4-5-3 network's
//! graph), and one epoch plus the 20-row validation pass that `deltagraph train` runs after it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use deltagraph::train::{self, TrainConfig, data::Dataset};

fn one_epoch(c: &mut Criterion) {
    let config = TrainConfig::default();
    let (mut trainer, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
    c.bench_function("train/epoch (130 SGD samples)", |b| {
        b.iter(|| black_box(trainer.epoch()))
    });
    let (mut trainer, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
    c.bench_function("train/epoch + validation (130 + 20 samples)", |b| {
        b.iter(|| {
            let loss = trainer.epoch();
            black_box((loss, trainer.validate()))
        })
    });
}

criterion_group!(benches, one_epoch);
criterion_main!(benches);
