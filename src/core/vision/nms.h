// Greedy non-maximum suppression with the semantics of OpenCV's cv::dnn::NMSBoxes (eta = 1):
// candidates scoring above `score_threshold`, best first (ties keep input order), at most `top_k` of
// them considered (0 = all); a candidate is kept when its IoU with every kept box is <= `iou_threshold`.
#pragma once

#include <vector>

#include "core/vision/face_detection.h"

namespace attune::vision {

// Returns the indices of the kept boxes, best score first.
std::vector<int> non_maximum_suppression(const std::vector<BoxF>& boxes, const std::vector<float>& scores,
                                         float score_threshold, float iou_threshold, int top_k = 0);

}  // namespace attune::vision
