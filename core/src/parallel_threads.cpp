// parallel_for and Background on std::thread (native builds).
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "parallel.hpp"

namespace qaward::detail {

std::size_t default_workers() {
  const std::size_t cores = std::thread::hardware_concurrency();  // 0 when unknown
  return std::clamp<std::size_t>(cores, 1, 4);
}

void parallel_for(std::size_t items, std::size_t workers,
                  const std::function<void(std::size_t worker, std::size_t item)>& work) {
  workers = std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(items, 1));
  std::atomic<std::size_t> next{0};
  auto run = [&](std::size_t worker) {
    for (std::size_t item = next++; item < items; item = next++) work(worker, item);
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) {
    try {
      threads.emplace_back(run, w);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: those running take the rest
    }
  }
  run(0);
  for (auto& t : threads) t.join();
}

// One thread, started with the first task, waiting on `wake` for the next.
struct Background::State {
  std::mutex lock;
  std::condition_variable wake;
  std::function<void()> task;  // (lock) handed in, not yet finished
  bool stopping = false;       // (lock)
  std::thread thread;

  void loop() {
    std::unique_lock<std::mutex> hold(lock);
    while (true) {
      wake.wait(hold, [this] { return task || stopping; });
      if (!task) return;
      hold.unlock();
      task();
      hold.lock();
      task = nullptr;
      wake.notify_all();
    }
  }
};

Background::Background() : state_(std::make_unique<State>()) {}

Background::~Background() {
  {
    const std::lock_guard<std::mutex> hold(state_->lock);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
}

bool Background::concurrent() { return true; }

void Background::run(std::function<void()> task) {
  wait();
  if (!state_->thread.joinable()) {
    try {
      state_->thread = std::thread([s = state_.get()] { s->loop(); });
    } catch (const std::system_error&) {
      task();  // no thread to be had: at once, here
      return;
    }
  }
  {
    const std::lock_guard<std::mutex> hold(state_->lock);
    state_->task = std::move(task);
  }
  state_->wake.notify_all();
}

void Background::wait() {
  std::unique_lock<std::mutex> hold(state_->lock);
  state_->wake.wait(hold, [this] { return !state_->task; });
}

}  // namespace qaward::detail
