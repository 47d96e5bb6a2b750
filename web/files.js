// Text files for C++, linked with --js-library: fetching a same-origin URL (the bundled catalog),
// and catalogs the person brings (file picker or drag and drop onto the page). Every result goes
// to _attune_text_arrived(request, ok, text, source): on failure `text` holds a readable reason.

var LibraryAttuneFiles = {
  $AttuneFiles__deps: ['$stringToNewUTF8', 'free'],
  $AttuneFiles: {
    maxBytes: 64 * 1024 * 1024,  // a catalog larger than this is refused before reading it

    deliver: function (request, ok, text, source) {
      var textPtr = stringToNewUTF8(text);
      var sourcePtr = stringToNewUTF8(source);
      _attune_text_arrived(request, ok ? 1 : 0, textPtr, sourcePtr);
      _free(textPtr);
      _free(sourcePtr);
    },

    readFile: function (request, file) {
      if (file.size > AttuneFiles.maxBytes) {
        AttuneFiles.deliver(request, false, 'the file is ' + (file.size / 1e6).toFixed(0) + ' MB; the limit is ' +
                            (AttuneFiles.maxBytes / 1e6) + ' MB', file.name);
        return;
      }
      file.text().then(function (text) { AttuneFiles.deliver(request, true, text, file.name); },
                       function (error) { AttuneFiles.deliver(request, false, 'could not read the file: ' + error, file.name); });
    },
  },

  attune_fetch_text__deps: ['$AttuneFiles', 'malloc', 'free'],
  attune_fetch_text: function (request, urlPtr) {
    var url = UTF8ToString(urlPtr);
    var absolute;
    try {
      absolute = new URL(url, document.baseURI);
    } catch (e) {  // e.g. ?catalog=http://[ from a link: say so, never stop the app
      AttuneFiles.deliver(request, false, 'not a valid address', url);
      return;
    }
    if (absolute.origin !== location.origin) {  // privacy: never fetch from elsewhere
      AttuneFiles.deliver(request, false, 'only files from this site can be loaded', url);
      return;
    }
    fetch(absolute.href, { cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status + ' ' + response.statusText);
      return response.text();
    }).then(function (text) { AttuneFiles.deliver(request, true, text, url); },
            function (error) { AttuneFiles.deliver(request, false, (error && error.message) || String(error), url); });
  },

  // Opens the browser's file picker for a JSON catalog; the result arrives with `request`.
  attune_pick_text_file__deps: ['$AttuneFiles', 'malloc', 'free'],
  attune_pick_text_file: function (request) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.onchange = function () { if (input.files && input.files[0]) AttuneFiles.readFile(request, input.files[0]); };
    input.click();
  },

  // Files dropped anywhere on the page arrive as `request` (installed once).
  attune_accept_dropped_files__deps: ['$AttuneFiles', 'malloc', 'free'],
  attune_accept_dropped_files: function (request) {
    window.addEventListener('dragover', function (event) { event.preventDefault(); });
    window.addEventListener('drop', function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files[0]) AttuneFiles.readFile(request, files[0]);
    });
  },
};

autoAddDeps(LibraryAttuneFiles, '$AttuneFiles');
mergeInto(LibraryManager.library, LibraryAttuneFiles);
