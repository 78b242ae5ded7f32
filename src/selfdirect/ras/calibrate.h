// Fitting a model's free parameters to what current packages cost (least squares on the scale
// the model declares, optionally robust), reporting how well it fits and who it fits worst, and
// writing the fitted values into a new version of the model file.
//
// Eigen lives in calibrate.cc only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/linear.h"
#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

// The packages, as features of the linear model (see linear.h) and what each costs.
struct CalibrationData {
  std::size_t parameters = 0;
  std::vector<std::string> ids;
  std::vector<double> constant;  // pounds, per package
  std::vector<double> features;  // packages × parameters, row by row
  std::vector<double> add_ons;   // pounds
  std::vector<double> scale;
  std::vector<double> cost;    // pounds per the model's period
  std::vector<double> weight;  // 1 unless the file gives weights
  std::vector<int> age;        // -1 when unknown
  std::vector<std::string> support_reason;

  std::size_t size() const { return ids.size(); }
};

struct CalibrationOptions {
  bool robust = false;         // Huber weights (iteratively reweighted least squares)
  double outlier_limit = 3.5;  // residuals beyond this many robust standard deviations are
                               // removed and the fit repeated; 0 keeps everyone
  double holdout = 0.0;        // share of packages kept back to measure the fit on
};

struct GroupFit {
  std::string group;
  std::int64_t packages = 0;
  double mean_cost = 0;       // pounds
  double mean_predicted = 0;  // pounds
  double bias_percent = 0;    // (predicted − cost) ÷ cost, over the group; negative: under-funds
};

struct FittedParameter {
  std::string name;
  std::string label;
  double before = 0;  // pounds (or the parameter's own unit)
  double after = 0;
  bool fitted = true;  // false: no package informs it, so it keeps its value
};

struct CalibrationReport {
  std::vector<FittedParameter> parameters;
  std::int64_t packages = 0;   // in the file, evaluated
  std::int64_t fitted_on = 0;  // used for the fit (not held out, not outliers)
  std::int64_t held_out = 0;
  std::string measured_on;  // "the held-out packages" or "the packages fitted"
  double r2_transformed = 0;
  double r2_pounds = 0;
  double mean_absolute_error = 0;               // pounds
  double median_absolute_percentage_error = 0;  // percent
  std::vector<GroupFit> by_age_band;
  std::vector<GroupFit> by_support_reason;
  GroupFit top_decile;  // the tenth of packages that cost most
  // Removed as outliers, with who they are: exclusions are never silent.
  std::vector<std::size_t> outliers;  // indexes into the data
  std::int64_t outliers_in_top_decile = 0;
  std::vector<GroupFit> outliers_by_support_reason;  // packages counted in `packages`
  // (cost, predicted) pairs for a plot, at most 4,000, spread evenly over the packages measured.
  std::vector<std::pair<double, double>> plot;
  bool transformed = false;  // the model was fitted on the square root of cost
  std::string method;        // "least squares" or "robust least squares (Huber weights)"
};

// Fits. Fails when there are too few packages to fit anything.
Result<CalibrationReport> Calibrate(const Model& model, const LinearModel& linear,
                                    const CalibrationData& data, const CalibrationOptions& options);

// An SVG scatter plot of predicted against actual cost, with the line of perfect fit, a title
// and a text description for screen readers.
std::string PredictedAgainstActualSvg(const CalibrationReport& report, const std::string& period);

// The model file with the fitted values written in place, the version one higher, worked
// examples' amounts brought up to date and a `fit` section of statistics at the end. Every
// comment and line of layout is kept. Fails when a value is not written as a plain number.
Result<std::string> WriteCalibratedModel(const std::string& source, const Model& model,
                                         const LinearModel& linear, const CalibrationReport& report,
                                         const std::string& fitted_on_date);

}  // namespace selfdirect::ras
