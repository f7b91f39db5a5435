//! `deltagraph report`: one self-contained HTML file (no external URL), MathML formulas, an
//! inline SVG diagram, a step for every computed value, and with `--hand` the verdicts.
#![cfg(feature = "web")]

use std::path::Path;
use std::process::{Command, Output};

/// A fresh directory for one test, removed when dropped.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new(tag: &str) -> Dir {
        let prefix = format!("deltagraph-report-{tag}-");
        Dir(tempfile::Builder::new().prefix(&prefix).tempdir().unwrap())
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
}

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn report(args: &[&str], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

/// Every `<tag …>` opening in `html` with its attribute text.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.match_indices(&format!("<{tag}"))
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
        .collect()
}

#[test]
fn the_report_is_one_self_contained_file() {
    let dir = Dir::new("plain");
    let out = dir.path().join("report.html");
    let o = report(&[&data("tutorial.toml")], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    // Nothing is fetched from anywhere: no URL at all, no external script or stylesheet.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(
        !html.contains("//cdn") && !html.contains("src=\""),
        "no src attribute"
    );
    for link in tags(&html, "link") {
        assert!(link.contains("href=\"data:,\""), "{link}");
    }
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;"
    ));
    // The diagram inline, once; the script and the stylesheet inline.
    assert_eq!(tags(&html, "svg").len(), 1);
    assert_eq!(tags(&html, "script").len(), 1);
    assert!(tags(&html, "script")[0] == "<script");
    // A step of MathML working for every computed value, in derivation order.
    let net =
        deltagraph::net::Network::evaluated(&deltagraph::spec::ValidSpec::tutorial()).unwrap();
    let mut last = 0;
    for e in net
        .entries()
        .iter()
        .filter(|e| e.stage != deltagraph::net::Stage::Given)
    {
        let id = format!("id=\"{}\"", e.name);
        let at = html
            .find(&id)
            .unwrap_or_else(|| panic!("a step for {}", e.name));
        assert!(at > last, "{} in derivation order", e.name);
        last = at;
        let step = &html[at..at + html[at..].find("</div>").unwrap()];
        assert!(
            step.contains("<math display=\"block\">"),
            "{} in MathML",
            e.name
        );
        assert!(step.contains("data-order="), "{} plays", e.name);
        assert!(step.contains("data-verdict=\"unanswered\""), "{}", e.name);
    }
    // z5's step: its node in the diagram and its working, with the tutorial's numbers.
    let z5 = tags(&html, "div")
        .into_iter()
        .find(|d| d.contains("id=\"z5\""))
        .unwrap();
    assert!(z5.contains("data-node=\"n5\""), "{z5}");
    assert!(html.matches("<math").count() > 100);
    assert!(
        !html.contains("class=\"verdict\""),
        "no verdicts without --hand"
    );
}

#[test]
fn with_a_hand_calculation_each_step_has_its_verdict() {
    let dir = Dir::new("hand");
    let out = dir.path().join("report.html");
    let o = report(
        &[
            &data("tutorial.toml"),
            "--hand",
            &data("tutorial-published.csv"),
        ],
        &out,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    let verdict_of = |name: &str| {
        let d = tags(&html, "div")
            .into_iter()
            .find(|d| d.contains(&format!("id=\"{name}\"")))
            .unwrap();
        let v = &d[d.find("data-verdict=\"").unwrap() + 14..];
        v[..v.find('"').unwrap()].to_string()
    };
    assert_eq!(verdict_of("z5"), "slip");
    assert_eq!(verdict_of("df3"), "slip");
    assert_eq!(verdict_of("f5"), "carried");
    assert_eq!(verdict_of("z1"), "ok");
    assert_eq!(verdict_of("L"), "unanswered");
    assert!(html.contains("w(2,5) read as 3 instead of 2"));
    assert!(html.contains("<span class=\"you-wrote\">8.979460467761783</span>"));
    // The diagram is coloured by the same verdicts.
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(svg.contains("#c62828") && svg.contains("#9a5b00") && svg.contains("#2e7d32"));
}

#[test]
fn a_given_value_written_down_has_its_verdict_and_is_not_played() {
    let dir = Dir::new("given");
    let out = dir.path().join("report.html");
    let hand = dir.path().join("hand.csv");
    // w(1,4) is 1 in the spec: copied as 1.1 it is a slip, as `check` says.
    std::fs::write(&hand, "name,value\nz1,5\nw(1,4),1.1\n").unwrap();
    let o = report(
        &[&data("tutorial.toml"), "--hand", hand.to_str().unwrap()],
        &out,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    let w14 = tags(&html, "div")
        .into_iter()
        .find(|d| d.contains("id=\"w(1,4)\""))
        .expect("a step for the given value written down");
    assert!(
        w14.contains("data-verdict=\"slip\"")
            && w14.contains("data-given")
            && !w14.contains("data-order"),
        "{w14}"
    );
    // The number written and its cause, apart.
    assert!(
        html.contains("<span class=\"you-wrote\">1.1</span><span class=\"cause\">; w(1,4) read as"),
        "{}",
        &html[html.find("you-wrote\">1.1").unwrap()..][..120]
    );
    // A given value not written down has no step.
    assert!(!html.contains("id=\"w(2,4)\""));
}

#[test]
fn names_are_escaped_and_bad_input_writes_nothing() {
    let dir = Dir::new("bad");
    let spec = dir.path().join("net.toml");
    std::fs::write(
        &spec,
        "name = \"<script>alert(1)</script>\"\ninput = [1.0]\ntarget = [0.0]\n[[layers]]\nweights = [[0.5]]\nbiases = [0.0]\n",
    )
    .unwrap();
    let out = dir.path().join("report.html");
    let o = report(&[spec.to_str().unwrap()], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(tags(&html, "script").len(), 1);

    // A hand file with an unknown name: exit 2, the file and line named, nothing written.
    let hand = dir.path().join("hand.csv");
    std::fs::write(&hand, "z1,0.5\nz7,1\n").unwrap();
    let out2 = dir.path().join("report2.html");
    let o = report(
        &[spec.to_str().unwrap(), "--hand", hand.to_str().unwrap()],
        &out2,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hand.csv") && err.contains("line 2"), "{err}");
    assert!(!out2.exists());
    // A spec that is not one: exit 2, nothing written.
    std::fs::write(&spec, "input = [1.0\n").unwrap();
    let o = report(&[spec.to_str().unwrap()], &out2);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 1"));
    assert!(!out2.exists());
}

#[test]
fn a_value_rounding_destroyed_says_so_beside_it() {
    // f3 = σ(10) = 0.99995 written as 1.000: f′(z3) = f3·(1 − f3) comes to 0 (exactly
    // 4.54e-5). Carried, and the page says which number was rounded too early.
    let dir = Dir::new("rounding");
    let out = dir.path().join("report.html");
    let hand = dir.path().join("hand.csv");
    std::fs::write(&hand, "name,value\nf3,1.000\ndf3,0\n").unwrap();
    let o = report(
        &[&data("tutorial.toml"), "--hand", hand.to_str().unwrap()],
        &out,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    let df3 = &html[html.find("id=\"df3\"").expect("a step for df3")..];
    let note = &df3[..df3.find("</p>").unwrap()];
    assert!(note.contains("data-verdict=\"carried\""), "{note}");
    assert!(
        note.contains("f3 = 1.000 rounded too early lost it"),
        "{note}"
    );
}
