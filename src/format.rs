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
    laid_out(x, digits, false)
}

/// `x` with exactly `digits` significant digits, trailing zeros kept: `1.0` for `(1.0000006,
/// 2)`, `0.99330` for `(0.993301, 5)`. For comparing digits with a number written to `digits`
/// figures. Same layout as [`significant`].
pub fn figures(x: f64, digits: usize) -> String {
    laid_out(x, digits, true)
}

/// `x` with `digits` significant digits as a diagram shows it: trailing zeros dropped when
/// the number shown is `x` itself (`5`, `0.25`), kept when it is rounded (`1.000` for
/// `(0.99995, 4)`, `7.980` for `(7.97958, 4)`), so that a rounded value never looks exact.
pub fn rounded(x: f64, digits: usize) -> String {
    let short = significant(x, digits);
    if short.parse::<f64>() == Ok(x) {
        short
    } else {
        figures(x, digits)
    }
}

/// `x` rounded to `digits` significant digits, trailing zeros kept or dropped, laid out
/// positionally for magnitudes from 1e-4 up to 1e15 and in scientific notation outside.
///
/// One correctly rounded formatting at most, and none for a whole number that fits in
/// `digits`: the table of a run and every formula of a derivation lay out thousands of
/// numbers, and the subscripts of names (`z_{4}`) are numbers too.
fn laid_out(x: f64, digits: usize, keep_zeros: bool) -> String {
    let digits = digits.clamp(1, 17);
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    if let Some(whole) = whole_number(x, digits, keep_zeros) {
        return whole;
    }
    let r = Rounded::new(x, digits);
    let figures = r.figures();
    // The figures after the first place that are not trailing zeros to drop.
    let shown = |from: usize| {
        let rest = &figures[from.min(digits)..];
        if keep_zeros {
            rest
        } else {
            rest.trim_end_matches('0')
        }
    };
    let mut out = String::with_capacity(digits + 8);
    if r.negative {
        out.push('-');
    }
    let exp = r.exp;
    if !(-4..15).contains(&exp) {
        out.push_str(&figures[..1]);
        push_fraction(&mut out, shown(1));
        out.push('e');
        out.push_str(&exp.to_string());
    } else if exp >= digits as i32 {
        // More integer digits than significant ones (`123` to 2 digits): written whole, as
        // `{:.0}` rounds it.
        return format!("{x:.0}");
    } else if exp < 0 {
        // The same digits `{:.n}` gives with `n = digits − 1 − exp` decimals, since both
        // round at the same place.
        out.push_str("0.");
        out.push_str(&ZEROS[..(-exp - 1) as usize]);
        out.push_str(&figures[..1]);
        out.push_str(shown(1));
    } else {
        let point = exp as usize + 1;
        out.push_str(&figures[..point]);
        push_fraction(&mut out, shown(point));
    }
    out
}

/// Zeros to pad with: up to 16 decimals of a whole number, 3 after the point of 1e-4.
const ZEROS: &str = "0000000000000000";

/// `.fraction`, or nothing for no fraction.
fn push_fraction(out: &mut String, fraction: &str) {
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
}

/// A number correctly rounded to some significant digits: `-6.14163e-6` is negative, figures
/// `614163`, exponent −6 (the power of ten of the first figure).
#[derive(Debug, PartialEq)]
struct Rounded {
    negative: bool,
    /// The ASCII figures, `len` of them.
    digits: [u8; 17],
    len: usize,
    exp: i32,
}

impl Rounded {
    /// `x` (finite, not zero) correctly rounded to `digits` (1 to 17) significant digits, as
    /// `format!("{:.*e}", digits - 1, x)` rounds it: from its shortest round-trip digits (Ryū)
    /// where they give the same figures, which is nearly always and several times faster.
    ///
    /// Why they do: let `s` be the shortest decimal that reads back as `x` (Ryū gives it, and
    /// of those of its length the closest to `x`). If `s` has at most `digits ≤ 15` figures, it
    /// is the rounding: `x` is within half an ulp (2⁻⁵³ of `x`) of `s`, and any other number
    /// of `digits` figures is at least 10⁻¹⁵ of `x` away from `s`. If `s` has more figures,
    /// rounding `s` rounds `x` alike unless a rounding boundary (`digits + 1` figures ending in
    /// 5) lies between them or on `x`; but then that boundary would read back as `x` too and be
    /// shorter than `s` or as short and closer. Only when `s` is that boundary itself is the
    /// tie left to the formatter, as are 16 and 17 digits and subnormal numbers.
    fn new(x: f64, digits: usize) -> Rounded {
        if digits > 15 || !x.is_normal() {
            return Rounded::by_formatter(x, digits);
        }
        let mut buffer = ryu::Buffer::new();
        let shortest = Rounded::parse(buffer.format_finite(x));
        if shortest.len <= digits {
            return Rounded {
                len: digits,
                ..shortest
            };
        }
        let rest = &shortest.digits[digits..shortest.len];
        if rest == b"5" {
            return Rounded::by_formatter(x, digits);
        }
        let round_up = rest[0] >= b'5';
        let mut r = Rounded {
            len: digits,
            ..shortest
        };
        r.digits[digits..].fill(b'0');
        if round_up {
            match r.digits[..digits].iter().rposition(|&d| d != b'9') {
                Some(at) => {
                    r.digits[at] += 1;
                    r.digits[at + 1..digits].fill(b'0');
                }
                None => {
                    r.digits[..digits].fill(b'0');
                    r.digits[0] = b'1';
                    r.exp += 1;
                }
            }
        }
        r
    }

    /// As the standard formatter rounds it.
    fn by_formatter(x: f64, digits: usize) -> Rounded {
        let mut r = Rounded::parse(&format!("{:.*e}", digits - 1, x));
        r.len = digits;
        r
    }

    /// The figures of a decimal as Ryū or `{:e}` write it (`-0.00123`, `1.5e-12`, `1e16`),
    /// trailing zeros dropped (the places after them are zeros).
    fn parse(text: &str) -> Rounded {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, power) = match text.split_once('e') {
            Some((m, p)) => (m, p.parse::<i32>().expect("an integer exponent")),
            None => (text, 0),
        };
        let mut r = Rounded {
            negative,
            digits: [b'0'; 17],
            len: 0,
            exp: 0,
        };
        let (mut int_len, mut leading) = (0, 0);
        let mut past_point = false;
        for b in mantissa.bytes() {
            match b {
                b'.' => past_point = true,
                b'0' if r.len == 0 => leading += 1,
                _ => {
                    r.digits[r.len] = b;
                    r.len += 1;
                }
            }
            if !past_point && b != b'.' {
                int_len += 1;
            }
        }
        while r.len > 1 && r.digits[r.len - 1] == b'0' {
            r.len -= 1;
        }
        r.exp = power + int_len - leading - 1;
        r
    }

    /// The figures, as text.
    fn figures(&self) -> &str {
        std::str::from_utf8(&self.digits[..self.len]).expect("ASCII figures")
    }
}

/// A whole number of at most `digits` digits, below 1e15, with its zero decimals if they are
/// kept: `4` for `(4, 1)`, `12.00` for `(12, 4)`. `None` for any other number.
fn whole_number(x: f64, digits: usize, keep_zeros: bool) -> Option<String> {
    if x.fract() != 0.0 || x.abs() >= 1e15 {
        return None;
    }
    // Exact: a whole number below 1e15 is an i64.
    let mut out = (x as i64).to_string();
    let int_digits = out.trim_start_matches('-').len();
    let decimals = digits.checked_sub(int_digits)?;
    if keep_zeros && decimals > 0 {
        out.push('.');
        out.push_str(&ZEROS[..decimals]);
    }
    Some(out)
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

    #[test]
    fn a_rounded_value_keeps_its_figures_and_an_exact_one_does_not() {
        // σ(10) = 0.9999546…: to 4 figures 1.000, which is not 1.
        assert_eq!(rounded(1.0 / (1.0 + (-10.0f64).exp()), 4), "1.000");
        assert_eq!(rounded(7.979583862, 4), "7.980");
        assert_eq!(rounded(-6.1416e-6, 3), "-6.14e-6");
        // Shown as they are: exact values have no zeros to keep.
        assert_eq!(rounded(5.0, 4), "5");
        assert_eq!(rounded(0.25, 4), "0.25");
        assert_eq!(rounded(-1.5e-8, 4), "-1.5e-8");
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

    fn trim_zeros(s: String) -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
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

    #[test]
    fn rounding_from_the_shortest_digits_is_the_standard_formatters() {
        // Ties (exact binary fractions), halves of the last digit, carries, every magnitude.
        let mut xs = vec![
            0.125,
            2.5,
            0.5,
            1.5,
            9.5,
            95.0,
            0.95,
            9.9996,
            99.995,
            999999.5,
            0.1,
            0.7,
            2.675,
            1.0000006,
            1e-300,
            1e300,
            f64::MIN_POSITIVE,
            f64::MAX,
            5e-324,
            0.0,
        ];
        for k in 1..20_000u32 {
            let x = f64::from(k) / 64.0 * 10f64.powi(k as i32 % 31 - 15);
            xs.extend([
                x,
                -x,
                x * (1.0 + f64::EPSILON),
                x * (1.0 - f64::EPSILON / 2.0),
            ]);
        }
        for bits in random_bits(0xD1B5_4A32_D192_ED03, 100_000) {
            xs.push(f64::from_bits(bits));
            let unit = (bits >> 11) as f64 / (1u64 << 53) as f64;
            xs.push((unit - 0.5) * 10f64.powi((bits % 12) as i32 - 8));
        }
        for x in xs {
            for digits in 1..=17 {
                if x == 0.0 {
                    continue;
                }
                assert_eq!(
                    Rounded::new(x, digits),
                    Rounded::by_formatter(x, digits),
                    "{x:e} to {digits} digits"
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
