//! The spec loader on arbitrary bytes: every input is either a spec or a clean error, and a
//! spec runs through every report without panicking.
#![no_main]

use deltagraph::net::Network;
use deltagraph::spec::Spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(spec) = Spec::parse(text, "fuzz.toml") else { return };
    // Keep the fuzzer on the parser, not on building giant networks.
    let size: usize = spec.layers.iter().map(|l| l.weights.iter().map(Vec::len).sum::<usize>()).sum();
    if size > 10_000 {
        return;
    }
    let mut net = Network::new(&spec);
    net.evaluate();
    if net.first_non_finite().is_none() {
        let _ = deltagraph::table::csv(&net);
        let _ = deltagraph::table::text(&net, 6, Default::default());
        let _ = deltagraph::derivation::markdown::markdown(
            &deltagraph::derivation::build(&net, &Default::default()),
            Default::default(),
        );
    }
});
