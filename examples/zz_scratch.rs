use deltagraph::net::Network;
use deltagraph::render::{self, Engine, Highlight, Options, View, LabelStyle};
use deltagraph::spec::{LayerSpec, Spec};
fn sized(sizes: &[usize]) -> Network {
    let layers = sizes.windows(2).map(|w| LayerSpec {
        weights: (0..w[1]).map(|j| (0..w[0]).map(|i| ((i * 7 + j * 3) % 11) as f64 / 10.0 - 0.5).collect()).collect(),
        biases: vec![0.1; w[1]], activation: None }).collect();
    let spec = Spec { input: vec![0.5; sizes[0]], target: vec![1.0; *sizes.last().unwrap()], layers, ..Spec::tutorial() };
    let mut net = Network::new(&spec); net.evaluate(); net
}
fn main() {
    let mut net = Network::new(&Spec::tutorial()); net.evaluate();
    let mut o = Options { show: render::Show::Forward, ..Options::default() };
    o.highlights.insert("delta5".into(), Highlight::slip().with_note("should be -6.304e-9"));
    o.highlights.insert("z4".into(), Highlight::slip().with_note("you wrote 5.99"));
    o.highlights.insert("f4".into(), Highlight::carried());
    o.highlights.insert("w(2,5)".into(), Highlight::carried());
    o.highlights.insert("L".into(), Highlight::carried());
    render::write("/tmp/rv/hl.png".as_ref(), View::Network(&net), &o, Engine::Auto).unwrap();
    render::write("/tmp/rv/hl-fb.svg".as_ref(), View::Network(&net), &o, Engine::LayoutRs).unwrap();
    let big = sized(&[100, 500, 400, 100]);
    let mut o = Options { edge_gradients: true, ..Options::default() };
    o.highlights.insert("z700".into(), Highlight::slip());
    render::write("/tmp/rv/big.png".as_ref(), View::Network(&big), &o, Engine::Auto).unwrap();
    render::write("/tmp/rv/big-fb.svg".as_ref(), View::Network(&big), &o, Engine::LayoutRs).unwrap();
    let wide = sized(&[25, 25, 1]);
    render::write("/tmp/rv/wide.png".as_ref(), View::Network(&wide), &Options::default(), Engine::Auto).unwrap(); render::write("/tmp/rv/wide.dot".as_ref(), View::Network(&wide), &Options::default(), Engine::Auto).unwrap();
    let small = sized(&[3, 4, 2]);
    render::write("/tmp/rv/g-small.png".as_ref(), View::NetworkGraph(&small), &Options{max_graph_nodes: 30, ..Options::default()}, Engine::Auto).unwrap();
    let _ = LabelStyle::Html;
}
