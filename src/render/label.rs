//! Node and edge labels as data: a title and `name = value` rows, written either as an
//! HTML-like table (for Graphviz) or as plain centred lines (for the layout-rs fallback, which
//! reads neither HTML labels nor clusters).

use graphviz_rust::dot_structures::Id;

use super::Highlight;
use super::escape::{html, html_text, quoted};

/// How labels are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelStyle {
    /// HTML-like tables: aligned columns, bold titles, per-row colours. Graphviz only.
    Html,
    /// Plain text lines: readable by every DOT reader, including layout-rs.
    Plain,
}

/// One `name  value` row.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// What the value is, in the tutorial's notation (`z4`, `δ4`, `∂L/∂w`).
    pub name: String,
    /// Between name and value: `=`, or `∈` for a range.
    pub sep: &'static str,
    /// The formatted number.
    pub value: String,
    /// Set when the caller asked to mark this value.
    pub mark: Option<&'a Highlight>,
}

/// A label: an optional bold title over rows.
#[derive(Clone, Debug, Default)]
pub struct Label<'a> {
    /// First line, bold.
    pub title: Option<String>,
    /// The values.
    pub rows: Vec<Row<'a>>,
}

impl<'a> Label<'a> {
    /// A label with a title and no rows yet.
    pub fn titled(title: impl Into<String>) -> Self {
        Label {
            title: Some(title.into()),
            rows: Vec::new(),
        }
    }

    /// Append a row.
    pub fn row(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        mark: Option<&'a Highlight>,
    ) {
        self.rows.push(Row {
            name: name.into(),
            sep: "=",
            value: value.into(),
            mark,
        });
    }

    /// Append a row with its own separator: `("∈", "[lo, hi]")` for a range.
    pub fn row_sep(&mut self, name: impl Into<String>, (sep, value): (&'static str, String)) {
        self.row(name, value, None);
        self.rows.last_mut().expect("just pushed").sep = sep;
    }

    /// The first highlight among the rows, which colours the whole node or edge.
    pub fn mark(&self) -> Option<&'a Highlight> {
        self.rows.iter().find_map(|r| r.mark)
    }

    /// The label as a DOT id in `style`.
    pub fn to_id(&self, style: LabelStyle) -> Id {
        match style {
            LabelStyle::Html => html(&self.to_html()),
            LabelStyle::Plain => quoted(&self.to_plain()),
        }
    }

    /// A borderless table: title across the top, names left, `=`, values right. A marked row
    /// gets its highlight's background and text colour, and its note on a row of its own.
    fn to_html(&self) -> String {
        let mut out =
            String::from(r#"<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">"#);
        if let Some(title) = &self.title {
            out.push_str(&format!(
                r#"<TR><TD COLSPAN="3"><B>{}</B></TD></TR>"#,
                html_text(title)
            ));
        }
        for row in &self.rows {
            let (bg, open, close) = match row.mark {
                Some(h) => (
                    format!(r#" BGCOLOR="{}""#, html_text(&h.background)),
                    format!(r#"<FONT COLOR="{}">"#, html_text(&h.color)),
                    "</FONT>",
                ),
                None => (String::new(), String::new(), ""),
            };
            out.push_str(&format!(
                r#"<TR><TD ALIGN="LEFT"{bg}>{open}{}{close}</TD><TD{bg}>{open}{}{close}</TD><TD ALIGN="RIGHT"{bg}>{open}{}{close}</TD></TR>"#,
                html_text(&row.name),
                row.sep,
                html_text(&row.value),
            ));
            if let Some(note) = row.mark.and_then(|h| h.note.as_deref()) {
                // A note is set apart in italics; Chinese has no italics (Graphviz would slant
                // the characters), so a note with Chinese in it stays upright.
                let (i, end_i) = if has_cjk(note) {
                    ("", "")
                } else {
                    ("<I>", "</I>")
                };
                out.push_str(&format!(
                    r#"<TR><TD COLSPAN="3" ALIGN="RIGHT"{bg}>{open}{i}{}{end_i}{close}</TD></TR>"#,
                    html_text(note)
                ));
            }
        }
        if self.title.is_none() && self.rows.is_empty() {
            // Graphviz rejects a table without rows.
            out.push_str("<TR><TD> </TD></TR>");
        }
        out.push_str("</TABLE>");
        out
    }

    /// Title and `name = value` lines; a marked row ends in `◀` and its note.
    fn to_plain(&self) -> String {
        let mut lines: Vec<String> = self.title.iter().cloned().collect();
        for row in &self.rows {
            let mut line = format!("{} {} {}", row.name, row.sep, row.value);
            if let Some(h) = row.mark {
                line.push_str(" ◀");
                if let Some(note) = &h.note {
                    line.push(' ');
                    line.push_str(note);
                }
            }
            lines.push(line);
        }
        lines.join("\n")
    }
}

/// Whether `text` has a Chinese, Japanese or Korean character or punctuation mark: text that
/// has no italic form.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c),
            0x2E80..=0x9FFF      // radicals, CJK punctuation, kana, CJK ideographs
            | 0xAC00..=0xD7AF    // hangul syllables
            | 0xF900..=0xFAFF    // compatibility ideographs
            | 0xFE30..=0xFE4F    // compatibility forms
            | 0xFF00..=0xFFEF    // full-width forms (the full-width colon of `连带：`)
            | 0x20000..=0x3FFFF) // ideographs beyond the basic plane
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noted(note: &str) -> String {
        let h = Highlight {
            note: Some(note.to_string()),
            ..Highlight::slip()
        };
        let mut label = Label::titled("neuron 5");
        label.row("z5", "7.98", Some(&h));
        label.to_html()
    }

    #[test]
    fn a_note_is_italic_in_english_and_upright_in_chinese() {
        let en = noted("slip: you wrote 8.98");
        assert!(en.contains("<I>slip: you wrote 8.98</I>"), "{en}");
        let zh = noted("错误：你写的是 8.98");
        assert!(
            zh.contains(">错误：你写的是 8.98<") && !zh.contains("<I>"),
            "{zh}"
        );
        assert!(has_cjk("连带") && has_cjk("：") && !has_cjk("δ5 = −6.3e-9 · f′(z)"));
    }
}
