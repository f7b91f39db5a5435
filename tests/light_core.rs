//! The crate's shape. The library's core stays light: with default features off it depends on
//! no command-line, drawing, plotting, random-number, data-set or Fluent crate. Read from `cargo tree`, so a dependency
//! added to the core without a feature gate fails here. (CI also compiles the core alone:
//! `cargo check --no-default-features --lib` in `.ci/run`.)

use std::collections::BTreeSet;
use std::process::Command;

/// The crates (names only) that `deltagraph`'s library pulls in as normal dependencies with
/// `features`, as `cargo tree` resolves them from Cargo.lock (no network).
fn normal_dependencies(features: &[&str]) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "--offline", "-e", "normal", "--prefix", "none"])
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "deltagraph")
        .map(str::to_string)
        .collect()
}

const HEAVY: [&str; 8] = [
    "clap",
    "indicatif",
    "graphviz-rust",
    "layout-rs",
    "plotters",
    "rand",
    "linfa-datasets",
    "fluent-bundle",
];

#[test]
fn the_core_depends_on_no_cli_drawing_plotting_or_dataset_crate() {
    let core = normal_dependencies(&["--no-default-features"]);
    for heavy in HEAVY {
        assert!(
            !core.contains(heavy),
            "the core depends on {heavy}: {core:?}"
        );
    }
    // (No thiserror: `Error` implements `Display` and `source` by hand, as rust-csv does.)
    for needed in ["petgraph", "serde", "toml", "csv"] {
        assert!(core.contains(needed), "{needed} missing from {core:?}");
    }
    // 30 when this test was written (petgraph, serde, toml, csv, serde_json, thiserror,
    // strsim and what they pull in, proc-macro crates included); the default build has ~100.
    assert!(
        core.len() <= 35,
        "{} crates in the core: {core:?}",
        core.len()
    );

    // The same reading of the default build does see the feature-gated crates, so the
    // assertions above are not vacuous.
    let full = normal_dependencies(&[]);
    for heavy in HEAVY {
        assert!(
            full.contains(heavy),
            "{heavy} missing from the default build"
        );
    }
    assert!(
        full.len() > 2 * core.len(),
        "{} vs {}",
        full.len(),
        core.len()
    );
}

/// One module style across the crate: `foo.rs` beside `foo/`, never `foo/mod.rs`.
#[test]
fn no_module_is_a_mod_rs() {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("readable src/") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.file_name().is_some_and(|n| n == "mod.rs") {
                found.push(path.display().to_string());
            }
        }
    }
    let mut found = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    walk(&src, &mut found);
    assert!(src.join("render").is_dir(), "the walk sees subdirectories");
    // The tests' shared code too: `tests/support/foo.rs`, taken in with `#[path]`.
    walk(&root.join("tests"), &mut found);
    assert!(
        found.is_empty(),
        "move these to foo.rs beside foo/: {found:?}"
    );
}
