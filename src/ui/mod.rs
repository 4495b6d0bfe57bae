//! Leptos components. They render the core's plain types and turn reader actions into calls on
//! the core; they hold no rules of their own.

mod article;
mod articles;
mod backup_reminder;
mod dialog;
mod editor;
mod export;
mod help;
mod import;
mod keyboard;
mod language;
mod library_dialog;
mod on_demand;
mod open;
mod panel;
mod persistence;
mod share;
mod state;
mod toolbar;
mod update_banner;
mod version_offer;

use leptos::prelude::*;
use scholia_core::article::Article;
use scholia_core::library::article_id;

use article::ArticleView;
use articles::Articles;
use backup_reminder::BackupReminder;
use editor::Editor;
use help::Help;
use import::ImportPreviewDialog;
use on_demand::{load, view_on_demand};
use persistence::Persistence;
use share::SharedLayerView;
use state::{AlertKind, Reader};
use toolbar::Toolbar;
use update_banner::UpdateBanner;
use version_offer::VersionOffer;

/// The article shipped with the page, so that it shows with no network at all.
pub const DEFAULT_ARTICLE: &str = include_str!("../../articles/assad-flees-damascus.txt");

/// Starts the app a step per task: what the reader had (the library, the article on screen)
/// is read in one, the page is built in the next, so that neither holds up input for long. The
/// copy of the first screen stays until the app replaces it.
pub async fn start() {
    crate::browser::yield_to_browser().await;
    let (status, articles) = read_what_the_reader_had();
    crate::browser::yield_to_browser().await;
    leptos::mount::mount_to_body(move || view! { <App status=status articles=articles /> });
    crate::browser::remove_first_screen();
    on_demand::fetch_chunks();
}

/// The app mounted into `parent` in one go, as the browser tests need it.
pub fn mount_to(parent: web_sys::HtmlElement) {
    let (status, articles) = read_what_the_reader_had();
    leptos::mount::mount_to(
        parent,
        move || view! { <App status=status articles=articles /> },
    )
    .forget();
}

/// The page's live region and the reader's articles. Created outside the mounted tree's owner,
/// they live as long as the page.
fn read_what_the_reader_had() -> (RwSignal<String>, Articles) {
    let status = RwSignal::new(String::new());
    (status, Articles::new(status))
}

#[component]
fn App(status: RwSignal<String>, articles: Articles) -> impl IntoView {
    // A new article gets a new reader (its own store, storage key, history and listeners) and new
    // elements: the sentences' marks are set on them directly, so elements kept from the last
    // article would show its marks. Keyed by the article's id and language (the same text read
    // in another language has other sentences), the view is built afresh.
    let opened = move || {
        articles.article.with(|article| {
            article
                .as_ref()
                .map(|article| {
                    let key = (article_id(article), article.lang().map(str::to_owned));
                    (key, article.clone())
                })
                .into_iter()
                .collect::<Vec<_>>()
        })
    };
    let loading = Memo::new(move |_| articles.article.with(Option::is_none));
    let reader_view = view! {
        <Show
            when=move || !loading.get()
            fallback=|| view! { <p class="opening">"Opening your article…"</p> }
        >
            <For each=opened key=|(id, _)| id.clone() let:((_, article))>
                <ReaderView article=article status=status articles=articles />
            </For>
        </Show>
    };
    view! {
        <a class="skip-link" href="#main">"Skip to the article"</a>
        <header class="app-bar">
            <p class="brand">"Scholia"</p>
            <div class="article-controls">
                <open::OpenArticle articles=articles />
                <language::LanguagePicker articles=articles />
            </div>
        </header>
        <Show when=move || articles.refusal.with(Option::is_some)>
            <div class="alerts">
                <div class="alert" role="alert" data-alert="article-refused">
                    <p>{move || articles.refusal.get().unwrap_or_default()}</p>
                    <button type="button" on:click=move |_| articles.refusal.set(None)>
                        "Dismiss"
                    </button>
                </div>
            </div>
        </Show>
        {reader_view}
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || status.get()}
        </div>
    }
}

/// Names the tab after the article.
fn show_title(article: &Article) {
    if let Some(headline) = article.headline() {
        crate::browser::set_document_title(&format!("{} · Scholia", article.slice(&headline.span)));
    }
}

#[component]
fn ReaderView(article: Article, status: RwSignal<String>, articles: Articles) -> impl IntoView {
    show_title(&article);
    // The whole reading layout runs the article's way: the panel on its far side, the toolbar
    // from its start.
    crate::browser::set_document_direction(article.direction().as_attribute());
    let reader = Reader::new(article);
    Persistence::listen(reader);
    keyboard::listen(reader);
    import::listen(reader, articles);
    share::listen(reader);
    // The page-wide live region announces this reader's changes.
    Effect::new(move |_| status.set(reader.status.get()));
    let panel_open = RwSignal::new(false);
    let built = built_after_first_paint();
    let built = move |step| built.get() >= step;
    view! {
        <Toolbar reader=reader articles=articles />
        <Alerts reader=reader />
        <VersionOffer reader=reader articles=articles />
        <SharedLayerView reader=reader />
        <div class="layout">
            <main id="main" tabindex="-1">
                <ArticleView reader=reader />
            </main>
            // Its column is laid out without it, so nothing moves when it arrives.
            <Show when=move || built(AfterPaint::Panel)>
                {view_on_demand(
                    reader,
                    async move { load!(panel::panel_view(reader, panel_open)) },
                    || (),
                )}
            </Show>
        </div>
        // Not deferred: a key typed right after `n` must reach the note.
        <Editor reader=reader />
        <Show when=move || built(AfterPaint::Notices)>
            {view_on_demand(reader, async move { load!(notices()) }, || ())}
        </Show>
        <Show when=move || built(AfterPaint::Help)>
            <Help reader=reader />
        </Show>
        <Show when=move || built(AfterPaint::Dialogs)>
            <ImportPreviewDialog reader=reader />
        </Show>
    }
}

/// The update banner and the backup reminder: their code is fetched once the article is on
/// screen, as they have nothing to say before.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(notices, fallible))]
fn notices() -> Result<AnyView, on_demand::Unloaded> {
    Ok(view! {
        <div class="notices">
            <UpdateBanner />
            <BackupReminder />
        </div>
    }
    .into_any())
}

/// What is not needed to read the article, in the order it is built once the browser has painted
/// the first frame: a task each, so that the article shows sooner and no one task holds up input.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AfterPaint {
    Nothing,
    Panel,
    Notices,
    Help,
    Dialogs,
}

impl AfterPaint {
    fn next(self) -> Option<Self> {
        match self {
            Self::Nothing => Some(Self::Panel),
            Self::Panel => Some(Self::Notices),
            Self::Notices => Some(Self::Help),
            Self::Help => Some(Self::Dialogs),
            Self::Dialogs => None,
        }
    }
}

/// What has been built after the first paint, a step per task.
fn built_after_first_paint() -> ReadSignal<AfterPaint> {
    let (built, set_built) = signal(AfterPaint::Nothing);
    crate::browser::after_first_paint(move || {
        leptos::task::spawn_local(async move {
            let mut step = AfterPaint::Nothing;
            while let Some(next) = step.next() {
                // `Some` once the reader is gone: nothing more to build.
                if set_built.try_set(next).is_some() {
                    return;
                }
                step = next;
                crate::browser::yield_to_browser().await;
            }
        });
    });
    built
}

#[component]
fn Alerts(reader: Reader) -> impl IntoView {
    view! {
        <div class="alerts">
            <For
                each=move || reader.alerts.get()
                key=|alert| (alert.kind, alert.message.clone())
                let:alert
            >
                <div class="alert" role="alert" data-alert=alert_name(alert.kind)>
                    <p>{alert.message.clone()}</p>
                    <button type="button" on:click=move |_| reader.dismiss_alert(alert.kind)>
                        "Dismiss"
                    </button>
                </div>
            </For>
        </div>
    }
}

fn alert_name(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::StorageBlocked => "storage-blocked",
        AlertKind::QuotaExceeded => "quota-exceeded",
        AlertKind::UnreadableMovedAside => "unreadable-moved-aside",
        AlertKind::UnreadableKept => "unreadable-kept",
        AlertKind::NewerVersion => "newer-version",
        AlertKind::ImportRefused => "import-refused",
        AlertKind::ShareUnavailable => "share-unavailable",
        AlertKind::Unloaded => "unloaded",
    }
}
