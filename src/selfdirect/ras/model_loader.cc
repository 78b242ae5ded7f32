// yaml-cpp lives in this translation unit only.
#include "selfdirect/ras/model_loader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <utility>

#include "selfdirect/ras/check.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/expression.h"
#include "selfdirect/ras/inputs.h"

namespace selfdirect::ras {
namespace {

bool IsIdentifier(const std::string& text) {
  if (text.empty() || text.size() > 64 || text[0] < 'a' || text[0] > 'z') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsModelId(const std::string& text) {
  if (text.empty() || text.size() > 64 || text[0] < 'a' || text[0] > 'z') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

const char* const kOutcomes[] = {"nutrition",   "hygiene",         "toilet",        "clothing",
                                 "home_safety", "habitable_home",  "relationships", "work_learning",
                                 "community",   "caring_for_child"};

class Loader {
 public:
  explicit Loader(std::string_view text) : text_(text) {}

  Problems& problems() { return problems_; }

  SourceLocation Where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
  }

  // The plain scalar's place in the text, when the text there is exactly the scalar.
  TextSpan Span(const YAML::Node& node) const {
    if (!node || !node.IsScalar() || node.Mark().pos < 0) return {};
    const auto offset = static_cast<std::size_t>(node.Mark().pos);
    const std::string& scalar = node.Scalar();
    if (text_.substr(offset, scalar.size()) != scalar) return {};
    return {offset, scalar.size()};
  }

  void Problem(const YAML::Node& node, std::string message) {
    problems_.push_back({Where(node), std::move(message)});
  }
  void Problem(SourceLocation where, std::string message) {
    problems_.push_back({where, std::move(message)});
  }

  // Checks that `node` is a map with only `allowed` keys and every `required` key present.
  bool CheckMap(const YAML::Node& node, const std::string& what,
                std::initializer_list<const char*> required,
                std::initializer_list<const char*> optional) {
    if (!node.IsMap()) {
      Problem(node, fmt::format("{} should be a set of \"key: value\" lines", what));
      return false;
    }
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const bool known =
          std::any_of(required.begin(), required.end(), [&](const char* k) { return key == k; }) ||
          std::any_of(optional.begin(), optional.end(), [&](const char* k) { return key == k; });
      if (!known) {
        std::string all;
        for (const char* k : required) all += std::string(all.empty() ? "" : ", ") + k;
        for (const char* k : optional) all += std::string(all.empty() ? "" : ", ") + k;
        Problem(entry.first,
                fmt::format("{} has no setting \"{}\"; it may have: {}", what, key, all));
      }
    }
    bool ok = true;
    for (const char* k : required) {
      if (!node[k]) {
        Problem(node, fmt::format("{} needs \"{}\"", what, k));
        ok = false;
      }
    }
    return ok;
  }

  std::string Text(const YAML::Node& node, const std::string& what) {
    if (!node) return "";
    if (!node.IsScalar()) {
      Problem(node, fmt::format("{} should be text", what));
      return "";
    }
    return node.Scalar();
  }

  std::string Id(const YAML::Node& node, const std::string& what) {
    std::string id = Text(node, what);
    if (node && node.IsScalar() && !IsIdentifier(id)) {
      Problem(node, fmt::format("{} \"{}\" should be lower-case letters, digits and _, starting "
                                "with a letter (at most 64)",
                                what, id));
    }
    return id;
  }

  std::optional<std::int64_t> Number(const YAML::Node& node, const std::string& what) {
    if (!node) return std::nullopt;
    if (!node.IsScalar()) {
      Problem(node, fmt::format("{} should be a number", what));
      return std::nullopt;
    }
    auto value = ParseMicros(node.Scalar());
    if (!value) {
      Problem(node, fmt::format("{}: {}", what, value.error().message));
      return std::nullopt;
    }
    return *value;
  }

  bool Flag(const YAML::Node& node, const std::string& what) {
    if (!node) return false;
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    if (text == "true" || text == "yes") return true;
    if (text == "false" || text == "no") return false;
    Problem(node, fmt::format("{} should be true or false", what));
    return false;
  }

  std::unique_ptr<Expr> Expression(const YAML::Node& node, const std::string& what) {
    if (!node) return nullptr;
    if (!node.IsScalar() || node.Scalar().empty()) {
      Problem(node, fmt::format("{} should be an expression, like \"min(a + b, 24)\"", what));
      return nullptr;
    }
    ExpressionSource source;
    source.start = Where(node);
    // The mark points at the scalar's first character in the file: a quote, a block
    // indicator (| or >), or the text itself.
    const std::size_t offset =
        node.Mark().pos >= 0 ? static_cast<std::size_t>(node.Mark().pos) : text_.size();
    if (offset < text_.size()) {
      const char first = text_[offset];
      if (first == '"' || first == '\'') {
        source.quoted = true;
      } else if (first == '|' || first == '>') {
        // Block text starts on the next line, after its indentation.
        std::size_t line_start = text_.find('\n', offset);
        if (line_start != std::string_view::npos) {
          ++line_start;
          std::size_t column = 0;
          while (line_start + column < text_.size() && text_[line_start + column] == ' ') {
            ++column;
          }
          source.start = {source.start.line + 1, static_cast<int>(column) + 1};
        }
      }
    }
    return ParseExpression(node.Scalar(), source, &problems_);
  }

  template <typename Fn>
  void List(const YAML::Node& node, const std::string& what, Fn each) {
    if (!node) return;
    if (!node.IsSequence()) {
      Problem(node, fmt::format("{} should be a list (lines starting with \"- \")", what));
      return;
    }
    for (const auto& item : node) each(item);
  }

  void Load(const YAML::Node& root, Model* model) {
    if (!CheckMap(root, "The model",
                  {"format", "id", "version", "effective_from", "currency", "period", "rounding",
                   "title", "description", "allocation"},
                  {"score_word", "questions", "attributes", "parameters", "derived", "bands",
                   "tables", "examples", "fit"})) {
      if (!root.IsMap()) return;
    }
    if (root["format"] && Text(root["format"], "format") != "selfdirect-ras/1") {
      Problem(root["format"], "format should be selfdirect-ras/1");
    }
    model->id = Text(root["id"], "id");
    if (root["id"] && !IsModelId(model->id)) {
      Problem(root["id"], "id should be lower-case letters, digits and dashes, like shire-points");
    }
    if (auto version = Number(root["version"], "version")) {
      if (*version <= 0 || *version % kMicros != 0) {
        Problem(root["version"], "version should be a whole number, 1 or more");
      } else {
        model->version = *version / kMicros;
        model->version_span = Span(root["version"]);
      }
    }
    model->effective_from = Text(root["effective_from"], "effective_from");
    if (root["effective_from"] && !ValidDate(model->effective_from)) {
      Problem(root["effective_from"], "effective_from should be a date like 2026-04-01");
    }
    model->currency = Text(root["currency"], "currency");
    if (root["currency"] && model->currency != "GBP") {
      Problem(root["currency"], "currency should be GBP");
    }
    if (root["period"]) {
      const std::string period = Text(root["period"], "period");
      if (period == "weekly") {
        model->period = Period::kWeekly;
      } else if (period == "annual") {
        model->period = Period::kAnnual;
      } else {
        Problem(root["period"], "period should be weekly or annual");
      }
    }
    if (root["rounding"]) {
      const std::string rounding = Text(root["rounding"], "rounding");
      if (rounding == "half_up") {
        model->rounding = RoundingRule::kHalfUp;
      } else if (rounding == "half_even") {
        model->rounding = RoundingRule::kHalfEven;
      } else if (rounding == "down") {
        model->rounding = RoundingRule::kDown;
      } else if (rounding == "up") {
        model->rounding = RoundingRule::kUp;
      } else {
        Problem(root["rounding"], "rounding should be half_up, half_even, down or up");
      }
    }
    model->title = Text(root["title"], "title");
    model->description = Text(root["description"], "description");
    if (root["score_word"]) model->score_word = Text(root["score_word"], "score_word");

    List(root["questions"], "questions", [&](const YAML::Node& n) { LoadQuestion(n, model); });
    List(root["attributes"], "attributes", [&](const YAML::Node& n) { LoadAttribute(n, model); });
    List(root["parameters"], "parameters", [&](const YAML::Node& n) { LoadParameter(n, model); });
    List(root["derived"], "derived", [&](const YAML::Node& n) {
      if (!CheckMap(n, "A derived value", {"id", "label", "value"}, {})) return;
      Derived d;
      d.id = Id(n["id"], "A derived value's id");
      d.label = Text(n["label"], "label");
      d.value = Expression(n["value"], "value");
      d.where = Where(n);
      model->derived.push_back(std::move(d));
    });
    List(root["bands"], "bands", [&](const YAML::Node& n) { LoadBands(n, model); });
    List(root["tables"], "tables", [&](const YAML::Node& n) { LoadTable(n, model); });
    if (root["allocation"]) LoadAllocation(root["allocation"], model);
    List(root["examples"], "examples", [&](const YAML::Node& n) { LoadExample(n, model); });
    LocateFitSection(root, model);
  }

  // The top-level `fit` section records a calibration's statistics for readers; nothing is
  // computed from it. Its lines are remembered so a new calibration can replace them.
  void LocateFitSection(const YAML::Node& root, Model* model) {
    for (const auto& entry : root) {
      if (entry.first.Scalar() != "fit") continue;
      if (!entry.second.IsMap()) Problem(entry.second, "fit should be \"key: value\" lines");
      const int first = Where(entry.first).line;
      // The section runs to the next line that starts in column 1 with a key, or the end.
      int line = 1;
      std::size_t pos = 0;
      int end = 0;
      while (pos < text_.size()) {
        const std::size_t next = text_.find('\n', pos);
        const std::size_t stop = next == std::string_view::npos ? text_.size() : next;
        if (line > first && stop > pos && text_[pos] != ' ' && text_[pos] != '#' &&
            text_[pos] != '\r') {
          end = line;
          break;
        }
        if (next == std::string_view::npos) break;
        pos = next + 1;
        ++line;
      }
      model->fit_first_line = first;
      model->fit_end_line = end == 0 ? line + 1 : end;
    }
  }

  void LoadExample(const YAML::Node& n, Model* model) {
    if (!CheckMap(n, "An example", {"description", "answers", "amount_pence"}, {})) return;
    Example example;
    example.description = Text(n["description"], "description");
    example.where = Where(n);
    const YAML::Node answers = n["answers"];
    if (!answers.IsMap()) {
      Problem(answers, "An example's answers should be \"id: answer\" lines");
      return;
    }
    for (const auto& entry : answers) {
      RawAnswer raw;
      // A plain scalar is read as its input expects (like a CSV cell); quoted text is text.
      raw.kind = entry.second.Tag() == "!" ? RawAnswer::Kind::kText : RawAnswer::Kind::kCell;
      if (!entry.second.IsScalar()) {
        raw.kind = RawAnswer::Kind::kOther;
        raw.text = "a list or map";
      } else {
        raw.text = entry.second.Scalar();
      }
      example.answers.emplace_back(entry.first.Scalar(), std::move(raw));
    }
    const auto amount = Number(n["amount_pence"], "amount_pence");
    if (amount && *amount % kMicros != 0) {
      Problem(n["amount_pence"], "amount_pence should be a whole number of pence");
    } else if (amount) {
      example.amount_pence = *amount / kMicros;
      example.amount_span = Span(n["amount_pence"]);
    }
    model->examples.push_back(std::move(example));
  }

  static bool ValidDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  void LoadQuestion(const YAML::Node& n, Model* model) {
    if (!CheckMap(n, "A question", {"id", "text"}, {"outcome", "group", "options", "number"})) {
      return;
    }
    Question q;
    q.id = Id(n["id"], "A question's id");
    q.text = Text(n["text"], "text");
    q.outcome = Text(n["outcome"], "outcome");
    q.where = Where(n);
    if (n["outcome"] && std::none_of(std::begin(kOutcomes), std::end(kOutcomes),
                                     [&](const char* o) { return q.outcome == o; })) {
      Problem(n["outcome"], fmt::format("\"{}\" is not one of the ten outcomes: nutrition, "
                                        "hygiene, toilet, clothing, home_safety, habitable_home, "
                                        "relationships, work_learning, community, "
                                        "caring_for_child",
                                        q.outcome));
    }
    if (n["group"]) {
      q.group = Id(n["group"], "A question's group");
      if (std::any_of(std::begin(kOutcomes), std::end(kOutcomes),
                      [&](const char* o) { return q.group == o; })) {
        Problem(n["group"], fmt::format("\"{}\" is an outcome; total({}) already sums its "
                                        "questions, so give the group another name",
                                        q.group, q.group));
      }
    }
    if (n["options"] && n["number"]) {
      Problem(n, fmt::format("Question \"{}\" has both options and a number; give one", q.id));
    } else if (!n["options"] && !n["number"]) {
      Problem(n,
              fmt::format("Question \"{}\" needs options (with scores) or a number range", q.id));
    }
    std::set<std::string> codes;
    List(n["options"], "options", [&](const YAML::Node& o) {
      if (!o.IsMap()) {
        Problem(o, "An option should be {code: ..., text: ..., score: ...}");
        return;
      }
      CheckMap(o, "An option", {"code", "text"}, {"score"});
      AnswerOption option;
      option.code = Text(o["code"], "code");
      option.text = Text(o["text"], "text");
      option.where = Where(o);
      if (!o["score"]) {
        Problem(o, fmt::format("Option \"{}\" of question \"{}\" has no score", option.code, q.id));
      } else if (auto score = Number(o["score"], "score")) {
        option.score = *score;
      }
      if (!option.code.empty() && !codes.insert(option.code).second) {
        Problem(o["code"],
                fmt::format("Question \"{}\" has two options with code \"{}\"", q.id, option.code));
      }
      q.options.push_back(std::move(option));
    });
    if (n["options"] && n["options"].IsSequence() && n["options"].size() < 2) {
      Problem(n["options"], fmt::format("Question \"{}\" needs at least two options", q.id));
    }
    if (const YAML::Node number = n["number"]) {
      q.is_number = true;
      if (CheckMap(number, "A number question's range", {"min", "max"}, {"integer"})) {
        q.min = Number(number["min"], "min").value_or(0);
        q.max = Number(number["max"], "max").value_or(0);
        q.integer = Flag(number["integer"], "integer");
        if (q.min > q.max) Problem(number, "min should not be more than max");
      }
    }
    model->questions.push_back(std::move(q));
  }

  void LoadAttribute(const YAML::Node& n, Model* model) {
    if (!CheckMap(n, "An attribute", {"id", "label", "type"},
                  {"min", "max", "integer", "values"})) {
      return;
    }
    Attribute a;
    a.id = Id(n["id"], "An attribute's id");
    a.label = Text(n["label"], "label");
    a.where = Where(n);
    const std::string type = Text(n["type"], "type");
    if (type == "number") {
      a.type = AttributeType::kNumber;
      if (!n["min"] || !n["max"]) {
        Problem(n, fmt::format("Attribute \"{}\" is a number, so it needs min and max", a.id));
      }
      a.min = Number(n["min"], "min").value_or(0);
      a.max = Number(n["max"], "max").value_or(0);
      a.integer = Flag(n["integer"], "integer");
      if (a.min > a.max) Problem(n, "min should not be more than max");
    } else if (type == "category") {
      a.type = AttributeType::kCategory;
      std::set<std::string> codes;
      List(n["values"], "values", [&](const YAML::Node& v) {
        if (!CheckMap(v, "A category value", {"code", "text"}, {})) return;
        CategoryValue value{Text(v["code"], "code"), Text(v["text"], "text")};
        if (!codes.insert(value.code).second) {
          Problem(v["code"], fmt::format("Attribute \"{}\" lists \"{}\" twice", a.id, value.code));
        }
        a.values.push_back(std::move(value));
      });
      if (a.values.size() > 60) {
        Problem(n, fmt::format("Attribute \"{}\" has {} values; a category may have at most 60",
                               a.id, a.values.size()));
      } else if (a.values.size() < 2) {
        Problem(n, fmt::format("Attribute \"{}\" is a category, so it needs at least two values",
                               a.id));
      }
    } else if (type == "yes_no") {
      a.type = AttributeType::kYesNo;
    } else {
      Problem(n["type"], "type should be number, category or yes_no");
    }
    model->attributes.push_back(std::move(a));
  }

  void LoadParameter(const YAML::Node& n, Model* model) {
    if (!CheckMap(n, "A parameter", {"id", "label", "value"}, {"fit"})) return;
    Parameter p;
    p.id = Id(n["id"], "A parameter's id");
    p.label = Text(n["label"], "label");
    p.value = Number(n["value"], "value").value_or(0);
    p.fit = Flag(n["fit"], "fit");
    p.where = Where(n);
    p.value_span = Span(n["value"]);
    model->parameters.push_back(std::move(p));
  }

  void LoadBands(const YAML::Node& n, Model* model) {
    if (!CheckMap(n, "A band table", {"id", "label", "of", "bands"}, {"fit"})) return;
    BandTable table;
    table.id = Id(n["id"], "A band table's id");
    table.label = Text(n["label"], "label");
    table.of = Expression(n["of"], "of");
    table.fit = Flag(n["fit"], "fit");
    table.where = Where(n);
    List(n["bands"], "bands", [&](const YAML::Node& b) {
      if (!CheckMap(b, "A band", {"value", "label"}, {"at_least", "below"})) return;
      Band band;
      band.at_least = Number(b["at_least"], "at_least");
      band.below = Number(b["below"], "below");
      band.value = Expression(b["value"], "value");
      band.label = Text(b["label"], "label");
      band.where = Where(b);
      band.value_span = Span(b["value"]);
      table.bands.push_back(std::move(band));
    });
    model->bands.push_back(std::move(table));
  }

  void LoadTable(const YAML::Node& n, Model* model) {
    if (!CheckMap(n, "A table", {"id", "label", "keys", "values"}, {"fit"})) return;
    Table table;
    table.id = Id(n["id"], "A table's id");
    table.label = Text(n["label"], "label");
    table.fit = Flag(n["fit"], "fit");
    table.where = Where(n);
    List(n["keys"], "keys", [&](const YAML::Node& k) {
      if (auto key = Expression(k, "A table key")) table.keys.push_back(std::move(key));
    });
    if (table.keys.empty() || table.keys.size() > 2) {
      Problem(n["keys"], "A table has one or two keys, like [level, living_setting]");
      model->tables.push_back(std::move(table));
      return;
    }
    const YAML::Node values = n["values"];
    if (!values.IsMap()) {
      Problem(values, "A table's values should be \"key: amount\" lines");
      model->tables.push_back(std::move(table));
      return;
    }
    for (const auto& row : values) {
      if (table.keys.size() == 1) {
        TableCell cell;
        cell.key_texts = {row.first.Scalar()};
        cell.value = Expression(row.second, "A table's amount");
        cell.where = Where(row.first);
        cell.value_span = Span(row.second);
        table.cells.push_back(std::move(cell));
        continue;
      }
      if (!row.second.IsMap()) {
        Problem(row.second, "With two keys, each row should be \"key: {key: amount, ...}\"");
        continue;
      }
      for (const auto& column : row.second) {
        TableCell cell;
        cell.key_texts = {row.first.Scalar(), column.first.Scalar()};
        cell.value = Expression(column.second, "A table's amount");
        cell.where = Where(column.first);
        cell.value_span = Span(column.second);
        table.cells.push_back(std::move(cell));
      }
    }
    model->tables.push_back(std::move(table));
  }

  std::optional<NamedAmount> Amount(const YAML::Node& n, const std::string& what) {
    if (!n) return std::nullopt;
    if (!CheckMap(n, what, {"value", "label"}, {})) return std::nullopt;
    NamedAmount amount;
    amount.id = what;
    amount.label = Text(n["label"], "label");
    amount.value = Expression(n["value"], "value");
    amount.where = Where(n);
    return amount;
  }

  void LoadAllocation(const YAML::Node& n, Model* model) {
    Allocation& a = model->allocation;
    a.where = Where(n);
    if (!CheckMap(n, "The allocation", {"value"},
                  {"transform", "add_ons", "scale", "floor", "ceiling"})) {
      return;
    }
    a.value = Expression(n["value"], "The allocation's value");
    if (n["transform"]) {
      const std::string transform = Text(n["transform"], "transform");
      if (transform == "none") {
        a.transform = Transform::kNone;
      } else if (transform == "square") {
        a.transform = Transform::kSquare;
      } else {
        Problem(n["transform"], "transform should be none or square");
      }
    }
    List(n["add_ons"], "add_ons", [&](const YAML::Node& o) {
      if (!CheckMap(o, "An add-on", {"id", "label", "value"}, {})) return;
      NamedAmount amount;
      amount.id = Id(o["id"], "An add-on's id");
      amount.label = Text(o["label"], "label");
      amount.value = Expression(o["value"], "value");
      amount.where = Where(o);
      a.add_ons.push_back(std::move(amount));
    });
    a.scale = Amount(n["scale"], "scale");
    a.floor = Amount(n["floor"], "floor");
    a.ceiling = Amount(n["ceiling"], "ceiling");
  }

 private:
  std::string_view text_;
  Problems problems_;
};

}  // namespace

Problems CheckExamples(const Model& model) {
  Problems out;
  Problems* problems = &out;
  for (const Example& example : model.examples) {
    auto inputs = ValidateAnswers(model, example.answers);
    if (!inputs) {
      for (const FieldError& field : inputs.error().fields) {
        problems->push_back(
            {example.where, fmt::format("Example \"{}\": {} {}", example.description, field.field,
                                        field.message)});
      }
      continue;
    }
    auto explanation = Explain(model, *inputs);
    if (!explanation) {
      problems->push_back({example.where, fmt::format("Example \"{}\": {}", example.description,
                                                      explanation.error().message)});
    } else if (explanation->amount_pence != example.amount_pence) {
      problems->push_back(
          {example.where,
           fmt::format("Example \"{}\" should give {} {} but the model gives {}",
                       example.description, FormatPounds(Pence(example.amount_pence)),
                       PeriodPhrase(model.period),
                       FormatPounds(Pence(explanation->amount_pence)))});
    }
  }
  return out;
}

tl::expected<std::shared_ptr<const Model>, Problems> LoadModel(std::string_view yaml_text,
                                                               std::string file,
                                                               bool check_examples) {
  if (yaml_text.size() > kMaxModelBytes) {
    return tl::unexpected(Problems{
        {{},
         fmt::format("The file is {:.1f} MB; a model file may be at most 1 MB. Is this the "
                     "right file?",
                     static_cast<double>(yaml_text.size()) / 1e6)}});
  }
  if (yaml_text.find('\0') != std::string_view::npos) {
    return tl::unexpected(Problems{{{}, "The file contains a NUL byte; it is not a text file"}});
  }
  auto model = std::make_shared<Model>();
  model->file = std::move(file);
  Loader loader(yaml_text);
  bool parsed = false;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap()) {
      return tl::unexpected(
          Problems{{{1, 1},
                    "This is not a RAS model: it should be YAML starting with lines like "
                    "\"format: selfdirect-ras/1\" and \"id: ...\""}});
    }
    loader.Load(root, model.get());
    parsed = true;
  } catch (const YAML::Exception& e) {
    Problem problem;
    if (!e.mark.is_null()) problem.where = {e.mark.line + 1, e.mark.column + 1};
    problem.message = "This is not valid YAML: " + e.msg;
    loader.problems().push_back(std::move(problem));
  } catch (const std::exception& e) {
    loader.problems().push_back({{}, std::string("The file could not be read: ") + e.what()});
  }
  Problems problems = std::move(loader.problems());
  // The checks run even when the loader found problems, so a model's author sees everything
  // at once; parts the loader could not read are skipped by the checker.
  if (parsed) CheckModel(model.get(), &problems);
  if (problems.empty() && check_examples) problems = CheckExamples(*model);
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    return tl::unexpected(std::move(problems));
  }
  return std::shared_ptr<const Model>(std::move(model));
}

}  // namespace selfdirect::ras
