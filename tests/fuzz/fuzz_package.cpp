// libFuzzer target: the package reader on arbitrary bytes (written to a file,
// as packages arrive). Must never crash, leak or read out of bounds.
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "qaward/package.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/qaward-fuzz-" + std::to_string(getpid()) + ".zip";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  qaward::VerifyContext context;  // no calendar, no editions: the reader alone
  context.editions = [](std::string_view) { return std::optional<std::string>(); };
  context.limits.max_total_bytes = 64u << 20;
  context.limits.max_entry_bytes = 16u << 20;
  const auto report = qaward::verify_package(path, context);
  (void)report;
  return 0;
}
