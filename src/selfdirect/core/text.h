// Small text helpers shared by the validators.
#pragma once

#include <string>
#include <string_view>

namespace selfdirect {

// `text` without leading and trailing spaces, tabs and line ends.
inline std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace selfdirect
