//! Markdown: prose is the text of paragraphs, headings, list items, tables and quotes.
//! Fenced and indented code, inline code, link targets, autolinks, raw HTML (comments
//! included) and front matter are not prose.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::prose::{Prose, ProseBuilder};

/// The prose of a Markdown document.
pub fn prose(source: &str) -> Prose {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut builder = ProseBuilder::new(source);
    let mut block = 0;
    let mut hidden = 0usize;
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                block += usize::from(starts_block(&tag));
                let hides = match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => true,
                    Tag::Link { link_type, .. } => {
                        let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        links.push(autolink);
                        autolink
                    }
                    _ => false,
                };
                hidden += usize::from(hides);
            }
            Event::End(tag) => {
                block += usize::from(starts_block_end(tag));
                let hid = match tag {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => true,
                    TagEnd::Link => links.pop().unwrap_or(false),
                    _ => false,
                };
                hidden -= usize::from(hid);
            }
            Event::Text(text) if hidden == 0 => builder.push(range, Some(&text), block),
            Event::SoftBreak if hidden == 0 => builder.push(range, None, block),
            _ => {}
        }
    }
    builder.finish()
}

fn starts_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn starts_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
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
            .collect()
    }

    #[test]
    fn code_html_comments_links_and_front_matter_are_not_prose() {
        let source = "---\ntitle: A  B\n---\n\nSome `code  here` and [a link](http://x.y/a_b \"a  tooltip\").\n\n```\nfenced  code\n```\n\n    indented  code\n\n<!-- a  comment -->\n\nSee <https://example.com>.\n";
        let texts = prose_texts(source).join("|");
        assert!(!texts.contains("code  here"), "{texts}");
        assert!(!texts.contains("http"), "{texts}");
        assert!(!texts.contains("tooltip"), "{texts}");
        assert!(!texts.contains("fenced"), "{texts}");
        assert!(!texts.contains("indented"), "{texts}");
        assert!(!texts.contains("comment"), "{texts}");
        assert!(!texts.contains("title"), "{texts}");
        assert!(texts.contains("a link"), "{texts}");
    }

    #[test]
    fn lines_of_a_paragraph_form_one_segment() {
        assert_eq!(
            prose_texts("One line\nand the next.\n"),
            ["One line\nand the next."]
        );
    }

    #[test]
    fn entities_are_decoded_and_map_back() {
        let source = "Fish &amp;  chips\n";
        let prose = prose(source);
        let checked = prose.checked.as_deref().expect("an entity was decoded");
        let at = checked.find("  ").expect("present");
        assert_eq!(&source[prose.map.to_source(at..at + 2)], "  ");
    }
}
