//! A check's result for people (a table and one paragraph per slip) and for tools (JSON).

use std::collections::HashMap;

use crate::check::{Report, Verdict};
use crate::derivation::formula;
use crate::format::significant;
use crate::highlight::Highlight;
use crate::net::Network;

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "ok",
        Verdict::Slip => "SLIP",
        Verdict::Carried => "carried",
    }
}

/// The report as text: a summary, a table of every judged value, a paragraph per slip.
pub fn text(report: &Report, net: &Network, spec_name: &str) -> String {
    let mut out = String::new();
    let carried = report.count(Verdict::Carried);
    out.push_str(&format!(
        "Checked {} values of your calculation against {spec_name}: {} ok, {} {}, {} carried forward.\n\n",
        report.judgements.len(),
        report.count(Verdict::Ok),
        report.slips(),
        if report.slips() == 1 { "slip" } else { "slips" },
        carried,
    ));
    let rows: Vec<[String; 6]> = report
        .judgements
        .iter()
        .map(|j| {
            [
                j.line.to_string(),
                j.name.clone(),
                j.written.clone(),
                verdict_word(j.verdict).to_string(),
                significant(j.expected, 12),
                significant(j.exact, 12),
            ]
        })
        .collect();
    let header = [
        "line",
        "name",
        "you wrote",
        "verdict",
        "from your values",
        "exact",
    ]
    .map(String::from);
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            rows.iter()
                .chain([&header])
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        out.push_str(&format!("  {}\n", line.join("  ").trim_end()));
    }
    let lookup = |n: &str| report.carried.get(n).copied();
    for j in report
        .judgements
        .iter()
        .filter(|j| j.verdict == Verdict::Slip)
    {
        out.push_str(&format!("\nSlip: {} (line {})\n", j.name, j.line));
        out.push_str(&format!("  You wrote         {} = {}\n", j.name, j.written));
        let entry = net.entry(&j.name).expect("judged names are entries");
        match formula(net, entry) {
            Some(f) => out.push_str(&format!(
                "  From your values {} = {} = {} = {}\n",
                j.name,
                f.plain(),
                f.with_values(&lookup, 6).plain(),
                significant(j.expected, 15)
            )),
            None => out.push_str(&format!(
                "  The spec gives    {} = {}\n",
                j.name,
                significant(j.exact, 15)
            )),
        }
        if significant(j.expected, 15) != significant(j.exact, 15) {
            out.push_str(&format!(
                "  Exact value       {}\n",
                significant(j.exact, 15)
            ));
        }
        if let Some(c) = &j.cause {
            match c.reproduces {
                Some(v) => out.push_str(&format!(
                    "  Likely cause      {} (that gives {}, as you wrote)\n",
                    c.text,
                    significant(v, 15)
                )),
                None => out.push_str(&format!("  Likely cause      {}\n", c.text)),
            }
        }
        let downstream: Vec<&str> = report
            .judgements
            .iter()
            .filter(|c| c.carried_from.contains(&j.name))
            .map(|c| c.name.as_str())
            .collect();
        if !downstream.is_empty() {
            out.push_str(&format!(
                "  Carried on to     {} (right from your own values: not new errors)\n",
                downstream.join(", ")
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
            "\nDiffer from the exact values only through your own rounding: {}.\n",
            from_rounding.join(", ")
        ));
    }
    if report.slips() == 0 {
        out.push_str("\nNo slips: every step follows from the values before it.\n");
    }
    out
}

/// The report as JSON: an array with one object per judged value (`name`, `verdict`, `hand`,
/// `written`, `expected`, `exact`, `cause`, `cause_kind`, `carried_from`, `line`).
pub fn json(report: &Report) -> String {
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
                "cause": j.cause.as_ref().map(|c| c.text.clone()),
                "cause_kind": j.cause.as_ref().map(|c| c.kind),
                "carried_from": j.carried_from,
                "line": j.line,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("finite numbers serialise") + "\n"
}

/// Diagram highlights: every slip in red and every carried value in amber, each with a note of
/// what was written. For `render::Options::highlights`.
pub fn highlights(report: &Report) -> HashMap<String, Highlight> {
    report
        .judgements
        .iter()
        .filter_map(|j| {
            let h = match j.verdict {
                Verdict::Ok => return None,
                Verdict::Slip => {
                    Highlight::slip().with_note(format!("slip: you wrote {}", j.written))
                }
                Verdict::Carried => {
                    Highlight::carried().with_note(format!("carried: you wrote {}", j.written))
                }
            };
            Some((j.name.clone(), h))
        })
        .collect()
}
