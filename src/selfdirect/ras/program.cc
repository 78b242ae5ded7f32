#include "selfdirect/ras/program.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"

namespace selfdirect::ras {
namespace {

class Compiler {
 public:
  Compiler(const Model& model, Program* program) : model_(model), p_(*program) {}

  // Compiles the allocation (outputs empty) or, instead, each of `outputs` into a slot listed
  // in Program::outputs.
  void Run(const std::vector<const Expr*>& outputs = {}) {
    p_.input_count = model_.input_count();
    p_.rounding = model_.rounding;
    p_.initial.assign(static_cast<std::size_t>(p_.input_count), 0);
    for (const Question& q : model_.questions) {
      score_offset_.push_back(static_cast<std::int64_t>(p_.pool.size()));
      for (const AnswerOption& o : q.options) p_.pool.push_back(o.score);
    }
    for (const Step& step : model_.order) {
      switch (step.kind) {
        case SymbolKind::kDerived:
          symbol_slot_[{step.kind, step.index}] = Emit(*model_.derived[step.index].value);
          break;
        case SymbolKind::kBand:
          symbol_slot_[{step.kind, step.index}] = EmitBands(model_.bands[step.index]);
          break;
        case SymbolKind::kTable:
          symbol_slot_[{step.kind, step.index}] = EmitTable(model_.tables[step.index]);
          break;
        default:
          break;
      }
    }
    if (!outputs.empty()) {
      for (const Expr* e : outputs) p_.outputs.push_back(e != nullptr ? Emit(*e) : Constant(0));
      Instruction end;
      end.op = Op::kEnd;
      end.a = p_.outputs.front();
      p_.code.push_back(end);
      return;
    }
    const Allocation& a = model_.allocation;
    std::uint32_t v = Emit(*a.value);
    if (a.transform == Transform::kSquare) v = Binary(Op::kMul, v, v);
    for (const NamedAmount& add_on : a.add_ons) v = Binary(Op::kAdd, v, Emit(*add_on.value));
    if (a.scale) v = Binary(Op::kMul, v, Emit(*a.scale->value));
    if (a.floor) v = Binary(Op::kMax, v, Emit(*a.floor->value));
    if (a.ceiling) v = Binary(Op::kMin, v, Emit(*a.ceiling->value));
    Instruction end;
    end.op = Op::kEnd;
    end.a = v;
    p_.code.push_back(end);
  }

 private:
  std::uint32_t NewSlot(std::int64_t initial = 0) {
    p_.initial.push_back(initial);
    return static_cast<std::uint32_t>(p_.initial.size() - 1);
  }

  std::uint32_t Constant(std::int64_t value) {
    auto it = constants_.find(value);
    if (it != constants_.end()) return it->second;
    const std::uint32_t slot = NewSlot(value);
    constants_.emplace(value, slot);
    return slot;
  }

  std::uint32_t Binary(Op op, std::uint32_t a, std::uint32_t b) {
    Instruction in;
    in.op = op;
    in.a = a;
    in.b = b;
    in.dst = NewSlot();
    p_.code.push_back(in);
    return in.dst;
  }

  std::uint32_t Unary(Op op, std::uint32_t a, std::int64_t imm = 0) {
    Instruction in;
    in.op = op;
    in.a = a;
    in.imm = imm;
    in.dst = NewSlot();
    p_.code.push_back(in);
    return in.dst;
  }

  void Copy(std::uint32_t dst, std::uint32_t from) {
    Instruction in;
    in.op = Op::kCopy;
    in.dst = dst;
    in.a = from;
    p_.code.push_back(in);
  }

  std::size_t JumpPlaceholder(Op op, std::uint32_t a = 0) {
    Instruction in;
    in.op = op;
    in.a = a;
    p_.code.push_back(in);
    return p_.code.size() - 1;
  }

  void PatchHere(std::size_t jump) {
    p_.code[jump].aux = static_cast<std::int32_t>(p_.code.size());
  }

  bool IsOptionQuestion(const Expr& e) const {
    return e.kind == ExprKind::kName && e.symbol.kind == SymbolKind::kQuestion &&
           !model_.questions[e.symbol.index].is_number;
  }

  // Sum of option questions' scores in one instruction.
  std::uint32_t ScoreSum(const std::vector<int>& questions) {
    Instruction in;
    in.op = Op::kScoreSum;
    in.aux = static_cast<std::int32_t>(p_.pool.size());
    in.b = static_cast<std::uint32_t>(questions.size());
    for (int q : questions) {
      p_.pool.push_back(score_offset_[q]);
      p_.pool.push_back(q);
    }
    in.dst = NewSlot();
    p_.code.push_back(in);
    return in.dst;
  }

  void Addends(const Expr& e, bool negated, std::vector<std::pair<const Expr*, bool>>* out) {
    if (e.kind == ExprKind::kBinary && (e.op == BinaryOp::kAdd || e.op == BinaryOp::kSub)) {
      Addends(*e.children[0], negated, out);
      Addends(*e.children[1], e.op == BinaryOp::kSub ? !negated : negated, out);
      return;
    }
    out->emplace_back(&e, negated);
  }

  std::uint32_t EmitSum(const Expr& e) {
    std::vector<std::pair<const Expr*, bool>> terms;
    Addends(e, false, &terms);
    std::vector<int> scored;
    for (const auto& [term, negated] : terms) {
      if (!negated && IsOptionQuestion(*term)) scored.push_back(term->symbol.index);
    }
    std::int64_t have = -1;
    if (scored.size() >= 2) have = ScoreSum(scored);
    for (const auto& [term, negated] : terms) {
      if (scored.size() >= 2 && !negated && IsOptionQuestion(*term)) continue;
      const std::uint32_t t = Emit(*term);
      if (have < 0) {
        have = negated ? Unary(Op::kNeg, t) : t;
      } else {
        have = Binary(negated ? Op::kSub : Op::kAdd, static_cast<std::uint32_t>(have), t);
      }
    }
    return static_cast<std::uint32_t>(have);
  }

  std::uint32_t Emit(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kNumber:
        return Constant(e.number);
      case ExprKind::kText:
        return Constant(e.number);  // a category value's index
      case ExprKind::kName:
        return EmitName(e);
      case ExprKind::kNegate:
        return Unary(Op::kNeg, Emit(*e.children[0]));
      case ExprKind::kNot:
        return Unary(Op::kNot, Emit(*e.children[0]));
      case ExprKind::kBinary:
        return EmitBinary(e);
      case ExprKind::kIf: {
        const std::uint32_t dst = NewSlot();
        std::vector<std::size_t> to_end;
        for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
          const std::size_t skip = JumpPlaceholder(Op::kJumpIfFalse, Emit(*e.children[i]));
          Copy(dst, Emit(*e.children[i + 1]));
          to_end.push_back(JumpPlaceholder(Op::kJump));
          PatchHere(skip);
        }
        Copy(dst, Emit(*e.children.back()));
        for (std::size_t j : to_end) PatchHere(j);
        return dst;
      }
      case ExprKind::kMatch: {
        const std::uint32_t dst = NewSlot();
        const Attribute& attribute = model_.attributes[e.children[0]->category_attribute];
        const std::size_t table = p_.pool.size();
        p_.pool.resize(table + attribute.values.size(), -1);
        Instruction jump;
        jump.op = Op::kJumpTable;
        jump.a = Emit(*e.children[0]);
        jump.aux = static_cast<std::int32_t>(table);
        p_.code.push_back(jump);
        std::vector<std::size_t> to_end;
        for (std::size_t arm = 0; arm < e.arm_codes.size(); ++arm) {
          p_.pool[table + static_cast<std::size_t>(e.arm_values[arm])] =
              static_cast<std::int64_t>(p_.code.size());
          Copy(dst, Emit(*e.children[arm + 1]));
          to_end.push_back(JumpPlaceholder(Op::kJump));
        }
        if (e.has_else) {
          const auto here = static_cast<std::int64_t>(p_.code.size());
          for (std::size_t v = 0; v < attribute.values.size(); ++v) {
            if (p_.pool[table + v] < 0) p_.pool[table + v] = here;
          }
          Copy(dst, Emit(*e.children.back()));
        }
        for (std::size_t j : to_end) PatchHere(j);
        return dst;
      }
      case ExprKind::kIn: {
        std::int64_t mask = 0;
        for (int v : e.arm_values) mask |= std::int64_t{1} << v;
        return Unary(Op::kInSet, Emit(*e.children[0]), mask);
      }
      case ExprKind::kCall:
        return EmitCall(e);
    }
    return Constant(0);
  }

  std::uint32_t EmitName(const Expr& e) {
    const int i = e.symbol.index;
    switch (e.symbol.kind) {
      case SymbolKind::kQuestion: {
        if (model_.questions[i].is_number) return static_cast<std::uint32_t>(i);
        return Unary(Op::kScore, static_cast<std::uint32_t>(i), score_offset_[i]);
      }
      case SymbolKind::kAttribute:
        return static_cast<std::uint32_t>(model_.questions.size()) + static_cast<std::uint32_t>(i);
      case SymbolKind::kParameter:
        return Constant(model_.parameters[i].value);
      case SymbolKind::kDerived:
      case SymbolKind::kBand:
      case SymbolKind::kTable:
        return symbol_slot_.at({e.symbol.kind, i});
      case SymbolKind::kNone:
        break;
    }
    return Constant(0);
  }

  std::uint32_t EmitBinary(const Expr& e) {
    if (e.op == BinaryOp::kAdd || e.op == BinaryOp::kSub) return EmitSum(e);
    const Expr& left = *e.children[0];
    const Expr& right = *e.children[1];
    if (e.op == BinaryOp::kPow) {
      return Unary(Op::kPow, Emit(left), right.number / kMicros);
    }
    if (e.op == BinaryOp::kMul) {
      if (right.range.whole) return Binary(Op::kMulWhole, Emit(left), Emit(right));
      if (left.range.whole) return Binary(Op::kMulWhole, Emit(right), Emit(left));
    }
    Op op = Op::kAdd;
    switch (e.op) {
      case BinaryOp::kMul:
        op = Op::kMul;
        break;
      case BinaryOp::kDiv:
        op = Op::kDiv;
        break;
      case BinaryOp::kEq:
        op = Op::kEq;
        break;
      case BinaryOp::kNe:
        op = Op::kNe;
        break;
      case BinaryOp::kLt:
        op = Op::kLt;
        break;
      case BinaryOp::kLe:
        op = Op::kLe;
        break;
      case BinaryOp::kGt:
        op = Op::kGt;
        break;
      case BinaryOp::kGe:
        op = Op::kGe;
        break;
      case BinaryOp::kAnd:
        op = Op::kAnd;
        break;
      case BinaryOp::kOr:
        op = Op::kOr;
        break;
      default:
        break;
    }
    return Binary(op, Emit(left), Emit(right));
  }

  std::uint32_t EmitCall(const Expr& e) {
    const std::string& f = e.text;
    if (f == "total") {
      std::vector<int> scored;
      std::int64_t have = -1;
      for (int q : e.group_members) {
        if (!model_.questions[q].is_number) scored.push_back(q);
      }
      if (!scored.empty()) have = ScoreSum(scored);
      for (int q : e.group_members) {
        if (!model_.questions[q].is_number) continue;
        const auto slot = static_cast<std::uint32_t>(q);
        have = have < 0 ? slot : Binary(Op::kAdd, static_cast<std::uint32_t>(have), slot);
      }
      return static_cast<std::uint32_t>(have);
    }
    if (f == "min" || f == "max") {
      std::uint32_t v = Emit(*e.children[0]);
      for (std::size_t i = 1; i < e.children.size(); ++i) {
        v = Binary(f == "min" ? Op::kMin : Op::kMax, v, Emit(*e.children[i]));
      }
      return v;
    }
    if (f == "clamp") {
      const std::uint32_t low = Binary(Op::kMax, Emit(*e.children[0]), Emit(*e.children[1]));
      return Binary(Op::kMin, low, Emit(*e.children[2]));
    }
    if (f == "abs") return Unary(Op::kAbs, Emit(*e.children[0]));
    if (f == "sqrt") return Unary(Op::kSqrt, Emit(*e.children[0]));
    // round, round_down, round_up
    Instruction in;
    in.op = Op::kRound;
    in.a = Emit(*e.children[0]);
    in.b = e.children.size() == 2 ? static_cast<std::uint32_t>(e.children[1]->number / kMicros) : 0;
    in.aux = static_cast<std::int32_t>(f == "round"        ? RoundingRule::kHalfUp
                                       : f == "round_down" ? RoundingRule::kDown
                                                           : RoundingRule::kUp);
    in.dst = NewSlot();
    p_.code.push_back(in);
    return in.dst;
  }

  std::uint32_t EmitBands(const BandTable& table) {
    Instruction in;
    in.op = Op::kBand;
    in.a = Emit(*table.of);
    in.aux = static_cast<std::int32_t>(p_.pool.size());
    p_.pool.push_back(static_cast<std::int64_t>(table.bands.size()));
    for (std::size_t i = 1; i < table.bands.size(); ++i)
      p_.pool.push_back(*table.bands[i].at_least);
    for (const Band& band : table.bands) {
      p_.pool.push_back(EvaluateConstant(model_, *band.value).value_or(0));
    }
    in.dst = NewSlot();
    p_.code.push_back(in);
    return in.dst;
  }

  std::uint32_t EmitTable(const Table& table) {
    Instruction in;
    in.op = Op::kTable;
    in.a = Emit(*table.keys[0]);
    in.b = table.keys.size() > 1 ? Emit(*table.keys[1]) : in.a;
    in.aux = static_cast<std::int32_t>(p_.pool.size());
    for (std::size_t k = 0; k < 2; ++k) {
      if (k < table.keys.size()) {
        p_.pool.push_back(table.key_low[k]);
        p_.pool.push_back(table.key_count[k]);
        p_.pool.push_back(table.keys[k]->type == ValueType::kNumber ? 1 : 0);
      } else {
        p_.pool.insert(p_.pool.end(), {0, 1, 2});  // a second key that is always index 0
      }
    }
    for (int cell : table.cell_at) {
      p_.pool.push_back(EvaluateConstant(model_, *table.cells[cell].value).value_or(0));
    }
    in.dst = NewSlot();
    p_.code.push_back(in);
    return in.dst;
  }

  const Model& model_;
  Program& p_;
  std::vector<std::int64_t> score_offset_;
  std::map<std::int64_t, std::uint32_t> constants_;
  std::map<std::pair<SymbolKind, int>, std::uint32_t> symbol_slot_;
};

}  // namespace

Program Compile(const Model& model) {
  Program program;
  Compiler(model, &program).Run();
  return program;
}

Program CompileExpressions(const Model& model, const std::vector<const Expr*>& outputs) {
  Program program;
  Compiler(model, &program).Run(outputs);
  return program;
}

Evaluator::Evaluator(const Program& program) : program_(program), slots_(program.initial) {}

Evaluator::Outcome Evaluator::Run(const std::int64_t* inputs) {
  std::int64_t* s = slots_.data();
  std::memcpy(s, inputs, sizeof(std::int64_t) * static_cast<std::size_t>(program_.input_count));
  const std::int64_t* pool = program_.pool.data();
  const Instruction* code = program_.code.data();
  bool ok = true;
  for (const Instruction* in = code;; ++in) {
    switch (in->op) {
      case Op::kScore:
        s[in->dst] = pool[in->imm + s[in->a]];
        break;
      case Op::kScoreSum: {
        const std::int64_t* entry = pool + in->aux;
        std::int64_t sum = 0;
        for (std::uint32_t i = 0; i < in->b; ++i, entry += 2) {
          ok &= AddMicros(sum, pool[entry[0] + s[entry[1]]], &sum);
        }
        s[in->dst] = sum;
        break;
      }
      case Op::kCopy:
        s[in->dst] = s[in->a];
        break;
      case Op::kAdd:
        ok &= AddMicros(s[in->a], s[in->b], &s[in->dst]);
        break;
      case Op::kSub:
        ok &= SubMicros(s[in->a], s[in->b], &s[in->dst]);
        break;
      case Op::kMul:
        ok &= MulMicros(s[in->a], s[in->b], &s[in->dst]);
        break;
      case Op::kMulWhole:
        ok &= MulWhole(s[in->a], s[in->b] / kMicros, &s[in->dst]);
        break;
      case Op::kDiv:
        ok &= DivMicros(s[in->a], s[in->b], &s[in->dst]);
        break;
      case Op::kNeg:
        ok &= SubMicros(0, s[in->a], &s[in->dst]);
        break;
      case Op::kPow:
        ok &= PowMicros(s[in->a], static_cast<int>(in->imm), &s[in->dst]);
        break;
      case Op::kSqrt:
        ok &= SqrtMicros(s[in->a], &s[in->dst]);
        break;
      case Op::kAbs:
        ok &= s[in->a] != INT64_MIN;
        s[in->dst] = s[in->a] < 0 ? -s[in->a] : s[in->a];
        break;
      case Op::kMin:
        s[in->dst] = std::min(s[in->a], s[in->b]);
        break;
      case Op::kMax:
        s[in->dst] = std::max(s[in->a], s[in->b]);
        break;
      case Op::kRound:
        ok &= RoundMicros(s[in->a], static_cast<int>(in->b), static_cast<RoundingRule>(in->aux),
                          &s[in->dst]);
        break;
      case Op::kEq:
        s[in->dst] = s[in->a] == s[in->b];
        break;
      case Op::kNe:
        s[in->dst] = s[in->a] != s[in->b];
        break;
      case Op::kLt:
        s[in->dst] = s[in->a] < s[in->b];
        break;
      case Op::kLe:
        s[in->dst] = s[in->a] <= s[in->b];
        break;
      case Op::kGt:
        s[in->dst] = s[in->a] > s[in->b];
        break;
      case Op::kGe:
        s[in->dst] = s[in->a] >= s[in->b];
        break;
      case Op::kAnd:
        s[in->dst] = (s[in->a] != 0) & (s[in->b] != 0);
        break;
      case Op::kOr:
        s[in->dst] = (s[in->a] != 0) | (s[in->b] != 0);
        break;
      case Op::kNot:
        s[in->dst] = s[in->a] == 0;
        break;
      case Op::kInSet:
        s[in->dst] = (in->imm >> s[in->a]) & 1;
        break;
      case Op::kJump:
        in = code + in->aux - 1;
        break;
      case Op::kJumpIfFalse:
        if (s[in->a] == 0) in = code + in->aux - 1;
        break;
      case Op::kJumpTable:
        in = code + pool[in->aux + s[in->a]] - 1;
        break;
      case Op::kBand: {
        const std::int64_t* layout = pool + in->aux;
        const std::int64_t n = layout[0];
        const std::int64_t v = s[in->a];
        std::int64_t i = 0;
        while (i < n - 1 && v >= layout[1 + i]) ++i;
        s[in->dst] = layout[n + i];
        break;
      }
      case Op::kTable: {
        const std::int64_t* layout = pool + in->aux;
        std::int64_t k0 = s[in->a];
        std::int64_t k1 = s[in->b];
        if (layout[2] == 1) k0 = k0 / kMicros - layout[0];
        if (layout[5] == 1) k1 = k1 / kMicros - layout[3];
        if (layout[5] == 2) k1 = 0;
        if (k0 < 0 || k0 >= layout[1] || k1 < 0 || k1 >= layout[4]) {
          ok = false;
          s[in->dst] = 0;
          break;
        }
        s[in->dst] = layout[6 + k0 * layout[4] + k1];
        break;
      }
      case Op::kEnd: {
        last_micros_ = s[in->a];
        return {MicrosToPence(last_micros_, program_.rounding), ok};
      }
    }
  }
}

}  // namespace selfdirect::ras
