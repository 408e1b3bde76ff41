//! The HTML reader on a page full of elements it skips: 40,000 `<code>` elements in about
//! 1 MB. Reading a page must cost time linear in its size (issue 16: it once lowercased
//! the rest of the page for every such element). Run with `cargo bench --bench html`;
//! BENCHMARKS.md has the figures.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_main};
use transcheck::document::{Decoded, Document, Format};

/// A page of 40,000 short lines, each with one `<code>` element: about 1 MB.
fn page() -> String {
    let mut page = String::from("<html><body><p>\n");
    page.push_str(&"Go <code>ls</code> now.\n".repeat(40_000));
    page.push_str("</p></body></html>\n");
    page
}

fn read_page(c: &mut Criterion) {
    let page = page();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.sample_size(10);
    group.bench_function("read a 1 MB page of 40,000 <code> elements", |b| {
        b.iter(|| {
            let document = Document::new("page.html", Format::Html, Decoded::utf8(page.clone()));
            black_box(document.segments().len())
        });
    });
    group.finish();
}

/// The benchmark group (a module, so the macro's generated function needs no doc comment).
mod group {
    criterion::criterion_group!(benches, super::read_page);
}
criterion_main!(group::benches);
