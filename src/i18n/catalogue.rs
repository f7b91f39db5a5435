//! The Fluent catalogues: parsed once per process and language, and the rendering of a
//! [`Message`] with them.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Arg, Lang, Message};

/// The catalogue of `lang`, parsed once per process (it is constant data, not a setting).
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    cell.get_or_init(|| {
        // The catalogues are part of the program; the tests parse both, so a syntax error
        // cannot ship.
        let resource = FluentResource::try_new(lang.catalogue().to_string())
            .unwrap_or_else(|(partial, _)| partial);
        let tag = lang.tag().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // No Unicode isolation marks around arguments: the output goes to terminals, files
        // and Graphviz labels, where they would show as stray characters.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// `message` in `lang`; `⟦id⟧` for an id or argument the catalogue lacks.
pub(super) fn render(lang: Lang, message: &Message) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(message.id).and_then(|m| m.value()) else {
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
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    if errors.is_empty() {
        text.into_owned()
    } else {
        format!("⟦{}⟧", message.id)
    }
}
