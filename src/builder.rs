//! Scalar expressions written as expressions, micrograd-style: value handles with arithmetic
//! operators, on top of the one [`Graph`].
//!
//! ```
//! use deltagraph::GraphBuilder;
//!
//! // micrograd's README example, line for line.
//! let x = GraphBuilder::new();
//! let a = x.var(-4.0);
//! let b = x.var(2.0);
//! let mut c = a + b;
//! let mut d = a * b + b.pow(3.0);
//! c += c + 1.0;
//! c += 1.0 + c + (-a);
//! d += d * 2.0 + (b + a).relu();
//! d += 3.0 * d + (b - a).relu();
//! let e = c - d;
//! let f = e.pow(2.0);
//! let mut g = f / 2.0;
//! g += 10.0 / f;
//! assert_eq!(format!("{:.4}", g.data()), "24.7041"); // the forward pass
//! g.backward();
//! assert_eq!(format!("{:.4}", a.grad()), "138.8338"); // dg/da
//! assert_eq!(format!("{:.4}", b.grad()), "645.5773"); // dg/db
//! ```
//!
//! An [`GraphBuilder`] owns a [`Graph`] behind a [`RefCell`], so every builder method takes `&self`
//! and calls nest: `x.tanh(x.add(x.mul(a, b), c))` is the same node as `(a * b + c).tanh()`.
//! A [`Value`] is a copyable handle (the expression and a [`NodeId`]). Numbers (`f64`) mix
//! with values freely (`2.0 * a`, `a + 1.0`): each becomes a constant leaf that takes no
//! gradient, so you never create one yourself. Leaves need no name and no network role;
//! [`Value::named`] gives one a name when a diagram or a lookup wants it.
//!
//! Values are computed as the nodes are added, so [`Value::data`] is ready at once.
//! [`Value::backward`] recomputes every value from the leaves (after [`Value::set`]) and then
//! every gradient `∂root/∂node`, through the same tape, `ops` rules and passes a network uses.
//! Gradients are replaced on each call, not accumulated across calls (there is no `zero_grad`).
//!
//! [`GraphBuilder::graph`] borrows the graph (to draw it, say); release the borrow before adding nodes
//! or calling [`Value::backward`], or the `RefCell` panics.

use std::cell::{Ref, RefCell};
use std::fmt;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use crate::graph::{Graph, NodeId, Role};
use crate::ops::Op;

/// A scalar expression under construction: a [`Graph`] that hands out [`Value`] handles. See
/// the [module docs](self).
#[derive(Default)]
pub struct GraphBuilder {
    graph: RefCell<Graph>,
}

impl fmt::Debug for GraphBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphBuilder")
            .field("nodes", &self.graph.borrow().len())
            .finish()
    }
}

impl GraphBuilder {
    /// An empty expression.
    pub fn new() -> Self {
        Self::default()
    }

    /// A leaf you will differentiate with respect to (and may [`set`](Value::set) later).
    pub fn var(&self, value: f64) -> Value<'_> {
        let id = self.graph.borrow_mut().leaf(None, value, Role::Input);
        self.handle(id)
    }

    /// A constant leaf. Rarely needed: a plain `f64` in an arithmetic expression becomes one.
    pub fn constant(&self, value: f64) -> Value<'_> {
        let id = self.graph.borrow_mut().constant(value);
        self.handle(id)
    }

    /// The node computing `op` over `operands` (any [`Op`], e.g. [`Op::Sum`]).
    ///
    /// # Panics
    /// If the operand count does not fit `op`, or an operand belongs to another expression.
    pub fn apply(&self, op: Op, operands: &[Value<'_>]) -> Value<'_> {
        let ids: Vec<NodeId> = operands.iter().map(|v| self.own(*v)).collect();
        let id = self.graph.borrow_mut().apply(op, &ids, Role::Intermediate);
        self.handle(id)
    }

    /// `a + b`
    pub fn add<'e>(&'e self, a: Value<'e>, b: Value<'e>) -> Value<'e> {
        self.apply(Op::Add, &[a, b])
    }
    /// `a − b`
    pub fn sub<'e>(&'e self, a: Value<'e>, b: Value<'e>) -> Value<'e> {
        self.apply(Op::Sub, &[a, b])
    }
    /// `a · b`
    pub fn mul<'e>(&'e self, a: Value<'e>, b: Value<'e>) -> Value<'e> {
        self.apply(Op::Mul, &[a, b])
    }
    /// `a / b`
    pub fn div<'e>(&'e self, a: Value<'e>, b: Value<'e>) -> Value<'e> {
        self.apply(Op::Div, &[a, b])
    }
    /// `−a`
    pub fn neg<'e>(&'e self, a: Value<'e>) -> Value<'e> {
        self.apply(Op::Neg, &[a])
    }
    /// `a^exponent` for a constant exponent.
    pub fn pow<'e>(&'e self, a: Value<'e>, exponent: f64) -> Value<'e> {
        let c = self.constant(exponent);
        self.apply(Op::Pow, &[a, c])
    }
    /// `e^a`
    pub fn exp<'e>(&'e self, a: Value<'e>) -> Value<'e> {
        self.apply(Op::Exp, &[a])
    }
    /// `ln a`
    pub fn ln<'e>(&'e self, a: Value<'e>) -> Value<'e> {
        self.apply(Op::Ln, &[a])
    }
    /// The logistic function `1 / (1 + e^−a)`.
    pub fn sigmoid<'e>(&'e self, a: Value<'e>) -> Value<'e> {
        self.apply(Op::Sigmoid, &[a])
    }
    /// `tanh a`
    pub fn tanh<'e>(&'e self, a: Value<'e>) -> Value<'e> {
        self.apply(Op::Tanh, &[a])
    }
    /// `max(0, a)`
    pub fn relu<'e>(&'e self, a: Value<'e>) -> Value<'e> {
        self.apply(Op::Relu, &[a])
    }
    /// `a1 + … + an` in one node.
    ///
    /// # Panics
    /// If `terms` is empty.
    pub fn sum<'e>(&'e self, terms: &[Value<'e>]) -> Value<'e> {
        self.apply(Op::Sum, terms)
    }

    /// Number of nodes so far (constants included).
    pub fn len(&self) -> usize {
        self.graph.borrow().len()
    }

    /// Whether no node has been added.
    pub fn is_empty(&self) -> bool {
        self.graph.borrow().is_empty()
    }

    /// The graph, borrowed: to draw it or walk it. Release it before adding nodes.
    pub fn graph(&self) -> Ref<'_, Graph> {
        self.graph.borrow()
    }

    /// The graph, for good.
    pub fn into_graph(self) -> Graph {
        self.graph.into_inner()
    }

    fn handle(&self, id: NodeId) -> Value<'_> {
        Value { builder: self, id }
    }

    /// `v`'s node, after checking that `v` belongs to this expression.
    fn own(&self, v: Value<'_>) -> NodeId {
        assert!(
            std::ptr::eq(v.builder, self),
            "a value of one GraphBuilder used in another"
        );
        v.id
    }
}

/// A node of an [`GraphBuilder`]: a copyable handle, as micrograd's `Value`. See the
/// [module docs](self).
#[derive(Clone, Copy)]
pub struct Value<'e> {
    builder: &'e GraphBuilder,
    id: NodeId,
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = self.builder.graph.borrow();
        f.debug_struct("Value")
            .field("id", &self.id)
            .field("data", &g.value(self.id))
            .field("grad", &g.grad(self.id))
            .finish()
    }
}

impl<'e> Value<'e> {
    /// The node in the expression's [`Graph`].
    pub fn id(self) -> NodeId {
        self.id
    }

    /// The current value.
    pub fn data(self) -> f64 {
        self.builder.graph.borrow().value(self.id)
    }

    /// `∂root/∂self` from the last [`backward`](Self::backward) of some `root`.
    pub fn grad(self) -> f64 {
        self.builder.graph.borrow().grad(self.id)
    }

    /// Give this node a name (shown in diagrams, found by [`Graph::find`]).
    pub fn named(self, name: &str) -> Self {
        self.builder.graph.borrow_mut().set_name(self.id, name);
        self
    }

    /// Change a leaf's value; [`backward`](Self::backward) recomputes everything from it.
    ///
    /// # Panics
    /// If `self` is computed, not a leaf.
    pub fn set(self, value: f64) {
        self.builder.graph.borrow_mut().set_value(self.id, value);
    }

    /// Recompute every value from the leaves, then every gradient `∂self/∂node`.
    pub fn backward(self) {
        let mut g = self.builder.graph.borrow_mut();
        g.forward();
        g.backward(self.id);
    }

    /// `self^exponent` for a constant exponent.
    pub fn pow(self, exponent: f64) -> Self {
        self.builder.pow(self, exponent)
    }
    /// `e^self`
    pub fn exp(self) -> Self {
        self.builder.exp(self)
    }
    /// `ln self`
    pub fn ln(self) -> Self {
        self.builder.ln(self)
    }
    /// The logistic function `1 / (1 + e^−self)`.
    pub fn sigmoid(self) -> Self {
        self.builder.sigmoid(self)
    }
    /// `tanh self`
    pub fn tanh(self) -> Self {
        self.builder.tanh(self)
    }
    /// `max(0, self)`
    pub fn relu(self) -> Self {
        self.builder.relu(self)
    }

    /// `n` as a value of the same expression (a constant leaf).
    fn lift(self, n: f64) -> Self {
        self.builder.constant(n)
    }
}

/// `a ∘ b` for values and numbers in every combination, and `a ∘= b`.
macro_rules! binary_ops {
    ($($trait:ident $method:ident $assign:ident $assign_method:ident;)*) => {$(
        impl<'e> $trait for Value<'e> {
            type Output = Value<'e>;
            fn $method(self, rhs: Value<'e>) -> Value<'e> {
                self.builder.$method(self, rhs)
            }
        }
        impl<'e> $trait<f64> for Value<'e> {
            type Output = Value<'e>;
            fn $method(self, rhs: f64) -> Value<'e> {
                self.builder.$method(self, self.lift(rhs))
            }
        }
        impl<'e> $trait<Value<'e>> for f64 {
            type Output = Value<'e>;
            fn $method(self, rhs: Value<'e>) -> Value<'e> {
                rhs.builder.$method(rhs.lift(self), rhs)
            }
        }
        impl<'e> $assign for Value<'e> {
            fn $assign_method(&mut self, rhs: Value<'e>) {
                *self = self.builder.$method(*self, rhs);
            }
        }
        impl $assign<f64> for Value<'_> {
            fn $assign_method(&mut self, rhs: f64) {
                *self = self.builder.$method(*self, self.lift(rhs));
            }
        }
    )*};
}

binary_ops! {
    Add add AddAssign add_assign;
    Sub sub SubAssign sub_assign;
    Mul mul MulAssign mul_assign;
    Div div DivAssign div_assign;
}

impl<'e> Neg for Value<'e> {
    type Output = Value<'e>;
    fn neg(self) -> Value<'e> {
        self.builder.neg(self)
    }
}
