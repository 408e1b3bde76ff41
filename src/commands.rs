//! The subcommands around checking: `report summary`, `report diff` and `report html` over
//! saved CSV reports, and the shell completions and manual pages generated from the command
//! line's definition.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::app::{Status, print_error};
use crate::baseline::Baseline;
use crate::cli::{Cli, ManArgs, ReportCommand, TableFormat};
use crate::man;
use crate::report::html::ReviewPage;
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
        ReportCommand::Html { file, output } => {
            let rows = match read(&file) {
                Ok(rows) => rows,
                Err(err) => return Ok(refuse(err)),
            };
            let output = output.unwrap_or_else(|| file.with_extension("html"));
            let page = ReviewPage::from_report(file.display().to_string(), rows);
            write_page(&page, &output)?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

/// Writes a review page and says on standard error where it went and what it holds.
pub(crate) fn write_page(page: &ReviewPage, path: &Path) -> anyhow::Result<()> {
    page.write(path)
        .with_context(|| format!("cannot write the review page to {}", path.display()))?;
    let counts = page.counts();
    let mut line = format!(
        "Review page: {} ({} finding{} in {} file{}",
        if path == Path::new("-") {
            "standard output".to_string()
        } else {
            path.display().to_string()
        },
        counts.findings,
        if counts.findings == 1 { "" } else { "s" },
        counts.files,
        if counts.files == 1 { "" } else { "s" },
    );
    if counts.stale > 0 {
        line.push_str(&format!(
            "; {} stale, listed without highlight: their text changed since the report",
            counts.stale
        ));
        if counts.unreadable > 0 {
            line.push_str(&format!(
                " or {} of their files cannot be read",
                counts.unreadable
            ));
        }
    }
    line.push(')');
    let _ = writeln!(io::stderr(), "{line}");
    Ok(())
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
