//! The article as the reader sees it: headline, subheadings and paragraphs made of sentences that
//! can be pointed at, then the tag line and the comment section, set apart from the prose.

use leptos::prelude::*;
use scholia_core::article::{Article, Block, BlockKind, Comment, CommentSection};

#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let blocks: Vec<AnyView> = article
        .body()
        .iter()
        .map(|block| block_view(&article, block))
        .collect();
    let tags = tag_list(&article);
    let comments = article
        .comments()
        .map(|section| comment_section(&article, section));
    view! {
        <article class="article" lang="en">
            {blocks}
            {tags}
            {comments}
        </article>
    }
}

fn block_view(article: &Article, block: &Block) -> AnyView {
    let sentences = sentence_views(article, block);
    match block.kind {
        BlockKind::Headline => view! { <h1>{sentences}</h1> }.into_any(),
        BlockKind::Subheading => view! { <h2>{sentences}</h2> }.into_any(),
        BlockKind::Paragraph => view! { <p>{sentences}</p> }.into_any(),
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
        views.push(
            view! { <span class="sentence" data-sid=sid.to_string()>{text}</span> }.into_any(),
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
