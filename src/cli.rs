//! The command-line interface: argument definitions and one function per command. `main.rs`
//! only parses and maps errors to exit status; everything here is callable from Rust.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use deltagraph::error::{Result, write_atomically};
use deltagraph::net::Network;
use deltagraph::render::{self, Engine, Show, View};
use deltagraph::report::{self, Format};
use deltagraph::spec::{Spec, ValidSpec};
use deltagraph::train::{self, TrainConfig, data::Dataset};

/// See and check backpropagation: every z, f(z), δ and gradient of a small network.
#[derive(Debug, Parser)]
#[command(name = "deltagraph", version, about, long_about = None)]
pub struct Cli {
    /// What to do (default: the tutorial's worked example).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The tutorial's worked example: print every step and write its files.
    Tutorial(TutorialArgs),
    /// One forward + backward + SGD step on any spec; print every canonical value.
    Run(RunArgs),
    /// Check a hand calculation (CSV `name,value`) step by step. Exit 0: no slip; 1: a slip.
    Check(CheckArgs),
    /// Write the step-by-step derivation as Markdown with LaTeX math.
    Explain(ExplainArgs),
    /// Draw the network (or its computation graph) annotated with every value.
    Render(RenderArgs),
    /// The tutorial's Iris training: a 4-5-3 sigmoid network, per-sample SGD, on this engine.
    Train(TrainArgs),
}

/// Options of `deltagraph explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The network spec.
    pub spec: PathBuf,
    /// Write the Markdown here instead of to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Significant digits of the numbers substituted into formulas.
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u8).range(1..=17))]
    pub digits: u8,
}

/// Options of `deltagraph check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The network spec the calculation is about.
    pub spec: PathBuf,
    /// The hand calculation: CSV rows `name,value` (any subset of canonical names, any order).
    pub hand: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Also draw the network with slips in red and carried values in amber (.dot, .svg, .png).
    #[arg(long)]
    pub diagram: Option<PathBuf>,
}

/// Output format of `deltagraph check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// A table and a paragraph per slip.
    #[default]
    Text,
    /// One object per judged value.
    Json,
}

/// Options of `deltagraph tutorial`.
#[derive(Debug, clap::Args)]
pub struct TutorialArgs {
    /// Directory for the output files (created if missing).
    #[arg(long, default_value = "deltagraph-tutorial")]
    pub out: PathBuf,
    /// Significant digits in the printed tables (15 matches the tutorial).
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u8).range(1..=17))]
    pub digits: u8,
}

impl Default for TutorialArgs {
    fn default() -> Self {
        TutorialArgs {
            out: PathBuf::from("deltagraph-tutorial"),
            digits: 15,
        }
    }
}

/// Options of `deltagraph run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The network or expression spec (TOML; see docs/spec-format.md).
    pub spec: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Significant digits in the table (CSV and JSON are always at full precision).
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u8).range(1..=17))]
    pub digits: u8,
}

/// Options of `deltagraph render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The network spec (TOML; see docs/spec-format.md).
    pub spec: PathBuf,
    /// Output file; its extension picks the format: .dot, .svg or .png (PNG needs Graphviz).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Significant digits of every number (15 matches the tutorial).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=17))]
    pub digits: u8,
    /// Which values to show.
    #[arg(long, value_enum, default_value_t = Show::Both)]
    pub show: Show,
    /// Also show ∂L/∂w and the updated weight on every edge (∂L/∂b and the new bias in neurons).
    #[arg(long)]
    pub edge_gradients: bool,
    /// The network view, or the computation graph with one node per scalar op.
    #[arg(long, value_enum, default_value_t = ViewKind::Network)]
    pub view: ViewKind,
    /// Who draws SVG and PNG: Graphviz `dot` if installed, else the built-in layout-rs (SVG only).
    #[arg(long, value_enum, default_value_t = Engine::Auto)]
    pub renderer: Engine,
}

/// The picture `deltagraph render` draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewKind {
    /// Neurons in layers, weights on the edges.
    #[default]
    Network,
    /// One node per scalar value and one per op.
    Graph,
}

/// Options of `deltagraph train`; the defaults are the tutorial's settings.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Data (CSV): the tutorial's rows `5.1,3.5,1.4,0.2,Iris-setosa`, or a header row and
    /// numeric class labels. Default: the Iris set built into deltagraph.
    pub data: Option<PathBuf>,
    /// Passes over the training rows.
    #[arg(long, default_value_t = 300)]
    pub epochs: usize,
    /// SGD learning rate.
    #[arg(long, default_value_t = 0.2)]
    pub lr: f64,
    /// Neurons in the hidden layer.
    #[arg(long, default_value_t = 5)]
    pub hidden: usize,
    /// Rows that train after the shuffle; the rest validate.
    #[arg(long, default_value_t = 130)]
    pub train_rows: usize,
    /// Seed of the generator that shuffles the rows and draws the initial weights.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Directory for accuracy.csv, accuracy.svg and trained.toml (created if missing).
    #[arg(long, default_value = "deltagraph-train")]
    pub out: PathBuf,
    /// The output layer: sigmoid with ½·SSE (the tutorial's), or softmax with categorical
    /// cross-entropy.
    #[arg(long, value_enum, default_value_t = train::Output::Sigmoid)]
    pub output: train::Output,
}

impl TrainArgs {
    /// The training settings these options ask for.
    pub fn config(&self) -> TrainConfig {
        TrainConfig {
            epochs: self.epochs,
            learning_rate: self.lr,
            hidden: self.hidden,
            train_rows: self.train_rows,
            seed: self.seed,
            output: self.output,
        }
    }
}

/// Run a parsed command line; returns the exit status (0 success, 1 a checked calculation has
/// a slip); errors map to status 2.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        None => tutorial(&TutorialArgs::default()),
        Some(Command::Tutorial(args)) => tutorial(&args),
        Some(Command::Run(args)) => run_spec(&args),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Explain(args)) => explain(&args),
        Some(Command::Render(args)) => render_spec(&args),
        Some(Command::Train(args)) => train(&args),
    }
}

/// `deltagraph explain`: the derivation as Markdown, on stdout or into a file.
pub fn explain(args: &ExplainArgs) -> Result<u8> {
    let net = evaluated(&args.spec)?;
    let opts = deltagraph::explain::Options {
        substituted_digits: args.digits as usize,
        ..Default::default()
    };
    let md = deltagraph::explain::markdown(&net, &opts);
    match &args.output {
        Some(path) => {
            write_atomically(path, md.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{md}"),
    }
    Ok(0)
}

/// `deltagraph check`: judge a hand calculation; exit status 1 when it has a slip.
pub fn check(args: &CheckArgs) -> Result<u8> {
    if let Some(path) = &args.diagram {
        render::Format::from_path(path)?;
    }
    let net = evaluated(&args.spec)?;
    let names: Vec<&str> = net.entries().iter().map(|e| e.name.as_str()).collect();
    let hand = deltagraph::hand::load(&args.hand, &names)?;
    let checker = deltagraph::check::Checker::new(&net);
    let report = checker.check(&hand);
    match args.format {
        CheckFormat::Text => print!(
            "{}",
            deltagraph::check::report::text(
                &report,
                checker.network(),
                &args.spec.display().to_string()
            )
        ),
        CheckFormat::Json => print!("{}", deltagraph::check::report::json(&report)),
    }
    if let Some(path) = &args.diagram {
        let opts = render::Options {
            highlights: deltagraph::check::report::highlights(&report),
            ..render::Options::default()
        };
        let view = view_of(checker.network(), ViewKind::Network);
        let rendered = render::write(path, view, &opts, Engine::Auto)?;
        report_written(path, &rendered);
    }
    Ok(report.exit_code())
}

/// Load a spec and build its evaluated network; a spec whose numbers overflow `f64` in the
/// passes is bad input ([`Network::evaluated`]).
pub fn evaluated(spec_path: &Path) -> Result<Network> {
    let text = deltagraph::error::read_text(spec_path)?;
    if deltagraph::expression::is_expression_spec(&text) {
        return deltagraph::expression::load(&text, &spec_path.display().to_string());
    }
    Network::evaluated(&Spec::load(spec_path)?)
}

/// The diagram of a network or expression: an expression has only its computation graph.
fn view_of(net: &Network, kind: ViewKind) -> View<'_> {
    match kind {
        _ if net.is_expression() => View::NetworkGraph(net),
        ViewKind::Network => View::Network(net),
        ViewKind::Graph => View::NetworkGraph(net),
    }
}

fn run_spec(args: &RunArgs) -> Result<u8> {
    let net = evaluated(&args.spec)?;
    print!(
        "{}",
        report::render(&net, args.format, args.digits as usize)
    );
    Ok(0)
}

fn render_spec(args: &RenderArgs) -> Result<u8> {
    // Check the extension before loading anything: a typo should not cost a layout.
    render::Format::from_path(&args.output)?;
    let net = evaluated(&args.spec)?;
    let opts = render::Options {
        digits: args.digits as usize,
        show: args.show,
        edge_gradients: args.edge_gradients,
        ..render::Options::default()
    };
    let view = view_of(&net, args.view);
    let rendered = render::write(&args.output, view, &opts, args.renderer)?;
    report_written(&args.output, &rendered);
    Ok(0)
}

/// `wrote FILE (renderer: …)` on stderr, after any warning Graphviz printed.
fn report_written(path: &Path, rendered: &render::Rendered) {
    for w in &rendered.warnings {
        eprintln!("warning: graphviz: {w}");
    }
    eprintln!("wrote {} (renderer: {})", path.display(), rendered.renderer);
}

/// `deltagraph tutorial`: the worked example's tables on stdout, its files in `args.out`.
pub fn tutorial(args: &TutorialArgs) -> Result<u8> {
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    println!("The tutorial's worked example: a 2-3-2-1 sigmoid network, x = (1, 2), y = 1,");
    println!("L = ½(y − ŷ)², learning rate 0.1. Neurons are numbered 1–6 across the layers.");
    print!("{}", report::table(&net, args.digits as usize));
    deltagraph::error::create_output_dir(&args.out)?;
    let files = [
        ("values.csv", report::csv(&net)),
        (
            "derivation.md",
            deltagraph::explain::markdown(&net, &Default::default()),
        ),
    ];
    println!();
    for (name, content) in files {
        let path = args.out.join(name);
        write_atomically(&path, content.as_bytes())?;
        println!("wrote {}", path.display());
    }
    // The diagram at the tables' precision: the DOT source, and an SVG from whichever
    // renderer is available.
    let opts = render::Options {
        digits: args.digits as usize,
        ..render::Options::default()
    };
    for name in ["tutorial.dot", "tutorial.svg"] {
        let path = args.out.join(name);
        let rendered = render::write(&path, View::Network(&net), &opts, Engine::Auto)?;
        for w in &rendered.warnings {
            eprintln!("warning: graphviz: {w}");
        }
        println!("wrote {} ({})", path.display(), rendered.renderer);
    }
    Ok(0)
}

/// `deltagraph train`: train, show progress and the result, write the outputs to `args.out`.
/// Bad data or options fail before anything is written.
pub fn train(args: &TrainArgs) -> Result<u8> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    let dataset = match &args.data {
        Some(path) => Dataset::load(path)?,
        None => Dataset::builtin_iris(),
    };
    let config = args.config();
    train::check_config(&dataset, &config)?;
    let stem = match &args.data {
        Some(path) => path
            .file_stem()
            .map_or("data".into(), |s| s.to_string_lossy().into_owned()),
        None => "iris".to_string(),
    };
    println!(
        "{}: {} rows, {} features, {} classes",
        dataset.source,
        dataset.len(),
        dataset.n_features(),
        dataset.classes.len()
    );
    for (k, class) in dataset.classes.iter().enumerate() {
        println!("  class {k} (output y{}) = {class}", k + 1);
    }
    println!(
        "network {}-{}-{} ({}), {} epochs, learning rate {}, {} training / {} validation rows, seed {}",
        dataset.n_features(),
        config.hidden,
        dataset.classes.len(),
        config.output.describe(),
        config.epochs,
        config.learning_rate,
        config.train_rows,
        dataset.len() - config.train_rows,
        config.seed
    );

    // Drawn on stdout, so it disappears when the output is piped or captured.
    let bar =
        ProgressBar::with_draw_target(Some(config.epochs as u64), ProgressDrawTarget::stdout());
    bar.set_style(
        ProgressStyle::with_template(
            "epoch {pos:>5}/{len}  validation accuracy {msg:>4}  {wide_bar}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    let outcome = train::train(dataset, &config, |r| {
        if !bar.is_hidden() {
            bar.set_message(format!("{}%", train::fmt_percent(r.val_accuracy)));
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    println!(
        "final validation accuracy: {}% ({} of {} rows)",
        train::fmt_percent(outcome.final_accuracy()),
        outcome.confusion.correct(),
        outcome.confusion.total()
    );
    println!("confusion matrix (rows: actual class, columns: predicted class):");
    print!("{}", outcome.confusion.table(&outcome.classes));

    deltagraph::error::create_output_dir(&args.out)?;
    let title = format!(
        "deltagraph train: {} (seed {})",
        outcome.source, config.seed
    );
    let files = [
        ("accuracy.csv", outcome.accuracy_csv()),
        (
            "accuracy.svg",
            train::plot::accuracy_svg(&outcome.history, &title),
        ),
        (
            "trained.toml",
            outcome.trained_spec_toml(&format!("{stem}-trained")),
        ),
    ];
    println!();
    for (name, content) in files {
        let path = args.out.join(name);
        write_atomically(&path, content.as_bytes())?;
        println!("wrote {}", path.display());
    }
    Ok(0)
}
