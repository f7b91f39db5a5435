//! Number formatting, in one place: the exact form for machine-readable output and the
//! significant-digit form for people.

/// The shortest decimal that reads back as exactly `x` (`f64` round trip).
///
/// Positional (`0.993307149075715`, `5`) for magnitudes from 1e-5 up to 1e16, scientific
/// (`-1.5934442841382014e-12`) outside that range, so tiny δ terms stay short. Both forms parse
/// with every CSV and JSON reader.
pub fn exact(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    // Ryū finds the shortest round-trip digits, as Rust's `{}` and `{:e}` do, and lays them out
    // the same way (positional from 1e-5 up to 1e16, `1.5e-12` beyond), several times faster:
    // `run --format csv` of a million weights prints three million numbers. Its `.0` on whole
    // numbers differs (`5.0` where `{}` writes `5`), and where two shortest decimals are equally
    // close it picks the even last digit (tested against the standard formatter).
    let mut buffer = ryu::Buffer::new();
    let s = buffer.format_finite(x);
    s.strip_suffix(".0").unwrap_or(s).to_string()
}

/// `x` with `digits` significant digits, trailing zeros dropped: `0.9933` for
/// `(0.993307149, 4)`, `-1.475e-10` for `(-1.4749e-10, 4)`, `5` for `(5.0, 4)`.
///
/// Positional for magnitudes from 1e-4 up to 1e15, scientific outside.
pub fn significant(x: f64, digits: usize) -> String {
    laid_out(x, digits, trim_zeros)
}

/// `x` with exactly `digits` significant digits, trailing zeros kept: `1.0` for `(1.0000006,
/// 2)`, `0.99330` for `(0.993301, 5)`. For comparing digits with a number written to `digits`
/// figures. Same layout as [`significant`].
pub fn figures(x: f64, digits: usize) -> String {
    laid_out(x, digits, |s| s)
}

/// `x` rounded to `digits` significant digits, its digits passed through `finish`, laid out
/// positionally for magnitudes from 1e-4 up to 1e15 and in scientific notation outside.
fn laid_out(x: f64, digits: usize, finish: fn(String) -> String) -> String {
    let digits = digits.clamp(1, 17);
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    // Let the formatter do the rounding (it rounds correctly), then choose the layout.
    let sci = format!("{:.*e}", digits - 1, x);
    let (mantissa, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    if (-4..15).contains(&exp) {
        let decimals = (digits as i32 - 1 - exp).max(0) as usize;
        finish(format!("{:.*}", decimals, x))
    } else {
        format!("{}e{exp}", finish(mantissa.to_string()))
    }
}

fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keeps_every_digit_asked_for() {
        assert_eq!(figures(1.0000006, 2), "1.0");
        assert_eq!(figures(0.993301, 5), "0.99330");
        assert_eq!(figures(-6.1e-6, 3), "-6.10e-6");
        assert_eq!(figures(120.0, 2), "120");
        assert_eq!(significant(1.0000006, 2), "1");
    }

    /// The layout `exact` promises, written with Rust's own formatter.
    fn exact_by_std(x: f64) -> String {
        let a = x.abs();
        if x == 0.0 || (1e-5..1e16).contains(&a) || !x.is_finite() {
            format!("{x}")
        } else {
            format!("{x:e}")
        }
    }

    #[test]
    fn exact_is_rusts_shortest_round_trip_in_its_layout() {
        let mut special = vec![
            0.0,
            -0.0,
            1.0,
            -5.0,
            0.1,
            1e-5,
            9.99999e-6,
            1e16,
            9999999999999998.0,
            1e15,
            123.0,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            0.993307149075715,
            -1.5934442841382014e-12,
            1e-7,
            2.5e20,
        ];
        // Every binade and random mantissas, both signs (xorshift: the same numbers every run).
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            special.push(f64::from_bits(state));
        }
        let mut ties = 0;
        for x in special {
            let (ours, std) = (exact(x), exact_by_std(x));
            if ours == std {
                continue;
            }
            // Where two shortest decimals are equally close, Ryū rounds the last digit to
            // even and Rust's formatter may not: the same length and layout, the last digit
            // one apart, and both read back as `x`.
            let context = format!("{x:e} ({:#x}): {ours} vs {std}", x.to_bits());
            assert_eq!(ours.len(), std.len(), "{context}");
            let common = ours.len() - 1;
            assert_eq!(ours[..common], std[..common], "{context}");
            assert_eq!(ours.parse::<f64>().unwrap(), x, "{context}");
            ties += 1;
        }
        assert!(ties < 100, "{ties} ties in 200,000 numbers");
    }

    #[test]
    fn exact_round_trips() {
        for x in [
            5.0,
            0.993307149075715,
            -1.5934442841382014e-12,
            1e300,
            123456.789,
            1e-5,
            -0.0,
        ] {
            assert_eq!(exact(x).parse::<f64>().unwrap(), x, "{x}");
        }
        assert_eq!(exact(5.0), "5");
        assert_eq!(exact(-1.5934442841382014e-12), "-1.5934442841382014e-12");
    }

    #[test]
    fn significant_digits() {
        assert_eq!(significant(0.993307149075715, 4), "0.9933");
        assert_eq!(significant(-1.474897793084364e-10, 4), "-1.475e-10");
        assert_eq!(significant(5.0, 4), "5");
        // 5.993092958762325 is stored as 5.99309295876232538…, which rounds up.
        assert_eq!(significant(5.993092958762325, 15), "5.99309295876233");
        assert_eq!(significant(0.00012337934976493, 3), "0.000123");
        assert_eq!(significant(99999.5, 3), "100000");
    }
}
