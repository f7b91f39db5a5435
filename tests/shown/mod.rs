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

/// LaTeX of the kind the derivation prints, rewritten in the plain notation `run` prints.
pub fn latex_to_plain(tex: &str) -> String {
    let mut s = frac_to_plain(tex);
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

/// The value of a printed expression of numbers in plain notation, or `None` if it is not one
/// (it has names in it).
pub fn compute(text: &str) -> Option<f64> {
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

    fn sum(&mut self) -> Option<f64> {
        let mut v = self.product()?;
        loop {
            if self.eat("+") {
                v += self.product()?;
            } else if self.eat("−") || self.eat("-") {
                v -= self.product()?;
            } else {
                return Some(v);
            }
        }
    }

    fn product(&mut self) -> Option<f64> {
        let mut v = self.unary()?;
        loop {
            if self.eat("·") {
                v *= self.unary()?;
            } else if self.eat("/") {
                v /= self.unary()?;
            } else {
                return Some(v);
            }
        }
    }

    fn unary(&mut self) -> Option<f64> {
        if self.eat("−") || self.eat("-") {
            return Some(-self.unary()?);
        }
        let mut v = self.primary()?;
        while self.eat("²") {
            v *= v;
        }
        Some(v)
    }

    fn group(&mut self) -> Option<f64> {
        if !self.eat("(") {
            return None;
        }
        let v = self.sum()?;
        self.eat(")").then_some(v)
    }

    fn primary(&mut self) -> Option<f64> {
        if self.peek() == Some('(') {
            return self.group();
        }
        if self.eat("σ") {
            return self.group().map(|z| 1.0 / (1.0 + (-z).exp()));
        }
        if self.eat("tanh") {
            return self.group().map(f64::tanh);
        }
        if self.eat("ln") {
            return self.group().map(f64::ln);
        }
        if self.eat("max(0,") {
            let v = self.sum()?;
            return self.eat(")").then_some(v.max(0.0));
        }
        if self.eat("[") {
            let v = self.sum()?;
            return (self.eat(">0]")).then_some(if v > 0.0 { 1.0 } else { 0.0 });
        }
        self.number()
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
    let Some(target) = compute(printed) else {
        return false;
    };
    let d = printed_digits(printed);
    let round = |x: f64| format!("{:.*e}", d - 1, x);
    round(value) == round(target)
}
