// A checked model compiled once into a flat list of instructions over 64-bit slots, for
// evaluating whole populations: no map lookups, no allocation and no strings per person.
//
//   Program program = Compile(*model);
//   Evaluator evaluator(program);            // one per thread
//   auto pence = evaluator.Run(inputs.data());
//
// The result is the same pence the explaining evaluator (explain.h) gives for the same inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "selfdirect/core/pence.h"
#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

enum class Op : std::uint8_t {
  kScore,     // dst = pool[imm + slot[a]]                     (an option's score)
  kScoreSum,  // dst = Σ pool[pool[aux+2i] + slot[pool[aux+2i+1]]], i < b  (sum of scores)
  kCopy,      // dst = slot[a]
  kAdd,       // dst = slot[a] + slot[b]
  kSub,
  kMul,       // rounded half to even to six places
  kMulWhole,  // dst = slot[a] × (slot[b] / 10^6); slot[b] is known to be whole
  kDiv,
  kNeg,
  kPow,  // dst = slot[a] ^ imm
  kSqrt,
  kAbs,
  kMin,
  kMax,
  kRound,  // dst = round(slot[a], places = b, rule = aux)
  kEq,     // results 0 or 1
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAnd,
  kOr,
  kNot,
  kInSet,        // dst = (imm >> slot[a]) & 1                      (category in a set)
  kJump,         // pc = aux
  kJumpIfFalse,  // if slot[a] == 0: pc = aux
  kJumpTable,    // pc = pool[aux + slot[a]]                        (match on a category)
  kBand,         // dst = band value for slot[a]; pool[aux]: n, then n-1 lower bounds, n values
  kTable,        // dst = pool[aux + 6 + index]; keys slot[a], slot[b]; pool[aux..aux+5] layout
  kEnd,          // result = slot[a]
};

struct Instruction {
  Op op = Op::kEnd;
  std::uint32_t dst = 0;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::int32_t aux = 0;
  std::int64_t imm = 0;
};

struct Program {
  std::vector<Instruction> code;
  std::vector<std::int64_t> pool;      // score tables, band and table layouts, jump targets
  std::vector<std::int64_t> initial;   // slot values at the start: inputs 0, constants set
  int input_count = 0;                 // slots [0, input_count) are the person's inputs
  std::vector<std::uint32_t> outputs;  // CompileExpressions: the slot of each expression
  RoundingRule rounding = RoundingRule::kHalfUp;
};

// Compiles a model that passed CheckModel.
Program Compile(const Model& model);

// Compiles expressions over a checked model's inputs and named values (typed as the checker
// types them); after Evaluator::Run, Evaluator::Output(i) is the value of outputs[i].
Program CompileExpressions(const Model& model, const std::vector<const Expr*>& outputs);

// Runs a Program for one person at a time. Not thread-safe; make one per thread.
class Evaluator {
 public:
  explicit Evaluator(const Program& program);

  // Evaluates one person whose validated inputs are `inputs[0 .. input_count)`. Returns the
  // amount in pence, or false from ok() when an intermediate value overflowed or a division
  // by zero happened at run time (the check rules both out for sensible models).
  struct Outcome {
    std::int64_t pence = 0;
    bool ok = false;
  };
  Outcome Run(const std::int64_t* inputs);

  // The allocation in micros of pounds before rounding to pence, from the last Run.
  std::int64_t last_micros() const { return last_micros_; }

  // Output i of a program from CompileExpressions, from the last Run.
  std::int64_t Output(std::size_t i) const { return slots_[program_.outputs[i]]; }

 private:
  const Program& program_;
  std::vector<std::int64_t> slots_;
  std::int64_t last_micros_ = 0;
};

}  // namespace selfdirect::ras
