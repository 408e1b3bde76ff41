//! Findings kept on disk between the two passes of corpus mode. The first pass checks
//! every document with the rules that look at one document at a time and writes their
//! findings here, in input order; the second pass reads them back as it reports. Memory
//! stays flat whatever the size of the corpus, and no document is checked twice by those
//! rules.
//!
//! The file is an anonymous temporary file (removed by the system when closed, even if
//! the run is killed). Its format is private to one run: per document a count, then per
//! finding its fields as little-endian integers and length-prefixed UTF-8.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

use crate::finding::Finding;
use crate::rules::Severity;

/// Writes the findings of each document in turn.
pub struct SpillWriter {
    out: BufWriter<File>,
}

/// Reads them back in the order they were written.
pub struct SpillReader {
    input: BufReader<File>,
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
        put_usize(&mut self.out, findings.len())?;
        for finding in findings {
            for n in [
                finding.line,
                finding.column,
                finding.end_line,
                finding.end_column,
                finding.span.start,
                finding.span.end,
            ] {
                put_usize(&mut self.out, n)?;
            }
            self.out
                .write_all(&[finding.severity as u8, u8::from(finding.fix)])?;
            for text in [
                &finding.rule,
                &finding.message,
                &finding.found,
                &finding.context,
                &finding.fingerprint,
            ] {
                put_str(&mut self.out, text)?;
            }
            match &finding.suggestion {
                Some(suggestion) => {
                    self.out.write_all(&[1])?;
                    put_str(&mut self.out, suggestion)?;
                }
                None => self.out.write_all(&[0])?,
            }
        }
        Ok(())
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
        })
    }
}

impl SpillReader {
    /// The findings of the next document, whose path is `file`.
    pub fn read(&mut self, file: &str) -> io::Result<Vec<Finding>> {
        let count = get_usize(&mut self.input)?;
        // Not reserved from the count: a damaged file must not ask for huge allocations.
        let mut findings = Vec::new();
        for _ in 0..count {
            let mut numbers = [0; 6];
            for n in &mut numbers {
                *n = get_usize(&mut self.input)?;
            }
            let [line, column, end_line, end_column, start, end] = numbers;
            let mut flags = [0; 2];
            self.input.read_exact(&mut flags)?;
            let severity = match flags[0] {
                0 => Severity::Info,
                1 => Severity::Warning,
                2 => Severity::Error,
                other => return Err(invalid(format!("unknown severity {other}"))),
            };
            let rule = get_str(&mut self.input)?;
            let message = get_str(&mut self.input)?;
            let found = get_str(&mut self.input)?;
            let context = get_str(&mut self.input)?;
            let fingerprint = get_str(&mut self.input)?;
            let mut has_suggestion = [0];
            self.input.read_exact(&mut has_suggestion)?;
            let suggestion = match has_suggestion[0] {
                0 => None,
                _ => Some(get_str(&mut self.input)?),
            };
            findings.push(Finding {
                file: file.to_string(),
                line,
                column,
                end_line,
                end_column,
                rule,
                severity,
                message,
                found,
                suggestion,
                context,
                fingerprint,
                span: start..end,
                fix: flags[1] != 0,
            });
        }
        Ok(findings)
    }
}

fn put_usize(out: &mut impl Write, n: usize) -> io::Result<()> {
    out.write_all(&(n as u64).to_le_bytes())
}

fn put_str(out: &mut impl Write, text: &str) -> io::Result<()> {
    put_usize(out, text.len())?;
    out.write_all(text.as_bytes())
}

fn get_usize(input: &mut impl Read) -> io::Result<usize> {
    let mut bytes = [0; 8];
    input.read_exact(&mut bytes)?;
    usize::try_from(u64::from_le_bytes(bytes)).map_err(|_| invalid("a number out of range"))
}

fn get_str(input: &mut impl Read) -> io::Result<String> {
    let length = get_usize(input)?;
    let mut bytes = Vec::new();
    let read = input.take(length as u64).read_to_end(&mut bytes)?;
    if read < length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    String::from_utf8(bytes).map_err(|_| invalid("text that is not UTF-8"))
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "corpus mode's temporary file is damaged: {}",
            message.into()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(reader.read("news/a.txt").expect("first"), first);
        assert_eq!(reader.read("news/b.txt").expect("second"), []);
        let mut third_back = reader.read("news/c.txt").expect("third");
        assert_eq!(third_back[0].file, "news/c.txt", "the path given is used");
        third_back[0].file = "news/a.txt".to_string();
        assert_eq!(third_back, third);
        let past_the_end = reader.read("news/d.txt").expect_err("nothing was written");
        assert_eq!(past_the_end.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        let mut writer = SpillWriter::new().expect("temp file");
        writer
            .write(&[finding("a.b", "x", None, Severity::Info)])
            .expect("write");
        let mut file = writer.out.into_inner().expect("flush");
        // The severity byte of the first finding: after the count and six numbers.
        file.seek(io::SeekFrom::Start(8 * 7)).expect("seek");
        file.write_all(&[7]).expect("damage");
        let mut reader = SpillWriter {
            out: BufWriter::new(file),
        }
        .into_reader()
        .expect("rewind");
        let error = reader.read("a.txt").expect_err("damaged");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("unknown severity 7"), "{error}");
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
                prop_assert_eq!(&reader.read("news/a.txt").expect("read"), findings);
            }
        }
    }
}
