#include "selfdirect/app/money.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "selfdirect/app/ledger_lookups.h"
#include "selfdirect/app/statements.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/ledger/monitoring.h"
#include "selfdirect/ledger/payments.h"
#include "selfdirect/ledger/schedule.h"
#include "selfdirect/ledger/statement_format.h"

namespace selfdirect::app {
namespace {

// How far ahead the schedule is read for payments to come and for periods paid in advance.
constexpr int kLookAheadDays = 400;
constexpr std::size_t kUpcoming = 3;

// "22 November to 19 December 2026", or with both years when they differ.
std::string DateRange(Date from, Date to) {
  if (from == to) return FormatLongDate(from);
  std::string first = FormatLongDate(from);
  if (from.year() == to.year()) first.resize(first.rfind(' '));
  return fmt::format("{} to {}", first, FormatLongDate(to));
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// "Spent: SMITHS CARE LTD": a line imported from a statement is named by its payee alone (its
// reference, "statement row 7: SMITHS CARE LTD", is for the finance officer).
std::string WithReference(const char* what, const std::string& reference) {
  const std::string shown = StatementPayee(reference).value_or(reference);
  return shown.empty() ? std::string(what) : fmt::format("{}: {}", what, shown);
}

// A transfer in plain English, from the account holder's side. Payment keys name the period
// ("dp:{budget}:{period start}", "…:adj:1", "…:recovery:1") or the one-off item.
std::string Describe(const ledger::Transfer& t, bool in, const ledger::BudgetRecord& budget,
                     const std::map<Date, ledger::SchedulePeriod>& periods) {
  const std::vector<std::string> key = Split(t.id.str(), ':');
  const bool is_budget_key = key.size() >= 3 && key[1] == budget.id.str();
  std::string covers;
  if (is_budget_key && (key[0] == "dp" || key[0] == "mb")) {
    if (auto start = ParseIsoDate(key[2])) {
      auto p = periods.find(*start);
      covers = p != periods.end() ? DateRange(p->second.start, p->second.end)
                                  : "the weeks from " + FormatLongDate(*start);
    }
  }
  std::string item;
  if (is_budget_key && key[0] == "oneoff") {
    for (const auto& o : budget.one_offs) {
      if (o.id == key[2]) item = o.what;
    }
  }
  const bool adjustment = key.size() >= 4 && key[3] == "adj";
  const bool recovery = key.size() >= 4 && key[3] == "recovery";
  switch (t.code) {
    case ledger::TransferCode::kPayment:
    case ledger::TransferCode::kBudgetCommitment:
      if (recovery || !in) {
        return covers.empty() ? "Paid back to the council"
                              : "Paid back to the council: overpaid for " + covers;
      }
      if (covers.empty()) return "Payment from the council";
      return fmt::format("{} from the council for {}", adjustment ? "Extra payment" : "Payment",
                         covers);
    case ledger::TransferCode::kOneOff:
      if (!in) return WithReference("Paid back to the council", item);
      return item.empty() ? "One-off payment from the council"
                          : "One-off payment from the council for " + item;
    case ledger::TransferCode::kSpend:
      return WithReference("Spent", t.reference);
    case ledger::TransferCode::kTopUp:
      return WithReference("Money added (a top-up)", t.reference);
    case ledger::TransferCode::kRefund:
      return in ? WithReference("Refund", t.reference)
                : WithReference("Money given back", t.reference);
    case ledger::TransferCode::kClawback:
      return "Money not needed, returned to the council";
    case ledger::TransferCode::kContribution:
      return in ? "Your contribution" : "Your contribution, paid to the council";
    case ledger::TransferCode::kInvoice:
      return WithReference(in ? "Money in" : "Invoice paid", t.reference);
    case ledger::TransferCode::kCorrection:
      return "Correction of an earlier entry";
  }
  return in ? "Money in" : "Money out";
}

// What the plan expected to have been spent by the end of `day`: each payment to the account
// spread evenly over the days it covers (rounded down), a one-off counted on its date.
Result<Pence> PlannedThrough(const std::vector<ledger::ScheduledPayment>& owed, Date day) {
  Pence total;
  for (const auto& p : owed) {
    if (p.due_on > day && p.covers_from > day) continue;
    Pence part = p.amount;
    if (p.kind != ledger::PaymentKind::kOneOff && p.covers_to > day) {
      const int days = DaysBetween(p.covers_from, p.covers_to) + 1;
      const int elapsed = day < p.covers_from ? 0 : DaysBetween(p.covers_from, day) + 1;
      auto share = p.amount.MulDiv(elapsed, days, RoundingRule::kDown);
      if (!share) return tl::unexpected(share.error());
      part = *share;
    }
    auto sum = total.Plus(part);
    if (!sum) return tl::unexpected(sum.error());
    total = *sum;
  }
  return total;
}

// "stmt:{import}:" for a statement line's transfer ("stmt:{import}:{row}"), else "".
std::string StatementPrefix(const ledger::Transfer& t) {
  const std::string& id = t.id.str();
  if (!id.starts_with("stmt:")) return "";
  return id.substr(0, id.rfind(':') + 1);
}

// The prefixes (StatementPrefix) of the account's statements written newest first.
Result<std::set<std::string>> NewestFirstImports(store::Transaction& tx, const CouncilId& council,
                                                 const LedgerAccountId& account) {
  std::set<std::string> out;
  auto imports = tx.Statements().ImportsOf(council, account);
  if (!imports) return tl::unexpected(imports.error());
  std::map<std::string, bool> newest_first;  // by format name
  for (const ledger::StatementImport& i : *imports) {
    auto known = newest_first.find(i.format_name);
    if (known == newest_first.end()) {
      auto format = tx.Statements().FindFormat(council, i.format_name);
      if (!format) return tl::unexpected(format.error());
      bool newest = false;
      if (*format) {
        auto parsed = ledger::ParseStatementFormat((*format)->yaml);
        newest = parsed && parsed->order == ledger::StatementOrder::kNewestFirst;
      }
      known = newest_first.emplace(i.format_name, newest).first;
    }
    if (known->second) out.insert("stmt:" + i.id.str() + ":");
  }
  return out;
}

// Transfers in MovedBefore order list a statement's lines of one day in row order; a statement
// written newest first has them latest first, so those runs are turned round to the order the
// money moved (as the import booked them).
void PutNewestFirstDaysInOrder(std::vector<ledger::Transfer>& transfers,
                               const std::set<std::string>& newest_first) {
  for (std::size_t i = 0; i < transfers.size();) {
    const std::string prefix = StatementPrefix(transfers[i]);
    std::size_t j = i + 1;
    if (!prefix.empty() && newest_first.contains(prefix)) {
      while (j < transfers.size() && StatementPrefix(transfers[j]) == prefix &&
             ledger::ValueDate(transfers[j]) == ledger::ValueDate(transfers[i])) {
        ++j;
      }
      std::reverse(transfers.begin() + static_cast<std::ptrdiff_t>(i),
                   transfers.begin() + static_cast<std::ptrdiff_t>(j));
    }
    i = j;
  }
}

}  // namespace

Result<MoneyView> Money::Load(const Context& ctx, const PersonId& id, const char* what) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kBudgetRead, id); !a) {
    return tl::unexpected(a.error());
  }
  const Date today = clock_.Today();
  MoneyView view;
  view.person = id;
  view.today = today;
  std::optional<ledger::BudgetRecord> budget;
  std::optional<ledger::Account> account;
  std::vector<ledger::Transfer> transfers;
  std::set<std::string> newest_first;
  std::vector<ledger::PaidPayment> paid;  // under the schedule's keys
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    view.person_name = (*record)->person.FullName();
    auto budgets = tx.Payments().BudgetsOf(ctx.actor.council_id, id);
    if (!budgets) return tl::unexpected(budgets.error());
    for (auto& b : *budgets) {  // newest first: the newest with an account to show
      if (b.holding_account || b.managed_account) {
        budget = std::move(b);
        break;
      }
    }
    if (!budget) {
      return Fail(ErrorCode::kNotFound,
                  "No money is being paid yet: payments start when the support plan is signed "
                  "off");
    }
    auto read = [&](const LedgerAccountId& account_id) -> Result<ledger::Account> {
      auto found = tx.Ledger().FindAccount(ctx.actor.council_id, account_id);
      if (!found) return tl::unexpected(found.error());
      if (!*found) return Fail(ErrorCode::kNotFound, "The account for this budget is missing");
      return std::move(**found);
    };
    view.managed = !budget->holding_account;
    auto shown = read(view.managed ? *budget->managed_account : *budget->holding_account);
    if (!shown) return tl::unexpected(shown.error());
    account = std::move(*shown);
    if (!view.managed && budget->managed_account) {
      auto managed = read(*budget->managed_account);
      if (!managed) return tl::unexpected(managed.error());
      auto balance = ledger::PostedCreditBalance(managed->balances);
      if (!balance) return tl::unexpected(balance.error());
      view.managed_balance = *balance;
    }
    auto receivables = ContributionReceivablesOf(tx, ctx.actor.council_id, id);
    if (!receivables) return tl::unexpected(receivables.error());
    if (!receivables->empty()) {
      auto owed = ledger::TotalOwed(*receivables);
      if (!owed) return tl::unexpected(owed.error());
      view.contribution_owed = *owed;
    }
    auto all = AllTransfers(tx, ctx.actor.council_id, account->id);
    if (!all) return tl::unexpected(all.error());
    transfers = std::move(*all);
    auto newest = NewestFirstImports(tx, ctx.actor.council_id, account->id);
    if (!newest) return tl::unexpected(newest.error());
    newest_first = std::move(*newest);
    auto made = PaymentsMadeFor(tx, *budget);
    if (!made) return tl::unexpected(made.error());
    paid = std::move(*made);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());

  auto balance = ledger::PostedCreditBalance(account->balances);
  if (!balance) return tl::unexpected(balance.error());
  view.balance = *balance;
  auto available = ledger::AvailableCreditBalance(account->balances);
  if (!available) return tl::unexpected(available.error());
  view.available = *available;
  view.budget_start = budget->start;

  auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(*budget));
  if (!schedule) return tl::unexpected(schedule.error());
  const Date horizon = AddDays(today, kLookAheadDays);
  std::map<Date, ledger::SchedulePeriod> periods;
  for (const auto& p : ledger::PeriodsThrough(*schedule, horizon)) periods[p.start] = p;
  const ledger::Payee payee =
      view.managed ? ledger::Payee::kHoldingOrganisation : ledger::Payee::kHoldingAccount;
  auto all_owed = ledger::OwedThrough(*schedule, horizon);
  if (!all_owed) return tl::unexpected(all_owed.error());
  std::vector<ledger::ScheduledPayment> owed;
  for (auto& p : *all_owed) {
    if (p.payee == payee) owed.push_back(std::move(p));
  }

  // Lines in the order the money moved (by value date, a statement's lines of one day in row
  // order) with the running balance; pending amounts are not yet money moved.
  std::stable_sort(transfers.begin(), transfers.end(), ledger::MovedBefore);
  PutNewestFirstDaysInOrder(transfers, newest_first);
  std::vector<MoneyLine> lines;
  std::set<std::string> keys;
  Pence running;
  for (const auto& t : transfers) {
    keys.insert(t.id.str());
    if (t.flag == ledger::TransferFlag::kPending || t.flag == ledger::TransferFlag::kVoidPending) {
      continue;
    }
    const bool in = t.credit_account == account->id;
    MoneyLine line;
    line.id = t.id.str();
    line.on = ledger::ValueDate(t);
    line.description = Describe(t, in, *budget, periods);
    auto moved = in ? running.Plus(t.amount) : running.Minus(t.amount);
    if (!moved) return tl::unexpected(moved.error());
    running = *moved;
    (in ? line.money_in : line.money_out) = t.amount;
    line.spending = !in && t.code == ledger::TransferCode::kSpend;
    line.balance = running;
    lines.push_back(std::move(line));
  }

  // What the plan expects to be spent from the account: when the person's contribution is taken
  // off the direct payment, they pay it in themselves, and it is spent on the plan too, so the
  // plan's whole cost is expected (the schedule as if the contribution were collected apart).
  std::vector<ledger::ScheduledPayment> planned_owed = owed;
  if (!view.managed && budget->collection == ledger::ContributionCollection::kNet) {
    ledger::BudgetInForce whole = ledger::ToBudgetInForce(*budget);
    whole.collection = ledger::ContributionCollection::kGross;
    auto whole_schedule = ledger::MakeSchedule(std::move(whole));
    if (!whole_schedule) return tl::unexpected(whole_schedule.error());
    auto whole_owed = ledger::OwedThrough(*whole_schedule, horizon);
    if (!whole_owed) return tl::unexpected(whole_owed.error());
    planned_owed.clear();
    for (auto& p : *whole_owed) {
      if (p.payee == payee) planned_owed.push_back(std::move(p));
    }
  }

  // The burn-down: weekly from the later of the budget's start and the financial year's.
  const FinancialYear year = FinancialYearOf(today);
  view.chart_from = std::max(budget->start, year.Start());
  if (view.chart_from <= today) {
    auto before = PlannedThrough(planned_owed, AddDays(view.chart_from, -1));
    if (!before) return tl::unexpected(before.error());
    std::vector<Date> days;
    for (Date d = view.chart_from; d < today; d = AddDays(d, 7)) days.push_back(d);
    days.push_back(today);
    std::size_t next = 0;
    Pence spent, money_out, paid_in, balance_then;
    for (Date d : days) {
      for (; next < lines.size() && lines[next].on <= d; ++next) {
        const MoneyLine& l = lines[next];
        if (l.on >= view.chart_from) {
          auto used = spent.Plus(l.spending ? l.money_out : Pence(0));
          auto out = money_out.Plus(l.money_out);
          auto in = paid_in.Plus(l.money_in);
          if (!used || !out || !in) {
            return Fail(ErrorCode::kOverflow, "The totals are too large to add up");
          }
          spent = *used;
          money_out = *out;
          paid_in = *in;
        }
        balance_then = l.balance;
      }
      auto planned = PlannedThrough(planned_owed, d);
      if (!planned) return tl::unexpected(planned.error());
      auto from_start = planned->Minus(*before);
      if (!from_start) return tl::unexpected(from_start.error());
      view.burn_down.push_back({d, *from_start, spent, paid_in, balance_then});
    }
    view.money_in_total = paid_in;
    view.money_out_total = money_out;
  }

  // Payments to come: not yet paid, whether due later or due already and waiting for a payment
  // run (a run may also pay ahead, so what is paid is skipped whatever its date).
  for (const auto& p : owed) {
    if (view.upcoming.size() == kUpcoming) break;
    if (keys.contains(p.key)) continue;
    UpcomingPayment u{p.due_on, p.covers_from, p.covers_to, p.amount, ""};
    if (p.kind == ledger::PaymentKind::kOneOff) {
      std::string what;
      for (const auto& o : budget->one_offs) {
        if (p.key.ends_with(":" + o.id)) what = o.what;
      }
      u.description = what.empty() ? "A one-off payment" : "A one-off payment for " + what;
    } else {
      u.description = "For " + DateRange(p.covers_from, p.covers_to);
    }
    if (p.due_on <= today) u.description += " (due, not paid yet)";
    view.upcoming.push_back(std::move(u));
  }
  std::sort(view.upcoming.begin(), view.upcoming.end(),
            [](const UpcomingPayment& a, const UpcomingPayment& b) { return a.on < b.on; });

  // The forecast: at the rate money went out over the last four weeks.
  const auto current = ledger::PeriodsThrough(*schedule, today);
  if (!current.empty() && current.back().end >= today) {
    ledger::AccountPosition position;
    position.balance = view.balance;
    const ledger::StoredTerms* terms = ledger::TermsOn(*budget, today);
    if (terms == nullptr) terms = &budget->terms.front();
    auto weekly = ledger::WeeklyCost(
        *budget, *terms,
        view.managed ? ledger::PayRoute::kManagedBudget : ledger::PayRoute::kDirectPayment);
    if (!weekly) return tl::unexpected(weekly.error());
    position.weekly_budget = *weekly;
    if (auto s = SetPaidAhead(*schedule, paid,
                              view.managed ? ledger::PaymentKind::kManagedBudget
                                           : ledger::PaymentKind::kDirectPayment,
                              today, current.back().end, position);
        !s) {
      return tl::unexpected(s.error());
    }
    position.today = today;
    position.spend_from = budget->start;
    for (const auto& t : transfers) {
      // Spending sets the rate; money recovered by the council or given back does not.
      if (t.debit_account != account->id || t.code != ledger::TransferCode::kSpend ||
          t.flag == ledger::TransferFlag::kPending ||
          t.flag == ledger::TransferFlag::kVoidPending || ledger::ValueDate(t) > today) {
        continue;
      }
      position.spend.push_back({t.id.str(), ledger::ValueDate(t), t.amount, t.reference});
    }
    if (view.balance.value() >= 0) {
      auto forecast = ledger::ForecastExhaustion(position, ledger::MonitoringSettings{});
      if (forecast) {
        view.runs_out_on = forecast->runs_out_on;
        view.runs_out_before_next_payment = forecast->alert;
        if (position.spend.empty()) {
          view.forecast = fmt::format(
              "No money has gone out of the account yet, so we cannot say how long the {} "
              "will last.",
              FormatPounds(view.balance));
        } else {
          view.forecast = forecast->sentence;
          if (forecast->alert) {
            *view.forecast +=
                " If the money might not last until then, talk to the social worker: the support "
                "plan and the budget can be looked at again.";
          }
        }
        if (!view.upcoming.empty()) {
          *view.forecast += fmt::format(" The next payment of {} is due on {}.",
                                        FormatPounds(view.upcoming.front().amount),
                                        FormatLongDate(view.upcoming.front().on));
        }
      }
    }
  }

  view.line_count = static_cast<int>(lines.size());
  std::reverse(lines.begin(), lines.end());
  view.lines = std::move(lines);

  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "money.read", "person",
                                  id.str(), AuditOutcome::kAllowed, what);
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return view;
}

Result<MoneyView> Money::Of(const Context& ctx, const PersonId& person, int page) {
  auto view = Load(ctx, person, "looked at the money in the personal budget");
  if (!view) return view;
  view->pages = std::max(1, (view->line_count + kMoneyPageSize - 1) / kMoneyPageSize);
  view->page = std::clamp(page, 1, view->pages);
  const std::size_t first =
      static_cast<std::size_t>(view->page - 1) * static_cast<std::size_t>(kMoneyPageSize);
  std::vector<MoneyLine> shown;
  for (std::size_t i = first; i < view->lines.size() && shown.size() < kMoneyPageSize; ++i) {
    shown.push_back(std::move(view->lines[i]));
  }
  view->lines = std::move(shown);
  return view;
}

Result<MoneyCsv> Money::Csv(const Context& ctx, const PersonId& person) {
  auto view = Load(ctx, person, "downloaded the money in the personal budget as a spreadsheet");
  if (!view) return tl::unexpected(view.error());
  std::string out = "Date,Description,Money in,Money out,Balance\r\n";
  for (auto it = view->lines.rbegin(); it != view->lines.rend(); ++it) {
    AppendCsvField(out, FormatIsoDate(it->on));
    out += ',';
    AppendCsvField(out, SpreadsheetText(it->description));
    out += ',';
    if (it->money_in.value() != 0) out += FormatDecimal(it->money_in);
    out += ',';
    if (it->money_out.value() != 0) out += FormatDecimal(it->money_out);
    out += ',';
    out += FormatDecimal(it->balance);
    out += "\r\n";
  }
  return MoneyCsv{fmt::format("my-money-{}.csv", FormatIsoDate(view->today)), std::move(out)};
}

}  // namespace selfdirect::app
