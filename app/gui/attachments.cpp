// Attachments arriving from the page (file picker, drag and drop): measured,
// hashed and checked for state-secret marks as they arrive.
#include <cstdio>
#include <vector>

#include "app_state.hpp"
#include "qaward/hash.hpp"
#include "qaward/package.hpp"

namespace qaward::gui {

// Fills size, SHA-256 and the state-secret flag from the stored file.
void inspect_attachment(AttachmentEntry& entry) {
  const std::string path = kAttachmentDir + entry.name;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  entry.size = 0;
  entry.state_secret = has_state_secret_mark(entry.name) || has_state_secret_mark(entry.title);
  if (f == nullptr) return;
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  const bool text = content_is_checked_for_marks(entry.name);
  std::string tail;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) {
    hash.update(buffer.data(), n);
    entry.size += n;
    if (!text) continue;
    tail.append(buffer.data(), n);
    if (has_state_secret_mark(tail)) entry.state_secret = true;
    if (tail.size() > 64) tail.erase(0, tail.size() - 64);
  }
  std::fclose(f);
  entry.sha256 = to_hex(hash.finish());
}

}  // namespace qaward::gui
