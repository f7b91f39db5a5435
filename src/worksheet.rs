//! A blank worksheet: every value a hand calculation computes, in derivation order, with an
//! empty cell for the value and the formula to use. `deltagraph check` reads it as it is (every
//! row unanswered) and once filled in.

use crate::derivation::formula;
use crate::net::{Network, Stage};

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
            (e.name.clone(), formula)
        })
        .collect()
}

/// The worksheet of `net` in `format`.
pub fn write(net: &Network, format: Format) -> String {
    write_rows(net, rows(net), format)
}

/// The worksheet of several training steps ([`crate::iteration`]): step 1's rows, then step
/// 2's named `name@2`, …; each formula uses the names of its own step.
pub fn write_steps(steps: &[Network], format: Format) -> String {
    let rows = steps
        .iter()
        .enumerate()
        .flat_map(|(k, net)| {
            rows(net)
                .into_iter()
                .map(move |(name, formula)| (crate::iteration::step_name(&name, k + 1), formula))
        })
        .collect();
    write_rows(&steps[0], rows, format)
}

fn write_rows(net: &Network, rows: Vec<(String, String)>, format: Format) -> String {
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
            let title = net.name.as_deref().unwrap_or("the network");
            let mut out = format!(
                "# Worksheet: {title}\n\nWork each value from the ones above it; write it with the digits you carry.\n\n| name | value | formula |\n|---|---|---|\n"
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
