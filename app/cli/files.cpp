#include "files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <thread>

#include "qaward/hash.hpp"

namespace qaward::cli {

namespace {

// [SECTION] Temporary files removed on Ctrl-C

// The paths to remove if the process is interrupted: a fixed table, since a
// signal handler may only call async-signal-safe functions (unlink, raise).
constexpr std::size_t kMaxPending = 8;
constexpr std::size_t kMaxPath = 4096;
std::array<std::array<char, kMaxPath>, kMaxPending> g_pending{};
volatile std::sig_atomic_t g_pending_used[kMaxPending] = {};

extern "C" void remove_pending_and_exit(int signal) {
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    if (g_pending_used[i] != 0) unlink(g_pending[i].data());
  }
  std::signal(signal, SIG_DFL);
  raise(signal);
}

void install_handlers() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    sigaction(s, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // nohup, or a background job: ignored stays ignored
    struct sigaction action {};
    action.sa_handler = remove_pending_and_exit;
    sigemptyset(&action.sa_mask);
    sigaction(s, &action, nullptr);
  }
}

void remember(const std::string& path) {
  if (path.size() >= kMaxPath) return;
  install_handlers();
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    if (g_pending_used[i] == 0) {
      std::memcpy(g_pending[i].data(), path.c_str(), path.size() + 1);
      g_pending_used[i] = 1;
      return;
    }
  }
}

void forget(const std::string& path) {
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    if (g_pending_used[i] != 0 && path == g_pending[i].data()) g_pending_used[i] = 0;
  }
}

// [SECTION] Helpers

// What a non-regular file is, for messages.
std::string kind_key(mode_t mode) {
  if (S_ISDIR(mode)) return "cli.file.kind.folder";
  if (S_ISLNK(mode)) return "cli.file.kind.symlink";
  if (S_ISFIFO(mode)) return "cli.file.kind.pipe";
  if (S_ISSOCK(mode)) return "cli.file.kind.socket";
  return "cli.file.kind.device";
}

std::string normal_path(const std::string& path) {
  std::error_code error;
  auto absolute = std::filesystem::absolute(path, error);
  if (error) return path;
  auto normal = std::filesystem::weakly_canonical(absolute, error);
  return (error ? absolute.lexically_normal() : normal).string();
}

std::string folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

std::string name_of(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

// [SECTION] Inputs

std::string not_a_file(const Context& ctx, const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return ctx.text().text(kind_key(st.st_mode));
  return {};
}

bool add_file_input(const Context& ctx, Inputs& inputs, const std::string& path) {
  if (!inputs.add(ctx, path)) return false;
  if (const auto why = not_a_file(ctx, path); !why.empty()) {
    (void)usage_error(ctx, "input.cannot_read", {{"file", path}, {"detail", why}});
    return false;
  }
  return true;
}

bool Inputs::add(const Context& ctx, const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return true;  // missing: said where it is read
  if (!S_ISREG(st.st_mode)) {
    usage_error(ctx, "cli.file.not_regular", {{"file", path}, {"kind", ctx.text().text(kind_key(st.st_mode))}});
    return false;
  }
  seen_.push_back({normal_path(path), st.st_dev, st.st_ino});
  return true;
}

bool Inputs::contains(const std::string& path) const {
  const auto normal = normal_path(path);
  struct stat st {};
  const bool exists = stat(path.c_str(), &st) == 0;
  for (const auto& s : seen_) {
    if (s.path == normal || (exists && s.device == st.st_dev && s.inode == st.st_ino)) return true;
  }
  return false;
}

std::optional<std::string> read_input(const Context& ctx, const std::string& path, std::uint64_t limit) {
  // O_NONBLOCK: opening a pipe must not wait for a writer.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    usage_error(ctx, "input.cannot_read", {{"file", path}, {"detail", std::strerror(errno)}});
    return std::nullopt;
  }
  struct stat st {};
  std::optional<std::string> out;
  if (fstat(fd, &st) != 0) {
    usage_error(ctx, "input.cannot_read", {{"file", path}, {"detail", std::strerror(errno)}});
  } else if (!S_ISREG(st.st_mode)) {
    usage_error(ctx, "cli.file.not_regular", {{"file", path}, {"kind", ctx.text().text(kind_key(st.st_mode))}});
  } else if (static_cast<std::uint64_t>(st.st_size) > limit) {
    usage_error(ctx, "cli.file.too_large", {{"file", path}, {"size", std::to_string(st.st_size)}, {"max", std::to_string(limit)}});
  } else {
    std::string content;
    content.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (true) {
      if (done == content.size()) content.resize(std::min<std::uint64_t>(limit + 1, content.size() + 65536));  // it grew
      const auto n = read(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        usage_error(ctx, "input.cannot_read", {{"file", path}, {"detail", std::strerror(errno)}});
        break;
      }
      done += static_cast<std::size_t>(n);
      if (done > limit) {
        usage_error(ctx, "cli.file.too_large", {{"file", path}, {"size", std::to_string(done)}, {"max", std::to_string(limit)}});
        break;
      }
      if (n == 0) {
        content.resize(done);
        out = std::move(content);
        break;
      }
    }
  }
  close(fd);
  return out;
}

// [SECTION] Output

std::unique_ptr<Output> Output::open(const Context& ctx, const std::string& path, const Inputs& inputs, Mode mode) {
  if (path.empty() || path.back() == '/') {
    usage_error(ctx, "cli.file.not_regular", {{"file", path}, {"kind", ctx.text().text("cli.file.kind.folder")}});
    return nullptr;
  }
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      usage_error(ctx, "cli.out.not_regular", {{"file", path}, {"kind", ctx.text().text(kind_key(st.st_mode))}});
      return nullptr;
    }
    if (inputs.contains(path)) {
      usage_error(ctx, "cli.out.is_input", {{"file", path}});
      return nullptr;
    }
    if (!mode.force) {
      usage_error(ctx, "cli.out.exists", {{"file", path}});
      return nullptr;
    }
  } else if (inputs.contains(path)) {
    usage_error(ctx, "cli.out.is_input", {{"file", path}});
    return nullptr;
  }

  std::unique_ptr<Output> out(new Output());
  out->path_ = path;
  out->force_ = mode.force;
  const std::string folder = folder_of(path);
  const std::string name = name_of(path);

  // The lock: a file beside the target, held for the whole run. A holder that
  // finished unlinks it, so after locking check that it is still the one there.
  out->lock_ = folder + "/." + name + ".lock";
  for (int attempt = 0; attempt < 5 && out->lock_fd_ < 0; ++attempt) {
    const int fd = ::open(out->lock_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      usage_error(ctx, "cli.cannot_write", {{"file", path}, {"detail", std::strerror(errno)}});
      return nullptr;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      close(fd);
      usage_error(ctx, "cli.out.busy", {{"file", path}});
      return nullptr;
    }
    struct stat held {};
    struct stat there {};
    if (fstat(fd, &held) == 0 && stat(out->lock_.c_str(), &there) == 0 && held.st_ino == there.st_ino &&
        held.st_dev == there.st_dev) {
      out->lock_fd_ = fd;
    } else {
      close(fd);
    }
  }
  if (out->lock_fd_ < 0) {
    usage_error(ctx, "cli.out.busy", {{"file", path}});
    return nullptr;
  }
  remember(out->lock_);

  std::string temp = folder + "/." + name + ".qaward-XXXXXX";
  const int fd = mkostemp(temp.data(), O_CLOEXEC);  // mode 0600 from the start
  if (fd < 0) {
    usage_error(ctx, "cli.cannot_write", {{"file", path}, {"detail", std::strerror(errno)}});
    return nullptr;
  }
  out->fd_ = fd;
  out->temp_ = temp;
  remember(out->temp_);
  if (!mode.secret) {
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
  return out;
}

// [SECTION] Hashing a package while it is written

// The package's SHA-256, taken on a second thread from the bytes the writer
// has finished with (PackageSink::settled: each entry once libzip has filled
// in its header), so that hashing overlaps writing instead of following it.
// The same thread hands those bytes to the disk at once, so that the fsync
// in commit() finds little left to do.
class Output::SettledDigest {
 public:
  explicit SettledDigest(Output& out) : out_(out), thread_([this] { run(); }) {}
  ~SettledDigest() { stop(); }
  SettledDigest(const SettledDigest&) = delete;
  SettledDigest& operator=(const SettledDigest&) = delete;

  void settled(std::uint64_t upto) {
    {
      const std::lock_guard<std::mutex> hold(lock_);
      upto_ = std::max(upto_, upto);
    }
    wake_.notify_one();
  }
  // Waits for the thread; the digest (hex) when it covers exactly [0, size).
  std::optional<std::string> finish(std::uint64_t size) {
    stop();
    if (failed_ || done_ != size) return std::nullopt;
    return digest_.finish();
  }

 private:
  void run() {
    std::unique_lock<std::mutex> hold(lock_);
    while (true) {
      wake_.wait(hold, [this] { return stopping_ || upto_ > done_; });
      if (upto_ <= done_) return;  // stopping, and everything settled is hashed
      const std::uint64_t from = done_;
      const std::uint64_t to = upto_;
      hold.unlock();
      const bool ok = digest_.advance(out_, to);
      // Only a hint: where the file system cannot, commit()'s fsync does it all.
      if (ok) {
        (void)sync_file_range(out_.fd_, static_cast<off_t>(from), static_cast<off_t>(to - from),
                              SYNC_FILE_RANGE_WRITE);
      }
      hold.lock();
      if (!ok) {
        failed_ = true;  // cut short (the writer gave up): sha256() reads it all again
        return;
      }
      done_ = to;
    }
  }
  void stop() {
    {
      const std::lock_guard<std::mutex> hold(lock_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  Output& out_;
  SinkDigest digest_;  // the thread's alone until it is joined
  std::mutex lock_;
  std::condition_variable wake_;
  std::uint64_t upto_ = 0;  // settled so far (lock_)
  std::uint64_t done_ = 0;  // hashed so far (lock_)
  bool stopping_ = false;   // (lock_)
  bool failed_ = false;     // (lock_)
  std::thread thread_;      // last: it starts once the rest is ready
};

void Output::settled(std::uint64_t upto) {
  if (!digest_) {
    try {
      digest_ = std::make_unique<SettledDigest>(*this);
    } catch (const std::system_error&) {
      return;  // no thread to be had: sha256() reads the file once it is written
    }
  }
  digest_->settled(upto);
}

Output::~Output() {
  digest_.reset();  // the thread reads fd_
  if (fd_ >= 0) close(fd_);
  if (!committed_ && !temp_.empty()) {
    unlink(temp_.c_str());
    forget(temp_);
  }
  if (lock_fd_ >= 0) {
    unlink(lock_.c_str());  // while still holding it: see open()
    forget(lock_);
    close(lock_fd_);
  }
}

bool Output::write_at(std::uint64_t offset, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  std::size_t done = 0;
  while (done < size) {
    const auto n = pwrite(fd_, bytes + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : ENOSPC;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  end_ = std::max(end_, offset + size);
  return true;
}

bool Output::append(std::string_view data) { return write_at(end_, data.data(), data.size()); }

bool Output::truncate(std::uint64_t size) {
  if (ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    error_ = errno;
    return false;
  }
  end_ = size;
  return true;
}

std::size_t Output::read_at(std::uint64_t offset, void* data, std::size_t size) {
  while (true) {
    const auto n = pread(fd_, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    return n < 0 ? 0 : static_cast<std::size_t>(n);
  }
}

std::string Output::failure() const { return error_ != 0 ? std::strerror(error_) : std::string(); }

std::string Output::sha256() {
  std::optional<std::string> digest;
  if (digest_) digest = digest_->finish(end_);
  digest_.reset();
  return digest ? *digest : sink_sha256(*this);
}

bool Output::commit(const Context& ctx) {
  auto fail = [&](int error) {
    usage_error(ctx, "cli.cannot_write", {{"file", path_}, {"detail", std::strerror(error)}});
    return false;
  };
  digest_.reset();  // the thread reads fd_
  if (fsync(fd_) != 0) return fail(errno);
  if (close(fd_) != 0) {
    fd_ = -1;
    return fail(errno);
  }
  fd_ = -1;
  // Not replacing: a file that appeared meanwhile is kept. File systems
  // without RENAME_NOREPLACE (FAT on a USB stick) get a check, then rename:
  // under the lock, only another program could slip in between.
  int moved = force_ ? rename(temp_.c_str(), path_.c_str())
                     : renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
  if (moved != 0 && !force_ && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)) {
    struct stat st {};
    if (lstat(path_.c_str(), &st) == 0) errno = EEXIST;
    else moved = rename(temp_.c_str(), path_.c_str());
  }
  if (moved != 0) {
    if (errno != EEXIST) return fail(errno);
    usage_error(ctx, "cli.out.exists", {{"file", path_}});
    return false;
  }
  committed_ = true;
  forget(temp_);
  const int dir = ::open(folder_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);  // the rename itself reaches the disk
    close(dir);
  }
  return true;
}

bool Output::finish(const Context& ctx, std::string_view content) {
  if (!append(content)) {
    usage_error(ctx, "cli.cannot_write", {{"file", path_}, {"detail", failure()}});
    return false;
  }
  return commit(ctx);
}

}  // namespace qaward::cli
