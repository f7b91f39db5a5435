//! Any scalar expression as a spec: the computational-graph exercises of a course.
//!
//! ```toml
//! [expression]
//! inputs = { x = -2.0, y = 5.0, z = -4.0 }
//! q = "x + y"
//! f = "q * z"
//! output = "f"
//! ```
//!
//! Each definition is parsed ([`parse`]) and built into a [`Graph`] with the graph's own
//! builder, so its values and gradients come from the same tape and the same op rules as a
//! network's. The result is held as a [`Network`] with no layers
//! ([`Network::is_expression`]): its inputs, its output as the root of the reverse pass, and
//! its own canonical entries. `run`, `check` (error carried forward, through the one
//! checker), the derivation and `render` (the computation-graph view) then work on it.
//!
//! # Names
//!
//! Inputs and definitions keep the names the person chose. A value computed inside a
//! definition (the `w0*x0` of `w0*x0 + w2`) is named by its own text, written compactly
//! with no spaces (`w0*x0`, `1+exp(-s)`), so every node of the graph can be asked about in a
//! hand calculation. Gradients are `d{output}/d{name}`: `df/dq`, `df/dx`, and
//! `df/d(w0*x0)` for a value named by its text. Equal subexpressions are one node (the
//! graph computes `exp(a)` once however often it is written), so a value used twice collects
//! both gradients, as a hand calculation must.

mod formula;
pub mod parse;

use std::collections::HashMap;
use std::ops::Range;

use crate::error::{Error, Result};
use crate::graph::{Graph, NodeId, Role};
use crate::i18n::Message;
use crate::msg;
use crate::net::{Entries, Network, Quantity, Stage};
use crate::ops::Op;
use parse::{Ast, BinOp, Function};

pub use formula::formula;

/// Whether spec text is an expression spec (it has an `[expression]` table). Text that is not
/// TOML is not: the network spec's parser then reports the syntax error.
pub fn is_expression_spec(text: &str) -> bool {
    toml::from_str::<toml::Table>(text).is_ok_and(|t| t.contains_key("expression"))
}

/// One definition of the spec: `q = "x + y"`.
struct Definition {
    name: String,
    ast: Ast,
    /// Where its string's content starts in the file (bytes).
    content_start: usize,
    /// The key, for errors.
    key_span: Range<usize>,
}

/// Parse and build an expression spec; `file` names it in errors. The network returned is
/// evaluated (values and gradients are current); a value that is not finite (`log(0)`) is an
/// error naming it.
pub fn load(text: &str, file: &str) -> Result<Network> {
    let doc = toml::de::DeTable::parse(text)
        .map_err(|e| {
            Error::bad_input(
                file,
                "top level",
                crate::spec::toml_message::describe(e.message()),
            )
        })?
        .into_inner();
    let mut name = None;
    let mut table = None;
    for (key, value) in doc.iter() {
        match &**key.get_ref() {
            "name" => match value.get_ref().as_str() {
                Some(s) => name = Some(s.to_string()),
                None => {
                    return Err(at(
                        file,
                        text,
                        value.span(),
                        "key name",
                        Message::new("expr-name-string"),
                    ));
                }
            },
            "expression" => match value.get_ref() {
                toml::de::DeValue::Table(t) => table = Some(t),
                _ => {
                    return Err(at(
                        file,
                        text,
                        value.span(),
                        "key expression",
                        Message::new("expr-expression-table"),
                    ));
                }
            },
            other => {
                return Err(at(
                    file,
                    text,
                    key.span(),
                    &format!("key {other}"),
                    msg!("expr-unknown-top-key", key = other),
                ));
            }
        }
    }
    let table =
        table.ok_or_else(|| Error::bad_input(file, "top level", Message::new("expr-no-table")))?;
    // Keys in the order they are written.
    let mut keys: Vec<_> = table.iter().collect();
    keys.sort_by_key(|(k, _)| k.span().start);

    let mut inputs: Vec<(String, f64)> = Vec::new();
    let mut output: Option<(String, Range<usize>)> = None;
    let mut definitions: Vec<Definition> = Vec::new();
    for (key, value) in keys {
        let k: &str = key.get_ref();
        let location = format!("key expression.{k}");
        match k {
            "inputs" => {
                let toml::de::DeValue::Table(t) = value.get_ref() else {
                    return Err(at(
                        file,
                        text,
                        value.span(),
                        &location,
                        Message::new("expr-inputs-table"),
                    ));
                };
                let mut entries: Vec<_> = t.iter().collect();
                entries.sort_by_key(|(k, _)| k.span().start);
                for (input, v) in entries {
                    let input = input.get_ref().to_string();
                    let where_ = format!("key expression.inputs.{input}");
                    check_identifier(file, text, value.span(), &where_, &input)?;
                    let number = number_of(v.get_ref()).ok_or_else(|| {
                        at(
                            file,
                            text,
                            v.span(),
                            &where_,
                            Message::new("expr-input-number"),
                        )
                    })?;
                    inputs.push((input, number));
                }
            }
            "output" => match value.get_ref().as_str() {
                Some(s) => output = Some((s.trim().to_string(), value.span())),
                None => {
                    return Err(at(
                        file,
                        text,
                        value.span(),
                        &location,
                        Message::new("expr-output-name"),
                    ));
                }
            },
            _ => {
                check_identifier(file, text, key.span(), &location, k)?;
                let Some(source) = value.get_ref().as_str() else {
                    return Err(at(
                        file,
                        text,
                        value.span(),
                        &location,
                        Message::new("expr-quoted"),
                    ));
                };
                let content_start = value.span().start + quote_width(&text[value.span()]);
                let ast = parse::parse(source).map_err(|e| {
                    let offset = char_offset(source, e.position);
                    at(
                        file,
                        text,
                        content_start + offset..content_start + offset,
                        &location,
                        e.message(),
                    )
                })?;
                definitions.push(Definition {
                    name: k.to_string(),
                    ast,
                    content_start,
                    key_span: key.span(),
                });
            }
        }
    }
    if inputs.is_empty() {
        return Err(Error::bad_input(
            file,
            "key expression.inputs",
            Message::new("expr-no-inputs"),
        ));
    }
    if definitions.is_empty() {
        return Err(Error::bad_input(
            file,
            "key expression",
            Message::new("expr-no-definitions"),
        ));
    }
    for d in &definitions {
        if inputs.iter().any(|(n, _)| *n == d.name) {
            return Err(at(
                file,
                text,
                d.key_span.clone(),
                &format!("key expression.{}", d.name),
                msg!("expr-name-is-input", name = &d.name),
            ));
        }
    }
    let mut builder = Builder {
        file,
        text,
        graph: Graph::new(),
        named: HashMap::new(),
        user_named: Vec::new(),
        cache: HashMap::new(),
        constants: HashMap::new(),
        definitions: &definitions,
        visiting: Vec::new(),
    };
    let mut input_nodes = Vec::new();
    for (n, v) in &inputs {
        let id = builder.graph.input(n, *v);
        builder.named.insert(n.clone(), id);
        input_nodes.push(id);
    }
    for k in 0..definitions.len() {
        builder.define(k)?;
    }
    let output_name = match &output {
        Some((o, _)) => o.clone(),
        None => definitions.last().expect("checked above").name.clone(),
    };
    let root = match definitions.iter().position(|d| d.name == output_name) {
        Some(k) => builder.named[&definitions[k].name],
        None => {
            let (_, span) = output.expect("a default output is a definition");
            let names: Vec<&str> = definitions.iter().map(|d| d.name.as_str()).collect();
            return Err(at(
                file,
                text,
                span,
                "key expression.output",
                msg!(
                    "expr-unknown-output",
                    names = names.join(", "),
                    found = &output_name
                ),
            ));
        }
    };
    let Builder {
        mut graph,
        user_named,
        ..
    } = builder;
    graph.set_role(root, Role::Loss);
    label_unnamed(&mut graph, &user_named);
    let entries = entries(&graph, &input_nodes, root);
    let mut net = Network::from_expression(graph, input_nodes, root, name, entries);
    net.evaluate();
    match net.first_non_finite() {
        None => Ok(net),
        Some((value, v)) => Err(Error::bad_input(
            file,
            format!("value {value}"),
            msg!("expr-not-finite", name = &value, value = v.to_string()),
        )),
    }
}

/// The name of the gradient of `output` with respect to the value called `name`: `df/dq`, or
/// `df/d(w0*x0)` for a value named by its text.
pub fn gradient_name(output: &str, name: &str) -> String {
    if is_identifier(name) {
        format!("d{output}/d{name}")
    } else {
        format!("d{output}/d({name})")
    }
}

/// The formula of a value named by its own text (`w0*x0+w1*x1`), or `None` for any other
/// name.
pub fn label_expr(name: &str) -> Option<crate::math::Expr> {
    let name = name
        .strip_prefix('(')
        .and_then(|n| n.strip_suffix(')'))
        .unwrap_or(name);
    if is_identifier(name) || !name.contains(['+', '-', '*', '/', '^', '(']) {
        return None;
    }
    let ast = parse::parse(name).ok()?;
    Some(formula::ast_expr(&ast))
}

/// The outermost operation of a value named by its own text: `'+'`, `'-'`, `'*'`, `'/'`,
/// `'^'`, or `'~'` for a unary minus; `None` for any other name (an atom, a call, a
/// gradient's name such as `df/dq`).
pub fn label_operator(name: &str) -> Option<char> {
    let gradient = name.starts_with('d') && name.contains("/d");
    if gradient || is_identifier(name) || !name.contains(['+', '-', '*', '/', '^']) {
        return None;
    }
    match parse::parse(name).ok()? {
        Ast::Binary(op, ..) => Some(match op {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
        }),
        Ast::Pow(..) => Some('^'),
        Ast::Neg(_) => Some('~'),
        _ => None,
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`, not a function's name.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && Function::from_name(name).is_none()
}

fn check_identifier(
    file: &str,
    text: &str,
    span: Range<usize>,
    location: &str,
    name: &str,
) -> Result<()> {
    if is_identifier(name) && name != "L" {
        return Ok(());
    }
    let why = if Function::from_name(name).is_some() {
        "expr-why-function"
    } else if name == "L" {
        "expr-why-loss"
    } else {
        "expr-why-not-plain"
    };
    Err(at(
        file,
        text,
        span,
        location,
        msg!("expr-bad-identifier", name = name, why = Message::new(why)),
    ))
}

fn number_of(v: &toml::de::DeValue<'_>) -> Option<f64> {
    let x = match v {
        toml::de::DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok()?,
        toml::de::DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok()?,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

/// How many bytes of quoting precede a string value's content.
fn quote_width(raw: &str) -> usize {
    if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    }
}

/// Byte offset of character `chars` in `s`.
fn char_offset(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// A bad-input error at byte `span.start` of `text`: `line L, column C, key K`.
fn at(file: &str, text: &str, span: Range<usize>, key: &str, message: Message) -> Error {
    let start = span.start.min(text.len());
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |p| p + 1)..]
        .chars()
        .count()
        + 1;
    Error::bad_input(
        file,
        format!("line {line}, column {column}, {key}"),
        message,
    )
}

struct Builder<'a> {
    file: &'a str,
    text: &'a str,
    graph: Graph,
    /// Inputs and built definitions, by name.
    named: HashMap<String, NodeId>,
    /// Nodes that carry a name the person chose (inputs excluded).
    user_named: Vec<NodeId>,
    /// Computed nodes by (op, operands): an equal subexpression is one node.
    cache: HashMap<(Op, Vec<NodeId>), NodeId>,
    constants: HashMap<u64, NodeId>,
    definitions: &'a [Definition],
    /// Definitions being built, to report a cycle.
    visiting: Vec<usize>,
}

impl Builder<'_> {
    /// Build definition `k` (and, first, every definition it uses).
    fn define(&mut self, k: usize) -> Result<NodeId> {
        let d = &self.definitions[k];
        if let Some(&id) = self.named.get(&d.name) {
            return Ok(id);
        }
        if let Some(p) = self.visiting.iter().position(|&v| v == k) {
            let mut cycle: Vec<&str> = self.visiting[p..]
                .iter()
                .map(|&v| self.definitions[v].name.as_str())
                .collect();
            cycle.push(&d.name);
            return Err(at(
                self.file,
                self.text,
                d.key_span.clone(),
                &format!("key expression.{}", d.name),
                msg!("expr-cycle", cycle = cycle.join(" → ")),
            ));
        }
        self.visiting.push(k);
        let top = self.build(&d.ast, k)?;
        self.visiting.pop();
        // The name goes on the node the definition computes, unless that node already has a
        // name (an input, another definition, or an alias such as `q = "x"`): then an
        // identity node carries it.
        let taken = self.graph.node(top).op.is_leaf() || self.user_named.contains(&top);
        let id = if taken {
            self.graph.apply(Op::Identity, &[top], Role::Intermediate)
        } else {
            top
        };
        self.graph.set_name(id, d.name.clone());
        self.user_named.push(id);
        self.named.insert(d.name.clone(), id);
        Ok(id)
    }

    fn node(&mut self, op: Op, operands: Vec<NodeId>) -> NodeId {
        if let Some(&id) = self.cache.get(&(op, operands.clone())) {
            return id;
        }
        let id = self.graph.apply(op, &operands, Role::Intermediate);
        self.cache.insert((op, operands), id);
        id
    }

    fn constant(&mut self, x: f64) -> NodeId {
        if let Some(&id) = self.constants.get(&x.to_bits()) {
            return id;
        }
        let id = self.graph.constant(x);
        self.constants.insert(x.to_bits(), id);
        id
    }

    fn build(&mut self, ast: &Ast, k: usize) -> Result<NodeId> {
        Ok(match ast {
            Ast::Num(x) => self.constant(*x),
            Ast::Name(n, position) => {
                if let Some(&id) = self.named.get(n) {
                    return Ok(id);
                }
                match self.definitions.iter().position(|d| d.name == *n) {
                    Some(j) => self.define(j)?,
                    None => {
                        let d = &self.definitions[k];
                        let offset = char_offset(self.text_of(k), *position);
                        let mut known: Vec<&str> = self.named.keys().map(String::as_str).collect();
                        known.extend(self.definitions.iter().map(|d| d.name.as_str()));
                        known.sort_unstable();
                        known.dedup();
                        let hint = known
                            .iter()
                            .filter(|c| strsim::levenshtein(c, n) <= n.len().min(c.len()) / 3 + 1)
                            .filter(|c| *c != n)
                            .min_by_key(|c| strsim::levenshtein(c, n))
                            .copied();
                        return Err(at(
                            self.file,
                            self.text,
                            d.content_start + offset..d.content_start + offset,
                            &format!("key expression.{}", d.name),
                            match hint {
                                Some(c) => msg!(
                                    "expr-unknown-name-suggest",
                                    known = known.join(", "),
                                    name = n,
                                    suggestion = c
                                ),
                                None => {
                                    msg!("expr-unknown-name", known = known.join(", "), name = n)
                                }
                            },
                        ));
                    }
                }
            }
            Ast::Neg(a) => {
                let a = self.build(a, k)?;
                self.node(Op::Neg, vec![a])
            }
            Ast::Binary(op, a, b) => {
                let (a, b) = (self.build(a, k)?, self.build(b, k)?);
                let op = match op {
                    BinOp::Add => Op::Add,
                    BinOp::Sub => Op::Sub,
                    BinOp::Mul => Op::Mul,
                    BinOp::Div => Op::Div,
                };
                self.node(op, vec![a, b])
            }
            Ast::Pow(a, c) => {
                let a = self.build(a, k)?;
                let c = self.constant(*c);
                self.node(Op::Pow, vec![a, c])
            }
            Ast::Call(f, args) => {
                let mut operands = Vec::with_capacity(args.len());
                for a in args {
                    operands.push(self.build(a, k)?);
                }
                let op = match f {
                    Function::Exp => Op::Exp,
                    Function::Log => Op::Ln,
                    Function::Sigmoid => Op::Sigmoid,
                    Function::Tanh => Op::Tanh,
                    Function::Relu => Op::Relu,
                    Function::Max => Op::Max,
                };
                self.node(op, operands)
            }
        })
    }

    /// The source text of definition `k`'s string.
    fn text_of(&self, k: usize) -> &str {
        let start = self.definitions[k].content_start;
        let rest = &self.text[start..];
        // The string ends at its closing quote; content has no raw quote for a basic string.
        let end = rest.find(['"', '\'']).unwrap_or(rest.len());
        &rest[..end]
    }
}

// Binding strength of a value's own text, for parentheses in the text of its consumers.
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const UNARY: u8 = 3;
const POWER: u8 = 4;
const ATOM: u8 = 5;

/// Name every computed node nobody named by its own compact text, built from its operands'
/// names: `w0*x0`, `w0*x0+w1*x1`, `1+exp(-s)`.
fn label_unnamed(g: &mut Graph, user_named: &[NodeId]) {
    let mut precedence: Vec<u8> = vec![ATOM; g.len()];
    let mut texts: Vec<String> = vec![String::new(); g.len()];
    for id in g.nodes().collect::<Vec<_>>() {
        let node = g.node(id);
        if node.op == Op::Const {
            texts[id.index()] = crate::format::exact(g.value(id));
            continue;
        }
        if node.op == Op::Input || user_named.contains(&id) {
            texts[id.index()] = g.name(id).expect("named").to_string();
            continue;
        }
        let ops = g.operands(id);
        let t = |i: usize, min: u8| {
            let o = ops[i].index();
            if precedence[o] < min {
                format!("({})", texts[o])
            } else {
                texts[o].clone()
            }
        };
        let (text, p) = match node.op {
            Op::Add => (format!("{}+{}", t(0, SUM), t(1, SUM + 1)), SUM),
            Op::Sub => (format!("{}-{}", t(0, SUM), t(1, SUM + 1)), SUM),
            Op::Mul => (format!("{}*{}", t(0, PRODUCT), t(1, PRODUCT + 1)), PRODUCT),
            Op::Div => (format!("{}/{}", t(0, PRODUCT), t(1, PRODUCT + 1)), PRODUCT),
            Op::Neg => (format!("-{}", t(0, UNARY + 1)), UNARY),
            Op::Pow => (
                format!("{}^{}", t(0, POWER + 1), texts[ops[1].index()]),
                POWER,
            ),
            Op::Max => (
                format!("max({},{})", texts[ops[0].index()], texts[ops[1].index()]),
                ATOM,
            ),
            other => {
                let f = match other {
                    Op::Ln => "log",
                    o => o.name(),
                };
                (format!("{f}({})", texts[ops[0].index()]), ATOM)
            }
        };
        let mut unique = text.clone();
        let mut n = 2;
        while g.find(&unique).is_some() {
            unique = format!("{text}#{n}");
            n += 1;
        }
        g.set_name(id, unique.clone());
        texts[id.index()] = unique;
        precedence[id.index()] = p;
    }
}

/// The canonical entries: the inputs; every computed value in order; the gradient of the
/// output with respect to every computed value (output side first), then every input.
fn entries(g: &Graph, inputs: &[NodeId], root: NodeId) -> Entries {
    let name = |n: NodeId| g.name(n).expect("every value is named");
    let out_name = name(root);
    let computed: Vec<NodeId> = g.nodes().filter(|&n| !g.node(n).op.is_leaf()).collect();
    let mut out = Entries::new();
    for &x in inputs {
        out.push(name(x), Quantity::Value(x), Stage::Given);
    }
    for &n in &computed {
        out.push(name(n), Quantity::Value(n), Stage::Forward);
    }
    for &n in computed.iter().rev().filter(|&&n| n != root) {
        out.push(
            &gradient_name(out_name, name(n)),
            Quantity::Grad(n),
            Stage::Backward,
        );
    }
    for &x in inputs {
        out.push(
            &gradient_name(out_name, name(x)),
            Quantity::Grad(x),
            Stage::Gradient,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(body: &str) -> String {
        format!("[expression]\n{body}")
    }

    #[test]
    fn error_positions_point_into_the_expression() {
        let text = spec("inputs = { x = 1.0 }\nf = \"x * * 2\"\n");
        let e = load(&text, "s.toml").unwrap_err().to_string();
        // Line 3, `f = "x * * 2"`: the second `*` is column 10.
        assert!(e.contains("line 3, column 10, key expression.f"), "{e}");
        assert!(e.contains("found `*`"), "{e}");
        let text = spec("inputs = { x = 1.0 }\nf = \"x * yy\"\n");
        let e = load(&text, "s.toml").unwrap_err().to_string();
        assert!(e.contains("line 3, column 10"), "{e}");
        assert!(e.contains("found `yy`"), "{e}");
        let text = spec("inputs = { x = 1.0 }\na = \"b + x\"\nb = \"a * 2\"\n");
        let e = load(&text, "s.toml").unwrap_err().to_string();
        assert!(e.contains("cycle a → b → a"), "{e}");
    }

    #[test]
    fn shared_subexpressions_are_one_node_and_aliases_get_their_own() {
        let text = spec("inputs = { a = 0.5 }\nq = \"a\"\nf = \"exp(a) * exp(a) + q\"\n");
        let net = load(&text, "s.toml").unwrap();
        let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            [
                "a",
                "q",
                "exp(a)",
                "exp(a)*exp(a)",
                "f",
                "df/d(exp(a)*exp(a))",
                "df/d(exp(a))",
                "df/dq",
                "df/da"
            ]
        );
        // f = e^{2a} + a: df/da = 2e^{2a} + 1, by hand.
        let expected = 2.0 * (1.0f64).exp() + 1.0;
        assert!((net.get("df/da").unwrap() - expected).abs() < 1e-14);
    }
}
