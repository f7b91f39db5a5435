//! Plain text with Unicode operators: `w(1,4)·f1 + b4`, `0.997519·(1 − 0.997519)`.
//! Canonical values are shown by their canonical names, as `run`'s table and CSV files write
//! them.

use super::{ATOM, Expr, Func, PRODUCT, SUM, Sup, Symbol, join_sum};

impl Expr {
    /// Plain text with Unicode operators: `w(1,4)·f1 + b4`.
    pub fn plain(&self) -> String {
        let wrap = |e: &Expr, min: u8| {
            let s = e.plain();
            if e.precedence() < min {
                format!("({s})")
            } else {
                s
            }
        };
        let list =
            |xs: &[Expr], sep: &str| xs.iter().map(Expr::plain).collect::<Vec<_>>().join(sep);
        match self {
            Expr::Var(n) => n.clone(),
            Expr::Num(x) => crate::format::significant(*x, 15),
            Expr::Shown(n) => n.text(),
            Expr::Sym(s) => symbol(s),
            Expr::Add(xs) => {
                let mut out = String::new();
                let terms = xs.iter().map(|x| wrap(x, SUM));
                join_sum(&mut out, terms, " + ", " − ", &["−", "-"])
                    .expect("writing to a String does not fail");
                out
            }
            // A leading constant fraction reads left to right, as written by hand:
            // `1/2·(L[1] + L[2])`.
            Expr::Mul(xs) => xs
                .iter()
                .enumerate()
                .map(|(i, x)| match constant_fraction(x) {
                    Some(text) if i == 0 => text,
                    _ => wrap(x, PRODUCT + 1),
                })
                .collect::<Vec<_>>()
                .join("·"),
            Expr::Sub(a, b) => format!("{} − {}", wrap(a, SUM), wrap(b, PRODUCT)),
            Expr::Neg(a) => format!("−{}", wrap(a, ATOM)),
            Expr::Square(a) => format!("{}²", wrap(a, ATOM)),
            Expr::Pow(a, c) => format!("{}^{}", wrap(a, ATOM), crate::format::significant(*c, 15)),
            Expr::Max(a, b) => format!("max({}, {})", a.plain(), b.plain()),
            Expr::Frac(a, b) => constant_fraction(self)
                .unwrap_or_else(|| format!("{} / {}", wrap(a, PRODUCT + 1), wrap(b, PRODUCT + 1))),
            Expr::Exp(a) => format!("e^({})", a.plain()),
            Expr::Call(f, a) => {
                let inner = a.plain();
                match f {
                    Func::Sigmoid => format!("σ({inner})"),
                    Func::Tanh => format!("tanh({inner})"),
                    Func::Relu => format!("max(0, {inner})"),
                    Func::Step => format!("[{inner} > 0]"),
                    Func::Ln => format!("ln({inner})"),
                    Func::Exp => format!("exp({inner})"),
                }
            }
            Expr::Apply(f, a) => format!("{}({})", symbol(f), a.plain()),
            Expr::Partial(a, b) => format!("∂{}/∂{}", wrap(a, ATOM), wrap(b, ATOM)),
            Expr::Sum(i, a) => format!("Σ_{} {}", symbol(i), wrap(a, PRODUCT)),
            Expr::Hadamard(a, b) => format!("{} ⊙ {}", wrap(a, PRODUCT), wrap(b, PRODUCT + 1)),
            Expr::Transpose(a) => format!("{}ᵀ", wrap(a, ATOM)),
            Expr::Matrix(rows) => format!(
                "[{}]",
                rows.iter()
                    .map(|r| list(r, ", "))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Expr::Tuple(xs) => format!("({})", list(xs, ", ")),
            Expr::Eq(xs) => list(xs, " = "),
        }
    }
}

/// `1/2`: a fraction of whole numbers (a constant factor such as the mean's `1/n`), written
/// without spaces as people write it; `None` for any other expression.
fn constant_fraction(e: &Expr) -> Option<String> {
    let whole = |e: &Expr| match e {
        Expr::Num(x) if *x >= 0.0 && x.fract() == 0.0 => Some(e.plain()),
        _ => None,
    };
    match e {
        Expr::Frac(a, b) => Some(format!("{}/{}", whole(a)?, whole(b)?)),
        _ => None,
    }
}

/// `x_i`, `w_i,j`, `f'_4`, `ŷ_k`, `w⁺`, `W^(2)`.
fn symbol(s: &Symbol) -> String {
    let mut out = s.base.clone();
    if s.hat {
        out.push('\u{302}');
    }
    if s.prime {
        out.push('′');
    }
    match &s.sup {
        Some(Sup::Plus) => out.push('⁺'),
        Some(Sup::Layer(l)) => out.push_str(&format!("^({})", l.plain())),
        Some(Sup::Power(p)) => out.push_str(&format!("^{}", p.plain())),
        Some(Sup::Example(e)) => out.push_str(&format!("^[{}]", e.plain())),
        None => {}
    }
    if !s.sub.is_empty() {
        let sub: Vec<String> = s.sub.iter().map(Expr::plain).collect();
        out.push('_');
        out.push_str(&sub.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::math::*;

    #[test]
    fn notation() {
        let delta = eq([
            indexed("δ", [sym("j")]),
            partial(sym("L"), indexed("z", [sym("j")])),
        ]);
        assert_eq!(delta.plain(), "δ_j = ∂L/∂z_j");
        assert_eq!(
            Expr::Sum(Symbol::new("k"), Box::new(var("a"))).plain(),
            "Σ_k a"
        );
    }

    #[test]
    fn a_constant_fraction_reads_as_written_by_hand() {
        let half = || Expr::Frac(Box::new(num(1.0)), Box::new(num(2.0)));
        let sum = Expr::Add(vec![var("L[1]"), var("L[2]")]);
        let mean = mul([half(), sum]);
        assert_eq!(mean.plain(), "1/2·(L[1] + L[2])");
        // LaTeX keeps its fraction.
        assert!(mean.latex().starts_with("\\frac{1}{2} \\cdot "));
        assert_eq!(half().plain(), "1/2");
        // Anywhere but first in a product, it keeps its parentheses.
        assert_eq!(mul([var("a"), half()]).plain(), "a·(1/2)");
        let over = Expr::Frac(Box::new(var("a")), Box::new(half()));
        assert_eq!(over.plain(), "a / (1/2)");
        assert_eq!(Expr::Square(Box::new(half())).plain(), "(1/2)²");
        // Not a fraction of whole numbers: spaced as before.
        let x_over_2 = Expr::Frac(Box::new(var("x")), Box::new(num(2.0)));
        assert_eq!(mul([x_over_2, var("y")]).plain(), "(x / 2)·y");
        let tenth = Expr::Frac(Box::new(num(0.5)), Box::new(num(5.0)));
        assert_eq!(tenth.plain(), "0.5 / 5");
    }
}
