#include "selfdirect/cli/people_commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "selfdirect/app/people_import.h"
#include "selfdirect/core/csv.h"

namespace selfdirect::cli {
namespace {

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

// A one-line progress bar on stderr, redrawn in place: drawn only when stderr is a terminal
// and only once the work has taken half a second, so that a small file prints nothing extra.
class ImportProgress {
 public:
  ImportProgress() : shown_(isatty(STDERR_FILENO) == 1) {
    started_ = std::chrono::steady_clock::now();
  }

  // `done` of `total` in the phase called `what` ("Checking", "Importing").
  void Update(const char* what, std::int64_t done, std::int64_t total, const char* unit) {
    if (!shown_ || total <= 0) return;
    const double now = Seconds();
    if (now < 0.5 || (drawn_ && now - last_drawn_ < 0.1)) return;
    last_drawn_ = now;
    const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    std::string bar(static_cast<std::size_t>(share * 30), '#');
    bar.resize(30, '.');
    std::cerr << fmt::format("\r{:<9} [{}] {:3.0f}%  {} {}  {:.1f} s ", what, bar, share * 100,
                             Thousands(done), unit, now)
              << std::flush;
    drawn_ = true;
  }

  void Finish() {
    if (drawn_) std::cerr << "\r" << std::string(79, ' ') << "\r" << std::flush;
    drawn_ = false;
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  bool shown_;
  bool drawn_ = false;
  double last_drawn_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

int RunPeopleImport(store::Store& store, const Clock& clock, UlidGenerator& ids,
                    const Council& council, const PeopleImportArguments& arguments,
                    std::ostream& out, std::ostream& err) {
  const std::string& path = arguments.file;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    err << "selfdirect: " << path << ": is a folder, not a file\n";
    return 1;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    err << "selfdirect: " << path << ": cannot open this file\n";
    return 1;
  }
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
  ImportProgress progress;
  std::int64_t read = 0;
  CsvReader reader([&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    file.read(buffer, static_cast<std::streamsize>(capacity));
    if (file.bad()) return Fail(ErrorCode::kUnavailable, path + ": the file could not be read");
    const auto n = static_cast<std::size_t>(file.gcount());
    read += static_cast<std::int64_t>(n);
    progress.Update("Checking", read, ec ? 0 : size, "bytes");
    return n;
  });

  app::Context ctx = app::Context::Operator("people import");
  ctx.actor.council_id = council.id;
  app::PeopleImportOptions options;
  options.dry_run = arguments.dry_run;
  options.source_name = std::filesystem::path(path).filename().string();
  options.on_write = [&](std::int64_t done, std::int64_t total) {
    progress.Update("Importing", done, total, "people");
  };
  app::PeopleImport import(store, clock, ids);
  auto report = import.Import(ctx, reader, options);
  progress.Finish();
  if (!report) {
    err << "selfdirect: " << path << ": " << report.error().message << "\n";
    return 1;
  }
  if (!report->problems.empty()) {
    for (const app::ImportProblem& problem : report->problems) {
      err << problem.ToString() << "\n";
    }
    const std::size_t n = report->problems.size();
    err << fmt::format(
        "{}: {} problem{}; nothing was imported. Put {} right and run the "
        "import again.\n",
        path, Thousands(static_cast<std::int64_t>(n)), n == 1 ? "" : "s", n == 1 ? "it" : "them");
    return 1;
  }
  const auto people = static_cast<std::int64_t>(report->people.size());
  const std::string counted =
      fmt::format("{} {}", Thousands(people), people == 1 ? "person" : "people");
  if (report->dry_run) {
    out << fmt::format(
        "{} checked: {} ready to import into {}. Nothing was imported (--dry-run).\n", path,
        counted, council.name);
    return 0;
  }
  out << fmt::format("Imported {} into {}.\n", counted, council.name);
  if (report->has_external_reference) {
    // The person's record has no place for the old system's id, so the report carries it.
    out << "Each reference from the old system, with the person's id in selfdirect:\n"
        << "external_reference,person_id\n";
    std::string line;
    for (const app::ImportedPerson& person : report->people) {
      line.clear();
      AppendCsvField(line, person.external_reference);
      line += ',';
      line += person.id.str();
      line += '\n';
      out << line;
    }
  }
  return 0;
}

}  // namespace selfdirect::cli
