//! `check --source`: each target paired with its source file by a template, the source
//! rules' exact findings, and the notices for a missing source and for paragraph counts
//! that differ.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, parse_report, run_in};

const TEMPLATE: &str = "{dir}/../source/{stem}.src.txt";

/// A project with `mt/NAME.txt` for each target and `source/NAME.src.txt` for each source.
fn project(targets: &[(&str, &str)], sources: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("mt")).expect("mkdir");
    fs::create_dir_all(dir.path().join("source")).expect("mkdir");
    for (name, text) in targets {
        fs::write(dir.path().join("mt").join(format!("{name}.txt")), text).expect("write");
    }
    for (name, text) in sources {
        fs::write(
            dir.path().join("source").join(format!("{name}.src.txt")),
            text,
        )
        .expect("write");
    }
    dir
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--no-config", "--no-report", "-f", "csv"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// `(rule, line, column, found, message)` of each finding.
fn findings(run: &Run) -> Vec<(String, usize, usize, String, String)> {
    parse_report(&run.stdout)
        .into_iter()
        .map(|r| (r.rule, r.line, r.column, r.found, r.message))
        .collect()
}

fn finding(
    rule: &str,
    line: usize,
    column: usize,
    found: &str,
    message: &str,
) -> (String, usize, usize, String, String) {
    (rule.into(), line, column, found.into(), message.into())
}

#[test]
fn each_source_rule_reports_exactly_what_its_source_shows() {
    let dir = project(
        &[(
            "doc",
            "Sales rose to 25 million rubles.\n\
             The outlet Диалог reported it.\n\
             The payment firm Ecompay grew.\n",
        )],
        &[(
            "doc",
            "Продажи выросли до 2,5 млн рублей.\n\
             Издание Диалог сообщило об этом.\n\
             Платёжная компания Ecommpay выросла.\n",
        )],
    );
    let run = check(dir.path(), &["--source", TEMPLATE, "mt/doc.txt"]);
    assert_eq!(
        findings(&run),
        [
            finding(
                "source.numbers",
                1,
                1,
                "",
                "Missing from the translation, in the source: 2,5 млн"
            ),
            finding(
                "source.numbers",
                1,
                15,
                "25 million",
                "25 million is not in the source"
            ),
            // `script.foreign-run` sees the same run: the source rule's finding replaces it.
            finding(
                "source.untranslated",
                2,
                12,
                "Диалог",
                "Left untranslated from the source: Диалог"
            ),
            finding(
                "source.verbatim",
                3,
                1,
                "",
                "Missing from the translation, unchanged in the source: Ecommpay"
            ),
        ]
    );
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}

#[test]
fn an_identical_paragraph_and_a_dropped_passage_are_reported_on_their_lines() {
    let dir = project(
        &[("doc", "Москва заявила о новых мерах.\nMoscow.\n")],
        &[(
            "doc",
            "Москва заявила о новых мерах.\n\
             Москва заявила о новых мерах поддержки для малого и среднего бизнеса и для \
             семей с детьми.\n",
        )],
    );
    let run = check(dir.path(), &["--source", TEMPLATE, "mt/doc.txt"]);
    assert_eq!(
        findings(&run),
        [
            finding(
                "source.untranslated",
                1,
                1,
                "Москва заявила о новых мерах.",
                "Paragraph identical to its source: left untranslated"
            ),
            finding(
                "source.untranslated",
                2,
                1,
                "",
                "Far shorter than its source: 7 characters for 75 (0.09 per source character); \
                 text may have been dropped"
            ),
        ]
    );
}

#[test]
fn a_correct_translation_gets_no_finding() {
    let dir = project(
        &[(
            "doc",
            "Sales rose to 2.5 million rubles on October 19.\n\
             The payment firm Ecommpay grew by 1,000 clients.\n",
        )],
        &[(
            "doc",
            "Продажи выросли до 2,5 млн рублей 19 октября.\n\
             Платёжная компания Ecommpay выросла на 1 000 клиентов.\n",
        )],
    );
    let run = check(dir.path(), &["--source", TEMPLATE, "mt/doc.txt"]);
    assert_eq!(findings(&run), []);
    assert_eq!(run.code, 0);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}

#[test]
fn a_target_without_its_source_is_checked_as_without_the_option_with_one_notice() {
    let dir = project(&[("lonely", "Sales rose to 25 million rubles.\n")], &[]);
    let run = check(dir.path(), &["--source", TEMPLATE, "mt/lonely.txt"]);
    assert_eq!(findings(&run), []);
    let notices: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(notices.len(), 1, "{}", run.stderr);
    assert!(
        notices[0]
            .starts_with("warning: mt/lonely.txt: no source read at mt/../source/lonely.src.txt ("),
        "{}",
        notices[0]
    );
    assert!(
        notices[0].ends_with("): checked without it"),
        "{}",
        notices[0]
    );
}

#[test]
fn paragraph_counts_that_differ_give_one_notice_and_whole_document_checks_only() {
    let dir = project(
        &[(
            "doc",
            "Москва заявила о мерах. Sales rose to 25 million rubles.\n",
        )],
        &[(
            "doc",
            "Москва заявила о мерах.\nПродажи выросли до 2,5 млн рублей.\n",
        )],
    );
    let run = check(dir.path(), &["--source", TEMPLATE, "mt/doc.txt"]);
    // Compared whole: the numbers and the copied run; no identical-paragraph or length
    // finding, which would need paired paragraphs.
    assert_eq!(
        findings(&run),
        [
            finding(
                "source.numbers",
                1,
                1,
                "",
                "Missing from the translation, in the source: 2,5 млн"
            ),
            finding(
                "source.untranslated",
                1,
                1,
                "Москва заявила о мерах",
                "Left untranslated from the source: Москва заявила о мерах"
            ),
            finding(
                "source.numbers",
                1,
                39,
                "25 million",
                "25 million is not in the source"
            ),
        ]
    );
    let notices: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(
        notices,
        [
            "warning: mt/doc.txt: its source mt/../source/doc.src.txt has 2 paragraphs and it \
             has 1: the paragraphs are not paired, only whole-document source checks run"
        ]
    );
}

#[test]
fn the_configuration_names_the_source_and_the_flag_overrides_it() {
    let dir = project(
        &[("doc", "Sales rose to 25 million rubles.\n")],
        &[("doc", "Продажи выросли до 25 млн рублей.\n")],
    );
    fs::write(
        dir.path().join("transcheck.toml"),
        "source = \"{dir}/../nowhere/{name}\"\n",
    )
    .expect("write");
    let from_config = run_in(
        dir.path(),
        &["check", "--no-report", "-f", "csv", "mt/doc.txt"],
    );
    assert!(
        from_config
            .stderr
            .contains("no source read at mt/../nowhere/doc.txt"),
        "{}",
        from_config.stderr
    );
    let overridden = run_in(
        dir.path(),
        &[
            "check",
            "--no-report",
            "-f",
            "csv",
            "--source",
            TEMPLATE,
            "mt/doc.txt",
        ],
    );
    assert_eq!(findings(&overridden), []);
    assert!(
        !overridden.stderr.contains("warning:"),
        "{}",
        overridden.stderr
    );
}

#[test]
fn without_the_option_the_source_rules_are_not_run() {
    let dir = project(
        &[("doc", "The outlet Диалог reported it.\n")],
        &[("doc", "Издание Диалог сообщило об этом.\n")],
    );
    let run = check(dir.path(), &["mt/doc.txt"]);
    assert_eq!(
        findings(&run),
        [finding(
            "script.foreign-run",
            1,
            12,
            "Диалог",
            "Untranslated Cyrillic text"
        )]
    );
}

#[test]
fn corpus_mode_gives_the_same_findings_and_each_notice_once() {
    let dir = project(
        &[
            ("doc", "Sales rose to 25 million rubles.\n"),
            ("lonely", "Nothing to compare.\n"),
        ],
        &[("doc", "Продажи выросли до 2,5 млн рублей.\n")],
    );
    let args = ["--source", TEMPLATE, "mt/doc.txt", "mt/lonely.txt"];
    let plain = check(dir.path(), &args);
    let corpus = check(dir.path(), &[&["--corpus"][..], &args[..]].concat());
    assert_eq!(findings(&corpus), findings(&plain));
    assert_eq!(findings(&corpus).len(), 2);
    let notices = |run: &Run| {
        run.stderr
            .lines()
            .filter(|line| line.starts_with("warning:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(notices(&corpus), notices(&plain));
    assert_eq!(notices(&corpus).len(), 1, "{}", corpus.stderr);
}

/// `(rule, line, column, found, suggestion)` of each finding.
fn located(run: &Run) -> Vec<(String, usize, usize, String, String)> {
    parse_report(&run.stdout)
        .into_iter()
        .map(|r| (r.rule, r.line, r.column, r.found, r.suggestion))
        .collect()
}

#[test]
fn a_name_translated_as_a_word_is_flagged_where_it_stands() {
    let dir = project(
        &[(
            "doc",
            "The mayor spoke.\n\
             Mayor Alexander Hare said the bridge would open.\n\
             Alexander Hare answered. Zayats said that Zayats knew.\n",
        )],
        &[(
            "doc",
            "Мэр выступил.\n\
             Мэр Александр Заяц сказал, что мост откроют.\n\
             Александр Заяц ответил. Заяц сказал, что Заяц знает.\n",
        )],
    );
    let run = check(
        dir.path(),
        &[
            "--select",
            "source.names",
            "--source",
            TEMPLATE,
            "mt/doc.txt",
        ],
    );
    assert_eq!(
        located(&run),
        [
            (
                "source.names".to_string(),
                2,
                17,
                "Hare".to_string(),
                "Zayats".to_string()
            ),
            (
                "source.names".to_string(),
                3,
                11,
                "Hare".to_string(),
                "Zayats".to_string()
            ),
        ]
    );
    let messages: Vec<String> = parse_report(&run.stdout)
        .into_iter()
        .map(|r| r.message)
        .collect();
    assert_eq!(
        messages,
        [
            "Hare stands for the source name Заяц (Zayats): a name translated as a word, or \
             swapped for another?",
            "Hare stands for the source name Заяц (Zayats), written Zayats elsewhere",
        ]
    );
}

#[test]
fn a_titled_katakana_name_left_out_is_reported_at_the_paragraph_start() {
    let dir = project(
        &[(
            "doc",
            "The weather was fine.\nThe president said he would help.\n",
        )],
        &[(
            "doc",
            "天気は良かった。\nバイデン大統領は支援すると述べた。\n",
        )],
    );
    let run = check(
        dir.path(),
        &[
            "--select",
            "source.names",
            "--source",
            TEMPLATE,
            "mt/doc.txt",
        ],
    );
    assert_eq!(
        findings(&run),
        [finding(
            "source.names",
            2,
            1,
            "",
            "The source name バイデン (Baiden) is not in the translation"
        )]
    );
}

#[test]
fn names_in_an_accepted_romanisation_or_translated_as_places_stay_clean() {
    let dir = project(
        &[(
            "doc",
            "Volodymyr Zelenskiy spoke in Moscow.\n\
             Sergei Lavrov met Antony Blinken at the Museum of the Bible.\n\
             President Joe Biden said so.\n",
        )],
        &[(
            "doc",
            "Владимир Зеленский выступил в Москве.\n\
             Сергей Лавров встретился с Энтони Блинкеном в Музее Библии.\n\
             Так сказал президент Джо Байден.\n",
        )],
    );
    let run = check(
        dir.path(),
        &[
            "--select",
            "source.names",
            "--source",
            TEMPLATE,
            "mt/doc.txt",
        ],
    );
    assert_eq!(findings(&run), []);
}

#[test]
fn marks_are_compared_only_when_selected() {
    let dir = project(
        &[(
            "doc",
            "He said he would come and settle it himself.\nThe price rose (by a lot) again.\n",
        )],
        &[(
            "doc",
            "Он сказал: «Я приду и всё решу сам».\nЦена снова выросла.\n",
        )],
    );
    let default = check(dir.path(), &["--source", TEMPLATE, "mt/doc.txt"]);
    assert_eq!(findings(&default), []);
    let run = check(
        dir.path(),
        &[
            "--select",
            "source.marks",
            "--source",
            TEMPLATE,
            "mt/doc.txt",
        ],
    );
    assert_eq!(
        findings(&run),
        [
            finding(
                "source.marks",
                1,
                1,
                "",
                "Fewer quotations than the source: 0 here, 1 in the source"
            ),
            finding(
                "source.marks",
                2,
                16,
                "(",
                "More brackets than the source: 1 here, 0 in the source"
            ),
        ]
    );
}
