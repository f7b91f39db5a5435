//! Diagrams: the DOT models parse back, labels survive escaping, Graphviz renders them without
//! a warning, the fallback draws without Graphviz, big networks are collapsed, and bad output
//! paths fail cleanly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deltagraph::graph::Graph;
use deltagraph::i18n::Lang;
use deltagraph::net::Network;
use deltagraph::render::escape::unescape;
use deltagraph::render::{self, Highlight, LabelStyle, Options, Renderer, Show, View};
use deltagraph::spec::{ExampleSpec, LayerSpec, Spec, ValidSpec};
use graphviz_rust::dot_structures::{Attribute, Graph as DotGraph, Id, Stmt};

fn tutorial() -> Network {
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    net
}

/// micrograd's classic example: L = (a·b + c)·f.
fn micrograd() -> Graph {
    let mut g = Graph::new();
    let a = g.input("a", 2.0);
    let b = g.input("b", -3.0);
    let c = g.input("c", 10.0);
    let e = g.mul(a, b);
    g.set_name(e, "e");
    let d = g.add(e, c);
    g.set_name(d, "d");
    let f = g.input("f", -2.0);
    let l = g.mul(d, f);
    g.set_name(l, "L");
    g.forward();
    g.backward(l);
    g
}

/// A fully connected sigmoid network with these layer sizes (inputs first), small weights.
fn sized(sizes: &[usize]) -> Network {
    sized_with(sizes, Vec::new())
}

/// [`sized`] as a batch of `examples`, when there are any.
fn sized_with(sizes: &[usize], examples: Vec<ExampleSpec>) -> Network {
    let layers = sizes
        .windows(2)
        .map(|w| LayerSpec {
            weights: (0..w[1])
                .map(|j| {
                    (0..w[0])
                        .map(|i| ((i * 7 + j * 3) % 11) as f64 / 10.0 - 0.5)
                        .collect()
                })
                .collect(),
            biases: vec![0.1; w[1]],
            activation: None,
        })
        .collect();
    // A batch gives its examples instead of one input and target.
    let (input, target) = if examples.is_empty() {
        (vec![0.5; sizes[0]], vec![1.0; *sizes.last().unwrap()])
    } else {
        (Vec::new(), Vec::new())
    };
    let spec = Spec {
        input,
        target,
        examples,
        layers,
        ..Spec::tutorial()
    };
    let mut net = Network::new(&spec.validated("layered").unwrap());
    net.evaluate();
    net
}

fn dot_text(view: View<'_>, opts: &Options, style: LabelStyle) -> String {
    render::to_dot_string(&view.dot(opts, style))
}

/// Every variant of both views that the tests render.
fn variants() -> Vec<(String, Options)> {
    let mut out = Vec::new();
    for show in [Show::Forward, Show::Backward, Show::Both] {
        for edge_gradients in [false, true] {
            let opts = Options {
                show,
                edge_gradients,
                ..Options::default()
            };
            out.push((format!("{show:?} edge_gradients={edge_gradients}"), opts));
        }
    }
    let mut marked = Options::default();
    marked
        .highlights
        .insert("z5".into(), Highlight::slip().with_note("you wrote 7.9"));
    marked
        .highlights
        .insert("w(2,5)".into(), Highlight::carried());
    marked.highlights.insert("L".into(), Highlight::carried());
    out.push(("highlights".into(), marked));
    out
}

fn statements(stmts: &[Stmt], out: &mut Vec<Stmt>) {
    for s in stmts {
        if let Stmt::Subgraph(sub) = s {
            statements(&sub.stmts, out);
        }
        out.push(s.clone());
    }
}

/// Every statement of a model, subgraphs flattened.
fn all_statements(g: &DotGraph) -> Vec<Stmt> {
    let stmts = match g {
        DotGraph::DiGraph { stmts, .. } | DotGraph::Graph { stmts, .. } => stmts,
    };
    let mut out = Vec::new();
    statements(stmts, &mut out);
    out
}

fn count_nodes_and_edges(g: &DotGraph) -> (usize, usize) {
    let all = all_statements(g);
    let nodes = all.iter().filter(|s| matches!(s, Stmt::Node(_))).count();
    let edges = all.iter().filter(|s| matches!(s, Stmt::Edge(_))).count();
    (nodes, edges)
}

fn label_of(attrs: &[Attribute]) -> Option<String> {
    attrs
        .iter()
        .find(|a| a.0 == Id::Plain("label".into()))
        .map(|a| unescape(&a.1))
}

/// The text of every node and edge label.
fn labels(g: &DotGraph) -> Vec<String> {
    all_statements(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => label_of(&n.attributes),
            Stmt::Edge(e) => label_of(&e.attributes),
            _ => None,
        })
        .collect()
}

fn dot_installed() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

/// `dot -Tsvg`: the picture and whatever it printed on stderr.
fn graphviz_svg(dot: &str) -> (String, String) {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("render-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn deltagraph(args: &[&str], path: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deltagraph"));
    cmd.args(args);
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    cmd.output().expect("the binary runs")
}

fn tutorial_spec() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tutorial.toml").to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn tutorial_network_dot_snapshot() {
    let dot = render::to_dot_string(&render::network_dot(&tutorial(), &Options::default()));
    insta::assert_snapshot!("tutorial_network_dot", dot);
}

#[test]
fn micrograd_graph_dot_snapshot() {
    let dot = render::to_dot_string(&render::graph_dot(&micrograd(), &Options::default()));
    insta::assert_snapshot!("micrograd_graph_dot", dot);
}

#[test]
fn every_view_parses_back_to_the_same_model() {
    let net = tutorial();
    let g = micrograd();
    for (what, opts) in variants() {
        for style in [LabelStyle::Html, LabelStyle::Plain] {
            for view in [
                View::Network(&net),
                View::NetworkGraph(&net),
                View::Graph(&g),
            ] {
                let model = view.dot(&opts, style);
                let text = render::to_dot_string(&model);
                let parsed = graphviz_rust::parse(&text)
                    .unwrap_or_else(|e| panic!("{what} {style:?}: {e}\n{text}"));
                assert_eq!(parsed, model, "{what} {style:?} {view:?}");
            }
        }
    }
}

#[test]
fn tutorial_network_shows_every_neuron_value_and_weight() {
    let net = tutorial();
    let opts = Options {
        edge_gradients: true,
        ..Options::default()
    };
    let model = render::network_dot(&net, &opts);
    // 9 nodes (2 inputs, 6 neurons, L); all 14 weights and the edge into L.
    assert_eq!(count_nodes_and_edges(&model), (9, 15));
    let text = labels(&model).join("\n");
    for needle in [
        "neuron 4",
        "z4",
        "5.993",
        "δ6",
        "-6.142e-6",
        "w(1,4)",
        "∂L/∂w",
        "ŷ1 = f6",
        "3.078e-6",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    // Clusters carry the layer names, in order.
    let dot = render::to_dot_string(&render::network_dot(&net, &opts));
    let order: Vec<usize> = [
        "\"inputs\"",
        "hidden layer 1",
        "hidden layer 2",
        "output layer",
    ]
    .iter()
    .map(|s| dot.find(s).unwrap_or_else(|| panic!("{s}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn show_forward_and_backward_select_rows() {
    let net = tutorial();
    let text = |show| {
        labels(&render::network_dot(
            &net,
            &Options {
                show,
                ..Options::default()
            },
        ))
        .join("\n")
    };
    let forward = text(Show::Forward);
    assert!(
        forward.contains("f(z4)") && !forward.contains("δ4"),
        "{forward}"
    );
    let backward = text(Show::Backward);
    assert!(
        backward.contains("δ4") && !backward.contains("f(z4)"),
        "{backward}"
    );
}

#[test]
fn highlights_colour_the_row_and_its_neuron_or_edge() {
    let net = tutorial();
    let mut opts = Options {
        show: Show::Forward,
        ..Options::default()
    };
    opts.highlights.insert(
        "delta5".into(),
        Highlight::slip().with_note("should be -6.304e-9"),
    );
    opts.highlights
        .insert("w(2,5)".into(), Highlight::carried());
    let model = render::network_dot(&net, &opts);
    let slip = Highlight::slip();
    let carried = Highlight::carried();
    let mut neuron5 = None;
    let mut edge25 = None;
    for s in all_statements(&model) {
        match s {
            Stmt::Node(n) if n.id.0 == Id::Plain("n5".into()) => neuron5 = Some(n.attributes),
            Stmt::Edge(e) if label_of(&e.attributes).is_some_and(|l| l.contains("w(2,5)")) => {
                edge25 = Some(e.attributes)
            }
            _ => {}
        }
    }
    let neuron5 = neuron5.expect("neuron 5 drawn");
    let label = label_of(&neuron5).unwrap();
    // δ5 is shown although --show forward hides δ: it is marked.
    assert!(
        label.contains("δ5") && label.contains(&slip.background),
        "{label}"
    );
    assert!(label.contains("should be -6.304e-9"), "{label}");
    assert!(neuron5.contains(&Attribute(
        Id::Plain("color".into()),
        Id::Escaped(format!("\"{}\"", slip.color))
    )));
    let edge25 = edge25.expect("w(2,5) drawn");
    assert!(edge25.contains(&Attribute(
        Id::Plain("color".into()),
        Id::Escaped(format!("\"{}\"", carried.color))
    )));
}

#[test]
fn micrograd_graph_shows_values_gradients_and_ops() {
    let g = micrograd();
    let model = render::graph_dot(&g, &Options::default());
    let text = labels(&model).join("\n");
    // L = (2·−3 + 10)·−2 = −8; dL/da = b·f = 6, dL/db = a·f = −4, dL/dd = f = −2, dL/df = d = 4.
    for needle in ["-8", "value", "grad", "×", "+"] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    let grad_of = |name: &str| {
        labels(&model)
            .into_iter()
            .find(|l| l.contains(&format!("<B>{name}</B>")))
            .unwrap()
    };
    assert!(grad_of("a").contains(">6<"), "{}", grad_of("a"));
    assert!(grad_of("b").contains(">-4<"), "{}", grad_of("b"));
    assert!(grad_of("f").contains(">4<"), "{}", grad_of("f"));
    // Two value nodes per op-result (value + op), one per leaf: 4 leaves + 3 results × 2.
    assert_eq!(count_nodes_and_edges(&model), (10, 9));
}

/// Names with every character that needs escaping somewhere: DOT quotes, escString
/// backslashes, HTML brackets and entities, record separators, and non-ASCII.
const NASTY: [&str; 4] = ["say \"hi\" \\n", "a<b>&c", "{x|y}", "δ ŷ ∂L/∂w"];

fn nasty_graph() -> Graph {
    let mut g = Graph::new();
    let ids: Vec<_> = NASTY
        .iter()
        .enumerate()
        .map(|(i, n)| g.input(n, i as f64))
        .collect();
    let s = g.sum(&ids);
    g.set_name(s, "total \\ \"all\"");
    g.forward();
    g.backward(s);
    g
}

#[test]
fn labels_round_trip_through_escaping() {
    let g = nasty_graph();
    for style in [LabelStyle::Html, LabelStyle::Plain] {
        let model = View::Graph(&g).dot(&Options::default(), style);
        let text = render::to_dot_string(&model);
        let parsed = graphviz_rust::parse(&text).unwrap();
        assert_eq!(parsed, model, "{style:?}");
        let labels = labels(&parsed).join("\n");
        for name in NASTY.iter().chain(&["total \\ \"all\""]) {
            let shown = match style {
                // HTML labels hold the name entity-escaped; unescape decodes it.
                LabelStyle::Html => labels.contains(&format!("<B>{name}</B>")),
                LabelStyle::Plain => labels.lines().any(|l| l == *name),
            };
            assert!(shown, "{style:?}: {name:?} not found in\n{labels}");
        }
    }
}

#[test]
fn graphviz_draws_escaped_labels_literally() {
    if !dot_installed() {
        eprintln!("skipped: Graphviz dot is not installed (CI installs it)");
        return;
    }
    let g = nasty_graph();
    let (svg, warnings) = graphviz_svg(&dot_text(
        View::Graph(&g),
        &Options::default(),
        LabelStyle::Html,
    ));
    assert_eq!(warnings, "");
    // Graphviz writes text XML-escaped; each name must appear exactly as given.
    for name in [
        "say &quot;hi&quot; \\n",
        "a&lt;b&gt;&amp;c",
        "{x|y}",
        "δ ŷ ∂L/∂w",
        "total \\ &quot;all&quot;",
    ] {
        assert!(svg.contains(name), "{name} not in the SVG");
    }
}

#[test]
fn layout_rs_draws_escaped_labels_literally() {
    let g = nasty_graph();
    let svg = render::render(
        View::Graph(&g),
        &Options::default(),
        render::DiagramFormat::Svg,
        Renderer::LayoutRs,
    )
    .unwrap();
    assert_eq!(svg.drawn_by, render::DrawnBy::LayoutRs);
    let svg = String::from_utf8(svg.bytes).unwrap();
    for name in [
        "say &quot;hi&quot; \\n",
        "a&lt;b&gt;&amp;c",
        "{x|y}",
        "δ ŷ ∂L/∂w",
        "total \\ &quot;all&quot;",
    ] {
        assert!(svg.contains(name), "{name} not in the fallback SVG");
    }
}

#[test]
fn graphviz_renders_every_view_without_warnings() {
    if !dot_installed() {
        eprintln!("skipped: Graphviz dot is not installed (CI installs it)");
        return;
    }
    let net = tutorial();
    let g = micrograd();
    let big = sized(&[100, 500, 400, 100]);
    let wide = sized(&[25, 25, 1]);
    for (what, opts) in variants() {
        for view in [
            View::Network(&net),
            View::NetworkGraph(&net),
            View::Graph(&g),
            View::Network(&big),
            View::Network(&wide),
        ] {
            let (svg, warnings) = graphviz_svg(&dot_text(view, &opts, LabelStyle::Html));
            assert_eq!(warnings, "", "{what}: {view:?}");
            assert!(svg.contains("</svg>"));
        }
    }
}

#[test]
fn a_thousand_neurons_are_collapsed_per_layer() {
    let net = sized(&[100, 500, 400, 100]);
    let mut opts = Options::default();
    opts.highlights.insert("z700".into(), Highlight::slip());
    let model = render::network_dot(&net, &opts);
    let (nodes, edges) = count_nodes_and_edges(&model);
    // inputs, three layers, loss; one edge between each.
    assert_eq!((nodes, edges), (5, 4));
    let text = render::to_dot_string(&model);
    assert!(
        text.contains("1000 neurons and 290000 weights are too many"),
        "{text}"
    );
    // The marked value is listed in its layer's box: neuron 700 is in hidden layer 2.
    let layer2 = labels(&model)
        .into_iter()
        .find(|l| l.contains("hidden layer 2"))
        .unwrap();
    assert!(layer2.contains("z700"), "{layer2}");
}

#[test]
fn a_collapsed_example_of_a_batch_names_its_inputs_and_loss_with_its_number() {
    let example = |x: f64| ExampleSpec {
        input: vec![x; 100],
        target: vec![1.0; 100],
    };
    let net = sized_with(&[100, 500, 400, 100], vec![example(0.5), example(0.25)]);
    for lang in [Lang::En, Lang::Zh] {
        let opts = Options {
            example: Some(1),
            lang,
            ..Options::default()
        };
        let model = render::network_dot(&net, &opts);
        assert_eq!(count_nodes_and_edges(&model), (5, 4), "collapsed");
        let labels = labels(&model);
        let inputs = labels
            .iter()
            .find(|l| l.contains("x1[2]"))
            .unwrap_or_else(|| panic!("{labels:?}"));
        assert!(inputs.contains("x1[2] … x100[2]"), "{inputs}");
        // The second example's inputs, not the first's.
        assert!(
            inputs.contains("0.25") && !inputs.contains("0.5"),
            "{inputs}"
        );
        assert!(labels.iter().any(|l| l.contains("L[2]")), "{labels:?}");
    }
}

#[test]
fn many_weights_are_capped_with_a_note() {
    let net = sized(&[25, 25, 1]); // 26 neurons, 650 weights: fewer than 60 neurons
    let model = render::network_dot(&net, &Options::default());
    let (nodes, edges) = count_nodes_and_edges(&model);
    assert_eq!(nodes, 25 + 26 + 1);
    // Four labels per neuron of the taller layer: 100 of the 625 weights into layer 1, all 25
    // into the output; and the output's edge to L.
    assert_eq!(edges, 100 + 25 + 1);
    let text = render::to_dot_string(&model);
    assert!(
        text.contains("Showing 125 of 650 weights: each neuron's inputs with the largest |w|"),
        "{text}"
    );
    // Every neuron of layer 1 keeps its four strongest inputs.
    for n in 1..=25 {
        let into = all_statements(&model)
            .iter()
            .filter(|s| matches!(s, Stmt::Edge(e) if matches!(&e.ty, graphviz_rust::dot_structures::EdgeTy::Pair(_, graphviz_rust::dot_structures::Vertex::N(id)) if id.0 == Id::Plain(format!("n{n}")))))
            .count();
        assert_eq!(into, 4, "neuron {n}");
    }
}

#[test]
fn a_big_computation_graph_is_cut_to_the_output_side() {
    let net = sized(&[20, 20, 1]);
    let model = render::graph_dot(&net.graph, &Options::default());
    let value_nodes = all_statements(&model)
        .iter()
        .filter(|s| matches!(s, Stmt::Node(n) if matches!(&n.id.0, Id::Plain(id) if id.starts_with('v'))))
        .count();
    assert_eq!(value_nodes, 300);
    assert!(render::to_dot_string(&model).contains("earlier values"));
}

#[test]
fn cli_writes_dot_svg_and_png() {
    let dir = scratch("cli");
    let spec = tutorial_spec();
    for (file, extra) in [
        ("net.dot", vec![]),
        ("net.svg", vec!["--edge-gradients"]),
        ("graph.svg", vec!["--view", "graph", "--show", "backward"]),
        ("net.png", vec!["--digits", "15"]),
    ] {
        if file.ends_with(".png") && !dot_installed() {
            continue;
        }
        let out_path = dir.join(file);
        let mut args = vec!["render", spec.as_str(), "-o", out_path.to_str().unwrap()];
        args.extend(extra);
        let out = deltagraph(&args, None);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let bytes = std::fs::read(&out_path).unwrap();
        let msg = stderr(&out);
        assert!(
            msg.contains(&format!("wrote {}", out_path.display())),
            "{msg}"
        );
        match file.rsplit('.').next().unwrap() {
            "dot" => {
                assert!(msg.contains("DOT source"));
                graphviz_rust::parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
            }
            "svg" => {
                let svg = String::from_utf8(bytes).unwrap();
                assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
                let renderer = if dot_installed() {
                    "graphviz dot"
                } else {
                    "layout-rs"
                };
                assert!(msg.contains(renderer), "{msg}");
            }
            _ => assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n"),
        }
    }
    // Nothing else in the directory: no temporary files left behind.
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        4 - usize::from(!dot_installed())
    );
}

#[test]
fn without_dot_on_path_svg_falls_back_to_layout_rs() {
    let dir = scratch("fallback");
    let empty = dir.join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let spec = tutorial_spec();
    let svg_path = dir.join("net.svg");
    let out = deltagraph(
        &["render", &spec, "-o", svg_path.to_str().unwrap()],
        Some(empty.to_str().unwrap()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("renderer: layout-rs fallback"),
        "{}",
        stderr(&out)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    for text in [
        "neuron 4 · hidden layer 2 (sigmoid)",
        "z4 = 5.993",
        "δ6 = -6.142e-6",
        "w(1,4) = 1",
    ] {
        assert!(svg.contains(text), "{text} missing from the fallback SVG");
    }

    // The computation graph too.
    let graph_path = dir.join("graph.svg");
    let out = deltagraph(
        &[
            "render",
            &spec,
            "-o",
            graph_path.to_str().unwrap(),
            "--view",
            "graph",
        ],
        Some(empty.to_str().unwrap()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&graph_path)
            .unwrap()
            .contains("value = 3.078e-6")
    );

    // PNG needs Graphviz: a clear error, exit 2, no file.
    let png = dir.join("net.png");
    let out = deltagraph(
        &["render", &spec, "-o", png.to_str().unwrap()],
        Some(empty.to_str().unwrap()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PNG output needs Graphviz"),
        "{}",
        stderr(&out)
    );
    assert!(!png.exists());
}

#[test]
fn unknown_extension_exits_2_and_writes_nothing() {
    let dir = scratch("bad-ext");
    let path = dir.join("net.jpg");
    let out = deltagraph(
        &["render", &tutorial_spec(), "-o", path.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected a file name ending in .dot, .svg or .png, found .jpg"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn unwritable_path_exits_2_and_writes_nothing() {
    let dir = scratch("unwritable");
    // The parent is a file, so nothing can be created under it (even by root).
    let blocker = dir.join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    for file in ["net.svg", "net.dot"] {
        let path = blocker.join(file);
        let out = deltagraph(
            &["render", &tutorial_spec(), "-o", path.to_str().unwrap()],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&path.display().to_string()),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn tutorial_command_writes_the_diagram() {
    let dir = scratch("tutorial");
    let out = deltagraph(&["tutorial", "--out", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let dot = std::fs::read_to_string(dir.join("tutorial.dot")).unwrap();
    graphviz_rust::parse(&dot).unwrap();
    // The tutorial's own precision.
    assert!(dot.contains("0.993307149075715"), "{dot}");
    assert!(
        std::fs::read_to_string(dir.join("tutorial.svg"))
            .unwrap()
            .contains("</svg>")
    );
}

#[test]
fn write_api_reports_the_renderer() {
    let dir = scratch("api");
    let net = tutorial();
    let r = render::write(
        &dir.join("n.dot"),
        View::Network(&net),
        &Options::default(),
        Renderer::Auto,
    )
    .unwrap();
    assert_eq!(r.drawn_by, render::DrawnBy::DotSource);
    let r = render::write(
        &dir.join("n.svg"),
        View::Network(&net),
        &Options::default(),
        Renderer::LayoutRs,
    )
    .unwrap();
    assert_eq!(r.drawn_by, render::DrawnBy::LayoutRs);
    assert!(
        render::write(
            &dir.join("n.png"),
            View::Network(&net),
            &Options::default(),
            Renderer::LayoutRs
        )
        .is_err()
    );
    assert!(!dir.join("n.png").exists());
}
