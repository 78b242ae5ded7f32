#include "selfdirect/app/monitoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <unordered_map>

#include "selfdirect/app/ledger_lookups.h"
#include "selfdirect/app/statements.h"
#include "selfdirect/core/text.h"
#include "selfdirect/ledger/payments.h"

namespace selfdirect::app {
namespace {

using ledger::Alert;
using ledger::AlertKind;
using ledger::BudgetRecord;
using ledger::SurplusProposal;

// Budgets checked in one transaction: a crash loses little, a progress bar moves.
constexpr std::size_t kRunChunk = 500;
constexpr std::size_t kMaxNotes = 2000;
constexpr int kTransferPage = 1000;

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

bool Mentions(std::string_view haystack, std::string_view needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

// One run's shared reads: account names (payees) and plans, each read once.
struct RunCache {
  std::unordered_map<std::string, std::string> account_names;
  std::unordered_map<std::string, std::vector<std::string>> suppliers;  // by plan id
};

Result<std::string> AccountName(store::Transaction& tx, const CouncilId& council,
                                const LedgerAccountId& id, RunCache& cache) {
  if (auto found = cache.account_names.find(id.str()); found != cache.account_names.end()) {
    return found->second;
  }
  auto account = tx.Ledger().FindAccount(council, id);
  if (!account) return tl::unexpected(account.error());
  std::string name = *account ? (*account)->name : id.str();
  cache.account_names[id.str()] = name;
  return name;
}

// Who a spend transfer paid: the payee account's name, or, for a line of an imported statement
// (whose money lands in one account shared by every payee), the payee the statement named.
Result<std::string> PayeeOf(store::Transaction& tx, const CouncilId& council,
                            const ledger::Transfer& t, RunCache& cache) {
  auto name = AccountName(tx, council, t.credit_account, cache);
  if (!name) return name;
  if (*name == kPaidOutAccountName) {
    if (auto payee = StatementPayee(t.reference)) return std::move(*payee);
  }
  return name;
}

Result<std::vector<std::string>> SuppliersOf(store::Transaction& tx, const CouncilId& council,
                                             const PlanId& plan, RunCache& cache) {
  if (auto found = cache.suppliers.find(plan.str()); found != cache.suppliers.end()) {
    return found->second;
  }
  auto found = tx.Casework().FindPlan(council, plan);
  if (!found) return tl::unexpected(found.error());
  std::vector<std::string> names;
  if (*found) {
    for (const casework::PlanItem& item : (*found)->content.items) {
      if (!Trim(item.supplier_name).empty()) names.push_back(item.supplier_name);
    }
  }
  cache.suppliers[plan.str()] = names;
  return names;
}

// The spend lines of the holding account from `from` to `today`.
Result<std::vector<ledger::SpendLine>> SpendLines(store::Transaction& tx, const CouncilId& council,
                                                  const LedgerAccountId& holding, Date from,
                                                  Date today,
                                                  const std::vector<std::string>& suppliers,
                                                  RunCache& cache) {
  std::vector<ledger::SpendLine> out;
  std::optional<TransferId> after;
  while (true) {
    auto page = tx.Ledger().TransfersOf(council, holding, kTransferPage, after);
    if (!page) return tl::unexpected(page.error());
    for (const ledger::Transfer& t : *page) {
      if (t.code != ledger::TransferCode::kSpend || t.debit_account != holding) continue;
      const Date on = ledger::ValueDate(t);  // when the money moved, not when it was imported
      if (on < from || on > today) continue;
      auto payee = PayeeOf(tx, council, t, cache);
      if (!payee) return tl::unexpected(payee.error());
      ledger::SpendLine line;
      line.id = t.id.str();
      line.on = on;
      line.amount = t.amount;
      line.payee = *payee;
      const std::string said = Lower(t.reference + " " + *payee);
      if (said.find("cash") != std::string::npos || said.find("atm") != std::string::npos) {
        line.category = ledger::SpendCategory::kCashWithdrawal;
      } else {
        line.matches_plan = std::any_of(suppliers.begin(), suppliers.end(), [&](const auto& s) {
          return Mentions(*payee, s) || Mentions(s, *payee);
        });
      }
      out.push_back(std::move(line));
    }
    if (page->size() < static_cast<std::size_t>(kTransferPage)) break;
    after = page->back().id;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.on < b.on; });
  return out;
}

struct Finding {
  Alert alert;
  std::optional<SurplusProposal> proposal;
};

// What the checks find for one budget, or nothing to check (std::nullopt).
Result<std::optional<std::vector<Finding>>> Check(store::Transaction& tx, const BudgetRecord& b,
                                                  Date date, int threshold_weeks, Timestamp now,
                                                  UlidGenerator& ids, RunCache& cache) {
  using Out = std::optional<std::vector<Finding>>;
  if (!b.holding_account || date < b.start || (b.end && *b.end < date)) return Out();
  const ledger::StoredTerms* terms = ledger::TermsOn(b, date);
  if (terms == nullptr) return Out();
  auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
  if (!schedule) return tl::unexpected(schedule.error());
  const auto periods = ledger::PeriodsThrough(*schedule, date);
  if (periods.empty()) return Out();

  auto account = tx.Ledger().FindAccount(b.council, *b.holding_account);
  if (!account) return tl::unexpected(account.error());
  if (!*account) return Fail(ErrorCode::kInternal, "the holding account is missing");
  auto balance = ledger::PostedCreditBalance((*account)->balances);
  if (!balance) return tl::unexpected(balance.error());
  auto weekly = ledger::WeeklyCost(b, *terms, ledger::PayRoute::kDirectPayment);
  if (!weekly) return tl::unexpected(weekly.error());
  auto suppliers = SuppliersOf(tx, b.council, terms->plan, cache);
  if (!suppliers) return tl::unexpected(suppliers.error());
  const Date from = std::max(b.start, AddDays(date, -7 * kMonitoringSpendWeeks + 1));
  auto spend = SpendLines(tx, b.council, *b.holding_account, from, date, *suppliers, cache);
  if (!spend) return tl::unexpected(spend.error());

  ledger::AccountPosition position;
  position.balance = *balance;
  position.weekly_budget = *weekly;
  auto paid = PaymentsMadeFor(tx, b);
  if (!paid) return tl::unexpected(paid.error());
  if (auto s = SetPaidAhead(*schedule, *paid, ledger::PaymentKind::kDirectPayment, date,
                            periods.back().end, position);
      !s) {
    return tl::unexpected(s.error());
  }
  position.today = date;
  position.spend_from = from;
  position.spend = std::move(*spend);
  ledger::MonitoringSettings settings;
  settings.surplus_threshold_weeks = threshold_weeks;
  auto report = ledger::Monitor(position, settings);
  if (!report) return tl::unexpected(report.error());

  std::vector<Finding> out;
  const auto alert = [&](AlertKind kind, std::string recipient, std::vector<std::string> evidence,
                         Pence amount, std::string sentence) {
    Alert a;
    a.council = b.council;
    a.id = AlertId(ids.Next());
    a.person = b.person;
    a.budget = b.id;
    a.kind = kind;
    a.recipient = std::move(recipient);
    a.evidence = std::move(evidence);
    a.sentence = std::move(sentence);
    a.amount = amount;
    a.balance = *balance;
    a.on = date;
    a.raised_at = now;
    return a;
  };
  if (report->surplus.propose_recovery) {
    Finding f;
    std::string sentence = fmt::format(
        "The account holds {}, {} more than {} weeks of budget after setting aside {}. A "
        "recovery of {} is proposed for a finance officer to approve or decline.",
        FormatPounds(report->surplus.balance), FormatPounds(report->surplus.surplus),
        threshold_weeks, FormatPounds(report->surplus.set_aside),
        FormatPounds(report->surplus.surplus));
    f.alert = alert(AlertKind::kSurplus, ledger::kFinanceOfficerRecipient, {},
                    report->surplus.surplus, std::move(sentence));
    SurplusProposal p;
    p.council = b.council;
    p.id = SurplusProposalId(ids.Next());
    p.person = b.person;
    p.budget = b.id;
    p.amount = report->surplus.surplus;
    p.letter = report->surplus.letter;
    p.on = date;
    p.proposed_at = now;
    f.proposal = std::move(p);
    out.push_back(std::move(f));
  }
  if (report->forecast.alert) {
    out.push_back({alert(AlertKind::kExhaustion, ledger::kFinanceOfficerRecipient, {},
                         report->forecast.spent_in_window,
                         report->forecast.sentence + " " + report->forecast.staff_prompt),
                   std::nullopt});
  }
  for (ledger::Signal& s : report->signals) {
    out.push_back({alert(ledger::AlertKindOf(s.kind), ledger::RecipientName(s.route_to),
                         std::move(s.evidence), s.amount, std::move(s.sentence)),
                   std::nullopt});
  }
  return Out(std::move(out));
}

Result<Date> DateOfText(const std::string& text) {
  auto d = ParseIsoDate(text);
  if (!d) return FailFields({{"date", "Enter the date to check as a real date, like 2026-12-01"}});
  return *d;
}

// Whether the alert is routed to the actor (see Monitoring::Alerts).
Result<bool> RoutedTo(store::Transaction& tx, const Actor& actor, const Alert& a, Date today,
                      std::unordered_map<std::string, Relationship>& relationships) {
  if (actor.is_operator) return true;
  const bool money = a.kind == AlertKind::kSurplus || a.kind == AlertKind::kExhaustion;
  if (money) return actor.Has(Role::kFinanceOfficer);
  if (actor.Has(Role::kSafeguardingLead) && ledger::IsSafeguardingKind(a.kind)) return true;
  if (!actor.Has(Role::kAssessor) && !actor.Has(Role::kSupportPlanner)) return false;
  auto found = relationships.find(a.person.str());
  if (found == relationships.end()) {
    auto r = RelationshipTo(tx, actor, a.person, today);
    if (!r) return tl::unexpected(r.error());
    found = relationships.emplace(a.person.str(), std::move(*r)).first;
  }
  if (actor.Has(Role::kAssessor) && found->second.in_caseload) return true;
  return actor.Has(Role::kSupportPlanner) && a.recipient == "planner" &&
         !found->second.granted.empty();
}

// The spend lines an alert quotes, read from the ledger (payee names cached in `cache`).
Result<std::vector<EvidenceLine>> EvidenceLines(store::Transaction& tx, const CouncilId& council,
                                                const Alert& a, RunCache& cache) {
  std::vector<EvidenceLine> out;
  for (const std::string& id : a.evidence) {
    auto t = tx.Ledger().FindTransfer(council, TransferId(id));
    if (!t) return tl::unexpected(t.error());
    if (!*t) continue;
    auto payee = PayeeOf(tx, council, **t, cache);
    if (!payee) return tl::unexpected(payee.error());
    out.push_back({id, ledger::ValueDate(**t), *payee, (*t)->reference, (*t)->amount});
  }
  return out;
}

// Fills in each alert's names, its evidence lines, and what the actor may open about the person.
Status Describe(store::Transaction& tx, const Actor& actor, Date today,
                std::vector<AlertView>& views) {
  const CouncilId& council = actor.council_id;
  std::vector<PersonId> people;
  people.reserve(views.size());
  for (const AlertView& v : views) people.push_back(v.alert.person);
  std::unordered_map<std::string, std::string> names;
  if (!people.empty()) {
    auto found = tx.Casework().FindPeople(council, people);
    if (!found) return tl::unexpected(found.error());
    for (const auto& p : *found) names[p.person.id.str()] = p.person.FullName();
  }
  std::unordered_map<std::string, std::pair<bool, bool>> may;  // by person: record, budget
  RunCache cache;
  for (AlertView& v : views) {
    v.person_name = names[v.alert.person.str()];
    auto ack = UserName(tx, council, v.alert.acknowledged_by, "");
    if (!ack) return tl::unexpected(ack.error());
    v.acknowledged_by_name = *ack;
    auto closed = UserName(tx, council, v.alert.closed_by, "");
    if (!closed) return tl::unexpected(closed.error());
    v.closed_by_name = *closed;
    auto lines = EvidenceLines(tx, council, v.alert, cache);
    if (!lines) return tl::unexpected(lines.error());
    v.evidence_lines = std::move(*lines);
    auto known = may.find(v.alert.person.str());
    if (known == may.end()) {
      auto r = RelationshipTo(tx, actor, v.alert.person, today);
      if (!r) return tl::unexpected(r.error());
      const Resource person = Resource::Person(council, v.alert.person, std::move(*r));
      known = may.emplace(v.alert.person.str(),
                          std::pair{Decide(actor, Action::kPersonView, person).allowed(),
                                    Decide(actor, Action::kBudgetRead, person).allowed()})
                  .first;
    }
    v.may_view_record = known->second.first;
    v.may_view_budget = known->second.second;
  }
  return {};
}

Status Describe(store::Transaction& tx, const CouncilId& council,
                std::vector<ProposalView>& views) {
  std::vector<PersonId> people;
  people.reserve(views.size());
  for (const ProposalView& v : views) people.push_back(v.proposal.person);
  std::unordered_map<std::string, std::string> names;
  if (!people.empty()) {
    auto found = tx.Casework().FindPeople(council, people);
    if (!found) return tl::unexpected(found.error());
    for (const auto& p : *found) names[p.person.id.str()] = p.person.FullName();
  }
  std::unordered_map<std::string, std::vector<BudgetRecord>> budgets;  // by person
  for (ProposalView& v : views) {
    v.person_name = names[v.proposal.person.str()];
    auto by = UserName(tx, council, v.proposal.decided_by, "");
    if (!by) return tl::unexpected(by.error());
    v.decided_by_name = *by;
    auto known = budgets.find(v.proposal.person.str());
    if (known == budgets.end()) {
      auto found = tx.Payments().BudgetsOf(council, v.proposal.person);
      if (!found) return tl::unexpected(found.error());
      known = budgets.emplace(v.proposal.person.str(), std::move(*found)).first;
    }
    for (const BudgetRecord& b : known->second) {
      if (b.id == v.proposal.budget && b.holding_account) v.account = *b.holding_account;
    }
  }
  return {};
}

Result<LedgerAccountId> CouncilFundOf(store::Transaction& tx, const CouncilId& council) {
  auto accounts =
      tx.Ledger().FindAccountsByOwner(council, {ledger::OwnerKind::kCouncil, council.str()});
  if (!accounts) return tl::unexpected(accounts.error());
  for (const ledger::Account& a : *accounts) {
    if (a.type == ledger::AccountType::kCouncilFund && !a.closed()) return a.id;
  }
  return Fail(ErrorCode::kInternal, "The council has no personal budgets fund to recover into");
}

// The lists show people's names beside their money: one audit entry per list, as the
// safeguarding queue has.
Status AuditList(store::Store& store, const Clock& clock, const Context& ctx, const char* action,
                 const char* kind, std::string summary) {
  return store.Write([&](store::Transaction& tx) {
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock.Now(), action, kind, "list",
                                  AuditOutcome::kAllowed, std::move(summary));
    return tx.Audit().Append(e);
  });
}

}  // namespace

Result<MonitoringRunSummary> Monitoring::Run(const Context& ctx, const std::string& date) {
  if (auto a = PermitInCouncil(ctx, Action::kMonitoringRun); !a) return tl::unexpected(a.error());
  auto d = DateOfText(date);
  if (!d) return tl::unexpected(d.error());
  // The checks read today's balances, so a later date would only date today's findings wrongly.
  if (clock_.Today() < *d) {
    return FailFields({{"date",
                        "The checks use the balances as they are today, so the date cannot be "
                        "after today. Enter today's date or an earlier one"}});
  }
  return Run(ctx, *d);
}

Result<MonitoringRunSummary> Monitoring::Run(const Context& ctx, Date date,
                                             const MonitoringProgress& progress) {
  const CouncilId& council = ctx.actor.council_id;
  if (auto a = Authorize(store_, clock_, ctx, Action::kMonitoringRun, Resource::Council(council),
                         "monitoring", council.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<BudgetRecord> budgets;
  std::unordered_map<std::string, int> weeks;  // by scheme id
  auto read = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().BudgetsInPayment(council, date);
    if (!found) return tl::unexpected(found.error());
    budgets = std::move(*found);
    auto schemes = tx.Councils().ListSchemes(council);
    if (!schemes) return tl::unexpected(schemes.error());
    for (const Scheme& s : *schemes) weeks[s.id.str()] = s.settings.surplus_threshold_weeks;
    return {};
  });
  if (!read) return tl::unexpected(read.error());

  MonitoringRunSummary summary;
  summary.date = date;
  const std::int64_t total = static_cast<std::int64_t>(budgets.size());
  RunCache cache;
  for (std::size_t from = 0; from < budgets.size(); from += kRunChunk) {
    const std::size_t to = std::min(budgets.size(), from + kRunChunk);
    MonitoringRunSummary chunk;
    auto s = store_.Write([&](store::Transaction& tx) -> Status {
      chunk = MonitoringRunSummary{};
      for (std::size_t i = from; i < to; ++i) {
        const BudgetRecord& b = budgets[i];
        auto w = weeks.find(b.scheme.str());
        const int threshold =
            w == weeks.end() ? SchemeSettings{}.surplus_threshold_weeks : w->second;
        auto findings = Check(tx, b, date, threshold, clock_.Now(), ids_, cache);
        if (!findings) {
          chunk.problems.push_back(
              fmt::format("budget {}: {}", b.id.str(), findings.error().message));
          continue;
        }
        if (!*findings) {
          ++chunk.skipped;
          continue;
        }
        ++chunk.budgets;
        for (Finding& f : **findings) {
          auto raised = tx.Monitoring().RaiseAlert(f.alert);
          if (!raised) return tl::unexpected(raised.error());
          if (*raised) {
            ++chunk.raised[ledger::AlertKindName(f.alert.kind)];
          } else {
            ++chunk.still_open;
          }
          if (f.proposal) {
            auto declined = tx.Monitoring().LastDeclined(council, b.id);
            if (!declined) return tl::unexpected(declined.error());
            if (!ledger::ProposeAgain(*declined, f.proposal->amount)) continue;
            auto proposed = tx.Monitoring().ProposeRecovery(*f.proposal);
            if (!proposed) return tl::unexpected(proposed.error());
            if (*proposed) ++chunk.proposals;
          }
        }
      }
      return {};
    });
    if (!s) return tl::unexpected(s.error());
    summary.budgets += chunk.budgets;
    summary.skipped += chunk.skipped;
    summary.still_open += chunk.still_open;
    summary.proposals += chunk.proposals;
    for (const auto& [kind, n] : chunk.raised) summary.raised[kind] += n;
    std::move(chunk.problems.begin(), chunk.problems.end(), std::back_inserter(summary.problems));
    if (progress) progress(static_cast<std::int64_t>(to), total);
  }
  std::int64_t raised = 0;
  for (const auto& [kind, n] : summary.raised) raised += n;
  auto audited = store_.Write([&](store::Transaction& tx) -> Status {
    AuditEntry e = MakeAuditEntry(
        ctx, council, clock_.Now(), "monitoring.run", "monitoring", FormatIsoDate(date),
        AuditOutcome::kAllowed,
        fmt::format("checked {} budgets for {}: {} new alerts, {} new surplus proposals, {} "
                    "that could not be checked",
                    summary.budgets, FormatIsoDate(date), raised, summary.proposals,
                    summary.problems.size()));
    return tx.Audit().Append(e);
  });
  if (!audited) return tl::unexpected(audited.error());
  return summary;
}

Result<std::vector<AlertView>> Monitoring::Alerts(const Context& ctx, bool with_closed) {
  auto all = AlertsPage(ctx, with_closed, 1, std::numeric_limits<int>::max());
  if (!all) return tl::unexpected(all.error());
  return std::move(all->alerts);
}

namespace {

int StatusOrder(ledger::AlertStatus status) {
  switch (status) {
    case ledger::AlertStatus::kOpen:
      return 0;
    case ledger::AlertStatus::kAcknowledged:
      return 1;
    case ledger::AlertStatus::kClosed:
      return 2;
  }
  return 3;
}

}  // namespace

Result<AlertPage> Monitoring::AlertsPage(const Context& ctx, bool with_closed, int page,
                                         int per_page) {
  if (auto a = PermitInCouncil(ctx, Action::kAlertsRead); !a) return tl::unexpected(a.error());
  per_page = std::max(per_page, 1);
  AlertPage out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto all = tx.Monitoring().Alerts(ctx.actor.council_id, with_closed);
    if (!all) return tl::unexpected(all.error());
    std::unordered_map<std::string, Relationship> relationships;
    std::vector<Alert> routed;
    for (Alert& a : *all) {
      auto to_actor = RoutedTo(tx, ctx.actor, a, clock_.Today(), relationships);
      if (!to_actor) return tl::unexpected(to_actor.error());
      if (!*to_actor) continue;
      switch (a.status) {
        case ledger::AlertStatus::kOpen:
          ++out.open;
          break;
        case ledger::AlertStatus::kAcknowledged:
          ++out.acknowledged;
          break;
        case ledger::AlertStatus::kClosed:
          ++out.closed;
          break;
      }
      routed.push_back(std::move(a));
    }
    std::sort(routed.begin(), routed.end(), [](const Alert& a, const Alert& b) {
      if (StatusOrder(a.status) != StatusOrder(b.status)) {
        return StatusOrder(a.status) < StatusOrder(b.status);
      }
      if (a.raised_at != b.raised_at) return b.raised_at < a.raised_at;
      return b.id.str() < a.id.str();
    });
    const auto n = static_cast<std::int64_t>(routed.size());
    out.pages = static_cast<int>(std::max<std::int64_t>(1, (n + per_page - 1) / per_page));
    out.page = std::clamp(page, 1, out.pages);
    const std::int64_t first = static_cast<std::int64_t>(out.page - 1) * per_page;
    const std::int64_t last = std::min(n, first + per_page);
    for (std::int64_t i = first; i < last; ++i) {
      out.alerts.push_back({.alert = std::move(routed[static_cast<std::size_t>(i)])});
    }
    return Describe(tx, ctx.actor, clock_.Today(), out.alerts);
  });
  if (!s) return tl::unexpected(s.error());
  const std::string which = out.pages > 1
                                ? fmt::format("{} of {}, page {} of {}", out.alerts.size(),
                                              out.total(), out.page, out.pages)
                                : std::to_string(out.alerts.size());
  if (auto audited =
          AuditList(store_, clock_, ctx, "alerts.list", "alert",
                    fmt::format("looked at the money alerts routed to them ({})", which));
      !audited) {
    return tl::unexpected(audited.error());
  }
  return out;
}

Result<AlertView> Monitoring::UpdateAlert(const Context& ctx, const AlertId& id,
                                          const AlertUpdate& update) {
  if (auto a = PermitInCouncil(ctx, Action::kAlertsManage); !a) return tl::unexpected(a.error());
  std::vector<FieldError> fields;
  const std::string notes = Trim(update.notes);
  if (update.action != "acknowledge" && update.action != "close") {
    fields.push_back({"action", "Choose whether to acknowledge or close the alert"});
  }
  if (update.action == "close" && notes.empty()) {
    fields.push_back({"notes", "Say what was done about the alert before closing it"});
  }
  if (notes.size() > kMaxNotes) {
    fields.push_back({"notes", "Keep the notes to 2,000 characters or fewer"});
  }
  if (!fields.empty()) return FailFields(std::move(fields));
  std::optional<AlertView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Monitoring().FindAlert(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    std::unordered_map<std::string, Relationship> relationships;
    if (*found) {
      auto routed = RoutedTo(tx, ctx.actor, **found, clock_.Today(), relationships);
      if (!routed) return tl::unexpected(routed.error());
      if (!*routed) found->reset();
    }
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no such alert");
    Alert a = std::move(**found);
    if (a.status == ledger::AlertStatus::kClosed) {
      return Fail(ErrorCode::kConflict, "This alert has already been closed");
    }
    const Timestamp now = clock_.Now();
    if (update.action == "acknowledge") {
      if (a.status == ledger::AlertStatus::kAcknowledged) {
        return Fail(ErrorCode::kConflict, "This alert has already been acknowledged");
      }
      a.status = ledger::AlertStatus::kAcknowledged;
      a.acknowledged_at = now;
      a.acknowledged_by = ctx.actor.user_id;
    } else {
      a.status = ledger::AlertStatus::kClosed;
      a.closed_at = now;
      a.closed_by = ctx.actor.user_id;
    }
    if (!notes.empty()) a.notes = a.notes.empty() ? notes : a.notes + "\n" + notes;
    if (auto u = tx.Monitoring().UpdateAlert(a); !u) return u;
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, now,
        update.action == "close" ? "alert.close" : "alert.acknowledge", "alert", a.id.str(),
        AuditOutcome::kAllowed,
        fmt::format("{} a {} alert", update.action == "close" ? "closed" : "acknowledged",
                    ledger::AlertKindName(a.kind)));
    e.subject_person_id = a.person.str();
    if (auto w = tx.Audit().Append(e); !w) return w;
    std::vector<AlertView> views{{.alert = std::move(a)}};
    if (auto d = Describe(tx, ctx.actor, clock_.Today(), views); !d) return d;
    out = std::move(views.front());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<std::vector<ProposalView>> Monitoring::SurplusProposals(const Context& ctx) {
  if (auto a = PermitInCouncil(ctx, Action::kSurplusProposalsManage); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<ProposalView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto all = tx.Monitoring().Proposals(ctx.actor.council_id);
    if (!all) return tl::unexpected(all.error());
    for (SurplusProposal& p : *all) out.push_back({.proposal = std::move(p)});
    return Describe(tx, ctx.actor.council_id, out);
  });
  if (!s) return tl::unexpected(s.error());
  if (auto audited =
          AuditList(store_, clock_, ctx, "surplus-proposals.list", "surplus-proposal",
                    fmt::format("looked at the surplus recovery proposals ({})", out.size()));
      !audited) {
    return tl::unexpected(audited.error());
  }
  return out;
}

Result<ProposalView> Monitoring::DecideProposal(const Context& ctx, const SurplusProposalId& id,
                                                const ProposalDecision& decision) {
  const CouncilId& council = ctx.actor.council_id;
  if (auto a = Authorize(store_, clock_, ctx, Action::kSurplusProposalsManage,
                         Resource::Council(council), "surplus-proposal", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<FieldError> fields;
  const std::string reason = Trim(decision.reason);
  if (decision.decision != "approve" && decision.decision != "decline") {
    fields.push_back({"decision", "Choose whether to approve or decline the recovery"});
  }
  if (reason.empty()) {
    fields.push_back({"reason", "Give the reason for the decision, in words the person will read"});
  } else if (reason.size() > kMaxNotes) {
    fields.push_back({"reason", "Keep the reason to 2,000 characters or fewer"});
  }
  if (!fields.empty()) return FailFields(std::move(fields));
  const bool approve = decision.decision == "approve";
  std::optional<ProposalView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Monitoring().FindProposal(council, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no such surplus proposal");
    SurplusProposal p = std::move(**found);
    if (p.status != ledger::ProposalStatus::kProposed) {
      return Fail(ErrorCode::kConflict, "This proposal has already been decided");
    }
    const Timestamp now = clock_.Now();
    p.status = approve ? ledger::ProposalStatus::kApproved : ledger::ProposalStatus::kDeclined;
    p.decided_at = now;
    p.decided_by = ctx.actor.user_id;
    p.decision_words = reason;
    if (approve) {
      auto budgets = tx.Payments().BudgetsOf(council, p.person);
      if (!budgets) return tl::unexpected(budgets.error());
      auto b = std::find_if(budgets->begin(), budgets->end(),
                            [&](const BudgetRecord& r) { return r.id == p.budget; });
      if (b == budgets->end() || !b->holding_account) {
        return Fail(ErrorCode::kInternal, "The proposal's budget has no holding account");
      }
      // The money may have moved since the checks: recover no more than is surplus today.
      auto schemes = tx.Councils().ListSchemes(council);
      if (!schemes) return tl::unexpected(schemes.error());
      int threshold = SchemeSettings{}.surplus_threshold_weeks;
      for (const Scheme& scheme : *schemes) {
        if (scheme.id == b->scheme) threshold = scheme.settings.surplus_threshold_weeks;
      }
      RunCache cache;
      auto findings = Check(tx, *b, clock_.Today(), threshold, now, ids_, cache);
      if (!findings) return tl::unexpected(findings.error());
      Pence surplus_now(0);
      for (const Finding& f : findings->value_or(std::vector<Finding>{})) {
        if (f.proposal) surplus_now = f.proposal->amount;
      }
      if (surplus_now < p.amount) {
        return Fail(
            ErrorCode::kConflict,
            fmt::format("The money has moved since the checks on {}: the surplus is now "
                        "{}, not {}. Decline this proposal, saying so, and run the checks "
                        "again to propose the right amount",
                        FormatLongDate(p.on), FormatPounds(surplus_now), FormatPounds(p.amount)));
      }
      auto fund = CouncilFundOf(tx, council);
      if (!fund) return tl::unexpected(fund.error());
      ledger::Transfer t;
      t.id = TransferId(ledger::ClawbackTransferId(p.id));
      t.council = council;
      t.debit_account = *b->holding_account;
      t.credit_account = *fund;
      t.amount = p.amount;
      t.code = ledger::TransferCode::kClawback;
      t.reference = fmt::format("surplus recovery {} of {}", p.id.str(), FormatIsoDate(p.on));
      t.created_at = now;
      t.created_by = ctx.actor.user_id;
      auto results = tx.Ledger().CreateTransfers(std::span<const ledger::Transfer>(&t, 1));
      if (!results) return tl::unexpected(results.error());
      if (!results->front()) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("The recovery of {} could not be posted: {}",
                                FormatPounds(p.amount), results->front().error().message));
      }
      p.transfer_id = t.id.str();
    }
    if (auto u = tx.Monitoring().UpdateProposal(p); !u) return u;
    AuditEntry e = MakeAuditEntry(
        ctx, council, now, approve ? "surplus-proposal.approve" : "surplus-proposal.decline",
        "surplus-proposal", p.id.str(), AuditOutcome::kAllowed,
        fmt::format("{} a surplus recovery of {}", approve ? "approved" : "declined",
                    FormatPounds(p.amount)));
    e.subject_person_id = p.person.str();
    if (auto w = tx.Audit().Append(e); !w) return w;
    std::vector<ProposalView> views{{.proposal = std::move(p)}};
    if (auto d = Describe(tx, council, views); !d) return d;
    out = std::move(views.front());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

}  // namespace selfdirect::app
