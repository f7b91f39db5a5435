//! A small expression tree for showing formulas: `z4 = w(1,4)·f1 + w(2,4)·f2 + … + b4`.
//!
//! Formulas are for people. They are rendered with canonical names, or with the numbers
//! substituted, as plain text or as LaTeX. The numbers themselves always come from the graph;
//! a test evaluates every formula with the graph's values and checks it gives the graph's
//! result, so what a student reads is what the engine computed.

use crate::format;

/// A function applied in a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `σ(x)`
    Sigmoid,
    /// `tanh(x)`
    Tanh,
    /// `max(0, x)`
    Relu,
    /// `1 if x > 0 else 0`
    Step,
    /// `ln(x)`
    Ln,
    /// `e^x`
    Exp,
}

/// An expression over canonical names and numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A canonical value, by name (`z4`, `w(1,4)`, `delta6`).
    Var(String),
    /// A literal number.
    Num(f64),
    /// `a + b + …`
    Add(Vec<Expr>),
    /// `a · b · …`
    Mul(Vec<Expr>),
    /// `a − b`
    Sub(Box<Expr>, Box<Expr>),
    /// `−a`
    Neg(Box<Expr>),
    /// `a²`
    Square(Box<Expr>),
    /// `a^c` for a constant `c`.
    Pow(Box<Expr>, f64),
    /// `max(a, b)`
    Max(Box<Expr>, Box<Expr>),
    /// `a / b`
    Frac(Box<Expr>, Box<Expr>),
    /// `f(a)`
    Call(Func, Box<Expr>),
}

/// Shorthand for [`Expr::Var`].
pub fn var(name: impl Into<String>) -> Expr {
    Expr::Var(name.into())
}

/// Shorthand for [`Expr::Num`].
pub fn num(x: f64) -> Expr {
    Expr::Num(x)
}

/// Shorthand for [`Expr::Sub`].
pub fn sub(a: Expr, b: Expr) -> Expr {
    Expr::Sub(Box::new(a), Box::new(b))
}

/// How to show the leaves of an expression.
pub enum Leaves<'a> {
    /// By canonical name.
    Names,
    /// By value, with this many significant digits, looked up by name.
    Values(&'a dyn Fn(&str) -> Option<f64>, usize),
}

// Binding strength, for deciding where parentheses go.
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const UNARY: u8 = 3;
const ATOM: u8 = 4;

impl Expr {
    fn precedence(&self, leaves: &Leaves) -> u8 {
        match self {
            Expr::Add(_) | Expr::Sub(..) => SUM,
            Expr::Mul(_) | Expr::Frac(..) => PRODUCT,
            Expr::Neg(_) => UNARY,
            // A negative number binds like a difference: `2·(−3)`, `a − 3` for `a + (−3)`.
            Expr::Num(x) if *x < 0.0 => SUM,
            Expr::Var(n) => match leaves {
                Leaves::Values(lookup, _) if lookup(n).is_some() => {
                    if lookup(n).is_some_and(|v| v < 0.0) {
                        SUM
                    } else {
                        ATOM
                    }
                }
                // An expression's value named by its own text (`1+exp(-s)`) binds as that
                // text does.
                _ => match crate::expression::label_operator(n) {
                    Some('+' | '-') => SUM,
                    Some('*' | '/') => PRODUCT,
                    Some('~') => UNARY,
                    _ => ATOM,
                },
            },
            _ => ATOM,
        }
    }

    /// Evaluate with `lookup` giving each name's value. Used by tests to prove a shown formula
    /// gives the shown result; `None` if a name is unknown.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        Some(match self {
            Expr::Var(n) => lookup(n)?,
            Expr::Num(x) => *x,
            Expr::Add(xs) => xs.iter().map(|x| x.eval(lookup)).sum::<Option<f64>>()?,
            Expr::Mul(xs) => xs.iter().map(|x| x.eval(lookup)).product::<Option<f64>>()?,
            Expr::Sub(a, b) => a.eval(lookup)? - b.eval(lookup)?,
            Expr::Neg(a) => -a.eval(lookup)?,
            Expr::Square(a) => a.eval(lookup)?.powi(2),
            Expr::Pow(a, c) => a.eval(lookup)?.powf(*c),
            Expr::Max(a, b) => a.eval(lookup)?.max(b.eval(lookup)?),
            Expr::Frac(a, b) => a.eval(lookup)? / b.eval(lookup)?,
            Expr::Call(f, a) => {
                let x = a.eval(lookup)?;
                match f {
                    Func::Sigmoid => crate::ops::sigmoid(x),
                    Func::Tanh => x.tanh(),
                    Func::Relu => x.max(0.0),
                    Func::Step => f64::from(u8::from(x > 0.0)),
                    Func::Ln => x.ln(),
                    Func::Exp => x.exp(),
                }
            }
        })
    }

    /// Plain text with Unicode operators: `w(1,4)·f1 + b4`.
    pub fn plain(&self, leaves: &Leaves) -> String {
        let wrap = |e: &Expr, min: u8| {
            let s = e.plain(leaves);
            if e.precedence(leaves) < min {
                format!("({s})")
            } else {
                s
            }
        };
        match self {
            Expr::Var(n) => match leaves {
                Leaves::Names => n.clone(),
                Leaves::Values(lookup, d) => {
                    lookup(n).map_or(n.clone(), |v| format::significant(v, *d))
                }
            },
            Expr::Num(x) => format::significant(*x, 15),
            Expr::Add(xs) => join_sum(xs.iter().map(|x| wrap(x, SUM))),
            Expr::Mul(xs) => xs
                .iter()
                .map(|x| wrap(x, PRODUCT + 1))
                .collect::<Vec<_>>()
                .join("·"),
            Expr::Sub(a, b) => format!("{} − {}", wrap(a, SUM), wrap(b, PRODUCT)),
            Expr::Neg(a) => format!("−{}", wrap(a, ATOM)),
            Expr::Square(a) => format!("{}²", wrap(a, ATOM)),
            Expr::Pow(a, c) => format!("{}^{}", wrap(a, ATOM), format::significant(*c, 15)),
            Expr::Max(a, b) => format!("max({}, {})", a.plain(leaves), b.plain(leaves)),
            Expr::Frac(a, b) => format!("{} / {}", wrap(a, PRODUCT + 1), wrap(b, PRODUCT + 1)),
            Expr::Call(f, a) => {
                let inner = a.plain(leaves);
                match f {
                    Func::Sigmoid => format!("σ({inner})"),
                    Func::Tanh => format!("tanh({inner})"),
                    Func::Relu => format!("max(0, {inner})"),
                    Func::Step => format!("[{inner} > 0]"),
                    Func::Ln => format!("ln({inner})"),
                    Func::Exp => format!("exp({inner})"),
                }
            }
        }
    }

    /// LaTeX for GitHub's `$…$` math: `w_{1,4} f_{1} + b_{4}`.
    pub fn latex(&self, leaves: &Leaves) -> String {
        let wrap = |e: &Expr, min: u8| {
            let s = e.latex(leaves);
            if e.precedence(leaves) < min {
                format!("\\left({s}\\right)")
            } else {
                s
            }
        };
        match self {
            Expr::Var(n) => match leaves {
                Leaves::Names => latex_name(n),
                Leaves::Values(lookup, d) => {
                    lookup(n).map_or_else(|| latex_name(n), |v| latex_number(v, *d))
                }
            },
            Expr::Num(x) => latex_number(*x, 15),
            Expr::Add(xs) => join_sum(xs.iter().map(|x| wrap(x, SUM))),
            Expr::Mul(xs) => xs
                .iter()
                .map(|x| wrap(x, PRODUCT + 1))
                .collect::<Vec<_>>()
                .join(" \\cdot "),
            Expr::Sub(a, b) => format!("{} - {}", wrap(a, SUM), wrap(b, PRODUCT)),
            Expr::Neg(a) => format!("-{}", wrap(a, ATOM)),
            Expr::Square(a) => format!("{}^{{2}}", wrap(a, ATOM)),
            Expr::Pow(a, c) => format!("{}^{{{}}}", wrap(a, ATOM), latex_number(*c, 15)),
            Expr::Max(a, b) => format!(
                "\\max\\left({}, {}\\right)",
                a.latex(leaves),
                b.latex(leaves)
            ),
            Expr::Frac(a, b) => format!("\\frac{{{}}}{{{}}}", a.latex(leaves), b.latex(leaves)),
            Expr::Call(f, a) => {
                let inner = a.latex(leaves);
                match f {
                    Func::Sigmoid => format!("\\sigma\\left({inner}\\right)"),
                    Func::Tanh => format!("\\tanh\\left({inner}\\right)"),
                    Func::Relu => format!("\\max\\left(0, {inner}\\right)"),
                    Func::Step => format!("[{inner} > 0]"),
                    Func::Ln => format!("\\ln\\left({inner}\\right)"),
                    Func::Exp => format!("e^{{{inner}}}"),
                }
            }
        }
    }
}

/// Join terms with ` + `, writing `a + −b` as `a − b`.
fn join_sum(terms: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, t) in terms.enumerate() {
        if i == 0 {
            out.push_str(&t);
        } else if let Some(rest) = t.strip_prefix('−').or_else(|| t.strip_prefix('-')) {
            out.push_str(" − ");
            out.push_str(rest);
        } else {
            out.push_str(" + ");
            out.push_str(&t);
        }
    }
    out
}

fn latex_number(x: f64, digits: usize) -> String {
    let s = format::significant(x, digits);
    match s.split_once('e') {
        Some((m, e)) => format!("{m} \\times 10^{{{e}}}"),
        None => s,
    }
}

/// A canonical name in LaTeX: `z4` → `z_{4}`, `w(x1,1)` → `w_{x_{1},1}`, `delta4` → `\delta_{4}`,
/// `df4` → `f'_{4}`, `dL/dw(1,4)` → `\frac{\partial L}{\partial w_{1,4}}`, `new_b4` → `b_{4}^{+}`.
pub fn latex_name(name: &str) -> String {
    if let Some(p) = name.strip_prefix("dL/d") {
        return format!("\\frac{{\\partial L}}{{\\partial {}}}", latex_name(p));
    }
    if let Some(p) = name.strip_prefix("new_") {
        return format!("{}^{{+}}", latex_name(p));
    }
    if let Some(inner) = name.strip_prefix("w(").and_then(|r| r.strip_suffix(')')) {
        let parts: Vec<String> = inner
            .split(',')
            .map(|p| match p.strip_prefix('x') {
                Some(i) => format!("x_{{{i}}}"),
                None => p.to_string(),
            })
            .collect();
        return format!("w_{{{}}}", parts.join(","));
    }
    if name == "L" {
        return "L".into();
    }
    // An expression's gradient name, `df/dq` or `df/d(w0*x0)`.
    if let Some((top, bottom)) = name.split_once("/d") {
        if let Some(top) = top.strip_prefix('d').filter(|t| !t.is_empty()) {
            return format!(
                "\\frac{{\\partial {}}}{{\\partial {}}}",
                latex_name(top),
                latex_name(bottom)
            );
        }
    }
    // An expression's unnamed value, labelled by its own text: `w0*x0+w1*x1`.
    if let Some(tex) = crate::expression::label_latex(name) {
        return tex;
    }
    for (prefix, tex) in [
        ("delta", "\\delta"),
        ("df", "f'"),
        ("z", "z"),
        ("f", "f"),
        ("b", "b"),
        ("x", "x"),
        ("y", "y"),
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
                return format!("{tex}_{{{rest}}}");
            }
        }
    }
    // A letter and a number, as people name the inputs of an expression: `w0` → `w_{0}`.
    let mut chars = name.chars();
    if let Some(first) = chars.next().filter(char::is_ascii_alphabetic) {
        let rest = chars.as_str();
        if rest.is_empty() {
            return first.to_string();
        }
        if rest.chars().all(|c| c.is_ascii_digit()) {
            return format!("{first}_{{{rest}}}");
        }
    }
    format!("\\mathrm{{{}}}", name.replace('_', "\\_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_latex() {
        let z = Expr::Add(vec![
            Expr::Mul(vec![var("w(x1,1)"), var("x1")]),
            Expr::Mul(vec![var("w(x2,1)"), var("x2")]),
            var("b1"),
        ]);
        assert_eq!(z.plain(&Leaves::Names), "w(x1,1)·x1 + w(x2,1)·x2 + b1");
        let values = |n: &str| match n {
            "w(x1,1)" => Some(2.0),
            "x1" => Some(1.0),
            "w(x2,1)" => Some(1.0),
            "x2" => Some(2.0),
            "b1" => Some(1.0),
            _ => None,
        };
        assert_eq!(z.plain(&Leaves::Values(&values, 4)), "2·1 + 1·2 + 1");
        assert_eq!(z.eval(&values), Some(5.0));
        assert_eq!(latex_name("w(x1,1)"), "w_{x_{1},1}");
        assert_eq!(latex_name("delta4"), "\\delta_{4}");
        assert_eq!(latex_name("dL/db4"), "\\frac{\\partial L}{\\partial b_{4}}");
    }

    #[test]
    fn negative_values_get_parentheses() {
        let e = Expr::Mul(vec![var("df4"), var("delta6")]);
        let values = |n: &str| if n == "df4" { Some(0.5) } else { Some(-2.0) };
        assert_eq!(
            e.plain(&Leaves::Values(&values, 3)),
            "0.5·(−2)".replace('−', "-")
        );
    }
}
