// The accessible region beside the canvas (index.html #a11y), linked with --js-library: real HTML
// controls that do what the drawn interface does, and a polite live region with the mood, state
// messages and the recommended tracks. C++ (src/platform/web/a11y.cpp) sends content only when it
// changed; what the person does here goes back as _attune_a11y_action(action, value).

var LibraryAttuneA11y = {
  $AttuneA11y__deps: ['$stringToNewUTF8'],
  $AttuneA11y: {
    el: function (id) { return document.getElementById(id); },

    // Tells C++ what the person did: an action id and an optional value (a strategy, a track id).
    act: function (action, value) {
      var a = AttuneA11y.utf8(action), v = AttuneA11y.utf8(value || '');
      _attune_a11y_action(a, v);
      _free(a);
      _free(v);
    },

    utf8: function (text) {
      return stringToNewUTF8(text);
    },

    // Emscripten's GLFW takes every key of the whole window and cancels Tab, which would trap the
    // keyboard. Its key listeners are wrapped so that ImGui gets keys only while the canvas has the
    // focus, and never Tab: Tab always moves the browser's focus (onto and off the canvas).
    shareKeyboard: function () {
      var canvas = Module['canvas'];
      [['keydown', GLFW.onKeydown], ['keypress', GLFW.onKeyPress]].forEach(function (pair) {
        window.removeEventListener(pair[0], pair[1], true);
        window.addEventListener(pair[0], function (event) {
          if (event.target === canvas && event.key !== 'Tab') pair[1](event);
        }, true);
      });
    },

    // Buttons for the app's actions (start/stop, forget, ...), in the order C++ lists them. Existing
    // buttons are updated in place so that the focus stays on the one just pressed.
    renderActions: function (actions) {
      var box = AttuneA11y.el('a11y-actions');
      var keep = {};
      actions.forEach(function (action, index) {
        var button = box.querySelector('button[data-action="' + action.id + '"]');
        if (!button) {
          button = document.createElement('button');
          button.type = 'button';
          button.dataset.action = action.id;
        }
        if (button.textContent !== action.label) button.textContent = action.label;
        // Moved only when out of place: moving a node takes the focus away from it.
        if (box.children[index] !== button) box.insertBefore(button, box.children[index] || null);
        keep[action.id] = true;
      });
      Array.prototype.slice.call(box.querySelectorAll('button')).forEach(function (button) {
        if (!keep[button.dataset.action]) button.remove();
      });
    },

    // A select's options and value (the strategy, the music service).
    renderChoice: function (id, choice) {
      var select = AttuneA11y.el(id);
      var wanted = choice.options.map(function (o) { return o.value + '=' + o.label; }).join('|');
      if (select.dataset.options !== wanted) {
        select.textContent = '';
        choice.options.forEach(function (o) {
          var option = document.createElement('option');
          option.value = o.value;
          option.textContent = o.label;
          select.appendChild(option);
        });
        select.dataset.options = wanted;
      }
      if (select.value !== choice.value) select.value = choice.value;
    },

    trackItem: function (track) {
      var li = document.createElement('li');
      li.dataset.id = track.id;
      var what = document.createElement('p');
      var title = document.createElement('strong');
      title.textContent = track.title;
      what.appendChild(title);
      what.appendChild(document.createTextNode(' by ' + track.artist + '. '));
      var reason = document.createElement('span');
      reason.className = 'a11y-reason';
      what.appendChild(reason);
      li.appendChild(what);
      var name = track.title + ' by ' + track.artist;
      // The same links the app opens: https only, in a new tab, without referrer.
      if (/^https:\/\//.test(track.url)) {
        var link = document.createElement('a');
        link.href = track.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.dataset.id = track.id;
        link.textContent = 'Listen';
        link.setAttribute('aria-label', 'Listen to ' + name + ' (opens a new tab)');
        li.appendChild(link);
      }
      [['like', 'Like'], ['dislike', 'Not for me']].forEach(function (pair) {
        var button = document.createElement('button');
        button.type = 'button';
        button.dataset.vote = pair[0];
        button.dataset.id = track.id;
        button.textContent = pair[1];
        button.setAttribute('aria-label', pair[1] + ': ' + name);  // starts with the visible text
        li.appendChild(button);
      });
      return li;
    },

    // What can change on a listed track without rebuilding the list: its reason and its vote.
    updateItem: function (li, track) {
      var reason = li.querySelector('.a11y-reason');
      if (reason.textContent !== track.reason) reason.textContent = track.reason;
      li.querySelectorAll('button[data-vote]').forEach(function (button) {
        var pressed = String(button.dataset.vote === 'like' ? track.vote === 1 : track.vote === -1);
        if (button.getAttribute('aria-pressed') !== pressed) button.setAttribute('aria-pressed', pressed);
      });
    },

    // The same tracks in the same order are updated in place; a new list is rebuilt, and a focus that
    // was inside it goes back to the same control of the same track when that is still listed.
    renderTracks: function (tracks) {
      var list = AttuneA11y.el('a11y-tracks');
      var ids = tracks.map(function (t) { return t.id; }).join('\n');
      if (list.dataset.ids !== ids) {
        var focused = list.contains(document.activeElement) ? document.activeElement : null;
        var again = focused && focused.dataset.id !== undefined
          ? (focused.dataset.vote ? 'button[data-vote="' + focused.dataset.vote + '"]' : 'a') : null;
        var focusId = focused && focused.dataset.id;
        list.textContent = '';
        tracks.forEach(function (track) { list.appendChild(AttuneA11y.trackItem(track)); });
        list.dataset.ids = ids;
        AttuneA11y.el('a11y-tracks-empty').hidden = tracks.length > 0;
        if (focused) {
          var item = Array.prototype.find.call(list.children, function (li) { return li.dataset.id === focusId; });
          var target = item && again ? item.querySelector(again) : null;
          (target || AttuneA11y.el('a11y-tracks-heading')).focus();
        }
      }
      Array.prototype.forEach.call(list.children, function (li, i) { AttuneA11y.updateItem(li, tracks[i]); });
    },
  },

  // Shows the region's controls (hidden until the app runs) and routes what is done there to C++.
  attune_a11y_install__deps: ['$AttuneA11y', '$GLFW', 'malloc', 'free'],
  attune_a11y_install: function () {
    AttuneA11y.shareKeyboard();
    AttuneA11y.el('a11y-panel').hidden = false;
    AttuneA11y.el('a11y-actions').addEventListener('click', function (event) {
      var button = event.target.closest('button[data-action]');
      if (button) AttuneA11y.act(button.dataset.action, '');  // synchronous: a user gesture for the camera
    });
    AttuneA11y.el('a11y-strategy').addEventListener('change', function (event) {
      AttuneA11y.act('strategy', event.target.value);
    });
    AttuneA11y.el('a11y-service').addEventListener('change', function (event) {
      AttuneA11y.act('listen_service', event.target.value);
    });
    AttuneA11y.el('a11y-tracks').addEventListener('click', function (event) {
      var control = event.target.closest('[data-id]');
      if (!control) return;
      if (control.dataset.vote) AttuneA11y.act(control.dataset.vote, control.dataset.id);
      else if (control.tagName === 'A') AttuneA11y.act('listened', control.dataset.id);  // the link itself opens it
    });
  },

  attune_a11y_set_status: function (textPtr) {
    AttuneA11y.el('a11y-status').textContent = UTF8ToString(textPtr);
  },

  // {"actions":[{"id","label"}], "strategy":{"value","options":[{"value","label"}]}, "service":{...the same}}
  attune_a11y_set_controls: function (jsonPtr) {
    var controls = JSON.parse(UTF8ToString(jsonPtr));
    AttuneA11y.renderActions(controls.actions);
    AttuneA11y.renderChoice('a11y-strategy', controls.strategy);
    AttuneA11y.renderChoice('a11y-service', controls.service);
  },

  // [{"id","artist","title","reason","url","vote"}] in list order.
  attune_a11y_set_tracks: function (jsonPtr) {
    AttuneA11y.renderTracks(JSON.parse(UTF8ToString(jsonPtr)));
  },

  // The page's language (?lang=); the region's own sentences are English and say so.
  attune_a11y_set_language: function (langPtr) {
    var lang = UTF8ToString(langPtr);
    document.documentElement.lang = lang;
    AttuneA11y.el('a11y').lang = 'en';
  },
};

autoAddDeps(LibraryAttuneA11y, '$AttuneA11y');
mergeInto(LibraryManager.library, LibraryAttuneA11y);
