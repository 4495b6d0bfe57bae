//! The service worker that keeps the app working offline (assets/sw.js), and the hand-over to a
//! new version when the reader asks for it.
//!
//! A page registers the worker that its `<meta name="scholia-service-worker">` names. Only release
//! builds have that tag (scripts/lib/post-build.mjs adds it), so `trunk serve`, the browser tests
//! and the standalone file (file:// has no service workers) run without one.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AddEventListenerOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

/// The message that assets/sw.js answers by taking over from the version in charge.
const SKIP_WAITING: &str = "skip-waiting";

/// A new version of the app, installed and waiting for the reader's go-ahead.
#[derive(Clone)]
pub struct WaitingUpdate(ServiceWorker);

impl WaitingUpdate {
    /// Lets the waiting version take over, then reloads the page into it, once.
    pub fn apply(&self) -> Result<(), JsValue> {
        let container = container().ok_or_else(|| JsValue::from_str("no service workers"))?;
        let options = AddEventListenerOptions::new();
        options.set_once(true);
        let reload = Closure::once_into_js(|| {
            if let Some(window) = web_sys::window() {
                // If even this fails, the next visit opens the new version anyway.
                let _ = window.location().reload();
            }
        });
        container.add_event_listener_with_callback_and_add_event_listener_options(
            "controllerchange",
            reload.unchecked_ref(),
            &options,
        )?;
        self.0.post_message(&JsValue::from_str(SKIP_WAITING))
    }
}

/// Registers the page's service worker, if it names one, and calls `on_update` with every new
/// version that then waits to take over.
pub fn register(on_update: impl Fn(WaitingUpdate) + 'static) {
    let (Some(url), Some(container)) = (worker_url(), container()) else {
        return;
    };
    let on_update: Rc<dyn Fn(WaitingUpdate)> = Rc::new(on_update);
    wasm_bindgen_futures::spawn_local(async move {
        // Without a worker (storage disabled, a refusing browser) the page still works online.
        let Ok(registration) = JsFuture::from(container.register(&url)).await else {
            return;
        };
        if let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() {
            watch(&registration, on_update);
        }
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

fn watch(registration: &ServiceWorkerRegistration, on_update: Rc<dyn Fn(WaitingUpdate)>) {
    // A version may have finished installing on an earlier visit, or be installing already:
    // browsers look for updates on every navigation, before this code runs.
    if let Some(worker) = registration.waiting() {
        offer(worker, on_update.as_ref());
    }
    if let Some(worker) = registration.installing() {
        when_installed(worker, on_update.clone());
    }
    let found = registration.clone();
    let on_found = Closure::<dyn Fn()>::new(move || {
        if let Some(worker) = found.installing() {
            when_installed(worker, on_update.clone());
        }
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    // Listens for as long as the page lives.
    on_found.forget();
}

fn when_installed(worker: ServiceWorker, on_update: Rc<dyn Fn(WaitingUpdate)>) {
    let installed = worker.clone();
    let on_change = Closure::<dyn Fn()>::new(move || {
        if installed.state() == ServiceWorkerState::Installed {
            offer(installed.clone(), on_update.as_ref());
        }
    });
    worker.set_onstatechange(Some(on_change.as_ref().unchecked_ref()));
    // Lives as long as the worker it watches, at most the page.
    on_change.forget();
}

fn offer(worker: ServiceWorker, on_update: &dyn Fn(WaitingUpdate)) {
    // The first install has no older version on screen to replace.
    if container().and_then(|c| c.controller()).is_some() {
        on_update(WaitingUpdate(worker));
    }
}
