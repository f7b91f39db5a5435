//! A check's result for people (a table and one paragraph per slip) and for tools (JSON).

use std::collections::HashMap;

use crate::check::{Report, Verdict};
use crate::derivation::formula;
use crate::format::significant;
use crate::highlight::Highlight;
use crate::i18n::{Lang, pad, width};
use crate::net::Network;
use crate::tr;

/// The catalogue id of the word a table shows for a verdict.
fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "verdict-ok",
        Verdict::Slip => "verdict-slip",
        Verdict::Carried => "verdict-carried",
    }
}

/// The labels of a slip's paragraph, aligned in one column.
const SLIP_LABELS: [&str; 6] = [
    "check-label-written",
    "check-label-from-yours",
    "check-label-spec-gives",
    "check-label-exact",
    "check-label-cause",
    "check-label-carried-on",
];

/// The report as text in `lang`: a summary, a table of every judged value, a paragraph per
/// slip.
pub fn text(report: &Report, net: &Network, spec_name: &str, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&tr!(
        lang,
        "check-summary",
        checked = report.judgements.len(),
        spec = spec_name,
        ok = report.count(Verdict::Ok),
        slips = report.slips(),
        carried = report.count(Verdict::Carried)
    ));
    out.push_str("\n\n");
    let rows: Vec<[String; 6]> = report
        .judgements
        .iter()
        .map(|j| {
            [
                j.line.to_string(),
                j.name.clone(),
                j.written.clone(),
                lang.text(verdict_word(j.verdict)),
                significant(j.expected, 12),
                significant(j.exact, 12),
            ]
        })
        .collect();
    let header = [
        "check-column-line",
        "check-column-name",
        "check-column-written",
        "check-column-verdict",
        "check-column-from-yours",
        "check-column-exact",
    ]
    .map(|id| lang.text(id));
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            rows.iter()
                .chain([&header])
                .map(|r| width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| pad(cell, w))
            .collect();
        out.push_str(&format!("  {}\n", line.join("  ").trim_end()));
    }
    let lookup = |n: &str| report.carried.get(n).copied();
    let label_width = SLIP_LABELS
        .iter()
        .map(|id| width(&lang.text(id)))
        .max()
        .unwrap_or(0);
    for j in report
        .judgements
        .iter()
        .filter(|j| j.verdict == Verdict::Slip)
    {
        // One label column, as wide as the language's widest label.
        let label = |id: &'static str| pad(&lang.text(id), label_width);
        out.push_str(&format!(
            "\n{}\n",
            tr!(lang, "check-slip-heading", name = &j.name, line = j.line)
        ));
        out.push_str(&format!(
            "  {} {} = {}\n",
            label("check-label-written"),
            j.name,
            j.written
        ));
        let entry = net.entry(&j.name).expect("judged names are entries");
        match formula(net, entry) {
            Some(f) => out.push_str(&format!(
                "  {} {} = {} = {} = {}\n",
                label("check-label-from-yours"),
                j.name,
                f.plain(),
                f.with_values(&lookup, 6).plain(),
                significant(j.expected, 15)
            )),
            None => out.push_str(&format!(
                "  {} {} = {}\n",
                label("check-label-spec-gives"),
                j.name,
                significant(j.exact, 15)
            )),
        }
        if significant(j.expected, 15) != significant(j.exact, 15) {
            out.push_str(&format!(
                "  {} {}\n",
                label("check-label-exact"),
                significant(j.exact, 15)
            ));
        }
        if let Some(c) = &j.cause {
            let cause = match c.reproduces {
                Some(v) => tr!(
                    lang,
                    "check-cause-reproduces",
                    cause = c.message.clone(),
                    value = significant(v, 15)
                ),
                None => lang.render(&c.message),
            };
            out.push_str(&format!("  {} {cause}\n", label("check-label-cause")));
        }
        let downstream: Vec<&str> = report
            .judgements
            .iter()
            .filter(|c| c.carried_from.contains(&j.name))
            .map(|c| c.name.as_str())
            .collect();
        if !downstream.is_empty() {
            out.push_str(&format!(
                "  {} {}\n",
                label("check-label-carried-on"),
                tr!(lang, "check-carried-on", names = downstream.join(", "))
            ));
        }
    }
    let from_rounding: Vec<&str> = report
        .judgements
        .iter()
        .filter(|j| j.verdict == Verdict::Carried && j.carried_from.is_empty())
        .map(|j| j.name.as_str())
        .collect();
    if !from_rounding.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            tr!(
                lang,
                "check-from-rounding",
                names = from_rounding.join(", ")
            )
        ));
    }
    if report.slips() == 0 {
        out.push_str(&format!("\n{}\n", lang.text("check-no-slips")));
    }
    out
}

/// The report as JSON: an array with one object per judged value (`name`, `verdict`, `hand`,
/// `written`, `expected`, `exact`, `cause`, `cause_kind`, `carried_from`, `line`). The keys
/// and `verdict` / `cause_kind` values are the same in every language; `cause` is the cause in
/// `lang`.
pub fn json(report: &Report, lang: Lang) -> String {
    let items: Vec<serde_json::Value> = report
        .judgements
        .iter()
        .map(|j| {
            serde_json::json!({
                "name": j.name,
                "verdict": j.verdict,
                "hand": j.hand,
                "written": j.written,
                "expected": j.expected,
                "exact": j.exact,
                "cause": j.cause.as_ref().map(|c| lang.render(&c.message)),
                "cause_kind": j.cause.as_ref().map(|c| c.kind),
                "carried_from": j.carried_from,
                "line": j.line,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("finite numbers serialise") + "\n"
}

/// Diagram highlights: every slip in red and every carried value in amber, each with a note (in
/// `lang`) of what was written. For `render::Options::highlights`.
pub fn highlights(report: &Report, lang: Lang) -> HashMap<String, Highlight> {
    report
        .judgements
        .iter()
        .filter_map(|j| {
            let h = match j.verdict {
                Verdict::Ok => return None,
                Verdict::Slip => {
                    Highlight::slip().with_note(tr!(lang, "note-slip", written = &j.written))
                }
                Verdict::Carried => {
                    Highlight::carried().with_note(tr!(lang, "note-carried", written = &j.written))
                }
            };
            Some((j.name.clone(), h))
        })
        .collect()
}
