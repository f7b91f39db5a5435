//! The values of one forward + backward + update pass, as a table for people or as CSV / JSON
//! for tools.

use crate::derivation::value_working;
use crate::format;
use crate::i18n::Lang;
use crate::net::{Network, Stage};

/// Output format of `deltagraph run`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ValuesFormat {
    /// Aligned tables: name, formula, value.
    #[default]
    Table,
    /// `name,value`, one row per canonical name, full precision.
    Csv,
    /// `{"network": …, "values": [{"name", "stage", "value"}, …]}`, full precision.
    Json,
}

/// The catalogue id of a stage's table title.
fn stage_title(net: &Network, stage: Stage) -> &'static str {
    if net.is_expression() {
        return match stage {
            Stage::Given => "run-expr-stage-given",
            Stage::Forward => "run-expr-stage-forward",
            Stage::Backward => "run-expr-stage-backward",
            Stage::Gradient => "run-expr-stage-gradient",
            // An expression has no parameters to update: no such table.
            Stage::Update => "run-stage-update",
        };
    }
    if net.is_batch() {
        return match stage {
            Stage::Given => "run-batch-stage-given",
            Stage::Forward => "run-batch-stage-forward",
            Stage::Backward => "run-batch-stage-backward",
            Stage::Gradient => "run-batch-stage-gradient",
            Stage::Update => "run-stage-update",
        };
    }
    match stage {
        Stage::Given => "run-stage-given",
        Stage::Forward => "run-stage-forward",
        Stage::Backward => "run-stage-backward",
        Stage::Gradient => "run-stage-gradient",
        Stage::Update => "run-stage-update",
    }
}

/// Render an evaluated network in `format`; values in tables get `digits` significant digits.
/// Table titles are in `lang`; CSV and JSON are the same in every language.
pub fn formatted(net: &Network, format: ValuesFormat, digits: usize, lang: Lang) -> String {
    match format {
        ValuesFormat::Table => text(net, digits, lang),
        ValuesFormat::Csv => csv(net),
        ValuesFormat::Json => json(net),
    }
}

/// CSV (RFC 4180): header `name,value`, one row per canonical name; names with commas quoted.
pub fn csv(net: &Network) -> String {
    let mut out = Vec::new();
    write_csv(net, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8 names")
}

/// [`csv`](fn@csv), written to `out` as it goes: a network of a million weights has three million
/// rows, which need not be held in memory.
pub fn write_csv(net: &Network, out: impl std::io::Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["name", "value"]).map_err(io_error)?;
    let mut result = Ok(());
    net.for_each_entry(|name, quantity, _| {
        if result.is_ok() {
            result = w.write_record([name, format::exact(net.read(quantity)).as_str()]);
        }
    });
    result.map_err(io_error)?;
    w.flush()
}

/// A csv writer's error as the I/O error it carries, kind and all (csv's own conversion makes
/// every error `Other`, and a closed pipe would no longer end the command quietly).
fn io_error(e: csv::Error) -> std::io::Error {
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return std::io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => unreachable!("matched above"),
    }
}

/// JSON with every canonical value at full precision.
pub fn json(net: &Network) -> String {
    let values: Vec<serde_json::Value> = net
        .entries()
        .iter()
        .map(|e| {
            serde_json::json!({
                "name": e.name,
                "stage": e.stage.key(),
                "value": net.read(e.quantity),
            })
        })
        .collect();
    let doc = serde_json::json!({ "network": net.name, "values": values });
    serde_json::to_string_pretty(&doc).expect("finite numbers serialise") + "\n"
}

/// Aligned tables, one per stage (titles in `lang`): name, value at `digits` significant
/// digits, and the working (formula = numbers = result) at six digits, with numbers that give
/// the result as shown. A difference that cancels digits is worked on its own row first.
pub fn text(net: &Network, digits: usize, lang: Lang) -> String {
    // Six digits keep 0.99995 from showing as 1 while the working stays readable.
    let working_digits = 6.min(digits);
    let mut out = String::new();
    let mut stage = None;
    let mut rows: Vec<[String; 3]> = Vec::new();
    let flush = |out: &mut String, stage: Option<Stage>, rows: &mut Vec<[String; 3]>| {
        if let Some(s) = stage {
            out.push_str(&format!("\n{}\n", lang.text(stage_title(net, s))));
            out.push_str(&aligned(rows));
        }
        rows.clear();
    };
    for e in net.entries() {
        if stage != Some(e.stage) {
            flush(&mut out, stage, &mut rows);
            stage = Some(e.stage);
        }
        let value = format::significant(net.read(e.quantity), digits);
        let Some(lines) = value_working(net, e, working_digits) else {
            rows.push([e.name.to_string(), value, String::new()]);
            continue;
        };
        let (last, asides) = lines.split_last().expect("a working has its own line");
        for aside in asides {
            let parts: Vec<String> = aside.parts().map(|p| p.plain()).collect();
            rows.push([String::new(), String::new(), parts.join(" = ")]);
        }
        // The name is in the first column, so the main line starts at its formula.
        let parts: Vec<String> = last.parts().skip(1).map(|p| p.plain()).collect();
        rows.push([e.name.to_string(), value, parts.join(" = ")]);
    }
    flush(&mut out, stage, &mut rows);
    out
}

fn aligned(rows: &[[String; 3]]) -> String {
    let width = |c: usize| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0);
    let (w0, w1) = (width(0), width(1));
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w - s.chars().count()));
    let mut out = String::new();
    for [name, value, working] in rows {
        let line = format!("  {}  {}  {working}", pad(name, w0), pad(value, w1));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
