//! The command line in the reader's language: clap's help (every command's about, every
//! option's help, the headings, defaults and possible values) and clap's usage errors, from
//! the catalogues.
//!
//! The language must be known before clap parses (its help and errors are part of parsing):
//! [`requested_lang`] reads `--lang` from the raw arguments, else the locale variables. The
//! texts are set on the `Command` at run time; the doc comments in `cli.rs` stay the English
//! source (a test checks that the English catalogue says the same). A usage error is rendered
//! by its kind and context (the argument, the value, the valid values) through the catalogue;
//! its exit status is clap's (2, or 0 for `--help` and `--version`).

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory};
use deltagraph::i18n::{Lang, Message};
use deltagraph::{msg, tr};

use super::Cli;

/// The language the arguments ask for with `--lang X` or `--lang=X` (anywhere: it is a global
/// option), else the locale variables'. An unknown value is clap's error to report later; the
/// locale decides the language it is reported in.
pub fn requested_lang(args: &[OsString]) -> Lang {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            return lang;
        }
    }
    Lang::from_env()
}

/// The `deltagraph` command with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Cli::command(), lang, None);
    if lang != Lang::En {
        // clap adds `--help`, `--version` and the `help` command while it builds the command;
        // their texts can only be set after that.
        cmd.build();
        cmd = builtins(cmd, lang);
        cmd = usage_and_headings(cmd, lang);
    }
    cmd
}

/// Every command's usage line and headings in `lang`, on a built command (clap adds `--help`
/// and the `help` command while it builds, and they belong under the headings too).
///
/// clap writes the `[OPTIONS]` tag of the usage itself and has no setting for it, so the usage
/// clap makes is set as the command's usage with that tag replaced (the placeholders of the
/// values and of the command are the catalogue's already: `value_name`,
/// `subcommand_value_name`). clap's headings end in an ASCII colon (`Options:`); a template
/// of our own writes each section under the catalogue's heading instead.
fn usage_and_headings(mut cmd: Command, lang: Lang) -> Command {
    cmd = cmd.subcommand_value_name(leak(&lang.text("cli-usage-command")));
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let tag = format!(" {} ", lang.text("cli-usage-options"));
    let usage = format!("{usage} ").replacen(" [OPTIONS] ", &tag, 1);
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}",
        tr!(lang, "cli-usage", usage = "{usage}")
    );
    let shown = |a: &Arg| !a.is_hide_set();
    // clap's order: the commands, the arguments, the options.
    let sections = [
        (
            cmd.has_subcommands(),
            "cli-commands-heading",
            "{subcommands}",
        ),
        (
            cmd.get_positionals().any(shown),
            "cli-arguments-heading",
            "{positionals}",
        ),
        (
            cmd.get_arguments().any(|a| !a.is_positional() && shown(a)),
            "cli-options-heading",
            "{options}",
        ),
    ];
    for (_, heading, tag) in sections.iter().filter(|(present, ..)| *present) {
        template.push_str(&format!("\n\n{}\n{tag}", lang.text(heading)));
    }
    template.push_str("{after-help}");
    cmd = cmd
        .override_usage(usage.trim_end().to_string())
        .help_template(template);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(&name, |s| usage_and_headings(s, lang));
    }
    cmd
}

/// `cmd` (the subcommand `sub`, or the top level) with its about and its arguments' help in
/// `lang`; in a language other than English also clap's own words (headings, defaults,
/// possible values).
fn localize(mut cmd: Command, lang: Lang, sub: Option<&str>) -> Command {
    let about = match sub {
        None => "cli-about".to_string(),
        Some(s) => format!("cli-{s}-about"),
    };
    cmd = cmd.about(text(lang, &about));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in &ids {
        let key = id.replace('_', "-");
        cmd = cmd.mut_arg(id, |arg| localize_arg(arg, lang, sub, &key));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, Some(&name)));
    }
    cmd
}

/// The catalogue id of an argument's help: the command's own (`cli-run-digits`), else one
/// shared by every command (`cli-steps`, `cli-spec`).
fn arg_id(sub: Option<&str>, key: &str) -> String {
    let own = match sub {
        Some(s) => format!("cli-{s}-{key}"),
        None => format!("cli-{key}"),
    };
    if has(&own) { own } else { format!("cli-{key}") }
}

/// Whether the catalogues have a message `id`.
fn has(id: &str) -> bool {
    !Lang::En.render(&Message::new(leak(id))).starts_with('⟦')
}

/// Message ids are `&'static str` (they name catalogue entries, fixed at build time); the ids
/// made here from command and option names are few and made once per run.
fn leak(id: &str) -> &'static str {
    Box::leak(id.to_string().into_boxed_str())
}

/// Message `id` in `lang`.
fn text(lang: Lang, id: &str) -> String {
    lang.render(&Message::new(leak(id)))
}

fn localize_arg(mut arg: Arg, lang: Lang, sub: Option<&str>, key: &str) -> Arg {
    let id = arg_id(sub, key);
    let help = text(lang, &id);
    arg = arg.help(help.clone());
    // The placeholder of the value (`<SPEC>`, `<描述文件>`), in the usage line and the help.
    let placeholder = arg_id(sub, &format!("placeholder-{key}"));
    if arg.get_action().takes_values() && has(&placeholder) {
        arg = arg.value_name(leak(&text(lang, &placeholder)));
    }
    if lang == Lang::En {
        // The values' own help (clap shows it under "Possible values") is the English doc
        // comment already.
        return arg;
    }
    let takes_value = arg.get_action().takes_values();
    let mut long = help.clone();
    let values: Vec<(String, bool)> = arg
        .get_possible_values()
        .iter()
        .map(|v| (v.get_name().to_string(), v.is_hide_set()))
        .collect();
    if takes_value && !values.is_empty() {
        long.push_str(&format!("\n\n{}", lang.text("cli-possible-values")));
        for (value, _) in values.iter().filter(|(_, hidden)| !hidden) {
            let value_id = format!("{id}-{value}");
            long.push_str(&format!("\n- {value}：{}", text(lang, &value_id)));
        }
        arg = arg.hide_possible_values(true);
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut short = help;
    if takes_value && !defaults.is_empty() {
        let default = tr!(lang, "cli-default", value = defaults.join(", "));
        short.push(' ');
        short.push_str(&default);
        long.push_str(&format!("\n\n{default}"));
        arg = arg.hide_default_value(true);
    }
    arg.help(short).long_help(long)
}

/// clap's own `--help`, `--version` and `help` command, in `lang`, on a built command.
fn builtins(mut cmd: Command, lang: Lang) -> Command {
    for (id, short, long) in [
        ("help", "cli-help", "cli-help-long"),
        ("version", "cli-version", "cli-version"),
    ] {
        if cmd.get_arguments().any(|a| a.get_id() == id) {
            cmd = cmd.mut_arg(id, |a| {
                // clap gives `--help` a long text ("see a summary with '-h'") when the
                // command has long help.
                let has_long = a.get_long_help().is_some();
                let a = a.help(lang.text(short));
                if has_long {
                    a.long_help(lang.text(long))
                } else {
                    a
                }
            });
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(&name, |s| {
            // The `help` command lists the commands again, its own `help` among them.
            let s = if name == "help" {
                s.about(lang.text("cli-help-command"))
            } else {
                s
            };
            builtins(s, lang)
        });
    }
    cmd
}

/// A usage error of clap's in `lang`: what went wrong (from the error's kind and context),
/// the usage and where to find more.
pub fn error_text(e: &clap::Error, lang: Lang) -> String {
    // English is clap's own text, but for a number out of range, which clap writes as Rust
    // does (`40 is not in 1..=17`).
    let out_of_range = e.kind() == ErrorKind::ValueValidation
        && std::error::Error::source(e).is_some_and(|s| s.to_string().contains(" is not in "));
    if lang == Lang::En && !out_of_range {
        return e.render().to_string();
    }
    let get = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(StyledStr::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines: Vec<Message> = Vec::new();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => msg!("clap-unknown-argument", arg = &arg),
        ErrorKind::InvalidSubcommand => msg!(
            "clap-invalid-subcommand",
            name = get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => msg!("clap-value-required", arg = &arg),
        ErrorKind::InvalidValue => {
            if let Some(ContextValue::Strings(values)) = e.get(ContextKind::ValidValue) {
                let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                lines.push(msg!(
                    "clap-possible-values",
                    values = values.join(&lang.text("list-separator"))
                ));
            }
            msg!("clap-invalid-value", value = &value, arg = &arg)
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e);
            let reason = match source.and_then(|s| s.downcast_ref::<super::UnknownConvention>()) {
                Some(convention) => convention.message(),
                None => reason(&source.map(ToString::to_string).unwrap_or_default(), &value),
            };
            msg!(
                "clap-invalid-value-because",
                value = &value,
                arg = &arg,
                reason = reason
            )
        }
        ErrorKind::MissingRequiredArgument => msg!("clap-missing-required", args = &arg),
        ErrorKind::TooManyValues => msg!("clap-too-many-values", value = &value, arg = &arg),
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(other) if other != arg => msg!("clap-conflict", arg = &arg, other = other),
            _ => msg!("clap-used-twice", arg = &arg),
        },
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg!("clap-wrong-number", arg = &arg)
        }
        ErrorKind::MissingSubcommand => msg!(
            "clap-requires-subcommand",
            name = get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        // No context to put into words: clap's text, the last resort.
        _ => Message::verbatim(e.kind().as_str().unwrap_or("error")),
    };
    for (kind, noun) in [
        (ContextKind::SuggestedSubcommand, "clap-subcommand"),
        (ContextKind::SuggestedArg, "clap-argument"),
        (ContextKind::SuggestedValue, "clap-value"),
    ] {
        if let Some(similar) = get(kind) {
            lines.push(msg!(
                "clap-tip-similar",
                what = Message::new(noun),
                similar = format!("'{similar}'")
            ));
        }
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips {
            let tip = tip.to_string();
            // clap's one tip: "to pass '-o' as a value, use '-- -o'".
            let value_tip = tip
                .strip_prefix("to pass '")
                .and_then(|rest| rest.split_once("' as a value"))
                .map(|(arg, _)| arg.to_string());
            lines.push(match value_tip {
                Some(arg) => msg!("clap-tip-value", arg = arg),
                None => Message::verbatim(tip),
            });
        }
    }
    let mut out = tr!(lang, "error-line", message = lang.render(&what));
    for line in &lines {
        out.push_str("\n  ");
        out.push_str(&lang.render(line));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str("\n\n");
        out.push_str(&tr!(lang, "cli-usage", usage = usage));
    }
    out.push_str("\n\n");
    out.push_str(&tr!(lang, "clap-try-help", help = "--help"));
    out.push('\n');
    out
}

/// Why a value was refused, from the value parser's English text, for the shapes deltagraph's
/// options meet (a number outside its range, not a number, not an address, `--lang`,
/// `--convention`); other text is kept as it is.
fn reason(source: &str, value: &str) -> Message {
    if let Some((shown, range)) = source.split_once(" is not in ") {
        // clap writes the range as Rust does (`1..=17`).
        return match range.split_once("..=") {
            Some((from, to)) => msg!("clap-reason-between", value = shown, from = from, to = to),
            None => msg!("clap-reason-range", value = shown, range = range),
        };
    }
    if source.starts_with("expected en or zh") {
        return msg!("clap-reason-lang", found = value);
    }
    Message::new(match source {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            "clap-reason-integer"
        }
        "invalid float literal" | "cannot parse float from empty string" => "clap-reason-number",
        "number too large to fit in target type" | "number too small to fit in target type" => {
            "clap-reason-too-large"
        }
        "invalid IP address syntax" => "clap-reason-address",
        _ => return Message::verbatim(source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every about and help text of a command tree, by path.
    fn texts(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((
            format!("{path} about"),
            cmd.get_about().map(ToString::to_string).unwrap_or_default(),
        ));
        for a in cmd.get_arguments() {
            out.push((
                format!("{path} {}", a.get_id()),
                a.get_help().map(ToString::to_string).unwrap_or_default(),
            ));
            for v in a.get_possible_values() {
                out.push((
                    format!("{path} {} {}", a.get_id(), v.get_name()),
                    v.get_help().map(ToString::to_string).unwrap_or_default(),
                ));
            }
        }
        for s in cmd.get_subcommands() {
            texts(s, &format!("{path} {}", s.get_name()), out);
        }
    }

    #[test]
    fn the_english_catalogue_says_what_the_doc_comments_say() {
        let mut from_docs = Vec::new();
        texts(&Cli::command(), "deltagraph", &mut from_docs);
        let mut from_catalogue = Vec::new();
        texts(&command(Lang::En), "deltagraph", &mut from_catalogue);
        assert!(from_docs.len() > 60, "{}", from_docs.len());
        let differ: Vec<_> = from_docs
            .iter()
            .zip(&from_catalogue)
            .filter(|(docs, catalogue)| docs != catalogue)
            .collect();
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn every_help_text_has_its_chinese() {
        let mut texts_zh = Vec::new();
        let mut zh = command(Lang::Zh);
        texts(&zh, "deltagraph", &mut texts_zh);
        for (path, text) in &texts_zh {
            assert!(!text.contains('⟦'), "{path}: {text}");
        }
        let help = zh.render_long_help().to_string();
        for word in [
            "用法：",
            "选项",
            "命令",
            "打印帮助",
            "打印版本",
            "教程中的计算示例",
        ] {
            assert!(help.contains(word), "{word} in:\n{help}");
        }
        let run = zh
            .find_subcommand_mut("run")
            .unwrap()
            .render_long_help()
            .to_string();
        for word in ["参数", "选项", "可选值：", "对齐的表格", "［默认：15］"] {
            assert!(run.contains(word), "{word} in:\n{run}");
        }
    }

    /// Every command's long and short help, by path (the `help` command's too).
    fn helps(cmd: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), cmd.render_long_help().to_string()));
        out.push((format!("{path} -h"), cmd.render_help().to_string()));
        let subs: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in subs {
            let sub = cmd.find_subcommand_mut(&name).unwrap();
            helps(sub, &format!("{path} {name}"), out);
        }
    }

    #[test]
    fn chinese_help_has_chinese_usage_placeholders_and_headings() {
        let mut zh = command(Lang::Zh);
        zh.build();
        let mut all = Vec::new();
        helps(&mut zh, "deltagraph", &mut all);
        assert!(all.len() > 20, "{}", all.len());
        // clap's placeholders are upper-case ASCII (`<SPEC>`, `[OPTIONS]`, `[COMMAND]`).
        let placeholder = |help: &str| {
            help.split(['<', '[']).skip(1).any(|rest| {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                    .collect();
                name.len() >= 2 && rest[name.len()..].starts_with(['>', ']'])
            })
        };
        for (path, help) in &all {
            assert!(help.contains("用法：deltagraph"), "{path}:\n{help}");
            assert!(!placeholder(help), "{path}:\n{help}");
            assert!(
                !help.contains("Usage") && !help.contains("Options"),
                "{path}:\n{help}"
            );
            for line in help.lines().filter(|l| !l.starts_with(' ')) {
                assert!(!line.ends_with(':'), "{path}: {line:?}\n{help}");
            }
        }
        let check = &all.iter().find(|(p, _)| p == "deltagraph check").unwrap().1;
        assert!(
            check.contains("用法：deltagraph check [选项] <描述文件> <手算文件>...")
                && check.contains("\n参数：\n")
                && check.contains("\n选项：\n")
                && check.contains("--format <格式>"),
            "{check}"
        );
        let top = &all.iter().find(|(p, _)| p == "deltagraph").unwrap().1;
        assert!(
            top.contains("用法：deltagraph [选项] [命令]\n\n命令：\n"),
            "{top}"
        );
        // Columns line up by display width: a CJK character takes two columns.
        let train = &all
            .iter()
            .find(|(p, _)| p == "deltagraph train -h")
            .unwrap()
            .1;
        let column = |option: &str| {
            let line = train.lines().find(|l| l.contains(option)).unwrap();
            let help_start = line
                .find("  ")
                .map(|_| line.rfind("  ").unwrap() + 2)
                .unwrap();
            unicode_width::UnicodeWidthStr::width(&line[..help_start])
        };
        assert_eq!(
            column("--epochs <轮数>"),
            column("--lang <en|zh>"),
            "{train}"
        );
    }

    #[test]
    fn english_help_is_clap_own() {
        let mut plain = Cli::command();
        plain.build();
        let mut en = command(Lang::En);
        en.build();
        let (mut from_clap, mut from_catalogue) = (Vec::new(), Vec::new());
        helps(&mut plain, "deltagraph", &mut from_clap);
        helps(&mut en, "deltagraph", &mut from_catalogue);
        assert!(from_clap.len() > 20);
        assert_eq!(from_clap, from_catalogue);
        let check = &from_clap
            .iter()
            .find(|(p, _)| p == "deltagraph check")
            .unwrap()
            .1;
        assert!(
            check.contains("Usage: deltagraph check [OPTIONS] <SPEC> <HAND>..."),
            "{check}"
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            requested_lang(&args(&["deltagraph", "run", "--lang", "zh"])),
            Lang::Zh
        );
        assert_eq!(
            requested_lang(&args(&["deltagraph", "--lang=zh", "run"])),
            Lang::Zh
        );
        assert_eq!(
            requested_lang(&args(&["deltagraph", "--lang", "en", "--lang", "zh"])),
            Lang::En
        );
        // After `--` everything is a value.
        assert_ne!(
            requested_lang(&args(&["deltagraph", "run", "--", "--lang", "zh"])),
            Lang::Zh
        );
    }

    #[test]
    fn usage_errors_in_chinese() {
        let zh = |a: &[&str]| {
            let e = command(Lang::Zh).try_get_matches_from(a).unwrap_err();
            (e.exit_code(), error_text(&e, Lang::Zh))
        };
        let (code, text) = zh(&["deltagraph", "run"]);
        assert_eq!(code, 2);
        assert!(
            text.contains("缺少以下必需的参数：<描述文件>")
                && text.contains("用法：deltagraph run [选项] <描述文件>"),
            "{text}"
        );
        let (_, text) = zh(&["deltagraph", "run", "t.toml", "--digits", "40"]);
        assert!(
            text.contains("'--digits <位数>' 的值 '40' 无效：应为 1 到 17 之间的整数，实际为 40"),
            "{text}"
        );
        let (_, text) = zh(&["deltagraph", "run", "t.toml", "--format", "xml"]);
        assert!(text.contains("可选值：'table'；'csv'；'json'"), "{text}");
        let (_, text) = zh(&["deltagraph", "rnu"]);
        assert!(text.contains("无法识别的子命令 'rnu'"), "{text}");
        let (_, text) = zh(&["deltagraph", "run", "t.toml", "--lang", "fr"]);
        assert!(text.contains("应为 en 或 zh，实际为 fr"), "{text}");
        // A range is said as a person says it, in English too.
        let e = command(Lang::En)
            .try_get_matches_from(["deltagraph", "run", "t.toml", "--digits", "40"])
            .unwrap_err();
        let text = error_text(&e, Lang::En);
        assert!(
            text.starts_with(
                "error: invalid value '40' for '--digits <DIGITS>': expected a whole number \
                 from 1 to 17, found 40\n"
            ) && !text.contains("..="),
            "{text}"
        );
        let (code, _) = zh(&["deltagraph", "--help"]);
        assert_eq!(code, 0);
    }
}
