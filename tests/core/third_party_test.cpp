// The third-party libraries the package issue builds on, in both builds:
// natively from Debian's -dev packages, in WebAssembly from Debian's sources.
// Ed25519 sign/verify and BLAKE2b (minisign's primitives), and a ZIP written
// to memory with a UTF-8 Chinese entry name, read back with consistency checks.
#include <gtest/gtest.h>
#include <sodium.h>
#include <zip.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

namespace {

TEST(ThirdPartySodium, SignsVerifiesAndCatchesTampering) {
  ASSERT_GE(sodium_init(), 0);
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  ASSERT_EQ(crypto_sign_keypair(pk.data(), sk.data()), 0);
  std::string message = "tagmanifest-sha256.txt 内容";
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk.data());
  EXPECT_EQ(crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(), pk.data()), 0);
  message[0] ^= 1;
  EXPECT_NE(crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(), pk.data()), 0);
}

TEST(ThirdPartySodium, Blake2bMatchesTheKnownAnswer) {
  // BLAKE2b-512 of the empty string (RFC 7693 test vectors).
  std::array<unsigned char, 64> hash{};
  ASSERT_EQ(crypto_generichash(hash.data(), hash.size(), nullptr, 0, nullptr, 0), 0);
  std::array<char, 129> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  EXPECT_EQ(std::string(hex.data()),
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
            "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
}

TEST(ThirdPartyZip, RoundTripsAChineseEntryNameInMemory) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  ASSERT_NE(buffer, nullptr);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  static const char kContent[] = "营业执照副本";
  zip_source_t* file = zip_source_buffer(archive, kContent, std::strlen(kContent), 0);
  ASSERT_GE(zip_file_add(archive, "bag/data/附件/营业执照.txt", file, ZIP_FL_ENC_UTF_8), 0);
  ASSERT_EQ(zip_close(archive), 0);

  ASSERT_EQ(zip_source_open(buffer), 0);
  ASSERT_EQ(zip_source_seek(buffer, 0, SEEK_END), 0);
  const auto size = zip_source_tell(buffer);
  ASSERT_GT(size, 0);
  ASSERT_EQ(zip_source_seek(buffer, 0, SEEK_SET), 0);
  std::vector<char> bytes(static_cast<std::size_t>(size));
  ASSERT_EQ(zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size)), size);
  zip_source_close(buffer);
  zip_source_free(buffer);

  zip_source_t* input = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* reader = zip_open_from_source(input, ZIP_CHECKCONS | ZIP_RDONLY, &error);
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(zip_get_num_entries(reader, 0), 1);
  EXPECT_STREQ(zip_get_name(reader, 0, ZIP_FL_ENC_RAW), "bag/data/附件/营业执照.txt");
  zip_stat_t st;
  ASSERT_EQ(zip_stat_index(reader, 0, 0, &st), 0);
  zip_file_t* entry = zip_fopen_index(reader, 0, 0);
  ASSERT_NE(entry, nullptr);
  std::string read(static_cast<std::size_t>(st.size), '\0');
  EXPECT_EQ(zip_fread(entry, read.data(), st.size), static_cast<zip_int64_t>(st.size));
  EXPECT_EQ(read, kContent);
  zip_fclose(entry);
  zip_close(reader);
}

}  // namespace
