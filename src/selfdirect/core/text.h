// Small text helpers shared by the validators.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace selfdirect {

// A stable 64-bit hash of `text` (FNV-1a): the same on every run and every machine, for choices
// that must repeat (a held-out share, a demo's draws, a reference drawn from an id).
inline std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// `text` without leading and trailing spaces, tabs and line ends.
inline std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace selfdirect
