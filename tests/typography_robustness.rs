//! No input makes the typography detectors panic: deterministic pseudo-random passages
//! built from the characters they look at (quotes, apostrophes, look-alike letters,
//! combining marks, controls, mojibake pieces, digits and separators) are run through the
//! whole built-in pack, opt-in rules included, as text, Markdown and HTML.

use transcheck::document::{Decoded, Document, Format};
use transcheck::engine::Engine;
use transcheck::rules::RuleSet;

const ALPHABET: &[&str] = &[
    "a", "s", "n", "К", "о", "β", "中", " ", " ", "\n", "\n\n", "“", "”", "‘", "’", "'", "\"", "«",
    "»", "„", "‚", ",", ".", "-", "—", " – ", "…", "...", "(", ")", "1", "25", ",5", " 000", "%",
    "\u{301}", "\u{200B}", "\u{200D}", "\u{AD}", "\u{FEFF}", "\u{FFFD}", "\u{7}", "\u{85}", "â€",
    "™", "Ã", "©", "Ð", "°", "\u{A0}", "\u{202F}", "+", ":", "é", "👨", "*", "<b>", "</b>",
    "&amp;", "&#8221;", "`", "#",
];

#[test]
fn random_passages_do_not_panic() {
    let engine = Engine::new(RuleSet::load(true, &[]).expect("valid pack").into_rules());
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let length = usize::try_from(next() % 40).expect("small");
        let text: String = (0..length)
            .map(|_| ALPHABET[usize::try_from(next()).expect("64-bit") % ALPHABET.len()])
            .collect();
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let decoded = Decoded::utf8(text.clone());
            let document = Document::new("random", format, decoded);
            for finding in engine.check(&document) {
                assert!(finding.span.end <= text.len(), "{text:?}: {finding:?}");
            }
        }
    }
}
