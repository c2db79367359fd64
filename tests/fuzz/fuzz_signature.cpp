// libFuzzer target: public keys, signatures and secret key files.
#include <cstdint>
#include <string_view>

#include "qaward/signing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const qaward::KeyPair key = qaward::keypair_from_seed({1}, {1, 2, 3, 4, 5, 6, 7, 8});
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto pub = qaward::parse_public_key(text);
  (void)pub;
  auto sig = qaward::parse_signature(text);
  (void)sig;
  auto checked = qaward::verify_minisign("message", text, key.public_key);
  (void)checked;
  // Secret key files: only those whose work factors are the minimum, or the
  // fuzzer would spend its time in Argon2.
  if (text.find("\"opslimit\": 1,") != std::string_view::npos && text.find("\"memlimit\": 8192") != std::string_view::npos) {
    auto secret = qaward::decrypt_secret_key(text, "x");
    (void)secret;
  }
  return 0;
}
