#include "selfdirect/cli/ledger_commands.h"

#include <fmt/format.h>

#include <ostream>

#include "selfdirect/app/ledger.h"

namespace selfdirect::cli {
namespace {

std::string Pounds(Int128 pence) {
  if (pence > INT64_MAX || pence < INT64_MIN) return "more than can be shown";
  return FormatPounds(Pence(static_cast<std::int64_t>(pence)));
}

}  // namespace

int RunLedgerVerify(store::Store& store, const Clock& clock, UlidGenerator& ids, std::ostream& out,
                    std::ostream& err) {
  app::Ledger ledger(store, clock, ids);
  auto checks = ledger.Verify(app::Context::Operator("ledger verify"));
  if (!checks) {
    err << "selfdirect: " << checks.error().message << "\n";
    return 1;
  }
  std::int64_t accounts = 0, transfers = 0, problems = 0;
  for (const ledger::LedgerCheck& c : *checks) {
    accounts += c.accounts;
    transfers += c.transfers;
    for (const ledger::BalanceMismatch& m : c.mismatches) {
      ++problems;
      out << fmt::format("council {}: account {} (\"{}\") does not match its transfers:\n",
                         c.council.str(), m.account.str(), m.name);
      const auto line = [&](const char* what, Pence stored, Pence recomputed) {
        if (stored == recomputed) return;
        out << fmt::format("  {} is {} but its transfers add up to {}\n", what,
                           FormatPounds(stored), FormatPounds(recomputed));
      };
      line("debits posted", m.stored.debits_posted, m.recomputed.debits_posted);
      line("credits posted", m.stored.credits_posted, m.recomputed.credits_posted);
      line("debits pending", m.stored.debits_pending, m.recomputed.debits_pending);
      line("credits pending", m.stored.credits_pending, m.recomputed.credits_pending);
    }
    for (const std::string& p : c.problems) {
      ++problems;
      out << fmt::format("council {}: {}\n", c.council.str(), p);
    }
    if (!c.balanced()) {
      ++problems;
      out << fmt::format(
          "council {}: debits and credits do not add up to the same: posted debits {}, posted "
          "credits {}; pending debits {}, pending credits {}\n",
          c.council.str(), Pounds(c.debits_posted), Pounds(c.credits_posted),
          Pounds(c.debits_pending), Pounds(c.credits_pending));
    }
  }
  if (problems == 0) {
    out << fmt::format("Ledger verified: {} account{}, {} transfer{}, balances agree\n", accounts,
                       accounts == 1 ? "" : "s", transfers, transfers == 1 ? "" : "s");
    return 0;
  }
  out << fmt::format(
      "Ledger NOT verified: {} problem{} in {} account{} and {} transfer{}. The transfers are the "
      "record: find out what changed the balances before anything else is paid.\n",
      problems, problems == 1 ? "" : "s", accounts, accounts == 1 ? "" : "s", transfers,
      transfers == 1 ? "" : "s");
  return 2;
}

}  // namespace selfdirect::cli
