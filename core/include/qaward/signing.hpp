#pragma once
// Ed25519 keys and signatures in minisign's formats (libsodium), so that
// reviewers can check a package with the standard `minisign -V` tool.
//   public key file: "untrusted comment: ..." then base64("Ed" || key id(8) || pk(32))
//   signature file:  "untrusted comment: ..."
//                    base64("ED" || key id(8) || Ed25519(BLAKE2b-512(message)))
//                    "trusted comment: <text>"
//                    base64(Ed25519(signature(64) || text))
// The secret key is kept only encrypted under a passphrase (format
// "qaward-secret-key/1": Argon2id, then XChaCha20-Poly1305; see README).
// A self-made key proves integrity and continuity, not legal identity (电子签名法
// 第十三、十四条 require a recognised certificate): the product never claims more.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "qaward/diagnostic.hpp"

namespace qaward {

using KeyId = std::array<std::uint8_t, 8>;

struct PublicKey {
  KeyId key_id{};
  std::array<std::uint8_t, 32> key{};
  // As minisign prints it: the 8 bytes as a little-endian number, in capitals.
  [[nodiscard]] std::string key_id_hex() const;
  // A fingerprint for the cover sheet: SHA-256 of the key, in groups of four.
  [[nodiscard]] std::string fingerprint() const;
};

struct KeyPair {
  PublicKey public_key;
  std::array<std::uint8_t, 64> secret{};  // libsodium's secret key (seed || public key)
};

struct KdfLimits {
  unsigned long long opslimit = 3;   // crypto_pwhash_OPSLIMIT_MODERATE
  // 32 MiB: above OWASP's Argon2id floor (19 MiB, t=2), and leaves packaging
  // (streamed) under 64 MiB in all, in a browser tab too.
  std::size_t memlimit = 32u << 20;
};

[[nodiscard]] KeyPair generate_keypair();
// A key from a fixed seed: for golden tests only; real keys come from generate_keypair.
[[nodiscard]] KeyPair keypair_from_seed(const std::array<std::uint8_t, 32>& seed, const KeyId& key_id);

// The minisign public key file ("untrusted comment: minisign public key <ID>",
// then the key): the one writer of that text, for the CLI, the page and packages.
[[nodiscard]] std::string public_key_file(const PublicKey& key);
[[nodiscard]] Result<PublicKey> parse_public_key(std::string_view text);

// Passphrases are taken in NFC: "é" typed as one code point or as e and an
// accent (as some input methods and terminals send it) opens the same key, in
// the browser and in the CLI alike.
[[nodiscard]] std::string encrypt_secret_key(const KeyPair& pair, std::string_view passphrase, const KdfLimits& limits = {});
// Fails with "key.wrong_passphrase" when the passphrase does not open it
// (tried in NFC, then as given, for keys made before passphrases were normalised).
[[nodiscard]] Result<KeyPair> decrypt_secret_key(std::string_view file, std::string_view passphrase);
// The public key a secret key file names, read without its passphrase (what
// the page shows and offers before the key is opened); "key.bad_secret_key"
// when the file is not a qaward-secret-key/1 file with a readable public key.
[[nodiscard]] Result<PublicKey> secret_key_public_key(std::string_view file);

// A minisign signature (prehashed, "ED") of `message`.
[[nodiscard]] std::string sign_minisign(std::string_view message, const KeyPair& pair, std::string_view trusted_comment);

struct SignatureInfo {
  KeyId key_id{};
  std::string trusted_comment;
};
// Parses a signature file without checking it (to learn its key id).
[[nodiscard]] Result<SignatureInfo> parse_signature(std::string_view signature_text);
// Checks `signature_text` over `message` with `key`: the key ids must match,
// the signature and the global signature (over the trusted comment) must hold.
[[nodiscard]] Result<SignatureInfo> verify_minisign(std::string_view message, std::string_view signature_text,
                                                    const PublicKey& key);

[[nodiscard]] std::string base64_encode(const std::uint8_t* data, std::size_t size);

}  // namespace qaward
