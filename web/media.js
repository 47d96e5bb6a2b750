// Camera and microphone, linked with --js-library. The only JavaScript that touches getUserMedia.
//
// Each device is requested on its own, so that a denied camera still leaves the microphone working and
// the other way round. State changes go to C++ through _attune_media_status(device, state, message):
//   device: 0 camera, 1 microphone
//   state:  0 off, 1 asking (permission prompt), 2 live, 3 denied, 4 unavailable (no device / error),
//           5 ended (unplugged), 6 starting (permission given, the video or the sound is starting),
//           7 blocked (the browser holds the sound back until the next tap)
// Camera frames are pulled by C++ (attune_camera_grab) at most once per processed frame: one copy
// into the wasm heap. Audio blocks are pushed by an AudioWorklet (web/audio_capture_worklet.js), one
// heap copy per block, into _attune_audio_block(ptr, count, sampleRate).
//
// Browser policies: Safari on iPhone and iPad lets an AudioContext run only if it was created or resumed
// inside a user's gesture (a DOM event handler), Chrome only within a few seconds of one, Firefox only
// once the page has had one; and the ImGui frame that notices a click on Start runs after that handler
// has returned. So a listener on the page hands the tap, click or key it sees to C++ (_attune_gesture,
// which also opens a Listen link or the file picker right there: pop-ups and pickers need a gesture too)
// and, when it starts capture, creates and resumes the AudioContext right there; the microphone then
// uses that context. Sound that is still held back is reported as "blocked", and the
// next gesture anywhere resumes it. A context that stays silent although a gesture resumed it (Firefox on
// a machine with no sound output) is reported as unavailable, with that reason.
//
// Every start has a generation per device: a stream that arrives for a start that Stop (or a newer
// Start) has superseded is stopped at once and never reported live.

var LibraryAttuneMedia = {
  $AttuneMedia__deps: ['$stringToNewUTF8', 'malloc', 'free'],
  $AttuneMedia: {
    video: null,       // <video> playing the camera stream
    canvas: null,      // 2D canvas the frame is scaled into before copying to the heap
    context: null,
    frameSerial: 0,    // increases with every new camera frame
    grabbedSerial: -1,
    streams: [null, null],
    generation: [0, 0],   // per device: bumped by every start and stop; older streams are stale
    audioContext: null,   // created in a user's gesture, kept for the page's life, suspended while off
    workletLoaded: null,  // promise of the capture worklet module, once per AudioContext
    audioNodes: null,     // {source, node, mute} while the microphone is connected
    audioBlocked: false,  // the microphone is live but the browser has not let the sound run yet
    gestureResumeAt: 0,   // when a gesture last created or resumed the AudioContext (performance.now())
    audioScratch: 0,      // heap buffer for one audio block
    audioScratchSize: 0,
    gesturesInstalled: false,

    report: function (device, state, message) {
      var p = message ? stringToNewUTF8(message) : 0;
      _attune_media_status(device, state, p);
      if (p) _free(p);
    },

    explain: function (error) {
      var name = error && error.name;
      if (name === 'NotAllowedError' || name === 'SecurityError') return [3, 'permission denied'];
      if (name === 'NotFoundError' || name === 'OverconstrainedError') return [4, 'no such device'];
      if (name === 'NotReadableError') return [4, 'device is in use by another program'];
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return [4, 'this browser offers no camera or microphone access (https is required)'];
      return [4, (error && error.message) || String(error)];
    },

    watchEnd: function (device, stream) {
      stream.getTracks().forEach(function (track) {
        track.addEventListener('ended', function () {
          if (AttuneMedia.streams[device] === stream) AttuneMedia.report(device, 5, 'device disconnected');
        });
      });
    },

    stopTracks: function (stream) {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    },

    // Creates the page's AudioContext, or resumes it. Inside a gesture handler this is what lets sound
    // run in Firefox and Safari; elsewhere it may stay suspended (then the microphone reports "blocked").
    wakeAudio: function (inGesture) {
      if (inGesture) AttuneMedia.gestureResumeAt = performance.now();
      var AudioContextClass = window.AudioContext || window.webkitAudioContext;
      if (!AudioContextClass) return null;
      if (!AttuneMedia.audioContext) {
        try {
          AttuneMedia.audioContext = new AudioContextClass();
        } catch (e) {
          return null;
        }
        AttuneMedia.workletLoaded = null;
      }
      var context = AttuneMedia.audioContext;
      if (context.state !== 'running') context.resume().then(AttuneMedia.onAudioRunning, function () {});
      return context;
    },

    onAudioRunning: function () {
      var context = AttuneMedia.audioContext;
      if (!context || context.state !== 'running' || !AttuneMedia.audioBlocked) return;
      AttuneMedia.audioBlocked = false;
      if (AttuneMedia.audioNodes) AttuneMedia.report(1, 2, null);
    },

    // A tap, click or key press on the page. Runs inside the event handler, where browsers allow sound
    // (and, in kiosk mode, full screen: web/page.js listens for those itself).
    onGesture: function (event) {
      if (!event.isTrusted) return;
      var wantsAudio = AttuneMedia.audioBlocked;
      if (!wantsAudio) {
        var x = -1, y = -1;
        if (event.type !== 'keydown') {
          var rect = Module['canvas'].getBoundingClientRect();
          x = event.clientX - rect.left;
          y = event.clientY - rect.top;
          if (event.changedTouches && event.changedTouches.length) {
            x = event.changedTouches[0].clientX - rect.left;
            y = event.changedTouches[0].clientY - rect.top;
          }
        } else if (event.key !== 'Enter' && event.key !== ' ') {
          return;
        }
        // 1: a release; 2: a press (when the person aimed, for the list: src/core/list_change_guard.h); 0: other
        wantsAudio = _attune_gesture(event.type === 'pointerup' ? 1 : event.type === 'pointerdown' ? 2 : 0, x, y) !== 0;
      }
      if (!wantsAudio) return;
      AttuneMedia.wakeAudio(true);
      if (AttuneMedia.audioBlocked) setTimeout(AttuneMedia.giveUpIfSilent, 2000);
    },

    // A context that a gesture resumed and that still does not run will not: the browser cannot process
    // sound here (Firefox does this on a machine without any sound output). Say so, and release the
    // microphone rather than keep it open for nothing.
    giveUpIfSilent: function () {
      var context = AttuneMedia.audioContext;
      if (!AttuneMedia.audioBlocked || (context && context.state === 'running')) return;
      AttuneMedia.stopDevice(1, true);
      AttuneMedia.report(1, 4, 'the browser could not start sound processing (is there a sound output device?)');
    },

    installGestureListeners: function () {
      if (AttuneMedia.gesturesInstalled) return;
      AttuneMedia.gesturesInstalled = true;
      // The events that count as a user's activation in current browsers (pointerdown only for a mouse,
      // pointerup and touchend for a finger); capture phase, so that nothing on the page can swallow them.
      ['pointerdown', 'pointerup', 'touchend', 'mousedown', 'click', 'keydown'].forEach(function (type) {
        window.addEventListener(type, AttuneMedia.onGesture, true);
      });
    },

    startCamera: function (width, height) {
      var generation = ++AttuneMedia.generation[0];
      AttuneMedia.report(0, 1, null);
      navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: width }, height: { ideal: height }, facingMode: 'user' },
        audio: false,
      }).then(function (stream) {
        if (generation !== AttuneMedia.generation[0]) { AttuneMedia.stopTracks(stream); return; }
        AttuneMedia.report(0, 6, null);
        var video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.setAttribute('playsinline', '');  // older Safari reads the attribute only
        video.srcObject = stream;
        AttuneMedia.video = video;
        AttuneMedia.streams[0] = stream;
        AttuneMedia.watchEnd(0, stream);
        var onFrame = function () {
          AttuneMedia.frameSerial++;
          if (AttuneMedia.video === video) video.requestVideoFrameCallback(onFrame);
        };
        if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(onFrame);
        return video.play().then(function () {
          if (generation === AttuneMedia.generation[0]) AttuneMedia.report(0, 2, null);
        });
      }).catch(function (error) {
        if (generation !== AttuneMedia.generation[0]) return;
        var why = AttuneMedia.explain(error);
        AttuneMedia.report(0, why[0], why[1]);
      });
    },

    startMicrophone: function () {
      var generation = ++AttuneMedia.generation[1];
      var startedAt = performance.now();
      AttuneMedia.report(1, 1, null);
      // Made (or resumed) now, before the permission prompt: when Start was pressed through the
      // accessible controls this still runs inside the gesture; otherwise onGesture already made it.
      var context = AttuneMedia.wakeAudio();
      // The models were trained on unprocessed audio: keep the browser's processing off.
      navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
        video: false,
      }).then(function (stream) {
        if (generation !== AttuneMedia.generation[1]) { AttuneMedia.stopTracks(stream); return; }
        if (!context) throw new Error('this browser cannot process sound (no Web Audio)');
        AttuneMedia.streams[1] = stream;
        AttuneMedia.watchEnd(1, stream);
        AttuneMedia.report(1, 6, null);
        if (!AttuneMedia.workletLoaded)
          AttuneMedia.workletLoaded = context.audioWorklet.addModule(new URL('web/audio_capture_worklet.js', document.baseURI).href);
        return AttuneMedia.workletLoaded.then(function () {
          if (generation !== AttuneMedia.generation[1]) return;
          AttuneMedia.connect(context, stream);
          AttuneMedia.waitForSound(context, generation, startedAt);
        });
      }).catch(function (error) {
        if (generation !== AttuneMedia.generation[1]) return;
        AttuneMedia.stopDevice(1, true);
        var why = AttuneMedia.explain(error);
        AttuneMedia.report(1, why[0], why[1]);
      });
    },

    connect: function (context, stream) {
      var source = context.createMediaStreamSource(stream);
      var node = new AudioWorkletNode(context, 'attune-capture', { numberOfInputs: 1, numberOfOutputs: 1 });
      node.port.onmessage = function (event) {
        if (AttuneMedia.audioNodes && AttuneMedia.audioNodes.node === node) AttuneMedia.deliverAudio(event.data, context.sampleRate);
      };
      // The browser only renders nodes with a path to the destination: route through a muted gain.
      var mute = context.createGain();
      mute.gain.value = 0;
      source.connect(node);
      node.connect(mute);
      mute.connect(context.destination);
      AttuneMedia.audioNodes = { source: source, node: node, mute: mute };
    },

    // Live once the AudioContext runs. A browser that holds the sound back (no gesture reached us, as
    // after returning to a hidden tab in Firefox or Safari) leaves resume() unsettled: after a short
    // wait the microphone is reported "blocked" and the next tap anywhere resumes it (onGesture).
    waitForSound: function (context, generation, startedAt) {
      if (context.state === 'running') { AttuneMedia.report(1, 2, null); return; }
      AttuneMedia.audioBlocked = true;
      context.resume().then(AttuneMedia.onAudioRunning, function () {});
      setTimeout(function () {
        if (generation !== AttuneMedia.generation[1] || !AttuneMedia.audioBlocked || context.state === 'running') return;
        // Resumed inside the gesture that started this (a frame before it) and still silent: no tap will help.
        var resumedForThisStart = AttuneMedia.gestureResumeAt >= startedAt - 1000;
        if (resumedForThisStart && performance.now() - AttuneMedia.gestureResumeAt > 1500) AttuneMedia.giveUpIfSilent();
        else AttuneMedia.report(1, 7, 'the browser holds the sound back: tap anywhere to let Attune listen');
      }, 1500);
    },

    deliverAudio: function (block, sampleRate) {
      if (block.length > AttuneMedia.audioScratchSize) {
        if (AttuneMedia.audioScratch) _free(AttuneMedia.audioScratch);
        AttuneMedia.audioScratch = _malloc(block.length * 4);
        AttuneMedia.audioScratchSize = block.length;
      }
      HEAPF32.set(block, AttuneMedia.audioScratch >> 2);
      _attune_audio_block(AttuneMedia.audioScratch, block.length, sampleRate);
    },

    // Stops a device's tracks and supersedes any start still waiting for permission. `quiet`: leave the
    // reporting to the caller.
    stopDevice: function (device, quiet) {
      AttuneMedia.generation[device]++;
      var stream = AttuneMedia.streams[device];
      AttuneMedia.streams[device] = null;
      AttuneMedia.stopTracks(stream);
      if (device === 0) AttuneMedia.video = null;
      if (device === 1) {
        var nodes = AttuneMedia.audioNodes;
        AttuneMedia.audioNodes = null;
        AttuneMedia.audioBlocked = false;
        if (nodes) { nodes.source.disconnect(); nodes.node.disconnect(); nodes.mute.disconnect(); nodes.node.port.onmessage = null; }
        // Suspended, not closed: a context born in a gesture can be resumed later without one. Only when
        // a microphone was connected: a Start that restarts must not undo the resume its gesture made.
        if (nodes && AttuneMedia.audioContext && AttuneMedia.audioContext.state === 'running') AttuneMedia.audioContext.suspend();
      }
      if (!quiet) AttuneMedia.report(device, 0, null);
    },
  },

  attune_media_start__deps: ['$AttuneMedia', 'malloc', 'free'],
  attune_media_start: function (wantCamera, wantMicrophone, width, height) {
    // A second Start never leaks the first one's streams.
    if (wantCamera) AttuneMedia.stopDevice(0, true);
    if (wantMicrophone) AttuneMedia.stopDevice(1, true);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      var why = AttuneMedia.explain(null);
      if (wantCamera) AttuneMedia.report(0, why[0], why[1]);
      if (wantMicrophone) AttuneMedia.report(1, why[0], why[1]);
      return;
    }
    if (wantCamera) AttuneMedia.startCamera(width, height);
    if (wantMicrophone) AttuneMedia.startMicrophone();
  },

  attune_media_install_gestures__deps: ['$AttuneMedia'],
  attune_media_install_gestures: function () {
    AttuneMedia.installGestureListeners();
  },

  attune_media_stop__deps: ['$AttuneMedia'],
  attune_media_stop: function () {
    AttuneMedia.stopDevice(0);
    AttuneMedia.stopDevice(1);
  },

  // Copies the newest camera frame, scaled to width x height RGBA, into the heap at ptr.
  // Returns 1 when a new frame was copied, 0 when there is none (no camera, or no new frame yet).
  attune_camera_grab__deps: ['$AttuneMedia'],
  attune_camera_grab: function (ptr, width, height) {
    var video = AttuneMedia.video;
    if (!video || video.readyState < 2 || video.videoWidth === 0) return 0;
    // Without requestVideoFrameCallback every call counts as a new frame.
    if (video.requestVideoFrameCallback && AttuneMedia.frameSerial === AttuneMedia.grabbedSerial) return 0;
    AttuneMedia.grabbedSerial = AttuneMedia.frameSerial;
    if (!AttuneMedia.canvas || AttuneMedia.canvas.width !== width || AttuneMedia.canvas.height !== height) {
      AttuneMedia.canvas = document.createElement('canvas');
      AttuneMedia.canvas.width = width;
      AttuneMedia.canvas.height = height;
      AttuneMedia.context = AttuneMedia.canvas.getContext('2d', { willReadFrequently: true });
    }
    AttuneMedia.context.drawImage(video, 0, 0, width, height);
    var pixels = AttuneMedia.context.getImageData(0, 0, width, height).data;
    HEAPU8.set(pixels, ptr);
    return 1;
  },
};

autoAddDeps(LibraryAttuneMedia, '$AttuneMedia');
mergeInto(LibraryManager.library, LibraryAttuneMedia);
