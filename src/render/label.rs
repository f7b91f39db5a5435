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
                out.push_str(&format!(
                    r#"<TR><TD COLSPAN="3" ALIGN="RIGHT"{bg}>{open}<I>{}</I>{close}</TD></TR>"#,
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
