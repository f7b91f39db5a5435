//! Reading printed working back as a reader would: the numbers of a line of working, computed
//! from their printed text, must give the printed result at its printed digits.
//!
//! Independent of the library: its own reader of the printed LaTeX and plain text, its own
//! arithmetic, its own rounding (Rust's `{:e}` formatting).

/// A printed line split at its top-level ` = ` signs.
pub fn parts(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if depth == 0
            && c == ' '
            && chars.get(i + 1) == Some(&'=')
            && chars.get(i + 2) == Some(&' ')
        {
            out.push(current.trim().to_string());
            current.clear();
            i += 3;
            continue;
        }
        current.push(c);
        i += 1;
    }
    out.push(current.trim().to_string());
    out
}

/// A value: a matrix of numbers, a scalar being 1×1.
pub type Value = Vec<Vec<f64>>;

/// LaTeX of the kind the derivation prints, rewritten in the plain notation `run` prints
/// (matrices as `[a, b; c, d]`).
pub fn latex_to_plain(tex: &str) -> String {
    let mut s = frac_to_plain(tex);
    for (a, b) in [
        ("\\begin{pmatrix} ", "["),
        (" \\end{pmatrix}", "]"),
        (" & ", ", "),
        (" \\\\ ", "; "),
        (" \\odot ", "⊙"),
        // `{M}^{\mathsf T}`: the derivation braces what it transposes.
        ("{[", "(["),
        ("]}^{\\mathsf T}", "])ᵀ"),
    ] {
        s = s.replace(a, b);
    }
    // Powers of ten: `1.5 \times 10^{-6}` → `1.5e-6`.
    while let Some(i) = s.find(" \\times 10^{") {
        let rest = &s[i + " \\times 10^{".len()..];
        let end = rest.find('}').expect("closing brace");
        s = format!("{}e{}{}", &s[..i], &rest[..end], &rest[end + 1..]);
    }
    for (a, b) in [
        ("\\left(", "("),
        ("\\right)", ")"),
        ("\\left[", "["),
        ("\\right]", "]"),
        (" \\cdot ", "·"),
        ("^{2}", "²"),
        ("\\sigma", "σ"),
        ("\\tanh", "tanh"),
        ("\\max", "max"),
        ("\\ln", "ln"),
    ] {
        s = s.replace(a, b);
    }
    s
}

/// `\frac{a}{b}` → `(a)/(b)`, innermost first.
fn frac_to_plain(tex: &str) -> String {
    let mut s = tex.to_string();
    while let Some(i) = s.rfind("\\frac{") {
        let (num, after) = braced(&s[i + 5..]);
        let (den, rest) = braced(after);
        s = format!("{}(({num})/({den})){rest}", &s[..i]);
    }
    s
}

/// The content of the `{…}` group `s` starts with, and what follows it.
fn braced(s: &str) -> (&str, &str) {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return (&s[1..i], &s[i + 1..]);
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces in {s}")
}

/// The value of a printed expression of numbers (and matrices of numbers) in plain
/// notation, or `None` if it is not one (it has names in it).
pub fn compute(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.chars().filter(|c| *c != ' ').collect(),
        i: 0,
    };
    let v = p.sum()?;
    (p.i == p.s.len()).then_some(v)
}

struct Parser {
    s: Vec<char>,
    i: usize,
}

fn scalar(x: f64) -> Value {
    vec![vec![x]]
}

fn as_scalar(v: &Value) -> Option<f64> {
    (v.len() == 1 && v[0].len() == 1).then(|| v[0][0])
}

fn map(v: Value, f: impl Fn(f64) -> f64) -> Value {
    v.into_iter()
        .map(|r| r.into_iter().map(&f).collect())
        .collect()
}

fn zip(a: Value, b: Value, f: impl Fn(f64, f64) -> f64) -> Option<Value> {
    if a.len() != b.len() || a.iter().zip(&b).any(|(x, y)| x.len() != y.len()) {
        return None;
    }
    Some(
        a.into_iter()
            .zip(b)
            .map(|(x, y)| x.into_iter().zip(y).map(|(p, q)| f(p, q)).collect())
            .collect(),
    )
}

/// Matrix product; a 1×1 factor scales.
fn times(a: Value, b: Value) -> Option<Value> {
    if let Some(k) = as_scalar(&a) {
        return Some(map(b, |x| k * x));
    }
    if let Some(k) = as_scalar(&b) {
        return Some(map(a, |x| x * k));
    }
    let n = b.len();
    if a.iter().any(|r| r.len() != n) {
        return None;
    }
    let cols = b[0].len();
    Some(
        a.iter()
            .map(|r| {
                (0..cols)
                    .map(|c| (0..n).map(|k| r[k] * b[k][c]).sum())
                    .collect()
            })
            .collect(),
    )
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        if self.s[self.i..].starts_with(&w) {
            self.i += w.len();
            true
        } else {
            false
        }
    }

    fn sum(&mut self) -> Option<Value> {
        let mut v = self.product()?;
        loop {
            if self.eat("+") {
                v = zip(v, self.product()?, |a, b| a + b)?;
            } else if self.eat("−") || self.eat("-") {
                v = zip(v, self.product()?, |a, b| a - b)?;
            } else {
                return Some(v);
            }
        }
    }

    fn product(&mut self) -> Option<Value> {
        let mut v = self.unary()?;
        loop {
            if self.eat("·") {
                v = times(v, self.unary()?)?;
            } else if self.eat("⊙") {
                v = zip(v, self.unary()?, |a, b| a * b)?;
            } else if self.eat("/") {
                let d = as_scalar(&self.unary()?)?;
                v = map(v, |x| x / d);
            } else {
                return Some(v);
            }
        }
    }

    fn unary(&mut self) -> Option<Value> {
        if self.eat("−") || self.eat("-") {
            return Some(map(self.unary()?, |x| -x));
        }
        let mut v = self.primary()?;
        loop {
            if self.eat("²") {
                let x = as_scalar(&v)?;
                v = scalar(x * x);
            } else if self.eat("ᵀ") {
                let cols = v[0].len();
                v = (0..cols)
                    .map(|c| v.iter().map(|r| r[c]).collect())
                    .collect();
            } else {
                return Some(v);
            }
        }
    }

    fn group(&mut self) -> Option<Value> {
        if !self.eat("(") {
            return None;
        }
        let v = self.sum()?;
        self.eat(")").then_some(v)
    }

    fn function(&mut self, f: fn(f64) -> f64) -> Option<Value> {
        let x = as_scalar(&self.group()?)?;
        Some(scalar(f(x)))
    }

    fn primary(&mut self) -> Option<Value> {
        if self.peek() == Some('(') {
            return self.group();
        }
        if self.eat("σ") {
            return self.function(|z| 1.0 / (1.0 + (-z).exp()));
        }
        if self.eat("tanh") {
            return self.function(f64::tanh);
        }
        if self.eat("ln") {
            return self.function(f64::ln);
        }
        if self.eat("max(0,") {
            let v = as_scalar(&self.sum()?)?;
            return self.eat(")").then_some(scalar(v.max(0.0)));
        }
        if self.eat("[") {
            let first = self.sum()?;
            if self.eat(">0]") {
                let v = as_scalar(&first)?;
                return Some(scalar(if v > 0.0 { 1.0 } else { 0.0 }));
            }
            // A matrix: `[a, b; c, d]`, entries numbers.
            let mut rows = vec![vec![as_scalar(&first)?]];
            loop {
                if self.eat(",") {
                    let x = as_scalar(&self.sum()?)?;
                    rows.last_mut().unwrap().push(x);
                } else if self.eat(";") {
                    let x = as_scalar(&self.sum()?)?;
                    rows.push(vec![x]);
                } else if self.eat("]") {
                    return Some(rows);
                } else {
                    return None;
                }
            }
        }
        self.number().map(scalar)
    }

    fn number(&mut self) -> Option<f64> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        if self.peek() == Some('e') {
            self.i += 1;
            if self.peek() == Some('-') {
                self.i += 1;
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        self.s[start..self.i]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }
}

/// Significant digits of a printed number (`0.00248131` → 6, `5` → 1, `-1.5e-6` → 2).
pub fn printed_digits(text: &str) -> usize {
    let mantissa = text
        .split('e')
        .next()
        .unwrap()
        .trim_start_matches(['-', '−']);
    mantissa
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect::<String>()
        .trim_start_matches('0')
        .len()
        .max(1)
}

/// Whether `value` rounds to the printed number `printed` at its printed digits.
pub fn rounds_to(value: f64, printed: &str) -> bool {
    let Some(target) = compute(printed).as_ref().and_then(as_scalar) else {
        return false;
    };
    let d = printed_digits(printed);
    let round = |x: f64| format!("{:.*e}", d - 1, x);
    round(value) == round(target)
}

/// Whether every entry of `value` rounds to the printed entry of `printed` (a number or a
/// printed matrix `[a, b; c, d]`) at that entry's printed digits.
pub fn all_round_to(value: &Value, printed: &str) -> bool {
    let entries: Vec<Vec<&str>> = match printed.strip_prefix('[').and_then(|p| p.strip_suffix(']'))
    {
        Some(inner) => inner.split("; ").map(|r| r.split(", ").collect()).collect(),
        None => vec![vec![printed]],
    };
    value.len() == entries.len()
        && value
            .iter()
            .zip(&entries)
            .all(|(r, e)| r.len() == e.len() && r.iter().zip(e).all(|(v, p)| rounds_to(*v, p)))
}
