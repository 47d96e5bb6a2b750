// The emotion labels in the languages an embedding page can ask for (?lang=). Only the seven labels
// are translated; the interface itself is in English.
#pragma once

#include <string>

#include "core/emotion_labels.h"

namespace attune::ui {

bool language_supported(const std::string& language);  // "en", "de", "fr", "es"
void set_label_language(const std::string& language);
const char* emotion_label(Emotion emotion);             // in the current language

}  // namespace attune::ui
