// resign_bundle IN.zip OUT.zip DISTRICT.key POSTED_AT: a test tool that does
// what this product never does, for the tests of what the office must catch
// (issue 18): the district's bundle with its index rewritten to say its
// publicity was posted at POSTED_AT (later than it was), so that the
// countersignatures inside now come before the period's end, signed again
// with the district's own key (passphrase from QAWARD_PASSPHRASE). Every
// other entry is copied as it is, stored.
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/datetime.hpp"
#include "qaward/signing.hpp"

namespace {

std::string entry_text(zip_t* z, zip_uint64_t i) {
  zip_stat_t st;
  zip_stat_index(z, i, 0, &st);
  std::string text(st.size, '\0');
  zip_file_t* f = zip_fopen_index(z, i, 0);
  if (f == nullptr) return {};
  const auto n = zip_fread(f, text.data(), st.size);
  zip_fclose(f);
  return n == static_cast<zip_int64_t>(st.size) ? text : std::string();
}

int fail(const char* what) {
  std::fprintf(stderr, "resign_bundle: %s\n", what);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) return fail("usage: resign_bundle IN.zip OUT.zip DISTRICT.key POSTED_AT");
  const char* passphrase = std::getenv("QAWARD_PASSPHRASE");
  std::FILE* kf = std::fopen(argv[3], "rb");
  if (kf == nullptr || passphrase == nullptr) return fail("cannot read the key, or QAWARD_PASSPHRASE unset");
  std::string key_text;
  for (int c; (c = std::fgetc(kf)) != EOF;) key_text.push_back(static_cast<char>(c));
  std::fclose(kf);
  const auto key = qaward::decrypt_secret_key(key_text, passphrase);
  const auto posted = qaward::parse_datetime(argv[4]);
  if (!key.ok() || !posted) return fail("bad key, passphrase or time");
  int code = 0;
  zip_t* in = zip_open(argv[1], ZIP_RDONLY, &code);
  if (in == nullptr) return fail("cannot open the bundle");
  std::vector<std::pair<std::string, std::string>> entries;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(zip_get_num_entries(in, 0)); ++i) {
    entries.emplace_back(zip_get_name(in, i, 0), entry_text(in, i));
  }
  zip_close(in);
  for (auto& [name, text] : entries) {
    if (name != "index.json") continue;
    auto index = nlohmann::json::parse(text);
    index["publicity"]["posted_at"] = qaward::to_iso(*posted);
    text = index.dump(2) + "\n";
  }
  for (auto& [name, text] : entries) {
    if (name != "index.json.minisig") continue;
    for (const auto& [n, t] : entries) {
      if (n == "index.json") text = qaward::sign_minisign(t, key.value(), "re-signed by a test");
    }
  }
  zip_t* out = zip_open(argv[2], ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (out == nullptr) return fail("cannot write the output");
  for (const auto& [name, text] : entries) {
    zip_source_t* s = zip_source_buffer(out, text.data(), text.size(), 0);
    const auto added = zip_file_add(out, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (added < 0) return fail("cannot add an entry");
    zip_set_file_compression(out, static_cast<zip_uint64_t>(added), ZIP_CM_STORE, 0);
  }
  return zip_close(out) == 0 ? 0 : fail("cannot close the output");
}
