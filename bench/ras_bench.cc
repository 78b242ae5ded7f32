// RAS evaluation throughput: the shipped points model over 1,000,000 people on one thread,
// beside a hand-written C++ loop doing the same fixed-point arithmetic (the baseline), and the
// regression and levels models on their own. Figures go in bench/RESULTS.md.
//
// People are 65,536 random valid answer sets, visited in turn until 1,000,000 have been
// evaluated; both the compiled model and the hand loop see the same people in the same order,
// and their pence totals are compared so the baseline is known to do the same work.
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <sstream>

#include "bench/ratio_reporter.h"
#include "selfdirect/ras/decimal.h"
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
