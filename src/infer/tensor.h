// A float32 tensor as it crosses the inference boundary (copied, owned).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace attune::infer {

struct Tensor {
  std::string name;
  std::vector<std::int32_t> dims;
  std::vector<float> data;

  std::size_t element_count() const {
    std::size_t n = 1;
    for (auto d : dims) n *= static_cast<std::size_t>(d);
    return dims.empty() ? 0 : n;
  }
};

}  // namespace attune::infer
