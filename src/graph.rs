//! The scalar computation graph: nodes are values, edges are data flow.
//!
//! [`petgraph`] holds the structure; each node carries its [`Op`] and [`Role`], the graph keeps
//! every node's value and gradient in two dense arrays, and a name table maps canonical names
//! (`z4`, `w(1,4)`, …) to nodes. The builder methods ([`Graph::add`], [`Graph::sigmoid`], …)
//! build any scalar expression node by node. They take `&mut self`, so calls do not nest;
//! [`GraphBuilder`](crate::builder::GraphBuilder) wraps a graph for nested calls and arithmetic operators.
//!
//! ```
//! use deltagraph::graph::Graph;
//!
//! let mut g = Graph::new();
//! let a = g.input("a", 2.0);
//! let b = g.input("b", -3.0);
//! let ab = g.mul(a, b);
//! let c = g.input("c", 10.0);
//! let e = g.add(ab, c);
//! let l = g.tanh(e);
//! g.forward();
//! g.backward(l);
//! assert_eq!(g.value(e), 4.0);
//! // dl/da = (1 − tanh²4) · b
//! let expected = (1.0 - 4.0f64.tanh().powi(2)) * -3.0;
//! assert!((g.grad(a) - expected).abs() < 1e-15);
//! ```
//!
//! Evaluation runs over a [`Tape`] compiled once from the structure;
//! [`Graph::forward`] and [`Graph::backward`] build it on first use and reuse it until a node is
//! added.

mod names;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::autodiff::{Observer, Plain, Restricted, Tape};
use crate::ops::Op;
use names::Names;

pub use crate::node::NodeId;

impl From<NodeId> for NodeIndex<u32> {
    fn from(id: NodeId) -> Self {
        NodeIndex::new(id.index())
    }
}

/// What a node stands for in a neural network (diagrams colour and group by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A network input `x`.
    Input,
    /// A target `y`.
    Target,
    /// A weight `w`.
    Weight,
    /// A bias `b`.
    Bias,
    /// A literal constant.
    Constant,
    /// A neuron's net input `z`.
    Z,
    /// A neuron's output `f(z)` (its activation function applied to `z`).
    NeuronOutput,
    /// The loss `L`.
    Loss,
    /// Any other computed value.
    Intermediate,
}

/// The label a graph node carries: its op and its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// The operation that computes this node (or `Input`/`Const` for a leaf).
    pub op: Op,
    /// What the node stands for.
    pub role: Role,
}

/// A scalar computation graph. See the [module docs](self).
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Structure: node weights are [`Node`]s, an edge `a → c` with weight `i` says `a` is
    /// operand `i` of `c`.
    structure: DiGraph<Node, u32, u32>,
    values: Vec<f64>,
    grads: Vec<f64>,
    names: Names,
    /// Compiled on first evaluation; dropped when a node is added.
    tape: Option<Tape>,
    /// The reverse pass for the weights' and biases' gradients
    /// ([`backward_parameters`](Graph::backward_parameters)), made on first use from the
    /// tape; dropped with it, and when a role changes.
    parameter_pass: Option<Restricted>,
}

/// The operands of `node` in `structure`, in order (edge weights are operand positions).
fn operands_of(structure: &DiGraph<Node, u32, u32>, node: NodeId) -> Vec<NodeId> {
    use petgraph::Direction::Incoming;
    use petgraph::visit::EdgeRef;
    let mut edges: Vec<(u32, NodeId)> = structure
        .edges_directed(node.into(), Incoming)
        .map(|e| (*e.weight(), NodeId(e.source().index() as u32)))
        .collect();
    edges.sort_unstable_by_key(|&(pos, _)| pos);
    edges.into_iter().map(|(_, n)| n).collect()
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The petgraph structure, for algorithms and exporters.
    pub fn structure(&self) -> &DiGraph<Node, u32, u32> {
        &self.structure
    }

    /// Every node, in the order added (which is a topological order).
    pub fn nodes(&self) -> impl DoubleEndedIterator<Item = NodeId> + ExactSizeIterator + '_ {
        (0..self.len() as u32).map(NodeId)
    }

    /// The op and role of `node`.
    pub fn node(&self, node: NodeId) -> Node {
        self.structure[NodeIndex::from(node)]
    }

    /// The operands of `node`, in order.
    pub fn operands(&self, node: NodeId) -> Vec<NodeId> {
        operands_of(&self.structure, node)
    }

    /// The nodes that use `node` as an operand (each once), in the order they were added.
    pub fn consumers(&self, node: NodeId) -> Vec<NodeId> {
        let mut out: Vec<NodeId> = self
            .structure
            .neighbors_directed(node.into(), petgraph::Direction::Outgoing)
            .map(|n| NodeId(n.index() as u32))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The node's current value.
    pub fn value(&self, node: NodeId) -> f64 {
        self.values[node.index()]
    }

    /// The node's gradient from the last [`backward`](Self::backward).
    pub fn grad(&self, node: NodeId) -> f64 {
        self.grads[node.index()]
    }

    /// All values, indexed by [`NodeId::index`].
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// All gradients, indexed by [`NodeId::index`].
    pub fn grads(&self) -> &[f64] {
        &self.grads
    }

    /// Set a leaf's value (an input, target or parameter) before re-evaluating.
    ///
    /// # Panics
    /// If `node` is not a leaf: a computed value is overwritten by the next forward pass.
    pub fn set_value(&mut self, node: NodeId, value: f64) {
        assert!(
            self.node(node).op.is_leaf(),
            "set_value on computed node {node:?} ({})",
            self.node(node).op
        );
        self.values[node.index()] = value;
    }

    /// Values (mutable) and gradients together, for an update of many leaves at once, such as
    /// an SGD step. The caller writes leaves only (the next forward pass overwrites computed
    /// values anyway).
    pub(crate) fn values_mut_and_grads(&mut self) -> (&mut [f64], &[f64]) {
        (&mut self.values, &self.grads)
    }

    /// Replace every gradient (one per node), e.g. with those of another root's reverse pass.
    pub(crate) fn set_grads(&mut self, grads: &[f64]) {
        self.grads.copy_from_slice(grads);
    }

    /// Give `node` a name (replacing any earlier one). Names are unique: naming a second node
    /// with the same name moves the name.
    pub fn set_name(&mut self, node: NodeId, name: impl AsRef<str>) {
        self.names.set(node, format_args!("{}", name.as_ref()));
    }

    /// [`set_name`](Self::set_name) with the name given as format arguments
    /// (`format_args!("w({i},{j})")`), written straight into the name table: no `String` per
    /// name, for networks of a million weights.
    pub fn set_name_fmt(&mut self, node: NodeId, name: std::fmt::Arguments<'_>) {
        self.names.set(node, name);
    }

    /// The node called `name`, if any.
    pub fn find(&self, name: &str) -> Option<NodeId> {
        self.names.find(name)
    }

    /// The node's name, if it has one.
    pub fn name(&self, node: NodeId) -> Option<&str> {
        self.names.name(node)
    }

    /// Add a node computing `op` over `operands`. The general builder; the named methods below
    /// are shorthands.
    ///
    /// # Panics
    /// If the operand count does not fit `op` (e.g. two operands for `sigmoid`), or an operand
    /// is not a node of this graph.
    pub fn apply(&mut self, op: Op, operands: &[NodeId], role: Role) -> NodeId {
        assert!(
            op.arity().accepts(operands.len()),
            "{op} does not take {} operands (takes {:?})",
            operands.len(),
            op.arity()
        );
        let id = NodeId(self.values.len() as u32);
        for &o in operands {
            assert!(o.index() < self.len(), "operand {o:?} is not in this graph");
        }
        let idx = self.structure.add_node(Node { op, role });
        debug_assert_eq!(idx.index(), id.index());
        for (pos, &o) in operands.iter().enumerate() {
            self.structure.add_edge(o.into(), idx, pos as u32);
        }
        let value = if op.is_leaf() {
            0.0
        } else {
            let args: Vec<f64> = operands.iter().map(|o| self.value(*o)).collect();
            crate::ops::forward(op, &args[..])
        };
        self.values.push(value);
        self.grads.push(0.0);
        self.tape = None;
        self.parameter_pass = None;
        id
    }

    /// A leaf with a value and a role.
    pub fn leaf(&mut self, name: Option<&str>, value: f64, role: Role) -> NodeId {
        let op = if role == Role::Constant {
            Op::Const
        } else {
            Op::Input
        };
        let id = self.apply(op, &[], role);
        self.values[id.index()] = value;
        if let Some(name) = name {
            self.set_name(id, name);
        }
        id
    }

    /// A named input leaf (something you will set and differentiate with respect to).
    pub fn input(&mut self, name: &str, value: f64) -> NodeId {
        self.leaf(Some(name), value, Role::Input)
    }

    /// An anonymous constant.
    pub fn constant(&mut self, value: f64) -> NodeId {
        self.leaf(None, value, Role::Constant)
    }

    fn unary(&mut self, op: Op, a: NodeId) -> NodeId {
        self.apply(op, &[a], Role::Intermediate)
    }

    fn binary(&mut self, op: Op, a: NodeId, b: NodeId) -> NodeId {
        self.apply(op, &[a, b], Role::Intermediate)
    }

    /// `a + b`
    pub fn add(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.binary(Op::Add, a, b)
    }
    /// `a − b`
    pub fn sub(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.binary(Op::Sub, a, b)
    }
    /// `a · b`
    pub fn mul(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.binary(Op::Mul, a, b)
    }
    /// `a / b`
    pub fn div(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.binary(Op::Div, a, b)
    }
    /// `−a`
    pub fn neg(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Neg, a)
    }
    /// `a^exponent` for a constant exponent.
    pub fn pow(&mut self, a: NodeId, exponent: f64) -> NodeId {
        let c = self.constant(exponent);
        self.binary(Op::Pow, a, c)
    }
    /// `e^a`
    pub fn exp(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Exp, a)
    }
    /// `ln a`
    pub fn ln(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Ln, a)
    }
    /// The logistic function.
    pub fn sigmoid(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Sigmoid, a)
    }
    /// `tanh a`
    pub fn tanh(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Tanh, a)
    }
    /// `max(0, a)`
    pub fn relu(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Relu, a)
    }
    /// `a`, as a node of its own (a linear activation).
    pub fn identity(&mut self, a: NodeId) -> NodeId {
        self.unary(Op::Identity, a)
    }
    /// `a1 + … + an`
    ///
    /// # Panics
    /// If `terms` is empty.
    pub fn sum(&mut self, terms: &[NodeId]) -> NodeId {
        self.apply(Op::Sum, terms, Role::Intermediate)
    }
    /// `w1·a1 + … + wn·an + b` in one node.
    pub fn weighted_sum(&mut self, pairs: &[(NodeId, NodeId)], bias: NodeId) -> NodeId {
        let mut operands = Vec::with_capacity(2 * pairs.len() + 1);
        for &(w, a) in pairs {
            operands.push(w);
            operands.push(a);
        }
        operands.push(bias);
        self.apply(Op::WeightedSum, &operands, Role::Intermediate)
    }

    /// Change a node's role (the builder methods create intermediates).
    pub fn set_role(&mut self, node: NodeId, role: Role) {
        self.structure[NodeIndex::from(node)].role = role;
        self.parameter_pass = None;
    }

    /// The compiled tape, compiling it if the graph changed since.
    pub fn tape(&mut self) -> &Tape {
        Self::compiled(&mut self.tape, &self.structure)
    }

    /// The tape in `cache`, compiled from `structure` if there is none. A function of the two
    /// fields rather than a method, so that callers can borrow the values beside it.
    fn compiled<'t>(cache: &'t mut Option<Tape>, structure: &DiGraph<Node, u32, u32>) -> &'t Tape {
        cache.get_or_insert_with(|| {
            Tape::compile(structure.node_indices().map(|n| {
                let id = NodeId(n.index() as u32);
                (structure[n].op, operands_of(structure, id))
            }))
        })
    }

    /// Recompute every value from the leaves.
    pub fn forward(&mut self) {
        self.forward_observed(&mut Plain);
    }

    /// Recompute the values up to node `last` (and at most the rest of the layer or run that
    /// computes it); later values are left as they were. [`forward`](Self::forward) computes
    /// them all.
    pub fn forward_to(&mut self, last: NodeId) {
        Self::compiled(&mut self.tape, &self.structure).forward_to(&mut self.values, last);
    }

    /// [`forward_to`](Self::forward_to) on value arrays of this graph's shape that are not
    /// its own: `rows` holds whole arrays one after another (each a copy of
    /// [`values`](Self::values) with its own leaves set), each computed as `forward_to`
    /// computes the graph's own, all at once ([`Tape::forward_rows_to`]). The graph's own
    /// values do not change.
    ///
    /// # Panics
    /// Unless `rows` is a whole number of arrays of one entry per node.
    pub fn forward_rows_to(&mut self, rows: &mut [f64], last: NodeId) {
        Self::compiled(&mut self.tape, &self.structure).forward_rows_to(rows, last);
    }

    /// Reverse pass: `grad(n) = ∂root/∂n` for every node `n`. Call [`forward`](Self::forward)
    /// first if a leaf changed.
    pub fn backward(&mut self, root: NodeId) {
        self.backward_observed(root, &mut Plain);
    }

    /// Reverse pass for what a training step needs: `grad(n) = ∂root/∂n` for every weight and
    /// bias ([`Role::Weight`], [`Role::Bias`]) and every node on a path from one to `root`.
    /// Other gradients (of inputs, targets, constants) are not computed and hold stale
    /// numbers; use [`backward`](Self::backward) to read them. Call
    /// [`forward`](Self::forward) first if a leaf changed.
    pub fn backward_parameters(&mut self, root: NodeId) {
        let tape = Self::compiled(&mut self.tape, &self.structure);
        let structure = &self.structure;
        let pass = self.parameter_pass.get_or_insert_with(|| {
            tape.restricted(
                structure
                    .node_indices()
                    .filter(|&n| matches!(structure[n].role, Role::Weight | Role::Bias))
                    .map(|n| NodeId(n.index() as u32)),
            )
        });
        tape.backward_restricted(pass, &self.values, &mut self.grads, root);
    }

    /// Forward pass that shows every value to `observer`, which may replace it: the checker
    /// uses this to carry a person's own numbers forward.
    pub fn forward_observed<O: Observer>(&mut self, observer: &mut O) {
        Self::compiled(&mut self.tape, &self.structure).forward(&mut self.values, observer);
    }

    /// Reverse pass that shows every local derivative and gradient to `observer`.
    pub fn backward_observed<O: Observer>(&mut self, root: NodeId, observer: &mut O) {
        Self::compiled(&mut self.tape, &self.structure).backward(
            &self.values,
            &mut self.grads,
            root,
            observer,
        );
    }

    /// Reverse pass from any `root` into `grads` instead of the graph's own gradients (which
    /// keep ∂(their root)/∂n): on return `grads[n] = ∂root/∂n`, `grads` resized to one per
    /// node. A batch seeds one at each example's loss for that example's own δ and gradients.
    pub fn backward_into(&mut self, root: NodeId, grads: &mut Vec<f64>) {
        self.backward_into_observed(root, grads, &mut Plain);
    }

    /// [`backward_into`](Self::backward_into) showing every local derivative and gradient to
    /// `observer` (the checker's replay of one example's own reverse pass).
    pub fn backward_into_observed<O: Observer>(
        &mut self,
        root: NodeId,
        grads: &mut Vec<f64>,
        observer: &mut O,
    ) {
        grads.resize(self.values.len(), 0.0);
        Self::compiled(&mut self.tape, &self.structure).backward(
            &self.values,
            grads,
            root,
            observer,
        );
    }
}
