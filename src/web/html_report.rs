//! `deltagraph report`: one HTML file that opens from disk with no network — the diagram as
//! inline SVG, the whole derivation with its formulas as MathML (the derivation model's own
//! HTML renderer), a play control, and with a hand calculation the verdicts beside each step
//! and on the diagram. The same template and script as the worksheet page.

use super::page;
use super::workspace::Workspace;
use crate::check::{Judgement, Report, Verdict};
use crate::derivation::html::{StepExtra, html_with};
use crate::derivation::network::value_step;
use crate::derivation::{self, Block, Derivation, Step, Text};
use crate::error::Result;
use crate::hand::Sheet;
use crate::i18n::Lang;
use crate::net::Stage;

/// The report of `workspace` in `lang`, with the verdicts on `hand` if given.
pub fn html(workspace: &Workspace, hand: Option<&Sheet>, lang: Lang) -> Result<String> {
    let net = workspace.network();
    let report: Option<Report> = hand.map(|h| workspace.check(h));
    let rendered = workspace.diagram(report.as_ref(), lang)?;
    let svg = page::inline_svg(&String::from_utf8_lossy(&rendered.bytes));
    let mut model = derivation::build(net, &derivation::Options::default());
    if let Some(report) = &report {
        given_written(&mut model, workspace, report);
    }
    let annotate = |step: &Step| annotation(workspace, report.as_ref(), step, lang);
    let body = html_with(&model, lang, &annotate);
    Ok(page::report(&page::PageParts {
        lang,
        mode: "report",
        title: workspace.sheet.name.as_deref().unwrap_or("network"),
        checked: report.is_some(),
        spec_text: "",
        svg: &svg,
        sections: &[],
        derivation: &body,
    }))
}

/// The given values the hand calculation wrote down (a weight copied as 1.1), as steps at the
/// end of the given values' section, so that their verdicts are on the page and counted with
/// the others (as `check` counts them).
fn given_written(model: &mut Derivation, workspace: &Workspace, report: &Report) {
    let net = workspace.network();
    let options = derivation::Options::default();
    let steps: Vec<Block> = net
        .entries()
        .iter()
        .filter(|e| e.stage == Stage::Given)
        .filter(|e| {
            report
                .get(e.name)
                .is_some_and(|j| j.verdict != Verdict::Unanswered)
        })
        .map(|e| Block::Step(value_step(net, e, &options)))
        .collect();
    if steps.is_empty() {
        return;
    }
    let section = match model.sections.iter().position(|s| s.id == "given") {
        Some(i) => &mut model.sections[i],
        None => match model.sections.first_mut() {
            Some(first) => first,
            None => return,
        },
    };
    section
        .blocks
        .push(Block::Paragraph(Text::new("derivation-given-written")));
    section.blocks.extend(steps);
}

/// What the page needs on a step: its name (for `#z5`), the diagram node of the value it
/// computes (for "click a neuron" and "play"), its place in derivation order, and with a hand
/// calculation its verdict, what was written and why.
fn annotation(
    workspace: &Workspace,
    report: Option<&Report>,
    step: &Step,
    lang: Lang,
) -> StepExtra {
    let net = workspace.network();
    let mut attributes = vec![("data-name", step.id.clone())];
    let node = step
        .values
        .iter()
        .filter_map(|v| net.entry(v))
        .find_map(|e| crate::render::node_of(net, e));
    if let Some(node) = node {
        attributes.push(("data-node", node));
    }
    let Some(position) = net.entry_position(&step.id) else {
        return StepExtra {
            attributes,
            after: String::new(),
        };
    };
    let given = net
        .entries()
        .get(position)
        .is_some_and(|e| e.stage == Stage::Given);
    if given {
        // Not played, and not counted unanswered: nobody computes a given value.
        attributes.push(("data-given", String::new()));
    } else {
        attributes.push(("data-order", position.to_string()));
    }
    let judged = report.and_then(|r| r.get(&step.id));
    attributes.push((
        "data-verdict",
        judged.map_or_else(|| "unanswered".into(), |j| page::verdict_key(&j.verdict)),
    ));
    StepExtra {
        attributes,
        after: judged
            .zip(report)
            .map(|(j, r)| verdict_line(j, r, lang))
            .unwrap_or_default(),
    }
}

/// `<p class="verdict">` with the verdict word (filled in by the script, from the page's
/// words), what was written and the cause.
fn verdict_line(j: &Judgement, report: &crate::check::Report, lang: Lang) -> String {
    // "you wrote 1.1; w(1,4) read as 1.1 instead of 1": the number and the cause apart.
    let cause = page::describe(j, report, lang);
    let cause = if cause.is_empty() {
        cause
    } else {
        format!("{}{cause}", lang.text("page-cause-separator"))
    };
    format!(
        "<p class=\"verdict\"><span class=\"word\"></span> <span class=\"you-wrote\">{}</span><span class=\"cause\">{}</span></p>\n",
        crate::math::mathml::escape(&j.written),
        crate::math::mathml::escape(&cause),
    )
}
