// Writes a CSV file of random people for a model: an id column and one column per input, each
// a valid answer, and with --cost a `cost` column (what a package costs: the model's amount
// times a random factor between 0.7 and 1.3) for calibration. For benchmarks and examples;
// the synthetic councils of the simulate module will replace it.
//
//   make_people MODEL ROWS OUT.csv [--cost] [--seed N] [--extra-models M2 ...]
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"

using namespace selfdirect::ras;

namespace {

std::shared_ptr<const Model> Load(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto model = LoadModel(text.str(), path);
  if (!model) {
    std::cerr << FormatProblem(path, model.error()[0]) << "\n";
    std::exit(1);
  }
  return *model;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: make_people MODEL ROWS OUT.csv [--cost] [--seed N]\n";
    return 2;
  }
  const auto model = Load(argv[1]);
  const long rows = std::atol(argv[2]);
  bool cost = false;
  unsigned long seed = 20261123;
  for (int i = 4; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cost") == 0) cost = true;
    if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = std::stoul(argv[++i]);
  }
  std::mt19937_64 random(seed);
  auto pick = [&](std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random);
  };
  std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
  std::string line = "id";
  const int nq = static_cast<int>(model->questions.size());
  for (int i = 0; i < model->input_count(); ++i) {
    line += ",";
    line += i < nq ? model->questions[i].id : model->attributes[i - nq].id;
  }
  if (cost) line += ",cost";
  out << line << "\n";
  const Program program = Compile(*model);
  Evaluator evaluator(program);
  std::vector<std::int64_t> inputs(static_cast<std::size_t>(model->input_count()));
  for (long r = 0; r < rows; ++r) {
    line = "P" + std::to_string(1000000 + r);
    // Needs are correlated: one "level" per person tilts every answer the same way.
    const double level = std::uniform_real_distribution<double>(0, 1)(random);
    for (int i = 0; i < model->input_count(); ++i) {
      line += ",";
      if (i < nq) {
        const Question& q = model->questions[i];
        if (q.is_number) {
          const std::int64_t lo = q.min / kMicros;
          const std::int64_t hi = q.max / kMicros;
          const auto v =
              std::min(hi, lo + static_cast<std::int64_t>(
                                    level * static_cast<double>(hi - lo + 1) *
                                    std::uniform_real_distribution<double>(0.5, 1.2)(random)));
          inputs[i] = v * kMicros;
          line += std::to_string(v);
        } else {
          const auto n = static_cast<std::int64_t>(q.options.size());
          auto v = static_cast<std::int64_t>(level * static_cast<double>(n) +
                                             std::normal_distribution<double>(0, 0.8)(random));
          v = std::clamp<std::int64_t>(v, 0, n - 1);
          inputs[i] = v;
          line += q.options[static_cast<std::size_t>(v)].code;
        }
        continue;
      }
      const Attribute& a = model->attributes[i - nq];
      switch (a.type) {
        case AttributeType::kNumber: {
          const auto v = pick(a.min / kMicros, a.max / kMicros);
          inputs[i] = v * kMicros;
          line += std::to_string(v);
          break;
        }
        case AttributeType::kCategory: {
          const auto v = pick(0, static_cast<std::int64_t>(a.values.size()) - 1);
          inputs[i] = v;
          line += a.values[static_cast<std::size_t>(v)].code;
          break;
        }
        case AttributeType::kYesNo: {
          const auto v = pick(0, 1);
          inputs[i] = v;
          line += v != 0 ? "yes" : "no";
          break;
        }
      }
    }
    if (cost) {
      const auto outcome = evaluator.Run(inputs.data());
      const double factor = std::uniform_real_distribution<double>(0.7, 1.3)(random);
      const auto pence = static_cast<std::int64_t>(static_cast<double>(outcome.pence) * factor);
      line += "," + std::to_string(pence / 100) + "." + (pence % 100 < 10 ? "0" : "") +
              std::to_string(pence % 100);
    }
    out << line << "\n";
  }
  return 0;
}
