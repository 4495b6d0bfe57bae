//! The article as the reader sees it: headline, subheadings and paragraphs made of sentences that
//! can be pointed at, then the tag line and the comment section, set apart from the prose.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use scholia_core::article::{Article, Block, BlockKind, Comment, CommentSection};
use wasm_bindgen::JsCast;

use super::state::Reader;

#[component]
pub fn ArticleView(reader: Reader) -> impl IntoView {
    let content = reader.article.with_value(|article| {
        let blocks: Vec<AnyView> = article
            .body()
            .iter()
            .map(|block| block_view(reader, article, block))
            .collect();
        let tags = tag_list(article);
        let comments = article
            .comments()
            .map(|section| comment_section(reader, article, section));
        view! { {blocks} {tags} {comments} }
    });
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
        <article class="article" lang="en" on:click=on_click on:mousedown=on_mousedown on:focusin=on_focusin>
            {content}
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

fn block_view(reader: Reader, article: &Article, block: &Block) -> AnyView {
    let sentences = sentence_views(reader, article, block);
    match block.kind {
        BlockKind::Headline => view! { <h1>{sentences}</h1> }.into_any(),
        BlockKind::Subheading => view! { <h2>{sentences}</h2> }.into_any(),
        BlockKind::Paragraph => view! { <p>{sentences}</p> }.into_any(),
    }
}

/// One element per sentence, with the white space between them kept as text so that the
/// block reads (and copies) exactly like its source.
fn sentence_views(reader: Reader, article: &Article, block: &Block) -> Vec<AnyView> {
    let mut views = Vec::with_capacity(block.sentences.len() * 2);
    for sid in block.sentences.clone() {
        let (Some(text), Some(view)) = (article.sentence_text(sid), reader.sentence_view(sid))
        else {
            continue;
        };
        if sid > block.sentences.start {
            views.push(" ".into_any());
        }
        let text = text.to_owned();
        views.push(
            view! {
                <span
                    class="sentence"
                    class:selected=move || view.with(|v| v.selected)
                    data-sid=sid.to_string()
                    tabindex=move || if view.with(|v| v.current) { "0" } else { "-1" }
                    data-annotated=move || view.with(|v| v.mark.label.map(|_| v.mark.count.to_string()))
                    data-label=move || view.with(|v| v.mark.label.map(|l| l.index().to_string()))
                    data-note=move || view.with(|v| v.mark.has_note.then_some(""))
                >
                    {text}
                </span>
            }
            .into_any(),
        );
    }
    views
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

fn comment_section(
    reader: Reader,
    article: &Article,
    section: &CommentSection,
) -> impl IntoView + use<> {
    let heading = article.slice(&section.heading).to_owned();
    let comments: Vec<_> = section
        .comments
        .iter()
        .map(|comment| comment_view(reader, article, comment))
        .collect();
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{heading}</h2>
            {comments}
        </section>
    }
}

fn comment_view(reader: Reader, article: &Article, comment: &Comment) -> impl IntoView + use<> {
    let author = comment.author.as_ref().map(|author| {
        let author = article.slice(author).to_owned();
        view! { <p class="comment-author">{author}</p> }
    });
    let paragraphs: Vec<_> = comment
        .paragraphs
        .iter()
        .map(|p| view! { <p>{sentence_views(reader, article, p)}</p> })
        .collect();
    view! {
        <article class="comment">
            {author}
            {paragraphs}
        </article>
    }
}
