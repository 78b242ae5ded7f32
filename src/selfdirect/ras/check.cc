#include "selfdirect/ras/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/expression.h"

namespace selfdirect::ras {
namespace {

constexpr double kMicrosD = 1e6;

bool IsWhole(std::int64_t micros) { return micros % kMicros == 0; }

std::string Shown(double micros) {
  if (std::isinf(micros)) return micros < 0 ? "minus infinity" : "infinity";
  const double rounded = std::round(micros);
  if (std::fabs(rounded) < 9e18) return FormatMicros(static_cast<std::int64_t>(rounded));
  return fmt::format("{:.6g}", micros / kMicrosD);
}

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const char* TypeName(ValueType type) {
  switch (type) {
    case ValueType::kNumber:
      return "a number";
    case ValueType::kYesNo:
      return "a yes/no value";
    case ValueType::kCategory:
      return "a category";
    case ValueType::kText:
      return "a quoted value";
    case ValueType::kUnknown:
      return "unknown";
  }
  return "unknown";
}

Range Union(const Range& a, const Range& b) {
  return {std::min(a.low, b.low), std::max(a.high, b.high), a.whole && b.whole};
}

struct Function {
  const char* name;
  int min_args;
  int max_args;  // -1: any number
};
constexpr Function kFunctions[] = {{"min", 2, -1},     {"max", 2, -1},  {"clamp", 3, 3},
                                   {"abs", 1, 1},      {"round", 1, 2}, {"round_down", 1, 2},
                                   {"round_up", 1, 2}, {"sqrt", 1, 1},  {"total", 1, 1}};

class Checker {
 public:
  Checker(Model* model, Problems* problems) : model_(*model), problems_(*problems) {}

  void Run() {
    BuildSymbols();
    Order();
    for (const Step& step : model_.order) CheckStep(step);
    CheckAllocation();
  }

 private:
  void Problem(SourceLocation where, std::string message) {
    problems_.push_back({where, std::move(message)});
  }

  // ---- Names -------------------------------------------------------------------------------

  void Declare(const std::string& id, Symbol symbol, SourceLocation where) {
    if (id.empty()) return;
    auto [it, inserted] = symbols_.emplace(id, symbol);
    if (!inserted) {
      Problem(where, fmt::format("\"{}\" is already the id of something else in this model; each "
                                 "id must be different",
                                 id));
    }
  }

  void BuildSymbols() {
    for (int i = 0; i < static_cast<int>(model_.questions.size()); ++i) {
      const Question& q = model_.questions[i];
      Declare(q.id, {SymbolKind::kQuestion, i}, q.where);
      if (!q.group.empty()) groups_[q.group].push_back(i);
      if (!q.outcome.empty()) groups_[q.outcome].push_back(i);
    }
    for (int i = 0; i < static_cast<int>(model_.attributes.size()); ++i) {
      Declare(model_.attributes[i].id, {SymbolKind::kAttribute, i}, model_.attributes[i].where);
    }
    for (int i = 0; i < static_cast<int>(model_.parameters.size()); ++i) {
      Declare(model_.parameters[i].id, {SymbolKind::kParameter, i}, model_.parameters[i].where);
    }
    for (int i = 0; i < static_cast<int>(model_.derived.size()); ++i) {
      Declare(model_.derived[i].id, {SymbolKind::kDerived, i}, model_.derived[i].where);
    }
    for (int i = 0; i < static_cast<int>(model_.bands.size()); ++i) {
      Declare(model_.bands[i].id, {SymbolKind::kBand, i}, model_.bands[i].where);
    }
    for (int i = 0; i < static_cast<int>(model_.tables.size()); ++i) {
      Declare(model_.tables[i].id, {SymbolKind::kTable, i}, model_.tables[i].where);
    }
    std::set<std::string> add_on_ids;
    for (const NamedAmount& add_on : model_.allocation.add_ons) {
      if (symbols_.count(add_on.id) != 0 || !add_on_ids.insert(add_on.id).second) {
        Problem(add_on.where,
                fmt::format("\"{}\" is already the id of something else in this model", add_on.id));
      }
    }
  }

  std::string Suggestion(const std::string& name) const {
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& [id, symbol] : symbols_) {
      const std::size_t d = EditDistance(name, id);
      if (d < best_distance) {
        best_distance = d;
        best = id;
      }
    }
    return best.empty() ? "" : fmt::format(" Did you mean \"{}\"?", best);
  }

  // ---- Order of computation ----------------------------------------------------------------

  // Names of derived values, bands and tables an expression uses directly.
  void Uses(const Expr* e, std::vector<std::pair<std::string, SourceLocation>>* out) const {
    if (e == nullptr) return;
    if (e->kind == ExprKind::kName) out->emplace_back(e->text, e->where);
    if (e->kind == ExprKind::kCall && e->text == "total") return;
    for (const auto& child : e->children) Uses(child.get(), out);
  }

  std::vector<std::pair<std::string, SourceLocation>> StepUses(const Step& step) const {
    std::vector<std::pair<std::string, SourceLocation>> uses;
    switch (step.kind) {
      case SymbolKind::kDerived:
        Uses(model_.derived[step.index].value.get(), &uses);
        break;
      case SymbolKind::kBand: {
        const BandTable& b = model_.bands[step.index];
        Uses(b.of.get(), &uses);
        for (const Band& band : b.bands) Uses(band.value.get(), &uses);
        break;
      }
      case SymbolKind::kTable: {
        const Table& t = model_.tables[step.index];
        for (const auto& key : t.keys) Uses(key.get(), &uses);
        for (const TableCell& cell : t.cells) Uses(cell.value.get(), &uses);
        break;
      }
      default:
        break;
    }
    return uses;
  }

  std::string StepId(const Step& step) const {
    switch (step.kind) {
      case SymbolKind::kDerived:
        return model_.derived[step.index].id;
      case SymbolKind::kBand:
        return model_.bands[step.index].id;
      case SymbolKind::kTable:
        return model_.tables[step.index].id;
      default:
        return "";
    }
  }

  void Order() {
    // Depth-first: 0 unvisited, 1 on the current path, 2 done.
    std::map<std::pair<SymbolKind, int>, int> state;
    std::vector<Step> path;
    std::function<void(const Step&)> visit = [&](const Step& step) {
      int& s = state[{step.kind, step.index}];
      if (s == 2) return;
      if (s == 1) {
        // A cycle: report it once, at the first value of the loop.
        auto start = std::find_if(path.begin(), path.end(), [&](const Step& p) {
          return p.kind == step.kind && p.index == step.index;
        });
        std::string loop;
        for (auto it = start; it != path.end(); ++it) loop += StepId(*it) + " → ";
        loop += StepId(step);
        const auto& where = WhereOf(step);
        Problem(where, start + 1 == path.end()
                           ? fmt::format("\"{}\" is worked out from itself", StepId(step))
                           : fmt::format("These values are worked out from each other in a "
                                         "circle: {}",
                                         loop));
        for (auto it = start; it != path.end(); ++it) cyclic_.insert({it->kind, it->index});
        return;
      }
      s = 1;
      path.push_back(step);
      for (const auto& [name, where] : StepUses(step)) {
        auto it = symbols_.find(name);
        if (it == symbols_.end()) continue;
        const Symbol sym = it->second;
        if (sym.kind == SymbolKind::kDerived || sym.kind == SymbolKind::kBand ||
            sym.kind == SymbolKind::kTable) {
          visit({sym.kind, sym.index});
        }
      }
      path.pop_back();
      state[{step.kind, step.index}] = 2;
      if (cyclic_.count({step.kind, step.index}) == 0) model_.order.push_back(step);
    };
    for (int i = 0; i < static_cast<int>(model_.derived.size()); ++i) {
      visit({SymbolKind::kDerived, i});
    }
    for (int i = 0; i < static_cast<int>(model_.bands.size()); ++i) visit({SymbolKind::kBand, i});
    for (int i = 0; i < static_cast<int>(model_.tables.size()); ++i) {
      visit({SymbolKind::kTable, i});
    }
  }

  SourceLocation WhereOf(const Step& step) const {
    switch (step.kind) {
      case SymbolKind::kDerived:
        return model_.derived[step.index].where;
      case SymbolKind::kBand:
        return model_.bands[step.index].where;
      case SymbolKind::kTable:
        return model_.tables[step.index].where;
      default:
        return {};
    }
  }

  // ---- Expressions -------------------------------------------------------------------------

  struct Info {
    ValueType type = ValueType::kUnknown;
    int category = -1;
    Range range;
  };

  void Set(Expr* e, ValueType type, Range range = {}, int category = -1) {
    e->type = type;
    e->range = range;
    e->category_attribute = category;
  }

  // Type-checks `e` and everything under it. A problem already reported leaves the type
  // kUnknown, which quietly satisfies every later check so one mistake is reported once.
  void Check(Expr* e) {
    if (e == nullptr) return;
    switch (e->kind) {
      case ExprKind::kNumber:
        Set(e, ValueType::kNumber, {double(e->number), double(e->number), IsWhole(e->number)});
        return;
      case ExprKind::kText:
        Set(e, ValueType::kText);
        return;
      case ExprKind::kName:
        CheckName(e);
        return;
      case ExprKind::kNegate: {
        Expr* a = e->children[0].get();
        Check(a);
        if (ExpectType(a, ValueType::kNumber, "\"-\"")) {
          Set(e, ValueType::kNumber, {-a->range.high, -a->range.low, a->range.whole});
        }
        return;
      }
      case ExprKind::kNot: {
        Expr* a = e->children[0].get();
        Check(a);
        if (ExpectType(a, ValueType::kYesNo, "\"not\"")) Set(e, ValueType::kYesNo);
        return;
      }
      case ExprKind::kBinary:
        CheckBinary(e);
        return;
      case ExprKind::kIf:
        CheckIf(e);
        return;
      case ExprKind::kMatch:
        CheckMatch(e);
        return;
      case ExprKind::kIn: {
        Expr* subject = e->children[0].get();
        Check(subject);
        if (!ExpectType(subject, ValueType::kCategory, "\"in\"")) return;
        e->arm_values = ResolveCodes(*e, subject->category_attribute, 0);
        Set(e, ValueType::kYesNo);
        return;
      }
      case ExprKind::kCall:
        CheckCall(e);
        return;
    }
  }

  bool ExpectType(const Expr* e, ValueType want, const std::string& context) {
    if (e->type == want) return true;
    if (e->type != ValueType::kUnknown) {
      Problem(e->where, fmt::format("{} needs {} here, but \"{}\" is {}", context, TypeName(want),
                                    ExpressionText(*e), TypeName(e->type)));
    }
    return false;
  }

  void CheckName(Expr* e) {
    auto it = symbols_.find(e->text);
    if (it == symbols_.end()) {
      if (groups_.count(e->text) != 0) {
        Problem(e->where, fmt::format("\"{}\" is a group of questions; write total({}) for the "
                                      "sum of their scores",
                                      e->text, e->text));
      } else {
        Problem(e->where, fmt::format("There is nothing called \"{}\" in this model.{}", e->text,
                                      Suggestion(e->text)));
      }
      return;
    }
    e->symbol = it->second;
    const int i = e->symbol.index;
    switch (e->symbol.kind) {
      case SymbolKind::kQuestion: {
        const Question& q = model_.questions[i];
        Set(e, ValueType::kNumber, QuestionRange(q));
        return;
      }
      case SymbolKind::kAttribute: {
        const Attribute& a = model_.attributes[i];
        if (a.type == AttributeType::kNumber) {
          Set(e, ValueType::kNumber, {double(a.min), double(a.max), a.integer});
        } else if (a.type == AttributeType::kYesNo) {
          Set(e, ValueType::kYesNo);
        } else {
          Set(e, ValueType::kCategory, {}, i);
        }
        return;
      }
      case SymbolKind::kParameter: {
        const std::int64_t v = model_.parameters[i].value;
        Set(e, ValueType::kNumber, {double(v), double(v), IsWhole(v)});
        return;
      }
      case SymbolKind::kDerived:
      case SymbolKind::kBand:
      case SymbolKind::kTable: {
        auto info = infos_.find({e->symbol.kind, i});
        if (info == infos_.end()) return;  // in a cycle or failed: already reported
        Set(e, info->second.type, info->second.range, info->second.category);
        return;
      }
      case SymbolKind::kNone:
        return;
    }
  }

  static Range QuestionRange(const Question& q) {
    if (q.is_number) return {double(q.min), double(q.max), q.integer};
    Range r{1e300, -1e300, true};
    for (const AnswerOption& o : q.options) {
      r.low = std::min(r.low, double(o.score));
      r.high = std::max(r.high, double(o.score));
      r.whole = r.whole && IsWhole(o.score);
    }
    if (q.options.empty()) r = {0, 0, true};
    return r;
  }

  void CheckBinary(Expr* e) {
    Expr* a = e->children[0].get();
    Expr* b = e->children[1].get();
    Check(a);
    Check(b);
    switch (e->op) {
      case BinaryOp::kAnd:
      case BinaryOp::kOr: {
        const char* word = e->op == BinaryOp::kAnd ? "\"and\"" : "\"or\"";
        const bool ok_a = ExpectType(a, ValueType::kYesNo, word);
        const bool ok_b = ExpectType(b, ValueType::kYesNo, word);
        if (ok_a && ok_b) Set(e, ValueType::kYesNo);
        return;
      }
      case BinaryOp::kEq:
      case BinaryOp::kNe:
        CheckEquality(e, a, b);
        return;
      case BinaryOp::kLt:
      case BinaryOp::kLe:
      case BinaryOp::kGt:
      case BinaryOp::kGe: {
        const bool ok_a = ExpectType(a, ValueType::kNumber, "A comparison");
        const bool ok_b = ExpectType(b, ValueType::kNumber, "A comparison");
        if (ok_a && ok_b) Set(e, ValueType::kYesNo);
        return;
      }
      default:
        break;
    }
    const char* word = e->op == BinaryOp::kAdd   ? "\"+\""
                       : e->op == BinaryOp::kSub ? "\"-\""
                       : e->op == BinaryOp::kMul ? "\"*\""
                       : e->op == BinaryOp::kDiv ? "\"/\""
                                                 : "\"^\"";
    const bool ok_a = ExpectType(a, ValueType::kNumber, word);
    const bool ok_b = ExpectType(b, ValueType::kNumber, word);
    if (!ok_a || !ok_b) return;
    const Range& x = a->range;
    const Range& y = b->range;
    switch (e->op) {
      case BinaryOp::kAdd:
        Set(e, ValueType::kNumber, {x.low + y.low, x.high + y.high, x.whole && y.whole});
        return;
      case BinaryOp::kSub:
        Set(e, ValueType::kNumber, {x.low - y.high, x.high - y.low, x.whole && y.whole});
        return;
      case BinaryOp::kMul: {
        const double p[] = {x.low * y.low, x.low * y.high, x.high * y.low, x.high * y.high};
        Set(e, ValueType::kNumber,
            {*std::min_element(p, p + 4) / kMicrosD, *std::max_element(p, p + 4) / kMicrosD,
             x.whole && y.whole});
        return;
      }
      case BinaryOp::kDiv: {
        if (y.low <= 0 && y.high >= 0) {
          Problem(b->where,
                  fmt::format("This can divide by zero: \"{}\" can be anything from {} "
                              "to {}. Use max({}, 1) or a condition",
                              ExpressionText(*b), Shown(y.low), Shown(y.high), ExpressionText(*b)));
          return;
        }
        const double q[] = {x.low / y.low, x.low / y.high, x.high / y.low, x.high / y.high};
        Set(e, ValueType::kNumber,
            {*std::min_element(q, q + 4) * kMicrosD, *std::max_element(q, q + 4) * kMicrosD,
             false});
        return;
      }
      case BinaryOp::kPow: {
        if (b->kind != ExprKind::kNumber || !IsWhole(b->number) || b->number < 0 ||
            b->number > 8 * kMicros) {
          Problem(b->where,
                  "A power must be a whole number from 0 to 8, written as a number "
                  "(like x ^ 2)");
          return;
        }
        const int n = static_cast<int>(b->number / kMicros);
        const double lo = std::pow(x.low / kMicrosD, n) * kMicrosD;
        const double hi = std::pow(x.high / kMicrosD, n) * kMicrosD;
        Range r{std::min(lo, hi), std::max(lo, hi), x.whole};
        if (n % 2 == 0 && x.low < 0 && x.high > 0) r.low = 0;
        if (n == 0) r = {kMicrosD, kMicrosD, true};
        Set(e, ValueType::kNumber, r);
        return;
      }
      default:
        return;
    }
  }

  void CheckEquality(Expr* e, Expr* a, Expr* b) {
    if (a->type == ValueType::kUnknown || b->type == ValueType::kUnknown) return;
    // A category beside a quoted value: the value must be one of the category's codes.
    if (a->type == ValueType::kText && b->type == ValueType::kCategory) std::swap(a, b);
    if (a->type == ValueType::kCategory && b->type == ValueType::kText) {
      const Attribute& attribute = model_.attributes[a->category_attribute];
      const int index = CodeIndex(attribute, b->text);
      if (index < 0) {
        Problem(b->where, fmt::format("\"{}\" is not one of the values of \"{}\" ({})", b->text,
                                      attribute.id, CodeList(attribute)));
        return;
      }
      b->number = index;
      b->category_attribute = a->category_attribute;
      Set(e, ValueType::kYesNo);
      return;
    }
    if (a->type == ValueType::kText || b->type == ValueType::kText) {
      Problem(e->where,
              "A quoted value can only be compared with a category, like "
              "living_setting == \"own_home\"");
      return;
    }
    if (a->type != b->type ||
        (a->type == ValueType::kCategory && a->category_attribute != b->category_attribute)) {
      Problem(e->where, fmt::format("\"{}\" compares {} with {}", ExpressionText(*e),
                                    TypeName(a->type), TypeName(b->type)));
      return;
    }
    Set(e, ValueType::kYesNo);
  }

  static int CodeIndex(const Attribute& attribute, const std::string& code) {
    for (int i = 0; i < static_cast<int>(attribute.values.size()); ++i) {
      if (attribute.values[i].code == code) return i;
    }
    return -1;
  }

  static std::string CodeList(const Attribute& attribute) {
    std::string out;
    for (const CategoryValue& v : attribute.values) out += (out.empty() ? "" : ", ") + v.code;
    return out;
  }

  std::vector<int> ResolveCodes(const Expr& e, int attribute_index, int first_arm) {
    std::vector<int> out;
    const Attribute& attribute = model_.attributes[attribute_index];
    std::set<int> seen;
    for (const std::string& code : e.arm_codes) {
      const int index = CodeIndex(attribute, code);
      if (index < 0) {
        Problem(e.where, fmt::format("\"{}\" is not one of the values of \"{}\" ({})", code,
                                     attribute.id, CodeList(attribute)));
      } else if (!seen.insert(index).second) {
        Problem(e.where, fmt::format("\"{}\" is listed twice", code));
      }
      out.push_back(index);
    }
    (void)first_arm;
    return out;
  }

  // Branches of if/match must agree; the result's range is their union.
  void Combine(Expr* e, const std::vector<Expr*>& branches) {
    ValueType type = ValueType::kUnknown;
    Range range;
    int category = -1;
    bool first = true;
    for (Expr* branch : branches) {
      if (branch->type == ValueType::kUnknown) return;
      if (first) {
        type = branch->type;
        range = branch->range;
        category = branch->category_attribute;
        first = false;
        continue;
      }
      if (branch->type != type) {
        Problem(branch->where, fmt::format("Every branch must give the same kind of value: this "
                                           "one is {}, the first is {}",
                                           TypeName(branch->type), TypeName(type)));
        return;
      }
      range = Union(range, branch->range);
    }
    if (type == ValueType::kText) {
      Problem(e->where, "A condition cannot give a quoted value");
      return;
    }
    Set(e, type, range, category);
  }

  void CheckIf(Expr* e) {
    std::vector<Expr*> branches;
    for (std::size_t i = 0; i + 1 < e->children.size(); i += 2) {
      Expr* condition = e->children[i].get();
      Check(condition);
      ExpectType(condition, ValueType::kYesNo, "\"if\"");
      Check(e->children[i + 1].get());
      branches.push_back(e->children[i + 1].get());
    }
    Check(e->children.back().get());
    branches.push_back(e->children.back().get());
    Combine(e, branches);
  }

  void CheckMatch(Expr* e) {
    Expr* subject = e->children[0].get();
    Check(subject);
    std::vector<Expr*> branches;
    for (std::size_t i = 1; i < e->children.size(); ++i) {
      Check(e->children[i].get());
      branches.push_back(e->children[i].get());
    }
    if (!ExpectType(subject, ValueType::kCategory, "\"match\"")) return;
    const Attribute& attribute = model_.attributes[subject->category_attribute];
    e->arm_values = ResolveCodes(*e, subject->category_attribute, 1);
    if (!e->has_else) {
      std::string missing;
      for (int v = 0; v < static_cast<int>(attribute.values.size()); ++v) {
        if (std::find(e->arm_values.begin(), e->arm_values.end(), v) == e->arm_values.end()) {
          missing += (missing.empty() ? "" : ", ") + attribute.values[v].code;
        }
      }
      if (!missing.empty()) {
        Problem(e->where,
                fmt::format("This match has no case for {}; add them or an \"else\"", missing));
        return;
      }
    }
    Combine(e, branches);
  }

  void CheckCall(Expr* e) {
    const auto* fn = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                  [&](const Function& f) { return e->text == f.name; });
    if (fn == std::end(kFunctions)) {
      Problem(e->where, fmt::format("There is no function \"{}\"; the functions are min, max, "
                                    "clamp, abs, round, round_down, round_up, sqrt and total",
                                    e->text));
      return;
    }
    const int n = static_cast<int>(e->children.size());
    if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args)) {
      Problem(e->where, fn->min_args == fn->max_args
                            ? fmt::format("{}() takes {} values, not {}", e->text, fn->min_args, n)
                        : fn->max_args < 0
                            ? fmt::format("{}() takes at least {} values", e->text, fn->min_args)
                            : fmt::format("{}() takes {} or {} values, not {}", e->text,
                                          fn->min_args, fn->max_args, n));
      return;
    }
    if (e->text == "total") {
      const Expr* group = e->children[0].get();
      auto it = group->kind == ExprKind::kName ? groups_.find(group->text) : groups_.end();
      if (it == groups_.end()) {
        Problem(group->where, fmt::format("total() takes the name of a group or an outcome that "
                                          "has questions; \"{}\" is not one",
                                          ExpressionText(*group)));
        return;
      }
      e->group_members = it->second;
      Range r{0, 0, true};
      for (int q : e->group_members) {
        const Range qr = QuestionRange(model_.questions[q]);
        r = {r.low + qr.low, r.high + qr.high, r.whole && qr.whole};
      }
      Set(e, ValueType::kNumber, r);
      return;
    }
    bool ok = true;
    for (auto& child : e->children) {
      Check(child.get());
      ok = ExpectType(child.get(), ValueType::kNumber, e->text + "()") && ok;
    }
    if (!ok) return;
    auto arg = [&](int i) -> const Range& { return e->children[i]->range; };
    Range r = arg(0);
    if (e->text == "min" || e->text == "max") {
      const bool is_min = e->text == "min";
      for (int i = 1; i < n; ++i) {
        r.low = is_min ? std::min(r.low, arg(i).low) : std::max(r.low, arg(i).low);
        r.high = is_min ? std::min(r.high, arg(i).high) : std::max(r.high, arg(i).high);
        r.whole = r.whole && arg(i).whole;
      }
    } else if (e->text == "clamp") {
      r = {std::min(std::max(r.low, arg(1).low), arg(2).high),
           std::min(std::max(r.high, arg(1).low), arg(2).high),
           r.whole && arg(1).whole && arg(2).whole};
      if (arg(1).high > arg(2).low) {
        Problem(e->where, "clamp(x, low, high) needs low to be less than high");
      }
    } else if (e->text == "abs") {
      const double lo =
          (r.low <= 0 && r.high >= 0) ? 0 : std::min(std::fabs(r.low), std::fabs(r.high));
      r = {lo, std::max(std::fabs(r.low), std::fabs(r.high)), r.whole};
    } else if (e->text == "sqrt") {
      if (r.low < 0) {
        Problem(e->where, fmt::format("This can be the square root of a negative number: \"{}\" "
                                      "can be as low as {}",
                                      ExpressionText(*e->children[0]), Shown(r.low)));
        return;
      }
      r = {std::sqrt(r.low / kMicrosD) * kMicrosD, std::sqrt(r.high / kMicrosD) * kMicrosD, false};
    } else {  // round, round_down, round_up
      int places = 0;
      if (n == 2) {
        const Expr* p = e->children[1].get();
        if (p->kind != ExprKind::kNumber || !IsWhole(p->number) || p->number < 0 ||
            p->number > 6 * kMicros) {
          Problem(p->where,
                  "The number of decimal places must be written as a whole number "
                  "from 0 to 6");
          return;
        }
        places = static_cast<int>(p->number / kMicros);
      }
      const double unit = std::pow(10.0, 6 - places);
      r = {std::floor(r.low / unit) * unit, std::ceil(r.high / unit) * unit,
           r.whole || places == 0};
    }
    Set(e, ValueType::kNumber, r);
  }

  // True when `e` uses no question or attribute (only numbers and parameters).
  bool IsConstant(const Expr* e) const {
    if (e == nullptr) return true;
    if (e->kind == ExprKind::kName && e->symbol.kind != SymbolKind::kParameter) return false;
    if (e->kind == ExprKind::kCall && e->text == "total") return false;
    return std::all_of(e->children.begin(), e->children.end(),
                       [&](const auto& c) { return IsConstant(c.get()); });
  }

  // ---- Derived values, bands, tables -------------------------------------------------------

  void CheckStep(const Step& step) {
    Info info;
    switch (step.kind) {
      case SymbolKind::kDerived: {
        Derived& d = model_.derived[step.index];
        if (!d.value) return;
        Check(d.value.get());
        if (d.value->type == ValueType::kUnknown) return;
        if (d.value->type == ValueType::kText) {
          Problem(d.value->where, "A derived value cannot be a quoted value");
          return;
        }
        info = {d.value->type, d.value->category_attribute, d.value->range};
        break;
      }
      case SymbolKind::kBand:
        if (!CheckBands(model_.bands[step.index], &info)) return;
        break;
      case SymbolKind::kTable:
        if (!CheckTable(model_.tables[step.index], &info)) return;
        break;
      default:
        return;
    }
    infos_[{step.kind, step.index}] = info;
  }

  bool CheckAmount(Expr* value, const std::string& what) {
    if (!value) return false;
    Check(value);
    if (!ExpectType(value, ValueType::kNumber, what)) return false;
    if (!IsConstant(value)) {
      Problem(value->where, fmt::format("{} must be a number or a parameter, not something "
                                        "worked out from the answers",
                                        what));
      return false;
    }
    return true;
  }

  bool CheckBands(BandTable& table, Info* info) {
    if (!table.of) return false;
    Check(table.of.get());
    bool ok = ExpectType(table.of.get(), ValueType::kNumber, "A band table's \"of\"");
    if (table.bands.empty()) {
      Problem(table.where, fmt::format("Band table \"{}\" has no bands", table.id));
      return false;
    }
    Range values{1e300, -1e300, true};
    for (std::size_t i = 0; i < table.bands.size(); ++i) {
      Band& band = table.bands[i];
      if (CheckAmount(band.value.get(), "A band's value")) {
        values = Union(values, band.value->range);
      } else {
        ok = false;
      }
      if (i > 0 && !band.at_least) {
        Problem(band.where, "Only the first band may leave out at_least");
        ok = false;
      }
      if (i + 1 < table.bands.size() && !band.below) {
        Problem(band.where, "Only the last band may leave out below");
        ok = false;
      }
      if (band.at_least && band.below && *band.at_least >= *band.below) {
        Problem(band.where, fmt::format("This band runs from {} to below {}, so nothing falls in "
                                        "it; at_least must be less than below",
                                        FormatMicros(*band.at_least), FormatMicros(*band.below)));
        ok = false;
      }
      if (i > 0 && band.at_least && table.bands[i - 1].below) {
        const std::int64_t previous = *table.bands[i - 1].below;
        if (*band.at_least > previous) {
          Problem(band.where, fmt::format("There is a gap between bands: the band before ends "
                                          "below {} but this one starts at {}, so a value from "
                                          "{} up to {} falls in no band",
                                          FormatMicros(previous), FormatMicros(*band.at_least),
                                          FormatMicros(previous), FormatMicros(*band.at_least)));
          ok = false;
        } else if (*band.at_least < previous) {
          Problem(band.where, fmt::format("This band overlaps the one before: it starts at {} "
                                          "but the one before runs to below {}",
                                          FormatMicros(*band.at_least), FormatMicros(previous)));
          ok = false;
        }
      }
    }
    if (!ok) return false;
    const Range& of = table.of->range;
    const Band& first = table.bands.front();
    const Band& last = table.bands.back();
    if (first.at_least && of.low < double(*first.at_least)) {
      Problem(table.where,
              fmt::format("\"{}\" can be as low as {}, below the first band (from "
                          "{}); start the first band lower or leave out its at_least",
                          ExpressionText(*table.of), Shown(of.low), FormatMicros(*first.at_least)));
      return false;
    }
    if (last.below && of.high >= double(*last.below)) {
      Problem(table.where,
              fmt::format("\"{}\" can be as high as {}, beyond the last band (below "
                          "{}); end the last band higher or leave out its below",
                          ExpressionText(*table.of), Shown(of.high), FormatMicros(*last.below)));
      return false;
    }
    *info = {ValueType::kNumber, -1, values};
    return true;
  }

  bool CheckTable(Table& table, Info* info) {
    bool ok = !table.keys.empty();
    for (auto& key : table.keys) {
      if (!key) return false;
      Check(key.get());
      if (key->type == ValueType::kCategory) {
        table.key_low.push_back(0);
        table.key_count.push_back(
            static_cast<std::int64_t>(model_.attributes[key->category_attribute].values.size()));
      } else if (key->type == ValueType::kNumber && key->range.whole) {
        const double low = key->range.low / kMicrosD;
        const double count = key->range.high / kMicrosD - low + 1;
        if (count > 1000) {
          Problem(key->where, fmt::format("\"{}\" can take {} values; a table key may take at "
                                          "most 1,000. Use a band table",
                                          ExpressionText(*key), Shown(count * kMicrosD)));
          return false;
        }
        table.key_low.push_back(static_cast<std::int64_t>(std::llround(low)));
        table.key_count.push_back(static_cast<std::int64_t>(std::llround(count)));
      } else if (key->type != ValueType::kUnknown) {
        Problem(key->where, fmt::format("A table key must be a category or a whole number; "
                                        "\"{}\" is {}",
                                        ExpressionText(*key),
                                        key->type == ValueType::kNumber ? "a number that can have "
                                                                          "a fraction"
                                                                        : TypeName(key->type)));
        return false;
      } else {
        return false;
      }
    }
    if (!ok) return false;
    std::int64_t cells = 1;
    for (std::int64_t c : table.key_count) cells *= c;
    table.cell_at.assign(static_cast<std::size_t>(cells), -1);
    Range values{1e300, -1e300, true};
    for (int c = 0; c < static_cast<int>(table.cells.size()); ++c) {
      TableCell& cell = table.cells[c];
      std::int64_t flat = 0;
      bool cell_ok = true;
      for (std::size_t k = 0; k < table.keys.size(); ++k) {
        const Expr& key = *table.keys[k];
        const std::string& text = cell.key_texts[k];
        std::int64_t index = -1;
        if (key.type == ValueType::kCategory) {
          const Attribute& attribute = model_.attributes[key.category_attribute];
          index = CodeIndex(attribute, text);
          if (index < 0) {
            Problem(cell.where, fmt::format("\"{}\" is not one of the values of \"{}\" ({})", text,
                                            attribute.id, CodeList(attribute)));
          }
        } else {
          auto number = ParseMicros(text);
          if (!number || !IsWhole(*number)) {
            Problem(cell.where, fmt::format("\"{}\" should be a whole number (the key is \"{}\")",
                                            text, ExpressionText(key)));
          } else {
            index = *number / kMicros - table.key_low[k];
            if (index < 0 || index >= table.key_count[k]) {
              Problem(cell.where, fmt::format("\"{}\" can never be {}: it runs from {} to {}",
                                              ExpressionText(key), text, table.key_low[k],
                                              table.key_low[k] + table.key_count[k] - 1));
              index = -1;
            }
          }
        }
        if (index < 0) {
          cell_ok = false;
          continue;
        }
        cell.key_values.push_back(index);
        flat = flat * table.key_count[k] + index;
      }
      if (!CheckAmount(cell.value.get(), "A table's amount")) cell_ok = false;
      if (!cell_ok) {
        ok = false;
        continue;
      }
      if (table.cell_at[flat] >= 0) {
        Problem(cell.where, "This entry is in the table twice");
        ok = false;
        continue;
      }
      table.cell_at[flat] = c;
      values = Union(values, cell.value->range);
    }
    if (!ok) return false;
    std::string missing;
    int missing_count = 0;
    for (std::int64_t flat = 0; flat < cells; ++flat) {
      if (table.cell_at[flat] >= 0) continue;
      if (++missing_count > 5) continue;
      std::string name;
      std::int64_t rest = flat;
      std::vector<std::string> parts(table.keys.size());
      for (std::size_t k = table.keys.size(); k-- > 0;) {
        const std::int64_t index = rest % table.key_count[k];
        rest /= table.key_count[k];
        const Expr& key = *table.keys[k];
        parts[k] = key.type == ValueType::kCategory
                       ? model_.attributes[key.category_attribute].values[index].code
                       : std::to_string(table.key_low[k] + index);
      }
      for (const auto& p : parts) name += (name.empty() ? "" : " and ") + p;
      missing += (missing.empty() ? "" : "; ") + name;
    }
    if (missing_count > 0) {
      Problem(
          table.where,
          fmt::format("Table \"{}\" has no amount for {}{}", table.id, missing,
                      missing_count > 5 ? fmt::format(" (and {} more)", missing_count - 5) : ""));
      return false;
    }
    *info = {ValueType::kNumber, -1, values};
    return true;
  }

  // ---- The allocation ----------------------------------------------------------------------

  bool CheckNumber(Expr* e, const std::string& what) {
    if (!e) return false;
    Check(e);
    return ExpectType(e, ValueType::kNumber, what);
  }

  void CheckAllocation() {
    Allocation& a = model_.allocation;
    if (!a.value) return;
    bool ok = CheckNumber(a.value.get(), "The allocation's value");
    Range r = a.value->range;
    if (ok && a.transform == Transform::kSquare) {
      const double lo = r.low / kMicrosD;
      const double hi = r.high / kMicrosD;
      const double sq_lo = (lo <= 0 && hi >= 0) ? 0 : std::min(lo * lo, hi * hi);
      r = {sq_lo * kMicrosD, std::max(lo * lo, hi * hi) * kMicrosD, false};
    }
    for (NamedAmount& add_on : a.add_ons) {
      if (!CheckNumber(add_on.value.get(), "An add-on")) {
        ok = false;
        continue;
      }
      r = {r.low + add_on.value->range.low, r.high + add_on.value->range.high, false};
    }
    if (a.scale) {
      if (CheckAmount(a.scale->value.get(), "The scale")) {
        const Range& s = a.scale->value->range;
        if (s.low <= 0) {
          Problem(a.scale->value->where, "The scale must be more than 0");
          ok = false;
        }
        const double p[] = {r.low * s.low, r.low * s.high, r.high * s.low, r.high * s.high};
        r = {*std::min_element(p, p + 4) / kMicrosD, *std::max_element(p, p + 4) / kMicrosD, false};
      } else {
        ok = false;
      }
    }
    if (a.floor) {
      if (CheckAmount(a.floor->value.get(), "The floor")) {
        r.low = std::max(r.low, a.floor->value->range.low);
        r.high = std::max(r.high, a.floor->value->range.low);
      } else {
        ok = false;
      }
    }
    if (a.ceiling) {
      if (CheckAmount(a.ceiling->value.get(), "The ceiling")) {
        r.high = std::min(r.high, a.ceiling->value->range.high);
        r.low = std::min(r.low, a.ceiling->value->range.high);
        if (a.floor && a.floor->value->type == ValueType::kNumber &&
            a.ceiling->value->range.high < a.floor->value->range.low) {
          Problem(a.ceiling->where, "The ceiling is lower than the floor");
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (ok && r.low < 0) {
      Problem(a.where, fmt::format("The allocation can be negative (as low as {} pounds). Add a "
                                   "floor of 0 or more, or keep each part from going below 0",
                                   Shown(r.low)));
    }
  }

  Model& model_;
  Problems& problems_;
  std::map<std::string, Symbol> symbols_;
  std::map<std::string, std::vector<int>> groups_;
  std::map<std::pair<SymbolKind, int>, Info> infos_;
  std::set<std::pair<SymbolKind, int>> cyclic_;
};

}  // namespace

void CheckModel(Model* model, Problems* problems) { Checker(model, problems).Run(); }

}  // namespace selfdirect::ras
