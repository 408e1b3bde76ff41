//! Speed of each rule kind and of a whole check, on the shipped sample articles (every
//! defect family, plain text, Markdown and HTML) repeated to about 1 MB per format.
//! Run with `cargo bench --bench check`; BENCHMARKS.md has the figures and the corpus-level
//! measurements.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_main};
use transcheck::document::{Decoded, Document, Format};
use transcheck::engine::Engine;
use transcheck::report::Reporter;
use transcheck::report::csv::CsvReport;
use transcheck::rules::{Kind, RuleSet};

/// The sample articles, each repeated to about 1 MB, as (path, format, text).
fn inputs() -> Vec<(String, Format, String)> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    ["water-talks.txt", "refinery-output.md", "metro-line.html"]
        .iter()
        .map(|name| {
            let path = samples.join(name);
            let text = std::fs::read_to_string(&path).expect("the samples are shipped");
            let copies = 1_000_000 / text.len() + 1;
            let body = match Format::from_path(&path) {
                Format::Html => {
                    let start = text.find("<body>").expect("the HTML sample has a body") + 6;
                    let end = text.find("</body>").expect("the HTML sample has a body");
                    format!(
                        "<html><body>{}</body></html>",
                        text[start..end].repeat(copies)
                    )
                }
                _ => format!("{text}\n").repeat(copies),
            };
            (name.to_string(), Format::from_path(&path), body)
        })
        .collect()
}

fn documents(inputs: &[(String, Format, String)]) -> Vec<Document> {
    inputs
        .iter()
        .map(|(path, format, text)| {
            let decoded = Decoded::utf8(text.clone());
            Document::new(path.clone(), *format, decoded)
        })
        .collect()
}

fn engine_for(kind: Option<Kind>) -> Engine {
    let rules = RuleSet::load(true, &[])
        .expect("the built-in pack loads")
        .into_rules()
        .into_iter()
        .filter(|rule| rule.meta.enabled && kind.is_none_or(|k| rule.meta.kind == k))
        .collect();
    Engine::new(rules)
}

fn by_kind(c: &mut Criterion) {
    let inputs = inputs();
    let bytes: usize = inputs.iter().map(|(_, _, text)| text.len()).sum();
    let mut group = c.benchmark_group("kind");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for kind in [
        Kind::Pattern,
        Kind::Terms,
        Kind::Consistency,
        Kind::Repetition,
        Kind::Names,
        Kind::Quotes,
        Kind::Script,
        Kind::Unicode,
    ] {
        let engine = engine_for(Some(kind));
        if engine.rules().is_empty() {
            continue;
        }
        group.bench_function(kind.name(), |b| {
            // Fresh documents each time: tokens and shared analyses are computed per document.
            b.iter_batched(
                || documents(&inputs),
                |documents| {
                    for document in &documents {
                        black_box(engine.check(document));
                    }
                },
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

fn end_to_end(c: &mut Criterion) {
    let inputs = inputs();
    let bytes: usize = inputs.iter().map(|(_, _, text)| text.len()).sum();
    let engine = engine_for(None);
    let mut group = c.benchmark_group("end-to-end");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("segment, check every rule, write CSV", |b| {
        b.iter(|| {
            let mut report = CsvReport::new(Vec::new()).expect("writing to memory");
            for document in documents(&inputs) {
                let findings = engine.check(&document);
                report.report(&findings).expect("writing to memory");
            }
            black_box(report.into_inner().expect("writing to memory").len())
        });
    });
    group.finish();
}

/// The benchmark group (a module, so the macro's generated function needs no doc comment).
mod group {
    criterion::criterion_group!(benches, super::by_kind, super::end_to_end);
}
criterion_main!(group::benches);
