//! toml's and serde's messages about a spec file, as catalogue messages.
//!
//! toml (its parser) and serde (the derived `Deserialize` of [`Spec`](super::Spec)) describe
//! what went wrong in English text of a few known shapes: `missing field `input``,
//! `unknown field `x`, expected one of …`, `invalid type: string "a", expected f64`,
//! `unclosed array, expected `]``. Each known shape becomes a message with its facts (the key,
//! the kind of value found, what was expected) as arguments, so it reads naturally in every
//! language; a text of no known shape is kept as it is, the last resort.

use crate::i18n::Message;
use crate::msg;

/// toml's or serde's `message`, as a catalogue message.
pub fn describe(message: &str) -> Message {
    let m = message.trim();
    if let Some(field) = m.strip_prefix("missing field ") {
        let key = field.trim();
        return match expected_for(key.trim_matches('`')) {
            Some(what) => msg!(
                "spec-missing-key-with",
                key = key,
                what = Message::new(what)
            ),
            None => msg!("spec-missing-key", key = key),
        };
    }
    if m.contains("overflowed") {
        return Message::new("spec-number-overflow");
    }
    if m == "duplicate key" {
        return Message::new("spec-duplicate-key");
    }
    if let Some(field) = m.strip_prefix("duplicate field ") {
        return msg!("spec-duplicate-field", key = field.trim());
    }
    for (prefix, id) in [
        ("unknown field ", "spec-unknown-field"),
        ("unknown variant ", "spec-unknown-variant"),
    ] {
        if let Some(rest) = m.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", ").unwrap_or((rest, ""));
            let expected = expected
                .strip_prefix("expected one of ")
                .or_else(|| expected.strip_prefix("expected "));
            return match expected {
                Some(expected) => msg!(id, found = found, expected = expected),
                None => msg!("spec-unknown-field-none", found = found),
            };
        }
    }
    for (prefix, id) in [
        ("invalid type: ", "spec-invalid-type"),
        ("invalid value: ", "spec-invalid-value"),
    ] {
        if let Some(rest) = m.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            return msg!(
                id,
                found = found_value(found),
                expected = expected_value(expected)
            );
        }
    }
    if let Some((problem, expected)) = m.split_once(", expected ")
        && let Some(problem) = syntax_problem(problem)
    {
        let expected: Vec<Message> = expected.split(", ").map(syntax_expected).collect();
        return msg!(
            "spec-syntax",
            problem = Message::new(problem),
            expected = crate::i18n::Arg::List(expected)
        );
    }
    if let Some(problem) = syntax_problem(m) {
        return Message::new(problem);
    }
    Message::verbatim(m)
}

/// What a required spec key holds, for "missing field" errors.
fn expected_for(key: &str) -> Option<&'static str> {
    Some(match key {
        "input" => "spec-holds-input",
        "target" => "spec-holds-target",
        "layers" => "spec-holds-layers",
        "weights" => "spec-holds-weights",
        "biases" => "spec-holds-biases",
        _ => return None,
    })
}

/// serde's description of the value found (`string "1, 2"`, `integer `3``, `sequence`): its
/// kind in words, the value itself as written.
fn found_value(found: &str) -> Message {
    const KINDS: [(&str, &str); 6] = [
        ("string", "spec-found-string"),
        ("integer", "spec-found-integer"),
        ("floating point", "spec-found-float"),
        ("boolean", "spec-found-boolean"),
        ("character", "spec-found-string"),
        ("datetime", "spec-found-datetime"),
    ];
    match found {
        "sequence" => return Message::new("spec-found-array"),
        "map" => return Message::new("spec-found-table"),
        "unit value" => return Message::new("spec-found-nothing"),
        _ => {}
    }
    for (kind, id) in KINDS {
        if let Some(value) = found.strip_prefix(kind) {
            return msg!(id, value = value.trim());
        }
    }
    Message::verbatim(found)
}

/// serde's description of what it expected (`f64`, `a sequence`, `struct LayerSpec`).
fn expected_value(expected: &str) -> Message {
    Message::new(match expected {
        "f64" | "a number" => "spec-expected-number",
        "a sequence" | "an array" => "spec-expected-array",
        "a string" | "a borrowed string" => "spec-expected-string",
        "struct LayerSpec" | "struct Spec" | "a table" => "spec-expected-table",
        "enum Activation" => "spec-expected-activation",
        "enum Loss" => "spec-expected-loss",
        _ => return Message::verbatim(expected),
    })
}

/// The catalogue id of a TOML syntax problem toml describes (`unclosed array`).
fn syntax_problem(description: &str) -> Option<&'static str> {
    Some(match description {
        "unclosed array" => "toml-unclosed-array",
        "unclosed table" => "toml-unclosed-table",
        "unclosed array table" => "toml-unclosed-array-table",
        "unclosed inline table" => "toml-unclosed-inline-table",
        "key with no value" | "missing value for key" | "missing value" => "toml-missing-value",
        "extra `=`" => "toml-extra-equals",
        "extra comma in array" => "toml-extra-comma-array",
        "unexpected `=` in array" => "toml-equals-in-array",
        "missing comma between array elements" => "toml-missing-comma-array",
        "extra comma in inline table" => "toml-extra-comma-table",
        "missing assignment between key-value pairs" => "toml-missing-equals",
        "missing comma between key-value pairs" => "toml-missing-comma-table",
        "invalid inline table element" | "missing key for inline table element" => {
            "toml-invalid-table-element"
        }
        "unexpected key or value" | "unexpected content" => "toml-unexpected-content",
        "unexpected content between comment and newline" => "toml-content-after-comment",
        "invalid key-value pair" => "toml-invalid-pair",
        "missing table open" => "toml-missing-table-open",
        "missing array opening" => "toml-missing-array-open",
        "missing inline table opening" => "toml-missing-table-open",
        "string values must be quoted" => "toml-unquoted-string",
        "invalid unquoted key" | "unquoted keys cannot be empty" => "toml-invalid-key",
        "invalid basic string" | "invalid multi-line basic string" | "invalid literal string" => {
            "toml-invalid-string"
        }
        "missing opening quote" => "toml-missing-quote",
        "invalid value" => "toml-invalid-value",
        "unexpected leading zero" => "toml-leading-zero",
        "redundant numeric sign" | "unexpected sign" => "toml-extra-sign",
        "`_` may only go between digits" => "toml-underscore",
        "invalid comment character" => "toml-invalid-comment",
        "carriage return must be followed by newline" => "toml-lone-carriage-return",
        "cannot recurse further; max recursion depth met" => "toml-too-deep",
        _ => return None,
    })
}

/// One thing toml expected: a literal (`` `]` ``) is kept, a description (`key`, `value`) is
/// put in words.
fn syntax_expected(item: &str) -> Message {
    let id = match item {
        "key" => "toml-expected-key",
        "value" => "toml-expected-value",
        "nothing" => "toml-expected-nothing",
        "basic string" | "literal string" | "multi-line basic string" => "toml-expected-string",
        "numbers" | "digits" => "toml-expected-digits",
        "letters" | "characters" | "printable characters" => "toml-expected-characters",
        _ => return Message::verbatim(item),
    };
    Message::new(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_shapes_become_messages_with_their_facts() {
        let m = describe("unknown field `size`, expected one of `weights`, `biases`");
        assert_eq!(m.id, "spec-unknown-field");
        assert_eq!(
            m,
            msg!(
                "spec-unknown-field",
                found = "`size`",
                expected = "`weights`, `biases`"
            )
        );
        assert_eq!(
            describe("missing field `input`").id,
            "spec-missing-key-with"
        );
        assert_eq!(describe("missing field `name`").id, "spec-missing-key");
        let m = describe("invalid type: string \"two\", expected f64");
        assert_eq!(
            m,
            msg!(
                "spec-invalid-type",
                found = msg!("spec-found-string", value = "\"two\""),
                expected = Message::new("spec-expected-number")
            )
        );
        assert_eq!(describe("unclosed array, expected `]`").id, "spec-syntax");
        assert_eq!(describe("something new").id, "verbatim");
    }
}
