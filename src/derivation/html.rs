//! The derivation as HTML fragments with MathML, for pages that show it (the report, the
//! worksheet). No script and no web font: browsers typeset MathML Core themselves.
//!
//! Each section is a `<section id="…">` with a heading; each step a
//! `<div class="step" id="STEP_ID" data-values="z5">` holding one `<math display="block">` per
//! line of working, so a page can select the steps of a neuron or scroll to `#z5`. Prose is
//! in the language asked for (through [`prose`](super::prose)); every text and name is escaped.

use super::prose::localized_text;
use super::{Arg, Block, Cell, Derivation, Line, Section, Step, Table, Text};
use crate::i18n::Lang;
use crate::math::Expr;
use crate::math::mathml::escape;

/// The whole derivation: a title and every section, as one fragment (an `<article>`).
pub fn html(d: &Derivation, lang: Lang) -> String {
    html_with(d, lang, &|_| StepExtra::default())
}

/// What a page adds to each step: attributes on its `<div>` (escaped here) and HTML after its
/// working (the page's own, already escaped) — the worksheet's verdicts, the report's links to
/// the diagram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepExtra {
    /// `(name, value)` attributes, such as `("data-verdict", "slip")`.
    pub attributes: Vec<(&'static str, String)>,
    /// Markup placed after the step's working and note.
    pub after: String,
}

/// [`html`], with `extra` adding to every step.
pub fn html_with(d: &Derivation, lang: Lang, extra: &dyn Fn(&Step) -> StepExtra) -> String {
    let mut out = format!(
        "<article class=\"derivation\">\n<h1>{}</h1>\n",
        text(&d.title, lang)
    );
    blocks(&mut out, &d.intro, lang, extra);
    for s in &d.sections {
        section_to(&mut out, s, 2, lang, extra);
    }
    out.push_str("</article>\n");
    out
}

/// One section and its subsections; `level` is the heading level of its title (2 for `<h2>`).
pub fn section(s: &Section, level: usize, lang: Lang) -> String {
    let mut out = String::new();
    section_to(&mut out, s, level, lang, &|_| StepExtra::default());
    out
}

fn section_to(
    out: &mut String,
    s: &Section,
    level: usize,
    lang: Lang,
    extra: &dyn Fn(&Step) -> StepExtra,
) {
    let h = level.min(6);
    out.push_str(&format!(
        "<section id=\"{}\">\n<h{h}>{}</h{h}>\n",
        escape(&s.id),
        text(&s.title, lang)
    ));
    blocks(out, &s.blocks, lang, extra);
    for sub in &s.sections {
        section_to(out, sub, level + 1, lang, extra);
    }
    out.push_str("</section>\n");
}

/// One step: its lines of working as display math, then its note.
pub fn step(s: &Step, lang: Lang) -> String {
    step_with(s, lang, &StepExtra::default())
}

fn step_with(s: &Step, lang: Lang, extra: &StepExtra) -> String {
    let mut out = format!(
        "<div class=\"step\" id=\"{}\" data-values=\"{}\"",
        escape(&s.id),
        escape(&s.values.join(" "))
    );
    for (name, value) in &extra.attributes {
        out.push_str(&format!(" {name}=\"{}\"", escape(value)));
    }
    out.push_str(">\n");
    for l in &s.lines {
        out.push_str(&format!("<math display=\"block\">{}</math>\n", line(l)));
    }
    if let Some(note) = &s.note {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", text(note, lang)));
    }
    out.push_str(&extra.after);
    out.push_str("</div>\n");
    out
}

/// One line of working as MathML content: `lhs = form = numbers = result`.
pub fn line(l: &Line) -> String {
    Expr::Eq(l.parts().cloned().collect()).mathml()
}

/// Prose in `lang` with inline MathML.
pub fn text(t: &Text, lang: Lang) -> String {
    glue_punctuation(&prose(t, lang))
}

fn prose(t: &Text, lang: Lang) -> String {
    localized_text(t, lang, &|a| match a {
        Arg::Math(e) => format!("<math>{}</math>", e.mathml()),
        Arg::Verbatim(s) => escape(s),
        Arg::Int(n) => n.to_string(),
        Arg::Text(t) => prose(t, lang),
        Arg::Strong(t) => format!("<strong>{}</strong>", prose(t, lang)),
        Arg::List(items) => items
            .iter()
            .map(|t| prose(t, lang))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// `html` with each inline formula that a punctuation mark follows (`<math>…</math>。`) kept on
/// one line with the mark (`<span class="nobr">`): a browser may break between a formula and
/// the mark after it, which leaves the mark alone at the start of a line.
fn glue_punctuation(html: &str) -> String {
    const CLOSING: &[char] = &[
        '。', '，', '、', '；', '：', '）', '！', '？', '.', ',', ';', ':', ')',
    ];
    const END: &str = "</math>";
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(end) = rest.find(END) {
        let formula_end = end + END.len();
        let after = &rest[formula_end..];
        let start = rest[..end].rfind("<math>");
        match (start, after.chars().next().filter(|c| CLOSING.contains(c))) {
            (Some(start), Some(mark)) => {
                out.push_str(&rest[..start]);
                out.push_str("<span class=\"nobr\">");
                out.push_str(&rest[start..formula_end]);
                out.push(mark);
                out.push_str("</span>");
                rest = &after[mark.len_utf8()..];
            }
            _ => {
                out.push_str(&rest[..formula_end]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn blocks(out: &mut String, blocks: &[Block], lang: Lang, extra: &dyn Fn(&Step) -> StepExtra) {
    for b in blocks {
        match b {
            Block::Paragraph(t) => out.push_str(&format!("<p>{}</p>\n", text(t, lang))),
            Block::Table(t) => out.push_str(&table(t, lang)),
            Block::Step(s) => out.push_str(&step_with(s, lang, &extra(s))),
        }
    }
}

fn table(t: &Table, lang: Lang) -> String {
    let cell = |c: &Cell| match c {
        Cell::Text(t) => text(t, lang),
        Cell::Math(e) => format!("<math>{}</math>", e.mathml()),
    };
    let row = |cells: &[Cell], tag: &str| {
        let cells: String = cells
            .iter()
            .map(|c| format!("<{tag}>{}</{tag}>", cell(c)))
            .collect();
        format!("<tr>{cells}</tr>\n")
    };
    let mut out = String::from("<table>\n<thead>\n");
    out.push_str(&row(&t.header, "th"));
    out.push_str("</thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str(&row(r, "td"));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_after_a_formula_stays_on_its_line() {
        assert_eq!(
            glue_punctuation("率 <math><mi>α</mi></math>。下一句"),
            "率 <span class=\"nobr\"><math><mi>α</mi></math>。</span>下一句"
        );
        assert_eq!(
            glue_punctuation("<math>a</math> and <math>b</math>."),
            "<math>a</math> and <span class=\"nobr\"><math>b</math>.</span>"
        );
        // No mark, nothing added.
        assert_eq!(glue_punctuation("<math>a</math> b"), "<math>a</math> b");
    }
    use crate::derivation::{Options, build};
    use crate::net::Network;
    use crate::spec::{Activation, Loss, Spec};

    /// The MathML Core elements the writer may use.
    const MATHML: &[&str] = &[
        "math", "mrow", "mi", "mn", "mo", "msub", "msup", "msubsup", "mfrac", "mover", "munder",
        "mtable", "mtr", "mtd",
    ];

    fn derivations() -> Vec<(Network, Derivation)> {
        let mut out = Vec::new();
        for (activation, loss) in [
            (Activation::Sigmoid, Loss::HalfSse),
            (Activation::Tanh, Loss::CrossEntropy),
            (Activation::Relu, Loss::Mse),
        ] {
            let mut spec = Spec::tutorial();
            spec.activation = activation;
            spec.loss = loss;
            spec.weight_decay = 0.01;
            spec.target = vec![0.25];
            let mut net = Network::new(&spec.validated("variant").unwrap());
            net.evaluate();
            let d = build(&net, &Options::default());
            out.push((net, d));
        }
        out
    }

    #[test]
    fn the_page_is_well_formed_and_has_every_step() {
        for (net, d) in derivations() {
            let page = html(&d, Lang::En);
            let doc = roxmltree::Document::parse(&page).unwrap_or_else(|e| panic!("{e}\n{page}"));
            let steps: Vec<_> = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("step"))
                .collect();
            // Every step of the model once, in order, each with one block of math per line.
            let model = d.steps();
            assert_eq!(steps.len(), model.len());
            for (node, step) in steps.iter().zip(&model) {
                assert_eq!(node.attribute("id"), Some(step.id.as_str()));
                let blocks = node
                    .children()
                    .filter(|c| c.has_tag_name("math") && c.attribute("display") == Some("block"))
                    .count();
                assert_eq!(blocks, step.lines.len(), "{}", step.id);
            }
            // Every computed value of the network has its step.
            for e in net
                .entries()
                .iter()
                .filter(|e| e.stage != crate::net::Stage::Given)
            {
                assert!(
                    steps.iter().any(|s| s.attribute("id") == Some(e.name)),
                    "a step for {}",
                    e.name
                );
            }
            // Inside <math>, only MathML Core elements.
            for m in doc.descendants().filter(|n| n.has_tag_name("math")) {
                for n in m.descendants().filter(|n| n.is_element()) {
                    let name = n.tag_name().name();
                    assert!(MATHML.contains(&name), "<{name}> in {}", page.len());
                }
            }
            // Prose came through the message table: no unknown message, no unfilled argument.
            assert!(
                !page.contains("{$"),
                "unfilled argument: {}",
                &page[page.find("{$").unwrap_or(0)..][..80.min(page.len())]
            );
            assert!(
                !page.contains("{derivation-title") && !page.contains("{derivation-loss"),
                "unknown message"
            );
            for id in [
                "given",
                "forward",
                "backward",
                "gradients",
                "update",
                "summary",
            ] {
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "section {id}"
                );
            }
        }
    }

    #[test]
    fn names_are_escaped() {
        let t = Text::new("derivation-title").arg("network", Arg::Verbatim("<b>&\"x\"".into()));
        assert_eq!(
            text(&t, Lang::En),
            "Backpropagation step by step: &lt;b&gt;&amp;&quot;x&quot;"
        );
    }
}
