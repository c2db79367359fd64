#pragma once
// UTF-8 text helpers shared by the core and both front ends.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qaward {

// Number of Unicode code points in `utf8`, or nullopt if it is not valid
// UTF-8 (overlong forms, surrogates and truncated sequences are invalid).
[[nodiscard]] std::optional<std::size_t> count_code_points(std::string_view utf8);

// Characters as the length limits of award documents count them: one per
// code point, except whitespace (spaces incl. U+3000 and U+00A0, tabs, line
// breaks), which is not counted. Invalid UTF-8 bytes count one each.
[[nodiscard]] std::size_t count_characters(std::string_view utf8);

// Characters that drive a terminal or reorder what is shown, so that text
// holding them could rewrite a reviewer's screen or disguise a name: C0
// controls, DEL, C1 controls (U+0080-U+009F) and the bidirectional
// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
[[nodiscard]] bool is_control_character(char32_t c);
// The first such character in `utf8` (invalid bytes are skipped); nullopt
// when there is none.
[[nodiscard]] std::optional<char32_t> first_control_character(std::string_view utf8);
// "U+001B": how messages name a character that cannot be shown.
[[nodiscard]] std::string code_point_label(char32_t c);
// `utf8` with every such character, and every byte that is not UTF-8, shown
// instead of acting: "\x1B" below U+0080, "<U+202E>" above, so that text
// from an untrusted file can be printed on a terminal.
[[nodiscard]] std::string escape_control_characters(std::string_view utf8);

// NFC form of a UTF-8 string; nullopt for invalid UTF-8.
[[nodiscard]] std::optional<std::string> nfc(std::string_view utf8);

// NFC and case-folded (Unicode full case folding): two names with the same
// form land on one file where names are compared without case (Windows,
// macOS). nullopt for invalid UTF-8.
[[nodiscard]] std::optional<std::string> nfc_casefold(std::string_view utf8);

// A size as people read it, in binary units: "286 B", "1.5 KiB", "12.3 MiB", "9.8 GiB".
[[nodiscard]] std::string byte_size(std::uint64_t bytes);

}  // namespace qaward
