// The app's service worker (scope /app/): keeps the app shell (index.html,
// the hashed bundles, the manifest and icons) so the app starts offline.
// It NEVER answers or caches API calls (/app/api/*, /api/*, /dev/*) or
// anything outside /app/: those always go to the network.
const VERSION = '__SHELL_VERSION__';
const CACHE = `uia-app-shell-${VERSION}`;
const SHELL = __SHELL_FILES__;
const SHELL_PAGE = '/app/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('uia-app-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** Only the app's own static files and pages; never its API. */
function isShellRequest(url) {
  if (url.origin !== self.location.origin) return false;
  if (!url.pathname.startsWith('/app/')) return false;
  if (url.pathname.startsWith('/app/api/') || url.pathname === '/app/sw.js') return false;
  return true;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!isShellRequest(url)) return;

  if (request.mode === 'navigate') {
    // Pages: the network first (fresh shell, right headers); offline, the cached shell.
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(SHELL_PAGE))
          .then((cached) => cached || Response.error()),
      ),
    );
    return;
  }
  // Hashed bundles, manifest, icons: the cache first, the network otherwise (not stored).
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((cached) => cached || fetch(request))));
});
