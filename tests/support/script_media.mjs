// Fake camera and microphone clips that follow a script of emotions, for the end-to-end test: one
// segment per emotion (a FER2013 PublicTest face on the camera, two RAVDESS sentences of the same
// emotion on the microphone), then a segment with no face and silence. Both clips have the same
// length, so that each segment k lasts [k * seconds, (k + 1) * seconds) from the device's start.
//
// Faces and clips are chosen as the first candidates (archive order, fixed lists below) that the
// offline pipeline (tools/classify.mjs: the same C++ and models) labels as their true emotion, so the
// test checks that the live app reproduces readings of known material; it does not measure how well
// the models generalise (their cards do: FER2013 PublicTest for the face, 5-fold by actor for voice).
import { join } from 'node:path';

import { composeFrame, decodeFace, ferFaces, H, rgbaOf, W, writeFaceClip } from './face_video.mjs';
import { readWavSamples, writeWav } from './fake_media.mjs';
import { ravdessClips } from './ravdess.mjs';

export const SCRIPT = ['happy', 'sad', 'angry', 'neutral'];
const FACE_CANDIDATES = {  // the first PublicTest files of each class in the archive
  happy: ['58895662', '30244131', '52731318', '23722704', '24830226', '45911168', '40882120'],
  sad: ['56797865', '24118890', '95266818', '90402522', '82430512', '71769170', '17526108', '76999798'],
  angry: ['80585398', '12693575', '30068238', '19183266', '65467730', '94771272', '49352382', '16770619'],
  neutral: ['84605588', '34157941', '1153675', '29922866', '91865460', '948908', '7588518', '55261472'],
};
const MIN_FACE_PROBABILITY = 0.7;  // a clear reading, so that a few pixels of drift do not flip it
const RAVDESS_CODE = { neutral: '01', happy: '03', sad: '04', angry: '05' };
const ACTORS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];
const VOICE_RATE = 16000;

async function pickFace(core, classifier, emotion, dir) {
  const members = FACE_CANDIDATES[emotion].map((id) => `fer2013/val/${emotion}/PublicTest_${id}.jpg`);
  const files = ferFaces(members, dir);
  if (!files) return null;
  for (const file of files) {
    const reading = await classifier.faceFrame(rgbaOf(composeFrame(decodeFace(core, file), 85, 45)), W, H);
    if (reading.label === emotion && reading.probs[emotion] >= MIN_FACE_PROBABILITY) return file;
  }
  throw new Error(`no ${emotion} candidate face is labelled ${emotion} by the offline pipeline`);
}

// Two sentences of one actor (strong intensity; neutral has only normal), cut or padded to `seconds`.
const sentences = (emotion, actor) => ['01', '02'].map((statement) =>
  `Actor_${actor}/03-01-${RAVDESS_CODE[emotion]}-${emotion === 'neutral' ? '01' : '02'}-${statement}-01-${actor}.wav`);

async function pickVoice(classifier, emotion, seconds, dir) {
  for (const actor of ACTORS) {
    const clips = sentences(emotion, actor).map((clip) => join(dir, 'ravdess-16k', clip));
    const segment = new Float32Array(VOICE_RATE * seconds);
    let at = 0;
    for (const clip of clips) {
      const { samples } = readWavSamples(clip);
      segment.set(samples.subarray(0, Math.max(0, segment.length - at)), at);
      at += samples.length;
    }
    const file = join(dir, `${emotion}-${actor}.wav`);
    writeWav(file, segment, VOICE_RATE);
    if ((await classifier.voice(file)).label === emotion) return { samples: segment, actor };
  }
  throw new Error(`no actor's ${emotion} sentences are labelled ${emotion} by the offline pipeline`);
}

// Writes script.y4m and script.wav under `dir`; null when the shared data is not on this machine.
export async function writeScriptMedia(core, classifier, dir, { seconds = 8 } = {}) {
  if (!ravdessClips(SCRIPT.flatMap((emotion) => ACTORS.flatMap((actor) => sentences(emotion, actor))), join(dir, 'ravdess'))) return null;
  const faces = [], voices = [];
  for (const emotion of SCRIPT) {
    const face = await pickFace(core, classifier, emotion, join(dir, 'fer'));
    const voice = await pickVoice(classifier, emotion, seconds, join(dir, 'ravdess'));
    if (!face || !voice) return null;
    faces.push(face);
    voices.push(voice);
  }
  const video = join(dir, 'script.y4m');
  writeFaceClip(core, video, faces, { fps: 10, secondsPerSegment: seconds });  // adds the no-face segment
  const audio = new Float32Array(VOICE_RATE * seconds * (SCRIPT.length + 1));  // ends with silence
  voices.forEach((v, k) => audio.set(v.samples, k * VOICE_RATE * seconds));
  const wav = join(dir, 'script.wav');
  writeWav(wav, audio, VOICE_RATE);
  return {
    video, audio: wav, seconds, loopSeconds: seconds * (SCRIPT.length + 1),
    faces: faces.map((f) => f.split('/').pop()), voices: voices.map((v, k) => `${SCRIPT[k]}: actor ${v.actor}`),
  };
}
