// SHA-256 through libsodium (WebAssembly builds).
#include <sodium.h>

#include "qaward/hash.hpp"

namespace qaward {

struct Sha256::State {
  crypto_hash_sha256_state state{};
  State() { crypto_hash_sha256_init(&state); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, std::size_t size) {
  crypto_hash_sha256_update(&state_->state, static_cast<const unsigned char*>(data), size);
}

Sha256Digest Sha256::finish() {
  Sha256Digest digest{};
  crypto_hash_sha256_final(&state_->state, digest.data());
  crypto_hash_sha256_init(&state_->state);
  return digest;
}

}  // namespace qaward
