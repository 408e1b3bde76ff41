//! Clustering name spellings at corpus scale: 100,000 distinct generated names (a tenth of
//! them with a transliteration variant), ~1,000,000 occurrences spread over 10,000 article
//! summaries. Run with `cargo bench --bench names`.

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{Criterion, criterion_main};
use transcheck::names::Settings;
use transcheck::names::cluster::{self, Params, Spelling};
use transcheck::names::corpus::{self, Summary};

const SYLLABLES: &[&str] = &[
    "ka", "zy", "bek", "nur", "sul", "tan", "ba", "ye", "mu", "ra", "tu", "gul", "as", "khan",
    "ai", "dos", "er", "zha", "mi", "lo", "sa", "den", "ko", "rim", "ol", "ga", "vi", "shen",
];
const SUFFIXES: &[&str] = &["ov", "ev", "in", "sky", "uly", "bay", "enko", "chuk", ""];

/// A small deterministic generator, so that every run clusters the same names.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below
    }
}

/// `count` distinct capitalised names.
fn names(count: usize) -> Vec<String> {
    let mut random = Lcg(42);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let mut name = String::new();
        for _ in 0..2 + random.next(3) {
            name.push_str(SYLLABLES[random.next(SYLLABLES.len())]);
        }
        name.push_str(SUFFIXES[random.next(SUFFIXES.len())]);
        if out.len() % 10 == 9 {
            let variant = out
                .last()
                .map(|previous: &String| previous.replace('y', "iy").replace("kh", "h"));
            if let Some(variant) = variant.filter(|v| !seen.contains(v)) {
                name = variant;
            }
        }
        let mut chars = name.chars();
        let name: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let names = names(100_000);
    let spellings: Vec<Spelling> = names.iter().map(|n| Spelling::new(n)).collect();
    let params = Params::default();
    let mut group = c.benchmark_group("names");
    group.sample_size(10);
    group.bench_function("cluster 100k distinct spellings", |b| {
        b.iter(|| cluster::cluster(black_box(&spellings), &params))
    });
    let mut random = Lcg(7);
    let summaries: Vec<Summary> = (0..10_000)
        .map(|_| Summary {
            names: (0..100)
                .map(|_| (names[random.next(names.len())].clone(), 1))
                .collect(),
            ..Summary::default()
        })
        .collect();
    let settings = Settings::default();
    group.bench_function("corpus of 10k articles, 1M occurrences, 100k names", |b| {
        b.iter(|| corpus::conclude(black_box(&summaries), &settings))
    });
    group.finish();
}

/// The benchmark group, in a private module: the macro's function needs no docs there.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
