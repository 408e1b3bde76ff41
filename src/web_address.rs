//! Whether a run of non-Latin letters is part of a web or e-mail address, which a check
//! for untranslated text must leave alone: `https://премияарсеньева.рф/` is the address
//! as registered, not a word the translation forgot.

use std::ops::Range;

/// Top-level domains written in Cyrillic, Chinese or Japanese characters (from the IANA
/// root zone): a run ending in one of them after a full stop is an address.
const NON_LATIN_DOMAINS: &[&str] = &[
    "рф",
    "рус",
    "укр",
    "бел",
    "срб",
    "мкд",
    "мон",
    "қаз",
    "бг",
    "ею",
    "москва",
    "онлайн",
    "сайт",
    "орг",
    "ком",
    "дети",
    "中国",
    "中國",
    "公司",
    "网络",
    "網絡",
    "香港",
    "台灣",
    "台湾",
    "新加坡",
    "みんな",
    "コム",
];

/// Whether `run` of `text` is (part of) a web or e-mail address: after `://`, `www.` or
/// `@`, before `@`, a dotted name ending in a non-Latin top-level domain, or a name
/// followed by a Latin one (`日本語.jp`). A run holding a space is never one.
pub fn is_web_address(text: &str, run: &Range<usize>) -> bool {
    let before = &text[..run.start];
    let after = &text[run.end..];
    if before.ends_with("://") || before.ends_with("www.") || before.ends_with('@') {
        return true;
    }
    let inside = &text[run.clone()];
    if inside.contains(char::is_whitespace) {
        return false;
    }
    if after.starts_with('@') {
        return true;
    }
    if let Some((name, domain)) = inside.rsplit_once('.') {
        return !name.is_empty() && NON_LATIN_DOMAINS.contains(&domain);
    }
    after.strip_prefix('.').is_some_and(|rest| {
        let label = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        (2..=6).contains(&label)
            && rest[label..]
                .chars()
                .next()
                .is_none_or(|c| c == '/' || c.is_whitespace() || c.is_ascii_punctuation())
    })
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    fn check(text: &str, run: &str) -> bool {
        let start = text.find(run).expect("the run is in the text");
        is_web_address(text, &(start..start + run.len()))
    }

    #[test]
    fn addresses_in_another_script_are_recognised() {
        assert!(check(
            "see https://премияарсеньева.рф/ now",
            "премияарсеньева.рф"
        ));
        assert!(check("see премияарсеньева.рф, now", "премияарсеньева.рф"));
        assert!(check("mail почта@пример.рф today", "почта"));
        assert!(check("mail почта@пример.рф today", "пример.рф"));
        assert!(check("at 日本語.jp and more", "日本語"));
    }

    #[test]
    fn words_before_a_full_stop_are_not_addresses() {
        assert!(!check("called Минфин. Then", "Минфин"));
        assert!(!check("called Минфин.The end", "Минфин"));
        assert!(!check("called Минфин Москва.рф", "Минфин Москва.рф"));
        assert!(!check("the paper Известия said", "Известия"));
    }
}
