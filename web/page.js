// Small page-level services for C++, linked with --js-library: publishing the app's state for
// tests and host pages, and the page's visibility.

var LibraryAttunePage = {
  // The app's state as JSON, a few times a second. Tests read window.attuneState; it also feeds the
  // embedding API later. Parsing here keeps the C++ side free of any JavaScript object handling.
  attune_publish_state: function (jsonPtr) {
    var state = JSON.parse(UTF8ToString(jsonPtr));
    window.attuneState = state;
  },

  // Opens a listening link in a new tab, only ever as the result of a click in the app.
  attune_open_url: function (urlPtr) {
    var url = UTF8ToString(urlPtr);
    if (!/^https:\/\//.test(url)) return;
    window.open(url, '_blank', 'noopener,noreferrer');
  },

  // How many resource requests so far went to another origin than the page's (the privacy panel
  // shows it; it should stay 0). Counts what the browser itself recorded, not what we think we sent.
  attune_foreign_request_count: function () {
    if (!window.performance || !performance.getEntriesByType) return -1;
    var origin = location.origin;
    return performance.getEntriesByType('resource').filter(function (entry) {
      try { return new URL(entry.name).origin !== origin && !/^(data|blob):/.test(entry.name); } catch (e) { return false; }
    }).length;
  },

  // Test hook, only with ?debug=inputs in the page URL: window.attuneDebug.inject(modality, probs)
  // feeds a recorded model output (modality 0 face, 1 voice; seven probabilities in label order)
  // into the app as if a model had produced it. Without the parameter nothing is installed.
  attune_install_debug_hooks__deps: ['malloc', 'free'],
  attune_install_debug_hooks: function () {
    if (new URLSearchParams(location.search).get('debug') !== 'inputs') return 0;
    window.attuneDebug = {
      inject: function (modality, probs) {
        var ptr = _malloc(7 * 4);
        for (var i = 0; i < 7; i++) HEAPF32[(ptr >> 2) + i] = probs[i];
        _attune_debug_reading(modality, ptr);
        _free(ptr);
      },
    };
    return 1;
  },

  // A URL query parameter of the page (malloc'ed copy, caller frees), or 0 when absent.
  attune_query_parameter__deps: ['malloc'],
  attune_query_parameter: function (namePtr) {
    var value = new URLSearchParams(location.search).get(UTF8ToString(namePtr));
    if (value === null) return 0;
    var size = lengthBytesUTF8(value) + 1;
    var ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
  },

  attune_page_hidden: function () {
    return document.hidden ? 1 : 0;
  },

  attune_device_pixel_ratio: function () {
    return window.devicePixelRatio || 1;
  },

  attune_prefers_dark: function () {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 0 : 1;
  },

  attune_prefers_reduced_motion: function () {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 1 : 0;
  },

  // Hands the UI font the loader downloaded (Module.attuneFont) to C++: a malloc'ed copy that ImGui's
  // font atlas owns and frees. Returns 0 when there is none (ImGui's built-in font is used).
  attune_take_font__deps: ['malloc'],
  attune_take_font: function (sizePtr) {
    var bytes = Module['attuneFont'];
    if (!bytes) return 0;
    var data = new Uint8Array(bytes);
    var ptr = _malloc(data.length);
    HEAPU8.set(data, ptr);
    HEAP32[sizePtr >> 2] = data.length;
    return ptr;
  },

  // The canvas's size in CSS pixels, for sizing the GLFW window.
  attune_canvas_css_size: function (widthPtr, heightPtr) {
    var canvas = Module['canvas'];
    var rect = canvas.getBoundingClientRect();
    HEAP32[widthPtr >> 2] = Math.max(1, Math.round(rect.width));
    HEAP32[heightPtr >> 2] = Math.max(1, Math.round(rect.height));
  },
};

mergeInto(LibraryManager.library, LibraryAttunePage);
