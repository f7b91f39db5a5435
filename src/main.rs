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
        Err(e) => {
            eprintln!("{}: {e}", lang.text("error-prefix"));
            ExitCode::from(e.exit_code())
        }
    }
}
