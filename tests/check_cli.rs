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

/// `deltagraph [--lang LANG] check ARGS…`: exit status and standard error.
fn run(lang: &str, args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(["--lang", lang, "check"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_bad_convention_says_expected_and_found_in_both_languages() {
    let d = Dir::new("convention");
    let spec = d.file("net.toml", Spec::tutorial().to_toml().as_bytes());
    let hand = d.file("hand.csv", b"z1,5\n");
    let args = [
        "--convention".as_ref(),
        "textbok".as_ref(),
        spec.as_os_str(),
        hand.as_os_str(),
    ];
    let (code, en) = run("en", &args);
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("expected `standard`, `textbook`, `no-half`, `delta-of-output`, `true-gradients` (with `textbook`) or `mean-loss-delta`, comma-separated, found `textbok`"),
        "{en}"
    );
    let (code, zh) = run("zh", &args);
    assert_eq!(code, Some(2), "{zh}");
    assert!(zh.contains("`true-gradients`"), "{zh}");
    assert!(zh.contains("实际为 `textbok`"), "{zh}");
}

#[test]
fn arguments_given_the_wrong_way_round_are_named() {
    let d = Dir::new("swapped");
    let spec = d.file("net.toml", Spec::tutorial().to_toml().as_bytes());
    let hand = d.file("hand.csv", b"name,value\nz1,5\n");
    let (code, en) = run("en", &[hand.as_os_str(), spec.as_os_str()]);
    assert_eq!(code, Some(2), "{en}");
    assert!(en.contains("the arguments look swapped"), "{en}");
    // The command to type instead, and not an option's error ("SPEC: …", "选项 SPEC").
    let fixed = format!("deltagraph check {} {}", spec.display(), hand.display());
    assert!(en.contains(&fixed), "{en}");
    assert!(en.starts_with("error: the arguments look swapped"), "{en}");
    let (code, zh) = run("zh", &[hand.as_os_str(), spec.as_os_str()]);
    assert_eq!(code, Some(2), "{zh}");
    assert!(
        zh.contains("两个参数似乎写反了") && zh.contains(&fixed),
        "{zh}"
    );
    assert!(!zh.contains("选项") && !zh.contains("规格文件"), "{zh}");
    // A spec that is merely broken is reported as it is.
    let broken = d.file("broken.toml", b"layers = 3\n");
    let (code, en) = run("en", &[broken.as_os_str(), hand.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(!en.contains("look swapped"), "{en}");
}

#[test]
fn a_step_or_example_out_of_range_and_swapped_weight_indices_are_explained() {
    let d = Dir::new("misnamed");
    let out = check(&d, "z4@1001,5.993\nz4@0,5.993\nw64,1\ndL/dw31,0\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "line 1: expected a step from 1 to 1000 after `@`, found `z4@1001`, step 1001",
        "line 2: expected a step from 1 to 1000 after `@`, found `z4@0`, step 0",
        "found `w64`, read as w(6,4), which this network does not have: its indices look swapped",
        "write w(4,6) if that is the one you mean",
        "write dL/dw(x1,3) if that is the one you mean",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    let batch = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/batch.toml");
    let hand = d.file("batch.csv", b"z4[3],1\nz4[2],5\n");
    let (code, err) = run("en", &[batch.as_ref(), hand.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("expected an example from 1 to 2 in brackets (the spec has 2 examples), found `z4[3]`, example 3"),
        "{err}"
    );
    let (_, zh) = run("zh", &[batch.as_ref(), hand.as_os_str()]);
    assert!(zh.contains("该规格共有 2 个样本"), "{zh}");
}

#[test]
fn a_quoted_decimal_comma_is_read_when_unambiguous() {
    let d = Dir::new("quoted-comma");
    // σ(5) = 0.99331; z4 = 1 + 1 + 2 + 2 less a little = 5.99309.
    let out = check(
        &d,
        "\"name\",\"value\"\n\"f1\",\"0,9933\"\n\"z4\",\"5,993\"\n",
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Checked 2 values"), "{text}");
    // Alone, `5,993` could be a thousands separator: not guessed, both readings offered.
    let out = check(&d, "\"z4\",\"5,993\"\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "found `5,993`, which could be 5.993 (a decimal comma) or 5993 (a thousands separator)"
        ),
        "{err}"
    );
}
