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
///
/// One correctly rounded formatting (`{:e}`) at most, and none for a whole number that fits
/// in `digits`: the table of a run and every formula of a derivation lay out thousands of
/// numbers, and the subscripts of names (`z_{4}`) are numbers too.
fn laid_out(x: f64, digits: usize, finish: fn(String) -> String) -> String {
    let digits = digits.clamp(1, 17);
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    if let Some(whole) = whole_number(x, digits) {
        return finish(whole);
    }
    // Let the formatter do the rounding (it rounds correctly), then choose the layout.
    let sci = format!("{:.*e}", digits - 1, x);
    let (mantissa, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    if !(-4..15).contains(&exp) {
        return format!("{}e{exp}", finish(mantissa.to_string()));
    }
    if exp >= digits as i32 {
        // More integer digits than significant ones (`123` to 2 digits): written whole, as
        // `{:.0}` rounds it.
        return finish(format!("{x:.0}"));
    }
    // The mantissa's digits with the point moved: the same digits `{:.n}` gives with
    // `n = digits − 1 − exp` decimals, since both round at the same place.
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (lead, rest) = mantissa.split_at(1);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let mut out = String::with_capacity(digits + 8);
    out.push_str(sign);
    if exp < 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
        out.push_str(lead);
        out.push_str(rest);
    } else {
        let (int, frac) = rest.split_at(exp as usize);
        out.push_str(lead);
        out.push_str(int);
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
    }
    finish(out)
}

/// A whole number of at most `digits` digits, below 1e15, with its `digits` figures: `4` for
/// `(4, 1)`, `12.00` for `(12, 4)`. `None` for any other number.
fn whole_number(x: f64, digits: usize) -> Option<String> {
    if x.fract() != 0.0 || x.abs() >= 1e15 {
        return None;
    }
    // Exact: a whole number below 1e15 is an i64.
    let mut out = (x as i64).to_string();
    let int_digits = out.trim_start_matches('-').len();
    let decimals = digits.checked_sub(int_digits)?;
    if decimals > 0 {
        out.push('.');
        out.extend(std::iter::repeat_n('0', decimals));
    }
    Some(out)
}

fn trim_zeros(mut s: String) -> String {
    if s.contains('.') {
        let kept = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(kept);
    }
    s
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

    /// `n` pseudo-random bit patterns from `seed` (xorshift: the same numbers every run).
    fn random_bits(seed: u64, n: usize) -> impl Iterator<Item = u64> {
        std::iter::successors(Some(seed), |&s| {
            let s = s ^ (s << 13);
            let s = s ^ (s >> 7);
            Some(s ^ (s << 17))
        })
        .skip(1)
        .take(n)
    }

    /// The layout `laid_out` promises, written as the standard formatter gives it: `{:e}` to
    /// the digits for the exponent, then `{:.n}` for the positional form.
    fn laid_out_by_std(x: f64, digits: usize, finish: fn(String) -> String) -> String {
        let digits = digits.clamp(1, 17);
        if x == 0.0 || !x.is_finite() {
            return format!("{x}");
        }
        let sci = format!("{:.*e}", digits - 1, x);
        let (mantissa, exp) = sci.split_once('e').unwrap();
        let exp: i32 = exp.parse().unwrap();
        if (-4..15).contains(&exp) {
            let decimals = (digits as i32 - 1 - exp).max(0) as usize;
            finish(format!("{:.*}", decimals, x))
        } else {
            format!("{}e{exp}", finish(mantissa.to_string()))
        }
    }

    #[test]
    fn laid_out_is_the_standard_formatters_rounding_in_its_layout() {
        let mut xs = vec![
            4.0,
            -12.0,
            120.0,
            999.0,
            99999.5,
            0.125,
            2.5,
            -0.5,
            1e-4,
            9.99995e-5,
            0.000099999,
            1e15,
            999999999999999.0,
            999999999999999.5,
            1e14,
            123456789012345.0,
            9.9996,
            0.999954602131298,
            -1.474897793084364e-10,
            5.993092958762325,
            1.0000006,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            -f64::MAX,
            0.1,
            0.7,
            1.5,
            2.675,
        ];
        // Numbers with few digits (ties and whole numbers), every magnitude, both signs.
        for k in 1..100_000u32 {
            xs.push(f64::from(k) / 8.0 * 10f64.powi(k as i32 % 41 - 20));
            xs.push(-f64::from(k) * 10f64.powi(k as i32 % 19 - 4));
        }
        for bits in random_bits(0x9E37_79B9_7F4A_7C15, 200_000) {
            // Every binade, and the magnitudes a network's values have (1e-8 to 1e3).
            xs.push(f64::from_bits(bits));
            let unit = (bits >> 11) as f64 / (1u64 << 53) as f64;
            xs.push((unit - 0.5) * 10f64.powi((bits % 12) as i32 - 8));
        }
        for (i, &x) in xs.iter().enumerate() {
            let digits = 1 + i % 17;
            for d in [digits, 6, 15] {
                assert_eq!(
                    significant(x, d),
                    laid_out_by_std(x, d, trim_zeros),
                    "significant({x:e}, {d})"
                );
                assert_eq!(
                    figures(x, d),
                    laid_out_by_std(x, d, |s| s),
                    "figures({x:e}, {d})"
                );
            }
        }
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
        // Every binade and random mantissas, both signs.
        special.extend(random_bits(0x2545_F491_4F6C_DD1D, 200_000).map(f64::from_bits));
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
