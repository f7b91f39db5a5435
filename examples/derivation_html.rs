//! Writes the tutorial's derivation as a small HTML page with MathML (to look at in a
//! browser): `cargo run --example derivation_html > derivation.html`.

use deltagraph::derivation::{Options, build, html::html};
use deltagraph::net::Network;
use deltagraph::spec::ValidSpec;

fn main() {
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    let body = html(&build(&net, &Options::default()), Default::default());
    println!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>derivation</title></head><body>\n{body}</body></html>"
    );
}
