//! When a written number is right: the correct rounding of the target at the significant
//! figures written, widened only by the spread the person's own rounded inputs propagate.

use crate::hand::number::Number;

/// Whether the written number `n` is a correct rounding of some value within `spread` of
/// `target`.
///
/// - Rounded to the nearest: `|n − v| ≤ unit/2` (`0.9933` for 0.993307; `5` for 5.4; not `1`
///   for 3.08e-6, not `5` for 5.99).
/// - Truncated, as a calculator display shows it, when at least 3 significant figures are
///   written: `0.9933` for 0.99338.
/// - `0` (at any number of decimals) only when the value itself can be 0: a small value
///   written as 0 is not "rounded", it is left out.
///
/// A few ulps of slack absorb floating-point noise in `target`.
pub fn accepts(n: &Number, target: f64, spread: f64) -> bool {
    if rounds_to(n, target, spread) {
        return true;
    }
    let slack = spread + noise(n, target);
    n.value != 0.0
        && n.sig_figs >= 3
        && n.value.signum() == target.signum()
        && n.value.abs() <= target.abs() + slack
        && target.abs() - n.value.abs() < n.unit + slack
}

/// Whether `n` is the rounding to the nearest of some value within `spread` of `target` (no
/// truncation), or, for a written 0, whether the value can be 0.
pub fn rounds_to(n: &Number, target: f64, spread: f64) -> bool {
    let slack = spread + noise(n, target);
    if n.value == 0.0 {
        return target.abs() <= slack;
    }
    (n.value - target).abs() <= slack + n.unit / 2.0
}

/// A few ulps of floating-point noise in `target`.
fn noise(n: &Number, target: f64) -> f64 {
    8.0 * f64::EPSILON * n.value.abs().max(target.abs()) + f64::MIN_POSITIVE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hand::number::parse;

    fn ok(written: &str, target: f64) -> bool {
        accepts(&parse(written, false).unwrap(), target, 0.0)
    }

    #[test]
    fn rounding_at_the_significant_figures_written() {
        assert!(ok("0.9933", 0.993307149));
        assert!(ok("0.9934", 0.99335));
        assert!(!ok("0.9932", 0.993307149));
        assert!(ok("5", 5.0));
        assert!(ok("5", 5.4));
        assert!(!ok("5", 5.993));
        assert!(!ok("6", 5.0));
        assert!(!ok("1", 3.08e-6));
        assert!(ok("3e-6", 3.08e-6));
        assert!(!ok("-7e-6", -6.13e-6));
        assert!(!ok("1.1", 1.0000006));
        assert!(ok("1.0000006", 1.00000061));
    }

    #[test]
    fn truncation_needs_three_figures() {
        assert!(ok("0.9933", 0.99338)); // a calculator display cut after 4 decimals
        assert!(!ok("0.99", 0.9989)); // two figures: a rounding, so 1.0
        assert!(!ok("0.9933", 0.99324)); // truncation only goes toward zero
        assert!(ok("-0.9933", -0.99338));
    }

    #[test]
    fn zero_is_zero() {
        assert!(ok("0", 0.0));
        assert!(ok("0.000", 0.0));
        assert!(!ok("0", 3.08e-6));
        assert!(!ok("0.0000", 3.08e-6));
        assert!(accepts(&parse("0", false).unwrap(), 1e-9, 2e-9));
    }
}
