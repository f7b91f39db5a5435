//! Indexes the Fluent catalogues (`locales/*/deltagraph.ftl`) at build time: where every
//! message's id and text are, sorted by id, written to `$OUT_DIR/catalogue_index.rs`. At run
//! time a message is then found by a binary search and parsed alone on first use, instead of
//! scanning or parsing the whole catalogue at every start (see `src/i18n/catalogue.rs`).

#[path = "src/i18n/catalogue/scan.rs"]
mod scan;

use std::fmt::Write as _;

fn main() {
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
             (at the start) ends, where its text ends (byte offsets).\n\
             pub(super) static {name}: [(u32, u32, u32); {}] = [",
            messages.len()
        )
        .unwrap();
        for (id, range) in messages {
            let id_end = range.start + id.len();
            assert_eq!(
                &source[range.start..id_end],
                id,
                "{path}: a message starts with its id"
            );
            writeln!(out, "    ({}, {id_end}, {}),", range.start, range.end).unwrap();
        }
        out.push_str("];\n");
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/catalogue_index.rs"), out).expect("writing the index");
}
