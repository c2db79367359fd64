// Attachments arriving from the page (file picker, drag and drop): measured
// and checked for state-secret marks as they arrive. They are hashed when the
// package is built, in the worker, so that the page never stalls on a big file.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app_state.hpp"
#include "qaward/package.hpp"

namespace qaward::gui {

// Fills size, SHA-256 and the state-secret flag from the stored file.
void inspect_attachment(AttachmentEntry& entry) {
  const std::string path = kAttachmentDir + entry.name;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  entry.size = 0;
  entry.state_secret = has_state_secret_mark(entry.name) || has_state_secret_mark(entry.title);
  if (f == nullptr) return;
  if (std::fseek(f, 0, SEEK_END) == 0) entry.size = static_cast<std::uint64_t>(std::max(0L, std::ftell(f)));
  if (content_is_checked_for_marks(entry.name)) {  // plain text: read it for classification marks
    std::fseek(f, 0, SEEK_SET);
    std::vector<char> buffer(1 << 16);
    std::string tail;
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0 && !entry.state_secret) {
      tail.append(buffer.data(), n);
      entry.state_secret = has_state_secret_mark(tail);
      if (tail.size() > 64) tail.erase(0, tail.size() - 64);
    }
  }
  std::fclose(f);
}

}  // namespace qaward::gui
