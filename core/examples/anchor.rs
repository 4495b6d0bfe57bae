//! Re-anchors annotations in an edited copy of a long article with `scholia_core::anchor`.
//!
//! ```text
//! cargo run --release -p scholia-core --example anchor -- --bench
//! cargo run --release -p scholia-core --example anchor -- --write DIR
//! ```
//!
//! Builds an article of about 1 MB from the words of `articles/assad-flees-damascus.txt`, makes
//! 1,000 annotations on it, then edits it as a heavy revision would: paragraphs inserted, deleted
//! and moved, words changed, typos made, sentences rewritten, split and merged. It times
//! re-anchoring every annotation in the edited copy (best of 5, the index of the text included)
//! against the budget of 200 ms, and prints how many came out exact, fuzzy and orphaned, and how
//! many were attached to a sentence that does not descend from theirs (which should be none).
//! Beside it, from the same run: the unchanged article, and the edited one by exact quote search
//! alone, as anchoring was before the fuzzy stage (every occurrence of the quote in the whole
//! text, weighed by context). Exits with 1 if re-anchoring is over its budget or attaches any
//! annotation wrongly.
//!
//! The second form writes the same inputs for the page's benchmark (`bench/reanchor.mjs`):
//! `original.txt`, `edited.txt`, and `annotations.jsonld`, the annotations made on the original
//! exported as Web Annotations.

use std::ops::Range;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use scholia_core::anchor::{Anchorer, Anchoring, target_for};
use scholia_core::annotation::{Annotation, Label, Labels, Target};
use scholia_core::article::Article;
use scholia_core::codec::SerdeJson;
use scholia_core::formats::w3c;
use scholia_core::store::Store;

#[path = "support/bench_rows.rs"]
mod bench_rows;
#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

const USAGE: &str = "usage: anchor --bench | anchor --write DIR";
const SEED: &str = include_str!("../../articles/assad-flees-damascus.txt");

const ARTICLE_BYTES: usize = 1 << 20;
const ANNOTATIONS: usize = 1000;
const BUDGET_MS: f64 = 200.0;
const RUNS: usize = 5;

/// The revision: how many of each edit.
const WORD_CHANGES: usize = 400;
const TYPOS: usize = 400;
const REWRITES: usize = 100;
const SPLITS: usize = 50;
const MERGES: usize = 50;
const DELETED_PARAGRAPHS: usize = 100;
const INSERTED_PARAGRAPHS: usize = 200;
const MOVED_PARAGRAPHS: usize = 100;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--bench"] => bench(&Revision::new()),
        ["--write", dir] => write(&Revision::new(), Path::new(dir)),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// A sentence of the generated article and the original sentences it descends from (none for
/// new text).
#[derive(Clone)]
struct Unit {
    text: String,
    origins: Vec<usize>,
}

type Paragraph = Vec<Unit>;

/// A unit's byte range in the rendered text, and its origins.
type UnitSpan = (Range<usize>, Vec<usize>);

/// Sentences stitched from runs of the seed's words, so that they read with its phrases and
/// letter frequencies without repeating it.
struct Writer {
    words: Vec<String>,
    rng: Lcg,
}

impl Writer {
    fn new() -> Self {
        let seed = Article::parse(SEED);
        let words = (0..seed.sentences().len())
            .filter_map(|sid| seed.sentence_text(sid))
            .flat_map(str::split_whitespace)
            .map(|w| w.trim_end_matches(['.', '!', '?', ':', ';']).to_owned())
            .filter(|w| !w.is_empty())
            .collect();
        Writer {
            words,
            rng: Lcg(2024),
        }
    }

    fn word(&mut self) -> String {
        let i = self.rng.below(self.words.len());
        self.words[i].clone()
    }

    fn sentence(&mut self) -> String {
        let length = 8 + self.rng.below(22);
        let mut words: Vec<String> = Vec::new();
        while words.len() < length {
            let from = self.rng.below(self.words.len());
            let run = 2 + self.rng.below(5);
            words.extend(self.words.iter().skip(from).take(run).cloned());
        }
        words.truncate(length);
        let mut text = capitalised(&words.join(" "));
        text.push('.');
        text
    }

    fn paragraph(&mut self) -> Vec<String> {
        (0..3 + self.rng.below(4))
            .map(|_| self.sentence())
            .collect()
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn lowercased_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text, and the byte range of every unit with its origins.
fn render(paragraphs: &[Paragraph]) -> (String, Vec<UnitSpan>) {
    let mut text = String::new();
    let mut units = Vec::new();
    for paragraph in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for (i, unit) in paragraph.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(&unit.text);
            units.push((start..text.len(), unit.origins.clone()));
        }
    }
    (text, units)
}

/// The origins of each sentence of `article`: those of the units it overlaps.
fn origins_of(article: &Article, units: &[UnitSpan]) -> Vec<Vec<usize>> {
    article
        .sentences()
        .iter()
        .map(|s| {
            let from = units.partition_point(|(r, _)| r.end <= s.start);
            units[from..]
                .iter()
                .take_while(|(r, _)| r.start < s.end)
                .flat_map(|(_, origins)| origins.iter().copied())
                .collect()
        })
        .collect()
}

fn original_paragraphs(writer: &mut Writer) -> Vec<Paragraph> {
    let mut next_id = 0;
    let mut unit = |text: String| {
        next_id += 1;
        Unit {
            text,
            origins: vec![next_id - 1],
        }
    };
    let mut paragraphs = vec![vec![unit(
        "Bashar al-Assad has fled Damascus, a long account of the days before".to_owned(),
    )]];
    let mut bytes = 0;
    while bytes < ARTICLE_BYTES {
        let paragraph: Paragraph = writer.paragraph().into_iter().map(&mut unit).collect();
        bytes += paragraph.iter().map(|u| u.text.len() + 1).sum::<usize>() + 1;
        paragraphs.push(paragraph);
    }
    paragraphs
}

/// A random unit of a random body paragraph: (paragraph, unit).
fn pick(paragraphs: &[Paragraph], rng: &mut Lcg) -> (usize, usize) {
    let p = 1 + rng.below(paragraphs.len() - 1);
    (p, rng.below(paragraphs[p].len()))
}

fn revise(mut paragraphs: Vec<Paragraph>, writer: &mut Writer) -> Vec<Paragraph> {
    let mut rng = Lcg(7);
    for _ in 0..WORD_CHANGES {
        let (p, u) = pick(&paragraphs, &mut rng);
        let new_word = writer.word();
        let unit = &mut paragraphs[p][u];
        let words: Vec<&str> = unit.text.split(' ').collect();
        // Not the first word, whose capital starts the sentence, nor the last, which ends it.
        if words.len() > 2 {
            let at = 1 + rng.below(words.len() - 2);
            let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            words[at] = lowercased_first(&new_word);
            unit.text = words.join(" ");
        }
    }
    for _ in 0..TYPOS {
        let (p, u) = pick(&paragraphs, &mut rng);
        let unit = &mut paragraphs[p][u];
        let mut chars: Vec<char> = unit.text.chars().collect();
        if chars.len() > 4 {
            let at = 1 + rng.below(chars.len() - 3);
            if chars[at].is_alphabetic() && chars[at + 1].is_alphabetic() {
                match rng.below(3) {
                    0 => chars.swap(at, at + 1),
                    1 => {
                        chars.remove(at);
                    }
                    _ => chars.insert(at, chars[at]),
                }
            }
            unit.text = chars.into_iter().collect();
        }
    }
    for _ in 0..REWRITES {
        let (p, u) = pick(&paragraphs, &mut rng);
        paragraphs[p][u] = Unit {
            text: writer.sentence(),
            origins: Vec::new(),
        };
    }
    for _ in 0..SPLITS {
        let (p, u) = pick(&paragraphs, &mut rng);
        let unit = paragraphs[p][u].clone();
        let words: Vec<&str> = unit.text.split(' ').collect();
        if words.len() >= 6 {
            let at = 3 + rng.below(words.len() - 5);
            let head = format!("{}.", words[..at].join(" ").trim_end_matches(','));
            let tail = capitalised(&words[at..].join(" "));
            let piece = |text| Unit {
                text,
                origins: unit.origins.clone(),
            };
            paragraphs[p].splice(u..=u, [piece(head), piece(tail)]);
        }
    }
    for _ in 0..MERGES {
        let (p, u) = pick(&paragraphs, &mut rng);
        if u + 1 < paragraphs[p].len() {
            let next = paragraphs[p].remove(u + 1);
            let unit = &mut paragraphs[p][u];
            unit.text = format!(
                "{}, and {}",
                unit.text.trim_end_matches('.'),
                lowercased_first(&next.text)
            );
            unit.origins.extend(next.origins);
        }
    }
    for _ in 0..DELETED_PARAGRAPHS {
        let p = 1 + rng.below(paragraphs.len() - 1);
        paragraphs.remove(p);
    }
    for _ in 0..INSERTED_PARAGRAPHS {
        let p = 1 + rng.below(paragraphs.len());
        let paragraph = writer
            .paragraph()
            .into_iter()
            .map(|text| Unit {
                text,
                origins: Vec::new(),
            })
            .collect();
        paragraphs.insert(p, paragraph);
    }
    for _ in 0..MOVED_PARAGRAPHS {
        let from = 1 + rng.below(paragraphs.len() - 1);
        let paragraph = paragraphs.remove(from);
        let to = 1 + rng.below(paragraphs.len());
        paragraphs.insert(to, paragraph);
    }
    paragraphs
}

/// Anchoring as it was before the fuzzy stage: the quote at its old position, else every
/// occurrence of it in the whole text, weighed by context and then by nearness.
fn exact_only(article: &Article, target: &Target) -> Option<Range<usize>> {
    let text = article.text();
    let chars = article.sentence_chars();
    let at = chars.partition_point(|c| c.start <= target.start);
    let (byte_base, char_base) = match at.checked_sub(1) {
        Some(i) => (article.sentences()[i].start, chars[i].start),
        None => (0, 0),
    };
    let old = text[byte_base..]
        .char_indices()
        .map(|(i, _)| byte_base + i)
        .chain([text.len()])
        .nth(target.start - char_base)
        .unwrap_or(text.len());
    let found = if text.get(old..old + target.exact.len()) == Some(target.exact.as_str()) {
        Some(old..old + target.exact.len())
    } else {
        text.match_indices(target.exact.as_str())
            .map(|(at, quote)| {
                let before = text[..at].chars().rev();
                let after = text[at + quote.len()..].chars();
                let context = before
                    .zip(target.prefix.chars().rev())
                    .take_while(|(a, b)| a == b)
                    .count()
                    + after
                        .zip(target.suffix.chars())
                        .take_while(|(a, b)| a == b)
                        .count();
                (context, usize::MAX - at.abs_diff(old), at..at + quote.len())
            })
            .max_by_key(|(context, nearness, _)| (*context, *nearness))
            .map(|(_, _, range)| range)
    }?;
    let sentences = article.sentences();
    let first = sentences.partition_point(|s| s.end <= found.start);
    let end = sentences.partition_point(|s| s.start < found.end);
    (first < end).then_some(first..end)
}

/// The best time of `RUNS` runs of `f`, in milliseconds, and its last result.
fn best_of<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = f();
    for _ in 0..RUNS {
        let start = Instant::now();
        result = std::hint::black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    (best, result)
}

fn anchor_all(article: &Article, targets: &[Target]) -> Vec<Anchoring> {
    let anchorer = Anchorer::new(article);
    targets.iter().map(|t| anchorer.anchor(t)).collect()
}

/// The article before and after its revision, and the annotations made on the original, each
/// with the original sentences it was made on.
struct Revision {
    original: Article,
    edited: Article,
    edited_origins: Vec<Vec<usize>>,
    annotated: Vec<(Target, Vec<usize>)>,
}

impl Revision {
    fn new() -> Self {
        let mut writer = Writer::new();
        let paragraphs = original_paragraphs(&mut writer);
        let (text, units) = render(&paragraphs);
        let original = Article::parse(text);
        let original_origins = origins_of(&original, &units);

        let mut rng = Lcg(11);
        let n = original.sentences().len();
        let annotated = (0..ANNOTATIONS)
            .filter_map(|_| {
                let first = rng.below(n);
                let last = (first + rng.below(3)).min(n - 1);
                let origins = original_origins[first..=last].concat();
                Some((target_for(&original, first, last)?, origins))
            })
            .collect();

        let (text, units) = render(&revise(paragraphs, &mut writer));
        let edited = Article::parse(text);
        let edited_origins = origins_of(&edited, &units);
        Revision {
            original,
            edited,
            edited_origins,
            annotated,
        }
    }
}

/// Writes the original, the edited copy and the annotations as Web Annotations into `dir`.
fn write(revision: &Revision, dir: &Path) -> ExitCode {
    let annotations = revision
        .annotated
        .iter()
        .enumerate()
        .map(|(i, (target, _))| Annotation {
            id: format!(
                "{:016x}",
                (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ),
            target: target.clone(),
            label: Label::new(i % 5).unwrap_or_default(),
            note: if i % 3 == 0 {
                "Check this.".into()
            } else {
                String::new()
            },
            tags: Vec::new(),
            created: 1_733_652_000_000 + i as u64 * 61_000,
            modified: 1_733_652_000_000 + i as u64 * 61_000,
            deleted: false,
        });
    let store = Store::new(Labels::default(), annotations);
    let written = w3c::export(&SerdeJson, &revision.original, &store)
        .map_err(|e| e.to_string())
        .and_then(|jsonld| {
            let files = [
                ("original.txt", revision.original.text()),
                ("edited.txt", revision.edited.text()),
                ("annotations.jsonld", jsonld.as_str()),
            ];
            std::fs::create_dir_all(dir)
                .and_then(|()| {
                    files
                        .iter()
                        .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
                })
                .map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("anchor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(revision: &Revision) -> ExitCode {
    let Revision {
        original,
        edited,
        edited_origins,
        annotated,
    } = revision;
    let targets: Vec<Target> = annotated.iter().map(|(t, _)| t.clone()).collect();
    let edits = WORD_CHANGES
        + TYPOS
        + REWRITES
        + SPLITS
        + MERGES
        + DELETED_PARAGRAPHS
        + INSERTED_PARAGRAPHS
        + MOVED_PARAGRAPHS;
    println!(
        "re-anchoring {} annotations on an article of {:.2} MB ({} sentences), after {edits} edits \
         ({:.2} MB, {} sentences), best of {RUNS}:",
        targets.len(),
        original.text().len() as f64 / (1 << 20) as f64,
        original.sentences().len(),
        edited.text().len() as f64 / (1 << 20) as f64,
        edited.sentences().len(),
    );

    let (ms, unchanged) = best_of(|| anchor_all(original, &targets));
    let exact = unchanged
        .iter()
        .filter(|a| matches!(a, Anchoring::Exact(_)))
        .count();
    println!("  unchanged article:             {ms:8.1} ms  {exact} exact");

    let (exact_only_ms, before) = best_of(|| {
        targets
            .iter()
            .map(|t| exact_only(edited, t))
            .collect::<Vec<_>>()
    });
    let placed = before.iter().filter(|s| s.is_some()).count();
    println!(
        "  edited, exact search only:     {exact_only_ms:8.1} ms  {placed} placed, {} not (anchoring before \
         the fuzzy stage)",
        before.len() - placed
    );

    let (ms, after) = best_of(|| anchor_all(edited, &targets));
    let count = |kind: fn(&Anchoring) -> bool| after.iter().filter(|a| kind(a)).count();
    let exact = count(|a| matches!(a, Anchoring::Exact(_)));
    let fuzzy = count(|a| matches!(a, Anchoring::Fuzzy { .. }));
    let orphans = count(|a| matches!(a, Anchoring::Orphan { .. }));
    let with_candidate = count(|a| matches!(a, Anchoring::Orphan { best: Some(_) }));
    // Attached to a sentence none of whose text descends from the annotation's own sentences.
    let wrong = annotated
        .iter()
        .zip(&after)
        .filter(|((_, origins), anchoring)| {
            anchoring.sentences().is_some_and(|sentences| {
                sentences
                    .into_iter()
                    .any(|sid| !edited_origins[sid].iter().any(|o| origins.contains(o)))
            })
        })
        .count();
    println!(
        "  edited, exact then fuzzy:      {ms:8.1} ms  {exact} exact, {fuzzy} fuzzy, {orphans} \
         orphans ({with_candidate} with a candidate below the threshold), {wrong} attached \
         wrongly (budget {BUDGET_MS} ms)"
    );
    bench_rows::record(serde_json::json!({
        "section": "Re-anchoring",
        "figure": format!(
            "{} annotations on the edited {:.2} MB article (natively)",
            targets.len(),
            edited.text().len() as f64 / (1 << 20) as f64
        ),
        "value": ms,
        "unit": "ms",
        "baseline": { "name": format!("exact search alone, placing {placed}"), "value": exact_only_ms },
        "budget": { "max": BUDGET_MS },
        "detail": format!("{exact} exact, {fuzzy} fuzzy, {orphans} orphans, {wrong} attached wrongly"),
    }));
    bench_rows::record(serde_json::json!({
        "section": "Re-anchoring",
        "figure": "annotations attached to the wrong sentence",
        "value": wrong,
        "unit": "",
        "budget": { "max": 0 },
    }));
    if ms <= BUDGET_MS && wrong == 0 {
        ExitCode::SUCCESS
    } else {
        println!("  over the budget, or wrongly attached");
        ExitCode::FAILURE
    }
}
