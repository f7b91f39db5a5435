//! The bad-input catalogue (`tests/bad_input/`): every file gets exit status 2 and an error that
//! names the file and the problem — no panic, nothing on stdout, nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deltagraph::spec::Spec;
use serde::Deserialize;

#[derive(Deserialize)]
struct Catalogue {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    file: String,
    expect: String,
}

fn catalogue_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

/// A fresh empty working directory, removed when dropped.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let prefix = format!("deltagraph-bad-{tag}-");
        Scratch(tempfile::Builder::new().prefix(&prefix).tempdir().unwrap())
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn is_empty_except(&self, keep: &[&Path]) -> bool {
        std::fs::read_dir(self.path())
            .unwrap()
            .all(|e| keep.contains(&e.unwrap().path().as_path()))
    }
}

/// Run the command that reads `file` (by its prefix) inside `scratch`.
fn run_on(file: &Path, scratch: &Scratch, tutorial: &Path) -> Output {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deltagraph"));
    cmd.current_dir(scratch.path());
    if name.starts_with("spec-") {
        cmd.arg("run").arg(file).args(["--format", "csv"]);
    } else if name.starts_with("hand-") {
        cmd.arg("check").arg(tutorial).arg(file);
    } else if name.starts_with("iris-") {
        cmd.arg("train")
            .arg(file)
            .args(["--epochs", "1", "--out"])
            .arg(scratch.path().join("train-out"));
    } else {
        panic!("{name}: unknown case prefix");
    }
    cmd.output().unwrap()
}

fn assert_rejected(file: &Path, expect: &str) {
    let scratch = Scratch::new(
        &file
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "-"),
    );
    let tutorial = scratch.path().join("tutorial.toml");
    std::fs::write(&tutorial, Spec::tutorial().to_toml()).unwrap();
    let out = run_on(file, &scratch, &tutorial);
    let err = String::from_utf8_lossy(&out.stderr);
    let name = file.file_name().unwrap().to_string_lossy();
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert!(
        err.contains(name.as_ref()),
        "{name}: the error does not name the file: {err}"
    );
    assert!(
        err.contains(expect),
        "{name}: expected `{expect}` in: {err}"
    );
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert!(
        out.stdout.is_empty(),
        "{name}: wrote to stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        scratch.is_empty_except(&[&tutorial]),
        "{name}: left files behind"
    );
}

#[test]
fn every_catalogued_bad_input_is_rejected_cleanly() {
    let dir = catalogue_dir();
    let text = std::fs::read_to_string(dir.join("cases.toml")).unwrap();
    let catalogue: Catalogue = toml::from_str(&text).unwrap();
    assert!(
        catalogue.case.len() >= 30,
        "the catalogue has {} cases",
        catalogue.case.len()
    );
    for case in &catalogue.case {
        assert_rejected(&dir.join(&case.file), &case.expect);
    }
    // Every file in the folder is catalogued.
    let listed: Vec<&str> = catalogue.case.iter().map(|c| c.file.as_str()).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if name != "cases.toml" && name != "README.md" {
            assert!(
                listed.contains(&name.as_str()),
                "{name} is not in cases.toml"
            );
        }
    }
}

/// Files too big to commit are made here: a 60 MB line in each kind of file (under the
/// 64 MiB input cap, so the readers themselves must cope), and files over the cap.
#[test]
fn a_sixty_megabyte_line_is_rejected_cleanly() {
    let scratch = Scratch::new("huge");
    let line = "9".repeat(60 * 1024 * 1024);
    let spec = scratch.path().join("spec-huge-line.toml");
    std::fs::write(&spec, format!("input = [{line}]\n")).unwrap();
    let hand = scratch.path().join("hand-huge-line.csv");
    std::fs::write(&hand, format!("z1,{line}\n")).unwrap();
    let iris = scratch.path().join("iris-huge-line.csv");
    std::fs::write(
        &iris,
        format!("5.1,3.5,1.4,0.2,Iris-setosa\n{line},3.0,1.4,0.2,Iris-setosa\n"),
    )
    .unwrap();
    drop(line);
    assert_rejected(&spec, "line 1");
    assert_rejected(&hand, "line 1: expected a finite number");
    assert_rejected(&iris, "line 2");
}

/// An input over 64 MiB is refused before it is read into memory: a sparse 100 MB file of
/// each kind (no disk space used).
#[test]
fn inputs_over_the_size_cap_are_refused() {
    let scratch = Scratch::new("over-cap");
    for name in [
        "spec-over-cap.toml",
        "hand-over-cap.csv",
        "iris-over-cap.csv",
    ] {
        let path = scratch.path().join(name);
        std::fs::File::create(&path)
            .unwrap()
            .set_len(100 << 20)
            .unwrap();
        assert_rejected(&path, "expected an input of at most 64 MiB");
    }
}
