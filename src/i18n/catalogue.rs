//! The Fluent catalogues, and the rendering of a [`Message`] with them.
//!
//! A run shows a few dozen of a catalogue's several hundred messages, so a catalogue is not
//! parsed as a whole (that was a third of the start-up time of `deltagraph train`). The build
//! script indexes it ([`scan`]: every message's id and where its text is, sorted by id); a
//! message is found by a binary search and parsed alone on its first use. That gives the same
//! patterns as parsing the whole file because the catalogues hold only messages that stand on
//! their own: no terms, no references to other messages (the tests check both, and that every
//! message parsed alone is what the whole file gives). One bundle per language, with no
//! resources, formats the patterns: it holds the locale's plural rules and the settings.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::{Arg, Lang, Message};

#[cfg(test)]
#[path = "catalogue/scan.rs"]
mod scan;

/// `EN` and `ZH`: each message's byte offsets in the catalogue, sorted by id (written by
/// `build.rs`).
mod index {
    include!(concat!(env!("OUT_DIR"), "/catalogue_index.rs"));
}

/// A catalogue's index: for each message, sorted by id, where its text starts (with its id),
/// where its id ends and where its text ends.
type Index = [(u32, u32, u32)];

/// The id of `entry` of `catalogue`'s index.
fn id_of(catalogue: &'static str, &(start, id_end, _): &(u32, u32, u32)) -> &'static str {
    &catalogue[start as usize..id_end as usize]
}
/// Each message of a catalogue parsed, on first use; in the order of its index.
type Parsed<const N: usize> = [OnceLock<FluentResource>; N];
static EN_PARSED: Parsed<{ index::EN.len() }> = [const { OnceLock::new() }; index::EN.len()];
static ZH_PARSED: Parsed<{ index::ZH.len() }> = [const { OnceLock::new() }; index::ZH.len()];

/// The value of message `id` in `lang`, parsed on first use; `None` for an id the catalogue
/// lacks.
fn pattern(lang: Lang, id: &str) -> Option<&'static ast::Pattern<&'static str>> {
    let (index, parsed): (&Index, &'static [OnceLock<FluentResource>]) = match lang {
        Lang::En => (&index::EN, &EN_PARSED),
        Lang::Zh => (&index::ZH, &ZH_PARSED),
    };
    let catalogue = lang.catalogue();
    let k = index
        .binary_search_by_key(&id, |entry| id_of(catalogue, entry))
        .ok()?;
    let resource = parsed[k].get_or_init(|| {
        let (start, _, end) = index[k];
        let source = &catalogue[start as usize..end as usize];
        // The tests parse every message, so a syntax error cannot ship.
        FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial)
    });
    match resource.get_entry(0)? {
        ast::Entry::Message(m) => m.value.as_ref(),
        _ => None,
    }
}

/// The bundle that formats `lang`'s patterns, made once per process.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    cell.get_or_init(|| {
        let tag = lang.tag().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // No Unicode isolation marks around arguments: the output goes to terminals, files
        // and Graphviz labels, where they would show as stray characters.
        bundle.set_use_isolating(false);
        bundle
    })
}

/// `message` in `lang`; `⟦id⟧` for an id or argument the catalogue lacks.
pub(super) fn render(lang: Lang, message: &Message) -> String {
    let Some(pattern) = pattern(lang, message.id) else {
        return format!("⟦{}⟧", message.id);
    };
    let mut args = FluentArgs::new();
    for (name, value) in &message.args {
        let v: FluentValue = match value {
            Arg::Text(s) => s.clone().into(),
            Arg::Count(n) => (*n).into(),
            Arg::Message(m) => render(lang, m).into(),
            Arg::List(items) => items
                .iter()
                .map(|m| render(lang, m))
                .collect::<Vec<_>>()
                .join(&render(lang, &Message::new("list-separator")))
                .into(),
            Arg::Lines(items) => items
                .iter()
                .map(|m| render(lang, m))
                .collect::<Vec<_>>()
                .join("\n")
                .into(),
        };
        args.set(*name, v);
    }
    let mut errors = Vec::new();
    let text = bundle(lang).format_pattern(pattern, Some(&args), &mut errors);
    if errors.is_empty() {
        text.into_owned()
    } else {
        format!("⟦{}⟧", message.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a pattern names another message or a term (which a message parsed alone could
    /// not resolve).
    fn refers(p: &ast::Pattern<&str>) -> bool {
        fn inline(i: &ast::InlineExpression<&str>) -> bool {
            match i {
                ast::InlineExpression::MessageReference { .. }
                | ast::InlineExpression::TermReference { .. } => true,
                ast::InlineExpression::Placeable { expression } => expression_refers(expression),
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.iter().any(inline)
                        || arguments.named.iter().any(|a| inline(&a.value))
                }
                _ => false,
            }
        }
        fn expression_refers(e: &ast::Expression<&str>) -> bool {
            match e {
                ast::Expression::Inline(i) => inline(i),
                ast::Expression::Select { selector, variants } => {
                    inline(selector) || variants.iter().any(|v| refers(&v.value))
                }
            }
        }
        p.elements.iter().any(|e| match e {
            ast::PatternElement::Placeable { expression } => expression_refers(expression),
            ast::PatternElement::TextElement { .. } => false,
        })
    }

    /// The messages of a Fluent source as the Fluent parser reads it, failing on a syntax
    /// error or a term.
    fn parsed(source: &str) -> Vec<ast::Message<&str>> {
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(r) => r,
            Err((_, errors)) => panic!("the catalogue does not parse: {errors:?}"),
        };
        let mut messages = Vec::new();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(mut m) => {
                    // A message's comment is not part of what is rendered.
                    m.comment = None;
                    messages.push(m);
                }
                ast::Entry::Term(t) => panic!("a term, -{}: messages must stand alone", t.id.name),
                _ => {}
            }
        }
        messages
    }

    #[test]
    fn each_message_parsed_alone_is_what_the_whole_catalogue_says() {
        for lang in Lang::ALL {
            let mut whole = parsed(lang.catalogue());
            whole.sort_by_key(|m| m.id.name);
            assert!(whole.len() > 300, "{lang}: {} messages", whole.len());
            // The index the build script wrote, which the program uses.
            let entries: &Index = match lang {
                Lang::En => &index::EN,
                Lang::Zh => &index::ZH,
            };
            let ids: Vec<&str> = entries
                .iter()
                .map(|entry| id_of(lang.catalogue(), entry))
                .collect();
            let whole_ids: Vec<&str> = whole.iter().map(|m| m.id.name).collect();
            assert_eq!(ids, whole_ids, "{lang}: the index finds every message once");
            let mut unique = ids.clone();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{lang}: a message id twice");
            for (entry @ &(start, _, end), message) in entries.iter().zip(&whole) {
                let id = id_of(lang.catalogue(), entry);
                let source = &lang.catalogue()[start as usize..end as usize];
                let alone = parsed(source);
                assert_eq!(alone.len(), 1, "{lang} {id}: {source:?}");
                assert_eq!(&alone[0], message, "{lang} {id}: {source:?}");
                let mut patterns = message
                    .value
                    .iter()
                    .chain(message.attributes.iter().map(|a| &a.value));
                assert!(
                    !patterns.any(refers),
                    "{lang} {id}: refers to another entry"
                );
            }
        }
    }

    #[test]
    fn the_scan_splits_where_fluent_does() {
        let source = "# comment\na = one\n  two\n\nb =\n    { $n ->\n[one] x\n   *[other] y\n}\n-term = t\nc=z\n.attr = w\nnot an entry\nd-2_x = last";
        let found: Vec<(&str, &str)> = scan::messages(source)
            .into_iter()
            .map(|(id, range)| (id, &source[range]))
            .collect();
        assert_eq!(
            found,
            [
                ("a", "a = one\n  two\n\n"),
                ("b", "b =\n    { $n ->\n[one] x\n   *[other] y\n}\n"),
                ("c", "c=z\n.attr = w\n"),
                ("d-2_x", "d-2_x = last"),
            ]
        );
        // The test above notices a reference.
        let r = fluent_syntax::parser::parse("m = { other } { -t }\n").unwrap();
        let Some(ast::Entry::Message(m)) = r.body.first() else {
            panic!()
        };
        assert!(refers(m.value.as_ref().unwrap()));
    }
}
