//! The plain passes' hot steps as small functions of their own, each for one op and one row
//! width, called from a loop that holds nothing else.
//!
//! Why: a pass used to be one large function with every kind of step inlined into its loop
//! (each dense layer's rows unrolled for eight widths, the loss's group, the records' rules
//! with their calls into the C library). The compiler then kept dozens of values live across
//! the loop and the calls in it, and saved them on the stack at every pass and every step:
//! 148 of the 244 stores of an Iris sample-step went to the stack (with the kernels, 106 of
//! 202, and 1.57 → about 1.45 times the time of a fixed-size hand loop). Stores are what a
//! sample-step pays for beyond its chain of dependent arithmetic — each extra store cost
//! 0.13 ns, measured by adding them (see docs/performance.md) — so the kernels here hold one
//! width's loop each, and a pass's loop is a sequence of calls.
//!
//! Each kernel is compiled twice, like [`crate::cpu::compiled_twice`]'s functions: with AVX2
//! and FMA (taken where the CPU has both, so `exp` runs inline) and for the target's
//! baseline. The pass asks [`crate::cpu::avx2_fma`] once and passes the answer in.
//! The arithmetic is `ops`' slice forms, the same rules in the same order: these functions
//! only choose which copy of them runs.

use crate::ops::{self, DenseRuns, Op, TermsRuns, TermsWanted};

/// `$avx2` and `$baseline`, two out-of-line copies of the function body `$body`: the first
/// compiled with AVX2 and FMA (x86-64 only), the second for the target's baseline.
macro_rules! twins {
    ($(#[$meta:meta])* fn $avx2:ident / $baseline:ident
        $(<$(const $c:ident: $ct:ty),*>)? ($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$meta])*
        ///
        /// # Safety
        /// Only on a CPU with AVX2 and FMA, and as for the `ops` function it runs.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        #[inline(never)]
        unsafe fn $avx2$(<$(const $c: $ct),*>)?($($arg: $ty),*) $body

        $(#[$meta])*
        ///
        /// # Safety
        /// As for the `ops` function it runs.
        #[inline(never)]
        unsafe fn $baseline$(<$(const $c: $ct),*>)?($($arg: $ty),*) $body
    };
}

/// Calls `$avx2::<…>(args)` if `$wide` (x86-64 only), else `$baseline::<…>(args)`.
macro_rules! call_twin {
    ($wide:expr, $avx2:ident / $baseline:ident $(::<$($g:tt),*>)? ($($x:expr),* $(,)?)) => {{
        #[cfg(target_arch = "x86_64")]
        {
            if $wide {
                // SAFETY: the caller's promises (the CPU has AVX2 and FMA; the kernel's).
                unsafe { $avx2$(::<$({ $g }),*>)?($($x),*) }
            } else {
                // SAFETY: the caller's promise.
                unsafe { $baseline$(::<$({ $g }),*>)?($($x),*) }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = $wide;
            // SAFETY: the caller's promise.
            unsafe { $baseline$(::<$({ $g }),*>)?($($x),*) }
        }
    }};
}

/// A sigmoid layer of rows `N` wide, forward, compiled with AVX2 and FMA. Its row loop has no
/// call in it: each activation takes `exp`'s inline path ([`ops::sigmoid_inline`]), and a
/// layer with a sum that path does not cover (a saturated or tiny `z`, where `exp` calls
/// glibc) is computed again by the rule, out of line. A call inside the loop made the
/// compiler save the row's inputs on the stack at every layer.
///
/// # Safety
/// Only on a CPU with AVX2 and FMA, and as for [`ops::layer_forward`]'s unchecked form.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[inline(never)]
unsafe fn sigmoid_forward_avx2<const N: usize>(values: &mut [f64], d: &DenseRuns, out: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let mut covered = true;
        // SAFETY: the caller's promises.
        unsafe {
            ops::layer_forward_row!(N, &mut *values, d, out, |z| {
                let (y, inline) = ops::sigmoid_inline(z);
                covered &= inline;
                y
            })
        }
        if covered {
            return;
        }
    }
    // SAFETY: the caller's promises.
    unsafe { any_forward_avx2(Op::Sigmoid, values, d, out) }
}

/// A sigmoid layer of rows `N` wide, forward, compiled for the target's baseline.
///
/// # Safety
/// As for [`ops::layer_forward`]'s unchecked form.
#[inline(never)]
unsafe fn sigmoid_forward_baseline<const N: usize>(values: &mut [f64], d: &DenseRuns, out: usize) {
    // SAFETY: the caller's promises.
    unsafe { ops::layer_forward_row!(N, Op::Sigmoid, values, d, out) }
}

twins! {
    /// Any other layer, forward.
    fn any_forward_avx2 / any_forward_baseline(
        op: Op,
        values: &mut [f64],
        d: &DenseRuns,
        out: usize,
    ) {
        unsafe { ops::layer_forward_unchecked(op, values, d, out) }
    }
}

/// The forward step of a dense layer and its activations ([`ops::layer_forward`]), in the
/// AVX2 copy if `wide`.
///
/// # Safety
/// `d` fits with its activations at `out` in `values`
/// ([`DenseRuns::fits_with_activations`]); `wide` only where [`crate::cpu::avx2_fma`] says so.
#[inline(always)]
pub(super) unsafe fn layer_forward(
    wide: bool,
    op: Op,
    values: &mut [f64],
    d: &DenseRuns,
    out: usize,
) {
    macro_rules! sigmoid {
        ($n:literal) => {
            call_twin!(
                wide,
                sigmoid_forward_avx2 / sigmoid_forward_baseline::<$n>(values, d, out)
            )
        };
    }
    match (op, d.n) {
        (Op::Sigmoid, 1) => sigmoid!(1),
        (Op::Sigmoid, 2) => sigmoid!(2),
        (Op::Sigmoid, 3) => sigmoid!(3),
        (Op::Sigmoid, 4) => sigmoid!(4),
        (Op::Sigmoid, 5) => sigmoid!(5),
        (Op::Sigmoid, 6) => sigmoid!(6),
        (Op::Sigmoid, 7) => sigmoid!(7),
        (Op::Sigmoid, 8) => sigmoid!(8),
        _ => call_twin!(
            wide,
            any_forward_avx2 / any_forward_baseline(op, values, d, out)
        ),
    }
}

twins! {
    /// A sigmoid layer of rows `N` wide, reverse, first pushes stored; into the values'
    /// gradients if `INPUTS`.
    fn sigmoid_backward_avx2 / sigmoid_backward_baseline<const N: usize, const INPUTS: bool>(
        values: &[f64],
        grads: &mut [f64],
        d: &DenseRuns,
        out: usize,
    ) {
        unsafe { ops::sigmoid_layer_backward_of_width(N, values, grads, d, out, INPUTS, true) }
    }
}

twins! {
    /// Any other layer, reverse.
    fn any_backward_avx2 / any_backward_baseline(
        op: Op,
        values: &[f64],
        grads: &mut [f64],
        d: &DenseRuns,
        out: usize,
        inputs: bool,
        first: bool,
    ) {
        unsafe { ops::layer_backward_unchecked(op, values, grads, d, out, inputs, first) }
    }
}

/// The reverse step of a dense layer and its activations ([`ops::layer_backward`]; with
/// `first`, storing its pushes), in the AVX2 copy if `wide`.
///
/// # Safety
/// `d` fits with its activations at `out` in `grads`, `values` has the length of `grads`;
/// `first` only as [`ops::stores_first_pushes`] allows; `wide` only where
/// [`crate::cpu::avx2_fma`] says so.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) unsafe fn layer_backward(
    wide: bool,
    op: Op,
    values: &[f64],
    grads: &mut [f64],
    d: &DenseRuns,
    out: usize,
    inputs: bool,
    first: bool,
) {
    macro_rules! sigmoid {
        ($n:literal) => {
            if inputs {
                call_twin!(
                    wide,
                    sigmoid_backward_avx2
                        / sigmoid_backward_baseline::<$n, true>(values, grads, d, out)
                )
            } else {
                call_twin!(
                    wide,
                    sigmoid_backward_avx2
                        / sigmoid_backward_baseline::<$n, false>(values, grads, d, out)
                )
            }
        };
    }
    match (op, first, d.n) {
        (Op::Sigmoid, true, 1) => sigmoid!(1),
        (Op::Sigmoid, true, 2) => sigmoid!(2),
        (Op::Sigmoid, true, 3) => sigmoid!(3),
        (Op::Sigmoid, true, 4) => sigmoid!(4),
        (Op::Sigmoid, true, 5) => sigmoid!(5),
        (Op::Sigmoid, true, 6) => sigmoid!(6),
        (Op::Sigmoid, true, 7) => sigmoid!(7),
        (Op::Sigmoid, true, 8) => sigmoid!(8),
        _ => call_twin!(
            wide,
            any_backward_avx2 / any_backward_baseline(op, values, grads, d, out, inputs, first)
        ),
    }
}

twins! {
    /// A group of terms and their total, forward.
    fn terms_forward_avx2 / terms_forward_baseline(values: &mut [f64], t: &TermsRuns) {
        unsafe { ops::terms_forward_unchecked(values, t) }
    }
}

/// The forward step of a group of terms ([`ops::terms_forward`]), in the AVX2 copy if `wide`.
///
/// # Safety
/// The group fits in `values` ([`TermsRuns::fits`]); `wide` only where
/// [`crate::cpu::avx2_fma`] says so.
#[inline(always)]
pub(super) unsafe fn terms_forward(wide: bool, values: &mut [f64], t: &TermsRuns) {
    call_twin!(wide, terms_forward_avx2 / terms_forward_baseline(values, t))
}

twins! {
    /// A group of terms and their total, reverse.
    fn terms_backward_avx2 / terms_backward_baseline(
        values: &[f64],
        grads: &mut [f64],
        t: &TermsRuns,
        wanted: TermsWanted,
        first: bool,
    ) {
        unsafe { ops::terms_backward_unchecked(values, grads, t, wanted, first) }
    }
}

/// The reverse step of a group of terms ([`ops::terms_backward`]), in the AVX2 copy if
/// `wide`.
///
/// # Safety
/// The group fits in `grads`, `values` has the length of `grads`; `first` only where the
/// group is the only reader of what it pushes into; `wide` only where
/// [`crate::cpu::avx2_fma`] says so.
#[inline(always)]
pub(super) unsafe fn terms_backward(
    wide: bool,
    values: &[f64],
    grads: &mut [f64],
    t: &TermsRuns,
    wanted: TermsWanted,
    first: bool,
) {
    call_twin!(
        wide,
        terms_backward_avx2 / terms_backward_baseline(values, grads, t, wanted, first)
    )
}
