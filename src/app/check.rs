//! `transcheck check`: the inputs walked, checked by the engine, fixed when asked,
//! filtered by the baseline and handed to the writers; then the summary line and the exit
//! status.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;

use super::fixing::Fixing;
use super::progress::Progress;
use super::{
    DEFAULT_REPORT, Status, load_config, print_error, print_errors, print_warning, rule_folders,
};
use crate::baseline::Baseline;
use crate::cli::{CheckArgs, OutputFormat};
use crate::commands;
use crate::config::{FailOn, LoadedConfig};
use crate::document::{Document, Format, encoding_for_label};
use crate::engine::Engine;
use crate::engine::corpus::FirstPass;
use crate::engine::run::{self, Outcome};
use crate::finding::Finding;
use crate::inputs::{self, DEFAULT_EXTENSIONS, FileFilter};
use crate::reading::{Reader, Sources};
use crate::report::Reporter;
use crate::report::concise::ConciseReport;
use crate::report::csv::{CsvReport, ReportFile};
use crate::report::github::GithubReport;
use crate::report::html::ReviewPage;
use crate::report::json::JsonReport;
use crate::report::jsonl::JsonLinesReport;
use crate::report::sarif::{RuleDescriptor, SarifReport};
use crate::report::text::TextReport;
use crate::rules::{Kind, RuleSet, Selection};
use crate::suppress::Suppressions;

/// The path that names standard output for `-o`.
const STDOUT_PATH: &str = "-";

/// Where the CSV report goes, and what goes to standard output.
struct Outputs {
    /// The report file, unless `--no-report` or `-o -`.
    report: Option<PathBuf>,
    /// The format printed on standard output.
    format: OutputFormat,
    /// Whether the CSV report is what standard output gets (`-o -`).
    report_on_stdout: bool,
}

impl Outputs {
    /// The outputs the flags and the configuration ask for, or a usage error.
    fn new(args: &CheckArgs, loaded: &LoadedConfig) -> Result<Self, String> {
        if args.write_baseline.as_deref() == Some(Path::new(STDOUT_PATH)) {
            return Err("--write-baseline needs a file to write the baseline to, not `-`".into());
        }
        if args.report.as_deref() == Some(Path::new(STDOUT_PATH)) {
            if args.diff {
                return Err(
                    "`-o -` writes the CSV report to standard output, which --diff \
                            wants too; write the report to a file"
                        .into(),
                );
            }
            return match args.format {
                None | Some(OutputFormat::Csv) => Ok(Self {
                    report: None,
                    format: OutputFormat::Csv,
                    report_on_stdout: true,
                }),
                Some(format) => Err(format!(
                    "`-o -` writes the CSV report to standard output, which --format {} wants \
                     too; write the report to a file, or leave --format out",
                    format_name(format)
                )),
            };
        }
        let report = (!args.no_report).then(|| {
            args.report.clone().unwrap_or_else(|| {
                loaded
                    .config
                    .report
                    .as_deref()
                    .map_or_else(|| PathBuf::from(DEFAULT_REPORT), |p| loaded.resolve(p))
            })
        });
        Ok(Self {
            report,
            format: args.format.unwrap_or_default(),
            report_on_stdout: false,
        })
    }
}

fn format_name(format: OutputFormat) -> String {
    clap::ValueEnum::to_possible_value(&format)
        .map_or_else(String::new, |value| value.get_name().to_string())
}

/// The paths to check: those given; standard input alone when only `--stdin-filename` is;
/// else the working folder. A usage error when `--stdin-filename` names an input not read.
fn paths_to_check(args: &CheckArgs) -> Result<Vec<PathBuf>, String> {
    let reads_stdin = args.paths.iter().any(|path| path.as_os_str() == "-");
    Ok(match (&args.stdin_filename, args.paths.is_empty()) {
        (Some(_), true) => vec![PathBuf::from("-")],
        (Some(name), false) if !reads_stdin => {
            return Err(format!(
                "--stdin-filename {name} names standard input, which is not read: add `-` to \
                 the paths"
            ));
        }
        (_, true) => vec![PathBuf::from(".")],
        _ => args.paths.clone(),
    })
}

/// The encoding of inputs that are not UTF-8: `--encoding`, else the configuration's.
fn legacy_encoding(
    args: &CheckArgs,
    loaded: &LoadedConfig,
) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    if let Some(label) = &args.encoding {
        return encoding_for_label(label)
            .map(Some)
            .map_err(|err| format!("--encoding: {err}"));
    }
    match &loaded.config.encoding {
        Some(label) => encoding_for_label(label).map(Some).map_err(|err| {
            let file = loaded
                .path
                .as_deref()
                .map_or_else(String::new, |path| format!("{}: ", path.display()));
            format!("{file}`encoding`: {err}")
        }),
        None => Ok(None),
    }
}

/// Runs `transcheck check`.
pub(super) fn check(args: CheckArgs) -> anyhow::Result<Status> {
    let started = Instant::now();
    let loaded = load_config(&args.rule_args)?;
    let config = &loaded.config;
    let usage = Outputs::new(&args, &loaded)
        .and_then(|outputs| Ok((outputs, paths_to_check(&args)?)))
        .and_then(|(outputs, paths)| Ok((outputs, paths, legacy_encoding(&args, &loaded)?)));
    let (outputs, paths, encoding) = match usage {
        Ok(usage) => usage,
        Err(message) => return Ok(print_errors([message])),
    };
    let filter = FileFilter::new(
        &config.extensions,
        &config.include,
        &config.exclude,
        loaded.base.clone(),
    );
    let selection = Selection {
        select: if args.select.is_empty() {
            config.select.clone()
        } else {
            args.select.clone()
        },
        ignore: config.ignore.iter().chain(&args.ignore).cloned().collect(),
        severity: config.severity.clone(),
    };
    let sources = args
        .source
        .clone()
        .or_else(|| config.source.clone())
        .map(Sources::new);
    let source_lang = args
        .source_lang
        .as_deref()
        .or(config.source_lang.as_deref());
    // The folders are walked while the rules are compiled: both take milliseconds before
    // any file is checked, and there are two cores to do them. (The engine is built after
    // the walk, which says whether an XLIFF file needs the source rules.)
    // The walk stays on this thread, which frees its thousands of paths at the end (freeing
    // another thread's memory costs the allocator more). A filter that cannot be built is
    // reported after the rules' errors.
    let (compiled, walked) = std::thread::scope(|scope| {
        let compile = scope.spawn(|| {
            RuleSet::load(true, &rule_folders(&args.rule_args, &loaded)).map(|rule_set| {
                let known: Vec<String> =
                    rule_set.rules().iter().map(|r| r.meta.id.clone()).collect();
                (known, selection.apply(rule_set.into_rules()))
            })
        });
        let walked =
            filter.map(|filter| inputs::collect(&paths, &filter, args.stdin_filename.as_deref()));
        let compiled = compile
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (compiled, walked)
    });
    let (known, rules) = match compiled {
        Ok(compiled) => compiled,
        Err(errors) => return Ok(print_errors(errors)),
    };
    let (inputs, input_errors) = walked?;
    let suppressions = Suppressions::new(known, &config.per_file_ignores, loaded.base.clone())?;
    // Without sources the source rules would read nothing: they are left out, so that a
    // run without `--source` or an XLIFF file is the run it always was (the SARIF rule
    // list included).
    let paired = sources.is_some()
        || inputs
            .iter()
            .any(|input| Format::from_path(input.format_path()) == Format::Xliff);
    let engine = Engine::new(
        rules?
            .into_iter()
            .filter(|rule| paired || rule.meta.kind != Kind::Source)
            .collect(),
    );
    let reader = Reader::new(encoding, sources.as_ref(), source_lang);
    let baseline = match &args.baseline {
        Some(path) => Baseline::load(path)?,
        None => Baseline::default(),
    };
    let mut tally = Tally {
        unreadable: input_errors.len(),
        ..Tally::default()
    };
    print_errors(&input_errors);

    let mut report_failed = false;
    let mut create_report = |path: &Path| match ReportFile::create(path) {
        Ok(file) => Some(file),
        Err(err) => {
            print_error(format_args!(
                "cannot write the report to {}: {err}",
                path.display()
            ));
            report_failed = true;
            None
        }
    };
    let mut report_file = outputs.report.as_deref().and_then(&mut create_report);
    let mut baseline_file = args.write_baseline.as_deref().and_then(&mut create_report);
    let mut stdout = (!args.diff && (outputs.report_on_stdout || !stdout_is_discarded()))
        .then(|| stdout_reporter(outputs.format, &engine))
        .transpose()?;

    let fail_on = args.fail_on.or(config.fail_on).unwrap_or_default();
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    // Corpus mode's second pass reads a document again only if a verdict adds to its
    // findings or its text is needed here: to fix it, to show it on the review page, or to
    // read its suppression comments. (Findings carry the excerpt of their line that the
    // text output shows.)
    let needs_text = |document: &Document| {
        args.fix
            || args.diff
            || args.html.is_some()
            || Suppressions::has_comments(document)
            || document.notice().is_some()
    };
    // The review page names the report it matches, so it is the page `report html` makes
    // of that report.
    let mut review_page = args.html.as_ref().map(|_| {
        ReviewPage::new(outputs.report.as_deref().map_or_else(
            || "transcheck check".to_string(),
            |path| path.display().to_string(),
        ))
    });
    let first_pass = args
        .corpus
        .then(|| FirstPass::learn(&engine, reader, &inputs, jobs, needs_text))
        .transpose()
        .with_context(|| {
            format!(
                "corpus mode: cannot keep the first pass's findings in a temporary file in {} \
                 (TMPDIR chooses the folder)",
                std::env::temp_dir().display()
            )
        })?;
    let mut progress = Progress::new(inputs.len(), started);
    let mut next_input = 0;
    let report = |outcome| {
        let input = &inputs[next_input];
        next_input += 1;
        progress.tick();
        let (document, mut findings) = match outcome {
            Outcome::Checked { document, findings } => {
                if let Some(notice) = document.notice() {
                    progress.bar.suspend(|| print_warning(notice));
                }
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
                tally.unreadable += 1;
                progress
                    .bar
                    .suspend(|| print_error(format_args!("{file}: {message}")));
                return Ok(());
            }
        };
        tally.checked += 1;
        let document = document.as_ref();
        if let Some(file) = baseline_file.as_mut() {
            file.report(&findings)?;
        }
        tally.baselined += baseline.filter(&mut findings);
        tally.add(&findings, fail_on);
        if let Some(stdout) = stdout.as_mut() {
            progress.bar.suspend(|| stdout.report(&findings))?;
        }
        if let Some(report) = report_file.as_mut() {
            report.report(&findings)?;
        }
        if let Some(page) = review_page.as_mut() {
            page.add_checked(document.map(Document::source), &findings);
        }
        Ok(())
    };
    match first_pass {
        Some(first_pass) => first_pass.check_all(&engine, reader, &inputs, jobs, report),
        None => run::check_all(&engine, reader, &inputs, jobs, report),
    }?;
    progress.bar.finish_and_clear();
    if let Some(mut stdout) = stdout {
        stdout.fixes_applied(tally.fixes);
        stdout.finish()?;
    }
    let report_written = report_file.is_some();
    for (file, path) in [
        (report_file, outputs.report.as_deref()),
        (baseline_file, args.write_baseline.as_deref()),
    ] {
        if let (Some(file), Some(path)) = (file, path) {
            if let Err(err) = file.persist() {
                print_error(format_args!(
                    "cannot write the report to {}: {err}",
                    path.display()
                ));
                report_failed = true;
            }
        }
    }
    if let (Some(page), Some(path)) = (&review_page, args.html.as_deref()) {
        commands::write_page(page, path)?;
    }
    let nothing_checked = tally.checked == 0
        && tally.unreadable == 0
        && !args.paths.is_empty()
        && !args.allow_no_files;
    if nothing_checked {
        print_error(no_files_message(&args.paths));
    }
    let report = match (&outputs.report, outputs.report_on_stdout) {
        (_, true) => ReportShown::Stdout,
        (Some(path), false) if report_written && !report_failed => ReportShown::File(path),
        (Some(_), false) => ReportShown::NotWritten,
        (None, false) => ReportShown::None,
    };
    tally.print_summary(report, &args, started);
    Ok(
        if tally.unreadable > 0 || tally.fix_errors > 0 || report_failed || nothing_checked {
            Status::Error
        } else if tally.failing > 0 {
            Status::Findings
        } else {
            Status::Clean
        },
    )
}

/// Why a run with paths given checked no file, and what to do about it.
fn no_files_message(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let extensions: Vec<String> = DEFAULT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    format!(
        "no file was checked in {}: folders are searched for {} files (more with `extensions` \
         in transcheck.toml) that no .gitignore, hidden name or `exclude` leaves out; pass \
         --allow-no-files if that is expected",
        shown.join(", "),
        extensions.join(" ")
    )
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
    let buffered = || io::BufWriter::new(io::stdout());
    Ok(match format {
        OutputFormat::Text => {
            // A pipe or a file gets plain text, buffered; a terminal gets what anstream
            // decides (`--color`, else colour unless NO_COLOR), line by line beside the
            // progress bar.
            let stdout = io::stdout();
            let colour = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
            if stdout.is_terminal() || colour {
                Box::new(TextReport::new(anstream::stdout(), colour))
            } else {
                Box::new(TextReport::new(buffered(), false))
            }
        }
        OutputFormat::Csv => Box::new(CsvReport::new(buffered())?),
        OutputFormat::Json => Box::new(JsonReport::new(buffered())),
        OutputFormat::Jsonl => Box::new(JsonLinesReport::new(buffered())),
        OutputFormat::Github => Box::new(GithubReport::new(buffered())),
        OutputFormat::Concise => Box::new(ConciseReport::new(buffered())),
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
            Box::new(SarifReport::new(buffered(), rules))
        }
    })
}

/// Where the summary line says the report went.
enum ReportShown<'a> {
    /// Written to this file.
    File(&'a Path),
    /// Printed on standard output (`-o -`).
    Stdout,
    /// Asked for, but it could not be written.
    NotWritten,
    /// `--no-report`.
    None,
}

/// Counts of a run's files, findings and fixes.
#[derive(Default)]
pub(super) struct Tally {
    /// Inputs read and checked (or recalled in corpus mode).
    checked: usize,
    /// Paths and inputs that could not be read.
    unreadable: usize,
    by_severity: [usize; 3],
    failing: usize,
    baselined: usize,
    /// Fixes applied (or shown, with `--diff`).
    pub(super) fixes: usize,
    /// Files fixed (or with fixes shown).
    pub(super) fixed_files: usize,
    /// Files whose fixes could not be written.
    pub(super) fix_errors: usize,
}

impl Tally {
    fn add(&mut self, findings: &[Finding], fail_on: FailOn) {
        for finding in findings {
            self.by_severity[finding.severity as usize] += 1;
            self.failing += usize::from(fail_on.fails(finding.severity));
        }
    }

    fn print_summary(&self, report: ReportShown, args: &CheckArgs, started: Instant) {
        let [info, warning, error] = self.by_severity;
        let total = info + warning + error;
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let checked = self.checked;
        let mut line = format!(
            "Checked {checked} {}: {total} finding{} ({error} error{}, {warning} warning{}, {info} info)",
            files(checked),
            plural(total),
            plural(error),
            plural(warning),
        );
        let fixes = |fixes: usize| if fixes == 1 { "fix" } else { "fixes" };
        if args.fix {
            line.push_str(&format!(
                " remaining after {} {} in {} {}",
                self.fixes,
                fixes(self.fixes),
                self.fixed_files,
                files(self.fixed_files)
            ));
        } else if args.diff {
            line.push_str(&format!(
                "; {} {} in {} {} shown as a diff, none applied",
                self.fixes,
                fixes(self.fixes),
                self.fixed_files,
                files(self.fixed_files)
            ));
        }
        if args.baseline.is_some() {
            line.push_str(&format!("; {} in the baseline", self.baselined));
        }
        if self.unreadable > 0 {
            line.push_str(&format!(
                "; {} {} could not be read",
                self.unreadable,
                files(self.unreadable)
            ));
        }
        match report {
            ReportShown::File(path) => line.push_str(&format!("; report: {}", path.display())),
            ReportShown::Stdout => line.push_str("; report: standard output"),
            ReportShown::NotWritten => line.push_str("; report not written"),
            ReportShown::None => {}
        }
        line.push_str(&format!(" [{:.2}s]", started.elapsed().as_secs_f64()));
        let _ = writeln!(anstream::stderr(), "{line}");
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
