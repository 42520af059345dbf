// Keeps the QR checker available offline. Registered for /check/ and for /d/: online, /d/{number} goes to the
// network (the document's page); offline, it opens the cached checker, which reads the proof from the URL fragment.
'use strict';

const CACHE = 'registry-check-v1';
const SHELL = ['/check/', '/check/check.js', '/check/check.css'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => name.startsWith('registry-check-') && name !== CACHE).map(name => caches.delete(name))))
    .then(() => self.clients.claim()));
});

/** Network first, so an online visit always gets the current page; the cached copy when the network fails. */
async function networkFirst(request, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok && request.method === 'GET' && SHELL.includes(new URL(request.url).pathname)) {
      const copy = response.clone();
      caches.open(CACHE).then(cache => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(fallback ?? request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== 'GET') return;
  if (url.pathname.startsWith('/d/') && event.request.mode === 'navigate') {
    event.respondWith(networkFirst(event.request, '/check/'));
  } else if (url.pathname === '/check' || url.pathname.startsWith('/check/')) {
    event.respondWith(networkFirst(event.request, url.pathname === '/check' ? '/check/' : undefined));
  }
});
