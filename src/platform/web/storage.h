// The browser's localStorage (web/storage.js): small strings that stay on this device.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace attune::platform {

std::optional<std::string> storage_get(const std::string& key);
bool storage_set(const std::string& key, const std::string& value);  // false when storage is unavailable
void storage_remove(const std::string& key);
std::vector<std::string> storage_keys();  // ours only, without the "attune." prefix
bool storage_works();  // whether a write and its removal succeed now (blocked, private mode, full: false)

}  // namespace attune::platform
