#include "platform/web/storage.h"

#include <cstdlib>

extern "C" {
char* attune_storage_get(const char* key);
int attune_storage_set(const char* key, const char* value);
void attune_storage_remove(const char* key);
int attune_storage_works();
char* attune_storage_keys();
}

namespace attune::platform {

namespace {
std::string take_string(char* p) {  // copies and frees a string JavaScript malloc'ed
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
}  // namespace

std::optional<std::string> storage_get(const std::string& key) {
  char* value = attune_storage_get(key.c_str());
  if (!value) return std::nullopt;
  return take_string(value);
}

bool storage_set(const std::string& key, const std::string& value) {
  return attune_storage_set(key.c_str(), value.c_str()) != 0;
}

void storage_remove(const std::string& key) { attune_storage_remove(key.c_str()); }

bool storage_works() { return attune_storage_works() != 0; }

std::vector<std::string> storage_keys() {
  const std::string joined = take_string(attune_storage_keys());
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    keys.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return keys;
}

}  // namespace attune::platform
