//! The article as the reader sees it: headline, subheadings and paragraphs made of sentences that
//! can be pointed at, then the tag line and the comment section, set apart from the prose.
//!
//! A long article is put on the page in slices: the first screen at once, the rest a slice per
//! task, so that a book-length one shows as soon as a short one and input is never held up while
//! the rest arrives. Every sentence ends up in the DOM, for find-in-page and screen readers; each
//! slice is an element of its own, which the stylesheet lets the browser skip laying out and
//! painting while it is off screen.

use std::ops::Range;

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use scholia_core::article::{Article, Block, BlockKind, Comment, CommentSection};
use wasm_bindgen::JsCast;

/// Sentences in the first slice: more than any screen shows.
const FIRST_SLICE_SENTENCES: usize = 150;
/// Sentences in each later slice: few enough that rendering one stays well inside a frame's
/// worth of work on a slow phone.
const SLICE_SENTENCES: usize = 250;

use super::state::{Reader, SentenceView};

#[component]
pub fn ArticleView(reader: Reader) -> impl IntoView {
    let (lang, dir) = reader.article.with_value(|article| {
        (
            article.lang().map(str::to_owned),
            article.direction().as_attribute(),
        )
    });
    let slices = reader.article.with_value(|article| {
        slices(
            article,
            groups(article.body()),
            FIRST_SLICE_SENTENCES,
            SLICE_SENTENCES,
        )
    });
    let slice_count = slices.len();
    let slices = StoredValue::new(slices);
    // Whether each slice is on the page, and then the end matter (whose sentences come last):
    // the first slice at once, then one more per task until all are, or the reader is gone.
    let shown: Vec<RwSignal<bool>> = (0..=slice_count)
        .map(|i| RwSignal::new(i == 0 || slice_count == 1))
        .collect();
    let end_shown = shown[slice_count];
    let later = shown.clone();
    leptos::task::spawn_local(async move {
        for next in later.iter().skip(1) {
            crate::browser::yield_to_browser().await;
            if next.try_set(true).is_some() {
                return;
            }
        }
        // The first slice got its marks when it was mounted; the rest get theirs now, at once,
        // rather than the sentence elements being looked up again for every slice.
        crate::browser::yield_to_browser().await;
        let _ = reader.whole_on_page.try_set(true);
    });
    let slice_views: Vec<_> = shown
        .into_iter()
        .take(slice_count)
        .enumerate()
        .map(|(i, shown)| {
            move || {
                shown.get().then(|| {
                    let groups = slices.with_value(|s| s.get(i).cloned()).unwrap_or_default();
                    reader.article.with_value(|article| {
                        let blocks: Vec<_> = groups
                            .into_iter()
                            .map(|group| group_view(article, group))
                            .collect();
                        view! { <div class="slice">{blocks}</div> }
                    })
                })
            }
        })
        .collect();
    let end_matter = move || {
        end_shown.get().then(|| {
            reader.article.with_value(|article| {
                let tags = tag_list(article);
                let comments = article
                    .comments()
                    .map(|section| comment_section(article, section));
                view! { {tags} {comments} }
            })
        })
    };
    // One listener for all sentences: clicks select (shift extends), and focus arriving by Tab
    // makes that sentence current.
    let on_click = move |event: MouseEvent| {
        if let Some(sid) = sentence_id(event.target()) {
            reader.select(sid, event.shift_key());
        }
    };
    let on_mousedown = move |event: MouseEvent| {
        // Shift-click extends the selection of sentences, not the browser's text selection.
        if event.shift_key() && sentence_id(event.target()).is_some() {
            event.prevent_default();
        }
    };
    let on_focusin = move |event: leptos::ev::FocusEvent| {
        if let Some(sid) = sentence_id(event.target())
            && reader.selection.get_untracked().focus != sid
        {
            reader.select(sid, false);
        }
    };
    view! {
        <article class="article" lang=lang dir=dir node_ref=reader.article_ref on:click=on_click on:mousedown=on_mousedown on:focusin=on_focusin>
            {slice_views}
            {end_matter}
        </article>
    }
}

fn sentence_id(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let element: web_sys::Element = target?.dyn_into().ok()?;
    element
        .closest("[data-sid]")
        .ok()??
        .get_attribute("data-sid")?
        .parse()
        .ok()
}

/// The body's blocks in the groups the page shows them in: consecutive list items in one list,
/// consecutive quote paragraphs in one block quote, any other block alone.
fn groups(body: &[Block]) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut at = 0;
    while let Some(block) = body.get(at) {
        let run = match block.kind {
            BlockKind::ListItem | BlockKind::Quote => body[at..]
                .iter()
                .take_while(|b| b.kind == block.kind)
                .count(),
            _ => 1,
        };
        groups.push(at..at + run);
        at += run;
    }
    groups
}

/// The groups in slices of about `first` sentences, then about `rest` each; always one slice.
fn slices(
    article: &Article,
    groups: Vec<Range<usize>>,
    first: usize,
    rest: usize,
) -> Vec<Vec<Range<usize>>> {
    let body = article.body();
    let mut slices = vec![Vec::new()];
    let mut sentences = 0;
    for group in groups {
        let limit = if slices.len() == 1 { first } else { rest };
        if sentences >= limit {
            slices.push(Vec::new());
            sentences = 0;
        }
        sentences += body[group.clone()]
            .iter()
            .map(|b| b.sentences.len())
            .sum::<usize>();
        if let Some(slice) = slices.last_mut() {
            slice.push(group);
        }
    }
    slices
}

fn group_view(article: &Article, group: Range<usize>) -> AnyView {
    let body = article.body();
    let Some(first) = body.get(group.start) else {
        return ().into_any();
    };
    match first.kind {
        BlockKind::ListItem | BlockKind::Quote => {
            let items: Vec<AnyView> = body[group].iter().map(|b| block_view(article, b)).collect();
            if first.kind == BlockKind::ListItem {
                view! { <ul>{items}</ul> }.into_any()
            } else {
                view! { <blockquote>{items}</blockquote> }.into_any()
            }
        }
        _ => block_view(article, first),
    }
}

fn block_view(article: &Article, block: &Block) -> AnyView {
    let sentences = sentence_views(article, block);
    match block.kind {
        BlockKind::Headline => view! { <h1>{sentences}</h1> }.into_any(),
        BlockKind::Subheading => view! { <h2>{sentences}</h2> }.into_any(),
        BlockKind::Paragraph | BlockKind::Quote => view! { <p>{sentences}</p> }.into_any(),
        BlockKind::Byline => view! { <p class="byline">{sentences}</p> }.into_any(),
        BlockKind::ListItem => view! { <li>{sentences}</li> }.into_any(),
        BlockKind::Caption => view! { <p class="caption">{sentences}</p> }.into_any(),
    }
}

/// One element per sentence, with the white space between them kept as text so that the
/// block reads (and copies) exactly like its source.
fn sentence_views(article: &Article, block: &Block) -> Vec<AnyView> {
    let mut views = Vec::with_capacity(block.sentences.len() * 2);
    for sid in block.sentences.clone() {
        let Some(text) = article.sentence_text(sid) else {
            continue;
        };
        if sid > block.sentences.start {
            views.push(" ".into_any());
        }
        let text = text.to_owned();
        // Marks and selection are applied by `show_sentence_view`, only where they change.
        let tabindex = if sid == 0 { "0" } else { "-1" };
        views.push(
            view! { <span class="sentence" data-sid=sid.to_string() tabindex=tabindex>{text}</span> }
                .into_any(),
        );
    }
    views
}

/// Shows a sentence's marks and selection on its element: `data-annotated` (how many
/// annotations cover it), `data-annotation-ids` (theirs), `data-label`, `data-note`, the `selected` class and the roving
/// `tabindex`.
pub(super) fn show_sentence_view(element: &web_sys::HtmlElement, view: &SentenceView) {
    let set = |name: &str, value: Option<String>| {
        let _ = match value {
            Some(value) => element.set_attribute(name, &value),
            None => element.remove_attribute(name),
        };
    };
    let mark = &view.mark;
    set("data-annotated", mark.label.map(|_| mark.count.to_string()));
    set(
        "data-annotation-ids",
        (!mark.ids.is_empty()).then(|| mark.ids.clone()),
    );
    set("data-label", mark.label.map(|l| l.index().to_string()));
    set("data-note", mark.has_note.then(String::new));
    set(
        "tabindex",
        Some(if view.current { "0" } else { "-1" }.to_owned()),
    );
    let _ = element
        .class_list()
        .toggle_with_force("selected", view.selected);
}

fn tag_list(article: &Article) -> Option<impl IntoView + use<>> {
    if article.tags().is_empty() {
        return None;
    }
    let tags: Vec<_> = article
        .tags()
        .iter()
        .map(|tag| {
            let tag = article.slice(tag).to_owned();
            view! { <li class="tag">{tag}</li> }
        })
        .collect();
    Some(view! {
        <footer class="tag-line">
            <h2 class="visually-hidden">"Tags"</h2>
            <ul class="tags">{tags}</ul>
        </footer>
    })
}

fn comment_section(article: &Article, section: &CommentSection) -> impl IntoView + use<> {
    let heading = article.slice(&section.heading).to_owned();
    let comments: Vec<_> = section
        .comments
        .iter()
        .map(|comment| comment_view(article, comment))
        .collect();
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{heading}</h2>
            {comments}
        </section>
    }
}

fn comment_view(article: &Article, comment: &Comment) -> impl IntoView + use<> {
    let author = comment.author.as_ref().map(|author| {
        let author = article.slice(author).to_owned();
        view! { <p class="comment-author">{author}</p> }
    });
    let paragraphs: Vec<_> = comment
        .paragraphs
        .iter()
        .map(|p| view! { <p>{sentence_views(article, p)}</p> })
        .collect();
    view! {
        <article class="comment">
            {author}
            {paragraphs}
        </article>
    }
}
