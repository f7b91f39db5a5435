//! Reading one written number the way people write it, keeping the precision it was written at.
//!
//! `0.9933`, `-6.142e-6`, `3.08×10^-6`, `0,9933` (a decimal comma, in `;`- or tab-separated
//! files), `99.33%`, `4/2`, a Unicode minus `−`, a trailing `…`. Full-width digits are already
//! ASCII here: the reader applies NFKC to the whole file first.

/// A written number: its value and how precisely it was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// One unit in the last written digit (`1e-4` for `0.9933`, `1` for `5`); `0` for a
    /// number that is exact as written (a fraction of whole numbers such as `4/2`).
    pub unit: f64,
    /// Significant figures written: digits from the first nonzero one to the last one
    /// (`0.00450` has 3, `5` has 1, `0` has 0); 17 for an exact fraction.
    pub sig_figs: u32,
}

/// The longest written number read: 1000 bytes is far more digits than anyone writes, and a
/// 60 MB "number" is not copied three times on its way to being refused.
pub const MAX_BYTES: usize = 1000;

/// Parse a written number; `decimal_comma` reads `0,9933` as 0.9933 (a European spreadsheet).
/// Longer than [`MAX_BYTES`] is no number.
pub fn parse(text: &str, decimal_comma: bool) -> Option<Number> {
    if text.len() > MAX_BYTES {
        return None;
    }
    let mut t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '−' | '–' | '‒' => '-',
            c => c,
        })
        .collect();
    for approx in ["≈", "~"] {
        if let Some(rest) = t.strip_prefix(approx) {
            t = rest.trim_start().to_string();
        }
    }
    for ellipsis in ["…", "..."] {
        if let Some(rest) = t.strip_suffix(ellipsis) {
            t = rest.to_string();
        }
    }
    if decimal_comma && t.contains(',') && !t.contains('.') {
        t = t.replace(',', ".");
    }
    if let Some(rest) = t.strip_suffix('%') {
        let n = parse(rest, false)?;
        return Some(Number {
            value: n.value / 100.0,
            unit: n.unit / 100.0,
            ..n
        });
    }
    if let Some((a, b)) = t.split_once('/') {
        let (a, b) = (parse(a, false)?, parse(b, false)?);
        let value = a.value / b.value;
        if b.value == 0.0 || !value.is_finite() {
            return None;
        }
        // Whole numbers over whole numbers are exact; otherwise the coarser part decides.
        let unit = if a.unit == 1.0 && b.unit == 1.0 {
            0.0
        } else {
            (a.unit / b.value.abs()).max(a.value.abs() * b.unit / (b.value * b.value))
        };
        return Some(Number {
            value,
            unit,
            sig_figs: if unit == 0.0 {
                17
            } else {
                a.sig_figs.min(b.sig_figs)
            },
        });
    }
    let t = scientific_to_e(&t);
    decimal(&t)
}

/// `3.08×10^-6`, `3.08x10^-6`, `3.08*10**-6`, `3.08·10-6` (a superscript minus after NFKC) →
/// `3.08e-6`.
fn scientific_to_e(t: &str) -> String {
    for times in ["×10", "x10", "X10", "*10", "·10", "⋅10"] {
        if let Some((mantissa, exponent)) = t.split_once(times) {
            let exponent = exponent
                .strip_prefix("**")
                .or_else(|| exponent.strip_prefix('^'))
                .unwrap_or(exponent);
            if !mantissa.is_empty() && !exponent.is_empty() {
                return format!("{mantissa}e{exponent}");
            }
        }
    }
    t.to_string()
}

/// A plain decimal: `5`, `5.`, `.5`, `-0.25`, `+3`, `1E-3`, `1.475e-10`; no NaN or infinity.
fn decimal(t: &str) -> Option<Number> {
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(p) => (&unsigned[..p], unsigned[p + 1..].parse::<i32>().ok()?),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits_ok(int) || !digits_ok(frac) {
        return None;
    }
    let value: f64 = t.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let all_digits = int.chars().chain(frac.chars());
    let sig_figs = all_digits.skip_while(|&c| c == '0').count() as u32;
    let unit = 10f64.powi(exponent - frac.len() as i32);
    Some(Number {
        value,
        unit,
        sig_figs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> (f64, f64, u32) {
        let n = parse(t, true).unwrap_or_else(|| panic!("{t}"));
        (n.value, n.unit, n.sig_figs)
    }

    #[test]
    fn precision_is_what_was_written() {
        assert_eq!(n("0.9933"), (0.9933, 1e-4, 4));
        assert_eq!(n("5"), (5.0, 1.0, 1));
        assert_eq!(n("0"), (0.0, 1.0, 0));
        assert_eq!(n("0.00450"), (0.0045, 1e-5, 3));
        assert_eq!(n("100"), (100.0, 1.0, 3));
        assert_eq!(n(".5"), (0.5, 0.1, 1));
        assert_eq!(n("0,9933"), (0.9933, 1e-4, 4));
        assert_eq!(n("−0.25"), (-0.25, 1e-2, 2));
        let (v, u, s) = n("99.33%");
        assert!((v - 0.9933).abs() < 1e-15 && (u - 1e-4).abs() < 1e-18 && s == 4);
        assert_eq!(n("4/2"), (2.0, 0.0, 17));
        let (v, u, _) = n("3.08×10^-6");
        assert!((v - 3.08e-6).abs() < 1e-20 && (u - 1e-8).abs() < 1e-22);
        assert_eq!(n("3.08×10-6").0, 3.08e-6);
        assert_eq!(n("0.9933…"), (0.9933, 1e-4, 4));
        for bad in ["nan", "inf", "", "1,5,3", "0x10", "e5", ".", "1/0", "five"] {
            assert_eq!(parse(bad, true), None, "{bad}");
        }
        assert_eq!(parse("0,5", false), None);
        // As long as anyone writes, and longer.
        let long = format!("0.{}", "3".repeat(MAX_BYTES - 2));
        assert_eq!(parse(&long, false).map(|n| n.sig_figs), Some(998));
        assert_eq!(parse(&format!("{long}3"), false), None);
    }
}
