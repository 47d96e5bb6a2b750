// Starts Attune: checks WebGL2, downloads the app's wasm with a progress bar, then runs attune.js.
// ONNX Runtime Web (ort/ort.wasm.min.js) is configured here: single-threaded unless the page is
// cross-origin isolated, and its files are taken from ./ort/ next to this page (works from any sub-path).
(function () {
  'use strict';
  var stage = document.getElementById('loading-stage');
  var bar = document.getElementById('loading-progress');
  var bytesText = document.getElementById('loading-bytes');

  function showFatal(title, detail) {
    document.getElementById('loading').hidden = true;
    var box = document.getElementById('fatal');
    box.innerHTML = '';
    var h = document.createElement('h1');
    h.textContent = title;
    var p = document.createElement('p');
    p.textContent = detail;
    box.appendChild(h);
    box.appendChild(p);
    box.hidden = false;
    window.attuneState = { fatal: title + ': ' + detail };
  }

  function webgl2Available() {
    try { return !!document.createElement('canvas').getContext('webgl2'); } catch (e) { return false; }
  }

  function megabytes(n) { return (n / 1e6).toFixed(1) + ' MB'; }

  // Downloads with one combined progress bar over every file in flight.
  var progress = {};
  function showProgress() {
    var loaded = 0, total = 0, known = true;
    Object.keys(progress).forEach(function (k) {
      loaded += progress[k].loaded;
      total += progress[k].total;
      known = known && progress[k].total > 0;
    });
    if (known && total) bar.value = loaded / total;
    else bar.removeAttribute('value');  // a total unknown: the bar shows that work goes on, not how much
    bytesText.textContent = megabytes(loaded) + (known && total ? ' of ' + megabytes(total) : '');
  }

  function download(url) {
    var entry = progress[url] = { loaded: 0, total: 0 };
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
      // Compressed (GitHub Pages sends gzip), Content-Length counts other bytes than the stream's: no total.
      entry.total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length')) || 0;
      var reader = response.body.getReader();
      var chunks = [];
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            var bytes = new Uint8Array(entry.loaded), offset = 0;
            chunks.forEach(function (c) { bytes.set(c, offset); offset += c.length; });
            return bytes.buffer;
          }
          chunks.push(step.value);
          entry.loaded += step.value.length;
          showProgress();
          return pump();
        });
      }
      return pump();
    });
  }

  if (!webgl2Available()) {
    showFatal('Attune needs WebGL2', 'This browser or device cannot draw with WebGL2. Try a current Chrome, Edge, Firefox or Safari, or turn on hardware acceleration.');
    return;
  }
  if (typeof ort === 'undefined') {
    showFatal('Attune could not start', 'ONNX Runtime Web (ort/ort.wasm.min.js) did not load.');
    return;
  }
  ort.env.wasm.wasmPaths = new URL('ort/', document.baseURI).href;
  ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

  stage.textContent = 'Downloading Attune and its inference engine...';
  Promise.all([
    download('attune.wasm'),
    download('ort/ort-wasm-simd-threaded.wasm'),
    download('assets/fonts/DejaVuSans.ttf').catch(function () { return null; }),  // optional: ImGui has a fallback
  ]).then(function (buffers) {
    ort.env.wasm.wasmBinary = buffers[1];
    stage.textContent = 'Starting...';
    window.Module = {
      canvas: document.getElementById('canvas'),
      wasmBinary: buffers[0],
      attuneFont: buffers[2],
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
      onRuntimeInitialized: function () { document.getElementById('loading').hidden = true; },
      onAbort: function (what) { showFatal('Attune stopped', String(what)); },
    };
    var script = document.createElement('script');
    script.src = 'attune.js';
    script.onerror = function () { showFatal('Attune could not start', 'attune.js did not load.'); };
    document.body.appendChild(script);
  }).catch(function (error) {
    showFatal('Attune could not start', error.message || String(error));
  });
})();

// ---- Content-Security-Policy: no inline event handlers (the policy blocks them), so the canvas's context
// menu is suppressed here rather than by an oncontextmenu attribute in index.html.
document.getElementById('canvas').addEventListener('contextmenu', function (event) { event.preventDefault(); });
// ---- end of Content-Security-Policy

// ---- offline use and cross-origin isolation: service worker registration (README "Offline and security")
// sw.js lies next to index.html, so its scope is the site's folder; both URLs are taken relative to the
// page, which works from any sub-path. Registered once the app has started (window.attuneState exists),
// so that precaching never competes with the first visit's downloads (the worker then finds the large
// files in the HTTP cache). From the next visit on, the worker serves every file, offline too, with
// COOP/COEP headers that make the page crossOriginIsolated (ORT threads, see above).
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // A returning visit (the page is controlled) asks for a new sw.js at once, and an open page every hour:
  // browsers look on their own after a navigation, but Chromium only once the page's main thread has
  // idled for a while, which a page that draws every frame on a busy device may not do for minutes, and
  // a kiosk never navigates. Offline, the check fails quietly and the cached version goes on working.
  var UPDATE_EVERY_MS = 3600 * 1000;
  function lookForNewDeploy(registration) {
    registration.update().catch(function () { /* offline or a deploy in progress: the next check */ });
  }
  function register() {
    navigator.serviceWorker.register(new URL('sw.js', document.baseURI).href,
      { scope: new URL('./', document.baseURI).href, updateViaCache: 'none' })
      .then(function (registration) {
        if (navigator.serviceWorker.controller) lookForNewDeploy(registration);
        setInterval(lookForNewDeploy, UPDATE_EVERY_MS, registration);
      })
      .catch(function (error) { console.warn('Attune works, but not offline: ' + (error && error.message || error)); });
  }
  (function whenStarted(tries) {
    if (window.attuneState || tries >= 240) register();
    else setTimeout(whenStarted, 500, tries + 1);
  })(0);
})();
// ---- end of service worker registration
