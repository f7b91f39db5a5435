//! The hand-values reader on arbitrary bytes, and the checker on whatever it accepts.
#![no_main]

use deltagraph::check::Checker;
use deltagraph::net::Network;
use deltagraph::spec::ValidSpec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let net = Network::new(&ValidSpec::tutorial());
    let names: Vec<&str> = net.entries().iter().map(|e| e.name.as_str()).collect();
    let Ok(hand) = deltagraph::hand::parse(text, "fuzz.csv", &names) else { return };
    let checker = Checker::new(&net);
    let report = checker.check(&hand);
    let _ = deltagraph::check::report::text(&report, checker.network(), "fuzz.toml");
    let _ = deltagraph::check::report::json(&report);
});
