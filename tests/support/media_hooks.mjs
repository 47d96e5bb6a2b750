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
        face: { state: s.face.state, label: s.face.label, box: s.face.box }, voice: { state: s.voice.state, label: s.voice.label },
        mood: { available: s.mood.available, va: s.mood.va } } });
    }, every);
  }, everyMs);
}

// The samples so far, each with the devices' start times; stops the sampler.
export function collectSamples(page) {
  return page.evaluate(() => {
    const record = window.attuneTestMedia;
    clearInterval(record.sampler);
    return record.samples.map((sample) => ({ ...sample, started: record.started }));
  });
}
