//! The tutorial's worked example in a few lines of library code.
//!
//! This example teaches one thing: a [`Network`] built from a [`Spec`] is one computation graph
//! in which every number of the worked example — each z, f(z), δ, gradient and updated weight —
//! has a canonical name you can ask for, and each comes with the formula that produced it.
//!
//! ```sh
//! cargo run --example tutorial
//! ```

use deltagraph::derivation;
use deltagraph::format;
use deltagraph::net::Network;
use deltagraph::spec::ValidSpec;

fn main() {
    // The 2-3-2-1 sigmoid network of the tutorial: x = (1, 2), y = 1, L = ½(y − ŷ)², α = 0.1.
    let mut net = Network::new(&ValidSpec::tutorial());

    // One forward pass and one reverse pass over the compiled tape.
    net.evaluate();

    // Every value has a canonical name (see docs/value-names.md).
    for name in [
        "z1",
        "f1",
        "z6",
        "f6",
        "L",
        "delta6",
        "dL/dw(4,6)",
        "new_w(4,6)",
    ] {
        let value = net.get(name).expect("a canonical name of this network");
        println!("{name:>12} = {}", format::exact(value));
    }

    // And every computed value has its formula: here δ4, the error term of the first neuron of
    // the second hidden layer, once with names and once with the numbers substituted.
    let entry = net.entry("delta4").expect("neuron 4 exists");
    let formula = derivation::formula(&net, entry).expect("δ is computed, so it has a formula");
    let lookup = |name: &str| net.get(name);
    println!();
    println!("delta4 = {}", formula.plain());
    println!("       = {}", formula.with_values(&lookup, 6).plain());
    println!("       = {}", format::exact(net.get("delta4").unwrap()));
}
