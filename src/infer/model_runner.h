// The one interface through which the app runs neural networks. The browser implementation
// (ort_web_runner) uses ONNX Runtime Web; tests or native tools may provide others.
//
// Everything is asynchronous and never blocks: load() and run() start work and return at once; the
// results are delivered by poll(), which the frame loop calls once per frame.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "infer/tensor.h"

namespace attune::infer {

enum class ModelState { NotLoaded, Loading, Ready, Failed };

struct ModelStatus {
  ModelState state = ModelState::NotLoaded;
  std::string error;          // set when state == Failed; readable by a person
  double bytes_loaded = 0;    // download progress while Loading
  double bytes_total = 0;     // 0 when the server did not say
  bool busy = false;          // a run is in flight (one at a time per model)
};

struct RunResult {
  bool ok = false;
  std::string error;
  std::vector<Tensor> outputs;

  const Tensor* output(const std::string& name) const {
    for (const auto& t : outputs)
      if (t.name == name) return &t;
    return nullptr;
  }
};

class ModelRunner {
 public:
  using RunCallback = std::function<void(RunResult&&)>;

  virtual ~ModelRunner() = default;

  // `expects`: what the app reads from the model, "output:values" (e.g. "probs:probabilities"), checked
  // against the model's card (the same URL ending in .json) with the model itself; "" asks nothing.
  // A model that does not match its card, or a card that does not offer `expects`, fails to load.
  virtual void load(const std::string& model_id, const std::string& url, const std::string& expects) = 0;
  virtual ModelStatus status(const std::string& model_id) const = 0;

  // Starts one inference. Returns false (and does nothing) if the model is not ready or still busy
  // with the previous run: callers skip the frame rather than queue work and fall behind.
  virtual bool run(const std::string& model_id, const std::vector<Tensor>& inputs, RunCallback done) = 0;

  // Delivers finished loads and runs; call once per frame.
  virtual void poll() = 0;
};

}  // namespace attune::infer
