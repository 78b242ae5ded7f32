#include "selfdirect/ras/calibrate.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

#include "selfdirect/core/text.h"
#include "selfdirect/ras/compare.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model_loader.h"

namespace selfdirect::ras {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(mid), values.end());
  double m = values[mid];
  if (values.size() % 2 == 0) {
    m = (m + *std::max_element(values.begin(), values.begin() + static_cast<long>(mid))) / 2;
  }
  return m;
}

class Fitter {
 public:
  Fitter(const Model& model, const CalibrationData& data, const CalibrationOptions& options)
      : data_(data),
        options_(options),
        p_(data.parameters),
        X_(data.features.data(), static_cast<long>(data.size()), static_cast<long>(p_)) {
    floor_ = model.allocation.floor
                 ? static_cast<double>(*EvaluateConstant(model, *model.allocation.floor->value)) /
                       kMicros
                 : -1e300;
    ceiling_ =
        model.allocation.ceiling
            ? static_cast<double>(*EvaluateConstant(model, *model.allocation.ceiling->value)) /
                  kMicros
            : 1e300;
    square_ = model.allocation.transform == Transform::kSquare;
  }

  Result<CalibrationReport> Run(const std::vector<FreeParameter>& parameters) {
    const std::size_t n = data_.size();
    CalibrationReport report;
    report.transformed = square_;
    report.method = options_.robust ? "robust least squares (Huber weights)" : "least squares";
    report.packages = static_cast<std::int64_t>(n);
    // Targets on the model's scale: cost ÷ scale − add-ons, square-rooted when transformed,
    // less the part of the value no parameter touches.
    y_.resize(static_cast<long>(n));
    in_fit_.assign(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
      double t = data_.cost[i] / data_.scale[i] - data_.add_ons[i];
      if (square_) t = std::sqrt(std::max(t, 0.0));
      y_[static_cast<long>(i)] = t - data_.constant[i];
      if (options_.holdout > 0 &&
          static_cast<double>(Fnv1a(data_.ids[i]) % 10000) < options_.holdout * 10000) {
        in_fit_[i] = 0;
        ++report.held_out;
      }
    }
    current_.resize(static_cast<long>(p_));
    for (std::size_t j = 0; j < p_; ++j) {
      current_[static_cast<long>(j)] = static_cast<double>(parameters[j].value) / kMicros;
    }
    std::vector<double> weight = data_.weight;
    auto fitted = Solve(weight);
    if (!fitted) return tl::unexpected(fitted.error());
    Vector beta = *fitted;
    if (options_.robust) {
      for (int iteration = 0; iteration < 12; ++iteration) {
        const Vector residuals = Residuals(beta);
        const double sigma = RobustSigma(residuals);
        if (sigma <= 0) break;
        const double c = 1.345 * sigma;
        for (std::size_t i = 0; i < n; ++i) {
          const double r = std::fabs(residuals[static_cast<long>(i)]);
          weight[i] = data_.weight[i] * (r <= c ? 1.0 : c / r);
        }
        auto next = Solve(weight);
        if (!next) return tl::unexpected(next.error());
        const double change = (*next - beta).norm() / std::max(1e-12, beta.norm());
        beta = *next;
        if (change < 1e-7) break;
      }
    }
    if (options_.outlier_limit > 0) {
      const Vector residuals = Residuals(beta);
      const double sigma = RobustSigma(residuals);
      if (sigma > 0) {
        for (std::size_t i = 0; i < n; ++i) {
          if (in_fit_[i] != 0 &&
              std::fabs(residuals[static_cast<long>(i)]) > options_.outlier_limit * sigma) {
            in_fit_[i] = 0;
            report.outliers.push_back(i);
          }
        }
        if (!report.outliers.empty()) {
          auto refit = Solve(weight);
          if (!refit) return tl::unexpected(refit.error());
          beta = *refit;
        }
      }
    }
    for (std::size_t j = 0; j < p_; ++j) {
      report.parameters.push_back({parameters[j].name, parameters[j].label,
                                   current_[static_cast<long>(j)], beta[static_cast<long>(j)],
                                   active_[j] != 0});
    }
    Measure(beta, &report);
    return report;
  }

 private:
  bool Used(std::size_t i) const { return in_fit_[i] != 0; }

  Vector Residuals(const Vector& beta) const { return y_ - X_ * beta; }

  double RobustSigma(const Vector& residuals) const {
    std::vector<double> kept;
    kept.reserve(data_.size());
    for (std::size_t i = 0; i < data_.size(); ++i) {
      if (Used(i)) kept.push_back(std::fabs(residuals[static_cast<long>(i)]));
    }
    return 1.4826 * Median(std::move(kept));
  }

  // Weighted least squares over the packages in the fit, in two halves on two threads.
  // Parameters that no package informs keep their current values.
  Result<Vector> Solve(const std::vector<double>& weight) {
    const long p = static_cast<long>(p_);
    const std::size_t n = data_.size();
    auto accumulate = [&](std::size_t begin, std::size_t end, Matrix* xtwx, Vector* xtwy) {
      xtwx->setZero(p, p);
      xtwy->setZero(p);
      constexpr std::size_t kBlock = 2048;
      Matrix block(static_cast<long>(kBlock), p);
      Vector target(static_cast<long>(kBlock));
      for (std::size_t start = begin; start < end; start += kBlock) {
        const std::size_t stop = std::min(end, start + kBlock);
        bool plain = true;  // every row used with weight 1: no copy needed
        for (std::size_t i = start; i < stop && plain; ++i) plain = Used(i) && weight[i] == 1.0;
        if (plain) {
          const auto b = X_.middleRows(static_cast<long>(start), static_cast<long>(stop - start));
          xtwx->selfadjointView<Eigen::Lower>().rankUpdate(b.transpose());
          xtwy->noalias() +=
              b.transpose() * y_.segment(static_cast<long>(start), static_cast<long>(stop - start));
          continue;
        }
        long rows = 0;
        for (std::size_t i = start; i < stop; ++i) {
          if (!Used(i) || weight[i] <= 0) continue;
          const double root = std::sqrt(weight[i]);
          block.row(rows) = X_.row(static_cast<long>(i)) * root;
          target[rows] = y_[static_cast<long>(i)] * root;
          ++rows;
        }
        if (rows == 0) continue;
        const auto b = block.topRows(rows);
        xtwx->selfadjointView<Eigen::Lower>().rankUpdate(b.transpose());
        xtwy->noalias() += b.transpose() * target.head(rows);
      }
    };
    Matrix a1, a2;
    Vector b1, b2;
    std::thread half([&] { accumulate(n / 2, n, &a2, &b2); });
    accumulate(0, n / 2, &a1, &b1);
    half.join();
    Matrix xtwx = a1 + a2;
    xtwx.triangularView<Eigen::StrictlyUpper>() = xtwx.transpose();
    Vector xtwy = b1 + b2;
    // Parameters with nothing to learn from (a table cell nobody falls in) are held fixed.
    active_.assign(p_, 1);
    std::vector<long> free;
    for (long j = 0; j < p; ++j) {
      if (xtwx(j, j) > 1e-12) {
        free.push_back(j);
      } else {
        active_[static_cast<std::size_t>(j)] = 0;
      }
    }
    if (free.empty()) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "No package informs any parameter being fitted; are the packages for this "
                  "model?");
    }
    Vector fixed_effect = Vector::Zero(p);
    for (long j = 0; j < p; ++j) {
      if (active_[static_cast<std::size_t>(j)] == 0) fixed_effect[j] = current_[j];
    }
    const Vector rhs = xtwy - xtwx * fixed_effect;
    const long k = static_cast<long>(free.size());
    Matrix reduced(k, k);
    Vector reduced_rhs(k);
    for (long a = 0; a < k; ++a) {
      reduced_rhs[a] = rhs[free[static_cast<std::size_t>(a)]];
      for (long b = 0; b < k; ++b) {
        reduced(a, b) = xtwx(free[static_cast<std::size_t>(a)], free[static_cast<std::size_t>(b)]);
      }
    }
    Eigen::LDLT<Matrix> ldlt(reduced);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "The parameters cannot be told apart from these packages (two always move "
                  "together); fix one of them, or add packages that separate them");
    }
    const Vector solved = ldlt.solve(reduced_rhs);
    Vector beta = fixed_effect;
    for (long a = 0; a < k; ++a) beta[free[static_cast<std::size_t>(a)]] = solved[a];
    return beta;
  }

  // The whole model's amount in pounds for package i, whose core (before the transform) less
  // the constant part is `fitted`.
  double Predicted(std::size_t i, double fitted) const {
    double core = data_.constant[i] + fitted;
    if (square_) core *= core;
    const double amount = (core + data_.add_ons[i]) * data_.scale[i];
    return std::min(std::max(amount, floor_), ceiling_);
  }

  void Measure(const Vector& beta, CalibrationReport* report) {
    const std::size_t n = data_.size();
    const bool holdout = report->held_out > 0;
    report->measured_on = holdout ? "the held-out packages" : "the packages fitted";
    std::vector<std::size_t> measured;
    for (std::size_t i = 0; i < n; ++i) {
      report->fitted_on += in_fit_[i];
      const bool outlier = std::binary_search(report->outliers.begin(), report->outliers.end(), i);
      if (outlier) continue;
      if (holdout ? in_fit_[i] == 0 : in_fit_[i] != 0) measured.push_back(i);
    }
    auto r_squared = [&](auto actual, auto predicted) {
      double mean = 0;
      for (std::size_t i : measured) mean += actual(i);
      mean /= std::max<std::size_t>(1, measured.size());
      double residual = 0;
      double total = 0;
      for (std::size_t i : measured) {
        residual += std::pow(actual(i) - predicted(i), 2);
        total += std::pow(actual(i) - mean, 2);
      }
      return total > 0 ? 1 - residual / total : 0.0;
    };
    const Vector fitted = X_ * beta;
    report->r2_transformed =
        r_squared([&](std::size_t i) { return y_[static_cast<long>(i)] + data_.constant[i]; },
                  [&](std::size_t i) { return data_.constant[i] + fitted[static_cast<long>(i)]; });
    std::vector<double> predicted(n, 0);
    for (std::size_t i : measured) predicted[i] = Predicted(i, fitted[static_cast<long>(i)]);
    report->r2_pounds = r_squared([&](std::size_t i) { return data_.cost[i]; },
                                  [&](std::size_t i) { return predicted[i]; });
    double absolute = 0;
    std::vector<double> percentage;
    for (std::size_t i : measured) {
      absolute += std::fabs(predicted[i] - data_.cost[i]);
      if (data_.cost[i] > 0) {
        percentage.push_back(100 * std::fabs(predicted[i] - data_.cost[i]) / data_.cost[i]);
      }
    }
    report->mean_absolute_error = absolute / std::max<std::size_t>(1, measured.size());
    report->median_absolute_percentage_error = Median(std::move(percentage));

    auto group = [&](std::vector<GroupFit>& groups, const std::string& name, std::size_t i) {
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const GroupFit& g) { return g.group == name; });
      if (it == groups.end()) {
        groups.push_back({name});
        it = groups.end() - 1;
      }
      ++it->packages;
      it->mean_cost += data_.cost[i];
      it->mean_predicted += predicted[i];
    };
    auto finish = [](GroupFit& g) {
      if (g.packages == 0) return;
      if (g.mean_cost > 0) g.bias_percent = 100 * (g.mean_predicted - g.mean_cost) / g.mean_cost;
      g.mean_cost /= static_cast<double>(g.packages);
      g.mean_predicted /= static_cast<double>(g.packages);
    };
    for (const char* band : kAgeBands) report->by_age_band.push_back({band});
    bool any_age = false;
    for (std::size_t i : measured) {
      if (data_.age[i] >= 0) {
        any_age = true;
        group(report->by_age_band, AgeBand(data_.age[i]), i);
      }
      if (!data_.support_reason[i].empty()) {
        group(report->by_support_reason, data_.support_reason[i], i);
      }
    }
    if (!any_age) report->by_age_band.clear();
    for (GroupFit& g : report->by_age_band) finish(g);
    for (GroupFit& g : report->by_support_reason) finish(g);
    // The most complex people: the tenth of packages that cost most (of everyone, so outliers
    // count towards the edge).
    std::vector<double> costs(data_.cost);
    const std::size_t cut = costs.size() - std::max<std::size_t>(1, costs.size() / 10);
    std::nth_element(costs.begin(), costs.begin() + static_cast<long>(cut), costs.end());
    const double top_edge = costs[cut];
    report->top_decile.group = fmt::format("Top tenth by cost (from £{:.2f})", top_edge);
    for (std::size_t i : measured) {
      if (data_.cost[i] >= top_edge) {
        ++report->top_decile.packages;
        report->top_decile.mean_cost += data_.cost[i];
        report->top_decile.mean_predicted += predicted[i];
      }
    }
    finish(report->top_decile);
    for (std::size_t i : report->outliers) {
      if (data_.cost[i] >= top_edge) ++report->outliers_in_top_decile;
      const std::string reason =
          data_.support_reason[i].empty() ? "(not given)" : data_.support_reason[i];
      auto it = std::find_if(report->outliers_by_support_reason.begin(),
                             report->outliers_by_support_reason.end(),
                             [&](const GroupFit& g) { return g.group == reason; });
      if (it == report->outliers_by_support_reason.end()) {
        report->outliers_by_support_reason.push_back({reason});
        it = report->outliers_by_support_reason.end() - 1;
      }
      ++it->packages;
    }
    const std::size_t step = std::max<std::size_t>(1, measured.size() / 4000);
    for (std::size_t k = 0; k < measured.size(); k += step) {
      report->plot.emplace_back(data_.cost[measured[k]], predicted[measured[k]]);
    }
  }

  const CalibrationData& data_;
  const CalibrationOptions& options_;
  std::size_t p_;
  Eigen::Map<const RowMatrix> X_;
  Vector y_;
  Vector current_;
  std::vector<char> in_fit_;
  std::vector<char> active_;
  double floor_;
  double ceiling_;
  bool square_ = false;
};

std::string SvgEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A fitted value written with at most six places.
std::int64_t ToMicros(double value) {
  return static_cast<std::int64_t>(std::llround(value * kMicros));
}

}  // namespace

Result<CalibrationReport> Calibrate(const Model& model, const LinearModel& linear,
                                    const CalibrationData& data,
                                    const CalibrationOptions& options) {
  if (data.size() < data.parameters + 2) {
    return Fail(
        ErrorCode::kFailedPrecondition,
        fmt::format("{} packages are too few to fit {} parameters", data.size(), data.parameters));
  }
  if (options.holdout < 0 || options.holdout >= 0.9) {
    return Fail(ErrorCode::kInvalidArgument, "The held-out share must be from 0 to 0.9");
  }
  return Fitter(model, data, options).Run(linear.parameters);
}

std::string PredictedAgainstActualSvg(const CalibrationReport& report, const std::string& period) {
  constexpr double kWidth = 640;
  constexpr double kHeight = 480;
  constexpr double kLeft = 80;
  constexpr double kBottom = 60;
  constexpr double kTop = 40;
  constexpr double kRight = 20;
  double most = 1;
  for (const auto& [actual, predicted] : report.plot) most = std::max({most, actual, predicted});
  // A round top for the axes: 1, 2 or 5 × a power of ten.
  double top = std::pow(10, std::floor(std::log10(most)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (top * m >= most) {
      top *= m;
      break;
    }
  }
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  auto x = [&](double v) { return kLeft + v / top * plot_w; };
  auto y = [&](double v) { return kTop + plot_h - v / top * plot_h; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-labelledby=\"title desc\" font-family=\"Arial, sans-serif\" font-size=\"14\">\n"
      "<title id=\"title\">Predicted against actual cost, {} packages</title>\n"
      "<desc id=\"desc\">Each dot is a package: across, what it costs; up, what the fitted model "
      "gives. Dots on the diagonal line are predicted exactly. R squared on the pounds scale is "
      "{:.3f}; the mean absolute error is £{:.2f} {}.</desc>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
      kWidth, kHeight, SvgEscape(report.measured_on), report.r2_pounds, report.mean_absolute_error,
      SvgEscape(period));
  for (int tick = 0; tick <= 5; ++tick) {
    const double v = top * tick / 5;
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#e0e0e0\"/>\n"
        "<text x=\"{3:.1f}\" y=\"{4:.1f}\" text-anchor=\"end\" fill=\"#0b0c0c\">£{5:.0f}</text>\n"
        "<line x1=\"{6:.1f}\" y1=\"{7:.1f}\" x2=\"{6:.1f}\" y2=\"{8:.1f}\" stroke=\"#e0e0e0\"/>\n"
        "<text x=\"{6:.1f}\" y=\"{9:.1f}\" text-anchor=\"middle\" "
        "fill=\"#0b0c0c\">£{5:.0f}</text>\n",
        kLeft, y(v), kWidth - kRight, kLeft - 8, y(v) + 5, v, x(v), kTop, kTop + plot_h,
        kTop + plot_h + 20);
  }
  svg += "<g fill=\"#1d70b8\" fill-opacity=\"0.35\">\n";
  for (const auto& [actual, predicted] : report.plot) {
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\"/>\n", x(actual), y(predicted));
  }
  svg += "</g>\n";
  svg += fmt::format(
      "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#d4351c\" "
      "stroke-width=\"2\"/>\n"
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#0b0c0c\">What the package "
      "costs ({})</text>\n"
      "<text transform=\"translate(18 {:.1f}) rotate(-90)\" text-anchor=\"middle\" "
      "fill=\"#0b0c0c\">What the model gives ({})</text>\n"
      "<text x=\"{:.1f}\" y=\"24\" text-anchor=\"middle\" font-weight=\"bold\" "
      "fill=\"#0b0c0c\">Predicted against actual cost</text>\n</svg>\n",
      x(0), y(0), x(top), y(top), kLeft + plot_w / 2, kHeight - 15, SvgEscape(period),
      kTop + plot_h / 2, SvgEscape(period), kLeft + plot_w / 2);
  return svg;
}

Result<std::string> WriteCalibratedModel(const std::string& source, const Model& model,
                                         const LinearModel& linear, const CalibrationReport& report,
                                         const std::string& fitted_on_date) {
  struct Edit {
    TextSpan span;
    std::string text;
  };
  std::vector<Edit> edits;
  if (model.version_span.length == 0) {
    return Fail(ErrorCode::kFailedPrecondition, "Write the model's version as a plain number");
  }
  edits.push_back({model.version_span, std::to_string(model.version + 1)});
  for (std::size_t j = 0; j < linear.parameters.size(); ++j) {
    const FreeParameter& p = linear.parameters[j];
    if (p.span.length == 0) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("Write {}'s value as a plain number so it can be replaced", p.name));
    }
    edits.push_back({p.span, FormatMicros(ToMicros(report.parameters[j].after))});
  }
  auto apply = [](std::string text, std::vector<Edit> list) {
    std::sort(list.begin(), list.end(),
              [](const Edit& a, const Edit& b) { return a.span.offset > b.span.offset; });
    for (const Edit& e : list) text.replace(e.span.offset, e.span.length, e.text);
    return text;
  };
  std::string text = apply(source, std::move(edits));

  // Replace any earlier fit section with this one, at the end.
  if (model.fit_first_line > 0) {
    std::size_t begin = 0;
    for (int line = 1; line < model.fit_first_line && begin != std::string::npos; ++line) {
      begin = text.find('\n', begin);
      if (begin != std::string::npos) ++begin;
    }
    std::size_t end = begin;
    for (int line = model.fit_first_line; line < model.fit_end_line && end != std::string::npos;
         ++line) {
      end = text.find('\n', end);
      if (end != std::string::npos) ++end;
    }
    if (begin != std::string::npos) {
      text.erase(begin, end == std::string::npos ? std::string::npos : end - begin);
    }
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += fmt::format(
      "\n# Written by selfdirect ras calibrate: how well this version fits current packages.\n"
      "fit:\n"
      "  fitted_on: {}\n"
      "  from_version: {}\n"
      "  method: {}{}\n"
      "  packages: {}\n"
      "  fitted_on_packages: {}\n"
      "  held_out: {}\n"
      "  outliers_removed: {}\n"
      "  measured_on: {}\n"
      "  r_squared{}: {:.4f}\n"
      "  r_squared_pounds: {:.4f}\n"
      "  mean_absolute_error_pounds: {:.2f}\n"
      "  median_absolute_percentage_error: {:.2f}\n"
      "  top_tenth_by_cost_bias_percent: {:.2f}\n",
      fitted_on_date, model.version, report.method,
      report.transformed ? " on the square root of cost" : "", report.packages, report.fitted_on,
      report.held_out, report.outliers.size(), report.measured_on,
      report.transformed ? "_square_root" : "", report.r2_transformed, report.r2_pounds,
      report.mean_absolute_error, report.median_absolute_percentage_error,
      report.top_decile.bias_percent);

  // Bring the worked examples up to date with the new values.
  auto reloaded = LoadModel(text, model.file, /*check_examples=*/false);
  if (!reloaded) {
    return Fail(ErrorCode::kFailedPrecondition,
                "The fitted model does not pass the check: " +
                    FormatProblem(model.file, reloaded.error().front()));
  }
  std::vector<Edit> examples;
  for (const Example& example : (*reloaded)->examples) {
    auto inputs = ValidateAnswers(**reloaded, example.answers);
    if (!inputs || example.amount_span.length == 0) continue;
    auto explanation = Explain(**reloaded, *inputs);
    if (!explanation) continue;
    examples.push_back({example.amount_span, std::to_string(explanation->amount_pence)});
  }
  text = apply(std::move(text), std::move(examples));
  if (auto final_check = LoadModel(text, model.file); !final_check) {
    return Fail(ErrorCode::kFailedPrecondition,
                "The fitted model does not pass the check: " +
                    FormatProblem(model.file, final_check.error().front()));
  }
  return text;
}

}  // namespace selfdirect::ras
