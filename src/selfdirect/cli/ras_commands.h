// `selfdirect ras ...`: check, evaluate, run, compare and calibrate RAS models.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace selfdirect::cli {

class RasCommands {
 public:
  // Adds the `ras` subcommand and its subcommands to `app`.
  void Register(CLI::App& app);

  // The `ras` subcommand, for commands that need the database (registered by main.cc).
  CLI::App* app() const { return ras_; }

  // Runs the ras subcommand that was parsed, if any, and returns its exit status.
  std::optional<int> RunParsed();

 private:
  int Check();
  int Evaluate();
  int Run();
  int Compare();
  int Calibrate();

  CLI::App* ras_ = nullptr;
  CLI::App* check_ = nullptr;
  CLI::App* evaluate_ = nullptr;
  CLI::App* run_ = nullptr;
  CLI::App* compare_ = nullptr;
  CLI::App* calibrate_ = nullptr;
  std::vector<std::string> models_;
  std::string model_;
  std::string answers_;
  std::string format_ = "text";
  std::string input_;
  std::string output_;
  std::string errors_;
  std::string old_model_;
  std::string new_model_;
  std::string threshold_ = "10%";
  std::string falls_;
  int threads_ = 0;
  std::string packages_;
  std::string plot_;
  std::string outliers_file_;
  std::string weight_column_;
  std::string outlier_limit_ = "3.5";
  bool robust_ = false;
  double holdout_ = 0;
};

}  // namespace selfdirect::cli
