// Small page-level services for C++, linked with --js-library: publishing the app's state for
// tests and host pages, and the page's visibility.

var LibraryAttunePage = {
  // The app's state as JSON, a few times a second. Tests read window.attuneState; it also feeds the
  // embedding API later. Parsing here keeps the C++ side free of any JavaScript object handling.
  attune_publish_state: function (jsonPtr) {
    var state = JSON.parse(UTF8ToString(jsonPtr));
    window.attuneState = state;
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
