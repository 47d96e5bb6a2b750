// localStorage for C++, linked with --js-library. Everything Attune remembers (feedback, settings)
// stays in this browser; nothing is sent anywhere. Keys are prefixed "attune." so that "forget"
// can remove exactly ours. Storage may be unavailable (private mode, blocked cookies, sandboxed
// iframes): reads then return nothing and writes report failure instead of throwing.

var LibraryAttuneStorage = {
  // Returns a malloc'ed UTF-8 copy of the stored value (the caller frees it), or 0 when absent.
  attune_storage_get__deps: ['$stringToNewUTF8'],
  attune_storage_get: function (keyPtr) {
    var value = null;
    try { value = window.localStorage.getItem('attune.' + UTF8ToString(keyPtr)); } catch (e) { value = null; }
    if (value === null) return 0;
    return stringToNewUTF8(value);
  },

  attune_storage_set: function (keyPtr, valuePtr) {
    try {
      window.localStorage.setItem('attune.' + UTF8ToString(keyPtr), UTF8ToString(valuePtr));
      return 1;
    } catch (e) {
      return 0;
    }
  },

  // 1 when this browser lets the page keep something (a test write and its removal work), else 0:
  // storage blocked in a third-party iframe, private browsing that refuses writes, a full quota.
  attune_storage_works: function () {
    try {
      window.localStorage.setItem('attune.probe', '1');
      window.localStorage.removeItem('attune.probe');
      return 1;
    } catch (e) {
      return 0;
    }
  },

  attune_storage_remove: function (keyPtr) {
    try { window.localStorage.removeItem('attune.' + UTF8ToString(keyPtr)); } catch (e) { /* nothing stored */ }
  },

  // Names of our stored keys, comma separated, for the privacy panel (malloc'ed; caller frees).
  attune_storage_keys__deps: ['$stringToNewUTF8'],
  attune_storage_keys: function () {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf('attune.') === 0) keys.push(k.slice(7));
      }
    } catch (e) { /* unavailable */ }
    return stringToNewUTF8(keys.sort().join(','));
  },
};

mergeInto(LibraryManager.library, LibraryAttuneStorage);
