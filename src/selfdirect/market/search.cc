#include "selfdirect/market/search.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "selfdirect/core/text.h"

namespace selfdirect::market {
namespace {

std::size_t Characters(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A letter or digit: ASCII ones, and every byte of a multi-byte UTF-8 character (so that "café"
// and "Llanelli" are single words). Everything else separates words.
bool WordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u);
}

std::optional<int> WholeNumber(std::string_view text, int low, int high) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < low || n > high) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

bool IsAreaCode(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

Result<DirectoryQuery> ValidateDirectoryQuery(const DirectoryQueryRequest& r) {
  std::vector<FieldError> errors;
  DirectoryQuery q;
  if (Characters(r.q) > kMaxQueryCharacters) {
    errors.push_back(
        {"q", fmt::format("Search for at most {} characters: use a few words that describe the "
                          "support you want, like \"help at home\"",
                          kMaxQueryCharacters)});
  } else {
    std::string word;
    auto flush = [&] {
      if (!word.empty() && q.words.size() < kMaxQueryWords) q.words.push_back(word);
      word.clear();
    };
    for (char c : r.q) {
      if (WordByte(c)) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else {
        flush();
      }
    }
    flush();
  }
  q.need_area = Trim(r.need_area);
  if (!q.need_area.empty() && !FindNeedArea(q.need_area)) {
    errors.push_back({"need_area", "Choose a need or outcome from the list"});
  }
  q.area = Trim(r.area);
  if (!q.area.empty() && !IsAreaCode(q.area)) {
    errors.push_back({"area", "Choose an area from the list"});
  }
  if (const std::string day = Trim(r.day); !day.empty()) {
    q.day = ParseWeekday(day);
    if (!q.day) errors.push_back({"day", "Choose a day of the week"});
  }
  if (const std::string price = Trim(r.max_price); !price.empty()) {
    auto pence = ParsePounds(price);
    if (!pence || pence->value() <= 0) {
      errors.push_back({"max_price",
                        "Enter the most you want to pay a unit in pounds, like 25 "
                        "or 25.50"});
    } else {
      q.max_price = *pence;
    }
  }
  if (const std::string rating = Trim(r.min_rating); !rating.empty()) {
    q.min_rating = ParseCqcRating(rating);
    if (!q.min_rating || *q.min_rating == CqcRating::kNotYetRated) {
      q.min_rating.reset();
      errors.push_back({"min_rating",
                        "Choose outstanding, good, requires improvement or "
                        "inadequate"});
    }
  }
  if (const std::string limit = Trim(r.limit); !limit.empty()) {
    auto n = WholeNumber(limit, 1, kMaxSearchLimit);
    if (!n) {
      errors.push_back({"limit", "Ask for 1 to 100 results at a time"});
    } else {
      q.limit = *n;
    }
  }
  if (const std::string offset = Trim(r.offset); !offset.empty()) {
    auto n = WholeNumber(offset, 0, 10'000);
    if (!n) {
      errors.push_back({"offset", "Start from result 0 to 10,000"});
    } else {
      q.offset = *n;
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors), "Check your search");
  return q;
}

std::string Searched(const DirectoryQuery& query) {
  std::string out;
  for (const std::string& w : query.words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace selfdirect::market
