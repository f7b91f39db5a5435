//! A small Pratt parser for one scalar expression: `q * z`, `1 / (1 + exp(-(w0*x0 + w2)))`.
//!
//! Hand-written rather than built on a parser library: the grammar is a dozen tokens and four
//! binding powers, and a hand-written Pratt parser gives exactly the error this tool promises —
//! the column of the offending token, what was expected there and what was found — with no
//! dependency in the light core.
//!
//! Grammar, loosest first: `+ −` (left), `* /` (left), unary `−` and `+`, `^` (right; its
//! exponent must be a number: the graph's power op has a constant exponent). Atoms: numbers
//! (`2`, `0.5`, `1e-3`), names, parenthesised expressions and calls of `exp`, `log` (also
//! `ln`), `sigmoid`, `tanh`, `relu` (one argument) and `max` (two). `−`, `·` and `×` are
//! accepted for `-` and `*`, as people paste them.

use std::fmt;

use crate::i18n::{Lang, Message};
use crate::msg;

/// A parsed expression. Names are resolved later, against the spec's inputs and definitions.
#[derive(Clone, Debug, PartialEq)]
pub enum Ast {
    /// A literal number.
    Num(f64),
    /// A name, with its position (in characters from the start of the expression).
    Name(String, usize),
    /// `−a`
    Neg(Box<Ast>),
    /// `a op b`
    Binary(BinOp, Box<Ast>, Box<Ast>),
    /// `a ^ c` for a constant `c`.
    Pow(Box<Ast>, f64),
    /// `f(a)` or `max(a, b)`.
    Call(Function, Vec<Ast>),
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A function an expression may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// `exp(a)`
    Exp,
    /// `log(a)`, the natural logarithm (also spelled `ln`).
    Log,
    /// `sigmoid(a)`
    Sigmoid,
    /// `tanh(a)`
    Tanh,
    /// `relu(a)`
    Relu,
    /// `max(a, b)`
    Max,
}

impl Function {
    /// Every function, as written in an expression.
    pub const NAMES: [&'static str; 7] = ["exp", "log", "ln", "sigmoid", "tanh", "relu", "max"];

    /// The function a name calls, if it is one.
    pub fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "exp" => Function::Exp,
            "log" | "ln" => Function::Log,
            "sigmoid" => Function::Sigmoid,
            "tanh" => Function::Tanh,
            "relu" => Function::Relu,
            "max" => Function::Max,
            _ => return None,
        })
    }

    /// How many arguments it takes.
    pub fn arity(self) -> usize {
        if self == Function::Max { 2 } else { 1 }
    }
}

/// Why an expression does not parse: where (in characters from its start), what was expected
/// there and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Position of the offending token, in characters (0-based).
    pub position: usize,
    /// What would have been accepted.
    pub expected: Message,
    /// What is there.
    pub found: Message,
}

impl ParseError {
    /// What was expected and what was found, as one message.
    pub fn message(&self) -> Message {
        msg!(
            "expr-expected-found",
            expected = self.expected.clone(),
            found = self.found.clone()
        )
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.render(&self.message()))
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Open,
    Close,
    Comma,
    End,
}

impl Tok {
    fn describe(&self) -> Message {
        let symbol = |s: &str| Message::verbatim(s);
        match self {
            Tok::Num(x) => msg!("expr-token-number", value = x.to_string()),
            Tok::Ident(s) => msg!("expr-token-name", name = s),
            Tok::Plus => symbol("`+`"),
            Tok::Minus => symbol("`-`"),
            Tok::Star => symbol("`*`"),
            Tok::Slash => symbol("`/`"),
            Tok::Caret => symbol("`^`"),
            Tok::Open => symbol("`(`"),
            Tok::Close => symbol("`)`"),
            Tok::Comma => symbol("`,`"),
            Tok::End => Message::new("expr-token-end"),
        }
    }
}

/// Split `text` into tokens, each with its position in characters.
fn lex(text: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '+' => Tok::Plus,
            '-' | '−' => Tok::Minus,
            '*' | '·' | '×' => Tok::Star,
            '/' => Tok::Slash,
            '^' => Tok::Caret,
            '(' => Tok::Open,
            ')' => Tok::Close,
            ',' => Tok::Comma,
            c if c.is_ascii_digit() || c == '.' => {
                let mut j = i;
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                    j += 1;
                }
                // An exponent: `e` or `E`, an optional sign, digits.
                if j < chars.len() && matches!(chars[j], 'e' | 'E') {
                    let mut k = j + 1;
                    if k < chars.len() && matches!(chars[k], '+' | '-') {
                        k += 1;
                    }
                    if k < chars.len() && chars[k].is_ascii_digit() {
                        while k < chars.len() && chars[k].is_ascii_digit() {
                            k += 1;
                        }
                        j = k;
                    }
                }
                let literal: String = chars[i..j].iter().collect();
                let value = literal
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| ParseError {
                        position: start,
                        expected: Message::new("expr-expected-literal"),
                        found: Message::verbatim(format!("`{literal}`")),
                    })?;
                i = j;
                out.push((Tok::Num(value), start));
                continue;
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i;
                while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                let name: String = chars[i..j].iter().collect();
                i = j;
                out.push((Tok::Ident(name), start));
                continue;
            }
            other => {
                return Err(ParseError {
                    position: start,
                    expected: Message::new("expr-expected-token"),
                    found: Message::verbatim(format!("`{other}`")),
                });
            }
        };
        out.push((tok, start));
        i += 1;
    }
    out.push((Tok::End, chars.len()));
    Ok(out)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    at: usize,
}

// Binding powers (left, right): higher binds tighter.
const SUM: (u8, u8) = (1, 2);
const PRODUCT: (u8, u8) = (3, 4);
const UNARY: u8 = 5;
const POWER: (u8, u8) = (8, 7);

impl Parser {
    fn peek(&self) -> &(Tok, usize) {
        &self.tokens[self.at]
    }

    fn next(&mut self) -> (Tok, usize) {
        let t = self.tokens[self.at].clone();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        t
    }

    fn error(&self, expected: Message) -> ParseError {
        let (tok, position) = self.peek();
        ParseError {
            position: *position,
            expected,
            found: tok.describe(),
        }
    }

    fn expect(&mut self, tok: Tok, expected: Message) -> Result<(), ParseError> {
        if self.peek().0 == tok {
            self.next();
            Ok(())
        } else {
            Err(self.error(expected))
        }
    }

    fn expression(&mut self, min_bp: u8) -> Result<Ast, ParseError> {
        let mut left = self.prefix()?;
        loop {
            let (op, (l_bp, r_bp)) = match self.peek().0 {
                Tok::Plus => (Some(BinOp::Add), SUM),
                Tok::Minus => (Some(BinOp::Sub), SUM),
                Tok::Star => (Some(BinOp::Mul), PRODUCT),
                Tok::Slash => (Some(BinOp::Div), PRODUCT),
                Tok::Caret => (None, POWER),
                _ => break,
            };
            if l_bp < min_bp {
                break;
            }
            self.next();
            let exponent_at = self.peek().1;
            let right = self.expression(r_bp)?;
            left = match op {
                Some(op) => Ast::Binary(op, Box::new(left), Box::new(right)),
                None => match constant(&right) {
                    Some(c) => Ast::Pow(Box::new(left), c),
                    None => {
                        return Err(ParseError {
                            position: exponent_at,
                            expected: Message::new("expr-expected-exponent"),
                            found: Message::new("expr-found-variable-exponent"),
                        });
                    }
                },
            };
        }
        Ok(left)
    }

    fn prefix(&mut self) -> Result<Ast, ParseError> {
        let (tok, position) = self.peek().clone();
        match tok {
            Tok::Num(x) => {
                self.next();
                Ok(Ast::Num(x))
            }
            Tok::Minus => {
                self.next();
                Ok(Ast::Neg(Box::new(self.expression(UNARY)?)))
            }
            Tok::Plus => {
                self.next();
                self.expression(UNARY)
            }
            Tok::Open => {
                self.next();
                let inner = self.expression(0)?;
                self.expect(Tok::Close, Message::new("expr-expected-close"))?;
                Ok(inner)
            }
            Tok::Ident(name) => {
                self.next();
                if self.peek().0 != Tok::Open {
                    return Ok(Ast::Name(name, position));
                }
                let Some(f) = Function::from_name(&name) else {
                    return Err(ParseError {
                        position,
                        expected: msg!(
                            "expr-expected-function",
                            functions = Function::NAMES.join(", ")
                        ),
                        found: Message::verbatim(format!("`{name}(`")),
                    });
                };
                self.next();
                let mut args = vec![self.expression(0)?];
                while args.len() < f.arity() {
                    self.expect(
                        Tok::Comma,
                        msg!("expr-expected-comma", name = &name, count = f.arity()),
                    )?;
                    args.push(self.expression(0)?);
                }
                self.expect(
                    Tok::Close,
                    if f.arity() == 1 {
                        msg!("expr-expected-close-one", name = &name)
                    } else {
                        msg!("expr-expected-close-many", name = &name, count = f.arity())
                    },
                )?;
                Ok(Ast::Call(f, args))
            }
            _ => Err(self.error(Message::new("expr-expected-operand"))),
        }
    }
}

/// The value of an expression made of numbers only (an exponent such as `-1` or `(1/2)`).
fn constant(ast: &Ast) -> Option<f64> {
    match ast {
        Ast::Num(x) => Some(*x),
        Ast::Neg(a) => Some(-constant(a)?),
        Ast::Binary(op, a, b) => {
            let (a, b) = (constant(a)?, constant(b)?);
            let v = match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => a / b,
            };
            v.is_finite().then_some(v)
        }
        Ast::Pow(a, c) => Some(constant(a)?.powf(*c)).filter(|v| v.is_finite()),
        Ast::Name(..) | Ast::Call(..) => None,
    }
}

/// Parse one expression.
pub fn parse(text: &str) -> Result<Ast, ParseError> {
    let mut p = Parser {
        tokens: lex(text)?,
        at: 0,
    };
    let ast = p.expression(0)?;
    if p.peek().0 != Tok::End {
        return Err(p.error(Message::new("expr-expected-end")));
    }
    Ok(ast)
}

impl Ast {
    /// Every name the expression refers to, with its position, in order.
    pub fn names(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<(&'a str, usize)>) {
        match self {
            Ast::Num(_) => {}
            Ast::Name(n, p) => out.push((n, *p)),
            Ast::Neg(a) | Ast::Pow(a, _) => a.collect_names(out),
            Ast::Binary(_, a, b) => {
                a.collect_names(out);
                b.collect_names(out);
            }
            Ast::Call(_, args) => args.iter().for_each(|a| a.collect_names(out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str, p: usize) -> Box<Ast> {
        Box::new(Ast::Name(n.into(), p))
    }

    #[test]
    fn precedence_and_associativity() {
        // a - b - c is (a - b) - c; a + b*c is a + (b*c).
        assert_eq!(
            parse("a - b - c").unwrap(),
            Ast::Binary(
                BinOp::Sub,
                Box::new(Ast::Binary(BinOp::Sub, name("a", 0), name("b", 4))),
                name("c", 8)
            )
        );
        assert_eq!(
            parse("a+b*c").unwrap(),
            Ast::Binary(
                BinOp::Add,
                name("a", 0),
                Box::new(Ast::Binary(BinOp::Mul, name("b", 2), name("c", 4)))
            )
        );
        // -x^2 is -(x^2); 2^-1 is a power with exponent -1.
        assert_eq!(
            parse("-x^2").unwrap(),
            Ast::Neg(Box::new(Ast::Pow(name("x", 1), 2.0)))
        );
        assert_eq!(
            parse("2^-1").unwrap(),
            Ast::Pow(Box::new(Ast::Num(2.0)), -1.0)
        );
        assert_eq!(
            parse("max(a, −b)").unwrap(),
            Ast::Call(
                Function::Max,
                vec![Ast::Name("a".into(), 4), Ast::Neg(name("b", 8))]
            )
        );
    }

    #[cfg(feature = "i18n")]
    #[test]
    fn errors_say_where_and_what() {
        struct Shown {
            position: usize,
            expected: String,
            found: String,
        }
        let parse = |text: &str| {
            parse(text).map_err(|e| Shown {
                position: e.position,
                expected: Lang::En.render(&e.expected),
                found: Lang::En.render(&e.found),
            })
        };
        let e = parse("q * * z").unwrap_err();
        assert_eq!(e.position, 4);
        assert!(e.expected.contains("a number, a name"), "{}", e.expected);
        assert_eq!(e.found, "`*`");
        let e = parse("(x + y").unwrap_err();
        assert_eq!(
            (e.position, e.found.as_str()),
            (6, "the end of the expression")
        );
        let e = parse("x ^ y").unwrap_err();
        assert_eq!(e.position, 4);
        let e = parse("foo(x)").unwrap_err();
        assert!(e.expected.contains("exp, log"), "{}", e.expected);
        let e = parse("2 x").unwrap_err();
        assert_eq!((e.position, e.found.as_str()), (2, "the name `x`"));
        let e = parse("max(a)").unwrap_err();
        assert!(e.expected.contains("`,`"), "{}", e.expected);
        let e = parse("x $ y").unwrap_err();
        assert_eq!(e.position, 2);
    }
}
