#include "ui/labels.h"

#include <array>

namespace attune::ui {

namespace {

struct Language {
  const char* code;
  std::array<const char*, kEmotionCount> names;  // in kEmotionNames order
};

// UTF-8; every character is in the Latin-1 range the UI font is built with.
constexpr Language kLanguages[] = {
    {"en", {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"}},
    {"de", {"wütend", "angeekelt", "ängstlich", "fröhlich", "traurig", "überrascht", "neutral"}},
    {"fr", {"en colère", "dégoûté", "effrayé", "joyeux", "triste", "surpris", "neutre"}},
    {"es", {"enfadado", "asqueado", "asustado", "feliz", "triste", "sorprendido", "neutral"}},
};

const Language* g_language = &kLanguages[0];

}  // namespace

bool language_supported(const std::string& language) {
  for (const auto& l : kLanguages)
    if (language == l.code) return true;
  return false;
}

void set_label_language(const std::string& language) {
  for (const auto& l : kLanguages)
    if (language == l.code) g_language = &l;
}

const char* emotion_label(Emotion emotion) { return g_language->names[static_cast<int>(emotion)]; }

}  // namespace attune::ui
