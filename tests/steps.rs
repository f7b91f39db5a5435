//! `--steps N`: step k + 1 starts from step k's updated parameters, on the command line.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

fn deltagraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(args)
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(name)
        .display()
        .to_string()
}

#[test]
fn run_csv_names_each_steps_values_and_chains_the_updates() {
    let out = deltagraph(&[
        "run",
        &data("tests/data/tutorial.toml"),
        "--steps",
        "3",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let values: HashMap<String, f64> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].parse().unwrap())
        })
        .collect();
    // The parameters of step k + 1 are the updates of step k, exactly (the CSV is exact).
    for p in ["w(x1,1)", "w(1,4)", "w(4,6)", "w(5,6)", "b1", "b6"] {
        assert_eq!(
            values[&format!("{p}@2")],
            values[&format!("new_{p}")],
            "{p}"
        );
        assert_eq!(
            values[&format!("{p}@3")],
            values[&format!("new_{p}@2")],
            "{p}"
        );
        // new_p@2 = p@2 − α·dL/dp@2 with α = 0.1 (no decay in the tutorial).
        let by_hand = values[&format!("{p}@2")] - 0.1 * values[&format!("dL/d{p}@2")];
        assert!(
            (values[&format!("new_{p}@2")] - by_hand).abs() < 1e-15,
            "{p}"
        );
    }
    // The same example again: the inputs do not change, the loss falls.
    assert_eq!(values["x2@3"], 2.0);
    assert!(values["L@2"] < values["L"] && values["L@3"] < values["L@2"]);
}

#[test]
fn json_lists_the_steps() {
    let out = deltagraph(&[
        "run",
        &data("examples/softmax.toml"),
        "--steps",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[1]["step"], 2);
    let value = |k: usize, name: &str| {
        steps[k]["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(value(1, "b4"), value(0, "new_b4"));
    assert!(value(1, "L") < value(0, "L"));
}

#[test]
fn explain_and_worksheet_show_every_step_and_an_expression_is_refused() {
    let out = deltagraph(&["explain", &data("tests/data/tutorial.toml"), "--steps", "2"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("# Step 2 of 2: from step 1's updated parameters"),
        "{md}"
    );
    let out = deltagraph(&[
        "worksheet",
        &data("tests/data/tutorial.toml"),
        "--steps",
        "2",
    ]);
    let sheet = String::from_utf8(out.stdout).unwrap();
    assert!(sheet.lines().any(|l| l.starts_with("z1@2,")), "{sheet}");
    assert!(sheet.lines().any(|l| l.starts_with("z1,")), "{sheet}");
    let out = deltagraph(&[
        "run",
        &data("examples/expression-cs231n.toml"),
        "--steps",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--steps") && err.contains("no parameters"),
        "{err}"
    );
}
