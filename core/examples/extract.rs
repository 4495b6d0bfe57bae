//! Prints the article of a saved web page, read by `scholia_core::source::html::extract`.
//!
//! ```text
//! cargo run --release -p scholia-core --example extract -- [--body | --every-p] FILE
//! cargo run --release -p scholia-core --example extract -- --batch [--body | --every-p] < paths
//! ```
//!
//! Each block is printed on its own line, after its kind (`headline: …`); `--body` prints the
//! text of the body only (no headline, no byline, no kinds), which is what the extraction
//! benchmark's ground truth holds; `--every-p` prints the text of every `p` element instead, the
//! naive baseline. With `--batch`, paths come one per line on standard input and each page's
//! output ends with a NUL byte, as `score.py --batch` expects.

#[path = "support/html_tree.rs"]
mod html_tree;

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use scholia_core::article::BlockKind;
use scholia_core::source::html::extract;
use scholia_core::source::tree::{Node, Tree};

const USAGE: &str = "usage: extract [--batch] [--body | --every-p] [FILE]";

#[derive(Clone, Copy, PartialEq)]
enum Output {
    Blocks,
    Body,
    EveryP,
}

fn main() -> ExitCode {
    let mut batch = false;
    let mut output = Output::Blocks;
    let mut file = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--batch" => batch = true,
            "--body" => output = Output::Body,
            "--every-p" => output = Output::EveryP,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() && !arg.starts_with("--") => file = Some(arg),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let result = match (batch, file) {
        (true, None) => run_batch(output),
        (false, Some(file)) => std::fs::read_to_string(&file).and_then(|html| {
            let mut stdout = io::stdout().lock();
            stdout.write_all(render(&html, output).as_bytes())
        }),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("extract: {error}");
            ExitCode::FAILURE
        }
    }
}

/// One page per line of standard input; an unreadable file gives an empty output, so that the
/// scorer counts it and goes on. At the end, the mean times per page go to standard error.
fn run_batch(output: Output) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    let mut timing = Timing::default();
    for line in io::stdin().lock().lines() {
        let path = line?;
        let text = match std::fs::read(path.trim()) {
            Ok(bytes) => render_timed(&String::from_utf8_lossy(&bytes), output, &mut timing),
            Err(error) => {
                eprintln!("extract: {}: {error}", path.trim());
                String::new()
            }
        };
        stdout.write_all(text.as_bytes())?;
        stdout.write_all(b"\0")?;
        stdout.flush()?;
    }
    if output != Output::EveryP && timing.pages > 0 {
        let per_page = |total: Duration| total.as_secs_f64() * 1000.0 / f64::from(timing.pages);
        eprintln!(
            "extract: {} pages, per page {:.2} ms to parse (html5ever) and {:.2} ms to extract",
            timing.pages,
            per_page(timing.parse),
            per_page(timing.extract)
        );
    }
    Ok(())
}

/// Time spent parsing and extracting, summed over a batch.
#[derive(Default)]
struct Timing {
    pages: u32,
    parse: Duration,
    extract: Duration,
}

fn render(html: &str, output: Output) -> String {
    render_timed(html, output, &mut Timing::default())
}

fn render_timed(html: &str, output: Output, timing: &mut Timing) -> String {
    let started = Instant::now();
    let tree = html_tree::tree_of(html);
    timing.parse += started.elapsed();
    timing.pages += 1;
    let mut out = String::new();
    if output == Output::EveryP {
        for line in every_p(&tree) {
            out.push_str(&line);
            out.push('\n');
        }
        return out;
    }
    let started = Instant::now();
    let draft = extract(&tree);
    timing.extract += started.elapsed();
    if output == Output::Blocks
        && let Some(lang) = &draft.lang
    {
        out.push_str(&format!("lang: {lang}\n"));
    }
    for block in &draft.blocks {
        match output {
            Output::Body if !is_body(block.kind) => {}
            Output::Body => {
                out.push_str(&block.text);
                out.push('\n');
            }
            _ => out.push_str(&format!("{}: {}\n", label(block.kind), block.text)),
        }
    }
    out
}

/// The naive extractor: the text of every `p` element, one per line.
fn every_p(tree: &Tree) -> Vec<String> {
    let mut lines = Vec::new();
    for id in tree.descendants(Tree::ROOT) {
        if tree.element(id).is_none_or(|e| e.name != "p") {
            continue;
        }
        let text: String = tree
            .descendants(id)
            .filter_map(|d| match tree.node(d) {
                Some(Node::Text(t)) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let text = scholia_core::source::collapse_white_space(&text);
        if !text.is_empty() {
            lines.push(text);
        }
    }
    lines
}

/// The kind's name, as a label before the block's text.
fn label(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Headline => "headline",
        BlockKind::Byline => "byline",
        BlockKind::Subheading => "subheading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "item",
        BlockKind::Quote => "quote",
        BlockKind::Caption => "caption",
    }
}

/// What the benchmark's ground truth holds: the article's running text, without its headline,
/// byline and captions.
fn is_body(kind: BlockKind) -> bool {
    !matches!(
        kind,
        BlockKind::Headline | BlockKind::Byline | BlockKind::Caption
    )
}
