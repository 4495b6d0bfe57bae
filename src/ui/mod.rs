//! Leptos components. They render the core's plain types and turn reader actions into calls on
//! the core; they hold no rules of their own.

mod article;
mod backup_reminder;
mod update_banner;

use leptos::prelude::*;
use scholia_core::article::Article;

pub use article::ArticleView;
use backup_reminder::BackupReminder;
use update_banner::UpdateBanner;

/// The article shipped with the page, so that it shows with no network at all.
const DEFAULT_ARTICLE: &str = include_str!("../../articles/assad-flees-damascus.txt");

#[component]
pub fn App() -> impl IntoView {
    let article = Article::parse(DEFAULT_ARTICLE);
    if let Some(headline) = article.headline() {
        crate::browser::set_document_title(&format!("{} · Scholia", article.slice(&headline.span)));
    }
    view! {
        <main id="main">
            <ArticleView article=article />
        </main>
        <div class="notices">
            <UpdateBanner />
            <BackupReminder />
        </div>
    }
}
