//! Reads CSV reports back: for `--baseline` and the `report` subcommands. Reports come back
//! from spreadsheets changed in harmless ways — columns reordered or added, a byte-order
//! mark, CRLF line ends, `;` as separator, neutralised cells — and are read all the same;
//! a file that is not a transcheck report is refused with a clear message.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::csv::{FORMULA_STARTS, HEADER};

/// One row of a report, cells un-neutralised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    /// The `file` column.
    pub file: String,
    /// The `line` column.
    pub line: usize,
    /// The `column` column.
    pub column: usize,
    /// The `end_line` column.
    pub end_line: usize,
    /// The `end_column` column.
    pub end_column: usize,
    /// The `rule` column.
    pub rule: String,
    /// The `severity` column.
    pub severity: String,
    /// The `message` column.
    pub message: String,
    /// The `found` column.
    pub found: String,
    /// The `suggestion` column.
    pub suggestion: String,
    /// The `context` column.
    pub context: String,
    /// The `fingerprint` column.
    pub fingerprint: String,
}

impl ReportRow {
    /// The cells in the report's column order, as [`HEADER`] names them.
    pub fn cells(&self) -> [String; 12] {
        [
            self.file.clone(),
            self.line.to_string(),
            self.column.to_string(),
            self.end_line.to_string(),
            self.end_column.to_string(),
            self.rule.clone(),
            self.severity.clone(),
            self.message.clone(),
            self.found.clone(),
            self.suggestion.clone(),
            self.context.clone(),
            self.fingerprint.clone(),
        ]
    }
}

/// A report that cannot be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file cannot be opened or read.
    #[error("{}: cannot read: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The header lacks transcheck's columns.
    #[error(
        "{}: not a transcheck report (missing column{} {}); expected the header {}",
        path.display(),
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", "),
        HEADER.join(",")
    )]
    NotAReport {
        /// The file.
        path: PathBuf,
        /// The columns it lacks.
        missing: Vec<&'static str>,
    },
    /// A row that cannot be parsed.
    #[error("{}:{line}: {message}", path.display())]
    BadRow {
        /// The file.
        path: PathBuf,
        /// 1-based line of the row.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

/// Reads the report at `path`.
pub fn read_report(path: &Path) -> Result<Vec<ReportRow>, ReadError> {
    let bytes = std::fs::read(path).map_err(|error| ReadError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    parse_report(path, &bytes)
}

/// Parses the bytes of a report; `path` names it in errors. A report is UTF-8; one a
/// spreadsheet saved back in a legacy encoding (Excel's "CSV (Comma delimited)" is
/// Windows-1252 on Western systems, Windows-1251 on Cyrillic ones) is decoded from the
/// encoding it looks like. Fingerprints are ASCII, so a baseline matches either way.
pub fn parse_report(path: &Path, bytes: &[u8]) -> Result<Vec<ReportRow>, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded;
    let bytes = if std::str::from_utf8(bytes).is_ok() {
        bytes
    } else {
        decoded = crate::document::guess(bytes)
            .decode_without_bom_handling(bytes)
            .0;
        decoded.as_bytes()
    };
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let not_a_report = || ReadError::NotAReport {
        path: path.to_path_buf(),
        missing: HEADER.to_vec(),
    };
    let headers = reader.headers().map_err(|_| not_a_report())?.clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut columns = [0; 12];
    let mut missing = Vec::new();
    for (slot, name) in columns.iter_mut().zip(HEADER) {
        match names.iter().position(|n| n == name) {
            Some(index) => *slot = index,
            None => missing.push(name),
        }
    }
    if !missing.is_empty() {
        return Err(ReadError::NotAReport {
            path: path.to_path_buf(),
            missing,
        });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| ReadError::BadRow {
            path: path.to_path_buf(),
            line: err.position().map_or(0, |p| p.line()),
            message: err.to_string(),
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| un_neutralise(record.get(columns[i]).unwrap_or("")).to_string();
        let number = |i: usize| {
            let text = cell(i);
            text.trim().parse::<usize>().map_err(|_| ReadError::BadRow {
                path: path.to_path_buf(),
                line,
                message: format!("`{}` is not a number: {text:?}", HEADER[i]),
            })
        };
        rows.push(ReportRow {
            file: cell(0),
            line: number(1)?,
            column: number(2)?,
            end_line: number(3)?,
            end_column: number(4)?,
            rule: cell(5),
            severity: cell(6).trim().to_ascii_lowercase(),
            message: cell(7),
            found: cell(8),
            suggestion: cell(9),
            context: cell(10),
            fingerprint: cell(11).trim().to_ascii_lowercase(),
        });
    }
    Ok(rows)
}

/// Undoes [`super::csv::neutralise`]: of the apostrophes before `=`, `+`, `-`, `@`, tab or
/// carriage return, one is dropped.
pub fn un_neutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: &str =
        "a.txt,1,5,1,7,spacing.double-space,warning,Two spaces,\"  \",' ',x  y,00ff00ff00ff00ff";

    #[test]
    fn reordered_columns_bom_crlf_and_neutralised_cells_are_read() {
        let text = "\u{feff}fingerprint,file,line,column,end_line,end_column,rule,severity,message,found,suggestion,context,note\r\n\
             00FF00FF00FF00FF,b.md,3,2,3,4,punctuation.hyphen-as-dash,Warning,'-x,' - ',\u{2014},'=A,mine\r\n";
        let rows = parse_report(Path::new("r.csv"), text.as_bytes()).expect("a report");
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.file, "b.md");
        assert_eq!(
            (row.line, row.column, row.end_line, row.end_column),
            (3, 2, 3, 4)
        );
        assert_eq!(row.severity, "warning");
        assert_eq!(row.message, "-x");
        assert_eq!(row.context, "=A");
        assert_eq!(row.fingerprint, "00ff00ff00ff00ff");
    }

    #[test]
    fn un_neutralising_undoes_neutralising_exactly() {
        use super::super::csv::neutralise;
        for cell in ["-5", "'-5", "''=x", "'x", "'", "''", "plain", "=", "'\t"] {
            assert_eq!(un_neutralise(&neutralise(cell)), cell);
        }
    }

    #[test]
    fn a_report_saved_back_as_windows_1252_or_1251_is_read() {
        let text = format!(
            "{}\r\nb.md,3,2,3,4,quotes.foreign-style,warning,Foreign quotes \u{ab}\u{bb},\u{ab},\u{201c},caf\u{e9} \u{ab}x\u{bb} na\u{ef}ve,00ff00ff00ff00ff\r\n",
            HEADER.join(";").replace(';', ",")
        );
        let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!lossy);
        let rows = parse_report(Path::new("r.csv"), &bytes).expect("a report");
        assert_eq!(rows[0].context, "caf\u{e9} \u{ab}x\u{bb} na\u{ef}ve");
        assert_eq!(rows[0].suggestion, "\u{201c}");
        let cyrillic = text.replace("caf\u{e9}", "\u{41c}\u{438}\u{43d}\u{444}\u{438}\u{43d} \u{441}\u{43a}\u{430}\u{437}\u{430}\u{43b}").replace(" na\u{ef}ve", "");
        let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(&cyrillic);
        assert!(!lossy);
        let rows = parse_report(Path::new("r.csv"), &bytes).expect("a report");
        assert_eq!(
            rows[0].context,
            "\u{41c}\u{438}\u{43d}\u{444}\u{438}\u{43d} \u{441}\u{43a}\u{430}\u{437}\u{430}\u{43b} \u{ab}x\u{bb}"
        );
        assert_eq!(rows[0].fingerprint, "00ff00ff00ff00ff");
    }

    #[test]
    fn semicolon_separated_reports_are_read() {
        let text = format!("{}\n{}\n", HEADER.join(";"), ROW.replace(',', ";"));
        let rows = parse_report(Path::new("r.csv"), text.as_bytes()).expect("a report");
        assert_eq!(rows[0].rule, "spacing.double-space");
    }

    #[test]
    fn other_files_are_refused_naming_the_missing_columns() {
        let err = parse_report(Path::new("x.csv"), b"name,count\nA,1\n").expect_err("refused");
        let message = err.to_string();
        assert!(message.contains("not a transcheck report"), "{message}");
        assert!(message.contains("fingerprint"), "{message}");
        assert!(parse_report(Path::new("x.csv"), b"").is_err());
    }
}
