// Evaluating one person with a term-by-term explanation: what the person sees under their
// indicative budget.
//
// The explanation attributes the amount to its sources: each answer's share, fixed amounts,
// band and table amounts, named add-ons, and the floor, ceiling or scale when one applied.
// Each money line is in whole pence and the lines add up exactly to the amount. Steps without
// money (a domain's capped total, the band a score fell in, the branch a condition took)
// are listed too, in the order they were worked out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

struct ExplanationLine {
  enum class Kind {
    kAnswer,      // a question's answer and its share of the money
    kAttribute,   // a fact about the person that a number was worked out from
    kFixed,       // a fixed amount (an intercept, a constant, a table or band amount)
    kStep,        // a derived value, a band or table result: no money of its own
    kBranch,      // which way a condition went
    kAddOn,       // a named add-on
    kAdjustment,  // scale, floor or ceiling
    kRounding,    // the part of a penny lost or gained rounding to pence
  };
  Kind kind = Kind::kStep;
  std::string id;    // the input, value or add-on it is about ("" when none)
  std::string text;  // the sentence the person reads
  std::optional<std::int64_t> amount_pence;  // money lines only; they sum to the amount
  std::optional<std::int64_t> value_micros;  // the score, value or number, where there is one
};

struct Explanation {
  std::int64_t amount_pence = 0;
  std::int64_t amount_micros = 0;  // before rounding to pence
  std::vector<ExplanationLine> lines;
};

// Evaluates `model` for validated `inputs` and explains it. Fails with kOverflow or
// kInvalidArgument (division by zero at run time) in the cases the check cannot rule out.
Result<Explanation> Explain(const Model& model, const Inputs& inputs);

// The value of an expression that uses only numbers and parameters (a band's value, a table
// amount, a floor); nullopt if it uses an input or fails to compute.
std::optional<std::int64_t> EvaluateConstant(const Model& model, const Expr& expr);

const char* ExplanationKindName(ExplanationLine::Kind kind);  // "answer", "step", ...

}  // namespace selfdirect::ras
