//! The languages people read deltagraph in: English and Simplified Chinese (the tutorial's own
//! language).
//!
//! Every sentence, title, label and verdict a person reads is an entry in a
//! [Project Fluent](https://projectfluent.org) catalogue, one per language, embedded in the
//! binary: `locales/en/deltagraph.ftl` and `locales/zh-CN/deltagraph.ftl`. Code names a message
//! by id with named arguments ([`Message`], [`msg!`](crate::msg), [`tr!`](crate::tr)) and the
//! caller's [`Lang`] renders it; nothing in the library reads a global language. Canonical value
//! names (`z4`, `delta4`, `w(1,4)`), numbers and machine-readable keys are the same in every
//! language.
//!
//! ```
//! # #[cfg(feature = "i18n")] {
//! use deltagraph::i18n::Lang;
//! use deltagraph::tr;
//!
//! assert_eq!(tr!(Lang::En, "layer-output"), "output layer");
//! assert_eq!(tr!(Lang::Zh, "layer-output"), "输出层");
//! assert_eq!(tr!(Lang::Zh, "layer-hidden", number = 2usize), "第二层隐藏层");
//! # }
//! ```

#[cfg(feature = "i18n")]
mod catalogue;
mod message;

pub use message::{Arg, Message};

/// A language deltagraph speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese, in the tutorial's terms (神经元, 误差项, 学习率, …).
    Zh,
}

/// The English catalogue's Fluent source.
pub const CATALOGUE_EN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/locales/en/deltagraph.ftl"
));
/// The Chinese catalogue's Fluent source.
pub const CATALOGUE_ZH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/locales/zh-CN/deltagraph.ftl"
));

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag of the catalogue: `en`, `zh-CN`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The short name `--lang` takes: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The Fluent source of this language's catalogue.
    pub fn catalogue(self) -> &'static str {
        match self {
            Lang::En => CATALOGUE_EN,
            Lang::Zh => CATALOGUE_ZH,
        }
    }

    /// The language a POSIX locale value asks for: `zh_CN.UTF-8`, `zh_TW`, `zh` give Chinese;
    /// anything else (`en_US.UTF-8`, `C`, `de_DE`) English.
    pub fn from_locale(value: &str) -> Lang {
        if value.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")) {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language the locale variables ask for, read through `var`: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty decides (POSIX precedence); none set
    /// means English.
    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }

    /// The language of this process's environment ([`Lang::from_locale_vars`] on `std::env`).
    pub fn from_env() -> Lang {
        Lang::from_locale_vars(|name| std::env::var(name).ok())
    }

    /// `message` in this language. A message id or argument missing from the catalogue shows
    /// as `⟦id⟧`, which the tests look for in every command's output. Without the `i18n`
    /// feature there are no catalogues and the message shows as data: `id(name: value, …)`.
    pub fn render(self, message: &Message) -> String {
        #[cfg(feature = "i18n")]
        {
            catalogue::render(self, message)
        }
        #[cfg(not(feature = "i18n"))]
        {
            structured(message)
        }
    }

    /// The message `id` (one with no arguments) in this language.
    pub fn text(self, id: &'static str) -> String {
        self.render(&Message::new(id))
    }
}

/// The name of layer `l` (0-based) of a network with `layers` layers: `hidden layer 1`, …,
/// `output layer`.
pub fn layer_name(l: usize, layers: usize) -> Message {
    if l + 1 == layers {
        Message::new("layer-output")
    } else {
        Message::new("layer-hidden").arg("number", l + 1)
    }
}

/// `message` as data, when there are no catalogues: `id(name: value, …)`.
#[cfg(not(feature = "i18n"))]
fn structured(message: &Message) -> String {
    if message.args.is_empty() {
        return message.id.to_string();
    }
    let args: Vec<String> = message
        .args
        .iter()
        .map(|(name, value)| match value {
            Arg::Text(s) => format!("{name}: {s}"),
            Arg::Count(n) => format!("{name}: {n}"),
            Arg::Message(m) => format!("{name}: {}", structured(m)),
            Arg::List(items) | Arg::Lines(items) => format!(
                "{name}: [{}]",
                items.iter().map(structured).collect::<Vec<_>>().join(", ")
            ),
        })
        .collect();
    format!("{}({})", message.id, args.join(", "))
}

/// The name of an activation function for people: `sigmoid` in English, `Sigmoid` in Chinese
/// (as the tutorial writes it); the spec's keyword is [`Activation::name`](crate::spec::Activation::name).
pub fn activation_name(a: crate::spec::Activation) -> Message {
    use crate::spec::Activation;
    Message::new(match a {
        Activation::Sigmoid => "activation-sigmoid",
        Activation::Tanh => "activation-tanh",
        Activation::Relu => "activation-relu",
        Activation::Identity => "activation-identity",
        Activation::Softmax => "activation-softmax",
    })
}

/// How many terminal columns `s` takes: 2 for each CJK character, 1 for most others.
pub fn width(s: &str) -> usize {
    #[cfg(feature = "i18n")]
    {
        unicode_width::UnicodeWidthStr::width(s)
    }
    #[cfg(not(feature = "i18n"))]
    {
        s.chars().count()
    }
}

/// `s` padded with spaces on the right to `columns` terminal columns.
pub fn pad(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(width(s))))
}

/// `s` padded with spaces on the left to `columns` terminal columns.
pub fn pad_left(s: &str, columns: usize) -> String {
    format!("{}{s}", " ".repeat(columns.saturating_sub(width(s))))
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// `en`, `zh`, and the catalogue tags `zh-CN` / `zh_CN` (any case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" => Ok(Lang::En),
            "zh" | "zh-cn" | "zh-hans" => Ok(Lang::Zh),
            _ => Err(format!("expected en or zh, found {s}")),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_variables_follow_posix_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_GB.UTF-8"), ("LC_MESSAGES", "zh_TW")])),
            Lang::Zh
        );
        // An empty LC_ALL does not count (POSIX: unset or empty).
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "zh")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C")])), Lang::En);
    }

    #[test]
    fn lang_option_values() {
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("zh_CN".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
    }

    #[cfg(feature = "i18n")]
    #[test]
    fn missing_ids_and_arguments_are_marked() {
        assert_eq!(Lang::Zh.text("no-such-message"), "⟦no-such-message⟧");
        // layer-hidden needs $number.
        assert_eq!(Lang::En.text("layer-hidden"), "⟦layer-hidden⟧");
    }

    #[cfg(feature = "i18n")]
    #[test]
    fn plurals_select_by_count() {
        assert_eq!(
            crate::tr!(Lang::En, "check-slip-count", count = 1usize),
            "1 slip"
        );
        assert_eq!(
            crate::tr!(Lang::En, "check-slip-count", count = 3usize),
            "3 slips"
        );
        assert_eq!(
            crate::tr!(Lang::Zh, "check-slip-count", count = 3usize),
            "3 处错误"
        );
    }
}
