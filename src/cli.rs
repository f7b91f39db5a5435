//! The command-line interface: argument definitions and one function per command. `main.rs`
//! only parses and maps errors to exit status; everything here is callable from Rust.

use std::path::{Path, PathBuf};

pub mod localize;

use clap::{Parser, Subcommand};

use deltagraph::console::{self, note};
use deltagraph::error::{Error, Result};
use deltagraph::escape;
use deltagraph::files::{Destination, Output, Staging, create_output_dir};
use deltagraph::i18n::Lang;
use deltagraph::iteration;
use deltagraph::net::Network;
use deltagraph::render::{self, Renderer, Show, View};
use deltagraph::spec::ValidSpec;
use deltagraph::table::{self, ValuesFormat};
use deltagraph::tr;
use deltagraph::train::{self, TrainConfig, data::Dataset};

/// See and check backpropagation: every z, f(z), δ and gradient of a small network.
#[derive(Debug, Parser)]
#[command(name = "deltagraph", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub options: CommonArgs,
    /// What to do (default: the tutorial's worked example).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options every command takes (a struct of their own, so that `command_for` builds them
/// without the subcommands).
#[derive(Debug, clap::Args)]
pub struct CommonArgs {
    /// Language of everything printed and drawn: en or zh (中文). Default: zh when LC_ALL,
    /// LC_MESSAGES or LANG starts with zh, else en.
    #[arg(long, global = true, value_name = "en|zh", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse()
}

impl Cli {
    /// The language asked for: `--lang`, else the locale environment variables.
    pub fn lang(&self) -> Lang {
        self.options.lang.unwrap_or_else(Lang::from_env)
    }

    /// The definition of a command line that names the subcommand `name` (`argv[1]`, or
    /// after `--lang L`): the options of every command and that subcommand's alone, `None`
    /// for a name that is no subcommand. It parses such a command line as [`Cli::command`]
    /// does (a test compares them), at a third of the cost: building every subcommand's
    /// options took 165,000 instructions at each start. It has no help and no version
    /// texts: when it stops, the full command parses again and says why.
    pub fn command_for(name: &str) -> Option<clap::Command> {
        use clap::Args;
        type Augment = fn(clap::Command) -> clap::Command;
        let (name, augment): (&'static str, Augment) = match name {
            "tutorial" => ("tutorial", TutorialArgs::augment_args),
            "run" => ("run", RunArgs::augment_args),
            "check" => ("check", CheckArgs::augment_args),
            "worksheet" => ("worksheet", WorksheetArgs::augment_args),
            "explain" => ("explain", ExplainArgs::augment_args),
            "render" => ("render", RenderArgs::augment_args),
            "train" => ("train", TrainArgs::augment_args),
            #[cfg(feature = "web")]
            "serve" => ("serve", ServeArgs::augment_args),
            #[cfg(feature = "web")]
            "report" => ("report", ReportArgs::augment_args),
            _ => return None,
        };
        let sub = augment(clap::Command::new(name));
        Some(CommonArgs::augment_args(clap::Command::new("deltagraph")).subcommand(sub))
    }

    /// The subcommand a command line names: its first argument that is not an option or the
    /// value of `--lang` (which may also come later, or as `--lang=L`).
    pub fn subcommand_named(argv: &[std::ffi::OsString]) -> Option<&str> {
        let mut rest = argv.iter().skip(1);
        while let Some(arg) = rest.next() {
            let arg = arg.to_str()?;
            if arg == "--lang" {
                rest.next();
            } else if !arg.starts_with('-') {
                return Some(arg);
            }
        }
        None
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The tutorial's worked example: print every step and write its files.
    Tutorial(TutorialArgs),
    /// One forward + backward + SGD step on any spec; print every canonical value.
    Run(RunArgs),
    /// Check a hand calculation (CSV `name,value`) step by step, or a class of them. Exit 0:
    /// no slip; 1: a slip; 2: unreadable input.
    Check(CheckArgs),
    /// Write a blank worksheet: every value in derivation order with the formula to use.
    Worksheet(WorksheetArgs),
    /// Write the step-by-step derivation as Markdown with LaTeX math.
    Explain(ExplainArgs),
    /// Draw the network (or its computation graph) annotated with every value.
    Render(RenderArgs),
    /// The tutorial's Iris training: a 4-5-3 sigmoid network, per-sample SGD, on this engine.
    Train(TrainArgs),
    /// A worksheet in the browser: type your hand calculation, see each step judged as you go.
    #[cfg(feature = "web")]
    Serve(ServeArgs),
    /// One self-contained HTML page: the diagram, every step in MathML, a play control; with
    /// --hand, the verdicts on a hand calculation.
    #[cfg(feature = "web")]
    Report(ReportArgs),
}

/// Options of `deltagraph report`.
#[cfg(feature = "web")]
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The network spec.
    pub spec: PathBuf,
    /// A hand calculation to show the verdicts of (the CSV `check` reads).
    #[arg(long)]
    pub hand: Option<PathBuf>,
    /// The HTML file to write (it opens from disk: no network, nothing else needed).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// Options of `deltagraph serve`.
#[cfg(feature = "web")]
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The network spec (default: the tutorial's 2-3-2-1 network).
    pub spec: Option<PathBuf>,
    /// Port to listen on; 0 picks any free port. The URL is the first line of standard output.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address lets other machines in (a warning
    /// says so).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of `deltagraph explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The network spec.
    pub spec: PathBuf,
    /// Write the Markdown here instead of to standard output (`-` is standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Significant digits of each result; the numbers put into a formula get at least as
    /// many, and more where that is needed to give the result as shown.
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u8).range(1..=17))]
    pub digits: u8,
    /// Training steps on the same example: step k + 1 starts from step k's updated
    /// parameters; its values are named with `@k + 1` (`z4@2`).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub steps: u16,
}

/// Options of `deltagraph check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The network spec the calculation is about.
    pub spec: PathBuf,
    /// The hand calculations: files of rows `name,value` (any subset of names, any order;
    /// `,`, `;` or tab separated), or directories of them (their `*.csv` files). Several
    /// files check a class. Names ending in `@2` (`z4@2`) are a second iteration's values,
    /// judged from your own updated parameters.
    #[arg(required = true)]
    pub hand: Vec<PathBuf>,
    /// Output format (`csv`: a file × value grid of verdicts, for a class).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Judge under this convention without remark: `textbook` (δ = (y − ŷ)·f′, w ← w + α·δ·a),
    /// `no-half` (the loss without ½), `delta-of-output` (δ = ∂L/∂f), `true-gradients` (with
    /// `textbook`: ∂L/∂w = −δ·a), `mean-loss-delta` (a batch's δ[e] of the mean loss);
    /// comma-separated to combine. Without it, a consistent convention is recognised and said
    /// once.
    #[arg(long, value_parser = parse_convention)]
    pub convention: Option<deltagraph::check::Convention>,
    /// Also draw the network with slips in red and carried values in amber (.dot, .svg, .png;
    /// one hand file only).
    #[arg(long)]
    pub diagram: Option<PathBuf>,
    /// Seconds Graphviz `dot` may take to draw the diagram before it is stopped.
    #[arg(long, default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = timeout_range())]
    pub graphviz_timeout: u64,
}

/// When the spec could not be read: the error for arguments given the wrong way round (`check
/// hand.csv spec.toml`), if a hand argument is a spec and the spec argument reads as a hand
/// calculation of it.
fn swapped_arguments(args: &CheckArgs) -> Option<Error> {
    let (spec, net) = args
        .hand
        .iter()
        .filter(|p| p.is_file())
        .find_map(|p| evaluated(p).ok().map(|net| (p, net)))?;
    let sheet =
        deltagraph::hand::load_sheet(&args.spec, &deltagraph::hand::Names::of(&net)).ok()?;
    (!sheet.values.is_empty()).then(|| {
        Error::usage(deltagraph::msg!(
            "check-arguments-swapped",
            spec = args.spec.display().to_string(),
            hand = spec.display().to_string()
        ))
    })
}

/// Default of every `--graphviz-timeout`, in seconds.
const DEFAULT_TIMEOUT_SECS: u64 = render::DEFAULT_GRAPHVIZ_TIMEOUT.as_secs();

/// `--graphviz-timeout` takes 1 s to a day.
fn timeout_range() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(1..=86_400)
}

fn parse_convention(
    text: &str,
) -> std::result::Result<deltagraph::check::Convention, UnknownConvention> {
    deltagraph::check::Convention::parse(text).ok_or_else(|| UnknownConvention(text.to_string()))
}

/// A `--convention` value that names no convention (what was found). Its text is the
/// catalogue's: English here, the reader's language where `localize` renders clap's error.
#[derive(Debug)]
pub struct UnknownConvention(pub String);

impl UnknownConvention {
    /// Expected and found, as a message.
    pub fn message(&self) -> deltagraph::i18n::Message {
        deltagraph::msg!("clap-reason-convention", found = &self.0)
    }
}

impl std::fmt::Display for UnknownConvention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.render(&self.message()))
    }
}

impl std::error::Error for UnknownConvention {}

/// Output format of `deltagraph check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// A table and a paragraph per slip (a class: a line per file and a summary).
    #[default]
    Text,
    /// One object per judged value (a class: files and a summary).
    Json,
    /// A class as a file × value grid of verdicts.
    Csv,
}

/// Options of `deltagraph worksheet`.
#[derive(Debug, clap::Args)]
pub struct WorksheetArgs {
    /// The network spec.
    pub spec: PathBuf,
    /// Write the worksheet here instead of to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// `csv`: rows `name,value,formula` that `check` reads as they are; `md`: a printable
    /// table.
    #[arg(long, value_enum, default_value_t = WorksheetFormat::Csv)]
    pub format: WorksheetFormat,
    /// Training steps on the same example: step k + 1 starts from step k's updated
    /// parameters; its values are named with `@k + 1` (`z4@2`).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub steps: u16,
}

/// Output format of `deltagraph worksheet`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum WorksheetFormat {
    /// Rows `name,value,formula` (a spreadsheet opens it; `check` reads it).
    #[default]
    Csv,
    /// A Markdown table to print.
    Md,
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
    /// Seconds Graphviz `dot` may take to draw the diagram before it is stopped.
    #[arg(long, default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = timeout_range())]
    pub graphviz_timeout: u64,
}

impl Default for TutorialArgs {
    fn default() -> Self {
        TutorialArgs {
            out: PathBuf::from("deltagraph-tutorial"),
            digits: 15,
            graphviz_timeout: DEFAULT_TIMEOUT_SECS,
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
    /// Training steps on the same example: step k + 1 starts from step k's updated
    /// parameters; its values are named with `@k + 1` (`z4@2`).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub steps: u16,
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
    /// For a batch ([[examples]]): draw example K (1-based) with its own values, error terms
    /// and gradients, instead of the batch's parameters, gradients and updates.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(1..))]
    pub example: Option<u16>,
    /// Who draws SVG and PNG: Graphviz `dot` if installed, else the built-in layout-rs (SVG only).
    #[arg(long, value_enum, default_value_t = Renderer::Auto)]
    pub renderer: Renderer,
    /// Seconds Graphviz `dot` may take before it is stopped (no file is written then).
    #[arg(long, default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = timeout_range())]
    pub graphviz_timeout: u64,
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
        Some(Command::Worksheet(args)) => worksheet(&args, lang),
        Some(Command::Explain(args)) => explain(&args, lang),
        Some(Command::Render(args)) => render_spec(&args, lang),
        Some(Command::Train(args)) => train(&args, lang),
        #[cfg(feature = "web")]
        Some(Command::Serve(args)) => serve(&args, cli.options.lang),
        #[cfg(feature = "web")]
        Some(Command::Report(args)) => report_html(&args, lang),
    }
}

/// `deltagraph serve`: the worksheet page, until Ctrl-C.
#[cfg(feature = "web")]
pub fn serve(args: &ServeArgs, chosen: Option<Lang>) -> Result<u8> {
    use deltagraph::web::workspace::Workspace;
    let workspace = match &args.spec {
        Some(path) => Workspace::from_text(
            &deltagraph::files::read_text(path)?,
            &path.display().to_string(),
        )?,
        None => Workspace::tutorial(),
    };
    let opts = deltagraph::web::server::ServeOptions {
        host: args.host,
        port: args.port,
        open: args.open,
        languages: deltagraph::web::server::Languages {
            chosen,
            fallback: Lang::from_env(),
        },
    };
    deltagraph::web::server::serve(workspace, &opts)?;
    Ok(0)
}

/// `deltagraph report`: the HTML report, written all at once.
#[cfg(feature = "web")]
pub fn report_html(args: &ReportArgs, lang: Lang) -> Result<u8> {
    use deltagraph::web::workspace::Workspace;
    let mut inputs: Vec<&Path> = vec![&args.spec];
    inputs.extend(args.hand.as_deref());
    let output = Output::check(&args.output, "-o", &inputs)?;
    let text = deltagraph::files::read_text(&args.spec)?;
    let workspace = Workspace::from_text(&text, &args.spec.display().to_string())?;
    let hand = match &args.hand {
        Some(path) => {
            let names = deltagraph::hand::Names::of(workspace.network());
            let sheet = deltagraph::hand::load_sheet(path, &names)?;
            // A report shows one calculation whole: an unreadable line is an error, as in
            // `check`, and nothing is written.
            if let Some(e) = sheet.error(&path.display().to_string()) {
                return Err(e);
            }
            Some(sheet)
        }
        None => None,
    };
    let html = deltagraph::web::html_report::html(&workspace, hand.as_ref(), lang)?;
    output.write(html.as_bytes())?;
    report_wrote(&output, None, lang);
    Ok(0)
}

/// `deltagraph explain`: the derivation as Markdown, on stdout or into a file.
pub fn explain(args: &ExplainArgs, lang: Lang) -> Result<u8> {
    let output = match &args.output {
        Some(path) => Output::check(path, "-o", &[&args.spec])?,
        None => Output::check(Path::new("-"), "-o", &[])?,
    };
    let net = evaluated(&args.spec)?;
    let opts = deltagraph::derivation::Options {
        digits: args.digits as usize,
        ..Default::default()
    };
    let steps = iterated(&net, &args.spec, args.steps)?;
    let mut md = String::new();
    for (k, step) in steps.iter().enumerate() {
        if steps.len() > 1 {
            md.push_str(&format!("# {}\n\n", step_title(k, steps.len(), lang)));
        }
        md.push_str(&deltagraph::derivation::markdown::network_markdown(
            step, &opts, lang,
        ));
        if k + 1 < steps.len() {
            md.push('\n');
        }
    }
    output.write(md.as_bytes())?;
    report_wrote(&output, None, lang);
    Ok(0)
}

/// `deltagraph check`: judge a hand calculation, or a class of them; exit status 1 when one
/// has a slip, 2 when one could not be read (the rest is still judged).
pub fn check(args: &CheckArgs, lang: Lang) -> Result<u8> {
    let single = args.hand.len() == 1 && !args.hand[0].is_dir();
    let diagram = match &args.diagram {
        Some(_) if !single => {
            return Err(Error::bad_option(
                "--diagram",
                deltagraph::i18n::Message::new("cli-diagram-one-file"),
            ));
        }
        Some(path) => {
            render::DiagramFormat::from_path(path)?;
            let inputs = [args.spec.as_path(), args.hand[0].as_path()];
            Some(Output::check(path, "--diagram", &inputs)?)
        }
        None => None,
    };
    let net = evaluated(&args.spec).map_err(|e| swapped_arguments(args).unwrap_or(e))?;
    let checker = deltagraph::check::Checker::from_network(net);
    let names = deltagraph::hand::Names::of(checker.network());
    let options = deltagraph::check::Options {
        convention: args.convention,
    };
    let spec_name = args.spec.display().to_string();
    if !single {
        let files = deltagraph::check::class::hand_files(&args.hand)?;
        let results = deltagraph::check::class::check_files(&checker, &names, &files, &options);
        let summary = deltagraph::check::class::summarise(&results, checker.network());
        let out = match args.format {
            CheckFormat::Text => {
                deltagraph::check::report::class_text(&results, &summary, &spec_name, lang)
            }
            CheckFormat::Json => deltagraph::check::report::class_json(&results, &summary, lang),
            CheckFormat::Csv => deltagraph::check::report::class_csv(&results, &summary, lang),
        };
        print_report(&out)?;
        return Ok(deltagraph::check::class::exit_code(&results));
    }
    let path = &args.hand[0];
    let sheet = deltagraph::hand::load_sheet(path, &names)?;
    let problems = sheet.error(&path.display().to_string());
    if sheet.is_empty() {
        return Err(problems.expect("an empty sheet with no problem is an error already"));
    }
    let report = checker.check_sheet(&sheet, &options);
    // The diagram first: if it cannot be drawn or written, the error is all that is printed,
    // not a verdict followed by an error.
    if let Some(output) = &diagram {
        let opts = render::Options {
            highlights: deltagraph::check::report::highlights(&report, lang),
            graphviz_timeout: std::time::Duration::from_secs(args.graphviz_timeout),
            lang,
            ..render::Options::default()
        };
        let format = render::DiagramFormat::from_path(output.path())?;
        let view = view_of(checker.network(), ViewKind::Network);
        let rendered = render::render(view, &opts, format, Renderer::Auto)?;
        output.write(&rendered.bytes)?;
        report_wrote(output, Some(&rendered), lang);
        if report.steps() > 1 {
            // One network is drawn: later steps' values have no node of their own.
            note(&lang.text("check-diagram-step-one"));
        }
    }
    let text = match args.format {
        CheckFormat::Text => {
            deltagraph::check::report::text(&report, checker.network(), &spec_name, lang)
        }
        CheckFormat::Json => deltagraph::check::report::json(&report, lang),
        CheckFormat::Csv => {
            let results = [deltagraph::check::class::FileResult {
                file: path.display().to_string(),
                error: None,
                report: Some(report.clone()),
            }];
            let summary = deltagraph::check::class::summarise(&results, checker.network());
            deltagraph::check::report::class_csv(&results, &summary, lang)
        }
    };
    print_report(&text)?;
    if let Some(e) = problems {
        note(&tr!(lang, "error-line", message = e.text(lang)));
        return Ok(e.exit_code());
    }
    Ok(report.exit_code())
}

/// Print a check report. A closed pipe is not an error here: nobody reads the report any
/// more, and the verdict is still the exit status.
fn print_report(text: &str) -> Result<()> {
    match console::print(text) {
        Err(e) if e.is_closed_pipe() => Ok(()),
        other => other,
    }
}

/// `deltagraph worksheet`: a blank sheet in derivation order, on stdout or into a file.
pub fn worksheet(args: &WorksheetArgs, lang: Lang) -> Result<u8> {
    let output = match &args.output {
        Some(path) => Output::check(path, "-o", &[&args.spec])?,
        None => Output::check(Path::new("-"), "-o", &[])?,
    };
    let net = evaluated(&args.spec)?;
    let format = match args.format {
        WorksheetFormat::Csv => deltagraph::worksheet::Format::Csv,
        WorksheetFormat::Md => deltagraph::worksheet::Format::Md,
    };
    let steps = iterated(&net, &args.spec, args.steps)?;
    let text = deltagraph::worksheet::write_steps(&steps, format, lang);
    output.write(text.as_bytes())?;
    report_wrote(&output, None, lang);
    Ok(0)
}

/// Load a spec and build its evaluated network; a spec whose numbers overflow `f64` in the
/// passes is bad input ([`Network::evaluated`]).
pub fn evaluated(spec_path: &Path) -> Result<Network> {
    let text = deltagraph::files::read_text(spec_path)?;
    Network::from_spec_text(&text, &spec_path.display().to_string())
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
    if args.steps == 1 {
        if args.format == ValuesFormat::Csv {
            // Row by row: a big network's values need not be held as one string.
            console::stream(|out| table::write_csv(&net, out))?;
            return Ok(0);
        }
        console::print(&table::formatted(
            &net,
            args.format,
            args.digits as usize,
            lang,
        ))?;
        return Ok(0);
    }
    let steps = iterated(&net, &args.spec, args.steps)?;
    let text = match args.format {
        ValuesFormat::Csv => iteration::csv(&steps),
        ValuesFormat::Json => iteration::json(&steps),
        ValuesFormat::Table => steps
            .iter()
            .enumerate()
            .map(|(k, step)| {
                format!(
                    "{}\n{}\n",
                    step_title(k, steps.len(), lang),
                    table::text(step, args.digits as usize, lang)
                )
            })
            .collect(),
    };
    console::print(&text)?;
    Ok(0)
}

/// The networks of `steps` training steps; an expression has no parameters to update.
fn iterated(net: &Network, spec: &Path, steps: u16) -> Result<Vec<Network>> {
    if steps == 1 {
        return Ok(vec![net.clone()]);
    }
    if net.is_expression() {
        return Err(Error::bad_input(
            spec.display(),
            "--steps",
            deltagraph::msg!("cli-steps-expression", steps = u64::from(steps)),
        ));
    }
    Ok(iteration::iterate(net, steps as usize))
}

/// `Step k of n`, with what it starts from.
fn step_title(k: usize, n: usize, lang: Lang) -> String {
    if k == 0 {
        tr!(lang, "step-first", steps = n)
    } else {
        tr!(lang, "step-next", step = k + 1, steps = n, previous = k)
    }
}

fn render_spec(args: &RenderArgs, lang: Lang) -> Result<u8> {
    // Check the extension and the path before loading anything: a typo should not cost a
    // layout.
    let format = render::DiagramFormat::from_path(&args.output)?;
    let output = Output::check(&args.output, "-o", &[&args.spec])?;
    let net = evaluated(&args.spec)?;
    let example = match args.example {
        None => None,
        Some(k) if net.is_batch() && usize::from(k) <= net.examples.len() => {
            Some(usize::from(k) - 1)
        }
        Some(k) if net.is_batch() => {
            return Err(Error::bad_option(
                "--example",
                deltagraph::msg!(
                    "cli-example-out-of-batch",
                    examples = net.examples.len(),
                    example = u64::from(k)
                ),
            ));
        }
        Some(_) => {
            return Err(Error::bad_option(
                "--example",
                deltagraph::msg!("cli-example-without-batch"),
            ));
        }
    };
    let opts = render::Options {
        digits: args.digits as usize,
        show: args.show,
        edge_gradients: args.edge_gradients,
        graphviz_timeout: std::time::Duration::from_secs(args.graphviz_timeout),
        lang,
        example,
        ..render::Options::default()
    };
    let view = view_of(&net, args.view);
    let rendered = render::render(view, &opts, format, args.renderer)?;
    output.write(&rendered.bytes)?;
    report_wrote(&output, Some(&rendered), lang);
    Ok(0)
}

/// `wrote FILE (renderer: …)` on stderr, after any warning Graphviz printed; nothing for
/// standard output, which speaks for itself.
fn report_wrote(output: &Output, rendered: Option<&render::Rendered>, lang: Lang) {
    if let Some(rendered) = rendered {
        for w in &rendered.warnings {
            note(&tr!(lang, "warning-graphviz", message = w));
        }
    }
    if *output.destination() != Destination::Stdout {
        note(&wrote_line(output, rendered, lang));
    }
}

/// `wrote FILE`, or `wrote FILE (renderer: …)` for a picture.
fn wrote_line(output: &Output, rendered: Option<&render::Rendered>, lang: Lang) -> String {
    let path = output.path().display().to_string();
    match rendered {
        None => tr!(lang, "wrote-file", path = path),
        Some(rendered) => tr!(
            lang,
            "wrote-file-renderer",
            path = path,
            renderer = rendered.drawn_by.name(lang)
        ),
    }
}

/// `deltagraph tutorial`: the worked example's tables on stdout, its files in `args.out`.
pub fn tutorial(args: &TutorialArgs, lang: Lang) -> Result<u8> {
    create_output_dir(&args.out)?;
    let outputs = Output::check_all(
        [
            "values.csv",
            "derivation.md",
            "tutorial.dot",
            "tutorial.svg",
        ]
        .map(|n| args.out.join(n)),
        "--out",
        &[],
    )?;
    let mut net = Network::new(&ValidSpec::tutorial());
    net.evaluate();
    console::print(&format!(
        "{}\n{}",
        lang.text("tutorial-intro"),
        table::text(&net, args.digits as usize, lang)
    ))?;
    // The diagram at the tables' precision: the DOT source, and an SVG from whichever
    // renderer is available.
    let opts = render::Options {
        digits: args.digits as usize,
        graphviz_timeout: std::time::Duration::from_secs(args.graphviz_timeout),
        lang,
        ..render::Options::default()
    };
    let draw = |format| render::render(View::Network(&net), &opts, format, Renderer::Auto);
    let dot = draw(render::DiagramFormat::Dot)?;
    let svg = draw(render::DiagramFormat::Svg)?;
    for w in &svg.warnings {
        note(&tr!(lang, "warning-graphviz", message = w));
    }
    let derivation = deltagraph::derivation::markdown::markdown(
        &deltagraph::derivation::build(&net, &Default::default()),
        lang,
    );
    let contents = [
        (table::csv(&net).into_bytes(), None),
        (derivation.into_bytes(), None),
        (dot.bytes.clone(), Some(&dot)),
        (svg.bytes.clone(), Some(&svg)),
    ];
    // All four are written before any is put in place.
    let mut staging = Staging::default();
    let mut wrote = String::from("\n");
    for (output, (content, rendered)) in outputs.iter().zip(&contents) {
        staging.add(output, content)?;
        wrote.push_str(&wrote_line(output, *rendered, lang));
        wrote.push('\n');
    }
    staging.commit()?;
    console::print(&wrote)?;
    Ok(0)
}

/// `deltagraph train`: train, show progress and the result, write the outputs to `args.out`.
/// Bad data, options and output paths fail before the training.
pub fn train(args: &TrainArgs, lang: Lang) -> Result<u8> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    let dataset = match &args.data {
        Some(path) => Dataset::load(path)?,
        None => Dataset::builtin_iris(),
    };
    let config = args.config();
    train::validate_config(&dataset, &config)?;
    let data_path: Vec<&Path> = args.data.iter().map(PathBuf::as_path).collect();
    create_output_dir(&args.out)?;
    let outputs = Output::check_all(
        ["accuracy.csv", "accuracy.svg", "trained.toml"].map(|n| args.out.join(n)),
        "--out",
        &data_path,
    )?;
    let stem = match &args.data {
        Some(path) => path
            .file_stem()
            .map_or("data".into(), |s| s.to_string_lossy().into_owned()),
        None => "iris".to_string(),
    };
    let source = dataset_source(&dataset, lang);
    let mut intro = tr!(
        lang,
        "train-data-summary",
        source = source.clone(),
        rows = dataset.len(),
        features = dataset.n_features(),
        classes = dataset.classes.len()
    );
    intro.push('\n');
    for (k, class) in dataset.classes.iter().enumerate() {
        let line = tr!(
            lang,
            "train-class",
            number = k,
            output = format!("y{}", k + 1),
            class = escape::echo(class).into_owned()
        );
        intro.push_str(&format!("  {line}\n"));
    }
    intro.push_str(&tr!(
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
    ));
    intro.push('\n');
    console::print(&intro)?;

    // Drawn on stdout, so there is none when the output is piped or captured: not even a
    // hidden one, whose default style alone touches pages of indicatif's and unicode-width's
    // code and tables that nothing else in the run needs.
    let bar = std::io::IsTerminal::is_terminal(&std::io::stdout())
        .then(|| {
            ProgressBar::with_draw_target(Some(config.epochs as u64), ProgressDrawTarget::stdout())
        })
        .filter(|bar| !bar.is_hidden());
    if let Some(bar) = &bar {
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{} {{pos:>5}}/{{len}}  {} {{msg:>4}}  {{wide_bar}}",
                lang.text("train-progress-epoch"),
                lang.text("train-progress-accuracy")
            ))
            .expect("a valid template")
            .progress_chars("=> "),
        );
    }
    let outcome = train::train(dataset, &config, |r| {
        if let Some(bar) = &bar {
            bar.set_message(format!("{}%", train::fmt_percent(r.val_accuracy)));
            bar.inc(1);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let title = tr!(
        lang,
        "train-plot-title",
        source = source,
        seed = config.seed
    );
    let contents = [
        outcome.accuracy_csv(),
        train::plot::accuracy_svg(&outcome.history, &title, lang),
        outcome.trained_spec_toml(&format!("{stem}-trained"), lang),
    ];
    let mut summary = format!(
        "{}\n{}\n{}\n",
        tr!(
            lang,
            "train-final-accuracy",
            percent = train::fmt_percent(outcome.final_accuracy()),
            correct = outcome.confusion.correct(),
            total = outcome.confusion.total()
        ),
        lang.text("train-confusion-title"),
        outcome.confusion.table(
            &shown_classes(&outcome.classes),
            &lang.text("train-confusion-corner")
        )
    );
    // All three are written before any is put in place.
    let mut staging = Staging::default();
    for (output, content) in outputs.iter().zip(&contents) {
        staging.add(output, content.as_bytes())?;
        summary.push_str(&wrote_line(output, None, lang));
        summary.push('\n');
    }
    staging.commit()?;
    console::print(&summary)?;
    Ok(0)
}

/// Class labels as printed: control characters escaped (a label is data from the file), so a
/// label cannot break a line of the table or drive the terminal.
fn shown_classes(classes: &[String]) -> Vec<String> {
    classes
        .iter()
        .map(|c| escape::echo(c).into_owned())
        .collect()
}

/// Where the data came from, for people: the file name, or the built-in Iris set by name.
fn dataset_source(dataset: &Dataset, lang: Lang) -> String {
    if dataset.source == Dataset::BUILTIN_IRIS {
        lang.text("train-builtin-iris")
    } else {
        dataset.source.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};
    use std::ffi::OsString;

    /// What parsing needs of an argument, as text.
    fn shape(a: &clap::Arg) -> String {
        format!(
            "{} {:?} {:?} {:?} {} {} {:?} {:?} {:?} {:?}",
            a.get_id(),
            a.get_long(),
            a.get_short(),
            a.get_num_args(),
            a.is_required_set(),
            a.is_global_set(),
            a.get_action(),
            a.get_default_values(),
            a.get_value_names(),
            a.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect::<Vec<_>>(),
        )
    }

    fn shapes(cmd: &clap::Command) -> Vec<String> {
        let mut found: Vec<String> = cmd
            .get_arguments()
            .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
            .map(shape)
            .collect();
        found.sort();
        found
    }

    #[test]
    fn each_subcommand_alone_has_the_arguments_the_whole_command_gives_it() {
        let whole = Cli::command();
        assert!(Cli::command_for("nonsense").is_none());
        let mut names = Vec::new();
        for sub in whole.get_subcommands() {
            let name = sub.get_name();
            names.push(name);
            let alone = Cli::command_for(name).unwrap_or_else(|| panic!("{name} is missing"));
            assert_eq!(shapes(&alone), shapes(&whole), "{name}: the common options");
            let alone_sub = alone.find_subcommand(name).unwrap();
            assert_eq!(shapes(alone_sub), shapes(sub), "{name}");
            assert_eq!(alone.get_subcommands().count(), 1);
        }
        assert!(names.contains(&"train") && names.len() >= 7, "{names:?}");
    }

    #[test]
    fn a_command_line_parses_alike_with_its_subcommand_alone() {
        let lines = [
            "train",
            "train iris.csv --out o --epochs 1",
            "--lang zh train --epochs 3 --output softmax",
            "train --lang=en --seed 7 --lr 0.5",
            "run s.toml --format csv",
            "check s.toml a.csv b.csv --format json --convention textbook",
            "render s.toml -o x.svg --view graph",
            "explain s.toml --steps 2 --lang zh",
            "worksheet s.toml --format md",
            "tutorial --out t",
            "train --epochs 1 -- x",
            // Refused by both.
            "train --epochs",
            "train --bogus",
            "run",
            "--lang xx train",
            "train --version",
        ];
        let mut quick_ones = 0;
        for line in lines {
            let argv: Vec<OsString> = std::iter::once("deltagraph")
                .chain(line.split(' '))
                .map(OsString::from)
                .collect();
            let whole = Cli::try_parse_from(&argv).map(|c| format!("{c:?}"));
            let name = Cli::subcommand_named(&argv);
            let quick = name
                .and_then(Cli::command_for)
                .map(|c| c.try_get_matches_from(&argv))
                .and_then(Result::ok)
                .and_then(|m| Cli::from_arg_matches(&m).ok())
                .map(|c| format!("{c:?}"));
            match (&whole, &quick) {
                (Ok(w), Some(q)) => {
                    assert_eq!(w, q, "{line}");
                    quick_ones += 1;
                }
                (Ok(w), None) => panic!("{line}: only the whole command parses it: {w}"),
                (Err(_), Some(q)) => panic!("{line}: only the subcommand alone parses it: {q}"),
                (Err(_), None) => {}
            }
        }
        assert_eq!(quick_ones, 11);
    }

    #[test]
    fn the_subcommand_is_the_first_argument_that_is_not_an_option() {
        let named = |line: &str| {
            let argv: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            Cli::subcommand_named(&argv).map(str::to_string)
        };
        assert_eq!(named("d train x"), Some("train".into()));
        assert_eq!(named("d --lang zh run x"), Some("run".into()));
        assert_eq!(named("d --lang=zh -h check"), Some("check".into()));
        assert_eq!(named("d --lang"), None);
        assert_eq!(named("d --version"), None);
    }
}
