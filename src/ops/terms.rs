//! A total of terms computed elementwise, as one loop: the slice form of the node pattern a
//! squared-error loss is made of (`d_k = y_k − f_k`, `p_k = d_k²`, `s = Σ p_k`, `L = ½·s`).
//!
//! Each node is still computed by [`forward`] and pushes its gradient by
//! [`for_each_partial`], in an order that gives every value and gradient bit for bit what the
//! node-by-node passes give; what the fusion saves is the four separate steps' dispatch and
//! set-up, which on a network with three outputs cost more than the arithmetic.

use super::{Op, for_each_partial, forward};

/// Where the nodes of a [`terms_forward`] group lie: two runs of `m` two-operand nodes, a
/// total over the second run, and optionally that total scaled by a factor.
///
/// - node `first + k` is `first_op(node a + k, node b + k)`;
/// - node `second + k` is `second_op(node first + k, node c + k)`;
/// - node `total` is `total_op(nodes second .. second + m)` (a sum or a mean);
/// - if `scaled` is `Some((node, factor))`, `node` is `Mul(factor, total)`.
///
/// The tape groups nodes this way only when the per-term loop computes what the separate runs
/// do: every operand run lies before the node that reads it, and run `c` is disjoint from runs
/// `a`, `b` and `first` (so no term reads another term's output, and each gradient receives its
/// contributions in the same order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermsRuns {
    /// The first run's op and operand runs.
    pub first_op: Op,
    /// First operand run of the first op.
    pub a: u32,
    /// Second operand run of the first op.
    pub b: u32,
    /// The first run's nodes.
    pub first: u32,
    /// The second run's op; its operands are the first run and run `c`.
    pub second_op: Op,
    /// Second operand run of the second op.
    pub c: u32,
    /// The second run's nodes.
    pub second: u32,
    /// Number of terms.
    pub m: u32,
    /// The op of the total (`Sum` or `Mean`).
    pub total_op: Op,
    /// The total's node.
    pub total: u32,
    /// The scaled total's node and its factor's node.
    pub scaled: Option<(u32, u32)>,
}

/// Which operand runs of a [`TermsRuns`] group want a gradient (a training step does not want
/// ∂L/∂y of a target); the group's own nodes always get theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermsWanted {
    /// Runs `a`, `b`, `c`.
    pub runs: [bool; 3],
    /// The scale factor.
    pub factor: bool,
}

impl TermsWanted {
    /// The gradient of the second operand run only — `∂L/∂f` of a squared error `(y − f)²`,
    /// what a training step wants (no `∂L/∂y` of the targets, none of the constants).
    pub const OUTPUTS: TermsWanted = TermsWanted {
        runs: [false, true, false],
        factor: false,
    };
}

impl TermsRuns {
    /// Whether every node of the group (the five runs, the total, the scaled total and its
    /// factor) is below `len`: what the passes need before they read and write the group
    /// without a check per access.
    pub fn fits(&self, len: usize) -> bool {
        let last_start = self
            .a
            .max(self.b)
            .max(self.c)
            .max(self.first)
            .max(self.second);
        let (scaled, factor) = self.scaled.unwrap_or((0, 0));
        // In u64: two u32 do not overflow it.
        u64::from(last_start) + u64::from(self.m) <= len as u64
            && [self.total, scaled, factor]
                .iter()
                .all(|&n| (n as usize) < len)
    }

    fn runs(&self) -> [usize; 6] {
        [self.a, self.b, self.c, self.first, self.second, self.m].map(|x| x as usize)
    }
}

/// `xs[i]`, unchecked.
///
/// # Safety
/// `i < xs.len()` (below: a node of a group that [fits](TermsRuns::fits) in `xs`).
#[inline(always)]
unsafe fn at(xs: &[f64], i: usize) -> f64 {
    debug_assert!(i < xs.len());
    // SAFETY: the caller's.
    unsafe { *xs.get_unchecked(i) }
}

/// [`super::push`] of `x` into `xs[i]`, unchecked.
///
/// # Safety
/// As [`at`].
#[inline(always)]
unsafe fn push_at<const FIRST: bool>(xs: &mut [f64], i: usize, x: f64) {
    debug_assert!(i < xs.len());
    // SAFETY: the caller's.
    super::push::<FIRST>(unsafe { xs.get_unchecked_mut(i) }, x)
}

/// `xs[i] = x`, unchecked.
///
/// # Safety
/// As [`at`].
#[inline(always)]
unsafe fn set_at(xs: &mut [f64], i: usize, x: f64) {
    debug_assert!(i < xs.len());
    // SAFETY: the caller's.
    unsafe { *xs.get_unchecked_mut(i) = x }
}

/// Every node of the group, in node order: the same values as evaluating the first run, the
/// second, the total and the scaled total one after another.
///
/// # Panics
/// If a node lies outside `values`.
pub fn terms_forward(values: &mut [f64], t: &TermsRuns) {
    assert!(t.fits(values.len()), "a terms group lies within the tape");
    // SAFETY: just checked.
    unsafe { terms_forward_unchecked(values, t) }
}

/// [`terms_forward`] without its check, for the tape, which checks its groups once when it
/// makes them.
///
/// # Safety
/// `t.`[`fits`](TermsRuns::fits)`(values.len())`.
#[inline(always)]
pub(crate) unsafe fn terms_forward_unchecked(values: &mut [f64], t: &TermsRuns) {
    match (t.first_op, t.second_op, t.total_op) {
        // A squared error's terms, (y − f)², and their sum: the rules inline into the loop.
        // SAFETY (all): the caller's promise.
        (Op::Sub, Op::Pow, Op::Sum) => unsafe {
            terms_forward_with(Op::Sub, Op::Pow, Op::Sum, values, t)
        },
        (Op::Sub, Op::Pow, total) => unsafe {
            terms_forward_with(Op::Sub, Op::Pow, total, values, t)
        },
        (first, second, total) => unsafe { terms_forward_with(first, second, total, values, t) },
    }
}

/// [`terms_forward`] with the runs' ops passed apart, so that a constant reaches the loop.
///
/// # Safety
/// As [`terms_forward_unchecked`].
#[inline(always)]
unsafe fn terms_forward_with(
    first_op: Op,
    second_op: Op,
    total_op: Op,
    values: &mut [f64],
    t: &TermsRuns,
) {
    let [a, b, c, first, second, m] = t.runs();
    // SAFETY: every node of the group is below `values.len()` (the caller's promise); the
    // nodes read and written here are `r + k` for runs `r` and `k < m`, the total, the scaled
    // total and its factor.
    unsafe {
        for k in 0..m {
            let x = forward(first_op, &[at(values, a + k), at(values, b + k)]);
            set_at(values, first + k, x);
            let y = forward(second_op, &[x, at(values, c + k)]);
            set_at(values, second + k, y);
        }
        let total = forward(total_op, values.get_unchecked(second..second + m));
        set_at(values, t.total as usize, total);
        if let Some((node, factor)) = t.scaled {
            let scaled = forward(Op::Mul, &[at(values, factor as usize), total]);
            set_at(values, node as usize, scaled);
        }
    }
}

/// The reverse of [`terms_forward`]: the scaled total, the total, then per term from the last
/// to the first the second node and the first, each adding `∂node/∂operand · gradient` into
/// its operands' gradients — into runs `a`, `b`, `c` and the factor only where `wanted`.
///
/// # Panics
/// If a node lies outside `values` or `grads`.
pub fn terms_backward(values: &[f64], grads: &mut [f64], t: &TermsRuns, wanted: TermsWanted) {
    assert!(
        t.fits(values.len().min(grads.len())),
        "a terms group lies within the tape"
    );
    // SAFETY: just checked.
    unsafe { terms_backward_unchecked(values, grads, t, wanted, false) }
}

/// [`terms_backward`] without its check, for the tape, which checks its groups once when it
/// makes them; with `first`, every node the group pushes into is read by the group alone, so
/// each push is the first its gradient receives, and it is stored ([`super::push`]): the pass
/// need not clear those gradients first.
///
/// # Safety
/// `t.`[`fits`](TermsRuns::fits) in `values` and in `grads`.
#[inline(always)]
pub(crate) unsafe fn terms_backward_unchecked(
    values: &[f64],
    grads: &mut [f64],
    t: &TermsRuns,
    wanted: TermsWanted,
    first: bool,
) {
    macro_rules! run {
        ($first:literal) => {
            // SAFETY (all): the caller's promise.
            match (t.first_op, t.second_op, t.total_op) {
                // What a training step asks of a squared error's sum: ∂L/∂f only, with the
                // ops and the wanted runs constants, so their tests leave the loop.
                (Op::Sub, Op::Pow, Op::Sum) if wanted == TermsWanted::OUTPUTS => unsafe {
                    terms_backward_with::<$first>(
                        [Op::Sub, Op::Pow, Op::Sum],
                        values,
                        grads,
                        t,
                        TermsWanted::OUTPUTS,
                    )
                },
                (Op::Sub, Op::Pow, total) => unsafe {
                    terms_backward_with::<$first>(
                        [Op::Sub, Op::Pow, total],
                        values,
                        grads,
                        t,
                        wanted,
                    )
                },
                (f, s, total) => unsafe {
                    terms_backward_with::<$first>([f, s, total], values, grads, t, wanted)
                },
            }
        };
    }
    if first { run!(true) } else { run!(false) }
}

/// [`terms_backward`] with the runs' ops passed apart (see [`terms_forward_with`]).
///
/// # Safety
/// As [`terms_backward_unchecked`].
#[inline(always)]
unsafe fn terms_backward_with<const FIRST: bool>(
    [first_op, second_op, total_op]: [Op; 3],
    values: &[f64],
    grads: &mut [f64],
    t: &TermsRuns,
    wanted: TermsWanted,
) {
    let [a, b, c, first, second, m] = t.runs();
    let total = t.total as usize;
    let [want_a, want_b, want_c] = wanted.runs;
    // SAFETY: every node of the group is below `values.len()` and `grads.len()` (the
    // caller's promise); the nodes read and written here are `r + k` for runs `r` and
    // `k < m`, the total, the scaled total and its factor.
    unsafe {
        if let Some((node, factor)) = t.scaled {
            let (node, factor) = (node as usize, factor as usize);
            let g = at(grads, node);
            let operands = [at(values, factor), at(values, total)];
            for_each_partial(Op::Mul, &operands, at(values, node), |i, p| {
                if i == 1 {
                    push_at::<FIRST>(grads, total, p * g);
                } else if wanted.factor {
                    push_at::<FIRST>(grads, factor, p * g);
                }
            });
        }
        let g = at(grads, total);
        let terms = values.get_unchecked(second..second + m);
        for_each_partial(total_op, terms, at(values, total), |i, p| {
            push_at::<FIRST>(grads, second + i, p * g)
        });
        for k in (0..m).rev() {
            let g = at(grads, second + k);
            let operands = [at(values, first + k), at(values, c + k)];
            for_each_partial(second_op, &operands, at(values, second + k), |i, p| {
                if i == 0 {
                    push_at::<FIRST>(grads, first + k, p * g);
                } else if want_c {
                    push_at::<FIRST>(grads, c + k, p * g);
                }
            });
            // The first node's gradient is complete: its only consumer in the group has
            // pushed, and consumers after the group pushed before the group's turn.
            let g = at(grads, first + k);
            let operands = [at(values, a + k), at(values, b + k)];
            for_each_partial(first_op, &operands, at(values, first + k), |i, p| {
                if i == 0 {
                    if want_a {
                        push_at::<FIRST>(grads, a + k, p * g);
                    }
                } else if want_b {
                    push_at::<FIRST>(grads, b + k, p * g);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Terms `(y − f)²` of two outputs: y at nodes 0, 1, f at 2, 3, the exponent 2 at 4, 5,
    /// the differences at 6, 7, the squares at 8, 9, their sum at 10.
    fn squared_errors(shift: u32) -> TermsRuns {
        TermsRuns {
            first_op: Op::Sub,
            a: shift,
            b: 2,
            first: 6,
            second_op: Op::Pow,
            c: 4,
            second: 8,
            m: 2,
            total_op: Op::Sum,
            total: 10,
            scaled: None,
        }
    }

    #[test]
    fn terms_and_their_gradients_by_hand() {
        let mut values = [1.0, 0.0, 0.25, 0.5, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        terms_forward(&mut values, &squared_errors(0));
        // (1 − 0.25)² + (0 − 0.5)² = 0.5625 + 0.25.
        assert_eq!(values[6..], [0.75, -0.5, 0.5625, 0.25, 0.8125]);
        let mut grads = [0.0; 11];
        grads[10] = 1.0;
        let wanted = TermsWanted {
            runs: [false, true, false],
            factor: false,
        };
        terms_backward(&values, &mut grads, &squared_errors(0), wanted);
        // ∂/∂f_k = −2(y_k − f_k); y and the exponents are not wanted and stay 0.
        assert_eq!(grads[..6], [0.0, 0.0, -1.5, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn a_group_reaching_past_the_values_is_refused_before_any_access() {
        for shift in [10, u32::MAX - 1] {
            let result = std::panic::catch_unwind(|| {
                let mut values = [0.0; 11];
                terms_forward(&mut values, &squared_errors(shift));
            });
            let payload = result.expect_err("out of range");
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied());
            assert_eq!(
                message,
                Some("a terms group lies within the tape"),
                "shift {shift}"
            );
            let result = std::panic::catch_unwind(|| {
                let mut grads = [0.0; 11];
                let wanted = TermsWanted {
                    runs: [true; 3],
                    factor: false,
                };
                terms_backward(&[0.0; 11], &mut grads, &squared_errors(shift), wanted);
            });
            assert!(result.is_err(), "shift {shift}");
        }
        // A total or a scaled total past the end.
        for group in [
            TermsRuns {
                total: 11,
                ..squared_errors(0)
            },
            TermsRuns {
                scaled: Some((11, 0)),
                ..squared_errors(0)
            },
            TermsRuns {
                scaled: Some((10, u32::MAX)),
                ..squared_errors(0)
            },
        ] {
            let result = std::panic::catch_unwind(|| terms_forward(&mut [0.0; 11], &group));
            assert!(result.is_err(), "{group:?}");
        }
    }
}
