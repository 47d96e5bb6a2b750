// One camera frame through our face pipeline, timed by stage: the wasm core module (src/core/vision
// via src/platform/node/core_module.cpp) around ONNX Runtime Web, in the order the app runs them
// (src/app/face_stage.cpp): detector input -> YuNet -> decode + track + align + crop -> expression model,
// or, when the pipeline says no detection is due (detect_every > 1), a crop at the tracked face.
// Shared by bench/face_bench.mjs (Node) and bench/pages/faceapi_compare.js (Chromium).
import { createExpressionRunner } from '../tools/face_expression.mjs';

// Rebuilds the core module's face pipeline: the app's setting (live_face_pipeline_config(): YuNet at
// 256x192, every other frame while tracking, the search turned +-30 degrees, dark frames brightened,
// faces under 80 px looked for in enlarged parts of the frame, upright and turned, faces under 16 px left
// out) with whatever `setting` changes. Throws on a setting the core refuses.
export function configureFacePipeline(core, setting = {}) {
  const { w = 256, h = 192, every = 2, searchRoll = 30, correctExposure = true, zoomFacesUnder = 80, minFaceWidth = 16,
    turnTiles = true, liftedScoreThreshold = -1, dimCropWeight = -1, trackedScoreThreshold = -1, registerDimCrops } = setting;  // -1: the core's default
  const register = registerDimCrops === undefined ? -1 : (registerDimCrops ? 1 : 0);
  if (!core._attune_face_configure(w, h, every, searchRoll, correctExposure ? 1 : 0, zoomFacesUnder, minFaceWidth, turnTiles ? 1 : 0,
    liftedScoreThreshold, dimCropWeight, trackedScoreThreshold, register)) {
    throw new Error(core.UTF8ToString(core._attune_last_error()));
  }
}

// The settings a bench compares: those of `settings` named in `names` (a comma list; all without it),
// then the app's setting `appKey` again for each score threshold in brightened dark frames in
// `liftedThresholds` (a comma list; FacePipelineConfig::lifted_score_threshold), for each new crop's weight
// in such frames' crop average in `cropWeights` (FacePipelineConfig::dim_crop_new_weight) and for each score
// that keeps a tracked face in such frames in `trackedThresholds` (FacePipelineConfig::tracked_score_threshold),
// alone and with each of the crop weights, and for each crop weight in `registeredCropWeights` with each crop laid
// on the average first (FacePipelineConfig::register_dim_crops). `keep` (a comma list of the resulting keys, e.g.
// after,after_tracked_0.5_crop_weight_0.5) leaves only those. Throws on an unknown name or key.
export function chooseSettings(settings, { names, appKey, liftedThresholds = '', cropWeights = '', trackedThresholds = '',
  registeredCropWeights = '', keep } = {}) {
  const pick = (from, keys) => Object.fromEntries(keys.split(',').map((key) => {
    if (!from[key]) throw new Error(`no setting '${key}' (${Object.keys(from)})`);
    return [key, from[key]];
  }));
  const out = names ? pick(settings, names) : { ...settings };
  const list = (text) => text.split(',').filter(Boolean).map(Number);
  for (const threshold of list(liftedThresholds)) {
    out[`${appKey}_lifted_${threshold}`] = { ...settings[appKey], liftedScoreThreshold: threshold,
      name: `app, score threshold ${threshold} in brightened dark frames` };
  }
  for (const weight of list(cropWeights)) {
    out[`${appKey}_crop_weight_${weight}`] = { ...settings[appKey], dimCropWeight: weight,
      name: `app, each new crop ${weight} of the average in brightened dark frames` };
  }
  for (const weight of list(registeredCropWeights)) {
    out[`${appKey}_registered_crop_weight_${weight}`] = { ...settings[appKey], dimCropWeight: weight, registerDimCrops: true,
      name: `app, each new crop laid on the average, then ${weight} of it in brightened dark frames` };
  }
  for (const tracked of list(trackedThresholds)) {
    const name = `app, the tracked face kept at score ${tracked} in brightened dark frames`;
    out[`${appKey}_tracked_${tracked}`] = { ...settings[appKey], trackedScoreThreshold: tracked, name };
    for (const weight of list(cropWeights)) {
      out[`${appKey}_tracked_${tracked}_crop_weight_${weight}`] = { ...settings[appKey], trackedScoreThreshold: tracked,
        dimCropWeight: weight, name: `${name}, each new crop ${weight} of the average` };
    }
  }
  return keep ? pick(out, keep) : out;
}

// flip: the expression model's mirror pass (tools/face_expression.mjs FLIP_MODES), 'when-needed' as the app.
export function createFaceRunner(core, ort, { flip = 'when-needed' } = {}) {
  const cropPtr = core._malloc(48 * 48 * 4), boxPtr = core._malloc(16);
  // The detector input's room in the core's heap, grown to whatever size the pipeline is configured for.
  let inputPtr = 0, inputFloats = 0;
  const inputRoom = (floats) => {
    if (floats > inputFloats) {
      if (inputPtr) core._free(inputPtr);
      inputPtr = core._malloc(floats * 4);
      inputFloats = floats;
    }
    return inputPtr;
  };
  const classify = createExpressionRunner(core, ort, { flip });
  const names = {};
  const namePtr = (name) => {
    if (!names[name]) {
      const bytes = new TextEncoder().encode(name + '\0');
      names[name] = core._malloc(bytes.length);
      core.HEAPU8.set(bytes, names[name]);
    }
    return names[name];
  };
  // The detector input is copied out of the core's heap into an array kept from frame to frame, as the
  // app's bridge does (web/ort_bridge.js inputTensor): a fresh 786 KB array per frame costs ~2.5 ms in Chromium.
  let detectorInput = new Float32Array(0);
  const detectorTensor = (count, w, h) => {
    if (detectorInput.length !== count) detectorInput = new Float32Array(count);
    detectorInput.set(core.HEAPF32.subarray(inputPtr >> 2, (inputPtr >> 2) + count));
    return new ort.Tensor('float32', detectorInput, [1, 3, h, w]);
  };

  // Runs the pipeline on the image the core holds. Returns stage times (ms), whether the detector ran,
  // whether a face was cropped, its box [x, y, w, h], the crop's probabilities (or null) and whether its mirror went too.
  async function frame(detector, classifier) {
    const t0 = performance.now();
    if (!core._attune_face_detection_due()) {
      const found = core._attune_face_track(cropPtr, boxPtr) > 0;
      const t1 = performance.now();
      const { probs = null, mirrored = false } = found && classifier ? await classify(classifier) : {};
      return { detected: false, found, box: found ? box() : null, probs, mirrored, input: 0, detector: 0, decode_align_crop: t1 - t0, expression: performance.now() - t1 };
    }
    const w = core._attune_face_detector_width(), h = core._attune_face_detector_height();
    const count = core._attune_face_detector_input(inputRoom(3 * w * h));
    const input = detectorTensor(count, w, h);
    const t1 = performance.now();
    const outputs = await detector.run({ input });
    const t2 = performance.now();
    for (const [name, tensor] of Object.entries(outputs)) {
      const ptr = core._malloc(tensor.data.byteLength);
      core.HEAPF32.set(tensor.data, ptr >> 2);
      core._attune_face_detector_output(namePtr(name), ptr, tensor.data.length);
      core._free(ptr);
    }
    const found = core._attune_face_process(cropPtr, boxPtr) > 0;
    const t3 = performance.now();
    const { probs = null, mirrored = false } = found && classifier ? await classify(classifier) : {};
    return { detected: true, found, box: found ? box() : null, probs, mirrored, input: t1 - t0, detector: t2 - t1, decode_align_crop: t3 - t2, expression: performance.now() - t3 };
  }

  // A single image (setFrame with newImage) given the runs the app gives a still face before "no face":
  // upright, then turned each way (FacePipeline::search_length), until a face is found.
  async function search(detector, classifier) {
    let result;
    for (let run = 0; run < core._attune_face_search_length(); run++) {
      result = await frame(detector, classifier);
      if (result.found) return { ...result, runs: run + 1 };
    }
    return { ...result, runs: core._attune_face_search_length() };
  }

  // The last crop (frame, search or cropWhole) as 48x48 gray levels 0-255.
  function cropGray() {
    return Uint8Array.from(core.HEAPF32.subarray(cropPtr >> 2, (cropPtr >> 2) + 2304), (v) => Math.round(v * 255));
  }

  function box() { return Array.from(core.HEAPF32.subarray(boxPtr >> 2, (boxPtr >> 2) + 4)); }

  // A face crop already (FER-like): its 48x48 input without the detector, then the expression model.
  async function cropWhole(classifier) {
    if (!core._attune_face_crop_whole(cropPtr)) return null;
    return (await classify(classifier)).probs;
  }

  // Copies RGBA pixels into the core as the next video frame (the track is kept) or a new image.
  function setFrame(rgba, width, height, { newImage = false } = {}) {
    const p = core._malloc(rgba.length);
    core.HEAPU8.set(rgba, p);
    (newImage ? core._attune_image_set_rgba : core._attune_image_next_frame)(p, width, height);
    core._free(p);
  }

  // Decodes a PNG or JPEG into the core (a new image). Returns false when it cannot be read.
  function loadImage(bytes) {
    const p = core._malloc(bytes.length);
    core.HEAPU8.set(bytes, p);
    const ok = core._attune_image_load(p, bytes.length) === 1;
    core._free(p);
    return ok;
  }

  return { frame, search, cropWhole, cropGray, setFrame, loadImage };
}

export const STAGES = ['input', 'detector', 'decode_align_crop', 'expression'];
