//! Draw the computation graph of any expression, as micrograd's `draw_dot` does: every value
//! with its gradient, every op between its operands and its result.
//!
//! ```sh
//! cargo run --example draw_graph            # writes micrograd-graph.dot (and .svg)
//! cargo run --example draw_graph -- out/    # into out/
//! ```

use std::path::PathBuf;

use deltagraph::GraphBuilder;
use deltagraph::render::{self, Options, Renderer, View};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;

    // micrograd's first example: L = (a·b + c)·f, with its names.
    let x = GraphBuilder::new();
    let a = x.var(2.0).named("a");
    let b = x.var(-3.0).named("b");
    let c = x.var(10.0).named("c");
    let e = (a * b).named("e");
    let d = (e + c).named("d");
    let f = x.var(-2.0).named("f");
    let l = (d * f).named("L");
    l.backward(); // dL/da = b·f = 6, dL/db = a·f = −4, dL/dc = f = −2, dL/df = d = 4
    let g = x.into_graph();

    let opts = Options::default();
    let dot_path = dir.join("micrograd-graph.dot");
    std::fs::write(
        &dot_path,
        render::to_dot_string(&render::graph_dot(&g, &opts)),
    )?;
    println!("wrote {}", dot_path.display());

    let svg_path = dir.join("micrograd-graph.svg");
    let rendered = render::write(&svg_path, View::Graph(&g), &opts, Renderer::Auto)?;
    println!(
        "wrote {} (renderer: {})",
        svg_path.display(),
        rendered.drawn_by
    );
    Ok(())
}
