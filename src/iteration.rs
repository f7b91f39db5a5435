//! Several training steps on the same example: "now do the second iteration".
//!
//! Step 1 is the spec's network; step `k + 1` is step `k`'s network after its SGD step
//! ([`Network::step`], which applies [`crate::net::sgd_update`] to every parameter), evaluated
//! again on the same example (or batch). Nothing is recomputed any other way.
//!
//! # Names
//!
//! A value of step 1 keeps its canonical name; the same value in step `k ≥ 2` is the name
//! followed by `@k`: `z4@2`, `delta6@2`, `dL/dw(4,6)@2`, `new_b6@2`. The given parameters of
//! step 2 (`w(4,6)@2`) are the updated parameters of step 1 (`new_w(4,6)`).

use crate::net::Network;

/// The most steps any command takes (`--steps`, the `@k` of a hand file's names).
pub const MAX_STEPS: usize = 1000;

/// The evaluated networks of `steps` consecutive steps, the first being `net` itself
/// (evaluated). `steps` below 1 counts as 1.
pub fn iterate(net: &Network, steps: usize) -> Vec<Network> {
    let mut first = net.clone();
    first.evaluate();
    let mut out = vec![first];
    for _ in 1..steps {
        out.push(next_step(out.last().expect("at least one step")));
    }
    out
}

/// The network of the step after `net` (evaluated): its parameters updated by
/// [`Network::step`], evaluated again.
pub fn next_step(net: &Network) -> Network {
    let mut next = net.clone();
    next.step();
    next.evaluate();
    next
}

/// The name of canonical value `name` in step `k` (1-based): `z4` in step 1, `z4@2` in step 2.
pub fn step_name(name: &str, k: usize) -> String {
    if k <= 1 {
        name.to_string()
    } else {
        format!("{name}@{k}")
    }
}

/// A step name split into its canonical name and its step: `z4@2` → (`z4`, 2), `z4` →
/// (`z4`, 1).
pub fn split_step(name: &str) -> (&str, usize) {
    match name.rsplit_once('@') {
        Some((base, k)) => match k.parse::<usize>() {
            Ok(k) if k >= 1 => (base, k),
            _ => (name, 1),
        },
        None => (name, 1),
    }
}

/// Every canonical name of every step with its value, step by step.
pub fn values(steps: &[Network]) -> Vec<(String, f64)> {
    steps
        .iter()
        .enumerate()
        .flat_map(|(k, net)| {
            net.values()
                .into_iter()
                .map(move |(name, v)| (step_name(&name, k + 1), v))
        })
        .collect()
}

/// CSV (`name,value`) of every step: step 1's names as they are, then `name@2`, ….
pub fn csv(steps: &[Network]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["name", "value"])
        .expect("writing to memory");
    for (name, value) in values(steps) {
        w.write_record([name.as_str(), crate::format::exact(value).as_str()])
            .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flushing memory")).expect("UTF-8 names")
}

/// JSON: `{"network": …, "steps": [{"step": 1, "values": […]}, …]}`, each step's values as
/// [`crate::table::json`] gives them.
pub fn json(steps: &[Network]) -> String {
    let docs: Vec<serde_json::Value> = steps
        .iter()
        .enumerate()
        .map(|(k, net)| {
            let mut doc: serde_json::Value =
                serde_json::from_str(&crate::table::json(net)).expect("table::json writes JSON");
            let values = doc["values"].take();
            serde_json::json!({ "step": k + 1, "values": values })
        })
        .collect();
    let name = steps.first().and_then(|n| n.name.clone());
    let doc = serde_json::json!({ "network": name, "steps": docs });
    serde_json::to_string_pretty(&doc).expect("finite numbers serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::sgd_update;

    #[test]
    fn step_two_starts_from_step_ones_updates() {
        let net = Network::evaluated(&crate::spec::ValidSpec::tutorial()).unwrap();
        let steps = iterate(&net, 3);
        assert_eq!(steps.len(), 3);
        for k in 0..2 {
            for p in steps[k].parameters() {
                let name = steps[k].name_of(p);
                let updated = steps[k].get(&format!("new_{name}")).unwrap();
                // The next step's given parameter is this step's update, bit for bit.
                assert_eq!(steps[k + 1].get(&name), Some(updated));
                let by_rule = sgd_update(
                    steps[k].graph.value(p),
                    steps[k].graph.grad(p),
                    steps[k].learning_rate,
                    steps[k].decay_of(p),
                );
                assert_eq!(updated, by_rule);
            }
        }
        // Training on the one example lowers its loss.
        let losses: Vec<f64> = steps.iter().map(|n| n.get("L").unwrap()).collect();
        assert!(losses[1] < losses[0] && losses[2] < losses[1], "{losses:?}");
        let names: Vec<String> = values(&steps).into_iter().map(|(n, _)| n).collect();
        assert!(names.contains(&"z4".to_string()) && names.contains(&"z4@3".to_string()));
    }
}
