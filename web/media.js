// Camera and microphone, linked with --js-library. The only JavaScript that touches getUserMedia.
//
// Each device is requested on its own, so that a denied camera still leaves the microphone working and
// the other way round. State changes go to C++ through _attune_media_status(device, state, message):
//   device: 0 camera, 1 microphone
//   state:  0 off, 1 asking, 2 live, 3 denied, 4 unavailable (no device / error), 5 ended (unplugged)
// Camera frames are pulled by C++ (attune_camera_grab) at most once per processed frame: one copy
// into the wasm heap. Audio blocks are pushed by an AudioWorklet (web/audio_capture_worklet.js), one
// heap copy per block, into _attune_audio_block(ptr, count, sampleRate).

var LibraryAttuneMedia = {
  $AttuneMedia: {
    video: null,       // <video> playing the camera stream
    canvas: null,      // 2D canvas the frame is scaled into before copying to the heap
    context: null,
    frameSerial: 0,    // increases with every new camera frame
    grabbedSerial: -1,
    streams: [null, null],
    audioContext: null,
    audioScratch: 0,   // heap buffer for one audio block
    audioScratchSize: 0,

    report: function (device, state, message) {
      var p = 0;
      if (message) {
        var size = lengthBytesUTF8(message) + 1;
        p = _malloc(size);
        stringToUTF8(message, p, size);
      }
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

    startCamera: function (width, height) {
      AttuneMedia.report(0, 1, null);
      navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: width }, height: { ideal: height }, facingMode: 'user' },
        audio: false,
      }).then(function (stream) {
        var video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.srcObject = stream;
        AttuneMedia.video = video;
        AttuneMedia.streams[0] = stream;
        AttuneMedia.watchEnd(0, stream);
        var onFrame = function () {
          AttuneMedia.frameSerial++;
          if (AttuneMedia.video === video) video.requestVideoFrameCallback(onFrame);
        };
        if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(onFrame);
        return video.play().then(function () { AttuneMedia.report(0, 2, null); });
      }).catch(function (error) {
        var why = AttuneMedia.explain(error);
        AttuneMedia.report(0, why[0], why[1]);
      });
    },

    startMicrophone: function () {
      AttuneMedia.report(1, 1, null);
      // The models were trained on unprocessed audio: keep the browser's processing off.
      navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
        video: false,
      }).then(function (stream) {
        AttuneMedia.streams[1] = stream;
        AttuneMedia.watchEnd(1, stream);
        var context = new AudioContext();
        AttuneMedia.audioContext = context;
        var workletUrl = new URL('web/audio_capture_worklet.js', document.baseURI).href;
        return context.audioWorklet.addModule(workletUrl).then(function () {
          var source = context.createMediaStreamSource(stream);
          var node = new AudioWorkletNode(context, 'attune-capture', { numberOfInputs: 1, numberOfOutputs: 1 });
          node.port.onmessage = function (event) { AttuneMedia.deliverAudio(event.data, context.sampleRate); };
          // The browser only renders nodes with a path to the destination: route through a muted gain.
          var mute = context.createGain();
          mute.gain.value = 0;
          source.connect(node);
          node.connect(mute);
          mute.connect(context.destination);
          return context.resume();
        }).then(function () { AttuneMedia.report(1, 2, null); });
      }).catch(function (error) {
        var why = AttuneMedia.explain(error);
        AttuneMedia.report(1, why[0], why[1]);
      });
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

    stopDevice: function (device) {
      var stream = AttuneMedia.streams[device];
      AttuneMedia.streams[device] = null;
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      if (device === 0) AttuneMedia.video = null;
      if (device === 1 && AttuneMedia.audioContext) { AttuneMedia.audioContext.close(); AttuneMedia.audioContext = null; }
      AttuneMedia.report(device, 0, null);
    },
  },

  attune_media_start__deps: ['$AttuneMedia', 'malloc', 'free'],
  attune_media_start: function (wantCamera, wantMicrophone, width, height) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      var why = AttuneMedia.explain(null);
      if (wantCamera) AttuneMedia.report(0, why[0], why[1]);
      if (wantMicrophone) AttuneMedia.report(1, why[0], why[1]);
      return;
    }
    if (wantCamera) AttuneMedia.startCamera(width, height);
    if (wantMicrophone) AttuneMedia.startMicrophone();
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
