//! CSV report reading (`--baseline`, `report summary`, `report diff`): arbitrary bytes
//! must parse or be refused with an error, never panic.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use transcheck::report::read::parse_report;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = parse_report(Path::new("fuzz.csv"), data) {
        for row in rows {
            let _ = row.cells();
        }
    }
});
