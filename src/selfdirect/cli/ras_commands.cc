#include "selfdirect/cli/ras_commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "selfdirect/core/csv.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/http/ras_json.h"
#include "selfdirect/ras/compare.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/population.h"

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

// 1234567 → "1,234,567".
std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return (n < 0 ? "-" : "") + out;
}

// A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal.
class ProgressBar {
 public:
  ProgressBar(std::ifstream& file, std::string what)
      : file_(file), what_(std::move(what)), shown_(isatty(STDERR_FILENO) == 1) {
    std::error_code ec;
    file_.seekg(0, std::ios::end);
    size_ = file_.tellg();
    file_.seekg(0, std::ios::beg);
    started_ = std::chrono::steady_clock::now();
  }

  void Update(std::int64_t rows) {
    if (!shown_ || size_ <= 0) return;
    const auto at = file_.tellg();
    const double share = at < 0 ? 1.0 : static_cast<double>(at) / static_cast<double>(size_);
    const int filled = static_cast<int>(share * 30);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(30, '.');
    std::cerr << fmt::format("\r{} [{}] {:3.0f}%  {} rows  {:.1f} s", what_, bar, share * 100,
                             Thousands(rows), Seconds())
              << std::flush;
    drawn_ = true;
  }

  void Finish() {
    if (drawn_) std::cerr << "\r" << std::string(80, ' ') << "\r" << std::flush;
  }

  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

 private:
  std::ifstream& file_;
  std::string what_;
  bool shown_;
  bool drawn_ = false;
  std::streamoff size_ = 0;
  std::chrono::steady_clock::time_point started_;
};

// Writes refused rows to a CSV file, opened at the first one.
class RefusalFile {
 public:
  explicit RefusalFile(std::string path) : path_(std::move(path)) {}

  void Add(const ras::RefusedRow& row) {
    if (!out_.is_open()) {
      out_.open(path_, std::ios::binary | std::ios::trunc);
      out_ << "row,line,id,reason\n";
    }
    line_.clear();
    line_ += std::to_string(row.row) + "," + std::to_string(row.line) + ",";
    AppendCsvField(line_, row.id);
    line_ += ",";
    AppendCsvField(line_, row.reason);
    line_ += "\n";
    out_ << line_;
    if (shown_ < 5) {
      std::cerr << fmt::format("row {}{}: {}\n", row.row,
                               row.id.empty() ? "" : " (" + std::string(row.id) + ")", row.reason);
      ++shown_;
    }
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ofstream out_;
  std::string line_;
  int shown_ = 0;
};

// "10%" → 1000 basis points; "25" or "£25" → 2500 pence.
std::optional<ras::FallThreshold> ParseThreshold(const std::string& text) {
  ras::FallThreshold t;
  if (!text.empty() && text.back() == '%') {
    auto share = ras::ParseMicros(text.substr(0, text.size() - 1));
    if (!share || *share < 0 || *share > 100 * ras::kMicros) return std::nullopt;
    t.basis_points = *share / 10'000;  // micros of a percent → hundredths of a percent
    return t;
  }
  auto amount = ParsePounds(text);
  if (!amount || amount->value() < 0) return std::nullopt;
  t.pence = amount->value();
  return t;
}

}  // namespace

void RasCommands::Register(CLI::App& app) {
  ras_ = app.add_subcommand("ras",
                            "Resource Allocation System models: check, evaluate, run, "
                            "compare, publish");
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

  run_ = ras_->add_subcommand(
      "run", "Work out the budget of everyone in a CSV file (id and one column per input)");
  run_->add_option("--model", model_, "The model file")->required()->check(CLI::ExistingFile);
  run_->add_option("--input", input_,
                   "People: a CSV file with an id column and a column per "
                   "input")
      ->required()
      ->check(CLI::ExistingFile);
  run_->add_option("--output", output_, "Where to write id,amount_pence")->required();
  run_->add_option("--errors", errors_, "Where to write refused rows (default: OUTPUT.errors.csv)");
  run_->add_option("--threads", threads_, "Worker threads (0: one per core)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();

  compare_ = ras_->add_subcommand(
      "compare", "Who gains and who loses under a new model version, and by how much");
  compare_->add_option("--old", old_model_, "The current model file")
      ->required()
      ->check(CLI::ExistingFile);
  compare_->add_option("--new", new_model_, "The new model file")
      ->required()
      ->check(CLI::ExistingFile);
  compare_
      ->add_option("--input", input_,
                   "People: a CSV file with an id column and a column per "
                   "input of both models")
      ->required()
      ->check(CLI::ExistingFile);
  compare_
      ->add_option("--threshold", threshold_,
                   "List people whose budget falls by more than this: a share (10%) or an "
                   "amount in pounds (25)")
      ->capture_default_str();
  compare_->add_option("--falls", falls_, "Write everyone beyond the threshold to this CSV file");
  compare_->add_option("--output", output_,
                       "Write id,old_pence,new_pence,change_pence for "
                       "everyone to this CSV file");
  compare_->add_option("--errors", errors_,
                       "Where to write refused rows (default: compare.errors.csv)");
  compare_->add_option("--threads", threads_, "Worker threads (0: one per core)")
      ->check(CLI::Range(0, 256));
}

std::optional<int> RasCommands::RunParsed() {
  if (ras_ == nullptr || !*ras_) return std::nullopt;
  if (*check_) return Check();
  if (*evaluate_) return Evaluate();
  if (*run_) return Run();
  if (*compare_) return Compare();
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

int RasCommands::Run() {
  auto model = LoadOrReport(model_);
  if (!model) return 1;
  std::ifstream people(input_, std::ios::binary);
  if (!people) {
    std::cerr << input_ << ": cannot open this file\n";
    return 1;
  }
  std::ofstream out(output_, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << output_ << ": cannot write this file\n";
    return 1;
  }
  std::vector<char> out_buffer(std::size_t{1} << 20);
  out.rdbuf()->pubsetbuf(out_buffer.data(), static_cast<std::streamsize>(out_buffer.size()));
  out << "id,amount_pence\n";
  RefusalFile refusals(errors_.empty() ? output_ + ".errors.csv" : errors_);
  ProgressBar progress(people, "Evaluating");

  struct Sink : ras::PopulationSink {
    std::ofstream* out;
    RefusalFile* refusals;
    std::string line;
    std::int64_t total = 0;
    std::int64_t lowest = INT64_MAX;
    std::int64_t highest = INT64_MIN;
    void Evaluated(const ras::PopulationRow& row) override {
      line.clear();
      AppendCsvField(line, row.id);
      line += ',';
      line += std::to_string(row.pence[0]);
      line += '\n';
      *out << line;
      total += row.pence[0];
      lowest = std::min(lowest, row.pence[0]);
      highest = std::max(highest, row.pence[0]);
    }
    void Refused(const ras::RefusedRow& row) override { refusals->Add(row); }
  } sink;
  sink.out = &out;
  sink.refusals = &refusals;

  ras::PopulationOptions options;
  options.threads = threads_;
  options.progress = [&](std::int64_t rows) { progress.Update(rows); };
  auto stats = ras::EvaluatePopulation({model.get()}, people, sink, options);
  progress.Finish();
  out.flush();
  if (!stats) {
    std::cerr << input_ << ": " << stats.error().message << "\n";
    for (const FieldError& field : stats.error().fields) {
      std::cerr << "  " << field.field << ": " << field.message << "\n";
    }
    return 1;
  }
  const double seconds = progress.Seconds();
  const std::string per = ras::PeriodPhrase(model->period);
  std::cout << fmt::format(
      "Worked out {} of {} people with {} version {} in {:.1f} s ({} a "
      "second).\n",
      Thousands(stats->evaluated), Thousands(stats->rows), model->id, model->version, seconds,
      Thousands(
          static_cast<std::int64_t>(static_cast<double>(stats->rows) / std::max(seconds, 1e-9))));
  if (stats->evaluated > 0) {
    std::cout << fmt::format("Total {} {}; average {}; lowest {}; highest {}.\n",
                             FormatPounds(Pence(sink.total)), per,
                             FormatPounds(Pence(sink.total / stats->evaluated)),
                             FormatPounds(Pence(sink.lowest)), FormatPounds(Pence(sink.highest)));
  }
  std::cout << "Amounts are in " << output_ << ".\n";
  if (stats->refused > 0) {
    std::cout << fmt::format("{} row{} refused; each is in {} with its row number and reason.\n",
                             Thousands(stats->refused), stats->refused == 1 ? " was" : "s were",
                             refusals.path());
    return 3;
  }
  return 0;
}

int RasCommands::Compare() {
  auto old_model = LoadOrReport(old_model_);
  auto new_model = LoadOrReport(new_model_);
  if (!old_model || !new_model) return 1;
  const auto threshold = ParseThreshold(threshold_);
  if (!threshold) {
    std::cerr << "--threshold: give a share like 10% or an amount in pounds like 25\n";
    return 2;
  }
  if (old_model->period != new_model->period) {
    std::cerr << "The models give amounts for different periods ("
              << ras::PeriodName(old_model->period) << " and " << ras::PeriodName(new_model->period)
              << "); compare versions of the same model\n";
    return 1;
  }
  std::ifstream people(input_, std::ios::binary);
  if (!people) {
    std::cerr << input_ << ": cannot open this file\n";
    return 1;
  }
  ProgressBar progress(people, "Comparing");
  struct Sink : ras::PopulationSink {
    std::vector<ras::PersonChange> people;
    RefusalFile* refusals;
    void Evaluated(const ras::PopulationRow& row) override {
      ras::PersonChange p{std::string(row.id), row.pence[0], row.pence[1], std::nullopt,
                          std::string(row.extras[1])};
      if (auto age = ras::ParseMicros(row.extras[0]); age && *age >= 0) {
        p.age = static_cast<int>(*age / ras::kMicros);
      }
      people.push_back(std::move(p));
    }
    void Refused(const ras::RefusedRow& row) override { refusals->Add(row); }
  } sink;
  RefusalFile refusals(errors_.empty() ? "compare.errors.csv" : errors_);
  sink.refusals = &refusals;
  ras::PopulationOptions options;
  options.threads = threads_;
  options.extra_columns = {"age", "support_reason"};
  options.progress = [&](std::int64_t rows) { progress.Update(rows); };
  auto stats = ras::EvaluatePopulation({old_model.get(), new_model.get()}, people, sink, options);
  progress.Finish();
  if (!stats) {
    std::cerr << input_ << ": " << stats.error().message << "\n";
    return 1;
  }
  if (!output_.empty()) {
    std::ofstream out(output_, std::ios::binary | std::ios::trunc);
    out << "id,old_pence,new_pence,change_pence\n";
    std::string line;
    for (const ras::PersonChange& p : sink.people) {
      line.clear();
      AppendCsvField(line, p.id);
      line += fmt::format(",{},{},{}\n", p.old_pence, p.new_pence, p.new_pence - p.old_pence);
      out << line;
    }
  }
  const auto report = ras::CompareModels(std::move(sink.people), *threshold);
  const std::string per = ras::PeriodPhrase(new_model->period);
  const auto& all = report.everyone;
  std::cout << fmt::format("{} version {} → {} version {}, {} people\n\n", old_model->id,
                           old_model->version, new_model->id, new_model->version,
                           Thousands(all.people));
  std::cout << fmt::format("{} gain, {} lose, {} see no change.\n", Thousands(all.gainers),
                           Thousands(all.losers), Thousands(all.people - all.gainers - all.losers));
  std::cout << fmt::format("Total {} → {} {} ({}).\n\n", FormatPounds(Pence(all.old_total_pence)),
                           FormatPounds(Pence(all.new_total_pence)), per,
                           FormatPounds(Pence(all.new_total_pence - all.old_total_pence)));
  auto table = [&](const char* title, const std::vector<ras::GroupChange>& groups) {
    if (groups.empty()) return;
    std::cout << fmt::format("{:<24} {:>9} {:>9} {:>9} {:>16} {:>16} {:>14}\n", title, "people",
                             "gain", "lose", "total now", "total new", "largest fall");
    for (const ras::GroupChange& g : groups) {
      std::cout << fmt::format(
          "{:<24} {:>9} {:>9} {:>9} {:>16} {:>16} {:>14}\n", g.group, Thousands(g.people),
          Thousands(g.gainers), Thousands(g.losers), FormatPounds(Pence(g.old_total_pence)),
          FormatPounds(Pence(g.new_total_pence)), FormatPounds(Pence(g.largest_loss_pence)));
    }
    std::cout << "\n";
  };
  table("Age", report.by_age_band);
  table("Support reason", report.by_support_reason);
  table("Decile of need", report.by_need_decile);
  std::cout << fmt::format("{} {} see their budget fall by more than {}.\n",
                           Thousands(static_cast<std::int64_t>(report.large_falls.size())),
                           report.large_falls.size() == 1 ? "person would" : "people would",
                           threshold_);
  for (std::size_t i = 0; i < report.large_falls.size() && i < 20; ++i) {
    const ras::PersonChange& p = report.large_falls[i];
    std::cout << fmt::format("  {:<20} {:>12} → {:>12}\n", p.id, FormatPounds(Pence(p.old_pence)),
                             FormatPounds(Pence(p.new_pence)));
  }
  if (!falls_.empty()) {
    std::ofstream out(falls_, std::ios::binary | std::ios::trunc);
    out << "id,old_pence,new_pence,change_pence,age,support_reason\n";
    std::string line;
    for (const ras::PersonChange& p : report.large_falls) {
      line.clear();
      AppendCsvField(line, p.id);
      line += fmt::format(",{},{},{},{},", p.old_pence, p.new_pence, p.new_pence - p.old_pence,
                          p.age ? std::to_string(*p.age) : "");
      AppendCsvField(line, p.support_reason);
      line += "\n";
      out << line;
    }
    std::cout << "Everyone beyond the threshold is in " << falls_ << ".\n";
  } else if (report.large_falls.size() > 20) {
    std::cout << "  … and " << Thousands(static_cast<std::int64_t>(report.large_falls.size() - 20))
              << " more; use --falls FILE to list them all.\n";
  }
  if (stats->refused > 0) {
    std::cout << fmt::format("{} rows were refused; see {}.\n", Thousands(stats->refused),
                             refusals.path());
  }
  return 0;
}

}  // namespace selfdirect::cli
