// Attune's service worker: offline use and cross-origin isolation for a static host.
//
// tools/precache.mjs writes dist/sw.js as `self.ATTUNE_PRECACHE = {version, files}` followed by this file.
// `files` maps every file of the site (paths relative to this worker) to its sha256, and `version` is a
// hash of that list, so any change to any file changes dist/sw.js: that byte change is how browsers
// notice a new deploy and install the new worker.
//
// 1. install:  fills a cache named after this site's scope and the version with every listed file, so
//              the next visit needs no network. Files whose bytes did not change are copied from the
//              previous version's cache instead of downloaded again; downloaded files are checked
//              against their sha256 (a half-deployed site fails the install; the old worker stays).
// 2. activate: drops this site's older caches and takes control of open pages.
// 3. fetch:    same-origin GET requests inside the scope are answered cache-first (network fallback);
//              a navigation to the folder or with a query (?kiosk=1) is answered with index.html.
//              Requests to other origins are not touched (the page's Content-Security-Policy blocks them).
//
// Cross-origin isolation: every response this worker hands out carries
//   Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.
// Once the worker controls a page (every visit after the first), the page is crossOriginIsolated,
// SharedArrayBuffer exists and ONNX Runtime Web can run its threaded wasm, on hosts such as GitHub
// Pages that cannot send those headers. The first visit is served by the network and is not isolated;
// web/loader.js configures ORT for either case.
//
// Embedding: the headers are added to iframe navigations as well, on purpose. A page that is not
// isolated may embed a COEP page (the frame just is not isolated: COOP is ignored in frames and
// isolation in a frame needs an isolated parent that delegates it with allow="cross-origin-isolated"),
// so nothing is lost there. The opposite case needs them: a host page that is itself isolated (for
// example a same-origin host controlled by this worker) may only embed frames that send COEP.
'use strict';

var PRECACHE = self.ATTUNE_PRECACHE || { version: 'unassembled', files: {} };
var SCOPE = self.registration.scope;                  // e.g. https://user.github.io/attune/
var CACHE_PREFIX = 'attune ' + SCOPE + ' ';          // several sites can share one origin (github.io)
var CACHE = CACHE_PREFIX + PRECACHE.version;
var HASH_HEADER = 'X-Attune-Sha256';

function hex(buffer) {
  return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
}

// This site's caches of earlier versions (the sources of unchanged files).
function olderCaches() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(CACHE_PREFIX) === 0 && name !== CACHE; });
  });
}

function reuse(url, hash, older) {
  return older.reduce(function (found, name) {
    return found.then(function (response) {
      if (response) return response;
      return caches.open(name).then(function (cache) { return cache.match(url); }).then(function (r) {
        return r && r.headers.get(HASH_HEADER) === hash ? r : null;
      });
    });
  }, Promise.resolve(null));
}

// Downloads one file and checks its bytes. The first try may come from the HTTP cache (the page has
// just downloaded the large files); a mismatch is retried once past every cache.
function download(url, path, hash, retry) {
  return fetch(url, { cache: retry ? 'reload' : 'no-cache', credentials: 'same-origin' }).then(function (response) {
    if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + path);
    var type = response.headers.get('Content-Type') || 'application/octet-stream';
    return response.arrayBuffer().then(function (bytes) {
      return crypto.subtle.digest('SHA-256', bytes).then(function (digest) {
        if (hex(digest) !== hash) {
          if (!retry) return download(url, path, hash, true);
          throw new Error(path + ' does not match this version of the site (a deploy in progress?)');
        }
        // Fresh headers: the stored body is decoded, so the server's Content-Encoding and Length would lie.
        var headers = new Headers({ 'Content-Type': type, 'Content-Length': String(bytes.byteLength) });
        headers.set(HASH_HEADER, hash);
        return new Response(bytes, { status: 200, statusText: 'OK', headers: headers });
      });
    });
  });
}

function precache() {
  return Promise.all([caches.open(CACHE), olderCaches()]).then(function (opened) {
    var cache = opened[0], older = opened[1];
    return Promise.all(Object.keys(PRECACHE.files).map(function (path) {
      var url = new URL(path, SCOPE).href, hash = PRECACHE.files[path];
      return cache.match(url).then(function (have) {
        if (have && have.headers.get(HASH_HEADER) === hash) return null;
        return reuse(url, hash, older).then(function (old) {
          return old || download(url, path, hash, false);
        }).then(function (response) { return cache.put(url, response); });
      });
    }));
  });
}

self.addEventListener('install', function (event) {
  // skipWaiting: a new version takes over at once. A page that is already running has downloaded its
  // wasm and models at start; files it asks for later come from the new version, exactly as they
  // would from the network without a service worker.
  event.waitUntil(precache().then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(olderCaches().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// The response with the isolation headers added. Redirects and opaque responses pass unchanged (their
// headers cannot be rewritten, and a navigation must see the redirect itself).
function isolated(response) {
  if (!response || response.status === 0 || response.type === 'opaqueredirect') return response;
  var headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: headers });
}

function cacheKey(request, url) {
  if (request.mode !== 'navigate') return url.href;
  var path = url.pathname.slice(-1) === '/' ? url.pathname + 'index.html' : url.pathname;
  return url.origin + path;  // a navigation's query (?kiosk=1, ?host=...) does not pick another page
}

function respond(request, url) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(cacheKey(request, url));
  }).then(function (cached) {
    return cached || fetch(request);
  }).then(isolated);
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || request.headers.has('Range')) return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.href.indexOf(SCOPE) !== 0) return;
  event.respondWith(respond(request, url));
});
