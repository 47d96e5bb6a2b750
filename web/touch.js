// Fingers on the canvas, linked with --js-library. Emscripten's GLFW port turns a touch into a mouse
// button at the previous mouse position (it never reads a touch's coordinates), and the browser's own
// pan and zoom would move the page under the app. So touches on the canvas are taken over here:
// the browser's default actions and GLFW's handlers never see them, and each finger movement goes to
// C++ (src/ui/touch_input.cpp) as down / move / up / cancel in canvas pixels, where a tap becomes a
// click and a drag scrolls. A mouse or pen keeps going through GLFW as before.
var LibraryAttuneTouch = {
  $AttuneTouch: {
    pointerId: null,  // the finger being followed (the first one down); others are ignored

    send: function (phase, event) {
      var canvas = Module['canvas'];
      var rect = canvas.getBoundingClientRect();
      var x = (event.clientX - rect.left) * (canvas.width / Math.max(1, rect.width));
      var y = (event.clientY - rect.top) * (canvas.height / Math.max(1, rect.height));
      _attune_touch_event(phase, x, y);
    },

    onPointer: function (event) {
      if (event.pointerType === 'mouse') {
        if (event.type === 'pointerdown' || event.type === 'pointermove') _attune_touch_event(4, 0, 0);
        return;
      }
      if (event.pointerType !== 'touch') return;
      if (event.type === 'pointerdown') {
        if (AttuneTouch.pointerId !== null) return;
        AttuneTouch.pointerId = event.pointerId;
        AttuneTouch.send(0, event);
      } else if (event.pointerId === AttuneTouch.pointerId) {
        var phase = event.type === 'pointermove' ? 1 : event.type === 'pointerup' ? 2 : 3;
        AttuneTouch.send(phase, event);
        if (phase >= 2) AttuneTouch.pointerId = null;
      }
    },

    // No compatibility mouse events, no page scroll, no pinch or double-tap zoom, and GLFW's touch
    // handlers (capture listeners on the canvas) never run: this listener on the window runs first.
    onTouch: function (event) {
      if (event.target !== Module['canvas']) return;
      event.stopPropagation();
      if (event.cancelable) event.preventDefault();
    },
  },

  attune_touch_install__deps: ['$AttuneTouch'],
  attune_touch_install: function () {
    var canvas = Module['canvas'];
    ['pointerdown', 'pointermove', 'pointerup', 'pointercancel'].forEach(function (type) {
      canvas.addEventListener(type, AttuneTouch.onPointer);
    });
    ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function (type) {
      window.addEventListener(type, AttuneTouch.onTouch, { capture: true, passive: false });
    });
  },

  // Whether to start with touch-sized controls, before any input was seen: the main pointer is a finger,
  // or the screen takes touches at all (a mouse moving switches back, see onPointer).
  attune_touch_primary: function () {
    var coarse = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
    return coarse || navigator.maxTouchPoints > 0 ? 1 : 0;
  },
};

autoAddDeps(LibraryAttuneTouch, '$AttuneTouch');
mergeInto(LibraryManager.library, LibraryAttuneTouch);
