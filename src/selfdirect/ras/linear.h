// A model's allocation as a linear function of its free parameters, for calibration.
//
// Calibration fits the parameters marked `fit: true`, and the plain-number amounts of band
// tables and tables marked `fit: true`, to what current packages cost. That works when the
// allocation's core value is linear in them:
//
//   value = constant(x) + Σ p_j × feature_j(x)
//
// where constant and each feature use the person's answers x but no free parameter. Linearize
// finds those expressions (they may contain conditions, caps, bands and tables of answers);
// they are compiled into one program that works out every feature for a person in one pass.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/model.h"
#include "selfdirect/ras/program.h"

namespace selfdirect::ras {

struct FreeParameter {
  enum class Kind { kParameter, kBandValue, kTableCell };
  Kind kind = Kind::kParameter;
  int index = 0;           // the parameter, band table or table
  int item = 0;            // the band or cell
  std::string name;        // "price_per_point", "upper_band[2]", "level_amount[3, own_home]"
  std::string label;       // for reports
  std::int64_t value = 0;  // micros, as the model has it now
  TextSpan span;           // where the value is written in the model file
};

struct LinearModel {
  std::vector<FreeParameter> parameters;
  std::unique_ptr<Expr> constant;               // uses no free parameter
  std::vector<std::unique_ptr<Expr>> features;  // one per parameter
};

// Fails (kFailedPrecondition, naming the place) when the model has no free parameters, or uses
// one where the allocation is not linear in it (two multiplied together, inside min/max, a
// condition or a square root, in an add-on, the scale, floor or ceiling).
Result<LinearModel> Linearize(const Model& model);

// A program whose outputs are, in order: the constant, each feature, the add-ons' total and the
// scale (1 when none), all in micros.
Program CompileFeatures(const Model& model, const LinearModel& linear);

}  // namespace selfdirect::ras
