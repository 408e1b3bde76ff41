//! Reading inputs: the bytes of a file or of standard input, decoded (UTF-8, or the
//! legacy encoding the user named) into a [`Document`] in the format its name says. The
//! one place a check run reads what it checks; the engine never does.

use std::io::{self, Read};

use crate::document::{Document, Format, decode_as};
use crate::inputs::Input;

/// Reads the inputs of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reader {
    /// The encoding of inputs that are not UTF-8, when the user named one.
    encoding: Option<&'static encoding_rs::Encoding>,
}

impl Reader {
    /// A reader that decodes inputs that are not UTF-8 as `encoding` (`--encoding`);
    /// without one they are refused, with the encoding they look like named.
    pub fn new(encoding: Option<&'static encoding_rs::Encoding>) -> Self {
        Self { encoding }
    }

    /// Reads and decodes one input; the error says why, in words for the user.
    pub fn read(&self, input: &Input) -> Result<Document, String> {
        let bytes = match input {
            Input::Stdin { .. } => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
            }
            Input::File { path, .. } => std::fs::read(path),
        };
        let bytes = bytes.map_err(|err| format!("cannot read: {err}"))?;
        let format = Format::from_path(input.format_path());
        let decoded = decode_as(bytes, self.encoding).map_err(|err| err.to_string())?;
        Ok(Document::new(input.display(), format, decoded))
    }
}
