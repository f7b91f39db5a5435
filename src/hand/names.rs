//! The names people write for the values of a calculation, read as canonical names.
//!
//! A written name is normalised (NFKC, no spaces, lower case, `δ` → `delta`, `∂` → `d`,
//! `σ` → `sigma`, `ŷ` → `yhat`, primes unified) and then read by a small grammar of the
//! spellings in common use: `Z4`, `z(4)`, `net4` → `z4`; `a4`, `h4`, `o4`, `out4`, `σ(z4)`,
//! `f(z4)` → `f4`; `ŷ`, `yhat` → the output; `E`, `J`, `Loss` → `L`; `f'(z4)`, `σ'(z4)`,
//! `df4/dz4` → `df4`; `dL/dz4`, `∂E/∂z4` → `delta4`; `dL/dw14`, `dw14` → `dL/dw(1,4)`;
//! `w14`, `w_1_4`, `w1,4` → `w(1,4)` (or `w(x1,4)`) when exactly one of those exists;
//! `w'(1,4)`, `w+(1,4)`, `new_w14` → `new_w(1,4)`. A spelling that fits several names of the
//! network is ambiguous and is not guessed. The full list is in `docs/value-names.md`.

use unicode_normalization::UnicodeNormalization;

/// The canonical names of one network, and how to read other spellings of them.
#[derive(Clone, Debug)]
pub struct Names {
    /// Canonical names in network order (found by name; in order for suggestions); a
    /// network's are its entries' own list.
    ordered: std::sync::Arc<crate::name_list::NameList>,
    /// The output neurons' `f` names, in order (`ŷ1`, `ŷ2`, …).
    outputs: Vec<String>,
    /// The targets' names (`y1`, …).
    targets: Vec<String>,
    /// The highest step `k` whose names (`z4@k`) are read: 1 reads step 1's names only.
    max_step: usize,
    /// In a batch, how many examples (`z4[1]` … `z4[n]`); 0 otherwise.
    examples: usize,
    /// Whether the learning rate may be written ([`LEARNING_RATE`]): a network, which has
    /// updates; not an expression.
    rate: bool,
    /// An expression's gradient heads (`df/d` of `df/dx`), lower case: `dx` alone is read as
    /// `df/dx`, as CS231n's notes write it.
    gradient_heads: Vec<String>,
    /// The longest written name read (bytes, before normalisation): longer ones are unknown
    /// without trying any spelling. See [`Names::longest_spelling`].
    longest_written: usize,
}

/// Why a written name that reads as no value of the network names none, when a part of it is
/// out of range or in the wrong order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misnamed {
    /// A step outside `1..=max` (`z4@1001`, `z4@0`).
    Step {
        /// The step as written.
        found: String,
        /// The highest step read.
        max: usize,
    },
    /// An example outside `1..=count` in a batch (`z4[3]` with 2 examples).
    Example {
        /// The example's number as written.
        found: String,
        /// How many examples the spec has.
        count: usize,
    },
    /// A weight's indices in the other order (`w64` for `w(4,6)`): `read` does not exist,
    /// `transposed` does.
    Transposed {
        /// What the spelling reads as (`w(6,4)`).
        read: String,
        /// The name with the indices swapped (`w(4,6)`).
        transposed: String,
    },
}

/// What a written name was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// One canonical name.
    Name(String),
    /// Several canonical names fit the spelling.
    Ambiguous(Vec<String>),
    /// No canonical name fits.
    Unknown,
}

/// Spellings of an activation's output `f` (and heads of its derivative `f′`).
const ACTIVATION_HEADS: &[&str] = &[
    "sigmoid", "sigma", "tanh", "relu", "act", "out", "f", "a", "h", "o", "g",
];
/// Spellings of the network's output ŷ (with or without an output number).
const OUTPUT_HEADS: &[&str] = &[
    "yhat",
    "y_hat",
    "y^",
    "ypred",
    "y_pred",
    "prediction",
    "pred",
    "output",
];
/// The name a hand file's learning rate is read under (`alpha,0.5`, `α,0.5`, `lr,0.5`): not a
/// value of the network but the rate the person says they used (`check` judges their updates
/// under it).
pub const LEARNING_RATE: &str = "alpha";
/// Spellings of the learning rate, normalised.
const RATE_SPELLINGS: &[&str] = &[
    "alpha",
    "α",
    "lr",
    "learningrate",
    "learning_rate",
    "learning-rate",
    "eta",
    "η",
    "学习率",
];
/// Spellings of the loss.
const LOSS: &[&str] = &[
    "l", "loss", "e", "error", "j", "cost", "etotal", "e_total", "ltotal", "l_total",
];
/// Prefixes of `∂L/∂…` (after normalisation: `∂` is `d`).
const GRADIENT_PREFIXES: &[&str] = &[
    "dl/d",
    "de/d",
    "dj/d",
    "dloss/d",
    "dcost/d",
    "detotal/d",
    "grad_",
    "grad",
    "d",
];

impl Names {
    /// The names of a network given as its canonical names (as `Network::entries` lists
    /// them). The outputs are the last neurons, one per target.
    pub fn new<'a>(canonical: impl IntoIterator<Item = &'a str>) -> Names {
        Names::from_list(std::sync::Arc::new(canonical.into_iter().collect()))
    }

    /// The names of a network given as the list of its canonical names.
    fn from_list(ordered: std::sync::Arc<crate::name_list::NameList>) -> Names {
        // In a batch the names carry the example's number (`y1[2]`, `f6[2]`): outputs and
        // targets are found by their base names, so that `yhat[2]` and `y[2]` resolve too.
        let numbered = |prefix: char| -> Vec<(usize, String)> {
            let mut v: Vec<(usize, String)> = ordered
                .iter()
                .filter_map(|n| {
                    let base = n.split_once('[').map_or(n, |(b, _)| b);
                    let k = base.strip_prefix(prefix)?.parse::<usize>().ok()?;
                    Some((k, base.to_string()))
                })
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let targets: Vec<String> = numbered('y').into_iter().map(|(_, n)| n).collect();
        let fs = numbered('f');
        let outputs = fs[fs.len().saturating_sub(targets.len())..]
            .iter()
            .map(|(_, n)| n.clone())
            .collect();
        let mut gradient_heads: Vec<String> = ordered
            .iter()
            .filter_map(|n| {
                let (head, _) = n.split_once("/d")?;
                let head = head.strip_prefix('d')?;
                (head != "L" && !head.is_empty()).then(|| format!("d{}/d", head.to_lowercase()))
            })
            .collect();
        gradient_heads.sort();
        gradient_heads.dedup();
        let longest = ordered.iter().map(str::len).max().unwrap_or(0);
        let examples = ordered
            .iter()
            .filter_map(|n| {
                let (_, rest) = n.split_once('[')?;
                rest.split(']').next()?.parse::<usize>().ok()
            })
            .max()
            .unwrap_or(0);
        Names {
            examples,
            rate: false,
            gradient_heads,
            longest_written: Names::longest_spelling(longest),
            ordered,
            outputs,
            targets,
            max_step: 1,
        }
    }

    /// The names of `net`; for a network (not an expression) also the names of later steps,
    /// `z4@2`, `new_w(4,6)@3`, … (see [`crate::iteration`]), up to
    /// [`MAX_STEPS`](crate::iteration::MAX_STEPS).
    pub fn of(net: &crate::net::Network) -> Names {
        let mut names = Names::from_list(net.entries().names().clone());
        if !net.is_expression() {
            names.max_step = crate::iteration::MAX_STEPS;
            names.rate = true;
            // `@1000` and ` @ 1000` after any spelling.
            names.longest_written += 16;
        }
        names
    }

    /// The longest written spelling (in bytes) of names at most `canonical` bytes long: each
    /// character full-width (3 bytes in UTF-8) or followed by a space, plus the longest
    /// prefixes and suffixes people add (`updated_`, `dloss/d`, `_new`, an example's `[12]`).
    /// Nothing longer can be read as a name, so the reader does no work on a 10 MB "name".
    fn longest_spelling(canonical: usize) -> usize {
        4 * canonical + 64
    }

    /// Whether `name` is one of the canonical names.
    fn is_known(&self, name: &str) -> bool {
        self.ordered.contains(name)
    }

    /// Whether `name` is canonical.
    pub fn contains(&self, name: &str) -> bool {
        self.is_known(name)
    }

    /// Read a written name.
    pub fn resolve(&self, written: &str) -> Resolved {
        if written.len() > self.longest_written {
            return Resolved::Unknown;
        }
        if self.is_known(written) {
            return Resolved::Name(written.to_string());
        }
        if self.rate && RATE_SPELLINGS.contains(&normalise(written).as_str()) {
            return Resolved::Name(LEARNING_RATE.to_string());
        }
        // A later step's name: any spelling of a step-1 name, then `@k` (`Z4@2`, `w46 @ 2`).
        if let Some((base, k)) = written.rsplit_once('@') {
            let k = normalise(k).parse::<usize>().ok();
            return match k {
                Some(k) if (1..=self.max_step).contains(&k) && !base.contains('@') => {
                    let at = |n: String| crate::iteration::step_name(&n, k);
                    match self.resolve(base) {
                        Resolved::Name(n) => Resolved::Name(at(n)),
                        Resolved::Ambiguous(v) => {
                            Resolved::Ambiguous(v.into_iter().map(at).collect())
                        }
                        Resolved::Unknown => Resolved::Unknown,
                    }
                }
                _ => Resolved::Unknown,
            };
        }
        let s = normalise(written);
        let mut found: Vec<String> = Vec::new();
        for c in self.forms(&s).into_iter().chain(self.example_forms(&s)) {
            if self.is_known(&c) && !found.contains(&c) {
                found.push(c);
            }
        }
        match found.len() {
            0 => Resolved::Unknown,
            1 => Resolved::Name(found.pop().expect("one")),
            _ => Resolved::Ambiguous(found),
        }
    }

    /// For a written name that reads as no value ([`Resolved::Unknown`]), why, when it is a
    /// name of the network but for a step or example number out of range, or a weight's
    /// indices swapped.
    pub fn misnamed(&self, written: &str) -> Option<Misnamed> {
        if written.len() > self.longest_written {
            return None;
        }
        let known = |n: &str| self.resolve(n) != Resolved::Unknown;
        let mut stem = written;
        if let Some((base, k)) = written.rsplit_once('@') {
            let k = normalise(k);
            let digits = k.strip_prefix('-').unwrap_or(&k);
            let whole = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
            let in_range = k
                .parse::<usize>()
                .is_ok_and(|k| (1..=self.max_step).contains(&k));
            if whole && !in_range && known(base) {
                return Some(Misnamed::Step {
                    found: k,
                    max: self.max_step,
                });
            }
            stem = base;
        }
        let s = normalise(stem);
        if let Some((base, e)) = s.strip_suffix(']').and_then(|r| r.rsplit_once('[')) {
            let whole = !e.is_empty() && e.chars().all(|c| c.is_ascii_digit());
            let in_range = e
                .parse::<usize>()
                .is_ok_and(|e| (1..=self.examples).contains(&e));
            if whole && !in_range && self.examples > 0 && known(&format!("{base}[1]")) {
                return Some(Misnamed::Example {
                    found: e.to_string(),
                    count: self.examples,
                });
            }
        }
        // A later step's weight keeps its `@k`.
        let at = written
            .rsplit_once('@')
            .map_or(String::new(), |(_, k)| format!("@{}", normalise(k)));
        self.forms(&s).iter().find_map(|read| {
            let read = format!("{read}{at}");
            if self.is_known(&read) {
                return None;
            }
            swapped_weights(&read)
                .into_iter()
                .find(|t| self.is_known(t))
                .map(|transposed| Misnamed::Transposed {
                    read: read.clone(),
                    transposed,
                })
        })
    }

    /// Up to three likely canonical names for an unreadable `written` one, likeliest first.
    /// A spelling of the network's output is never offered a target, and the reverse.
    pub fn suggest(&self, written: &str) -> Vec<String> {
        if written.len() > self.longest_written {
            return Vec::new();
        }
        let s = normalise(written);
        // In a batch, a name written without its example's number: that value of the first
        // examples (`z1` → `z1[1]`, `z1[2]`).
        let mut per_example: Vec<String> = Vec::new();
        for c in self.forms(&s) {
            let numbered = (1..).map(|k| format!("{c}[{k}]"));
            for n in numbered.take_while(|n| self.is_known(n)).take(3) {
                if !per_example.contains(&n) {
                    per_example.push(n);
                }
            }
        }
        if !per_example.is_empty() {
            per_example.truncate(3);
            return per_example;
        }
        let means_output = OUTPUT_HEADS.iter().any(|h| s.starts_with(h)) || s.starts_with("ŷ");
        if means_output {
            return self.outputs.iter().take(3).cloned().collect();
        }
        let number = |s: &str| -> Option<i64> {
            let digits: String = s
                .chars()
                .rev()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            digits.chars().rev().collect::<String>().parse().ok()
        };
        let (own_number, length) = (number(&s), s.chars().count());
        // Farther than this is no likely name. The edit distance is at least the difference in
        // length, so a name of another length is passed over without computing it: a long
        // written name costs its length once, not once per name of the network.
        let farthest = 3.max(length / 3);
        // A target is only offered for a spelling that starts like one.
        let first = s.chars().next();
        let targets: std::collections::HashSet<&str> = if matches!(first, Some('y' | 't')) {
            std::collections::HashSet::new()
        } else {
            self.targets.iter().map(String::as_str).collect()
        };
        let mut scored: Vec<(usize, i64, &str)> = self
            .ordered
            .iter()
            .filter(|k| !targets.contains(k))
            .filter_map(|k| {
                let lower = k.to_lowercase();
                if lower.chars().count().abs_diff(length) > farthest {
                    return None;
                }
                let numeric = match (own_number, number(k)) {
                    (Some(a), Some(b)) => (a - b).abs(),
                    _ => i64::MAX,
                };
                let distance = strsim::levenshtein(&s, &lower);
                (distance <= farthest).then_some((distance, numeric, k))
            })
            .collect();
        scored.sort();
        scored
            .iter()
            .take(3)
            .map(|(_, _, k)| k.to_string())
            .collect()
    }

    /// Canonical candidates for a value of one example of a batch: any spelling of a name,
    /// then the example's number in brackets (`δ6[2]`, `z_4[2]` → `delta6[2]`, `z4[2]`), and
    /// an example's own gradient `dL[2]/dw46`, `dE[2]/dw46` → `dL[2]/dw(4,6)`.
    fn example_forms(&self, s: &str) -> Vec<String> {
        let Some((base, k)) = s
            .strip_suffix(']')
            .and_then(|r| r.rsplit_once('['))
            .filter(|(_, k)| !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()))
        else {
            // `dl[2]/dw46`: the example's number after the loss's letter.
            return GRADIENT_PREFIXES[..6]
                .iter()
                .filter_map(|prefix| {
                    let head = prefix.strip_suffix("/d")?;
                    let rest = s.strip_prefix(head)?.strip_prefix('[')?;
                    let (k, tail) = rest.split_once("]/d")?;
                    k.chars().all(|c| c.is_ascii_digit()).then_some((k, tail))
                })
                .flat_map(|(k, tail)| {
                    self.forms(&format!("dl/d{tail}"))
                        .into_iter()
                        .filter_map(move |c| {
                            c.strip_prefix("dL/d").map(|p| format!("dL[{k}]/d{p}"))
                        })
                })
                .collect();
        };
        self.forms(base)
            .into_iter()
            .map(|c| format!("{c}[{k}]"))
            .collect()
    }

    /// Canonical candidates for a normalised spelling `s` (not yet checked against the network).
    fn forms(&self, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        // Exact up to case: `L`, `dL/dw(1,4)` written in another case.
        if s == "l" {
            out.push("L".to_string());
        }
        if let Some(rest) = s.strip_prefix("dl/d") {
            out.push(format!("dL/d{rest}"));
        }
        out.push(s.to_string());
        if LOSS.contains(&s) {
            out.push("L".to_string());
        }
        // Updated parameters: `new_w14`, `w'(1,4)`, `w+(1,4)`, `w14_new`, `b4'`.
        for prefix in ["new_", "new", "updated_", "updated"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                out.extend(parameters(rest).into_iter().map(|p| format!("new_{p}")));
            }
        }
        for suffix in ["_new", "new", "'", "+"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                out.extend(parameters(rest).into_iter().map(|p| format!("new_{p}")));
            }
        }
        for head in ["w", "b"] {
            for mark in ["'", "+"] {
                if let Some(rest) = s.strip_prefix(&format!("{head}{mark}")) {
                    out.extend(
                        parameters(&format!("{head}{rest}"))
                            .into_iter()
                            .map(|p| format!("new_{p}")),
                    );
                }
            }
        }
        // Gradients: `dL/dw14`, `∂E/∂b4`, `dw14`; `dL/dz4` is δ4.
        for prefix in GRADIENT_PREFIXES {
            if let Some(rest) = s.strip_prefix(prefix) {
                out.extend(parameters(rest).into_iter().map(|p| format!("dL/d{p}")));
                if let Some(k) = neuron_of_z(rest) {
                    out.push(format!("delta{k}"));
                }
            }
        }
        // An expression's gradient without its numerator: `dx` for `df/dx`.
        if let Some(rest) = s.strip_prefix('d').filter(|r| !r.is_empty()) {
            for head in &self.gradient_heads {
                if !s.starts_with(head.as_str()) {
                    out.push(format!("{head}{rest}"));
                }
            }
        }
        // δ: `delta4`, `delta_4`, `delta(4)`.
        if let Some(k) = s.strip_prefix("delta").and_then(index) {
            out.push(format!("delta{k}"));
        }
        // f′: `df4`, `df4/dz4`, `f'4`, `f4'`, `f'(z4)`, `σ'(z4)`.
        if let Some(k) = self.derivative(s) {
            out.push(format!("df{k}"));
        }
        // f: `f4`, `a4`, `h4`, `o4`, `out4`, `f(z4)`, `σ(z4)`, `f4(z4)`.
        for head in ACTIVATION_HEADS {
            if let Some(k) = s.strip_prefix(head).and_then(activation_argument) {
                out.push(format!("f{k}"));
            }
        }
        // ŷ: `yhat`, `ŷ1`, `y_hat2`, `output`.
        for head in OUTPUT_HEADS {
            if let Some(rest) = s.strip_prefix(head) {
                let k = if rest.is_empty() && self.outputs.len() == 1 {
                    Some(1)
                } else {
                    index(rest)
                };
                if let Some(f) = k.and_then(|k| self.outputs.get(k.wrapping_sub(1))) {
                    out.push(f.clone());
                }
            }
        }
        // z: `z4`, `z(4)`, `net4`.
        if let Some(k) = neuron_of_z(s) {
            out.push(format!("z{k}"));
        }
        // x, y, b and w.
        for (heads, canonical) in [
            (&["x", "input"][..], "x"),
            (&["y", "t", "target"][..], "y"),
            (&["b", "bias"][..], "b"),
        ] {
            for head in heads {
                if let Some(rest) = s.strip_prefix(head) {
                    if let Some(k) = index(rest) {
                        out.push(format!("{canonical}{k}"));
                    } else if rest.is_empty() && canonical == "y" && self.targets.len() == 1 {
                        out.push(self.targets[0].clone());
                    }
                }
            }
        }
        out.extend(weights(s));
        out
    }

    /// The neuron whose derivative `s` names: `df4`, `df4/dz4`, `f'4`, `f4'`, `f'(z4)`,
    /// `sigma'(z4)`, `dsigma(z4)`.
    fn derivative(&self, s: &str) -> Option<usize> {
        let s = match s.split_once("/dz") {
            Some((head, _)) => head,
            None => s,
        };
        for head in ACTIVATION_HEADS {
            if let Some(rest) = s.strip_prefix('d').and_then(|r| r.strip_prefix(head)) {
                if let Some(k) = activation_argument(rest) {
                    return Some(k);
                }
            }
            if let Some(rest) = s.strip_prefix(head) {
                if let Some(k) = rest.strip_prefix('\'').and_then(activation_argument) {
                    return Some(k);
                }
                if let Some(k) = rest.strip_suffix('\'').and_then(activation_argument) {
                    return Some(k);
                }
            }
        }
        None
    }
}

/// NFKC, no white space, lower case, one spelling per symbol.
pub fn normalise(written: &str) -> String {
    let mut s = String::with_capacity(written.len());
    for c in written.nfkc() {
        match c {
            c if c.is_whitespace() => {}
            '’' | '′' | '`' | '´' | 'ʹ' | 'ˈ' => s.push('\''),
            '−' | '–' => s.push('-'),
            'δ' | 'Δ' => s.push_str("delta"),
            '∂' => s.push('d'),
            'σ' => s.push_str("sigma"),
            'ŷ' | 'Ŷ' => s.push_str("yhat"),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

/// A neuron or input number: `4`, `_4`, `(4)`, `[4]`, `{4}`.
fn index(s: &str) -> Option<usize> {
    let s = s.strip_prefix('_').unwrap_or(s);
    let s = unbracket(s);
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn unbracket(s: &str) -> &str {
    for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner;
        }
    }
    s
}

/// The neuron of a `z` spelling: `z4`, `z_4`, `z(4)`, `net4`.
fn neuron_of_z(s: &str) -> Option<usize> {
    ["z", "net"]
        .iter()
        .find_map(|h| s.strip_prefix(h).and_then(index))
}

/// The neuron an activation's argument names: `4`, `(4)`, `(z4)`, `4(z4)` (the same twice).
fn activation_argument(rest: &str) -> Option<usize> {
    if let Some(k) = index(rest) {
        return Some(k);
    }
    let (number, argument) = match rest.find('(') {
        Some(0) => ("", rest),
        Some(p) => (&rest[..p], &rest[p..]),
        None => return None,
    };
    let k = neuron_of_z(unbracket(argument))?;
    (number.is_empty() || index(number) == Some(k)).then_some(k)
}

/// Canonical parameter names a spelling may stand for: `w14` → `w(1,4)`, `w(x1,4)`;
/// `b4` → `b4`.
fn parameters(s: &str) -> Vec<String> {
    let mut out = weights(s);
    for head in ["b", "bias"] {
        if let Some(k) = s.strip_prefix(head).and_then(index) {
            out.push(format!("b{k}"));
        }
    }
    out
}

/// The most digits a neuron's or an input's number can have (`usize::MAX` has 20).
const MAX_INDEX_DIGITS: usize = 20;

/// `w(1,4)`, `w14`, `w_14`, `w_1_4`, `w1,4`, `w(x1,4)`: every split of the indices, each as
/// a neuron and as an input source.
fn weights(s: &str) -> Vec<String> {
    let Some(rest) = s.strip_prefix('w') else {
        return Vec::new();
    };
    let rest = rest.strip_prefix('_').unwrap_or(rest);
    let inner = unbracket(rest);
    let parts: Vec<&str> = inner.split([',', '_', ';']).collect();
    let pairs: Vec<(String, String)> = match parts.as_slice() {
        [a, b] => vec![(a.to_string(), b.to_string())],
        // Each index a neuron's or an input's number (at most 20 digits, as `usize`): longer
        // digits are no weight, and splitting them every way would take their length squared.
        [digits]
            if (2..=2 * MAX_INDEX_DIGITS).contains(&digits.len())
                && digits.chars().all(|c| c.is_ascii_digit()) =>
        {
            (1..digits.len())
                .map(|p| (digits[..p].to_string(), digits[p..].to_string()))
                .collect()
        }
        _ => Vec::new(),
    };
    let number = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    for (a, b) in pairs {
        let b = b.trim_start_matches('0');
        if !number(b) {
            continue;
        }
        if number(&a) {
            out.push(format!("w({a},{b})"));
            out.push(format!("w(x{a},{b})"));
        } else if a.strip_prefix('x').is_some_and(number) {
            out.push(format!("w({a},{b})"));
        }
    }
    out
}

/// `c` with the indices of its weight swapped: `w(6,4)` → `w(4,6)`, `dL/dw(6,4)` →
/// `dL/dw(4,6)`, and for a first layer's weight also `w(3,1)` → `w(x1,3)`; none without a
/// weight of two indices.
fn swapped_weights(c: &str) -> Vec<String> {
    let Some(start) = c.find("w(").map(|s| s + 2) else {
        return Vec::new();
    };
    let Some(end) = c[start..].find(')').map(|e| start + e) else {
        return Vec::new();
    };
    let Some((i, j)) = c[start..end].split_once(',') else {
        return Vec::new();
    };
    let (head, tail) = (&c[..start], &c[end..]);
    let mut out = vec![format!("{head}{j},{i}{tail}")];
    if !j.starts_with('x') {
        out.push(format!("{head}x{j},{i}{tail}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::Network;
    use crate::spec::ValidSpec;

    fn tutorial() -> Names {
        Names::of(&Network::new(&ValidSpec::tutorial()))
    }

    #[test]
    fn informal_spellings_with_an_example_number() {
        let mut spec = crate::spec::Spec::tutorial();
        let example =
            |input: Vec<f64>, target: Vec<f64>| crate::spec::ExampleSpec { input, target };
        spec.examples = vec![
            example(vec![1.0, 2.0], vec![1.0]),
            example(vec![2.0, -1.0], vec![0.0]),
        ];
        (spec.input, spec.target) = (Vec::new(), Vec::new());
        let names = Names::of(&Network::new(&spec.validated("batch.toml").unwrap()));
        for (written, canonical) in [
            ("δ6[2]", "delta6[2]"),
            ("Delta_6[1]", "delta6[1]"),
            ("z_4[2]", "z4[2]"),
            ("f'4[2]", "df4[2]"),
            ("dE[2]/dw46", "dL[2]/dw(4,6)"),
            ("∂L[1]/∂b6", "dL[1]/db6"),
            ("dL/dw46", "dL/dw(4,6)"),
            ("L[2]", "L[2]"),
            // The output and the lone target, by their informal names.
            ("yhat[2]", "f6[2]"),
            ("ŷ[1]", "f6[1]"),
            ("y[2]", "y1[2]"),
            ("t1[1]", "y1[1]"),
        ] {
            assert_eq!(
                names.resolve(written),
                Resolved::Name(canonical.into()),
                "{written}"
            );
        }
        // Example 3 does not exist: not read as anything.
        assert_eq!(names.resolve("z4[3]"), Resolved::Unknown);
        // A name without its example's number is offered each example's value.
        for (written, offered) in [
            ("z1", ["z1[1]", "z1[2]"]),
            ("Delta6", ["delta6[1]", "delta6[2]"]),
            ("yhat", ["f6[1]", "f6[2]"]),
        ] {
            assert_eq!(names.resolve(written), Resolved::Unknown, "{written}");
            assert_eq!(names.suggest(written), offered, "{written}");
        }
    }

    #[test]
    fn informal_spellings_of_the_tutorial() {
        let names = tutorial();
        for (written, canonical) in [
            ("w14", "w(1,4)"),
            ("w_14", "w(1,4)"),
            ("w_1_4", "w(1,4)"),
            ("w1,4", "w(1,4)"),
            ("w11", "w(x1,1)"),
            ("Z4", "z4"),
            ("z(4)", "z4"),
            ("DELTA4", "delta4"),
            ("a1", "f1"),
            ("h1", "f1"),
            ("net5", "z5"),
            ("o6", "f6"),
            ("out6", "f6"),
            ("yhat", "f6"),
            ("y_hat", "f6"),
            ("ŷ", "f6"),
            ("ŷ1", "f6"),
            ("E", "L"),
            ("J", "L"),
            ("Loss", "L"),
            ("dL/dz4", "delta4"),
            ("∂L/∂z4", "delta4"),
            ("dE/dz4", "delta4"),
            ("dL/dw14", "dL/dw(1,4)"),
            ("∂E/∂b4", "dL/db4"),
            ("σ(z1)", "f1"),
            ("f(z1)", "f1"),
            ("f1(z1)", "f1"),
            ("σ'(z4)", "df4"),
            ("f'(z4)", "df4"),
            ("f′4", "df4"),
            ("f4'", "df4"),
            ("df4/dz4", "df4"),
            ("w'(1,4)", "new_w(1,4)"),
            ("w+(1,4)", "new_w(1,4)"),
            ("new_w14", "new_w(1,4)"),
            ("b6'", "new_b6"),
            ("ｚ１", "z1"),
            ("δ5", "delta5"),
            ("delta_5", "delta5"),
            ("y", "y1"),
            ("x2", "x2"),
            ("w(x1,1)", "w(x1,1)"),
        ] {
            assert_eq!(
                names.resolve(written),
                Resolved::Name(canonical.to_string()),
                "{written}"
            );
        }
        assert_eq!(names.resolve("f5(z4)"), Resolved::Unknown);
        assert_eq!(names.resolve("z9"), Resolved::Unknown);
    }

    #[test]
    fn an_expressions_gradient_may_be_written_without_its_numerator() {
        // CS231n writes dq, dx for ∂f/∂q, ∂f/∂x.
        let names = Names::new(["x", "y", "z", "q", "f", "df/dq", "df/dx", "df/dy", "df/dz"]);
        assert_eq!(names.resolve("dx"), Resolved::Name("df/dx".into()));
        assert_eq!(names.resolve("dq"), Resolved::Name("df/dq".into()));
        assert_eq!(names.resolve("∂f/∂z"), Resolved::Name("df/dz".into()));
        assert_eq!(names.resolve("dw"), Resolved::Unknown);
    }

    #[test]
    fn suggestions_never_turn_the_output_into_the_target() {
        let names = tutorial();
        assert_eq!(names.suggest("yhat2"), vec!["f6".to_string()]);
        assert_eq!(names.suggest("delta7")[0], "delta6");
    }

    #[test]
    fn a_long_run_of_digits_is_no_weight_and_no_work() {
        // Splitting every way took the digits' length squared in memory (N = 40,000: 3 GB).
        assert!(weights(&format!("w{}", "1".repeat(1000))).is_empty());
        assert_eq!(weights(&format!("w{}", "1".repeat(40))).len(), 2 * 39);
        let names = tutorial();
        let long = format!("w{}", "1".repeat(200_000));
        assert_eq!(names.resolve(&long), Resolved::Unknown);
        assert!(names.suggest(&long).is_empty());
        // Spellings as long as people write them are still read.
        let spaced = "d L / d w ( 1 , 4 ) @ 2";
        assert_eq!(
            names.resolve(&format!("{spaced}   ")),
            Resolved::Name("dL/dw(1,4)@2".into())
        );
    }

    #[test]
    fn names_longer_than_any_spelling_are_unknown_without_trying_one() {
        let names = Names::new(["z1", "f1"]);
        // `z`, 100 spaces and `1` normalises to `z1`, but is longer than any spelling of a
        // two-letter name.
        assert!(Names::longest_spelling(2) < 100);
        let padded = format!("z{}1", " ".repeat(100));
        assert_eq!(names.resolve(&padded), Resolved::Unknown);
        assert_eq!(names.resolve("z 1"), Resolved::Name("z1".into()));
    }

    #[test]
    fn an_index_split_that_fits_two_weights_is_ambiguous() {
        // A network with 11+ neurons: w111 could be w(1,11) or w(11,1)…
        let names = Names::new(["w(1,11)", "w(11,1)", "z1"]);
        assert!(matches!(names.resolve("w111"), Resolved::Ambiguous(v) if v.len() == 2));
    }
}
