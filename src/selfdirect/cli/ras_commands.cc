#include "selfdirect/cli/ras_commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/http/ras_json.h"
#include "selfdirect/ras/calibrate.h"
#include "selfdirect/ras/compare.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/linear.h"
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
    const double now = Seconds();
    if (drawn_ && now - last_drawn_ < 0.1) return;  // ten redraws a second are plenty
    last_drawn_ = now;
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
  double last_drawn_ = 0;
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
  calibrate_ = ras_->add_subcommand(
      "calibrate",
      "Fit a model's free parameters to what current packages cost, and write the "
      "result as a new version");
  calibrate_->add_option("--model", model_, "The model file")->required()->check(CLI::ExistingFile);
  calibrate_
      ->add_option("--packages", packages_,
                   "Packages: a CSV file with an id column, a column per input and a cost "
                   "column (pounds per the model's period)")
      ->required()
      ->check(CLI::ExistingFile);
  calibrate_->add_option("--output", output_, "Where to write the new model version")->required();
  calibrate_->add_flag("--robust", robust_, "Use Huber weights so unusual packages pull less");
  calibrate_
      ->add_option("--outliers", outlier_limit_,
                   "Remove packages whose residual is beyond this many robust standard "
                   "deviations and fit again (none: keep everyone)")
      ->capture_default_str();
  calibrate_->add_option("--weight-column", weight_column_, "A column of weights for packages");
  calibrate_
      ->add_option("--holdout", holdout_,
                   "Share of packages kept back to measure the fit on (0 to 0.9)")
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  calibrate_->add_option("--plot", plot_, "Write an SVG plot of predicted against actual cost");
  calibrate_->add_option("--outliers-file", outliers_file_,
                         "Where to list the packages removed as outliers (default: "
                         "OUTPUT.outliers.csv)");
  calibrate_->add_option("--errors", errors_, "Where to write refused rows");
  calibrate_->add_option("--threads", threads_, "Worker threads (0: one per core)")
      ->check(CLI::Range(0, 256));

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
  if (*calibrate_) return Calibrate();
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

int RasCommands::Calibrate() {
  auto model = LoadOrReport(model_);
  if (!model) return 1;
  auto linear = ras::Linearize(*model);
  if (!linear) {
    std::cerr << linear.error().message << "\n";
    return 1;
  }
  ras::CalibrationOptions options;
  options.robust = robust_;
  options.holdout = holdout_;
  if (outlier_limit_ == "none") {
    options.outlier_limit = 0;
  } else {
    auto limit = ras::ParseMicros(outlier_limit_);
    if (!limit || *limit <= 0) {
      std::cerr << "--outliers: give a number of standard deviations like 3.5, or none\n";
      return 2;
    }
    options.outlier_limit = static_cast<double>(*limit) / ras::kMicros;
  }
  std::ifstream packages(packages_, std::ios::binary);
  if (!packages) {
    std::cerr << packages_ << ": cannot open this file\n";
    return 1;
  }
  // The cost column must be there; check the header before the long read.
  {
    CsvReader reader(packages);
    std::vector<std::string_view> required{"id", "cost"};
    if (!weight_column_.empty()) required.push_back(weight_column_);
    auto header = CsvHeader::Read(reader, std::span<const std::string_view>(required));
    if (!header) {
      std::cerr << packages_ << ": " << header.error().message << "\n";
      return 1;
    }
    packages.clear();
    packages.seekg(0);
  }
  const ras::Program features = ras::CompileFeatures(*model, *linear);
  const std::size_t p = linear->parameters.size();
  ProgressBar progress(packages, "Reading packages");
  RefusalFile refusals(errors_.empty() ? output_ + ".errors.csv" : errors_);
  struct Sink : ras::PopulationSink {
    ras::CalibrationData data;
    RefusalFile* refusals = nullptr;
    bool weighted = false;
    void Evaluated(const ras::PopulationRow& row) override {
      auto cost = ras::ParseMicros(row.extras[0]);
      auto weight = weighted ? ras::ParseMicros(row.extras[1]) : Result<std::int64_t>(ras::kMicros);
      if (!cost || *cost < 0 || !weight || *weight < 0) {
        refusals->Add({row.row, 0, row.id,
                       !cost || *cost < 0 ? "cost: give what the package costs in pounds, like "
                                            "412.50"
                                          : "the weight should be a number, 0 or more"});
        ++refused;
        return;
      }
      const std::size_t p = data.parameters;
      data.ids.emplace_back(row.id);
      data.constant.push_back(static_cast<double>(row.outputs[0]) / ras::kMicros);
      for (std::size_t j = 0; j < p; ++j) {
        data.features.push_back(static_cast<double>(row.outputs[1 + j]) / ras::kMicros);
      }
      data.add_ons.push_back(static_cast<double>(row.outputs[1 + p]) / ras::kMicros);
      data.scale.push_back(static_cast<double>(row.outputs[2 + p]) / ras::kMicros);
      data.cost.push_back(static_cast<double>(*cost) / ras::kMicros);
      data.weight.push_back(static_cast<double>(*weight) / ras::kMicros);
      auto age = ras::ParseMicros(row.extras[2]);
      data.age.push_back(age && *age >= 0 ? static_cast<int>(*age / ras::kMicros) : -1);
      data.support_reason.emplace_back(row.extras[3]);
    }
    void Refused(const ras::RefusedRow& row) override {
      refusals->Add(row);
      ++refused;
    }
    std::int64_t refused = 0;
  } sink;
  sink.data.parameters = p;
  sink.refusals = &refusals;
  sink.weighted = !weight_column_.empty();
  ras::PopulationOptions population;
  population.threads = threads_;
  population.programs = {&features};
  population.extra_columns = {"cost", weight_column_.empty() ? "weight" : weight_column_, "age",
                              "support_reason"};
  population.progress = [&](std::int64_t rows) { progress.Update(rows); };
  auto stats = ras::EvaluatePopulation({model.get()}, packages, sink, population);
  progress.Finish();
  if (!stats) {
    std::cerr << packages_ << ": " << stats.error().message << "\n";
    return 1;
  }
  const auto read_seconds = progress.Seconds();
  auto report = ras::Calibrate(*model, *linear, sink.data, options);
  if (!report) {
    std::cerr << report.error().message << "\n";
    return 1;
  }
  const double fit_seconds = progress.Seconds() - read_seconds;
  const std::string per = ras::PeriodPhrase(model->period);
  std::cout << fmt::format(
      "Fitted {} parameter{} of {} version {} to {} packages by {}{} "
      "(read in {:.1f} s, fitted in {:.2f} s).\n\n",
      p, p == 1 ? "" : "s", model->id, model->version, Thousands(report->fitted_on), report->method,
      report->transformed ? " on the square root of cost" : "", read_seconds, fit_seconds);
  std::cout << fmt::format("{:<48} {:>14} {:>14}\n", "Parameter", "before", "after");
  for (const ras::FittedParameter& fp : report->parameters) {
    std::cout << fmt::format(
        "{:<48} {:>14} {:>14}{}\n", fp.name,
        ras::FormatMicros(static_cast<std::int64_t>(std::llround(fp.before * 1e6))),
        ras::FormatMicros(static_cast<std::int64_t>(std::llround(fp.after * 1e6))),
        fp.fitted ? "" : "  (no package informs it: kept)");
  }
  std::cout << fmt::format("\nHow well it fits, on {} ({}):\n", report->measured_on,
                           Thousands(report->held_out > 0 ? report->held_out : report->fitted_on));
  if (report->transformed) {
    std::cout << fmt::format("  R² on the square-root scale   {:.3f}\n", report->r2_transformed);
  } else {
    std::cout << fmt::format("  R² on the model's scale       {:.3f}\n", report->r2_transformed);
  }
  std::cout << fmt::format("  R² in pounds                  {:.3f}\n", report->r2_pounds);
  std::cout << fmt::format("  Mean absolute error           £{:.2f} {}\n",
                           report->mean_absolute_error, per);
  std::cout << fmt::format("  Median absolute error         {:.1f}% of the package\n",
                           report->median_absolute_percentage_error);
  auto bias = [&](const char* title, const std::vector<ras::GroupFit>& groups) {
    if (groups.empty()) return;
    std::cout << fmt::format("\n{:<36} {:>10} {:>12} {:>12} {:>8}\n", title, "packages",
                             "mean cost", "mean model", "bias");
    for (const ras::GroupFit& g : groups) {
      std::cout << fmt::format("{:<36} {:>10} {:>12} {:>12} {:>+7.1f}%\n", g.group,
                               Thousands(g.packages), fmt::format("£{:.2f}", g.mean_cost),
                               fmt::format("£{:.2f}", g.mean_predicted), g.bias_percent);
    }
  };
  bias("Age", report->by_age_band);
  bias("Support reason", report->by_support_reason);
  bias("Most complex (by cost)", {report->top_decile});
  if (report->top_decile.bias_percent < -5) {
    std::cout << "  The model under-funds the most complex people by more than 5%: look at "
                 "what their packages pay for before publishing.\n";
  }
  const std::string outliers_path =
      outliers_file_.empty() ? output_ + ".outliers.csv" : outliers_file_;
  if (options.outlier_limit > 0) {
    std::cout << fmt::format(
        "\nOutliers removed: {} package{} (residual beyond {} robust "
        "standard deviations)",
        Thousands(static_cast<std::int64_t>(report->outliers.size())),
        report->outliers.size() == 1 ? "" : "s", outlier_limit_);
    if (!report->outliers.empty()) {
      std::cout << fmt::format("; {} of them among the tenth of packages that cost most.\n",
                               Thousands(report->outliers_in_top_decile));
      for (const ras::GroupFit& g : report->outliers_by_support_reason) {
        std::cout << fmt::format("  {:<34} {:>10}\n", g.group, Thousands(g.packages));
      }
      std::ofstream out(outliers_path, std::ios::binary | std::ios::trunc);
      out << "id,cost,age,support_reason\n";
      std::string line;
      for (std::size_t i : report->outliers) {
        line.clear();
        AppendCsvField(line, sink.data.ids[i]);
        line += fmt::format(",{:.2f},{},", sink.data.cost[i],
                            sink.data.age[i] >= 0 ? std::to_string(sink.data.age[i]) : "");
        AppendCsvField(line, sink.data.support_reason[i]);
        line += "\n";
        out << line;
      }
      std::cout << "Who they are: " << outliers_path << "\n";
    } else {
      std::cout << ".\n";
    }
  } else {
    std::cout << "\nNo outlier rule: every package was kept.\n";
  }
  if (sink.refused > 0) {
    std::cout << fmt::format("{} rows were refused; see {}.\n", Thousands(sink.refused),
                             refusals.path());
  }
  std::ifstream source_file(model_, std::ios::binary);
  std::ostringstream source;
  source << source_file.rdbuf();
  const std::string date =
      FormatIsoDate(Date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())));
  auto written = ras::WriteCalibratedModel(source.str(), *model, *linear, *report, date);
  if (!written) {
    std::cerr << written.error().message << "\n";
    return 1;
  }
  std::ofstream(output_, std::ios::binary | std::ios::trunc) << *written;
  std::cout << fmt::format(
      "\nVersion {} is in {}; check it, compare it (selfdirect ras "
      "compare) and publish it.\n",
      model->version + 1, output_);
  if (!plot_.empty()) {
    std::ofstream(plot_, std::ios::binary | std::ios::trunc)
        << ras::PredictedAgainstActualSvg(*report, per);
    std::cout << "The plot of predicted against actual cost is in " << plot_ << ".\n";
  }
  return 0;
}

}  // namespace selfdirect::cli
