//! The formula behind each value and gradient of an expression, for tables, derivations and
//! the checker's report: `f = q·z`, `df/dq = z` (the local derivative times the upstream
//! gradient `df/df = 1`), `df/dx = df/dq`.
//!
//! Like [`crate::derivation::formulas`], this describes; the graph computes. Each gradient formula is the
//! chain rule at one node, `d{out}/d{v} = Σ over the values c that use v of ∂c/∂v · d{out}/d{c}`,
//! with each local derivative written in the textbook form of its op.

use crate::graph::{Graph, NodeId};
use crate::math::{Expr, Func, num, sub, var};
use crate::net::{Entry, Network, Quantity};
use crate::ops::{self, Gather, Op};

use super::gradient_name;
use super::parse::{Ast, BinOp, Function};

/// The formula for an entry of an expression, or `None` for an input.
pub fn formula(net: &Network, entry: Entry<'_>) -> Option<Expr> {
    let g = &net.graph;
    match entry.quantity {
        Quantity::Value(n) if g.node(n).op.is_leaf() => None,
        Quantity::Value(n) => Some(value_formula(g, n)),
        Quantity::Grad(n) => Some(gradient_formula(g, n, net.loss)),
        Quantity::Derivative(_) | Quantity::Updated(_) | Quantity::ExampleGrad { .. } => None,
    }
}

/// An operand as it appears in a formula: a constant as its number, anything else by name.
fn operand(g: &Graph, n: NodeId) -> Expr {
    if g.node(n).op == Op::Const {
        num(g.value(n))
    } else {
        var(g.name(n).expect("every value of an expression is named"))
    }
}

fn value_formula(g: &Graph, n: NodeId) -> Expr {
    let ops: Vec<Expr> = g.operands(n).iter().map(|&o| operand(g, o)).collect();
    let a = || Box::new(ops[0].clone());
    match g.node(n).op {
        Op::Add => Expr::Add(ops.clone()),
        Op::Sub => sub(ops[0].clone(), ops[1].clone()),
        Op::Mul => Expr::Mul(ops.clone()),
        Op::Div => Expr::Frac(a(), Box::new(ops[1].clone())),
        Op::Neg => Expr::Neg(a()),
        Op::Pow => power(ops[0].clone(), g.value(g.operands(n)[1])),
        Op::Exp => Expr::Call(Func::Exp, a()),
        Op::Ln => Expr::Call(Func::Ln, a()),
        Op::Sigmoid => Expr::Call(Func::Sigmoid, a()),
        Op::Tanh => Expr::Call(Func::Tanh, a()),
        Op::Relu => Expr::Call(Func::Relu, a()),
        Op::Max => Expr::Max(a(), Box::new(ops[1].clone())),
        Op::Identity => ops[0].clone(),
        other => unreachable!("an expression has no {other} node"),
    }
}

fn power(base: Expr, c: f64) -> Expr {
    if c == 2.0 {
        Expr::Square(Box::new(base))
    } else if c == 1.0 {
        base
    } else {
        Expr::Pow(Box::new(base), c)
    }
}

/// `∂c/∂(operand i)` in textbook form; `None` for a factor of exactly 1.
fn local_derivative(g: &Graph, c: NodeId, i: usize) -> Option<Expr> {
    let operands = g.operands(c);
    let a = operand(g, operands[0]);
    let out = operand(g, c);
    Some(match g.node(c).op {
        Op::Add | Op::Identity => return None,
        Op::Sub if i == 0 => return None,
        Op::Sub | Op::Neg => num(-1.0),
        Op::Mul => operand(g, operands[1 - i]),
        Op::Div if i == 0 => Expr::Frac(Box::new(num(1.0)), Box::new(operand(g, operands[1]))),
        Op::Div => Expr::Neg(Box::new(Expr::Frac(
            Box::new(a),
            Box::new(Expr::Square(Box::new(operand(g, operands[1])))),
        ))),
        Op::Pow => {
            let c = g.value(operands[1]);
            if c == 0.0 {
                num(0.0)
            } else {
                Expr::Mul(vec![num(c), power(a, c - 1.0)])
            }
        }
        // (e^a)′ = e^a: the node's own value.
        Op::Exp => out,
        Op::Ln => Expr::Frac(Box::new(num(1.0)), Box::new(a)),
        Op::Sigmoid => Expr::Mul(vec![out.clone(), sub(num(1.0), out)]),
        Op::Tanh => sub(num(1.0), Expr::Square(Box::new(out))),
        Op::Relu => Expr::Call(Func::Step, Box::new(a)),
        // max passes the gradient to the larger operand: 1 or 0, as the op's rule says.
        _ => {
            let indices: Vec<u32> = operands.iter().map(|o| o.index() as u32).collect();
            let args = Gather {
                values: g.values(),
                indices: &indices,
            };
            num(ops::partial(g.node(c).op, &args, g.value(c), i))
        }
    })
}

/// `d{out}/d{n} = Σ_c ∂c/∂n · d{out}/d{c}` over every use of `n`.
fn gradient_formula(g: &Graph, n: NodeId, root: NodeId) -> Expr {
    let out_name = g.name(root).expect("named");
    let mut terms = Vec::new();
    for c in g.consumers(n) {
        for (i, _) in g.operands(c).iter().enumerate().filter(|&(_, &o)| o == n) {
            // A constant exponent takes no gradient.
            if g.node(c).op == Op::Pow && i == 1 {
                continue;
            }
            let local = local_derivative(g, c, i);
            let upstream =
                (c != root).then(|| var(gradient_name(out_name, g.name(c).expect("named"))));
            terms.push(match (local, upstream) {
                (None, None) => num(1.0),
                (Some(l), None) => l,
                (None, Some(u)) => u,
                (Some(l), Some(u)) if l == num(-1.0) => Expr::Neg(Box::new(u)),
                (Some(l), Some(u)) => Expr::Mul(vec![l, u]),
            });
        }
    }
    match terms.len() {
        0 => num(0.0),
        1 => terms.pop().expect("one term"),
        _ => Expr::Add(terms),
    }
}

/// An expression's text as a formula over its names.
pub(super) fn ast_expr(ast: &Ast) -> Expr {
    match ast {
        Ast::Num(x) => num(*x),
        Ast::Name(n, _) => var(n.clone()),
        Ast::Neg(a) => Expr::Neg(Box::new(ast_expr(a))),
        Ast::Binary(op, a, b) => {
            let (a, b) = (ast_expr(a), ast_expr(b));
            match op {
                BinOp::Add => Expr::Add(vec![a, b]),
                BinOp::Sub => sub(a, b),
                BinOp::Mul => Expr::Mul(vec![a, b]),
                BinOp::Div => Expr::Frac(Box::new(a), Box::new(b)),
            }
        }
        Ast::Pow(a, c) => power(ast_expr(a), *c),
        Ast::Call(f, args) => {
            let a = Box::new(ast_expr(&args[0]));
            match f {
                Function::Exp => Expr::Call(Func::Exp, a),
                Function::Log => Expr::Call(Func::Ln, a),
                Function::Sigmoid => Expr::Call(Func::Sigmoid, a),
                Function::Tanh => Expr::Call(Func::Tanh, a),
                Function::Relu => Expr::Call(Func::Relu, a),
                Function::Max => Expr::Max(a, Box::new(ast_expr(&args[1]))),
            }
        }
    }
}
