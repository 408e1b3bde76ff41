//! The rule-file schema: fields every rule has, and how a file is read so that each rule
//! gets the schema of its own kind with exact positions for every error.
//!
//! A file is parsed once into spanned tables. Each `[[rule]]` table is then read on its
//! own: first its `kind`, then the whole table with the strict schema of that kind
//! (`deny_unknown_fields`), so a misspelled field is an error that points at its line,
//! whatever the kind, and one bad rule does not hide the problems of the others.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use super::Severity;
use super::kinds::{AnySpec, Kind};
use crate::document::Format;

/// Text a rule must flag (`findings > 0`) or leave alone (`findings = 0`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The text to check, as a plain-text document.
    pub text: String,
    /// How many findings the rule reports on it.
    pub findings: usize,
    /// The exact flagged texts, in order, when the example pins them.
    #[serde(default)]
    pub found: Option<Vec<String>>,
    /// The exact suggestions, in order, when the example pins them.
    #[serde(default)]
    pub suggestions: Option<Vec<String>>,
    /// The source `text` translates, for the rules that compare a translation with its
    /// source (paired line by line, its language told from its script).
    #[serde(default)]
    pub source: Option<String>,
}

/// A problem in one field of a rule that the schema alone cannot catch (a bad regex, an
/// empty glossary), with the position of the field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The offending field.
    pub field: &'static str,
    /// Byte range of the value in the rule file, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl SpecError {
    /// An error about `field`, at the position of its value.
    pub fn at<T>(
        field: &'static str,
        value: &toml::Spanned<T>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field,
            span: Some(value.span()),
            message: message.into(),
        }
    }
}

pub(crate) fn enabled_by_default() -> bool {
    true
}

/// Declares the schema of one kind: the common fields plus the kind's own, all strict.
macro_rules! rule_spec {
    (
        $(#[$attr:meta])*
        pub struct Spec { $($(#[$field_attr:meta])* pub $field:ident : $ty:ty,)* }
    ) => {
        $(#[$attr])*
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Spec {
            id: toml::Spanned<String>,
            #[serde(rename = "kind")]
            _kind: serde::de::IgnoredAny,
            severity: $crate::rules::Severity,
            message: String,
            #[serde(default)]
            explain: String,
            #[serde(default)]
            examples: Vec<$crate::rules::Example>,
            #[serde(default)]
            formats: Option<Vec<$crate::document::Format>>,
            #[serde(default = "crate::rules::spec::enabled_by_default")]
            enabled: bool,
            #[serde(default)]
            fix: bool,
            #[serde(default)]
            supersedes: Vec<String>,
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl Spec {
            /// The rule's id, with its position in the file for errors.
            pub(crate) fn id(&self) -> &toml::Spanned<String> {
                &self.id
            }

            /// What the rule is: the fields every rule has, as [`RuleMeta`] declares them
            /// (the one declaration of a rule's metadata).
            ///
            /// [`RuleMeta`]: $crate::rules::RuleMeta
            pub(crate) fn meta(
                &self,
                kind: $crate::rules::Kind,
                source: $crate::rules::RuleSource,
            ) -> $crate::rules::RuleMeta {
                $crate::rules::RuleMeta {
                    id: self.id.get_ref().clone(),
                    kind,
                    severity: self.severity,
                    message: self.message.clone(),
                    explain: self.explain.clone(),
                    examples: self.examples.clone(),
                    formats: self.formats.clone(),
                    enabled: self.enabled,
                    fix: self.fix,
                    supersedes: self.supersedes.clone(),
                    source,
                }
            }
        }
    };
}
pub(crate) use rule_spec;

/// The ids rules may have: `category.name`, lowercase letters, digits and dashes.
pub(crate) static RULE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$").expect("the rule-id regex is valid")
});

/// The placeholders a rule's message may use.
const PLACEHOLDERS: [&str; 2] = ["found", "suggestion"];

/// A problem in a rule file: where, and what is wrong (naming the rule and field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileError {
    /// Byte range in the rule file.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// One `[[rule]]` table as read: its spec when the schema could be satisfied (possibly
/// only with stand-ins for bad values, so that compiling it can report more problems),
/// and every problem found.
pub(crate) struct ReadRule {
    /// The spec, when one could be built.
    pub spec: Option<AnySpec>,
    /// The problems of the table; the rule is usable only when there are none.
    pub errors: Vec<FileError>,
}

/// Reads a rule file into its rules, in order. Each `[[rule]]` table is read on its own
/// with the strict schema of its kind, and a bad value is set aside to read on, so every
/// problem of every rule is reported at once, not one per run.
pub(crate) fn parse(text: &str) -> Result<Vec<ReadRule>, FileError> {
    let document = DeTable::parse(text).map_err(|err| FileError {
        span: err.span().unwrap_or(0..0),
        message: err.message().trim().to_string(),
    })?;
    let mut rules = Vec::new();
    let mut stray = Vec::new();
    for (key, value) in document.get_ref() {
        if key.get_ref() != "rule" {
            stray.push(FileError {
                span: key.span(),
                message: format!("unknown field `{}`, expected `rule`", key.get_ref()),
            });
            continue;
        }
        let DeValue::Array(tables) = value.get_ref() else {
            stray.push(FileError {
                span: value.span(),
                message: "`rule` must be an array of tables: write each rule under `[[rule]]`"
                    .to_string(),
            });
            continue;
        };
        for table in tables.iter() {
            match table.get_ref() {
                DeValue::Table(fields) => {
                    rules.push(read_rule(&Spanned::new(table.span(), fields.clone())))
                }
                _ => stray.push(FileError {
                    span: table.span(),
                    message: "each rule must be a table: write it under `[[rule]]`".to_string(),
                }),
            }
        }
    }
    if let Some(first) = rules.first_mut() {
        first.errors.splice(0..0, stray);
    } else if !stray.is_empty() {
        rules.push(ReadRule {
            spec: None,
            errors: stray,
        });
    }
    Ok(rules)
}

/// The kind of a rule, read before the rest (other fields are ignored here).
#[derive(Deserialize)]
struct Head {
    kind: Kind,
}

/// The fields every rule has, read when the kind is unknown so that their problems are
/// reported too.
#[derive(Deserialize)]
#[expect(dead_code, reason = "read only for the errors it reports")]
struct CommonFields {
    id: String,
    severity: Severity,
    message: String,
    #[serde(default)]
    explain: String,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    formats: Option<Vec<Format>>,
    #[serde(default)]
    enabled: bool,
    #[serde(default)]
    fix: bool,
    #[serde(default)]
    supersedes: Vec<String>,
}

/// Reads one `[[rule]]` table.
fn read_rule(table: &Spanned<DeTable<'_>>) -> ReadRule {
    let fields = table.get_ref();
    let id = fields
        .get("id")
        .and_then(|value| value.get_ref().as_str())
        .map(str::to_string);
    let mut errors = Vec::new();
    let mut report = |span: Range<usize>, field: Option<&str>, message: String| {
        let rule = id
            .as_deref()
            .map_or_else(String::new, |id| format!("rule `{id}`: "));
        let field = field
            .filter(|_| {
                !message.starts_with("unknown field") && !message.starts_with("missing field")
            })
            .map_or_else(String::new, |field| format!("field `{field}`: "));
        errors.push(FileError {
            span,
            message: format!("{rule}{field}{message}"),
        });
    };
    if let Some(value) = fields.get("id")
        && let Some(id) = value.get_ref().as_str()
        && !RULE_ID.is_match(id)
    {
        report(
            value.span(),
            Some("id"),
            "expected `category.name` in lowercase letters, digits and dashes".to_string(),
        );
    }
    let head = Head::deserialize(Deserializer::from(table.clone()));
    let kind_placeholders = head
        .as_ref()
        .map_or(&[][..], |head| head.kind.placeholders());
    for (field, value) in messages(fields) {
        if let Some(unknown) = unknown_placeholder(value.get_ref(), kind_placeholders) {
            let allowed: Vec<String> = PLACEHOLDERS
                .iter()
                .chain(kind_placeholders)
                .map(|p| format!("{{{p}}}"))
                .collect();
            report(
                value.span(),
                Some(field),
                format!(
                    "unknown placeholder `{{{unknown}}}`; a message may use {}",
                    list(&allowed)
                ),
            );
        }
    }
    let spec = match head {
        Ok(Head { kind }) => read_strictly(table, |d| kind.deserialize_spec(d), &mut report),
        Err(err) => {
            let span = err.span().unwrap_or_else(|| table.span());
            report(span, Some("kind"), err.message().trim().to_string());
            read_strictly(table, CommonFields::deserialize, &mut report);
            None
        }
    };
    errors.sort_by_key(|error| error.span.start);
    ReadRule { spec, errors }
}

/// The messages of a rule table, as `(field, text)`: `message` and each entry of
/// `messages` (whose field is shown as `messages`).
fn messages<'a>(
    fields: &'a DeTable<'_>,
) -> impl Iterator<Item = (&'static str, Spanned<&'a str>)> + 'a {
    let spanned = |value: &'a Spanned<DeValue<'_>>| {
        value
            .get_ref()
            .as_str()
            .map(|text| Spanned::new(value.span(), text))
    };
    let message = fields.get("message").and_then(spanned);
    let by_reason = fields
        .get("messages")
        .and_then(|table| table.get_ref().as_table())
        .into_iter()
        .flat_map(|table| table.values())
        .filter_map(spanned);
    message
        .map(|m| ("message", m))
        .into_iter()
        .chain(by_reason.map(|m| ("messages", m)))
}

/// `items` joined with commas and a final "and".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The first `{name}` of `message` that is neither a placeholder every rule has nor one
/// of `kind` (a brace not around a name is text).
fn unknown_placeholder<'m>(message: &'m str, kind: &[&str]) -> Option<&'m str> {
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else {
            break;
        };
        let name = &rest[..close];
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if is_name && !PLACEHOLDERS.contains(&name) && !kind.contains(&name) {
            return Some(name);
        }
    }
    None
}

/// Reads `table` with `read` (a strict schema). At each error the offending field is
/// reported and set aside — replaced by a stand-in when the schema requires it and one
/// exists, else removed — and the table read again, so that one run reports every bad
/// field. Returns what was read once nothing was left to set aside.
fn read_strictly<'i, T>(
    table: &Spanned<DeTable<'i>>,
    read: impl Fn(Deserializer<'i>) -> Result<T, toml::de::Error>,
    report: &mut impl FnMut(Range<usize>, Option<&str>, String),
) -> Option<T> {
    let mut table = table.clone();
    let mut removed: Vec<String> = Vec::new();
    for _ in 0..=table.get_ref().len() {
        let err = match read(Deserializer::from(table.clone())) {
            Ok(value) => return Some(value),
            Err(err) => err,
        };
        let message = err.message().trim().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        if missing.is_some_and(|field| removed.iter().any(|r| r == field)) {
            // A consequence of a field already reported.
            return None;
        }
        let span = err.span().unwrap_or_else(|| table.span());
        let key = table
            .get_ref()
            .iter()
            .find(|(key, value)| key.span() == span || value.span().contains(&span.start))
            .map(|(key, _)| key.get_ref().to_string());
        report(span.clone(), key.as_deref(), message);
        let key = key?;
        let entries = table.get_mut();
        match stand_in(&key) {
            Some(value) => {
                if let Some(entry) = entries.get_mut(key.as_str()) {
                    *entry = Spanned::new(entry.span(), value);
                }
            }
            None => {
                entries.remove(key.as_str());
                removed.push(key);
            }
        }
    }
    None
}

/// A valid value for a required common field, put in place of a bad one so that the
/// rest of the rule is read and compiled for more problems.
fn stand_in(field: &str) -> Option<DeValue<'static>> {
    let text = match field {
        "id" => "invalid.id",
        "severity" => "info",
        "message" => "",
        _ => return None,
    };
    Some(DeValue::String(Cow::Borrowed(text)))
}
