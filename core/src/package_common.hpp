#pragma once
// Pieces shared by the package writer and reader. Internal to the core.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include <zip.h>

#include "qaward/datetime.hpp"
#include "qaward/package.hpp"

namespace qaward::detail {

inline constexpr std::string_view kBagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
inline constexpr std::string_view kPayloadDir = "data/附件/";
inline constexpr std::string_view kApplication = "data/application.json";
inline constexpr std::string_view kReadable = "data/申报书.html";
inline constexpr std::string_view kManifest = "manifest-sha256.txt";
inline constexpr std::string_view kTagManifest = "tagmanifest-sha256.txt";
inline constexpr std::string_view kSignature = "tagmanifest-sha256.txt.minisig";
inline constexpr std::string_view kSignerKey = "signer.pub";
inline constexpr std::string_view kRecommendation = "recommendation.json";
inline constexpr std::string_view kRecommendationSig = "recommendation.json.minisig";
inline constexpr std::string_view kOfficeKey = "office.pub";
// Entries besides the attachments: bagit.txt, bag-info.txt, application.json,
// the two manifests, signer.pub and the signature (and 申报书.html when the
// caller renders it); a district office's countersignature adds
// recommendation.json, its signature and office.pub.
inline constexpr std::uint64_t kTagEntries = 7;
inline constexpr std::uint64_t kCountersignEntries = 3;
// Reads are large: few system calls natively, and in the browser's worker each
// read is a Blob.slice + FileReaderSync call, whose rate grows with its size
// (measured in Chromium 156: 1 MiB 303 MB/s, 4 MiB 535 MB/s, 16 MiB 898 MB/s).
inline constexpr std::size_t kIoBuffer = 16u << 20;
// Writes to a PackageSink are gathered up to this size.
inline constexpr std::size_t kWriteBuffer = 4u << 20;

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// An archive opened for reading, discarded (never written) when it goes.
struct Archive {
  zip_t* za = nullptr;
  ~Archive() {
    if (za != nullptr) zip_discard(za);
  }
};

// "1. 申报表.pdf" style names must survive BagIt and every ZIP tool: no
// separators, control characters, '%' (validators mishandle %25), or names
// that are only dots.
bool carriable_name(std::string_view name);

// Why an attachment's file name (NFC) cannot go into a package that Windows,
// macOS and BagIt tools all unpack (too long, a forbidden character, a
// trailing dot or space, a Windows device name); nullopt when it can. The
// writer refuses such names; the reader warns of them in packages made
// elsewhere.
std::optional<Diagnostic> name_problem(const std::string& name, const std::string& raw, const std::string& where,
                                       const PackageLimits& limits);

// The time_t to give libzip so that the ZIP's DOS date and time show the
// Beijing wall clock. libzip converts with localtime(); mktime() inverts that
// whatever the machine's zone, so the bytes do not depend on it.
long long zip_time(const DateTime& beijing);

// Where a new archive goes: a file path (libzip writes a temporary file
// beside it and renames it when done) or a sink.
struct Output {
  std::string path;
  PackageSink* sink = nullptr;
  [[nodiscard]] std::string name() const { return sink != nullptr ? sink->name() : path; }
  // Why writing failed: the sink's own reason when it has one, else libzip's.
  [[nodiscard]] std::string failure(zip_t* archive) const {
    const std::string own = sink != nullptr ? sink->failure() : std::string();
    return !own.empty() ? own : archive != nullptr ? std::string(zip_strerror(archive)) : std::string("libzip");
  }
};

// A new, empty archive at `out`; nullptr when it cannot be made.
zip_t* open_output(const Output& out);

// Gives up a failed write (nothing half-written is left behind).
void discard_output(zip_t* archive, const Output& out);

}  // namespace qaward::detail
