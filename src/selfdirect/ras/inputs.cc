#include "selfdirect/ras/inputs.h"

#include <fmt/format.h>

#include <map>

#include "selfdirect/ras/decimal.h"

namespace selfdirect::ras {
namespace {

std::string Clip(std::string_view text) {
  if (text.size() <= 40) return std::string(text);
  return std::string(text.substr(0, 40)) + "…";
}

std::string OptionCodes(const Question& q) {
  std::string out;
  for (const AnswerOption& o : q.options) out += (out.empty() ? "" : ", ") + o.code;
  return out;
}

std::string ValueCodes(const Attribute& a) {
  std::string out;
  for (const CategoryValue& v : a.values) out += (out.empty() ? "" : ", ") + v.code;
  return out;
}

bool InRange(std::int64_t value, std::int64_t min, std::int64_t max, bool integer,
             std::string* why) {
  if (integer && value % kMicros != 0) {
    *why = fmt::format("{} should be a whole number", FormatMicros(value));
    return false;
  }
  if (value < min || value > max) {
    *why = fmt::format("{} is outside the range {} to {}", FormatMicros(value), FormatMicros(min),
                       FormatMicros(max));
    return false;
  }
  return true;
}

enum class Expect { kCode, kNumber, kYesNo };

// Checks the raw answer's kind before its content: a JSON string where a number belongs
// is refused even if the string holds digits.
bool KindFits(const RawAnswer& answer, Expect expect, std::string* why) {
  using Kind = RawAnswer::Kind;
  if (answer.kind == Kind::kCell) return true;
  switch (expect) {
    case Expect::kCode:
      if (answer.kind == Kind::kText) return true;
      *why = "should be one of the codes in quotes";
      return false;
    case Expect::kNumber:
      if (answer.kind == Kind::kNumber) return true;
      *why = answer.kind == Kind::kText
                 ? fmt::format("should be a number, not the text \"{}\"", Clip(answer.text))
                 : "should be a number";
      return false;
    case Expect::kYesNo:
      if (answer.kind == Kind::kYesNo) return true;
      if (answer.kind == Kind::kText && (answer.text == "yes" || answer.text == "no")) return true;
      *why = "should be true or false";
      return false;
  }
  return false;
}

Expect Expected(const Model& model, int input) {
  const int nq = static_cast<int>(model.questions.size());
  if (input < nq) return model.questions[input].is_number ? Expect::kNumber : Expect::kCode;
  const Attribute& a = model.attributes[input - nq];
  switch (a.type) {
    case AttributeType::kNumber:
      return Expect::kNumber;
    case AttributeType::kCategory:
      return Expect::kCode;
    case AttributeType::kYesNo:
      return Expect::kYesNo;
  }
  return Expect::kCode;
}

}  // namespace

const std::string& InputId(const Model& model, int input) {
  const int nq = static_cast<int>(model.questions.size());
  return input < nq ? model.questions[input].id : model.attributes[input - nq].id;
}

bool ParseInputCell(const Model& model, int input, std::string_view cell, std::int64_t* out,
                    std::string* why) {
  const int nq = static_cast<int>(model.questions.size());
  if (input < nq) {
    const Question& q = model.questions[input];
    if (q.is_number) {
      auto value = ParseMicros(cell);
      if (!value) {
        *why = value.error().message;
        return false;
      }
      if (!InRange(*value, q.min, q.max, q.integer, why)) return false;
      *out = *value;
      return true;
    }
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      if (q.options[i].code == cell) {
        *out = static_cast<std::int64_t>(i);
        return true;
      }
    }
    *why = fmt::format("\"{}\" is not one of the answers ({})", Clip(cell), OptionCodes(q));
    return false;
  }
  const Attribute& a = model.attributes[input - nq];
  switch (a.type) {
    case AttributeType::kNumber: {
      auto value = ParseMicros(cell);
      if (!value) {
        *why = value.error().message;
        return false;
      }
      if (!InRange(*value, a.min, a.max, a.integer, why)) return false;
      *out = *value;
      return true;
    }
    case AttributeType::kCategory:
      for (std::size_t i = 0; i < a.values.size(); ++i) {
        if (a.values[i].code == cell) {
          *out = static_cast<std::int64_t>(i);
          return true;
        }
      }
      *why = fmt::format("\"{}\" is not one of the values ({})", Clip(cell), ValueCodes(a));
      return false;
    case AttributeType::kYesNo:
      if (cell == "yes" || cell == "true") {
        *out = 1;
        return true;
      }
      if (cell == "no" || cell == "false") {
        *out = 0;
        return true;
      }
      *why = fmt::format("\"{}\" should be yes or no", Clip(cell));
      return false;
  }
  return false;
}

Result<Inputs> ValidateAnswers(const Model& model, const RawAnswers& answers) {
  // Answers usually come in the model's order: each is looked for where it would be first, and
  // the index by id is built only when one is out of place.
  std::map<std::string, int, std::less<>> index;
  auto find = [&](const std::string& id, int position) {
    if (position < model.input_count() && InputId(model, position) == id) return position;
    if (index.empty()) {
      for (int i = 0; i < model.input_count(); ++i) index.emplace(InputId(model, i), i);
    }
    auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
  };
  Inputs inputs(static_cast<std::size_t>(model.input_count()), 0);
  std::vector<bool> seen(inputs.size(), false);
  std::vector<FieldError> errors;
  int position = 0;
  for (const auto& [id, answer] : answers) {
    const int input = find(id, position++);
    if (input < 0) {
      errors.push_back(
          {id, fmt::format("\"{}\" is not a question or attribute of this model", Clip(id))});
      continue;
    }
    if (seen[input]) {
      errors.push_back({id, "is answered twice"});
      continue;
    }
    seen[input] = true;
    std::string why;
    if (!KindFits(answer, Expected(model, input), &why)) {
      errors.push_back({id, why});
      continue;
    }
    std::string_view text = answer.text;
    if (answer.kind == RawAnswer::Kind::kYesNo) text = answer.yes ? "yes" : "no";
    if (!ParseInputCell(model, input, text, &inputs[input], &why)) errors.push_back({id, why});
  }
  for (int i = 0; i < model.input_count(); ++i) {
    if (!seen[i]) errors.push_back({InputId(model, i), "has no answer"});
  }
  if (!errors.empty()) {
    return FailFields(std::move(errors),
                      "Some answers are missing or not ones this model accepts; nothing was "
                      "worked out");
  }
  return inputs;
}

std::string AnswerText(const Model& model, int input, std::int64_t value) {
  const int nq = static_cast<int>(model.questions.size());
  if (input < nq) {
    const Question& q = model.questions[input];
    if (q.is_number) return FormatMicros(value);
    return q.options[static_cast<std::size_t>(value)].text;
  }
  const Attribute& a = model.attributes[input - nq];
  switch (a.type) {
    case AttributeType::kNumber:
      return FormatMicros(value);
    case AttributeType::kCategory:
      return a.values[static_cast<std::size_t>(value)].text;
    case AttributeType::kYesNo:
      return value != 0 ? "yes" : "no";
  }
  return "";
}

}  // namespace selfdirect::ras
