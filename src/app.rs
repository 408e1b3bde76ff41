//! The commands: each subcommand wired from the library's parts, with messages for people
//! on standard error and the exit status (0 clean, 1 findings, 2 errors).

use std::fmt::Display;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use anyhow::Context as _;

use crate::cli::{Cli, ColorWhen, Command, RuleArgs};
use crate::commands;
use crate::config::LoadedConfig;

mod check;
mod fixing;
mod progress;
mod rules;

/// The report path used when neither the command line nor the configuration names one.
pub const DEFAULT_REPORT: &str = "reports/transcheck.csv";

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing at or above `--fail-on`.
    Clean = 0,
    /// Findings at or above `--fail-on`, or failing rule examples.
    Findings = 1,
    /// A usage, configuration or rule-file error, or an input that could not be read.
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Runs a parsed command line and returns the exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let result = match cli.command {
        Command::Check(args) => check::check(args),
        Command::Rules(command) => rules::rules(command),
        Command::Report(command) => commands::report(command),
        Command::Completions { shell } => commands::completions(shell),
        Command::Man(args) => commands::man(args),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) if is_broken_pipe(&err) => Status::Clean.into(),
        Err(err) => {
            print_error(format!("{err:#}"));
            Status::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|cause| cause.kind() == io::ErrorKind::BrokenPipe)
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// Prints an error; the lines of a multi-line message (a regex parse error) are indented
/// under the first so they read as one error.
pub(crate) fn print_error(message: impl Display) {
    let message = message.to_string().replace('\n', "\n    ");
    let _ = writeln!(anstream::stderr(), "{ERROR}error:{ERROR:#} {message}");
}

/// Prints a warning: something was skipped, and the run goes on.
pub(crate) fn print_warning(message: impl Display) {
    let _ = writeln!(anstream::stderr(), "{WARNING}warning:{WARNING:#} {message}");
}

/// Prints every error of a list; the status is [`Status::Error`].
pub(crate) fn print_errors<E: Display>(errors: impl IntoIterator<Item = E>) -> Status {
    for err in errors {
        print_error(err);
    }
    Status::Error
}

pub(crate) fn load_config(args: &RuleArgs) -> anyhow::Result<LoadedConfig> {
    let cwd = std::env::current_dir().context("cannot determine the working folder")?;
    if args.no_config {
        return Ok(LoadedConfig {
            base: cwd,
            ..LoadedConfig::default()
        });
    }
    Ok(LoadedConfig::load(args.config.as_deref(), &cwd)?)
}

/// The rule folders of a run: the configuration's, then the command line's.
pub(crate) fn rule_folders(args: &RuleArgs, config: &LoadedConfig) -> Vec<PathBuf> {
    config
        .config
        .rules
        .iter()
        .map(|path| config.resolve(path))
        .chain(args.rules.iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::Severity;

    #[test]
    fn severities_index_the_tally_in_order() {
        assert_eq!(Severity::Info as usize, 0);
        assert_eq!(Severity::Error as usize, 2);
    }
}
