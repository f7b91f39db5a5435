//! One network to work on: its spec, evaluated network, checker and worksheet, and everything
//! the page asks of it — a check of typed values, the diagram coloured by verdict, one step's
//! hint. Plain functions over the library; the HTTP layer ([`super::server`]) only calls them.

use std::collections::{BTreeMap, HashMap};

use crate::check::{Checker, Options, Report, Verdict};
use crate::error::{Error, Result};
use crate::format::significant;
use crate::hand::{self, Names};
use crate::i18n::Lang;
use crate::net::Network;
use crate::render::{self, DiagramFormat, Highlight, Renderer, View};
use crate::spec::ValidSpec;

use super::sheet::Sheet;

/// The largest spec text the page may send, in bytes. A spec this size already describes a
/// network far too large to work by hand.
pub const MAX_SPEC_BYTES: usize = 256 * 1024;

/// The most canonical values a worksheet may have: a page with more rows is no worksheet.
pub const MAX_VALUES: usize = 5_000;

/// The longest value a person may type into one box (a 17-digit number with sign and exponent
/// is 24 characters).
pub const MAX_VALUE_CHARS: usize = 64;

/// A network, evaluated, with its checker and worksheet.
pub struct Workspace {
    /// Its spec as TOML (what the page's spec box shows).
    pub spec_text: String,
    /// Its worksheet.
    pub sheet: Sheet,
    checker: Checker,
}

/// A value the page sent that cannot be judged.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ValueError {
    /// The name as sent.
    pub name: String,
    /// What was typed (cut to [`MAX_VALUE_CHARS`]).
    pub written: String,
    /// Expected and found.
    pub message: String,
}

/// One step for the "hint" and "show" buttons.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StepHint {
    /// Canonical name.
    pub name: String,
    /// `z5 = w(1,5)·f1 + …`, or empty for a given value.
    pub formula: String,
    /// The formula with the person's own numbers: `3·0.9933 + 2·0.9999 + 2·1 + 1 = 7.98`.
    pub hint: String,
    /// The exact value.
    pub exact: String,
}

impl Workspace {
    /// A workspace for an evaluated network; `spec_text` is what the page's spec box shows.
    /// A network with more than [`MAX_VALUES`] values is refused: that is no worksheet.
    pub fn new(net: &Network, spec_text: String, file: &str) -> Result<Workspace> {
        let values = net.entries().len();
        if values > MAX_VALUES {
            return Err(Error::bad_input(
                file,
                "layers",
                crate::msg!("web-too-many-values", max = MAX_VALUES, found = values),
            ));
        }
        Ok(Workspace {
            spec_text,
            sheet: Sheet::new(net),
            checker: Checker::new(net),
        })
    }

    /// The tutorial's 2-3-2-1 network.
    pub fn tutorial() -> Workspace {
        let spec = ValidSpec::tutorial();
        let net = Network::evaluated(&spec).expect("the tutorial's values are finite");
        Workspace::new(&net, spec.to_toml(), spec.source()).expect("the tutorial is small")
    }

    /// A workspace for spec text (a network spec or an expression spec), read as `deltagraph`
    /// reads a spec file: errors name `file` with the line and key.
    pub fn from_text(text: &str, file: &str) -> Result<Workspace> {
        let net = Network::from_spec_text(text, file)?;
        Workspace::new(&net, text.to_string(), file)
    }

    /// A workspace for spec text the page sent: at most [`MAX_SPEC_BYTES`], then as
    /// [`from_text`](Self::from_text), named `spec` in errors.
    pub fn parse(text: &str) -> Result<Workspace> {
        const FILE: &str = "spec";
        if text.len() > MAX_SPEC_BYTES {
            return Err(Error::bad_input(
                FILE,
                "size",
                crate::msg!(
                    "web-spec-too-large",
                    max = MAX_SPEC_BYTES / 1024,
                    found = text.len().div_ceil(1024)
                ),
            ));
        }
        Workspace::from_text(text, FILE)
    }

    /// The network (evaluated).
    pub fn network(&self) -> &Network {
        self.checker.network()
    }

    /// Read typed values: `{"z1": "5", "f1": "0.9933"}`, the strings as typed so the written
    /// precision counts, through the checker's own reader ([`hand::from_pairs`]): any
    /// spelling `check` reads, empty boxes not answered. Every value that cannot be read is
    /// reported, all at once.
    pub fn hand_values(
        &self,
        values: &BTreeMap<String, String>,
        lang: Lang,
    ) -> std::result::Result<hand::Sheet, Vec<ValueError>> {
        let net = self.network();
        let place = |name: &str| {
            net.entries()
                .iter()
                .position(|e| e.name == name)
                .unwrap_or(usize::MAX)
        };
        // In worksheet order, so each value's `line` is its place on the page.
        let mut pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        pairs.sort_by_key(|(n, _)| place(n));
        let too_long: Vec<ValueError> = pairs
            .iter()
            .filter(|(_, v)| v.chars().count() > MAX_VALUE_CHARS)
            .map(|(n, v)| ValueError {
                name: cut(n),
                written: cut(v),
                message: crate::tr!(lang, "web-value-too-long", max = MAX_VALUE_CHARS),
            })
            .collect();
        if !too_long.is_empty() {
            return Err(too_long);
        }
        let sheet = hand::from_pairs(&pairs, &Names::of(net));
        if sheet.problems.is_empty() {
            return Ok(sheet);
        }
        Err(sheet
            .problems
            .iter()
            .map(|p| {
                let (name, written) = pairs[p.line as usize - 1];
                ValueError {
                    name: cut(name),
                    written: cut(written),
                    message: lang.render(&p.message),
                }
            })
            .collect())
    }

    /// Judge typed values, as `deltagraph check` judges a hand file.
    pub fn check(&self, sheet: &hand::Sheet) -> Report {
        self.checker.check_sheet(sheet, &Options::default())
    }

    /// The network diagram (SVG, as `deltagraph render` draws it), each judged value coloured by
    /// its verdict.
    pub fn diagram(&self, report: Option<&Report>, lang: Lang) -> Result<render::Rendered> {
        let opts = render::Options {
            highlights: report.map(highlights).unwrap_or_default(),
            lang,
            ..render::Options::default()
        };
        let net = self.network();
        let view = if net.is_expression() {
            View::NetworkGraph(net)
        } else {
            View::Network(net)
        };
        render::render(view, &opts, DiagramFormat::Svg, Renderer::Auto)
    }

    /// The "hint" for one step: its formula, then the same with the person's own numbers (a
    /// value they did not write is computed from the ones they did), then what that gives.
    pub fn step(&self, name: &str, report: &Report, lang: Lang) -> Option<StepHint> {
        let net = self.network();
        let entry = net.entry(name)?;
        let exact = significant(net.read(entry.quantity), 15);
        let Some(f) = crate::derivation::formula(net, entry) else {
            return Some(StepHint {
                name: name.to_string(),
                formula: String::new(),
                hint: crate::tr!(lang, "page-given-hint", name = name, value = exact.as_str()),
                exact,
            });
        };
        let lookup = |n: &str| report.carried.get(net, n);
        let judged = report.get(name);
        // The numbers carried are in the spec's convention, so is what they give; a value the
        // person's convention changes (the textbook sign of δ) is then said in theirs.
        let in_yours = judged
            .filter(|_| report.convention.changes(net, entry.quantity))
            .map(|j| j.expected);
        let from_yours = match (in_yours, judged) {
            (Some(_), _) => f.eval(&lookup),
            (None, Some(j)) => Some(j.expected),
            (None, None) => lookup(name),
        };
        let names = f.plain();
        let numbers = f.with_values(&lookup, 6).plain();
        let mut hint = match from_yours {
            Some(v) => format!("{name} = {numbers} = {}", significant(v, 6)),
            None => format!("{name} = {numbers}"),
        };
        if let Some(v) = in_yours {
            hint.push_str(&crate::tr!(
                lang,
                "page-hint-in-yours",
                value = significant(v, 6)
            ));
        }
        Some(StepHint {
            name: name.to_string(),
            formula: format!("{name} = {names}"),
            hint,
            exact,
        })
    }
}

/// Diagram colours by verdict: ok green, slip red, carried amber, convention blue. No notes of
/// what was written: the worksheet beside the diagram shows that, and the diagram stays narrow
/// enough to read.
pub fn highlights(report: &Report) -> HashMap<String, Highlight> {
    report
        .judgements
        .iter()
        .filter_map(|j| {
            let h = match j.verdict {
                Verdict::Ok => Highlight::ok(),
                Verdict::Slip => Highlight::slip(),
                Verdict::Carried => Highlight::carried(),
                Verdict::Convention => Highlight::convention(),
                Verdict::Unanswered => return None,
            };
            Some((j.name.clone(), h))
        })
        .collect()
}

/// Text echoed back in a message, cut to a readable length.
fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_VALUE_CHARS {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX_VALUE_CHARS).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tutorial() -> Workspace {
        Workspace::tutorial()
    }

    #[test]
    fn typed_values_keep_their_precision_and_skip_empty_boxes() {
        let w = tutorial();
        let values: BTreeMap<String, String> = [("f1", "0.9933"), ("z1", " 5 "), ("z2", "")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let sheet = w.hand_values(&values, Lang::En).unwrap();
        // In worksheet order: z1 before f1.
        let read: Vec<(&str, f64)> = sheet
            .values
            .iter()
            .map(|h| (h.name.as_str(), h.unit))
            .collect();
        assert_eq!(read, [("z1", 1.0), ("f1", 1e-4)]);
        assert_eq!(sheet.unanswered.len(), 1);
        assert_eq!(sheet.unanswered[0].name, "z2");
        let report = w.check(&sheet);
        assert_eq!(report.slips(), 0);
        assert_eq!(report.count(Verdict::Unanswered), 1);
    }

    #[test]
    fn every_unreadable_value_is_reported() {
        let w = tutorial();
        let values: BTreeMap<String, String> = [
            ("z1", "five"),
            ("zz9", "1"),
            ("f1", "0.99"),
            ("df1", &"9".repeat(MAX_VALUE_CHARS)),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let errors = w.hand_values(&values, Lang::En).unwrap_err();
        let names: Vec<&str> = errors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["z1", "zz9"], "{errors:?}");
        assert!(errors[0].message.contains("`five`"));
        // A box of nothing but digits is still a number when it fits.
        let mut values = values;
        values.remove("z1");
        values.remove("zz9");
        assert!(w.hand_values(&values, Lang::En).is_ok());
        values.insert("df1".into(), "9".repeat(MAX_VALUE_CHARS + 1));
        let errors = w.hand_values(&values, Lang::En).unwrap_err();
        assert_eq!(errors[0].name, "df1");
        assert!(errors[0].written.ends_with('…'));
    }

    #[test]
    fn hint_substitutes_the_persons_own_values() {
        let w = tutorial();
        // f1 written as 0.9 (wrong): the hint for z4 = w(1,4)·f1 + w(2,4)·f2 + w(3,4)·f3 + b4
        // uses it, so z4 from your values = 1·0.9 + 1·σ(9) + 2·σ(10) + 2.
        let values: BTreeMap<String, String> = [("f1".to_string(), "0.9".to_string())]
            .into_iter()
            .collect();
        let report = w.check(&w.hand_values(&values, Lang::En).unwrap());
        let hint = w.step("z4", &report, Lang::En).unwrap();
        assert!(
            hint.hint
                .starts_with("z4 = 1·0.9 + 1·0.999877 + 2·0.999955 + 2 = "),
            "{hint:?}"
        );
        let s = |z: f64| 1.0 / (1.0 + (-z).exp());
        let mine = 0.9 + s(9.0) + 2.0 * s(10.0) + 2.0;
        assert!(hint.hint.ends_with(&significant(mine, 6)), "{hint:?}");
        assert_eq!(hint.formula, "z4 = w(1,4)·f1 + w(2,4)·f2 + w(3,4)·f3 + b4");
        assert_eq!(
            w.step("b4", &report, Lang::En).unwrap().hint,
            "b4 is given: 2"
        );
        assert_eq!(
            w.step("b4", &report, Lang::Zh).unwrap().hint,
            "b4 是已知的：2"
        );
        assert!(w.step("nope", &report, Lang::En).is_none());
    }

    #[test]
    fn spec_text_is_capped_and_errors_name_the_key() {
        let big = "#".repeat(MAX_SPEC_BYTES + 1);
        let e = Workspace::parse(&big).err().unwrap().to_string();
        assert!(e.contains("at most 256 KiB"), "{e}");
        let e = Workspace::parse("input = [1]\ntarget = [1]\nlayers = []\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("key layers"), "{e}");
    }
}
