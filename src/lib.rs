//! transcheck: a fast, offline checker for translated news text.
//!
//! The data flow goes one way: inputs are walked ([`inputs`]), read and decoded
//! ([`reading`]) into [`document::Document`]s, checked by every enabled [`rules::Rule`]
//! ([`engine::Engine::check`], a pure function), on several threads in input order
//! ([`engine::pool`], [`engine::run`]; corpus mode's two passes in [`engine::corpus`]), and
//! the [`finding::Finding`]s go to the [`report`] writers.
//!
//! ```
//! use transcheck::document::Document;
//! use transcheck::engine::Engine;
//! use transcheck::rules::RuleSet;
//!
//! let rules = RuleSet::load(true, &[]).expect("the built-in pack is valid");
//! let engine = Engine::new(rules.into_rules());
//! let document = Document::from_text("example.txt", "The minister  said so .");
//! let findings = engine.check(&document);
//! let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
//! assert_eq!(rules, ["spacing.double-space", "spacing.before-punctuation"]);
//! ```

pub mod app;
mod ascii;
pub mod baseline;
pub mod cli;
mod commands;
pub mod config;
pub mod document;
pub mod engine;
pub mod finding;
pub mod fix;
mod fnv;
pub mod inputs;
mod man;
pub mod names;
pub mod reading;
pub mod regex_scan;
pub mod report;
pub mod rules;
pub mod source;
mod spill;
pub mod suppress;
mod web_address;
