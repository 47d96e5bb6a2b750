// "Listen on: [YouTube v]": the music service a Listen link opens.
#pragma once

#include "core/listen_service.h"

namespace attune::ui {

// Returns true when the listener chose another service. The combo is hit target "listen_service", and
// while it is open each choice is "listen_service_<id>" (e.g. listen_service_spotify).
bool draw_listen_service_selector(ListenService& service);

}  // namespace attune::ui
