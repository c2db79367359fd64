// The package reader: untrusted input. Names, sizes and ratios are checked
// before anything is read; every read is bounded; every failure is a finding
// that says what and where. Nothing is extracted: entries are read in memory
// (tag files, capped) or streamed through the hash (payload).
#include <utf8proc.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <sys/stat.h>

#include "json_reader.hpp"
#include "package_common.hpp"
#include "package_verify.hpp"
#include "parallel.hpp"
#include "qaward/hash.hpp"
#include "qaward/json_text.hpp"
#include "qaward/package.hpp"
#include "qaward/text.hpp"

namespace qaward {

namespace {

struct Archive {
  zip_t* za = nullptr;
  ~Archive() {
    if (za != nullptr) zip_discard(za);
  }
};

struct Entry {
  zip_uint64_t index = 0;
  std::string name;  // inside the root folder
  zip_uint64_t size = 0;
  bool stored = false;  // not compressed: its bytes in the archive are its content
};

class Reader {
 public:
  explicit Reader(VerifyReport& report) : report_(report) {}

  void error(std::string key, std::string where = {}, Params params = {}) {
    report_.findings.push_back({Severity::error, std::move(key), std::move(params), std::move(where)});
  }
  void warning(std::string key, std::string where = {}, Params params = {}) {
    report_.findings.push_back({Severity::warning, std::move(key), std::move(params), std::move(where)});
  }
  [[nodiscard]] bool has_errors() const {
    return std::any_of(report_.findings.begin(), report_.findings.end(),
                       [](const Finding& f) { return f.severity == Severity::error; });
  }

  // A failed signature check, as its first diagnostic says.
  void signature_error(const std::vector<Diagnostic>& diagnostics, std::string where) {
    if (diagnostics.empty()) error("sig.bad_signature", std::move(where));
    else error(diagnostics.front().key, std::move(where), diagnostics.front().params);
  }

  // The errors of a JSON reader over `entry`, each as a finding that names the
  // entry and the JSON path (its warnings, such as unknown members, concern
  // the writer, not the reviewer).
  void json_errors(const std::vector<Diagnostic>& diagnostics, const std::string& entry) {
    for (const auto& d : diagnostics) {
      if (d.severity != Severity::error) continue;
      const char* key = d.key == "input.wrong_type"        ? "pkg.field_wrong_type"
                        : d.key == "input.missing_field"   ? "pkg.field_missing"
                        : d.key == "input.invalid_json_at" ? "pkg.entry_bad_json"
                        : d.key == "input.json_too_deep"   ? "pkg.entry_too_deep"
                                                           : "pkg.field_bad_value";
      Params params = d.params;
      params["path"] = d.where.empty() ? "/" : d.where;
      params.try_emplace("found", "");
      error(key, entry, std::move(params));
    }
  }

  // Streams an entry to `take` in chunks, never more than its declared size
  // (a larger stream is a lie in the headers); the CRC is checked at the end.
  template <class Take>
  bool stream(zip_t* za, const Entry& e, Take take) {
    zip_file_t* f = zip_fopen_index(za, e.index, 0);
    if (f == nullptr) {
      error("pkg.entry_unreadable", e.name, {{"detail", zip_strerror(za)}});
      return false;
    }
    std::vector<char> buffer(static_cast<std::size_t>(std::min<zip_uint64_t>(e.size + 1, detail::kIoBuffer)));
    std::uint64_t total = 0;
    zip_int64_t n = 0;
    while ((n = zip_fread(f, buffer.data(), buffer.size())) > 0) {
      total += static_cast<std::uint64_t>(n);
      if (total > e.size) break;
      take(buffer.data(), static_cast<std::size_t>(n));
    }
    const bool failed = n < 0;
    const std::string detail = failed ? zip_file_strerror(f) : "";
    zip_fclose(f);
    if (failed || total != e.size) {
      error("pkg.entry_corrupt", e.name, {{"detail", failed ? detail : "size"}});
      return false;
    }
    return true;
  }

  // A small entry read whole, at most `limit` bytes.
  std::optional<std::string> read_small(zip_t* za, const Entry& e, std::uint64_t limit) {
    if (e.size > limit) {
      error("pkg.tag_file_too_large", e.name, {{"size", std::to_string(e.size)}, {"max", std::to_string(limit)}});
      return std::nullopt;
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(e.size));
    if (!stream(za, e, [&](const char* data, std::size_t n) { out.append(data, n); })) return std::nullopt;
    return out;
  }

  // A payload entry streamed through SHA-256.
  std::optional<Sha256Digest> hash_entry(zip_t* za, const Entry& e) {
    Sha256 h;
    if (!stream(za, e, [&](const char* data, std::size_t n) { h.update(data, n); })) return std::nullopt;
    return h.finish();
  }

 private:
  VerifyReport& report_;
};

// [SECTION] The payload's hashes, on every core

// Bytes [at, at + n) of a stored entry, through a window of libzip's. libzip
// checks an entry's CRC-32 only when a source covers the whole entry.
bool read_window(zip_t* za, const Entry& e, std::uint64_t at, std::uint64_t n, char* out) {
  zip_source_t* window = zip_source_zip(za, za, e.index, 0, at, static_cast<zip_int64_t>(n));
  if (window == nullptr) return false;
  bool ok = false;
  if (zip_source_open(window) == 0) {
    ok = zip_source_read(window, out, n) == static_cast<zip_int64_t>(n);
    zip_source_close(window);
  }
  zip_source_free(window);
  return ok;
}

// The SHA-256 of a stored entry, read window by window under `lock` (a
// zip_t is not thread-safe) and hashed outside it; nullopt when a read fails.
std::optional<Sha256Digest> hash_stored(zip_t* za, std::mutex& lock, const Entry& e, std::vector<char>& buffer) {
  Sha256 h;
  for (std::uint64_t at = 0; at < e.size;) {
    auto n = std::min<std::uint64_t>(buffer.size(), e.size - at);
    if (n == e.size && n > 1) --n;  // never the whole entry at once: that would bring the CRC-32 back
    {
      const std::lock_guard<std::mutex> hold(lock);
      if (!read_window(za, e, at, n, buffer.data())) return std::nullopt;
    }
    h.update(buffer.data(), static_cast<std::size_t>(n));
    at += n;
  }
  return h.finish();
}

// The SHA-256 of each stored entry in `listed` (nullopt for the others and
// for nullptr), hashed on `threads` threads (0: one per core). The SHA-256
// against the signed manifest covers every byte of a stored entry, so
// libzip's CRC-32 would be a second checksum over the same bytes: it is left
// out here. A digest that does not match is read again by the caller with
// the CRC-32 (Reader::hash_entry), so that the findings, and their order, do
// not depend on the threads.
std::vector<std::optional<Sha256Digest>> hash_payload(zip_t* za, const std::vector<const Entry*>& listed,
                                                      std::size_t threads) {
  const std::size_t workers = std::clamp<std::size_t>(threads != 0 ? threads : detail::default_workers(), 1,
                                                      std::max<std::size_t>(listed.size(), 1));
  const std::size_t window = detail::kIoBuffer / workers;  // together, the memory one reader used
  std::vector<std::vector<char>> buffers(workers);
  std::vector<std::optional<Sha256Digest>> digests(listed.size());
  // Largest first, so that no thread is left alone with a big entry at the end.
  std::vector<std::size_t> order(listed.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto size = [&](std::size_t i) { return listed[i] != nullptr ? listed[i]->size : 0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return size(a) > size(b); });
  std::mutex lock;
  detail::parallel_for(order.size(), workers, [&](std::size_t worker, std::size_t k) {
    const Entry* e = listed[order[k]];
    if (e == nullptr || !e->stored) return;
    auto& buffer = buffers[worker];
    buffer.resize(std::max<std::size_t>(buffer.size(), static_cast<std::size_t>(std::min<std::uint64_t>(e->size, window))));
    digests[order[k]] = hash_stored(za, lock, *e, buffer);
  });
  return digests;
}

// "hash  path" lines of a BagIt manifest.
std::optional<std::map<std::string, std::string>> parse_manifest(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const auto space = line.find_first_of(" \t");
    if (space != 64) return std::nullopt;
    auto path = line.substr(space);
    while (!path.empty() && (path.front() == ' ' || path.front() == '\t')) path.remove_prefix(1);
    if (path.empty() || !out.emplace(std::string(path), std::string(line.substr(0, 64))).second) return std::nullopt;
  }
  return out;
}

std::map<std::string, std::string> parse_bag_info(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    out[std::string(line.substr(0, colon))] = std::string(value);
  }
  return out;
}

// A name that could escape a folder or mean something else on some system.
bool unsafe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // C:
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = name.find('/', start);
    const auto part = name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part == ".." || part == "." || (part.empty() && end != std::string_view::npos && end + 1 != name.size() + 0 && start != 0)) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20) return true;
  }
  return !count_code_points(name).has_value();
}

// Text from the package as valid UTF-8, each invalid byte replaced by U+FFFD,
// so that a report can always be written as JSON (nlohmann's dump throws on
// invalid UTF-8).
std::string valid_utf8(std::string_view text) {
  if (count_code_points(text)) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t c = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                    static_cast<utf8proc_ssize_t>(text.size() - i), &c);
    const auto length = n > 0 ? static_cast<std::size_t>(n) : 0;
    if (length > 0 && count_code_points(text.substr(i, length))) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// What the report quotes from tag files and entry names, made writable.
void keep_utf8(VerifyReport& report) {
  for (auto* text : {&report.organization, &report.uscc, &report.bagging_date, &report.signature.trusted_comment}) {
    *text = valid_utf8(*text);
  }
  for (auto& f : report.findings) {
    f.where = valid_utf8(f.where);
    for (auto& [name, value] : f.params) value = valid_utf8(value);
  }
}

// The tag files a package may hold besides its payload; the countersignature's
// only beside recommendation.json.
bool known_tag_file(std::string_view name, bool countersigned) {
  for (const std::string_view tag : {std::string_view("bagit.txt"), std::string_view("bag-info.txt"), detail::kManifest,
                                     detail::kTagManifest, detail::kSignature, detail::kSignerKey}) {
    if (name == tag) return true;
  }
  return countersigned &&
         (name == detail::kRecommendation || name == detail::kRecommendationSig || name == detail::kOfficeKey);
}

// Names, and the folders in them, that differ only in case (or Unicode
// form) unpack onto one file or folder where names are compared without case
// (Windows, macOS).
class CaseCollisions {
 public:
  // The name seen before that `name` or one of its folders collides with.
  std::optional<std::string> add(const std::string& name) {
    for (std::size_t end = name.find('/');; end = name.find('/', end + 1)) {
      const std::string part = end == std::string::npos ? name : name.substr(0, end + 1);
      if (const auto folded = nfc_casefold(part)) {
        const auto [it, inserted] = seen_.emplace(*folded, part);
        if (!inserted && it->second != part) return it->second;
      }
      if (end == std::string::npos || end + 1 == name.size()) return std::nullopt;
    }
  }

 private:
  std::map<std::string, std::string> seen_;  // folded -> as first seen
};

VerifyReport verify_archive(const std::string& path, const VerifyContext& ctx) {
  VerifyReport report;
  Reader r(report);
  Archive archive;
  int code = 0;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive.za == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    r.error("pkg.not_a_zip", "", {{"detail", zip_error_strerror(&e)}});
    zip_error_fini(&e);
    return report;
  }
  zip_t* za = archive.za;
  const auto count = zip_get_num_entries(za, 0);
  report.entries = count < 0 ? 0 : static_cast<std::size_t>(count);
  if (count <= 0 || static_cast<std::uint64_t>(count) > ctx.limits.max_entries) {
    r.error("pkg.entry_count", "", {{"found", std::to_string(count)}, {"max", std::to_string(ctx.limits.max_entries)}});
    return report;
  }
  report.readable = true;

  // [SECTION] 1. Names, kinds, sizes: before anything is read.
  std::map<std::string, Entry> entries;  // by name inside the root
  std::set<std::string> folders;         // folder entries, by name inside the root ("data/")
  std::set<std::string> normalized;
  CaseCollisions collisions;
  std::string root;
  std::uint64_t total = 0;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    const char* raw = zip_get_name(za, i, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    if (raw == nullptr || zip_stat_index(za, i, 0, &st) != 0) {
      r.error("pkg.entry_unreadable", "#" + std::to_string(i), {{"detail", zip_strerror(za)}});
      continue;
    }
    const std::string name = raw;
    if ((st.valid & ZIP_STAT_NAME) && std::string_view(st.name).size() != name.size()) {
      r.error("pkg.unsafe_name", name);
      continue;
    }
    if (unsafe_name(name)) {
      r.error("pkg.unsafe_name", name);
      continue;
    }
    const auto normal = nfc(name);
    if (!normal || *normal != name) r.error("pkg.name_not_nfc", name);
    if (normal && !normalized.insert(*normal).second) {
      r.error("pkg.duplicate_entry", name);
    } else if (const auto other = collisions.add(name)) {
      r.error("pkg.case_collision", name, {{"other", *other}});
    }
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX &&
        ((attributes >> 16) & S_IFMT) == S_IFLNK) {
      r.error("pkg.symlink", name);
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      r.error("pkg.encrypted", name);
      continue;
    }
    if (st.size > ctx.limits.max_entry_bytes) {
      r.error("pkg.entry_too_large", name, {{"size", std::to_string(st.size)}, {"max", std::to_string(ctx.limits.max_entry_bytes)}});
      continue;
    }
    if (st.size > (1u << 20) && st.comp_size > 0 && st.size / st.comp_size > ctx.limits.max_ratio) {
      r.error("pkg.compression_ratio", name, {{"ratio", std::to_string(st.size / st.comp_size)}});
      continue;
    }
    total += st.size;
    const auto slash = name.find('/');
    const std::string top = name.substr(0, slash);
    if (root.empty()) root = top;
    if (slash == std::string::npos || top != root) {
      r.error("pkg.not_one_folder", name);
      continue;
    }
    const std::string inner = name.substr(slash + 1);
    if (inner.empty() || inner.back() == '/') {  // a folder entry
      if (!inner.empty()) folders.insert(inner);
      continue;
    }
    const bool stored = (st.valid & ZIP_STAT_COMP_METHOD) && (st.valid & ZIP_STAT_COMP_SIZE) &&
                        st.comp_method == ZIP_CM_STORE && st.comp_size == st.size;
    entries[inner] = Entry{i, inner, st.size, stored};
    // Made by another tool, a name may not unpack everywhere: said, not refused.
    if (inner.starts_with(detail::kPayloadDir)) {
      const std::string leaf = inner.substr(detail::kPayloadDir.size());
      if (detail::name_problem(leaf, leaf, "", ctx.limits)) r.warning("pkg.unportable_name", inner);
    }
  }
  if (total > ctx.limits.max_total_bytes) {
    r.error("pkg.too_large", "", {{"size", std::to_string(total)}, {"max", std::to_string(ctx.limits.max_total_bytes)}});
  }
  if (r.has_errors()) return report;  // unsafe: read nothing
  report.package_id = root;

  // [SECTION] 2. The BagIt tag files.
  // Tag files are read once each (the tag manifest checks them again).
  std::map<std::string, std::optional<std::string>> tag_texts;
  auto tag = [&](std::string_view name) -> std::optional<std::string> {
    const std::string key(name);
    if (const auto cached = tag_texts.find(key); cached != tag_texts.end()) return cached->second;
    const auto it = entries.find(key);
    if (it == entries.end()) {
      r.error("pkg.missing_file", key);
      return tag_texts[key] = std::nullopt;
    }
    return tag_texts[key] = r.read_small(za, it->second, ctx.limits.max_tag_file_bytes);
  };
  const auto bagit = tag("bagit.txt");
  if (bagit && *bagit != detail::kBagitTxt) r.error("pkg.bad_bagit_txt", "bagit.txt");
  const auto bag_info_text = tag("bag-info.txt");
  if (bag_info_text && !count_code_points(*bag_info_text)) r.error("pkg.tag_not_utf8", "bag-info.txt");
  const auto manifest_text = tag(detail::kManifest);
  const auto tagmanifest_text = tag(detail::kTagManifest);
  const auto signature_text = tag(detail::kSignature);
  const auto signer_text = tag(detail::kSignerKey);
  std::map<std::string, std::string> bag_info;
  if (bag_info_text) {
    bag_info = parse_bag_info(*bag_info_text);
    report.organization = bag_info["Source-Organization"];
    report.uscc = bag_info["Organization-Credit-Code"];
    report.bagging_date = bag_info["Bagging-Date"];
    if (bag_info["External-Identifier"] != root) r.error("pkg.id_mismatch", "bag-info.txt", {{"found", bag_info["External-Identifier"]}});
  }

  // [SECTION] 3. The payload: every file listed, every listed file present, every hash.
  if (manifest_text) {
    const auto manifest = parse_manifest(*manifest_text);
    if (!manifest) {
      r.error("pkg.bad_manifest", std::string(detail::kManifest));
    } else {
      // Nothing may ride along unsigned: every entry is a tag file or listed,
      // every folder entry holds one of them.
      const bool countersigned = entries.count(std::string(detail::kRecommendation)) != 0;
      for (const auto& [name, entry] : entries) {
        if (!manifest->count(name) && !known_tag_file(name, countersigned)) r.error("pkg.unlisted_file", name);
      }
      for (const auto& folder : folders) {
        const auto inside = entries.lower_bound(folder);
        if (inside == entries.end() || inside->first.rfind(folder, 0) != 0) r.error("pkg.unlisted_file", folder);
      }
      // Every listed file's entry, in the manifest's order (nullptr: missing).
      std::vector<const Entry*> listed;
      for (const auto& [name, expected] : *manifest) {
        const auto it = entries.find(name);
        listed.push_back(name.rfind("data/", 0) == 0 && it != entries.end() ? &it->second : nullptr);
      }
      const auto digests = hash_payload(za, listed, ctx.threads);
      std::uint64_t bytes = 0;
      std::size_t k = 0;
      for (const auto& [name, expected] : *manifest) {
        const Entry* entry = listed[k];
        const auto& digest = digests[k++];
        if (entry == nullptr) {
          r.error("pkg.listed_file_missing", name);
          continue;
        }
        bytes += entry->size;
        if (digest && to_hex(*digest) == expected) continue;
        // Not proved good: read again the careful way, which says what is wrong.
        const auto again = r.hash_entry(za, *entry);
        if (again && to_hex(*again) != expected) r.error("pkg.hash_mismatch", name);
      }
      report.payload_bytes = bytes;
      report.payload_files = manifest->size();
      const std::string oxum = std::to_string(bytes) + "." + std::to_string(manifest->size());
      if (bag_info_text && bag_info["Payload-Oxum"] != oxum) {
        r.error("pkg.oxum_mismatch", "bag-info.txt", {{"found", bag_info["Payload-Oxum"]}, {"expected", oxum}});
      }
    }
  }

  // [SECTION] 4. The tag manifest and the signature over it.
  if (tagmanifest_text) {
    report.tagmanifest_sha256 = to_hex(Sha256::of(*tagmanifest_text));
    const auto tags = parse_manifest(*tagmanifest_text);
    if (!tags) {
      r.error("pkg.bad_manifest", std::string(detail::kTagManifest));
    } else {
      for (const char* required : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "signer.pub"}) {
        if (!tags->count(required)) r.error("pkg.tag_not_covered", required);
      }
      for (const auto& [name, expected] : *tags) {
        if (!entries.count(name)) {
          r.error("pkg.listed_file_missing", name);
          continue;
        }
        const auto text = tag(name);
        if (text && to_hex(Sha256::of(*text)) != expected) r.error("pkg.hash_mismatch", name);
      }
    }
  }
  if (signature_text && tagmanifest_text && signer_text) {
    report.signature.present = true;
    auto embedded = parse_public_key(*signer_text);
    if (!embedded.ok()) r.error("pkg.bad_signer_key", std::string(detail::kSignerKey));
    const PublicKey* key = ctx.expected_key != nullptr ? ctx.expected_key : (embedded.ok() ? &embedded.value() : nullptr);
    if (ctx.expected_key != nullptr && embedded.ok() && embedded.value().key != ctx.expected_key->key) {
      r.error("pkg.signer_not_expected", std::string(detail::kSignerKey),
              {{"found", embedded.value().key_id_hex()}, {"expected", ctx.expected_key->key_id_hex()}});
    }
    if (key != nullptr) {
      report.signature.key_id = key->key_id_hex();
      report.signature.fingerprint = key->fingerprint();
      const auto checked = verify_minisign(*tagmanifest_text, *signature_text, *key);
      if (!checked.ok()) {
        r.signature_error(checked.diagnostics(), std::string(detail::kSignature));
      } else {
        report.signature.valid = true;
        report.signature.trusted_comment = checked.value().trusted_comment;
        const auto& comment = checked.value().trusted_comment;
        if (comment.find(root) == std::string::npos || (!report.uscc.empty() && comment.find(report.uscc) == std::string::npos)) {
          r.error("pkg.comment_mismatch", std::string(detail::kSignature), {{"found", comment}});
        }
      }
    }
  }

  // [SECTION] 5. The application: eligibility run again, the publicity period.
  const auto app_it = entries.find(std::string(detail::kApplication));
  std::optional<std::string> app_text;
  if (app_it != entries.end()) app_text = r.read_small(za, app_it->second, ctx.limits.max_application_bytes);
  else r.error("pkg.missing_file", std::string(detail::kApplication));
  if (app_text) detail::recheck_application(*app_text, ctx, report);

  // [SECTION] 6. A district office's countersignature, if any.
  if (entries.count(std::string(detail::kRecommendation))) {
    const auto text = tag(detail::kRecommendation);
    const auto sig = tag(detail::kRecommendationSig);
    const auto key_text = tag(detail::kOfficeKey);
    if (text && sig && key_text) {
      detail::check_countersignature(*text, *sig, *key_text, ctx, report);
    } else {
      Countersignature cs;
      cs.signature.present = true;
      report.countersignatures.push_back(cs);
    }
  }
  report.valid = !r.has_errors();
  return report;
}

}  // namespace

VerifyReport verify_package(const std::string& path, const VerifyContext& ctx) {
  auto report = verify_archive(path, ctx);
  keep_utf8(report);
  return report;
}

namespace detail {

namespace {

// Objections against the packaging time (Article 13): one resolved before it
// was received, or one still open when the package was made, is for the
// reviewer to look at.
void check_objections(const PublicityRecord& record, const std::optional<DateTime>& created, Reader& r) {
  const std::string entry(kApplication);
  if (!created) return;
  for (std::size_t i = 0; i < record.objections.size(); ++i) {
    const auto& o = record.objections[i];
    const auto path = "/publicity/objections/" + std::to_string(i);
    for (const auto problem : objection_problems(o, created->date)) {
      switch (problem) {
        case ObjectionProblem::forwarded_before_received:
          r.warning("pkg.objection_forwarded_before_received", entry,
                    {{"path", path}, {"received", to_string(o.received_on)}, {"forwarded", to_string(*o.forwarded_on)}});
          break;
        case ObjectionProblem::resolved_before_received:
          r.warning("pkg.objection_resolved_before_received", entry,
                    {{"path", path}, {"received", to_string(o.received_on)}, {"resolved", to_string(*o.resolved_on)}});
          break;
        case ObjectionProblem::open:
          r.warning("pkg.objection_unresolved", entry, {{"path", path}, {"received", to_string(o.received_on)}, {"created", to_iso(*created)}});
          break;
      }
    }
  }
}

}  // namespace

void recheck_application(std::string_view application_json, const VerifyContext& ctx, VerifyReport& report) {
  Reader r(report);
  const std::string entry(kApplication);
  const auto parsed = parse_json(application_json);
  if (!parsed.ok()) {
    r.json_errors(parsed.diagnostics(), entry);
    return;
  }
  const auto& app = parsed.value();
  if (!app.is_object()) {
    r.error("pkg.bad_application", entry);
    return;
  }
  // Every member is read by its type: a wrong one is a finding naming its
  // path, what was found and what was expected; nothing throws.
  JsonReader json;
  const nlohmann::json none = nlohmann::json::object();
  const auto* eligibility = json.object(app, "", "eligibility");
  const auto& e = eligibility != nullptr ? *eligibility : none;
  report.edition = json.string(e, "/eligibility", "edition").value_or("");
  report.recorded_eligibility = json.string(e, "/eligibility", "outcome").value_or("");
  report.forced = json.boolean(e, "/eligibility", "forced").value_or(false);
  const auto date = json.date(e, "/eligibility", "date");
  std::optional<DateTime> created;
  if (const auto text = json.string(app, "", "created")) {
    created = parse_datetime(*text);
    if (!created) json.error("input.bad_datetime", "/created", {{"found", *text}});
  }
  const auto* profile_json = json.object(app, "", "profile");
  std::optional<PublicityRecord> record;
  if (const auto* publicity = json.member(app, "publicity")) {
    auto read = publicity_record_from_json(*publicity, "/publicity");
    r.json_errors(read.diagnostics(), entry);
    if (read.ok()) record = std::move(read).value();
  }
  if (const auto* list = json.array(app, "", "attachments")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto at = "/attachments/" + std::to_string(i);
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        json.error("input.wrong_type", at, {{"found", describe(item)}, {"expected", "{ ... }"}});
        continue;
      }
      const auto file = json.string(item, at, "file");
      if (json.boolean(item, at, "trade_secret").value_or(false)) report.trade_secret_files.push_back(file.value_or(""));
    }
  }
  if (const auto* summary = json.object(app, "", "assessment_summary")) {
    if (const auto* total = json.member(*summary, "total")) {
      if (total->is_number()) report.assessment_total = total->get<double>();
      else json.error("input.wrong_type", "/assessment_summary/total", {{"found", describe(*total)}, {"expected", "439.5"}});
    }
  }
  auto rules = load_edition(report.edition, ctx.editions);
  if (rules.ok() && !date && json.member(e, "date") == nullptr) {
    json.error("input.missing_field", "/eligibility/date", {{"expected", "YYYY-MM-DD"}});
  }
  r.json_errors(json.diagnostics, entry);
  auto profile = profile_from_json(profile_json != nullptr ? *profile_json : none, "/profile");
  r.json_errors(profile.diagnostics(), entry);

  // The eligibility run again, the identity, the publicity period.
  if (!rules.ok()) {
    r.warning("pkg.unknown_edition", entry, {{"edition", report.edition}});
  } else if (profile.ok() && date) {
    const auto rerun = evaluate_eligibility(profile.value(), rules.value(), *date);
    report.rerun_eligibility = rerun.ok() ? to_string(rerun.value().outcome) : "error";
    if (report.rerun_eligibility != report.recorded_eligibility) {
      r.error("pkg.eligibility_differs", entry, {{"recorded", report.recorded_eligibility}, {"rerun", report.rerun_eligibility}});
    }
    if (report.rerun_eligibility == "not_eligible") r.warning("pkg.not_eligible_inside", "", {{"forced", report.forced ? "true" : "false"}});
    if (profile.value().organization.uscc.value_or("") != report.uscc) r.error("pkg.identity_differs", entry);
    // The publicity period against the calendar: complete before packaging?
    report.publicity_state = "missing";
    if (record && record->posted_at && created && ctx.calendar != nullptr) {
      PublicityOptions options;
      options.working_days = rules.value().procedure.publicity_working_days;
      options.posting_day_counts = record->posting_day_counts;
      options.close_of_business = record->close_of_business;
      options.region = record->region;
      const auto period = compute_publicity(*ctx.calendar, *record->posted_at, options);
      report.publicity_end = to_iso(period.end);
      report.publicity_state = *created >= period.end ? "complete" : "not_complete";
      if (report.publicity_state == "not_complete") {
        r.warning("pkg.publicity_not_complete", "", {{"end", report.publicity_end}, {"created", to_iso(*created)}});
      }
    }
    if (report.publicity_state == "missing") r.warning("pkg.publicity_missing");
  }
  if (record) check_objections(*record, created, r);
}

void check_countersignature(std::string_view recommendation_json, std::string_view signature,
                            std::string_view office_key, const VerifyContext& ctx, VerifyReport& report) {
  Reader r(report);
  const std::string entry(kRecommendation);
  Countersignature cs;
  cs.signature.present = true;
  const auto parsed = parse_json(recommendation_json);
  auto key = parse_public_key(office_key);
  if (!parsed.ok()) r.json_errors(parsed.diagnostics(), entry);
  else if (!parsed.value().is_object()) r.error("pkg.bad_recommendation", entry);
  if (!key.ok()) r.error("pkg.bad_recommendation", std::string(kOfficeKey));
  if (!parsed.ok() || !parsed.value().is_object() || !key.ok()) {
    report.countersignatures.push_back(cs);
    return;
  }
  const auto& doc = parsed.value();
  JsonReader json;
  cs.unit = json.string(doc, "", "unit").value_or("");
  cs.opinion = json.string(doc, "", "opinion").value_or("");
  cs.date = json.string(doc, "", "date").value_or("");
  const auto bound = json.string(doc, "", "applicant_tagmanifest_sha256");
  cs.binds_applicant = bound && !report.tagmanifest_sha256.empty() && *bound == report.tagmanifest_sha256;
  r.json_errors(json.diagnostics, entry);
  cs.signature.key_id = key.value().key_id_hex();
  cs.signature.fingerprint = key.value().fingerprint();
  // A pinned office key is the one the signature must verify with, whatever
  // office.pub says (anyone can make a key and call themselves the office).
  const PublicKey* pinned = ctx.expected_office_key;
  if (pinned != nullptr && key.value().key != pinned->key) {
    r.error("pkg.office_key_not_pinned", std::string(kOfficeKey),
            {{"found", key.value().key_id_hex()}, {"expected", pinned->key_id_hex()}});
  }
  const auto checked = verify_minisign(recommendation_json, signature, pinned != nullptr ? *pinned : key.value());
  cs.signature.valid = checked.ok();
  cs.key_pinned = pinned != nullptr && key.value().key == pinned->key && checked.ok();
  if (!checked.ok()) r.signature_error(checked.diagnostics(), std::string(kRecommendationSig));
  if (!cs.binds_applicant) r.error("pkg.recommendation_unbound", entry);
  report.countersignatures.push_back(cs);
}

}  // namespace detail

nlohmann::json to_json(const VerifyReport& report, const Catalog& zh, const Catalog& en) {
  auto signature = [](const SignatureReport& s) {
    return nlohmann::json{{"present", s.present}, {"valid", s.valid}, {"key_id", s.key_id},
                          {"fingerprint", s.fingerprint}, {"trusted_comment", s.trusted_comment}};
  };
  nlohmann::json out = {{"valid", report.valid},
                        {"readable", report.readable},
                        {"package_id", report.package_id},
                        {"organization", report.organization},
                        {"uscc", report.uscc},
                        {"bagging_date", report.bagging_date},
                        {"entries", report.entries},
                        {"payload", {{"bytes", report.payload_bytes}, {"files", report.payload_files}}},
                        {"signature", signature(report.signature)},
                        {"eligibility", {{"edition", report.edition}, {"recorded", report.recorded_eligibility},
                                         {"rerun", report.rerun_eligibility}, {"forced", report.forced}}},
                        {"publicity", {{"state", report.publicity_state}, {"end", report.publicity_end}}},
                        {"trade_secret_files", report.trade_secret_files},
                        {"tagmanifest_sha256", report.tagmanifest_sha256},
                        {"countersignatures", nlohmann::json::array()},
                        {"findings", nlohmann::json::array()}};
  out["assessment_total"] = report.assessment_total ? nlohmann::json(*report.assessment_total) : nlohmann::json(nullptr);
  for (const auto& c : report.countersignatures) {
    out["countersignatures"].push_back({{"unit", c.unit}, {"opinion", c.opinion}, {"date", c.date},
                                        {"binds_applicant", c.binds_applicant}, {"key_pinned", c.key_pinned},
                                        {"signature", signature(c.signature)}});
  }
  for (const auto& f : report.findings) {
    Params params = f.params;
    params["where"] = f.where;
    out["findings"].push_back({{"severity", f.severity == Severity::error ? "error" : "warning"}, {"key", f.key},
                               {"where", f.where}, {"params", f.params},
                               {"message", {{"zh", zh.text(f.key, params)}, {"en", en.text(f.key, params)}}}});
  }
  return out;
}

VerifyReport verify_report_from_json(const nlohmann::json& j) {
  VerifyReport r;
  if (!j.is_object()) return r;
  auto text = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
  };
  auto flag = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_boolean() && o[key].get<bool>();
  };
  auto object = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_object() ? o[key] : nlohmann::json::object();
  };
  auto number = [](const nlohmann::json& o, const char* key) -> std::uint64_t {
    return o.is_object() && o.contains(key) && o[key].is_number_unsigned() ? o[key].get<std::uint64_t>() : 0;
  };
  auto signature = [&](const nlohmann::json& o) {
    return SignatureReport{flag(o, "present"), flag(o, "valid"), text(o, "key_id"), text(o, "fingerprint"),
                           text(o, "trusted_comment")};
  };
  r.valid = flag(j, "valid");
  r.readable = flag(j, "readable");
  r.package_id = text(j, "package_id");
  r.organization = text(j, "organization");
  r.uscc = text(j, "uscc");
  r.bagging_date = text(j, "bagging_date");
  r.entries = static_cast<std::size_t>(number(j, "entries"));
  r.payload_bytes = number(object(j, "payload"), "bytes");
  r.payload_files = static_cast<std::size_t>(number(object(j, "payload"), "files"));
  r.signature = signature(object(j, "signature"));
  const auto eligibility = object(j, "eligibility");
  r.edition = text(eligibility, "edition");
  r.recorded_eligibility = text(eligibility, "recorded");
  r.rerun_eligibility = text(eligibility, "rerun");
  r.forced = flag(eligibility, "forced");
  r.publicity_state = text(object(j, "publicity"), "state");
  r.publicity_end = text(object(j, "publicity"), "end");
  r.tagmanifest_sha256 = text(j, "tagmanifest_sha256");
  if (j.contains("assessment_total") && j["assessment_total"].is_number()) r.assessment_total = j["assessment_total"].get<double>();
  if (j.contains("trade_secret_files") && j["trade_secret_files"].is_array()) {
    for (const auto& f : j["trade_secret_files"]) {
      if (f.is_string()) r.trade_secret_files.push_back(f.get<std::string>());
    }
  }
  if (j.contains("countersignatures") && j["countersignatures"].is_array()) {
    for (const auto& c : j["countersignatures"]) {
      r.countersignatures.push_back(Countersignature{signature(object(c, "signature")), text(c, "unit"), text(c, "opinion"),
                                                     text(c, "date"), flag(c, "binds_applicant"), flag(c, "key_pinned")});
    }
  }
  if (j.contains("findings") && j["findings"].is_array()) {
    for (const auto& f : j["findings"]) {
      Finding finding;
      finding.severity = text(f, "severity") == "warning" ? Severity::warning : Severity::error;
      finding.key = text(f, "key");
      finding.where = text(f, "where");
      if (f.is_object() && f.contains("params") && f["params"].is_object()) {
        for (const auto& [k, v] : f["params"].items()) {
          if (v.is_string()) finding.params[k] = v.get<std::string>();
        }
      }
      r.findings.push_back(std::move(finding));
    }
  }
  return r;
}

namespace {

Result<std::string> countersign_to(const std::string& in_path, const detail::Output& target,
                                   const CountersignRequest& request, const VerifyContext& context) {
  const auto report = verify_package(in_path, context);
  if (!report.valid) return std::vector{make_error("pkg.countersign_invalid", "", {{"file", in_path}})};
  if (!report.countersignatures.empty()) return std::vector{make_error("pkg.already_countersigned", "", {{"file", in_path}})};
  Archive in;
  int code = 0;
  in.za = zip_open(in_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (in.za == nullptr) return std::vector{make_error("pkg.not_a_zip", "", {{"detail", in_path}})};
  zip_t* out = detail::open_output(target);
  if (out == nullptr) return std::vector{make_error("pkg.cannot_write", "", {{"file", target.name()}})};
  const auto mtime = static_cast<time_t>(detail::zip_time(request.now));
  const std::string root = report.package_id + "/";
  bool failed = false;
  const auto count = zip_get_num_entries(in.za, 0);
  for (zip_int64_t i = 0; i < count && !failed; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_index(in.za, index, 0, &st);
    zip_source_t* source = zip_source_zip(out, in.za, index, 0, 0, -1);
    const auto added = source ? zip_file_add(out, zip_get_name(in.za, index, ZIP_FL_ENC_RAW), source, ZIP_FL_ENC_UTF_8) : -1;
    if (added < 0) {
      if (source) zip_source_free(source);
      failed = true;
      break;
    }
    const auto a = static_cast<zip_uint64_t>(added);
    zip_set_file_compression(out, a, ZIP_CM_STORE, 0);
    zip_file_set_mtime(out, a, st.mtime, 0);
    zip_file_set_external_attributes(out, a, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  }
  const nlohmann::json recommendation = {{"format", "qaward-recommendation/1"},
                                         {"package_id", report.package_id},
                                         {"organization", report.organization},
                                         {"uscc", report.uscc},
                                         {"unit", request.unit},
                                         {"opinion", request.opinion},
                                         {"date", to_iso(request.now)},
                                         {"applicant_key_id", report.signature.key_id},
                                         {"applicant_tagmanifest_sha256", report.tagmanifest_sha256},
                                         {"article", "《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项：审核推荐意见"}};
  const std::string text = recommendation.dump(2) + "\n";
  const std::string sig = sign_minisign(text, *request.key,
                                        "qaward recommendation " + report.package_id + " by " + request.unit + " time " + to_iso(request.now));
  const std::string office = public_key_file(request.key->public_key);
  // zip_source_buffer does not copy: the strings live until zip_close below.
  for (const auto& [name, content] : {std::pair<std::string_view, const std::string*>{detail::kRecommendation, &text},
                                      {detail::kRecommendationSig, &sig}, {detail::kOfficeKey, &office}}) {
    if (failed) break;
    zip_source_t* source = zip_source_buffer(out, content->data(), content->size(), 0);
    const auto added = source ? zip_file_add(out, (root + std::string(name)).c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (added < 0) {
      if (source) zip_source_free(source);
      failed = true;
      break;
    }
    zip_set_file_compression(out, static_cast<zip_uint64_t>(added), ZIP_CM_STORE, 0);
    zip_file_set_mtime(out, static_cast<zip_uint64_t>(added), mtime, 0);
    zip_file_set_external_attributes(out, static_cast<zip_uint64_t>(added), 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  }
  if (failed || zip_close(out) != 0) {
    const std::string reason = target.failure(failed ? nullptr : out);
    detail::discard_output(out, target);
    return std::vector{make_error("pkg.write_failed", "", {{"file", target.name()}, {"detail", reason}})};
  }
  return report.package_id;
}

}  // namespace

Result<std::string> countersign_package(const std::string& in_path, const std::string& out_path,
                                        const CountersignRequest& request, const VerifyContext& context) {
  return countersign_to(in_path, detail::Output{out_path}, request, context);
}

Result<std::string> countersign_package(const std::string& in_path, PackageSink& out, const CountersignRequest& request,
                                        const VerifyContext& context) {
  return countersign_to(in_path, detail::Output{"", &out}, request, context);
}

}  // namespace qaward
