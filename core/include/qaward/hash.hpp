#pragma once
// SHA-256, streaming. Natively OpenSSL's libcrypto (it uses the CPU's SHA
// extensions); in WebAssembly libsodium. The same known-answer tests run on both.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace qaward {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(const void* data, std::size_t size);
  void update(std::string_view data) { update(data.data(), data.size()); }
  // The digest; the object is then reset for reuse.
  [[nodiscard]] Sha256Digest finish();

  [[nodiscard]] static Sha256Digest of(std::string_view data);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

[[nodiscard]] std::string to_hex(const std::uint8_t* data, std::size_t size);
[[nodiscard]] inline std::string to_hex(const Sha256Digest& digest) { return to_hex(digest.data(), digest.size()); }
// A digest from 64 hex digits (either case); nullopt for anything else.
[[nodiscard]] std::optional<Sha256Digest> sha256_from_hex(std::string_view hex);

}  // namespace qaward
