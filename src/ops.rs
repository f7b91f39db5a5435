//! The one place that knows each op: its forward rule and its local derivatives.
//!
//! Everything else in the crate — the tape's forward and reverse passes, the hand-calculation
//! checker, the derivation writer and the trainer — evaluates ops through [`forward`] and
//! [`for_each_partial`]. No other module knows what `sigmoid′` is.
//!
//! Every rule gives a finite value and derivative for any finite input: `sigmoid(±1000)` is
//! `0` or `1`, never NaN, and its derivative there is `0`. The sigmoid is the tutorial's plain
//! `1/(1 + e^−z)` (see [`sigmoid`]); softplus, the cross-entropies and softmax use the stable
//! forms (log-sum-exp, `max(z, 0) + ln(1 + e^−|z|)`).

use std::fmt;

mod exp;
mod terms;

pub(crate) use exp::exp;
pub use terms::{TermsRuns, TermsWanted, terms_backward, terms_forward};
pub(crate) use terms::{terms_backward_unchecked, terms_forward_unchecked};

/// A scalar operation: the label of one node of the computation graph.
///
/// Operands are ordered. `Pow`'s exponent is a constant node (the graph builder creates it); no
/// gradient flows into it. `WeightedSum` takes `[w1, a1, w2, a2, …, wn, an, b]` and computes
/// `w1·a1 + … + wn·an + b`: the `z` of a neuron in one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Op {
    /// A leaf whose value is set from outside (input, target, weight, bias).
    Input,
    /// A leaf that never changes (a literal in an expression).
    Const,
    /// `a + b`
    Add,
    /// `a − b`
    Sub,
    /// `a · b`
    Mul,
    /// `a / b`
    Div,
    /// `−a`
    Neg,
    /// `a^c` with a constant exponent `c` (the second operand).
    Pow,
    /// `e^a`
    Exp,
    /// `ln a`
    Ln,
    /// The logistic function `1 / (1 + e^−a)`.
    Sigmoid,
    /// `tanh a`
    Tanh,
    /// `max(0, a)`; its derivative at 0 is 0.
    Relu,
    /// `a` (a linear activation).
    Identity,
    /// `max(a, b)`; at a tie the whole gradient goes to `a`.
    Max,
    /// `a1 + a2 + … + an`
    Sum,
    /// `(a1 + a2 + … + an) / n`: a batch's loss as the mean of its examples' losses. Each
    /// partial is `1/n`.
    Mean,
    /// `w1·a1 + … + wn·an + b`, operands `[w1, a1, …, wn, an, b]`.
    WeightedSum,
    /// Binary cross-entropy of a probability `p` against a target `y`:
    /// `−[y ln p + (1 − y) ln(1 − p)]`, operands `[p, y]`.
    BinaryCrossEntropy,
    /// Softmax output `k` of a layer, operands `[z_k, z_j…]`: its own net input first, then the
    /// layer's others. `e^{z_k} / Σ_j e^{z_j}`, computed with the largest `z` subtracted so no
    /// exponential overflows. Its partial with respect to operand 0 is the Jacobian's diagonal
    /// `f_k(1 − f_k)`, with respect to another `z_j` it is `−f_k·f_j`.
    Softmax,
    /// Categorical cross-entropy of a softmax output, operands `[z_1 … z_n, f_1 … f_n,
    /// y_1 … y_n]` (the logits, the softmax outputs computed from them, the targets). The
    /// value comes from the logits, `−Σ_k y_k ln softmax_k(z) = Σ_k y_k (lse(z) − z_k)` with
    /// `lse(z) = ln Σ_j e^{z_j}` computed stably (log-sum-exp), so it is finite for any `z`.
    /// `∂L/∂z_k = f_k·Σy − y_k` — `f_k − y_k` for targets that sum to 1 — is taken from the
    /// outputs `f`, as a hand calculation takes it, so an error in a written `f` carries into
    /// δ; no gradient flows into `f` (its value is `softmax(z)`, already counted through `z`).
    CategoricalCrossEntropy,
    /// Binary cross-entropy written in terms of the logit `z` of a sigmoid output:
    /// `−[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y·z`, operands `[z, f, y]` (the
    /// logit, its sigmoid, the target). The value comes from `z`: exact for any finite `z`,
    /// where `BinaryCrossEntropy` of a saturated `σ(z)` is not. `∂L/∂z = f − y` is taken from
    /// the output `f`, as a hand calculation takes it (like [`Op::CategoricalCrossEntropy`]),
    /// so an error in a written `f` carries into δ; no gradient flows into `f`.
    BinaryCrossEntropyWithLogits,
}

/// How many operands an op takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    /// Exactly this many.
    Exactly(usize),
    /// At least this many.
    AtLeast(usize),
    /// An odd number at least 1: `n` (weight, value) pairs and a bias.
    Odd,
    /// A multiple of 3, at least 3: `n` logits, `n` outputs and `n` targets.
    Thirds,
}

impl Arity {
    /// Whether `n` operands fit.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Exactly(k) => n == k,
            Arity::AtLeast(k) => n >= k,
            Arity::Odd => n % 2 == 1,
            Arity::Thirds => n >= 3 && n % 3 == 0,
        }
    }
}

impl Op {
    /// Every op, for exhaustive tests.
    pub const ALL: [Op; 22] = [
        Op::Input,
        Op::Const,
        Op::Add,
        Op::Sub,
        Op::Mul,
        Op::Div,
        Op::Neg,
        Op::Pow,
        Op::Exp,
        Op::Ln,
        Op::Sigmoid,
        Op::Tanh,
        Op::Relu,
        Op::Identity,
        Op::Max,
        Op::Sum,
        Op::Mean,
        Op::WeightedSum,
        Op::BinaryCrossEntropy,
        Op::BinaryCrossEntropyWithLogits,
        Op::Softmax,
        Op::CategoricalCrossEntropy,
    ];

    /// The operand count this op accepts.
    pub fn arity(self) -> Arity {
        use Op::*;
        match self {
            Input | Const => Arity::Exactly(0),
            Neg | Exp | Ln | Sigmoid | Tanh | Relu | Identity => Arity::Exactly(1),
            Add | Sub | Mul | Div | Pow | Max | BinaryCrossEntropy => Arity::Exactly(2),
            BinaryCrossEntropyWithLogits => Arity::Exactly(3),
            Sum | Mean | Softmax => Arity::AtLeast(1),
            CategoricalCrossEntropy => Arity::Thirds,
            WeightedSum => Arity::Odd,
        }
    }

    /// Whether this op is a leaf (has no operands).
    pub fn is_leaf(self) -> bool {
        matches!(self, Op::Input | Op::Const)
    }

    /// A short name, as used in diagrams and error messages.
    pub fn name(self) -> &'static str {
        use Op::*;
        match self {
            Input => "input",
            Const => "const",
            Add => "add",
            Sub => "sub",
            Mul => "mul",
            Div => "div",
            Neg => "neg",
            Pow => "pow",
            Exp => "exp",
            Ln => "ln",
            Sigmoid => "sigmoid",
            Tanh => "tanh",
            Relu => "relu",
            Identity => "identity",
            Max => "max",
            Sum => "sum",
            Mean => "mean",
            WeightedSum => "weighted_sum",
            BinaryCrossEntropy => "bce",
            BinaryCrossEntropyWithLogits => "bce_logits",
            Softmax => "softmax",
            CategoricalCrossEntropy => "cce_logits",
        }
    }

    /// The symbol a diagram shows on the op node (`+`, `×`, `σ`, …).
    pub fn symbol(self) -> &'static str {
        use Op::*;
        match self {
            Input => "in",
            Const => "c",
            Add => "+",
            Sub => "−",
            Mul => "×",
            Div => "÷",
            Neg => "neg",
            Pow => "pow",
            Exp => "exp",
            Ln => "ln",
            Sigmoid => "σ",
            Tanh => "tanh",
            Relu => "relu",
            Identity => "id",
            Max => "max",
            Sum => "Σ",
            Mean => "mean",
            WeightedSum => "Σw·a+b",
            BinaryCrossEntropy => "BCE",
            BinaryCrossEntropyWithLogits => "BCE(σ(z))",
            Softmax => "softmax",
            CategoricalCrossEntropy => "CCE(softmax(z))",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Read access to an op's operand values, wherever they are stored.
///
/// The tape reads operands through an index list into its value array; tests and the checker
/// pass a plain slice.
pub trait Operands {
    /// Number of operands.
    fn len(&self) -> usize;
    /// Operand `i`'s value.
    fn get(&self, i: usize) -> f64;
    /// Whether there are no operands.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Operands for [f64] {
    #[inline]
    fn len(&self) -> usize {
        <[f64]>::len(self)
    }
    #[inline]
    fn get(&self, i: usize) -> f64 {
        self[i]
    }
}

impl<const N: usize> Operands for [f64; N] {
    #[inline]
    fn len(&self) -> usize {
        N
    }
    #[inline]
    fn get(&self, i: usize) -> f64 {
        self[i]
    }
}

/// Operands gathered from a value array through a list of node indices.
pub struct Gather<'a> {
    /// All node values.
    pub values: &'a [f64],
    /// The indices of this op's operands, in order.
    pub indices: &'a [u32],
}

impl Operands for Gather<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.indices.len()
    }
    #[inline]
    fn get(&self, i: usize) -> f64 {
        self.values[self.indices[i] as usize]
    }
}

/// The logistic function `1/(1 + e^−z)`, written as the tutorial's program writes it, so a
/// network's values are that program's bit for bit (the same `exp`, the same operations).
///
/// Finite for every input but NaN (whose result is NaN): below z ≈ −709.78 `e^−z` overflows
/// to +∞ and the quotient is +0, where the true value is under 2⁻¹⁰²² (subnormal, or 0 past
/// z ≈ −745.13).
/// The form `e^z/(1 + e^z)` for z < 0 would keep those subnormals, at the price of a second
/// division or a select on every neuron of every training sample, and of values that differ
/// from the tutorial's in the last bit.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    logistic(exp(-z))
}

/// The logistic function's last step, from `e^−z`: the one place its formula is written.
#[inline(always)]
fn logistic(exp_neg_z: f64) -> f64 {
    1.0 / (1.0 + exp_neg_z)
}

/// [`sigmoid`] by `exp`'s inline path alone: `(σ(z), true)`, bit for bit, where that path
/// covers `−z`; `(anything, false)` where `exp` would call glibc (a saturated or tiny `z`).
///
/// # Safety
/// Only on a CPU with FMA.
#[cfg(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64"))]
#[target_feature(enable = "fma")]
#[inline]
pub(crate) unsafe fn sigmoid_inline(z: f64) -> (f64, bool) {
    // SAFETY: the caller's promise.
    let (e, covered) = unsafe { exp::fma::exp_inline(-z) };
    (logistic(e), covered)
}

/// `ln(1 + e^z)`, stable for every finite input.
#[inline]
pub fn softplus(z: f64) -> f64 {
    z.max(0.0) + exp(-z.abs()).ln_1p()
}

/// The largest of `a`'s operands `from..to`.
#[inline]
fn max_of<A: Operands + ?Sized>(a: &A, from: usize, to: usize) -> f64 {
    (from..to)
        .map(|i| a.get(i))
        .fold(f64::NEG_INFINITY, f64::max)
}

/// `ln Σ e^{a_i}` over operands `from..to`, stable: the largest is factored out, so the sum is
/// at least 1 and nothing overflows.
#[inline]
fn log_sum_exp<A: Operands + ?Sized>(a: &A, from: usize, to: usize) -> f64 {
    let m = max_of(a, from, to);
    m + (from..to).map(|i| exp(a.get(i) - m)).sum::<f64>().ln()
}

/// The smallest probability the cross-entropy takes a log of: keeps `ln` finite at 0 and 1.
const PROB_FLOOR: f64 = 1e-300;

/// Apply `op` to its operands. Leaves have no rule: their value is set, not computed, so this
/// returns NaN for them and the tape never calls it on a leaf.
#[inline(always)]
pub fn forward<A: Operands + ?Sized>(op: Op, a: &A) -> f64 {
    use Op::*;
    match op {
        Input | Const => f64::NAN,
        Add => a.get(0) + a.get(1),
        Sub => a.get(0) - a.get(1),
        Mul => a.get(0) * a.get(1),
        Div => a.get(0) / a.get(1),
        Neg => -a.get(0),
        // Squares (every squared-error loss) skip `powf`: x·x is the correctly rounded
        // square, and a libm call per loss term was the trainer's largest single cost.
        Pow if a.get(1) == 2.0 => a.get(0) * a.get(0),
        Pow => a.get(0).powf(a.get(1)),
        Exp => exp(a.get(0)),
        Ln => a.get(0).ln(),
        Sigmoid => sigmoid(a.get(0)),
        Tanh => a.get(0).tanh(),
        Relu => a.get(0).max(0.0),
        Identity => a.get(0),
        Max => a.get(0).max(a.get(1)),
        Sum => (0..a.len()).map(|i| a.get(i)).sum(),
        Mean => (0..a.len()).map(|i| a.get(i)).sum::<f64>() / a.len() as f64,
        WeightedSum => {
            let pairs = a.len() / 2;
            let mut z = 0.0;
            for k in 0..pairs {
                z += a.get(2 * k) * a.get(2 * k + 1);
            }
            z + a.get(2 * pairs)
        }
        BinaryCrossEntropy => {
            let (p, y) = (a.get(0), a.get(1));
            let mut loss = 0.0;
            // 0·ln 0 is taken as 0, so a confident right answer costs nothing.
            if y != 0.0 {
                loss -= y * p.max(PROB_FLOOR).ln();
            }
            if y != 1.0 {
                loss -= (1.0 - y) * (1.0 - p).max(PROB_FLOOR).ln();
            }
            loss
        }
        BinaryCrossEntropyWithLogits => {
            let (z, y) = (a.get(0), a.get(2));
            softplus(z) - y * z
        }
        Softmax => exp(a.get(0) - log_sum_exp(a, 0, a.len())),
        CategoricalCrossEntropy => {
            let n = a.len() / 3;
            let lse = log_sum_exp(a, 0, n);
            // Each term y_k·(lse − z_k) is ≥ 0: no cancellation between large numbers.
            (0..n)
                .filter(|&k| a.get(2 * n + k) != 0.0)
                .map(|k| a.get(2 * n + k) * (lse - a.get(k)))
                .sum()
        }
    }
}

/// Call `f(i, ∂out/∂operand_i)` for every operand `i` of `op`, given the operand values and the
/// node's own output `out` (sigmoid′ = out·(1 − out), as a hand calculation writes it).
///
/// This is the op's local derivative and the only copy of it: the reverse pass multiplies it by
/// the node's gradient, the checker compares a hand-written `f′(z)` with it.
#[inline(always)]
pub fn for_each_partial<A: Operands + ?Sized>(
    op: Op,
    a: &A,
    out: f64,
    mut f: impl FnMut(usize, f64),
) {
    use Op::*;
    match op {
        Input | Const => {}
        Add => {
            f(0, 1.0);
            f(1, 1.0);
        }
        Sub => {
            f(0, 1.0);
            f(1, -1.0);
        }
        Mul => {
            f(0, a.get(1));
            f(1, a.get(0));
        }
        Div => {
            let b = a.get(1);
            f(0, 1.0 / b);
            f(1, -a.get(0) / (b * b));
        }
        Neg => f(0, -1.0),
        Pow => {
            let (x, c) = (a.get(0), a.get(1));
            // The exponent is a constant: no gradient flows into it.
            // c = 2: 2·x, which is exactly what c·x^(c−1) gives, without the `powf` call.
            let d = if c == 0.0 {
                0.0
            } else if c == 2.0 {
                2.0 * x
            } else {
                c * x.powf(c - 1.0)
            };
            f(0, d);
            f(1, 0.0);
        }
        Exp => f(0, out),
        Ln => f(0, 1.0 / a.get(0)),
        Sigmoid => f(0, out * (1.0 - out)),
        Tanh => f(0, 1.0 - out * out),
        Relu => f(0, if a.get(0) > 0.0 { 1.0 } else { 0.0 }),
        Identity => f(0, 1.0),
        Max => {
            let first = a.get(0) >= a.get(1);
            f(0, if first { 1.0 } else { 0.0 });
            f(1, if first { 0.0 } else { 1.0 });
        }
        Sum => (0..a.len()).for_each(|i| f(i, 1.0)),
        Mean => {
            let share = 1.0 / a.len() as f64;
            (0..a.len()).for_each(|i| f(i, share));
        }
        WeightedSum => {
            let pairs = a.len() / 2;
            for k in 0..pairs {
                f(2 * k, a.get(2 * k + 1));
                f(2 * k + 1, a.get(2 * k));
            }
            f(2 * pairs, 1.0);
        }
        BinaryCrossEntropy => {
            let (p, y) = (a.get(0), a.get(1));
            let pc = p.clamp(PROB_FLOOR, 1.0 - f64::EPSILON / 2.0);
            f(0, (pc - y) / (pc * (1.0 - pc)));
            f(1, (1.0 - p).max(PROB_FLOOR).ln() - p.max(PROB_FLOOR).ln());
        }
        BinaryCrossEntropyWithLogits => {
            let (z, f_of_z, y) = (a.get(0), a.get(1), a.get(2));
            f(0, f_of_z - y);
            f(1, 0.0);
            f(2, -z);
        }
        Softmax => {
            let lse = log_sum_exp(a, 0, a.len());
            f(0, out * (1.0 - out));
            for i in 1..a.len() {
                f(i, -out * exp(a.get(i) - lse));
            }
        }
        CategoricalCrossEntropy => {
            let n = a.len() / 3;
            let total: f64 = (2 * n..3 * n).map(|k| a.get(k)).sum();
            for k in 0..n {
                f(k, a.get(n + k) * total - a.get(2 * n + k));
            }
            for k in 0..n {
                f(n + k, 0.0);
            }
            let lse = log_sum_exp(a, 0, n);
            for k in 0..n {
                f(2 * n + k, lse - a.get(k));
            }
        }
    }
}

/// [`forward`] for a `WeightedSum` whose operands lie in two contiguous runs of nodes —
/// weights `w..w + n`, values `a..a + n`, bias `b`: the same sum in the same order, so the
/// same number bit for bit, without an index per operand.
// Out of line: inlined, it crowds the tape's loop and the small ops there lose their inlining.
#[inline(never)]
pub fn weighted_sum_runs(values: &[f64], w: usize, a: usize, n: usize, b: usize) -> f64 {
    let mut z = 0.0;
    for (wk, ak) in values[w..w + n].iter().zip(&values[a..a + n]) {
        z += wk * ak;
    }
    z + values[b]
}

/// A dense layer's weighted sums laid out as runs of nodes, in this order: the values
/// `a..a + n`, the weights `w..w + m·n` (row by row), the biases `b..b + m`, the sums
/// `out..out + m`. Sum `j < m` is node `out + j`, over the values with weights
/// `w + j·n..w + (j + 1)·n` and bias `b + j`. (Node numbers as `u32`, as the tape stores them.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DenseRuns {
    /// The first sum's node.
    pub out: u32,
    /// Number of sums (neurons).
    pub m: u32,
    /// The first weight of the first sum.
    pub w: u32,
    /// The first value.
    pub a: u32,
    /// Values (and weights) per sum.
    pub n: u32,
    /// The first sum's bias.
    pub b: u32,
}

impl DenseRuns {
    /// Whether the four runs lie in the order the slice forms need (values, weights, biases,
    /// sums), without overlapping.
    pub fn in_order(&self) -> bool {
        // In u64, where sums and products of these u32 cannot overflow (in usize they could
        // on a 32-bit target, and the unchecked forms rely on this answer).
        let [out, m, w, a, n, b] =
            [self.out, self.m, self.w, self.a, self.n, self.b].map(u64::from);
        a + n <= w && w + m * n <= b && b + m <= out
    }

    fn bounds(&self) -> [usize; 6] {
        [self.out, self.m, self.w, self.a, self.n, self.b].map(|x| x as usize)
    }

    /// Whether the runs are [in order](Self::in_order) and the sums, the last of them, end
    /// within `len` nodes: what the slice forms check before touching anything.
    pub fn fits(&self, len: usize) -> bool {
        self.in_order() && u64::from(self.out) + u64::from(self.m) <= len as u64
    }

    /// The values, weights, biases and sums of an array of `values` (or gradients).
    ///
    /// # Panics
    /// Unless the runs [fit](Self::fits) in `xs`.
    #[inline(always)]
    fn split<'v>(&self, xs: &'v mut [f64]) -> [&'v mut [f64]; 4] {
        assert!(
            self.fits(xs.len()),
            "a dense layer's runs are in order and on the tape"
        );
        // SAFETY: just checked.
        unsafe { self.split_unchecked(xs) }
    }

    /// [`split`](Self::split) without its check, for the tape, which checks its layers once
    /// when it groups them (four comparisons and three splits per layer and pass add up on
    /// small networks trained sample by sample).
    ///
    /// # Safety
    /// The runs [fit](Self::fits) in `xs`.
    #[inline(always)]
    pub(crate) unsafe fn split_unchecked<'v>(&self, xs: &'v mut [f64]) -> [&'v mut [f64]; 4] {
        debug_assert!(self.fits(xs.len()));
        let [out, m, w, a, n, b] = self.bounds();
        let p = xs.as_mut_ptr();
        // SAFETY: in order, the runs are disjoint and each ends before the next begins; the
        // last ends within `xs` (the caller's promise).
        unsafe {
            [
                std::slice::from_raw_parts_mut(p.add(a), n),
                std::slice::from_raw_parts_mut(p.add(w), m * n),
                std::slice::from_raw_parts_mut(p.add(b), m),
                std::slice::from_raw_parts_mut(p.add(out), m),
            ]
        }
    }

    /// Whether a dense layer with activations at `activations..activations + m` fits in `len`
    /// nodes: the runs [fit](Self::fits) before the activations, which end within `len`.
    pub fn fits_with_activations(&self, activations: usize, len: usize) -> bool {
        self.fits(activations)
            && activations
                .checked_add(self.m as usize)
                .is_some_and(|end| end <= len)
    }

    /// The nodes before `activations` and the `m` activations, as two slices.
    ///
    /// # Safety
    /// [`fits_with_activations`](Self::fits_with_activations)`(activations, xs.len())`.
    #[inline(always)]
    pub(crate) unsafe fn split_activations<'v>(
        &self,
        xs: &'v mut [f64],
        activations: usize,
    ) -> (&'v mut [f64], &'v mut [f64]) {
        debug_assert!(self.fits_with_activations(activations, xs.len()));
        let p = xs.as_mut_ptr();
        // SAFETY: `activations + m ≤ xs.len()` (the caller's promise); the two are disjoint.
        unsafe {
            (
                std::slice::from_raw_parts_mut(p, activations),
                std::slice::from_raw_parts_mut(p.add(activations), self.m as usize),
            )
        }
    }
}

/// Calls `run!(OP)` with `OP` a constant for every one-operand op, and with the op itself for
/// any other: inside, [`forward`] and [`for_each_partial`] on a constant op inline to the one
/// rule, so a loop over a run of nodes dispatches once, not once per node.
macro_rules! with_constant_unary_op {
    ($op:expr, $run:ident) => {
        match $op {
            Op::Neg => $run!(Op::Neg),
            Op::Exp => $run!(Op::Exp),
            Op::Ln => $run!(Op::Ln),
            Op::Sigmoid => $run!(Op::Sigmoid),
            Op::Tanh => $run!(Op::Tanh),
            Op::Relu => $run!(Op::Relu),
            Op::Identity => $run!(Op::Identity),
            other => $run!(other),
        }
    };
}

/// [`weighted_sum_runs`] for every sum of a dense layer: row by row, the same numbers as `m`
/// separate weighted sums.
///
/// # Panics
/// Unless `d` [fits](DenseRuns::fits) in `values`.
pub fn dense_forward(values: &mut [f64], d: &DenseRuns) {
    let [inputs, weights, biases, sums] = d.split(values);
    dense_rows(inputs, weights, biases, sums, |_, _| {});
}

/// Calls `run!(N)` with `N` the literal `n` for the narrow rows of small networks (the
/// tutorial's and Iris's layers take 2 to 5 inputs), and `run!(n)` for any other width: with
/// the width a constant, the inner loops of a row unroll completely instead of paying a
/// vectorised loop's set-up and remainder for four or five products.
macro_rules! with_constant_width {
    ($n:expr, $run:ident) => {
        match $n {
            1 => $run!(1),
            2 => $run!(2),
            3 => $run!(3),
            4 => $run!(4),
            5 => $run!(5),
            6 => $run!(6),
            7 => $run!(7),
            8 => $run!(8),
            n => $run!(n),
        }
    };
}

/// The sums of a dense layer row by row into `sums`, calling `then(j, z_j)` after each.
#[inline(always)]
fn dense_rows(
    inputs: &[f64],
    weights: &[f64],
    biases: &[f64],
    sums: &mut [f64],
    then: impl FnMut(usize, f64),
) {
    macro_rules! run {
        ($n:expr) => {
            dense_rows_of_width($n, inputs, weights, biases, sums, then)
        };
    }
    with_constant_width!(inputs.len(), run)
}

/// [`dense_rows`] with rows of `n` inputs (`inputs.len()`, passed apart so that a constant
/// `n` reaches the loops).
#[inline(always)]
pub(crate) fn dense_rows_of_width(
    n: usize,
    inputs: &[f64],
    weights: &[f64],
    biases: &[f64],
    sums: &mut [f64],
    mut then: impl FnMut(usize, f64),
) {
    let m = sums.len();
    // Cut to exact lengths once: the loops index within them without a check per element
    // or the length arithmetic of a chain of `zip`s.
    let (inputs, weights, biases) = (&inputs[..n], &weights[..m * n], &biases[..m]);
    for j in 0..m {
        let row = &weights[j * n..][..n];
        let mut s = 0.0;
        for k in 0..n {
            // Narrow rows read each weight alone: given the chance, the compiler pairs a
            // row's products into 16-byte vector multiplies, whose loads straddle the
            // weights the last training step stored a vector at a time, and a sample-step
            // took 7 ns longer (docs/performance.md). A volatile load is an ordinary load
            // that is never merged with another.
            let w = if n <= 8 {
                // SAFETY: `row[k]` is an element of a slice, in bounds: valid and aligned.
                unsafe { std::ptr::read_volatile(&row[k]) }
            } else {
                row[k]
            };
            s += w * inputs[k];
        }
        sums[j] = s + biases[j];
        then(j, sums[j]);
    }
}

/// A dense layer and the one-operand activation `op` of each of its sums, written to nodes
/// `out..out + m` (after the sums): [`dense_forward`] and [`unary_run_forward`] in one loop,
/// each activation as soon as its sum is known — the same rules, so the same numbers.
///
/// # Panics
/// Unless `d` [fits](DenseRuns::fits_with_activations) with its activations at `out` in
/// `values`: runs in order, activations after the sums and within `values`.
#[inline(always)]
pub fn layer_forward(op: Op, values: &mut [f64], d: &DenseRuns, out: usize) {
    assert!(
        d.fits_with_activations(out, values.len()),
        "a dense layer's runs are in order, then its activations"
    );
    // SAFETY: just checked.
    unsafe { layer_forward_unchecked(op, values, d, out) }
}

/// [`layer_forward`] without its check, for the tape, which checks its layers when it groups
/// them.
///
/// # Safety
/// `d.`[`fits_with_activations`](DenseRuns::fits_with_activations)`(out, values.len())`.
#[inline(always)]
pub(crate) unsafe fn layer_forward_unchecked(
    op: Op,
    values: &mut [f64],
    d: &DenseRuns,
    out: usize,
) {
    // SAFETY: the caller's promise, for both.
    let (low, activations) = unsafe { d.split_activations(values, out) };
    let [inputs, weights, biases, sums] = unsafe { d.split_unchecked(low) };
    macro_rules! run {
        ($op:expr) => {
            dense_rows(inputs, weights, biases, sums, |j, z| {
                activations[j] = forward($op, &[z])
            })
        };
    }
    with_constant_unary_op!(op, run)
}

/// The body of a dense layer's forward step over one value array, rows `$n` wide (a
/// constant where the caller dispatched on the width), activation `$op` (or `|z| …`, an
/// expression for the activation of sum `z`): a macro, not a
/// function, so that the activation's closure is written inside the function that expands
/// it and compiled with that function's CPU features (a closure made in an inlined helper
/// was left out of line in the AVX2 kernels: a call per neuron).
///
/// The caller promises what [`layer_forward_unchecked`] needs, in an `unsafe` block.
macro_rules! layer_forward_row {
    ($n:expr, $values:expr, $d:expr, $out:expr, |$z:ident| $activation:expr) => {{
        let d: &$crate::ops::DenseRuns = $d;
        let (low, activations) = d.split_activations($values, $out);
        let [inputs, weights, biases, sums] = d.split_unchecked(low);
        $crate::ops::dense_rows_of_width($n, inputs, weights, biases, sums, |j, $z| {
            activations[j] = $activation
        })
    }};
    ($n:expr, $op:expr, $values:expr, $d:expr, $out:expr) => {
        $crate::ops::layer_forward_row!($n, $values, $d, $out, |z| $crate::ops::forward($op, &[z]))
    };
}
pub(crate) use layer_forward_row;

/// [`layer_forward_unchecked`] on each of several value arrays, one after another in `rows`
/// (`len` entries each), with the op and the width dispatched once for all of them: a
/// training epoch's validation runs each layer over all its rows before the next layer, so
/// a row costs its arithmetic, not a step's set-up. Each array gets what
/// [`layer_forward`] gives it: the same rows of sums, the same activations.
///
/// # Safety
/// `len > 0`, `rows.len()` a multiple of `len`, and `d`
/// [fits](DenseRuns::fits_with_activations) with its activations at `out` in `len` nodes.
#[inline(always)]
pub(crate) unsafe fn layer_forward_rows_unchecked(
    op: Op,
    rows: &mut [f64],
    len: usize,
    d: &DenseRuns,
    out: usize,
) {
    macro_rules! each_row {
        ($op:expr, $n:expr) => {
            // The body of `layer_forward_unchecked`'s row loop, with the width outside: that
            // function delegating to this one for one row, or both calling a shared row
            // function, cost 38 and 221 more instructions per Iris sample-step.
            for values in rows.chunks_exact_mut(len) {
                // SAFETY: the caller's promise, for every array of `len` entries.
                unsafe { layer_forward_row!($n, $op, values, d, out) }
            }
        };
    }
    // The tutorial's and Iris's activation as a constant; any other op still once per row.
    macro_rules! run {
        ($n:expr) => {
            match op {
                Op::Sigmoid => each_row!(Op::Sigmoid, $n),
                other => each_row!(other, $n),
            }
        };
    }
    with_constant_width!(d.n as usize, run)
}

/// The reverse of [`layer_forward`]: [`unary_run_backward`] of the activations, then
/// [`dense_backward`] of the sums — for a sigmoid layer of narrow rows, as one loop that
/// finishes each sum's gradient just before its row pushes on (the same additions, in the same
/// order).
///
/// # Panics
/// Unless `d` [fits](DenseRuns::fits_with_activations) with its activations at `out` in
/// `grads`, and `values` has the length of `grads`.
#[inline(always)]
pub fn layer_backward(
    op: Op,
    values: &[f64],
    grads: &mut [f64],
    d: &DenseRuns,
    out: usize,
    inputs: bool,
) {
    assert!(
        d.fits_with_activations(out, grads.len()) && values.len() == grads.len(),
        "a dense layer's runs are in order, then its activations"
    );
    // SAFETY: just checked.
    unsafe { layer_backward_unchecked(op, values, grads, d, out, inputs, false) }
}

/// [`layer_backward`] without its check, for the tape, which checks its layers when it
/// groups them; with `first`, the layer's pushes are the first its targets receive, and it
/// stores them ([`stores_first_pushes`]).
///
/// # Safety
/// `d.`[`fits_with_activations`](DenseRuns::fits_with_activations)`(out, grads.len())` and
/// `values.len() == grads.len()`.
#[inline(always)]
pub(crate) unsafe fn layer_backward_unchecked(
    op: Op,
    values: &[f64],
    grads: &mut [f64],
    d: &DenseRuns,
    out: usize,
    inputs: bool,
    first: bool,
) {
    let [_, m, _, _, n, _] = d.bounds();
    if !fuses_activation(op, n) {
        unary_run_backward(op, values, grads, d.out as usize, out, m);
        dense_backward_first(values, grads, d, inputs, first);
        return;
    }
    macro_rules! run {
        ($n:expr) => {
            // SAFETY: the caller's promise.
            unsafe { sigmoid_layer_backward_of_width($n, values, grads, d, out, inputs, first) }
        };
    }
    with_constant_width!(n, run)
}

/// [`layer_backward_unchecked`] of a sigmoid layer of narrow rows ([`fuses_activation`]) with
/// rows of `n` inputs, in one loop: a constant `n` where the caller dispatched on the width.
///
/// # Safety
/// As for [`layer_backward_unchecked`], `d.n == n`, and the layer's activation a sigmoid.
#[inline(always)]
pub(crate) unsafe fn sigmoid_layer_backward_of_width(
    n: usize,
    values: &[f64],
    grads: &mut [f64],
    d: &DenseRuns,
    out: usize,
    inputs: bool,
    first: bool,
) {
    let [_, m, w, a, _, _] = d.bounds();
    debug_assert_eq!(d.n as usize, n, "the layer's width");
    // Each sum's gradient is finished (its activation's push, by the same rule) just before
    // its row pushes on, in one loop — the same single addition into each sum's gradient,
    // and the same order of additions everywhere else, as the two runs one after the other
    // (a row pushes only into nodes before the sums).
    // SAFETY (all four): the caller's promise; the value runs lie where the gradient runs do.
    let (low, grad_activations) = unsafe { d.split_activations(grads, out) };
    let [grad_inputs, grad_weights, grad_biases, grad_sums] = unsafe { d.split_unchecked(low) };
    let (values_in, weights) = unsafe {
        (
            values.get_unchecked(a..a + n),
            values.get_unchecked(w..w + m * n),
        )
    };
    let (sums, activations) = unsafe {
        (
            values.get_unchecked(d.out as usize..d.out as usize + m),
            values.get_unchecked(out..out + m),
        )
    };
    let grad_activations = &*grad_activations;
    let grads = [grad_inputs, grad_weights, grad_biases];
    macro_rules! run {
        ($first:literal) => {{
            let finish = |j: usize, grad_sum: &mut f64| {
                let g = grad_activations[j];
                for_each_partial(Op::Sigmoid, &[sums[j]], activations[j], |_, p| {
                    push::<$first>(grad_sum, p * g)
                });
            };
            dense_backward_of_width::<$first>(
                n, values_in, weights, grads, grad_sums, inputs, finish,
            )
        }};
    }
    if first { run!(true) } else { run!(false) }
}

/// Rows at least this wide take the wide-row reverse loops (see [`dense_backward`]).
const WIDE_ROWS: usize = 32;

/// Whether a dense layer of rows `n` wide with activation `op` runs its reverse pass as one
/// loop, each sum's gradient finished just before its row pushes on
/// ([`layer_backward`]): sigmoid layers of narrow rows.
pub(crate) fn fuses_activation(op: Op, n: usize) -> bool {
    op == Op::Sigmoid && n < WIDE_ROWS
}

/// Whether a dense layer's reverse step with rows `n` wide can store, instead of add, the
/// first contribution it gives the nodes it alone reads — so that the pass need not clear
/// them first: narrow rows can (their weights and biases, their values — the last row
/// stores, the rows before it add — and, where the activation's push is fused into the rows
/// ([`fuses_activation`]), their sums); wide rows always add. `first` of the tape's layer
/// steps says a layer stores them all.
pub(crate) fn stores_first_pushes(n: usize) -> bool {
    n < WIDE_ROWS
}

/// Push `x` into a gradient: `g + x`, or with `FIRST` (`g` not yet written: it holds anything)
/// `0 + x` — the number adding it to a cleared gradient gives, bit for bit (`0 + (−0)` is
/// `+0`), without reading the gradient.
#[inline(always)]
pub(crate) fn push<const FIRST: bool>(g: &mut f64, x: f64) {
    if FIRST { *g = 0.0 + x } else { *g += x }
}

/// [`weighted_sum_backward_runs`] for every sum of a dense layer, from the last row to the
/// first (the order of the reverse pass), with `g` the gradient of the row's sum: the same
/// numbers as `m` separate calls. With `inputs` false the values' gradients are left alone
/// (a training step needs ∂L/∂w and ∂L/∂b, not ∂L/∂x of the data).
///
/// # Panics
/// Unless `d` [fits](DenseRuns::fits) in `grads` and `values`.
#[inline(always)]
pub fn dense_backward(values: &[f64], grads: &mut [f64], d: &DenseRuns, inputs: bool) {
    dense_backward_first(values, grads, d, inputs, false)
}

/// [`dense_backward`]; with `first` (narrow rows only: [`stores_first_pushes`]), its pushes are the
/// first its targets receive, and it stores them.
#[inline(always)]
pub(crate) fn dense_backward_first(
    values: &[f64],
    grads: &mut [f64],
    d: &DenseRuns,
    inputs: bool,
    first: bool,
) {
    let [out, m, w, a, n, b] = d.bounds();
    if n >= WIDE_ROWS {
        debug_assert!(!first, "wide rows add");
        // Wide rows: the row rule out of line vectorises better (measured: `benches/tape.rs`);
        // narrow ones (`benches/train.rs`) gain from one loop over the layer.
        for j in (0..m).rev() {
            let g = grads[out + j];
            weighted_sum_backward_runs(values, grads, w + j * n, a, n, b + j, g, inputs);
        }
        return;
    }
    let [grad_inputs, grad_weights, grad_biases, grad_sums] = d.split(grads);
    let (values_in, weights) = (&values[a..a + n], &values[w..w + m * n]);
    let grad_sums = &mut grad_sums[..m];
    let grads = [grad_inputs, grad_weights, grad_biases];
    if first {
        dense_backward_rows::<true>(values_in, weights, grads, grad_sums, inputs, |_, _| {})
    } else {
        dense_backward_rows::<false>(values_in, weights, grads, grad_sums, inputs, |_, _| {})
    }
}

/// The narrow-row reverse loops of a dense layer ([`dense_backward_of_width`]) with the row
/// width `values_in.len()` a constant where it is 1 to 8; `finish(j, ∂L/∂z_j)` completes a
/// sum's gradient before its row pushes on (a fused activation's push, or nothing).
#[inline(always)]
fn dense_backward_rows<const FIRST: bool>(
    values_in: &[f64],
    weights: &[f64],
    grads: [&mut [f64]; 3],
    grad_sums: &mut [f64],
    inputs: bool,
    finish: impl FnMut(usize, &mut f64),
) {
    macro_rules! run {
        ($n:expr) => {
            dense_backward_of_width::<FIRST>(
                $n, values_in, weights, grads, grad_sums, inputs, finish,
            )
        };
    }
    with_constant_width!(values_in.len(), run)
}

/// [`dense_backward`]'s narrow-row loops, with rows of `n` values (passed apart so that a
/// constant `n` reaches the loops); with `FIRST`, the pushes are the first their targets
/// receive ([`stores_first_pushes`]) and are stored ([`push`]).
#[inline(always)]
fn dense_backward_of_width<const FIRST: bool>(
    n: usize,
    values_in: &[f64],
    weights: &[f64],
    [grad_inputs, grad_weights, grad_biases]: [&mut [f64]; 3],
    grad_sums: &mut [f64],
    inputs: bool,
    mut finish: impl FnMut(usize, &mut f64),
) {
    let m = grad_sums.len();
    // Every slice cut to its exact length once: the loops below index within them with no
    // per-element check, and (unlike a chain of `zip`s) with no length arithmetic per layer.
    let values_in = &values_in[..n];
    let grad_inputs = &mut grad_inputs[..n];
    let (weights, grad_weights) = (&weights[..m * n], &mut grad_weights[..m * n]);
    let grad_biases = &mut grad_biases[..m];
    // ∂z_j/∂w_jk = a_k, ∂z_j/∂b_j = 1 and ∂z_j/∂a_k = w_jk, row by row from the last to the
    // first, as the node-by-node pass adds them (so each value's gradient is the same sum bit
    // for bit); with `n` a constant each row's loops unroll.
    for j in (0..m).rev() {
        finish(j, &mut grad_sums[j]);
        let g = grad_sums[j];
        let (grad_row, row) = (&mut grad_weights[j * n..][..n], &weights[j * n..][..n]);
        for k in 0..n {
            push::<FIRST>(&mut grad_row[k], values_in[k] * g);
        }
        push::<FIRST>(&mut grad_biases[j], g);
        if inputs {
            // The last row, the first in the reverse pass, pushes first into the values.
            if FIRST && j == m - 1 {
                for k in 0..n {
                    push::<true>(&mut grad_inputs[k], row[k] * g);
                }
            } else {
                for k in 0..n {
                    grad_inputs[k] += row[k] * g;
                }
            }
        }
    }
}

/// The inputs `input..input + m` and outputs `out..out + m` of a run of nodes, as two slices.
///
/// # Panics
/// Unless `input + m ≤ out` (operands precede their consumers).
fn run_slices<T>(xs: &mut [T], input: usize, out: usize, m: usize) -> (&mut [T], &mut [T]) {
    assert!(input + m <= out, "a run's inputs precede its outputs");
    let (low, high) = xs.split_at_mut(out);
    (&mut low[input..input + m], &mut high[..m])
}

/// [`forward`] over a run of nodes applying the same one-operand `op`: node `out + k` is
/// `op(node input + k)` for `k < m`.
///
/// # Panics
/// Unless `input + m ≤ out`.
#[inline(always)]
pub fn unary_run_forward(op: Op, values: &mut [f64], input: usize, out: usize, m: usize) {
    let (xs, ys) = run_slices(values, input, out, m);
    macro_rules! run {
        ($op:expr) => {
            for (y, &x) in ys.iter_mut().zip(xs.iter()) {
                *y = forward($op, &[x]);
            }
        };
    }
    with_constant_unary_op!(op, run)
}

/// [`for_each_partial`] of [`unary_run_forward`]'s nodes, from the last to the first: adds
/// `op′ · grads[out + k]` into `grads[input + k]`.
///
/// # Panics
/// Unless `input + m ≤ out`.
#[inline(always)]
pub fn unary_run_backward(
    op: Op,
    values: &[f64],
    grads: &mut [f64],
    input: usize,
    out: usize,
    m: usize,
) {
    let (xs, ys) = (&values[input..input + m], &values[out..out + m]);
    let (gx, gy) = run_slices(grads, input, out, m);
    let runs = gx.iter_mut().zip(&*gy).zip(xs).zip(ys);
    macro_rules! run {
        ($op:expr) => {
            for (((gx, &g), &x), &y) in runs.rev() {
                for_each_partial($op, &[x], y, |_, p| *gx += p * g);
            }
        };
    }
    with_constant_unary_op!(op, run)
}

/// Calls `run!(OP)` with `OP` a constant for every two-operand op, and with the op itself
/// for any other (see `with_constant_unary_op`).
macro_rules! with_constant_binary_op {
    ($op:expr, $run:ident) => {
        match $op {
            Op::Add => $run!(Op::Add),
            Op::Sub => $run!(Op::Sub),
            Op::Mul => $run!(Op::Mul),
            Op::Div => $run!(Op::Div),
            Op::Pow => $run!(Op::Pow),
            Op::BinaryCrossEntropy => $run!(Op::BinaryCrossEntropy),
            other => $run!(other),
        }
    };
}

/// [`forward`] over a run of nodes applying the same two-operand `op`: node `out + k` is
/// `op(node inputs[0] + k, node inputs[1] + k)` for `k < m`.
///
/// # Panics
/// Unless both input runs precede the outputs.
#[inline(always)]
pub fn binary_run_forward(op: Op, values: &mut [f64], inputs: [usize; 2], out: usize, m: usize) {
    let [i0, i1] = inputs;
    assert!(
        i0 + m <= out && i1 + m <= out,
        "a run's inputs precede its outputs"
    );
    let (low, high) = values.split_at_mut(out);
    let (xs, ys, outs) = (&low[i0..i0 + m], &low[i1..i1 + m], &mut high[..m]);
    macro_rules! run {
        ($op:expr) => {
            for ((o, &x), &y) in outs.iter_mut().zip(xs).zip(ys) {
                *o = forward($op, &[x, y]);
            }
        };
    }
    with_constant_binary_op!(op, run)
}

/// Runs `a..a + n` and `b..b + n` of `xs` as two mutable slices, if they do not overlap.
fn two_runs_mut(xs: &mut [f64], a: usize, b: usize, n: usize) -> Option<[&mut [f64]; 2]> {
    if a + n <= b {
        let (low, high) = xs.split_at_mut(b);
        Some([&mut low[a..a + n], &mut high[..n]])
    } else if b + n <= a {
        let (low, high) = xs.split_at_mut(a);
        Some([&mut high[..n], &mut low[b..b + n]])
    } else {
        None
    }
}

/// [`for_each_partial`] of [`binary_run_forward`]'s nodes, from the last to the first: adds
/// `∂out/∂operand · grads[out + k]` into each operand's gradient, first operand first — into
/// operand `i`'s only where `wanted[i]` (a training step has no use for ∂L/∂y of a target).
///
/// # Panics
/// Unless both input runs precede the outputs.
#[inline(always)]
pub fn binary_run_backward(
    op: Op,
    values: &[f64],
    grads: &mut [f64],
    inputs: [usize; 2],
    out: usize,
    m: usize,
    wanted: [bool; 2],
) {
    let [i0, i1] = inputs;
    assert!(
        i0 + m <= out && i1 + m <= out,
        "a run's inputs precede its outputs"
    );
    let (xs, ys, outs) = (
        &values[i0..i0 + m],
        &values[i1..i1 + m],
        &values[out..out + m],
    );
    let (low, high) = grads.split_at_mut(out);
    let grad_outs = &high[..m];
    macro_rules! run {
        ($op:expr) => {
            for k in (0..m).rev() {
                let g = grad_outs[k];
                for_each_partial($op, &[xs[k], ys[k]], outs[k], |i, p| {
                    if wanted[i] {
                        low[inputs[i] + k] += p * g
                    }
                });
            }
        };
    }
    with_constant_binary_op!(op, run)
}

/// [`for_each_partial`] for a `WeightedSum` whose operands lie in two contiguous runs of
/// nodes — weights `w..w + n`, values `a..a + n`, bias `b` — adding `∂z/∂operand · g` into
/// `grads`. The same rule (∂z/∂w_k = a_k, ∂z/∂a_k = w_k, ∂z/∂b = 1), applied in the same
/// order, so the result is identical bit for bit; written over slices so the compiler can
/// vectorise it. A network lays its nodes out this way ([`crate::net::Network`]); the tape uses
/// this where it can, and a test checks it against `for_each_partial`. With `inputs` false
/// the values' gradients are left alone (see [`dense_backward`]).
///
/// # Panics
/// If the runs overlap or fall outside the arrays.
#[inline(never)]
#[allow(clippy::too_many_arguments)] // the runs' bounds, as in `weighted_sum_runs`
pub fn weighted_sum_backward_runs(
    values: &[f64],
    grads: &mut [f64],
    w: usize,
    a: usize,
    n: usize,
    b: usize,
    g: f64,
    inputs: bool,
) {
    let (weights, values_in) = (&values[w..w + n], &values[a..a + n]);
    let [grad_w, grad_a] =
        two_runs_mut(grads, w, a, n).expect("weight and value runs are disjoint");
    if inputs {
        for k in 0..n {
            grad_w[k] += values_in[k] * g;
            grad_a[k] += weights[k] * g;
        }
    } else {
        for k in 0..n {
            grad_w[k] += values_in[k] * g;
        }
    }
    grads[b] += g;
}

/// The operand layout of a [`Op::WeightedSum`] node, `[w1, a1, …, wn, an, b]`: where each
/// weight, value and the bias sit, and which operand's value is the local derivative of which
/// (∂z/∂w_k = a_k, ∂z/∂a_k = w_k). Code that looks inside a weighted sum (the checker's spread
/// and mistake models) goes through this rather than index arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeightedSumLayout {
    pairs: usize,
}

impl WeightedSumLayout {
    /// The layout of a weighted sum with `operands` operands (odd: pairs and a bias).
    pub fn of(operands: usize) -> Self {
        WeightedSumLayout {
            pairs: operands / 2,
        }
    }

    /// Number of (weight, value) pairs.
    pub fn pairs(self) -> usize {
        self.pairs
    }

    /// Operand index of weight `k` (0-based).
    pub fn weight(self, k: usize) -> usize {
        2 * k
    }

    /// Operand index of the value weight `k` multiplies.
    pub fn input(self, k: usize) -> usize {
        2 * k + 1
    }

    /// Operand index of the bias.
    pub fn bias(self) -> usize {
        2 * self.pairs
    }

    /// The operand whose value is `∂z/∂operand_i` (the other factor of its product); `None`
    /// for the bias, whose derivative is the constant 1.
    pub fn partner(self, i: usize) -> Option<usize> {
        (i < 2 * self.pairs).then_some(i ^ 1)
    }
}

/// `∂out/∂operand_i` alone; see [`for_each_partial`].
pub fn partial<A: Operands + ?Sized>(op: Op, a: &A, out: f64, i: usize) -> f64 {
    let mut d = 0.0;
    for_each_partial(op, a, out, |j, p| {
        if j == i {
            d = p;
        }
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2-input, 2-neuron sigmoid layer: inputs at nodes 0, 1, weights 2..6, biases 6, 7,
    /// sums 8, 9, activations 10, 11.
    const LAYER: DenseRuns = DenseRuns {
        out: 8,
        m: 2,
        w: 2,
        a: 0,
        n: 2,
        b: 6,
    };

    #[test]
    fn a_sigmoid_layer_and_its_reverse_by_hand() {
        let mut values = [1.0, 2.0, 0.5, -1.0, 2.0, 0.0, 0.1, -0.2, 0.0, 0.0, 0.0, 0.0];
        layer_forward(Op::Sigmoid, &mut values, &LAYER, 10);
        // z1 = 0.5·1 − 1·2 + 0.1 = −1.4, z2 = 2·1 + 0·2 − 0.2 = 1.8.
        assert!((values[8] + 1.4).abs() < 1e-15 && (values[9] - 1.8).abs() < 1e-15);
        let sigma = |z: f64| 1.0 / (1.0 + (-z).exp());
        assert_eq!(values[10..], [sigma(values[8]), sigma(values[9])]);
        // ∂/∂f = (1, −2): δ_j = ∂/∂f_j · f_j(1 − f_j), ∂/∂w_jk = δ_j·a_k, ∂/∂a_k = Σ_j δ_j·w_jk.
        let mut grads = [0.0; 12];
        grads[10] = 1.0;
        grads[11] = -2.0;
        layer_backward(Op::Sigmoid, &values, &mut grads, &LAYER, 10, true);
        let f = [values[10], values[11]];
        let delta = [f[0] * (1.0 - f[0]), -2.0 * f[1] * (1.0 - f[1])];
        let close = |x: f64, y: f64| (x - y).abs() < 1e-15;
        assert!(close(grads[8], delta[0]) && close(grads[9], delta[1]));
        let expected_weights = [delta[0], 2.0 * delta[0], delta[1], 2.0 * delta[1]];
        for (k, expected) in expected_weights.into_iter().enumerate() {
            assert!(close(grads[2 + k], expected), "w {k}");
        }
        assert!(close(grads[6], delta[0]) && close(grads[7], delta[1]));
        assert!(close(grads[0], 0.5 * delta[0] + 2.0 * delta[1]));
        assert!(close(grads[1], -delta[0]));
    }

    #[test]
    fn a_layer_that_does_not_fit_its_values_is_refused_before_any_access() {
        let refused =
            |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
        let forward_refused = |len: usize, d: DenseRuns, out: usize| {
            refused(&|| layer_forward(Op::Sigmoid, &mut vec![0.0; len], &d, out))
        };
        assert!(!forward_refused(12, LAYER, 10), "what fits runs");
        assert!(forward_refused(11, LAYER, 10), "activations past the end");
        assert!(forward_refused(12, LAYER, 9), "activations over the sums");
        let swapped = DenseRuns {
            w: 0,
            a: 4,
            ..LAYER
        };
        assert!(forward_refused(12, swapped, 10), "runs out of order");
        assert!(
            forward_refused(12, LAYER, usize::MAX - 1),
            "an end that overflows"
        );
        let huge = DenseRuns {
            out: u32::MAX,
            m: 2,
            ..LAYER
        };
        assert!(forward_refused(12, huge, 10), "an end past u32");
        let values = [0.0; 12];
        assert!(refused(&|| {
            layer_backward(Op::Sigmoid, &values[..11], &mut [0.0; 12], &LAYER, 10, true)
        }));
        assert!(refused(&|| {
            layer_backward(Op::Sigmoid, &values, &mut [0.0; 11], &LAYER, 10, true)
        }));
    }

    fn operands_for(op: Op) -> Vec<f64> {
        match op.arity() {
            // A logit, its sigmoid, a target.
            Arity::Exactly(3) => vec![0.7, sigmoid(0.7), 0.3],
            Arity::Exactly(n) => [0.7, 1.3][..n.min(2)].to_vec(),
            Arity::AtLeast(_) => vec![0.7, -1.3, 2.1],
            Arity::Odd => vec![0.5, 2.0, -1.5, 0.25, 0.1],
            // Logits, their softmax, targets: the outputs must be the logits' softmax.
            Arity::Thirds => {
                let z = [0.5f64, -1.0, 2.0];
                let s: f64 = z.iter().map(|v| v.exp()).sum();
                let f: Vec<f64> = z.iter().map(|zk| zk.exp() / s).collect();
                [&z[..], &f, &[0.2, 0.3, 0.5]].concat()
            }
        }
    }

    #[test]
    fn every_partial_matches_central_differences() {
        for op in Op::ALL.into_iter().filter(|op| !op.is_leaf()) {
            let args = operands_for(op);
            let out = forward(op, &args[..]);
            for i in 0..args.len() {
                if op == Op::Pow && i == 1 {
                    continue; // the constant exponent carries no gradient by design
                }
                if (op == Op::CategoricalCrossEntropy && (3..6).contains(&i))
                    || (op == Op::BinaryCrossEntropyWithLogits && i == 1)
                {
                    // No gradient flows into the outputs, and the value does not read them.
                    assert_eq!(partial(op, &args[..], out, i), 0.0);
                    continue;
                }
                let h = 1e-6;
                let mut hi = args.clone();
                let mut lo = args.clone();
                hi[i] += h;
                lo[i] -= h;
                let numeric = (forward(op, &hi[..]) - forward(op, &lo[..])) / (2.0 * h);
                let analytic = partial(op, &args[..], out, i);
                assert!(
                    (numeric - analytic).abs() < 1e-6 * (1.0 + numeric.abs()),
                    "{op} operand {i}: numeric {numeric} vs analytic {analytic}"
                );
            }
        }
    }

    #[test]
    fn sigmoid_tanh_and_cross_entropy_stay_finite_at_extremes() {
        for z in [-1000.0, -40.0, 0.0, 40.0, 1000.0] {
            for op in [Op::Sigmoid, Op::Tanh] {
                let out = forward(op, &[z]);
                assert!(out.is_finite());
                assert!(partial(op, &[z], out, 0).is_finite());
            }
            for y in [0.0, 1.0, 0.3] {
                let args = [z, sigmoid(z), y];
                let l = forward(Op::BinaryCrossEntropyWithLogits, &args);
                assert!(l.is_finite() && l >= 0.0, "bce_logits({z},{y}) = {l}");
                let d = partial(Op::BinaryCrossEntropyWithLogits, &args, l, 0);
                assert!(d.is_finite());
            }
        }
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        // softplus(1000) - 0·1000 = 1000: the loss of a confident wrong answer, exactly.
        assert_eq!(
            forward(Op::BinaryCrossEntropyWithLogits, &[1000.0, 1.0, 0.0]),
            1000.0
        );
        for p in [0.0, 1.0] {
            for y in [0.0, 1.0] {
                let l = forward(Op::BinaryCrossEntropy, &[p, y]);
                assert!(l.is_finite(), "bce({p},{y})");
                assert!(partial(Op::BinaryCrossEntropy, &[p, y], l, 0).is_finite());
            }
        }
    }

    #[test]
    fn the_contiguous_weighted_sum_rule_is_the_general_one() {
        // Nodes: values 0..3 are weights, 3..6 inputs, 6 the bias, 7 the sum.
        let values = [0.5, -1.25, 2.0, 3.0, 0.1, -0.7, 0.3, 0.0];
        let indices: [u32; 7] = [0, 3, 1, 4, 2, 5, 6];
        let g = -1.75;
        let mut general = [0.25; 8];
        let args = Gather {
            values: &values,
            indices: &indices,
        };
        for_each_partial(Op::WeightedSum, &args, 0.0, |i, p| {
            general[indices[i] as usize] += p * g
        });
        let mut runs = [0.25; 8];
        weighted_sum_backward_runs(&values, &mut runs, 0, 3, 3, 6, g, true);
        assert_eq!(general, runs);
        assert_eq!(
            forward(Op::WeightedSum, &args).to_bits(),
            weighted_sum_runs(&values, 0, 3, 3, 6).to_bits()
        );
    }

    #[test]
    fn softmax_and_categorical_cross_entropy_by_hand_and_at_extremes() {
        // z = (1, 2, 3): softmax_1 = e/(e + e² + e³), by hand.
        let e = std::f64::consts::E;
        let s = e + e * e + e * e * e;
        let f1 = forward(Op::Softmax, &[1.0, 2.0, 3.0]);
        assert!((f1 - e / s).abs() < 1e-16);
        // Operand order: own z first, the layer's others after; the sum does not care.
        let f3 = forward(Op::Softmax, &[3.0, 1.0, 2.0]);
        assert!((f3 - e * e * e / s).abs() < 1e-15);
        // With a one-hot target on output 3: L = −ln f3 and ∂L/∂z = f − y.
        let f2 = forward(Op::Softmax, &[2.0, 1.0, 3.0]);
        let args = [1.0, 2.0, 3.0, f1, f2, f3, 0.0, 0.0, 1.0];
        let l = forward(Op::CategoricalCrossEntropy, &args);
        assert!((l + f3.ln()).abs() < 1e-15);
        assert!((partial(Op::CategoricalCrossEntropy, &args, l, 0) - f1).abs() < 1e-16);
        assert!((partial(Op::CategoricalCrossEntropy, &args, l, 2) - (f3 - 1.0)).abs() < 1e-15);
        // Logits of ±1000 neither overflow nor lose the loss of a confident wrong answer.
        let wide = [1000.0, -1000.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        let l = forward(Op::CategoricalCrossEntropy, &wide);
        assert_eq!(l, 2000.0);
        assert_eq!(partial(Op::CategoricalCrossEntropy, &wide, l, 1), -1.0);
        assert_eq!(forward(Op::Softmax, &[1000.0, -1000.0, 0.0]), 1.0);
        assert_eq!(forward(Op::Softmax, &[-1000.0, 1000.0, 0.0]), 0.0);
        for i in 0..9 {
            assert!(partial(Op::CategoricalCrossEntropy, &wide, l, i).is_finite());
        }
    }

    #[test]
    fn relu_derivative_at_zero_is_zero() {
        assert_eq!(partial(Op::Relu, &[0.0], 0.0, 0), 0.0);
        assert_eq!(partial(Op::Relu, &[1e-300], 1e-300, 0), 1.0);
    }

    #[test]
    fn sigmoid_matches_the_tutorials_first_neuron() {
        // f1 = σ(5), printed by the tutorial as 0.993307149075715.
        assert!((sigmoid(5.0) - 0.993307149075715).abs() < 5e-16);
    }
}
