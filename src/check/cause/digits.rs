//! Mistakes of copying a number: off by a power of ten or a factor of two; a digit dropped,
//! doubled, swapped or changed.

use super::{Candidate, CauseKind, Outcome, cand};
use crate::check::accepts;
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

/// The right number copied wrongly: one digit dropped, doubled, two neighbours swapped, or one
/// digit changed. Returns a description if one such change of `expected` reproduces `hand`.
pub(super) fn digit_slip(expected: f64, hand: &HandValue) -> Option<Message> {
    if expected == 0.0 || expected.signum() != hand.value.signum() {
        return None;
    }
    let sci = format!("{:.16e}", expected.abs());
    let (mantissa, exp) = sci.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let value_of = |d: &[u8]| -> f64 {
        let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        format!("{}.{}e{exp}", &s[..1], &s[1..])
            .parse::<f64>()
            .unwrap_or(f64::NAN)
            * expected.signum()
    };
    let matches = |d: &[u8]| accepts(&hand.number(), value_of(d), 0.0);
    // Only positions the person actually wrote can have been miscopied.
    let written_digits =
        ((expected.abs().log10().floor() as i32) - (hand.unit.log10().round() as i32) + 1)
            .clamp(1, 17) as usize;
    let shown = |d: &[u8]| crate::format::significant(value_of(d), written_digits + 1);
    let right = shown(&digits);
    for k in 0..written_digits.min(digits.len()) {
        let mut dropped = digits.clone();
        let c = dropped.remove(k);
        dropped.push(0);
        if matches(&dropped) {
            return Some(msg!(
                "cause-digit-dropped",
                right = &right,
                digit = c.to_string()
            ));
        }
        let mut doubled = digits.clone();
        doubled.insert(k, digits[k]);
        doubled.pop();
        if matches(&doubled) {
            return Some(msg!(
                "cause-digit-doubled",
                right = &right,
                digit = digits[k].to_string()
            ));
        }
        if k + 1 < digits.len() {
            let mut swapped = digits.clone();
            swapped.swap(k, k + 1);
            if swapped != digits && matches(&swapped) {
                return Some(msg!(
                    "cause-digits-swapped",
                    right = &right,
                    digits = format!("{}{}", digits[k], digits[k + 1])
                ));
            }
        }
    }
    for k in 0..written_digits.min(digits.len()) {
        for c in 0..10u8 {
            if c == digits[k] {
                continue;
            }
            let mut changed = digits.clone();
            changed[k] = c;
            if matches(&changed) {
                return Some(msg!(
                    "cause-digit-changed",
                    right = &right,
                    digit = digits[k].to_string(),
                    written = c.to_string()
                ));
            }
        }
    }
    None
}
