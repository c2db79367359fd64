#include "qaward/text.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace qaward {

namespace {

struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 0;
};

// The code point that starts at utf8[i]; nullopt for invalid UTF-8 (overlong
// forms, surrogates, truncated sequences, beyond U+10FFFF).
std::optional<Decoded> decode(std::string_view utf8, std::size_t i) {
  const auto lead = static_cast<std::uint8_t>(utf8[i]);
  std::size_t length = 0;
  std::uint32_t min = 0;
  std::uint32_t cp = 0;
  if (lead < 0x80) { length = 1; cp = lead; }
  else if ((lead & 0xE0) == 0xC0) { length = 2; cp = lead & 0x1Fu; min = 0x80; }
  else if ((lead & 0xF0) == 0xE0) { length = 3; cp = lead & 0x0Fu; min = 0x800; }
  else if ((lead & 0xF8) == 0xF0) { length = 4; cp = lead & 0x07u; min = 0x10000; }
  else return std::nullopt;
  if (i + length > utf8.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<std::uint8_t>(utf8[i + k]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return Decoded{static_cast<char32_t>(cp), length};
}

std::optional<std::string> utf8_map(std::string_view utf8, int options) {
  utf8proc_uint8_t* out = nullptr;
  const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                   static_cast<utf8proc_ssize_t>(utf8.size()), &out, static_cast<utf8proc_option_t>(options));
  if (length < 0) return std::nullopt;
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
  std::free(out);
  return result;
}

}  // namespace

std::optional<std::string> nfc(std::string_view utf8) { return utf8_map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

std::optional<std::string> nfc_casefold(std::string_view utf8) {
  return utf8_map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::optional<std::size_t> count_code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < utf8.size(); ++count) {
    const auto d = decode(utf8, i);
    if (!d) return std::nullopt;
    i += d->length;
  }
  return count;
}

bool is_control_character(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::optional<char32_t> first_control_character(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    const auto d = decode(utf8, i);
    if (d && is_control_character(d->code_point)) return d->code_point;
    i += d ? d->length : 1;
  }
  return std::nullopt;
}

std::string code_point_label(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

std::string escape_control_characters(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  char code[16];
  for (std::size_t i = 0; i < utf8.size();) {
    const auto d = decode(utf8, i);
    if (!d || d->code_point < 0x80) {
      const auto byte = static_cast<std::uint8_t>(utf8[i]);
      if (d && !is_control_character(d->code_point)) {
        out += utf8[i];
      } else {
        std::snprintf(code, sizeof code, "\\x%02X", byte);
        out += code;
      }
      i += 1;
      continue;
    }
    if (is_control_character(d->code_point)) out += "<" + code_point_label(d->code_point) + ">";
    else out.append(utf8.substr(i, d->length));
    i += d->length;
  }
  return out;
}

std::size_t count_characters(std::string_view utf8) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<std::uint8_t>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
    const std::string_view ch = utf8.substr(i, length);
    i += ch.size();
    const bool space = ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || ch == "\f" || ch == "\v" ||
                       ch == "\xC2\xA0" /* U+00A0 */ || ch == "\xE3\x80\x80" /* U+3000 */ ||
                       ch == "\xE2\x80\xA8" /* U+2028 */ || ch == "\xE2\x80\xA9" /* U+2029 */ ||
                       ch == "\xEF\xBB\xBF" /* BOM */;
    if (!space) ++count;
  }
  return count;
}

std::string byte_size(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

}  // namespace qaward
