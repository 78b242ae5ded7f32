#include "selfdirect/store/sqlite_finance_overview.h"

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using ledger::ByMechanism;
using ledger::Mechanism;

}  // namespace

Result<ByMechanism> SqliteFinanceOverviewRepository::PaidByMechanism(const CouncilId& council,
                                                                     Date from, Date to) {
  // Dated by value date: a payment counts on the day it was paid (the run's payment date).
  // Money into a holding account or managed budget (or a provider payable, for an invoice) is
  // paid; the same codes out of a holding account or managed budget are money paid back.
  auto st = c_.Prepare(
      "SELECT mechanism, SUM(amount) FROM ("
      "  SELECT CASE WHEN t.code = 'one_off' THEN 'one_off'"
      "              WHEN t.code = 'invoice' THEN 'council_arranged'"
      "              WHEN a.type = 'direct_payment_holding' THEN 'direct_payment'"
      "              ELSE 'managed_budget' END AS mechanism, t.amount AS amount"
      "    FROM ledger_transfers t"
      "    JOIN ledger_accounts a"
      "      ON a.council_id = t.council_id AND a.account_id = t.credit_account_id"
      "   WHERE t.council_id = $1 AND t.value_date >= $2 AND t.value_date <= $3"
      "     AND (t.flag = 'none' OR t.flag = 'post_pending')"
      "     AND (((t.code = 'payment' OR t.code = 'one_off')"
      "           AND (a.type = 'direct_payment_holding' OR a.type = 'managed_budget'))"
      "          OR (t.code = 'invoice' AND a.type = 'provider_payable'))"
      "  UNION ALL"
      "  SELECT CASE WHEN t.code = 'one_off' THEN 'one_off'"
      "              WHEN a.type = 'direct_payment_holding' THEN 'direct_payment'"
      "              ELSE 'managed_budget' END, -t.amount"
      "    FROM ledger_transfers t"
      "    JOIN ledger_accounts a"
      "      ON a.council_id = t.council_id AND a.account_id = t.debit_account_id"
      "   WHERE t.council_id = $1 AND t.value_date >= $2 AND t.value_date <= $3"
      "     AND (t.flag = 'none' OR t.flag = 'post_pending')"
      "     AND (t.code = 'payment' OR t.code = 'one_off')"
      "     AND (a.type = 'direct_payment_holding' OR a.type = 'managed_budget')"
      ") GROUP BY mechanism");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), FormatIsoDate(from), FormatIsoDate(to));
  ByMechanism out{};
  for (;;) {
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    const std::string mechanism = st->Text(0);
    for (Mechanism m : ledger::kMechanisms) {
      if (mechanism == ledger::MechanismName(m))
        out[static_cast<std::size_t>(m)] = Pence(st->Int(1));
    }
  }
  return out;
}

Result<std::vector<ledger::CategorySpend>>
SqliteFinanceOverviewRepository::StatementSpendByCategory(const CouncilId& council, Date from,
                                                          Date to) {
  auto st = c_.Prepare(
      "SELECT category, COUNT(*), -SUM(amount) FROM statement_lines"
      " WHERE council_id = $1 AND line_date >= $2 AND line_date <= $3 AND amount < 0"
      " GROUP BY category ORDER BY category");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), FormatIsoDate(from), FormatIsoDate(to));
  std::vector<ledger::CategorySpend> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto category = ledger::ParseLineCategory(st->Text(0));
    if (!category) return tl::unexpected(CorruptValue("statement_lines.category"));
    out.push_back({*category, st->Int(1), Pence(st->Int(2))});
  }
  return out;
}

Result<std::vector<ledger::PayeeSpend>> SqliteFinanceOverviewRepository::StatementSpendByPayee(
    const CouncilId& council, Date from, Date to, int limit) {
  auto st = c_.Prepare(
      "SELECT trim(payee) AS name, COUNT(*), -SUM(amount) AS spent FROM statement_lines"
      " WHERE council_id = $1 AND line_date >= $2 AND line_date <= $3 AND amount < 0"
      " GROUP BY name ORDER BY spent DESC, name LIMIT $4");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), FormatIsoDate(from), FormatIsoDate(to), limit);
  std::vector<ledger::PayeeSpend> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    out.push_back({st->Text(0), st->Int(1), Pence(st->Int(2))});
  }
  return out;
}

namespace {

// Each person with a contribution receivable and the net owed over their receivables; `groups`
// ends the SQL: which groups are kept and their order.
Result<std::vector<ledger::ContributionOwed>> ContributionRows(Connection& c,
                                                               const CouncilId& council,
                                                               std::string_view groups) {
  auto st = c.Prepare(
      "SELECT a.owner_id, p.given_name || ' ' || p.family_name,"
      "       SUM(a.debits_posted - a.credits_posted) AS owed"
      "  FROM ledger_accounts a"
      "  JOIN people p ON p.council_id = a.council_id AND p.person_id = a.owner_id"
      " WHERE a.council_id = $1 AND a.type = 'contribution_receivable'"
      "   AND a.owner_kind = 'person'"
      " GROUP BY a.owner_id " +
      std::string(groups));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  std::vector<ledger::ContributionOwed> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    out.push_back({PersonId(st->Text(0)), st->Text(1), Pence(st->Int(2))});
  }
  return out;
}

}  // namespace

Result<std::vector<ledger::ContributionOwed>> SqliteFinanceOverviewRepository::ContributionsOwed(
    const CouncilId& council) {
  return ContributionRows(c_, council,
                          "HAVING owed > 0 ORDER BY owed DESC, p.family_name, p.given_name, "
                          "a.owner_id");
}

Result<std::vector<ledger::ContributionOwed>> SqliteFinanceOverviewRepository::ContributionHolders(
    const CouncilId& council) {
  return ContributionRows(c_, council, "ORDER BY a.owner_id");
}

Result<std::optional<ledger::CouncilBudget>> SqliteFinanceOverviewRepository::FindCouncilBudget(
    const CouncilId& council, int year) {
  auto st = c_.Prepare(
      "SELECT amount_pence, updated_at, updated_by FROM council_budgets"
      " WHERE council_id = $1 AND year = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), year);
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<ledger::CouncilBudget>();
  auto at = ParseTimestamp(st->Text(1));
  if (!at) return tl::unexpected(CorruptValue("council_budgets.updated_at"));
  return std::optional<ledger::CouncilBudget>(
      ledger::CouncilBudget{council, year, Pence(st->Int(0)), *at, UserId(st->Text(2))});
}

Status SqliteFinanceOverviewRepository::PutCouncilBudget(const ledger::CouncilBudget& b) {
  auto st = c_.Prepare(
      "INSERT INTO council_budgets (council_id, year, amount_pence, updated_at, updated_by)"
      " VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT (council_id, year) DO UPDATE SET amount_pence = excluded.amount_pence,"
      " updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(b.council.str(), b.year, b.amount.value(), FormatTimestamp(b.updated_at),
             b.updated_by.str())
      .Run();
}

}  // namespace selfdirect::store
