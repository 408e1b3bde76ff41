//! Rule-file loading: arbitrary text as a user's rule file must load or be refused with
//! located errors; rules that load run their own examples and check a short passage.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use transcheck::document::Document;
use transcheck::engine::Engine;
use transcheck::rules::{RuleError, RuleSet, run_examples};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match RuleSet::from_text(Path::new("fuzz.toml"), text) {
        Ok(set) => {
            for rule in set.rules() {
                let _ = run_examples(rule);
            }
            let engine = Engine::new(set.into_rules());
            let document =
                Document::from_text("fuzz.txt", "He said  «yes» , then Кazakh 2,5 left.");
            let _ = engine.check(&document);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for error in errors {
                if let RuleError::Invalid { line, column, .. } = error {
                    assert!(line >= 1 && column >= 1);
                }
            }
        }
    }
});
