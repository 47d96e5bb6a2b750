// Flip test-time augmentation (TTA) only where it pays: the crop's mirror image goes through the
// expression model beside the crop, and the two probability vectors are averaged, when the face is new
// or its reading uncertain.
//
// The model (models/face_emotion.onnx) classifies each crop of its batch on its own; the mirror pass
// doubles its cost (2.2 -> 4.4 ms a crop in Chromium) for about 1.4 points: on all 3,589 PublicTest
// crops 68.2% alone, 69.6% averaged with the mirror. Where the two likeliest classes are far apart, the
// mirror rarely changes the label. Deciding by each crop's own single-pass margin (top two
// probabilities closer than 0.5: uncertain), 34% of the crops were mirrored and accuracy was 69.7%;
// only 0.3% of the labels differed from mirroring every crop. The threshold was chosen on those
// PublicTest figures: read 69.7% as "no loss", not as a gain.
//
// In the app a crop's own margin is known only after its pass, so the decision uses the track's last
// crop: a track's first crop is always mirrored, later ones when the last crop alone was uncertain (a
// still face's crops change little from one to the next). One face stage, one FlipTta: the
// input and the output of a crop are handed over in order, with the track the crop came from.
#pragma once

#include <optional>
#include <vector>

#include "core/emotion_labels.h"

namespace attune {

class FlipTta {
 public:
  enum class Mode { kWhenNeeded, kAlways, kNever };
  static constexpr int kCropSide = 48;
  static constexpr int kCropValues = kCropSide * kCropSide;
  // A crop alone is uncertain when its two largest probabilities are closer than this.
  static constexpr float kUncertainMargin = 0.5f;

  explicit FlipTta(Mode mode = Mode::kWhenNeeded) : mode_(mode) {}

  void set_mode(Mode mode) { mode_ = mode; }
  // Whether the next crop of `track_id` should be mirrored too.
  bool wants_mirror(int track_id) const;
  // The model input for one 48x48 crop (row-major) of `track_id`: the crop, followed by its mirror
  // image (columns reversed) when wanted. Its size / kCropValues is the batch (1 or 2); a crop of
  // another size is passed through as it is.
  std::vector<float> model_input(const std::vector<float>& crop, int track_id) const;
  // The crop's probabilities from the model's output for that input ([batch, 7] values: their mean);
  // nothing for an output that is not 7 or 14 values. Remembers whether the crop alone (the first row)
  // was uncertain, for the track's next crop.
  std::optional<EmotionProbs> combine(const std::vector<float>& output, int track_id);
  // Forgets the last reading: the next crop is mirrored (a new image, a lost face).
  void reset() { last_track_id_.reset(); }

 private:
  Mode mode_;
  std::optional<int> last_track_id_;  // the track of the last combined reading
  bool last_uncertain_ = true;
};

}  // namespace attune
