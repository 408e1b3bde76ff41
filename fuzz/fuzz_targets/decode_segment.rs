//! Decoding and segmentation: arbitrary bytes, read as a .txt, .md or .html file (the
//! first byte picks the format), must decode or be refused, and every prose segment and
//! token must lie inside the checked text on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use transcheck::document::{Document, Format, decode};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let Ok(decoded) = decode(bytes.to_vec()) else {
        return;
    };
    let document = Document::new("fuzz", format, decoded);
    let text = document.text();
    let mut previous_end = 0;
    for segment in document.segments() {
        assert!(segment.range.start >= previous_end, "segments overlap");
        assert!(
            text.get(segment.range.clone()).is_some(),
            "segment off text"
        );
        previous_end = segment.range.end;
        let source = document.to_source(segment.range.clone());
        assert!(
            document.source().get(source).is_some(),
            "segment off source"
        );
        let _ = document.block_bounds(segment.range.start);
    }
    for token in document.tokens() {
        assert!(text.get(token.range()).is_some(), "token off text");
    }
});
