//! Indexes the Fluent catalogues (`locales/*/deltagraph.ftl`) at build time: where every
//! message's id and text are, sorted by id, and each message's value as Fluent's parser reads
//! it, encoded as numbers (`src/i18n/catalogue/code.rs`), written to
//! `$OUT_DIR/catalogue_index.rs`. At run time a message is found by a binary search and its
//! value decoded on first use: no catalogue is scanned or parsed at a start (see
//! `src/i18n/catalogue.rs`).

#[cfg(feature = "i18n")]
#[path = "src/i18n/catalogue/code.rs"]
mod code;
#[cfg(feature = "i18n")]
#[path = "src/i18n/catalogue/scan.rs"]
mod scan;

fn main() {
    // Without the `i18n` feature there are no catalogues to render (nor the parser to read
    // them with).
    #[cfg(feature = "i18n")]
    catalogue_index();
}

#[cfg(feature = "i18n")]
fn catalogue_index() {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (name, path) in [
        ("EN", "locales/en/deltagraph.ftl"),
        ("ZH", "locales/zh-CN/deltagraph.ftl"),
    ] {
        println!("cargo::rerun-if-changed={path}");
        let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut messages = scan::messages(&source);
        messages.sort_by_key(|(id, _)| *id);
        if let Some(w) = messages.windows(2).find(|w| w[0].0 == w[1].0) {
            panic!("{path}: message {} is defined twice", w[0].0);
        }
        // Offsets only, no `&str`: each string in a static table is a pointer the dynamic
        // loader relocates at every start (1,366 of the binary's 9,300 relocations were here).
        // A message's text starts with its id.
        writeln!(
            out,
            "/// Every message of `{path}`, sorted by id: where its text starts, where its id \
             (at the start) ends, where its text ends (byte offsets), where its value starts in \
             `{name}_CODE`.\n\
             pub(super) static {name}: [(u32, u32, u32, u32); {}] = [",
            messages.len()
        )
        .unwrap();
        let mut values = Vec::new();
        for (id, range) in messages {
            let id_end = range.start + id.len();
            assert_eq!(
                &source[range.start..id_end],
                id,
                "{path}: a message starts with its id"
            );
            let at = values.len();
            let text = &source[range.clone()];
            let resource = fluent_syntax::parser::parse(text)
                .unwrap_or_else(|(_, e)| panic!("{path}: {id} does not parse: {e:?}"));
            match resource.body.as_slice() {
                [fluent_syntax::ast::Entry::Message(m)] if m.attributes.is_empty() => {
                    let value = m.value.as_ref().unwrap_or_else(|| panic!("{id}: no value"));
                    code::encode(value, &source, &mut values);
                }
                _ => panic!("{path}: {id} is not one message with a value and no attributes"),
            }
            writeln!(out, "    ({}, {id_end}, {}, {at}),", range.start, range.end).unwrap();
        }
        out.push_str("];\n");
        writeln!(
            out,
            "/// The values of `{name}`'s messages, encoded.\n\
             pub(super) static {name}_CODE: [u32; {}] = {values:?};",
            values.len()
        )
        .unwrap();
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/catalogue_index.rs"), out).expect("writing the index");
}
