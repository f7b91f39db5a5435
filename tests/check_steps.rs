//! `check` on a second iteration: step 2 is judged from the person's own updated parameters,
//! with error carried forward across steps.
//!
//! References are independent of the checker: the exact values of both steps come from
//! `run --steps 2 --format csv`; step 2 as computed from a slipped weight comes from `run` on a
//! spec that has that weight (built here from the step-1 updates), or from the tutorial's
//! formulas written out below for the few values downstream of a slipped z6@2.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn deltagraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(args)
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn tutorial() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tutorial.toml")
        .display()
        .to_string()
}

/// `run SPEC --steps N --format csv`, in file order.
fn run_csv(spec: &str, steps: usize) -> Vec<(String, f64)> {
    let out = deltagraph(&[
        "run",
        spec,
        "--steps",
        &steps.to_string(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    csv::Reader::from_reader(&out.stdout[..])
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].parse().unwrap())
        })
        .collect()
}

/// The tutorial's 2-3-2-1 network as a spec with the parameters `p` (by canonical name).
fn tutorial_spec_with(p: &HashMap<String, f64>, path: &Path) {
    let layers: [(&[&str], &[u32]); 3] = [
        (&["x1", "x2"], &[1, 2, 3]),
        (&["1", "2", "3"], &[4, 5]),
        (&["4", "5"], &[6]),
    ];
    let mut text = String::from(
        "input = [1.0, 2.0]\ntarget = [1.0]\nloss = \"half_sse\"\nactivation = \"sigmoid\"\nlearning_rate = 0.1\n",
    );
    let num = |v: f64| format!("{v:?}");
    for (sources, neurons) in layers {
        let rows: Vec<String> = neurons
            .iter()
            .map(|n| {
                let row: Vec<String> = sources
                    .iter()
                    .map(|s| num(p[&format!("w({s},{n})")]))
                    .collect();
                format!("[{}]", row.join(", "))
            })
            .collect();
        let biases: Vec<String> = neurons.iter().map(|n| num(p[&format!("b{n}")])).collect();
        text.push_str(&format!(
            "[[layers]]\nweights = [{}]\nbiases = [{}]\n",
            rows.join(", "),
            biases.join(", ")
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// Exact values of both steps, in `run`'s order.
fn exact() -> Vec<(String, f64)> {
    run_csv(&tutorial(), 2)
}

/// The values of step 1 (no `@k`), exact.
fn step_one(exact: &[(String, f64)]) -> Vec<(String, f64)> {
    exact
        .iter()
        .filter(|(n, _)| !n.contains('@'))
        .cloned()
        .collect()
}

fn by_value_name(values: &[(String, f64)]) -> HashMap<&str, f64> {
    values.iter().map(|(n, v)| (n.as_str(), *v)).collect()
}

/// The step-1 updates (`new_…`) as step-2 parameters (by canonical name), with `changes`.
fn step_two_parameters(exact: &[(String, f64)], changes: &[(&str, f64)]) -> HashMap<String, f64> {
    let mut p: HashMap<String, f64> = exact
        .iter()
        .filter(|(n, _)| !n.contains('@'))
        .filter_map(|(n, v)| Some((n.strip_prefix("new_")?.to_string(), *v)))
        .collect();
    for (n, v) in changes {
        p.insert(n.to_string(), *v);
    }
    p
}

/// Step 1 computed from the spec with these parameters, renamed as step 2 (`z4@2`).
fn step_two_from(dir: &Path, params: &HashMap<String, f64>) -> Vec<(String, f64)> {
    let spec = dir.join("from-own-weights.toml");
    tutorial_spec_with(params, &spec);
    run_csv(spec.to_str().unwrap(), 1)
        .into_iter()
        .filter(|(n, _)| !matches!(n.as_str(), "x1" | "x2" | "y1"))
        .map(|(n, v)| (format!("{n}@2"), v))
        .collect()
}

/// Write `rows` as a hand file (values in shortest round-trip form) and check it as JSON.
fn check_json(dir: &Path, rows: &[(String, f64)]) -> (i32, Vec<Value>) {
    let hand = dir.join("hand.csv");
    let mut w = csv::Writer::from_path(&hand).unwrap();
    w.write_record(["name", "value"]).unwrap();
    for (n, v) in rows {
        w.write_record([n.as_str(), &format!("{v:?}")]).unwrap();
    }
    w.flush().unwrap();
    let tutorial = tutorial();
    let args = vec![
        "check",
        &tutorial,
        hand.to_str().unwrap(),
        "--format",
        "json",
    ];
    let out = deltagraph(&args);
    let json: Vec<Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json)
}

fn by_name(json: &[Value]) -> HashMap<String, &Value> {
    json.iter()
        .map(|j| (j["name"].as_str().unwrap().to_string(), j))
        .collect()
}

fn carried_from(j: &Value) -> Vec<&str> {
    j["carried_from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// A value the person computed right from a slip at `source`: where the slip changed it
/// (beyond a relative 1e-12) it is carried from that slip; where it did not it is ok, or carried
/// from it if the change shows at the 17 figures written. Returns whether it changed.
fn assert_follows(j: &Value, written: f64, exact: f64, source: &str) -> bool {
    let changed = (written - exact).abs() > 1e-12 * exact.abs();
    match j["verdict"].as_str() {
        Some("carried") => assert_eq!(carried_from(j), [source], "{j}"),
        Some("ok") => assert!(!changed, "{j}"),
        _ => panic!("neither ok nor carried: {j}"),
    }
    changed
}

#[test]
fn a_slipped_update_is_carried_into_every_step_two_value_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let exact = exact();
    let exact_map = by_value_name(&exact);
    // The person's new_w(4,6) is a slip (1.1 for 1.0000006…); step 2 done right from it.
    let slipped = 1.1;
    let step2 = step_two_from(
        dir.path(),
        &step_two_parameters(&exact, &[("w(4,6)", slipped)]),
    );
    let mut rows: Vec<(String, f64)> = exact
        .iter()
        .filter(|(n, _)| !n.contains('@'))
        .map(|(n, v)| (n.clone(), if n == "new_w(4,6)" { slipped } else { *v }))
        .collect();
    rows.extend(step2.iter().cloned());
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 1);
    let judged = by_name(&json);
    assert_eq!(judged["new_w(4,6)"]["verdict"], "slip");
    assert_eq!(judged["new_w(4,6)"]["step"], 1);
    let mut changed = 0;
    for (name, v) in &step2 {
        let j = judged[name.as_str()];
        assert_eq!(j["step"], 2, "{name}");
        changed += usize::from(assert_follows(
            j,
            *v,
            exact_map[name.as_str()],
            "new_w(4,6)",
        ));
    }
    // w(4,6)@2, z6@2 … every δ, gradient and update of step 2: the slip reaches far.
    assert!(changed >= 40, "{changed} step-2 values changed");
    assert!(json.iter().filter(|j| j["verdict"] == "slip").count() == 1);
}

#[test]
fn rounded_to_six_figures_the_carried_step_two_is_still_no_slip() {
    let dir = tempfile::tempdir().unwrap();
    let exact = exact();
    let step2 = step_two_from(dir.path(), &step_two_parameters(&exact, &[("w(4,6)", 1.1)]));
    let six = |v: f64| format!("{v:.5e}").parse::<f64>().unwrap();
    let mut rows: Vec<(String, f64)> = exact
        .iter()
        .filter(|(n, _)| !n.contains('@') && !n.starts_with("new_"))
        .map(|(n, v)| (n.clone(), six(*v)))
        .collect();
    rows.push(("new_w(4,6)".to_string(), 1.1));
    // The forward pass of step 2 and its output error term, as a person writes them.
    for name in [
        "w(4,6)@2",
        "z6@2",
        "f6@2",
        "L@2",
        "df6@2",
        "delta6@2",
        "dL/dw(4,6)@2",
    ] {
        let v = step2.iter().find(|(n, _)| n == name).unwrap().1;
        rows.push((name.to_string(), six(v)));
    }
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 1, "{json:?}");
    let judged = by_name(&json);
    assert_eq!(judged["new_w(4,6)"]["verdict"], "slip");
    for name in ["z6@2", "f6@2", "L@2", "df6@2", "delta6@2", "dL/dw(4,6)@2"] {
        let j = judged[name];
        assert_eq!(j["verdict"], "carried", "{name}: {j}");
        assert_eq!(carried_from(j), ["new_w(4,6)"], "{name}");
    }
}

#[test]
fn a_slip_first_made_in_step_two_is_a_slip_there_and_carried_downstream() {
    let dir = tempfile::tempdir().unwrap();
    let exact = exact();
    let e = by_value_name(&exact);
    // z6@2 written 0.5 too large; what follows from it, by the tutorial's formulas.
    let z6 = e["z6@2"] + 0.5;
    let f6 = 1.0 / (1.0 + (-z6).exp());
    let loss = 0.5 * (1.0 - f6) * (1.0 - f6);
    let df6 = f6 * (1.0 - f6);
    let delta6 = -(1.0 - f6) * df6;
    let grad_w46 = delta6 * e["f4@2"];
    let new_w46 = e["w(4,6)@2"] - 0.1 * grad_w46;
    let mut rows = step_one(&exact);
    for n in ["w(4,6)@2", "z4@2", "f4@2", "z5@2", "f5@2"] {
        rows.push((n.to_string(), e[n]));
    }
    let downstream = [
        ("f6@2", f6),
        ("L@2", loss),
        ("df6@2", df6),
        ("delta6@2", delta6),
        ("dL/dw(4,6)@2", grad_w46),
        ("new_w(4,6)@2", new_w46),
    ];
    rows.push(("z6@2".to_string(), z6));
    rows.extend(downstream.iter().map(|(n, v)| (n.to_string(), *v)));
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 1);
    let judged = by_name(&json);
    assert_eq!(judged["z6@2"]["verdict"], "slip");
    for (name, _) in downstream {
        assert_eq!(judged[name]["verdict"], "carried", "{name}");
        assert_eq!(carried_from(judged[name]), ["z6@2"], "{name}");
    }
    for j in json.iter().filter(|j| j["step"] == 1) {
        assert_eq!(j["verdict"], "ok", "{j}");
    }
    assert_eq!(json.iter().filter(|j| j["verdict"] == "slip").count(), 1);
}

#[test]
fn a_parameter_copied_wrongly_into_step_two_is_a_slip_at_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let exact = exact();
    let e = by_value_name(&exact);
    // new_w(4,6) right, then copied into step 2 as 1.2; step 2 right from the copy.
    let step2 = step_two_from(dir.path(), &step_two_parameters(&exact, &[("w(4,6)", 1.2)]));
    let mut rows = step_one(&exact);
    rows.extend(step2.iter().cloned());
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 1);
    let judged = by_name(&json);
    assert_eq!(judged["new_w(4,6)"]["verdict"], "ok");
    assert_eq!(judged["w(4,6)@2"]["verdict"], "slip");
    // A copying slip, its digits compared at the two figures written (1.0, not 1).
    let cause = judged["w(4,6)@2"]["cause"].as_str().unwrap();
    assert!(cause.contains("1.0 has 0 where 2 was written"), "{cause}");
    // What it should have been: the person's own update.
    assert_eq!(
        judged["w(4,6)@2"]["expected"].as_f64(),
        Some(e["new_w(4,6)"])
    );
    for (name, v) in step2.iter().filter(|(n, _)| n != "w(4,6)@2") {
        assert_follows(judged[name.as_str()], *v, e[name.as_str()], "w(4,6)@2");
    }
    assert_eq!(json.iter().filter(|j| j["verdict"] == "slip").count(), 1);
}

#[test]
fn an_update_left_unwritten_carries_the_gradient_slip_that_feeds_it() {
    let dir = tempfile::tempdir().unwrap();
    let exact = exact();
    let e = by_value_name(&exact);
    // dL/dw(4,6) written ten times too large; new_w(4,6) not written; step 2 done from the
    // update that gradient gives: w(4,6) − 0.1·dL/dw(4,6).
    let grad = 10.0 * e["dL/dw(4,6)"];
    let own_update = 1.0 - 0.1 * grad;
    let step2 = step_two_from(
        dir.path(),
        &step_two_parameters(&exact, &[("w(4,6)", own_update)]),
    );
    let mut rows: Vec<(String, f64)> = exact
        .iter()
        .filter(|(n, _)| !n.contains('@') && n != "new_w(4,6)")
        .map(|(n, v)| (n.clone(), if n == "dL/dw(4,6)" { grad } else { *v }))
        .collect();
    rows.extend(
        step2
            .iter()
            .filter(|(n, _)| ["z6@2", "f6@2", "delta6@2", "delta4@2"].contains(&n.as_str()))
            .cloned(),
    );
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 1);
    let judged = by_name(&json);
    assert_eq!(judged["dL/dw(4,6)"]["verdict"], "slip");
    for name in ["z6@2", "f6@2", "delta6@2", "delta4@2"] {
        assert_eq!(judged[name]["verdict"], "carried", "{name}");
        assert_eq!(carried_from(judged[name]), ["dL/dw(4,6)"], "{name}");
    }
}

#[test]
fn the_text_report_groups_the_steps_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let hand = dir.path().join("hand.csv");
    // Informal spellings with @2; new_w(4,6) a slip, step 2 computed from it.
    std::fs::write(
        &hand,
        "name,value\nnew_w46,1.1\nZ6 @ 2,6.0962\nyhat@2,0.99775\nDELTA6@2,\n",
    )
    .unwrap();
    let tutorial = tutorial();
    let en = deltagraph(&["check", &tutorial, hand.to_str().unwrap()]);
    assert_eq!(en.status.code(), Some(1));
    let text = String::from_utf8(en.stdout).unwrap();
    let (one, two) = text.split_once("Step 2 of 2").expect(&text);
    assert!(
        one.contains("Step 1 of 2") && one.contains("new_w(4,6)  1.1"),
        "{text}"
    );
    assert!(
        two.contains("z6@2      6.0962") && !one.contains("6.0962"),
        "{text}"
    );
    assert!(one.contains("Carried on to    z6@2, f6@2"), "{text}");
    assert!(text.contains("Left empty: delta6@2."), "{text}");
    let zh = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(["check", &tutorial, hand.to_str().unwrap(), "--lang", "zh"])
        .output()
        .unwrap();
    let text = String::from_utf8(zh.stdout).unwrap();
    assert!(text.contains("第 2 步（共 2 步）"), "{text}");
    assert!(text.contains("影响到"), "{text}");
    // A step-2 slip is worked with step 2's names and the person's numbers.
    std::fs::write(&hand, "z6@2,6.2\n").unwrap();
    let out = deltagraph(&["check", &tutorial, hand.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("z6@2 = w(4,6)@2·f4@2 + w(5,6)@2·f5@2 + b6@2 = 1.000001·0.9975103 + "),
        "{text}"
    );
}

#[test]
fn a_class_summary_lists_step_two_values_after_step_one() {
    let dir = tempfile::tempdir().unwrap();
    let class = dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    std::fs::write(class.join("a.csv"), "new_w(4,6),1.1\nz6@2,6.0962\n").unwrap();
    std::fs::write(class.join("b.csv"), "z6,5.9965\nz6@2,5.97\n").unwrap();
    let tutorial = tutorial();
    let out = deltagraph(&[
        "check",
        &tutorial,
        class.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["summary"]["by_name"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["z6", "new_w(4,6)", "z6@2"]);
    let z6 = &v["summary"]["by_name"][2];
    assert_eq!(
        (z6["carried"].as_u64(), z6["slip"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn an_expression_has_no_step_two_names() {
    let dir = tempfile::tempdir().unwrap();
    let hand = dir.path().join("hand.csv");
    std::fs::write(&hand, "q,3\nq@2,3\n").unwrap();
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/expression-cs231n.toml");
    let out = deltagraph(&["check", spec.to_str().unwrap(), hand.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2") && err.contains("q@2"), "{err}");
}

#[test]
fn a_convention_recognised_in_step_one_holds_in_step_two() {
    let dir = tempfile::tempdir().unwrap();
    // The textbook sign in both steps: every δ and gradient negated, the updates the same.
    let rows: Vec<(String, f64)> = exact()
        .into_iter()
        .map(|(n, v)| {
            let base = n.split('@').next().unwrap();
            let flip = base.starts_with("delta") || base.starts_with("dL/d");
            let v = if flip { -v } else { v };
            (n, v)
        })
        .collect();
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 0);
    let judged = by_name(&json);
    for name in ["delta6", "dL/dw(4,6)", "delta6@2", "dL/dw(4,6)@2"] {
        assert_eq!(judged[name]["verdict"], "convention", "{name}");
    }
    for name in ["new_w(4,6)", "z6@2", "new_w(4,6)@2"] {
        assert_eq!(judged[name]["verdict"], "ok", "{name}");
    }
}

#[test]
fn the_diagram_draws_step_one_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let hand = dir.path().join("hand.csv");
    std::fs::write(&hand, "z6,7.0\nz6@2,6.0962\n").unwrap();
    let dot = dir.path().join("d.dot");
    let tutorial = tutorial();
    let args = ["check", &tutorial, hand.to_str().unwrap(), "--diagram"];
    let out = deltagraph(&[&args[..], &[dot.to_str().unwrap()]].concat());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("the diagram shows step 1 only"), "{err}");
    // Step 1's slip is drawn; step 2's names are not in the picture.
    let dot = std::fs::read_to_string(dot).unwrap();
    assert!(
        dot.contains("slip: you wrote 7.0") && !dot.contains("@2"),
        "{dot}"
    );
    // One step: no such note.
    std::fs::write(&hand, "z6,7.0\n").unwrap();
    let out = deltagraph(&[&args[..], &[dir.path().join("e.dot").to_str().unwrap()]].concat());
    assert!(
        !String::from_utf8(out.stderr)
            .unwrap()
            .contains("step 1 only")
    );
}

#[test]
fn a_third_step_carries_a_step_one_slip_through_step_two_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let exact3 = run_csv(&tutorial(), 3);
    let e = by_value_name(&exact3);
    // new_w(4,6) slipped; nothing of step 2 written; step 3 done right from the slip: the
    // spec with the slipped weight run for two steps gives it (its step 2 is our step 3).
    let params = step_two_parameters(&exact3, &[("w(4,6)", 1.1)]);
    let spec = dir.path().join("slipped.toml");
    tutorial_spec_with(&params, &spec);
    let theirs = run_csv(spec.to_str().unwrap(), 2);
    let step3: Vec<(String, f64)> = theirs
        .iter()
        .filter_map(|(n, v)| Some((format!("{}@3", n.strip_suffix("@2")?), *v)))
        .filter(|(n, _)| ["z6@3", "f6@3", "delta6@3", "new_w(4,6)@3"].contains(&n.as_str()))
        .collect();
    assert_eq!(step3.len(), 4);
    let mut rows = vec![("new_w(4,6)".to_string(), 1.1)];
    rows.extend(step3.iter().cloned());
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 1);
    let judged = by_name(&json);
    for (name, _) in &step3 {
        let j = judged[name.as_str()];
        assert_eq!(
            (j["verdict"].as_str(), j["step"].as_u64()),
            (Some("carried"), Some(3))
        );
        assert_eq!(carried_from(j), ["new_w(4,6)"], "{name}");
        // The exact third step is run's, bit for bit: one update rule, applied twice.
        assert_eq!(j["exact"].as_f64(), Some(e[name.as_str()]), "{name}");
    }
}

/// A calculation in the loss-without-½ convention: L, every δ and gradient doubled, each
/// update w − 0.1·(doubled gradient), by hand.
fn without_half(values: &[(String, f64)]) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = values
        .iter()
        .map(|(n, v)| {
            let doubled = n == "L" || n.starts_with("delta") || n.starts_with("dL/d");
            (n.clone(), if doubled { 2.0 * v } else { *v })
        })
        .collect();
    let by_name: HashMap<String, f64> = out.iter().cloned().collect();
    for (n, v) in out.iter_mut() {
        if let Some(p) = n.strip_prefix("new_") {
            *v = by_name[p] - 0.1 * by_name[&format!("dL/d{p}")];
        }
    }
    out
}

#[test]
fn the_loss_without_its_half_is_a_convention_in_every_step() {
    let dir = tempfile::tempdir().unwrap();
    // Step 1 in the convention, then step 2 from its (doubled-step) updates, by `run` on a
    // spec with those parameters, in the convention too.
    let step1 = without_half(&run_csv(&tutorial(), 1));
    let params: HashMap<String, f64> = step1
        .iter()
        .filter_map(|(n, v)| Some((n.strip_prefix("new_")?.to_string(), *v)))
        .collect();
    let spec = dir.path().join("after-step-one.toml");
    tutorial_spec_with(&params, &spec);
    let step2: Vec<(String, f64)> = without_half(&run_csv(spec.to_str().unwrap(), 1))
        .into_iter()
        .filter(|(n, _)| !matches!(n.as_str(), "x1" | "x2" | "y1"))
        .map(|(n, v)| (format!("{n}@2"), v))
        .collect();
    let mut rows = step1;
    rows.extend(step2);
    let (code, json) = check_json(dir.path(), &rows);
    assert_eq!(code, 0, "{json:?}");
    let judged = by_name(&json);
    for name in ["L", "delta6", "L@2", "delta6@2", "dL/dw(4,6)@2"] {
        assert_eq!(judged[name]["verdict"], "convention", "{name}");
    }
    // The person's step 2 starts from the doubled step: its exact values are that step's.
    assert_eq!(judged["z6@2"]["verdict"], "ok");
    assert_eq!(judged["new_w(4,6)@2"]["verdict"], "convention");
}
