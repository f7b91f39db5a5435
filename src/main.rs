//! `deltagraph`: the command-line front end. Parses arguments and calls the library; every
//! command is a function in `deltagraph::cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = deltagraph::cli::Cli::parse();
    let lang = args.lang();
    match deltagraph::cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{}: {e}", lang.text("error-prefix"));
            ExitCode::from(e.exit_code())
        }
    }
}
