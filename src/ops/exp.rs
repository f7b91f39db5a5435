//! `e^x` for the rules in [`ops`](super): the C library's own `exp`, entered past its error
//! wrapper where that is possible.
//!
//! Every sigmoid of every training sample calls `exp`, eight times per Iris sample-step. On
//! x86-64 glibc, `exp` (the symbol `f64::exp` calls) is a wrapper, `w_exp_template.c`: it
//! calls the implementation the CPU's features selected when the library was loaded
//! (`__exp_fma` here), then tests the result to set `errno` on overflow and underflow — 16 of
//! the 48 instructions of a call, and a second call and return on each sigmoid's chain of
//! dependent operations. glibc exports that implementation without the wrapper as
//! `__exp_finite` (since 2.15; since 2.31 under its old version only, which is kept for
//! binaries already linked against it, so it stays). Its results are the wrapper's bit for
//! bit: the wrapper returns what it computed, and only `errno` differs, which Rust never
//! reads (tested below over the whole range, special values included). So the tutorial's
//! numbers are still Python's `math.exp`, which calls the same `exp`.
//!
//! Everywhere else (another C library, another architecture) this is `f64::exp`.

/// `e^x`, the platform's `exp` bit for bit (see the [module docs](self)).
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    #[cfg(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64"))]
    {
        // SAFETY: a pure function of one `f64`, no pointers, no state but `errno`, which it
        // does not set.
        unsafe { glibc::exp_unwrapped(x) }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64")))]
    {
        x.exp()
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64"))]
mod glibc {
    // A one-instruction function that jumps to `__exp_finite` of version `GLIBC_2.15` (a
    // plain reference would ask for its default version, which glibc 2.31 and later no
    // longer define). The `.symver` binds the reference in this object only, so the jump
    // is here, with it, and every crate that inlines `exp` calls this symbol: a direct
    // call and a jump through the GOT, where the wrapper costs a call, a return and its
    // tests.
    core::arch::global_asm!(
        ".symver deltagraph_exp_finite_glibc_2_15, __exp_finite@GLIBC_2.15",
        ".pushsection .text.deltagraph_exp_unwrapped,\"ax\",@progbits",
        ".globl deltagraph_exp_unwrapped",
        ".hidden deltagraph_exp_unwrapped",
        ".type deltagraph_exp_unwrapped,@function",
        ".p2align 4",
        "deltagraph_exp_unwrapped:",
        "jmp *deltagraph_exp_finite_glibc_2_15@GOTPCREL(%rip)",
        ".size deltagraph_exp_unwrapped, . - deltagraph_exp_unwrapped",
        ".popsection",
        options(att_syntax)
    );

    unsafe extern "C" {
        #[link_name = "deltagraph_exp_unwrapped"]
        pub fn exp_unwrapped(x: f64) -> f64;
    }
}

#[cfg(test)]
mod tests {
    use super::exp;
    use proptest::prelude::*;

    fn same_bits(x: f64) {
        let (ours, std) = (exp(x), x.exp());
        assert!(
            ours.to_bits() == std.to_bits() || (ours.is_nan() && std.is_nan()),
            "exp({x:e}) = {ours:e}, f64::exp gives {std:e}"
        );
    }

    #[test]
    fn special_values_and_the_edges_of_the_range_match_f64_exp() {
        let edges = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            709.782712893384,   // the largest x with a finite e^x
            709.7827128933841,  // the first that overflows
            -708.3964185322641, // near the smallest normal result
            -745.1332191019411, // the last non-zero (subnormal) result
            -745.1332191019412,
            1e-300,
            5.551115123125783e-17, // 2⁻⁵⁴: below it glibc returns 1 + x at once
            2.7755575615628914e-17,
            512.0,
            -512.0,
        ];
        for x in edges {
            same_bits(x);
        }
        // Overflow and underflow give what the wrapper gives, which sets `errno` besides.
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-746.0).to_bits(), 0);
    }

    #[test]
    fn a_dense_sweep_of_the_sigmoids_range_matches_f64_exp() {
        // Every z a sigmoid meets in practice, at a step that is not a multiple of any table
        // spacing, so the reduction lands everywhere in the table.
        let mut x = -750.0;
        while x < 750.0 {
            same_bits(x);
            x += 0.000_737;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn any_bit_pattern_matches_f64_exp(bits in any::<u64>()) {
            same_bits(f64::from_bits(bits));
        }

        #[test]
        fn any_finite_argument_in_range_matches_f64_exp(x in -746.0f64..710.0) {
            same_bits(x);
        }
    }
}
