//! The reader's articles: which one is on screen, the library of those they opened (its list in
//! localStorage, their content in the article store), and opening new ones from files, drops and
//! pastes. Every change goes through [`Articles`]; the views only render its signals.

use leptos::prelude::*;
use scholia_core::annotation::Millis;
use scholia_core::article::{Article, Segmenting};
use scholia_core::codec::Json;
use scholia_core::library::{Entry, Library};
use scholia_core::saving::{Keys, Stored};
use scholia_core::source::{self, Content, Format, Unreadable};
use scholia_core::storage::{annotations_key, article_id};
use scholia_core::store::Store;

use super::on_demand::{Unloaded, load};
use crate::browser::json::BrowserJson;
use crate::browser::storage::{LocalStorage, StorageError};
use crate::browser::{article_store, now_ms, page, yield_to_browser};

const LIBRARY_KEY: &str = "scholia:library";
/// Where earlier versions kept the one article the reader had opened, as plain text.
const LEGACY_ARTICLE_KEY: &str = "scholia:article";

/// The default article, which is always in the library and cannot be deleted.
pub fn default_content() -> Content {
    Content::Text(super::DEFAULT_ARTICLE.to_owned())
}

/// An article taken out of the library, kept until the reader undoes or forgets it.
#[derive(Clone)]
pub struct Deleted {
    pub at: usize,
    pub entry: Entry,
    content: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Articles {
    pub library: RwSignal<Library>,
    /// The article on screen; `None` while it is read from the article store.
    pub article: RwSignal<Option<Article>>,
    /// Why the last article could not be opened or kept, for the page's alert.
    pub refusal: RwSignal<Option<String>>,
    pub deleted: RwSignal<Option<Deleted>>,
    /// The article that the one just opened looks like a new version of, while its annotations
    /// are offered to carry over.
    pub earlier_version: RwSignal<Option<Entry>>,
    status: RwSignal<String>,
}

impl Articles {
    pub fn new(status: RwSignal<String>) -> Self {
        let mut library = load_library();
        let legacy = take_legacy_article();
        let article = match (&legacy, &library.current) {
            (Some(text), _) => Some(Article::parse(text.as_str())),
            (None, None) => Some(default_article(&library)),
            (None, Some(_)) => None,
        };
        if legacy.is_some() {
            library.current = None;
        }
        let articles = Articles {
            library: RwSignal::new(library),
            article: RwSignal::new(article),
            refusal: RwSignal::new(None),
            deleted: RwSignal::new(None),
            earlier_version: RwSignal::new(None),
            status,
        };
        if let Some(text) = legacy {
            let content = Content::Text(text);
            let article = content.article();
            articles.keep(content, article, "an earlier session".into(), true);
        } else if let Some(id) = articles.library.with_untracked(|l| l.current.clone()) {
            articles.show(id);
        }
        articles
    }

    /// Opens a file the reader picked or dropped.
    pub fn open_file(self, file: web_sys::File) {
        let name = file.name();
        leptos::task::spawn_local(async move {
            let bytes = crate::browser::files::read_bytes(file, source::MAX_ARTICLE_BYTES).await;
            match bytes {
                Ok(bytes) => self.open_bytes(name, &bytes),
                Err(crate::browser::files::ReadError::TooLarge { bytes }) => {
                    self.refuse(&name, &Unreadable::TooLarge { bytes })
                }
                Err(crate::browser::files::ReadError::Unreadable) => {
                    self.refused(format!("{name} could not be read. Nothing was changed."))
                }
            }
        });
    }

    /// Opens the bytes of a file called `name`.
    pub fn open_bytes(self, name: String, bytes: &[u8]) {
        let text = match source::utf8_text(bytes) {
            Ok(text) => text.to_owned(),
            Err(Unreadable::OtherEncoding {
                charset: Some(charset),
            }) => match decode(&charset, bytes) {
                Some(text) => text,
                None => {
                    return self.refuse(
                        &name,
                        &Unreadable::OtherEncoding {
                            charset: Some(charset),
                        },
                    );
                }
            },
            Err(why) => return self.refuse(&name, &why),
        };
        let format = Format::guess(&name, &text);
        self.open_text(&name, format, &text);
    }

    /// Opens `text`, which came as `name` (a file name, or "The pasted page"), read as `format`.
    pub fn open_text(self, name: &str, format: Format, text: &str) {
        let (name, text) = (name.to_owned(), text.to_owned());
        leptos::task::spawn_local(async move {
            match load!(read_article(format, text)) {
                Ok(Ok(content)) => {
                    // Reading, segmenting and keeping a long article are tasks of their own, so
                    // that input is handled between them. An article opened before is read in
                    // the language the reader chose for it then.
                    let segmenting = content.segmenting();
                    let id = article_id(segmenting.text());
                    let lang = self.chosen_language(Some(&id));
                    let article = segment_in_slices(in_language(segmenting, lang)).await;
                    if article.sentences().is_empty() {
                        return self.refuse(&name, &Unreadable::Empty);
                    }
                    yield_to_browser().await;
                    self.keep(content, article, name, false);
                }
                Ok(Err(why)) => self.refuse(&name, &why),
                Err(_) => self.refused(format!(
                    "{name} could not be opened: the part of Scholia that reads articles could                      not be loaded. Try again; if it fails again, reload the page while online."
                )),
            }
        });
    }

    fn refuse(self, name: &str, why: &Unreadable) {
        self.refused(format!(
            "{name} could not be opened: {why}. Nothing was changed."
        ));
    }

    fn refused(self, message: String) {
        self.refusal.set(Some(message));
    }

    /// Shows `content` at once, then keeps it in the library. An article from an earlier
    /// version's key leaves that key only once it is kept here.
    fn keep(self, content: Content, article: Article, source_name: String, from_legacy_key: bool) {
        let mut entry = Entry::new(&article, &source_name, 0, now_ms() as Millis);
        let title = entry.title.clone();
        self.refusal.set(None);
        // Whether it has annotations to offer is seen once the article on screen until now has
        // saved its own, as it does when its view goes.
        let earlier = self.library.with_untracked(|l| {
            let is_new = l.entry(&entry.id).is_none();
            l.earlier_version(&entry).filter(|_| is_new).cloned()
        });
        self.earlier_version.set(earlier);
        self.article.set(Some(article));
        leptos::task::spawn_local(async move {
            // Written in a task after the one that shows the article: a long one takes a while.
            yield_to_browser().await;
            // Unwritable content is still shown; it is only not kept (said below).
            let json = BrowserJson.write(&content).unwrap_or_default();
            entry.bytes = json.len();
            self.library.update(|l| l.opened(entry.clone()));
            let kept = !json.is_empty() && article_store::put(&entry.id, &json).await.is_ok();
            // The list is saved once the content is there: a reload in between shows the article
            // read before, never an entry whose content is missing.
            self.save_library();
            if kept && from_legacy_key {
                forget_legacy_article();
            }
            if kept {
                self.status
                    .set(format!("Opened “{title}”; it is kept in your articles."));
            } else {
                self.refused(format!(
                    "“{title}” is open, but this browser has no room to keep it: after a reload \
                     it will not be in your articles. Its annotations are kept as usual."
                ));
            }
        });
    }

    /// Switches to a library article by id, or to the default article.
    pub fn switch_to(self, id: Option<String>) {
        self.earlier_version.set(None);
        match id {
            None => {
                self.library.update(|l| l.current = None);
                self.save_library();
                self.article.set(Some(self.default_article()));
                self.status.set("Showing the default article.".into());
            }
            Some(id) => {
                self.library.update(|l| {
                    l.current = Some(id.clone());
                    if let Some(entry) = l.entries.iter_mut().find(|e| e.id == id) {
                        entry.opened = now_ms();
                    }
                });
                self.save_library();
                self.show(id);
            }
        }
    }

    /// Reads article `id` from the store and shows it; the default article if it is gone.
    fn show(self, id: String) {
        leptos::task::spawn_local(async move {
            let stored = article_store::get(&id).await.ok().flatten();
            let content = stored.and_then(|json| {
                let document = BrowserJson.parse(&json).ok()?;
                BrowserJson.read::<Content>(&document).ok()
            });
            match content {
                Some(content) => {
                    let title = self.title_of(&id);
                    let lang = self.chosen_language(Some(&id));
                    let article = segment_in_slices(in_language(content.segmenting(), lang)).await;
                    self.article.set(Some(article));
                    self.status.set(format!("Showing “{title}”."));
                }
                None => {
                    self.library.update(|l| l.current = None);
                    self.save_library();
                    self.article.set(Some(self.default_article()));
                    self.refused(format!(
                        "“{}” is no longer in this browser's storage, so the default article is \
                         shown. Its annotations are still kept; open the file again to see them.",
                        self.title_of(&id)
                    ));
                }
            }
        });
    }

    /// Reads the article on screen again in `lang` (`None`: what it declares or its script
    /// tells), and keeps the choice with it in the library. Returns whether the choice holds.
    pub fn choose_language(self, lang: Option<String>) -> bool {
        let id = self.library.with_untracked(|l| l.current.clone());
        let mut changed = false;
        self.library
            .update(|l| changed = l.choose_language(id.as_deref(), lang.as_deref()));
        let holds = self.chosen_language(id.as_deref()) == lang;
        if changed {
            self.save_library();
            match id {
                None => self.article.set(Some(self.default_article())),
                Some(id) => self.show(id),
            }
        }
        holds
    }

    /// The language the reader chose for article `id` (`None`: the default article).
    fn chosen_language(self, id: Option<&str>) -> Option<String> {
        self.library
            .with_untracked(|l| l.language(id).map(str::to_owned))
    }

    fn default_article(self) -> Article {
        self.library.with_untracked(default_article)
    }

    fn title_of(self, id: &str) -> String {
        self.library
            .with_untracked(|l| l.entry(id).map(|e| e.title.clone()))
            .unwrap_or_default()
    }

    pub fn rename(self, id: &str, title: &str) {
        let mut changed = false;
        self.library.update(|l| changed = l.rename(id, title));
        if changed {
            self.save_library();
            self.status
                .set(format!("Renamed to “{}”.", self.title_of(id)));
        }
    }

    /// Takes an article out of the library; [`Articles::undo_delete`] puts it back. Its
    /// annotations stay in storage, so opening the file again brings them back too.
    pub fn delete(self, id: String) {
        let was_current = self
            .library
            .with_untracked(|l| l.current.as_deref() == Some(id.as_str()));
        let Some((at, entry)) = self.library.try_update(|l| l.remove(&id)).flatten() else {
            return;
        };
        self.save_library();
        if was_current {
            self.article.set(Some(self.default_article()));
        }
        let title = entry.title.clone();
        leptos::task::spawn_local(async move {
            let content = article_store::get(&id).await.ok().flatten();
            article_store::delete(&id).await;
            self.deleted.set(Some(Deleted { at, entry, content }));
            self.status.set(format!("Deleted “{title}”."));
        });
    }

    pub fn undo_delete(self) {
        let Some(deleted) = self.deleted.try_update(Option::take).flatten() else {
            return;
        };
        let title = deleted.entry.title.clone();
        self.library
            .update(|l| l.restore(deleted.at, deleted.entry.clone()));
        self.save_library();
        leptos::task::spawn_local(async move {
            if let Some(content) = deleted.content {
                let _ = article_store::put(&deleted.entry.id, &content).await;
            }
            self.status
                .set(format!("“{title}” is back in your articles."));
        });
    }

    fn save_library(self) {
        let saved = self.library.with_untracked(|library| {
            let json = BrowserJson
                .write(library)
                .map_err(|_| StorageError::Unavailable)?;
            LocalStorage::open()?.set(LIBRARY_KEY, &json)
        });
        if saved.is_err() {
            self.refused(
                "The list of your articles could not be saved in this browser's storage; it \
                 will be as before after a reload."
                    .into(),
            );
        }
    }
}

/// The readers of web pages and Markdown, with the extractor: needed only when an article is
/// opened, so the release build fetches them then (an article kept in the library is shown again
/// from its blocks, without them).
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(reading, fallible, preload(preload_reading))
)]
pub(super) fn read_article(
    format: Format,
    text: String,
) -> Result<Result<Content, Unreadable>, Unloaded> {
    Ok(source::read(format, &text, page::parse))
}

/// Bytes of text split into sentences per task: a few milliseconds' work on a slow phone.
const SEGMENTED_PER_TASK: usize = 64 * 1024;

/// The default article, in the language the reader chose for it.
fn default_article(library: &Library) -> Article {
    let lang = library.language(None).map(str::to_owned);
    in_language(default_content().segmenting(), lang).finish()
}

/// `segmenting` in the language the reader chose, if they did.
fn in_language(segmenting: Segmenting, lang: Option<String>) -> Segmenting {
    match lang {
        Some(tag) => segmenting.in_language(&tag),
        None => segmenting,
    }
}

/// The article being segmented, split into sentences a slice per task.
async fn segment_in_slices(mut segmenting: Segmenting) -> Article {
    loop {
        yield_to_browser().await;
        if segmenting.step(SEGMENTED_PER_TASK) {
            break segmenting.finish();
        }
    }
}

/// The annotations kept for article `id`; none if storage is blocked or holds none.
pub(super) fn stored_annotations(id: &str) -> Store {
    LocalStorage::open()
        .ok()
        .and_then(|s| Stored::read(&s, &Keys::new(annotations_key(id))).ok())
        .and_then(|stored| stored.decode(&BrowserJson).ok())
        .unwrap_or_default()
}

fn load_library() -> Library {
    let Some(json) = LocalStorage::open()
        .ok()
        .and_then(|s| s.get(LIBRARY_KEY).ok().flatten())
    else {
        return Library::default();
    };
    BrowserJson
        .parse(&json)
        .and_then(|document| BrowserJson.read(&document))
        .unwrap_or_default()
}

/// The article an earlier version kept, to move into the library (see [`Articles::new`]).
fn take_legacy_article() -> Option<String> {
    LocalStorage::open()
        .ok()?
        .get(LEGACY_ARTICLE_KEY)
        .ok()
        .flatten()
}

fn forget_legacy_article() {
    if let Ok(storage) = LocalStorage::open() {
        let _ = storage.remove(LEGACY_ARTICLE_KEY);
    }
}

/// `bytes` decoded by the browser as `charset`, if it knows that encoding.
fn decode(charset: &str, bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label(charset).ok()?;
    decoder
        .decode_with_buffer_source(&js_sys::Uint8Array::from(bytes))
        .ok()
}
