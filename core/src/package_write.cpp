// The package writer: one pass over the attachments (each is hashed while
// libzip copies it, unless it was hashed when attached), then the tag files,
// whose content depends on those hashes, generated when libzip reaches them.
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "package_common.hpp"
#include "parallel.hpp"
#include "qaward/hash.hpp"
#include "qaward/package.hpp"
#include "qaward/text.hpp"

namespace qaward {

namespace detail {

bool carriable_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '/' || c == '\\' || c == '%' || c == ':' || c == '*' || c == '?' || c == '"' ||
        c == '<' || c == '>' || c == '|') {
      return false;
    }
  }
  return count_code_points(name).has_value();
}

long long zip_time(const DateTime& beijing) {
  std::tm tm{};
  tm.tm_year = beijing.date.year - 1900;
  tm.tm_mon = beijing.date.month - 1;
  tm.tm_mday = beijing.date.day;
  tm.tm_hour = beijing.seconds / 3600;
  tm.tm_min = beijing.seconds / 60 % 60;
  tm.tm_sec = beijing.seconds % 60;
  tm.tm_isdst = -1;
  return static_cast<long long>(std::mktime(&tm));
}

// ASCII upper case; other bytes unchanged.
std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Windows gives these names to devices, in any case and with any extension
// ("con.pdf", "LPT1.tar.gz", "COM¹.txt"), and ignores spaces before the dot:
// such a file cannot be unpacked there.
bool windows_reserved(std::string_view name) {
  auto stem = name.substr(0, name.find('.'));
  while (!stem.empty() && stem.back() == ' ') stem.remove_suffix(1);
  const std::string upper = ascii_upper(stem);
  if (upper == "CON" || upper == "PRN" || upper == "AUX" || upper == "NUL") return true;
  if (upper.rfind("COM", 0) != 0 && upper.rfind("LPT", 0) != 0) return false;
  const std::string_view number = std::string_view(upper).substr(3);
  return (number.size() == 1 && number[0] >= '0' && number[0] <= '9') || number == "¹" || number == "²" || number == "³";
}

// Why an attachment's file name (NFC) cannot go into a package that Windows,
// macOS and BagIt tools all unpack; nullopt when it can.
std::optional<Diagnostic> name_problem(const std::string& name, const std::string& raw, const std::string& where,
                                       const PackageLimits& limits) {
  if (name.size() > limits.max_name_bytes) {
    return make_error("pkg.name_too_long", where, {{"found", name}, {"bytes", std::to_string(name.size())},
                                                   {"max", std::to_string(limits.max_name_bytes)}});
  }
  if (!detail::carriable_name(name)) return make_error("pkg.bad_name", where, {{"found", raw}});
  if (name.back() == '.' || name.back() == ' ') return make_error("pkg.name_trailing_dot_or_space", where, {{"found", name}});
  if (windows_reserved(name)) return make_error("pkg.reserved_name", where, {{"found", name}});
  return std::nullopt;
}

}  // namespace detail

namespace {

using detail::File;

// [SECTION] libzip sources

// What every read-only source here answers the same way.
zip_int64_t common_command(zip_error_t& error, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  switch (cmd) {
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&error, data, length);
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

// An attachment read from disk in large blocks, hashed as libzip copies it.
// Natively the next block is read and hashed on a second thread (`reader`)
// while libzip copies the current one, so that copying, reading and hashing
// overlap: two blocks of half kIoBuffer. In WebAssembly, without threads, the
// reader's work is done when the current block is used up: one block of
// kIoBuffer. When its SHA-256 is known from when it was attached, only its
// CRC-32 is computed, to prove the bytes copied are the bytes hashed then.
struct HashingFile {
  struct Block {
    std::vector<char> bytes;
    std::size_t filled = 0;  // bytes read into it
    int error = 0;           // errno of a failed read
  };
  std::string path;
  std::function<void(std::uint64_t)> on_read;  // progress: bytes read in this call
  std::uint64_t size = 0;
  std::optional<std::uint32_t> known_crc;
  detail::Background* reader = nullptr;  // one for all: libzip copies the attachments one by one
  File file;
  Sha256 hash;
  uLong crc = crc32(0, nullptr, 0);
  Sha256Digest digest{};
  std::uint64_t read = 0;
  bool changed = false;  // differs from when it was attached
  std::vector<Block> blocks;
  std::size_t current = 0;  // the block libzip copies from
  std::size_t taken = 0;    // bytes of it given to libzip
  zip_error_t error{};

  // Reads, and hashes, the block after the current one, on the reader.
  void read_ahead() {
    Block& next = blocks[(current + 1) % blocks.size()];
    reader->run([this, &next] {
      next.filled = std::fread(next.bytes.data(), 1, next.bytes.size(), file.get());
      next.error = next.filled == 0 && std::ferror(file.get()) ? (errno != 0 ? errno : EIO) : 0;
      if (!known_crc) hash.update(next.bytes.data(), next.filled);
    });
  }
};

zip_int64_t hashing_callback(void* user, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  auto* s = static_cast<HashingFile*>(user);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      s->file.reset(std::fopen(s->path.c_str(), "rb"));
      if (!s->file) {
        zip_error_set(&s->error, ZIP_ER_OPEN, errno);
        return -1;
      }
      s->blocks.resize(s->reader->concurrent() ? 2 : 1);
      for (auto& b : s->blocks) {
        // One byte more than planned, so that a file that grew is seen.
        b.bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(s->size + 1, detail::kIoBuffer / s->blocks.size())));
        b.filled = 0;
      }
      s->read = s->current = s->taken = 0;
      s->read_ahead();
      return 0;
    case ZIP_SOURCE_READ: {
      const auto* block = &s->blocks[s->current];
      if (s->taken == block->filled) {  // used up: on to the block read ahead, and read the one after
        s->reader->wait();
        s->current = (s->current + 1) % s->blocks.size();
        s->taken = 0;
        block = &s->blocks[s->current];
        if (block->error != 0) {
          zip_error_set(&s->error, ZIP_ER_READ, block->error);
          return -1;
        }
        if (block->filled > 0) s->read_ahead();
      }
      const auto n = std::min(static_cast<std::size_t>(length), block->filled - s->taken);
      std::memcpy(data, block->bytes.data() + s->taken, n);
      s->taken += n;
      if (s->known_crc) s->crc = crc32_z(s->crc, static_cast<const Bytef*>(data), n);
      s->read += n;
      if (s->on_read) s->on_read(n);
      // At the end (libzip reads until nothing comes) and when the file grew
      // while being packaged: is it the file that was planned and hashed?
      if ((n == 0 && (s->read != s->size || (s->known_crc && *s->known_crc != s->crc))) || s->read > s->size) {
        s->changed = true;
        zip_error_set(&s->error, ZIP_ER_INCONS, 0);
        return -1;
      }
      // n is 0 only at the end (libzip never asks for 0 bytes): nothing is read ahead.
      if (n == 0 && !s->known_crc) s->digest = s->hash.finish();
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      s->reader->wait();  // it may still be reading into a block
      s->file.reset();
      std::vector<HashingFile::Block>().swap(s->blocks);  // one file's blocks at a time: the heap stays small
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = s->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    default:
      return common_command(s->error, data, length, cmd);
  }
}

// A tag file whose text is made when libzip opens it: by then every entry
// before it has been written.
struct LazyText {
  std::function<std::string()> make;
  std::string text;
  std::size_t offset = 0;
  zip_error_t error{};
};

zip_int64_t lazy_callback(void* user, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  auto* s = static_cast<LazyText*>(user);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      s->text = s->make();
      s->offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const auto n = std::min<std::size_t>(static_cast<std::size_t>(length), s->text.size() - s->offset);
      std::memcpy(data, s->text.data() + s->offset, n);
      s->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);  // size unknown until made
      return sizeof(zip_stat_t);
    }
    default:
      return common_command(s->error, data, length, cmd);
  }
}

// [SECTION] Helpers

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string compact_time(const DateTime& t) {
  // 20260316T100000
  std::string iso = to_iso(t);  // 2026-03-16T10:00:00+08:00
  std::string out;
  for (const char c : iso.substr(0, 19)) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

}  // namespace

std::string file_sha256(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return "";
  Sha256 h;
  std::vector<char> buffer(detail::kIoBuffer);
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), f.get())) > 0) h.update(buffer.data(), n);
  return to_hex(h.finish());
}

bool content_is_checked_for_marks(std::string_view file_name) {
  const std::string name(file_name);
  static const char* kExtensions[] = {".txt", ".csv", ".md", ".json", ".html", ".htm", ".xml", ".tsv"};
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](const char* e) { return lower.size() >= std::strlen(e) && lower.ends_with(e); });
}

namespace {

// Looks for a mark in text read in pieces: a tail of the previous piece is
// kept, since a mark may span two reads.
struct MarkScanner {
  std::string carry;
  bool found = false;
  void feed(const char* data, std::size_t n) {
    if (found) return;
    carry.append(data, n);
    found = has_state_secret_mark(carry);
    if (carry.size() > 64) carry.erase(0, carry.size() - 64);
  }
};

// Reads a text file, checking it for marks.
bool file_has_state_secret_mark(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return false;
  MarkScanner scanner;
  std::vector<char> buffer(1 << 16);
  std::size_t n = 0;
  while (!scanner.found && (n = std::fread(buffer.data(), 1, buffer.size(), f.get())) > 0) scanner.feed(buffer.data(), n);
  return scanner.found;
}

nlohmann::json application_json(const PackageRequest& r, const PackagePlan& plan) {
  const Draft& d = *r.draft;
  nlohmann::json attachments = nlohmann::json::array();
  for (std::size_t i = 0; i < d.attachments.size(); ++i) {
    attachments.push_back({{"file", plan.entry_names[i]}, {"title", d.attachments[i].title},
                           {"category", d.attachments[i].category}, {"trade_secret", d.attachments[i].trade_secret},
                           {"bytes", plan.sizes[i]}});
  }
  nlohmann::json out = {
      {"format", "qaward-application/1"},
      {"package_id", plan.package_id},
      {"created", to_iso(r.now)},
      {"product", {{"name", "qaward"}, {"version", r.product_version}}},
      {"profile", to_json(d.profile)},
      {"eligibility", {{"edition", r.rules->edition}, {"date", to_string(plan.eligibility.date)},
                       {"outcome", to_string(plan.eligibility.outcome)}, {"forced", r.force && plan.eligibility.outcome == Eligibility::not_eligible}}},
      {"attachments", attachments},
  };
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : plan.eligibility.checks) checks.push_back({{"id", c.rule->id}, {"outcome", to_string(c.outcome)}});
  out["eligibility"]["checks"] = checks;
  if (d.assessment) out["assessment"] = to_json(*d.assessment);
  if (d.assessment && r.criteria != nullptr) {
    const auto summary = summarize(*d.assessment, *r.criteria);
    out["assessment_summary"] = {{"total", static_cast<double>(summary.total_centi) / 100.0},
                                 {"total_points", r.criteria->total_points},
                                 {"scored_items", summary.scored_items}};
  }
  if (d.publicity) out["publicity"] = to_json(*d.publicity);
  return out;
}

std::string manifest_line(const Sha256Digest& digest, std::string_view path) {
  return to_hex(digest) + "  " + std::string(path) + "\n";
}

}  // namespace

// [SECTION] Inspecting an attachment as it arrives

std::optional<AttachedFile> inspect_file(const std::string& path, std::string_view name,
                                         const std::function<void(std::uint64_t done)>& progress) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return std::nullopt;
  const bool scan = content_is_checked_for_marks(name);
  AttachedFile out;
  Sha256 hash;
  uLong crc = crc32(0, nullptr, 0);
  MarkScanner scanner;
  std::vector<char> buffer(detail::kIoBuffer);
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), f.get())) > 0) {
    hash.update(buffer.data(), n);
    crc = crc32_z(crc, reinterpret_cast<const Bytef*>(buffer.data()), n);
    out.size += n;
    if (scan) scanner.feed(buffer.data(), n);
    if (progress) progress(out.size);
  }
  if (std::ferror(f.get())) return std::nullopt;
  out.sha256 = to_hex(hash.finish());
  out.state_secret_mark = scanner.found;
  out.crc32 = static_cast<std::uint32_t>(crc);
  return out;
}

// [SECTION] Planning

bool has_state_secret_mark(std::string_view text) {
  static constexpr std::string_view kMarks[] = {"绝密", "机密", "秘密"};
  static constexpr std::string_view kStar = "★";
  for (const auto mark : kMarks) {
    for (std::size_t at = text.find(mark); at != std::string_view::npos; at = text.find(mark, at + 1)) {
      std::size_t next = at + mark.size();
      while (next < text.size() && (text[next] == ' ' || text.substr(next, 3) == "\u3000")) next += text[next] == ' ' ? 1u : 3u;
      if (text.substr(next, kStar.size()) == kStar) return true;
    }
  }
  return false;
}

namespace {

// [SECTION] Planning: names

// A refusal when `text` holds a character that could rewrite a reviewer's
// terminal (escape sequences) or disguise itself (bidirectional overrides).
bool refuse_control_characters(std::string_view text, const std::string& where, PackagePlan& plan) {
  const auto c = first_control_character(text);
  if (c) plan.refusals.push_back(make_error("pkg.control_character", where, {{"char", code_point_label(*c)}}));
  return c.has_value();
}

// [SECTION] Planning: limits

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

std::uint64_t manifest_line_size(std::string_view path) { return 64 + 2 + path.size() + 1; }

std::string bag_info_text(const PackageRequest& r, const std::string& package_id, std::uint64_t payload_bytes,
                          std::size_t payload_files) {
  const auto& org = r.draft->profile.organization;
  return "Source-Organization: " + org.name.value_or("") + "\n" +
         "Organization-Credit-Code: " + org.uscc.value_or("") + "\n" +
         "Bagging-Date: " + to_string(r.now.date) + "\n" +
         "Bagging-Time: " + to_iso(r.now) + "\n" +
         "Payload-Oxum: " + std::to_string(payload_bytes) + "." + std::to_string(payload_files) + "\n" +
         "External-Identifier: " + package_id + "\n" +
         "Bag-Software-Agent: qaward " + r.product_version + "\n";
}

// The package must pass verify_package's limits (the same PackageLimits):
// refused here, before a byte is written. Builds plan.application.
void check_limits(const PackageRequest& r, PackagePlan& plan) {
  const auto& limits = r.limits;
  const Draft& d = *r.draft;
  auto over = [&](const char* key, std::string where, std::uint64_t size, std::uint64_t max, Params params = {}) {
    params["size"] = std::to_string(size);
    params["max"] = std::to_string(max);
    plan.refusals.push_back(make_error(key, std::move(where), std::move(params)));
  };
  // Strings read from JSON are valid UTF-8; `replace` keeps a caller that
  // bypasses the parser from making dump() throw.
  plan.application = application_json(r, plan).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (r.readable) plan.readable = r.readable(r, plan);
  const std::uint64_t readable_entries = plan.readable.empty() ? 0 : 1;
  // Room is kept for the district office's countersignature.
  const std::uint64_t fixed = detail::kTagEntries + readable_entries + detail::kCountersignEntries;
  const std::uint64_t max_attachments = limits.max_entries > fixed ? limits.max_entries - fixed : 0;
  if (d.attachments.size() > max_attachments) {
    plan.refusals.push_back(make_error("pkg.too_many_attachments", "/attachments",
                                       {{"found", std::to_string(d.attachments.size())}, {"max", std::to_string(max_attachments)},
                                        {"entries", std::to_string(limits.max_entries)}, {"fixed", std::to_string(fixed)}}));
  }
  std::uint64_t attachment_bytes = 0;
  std::uint64_t manifest_bytes = manifest_line_size(detail::kApplication);
  if (readable_entries != 0) manifest_bytes += manifest_line_size(detail::kReadable);
  for (std::size_t i = 0; i < plan.sizes.size(); ++i) {
    if (plan.sizes[i] > limits.max_entry_bytes) {
      over("pkg.attachment_too_large", "/attachments/" + std::to_string(i) + "/path", plan.sizes[i], limits.max_entry_bytes,
           {{"file", plan.entry_names[i].substr(detail::kPayloadDir.size())}});
    }
    attachment_bytes = saturating_add(attachment_bytes, plan.sizes[i]);
    manifest_bytes += manifest_line_size(plan.entry_names[i]);
  }
  if (plan.application.size() > limits.max_application_bytes) {
    over("pkg.application_too_large", "/assessment", plan.application.size(), limits.max_application_bytes);
  }
  const auto payload_bytes = saturating_add(attachment_bytes, plan.application.size() + plan.readable.size());
  const auto bag_info_bytes = bag_info_text(r, plan.package_id, payload_bytes, d.attachments.size() + 1 + readable_entries).size();
  for (const auto& [name, size] : {std::pair{std::string_view("bag-info.txt"), bag_info_bytes}, {detail::kManifest, manifest_bytes}}) {
    if (size > limits.max_tag_file_bytes) over("pkg.tag_file_over_limit", "", size, limits.max_tag_file_bytes, {{"file", std::string(name)}});
  }
  // signer.pub and the signature: about 100 and 400 bytes, plus the package
  // id and credit code in the signature's comment.
  const std::uint64_t signing_bytes = 1024 + 2 * plan.package_id.size();
  const std::uint64_t tag_bytes = detail::kBagitTxt.size() + bag_info_bytes + manifest_bytes + signing_bytes +
                                  manifest_line_size("bagit.txt") + manifest_line_size("bag-info.txt") +
                                  manifest_line_size(detail::kManifest) + manifest_line_size(detail::kSignerKey);
  const auto total = saturating_add(payload_bytes, tag_bytes);
  if (total > limits.max_total_bytes) over("pkg.package_too_large", "/attachments", total, limits.max_total_bytes);
}

// [SECTION] Planning: time sense

// What the applicant should know before sending (warnings, not refusals):
// a publicity period not over by the packaging time (Article 11(2): send
// once it is over without objection), objections still open or dated out of
// order (Article 13).
Params with(Params params, const char* key, std::string value) {
  params[key] = std::move(value);
  return params;
}

void check_time_sense(const PackageRequest& r, PackagePlan& plan) {
  const auto& record = r.draft->publicity;
  if (!record || !record->posted_at) {  // Article 11(2): publicised internally before it is submitted
    plan.warnings.push_back(make_error("pkg.publicity_not_recorded", "/publicity"));
    return;
  }
  if (record->posted_at && r.calendar != nullptr) {
    const auto options = options_of(*record, r.rules->procedure.publicity_working_days);
    const auto period = compute_publicity(*r.calendar, *record->posted_at, options);
    if (r.now < period.end) {
      auto times = instant_params("end", period.end);
      times.merge(instant_params("now", r.now));
      plan.warnings.push_back(make_error("pkg.publicity_not_over", "/publicity/posted_at", std::move(times)));
    }
    // The period crosses days the calendar only estimates (issue 19): the
    // applicant checks it against the year's holiday notice.
    if (period.estimated) {
      plan.warnings.push_back(make_error("pkg.publicity_estimated", "/publicity/posted_at", instant_params("end", period.end)));
    }
  }
  for (std::size_t i = 0; i < record->objections.size(); ++i) {
    const auto& o = record->objections[i];
    const std::string at = "/publicity/objections/" + std::to_string(i);
    const Params params = {{"n", std::to_string(i + 1)}, {"received", to_string(o.received_on)}};
    for (const auto problem : objection_problems(o, r.now.date)) {
      switch (problem) {
        case ObjectionProblem::forwarded_before_received:
          plan.warnings.push_back(make_error("pkg.objection_forwarded_early", at + "/forwarded_on",
                                             with(params, "date", to_string(*o.forwarded_on))));
          break;
        case ObjectionProblem::resolved_before_received:
          plan.warnings.push_back(make_error("pkg.objection_resolved_early", at + "/resolved_on",
                                             with(params, "date", to_string(*o.resolved_on))));
          break;
        case ObjectionProblem::open: plan.warnings.push_back(make_error("pkg.objection_open", at, params)); break;
      }
    }
  }
}

}  // namespace

PackagePlan plan_package(const PackageRequest& r) {
  PackagePlan plan;
  const Draft& d = *r.draft;
  const auto& uscc = d.profile.organization.uscc;
  plan.package_id = "QA-" + (uscc ? *uscc : std::string("NOUSCC")) + "-" + compact_time(r.now);
  if (!d.profile.organization.name || !uscc) {
    plan.refusals.push_back(make_error("pkg.missing_identity", "/profile/organization"));
  }
  // Both go into bag-info.txt and the reviewers' terminals.
  refuse_control_characters(d.profile.organization.name.value_or(""), "/profile/organization/name", plan);
  refuse_control_characters(uscc.value_or(""), "/profile/organization/uscc", plan);
  auto eligibility = evaluate_eligibility(d.profile, *r.rules, r.now.date);
  if (!eligibility.ok()) {
    for (const auto& e : eligibility.diagnostics()) plan.refusals.push_back(e);
  } else {
    plan.eligibility = eligibility.value();
    if (plan.eligibility.outcome == Eligibility::not_eligible) {
      if (r.force) plan.warnings.push_back(make_error("pkg.forced", ""));
      else plan.refusals.push_back(make_error("pkg.not_eligible", ""));
    } else if (plan.eligibility.outcome == Eligibility::needs_information) {
      plan.warnings.push_back(make_error("pkg.needs_information", ""));
    }
  }
  // Every required material has at least one attachment (the checklist is rule data).
  for (const auto& m : r.rules->materials) {
    if (!m.required) continue;
    const bool present = std::any_of(d.attachments.begin(), d.attachments.end(),
                                     [&](const DraftAttachment& a) { return a.category == m.category; });
    if (!present) plan.refusals.push_back(make_error("pkg.missing_material", "", {{"material", m.name}, {"material_en", m.name_en}, {"category", m.category}}));
  }
  std::set<std::string> names;
  // Windows and macOS compare names without case: "A.pdf" and "a.pdf" unpack onto each other.
  std::map<std::string, std::string> by_folded;  // case-folded name -> the first name
  for (std::size_t i = 0; i < d.attachments.size(); ++i) {
    const auto& a = d.attachments[i];
    const std::string where = "/attachments/" + std::to_string(i);
    const auto& path = i < r.files.size() ? r.files[i] : a.path;
    const auto name = nfc(base_name(a.path)).value_or("");
    plan.entry_names.push_back(std::string(detail::kPayloadDir) + name);
    plan.sizes.push_back(0);
    refuse_control_characters(a.title, where + "/title", plan);
    if (refuse_control_characters(base_name(a.path), where + "/path", plan)) continue;
    if (auto problem = detail::name_problem(name, base_name(a.path), where + "/path", r.limits)) {
      plan.refusals.push_back(std::move(*problem));
      continue;
    }
    if (!names.insert(name).second) {
      plan.refusals.push_back(make_error("pkg.duplicate_name", where + "/path", {{"found", name}}));
    } else if (const auto [it, first] = by_folded.emplace(nfc_casefold(name).value_or(name), name); !first) {
      plan.refusals.push_back(make_error("pkg.name_case_collision", where + "/path", {{"found", name}, {"other", it->second}}));
    }
    if (has_state_secret_mark(name) || has_state_secret_mark(a.title)) {
      plan.refusals.push_back(make_error("pkg.state_secret", where, {{"found", name}}));
      continue;
    }
    if (i < r.attached.size()) {  // inspected when attached: nothing to read now
      plan.sizes.back() = r.attached[i].size;
      if (!sha256_from_hex(r.attached[i].sha256)) plan.refusals.push_back(make_error("pkg.unreadable", where + "/path", {{"found", name}}));
      if (r.attached[i].state_secret_mark) plan.refusals.push_back(make_error("pkg.state_secret", where, {{"found", name}}));
      continue;
    }
    File f(std::fopen(path.c_str(), "rb"));
    if (!f || std::fseek(f.get(), 0, SEEK_END) != 0) {
      plan.refusals.push_back(make_error("pkg.unreadable", where + "/path", {{"found", path}}));
      continue;
    }
    const long size = std::ftell(f.get());
    plan.sizes.back() = size < 0 ? 0 : static_cast<std::uint64_t>(size);
    f.reset();
    if (content_is_checked_for_marks(name) && file_has_state_secret_mark(path)) {
      plan.refusals.push_back(make_error("pkg.state_secret", where, {{"found", name}}));
    }
  }
  check_limits(r, plan);
  check_time_sense(r, plan);
  for (auto& w : plan.warnings) w.severity = Severity::warning;  // shown as warnings, not errors
  return plan;
}

// [SECTION] Writing

namespace {

Result<PackageResult> write_to(const PackageRequest& r, const PackagePlan& plan, const detail::Output& out) {
  if (!plan.refusals.empty()) return plan.refusals;
  const Draft& d = *r.draft;
  const std::string root = plan.package_id + "/";
  const std::string& application = plan.application;
  std::uint64_t payload_bytes = application.size() + plan.readable.size();
  for (const auto s : plan.sizes) payload_bytes += s;
  const std::size_t payload_files = d.attachments.size() + 1 + (plan.readable.empty() ? 0 : 1);

  zip_t* archive = detail::open_output(out);
  if (archive == nullptr) return std::vector{make_error("pkg.cannot_write", "", {{"file", out.name()}})};
  const auto mtime = static_cast<time_t>(detail::zip_time(r.now));
  std::vector<std::unique_ptr<HashingFile>> files;
  detail::Background reader;  // after `files`: its thread ends before their blocks go
  std::vector<std::unique_ptr<LazyText>> lazies;
  bool failed = false;

  // Every entry is stored, not deflated: attachments are mostly compressed
  // already (PDF, JPEG, Office), storing runs at disk speed, and every byte
  // of a stored entry is content, so any change to it is caught (deflate's
  // padding bits are not).
  auto add = [&](const std::string& name, zip_source_t* source) {
    if (source == nullptr) {
      failed = true;
      return;
    }
    const auto index = zip_file_add(archive, (root + name).c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      failed = true;
      return;
    }
    const auto i = static_cast<zip_uint64_t>(index);
    zip_set_file_compression(archive, i, ZIP_CM_STORE, 0);
    zip_file_set_mtime(archive, i, mtime, 0);
    zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  };
  auto add_text = [&](const std::string& name, const std::string& text) {
    // libzip copies nothing: keep the text alive until zip_close.
    auto lazy = std::make_unique<LazyText>();
    lazy->make = [text] { return text; };
    add(name, zip_source_function(archive, lazy_callback, lazy.get()));
    lazies.push_back(std::move(lazy));
  };
  auto add_lazy = [&](const std::string& name, std::function<std::string()> make) {
    auto lazy = std::make_unique<LazyText>();
    lazy->make = std::move(make);
    add(name, zip_source_function(archive, lazy_callback, lazy.get()));
    lazies.push_back(std::move(lazy));
  };

  add_text("bagit.txt", std::string(detail::kBagitTxt));
  add_text(std::string(detail::kApplication), application);
  if (!plan.readable.empty()) add_text(std::string(detail::kReadable), plan.readable);
  std::uint64_t attachment_bytes = 0;
  for (const auto size : plan.sizes) attachment_bytes += size;
  std::uint64_t done = 0;
  std::uint64_t reported = 0;
  for (std::size_t i = 0; i < d.attachments.size(); ++i) {
    auto file = std::make_unique<HashingFile>();
    if (r.progress) {
      file->on_read = [&, attachment_bytes](std::uint64_t n) {
        done += n;
        if (done - reported >= (8u << 20) || done == attachment_bytes) {  // every 8 MiB
          reported = done;
          r.progress(done, attachment_bytes);
        }
      };
    }
    file->path = i < r.files.size() ? r.files[i] : d.attachments[i].path;
    file->size = plan.sizes[i];
    file->reader = &reader;
    if (i < r.attached.size()) {
      file->known_crc = r.attached[i].crc32;
      file->digest = sha256_from_hex(r.attached[i].sha256).value_or(Sha256Digest{});  // checked by the plan
    }
    add(plan.entry_names[i], zip_source_function(archive, hashing_callback, file.get()));
    files.push_back(std::move(file));
  }
  const auto application_digest = Sha256::of(application);
  std::string manifest_text;
  add_lazy(std::string(detail::kManifest), [&] {
    manifest_text = manifest_line(application_digest, detail::kApplication);
    if (!plan.readable.empty()) manifest_text += manifest_line(Sha256::of(plan.readable), detail::kReadable);
    for (std::size_t i = 0; i < files.size(); ++i) manifest_text += manifest_line(files[i]->digest, plan.entry_names[i]);
    return manifest_text;
  });
  const auto& org = d.profile.organization;
  const std::string bag_info = bag_info_text(r, plan.package_id, payload_bytes, payload_files);
  add_text("bag-info.txt", bag_info);
  const std::string signer = public_key_file(r.key->public_key);
  add_text(std::string(detail::kSignerKey), signer);
  std::string tagmanifest;
  add_lazy(std::string(detail::kTagManifest), [&] {
    tagmanifest = manifest_line(Sha256::of(detail::kBagitTxt), "bagit.txt") +
                  manifest_line(Sha256::of(bag_info), "bag-info.txt") +
                  manifest_line(Sha256::of(manifest_text), detail::kManifest) +
                  manifest_line(Sha256::of(signer), detail::kSignerKey);
    return tagmanifest;
  });
  add_lazy(std::string(detail::kSignature), [&] {
    const std::string comment = "qaward package " + plan.package_id + " uscc " + org.uscc.value_or("") + " time " + to_iso(r.now);
    return sign_minisign(tagmanifest, *r.key, comment);
  });

  if (failed || zip_close(archive) != 0) {
    const std::string reason = out.failure(failed ? nullptr : archive);
    detail::discard_output(archive, out);
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (files[i]->changed) {
        return std::vector{make_error("pkg.file_changed", "/attachments/" + std::to_string(i) + "/path",
                                      {{"file", base_name(d.attachments[i].path)}})};
      }
    }
    return std::vector{make_error("pkg.write_failed", "", {{"file", out.name()}, {"detail", reason}})};
  }
  PackageResult result;
  result.package_id = plan.package_id;
  result.payload_bytes = payload_bytes;
  result.payload_files = payload_files;
  result.tagmanifest_sha256 = to_hex(Sha256::of(tagmanifest));
  return result;
}

}  // namespace

Result<PackageResult> write_package(const PackageRequest& r, const PackagePlan& plan, const std::string& out_path) {
  return write_to(r, plan, detail::Output{out_path});
}

Result<PackageResult> write_package(const PackageRequest& r, const PackagePlan& plan, PackageSink& out) {
  return write_to(r, plan, detail::Output{"", &out});
}

}  // namespace qaward
