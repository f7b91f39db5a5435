//! LaTeX for `$…$` math in Markdown (GitHub, KaTeX, MathJax): `w_{1,4} \cdot f_{1} + b_{4}`.
//!
//! Written piece by piece into a [`fmt::Write`], so that [`Expr::latex_is`] can compare an
//! expression's LaTeX with a text and stop at the first character that differs: a derivation
//! decides what to leave out of a line (a formula that reads as its own name or result) by
//! comparing the parts as typeset, and most comparisons fail on the first letter.

use std::borrow::Cow;
use std::fmt::{self, Write};

use super::{
    ATOM, Expr, Func, Number, PRODUCT, SUM, Sup, Symbol, signed_terms, typeset, typeset_precedence,
};

impl Expr {
    /// LaTeX for `$…$` math: `w_{1,4} \cdot f_{1} + b_{4}`.
    pub fn latex(&self) -> String {
        let mut out = String::new();
        self.write_latex(&mut out)
            .expect("writing to a String does not fail");
        out
    }

    /// Whether the expression's LaTeX is `text`, written only as far as the first difference.
    pub fn latex_is(&self, text: &str) -> bool {
        let mut rest = Rest(text);
        self.write_latex(&mut rest).is_ok() && rest.0.is_empty()
    }

    /// Write the LaTeX of the expression to `out`.
    fn write_latex(&self, out: &mut impl Write) -> fmt::Result {
        match self {
            Expr::Var(n) => typeset(n).write_latex(out),
            Expr::Num(x) => number(&Number::new(*x, 15), out),
            Expr::Shown(n) => number(n, out),
            Expr::Sym(s) => symbol(s, out),
            // Each term after the first is laid out before its sign is known.
            Expr::Add(xs) => match xs.split_first() {
                Some((first, rest)) => {
                    wrap(first, SUM, out)?;
                    let rest = rest.iter().map(|x| wrapped(x, SUM));
                    signed_terms(out, rest, " + ", " - ", &["-"])
                }
                None => Ok(()),
            },
            Expr::Mul(xs) => list(out, xs, " \\cdot ", |x, out| wrap(x, PRODUCT + 1, out)),
            Expr::Sub(a, b) => {
                wrap(a, SUM, out)?;
                out.write_str(" - ")?;
                wrap(b, PRODUCT, out)
            }
            Expr::Neg(a) => {
                out.write_char('-')?;
                wrap(a, ATOM, out)
            }
            Expr::Square(a) => {
                wrap(a, ATOM, out)?;
                out.write_str("^{2}")
            }
            Expr::Pow(a, c) => {
                wrap(a, ATOM, out)?;
                out.write_str("^{")?;
                number(&Number::new(*c, 15), out)?;
                out.write_char('}')
            }
            Expr::Max(a, b) => {
                out.write_str("\\max\\left(")?;
                a.write_latex(out)?;
                out.write_str(", ")?;
                b.write_latex(out)?;
                out.write_str("\\right)")
            }
            Expr::Frac(a, b) => {
                out.write_str("\\frac{")?;
                a.write_latex(out)?;
                out.write_str("}{")?;
                b.write_latex(out)?;
                out.write_char('}')
            }
            Expr::Exp(a) | Expr::Call(Func::Exp, a) => {
                out.write_str("e^{")?;
                a.write_latex(out)?;
                out.write_char('}')
            }
            Expr::Call(Func::Step, a) => {
                out.write_str("\\left[")?;
                a.write_latex(out)?;
                out.write_str(" > 0\\right]")
            }
            Expr::Call(f, a) => {
                out.write_str(match f {
                    Func::Sigmoid => "\\sigma\\left(",
                    Func::Tanh => "\\tanh\\left(",
                    Func::Relu => "\\max\\left(0, ",
                    Func::Ln => "\\ln\\left(",
                    Func::Exp | Func::Step => unreachable!("written above"),
                })?;
                a.write_latex(out)?;
                out.write_str("\\right)")
            }
            // `f(z_j)`: a symbol needs no stretching parentheses.
            Expr::Apply(f, a) => {
                let plain = matches!(**a, Expr::Sym(_) | Expr::Var(_));
                symbol(f, out)?;
                out.write_str(if plain { "(" } else { "\\left(" })?;
                a.write_latex(out)?;
                out.write_str(if plain { ")" } else { "\\right)" })
            }
            Expr::Partial(a, b) => {
                out.write_str("\\frac{\\partial ")?;
                wrap(a, ATOM, out)?;
                out.write_str("}{\\partial ")?;
                wrap(b, ATOM, out)?;
                out.write_char('}')
            }
            Expr::Sum(i, a) => {
                out.write_str("\\sum_{")?;
                symbol(i, out)?;
                out.write_str("} ")?;
                wrap(a, PRODUCT, out)
            }
            Expr::Hadamard(a, b) => {
                wrap(a, PRODUCT, out)?;
                out.write_str(" \\odot ")?;
                wrap(b, PRODUCT + 1, out)
            }
            // `{W^{(l)}}^T`: braces keep two superscripts apart.
            Expr::Transpose(a) => {
                out.write_char('{')?;
                wrap(a, ATOM, out)?;
                out.write_str("}^{\\mathsf T}")
            }
            Expr::Matrix(rows) => {
                out.write_str("\\begin{pmatrix} ")?;
                for (i, r) in rows.iter().enumerate() {
                    if i > 0 {
                        out.write_str(" \\\\ ")?;
                    }
                    list(out, r, " & ", Expr::write_latex)?;
                }
                out.write_str(" \\end{pmatrix}")
            }
            Expr::Tuple(xs) => {
                out.write_str("\\left(")?;
                list(out, xs, ", ", Expr::write_latex)?;
                out.write_str("\\right)")
            }
            Expr::Eq(xs) => list(out, xs, " = ", Expr::write_latex),
        }
    }
}

/// A [`fmt::Write`] that accepts only the text it still expects, consuming it as it goes.
struct Rest<'a>(&'a str);

impl Write for Rest<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
        Ok(())
    }
}

/// `e`, in `\left(…\right)` when it binds less tightly than `min`.
fn wrap(e: &Expr, min: u8, out: &mut impl Write) -> fmt::Result {
    if typeset_precedence(e) < min {
        out.write_str("\\left(")?;
        e.write_latex(out)?;
        out.write_str("\\right)")
    } else {
        e.write_latex(out)
    }
}

/// [`wrap`] into a string of its own.
fn wrapped(e: &Expr, min: u8) -> String {
    let mut out = String::new();
    wrap(e, min, &mut out).expect("writing to a String does not fail");
    out
}

/// `xs` written by `item`, `sep` between them.
fn list<W: Write>(
    out: &mut W,
    xs: &[Expr],
    sep: &str,
    item: impl Fn(&Expr, &mut W) -> fmt::Result,
) -> fmt::Result {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.write_str(sep)?;
        }
        item(x, out)?;
    }
    Ok(())
}

/// `0.5`, `-6.14163 \times 10^{-6}`.
fn number(n: &Number, out: &mut impl Write) -> fmt::Result {
    let text = n.text();
    let (mantissa, power) = Number::split(&text);
    out.write_str(mantissa)?;
    match power {
        Some(e) => {
            out.write_str(" \\times 10^{")?;
            out.write_str(e)?;
            out.write_char('}')
        }
        None => Ok(()),
    }
}

/// A symbol: `w_{x_{1},1}`, `\delta_{4}`, `f'_{4}`, `\hat y_{k}`, `b_{4}^{+}`, `W^{(2)}`.
fn symbol(s: &Symbol, out: &mut impl Write) -> fmt::Result {
    let base: Cow<str> = match greek(&s.base) {
        Some(command) => command.into(),
        None if s.base.chars().count() > 1 => {
            format!("\\mathrm{{{}}}", s.base.replace('_', "\\_")).into()
        }
        None => s.base.as_str().into(),
    };
    // A prime is a superscript already: `f'_{6}^{[2]}` would be a double superscript (TeX
    // merges `'^` only when nothing comes between).
    let braced = s.prime && s.sup.is_some() && !s.sub.is_empty();
    if braced {
        out.write_char('{')?;
    }
    if s.hat {
        out.write_str("\\hat ")?;
    }
    if s.bold {
        // `\mathbf` sets Latin letters only; Greek ones need `\boldsymbol`.
        out.write_str(if base.starts_with('\\') {
            "\\boldsymbol{"
        } else {
            "\\mathbf{"
        })?;
    }
    out.write_str(&base)?;
    if s.bold {
        out.write_char('}')?;
    }
    if s.prime {
        out.write_char('\'')?;
    }
    if !s.sub.is_empty() {
        out.write_str("_{")?;
        list(out, &s.sub, ",", Expr::write_latex)?;
        out.write_char('}')?;
    }
    if braced {
        out.write_char('}')?;
    }
    match &s.sup {
        Some(Sup::Plus) => out.write_str("^{+}"),
        Some(Sup::Layer(l)) => {
            out.write_str("^{(")?;
            l.write_latex(out)?;
            out.write_str(")}")
        }
        Some(Sup::Power(p)) => {
            out.write_str("^{")?;
            p.write_latex(out)?;
            out.write_char('}')
        }
        Some(Sup::Example(e)) => {
            out.write_str("^{[")?;
            e.write_latex(out)?;
            out.write_str("]}")
        }
        None => Ok(()),
    }
}

/// The LaTeX command of a Greek letter (`\alpha` for `α`), if it is one.
fn greek(s: &str) -> Option<&'static str> {
    Some(match s {
        "α" => "\\alpha",
        "δ" => "\\delta",
        "λ" => "\\lambda",
        "σ" => "\\sigma",
        "η" => "\\eta",
        _ => return None,
    })
}
