//! `check` on XLIFF 1.2 and 2.0 files: the targets checked by every rule and paired with
//! their sources without `--source`, every position in the XLIFF file itself (through
//! CRLF line ends, inline codes, CDATA and references), markup never read as prose, a
//! malformed file reported with its line, and `--fix` touching target text only.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{check_csv, root, row, run_in, summary};

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/xliff")
}

fn fixture(name: &str) -> String {
    let bytes = fs::read(fixtures().join(name)).expect("the fixture is there");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn the_fixtures_have_crlf_line_ends() {
    for name in ["depot-1.2.xlf", "tariff-2.0.xliff"] {
        let text = fixture(name);
        assert_eq!(
            text.matches("\r\n").count(),
            text.matches('\n').count(),
            "{name}"
        );
    }
}

#[test]
fn xliff_12_targets_are_checked_with_positions_in_the_file() {
    let (rows, code) = check_csv(&fixtures(), &["depot-1.2.xlf"]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&rows),
        [
            // `&#x201D;the`: a closing quote, written as a reference, glued to the next word.
            row("quotes.missing-outer-space", 8, 56, "&#x201D;", "” "),
            // `2,5 млн` became `25 million`: the source's number is missing, the
            // target's is added.
            row("source.numbers", 12, 17, "", ""),
            row("source.numbers", 12, 39, "25 million", ""),
            // `«North»` after the placeholder `<x id="2"/>`.
            row("quotes.foreign-style", 17, 32, "«", "“"),
            row("quotes.foreign-style", 17, 38, "»", "”"),
            // On the second line of a target whose first line holds CDATA and `<g>` codes.
            row("spacing.double-space", 23, 14, "  ", " "),
            row("numbers.decimal-comma", 27, 28, "2,5", "2.5"),
            row("conventions.placeholder", 31, 70, "#URL#", ""),
            // One space before `<g id="8">` and one inside it: two spaces of text.
            row("spacing.double-space", 35, 50, " <g id=\"8\"> ", " "),
        ]
    );
    let messages: Vec<&str> = rows.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(
        messages[1],
        "Missing from the translation, in the source: 2,5 млн"
    );
    assert_eq!(messages[2], "25 million is not in the source");
}

#[test]
fn xliff_12_markup_notes_alternatives_and_untranslated_units_are_not_prose() {
    let (rows, _) = check_csv(&fixtures(), &["depot-1.2.xlf"]);
    let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
    // Line 4: a `<note>` in the header with a double space. Line 13: an `<alt-trans>` with
    // a double space, guillemets and `2,5`. Line 18: a `<note>` with a double space and
    // guillemets. Line 22: `</g> <g id="4">`, one space between two codes. Line 31: the
    // placeholder `<x id="5"/>` and `{1}` inside `<ph>` (native code), the look-alikes of a
    // leaked placeholder. Line 35: ` <x id="7"/> `, a space on each side of a placeholder.
    // Line 38: a unit without a target, whose source has the number 3.
    for quiet in [4, 13, 18, 22, 38] {
        assert!(!lines.contains(&quiet), "line {quiet}: {rows:#?}");
    }
    assert!(
        rows.iter()
            .all(|r| !r.found.contains("<x") && !r.found.contains("{1}")),
        "{rows:#?}"
    );
}

#[test]
fn xliff_20_targets_are_checked_with_positions_in_the_file() {
    let (rows, code) = check_csv(&fixtures(), &["tariff-2.0.xliff"]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&rows),
        [
            // `2,5 млн` inside `<pc>` became `25 million`.
            row("source.numbers", 9, 17, "", ""),
            row("source.numbers", 9, 52, "25 million", ""),
            // Guillemets written as references, after the placeholder `<ph/>`.
            row("quotes.foreign-style", 14, 65, "&#xAB;", "“"),
            row("quotes.foreign-style", 14, 85, "&#xBB;", "”"),
            // `2,5 percent` before `<sc/>.<ec/>`: the same number as the source's `2,5`.
            row("numbers.decimal-comma", 20, 35, "2,5", "2.5"),
            // After a `<pc>` whose text runs over two lines.
            row("spacing.double-space", 27, 20, "  ", " "),
            // A target left as its source, as CAT tools pre-fill it.
            row("source.untranslated", 33, 17, "Без комментариев.", ""),
        ]
    );
}

#[test]
fn the_csv_report_of_an_xliff_finding_has_every_column_right() {
    let (rows, _) = check_csv(&fixtures(), &["depot-1.2.xlf"]);
    let quote = &rows[0];
    assert_eq!(
        (
            quote.file.as_str(),
            quote.line,
            quote.column,
            quote.end_line,
            quote.end_column,
        ),
        ("depot-1.2.xlf", 8, 56, 8, 64)
    );
    assert_eq!(quote.rule, "quotes.missing-outer-space");
    assert_eq!(quote.severity, "warning");
    assert_eq!(quote.message, "No space after a closing quotation mark");
    assert_eq!(quote.found, "&#x201D;");
    assert_eq!(quote.suggestion, "” ");
    // The context is the target as a reader reads it: references decoded, codes left out.
    assert_eq!(
        quote.context,
        "will build the depot by May,”the mayor of Samara said."
    );
    assert_eq!(quote.fingerprint.len(), 16);
    assert!(quote.fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
    let folded = &rows[5];
    assert_eq!(
        (folded.line, folded.end_line, folded.end_column),
        (23, 23, 16)
    );
    assert_eq!(folded.context, "1.2 million a year, the  city says.");
}

#[test]
fn a_source_template_is_not_applied_to_xliff_files() {
    let (plain, _) = check_csv(&fixtures(), &["tariff-2.0.xliff"]);
    let run = run_in(
        &fixtures(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-f",
            "csv",
            "--source",
            "{dir}/{stem}.src.txt",
            "tariff-2.0.xliff",
        ],
    );
    assert_eq!(summary(&common::parse_report(&run.stdout)), summary(&plain));
    assert!(!run.stderr.contains("source"), "{}", run.stderr);
}

#[test]
fn the_source_language_option_overrides_the_file_s() {
    // The file says `srcLang="ru"`. Read as Japanese, the Cyrillic target is no longer its
    // source's script left as it was, only a run of foreign script.
    let (rows, _) = check_csv(&fixtures(), &["--source-lang", "ja", "tariff-2.0.xliff"]);
    let last = summary(&rows).pop().expect("findings");
    assert_eq!(
        last,
        row("script.foreign-run", 33, 17, "Без комментариев", "")
    );
    assert!(rows.iter().all(|r| r.rule != "source.untranslated"));
}

#[test]
fn folders_are_searched_for_xlf_and_xliff_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["depot-1.2.xlf", "tariff-2.0.xliff"] {
        fs::create_dir_all(dir.path().join("out")).expect("mkdir");
        fs::write(dir.path().join("out").join(name), fixture(name)).expect("write");
    }
    let (rows, code) = check_csv(dir.path(), &["out"]);
    assert_eq!(code, 1);
    let mut files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    assert_eq!(files, ["out/depot-1.2.xlf", "out/tariff-2.0.xliff"]);
}

#[test]
fn a_malformed_xliff_file_is_an_error_naming_its_line_and_the_others_are_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("broken.xlf"),
        "<?xml version=\"1.0\"?>\r\n<xliff version=\"1.2\">\r\n<file source-language=\"ru\" \
         target-language=\"en\"><body>\r\n<trans-unit id=\"1\">\r\n<source>Один</source>\r\n\
         <target>One</source>\r\n</trans-unit></body></file></xliff>\r\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("cut.xliff"),
        "<xliff version=\"2.0\">\n<file>\n",
    )
    .expect("write");
    fs::write(dir.path().join("good.txt"), "Two  spaces.\n").expect("write");
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-f",
            "concise",
            "broken.xlf",
            "cut.xliff",
            "good.txt",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: broken.xlf: not valid XLIFF (line 6): malformed XML: ill-formed document: \
             expected `</target>`, but `</source>` was found; skipped"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: cut.xliff: not valid XLIFF (line 2): `<file>` is never closed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 files could not be read"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stdout,
        "good.txt:1:4: warning[spacing.double-space] Two or more spaces between words\n"
    );
}

#[test]
fn fix_changes_target_text_and_never_markup_or_references() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = fixture("depot-1.2.xlf");
    let path = dir.path().join("depot.xlf");
    fs::write(&path, &original).expect("write");
    let run = run_in(
        dir.path(),
        &["check", "--no-config", "--no-report", "--fix", "depot.xlf"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The double space of plain target text is fixed. The one made of a space before
    // `<g id="8">` and a space inside it is not (a fix there would delete the code), nor
    // is the space missing after the quote written `&#x201D;` (a fix is written only where
    // the flagged text stands in the file as it reads).
    let fixed = fs::read_to_string(&path).expect("read");
    assert_eq!(fixed, original.replace("the  city says", "the city says"));
    let (rows, _) = check_csv(dir.path(), &["depot.xlf"]);
    assert!(rows.iter().all(|r| r.line != 23), "{rows:#?}");
    assert!(
        rows.iter()
            .any(|r| r.line == 35 && r.rule == "spacing.double-space"),
        "{rows:#?}"
    );
}

#[test]
fn standard_input_named_as_xliff_is_read_as_xliff() {
    let output = common::transcheck()
        .current_dir(fixtures())
        .args(["check", "--no-config", "--no-report", "-f", "csv"])
        .args(["--stdin-filename", "desk/depot.xlf", "-"])
        .write_stdin(fixture("depot-1.2.xlf"))
        .output()
        .expect("the binary runs");
    let rows = common::parse_report(&String::from_utf8(output.stdout).expect("UTF-8"));
    let (from_file, _) = check_csv(&fixtures(), &["depot-1.2.xlf"]);
    assert_eq!(summary(&rows), summary(&from_file));
    assert!(rows.iter().all(|r| r.file == "desk/depot.xlf"));
}
