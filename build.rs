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
    let own_lld = rustc_links_with_own_lld();
    hot_functions_together(own_lld);
    glibc_linked_in(own_lld);
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
fn hot_functions_together(own_lld: bool) {
    use std::env::var;
    println!("cargo::rerun-if-changed=link/hot-functions.txt");
    let manifest = var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let list = std::path::Path::new(&manifest).join("link/hot-functions.txt");
    if !own_lld || !list.is_file() {
        return;
    }
    println!(
        "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
        list.display()
    );
    println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}

/// Links the binary with glibc's static archives, where the C toolchain has them: a process
/// then starts without the dynamic loader (no `ld.so`, no `libc.so` and `libm.so` to map,
/// bind and relocate, each with pages of its own to fault in). `deltagraph --version` takes
/// 0.75 ms instead of 1.0, and the fixed part of every command shrinks by as much
/// (docs/performance.md, "No dynamic loader").
///
/// rustc links a dynamic binary unless `-C target-feature=+crt-static` is given, and that flag
/// cannot reach the binary alone on a plain `cargo build` (it would also reach the proc-macro
/// crates, which must be dynamic). So this asks the linker instead: `-static-pie`, and a
/// directory searched before the system's in which each library rustc names (`-lc`, `-lm`,
/// `-lgcc_s`, …) is a linker script naming the static archives (`libgcc_s` becomes `libgcc_eh`
/// and `libgcc`, as rustc's own static link takes them). Position-independent still: the
/// code's address stays random. Only with rustc's own LLD on x86_64 Linux (as
/// [`hot_functions_together`]), and only when `cc` has every archive and `rcrt1.o` (glibc's
/// start-up code for a static PIE, which glibc builds along with a position-independent
/// `libc.a`); otherwise, or with `DELTAGRAPH_LINK=dynamic`, the link is rustc's usual one
/// (with a warning when `DELTAGRAPH_LINK=static` asked for this one).
///
/// Sets `cfg(deltagraph_static_glibc)`: a static glibc has no versioned symbols, so `exp`
/// cannot bind glibc's `__exp_finite@GLIBC_2.15` (`src/ops/exp.rs`).
fn glibc_linked_in(own_lld: bool) {
    use std::env::var;
    println!("cargo::rustc-check-cfg=cfg(deltagraph_static_glibc)");
    println!("cargo::rerun-if-env-changed=DELTAGRAPH_LINK");
    let asked = match var("DELTAGRAPH_LINK").as_deref() {
        Ok("dynamic") => return,
        Ok("static") => true,
        Err(_) => false,
        Ok(other) => panic!("DELTAGRAPH_LINK={other}: expected `static` or `dynamic`"),
    };
    let crt_static = var("CARGO_CFG_TARGET_FEATURE")
        .is_ok_and(|features| features.split(',').any(|f| f == "crt-static"));
    if crt_static {
        return; // rustc links statically already.
    }
    let out = std::path::PathBuf::from(var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("static-glibc");
    let why_not = if !own_lld {
        Some("the linker is not rustc's own LLD on x86_64 Linux")
    } else if static_link_scripts(&dir).is_none() {
        Some("`cc` lacks one of glibc's static archives or `rcrt1.o`")
    } else {
        None
    };
    if let Some(why_not) = why_not {
        // Said only to someone who asked: by default the usual link is the quiet fallback.
        if asked {
            println!("cargo::warning=DELTAGRAPH_LINK=static: {why_not}; linking dynamically");
        }
        return;
    }
    println!("cargo::rustc-link-arg-bins=-static-pie");
    println!("cargo::rustc-link-arg-bins=-L{}", dir.display());
    println!("cargo::rustc-cfg=deltagraph_static_glibc");
}

/// Writes into `dir` a linker script for each library rustc's standard library asks for on
/// this target (`libc.a`: `GROUP ( "…/libc.a" )`), naming the static archives `cc` has; `None`
/// if it lacks one, or `rcrt1.o`, or a script cannot be written.
fn static_link_scripts(dir: &std::path::Path) -> Option<()> {
    toolchain_file("rcrt1.o")?;
    // Each library, and what it is made of when linked statically.
    let libraries: [(&str, &[&str]); 7] = [
        ("gcc_s", &["libgcc_eh.a", "libgcc.a"]),
        ("util", &["libutil.a"]),
        ("rt", &["librt.a"]),
        ("pthread", &["libpthread.a"]),
        ("m", &["libm.a"]),
        ("dl", &["libdl.a"]),
        ("c", &["libc.a"]),
    ];
    let mut scripts = Vec::new();
    for (library, archives) in libraries {
        let mut group = Vec::new();
        for archive in archives {
            let path = toolchain_file(archive)?.display().to_string();
            // Quoted, for a path with spaces; one with a quote in it cannot be written so.
            if path.contains('"') {
                return None;
            }
            group.push(format!("\"{path}\""));
        }
        let script = format!("GROUP ( {} )\n", group.join(" "));
        scripts.push((format!("lib{library}.a"), script));
    }
    std::fs::create_dir_all(dir).ok()?;
    for (name, script) in scripts {
        std::fs::write(dir.join(name), script).ok()?;
    }
    Some(())
}

/// Where the C toolchain finds `file`, if it has it: `cc`, the linker driver rustc calls.
fn toolchain_file(file: &str) -> Option<std::path::PathBuf> {
    let out = std::process::Command::new("cc")
        .arg(format!("-print-file-name={file}"))
        .output()
        .ok()?;
    let path = std::path::PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    // Without the file, `-print-file-name` prints the name alone.
    (out.status.success() && path.is_absolute() && path.is_file()).then_some(path)
}

/// Whether this binary will be linked by rustc's own LLD through `cc`: the target is x86_64
/// Linux with glibc, rustc is 1.90 or later (its default there), and no other linker is
/// configured.
fn rustc_links_with_own_lld() -> bool {
    use std::env::var;
    let other_linker = var("RUSTC_LINKER").is_ok()
        || var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| {
            flags.split('\x1f').any(|f| {
                ["linker", "link-self-contained", "fuse-ld"]
                    .iter()
                    .any(|k| f.contains(k))
            })
        });
    var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu")
        && !other_linker
        && rustc_links_with_lld()
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
