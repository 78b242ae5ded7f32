// Helpers for reading query results into domain values. Used only inside store/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

// A stored value that fails to parse means the database was changed outside selfdirect.
inline Error CorruptValue(const std::string& what) {
  return Error{ErrorCode::kInternal, "stored value is not valid: " + what, {}};
}

// Runs a prepared query and reads every row with read_row (Statement → Result<T>).
template <typename T, typename ReadRow>
Result<std::vector<T>> Collect(Statement& st, ReadRow read_row) {
  std::vector<T> out;
  for (;;) {
    auto row = st.Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    auto item = read_row(st);
    if (!item) return tl::unexpected(item.error());
    out.push_back(std::move(*item));
  }
}

template <typename T>
Result<std::optional<T>> AtMostOne(Result<std::vector<T>> rows) {
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<T>{};
  return std::optional<T>(std::move(rows->front()));
}

}  // namespace selfdirect::store
