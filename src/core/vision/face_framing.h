// Where a face sits inside a 48x48 FER2013 crop, expressed with YuNet's landmarks, so that crops from
// the camera are framed like the images the emotion model was trained on.
//
// Measured by training/face/measure_fer_framing.py on 1,461 PublicTest faces (4x upscaled, YuNet,
// landmarks mapped back to 48x48; medians): eye midpoint (23.9, 18.7), mouth midpoint (24.1, 36.0),
// eye distance 17.5, eye-to-mouth distance (perpendicular to the eye line) 17.5, eye-line angle -0.5 deg.
// FER2013 framing is loose (eye distance p10-p90: 13.0-21.3), so the medians are the target.
#pragma once

namespace attune::vision {

struct FaceFraming {
  int size = 48;  // output side in pixels
  // The midpoint between the eye midpoint and the mouth midpoint lands here (output pixels,
  // continuous coordinates; x is the centre line because FER faces are centred and flips are used).
  float anchor_x = 24.0f;
  float anchor_y = 27.4f;
  // (eye distance + eye-to-mouth distance) / 2 in output pixels. Averaging the two keeps the scale
  // steady when the head turns (eye distance shrinks) or nods (eye-to-mouth shrinks).
  float face_scale = 17.5f;
};

}  // namespace attune::vision
