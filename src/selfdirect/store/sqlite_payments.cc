#include "selfdirect/store/sqlite_payments.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using ledger::BudgetRecord;
using ledger::PaymentRun;
using ledger::RunLine;

constexpr const char* kBudgetColumns =
    "b.council_id, b.budget_id, b.person_id, b.scheme_id, b.starts_on, b.ends_on, b.collection, "
    "b.payment_interval, b.weeks_per_year_num, b.weeks_per_year_den, b.commitment_account, "
    "b.holding_account, b.managed_account, b.contribution_account, b.created_at, b.created_by, "
    "b.committed_year";

std::optional<LedgerAccountId> OptionalAccount(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<LedgerAccountId>(LedgerAccountId(text));
}
std::string TextOf(const std::optional<LedgerAccountId>& id) { return id ? id->str() : ""; }

std::optional<casework::PaymentRoute> ParseRoute(std::string_view text) {
  for (auto r : {casework::PaymentRoute::kDirectPayment, casework::PaymentRoute::kManagedBudget,
                 casework::PaymentRoute::kCouncilArranged}) {
    if (text == casework::PaymentRouteName(r)) return r;
  }
  return std::nullopt;
}

Result<BudgetRecord> ReadBudget(const Statement& st) {
  BudgetRecord b;
  b.council = CouncilId(st.Text(0));
  b.id = BudgetId(st.Text(1));
  b.person = PersonId(st.Text(2));
  b.scheme = SchemeId(st.Text(3));
  auto start = ParseIsoDate(st.Text(4));
  auto interval = ParsePeriod(st.Text(7));
  auto created = ParseTimestamp(st.Text(14));
  const std::string collection = st.Text(6);
  if (!start || !interval || !created || (collection != "net" && collection != "gross")) {
    return tl::unexpected(CorruptValue("budgets row"));
  }
  b.start = *start;
  if (const std::string end = st.Text(5); !end.empty()) {
    auto parsed = ParseIsoDate(end);
    if (!parsed) return tl::unexpected(CorruptValue("budgets.ends_on"));
    b.end = *parsed;
  }
  b.collection = collection == "gross" ? ledger::ContributionCollection::kGross
                                       : ledger::ContributionCollection::kNet;
  b.interval = *interval;
  b.weeks_per_year = WeeksPerYear{st.Int(8), st.Int(9)};
  b.commitment_account = LedgerAccountId(st.Text(10));
  b.holding_account = OptionalAccount(st.Text(11));
  b.managed_account = OptionalAccount(st.Text(12));
  b.contribution_account = OptionalAccount(st.Text(13));
  b.created_at = *created;
  b.created_by = UserId(st.Text(15));
  b.committed_year = static_cast<int>(st.Int(16));
  return b;
}

// Steps through the statement's rows, calling `row` on each; stops at the first error.
template <typename Row>
Status EachRow(Statement& st, Row row) {
  while (true) {
    auto more = st.Step();
    if (!more) return tl::unexpected(more.error());
    if (!*more) return {};
    if (auto s = row(); !s) return s;
  }
}

void BindAll(Statement& st, const std::vector<std::string>& params) {
  int i = 0;
  for (const std::string& p : params) st.BindOne(++i, p);
}

constexpr const char* kRunColumns =
    "council_id, run_id, run_date, status, threshold_pence, started_at, started_by, approved_at, "
    "approved_by, released_at, released_by, rejected_reason, budgets, payments, total_pence, "
    "held, posted_through, pays_through";

Result<PaymentRun> ReadRun(const Statement& st) {
  PaymentRun r;
  r.council = CouncilId(st.Text(0));
  r.id = PaymentRunId(st.Text(1));
  auto date = ParseIsoDate(st.Text(2));
  auto status = ledger::ParseRunStatus(st.Text(3));
  auto started = ParseTimestamp(st.Text(5));
  if (!date || !status || !started) return tl::unexpected(CorruptValue("payment_runs row"));
  r.date = *date;
  r.status = *status;
  r.threshold = Pence(st.Int(4));
  r.started_at = *started;
  r.started_by = UserId(st.Text(6));
  const auto stamp = [&](int column, std::optional<Timestamp>& out) -> Status {
    const std::string text = st.Text(column);
    if (text.empty()) return {};
    auto t = ParseTimestamp(text);
    if (!t) return tl::unexpected(CorruptValue("payment_runs timestamp"));
    out = *t;
    return {};
  };
  if (auto s = stamp(7, r.approved_at); !s) return tl::unexpected(s.error());
  r.approved_by = UserId(st.Text(8));
  if (auto s = stamp(9, r.released_at); !s) return tl::unexpected(s.error());
  r.released_by = UserId(st.Text(10));
  r.rejected_reason = st.Text(11);
  r.budgets = st.Int(12);
  r.payments = st.Int(13);
  r.total = Pence(st.Int(14));
  r.held = st.Int(15);
  r.posted_through = st.Int(16);
  auto through = ParseIsoDate(st.Text(17));
  if (!through) return tl::unexpected(CorruptValue("payment_runs pays_through"));
  r.pays_through = *through;
  return r;
}

std::string StampText(const std::optional<Timestamp>& t) { return t ? FormatTimestamp(*t) : ""; }

}  // namespace

Result<std::vector<BudgetRecord>> SqlitePaymentsRepository::LoadBudgets(
    const std::string& where, const std::vector<std::string>& params, const std::string& order,
    bool council_wide) {
  std::vector<BudgetRecord> out;
  std::unordered_map<std::string, std::size_t> index;
  {
    auto st = c_.Prepare(
        fmt::format("SELECT {} FROM budgets b WHERE {} ORDER BY {}", kBudgetColumns, where, order));
    if (!st) return tl::unexpected(st.error());
    BindAll(*st, params);
    auto rows = Collect<BudgetRecord>(*st, ReadBudget);
    if (!rows) return tl::unexpected(rows.error());
    out = std::move(*rows);
    for (std::size_t i = 0; i < out.size(); ++i) index[out[i].id.str()] = i;
  }
  if (out.empty()) return out;
  // The budgets' terms, one-offs and stops. A few budgets' (a person's) are read through the
  // budgets `where` picks (CROSS JOIN keeps budgets the outer table, so that only the chosen
  // budgets' rows are read and one person's budgets do not cost as much as the council's). A
  // council's budgets in payment (`council_wide`) are most of its budgets: each table's rows
  // for the council are read straight, passing over those of budgets not picked, rather than
  // going through every budget again for each table. The rows come in no particular order and
  // each budget's are sorted here: an ORDER BY made SQLite sort every row of the council's
  // budgets in a temporary b-tree, which spilled to a file at 100,000 budgets (bench/RESULTS.md,
  // 2026-11-24 evening).
  const auto rows_of = [&](std::string_view columns, std::string_view table,
                           std::string_view alias) -> Result<Statement> {
    auto st = council_wide
                  ? c_.Prepare(fmt::format("SELECT {} FROM {} {} WHERE {}.council_id = $1", columns,
                                           table, alias, alias))
                  : c_.Prepare(fmt::format(
                        "SELECT {} FROM budgets b CROSS JOIN {} {} ON b.council_id = {}.council_id "
                        "AND b.budget_id = {}.budget_id WHERE {}",
                        columns, table, alias, alias, alias, where));
    if (!st) return st;
    if (council_wide) {
      st->Bind(params.front());
    } else {
      BindAll(*st, params);
    }
    return st;
  };
  {
    auto st = rows_of(
        "t.budget_id, t.from_date, t.plan_id, t.dp_per_week, t.dp_per_year, t.mb_per_week, "
        "t.mb_per_year, t.ca_per_week, t.ca_per_year, t.weekly_contribution",
        "budget_terms", "t");
    if (!st) return tl::unexpected(st.error());
    auto each = EachRow(*st, [&]() -> Status {
      auto found = index.find(st->Text(0));
      if (found == index.end() && council_wide) return {};
      auto from = ParseIsoDate(st->Text(1));
      if (found == index.end() || !from) return tl::unexpected(CorruptValue("budget_terms row"));
      ledger::StoredTerms t;
      t.terms.from = *from;
      t.plan = PlanId(st->Text(2));
      t.terms.direct_payment = {Pence(st->Int(3)), Pence(st->Int(4))};
      t.terms.managed_budget = {Pence(st->Int(5)), Pence(st->Int(6))};
      t.terms.council_arranged = {Pence(st->Int(7)), Pence(st->Int(8))};
      t.terms.weekly_contribution = Pence(st->Int(9));
      out[found->second].terms.push_back(std::move(t));
      return {};
    });
    if (!each) return tl::unexpected(each.error());
  }
  {
    auto st = rows_of("o.budget_id, o.item_id, o.what, o.route, o.amount, o.on_date",
                      "budget_one_offs", "o");
    if (!st) return tl::unexpected(st.error());
    auto each = EachRow(*st, [&]() -> Status {
      auto found = index.find(st->Text(0));
      if (found == index.end() && council_wide) return {};
      auto route = ParseRoute(st->Text(3));
      auto on = ParseIsoDate(st->Text(5));
      if (found == index.end() || !route || !on) {
        return tl::unexpected(CorruptValue("budget_one_offs row"));
      }
      ledger::OneOffItem item;
      item.id = st->Text(1);
      item.what = st->Text(2);
      item.route = *route;
      item.amount = Pence(st->Int(4));
      item.on = *on;
      out[found->second].one_offs.push_back(std::move(item));
      return {};
    });
    if (!each) return tl::unexpected(each.error());
  }
  {
    auto st = rows_of(
        "s.budget_id, s.seq, s.from_date, s.to_date, s.reason, s.recorded_at, "
        "s.recorded_by",
        "budget_suspensions", "s");
    if (!st) return tl::unexpected(st.error());
    auto each = EachRow(*st, [&]() -> Status {
      auto found = index.find(st->Text(0));
      if (found == index.end() && council_wide) return {};
      auto from = ParseIsoDate(st->Text(2));
      auto to = ParseIsoDate(st->Text(3));
      auto at = ParseTimestamp(st->Text(5));
      if (found == index.end() || !from || !to || !at) {
        return tl::unexpected(CorruptValue("budget_suspensions row"));
      }
      ledger::StoredSuspension s;
      s.seq = st->Int(1);
      s.suspension = {*from, *to, st->Text(4)};
      s.recorded_at = *at;
      s.recorded_by = UserId(st->Text(6));
      out[found->second].suspensions.push_back(std::move(s));
      return {};
    });
    if (!each) return tl::unexpected(each.error());
  }
  for (BudgetRecord& b : out) {
    std::ranges::sort(b.terms, {}, [](const ledger::StoredTerms& t) { return t.terms.from; });
    std::ranges::sort(b.one_offs, [](const ledger::OneOffItem& x, const ledger::OneOffItem& y) {
      return std::tie(x.on, x.id) < std::tie(y.on, y.id);
    });
    std::ranges::sort(b.suspensions, {}, &ledger::StoredSuspension::seq);
  }
  return out;
}

Status SqlitePaymentsRepository::CreateBudget(const BudgetRecord& b) {
  auto st = c_.Prepare(
      "INSERT INTO budgets (council_id, budget_id, person_id, scheme_id, starts_on, ends_on, "
      "collection, payment_interval, weeks_per_year_num, weeks_per_year_den, "
      "commitment_account, holding_account, managed_account, contribution_account, created_at, "
      "created_by, committed_year) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
      "$13, $14, $15, $16, $17)");
  if (!st) return tl::unexpected(st.error());
  auto s =
      st->Bind(b.council.str(), b.id.str(), b.person.str(), b.scheme.str(), FormatIsoDate(b.start),
               b.end ? FormatIsoDate(*b.end) : std::string(),
               ledger::ContributionCollectionName(b.collection), PeriodName(b.interval),
               b.weeks_per_year.numerator, b.weeks_per_year.denominator, b.commitment_account.str(),
               TextOf(b.holding_account), TextOf(b.managed_account), TextOf(b.contribution_account),
               FormatTimestamp(b.created_at), b.created_by.str(), b.committed_year)
          .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "This person already has a budget in payment");
  }
  if (!s) return s;
  for (const ledger::StoredTerms& t : b.terms) {
    if (auto put = PutTerms(b.council, b.id, t); !put) return put;
  }
  for (const ledger::OneOffItem& o : b.one_offs) {
    if (auto added = AddOneOff(b.council, b.id, o); !added) return added;
  }
  for (const ledger::StoredSuspension& x : b.suspensions) {
    if (auto added = AddSuspension(b.council, b.id, x); !added) return added;
  }
  return {};
}

Status SqlitePaymentsRepository::UpdateBudget(const BudgetRecord& b) {
  auto st = c_.Prepare(
      "UPDATE budgets SET ends_on = $3, holding_account = $4, managed_account = $5, "
      "contribution_account = $6, committed_year = $7 WHERE council_id = $1 AND budget_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(b.council.str(), b.id.str(), b.end ? FormatIsoDate(*b.end) : std::string(),
             TextOf(b.holding_account), TextOf(b.managed_account), TextOf(b.contribution_account),
             b.committed_year)
      .Run();
}

Status SqlitePaymentsRepository::PutTerms(const CouncilId& council, const BudgetId& budget,
                                          const ledger::StoredTerms& s) {
  auto st = c_.Prepare(
      "INSERT OR REPLACE INTO budget_terms (council_id, budget_id, from_date, plan_id, "
      "dp_per_week, dp_per_year, mb_per_week, mb_per_year, ca_per_week, ca_per_year, "
      "weekly_contribution) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
  if (!st) return tl::unexpected(st.error());
  const ledger::BudgetTerms& t = s.terms;
  return st
      ->Bind(council.str(), budget.str(), FormatIsoDate(t.from), s.plan.str(),
             t.direct_payment.per_week.value(), t.direct_payment.per_year.value(),
             t.managed_budget.per_week.value(), t.managed_budget.per_year.value(),
             t.council_arranged.per_week.value(), t.council_arranged.per_year.value(),
             t.weekly_contribution.value())
      .Run();
}

Status SqlitePaymentsRepository::AddOneOff(const CouncilId& council, const BudgetId& budget,
                                           const ledger::OneOffItem& item) {
  auto st = c_.Prepare(
      "INSERT INTO budget_one_offs (council_id, budget_id, item_id, what, route, amount, "
      "on_date) VALUES ($1, $2, $3, $4, $5, $6, $7)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(council.str(), budget.str(), item.id, item.what,
             casework::PaymentRouteName(item.route), item.amount.value(),
             item.on ? FormatIsoDate(*item.on) : std::string())
      .Run();
}

Status SqlitePaymentsRepository::AddSuspension(const CouncilId& council, const BudgetId& budget,
                                               const ledger::StoredSuspension& s) {
  auto st = c_.Prepare(
      "INSERT INTO budget_suspensions (council_id, budget_id, seq, from_date, to_date, reason, "
      "recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(council.str(), budget.str(), s.seq, FormatIsoDate(s.suspension.from),
             FormatIsoDate(s.suspension.to), s.suspension.reason, FormatTimestamp(s.recorded_at),
             s.recorded_by.str())
      .Run();
}

Status SqlitePaymentsRepository::SetSuspensionEnd(const CouncilId& council, const BudgetId& budget,
                                                  std::int64_t seq, Date to) {
  auto st = c_.Prepare(
      "UPDATE budget_suspensions SET to_date = $4 WHERE council_id = $1 AND budget_id = $2 AND "
      "seq = $3");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), budget.str(), seq, FormatIsoDate(to)).Run();
}

Result<std::optional<BudgetRecord>> SqlitePaymentsRepository::OpenBudget(const CouncilId& council,
                                                                         const PersonId& person,
                                                                         const SchemeId& scheme) {
  return AtMostOne(
      LoadBudgets("b.council_id = $1 AND b.person_id = $2 AND b.scheme_id = $3 AND b.ends_on = ''",
                  {council.str(), person.str(), scheme.str()}, "b.budget_id"));
}

Result<std::vector<BudgetRecord>> SqlitePaymentsRepository::BudgetsOf(const CouncilId& council,
                                                                      const PersonId& person) {
  return LoadBudgets("b.council_id = $1 AND b.person_id = $2", {council.str(), person.str()},
                     "b.starts_on DESC, b.budget_id DESC");
}

Result<std::vector<BudgetRecord>> SqlitePaymentsRepository::BudgetsInPayment(
    const CouncilId& council, Date date) {
  return LoadBudgets("b.council_id = $1 AND (b.ends_on = '' OR b.ends_on >= $2)",
                     {council.str(), FormatIsoDate(AddDays(date, -366))}, "b.budget_id",
                     /*council_wide=*/true);
}

Result<std::map<BudgetId, std::vector<ledger::PaidPayment>>> SqlitePaymentsRepository::Paid(
    const CouncilId& council, std::span<const BudgetId> budgets) {
  std::map<BudgetId, std::vector<ledger::PaidPayment>> out;
  if (budgets.empty()) return out;
  // Every payment key is "{kind}:{budget}:…", so the keys of budgets first … last under one
  // kind are one range of the primary key. A run reads them kind by kind over the whole range.
  for (const char* kind : {"contribution", "dp", "mb", "oneoff"}) {
    auto st = c_.Prepare(
        "SELECT transfer_id, amount FROM ledger_transfers WHERE council_id = $1 AND "
        "transfer_id >= $2 AND transfer_id < $3");
    if (!st) return tl::unexpected(st.error());
    // ';' sorts just after ':', so "{kind}:{last};" is past every key of the last budget.
    st->Bind(council.str(), fmt::format("{}:{}:", kind, budgets.front().str()),
             fmt::format("{}:{};", kind, budgets.back().str()));
    auto each = EachRow(*st, [&]() -> Status {
      std::string key = st->Text(0);
      const auto first = key.find(':');
      const auto second = key.find(':', first + 1);
      if (second == std::string::npos) return {};
      BudgetId budget(key.substr(first + 1, second - first - 1));
      if (!std::binary_search(budgets.begin(), budgets.end(), budget)) return {};
      out[budget].push_back({std::move(key), Pence(st->Int(1))});
      return {};
    });
    if (!each) return tl::unexpected(each.error());
  }
  return out;
}

Status SqlitePaymentsRepository::PutPaymentDetails(const ledger::PaymentDetails& d) {
  auto st = c_.Prepare(
      "INSERT OR REPLACE INTO payment_details (council_id, person_id, route, payee_name, "
      "sort_code, account_number, card_reference, updated_at, updated_by) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, $9)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(d.council.str(), d.person.str(), ledger::PayRouteName(d.route), d.payee_name,
             d.sort_code, d.account_number, d.card_reference, FormatTimestamp(d.updated_at),
             d.updated_by.str())
      .Run();
}

namespace {

constexpr const char* kDetailsColumns =
    "council_id, person_id, route, payee_name, sort_code, account_number, card_reference, "
    "updated_at, updated_by";

Result<ledger::PaymentDetails> ReadDetails(const Statement& st) {
  ledger::PaymentDetails d;
  d.council = CouncilId(st.Text(0));
  d.person = PersonId(st.Text(1));
  auto route = ledger::ParsePayRoute(st.Text(2));
  auto at = ParseTimestamp(st.Text(7));
  if (!route || !at) return tl::unexpected(CorruptValue("payment_details row"));
  d.route = *route;
  d.payee_name = st.Text(3);
  d.sort_code = st.Text(4);
  d.account_number = st.Text(5);
  d.card_reference = st.Text(6);
  d.updated_at = *at;
  d.updated_by = UserId(st.Text(8));
  return d;
}

}  // namespace

Result<std::vector<ledger::PaymentDetails>> SqlitePaymentsRepository::PaymentDetailsOf(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM payment_details WHERE council_id = $1 AND person_id = $2 ORDER BY route",
      kDetailsColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<ledger::PaymentDetails>(*st, ReadDetails);
}

Result<std::map<std::pair<PersonId, ledger::PayRoute>, ledger::PaymentDetails>>
SqlitePaymentsRepository::AllPaymentDetails(const CouncilId& council) {
  // In key order (the primary key's): each row goes at the end of the map, without a search.
  // The routes' names sort as the enumeration does.
  static_assert(ledger::PayRoute::kDirectPayment < ledger::PayRoute::kManagedBudget);
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM payment_details WHERE council_id = $1 ORDER BY person_id, route",
                  kDetailsColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  std::map<std::pair<PersonId, ledger::PayRoute>, ledger::PaymentDetails> out;
  auto each = EachRow(*st, [&]() -> Status {
    auto d = ReadDetails(*st);
    if (!d) return tl::unexpected(d.error());
    auto key = std::make_pair(d->person, d->route);
    out.emplace_hint(out.end(), std::move(key), std::move(*d));
    return {};
  });
  if (!each) return tl::unexpected(each.error());
  return out;
}

Result<std::set<std::pair<PersonId, ledger::PayRoute>>> SqlitePaymentsRepository::PaymentRoutes(
    const CouncilId& council) {
  // In key order, as AllPaymentDetails: each goes at the end of the set, without a search.
  auto st = c_.Prepare(
      "SELECT person_id, route FROM payment_details WHERE council_id = $1 ORDER BY person_id, "
      "route");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  std::set<std::pair<PersonId, ledger::PayRoute>> out;
  auto each = EachRow(*st, [&]() -> Status {
    auto route = ledger::ParsePayRoute(st->Text(1));
    if (!route) return tl::unexpected(CorruptValue("payment_details route"));
    out.emplace_hint(out.end(), PersonId(st->Text(0)), *route);
    return {};
  });
  if (!each) return tl::unexpected(each.error());
  return out;
}

Result<std::optional<Pence>> SqlitePaymentsRepository::ApprovalThreshold(const CouncilId& council) {
  auto st =
      c_.Prepare("SELECT approval_threshold_pence FROM finance_settings WHERE council_id = $1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Pence>();
  return std::optional<Pence>(Pence(st->Int(0)));
}

Status SqlitePaymentsRepository::SetApprovalThreshold(const CouncilId& council, Pence threshold,
                                                      Timestamp at, const UserId& by) {
  auto st = c_.Prepare(
      "INSERT OR REPLACE INTO finance_settings (council_id, approval_threshold_pence, "
      "updated_at, updated_by) VALUES ($1, $2, $3, $4)");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), threshold.value(), FormatTimestamp(at), by.str()).Run();
}

Result<std::optional<int>> SqlitePaymentsRepository::RunEveryDays(const CouncilId& council) {
  auto st = c_.Prepare("SELECT every_days FROM payment_run_cadence WHERE council_id = $1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<int>();
  return std::optional<int>(static_cast<int>(st->Int(0)));
}

Status SqlitePaymentsRepository::SetRunEveryDays(const CouncilId& council, int every_days,
                                                 Timestamp at, const UserId& by) {
  auto st = c_.Prepare(
      "INSERT OR REPLACE INTO payment_run_cadence (council_id, every_days, updated_at, "
      "updated_by) VALUES ($1, $2, $3, $4)");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), every_days, FormatTimestamp(at), by.str()).Run();
}

Status SqlitePaymentsRepository::CreateRun(const PaymentRun& r, std::span<const RunLine> lines,
                                           std::span<const ledger::RunOverpaid> overpaid) {
  {
    auto st = c_.Prepare(fmt::format(
        "INSERT INTO payment_runs ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, $13, $14, $15, $16, $17, $18)",
        kRunColumns));
    if (!st) return tl::unexpected(st.error());
    auto s = st->Bind(r.council.str(), r.id.str(), FormatIsoDate(r.date),
                      ledger::RunStatusName(r.status), r.threshold.value(),
                      FormatTimestamp(r.started_at), r.started_by.str(), StampText(r.approved_at),
                      r.approved_by.str(), StampText(r.released_at), r.released_by.str(),
                      r.rejected_reason, r.budgets, r.payments, r.total.value(), r.held,
                      r.posted_through, FormatIsoDate(r.pays_through))
                 .Run();
    if (!s && s.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("Payments for {} have already been run", FormatLongDate(r.date)));
    }
    if (!s) return s;
  }
  // Lines are posted in order (MarkPostedThrough): a new run's are not posted yet.
  for (const RunLine& l : lines) {
    auto st = c_.Prepare(
        "INSERT INTO payment_run_lines (council_id, run_id, seq, transfer_id, budget_id, "
        "person_id, kind, payee, amount, covers_from, covers_to, held_reason, debit_account_id, "
        "credit_account_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
    if (!st) return tl::unexpected(st.error());
    // A line per payment: its text is bound without copies (Borrowed), from `r`, `l`, static
    // names and the locals here, all of which outlive the Run.
    const std::string from = FormatIsoDate(l.covers_from);
    const std::string to = FormatIsoDate(l.covers_to);
    auto s =
        st->Bind(Borrowed{r.council.str()}, Borrowed{r.id.str()}, l.seq, Borrowed{l.transfer_id},
                 Borrowed{l.budget.str()}, Borrowed{l.person.str()},
                 Borrowed{ledger::PaymentKindName(l.kind)}, Borrowed{ledger::PayeeName(l.payee)},
                 l.amount.value(), Borrowed{from}, Borrowed{to}, Borrowed{l.held_reason},
                 Borrowed{l.debit_account.str()}, Borrowed{l.credit_account.str()})
            .Run();
    if (!s) return s;
  }
  for (const ledger::RunOverpaid& o : overpaid) {
    auto ov = c_.Prepare(
        "INSERT INTO payment_run_overpaid (council_id, run_id, seq, budget_id, person_id, "
        "recovery_id, to_recover, sentence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    if (!ov) return tl::unexpected(ov.error());
    auto s = ov->Bind(r.council.str(), r.id.str(), o.seq, o.budget.str(), o.person.str(),
                      o.recovery_id, o.to_recover.value(), o.sentence)
                 .Run();
    if (!s) return s;
  }
  return {};
}

Status SqlitePaymentsRepository::UpdateRun(const PaymentRun& r) {
  auto st = c_.Prepare(
      "UPDATE payment_runs SET status = $3, approved_at = $4, approved_by = $5, released_at = "
      "$6, released_by = $7, rejected_reason = $8 WHERE council_id = $1 AND run_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(r.council.str(), r.id.str(), ledger::RunStatusName(r.status), StampText(r.approved_at),
             r.approved_by.str(), StampText(r.released_at), r.released_by.str(), r.rejected_reason)
      .Run();
}

Result<std::optional<PaymentRun>> SqlitePaymentsRepository::FindRun(const CouncilId& council,
                                                                    const PaymentRunId& run) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM payment_runs WHERE council_id = $1 AND run_id = $2", kRunColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), run.str());
  return AtMostOne(Collect<PaymentRun>(*st, ReadRun));
}

Result<std::optional<PaymentRun>> SqlitePaymentsRepository::RunForDate(const CouncilId& council,
                                                                       Date date) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM payment_runs WHERE council_id = $1 AND run_date = $2 AND status <> "
      "'rejected'",
      kRunColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), FormatIsoDate(date));
  return AtMostOne(Collect<PaymentRun>(*st, ReadRun));
}

Result<std::vector<PaymentRun>> SqlitePaymentsRepository::OpenRuns(const CouncilId& council) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM payment_runs WHERE council_id = $1 AND status NOT IN ('released', "
      "'rejected') ORDER BY started_at",
      kRunColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<PaymentRun>(*st, ReadRun);
}

Result<std::vector<PaymentRun>> SqlitePaymentsRepository::Runs(const CouncilId& council,
                                                               int limit) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM payment_runs WHERE council_id = $1 ORDER BY run_date DESC, started_at "
      "DESC LIMIT $2",
      kRunColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), limit);
  return Collect<PaymentRun>(*st, ReadRun);
}

namespace {

// A run's lines as RunLines, RunLinesPage and CountRunLines read them: alias l, with the run r
// (for its mark) and, when `with_people`, the person p.
constexpr const char* kRunLineColumns =
    "SELECT l.seq, l.transfer_id, l.budget_id, l.person_id, l.kind, l.payee, l.amount, "
    "l.covers_from, l.covers_to, l.held_reason, l.held_reason = '' AND l.seq <= "
    "r.posted_through, l.debit_account_id, l.credit_account_id ";

Result<RunLine> ReadRunLine(const Statement& row) {
  RunLine l;
  l.seq = row.Int(0);
  l.transfer_id = row.Text(1);
  l.budget = BudgetId(row.Text(2));
  l.person = PersonId(row.Text(3));
  auto kind = ledger::ParsePaymentKind(row.Text(4));
  auto payee = ledger::ParsePayee(row.Text(5));
  auto from = ParseIsoDate(row.Text(7));
  auto to = ParseIsoDate(row.Text(8));
  if (!kind || !payee || !from || !to) {
    return tl::unexpected(CorruptValue("payment_run_lines row"));
  }
  l.kind = *kind;
  l.payee = *payee;
  l.amount = Pence(row.Int(6));
  l.covers_from = *from;
  l.covers_to = *to;
  l.held_reason = row.Text(9);
  l.posted = row.Int(10) != 0;
  l.debit_account = LedgerAccountId(row.Text(11));
  l.credit_account = LedgerAccountId(row.Text(12));
  return l;
}

// The FROM and WHERE of the lines `query` matches: $1 council, $2 run, $3 the kind and $4 the
// name's LIKE pattern when the query has them.
std::string RunLinesFrom(const ledger::RunLinesQuery& query, bool with_run) {
  const bool people = !query.name.empty() || query.order == ledger::RunLineOrder::kByName;
  std::string sql = "FROM payment_run_lines l ";
  if (with_run) {
    sql += "JOIN payment_runs r ON r.council_id = l.council_id AND r.run_id = l.run_id ";
  }
  if (people) {
    sql += "LEFT JOIN people p ON p.council_id = l.council_id AND p.person_id = l.person_id ";
  }
  sql += "WHERE l.council_id = $1 AND l.run_id = $2 ";
  if (query.kind) sql += "AND l.kind = $3 ";
  if (!query.name.empty()) {
    sql += "AND p.given_name || ' ' || p.family_name LIKE $4 ESCAPE '\\' ";
  }
  return sql;
}

// "%text%" with LIKE's own characters escaped, so that the name is matched as typed.
std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

void BindRunLinesQuery(Statement& st, const CouncilId& council, const PaymentRunId& run,
                       const ledger::RunLinesQuery& query) {
  st.Bind(council.str(), run.str());
  if (query.kind) st.BindOne(3, ledger::PaymentKindName(*query.kind));
  if (!query.name.empty()) st.BindOne(4, ContainsPattern(query.name));
}

}  // namespace

Result<std::vector<RunLine>> SqlitePaymentsRepository::RunLines(const CouncilId& council,
                                                                const PaymentRunId& run) {
  auto st = c_.Prepare(fmt::format("{}{}ORDER BY l.seq", kRunLineColumns,
                                   RunLinesFrom(ledger::RunLinesQuery{}, true)));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), run.str());
  return Collect<RunLine>(*st, ReadRunLine);
}

Result<std::int64_t> SqlitePaymentsRepository::CountRunLines(const CouncilId& council,
                                                             const PaymentRunId& run,
                                                             const ledger::RunLinesQuery& query) {
  auto st = c_.Prepare("SELECT count(*) " + RunLinesFrom(query, false));
  if (!st) return tl::unexpected(st.error());
  BindRunLinesQuery(*st, council, run, query);
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  return *row ? st->Int(0) : 0;
}

Result<std::vector<RunLine>> SqlitePaymentsRepository::RunLinesPage(
    const CouncilId& council, const PaymentRunId& run, const ledger::RunLinesQuery& query) {
  const char* order = "l.seq";
  switch (query.order) {
    case ledger::RunLineOrder::kLargestFirst:
      order = "l.amount DESC, l.seq";
      break;
    case ledger::RunLineOrder::kByName:
      order = "p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, l.seq";
      break;
    case ledger::RunLineOrder::kRunOrder:
      break;
  }
  auto st = c_.Prepare(fmt::format("{}{}ORDER BY {} LIMIT $5 OFFSET $6", kRunLineColumns,
                                   RunLinesFrom(query, true), order));
  if (!st) return tl::unexpected(st.error());
  BindRunLinesQuery(*st, council, run, query);
  st->BindOne(5, std::int64_t{std::max(query.limit, 0)});
  st->BindOne(6, std::max<std::int64_t>(query.offset, 0));
  return Collect<RunLine>(*st, ReadRunLine);
}

Result<std::vector<ledger::RunOverpaid>> SqlitePaymentsRepository::RunOverpayments(
    const CouncilId& council, const PaymentRunId& run) {
  auto st = c_.Prepare(
      "SELECT seq, budget_id, person_id, recovery_id, to_recover, sentence FROM "
      "payment_run_overpaid WHERE council_id = $1 AND run_id = $2 ORDER BY seq");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), run.str());
  return Collect<ledger::RunOverpaid>(*st, [](const Statement& row) -> Result<ledger::RunOverpaid> {
    return ledger::RunOverpaid{row.Int(0),  BudgetId(row.Text(1)), PersonId(row.Text(2)),
                               row.Text(3), Pence(row.Int(4)),     row.Text(5)};
  });
}

Status SqlitePaymentsRepository::SaveRunFile(const CouncilId& council, const PaymentRunId& run,
                                             const std::string& file) {
  auto st =
      c_.Prepare("UPDATE payment_runs SET payment_file = $3 WHERE council_id = $1 AND run_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), run.str(), file).Run();
}

Result<std::string> SqlitePaymentsRepository::RunFile(const CouncilId& council,
                                                      const PaymentRunId& run) {
  auto st =
      c_.Prepare("SELECT payment_file FROM payment_runs WHERE council_id = $1 AND run_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), run.str());
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "There is no such payment run");
  return st->Text(0);
}

Status SqlitePaymentsRepository::MarkPostedThrough(const CouncilId& council,
                                                   const PaymentRunId& run, std::int64_t seq) {
  auto st = c_.Prepare(
      "UPDATE payment_runs SET posted_through = $3 WHERE council_id = $1 AND run_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), run.str(), seq).Run();
}

}  // namespace selfdirect::store
