#include "platform/web/text_files.h"

#include <emscripten.h>

extern "C" {
void attune_fetch_text(int request, const char* url);
void attune_pick_text_file(int request);
void attune_accept_dropped_files(int request);
}

namespace attune::platform {

namespace {
TextFiles* g_files = nullptr;  // web/files.js calls back into this one instance
}

TextFiles::TextFiles() { g_files = this; }
TextFiles::~TextFiles() {
  if (g_files == this) g_files = nullptr;
}

void TextFiles::fetch(int request, const std::string& url) { attune_fetch_text(request, url.c_str()); }
void TextFiles::pick(int request) { attune_pick_text_file(request); }
void TextFiles::accept_dropped_files() { attune_accept_dropped_files(kDroppedFileRequest); }

bool TextFiles::poll(TextFile& out) {
  if (arrived_.empty()) return false;
  out = std::move(arrived_.front());
  arrived_.pop_front();
  return true;
}

}  // namespace attune::platform

extern "C" EMSCRIPTEN_KEEPALIVE void attune_text_arrived(int request, int ok, const char* text, const char* source) {
  if (attune::platform::g_files)
    attune::platform::g_files->on_arrived({request, ok != 0, text ? text : "", source ? source : ""});
}
