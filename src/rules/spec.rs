//! The rule-file schema: fields every rule has, and how a file is read so that each rule
//! gets the schema of its own kind with exact positions for every error.
//!
//! A file is read in two passes. The first reads only each rule's `kind`; the second reads
//! each `[[rule]]` table with the strict schema of that kind (`deny_unknown_fields`), so a
//! misspelled field is an error that points at its line, whatever the kind.

use std::ops::Range;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

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
}

/// The fields every rule has, whatever its kind.
#[derive(Debug, Clone)]
pub struct Common {
    /// `category.name`, with its position for duplicate-id errors.
    pub id: toml::Spanned<String>,
    /// Default severity.
    pub severity: Severity,
    /// One-line message.
    pub message: String,
    /// Longer explanation.
    pub explain: String,
    /// Examples run by `rules test` and the test suite.
    pub examples: Vec<Example>,
    /// Formats the rule applies to.
    pub formats: Option<Vec<Format>>,
    /// Whether the rule runs unless deselected.
    pub enabled: bool,
    /// Whether its suggestions are safe to apply automatically.
    pub fix: bool,
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
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl Spec {
            /// The fields every rule has.
            pub(crate) fn common(&self) -> $crate::rules::spec::Common {
                $crate::rules::spec::Common {
                    id: self.id.clone(),
                    severity: self.severity,
                    message: self.message.clone(),
                    explain: self.explain.clone(),
                    examples: self.examples.clone(),
                    formats: self.formats.clone(),
                    enabled: self.enabled,
                    fix: self.fix,
                }
            }
        }
    };
}
pub(crate) use rule_spec;

/// Pass one: the kind of every rule, and no unknown top-level keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Heads {
    #[serde(default)]
    rule: Vec<Head>,
}

#[derive(Deserialize)]
struct Head {
    kind: Kind,
}

/// Reads a rule file into the specs of its rules, in order.
pub(crate) fn parse(text: &str) -> Result<Vec<AnySpec>, toml::de::Error> {
    let heads: Heads = toml::from_str(text)?;
    let kinds: Vec<Kind> = heads.rule.iter().map(|head| head.kind).collect();
    FileSeed(&kinds).deserialize(toml::Deserializer::parse(text)?)
}

/// Pass two: reads `rule` with each element's own schema.
struct FileSeed<'a>(&'a [Kind]);

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = Vec<AnySpec>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = Vec<AnySpec>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a rule file of [[rule]] tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut rules = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "rule" {
                rules = map.next_value_seed(RulesSeed(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(rules)
    }
}

struct RulesSeed<'a>(&'a [Kind]);

impl<'de> DeserializeSeed<'de> for RulesSeed<'_> {
    type Value = Vec<AnySpec>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RulesSeed<'_> {
    type Value = Vec<AnySpec>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of rule tables")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut specs = Vec::with_capacity(self.0.len());
        for &kind in self.0 {
            match seq.next_element_seed(KindSeed(kind))? {
                Some(spec) => specs.push(spec),
                None => break,
            }
        }
        Ok(specs)
    }
}

struct KindSeed(Kind);

impl<'de> DeserializeSeed<'de> for KindSeed {
    type Value = AnySpec;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize_spec(deserializer)
    }
}
