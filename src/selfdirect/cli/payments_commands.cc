#include "selfdirect/cli/payments_commands.h"

#include <fmt/format.h>

#include <fstream>
#include <ostream>

#include "selfdirect/app/payments.h"
#include "selfdirect/cli/progress.h"

namespace selfdirect::cli {

int RunPayments(store::Store& store, const Clock& clock, UlidGenerator& ids, const Council& council,
                const PaymentsRunArguments& arguments, std::ostream& out, std::ostream& err) {
  auto date = ParseIsoDate(arguments.date);
  if (!date) {
    err << "selfdirect: --date: enter the date of the run as YYYY-MM-DD, like 2026-12-01\n";
    return 1;
  }
  app::Payments payments(store, clock, ids);
  app::Context ctx = app::Context::Operator("payments run");
  ctx.actor.council_id = council.id;
  Progress progress;
  auto run = payments.RunDate(ctx, *date, [&](std::int64_t done, std::int64_t total) {
    progress.Update("Posting", done, total, "payments");
  });
  progress.Finish();
  if (!run) {
    err << "selfdirect: " << run.error().message << "\n";
    return 1;
  }
  const ledger::PaymentRun& r = *run->run;
  out << fmt::format("Payment run for {} ({}): {}\n", FormatLongDate(r.date), council.name,
                     ledger::RunStatusLabel(r.status));
  out << "  " << run->pays_through_sentence << "\n";
  out << fmt::format("  {} payment{} to {} budget{}, {} in all\n", Thousands(run->totals.payments),
                     run->totals.payments == 1 ? "" : "s", Thousands(run->totals.budgets),
                     run->totals.budgets == 1 ? "" : "s", FormatPounds(run->totals.total));
  for (const ledger::KindTotal& k : run->totals.by_kind) {
    out << fmt::format("    {}: {} ({})\n", ledger::PaymentKindName(k.kind), Thousands(k.count),
                       FormatPounds(k.total));
  }
  if (!run->held.empty()) {
    out << fmt::format("  {} payment{} held back, to be paid by the next run once put right:\n",
                       Thousands(static_cast<std::int64_t>(run->held.size())),
                       run->held.size() == 1 ? "" : "s");
    for (const app::HeldPayment& h : run->held) {
      out << fmt::format("    {} ({}): {} — {}\n", h.person_name, h.person.str(),
                         FormatPounds(h.amount), h.reason);
    }
  }
  if (!run->overpaid.empty()) {
    out << fmt::format("  {} overpayment{} found, for a finance officer to decide on:\n",
                       run->overpaid.size(), run->overpaid.size() == 1 ? "" : "s");
    for (const app::OverpaidPeriod& o : run->overpaid) {
      out << fmt::format("    {}: {}\n", o.person_name, o.sentence);
    }
  }
  if (r.status == ledger::RunStatus::kAwaitingApproval) {
    out << fmt::format(
        "  The total is above {}: a finance officer must approve the run on the payment runs "
        "page before it is released and its file made.\n",
        FormatPounds(r.threshold));
    return 3;
  }
  auto file = payments.File(ctx, r.id);
  if (!file) {
    err << "selfdirect: " << file.error().message << "\n";
    return 1;
  }
  const std::string path = arguments.out.empty() ? file->file_name : arguments.out;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << file->csv;
  f.close();
  if (!f) {
    err << "selfdirect: " << path << ": could not write the payment file; it can be "
        << "downloaded from the payment runs page\n";
    return 1;
  }
  out << "  Payment file: " << path << "\n";
  return 0;
}

}  // namespace selfdirect::cli
