// The models the app loads, by id, with their URLs relative to the page (works from any sub-path).
#pragma once

namespace attune::app {

struct ModelEntry {
  const char* id;
  const char* url;
  const char* purpose;  // shown to the person when the model fails to load
};

inline constexpr ModelEntry kFaceDetector{"face_detector", "models/face_detector.onnx", "face detection"};

inline constexpr ModelEntry kFaceEmotion{"face_emotion", "models/face_emotion.onnx", "facial expression model"};
inline constexpr ModelEntry kVoiceEmotion{"voice_emotion", "models/voice_emotion.onnx", "voice emotion model"};

inline constexpr ModelEntry kAllModels[] = {kFaceDetector, kFaceEmotion, kVoiceEmotion};

}  // namespace attune::app
