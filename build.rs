//! Indexes the Fluent catalogues (`locales/*/deltagraph.ftl`) at build time: where every
//! message's id and text are, sorted by id, and each message's value as Fluent's parser reads
//! it, encoded as numbers (`src/i18n/catalogue/code.rs`), written to
//! `$OUT_DIR/catalogue_index.rs`. At run time a message is found by a binary search and its
//! value decoded on first use: no catalogue is scanned or parsed at a start (see
//! `src/i18n/catalogue.rs`).
//!
//! Also asks the linker to put the functions a run executes next to each other
//! ([`hot_functions_together`]).

#[cfg(feature = "i18n")]
#[path = "src/i18n/catalogue/code.rs"]
mod code;
#[cfg(feature = "i18n")]
#[path = "src/i18n/catalogue/scan.rs"]
mod scan;

fn main() {
    hot_functions_together();
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

/// Hands `link/hot-functions.txt` (written by `compare/hot_functions.sh`: the functions `train`
/// and the tutorial's example execute) to the linker as a symbol ordering file, so that they
/// are laid out next to each other: a run then faults in 17 to 29 pages of code instead of 58
/// scattered over 5 MB, 0.3 ms of a 4.8 ms `train` (docs/performance.md, "Hot functions
/// together"). Only where the linker is known to be LLD, which reads the option: rustc's own
/// (the default for x86_64 Linux since Rust 1.90) with no other linker configured. A name the
/// list has and the binary lacks is skipped without a word; the layout, never the behaviour,
/// depends on the list.
fn hot_functions_together() {
    use std::env::var;
    println!("cargo::rerun-if-changed=link/hot-functions.txt");
    let manifest = var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let list = std::path::Path::new(&manifest).join("link/hot-functions.txt");
    let other_linker = var("RUSTC_LINKER").is_ok()
        || var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| {
            flags.split('\x1f').any(|f| {
                ["linker", "link-self-contained", "fuse-ld"]
                    .iter()
                    .any(|k| f.contains(k))
            })
        });
    if var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu")
        || other_linker
        || !rustc_links_with_lld()
        || !list.is_file()
    {
        return;
    }
    println!(
        "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
        list.display()
    );
    println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}

/// Whether rustc links x86_64 Linux binaries with its own LLD by default: from 1.90 on.
fn rustc_links_with_lld() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc).arg("-vV").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let release = text.lines().find_map(|l| l.strip_prefix("release: "));
    let mut parts = release.unwrap_or("").split(['.', '-']);
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (major, minor) >= (1, 90)
}
