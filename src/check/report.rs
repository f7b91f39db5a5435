//! A check's result for people (a table and one paragraph per slip) and for tools (JSON, CSV),
//! for one file or a class.
//!
//! Every sentence a person reads is made here, from structured data (verdicts, cause kinds,
//! names and numbers), so that it can be translated in one place.

use std::collections::HashMap;

use crate::check::CauseKind;
use crate::check::class::{FileResult, Summary};
use crate::check::{Convention, Judgement, Report, Verdict};
use crate::derivation::formula;
use crate::derivation::working::working;
use crate::format::significant;
use crate::highlight::Highlight;
use crate::i18n::{Arg, Lang, Message, pad, width};
use crate::iteration::{split_step, step_name};
use crate::math::Expr;
use crate::net::{Network, Stage};
use crate::tr;

/// The catalogue id of the word a table shows for a verdict.
fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "verdict-ok",
        Verdict::Slip => "verdict-slip",
        Verdict::Carried => "verdict-carried",
        Verdict::Convention => "verdict-convention",
        Verdict::Unanswered => "verdict-unanswered",
    }
}

/// Each part of a convention: its key ([`Convention::parts`]), the catalogue id of its
/// sentence and of its short name.
const CONVENTION_PARTS: [(&str, &str, &str); 5] = [
    (
        "textbook_sign",
        "convention-textbook-sign",
        "convention-short-textbook-sign",
    ),
    (
        "without_half",
        "convention-without-half",
        "convention-short-without-half",
    ),
    (
        "delta_of_output",
        "convention-delta-of-output",
        "convention-short-delta-of-output",
    ),
    (
        "true_gradients",
        "convention-true-gradients",
        "convention-short-true-gradients",
    ),
    (
        "deltas_of_mean_loss",
        "convention-deltas-of-mean-loss",
        "convention-short-deltas-of-mean-loss",
    ),
];

/// The catalogue ids (sentence, short name) of the parts of `c`, in the order of its parts.
fn convention_part_ids(c: Convention) -> impl Iterator<Item = (&'static str, &'static str)> {
    let keys = c.parts();
    CONVENTION_PARTS
        .into_iter()
        .filter(move |(key, _, _)| keys.contains(key))
        .map(|(_, sentence, short)| (sentence, short))
}

/// One sentence describing a convention, in `lang`.
pub fn convention_text(c: Convention, lang: Lang) -> String {
    let parts: Vec<Message> = convention_part_ids(c)
        .map(|(sentence, _)| Message::new(sentence))
        .collect();
    if parts.is_empty() {
        lang.text("convention-spec")
    } else {
        tr!(lang, "convention-parts", parts = Arg::List(parts))
    }
}

/// The labels of a slip's paragraph, aligned in one column.
const SLIP_LABELS: [&str; 7] = [
    "check-label-written",
    "check-label-from-yours",
    "check-label-in-yours",
    "check-label-spec-gives",
    "check-label-exact",
    "check-label-cause",
    "check-label-carried-on",
];

/// The report as text in `lang`: a summary, the convention, a table of every row, a paragraph
/// per slip.
pub fn text(report: &Report, net: &Network, spec_name: &str, lang: Lang) -> String {
    let mut out = String::new();
    let answered = report.judgements.len() - report.count(Verdict::Unanswered);
    out.push_str(&tr!(
        lang,
        "check-summary",
        checked = answered,
        spec = spec_name,
        ok = report.count(Verdict::Ok),
        slips = report.slips(),
        carried = report.count(Verdict::Carried),
        convention = report.count(Verdict::Convention),
        empty = report.count(Verdict::Unanswered)
    ));
    out.push_str("\n\n");
    if !report.convention.is_standard() {
        let id = if report.declared {
            "check-convention-declared"
        } else {
            "check-convention-found"
        };
        out.push_str(&tr!(
            lang,
            id,
            convention = convention_text(report.convention, lang)
        ));
        out.push_str("\n\n");
    }
    // The kinds of mistake already explained: (kind, message id) → the first slip.
    let mut explained: Vec<((CauseKind, &str), String)> = Vec::new();
    let steps = report.steps();
    for k in 1..=steps {
        let rows: Vec<&Judgement> = report.judgements.iter().filter(|j| j.step == k).collect();
        // A step the file has no row of (only step 2 written) is not shown.
        if rows.is_empty() {
            continue;
        }
        if steps > 1 {
            let heading = if k == 1 {
                tr!(lang, "check-step-first", steps = steps)
            } else {
                tr!(
                    lang,
                    "check-step-next",
                    step = k,
                    steps = steps,
                    previous = k - 1
                )
            };
            out.push_str(&format!("{heading}\n\n"));
        }
        out.push_str(&table(&rows, lang));
        slip_paragraphs(&mut out, report, &rows, net, k, &mut explained, lang);
        if k < steps {
            out.push('\n');
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
            "\n{}\n",
            tr!(
                lang,
                "check-from-rounding",
                names = from_rounding.join(", ")
            )
        ));
    }
    for note in report
        .judgements
        .iter()
        .filter_map(|j| rounding_note(j, report, lang))
    {
        out.push_str(&format!("\n{note}\n"));
    }
    let empty = names_with(&|j| j.verdict == Verdict::Unanswered);
    if !empty.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            tr!(lang, "check-left-empty", names = empty.join(", "))
        ));
    }
    if report.slips() == 0 {
        out.push_str(&format!("\n{}\n", lang.text("check-no-slips")));
    }
    out
}

/// One paragraph per slip among `rows` (the values of step `step`): what was written, the
/// step with the person's values, the exact value, a likely cause (or the earlier slip with
/// the same one, from `explained`), the values it was carried on to.
fn slip_paragraphs(
    out: &mut String,
    report: &Report,
    rows: &[&Judgement],
    net: &Network,
    step: usize,
    explained: &mut Vec<((CauseKind, &'static str), String)>,
    lang: Lang,
) {
    // The formulas are over step names (`w(4,6)@2·f4@2` in step 2), their numbers the
    // person's as carried.
    let lookup = |n: &str| report.carried.get(net, n);
    // One label column, as wide as the language's widest label.
    let label_width = SLIP_LABELS
        .iter()
        .map(|id| width(&lang.text(id)))
        .max()
        .unwrap_or(0);
    let label = |id: &'static str| pad(&lang.text(id), label_width);
    for j in rows.iter().filter(|j| j.verdict == Verdict::Slip) {
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
        // Every judged name is an entry but the learning rate a hand file states (`alpha`):
        // given, like an entry without a formula.
        let entry = net.entry(split_step(&j.name).0);
        let copied = entry
            .filter(|e| step > 1 && e.stage == Stage::Given)
            .and_then(|e| net.entry(&format!("new_{}", e.name)));
        let with_formula = entry.and_then(|e| formula(net, e).map(|f| (e, f)));
        match (with_formula, copied) {
            (_, Some(update)) => out.push_str(&format!(
                "  {} {} = {} = {}\n",
                label("check-label-from-yours"),
                j.name,
                step_name(update.name, step - 1),
                significant(j.expected, 15)
            )),
            (Some((entry, f)), None) => {
                let f = if step > 1 {
                    f.map(&|e| match e {
                        Expr::Var(n) => Some(Expr::Var(step_name(n, step))),
                        _ => None,
                    })
                } else {
                    f
                };
                // The derivation writer's rule: operands with enough digits to give the
                // result as shown, a cancelling difference on a line of its own; the result
                // with one figure more than was written (at least 6), so a slip shows.
                let digits = (written_figures(&j.written) + 1).clamp(6, 15);
                // The formula is the spec's and so are the numbers carried: under another
                // convention (the textbook sign) its result is the spec's too, then said in
                // the person's convention on a line of its own. (Put next to each other, the
                // spec's numbers and the person's result did not add up.)
                let changed = report.convention.changes(net, entry.quantity);
                let value = match f.eval(&lookup) {
                    Some(v) if changed && v.is_finite() => v,
                    _ => j.expected,
                };
                let lines = working(Expr::Var(j.name.clone()), &f, value, &lookup, digits);
                for (k, line) in lines.iter().enumerate() {
                    let head = if k == 0 {
                        label("check-label-from-yours")
                    } else {
                        " ".repeat(label_width)
                    };
                    let parts: Vec<String> = line.parts().map(|p| p.plain()).collect();
                    out.push_str(&format!("  {head} {}\n", parts.join(" = ")));
                }
                if value != j.expected {
                    out.push_str(&format!(
                        "  {} {} = {}\n",
                        label("check-label-in-yours"),
                        j.name,
                        significant(j.expected, digits)
                    ));
                }
            }
            (None, None) => out.push_str(&format!(
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
            let pattern = (c.kind, c.message.id);
            let earlier = explained.iter().find(|(p, _)| *p == pattern);
            let cause = match (earlier, c.reproduces) {
                (Some((_, first)), _) => tr!(
                    lang,
                    "check-cause-same-as",
                    first = first,
                    cause = c.message.clone()
                ),
                // Two figures more than were written: enough to show it agrees, short of the
                // float noise in the last of 15 (6.13552000000009e-6).
                (None, Some(v)) => tr!(
                    lang,
                    "check-cause-reproduces",
                    cause = c.message.clone(),
                    value = significant(v, (written_figures(&j.written) + 2).clamp(6, 15))
                ),
                (None, None) => lang.render(&c.message),
            };
            out.push_str(&format!("  {} {cause}\n", label("check-label-cause")));
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
        if j.written_only {
            out.push_str(&format!(
                "  {} {}\n",
                label("check-label-carried-on"),
                tr!(
                    lang,
                    "check-written-only",
                    name = &j.name,
                    value = significant(j.expected, 15)
                )
            ));
        } else if !downstream.is_empty() {
            out.push_str(&format!(
                "  {} {}\n",
                label("check-label-carried-on"),
                tr!(lang, "check-carried-on", names = downstream.join(", "))
            ));
        }
    }
}

/// For a value whose rounding destroyed it ([`Judgement::rounding_lost`]), the sentence that
/// says so: what the person's numbers give, the exact value, and the inputs (as written) to
/// keep more figures of.
pub fn rounding_note(j: &Judgement, report: &Report, lang: Lang) -> Option<String> {
    if !j.rounding_lost {
        return None;
    }
    let value = significant(j.expected, 6);
    let exact = significant(j.exact, 6);
    if j.rounding_lost_by.is_empty() {
        return Some(tr!(
            lang,
            "check-rounding-lost-earlier",
            name = &j.name,
            value = value,
            exact = exact
        ));
    }
    let inputs: Vec<String> = j
        .rounding_lost_by
        .iter()
        .map(|n| match report.get(n) {
            Some(w) => format!("{n} = {}", w.written),
            None => n.clone(),
        })
        .collect();
    Some(tr!(
        lang,
        "check-rounding-lost",
        name = &j.name,
        value = value,
        exact = exact,
        inputs = inputs.join(&lang.text("list-separator"))
    ))
}

/// Significant figures of a written number (0 when it cannot be read back).
fn written_figures(written: &str) -> usize {
    crate::hand::number::parse(written, false).map_or(0, |n| n.sig_figs as usize)
}

/// The table of `rows`: line, name, what was written, verdict, from your values, exact.
fn table(rows: &[&Judgement], lang: Lang) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|j| {
            vec![
                j.line.to_string(),
                j.name.clone(),
                j.written.clone(),
                lang.text(verdict_word(j.verdict)),
                significant(j.expected, 12),
                significant(j.exact, 12),
            ]
        })
        .collect();
    aligned(
        &[
            "check-column-line",
            "check-column-name",
            "check-column-written",
            "check-column-verdict",
            "check-column-from-yours",
            "check-column-exact",
        ],
        &rows,
        lang,
    )
}

/// A header (catalogue ids) and rows as left-aligned columns, each line indented by two
/// spaces; columns aligned by display width.
fn aligned(header: &[&'static str], rows: &[Vec<String>], lang: Lang) -> String {
    let header: Vec<String> = header.iter().map(|&h| lang.text(h)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .chain([&header])
                .map(|r| width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in [&header].into_iter().chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| pad(cell, w))
            .collect();
        out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
    }
    out
}

/// One judgement as a JSON object.
fn judgement_json(j: &Judgement, report: &Report, lang: Lang) -> serde_json::Value {
    let mut v = serde_json::json!({
        "name": j.name,
        "verdict": j.verdict,
        "hand": j.hand,
        "written": j.written,
        "expected": j.expected,
        "exact": j.exact,
        "cause": j.cause.as_ref().map(|c| lang.render(&c.message)),
        "cause_kind": j.cause.as_ref().map(|c| c.kind),
        "carried_from": j.carried_from,
        "written_only": j.written_only,
        "rounding_lost_by": j.rounding_lost.then_some(&j.rounding_lost_by),
        "rounding_note": rounding_note(j, report, lang),
        "line": j.line,
        "step": j.step,
    });
    if j.verdict == Verdict::Convention {
        v["convention"] = serde_json::json!(report.convention.parts());
        v["convention_text"] = serde_json::json!(convention_text(report.convention, lang));
    }
    v
}

/// The report as JSON: an array with one object per row (`name`, `verdict`, `hand`,
/// `written`, `expected`, `exact`, `cause`, `cause_kind`, `carried_from`, `written_only`,
/// `rounding_lost_by` and `rounding_note` (null unless rounding destroyed the value: the
/// inputs rounded too early, and the sentence saying so), `line`, `step`, and for a
/// `convention` verdict the convention's parts and `convention_text`, the convention in
/// words). Keys, verdicts and cause kinds are the same in every language; `cause`,
/// `rounding_note` and `convention_text` are in `lang`.
pub fn json(report: &Report, lang: Lang) -> String {
    let items: Vec<serde_json::Value> = report
        .judgements
        .iter()
        .map(|j| judgement_json(j, report, lang))
        .collect();
    serde_json::to_string_pretty(&items).expect("finite numbers serialise") + "\n"
}

/// A class as text in `lang`: one line per file, then per value how many slipped and why.
pub fn class_text(
    results: &[FileResult],
    summary: &Summary,
    spec_name: &str,
    lang: Lang,
) -> String {
    let mut out = tr!(
        lang,
        "class-checked",
        files = summary.files,
        spec = spec_name
    );
    out.push_str("\n\n");
    for r in results {
        let mut line = format!("  {}: ", r.file);
        if let Some(report) = &r.report {
            let slips: Vec<&str> = report
                .judgements
                .iter()
                .filter(|j| j.verdict == Verdict::Slip)
                .map(|j| j.name.as_str())
                .collect();
            line.push_str(&tr!(lang, "check-slip-count", count = slips.len()));
            if !slips.is_empty() {
                line.push_str(&tr!(lang, "class-slip-names", names = slips.join(", ")));
            }
            line.push_str(&tr!(
                lang,
                "class-file-counts",
                carried = report.count(Verdict::Carried),
                unanswered = report.count(Verdict::Unanswered)
            ));
            if !report.convention.is_standard() {
                line.push_str(&tr!(
                    lang,
                    "class-file-convention",
                    convention = convention_names(report.convention, lang)
                ));
            }
        }
        if let Some(e) = &r.error {
            if r.report.is_some() {
                line.push_str(&lang.text("list-separator"));
            }
            line.push_str(&tr!(
                lang,
                "class-unreadable",
                error = e.text(lang).lines().next().unwrap_or_default()
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!(
        "\n{}\n",
        tr!(lang, "class-summary", unreadable = summary.unreadable)
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
                    .map(|c| format!("{} ×{}", lang.text(cause_kind_name(c.cause_kind)), c.count))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    if rows.is_empty() {
        // "Every value is ok" would be a false verdict when no file could be read at all.
        let none_read = results.iter().all(|r| r.report.is_none());
        let id = if none_read {
            "class-none-read"
        } else {
            "class-all-ok"
        };
        out.push_str(&format!("  {}\n", lang.text(id)));
        return out;
    }
    out.push_str(&aligned(
        &[
            "class-column-name",
            "class-column-slip",
            "class-column-carried",
            "class-column-ok",
            "class-column-convention",
            "class-column-unanswered",
            "class-column-causes",
        ],
        &rows,
        lang,
    ));
    out
}

/// The catalogue id of a cause kind's short name, for the class summary (JSON and CSV keep
/// the stable keys of [`cause_kind_key`]).
fn cause_kind_name(kind: CauseKind) -> &'static str {
    match kind {
        CauseKind::Misread => "cause-kind-misread",
        CauseKind::WrongValue => "cause-kind-wrong-value",
        CauseKind::SignFlipped => "cause-kind-sign-flipped",
        CauseKind::TermLeftOut => "cause-kind-term-left-out",
        CauseKind::FactorLeftOut => "cause-kind-factor-left-out",
        CauseKind::ActivationForDerivative => "cause-kind-activation-for-derivative",
        CauseKind::DerivativeFormula => "cause-kind-derivative-formula",
        CauseKind::WrongActivation => "cause-kind-wrong-activation",
        CauseKind::Transposed => "cause-kind-transposed",
        CauseKind::Scale => "cause-kind-scale",
        CauseKind::Digits => "cause-kind-digits",
        CauseKind::Negligible => "cause-kind-negligible",
        CauseKind::TwoMistakes => "cause-kind-two-mistakes",
        CauseKind::BatchCombination => "cause-kind-batch-combination",
        CauseKind::DividedByBatchSize => "cause-kind-divided-by-batch-size",
        CauseKind::Arithmetic => "cause-kind-arithmetic",
    }
}

/// The short names of a convention's parts in `lang`, for a line of the class summary.
fn convention_names(c: Convention, lang: Lang) -> String {
    convention_part_ids(c)
        .map(|(_, short)| lang.text(short))
        .collect::<Vec<_>>()
        .join(&lang.text("list-separator"))
}

/// The stable key of a cause kind (`misread`, `term_left_out`, …), as in JSON.
pub fn cause_kind_key(kind: crate::check::CauseKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A class as JSON: `{"files": [{"file", "error", "values"}], "summary": {…}}`; causes in
/// `lang`.
pub fn class_json(results: &[FileResult], summary: &Summary, lang: Lang) -> String {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            serde_json::json!({
                "file": r.file,
                "error": r.error.as_ref().map(|e| e.text(lang)),
                "values": r.report.as_ref().map_or_else(Vec::new, |rep| {
                    rep.judgements.iter().map(|j| judgement_json(j, rep, lang)).collect()
                }),
            })
        })
        .collect();
    let v = serde_json::json!({ "files": files, "summary": summary });
    serde_json::to_string_pretty(&v).expect("finite numbers serialise") + "\n"
}

/// A class as CSV: one row per file, one column per value judged in any file, each cell a
/// verdict key; a last column with the file's error.
pub fn class_csv(results: &[FileResult], summary: &Summary, lang: Lang) -> String {
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
                .as_ref()
                .and_then(|e| e.text(lang).lines().next().map(str::to_string))
                .unwrap_or_default(),
        );
        w.write_record(&row).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

/// Diagram highlights: every slip in red and every carried value in amber, each with a note (in
/// `lang`) of what was written. For `render::Options::highlights`.
pub fn highlights(report: &Report, lang: Lang) -> HashMap<String, Highlight> {
    report
        .judgements
        .iter()
        .filter_map(|j| {
            let h = match j.verdict {
                Verdict::Ok | Verdict::Convention | Verdict::Unanswered => return None,
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
