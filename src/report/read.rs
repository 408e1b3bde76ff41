//! Reads CSV reports back: for `--baseline` and the `report` subcommands. Reports come back
//! from spreadsheets changed in harmless ways — columns reordered or added, a byte-order
//! mark, CRLF line ends, `;` as separator, neutralised cells — and are read all the same;
//! a file that is not a transcheck report is refused with a clear message. Each row is read
//! into a [`Finding`] by its serde mapping, whose field names are the report's columns.

use std::path::{Path, PathBuf};

use csv::StringRecord;
use thiserror::Error;

use super::csv::{FORMULA_STARTS, HEADER};
use crate::finding::Finding;

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

/// Reads the report at `path`: its findings, without their spans (a report has none).
pub fn read_report(path: &Path) -> Result<Vec<Finding>, ReadError> {
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
pub fn parse_report(path: &Path, bytes: &[u8]) -> Result<Vec<Finding>, ReadError> {
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
    let header = StringRecord::from(HEADER.to_vec());
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
        let bad_row = |message: String| ReadError::BadRow {
            path: path.to_path_buf(),
            line,
            message,
        };
        // The cells in the report's column order, un-neutralised; the numbers, severity
        // and fingerprint as a spreadsheet may have changed them (spaces, capitals).
        let cells: Vec<String> = (0..HEADER.len())
            .map(|i| {
                let cell = un_neutralise(record.get(columns[i]).unwrap_or(""));
                match HEADER[i] {
                    "line" | "column" | "end_line" | "end_column" => cell.trim().to_string(),
                    "severity" | "fingerprint" => cell.trim().to_ascii_lowercase(),
                    _ => cell.to_string(),
                }
            })
            .collect();
        for (i, cell) in cells.iter().enumerate().take(5).skip(1) {
            if cell.parse::<usize>().is_err() {
                return Err(bad_row(format!(
                    "`{}` is not a number: {cell:?}",
                    HEADER[i]
                )));
            }
        }
        let finding: Finding = StringRecord::from(cells)
            .deserialize(Some(&header))
            .map_err(|err| bad_row(err.to_string()))?;
        rows.push(finding);
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
        assert_eq!(row.severity, crate::rules::Severity::Warning);
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
        assert_eq!(rows[0].suggestion.as_deref(), Some("\u{201c}"));
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
