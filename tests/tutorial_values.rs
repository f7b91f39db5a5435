//! The tutorial's worked example, number for number, against the values it printed.

use deltagraph::net::Network;
use deltagraph::spec::Spec;
use std::path::PathBuf;

/// A fixture under `tests/data/`: the tutorial's spec and the values it printed, written down
/// from the tutorial's text.
fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// The published values: `name,value` rows printed with 15 decimals.
fn published() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(data("tutorial-published.csv"))
        .expect("tests/data/tutorial-published.csv is part of the repository");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (n, v) = l.split_once(',').unwrap();
            (n.trim().to_string(), v.trim().to_string())
        })
        .collect()
}

/// Whether `value` agrees with `printed` at every digit printed: they differ by less than one
/// unit in the last printed place.
///
/// The author carried rounded 15-decimal values from step to step, so a last digit can be the
/// other rounding of the exact value: the exact z4 is 5.99309295876232404…, printed as
/// …325 because it is the exact sum of the printed f1, f2, f3 (see
/// `the_authors_last_digits_come_from_carrying_printed_values`).
fn agrees_at_every_printed_digit(value: f64, printed: &str) -> bool {
    let decimals = printed.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let theirs: f64 = printed.parse().unwrap();
    (value - theirs).abs() < 10f64.powi(-decimals)
}

fn evaluated(spec: &Spec) -> Network {
    Network::evaluated(&spec.clone().validated("test spec").unwrap()).unwrap()
}

#[test]
fn the_tutorials_stated_spec_is_the_built_in_one() {
    let spec = Spec::load(&data("tutorial.toml")).unwrap();
    assert_eq!(spec, Spec::tutorial());
}

#[test]
fn stated_matrices_reproduce_the_published_forward_values_up_to_z4() {
    let net = evaluated(&Spec::tutorial());
    let published = published();
    for name in ["z1", "f1", "z2", "f2", "z3", "f3", "z4", "f4"] {
        let (_, printed) = published.iter().find(|(n, _)| n == name).unwrap();
        let v = net.get(name).unwrap();
        assert!(
            agrees_at_every_printed_digit(v, printed),
            "{name}: {v} vs published {printed}"
        );
    }
}

#[test]
fn with_w25_as_the_author_used_it_every_published_value_up_to_delta5_matches() {
    // The author computed z5 with w(2,5) = 3 although the stated matrix says 2.
    let mut spec = Spec::tutorial();
    spec.layers[1].weights[1][1] = 3.0;
    let net = evaluated(&spec);
    let published = published();
    let names = [
        "z1", "f1", "z2", "f2", "z3", "f3", "z4", "f4", "z5", "f5", "z6", "f6", "df6", "delta6",
        "df4", "df5", "delta4", "delta5",
    ];
    for name in names {
        let (_, printed) = published.iter().find(|(n, _)| n == name).unwrap();
        let v = net.get(name).unwrap();
        assert!(
            agrees_at_every_printed_digit(v, printed),
            "{name}: {v} vs published {printed}"
        );
    }
}

#[test]
fn first_neuron_by_hand() {
    // z1 = w(x1,1)·x1 + w(x2,1)·x2 + b1 = 2·1 + 1·2 + 1 = 5; f1 = 1/(1+e^−5).
    let net = evaluated(&Spec::tutorial());
    assert_eq!(net.get("z1"), Some(5.0));
    assert_eq!(net.get("f1"), Some(1.0 / (1.0 + (-5.0f64).exp())));
    // delta6 = −(y − f6)·f6·(1 − f6) for L = ½(y − f6)².
    let f6 = net.get("f6").unwrap();
    let expected = -(1.0 - f6) * f6 * (1.0 - f6);
    assert!((net.get("delta6").unwrap() - expected).abs() < 1e-18);
}

/// A printed 15-decimal value as an exact integer count of 1e-15 units.
fn units(printed: &str) -> i128 {
    let (int, frac) = printed.split_once('.').unwrap_or((printed, ""));
    let frac = format!("{frac:0<15}");
    let sign = if int.starts_with('-') { -1 } else { 1 };
    let int: i128 = int.trim_start_matches('-').parse().unwrap();
    sign * (int * 10i128.pow(15) + frac.parse::<i128>().unwrap())
}

#[test]
fn the_authors_last_digits_come_from_carrying_printed_values() {
    // Exact decimal arithmetic on the printed f values gives the printed z4 and z6 digit for
    // digit, where f64 arithmetic on exact values differs in the 15th decimal.
    let p: std::collections::HashMap<String, String> = published().into_iter().collect();
    let u = |n: &str| units(&p[n]);
    let one = 10i128.pow(15);
    assert_eq!(u("f1") + u("f2") + 2 * u("f3") + 2 * one, u("z4"));
    assert_eq!(u("f4") + 3 * u("f5") + 2 * one, u("z6"));
}

#[test]
fn values_are_the_tutorial_programs_bit_for_bit_for_z_of_either_sign() {
    // The tutorial's program computes z = 0; z += w_i·x_i; z += b and f = 1/(1 + e^−z); the
    // fixture is what Python gives with those formulas on a network with negative z (where
    // the form e^z/(1 + e^z) differs in the last bit: f1 and f4 here).
    let spec = Spec::load(&data("negative-z.toml")).unwrap();
    let net = evaluated(&spec);
    let text = std::fs::read_to_string(data("negative-z-python.csv")).unwrap();
    let mut negative = 0;
    let mut compared = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let (name, printed) = line.split_once(',').unwrap();
        let python: f64 = printed.parse().unwrap();
        let ours = net.get(name).unwrap();
        assert_eq!(
            ours.to_bits(),
            python.to_bits(),
            "{name}: {ours:?} vs Python's {python:?}"
        );
        negative += usize::from(name.starts_with('z') && python < 0.0);
        compared += 1;
    }
    assert_eq!(
        (compared, negative),
        (12, 5),
        "every z and f, five z below 0"
    );
}
