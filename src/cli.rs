//! The command-line interface: argument definitions and one function per command. `main.rs`
//! only parses and maps errors to exit status; everything here is callable from Rust.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use deltagraph::error::{Result, write_atomically};
use deltagraph::i18n::Lang;
use deltagraph::net::Network;
use deltagraph::render::{self, Renderer, Show, View};
use deltagraph::spec::{Spec, ValidSpec};
use deltagraph::table::{self, ValuesFormat};
use deltagraph::tr;
use deltagraph::train::{self, TrainConfig, data::Dataset};

/// See and check backpropagation: every z, f(z), δ and gradient of a small network.
#[derive(Debug, Parser)]
#[command(name = "deltagraph", version, about, long_about = None)]
pub struct Cli {
    /// Language of everything printed and drawn: en or zh (中文). Default: zh when LC_ALL,
    /// LC_MESSAGES or LANG starts with zh, else en.
    #[arg(long, global = true, value_name = "en|zh", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// What to do (default: the tutorial's worked example).
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse()
}

impl Cli {
    /// The language asked for: `--lang`, else the locale environment variables.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
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
    /// Significant digits of each result; the numbers put into a formula get at least as
    /// many, and more where that is needed to give the result as shown.
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
    #[arg(long, value_enum, default_value_t = ValuesFormat::Table)]
    pub format: ValuesFormat,
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
    #[arg(long, value_enum, default_value_t = Renderer::Auto)]
    pub renderer: Renderer,
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
    let lang = cli.lang();
    match cli.command {
        None => tutorial(&TutorialArgs::default(), lang),
        Some(Command::Tutorial(args)) => tutorial(&args, lang),
        Some(Command::Run(args)) => run_spec(&args, lang),
        Some(Command::Check(args)) => check(&args, lang),
        Some(Command::Explain(args)) => explain(&args, lang),
        Some(Command::Render(args)) => render_spec(&args, lang),
        Some(Command::Train(args)) => train(&args, lang),
    }
}

/// `deltagraph explain`: the derivation as Markdown, on stdout or into a file.
pub fn explain(args: &ExplainArgs, lang: Lang) -> Result<u8> {
    let net = evaluated(&args.spec)?;
    let opts = deltagraph::derivation::Options {
        digits: args.digits as usize,
        ..Default::default()
    };
    let md = deltagraph::derivation::markdown::markdown(
        &deltagraph::derivation::build(&net, &opts),
        lang,
    );
    match &args.output {
        Some(path) => {
            write_atomically(path, md.as_bytes())?;
            eprintln!(
                "{}",
                tr!(lang, "wrote-file", path = path.display().to_string())
            );
        }
        None => print!("{md}"),
    }
    Ok(0)
}

/// `deltagraph check`: judge a hand calculation; exit status 1 when it has a slip.
pub fn check(args: &CheckArgs, lang: Lang) -> Result<u8> {
    if let Some(path) = &args.diagram {
        render::DiagramFormat::from_path(path)?;
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
            lang,
            ..render::Options::default()
        };
        let view = view_of(checker.network(), ViewKind::Network);
        let rendered = render::write(path, view, &opts, Renderer::Auto)?;
        report_written(path, &rendered, lang);
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

fn run_spec(args: &RunArgs, lang: Lang) -> Result<u8> {
    let net = evaluated(&args.spec)?;
    print!(
        "{}",
        table::formatted(&net, args.format, args.digits as usize, lang)
    );
    Ok(0)
}

fn render_spec(args: &RenderArgs, lang: Lang) -> Result<u8> {
    // Check the extension before loading anything: a typo should not cost a layout.
    render::DiagramFormat::from_path(&args.output)?;
    let net = evaluated(&args.spec)?;
    let opts = render::Options {
        digits: args.digits as usize,
        show: args.show,
        edge_gradients: args.edge_gradients,
        lang,
        ..render::Options::default()
    };
    let view = view_of(&net, args.view);
    let rendered = render::write(&args.output, view, &opts, args.renderer)?;
    report_written(&args.output, &rendered, lang);
    Ok(0)
}

/// `wrote FILE (renderer: …)` on stderr, after any warning Graphviz printed.
fn report_written(path: &Path, rendered: &render::Rendered, lang: Lang) {
    for w in &rendered.warnings {
        eprintln!("{}", tr!(lang, "warning-graphviz", message = w));
    }
    eprintln!(
        "{}",
        tr!(
            lang,
            "wrote-file-renderer",
            path = path.display().to_string(),
            renderer = rendered.drawn_by.name(lang)
        )
    );
}

/// `deltagraph tutorial`: the worked example's tables on stdout, its files in `args.out`.
pub fn tutorial(args: &TutorialArgs, lang: Lang) -> Result<u8> {
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    println!("{}", lang.text("tutorial-intro"));
    print!("{}", table::text(&net, args.digits as usize, lang));
    deltagraph::error::create_output_dir(&args.out)?;
    let files = [
        ("values.csv", table::csv(&net)),
        (
            "derivation.md",
            deltagraph::derivation::markdown::markdown(
                &deltagraph::derivation::build(&net, &Default::default()),
                lang,
            ),
        ),
    ];
    println!();
    for (name, content) in files {
        let path = args.out.join(name);
        write_atomically(&path, content.as_bytes())?;
        println!(
            "{}",
            tr!(lang, "wrote-file", path = path.display().to_string())
        );
    }
    // The diagram at the tables' precision: the DOT source, and an SVG from whichever
    // renderer is available.
    let opts = render::Options {
        digits: args.digits as usize,
        lang,
        ..render::Options::default()
    };
    for name in ["tutorial.dot", "tutorial.svg"] {
        let path = args.out.join(name);
        let rendered = render::write(&path, View::Network(&net), &opts, Renderer::Auto)?;
        for w in &rendered.warnings {
            eprintln!("{}", tr!(lang, "warning-graphviz", message = w));
        }
        println!(
            "{}",
            tr!(
                lang,
                "wrote-file-renderer",
                path = path.display().to_string(),
                renderer = rendered.drawn_by.name(lang)
            )
        );
    }
    Ok(0)
}

/// `deltagraph train`: train, show progress and the result, write the outputs to `args.out`.
/// Bad data or options fail before anything is written.
pub fn train(args: &TrainArgs, lang: Lang) -> Result<u8> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    let dataset = match &args.data {
        Some(path) => Dataset::load(path)?,
        None => Dataset::builtin_iris(),
    };
    let config = args.config();
    train::validate_config(&dataset, &config)?;
    let stem = match &args.data {
        Some(path) => path
            .file_stem()
            .map_or("data".into(), |s| s.to_string_lossy().into_owned()),
        None => "iris".to_string(),
    };
    let source = dataset_source(&dataset, lang);
    println!(
        "{}",
        tr!(
            lang,
            "train-data-summary",
            source = source.clone(),
            rows = dataset.len(),
            features = dataset.n_features(),
            classes = dataset.classes.len()
        )
    );
    for (k, class) in dataset.classes.iter().enumerate() {
        println!(
            "  {}",
            tr!(
                lang,
                "train-class",
                number = k,
                output = format!("y{}", k + 1),
                class = class
            )
        );
    }
    println!(
        "{}",
        tr!(
            lang,
            "train-network-summary",
            sizes = format!(
                "{}-{}-{}",
                dataset.n_features(),
                config.hidden,
                dataset.classes.len()
            ),
            epochs = config.epochs,
            rate = config.learning_rate.to_string(),
            train = config.train_rows,
            validation = dataset.len() - config.train_rows,
            seed = config.seed,
            output = tr!(
                lang,
                match config.output {
                    train::Output::Sigmoid => "train-output-sigmoid",
                    train::Output::Softmax => "train-output-softmax",
                }
            )
        )
    );

    // Drawn on stdout, so it disappears when the output is piped or captured.
    let bar =
        ProgressBar::with_draw_target(Some(config.epochs as u64), ProgressDrawTarget::stdout());
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{} {{pos:>5}}/{{len}}  {} {{msg:>4}}  {{wide_bar}}",
            lang.text("train-progress-epoch"),
            lang.text("train-progress-accuracy")
        ))
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
        "{}",
        tr!(
            lang,
            "train-final-accuracy",
            percent = train::fmt_percent(outcome.final_accuracy()),
            correct = outcome.confusion.correct(),
            total = outcome.confusion.total()
        )
    );
    println!("{}", lang.text("train-confusion-title"));
    print!(
        "{}",
        outcome
            .confusion
            .table(&outcome.classes, &lang.text("train-confusion-corner"))
    );

    deltagraph::error::create_output_dir(&args.out)?;
    let title = tr!(
        lang,
        "train-plot-title",
        source = source,
        seed = config.seed
    );
    let files = [
        ("accuracy.csv", outcome.accuracy_csv()),
        (
            "accuracy.svg",
            train::plot::accuracy_svg(&outcome.history, &title, lang),
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
        println!(
            "{}",
            tr!(lang, "wrote-file", path = path.display().to_string())
        );
    }
    Ok(0)
}

/// Where the data came from, for people: the file name, or the built-in Iris set by name.
fn dataset_source(dataset: &Dataset, lang: Lang) -> String {
    if dataset.source == Dataset::BUILTIN_IRIS {
        lang.text("train-builtin-iris")
    } else {
        dataset.source.clone()
    }
}
