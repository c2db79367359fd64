// Packages written somewhere other than a file path. libzip writes an archive
// through a zip_source that accepts writes (zip_open_from_source); this one
// forwards them to a PackageSink, such as the browser's origin-private file
// system, so that a package of any size is never held in memory.
#include <cerrno>
#include <cstdio>
#include <vector>

#include "package_common.hpp"
#include "qaward/hash.hpp"

namespace qaward {

namespace {

// libzip writes in small pieces (8 KiB, and headers of a few dozen bytes);
// consecutive ones are gathered into large writes, since each call into the
// browser's storage has a cost of its own.
struct SinkSource {
  PackageSink* sink = nullptr;
  std::uint64_t position = 0;
  std::uint64_t size = 0;
  std::uint64_t pending_at = 0;  // where `pending` goes
  std::vector<char> pending;
  bool rewriting = false;  // libzip went back to fill in a header
  zip_error_t error{};

  bool flush() {
    const bool ok = pending.empty() || sink->write_at(pending_at, pending.data(), pending.size());
    pending.clear();
    return ok;
  }
  bool write(const void* data, std::size_t n) {
    if (pending_at + pending.size() != position || pending.size() + n > detail::kWriteBuffer) {
      if (!flush()) return false;
      pending_at = position;
    }
    if (n >= detail::kWriteBuffer) return sink->write_at(position, data, n);
    const auto* bytes = static_cast<const char*>(data);
    pending.insert(pending.end(), bytes, bytes + n);
    return true;
  }
};

zip_int64_t failed(SinkSource& s, int code) {
  zip_error_set(&s.error, code, 0);
  return -1;
}

zip_int64_t sink_callback(void* user, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  auto* s = static_cast<SinkSource*>(user);
  switch (cmd) {
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_SEEK,
                                            ZIP_SOURCE_TELL, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                            ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_WRITE, ZIP_SOURCE_COMMIT_WRITE,
                                            ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE,
                                            ZIP_SOURCE_REMOVE, -1);
    case ZIP_SOURCE_STAT:  // always a new archive: "no such file" is how libzip is told
      zip_error_set(&s->error, ZIP_ER_READ, ENOENT);
      return -1;
    case ZIP_SOURCE_OPEN:
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_READ:
    case ZIP_SOURCE_SEEK:
    case ZIP_SOURCE_TELL:
      return 0;  // never read: the archive is new
    case ZIP_SOURCE_BEGIN_WRITE:
      s->position = s->size = 0;
      s->pending.clear();
      s->pending.reserve(detail::kWriteBuffer);
      return s->sink->truncate(0) ? 0 : failed(*s, ZIP_ER_WRITE);
    case ZIP_SOURCE_WRITE:
      if (!s->write(data, static_cast<std::size_t>(length))) return failed(*s, ZIP_ER_WRITE);
      s->position += length;
      s->size = std::max(s->size, s->position);
      return static_cast<zip_int64_t>(length);
    case ZIP_SOURCE_SEEK_WRITE: {
      const auto offset = zip_source_seek_compute_offset(s->position, s->size, data, length, &s->error);
      if (offset < 0) return -1;
      s->position = static_cast<std::uint64_t>(offset);
      // Back at the end after filling in a header: everything before is final.
      if (s->position < s->size) {
        s->rewriting = true;
      } else if (s->rewriting) {
        s->rewriting = false;
        if (!s->flush()) return failed(*s, ZIP_ER_WRITE);
        s->sink->settled(s->size);
      }
      return 0;
    }
    case ZIP_SOURCE_TELL_WRITE:
      return static_cast<zip_int64_t>(s->position);
    case ZIP_SOURCE_COMMIT_WRITE:
      if (!s->flush() || !s->sink->truncate(s->size)) return failed(*s, ZIP_ER_WRITE);
      s->sink->settled(s->size);
      return 0;
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
      s->position = s->size = 0;
      s->pending.clear();
      return s->sink->truncate(0) ? 0 : failed(*s, ZIP_ER_WRITE);
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&s->error, data, length);
    case ZIP_SOURCE_FREE:
      delete s;
      return 0;
    default:
      return failed(*s, ZIP_ER_OPNOTSUPP);
  }
}

}  // namespace

namespace detail {

zip_t* open_output(const Output& out) {
  if (out.sink == nullptr) {
    std::remove(out.path.c_str());
    int code = 0;
    return zip_open(out.path.c_str(), ZIP_CREATE | ZIP_EXCL, &code);
  }
  zip_error_t error;
  zip_error_init(&error);
  auto* state = new SinkSource();
  state->sink = out.sink;
  zip_source_t* source = zip_source_function_create(sink_callback, state, &error);
  if (source == nullptr) {
    delete state;
    zip_error_fini(&error);
    return nullptr;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) zip_source_free(source);  // frees the state too
  zip_error_fini(&error);
  return archive;
}

void discard_output(zip_t* archive, const Output& out) {
  if (archive != nullptr) zip_discard(archive);
  if (out.sink != nullptr) (void)out.sink->truncate(0);
  else std::remove(out.path.c_str());
}

}  // namespace detail

bool SinkDigest::advance(PackageSink& sink, std::uint64_t upto, const std::function<void(std::uint64_t done)>& progress) {
  while (offset_ < upto) {
    if (buffer_.empty()) buffer_.resize(detail::kIoBuffer);
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size(), upto - offset_));
    const auto n = sink.read_at(offset_, buffer_.data(), want);
    if (n == 0) return false;  // shorter than announced
    hash_.update(buffer_.data(), n);
    offset_ += n;
    if (progress) progress(offset_);
  }
  return true;
}

std::string SinkDigest::finish() {
  offset_ = 0;
  return to_hex(hash_.finish());
}

std::string sink_sha256(PackageSink& sink, const std::function<void(std::uint64_t done)>& progress) {
  SinkDigest digest;
  while (digest.advance(sink, digest.hashed() + detail::kIoBuffer, progress)) {
  }
  return digest.finish();
}

}  // namespace qaward
