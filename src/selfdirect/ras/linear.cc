#include "selfdirect/ras/linear.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/expression.h"

namespace selfdirect::ras {
namespace {

std::unique_ptr<Expr> Clone(const Expr& e) {
  auto out = std::make_unique<Expr>();
  out->kind = e.kind;
  out->op = e.op;
  out->where = e.where;
  out->number = e.number;
  out->text = e.text;
  out->arm_codes = e.arm_codes;
  out->has_else = e.has_else;
  out->symbol = e.symbol;
  out->type = e.type;
  out->category_attribute = e.category_attribute;
  out->arm_values = e.arm_values;
  out->group_members = e.group_members;
  out->range = e.range;
  for (const auto& child : e.children) out->children.push_back(Clone(*child));
  return out;
}

std::unique_ptr<Expr> Number(std::int64_t micros) {
  auto e = std::make_unique<Expr>();
  e->kind = ExprKind::kNumber;
  e->number = micros;
  e->type = ValueType::kNumber;
  e->range = {static_cast<double>(micros), static_cast<double>(micros), micros % kMicros == 0};
  return e;
}

// a op b for numbers or yes/no values. The result's range is left "not whole", so the compiler
// uses the general (rounded) multiplication for it.
std::unique_ptr<Expr> Binary(BinaryOp op, std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
  auto e = std::make_unique<Expr>();
  e->kind = ExprKind::kBinary;
  e->op = op;
  const bool logical = op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kEq ||
                       op == BinaryOp::kNe || op == BinaryOp::kLt || op == BinaryOp::kLe ||
                       op == BinaryOp::kGt || op == BinaryOp::kGe;
  e->type = logical ? ValueType::kYesNo : ValueType::kNumber;
  e->children.push_back(std::move(a));
  e->children.push_back(std::move(b));
  return e;
}

// if condition then value else 0
std::unique_ptr<Expr> When(std::unique_ptr<Expr> condition, std::unique_ptr<Expr> value) {
  auto e = std::make_unique<Expr>();
  e->kind = ExprKind::kIf;
  e->type = ValueType::kNumber;
  e->has_else = true;
  e->children.push_back(std::move(condition));
  e->children.push_back(std::move(value));
  e->children.push_back(Number(0));
  return e;
}

std::unique_ptr<Expr> Sum(std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
  if (!a) return b;
  if (!b) return a;
  return Binary(BinaryOp::kAdd, std::move(a), std::move(b));
}

std::unique_ptr<Expr> And(std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
  if (!a) return b;
  if (!b) return a;
  return Binary(BinaryOp::kAnd, std::move(a), std::move(b));
}

struct Form {
  std::unique_ptr<Expr> constant;                     // null: 0
  std::map<int, std::unique_ptr<Expr>> coefficients;  // free parameter → coefficient
};

struct Failure {
  SourceLocation where;
  std::string message;
};

class Linearizer {
 public:
  explicit Linearizer(const Model& model) : model_(model) {}

  tl::expected<LinearModel, Failure> Run() {
    CollectParameters();
    if (parameters_.empty()) {
      return tl::unexpected(Failure{{},
                                    "The model has nothing to fit: mark parameters (or band "
                                    "tables or tables) with fit: true"});
    }
    const Allocation& a = model_.allocation;
    auto core = Linear(*a.value);
    if (!core) return tl::unexpected(core.error());
    auto no_parameters = [&](const std::unique_ptr<Expr>& e, const char* what) -> bool {
      return !e || !UsesFree(*e, what);
    };
    for (const NamedAmount& add_on : a.add_ons) {
      if (!no_parameters(add_on.value, "an add-on")) return tl::unexpected(*failure_);
    }
    for (const auto* amount : {&a.scale, &a.floor, &a.ceiling}) {
      if (*amount && !no_parameters((*amount)->value, "the scale, floor or ceiling")) {
        return tl::unexpected(*failure_);
      }
    }
    LinearModel out;
    out.parameters = parameters_;
    out.constant = core->constant ? std::move(core->constant) : Number(0);
    for (std::size_t j = 0; j < parameters_.size(); ++j) {
      auto it = core->coefficients.find(static_cast<int>(j));
      out.features.push_back(it != core->coefficients.end() && it->second ? std::move(it->second)
                                                                          : Number(0));
    }
    return out;
  }

 private:
  void CollectParameters() {
    for (int i = 0; i < static_cast<int>(model_.parameters.size()); ++i) {
      const Parameter& p = model_.parameters[i];
      if (!p.fit) continue;
      parameter_index_[{FreeParameter::Kind::kParameter, i, 0}] =
          static_cast<int>(parameters_.size());
      parameters_.push_back(
          {FreeParameter::Kind::kParameter, i, 0, p.id, p.label, p.value, p.value_span});
    }
    for (int b = 0; b < static_cast<int>(model_.bands.size()); ++b) {
      const BandTable& table = model_.bands[b];
      if (!table.fit) continue;
      for (int i = 0; i < static_cast<int>(table.bands.size()); ++i) {
        const Band& band = table.bands[i];
        if (band.value->kind != ExprKind::kNumber) continue;
        parameter_index_[{FreeParameter::Kind::kBandValue, b, i}] =
            static_cast<int>(parameters_.size());
        parameters_.push_back(
            {FreeParameter::Kind::kBandValue, b, i, fmt::format("{}[{}]", table.id, i + 1),
             fmt::format("{}: {}", table.label, band.label), band.value->number, band.value_span});
      }
    }
    for (int t = 0; t < static_cast<int>(model_.tables.size()); ++t) {
      const Table& table = model_.tables[t];
      if (!table.fit) continue;
      for (int c = 0; c < static_cast<int>(table.cells.size()); ++c) {
        const TableCell& cell = table.cells[c];
        if (cell.value->kind != ExprKind::kNumber) continue;
        std::string keys;
        for (const auto& k : cell.key_texts) keys += (keys.empty() ? "" : ", ") + k;
        parameter_index_[{FreeParameter::Kind::kTableCell, t, c}] =
            static_cast<int>(parameters_.size());
        parameters_.push_back(
            {FreeParameter::Kind::kTableCell, t, c, fmt::format("{}[{}]", table.id, keys),
             fmt::format("{} ({})", table.label, keys), cell.value->number, cell.value_span});
      }
    }
  }

  // True (and a failure recorded) when `e` depends on a free parameter.
  bool UsesFree(const Expr& e, const char* where) {
    auto form = Linear(e);
    if (!form) return true;
    if (!form->coefficients.empty()) {
      failure_ = Failure{e.where, fmt::format("\"{}\" uses a parameter being fitted in {}; only "
                                              "the allocation's value can be fitted",
                                              ExpressionText(e), where)};
      return true;
    }
    return false;
  }

  tl::unexpected<Failure> Nonlinear(const Expr& e, const std::string& why) {
    failure_ = Failure{e.where, fmt::format("\"{}\" cannot be fitted: {}", ExpressionText(e), why)};
    return tl::unexpected(*failure_);
  }

  // The expression as constant + Σ p_j × coefficient_j.
  tl::expected<Form, Failure> Linear(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kNumber:
      case ExprKind::kText:
        return Form{Clone(e), {}};
      case ExprKind::kName:
        return LinearName(e);
      case ExprKind::kNegate: {
        auto a = Linear(*e.children[0]);
        if (!a) return a;
        return Scaled(std::move(*a), Number(-kMicros));
      }
      case ExprKind::kBinary:
        return LinearBinary(e);
      case ExprKind::kIf:
      case ExprKind::kMatch:
        return LinearBranches(e);
      case ExprKind::kNot:
      case ExprKind::kIn:
      case ExprKind::kCall: {
        for (const auto& child : e.children) {
          auto form = Linear(*child);
          if (!form) return form;
          if (!form->coefficients.empty()) {
            return Nonlinear(e, e.kind == ExprKind::kCall
                                    ? e.text + "() of a parameter being fitted is not linear"
                                    : "a parameter being fitted is used in a condition");
          }
        }
        return Form{Clone(e), {}};
      }
    }
    return Form{Clone(e), {}};
  }

  Form Scaled(Form form, std::unique_ptr<Expr> by) {
    Form out;
    if (form.constant) out.constant = Binary(BinaryOp::kMul, std::move(form.constant), Clone(*by));
    for (auto& [j, c] : form.coefficients) {
      out.coefficients[j] = Binary(BinaryOp::kMul, std::move(c), Clone(*by));
    }
    return out;
  }

  tl::expected<Form, Failure> LinearName(const Expr& e) {
    const int i = e.symbol.index;
    switch (e.symbol.kind) {
      case SymbolKind::kParameter: {
        auto it = parameter_index_.find({FreeParameter::Kind::kParameter, i, 0});
        if (it == parameter_index_.end()) return Form{Clone(e), {}};
        Form f;
        f.coefficients[it->second] = Number(kMicros);
        return f;
      }
      case SymbolKind::kDerived: {
        auto form = Linear(*model_.derived[i].value);
        if (!form) return form;
        if (form->coefficients.empty()) return Form{Clone(e), {}};  // keep the compiled value
        return form;
      }
      case SymbolKind::kBand:
        return LinearBand(e, model_.bands[i], i);
      case SymbolKind::kTable:
        return LinearTable(e, model_.tables[i], i);
      default:
        return Form{Clone(e), {}};
    }
  }

  // of ≥ at_least and of < below (null when the band has neither bound).
  static std::unique_ptr<Expr> InBand(const Expr& of, const Band& band) {
    std::unique_ptr<Expr> in_band;
    if (band.at_least) {
      in_band = And(std::move(in_band), Binary(BinaryOp::kGe, Clone(of), Number(*band.at_least)));
    }
    if (band.below) {
      in_band = And(std::move(in_band), Binary(BinaryOp::kLt, Clone(of), Number(*band.below)));
    }
    return in_band;
  }

  // Σ over bands: [of in band] × value.
  tl::expected<Form, Failure> LinearBand(const Expr& name, const BandTable& table, int index) {
    if (UsesFree(*table.of, "a band table's \"of\"")) return tl::unexpected(*failure_);
    Form out;
    bool any = false;
    for (int i = 0; i < static_cast<int>(table.bands.size()); ++i) {
      const Band& band = table.bands[i];
      Form value;
      auto it = parameter_index_.find({FreeParameter::Kind::kBandValue, index, i});
      if (it != parameter_index_.end()) {
        value.coefficients[it->second] = Number(kMicros);
      } else {
        auto form = Linear(*band.value);
        if (!form) return form;
        value = std::move(*form);
      }
      if (value.coefficients.empty()) continue;
      any = true;
      std::unique_ptr<Expr> in_band = InBand(*table.of, band);
      Add(&out, std::move(value), in_band ? std::move(in_band) : nullptr);
    }
    if (!any) return Form{Clone(name), {}};
    // The bands whose values are fixed still contribute their amounts as a constant.
    for (int i = 0; i < static_cast<int>(table.bands.size()); ++i) {
      const Band& band = table.bands[i];
      if (parameter_index_.count({FreeParameter::Kind::kBandValue, index, i}) != 0) continue;
      auto form = Linear(*band.value);
      if (!form || !form->coefficients.empty()) continue;
      std::unique_ptr<Expr> in_band = InBand(*table.of, band);
      out.constant =
          Sum(std::move(out.constant), in_band ? When(std::move(in_band), std::move(form->constant))
                                               : std::move(form->constant));
    }
    return out;
  }

  // Σ over cells: [keys match] × value.
  tl::expected<Form, Failure> LinearTable(const Expr& name, const Table& table, int index) {
    for (const auto& key : table.keys) {
      if (UsesFree(*key, "a table's key")) return tl::unexpected(*failure_);
    }
    Form out;
    bool any = false;
    for (int c = 0; c < static_cast<int>(table.cells.size()); ++c) {
      const TableCell& cell = table.cells[c];
      Form value;
      auto it = parameter_index_.find({FreeParameter::Kind::kTableCell, index, c});
      if (it != parameter_index_.end()) {
        value.coefficients[it->second] = Number(kMicros);
      } else {
        auto form = Linear(*cell.value);
        if (!form) return form;
        value = std::move(*form);
      }
      if (!value.coefficients.empty()) any = true;
      std::unique_ptr<Expr> match;
      for (std::size_t k = 0; k < table.keys.size(); ++k) {
        const Expr& key = *table.keys[k];
        std::unique_ptr<Expr> wanted;
        if (key.type == ValueType::kCategory) {
          wanted = std::make_unique<Expr>();
          wanted->kind = ExprKind::kText;
          wanted->type = ValueType::kText;
          wanted->number = cell.key_values[k];  // the compiler compares value indexes
        } else {
          wanted = Number((table.key_low[k] + cell.key_values[k]) * kMicros);
        }
        match = And(std::move(match), Binary(BinaryOp::kEq, Clone(key), std::move(wanted)));
      }
      Add(&out, std::move(value), std::move(match));
    }
    if (!any) return Form{Clone(name), {}};
    return out;
  }

  // out += [condition] × value (condition null: always).
  static void Add(Form* out, Form value, std::unique_ptr<Expr> condition) {
    auto gate = [&](std::unique_ptr<Expr> e) {
      if (!e || !condition) return e;
      auto copy = Clone(*condition);
      return When(std::move(copy), std::move(e));
    };
    out->constant = Sum(std::move(out->constant), gate(std::move(value.constant)));
    for (auto& [j, c] : value.coefficients) {
      out->coefficients[j] = Sum(std::move(out->coefficients[j]), gate(std::move(c)));
    }
  }

  tl::expected<Form, Failure> LinearBinary(const Expr& e) {
    auto a = Linear(*e.children[0]);
    if (!a) return a;
    auto b = Linear(*e.children[1]);
    if (!b) return b;
    switch (e.op) {
      case BinaryOp::kAdd:
      case BinaryOp::kSub: {
        if (e.op == BinaryOp::kSub) *b = Scaled(std::move(*b), Number(-kMicros));
        Form out;
        out.constant = Sum(std::move(a->constant), std::move(b->constant));
        for (auto* side : {&*a, &*b}) {
          for (auto& [j, c] : side->coefficients) {
            out.coefficients[j] = Sum(std::move(out.coefficients[j]), std::move(c));
          }
        }
        return out;
      }
      case BinaryOp::kMul: {
        if (!a->coefficients.empty() && !b->coefficients.empty()) {
          return Nonlinear(e,
                           "two parameters being fitted are multiplied together; fit one and "
                           "fix the other");
        }
        if (a->coefficients.empty() && b->coefficients.empty()) return Form{Clone(e), {}};
        Form& linear = a->coefficients.empty() ? *b : *a;
        const Expr& by = a->coefficients.empty() ? *e.children[0] : *e.children[1];
        return Scaled(std::move(linear), Clone(by));
      }
      case BinaryOp::kDiv: {
        if (!b->coefficients.empty()) {
          return Nonlinear(e, "dividing by a parameter being fitted is not linear");
        }
        if (a->coefficients.empty()) return Form{Clone(e), {}};
        Form out;
        if (a->constant) {
          out.constant = Binary(BinaryOp::kDiv, std::move(a->constant), Clone(*e.children[1]));
        }
        for (auto& [j, c] : a->coefficients) {
          out.coefficients[j] = Binary(BinaryOp::kDiv, std::move(c), Clone(*e.children[1]));
        }
        return out;
      }
      case BinaryOp::kPow:
        if (!a->coefficients.empty()) {
          return Nonlinear(e,
                           "a power of a parameter being fitted is not linear; use transform: "
                           "square for a model fitted on the square root of cost");
        }
        return Form{Clone(e), {}};
      default:
        if (!a->coefficients.empty() || !b->coefficients.empty()) {
          return Nonlinear(e, "a parameter being fitted is used in a comparison");
        }
        return Form{Clone(e), {}};
    }
  }

  // if/match: each coefficient is the same condition choosing between the branches' ones.
  tl::expected<Form, Failure> LinearBranches(const Expr& e) {
    const bool is_if = e.kind == ExprKind::kIf;
    std::vector<std::size_t> branch_children;
    for (std::size_t i = 0; i < e.children.size(); ++i) {
      const bool is_condition = is_if ? (i + 1 < e.children.size() && i % 2 == 0) : i == 0;
      if (is_condition) {
        auto form = Linear(*e.children[i]);
        if (!form) return form;
        if (!form->coefficients.empty()) {
          return Nonlinear(e, "a parameter being fitted is used in a condition");
        }
        continue;
      }
      branch_children.push_back(i);
    }
    std::vector<Form> branches;
    std::set<int> parameters;
    for (std::size_t i : branch_children) {
      auto form = Linear(*e.children[i]);
      if (!form) return form;
      for (const auto& [j, c] : form->coefficients) parameters.insert(j);
      branches.push_back(std::move(*form));
    }
    if (parameters.empty()) return Form{Clone(e), {}};
    // Rebuild the if/match once per part, with each branch replaced by its part.
    auto rebuild = [&](auto part) {
      auto out = Clone(e);
      for (std::size_t b = 0; b < branch_children.size(); ++b) {
        std::unique_ptr<Expr> value = part(branches[b]);
        out->children[branch_children[b]] = value ? std::move(value) : Number(0);
      }
      out->type = ValueType::kNumber;
      return out;
    };
    Form out;
    out.constant = rebuild([](Form& f) { return std::move(f.constant); });
    for (int j : parameters) {
      out.coefficients[j] = rebuild([j](Form& f) {
        auto it = f.coefficients.find(j);
        return it == f.coefficients.end() ? nullptr : std::move(it->second);
      });
    }
    return out;
  }

  const Model& model_;
  std::vector<FreeParameter> parameters_;
  std::map<std::tuple<FreeParameter::Kind, int, int>, int> parameter_index_;
  std::optional<Failure> failure_;
};

}  // namespace

Result<LinearModel> Linearize(const Model& model) {
  auto linear = Linearizer(model).Run();
  if (!linear) {
    const Failure& f = linear.error();
    return Fail(ErrorCode::kFailedPrecondition,
                f.where.line > 0 ? fmt::format("{}:{}:{}: {}", model.file, f.where.line,
                                               f.where.column, f.message)
                                 : f.message);
  }
  return std::move(*linear);
}

Program CompileFeatures(const Model& model, const LinearModel& linear) {
  std::vector<const Expr*> outputs{linear.constant.get()};
  for (const auto& f : linear.features) outputs.push_back(f.get());
  // The add-ons' total and the scale, as plain sums over the model's own expressions.
  std::unique_ptr<Expr> add_ons;
  for (const NamedAmount& a : model.allocation.add_ons) {
    add_ons = Sum(std::move(add_ons), Clone(*a.value));
  }
  if (!add_ons) add_ons = Number(0);
  auto scale = model.allocation.scale ? Clone(*model.allocation.scale->value) : Number(kMicros);
  outputs.push_back(add_ons.get());
  outputs.push_back(scale.get());
  return CompileExpressions(model, outputs);
}

}  // namespace selfdirect::ras
