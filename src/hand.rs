//! Reading a hand calculation: a CSV of `name,value` rows, each value kept with the precision
//! it was written at.
//!
//! People write these files by hand or save them from a spreadsheet, so the reader is
//! forgiving where it can be without guessing: a header row is optional, blank lines, spaces,
//! a byte-order mark and CRLF line ends are fine, an unquoted name with a comma (`w(x1,1),2`)
//! takes the last field as the value, and common spellings of a name (`δ5`, `delta_5`,
//! `f5(z5)`, `f'5`) are read as the canonical one. Anything it cannot read is an error naming
//! the file and line, with the nearest valid name for a misspelt one.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::files::read_text;

/// One value of a hand calculation.
#[derive(Clone, Debug, PartialEq)]
pub struct HandValue {
    /// The canonical name it was read as.
    pub name: String,
    /// The name as written.
    pub written_name: String,
    /// The value as written (`0.9933`, `1.475e-10`).
    pub written: String,
    /// The value.
    pub value: f64,
    /// One unit in the last written digit: `1e-4` for `0.9933`, `1` for `5`, `1e-13` for
    /// `1.475e-10`.
    pub unit: f64,
    /// The line it was on (1-based).
    pub line: u64,
}

/// Read a hand-values file. `names` are the canonical names of the network being checked.
pub fn load(path: &Path, names: &[&str]) -> Result<Vec<HandValue>> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string(), names)
}

/// Parse hand-values text; `file` names it in errors.
pub fn parse(text: &str, file: &str, names: &[&str]) -> Result<Vec<HandValue>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out: Vec<HandValue> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    // The csv crate's own line count skips blank lines, and a record's offset can point at the
    // blank lines before it: count newlines up to the record's first character instead.
    let line_at = |byte: u64| {
        let bytes = text.as_bytes();
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            Error::bad_input(
                file,
                format!("line {line}"),
                format!("expected CSV rows `name,value`, found unreadable CSV ({e})"),
            )
        })?;
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        let at = format!("line {line}");
        if fields.len() < 2 {
            return Err(Error::bad_input(
                file,
                at,
                format!(
                    "expected two fields `name,value`, found one: `{}`",
                    fields[0]
                ),
            ));
        }
        // A name with a comma that was not quoted arrives split: the value is the last field.
        let (value_text, name_parts) = fields.split_last().expect("≥ 2 fields");
        let written_name = name_parts.join(",");
        if out.is_empty() && seen.is_empty() && is_header(&written_name, value_text) {
            continue;
        }
        let (value, unit) = parse_number(value_text).ok_or_else(|| {
            Error::bad_input(
                file,
                at.clone(),
                format!("expected a finite number for `{written_name}`, found `{value_text}`"),
            )
        })?;
        let name = canonical_name(&written_name, names).ok_or_else(|| {
            Error::bad_input(file, at.clone(), unknown_name_message(&written_name, names))
        })?;
        if let Some(first) = seen.insert(name.clone(), line) {
            return Err(Error::bad_input(
                file,
                at,
                format!("expected each name once, found `{name}` again (first on line {first})"),
            ));
        }
        out.push(HandValue {
            name,
            written_name,
            written: value_text.to_string(),
            value,
            unit,
            line,
        });
    }
    if out.is_empty() {
        return Err(Error::bad_input(
            file,
            "line 1",
            "expected at least one `name,value` row, found none",
        ));
    }
    Ok(out)
}

fn is_header(name: &str, value: &str) -> bool {
    name.eq_ignore_ascii_case("name") && value.eq_ignore_ascii_case("value")
}

/// A written number and one unit in its last digit. Accepts `5`, `5.`, `.5`, `-0.25`, `+3`,
/// `1E-3`, `1.475e-10`; rejects NaN, infinities and anything else.
pub fn parse_number(text: &str) -> Option<(f64, f64)> {
    let t = text.trim();
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
    let unit = 10f64.powi(exponent - frac.len() as i32);
    Some((value, unit))
}

/// The canonical name a written name stands for, if it is one of `names` or a common spelling
/// of one: `δ5`/`delta_5`/`Delta5` → `delta5`, `f5(z5)` → `f5`, `f'5`/`f5'`/`f'(z5)` → `df5`,
/// `∂L/∂w(1,4)` → `dL/dw(1,4)`, spaces anywhere dropped, `_` before a number dropped.
pub fn canonical_name(written: &str, names: &[&str]) -> Option<String> {
    let known = |n: &str| names.contains(&n);
    let mut n: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    if known(&n) {
        return Some(n);
    }
    n = n
        .replace('∂', "d")
        .replace(['δ', 'Δ'], "delta")
        .replace(['’', '′'], "'");
    if let Some(rest) = n.strip_prefix("Delta") {
        n = format!("delta{rest}");
    }
    if n.eq_ignore_ascii_case("loss") {
        n = "L".into();
    }
    // `delta_5`, `z_5`, `b_4`, `w_(1,4)`: drop an underscore that only separates.
    let mut cleaned = String::with_capacity(n.len());
    let chars: Vec<char> = n.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if c == '_'
            && i > 0
            && next.is_some_and(|d| d.is_ascii_digit() || d == '(')
            && !cleaned.ends_with("new")
        {
            continue;
        }
        cleaned.push(c);
    }
    n = cleaned;
    // `f5(z5)` → `f5`; `f'(z5)`, `f'5`, `f5'` → `df5`.
    if let Some(num) = n.strip_prefix("f'(z").and_then(|r| r.strip_suffix(')')) {
        n = format!("df{num}");
    } else if let Some(num) = n.strip_prefix("f'") {
        n = format!("df{num}");
    } else if let Some(num) = n.strip_prefix('f').and_then(|r| r.strip_suffix('\'')) {
        n = format!("df{num}");
    } else if let Some((f, arg)) = n.strip_suffix(')').and_then(|r| r.split_once('(')) {
        if let (Some(a), Some(b)) = (f.strip_prefix('f'), arg.strip_prefix('z')) {
            if a == b {
                n = format!("f{a}");
            }
        }
    }
    known(&n).then_some(n)
}

fn unknown_name_message(written: &str, names: &[&str]) -> String {
    // Nearest by edit distance; among equals, the nearest neuron number (`delta7` → `delta6`).
    let number = |s: &str| -> Option<i64> {
        let digits: String = s
            .chars()
            .rev()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().ok()
    };
    let mut scored: Vec<(usize, i64, &str)> = names
        .iter()
        .map(|k| {
            let numeric = match (number(written), number(k)) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => i64::MAX,
            };
            (strsim::levenshtein(written, k), numeric, *k)
        })
        .collect();
    scored.sort();
    let close: Vec<&str> = scored
        .iter()
        .take_while(|(d, _, _)| *d <= 3.max(written.chars().count() / 3))
        .take(3)
        .map(|(_, _, k)| *k)
        .collect();
    if close.is_empty() {
        format!(
            "expected a canonical name (x1, w(x1,1), b1, z1, f1, df1, delta1, L, dL/dw(1,4), new_b4, … — see docs/value-names.md), found `{written}`"
        )
    } else {
        format!(
            "expected a canonical name, found `{written}`; did you mean {}?",
            close
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "x1",
        "w(x1,1)",
        "z5",
        "f5",
        "df5",
        "delta5",
        "L",
        "dL/dw(1,4)",
        "new_b4",
        "w(1,4)",
    ];

    #[test]
    fn aliases() {
        for (written, canonical) in [
            ("δ5", "delta5"),
            ("delta_5", "delta5"),
            ("Delta5", "delta5"),
            ("f5(z5)", "f5"),
            ("f'5", "df5"),
            ("f5'", "df5"),
            ("f'(z5)", "df5"),
            ("∂L/∂w(1,4)", "dL/dw(1,4)"),
            ("w( x1, 1 )", "w(x1,1)"),
            ("z_5", "z5"),
            ("new_b4", "new_b4"),
            ("loss", "L"),
        ] {
            assert_eq!(
                canonical_name(written, NAMES).as_deref(),
                Some(canonical),
                "{written}"
            );
        }
        assert_eq!(canonical_name("f5(z4)", NAMES), None);
    }

    #[test]
    fn precision_is_what_was_written() {
        assert_eq!(parse_number("0.9933"), Some((0.9933, 1e-4)));
        assert_eq!(parse_number("5"), Some((5.0, 1.0)));
        assert_eq!(parse_number("5."), Some((5.0, 1.0)));
        assert_eq!(parse_number(".5"), Some((0.5, 0.1)));
        assert_eq!(parse_number("1E-3"), Some((1e-3, 1e-3)));
        let (v, u) = parse_number("-1.475e-10").unwrap();
        assert_eq!(v, -1.475e-10);
        assert!((u - 1e-13).abs() < 1e-28);
        for bad in ["nan", "inf", "", "1,5", "0x10", "e5", "."] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn header_unquoted_commas_and_errors() {
        let v = parse("name,value\nw(x1,1),2\n\n\"z5\", 7.98\n", "h.csv", NAMES).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].name, "w(x1,1)");
        assert_eq!(v[1].line, 4);
        let e = parse("z6,1\n", "h.csv", NAMES).unwrap_err().to_string();
        assert!(
            e.contains("h.csv") && e.contains("line 1") && e.contains("`z5`"),
            "{e}"
        );
        let e = parse("z5,1\nz5,2\n", "h.csv", NAMES)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("first on line 1"), "{e}");
        let e = parse("z5,abc\n", "h.csv", NAMES).unwrap_err().to_string();
        assert!(e.contains("`abc`"), "{e}");
    }
}
