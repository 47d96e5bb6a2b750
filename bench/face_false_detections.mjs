// How often the face pipeline finds a face where there is none: photos without a face (rooms, streets,
// plants, objects, text; tools/fetch_background_photos.sh) as 320x240 camera frames, each whole and as
// its four quarters enlarged 2x, in normal and dim light (tools/face_frames.mjs dimLight). Each frame is
// held for 24 detector runs, as an empty scene in front of the camera for 24 frames (one whole search
// with the corners turned, three with them upright), under each search setting of
// bench/face_pipeline_accuracy.mjs that differs in what it looks at. A detector run that ends with a
// tracked face is a false face: the app would crop it and read an expression from it.
// --settings: a subset of them; --lifted-thresholds 0.5,0.55: the app's setting again with YuNet's score
// threshold in brightened dark frames set to each (FacePipelineConfig::lifted_score_threshold);
// --tracked-thresholds 0.45: with the tracked face kept there at that score (tracked_score_threshold: a
// false face once found may then be held longer). Prints figures; never fails.
//   bash tools/fetch_background_photos.sh && node bench/face_false_detections.mjs [--runs 24] [--json FILE]
//                                            [--settings unzoomed,app] [--lifted-thresholds 0.5] [--tracked-thresholds 0.45]
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { decodeImage, dimLight, H, rgbaOf, W } from '../tools/face_frames.mjs';
import { chooseSettings, configureFacePipeline } from './face_frame.mjs';
import { openFacePipeline } from './open_face_pipeline.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '24' }, json: { type: 'string' },
  settings: { type: 'string' }, 'lifted-thresholds': { type: 'string', default: '' },
  'tracked-thresholds': { type: 'string', default: '' } } });
const runs = Number(values.runs);
const dir = fileURLToPath(new URL('../build/backgrounds', import.meta.url));
if (!existsSync(dir)) { console.log('skipped: no photos (bash tools/fetch_background_photos.sh)'); process.exit(0); }
const photos = readdirSync(dir).filter((f) => /\.(jpg|png)$/.test(f)).sort();

const SETTINGS = chooseSettings({
  unzoomed: { zoomFacesUnder: 0, name: 'whole frame, upright and +-30 deg' },
  upright_corners: { zoomFacesUnder: 80, turnTiles: false, name: 'the same + enlarged corners, upright' },
  app: { zoomFacesUnder: 80, turnTiles: true, name: 'app: the corners also turned +-30 deg' },
}, { names: values.settings, appKey: 'app', liftedThresholds: values['lifted-thresholds'],
  trackedThresholds: values['tracked-thresholds'] });

// The part (x, y, w, h) of an RGBA image, bilinearly resampled to a W x H RGB frame.
function frameOf(image, x, y, w, h) {
  const rgb = new Uint8Array(W * H * 3);
  for (let r = 0; r < H; r++) {
    const sy = Math.min(image.h - 1.001, Math.max(0, y + ((r + 0.5) * h) / H - 0.5));
    const y0 = Math.floor(sy), fy = sy - y0;
    for (let c = 0; c < W; c++) {
      const sx = Math.min(image.w - 1.001, Math.max(0, x + ((c + 0.5) * w) / W - 0.5));
      const x0 = Math.floor(sx), fx = sx - x0;
      for (let k = 0; k < 3; k++) {
        const at = (yy, xx) => image.rgba[(yy * image.w + xx) * 4 + k];
        const v = (at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx) * (1 - fy) + (at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx) * fy;
        rgb[(r * W + c) * 3 + k] = Math.round(v);
      }
    }
  }
  return rgb;
}

// The photo cut to 4:3 around its centre, whole and in quarters.
function viewsOf(image) {
  const w = Math.min(image.w, (image.h * 4) / 3), h = (w * 3) / 4;
  const x = (image.w - w) / 2, y = (image.h - h) / 2;
  return [[x, y, w, h], [x, y, w / 2, h / 2], [x + w / 2, y, w / 2, h / 2], [x, y + h / 2, w / 2, h / 2], [x + w / 2, y + h / 2, w / 2, h / 2]]
    .map(([vx, vy, vw, vh]) => frameOf(image, vx, vy, vw, vh));
}

const { core, runner, detector } = await openFacePipeline({ classifier: false });
const tally = Object.fromEntries(Object.keys(SETTINGS).flatMap((s) => ['normal', 'dim'].map((light) =>
  [`${s}/${light}`, { frames: 0, runs: 0, falseRuns: 0, framesWithFalseFace: 0, where: [] }])));
for (const [p, photo] of photos.entries()) {
  const views = viewsOf(decodeImage(core, join(dir, photo)));
  for (const [v, rgb] of views.entries()) {
    for (const light of ['normal', 'dim']) {
      const rgba = rgbaOf(light === 'dim' ? dimLight(rgb.slice(), p * 10 + v) : rgb);
      for (const [s, setting] of Object.entries(SETTINGS)) {
        configureFacePipeline(core, { ...setting, every: 1 });
        runner.setFrame(rgba, W, H, { newImage: true });
        let falseRuns = 0;
        for (let run = 0; run < runs; run++) if ((await runner.frame(detector, null)).found) falseRuns++;
        const t = tally[`${s}/${light}`];
        t.frames++; t.runs += runs; t.falseRuns += falseRuns;
        if (falseRuns) { t.framesWithFalseFace++; t.where.push(`${photo}#${v}`); }
      }
    }
  }
}

console.log(`False faces: ${photos.length} photos without a face x 5 views (whole, 4 quarters 2x) per light, ${runs} detector runs each`);
console.log('| search | light | frames with a false face | detector runs ending on a false face | where |');
console.log('|---|---|---:|---:|---|');
for (const [key, t] of Object.entries(tally)) {
  const [s, light] = key.split('/');
  console.log(`| ${SETTINGS[s].name} | ${light} | ${t.framesWithFalseFace} of ${t.frames} | ${t.falseRuns} of ${t.runs} (${((1000 * t.falseRuns) / t.runs).toFixed(1)} per 1,000) | ${t.where.join(' ')} |`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ photos, runs, settings: SETTINGS, tally }, null, 1));
