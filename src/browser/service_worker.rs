//! The service worker that keeps the app working offline (assets/sw.js), and the hand-over to a
//! new version when the reader asks for it.
//!
//! A page registers the worker that its `<meta name="scholia-service-worker">` names. Only release
//! builds have that tag (scripts/lib/post-build.mjs adds it), so `trunk serve`, the browser tests
//! and the standalone file (file:// has no service workers) run without one.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The message that assets/sw.js answers by taking over from the version in charge.
const SKIP_WAITING: &str = "skip-waiting";

/// Event listeners that stay for as long as their owner keeps this; dropping it removes them.
#[derive(Clone, Default)]
pub struct Listeners(Rc<RefCell<Vec<EventListener>>>);

impl Listeners {
    fn add(&self, listener: EventListener) {
        // Listeners are only added from event handlers and tasks, never while the list is read.
        if let Ok(mut listeners) = self.0.try_borrow_mut() {
            listeners.push(listener);
        }
    }

    fn downgrade(&self) -> Weak<RefCell<Vec<EventListener>>> {
        Rc::downgrade(&self.0)
    }
}

/// A new version of the app, installed and waiting for the reader's go-ahead.
#[derive(Clone)]
pub struct WaitingUpdate {
    worker: ServiceWorker,
    reload: Listeners,
}

impl WaitingUpdate {
    /// Lets the waiting version take over, then reloads the page into it, once.
    pub fn apply(&self) -> Result<(), JsValue> {
        let container = container().ok_or_else(|| JsValue::from_str("no service workers"))?;
        self.reload
            .add(EventListener::once(&container, "controllerchange", |_| {
                if let Some(window) = web_sys::window() {
                    // If even this fails, the next visit opens the new version anyway.
                    let _ = window.location().reload();
                }
            }));
        self.worker.post_message(&JsValue::from_str(SKIP_WAITING))
    }
}

/// Registers the page's service worker, if it names one, once the page has painted (the worker's
/// install fetches every file of the build, which must not hold up the article), and calls
/// `on_update` with every new version that then waits to take over, for as long as the returned
/// listeners are kept.
pub fn register(on_update: impl Fn(WaitingUpdate) + 'static) -> Listeners {
    let listeners = Listeners::default();
    let on_update: Rc<dyn Fn(WaitingUpdate)> = Rc::new(on_update);
    let kept = listeners.downgrade();
    super::after_first_paint(move || {
        if let Some(kept) = kept.upgrade() {
            register_now(on_update, Listeners(kept));
        }
    });
    listeners
}

fn register_now(on_update: Rc<dyn Fn(WaitingUpdate)>, listeners: Listeners) {
    let (Some(url), Some(container)) = (worker_url(), container()) else {
        return;
    };
    let kept = listeners.downgrade();
    wasm_bindgen_futures::spawn_local(async move {
        // Without a worker (storage disabled, a refusing browser) the page still works online.
        let Ok(registration) = JsFuture::from(container.register(&url)).await else {
            return;
        };
        let (Ok(registration), Some(kept)) = (
            registration.dyn_into::<ServiceWorkerRegistration>(),
            kept.upgrade(),
        ) else {
            return;
        };
        watch(&registration, on_update, &Listeners(kept));
    });
}

/// `navigator.serviceWorker`, which insecure pages (plain http, file://) and old browsers lack.
fn container() -> Option<ServiceWorkerContainer> {
    super::navigator_property("serviceWorker")
}

fn worker_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name=scholia-service-worker]")
        .ok()??
        .get_attribute("content")
}

fn watch(
    registration: &ServiceWorkerRegistration,
    on_update: Rc<dyn Fn(WaitingUpdate)>,
    listeners: &Listeners,
) {
    // A version may have finished installing on an earlier visit, or be installing already:
    // browsers look for updates on every navigation, before this code runs.
    if let Some(worker) = registration.waiting() {
        offer(worker, on_update.as_ref());
    }
    if let Some(worker) = registration.installing() {
        when_installed(worker, on_update.clone(), listeners);
    }
    let found = registration.clone();
    let kept = listeners.downgrade();
    listeners.add(EventListener::new(registration, "updatefound", move |_| {
        if let (Some(worker), Some(kept)) = (found.installing(), kept.upgrade()) {
            when_installed(worker, on_update.clone(), &Listeners(kept));
        }
    }));
}

fn when_installed(
    worker: ServiceWorker,
    on_update: Rc<dyn Fn(WaitingUpdate)>,
    listeners: &Listeners,
) {
    let installed = worker.clone();
    listeners.add(EventListener::new(&worker, "statechange", move |_| {
        if installed.state() == ServiceWorkerState::Installed {
            offer(installed.clone(), on_update.as_ref());
        }
    }));
}

fn offer(worker: ServiceWorker, on_update: &dyn Fn(WaitingUpdate)) {
    // The first install has no older version on screen to replace.
    if container().and_then(|c| c.controller()).is_some() {
        on_update(WaitingUpdate {
            worker,
            reload: Listeners::default(),
        });
    }
}
