#include "qaward/signing.hpp"

#include <gtest/gtest.h>

#include "qaward/hash.hpp"
#include <fstream>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

// FIPS 180-2 known answers, for both backends (OpenSSL natively, libsodium in wasm).
TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(qaward::to_hex(qaward::Sha256::of("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(qaward::to_hex(qaward::Sha256::of("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  qaward::Sha256 h;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) h.update(chunk);  // one million 'a', streamed
  EXPECT_EQ(qaward::to_hex(h.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(qaward::to_hex(h.finish()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");  // reset
}

qaward::KdfLimits fast() { return {1, 8192}; }  // the minimums: tests only

TEST(Signing, SignsAndVerifiesInMinisignFormat) {
  const auto pair = qaward::generate_keypair();
  const std::string message = "manifest 营业执照.pdf\n";
  const auto sig = qaward::sign_minisign(message, pair, "91330100716105852F QA-1 2026-03-16T10:00:00+08:00");
  EXPECT_EQ(sig.rfind("untrusted comment: ", 0), 0u);
  EXPECT_NE(sig.find("\ntrusted comment: 91330100716105852F QA-1"), std::string::npos);
  const auto ok = qaward::verify_minisign(message, sig, pair.public_key);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().trusted_comment, "91330100716105852F QA-1 2026-03-16T10:00:00+08:00");
}

TEST(Signing, CatchesTamperingWithTheMessageTheCommentOrTheKey) {
  const auto pair = qaward::generate_keypair();
  const auto sig = qaward::sign_minisign("abc", pair, "comment");
  const auto changed = qaward::verify_minisign("abd", sig, pair.public_key);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.diagnostics().at(0).key, "sig.bad_signature");

  std::string forged = sig;
  forged.replace(forged.find("trusted comment: comment"), 24, "trusted comment: c0mment");
  const auto comment = qaward::verify_minisign("abc", forged, pair.public_key);
  ASSERT_FALSE(comment.ok());
  EXPECT_EQ(comment.diagnostics().at(0).key, "sig.bad_trusted_comment");

  const auto other = qaward::generate_keypair();
  const auto wrong = qaward::verify_minisign("abc", sig, other.public_key);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.diagnostics().at(0).key, "sig.key_id_mismatch");
  EXPECT_EQ(wrong.diagnostics().at(0).params.at("signature"), pair.public_key.key_id_hex());

  EXPECT_FALSE(qaward::verify_minisign("abc", "not a signature", pair.public_key).ok());
}

TEST(Signing, PublicKeyFileRoundTripsAndShowsTheKeyId) {
  const auto pair = qaward::generate_keypair();
  const auto file = qaward::public_key_file(pair.public_key);
  EXPECT_EQ(file.rfind("untrusted comment: minisign public key " + pair.public_key.key_id_hex() + "\n", 0), 0u);
  const auto parsed = qaward::parse_public_key(file);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value().key, pair.public_key.key);
  EXPECT_EQ(parsed.value().key_id, pair.public_key.key_id);
  EXPECT_EQ(pair.public_key.fingerprint().size(), 39u);  // 8 groups of 4, 7 spaces
  EXPECT_FALSE(qaward::parse_public_key("untrusted comment: x\nAAAA\n").ok());
}

// The page reads the public key from the secret key file without the
// passphrase, and writes the same .pub text as the CLI's keygen.
TEST(Signing, TheSecretKeyFileNamesItsPublicKeyWithoutThePassphrase) {
  const auto pair = qaward::generate_keypair();
  const auto file = qaward::encrypt_secret_key(pair, "口令", fast());
  const auto key = qaward::secret_key_public_key(file);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key.value().key, pair.public_key.key);
  EXPECT_EQ(qaward::public_key_file(key.value()), qaward::public_key_file(pair.public_key));
  for (const char* bad : {"", "not json", "[]", R"({"format":"qaward-secret-key/1"})",
                          R"({"format":"other/1","public_key":"x"})", R"({"format":"qaward-secret-key/1","public_key":7})"}) {
    const auto refused = qaward::secret_key_public_key(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.diagnostics().at(0).key, "key.bad_secret_key") << bad;
  }
}

TEST(Signing, TheEncryptedSecretKeyOpensOnlyWithItsPassphrase) {
  const auto pair = qaward::generate_keypair();
  const auto file = qaward::encrypt_secret_key(pair, "正确的口令 horse", fast());
  EXPECT_NE(file.find("qaward-secret-key/1"), std::string::npos);
  EXPECT_EQ(file.find(qaward::base64_encode(pair.secret.data(), 32)), std::string::npos);  // never in clear
  const auto opened = qaward::decrypt_secret_key(file, "正确的口令 horse");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened.value().secret, pair.secret);
  const auto wrong = qaward::decrypt_secret_key(file, "正确的口令 horsE");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.diagnostics().at(0).key, "key.wrong_passphrase");
  EXPECT_EQ(qaward::decrypt_secret_key("{}", "x").diagnostics().at(0).key, "key.bad_secret_key");
  // Absurd work factors in a hostile file are refused before any work is done.
  std::string greedy = file;
  greedy.replace(greedy.find("\"opslimit\": 1"), 13, "\"opslimit\": 99999");
  EXPECT_EQ(qaward::decrypt_secret_key(greedy, "x").diagnostics().at(0).key, "key.bad_secret_key");
}

// A key file with a member of the wrong type, or nested absurdly deep, is
// refused with a message, never an exception (issue 12).
// Issue 12: the same passphrase typed composed or decomposed opens the key,
// in the CLI and the browser alike (the core normalises it).
TEST(Signing, APassphraseOpensTheKeyWhateverItsUnicodeForm) {
  const auto pair = qaward::generate_keypair();
  const std::string composed = "caf\u00e9 au lait 2026";
  const std::string decomposed = "cafe\u0301 au lait 2026";
  for (const auto& [made, opened] : {std::pair{composed, decomposed}, {decomposed, composed}}) {
    const auto file = qaward::encrypt_secret_key(pair, made, fast());
    const auto key = qaward::decrypt_secret_key(file, opened);
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key.value().public_key.key, pair.public_key.key);
    EXPECT_EQ(qaward::decrypt_secret_key(file, "cafe au lait 2026").diagnostics().at(0).key, "key.wrong_passphrase");
  }
}

TEST(Signing, ASecretKeyFileWithWrongTypesIsRefusedNotThrown) {
  const auto file = qaward::encrypt_secret_key(qaward::generate_keypair(), "口令", fast());
  const auto good = nlohmann::json::parse(file);
  std::vector<nlohmann::json> hostile;
  for (const char* member : {"format", "public_key", "kdf", "cipher"}) {
    hostile.push_back(good);
    hostile.back()[member] = 5;
  }
  for (const char* member : {"salt", "opslimit", "memlimit"}) {
    hostile.push_back(good);
    hostile.back()["kdf"][member] = nlohmann::json::array();
  }
  for (const char* member : {"nonce", "ciphertext"}) {
    hostile.push_back(good);
    hostile.back()["cipher"][member] = true;
  }
  for (const auto& doc : hostile) {
    SCOPED_TRACE(doc.dump());
    try {
      const auto opened = qaward::decrypt_secret_key(doc.dump(), "口令");
      ASSERT_FALSE(opened.ok());
      EXPECT_EQ(opened.diagnostics().at(0).key, "key.bad_secret_key");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "threw " << e.what();
    }
  }
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(qaward::decrypt_secret_key(deep, "口令").diagnostics().at(0).key, "key.bad_secret_key");
}

// A key and signature made by Debian's minisign 0.11 (tests/fixtures/minisign).
TEST(Signing, VerifiesWhatTheMinisignToolSigned) {
  const std::string base = std::string(QAWARD_TEST_CASES_DIR) + "/../fixtures/minisign/";
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const auto key = qaward::parse_public_key(read(base + "minisign.pub"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key.value().key_id_hex(), "B0E3830EDDCB18F6");
  const auto message = read(base + "message.txt");
  const auto sig = read(base + "message.txt.minisig");
  const auto ok = qaward::verify_minisign(message, sig, key.value());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().trusted_comment, "trusted: 91330100716105852F QA-test");
  EXPECT_FALSE(qaward::verify_minisign(message + " ", sig, key.value()).ok());
}

}  // namespace
