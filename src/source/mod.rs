//! Source-aware checking: the leaf pieces that compare a translation with its source.
//!
//! Each module is a pure function over text (no I/O, no engine); the `source` rule kind
//! (`crate::rules::kinds::source`) wires numbers, verbatim and untranslated into rules. Spans are byte ranges into the text each function was given, so a caller maps
//! them to its own file as it maps any other span.
//!
//! - [`xliff`] reads the units of an XLIFF 1.2 or 2.0 file: source and target text with
//!   inline tags taken out and entities decoded, and a map from every position of that
//!   text back to the XLIFF file itself (the document model makes the targets the prose
//!   of an XLIFF input, `crate::document`'s `Format::Xliff`).
//! - [`align`] pairs the paragraphs of a plain-text source and its translation, or says
//!   that their counts differ (never a silent wrong pairing).
//! - [`language`] tells the source language from its script, unless it is given.
//! - [`numbers`] extracts the numbers of a source paragraph (Russian, Japanese) and of an
//!   English paragraph as comparable values, and lists those missing on either side.
//! - [`verbatim`] lists what must reach the target unchanged: Latin-script words of a
//!   non-Latin source, URLs, e-mail addresses, handles and hashtags.
//! - [`names`] finds the proper names of a source paragraph, romanises them and pairs
//!   them with the names of the target paragraph, reporting those left without a match.
//! - [`untranslated`] finds a target paragraph identical to its source, text copied from
//!   the source in its script, and a target far shorter or longer than its source.
//! - [`paired`] is the source beside a target document: its text, language and paragraph
//!   alignment, as reading builds it and the source rules read it.
//! - [`marks`] compares the quotations and brackets of a source paragraph with its
//!   translation's.

pub mod align;
pub mod language;
pub mod marks;
pub mod names;
pub mod numbers;
pub mod paired;
pub mod untranslated;
pub mod verbatim;
pub mod xliff;
