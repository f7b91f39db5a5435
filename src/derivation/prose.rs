//! The words of the derivation: every sentence is a message of the catalogues
//! (`locales/*/deltagraph.ftl`, ids `derivation-…`), with named arguments. A renderer writes
//! each argument in its own notation (LaTeX math for Markdown, MathML for HTML) and the
//! catalogue of the reader's language puts them into the sentence.

use super::{Arg, Text};
use crate::i18n::{Lang, Message};

/// `text` in `lang`, each argument written by `arg` (math in the renderer's notation), nested
/// texts and lists in `lang` too. A count stays a number, so the catalogue can select on it
/// (第一层隐藏层, 第二层隐藏层). An unknown id or argument shows as `⟦id⟧`; without the `i18n`
/// feature the message shows as data, `id(name: value, …)`.
pub fn localized_text(text: &Text, lang: Lang, arg: &dyn Fn(&Arg) -> String) -> String {
    let nested = |a: &Arg| match a {
        Arg::Text(t) => localized_text(t, lang, arg),
        Arg::List(items) => {
            let separator = lang.text("derivation-list-separator");
            items
                .iter()
                .map(|t| localized_text(t, lang, arg))
                .collect::<Vec<_>>()
                .join(&separator)
        }
        a => arg(a),
    };
    let mut message = Message::new(text.id);
    for (name, a) in &text.args {
        message = match a {
            Arg::Int(n) => message.arg(name, *n),
            a => message.arg(name, nested(a)),
        };
    }
    lang.render(&message)
}

/// `text` in English ([`localized_text`] with [`Lang::En`]).
pub fn english_text(text: &Text, arg: &dyn Fn(&Arg) -> String) -> String {
    localized_text(text, Lang::En, arg)
}

#[cfg(all(test, feature = "i18n"))]
mod tests {
    use super::*;

    #[test]
    fn messages_fill_named_arguments_in_each_language() {
        let t = Text::new("derivation-layer-hidden").arg("number", 2).arg(
            "neurons",
            Text::new("derivation-neuron-range")
                .arg("first", 4)
                .arg("last", 5),
        );
        let arg = |a: &Arg| match a {
            Arg::Int(n) => n.to_string(),
            _ => "?".into(),
        };
        assert_eq!(english_text(&t, &arg), "Hidden layer 2 (neurons 4–5)");
        assert_eq!(
            localized_text(&t, Lang::Zh, &arg),
            "第二层隐藏层（神经元 4–5）"
        );
        assert_eq!(
            english_text(&Text::new("derivation-no-such-id"), &|_| String::new()),
            "⟦derivation-no-such-id⟧"
        );
    }
}
