//! Whether this CPU runs AVX2 and FMA: the passes a training step spends its time in have a
//! second copy compiled for them.
//!
//! The crate is compiled for the baseline of its target (on x86-64, SSE2: 128-bit vectors).
//! The tape's plain passes (their step kernels and out-of-line steps) and the SGD update
//! ([`crate::autodiff`], [`crate::net`]) are also compiled with AVX2 and FMA enabled, and take
//! that copy when the CPU has both. Their loops
//! then move four numbers per instruction instead of two; each number is the same IEEE
//! operation, in the same order, so the results are the same bits (Rust never fuses a multiply
//! and an add on its own: FMA is used only where the code asks for it, in `ops::exp`'s copy of
//! glibc's `exp`, which the C library itself takes on such a CPU). The test suite runs on the
//! copy the build machine takes, and a unit test below trains Iris with each copy and compares
//! the bits. Measured on Iris training: 2,141 → 2,051 instructions per sample-step and about
//! 3 ns less (2,012 with the whole crate built for AVX2, which would not start on a CPU
//! without it). AVX-512 is left out: its forms of loops of three to five numbers cost more
//! than they save (docs/performance.md).

use std::sync::atomic::{AtomicU8, Ordering};

/// `fn $name(args)`, which runs `$here(args)` — an `#[inline(always)]` function holding the
/// work — from one of two copies kept out of line: `$avx2`, compiled with AVX2 and FMA
/// enabled, where the CPU has them ([`avx2_fma`]), else `$baseline`. `$name` itself is inlined
/// into its callers, so the choice is a test at the call. With `&self` the three are methods
/// (which may return a value); without, free functions.
macro_rules! compiled_twice {
    ($(#[$meta:meta])* $vis:vis fn $name:ident / $avx2:ident / $baseline:ident
        (&self $(, $arg:ident: $ty:ty)* $(,)?) $(-> $ret:ty)? => $here:ident) => {
        $(#[$meta])*
        #[inline(always)]
        $vis fn $name(&self, $($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            if $crate::cpu::avx2_fma() {
                // SAFETY: the CPU has AVX2 and FMA (just asked).
                return unsafe { self.$avx2($($arg),*) };
            }
            self.$baseline($($arg),*)
        }

        #[doc = concat!("`", stringify!($here), "` compiled for AVX2 and FMA.")]
        ///
        /// # Safety
        /// Only on a CPU with AVX2 and FMA.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        unsafe fn $avx2(&self, $($arg: $ty),*) $(-> $ret)? {
            self.$here($($arg),*)
        }

        #[doc = concat!("`", stringify!($here), "` compiled for the target's baseline.")]
        #[inline(never)]
        fn $baseline(&self, $($arg: $ty),*) $(-> $ret)? {
            self.$here($($arg),*)
        }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident / $avx2:ident / $baseline:ident
        ($($arg:ident: $ty:ty),* $(,)?) => $here:ident) => {
        $(#[$meta])*
        #[inline(always)]
        $vis fn $name($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            if $crate::cpu::avx2_fma() {
                // SAFETY: the CPU has AVX2 and FMA (just asked).
                return unsafe { $avx2($($arg),*) };
            }
            $baseline($($arg),*)
        }

        #[doc = concat!("`", stringify!($here), "` compiled for AVX2 and FMA.")]
        ///
        /// # Safety
        /// Only on a CPU with AVX2 and FMA.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        unsafe fn $avx2($($arg: $ty),*) {
            $here($($arg),*)
        }

        #[doc = concat!("`", stringify!($here), "` compiled for the target's baseline.")]
        #[inline(never)]
        fn $baseline($($arg: $ty),*) {
            $here($($arg),*)
        }
    };
}
pub(crate) use compiled_twice;

/// Whether the AVX2 copies can run here: the CPU has AVX2 and FMA, and the system saves the
/// wide registers. The CPU is asked once per process (by `cpu_has_avx2_fma`) and the answer is
/// kept here; after that this is a load and a test.
#[inline(always)]
pub(crate) fn avx2_fma() -> bool {
    #[cfg(test)]
    if tests::BASELINE_ONLY.load(Ordering::Relaxed) {
        return false;
    }
    match AVX2_FMA.load(Ordering::Relaxed) {
        YES => true,
        NO => false,
        _ => detect(),
    }
}

/// Whether [`avx2_fma`] has found AVX2 and FMA: false until some pass has asked. For a test
/// inside the hot loops (`ops::exp`, eight times per Iris sample-step): one load and one
/// compare (asking std's feature cache, as the passes once did, cost about four instructions
/// per feature). Every pass that
/// runs the AVX2 copies asked first, so there this is true.
#[inline(always)]
pub(crate) fn avx2_fma_known() -> bool {
    AVX2_FMA.load(Ordering::Relaxed) == YES
}

/// [`avx2_fma`]'s answer: [`YES`], [`NO`] or not asked yet.
static AVX2_FMA: AtomicU8 = AtomicU8::new(0);
const NO: u8 = 1;
const YES: u8 = 2;

/// Ask the CPU and keep the answer in [`AVX2_FMA`].
#[cold]
#[inline(never)]
fn detect() -> bool {
    #[cfg(target_arch = "x86_64")]
    let found = cpu_has_avx2_fma();
    #[cfg(not(target_arch = "x86_64"))]
    let found = false;
    AVX2_FMA.store(if found { YES } else { NO }, Ordering::Relaxed);
    found
}

/// What `is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")` answers (a test
/// compares them), asked with three `CPUID`s and one `XGETBV`. std's detection asks for every
/// feature it knows, about twice as many `CPUID`s (in a virtual machine each one traps to the
/// hypervisor), and its code and tables are pages the process would not otherwise touch: a
/// `train` run makes 15 page faults fewer without it and takes 0.1 ms less (1.31 → 1.21 ms
/// with one epoch, 4.75 → 4.63 ms with 300; medians of 1,000 and 300 interleaved runs).
#[cfg(target_arch = "x86_64")]
fn cpu_has_avx2_fma() -> bool {
    use std::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
    /// In `CPUID` leaf 1's ECX: FMA, the OS's use of `XSAVE`, AVX.
    const FMA: u32 = 1 << 12;
    const OSXSAVE: u32 = 1 << 27;
    const AVX: u32 = 1 << 28;
    /// In `CPUID` leaf 7's EBX: AVX2.
    const AVX2: u32 = 1 << 5;
    /// In `XCR0`: the OS saves the SSE and the upper AVX halves of the registers.
    const SSE_AND_AVX_STATE: u64 = 0b110;
    // SAFETY: `CPUID` exists on every x86-64 CPU; `XGETBV` exists where OSXSAVE is set
    // (tested before it is used), which is what its `xsave` target feature stands for.
    unsafe {
        if __cpuid(0).eax < 7 {
            return false;
        }
        let leaf1 = __cpuid(1).ecx;
        if leaf1 & (FMA | OSXSAVE | AVX) != FMA | OSXSAVE | AVX {
            return false;
        }
        _xgetbv(0) & SSE_AND_AVX_STATE == SSE_AND_AVX_STATE && __cpuid_count(7, 0).ebx & AVX2 != 0
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Set by [`baseline_only`]: every pass takes its baseline copy (for this test binary).
    pub(super) static BASELINE_ONLY: AtomicBool = AtomicBool::new(false);

    /// `f` with the baseline copies only. Other tests running meanwhile take them too, which
    /// they cannot tell: both copies give the same bits (what the test below checks).
    fn baseline_only<T>(f: impl FnOnce() -> T) -> T {
        BASELINE_ONLY.store(true, Ordering::Relaxed);
        let result = f();
        BASELINE_ONLY.store(false, Ordering::Relaxed);
        result
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_cpu_is_asked_what_std_would_answer() {
        let std_says = std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma");
        assert_eq!(super::cpu_has_avx2_fma(), std_says);
    }

    #[cfg(feature = "train")]
    #[test]
    fn both_copies_train_iris_to_the_same_bits() {
        use crate::train::{self, TrainConfig, data::Dataset};
        // Every pass a training epoch takes: the forward pass, the training reverse pass,
        // the update, the validation rows; and the plain reverse pass after it.
        let run = || {
            let config = TrainConfig::default();
            let (mut trainer, _, _) = train::prepare(Dataset::builtin_iris(), &config).unwrap();
            let mut losses = Vec::new();
            let mut confusions = Vec::new();
            for _ in 0..25 {
                losses.push(trainer.epoch().to_bits());
                confusions.push(trainer.validate());
            }
            let loss = trainer.net.loss;
            trainer.net.graph.forward();
            trainer.net.graph.backward(loss);
            let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            let graph = &trainer.net.graph;
            (
                losses,
                confusions,
                bits(graph.values()),
                bits(graph.grads()),
            )
        };
        let wide = run();
        let baseline = baseline_only(run);
        assert!(wide == baseline, "AVX2 on this CPU: {}", super::avx2_fma());
    }
}
