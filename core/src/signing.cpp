#include "qaward/signing.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_reader.hpp"
#include "qaward/hash.hpp"
#include "qaward/json_text.hpp"
#include "qaward/text.hpp"

namespace qaward {

namespace {

constexpr std::string_view kSecretKeyFormat = "qaward-secret-key/1";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing can be signed
  });
}

std::vector<std::uint8_t> base64_decode(std::string_view text) {
  std::vector<std::uint8_t> out(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  out.resize(length);
  return out;
}

// The lines of a small text file, without their line ends (LF or CRLF).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    auto line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::array<std::uint8_t, 64> blake2b_512(std::string_view message) {
  std::array<std::uint8_t, 64> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     nullptr, 0);
  return hash;
}

Diagnostic key_error(std::string key, Params params = {}) { return make_error(std::move(key), "", std::move(params)); }

}  // namespace

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string PublicKey::key_id_hex() const {
  char buffer[17];
  for (int i = 0; i < 8; ++i) std::snprintf(buffer + 2 * i, 3, "%02X", key_id[static_cast<std::size_t>(7 - i)]);
  return std::string(buffer, 16);
}

std::string PublicKey::fingerprint() const {
  Sha256 h;
  h.update("Ed", 2);
  h.update(key_id.data(), key_id.size());
  h.update(key.data(), key.size());
  const auto hex = to_hex(h.finish());
  std::string out;
  for (std::size_t i = 0; i < 32; i += 4) {  // 128 bits, eight groups, enough to compare by eye
    if (!out.empty()) out += ' ';
    out += hex.substr(i, 4);
  }
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

KeyPair generate_keypair() {
  ensure_sodium();
  KeyPair pair;
  crypto_sign_keypair(pair.public_key.key.data(), pair.secret.data());
  randombytes_buf(pair.public_key.key_id.data(), pair.public_key.key_id.size());
  return pair;
}

KeyPair keypair_from_seed(const std::array<std::uint8_t, 32>& seed, const KeyId& key_id) {
  ensure_sodium();
  KeyPair pair;
  crypto_sign_seed_keypair(pair.public_key.key.data(), pair.secret.data(), seed.data());
  pair.public_key.key_id = key_id;
  return pair;
}

std::string public_key_file(const PublicKey& key) {
  std::array<std::uint8_t, 42> blob{};
  blob[0] = 'E';
  blob[1] = 'd';
  std::memcpy(blob.data() + 2, key.key_id.data(), 8);
  std::memcpy(blob.data() + 10, key.key.data(), 32);
  return std::string(kUntrustedPrefix) + "minisign public key " + key.key_id_hex() + "\n" +
         base64_encode(blob.data(), blob.size()) + "\n";
}

Result<PublicKey> parse_public_key(std::string_view text) {
  const auto lines = lines_of(text);
  // minisign accepts the key alone or after its comment line.
  std::string_view data_line;
  for (const auto line : lines) {
    if (!line.empty() && !line.starts_with(kUntrustedPrefix)) {
      data_line = line;
      break;
    }
  }
  const auto blob = base64_decode(data_line);
  if (blob.size() != 42 || blob[0] != 'E' || blob[1] != 'd') return std::vector{key_error("key.bad_public_key")};
  PublicKey key;
  std::memcpy(key.key_id.data(), blob.data() + 2, 8);
  std::memcpy(key.key.data(), blob.data() + 10, 32);
  return key;
}

std::string encrypt_secret_key(const KeyPair& pair, std::string_view given, const KdfLimits& limits) {
  ensure_sodium();
  const std::string passphrase = nfc(given).value_or(std::string(given));
  std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
  std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES> nonce{};
  std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> wrap{};
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  if (crypto_pwhash(wrap.data(), wrap.size(), passphrase.data(), passphrase.size(), salt.data(), limits.opslimit,
                    limits.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    std::abort();  // out of memory: the limits are ours, not the user's
  }
  std::vector<std::uint8_t> cipher(pair.secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long cipher_length = 0;
  // The key id and format are bound as associated data.
  std::string aad = std::string(kSecretKeyFormat) + pair.public_key.key_id_hex();
  crypto_aead_xchacha20poly1305_ietf_encrypt(cipher.data(), &cipher_length, pair.secret.data(), pair.secret.size(),
                                             reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nullptr,
                                             nonce.data(), wrap.data());
  sodium_memzero(wrap.data(), wrap.size());
  const nlohmann::json doc = {
      {"format", kSecretKeyFormat},
      {"algorithm", "Ed25519"},
      {"key_id", pair.public_key.key_id_hex()},
      {"kdf", {{"name", "argon2id13"}, {"opslimit", limits.opslimit}, {"memlimit", limits.memlimit},
               {"salt", base64_encode(salt.data(), salt.size())}}},
      {"cipher", {{"name", "xchacha20poly1305-ietf"}, {"nonce", base64_encode(nonce.data(), nonce.size())},
                  {"ciphertext", base64_encode(cipher.data(), static_cast<std::size_t>(cipher_length))}}},
      {"public_key", lines_of(public_key_file(pair.public_key)).at(1)},
      {"note", "Ed25519 secret key encrypted under a passphrase; see the README of qaward for the format."}};
  return doc.dump(2) + "\n";
}

Result<KeyPair> decrypt_secret_key(std::string_view file, std::string_view passphrase) {
  ensure_sodium();
  // A key file is untrusted input too: every member is read by type, never by value().
  using detail::text_of;
  const auto parsed = parse_json(file);
  if (!parsed.ok() || !parsed.value().is_object() || text_of(parsed.value(), "format") != kSecretKeyFormat) {
    return std::vector{key_error("key.bad_secret_key")};
  }
  const auto& doc = parsed.value();
  const auto kdf = detail::object_of(doc, "kdf");
  const auto cipher = detail::object_of(doc, "cipher");
  const auto opslimit_it = kdf.find("opslimit");
  const auto memlimit_it = kdf.find("memlimit");
  if (opslimit_it == kdf.end() || !opslimit_it->is_number_unsigned() || memlimit_it == kdf.end() ||
      !memlimit_it->is_number_unsigned()) {
    return std::vector{key_error("key.bad_secret_key")};
  }
  const auto opslimit = opslimit_it->get<std::uint64_t>();
  const auto memlimit = memlimit_it->get<std::uint64_t>();
  const auto salt = base64_decode(text_of(kdf, "salt"));
  const auto nonce = base64_decode(text_of(cipher, "nonce"));
  const auto sealed = base64_decode(text_of(cipher, "ciphertext"));
  auto public_key = parse_public_key(text_of(doc, "public_key"));
  // Bounds keep a hostile file from asking for absurd work or memory.
  if (salt.size() != crypto_pwhash_SALTBYTES || nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      sealed.size() != 64 + crypto_aead_xchacha20poly1305_ietf_ABYTES || !public_key.ok() ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > 10 || memlimit < crypto_pwhash_MEMLIMIT_MIN ||
      memlimit > (1u << 30)) {
    return std::vector{key_error("key.bad_secret_key")};
  }
  KeyPair pair;
  pair.public_key = public_key.value();
  const std::string aad = std::string(kSecretKeyFormat) + pair.public_key.key_id_hex();
  // 1: opened; 0: not with this passphrase; -1: the KDF failed (memory).
  auto open_with = [&](std::string_view passphrase) {
    std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> wrap{};
    if (crypto_pwhash(wrap.data(), wrap.size(), passphrase.data(), passphrase.size(), salt.data(), opslimit,
                      static_cast<std::size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return -1;
    }
    unsigned long long length = 0;
    const int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(
        pair.secret.data(), &length, nullptr, sealed.data(), sealed.size(),
        reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nonce.data(), wrap.data());
    sodium_memzero(wrap.data(), wrap.size());
    return opened == 0 && length == 64 ? 1 : 0;
  };
  const auto normal = nfc(passphrase);
  int opened = open_with(normal.value_or(std::string(passphrase)));
  if (opened == 0 && normal && *normal != passphrase) opened = open_with(passphrase);
  if (opened < 0) return std::vector{key_error("key.bad_secret_key")};
  if (opened == 0) return std::vector{key_error("key.wrong_passphrase")};
  // The secret key ends with its public key: both parts of the file must agree.
  if (std::memcmp(pair.secret.data() + 32, pair.public_key.key.data(), 32) != 0) {
    return std::vector{key_error("key.bad_secret_key")};
  }
  return pair;
}

Result<PublicKey> secret_key_public_key(std::string_view file) {
  const auto parsed = parse_json(file);
  if (!parsed.ok() || !parsed.value().is_object() || detail::text_of(parsed.value(), "format") != kSecretKeyFormat) {
    return std::vector{key_error("key.bad_secret_key")};
  }
  auto key = parse_public_key(detail::text_of(parsed.value(), "public_key"));
  if (!key.ok()) return std::vector{key_error("key.bad_secret_key")};
  return key;
}

std::string sign_minisign(std::string_view message, const KeyPair& pair, std::string_view trusted_comment) {
  ensure_sodium();
  const auto hash = blake2b_512(message);
  std::array<std::uint8_t, 74> blob{};
  blob[0] = 'E';
  blob[1] = 'D';
  std::memcpy(blob.data() + 2, pair.public_key.key_id.data(), 8);
  crypto_sign_detached(blob.data() + 10, nullptr, hash.data(), hash.size(), pair.secret.data());
  std::string global_message(reinterpret_cast<const char*>(blob.data() + 10), 64);
  global_message += trusted_comment;
  std::array<std::uint8_t, 64> global{};
  crypto_sign_detached(global.data(), nullptr, reinterpret_cast<const unsigned char*>(global_message.data()),
                       global_message.size(), pair.secret.data());
  return std::string(kUntrustedPrefix) + "signature from qaward secret key " + pair.public_key.key_id_hex() + "\n" +
         base64_encode(blob.data(), blob.size()) + "\n" + std::string(kTrustedPrefix) + std::string(trusted_comment) +
         "\n" + base64_encode(global.data(), global.size()) + "\n";
}

namespace {

struct ParsedSignature {
  std::array<std::uint8_t, 74> blob{};
  std::string trusted_comment;
  std::array<std::uint8_t, 64> global{};
};

Result<ParsedSignature> parse(std::string_view text) {
  const auto lines = lines_of(text);
  if (lines.size() < 4 || !lines[0].starts_with(kUntrustedPrefix) || !lines[2].starts_with(kTrustedPrefix)) {
    return std::vector{key_error("sig.malformed")};
  }
  const auto blob = base64_decode(lines[1]);
  const auto global = base64_decode(lines[3]);
  if (blob.size() != 74 || global.size() != 64 || blob[0] != 'E' || (blob[1] != 'D' && blob[1] != 'd')) {
    return std::vector{key_error("sig.malformed")};
  }
  ParsedSignature p;
  std::memcpy(p.blob.data(), blob.data(), 74);
  std::memcpy(p.global.data(), global.data(), 64);
  p.trusted_comment = std::string(lines[2].substr(kTrustedPrefix.size()));
  return p;
}

}  // namespace

Result<SignatureInfo> parse_signature(std::string_view signature_text) {
  auto parsed = parse(signature_text);
  if (!parsed.ok()) return parsed.diagnostics();
  SignatureInfo info;
  std::memcpy(info.key_id.data(), parsed.value().blob.data() + 2, 8);
  info.trusted_comment = parsed.value().trusted_comment;
  return info;
}

Result<SignatureInfo> verify_minisign(std::string_view message, std::string_view signature_text, const PublicKey& key) {
  ensure_sodium();
  auto parsed = parse(signature_text);
  if (!parsed.ok()) return parsed.diagnostics();
  const auto& p = parsed.value();
  SignatureInfo info;
  std::memcpy(info.key_id.data(), p.blob.data() + 2, 8);
  info.trusted_comment = p.trusted_comment;
  if (info.key_id != key.key_id) {
    PublicKey signer;
    signer.key_id = info.key_id;
    return std::vector{key_error("sig.key_id_mismatch", {{"signature", signer.key_id_hex()}, {"key", key.key_id_hex()}})};
  }
  const bool prehashed = p.blob[1] == 'D';
  int ok = -1;
  if (prehashed) {
    const auto hash = blake2b_512(message);
    ok = crypto_sign_verify_detached(p.blob.data() + 10, hash.data(), hash.size(), key.key.data());
  } else {
    ok = crypto_sign_verify_detached(p.blob.data() + 10, reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.key.data());
  }
  if (ok != 0) return std::vector{key_error("sig.bad_signature", {{"key", key.key_id_hex()}})};
  std::string global_message(reinterpret_cast<const char*>(p.blob.data() + 10), 64);
  global_message += p.trusted_comment;
  if (crypto_sign_verify_detached(p.global.data(), reinterpret_cast<const unsigned char*>(global_message.data()),
                                  global_message.size(), key.key.data()) != 0) {
    return std::vector{key_error("sig.bad_trusted_comment", {{"key", key.key_id_hex()}})};
  }
  return info;
}

}  // namespace qaward
