//! How `check` grows with the network: a full hand file (every computed value, written to 6
//! significant figures, one slip in the first layer) of n-n-10 networks, and a one-value file
//! on one wide layer. Time to read the file and to judge it, in one process, sizes side by side.
//!
//! ```sh
//! cargo bench --bench check_scale
//! ```

use std::time::Instant;

use deltagraph::check::{Checker, Options};
use deltagraph::hand::{self, Names};
use deltagraph::net::{Network, Stage};
use deltagraph::spec::{LayerSpec, Spec};

/// Deterministic weights in [-1, 1].
fn weights(rows: usize, cols: usize, seed: &mut u64) -> Vec<Vec<f64>> {
    (0..rows)
        .map(|_| {
            (0..cols)
                .map(|_| {
                    *seed ^= *seed << 13;
                    *seed ^= *seed >> 7;
                    *seed ^= *seed << 17;
                    ((*seed % 2001) as f64 / 1000.0 - 1.0) / (cols as f64).sqrt()
                })
                .collect()
        })
        .collect()
}

fn network(sizes: &[usize]) -> Network {
    let mut seed = 0x9e37_79b9_7f4a_7c15;
    let mut layers = Vec::new();
    for w in sizes.windows(2) {
        layers.push(LayerSpec {
            weights: weights(w[1], w[0], &mut seed),
            biases: vec![0.1; w[1]],
            activation: None,
        });
    }
    let spec = Spec {
        name: None,
        input: weights(1, sizes[0], &mut seed).remove(0),
        target: vec![0.5; *sizes.last().unwrap()],
        loss: Default::default(),
        activation: Default::default(),
        learning_rate: 0.1,
        weight_decay: 0.0,
        layers,
        ..Spec::tutorial()
    };
    Network::evaluated(&spec.validated("bench").unwrap()).unwrap()
}

/// Every computed value at 6 significant figures; z1 wrong.
fn full_hand_file(net: &Network) -> String {
    let mut out = String::from("name,value\n");
    for e in net.entries().iter().filter(|e| e.stage != Stage::Given) {
        let v = if e.name == "z1" {
            net.read(e.quantity) + 1.0
        } else {
            net.read(e.quantity)
        };
        out.push_str(&format!("\"{}\",{v:.5e}\n", e.name));
    }
    out
}

fn time(label: &str, net: &Network, text: &str) {
    let names = Names::of(net);
    let t0 = Instant::now();
    let sheet = hand::read(text, "bench.csv", &names).unwrap();
    let read = t0.elapsed();
    let checker = Checker::new(net);
    let t1 = Instant::now();
    let report = checker.check_sheet(&sheet, &Options::default());
    let judge = t1.elapsed();
    println!(
        "{label:<28} {:>9} values  read {:>8.3} s  judge {:>8.3} s  ({} slips)",
        sheet.values.len(),
        read.as_secs_f64(),
        judge.as_secs_f64(),
        report.slips()
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!("check: read + judge, full hand files of n-n-10 networks");
    for n in [50, 100, 200, 300] {
        let net = network(&[n, n, 10]);
        let text = full_hand_file(&net);
        time(&format!("{n}-{n}-10, full file"), &net, &text);
    }
    println!("check: one value on one wide layer");
    for n in [1000, 2000, 4000, 10000] {
        let net = network(&[10, n, 1]);
        time(&format!("10-{n}-1, one value"), &net, "z1,3\n");
    }
}
