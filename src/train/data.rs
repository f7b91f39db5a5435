//! Loading a classification data set: rows of numbers ending in a class label.
//!
//! Two CSV layouts are read (standard CSV through the `csv` crate; fields are trimmed, blank
//! lines skipped, CRLF line ends and a UTF-8 byte-order mark accepted):
//!
//! - **the tutorial's**: no header, every row `5.1,3.5,1.4,0.2,Iris-setosa` — numbers, then a
//!   class name;
//! - **header + numeric label**: a first row of column names, then rows such as
//!   `5.1,3.5,1.4,0.2,0` whose last field is a class number.
//!
//! A file has a header when no field of its first row is a number. Class labels
//! become class indices in order of first appearance, so the tutorial's file maps
//! `Iris-setosa` → 0, `Iris-versicolor` → 1, `Iris-virginica` → 2, exactly as its Python
//! `label_dict` does. Every problem is an [`Error::bad_input`] naming the file and line.
//!
//! [`Dataset::builtin_iris`] is the same 150 rows, in the same order and with the same class
//! names, read from the copy the `linfa-datasets` crate ships, so `deltagraph train` works with
//! no file at all.

use std::borrow::Cow;
use std::path::Path;

use crate::error::{Error, Result};
use crate::files::read_text;
use crate::i18n::Message;
use crate::msg;

/// One data row: its features, its class index and the line it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The feature values, in column order.
    pub features: Vec<f64>,
    /// Index into [`Dataset::classes`].
    pub class: usize,
    /// The 1-based line of the file the row was read from (0 for the built-in set).
    pub line: u64,
}

/// A labelled data set. See the [module docs](self).
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Where it came from, for messages: the file name or `<built-in iris>`.
    pub source: String,
    /// Column names: the header's, or `x1`, `x2`, … for a file without one.
    pub feature_names: Vec<String>,
    /// Class labels in order of first appearance; class `k` is `classes[k]`.
    pub classes: Vec<String>,
    /// The rows, in file order.
    pub rows: Vec<Row>,
}

/// The minimum and maximum of every feature column, as used by [`Dataset::normalise`].
#[derive(Clone, Debug, PartialEq)]
pub struct MinMax {
    /// Per-column minimum.
    pub min: Vec<f64>,
    /// Per-column maximum.
    pub max: Vec<f64>,
}

impl MinMax {
    /// Map one feature vector into [0, 1] per column. A constant column maps to 0 (as
    /// scikit-learn's `MinMaxScaler` does), not to NaN.
    pub fn apply(&self, features: &mut [f64]) {
        for ((x, &lo), &hi) in features.iter_mut().zip(&self.min).zip(&self.max) {
            let range = hi - lo;
            *x = if range.is_finite() && range > 0.0 {
                (*x - lo) / range
            } else if range == f64::INFINITY {
                // Features near ±f64::MAX: `hi − lo` overflows, their halves do not (halving
                // is exact at these magnitudes), and the ratio is the same.
                (*x / 2.0 - lo / 2.0) / (hi / 2.0 - lo / 2.0)
            } else {
                0.0
            };
        }
    }
}

/// The class names of the built-in Iris set, in the order `linfa-datasets` numbers them
/// (scikit-learn's order, which is also their order of first appearance).
const IRIS_CLASSES: [&str; 3] = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"];

impl Dataset {
    /// The [`source`](Self::source) of [`Dataset::builtin_iris`].
    pub const BUILTIN_IRIS: &str = "<built-in iris>";

    /// Read a data file. See the [module docs](self) for the formats.
    pub fn load(path: &Path) -> Result<Dataset> {
        let text = read_text(path)?;
        Dataset::parse(&text, &path.display().to_string())
    }

    /// Parse CSV text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Dataset> {
        let mut rows = RowReader::new(file);
        let each = |line, fields: &[&str]| rows.record(line, fields);
        if text.contains('"') {
            read_csv(text, file, each)?;
        } else {
            read_unquoted(text, each)?;
        }
        rows.finish()
    }

    /// The Iris data shipped inside the `linfa-datasets` crate: the same 150 rows, in the same
    /// order, as the tutorial's `iris.csv`, with the tutorial's class names.
    pub fn builtin_iris() -> Dataset {
        let iris = linfa_datasets::iris();
        let records = iris.records();
        let targets = iris.targets();
        let rows = records
            .outer_iter()
            .zip(targets.iter())
            .map(|(features, &class)| Row {
                features: features.to_vec(),
                class,
                line: 0,
            })
            .collect();
        Dataset {
            source: Dataset::BUILTIN_IRIS.to_string(),
            feature_names: ["sepal length", "sepal width", "petal length", "petal width"]
                .map(String::from)
                .to_vec(),
            classes: IRIS_CLASSES.map(String::from).to_vec(),
            rows,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows (never, for a loaded data set).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Number of feature columns.
    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }

    /// The per-column minimum and maximum over every row.
    pub fn min_max(&self) -> MinMax {
        let n = self.n_features();
        let mut mm = MinMax {
            min: vec![f64::INFINITY; n],
            max: vec![f64::NEG_INFINITY; n],
        };
        for row in &self.rows {
            for (i, &x) in row.features.iter().enumerate() {
                mm.min[i] = mm.min[i].min(x);
                mm.max[i] = mm.max[i].max(x);
            }
        }
        mm
    }

    /// Min-max normalise every column into [0, 1] over the whole set (before the split, as the
    /// tutorial does); returns the scaling, which a user of the trained network needs.
    pub fn normalise(&mut self) -> MinMax {
        let mm = self.min_max();
        for row in &mut self.rows {
            mm.apply(&mut row.features);
        }
        mm
    }

    /// The line of the last row, for messages about the file as a whole.
    pub fn last_line(&self) -> u64 {
        self.rows.last().map_or(0, |r| r.line)
    }
}

/// Calls `each` with every record of `text` (its line and its fields, trimmed) through the
/// `csv` crate: quoted fields, with their commas, quotes and line breaks. `file` names the text
/// in errors.
fn read_csv(
    text: &str,
    file: &str,
    mut each: impl FnMut(u64, &[&str]) -> Result<()>,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Rows of the wrong length are reported by us, with what was expected.
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut last_line = 0;
    let lines = LineIndex::new(text);
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e
                .position()
                .map_or(last_line + 1, |p| lines.line_of_record(p.byte() as usize));
            Error::bad_input(
                file,
                format!("line {line}"),
                msg!("data-bad-csv", error = e.to_string()),
            )
        })?;
        if !more {
            return Ok(());
        }
        let line = record
            .position()
            .map_or(last_line + 1, |p| lines.line_of_record(p.byte() as usize));
        last_line = line;
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        each(line, &fields)?;
    }
}

/// Calls `each` with every record of `text`, which has no `"`: what [`read_csv`] reads from
/// such a text (a test compares them), without building the `csv` reader. Building it costs more than reading
/// the 150 rows of Iris (its state machine is made for all 256 bytes in every state, about
/// 270,000 instructions at each start). Without quotes a record is a run of bytes up to a
/// `\r` or `\n` (a blank one is no record), its fields are split at every `,`, and a UTF-8
/// byte-order mark at the start is dropped, as the `csv` reader does.
fn read_unquoted(text: &str, mut each: impl FnMut(u64, &[&str]) -> Result<()>) -> Result<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut fields = Vec::new();
    for (line, text_line) in (1..).zip(text.split('\n')) {
        for record in split_at_byte(text_line, b'\r').filter(|r| !r.is_empty()) {
            fields.clear();
            fields.extend(split_at_byte(record, b',').map(str::trim));
            each(line, &fields)?;
        }
    }
    Ok(())
}

/// The pieces of `text` between the bytes `separator` (an ASCII character), as
/// `text.split(separator as char)` gives them; for short pieces a plain byte loop costs a
/// fifth of `split`'s search (which set up a `memchr` for each five-byte field).
fn split_at_byte(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    debug_assert!(separator.is_ascii());
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let piece = rest?;
        match piece.bytes().position(|b| b == separator) {
            Some(k) => {
                rest = Some(&piece[k + 1..]);
                Some(&piece[..k])
            }
            None => {
                rest = None;
                Some(piece)
            }
        }
    })
}

/// Turns records into a [`Dataset`]: the header, the width every row must have, the class of
/// each label, and an error naming the line for anything else.
struct RowReader<'f> {
    /// The file's name, for errors.
    file: &'f str,
    /// The column names, when the first row is a header.
    header: Option<Vec<String>>,
    /// Fields per row, fixed by the first row (0 before it).
    width: usize,
    /// Class labels in order of first appearance.
    classes: Vec<String>,
    rows: Vec<Row>,
}

impl<'f> RowReader<'f> {
    fn new(file: &'f str) -> Self {
        RowReader {
            file,
            header: None,
            width: 0,
            classes: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// One record of line `line`, its fields trimmed of whitespace (as csv's `Trim::All`
    /// would, which copies each record twice to do it).
    fn record(&mut self, line: u64, fields: &[&str]) -> Result<()> {
        let file = self.file;
        if fields.iter().all(|f| f.is_empty()) {
            return Ok(()); // a blank (or whitespace-only) line
        }
        let at = || format!("line {line}");
        if self.width == 0 {
            // The first row fixes the width and tells whether there is a header.
            self.width = fields.len();
            if self.width < 2 {
                return Err(Error::bad_input(
                    file,
                    at(),
                    msg!("data-one-field", found = quote(fields[0])),
                ));
            }
            // A header names every column: none of its fields is a number. (Testing only
            // the first field would take a data row with a typo there for a header.)
            if fields.iter().all(|f| parse_number(f).is_none()) {
                self.header = Some(fields.iter().map(|f| f.to_string()).collect());
                return Ok(());
            }
        }
        let width = self.width;
        if fields.len() != width {
            return Err(Error::bad_input(
                file,
                at(),
                msg!(
                    "data-field-count",
                    width = width,
                    numbers = width - 1,
                    found = fields.len(),
                    row = quote(&fields.join(","))
                ),
            ));
        }
        let mut features = Vec::with_capacity(width - 1);
        for (i, &field) in fields[..width - 1].iter().enumerate() {
            match parse_number(field) {
                Some(x) if x.is_finite() => features.push(x),
                Some(x) => {
                    return Err(Error::bad_input(
                        file,
                        at(),
                        msg!("data-not-finite", field = i + 1, value = x.to_string()),
                    ));
                }
                None => {
                    return Err(Error::bad_input(
                        file,
                        at(),
                        msg!("data-not-a-number", field = i + 1, value = quote(field)),
                    ));
                }
            }
        }
        let label = canonical_label(fields[width - 1]).map_err(|m| {
            Error::bad_input(file, at(), msg!("data-field", field = width, message = m))
        })?;
        let class = match self.classes.iter().position(|c| *c == label) {
            Some(k) => k,
            None => {
                self.classes.push(label.into_owned());
                self.classes.len() - 1
            }
        };
        self.rows.push(Row {
            features,
            class,
            line,
        });
        Ok(())
    }

    /// The data set, or why there is none: no rows, or a single class.
    fn finish(self) -> Result<Dataset> {
        let file = self.file;
        let rows = self.rows;
        if rows.is_empty() {
            let (location, what) = match self.header {
                Some(_) => ("line 2".to_string(), "data-found-header-only"),
                None => ("line 1".to_string(), "data-found-empty"),
            };
            return Err(Error::bad_input(
                file,
                location,
                msg!("data-no-rows", found = Message::new(what)),
            ));
        }
        if self.classes.len() < 2 {
            let (first, last) = (rows[0].line, rows[rows.len() - 1].line);
            return Err(Error::bad_input(
                file,
                format!("lines {first}-{last}"),
                msg!("data-one-class", class = quote(&self.classes[0])),
            ));
        }
        let width = self.width;
        let feature_names = match self.header {
            Some(h) => h[..width - 1].to_vec(),
            None => (1..width).map(|i| format!("x{i}")).collect(),
        };
        Ok(Dataset {
            source: file.to_string(),
            feature_names,
            classes: self.classes,
            rows,
        })
    }
}

/// Line numbers from byte offsets. The `csv` crate's own record line is where the previous
/// record ended, so it counts blank lines before a record (and CRLF ends) wrongly; its byte
/// offset is right, so lines are counted here.
struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of every `\n`.
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { text, newlines }
    }

    /// The 1-based line of the first non-blank character at or after `offset`. The first
    /// record's offset is 0, before the byte-order mark the reader drops, which is skipped
    /// too.
    fn line_of_record(&self, offset: usize) -> u64 {
        let at = match self.text.get(offset..) {
            Some(rest) => {
                let rest = match offset {
                    0 => rest.strip_prefix('\u{feff}').unwrap_or(rest),
                    _ => rest,
                };
                self.text.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len()
            }
            None => offset,
        };
        (self.newlines.partition_point(|&n| n < at) + 1) as u64
    }
}

fn parse_number(field: &str) -> Option<f64> {
    field.parse::<f64>().ok()
}

/// A label as a class name: a name as written, or a whole number in its plain spelling (so
/// `1` and `1.0` are one class). A fractional or negative number is rejected: it is almost
/// certainly a feature column where the label should be.
fn canonical_label(field: &str) -> Result<Cow<'_, str>, Message> {
    if field.is_empty() {
        return Err(Message::new("data-empty-label"));
    }
    match parse_number(field) {
        None => Ok(Cow::Borrowed(field)),
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x < 1e15 => {
            Ok(Cow::Owned(format!("{}", x as u64)))
        }
        Some(x) => Err(msg!("data-bad-label", value = x.to_string())),
    }
}

/// A field as shown in a message.
fn quote(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX {
        format!("\"{}…\"", s.chars().take(MAX).collect::<String>())
    } else {
        format!("\"{s}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tutorial_layout_with_crlf_spaces_and_blank_lines() {
        let text = "5.1, 3.5,1.4,0.2,Iris-setosa\r\n\r\n7.0,3.2,4.7,1.4, Iris-versicolor\r\n  \r\n4.9,3.0,1.4,0.2,Iris-setosa\r\n";
        let d = Dataset::parse(text, "t.csv").unwrap();
        assert_eq!(d.classes, ["Iris-setosa", "Iris-versicolor"]);
        assert_eq!(
            d.rows.iter().map(|r| r.class).collect::<Vec<_>>(),
            [0, 1, 0]
        );
        assert_eq!(d.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(d.rows[0].features, [5.1, 3.5, 1.4, 0.2]);
        assert_eq!(d.feature_names, ["x1", "x2", "x3", "x4"]);
    }

    #[test]
    fn fields_lose_unicode_whitespace_too_and_quoted_commas_stay() {
        // An ideographic space and a no-break space, as a CJK input method types them.
        let text = " name\u{3000},b ,label\n1,\u{3000}2\u{a0},a\n3,4,\" b,c \"\n";
        let d = Dataset::parse(text, "u.csv").unwrap();
        assert_eq!(d.feature_names, ["name", "b"]);
        assert_eq!(d.rows[0].features, [1.0, 2.0]);
        assert_eq!(d.classes, ["a", "b,c"]);
    }

    #[test]
    fn reads_a_header_and_numeric_labels_in_order_of_first_appearance() {
        let text = "a,b,label\n1,2,2\n3,4,0.0\n5,6,2\n";
        let d = Dataset::parse(text, "h.csv").unwrap();
        assert_eq!(d.feature_names, ["a", "b"]);
        assert_eq!(d.classes, ["2", "0"]);
        assert_eq!(
            d.rows.iter().map(|r| r.class).collect::<Vec<_>>(),
            [0, 1, 0]
        );
        assert_eq!(d.rows[0].line, 2);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("1,2,a\n1,2\n", "line 2", "expected 3 fields"),
            (
                "1,2,a\n1,x,b\n",
                "line 2",
                "field 2: expected a number, found \"x\"",
            ),
            ("1,2,a\n1,inf,b\n", "line 2", "finite"),
            ("", "line 1", "empty file"),
            ("a,b,c\n", "line 2", "no data rows"),
            ("1,2,a\n\n3,4,a\n", "lines 1-3", "only \"a\""),
            ("1,2,a\n3,4,-1\n", "line 2", "whole number"),
            ("1,2,\n", "line 1", "empty field"),
            // After a byte-order mark and blank lines, with and without quotes.
            ("\u{feff}\n\n1\n", "line 3", "found \"1\""),
            ("\u{feff}\r\n\r\n\"1\"\n", "line 3", "found \"1\""),
            ("\u{feff}1,2,a\n\"1\",x,b\n", "line 2", "found \"x\""),
        ];
        for (text, line, what) in cases {
            let e = Dataset::parse(text, "f.csv").unwrap_err().to_string();
            assert!(e.starts_with(&format!("f.csv: {line}: ")), "{text:?}: {e}");
            assert!(e.contains(what), "{text:?}: {e}");
        }
    }

    #[test]
    fn normalising_maps_each_column_to_the_unit_interval() {
        let mut d = Dataset::parse("1,5,a\n3,5,b\n2,5,a\n", "n.csv").unwrap();
        let mm = d.normalise();
        assert_eq!(mm.min, [1.0, 5.0]);
        let col0: Vec<f64> = d.rows.iter().map(|r| r.features[0]).collect();
        assert_eq!(col0, [0.0, 1.0, 0.5]);
        // A constant column becomes 0, not NaN.
        assert!(d.rows.iter().all(|r| r.features[1] == 0.0));
    }

    /// Every record (line, trimmed fields) a reader passes on, but blank ones: `RowReader`
    /// skips them without looking at their line (which the `csv` reader's position puts on the
    /// next non-blank line).
    fn records(
        read: impl FnOnce(&mut dyn FnMut(u64, &[&str]) -> Result<()>),
    ) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        read(&mut |line, fields| {
            if !fields.iter().all(|f| f.is_empty()) {
                out.push((line, fields.iter().map(|f| f.to_string()).collect()));
            }
            Ok(())
        });
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Without quotes the plain splitter reads what the `csv` reader reads: the same
        /// records, fields and lines, whatever the line ends, blank lines, spaces and
        /// byte-order marks.
        #[test]
        fn unquoted_text_reads_as_the_csv_reader_reads_it(
            text in "[1a.,\r\n \t\u{3000}\u{a0}\u{feff}-]{0,40}"
        ) {
            let by_csv = records(|each| read_csv(&text, "p.csv", each).unwrap());
            let plain = records(|each| read_unquoted(&text, each).unwrap());
            proptest::prop_assert_eq!(plain, by_csv);
        }
    }

    #[test]
    fn the_builtin_iris_set_has_150_rows_of_three_classes() {
        let d = Dataset::builtin_iris();
        assert_eq!(d.len(), 150);
        assert_eq!(d.n_features(), 4);
        assert_eq!(d.rows[0].features, [5.1, 3.5, 1.4, 0.2]);
        for k in 0..3 {
            assert_eq!(d.rows.iter().filter(|r| r.class == k).count(), 50);
        }
    }
}
