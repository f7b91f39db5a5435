//! A blank worksheet: every value a hand calculation computes, in derivation order, with an
//! empty cell for the value and the formula to use. `deltagraph check` reads it as it is (every
//! row unanswered) and once filled in.

use crate::derivation::formula;
use crate::i18n::Lang;
use crate::net::{Network, Stage};
use crate::tr;

/// How a worksheet is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// CSV rows `name,value,formula` (a spreadsheet opens it; `check` reads it).
    #[default]
    Csv,
    /// A Markdown table to print.
    Md,
}

/// The rows of a worksheet: (canonical name, formula in names) for every computed value.
pub fn rows(net: &Network) -> Vec<(String, String)> {
    net.entries()
        .iter()
        .filter(|e| e.stage != Stage::Given)
        .map(|e| {
            let formula = formula(net, e).map(|f| f.plain()).unwrap_or_default();
            (e.name.to_string(), formula)
        })
        .collect()
}

/// The worksheet of `net` in `format`; the Markdown's title, instruction and column headers in
/// `lang` (the CSV header stays `name,value,formula`, which `check` reads in every language).
pub fn write(net: &Network, format: Format, lang: Lang) -> String {
    write_rows(net, rows(net), format, lang)
}

/// The worksheet of several training steps ([`crate::iteration`]): step 1's rows, then step
/// 2's named `name@2`, …; each formula uses the names of its own step.
pub fn write_steps(steps: &[Network], format: Format, lang: Lang) -> String {
    let rows = steps
        .iter()
        .enumerate()
        .flat_map(|(k, net)| {
            rows(net)
                .into_iter()
                .map(move |(name, formula)| (crate::iteration::step_name(&name, k + 1), formula))
        })
        .collect();
    write_rows(&steps[0], rows, format, lang)
}

fn write_rows(net: &Network, rows: Vec<(String, String)>, format: Format, lang: Lang) -> String {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["name", "value", "formula"])
                .expect("in memory");
            for (name, formula) in &rows {
                w.write_record([name.as_str(), "", formula.as_str()])
                    .expect("in memory");
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
        }
        Format::Md => {
            let title = match net.name.as_deref() {
                Some(name) => name.to_string(),
                None => lang.text("worksheet-the-network"),
            };
            let mut out = format!(
                "# {}\n\n{}\n\n| {} | {} | {} |\n|---|---|---|\n",
                tr!(lang, "worksheet-title", name = title),
                lang.text("worksheet-instruction"),
                lang.text("worksheet-column-name"),
                lang.text("worksheet-column-value"),
                lang.text("worksheet-column-formula"),
            );
            for (name, formula) in &rows {
                out.push_str(&format!(
                    "| `{name}` | &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; | {} |\n",
                    formula.replace('|', "\\|")
                ));
            }
            out
        }
    }
}
