// RAS evaluation throughput: the shipped points model over 1,000,000 people on one thread,
// beside a hand-written C++ loop doing the same fixed-point arithmetic (the baseline), and the
// regression and levels models on their own. Figures go in bench/RESULTS.md.
//
// People are 65,536 random valid answer sets, visited in turn until 1,000,000 have been
// evaluated; both the compiled model and the hand loop see the same people in the same order,
// and their pence totals are compared so the baseline is known to do the same work.
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <fstream>
#include <random>
#include <sstream>

#include "bench/ratio_reporter.h"
#include "selfdirect/ras/calibrate.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/linear.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"

namespace selfdirect::ras {
namespace {

constexpr std::size_t kPeople = 65'536;
constexpr std::int64_t kEvaluations = 1'000'000;

std::shared_ptr<const Model> Load(const std::string& name) {
  const std::string path = std::string(SELFDIRECT_SOURCE_DIR) + "/models/" + name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto model = LoadModel(text.str(), path);
  if (!model) {
    std::fprintf(stderr, "%s\n", FormatProblem(path, model.error()[0]).c_str());
    std::abort();
  }
  return *model;
}

// kPeople random valid input rows, one after another.
std::vector<std::int64_t> People(const Model& model) {
  std::mt19937_64 random(20261123);
  const int n = model.input_count();
  const int nq = static_cast<int>(model.questions.size());
  std::vector<std::int64_t> rows(kPeople * static_cast<std::size_t>(n));
  auto pick = [&](std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random);
  };
  for (std::size_t p = 0; p < kPeople; ++p) {
    std::int64_t* row = &rows[p * static_cast<std::size_t>(n)];
    for (int i = 0; i < nq; ++i) {
      const Question& q = model.questions[i];
      row[i] = q.is_number ? pick(q.min / kMicros, q.max / kMicros) * kMicros
                           : pick(0, static_cast<std::int64_t>(q.options.size()) - 1);
    }
    for (int i = 0; i < static_cast<int>(model.attributes.size()); ++i) {
      const Attribute& a = model.attributes[i];
      switch (a.type) {
        case AttributeType::kNumber:
          row[nq + i] = pick(a.min / kMicros, a.max / kMicros) * kMicros;
          break;
        case AttributeType::kCategory:
          row[nq + i] = pick(0, static_cast<std::int64_t>(a.values.size()) - 1);
          break;
        case AttributeType::kYesNo:
          row[nq + i] = pick(0, 1);
          break;
      }
    }
  }
  return rows;
}

std::int64_t compiled_total = 0;
std::int64_t hand_total = 0;

void EvaluateCompiled(benchmark::State& state, const char* file, std::int64_t* total_out) {
  const auto model = Load(file);
  const auto rows = People(*model);
  const Program program = Compile(*model);
  Evaluator evaluator(program);
  const auto n = static_cast<std::size_t>(model->input_count());
  std::int64_t total = 0;
  for (auto _ : state) {
    total = 0;
    for (std::int64_t i = 0; i < kEvaluations; ++i) {
      const auto outcome = evaluator.Run(&rows[(static_cast<std::size_t>(i) % kPeople) * n]);
      total += outcome.pence;
    }
    benchmark::DoNotOptimize(total);
  }
  if (total_out != nullptr) *total_out = total;
  state.SetItemsProcessed(state.iterations() * kEvaluations);
  state.counters["people_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kEvaluations), benchmark::Counter::kIsRate);
}

void BM_PointsPrice(benchmark::State& state) {
  EvaluateCompiled(state, "points-price.yaml", &compiled_total);
}

// The points-price model written out by hand with the same fixed-point operations.
void BM_PointsPriceHandLoop(benchmark::State& state) {
  const auto model = Load("points-price.yaml");
  const auto rows = People(*model);
  const auto n = static_cast<std::size_t>(model->input_count());
  auto index = [&](const std::string& id) {
    for (std::size_t i = 0; i < model->questions.size(); ++i) {
      if (model->questions[i].id == id) return i;
    }
    for (std::size_t i = 0; i < model->attributes.size(); ++i) {
      if (model->attributes[i].id == id) return model->questions.size() + i;
    }
    std::abort();
  };
  // Score tables per question, and each group's questions.
  std::vector<std::vector<std::int64_t>> scores;
  for (const Question& q : model->questions) {
    std::vector<std::int64_t> s;
    for (const AnswerOption& o : q.options) s.push_back(o.score);
    scores.push_back(s);
  }
  auto group = [&](const std::string& g) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < model->questions.size(); ++i) {
      if (model->questions[i].group == g) members.push_back(i);
    }
    return members;
  };
  const auto personal = group("personal_care_items");
  const auto eating = group("eating_items");
  const auto home = group("home_items");
  const auto relationships = group("relationships_items");
  const auto work = group("work_items");
  const auto community = group("community_items");
  const auto parenting = group("parenting_items");
  const std::size_t nights = index("nights_help");
  const std::size_t carer_share = index("carer_share");
  const std::size_t has_carer = index("has_unpaid_carer");
  const std::int64_t price = 4'350'000;
  std::int64_t total = 0;
  for (auto _ : state) {
    total = 0;
    for (std::int64_t i = 0; i < kEvaluations; ++i) {
      const std::int64_t* row = &rows[(static_cast<std::size_t>(i) % kPeople) * n];
      auto sum = [&](const std::vector<std::size_t>& members) {
        std::int64_t s = 0;
        for (std::size_t q : members) s += scores[q][static_cast<std::size_t>(row[q])];
        return s;
      };
      const std::int64_t p = std::min<std::int64_t>(sum(personal), 30 * kMicros);
      const std::int64_t e = std::min<std::int64_t>(sum(eating), 12 * kMicros);
      const std::int64_t h = std::min<std::int64_t>(sum(home) + 2 * row[nights], 30 * kMicros);
      const std::int64_t r = std::min<std::int64_t>(sum(relationships), 12 * kMicros);
      const std::int64_t w = std::min<std::int64_t>(sum(work), 8 * kMicros);
      const std::int64_t c = std::min<std::int64_t>(sum(community), 16 * kMicros);
      const std::int64_t k = std::min<std::int64_t>(sum(parenting), 10 * kMicros);
      const std::int64_t share = scores[carer_share][static_cast<std::size_t>(row[carer_share])];
      const std::int64_t reduction = share < 1 * kMicros   ? 0
                                     : share < 2 * kMicros ? 15 * kMicros
                                     : share < 3 * kMicros ? 30 * kMicros
                                                           : 50 * kMicros;
      const std::int64_t percent = row[has_carer] != 0 ? reduction : 0;
      std::int64_t daily = 0;
      MulMicros(p + e + h, 100 * kMicros - percent, &daily);
      DivMicros(daily, 100 * kMicros, &daily);
      const std::int64_t points = daily + r + w + c + k;
      std::int64_t amount = 0;
      MulMicros(points, price, &amount);
      amount += points < 85 * kMicros ? 0 : points < 100 * kMicros ? 55 * kMicros : 120 * kMicros;
      amount = std::min<std::int64_t>(std::max<std::int64_t>(amount, 50 * kMicros), 600 * kMicros);
      total += MicrosToPence(amount, RoundingRule::kHalfUp);
    }
    benchmark::DoNotOptimize(total);
  }
  hand_total = total;
  state.SetItemsProcessed(state.iterations() * kEvaluations);
  state.counters["people_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kEvaluations), benchmark::Counter::kIsRate);
}

void BM_Regression(benchmark::State& state) { EvaluateCompiled(state, "regression.yaml", nullptr); }
void BM_Levels(benchmark::State& state) { EvaluateCompiled(state, "levels.yaml", nullptr); }

// A regression model with 30 parameters: an intercept and 29 weighted items, fitted on the
// square root of cost.
std::string ThirtyParameterModel() {
  std::string yaml =
      "format: selfdirect-ras/1\nid: thirty\nversion: 1\neffective_from: 2026-04-01\n"
      "currency: GBP\nperiod: weekly\nrounding: half_up\ntitle: Thirty parameters\n"
      "description: A benchmark model.\nquestions:\n";
  for (int i = 1; i <= 29; ++i) {
    yaml += "  - id: q" + std::to_string(i) + "\n    outcome: hygiene\n    text: Q\n    options:\n";
    for (int o = 0; o < 4; ++o) {
      yaml += "      - {code: " + std::string(1, static_cast<char>('a' + o)) +
              ", text: T, score: " + std::to_string(o) + "}\n";
    }
  }
  yaml += "parameters:\n  - {id: b0, label: Intercept, value: 5, fit: true}\n";
  for (int i = 1; i <= 29; ++i) {
    yaml += "  - {id: b" + std::to_string(i) + ", label: Weight, value: 0.5, fit: true}\n";
  }
  yaml += "allocation:\n  transform: square\n  value: b0";
  for (int i = 1; i <= 29; ++i) yaml += " + b" + std::to_string(i) + " * q" + std::to_string(i);
  yaml += "\n  floor: {value: 0, label: Floor}\n";
  return yaml;
}

struct CalibrationFixture {
  CalibrationFixture() {
    model = *LoadModel(ThirtyParameterModel(), "thirty.yaml");
    linear = std::make_unique<LinearModel>(*Linearize(*model));
    const Program features = CompileFeatures(*model, *linear);
    Evaluator evaluator(features);
    std::mt19937_64 random(30);
    data.parameters = 30;
    std::vector<std::int64_t> inputs(29);
    for (std::int64_t i = 0; i < kEvaluations; ++i) {
      for (auto& v : inputs) v = static_cast<std::int64_t>(random() % 4);
      evaluator.Run(inputs.data());
      double root = 0;
      data.constant.push_back(static_cast<double>(evaluator.Output(0)) / kMicros);
      for (int j = 0; j < 30; ++j) {
        const double f = static_cast<double>(evaluator.Output(1 + j)) / kMicros;
        data.features.push_back(f);
        root += f * (j == 0 ? 6.0 : 0.3 + 0.01 * j);
      }
      const double noise = std::normal_distribution<double>(0, 0.4)(random);
      data.ids.push_back("P" + std::to_string(i));
      data.add_ons.push_back(0);
      data.scale.push_back(1);
      data.cost.push_back(std::pow(std::max(0.0, root + noise), 2));
      data.weight.push_back(1);
      data.age.push_back(static_cast<int>(18 + random() % 80));
      data.support_reason.push_back("physical_support");
    }
  }
  std::shared_ptr<const Model> model;
  std::unique_ptr<LinearModel> linear;
  CalibrationData data;
};

CalibrationFixture& Fixture() {
  static CalibrationFixture f;
  return f;
}

// The whole fit: least squares, the outlier rule and a refit, and the report's measures.
void BM_Calibrate30(benchmark::State& state) {
  auto& f = Fixture();
  for (auto _ : state) {
    auto report = Calibrate(*f.model, *f.linear, f.data, {});
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations() * kEvaluations);
}

// The floor: one unweighted normal-equations solve of the same 1,000,000 × 30 system in Eigen.
void BM_Calibrate30Baseline(benchmark::State& state) {
  auto& f = Fixture();
  using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMatrix> x(f.data.features.data(), kEvaluations, 30);
  Eigen::VectorXd y(kEvaluations);
  for (std::int64_t i = 0; i < kEvaluations; ++i)
    y[i] = std::sqrt(f.data.cost[static_cast<std::size_t>(i)]);
  for (auto _ : state) {
    const Eigen::MatrixXd xtx = x.transpose() * x;
    const Eigen::VectorXd beta = xtx.ldlt().solve(x.transpose() * y);
    benchmark::DoNotOptimize(beta.data());
  }
  state.SetItemsProcessed(state.iterations() * kEvaluations);
}

BENCHMARK(BM_Calibrate30)
    ->Name("ras/calibrate-30-parameters/1M")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Calibrate30Baseline)
    ->Name("ras/calibrate-30-parameters/1M/baseline")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_PointsPrice)
    ->Name("ras/points-price/1M")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PointsPriceHandLoop)
    ->Name("ras/points-price/1M/baseline")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Regression)->Name("ras/regression/1M")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Levels)->Name("ras/levels/1M")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace selfdirect::ras

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  selfdirect::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (selfdirect::ras::hand_total == 0) return 0;  // the points benchmarks were filtered out
  if (selfdirect::ras::compiled_total != selfdirect::ras::hand_total) {
    std::fprintf(stderr, "The hand loop and the compiled model disagree: %lld vs %lld pence\n",
                 static_cast<long long>(selfdirect::ras::compiled_total),
                 static_cast<long long>(selfdirect::ras::hand_total));
    return 1;
  }
  std::printf("The hand loop and the compiled model agree: %lld pence over 1,000,000 people\n",
              static_cast<long long>(selfdirect::ras::compiled_total));
  return 0;
}
