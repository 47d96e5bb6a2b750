// Models (download progress, readiness, readable errors) and devices (camera, microphone).
#pragma once

#include <string>
#include <vector>

#include "infer/model_runner.h"
#include "platform/web/media.h"

namespace attune::ui {

struct ModelRow {
  std::string purpose;
  infer::ModelStatus status;
};

void draw_model_status(const std::vector<ModelRow>& models);
void draw_device_status(const char* device, const platform::DeviceStatus& status, const char* without_it);

}  // namespace attune::ui
