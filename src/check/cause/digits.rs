//! Mistakes of copying a number: off by a power of ten or a factor of two; a digit dropped,
//! doubled, swapped or changed.

use super::{Candidate, CauseKind, Outcome, cand};
use crate::hand::HandValue;
use crate::i18n::Message;
use crate::msg;

/// Off by a power of ten (a decimal point slipped) or a factor of two.
pub(super) fn scale_candidates(expected: f64) -> Vec<Candidate> {
    [
        (10.0, "cause-scale-decimal-point", "10"),
        (0.1, "cause-scale-decimal-point", "1/10"),
        (2.0, "cause-scale", "2"),
        (0.5, "cause-scale", "1/2"),
        (100.0, "cause-scale", "100"),
        (0.01, "cause-scale", "1/100"),
    ]
    .into_iter()
    .map(|(k, id, factor)| {
        cand(
            CauseKind::Scale,
            msg!(id, factor = factor),
            Outcome::Value(expected * k),
        )
    })
    .collect()
}

/// The power of ten of `expected` lost in copying (`-1.5253e-8` written `-1.5253`): the
/// written number is the right one times 10^k for a k of 3 or more either way.
pub(super) fn power_of_ten(expected: f64, hand: f64) -> Option<Candidate> {
    if expected == 0.0 || hand == 0.0 || expected.signum() != hand.signum() {
        return None;
    }
    let k = (hand / expected).log10().round() as i32;
    (k.abs() >= 3).then(|| {
        cand(
            CauseKind::Scale,
            msg!("cause-power-of-ten", power = (-k).to_string()),
            Outcome::Value(expected * 10f64.powi(k)),
        )
    })
}

/// The significant digits of `x` rounded to `n` figures, and its decimal exponent.
fn digits_of(x: f64, n: usize) -> (Vec<u8>, i32) {
    let s = format!("{:.*e}", n.saturating_sub(1), x.abs());
    let (mantissa, exp) = s.split_once('e').expect("scientific notation");
    let digits = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    (digits, exp.parse().expect("an exponent"))
}

/// The right number copied wrongly: one digit dropped, doubled, two neighbours swapped, or one
/// digit changed. The written digits are compared with the right ones, so the description
/// names the digits as they are.
pub(super) fn digit_slip(expected: f64, hand: &HandValue) -> Option<Message> {
    if expected == 0.0 || hand.value == 0.0 || expected.signum() != hand.value.signum() {
        return None;
    }
    let n = hand.sig_figs as usize;
    if n == 0 || hand.unit == 0.0 {
        return None;
    }
    let (written, written_exp) = digits_of(hand.value, n);
    // Same length: a digit changed or two swapped.
    let (right, right_exp) = digits_of(expected, n);
    if right_exp == written_exp {
        let differ: Vec<usize> = (0..n).filter(|&k| right[k] != written[k]).collect();
        match differ.as_slice() {
            [k] => {
                return Some(msg!(
                    "cause-digit-changed",
                    right = crate::check::show_figures(expected, n),
                    digit = right[*k].to_string(),
                    written = written[*k].to_string()
                ));
            }
            [a, b] if *b == a + 1 && right[*a] == written[*b] && right[*b] == written[*a] => {
                return Some(msg!(
                    "cause-digits-swapped",
                    right = crate::check::show_figures(expected, n),
                    digits = format!("{}{}", right[*a], right[*b])
                ));
            }
            _ => {}
        }
    }
    // One digit dropped: the right digits, one longer, less one of them.
    let (longer, longer_exp) = digits_of(expected, n + 1);
    if longer_exp == written_exp {
        for k in 0..longer.len() {
            let mut dropped = longer.clone();
            let d = dropped.remove(k);
            if dropped == written {
                return Some(msg!(
                    "cause-digit-dropped",
                    right = crate::check::show_figures(expected, n + 1),
                    digit = d.to_string()
                ));
            }
        }
    }
    // One digit doubled: the right digits, one shorter, with one of them twice.
    if n >= 2 {
        let (shorter, shorter_exp) = digits_of(expected, n - 1);
        if shorter_exp == written_exp {
            for k in 0..shorter.len() {
                let mut doubled = shorter.clone();
                doubled.insert(k, shorter[k]);
                if doubled == written {
                    return Some(msg!(
                        "cause-digit-doubled",
                        right = crate::check::show_figures(expected, n - 1),
                        digit = shorter[k].to_string()
                    ));
                }
            }
        }
    }
    None
}
