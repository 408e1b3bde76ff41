//! `script`: letters of the wrong writing system. With `check = "mixed-word"` it flags a
//! word that mixes the target script with look-alike letters of another (`Кazakhstan` with
//! a Cyrillic `К`), suggesting the word in the target script when every intruder has a
//! look-alike there; a mix with any look-alike letter (`Москвa`) is flagged without one. With `check = "foreign-run"` it flags runs of words written wholly in a
//! script that is neither the target nor allowed (an untranslated `(Минфин)`). Letters with
//! diacritics (`Zürich`, `Kraków`) belong to their base script; digits and punctuation
//! belong to none.

use serde::Deserialize;
use unicode_script::{Script, UnicodeScript};

use crate::document::{Document, TokenKind};
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit};
use crate::web_address::is_web_address;

/// Which problem a `script` rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScriptCheck {
    /// A word mixing the target script with look-alike letters of another.
    MixedWord,
    /// Words written wholly in a script that is not allowed.
    ForeignRun,
}

/// The placeholders of a `script` rule's message: the script of the look-alike `{letters}`
/// and of the `{word}` they stand in (`mixed-word`), the `{script}` of a run
/// (`foreign-run`).
pub const PLACEHOLDERS: &[&str] = &["letters", "word", "script"];

rule_spec! {
    /// The rule-file fields of a `script` rule.
    pub struct Spec {
        /// Which problem the rule reports.
        pub check: ScriptCheck,
        /// The script of the text (Unicode script name).
        #[serde(default = "default_target")]
        pub target: toml::Spanned<String>,
        /// Other scripts that may appear (`foreign-run` leaves them alone).
        #[serde(default = "no_scripts")]
        pub allowed: toml::Spanned<Vec<String>>,
        /// Scripts whose letters are checked for look-alikes inside target-script words.
        #[serde(default = "default_lookalikes")]
        pub lookalikes: toml::Spanned<Vec<String>>,
        /// The fewest letters a run of a symbol script needs to be reported (a lone `π`
        /// is a symbol).
        #[serde(default = "default_min_letters")]
        pub min_letters: usize,
        /// Scripts whose lone letters English uses as symbols (`π`, `β-blockers`): their
        /// runs need `min_letters`; one letter of any other script is reported.
        #[serde(default = "default_symbol_scripts")]
        pub symbol_scripts: toml::Spanned<Vec<String>>,
    }
}

fn default_target() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "Latin".to_string())
}

fn no_scripts() -> toml::Spanned<Vec<String>> {
    toml::Spanned::new(0..0, Vec::new())
}

fn default_lookalikes() -> toml::Spanned<Vec<String>> {
    toml::Spanned::new(0..0, vec!["Cyrillic".to_string(), "Greek".to_string()])
}

fn default_min_letters() -> usize {
    2
}

fn default_symbol_scripts() -> toml::Spanned<Vec<String>> {
    toml::Spanned::new(0..0, vec!["Greek".to_string()])
}

fn parse_scripts(
    field: &'static str,
    names: &toml::Spanned<Vec<String>>,
) -> Result<Vec<Script>, SpecError> {
    names
        .get_ref()
        .iter()
        .map(|name| {
            Script::from_full_name(name).ok_or_else(|| {
                SpecError::at(
                    field,
                    names,
                    format!(
                        "unknown script `{name}` (use Unicode names: Latin, Cyrillic, Greek, Han…)"
                    ),
                )
            })
        })
        .collect()
}

/// Compiles a `script` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let target = Script::from_full_name(spec.target.get_ref()).ok_or_else(|| {
        SpecError::at(
            "target",
            &spec.target,
            format!("unknown script `{}`", spec.target.get_ref()),
        )
    })?;
    Ok(Box::new(ScriptRule {
        check: spec.check,
        target,
        allowed: parse_scripts("allowed", &spec.allowed)?,
        lookalikes: parse_scripts("lookalikes", &spec.lookalikes)?,
        min_letters: spec.min_letters.max(1),
        symbol_scripts: parse_scripts("symbol_scripts", &spec.symbol_scripts)?,
    }))
}

struct ScriptRule {
    check: ScriptCheck,
    target: Script,
    allowed: Vec<Script>,
    lookalikes: Vec<Script>,
    min_letters: usize,
    symbol_scripts: Vec<Script>,
}

/// Scripts no Latin word mixes in as look-alikes or symbols: a character of one of them
/// glued to an English word (`暮Lifestyle`) is text the translation left behind.
fn is_ideographic(script: Script) -> bool {
    matches!(
        script,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
    )
}

/// The script of a letter; `None` for characters shared by all scripts.
fn script_of(c: char) -> Option<Script> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

impl Check for ScriptRule {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        match self.check {
            ScriptCheck::MixedWord => self.mixed_words(document, hits),
            ScriptCheck::ForeignRun => self.foreign_runs(document, hits),
        }
    }
}

impl ScriptRule {
    fn mixed_words(&self, document: &Document, hits: &mut Vec<Hit>) {
        let tokens = document.tokens();
        for token in document.non_ascii_tokens().map(|index| &tokens[index]) {
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = document.token_text(token);
            let ends = word
                .char_indices()
                .chain(std::iter::once((word.len(), '-')));
            let mut part_start = 0;
            for (at, c) in ends {
                if matches!(c, '-' | '‐') {
                    let part = &word[part_start..at];
                    hits.extend(self.mixed_part(part, token.range().start + part_start));
                    part_start = at + c.len_utf8();
                }
            }
        }
    }

    fn mixed_part(&self, part: &str, start: usize) -> Option<Hit> {
        let mut target = false;
        let mut intruder = None;
        for script in part.chars().filter_map(script_of) {
            if script == self.target {
                target = true;
            } else if self.lookalikes.contains(&script) {
                intruder = Some(script);
            } else {
                return None;
            }
        }
        let intruder = intruder.filter(|_| target)?;
        let span = start..start + part.len();
        if self.target == Script::Latin {
            let latin: Option<String> = part
                .chars()
                .map(|c| match script_of(c) {
                    Some(s) if s == intruder => latin_lookalike(c),
                    _ => Some(c),
                })
                .collect();
            if let Some(latin) = latin {
                return Some(Hit::new(span, Some(latin)).with_values(vec![
                    ("letters", intruder.full_name().to_string()),
                    ("word", self.target.full_name().to_string()),
                ]));
            }
            let any_lookalike = part
                .chars()
                .any(|c| script_of(c) == Some(intruder) && latin_lookalike(c).is_some());
            if !any_lookalike {
                return None;
            }
        }
        Some(Hit::new(span, None).with_values(vec![
            ("letters", self.target.full_name().to_string()),
            ("word", intruder.full_name().to_string()),
        ]))
    }

    fn is_foreign(&self, script: Script) -> bool {
        script != self.target && !self.allowed.contains(&script)
    }

    fn foreign_runs(&self, document: &Document, hits: &mut Vec<Hit>) {
        let mut run: Option<(usize, usize, Script, usize)> = None;
        let mut segment = usize::MAX;
        let text = document.text();
        let flush = |run: &mut Option<(usize, usize, Script, usize)>, hits: &mut Vec<Hit>| {
            if let Some((start, end, script, letters)) = run.take()
                && (letters >= self.min_letters || !self.symbol_scripts.contains(&script))
                && !is_web_address(text, &(start..end))
            {
                hits.push(
                    Hit::new(start..end, None)
                        .with_values(vec![("script", script.full_name().to_string())]),
                );
            }
        };
        let tokens = document.tokens();
        // In Latin text only words with letters outside ASCII can be foreign: the walk
        // visits those, and between two of them looks for an ASCII word ending the run.
        let visited: Box<dyn Iterator<Item = usize>> = if self.target == Script::Latin {
            Box::new(document.non_ascii_tokens())
        } else {
            Box::new(0..tokens.len())
        };
        let mut previous: Option<usize> = None;
        for index in visited {
            let token = &tokens[index];
            if let Some(previous) = previous.replace(index)
                && run.is_some()
                && tokens[previous + 1..index]
                    .iter()
                    .any(|t| t.kind == TokenKind::Word)
            {
                flush(&mut run, hits);
            }
            if token.segment() != segment {
                flush(&mut run, hits);
                segment = token.segment();
            }
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = document.token_text(token);
            if self.target == Script::Latin && word.is_ascii() {
                flush(&mut run, hits);
                continue;
            }
            let mut scripts = word.chars().filter_map(script_of);
            let Some(first) = scripts.next() else {
                continue;
            };
            let foreign = self.is_foreign(first) && scripts.all(|s| self.is_foreign(s));
            if !foreign {
                flush(&mut run, hits);
                self.glued_runs(word, token.range().start, hits);
                continue;
            }
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            match &mut run {
                Some((_, end, _, count)) => {
                    *end = token.range().end;
                    *count += letters;
                }
                None => run = Some((token.range().start, token.range().end, first, letters)),
            }
        }
        flush(&mut run, hits);
    }

    /// Reports the characters of an ideographic or syllabic script inside a word that is
    /// partly in the target script (`暮Lifestyle`); look-alike mixes are `mixed-word`'s.
    fn glued_runs(&self, word: &str, start: usize, hits: &mut Vec<Hit>) {
        let mut run: Option<(usize, usize, Script)> = None;
        let mut report = |(from, to, script): (usize, usize, Script)| {
            hits.push(
                Hit::new(start + from..start + to, None)
                    .with_values(vec![("script", script.full_name().to_string())]),
            );
        };
        for (at, c) in word.char_indices() {
            let glued = script_of(c)
                .filter(|&script| is_ideographic(script) && self.is_foreign(script))
                // The long-vowel mark has no script: it belongs to the kana it lengthens.
                .or_else(|| run.filter(|_| c == 'ー').map(|(_, _, script)| script));
            match (glued, &mut run) {
                (Some(_), Some((_, end, _))) => *end = at + c.len_utf8(),
                (Some(script), None) => run = Some((at, at + c.len_utf8(), script)),
                (None, _) => run.take().into_iter().for_each(&mut report),
            }
        }
        run.into_iter().for_each(report);
    }
}

/// Cyrillic and Greek letters that look like Latin ones, with the Latin letter.
const LOOKALIKES: &[(char, char)] = &[
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('У', 'Y'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('ԁ', 'd'),
    ('һ', 'h'),
    ('ӏ', 'l'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('ο', 'o'),
    ('ν', 'v'),
];

/// The Latin letter that `c` looks like, if any.
fn latin_lookalike(c: char) -> Option<char> {
    LOOKALIKES
        .iter()
        .find(|&&(foreign, _)| foreign == c)
        .map(|&(_, latin)| latin)
}
