//! The review page (`report html`, `check --html`): one self-contained HTML file that shows
//! every article of a report with each finding highlighted in place, for reviewers who
//! would otherwise read the CSV as spreadsheet rows without the paragraph around them.
//!
//! The page is built from report rows and the articles' text, never from a document's
//! analysis, so a page made from a saved report and one made during `check` are the same.
//! Rust does what must be exact — locating each row's line and column in the text, and
//! deciding whether the text there is still the row's `found` — and embeds the result as
//! JSON; the page's script (`html/review.js`, embedded at build time with its style sheet)
//! draws one article at a time as it scrolls into view, so large reports open at once.
//! Everything from the report or an article reaches the page as JSON data and is put into
//! it as text, never as markup.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::document::{Format, decode};
use crate::finding::Finding;

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/review.css");
const SCRIPT: &str = include_str!("html/review.js");

/// One article of the page: a file named in the report, its text (or why it has none) and
/// its rows in report order.
#[derive(Debug, Clone)]
struct Article {
    /// The path as the report gives it.
    file: String,
    /// The text the rows point into (without a byte-order mark), or why it cannot be shown.
    text: Result<String, String>,
    /// The report's rows for this file.
    rows: Vec<Finding>,
}

/// The review page being assembled: its articles, in report order.
#[derive(Debug, Clone)]
pub struct ReviewPage {
    source: String,
    articles: Vec<Article>,
}

/// What a page holds, for the line that tells the user where it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageCounts {
    /// Rows on the page.
    pub findings: usize,
    /// Articles on the page.
    pub files: usize,
    /// Rows whose text is no longer at their position, or whose file cannot be read.
    pub stale: usize,
    /// Articles whose file cannot be read.
    pub unreadable: usize,
}

impl ReviewPage {
    /// An empty page; `source` says where its findings come from (a report's path, or
    /// `check`), shown under the page's title.
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            articles: Vec::new(),
        }
    }

    /// The page of a saved report: each file the report names is read from the working
    /// folder, as `check` named it; one that cannot be read is shown without text.
    pub fn from_report(source: impl Into<String>, rows: Vec<Finding>) -> Self {
        let mut page = Self::new(source);
        for row in rows {
            match page.articles.last_mut() {
                Some(article) if article.file == row.file => article.rows.push(row),
                _ => page.articles.push(Article {
                    text: read_article(&row.file),
                    file: row.file.clone(),
                    rows: vec![row],
                }),
            }
        }
        page.merge_repeated_files();
        page
    }

    /// Adds an article (a file with no rows is left out, as the CSV report leaves it out).
    fn add(&mut self, article: Article) {
        if !article.rows.is_empty() {
            self.articles.push(article);
        }
    }

    /// A report read back may list a file in more than one run of rows (a hand-sorted
    /// spreadsheet): its rows are gathered into the article where it first appears.
    fn merge_repeated_files(&mut self) {
        let mut first: std::collections::HashMap<String, usize> = Default::default();
        let mut merged: Vec<Article> = Vec::with_capacity(self.articles.len());
        for article in std::mem::take(&mut self.articles) {
            match first.get(&article.file) {
                Some(&index) => merged[index].rows.extend(article.rows),
                None => {
                    first.insert(article.file.clone(), merged.len());
                    merged.push(article);
                }
            }
        }
        self.articles = merged;
    }

    /// The articles, in page order.
    #[cfg(test)]
    fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Counts of rows, articles and stale rows.
    pub fn counts(&self) -> PageCounts {
        let mut counts = PageCounts {
            files: self.articles.len(),
            ..PageCounts::default()
        };
        for article in &self.articles {
            let located = locate_rows(article);
            counts.findings += article.rows.len();
            counts.stale += located.iter().filter(|span| span.is_none()).count();
            counts.unreadable += usize::from(article.text.is_err());
        }
        counts
    }

    /// The data the page's script reads: files, and findings with their position in the
    /// text (in UTF-16 code units, as JavaScript indexes strings) or none when stale.
    fn data(&self) -> PageData<'_> {
        let mut files = Vec::with_capacity(self.articles.len());
        let mut findings = Vec::new();
        for (index, article) in self.articles.iter().enumerate() {
            files.push(FileData {
                path: &article.file,
                format: match Format::from_path(Path::new(&article.file)) {
                    Format::Text => "text",
                    Format::Markdown => "markdown",
                    Format::Html => "html",
                    Format::Xliff => "xliff",
                },
                text: article.text.as_deref().ok(),
                problem: article.text.as_ref().err().map(String::as_str),
            });
            for (row, span) in article.rows.iter().zip(locate_rows(article)) {
                findings.push(FindingData {
                    file: index,
                    line: row.line,
                    column: row.column,
                    end_line: row.end_line,
                    end_column: row.end_column,
                    rule: &row.rule,
                    severity: row.severity.as_str(),
                    message: &row.message,
                    found: &row.found,
                    suggestion: row.suggestion.as_deref().unwrap_or(""),
                    context: &row.context,
                    fingerprint: &row.fingerprint,
                    start: span.map(|s| s.start),
                    end: span.map(|s| s.end),
                });
            }
        }
        PageData {
            source: &self.source,
            files,
            findings,
        }
    }

    /// The whole page: the template with its style, script and data filled in.
    pub fn render(&self) -> String {
        let json = serde_json::to_string(&self.data()).expect("page data serialises");
        let json = json_for_script(&json);
        let title = format!("transcheck review — {}", self.source);
        let mut page =
            String::with_capacity(TEMPLATE.len() + STYLE.len() + SCRIPT.len() + json.len());
        let mut rest = TEMPLATE;
        for (marker, value) in [
            ("{{title}}", escape_html(&title).as_str()),
            ("{{style}}", STYLE),
            ("{{data}}", json.as_str()),
            ("{{script}}", SCRIPT),
        ] {
            let (before, after) = rest
                .split_once(marker)
                .expect("the template holds each marker once, in order");
            page.push_str(before);
            page.push_str(value);
            rest = after;
        }
        page.push_str(rest);
        page
    }

    /// Writes the page to `path` (`-`: standard output). A file is written to a temporary
    /// file in the same folder and renamed over the target when complete, as the CSV
    /// report is, so a reviewer never opens half a page.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let html = self.render();
        if path == Path::new("-") {
            let mut out = io::stdout().lock();
            out.write_all(html.as_bytes())?;
            return out.flush();
        }
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".transcheck-page").suffix(".tmp");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let mut temp = builder.tempfile_in(folder)?;
        temp.write_all(html.as_bytes())?;
        temp.persist(path).map_err(|err| err.error)?;
        Ok(())
    }
}

impl ReviewPage {
    /// `check --html`: adds a checked file's `text` (its source, without a byte-order
    /// mark; `None` when the run did not keep it) and its findings, as they are reported.
    pub fn add_checked(&mut self, text: Option<&str>, findings: &[Finding]) {
        let Some(first) = findings.first() else {
            return;
        };
        self.add(Article {
            file: first.file.clone(),
            text: text
                .map(str::to_string)
                .ok_or_else(|| "its text was not kept in this run".to_string()),
            rows: findings.to_vec(),
        });
    }
}

/// Reads an article as `check` reads it: UTF-8 with the byte-order mark removed.
fn read_article(file: &str) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|err| format!("cannot read: {err}"))?;
    decode(bytes)
        .map(|decoded| decoded.text)
        .map_err(|err| err.to_string())
}

/// The data embedded in the page, as its script reads it.
#[derive(Debug, Serialize)]
struct PageData<'a> {
    /// Where the findings come from.
    source: &'a str,
    /// The articles, in page order.
    files: Vec<FileData<'a>>,
    /// Every row, in page order.
    findings: Vec<FindingData<'a>>,
}

/// One article in the page's data.
#[derive(Debug, Serialize)]
struct FileData<'a> {
    /// The path as the report gives it.
    path: &'a str,
    /// `text`, `markdown` or `html`: markup is shown as written, in a monospaced font.
    format: &'static str,
    /// The text, when it could be read.
    text: Option<&'a str>,
    /// Why there is no text.
    problem: Option<&'a str>,
}

/// One row in the page's data: the article it belongs to, the report's other eleven
/// columns under their names (the page writes them back as baseline rows), and where its
/// text is.
#[derive(Debug, Serialize)]
struct FindingData<'a> {
    /// Index of the article in [`PageData::files`].
    file: usize,
    /// The `line` column.
    line: usize,
    /// The `column` column.
    column: usize,
    /// The `end_line` column.
    end_line: usize,
    /// The `end_column` column.
    end_column: usize,
    /// The `rule` column.
    rule: &'a str,
    /// The `severity` column.
    severity: &'a str,
    /// The `message` column.
    message: &'a str,
    /// The `found` column.
    found: &'a str,
    /// The `suggestion` column.
    suggestion: &'a str,
    /// The `context` column.
    context: &'a str,
    /// The `fingerprint` column.
    fingerprint: &'a str,
    /// Start of `found` in the article's text, in UTF-16 code units; none when stale.
    start: Option<usize>,
    /// End of `found`, likewise.
    end: Option<usize>,
}

/// Where a row's `found` is in its article, in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// The first code unit.
    start: usize,
    /// Just past the last one.
    end: usize,
}

/// Locates each row of an article; `None` for a row whose text is not (or no longer) at
/// its position, or when the article has no text.
fn locate_rows(article: &Article) -> Vec<Option<Span>> {
    let Ok(text) = &article.text else {
        return vec![None; article.rows.len()];
    };
    let mut index = TextIndex::new(text);
    article
        .rows
        .iter()
        .map(|row| index.locate_row(row))
        .collect()
}

/// Positions of a text: where lines start, and a cursor that makes rows in report order
/// (by line, then column) cost only the distance between them.
struct TextIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    cursor: Cursor,
}

/// A known position: 1-based line and column, byte offset, UTF-16 offset.
#[derive(Clone, Copy)]
struct Cursor {
    line: usize,
    column: usize,
    byte: usize,
    utf16: usize,
}

impl<'a> TextIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            text,
            starts,
            cursor: Cursor {
                line: 1,
                column: 1,
                byte: 0,
                utf16: 0,
            },
        }
    }

    /// The row's span when the text at its start is its `found` and its end position is
    /// where `found` ends; anything else (a position past a line's end or the text's end,
    /// line or column 0, other text) is stale.
    fn locate_row(&mut self, row: &Finding) -> Option<Span> {
        let start = self.locate(row.line, row.column)?;
        if !self.text[start.byte..].starts_with(&row.found) {
            return None;
        }
        let (end_line, end_column) = match row.found.rfind('\n') {
            Some(last) => (
                row.line + row.found.matches('\n').count(),
                1 + row.found[last + 1..].chars().count(),
            ),
            None => (row.line, row.column + row.found.chars().count()),
        };
        if (end_line, end_column) != (row.end_line, row.end_column) {
            return None;
        }
        Some(Span {
            start: start.utf16,
            end: start.utf16 + row.found.encode_utf16().count(),
        })
    }

    /// The position of a 1-based line and column (in characters; a line's columns run up
    /// to its `\n`, so a `\r` before it has one), as `check` counts them.
    fn locate(&mut self, line: usize, column: usize) -> Option<Cursor> {
        let line_start = *self.starts.get(line.checked_sub(1)?)?;
        let line_end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        if column == 0 {
            return None;
        }
        let from = if self.cursor.line == line && self.cursor.column <= column {
            self.cursor
        } else {
            let utf16 = if self.cursor.byte <= line_start {
                self.cursor.utf16 + utf16_len(&self.text[self.cursor.byte..line_start])
            } else {
                utf16_len(&self.text[..line_start])
            };
            Cursor {
                line,
                column: 1,
                byte: line_start,
                utf16,
            }
        };
        let mut position = from;
        let mut chars = self.text[from.byte..line_end].chars();
        while position.column < column {
            let c = chars.next()?;
            position.column += 1;
            position.byte += c.len_utf8();
            position.utf16 += c.len_utf16();
        }
        self.cursor = position;
        Some(position)
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// JSON made safe inside `<script type="application/json">`: `<`, `>` and `&` only occur
/// inside JSON strings, where their `\u` escapes mean the same, so no `</script>` or
/// `<!--` in an article can end the block early.
fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Text made safe as HTML text or an attribute value.
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn row(line: usize, column: usize, found: &str) -> Finding {
        let (end_line, end_column) = match found.rfind('\n') {
            Some(last) => (
                line + found.matches('\n').count(),
                1 + found[last + 1..].chars().count(),
            ),
            None => (line, column + found.chars().count()),
        };
        Finding {
            file: "a.txt".into(),
            line,
            column,
            end_line,
            end_column,
            rule: "test.rule".into(),
            severity: Severity::Warning,
            message: "A message".into(),
            found: found.into(),
            suggestion: None,
            context: String::new(),
            fingerprint: "0123456789abcdef".into(),
            span: 0..0,
            fix: false,
            excerpt: Default::default(),
        }
    }

    fn spans(text: &str, rows: Vec<Finding>) -> Vec<Option<(usize, usize)>> {
        let article = Article {
            file: "a.txt".into(),
            text: Ok(text.to_string()),
            rows,
        };
        locate_rows(&article)
            .into_iter()
            .map(|span| span.map(|s| (s.start, s.end)))
            .collect()
    }

    /// The UTF-16 range of `needle`'s first occurrence at or after byte `from`.
    fn utf16_range(text: &str, needle: &str, from: usize) -> (usize, usize) {
        let at = from + text[from..].find(needle).expect("present");
        let start = utf16_len(&text[..at]);
        (start, start + utf16_len(needle))
    }

    #[test]
    fn positions_count_characters_and_spans_count_utf16_units() {
        let text = "Ünïcödé 😀 text  here\nКyrgyzstan and 🇰🇿  flags";
        let rows = vec![row(1, 15, "  "), row(2, 1, "Кyrgyzstan"), row(2, 18, "  ")];
        assert_eq!(
            spans(text, rows),
            [
                Some(utf16_range(text, "  ", 0)),
                Some(utf16_range(text, "Кyrgyzstan", 0)),
                Some(utf16_range(text, "  ", text.find('\n').expect("two lines"))),
            ]
        );
    }

    #[test]
    fn crlf_lines_count_as_check_counts_them() {
        let text = "First line.\r\nSecond  line\r\nThird .\r\n";
        let rows = vec![row(2, 7, "  "), row(3, 6, " "), row(1, 12, "\r\n")];
        assert_eq!(
            spans(text, rows),
            [
                Some(utf16_range(text, "  ", 0)),
                Some(utf16_range(text, " .", 0)).map(|(s, _)| (s, s + 1)),
                Some((11, 13)),
            ]
        );
    }

    #[test]
    fn a_finding_over_a_line_break_ends_on_the_next_line() {
        let text = "the\nthe end";
        assert_eq!(spans(text, vec![row(1, 1, "the\nthe")]), [Some((0, 7))]);
    }

    #[test]
    fn the_byte_order_mark_is_not_counted() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("bom.txt");
        std::fs::write(&path, "\u{feff}Two  spaces").expect("written");
        let file = path.to_string_lossy().into_owned();
        let mut found = row(1, 4, "  ");
        found.file = file.clone();
        let page = ReviewPage::from_report("r.csv", vec![found]);
        assert_eq!(
            locate_rows(&page.articles()[0]),
            [Some(Span { start: 3, end: 5 })]
        );
    }

    #[test]
    fn changed_text_and_positions_past_the_end_are_stale() {
        let text = "A short  text\nwith two lines";
        let rows = vec![
            row(1, 8, "  "), // right
            row(1, 9, "  "), // one column off: other text there
            row(1, 14, " "), // past the line's end, before the next line
            row(3, 1, "x"),  // past the last line
            row(0, 1, "A"),  // no line 0
            row(1, 0, "A"),  // no column 0
            row(2, 14, "s"), // the last character
            row(2, 16, ""),  // past the text's end
        ];
        let mut wrong_end = row(1, 1, "A");
        wrong_end.end_column = 9;
        let mut all = rows;
        all.push(wrong_end);
        assert_eq!(
            spans(text, all),
            [
                Some((7, 9)),
                None,
                None,
                None,
                None,
                None,
                Some((27, 28)),
                None,
                None
            ]
        );
    }

    #[test]
    fn rows_out_of_order_are_located_all_the_same() {
        let text = "one two\nthree four\nfive";
        let rows = vec![
            row(3, 1, "five"),
            row(1, 5, "two"),
            row(2, 7, "four"),
            row(2, 1, "three"),
        ];
        assert_eq!(
            spans(text, rows),
            [Some((19, 23)), Some((4, 7)), Some((14, 18)), Some((8, 13))]
        );
    }

    #[test]
    fn a_missing_file_is_shown_without_text_and_all_its_rows_are_stale() {
        let mut missing = row(1, 1, "x");
        missing.file = "no/such/file.txt".into();
        let page = ReviewPage::from_report("r.csv", vec![missing.clone(), missing]);
        let counts = page.counts();
        assert_eq!(
            counts,
            PageCounts {
                findings: 2,
                files: 1,
                stale: 2,
                unreadable: 1
            }
        );
        let problem = page.articles()[0].text.as_ref().expect_err("no text");
        assert!(problem.starts_with("cannot read"), "{problem}");
    }

    #[test]
    fn rows_of_one_file_in_separate_runs_make_one_article() {
        let mut other = row(1, 1, "x");
        other.file = "b.txt".into();
        let page = ReviewPage::from_report("r.csv", vec![row(1, 1, "x"), other, row(1, 2, "y")]);
        let files: Vec<(&str, usize)> = page
            .articles()
            .iter()
            .map(|a| (a.file.as_str(), a.rows.len()))
            .collect();
        assert_eq!(files, [("a.txt", 2), ("b.txt", 1)]);
    }

    #[test]
    fn nothing_in_the_data_can_end_the_script_block_or_the_title() {
        let mut hostile = row(1, 1, "</script><script>alert(1)</script>");
        hostile.message = "<!-- </SCRIPT> & <img src=x onerror=alert(2)>".into();
        hostile.file = "</title><script>alert(3)</script>.txt".into();
        let mut page = ReviewPage::new("<b>report</b>.csv");
        page.add(Article {
            file: hostile.file.clone(),
            text: Ok("</script><script>alert(1)</script> and\u{2028}more".into()),
            rows: vec![hostile],
        });
        let html = page.render();
        let data_start = html.find("id=\"review-data\">").expect("the data block");
        let data_end = data_start + html[data_start..].find("</script>").expect("closed");
        let data = &html[data_start + "id=\"review-data\">".len()..data_end];
        assert!(!data.contains('<') && !data.contains('>'), "{data}");
        let value: serde_json::Value = serde_json::from_str(data).expect("valid JSON");
        assert_eq!(
            value["files"][0]["text"],
            "</script><script>alert(1)</script> and\u{2028}more"
        );
        assert_eq!(value["findings"][0]["start"], 0);
        assert_eq!(
            value["findings"][0]["message"],
            "<!-- </SCRIPT> & <img src=x onerror=alert(2)>"
        );
        assert!(html.contains("<title>transcheck review — &lt;b&gt;report&lt;/b&gt;.csv</title>"));
        // The page's own two scripts, and nothing else that runs.
        assert_eq!(html.matches("<script").count(), 2);
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let html = ReviewPage::new("r.csv").render();
        for needle in ["http://", "https://", "src=", "@import", "url("] {
            assert!(!html.contains(needle), "the page holds {needle}");
        }
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn the_data_holds_every_column_of_the_report() {
        let mut page = ReviewPage::new("r.csv");
        page.add(Article {
            file: "a.md".into(),
            text: Ok("x  y".into()),
            rows: vec![row(1, 2, "  ")],
        });
        let value = serde_json::to_value(page.data()).expect("serialises");
        let finding = &value["findings"][0];
        for name in super::super::csv::HEADER {
            assert!(finding.get(name).is_some(), "missing {name}");
        }
        assert_eq!(value["files"][0]["path"], "a.md");
        assert_eq!(value["files"][0]["format"], "markdown");
        assert_eq!(
            (finding["start"].as_u64(), finding["end"].as_u64()),
            (Some(1), Some(3))
        );
    }
}
