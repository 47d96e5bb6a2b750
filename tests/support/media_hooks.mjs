// A page init script for tests that need to know when the fake devices started or to make them
// disappear: it wraps getUserMedia so that every stream the app opens is kept in
// window.attuneTestMedia with the page time (performance.now()) it went live. Chromium's fake
// devices start playing their file from the beginning when the stream opens, so that time is the
// clip's time zero.
export function recordMediaStreams() {
  const record = { streams: [], started: {} };
  window.attuneTestMedia = record;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => original(constraints).then((stream) => {
    const kind = constraints && constraints.video ? 'video' : 'audio';
    record.started[kind] = performance.now();
    record.streams.push({ kind, stream });
    return stream;
  });
}

// Makes the camera ('video') or microphone ('audio') disappear as an unplugged device does: its
// tracks end and fire "ended" (track.stop() alone fires nothing, by the spec).
export async function unplug(page, kind) {
  await page.evaluate((k) => {
    for (const { kind: streamKind, stream } of window.attuneTestMedia.streams) {
      if (streamKind !== k) continue;
      for (const track of stream.getTracks()) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    }
  }, kind);
}

// Records, inside the page, the readings of window.attuneState with the page time every `everyMs`
// until `collectSamples`: cheaper and steadier than a round trip from the test per sample while
// the page's thread is busy with the models.
export async function startSampling(page, everyMs = 200) {
  await page.evaluate((every) => {
    const record = window.attuneTestMedia;
    record.samples = [];
    record.sampler = setInterval(() => {
      const s = window.attuneState;
      if (!s || !s.face) return;
      record.samples.push({ t: performance.now(), s: {
        frame: s.frame, frames_grabbed: s.frames_grabbed,
        face: { state: s.face.state, label: s.face.label, box: s.face.box, label_changes: s.face.label_changes, label_since_ms: s.face.label_since_ms }, voice: { state: s.voice.state, label: s.voice.label },
        mood: { available: s.mood.available, va: s.mood.va } } });
    }, every);
  }, everyMs);
}

// The samples so far, each with the devices' start times; stops the sampler.
export function collectSamples(page) {
  return page.evaluate(() => {
    const record = window.attuneTestMedia;
    clearInterval(record.sampler);
    return record.samples.map((sample) => ({ ...sample, started: record.started, marker: record.marker }));
  });
}

// Watches a marker the clip draws in its top-left 8x8 pixels (dark or bright, one per segment) on a
// copy of the app's camera track, and records the page time at which each frame with a new marker
// arrived: when a segment really started for the page, which the stream's start time gives only to a
// few hundred ms (the fake camera runs ahead of getUserMedia's promise). Call after the camera is live;
// read window.attuneTestMedia.marker ([{ t, bright }]).
export async function watchFrameMarker(page) {
  await page.evaluate(() => {
    const record = window.attuneTestMedia;
    const { stream } = record.streams.find((s) => s.kind === 'video');
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream(stream.getVideoTracks().map((track) => track.clone()));
    const context = new OffscreenCanvas(8, 8).getContext('2d', { willReadFrequently: true });
    record.marker = [];
    const onFrame = () => {
      context.drawImage(video, 0, 0, 8, 8, 0, 0, 8, 8);
      const pixels = context.getImageData(0, 0, 8, 8).data;
      let sum = 0;
      for (let i = 0; i < pixels.length; i += 4) sum += pixels[i];
      const bright = sum / 64 > 128;
      if (record.marker.at(-1)?.bright !== bright) record.marker.push({ t: performance.now(), bright });
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    video.play();
  });
}
