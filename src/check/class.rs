//! A class: many hand files checked against one network, and what they have in common.

use std::collections::HashMap;

use crate::check::{CauseKind, Report, Verdict};
use crate::net::Network;

/// One file of a class: its report, or why it could not be read (or both, when some of its
/// lines could not be read and the rest was judged).
#[derive(Clone, Debug)]
pub struct FileResult {
    /// The file as given.
    pub file: String,
    /// Why (part of) it could not be read (shared: a result is cloned, an error is not).
    pub error: Option<std::sync::Arc<crate::error::Error>>,
    /// The judgement of what could be read.
    pub report: Option<Report>,
}

/// How one canonical value fared across the class.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct NameSummary {
    /// The canonical name.
    pub name: String,
    /// Files where it was a slip.
    pub slip: usize,
    /// Files where it was carried.
    pub carried: usize,
    /// Files where it was ok.
    pub ok: usize,
    /// Files where it was right under the person's convention.
    pub convention: usize,
    /// Files where it was left empty.
    pub unanswered: usize,
    /// The causes of its slips, most frequent first.
    pub causes: Vec<CauseCount>,
}

/// How often a kind of cause was found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CauseCount {
    /// The kind.
    pub cause_kind: CauseKind,
    /// How many slips it explained.
    pub count: usize,
}

/// The class summary.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Files given.
    pub files: usize,
    /// Files with an error (wholly or partly unreadable).
    pub unreadable: usize,
    /// Per canonical name judged in any file, in calculation order.
    pub by_name: Vec<NameSummary>,
}

/// Count the verdicts of every file per canonical name.
pub fn summarise(results: &[FileResult], net: &Network) -> Summary {
    let mut by: HashMap<&str, NameSummary> = HashMap::new();
    let mut causes: HashMap<&str, HashMap<CauseKind, usize>> = HashMap::new();
    for report in results.iter().filter_map(|r| r.report.as_ref()) {
        for j in &report.judgements {
            let s = by.entry(j.name.as_str()).or_insert_with(|| NameSummary {
                name: j.name.clone(),
                slip: 0,
                carried: 0,
                ok: 0,
                convention: 0,
                unanswered: 0,
                causes: Vec::new(),
            });
            match j.verdict {
                Verdict::Ok => s.ok += 1,
                Verdict::Slip => s.slip += 1,
                Verdict::Carried => s.carried += 1,
                Verdict::Convention => s.convention += 1,
                Verdict::Unanswered => s.unanswered += 1,
            }
            if let Some(c) = &j.cause {
                *causes
                    .entry(j.name.as_str())
                    .or_default()
                    .entry(c.kind)
                    .or_default() += 1;
            }
        }
    }
    let mut by_name = Vec::new();
    // Step 1's names, then step 2's (`z4@2`), … as far as any file goes.
    let steps = results
        .iter()
        .filter_map(|r| r.report.as_ref())
        .map(Report::steps)
        .max()
        .unwrap_or(1);
    // A learning rate a file states (`alpha`) first, as a given number.
    let names =
        std::iter::once(crate::hand::LEARNING_RATE.to_string()).chain((1..=steps).flat_map(|k| {
            net.entries()
                .iter()
                .map(move |e| crate::iteration::step_name(e.name, k))
        }));
    for name in names {
        if let Some(mut s) = by.remove(name.as_str()) {
            let mut counts: Vec<CauseCount> = causes
                .remove(name.as_str())
                .unwrap_or_default()
                .into_iter()
                .map(|(cause_kind, count)| CauseCount { cause_kind, count })
                .collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.cause_kind.cmp(&b.cause_kind)));
            s.causes = counts;
            by_name.push(s);
        }
    }
    Summary {
        files: results.len(),
        unreadable: results.iter().filter(|r| r.error.is_some()).count(),
        by_name,
    }
}

/// The hand files among `paths`: a file as given, a directory's `*.csv` files (sorted by
/// name).
pub fn hand_files(paths: &[std::path::PathBuf]) -> crate::error::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(p).map_err(|e| crate::error::Error::io(p, "error-io-list", e))?;
        let mut found: Vec<std::path::PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.is_file() && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        if found.is_empty() {
            return Err(crate::error::Error::bad_input(
                p.display(),
                "directory",
                crate::i18n::Message::new("class-no-hand-files"),
            ));
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// Check every file; a file that cannot be read (wholly or in part) keeps its error, and
/// whatever of it could be read is still judged.
pub fn check_files(
    checker: &crate::check::Checker,
    names: &crate::hand::Names,
    files: &[std::path::PathBuf],
    options: &crate::check::Options,
) -> Vec<FileResult> {
    files
        .iter()
        .map(|path| {
            let file = path.display().to_string();
            match crate::hand::load_sheet(path, names) {
                Err(e) => FileResult {
                    file,
                    error: Some(std::sync::Arc::new(e)),
                    report: None,
                },
                Ok(sheet) => FileResult {
                    error: sheet.error(&file).map(std::sync::Arc::new),
                    report: (!sheet.is_empty()).then(|| checker.check_sheet(&sheet, options)),
                    file,
                },
            }
        })
        .collect()
}

/// The worst exit status over the files: 2 for any unreadable one, else 1 for any slip.
pub fn exit_code(results: &[FileResult]) -> u8 {
    results
        .iter()
        .map(|r| {
            if r.error.is_some() {
                2
            } else {
                r.report.as_ref().map_or(0, Report::exit_code)
            }
        })
        .max()
        .unwrap_or(0)
}
