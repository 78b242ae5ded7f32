// A Resource Allocation System model: the published data file a council's analyst writes
// (docs/ras-models.md), as a syntax tree with the place in the file every part came from.
//
// LoadModel (model_loader.h) parses a file into a Model and checks it; only a checked Model is
// compiled or evaluated. The checker fills in each name's resolution, each expression's type
// and the range of values it can take, and the order the named values are computed in.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "selfdirect/core/pence.h"

namespace selfdirect::ras {

// 1-based line and column in the model file; 0 when unknown.
struct SourceLocation {
  int line = 0;
  int column = 0;
};

// Where a plain scalar sits in the model file's text, so that a tool (ras calibrate) can write
// a new value in its place and keep every comment and line of layout. `length` 0: unknown.
struct TextSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
};

// One thing wrong with a model, shown as `file:line:column: message`.
struct Problem {
  SourceLocation where;
  std::string message;
};
using Problems = std::vector<Problem>;

// "models/x.yaml:12:7: message" (or "models/x.yaml: message" without a location).
std::string FormatProblem(const std::string& file, const Problem& problem);

enum class ValueType { kUnknown, kNumber, kYesNo, kCategory, kText };

// The closed interval of values (in micros) a number expression can take. The checker uses
// it to find division by zero, square roots of negatives, negative allocations and tables
// that miss a key; `whole` says every value is a whole number.
struct Range {
  double low = 0;
  double high = 0;
  bool whole = false;
};

enum class ExprKind {
  kNumber,  // literal; `number`
  kText,    // "literal"; `text`
  kName,    // a named value; `text`, resolved to `symbol`
  kNegate,  // -a
  kNot,     // not a
  kBinary,  // a op b
  kIf,      // children: cond, then, [cond, then]..., else
  kMatch,   // children: subject, arm..., [else]; arm_codes per arm; has_else
  kIn,      // children: subject; arm_codes are the listed values
  kCall,    // text = function name; children = arguments
};

enum class BinaryOp { kAdd, kSub, kMul, kDiv, kPow, kEq, kNe, kLt, kLe, kGt, kGe, kAnd, kOr };

enum class SymbolKind { kNone, kQuestion, kAttribute, kParameter, kDerived, kBand, kTable };

struct Symbol {
  SymbolKind kind = SymbolKind::kNone;
  int index = -1;
};

struct Expr {
  ExprKind kind = ExprKind::kNumber;
  BinaryOp op = BinaryOp::kAdd;
  SourceLocation where;
  std::int64_t number = 0;
  std::string text;
  std::vector<std::unique_ptr<Expr>> children;
  std::vector<std::string> arm_codes;  // kMatch / kIn: the category codes, in order
  bool has_else = false;

  // Filled in by the checker.
  Symbol symbol;  // kName
  ValueType type = ValueType::kUnknown;
  int category_attribute = -1;     // the attribute whose values a category expression takes
  std::vector<int> arm_values;     // kMatch / kIn: value index of each arm code
  std::vector<int> group_members;  // total(g): the questions in the group
  Range range;
};

struct AnswerOption {
  std::string code;
  std::string text;
  std::int64_t score = 0;  // micros
  SourceLocation where;
};

struct Question {
  std::string id;
  std::string text;
  std::string outcome;
  std::string group;
  std::vector<AnswerOption> options;  // empty for a number question
  bool is_number = false;
  std::int64_t min = 0;  // micros; number questions
  std::int64_t max = 0;
  bool integer = false;
  SourceLocation where;
};

enum class AttributeType { kNumber, kCategory, kYesNo };

struct CategoryValue {
  std::string code;
  std::string text;
};

struct Attribute {
  std::string id;
  std::string label;
  AttributeType type = AttributeType::kNumber;
  std::int64_t min = 0;
  std::int64_t max = 0;
  bool integer = false;
  std::vector<CategoryValue> values;
  SourceLocation where;
};

struct Parameter {
  std::string id;
  std::string label;
  std::int64_t value = 0;
  bool fit = false;
  SourceLocation where;
  TextSpan value_span;
};

struct Derived {
  std::string id;
  std::string label;
  std::unique_ptr<Expr> value;
  SourceLocation where;
};

struct Band {
  std::optional<std::int64_t> at_least;
  std::optional<std::int64_t> below;
  std::unique_ptr<Expr> value;
  std::string label;
  SourceLocation where;
  TextSpan value_span;
};

struct BandTable {
  std::string id;
  std::string label;
  std::unique_ptr<Expr> of;
  std::vector<Band> bands;
  bool fit = false;  // every band's value that is a plain number may be calibrated
  SourceLocation where;
};

struct TableCell {
  std::vector<std::string> key_texts;    // one per key, as written
  std::vector<std::int64_t> key_values;  // filled by the checker: value index or whole number
  std::unique_ptr<Expr> value;
  SourceLocation where;
  TextSpan value_span;
};

struct Table {
  std::string id;
  std::string label;
  std::vector<std::unique_ptr<Expr>> keys;  // one or two
  std::vector<TableCell> cells;
  bool fit = false;  // every amount that is a plain number may be calibrated
  SourceLocation where;
  // Filled by the checker: per key, the lowest key value and how many values it can take,
  // and the cell for each combination (row-major), so a lookup is one index computation.
  std::vector<std::int64_t> key_low;
  std::vector<std::int64_t> key_count;
  std::vector<int> cell_at;
};

struct NamedAmount {
  std::string id;
  std::string label;
  std::unique_ptr<Expr> value;
  SourceLocation where;
};

enum class Transform { kNone, kSquare };
enum class Period { kWeekly, kAnnual };

struct Allocation {
  std::unique_ptr<Expr> value;
  Transform transform = Transform::kNone;
  std::vector<NamedAmount> add_ons;
  std::optional<NamedAmount> scale;
  std::optional<NamedAmount> floor;
  std::optional<NamedAmount> ceiling;
  SourceLocation where;
};

// One answer as it arrived, before the model is consulted. kCell is text whose meaning
// depends on the input (a CSV cell); kText is text that must be a code (a JSON string).
struct RawAnswer {
  enum class Kind { kText, kNumber, kYesNo, kCell, kOther };
  Kind kind = Kind::kCell;
  std::string text;  // kText, kCell; kNumber: the number as written; kOther: what it was
  bool yes = false;  // kYesNo
};
using RawAnswers = std::vector<std::pair<std::string, RawAnswer>>;

// A worked example carried in the model file: answers and the pence they must give. The
// check evaluates every example; the public page shows them.
struct Example {
  std::string description;
  RawAnswers answers;
  std::int64_t amount_pence = 0;
  SourceLocation where;
  TextSpan amount_span;
};

// Where a named value sits in the order of computation.
struct Step {
  SymbolKind kind = SymbolKind::kDerived;  // kDerived, kBand or kTable
  int index = 0;
};

struct Model {
  std::string file;  // as given to LoadModel, for messages
  std::string id;
  std::int64_t version = 0;
  std::string effective_from;  // YYYY-MM-DD
  std::string currency;
  Period period = Period::kWeekly;
  RoundingRule rounding = RoundingRule::kHalfUp;
  std::string title;
  std::string description;
  std::string score_word = "points";
  TextSpan version_span;
  // The lines of the top-level `fit` section (statistics a calibration recorded), [first, end)
  // as 1-based line numbers; first 0 when there is none.
  int fit_first_line = 0;
  int fit_end_line = 0;

  std::vector<Question> questions;
  std::vector<Attribute> attributes;
  std::vector<Parameter> parameters;
  std::vector<Derived> derived;
  std::vector<BandTable> bands;
  std::vector<Table> tables;
  Allocation allocation;
  std::vector<Example> examples;

  // Filled by the checker: derived values, bands and tables in an order where each comes
  // after everything it uses.
  std::vector<Step> order;

  // Inputs are numbered questions first, then attributes.
  int input_count() const { return static_cast<int>(questions.size() + attributes.size()); }
};

const char* PeriodName(Period period);             // "weekly" | "annual"
const char* PeriodPhrase(Period period);           // "a week" | "a year"
const char* OutcomeName(const std::string& code);  // "maintaining personal hygiene"; "" if unknown

}  // namespace selfdirect::ras
