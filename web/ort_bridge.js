// ONNX Runtime Web bridge, linked with --js-library. The only JavaScript that touches ORT.
//
// C++ (src/infer/ort_web_runner.cpp) starts work; this file does it with promises and calls back into
// C++ through exported functions. Nothing here blocks the frame loop: the callbacks only drop results
// into a mailbox that the frame loop polls.
//
//   load:  attune_ort_load(id, url, expects)         -> _attune_ort_progress(id, loaded, total)...
//                                                       _attune_ort_loaded(id, ok, message)
//          the model's card (the same URL ending in .json) is read too, and the model is refused unless it
//          matches the card's contract and the card offers what `expects` asks (web/model_contract.js)
//   run:   attune_ort_stage_input(req, name, data, n, dims, ndims)   (where the data is; C++ keeps it alive
//                                                       until attune_ort_run returns)
//          attune_ort_run(id, req)                   -> _attune_ort_output(req, name, data, n, dims, ndims)...
//                                                       _attune_ort_done(req, error or 0)

var LibraryAttuneOrt = {
  $AttuneOrt__deps: ['$stringToNewUTF8'],
  $AttuneOrt: {
    sessions: {},   // model id -> InferenceSession
    staged: {},     // request id -> { name: { dataPtr, length, dims } }

    // The input's values copied out of the wasm heap into a Float32Array that the session keeps and
    // reuses run after run. A fresh array per run is costly in browsers (a detector input is 786 KB: about
    // 2.5 ms a frame in headless Chromium, mostly the new memory's page faults). Reuse is safe: the runner
    // starts a model's next run only after this one is done, and a reloaded model is a new session.
    // One array per input size: the face model's batch goes between 1 and 2 (flip TTA when needed).
    inputTensor: function (session, name, staged) {
      var buffers = session.attuneInputBuffers || (session.attuneInputBuffers = {});
      var key = name + ':' + staged.length;
      var buffer = buffers[key] || (buffers[key] = new Float32Array(staged.length));
      buffer.set(HEAPF32.subarray(staged.dataPtr >> 2, (staged.dataPtr >> 2) + staged.length));
      return new ort.Tensor('float32', buffer, staged.dims);
    },

    // A C string on the wasm heap, owned by the callee (it frees it).
    newString: function (text) {
      return stringToNewUTF8(text);
    },

    // Fetches with progress so the UI can show bytes, not a spinner.
    fetchWithProgress: function (url, onProgress) {
      return fetch(url, { cache: 'no-cache' }).then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status + ' ' + response.statusText + ' for ' + url);
        // A compressed response's Content-Length counts compressed bytes, the stream yields decoded ones
        // (GitHub Pages sends gzip): its total is then unknown, and only the bytes so far are shown.
        var total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length')) || 0;
        if (!response.body || !response.body.getReader) {
          return response.arrayBuffer().then(function (b) { onProgress(b.byteLength, total); return new Uint8Array(b); });
        }
        var reader = response.body.getReader();
        var chunks = [];
        var loaded = 0;
        function pump() {
          return reader.read().then(function (step) {
            if (step.done) {
              var bytes = new Uint8Array(loaded);
              var offset = 0;
              chunks.forEach(function (c) { bytes.set(c, offset); offset += c.length; });
              return bytes;
            }
            chunks.push(step.value);
            loaded += step.value.length;
            onProgress(loaded, total);
            return pump();
          });
        }
        return pump();
      });
    },

    // A session that could not be created is tried once more, a second later. A CI run once saw WebKit fail
    // to create the bundled detector's session with nothing said ("ERROR_CODE: 0, ERROR_MESSAGE: ": no status
    // from the runtime, so likely an allocation that failed, not the model; every other run created it); that
    // left the face off for the whole visit. A file that is not a model fails twice and is reported with the
    // first error.
    createSession: function (bytes) {
      var options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
      return ort.InferenceSession.create(bytes, options).catch(function (first) {
        return new Promise(function (resolve) { setTimeout(resolve, 1000); })
          .then(function () { return ort.InferenceSession.create(bytes, options); })
          .catch(function () { throw first; });
      });
    },

    describeError: function (error) {
      var text = (error && error.message) ? error.message : String(error);
      return text.length > 300 ? text.slice(0, 300) + '...' : text;
    },
  },

  attune_ort_load__deps: ['$AttuneOrt', 'malloc', 'free'],
  attune_ort_load: function (idPtr, urlPtr, expectsPtr) {
    var id = UTF8ToString(idPtr);
    var url = UTF8ToString(urlPtr);
    var expects = UTF8ToString(expectsPtr);
    var cardUrl = url.replace(/\.onnx$/, '.json');
    var fail = function (message) {
      var p = AttuneOrt.newString(message);
      _attune_ort_loaded(idPtr_copy, 0, p);
      _free(p);
    };
    // C++ may free its strings after this call returns: keep our own copy of the id.
    var idPtr_copy = AttuneOrt.newString(id);
    if (typeof ort === 'undefined') {
      fail('ONNX Runtime Web did not load (ort/ort.wasm.min.js)');
      _free(idPtr_copy);
      return;
    }
    var card = fetch(cardUrl, { cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }).catch(function (error) { throw new Error('its card ' + cardUrl + ' could not be read (' + AttuneOrt.describeError(error) + ')'); });
    card.catch(function () {});  // reported below, once the model is in
    AttuneOrt.fetchWithProgress(url, function (loaded, total) {
      _attune_ort_progress(idPtr_copy, loaded, total);
    }).then(function (bytes) {
      return AttuneOrt.createSession(bytes)
        .catch(function (error) { throw new Error('not a usable ONNX model (' + AttuneOrt.describeError(error) + ')'); });
    }).then(function (session) {
      return card.then(function (cardJson) {
        var problem = typeof attuneCheckModelContract === 'function'
          ? attuneCheckModelContract(session, cardJson, expects, cardUrl) : 'web/model_contract.js did not load';
        if (problem) { if (session.release) session.release(); throw new Error(problem); }
        return session;
      });
    }).then(function (session) {
      AttuneOrt.sessions[id] = session;
      _attune_ort_loaded(idPtr_copy, 1, 0);
    }).catch(function (error) {
      fail(AttuneOrt.describeError(error));
    }).finally(function () {
      _free(idPtr_copy);
    });
  },

  attune_ort_stage_input__deps: ['$AttuneOrt'],
  attune_ort_stage_input: function (request, namePtr, dataPtr, length, dimsPtr, ndims) {
    var dims = [];
    for (var i = 0; i < ndims; i++) dims.push(HEAP32[(dimsPtr >> 2) + i]);
    var inputs = AttuneOrt.staged[request] || (AttuneOrt.staged[request] = {});
    inputs[UTF8ToString(namePtr)] = { dataPtr: dataPtr, length: length, dims: dims };
  },

  attune_ort_run__deps: ['$AttuneOrt', 'malloc', 'free'],
  attune_ort_run: function (idPtr, request) {
    var id = UTF8ToString(idPtr);
    var session = AttuneOrt.sessions[id];
    var staged = AttuneOrt.staged[request];
    delete AttuneOrt.staged[request];
    var finish = function (message) {
      var p = message ? AttuneOrt.newString(message) : 0;
      _attune_ort_done(request, p);
      if (p) _free(p);
    };
    if (!session) { finish('model ' + id + ' is not loaded'); return; }
    // Inputs go by name only (the card's contract was checked at load): an unknown name is an error.
    var unknown = Object.keys(staged).filter(function (name) { return session.inputNames.indexOf(name) < 0; });
    if (unknown.length) { finish('model ' + id + ' has no input ' + unknown.join(', ') + ' (it has ' + session.inputNames.join(', ') + ')'); return; }
    var inputs = {};
    Object.keys(staged).forEach(function (name) { inputs[name] = AttuneOrt.inputTensor(session, name, staged[name]); });
    session.run(inputs).then(function (results) {
      session.outputNames.forEach(function (name) {
        var tensor = results[name];
        var values = tensor.data;
        if (!(values instanceof Float32Array)) values = Float32Array.from(values, Number);
        var dataPtr = _malloc(Math.max(4, values.length * 4));
        HEAPF32.set(values, dataPtr >> 2);
        var dimsPtr = _malloc(Math.max(4, tensor.dims.length * 4));
        for (var i = 0; i < tensor.dims.length; i++) HEAP32[(dimsPtr >> 2) + i] = tensor.dims[i];
        var namePtr = AttuneOrt.newString(name);
        _attune_ort_output(request, namePtr, dataPtr, values.length, dimsPtr, tensor.dims.length);
        _free(namePtr); _free(dimsPtr); _free(dataPtr);
        if (tensor.dispose) tensor.dispose();
      });
      finish(null);
    }).catch(function (error) {
      finish(AttuneOrt.describeError(error));
    });
  },
};

autoAddDeps(LibraryAttuneOrt, '$AttuneOrt');
mergeInto(LibraryManager.library, LibraryAttuneOrt);
