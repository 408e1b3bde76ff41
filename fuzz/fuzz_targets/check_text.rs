//! A full check of arbitrary text with every rule of the built-in pack (opt-in ones too,
//! so every detector kind runs), as .txt, .md or .html: no panic, every finding inside the
//! document with `found` equal to the text it points at, and the safe fixes apply.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use transcheck::document::{Decoded, Document, Format};
use transcheck::engine::Engine;
use transcheck::fix;
use transcheck::rules::RuleSet;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let rules = RuleSet::load(true, &[]).expect("the built-in pack is valid");
    Engine::new(rules.into_rules())
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let format = match selector % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let decoded = Decoded {
        text: text.to_string(),
        bom: false,
    };
    let document = Document::new("fuzz", format, decoded);
    let findings = ENGINE.check(&document);
    for finding in &findings {
        assert_eq!(
            document.source().get(finding.span.clone()),
            Some(finding.found.as_str()),
            "{finding:?}"
        );
        assert!(finding.line >= 1 && finding.column >= 1, "{finding:?}");
        assert!(
            (finding.line, finding.column) <= (finding.end_line, finding.end_column),
            "{finding:?}"
        );
    }
    if let Some(fixed) = fix::apply(document.source(), &findings) {
        assert!(fixed.applied > 0);
    }
});
