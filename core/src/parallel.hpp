#pragma once
// Work spread over the machine's cores. Natively std::thread
// (parallel_threads.cpp); in WebAssembly, built without threads, everything
// runs on the calling thread, in order (parallel_serial.cpp). CMake picks the
// file, as it picks the SHA-256 implementation. Internal to the core.
#include <cstddef>
#include <functional>
#include <memory>

namespace qaward::detail {

// Threads worth starting for work that reads and hashes: one per core, at
// most 4 (more would wait on one file's reads); 1 in WebAssembly.
[[nodiscard]] std::size_t default_workers();

// Calls work(worker, item) once for every item in [0, items), on up to
// `workers` threads at once, and returns when every call has returned. Each
// thread takes the next item not yet taken, so the order of the calls is not
// fixed: `work` writes its result to a slot of its own item, and `worker`
// (0 .. workers-1, one per thread) picks per-thread state such as a buffer.
// The calling thread is worker 0. `work` must not throw.
void parallel_for(std::size_t items, std::size_t workers,
                  const std::function<void(std::size_t worker, std::size_t item)>& work);

// One task at a time beside the caller: natively on a second thread, while
// the caller goes on; in WebAssembly on the caller, when it next waits. The
// packager reads and hashes the next block of an attachment there while
// libzip copies the current one.
class Background {
 public:
  Background();
  ~Background();  // waits for the task
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // Whether a task runs while the caller goes on (natively), rather than in
  // wait() (WebAssembly).
  [[nodiscard]] static bool concurrent();
  // Waits for the task before, then hands in `task`. It must not throw.
  void run(std::function<void()> task);
  // Returns once the task handed in has finished.
  void wait();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qaward::detail
