// JSON forms of RAS answers and explanations, shared by the API and the CLI.
#pragma once

#include <string>
#include <string_view>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model.h"

namespace selfdirect::http {

// Reads a JSON object of input id → answer (a code in quotes, a number, true/false). Fails
// with kInvalidArgument when the text is not a JSON object; each answer's kind is kept so the
// model can refuse a string where a number belongs.
Result<ras::RawAnswers> ParseAnswersJson(std::string_view text);

// {"model", "version", "period", "amount_pence", "amount", "explanation": [...]}.
std::string ExplanationJson(const ras::Model& model, const ras::Explanation& explanation);

}  // namespace selfdirect::http
