#include "selfdirect/cli/monitoring_commands.h"

#include <fmt/format.h>

#include <ostream>

#include "selfdirect/app/monitoring.h"
#include "selfdirect/cli/progress.h"

namespace selfdirect::cli {

int RunMonitoring(store::Store& store, const Clock& clock, UlidGenerator& ids,
                  const Council& council, const std::string& date, std::ostream& out,
                  std::ostream& err) {
  auto day = ParseIsoDate(date);
  if (!day) {
    err << "selfdirect: --date: enter the date to check as YYYY-MM-DD, like 2026-12-01\n";
    return 1;
  }
  app::Monitoring monitoring(store, clock, ids);
  app::Context ctx = app::Context::Operator("monitoring run");
  ctx.actor.council_id = council.id;
  Progress progress;
  auto run = monitoring.Run(ctx, *day, [&](std::int64_t done, std::int64_t total) {
    progress.Update("Checking", done, total, "budgets");
  });
  progress.Finish();
  if (!run) {
    err << "selfdirect: " << run.error().message << "\n";
    return 1;
  }
  out << fmt::format("Monitoring for {} ({}): {} budget{} checked\n", FormatLongDate(run->date),
                     council.name, Thousands(run->budgets), run->budgets == 1 ? "" : "s");
  std::int64_t raised = 0;
  for (const auto& [kind, n] : run->raised) raised += n;
  out << fmt::format("  {} new alert{}\n", Thousands(raised), raised == 1 ? "" : "s");
  for (ledger::AlertKind kind :
       {ledger::AlertKind::kSurplus, ledger::AlertKind::kExhaustion,
        ledger::AlertKind::kOutsidePlan, ledger::AlertKind::kLargeCashWithdrawal,
        ledger::AlertKind::kDominantNewPayee, ledger::AlertKind::kRapidDepletion,
        ledger::AlertKind::kHouseholdRelativePayment}) {
    auto found = run->raised.find(ledger::AlertKindName(kind));
    if (found == run->raised.end()) continue;
    out << fmt::format("    {}: {}\n", ledger::AlertKindName(kind), Thousands(found->second));
  }
  out << fmt::format("  {} new surplus proposal{}, for a finance officer to approve or decline\n",
                     Thousands(run->proposals), run->proposals == 1 ? "" : "s");
  if (run->still_open > 0) {
    out << fmt::format("  {} finding{} already had an alert open\n", Thousands(run->still_open),
                       run->still_open == 1 ? "" : "s");
  }
  if (run->skipped > 0) {
    out << fmt::format(
        "  {} budget{} with nothing to check (no direct payment account, or not "
        "in payment on this date)\n",
        Thousands(run->skipped), run->skipped == 1 ? "" : "s");
  }
  if (!run->problems.empty()) {
    out << fmt::format("  {} budget{} could not be checked:\n", run->problems.size(),
                       run->problems.size() == 1 ? "" : "s");
    for (const std::string& p : run->problems) out << "    " << p << "\n";
    return 2;
  }
  return 0;
}

}  // namespace selfdirect::cli
