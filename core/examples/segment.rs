//! Splits text into sentences with `scholia_core::segment`.
//!
//! ```text
//! cargo run --release -p scholia-core --example segment < article.txt
//! cargo run --release -p scholia-core --example segment -- --bench [--rules DIR]
//! cargo run --release -p scholia-core --example segment -- --corpus [--rules DIR] > corpus.txt
//! ```
//!
//! The first form prints the sentences of standard input (UTF-8) as a JSON array of strings. The
//! second scores the segmenter on the English golden rules (`../shared/golden-rules/` beside the
//! repository, or `--rules DIR`) and compares its throughput with unicode-segmentation's UAX #29
//! sentence bounds on a few megabytes of prose. The third prints that prose, for the same
//! comparison in wasm (`bench/segmenter-wasm.sh`).

use std::hint::black_box;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use scholia_core::segment::sentences;
use serde_json::{Value, json};
use unicode_segmentation::UnicodeSegmentation;

#[path = "support/bench_rows.rs"]
mod bench_rows;

const USAGE: &str = "usage: segment [--bench|--corpus [--rules DIR]] < text";

/// The golden-rule files, with the labels their scores are printed under.
const RULE_FILES: [(&str, &str); 2] = [
    ("pragmatic 52", "english_pragmatic52.json"),
    ("pySBD 48", "english_pysbd48.json"),
];

/// News-like sentences of our own, added to the benchmark corpus so it exercises every rule.
const OWN_PROSE: &str = "Dr. Smith met Gen. Jones at 5 p.m. They talked. The deal was worth $3.5 \
billion. Shares rose 2.5% by 9 a.m. on Monday. “This is great,” he said. Did the U.S. \
Government act? Officials at Acme Inc. declined to comment... The company, e.g. its CEO, \
said no. Visit https://example.com/news.html or write to press@example.com. Really?! Yes. \
Apple Inc. sold more iPhone units in Jan. than in Dec. Sen. Warren (D-Mass.) spoke at \
approx. 10 a.m. ET, i.e. before the vote.\nThe text was wrapped\nat a fixed width.";

/// The benchmark corpus is repeated up to at least this many bytes.
const CORPUS_BYTES: usize = 4 << 20;

/// Each segmenter is timed this many times; the best run counts.
const RUNS: usize = 9;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => segment_stdin(),
        ["--bench"] => bench(&default_rules_dir()),
        ["--bench", "--rules", dir] | ["--rules", dir, "--bench"] => bench(Path::new(dir)),
        ["--corpus"] => print_corpus(&default_rules_dir()),
        ["--corpus", "--rules", dir] | ["--rules", dir, "--corpus"] => print_corpus(Path::new(dir)),
        ["--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("segment: {message}");
            ExitCode::FAILURE
        }
    }
}

fn segment_stdin() -> Result<(), String> {
    let mut input = Vec::new();
    io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let text = String::from_utf8(input).map_err(|e| {
        format!(
            "standard input is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let found: Vec<&str> = sentences(&text)
        .into_iter()
        .filter_map(|r| text.get(r))
        .collect();
    let json = serde_json::to_string(&found).map_err(|e| e.to_string())?;
    writeln!(io::stdout(), "{json}").map_err(|e| format!("cannot write standard output: {e}"))
}

/// `../shared/golden-rules` beside the repository root, which is this crate's parent.
fn default_rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/golden-rules")
}

fn bench(rules_dir: &Path) -> Result<(), String> {
    for (label, rules) in golden_rules(rules_dir)? {
        let passed = rules.iter().filter(|rule| rule.check()).count();
        println!("golden rules ({label}): {passed}/{}", rules.len());
        bench_rows::record(json!({
            "section": "Segmentation",
            "figure": format!("English golden rules, {label}"),
            "value": passed,
            "unit": format!("of {}", rules.len()),
        }));
    }
    speed(&corpus(rules_dir)?);
    Ok(())
}

fn print_corpus(rules_dir: &Path) -> Result<(), String> {
    io::stdout()
        .write_all(corpus(rules_dir)?.as_bytes())
        .map_err(|e| e.to_string())
}

fn golden_rules(rules_dir: &Path) -> Result<Vec<(&'static str, Vec<Rule>)>, String> {
    RULE_FILES
        .iter()
        .map(|(label, file)| Ok((*label, load_rules(&rules_dir.join(file))?)))
        .collect()
}

/// The benchmark's prose: the golden rules' texts, the seed article and our own sentences,
/// repeated up to `CORPUS_BYTES`.
fn corpus(rules_dir: &Path) -> Result<String, String> {
    let mut corpus = String::new();
    for (_, rules) in golden_rules(rules_dir)? {
        for rule in &rules {
            corpus.push_str(&rule.text);
            corpus.push_str("\n\n");
        }
    }
    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../articles/assad-flees-damascus.txt");
    if let Ok(text) = std::fs::read_to_string(&article) {
        corpus.push_str(&text);
        corpus.push_str("\n\n");
    }
    corpus.push_str(OWN_PROSE);
    corpus.push_str("\n\n");
    Ok(corpus.repeat(CORPUS_BYTES.div_ceil(corpus.len())))
}

struct Rule {
    title: String,
    text: String,
    expected: Vec<String>,
}

impl Rule {
    /// Whether the segmenter reproduces the expected sentences, up to white space; prints the
    /// rule if it does not.
    fn check(&self) -> bool {
        let got: Vec<String> = sentences(&self.text)
            .into_iter()
            .filter_map(|r| self.text.get(r))
            .map(normalise)
            .collect();
        let expected: Vec<String> = self.expected.iter().map(|s| normalise(s)).collect();
        let pass = got == expected;
        if !pass {
            println!(
                "  FAIL {}\n    expected: {expected:?}\n    got:      {got:?}",
                self.title
            );
        }
        pass
    }
}

fn normalise(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load_rules(path: &Path) -> Result<Vec<Rule>, String> {
    let json = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {} (try --rules DIR): {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
    let invalid = || {
        format!(
            "{}: expected an array of {{\"text\", \"expected\"}}",
            path.display()
        )
    };
    value
        .as_array()
        .ok_or_else(invalid)?
        .iter()
        .map(|rule| {
            let text = rule
                .get("text")
                .and_then(Value::as_str)
                .ok_or_else(invalid)?;
            let expected = rule
                .get("expected")
                .and_then(Value::as_array)
                .ok_or_else(invalid)?
                .iter()
                .map(|s| s.as_str().map(str::to_owned).ok_or_else(invalid))
                .collect::<Result<_, _>>()?;
            let title = rule.get("title").and_then(Value::as_str).unwrap_or(text);
            Ok(Rule {
                title: format!("{title:?}"),
                text: text.to_owned(),
                expected,
            })
        })
        .collect()
}

fn speed(corpus: &str) {
    // The two segmenters take turns, so that both see the same load on a busy machine; the best
    // run of each counts.
    let (mut ours, mut uax29) = (Timing::NONE, Timing::NONE);
    for _ in 0..RUNS {
        ours = ours.min(Timing::of(|| sentences(black_box(corpus)).len()));
        uax29 = uax29.min(Timing::of(|| {
            black_box(corpus).split_sentence_bounds().count()
        }));
    }
    let mb = corpus.len() as f64 / 1e6;
    let (ours_rate, uax29_rate) = (mb / ours.time.as_secs_f64(), mb / uax29.time.as_secs_f64());
    println!(
        "corpus: {mb:.1} MB; sentences: scholia {}, unicode-segmentation {}",
        ours.count, uax29.count
    );
    println!(
        "speed: scholia {ours_rate:.1} MB/s, unicode-segmentation {uax29_rate:.1} MB/s, ratio {:.2}x",
        ours_rate / uax29_rate
    );
    bench_rows::record(json!({
        "section": "Segmentation",
        "figure": "speed, native",
        "value": ours_rate,
        "unit": "MB/s",
        "baseline": { "name": "unicode-segmentation", "value": uax29_rate },
    }));
}

/// One timed run: how long it took and how many sentences it found.
struct Timing {
    time: Duration,
    count: usize,
}

impl Timing {
    const NONE: Timing = Timing {
        time: Duration::MAX,
        count: 0,
    };

    fn of(run: impl FnOnce() -> usize) -> Self {
        let start = Instant::now();
        let count = black_box(run());
        Timing {
            time: start.elapsed(),
            count,
        }
    }

    fn min(self, other: Self) -> Self {
        if other.time < self.time { other } else { self }
    }
}
