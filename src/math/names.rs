//! How canonical names are typeset. In LaTeX, exactly as written: `z4` → `z_{4}`, `w(x1,1)` →
//! `w_{x_{1},1}`, `delta4` → `\delta_{4}`, `df4` → `f'_{4}`, `dL/db4` →
//! `\frac{\partial L}{\partial b_{4}}`, `new_w(1,4)` → `w_{1,4}^{+}` (the tests below check these).

use super::{Expr, Sup, Symbol, num};

/// The symbol a canonical name is typeset as. `dL/d…` names become a [`Expr::Partial`];
/// names this notation does not know are set upright as they are.
pub fn symbol_of(name: &str) -> Symbol {
    // A partial derivative is not a symbol; callers that typeset a Var get the fraction from
    // `typeset`. Here it is kept as one upright symbol so that `symbol_of` is total.
    typeset_symbol(name).unwrap_or_else(|| Symbol::new(name))
}

/// The expression a canonical name is typeset as: its symbol; `∂L/∂…` for a gradient (and
/// `∂f/∂q` for an expression's `df/dq`); an expression's value named by its own text
/// (`w0*x0+w1*x1`) as that text's formula.
pub fn typeset(name: &str) -> Expr {
    if let Some(p) = name.strip_prefix("dL/d") {
        return Expr::Partial(Box::new(Expr::Sym(Symbol::new("L"))), Box::new(typeset(p)));
    }
    // A batch example's own gradient, `dL[2]/dw(4,6)`: ∂L^[2]/∂w.
    if let Some((example, p)) = name
        .strip_prefix("dL[")
        .and_then(|rest| rest.split_once("]/d"))
        .filter(|(e, _)| e.parse::<u32>().is_ok())
    {
        return Expr::Partial(
            Box::new(typeset(&format!("L[{example}]"))),
            Box::new(typeset(p)),
        );
    }
    if typeset_symbol(name).is_none() {
        // An expression's gradient name, `df/dq` or `df/d(w0*x0)`.
        if let Some((top, bottom)) = name.split_once("/d") {
            if let Some(top) = top.strip_prefix('d').filter(|t| !t.is_empty()) {
                return Expr::Partial(Box::new(typeset(top)), Box::new(typeset(bottom)));
            }
        }
        if let Some(e) = crate::expression::label_expr(name) {
            return e;
        }
    }
    Expr::Sym(symbol_of(name))
}

fn typeset_symbol(name: &str) -> Option<Symbol> {
    // A value of example 2 of a batch, `z4[2]`: the value's symbol with `[2]` above.
    if let Some((base, example)) = name
        .strip_suffix(']')
        .and_then(|rest| rest.rsplit_once('['))
        .and_then(|(base, e)| Some((base, e.parse::<u32>().ok()?)))
    {
        return typeset_symbol(base)
            .map(|s| s.sup(Sup::Example(Box::new(num(f64::from(example))))));
    }
    if let Some(p) = name.strip_prefix("new_") {
        return typeset_symbol(p).map(|s| s.sup(Sup::Plus));
    }
    if let Some(inner) = name.strip_prefix("w(").and_then(|r| r.strip_suffix(')')) {
        let sub = inner.split(',').map(index).collect::<Option<Vec<_>>>()?;
        return Some(Symbol::new("w").indices(sub));
    }
    if name == "L" {
        return Some(Symbol::new("L"));
    }
    for (prefix, base, prime) in [
        ("delta", "δ", false),
        ("df", "f", true),
        ("z", "z", false),
        ("f", "f", false),
        ("b", "b", false),
        ("x", "x", false),
        ("y", "y", false),
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if let Ok(i) = rest.parse::<u32>() {
                let s = Symbol::new(base).indices([num(f64::from(i))]);
                return Some(if prime { s.primed() } else { s });
            }
        }
    }
    // A letter, or a letter and a number, as people name the inputs of an expression:
    // `a`, `w0` → `w_0`.
    let mut chars = name.chars();
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let rest = chars.as_str();
    if rest.is_empty() {
        return Some(Symbol::new(first.to_string()));
    }
    let i: u32 = rest
        .parse()
        .ok()
        .filter(|_| rest.chars().all(|c| c.is_ascii_digit()))?;
    Some(Symbol::new(first.to_string()).indices([num(f64::from(i))]))
}

/// One index of a weight: `1` or `x1`.
fn index(part: &str) -> Option<Expr> {
    if let Ok(i) = part.parse::<u32>() {
        return Some(num(f64::from(i)));
    }
    let i: u32 = part.strip_prefix('x')?.parse().ok()?;
    Some(Expr::Sym(Symbol::new("x").indices([num(f64::from(i))])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_in_latex() {
        let tex = |n: &str| typeset(n).latex();
        assert_eq!(tex("w(x1,1)"), "w_{x_{1},1}");
        assert_eq!(tex("w(4,6)"), "w_{4,6}");
        assert_eq!(tex("delta4"), "\\delta_{4}");
        assert_eq!(tex("df4"), "f'_{4}");
        assert_eq!(tex("dL/db4"), "\\frac{\\partial L}{\\partial b_{4}}");
        assert_eq!(tex("new_w(1,4)"), "w_{1,4}^{+}");
        assert_eq!(tex("L"), "L");
        assert_eq!(tex("odd_name"), "\\mathrm{odd\\_name}");
    }
}
