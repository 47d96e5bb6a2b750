// The wasm core module for Node: the same src/core code as the browser app, exported as plain C
// functions for the command-line tools (tools/classify.mjs) and the wasm tests (tests/wasm/).
// Buffers are allocated by the caller with _malloc; nothing here touches files or the browser.
// The models themselves run in JavaScript (ONNX Runtime Web), exactly as in the browser.
#include <emscripten.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/audio/file_windows.h"
#include "core/audio/recording.h"
#include "core/audio/voice_features.h"
#include "core/catalog.h"
#include "core/recommend.h"
#include "core/emotion_labels.h"
#include "core/expression_smoother.h"
#include "core/flip_tta.h"
#include "core/vision/detector_input.h"
#include "core/vision/face_pipeline.h"

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#include "stb_image.h"

namespace {

std::string g_error;  // the last failure, for attune_last_error()

// ---- voice: one recording at a time -----------------------------------------------------------
struct VoiceFile {
  attune::audio::VoiceFeatureExtractor extractor;
  std::vector<float> samples;
  std::vector<std::size_t> starts;
  attune::audio::VoiceFeatures features;
};
VoiceFile& voice() {
  static VoiceFile file;
  return file;
}

// ---- face: one image at a time ------------------------------------------------------------------
struct FaceImage {
  attune::vision::FacePipeline pipeline{attune::vision::live_face_pipeline_config()};  // as the app
  attune::FlipTta flip_tta;  // as the app's face stage: the mirror pass for new faces and uncertain readings
  std::vector<unsigned char> rgba;
  int width = 0, height = 0;
  attune::vision::RgbaView view() const { return {rgba.data(), width, height, 0}; }
};
FaceImage& face() {
  static FaceImage image;
  return image;
}

// The face stage's combination of crops (core/expression_smoother), for replaying recorded crops under
// several settings (bench/steadiness_replay.mjs).
attune::ExpressionSmoother& smoother() {
  static attune::ExpressionSmoother s;
  return s;
}

attune::Recommender& recommender() {
  static attune::Recommender r;
  return r;
}

attune::Feedback& feedback() {  // the votes attune_recommend ranks with (benchmarks)
  static attune::Feedback f;
  return f;
}

// Copies a result's 48x48 crop into `out` and its box (x, y, w, h) into `box_out`; false without a crop.
template <typename Face, typename Result>
bool copy_crop(Face& f, const Result& result, float* out, float* box_out) {
  if (!result.has_crop) return false;
  std::copy(f.pipeline.emotion_input().begin(), f.pipeline.emotion_input().end(), out);
  const auto& b = result.face.box;
  box_out[0] = b.x;
  box_out[1] = b.y;
  box_out[2] = b.width;
  box_out[3] = b.height;
  return true;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int attune_core_abi_version() { return 4; }

EMSCRIPTEN_KEEPALIVE const char* attune_last_error() { return g_error.c_str(); }

// Letterboxes an RGBA frame into the face detector's [1,3,320,320] BGR tensor at `tensor_out`
// (320*320*3 floats). Returns the scale from frame to detector pixels.
EMSCRIPTEN_KEEPALIVE float attune_detector_input(const unsigned char* rgba, int width, int height, float* tensor_out) {
  static attune::vision::DetectorInput input(320);
  const auto transform = input.prepare(attune::vision::RgbaView{rgba, width, height, 0});
  std::copy(input.tensor().begin(), input.tensor().end(), tensor_out);
  return transform.scale;
}

// ---- voice ---------------------------------------------------------------------------------------
// Decodes a WAV file, resamples it to 16 kHz and cuts it into analysis windows exactly as
// tools/native/featurize does for training. Returns the window count, or -1 (see attune_last_error).
EMSCRIPTEN_KEEPALIVE int attune_voice_load(const unsigned char* wav, int size, int hop_samples) {
  auto& v = voice();
  auto recording = attune::audio::decode_recording(wav, static_cast<std::size_t>(size), v.extractor.config().sample_rate);
  if (!recording.ok) {
    g_error = recording.error;
    return -1;
  }
  v.samples = std::move(recording.samples);
  const std::size_t window = static_cast<std::size_t>(v.extractor.config().window_samples);
  v.starts = attune::audio::analysis_window_starts(v.samples.size(), window, static_cast<std::size_t>(hop_samples));
  return static_cast<int>(v.starts.size());
}

EMSCRIPTEN_KEEPALIVE int attune_voice_mels() { return voice().extractor.n_mels(); }
EMSCRIPTEN_KEEPALIVE int attune_voice_frames() { return voice().extractor.frames(); }
EMSCRIPTEN_KEEPALIVE int attune_voice_stats_dim() { return voice().extractor.stats_dim(); }

// Features of window `index` into logmel_out (mels*frames) and stats_out (stats_dim). Returns 1 when
// the window holds speech, 0 when not, -1 for a bad index.
EMSCRIPTEN_KEEPALIVE int attune_voice_window(int index, float* logmel_out, float* stats_out) {
  auto& v = voice();
  if (index < 0 || static_cast<std::size_t>(index) >= v.starts.size()) return -1;
  const std::size_t window = static_cast<std::size_t>(v.extractor.config().window_samples);
  const std::size_t start = v.starts[index];
  v.extractor.extract(v.samples.data() + start, std::min(window, v.samples.size() - start), v.features);
  std::copy(v.features.logmel.begin(), v.features.logmel.end(), logmel_out);
  std::copy(v.features.stats.begin(), v.features.stats.end(), stats_out);
  return v.features.has_speech ? 1 : 0;
}

// The live path: features of the window starting at `start_sample` through extract_stream, which
// reuses the frames the previous call analysed when windows advance by whole hops (as in the app).
EMSCRIPTEN_KEEPALIVE int attune_voice_stream_window(int start_sample, float* logmel_out, float* stats_out) {
  auto& v = voice();
  const std::size_t window = static_cast<std::size_t>(v.extractor.config().window_samples);
  const std::size_t start = static_cast<std::size_t>(start_sample);
  if (start + window > v.samples.size()) return -1;
  v.extractor.extract_stream(v.samples.data() + start, window, start, v.features);
  std::copy(v.features.logmel.begin(), v.features.logmel.end(), logmel_out);
  std::copy(v.features.stats.begin(), v.features.stats.end(), stats_out);
  return v.features.has_speech ? 1 : 0;
}

// Stage times of the last attune_voice_window/attune_voice_stream_window call (ms): frame analysis,
// VAD + pitch, summary; for bench/voice_bench.mjs.
EMSCRIPTEN_KEEPALIVE void attune_voice_stage_ms(double* out) {
  const auto& t = voice().extractor.last_stage_times();
  out[0] = t.frames_ms;
  out[1] = t.pitch_ms;
  out[2] = t.summary_ms;
}

// The file's probabilities from its windows' (7 per window, window-major), as the training
// pipeline averages them. `speech` holds one 0/1 per window.
EMSCRIPTEN_KEEPALIVE void attune_voice_average(const float* probs, const int* speech, int windows, float* out) {
  std::vector<std::array<float, attune::kEmotionCount>> per_window(static_cast<std::size_t>(windows));
  std::vector<bool> has_speech(static_cast<std::size_t>(windows));
  for (int w = 0; w < windows; ++w) {
    std::copy(probs + w * attune::kEmotionCount, probs + (w + 1) * attune::kEmotionCount, per_window[w].begin());
    has_speech[w] = speech[w] != 0;
  }
  std::array<float, attune::kEmotionCount> mean{};
  attune::audio::average_window_probs(per_window, has_speech, mean);
  std::copy(mean.begin(), mean.end(), out);
}

// ---- face ----------------------------------------------------------------------------------------
// Decodes a PNG or JPEG. Returns 1, or 0 (see attune_last_error).
EMSCRIPTEN_KEEPALIVE int attune_image_load(const unsigned char* bytes, int size) {
  auto& f = face();
  int channels = 0;
  unsigned char* pixels = stbi_load_from_memory(bytes, size, &f.width, &f.height, &channels, 4);
  if (!pixels) {
    g_error = std::string("not a readable PNG or JPEG image (") + stbi_failure_reason() + ")";
    return 0;
  }
  f.rgba.assign(pixels, pixels + static_cast<std::size_t>(f.width) * f.height * 4);
  stbi_image_free(pixels);
  f.pipeline.reset();
  f.flip_tta.reset();
  return 1;
}

// Sets the image from RGBA pixels instead of a file (benchmarks and tests compose frames).
EMSCRIPTEN_KEEPALIVE void attune_image_set_rgba(const unsigned char* rgba, int width, int height) {
  auto& f = face();
  f.width = width;
  f.height = height;
  f.rgba.assign(rgba, rgba + static_cast<std::size_t>(width) * height * 4);
  f.pipeline.reset();
  f.flip_tta.reset();
}

// The next video frame (RGBA): like attune_image_set_rgba but the face pipeline keeps its track, as
// the app's does from one camera frame to the next (benchmarks run detect_every > 1 with it).
EMSCRIPTEN_KEEPALIVE void attune_image_next_frame(const unsigned char* rgba, int width, int height) {
  auto& f = face();
  f.width = width;
  f.height = height;
  f.rgba.assign(rgba, rgba + static_cast<std::size_t>(width) * height * 4);
}

// The loaded image's RGBA pixels (width * height * 4 bytes).
EMSCRIPTEN_KEEPALIVE const unsigned char* attune_image_pixels() { return face().rgba.data(); }

EMSCRIPTEN_KEEPALIVE int attune_image_width() { return face().width; }
EMSCRIPTEN_KEEPALIVE int attune_image_height() { return face().height; }

// The image is a face crop already (like FER2013): its 48x48 model input into `out` (2304 floats).
EMSCRIPTEN_KEEPALIVE int attune_face_crop_whole(float* out) {
  auto& f = face();
  if (!f.pipeline.crop_whole_image(f.view())) {
    g_error = "the image could not be cropped";
    return 0;
  }
  std::copy(f.pipeline.emotion_input().begin(), f.pipeline.emotion_input().end(), out);
  return 1;
}

// Rebuilds the face pipeline with another detector input size (multiples of 32) and detector
// cadence (FacePipelineConfig::detect_every), the turn of the search for a face (search_roll_degrees,
// 0: upright only), whether dark frames are brightened (correct_exposure, 0 or 1), the face width
// under which the detector looks at an enlarged part of the frame (zoom_faces_under, 0: never), the
// narrowest face read (min_face_width, frame pixels), whether the search's enlarged corners are also
// turned (turn_search_tiles, 0 or 1), YuNet's score threshold in a brightened dark frame
// (lifted_score_threshold; below 0: the default), each new crop's weight in the average of a tracked
// face's crops in such frames (dim_crop_new_weight; 0 or below: the default), the score that keeps the
// tracked face there (tracked_score_threshold; below 0: the default) and whether each crop is laid on that
// average first (register_dim_crops, 0 or 1; below 0: the default); the image stays.
// Benchmarks compare settings with it.
EMSCRIPTEN_KEEPALIVE int attune_face_configure(int detector_width, int detector_height, int detect_every,
                                               float search_roll_degrees, int correct_exposure, float zoom_faces_under,
                                               float min_face_width, int turn_search_tiles,
                                               float lifted_score_threshold, float dim_crop_new_weight,
                                               float tracked_score_threshold, int register_dim_crops) {
  if (detector_width <= 0 || detector_height <= 0 || detector_width % 32 || detector_height % 32 || detect_every < 1 ||
      !(search_roll_degrees >= 0 && search_roll_degrees < 90) || !(zoom_faces_under >= 0 && zoom_faces_under < 1000) ||
      !(min_face_width >= 0 && min_face_width < 1000) || !(lifted_score_threshold < 1) || !(dim_crop_new_weight <= 1) ||
      !(tracked_score_threshold < 1)) {
    g_error = "detector size must be a positive multiple of 32, detect_every at least 1, the search turn 0-90 degrees, "
              "the zoom's and the smallest face's widths 0-1000 pixels, the dim frames' score thresholds under 1, "
              "the dim frames' crop weight at most 1";
    return 0;
  }
  attune::vision::FacePipelineConfig config;
  config.detector.input_width = detector_width;
  config.detector.input_height = detector_height;
  config.detect_every = detect_every;
  config.search_roll_degrees = search_roll_degrees;
  config.correct_exposure = correct_exposure != 0;
  config.zoom_faces_under = zoom_faces_under;
  config.min_face_width = min_face_width;
  config.turn_search_tiles = turn_search_tiles != 0;
  if (lifted_score_threshold >= 0) config.lifted_score_threshold = lifted_score_threshold;  // < 0: the default
  if (dim_crop_new_weight > 0) config.dim_crop_new_weight = dim_crop_new_weight;           // <= 0: the default
  if (tracked_score_threshold >= 0) config.tracked_score_threshold = tracked_score_threshold;  // < 0: the default
  if (register_dim_crops >= 0) config.register_dim_crops = register_dim_crops != 0;              // < 0: the default
  face().pipeline = attune::vision::FacePipeline(config);
  face().flip_tta.reset();  // its tracks are new ones
  return 1;
}

EMSCRIPTEN_KEEPALIVE int attune_face_detector_width() { return face().pipeline.detector_input_width(); }
EMSCRIPTEN_KEEPALIVE int attune_face_detector_height() { return face().pipeline.detector_input_height(); }

// The detector input for the loaded image into `out` (3*H*W floats, [1,3,H,W]); returns its float count.
EMSCRIPTEN_KEEPALIVE int attune_face_detector_input(float* out) {
  auto& f = face();
  const auto& tensor = f.pipeline.prepare_detector_input(f.view());
  std::copy(tensor.begin(), tensor.end(), out);
  return static_cast<int>(tensor.size());
}

// How many detector runs one search for a face takes (upright, turned, enlarged corners): give a single image that
// many runs (attune_face_detector_input + attune_face_process) before calling it "no face".
EMSCRIPTEN_KEEPALIVE int attune_face_search_length() { return face().pipeline.search_length(); }

// 1 when the next frame needs the detector, 0 when it may be cropped at the tracked face instead.
EMSCRIPTEN_KEEPALIVE int attune_face_detection_due() { return face().pipeline.detection_due() ? 1 : 0; }

// A frame without the detector: crops the image at the tracked face into `out` (2304 floats), box
// into `box_out`. Returns 1 with a crop, 0 without (no face tracked).
EMSCRIPTEN_KEEPALIVE int attune_face_track(float* out, float* box_out) {
  auto& f = face();
  const auto& result = f.pipeline.process_without_detection(f.view());
  return copy_crop(f, result, out, box_out) ? 1 : 0;
}

// Hands one detector output to the decoder (name as in the model, e.g. "cls_8"). Returns 0 for an
// unknown name or a wrong size.
namespace {
std::vector<std::vector<float>> g_detector_outputs(12);
}
EMSCRIPTEN_KEEPALIVE int attune_face_detector_output(const char* name, const float* data, int length) {
  const int index = attune::vision::YuNetDecoder::output_index(name);
  if (index < 0 || static_cast<std::size_t>(length) != face().pipeline.decoder().output_size(index)) return 0;
  g_detector_outputs[index].assign(data, data + length);
  return 1;
}

// Decodes the outputs handed over, picks the largest face and crops it upright into `out`
// (2304 floats). Returns the number of faces found; 0 means no crop. `box_out` receives x, y, w, h.
EMSCRIPTEN_KEEPALIVE int attune_face_process(float* out, float* box_out) {
  auto& f = face();
  attune::vision::YuNetOutputs outputs;
  const auto& names = attune::vision::YuNetDecoder::output_names();
  for (std::size_t i = 0; i < names.size(); ++i) outputs.set(names[i], g_detector_outputs[i].data());
  const auto& result = f.pipeline.process_detector_outputs(f.view(), outputs);
  return copy_crop(f, result, out, box_out) ? result.detections : 0;
}

// The expression model's input for the last crop (attune_face_process, attune_face_track or
// attune_face_crop_whole): the crop, and its mirror image when the app's face stage would add it
// (attune::FlipTta; `mode` 0), always (1) or never (2). Writes batch x 2304 floats into `out` (room
// for 2 x 2304) and returns the batch. A new image (attune_image_load, attune_image_set_rgba) starts
// afresh: its first crop is mirrored.
EMSCRIPTEN_KEEPALIVE int attune_face_emotion_input(float* out, int mode) {
  auto& f = face();
  f.flip_tta.set_mode(mode == 1 ? attune::FlipTta::Mode::kAlways
                      : mode == 2 ? attune::FlipTta::Mode::kNever : attune::FlipTta::Mode::kWhenNeeded);
  const auto input = f.flip_tta.model_input(f.pipeline.emotion_input(), f.pipeline.result().track_id);
  std::copy(input.begin(), input.end(), out);
  return static_cast<int>(input.size() / attune::FlipTta::kCropValues);
}

// The model's output for that input (`length` = batch x 7 floats) -> the crop's probabilities (7
// floats) into `out`, as the app combines them. Returns 0 for an output of another size.
EMSCRIPTEN_KEEPALIVE int attune_face_emotion_output(const float* output, int length, float* out) {
  auto& f = face();
  const auto probs = f.flip_tta.combine(std::vector<float>(output, output + length), f.pipeline.result().track_id);
  if (!probs) {
    g_error = "the expression model's output is not 7 values per crop";
    return 0;
  }
  std::copy(probs->begin(), probs->end(), out);
  return 1;
}

// How much the face stage trusts the last crop (attune::crop_quality of its detection), 0..1; 0 without a crop.
EMSCRIPTEN_KEEPALIVE float attune_face_crop_quality() {
  const auto& result = face().pipeline.result();
  if (!result.has_crop) return 0;
  return attune::crop_quality(result.face.score, result.face.box.width, result.detector_ran);
}

// The tracked face's id (FaceFrameResult::track_id): the face stage starts its smoothing afresh when it changes.
EMSCRIPTEN_KEEPALIVE int attune_face_track_id() { return face().pipeline.result().track_id; }

// ---- expression smoothing ------------------------------------------------------------------------
// A fresh smoother with these settings (ExpressionSmoothingConfig; a negative value keeps the app's
// default). Returns 0 when the half-life, the window or the crop count is not positive.
EMSCRIPTEN_KEEPALIVE int attune_smoother_configure(double half_life_s, double window_s, int max_crops, float switch_margin,
                                                   double confirm_s, float switch_ratio) {
  attune::ExpressionSmoothingConfig config;
  if (half_life_s >= 0) config.half_life_s = half_life_s;
  if (window_s >= 0) config.window_s = window_s;
  if (max_crops >= 0) config.max_crops = static_cast<std::size_t>(max_crops);
  if (switch_margin >= 0) config.switch_margin = switch_margin;
  if (confirm_s >= 0) config.confirm_s = confirm_s;
  if (switch_ratio >= 0) config.switch_ratio = switch_ratio;
  if (!(config.half_life_s > 0 && config.window_s > 0 && config.max_crops > 0)) {
    g_error = "smoothing settings must be positive";
    return 0;
  }
  smoother() = attune::ExpressionSmoother(config);
  return 1;
}

EMSCRIPTEN_KEEPALIVE void attune_smoother_reset() { smoother().reset(); }

// One crop's 7 probabilities, quality and time (s). Returns the shown label's index (emotion_labels.h
// order) and writes the combined probabilities into `probs_out`; -1 when the crop was refused.
EMSCRIPTEN_KEEPALIVE int attune_smoother_add(const float* probs, float quality, double time_s, float* probs_out) {
  attune::EmotionProbs p{};
  std::copy(probs, probs + attune::kEmotionCount, p.begin());
  if (!smoother().add(p, quality, time_s)) return -1;
  const auto& current = *smoother().current();
  std::copy(current.probs.begin(), current.probs.end(), probs_out);
  return static_cast<int>(current.label);
}

EMSCRIPTEN_KEEPALIVE int attune_smoother_label_changes() { return smoother().label_changes(); }

// ---- music ---------------------------------------------------------------------------------------
// Loads and validates a catalog (JSON text) and builds the spatial index. Returns the track count,
// or -1 (see attune_last_error). `max_megabytes` raises the loader's size limit (benchmarks).
EMSCRIPTEN_KEEPALIVE int attune_catalog_load(const char* json, int length, int max_megabytes) {
  attune::CatalogLimits limits;
  if (max_megabytes > 0) limits.max_bytes = static_cast<std::size_t>(max_megabytes) << 20;
  auto result = attune::load_catalog(std::string_view(json, static_cast<std::size_t>(length)), limits);
  if (!result.ok()) {
    g_error = result.error_text();
    return -1;
  }
  const int count = static_cast<int>(result.catalog->tracks.size());
  recommender().set_catalog(std::move(*result.catalog));
  feedback().clear();
  return count;
}

// A thumbs up (vote 1) or down (-1) on track `track` of the loaded catalog, as the app records it;
// 0 removes the vote. Returns the number of votes held, or -1 for a track out of range.
EMSCRIPTEN_KEEPALIVE int attune_feedback_vote(int track, int vote) {
  const auto& tracks = recommender().catalog().tracks;
  if (track < 0 || static_cast<std::size_t>(track) >= tracks.size()) return -1;
  feedback().record(tracks[track], vote > 0 ? attune::Vote::Up : vote < 0 ? attune::Vote::Down : attune::Vote::None);
  return static_cast<int>(feedback().size());
}

// Top `count` tracks for a mood with strategy 0 match, 1 iso, 2 calm, 3 energise; their indices go
// to `tracks_out`. Returns how many were found.
EMSCRIPTEN_KEEPALIVE int attune_recommend(float valence, float arousal, int strategy, int count, int* tracks_out) {
  attune::RecommendOptions options;
  options.strategy = static_cast<attune::Strategy>(strategy);
  options.count = static_cast<std::size_t>(count);
  const auto list = recommender().recommend(attune::VA{valence, arousal}, options, feedback());
  for (std::size_t i = 0; i < list.size(); ++i) tracks_out[i] = static_cast<int>(list[i].track);
  return static_cast<int>(list.size());
}

}  // extern "C"
