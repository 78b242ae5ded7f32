#include "selfdirect/app/ledger_lookups.h"

namespace selfdirect::app {

Result<LedgerAccountId> CouncilAccount(store::Transaction& tx, const CouncilId& council,
                                       ledger::AccountType type, std::string_view name,
                                       UlidGenerator& ids, Timestamp now) {
  const ledger::Owner owner{ledger::OwnerKind::kCouncil, council.str()};
  auto accounts = tx.Ledger().FindAccountsByOwner(council, owner);
  if (!accounts) return tl::unexpected(accounts.error());
  for (const ledger::Account& a : *accounts) {
    if (a.type == type && a.name == name && !a.closed()) return a.id;
  }
  ledger::Account a;
  a.council = council;
  a.id = LedgerAccountId(ids.Next());
  a.type = type;
  a.owner = owner;
  a.name = std::string(name);
  a.flags = ledger::DefaultFlags(type);
  a.created_at = now;
  if (auto created = tx.Ledger().CreateAccount(a); !created) {
    return tl::unexpected(created.error());
  }
  return a.id;
}

Result<std::vector<ledger::Receivable>> ContributionReceivablesOf(store::Transaction& tx,
                                                                  const CouncilId& council,
                                                                  const PersonId& person) {
  auto accounts =
      tx.Ledger().FindAccountsByOwner(council, {ledger::OwnerKind::kPerson, person.str()});
  if (!accounts) return tl::unexpected(accounts.error());
  std::vector<ledger::Receivable> out;
  for (const ledger::Account& a : *accounts) {
    if (a.type != ledger::AccountType::kContributionReceivable) continue;
    auto owed = a.balances.debits_posted.Minus(a.balances.credits_posted);
    if (!owed) return tl::unexpected(owed.error());
    out.push_back({a.id, *owed, !a.closed()});
  }
  return out;
}

Result<std::vector<ledger::Transfer>> AllTransfers(store::Transaction& tx, const CouncilId& council,
                                                   const LedgerAccountId& account) {
  std::vector<ledger::Transfer> out;
  std::optional<TransferId> after;
  for (;;) {
    auto page = tx.Ledger().TransfersOf(council, account, 1000, after);
    if (!page) return tl::unexpected(page.error());
    for (auto& t : *page) out.push_back(std::move(t));
    if (page->size() < 1000) break;
    after = out.back().id;
  }
  return out;
}

}  // namespace selfdirect::app
