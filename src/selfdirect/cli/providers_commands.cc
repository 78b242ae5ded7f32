#include "selfdirect/cli/providers_commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "selfdirect/app/provider_import.h"
#include "selfdirect/cli/progress.h"
#include "selfdirect/core/csv.h"

namespace selfdirect::cli {

int RunProvidersImport(store::Store& store, const Clock& clock, UlidGenerator& ids,
                       const Council& council, const std::string& path, std::ostream& out,
                       std::ostream& err) {
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
  Progress progress;
  std::int64_t read = 0;
  CsvReader reader([&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    file.read(buffer, static_cast<std::streamsize>(capacity));
    if (file.bad()) return Fail(ErrorCode::kUnavailable, path + ": the file could not be read");
    const auto n = static_cast<std::size_t>(file.gcount());
    read += static_cast<std::int64_t>(n);
    progress.Update("Checking", read, ec ? 0 : size, "bytes");
    return n;
  });

  app::Context ctx = app::Context::Operator("providers import");
  ctx.actor.council_id = council.id;
  app::ProviderImportOptions options;
  options.source_name = std::filesystem::path(path).filename().string();
  options.on_write = [&](std::int64_t done, std::int64_t total) {
    progress.Update("Importing", done, total, "providers");
  };
  app::ProviderImport import(store, clock, ids);
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
        "{}: {} problem{}; nothing was imported. Put {} right and run the import again.\n", path,
        Thousands(static_cast<std::int64_t>(n)), n == 1 ? "" : "s", n == 1 ? "it" : "them");
    return 1;
  }
  out << fmt::format("Imported {} provider{} with {} service{} into {}.\n",
                     Thousands(report->providers), report->providers == 1 ? "" : "s",
                     Thousands(report->services), report->services == 1 ? "" : "s", council.name);
  return 0;
}

}  // namespace selfdirect::cli
