//! Showing user text safely, in one place: inside Markdown ([`markdown`]) and inside error
//! messages ([`echo`], [`echo_message`]). DOT and HTML-like Graphviz labels have their own
//! rules in `render::escape`.

use std::borrow::Cow;

/// Echoed user text (a name, a value, a path) is cut after this many characters, with `…`.
pub const ECHO_LIMIT: usize = 200;

/// A whole error message is cut after this many characters: a message is a sentence or two
/// per problem plus its echoes, so anything longer is runaway input.
pub const MESSAGE_LIMIT: usize = 20_000;

/// `text` for an error message: control characters escaped the way Rust writes them (`\n`,
/// `\u{1b}`, `\0`), cut after [`ECHO_LIMIT`] characters with `…`.
pub fn echo(text: &str) -> Cow<'_, str> {
    cut_and_escape(text, ECHO_LIMIT)
}

/// A message that may quote user text: control characters escaped except the line breaks
/// that separate a message's lines (one per problem found), every whitespace-separated word
/// longer than [`ECHO_LIMIT`] cut (a 10 MB name is one word), the whole cut at
/// [`MESSAGE_LIMIT`].
pub fn echo_message(text: &str) -> Cow<'_, str> {
    let clean = !text.chars().any(|c| c.is_control() && c != '\n')
        && !text.split([' ', '\n']).any(|w| w.len() > ECHO_LIMIT)
        && text.len() <= MESSAGE_LIMIT;
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut shown = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            let word = cut_and_escape(word, ECHO_LIMIT);
            shown += word.chars().count() + 1;
            out.push_str(&word);
            if shown > MESSAGE_LIMIT {
                out.push('…');
                return Cow::Owned(out);
            }
        }
    }
    Cow::Owned(out)
}

/// `text` cut after `limit` characters with `…` (nothing escaped): for a name in a title.
pub fn shorten(text: &str, limit: usize) -> Cow<'_, str> {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// `text` for an error message as [`echo`] shows it, cut after `limit` characters instead.
pub fn echo_cut(text: &str, limit: usize) -> Cow<'_, str> {
    cut_and_escape(text, limit)
}

fn cut_and_escape(text: &str, limit: usize) -> Cow<'_, str> {
    let long = text.len() > limit && text.chars().nth(limit).is_some();
    if !long && !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == limit {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` as literal inline Markdown: every character CommonMark (and the `$` of TeX math)
/// gives a meaning gets a backslash, `<` `>` `&` cannot start HTML or an entity, and line
/// breaks and other control characters become spaces, so a name can neither end its heading
/// nor inject markup such as `<script>`.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '$' | '&' | '~'
            | '{' | '}' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_escapes_control_characters_and_cuts() {
        assert_eq!(echo("plain"), "plain");
        assert_eq!(echo("a\nb\u{1b}c\0"), "a\\nb\\u{1b}c\\0");
        let long = "é".repeat(ECHO_LIMIT + 1);
        let shown = echo(&long);
        assert_eq!(shown.chars().count(), ECHO_LIMIT + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(echo(&"é".repeat(ECHO_LIMIT)), "é".repeat(ECHO_LIMIT));
    }

    #[test]
    fn echo_message_cuts_long_words_and_keeps_the_sentence() {
        let msg = format!("expected a class label, found {} here", "x".repeat(50_000));
        let shown = echo_message(&msg);
        assert!(shown.starts_with("expected a class label, found xxx"));
        assert!(shown.ends_with("… here"), "{shown}");
        assert!(shown.chars().count() < ECHO_LIMIT + 50);
        let many = "word ".repeat(10_000);
        assert!(echo_message(&many).chars().count() <= MESSAGE_LIMIT + 10);
        // Lines of a many-problem message stay lines; other control characters do not.
        assert_eq!(
            echo_message("a: one\nb: two\u{1b}"),
            "a: one\nb: two\\u{1b}"
        );
    }

    #[test]
    fn shorten_cuts_at_the_limit() {
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("δδδδ", 2), "δδ…");
    }

    #[test]
    fn markdown_text_cannot_inject_markup() {
        assert_eq!(
            markdown("a <script>x</script>\n# *b*"),
            "a \\<script\\>x\\</script\\> \\# \\*b\\*"
        );
        assert_eq!(markdown("tutorial 2-3-2-1"), "tutorial 2-3-2-1");
    }
}
