//! `deltagraph`: the command-line front end. Parses arguments and calls the library; every
//! command is a function in [`cli`], which is the binary's own module (the library does not
//! depend on clap).

mod cli;

use std::process::ExitCode;

use clap::FromArgMatches;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::localize::requested_lang(&argv);
    let parsed = cli::localize::command(lang)
        .try_get_matches_from(&argv)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    let args = match parsed {
        Ok(args) => args,
        Err(e) => {
            // Help and version go to standard output as clap writes them; a usage error to
            // standard error, in the reader's language (exit status 2).
            if e.use_stderr() {
                deltagraph::console::note(cli::localize::error_text(&e, lang).trim_end());
            } else if e.print().is_err() {
                return ExitCode::from(2);
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
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
