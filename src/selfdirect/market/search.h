// Searching the directory (issue #7, docs/market.md): the public "Find support" search by free
// text, need area, area served, day available, highest price and lowest CQC rating. This file
// checks what a searcher typed and turns the free text into plain words, so that the store can
// quote each one: no character of the query ever reaches the full-text engine as syntax.
//
//   auto query = ValidateDirectoryQuery({.q = "home care", .max_price = "25.00"});
//   if (!query) return 422 naming query.error().fields;   // "q", "max_price", …
//   // query->words == {"home", "care"}
//
// Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/services.h"

namespace selfdirect::market {

inline constexpr std::size_t kMaxQueryCharacters = 200;
inline constexpr std::size_t kMaxQueryWords = 12;
inline constexpr int kDefaultSearchLimit = 20;
inline constexpr int kMaxSearchLimit = 100;

// As typed (a query string's parameters).
struct DirectoryQueryRequest {
  std::string q, need_area, area, day, max_price, min_rating, limit, offset;
};

struct DirectoryQuery {
  std::vector<std::string> words;  // lower-case words of `q`, each searched as a word prefix
  std::string need_area;           // a NeedArea code, or ""
  std::string area;                // an area code, or ""
  std::optional<Weekday> day;
  std::optional<Pence> max_price;  // per unit, inclusive
  std::optional<CqcRating> min_rating;
  int limit = kDefaultSearchLimit;
  int offset = 0;
};

// Checks the query. Problems, each named: "q" (at most 200 characters: a longer one is refused
// rather than cut, so that the searcher knows); "need_area" (a NeedArea code); "area" (an area
// code); "day" ("mon" … "sun" or the day's name); "max_price" (pounds above £0.00); "min_rating"
// (outstanding, good, requires_improvement or inadequate); "limit" (1 to 100); "offset" (0 to
// 10,000). Every field may be empty. The words of `q` are its runs of letters and digits (any
// other character, including quotes, "*", "-", ":", "(" and ")", separates words), lower-cased
// (ASCII), at most 12 (later words are left out: Searched() says which were used).
Result<DirectoryQuery> ValidateDirectoryQuery(const DirectoryQueryRequest& request);

// The words searched for, joined by spaces, to show beside the results.
std::string Searched(const DirectoryQuery& query);

// True for an area code: 1 to 40 letters, digits, "-" or "_".
bool IsAreaCode(std::string_view text);

}  // namespace selfdirect::market
