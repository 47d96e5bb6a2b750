// Text files arriving asynchronously (web/files.js): a same-origin URL, the file picker, or a file
// dropped on the page. Results wait in a mailbox until the frame loop takes them with poll().
#pragma once

#include <deque>
#include <string>

namespace attune::platform {

struct TextFile {
  int request = 0;
  bool ok = false;
  std::string text;    // the contents, or why it could not be read
  std::string source;  // URL or file name
};

class TextFiles {
 public:
  // Requests whose results arrive from dropped files, whatever was asked for.
  static constexpr int kDroppedFileRequest = -1;

  TextFiles();
  ~TextFiles();

  void fetch(int request, const std::string& url);
  void pick(int request);       // opens the file picker; must run in response to a click
  void accept_dropped_files();  // dropped files arrive as kDroppedFileRequest

  // The next arrived file, if any.
  bool poll(TextFile& out);

  void on_arrived(TextFile&& file) { arrived_.push_back(std::move(file)); }

 private:
  std::deque<TextFile> arrived_;
};

}  // namespace attune::platform
