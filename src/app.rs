//! The commands: each subcommand wired from the library's parts, with messages for people
//! on standard error and the exit status (0 clean, 1 findings, 2 errors).

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anstyle::{AnsiColor, Style};
use anyhow::Context as _;

use crate::baseline::Baseline;
use crate::cli::{CheckArgs, Cli, Command, OutputFormat, RuleArgs, RulesCommand};
use crate::commands;
use crate::config::{FailOn, LoadedConfig};
use crate::document::Document;
use crate::engine::{Engine, Outcome};
use crate::finding::Finding;
use crate::inputs::{self, FileFilter};
use crate::report::Reporter;
use crate::report::csv::{CsvReport, ReportFile};
use crate::report::github::GithubReport;
use crate::report::html::ReviewPage;
use crate::report::json::JsonReport;
use crate::report::jsonl::JsonLinesReport;
use crate::report::sarif::{RuleDescriptor, SarifReport};
use crate::report::text::TextReport;
use crate::rules::{RuleSet, Selection, run_examples};
use crate::suppress::Suppressions;

mod fixing;
mod progress;

use fixing::Fixing;
use progress::Progress;

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
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(command) => rules(command),
        Command::Report(command) => commands::report(command),
        Command::Completions { shell } => commands::completions(shell),
        Command::Man => commands::man(),
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
fn print_warning(message: impl Display) {
    let _ = writeln!(anstream::stderr(), "{WARNING}warning:{WARNING:#} {message}");
}

/// Prints every error of a list; the status is [`Status::Error`].
pub(crate) fn print_errors<E: Display>(errors: impl IntoIterator<Item = E>) -> Status {
    for err in errors {
        print_error(err);
    }
    Status::Error
}

fn load_config(args: &RuleArgs) -> anyhow::Result<LoadedConfig> {
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
fn rule_folders(args: &RuleArgs, config: &LoadedConfig) -> Vec<PathBuf> {
    config
        .config
        .rules
        .iter()
        .map(|path| config.resolve(path))
        .chain(args.rules.iter().cloned())
        .collect()
}

fn check(args: CheckArgs) -> anyhow::Result<Status> {
    let started = Instant::now();
    let loaded = load_config(&args.rule_args)?;
    let config = &loaded.config;
    let filter = FileFilter::new(
        &config.extensions,
        &config.include,
        &config.exclude,
        loaded.base.clone(),
    );
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let selection = Selection {
        select: if args.select.is_empty() {
            config.select.clone()
        } else {
            args.select.clone()
        },
        ignore: config.ignore.iter().chain(&args.ignore).cloned().collect(),
        severity: config.severity.clone(),
    };
    // The folders are walked while the rules are compiled and the engine is built: both
    // take milliseconds before any file is checked, and there are two cores to do them.
    // The walk stays on this thread, which frees its thousands of paths at the end (freeing
    // another thread's memory costs the allocator more). A filter that cannot be built is
    // reported after the rules' errors, as before.
    let (compiled, walked) = std::thread::scope(|scope| {
        let compile = scope.spawn(|| {
            RuleSet::load(true, &rule_folders(&args.rule_args, &loaded)).map(|rule_set| {
                let known: Vec<String> =
                    rule_set.rules().iter().map(|r| r.meta.id.clone()).collect();
                (
                    known,
                    selection.apply(rule_set.into_rules()).map(Engine::new),
                )
            })
        });
        let walked = filter.map(|filter| inputs::collect(&paths, &filter));
        let compiled = compile
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (compiled, walked)
    });
    let (known, engine) = match compiled {
        Ok(compiled) => compiled,
        Err(errors) => return Ok(print_errors(errors)),
    };
    let (inputs, input_errors) = walked?;
    let suppressions = Suppressions::new(known, &config.per_file_ignores, loaded.base.clone())?;
    let mut engine = engine?;
    let baseline = match &args.baseline {
        Some(path) => Baseline::load(path)?,
        None => Baseline::default(),
    };
    let mut unreadable = input_errors.len();
    print_errors(&input_errors);

    let report_path = (!args.no_report).then(|| {
        args.report.clone().unwrap_or_else(|| {
            config
                .report
                .as_deref()
                .map_or_else(|| PathBuf::from(DEFAULT_REPORT), |p| loaded.resolve(p))
        })
    });
    let create_report = |path: &Path| {
        ReportFile::create(path)
            .with_context(|| format!("cannot write the report to {}", path.display()))
    };
    let mut report_file = report_path.as_deref().map(create_report).transpose()?;
    let mut baseline_file = args
        .write_baseline
        .as_deref()
        .map(create_report)
        .transpose()?;
    let mut stdout = (!args.diff && !stdout_is_discarded())
        .then(|| stdout_reporter(args.format, &engine))
        .transpose()?;

    let fail_on = args.fail_on.or(config.fail_on).unwrap_or_default();
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    // Corpus mode's second pass reads a document again only if a verdict adds to its
    // findings or its text is needed here: to fix it, to show its lines (in the terminal or
    // on the review page), or to read its suppression comments.
    let shows_source = stdout.as_ref().is_some_and(|stdout| stdout.shows_source());
    let needs_text = |document: &Document| {
        args.fix
            || args.diff
            || shows_source
            || args.html.is_some()
            || Suppressions::has_comments(document)
    };
    // The review page names the report it matches, so it is the page `report html` makes
    // of that report.
    let mut review_page = args.html.as_ref().map(|_| {
        ReviewPage::new(report_path.as_deref().map_or_else(
            || "transcheck check".to_string(),
            |path| path.display().to_string(),
        ))
    });
    let first_pass = args
        .corpus
        .then(|| engine.learn_corpus(&inputs, jobs, needs_text))
        .transpose()
        .with_context(|| {
            format!(
                "corpus mode: cannot keep the first pass's findings in a temporary file in {} \
                 (TMPDIR chooses the folder)",
                std::env::temp_dir().display()
            )
        })?;
    let mut tally = Tally::default();
    let mut progress = Progress::new(inputs.len(), started);
    let mut next_input = 0;
    engine.check_all(&inputs, jobs, first_pass, |outcome| {
        let input = &inputs[next_input];
        next_input += 1;
        progress.tick();
        let (document, mut findings) = match outcome {
            Outcome::Checked { document, findings } => {
                let findings = suppressions.apply(&document, findings);
                let fixing = Fixing {
                    engine: &engine,
                    suppressions: &suppressions,
                };
                let (document, findings) = if args.fix || args.diff {
                    fixing.run(input, document, findings, args.diff, &mut tally, &progress)?
                } else {
                    (document, findings)
                };
                (Some(document), findings)
            }
            Outcome::Recalled { file, findings } => {
                (None, suppressions.apply_per_file(&file, findings))
            }
            Outcome::Failed { file, message } => {
                unreadable += 1;
                progress
                    .bar
                    .suspend(|| print_error(format_args!("{file}: {message}")));
                return Ok(());
            }
        };
        let document = document.as_ref();
        if let Some(file) = baseline_file.as_mut() {
            file.report(document, &findings)?;
        }
        tally.baselined += baseline.filter(&mut findings);
        tally.add(&findings, fail_on);
        if let Some(stdout) = stdout.as_mut() {
            progress
                .bar
                .suspend(|| stdout.report(document, &findings))?;
        }
        if let Some(report) = report_file.as_mut() {
            report.report(document, &findings)?;
        }
        if let Some(page) = review_page.as_mut() {
            page.report(document, &findings)?;
        }
        Ok(())
    })?;
    progress.bar.finish_and_clear();
    if let Some(mut stdout) = stdout {
        stdout.fixes_applied(tally.fixes);
        stdout.finish()?;
    }
    for (file, path) in [
        (report_file, report_path.as_deref()),
        (baseline_file, args.write_baseline.as_deref()),
    ] {
        if let (Some(file), Some(path)) = (file, path) {
            file.persist()
                .with_context(|| format!("cannot write the report to {}", path.display()))?;
        }
    }
    if let (Some(page), Some(path)) = (&review_page, args.html.as_deref()) {
        commands::write_page(page, path)?;
    }
    tally.print_summary(
        inputs.len() - unreadable.min(inputs.len()),
        unreadable,
        report_path.as_deref(),
        &args,
        started,
    );
    Ok(if unreadable > 0 || tally.fix_errors > 0 {
        Status::Error
    } else if tally.failing > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Whether standard output is `/dev/null`: nothing reads it, so findings are not
/// formatted for it (the report file, the summary and the exit status are unchanged). A
/// CI job that keeps only the CSV report saves the formatting of every finding.
fn stdout_is_discarded() -> bool {
    match (
        same_file::Handle::stdout(),
        same_file::Handle::from_path("/dev/null"),
    ) {
        (Ok(stdout), Ok(null)) => stdout == null,
        _ => false,
    }
}

/// The writer for standard output.
fn stdout_reporter(format: OutputFormat, engine: &Engine) -> io::Result<Box<dyn Reporter + Send>> {
    Ok(match format {
        OutputFormat::Text => {
            // A pipe or a file gets plain text, buffered; a terminal gets what anstream
            // decides (colour unless NO_COLOR), line by line beside the progress bar.
            let stdout = io::stdout();
            let colour = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
            if stdout.is_terminal() || colour {
                Box::new(TextReport::new(anstream::stdout(), colour))
            } else {
                Box::new(TextReport::new(io::BufWriter::new(stdout), false))
            }
        }
        OutputFormat::Csv => Box::new(CsvReport::new(io::BufWriter::new(io::stdout()))?),
        OutputFormat::Json => Box::new(JsonReport::new(io::BufWriter::new(io::stdout()))),
        OutputFormat::Jsonl => Box::new(JsonLinesReport::new(io::BufWriter::new(io::stdout()))),
        OutputFormat::Github => Box::new(GithubReport::new(io::BufWriter::new(io::stdout()))),
        OutputFormat::Sarif => {
            let rules = engine
                .rules()
                .iter()
                .map(|rule| RuleDescriptor {
                    id: rule.meta.id.clone(),
                    description: rule.meta.message.clone(),
                    help: rule.meta.explain.clone(),
                })
                .collect();
            Box::new(SarifReport::new(io::BufWriter::new(io::stdout()), rules))
        }
    })
}

/// Counts of a run's findings and fixes.
#[derive(Default)]
struct Tally {
    by_severity: [usize; 3],
    failing: usize,
    baselined: usize,
    fixes: usize,
    fixed_files: usize,
    fix_errors: usize,
}

impl Tally {
    fn add(&mut self, findings: &[Finding], fail_on: FailOn) {
        for finding in findings {
            self.by_severity[finding.severity as usize] += 1;
            self.failing += usize::from(fail_on.fails(finding.severity));
        }
    }

    fn print_summary(
        &self,
        checked: usize,
        unreadable: usize,
        report: Option<&Path>,
        args: &CheckArgs,
        started: Instant,
    ) {
        let [info, warning, error] = self.by_severity;
        let total = info + warning + error;
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let mut line = format!(
            "Checked {checked} {}: {total} finding{} ({error} error{}, {warning} warning{}, {info} info)",
            files(checked),
            plural(total),
            plural(error),
            plural(warning),
        );
        if args.fix {
            line.push_str(&format!(
                " remaining after {} fix{} in {} {}",
                self.fixes,
                if self.fixes == 1 { "" } else { "es" },
                self.fixed_files,
                files(self.fixed_files)
            ));
        } else if args.diff {
            line.push_str(&format!(
                "; {} fix{} in {} {} shown as a diff, none applied",
                self.fixes,
                if self.fixes == 1 { "" } else { "es" },
                self.fixed_files,
                files(self.fixed_files)
            ));
        }
        if args.baseline.is_some() {
            line.push_str(&format!("; {} in the baseline", self.baselined));
        }
        if unreadable > 0 {
            line.push_str(&format!(
                "; {unreadable} {} could not be read",
                files(unreadable)
            ));
        }
        if let Some(report) = report {
            line.push_str(&format!("; report: {}", report.display()));
        }
        line.push_str(&format!(" [{:.2}s]", started.elapsed().as_secs_f64()));
        let _ = writeln!(anstream::stderr(), "{line}");
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn rules(command: RulesCommand) -> anyhow::Result<Status> {
    match command {
        RulesCommand::List(args) => {
            let Some(set) = load_rule_set(&args, true, &[])? else {
                return Ok(Status::Error);
            };
            list_rules(&set)?;
            Ok(Status::Clean)
        }
        RulesCommand::Explain { id, rule_args } => {
            let Some(set) = load_rule_set(&rule_args, true, &[])? else {
                return Ok(Status::Error);
            };
            match set.get(&id) {
                Some(rule) => {
                    explain_rule(rule)?;
                    Ok(Status::Clean)
                }
                None => Ok(print_errors([format!(
                    "unknown rule `{id}`; `transcheck rules list` shows the rules"
                )])),
            }
        }
        RulesCommand::Test { dirs, rule_args } => {
            let Some(set) = load_rule_set(&rule_args, dirs.is_empty(), &dirs)? else {
                return Ok(Status::Error);
            };
            test_rules(&set)
        }
    }
}

/// Loads the rules for a `rules` subcommand: with `extra` folders given, only those;
/// otherwise the built-in pack and the configured folders. `None` once errors are printed.
fn load_rule_set(
    args: &RuleArgs,
    defaults: bool,
    extra: &[PathBuf],
) -> anyhow::Result<Option<RuleSet>> {
    let loaded = load_config(args)?;
    let mut folders = if defaults {
        rule_folders(args, &loaded)
    } else {
        args.rules.clone()
    };
    folders.extend(extra.iter().cloned());
    match RuleSet::load(defaults, &folders) {
        Ok(set) => Ok(Some(set)),
        Err(errors) => {
            print_errors(errors);
            Ok(None)
        }
    }
}

fn list_rules(set: &RuleSet) -> io::Result<()> {
    let rows: Vec<[String; 5]> = set
        .rules()
        .iter()
        .map(|rule| {
            let meta = &rule.meta;
            [
                meta.id.clone(),
                meta.kind.name().to_string(),
                meta.severity.to_string(),
                if meta.enabled { "on" } else { "off" }.to_string(),
                meta.source.to_string(),
            ]
        })
        .collect();
    let header = ["ID", "KIND", "SEVERITY", "DEFAULT", "SOURCE"].map(String::from);
    let mut widths = [0; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = io::stdout().lock();
    for row in std::iter::once(&header).chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
    }
    Ok(())
}

fn explain_rule(rule: &crate::rules::Rule) -> io::Result<()> {
    let meta = &rule.meta;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", meta.id)?;
    writeln!(
        out,
        "kind: {}; severity: {}; {}; {}",
        meta.kind.name(),
        meta.severity,
        if meta.enabled {
            "on by default"
        } else {
            "off unless selected by id"
        },
        if meta.fix {
            "fix is safe to apply"
        } else {
            "no automatic fix"
        }
    )?;
    writeln!(out, "defined in {}", meta.source)?;
    writeln!(out, "\n## What it flags\n{}", meta.message)?;
    if !meta.explain.trim().is_empty() {
        writeln!(out, "\n## Why\n{}", meta.explain.trim())?;
    }
    for (title, flags) in [("Flagged", true), ("Not flagged", false)] {
        let examples: Vec<_> = meta
            .examples
            .iter()
            .filter(|e| (e.findings > 0) == flags)
            .collect();
        if !examples.is_empty() {
            writeln!(out, "\n## {title}")?;
            for example in examples {
                writeln!(out, "  {:?}", example.text)?;
            }
        }
    }
    Ok(())
}

fn test_rules(set: &RuleSet) -> anyhow::Result<Status> {
    let mut examples = 0;
    let mut failures = Vec::new();
    for rule in set.rules() {
        examples += rule.meta.examples.len();
        failures.extend(run_examples(rule));
    }
    let mut out = io::stdout().lock();
    for failure in &failures {
        writeln!(out, "FAIL {failure}")?;
    }
    writeln!(
        out,
        "{} rules, {examples} examples: {}",
        set.rules().len(),
        if failures.is_empty() {
            "all passed".to_string()
        } else {
            format!("{} failed", failures.len())
        }
    )?;
    Ok(if failures.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
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
