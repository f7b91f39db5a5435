//! Escaping, in one place. graphviz-rust's printer writes every [`Id`] exactly as stored and its
//! helpers do not quote, so any text that reaches a DOT file goes through one of these.
//!
//! Two forms are used:
//!
//! - [`quoted`]: a DOT double-quoted string (`"…"`). Inside it DOT itself only knows `\"`, but
//!   Graphviz then reads a label as an *escString*, where a backslash starts an escape (`\n`,
//!   `\l`, `\N`, …). So both `"` and `\` are backslash-escaped, and a newline becomes `\n`.
//! - [`html_text`]: text inside an HTML-like label (`<…>`), where `&`, `<`, `>` and `"` must be
//!   entities. Escaping `>` also keeps graphviz-rust's parser happy: it ends an HTML id at the
//!   first `>` followed by optional space and another `>`.
//!
//! Record labels (`{a|b}`) are not used anywhere: Graphviz needs `\{`, `\|`, `\<` escapes there,
//! and the layout-rs fallback drops the backslash and splits the field anyway. Plain multi-line
//! box labels mean the same text is safe for both renderers.

use graphviz_rust::dot_structures::Id;

/// A DOT id that shows `text` literally: quoted, with `"` and `\` escaped and line breaks as `\n`
/// (centred lines). Other control characters become spaces: Graphviz would print them as boxes.
pub fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// `text` made safe inside an HTML-like label: entities for `& < > "`, `<BR/>` for a line break,
/// control characters as spaces.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<BR/>"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An HTML-like label id from markup that was assembled from [`html_text`]-escaped pieces.
pub fn html(markup: &str) -> Id {
    Id::Html(format!("<{markup}>"))
}

/// A plain (unquoted) DOT id. Only for identifiers this crate makes up: letters, digits and `_`,
/// not starting with a digit, or a number.
pub fn plain(id: impl Into<String>) -> Id {
    let id = id.into();
    debug_assert!(
        id.parse::<f64>().is_ok()
            || (id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !id.starts_with(|c: char| c.is_ascii_digit())),
        "{id:?} is not a plain DOT id"
    );
    Id::Plain(id)
}

/// The text a DOT id stands for: the inverse of [`quoted`] for escaped ids, the entity-decoded
/// markup (without the outer `<>`) for HTML ids. Used by tests and by anyone reading the model
/// back, e.g. after `graphviz_rust::parse`.
pub fn unescape(id: &Id) -> String {
    match id {
        Id::Escaped(s) => {
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(s);
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some('n') => out.push('\n'),
                        Some(other) => out.push(other),
                        None => out.push('\\'),
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        Id::Html(s) => {
            let inner = s
                .strip_prefix('<')
                .and_then(|s| s.strip_suffix('>'))
                .unwrap_or(s);
            inner
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        }
        Id::Plain(s) => s.clone(),
        Id::Anonymous(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_quotes_backslashes_and_newlines() {
        let text = "a \"b\" \\c\nδ ŷ {x|y} <p>";
        let id = quoted(text);
        assert_eq!(
            id,
            Id::Escaped("\"a \\\"b\\\" \\\\c\\nδ ŷ {x|y} <p>\"".to_string())
        );
        assert_eq!(unescape(&id), text);
    }

    #[test]
    fn html_text_uses_entities() {
        assert_eq!(
            html_text("a<b & \"c\" > d\ne"),
            "a&lt;b &amp; &quot;c&quot; &gt; d<BR/>e"
        );
    }
}
