// ionpath's service worker. Written by scripts/gen-sw.mjs at build time from
// www/sw-template.js: PRECACHE lists every file of this build (hashed names),
// VERSION is a digest of their contents. Never edit the generated sw.js.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `ionpath-${VERSION}`;
const PREFIX = 'ionpath-';

// Install: fetch and store the whole build, or fail (and keep the old one).
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

// Activate: delete the caches of earlier builds, then control open pages.
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page asks the waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Cache first for this build's files; opening the page (with any query: the
// state lives in the URL) gets the cached page. Other pages of the site and
// anything else go to the network.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    const home = new URL(self.registration.scope).pathname;
    if (url.pathname !== home && url.pathname !== `${home}index.html`) return;
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match('./', { ignoreSearch: true })) ?? fetch(request);
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
  })());
});
