//! The working of one step with numbers that add up: `z4 = … = 1·0.993307 + … + 2 = 5.99309`.
//!
//! A reader checks a step by computing the shown numbers. So the numbers substituted into a
//! formula are shown with at least the step's digits, and with more where fewer would not
//! give the shown result; a difference that cancels leading digits (`1 − f3` with
//! `f3 = 0.999955`) gets a line of its own (`1 − f3 = 1 − 0.9999546021 = 4.53979e-5`), and the
//! step goes on from that difference.

use super::Line;
use crate::format::significant;
use crate::math::{Expr, Number};

/// At most this many significant digits are shown; by then the shown numbers are exact.
const MAX_DIGITS: usize = 17;

/// A difference is shown on its own line when it is this much smaller than its operands.
const CANCELLATION: f64 = 0.01;

/// The lines that compute `value` by `formula`: any differences that cancel, then
/// `lhs = formula = numbers = result`. The result is shown with `digits` significant digits,
/// or more when it is a sum one of whose terms would vanish at `digits` (an update
/// `2 − 0.1·(−2.27131e-10) = 2.00000000002271` must show the change). `lookup` gives the
/// exact value of each name.
pub fn working(
    lhs: Expr,
    formula: &Expr,
    value: f64,
    lookup: &dyn Fn(&str) -> Option<f64>,
    digits: usize,
) -> Vec<Line> {
    let result = Number::new(
        value,
        digits + hidden_digits(formula, value, lookup, digits),
    );
    let asides: Vec<(Expr, f64)> = cancelling_differences(formula, lookup)
        .into_iter()
        .filter(|d| d != formula)
        .map(|d| {
            let v = d.eval(lookup).expect("a difference of known names");
            (d, v)
        })
        .collect();
    // The main line first: it decides how many digits the differences are shown with.
    let (numbers, k) = fit(formula, &result, lookup, &asides, digits);
    let mut lines: Vec<Line> = asides
        .iter()
        .map(|(d, v)| {
            let r = Number::new(*v, k);
            let (n, _) = fit(d, &r, lookup, &[], k);
            Line {
                lhs: d.clone(),
                forms: Vec::new(),
                numbers: Some(n),
                result: Expr::Shown(r),
            }
        })
        .collect();
    // A formula that is one name (`dL/db4 = delta4`), or numbers that read as the result
    // (`−0.7 = −0.7`), need no line of numbers; a value named by its own formula (`a·b`) is
    // not written twice.
    // Compared as typeset: `−0.7` is `-0.7`, and `1 + s²` is the value named `1+s^2`. The
    // longer side is written only as far as it agrees with the shorter.
    let result_tex = Expr::Shown(result).latex();
    let repeats = numbers.latex_is(&result_tex);
    let numbers =
        (!matches!(formula, Expr::Var(_)) && !repeats && formula.has_names()).then_some(numbers);
    let forms = if formula.latex_is(&lhs.latex()) || formula.latex_is(&result_tex) {
        Vec::new()
    } else {
        vec![formula.clone()]
    };
    lines.push(Line {
        lhs,
        forms,
        numbers,
        result: Expr::Shown(result),
    });
    lines
}

/// `formula` with its numbers: the names at `digits` significant digits (`asides` by their
/// value), raised one digit at a time until the numbers give `result` as shown. Also returns
/// the digits used.
fn fit(
    formula: &Expr,
    result: &Number,
    lookup: &dyn Fn(&str) -> Option<f64>,
    asides: &[(Expr, f64)],
    digits: usize,
) -> (Expr, usize) {
    let shown = |k: usize| {
        formula.map(&|e| {
            if let Some((_, v)) = asides.iter().find(|(a, _)| a == e) {
                return Some(Expr::Shown(Number::new(*v, k)));
            }
            match e {
                Expr::Var(n) => lookup(n).map(|v| Expr::Shown(Number::new(v, k))),
                _ => None,
            }
        })
    };
    for k in digits..MAX_DIGITS {
        let numbers = shown(k);
        if adds_up(&numbers, result) {
            return (numbers, k);
        }
    }
    (shown(MAX_DIGITS), MAX_DIGITS)
}

/// Extra digits the result of a sum or difference needs so that a term that would all but
/// vanish in it at `digits` still shows (at most 9 more).
fn hidden_digits(
    formula: &Expr,
    value: f64,
    lookup: &dyn Fn(&str) -> Option<f64>,
    digits: usize,
) -> usize {
    let terms: Vec<&Expr> = match formula {
        Expr::Add(xs) => xs.iter().collect(),
        Expr::Sub(a, b) => vec![a, b],
        _ => return 0,
    };
    let smallest = terms
        .iter()
        .filter_map(|t| t.eval(lookup))
        .map(f64::abs)
        .filter(|t| *t > 0.0)
        .fold(f64::INFINITY, f64::min);
    if !smallest.is_finite() || value == 0.0 {
        return 0;
    }
    let extra = (value.abs() / smallest).log10().floor();
    // A term a hundredth of the result keeps `digits − 2` digits in it: enough.
    if extra + 2.0 >= digits as f64 {
        (extra as usize).min(9)
    } else {
        0
    }
}

/// A line of working in matrix form: `lhs = form = numbers = result`, where `numbers` is
/// `values` (a formula over matrices of names) with every name at the same digits, raised from
/// `digits` until every entry of the computed matrix rounds to the result's entry as shown.
/// `result` names each entry of the result.
pub fn matrix_line(
    lhs: Expr,
    form: Expr,
    values: &Expr,
    result: &[Vec<String>],
    lookup: &dyn Fn(&str) -> Option<f64>,
    digits: usize,
) -> Line {
    let shown: Vec<Vec<Number>> = result
        .iter()
        .map(|r| {
            r.iter()
                .map(|n| Number::new(lookup(n).unwrap_or(f64::NAN), digits))
                .collect()
        })
        .collect();
    let fits = |numbers: &Expr| {
        numbers.eval_matrix().is_some_and(|m| {
            m.len() == shown.len()
                && m.iter().zip(&shown).all(|(r, s)| {
                    r.len() == s.len()
                        && r.iter()
                            .zip(s)
                            .all(|(v, n)| significant(*v, n.digits) == n.text())
                })
        })
    };
    let mut numbers = values.with_values(lookup, MAX_DIGITS);
    for k in digits..MAX_DIGITS {
        let candidate = values.with_values(lookup, k);
        if fits(&candidate) {
            numbers = candidate;
            break;
        }
    }
    let result = Expr::Matrix(
        shown
            .into_iter()
            .map(|r| r.into_iter().map(Expr::Shown).collect())
            .collect(),
    );
    Line {
        lhs,
        forms: vec![form],
        numbers: Some(numbers),
        result,
    }
}

/// Whether `numbers`, computed as shown, round to `result` as shown.
pub fn adds_up(numbers: &Expr, result: &Number) -> bool {
    numbers
        .eval(&|_| None)
        .is_some_and(|v| significant(v, result.digits) == result.text())
}

/// The differences in `formula` whose value is much smaller than their operands, each once.
fn cancelling_differences(formula: &Expr, lookup: &dyn Fn(&str) -> Option<f64>) -> Vec<Expr> {
    let mut out: Vec<Expr> = Vec::new();
    formula.visit(&mut |e| {
        if let Expr::Sub(a, b) = e {
            if let (Some(a), Some(b), Some(d)) = (a.eval(lookup), b.eval(lookup), e.eval(lookup)) {
                let scale = a.abs().max(b.abs());
                if d != 0.0 && d.abs() < CANCELLATION * scale && !out.contains(e) {
                    out.push(e.clone());
                }
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::{mul, num, sub, var};

    #[test]
    fn a_cancelling_difference_gets_its_own_line() {
        // f'3 = f3·(1 − f3) with f3 = σ(10): six digits of f3 leave two of 1 − f3.
        let f3 = 0.999954602131298_f64;
        let lookup = |n: &str| (n == "f3").then_some(f3);
        let formula = mul([var("f3"), sub(num(1.0), var("f3"))]);
        let value = f3 * (1.0 - f3);
        let lines = working(var("df3"), &formula, value, &lookup, 6);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].lhs.plain(), "1 − f3");
        // Shown with the digits the next line needs of it.
        assert_eq!(lines[0].result.plain(), "4.539787e-5");
        // 1 − 0.999955 would be 4.5e-5: the aside shows f3 with the digits it needs.
        let aside = lines[0].numbers.as_ref().unwrap().plain();
        assert!(aside.starts_with("1 − 0.99995460"), "{aside}");
        assert_eq!(lines[1].result.plain(), "4.53958e-5");
        for l in &lines {
            let Expr::Shown(r) = l.result else { panic!() };
            assert!(
                adds_up(l.numbers.as_ref().unwrap(), &r),
                "{}",
                l.lhs.plain()
            );
        }
        // Computed as a reader would, from the shown text.
        let main = lines[1].numbers.as_ref().unwrap().plain();
        let (a, b) = main.split_once('·').unwrap();
        let product: f64 = a.parse::<f64>().unwrap() * b.parse::<f64>().unwrap();
        assert_eq!(significant(product, 6), "4.53958e-5", "{main}");
    }

    #[test]
    fn numbers_get_digits_only_where_needed() {
        let lookup = |n: &str| match n {
            "a" => Some(0.993307149075715),
            "b" => Some(2.0),
            _ => None,
        };
        let formula = Expr::Add(vec![mul([var("b"), var("a")]), var("b")]);
        let value = formula.eval(&lookup).unwrap();
        let lines = working(var("z"), &formula, value, &lookup, 4);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].numbers.as_ref().unwrap().plain(), "2·0.9933 + 2");
        assert_eq!(lines[0].result.plain(), "3.987");
    }
}
