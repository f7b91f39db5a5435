//! MathML Core for HTML pages: `<math>` elements that browsers typeset themselves, with no
//! script and no web font. Written from the same tree as the plain text and the LaTeX.

use super::{ATOM, Expr, Func, Number, PRODUCT, SUM, Sup, Symbol, typeset, typeset_precedence};

impl Expr {
    /// The expression as MathML content for inside a `<math>` element (one `<mrow>`).
    pub fn mathml(&self) -> String {
        let wrap = |e: &Expr, min: u8| {
            let s = e.mathml();
            if typeset_precedence(e) < min {
                fenced(&s)
            } else {
                s
            }
        };
        let joined = |xs: &[Expr], min: u8, op: &str| {
            xs.iter()
                .map(|x| wrap(x, min))
                .collect::<Vec<_>>()
                .join(&format!("<mo>{op}</mo>"))
        };
        let body = match self {
            Expr::Var(n) => return typeset(n).mathml(),
            Expr::Num(x) => return number(&Number::new(*x, 15)),
            Expr::Shown(n) => return number(n),
            Expr::Sym(s) => return symbol(s),
            Expr::Add(xs) => {
                let mut out = String::new();
                for (i, x) in xs.iter().enumerate() {
                    // `a + (−b)` is written `a − b`.
                    let negative = match x {
                        Expr::Num(v) => *v < 0.0,
                        Expr::Shown(n) => n.value < 0.0,
                        _ => false,
                    };
                    if i > 0 && negative {
                        let magnitude = match x {
                            Expr::Num(v) => Expr::Num(-v),
                            Expr::Shown(n) => Expr::Shown(Number::new(-n.value, n.digits)),
                            _ => unreachable!("negative numbers only"),
                        };
                        out.push_str("<mo>−</mo>");
                        out.push_str(&magnitude.mathml());
                    } else {
                        if i > 0 {
                            out.push_str("<mo>+</mo>");
                        }
                        out.push_str(&wrap(x, SUM));
                    }
                }
                out
            }
            Expr::Mul(xs) => joined(xs, PRODUCT + 1, "·"),
            Expr::Sub(a, b) => format!("{}<mo>−</mo>{}", wrap(a, SUM), wrap(b, PRODUCT)),
            Expr::Neg(a) => format!("<mo>−</mo>{}", wrap(a, ATOM)),
            Expr::Square(a) => format!("<msup>{}<mn>2</mn></msup>", wrap(a, ATOM)),
            Expr::Pow(a, c) => format!(
                "<msup>{}{}</msup>",
                wrap(a, ATOM),
                number(&Number::new(*c, 15))
            ),
            Expr::Max(a, b) => format!(
                "<mi>max</mi>{}",
                fenced(&format!(
                    "{}<mo separator=\"true\">,</mo>{}",
                    a.mathml(),
                    b.mathml()
                ))
            ),
            Expr::Frac(a, b) => format!("<mfrac>{}{}</mfrac>", a.mathml(), b.mathml()),
            Expr::Exp(a) => format!("<msup><mi>e</mi>{}</msup>", a.mathml()),
            Expr::Call(f, a) => {
                let inner = a.mathml();
                match f {
                    Func::Sigmoid => format!("<mi>σ</mi>{}", fenced(&inner)),
                    Func::Tanh => format!("<mi>tanh</mi>{}", fenced(&inner)),
                    Func::Relu => format!(
                        "<mi>max</mi>{}",
                        fenced(&format!("<mn>0</mn><mo separator=\"true\">,</mo>{inner}"))
                    ),
                    Func::Step => format!("<mo>[</mo>{inner}<mo>&gt;</mo><mn>0</mn><mo>]</mo>"),
                    Func::Ln => format!("<mi>ln</mi>{}", fenced(&inner)),
                    Func::Exp => format!("<msup><mi>e</mi>{inner}</msup>"),
                }
            }
            Expr::Apply(f, a) => format!("{}{}", symbol(f), fenced(&a.mathml())),
            Expr::Partial(a, b) => format!(
                "<mfrac><mrow><mo>∂</mo>{}</mrow><mrow><mo>∂</mo>{}</mrow></mfrac>",
                wrap(a, ATOM),
                wrap(b, ATOM)
            ),
            Expr::Sum(i, a) => format!(
                "<munder><mo>∑</mo>{}</munder>{}",
                symbol(i),
                wrap(a, PRODUCT)
            ),
            Expr::Hadamard(a, b) => {
                format!("{}<mo>⊙</mo>{}", wrap(a, PRODUCT), wrap(b, PRODUCT + 1))
            }
            Expr::Transpose(a) => format!(
                "<msup>{}<mi mathvariant=\"normal\">T</mi></msup>",
                wrap(a, ATOM)
            ),
            Expr::Matrix(rows) => {
                let rows: String = rows
                    .iter()
                    .map(|r| {
                        let cells: String = r
                            .iter()
                            .map(|c| format!("<mtd>{}</mtd>", c.mathml()))
                            .collect();
                        format!("<mtr>{cells}</mtr>")
                    })
                    .collect();
                fenced(&format!("<mtable>{rows}</mtable>"))
            }
            Expr::Tuple(xs) => fenced(&joined(xs, SUM, ",")),
            Expr::Eq(xs) => joined(xs, SUM, "="),
        };
        format!("<mrow>{body}</mrow>")
    }
}

/// `(content)` with stretchy parentheses.
fn fenced(content: &str) -> String {
    format!("<mrow><mo>(</mo>{content}<mo>)</mo></mrow>")
}

/// `<mn>0.5</mn>`, `−6.14163 × 10⁻⁶` as a minus, a mantissa and a power of ten.
fn number(n: &Number) -> String {
    let signed = |s: &str| match s.strip_prefix('-') {
        Some(m) => format!("<mrow><mo>−</mo><mn>{m}</mn></mrow>"),
        None => format!("<mn>{s}</mn>"),
    };
    let text = n.text();
    match Number::split(&text) {
        (m, Some(e)) => format!(
            "<mrow>{}<mo>×</mo><msup><mn>10</mn>{}</msup></mrow>",
            signed(m),
            signed(e)
        ),
        (m, None) => signed(m),
    }
}

/// `<msub><mi>w</mi><mrow>…</mrow></msub>` and friends.
fn symbol(s: &Symbol) -> String {
    // MathML Core has no bold variant: bold is the Unicode mathematical bold letters.
    let letters = if s.bold {
        s.base.chars().map(bold).collect()
    } else {
        s.base.clone()
    };
    let variant = if s.bold || s.base.chars().count() > 1 {
        " mathvariant=\"normal\""
    } else {
        ""
    };
    let mut base = format!("<mi{variant}>{}</mi>", escape(&letters));
    if s.hat {
        base = format!("<mover accent=\"true\">{base}<mo>^</mo></mover>");
    }
    if s.prime {
        base = format!("<mrow>{base}<mo>′</mo></mrow>");
    }
    let sup = match &s.sup {
        Some(Sup::Plus) => Some("<mo>+</mo>".to_string()),
        Some(Sup::Layer(l)) => Some(fenced(&l.mathml())),
        Some(Sup::Power(p)) => Some(p.mathml()),
        Some(Sup::Example(e)) => Some(format!("<mrow><mo>[</mo>{}<mo>]</mo></mrow>", e.mathml())),
        None => None,
    };
    let sub = (!s.sub.is_empty()).then(|| {
        let parts: Vec<String> = s.sub.iter().map(Expr::mathml).collect();
        format!(
            "<mrow>{}</mrow>",
            parts.join("<mo separator=\"true\">,</mo>")
        )
    });
    match (sub, sup) {
        (Some(b), Some(p)) => format!("<msubsup>{base}{b}{p}</msubsup>"),
        (Some(b), None) => format!("<msub>{base}{b}</msub>"),
        (None, Some(p)) => format!("<msup>{base}{p}</msup>"),
        (None, None) => base,
    }
}

/// The mathematical bold form of a letter (`W` → `𝐖`, `δ` → `𝛅`), or the letter itself.
fn bold(c: char) -> char {
    let offset = match c {
        'A'..='Z' => 0x1D400 + (c as u32 - 'A' as u32),
        'a'..='z' => 0x1D41A + (c as u32 - 'a' as u32),
        'α'..='ω' => 0x1D6C2 + (c as u32 - 'α' as u32),
        _ => return c,
    };
    char::from_u32(offset).unwrap_or(c)
}

/// Text escaped for XML and HTML, in character data and in quoted attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use crate::math::*;

    #[test]
    fn weights_numbers_and_fractions() {
        assert_eq!(
            var("w(x1,1)").mathml(),
            "<msub><mi>w</mi><mrow><msub><mi>x</mi><mrow><mn>1</mn></mrow></msub>\
             <mo separator=\"true\">,</mo><mn>1</mn></mrow></msub>"
        );
        assert_eq!(
            Expr::Shown(Number::new(-6.14163133e-6, 6)).mathml(),
            "<mrow><mrow><mo>−</mo><mn>6.14163</mn></mrow><mo>×</mo>\
             <msup><mn>10</mn><mrow><mo>−</mo><mn>6</mn></mrow></msup></mrow>"
        );
        let bold_delta = Expr::Sym(Symbol::new("δ").bold()).mathml();
        assert_eq!(bold_delta, "<mi mathvariant=\"normal\">𝛅</mi>");
        let tex = partial(sym("L"), var("z4")).mathml();
        assert!(
            tex.starts_with("<mrow><mfrac><mrow><mo>∂</mo><mi>L</mi></mrow>"),
            "{tex}"
        );
    }
}
