use super::*;
use crate::document::{LineIndex, Locator, decode};

const METRO_12: &[u8] = include_bytes!("../../../tests/fixtures/xliff/metro-1.2.xlf");
const TOKYO_20: &str = include_str!("../../../tests/fixtures/xliff/tokyo-2.0.xliff");
const BROKEN: &str = include_str!("../../../tests/fixtures/xliff/broken.xlf");

/// The file as the project reads it: UTF-8, byte-order mark stripped.
fn decoded(bytes: &[u8]) -> String {
    decode(bytes.to_vec()).expect("the fixture is UTF-8").text
}

/// Where the `nth` occurrence of `needle` in a decoded text lies in the file: 1-based line
/// and column, and the file's text there.
#[track_caller]
fn locate<'f>(
    file: &'f str,
    content: &Content,
    needle: &str,
    nth: usize,
) -> (usize, usize, &'f str) {
    let at = content
        .text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", content.text))
        .0;
    let range = content.to_file(at..at + needle.len());
    let index = LineIndex::new(file);
    let position = Locator::new(file, &index).position(range.start);
    (position.line, position.column, &file[range])
}

fn target(unit: &Unit) -> &Content {
    unit.target.as_ref().expect("the unit has a target")
}

fn markup_names(content: &Content) -> Vec<&str> {
    content.markup.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn xliff_12_units_languages_and_texts() {
    let file = decoded(METRO_12);
    let xliff = read(&file).expect("valid XLIFF 1.2");
    assert_eq!(xliff.version, Version::V1);
    assert_eq!(xliff.source_language.as_deref(), Some("ru-RU"));
    assert_eq!(xliff.target_language.as_deref(), Some("en-US"));
    let ids: Vec<&str> = xliff.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    let [one, two, three, four] = &xliff.units[..] else {
        unreachable!()
    };
    assert_eq!(one.source.text, "Мэр Москвы открыл станцию.");
    assert_eq!(target(one).text, "The mayor of Moscow opened  the station.");
    assert_eq!(markup_names(target(one)), ["g", "g"]);
    assert_eq!(one.target_language.as_deref(), Some("en-US"));
    assert_eq!(two.source.text, "Стоимость — 2,5 млн\u{a0}рублей.");
    assert_eq!(
        target(two).text,
        "It cost 2.5 million\u{a0}rubles—R&D <included>."
    );
    assert_eq!(markup_names(target(two)), ["x"]);
    assert_eq!(three.source.text, "Линия «Б» & кольцо");
    assert_eq!(
        target(three).text,
        "Line B and the <ring> line,\nfirst\nline."
    );
    assert_eq!(markup_names(target(three)), ["bpt", "ept"]);
    assert_eq!(four.source.text, "Без перевода.");
    assert!(four.target.is_none());
}

#[test]
fn xliff_12_positions_point_into_the_file_through_crlf_tags_entities_and_cdata() {
    let file = decoded(METRO_12);
    let xliff = read(&file).expect("valid XLIFF 1.2");
    let units = &xliff.units;
    assert_eq!(locate(&file, target(&units[0]), "  ", 0), (8, 57, "  "));
    assert_eq!(
        locate(&file, &units[0].source, "Москвы", 0),
        (7, 31, "Москвы")
    );
    assert_eq!(
        locate(&file, target(&units[1]), "—", 0),
        (13, 48, "&#x2014;")
    );
    assert_eq!(
        locate(&file, target(&units[1]), "&D", 0),
        (13, 68, "&amp;D")
    );
    assert_eq!(
        locate(&file, target(&units[2]), "<ring>", 0),
        (17, 96, "<ring>")
    );
    assert_eq!(
        locate(&file, target(&units[2]), "first", 0),
        (18, 1, "first")
    );
    assert_eq!(
        locate(&file, target(&units[2]), "line.", 0),
        (19, 1, "line.")
    );
    // A range over a normalised line end covers the CRLF of the file.
    assert_eq!(
        locate(&file, target(&units[2]), ",\nfirst", 0).2,
        ",\r\nfirst"
    );
}

#[test]
fn a_byte_order_mark_left_in_place_is_skipped_and_counted() {
    let with_bom = String::from_utf8(METRO_12.to_vec()).expect("UTF-8");
    assert!(with_bom.starts_with('\u{feff}'));
    let xliff = read(&with_bom).expect("valid XLIFF 1.2");
    let content = target(&xliff.units[0]);
    let at = content.text.find("  ").expect("present");
    let range = content.to_file(at..at + 2);
    assert_eq!(&with_bom[range.clone()], "  ");
    assert_eq!(
        range.start,
        decoded(METRO_12).find("  the station").expect("present") + 3
    );
}

#[test]
fn xliff_20_segments_inline_codes_and_positions() {
    let file = TOKYO_20;
    let xliff = read(file).expect("valid XLIFF 2.0");
    assert_eq!(xliff.version, Version::V2);
    assert_eq!(xliff.source_language.as_deref(), Some("ja"));
    assert_eq!(xliff.target_language.as_deref(), Some("en"));
    let ids: Vec<&str> = xliff.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u1/s1", "u1/2", "u2/only"]);
    let [first, second, third] = &xliff.units[..] else {
        unreachable!()
    };
    assert_eq!(first.source.text, "東京都は12日、新たに感染者を確認した。");
    assert_eq!(
        target(first).text,
        "Tokyo confirmed new cases on the 12th, officials said."
    );
    assert_eq!(markup_names(target(first)), ["pc", "pc", "ph"]);
    assert_eq!(second.source.text, "気温は３５度。");
    assert_eq!(target(second).text, "It was 35 \"degrees\"\u{7}.");
    assert_eq!(markup_names(target(second)), ["sc", "ec"]);
    assert_eq!(third.source.text, "NHKによると");
    assert_eq!(target(third).text, "According to NHK");
    assert_eq!(locate(file, target(first), "12th", 0), (9, 61, "12th"));
    assert_eq!(
        locate(file, target(second), "\"degrees", 0),
        (14, 76, "&quot;degrees")
    );
    assert_eq!(locate(file, target(third), "NHK", 0), (20, 58, "NHK"));
    assert_eq!(locate(file, &second.source, "３５", 0), (13, 32, "３５"));
}

#[test]
fn file_pieces_rebuild_the_text_and_cover_the_inline_codes() {
    let file = decoded(METRO_12);
    let xliff = read(&file).expect("valid XLIFF 1.2");
    for unit in &xliff.units {
        for content in std::iter::once(&unit.source).chain(&unit.target) {
            let pieces = content.file_pieces();
            let rebuilt: String = pieces
                .iter()
                .map(|(range, text)| text.map_or(&file[range.clone()], |t| t))
                .collect();
            assert_eq!(rebuilt, content.text, "unit {}", unit.id);
            assert!(pieces.windows(2).all(|w| w[0].0.end <= w[1].0.start));
            assert!(
                pieces
                    .iter()
                    .all(|(r, _)| content.element.start <= r.start && r.end <= content.element.end)
            );
        }
    }
}

#[test]
fn a_malformed_file_is_an_error_naming_the_line() {
    let error = read(BROKEN).expect_err("mismatched tags");
    assert_eq!(error.line, 7, "{error}");
    assert!(
        error.to_string().starts_with("line 7: malformed XML"),
        "{error}"
    );
}

#[test]
fn unclosed_elements_wrong_roots_and_versions_are_errors() {
    let unclosed = "<xliff version=\"1.2\">\n<file>\n<body>\n";
    let error = read(unclosed).expect_err("unclosed");
    assert!(error.to_string().starts_with("line "), "{error}");
    let html = read("<html><body>Hi</body></html>").expect_err("not XLIFF");
    assert_eq!(
        html.to_string(),
        "line 1: not an XLIFF file: the root element is `<html>`, not `<xliff>`"
    );
    let version = read("\n<xliff version=\"3.0\"/>").expect_err("unknown version");
    assert_eq!(
        version.to_string(),
        "line 2: unsupported XLIFF version `3.0` (1.2 and 2.0 are read)"
    );
    let entity = read("<xliff version=\"1.2\"><file><body><trans-unit id=\"a\">\n<source>a &nbsp; b</source></trans-unit></body></file></xliff>")
        .expect_err("HTML entity");
    assert_eq!(entity.to_string(), "line 2: unknown entity `&nbsp;`");
    assert!(read("").is_err());
    let no_source = read("<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"7\"><target>x</target></trans-unit></body></file></xliff>")
        .expect_err("no source");
    assert_eq!(no_source.to_string(), "line 2: unit `7` has no `<source>`");
}

#[test]
fn empty_elements_and_ranges_map_sensibly() {
    let file = "<xliff version=\"2.0\"><file><unit id=\"e\"><segment><source/><target></target></segment></unit></file></xliff>";
    let xliff = read(file).expect("valid");
    let unit = &xliff.units[0];
    assert_eq!(unit.source.text, "");
    let target = target(unit);
    assert_eq!(target.text, "");
    let empty = target.to_file(0..0);
    assert_eq!(&file[empty.start..empty.start + 9], "</target>");
}
