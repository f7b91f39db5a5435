//! `deltagraph`: the command-line front end. Parses arguments and calls the library; every
//! command is a function in [`cli`], which is the binary's own module (the library does not
//! depend on clap).

// On Unix the process starts in `entry::main`, not in std's entry point: see there why.
#![cfg_attr(all(unix, not(test)), no_main)]

mod cli;
#[cfg(all(unix, not(test)))]
mod entry;

use std::ffi::OsString;

use clap::{FromArgMatches, Parser};

#[cfg(not(unix))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run(std::env::args_os().collect()))
}

/// Run the command line `argv` (the program's name first); returns the exit status.
#[cfg_attr(test, allow(dead_code))]
fn run(argv: Vec<OsString>) -> u8 {
    let args = match parse(&argv) {
        Ok(args) => args,
        Err(code) => return code,
    };
    let lang = args.lang();
    match cli::run(args) {
        Ok(code) => code,
        // The reader of our output has gone (`deltagraph run | head -1`): end quietly, as
        // `grep` and `rg` do.
        Err(e) if e.is_closed_pipe() => 0,
        Err(e) => {
            deltagraph::console::note(&deltagraph::tr!(lang, "error-line", message = e.text(lang)));
            e.exit_code()
        }
    }
}

/// The arguments, or the exit status after clap's help, version or usage error was shown.
///
/// The command with its texts in the reader's language takes a hundred catalogue messages to
/// build, and only help and errors show them: localizing changes texts, never what parses. So
/// the arguments are parsed with the plain command first, and only when that stops (help,
/// version, a usage error) are they parsed again with the localized one, which says why.
#[cfg_attr(test, allow(dead_code))]
fn parse(argv: &[OsString]) -> Result<cli::Cli, u8> {
    // Most command lines name a subcommand, which is all they need built.
    let quick = cli::Cli::subcommand_named(argv)
        .and_then(cli::Cli::command_for)
        .map(|command| command.try_get_matches_from(argv));
    if let Some(Ok(matches)) = quick
        && let Ok(args) = cli::Cli::from_arg_matches(&matches)
    {
        return Ok(args);
    }
    if let Ok(args) = cli::Cli::try_parse_from(argv) {
        return Ok(args);
    }
    let lang = cli::localize::requested_lang(argv);
    let parsed = cli::localize::command(lang)
        .try_get_matches_from(argv)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    parsed.map_err(|e| {
        // Help and version go to standard output as clap writes them; a usage error to
        // standard error, in the reader's language (exit status 2).
        if e.use_stderr() {
            deltagraph::console::note(cli::localize::error_text(&e, lang).trim_end());
        } else if e.print().is_err() {
            return 2;
        }
        u8::try_from(e.exit_code()).unwrap_or(2)
    })
}
