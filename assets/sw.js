// Scholia's service worker: keeps one build's files in a cache of their own, serves them with no
// network, and hands over to a newer build only when the reader asks (the page sends
// 'skip-waiting'), so that one page never mixes two builds' files.
//
// This is a template: scripts/lib/post-build.mjs fills in its constants from the built files and
// writes the result to the build's sw.js.

// A hash of every precached file: any change to the build changes it, and so this script's bytes,
// which is how browsers notice an update.
const VERSION = '%VERSION%';
// { url relative to this script, integrity (SRI), cache (fetch mode) }.
const PRECACHE = /* %PRECACHE% */ [];

const SCOPE = self.registration.scope;
// Caches are shared by a whole origin: the scope keeps copies served from other sub-paths apart.
const PREFIX = `scholia ${SCOPE} `;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOldCaches());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  event.respondWith(respond(request, url));
});

// Fetches every file and checks it against the build's hash, so that a half-deployed or stale
// host fails the install (the browser retries later) instead of filling the new cache with another
// build's files.
async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    PRECACHE.map(async (file) => {
      const url = new URL(file.url, self.location).href;
      const response = await fetch(url, { cache: file.cache, integrity: file.integrity });
      if (!response.ok) throw new Error(`precache: ${response.status} for ${url}`);
      await cache.put(url, await unredirected(response));
    }),
  );
}

// A redirected response may not answer a navigation: hosts that redirect index.html to ./
// would otherwise break the offline page.
async function unredirected(response) {
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

async function deleteOldCaches() {
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
  );
}

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  const navigation = request.mode === 'navigate';
  if (navigation) {
    url.search = '';
    url.hash = '';
  }
  // The page answers to ./ and to index.html, with any query.
  const key = navigation && (url.href === SCOPE || url.href === INDEX) ? INDEX : url.href;
  return (await cache.match(key)) ?? fetch(request);
}
