#include "selfdirect/cli/demo_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "selfdirect/app/demo_council.h"
#include "selfdirect/cli/progress.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/council_csv.h"

namespace selfdirect::cli {

std::string CheckPeopleAndSeed(const std::string& people_text, const std::string& seed) {
  std::string problems;
  const auto people = WholeNumber<std::int64_t>(people_text);
  if (!people || *people < 1 || *people > simulate::kMaxPeople) {
    problems +=
        fmt::format("--people must be a whole number from 1 to {}, like 5000 (it was \"{}\")\n",
                    Thousands(simulate::kMaxPeople), people_text);
  }
  if (!WholeNumber<std::uint64_t>(seed)) {
    problems += fmt::format(
        "--seed must be a whole number from 0 to {}, like 42: the same seed gives the same "
        "council (it was \"{}\")\n",
        UINT64_MAX, seed);
  }
  return problems;
}

std::string CheckDemoArguments(const DemoGenerateArguments& a) {
  std::string problems = CheckPeopleAndSeed(a.people, a.seed);
  const auto years = WholeNumber<int>(a.years);
  if (!years || *years < 1 || *years > 10) {
    problems += fmt::format("--years must be a whole number from 1 to 10, like 3 (it was \"{}\")\n",
                            a.years);
  }
  if (!a.as_of.empty()) {
    const auto day = ParseIsoDate(a.as_of);
    if (!day || !simulate::AsOfInRange(*day)) {
      problems += fmt::format(
          "--as-of must be a real date from 2000 to 2099 written YYYY-MM-DD, like 2026-11-23 "
          "(it was \"{}\")\n",
          a.as_of);
    }
  }
  return problems;
}

namespace {

// The council the checked arguments ask for (CheckDemoArguments has passed them).
simulate::CouncilOptions CouncilOptionsOf(const DemoGenerateArguments& arguments,
                                          const Clock& clock) {
  simulate::CouncilOptions options;
  options.people = *WholeNumber<std::int64_t>(arguments.people);
  options.seed = *WholeNumber<std::uint64_t>(arguments.seed);
  options.as_of = arguments.as_of.empty() ? clock.Today() : *ParseIsoDate(arguments.as_of);
  options.years = *WholeNumber<int>(arguments.years);
  return options;
}

}  // namespace

int RunDemoGenerate(store::Store& store, const Clock& clock, const std::string& data,
                    const DemoGenerateArguments& arguments, std::ostream& out, std::ostream& err) {
  if (const std::string problems = CheckDemoArguments(arguments); !problems.empty()) {
    err << problems << "Nothing was written.\n";
    return 1;
  }
  const simulate::CouncilOptions council = CouncilOptionsOf(arguments, clock);
  app::DemoCouncilOptions options;
  options.people = council.people;
  options.seed = council.seed;
  options.as_of = council.as_of;
  options.years = council.years;

  auto why = app::WhyNotEmpty(store);
  if (!why) {
    err << "selfdirect: " << why.error().message << "\n";
    return 1;
  }
  if (!why->empty()) {
    if (arguments.if_empty) {
      out << "The database " << data << " already has a council: no demo council loaded.\n";
      return 0;
    }
    err << "selfdirect: " << *why << ". Nothing was written.\n";
    return 1;
  }

  out << fmt::format(
             "Loading a demo council of {} people (seed {}, {} year{} to {}) into {}. This is "
             "made-up data for trying selfdirect out.",
             Thousands(options.people), options.seed, options.years, options.years == 1 ? "" : "s",
             FormatIsoDate(options.as_of), data)
      << std::endl;
  Progress progress;
  options.on_progress = [&](std::int64_t done, std::int64_t total) {
    progress.Update("Writing", done, total, "steps");
  };
  const auto started = std::chrono::steady_clock::now();
  auto report = app::LoadDemoCouncil(store, options);
  progress.Finish();
  if (!report) {
    err << "selfdirect: " << report.error().message << "\n";
    for (const FieldError& f : report.error().fields)
      err << "  " << f.field << ": " << f.message << "\n";
    err << "Nothing was written.\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double rate = static_cast<double>(report->people) / std::max(seconds, 0.001);
  out << fmt::format(
      "Loaded {} ({}) in {:.1f} s ({} people a second):\n"
      "  {} {}: {} with a signed-off budget, {} waiting for sign-off, {} writing a plan,\n"
      "  {} waiting for an eligibility decision or assessment, {} not eligible, {} given "
      "advice or referred on,\n"
      "  {} whose case has closed since; {} reviews held; {} providers with {} services in the "
      "directory;\n"
      "  {} financial assessments recorded, {} safeguarding concerns raised, {} pooled budgets;\n"
      "  {} payment runs released, {} overpayments they found recovered or credited back;\n"
      "  {} card statements imported, {} monitoring alerts raised;\n"
      "  {} provider invoices recorded, {} of them held for a finance officer;\n"
      "  {} contributions paid in from the council's bank file, {} of its lines left for a "
      "finance officer.\n",
      report->council.name, report->council.code, seconds,
      rate < 10 ? fmt::format("{:.1f}", rate) : Thousands(static_cast<std::int64_t>(rate)),
      Thousands(report->people), report->people == 1 ? "person" : "people",
      Thousands(report->signed_off), Thousands(report->awaiting_sign_off),
      Thousands(report->planning), Thousands(report->in_assessment),
      Thousands(report->not_eligible), Thousands(report->no_further_action),
      Thousands(report->closed), Thousands(report->reviews), Thousands(report->providers),
      Thousands(report->services), Thousands(report->contributions), Thousands(report->concerns),
      Thousands(report->pools), Thousands(report->payment_runs),
      Thousands(report->overpayments_decided), Thousands(report->statements),
      Thousands(report->alerts), Thousands(report->invoices), Thousands(report->invoices_held),
      Thousands(report->contribution_payments), Thousands(report->bank_lines_for_you));
  out << "\nDemo sign-ins (council code " << report->council.code
      << "). The passwords are shown only now:\n";
  std::size_t role_width = 4, email_width = 5, password_width = 8;
  for (const auto& s : report->sign_ins) {
    role_width = std::max(role_width, s.role.size());
    email_width = std::max(email_width, s.email.size());
    password_width = std::max(password_width, s.password.size());
  }
  out << fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}\n", "Role", role_width, "Email", email_width,
                     "Password", password_width, "What they find");
  for (const auto& s : report->sign_ins) {
    out << fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}\n", s.role, role_width, s.email, email_width,
                       s.password, password_width, s.finds);
  }
  return 0;
}

int RunDemoCsv(const Clock& clock, const DemoGenerateArguments& arguments, std::ostream& out,
               std::ostream& err) {
  if (const std::string problems = CheckDemoArguments(arguments); !problems.empty()) {
    err << problems << "Nothing was written.\n";
    return 1;
  }
  const std::filesystem::path directory(arguments.csv);
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec || !std::filesystem::is_directory(directory, ec)) {
    err << "selfdirect: --csv " << arguments.csv
        << ": cannot make or use that directory. Nothing was written.\n";
    return 1;
  }
  const simulate::CouncilOptions options = CouncilOptionsOf(arguments, clock);
  auto model = ras::LoadModel(app::DemoRasModel(), "points-price.yaml");
  if (!model) {
    err << "selfdirect: the demo council's RAS model does not load\n";
    return 1;
  }
  out << fmt::format("Generating a council of {} people (seed {}, {} year{} to {}) as CSV in {}",
                     Thousands(options.people), options.seed, options.years,
                     options.years == 1 ? "" : "s", FormatIsoDate(options.as_of), arguments.csv)
      << std::endl;
  const auto started = std::chrono::steady_clock::now();
  if (options.people >= 100'000) {
    out << "Generating in memory first (about a minute for a million people)..." << std::endl;
  }
  auto council = simulate::GenerateCouncil(**model, options);
  if (!council) {
    err << "selfdirect: " << council.error().message << "\n";
    return 1;
  }
  std::map<std::string_view, std::ofstream> files;
  for (std::string_view table : simulate::CouncilCsvTables()) {
    const auto path = directory / std::string(table);
    files[table].open(path, std::ios::binary | std::ios::trunc);
    if (!files[table]) {
      err << "selfdirect: cannot write " << path.string() << "\n";
      return 1;
    }
  }
  std::int64_t bytes = 0;
  Progress progress;
  simulate::WriteCouncilCsv(
      *council,
      [&](std::string_view table, std::string_view text) {
        files.at(table).write(text.data(), static_cast<std::streamsize>(text.size()));
        bytes += static_cast<std::int64_t>(text.size());
      },
      [&](std::int64_t done, std::int64_t total) {
        progress.Update("Writing", done, total, "people");
      });
  progress.Finish();
  for (auto& [table, file] : files) {
    file.close();
    if (!file) {
      err << "selfdirect: cannot write " << (directory / std::string(table)).string()
          << " (is the disk full?)\n";
      return 1;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << fmt::format("Wrote {} files ({:.1f} MB) in {:.1f} s: {}\n", files.size(),
                     static_cast<double>(bytes) / 1e6, seconds,
                     fmt::join(simulate::CouncilCsvTables(), ", "));
  return 0;
}

}  // namespace selfdirect::cli
