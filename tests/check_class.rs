//! The worksheet round trip and a class of hand files on the command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deltagraph::spec::Spec;

/// A fresh directory for one test, removed when dropped.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new(tag: &str) -> Dir {
        let prefix = format!("deltagraph-class-{tag}-");
        Dir(tempfile::Builder::new().prefix(&prefix).tempdir().unwrap())
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn file(&self, name: &str, content: &str) -> PathBuf {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }
}

fn deltagraph(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(args)
        .output()
        .unwrap()
}

fn tutorial(d: &Dir) -> PathBuf {
    d.file("net.toml", &Spec::tutorial().to_toml())
}

#[test]
fn a_blank_worksheet_is_read_as_unanswered_and_a_filled_one_is_judged() {
    let d = Dir::new("worksheet");
    let spec = tutorial(&d);
    let sheet = d.path().join("sheet.csv");
    let out = deltagraph(&[Path::new("worksheet"), &spec, Path::new("-o"), &sheet]);
    assert_eq!(out.status.code(), Some(0));
    let blank = std::fs::read_to_string(&sheet).unwrap();
    let mut lines = blank.lines();
    assert_eq!(lines.next(), Some("name,value,formula"));
    // Derivation order: the forward pass first, the updates last.
    let names: Vec<&str> = blank
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"z1"));
    assert_eq!(names.last(), Some(&"new_b6"));
    assert!(
        blank.contains("z1,,\"w(x1,1)·x1 + w(x2,1)·x2 + b1\""),
        "{blank}"
    );

    // As it is: every row unanswered, no slip, exit 0.
    let out = deltagraph(&[
        Path::new("check"),
        &spec,
        &sheet,
        Path::new("--format"),
        Path::new("json"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), names.len());
    assert!(
        items
            .iter()
            .all(|i| i["verdict"] == "unanswered" && i["hand"].is_null())
    );

    // Filled in (z1 right, f1 wrong, z2 right), the rest left empty.
    let filled = blank
        .replacen("z1,,", "z1,5,", 1)
        .replacen("f1,,", "f1,0.98,", 1)
        .replacen("z2,,", "z2,9,", 1);
    let filled_path = d.file("filled.csv", &filled);
    let out = deltagraph(&[
        Path::new("check"),
        &spec,
        &filled_path,
        Path::new("--format"),
        Path::new("json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let verdict = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .unwrap()["verdict"]
            .clone()
    };
    assert_eq!(verdict("z1"), "ok");
    assert_eq!(verdict("f1"), "slip");
    assert_eq!(verdict("z2"), "ok");
    assert_eq!(verdict("delta6"), "unanswered");
}

#[test]
fn the_markdown_worksheet_has_a_row_per_computed_value() {
    let d = Dir::new("worksheet-md");
    let spec = tutorial(&d);
    let out = deltagraph(&[
        Path::new("worksheet"),
        &spec,
        Path::new("--format"),
        Path::new("md"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| `delta4` |"), "{md}");
    // 6 z, 6 f, L, 6 df, 6 δ, and 14 weights + 6 biases: 20 gradients and 20 updates.
    assert_eq!(md.lines().filter(|l| l.starts_with("| `")).count(), 65);
}

#[test]
fn a_class_directory_summary_counts_the_per_file_verdicts() {
    let d = Dir::new("class");
    let spec = tutorial(&d);
    // Three students and one unreadable file.
    d.file("class/anna.csv", "z1,5\nf1,0.9933\nz4,5.993\n");
    d.file("class/ben.csv", "z1,6\nf1,0.9975\nz4,5.993\n");
    d.file("class/chen.csv", "z1,5\nf1,0.98\nz4,\n");
    d.file("class/dora.csv", "z1,5\nf1,abc\n");
    d.file("class/notes.txt", "not a hand file");
    let class = d.path().join("class");
    let out = deltagraph(&[
        Path::new("check"),
        &spec,
        &class,
        Path::new("--format"),
        Path::new("json"),
    ]);
    // Dora's file has an unreadable line: the worst status is 2.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    assert!(files[3]["error"].as_str().unwrap().contains("line 2"));
    // Dora's readable z1 is still judged.
    assert_eq!(files[3]["values"][0]["verdict"], "ok");
    let summary = &v["summary"];
    assert_eq!(summary["files"], 4);
    assert_eq!(summary["unreadable"], 1);
    // Every count in the summary equals the count over the files' own verdicts.
    for row in summary["by_name"].as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        for verdict in ["ok", "slip", "carried", "convention", "unanswered"] {
            let counted = files
                .iter()
                .flat_map(|f| f["values"].as_array().unwrap())
                .filter(|j| j["name"] == name && j["verdict"] == verdict)
                .count();
            assert_eq!(row[verdict], counted, "{name} {verdict}");
        }
    }
    let f1 = summary["by_name"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "f1")
        .unwrap();
    // Anna ok; Ben carried (σ(6) from his z1 = 6); Chen slipped.
    assert_eq!(
        (f1["ok"].clone(), f1["carried"].clone(), f1["slip"].clone()),
        (1.into(), 1.into(), 1.into())
    );
    assert_eq!(f1["causes"].as_array().unwrap().len(), 1);

    let out = deltagraph(&[
        Path::new("check"),
        &spec,
        &class,
        Path::new("--format"),
        Path::new("csv"),
    ]);
    let grid = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = grid.lines().collect();
    assert_eq!(rows[0], "file,z1,f1,z4,error");
    assert!(rows[2].ends_with("ben.csv,slip,carried,ok,"), "{grid}");
    assert!(rows[3].ends_with("chen.csv,ok,slip,unanswered,"), "{grid}");

    let out = deltagraph(&[Path::new("check"), &spec, &class]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("ben.csv: 1 slip (z1), 1 carried, 0 unanswered"),
        "{text}"
    );
    assert!(text.contains("Class summary (1 unreadable)"), "{text}");
    // The causes by name, in the reader's language; the JSON keys stay in JSON.
    let zh = deltagraph(&[Path::new("check"), &spec, &class, Path::new("--lang=zh")]);
    let zh = String::from_utf8(zh.stdout).unwrap();
    for key in [
        "misread",
        "digits",
        "arithmetic",
        "sign_flipped",
        "term_left_out",
    ] {
        assert!(!zh.contains(key), "key {key} shown\n{zh}");
        assert!(
            !key.contains('_') || !text.contains(key),
            "key {key} shown\n{text}"
        );
    }
    assert!(zh.contains("看错数值 ×1"), "{zh}");
}

#[test]
fn a_utf16_unicode_text_export_is_read() {
    let d = Dir::new("utf16");
    let spec = tutorial(&d);
    // A spreadsheet's "Unicode text": UTF-16 little-endian with a byte-order mark, tabs.
    let text = "name\tvalue\r\nz1\t5\r\nf1\t0,9933\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let path = d.path().join("export.csv");
    std::fs::write(&path, bytes).unwrap();
    let out = deltagraph(&[Path::new("check"), &spec, &path]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Checked 2 values") && stdout.contains("2 ok"),
        "{stdout}"
    );
}

#[test]
fn a_class_of_only_unreadable_files_is_not_called_all_ok() {
    let d = Dir::new("none-read");
    let spec = tutorial(&d);
    let a = d.file("a.csv", "q,1\n");
    let b = d.file("b.csv", "z1,abc\n");
    let out = deltagraph(&[Path::new("check"), &spec, &a, &b]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("Class summary (2 unreadable)"), "{text}");
    assert!(text.contains("no file could be read"), "{text}");
    assert!(!text.contains("every value of every file is ok"), "{text}");

    // One readable file with no slip: then every value is ok.
    let c = d.file("c.csv", "z1,5\n");
    let out = deltagraph(&[Path::new("check"), &spec, &a, &c]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("every value of every file is ok"), "{text}");
}

#[test]
fn a_learning_rate_stated_in_a_file_is_counted_in_the_class_summary() {
    let d = Dir::new("rate");
    let spec = tutorial(&d);
    // α = 0.5 where the spec says 0.1: a slip in one file, right in the other.
    let a = d.file("class/a.csv", "alpha,0.5\nz1,5\n");
    let b = d.file("class/b.csv", "α,0.1\nz1,5\n");
    let out = deltagraph(&[
        Path::new("check"),
        &spec,
        &a,
        &b,
        Path::new("--format"),
        Path::new("csv"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("file,alpha,z1,error"), "{csv}");
    assert!(csv.contains(",slip,ok,"), "{csv}");
    assert!(csv.contains(",ok,ok,"), "{csv}");
}
