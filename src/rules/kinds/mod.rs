//! The closed set of rule kinds. Each kind is one module with a `Spec` (its rule-file
//! schema, declared with `rule_spec!`) and a `compile` function that turns a spec into a
//! [`Check`]. Adding a kind is adding its module (a plain `mod` line, so rustfmt reaches
//! it) and one line to the `kinds!` list below, which builds the registry and declares no
//! module.

use serde::{Deserialize, Deserializer};

pub mod capitals;
pub mod consistency;
pub mod names;
pub mod pattern;
pub mod quotes;
pub mod repetition;
pub mod script;
pub mod source;
pub mod terms;
pub mod unicode;

use super::Check;
use super::spec::SpecError;
use super::{RuleMeta, RuleSource};

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident => $module:ident,)*) => {
        /// The kind of a rule: which code implements it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// The name used for `kind = "…"` in rule files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => stringify!($module),)*
                }
            }

            /// Reads a rule table with the schema of this kind.
            pub(crate) fn deserialize_spec<'de, D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<AnySpec, D::Error> {
                match self {
                    $(Self::$variant => $module::Spec::deserialize(deserializer).map(AnySpec::$variant),)*
                }
            }
        }

        /// A rule as read from its file, before compilation.
        pub(crate) enum AnySpec {
            $($variant($module::Spec),)*
        }

        impl AnySpec {
            /// The kind of the rule.
            pub(crate) fn kind(&self) -> Kind {
                match self {
                    $(Self::$variant(_) => Kind::$variant,)*
                }
            }

            /// The rule's id, with its position in the file.
            pub(crate) fn id(&self) -> &toml::Spanned<String> {
                match self {
                    $(Self::$variant(spec) => spec.id(),)*
                }
            }

            /// What the rule is, defined in `source`.
            pub(crate) fn meta(&self, source: RuleSource) -> RuleMeta {
                match self {
                    $(Self::$variant(spec) => spec.meta(Kind::$variant, source),)*
                }
            }

            /// Compiles the rule (regexes, automata) once for the whole run.
            pub(crate) fn compile(self) -> Result<Box<dyn Check>, SpecError> {
                match self {
                    $(Self::$variant(spec) => $module::compile(spec),)*
                }
            }
        }
    };
}

kinds! {
    /// A regular expression, with exceptions that veto a match.
    Pattern => pattern,
    /// A glossary of wrong → right words.
    Terms => terms,
    /// Groups of alternatives that must not be mixed in one document.
    Consistency => consistency,
    /// A word written twice in a row.
    Repetition => repetition,
    /// Quotation marks paired per paragraph.
    Quotes => quotes,
    /// Letters of the wrong writing system.
    Script => script,
    /// Encoding damage, invisible characters, text not in NFC.
    Unicode => unicode,
    /// Spellings of one name that differ (a case ending, a transliteration, diacritics).
    Names => names,
    /// The translation against its source: numbers, verbatim tokens, untranslated text.
    Source => source,
    /// One name or title written with different capitals.
    Capitals => capitals,
}

impl Kind {
    /// The placeholders of the kind's own that a message of its rules may use, besides
    /// `{found}` and `{suggestion}`: the specifics only the kind's code knows (a script's
    /// name, counts), which it fills into the message its rule file gives.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Self::Pattern | Self::Terms | Self::Repetition => &[],
            Self::Consistency => consistency::PLACEHOLDERS,
            Self::Quotes => quotes::PLACEHOLDERS,
            Self::Script => script::PLACEHOLDERS,
            Self::Unicode => unicode::PLACEHOLDERS,
            Self::Names => names::PLACEHOLDERS,
            Self::Source => source::PLACEHOLDERS,
            Self::Capitals => capitals::PLACEHOLDERS,
        }
    }
}
