//! Findings kept on disk between the two passes of corpus mode. The first pass checks
//! every document with the rules that look at one document at a time and writes their
//! findings here, in input order; the second pass reads them back as it reports. Memory
//! stays flat whatever the size of the corpus, and no document is checked twice by those
//! rules.
//!
//! The file is an anonymous temporary file (removed by the system when closed, even if
//! the run is killed). Its format is private to one run: per document one line, a JSON
//! array of `[start, end, excerpt, finding]` — each finding in the serde mapping every
//! output shares, with the byte span and the excerpt that mapping leaves out.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};

use crate::finding::{Excerpt, Finding};

/// Writes the findings of each document in turn.
pub struct SpillWriter {
    out: BufWriter<File>,
}

/// Reads them back in the order they were written.
pub struct SpillReader {
    input: BufReader<File>,
    line: String,
}

impl SpillWriter {
    /// A writer to a new anonymous temporary file (in `TMPDIR`).
    pub fn new() -> io::Result<Self> {
        Ok(Self {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
        })
    }

    /// Writes the findings of the next document (possibly none).
    pub fn write(&mut self, findings: &[Finding]) -> io::Result<()> {
        let spilled: Vec<(usize, usize, &Excerpt, &Finding)> = findings
            .iter()
            .map(|finding| {
                let span = &finding.span;
                (span.start, span.end, &finding.excerpt, finding)
            })
            .collect();
        serde_json::to_writer(&mut self.out, &spilled)?;
        self.out.write_all(b"\n")
    }

    /// Ends writing; the reader starts at the first document.
    pub fn into_reader(self) -> io::Result<SpillReader> {
        let mut file = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(SpillReader {
            input: BufReader::with_capacity(1 << 16, file),
            line: String::new(),
        })
    }
}

impl SpillReader {
    /// The findings of the next document.
    pub fn read(&mut self) -> io::Result<Vec<Finding>> {
        self.line.clear();
        if self.input.read_line(&mut self.line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let spilled: Vec<(usize, usize, Excerpt, Finding)> = serde_json::from_str(&self.line)
            .map_err(|err| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("corpus mode's temporary file is damaged: {err}"),
                )
            })?;
        Ok(spilled
            .into_iter()
            .map(|(start, end, excerpt, mut finding)| {
                finding.span = start..end;
                finding.excerpt = excerpt;
                finding
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;
    use proptest::prelude::*;

    fn finding(rule: &str, found: &str, suggestion: Option<&str>, severity: Severity) -> Finding {
        Finding {
            file: "news/a.txt".to_string(),
            line: 3,
            column: 35,
            end_line: 4,
            end_column: 1,
            rule: rule.to_string(),
            severity,
            message: format!("`{found}` here"),
            found: found.to_string(),
            suggestion: suggestion.map(str::to_string),
            context: format!("said {found} today"),
            fingerprint: "0123456789abcdef".to_string(),
            span: 120..120 + found.len(),
            fix: suggestion.is_some(),
            excerpt: Excerpt {
                text: format!("…he said {found} today"),
                caret_start: 9,
                caret_len: found.chars().count(),
            },
        }
    }

    #[test]
    fn documents_come_back_in_order_with_every_field() {
        let first = vec![
            finding(
                "names.variant",
                "Ukibaya",
                Some("Ukibay"),
                Severity::Warning,
            ),
            finding("typography.double-space", "  ", Some(""), Severity::Error),
            finding("script.mixed", "Аlmaty", None, Severity::Info),
        ];
        let third = vec![finding("quotes.guillemets", "«", Some("“"), Severity::Info)];
        let mut writer = SpillWriter::new().expect("temp file");
        for findings in [&first, &Vec::new(), &third] {
            writer.write(findings).expect("write");
        }
        let mut reader = writer.into_reader().expect("rewind");
        assert_eq!(reader.read().expect("first"), first);
        assert_eq!(reader.read().expect("second"), []);
        assert_eq!(reader.read().expect("third"), third);
        let past_the_end = reader.read().expect_err("nothing was written");
        assert_eq!(past_the_end.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        let mut writer = SpillWriter::new().expect("temp file");
        writer
            .write(&[finding("a.b", "x", None, Severity::Info)])
            .expect("write");
        let mut file = writer.out.into_inner().expect("flush");
        // The severity of the only finding, made one no severity has.
        let text = {
            file.rewind().expect("rewind");
            let mut text = String::new();
            io::Read::read_to_string(&mut file, &mut text).expect("read");
            text
        };
        let at = text.find("\"info\"").expect("the severity");
        file.seek(io::SeekFrom::Start(at as u64 + 1)).expect("seek");
        file.write_all(b"X").expect("damage");
        let mut reader = SpillWriter {
            out: BufWriter::new(file),
        }
        .into_reader()
        .expect("rewind");
        let error = reader.read().expect_err("damaged");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(
            error.to_string().contains("unknown variant `Xnfo`"),
            "{error}"
        );
    }

    proptest! {
        #[test]
        fn any_findings_come_back_unchanged(
            documents in prop::collection::vec(
                prop::collection::vec(("\\PC{0,12}", "\\PC{0,40}", prop::option::of("\\PC{0,8}"), 0..3u8), 0..4),
                0..6,
            )
        ) {
            let documents: Vec<Vec<Finding>> = documents
                .into_iter()
                .map(|findings| {
                    findings
                        .into_iter()
                        .map(|(rule, found, suggestion, severity)| {
                            let severity = [Severity::Info, Severity::Warning, Severity::Error]
                                [usize::from(severity)];
                            finding(&rule, &found, suggestion.as_deref(), severity)
                        })
                        .collect()
                })
                .collect();
            let mut writer = SpillWriter::new().expect("temp file");
            for findings in &documents {
                writer.write(findings).expect("write");
            }
            let mut reader = writer.into_reader().expect("rewind");
            for findings in &documents {
                prop_assert_eq!(&reader.read().expect("read"), findings);
            }
        }
    }
}
