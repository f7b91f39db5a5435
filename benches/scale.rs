//! How the engine's cost grows: build, compile, forward and backward on scalar graphs of 10³ to
//! 10⁶ nodes, time per node for each phase and peak memory per node.
//!
//! ```sh
//! cargo bench --bench scale            # the tables (docs/performance.md has them)
//! cargo bench --bench scale -- --size 1000000 --chain   # one row, a pure chain
//! cargo bench --bench scale -- --commands               # only the commands' growth
//! ```
//!
//! The last tables time what the commands do, in process, on 10-n-10 networks of n = 1,000,
//! 2,000 and 4,000 hidden neurons (and on n one-neuron layers for the collapsed diagram), and
//! print each one's growth exponent `log(t(4000) / t(1000)) / log 4` (1 is linear, 2
//! quadratic); then `run --format csv` and the DOT file of a 1000-1000-10 network (a million
//! weights), each in a child process for its peak memory.
//!
//! Each size runs in a fresh child process so that its peak resident memory (`VmHWM`) is its
//! own; the child also counts bytes through a counting allocator (peak bytes requested, which
//! includes unused `Vec` capacity).
//!
//! The graphs are shaped like networks: every node takes one or two operands from the 64 nodes
//! before it or from a pool of 256 leaves ("weights"), with a mix of add, mul, sigmoid, tanh and
//! weighted sums. `--chain` builds a single chain instead (each node uses the one before), the
//! deepest graph possible: it must work without recursion.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use deltagraph::graph::{Graph, NodeId};
use deltagraph::ops::Op;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A deterministic xorshift generator: the same graph every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn network_like(nodes: usize) -> (Graph, NodeId) {
    let mut g = Graph::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let leaves: Vec<NodeId> = (0..256)
        .map(|i| g.input(&format!("w{i}"), (i as f64 / 256.0) - 0.5))
        .collect();
    let mut recent: Vec<NodeId> = leaves[..64].to_vec();
    let mut last = leaves[0];
    while g.len() < nodes {
        let a = recent[rng.below(recent.len().min(64))];
        let b = if rng.below(2) == 0 {
            leaves[rng.below(256)]
        } else {
            recent[rng.below(recent.len().min(64))]
        };
        last = match rng.below(5) {
            0 => g.add(a, b),
            1 => g.mul(a, b),
            2 => g.sigmoid(a),
            3 => g.tanh(a),
            _ => {
                let c = leaves[rng.below(256)];
                g.weighted_sum(&[(b, a)], c)
            }
        };
        if recent.len() < 64 {
            recent.push(last);
        } else {
            let slot = rng.below(64);
            recent[slot] = last;
        }
    }
    // A sum of the last nodes as the root, so gradients reach the whole graph.
    let root = g.apply(Op::Sum, &recent, deltagraph::graph::Role::Loss);
    let _ = last;
    (g, root)
}

fn chain(nodes: usize) -> (Graph, NodeId) {
    let mut g = Graph::new();
    let mut x = g.input("x", 0.5);
    while g.len() < nodes {
        x = if g.len() % 2 == 0 {
            g.sigmoid(x)
        } else {
            g.tanh(x)
        };
    }
    (g, x)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One size, in this process: prints a tab-separated row.
fn measure(nodes: usize, is_chain: bool) {
    let rss_before = rss_kib().unwrap_or(0);
    let t = Instant::now();
    let (mut g, root) = if is_chain {
        chain(nodes)
    } else {
        network_like(nodes)
    };
    let build = t.elapsed().as_secs_f64();
    let t = Instant::now();
    g.tape();
    let compile = t.elapsed().as_secs_f64();
    // Best of several runs: the machine is shared and noisy.
    let repeats = (20_000_000 / nodes).clamp(3, 200);
    let mut forward = f64::MAX;
    let mut backward = f64::MAX;
    for _ in 0..repeats {
        let t = Instant::now();
        g.forward();
        forward = forward.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        g.backward(root);
        backward = backward.min(t.elapsed().as_secs_f64());
    }
    assert!(
        g.grads().iter().all(|x| x.is_finite()),
        "gradients are finite"
    );
    let n = g.len() as f64;
    let peak_rss = peak_rss_kib().unwrap_or(0).saturating_sub(rss_before) as f64 * 1024.0;
    let peak_alloc = PEAK.load(Ordering::Relaxed) as f64;
    println!(
        "{}\t{:.1}\t{:.1}\t{:.2}\t{:.2}\t{:.1}\t{:.1}",
        g.len(),
        build / n * 1e9,
        compile / n * 1e9,
        forward / n * 1e9,
        backward / n * 1e9,
        peak_rss / n,
        peak_alloc / n
    );
}

/// A `sizes` network (or, with `deep`, `n` one-neuron layers), weights scaled by 1/√fan-in.
fn layered(sizes: &[usize]) -> deltagraph::spec::ValidSpec {
    use deltagraph::spec::{Activation, LayerSpec, Loss, Spec};
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut next = || (rng.next() % 2001) as f64 / 1000.0 - 1.0;
    let layers = sizes
        .windows(2)
        .map(|w| LayerSpec {
            weights: (0..w[1])
                .map(|_| (0..w[0]).map(|_| next() / (w[0] as f64).sqrt()).collect())
                .collect(),
            biases: (0..w[1]).map(|_| 0.1 * next()).collect(),
            activation: None,
        })
        .collect();
    Spec {
        name: None,
        input: (0..sizes[0]).map(|_| next()).collect(),
        target: vec![0.5; sizes[sizes.len() - 1]],
        loss: Loss::HalfSse,
        activation: Activation::Sigmoid,
        learning_rate: 0.1,
        weight_decay: 0.0,
        layers,
        ..Spec::tutorial()
    }
    .validated("scale")
    .expect("a valid network")
}

/// Seconds `f` takes, the fastest of `repeats`.
fn best_of(repeats: usize, mut f: impl FnMut()) -> f64 {
    (0..repeats)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// `explain`'s work: the network from its spec, its derivation as Markdown (as the command
/// writes it, a section at a time).
fn explain(spec: &deltagraph::spec::ValidSpec) -> f64 {
    let opts = deltagraph::derivation::Options::default();
    best_of(1, || {
        let net = deltagraph::net::Network::evaluated(spec).unwrap();
        let md =
            deltagraph::derivation::markdown::network_markdown(&net, &opts, Default::default());
        drop(md)
    })
}

/// `check`'s work on a one-value hand file (`z1`, one digit, a slip): the network from its
/// spec, the names, the reading and the judging (causes included).
fn check_one(spec: &deltagraph::spec::ValidSpec) -> f64 {
    use deltagraph::check::{Checker, Options};
    best_of(3, || {
        let net = deltagraph::net::Network::evaluated(spec).unwrap();
        let names = deltagraph::hand::Names::of(&net);
        let sheet = deltagraph::hand::read("z1,3\n", "one.csv", &names).unwrap();
        let report = Checker::new(&net).check_sheet(&sheet, &Options::default());
        assert_eq!(report.slips(), 1);
    })
}

/// The commands' work at 1,000, 2,000 and 4,000 neurons, with growth exponents
/// `log(t(4000) / t(1000)) / log 4`. Measured (docs/performance.md, load about 1 on 2
/// cores): explain 1.03 (10-n-10) and 1.12 (n one-neuron layers: memory, its instructions
/// grow as n^1.02); check with one value 1.01 and 0.96; run --format csv 1.00; the layout-rs
/// fallback under 2 ms (its exponents are noise). `check_scale` adds the one-value judge
/// alone up to 10,000 neurons (exponent 0.91 from 4,000 to 10,000).
fn commands() {
    use deltagraph::net::Network;
    use deltagraph::render::{self, Options, Renderer, View};
    let sizes = [1_000usize, 2_000, 4_000];
    let dir = std::env::temp_dir().join(format!("deltagraph-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    type Job = Box<dyn Fn(usize) -> f64>;
    let jobs: Vec<(&str, Job)> = vec![
        (
            "build + evaluate (10-n-10)",
            Box::new(|n| {
                let spec = layered(&[10, n, 10]);
                best_of(3, || drop(Network::evaluated(&spec).unwrap()))
            }),
        ),
        (
            "run --format csv (10-n-10)",
            Box::new(|n| {
                let net = Network::evaluated(&layered(&[10, n, 10])).unwrap();
                best_of(3, || drop(deltagraph::table::csv(&net)))
            }),
        ),
        (
            "explain (10-n-10)",
            Box::new(|n| explain(&layered(&[10, n, 10]))),
        ),
        (
            "explain (n one-neuron layers)",
            Box::new(|n| explain(&layered(&vec![1; n + 1]))),
        ),
        (
            "check, one value (10-n-10)",
            Box::new(|n| check_one(&layered(&[10, n, 10]))),
        ),
        (
            "check, one value (n one-neuron layers)",
            Box::new(|n| check_one(&layered(&vec![1; n + 1]))),
        ),
        (
            "render, layout-rs fallback (10-n-10)",
            Box::new({
                let dir = dir.clone();
                move |n| {
                    let net = Network::evaluated(&layered(&[10, n, 10])).unwrap();
                    let path = dir.join("wide.svg");
                    let opts = Options::default();
                    best_of(3, || {
                        render::write(&path, View::Network(&net), &opts, Renderer::LayoutRs)
                            .unwrap();
                    })
                }
            }),
        ),
        (
            "render, layout-rs fallback (n one-neuron layers)",
            Box::new({
                let dir = dir.clone();
                move |n| {
                    let net = Network::evaluated(&layered(&vec![1; n + 1])).unwrap();
                    let path = dir.join("deep.svg");
                    let opts = Options::default();
                    best_of(3, || {
                        render::write(&path, View::Network(&net), &opts, Renderer::LayoutRs)
                            .unwrap();
                    })
                }
            }),
        ),
    ];
    println!("\ncommands (in process, fastest of several runs)");
    println!("| work | n = 1,000 | n = 2,000 | n = 4,000 | growth exponent |");
    println!("|---|---:|---:|---:|---:|");
    for (name, job) in &jobs {
        let t: Vec<f64> = sizes.iter().map(|&n| job(n)).collect();
        let exponent = (t[2] / t[0]).ln() / 4f64.ln();
        println!(
            "| {name} | {:.3} s | {:.3} s | {:.3} s | {exponent:.2} |",
            t[0], t[1], t[2]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    // A million weights, each in a child process so its peak memory is its own.
    let exe = std::env::current_exe().expect("own path");
    println!("\n1000-1000-10 network (1,010,000 weights), each in a fresh process:");
    for what in ["csv", "dot", "check"] {
        let out = std::process::Command::new(&exe)
            .args(["--million", what])
            .output()
            .expect("child run");
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

/// `run --format csv`, the DOT file or a check of a one-value hand file (`z4`, wrong) on the
/// 1000-1000-10 network, in this process, as the command does them: time from the spec's text
/// to the output, and peak resident memory.
fn million(what: &str) {
    use deltagraph::net::Network;
    let text = layered(&[1000, 1000, 10]).to_toml();
    let rss_before = rss_kib().unwrap_or(0);
    let t = Instant::now();
    let spec = deltagraph::spec::Spec::parse(&text, "million.toml").unwrap();
    drop(text);
    let net = Network::evaluated(&spec).unwrap();
    drop(spec);
    let (count, unit) = match what {
        "csv" => {
            let mut sink = CountingSink(0);
            deltagraph::table::write_csv(&net, &mut sink).unwrap();
            (sink.0, "bytes of output")
        }
        "check" => {
            let checker = deltagraph::check::Checker::from_network(net);
            let names = deltagraph::hand::Names::of(checker.network());
            let sheet = deltagraph::hand::read("name,value\nz4,0.5\n", "one.csv", &names).unwrap();
            let report = checker.check_sheet(&sheet, &Default::default());
            assert_eq!(report.slips(), 1, "z4 = 0.5 is a slip");
            (report.judgements.len(), "judgement")
        }
        _ => {
            let opts = deltagraph::render::Options::default();
            let dot = deltagraph::render::network_dot(&net, &opts);
            (
                deltagraph::render::to_dot_string(&dot).len(),
                "bytes of output",
            )
        }
    };
    let seconds = t.elapsed().as_secs_f64();
    let peak = peak_rss_kib().unwrap_or(0).saturating_sub(rss_before) as f64 / 1024.0;
    println!(
        "  {what}: {seconds:.2} s from spec text to {count} {unit}, peak resident memory +{peak:.0} MB"
    );
}

/// Counts what is written to it and keeps none of it.
struct CountingSink(usize);
impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--million") {
        million(&args[i + 1]);
        return;
    }
    if args.iter().any(|a| a == "--commands") {
        commands();
        return;
    }
    let is_chain = args.iter().any(|a| a == "--chain");
    if let Some(i) = args.iter().position(|a| a == "--size") {
        measure(args[i + 1].parse().expect("--size N"), is_chain);
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    for shape in ["network-like", "chain"] {
        println!("\n{shape} graphs");
        println!(
            "| nodes | build ns/node | compile ns/node | forward ns/node | backward ns/node | peak RSS bytes/node | peak allocated bytes/node |"
        );
        println!("|---:|---:|---:|---:|---:|---:|---:|");
        let mut per_node = Vec::new();
        for size in [1_000usize, 10_000, 100_000, 1_000_000] {
            let mut cmd = std::process::Command::new(&exe);
            cmd.args(["--size", &size.to_string()]);
            if shape == "chain" {
                cmd.arg("--chain");
            }
            let out = cmd.output().expect("child run");
            let row = String::from_utf8_lossy(&out.stdout);
            let cells: Vec<&str> = row.trim().split('\t').collect();
            if cells.len() != 7 {
                eprintln!("size {size}: {}", String::from_utf8_lossy(&out.stderr));
                continue;
            }
            per_node.push((
                size,
                cells[3].parse::<f64>().unwrap_or(0.0) + cells[4].parse::<f64>().unwrap_or(0.0),
            ));
            println!("| {} |", cells.join(" | "));
        }
        let at = |s: usize| per_node.iter().find(|(n, _)| *n == s).map(|(_, t)| *t);
        if let (Some(small), Some(large)) = (at(10_000), at(1_000_000)) {
            println!(
                "\nforward+backward per node, 10⁶ vs 10⁴: {:.2}× (target ≤ 1.5×)",
                large / small
            );
        }
    }
    commands();
}
