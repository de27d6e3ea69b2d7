// Stipt's service worker: the app opens with no network after the first visit.
//
// Install: fetch the page, find every file it names (the hashed .js, .wasm and .css that Trunk
// writes, the manifest and the icon) and keep them in the cache. Then:
// - the page itself: from the network when there is one (so a new version is picked up), else
//   from the cache;
// - the app's other files (their names change with their content): from the cache, else from
//   the network, and kept.
// Only GET requests to the app's own origin are handled; there are no others (the
// Content-Security-Policy allows nothing else). The ledger is not here: it is in localStorage.

const CACHE = 'stipt-app';

function namedFiles(html) {
  const urls = new Set();
  for (const m of html.matchAll(/(?:href|src)\s*=\s*"([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/['"]([^'"\s]+\.(?:js|wasm|css|webmanifest|svg|png))['"]/g)) urls.add(m[1]);
  return [...urls].filter((u) => !u.startsWith('data:') && !/^[a-z]+:\/\//i.test(u) && !u.startsWith('#'));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'no-cache' });
      if (!page.ok) throw new Error(`page: ${page.status}`);
      const html = await page.clone().text();
      await cache.put('./', page);
      await cache.addAll(namedFiles(html));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put('./', copy));
          }
          return response;
        })
        .catch(async () => (await caches.match('./')) ?? Response.error()),
    );
    return;
  }
  event.respondWith(
    caches.match(request).then(
      (hit) =>
        hit ??
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
