//! Turns the raw bytes of an input into text, or says precisely why it cannot.
//!
//! UTF-8 is read as it is (with or without a byte-order mark), which costs one validation
//! pass and no copy. Bytes that are not UTF-8 are decoded with `encoding_rs` only when the
//! user named their encoding (`--encoding`, the configuration's `encoding`); otherwise
//! they are refused with the encoding `chardetng` guesses they are in, so the user knows
//! what to name. Anything else undecodable is refused with a reason a user can act on, and
//! the run goes on with the other inputs.

use encoding_rs::{DecoderResult, Encoding};
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
    /// Text in a legacy encoding (Windows-1251, KOI8-R, …) that the user did not name.
    #[error(
        "not valid UTF-8 (line {line}, byte offset {offset}), skipped; it looks like {guess}: \
         check it with --encoding {guess} (or `encoding = \"{guess}\"` in transcheck.toml), \
         or convert it to UTF-8"
    )]
    InvalidUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// The encoding `chardetng` takes the bytes to be in (its WHATWG name, lowercase).
        guess: String,
    },
    /// Bytes that are neither UTF-8 nor valid in the encoding the user named.
    #[error("not valid UTF-8 nor {encoding} (line {line}, byte offset {offset}), skipped")]
    InvalidIn {
        /// The encoding named (its WHATWG name, lowercase).
        encoding: String,
        /// 1-based line of the first byte that encoding cannot decode.
        line: usize,
        /// Byte offset of that byte.
        offset: usize,
    },
}

/// Text decoded from an input, whether it started with a UTF-8 byte-order mark, and the
/// legacy encoding it was decoded from (both kept so that a rewritten file keeps them).
#[derive(Debug)]
pub struct Decoded {
    /// The text, without the byte-order mark.
    pub text: String,
    /// Whether the bytes started with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The encoding the bytes were in when it was not UTF-8 (`--encoding`).
    pub encoding: Option<&'static Encoding>,
}

impl Decoded {
    /// Text that was UTF-8, as rule examples and tests build it.
    pub fn utf8(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bom: false,
            encoding: None,
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The encoding a user named by its WHATWG label (`windows-1251`, `cp1251`, `koi8-r`,
/// `latin1`, …), or why it cannot serve: an unknown label, or UTF-16 (whose files are
/// refused, as fixes could not be written back in it).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, String> {
    let encoding =
        Encoding::for_label_no_replacement(label.trim().as_bytes()).ok_or_else(|| {
            format!(
                "unknown encoding `{label}`; expected a WHATWG label such as windows-1251, koi8-r, \
             windows-1252 or iso-8859-2"
            )
        })?;
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Err(format!(
            "encoding `{label}`: UTF-16 files are not supported; convert them to UTF-8"
        ));
    }
    Ok(encoding)
}

/// Decodes the bytes of an input file as UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_as(bytes, None)
}

/// Decodes the bytes of an input file: as UTF-8 when they are UTF-8, else in `fallback`
/// (the encoding the user named) when there is one.
pub fn decode_as(
    mut bytes: Vec<u8>,
    fallback: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
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
    let bom_length = if bom { UTF8_BOM.len() } else { 0 };
    let err = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                bom,
                encoding: None,
            });
        }
        Err(err) => err,
    };
    let bytes = err.as_bytes();
    let line_of = |offset: usize| 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
    let offset = err.utf8_error().valid_up_to();
    // A byte-order mark says UTF-8 whatever the user named.
    match fallback.filter(|&encoding| encoding != encoding_rs::UTF_8 && !bom) {
        Some(encoding) => decode_legacy(bytes, encoding).map_err(|offset| DecodeError::InvalidIn {
            encoding: encoding.name().to_ascii_lowercase(),
            line: line_of(offset),
            offset,
        }),
        None => Err(DecodeError::InvalidUtf8 {
            line: line_of(offset),
            offset: offset + bom_length,
            guess: guess(bytes).name().to_ascii_lowercase(),
        }),
    }
}

/// `bytes` decoded from `encoding`, or the offset of the first byte it cannot decode.
fn decode_legacy(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(0usize)?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(Decoded {
            text,
            bom: false,
            encoding: Some(encoding),
        }),
        DecoderResult::Malformed(length, after) => {
            Err(read - usize::from(length) - usize::from(after))
        }
        // The buffer holds the longest text the input can decode to.
        DecoderResult::OutputFull => Err(read),
    }
}

/// The legacy encoding `chardetng` takes `bytes` to be in.
pub fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// `text` in the encoding a document was read from: the bytes a fixed file is written
/// as. `None` when that encoding cannot hold one of its characters (a fix brought in a
/// character the legacy encoding lacks).
pub fn encode(text: &str, encoding: Option<&'static Encoding>) -> Option<Vec<u8>> {
    match encoding {
        None => Some(text.as_bytes().to_vec()),
        Some(encoding) => {
            let (bytes, _, unmappable) = encoding.encode(text);
            (!unmappable).then(|| bytes.into_owned())
        }
    }
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
    fn names_the_line_of_invalid_utf8_and_the_encoding_it_looks_like() {
        let bytes = b"first line\nsecond \xE9t\xE9\n".to_vec();
        assert_eq!(
            decode(bytes).unwrap_err(),
            DecodeError::InvalidUtf8 {
                line: 2,
                offset: 18,
                guess: "windows-1252".to_string(),
            }
        );
        let russian = "Министр заявил, что переговоры продолжатся.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let DecodeError::InvalidUtf8 { guess, .. } = decode(bytes.to_vec()).unwrap_err() else {
            panic!("refused as not UTF-8");
        };
        assert_eq!(guess, "windows-1251");
    }

    #[test]
    fn a_named_encoding_decodes_what_is_not_utf8_and_leaves_utf8_alone() {
        let cp1251 = encoding_for_label("cp1251").expect("a WHATWG label");
        let (bytes, _, _) = cp1251.encode("Министр  сказал");
        let decoded = decode_as(bytes.to_vec(), Some(cp1251)).expect("decoded");
        assert_eq!(decoded.text, "Министр  сказал");
        assert_eq!(decoded.encoding, Some(cp1251));
        let utf8 = decode_as("Министр".as_bytes().to_vec(), Some(cp1251)).expect("UTF-8");
        assert_eq!((utf8.text.as_str(), utf8.encoding), ("Министр", None));
        assert_eq!(
            encode(&decoded.text, decoded.encoding).as_deref(),
            Some(&*bytes)
        );
        assert_eq!(encode("“quoted” 日本", decoded.encoding), None);
    }

    #[test]
    fn bytes_the_named_encoding_cannot_decode_are_named() {
        let shift_jis = encoding_for_label("shift_jis").expect("a WHATWG label");
        assert_eq!(
            decode_as(b"ok\n\x82".to_vec(), Some(shift_jis)).unwrap_err(),
            DecodeError::InvalidIn {
                encoding: "shift_jis".to_string(),
                line: 2,
                offset: 3
            }
        );
    }

    #[test]
    fn unknown_labels_and_utf16_are_refused() {
        assert!(
            encoding_for_label("cp-nonsense")
                .unwrap_err()
                .starts_with("unknown encoding `cp-nonsense`")
        );
        assert!(
            encoding_for_label("utf-16le")
                .unwrap_err()
                .contains("UTF-16")
        );
        assert!(encoding_for_label("replacement").is_err());
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
