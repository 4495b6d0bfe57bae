//! The web page extractor on hand-written pages: what it keeps of the article, what site chrome
//! it leaves out, its headline and language, and hostile shapes (empty, deeply nested). With the
//! extraction benchmark's pages beside the repository, also that each of them gives a body.

#[path = "../examples/support/html_tree.rs"]
mod html_tree;

use html_tree::tree_of;
use scholia_core::article::BlockKind::{self, *};
use scholia_core::source::Draft;
use scholia_core::source::html::extract;
use scholia_core::source::tree::Tree;

fn blocks(draft: &Draft) -> Vec<(BlockKind, &str)> {
    draft
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect()
}

fn all_text(draft: &Draft) -> String {
    let texts: Vec<&str> = draft.blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join("\n")
}

/// A news page with every kind of chrome around (and inside) its article.
const NEWS_PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
  <title>Rivers rise after storm | Daily Example</title>
  <meta property="og:title" content="Rivers rise after storm">
  <style>.chrome-style { color: red }</style>
  <script>var tracking = "chrome script in head";</script>
</head>
<body onload="track()">
  <header class="site-header">
    <a href="/">Daily Example home</a>
    <nav class="menu"><ul><li><a href="/world">World news</a></li><li><a href="/sport">Sport pages</a></li></ul></nav>
  </header>
  <div id="cookie-banner" class="cookie-consent">
    <p>We use cookies to improve your experience, and you can accept all of them here.</p>
    <button>Accept cookies</button>
  </div>
  <main>
    <article class="post">
      <h1>Rivers rise after storm</h1>
      <p class="byline">By <a rel="author" href="/people/ada">Ada Lovelace</a>, <time datetime="2024-05-01">1 May 2024</time></p>
      <div class="share-buttons">
        <a href="javascript:share()">Share on social media</a>
        <a href="#" onclick="tweet()">Tweet this story</a>
      </div>
      <div class="article-body">
        <p>Heavy rain fell across the valley overnight, and the river rose by two metres before dawn, officials said on Wednesday.</p>
        <p>Residents near the old bridge were told to leave their homes, while volunteers filled sandbags in the <a href="/town">town square</a> until morning.</p>
        <h2>What comes next</h2>
        <p>Forecasters expect the water to fall slowly over the weekend, but they warned that more rain could arrive on Monday, with <em>strong</em> winds.</p>
        <ul>
          <li>Schools will stay closed until Friday.</li>
          <li>Two roads remain shut, including the <strong>coast road</strong>.</li>
        </ul>
        <blockquote><p>We have never seen the water this high, not in forty years of living here.</p></blockquote>
        <figure>
          <img src="flood.jpg" alt="Alt text of the flood photo">
          <figcaption>The river at dawn on Wednesday.</figcaption>
        </figure>
        <p>The council will meet on Thursday to decide how to pay for the repairs, and it will publish a report next month.</p>
        <iframe src="https://video.example/embed">Iframe fallback text</iframe>
        <script>document.write("chrome script in body")</script>
        <noscript>Please enable JavaScript to see the video.</noscript>
        <p hidden>A hidden paragraph that nobody sees on the page at all, not even once.</p>
        <div style="display: none">An invisible teaser for another story on the site.</div>
        <form action="/subscribe"><input type="email" placeholder="Your email"><button>Sign up</button></form>
      </div>
      <div class="related-links">
        <h3>Related stories</h3>
        <ul><li><a href="/a">Storm hits the coast again</a></li><li><a href="/b">How to fill a sandbag well</a></li></ul>
      </div>
      <section id="comments" class="comments">
        <h3>Reader comments</h3>
        <p>First comment: great article, thanks for writing it up so quickly, everyone.</p>
      </section>
    </article>
  </main>
  <aside class="sidebar">
    <h3>Most read</h3>
    <p>Celebrity chef opens a new restaurant by the sea, and everyone is talking about it.</p>
  </aside>
  <footer><p>Copyright Daily Example, all rights reserved, since the beginning of time.</p></footer>
</body>
</html>"##;

#[test]
fn a_news_page_gives_its_article_and_nothing_else() {
    let draft = extract(&tree_of(NEWS_PAGE));
    assert_eq!(draft.lang.as_deref(), Some("en"));
    assert_eq!(
        blocks(&draft),
        [
            (Headline, "Rivers rise after storm"),
            (Byline, "By Ada Lovelace, 1 May 2024"),
            (
                Paragraph,
                "Heavy rain fell across the valley overnight, and the river rose by two metres \
                 before dawn, officials said on Wednesday."
            ),
            (
                Paragraph,
                "Residents near the old bridge were told to leave their homes, while volunteers \
                 filled sandbags in the town square until morning."
            ),
            (Subheading, "What comes next"),
            (
                Paragraph,
                "Forecasters expect the water to fall slowly over the weekend, but they warned \
                 that more rain could arrive on Monday, with strong winds."
            ),
            (ListItem, "Schools will stay closed until Friday."),
            (ListItem, "Two roads remain shut, including the coast road."),
            (
                Quote,
                "We have never seen the water this high, not in forty years of living here."
            ),
            (Caption, "The river at dawn on Wednesday."),
            (
                Paragraph,
                "The council will meet on Thursday to decide how to pay for the repairs, and it \
                 will publish a report next month."
            ),
        ]
    );
    let text = all_text(&draft);
    for chrome in [
        "Daily Example",
        "World news",
        "cookies",
        "Share on social",
        "Tweet this",
        "javascript",
        "chrome script",
        "chrome-style",
        "Iframe fallback",
        "enable JavaScript",
        "hidden paragraph",
        "invisible teaser",
        "Your email",
        "Sign up",
        "Alt text",
        "Related stories",
        "Storm hits",
        "Reader comments",
        "First comment",
        "Most read",
        "Celebrity chef",
        "Copyright",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} in\n{text}");
    }
}

/// A page whose article is a few paragraphs in a plain container, after `body` and ending
/// with `story`.
fn page_with(head: &str, body: &str, story: &str) -> String {
    format!(
        "<!doctype html><html><head>{head}</head><body>{body}\
         <div class=\"story\">\
         <p>The first paragraph of the story is long enough to count, and it has a comma.</p>\
         <p>The second paragraph of the story is long enough as well, with another comma.</p>\
         {story}</div></body></html>"
    )
}

fn page(head: &str, body: &str) -> String {
    page_with(head, body, "")
}

#[test]
fn without_an_h1_the_title_is_the_headline_without_the_site_name() {
    let html = page(
        "<title>Quiet streets in the old town - Example Site</title>",
        "",
    );
    let draft = extract(&tree_of(&html));
    assert_eq!(
        draft.blocks.first().map(|b| (b.kind, b.text.as_str())),
        Some((Headline, "Quiet streets in the old town"))
    );
    let html = page(
        "<title>Example Site | Quiet streets in the old town</title>",
        "",
    );
    let draft = extract(&tree_of(&html));
    assert_eq!(draft.blocks[0].text, "Quiet streets in the old town");
}

#[test]
fn the_h1_that_matches_og_title_is_the_headline() {
    let html = page(
        "<title>Example Site</title>\
         <meta property=\"og:title\" content=\"The real headline of the story\">",
        "<div class=\"logo\"><h1>Example Site</h1></div>\
         <div><h1>The real headline of the story</h1></div>",
    );
    let draft = extract(&tree_of(&html));
    assert_eq!(
        blocks(&draft)[0],
        (Headline, "The real headline of the story")
    );
    assert!(!all_text(&draft).contains("Example Site"));

    // No h1 names the article: og:title does.
    let html = page(
        "<title>Example Site</title>\
         <meta property=\"og:title\" content=\"A headline only the metadata has\">",
        "<div class=\"logo\"><h1>Example Site</h1></div>",
    );
    let draft = extract(&tree_of(&html));
    assert_eq!(
        blocks(&draft)[0],
        (Headline, "A headline only the metadata has")
    );
}

#[test]
fn the_language_is_the_declared_one() {
    let html = "<html lang=\"ar\" dir=\"rtl\"><head><title>مقال</title></head><body>\
                <p>هذه فقرة طويلة بما يكفي لتكون جزءا من المقال، وفيها فاصلة.</p></body></html>";
    let draft = extract(&tree_of(html));
    assert_eq!(draft.lang.as_deref(), Some("ar"));
    assert!(all_text(&draft).contains("هذه فقرة طويلة"));

    let html = "<html lang=\"en&quot; onload=&quot;x\"><body><p>Text.</p></body></html>";
    assert_eq!(extract(&tree_of(html)).lang, None);
    let html = "<html><body><p>Text.</p></body></html>";
    assert_eq!(extract(&tree_of(html)).lang, None);
}

#[test]
fn an_empty_page_gives_an_empty_draft() {
    assert_eq!(extract(&Tree::new()), Draft::default());
    assert_eq!(extract(&tree_of("")), Draft::default());
    assert_eq!(
        extract(&tree_of("<html><head></head><body> \n </body></html>")),
        Draft::default()
    );
}

#[test]
fn links_keep_their_text_and_lose_their_address() {
    let html = page_with(
        "",
        "",
        "<p>Read the <a href=\"https://example.com/report\">full report</a> on the \
         council's website, where it was published, with <em>all</em> its tables.</p>",
    );
    let draft = extract(&tree_of(&html));
    let text = all_text(&draft);
    assert!(
        text.contains("Read the full report on the council's website"),
        "{text}"
    );
    assert!(text.contains("with all its tables"));
    assert!(!text.contains("example.com"));
}

#[test]
fn a_deeply_nested_page_does_not_overflow_the_stack() {
    const DEPTH: usize = 20_000;
    // A thread of its own, with the default stack size: recursion over the depth would overflow.
    let handle = std::thread::spawn(|| {
        let mut tree = Tree::new();
        let html = tree.append_element(Tree::ROOT, "html", Vec::new());
        let mut parent = tree.append_element(html, "body", Vec::new());
        for _ in 0..DEPTH {
            parent = tree.append_element(parent, "div", Vec::new());
        }
        let p = tree.append_element(parent, "p", Vec::new());
        tree.append_text(
            p,
            "At the bottom of the page, a paragraph that is long enough to be the article.",
        );
        extract(&tree)
    });
    let draft = handle.join().expect("the extractor's thread");
    assert!(all_text(&draft).contains("At the bottom of the page"));
}

/// The benchmark's pages, when they are there (`SCHOLIA_EXTRACTION_DATA` or `../shared/extraction`
/// beside the repository): every page gives a body, and none panics.
#[test]
fn every_benchmark_page_gives_a_body() {
    let folder = std::env::var_os("SCHOLIA_EXTRACTION_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/extraction").into());
    let Ok(entries) = std::fs::read_dir(&folder) else {
        eprintln!("skipped: no extraction data in {}", folder.display());
        return;
    };
    let mut pages = 0;
    for entry in entries.flatten() {
        let Ok(bytes) = std::fs::read(entry.path().join("source.html")) else {
            continue;
        };
        let draft = extract(&tree_of(&String::from_utf8_lossy(&bytes)));
        let body = draft
            .blocks
            .iter()
            .filter(|b| !matches!(b.kind, Headline | Byline | Caption))
            .count();
        assert!(body > 0, "no body in {}", entry.path().display());
        assert!(draft.blocks.iter().all(|b| !b.text.trim().is_empty()));
        pages += 1;
    }
    assert!(pages > 0, "no pages in {}", folder.display());
}
