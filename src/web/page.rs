//! The one HTML template behind both the served worksheet page and the self-contained report,
//! and the assets embedded in the binary: `page.html` (with `rows.html`), `style.css`, `app.js`.
//!
//! Every name, formula and message goes into the page through askama, which HTML-escapes it;
//! only three things are inserted raw: the diagram SVG from [`crate::render`] (its labels
//! already escaped), the derivation's HTML and MathML from [`crate::derivation::html`] (which
//! escapes every name and text), and the embedded CSS and JavaScript.

use askama::Template;

use super::sheet::Sheet;
use crate::format::significant;
use crate::i18n::Lang;
use crate::tr;

/// The stylesheet, embedded.
pub const STYLE_CSS: &str = include_str!("assets/style.css");
/// The page's script (vanilla JavaScript, no build step), embedded.
pub const APP_JS: &str = include_str!("assets/app.js");

/// The Content-Security-Policy of the served page: nothing from any other origin, no inline
/// script; inline styles only because Graphviz and layout-rs write `style` in their SVG.
pub const SERVED_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The Content-Security-Policy of the report file: its script and styles are inline (it opens
/// from disk), nothing may be fetched from anywhere.
pub const REPORT_CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
     img-src data:; base-uri 'none'; form-action 'none'";

/// One row as the template shows it.
#[derive(Clone, Debug)]
pub struct RowView {
    /// Canonical name.
    pub name: String,
    /// Formula as plain text.
    pub formula: String,
    /// Diagram node id, or empty.
    pub node: String,
    /// Position in derivation order.
    pub order: usize,
}

/// A section as the template shows it.
#[derive(Clone, Debug)]
pub struct SectionView {
    /// `given`, `forward`, `backward`, `gradient`, `update`.
    pub stage: &'static str,
    /// Its rows.
    pub rows: Vec<RowView>,
}

/// Every word of the page in one language, from the catalogues (`page-…`): the template and
/// its script (through `#words`) say nothing of their own.
pub struct PageText {
    /// The `lang` attribute (`en`, `zh-CN`).
    pub tag: &'static str,
    /// The `--lang` code the script sends back with each request (`en`, `zh`).
    pub code: &'static str,
    /// Every other text, by catalogue id without its `page-` prefix.
    words: std::collections::HashMap<&'static str, String>,
}

/// The catalogue ids of the page's texts, without `page-`.
const PAGE_WORDS: &[&str] = &[
    "ok",
    "slip",
    "carried",
    "convention",
    "unanswered",
    "carried-from",
    "carried-rounding",
    "from-yours",
    "exact",
    "you-wrote",
    "saved",
    "loaded",
    "server-error",
    "summary",
    "summary-convention",
    "lead-report",
    "lead-report-checked",
    "tools",
    "load-csv",
    "save-csv",
    "clear",
    "spec-button",
    "spec-help",
    "spec-label",
    "use-spec",
    "upload-spec",
    "use-tutorial",
    "play-tools",
    "play",
    "step-back",
    "step-on",
    "reset",
    "diagram-label",
    "click-neuron",
    "worksheet-label",
    "derivation-label",
    "column-value",
    "column-formula",
    "column-written",
    "column-verdict",
    "given",
    "given-note",
    "forward",
    "forward-note",
    "backward",
    "backward-note",
    "gradient",
    "gradient-note",
    "update",
    "update-note",
    "show-in-diagram",
    "hint",
    "show",
];

impl PageText {
    /// The page's words in `lang`.
    pub fn new(lang: Lang) -> PageText {
        let words = PAGE_WORDS
            .iter()
            .map(|w| {
                let id: &'static str = Box::leak(format!("page-{w}").into_boxed_str());
                (*w, lang.text(id))
            })
            .collect();
        PageText {
            tag: lang.tag(),
            code: lang.code(),
            words,
        }
    }

    /// The text `word` (one of the page's catalogue words, `page-` left off); askama escapes it
    /// where it is inserted.
    pub fn get(&self, word: &str) -> &str {
        self.words.get(word).map_or("", String::as_str)
    }

    /// The worksheet's lead paragraph, as HTML: the catalogue's sentence with the verdict
    /// words marked up (the sentence is escaped, the markup is the page's own).
    pub fn worksheet_lead(&self, lang: Lang) -> String {
        let mark = |class: &str, word: &str| {
            format!(
                "<b class=\"{class}\">{}</b>",
                crate::math::mathml::escape(self.get(word))
            )
        };
        let own = format!(
            "<em>{}</em>",
            crate::math::mathml::escape(&lang.text("page-own"))
        );
        // The marks are put in after escaping, in place of placeholders no sentence contains.
        let sentence = tr!(
            lang,
            "page-lead-worksheet",
            own = "\u{1}own\u{1}",
            slip = "\u{1}slip\u{1}",
            carried = "\u{1}carried\u{1}"
        );
        crate::math::mathml::escape(&sentence)
            .replace("\u{1}own\u{1}", &own)
            .replace("\u{1}slip\u{1}", &mark("v-slip", "slip"))
            .replace("\u{1}carried\u{1}", &mark("v-carried", "carried"))
    }
}

/// The whole page.
#[derive(Template)]
#[template(path = "page.html")]
struct PageTemplate<'a> {
    t: &'a PageText,
    lead: String,
    inline: bool,
    mode: &'a str,
    csp: &'a str,
    css: &'a str,
    js: &'a str,
    title: &'a str,
    spec_text: &'a str,
    svg: &'a str,
    sections: &'a [SectionView],
    derivation: &'a str,
}

/// Only the worksheet's rows, to swap in when the person picks another spec.
#[derive(Template)]
#[template(path = "rows.html")]
struct RowsTemplate<'a> {
    t: &'a PageText,
    sections: &'a [SectionView],
}

/// The worksheet rows of `sheet` for the template (every row starts not answered).
pub fn sections(sheet: &Sheet) -> Vec<SectionView> {
    sheet
        .sections
        .iter()
        .map(|s| SectionView {
            stage: s.stage,
            rows: s
                .rows
                .iter()
                .map(|r| RowView {
                    name: r.name.clone(),
                    formula: r.formula.clone(),
                    node: r.node.clone().unwrap_or_default(),
                    order: r.order,
                })
                .collect(),
        })
        .collect()
}

/// The verdict as the page's `data-verdict` (the check JSON's spelling).
pub fn verdict_key(v: &crate::check::Verdict) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "unanswered".into())
}

/// What the page says beside a judged value: a slip's cause, rounding that destroyed a carried
/// value, or where a carried value came from.
pub(crate) fn describe(
    j: &crate::check::Judgement,
    report: &crate::check::Report,
    lang: crate::i18n::Lang,
) -> String {
    if let Some(c) = &j.cause {
        return c.text(lang);
    }
    if let Some(note) = crate::check::report::rounding_note(j, report, lang) {
        return note;
    }
    if j.carried_from.is_empty() {
        String::new()
    } else {
        tr!(
            lang,
            "page-carried-note",
            value = significant(j.expected, 6),
            names = j.carried_from.join(", ")
        )
    }
}

/// What a page is for.
pub struct PageParts<'a> {
    /// The language of every word on it.
    pub lang: Lang,
    /// `worksheet` (served) or `report` (a file).
    pub mode: &'a str,
    /// The network's name for the title.
    pub title: &'a str,
    /// Whether a hand calculation was checked (the report with `--hand`).
    pub checked: bool,
    /// The spec, as TOML, for the worksheet's spec box.
    pub spec_text: &'a str,
    /// The diagram, as inline SVG (see [`inline_svg`]).
    pub svg: &'a str,
    /// The worksheet's rows (the served page).
    pub sections: &'a [SectionView],
    /// The derivation as HTML with MathML (the report), trusted: written by
    /// [`crate::derivation::html`], which escapes every name and text.
    pub derivation: &'a str,
}

/// The served worksheet page: CSS and script by URL from the same server.
pub fn worksheet(parts: &PageParts) -> String {
    render_page(parts, false)
}

/// The report: one file with its CSS and script inline.
pub fn report(parts: &PageParts) -> String {
    render_page(parts, true)
}

fn render_page(parts: &PageParts, inline: bool) -> String {
    let t = PageText::new(parts.lang);
    let lead = if parts.mode == "worksheet" {
        t.worksheet_lead(parts.lang)
    } else {
        let id = if parts.checked {
            "lead-report-checked"
        } else {
            "lead-report"
        };
        crate::math::mathml::escape(t.get(id))
    };
    PageTemplate {
        t: &t,
        lead,
        inline,
        mode: parts.mode,
        csp: REPORT_CSP,
        css: STYLE_CSS,
        js: APP_JS,
        title: parts.title,
        spec_text: parts.spec_text,
        svg: parts.svg,
        sections: parts.sections,
        derivation: parts.derivation,
    }
    .render()
    .expect("the page template renders from plain strings")
}

/// The rows alone, as the worksheet's table body, in `lang`.
pub fn rows(sections: &[SectionView], lang: Lang) -> String {
    RowsTemplate {
        t: &PageText::new(lang),
        sections,
    }
    .render()
    .expect("the rows template renders from plain strings")
}

/// An SVG document made fit to sit inside HTML: from its `<svg` on (no XML declaration, DOCTYPE
/// or comment before it) and without `xmlns` attributes, which HTML does not need and which
/// would be the only URLs in an otherwise self-contained file.
pub fn inline_svg(svg: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let mut out = String::with_capacity(svg.len());
    let mut rest = &svg[start..];
    // Drop ` xmlns="…"` and ` xmlns:xlink="…"` wherever they are (Graphviz writes them on the
    // root only).
    while let Some(p) = rest.find(" xmlns") {
        let after = &rest[p + 1..];
        let Some(q) = after
            .find('"')
            .and_then(|q1| after[q1 + 1..].find('"').map(|q2| p + 1 + q1 + 1 + q2 + 1))
        else {
            break;
        };
        out.push_str(&rest[..p]);
        rest = &rest[q..];
    }
    out.push_str(rest);
    // Graphviz ends the document with a comment-free `</svg>` and a newline; keep what is
    // inside the element only.
    match out.rfind("</svg>") {
        Some(end) => out[..end + "</svg>".len()].to_string(),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_svg_drops_prolog_and_namespaces() {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
                   \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- made -->\n\
                   <svg width=\"8pt\" xmlns=\"http://www.w3.org/2000/svg\" \
                   xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<g id=\"n\"/></svg>\n";
        let s = inline_svg(doc);
        assert_eq!(s, "<svg width=\"8pt\">\n<g id=\"n\"/></svg>");
        assert!(!s.contains("http"));
    }
}
