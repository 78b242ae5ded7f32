// The expression language of RAS models (docs/ras-models.md, "Expressions").
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

// Where an expression's text starts in the file. `quoted` when the text was in quotes in YAML
// (its first character is one column after the quote). `single_line` is false for block text,
// whose positions after the first line cannot be mapped back exactly.
struct ExpressionSource {
  SourceLocation start;
  bool quoted = false;
};

// Parses `text`. On failure returns nullptr and appends each problem (with its line and
// column) to `problems`. Nesting deeper than 100 levels is refused, never a crash.
std::unique_ptr<Expr> ParseExpression(std::string_view text, const ExpressionSource& source,
                                      Problems* problems);

// The expression written back out in the language's own syntax (for messages and the public
// page): `min(hygiene + toilet, 24)`.
std::string ExpressionText(const Expr& expr);

}  // namespace selfdirect::ras
