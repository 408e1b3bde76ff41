//! The `transcheck` binary: parse the command line, run, exit with the status it earned.

use std::process::ExitCode;

use clap::Parser;

/// Checking allocates many short-lived values per document on every worker thread;
/// mimalloc's thread-local heaps serve them with less locking and fewer page faults than
/// the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    transcheck::app::run(transcheck::cli::Cli::parse())
}
