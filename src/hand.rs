//! Reading a hand calculation: rows of `name,value`, each value kept with the precision it was
//! written at.
//!
//! People write these files by hand, save them from a spreadsheet or copy them out of one, so
//! the reader is forgiving where it can be without guessing:
//!
//! - `,`-, `;`- or tab-separated (the delimiter is the one the file uses; with `;` or tabs a
//!   decimal comma `0,9933` is read as 0.9933), `name = value` lines too;
//! - full-width characters from a CJK input method (`ｚ１，５`) through NFKC, a Unicode minus,
//!   a byte-order mark, CRLF line ends, blank lines, `#` comment lines;
//! - an optional header row in any language (`name,value`, `Name;Wert`, `名称,数值`), also with
//!   a third `formula` column as `deltagraph worksheet` writes it;
//! - an unquoted name with a comma (`w(x1,1),2`: the value is the last field);
//! - the names people write (see [`names`]); numbers as in [`number`];
//! - a row with an empty value (`f1,`) is *unanswered*, not an error;
//! - UTF-8, or UTF-16 with a byte-order mark (a spreadsheet's "Unicode text").
//!
//! Whatever cannot be read is a [`Problem`] of its line; the problems of a file are reported
//! at once (the first [`MAX_PROBLEMS_SHOWN`], then how many more), and the readable rows are
//! still judged. A file with [`MAX_PROBLEMS`] unreadable lines is not read further.
//!
//! Work and memory are bounded by the network, not by the file: each name is kept once, a
//! name longer than any spelling of the network's names is unknown without further work, and
//! only the problems shown keep a message.

use std::borrow::Cow;
use std::collections::hash_map::{Entry, HashMap};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::files::{read_bytes, read_text, utf8_text};
use crate::i18n::{Arg, Message};
use crate::msg;

pub mod names;
pub mod number;

pub use names::{LEARNING_RATE, Misnamed, Names, Resolved};

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
    /// `1.475e-10`; `0` for an exact fraction such as `4/2`.
    pub unit: f64,
    /// Significant figures written (`0.9933`: 4; `0`: 0).
    pub sig_figs: u32,
    /// The line it was on (1-based).
    pub line: u64,
}

impl HandValue {
    /// The written number with its precision.
    pub fn number(&self) -> number::Number {
        number::Number {
            value: self.value,
            unit: self.unit,
            sig_figs: self.sig_figs,
        }
    }
}

/// A row whose name was read but whose value was left empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unanswered {
    /// The canonical name.
    pub name: String,
    /// The line (1-based).
    pub line: u64,
}

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line (1-based).
    pub line: u64,
    /// What was expected and what was found.
    pub message: Message,
}

/// At most this many unreadable lines of a file are kept, each with its message, and shown;
/// the rest are only counted (`… and 12 more lines that could not be read`). Twenty lines of
/// a file with that many problems are enough to see what went wrong, and the error stays far
/// under [`crate::escape::MESSAGE_LIMIT`], so it is never cut in the middle of a line.
pub const MAX_PROBLEMS_SHOWN: usize = 20;

/// Reading a file stops at this many unreadable lines (a name given twice counts as one): such
/// a file is not a hand calculation of the network, and reading the rest would only take time.
pub const MAX_PROBLEMS: usize = 1000;

/// A hand calculation as read: its values, the rows left empty, and the lines that could not
/// be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The values, in file order.
    pub values: Vec<HandValue>,
    /// Rows with a name and no value.
    pub unanswered: Vec<Unanswered>,
    /// Unreadable lines, in file order: the first [`MAX_PROBLEMS_SHOWN`] of a file.
    pub problems: Vec<Problem>,
    /// Unreadable lines after those in [`problems`](Sheet::problems): counted, not kept.
    pub more_problems: usize,
    /// The line where reading stopped, after [`MAX_PROBLEMS`] unreadable lines; `None` when
    /// the whole file was read.
    pub stopped_at: Option<u64>,
}

impl Sheet {
    /// The problems of the sheet as one error (one line per problem kept, then how many more
    /// and where reading stopped), if there is any.
    pub fn error(&self, file: &str) -> Option<Error> {
        let (first, rest) = self.problems.split_first()?;
        if rest.is_empty() && self.more_problems == 0 && self.stopped_at.is_none() {
            return Some(Error::bad_input(
                file,
                format!("line {}", first.line),
                first.message.clone(),
            ));
        }
        let mut lines = vec![first.message.clone()];
        lines.extend(rest.iter().map(|p| {
            msg!(
                "hand-problem-line",
                file = file,
                line = p.line,
                message = p.message.clone()
            )
        }));
        if self.more_problems > 0 {
            lines.push(msg!(
                "hand-more-problems",
                file = file,
                count = self.more_problems
            ));
        }
        if let Some(line) = self.stopped_at {
            lines.push(msg!(
                "hand-reading-stopped",
                file = file,
                line = line,
                max = MAX_PROBLEMS
            ));
        }
        Some(Error::bad_input(
            file,
            format!("line {}", first.line),
            msg!("hand-problems", lines = Arg::Lines(lines)),
        ))
    }

    /// Whether nothing at all was read (no value, no unanswered row).
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.unanswered.is_empty()
    }
}

/// Read a hand-values file strictly: any unreadable line is an error. `names` are the
/// canonical names of the network being checked.
pub fn load(path: &Path, names: &[&str]) -> Result<Vec<HandValue>> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string(), names)
}

/// Parse hand-values text strictly (see [`load`]); `file` names it in errors.
pub fn parse(text: &str, file: &str, names: &[&str]) -> Result<Vec<HandValue>> {
    let sheet = read(text, file, &Names::new(names.iter().copied()))?;
    match sheet.error(file) {
        Some(e) => Err(e),
        None => Ok(sheet.values),
    }
}

/// Read a hand-values file into a [`Sheet`]. An error only when the file cannot be read at
/// all (missing, not UTF-8, no rows, a name given twice); unreadable lines are the sheet's
/// problems.
pub fn load_sheet(path: &Path, names: &Names) -> Result<Sheet> {
    // Read once, within the input cap, whatever the encoding.
    let bytes = read_bytes(path)?;
    let text = match utf16_text(&bytes) {
        Some(text) => text,
        None => utf8_text(path, bytes)?,
    };
    read(&text, &path.display().to_string(), names)
}

/// The text of a UTF-16 file with a byte-order mark, as a spreadsheet's "Unicode text" export
/// writes it; `None` for anything else (read as UTF-8, with its errors).
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let little = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// How many unknown names of a web form get a suggested name: finding one compares with
/// every name of the network, and a form of nothing but typos should not take minutes. (A
/// file's unknown names get one only while their problem is among those shown.)
const SUGGESTIONS: usize = 50;

/// `text` in NFKC, within the input cap ([`MAX_INPUT_BYTES`](crate::files::MAX_INPUT_BYTES)).
/// A hand file in full-width characters shrinks (`ｚ１` is 6 bytes, `z1` 2), but a few
/// characters stand for many (`ﷺ`, 3 bytes, for 33): 60 MB of them would become 700 MB.
fn nfkc_within_cap(text: &str, file: &str) -> Result<String> {
    let cap = crate::files::MAX_INPUT_BYTES as usize;
    let mut out = String::with_capacity(text.len().min(cap));
    for c in text.nfkc() {
        out.push(c);
        if out.len() > cap {
            return Err(Error::bad_input(
                file,
                "size",
                msg!("hand-normalised-too-large", mib = cap >> 20),
            ));
        }
    }
    Ok(out)
}

/// The fields of a row that are looked at. A row is a name (an unquoted one may hold a few
/// commas), a value and perhaps a formula; a line of a million commas is not kept as a
/// million fields.
const MAX_FIELDS: usize = 64;

/// Problems of a file as they are found: the first [`MAX_PROBLEMS_SHOWN`] kept with their
/// messages, the rest only counted (their messages, suggestions included, are never made).
#[derive(Default)]
struct Collected {
    kept: Vec<Problem>,
    more: usize,
}

impl Collected {
    fn push(&mut self, line: u64, message: impl FnOnce() -> Message) {
        if self.kept.len() < MAX_PROBLEMS_SHOWN {
            self.kept.push(Problem {
                line,
                message: message(),
            });
        } else {
            self.more += 1;
        }
    }

    fn count(&self) -> usize {
        self.kept.len() + self.more
    }
}

/// Read hand-values text into a [`Sheet`]; `file` names it in errors.
pub fn read(text: &str, file: &str, names: &Names) -> Result<Sheet> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Full-width digits, commas and letters from a CJK input method become ASCII.
    let normalised: String;
    let text = if text.is_ascii() {
        text
    } else {
        normalised = nfkc_within_cap(text, file)?;
        &normalised
    };
    let delimiter = delimiter_of(text);
    let decimal_comma = delimiter != b',';
    if let Some((line, found)) = overlong_line(text, delimiter) {
        let separator = match delimiter {
            b'\t' => "\\t",
            b';' => ";",
            _ => ",",
        };
        return Err(Error::bad_input(
            file,
            format!("line {line}"),
            msg!(
                "hand-too-many-separators",
                max = MAX_SEPARATORS,
                separator = separator,
                found = found
            ),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // Fields are trimmed as they are looked at: the reader's own trimming copies the whole
        // record, and a record may be a line of a million fields.
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut sheet = Sheet::default();
    let mut problems = Collected::default();
    // The line each name was first given on; a name is kept once, so this and the values are
    // bounded by the network's names, whatever the length of the file.
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut duplicates = Collected::default();
    let mut first_row = true;
    let mut value_column: Option<usize> = None;
    let mut record = csv::StringRecord::new();
    // Quoted values with a comma in a `,`-separated file (`quoted_comma`): whether one was
    // plainly a decimal comma, and the ones that could also be a thousands separator.
    let mut decimal_comma_seen = false;
    let mut ambiguous: Vec<HandValue> = Vec::new();
    loop {
        if problems.count() + duplicates.count() >= MAX_PROBLEMS {
            let rest = &text.as_bytes()[(reader.position().byte() as usize).min(text.len())..];
            if !rest.iter().all(u8::is_ascii_whitespace) {
                sheet.stopped_at = Some(lines.line);
            }
            break;
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                return Err(Error::bad_input(
                    file,
                    format!("line {line}"),
                    msg!("hand-unreadable-csv", error = e.to_string()),
                ));
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let trimmed = || {
            record
                .iter()
                .map(|f| f.trim_matches(|c: char| c.is_ascii_whitespace()))
        };
        if trimmed().all(str::is_empty) {
            continue;
        }
        let mut fields: Vec<&str> = trimmed().take(MAX_FIELDS).collect();
        // `z1 = 5` or `z1: 5` in a plain note.
        if fields.len() == 1 {
            if let Some((n, v)) = fields[0].rsplit_once(['=', ':']) {
                fields = vec![n.trim(), v.trim()];
            }
        }
        let is_first = std::mem::take(&mut first_row);
        if is_first && is_header(&fields, names, decimal_comma) {
            if fields.len() >= 3 {
                value_column = Some(fields.iter().position(|f| is_value_word(f)).unwrap_or(1));
            }
            continue;
        }
        if fields.len() < 2 {
            problems.push(line, || msg!("hand-one-field", field = shorten(fields[0])));
            continue;
        }
        let (written_name, value_text) = split_row(&fields, value_column, names, decimal_comma);
        let name = match names.resolve(&written_name) {
            Resolved::Name(n) => n,
            Resolved::Ambiguous(options) => {
                problems.push(line, || {
                    msg!(
                        "hand-ambiguous-name",
                        name = shorten(&written_name),
                        options = quoted(&options)
                    )
                });
                continue;
            }
            Resolved::Unknown => {
                problems.push(line, || {
                    unknown_name_message(names, &written_name, &names.suggest(&written_name))
                });
                continue;
            }
        };
        let name = match seen.entry(name) {
            Entry::Occupied(first) => {
                let (name, first) = (first.key(), *first.get());
                duplicates.push(line, || {
                    msg!("hand-duplicate-name", name = name, first = first)
                });
                continue;
            }
            Entry::Vacant(v) => {
                let name = v.key().clone();
                v.insert(line);
                name
            }
        };
        if value_text.is_empty() {
            sheet.unanswered.push(Unanswered { name, line });
            continue;
        }
        let parsed = match number::parse(value_text, decimal_comma) {
            Some(n) => Some(n),
            None if !decimal_comma => match quoted_comma(value_text) {
                QuotedComma::Decimal(n) => {
                    decimal_comma_seen = true;
                    Some(n)
                }
                QuotedComma::Ambiguous => {
                    ambiguous.push(HandValue {
                        name,
                        written_name: written_name.into_owned(),
                        written: value_text.to_string(),
                        value: f64::NAN,
                        unit: 0.0,
                        sig_figs: 0,
                        line,
                    });
                    continue;
                }
                QuotedComma::NoNumber => None,
            },
            None => None,
        };
        let Some(n) = parsed else {
            problems.push(line, || {
                msg!(
                    "hand-not-a-number",
                    name = shorten(&written_name),
                    value = shorten(value_text)
                )
            });
            continue;
        };
        sheet.values.push(HandValue {
            name,
            written_name: written_name.into_owned(),
            written: value_text.to_string(),
            value: n.value,
            unit: n.unit,
            sig_figs: n.sig_figs,
            line,
        });
    }
    // `"5,993"` is 5.993 in a file that writes `"0,9933"` for 0.9933; alone, it could be a
    // thousand and is not guessed.
    for mut h in ambiguous {
        match number::parse(&h.written, true).filter(|_| decimal_comma_seen) {
            Some(n) => {
                (h.value, h.unit, h.sig_figs) = (n.value, n.unit, n.sig_figs);
                sheet.values.push(h);
            }
            None => problems.push(h.line, || {
                let (point, thousands) = (h.written.replace(',', "."), h.written.replace(',', ""));
                msg!(
                    "hand-ambiguous-comma",
                    name = shorten(&h.written_name),
                    value = shorten(&h.written),
                    point = shorten(&point),
                    thousands = shorten(&thousands)
                )
            }),
        }
    }
    // A name written twice leaves unclear which value was meant: the file is not judged.
    if duplicates.count() > 0 {
        let dup = Sheet {
            problems: duplicates.kept,
            more_problems: duplicates.more,
            stopped_at: sheet.stopped_at,
            ..Sheet::default()
        };
        return Err(dup.error(file).expect("a problem"));
    }
    (sheet.problems, sheet.more_problems) = (problems.kept, problems.more);
    if sheet.is_empty() && sheet.problems.is_empty() {
        return Err(Error::bad_input(
            file,
            "line 1",
            Message::new("hand-no-rows"),
        ));
    }
    Ok(sheet)
}

/// Read `(name, value as typed)` pairs, as a web form sends them; `""` is unanswered. The
/// line of pair `k` is `k + 1`.
pub fn from_pairs<S: AsRef<str>>(pairs: &[(S, S)], names: &Names) -> Sheet {
    let mut sheet = Sheet::default();
    let mut unknown = 0;
    for (k, (name, value)) in pairs.iter().enumerate() {
        let line = k as u64 + 1;
        let (written_name, value_text) = (name.as_ref().trim(), value.as_ref().trim());
        let canonical = match names.resolve(written_name) {
            Resolved::Name(n) => n,
            Resolved::Ambiguous(options) => {
                sheet.problems.push(Problem {
                    line,
                    message: msg!(
                        "hand-ambiguous-name-typed",
                        name = shorten(written_name),
                        options = quoted(&options)
                    ),
                });
                continue;
            }
            Resolved::Unknown => {
                let suggestions = if unknown < SUGGESTIONS {
                    names.suggest(written_name)
                } else {
                    Vec::new()
                };
                unknown += 1;
                sheet.problems.push(Problem {
                    line,
                    message: unknown_name_message(names, written_name, &suggestions),
                });
                continue;
            }
        };
        if value_text.is_empty() {
            sheet.unanswered.push(Unanswered {
                name: canonical,
                line,
            });
            continue;
        }
        let value_nfkc: String = value_text.nfkc().collect();
        match number::parse(&value_nfkc, true) {
            Some(n) => sheet.values.push(HandValue {
                name: canonical,
                written_name: written_name.to_string(),
                written: value_text.to_string(),
                value: n.value,
                unit: n.unit,
                sig_figs: n.sig_figs,
                line,
            }),
            None => sheet.problems.push(Problem {
                line,
                message: msg!(
                    "hand-not-a-number",
                    name = shorten(written_name),
                    value = shorten(value_text)
                ),
            }),
        }
    }
    sheet
}

/// Line numbers of byte offsets, for offsets that only grow: each byte is counted once.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a line end or in a
    /// comment (a record's offset can point at the blank and comment lines before it).
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut at = (byte as usize).min(self.bytes.len());
        // Skip line ends and `#` comment lines: the record is the first line after them.
        loop {
            match self.bytes.get(at) {
                Some(b'\n' | b'\r') => at += 1,
                Some(b'#') => {
                    while at < self.bytes.len() && self.bytes[at] != b'\n' {
                        at += 1;
                    }
                }
                _ => break,
            }
        }
        if at < self.counted_to {
            // Not expected (offsets grow); count afresh rather than be wrong.
            self.counted_to = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.counted_to..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.counted_to = at;
        self.line
    }
}

/// The most separators on one line of a hand file: a worksheet row's formula has about one
/// comma per weight of a neuron's sum, and a network has at most
/// [`MAX_PARAMETERS`](crate::spec::MAX_PARAMETERS) weights. The CSV reader keeps a position
/// for each field of a row, so a line of 25 million commas would take a gigabyte.
pub const MAX_SEPARATORS: usize = 2 * crate::spec::MAX_PARAMETERS;

/// The first line with more than [`MAX_SEPARATORS`] `delimiter`s (quoted or not), and how many
/// it has.
fn overlong_line(text: &str, delimiter: u8) -> Option<(u64, usize)> {
    if text.len() <= MAX_SEPARATORS {
        return None;
    }
    text.as_bytes()
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| line.len() > MAX_SEPARATORS)
        .map(|(k, line)| {
            (
                k as u64 + 1,
                line.iter().filter(|&&b| b == delimiter).count(),
            )
        })
        .find(|&(_, found)| found > MAX_SEPARATORS)
}

/// The delimiter a file uses: tab if any line has one (a sheet copied as text), else `;` if
/// any line has one (a European spreadsheet), else `,`.
fn delimiter_of(text: &str) -> u8 {
    let lines = || {
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .take(1000)
    };
    // A tab inside a line, not one left at its end.
    if lines().any(|l| l.trim().contains('\t')) {
        b'\t'
    } else if lines().any(|l| l.contains(';')) {
        b';'
    } else {
        b','
    }
}

/// A first row is a header when it names its columns (`name`, or a value word such as `Wert`
/// or `数值`), or when it can be nothing else: no name of the network, no number, and no digit
/// anywhere (a value's name has one, `z1`, `w(4,6)`, or is a name of the network, `L`).
/// So `Variable,Result` is a header, while `z1,abc` and `z7,abc` are rows with a bad value or
/// a misspelt name, reported as such.
fn is_header(fields: &[&str], names: &Names, decimal_comma: bool) -> bool {
    let (last, rest) = fields.split_last().expect("a row has a field");
    if fields[0].eq_ignore_ascii_case("name") || fields.iter().any(|f| is_value_word(f)) {
        return true;
    }
    let known = |n: &str| names.resolve(n) != Resolved::Unknown;
    let name_known = known(fields[0]) || known(&rest.join(","));
    let value_is_number = number::parse(last, decimal_comma).is_some();
    let has_digit = fields.iter().any(|f| f.chars().any(|c| c.is_ascii_digit()));
    !name_known && !last.is_empty() && !value_is_number && !has_digit
}

/// `value` in a few languages: the column `check` reads in a header row of three or more.
fn is_value_word(field: &str) -> bool {
    let f = field.to_lowercase();
    [
        "value", "wert", "valeur", "valor", "waarde", "valore", "值", "数值", "數值", "値",
    ]
    .iter()
    .any(|w| f == *w)
}

/// Name and value of a row. With a header of three or more columns, its value column. Without
/// one, the last field is the value and the rest the name (an unquoted `w(x1,1),2`); failing
/// that, the second field (a worksheet row `z1,5,formula` whose header was deleted).
fn split_row<'a>(
    fields: &[&'a str],
    value_column: Option<usize>,
    names: &Names,
    decimal_comma: bool,
) -> (Cow<'a, str>, &'a str) {
    // One field is the name itself, not a copy: a line may be a 60 MB "name".
    let joined = |parts: &[&'a str]| match parts {
        [one] => Cow::Borrowed(*one),
        _ => Cow::Owned(parts.join(",")),
    };
    if let Some(c) = value_column {
        if fields.len() > c && c > 0 {
            return (joined(&fields[..c]), fields[c]);
        }
    }
    let (last, rest) = fields.split_last().expect("≥ 2 fields");
    let last_fits = last.is_empty() || number::parse(last, decimal_comma).is_some();
    if fields.len() > 2 && !last_fits && names.resolve(fields[0]) != Resolved::Unknown {
        return (Cow::Borrowed(fields[0]), fields[1]);
    }
    (joined(rest), last)
}

/// How a value holding a comma in a `,`-separated file reads: it was quoted
/// (`"f1","0,9933"`), so the comma is in the number.
enum QuotedComma {
    /// Plainly a decimal comma: one comma, no point, not three digits after it (or 0 before
    /// it).
    Decimal(number::Number),
    /// A decimal comma or a thousands separator (`"1,234"`).
    Ambiguous,
    /// No number either way.
    NoNumber,
}

fn quoted_comma(text: &str) -> QuotedComma {
    let Some((whole, fraction)) = text.trim().split_once(',') else {
        return QuotedComma::NoNumber;
    };
    let unsigned = whole.trim_start_matches(['-', '+', '−']);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let Some(n) = (digits(unsigned) && !fraction.contains([',', '.']))
        .then(|| number::parse(text, true))
        .flatten()
    else {
        return QuotedComma::NoNumber;
    };
    let fraction_digits = fraction.chars().take_while(char::is_ascii_digit).count();
    let thousands = fraction_digits == 3
        && fraction_digits == fraction.len()
        && !unsigned.trim_start_matches('0').is_empty();
    if thousands {
        QuotedComma::Ambiguous
    } else {
        QuotedComma::Decimal(n)
    }
}

/// At most 40 characters of a field, for messages (a file may hold a 100 MB line).
/// A written field as an error quotes it: 40 characters at most, control characters escaped
/// (an unclosed quote runs a field over line breaks; the message must stay one line per
/// problem).
fn shorten(s: &str) -> String {
    crate::escape::echo_cut(s, 40).into_owned()
}

/// Names as choices: `` `a` `` or `` `a` or `b` ``, in the reader's language.
fn quoted(names: &[String]) -> Message {
    let quote = |n: &String| Message::verbatim(format!("`{n}`"));
    match names.split_last() {
        None => Message::verbatim(""),
        Some((last, [])) => quote(last),
        Some((last, rest)) => msg!("hand-choice-or", first = quoted(rest), last = quote(last)),
    }
}

/// Why `written` names no value: a step or example out of range, a weight's indices swapped,
/// or an unknown name (with `suggestions`).
fn unknown_name_message(names: &Names, written: &str, suggestions: &[String]) -> Message {
    let name = shorten(written);
    match names.misnamed(written) {
        Some(Misnamed::Step { found, max }) => {
            msg!(
                "hand-step-out-of-range",
                name = name,
                found = found,
                max = max
            )
        }
        Some(Misnamed::Example { found, count }) => msg!(
            "hand-example-out-of-range",
            name = name,
            found = found,
            count = count
        ),
        Some(Misnamed::Transposed { read, transposed }) => msg!(
            "hand-transposed-name",
            name = name,
            read = read,
            transposed = transposed
        ),
        None if suggestions.is_empty() => msg!("hand-unknown-name", name = name),
        None => msg!(
            "hand-unknown-name-suggest",
            name = name,
            suggestions = quoted(suggestions)
        ),
    }
}

/// A written number and one unit in its last digit, as in a `,`-separated file. See
/// [`number::parse`].
pub fn parse_number(text: &str) -> Option<(f64, f64)> {
    number::parse(text, false).map(|n| (n.value, n.unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "x1",
        "y1",
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

    fn sheet(text: &str) -> Sheet {
        read(text, "h.csv", &Names::new(NAMES.iter().copied())).unwrap()
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

    #[test]
    fn european_tab_full_width_comments_and_empty_values() {
        let s = sheet("Name;Wert\n# forward pass\nz5;7,98\nf5;\n");
        assert_eq!(s.values.len(), 1);
        assert_eq!((s.values[0].value, s.values[0].line), (7.98, 3));
        assert_eq!(
            s.unanswered,
            vec![Unanswered {
                name: "f5".into(),
                line: 4
            }]
        );
        let s = sheet("名称\t数值\nz5\t7.98\nw(1,4)\t1\n");
        assert_eq!(s.values.len(), 2);
        assert!(s.problems.is_empty());
        let s = sheet("ｚ５，７．９８\nδ5,−6.3e-9\n");
        assert_eq!(s.values[0].value, 7.98);
        assert_eq!(s.values[1].value, -6.3e-9);
    }

    #[test]
    fn a_field_run_over_line_breaks_is_quoted_on_one_line() {
        // An unclosed quote makes one field of `w(x1,1` and the next line's start.
        let s = sheet("name,value\n\"w(x1,1,0.5\nw(x2\",0.25\nz5,7.98\n");
        let e = s.error("h.csv").unwrap().to_string();
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.contains(r"`w(x1,1,0.5\nw(x2`"), "{e}");
    }

    #[test]
    fn every_bad_line_is_reported_and_the_rest_read() {
        let s = sheet("z5,7.98\nzz9,1\nf5,abc\nL,3e-6\nq\n");
        assert_eq!(s.values.len(), 2);
        let lines: Vec<u64> = s.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 5]);
        let e = s.error("h.csv").unwrap().to_string();
        assert_eq!(e.lines().count(), 3, "{e}");
        assert!(e.contains("h.csv: line 3: expected a finite number"), "{e}");
    }

    #[test]
    fn a_lone_row_with_a_bad_value_or_name_is_no_header() {
        // The row's own problem, on line 1, not "no rows".
        let s = sheet("z5,abc\n");
        let problem = &s.problems[0];
        assert_eq!(problem.line, 1);
        assert_eq!(problem.message.id, "hand-not-a-number");
        // A misspelt name with a bad value: the name is the problem.
        for row in ["z7,abc", "zz5,abc", "z5 abc", "f5 0.5"] {
            let s = sheet(&format!("{row}\n"));
            assert_eq!(s.problems.len(), 1, "{row}: {:?}", s.problems);
            assert_eq!(s.problems[0].line, 1, "{row}");
        }
        // Headers in several languages and shapes are still skipped.
        for header in [
            "name,value",
            "Name;Wert",
            "名称,数值",
            "Variable,Result",
            "name,value,formula",
            "Größe,Wert",
        ] {
            let delimiter = if header.contains(';') { ";" } else { "," };
            let s = sheet(&format!("{header}\nz5{delimiter}7\n"));
            assert!(s.problems.is_empty(), "{header}: {:?}", s.problems);
            assert_eq!(s.values.len(), 1, "{header}");
        }
    }

    #[test]
    fn worksheet_rows_with_a_formula_column() {
        let s = sheet("name,value,formula\nz5,7.98,\"w(1,5)·f1 + b5\"\nf5,,σ(z5)\n");
        assert_eq!(s.values.len(), 1);
        assert_eq!(s.unanswered.len(), 1);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

    #[test]
    fn line_numbers_count_blank_and_comment_lines() {
        let s = sheet("\n\n# c\nz5,1\r\n\r\nf5,2\n");
        let lines: Vec<u64> = s.values.iter().map(|v| v.line).collect();
        assert_eq!(lines, vec![4, 6]);
    }

    #[test]
    fn a_name_given_again_names_its_first_line() {
        let e = parse("z5,1\nf5,2\nz5,3\nz5,4\n", "h.csv", NAMES)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("line 4"), "{e}");
        // Both repeats point at line 1, not at the repeat before them.
        assert_eq!(e.matches("first on line 1)").count(), 2, "{e}");
        assert!(!e.contains("first on line 3"), "{e}");
    }

    #[test]
    fn problems_past_those_shown_are_counted_not_kept() {
        let text = format!("z5,1\n{}", "zz9,1\n".repeat(MAX_PROBLEMS_SHOWN + 10));
        let s = sheet(&text);
        assert_eq!(s.problems.len(), MAX_PROBLEMS_SHOWN);
        assert_eq!(s.more_problems, 10);
        assert_eq!(s.stopped_at, None);
        assert_eq!(s.values.len(), 1);
        let e = s.error("h.csv").unwrap().to_string();
        // One line per problem kept, then the count of the rest: no line is cut.
        assert_eq!(e.lines().count(), MAX_PROBLEMS_SHOWN + 1, "{e}");
        assert!(
            e.lines()
                .last()
                .unwrap()
                .ends_with("… and 10 more lines that could not be read"),
            "{e}"
        );
        let zh = s.error("h.csv").unwrap().text(crate::i18n::Lang::Zh);
        assert!(zh.ends_with("另有 10 行无法读取"), "{zh}");
    }

    #[test]
    fn reading_stops_after_too_many_unreadable_lines() {
        // A good row after 5000 bad ones is never reached: the file is not read to its end.
        let text = format!("{}z5,1\n", "foo,1\n".repeat(5000));
        let s = sheet(&text);
        assert_eq!(s.stopped_at, Some(MAX_PROBLEMS as u64));
        assert_eq!(s.problems.len() + s.more_problems, MAX_PROBLEMS);
        assert!(s.values.is_empty());
        let e = s.error("h.csv").unwrap().to_string();
        assert!(
            e.contains("h.csv: line 1000: reading stopped after 1000 lines"),
            "{e}"
        );
        // Exactly that many, and nothing after them: the whole file was read.
        let s = sheet(&"foo,1\n".repeat(MAX_PROBLEMS));
        assert_eq!((s.stopped_at, s.more_problems), (None, MAX_PROBLEMS - 20));
        // Repeats count too: a million copies of one row stop at the thousandth repeat.
        let e = parse(&"z5,1\n".repeat(1_000_000), "h.csv", NAMES)
            .unwrap_err()
            .to_string();
        assert_eq!(e.lines().count(), MAX_PROBLEMS_SHOWN + 2, "{e}");
        assert!(e.contains("… and 980 more lines"), "{e}");
        assert!(e.contains("line 1001: reading stopped"), "{e}");
    }

    #[test]
    fn a_line_of_millions_of_separators_is_refused_and_a_wide_row_read() {
        let text = format!("z5{}\n", ",1".repeat(MAX_SEPARATORS + 1));
        let e = read(&text, "h.csv", &Names::new(NAMES.iter().copied()))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("h.csv: line 1: expected at most 2200000 `,` on one line, found 2200001"),
            "{e}"
        );
        // A worksheet row with an unquoted formula of many terms keeps its value.
        let formula = vec!["w(1,5)·f1"; 200].join(" + ");
        let s = sheet(&format!("name,value,formula\nz5,7.98,{formula}\n"));
        assert_eq!(s.values[0].value, 7.98);
    }

    #[test]
    fn text_that_normalises_to_more_than_the_cap_is_refused() {
        // 3 bytes each, 33 once normalised: 2.3 million of them pass 64 MiB.
        let text = format!("z5,1\n{}\n", "\u{fdfa}".repeat(2_300_000));
        let e = read(&text, "h.csv", &Names::new(NAMES.iter().copied()))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("h.csv: size: expected at most 64 MiB of text"),
            "{e}"
        );
        // Full-width text shrinks and is read.
        assert_eq!(sheet("ｚ５，７\n").values[0].value, 7.0);
    }

    #[test]
    fn endless_and_oversized_utf16_files_are_refused_within_the_cap() {
        let names = Names::new(NAMES.iter().copied());
        let e = load_sheet(Path::new("/dev/zero"), &names).unwrap_err();
        assert!(e.to_string().contains("at most 64 MiB"), "{e}");
        // A UTF-16 file (its byte-order mark first) over the cap is not read at all.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.csv");
        std::fs::write(&path, [0xFF, 0xFE, b'z', 0, b'5', 0]).unwrap();
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(crate::files::MAX_INPUT_BYTES + 2).unwrap();
        let e = load_sheet(&path, &names).unwrap_err();
        assert!(e.to_string().contains("at most 64 MiB"), "{e}");
    }

    #[test]
    fn only_the_first_unknown_names_of_a_form_get_suggestions() {
        let names = Names::new(NAMES.iter().copied());
        let pairs: Vec<(String, String)> = (0..SUGGESTIONS + 10)
            .map(|_| ("zz5".to_string(), "1".to_string()))
            .collect();
        let s = from_pairs(&pairs, &names);
        let suggested = s
            .problems
            .iter()
            .filter(|p| p.message.id == "hand-unknown-name-suggest")
            .count();
        assert_eq!(s.problems.len(), SUGGESTIONS + 10);
        assert_eq!(suggested, SUGGESTIONS);
    }

    #[test]
    fn pairs_as_a_web_form_sends_them() {
        let names = Names::new(NAMES.iter().copied());
        let s = from_pairs(
            &[
                ("Z5", "7,98"),
                ("f5", ""),
                ("zz", "1"),
                ("δ5", "−6.3e-9"),
                ("L", "x"),
            ],
            &names,
        );
        assert_eq!(s.values.len(), 2);
        assert_eq!((s.values[0].name.as_str(), s.values[0].value), ("z5", 7.98));
        assert_eq!(s.values[1].value, -6.3e-9);
        assert_eq!(s.unanswered[0].name, "f5");
        let lines: Vec<u64> = s.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 5]);
    }
}
