// The page's accessible region beside the canvas (web/a11y.js, index.html #a11y): real HTML controls
// and a polite live region for screen readers. Each setter touches the page only when its content
// differs from what it last sent, so callers may call them often; the page changes (and a screen
// reader speaks) only when there is news.
#pragma once

#include <string>

namespace attune::platform {

// What the person did in the region: an action id ("start", "forget", "strategy", "listen_service", "like",
// ...) and a value (a strategy name, a service id, a track id; empty for plain buttons).
using AccessibleActionSink = void (*)(const std::string& action, const std::string& value);

// Shows the region's controls and routes their use to `sink`. Also stops the canvas from taking
// keys while the focus is elsewhere, and Tab altogether (so the keyboard is never trapped).
void install_accessible_region(AccessibleActionSink sink);

// The live text: mood in words and state messages.
void set_accessible_status(const std::string& text);
// {"actions":[{"id","label"}],"strategy":{"value","options":[{"value","label"}]},"service":{the same}}
void set_accessible_controls(const std::string& json);
// [{"id","artist","title","reason","url","vote"}]
void set_accessible_tracks(const std::string& json);
// <html lang> (the region's own sentences stay marked as English).
void set_page_language(const std::string& language);

}  // namespace attune::platform
