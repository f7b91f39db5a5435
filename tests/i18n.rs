//! Both languages, checked from outside: the two catalogues have the same messages with the same
//! arguments; `--lang` works before and after the subcommand; the locale variables choose the
//! language; and every command run in Chinese on the tutorial prints no English prose (its output
//! is scanned for the words of the English catalogue) and no missing message (`⟦id⟧`).

#![cfg(feature = "i18n")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fluent_syntax::ast;
use fluent_syntax::parser;

use deltagraph::i18n::{CATALOGUE_EN, CATALOGUE_ZH};

#[cfg(feature = "web")]
#[path = "support/killed.rs"]
mod killed;
#[cfg(feature = "web")]
use killed::Killed;

const TUTORIAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tutorial.toml");
/// The tutorial's own printed values: two slips (z5, df3) and the values they carry on to.
const PUBLISHED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/tutorial-published.csv"
);

// ---------------------------------------------------------------------------------------------
// The catalogues

/// Every message of a catalogue with the variables it uses (in its value, its attributes, its
/// selectors and its variants).
fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("the catalogue does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            for a in &m.attributes {
                pattern_vars(&a.value, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn both_catalogues_have_the_same_messages_with_the_same_arguments() {
    let en = messages(CATALOGUE_EN);
    let zh = messages(CATALOGUE_ZH);
    assert!(
        en.len() > 40,
        "only {} messages: is this the catalogue?",
        en.len()
    );
    let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty() && only_zh.is_empty(),
        "only in en: {only_en:?}; only in zh-CN: {only_zh:?}"
    );
    for (id, vars) in &en {
        assert_eq!(
            vars, &zh[id],
            "arguments of {id}: en {vars:?}, zh-CN {:?}",
            zh[id]
        );
    }
}

#[test]
fn the_parity_check_sees_a_missing_argument() {
    // The reading above is not vacuous: a translation that drops an argument is seen.
    let en = messages("m = { $a } and { $b ->\n [one] x\n*[other] { $c }\n}\n");
    assert_eq!(
        en["m"],
        ["a", "b", "c"].map(String::from).into_iter().collect()
    );
    let zh = messages("m = { $a }\n");
    assert_ne!(en["m"], zh["m"]);
}

#[test]
fn the_chinese_catalogue_uses_the_tutorials_terms() {
    for term in [
        "神经元",
        "输入层",
        "隐藏层",
        "输出层",
        "权重",
        "偏置",
        "激活函数",
        "损失函数",
        "误差项",
        "学习率",
        "前向传播",
        "反向传播",
        "训练集",
        "准确率",
    ] {
        assert!(
            CATALOGUE_ZH.contains(term),
            "{term} is not in the catalogue"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Running the binary

fn deltagraph(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deltagraph"));
    cmd.args(args);
    // A known locale unless the test sets one: the test must not depend on the machine's.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("the binary runs")
}

/// Standard output and error together, as a person sees them.
fn seen(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fresh directory under the system temp dir, removed (with what the test wrote in it)
/// when dropped, even when the test fails.
fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("deltagraph-i18n-")
        .tempdir()
        .unwrap()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn lang_is_accepted_before_and_after_the_subcommand() {
    let after = deltagraph(&["run", TUTORIAL, "--lang", "zh"], &[]);
    let before = deltagraph(&["--lang", "zh", "run", TUTORIAL], &[]);
    assert_eq!(after.status.code(), Some(0), "{}", seen(&after));
    assert_eq!(after.stdout, before.stdout);
    let text = String::from_utf8(after.stdout).unwrap();
    assert!(text.contains("前向传播"), "{text}");
    assert!(text.contains("反向传播"), "{text}");
    let bad = deltagraph(&["run", TUTORIAL, "--lang", "fr"], &[]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_locale_variables_choose_the_language_and_lang_overrides_them() {
    let zh = deltagraph(&["run", TUTORIAL], &[("LANG", "zh_CN.UTF-8")]);
    assert!(has_cjk(&seen(&zh)), "{}", seen(&zh));
    let lc_all = deltagraph(
        &["run", TUTORIAL],
        &[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")],
    );
    assert_eq!(lc_all.stdout, zh.stdout);
    let en = deltagraph(&["run", TUTORIAL], &[("LANG", "en_US.UTF-8")]);
    assert!(!has_cjk(&seen(&en)), "{}", seen(&en));
    assert!(seen(&en).contains("Forward pass"));
    let forced = deltagraph(
        &["run", TUTORIAL, "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(forced.stdout, en.stdout);
    let none = deltagraph(&["run", TUTORIAL], &[]);
    assert_eq!(none.stdout, en.stdout);
}

// ---------------------------------------------------------------------------------------------
// No English prose in Chinese output

/// Words that may appear in Chinese output although the English catalogue uses them: names of
/// programs, file formats and functions that the tutorial itself writes in Latin letters
/// (Sigmoid, SGD), and the spec's own name.
const ALLOWED: &[&str] = &[
    "deltagraph",
    "graphviz",
    "dot",
    "svg",
    "png",
    "csv",
    "json",
    "toml",
    "layout",
    "sigmoid",
    "tanh",
    "relu",
    "softmax",
    "sse",
    "sgd",
    "iris",
    "setosa",
    "versicolor",
    "virginica",
    "run",
    "tutorial",
    "utf",
    "mib",
    "kib",
    "nan",
    "inf",
    "html",
    "latex",
    "markdown",
    "mathml",
    "lang",
];

/// The words of the English catalogue's text (placeables and LaTeX commands left out), three
/// letters or more, lower-cased, minus [`ALLOWED`].
fn english_words() -> BTreeSet<String> {
    let resource = parser::parse(CATALOGUE_EN).expect("parses");
    let mut text = String::new();
    fn collect(p: &ast::Pattern<&str>, text: &mut String) {
        for element in &p.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    text.push_str(value);
                    text.push(' ');
                }
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        collect(&v.value, text);
                    }
                }
                _ => {}
            }
        }
    }
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry
            && let Some(p) = &m.value
        {
            collect(p, &mut text);
        }
    }
    words(&text)
        .into_iter()
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() >= 3 && !ALLOWED.contains(&w.as_str()))
        .collect()
}

/// The words of `text`: runs of ASCII letters that are not part of a name such as `delta4`,
/// `new_w(1,4)` or `dL/dw`, after LaTeX commands (`\frac`, `\partial`) are removed.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut token = String::new();
    let mut after_backslash = false;
    let mut flush = |token: &mut String, after_backslash: bool| {
        let is_word = token.chars().all(|c| c.is_ascii_alphabetic());
        if !token.is_empty() && is_word && !after_backslash {
            out.push(token.clone());
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            token.push(c);
        } else {
            flush(&mut token, after_backslash);
            after_backslash = c == '\\';
        }
    }
    flush(&mut token, after_backslash);
    out
}

/// The English catalogue words in `text`.
fn english_in(text: &str, english: &BTreeSet<String>) -> BTreeSet<String> {
    words(text)
        .into_iter()
        .filter(|w| english.contains(&w.to_lowercase()))
        .collect()
}

/// The human text of a DOT file: its `label` attributes.
fn dot_labels(dot: &str) -> String {
    let mut out = String::new();
    let mut rest = dot;
    while let Some(i) = rest.find("label=") {
        rest = &rest[i + 6..];
        let end = match rest.chars().next() {
            Some('"') => rest[1..].find('"').map_or(rest.len(), |e| e + 2),
            Some('<') => {
                // An HTML label: up to the matching '>'.
                let mut depth = 0;
                let mut end = rest.len();
                for (k, c) in rest.char_indices() {
                    match c {
                        '<' => depth += 1,
                        '>' => {
                            depth -= 1;
                            if depth == 0 {
                                end = k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => rest.find([',', ']', ';']).unwrap_or(rest.len()),
        };
        // Drop the HTML tags and attributes of table labels; keep their text.
        out.push_str(&strip_tags(&rest[..end]));
        out.push('\n');
        rest = &rest[end..];
    }
    out
}

/// `markup` without its tags.
fn strip_tags(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The human text of an SVG: the content of its `<text>` and `<title>` elements.
fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for open in ["<text", "<title"] {
        let close = if open == "<text" {
            "</text>"
        } else {
            "</title>"
        };
        let mut rest = svg;
        while let Some(i) = rest.find(open) {
            rest = &rest[i..];
            let Some(start) = rest.find('>') else { break };
            let Some(end) = rest.find(close) else { break };
            if start < end {
                out.push_str(&strip_tags(&rest[start + 1..end]));
                out.push('\n');
            }
            rest = &rest[end..];
        }
    }
    out
}

#[test]
fn the_scan_finds_english_prose() {
    // The scan is not vacuous: English output is full of catalogue words, names are not.
    let english = english_words();
    let en = deltagraph(&["run", TUTORIAL, "--lang", "en"], &[]);
    assert!(english_in(&seen(&en), &english).contains("Forward"));
    assert!(english_in("delta4 new_w(1,4) dL/dw(1,4) \\frac{1}{2}", &english).is_empty());
    let labels =
        dot_labels(r#"a [label="hidden layer 1", fontname="Sans"]; b [label=<<B>new</B> w>]"#);
    assert!(labels.contains("hidden layer 1") && labels.contains("new"));
    assert!(
        !labels.contains("Sans") && !labels.contains('B'),
        "{labels}"
    );
}

/// Assert `text` (from `what`) has no English catalogue word and no missing message.
fn assert_chinese(what: &str, text: &str, english: &BTreeSet<String>) {
    let found = english_in(text, english);
    assert!(
        found.is_empty(),
        "{what}: English words {found:?} in:\n{text}"
    );
    assert!(!text.contains('⟦'), "{what}: a missing message in:\n{text}");
    assert!(has_cjk(text), "{what}: no Chinese in:\n{text}");
}

/// Remove the paths of files a command wrote (their names are the user's or fixed file names,
/// not prose).
fn without_paths(text: &str, dir: &Path) -> String {
    let mut t = text
        .replace(&dir.display().to_string(), "")
        .replace(env!("CARGO_MANIFEST_DIR"), "")
        .replace("/tests/data/", "");
    for name in [
        "values.csv",
        "derivation.md",
        "tutorial.dot",
        "tutorial.svg",
        "accuracy.csv",
        "accuracy.svg",
        "trained.toml",
        "tutorial.toml",
        "diagram.dot",
        "graph.dot",
        "diagram.svg",
    ] {
        t = t.replace(name, "");
    }
    t
}

#[test]
fn run_render_train_and_tutorial_in_chinese_print_no_english_prose() {
    let english = english_words();
    let tmp = temp_dir();
    let dir = tmp.path();
    let ok = |out: &Output| {
        assert_eq!(out.status.code(), Some(0), "{}", seen(out));
        without_paths(&seen(out), dir)
    };

    let run = deltagraph(&["run", TUTORIAL, "--lang", "zh"], &[]);
    assert_chinese("run", &ok(&run), &english);

    for view in ["network", "graph"] {
        let dot = dir.join(format!(
            "{}.dot",
            if view == "graph" { "graph" } else { "diagram" }
        ));
        let out = deltagraph(
            &[
                "render",
                TUTORIAL,
                "-o",
                dot.to_str().unwrap(),
                "--view",
                view,
                "--edge-gradients",
                "--lang",
                "zh",
            ],
            &[],
        );
        assert_chinese(&format!("render --view {view}"), &ok(&out), &english);
        let text = std::fs::read_to_string(&dot).unwrap();
        assert_chinese(&format!("{view} DOT labels"), &dot_labels(&text), &english);
    }
    let svg = dir.join("diagram.svg");
    let out = deltagraph(
        &[
            "render",
            TUTORIAL,
            "-o",
            svg.to_str().unwrap(),
            "--renderer",
            "layout-rs",
            "--lang",
            "zh",
        ],
        &[],
    );
    ok(&out);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_chinese("layout-rs SVG", &svg_text(&text), &english);

    let train_dir = dir.join("t1");
    let out = deltagraph(
        &[
            "train",
            "--epochs",
            "3",
            "--out",
            train_dir.to_str().unwrap(),
            "--lang",
            "zh",
        ],
        &[],
    );
    assert_chinese("train", &ok(&out), &english);
    let plot = std::fs::read_to_string(train_dir.join("accuracy.svg")).unwrap();
    assert_chinese("train plot", &svg_text(&plot), &english);
    assert!(plot.contains("Noto Sans CJK SC"), "no CJK font in the plot");
    // trained.toml's comments (its keys, the data's class and column names are not prose).
    let trained = std::fs::read_to_string(train_dir.join("trained.toml")).unwrap();
    let comments: String = trained
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| !l.starts_with('(') && !l.starts_with("min") && !l.starts_with("max"))
        .map(|l| {
            format!(
                "{}\n",
                without_options(l).split('"').step_by(2).collect::<String>()
            )
        })
        .collect();
    // Code in backticks (`deltagraph train`, the scaling formula) is not prose.
    let comments: String = comments.split('`').step_by(2).collect();
    assert_chinese("trained.toml", &comments, &english);

    // explain: the derivation (Markdown with LaTeX; the LaTeX commands are not prose).
    let out = deltagraph(&["explain", TUTORIAL, "--lang", "zh"], &[]);
    let md = ok(&out);
    assert_chinese("explain", &md, &english);
    for term in [
        "前向传播",
        "反向传播",
        "误差项",
        "学习率",
        "输出层",
        "第一层隐藏层",
        "第二层隐藏层",
        "神经元",
        "权重",
        "偏置",
        "激活函数",
        "损失函数",
    ] {
        assert!(md.contains(term), "explain lacks {term}");
    }
    for expression in ["expression-cs231n.toml", "expression-sigmoid-neuron.toml"] {
        let spec = format!("{}/examples/{expression}", env!("CARGO_MANIFEST_DIR"));
        for command in ["explain", "run"] {
            let out = deltagraph(&[command, &spec, "--lang", "zh"], &[]);
            // The spec's own name ("sigmoid neuron") is the user's text, not ours.
            let text = ok(&out).replace("sigmoid neuron", "");
            assert_chinese(&format!("{command} {expression}"), &text, &english);
        }
    }

    // worksheet: the printable sheet (the CSV's header is for machines and stays).
    let out = deltagraph(
        &["worksheet", TUTORIAL, "--format", "md", "--lang", "zh"],
        &[],
    );
    assert_chinese("worksheet", &ok(&out), &english);

    // check: the report, the causes in JSON, the notes on the diagram.
    let out = deltagraph(&["check", TUTORIAL, PUBLISHED, "--lang", "zh"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", seen(&out));
    assert_chinese("check", &without_paths(&seen(&out), dir), &english);
    let out = deltagraph(
        &[
            "check", TUTORIAL, PUBLISHED, "--format", "json", "--lang", "zh",
        ],
        &[],
    );
    let values: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let causes: Vec<&str> = values
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["cause"].as_str())
        .collect();
    assert_eq!(causes.len(), 2, "{values}");
    assert_chinese("check JSON causes", &causes.join("\n"), &english);
    // The keys and the machine values stay as they are.
    assert_eq!(values[8]["verdict"], "slip", "{}", values[8]);
    assert_eq!(values[8]["cause_kind"], "misread");
    let diagram = dir.join("diagram.dot");
    let out = deltagraph(
        &[
            "check",
            TUTORIAL,
            PUBLISHED,
            "--diagram",
            diagram.to_str().unwrap(),
            "--lang",
            "zh",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", seen(&out));
    let dot = std::fs::read_to_string(&diagram).unwrap();
    assert!(dot.contains("错误：你写的是 8.979460467761783"), "{dot}");
    assert_chinese("check diagram labels", &dot_labels(&dot), &english);

    let tutorial_dir = dir.join("t2");
    let out = deltagraph(
        &["tutorial", "--out", tutorial_dir.to_str().unwrap()],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_chinese("tutorial", &ok(&out), &english);
}

#[test]
fn a_missing_file_is_reported_in_chinese() {
    let out = deltagraph(&["run", "no-such-spec.toml", "--lang", "zh"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let text = seen(&out).replace("no-such-spec.toml", "");
    assert_chinese("missing file", &text, &english_words());
    assert!(text.contains("错误：") && text.contains("不存在"), "{text}");
    let out = deltagraph(&["run", "no-such-spec.toml", "--lang", "en"], &[]);
    assert!(seen(&out).starts_with("error: no-such-spec.toml: expected a readable file"));
}

/// The arguments that run one bad or quirky input file (as `tests/bad_input.rs` runs them):
/// `spec-*` through `run`, `hand-*` through `check` against the tutorial, `iris-*` through
/// `train`.
fn input_case(file: &Path, out_dir: &Path) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let file = file.display().to_string();
    if name.starts_with("spec-") {
        vec!["run".into(), file]
    } else if name.starts_with("hand-") {
        vec!["check".into(), TUTORIAL.into(), file]
    } else if name.starts_with("iris-") {
        let out = out_dir.join("train-out").display().to_string();
        vec![
            "train".into(),
            file,
            "--epochs".into(),
            "1".into(),
            "--out".into(),
            out,
        ]
    } else {
        panic!("{name}: unknown case prefix")
    }
}

/// Every file of `tests/bad_input` and `tests/quirky_input` that a command reads.
fn input_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["bad_input", "quirky_input"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if ["spec-", "hand-", "iris-"]
                .iter()
                .any(|p| name.starts_with(p))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `text` without command-line options (`--train-rows`, `--lr`): they are typed as they are
/// in every language.
fn without_options(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("--") {
        out.push_str(&rest[..i]);
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-');
    }
    out.push_str(rest);
    out
}

#[test]
fn bad_and_quirky_inputs_are_reported_in_chinese() {
    // Every error a person can meet on these files: its frame, its location and what it says
    // about the file (expected and found) are Chinese; keys, names and the values quoted from
    // the file are kept as written. `LANG=zh_CN.UTF-8` says the same as `--lang zh`, and
    // `--lang en` is still English.
    let english = english_words();
    let files = input_files();
    assert!(files.len() > 50, "only {} input files", files.len());
    let mut errors = 0;
    for file in &files {
        let tmp = temp_dir();
        let dir = tmp.path();
        let args = input_case(file, dir);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut zh_args = args.clone();
        zh_args.extend(["--lang", "zh"]);
        let zh = deltagraph(&zh_args, &[]);
        let status = zh.status.code();
        assert!(matches!(status, Some(0..=2)), "{file:?}: {}", seen(&zh));
        // The file's own text and name may be quoted: take them out before the scan.
        let content = String::from_utf8_lossy(&std::fs::read(file).unwrap()).to_string();
        let shown = seen(&zh).replace(&file.display().to_string(), "");
        let mut text = without_paths(&shown, dir);
        for field in content.split([',', ';', '\n', '"', '=', '[', ']', ' ', '\t']) {
            let field = field.trim();
            if field.len() >= 3 {
                text = text.replace(field, "");
            }
        }
        // Code in backticks is what the file holds or must hold (`name,value`, `biases`);
        // options (`--train-rows`) are spelled as typed.
        let text = without_options(&text);
        let text: String = text
            .split('`')
            .enumerate()
            .filter(|(k, _)| k % 2 == 0)
            .map(|(_, part)| part)
            .collect();
        if status == Some(2) {
            errors += 1;
            assert!(seen(&zh).contains("错误："), "{file:?}: {}", seen(&zh));
        }
        assert_chinese(&format!("{file:?}"), &text, &english);
        let by_locale = deltagraph(&args, &[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(seen(&by_locale), seen(&zh), "{file:?}: LANG=zh_CN.UTF-8");
        let mut en_args = args.clone();
        en_args.extend(["--lang", "en"]);
        let en = deltagraph(&en_args, &[("LANG", "zh_CN.UTF-8")]);
        assert!(!has_cjk(&seen(&en)), "{file:?}: {}", seen(&en));
    }
    assert!(errors > 40, "only {errors} of the inputs were errors");
}

#[test]
fn help_and_usage_errors_in_chinese() {
    let english = english_words();
    // Every command's help: no English prose (option names, value names and file names aside).
    for sub in [
        "",
        "tutorial",
        "run",
        "check",
        "worksheet",
        "explain",
        "render",
        "train",
        "serve",
        "report",
    ] {
        let mut args: Vec<&str> = vec!["--lang", "zh"];
        if !sub.is_empty() {
            args.push(sub);
        }
        for flag in ["--help", "-h"] {
            let mut with_flag = args.clone();
            with_flag.push(flag);
            let out = deltagraph(&with_flag, &[]);
            assert_eq!(out.status.code(), Some(0), "{sub} {flag}: {}", seen(&out));
            let text = seen(&out);
            assert!(text.contains("用法：deltagraph"), "{sub} {flag}:\n{text}");
            // Usage lines, placeholders and option names are what is typed or named: `<描述文件>`,
            // `--lr`.
            let prose: String = text
                .lines()
                .filter(|l| !l.starts_with("用法："))
                // A listed command's name (`  check   逐步检查…`) is typed as it is.
                .map(|l| match l.strip_prefix("  ") {
                    Some(rest) if !rest.starts_with(' ') => {
                        rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric())
                    }
                    _ => l,
                })
                // A possible value (`- table：…`) and a default (`［默认：table］`) too.
                .map(|l| match l.trim_start().strip_prefix("- ") {
                    Some(rest) => {
                        rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '-')
                    }
                    None => l,
                })
                .map(|l| l.split(['<', '[', '［']).next().unwrap_or_default())
                .map(|l| format!("{}\n", without_options(l)))
                .collect();
            let prose = prose.split('`').step_by(2).collect::<String>();
            assert_chinese(&format!("{sub} {flag}"), &prose, &english);
            let by_locale = deltagraph(&with_flag[2..], &[("LANG", "zh_CN.UTF-8")]);
            assert_eq!(seen(&by_locale), text, "{sub} {flag}: LANG=zh_CN.UTF-8");
            // The positionals in the usage line's order, as in English.
            if let (Some(spec), Some(hand)) = (text.find("  <描述文件>"), text.find("  <手算文件>"))
            {
                assert!(spec < hand, "{sub} {flag}: HAND listed before SPEC\n{text}");
            }
        }
    }
    // clap's usage errors, by kind: exit status 2, the reason in Chinese.
    for (args, says) in [
        (&["run"][..], "缺少以下必需的参数：<描述文件>"),
        (
            &["run", TUTORIAL, "--digits", "40"],
            "应为 1 到 17 之间的整数，实际为 40",
        ),
        (&["run", TUTORIAL, "--digits", "many"], "应为整数"),
        (
            &["run", TUTORIAL, "--format", "xml"],
            "可选值：'table'；'csv'；'json'",
        ),
        (&["run", TUTORIAL, "--colour"], "无法识别的参数 '--colour'"),
        (&["rnu"], "无法识别的子命令 'rnu'"),
        (
            &["run", TUTORIAL, "--lang", "fr"],
            "应为 en 或 zh，实际为 fr",
        ),
    ] {
        let zh = deltagraph(args, &[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(zh.status.code(), Some(2), "{args:?}: {}", seen(&zh));
        let text = seen(&zh);
        assert!(
            text.contains(says) && text.starts_with("错误："),
            "{args:?}:\n{text}"
        );
        // What was typed is quoted ('--colour', 'rnu') and what is missing is named (<SPEC>).
        let mut prose = String::new();
        let mut inside: Option<char> = None;
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("用法："))
            .map(|l| format!("{l}\n"))
            .collect();
        for c in text.replace(TUTORIAL, "").chars() {
            match (inside, c) {
                (None, '\'') => inside = Some('\''),
                (None, '<') => inside = Some('>'),
                (Some(close), c) if c == close => inside = None,
                (None, c) => prose.push(c),
                _ => {}
            }
        }
        let prose = without_options(&prose);
        assert_chinese(&format!("{args:?}"), &prose, &english);
        let en = deltagraph(args, &[]);
        assert_eq!(en.status.code(), Some(2));
        assert!(
            !has_cjk(&seen(&en)) && seen(&en).starts_with("error:"),
            "{}",
            seen(&en)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The web pages and the worksheet's API

/// `text` without file names (`docs/spec-format.md`, `hand.csv`): they are the same in every
/// language.
#[cfg(feature = "web")]
fn without_file_names(text: &str) -> String {
    let is_path = |c: char| c.is_ascii_alphanumeric() || "_./-".contains(c);
    let mut out = String::new();
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let file = [".md", ".toml", ".csv", ".svg", ".png", ".html"]
            .iter()
            .any(|ext| token.ends_with(ext));
        if !file {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if is_path(c) {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// What a person reads on an HTML page: its text outside scripts, styles, the diagram and the
/// math (tested on their own), and the attributes the page speaks through (`aria-label`,
/// `title`, the script's words in `#words`), not the machine keys (`data-name`, `data-stage`).
#[cfg(feature = "web")]
fn page_text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<svg", "</svg>"),
        ("<math", "</math>"),
        ("<textarea", "</textarea>"),
        ("<title", "</title>"),
    ] {
        while let Some(a) = html.find(open) {
            let b = html[a..]
                .find(close)
                .map_or(html.len(), |b| a + b + close.len());
            html.replace_range(a..b, "");
        }
    }
    let mut spoken = String::new();
    for attribute in [
        "aria-label=\"",
        "title=\"",
        "data-ok=\"",
        "data-slip=\"",
        "data-carried=\"",
        "data-convention=\"",
        "data-unanswered=\"",
        "data-carried-from=\"",
        "data-carried-rounding=\"",
        "data-from-yours=\"",
        "data-exact=\"",
        "data-you-wrote=\"",
        "data-saved=\"",
        "data-loaded=\"",
        "data-server-error=\"",
        "data-summary=\"",
        "data-summary-convention=\"",
    ] {
        let mut rest = html.as_str();
        while let Some(i) = rest.find(attribute) {
            rest = &rest[i + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            spoken.push_str(&rest[..end]);
            spoken.push('\n');
        }
    }
    // The summary's placeholders are the script's: {ok}, {slip}.
    let spoken = spoken
        .replace("{ok}", "")
        .replace("{slip}", "")
        .replace("{carried}", "")
        .replace("{convention}", "")
        .replace("{unanswered}", "");
    let text = without_file_names(
        &strip_tags(&html)
            .replace("&#x27;", "'")
            .replace("&amp;", "&"),
    );
    // Names on the page (`z1`, `w(x1,1)`) and their formulas are canonical, not prose; a
    // step's or table's plain text (`hint`) is checked through the words above.
    format!("{text}\n{spoken}")
}

#[cfg(feature = "web")]
#[test]
fn the_report_page_in_chinese() {
    let tmp = temp_dir();
    let dir = tmp.path();
    let out = dir.join("report.html");
    let run = deltagraph(
        &[
            "report",
            TUTORIAL,
            "--hand",
            PUBLISHED,
            "-o",
            out.to_str().unwrap(),
        ],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(run.status.code(), Some(0), "{}", seen(&run));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">"));
    let text = page_text(&html).replace("deltagraph", "");
    assert_chinese("report", &text, &english_words());
    for term in ["前向传播", "反向传播", "误差项", "正确", "错误", "连带错误"] {
        assert!(text.contains(term), "{term} not on the page");
    }
    let en = deltagraph(
        &[
            "report",
            TUTORIAL,
            "-o",
            out.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(en.status.code(), Some(0));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!has_cjk(&page_text(&html)), "{}", page_text(&html));
}

/// A request to a running server; the answer's body.
#[cfg(feature = "web")]
fn http(addr: &str, request: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split_once("\r\n\r\n")
        .map_or(out.clone(), |(_, body)| body.to_string())
}

#[cfg(feature = "web")]
#[test]
fn the_worksheet_page_and_its_api_follow_the_language() {
    use std::io::BufRead;
    let start = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_deltagraph"));
        cmd.arg("serve").args(["--port", "0"]).args(args);
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(var);
        }
        let mut child = cmd
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        (Killed(child), addr)
    };
    let english = english_words();
    let page = |addr: &str, extra: &str| {
        http(
            addr,
            &format!("GET /{extra} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
        )
    };
    let check = |addr: &str, query: &str, headers: &str| {
        let body = r#"{"values": {"z1": "5", "z4": "7", "f1": "five"}}"#;
        let bad = http(
            addr,
            &format!(
                "POST /api/check{query} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        );
        let body = r#"{"values": {"z1": "5", "z4": "7"}}"#;
        let judged = http(
            addr,
            &format!(
                "POST /api/check{query} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        );
        (bad, judged)
    };
    // `--lang zh`: the page and the API in Chinese, whatever the browser says.
    let (_server, addr) = start(&["--lang", "zh"], &[]);
    let html = page(&addr, "");
    assert!(html.contains("<html lang=\"zh-CN\">"), "{html}");
    let text = page_text(&html)
        .replace("deltagraph", "")
        .replace("CSV", "");
    // The worksheet lists every canonical name with its formula: take those rows out.
    let text: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| has_cjk(l) || !english_in(l, &english).is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_chinese("served page", &text, &english);
    let (bad, judged) = check(&addr, "", "Accept-Language: en-US,en\r\n");
    assert!(
        bad.contains("无法读取") && bad.contains("应为有限数"),
        "{bad}"
    );
    assert!(
        judged.contains("读成了") && judged.contains("\"verdict\": \"slip\""),
        "{judged}"
    );
    // `?lang=en` asks for English, for one request.
    let (bad, judged) = check(&addr, "?lang=en", "");
    assert!(bad.contains("cannot be read") && !has_cjk(&bad), "{bad}");
    assert!(judged.contains("read as") && !has_cjk(&judged), "{judged}");
    drop(_server);
    // The locale, then the browser's Accept-Language when no --lang is given.
    let (_server, addr) = start(&[], &[("LANG", "zh_CN.UTF-8")]);
    assert!(page(&addr, "").contains("<html lang=\"zh-CN\">"));
    let (_, judged) = check(&addr, "", "Accept-Language: en-GB,en;q=0.8\r\n");
    assert!(judged.contains("read as"), "{judged}");
    let (_, judged) = check(&addr, "", "");
    assert!(judged.contains("读成了"), "{judged}");
    assert!(page(&addr, "?lang=en").contains("<html lang=\"en\">"));
}

// ---------------------------------------------------------------------------------------------
// Snapshots, read side by side with the tutorial before they were accepted

#[test]
fn the_chinese_check_report_of_the_tutorials_printed_values() {
    let out = deltagraph(&["check", TUTORIAL, PUBLISHED, "--lang", "zh"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", seen(&out));
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace(TUTORIAL, "tutorial.toml");
    insta::assert_snapshot!("check_report_zh", text);
}

#[test]
fn the_chinese_derivation_of_the_tutorial() {
    let out = deltagraph(&["explain", TUTORIAL, "--lang", "zh"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", seen(&out));
    insta::assert_snapshot!("derivation_zh", String::from_utf8(out.stdout).unwrap());
}

// ---------------------------------------------------------------------------------------------
// Chinese in the pictures

#[test]
fn chinese_diagrams_carry_cjk_labels_and_a_cjk_font() {
    let tmp = temp_dir();
    let dir = tmp.path();
    let dot_path = dir.join("net.dot");
    let out = deltagraph(
        &[
            "render",
            TUTORIAL,
            "-o",
            dot_path.to_str().unwrap(),
            "--lang",
            "zh",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", seen(&out));
    let dot = std::fs::read_to_string(&dot_path).unwrap();
    for label in [
        "第一层隐藏层",
        "第二层隐藏层",
        "输出层",
        "神经元 4",
        "损失函数",
        "输入",
    ] {
        assert!(dot.contains(label), "{label} missing from the DOT:\n{dot}");
    }
    // The canonical names stay as they are.
    for name in ["w(1,4)", "z4", "δ4", "f′(z4)"] {
        assert!(dot.contains(name), "{name} missing from the DOT");
    }
    assert!(dot.contains("Noto Sans CJK SC"), "no CJK font in the DOT");
    // The same diagram in English has no CJK at all.
    let en_path = dir.join("net-en.dot");
    let out = deltagraph(
        &[
            "render",
            TUTORIAL,
            "-o",
            en_path.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", seen(&out));
    let en = std::fs::read_to_string(&en_path).unwrap();
    assert!(!has_cjk(&en) && en.contains("hidden layer 1"));

    // SVG and PNG: through Graphviz when it is installed (CI installs it); without it, the SVG
    // comes from the built-in layout-rs renderer and PNG is refused (exit 2).
    let graphviz = Command::new("dot").arg("-V").output().is_ok();
    let svg_path = dir.join("net.svg");
    let out = deltagraph(
        &[
            "render",
            TUTORIAL,
            "-o",
            svg_path.to_str().unwrap(),
            "--lang",
            "zh",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", seen(&out));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg_text(&svg).contains("第一层隐藏层"), "{svg}");
    if graphviz {
        assert!(
            svg.contains("font-family=\"Noto Sans CJK SC,"),
            "no CJK font list in the SVG"
        );
    }
    let png_path = dir.join("net.png");
    let out = deltagraph(
        &[
            "render",
            TUTORIAL,
            "-o",
            png_path.to_str().unwrap(),
            "--lang",
            "zh",
        ],
        &[],
    );
    if graphviz {
        assert_eq!(out.status.code(), Some(0), "{}", seen(&out));
        let png = std::fs::read(&png_path).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    } else {
        assert_eq!(out.status.code(), Some(2), "{}", seen(&out));
    }
}
