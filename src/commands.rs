//! The subcommands around checking: `report summary` and `report diff` over saved CSV
//! reports, and the shell completions and manual page generated from the command line's
//! definition.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::app::{Status, print_error};
use crate::cli::{Cli, ReportCommand, TableFormat};
use crate::report::read::{ReadError, read_report};
use crate::report::tools;

/// Runs `transcheck report …`. A file that is not a transcheck report is an error (status 2).
pub fn report(command: ReportCommand) -> anyhow::Result<Status> {
    let mut out = io::stdout().lock();
    let read = |path: &std::path::Path| read_report(path);
    match command {
        ReportCommand::Summary { file, format, top } => {
            let rows = match read(&file) {
                Ok(rows) => rows,
                Err(err) => return Ok(refuse(err)),
            };
            let summary = tools::summarise(&rows, top);
            match format {
                TableFormat::Text => tools::summary_text(&mut out, &summary)?,
                TableFormat::Csv => tools::summary_csv(&mut out, &summary)?,
                TableFormat::Json => writeln!(out, "{:#}", tools::summary_json(&summary))?,
            }
        }
        ReportCommand::Diff { old, new, format } => {
            let (old, new) = match (read(&old), read(&new)) {
                (Ok(old), Ok(new)) => (old, new),
                (Err(err), _) | (_, Err(err)) => return Ok(refuse(err)),
            };
            let comparison = tools::compare(old, new);
            match format {
                TableFormat::Text => tools::diff_text(&mut out, &comparison)?,
                TableFormat::Csv => tools::diff_csv(&mut out, &comparison)?,
                TableFormat::Json => writeln!(out, "{:#}", tools::diff_json(&comparison))?,
            }
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

fn refuse(err: ReadError) -> Status {
    print_error(err);
    Status::Error
}

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<Status> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "transcheck", &mut io::stdout().lock());
    Ok(Status::Clean)
}

/// Prints the manual page, in roff.
pub fn man() -> anyhow::Result<Status> {
    clap_mangen::Man::new(Cli::command()).render(&mut io::stdout().lock())?;
    Ok(Status::Clean)
}
