//! Plain text with Unicode operators: `w(1,4)·f1 + b4`, `0.997519·(1 − 0.997519)`.
//! Canonical values are shown by their canonical names, as `run`'s table and CSV files write
//! them.

use super::{ATOM, Expr, Func, PRODUCT, SUM, Sup, Symbol, signed_terms};

impl Expr {
    /// Plain text with Unicode operators: `w(1,4)·f1 + b4`.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        self.write_plain(&mut out);
        out
    }

    /// Append the plain text of the expression to `out`.
    fn write_plain(&self, out: &mut String) {
        match self {
            Expr::Var(n) => out.push_str(n),
            Expr::Num(x) => out.push_str(&crate::format::significant(*x, 15)),
            Expr::Shown(n) => out.push_str(&n.text()),
            Expr::Sym(s) => symbol(s, out),
            // Each term after the first is laid out before its sign is known.
            Expr::Add(xs) => {
                if let Some((first, rest)) = xs.split_first() {
                    wrap(first, SUM, out);
                    let rest = rest.iter().map(|x| wrapped(x, SUM));
                    signed_terms(out, rest, " + ", " − ", &["−", "-"])
                        .expect("writing to a String does not fail");
                }
            }
            // A leading constant fraction reads left to right, as written by hand:
            // `1/2·(L[1] + L[2])`.
            Expr::Mul(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        out.push('·');
                    }
                    match constant_fraction(x) {
                        Some(text) if i == 0 => out.push_str(&text),
                        _ => wrap(x, PRODUCT + 1, out),
                    }
                }
            }
            Expr::Sub(a, b) => {
                wrap(a, SUM, out);
                out.push_str(" − ");
                wrap(b, PRODUCT, out);
            }
            Expr::Neg(a) => {
                out.push('−');
                wrap(a, ATOM, out);
            }
            Expr::Square(a) => {
                wrap(a, ATOM, out);
                out.push('²');
            }
            Expr::Pow(a, c) => {
                wrap(a, ATOM, out);
                out.push('^');
                out.push_str(&crate::format::significant(*c, 15));
            }
            Expr::Max(a, b) => {
                out.push_str("max(");
                a.write_plain(out);
                out.push_str(", ");
                b.write_plain(out);
                out.push(')');
            }
            Expr::Frac(a, b) => match constant_fraction(self) {
                Some(text) => out.push_str(&text),
                None => {
                    wrap(a, PRODUCT + 1, out);
                    out.push_str(" / ");
                    wrap(b, PRODUCT + 1, out);
                }
            },
            Expr::Exp(a) => {
                out.push_str("e^(");
                a.write_plain(out);
                out.push(')');
            }
            Expr::Call(Func::Step, a) => {
                out.push('[');
                a.write_plain(out);
                out.push_str(" > 0]");
            }
            Expr::Call(f, a) => {
                out.push_str(match f {
                    Func::Sigmoid => "σ(",
                    Func::Tanh => "tanh(",
                    Func::Relu => "max(0, ",
                    Func::Ln => "ln(",
                    Func::Exp => "exp(",
                    Func::Step => unreachable!("written above"),
                });
                a.write_plain(out);
                out.push(')');
            }
            Expr::Apply(f, a) => {
                symbol(f, out);
                out.push('(');
                a.write_plain(out);
                out.push(')');
            }
            Expr::Partial(a, b) => {
                out.push('∂');
                wrap(a, ATOM, out);
                out.push_str("/∂");
                wrap(b, ATOM, out);
            }
            Expr::Sum(i, a) => {
                out.push_str("Σ_");
                symbol(i, out);
                out.push(' ');
                wrap(a, PRODUCT, out);
            }
            Expr::Hadamard(a, b) => {
                wrap(a, PRODUCT, out);
                out.push_str(" ⊙ ");
                wrap(b, PRODUCT + 1, out);
            }
            Expr::Transpose(a) => {
                wrap(a, ATOM, out);
                out.push('ᵀ');
            }
            Expr::Matrix(rows) => {
                out.push('[');
                for (i, r) in rows.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    list(r, ", ", out);
                }
                out.push(']');
            }
            Expr::Tuple(xs) => {
                out.push('(');
                list(xs, ", ", out);
                out.push(')');
            }
            Expr::Eq(xs) => list(xs, " = ", out),
        }
    }
}

/// `e`, in parentheses when it binds less tightly than `min`.
fn wrap(e: &Expr, min: u8, out: &mut String) {
    if e.precedence() < min {
        out.push('(');
        e.write_plain(out);
        out.push(')');
    } else {
        e.write_plain(out);
    }
}

/// [`wrap`] into a string of its own.
fn wrapped(e: &Expr, min: u8) -> String {
    let mut out = String::new();
    wrap(e, min, &mut out);
    out
}

/// `xs`, `sep` between them.
fn list(xs: &[Expr], sep: &str, out: &mut String) {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        x.write_plain(out);
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
fn symbol(s: &Symbol, out: &mut String) {
    out.push_str(&s.base);
    if s.hat {
        out.push('\u{302}');
    }
    if s.prime {
        out.push('′');
    }
    match &s.sup {
        Some(Sup::Plus) => out.push('⁺'),
        Some(Sup::Layer(l)) => {
            out.push_str("^(");
            l.write_plain(out);
            out.push(')');
        }
        Some(Sup::Power(p)) => {
            out.push('^');
            p.write_plain(out);
        }
        Some(Sup::Example(e)) => {
            out.push_str("^[");
            e.write_plain(out);
            out.push(']');
        }
        None => {}
    }
    if !s.sub.is_empty() {
        out.push('_');
        list(&s.sub, ",", out);
    }
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
