//! `deltagraph check` on the command line: exit status, JSON, names, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deltagraph::spec::Spec;

/// A fresh directory for one test, removed when dropped.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new(tag: &str) -> Dir {
        let prefix = format!("deltagraph-check-{tag}-");
        Dir(tempfile::Builder::new().prefix(&prefix).tempdir().unwrap())
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    }
}

fn check(dir: &Dir, hand: &str, extra: &[&str]) -> Output {
    let spec = dir.file("net.toml", Spec::tutorial().to_toml().as_bytes());
    let hand = dir.file("hand.csv", hand.as_bytes());
    Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .arg("check")
        .arg(spec)
        .arg(hand)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn exit_status_is_zero_without_slips_and_one_with() {
    let d = Dir::new("exit");
    // z1 = 2·1 + 1·2 + 1 = 5; f1 = σ(5) = 0.99331 to 5 digits.
    let ok = check(&d, "name,value\nz1,5\nf1,0.99331\n", &[]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let slip = check(&d, "name,value\nz1,6\nf1,0.99753\n", &[]);
    assert_eq!(slip.status.code(), Some(1));
    let text = String::from_utf8_lossy(&slip.stdout);
    assert!(text.contains("Slip: z1"), "{text}");
    // f1 = σ(6) = 0.99753 follows from the person's own z1 = 6: carried, not a new slip.
    assert!(
        text.lines()
            .any(|l| l.contains("f1") && l.contains("carried")),
        "{text}"
    );
}

#[test]
fn only_values_to_compute_count_as_unanswered() {
    let d = Dir::new("unanswered");
    // x1 and w(1,4) are given by the spec: left empty they are not unanswered; f1 is.
    let o = check(
        &d,
        "name,value\nx1,\nw(1,4),\nz1,5\nf1,\n",
        &["--lang", "zh"],
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("1 个正确") && text.contains("；1 个未填写。"),
        "{text}"
    );
    assert!(text.contains("未填写：f1。"), "{text}");
    let o = check(&d, "name,value\nx1,\nw(1,4),\nz1,5\n", &[]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        !text.contains("left empty") && !text.contains("Left empty"),
        "{text}"
    );
}

#[test]
fn json_has_one_object_per_judged_value() {
    let d = Dir::new("json");
    let out = check(&d, "z1,6\nf1,0.99753\nz2,9\n", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        for key in ["name", "verdict", "hand", "expected", "exact", "cause"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let z1 = &items[0];
    assert_eq!(z1["name"], "z1");
    assert_eq!(z1["verdict"], "slip");
    assert_eq!(z1["hand"], 6.0);
    assert_eq!(z1["expected"], 5.0);
    assert_eq!(z1["exact"], 5.0);
    assert!(z1["cause"].as_str().is_some());
    assert_eq!(items[1]["verdict"], "carried");
    assert!(items[1]["cause"].is_null());
    assert_eq!(items[2]["verdict"], "ok");
}

#[test]
fn aliases_unquoted_commas_and_spreadsheet_files_work() {
    let d = Dir::new("alias");
    let hand = "\u{feff}name,value\r\nw(x1,1),2\r\nf1(z1), 0.9933 \r\n\r\nδ6,-6.142e-6\r\ndelta_5,-6.304e-9";
    let out = check(&d, hand, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_unknown_name_suggests_the_nearest() {
    let d = Dir::new("unknown");
    let out = check(&d, "name,value\nz1,5\ndelta7,1\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hand.csv") && err.contains("line 3") && err.contains("delta6"),
        "{err}"
    );
    // The readable rest is still judged.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Checked 1 value of"), "{text}");
}

#[test]
fn bad_hand_files_exit_2_naming_file_and_line() {
    let d = Dir::new("bad");
    for (content, needle) in [
        ("z1,abc\n", "`abc`"),
        ("z1\n", "two fields"),
        ("z1,5\nz1,5\n", "first on line 1"),
        ("z1,nan\n", "finite number"),
        ("z1,1e400\n", "finite number"),
    ] {
        let out = check(&d, content, &[]);
        assert_eq!(out.status.code(), Some(2), "{content:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("hand.csv") && err.contains("line") && err.contains(needle),
            "{content:?}: {err}"
        );
        assert!(!err.contains("panicked"));
    }
    let spec = d.file("net.toml", Spec::tutorial().to_toml().as_bytes());
    let hand = d.file("latin1.csv", b"z1,5\nf\xe9,1\n");
    let out = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .arg("check")
        .arg(spec)
        .arg(hand)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
}
