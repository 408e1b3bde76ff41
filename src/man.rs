//! Manual pages generated from the command line's definition, so they never drift from
//! `--help`: one page per command (`transcheck(1)`, `transcheck-check(1)`,
//! `transcheck-rules-test(1)`, …), each with its options and the EXIT STATUS and
//! CONFIGURATION sections that clap does not know.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use roff::{Roff, bold, roman};

use crate::cli::Cli;

/// The command line, built as the pages show it: subcommands know their full names.
fn root() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// The command a page is asked for by its words (`[]`, `["check"]`, `["rules", "test"]`),
/// or `None` for a name that is no subcommand.
pub fn find(words: &[String]) -> Option<clap::Command> {
    let mut command = root();
    for word in words {
        command = command.find_subcommand(word)?.clone();
    }
    Some(command)
}

/// The names of every page's command, as `transcheck man` takes them (`check`,
/// `rules test`, …): for the error that lists them.
pub fn page_names() -> Vec<String> {
    fn walk(command: &clap::Command, prefix: &str, names: &mut Vec<String>) {
        for sub in command.get_subcommands() {
            let name = format!("{prefix}{}", sub.get_name());
            names.push(name.clone());
            walk(sub, &format!("{name} "), names);
        }
    }
    let mut names = Vec::new();
    walk(&root(), "", &mut names);
    names
}

/// Writes the page of `command` in roff.
pub fn render(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        page.render_options_section(out)?;
    }
    if command.has_subcommands() {
        page.render_subcommands_section(out)?;
    }
    extra_sections().to_writer(out)?;
    page.render_version_section(out)
}

/// Writes every page into `folder` (created if needed) and returns their paths.
pub fn write_all(folder: &Path) -> io::Result<Vec<PathBuf>> {
    fn walk(command: &clap::Command, folder: &Path, written: &mut Vec<PathBuf>) -> io::Result<()> {
        let page = clap_mangen::Man::new(command.clone());
        let path = folder.join(page.get_filename());
        let mut out = io::BufWriter::new(std::fs::File::create(&path)?);
        render(command.clone(), &mut out)?;
        out.flush()?;
        written.push(path);
        for sub in command.get_subcommands() {
            walk(sub, folder, written)?;
        }
        Ok(())
    }
    std::fs::create_dir_all(folder)?;
    let mut written = Vec::new();
    walk(&root(), folder, &mut written)?;
    Ok(written)
}

/// The sections every page ends with: what the exit status means, and where settings come
/// from.
fn extra_sections() -> Roff {
    let mut roff = Roff::default();
    roff.control("SH", ["EXIT STATUS"]);
    for (status, meaning) in [
        (
            "0",
            "Nothing at or above --fail-on was found (check); every example passed (rules \
             test); any other command did what it was asked.",
        ),
        (
            "1",
            "Findings at or above --fail-on (check, default: warning), or a failing rule \
             example (rules test).",
        ),
        (
            "2",
            "A usage, configuration or rule-file error; an input, report or baseline that \
             could not be read; a report or fix that could not be written; or paths given to \
             check that hold no file to check (unless --allow-no-files). The other inputs are \
             still checked and reported.",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(status)])
            .text([roman(meaning)]);
    }
    roff.control("SH", ["CONFIGURATION"]);
    roff.text([roman(
        "transcheck.toml in the working folder or the nearest parent (or --config FILE; none \
         with --no-config). Settings are layered: built-in defaults, then the file, then the \
         flags. Unknown keys are errors that name their line; paths are relative to the \
         file's folder. Keys: rules (rule folders added to the built-in pack), select, \
         ignore, extensions, include, exclude, report, fail-on, encoding (of files that are \
         not UTF-8), [severity] (by rule id or category), [per-file-ignores] (globs to rule \
         ids or categories).",
    )]);
    roff.control("PP", []);
    roff.text([roman(
        "Environment: NO_COLOR turns colour off and CLICOLOR_FORCE forces it, unless --color \
         says otherwise; TMPDIR is where --corpus keeps its first pass.",
    )]);
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_under_its_full_name() {
        let names = page_names();
        for name in ["check", "rules", "rules test", "report diff", "man"] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        let words: Vec<String> = ["rules", "test"].map(String::from).to_vec();
        let page = clap_mangen::Man::new(find(&words).expect("a subcommand"));
        assert_eq!(page.get_filename(), "transcheck-rules-test.1");
        assert!(find(&["nope".to_string()]).is_none());
    }
}
