//! Exports sample annotations of the seed article with `scholia_core::formats`.
//!
//! ```text
//! cargo run -q -p scholia-core --example export [-- --format w3c|markdown|csv|link] > out
//! cargo run --release -p scholia-core --example export -- --bench
//! ```
//!
//! The first form writes a few sample annotations of `articles/assad-flees-damascus.txt` to
//! standard output in the chosen format (W3C Web Annotation JSON-LD by default), e.g. for
//! `../shared/w3c-anno/validate.py`. The second times the import of 10,000 annotations from
//! JSON-LD, from Markdown, and as short quotes that must be searched for, against a budget of one
//! second each, and measures a share link of 50 short annotations against 8,000 characters; it
//! exits with 1 if anything is over its budget.

use std::process::ExitCode;
use std::time::Instant;

use scholia_core::anchor::target_for;
use scholia_core::annotation::{Annotation, Label, Labels};
use scholia_core::article::Article;
use scholia_core::codec::{JsonError, SerdeJson};
use scholia_core::formats::share::{ShareLink, share_draft};
use scholia_core::formats::{ImportPreview, csv, import, markdown, w3c};
use scholia_core::store::Store;

#[path = "support/bench_rows.rs"]
mod bench_rows;
#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

const USAGE: &str = "usage: export [--format w3c|markdown|csv|link] | export --bench";
const SEED: &str = include_str!("../../articles/assad-flees-damascus.txt");

/// The budget for importing 10,000 annotations natively.
const IMPORT_BUDGET_MS: f64 = 1000.0;
/// The longest share link of 50 short annotations that chat apps and browsers pass on whole.
const LINK_BUDGET_CHARS: usize = 8000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let article = Article::parse(SEED);
    match args.as_slice() {
        [] => print(w3c::export(&SerdeJson, &article, &samples(&article))),
        ["--format", format] => {
            let store = samples(&article);
            match *format {
                "w3c" => print(w3c::export(&SerdeJson, &article, &store)),
                "markdown" => print(markdown::export(&SerdeJson, &article, &store)),
                "csv" => print(Ok(csv::export(&article, &store))),
                "link" => print(share_link(&article, &store).map(|link| link.fragment + "\n")),
                _ => usage(),
            }
        }
        ["--bench"] => bench(&article),
        _ => usage(),
    }
}

/// A share link deflated as the browser does it in the app: raw DEFLATE at zlib's default level.
fn share_link(article: &Article, store: &Store) -> Result<ShareLink, JsonError> {
    let draft = share_draft(&SerdeJson, article, store)?;
    let deflated = miniz_oxide::deflate::compress_to_vec(draft.data(), 6);
    Ok(draft.link(&deflated))
}

fn print(text: Result<String, JsonError>) -> ExitCode {
    match text {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("export: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn annotation(
    article: &Article,
    id: &str,
    sentences: (usize, usize),
    label: usize,
    note: &str,
    tags: &[&str],
    created: u64,
) -> Option<Annotation> {
    Some(Annotation {
        id: id.to_owned(),
        target: target_for(article, sentences.0, sentences.1)?,
        label: Label::new(label)?,
        note: note.to_owned(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        created,
        modified: created + 90_500,
        deleted: false,
    })
}

/// A few annotations of the kinds readers make: a plain highlight, a note with Markdown and a
/// line break, tags, a run of two sentences, and one with an IRI for an id.
fn samples(article: &Article) -> Store {
    let fled = article
        .find_sentence("has left Damascus on a plane")
        .unwrap_or(0);
    let asylum = article.find_sentence("granted asylum").unwrap_or(0);
    let prisoners = article.find_sentence("unjustly imprisoned").unwrap_or(0);
    let mut labels = Labels::default();
    labels.rename(Label::new(1).unwrap_or_default(), "Source");
    let annotations = [
        annotation(
            article,
            "4f1c2a9be0d37a65",
            (0, 0),
            0,
            "",
            &[],
            1_733_652_000_000,
        ),
        annotation(
            article,
            "9b2e71d04c5a8f13",
            (fled, fled),
            1,
            "Two **senior** officials — which ones?\nCheck `Reuters` #sources",
            &["sources", "Reuters"],
            1_733_652_060_250,
        ),
        annotation(
            article,
            "https://example.org/annotations/17",
            (asylum, asylum + 1),
            2,
            "Confirmed later by the Kremlin?",
            &["Russia"],
            1_733_655_600_000,
        ),
        annotation(
            article,
            "c3d9e0f1a2b34c5d",
            (prisoners, prisoners),
            4,
            "",
            &["prisons"],
            1_733_659_200_000,
        ),
    ];
    Store::new(labels, annotations.into_iter().flatten())
}

/// `count` annotations on random runs of up to three sentences, with short notes and tags.
fn many(article: &Article, count: usize, seed: u64) -> Store {
    let mut rng = Lcg(seed);
    let n = article.sentences().len();
    let annotations = (0..count).filter_map(|i| {
        let first = rng.below(n);
        let last = (first + rng.below(2)).min(n.saturating_sub(1));
        annotation(
            article,
            &format!(
                "{:016x}",
                (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ),
            (first, last),
            rng.below(5),
            [
                "",
                "Check this.",
                "Who said so?",
                "Key claim, see the second source.",
            ][rng.below(4)],
            [&[][..], &["syria"], &["sources", "follow up"]][rng.below(3)],
            1_733_652_000_000 + i as u64 * 61_000,
        )
    });
    Store::new(Labels::default(), annotations)
}

fn time_import(what: &str, file: &str, article: &Article, expected: usize) -> Option<f64> {
    let runs = 5;
    let mut best = f64::INFINITY;
    let mut preview: Option<ImportPreview> = None;
    for _ in 0..runs {
        let start = Instant::now();
        let result = import(&SerdeJson, file.as_bytes(), article, &Store::default());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        preview = result.map_err(|e| eprintln!("{what}: {e}")).ok();
    }
    // The floor: parsing the same file as JSON, before anything is read from it.
    let mut parse = f64::INFINITY;
    let mut is_json = false;
    for _ in 0..runs {
        let start = Instant::now();
        is_json = std::hint::black_box(serde_json::from_str::<serde_json::Value>(file).is_ok());
        parse = parse.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    let preview = preview?;
    let mb = file.len() as f64 / (1024.0 * 1024.0);
    println!(
        "import {expected} annotations from {what} ({mb:.1} MB): {best:.0} ms (best of {runs}); {preview}"
    );
    bench_rows::record(serde_json::json!({
        "section": "Import and share links (natively)",
        "figure": format!("import of {expected} annotations, {what} ({mb:.1} MB)"),
        "value": best,
        "unit": "ms",
        "baseline": is_json.then(|| serde_json::json!({ "name": "serde_json parsing it alone", "value": parse })),
        "budget": { "max": IMPORT_BUDGET_MS },
    }));
    (preview.new.len() == expected).then_some(best)
}

fn bench(article: &Article) -> ExitCode {
    let mut ok = true;
    let store = many(article, 10_000, 7);
    let count = store.live().count();
    for (what, file) in [
        ("JSON-LD", w3c::export(&SerdeJson, article, &store)),
        ("Markdown", markdown::export(&SerdeJson, article, &store)),
    ] {
        let file = file.unwrap_or_else(|e| e.to_string());
        match time_import(what, &file, article, count) {
            Some(ms) if ms < IMPORT_BUDGET_MS => {}
            Some(ms) => {
                println!("  over the budget of {IMPORT_BUDGET_MS} ms ({ms:.0} ms)");
                ok = false;
            }
            None => {
                println!("  not every annotation was imported");
                ok = false;
            }
        }
    }
    // The slowest input per byte: short quotes without positions, each found by searching the
    // whole article and weighing the context of every occurrence.
    let searched: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                r#"{{"type":"Annotation","id":"s{i}","target":{{"selector":{{"type":"TextQuoteSelector","exact":"the","prefix":"{}"}}}}}}"#,
                ["of ", "in ", "at ", "to "][i % 4]
            )
        })
        .collect();
    let searched = format!("[{}]", searched.join(",\n"));
    ok &= time_import("short quotes searched for", &searched, article, 10_000)
        .is_some_and(|ms| ms < IMPORT_BUDGET_MS);

    let fifty = many(article, 50, 11);
    match share_link(article, &fifty) {
        Ok(link) => {
            println!(
                "share link of {} short annotations: {} characters (budget {LINK_BUDGET_CHARS})",
                fifty.live().count(),
                link.fragment.len()
            );
            ok &= link.fragment.len() < LINK_BUDGET_CHARS && link.left_out == 0;
            bench_rows::record(serde_json::json!({
                "section": "Import and share links (natively)",
                "figure": format!("share link of {} short annotations", fifty.live().count()),
                "value": link.fragment.len(),
                "unit": "characters",
                "budget": { "max": LINK_BUDGET_CHARS },
                "detail": format!("{} left out", link.left_out),
            }));
        }
        Err(e) => {
            println!("share link: {e}");
            ok = false;
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
