//! The `deltagraph run` contract, checked from outside the process: the CSV and JSON list every
//! canonical name of docs/value-names.md exactly once with values that round-trip, the table shows the
//! formulas with numbers substituted, and an independent plain-loop reference implementation
//! written here agrees with the CLI's CSV on generated networks it has not seen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use deltagraph::net::Network;
use deltagraph::spec::Spec;

const TUTORIAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tutorial.toml");

fn deltagraph(args: &[&str], dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deltagraph"));
    cmd.args(args);
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    cmd.output().expect("the binary runs")
}

/// Run `deltagraph run SPEC --format FORMAT`; assert exit 0 and empty stderr; return stdout.
fn run(spec: &Path, format: &str) -> String {
    let out = deltagraph(&["run", spec.to_str().unwrap(), "--format", format], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A fresh directory under the system temp dir, removed (with what the test wrote in it)
/// when dropped, even when the test fails.
fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("deltagraph-cli-run-")
        .tempdir()
        .unwrap()
}

/// Every canonical name of a network with `n_inputs` inputs and layers of `sizes` neurons, built
/// from the naming rules of docs/value-names.md alone: `x1…`, `y1…` (one per output), `w(x1,1)` / `w(1,4)`,
/// `b1…`, `z`, `f`, `df`, `delta` per neuron (numbered 1..N across layers), `L`, and `dL/d…`,
/// `new_…` per parameter.
fn canonical_names(n_inputs: usize, sizes: &[usize]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for i in 1..=n_inputs {
        names.insert(format!("x{i}"));
    }
    for k in 1..=*sizes.last().unwrap() {
        names.insert(format!("y{k}"));
    }
    let mut sources: Vec<String> = (1..=n_inputs).map(|i| format!("x{i}")).collect();
    let mut next = 1;
    let mut params = Vec::new();
    for &size in sizes {
        let neurons: Vec<usize> = (next..next + size).collect();
        for &n in &neurons {
            for s in &sources {
                params.push(format!("w({s},{n})"));
            }
            params.push(format!("b{n}"));
            for prefix in ["z", "f", "df", "delta"] {
                names.insert(format!("{prefix}{n}"));
            }
        }
        sources = neurons.iter().map(|n| n.to_string()).collect();
        next += size;
    }
    names.insert("L".into());
    for p in params {
        names.insert(format!("dL/d{p}"));
        names.insert(format!("new_{p}"));
        names.insert(p);
    }
    names
}

/// Parse `name,value` CSV with a real CSV reader; the names in order with their values.
fn parse_csv(text: &str) -> Vec<(String, f64)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["name", "value"]);
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed CSV");
            assert_eq!(r.len(), 2, "two fields per row: {r:?}");
            let value: f64 = r[1]
                .parse()
                .unwrap_or_else(|_| panic!("{} is a number", &r[1]));
            assert!(value.is_finite(), "{} = {value}", &r[0]);
            (r[0].to_string(), value)
        })
        .collect()
}

#[test]
fn csv_lists_every_canonical_name_once_with_round_tripping_values() {
    let text = run(Path::new(TUTORIAL), "csv");
    assert!(text.starts_with("name,value\n"), "header: {text:.40}");
    let rows = parse_csv(&text);
    // Nothing else on stdout: header + one line per row, nothing more.
    assert_eq!(text.lines().count(), rows.len() + 1);
    assert!(text.ends_with('\n'));

    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    let unique: BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
    assert_eq!(unique.len(), names.len(), "no name twice");
    assert_eq!(unique, canonical_names(2, &[3, 2, 1]));
    // x1 x2 y1, 20 parameters (6+3, 6+2, 2+1), z f df delta for 6 neurons, L, dL/d… and new_…
    assert_eq!(unique.len(), 3 + 20 + 6 * 4 + 1 + 2 * 20);

    // Names with commas are quoted, as RFC 4180 requires; names without are not.
    for line in text.lines().skip(1) {
        let name_field = line.rsplit_once(',').unwrap().0;
        if name_field.contains(',') {
            assert!(
                name_field.starts_with('"') && name_field.ends_with('"'),
                "{line}"
            );
        } else {
            assert!(!name_field.contains('"'), "{line}");
        }
    }
    assert!(
        text.contains("\n\"w(x1,1)\",2\n"),
        "raw text quotes w(x1,1)"
    );
    assert!(text.contains("\n\"dL/dw(4,6)\","));
    assert!(text.contains("\n\"new_w(5,6)\","));
    assert!(text.contains("\nz1,5\n"));

    // Every value is the library's f64 exactly: the CSV text round-trips.
    let mut net = Network::new(&Spec::load(Path::new(TUTORIAL)).unwrap());
    net.evaluate();
    for (name, value) in &rows {
        let exact = net.get(name).unwrap();
        assert_eq!(
            value.to_bits(),
            exact.to_bits(),
            "{name}: {value} vs {exact}"
        );
    }
}

#[test]
fn json_has_the_same_names_and_values_as_csv() {
    let csv_rows = parse_csv(&run(Path::new(TUTORIAL), "csv"));
    let doc: serde_json::Value = serde_json::from_str(&run(Path::new(TUTORIAL), "json")).unwrap();
    assert_eq!(doc["network"], "tutorial");
    let values = doc["values"].as_array().unwrap();
    let json_rows: Vec<(String, f64)> = values
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap().to_string(),
                v["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(json_rows.len(), csv_rows.len());
    for ((jn, jv), (cn, cv)) in json_rows.iter().zip(&csv_rows) {
        assert_eq!(jn, cn);
        assert_eq!(jv.to_bits(), cv.to_bits(), "{jn}");
    }
    for v in values {
        let stage = v["stage"].as_str().unwrap();
        assert!(["given", "forward", "backward", "gradient", "update"].contains(&stage));
    }
}

#[test]
fn table_shows_formulas_with_numbers_substituted() {
    let text = run(Path::new(TUTORIAL), "table");
    // z1 = w(x1,1)·x1 + w(x2,1)·x2 + b1 = 2·1 + 1·2 + 1 = 5, as the tutorial writes it.
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("z1 "))
        .expect("a row for z1");
    assert!(line.contains("w(x1,1)·x1 + w(x2,1)·x2 + b1"), "{line}");
    assert!(line.contains("2·1 + 1·2 + 1"), "{line}");
    assert!(line.trim_end().ends_with("= 5"), "{line}");
    for name in ["delta6", "dL/dw(4,6)", "new_b6", "L"] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{name} "))),
            "row for {name}"
        );
    }
}

#[test]
fn no_arguments_prints_the_tutorial_and_exits_0() {
    let tmp = temp_dir();
    let dir = tmp.path();
    let out = deltagraph(&[], Some(dir));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2·1 + 1·2 + 1"), "z1's formula is printed");
    assert!(stdout.contains("delta6"));
}

// ---------------------------------------------------------------------------------------------
// An independent reference implementation: plain f64 loops, written from the textbook formulas,
// sharing no code with the crate. It stands in for the independent implementations the issue
// says will be run against `deltagraph run --format csv`.

/// A tiny deterministic generator (SplitMix64), so the test needs no crate and is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[lo, hi)`.
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One generated two-layer network with its example.
struct RefNet {
    x: Vec<f64>,
    y: Vec<f64>,
    /// `w[l][j][i]`: layer `l`, into neuron `j`, from input `i`.
    w: Vec<Vec<Vec<f64>>>,
    b: Vec<Vec<f64>>,
    act: Vec<&'static str>,
    loss: &'static str,
    lr: f64,
    decay: f64,
}

fn act(name: &str, z: f64) -> f64 {
    match name {
        "tanh" => z.tanh(),
        "relu" => {
            if z > 0.0 {
                z
            } else {
                0.0
            }
        }
        "identity" => z,
        "sigmoid" => 1.0 / (1.0 + (-z).exp()),
        _ => unreachable!(),
    }
}

fn act_derivative(name: &str, z: f64) -> f64 {
    match name {
        "tanh" => 1.0 - z.tanh() * z.tanh(),
        "relu" => {
            if z > 0.0 {
                1.0
            } else {
                0.0
            }
        }
        "identity" => 1.0,
        "sigmoid" => {
            let s = 1.0 / (1.0 + (-z).exp());
            s * (1.0 - s)
        }
        _ => unreachable!(),
    }
}

impl RefNet {
    fn generate(rng: &mut Rng) -> RefNet {
        let n_in = 1 + rng.below(4);
        let n_hidden = 1 + rng.below(5);
        let n_out = 1 + rng.below(3);
        let acts = ["tanh", "relu", "identity", "sigmoid"];
        let losses = ["mse", "sse", "half_sse"];
        let matrix = |rng: &mut Rng, rows: usize, cols: usize| -> Vec<Vec<f64>> {
            (0..rows)
                .map(|_| (0..cols).map(|_| rng.range(-2.0, 2.0)).collect())
                .collect()
        };
        let w = vec![matrix(rng, n_hidden, n_in), matrix(rng, n_out, n_hidden)];
        let b = vec![
            (0..n_hidden).map(|_| rng.range(-1.0, 1.0)).collect(),
            (0..n_out).map(|_| rng.range(-1.0, 1.0)).collect(),
        ];
        RefNet {
            x: (0..n_in).map(|_| rng.range(-3.0, 3.0)).collect(),
            y: (0..n_out).map(|_| rng.range(-1.0, 1.0)).collect(),
            w,
            b,
            act: vec![acts[rng.below(3)], acts[rng.below(4)]],
            loss: losses[rng.below(3)],
            lr: rng.range(0.0, 0.5),
            decay: if rng.below(2) == 0 {
                0.0
            } else {
                rng.range(0.0, 0.1)
            },
        }
    }

    /// The spec file; `{:?}` prints each f64 so that it reads back exactly.
    fn toml(&self) -> String {
        let list = |v: &[f64]| {
            format!(
                "[{}]",
                v.iter()
                    .map(|x| format!("{x:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let mut s = format!(
            "input = {}\ntarget = {}\nloss = \"{}\"\nlearning_rate = {:?}\nweight_decay = {:?}\n",
            list(&self.x),
            list(&self.y),
            self.loss,
            self.lr,
            self.decay
        );
        for l in 0..2 {
            let rows: Vec<String> = self.w[l].iter().map(|r| list(r)).collect();
            s += &format!(
                "\n[[layers]]\nweights = [{}]\nbiases = {}\nactivation = \"{}\"\n",
                rows.join(", "),
                list(&self.b[l]),
                self.act[l]
            );
        }
        s
    }

    /// Every canonical value by the textbook formulas: forward, δ by the chain rule written out,
    /// gradients δ·a, and the SGD step.
    fn values(&self) -> BTreeMap<String, f64> {
        let mut out = BTreeMap::new();
        let n_hidden = self.b[0].len();
        let n_out = self.b[1].len();
        for (i, x) in self.x.iter().enumerate() {
            out.insert(format!("x{}", i + 1), *x);
        }
        for (k, y) in self.y.iter().enumerate() {
            out.insert(format!("y{}", k + 1), *y);
        }
        // Forward.
        let mut a: Vec<Vec<f64>> = vec![self.x.clone()];
        let mut z: Vec<Vec<f64>> = Vec::new();
        for l in 0..2 {
            let zl: Vec<f64> = (0..self.b[l].len())
                .map(|j| {
                    let mut s = 0.0;
                    for (i, ai) in a[l].iter().enumerate() {
                        s += self.w[l][j][i] * ai;
                    }
                    s + self.b[l][j]
                })
                .collect();
            a.push(zl.iter().map(|&zj| act(self.act[l], zj)).collect());
            z.push(zl);
        }
        let yhat = &a[2];
        let n = n_out as f64;
        let (loss, dl_dyhat): (f64, Vec<f64>) = match self.loss {
            "half_sse" => (
                0.5 * (0..n_out)
                    .map(|k| (self.y[k] - yhat[k]).powi(2))
                    .sum::<f64>(),
                (0..n_out).map(|k| -(self.y[k] - yhat[k])).collect(),
            ),
            "sse" => (
                (0..n_out).map(|k| (self.y[k] - yhat[k]).powi(2)).sum(),
                (0..n_out).map(|k| -2.0 * (self.y[k] - yhat[k])).collect(),
            ),
            "mse" => (
                (0..n_out)
                    .map(|k| (self.y[k] - yhat[k]).powi(2))
                    .sum::<f64>()
                    / n,
                (0..n_out)
                    .map(|k| -2.0 * (self.y[k] - yhat[k]) / n)
                    .collect(),
            ),
            _ => unreachable!(),
        };
        out.insert("L".into(), loss);
        // Backward.
        let df: Vec<Vec<f64>> = (0..2)
            .map(|l| {
                z[l].iter()
                    .map(|&zj| act_derivative(self.act[l], zj))
                    .collect()
            })
            .collect();
        let delta_out: Vec<f64> = (0..n_out).map(|k| dl_dyhat[k] * df[1][k]).collect();
        let delta_hidden: Vec<f64> = (0..n_hidden)
            .map(|j| {
                df[0][j]
                    * (0..n_out)
                        .map(|k| self.w[1][k][j] * delta_out[k])
                        .sum::<f64>()
            })
            .collect();
        let delta = [delta_hidden, delta_out];
        // Names: hidden neurons 1..=n_hidden, outputs after them.
        let first = [1, 1 + n_hidden];
        for l in 0..2 {
            for j in 0..self.b[l].len() {
                let n = first[l] + j;
                out.insert(format!("z{n}"), z[l][j]);
                out.insert(format!("f{n}"), a[l + 1][j]);
                out.insert(format!("df{n}"), df[l][j]);
                out.insert(format!("delta{n}"), delta[l][j]);
                let source = |i: usize| {
                    if l == 0 {
                        format!("x{}", i + 1)
                    } else {
                        (first[0] + i).to_string()
                    }
                };
                for (i, ai) in a[l].iter().enumerate() {
                    let name = format!("w({},{n})", source(i));
                    let w = self.w[l][j][i];
                    let g = delta[l][j] * ai;
                    out.insert(format!("new_{name}"), w - self.lr * (g + self.decay * w));
                    out.insert(format!("dL/d{name}"), g);
                    out.insert(name, w);
                }
                let b = self.b[l][j];
                out.insert(format!("b{n}"), b);
                out.insert(format!("dL/db{n}"), delta[l][j]);
                out.insert(format!("new_b{n}"), b - self.lr * delta[l][j]);
            }
        }
        out
    }
}

#[test]
fn an_independent_plain_loop_reference_agrees_with_the_cli_csv() {
    let mut rng = Rng(0x5EED_DE17A);
    let tmp = temp_dir();
    let dir = tmp.path();
    for case in 0..24 {
        let net = RefNet::generate(&mut rng);
        let path = dir.join(format!("generated-{case}.toml"));
        std::fs::write(&path, net.toml()).unwrap();
        let cli: BTreeMap<String, f64> = parse_csv(&run(&path, "csv")).into_iter().collect();
        let expected = net.values();
        let sizes = [net.b[0].len(), net.b[1].len()];
        assert_eq!(
            cli.keys().collect::<BTreeSet<_>>(),
            expected.keys().collect::<BTreeSet<_>>(),
            "case {case}: names"
        );
        assert_eq!(cli.len(), canonical_names(net.x.len(), &sizes).len());
        for (name, want) in &expected {
            let got = cli[name];
            // Only the order of additions may differ between the two implementations.
            let tol = 1e-12 * (1.0 + want.abs());
            assert!(
                (got - want).abs() <= tol,
                "case {case} ({} {}/{} {}): {name} = {got}, reference {want}\n{}",
                net.loss,
                net.act[0],
                net.act[1],
                sizes.len(),
                net.toml()
            );
        }
    }
}

/// Where `build.rs` links glibc statically (`cfg(deltagraph_static_glibc)`), the binary starts
/// without the dynamic loader — no `PT_INTERP` program header — and stays position-independent
/// (`ET_DYN`), so its code's address is still random (docs/performance.md, "No dynamic
/// loader"). Read from the ELF headers: a link that fell back to a dynamic one, or one made
/// with `-no-pie`, fails here.
#[cfg(deltagraph_static_glibc)]
#[test]
fn the_binary_starts_without_the_dynamic_loader_and_stays_position_independent() {
    use std::io::Read;
    const ET_DYN: u16 = 3;
    const PT_DYNAMIC: u32 = 2;
    const PT_INTERP: u32 = 3;
    let mut head = vec![0; 8192];
    std::fs::File::open(env!("CARGO_BIN_EXE_deltagraph"))
        .and_then(|mut f| f.read_exact(&mut head))
        .expect("the binary's first 8 KB");
    let u16_at = |at: usize| u16::from_le_bytes(head[at..at + 2].try_into().unwrap());
    let u32_at = |at: usize| u32::from_le_bytes(head[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(head[at..at + 8].try_into().unwrap());
    assert_eq!(&head[..5], b"\x7fELF\x02", "a 64-bit ELF file");
    assert_eq!(u16_at(16), ET_DYN, "e_type: position-independent");
    let (first, size, count) = (
        u64_at(32) as usize,
        u16_at(54) as usize,
        u16_at(56) as usize,
    );
    let kinds: Vec<u32> = (0..count).map(|k| u32_at(first + k * size)).collect();
    assert!(!kinds.contains(&PT_INTERP), "no interpreter: {kinds:?}");
    assert!(
        kinds.contains(&PT_DYNAMIC),
        "a dynamic section, for relocating itself: {kinds:?}"
    );
    let out = deltagraph(&["--version"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("deltagraph "));
}
