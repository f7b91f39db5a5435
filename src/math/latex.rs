//! LaTeX for `$…$` math in Markdown (GitHub, KaTeX, MathJax): `w_{1,4} \cdot f_{1} + b_{4}`.

use super::{
    ATOM, Expr, Func, Number, PRODUCT, SUM, Sup, Symbol, join_sum, typeset, typeset_precedence,
};

impl Expr {
    /// LaTeX for `$…$` math: `w_{1,4} \cdot f_{1} + b_{4}`.
    pub fn latex(&self) -> String {
        let wrap = |e: &Expr, min: u8| {
            let s = e.latex();
            if typeset_precedence(e) < min {
                format!("\\left({s}\\right)")
            } else {
                s
            }
        };
        let list =
            |xs: &[Expr], sep: &str| xs.iter().map(Expr::latex).collect::<Vec<_>>().join(sep);
        match self {
            Expr::Var(n) => typeset(n).latex(),
            Expr::Num(x) => number(&Number::new(*x, 15)),
            Expr::Shown(n) => number(n),
            Expr::Sym(s) => symbol(s),
            Expr::Add(xs) => join_sum(xs.iter().map(|x| wrap(x, SUM)), " + ", " - ", &["-"]),
            Expr::Mul(xs) => xs
                .iter()
                .map(|x| wrap(x, PRODUCT + 1))
                .collect::<Vec<_>>()
                .join(" \\cdot "),
            Expr::Sub(a, b) => format!("{} - {}", wrap(a, SUM), wrap(b, PRODUCT)),
            Expr::Neg(a) => format!("-{}", wrap(a, ATOM)),
            Expr::Square(a) => format!("{}^{{2}}", wrap(a, ATOM)),
            Expr::Pow(a, c) => format!("{}^{{{}}}", wrap(a, ATOM), number(&Number::new(*c, 15))),
            Expr::Max(a, b) => format!("\\max\\left({}, {}\\right)", a.latex(), b.latex()),
            Expr::Frac(a, b) => format!("\\frac{{{}}}{{{}}}", a.latex(), b.latex()),
            Expr::Exp(a) => format!("e^{{{}}}", a.latex()),
            Expr::Call(f, a) => {
                let inner = a.latex();
                match f {
                    Func::Sigmoid => format!("\\sigma\\left({inner}\\right)"),
                    Func::Tanh => format!("\\tanh\\left({inner}\\right)"),
                    Func::Relu => format!("\\max\\left(0, {inner}\\right)"),
                    Func::Step => format!("\\left[{inner} > 0\\right]"),
                    Func::Ln => format!("\\ln\\left({inner}\\right)"),
                    Func::Exp => format!("e^{{{inner}}}"),
                }
            }
            // `f(z_j)`: a symbol needs no stretching parentheses.
            Expr::Apply(f, a) => match **a {
                Expr::Sym(_) | Expr::Var(_) => format!("{}({})", symbol(f), a.latex()),
                _ => format!("{}\\left({}\\right)", symbol(f), a.latex()),
            },
            Expr::Partial(a, b) => format!(
                "\\frac{{\\partial {}}}{{\\partial {}}}",
                wrap(a, ATOM),
                wrap(b, ATOM)
            ),
            Expr::Sum(i, a) => format!("\\sum_{{{}}} {}", symbol(i), wrap(a, PRODUCT)),
            Expr::Hadamard(a, b) => {
                format!("{} \\odot {}", wrap(a, PRODUCT), wrap(b, PRODUCT + 1))
            }
            // `{W^{(l)}}^T`: braces keep two superscripts apart.
            Expr::Transpose(a) => format!("{{{}}}^{{\\mathsf T}}", wrap(a, ATOM)),
            Expr::Matrix(rows) => format!(
                "\\begin{{pmatrix}} {} \\end{{pmatrix}}",
                rows.iter()
                    .map(|r| list(r, " & "))
                    .collect::<Vec<_>>()
                    .join(" \\\\ ")
            ),
            Expr::Tuple(xs) => format!("\\left({}\\right)", list(xs, ", ")),
            Expr::Eq(xs) => list(xs, " = "),
        }
    }
}

/// `0.5`, `-6.14163 \times 10^{-6}`.
fn number(n: &Number) -> String {
    match n.parts() {
        (m, Some(e)) => format!("{m} \\times 10^{{{e}}}"),
        (m, None) => m,
    }
}

/// A symbol: `w_{x_{1},1}`, `\delta_{4}`, `f'_{4}`, `\hat y_{k}`, `b_{4}^{+}`, `W^{(2)}`.
fn symbol(s: &Symbol) -> String {
    let mut base = greek(&s.base);
    if s.base.chars().count() > 1 && base == s.base {
        base = format!("\\mathrm{{{}}}", s.base.replace('_', "\\_"));
    }
    if s.bold {
        // `\mathbf` sets Latin letters only; Greek ones need `\boldsymbol`.
        let command = if base.starts_with('\\') {
            "boldsymbol"
        } else {
            "mathbf"
        };
        base = format!("\\{command}{{{base}}}");
    }
    if s.hat {
        base = format!("\\hat {base}");
    }
    if s.prime {
        base.push('\'');
    }
    if !s.sub.is_empty() {
        let sub: Vec<String> = s.sub.iter().map(Expr::latex).collect();
        base = format!("{base}_{{{}}}", sub.join(","));
    }
    // A prime is a superscript already: `f'_{6}^{[2]}` would be a double superscript (TeX
    // merges `'^` only when nothing comes between).
    if s.prime && s.sup.is_some() && !s.sub.is_empty() {
        base = format!("{{{base}}}");
    }
    match &s.sup {
        Some(Sup::Plus) => format!("{base}^{{+}}"),
        Some(Sup::Layer(l)) => format!("{base}^{{({})}}", l.latex()),
        Some(Sup::Power(p)) => format!("{base}^{{{}}}", p.latex()),
        Some(Sup::Example(e)) => format!("{base}^{{[{}]}}", e.latex()),
        None => base,
    }
}

/// The LaTeX command of a Greek letter, or the text as it is.
fn greek(s: &str) -> String {
    let name = match s {
        "α" => "alpha",
        "δ" => "delta",
        "λ" => "lambda",
        "σ" => "sigma",
        "η" => "eta",
        _ => return s.to_string(),
    };
    format!("\\{name}")
}
