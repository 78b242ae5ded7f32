#include "selfdirect/ras/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/expression.h"

namespace selfdirect::ras {
namespace {

// Where a share of the money comes from.
struct Source {
  ExplanationLine::Kind kind = ExplanationLine::Kind::kFixed;
  int index = 0;  // question, attribute, add-on index, or index into fixed_labels_
  friend bool operator==(const Source& a, const Source& b) {
    return a.kind == b.kind && a.index == b.index;
  }
};

struct Share {
  Source source;
  Int128 micros = 0;
};

// A value with the shares it is made of; for numbers the shares add up to `v` exactly.
struct Value {
  std::int64_t v = 0;
  std::vector<Share> shares;
};

struct EvalError {
  ErrorCode code;
  std::string message;
};

bool HasInputShare(const Value& value) {
  return std::any_of(value.shares.begin(), value.shares.end(),
                     [](const Share& s) { return s.source.kind != ExplanationLine::Kind::kFixed; });
}

Int128 Sum(const std::vector<Share>& shares) {
  Int128 total = 0;
  for (const Share& s : shares) total += s.micros;
  return total;
}

// Merges shares from the same source and drops empty ones, keeping first-seen order.
std::vector<Share> Merge(std::vector<Share> shares) {
  std::vector<Share> out;
  for (const Share& s : shares) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Share& o) { return o.source == s.source; });
    if (it == out.end()) {
      out.push_back(s);
    } else {
      it->micros += s.micros;
    }
  }
  return out;
}

class Explainer {
 public:
  Explainer(const Model& model, const Inputs* inputs) : model_(model), inputs_(inputs) {}

  tl::expected<Explanation, EvalError> Run() {
    for (const Step& step : model_.order) {
      auto done = EvaluateStep(step);
      if (!done) return tl::unexpected(done.error());
    }
    const Allocation& a = model_.allocation;
    context_.push_back("Fixed amount");
    auto core = Eval(*a.value);
    if (!core) return tl::unexpected(core.error());
    Value total = std::move(*core);
    if (a.transform == Transform::kSquare) {
      const std::int64_t before = total.v;
      std::int64_t squared;
      if (!MulMicros(before, before, &squared)) return Overflow();
      Note(ExplanationLine::Kind::kStep, "",
           fmt::format("The model was fitted on the square root of cost, so your score of {} "
                       "is squared: {}",
                       FormatMicros(before), FormatMicros(squared)),
           squared);
      total = Rescaled(total, squared);
    }
    for (int i = 0; i < static_cast<int>(a.add_ons.size()); ++i) {
      auto add_on = Eval(*a.add_ons[i].value);
      if (!add_on) return tl::unexpected(add_on.error());
      if (!AddMicros(total.v, add_on->v, &total.v)) return Overflow();
      total.shares.push_back({{ExplanationLine::Kind::kAddOn, i}, add_on->v});
    }
    if (a.scale) {
      auto scale = Eval(*a.scale->value);
      if (!scale) return tl::unexpected(scale.error());
      std::int64_t scaled;
      if (!MulMicros(total.v, scale->v, &scaled)) return Overflow();
      Adjust(&total, scaled, 0, fmt::format("{} (× {})", a.scale->label, FormatMicros(scale->v)));
    }
    if (a.floor) {
      auto floor = Eval(*a.floor->value);
      if (!floor) return tl::unexpected(floor.error());
      if (total.v < floor->v) {
        Adjust(&total, floor->v, 1,
               fmt::format("{}: raised to {}", a.floor->label, FormatMicrosAsPounds(floor->v)));
      }
    }
    if (a.ceiling) {
      auto ceiling = Eval(*a.ceiling->value);
      if (!ceiling) return tl::unexpected(ceiling.error());
      if (total.v > ceiling->v) {
        Adjust(
            &total, ceiling->v, 2,
            fmt::format("{}: lowered to {}", a.ceiling->label, FormatMicrosAsPounds(ceiling->v)));
      }
    }
    return Finish(total);
  }

  std::optional<std::int64_t> Constant(const Expr& expr) {
    auto value = Eval(expr);
    if (!value) return std::nullopt;
    return value->v;
  }

 private:
  static tl::unexpected<EvalError> Overflow() {
    return tl::unexpected(
        EvalError{ErrorCode::kOverflow, "A value in this model grew too large to compute"});
  }

  void Note(ExplanationLine::Kind kind, std::string id, std::string text,
            std::optional<std::int64_t> value = std::nullopt) {
    ExplanationLine line;
    line.kind = kind;
    line.id = std::move(id);
    line.text = std::move(text);
    line.value_micros = value;
    steps_.push_back(std::move(line));
  }

  int FixedSource(const std::string& label) {
    auto it = std::find(fixed_labels_.begin(), fixed_labels_.end(), label);
    if (it != fixed_labels_.end()) return static_cast<int>(it - fixed_labels_.begin());
    fixed_labels_.push_back(label);
    return static_cast<int>(fixed_labels_.size() - 1);
  }

  Value Fixed(std::int64_t v, const std::string& label) {
    Value out{v, {}};
    if (v != 0) out.shares.push_back({{ExplanationLine::Kind::kFixed, FixedSource(label)}, v});
    return out;
  }

  // `from`'s shares scaled so they add up to `target` exactly (largest share takes the
  // remainder). With no shares to scale, `target` becomes a fixed amount of the current context.
  Value Rescaled(const Value& from, std::int64_t target) {
    const Int128 sum = Sum(from.shares);
    if (sum == 0) return Fixed(target, context_.back());
    Value out{target, from.shares};
    if (sum == target) return out;
    Int128 assigned = 0;
    std::size_t largest = 0;
    for (std::size_t i = 0; i < out.shares.size(); ++i) {
      const Int128 scaled =
          RoundDivide(from.shares[i].micros * target, sum, RoundingRule::kHalfEven);
      out.shares[i].micros = scaled;
      assigned += scaled;
      if (Abs(out.shares[i].micros) > Abs(out.shares[largest].micros)) largest = i;
    }
    out.shares[largest].micros += target - assigned;
    return out;
  }

  static Int128 Abs(Int128 v) { return v < 0 ? -v : v; }

  // Replaces total by `target`, recording the difference as an adjustment line.
  void Adjust(Value* total, std::int64_t target, int which, std::string label) {
    adjustment_labels_.push_back(std::move(label));
    total->shares.push_back(
        {{ExplanationLine::Kind::kAdjustment, static_cast<int>(adjustment_labels_.size() - 1)},
         static_cast<Int128>(target) - total->v});
    total->v = target;
    (void)which;
  }

  tl::expected<void, EvalError> EvaluateStep(const Step& step) {
    switch (step.kind) {
      case SymbolKind::kDerived: {
        const Derived& d = model_.derived[step.index];
        context_.push_back(d.label);
        auto value = Eval(*d.value);
        context_.pop_back();
        if (!value) return tl::unexpected(value.error());
        if (d.value->type == ValueType::kNumber) {
          std::string text = fmt::format("{}: {}", d.label, FormatMicros(value->v));
          const Expr& top = *d.value;
          if (top.kind == ExprKind::kCall && (top.text == "min" || top.text == "clamp") &&
              top.children.size() >= 2) {
            const std::size_t steps_before = steps_.size();
            auto uncapped = Eval(*top.children[0]);
            steps_.resize(steps_before);  // the re-evaluation's branch notes are already there
            if (uncapped && uncapped->v > value->v) {
              text += fmt::format(" (the most this part can count; it came to {})",
                                  FormatMicros(uncapped->v));
            }
          }
          Note(ExplanationLine::Kind::kStep, d.id, std::move(text), value->v);
        }
        values_[{step.kind, step.index}] = std::move(*value);
        return {};
      }
      case SymbolKind::kBand: {
        const BandTable& b = model_.bands[step.index];
        auto of = Eval(*b.of);
        if (!of) return tl::unexpected(of.error());
        std::size_t i = 0;
        while (i + 1 < b.bands.size() && of->v >= *b.bands[i + 1].at_least) ++i;
        const Band& band = b.bands[i];
        auto amount = Eval(*band.value);
        if (!amount) return tl::unexpected(amount.error());
        std::string range;
        if (band.at_least && band.below) {
          range = fmt::format("from {} to below {}", FormatMicros(*band.at_least),
                              FormatMicros(*band.below));
        } else if (band.at_least) {
          range = fmt::format("{} or more", FormatMicros(*band.at_least));
        } else if (band.below) {
          range = fmt::format("below {}", FormatMicros(*band.below));
        } else {
          range = "any value";
        }
        Note(ExplanationLine::Kind::kStep, b.id,
             fmt::format("{}: {} is in \"{}\" ({}), which gives {}", b.label, Label(*b.of),
                         band.label, range, FormatMicros(amount->v)),
             amount->v);
        values_[{step.kind, step.index}] =
            Fixed(amount->v, fmt::format("{}: {}", b.label, band.label));
        return {};
      }
      case SymbolKind::kTable: {
        const Table& t = model_.tables[step.index];
        std::int64_t flat = 0;
        std::string keys;
        for (std::size_t k = 0; k < t.keys.size(); ++k) {
          auto key = Eval(*t.keys[k]);
          if (!key) return tl::unexpected(key.error());
          std::int64_t index = key->v;
          std::string shown;
          if (t.keys[k]->type == ValueType::kNumber) {
            index = key->v / kMicros - t.key_low[k];
            shown = FormatMicros(key->v);
          } else {
            const Attribute& attribute = model_.attributes[t.keys[k]->category_attribute];
            if (index >= 0 && index < static_cast<std::int64_t>(attribute.values.size())) {
              shown = attribute.values[static_cast<std::size_t>(index)].text;
            }
          }
          if (index < 0 || index >= t.key_count[k]) {
            return tl::unexpected(EvalError{
                ErrorCode::kInvalidArgument,
                fmt::format("Table \"{}\" has no entry for {}", t.id, FormatMicros(key->v))});
          }
          flat = flat * t.key_count[k] + index;
          keys += (keys.empty() ? "" : ", ") + shown;
        }
        auto amount = Eval(*t.cells[t.cell_at[static_cast<std::size_t>(flat)]].value);
        if (!amount) return tl::unexpected(amount.error());
        Note(ExplanationLine::Kind::kStep, t.id,
             fmt::format("{} ({}): {}", t.label, keys, FormatMicros(amount->v)), amount->v);
        values_[{step.kind, step.index}] = Fixed(amount->v, fmt::format("{} ({})", t.label, keys));
        return {};
      }
      default:
        return {};
    }
  }

  std::int64_t Input(int index) const { return (*inputs_)[static_cast<std::size_t>(index)]; }

  tl::expected<Value, EvalError> Eval(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kNumber:
        return Fixed(e.number, context_.empty() ? "Fixed amount" : context_.back());
      case ExprKind::kText:
        return Value{e.number, {}};
      case ExprKind::kName:
        return EvalName(e);
      case ExprKind::kNegate: {
        auto a = Eval(*e.children[0]);
        if (!a) return a;
        Value out{0, {}};
        if (!SubMicros(0, a->v, &out.v)) return Overflow();
        for (Share s : a->shares) out.shares.push_back({s.source, -s.micros});
        return out;
      }
      case ExprKind::kNot: {
        auto a = Eval(*e.children[0]);
        if (!a) return a;
        return Value{a->v == 0 ? 1 : 0, {}};
      }
      case ExprKind::kBinary:
        return EvalBinary(e);
      case ExprKind::kIf: {
        for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
          auto condition = Eval(*e.children[i]);
          if (!condition) return condition;
          if (condition->v != 0) {
            Note(ExplanationLine::Kind::kBranch, "",
                 fmt::format("Because {}", Describe(*e.children[i])));
            context_.push_back(Capitalised(Describe(*e.children[i])));
            auto out = Eval(*e.children[i + 1]);
            context_.pop_back();
            return out;
          }
        }
        std::string none;
        for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
          none += (none.empty() ? "" : ", and ") + DescribeNegated(*e.children[i]);
        }
        Note(ExplanationLine::Kind::kBranch, "", fmt::format("Because {}", none));
        return Eval(*e.children.back());
      }
      case ExprKind::kMatch: {
        auto subject = Eval(*e.children[0]);
        if (!subject) return subject;
        const Attribute& attribute = model_.attributes[e.children[0]->category_attribute];
        const std::string said = fmt::format(
            "{}: {}", attribute.label, attribute.values[static_cast<std::size_t>(subject->v)].text);
        Note(ExplanationLine::Kind::kBranch, attribute.id, said);
        std::size_t arm = e.children.size() - 1;  // else
        for (std::size_t i = 0; i < e.arm_values.size(); ++i) {
          if (e.arm_values[i] == subject->v) arm = i + 1;
        }
        context_.push_back(said);
        auto out = Eval(*e.children[arm]);
        context_.pop_back();
        return out;
      }
      case ExprKind::kIn: {
        auto subject = Eval(*e.children[0]);
        if (!subject) return subject;
        const bool in =
            std::find(e.arm_values.begin(), e.arm_values.end(), subject->v) != e.arm_values.end();
        return Value{in ? 1 : 0, {}};
      }
      case ExprKind::kCall:
        return EvalCall(e);
    }
    return Value{};
  }

  tl::expected<Value, EvalError> EvalName(const Expr& e) {
    const int i = e.symbol.index;
    switch (e.symbol.kind) {
      case SymbolKind::kQuestion: {
        if (inputs_ == nullptr) return NotConstant();
        const Question& q = model_.questions[i];
        const std::int64_t v =
            q.is_number ? Input(i) : q.options[static_cast<std::size_t>(Input(i))].score;
        Value out{v, {}};
        if (v != 0) out.shares.push_back({{ExplanationLine::Kind::kAnswer, i}, v});
        return out;
      }
      case SymbolKind::kAttribute: {
        if (inputs_ == nullptr) return NotConstant();
        const int input = static_cast<int>(model_.questions.size()) + i;
        const std::int64_t v = Input(input);
        Value out{v, {}};
        if (model_.attributes[i].type == AttributeType::kNumber && v != 0) {
          out.shares.push_back({{ExplanationLine::Kind::kAttribute, i}, v});
        }
        return out;
      }
      case SymbolKind::kParameter:
        return Fixed(model_.parameters[i].value, model_.parameters[i].label);
      case SymbolKind::kDerived:
      case SymbolKind::kBand:
      case SymbolKind::kTable: {
        auto it = values_.find({e.symbol.kind, i});
        if (it == values_.end()) return NotConstant();
        return it->second;
      }
      case SymbolKind::kNone:
        break;
    }
    return NotConstant();
  }

  static tl::unexpected<EvalError> NotConstant() {
    return tl::unexpected(EvalError{ErrorCode::kFailedPrecondition, "not a constant"});
  }

  tl::expected<Value, EvalError> EvalBinary(const Expr& e) {
    auto a = Eval(*e.children[0]);
    if (!a) return a;
    if (e.op == BinaryOp::kPow) {
      Value out;
      if (!PowMicros(a->v, static_cast<int>(e.children[1]->number / kMicros), &out.v)) {
        return Overflow();
      }
      return Rescaled(*a, out.v);
    }
    auto b = Eval(*e.children[1]);
    if (!b) return b;
    Value out;
    switch (e.op) {
      case BinaryOp::kAdd:
      case BinaryOp::kSub: {
        const bool add = e.op == BinaryOp::kAdd;
        if (!(add ? AddMicros(a->v, b->v, &out.v) : SubMicros(a->v, b->v, &out.v))) {
          return Overflow();
        }
        out.shares = a->shares;
        for (const Share& s : b->shares)
          out.shares.push_back({s.source, add ? s.micros : -s.micros});
        out.shares = Merge(std::move(out.shares));
        return out;
      }
      case BinaryOp::kMul: {
        if (!MulMicros(a->v, b->v, &out.v)) return Overflow();
        return Rescaled(HasInputShare(*a) || !HasInputShare(*b) ? *a : *b, out.v);
      }
      case BinaryOp::kDiv:
        if (b->v == 0) {
          return tl::unexpected(
              EvalError{ErrorCode::kInvalidArgument,
                        fmt::format("\"{}\" came to 0, and the model divides by it",
                                    ExpressionText(*e.children[1]))});
        }
        if (!DivMicros(a->v, b->v, &out.v)) return Overflow();
        return Rescaled(HasInputShare(*a) || !HasInputShare(*b) ? *a : *b, out.v);
      case BinaryOp::kEq:
        return Value{a->v == b->v, {}};
      case BinaryOp::kNe:
        return Value{a->v != b->v, {}};
      case BinaryOp::kLt:
        return Value{a->v < b->v, {}};
      case BinaryOp::kLe:
        return Value{a->v <= b->v, {}};
      case BinaryOp::kGt:
        return Value{a->v > b->v, {}};
      case BinaryOp::kGe:
        return Value{a->v >= b->v, {}};
      case BinaryOp::kAnd:
        return Value{a->v != 0 && b->v != 0, {}};
      case BinaryOp::kOr:
        return Value{a->v != 0 || b->v != 0, {}};
      default:
        break;
    }
    return Value{};
  }

  tl::expected<Value, EvalError> EvalCall(const Expr& e) {
    const std::string& f = e.text;
    if (f == "total") {
      Value out;
      for (int q : e.group_members) {
        if (inputs_ == nullptr) return NotConstant();
        const Question& question = model_.questions[q];
        const std::int64_t v = question.is_number
                                   ? Input(q)
                                   : question.options[static_cast<std::size_t>(Input(q))].score;
        if (!AddMicros(out.v, v, &out.v)) return Overflow();
        if (v != 0) out.shares.push_back({{ExplanationLine::Kind::kAnswer, q}, v});
      }
      return out;
    }
    std::vector<Value> args;
    for (const auto& child : e.children) {
      auto v = Eval(*child);
      if (!v) return v;
      args.push_back(std::move(*v));
    }
    // The argument whose shares carry into the result: the first that depends on an answer.
    std::size_t primary = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (HasInputShare(args[i])) {
        primary = i;
        break;
      }
    }
    std::int64_t v = args[0].v;
    if (f == "min" || f == "max") {
      for (const Value& arg : args) v = f == "min" ? std::min(v, arg.v) : std::max(v, arg.v);
    } else if (f == "clamp") {
      v = std::min(std::max(args[0].v, args[1].v), args[2].v);
    } else if (f == "abs") {
      if (v == INT64_MIN) return Overflow();
      v = v < 0 ? -v : v;
    } else if (f == "sqrt") {
      if (!SqrtMicros(args[0].v, &v)) {
        return tl::unexpected(EvalError{ErrorCode::kInvalidArgument,
                                        "The model takes the square root of a negative number"});
      }
    } else {
      const int places = args.size() == 2 ? static_cast<int>(args[1].v / kMicros) : 0;
      const RoundingRule rule = f == "round"        ? RoundingRule::kHalfUp
                                : f == "round_down" ? RoundingRule::kDown
                                                    : RoundingRule::kUp;
      if (!RoundMicros(args[0].v, places, rule, &v)) return Overflow();
      primary = 0;
    }
    return Rescaled(args[primary], v);
  }

  // A condition in words, using the model's own labels.
  std::string Describe(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kName:
        if (e.symbol.kind == SymbolKind::kAttribute) {
          const Attribute& a = model_.attributes[e.symbol.index];
          if (a.type == AttributeType::kYesNo) return fmt::format("\"{}\" is yes", a.label);
        }
        return fmt::format("{} is yes", Label(e));
      case ExprKind::kNot:
        if (e.children[0]->kind == ExprKind::kName &&
            e.children[0]->symbol.kind == SymbolKind::kAttribute) {
          return fmt::format("\"{}\" is no", Label(*e.children[0]));
        }
        return fmt::format("it is not so that {}", Describe(*e.children[0]));
      case ExprKind::kIn: {
        const Attribute& a = model_.attributes[e.children[0]->category_attribute];
        std::string values;
        for (int v : e.arm_values) {
          values += (values.empty() ? "" : " or ") + a.values[static_cast<std::size_t>(v)].text;
        }
        return fmt::format("{} is {}", a.label, values);
      }
      case ExprKind::kBinary: {
        const Expr& l = *e.children[0];
        const Expr& r = *e.children[1];
        if (e.op == BinaryOp::kAnd || e.op == BinaryOp::kOr) {
          return Describe(l) + (e.op == BinaryOp::kAnd ? " and " : " or ") + Describe(r);
        }
        if ((e.op == BinaryOp::kEq || e.op == BinaryOp::kNe) &&
            (l.type == ValueType::kCategory || r.type == ValueType::kCategory)) {
          const Expr& category = l.type == ValueType::kCategory ? l : r;
          const Expr& value = l.type == ValueType::kCategory ? r : l;
          const Attribute& a = model_.attributes[category.category_attribute];
          const std::string text = value.kind == ExprKind::kText
                                       ? a.values[static_cast<std::size_t>(value.number)].text
                                       : ExpressionText(value);
          return fmt::format("{} {} {}", a.label, e.op == BinaryOp::kEq ? "is" : "is not", text);
        }
        const char* relation = "";
        switch (e.op) {
          case BinaryOp::kEq:
            relation = "is";
            break;
          case BinaryOp::kNe:
            relation = "is not";
            break;
          case BinaryOp::kLt:
            relation = "is less than";
            break;
          case BinaryOp::kLe:
            relation = "is at most";
            break;
          case BinaryOp::kGt:
            relation = "is more than";
            break;
          case BinaryOp::kGe:
            relation = "is at least";
            break;
          default:
            relation = "?";
            break;
        }
        return fmt::format("{} {} {}", Label(l), relation, Label(r));
      }
      default:
        return ExpressionText(e);
    }
  }

  // The opposite of a condition in words: "Age (67) is less than 80" for age >= 80.
  std::string DescribeNegated(const Expr& e) {
    if (e.kind == ExprKind::kName && e.symbol.kind == SymbolKind::kAttribute &&
        model_.attributes[e.symbol.index].type == AttributeType::kYesNo) {
      return fmt::format("\"{}\" is no", model_.attributes[e.symbol.index].label);
    }
    if (e.kind == ExprKind::kNot) return Describe(*e.children[0]);
    if (e.kind == ExprKind::kBinary && e.children[0]->type != ValueType::kCategory &&
        e.children[1]->type != ValueType::kCategory) {
      const char* relation = nullptr;
      switch (e.op) {
        case BinaryOp::kLt:
          relation = "is at least";
          break;
        case BinaryOp::kLe:
          relation = "is more than";
          break;
        case BinaryOp::kGt:
          relation = "is at most";
          break;
        case BinaryOp::kGe:
          relation = "is less than";
          break;
        case BinaryOp::kEq:
          relation = "is not";
          break;
        case BinaryOp::kNe:
          relation = "is";
          break;
        default:
          break;
      }
      if (relation != nullptr) {
        return fmt::format("{} {} {}", Label(*e.children[0]), relation, Label(*e.children[1]));
      }
    }
    if (e.kind == ExprKind::kBinary && e.op == BinaryOp::kEq) {
      std::string text = Describe(e);
      const auto at = text.find(" is ");
      if (at != std::string::npos) text.replace(at, 4, " is not ");
      return text;
    }
    return fmt::format("it is not so that {}", Describe(e));
  }

  // A name's label with its value ("Age (67)"), or a number, or the expression itself.
  std::string Label(const Expr& e) {
    if (e.kind == ExprKind::kNumber) return FormatMicros(e.number);
    if (e.kind != ExprKind::kName) return ExpressionText(e);
    std::string label = e.text;
    const int i = e.symbol.index;
    switch (e.symbol.kind) {
      case SymbolKind::kQuestion:
        label = model_.questions[i].text;
        break;
      case SymbolKind::kAttribute:
        label = model_.attributes[i].label;
        break;
      case SymbolKind::kParameter:
        label = model_.parameters[i].label;
        break;
      case SymbolKind::kDerived:
        label = model_.derived[i].label;
        break;
      case SymbolKind::kBand:
        label = model_.bands[i].label;
        break;
      case SymbolKind::kTable:
        label = model_.tables[i].label;
        break;
      case SymbolKind::kNone:
        break;
    }
    if (e.type == ValueType::kNumber) {
      if (auto v = Eval(e)) return fmt::format("{} ({})", label, FormatMicros(v->v));
    }
    return label;
  }

  // "points", or "point" for exactly one.
  std::string ScoreWord(std::int64_t score) const {
    const std::string& word = model_.score_word;
    if ((score == kMicros || score == -kMicros) && word.size() > 1 && word.back() == 's') {
      return word.substr(0, word.size() - 1);
    }
    return word;
  }

  static std::string Capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
      text[0] = static_cast<char>(text[0] - 32);
    return text;
  }

  // Turns shares into lines in whole pence that add up exactly to the rounded amount, by
  // largest remainder.
  tl::expected<Explanation, EvalError> Finish(const Value& total) {
    Explanation out;
    out.amount_micros = total.v;
    out.amount_pence = MicrosToPence(total.v, model_.rounding);
    std::vector<Share> shares = Merge(total.shares);
    // Every answered question gets a line, in questionnaire order, even with no money.
    std::vector<Share> ordered;
    for (int q = 0; q < static_cast<int>(model_.questions.size()); ++q) {
      auto it = std::find_if(shares.begin(), shares.end(), [&](const Share& s) {
        return s.source.kind == ExplanationLine::Kind::kAnswer && s.source.index == q;
      });
      ordered.push_back(it != shares.end() ? *it : Share{{ExplanationLine::Kind::kAnswer, q}, 0});
    }
    for (auto kind : {ExplanationLine::Kind::kAttribute, ExplanationLine::Kind::kFixed,
                      ExplanationLine::Kind::kAddOn, ExplanationLine::Kind::kAdjustment}) {
      for (const Share& s : shares) {
        if (s.source.kind == kind && s.micros != 0) ordered.push_back(s);
      }
    }
    constexpr std::int64_t kMicrosPerPenny = kMicros / 100;
    std::vector<std::int64_t> pence(ordered.size());
    std::vector<Int128> remainder(ordered.size());
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      Int128 floor = ordered[i].micros / kMicrosPerPenny;
      Int128 rest = ordered[i].micros % kMicrosPerPenny;
      if (rest < 0) {
        floor -= 1;
        rest += kMicrosPerPenny;
      }
      pence[i] = static_cast<std::int64_t>(floor);
      remainder[i] = rest;
      assigned += pence[i];
    }
    std::int64_t extra = out.amount_pence - assigned;
    std::vector<std::size_t> by_remainder(ordered.size());
    std::iota(by_remainder.begin(), by_remainder.end(), 0);
    std::stable_sort(by_remainder.begin(), by_remainder.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    for (std::size_t k = 0; k < by_remainder.size() && extra > 0; ++k, --extra) {
      ++pence[by_remainder[k]];
    }
    std::optional<ExplanationLine> rounding;
    if (extra != 0) {  // only when there are no lines to carry it
      rounding = ExplanationLine{ExplanationLine::Kind::kRounding, "",
                                 "Rounding to the nearest penny", extra, std::nullopt};
    }
    const std::string per = PeriodPhrase(model_.period);
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      out.lines.push_back(MoneyLine(ordered[i], pence[i], per));
    }
    for (ExplanationLine& step : steps_) out.lines.push_back(std::move(step));
    if (rounding) out.lines.push_back(*rounding);
    return out;
  }

  ExplanationLine MoneyLine(const Share& share, std::int64_t pence, const std::string& per) {
    ExplanationLine line;
    line.kind = share.source.kind;
    line.amount_pence = pence;
    const std::string money = fmt::format("{} {}", FormatPounds(Pence(pence)), per);
    const int i = share.source.index;
    switch (share.source.kind) {
      case ExplanationLine::Kind::kAnswer: {
        const Question& q = model_.questions[i];
        line.id = q.id;
        const std::int64_t raw = Input(i);
        const std::int64_t score =
            q.is_number ? raw : q.options[static_cast<std::size_t>(raw)].score;
        line.value_micros = score;
        line.text = q.is_number ? fmt::format("{}: {} — {}", q.text, FormatMicros(raw), money)
                                : fmt::format("{}: {} — {} {}, {}", q.text,
                                              q.options[static_cast<std::size_t>(raw)].text,
                                              FormatMicros(score), ScoreWord(score), money);
        break;
      }
      case ExplanationLine::Kind::kAttribute: {
        const Attribute& a = model_.attributes[i];
        line.id = a.id;
        line.value_micros = Input(static_cast<int>(model_.questions.size()) + i);
        line.text = fmt::format("{}: {} — {}", a.label, FormatMicros(*line.value_micros), money);
        break;
      }
      case ExplanationLine::Kind::kAddOn: {
        const NamedAmount& add_on = model_.allocation.add_ons[static_cast<std::size_t>(i)];
        line.id = add_on.id;
        line.text = fmt::format("{} — {}", add_on.label, money);
        break;
      }
      case ExplanationLine::Kind::kAdjustment:
        line.text = fmt::format("{} — {}", adjustment_labels_[static_cast<std::size_t>(i)], money);
        break;
      default:
        line.text = fmt::format("{} — {}", fixed_labels_[static_cast<std::size_t>(i)], money);
        break;
    }
    return line;
  }

  const Model& model_;
  const Inputs* inputs_;
  std::map<std::pair<SymbolKind, int>, Value> values_;
  std::vector<std::string> fixed_labels_;
  std::vector<std::string> adjustment_labels_;
  std::vector<std::string> context_;
  std::vector<ExplanationLine> steps_;
};

}  // namespace

Result<Explanation> Explain(const Model& model, const Inputs& inputs) {
  if (static_cast<int>(inputs.size()) != model.input_count()) {
    return Fail(ErrorCode::kInvalidArgument, "The answers do not match this model");
  }
  auto result = Explainer(model, &inputs).Run();
  if (!result) return Fail(result.error().code, result.error().message);
  return std::move(*result);
}

std::optional<std::int64_t> EvaluateConstant(const Model& model, const Expr& expr) {
  Explainer explainer(model, nullptr);
  return explainer.Constant(expr);
}

const char* ExplanationKindName(ExplanationLine::Kind kind) {
  switch (kind) {
    case ExplanationLine::Kind::kAnswer:
      return "answer";
    case ExplanationLine::Kind::kAttribute:
      return "attribute";
    case ExplanationLine::Kind::kFixed:
      return "fixed";
    case ExplanationLine::Kind::kStep:
      return "step";
    case ExplanationLine::Kind::kBranch:
      return "branch";
    case ExplanationLine::Kind::kAddOn:
      return "add_on";
    case ExplanationLine::Kind::kAdjustment:
      return "adjustment";
    case ExplanationLine::Kind::kRounding:
      return "rounding";
  }
  return "step";
}

}  // namespace selfdirect::ras
