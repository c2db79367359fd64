#pragma once
// The files the command-line tool reads and writes. Nothing a user names is
// destroyed (issue 12):
// - every input is a regular file, read up to a documented limit;
// - an output may not be one of the command's inputs (same path, or the same
//   file under another name: device and inode), nor anything but a regular
//   file; replacing an existing file needs --force;
// - an output is written to a temporary file beside it, flushed to disk, and
//   renamed over the target only when the whole command succeeded; the
//   temporary is removed on every failure and on Ctrl-C (SIGINT/SIGTERM);
// - a lock beside the target makes a second run writing the same file at the
//   same time fail with a message instead of mixing the two.
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "qaward/package.hpp"

namespace qaward::cli {

// Documents read whole (drafts, profiles, assessments, keys): at most this.
inline constexpr std::uint64_t kMaxDocumentBytes = 16u << 20;
// Public key files: one comment line and one key line.
inline constexpr std::uint64_t kMaxKeyBytes = 64u << 10;

// Why `path` cannot be opened as a regular file (it is missing, a folder, a
// device or a pipe), in the user's language; empty when it can.
[[nodiscard]] std::string not_a_file(const Context& ctx, const std::string& path);

// The files a command reads, remembered so that no output can replace one.
class Inputs {
 public:
  // Records `path` if it exists (a missing file is reported where it is read).
  // False after a message when it exists but is not a regular file.
  [[nodiscard]] bool add(const Context& ctx, const std::string& path);
  // Whether `path` names one of the inputs: the same path or the same file.
  [[nodiscard]] bool contains(const std::string& path) const;

 private:
  struct Seen {
    std::string path;  // as absolute and normal as the file system allows
    dev_t device = 0;
    ino_t inode = 0;
  };
  std::vector<Seen> seen_;
};

// `path` recorded among `inputs` and found to be a regular file that can be
// opened (a package or bundle, read later in place); false after a message
// naming it and what is wrong.
[[nodiscard]] bool add_file_input(const Context& ctx, Inputs& inputs, const std::string& path);

// The whole content of a regular file of at most `limit` bytes, or nullopt
// after a message naming the file and what is wrong (missing, a folder, a
// device or pipe, too large, the system's reason).
[[nodiscard]] std::optional<std::string> read_input(const Context& ctx, const std::string& path,
                                                    std::uint64_t limit = kMaxDocumentBytes);

// A file being written. It is also a PackageSink, so a package is written
// straight into the temporary file.
class Output final : public PackageSink {
 public:
  struct Mode {
    bool force = false;   // an existing file may be replaced
    bool secret = false;  // created readable by its owner only (0600), from the start
  };
  // Checks `path` against the inputs and the rules above and creates the
  // temporary file; nullptr after a message saying what is wrong.
  [[nodiscard]] static std::unique_ptr<Output> open(const Context& ctx, const std::string& path, const Inputs& inputs,
                                                    Mode mode);
  ~Output() override;  // removes the temporary unless committed
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  [[nodiscard]] bool append(std::string_view data);
  // PackageSink: positioned writes into the temporary file.
  [[nodiscard]] bool write_at(std::uint64_t offset, const void* data, std::size_t size) override;
  [[nodiscard]] bool truncate(std::uint64_t size) override;
  [[nodiscard]] std::size_t read_at(std::uint64_t offset, void* data, std::size_t size) override;
  [[nodiscard]] std::string name() const override { return path_; }
  [[nodiscard]] std::string failure() const override;
  // PackageSink: the bytes before `upto` are final. They are hashed on a
  // second thread while the writer goes on (files.cpp, SettledDigest).
  void settled(std::uint64_t upto) override;
  // The SHA-256 (hex) of what has been written: the bytes the target will hold.
  [[nodiscard]] std::string sha256();
  // Flushes to disk and renames over the target; false after a message.
  [[nodiscard]] bool commit(const Context& ctx);
  // append(content) then commit; false after a message.
  [[nodiscard]] bool finish(const Context& ctx, std::string_view content);
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  class SettledDigest;
  Output() = default;
  std::unique_ptr<SettledDigest> digest_;  // started by the first settled()
  std::string path_;
  std::string temp_;
  std::string lock_;
  int fd_ = -1;
  int lock_fd_ = -1;
  std::uint64_t end_ = 0;
  bool force_ = false;
  bool committed_ = false;
  int error_ = 0;  // errno of the last failed write
};

}  // namespace qaward::cli
