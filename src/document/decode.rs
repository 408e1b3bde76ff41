//! Turns the raw bytes of an input into text, or says precisely why it cannot.
//!
//! Only UTF-8 is accepted (with or without a byte-order mark); anything else is refused
//! with a reason a user can act on, and the run goes on with the other inputs.

use thiserror::Error;

/// Why an input could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte almost always means a binary file (an image, a PDF, a word-processor file).
    #[error("binary file (NUL byte at byte offset {offset}), skipped")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// UTF-16 text starts with its byte-order mark; we name it rather than report garbage.
    #[error("UTF-16 text is not supported, skipped; convert the file to UTF-8")]
    Utf16,
    /// Inputs are read whole and positions kept in 32 bits; nothing this large is an article.
    #[error("larger than 4 GiB ({bytes} bytes), skipped")]
    TooLarge {
        /// The size of the input.
        bytes: usize,
    },
    /// Text in a legacy encoding (Windows-1251, Latin-1, …).
    #[error(
        "not valid UTF-8 (line {line}, byte offset {offset}), skipped; convert the file to UTF-8"
    )]
    InvalidUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
}

/// Text decoded from an input, and whether it started with a UTF-8 byte-order mark
/// (kept so that a rewritten file keeps it).
#[derive(Debug)]
pub struct Decoded {
    /// The text, without the byte-order mark.
    pub text: String,
    /// Whether the bytes started with a UTF-8 byte-order mark.
    pub bom: bool,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes the bytes of an input file as UTF-8.
pub fn decode(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if u32::try_from(bytes.len()).is_err() {
        return Err(DecodeError::TooLarge { bytes: bytes.len() });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(DecodeError::Utf16);
    }
    let bom = bytes.starts_with(UTF8_BOM);
    if bom {
        bytes.drain(..UTF8_BOM.len());
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary {
            offset: offset + if bom { UTF8_BOM.len() } else { 0 },
        });
    }
    String::from_utf8(bytes)
        .map(|text| Decoded { text, bom })
        .map_err(|err| {
            let offset = err.utf8_error().valid_up_to();
            let line = 1 + err.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            DecodeError::InvalidUtf8 {
                line,
                offset: offset + if bom { UTF8_BOM.len() } else { 0 },
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_utf8_bom_and_remembers_it() {
        let decoded = decode(b"\xEF\xBB\xBFHello".to_vec()).expect("valid UTF-8");
        assert_eq!(decoded.text, "Hello");
        assert!(decoded.bom);
    }

    #[test]
    fn refuses_nul_bytes_as_binary() {
        assert_eq!(
            decode(vec![0; 16]).unwrap_err(),
            DecodeError::Binary { offset: 0 }
        );
    }

    #[test]
    fn names_the_line_of_invalid_utf8() {
        let bytes = b"first line\nsecond \xE9t\xE9\n".to_vec();
        assert_eq!(
            decode(bytes).unwrap_err(),
            DecodeError::InvalidUtf8 {
                line: 2,
                offset: 18
            }
        );
    }

    #[test]
    fn refuses_utf16() {
        assert_eq!(
            decode(b"\xFF\xFEH\0".to_vec()).unwrap_err(),
            DecodeError::Utf16
        );
    }

    #[test]
    fn accepts_empty_input() {
        assert_eq!(decode(Vec::new()).expect("empty is fine").text, "");
    }
}
