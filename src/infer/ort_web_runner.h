// ModelRunner over ONNX Runtime Web (web/ort_bridge.js). Emscripten builds only.
#pragma once

#include <map>
#include <memory>

#include "infer/model_runner.h"

namespace attune::infer {

class OrtWebRunner final : public ModelRunner {
 public:
  OrtWebRunner();
  ~OrtWebRunner() override;

  void load(const std::string& model_id, const std::string& url, const std::string& expects) override;
  ModelStatus status(const std::string& model_id) const override;
  bool run(const std::string& model_id, const std::vector<Tensor>& inputs, RunCallback done) override;
  void poll() override;

  // Called from the JavaScript side (through the extern "C" entry points in ort_web_runner.cpp).
  struct Mailbox;
  Mailbox& mailbox() { return *mailbox_; }

 private:
  std::unique_ptr<Mailbox> mailbox_;
  std::map<std::string, ModelStatus> models_;
  struct PendingRun {
    std::string model_id;
    RunCallback done;
  };
  std::map<int, PendingRun> pending_;
  int next_request_ = 1;
};

}  // namespace attune::infer
