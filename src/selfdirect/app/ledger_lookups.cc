#include "selfdirect/app/ledger_lookups.h"

#include <algorithm>
#include <map>
#include <tuple>

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

Result<std::vector<ledger::RecordedPayment>> RecordedContributionPayments(
    store::Transaction& tx, const CouncilId& council,
    std::span<const ledger::Receivable> receivables) {
  std::map<std::string, ledger::RecordedPayment> payments;
  for (const ledger::Receivable& r : receivables) {
    auto transfers = AllTransfers(tx, council, r.account);
    if (!transfers) return tl::unexpected(transfers.error());
    for (const ledger::Transfer& t : *transfers) {
      auto key = ledger::ContributionPaymentIdOf(t.id);
      if (!key || t.credit_account != r.account) continue;
      auto [it, added] = payments.try_emplace(*key);
      if (added) it->second = {*key, ledger::ValueDate(t), Pence(0), t.reference, t.created_at};
      auto sum = it->second.amount.Plus(t.amount);
      if (!sum) return tl::unexpected(sum.error());
      it->second.amount = *sum;
    }
  }
  std::vector<ledger::RecordedPayment> out;
  for (auto& [key, p] : payments) out.push_back(std::move(p));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(b.paid_on, b.recorded_at, b.payment_id) <
           std::tie(a.paid_on, a.recorded_at, a.payment_id);
  });
  return out;
}

Status FirstRefusal(const Result<std::vector<ledger::TransferResult>>& results) {
  if (!results) return tl::unexpected(results.error());
  for (const auto& r : *results) {
    if (!r) return tl::unexpected(r.error());
  }
  return Ok();
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

Result<std::vector<ledger::PaidPayment>> PaymentsMadeFor(store::Transaction& tx,
                                                         const ledger::BudgetRecord& budget) {
  const BudgetId ids[] = {budget.id};
  auto paid = tx.Payments().Paid(budget.council, ids);
  if (!paid) return tl::unexpected(paid.error());
  auto found = paid->find(budget.id);
  if (found == paid->end()) return std::vector<ledger::PaidPayment>{};
  return std::move(found->second);
}

Status SetPaidAhead(const ledger::PaymentSchedule& schedule,
                    const std::vector<ledger::PaidPayment>& paid, ledger::PaymentKind kind,
                    Date today, Date current_end, ledger::AccountPosition& position) {
  auto ahead = ledger::PaidAheadOf(schedule, paid, today, kind);
  if (!ahead) return tl::unexpected(ahead.error());
  position.paid_ahead = ahead->amount;
  position.period_end =
      ahead->through && current_end < *ahead->through ? *ahead->through : current_end;
  return {};
}

}  // namespace selfdirect::app
