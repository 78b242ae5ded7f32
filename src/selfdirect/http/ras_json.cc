#include "selfdirect/http/ras_json.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "selfdirect/core/pence.h"
#include "selfdirect/ras/decimal.h"

namespace selfdirect::http {

Result<ras::RawAnswers> ParseAnswersJson(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 8;
  std::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) {
    return Fail(ErrorCode::kInvalidArgument,
                "The answers are not valid JSON (" + ec.message() + ")");
  }
  if (!value.is_object()) {
    return Fail(ErrorCode::kInvalidArgument,
                "The answers should be a JSON object of question id to answer, like "
                "{\"washing\": \"b\", \"age\": 67}");
  }
  ras::RawAnswers answers;
  for (const auto& [key, answer] : value.as_object()) {
    ras::RawAnswer raw;
    switch (answer.kind()) {
      case boost::json::kind::string:
        raw.kind = ras::RawAnswer::Kind::kText;
        raw.text = std::string(answer.as_string());
        break;
      case boost::json::kind::int64:
        raw.kind = ras::RawAnswer::Kind::kNumber;
        raw.text = std::to_string(answer.as_int64());
        break;
      case boost::json::kind::uint64:
        raw.kind = ras::RawAnswer::Kind::kNumber;
        raw.text = std::to_string(answer.as_uint64());
        break;
      case boost::json::kind::double_:
        raw.kind = ras::RawAnswer::Kind::kNumber;
        raw.text = fmt::format("{}", answer.as_double());  // shortest exact round trip
        break;
      case boost::json::kind::bool_:
        raw.kind = ras::RawAnswer::Kind::kYesNo;
        raw.yes = answer.as_bool();
        break;
      default:
        raw.kind = ras::RawAnswer::Kind::kOther;
        raw.text = answer.is_null() ? "null" : "a list or object";
        break;
    }
    answers.emplace_back(std::string(key), std::move(raw));
  }
  return answers;
}

std::string ExplanationJson(const ras::Model& model, const ras::Explanation& explanation) {
  boost::json::array lines;
  for (const ras::ExplanationLine& line : explanation.lines) {
    boost::json::object o;
    o["kind"] = ras::ExplanationKindName(line.kind);
    if (!line.id.empty()) o["id"] = line.id;
    o["text"] = line.text;
    if (line.amount_pence) o["amount_pence"] = *line.amount_pence;
    if (line.value_micros) o["value"] = ras::FormatMicros(*line.value_micros);
    lines.push_back(std::move(o));
  }
  boost::json::object out;
  out["model"] = model.id;
  out["version"] = model.version;
  out["period"] = ras::PeriodName(model.period);
  out["amount_pence"] = explanation.amount_pence;
  out["amount"] = FormatPounds(Pence(explanation.amount_pence));
  out["explanation"] = std::move(lines);
  return boost::json::serialize(out);
}

}  // namespace selfdirect::http
