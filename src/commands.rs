//! The subcommands around checking: `report summary` and `report diff` over saved CSV
//! reports, and the shell completions and manual pages generated from the command line's
//! definition.

use std::io::{self, Write};

use anyhow::Context as _;
use clap::CommandFactory;

use crate::app::{Status, print_error};
use crate::baseline::Baseline;
use crate::cli::{Cli, ManArgs, ReportCommand, TableFormat};
use crate::man;
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
        ReportCommand::Diff {
            old,
            new,
            format,
            baseline,
        } => {
            let baseline = match baseline.as_deref().map(Baseline::load).transpose() {
                Ok(baseline) => baseline.unwrap_or_default(),
                Err(err) => return Ok(refuse(err)),
            };
            let (old, new) = match (read(&old), read(&new)) {
                (Ok(old), Ok(new)) => (old, new),
                (Err(err), _) | (_, Err(err)) => return Ok(refuse(err)),
            };
            let comparison = tools::compare(old, new, &baseline);
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

/// Prints the manual page of the top level or of a subcommand, in roff; or, with
/// `--out DIR`, writes every page there.
pub fn man(args: ManArgs) -> anyhow::Result<Status> {
    if let Some(folder) = args.out {
        let written = man::write_all(&folder)
            .with_context(|| format!("cannot write the manual pages to {}", folder.display()))?;
        let _ = writeln!(
            anstream::stderr(),
            "{} manual pages written to {}",
            written.len(),
            folder.display()
        );
        return Ok(Status::Clean);
    }
    let Some(command) = man::find(&args.page) else {
        print_error(format_args!(
            "no manual page for `{}`; pages: {}",
            args.page.join(" "),
            man::page_names().join(", ")
        ));
        return Ok(Status::Error);
    };
    let mut out = io::stdout().lock();
    man::render(command, &mut out)?;
    out.flush()?;
    Ok(Status::Clean)
}
