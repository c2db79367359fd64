// parallel_for and Background without threads (WebAssembly builds): every
// item and every task in order, on the calling thread.
#include "parallel.hpp"

namespace qaward::detail {

std::size_t default_workers() { return 1; }

void parallel_for(std::size_t items, std::size_t /*workers*/,
                  const std::function<void(std::size_t worker, std::size_t item)>& work) {
  for (std::size_t item = 0; item < items; ++item) work(0, item);
}

// The task waits for wait(), so that the caller can hand in work on a buffer
// it is still using (the packager's only block).
struct Background::State {
  std::function<void()> task;
};

Background::Background() : state_(std::make_unique<State>()) {}
Background::~Background() { wait(); }
bool Background::concurrent() { return false; }
void Background::run(std::function<void()> task) {
  wait();
  state_->task = std::move(task);
}
void Background::wait() {
  if (!state_->task) return;
  const auto task = std::move(state_->task);
  state_->task = nullptr;
  task();
}

}  // namespace qaward::detail
