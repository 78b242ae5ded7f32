#include "selfdirect/cli/ras_commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "selfdirect/core/pence.h"
#include "selfdirect/http/ras_json.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/model_loader.h"

namespace selfdirect::cli {
namespace {

// Reads a whole file of at most `limit` bytes ("-" is standard input). Fails with a message
// naming the file.
Result<std::string> ReadSmallFile(const std::string& path, std::size_t limit) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      return Fail(ErrorCode::kInvalidArgument, path + ": is a folder, not a file");
    }
    file.open(path, std::ios::binary);
    if (!file) return Fail(ErrorCode::kNotFound, path + ": cannot open this file");
    in = &file;
  }
  std::string text;
  text.resize(limit + 1);
  in->read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in->gcount()));
  if (text.size() > limit) {
    std::error_code ec;
    const auto size = path == "-" ? 0 : std::filesystem::file_size(path, ec);
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}: the file is {}; the most accepted is {:.0f} MB", path,
                            size > 0 ? fmt::format("{:.1f} MB", static_cast<double>(size) / 1e6)
                                     : std::string("too large"),
                            static_cast<double>(limit) / 1e6));
  }
  return text;
}

// Loads and checks a model, printing its problems to stderr.
std::shared_ptr<const ras::Model> LoadOrReport(const std::string& path) {
  auto text = ReadSmallFile(path, ras::kMaxModelBytes);
  if (!text) {
    std::cerr << text.error().message << "\n";
    return nullptr;
  }
  auto model = ras::LoadModel(*text, path);
  if (!model) {
    for (const ras::Problem& problem : model.error()) {
      std::cerr << ras::FormatProblem(path, problem) << "\n";
    }
    std::cerr << fmt::format(
        "{}: {} problem{}; the model cannot be used until they are put right\n", path,
        model.error().size(), model.error().size() == 1 ? "" : "s");
    return nullptr;
  }
  return *model;
}

}  // namespace

void RasCommands::Register(CLI::App& app) {
  ras_ = app.add_subcommand("ras", "Resource Allocation System models: check, evaluate");
  ras_->require_subcommand(1);

  check_ = ras_->add_subcommand(
      "check", "Check model files; print every problem as file:line:column: message");
  check_->add_option("MODEL", models_, "Model files (YAML)")->required()->check(CLI::ExistingFile);

  evaluate_ = ras_->add_subcommand("evaluate",
                                   "Work out one person's budget, with the "
                                   "explanation they would see");
  evaluate_->add_option("--model", model_, "The model file")->required()->check(CLI::ExistingFile);
  evaluate_->add_option("--answers", answers_, "JSON object of input id → answer (- for stdin)")
      ->required();
  evaluate_->add_option("--format", format_, "json or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
}

std::optional<int> RasCommands::RunParsed() {
  if (ras_ == nullptr || !*ras_) return std::nullopt;
  if (*check_) return Check();
  if (*evaluate_) return Evaluate();
  return 2;
}

int RasCommands::Check() {
  int failed = 0;
  for (const std::string& path : models_) {
    auto model = LoadOrReport(path);
    if (!model) {
      ++failed;
      continue;
    }
    std::cout << fmt::format("{}: ok — {} version {} ({}), {} questions, {} attributes\n", path,
                             model->id, model->version, ras::PeriodName(model->period),
                             model->questions.size(), model->attributes.size());
  }
  return failed == 0 ? 0 : 1;
}

int RasCommands::Evaluate() {
  auto model = LoadOrReport(model_);
  if (!model) return 1;
  auto text = ReadSmallFile(answers_, std::size_t{1} << 20);
  if (!text) {
    std::cerr << text.error().message << "\n";
    return 1;
  }
  auto raw = http::ParseAnswersJson(*text);
  if (!raw) {
    std::cerr << answers_ << ": " << raw.error().message << "\n";
    return 1;
  }
  auto inputs = ras::ValidateAnswers(*model, *raw);
  if (!inputs) {
    std::cerr << answers_ << ": " << inputs.error().message << ":\n";
    for (const FieldError& field : inputs.error().fields) {
      std::cerr << "  " << field.field << ": " << field.message << "\n";
    }
    return 1;
  }
  auto explanation = ras::Explain(*model, *inputs);
  if (!explanation) {
    std::cerr << model_ << ": " << explanation.error().message << "\n";
    return 1;
  }
  if (format_ == "json") {
    std::cout << http::ExplanationJson(*model, *explanation) << "\n";
    return 0;
  }
  std::cout << fmt::format("{} (version {})\n", model->title, model->version);
  std::cout << fmt::format("Indicative budget: {} {}\n\n",
                           FormatPounds(Pence(explanation->amount_pence)),
                           ras::PeriodPhrase(model->period));
  for (const ras::ExplanationLine& line : explanation->lines) {
    if (line.amount_pence) {
      std::cout << fmt::format("{:>12}  {}\n", FormatPounds(Pence(*line.amount_pence)), line.text);
    } else {
      std::cout << fmt::format("{:>12}  {}\n", "", line.text);
    }
  }
  return 0;
}

}  // namespace selfdirect::cli
