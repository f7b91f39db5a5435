//! Draw the tutorial's network with every forward and backward value on it.
//!
//! ```sh
//! cargo run --example render            # writes tutorial-network.dot (and .svg)
//! cargo run --example render -- out/    # into out/
//! ```
//!
//! The diagram is a graphviz-rust DOT model: print it as DOT text, or hand it to
//! `render::write`, which runs Graphviz `dot` when it is installed and the built-in layout-rs
//! renderer when it is not.

use std::path::PathBuf;

use deltagraph::net::Network;
use deltagraph::render::{self, Options, Renderer, View};
use deltagraph::spec::ValidSpec;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;

    // Build the tutorial's 2-3-2-1 network and run one forward and backward pass: the diagram
    // shows values, so they must exist first.
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();

    // The defaults: forward and backward values, 4 significant digits. Set `digits: 15` for
    // the tutorial's precision, `edge_gradients: true` for ∂L/∂w and the new weight on edges.
    let opts = Options::default();

    // The DOT text, straight from the model.
    let dot = render::to_dot_string(&render::network_dot(&net, &opts));
    let dot_path = dir.join("tutorial-network.dot");
    std::fs::write(&dot_path, &dot)?;
    println!("wrote {} ({} bytes of DOT)", dot_path.display(), dot.len());

    // The picture, by whichever renderer this machine has.
    let svg_path = dir.join("tutorial-network.svg");
    let rendered = render::write(&svg_path, View::Network(&net), &opts, Renderer::Auto)?;
    println!(
        "wrote {} (renderer: {})",
        svg_path.display(),
        rendered.drawn_by
    );
    Ok(())
}
