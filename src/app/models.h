// The models the app loads, by id, with their URLs relative to the page (works from any sub-path).
#pragma once

namespace attune::app {

// Each model's card (the same path ending in .json) holds its contract: inputs and outputs with names,
// types, shapes and what the values are. The model must match it, and the card must offer `expects`
// ("output:values"), or the model is refused at load with the reason (web/model_contract.js).
struct ModelEntry {
  const char* id;
  const char* url;
  const char* purpose;  // shown to the person when the model fails to load
  const char* expects;  // what the app reads from it
  const char* output;   // the output the app reads, by name
};

inline constexpr ModelEntry kFaceDetector{"face_detector", "models/face_detector.onnx", "face detection", "", ""};

inline constexpr ModelEntry kFaceEmotion{"face_emotion", "models/face_emotion.onnx", "facial expression model",
                                         "probs:probabilities", "probs"};
inline constexpr ModelEntry kVoiceEmotion{"voice_emotion", "models/voice_emotion.onnx", "voice emotion model",
                                          "probs:probabilities", "probs"};

inline constexpr ModelEntry kAllModels[] = {kFaceDetector, kFaceEmotion, kVoiceEmotion};

}  // namespace attune::app
