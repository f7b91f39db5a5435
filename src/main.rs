//! `deltagraph`: the command-line front end. Parses arguments and calls the library; every
//! command is a function in [`cli`], which is the binary's own module (the library does not
//! depend on clap).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let lang = args.lang();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        // The reader of our output has gone (`deltagraph run | head -1`): end quietly, as
        // `grep` and `rg` do.
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            deltagraph::console::note(&deltagraph::tr!(lang, "error-line", message = e.text(lang)));
            ExitCode::from(e.exit_code())
        }
    }
}
