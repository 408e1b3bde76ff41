//! The review page in a real browser: headless Chromium, driven over WebDriver by
//! chromedriver (`tests/webdriver/`), loads pages made by `report html` and `check --html`
//! and is used as a reviewer uses it — keys, pointer, clicks, the download button.
//!
//! Ignored by a plain `cargo test`, so a clone without Chromium passes; `.ci/run` installs
//! Debian's `chromium` and `chromium-driver` when they are missing and runs these with
//! `cargo test --test 'browser_*' -- --ignored`.

mod common;
mod webdriver;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Row, parse_report, root, transcheck};
use serde_json::{Value, json};
use webdriver::Browser;

/// Checks the sample articles from the crate root, writes the report into `dir` and makes
/// the page with `report html`; returns the rows, the report's bytes and the page.
fn sample_page(dir: &Path) -> (Vec<Row>, Vec<u8>, PathBuf) {
    let report = dir.join("report.csv");
    let page = dir.join("page.html");
    let checked = transcheck()
        .current_dir(root())
        .args(["check", "--no-config", "samples", "-o"])
        .arg(&report)
        .output()
        .expect("check runs");
    assert_eq!(checked.status.code(), Some(1), "the samples have findings");
    let made = transcheck()
        .current_dir(root())
        .args(["report", "html"])
        .arg(&report)
        .arg("-o")
        .arg(&page)
        .output()
        .expect("report html runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let bytes = std::fs::read(&report).expect("the report");
    let rows = parse_report(std::str::from_utf8(&bytes).expect("UTF-8"));
    (rows, bytes, page)
}

/// Every element carrying a fingerprint: tag, fingerprint, rule, text.
fn highlights(browser: &Browser, scope: &str) -> Vec<(String, String, String, String)> {
    let found = browser.run_with(
        "return Array.from(document.querySelectorAll(arguments[0]))
           .map(m => [m.tagName, m.dataset.fingerprint, m.dataset.rule, m.textContent]);",
        json!([scope]),
    );
    found
        .as_array()
        .expect("a list")
        .iter()
        .map(|m| {
            let cell = |i: usize| m[i].as_str().unwrap_or_default().to_string();
            (cell(0), cell(1), cell(2), cell(3))
        })
        .collect()
}

/// The fingerprints of the highlights a reviewer sees now (in shown articles, not dimmed
/// by a filter), in page order.
fn shown(browser: &Browser) -> Vec<String> {
    highlights(
        browser,
        "section.article:not([hidden]) mark[data-fingerprint]:not(.off)",
    )
    .into_iter()
    .map(|(_, fingerprint, _, _)| fingerprint)
    .collect()
}

fn focused(browser: &Browser) -> Value {
    browser.run("return document.activeElement.dataset.fingerprint || null")
}

fn card_text(browser: &Browser) -> String {
    browser
        .run("const c = document.getElementById('card'); return c.hidden ? '' : c.textContent;")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn facet(browser: &Browser, list: &str, name: &str) -> webdriver::Element {
    browser.find_xpath(&format!(
        "//ul[@id='{list}']//button[.//span[@class='facet-name' and text()='{name}']]"
    ))
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn every_row_is_highlighted_once_at_its_text_and_j_and_k_step_through_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (rows, _, page) = sample_page(dir.path());
    let browser = Browser::start(dir.path());
    browser.open(&page, "");

    // `j` visits every finding once, in the report's order, and shows its details.
    for row in &rows {
        browser.press("j");
        assert_eq!(focused(&browser), json!(row.fingerprint), "{row:?}");
        let card = card_text(&browser);
        assert!(
            card.contains(&row.rule) && card.contains(&row.message),
            "{card}"
        );
    }
    browser.press("j");
    assert_eq!(focused(&browser), json!(rows[rows.len() - 1].fingerprint));
    browser.press("k");
    assert_eq!(focused(&browser), json!(rows[rows.len() - 2].fingerprint));

    // Exactly one highlight per row, around exactly its text.
    let marks = highlights(&browser, "[data-fingerprint]");
    assert_eq!(marks.len(), rows.len());
    let by_fingerprint: HashMap<&str, &(String, String, String, String)> =
        marks.iter().map(|m| (m.1.as_str(), m)).collect();
    for row in &rows {
        let (tag, _, rule, text) = by_fingerprint[row.fingerprint.as_str()];
        assert_eq!(
            (tag.as_str(), rule.as_str(), text.as_str()),
            ("MARK", row.rule.as_str(), row.found.as_str()),
            "{row:?}"
        );
    }
    assert_eq!(
        browser.run("return document.querySelectorAll('[data-part-of], .stale-item').length"),
        json!(0)
    );

    // Hovering shows the details, with whitespace and invisible characters made visible.
    let double_space = rows
        .iter()
        .find(|r| r.rule == "spacing.double-space")
        .expect("a double space");
    browser.hover(&browser.find(&format!(
        "mark[data-fingerprint='{}']",
        double_space.fingerprint
    )));
    browser.wait_for(
        &format!(
            "const c = document.getElementById('card');
             return !c.hidden && c.textContent.includes('{}');",
            double_space.context
        ),
        "the card of the hovered double space",
    );
    let found_cell = browser.run("return document.querySelector('#card dd .visible').textContent;");
    assert_eq!(found_cell, json!("··"));
    let invisible = rows
        .iter()
        .find(|r| r.found == "\u{200b}")
        .expect("a zero-width space");
    let mark = browser.find(&format!(
        "mark[data-fingerprint='{}']",
        invisible.fingerprint
    ));
    assert_eq!(
        browser.run_with(
            "return getComputedStyle(arguments[0], '::after').content;",
            json!([mark.as_argument()])
        ),
        json!("\"ZWSP\""),
        "the zero-width space is labelled in place"
    );
    browser.hover(&mark);
    browser.wait_for(
        "return document.getElementById('card').textContent.includes('U+200B');",
        "the card of the zero-width space",
    );
    assert_eq!(
        browser.run("return document.querySelector('#card dd .sym.tag').textContent;"),
        json!("ZWSP")
    );
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn filters_by_rule_severity_and_file_change_what_is_shown() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (rows, _, page) = sample_page(dir.path());
    let browser = Browser::start(dir.path());
    browser.open(&page, "");
    let all: Vec<String> = rows.iter().map(|r| r.fingerprint.clone()).collect();
    let of = |keep: &dyn Fn(&Row) -> bool| -> Vec<String> {
        rows.iter()
            .filter(|r| keep(r))
            .map(|r| r.fingerprint.clone())
            .collect()
    };
    assert_eq!(shown(&browser), all);

    browser.click(&facet(&browser, "rules", "names.variant"));
    assert_eq!(shown(&browser), of(&|r| r.rule == "names.variant"));
    browser.click(&facet(&browser, "rules", "script.mixed-word"));
    assert_eq!(
        shown(&browser),
        of(&|r| r.rule == "names.variant" || r.rule == "script.mixed-word")
    );
    browser.click(&browser.find("#clear-rules"));
    assert_eq!(shown(&browser), all);

    browser.click(&browser.find("#severities .chip.sev-warning"));
    let errors = of(&|r| r.severity == "error");
    assert_eq!(shown(&browser), errors);
    assert_eq!(errors.len(), 3);
    // Only what is shown is visited.
    for fingerprint in &errors {
        browser.press("j");
        assert_eq!(focused(&browser), json!(fingerprint));
    }

    browser.click(&facet(&browser, "files", "samples/water-talks.txt"));
    let expected = of(&|r| r.severity == "error" && r.file == "samples/water-talks.txt");
    assert_eq!(shown(&browser), expected);
    assert_eq!(
        browser.run("return document.querySelectorAll('section.article:not([hidden])').length"),
        json!(1)
    );
    assert!(
        browser
            .run("return document.getElementById('totals').textContent")
            .as_str()
            .is_some_and(|t| t.contains(&format!("{} shown", expected.len()))),
    );

    browser.click(&browser.find("#severities .chip.sev-warning"));
    browser.click(&browser.find("#clear-files"));
    assert_eq!(shown(&browser), all);
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn accepted_findings_download_as_a_baseline_that_check_accepts() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).expect("a downloads folder");
    let (rows, report, page) = sample_page(dir.path());
    let browser = Browser::start(&downloads);
    browser.open(&page, "");

    // The keyboard: the first finding.
    browser.press("j");
    browser.press("a");
    // The card's button: a row whose context a spreadsheet would read as a formula.
    let dash = rows
        .iter()
        .find(|r| r.context.trim_start_matches('\'').starts_with('-'))
        .expect("a context starting with -");
    browser.click(&browser.find(&format!("mark[data-fingerprint='{}']", dash.fingerprint)));
    browser.wait_for(
        &format!(
            "return document.getElementById('card').textContent.includes('{}');",
            dash.fingerprint
        ),
        "the card of the clicked finding",
    );
    browser.click(&browser.find("#card button.accept"));
    // A click and `a`: a row whose cells need quoting (a comma in `found`); then one more,
    // taken back again.
    let comma = rows
        .iter()
        .find(|r| r.found.contains(','))
        .expect("a comma in found");
    browser.click(&browser.find(&format!("mark[data-fingerprint='{}']", comma.fingerprint)));
    browser.press("a");
    browser.press("j");
    browser.press("a");
    browser.press("a");
    let accepted = [&rows[0], dash, comma];
    assert_eq!(
        browser.run("return document.querySelectorAll('mark.accepted').length"),
        json!(3)
    );
    assert_eq!(
        browser.run("return document.getElementById('download').textContent"),
        json!("Download baseline (3)")
    );
    browser.click(&browser.find("#hide-accepted"));
    let not_accepted: Vec<String> = rows
        .iter()
        .filter(|r| !accepted.iter().any(|a| a.fingerprint == r.fingerprint))
        .map(|r| r.fingerprint.clone())
        .collect();
    assert_eq!(shown(&browser), not_accepted);
    browser.click(&browser.find("#hide-accepted"));
    assert_eq!(shown(&browser).len(), rows.len());

    browser.click(&browser.find("#download"));
    let file = downloads.join("transcheck-baseline.csv");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !file.exists() {
        assert!(Instant::now() < deadline, "no download in {downloads:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let baseline = std::fs::read(&file).expect("the downloaded baseline");

    // The report's conventions: a byte-order mark, CRLF, the header, and each row exactly
    // as the CSV report wrote it.
    assert!(baseline.starts_with("\u{feff}".as_bytes()));
    let text = std::str::from_utf8(&baseline).expect("UTF-8");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let report = std::str::from_utf8(&report).expect("UTF-8");
    let report_lines: Vec<&str> = report.split("\r\n").collect();
    let mut expected = vec![report_lines[0]];
    for row in rows
        .iter()
        .filter(|r| accepted.iter().any(|a| a.fingerprint == r.fingerprint))
    {
        expected.extend(report_lines.iter().find(|l| l.ends_with(&row.fingerprint)));
    }
    assert_eq!(
        text.trim_end_matches("\r\n")
            .split("\r\n")
            .collect::<Vec<_>>(),
        expected
    );

    // And `check --baseline` takes it: the accepted findings are gone, the rest remain.
    let output = transcheck()
        .current_dir(root())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "-f",
            "csv",
            "samples",
            "--baseline",
        ])
        .arg(&file)
        .output()
        .expect("check runs");
    let remaining = parse_report(std::str::from_utf8(&output.stdout).expect("UTF-8"));
    let expected: Vec<&Row> = rows
        .iter()
        .filter(|r| !accepted.iter().any(|a| a.fingerprint == r.fingerprint))
        .collect();
    assert_eq!(remaining.iter().collect::<Vec<_>>(), expected);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("; 3 in the baseline"), "{stderr}");
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn script_in_an_article_a_file_name_or_a_rule_message_runs_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let work = dir.path().join("work");
    std::fs::create_dir_all(work.join("rules")).expect("folders");
    std::fs::write(
        work.join("rules/house.toml"),
        r#"[[rule]]
id = "house.markup"
kind = "pattern"
severity = "error"
message = "Markup <script>window.pwned = 'message'</script><img src=x onerror=\"window.pwned = 'message img'\"> in `{found}`"
pattern = '<script>'
"#,
    )
    .expect("a rule file");
    let evil_name = "<img src=x onerror=\"window.pwned='name'\">.txt";
    std::fs::write(
        work.join(evil_name),
        "A  text with <script>window.pwned = 'article'</script> and \
         <img src=x onerror=\"window.pwned = 'article img'\"> in it.\n",
    )
    .expect("an article");
    std::fs::write(
        work.join("page.html"),
        "<p>An  HTML article.</p><script>window.pwned = 'html'</script>\n",
    )
    .expect("an HTML article");
    let page = dir.path().join("review.html");
    let output = transcheck()
        .current_dir(&work)
        .args([
            "check",
            "--no-config",
            "--no-report",
            "-r",
            "rules",
            "--html",
        ])
        .arg(&page)
        .output()
        .expect("check runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let browser = Browser::start(dir.path());
    browser.open(&page, "");
    let count = browser.run("return document.querySelectorAll('mark[data-fingerprint]').length");
    for _ in 0..count.as_u64().expect("a count") {
        browser.press("j");
    }
    let markup = browser.find("mark[data-rule='house.markup']");
    browser.hover(&markup);
    browser.wait_for(
        "return document.getElementById('card').textContent.includes('house.markup');",
        "the card of the custom rule",
    );
    assert_eq!(
        browser.run(
            "return [typeof window.pwned, document.scripts.length,
                     document.querySelectorAll('img').length];"
        ),
        json!(["undefined", 2, 0])
    );
    let card = card_text(&browser);
    assert!(
        card.contains("Markup <script>window.pwned = 'message'</script><img src=x"),
        "{card}"
    );
    let texts = browser.run(
        "return Array.from(document.querySelectorAll('.path, pre.text')).map(e => e.textContent);",
    );
    let texts: Vec<&str> = texts
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        texts.contains(&format!("./{evil_name}").as_str()),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>window.pwned = 'article'</script>")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>window.pwned = 'html'</script>")),
        "{texts:?}"
    );
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn a_changed_or_missing_file_is_marked_stale_not_highlighted_wrongly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let work = dir.path().join("work");
    std::fs::create_dir_all(work.join("samples")).expect("a folder");
    for name in ["water-talks.txt", "refinery-output.md", "metro-line.html"] {
        std::fs::copy(
            root().join("samples").join(name),
            work.join("samples").join(name),
        )
        .expect("a sample");
    }
    let checked = transcheck()
        .current_dir(&work)
        .args(["check", "--no-config", "samples", "-o", "report.csv"])
        .output()
        .expect("check runs");
    assert_eq!(checked.status.code(), Some(1));
    let rows = parse_report(&std::fs::read_to_string(work.join("report.csv")).expect("report"));
    // The name variant is corrected by hand; the Markdown article is deleted.
    let talks = work.join("samples/water-talks.txt");
    let text = std::fs::read_to_string(&talks).expect("the article");
    std::fs::write(&talks, text.replace("Zhumabaya’s", "Zhumabay’s")).expect("edited");
    std::fs::remove_file(work.join("samples/refinery-output.md")).expect("deleted");
    let made = transcheck()
        .current_dir(&work)
        .args(["report", "html", "report.csv"])
        .output()
        .expect("report html runs");
    assert!(made.status.success());
    let stderr = String::from_utf8_lossy(&made.stderr);
    let variant = rows
        .iter()
        .find(|r| r.file.ends_with("water-talks.txt") && r.rule == "names.variant")
        .expect("the name variant");
    let missing: Vec<&Row> = rows
        .iter()
        .filter(|r| r.file.ends_with("refinery-output.md"))
        .collect();
    assert!(
        stderr.contains(&format!("{} stale", missing.len() + 1)),
        "{stderr}"
    );

    let browser = Browser::start(dir.path());
    browser.open(&work.join("report.html"), "");
    let stale = browser.run(
        "return Array.from(document.querySelectorAll('[data-stale-fingerprint]'))
           .map(e => e.dataset.staleFingerprint);",
    );
    let mut expected: Vec<&str> = vec![variant.fingerprint.as_str()];
    expected.splice(0..0, missing.iter().map(|r| r.fingerprint.as_str()));
    assert_eq!(stale, json!(expected));
    let marks = shown(&browser);
    assert_eq!(marks.len(), rows.len() - expected.len());
    assert!(!marks.contains(&variant.fingerprint));
    assert_eq!(
        browser.run("return Array.from(document.querySelectorAll('.badge.stale, .badge.missing')).map(b => b.textContent)"),
        json!(["cannot be read", "changed since the report"])
    );
    // Every row still highlighted sits on its text.
    for (_, fingerprint, _, text) in highlights(&browser, "mark[data-fingerprint]") {
        let row = rows
            .iter()
            .find(|r| r.fingerprint == fingerprint)
            .expect("a row");
        assert_eq!(text, row.found);
    }
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn ten_thousand_findings_over_a_thousand_files_are_drawn_lazily() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let work = dir.path().join("articles");
    std::fs::create_dir(&work).expect("a folder");
    for file in 0..1000 {
        let mut text = String::new();
        for line in 0..10 {
            text.push_str(&format!(
                "Paragraph {line} of article {file} has  one double space and nothing else wrong.\n"
            ));
        }
        std::fs::write(work.join(format!("a{file:04}.txt")), text).expect("an article");
    }
    let page = dir.path().join("big.html");
    let output = transcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "-f",
            "csv",
            "articles",
            "--html",
        ])
        .arg(&page)
        .output()
        .expect("check runs");
    let rows = parse_report(std::str::from_utf8(&output.stdout).expect("UTF-8"));
    assert_eq!(rows.len(), 10_000);

    let browser = Browser::start(dir.path());
    browser.open(&page, "");
    let opened = browser.run(
        "const n = performance.getEntriesByType('navigation')[0];
         return n.domContentLoadedEventEnd - n.responseEnd;",
    );
    let drawn = browser.run("return document.querySelectorAll('pre.text').length");
    let time = |script: &str| -> f64 {
        browser
            .run(&format!(
                "const t = performance.now(); {script}; document.body.getBoundingClientRect();
                 return performance.now() - t;"
            ))
            .as_f64()
            .expect("milliseconds")
    };
    // A filter and its undoing, each timed three times (the quickest counts: the machine
    // is shared), the page laid out after each.
    let toggle = |script: &str| -> (f64, f64) {
        let (mut apply, mut undo) = (f64::MAX, f64::MAX);
        for _ in 0..3 {
            apply = apply.min(time(script));
            undo = undo.min(time(script));
        }
        (apply, undo)
    };
    let by_file = toggle("document.querySelectorAll('#files .facet')[700].click()");
    let by_severity = toggle("document.querySelector('#severities .chip').click()");
    let by_rule = toggle("document.querySelector('#rules .facet').click()");
    // One article shown: it is drawn as it comes into view.
    browser.run("document.querySelectorAll('#files .facet')[700].click()");
    browser.wait_for(
        "return document.querySelectorAll('section.article:not([hidden]) mark[data-fingerprint]').length === 10",
        "the filtered article to be drawn",
    );
    browser.run("document.getElementById('clear-files').click()");
    // `k` from the top goes to the last finding, drawing its article on the way.
    browser.press("k");
    assert_eq!(focused(&browser), json!(rows[rows.len() - 1].fingerprint));
    eprintln!(
        "10,000 findings in 1,000 files: opened in {opened} ms with {drawn} articles drawn; \
         filter and undo (ms): by file {by_file:.0?}, by severity {by_severity:.0?}, \
         by rule {by_rule:.0?}"
    );
    assert!(
        drawn.as_u64().expect("a count") < 100,
        "articles are drawn lazily"
    );
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn a_link_to_a_fingerprint_opens_the_page_on_that_finding() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (rows, _, page) = sample_page(dir.path());
    let browser = Browser::start(dir.path());
    let last = &rows[rows.len() - 1];
    browser.open(&page, &format!("#{}", last.fingerprint));
    assert_eq!(focused(&browser), json!(last.fingerprint));
    assert!(card_text(&browser).contains(&last.message));
    browser.press("k");
    assert_eq!(focused(&browser), json!(rows[rows.len() - 2].fingerprint));
}

#[test]
#[ignore = "needs chromium; .ci/run installs it and runs it"]
fn overlapping_nested_and_empty_findings_are_each_highlighted_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("a.txt"), "alpha beta gamma delta\n").expect("an article");
    // Hand-made rows: one crosses the end of another, one nests in both, one is empty,
    // two cover the same text.
    let rows = [
        (1, 1, 11, "x.outer", "alpha beta"),
        (1, 7, 17, "x.crossing", "beta gamma"),
        (1, 7, 11, "x.inner", "beta"),
        (1, 12, 12, "x.point", ""),
        (1, 18, 23, "x.first", "delta"),
        (1, 18, 23, "x.second", "delta"),
    ];
    let mut report = String::from(
        "file,line,column,end_line,end_column,rule,severity,message,found,suggestion,context,fingerprint\r\n",
    );
    for (i, (line, column, end, rule, found)) in rows.iter().enumerate() {
        report.push_str(&format!(
            "a.txt,{line},{column},{line},{end},{rule},warning,M,{found},,ctx,{i:016x}\r\n"
        ));
    }
    std::fs::write(dir.path().join("r.csv"), report).expect("a report");
    let made = transcheck()
        .current_dir(dir.path())
        .args(["report", "html", "r.csv"])
        .output()
        .expect("report html runs");
    assert!(made.status.success());

    let browser = Browser::start(dir.path());
    browser.open(&dir.path().join("r.html"), "");
    for (i, (_, _, _, rule, found)) in rows.iter().enumerate() {
        let fingerprint = format!("{i:016x}");
        browser.press("j");
        assert_eq!(focused(&browser), json!(fingerprint));
        let pieces = browser.run_with(
            "const f = arguments[0];
             const whole = document.querySelectorAll(`[data-fingerprint='${f}']`);
             const parts = document.querySelectorAll(`[data-part-of='${f}']`);
             return [whole.length, whole[0].dataset.rule,
                     whole[0].textContent + Array.from(parts).map(p => p.textContent).join('')];",
            json!([fingerprint]),
        );
        assert_eq!(pieces, json!([1, rule, found]), "{rule}");
    }
    assert_eq!(
        browser.run("return document.querySelector('pre.text').textContent"),
        json!("alpha beta gamma delta\n"),
        "the text is whole"
    );
}
