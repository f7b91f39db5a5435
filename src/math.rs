//! Mathematical notation as a tree: the formulas people read, with names or with numbers.
//!
//! `z4 = w(1,4)·f1 + w(2,4)·f2 + w(3,4)·f3 + b4` is an [`Expr`] over canonical names
//! ([`Expr::Var`]); [`Expr::substitute`] puts the numbers in, each a [`Number`] that knows how
//! many significant digits it is shown with. The same tree is written as plain text
//! ([`Expr::plain`]), LaTeX ([`Expr::latex`]) and MathML ([`Expr::mathml`]), so a formula is
//! written once whatever the output. Notation that is not a value (`x_i`, `w_{i,j}`, `Σ_k`,
//! `∂L/∂z_j`, `Wᵀ`) is part of the tree too, so prose formulas render the same way.
//!
//! The tree describes; the graph computes. [`Expr::eval`] exists so that tests (and the
//! derivation's choice of digits) can check that a shown formula gives the shown result.

mod latex;
pub mod mathml;
mod names;
mod plain;

pub use names::{symbol_of, typeset};

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
    /// `[x > 0]`: 1 if x > 0, else 0.
    Step,
    /// `ln(x)`
    Ln,
    /// `eˣ`
    Exp,
}

/// A number as it is shown: its value and the significant digits it is shown with.
///
/// What a reader computes with is the shown (rounded) number, [`Number::shown_value`], not the
/// exact one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The exact value.
    pub value: f64,
    /// Significant digits shown (trailing zeros are dropped).
    pub digits: usize,
}

impl Number {
    /// `value` shown with `digits` significant digits.
    pub fn new(value: f64, digits: usize) -> Number {
        Number { value, digits }
    }

    /// The decimal text: `0.993307`, `-6.14163e-6`.
    pub fn text(&self) -> String {
        format::significant(self.value, self.digits)
    }

    /// The number a reader sees, as a value: the text read back.
    pub fn shown_value(&self) -> f64 {
        self.text().parse().unwrap_or(self.value)
    }

    /// A number's text split into mantissa and power of ten: `-6.14163e-6` into `-6.14163`
    /// and `-6`.
    pub fn split(text: &str) -> (&str, Option<&str>) {
        match text.split_once('e') {
            Some((m, e)) => (m, Some(e)),
            None => (text, None),
        }
    }
}

/// A superscript on a symbol.
#[derive(Clone, Debug, PartialEq)]
pub enum Sup {
    /// `w⁺`: the value after the update.
    Plus,
    /// `W⁽ˡ⁾`: the layer, in parentheses.
    Layer(Box<Expr>),
    /// `aᶜ`: a power with a symbolic exponent.
    Power(Box<Expr>),
    /// `z₄^[2]`: the example of a batch, in brackets, as in the canonical name `z4[2]`.
    Example(Box<Expr>),
}

/// A symbol of notation: a base letter with optional prime, hat, subscripts and superscript
/// (`x_i`, `w_{i,j}`, `f'_4`, `ŷ_k`, `w⁺_{1,4}`, `W^{(2)}`).
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// The letter(s), in Unicode (`δ`, `w`, `L`); several letters are set upright.
    pub base: String,
    /// Subscripts, separated by commas when shown.
    pub sub: Vec<Expr>,
    /// A superscript.
    pub sup: Option<Sup>,
    /// `f'`: a prime, for a derivative.
    pub prime: bool,
    /// `ŷ`: a hat, for an estimate.
    pub hat: bool,
    /// Bold, for a vector or matrix.
    pub bold: bool,
}

impl Symbol {
    /// A plain symbol: `α`, `L`, `i`.
    pub fn new(base: impl Into<String>) -> Symbol {
        Symbol {
            base: base.into(),
            sub: Vec::new(),
            sup: None,
            prime: false,
            hat: false,
            bold: false,
        }
    }

    /// With these subscripts.
    pub fn indices(mut self, sub: impl IntoIterator<Item = Expr>) -> Symbol {
        self.sub = sub.into_iter().collect();
        self
    }

    /// With a superscript.
    pub fn sup(mut self, sup: Sup) -> Symbol {
        self.sup = Some(sup);
        self
    }

    /// Primed: `f'`.
    pub fn primed(mut self) -> Symbol {
        self.prime = true;
        self
    }

    /// With a hat: `ŷ`.
    pub fn hat(mut self) -> Symbol {
        self.hat = true;
        self
    }

    /// Bold: a vector or matrix.
    pub fn bold(mut self) -> Symbol {
        self.bold = true;
        self
    }
}

/// An expression: a formula over canonical names, numbers and notation.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A canonical value, by name (`z4`, `w(1,4)`, `delta6`); shown as its symbol (`z_4`,
    /// `δ_6`) in typeset math and as its name in plain text.
    Var(String),
    /// An exact constant (`1`, `0.5`, `α = 0.1`): always shown in full.
    Num(f64),
    /// A number as shown, rounded: the substituted values of a formula.
    Shown(Number),
    /// A symbol of notation: `x_i`, `w_{i,j}`, `α`.
    Sym(Symbol),
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
    /// `aᶜ` for a constant `c`.
    Pow(Box<Expr>, f64),
    /// `max(a, b)`
    Max(Box<Expr>, Box<Expr>),
    /// `a / b`
    Frac(Box<Expr>, Box<Expr>),
    /// `f(a)` for a known function.
    Call(Func, Box<Expr>),
    /// `f(a)` for a named function of notation: `f(z_j)`, `f'(z)`.
    Apply(Symbol, Box<Expr>),
    /// `eᵃ`
    Exp(Box<Expr>),
    /// `∂a/∂b`
    Partial(Box<Expr>, Box<Expr>),
    /// `Σ_i a`: a sum over an index.
    Sum(Symbol, Box<Expr>),
    /// `a ⊙ b`: the elementwise product.
    Hadamard(Box<Expr>, Box<Expr>),
    /// `aᵀ`
    Transpose(Box<Expr>),
    /// A matrix, by rows (a column vector is one entry per row).
    Matrix(Vec<Vec<Expr>>),
    /// `(a, b, …)`
    Tuple(Vec<Expr>),
    /// `a = b = …`: a chain of equal expressions, for formulas in prose.
    Eq(Vec<Expr>),
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

/// Shorthand for [`Expr::Sym`] of a plain symbol.
pub fn sym(base: impl Into<String>) -> Expr {
    Expr::Sym(Symbol::new(base))
}

/// Shorthand for a symbol with subscripts: `indexed("w", [sym("i"), sym("j")])` is `w_{i,j}`.
pub fn indexed(base: &str, sub: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Sym(Symbol::new(base).indices(sub))
}

/// Shorthand for [`Expr::Eq`].
pub fn eq(sides: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Eq(sides.into_iter().collect())
}

/// Shorthand for [`Expr::Mul`].
pub fn mul(factors: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Mul(factors.into_iter().collect())
}

/// Shorthand for [`Expr::Partial`].
pub fn partial(of: Expr, by: Expr) -> Expr {
    Expr::Partial(Box::new(of), Box::new(by))
}

// Binding strength, for deciding where parentheses go.
const RELATION: u8 = 0;
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const UNARY: u8 = 3;
const ATOM: u8 = 4;

impl Expr {
    /// How tightly the expression binds as written; an operand that binds less tightly than
    /// its place needs gets parentheses.
    fn precedence(&self) -> u8 {
        match self {
            Expr::Eq(_) => RELATION,
            Expr::Add(_) | Expr::Sub(..) => SUM,
            Expr::Mul(_) | Expr::Frac(..) | Expr::Hadamard(..) => PRODUCT,
            Expr::Neg(_) | Expr::Sum(..) => UNARY,
            // A negative number binds like a difference: `2·(−3)`, `a − 3` for `a + (−3)`.
            Expr::Num(x) if *x < 0.0 => SUM,
            Expr::Shown(n) if n.value < 0.0 => SUM,
            // An expression's value named by its own text (`1+exp(-s)`) binds as that text.
            Expr::Var(n) => match crate::expression::label_operator(n) {
                Some('+' | '-') => SUM,
                Some('*' | '/') => PRODUCT,
                Some('~') => UNARY,
                _ => ATOM,
            },
            _ => ATOM,
        }
    }

    /// The expression with every sub-expression for which `f` gives a replacement replaced
    /// (outermost first; a replaced part is not looked into).
    pub fn map(&self, f: &dyn Fn(&Expr) -> Option<Expr>) -> Expr {
        if let Some(e) = f(self) {
            return e;
        }
        let m = |e: &Expr| Box::new(e.map(f));
        let all = |xs: &[Expr]| xs.iter().map(|x| x.map(f)).collect();
        match self {
            Expr::Var(_) | Expr::Num(_) | Expr::Shown(_) | Expr::Sym(_) => self.clone(),
            Expr::Add(xs) => Expr::Add(all(xs)),
            Expr::Mul(xs) => Expr::Mul(all(xs)),
            Expr::Tuple(xs) => Expr::Tuple(all(xs)),
            Expr::Eq(xs) => Expr::Eq(all(xs)),
            Expr::Matrix(rows) => Expr::Matrix(rows.iter().map(|r| all(r)).collect()),
            Expr::Sub(a, b) => Expr::Sub(m(a), m(b)),
            Expr::Max(a, b) => Expr::Max(m(a), m(b)),
            Expr::Pow(a, c) => Expr::Pow(m(a), *c),
            Expr::Frac(a, b) => Expr::Frac(m(a), m(b)),
            Expr::Partial(a, b) => Expr::Partial(m(a), m(b)),
            Expr::Hadamard(a, b) => Expr::Hadamard(m(a), m(b)),
            Expr::Neg(a) => Expr::Neg(m(a)),
            Expr::Square(a) => Expr::Square(m(a)),
            Expr::Exp(a) => Expr::Exp(m(a)),
            Expr::Transpose(a) => Expr::Transpose(m(a)),
            Expr::Call(func, a) => Expr::Call(*func, m(a)),
            Expr::Apply(func, a) => Expr::Apply(func.clone(), m(a)),
            Expr::Sum(i, a) => Expr::Sum(i.clone(), m(a)),
        }
    }

    /// The expression with every [`Expr::Var`] that `lookup` knows replaced by its number.
    pub fn substitute(&self, lookup: &dyn Fn(&str) -> Option<Number>) -> Expr {
        self.map(&|e| match e {
            Expr::Var(n) => lookup(n).map(Expr::Shown),
            _ => None,
        })
    }

    /// The expression with every name replaced by its value at `digits` significant digits:
    /// the usual way to show a formula with its numbers.
    pub fn with_values(&self, lookup: &dyn Fn(&str) -> Option<f64>, digits: usize) -> Expr {
        self.substitute(&|n| lookup(n).map(|v| Number::new(v, digits)))
    }

    /// The canonical names the expression uses, each once, in order of first use.
    pub fn names(&self) -> Vec<String> {
        // A set of the names seen so far: a weighted sum over a wide layer names thousands
        // of weights and values, and searching the list for each was quadratic.
        let mut seen = hashbrown::HashSet::with_hasher(foldhash::fast::RandomState::default());
        let mut out: Vec<String> = Vec::new();
        self.visit(&mut |e| {
            if let Expr::Var(n) = e {
                if !seen.contains(n.as_str()) {
                    seen.insert(n.clone());
                    out.push(n.clone());
                }
            }
        });
        out
    }

    /// Whether the expression uses any name (a [`Var`](Expr::Var)).
    pub fn has_names(&self) -> bool {
        let mut found = false;
        self.visit(&mut |e| found |= matches!(e, Expr::Var(_)));
        found
    }

    /// Call `f` on this expression and every sub-expression, parents first.
    pub fn visit(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        match self {
            Expr::Var(_) | Expr::Num(_) | Expr::Shown(_) | Expr::Sym(_) => {}
            Expr::Add(xs) | Expr::Mul(xs) | Expr::Tuple(xs) | Expr::Eq(xs) => {
                xs.iter().for_each(|x| x.visit(f));
            }
            Expr::Matrix(rows) => rows.iter().flatten().for_each(|x| x.visit(f)),
            Expr::Sub(a, b)
            | Expr::Max(a, b)
            | Expr::Frac(a, b)
            | Expr::Partial(a, b)
            | Expr::Hadamard(a, b) => {
                a.visit(f);
                b.visit(f);
            }
            Expr::Neg(a)
            | Expr::Square(a)
            | Expr::Pow(a, _)
            | Expr::Exp(a)
            | Expr::Transpose(a)
            | Expr::Call(_, a)
            | Expr::Apply(_, a)
            | Expr::Sum(_, a) => a.visit(f),
        }
    }

    /// Evaluate a scalar expression with `lookup` giving each name's value, and each shown
    /// number read as shown. `None` for an unknown name or for notation (symbols, matrices).
    /// Used to prove that a shown formula gives the shown result.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        Some(match self {
            Expr::Var(n) => lookup(n)?,
            Expr::Num(x) => *x,
            Expr::Shown(n) => n.shown_value(),
            Expr::Add(xs) => xs.iter().map(|x| x.eval(lookup)).sum::<Option<f64>>()?,
            Expr::Mul(xs) => xs.iter().map(|x| x.eval(lookup)).product::<Option<f64>>()?,
            Expr::Sub(a, b) => a.eval(lookup)? - b.eval(lookup)?,
            Expr::Neg(a) => -a.eval(lookup)?,
            Expr::Square(a) => a.eval(lookup)?.powi(2),
            Expr::Pow(a, c) => a.eval(lookup)?.powf(*c),
            Expr::Max(a, b) => a.eval(lookup)?.max(b.eval(lookup)?),
            Expr::Frac(a, b) => a.eval(lookup)? / b.eval(lookup)?,
            Expr::Exp(a) => a.eval(lookup)?.exp(),
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
            Expr::Sym(_)
            | Expr::Apply(..)
            | Expr::Partial(..)
            | Expr::Sum(..)
            | Expr::Hadamard(..)
            | Expr::Transpose(_)
            | Expr::Matrix(_)
            | Expr::Tuple(_)
            | Expr::Eq(_) => return None,
        })
    }
}

/// Typeset, a fraction is a block of its own and needs no parentheses.
fn typeset_precedence(e: &Expr) -> u8 {
    match e {
        Expr::Frac(..) | Expr::Partial(..) => ATOM,
        _ => e.precedence(),
    }
}

/// A matrix value: rows of numbers (a scalar is 1×1).
pub type Matrix = Vec<Vec<f64>>;

impl Expr {
    /// Evaluate an expression of matrices of numbers as shown: [`Expr::Matrix`] of numbers,
    /// sums (same shapes), products (matrix product; a 1×1 factor scales), `⊙`, `ᵀ` and
    /// scalars. `None` for names, notation or shapes that do not fit.
    pub fn eval_matrix(&self) -> Option<Matrix> {
        let scalar = |x: f64| Some(vec![vec![x]]);
        match self {
            Expr::Matrix(rows) => rows
                .iter()
                .map(|r| r.iter().map(|e| e.eval(&|_| None)).collect())
                .collect(),
            Expr::Add(xs) => {
                let mut parts = xs.iter().map(Expr::eval_matrix);
                let first = parts.next()??;
                parts.try_fold(first, |acc, m| elementwise(&acc, &m?, |a, b| a + b))
            }
            Expr::Mul(xs) => {
                let mut parts = xs.iter().map(Expr::eval_matrix);
                let first = parts.next()??;
                parts.try_fold(first, |acc, m| product(&acc, &m?))
            }
            Expr::Hadamard(a, b) => elementwise(&a.eval_matrix()?, &b.eval_matrix()?, |x, y| x * y),
            Expr::Transpose(a) => {
                let m = a.eval_matrix()?;
                let cols = m.first()?.len();
                Some(
                    (0..cols)
                        .map(|c| m.iter().map(|r| r[c]).collect())
                        .collect(),
                )
            }
            _ => scalar(self.eval(&|_| None)?),
        }
    }
}

fn elementwise(a: &Matrix, b: &Matrix, f: impl Fn(f64, f64) -> f64) -> Option<Matrix> {
    let same = a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.len() == y.len());
    same.then(|| {
        a.iter()
            .zip(b)
            .map(|(x, y)| x.iter().zip(y).map(|(&p, &q)| f(p, q)).collect())
            .collect()
    })
}

fn product(a: &Matrix, b: &Matrix) -> Option<Matrix> {
    let is_scalar = |m: &Matrix| m.len() == 1 && m[0].len() == 1;
    if is_scalar(a) {
        return Some(
            b.iter()
                .map(|r| r.iter().map(|x| a[0][0] * x).collect())
                .collect(),
        );
    }
    if is_scalar(b) {
        return Some(
            a.iter()
                .map(|r| r.iter().map(|x| x * b[0][0]).collect())
                .collect(),
        );
    }
    let inner = b.len();
    if a.iter().any(|r| r.len() != inner) {
        return None;
    }
    let cols = b.first()?.len();
    Some(
        a.iter()
            .map(|r| {
                (0..cols)
                    .map(|c| (0..inner).map(|k| r[k] * b[k][c]).sum())
                    .collect()
            })
            .collect(),
    )
}

/// Write the terms of a sum after its first, each after ` + `, or after `minus` instead of a
/// sign it starts with (one of `signs`): `a + −b` is written `a − b`.
fn signed_terms(
    out: &mut impl std::fmt::Write,
    terms: impl Iterator<Item = String>,
    plus: &str,
    minus: &str,
    signs: &[&str],
) -> std::fmt::Result {
    for t in terms {
        match signs.iter().find_map(|s| t.strip_prefix(s)) {
            Some(rest) => {
                out.write_str(minus)?;
                out.write_str(rest)?;
            }
            None => {
                out.write_str(plus)?;
                out.write_str(&t)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn z1() -> Expr {
        Expr::Add(vec![
            mul([var("w(x1,1)"), var("x1")]),
            mul([var("w(x2,1)"), var("x2")]),
            var("b1"),
        ])
    }

    fn values(n: &str) -> Option<f64> {
        match n {
            "w(x1,1)" => Some(2.0),
            "x1" => Some(1.0),
            "w(x2,1)" => Some(1.0),
            "x2" => Some(2.0),
            "b1" => Some(1.0),
            _ => None,
        }
    }

    #[test]
    fn names_values_and_evaluation() {
        let z = z1();
        assert_eq!(z.plain(), "w(x1,1)·x1 + w(x2,1)·x2 + b1");
        assert_eq!(z.with_values(&values, 4).plain(), "2·1 + 1·2 + 1");
        assert_eq!(z.eval(&values), Some(5.0));
        assert_eq!(z.names(), ["w(x1,1)", "x1", "w(x2,1)", "x2", "b1"]);
        assert!(z.has_names());
        assert!(!z.with_values(&values, 4).has_names());
        assert!(!Expr::Num(2.0).has_names());
        assert!(Expr::Neg(Box::new(Expr::Var("x1".into()))).has_names());
        // Each name once, in order of first use, however often it recurs.
        let twice = Expr::Add(vec![z.clone(), Expr::Var("x2".into()), z.clone()]);
        assert_eq!(twice.names(), ["w(x1,1)", "x1", "w(x2,1)", "x2", "b1"]);
        assert_eq!(
            z.latex(),
            "w_{x_{1},1} \\cdot x_{1} + w_{x_{2},1} \\cdot x_{2} + b_{1}"
        );
    }

    #[test]
    fn shown_numbers_evaluate_as_shown() {
        // 0.999955·(1 − 0.999955) is what a reader computes from six digits, not f·(1 − f).
        let f = 0.999954602131298;
        let e = mul([var("f3"), sub(num(1.0), var("f3"))]);
        let shown = e.with_values(&|_| Some(f), 6);
        assert_eq!(shown.plain(), "0.999955·(1 − 0.999955)");
        let v = shown.eval(&|_| None).unwrap();
        assert!((v - 0.999955 * (1.0 - 0.999955)).abs() < 1e-18, "{v}");
    }

    #[test]
    fn negative_values_get_parentheses() {
        let e = mul([var("df4"), var("delta6")]);
        let values = |n: &str| if n == "df4" { Some(0.5) } else { Some(-2.0) };
        assert_eq!(e.with_values(&values, 3).plain(), "0.5·(-2)");
        assert_eq!(
            Expr::Add(vec![var("a"), var("b")])
                .with_values(&values, 3)
                .plain(),
            "-2 − 2"
        );
    }
}
