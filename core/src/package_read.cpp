// The package reader: untrusted input. Names, sizes and ratios are checked
// before anything is read; every read is bounded; every failure is a finding
// that says what and where. Nothing is extracted: entries are read in memory
// (tag files, capped) or streamed through the hash (payload).
//
// verify_package runs the stages listed in package_verify.hpp; this file
// holds the three that read the archive (container, bag, signature) and the
// reading they share. Each stage reports codes (qaward/verify_problem.hpp).
#include <utf8proc.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <sys/stat.h>

#include "package_common.hpp"
#include "package_verify.hpp"
#include "parallel.hpp"
#include "qaward/hash.hpp"
#include "qaward/package.hpp"
#include "qaward/text.hpp"

namespace qaward {

namespace {

using detail::Findings;

using detail::Archive;

struct Entry {
  zip_uint64_t index = 0;
  std::string name;  // inside the root folder
  zip_uint64_t size = 0;
  // Not compressed, with its CRC-32 known: its bytes in the archive are its
  // content, hashed in parallel windows (hash_payload).
  bool stored = false;
  std::uint32_t crc = 0;  // the central directory's CRC-32 (when stored)
};

// [SECTION] Reading one entry

// Streams an entry to `take` in chunks, never more than its declared size
// (a larger stream is a lie in the headers); libzip checks the CRC-32 at the
// end.
template <class Take>
bool stream(zip_t* za, const Entry& e, Findings& findings, Take take) {
  zip_file_t* f = zip_fopen_index(za, e.index, 0);
  if (f == nullptr) {
    findings.add(VerifyProblem::entry_unreadable, e.name, {{"detail", zip_strerror(za)}});
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
    findings.add(VerifyProblem::entry_corrupt, e.name, {{"detail", failed ? detail : "size"}});
    return false;
  }
  return true;
}

// A small entry read whole, at most `limit` bytes.
std::optional<std::string> read_small(zip_t* za, const Entry& e, std::uint64_t limit, Findings& findings) {
  if (e.size > limit) {
    findings.add(VerifyProblem::tag_file_too_large, e.name, {{"size", std::to_string(e.size)}, {"max", std::to_string(limit)}});
    return std::nullopt;
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(e.size));
  if (!stream(za, e, findings, [&](const char* data, std::size_t n) { out.append(data, n); })) return std::nullopt;
  return out;
}

// A payload entry streamed through SHA-256 (and libzip's CRC-32 check).
std::optional<Sha256Digest> hash_entry(zip_t* za, const Entry& e, Findings& findings) {
  Sha256 h;
  if (!stream(za, e, findings, [&](const char* data, std::size_t n) { h.update(data, n); })) return std::nullopt;
  return h.finish();
}

// [SECTION] The payload's hashes, on every core

}  // namespace

bool detail::read_window(zip_t* za, zip_uint64_t index, std::uint64_t at, std::uint64_t n, char* out) {
  zip_source_t* window = zip_source_zip(za, za, index, 0, at, static_cast<zip_int64_t>(n));
  if (window == nullptr) return false;
  bool ok = false;
  if (zip_source_open(window) == 0) {
    ok = zip_source_read(window, out, n) == static_cast<zip_int64_t>(n);
    zip_source_close(window);
  }
  zip_source_free(window);
  return ok;
}

namespace {

// Both checksums of one entry's content.
struct PayloadDigest {
  Sha256Digest sha256;
  std::uint32_t crc32 = 0;
};

// Each read window is hashed in pieces this size, SHA-256 then CRC-32 over
// the same piece while it is still in the core's cache: one pass over memory.
constexpr std::size_t kHashPiece = 256u << 10;

// The SHA-256 and CRC-32 of a stored entry, read window by window under
// `lock` (a zip_t is not thread-safe) and hashed outside it; nullopt when a
// read fails. The windows of one entry are hashed in order, so the CRC-32
// simply goes on from one to the next.
std::optional<PayloadDigest> hash_stored(zip_t* za, std::mutex& lock, const Entry& e, std::vector<char>& buffer) {
  Sha256 h;
  uLong crc = crc32(0, nullptr, 0);
  for (std::uint64_t at = 0; at < e.size;) {
    auto n = std::min<std::uint64_t>(buffer.size(), e.size - at);
    // Never the whole entry in one window: libzip would check the CRC-32
    // again (computed here, in the same pass as the SHA-256).
    if (n == e.size && n > 1) --n;
    {
      const std::lock_guard<std::mutex> hold(lock);
      if (!detail::read_window(za, e.index, at, n, buffer.data())) return std::nullopt;
    }
    for (std::size_t done = 0; done < n;) {
      const auto piece = std::min<std::size_t>(kHashPiece, static_cast<std::size_t>(n) - done);
      h.update(buffer.data() + done, piece);
      crc = crc32_z(crc, reinterpret_cast<const Bytef*>(buffer.data() + done), piece);
      done += piece;
    }
    at += n;
  }
  return PayloadDigest{h.finish(), static_cast<std::uint32_t>(crc)};
}

// The digests of each stored entry in `listed` (nullopt for the others and
// for nullptr), hashed on `threads` threads (0: one per core). A digest that
// does not match is read again by the caller through libzip (hash_entry), so
// that the findings, and their order, do not depend on the threads.
std::vector<std::optional<PayloadDigest>> hash_payload(zip_t* za, const std::vector<const Entry*>& listed,
                                                       std::size_t threads) {
  const std::size_t workers = std::clamp<std::size_t>(threads != 0 ? threads : detail::default_workers(), 1,
                                                      std::max<std::size_t>(listed.size(), 1));
  const std::size_t window = detail::kIoBuffer / workers;  // together, the memory one reader used
  std::vector<std::vector<char>> buffers(workers);
  std::vector<std::optional<PayloadDigest>> digests(listed.size());
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

// A CRC-32 as unzip and 7-Zip print it.
std::string crc_hex(std::uint32_t crc) {
  char text[9];
  std::snprintf(text, sizeof text, "%08x", crc);
  return text;
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

// [SECTION] Stage 1: container safety

// The package as opened: its entries by name inside the root folder, and
// each tag file once read (the tag manifest checks them again).
struct Contents {
  zip_t* za = nullptr;
  std::string root;
  std::map<std::string, Entry> entries;
  std::set<std::string> folders;  // folder entries, by name inside the root ("data/")
  std::map<std::string, std::optional<std::string>> tag_texts;

  [[nodiscard]] bool has(std::string_view name) const { return entries.count(std::string(name)) != 0; }

  // A tag file's text, read once; nullopt (and a finding) when it is
  // missing or cannot be read.
  std::optional<std::string> tag(std::string_view name, const PackageLimits& limits, Findings& findings) {
    const std::string key(name);
    if (const auto cached = tag_texts.find(key); cached != tag_texts.end()) return cached->second;
    const auto it = entries.find(key);
    if (it == entries.end()) {
      findings.add(VerifyProblem::missing_file, key);
      return tag_texts[key] = std::nullopt;
    }
    return tag_texts[key] = read_small(za, it->second, limits.max_tag_file_bytes, findings);
  }
};

// The archive libzip opened (`archive.za`, or `code` says why not: its
// central and local headers must agree, ZIP_CHECKCONS), if it holds a
// number of entries within the limit.
zip_t* open_container(int code, const VerifyContext& ctx, Archive& archive, VerifyReport& report, Findings& findings) {
  if (archive.za == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    findings.add(VerifyProblem::not_a_zip, "", {{"detail", zip_error_strerror(&e)}});
    zip_error_fini(&e);
    return nullptr;
  }
  const auto count = zip_get_num_entries(archive.za, 0);
  report.entries = count < 0 ? 0 : static_cast<std::size_t>(count);
  if (count <= 0 || static_cast<std::uint64_t>(count) > ctx.limits.max_entries) {
    findings.add(VerifyProblem::entry_count, "", {{"found", std::to_string(count)}, {"max", std::to_string(ctx.limits.max_entries)}});
    return nullptr;
  }
  report.readable = true;
  return archive.za;
}

// Names, kinds, sizes, before anything is read: no name that escapes the
// folder or collides with another where case is ignored, no links, no
// encryption, sizes and compression ratios within the limits, one top-level
// folder. libzip hands out such names unchanged, so the reader refuses them
// itself. False when the package is unsafe to read any further.
bool check_container(zip_t* za, const VerifyContext& ctx, Contents& contents, Findings& findings) {
  contents.za = za;
  std::set<std::string> normalized;
  CaseCollisions collisions;
  std::uint64_t total = 0;
  const auto count = static_cast<zip_uint64_t>(zip_get_num_entries(za, 0));
  for (zip_uint64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(za, i, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    if (raw == nullptr || zip_stat_index(za, i, 0, &st) != 0) {
      findings.add(VerifyProblem::entry_unreadable, "#" + std::to_string(i), {{"detail", zip_strerror(za)}});
      continue;
    }
    const std::string name = raw;
    // A NUL inside the name (libzip's decoded name is shorter), or a path that escapes.
    if (((st.valid & ZIP_STAT_NAME) && std::string_view(st.name).size() != name.size()) || unsafe_name(name)) {
      findings.add(VerifyProblem::unsafe_name, name);
      continue;
    }
    const auto normal = nfc(name);
    if (!normal || *normal != name) findings.add(VerifyProblem::name_not_nfc, name);
    if (normal && !normalized.insert(*normal).second) {
      findings.add(VerifyProblem::duplicate_entry, name);
    } else if (const auto other = collisions.add(name)) {
      findings.add(VerifyProblem::case_collision, name, {{"other", *other}});
    }
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX &&
        ((attributes >> 16) & S_IFMT) == S_IFLNK) {
      findings.add(VerifyProblem::symlink, name);
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      findings.add(VerifyProblem::encrypted, name);
      continue;
    }
    if (st.size > ctx.limits.max_entry_bytes) {
      findings.add(VerifyProblem::entry_too_large, name,
                   {{"size", std::to_string(st.size)}, {"max", std::to_string(ctx.limits.max_entry_bytes)}});
      continue;
    }
    if (st.size > (1u << 20) && st.comp_size > 0 && st.size / st.comp_size > ctx.limits.max_ratio) {
      findings.add(VerifyProblem::compression_ratio, name, {{"ratio", std::to_string(st.size / st.comp_size)}});
      continue;
    }
    total += st.size;
    const auto slash = name.find('/');
    const std::string top = name.substr(0, slash);
    if (contents.root.empty()) contents.root = top;
    if (slash == std::string::npos || top != contents.root) {
      findings.add(VerifyProblem::not_one_folder, name);
      continue;
    }
    const std::string inner = name.substr(slash + 1);
    if (inner.empty() || inner.back() == '/') {  // a folder entry
      if (!inner.empty()) contents.folders.insert(inner);
      continue;
    }
    const bool stored = (st.valid & ZIP_STAT_COMP_METHOD) && (st.valid & ZIP_STAT_COMP_SIZE) && (st.valid & ZIP_STAT_CRC) &&
                        st.comp_method == ZIP_CM_STORE && st.comp_size == st.size;
    contents.entries[inner] = Entry{i, inner, st.size, stored, stored ? st.crc : 0};
    // Made by another tool, a name may not unpack everywhere: said, not refused.
    if (inner.starts_with(detail::kPayloadDir)) {
      const std::string leaf = inner.substr(detail::kPayloadDir.size());
      if (detail::name_problem(leaf, leaf, "", ctx.limits)) findings.add(VerifyProblem::unportable_name, inner);
    }
  }
  if (total > ctx.limits.max_total_bytes) {
    findings.add(VerifyProblem::too_large, "", {{"size", std::to_string(total)}, {"max", std::to_string(ctx.limits.max_total_bytes)}});
  }
  return !findings.has_errors();
}

// [SECTION] Stage 2: BagIt completeness and hashes (RFC 8493)

// The payload (RFC 8493 3, "Complete" and "Valid"): every file listed, every
// listed file present, every SHA-256 as listed, and the CRC-32 the ZIP
// records for each, which unzip checks, right too. Sets the payload's size
// and count and checks them against the Payload-Oxum.
void check_payload(Contents& contents, const std::map<std::string, std::string>& manifest,
                   std::map<std::string, std::string>& bag_info, bool have_bag_info, const VerifyContext& ctx,
                   VerifyReport& report, Findings& findings) {
  // Nothing may ride along unsigned: every entry is a tag file or listed,
  // every folder entry holds one of them.
  const bool countersigned = contents.has(detail::kRecommendation);
  for (const auto& [name, entry] : contents.entries) {
    if (!manifest.count(name) && !known_tag_file(name, countersigned)) findings.add(VerifyProblem::unlisted_file, name);
  }
  for (const auto& folder : contents.folders) {
    const auto inside = contents.entries.lower_bound(folder);
    if (inside == contents.entries.end() || inside->first.rfind(folder, 0) != 0) findings.add(VerifyProblem::unlisted_file, folder);
  }
  // Every listed file's entry, in the manifest's order (nullptr: missing).
  std::vector<const Entry*> listed;
  for (const auto& [name, expected] : manifest) {
    const auto it = contents.entries.find(name);
    listed.push_back(name.rfind("data/", 0) == 0 && it != contents.entries.end() ? &it->second : nullptr);
  }
  const auto digests = hash_payload(contents.za, listed, ctx.threads);
  std::uint64_t bytes = 0;
  std::size_t k = 0;
  for (const auto& [name, expected] : manifest) {
    const Entry* entry = listed[k];
    const auto& digest = digests[k++];
    if (entry == nullptr) {
      findings.add(VerifyProblem::listed_file_missing, name);
      continue;
    }
    bytes += entry->size;
    if (digest && to_hex(digest->sha256) == expected) {
      // The content is as signed, but a CRC-32 altered in the headers still
      // makes unzip refuse the file: the package would not unpack.
      if (digest->crc32 != entry->crc) {
        findings.add(VerifyProblem::crc_mismatch, name, {{"recorded", crc_hex(entry->crc)}, {"computed", crc_hex(digest->crc32)}});
      }
      continue;
    }
    // Not proved good: read again the careful way, which says what is wrong.
    const auto again = hash_entry(contents.za, *entry, findings);
    if (again && to_hex(*again) != expected) findings.add(VerifyProblem::hash_mismatch, name);
  }
  report.payload_bytes = bytes;
  report.payload_files = manifest.size();
  const std::string oxum = std::to_string(bytes) + "." + std::to_string(manifest.size());
  if (have_bag_info && bag_info["Payload-Oxum"] != oxum) {
    findings.add(VerifyProblem::oxum_mismatch, "bag-info.txt", {{"found", bag_info["Payload-Oxum"]}, {"expected", oxum}});
  }
}

// The tag files: bagit.txt exactly BagIt 1.0, bag-info.txt in UTF-8 naming
// this package (the organization and credit code go into the report), the
// payload manifest, and the tag manifest's hashes of the tag files.
void check_bag(Contents& contents, const VerifyContext& ctx, VerifyReport& report, Findings& findings) {
  const auto& limits = ctx.limits;
  const auto bagit = contents.tag("bagit.txt", limits, findings);
  if (bagit && *bagit != detail::kBagitTxt) findings.add(VerifyProblem::bad_bagit_txt, "bagit.txt");
  const auto bag_info_text = contents.tag("bag-info.txt", limits, findings);
  if (bag_info_text && !count_code_points(*bag_info_text)) findings.add(VerifyProblem::tag_not_utf8, "bag-info.txt");
  const auto manifest_text = contents.tag(detail::kManifest, limits, findings);
  const auto tagmanifest_text = contents.tag(detail::kTagManifest, limits, findings);
  std::map<std::string, std::string> bag_info;
  if (bag_info_text) {
    bag_info = parse_bag_info(*bag_info_text);
    report.organization = bag_info["Source-Organization"];
    report.uscc = bag_info["Organization-Credit-Code"];
    report.bagging_date = bag_info["Bagging-Date"];
    if (bag_info["External-Identifier"] != contents.root) {
      findings.add(VerifyProblem::id_mismatch, "bag-info.txt", {{"found", bag_info["External-Identifier"]}});
    }
  }
  if (manifest_text) {
    const auto manifest = parse_manifest(*manifest_text);
    if (manifest) check_payload(contents, *manifest, bag_info, bag_info_text.has_value(), ctx, report, findings);
    else findings.add(VerifyProblem::bad_manifest, std::string(detail::kManifest));
  }
  if (tagmanifest_text) {
    report.tagmanifest_sha256 = to_hex(Sha256::of(*tagmanifest_text));
    const auto tags = parse_manifest(*tagmanifest_text);
    if (!tags) {
      findings.add(VerifyProblem::bad_manifest, std::string(detail::kTagManifest));
      return;
    }
    for (const auto& [name, expected] : *tags) {
      if (!contents.has(name)) {
        findings.add(VerifyProblem::listed_file_missing, name);
        continue;
      }
      const auto text = contents.tag(name, limits, findings);
      if (text && to_hex(Sha256::of(*text)) != expected) findings.add(VerifyProblem::hash_mismatch, name);
    }
  }
}

// [SECTION] Stage 3: the applicant's signature (Article 11(3))

// The tag manifest covers the tag files (so the signature over it covers
// them too), signer.pub is the key expected when one is pinned (--pubkey),
// the minisign signature holds, and its trusted comment names this package
// and its credit code.
void check_signature(Contents& contents, const VerifyContext& ctx, VerifyReport& report, Findings& findings) {
  const auto tagmanifest_text = contents.tag(detail::kTagManifest, ctx.limits, findings);
  if (tagmanifest_text) {
    if (const auto tags = parse_manifest(*tagmanifest_text)) {
      for (const char* required : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "signer.pub"}) {
        if (!tags->count(required)) findings.add(VerifyProblem::tag_not_covered, required);
      }
    }
  }
  const auto signature_text = contents.tag(detail::kSignature, ctx.limits, findings);
  const auto signer_text = contents.tag(detail::kSignerKey, ctx.limits, findings);
  if (!signature_text || !tagmanifest_text || !signer_text) return;
  report.signature.present = true;
  auto embedded = parse_public_key(*signer_text);
  if (!embedded.ok()) findings.add(VerifyProblem::bad_signer_key, std::string(detail::kSignerKey));
  const PublicKey* key = ctx.expected_key != nullptr ? ctx.expected_key : (embedded.ok() ? &embedded.value() : nullptr);
  if (ctx.expected_key != nullptr && embedded.ok() && embedded.value().key != ctx.expected_key->key) {
    findings.add(VerifyProblem::signer_not_expected, std::string(detail::kSignerKey),
                 {{"found", embedded.value().key_id_hex()}, {"expected", ctx.expected_key->key_id_hex()}});
  }
  if (key == nullptr) return;
  report.signature.key_id = key->key_id_hex();
  report.signature.fingerprint = key->fingerprint();
  const auto checked = verify_minisign(*tagmanifest_text, *signature_text, *key);
  if (!checked.ok()) {
    findings.signature_failed(checked.diagnostics(), std::string(detail::kSignature));
    return;
  }
  report.signature.valid = true;
  report.signature.trusted_comment = checked.value().trusted_comment;
  const auto& comment = checked.value().trusted_comment;
  if (comment.find(contents.root) == std::string::npos || (!report.uscc.empty() && comment.find(report.uscc) == std::string::npos)) {
    findings.add(VerifyProblem::comment_mismatch, std::string(detail::kSignature), {{"found", comment}});
  }
}

// [SECTION] Stages 4 and 5: the package's own documents (package_verify.cpp)

// data/application.json, read and re-checked.
void recheck_application_entry(Contents& contents, const VerifyContext& ctx, VerifyReport& report, Findings& findings) {
  const auto it = contents.entries.find(std::string(detail::kApplication));
  if (it == contents.entries.end()) {
    findings.add(VerifyProblem::missing_file, std::string(detail::kApplication));
    return;
  }
  if (const auto text = read_small(contents.za, it->second, ctx.limits.max_application_bytes, findings)) {
    detail::recheck_application(*text, ctx, report);
  }
}

// A district office's countersignature, when the package carries one.
void check_countersignatures(Contents& contents, const VerifyContext& ctx, VerifyReport& report, Findings& findings) {
  if (!contents.has(detail::kRecommendation)) return;
  const auto text = contents.tag(detail::kRecommendation, ctx.limits, findings);
  const auto sig = contents.tag(detail::kRecommendationSig, ctx.limits, findings);
  const auto key_text = contents.tag(detail::kOfficeKey, ctx.limits, findings);
  if (text && sig && key_text) {
    detail::check_countersignature(*text, *sig, *key_text, ctx, report);
  } else {
    Countersignature cs;
    cs.signature.present = true;
    report.countersignatures.push_back(cs);
  }
}

// `archive` as libzip opened it (`code`: why not).
VerifyReport verify_archive(Archive& archive, int code, const VerifyContext& ctx) {
  VerifyReport report;
  Findings findings(report);
  zip_t* za = open_container(code, ctx, archive, report, findings);
  if (za == nullptr) return report;
  Contents contents;
  if (!check_container(za, ctx, contents, findings)) return report;  // unsafe: read nothing
  report.package_id = contents.root;
  check_bag(contents, ctx, report, findings);
  check_signature(contents, ctx, report, findings);
  recheck_application_entry(contents, ctx, report, findings);
  check_countersignatures(contents, ctx, report, findings);
  report.valid = !findings.has_errors();
  return report;
}

}  // namespace

VerifyReport verify_package(const std::string& path, const VerifyContext& ctx) {
  Archive archive;
  int code = 0;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  auto report = verify_archive(archive, code, ctx);
  keep_utf8(report);
  return report;
}

VerifyReport detail::verify_package_source(zip_source_t* source, const VerifyContext& ctx) {
  Archive archive;
  zip_error_t error;
  zip_error_init(&error);
  archive.za = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive.za == nullptr) zip_source_free(source);  // (taken over only when opened)
  const int code = zip_error_code_zip(&error);
  zip_error_fini(&error);
  auto report = verify_archive(archive, code, ctx);
  keep_utf8(report);
  return report;
}

nlohmann::json findings_json(const std::vector<Diagnostic>& findings, const Catalog& zh, const Catalog& en) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) {
    out.push_back({{"severity", f.severity == Severity::error ? "error" : "warning"}, {"key", f.key}, {"where", f.where},
                   {"params", f.params}, {"message", {{"zh", zh.sentence(f)}, {"en", en.sentence(f)}}}});
  }
  return out;
}

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
  out["findings"] = findings_json(report.findings, zh, en);
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
      Diagnostic finding;
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

// The district's review (Article 11(3) of the draft) as the package's own
// edition numbers it; the default edition's when the package names none
// this program ships.
std::string review_article(const VerifyReport& report, const VerifyContext& context) {
  auto rules = load_edition(report.edition, context.editions);
  if (!rules.ok()) {
    if (const auto index = load_edition_index(context.editions); index.ok()) {
      rules = load_edition(index.value().default_edition, context.editions);
    }
  }
  return rules.ok() ? rules.value().cite_zh(rules.value().procedure.review_citation) : std::string("审核推荐");
}

Result<std::string> countersign_to(const std::string& in_path, const detail::Output& target,
                                   const CountersignRequest& request, const VerifyContext& context) {
  const auto report = verify_package(in_path, context);
  if (!report.valid) return std::vector{make_error("pkg.countersign_invalid", "", {{"file", in_path}})};
  if (!report.countersignatures.empty()) return std::vector{make_error("pkg.already_countersigned", "", {{"file", in_path}})};
  Archive in;
  int code = 0;
  in.za = zip_open(in_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (in.za == nullptr) {
    return std::vector{make_error(std::string(verify_message(VerifyProblem::not_a_zip).key), "", {{"detail", in_path}})};
  }
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
                                         {"article", review_article(report, context) + "：审核推荐意见"}};
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
