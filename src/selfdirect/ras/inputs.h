// A person's answers to a model, validated into the compact form the evaluators use.
//
// Inputs are numbered as in Model: questions first, then attributes. Each is one int64:
// the index of the chosen option, a number in micros, the index of a category value, or 0/1
// for yes/no.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

using Inputs = std::vector<std::int64_t>;

// Validates every answer against the model. Fails with kInvalidArgument and one FieldError per
// missing, unknown, duplicated, mistyped or out-of-range answer (all of them, not the first);
// the field is the input id.
Result<Inputs> ValidateAnswers(const Model& model, const RawAnswers& answers);

// Reads one input from text (a CSV cell): an option code, a number, a category code, or
// yes/no/true/false. On failure returns false and sets *why to a plain-English reason.
bool ParseInputCell(const Model& model, int input, std::string_view cell, std::int64_t* out,
                    std::string* why);

// The id of input `input` (a question's or an attribute's).
const std::string& InputId(const Model& model, int input);

// What the person answered, in words: the option's text, the number, the category's text,
// "yes" or "no".
std::string AnswerText(const Model& model, int input, std::int64_t value);

}  // namespace selfdirect::ras
