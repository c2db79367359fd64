// Offline support: after the first visit the page, script, wasm, font and data
// come from this cache, so the app works with the network off. Each visit also
// asks the server in the background; when a file changed, the new copy is
// cached for the next visit and the open pages are told (they announce it).
'use strict';
const CACHE = 'qaward-v1';
const FILES = ['./', 'index.html', 'app.css', 'check.js', 'platform.js', 'qaward.js', 'qaward.wasm', 'qaward.data',
               'package-worker.js', 'qaward_worker.js', 'qaward_worker.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

async function announce() {
  for (const client of await self.clients.matchAll()) client.postMessage({ type: 'qaward-updated' });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request, { ignoreSearch: true });
    const refresh = fetch(request).then(async (response) => {
      if (response.ok) {
        const changed = cached && cached.headers.get('ETag') !== response.headers.get('ETag');
        await cache.put(request, response.clone());
        if (changed) await announce();
      }
      return response;
    }).catch(() => undefined);
    if (cached) {
      event.waitUntil(refresh);
      return cached;
    }
    return (await refresh) || new Response('offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  })());
});
