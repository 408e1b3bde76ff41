//! HTML: prose is the text content of elements, with entities decoded. Tags, attributes,
//! comments, `script`, `style` and code-like elements (`pre`, `code`, …) are not prose.
//! Block-level tags end a block, so quotes are paired per paragraph as in text.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::prose::{Prose, ProseBuilder};

/// Elements whose content is never prose; skipped up to their closing tag.
const HIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "pre", "code", "kbd", "samp", "textarea", "noscript", "template", "svg",
    "math",
];

/// Elements that start or end a block of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// The prose of an HTML document.
pub fn prose(source: &str) -> Prose {
    let bytes = source.as_bytes();
    let mut builder = ProseBuilder::new(source);
    let mut block = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'<' {
            let end = memchr_from(bytes, b'<', at + 1);
            push_text(&mut builder, source, at..end, block);
            at = end;
            continue;
        }
        let rest = &source[at..];
        if rest.starts_with("<!--") {
            at = skip_past(source, at + 4, "-->");
        } else if rest.starts_with("<![CDATA[") {
            at = skip_past(source, at + 9, "]]>");
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            at = skip_past(source, at + 2, ">");
        } else if let Some(tag) = Tag::parse(source, at) {
            block += usize::from(BLOCK_ELEMENTS.contains(&tag.name.as_str()));
            at = tag.end;
            if !tag.closing && !tag.self_closing && HIDDEN_ELEMENTS.contains(&tag.name.as_str()) {
                at = skip_element(source, at, &tag.name);
                block += usize::from(BLOCK_ELEMENTS.contains(&tag.name.as_str()));
            }
        } else {
            let end = memchr_from(bytes, b'<', at + 1);
            push_text(&mut builder, source, at..end, block);
            at = end;
        }
    }
    builder.finish()
}

/// A start or end tag.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    end: usize,
}

impl Tag {
    /// Parses the tag at `at` (which holds `<`), or `None` when the `<` is just text.
    fn parse(source: &str, at: usize) -> Option<Self> {
        let bytes = source.as_bytes();
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        if !bytes.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let name_end = (name_start..bytes.len())
            .find(|&i| !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':'))
            .unwrap_or(bytes.len());
        let mut quote = None;
        let mut end = bytes.len();
        for (i, &b) in bytes.iter().enumerate().skip(name_end) {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        Some(Self {
            name: source[name_start..name_end].to_ascii_lowercase(),
            closing,
            self_closing: end >= 2 && bytes[end - 2] == b'/',
            end,
        })
    }
}

/// Skips the content of a hidden element up to and past its closing tag: the first `</`
/// followed by `name` in any case. Only the element's own content is scanned, so a page
/// is read in time linear in its size however many such elements it holds.
fn skip_element(source: &str, from: usize, name: &str) -> usize {
    let bytes = source.as_bytes();
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"</") {
        let name_start = at + found + 2;
        let name_end = name_start + name.len();
        if bytes
            .get(name_start..name_end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        {
            return skip_past(source, name_end, ">");
        }
        at = name_start;
    }
    source.len()
}

fn skip_past(source: &str, from: usize, marker: &str) -> usize {
    source
        .get(from..)
        .and_then(|rest| rest.find(marker))
        .map_or(source.len(), |found| from + found + marker.len())
}

fn memchr_from(bytes: &[u8], needle: u8, from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == needle))
        .map_or(bytes.len(), |found| from + found)
}

/// Adds a run of text, decoding the character references in it.
fn push_text(
    builder: &mut ProseBuilder<'_>,
    source: &str,
    range: std::ops::Range<usize>,
    block: usize,
) {
    let mut plain_start = range.start;
    let mut at = range.start;
    while let Some(found) = source[at..range.end].find('&') {
        let amp = at + found;
        match decode_reference(&source[amp..range.end]) {
            Some((length, decoded)) => {
                builder.push(plain_start..amp, None, block);
                builder.push(amp..amp + length, Some(&decoded), block);
                plain_start = amp + length;
                at = plain_start;
            }
            None => at = amp + 1,
        }
    }
    builder.push(plain_start..range.end, None, block);
}

/// Decodes the character reference at the start of `text` (`&amp;`, `&#8217;`, `&#x2019;`):
/// its length in bytes and the text it stands for.
fn decode_reference(text: &str) -> Option<(usize, String)> {
    let window = &text.as_bytes()[..text.len().min(34)];
    let semicolon = window.iter().skip(1).position(|&b| b == b';')? + 1;
    let body = &text[1..semicolon];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER)
            .to_string()
    } else {
        named_references().get(&text[..=semicolon])?.to_string()
    };
    Some((semicolon + 1, decoded))
}

fn named_references() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .filter(|entity| entity.entity.ends_with(';'))
            .map(|entity| (entity.entity, entity.characters))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_texts(source: &str) -> Vec<String> {
        let prose = prose(source);
        let checked = prose.checked.as_deref().unwrap_or(source);
        prose
            .segments
            .iter()
            .map(|s| checked[s.range.clone()].to_string())
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    #[test]
    fn only_text_content_is_prose() {
        let source = r#"<html><head><title>T</title><style>p { a:  b }</style></head>
<body><p class="x  y">Hello <b>bold</b> world</p><script>var a  = 1;</script>
<!-- hidden  comment --><pre>code  block</pre><p>Second</p></body></html>"#;
        assert_eq!(
            prose_texts(source),
            ["T", "Hello ", "bold", " world", "Second"]
        );
    }

    #[test]
    fn entities_are_decoded_and_positions_point_into_the_source() {
        let source = "<p>Tom&rsquo;s &#8220;car&#x201D; &amp;  more &bogus; a < b</p>";
        let prose = prose(source);
        let checked = prose.checked.as_deref().expect("entities were decoded");
        assert!(
            checked.contains("Tom’s “car” &  more &bogus; a < b"),
            "{checked}"
        );
        let at = checked.find("  ").expect("present");
        let mapped = prose.map.to_source(at..at + 2);
        assert_eq!(&source[mapped], "  ");
        let quote = checked.find('“').expect("present");
        assert_eq!(
            &source[prose.map.to_source(quote..quote + '“'.len_utf8())],
            "&#8220;"
        );
    }

    #[test]
    fn block_elements_separate_blocks() {
        let prose = prose("<p>One</p><p>Two</p>");
        assert_eq!(prose.segments.len(), 2);
        assert_ne!(prose.segments[0].block, prose.segments[1].block);
    }

    #[test]
    fn inline_code_does_not_end_the_paragraph() {
        let prose =
            prose("<p>The &lsquo;<code>NULL</code>&rsquo; value</p><pre>x</pre><p>Next</p>");
        let blocks: Vec<usize> = prose.segments.iter().map(|s| s.block).collect();
        assert_eq!(blocks[0], blocks[1], "{blocks:?}");
        assert_ne!(blocks[1], blocks[2], "{blocks:?}");
    }

    #[test]
    fn hidden_elements_end_at_their_closing_tag_in_any_case() {
        let source = "<p>One <CODE>a  b</Code > two <pre>x</pr</PRE>three <code>never closed";
        assert_eq!(prose_texts(source), ["One ", " two ", "three "]);
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for source in [
            "<",
            "<p",
            "<!--",
            "&",
            "&#",
            "&#x;",
            "&#99999999999;",
            "<script>x",
            "<p a='",
        ] {
            let _ = prose(source);
        }
    }
}
