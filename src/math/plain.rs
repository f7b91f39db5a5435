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
            Expr::Add(xs) => join_sum(xs.iter().map(|x| wrap(x, SUM)), " + ", " − ", &["−", "-"]),
            Expr::Mul(xs) => xs
                .iter()
                .map(|x| wrap(x, PRODUCT + 1))
                .collect::<Vec<_>>()
                .join("·"),
            Expr::Sub(a, b) => format!("{} − {}", wrap(a, SUM), wrap(b, PRODUCT)),
            Expr::Neg(a) => format!("−{}", wrap(a, ATOM)),
            Expr::Square(a) => format!("{}²", wrap(a, ATOM)),
            Expr::Pow(a, c) => format!("{}^{}", wrap(a, ATOM), crate::format::significant(*c, 15)),
            Expr::Max(a, b) => format!("max({}, {})", a.plain(), b.plain()),
            Expr::Frac(a, b) => format!("{} / {}", wrap(a, PRODUCT + 1), wrap(b, PRODUCT + 1)),
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
}
