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

  // The canvas's size in CSS pixels and the device pixel ratio, for sizing the GLFW window.
  attune_canvas_css_size: function (widthPtr, heightPtr) {
    var canvas = Module['canvas'];
    var rect = canvas.getBoundingClientRect();
    HEAP32[widthPtr >> 2] = Math.max(1, Math.round(rect.width));
    HEAP32[heightPtr >> 2] = Math.max(1, Math.round(rect.height));
  },
};

mergeInto(LibraryManager.library, LibraryAttunePage);
