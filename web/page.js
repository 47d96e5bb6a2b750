// Small page-level services for C++, linked with --js-library: publishing the app's state for
// tests and host pages, and the page's visibility.

var LibraryAttunePage = {
  $AttunePage: {
    host: undefined,  // the embedding page's origin that receives events, or null
    sent: {},         // what was last posted, per event type
    wakeLock: null,   // kiosk: the screen wake lock, while held
    insets: null,     // safe-area insets, CSS pixels [top, right, bottom, left]; null: measure again
    copyResult: 0,    // the last copy to the clipboard: 0 none, 2 pending, 1 copied, -1 refused

    // Events go only to the origin the embedding page names in ?host=, and only when that really is
    // the page around us (where the browser can tell): emotions are nobody else's business.
    hostOrigin: function () {
      if (AttunePage.host !== undefined) return AttunePage.host;
      AttunePage.host = null;
      var wanted = new URLSearchParams(location.search).get('host');
      if (!wanted || window.parent === window) return null;
      var origin;
      try { origin = new URL(wanted).origin; } catch (e) { return null; }
      var ancestors = location.ancestorOrigins;
      if (ancestors && ancestors.length && ancestors[0] !== origin) return null;
      AttunePage.host = origin;
      return origin;
    },

    post: function (type, payload, key) {
      if (AttunePage.sent[type] === key) return;
      AttunePage.sent[type] = key;
      payload.type = type;
      window.parent.postMessage(payload, AttunePage.host);
    },

    // The host page's events: emotion labels, the fused valence-arousal point, the recommendations.
    postEvents: function (state) {
      if (!AttunePage.hostOrigin()) return;
      var face = state.face && state.face.label, voice = state.voice && state.voice.label;
      AttunePage.post('attune:emotion', { face: face, voice: voice,
        faceProbs: state.face && state.face.probs || null, voiceProbs: state.voice && state.voice.probs || null }, face + '|' + voice);
      var mood = state.mood;
      if (mood && mood.available) {
        // Rounded so that small jitter does not flood the host.
        var v = Math.round(mood.va.valence * 20) / 20, a = Math.round(mood.va.arousal * 20) / 20;
        AttunePage.post('attune:mood', { valence: mood.va.valence, arousal: mood.va.arousal, spread: mood.spread,
          words: mood.words, status: mood.status }, v + '|' + a + '|' + mood.status);
      }
      var tracks = (state.recommendations || []).map(function (r) {
        return { id: r.id, artist: r.artist, title: r.title, genre: r.genre, explanation: r.explanation, url: r.url };
      });
      AttunePage.post('attune:recommendations', { strategy: state.strategy, tracks: tracks },
        state.strategy + '|' + tracks.map(function (t) { return t.id; }).join(','));
      var playlist = state.playlist;
      if (playlist) {
        var listed = playlist.tracks.map(function (t) {
          return { id: t.id, artist: t.artist, title: t.title, link: t.link, opened: t.opened, liked: t.liked, mood: t.mood };
        });
        AttunePage.post('attune:playlist', { title: playlist.title, service: state.listen_service, tracks: listed },
          state.listen_service + '|' + listed.map(function (t) { return t.id + (t.opened ? 'o' : '') + (t.liked ? 'l' : ''); }).join(','));
      }
    },
  },

  // The app's state as JSON, a few times a second. Tests read window.attuneState; an embedding page
  // receives events derived from it. Parsing here keeps the C++ side free of JavaScript objects.
  attune_publish_state__deps: ['$AttunePage'],
  attune_publish_state: function (jsonPtr) {
    var state = JSON.parse(UTF8ToString(jsonPtr));
    window.attuneState = state;
    AttunePage.postEvents(state);
  },

  // Kiosk: each tap, click or key that finds the page out of full screen asks for it, inside that event
  // handler (full screen needs the user's gesture; the ImGui frame after it is too late in Firefox and
  // Safari). The screen is kept awake (Screen Wake Lock) where the browser offers it; the browser drops
  // the lock when the tab is hidden, so it is taken again when the tab comes back.
  attune_enable_kiosk_fullscreen__deps: ['$AttunePage'],
  attune_enable_kiosk_fullscreen: function () {
    function enterFullscreen(event) {
      if (!event.isTrusted || document.fullscreenElement) return;
      var root = document.documentElement;
      if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
      else if (root.webkitRequestFullscreen) root.webkitRequestFullscreen();  // Safari on iPad before 16.4
    }
    ['pointerdown', 'pointerup', 'touchend', 'keydown'].forEach(function (type) {
      document.addEventListener(type, enterFullscreen, true);
    });
    function keepAwake() {
      if (!navigator.wakeLock || document.hidden || (AttunePage.wakeLock && !AttunePage.wakeLock.released)) return;
      navigator.wakeLock.request('screen').then(function (lock) { AttunePage.wakeLock = lock; }, function () {});
    }
    document.addEventListener('visibilitychange', keepAwake);
    document.addEventListener('pointerup', keepAwake, true);  // some browsers grant it only after a gesture
    keepAwake();
  },

  // Kiosk: 1 when the screen is kept awake, 0 when not (yet), -1 when the browser has no Wake Lock.
  attune_kiosk_wake_lock__deps: ['$AttunePage'],
  attune_kiosk_wake_lock: function () {
    if (!navigator.wakeLock) return -1;
    return AttunePage.wakeLock && !AttunePage.wakeLock.released ? 1 : 0;
  },

  // Opens a listening link in a new tab, only ever as the result of a click in the app.
  attune_open_url: function (urlPtr) {
    var url = UTF8ToString(urlPtr);
    if (!/^https:\/\//.test(url)) return;
    window.open(url, '_blank', 'noopener,noreferrer');
  },

  // A playlist export: a file made here (a Blob: nothing goes over the network) offered as a download
  // through a link with the download attribute, clicked inside the listener's own click.
  attune_download_text: function (namePtr, typePtr, textPtr) {
    var blob = new Blob([UTF8ToString(textPtr)], { type: UTF8ToString(typePtr) + ';charset=utf-8' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(namePtr);
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);  // Safari reads it after the click returns
  },

  // "Copy as text": the Clipboard API inside the click (Safari and Firefox allow it only there), else the
  // older execCommand path on a hidden text field.
  attune_copy_text__deps: ['$AttunePage'],
  attune_copy_text: function (textPtr) {
    var text = UTF8ToString(textPtr);
    function fallback() {
      var field = document.createElement('textarea');
      field.value = text;
      field.setAttribute('readonly', '');
      field.style.position = 'fixed';
      field.style.opacity = '0';
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      field.remove();
      AttunePage.copyResult = ok ? 1 : -1;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      AttunePage.copyResult = 2;
      navigator.clipboard.writeText(text).then(function () { AttunePage.copyResult = 1; }, fallback);
    } else {
      fallback();
    }
  },

  attune_copy_result__deps: ['$AttunePage'],
  attune_copy_result: function () {
    return AttunePage.copyResult;
  },

  attune_now_iso8601__deps: ['$stringToNewUTF8'],
  attune_now_iso8601: function () {
    return stringToNewUTF8(new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
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
  attune_query_parameter__deps: ['$stringToNewUTF8'],
  attune_query_parameter: function (namePtr) {
    var value = new URLSearchParams(location.search).get(UTF8ToString(namePtr));
    if (value === null) return 0;
    return stringToNewUTF8(value);
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

  // The safe-area insets (a phone's notch, rounded corners, home indicator) in CSS pixels, as
  // top, right, bottom, left floats at ptr. Measured on a probe element styled with env(), once per
  // resize or rotation (getComputedStyle every frame would cost layout work).
  attune_safe_area_insets__deps: ['$AttunePage'],
  attune_safe_area_insets: function (ptr) {
    if (!AttunePage.insets) {
      var probe = document.getElementById('safe-area-probe');
      if (!probe) {
        probe = document.createElement('div');
        probe.id = 'safe-area-probe';
        probe.setAttribute('aria-hidden', 'true');
        document.body.appendChild(probe);
        window.addEventListener('resize', function () { AttunePage.insets = null; });
        window.addEventListener('orientationchange', function () { AttunePage.insets = null; });
      }
      var style = getComputedStyle(probe);
      AttunePage.insets = ['paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft'].map(function (side) {
        return parseFloat(style[side]) || 0;
      });
    }
    for (var i = 0; i < 4; i++) HEAPF32[(ptr >> 2) + i] = AttunePage.insets[i];
  },

  // The canvas's size in CSS pixels, for sizing the GLFW window.
  attune_canvas_css_size: function (widthPtr, heightPtr) {
    var canvas = Module['canvas'];
    var rect = canvas.getBoundingClientRect();
    HEAP32[widthPtr >> 2] = Math.max(1, Math.round(rect.width));
    HEAP32[heightPtr >> 2] = Math.max(1, Math.round(rect.height));
  },

  // The canvas's drawing buffer at this size (device pixels), and the GLFW window's size with it: what
  // glfwSetWindowSize does, except that Emscripten's GLFW takes a size equal to the screen's for a request
  // to go full screen: it wraps the canvas in a new element, asks for full screen without a user gesture
  // (refused, an error every frame) and leaves the drawing buffer at its old size, stretched. A page that
  // fills its screen at one device pixel per CSS pixel asks for just that size: a kiosk, F11 on a desktop.
  attune_resize_canvas__deps: ['$Browser', '$GLFW'],
  attune_resize_canvas: function (width, height) {
    Browser.setCanvasSize(width, height);
    if (GLFW.active) {  // after the resize listeners, which in full screen put the screen's size there
      GLFW.active.width = width;
      GLFW.active.height = height;
    }
  },
};

autoAddDeps(LibraryAttunePage, '$AttunePage');
mergeInto(LibraryManager.library, LibraryAttunePage);
