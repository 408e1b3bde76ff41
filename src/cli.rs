//! The command line (a contract, see the README): each flag's doc comment is its `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;

/// A fast, offline checker for translated news text: name variants, broken quotes,
/// stray spacing, source-script leftovers and encoding damage.
#[derive(Debug, Parser)]
#[command(name = "transcheck", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour what is printed: auto (on a terminal, unless NO_COLOR is set, or
    /// whenever CLICOLOR_FORCE is), always or never; the flag wins over both variables.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN", global = true)]
    pub color: ColorWhen,
}

/// When output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, as NO_COLOR and CLICOLOR_FORCE say.
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per run; boxing `check`'s arguments would buy nothing"
)]
pub enum Command {
    /// Check files and folders; print findings and write the CSV report.
    Check(CheckArgs),
    /// List, explain and test rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Summarise a CSV report, compare two, or make a review page of one.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): the top level's, or a subcommand's; or write them all.
    Man(ManArgs),
}

/// Arguments of `transcheck man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page is printed (`check`, `rules`, `rules test`, …)
    /// [default: the top level's page].
    #[arg(value_name = "SUBCOMMAND", num_args = 0..)]
    pub page: Vec<String>,
    /// Write every page (transcheck.1, transcheck-check.1, …) into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "page")]
    pub out: Option<PathBuf>,
}

/// Where rules and configuration come from.
#[derive(Debug, Args, Clone, Default)]
pub struct RuleArgs {
    /// Add a folder of rule files (repeatable).
    #[arg(short = 'r', long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use this configuration file [default: transcheck.toml in the working folder or a parent].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub no_config: bool,
}

/// What goes to standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style diagnostics.
    #[default]
    Text,
    /// The CSV report itself.
    Csv,
    /// One JSON document: the findings and a summary.
    Json,
    /// One JSON object per finding and per line, streamed.
    Jsonl,
    /// A SARIF 2.1.0 log, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// One line per finding, `path:line:col: severity[rule] message`: for grep and for
    /// editors' quickfix lists.
    Concise,
}

/// Arguments of `transcheck check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders recursively); `-` reads standard input [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Rules and configuration.
    #[command(flatten)]
    pub rule_args: RuleArgs,
    /// Write the CSV report there; `-` writes it to standard output instead of the
    /// findings [default: reports/transcheck.csv].
    #[arg(short = 'o', long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Write no CSV report.
    #[arg(long, conflicts_with = "report")]
    pub no_report: bool,
    /// What goes to standard output [default: text].
    #[arg(short = 'f', long, value_enum, value_name = "FMT")]
    pub format: Option<OutputFormat>,
    /// The lowest severity that makes the run exit with status 1 [default: warning].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Run only these rule ids or categories (comma-separated; replaces the configuration's).
    #[arg(long, value_delimiter = ',', value_name = "ID,..")]
    pub select: Vec<String>,
    /// Never run these rule ids or categories (comma-separated; added to the configuration's).
    #[arg(long, value_delimiter = ',', value_name = "ID,..")]
    pub ignore: Vec<String>,
    /// Drop the findings recorded in this earlier CSV report (matched by fingerprint).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this CSV report, to serve as a later --baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Also write the review page there: one self-contained HTML file showing every
    /// article with its findings highlighted (as `report html` makes from the CSV report).
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
    /// Apply every safe fix in place; the findings that remain are reported.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of the findings; change no file.
    #[arg(long)]
    pub diff: bool,
    /// Also check name consistency across all the files given: a spelling used in a
    /// minority of them is flagged there (reads every file twice; standard input is left out).
    #[arg(long)]
    pub corpus: bool,
    /// Number of threads [default: the number of cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// The name standard input is shown and checked as: its extension gives the format
    /// (`article.md` is Markdown) and per-file ignores match it. Without PATHs, standard
    /// input is read.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Read files that are not valid UTF-8 in this encoding (windows-1251, koi8-r,
    /// windows-1252, …; any WHATWG label); UTF-8 files are read as UTF-8 [default: the
    /// configuration's `encoding`, else none: such files are skipped with a guess named].
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Check each file against its source, found by this template: `{dir}` is the file's
    /// folder, `{stem}` its name without the last extension, `{name}` its whole name
    /// (`'{dir}/../source/{stem}.src.txt'`). Line k of the source pairs with line k of the
    /// file. A file without its source is checked as without this option, with a notice.
    /// Not applied to XLIFF files, which carry their sources [default: the configuration's
    /// `source`].
    #[arg(long, value_name = "TEMPLATE")]
    pub source: Option<String>,
    /// The language of the sources (`ru`, `ja`, …) [default: the configuration's
    /// `source-lang`, else an XLIFF file's own, else told from each source's script].
    #[arg(long, value_name = "CODE")]
    pub source_lang: Option<String>,
    /// Exit 0, not 2, when the paths given hold no file to check (an empty folder, every
    /// file excluded).
    #[arg(long)]
    pub allow_no_files: bool,
}

/// `transcheck rules …`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every loaded rule: id, kind, severity, whether it runs by default, source file.
    List(RuleArgs),
    /// Explain a rule (what it flags, why, examples), or list a category's rules.
    Explain {
        /// A rule id (`spacing.double-space`), or a category (`spacing`): its rules, one
        /// line each.
        #[arg(value_name = "ID|CATEGORY")]
        id: String,
        /// Rules and configuration.
        #[command(flatten)]
        rule_args: RuleArgs,
    },
    /// Run every rule's examples; exit 1 naming each failing example.
    Test {
        /// Folders of rule files to test [default: the built-in pack and configured folders].
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Rules and configuration.
        #[command(flatten)]
        rule_args: RuleArgs,
    },
}

/// How the `report` subcommands print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TableFormat {
    /// Aligned text for people.
    #[default]
    Text,
    /// CSV, for spreadsheets.
    Csv,
    /// JSON, for scripts.
    Json,
}

/// `transcheck report …`
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Counts by rule, severity and file, and the files with most findings.
    Summary {
        /// A CSV report written by `transcheck check`.
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// Output format.
        #[arg(short = 'f', long, value_enum, default_value_t, value_name = "FMT")]
        format: TableFormat,
        /// How many files to list among those with most findings.
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
    },
    /// Compare two reports by fingerprint: new, fixed and unchanged findings.
    Diff {
        /// The earlier report.
        #[arg(value_name = "OLD.csv")]
        old: PathBuf,
        /// The later report.
        #[arg(value_name = "NEW.csv")]
        new: PathBuf,
        /// The baseline the reports were checked against (`check --baseline`): the
        /// findings it holds are left out of both reports before they are compared, so a
        /// finding the baseline hid is not counted as fixed.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Output format.
        #[arg(short = 'f', long, value_enum, default_value_t, value_name = "FMT")]
        format: TableFormat,
    },
    /// Write the review page: one self-contained HTML file showing every article of the
    /// report with its findings highlighted, to filter, step through and mark false alarms.
    Html {
        /// A CSV report written by `transcheck check`; the files it names are read from the
        /// working folder, as `check` named them.
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// Write the page there (`-`: standard output) [default: the report's path with
        /// the extension .html].
        #[arg(short = 'o', long, value_name = "FILE.html")]
        output: Option<PathBuf>,
    },
}
