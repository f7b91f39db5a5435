//! A Fluent message's value as a row of numbers: written by the build script from what
//! Fluent's parser reads (so a run parses no Fluent text; the parser's text search asks the
//! CPU for its features the first time, which in a virtual machine cost 0.03 ms, more than
//! parsing), read back into the same syntax tree by `catalogue::decode`. Text is stored as
//! byte offsets into the catalogue (the parser's text is always a slice of it), so the
//! numbers hold no pointers for the loader to relocate.
//!
//! The forms are those the catalogues use: text, variables, string and number literals,
//! nested placeables and selections with identifier or number keys. Anything else (functions,
//! terms, references to other messages, attributes) stops the build.

use fluent_syntax::ast;

/// Element and expression kinds.
pub const TEXT: u32 = 0;
pub const PLACEABLE: u32 = 1;
pub const SELECT: u32 = 2;
pub const INLINE: u32 = 3;
pub const STRING: u32 = 4;
pub const NUMBER: u32 = 5;
pub const VARIABLE: u32 = 6;
pub const KEY_NAME: u32 = 7;
pub const KEY_NUMBER: u32 = 8;

/// Appends `pattern` to `out`: its element count, then each element. `source` is the text
/// every string of the pattern is a slice of.
#[allow(dead_code)] // used by the build script and the tests
pub fn encode(pattern: &ast::Pattern<&str>, source: &str, out: &mut Vec<u32>) {
    out.push(pattern.elements.len() as u32);
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                tagged(TEXT, value, source, out);
            }
            ast::PatternElement::Placeable { expression } => {
                out.push(PLACEABLE);
                encode_expression(expression, source, out);
            }
        }
    }
}

fn encode_expression(expression: &ast::Expression<&str>, source: &str, out: &mut Vec<u32>) {
    match expression {
        ast::Expression::Inline(inline) => {
            out.push(INLINE);
            encode_inline(inline, source, out);
        }
        ast::Expression::Select { selector, variants } => {
            out.push(SELECT);
            encode_inline(selector, source, out);
            out.push(variants.len() as u32);
            for variant in variants {
                match &variant.key {
                    ast::VariantKey::Identifier { name } => {
                        tagged(KEY_NAME, name, source, out);
                    }
                    ast::VariantKey::NumberLiteral { value } => {
                        tagged(KEY_NUMBER, value, source, out);
                    }
                }
                out.push(u32::from(variant.default));
                encode(&variant.value, source, out);
            }
        }
    }
}

fn encode_inline(inline: &ast::InlineExpression<&str>, source: &str, out: &mut Vec<u32>) {
    match inline {
        ast::InlineExpression::StringLiteral { value } => {
            tagged(STRING, value, source, out);
        }
        ast::InlineExpression::NumberLiteral { value } => {
            tagged(NUMBER, value, source, out);
        }
        ast::InlineExpression::VariableReference { id } => {
            tagged(VARIABLE, id.name, source, out);
        }
        ast::InlineExpression::Placeable { expression } => {
            out.push(PLACEABLE);
            encode_expression(expression, source, out);
        }
        other => panic!("a catalogue message uses {other:?}, which the build does not encode"),
    }
}

/// `tag`, then `s` as [`text`] writes it.
fn tagged(tag: u32, s: &str, source: &str, out: &mut Vec<u32>) {
    out.push(tag);
    text(s, source, out);
}

/// `s`, a slice of `source`, as its start and end offsets in it.
fn text(s: &str, source: &str, out: &mut Vec<u32>) {
    let start = (s.as_ptr() as usize)
        .checked_sub(source.as_ptr() as usize)
        .filter(|&start| start + s.len() <= source.len())
        .unwrap_or_else(|| panic!("{s:?} is not a slice of the catalogue"));
    out.push(start as u32);
    out.push((start + s.len()) as u32);
}
