//! The `transcheck` binary: parse the command line, run, exit with the status it earned.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    transcheck::app::run(transcheck::cli::Cli::parse())
}
