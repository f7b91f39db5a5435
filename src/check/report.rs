//! A check's result for people (a table and one paragraph per slip) and for tools (JSON, CSV),
//! for one file or a class.
//!
//! Every sentence a person reads is made here, from structured data (verdicts, cause kinds,
//! names and numbers), so that it can be translated in one place.

use std::collections::HashMap;

use crate::check::class::{FileResult, Summary};
use crate::check::{Convention, Judgement, Report, Verdict};
use crate::derivation::formula;
use crate::format::significant;
use crate::highlight::Highlight;
use crate::net::Network;

/// The word a table shows for a verdict.
fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "ok",
        Verdict::Slip => "SLIP",
        Verdict::Carried => "carried",
        Verdict::Convention => "convention",
        Verdict::Unanswered => "—",
    }
}

/// One sentence describing a convention.
pub fn convention_text(c: Convention) -> String {
    let mut parts = Vec::new();
    if c.textbook_sign {
        parts.push("the textbook sign δ = (y − ŷ)·f′(z) = −∂L/∂z, with the update w ← w + α·δ·a");
    }
    if c.without_half {
        parts.push("the loss without its ½, L = (y − ŷ)², so every δ and gradient is doubled");
    }
    if c.delta_of_output {
        parts.push("δ taken as ∂L/∂f, before the activation's derivative f′(z)");
    }
    if parts.is_empty() {
        "the spec's convention".to_string()
    } else {
        parts.join("; ")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report as text: a summary, the convention, a table of every row, a paragraph per slip.
pub fn text(report: &Report, net: &Network, spec_name: &str) -> String {
    let mut out = String::new();
    let answered = report.judgements.len() - report.count(Verdict::Unanswered);
    let mut summary = format!(
        "Checked {answered} values of your calculation against {spec_name}: {} ok, {}, {} carried forward",
        report.count(Verdict::Ok),
        plural(report.slips(), "slip", "slips"),
        report.count(Verdict::Carried),
    );
    if report.count(Verdict::Convention) > 0 {
        summary.push_str(&format!(
            ", {} right under your convention",
            report.count(Verdict::Convention)
        ));
    }
    if report.count(Verdict::Unanswered) > 0 {
        summary.push_str(&format!(
            "; {} left empty",
            report.count(Verdict::Unanswered)
        ));
    }
    out.push_str(&summary);
    out.push_str(".\n\n");
    if !report.convention.is_standard() {
        if report.declared {
            out.push_str(&format!(
                "Judged under the declared convention: {}.\n\n",
                convention_text(report.convention)
            ));
        } else {
            out.push_str(&format!(
                "Convention: you use {}. That is a convention, not a mistake: your values are judged under it (marked `convention` where it changes them).\n\n",
                convention_text(report.convention)
            ));
        }
    }
    out.push_str(&table(report));
    let lookup = |n: &str| report.carried.get(n).copied();
    let mut explained: Vec<(String, String)> = Vec::new(); // (pattern, first slip)
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
            let pattern = format!("{:?}:{}", c.kind, c.text.replace(char::is_numeric, ""));
            let earlier = explained.iter().find(|(p, _)| *p == pattern);
            match (earlier, c.reproduces) {
                (Some((_, first)), _) => out.push_str(&format!(
                    "  Likely cause      the same mistake as at {first}: {}\n",
                    c.text
                )),
                (None, Some(v)) => out.push_str(&format!(
                    "  Likely cause      {} (that gives {}, as you wrote)\n",
                    c.text,
                    significant(v, 15)
                )),
                (None, None) => out.push_str(&format!("  Likely cause      {}\n", c.text)),
            }
            if earlier.is_none() {
                explained.push((pattern, j.name.clone()));
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
    let names_with = |pick: &dyn Fn(&Judgement) -> bool| -> Vec<&str> {
        report
            .judgements
            .iter()
            .filter(|j| pick(j))
            .map(|j| j.name.as_str())
            .collect()
    };
    let from_rounding = names_with(&|j| j.verdict == Verdict::Carried && j.carried_from.is_empty());
    if !from_rounding.is_empty() {
        out.push_str(&format!(
            "\nDiffer from the exact values only through your own rounding: {}.\n",
            from_rounding.join(", ")
        ));
    }
    let empty = names_with(&|j| j.verdict == Verdict::Unanswered);
    if !empty.is_empty() {
        out.push_str(&format!("\nLeft empty: {}.\n", empty.join(", ")));
    }
    if report.slips() == 0 {
        out.push_str("\nNo slips: every step follows from the values before it.\n");
    }
    out
}

/// The table of every row: line, name, what was written, verdict, from your values, exact.
fn table(report: &Report) -> String {
    let rows: Vec<Vec<String>> = report
        .judgements
        .iter()
        .map(|j| {
            vec![
                j.line.to_string(),
                j.name.clone(),
                j.written.clone(),
                verdict_word(j.verdict).to_string(),
                significant(j.expected, 12),
                significant(j.exact, 12),
            ]
        })
        .collect();
    aligned(
        &[
            "line",
            "name",
            "you wrote",
            "verdict",
            "from your values",
            "exact",
        ],
        &rows,
    )
}

/// A header and rows as left-aligned columns, each line indented by two spaces.
fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .chain([&header])
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in [&header].into_iter().chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
    }
    out
}

/// One judgement as a JSON object.
fn judgement_json(j: &Judgement, report: &Report) -> serde_json::Value {
    let mut v = serde_json::json!({
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
    });
    if j.verdict == Verdict::Convention {
        v["convention"] = serde_json::json!(report.convention.parts());
    }
    v
}

/// The report as JSON: an array with one object per row (`name`, `verdict`, `hand`,
/// `written`, `expected`, `exact`, `cause`, `cause_kind`, `carried_from`, `line`, and for a
/// `convention` verdict the convention's parts).
pub fn json(report: &Report) -> String {
    let items: Vec<serde_json::Value> = report
        .judgements
        .iter()
        .map(|j| judgement_json(j, report))
        .collect();
    serde_json::to_string_pretty(&items).expect("finite numbers serialise") + "\n"
}

/// A class as text: one line per file, then per value how many slipped and why.
pub fn class_text(results: &[FileResult], summary: &Summary, spec_name: &str) -> String {
    let mut out = format!(
        "Checked {} against {spec_name}.\n\n",
        plural(summary.files, "file", "files")
    );
    for r in results {
        let mut line = format!("  {}: ", r.file);
        if let Some(report) = &r.report {
            let slips: Vec<&str> = report
                .judgements
                .iter()
                .filter(|j| j.verdict == Verdict::Slip)
                .map(|j| j.name.as_str())
                .collect();
            line.push_str(&plural(slips.len(), "slip", "slips"));
            if !slips.is_empty() {
                line.push_str(&format!(" ({})", slips.join(", ")));
            }
            line.push_str(&format!(
                ", {} carried, {} unanswered",
                report.count(Verdict::Carried),
                report.count(Verdict::Unanswered)
            ));
            if !report.convention.is_standard() {
                line.push_str(&format!(
                    ", convention: {}",
                    report.convention.parts().join("+")
                ));
            }
        }
        if let Some(e) = &r.error {
            if r.report.is_some() {
                line.push_str("; ");
            }
            line.push_str(&format!(
                "unreadable: {}",
                e.lines().next().unwrap_or_default()
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!(
        "\nClass summary ({} unreadable):\n",
        summary.unreadable
    ));
    let rows: Vec<Vec<String>> = summary
        .by_name
        .iter()
        .filter(|s| s.slip + s.carried + s.convention + s.unanswered > 0)
        .map(|s| {
            vec![
                s.name.clone(),
                s.slip.to_string(),
                s.carried.to_string(),
                s.ok.to_string(),
                s.convention.to_string(),
                s.unanswered.to_string(),
                s.causes
                    .iter()
                    .take(3)
                    .map(|c| format!("{} ×{}", cause_kind_key(c.cause_kind), c.count))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.push_str("  every value of every file is ok.\n");
        return out;
    }
    out.push_str(&aligned(
        &[
            "name",
            "slip",
            "carried",
            "ok",
            "convention",
            "unanswered",
            "causes",
        ],
        &rows,
    ));
    out
}

/// The stable key of a cause kind (`misread`, `term_left_out`, …), as in JSON.
pub fn cause_kind_key(kind: crate::check::CauseKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A class as JSON: `{"files": [{"file", "error", "values"}], "summary": {…}}`.
pub fn class_json(results: &[FileResult], summary: &Summary) -> String {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            serde_json::json!({
                "file": r.file,
                "error": r.error,
                "values": r.report.as_ref().map_or_else(Vec::new, |rep| {
                    rep.judgements.iter().map(|j| judgement_json(j, rep)).collect()
                }),
            })
        })
        .collect();
    let v = serde_json::json!({ "files": files, "summary": summary });
    serde_json::to_string_pretty(&v).expect("finite numbers serialise") + "\n"
}

/// A class as CSV: one row per file, one column per value judged in any file, each cell a
/// verdict key; a last column with the file's error.
pub fn class_csv(results: &[FileResult], summary: &Summary) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["file".to_string()];
    header.extend(summary.by_name.iter().map(|s| s.name.clone()));
    header.push("error".to_string());
    w.write_record(&header).expect("in memory");
    for r in results {
        let verdicts: HashMap<&str, Verdict> = r
            .report
            .iter()
            .flat_map(|rep| rep.judgements.iter())
            .map(|j| (j.name.as_str(), j.verdict))
            .collect();
        let mut row = vec![r.file.clone()];
        row.extend(summary.by_name.iter().map(|s| {
            verdicts
                .get(s.name.as_str())
                .map_or(String::new(), |v| v.key().to_string())
        }));
        row.push(
            r.error
                .as_deref()
                .and_then(|e| e.lines().next())
                .unwrap_or_default()
                .to_string(),
        );
        w.write_record(&row).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

/// Diagram highlights: every slip in red and every carried value in amber, each with a note of
/// what was written. For `render::Options::highlights`.
pub fn highlights(report: &Report) -> HashMap<String, Highlight> {
    report
        .judgements
        .iter()
        .filter_map(|j| {
            let h = match j.verdict {
                Verdict::Ok | Verdict::Convention | Verdict::Unanswered => return None,
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
