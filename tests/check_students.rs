//! Simulated students' hand calculations (`tests/data/students/`, written by
//! `make_students.py` with plain arithmetic): coarse and truncated values, informal names,
//! European, tab-separated and full-width files, conventions, two mistakes in one step,
//! tanh, relu and cross-entropy networks, updates only, unreadable lines. For each file the
//! exact set of slips, their cause kinds, the convention, the unanswered rows and the
//! unreadable lines are as `expected.toml` says.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use deltagraph::check::report::cause_kind_key;
use deltagraph::check::{Checker, Options, Verdict};
use deltagraph::hand::{self, Names};
use deltagraph::i18n::Lang;
use deltagraph::net::Network;
use deltagraph::spec::Spec;

#[derive(serde::Deserialize)]
struct Expected {
    student: Vec<Student>,
}

#[derive(serde::Deserialize)]
struct Student {
    file: String,
    spec: String,
    #[serde(default)]
    slips: BTreeMap<String, String>,
    #[serde(default)]
    cause_mentions: BTreeMap<String, String>,
    #[serde(default)]
    convention: Vec<String>,
    #[serde(default)]
    unanswered: Vec<String>,
    #[serde(default)]
    problem_lines: Vec<u64>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/students")
}

#[test]
fn every_student_gets_exactly_the_expected_verdicts() {
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(dir().join("expected.toml")).unwrap()).unwrap();
    let mut files_checked = 0;
    for s in &expected.student {
        let net = Network::evaluated(&Spec::load(&dir().join(&s.spec)).unwrap()).unwrap();
        let names = Names::of(&net);
        let sheet = hand::load_sheet(&dir().join(&s.file), &names)
            .unwrap_or_else(|e| panic!("{}: {e}", s.file));
        let lines: Vec<u64> = sheet.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, s.problem_lines, "{}: {:?}", s.file, sheet.problems);
        let report = Checker::new(&net).check_sheet(&sheet, &Options::default());
        let slips: BTreeMap<String, String> = report
            .judgements
            .iter()
            .filter(|j| j.verdict == Verdict::Slip)
            .map(|j| {
                let kind = j.cause.as_ref().map(|c| cause_kind_key(c.kind));
                (j.name.clone(), kind.unwrap_or_default())
            })
            .collect();
        assert_eq!(slips, s.slips, "{}", s.file);
        for (name, phrase) in &s.cause_mentions {
            let text = &report
                .get(name)
                .unwrap()
                .cause
                .as_ref()
                .unwrap()
                .text(Lang::En);
            assert!(text.contains(phrase.as_str()), "{}: {name}: {text}", s.file);
        }
        let convention: Vec<String> = report
            .convention
            .parts()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(convention, s.convention, "{}", s.file);
        let unanswered: Vec<&str> = report
            .judgements
            .iter()
            .filter(|j| j.verdict == Verdict::Unanswered)
            .map(|j| j.name.as_str())
            .collect();
        assert_eq!(unanswered, s.unanswered, "{}", s.file);
        files_checked += 1;
    }
    // Every file of the directory is in the expectations.
    let on_disk = std::fs::read_dir(dir())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "csv")
        })
        .count();
    assert_eq!(files_checked, on_disk);
}

#[test]
fn a_declared_convention_is_not_remarked() {
    let net = Network::evaluated(&Spec::load(&dir().join("tutorial.toml")).unwrap()).unwrap();
    let names = Names::of(&net);
    let sheet = hand::load_sheet(&dir().join("ben-textbook-sign.csv"), &names).unwrap();
    let declared = Options {
        convention: deltagraph::check::Convention::parse("textbook"),
    };
    let report = Checker::new(&net).check_sheet(&sheet, &declared);
    assert!(report.declared && report.convention.textbook_sign);
    assert_eq!(report.count(Verdict::Convention), 0);
    assert_eq!(report.slips(), 0);
    // Under the standard convention, declared, δ6 is a sign slip (the rest carries it).
    let standard = Options {
        convention: deltagraph::check::Convention::parse("standard"),
    };
    let report = Checker::new(&net).check_sheet(&sheet, &standard);
    assert_eq!(report.get("delta6").unwrap().verdict, Verdict::Slip);
}

#[test]
fn a_repeated_mistake_is_explained_once() {
    let net = Network::evaluated(&Spec::load(&dir().join("tutorial.toml")).unwrap()).unwrap();
    let names = Names::of(&net);
    let sheet = hand::load_sheet(&dir().join("fay-learning-rate-left-out.csv"), &names).unwrap();
    let report = Checker::new(&net).check_sheet(&sheet, &Options::default());
    let text = deltagraph::check::report::text(&report, &net, "tutorial.toml", Lang::En);
    assert_eq!(
        text.matches("the same kind of mistake as at new_w(1,4)")
            .count(),
        2,
        "{text}"
    );
}
