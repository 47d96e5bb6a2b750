// The face box, landmarks and expression label drawn over the camera preview.
#pragma once

#include <string>

#include "core/vision/face_pipeline.h"
#include "ui/camera_preview.h"

namespace attune::ui {

void draw_face_overlay(const CameraPreview::Placement& where, const vision::FaceFrameResult& face,
                       const std::string& label);

}  // namespace attune::ui
