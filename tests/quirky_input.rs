//! Files real people produce (`tests/quirky_input/`) simply work: a byte-order mark and CRLF
//! line ends from a spreadsheet, trailing spaces, blank lines, no final newline, names with
//! commas left unquoted, numbers like `5.`, `.5`, `1E-3`, integers where floats are expected.

use std::path::PathBuf;
use std::process::Command;

use deltagraph::spec::Spec;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/quirky_input")
}

#[test]
fn quirky_specs_are_read_as_the_tutorial() {
    for name in [
        "spec-bom-crlf-integers-no-final-newline.toml",
        "spec-comments-trailing-commas.toml",
    ] {
        let spec = Spec::load(&dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut tutorial = Spec::tutorial();
        tutorial.name = spec.name.clone();
        assert_eq!(spec, tutorial, "{name}");
        let out = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
            .arg("run")
            .arg(dir().join(name))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn quirky_hand_files_are_checked_without_slips() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("tutorial.toml");
    std::fs::write(&spec, Spec::tutorial().to_toml()).unwrap();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("hand-") {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
            .arg("check")
            .arg(&spec)
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("No slips"), "{name}: {stdout}");
    }
}
