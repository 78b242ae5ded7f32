// Data-driven RAS cases: each file under tests/cases/ras/<model id>/ names answers and the pence
// they must give (or the inputs that must be refused). Adding a case needs no code.
//
// Every case is checked three ways: the explaining evaluator gives the expected pence, its
// money lines add up to exactly that, and the compiled program gives the same pence.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"

namespace selfdirect::ras {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = SELFDIRECT_SOURCE_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Case {
  fs::path model;
  fs::path file;
};

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(kSource / "models")) {
    if (entry.path().extension() != ".yaml") continue;
    const YAML::Node model = YAML::LoadFile(entry.path().string());
    const fs::path dir = kSource / "tests/cases/ras" / model["id"].as<std::string>();
    if (!fs::is_directory(dir)) continue;
    for (const auto& file : fs::directory_iterator(dir)) {
      if (file.path().extension() == ".yaml") cases.push_back({entry.path(), file.path()});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.file < b.file; });
  return cases;
}

class RasCase : public ::testing::TestWithParam<Case> {};

TEST_P(RasCase, GivesTheExpectedPence) {
  const Case& c = GetParam();
  auto model = LoadModel(ReadFile(c.model), c.model.string());
  ASSERT_TRUE(model.has_value()) << FormatProblem(c.model.string(), model.error()[0]);
  const YAML::Node doc = YAML::LoadFile(c.file.string());
  RawAnswers answers;
  for (const auto& entry : doc["answers"]) {
    // A plain scalar is read as the input expects (like a CSV cell); a quoted one is text.
    RawAnswer raw;
    raw.kind = entry.second.Tag() == "!" ? RawAnswer::Kind::kText : RawAnswer::Kind::kCell;
    raw.text = entry.second.Scalar();
    answers.emplace_back(entry.first.Scalar(), raw);
  }
  auto inputs = ValidateAnswers(**model, answers);
  if (doc["refused"]) {
    ASSERT_FALSE(inputs.has_value()) << c.file << " should have been refused";
    std::set<std::string> named;
    for (const FieldError& f : inputs.error().fields) named.insert(f.field);
    std::set<std::string> expected;
    for (const auto& id : doc["refused"]) expected.insert(id.as<std::string>());
    EXPECT_EQ(named, expected) << c.file;
    return;
  }
  ASSERT_TRUE(inputs.has_value()) << c.file << ": " << inputs.error().fields[0].field << " "
                                  << inputs.error().fields[0].message;
  const std::int64_t expected = doc["amount_pence"].as<std::int64_t>();

  auto explanation = Explain(**model, *inputs);
  ASSERT_TRUE(explanation.has_value()) << explanation.error().message;
  EXPECT_EQ(explanation->amount_pence, expected) << c.file << ": " << doc["description"].Scalar();
  std::int64_t lines = 0;
  for (const ExplanationLine& line : explanation->lines) lines += line.amount_pence.value_or(0);
  EXPECT_EQ(lines, explanation->amount_pence) << "the explanation must add up to the amount";

  const Program program = Compile(**model);
  Evaluator evaluator(program);
  const auto outcome = evaluator.Run(inputs->data());
  ASSERT_TRUE(outcome.ok);
  EXPECT_EQ(outcome.pence, expected) << "compiled program, " << c.file;
}

INSTANTIATE_TEST_SUITE_P(Files, RasCase, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.file.parent_path().filename().string() +
                                              "_" + info.param.file.stem().string();
                           for (char& ch : name) {
                             if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
                           }
                           return name;
                         });

TEST(RasCases, EveryShippedModelHasCases) {
  std::set<std::string> models;
  for (const Case& c : AllCases()) models.insert(c.model.filename().string());
  EXPECT_EQ(models.size(), 3u);
}

}  // namespace
}  // namespace selfdirect::ras
