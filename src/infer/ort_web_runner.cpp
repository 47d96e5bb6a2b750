#include "infer/ort_web_runner.h"

#include <emscripten.h>

#include <deque>

// Implemented in web/ort_bridge.js.
extern "C" {
void attune_ort_load(const char* id, const char* url, const char* expects);
void attune_ort_stage_input(int request, const char* name, const float* data, int length, const int* dims, int ndims);
void attune_ort_run(const char* id, int request);
}

namespace attune::infer {

// What JavaScript callbacks leave for the frame loop. They may arrive at any time between frames.
struct OrtWebRunner::Mailbox {
  struct Loaded { std::string id; bool ok; std::string error; };
  struct Progress { std::string id; double loaded, total; };
  struct Finished { int request; RunResult result; };
  std::deque<Loaded> loaded;
  std::deque<Progress> progress;
  std::map<int, RunResult> in_flight;  // outputs arrive one by one before "done"
  std::deque<Finished> finished;
};

namespace {
OrtWebRunner* g_runner = nullptr;  // the JavaScript side calls back into this one instance
}

OrtWebRunner::OrtWebRunner() : mailbox_(std::make_unique<Mailbox>()) { g_runner = this; }
OrtWebRunner::~OrtWebRunner() {
  if (g_runner == this) g_runner = nullptr;
}

void OrtWebRunner::load(const std::string& model_id, const std::string& url, const std::string& expects) {
  ModelStatus& s = models_[model_id];
  s = ModelStatus{};
  s.state = ModelState::Loading;
  attune_ort_load(model_id.c_str(), url.c_str(), expects.c_str());
}

ModelStatus OrtWebRunner::status(const std::string& model_id) const {
  auto it = models_.find(model_id);
  return it == models_.end() ? ModelStatus{} : it->second;
}

bool OrtWebRunner::run(const std::string& model_id, const std::vector<Tensor>& inputs, RunCallback done) {
  auto it = models_.find(model_id);
  if (it == models_.end() || it->second.state != ModelState::Ready || it->second.busy) return false;
  const int request = next_request_++;
  // The bridge reads each input's values only in attune_ort_run, below: `inputs` lives until then.
  for (const auto& input : inputs)
    attune_ort_stage_input(request, input.name.c_str(), input.data.data(), static_cast<int>(input.data.size()),
                           input.dims.data(), static_cast<int>(input.dims.size()));
  it->second.busy = true;
  pending_[request] = PendingRun{model_id, std::move(done)};
  mailbox_->in_flight[request] = RunResult{};
  attune_ort_run(model_id.c_str(), request);
  return true;
}

void OrtWebRunner::poll() {
  Mailbox& box = *mailbox_;
  while (!box.progress.empty()) {
    auto p = std::move(box.progress.front());
    box.progress.pop_front();
    ModelStatus& s = models_[p.id];
    s.bytes_loaded = p.loaded;
    s.bytes_total = p.total;
  }
  while (!box.loaded.empty()) {
    auto l = std::move(box.loaded.front());
    box.loaded.pop_front();
    ModelStatus& s = models_[l.id];
    s.state = l.ok ? ModelState::Ready : ModelState::Failed;
    s.error = l.error;
  }
  while (!box.finished.empty()) {
    auto f = std::move(box.finished.front());
    box.finished.pop_front();
    auto it = pending_.find(f.request);
    if (it == pending_.end()) continue;
    PendingRun run = std::move(it->second);
    pending_.erase(it);
    models_[run.model_id].busy = false;
    if (run.done) run.done(std::move(f.result));
  }
}

}  // namespace attune::infer

using attune::infer::g_runner;
using attune::infer::RunResult;
using attune::infer::Tensor;

extern "C" {

EMSCRIPTEN_KEEPALIVE void attune_ort_progress(const char* id, double loaded, double total) {
  if (g_runner) g_runner->mailbox().progress.push_back({id, loaded, total});
}

EMSCRIPTEN_KEEPALIVE void attune_ort_loaded(const char* id, int ok, const char* error) {
  if (g_runner) g_runner->mailbox().loaded.push_back({id, ok != 0, error ? error : ""});
}

EMSCRIPTEN_KEEPALIVE void attune_ort_output(int request, const char* name, const float* data, int length,
                                            const int* dims, int ndims) {
  if (!g_runner) return;
  auto& in_flight = g_runner->mailbox().in_flight;
  auto it = in_flight.find(request);
  if (it == in_flight.end()) return;
  Tensor t;
  t.name = name;
  t.dims.assign(dims, dims + ndims);
  t.data.assign(data, data + length);
  it->second.outputs.push_back(std::move(t));
}

EMSCRIPTEN_KEEPALIVE void attune_ort_done(int request, const char* error) {
  if (!g_runner) return;
  auto& box = g_runner->mailbox();
  auto it = box.in_flight.find(request);
  RunResult result = it == box.in_flight.end() ? RunResult{} : std::move(it->second);
  if (it != box.in_flight.end()) box.in_flight.erase(it);
  result.ok = error == nullptr;
  if (error) {
    result.error = error;
    result.outputs.clear();
  }
  box.finished.push_back({request, std::move(result)});
}

}  // extern "C"
