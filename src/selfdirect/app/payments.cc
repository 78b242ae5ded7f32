#include "selfdirect/app/payments.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "selfdirect/app/ledger_lookups.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/text.h"

namespace selfdirect::app {
namespace {

using ledger::BudgetRecord;
using ledger::PaymentRun;
using ledger::RunLine;
using ledger::RunStatus;

// Lines posted in one transaction while a run is released: small enough that a crash loses
// little work and a progress bar moves, large enough that a run of 100,000 takes few commits.
constexpr std::size_t kReleaseChunk = 5000;

Status Append(store::Transaction& tx, AuditEntry entry) { return tx.Audit().Append(entry); }

tl::unexpected<Error> NoSuchRun() {
  return Fail(ErrorCode::kNotFound, "There is no such payment run");
}

Result<LedgerAccountId> OpenAccount(store::Transaction& tx, const CouncilId& council,
                                    ledger::AccountType type, ledger::Owner owner,
                                    std::optional<SchemeId> scheme, std::string name, Timestamp now,
                                    UlidGenerator& ids) {
  ledger::Account a;
  a.council = council;
  a.id = LedgerAccountId(ids.Next());
  a.type = type;
  a.owner = std::move(owner);
  a.scheme = std::move(scheme);
  a.name = std::move(name);
  a.flags = ledger::DefaultFlags(type);
  a.created_at = now;
  if (auto s = tx.Ledger().CreateAccount(a); !s) return tl::unexpected(s.error());
  return a.id;
}

// The council's fund for personal budgets: where commitments come from. Opened on first need.
Result<LedgerAccountId> CouncilFund(store::Transaction& tx, const CouncilId& council, Timestamp now,
                                    UlidGenerator& ids) {
  auto accounts =
      tx.Ledger().FindAccountsByOwner(council, {ledger::OwnerKind::kCouncil, council.str()});
  if (!accounts) return tl::unexpected(accounts.error());
  for (const ledger::Account& a : *accounts) {
    if (a.type == ledger::AccountType::kCouncilFund && !a.closed()) return a.id;
  }
  return OpenAccount(tx, council, ledger::AccountType::kCouncilFund,
                     {ledger::OwnerKind::kCouncil, council.str()}, std::nullopt,
                     "Personal budgets fund", now, ids);
}

bool Pays(const ledger::RecurringCost& c) {
  return c.per_week.value() > 0 || c.per_year.value() > 0;
}

// A one-off item of a plan, as the budget keeps it: an id from the plan's id and its position,
// so that two plans' items never share a key.
std::vector<ledger::OneOffItem> OneOffsOf(const ledger::PlanRoutes& routes, const PlanId& plan,
                                          Date on) {
  std::vector<ledger::OneOffItem> out;
  for (std::size_t i = 0; i < routes.one_offs.size(); ++i) {
    ledger::OneOffItem item = routes.one_offs[i];
    item.id = fmt::format("{}i{}", plan.str().substr(plan.str().size() - 10), i + 1);
    item.on = on;
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::string> PersonName(store::Transaction& tx, const CouncilId& council,
                               const PersonId& person) {
  auto found = tx.Casework().FindPerson(council, person);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return NoSuchPerson();
  return (*found)->person.FullName();
}

}  // namespace

namespace {

// The transfer that brings a budget's commitment to `wanted` (the council's share to commit),
// counting what its commitment account still holds (never less than nothing): a commit from the
// council fund ("commit:{budget}:{key}") or a release back to it ("release:{budget}:{key}"); none
// when nothing changes. `fund` is the council fund once found (looked up or opened on first need).
struct CommitmentChange {
  std::optional<ledger::Transfer> transfer;
  std::int64_t change = 0;  // pence: more than 0 committed, less than 0 released
};
Result<CommitmentChange> ChangeCommitment(store::Transaction& tx, const CouncilId& council,
                                          const BudgetRecord& budget, Pence wanted,
                                          std::string_view key, std::string_view reference,
                                          Timestamp now, const UserId& by, UlidGenerator& ids,
                                          std::optional<LedgerAccountId>& fund) {
  auto account = tx.Ledger().FindAccount(council, budget.commitment_account);
  if (!account) return tl::unexpected(account.error());
  if (!*account) {
    return Fail(ErrorCode::kInternal,
                fmt::format("The budget {}'s commitment account is missing", budget.id.str()));
  }
  auto still = ledger::PostedCreditBalance((*account)->balances);
  if (!still) return tl::unexpected(still.error());
  CommitmentChange out;
  out.change = wanted.value() - std::max<std::int64_t>(0, still->value());
  if (out.change == 0) return out;
  if (!fund) {
    auto found = CouncilFund(tx, council, now, ids);
    if (!found) return tl::unexpected(found.error());
    fund = *found;
  }
  ledger::Transfer t;
  t.id = TransferId(
      fmt::format("{}:{}:{}", out.change > 0 ? "commit" : "release", budget.id.str(), key));
  t.council = council;
  t.debit_account = out.change > 0 ? *fund : budget.commitment_account;
  t.credit_account = out.change > 0 ? budget.commitment_account : *fund;
  t.amount = Pence(out.change > 0 ? out.change : -out.change);
  t.code = ledger::TransferCode::kBudgetCommitment;
  t.reference = std::string(reference.substr(0, 200));
  t.created_at = now;
  t.created_by = by;
  out.transfer = std::move(t);
  return out;
}

}  // namespace

Status Payments::OnSignOff(store::Transaction& tx, const CouncilId& council,
                           const casework::PlanVersion& plan, const UserId& approver, Date from,
                           Timestamp now, UlidGenerator& ids) {
  auto scheme = AdultScheme(tx, council);
  if (!scheme) return tl::unexpected(scheme.error());
  if (!*scheme) return {};
  auto routes = ledger::RoutesOfPlan(plan.content);
  if (!routes) return tl::unexpected(routes.error());
  auto contribution = tx.Casework().LatestContribution(council, plan.person);
  if (!contribution) return tl::unexpected(contribution.error());
  auto name = PersonName(tx, council, plan.person);
  if (!name) return tl::unexpected(name.error());

  ledger::StoredTerms terms;
  terms.plan = plan.id;
  terms.terms.from = from;
  terms.terms.direct_payment = routes->direct_payment;
  terms.terms.managed_budget = routes->managed_budget;
  terms.terms.council_arranged = routes->council_arranged;
  terms.terms.weekly_contribution = *contribution ? (*contribution)->weekly : Pence(0);
  std::vector<ledger::OneOffItem> one_offs = OneOffsOf(*routes, plan.id, from);

  auto open = tx.Payments().OpenBudget(council, plan.person, (*scheme)->id);
  if (!open) return tl::unexpected(open.error());
  BudgetRecord budget;
  std::vector<ledger::OneOffItem> new_one_offs;
  const ledger::Owner owner{ledger::OwnerKind::kPerson, plan.person.str()};
  if (*open) {
    budget = std::move(**open);
    // A later plan that keeps an item already bought does not buy it again.
    for (ledger::OneOffItem& item : one_offs) {
      const bool known = std::any_of(
          budget.one_offs.begin(), budget.one_offs.end(), [&](const ledger::OneOffItem& o) {
            return o.what == item.what && o.amount == item.amount && o.route == item.route;
          });
      if (!known) new_one_offs.push_back(std::move(item));
    }
  } else {
    budget.council = council;
    budget.id = BudgetId(ids.Next());
    budget.person = plan.person;
    budget.scheme = (*scheme)->id;
    budget.start = from;
    budget.collection = (*scheme)->settings.contribution_gross
                            ? ledger::ContributionCollection::kGross
                            : ledger::ContributionCollection::kNet;
    budget.interval = (*scheme)->settings.payment_interval;
    budget.weeks_per_year = (*scheme)->settings.weeks_per_year;
    budget.created_at = now;
    budget.created_by = approver;
    auto commitment = OpenAccount(tx, council, ledger::AccountType::kBudgetCommitment, owner,
                                  budget.scheme, *name + "'s budget", now, ids);
    if (!commitment) return tl::unexpected(commitment.error());
    budget.commitment_account = *commitment;
    new_one_offs = std::move(one_offs);
  }
  // The accounts these terms need.
  const auto any_one_off = [&](casework::PaymentRoute route) {
    return std::any_of(new_one_offs.begin(), new_one_offs.end(),
                       [&](const ledger::OneOffItem& o) { return o.route == route; });
  };
  if (!budget.holding_account &&
      (Pays(terms.terms.direct_payment) || any_one_off(casework::PaymentRoute::kDirectPayment))) {
    auto id = OpenAccount(tx, council, ledger::AccountType::kDirectPaymentHolding, owner,
                          budget.scheme, *name + "'s direct payment", now, ids);
    if (!id) return tl::unexpected(id.error());
    budget.holding_account = *id;
  }
  if (!budget.managed_account &&
      (Pays(terms.terms.managed_budget) || any_one_off(casework::PaymentRoute::kManagedBudget))) {
    auto id = OpenAccount(tx, council, ledger::AccountType::kManagedBudget, owner, budget.scheme,
                          *name + "'s managed budget", now, ids);
    if (!id) return tl::unexpected(id.error());
    budget.managed_account = *id;
  }
  if (!budget.contribution_account && terms.terms.weekly_contribution.value() > 0) {
    auto id = OpenAccount(tx, council, ledger::AccountType::kContributionReceivable, owner,
                          budget.scheme, *name + "'s contribution", now, ids);
    if (!id) return tl::unexpected(id.error());
    budget.contribution_account = *id;
  }

  // This sign-off commits the rest of the financial year `from` falls in (below).
  budget.committed_year =
      std::max(ledger::CommittedYear(budget), FinancialYearOf(from).start_year());
  if (*open) {
    if (auto s = tx.Payments().UpdateBudget(budget); !s) return s;
    if (auto s = tx.Payments().PutTerms(council, budget.id, terms); !s) return s;
    for (const ledger::OneOffItem& o : new_one_offs) {
      if (auto s = tx.Payments().AddOneOff(council, budget.id, o); !s) return s;
    }
  } else {
    budget.terms.push_back(terms);
    budget.one_offs = new_one_offs;
    if (auto s = tx.Payments().CreateBudget(budget); !s) return s;
  }

  // Commit the council's share of these terms for the rest of the financial year, less what is
  // still committed from earlier terms.
  ledger::BudgetInForce rest;
  rest.budget = budget.id.str();
  rest.start = from;
  rest.terms = {terms.terms};
  rest.terms[0].from = from;
  rest.one_offs = new_one_offs;
  rest.collection = budget.collection;
  rest.interval = budget.interval;
  rest.weeks_per_year = budget.weeks_per_year;
  auto schedule = ledger::MakeSchedule(rest);
  if (!schedule) return tl::unexpected(schedule.error());
  auto commitment = ledger::YearCommitment(*schedule, ledger::CommitmentWindow::kFinancialYear);
  if (!commitment) return tl::unexpected(commitment.error());
  std::optional<LedgerAccountId> fund;
  auto changed = ChangeCommitment(
      tx, council, budget, commitment->council, plan.id.str(),
      fmt::format("plan {} version {}: {}", plan.id.str(), plan.version, commitment->sentence), now,
      approver, ids, fund);
  if (!changed) return tl::unexpected(changed.error());
  if (!changed->transfer) return {};
  const ledger::Transfer& t = *changed->transfer;
  auto results = tx.Ledger().CreateTransfers(std::span<const ledger::Transfer>(&t, 1));
  if (!results) return tl::unexpected(results.error());
  if (!results->front()) return tl::unexpected(results->front().error());
  return {};
}

Status Payments::OnCaseClosed(store::Transaction& tx, const CouncilId& council,
                              const PersonId& person, Date last_day) {
  auto budgets = tx.Payments().BudgetsOf(council, person);
  if (!budgets) return tl::unexpected(budgets.error());
  for (BudgetRecord& b : *budgets) {
    if (b.end) continue;
    b.end = std::max(last_day, b.start);
    if (auto s = tx.Payments().UpdateBudget(b); !s) return s;
  }
  return {};
}

namespace {

// The person's budget that has not ended (in the actor's council), or a plain refusal.
Result<BudgetRecord> OpenBudgetOf(store::Transaction& tx, const CouncilId& council,
                                  const PersonId& person) {
  auto budgets = tx.Payments().BudgetsOf(council, person);
  if (!budgets) return tl::unexpected(budgets.error());
  for (BudgetRecord& b : *budgets) {
    if (!b.end) return std::move(b);
  }
  return Fail(ErrorCode::kFailedPrecondition,
              "This person has no budget in payment: payments start when a support plan is "
              "signed off");
}

// Field names the schedule uses for the new suspension ("suspensions[3].to") as the form's.
Status CheckWithSuspension(const BudgetRecord& budget, std::size_t index) {
  auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(budget));
  if (schedule) return {};
  Error e = schedule.error();
  const std::string prefix = fmt::format("suspensions[{}].", index);
  std::vector<FieldError> fields;
  for (FieldError& f : e.fields) {
    if (f.field.starts_with(prefix)) fields.push_back({f.field.substr(prefix.size()), f.message});
  }
  if (fields.empty()) return tl::unexpected(std::move(e));
  return FailFields(std::move(fields));
}

}  // namespace

Result<ledger::StoredSuspension> Payments::Suspend(const Context& ctx, const PersonId& person,
                                                   const SuspensionRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, person); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<FieldError> errors;
  auto from = ParseIsoDate(Trim(request.from));
  auto to = ParseIsoDate(Trim(request.to));
  const std::string reason = Trim(request.reason);
  if (!from) errors.push_back({"from", "Enter the first day payments stop, like 2026-12-01"});
  if (!to) errors.push_back({"to", "Enter the last day payments stop, like 2026-12-14"});
  if (from && to && *to < *from) {
    errors.push_back({"to", "The last day must be the same as or after the first day"});
  }
  if (reason.empty()) {
    errors.push_back({"reason", "Say why payments stop, for example a hospital stay"});
  } else if (reason.size() > 200) {
    errors.push_back({"reason", "The reason must be 200 characters or fewer"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  ledger::StoredSuspension out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto budget = OpenBudgetOf(tx, ctx.actor.council_id, person);
    if (!budget) return tl::unexpected(budget.error());
    for (const ledger::StoredSuspension& x : budget->suspensions) {
      if (*from <= x.suspension.to && x.suspension.from <= *to) {
        return FailFields(
            {{"from", fmt::format("Payments are already stopped from {} to {} ({})",
                                  FormatLongDate(x.suspension.from),
                                  FormatLongDate(x.suspension.to), x.suspension.reason)}});
      }
    }
    out.seq = budget->suspensions.empty() ? 1 : budget->suspensions.back().seq + 1;
    out.suspension = {*from, *to, reason};
    out.recorded_at = clock_.Now();
    out.recorded_by = ctx.actor.user_id;
    budget->suspensions.push_back(out);
    if (auto checked = CheckWithSuspension(*budget, budget->suspensions.size() - 1); !checked) {
      return checked;
    }
    if (auto added = tx.Payments().AddSuspension(ctx.actor.council_id, budget->id, out); !added) {
      return added;
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "payments.suspend",
                                  "person", person.str(), AuditOutcome::kAllowed,
                                  fmt::format("stopped payments from {} to {}: {}",
                                              FormatIsoDate(*from), FormatIsoDate(*to), reason));
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ledger::StoredSuspension> Payments::Restart(const Context& ctx, const PersonId& person,
                                                   std::int64_t suspension,
                                                   const std::string& last_day) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, person); !a) {
    return tl::unexpected(a.error());
  }
  auto to = ParseIsoDate(Trim(last_day));
  if (!to) {
    return FailFields({{"to", "Enter the last day payments stay stopped, like 2026-12-14"}});
  }
  ledger::StoredSuspension out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto budget = OpenBudgetOf(tx, ctx.actor.council_id, person);
    if (!budget) return tl::unexpected(budget.error());
    auto found =
        std::find_if(budget->suspensions.begin(), budget->suspensions.end(),
                     [&](const ledger::StoredSuspension& x) { return x.seq == suspension; });
    if (found == budget->suspensions.end()) {
      return Fail(ErrorCode::kNotFound, "There is no such stop in payments for this person");
    }
    if (*to < found->suspension.from) {
      return FailFields({{"to", fmt::format("The last day must be on or after the first, {}",
                                            FormatLongDate(found->suspension.from))}});
    }
    found->suspension.to = *to;
    const std::size_t index = static_cast<std::size_t>(found - budget->suspensions.begin());
    for (std::size_t i = 0; i < budget->suspensions.size(); ++i) {
      const auto& x = budget->suspensions[i].suspension;
      if (i != index && found->suspension.from <= x.to && x.from <= *to) {
        return FailFields({{"to", fmt::format("Payments are also stopped from {} to {}",
                                              FormatLongDate(x.from), FormatLongDate(x.to))}});
      }
    }
    if (auto checked = CheckWithSuspension(*budget, index); !checked) return checked;
    if (auto set =
            tx.Payments().SetSuspensionEnd(ctx.actor.council_id, budget->id, suspension, *to);
        !set) {
      return set;
    }
    out = *found;
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "payments.restart", "person",
                       person.str(), AuditOutcome::kAllowed,
                       fmt::format("payments stopped from {} restart after {}",
                                   FormatIsoDate(found->suspension.from), FormatIsoDate(*to)));
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ledger::FinalReconciliation> Payments::FinalAccount(const Context& ctx,
                                                           const PersonId& person) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPaymentDetailsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<ledger::FinalReconciliation> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto budgets = tx.Payments().BudgetsOf(ctx.actor.council_id, person);
    if (!budgets) return tl::unexpected(budgets.error());
    if (budgets->empty()) {
      return Fail(ErrorCode::kFailedPrecondition, "This person has never had a budget in payment");
    }
    const BudgetRecord& b = budgets->front();
    if (!b.end) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "The budget is still in payment: the final account is drawn up when the case "
                  "is closed");
    }
    auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
    if (!schedule) return tl::unexpected(schedule.error());
    const std::vector<BudgetId> ids = {b.id};
    auto paid = tx.Payments().Paid(ctx.actor.council_id, ids);
    if (!paid) return tl::unexpected(paid.error());
    auto found = paid->find(b.id);
    auto reckoning = ledger::Reconcile(
        *schedule, found == paid->end() ? std::vector<ledger::PaidPayment>{} : found->second);
    if (!reckoning) return tl::unexpected(reckoning.error());
    out = std::move(*reckoning);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<ledger::PaymentDetails> Payments::SetPaymentDetails(
    const Context& ctx, const PersonId& person, const ledger::PaymentDetailsRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPaymentDetailsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  auto details = ledger::ValidatePaymentDetails(request);
  if (!details) return tl::unexpected(details.error());
  details->council = ctx.actor.council_id;
  details->person = person;
  details->updated_at = clock_.Now();
  details->updated_by = ctx.actor.user_id;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto name = PersonName(tx, ctx.actor.council_id, person);
    if (!name) return tl::unexpected(name.error());
    if (auto put = tx.Payments().PutPaymentDetails(*details); !put) return put;
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, clock_.Now(), "payments.details", "person", person.str(),
        AuditOutcome::kAllowed,
        fmt::format("set where the {} is paid", details->route == ledger::PayRoute::kDirectPayment
                                                    ? "direct payment"
                                                    : "managed budget"));
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return details;
}

Result<Payments::PersonPaymentDetails> Payments::PaymentDetailsOf(const Context& ctx,
                                                                  const PersonId& person) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPaymentDetailsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  PersonPaymentDetails out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto name = PersonName(tx, ctx.actor.council_id, person);
    if (!name) return tl::unexpected(name.error());
    out.person_name = *name;
    auto found = tx.Payments().PaymentDetailsOf(ctx.actor.council_id, person);
    if (!found) return tl::unexpected(found.error());
    out.details = std::move(*found);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  auto audited = store_.Write([&](store::Transaction& tx) -> Status {
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "payments.details.read",
                                  "person", person.str(), AuditOutcome::kAllowed,
                                  "looked at where the person's money is paid");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!audited) return tl::unexpected(audited.error());
  return out;
}

namespace {

Result<Pence> ThresholdOf(store::Transaction& tx, const CouncilId& council) {
  auto set = tx.Payments().ApprovalThreshold(council);
  if (!set) return tl::unexpected(set.error());
  return set->value_or(Pence(kDefaultApprovalThresholdPence));
}

Result<int> RunEveryDaysOf(store::Transaction& tx, const CouncilId& council) {
  auto set = tx.Payments().RunEveryDays(council);
  if (!set) return tl::unexpected(set.error());
  return set->value_or(ledger::kDefaultRunEveryDays);
}

// What a run on `date` would pay: for every budget in payment, what its schedule has due on or
// before the day before the next run (ledger::PaysThrough), against what the ledger holds under
// its keys.
struct Computed {
  Date pays_through;
  std::vector<RunLine> lines;
  std::vector<ledger::RunOverpaid> overpaid;
  // Budgets in payment in the run date's financial year whose money is committed only up to an
  // earlier year.
  std::vector<BudgetRecord> to_commit;
};

Result<Computed> Compute(store::Transaction& tx, const CouncilId& council, Date date) {
  auto budgets = tx.Payments().BudgetsInPayment(council, date);
  if (!budgets) return tl::unexpected(budgets.error());
  std::vector<BudgetId> ids;
  ids.reserve(budgets->size());
  for (const BudgetRecord& b : *budgets) ids.push_back(b.id);
  auto paid = tx.Payments().Paid(council, ids);
  if (!paid) return tl::unexpected(paid.error());
  auto details = tx.Payments().PaymentRoutes(council);
  if (!details) return tl::unexpected(details.error());
  auto every = RunEveryDaysOf(tx, council);
  if (!every) return tl::unexpected(every.error());
  Computed out;
  out.pays_through = ledger::PaysThrough(date, *every);
  const std::vector<ledger::PaidPayment> none;
  const FinancialYear year = FinancialYearOf(date);
  for (const BudgetRecord& b : *budgets) {
    if (ledger::CommittedYear(b) < year.start_year() && (!b.end || !(*b.end < year.Start()))) {
      out.to_commit.push_back(b);
    }
    auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
    if (!schedule) {
      return Fail(ErrorCode::kInternal, fmt::format("The budget {} cannot be scheduled: {}",
                                                    b.id.str(), schedule.error().message));
    }
    auto found = paid->find(b.id);
    auto due =
        ledger::DueOn(*schedule, out.pays_through, found == paid->end() ? none : found->second);
    if (!due) {
      return Fail(ErrorCode::kInternal, fmt::format("The budget {}'s payments do not add up: {}",
                                                    b.id.str(), due.error().message));
    }
    if (due->payments.empty() && due->overpaid.empty()) continue;
    const bool direct = details->contains({b.person, ledger::PayRoute::kDirectPayment});
    const bool managed = details->contains({b.person, ledger::PayRoute::kManagedBudget});
    auto lines =
        ledger::LinesOf(b, *due, direct, managed, static_cast<std::int64_t>(out.lines.size()) + 1,
                        static_cast<std::int64_t>(out.overpaid.size()) + 1);
    std::move(lines.lines.begin(), lines.lines.end(), std::back_inserter(out.lines));
    std::move(lines.overpaid.begin(), lines.overpaid.end(), std::back_inserter(out.overpaid));
  }
  return out;
}

// The transfers that commit `year` for each budget: the council's share of its cost over the
// year (ledger::CostOver, as on sign-off) less what its commitment account still holds from
// earlier years; a budget holding more than the year needs releases the difference to the fund.
// Ids "commit:{budget}:fy{year}" / "release:{budget}:fy{year}", so the year is committed once.
struct YearTransfers {
  std::vector<ledger::Transfer> transfers;
  YearCommitmentMade made;
};
Result<YearTransfers> YearCommitments(store::Transaction& tx, const CouncilId& council,
                                      FinancialYear year, std::span<const BudgetRecord> budgets,
                                      Timestamp now, const UserId& by, UlidGenerator& ids) {
  YearTransfers out;
  out.made.year = year;
  if (budgets.empty()) return out;
  std::optional<LedgerAccountId> fund;
  std::int64_t total = 0;
  for (const BudgetRecord& b : budgets) {
    auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
    if (!schedule) return tl::unexpected(schedule.error());
    auto cost = ledger::CostOver(*schedule, year.Start(), year.End());
    if (!cost) return tl::unexpected(cost.error());
    auto changed =
        ChangeCommitment(tx, council, b, cost->council, fmt::format("fy{}", year.start_year()),
                         fmt::format("{}: {}", year.Label(), cost->sentence), now, by, ids, fund);
    if (!changed) return tl::unexpected(changed.error());
    ++out.made.budgets;
    if (!changed->transfer) continue;
    out.transfers.push_back(std::move(*changed->transfer));
    total += changed->change;
  }
  out.made.committed = Pence(total);
  return out;
}

// "Starting this run commits the council's money for 2027-28 for 12 budgets in payment: …".
std::string YearSentence(const YearCommitmentMade& made, bool done) {
  return fmt::format("{} the council's money for {} for {} {} in payment: {} in all.",
                     done ? "This run committed" : "Starting this run commits", made.year.Label(),
                     made.budgets, made.budgets == 1 ? "budget" : "budgets",
                     FormatPounds(made.committed));
}

// The full names of these people by their ids ("" for anyone not found): one read however many.
Result<std::unordered_map<std::string, std::string>> NamesOf(store::Transaction& tx,
                                                             const CouncilId& council,
                                                             const std::vector<PersonId>& people) {
  std::unordered_map<std::string, std::string> names;
  if (people.empty()) return names;
  auto found = tx.Casework().FindPeople(council, people);
  if (!found) return tl::unexpected(found.error());
  for (const auto& p : *found) names[p.person.id.str()] = p.person.FullName();
  return names;
}

// NamesOf the people of these lines.
Result<std::unordered_map<std::string, std::string>> NamesOf(store::Transaction& tx,
                                                             const CouncilId& council,
                                                             std::span<const RunLine> lines) {
  std::vector<PersonId> people;
  people.reserve(lines.size());
  for (const RunLine& l : lines) people.push_back(l.person);
  return NamesOf(tx, council, people);
}

// Fills the view's held payments and overpayments with people's names, read in one go.
Status Describe(store::Transaction& tx, const CouncilId& council, std::span<const RunLine> lines,
                std::span<const ledger::RunOverpaid> overpaid, RunView& view) {
  std::vector<PersonId> people;
  for (const RunLine& l : lines) {
    if (l.held()) people.push_back(l.person);
  }
  for (const auto& o : overpaid) people.push_back(o.person);
  auto found_names = NamesOf(tx, council, people);
  if (!found_names) return tl::unexpected(found_names.error());
  auto& names = *found_names;
  for (const RunLine& l : lines) {
    if (l.held()) {
      view.held.push_back({l.person, names[l.person.str()], l.kind, l.amount, l.held_reason,
                           l.covers_from, l.covers_to});
    }
  }
  for (const auto& o : overpaid) {
    bool recovered = false;
    if (auto id = TransferId::Parse(o.recovery_id)) {
      auto found = tx.Ledger().FindTransfer(council, *id);
      if (!found) return tl::unexpected(found.error());
      recovered = found->has_value();
    }
    view.overpaid.push_back({o.person, names[o.person.str()], o.to_recover, o.sentence,
                             o.recovery_id, recovered, ledger::IsContributionKey(o.recovery_id)});
  }
  return {};
}

}  // namespace

Result<OverpaymentRecovered> Payments::RecoverOverpayment(const Context& ctx,
                                                          const PersonId& person,
                                                          const std::string& recovery_id,
                                                          const std::string& reason) {
  // On the person's money: finance officers (others without standing are told there is no such
  // person, as on every person's record).
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPaymentDetailsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  const std::string why = Trim(reason);
  std::vector<FieldError> fields;
  if (Trim(recovery_id).empty()) {
    fields.push_back({"recovery_id", "Say which overpayment to recover, as the run lists it"});
  }
  if (why.empty()) {
    fields.push_back({"reason", "Say why the money is recovered: it is kept with the recovery"});
  } else if (why.size() > 1000) {
    fields.push_back({"reason", "The reason must be 1,000 characters or fewer"});
  }
  if (!fields.empty()) return FailFields(std::move(fields));
  const CouncilId& council = ctx.actor.council_id;
  OverpaymentRecovered out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto budgets = tx.Payments().BudgetsOf(council, person);
    if (!budgets) return tl::unexpected(budgets.error());
    std::vector<BudgetId> ids;
    for (const BudgetRecord& b : *budgets) ids.push_back(b.id);
    std::sort(ids.begin(), ids.end());
    auto paid = tx.Payments().Paid(council, ids);
    if (!paid) return tl::unexpected(paid.error());
    if (std::any_of(paid->begin(), paid->end(), [&](const auto& entry) {
          return std::any_of(entry.second.begin(), entry.second.end(),
                             [&](const ledger::PaidPayment& p) { return p.key == recovery_id; });
        })) {
      return Fail(ErrorCode::kConflict, "This overpayment has already been recovered");
    }
    const std::vector<ledger::PaidPayment> none;
    // Runs pay in advance, and may be dated ahead: look far enough on to see every period paid.
    // (What a period was paid and is now worth does not depend on the day it is looked at.)
    const Date horizon = AddDays(clock_.Today(), 400);
    for (const BudgetRecord& b : *budgets) {
      auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
      if (!schedule) return tl::unexpected(schedule.error());
      auto found = paid->find(b.id);
      auto due = ledger::DueOn(*schedule, horizon, found == paid->end() ? none : found->second);
      if (!due) return tl::unexpected(due.error());
      for (const ledger::Overpayment& o : due->overpaid) {
        if (o.recovery_key != recovery_id) continue;
        auto t = ledger::RecoveryTransfer(o, b, why, clock_.Now(), ctx.actor.user_id);
        if (!t) return tl::unexpected(t.error());
        auto from = tx.Ledger().FindAccount(council, t->debit_account);
        if (!from) return tl::unexpected(from.error());
        auto name = PersonName(tx, council, person);
        if (!name) return tl::unexpected(name.error());
        if (*from && (*from)->flags.debits_must_not_exceed_credits) {
          auto balance = ledger::PostedCreditBalance((*from)->balances);
          if (!balance) return tl::unexpected(balance.error());
          if (balance->value() < o.to_recover.value()) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("{}'s account holds {}, less than the {} to recover: agree "
                                    "with them how it will be repaid instead",
                                    *name, FormatPounds(*balance), FormatPounds(o.to_recover)));
          }
        }
        auto results = tx.Ledger().CreateTransfers(std::span<const ledger::Transfer>(&*t, 1));
        if (!results) return tl::unexpected(results.error());
        if (!results->front()) return tl::unexpected(results->front().error());
        out.person = person;
        out.person_name = *name;
        out.recovery_id = recovery_id;
        out.recovered = o.to_recover;
        out.sentence =
            o.kind == ledger::PaymentKind::kContribution
                ? fmt::format(
                      "{} credited back to {}: it comes off what they owe in "
                      "contributions. {}",
                      FormatPounds(o.to_recover), *name, o.sentence)
                : fmt::format("{} recovered from {}'s {}: {}", FormatPounds(o.to_recover), *name,
                              t->debit_account == b.managed_account ? "managed budget"
                                                                    : "direct payment account",
                              o.sentence);
        AuditEntry e =
            MakeAuditEntry(ctx, council, clock_.Now(), "payments.overpayment.recover", "person",
                           person.str(), AuditOutcome::kAllowed,
                           fmt::format("recovered {} paid for {} to {} ({}): {}",
                                       FormatPounds(o.to_recover), FormatIsoDate(o.covers_from),
                                       FormatIsoDate(o.covers_to), recovery_id, why));
        e.subject_person_id = person.str();
        return tx.Audit().Append(e);
      }
    }
    return Fail(ErrorCode::kConflict,
                "This overpayment is no longer owed: the budget has changed since the run listed "
                "it. Preview the next run to see what is owed now");
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

namespace {

// A payment recorded before under `payment_id`: its transfers' total, day and reference, and
// whether each went to one of `receivables` (the person's).
struct PaidBefore {
  ContributionPaid paid;
  bool to_this_person = true;
};
Result<std::optional<PaidBefore>> FindContributionPaid(
    store::Transaction& tx, const CouncilId& council, const std::string& payment_id,
    std::span<const ledger::Receivable> receivables) {
  std::optional<PaidBefore> before;
  for (int n = 1;; ++n) {
    auto found =
        tx.Ledger().FindTransfer(council, ledger::ContributionPaymentTransferId(payment_id, n));
    if (!found) return tl::unexpected(found.error());
    if (!*found) break;
    if (!before) before.emplace();
    if (std::none_of(receivables.begin(), receivables.end(), [&](const ledger::Receivable& r) {
          return r.account == (*found)->credit_account;
        })) {
      before->to_this_person = false;
    }
    ContributionPaid& paid = before->paid;
    if (n == 1) {
      paid.payment_id = payment_id;
      paid.paid_on = ledger::ValueDate(**found);
      paid.reference = (*found)->reference;
    }
    auto sum = paid.amount.Plus((*found)->amount);
    if (!sum) return tl::unexpected(sum.error());
    paid.amount = *sum;
  }
  return before;
}

}  // namespace

Result<ContributionPaid> Payments::RecordContributionPaid(
    const Context& ctx, const PersonId& person, const ledger::ContributionPaymentRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPaymentDetailsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  const CouncilId& council = ctx.actor.council_id;
  ContributionPaid out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto name = PersonName(tx, council, person);
    if (!name) return tl::unexpected(name.error());
    auto receivables = ContributionReceivablesOf(tx, council, person);
    if (!receivables) return tl::unexpected(receivables.error());
    // Each field first: a bad one is a 422 naming it, whatever the key was used for.
    auto checked = ledger::ValidateContributionPayment(request, clock_.Today());
    if (!checked) return tl::unexpected(checked.error());
    if (checked->payment_id.starts_with(ledger::kBankFilePaymentPrefix)) {
      return FailFields({{"payment_id", fmt::format("Keys beginning \"{}\" are kept for the lines "
                                                    "of the council's bank file: the form makes "
                                                    "its own",
                                                    ledger::kBankFilePaymentPrefix)}});
    }
    auto before = FindContributionPaid(tx, council, checked->payment_id, *receivables);
    if (!before) return tl::unexpected(before.error());
    if (*before) {
      if (!(*before)->to_this_person) {
        return Fail(ErrorCode::kConflict,
                    "This payment's key was already used for a payment from someone else. To "
                    "record this payment, open the page again");
      }
      ContributionPaid& was = (*before)->paid;
      if (checked->amount != was.amount || checked->paid_on != was.paid_on ||
          checked->reference != was.reference) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("This form was already used to record {} paid on {}. To record "
                                "another payment, open the page again",
                                FormatPounds(was.amount), FormatLongDate(was.paid_on)));
      }
      auto owed = ledger::TotalOwed(*receivables);
      if (!owed) return tl::unexpected(owed.error());
      out = std::move(was);
      out.person = person;
      out.person_name = *name;
      out.owed_now = *owed;
      out.replayed = true;
      out.sentence = ledger::ContributionPaidSentence(*name, out.amount, out.paid_on, *owed);
      return Ok();
    }
    // A new key with the amount and day of a payment already recorded is most likely the same
    // bank payment entered again (two officers, or one on two days): asked about, not recorded.
    auto recorded = RecordedContributionPayments(tx, council, *receivables);
    if (!recorded) return tl::unexpected(recorded.error());
    if (const auto* alike = ledger::AlikePayment(*checked, *recorded)) {
      return tl::unexpected(ledger::AlreadyRecordedError(*alike));
    }
    auto paid_in = CouncilAccount(tx, council, ledger::AccountType::kContributionsPaidIn,
                                  kContributionsPaidInName, ids_, clock_.Now());
    if (!paid_in) return tl::unexpected(paid_in.error());
    auto plan = ledger::PlanContributionPayment(*checked, *receivables, *paid_in,
                                                {council, clock_.Now(), ctx.actor.user_id});
    if (!plan) return tl::unexpected(plan.error());
    if (auto s = FirstRefusal(tx.Ledger().CreateTransfers(plan->transfers)); !s) return s;
    out.person = person;
    out.person_name = *name;
    out.payment_id = plan->payment_id;
    out.amount = plan->amount;
    out.paid_on = plan->paid_on;
    out.reference = plan->reference;
    out.owed_now = plan->owed_after;
    out.sentence =
        ledger::ContributionPaidSentence(*name, plan->amount, plan->paid_on, plan->owed_after);
    AuditEntry e = MakeAuditEntry(
        ctx, council, clock_.Now(), "payments.contribution.paid", "person", person.str(),
        AuditOutcome::kAllowed,
        fmt::format("recorded {} paid towards their contribution on {}{}",
                    FormatPounds(plan->amount), FormatIsoDate(plan->paid_on),
                    plan->reference.empty() ? std::string()
                                            : fmt::format(" (reference {})", plan->reference)));
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ContributionAccount> Payments::ContributionAccountOf(const Context& ctx,
                                                            const PersonId& person) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPaymentDetailsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  const CouncilId& council = ctx.actor.council_id;
  ContributionAccount out;
  out.person = person;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto name = PersonName(tx, council, person);
    if (!name) return tl::unexpected(name.error());
    out.person_name = *name;
    auto receivables = ContributionReceivablesOf(tx, council, person);
    if (!receivables) return tl::unexpected(receivables.error());
    auto net = ledger::NetOwed(*receivables);
    if (!net) return tl::unexpected(net.error());
    out.owed = net->value() > 0 ? *net : Pence(0);
    if (net->value() < 0) {
      auto credit = net->Negated();
      if (!credit) return tl::unexpected(credit.error());
      out.in_credit = *credit;
    }
    auto recorded = RecordedContributionPayments(tx, council, *receivables);
    if (!recorded) return tl::unexpected(recorded.error());
    Pence paid;
    for (const ledger::RecordedPayment& p : *recorded) {
      auto all = paid.Plus(p.amount);
      if (!all) return tl::unexpected(all.error());
      paid = *all;
    }
    auto charged = net->Plus(paid);
    if (!charged) return tl::unexpected(charged.error());
    out.charged = *charged;
    out.payments = std::move(*recorded);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  auto audited = store_.Write([&](store::Transaction& tx) -> Status {
    AuditEntry e = MakeAuditEntry(ctx, council, clock_.Now(), "payments.contribution.read",
                                  "person", person.str(), AuditOutcome::kAllowed,
                                  "looked at what the person owes and has paid towards their "
                                  "contribution");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!audited) return tl::unexpected(audited.error());
  return out;
}

Result<Payments::FinanceSettings> Payments::Settings(const Context& ctx) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) {
    if (auto admin = PermitInCouncil(ctx, Action::kFinanceSettingsManage); !admin) {
      return tl::unexpected(a.error());
    }
  }
  FinanceSettings out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    const CouncilId& council = ctx.actor.council_id;
    auto threshold = ThresholdOf(tx, council);
    if (!threshold) return tl::unexpected(threshold.error());
    out.approval_threshold = *threshold;
    auto tolerance = tx.Invoices().Tolerance(council);
    if (!tolerance) return tl::unexpected(tolerance.error());
    out.invoice_tolerance = tolerance->value_or(ledger::InvoiceTolerance{});
    auto every = RunEveryDaysOf(tx, council);
    if (!every) return tl::unexpected(every.error());
    out.run_every_days = *every;
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<Pence> Payments::ApprovalThreshold(const Context& ctx) {
  return Settings(ctx).map([](const FinanceSettings& f) { return f.approval_threshold; });
}

Status Payments::SetApprovalThreshold(const Context& ctx, Pence threshold) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kFinanceSettingsManage,
                         Resource::Council(ctx.actor.council_id), "finance-settings",
                         ctx.actor.council_id.str());
      !a) {
    return a;
  }
  if (threshold.value() < 0) {
    return FailFields({{"approval_threshold_pence", "Enter an amount of £0.00 or more"}});
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    if (auto s = tx.Payments().SetApprovalThreshold(ctx.actor.council_id, threshold, clock_.Now(),
                                                    ctx.actor.user_id);
        !s) {
      return s;
    }
    return Append(
        tx, MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "finance-settings.set",
                           "finance-settings", ctx.actor.council_id.str(), AuditOutcome::kAllowed,
                           fmt::format("payment runs above {} need a second finance officer",
                                       FormatPounds(threshold))));
  });
}

Result<ledger::InvoiceTolerance> Payments::InvoiceTolerance(const Context& ctx) {
  return Settings(ctx).map([](const FinanceSettings& f) { return f.invoice_tolerance; });
}

Result<int> Payments::RunEveryDays(const Context& ctx) {
  return Settings(ctx).map([](const FinanceSettings& f) { return f.run_every_days; });
}

Status Payments::SetFinanceSettings(const Context& ctx, const FinanceSettingsChange& change) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kFinanceSettingsManage,
                         Resource::Council(ctx.actor.council_id), "finance-settings",
                         ctx.actor.council_id.str());
      !a) {
    return a;
  }
  const CouncilId& council = ctx.actor.council_id;
  return store_.Write([&](store::Transaction& tx) -> Status {
    std::vector<FieldError> errors;
    if (change.approval_threshold && change.approval_threshold->value() < 0) {
      errors.push_back({"approval_threshold_pence", "Enter an amount of £0.00 or more"});
    }
    std::optional<ledger::InvoiceTolerance> tolerance;
    if (change.tolerance_basis_points || change.tolerance_minimum) {
      auto set = tx.Invoices().Tolerance(council);
      if (!set) return tl::unexpected(set.error());
      tolerance = set->value_or(ledger::InvoiceTolerance{});
      if (change.tolerance_basis_points) tolerance->basis_points = *change.tolerance_basis_points;
      if (change.tolerance_minimum) tolerance->minimum = *change.tolerance_minimum;
      if (auto checked = ledger::CheckTolerance(*tolerance); !checked) {
        for (const FieldError& f : checked.error().fields) errors.push_back(f);
      }
    }
    if (change.run_every_days) {
      if (auto checked = ledger::CheckRunEveryDays(*change.run_every_days); !checked) {
        for (const FieldError& f : checked.error().fields) errors.push_back(f);
      }
    }
    if (!errors.empty()) return FailFields(std::move(errors));
    if (change.run_every_days) {
      const int every = static_cast<int>(*change.run_every_days);
      if (auto s = tx.Payments().SetRunEveryDays(council, every, clock_.Now(), ctx.actor.user_id);
          !s) {
        return s;
      }
      if (auto audited = Append(
              tx, MakeAuditEntry(ctx, council, clock_.Now(), "finance-settings.set",
                                 "finance-settings", council.str(), AuditOutcome::kAllowed,
                                 fmt::format("payments are run every {} {}: each run pays what "
                                             "begins before the next",
                                             every, every == 1 ? "day" : "days")));
          !audited) {
        return audited;
      }
    }
    if (change.approval_threshold) {
      if (auto s = tx.Payments().SetApprovalThreshold(council, *change.approval_threshold,
                                                      clock_.Now(), ctx.actor.user_id);
          !s) {
        return s;
      }
      if (auto audited = Append(
              tx, MakeAuditEntry(ctx, council, clock_.Now(), "finance-settings.set",
                                 "finance-settings", council.str(), AuditOutcome::kAllowed,
                                 fmt::format("payment runs above {} need a second finance officer",
                                             FormatPounds(*change.approval_threshold))));
          !audited) {
        return audited;
      }
    }
    if (tolerance) {
      if (auto s = tx.Invoices().SetTolerance(council, *tolerance, clock_.Now(), ctx.actor.user_id);
          !s) {
        return s;
      }
      return Append(
          tx,
          MakeAuditEntry(ctx, council, clock_.Now(), "finance-settings.set", "finance-settings",
                         council.str(), AuditOutcome::kAllowed,
                         fmt::format("provider invoices more than {} basis points (and at "
                                     "least {}) away from the plan's price are held",
                                     tolerance->basis_points, FormatPounds(tolerance->minimum))));
    }
    return {};
  });
}

namespace {

Result<Date> RunDateOf(const std::string& text) {
  auto d = ParseIsoDate(text);
  if (!d)
    return FailFields({{"date", "Enter the date of the run as a real date, like 2026-12-01"}});
  return *d;
}

}  // namespace

Result<RunView> Payments::Preview(const Context& ctx, const std::string& date) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) return tl::unexpected(a.error());
  auto d = RunDateOf(date);
  if (!d) return tl::unexpected(d.error());
  return Preview(ctx, *d);
}

Result<RunView> Payments::Start(const Context& ctx, const std::string& date) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) {
    return Start(ctx, Date{});  // refused there, and the refusal audited
  }
  auto d = RunDateOf(date);
  if (!d) return tl::unexpected(d.error());
  return Start(ctx, *d);
}

Result<RunView> Payments::Preview(const Context& ctx, Date date) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) return tl::unexpected(a.error());
  RunView view;
  view.date = date;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto computed = Compute(tx, ctx.actor.council_id, date);
    if (!computed) return tl::unexpected(computed.error());
    view.pays_through = computed->pays_through;
    view.pays_through_sentence = ledger::PaysThroughSentence(date, computed->pays_through);
    auto totals = ledger::Summarise(computed->lines);
    if (!totals) return tl::unexpected(totals.error());
    view.totals = *totals;
    if (!computed->to_commit.empty()) {
      auto year = YearCommitments(tx, ctx.actor.council_id, FinancialYearOf(date),
                                  computed->to_commit, clock_.Now(), ctx.actor.user_id, ids_);
      if (!year) return tl::unexpected(year.error());
      year->made.sentence = YearSentence(year->made, false);
      view.year_commitment = std::move(year->made);
    }
    auto threshold = ThresholdOf(tx, ctx.actor.council_id);
    if (!threshold) return tl::unexpected(threshold.error());
    view.threshold = *threshold;
    view.needs_second_approval = ledger::NeedsSecondApproval(totals->total, *threshold);
    auto open = tx.Payments().OpenRuns(ctx.actor.council_id);
    if (!open) return tl::unexpected(open.error());
    if (!open->empty()) view.open_run = open->front();
    return Describe(tx, ctx.actor.council_id, computed->lines, computed->overpaid, view);
  });
  if (!s) return tl::unexpected(s.error());
  return view;
}

Result<RunView> Payments::ViewOf(store::Transaction& tx, const PaymentRun& run, bool with_lines) {
  RunView view;
  view.run = run;
  view.date = run.date;
  view.pays_through = run.pays_through;
  view.pays_through_sentence = ledger::PaysThroughSentence(run.date, run.pays_through);
  view.threshold = run.threshold;
  view.needs_second_approval = ledger::NeedsSecondApproval(run.total, run.threshold);
  view.totals.budgets = run.budgets;
  view.totals.payments = run.payments;
  view.totals.total = run.total;
  view.totals.held = run.held;
  if (with_lines) {
    auto lines = tx.Payments().RunLines(run.council, run.id);
    if (!lines) return tl::unexpected(lines.error());
    auto overpaid = tx.Payments().RunOverpayments(run.council, run.id);
    if (!overpaid) return tl::unexpected(overpaid.error());
    return ViewOf(tx, run, *lines, *overpaid);
  }
  auto started = UserName(tx, run.council, run.started_by, "the command line");
  if (!started) return tl::unexpected(started.error());
  view.started_by_name = *started;
  if (run.approved_at) {
    auto approved = UserName(tx, run.council, run.approved_by, "the command line");
    if (!approved) return tl::unexpected(approved.error());
    view.approved_by_name = *approved;
  }
  if (run.status == RunStatus::kReleasing || run.status == RunStatus::kReleased) {
    auto released = UserName(tx, run.council, run.released_by, "the command line");
    if (!released) return tl::unexpected(released.error());
    view.released_by_name = *released;
  }
  return view;
}

Result<RunView> Payments::ViewOf(store::Transaction& tx, const PaymentRun& run,
                                 std::span<const RunLine> lines,
                                 std::span<const ledger::RunOverpaid> overpaid) {
  auto view = ViewOf(tx, run, false);
  if (!view) return view;
  auto totals = ledger::Summarise(lines);
  if (!totals) return tl::unexpected(totals.error());
  view->totals = *totals;
  if (auto s = Describe(tx, run.council, lines, overpaid, *view); !s) {
    return tl::unexpected(s.error());
  }
  return view;
}

Result<RunView> Payments::Start(const Context& ctx, Date date) { return Start(ctx, date, true); }

Result<RunView> Payments::Start(const Context& ctx, Date date, bool describe_lines) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPaymentsManage,
                         Resource::Council(ctx.actor.council_id), "payment-run", "new");
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<RunView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    const CouncilId& council = ctx.actor.council_id;
    auto same = tx.Payments().RunForDate(council, date);
    if (!same) return tl::unexpected(same.error());
    if (*same) {
      return Fail(ErrorCode::kConflict,
                  (*same)->status == RunStatus::kReleased
                      ? fmt::format("Payments for {} were already run and released on {}: "
                                    "running the date again would pay nothing new",
                                    FormatLongDate(date),
                                    FormatLongDate(Date{std::chrono::floor<std::chrono::days>(
                                        (*same)->released_at.value_or((*same)->started_at))}))
                      : fmt::format("There is already a run for {} ({}): open it from the list "
                                    "of runs",
                                    FormatLongDate(date), ledger::RunStatusLabel((*same)->status)));
    }
    auto open = tx.Payments().OpenRuns(council);
    if (!open) return tl::unexpected(open.error());
    if (!open->empty()) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("The run for {} is not finished ({}): release or reject it before "
                              "starting another",
                              FormatLongDate(open->front().date),
                              ledger::RunStatusLabel(open->front().status)));
    }
    auto computed = Compute(tx, council, date);
    if (!computed) return tl::unexpected(computed.error());
    auto totals = ledger::Summarise(computed->lines);
    if (!totals) return tl::unexpected(totals.error());
    if (totals->to_post == 0 && totals->held == 0) {
      return Fail(
          ErrorCode::kFailedPrecondition,
          fmt::format("Nothing is due on or before {}{}: every budget in payment has "
                      "been paid up to that date",
                      FormatLongDate(computed->pays_through),
                      computed->pays_through == date ? "" : ", the day before the next run"));
    }
    auto threshold = ThresholdOf(tx, council);
    if (!threshold) return tl::unexpected(threshold.error());
    PaymentRun run;
    run.council = council;
    run.id = PaymentRunId(ids_.Next());
    run.date = date;
    run.pays_through = computed->pays_through;
    run.threshold = *threshold;
    run.status = ledger::NeedsSecondApproval(totals->total, *threshold)
                     ? RunStatus::kAwaitingApproval
                     : RunStatus::kReady;
    run.started_at = clock_.Now();
    run.started_by = ctx.actor.user_id;
    run.budgets = totals->budgets;
    run.payments = totals->payments;
    run.total = totals->total;
    run.held = totals->held;
    if (auto created = tx.Payments().CreateRun(run, computed->lines, computed->overpaid);
        !created) {
      return created;
    }
    // The first run of a financial year commits that year's money for every budget committed
    // only to an earlier one, in this transaction: a run started twice commits once.
    std::optional<YearCommitmentMade> year_made;
    if (!computed->to_commit.empty()) {
      auto year = YearCommitments(tx, council, FinancialYearOf(date), computed->to_commit,
                                  clock_.Now(), ctx.actor.user_id, ids_);
      if (!year) return tl::unexpected(year.error());
      auto results = tx.Ledger().CreateTransfers(year->transfers);
      if (!results) return tl::unexpected(results.error());
      for (std::size_t i = 0; i < results->size(); ++i) {
        if (!(*results)[i]) {
          return Fail((*results)[i].error().code,
                      fmt::format("The commitment {} could not be made: {}",
                                  year->transfers[i].id.str(), (*results)[i].error().message));
        }
      }
      for (BudgetRecord& b : computed->to_commit) {
        b.committed_year = year->made.year.start_year();
        if (auto saved = tx.Payments().UpdateBudget(b); !saved) return saved;
      }
      year->made.sentence = YearSentence(year->made, true);
      if (auto audited =
              Append(tx, MakeAuditEntry(ctx, council, clock_.Now(), "payments.year.commit",
                                        "payment-run", run.id.str(), AuditOutcome::kAllowed,
                                        fmt::format("committed the council's money for {} for {} "
                                                    "budgets in payment: {}",
                                                    year->made.year.Label(), year->made.budgets,
                                                    FormatPounds(year->made.committed))));
          !audited) {
        return audited;
      }
      year_made = std::move(year->made);
    }
    if (auto audited =
            Append(tx, MakeAuditEntry(ctx, council, clock_.Now(), "payments.run.start",
                                      "payment-run", run.id.str(), AuditOutcome::kAllowed,
                                      fmt::format("started the payment run for {}: {} payments, {}",
                                                  FormatIsoDate(date), totals->payments,
                                                  FormatPounds(totals->total))));
        !audited) {
      return audited;
    }
    // A run that must wait for approval is described whoever starts it: the command line
    // stops there and shows it.
    auto view = describe_lines || run.status != RunStatus::kReady
                    ? ViewOf(tx, run, computed->lines, computed->overpaid)
                    : ViewOf(tx, run, false);
    if (!view) return tl::unexpected(view.error());
    view->year_commitment = std::move(year_made);
    out = std::move(*view);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<RunView> Payments::Change(const Context& ctx, const PaymentRunId& id, const char* what,
                                 const std::function<Status(PaymentRun&)>& change,
                                 bool with_lines) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPaymentsManage,
                         Resource::Council(ctx.actor.council_id), "payment-run", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<RunView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().FindRun(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchRun();
    PaymentRun run = std::move(**found);
    if (auto changed = change(run); !changed) return changed;
    if (auto saved = tx.Payments().UpdateRun(run); !saved) return saved;
    if (auto audited = Append(
            tx, MakeAuditEntry(
                    ctx, run.council, clock_.Now(), fmt::format("payments.run.{}", what),
                    "payment-run", run.id.str(), AuditOutcome::kAllowed,
                    fmt::format("{} the payment run for {}", what, FormatIsoDate(run.date))));
        !audited) {
      return audited;
    }
    auto view = ViewOf(tx, run, with_lines);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<RunView> Payments::Approve(const Context& ctx, const PaymentRunId& run) {
  return Change(ctx, run, "approve", [&](PaymentRun& r) -> Status {
    if (r.status != RunStatus::kAwaitingApproval) {
      return Fail(ErrorCode::kConflict, fmt::format("This run does not need approval: it is {}",
                                                    ledger::RunStatusLabel(r.status)));
    }
    if (!r.started_by.empty() && r.started_by == ctx.actor.user_id) {
      return Fail(ErrorCode::kConflict,
                  "A second finance officer must approve a run you started: ask a colleague "
                  "to approve it");
    }
    r.status = RunStatus::kReady;
    r.approved_at = clock_.Now();
    r.approved_by = ctx.actor.user_id;
    return {};
  });
}

Result<RunView> Payments::Reject(const Context& ctx, const PaymentRunId& run,
                                 const std::string& reason) {
  const std::string trimmed = Trim(reason);
  if (trimmed.empty()) {
    return FailFields({{"reason", "Say why the run is rejected, so that it can be put right"}});
  }
  if (trimmed.size() > 1000) {
    return FailFields({{"reason", "The reason must be 1,000 characters or fewer"}});
  }
  return Change(ctx, run, "reject", [&](PaymentRun& r) -> Status {
    if (r.status != RunStatus::kAwaitingApproval && r.status != RunStatus::kReady) {
      return Fail(ErrorCode::kConflict, fmt::format("This run can no longer be rejected: it is {}",
                                                    ledger::RunStatusLabel(r.status)));
    }
    r.status = RunStatus::kRejected;
    r.rejected_reason = trimmed;
    return {};
  });
}

Result<RunView> Payments::Release(const Context& ctx, const PaymentRunId& id,
                                  const ReleaseProgress& progress) {
  // 1. Mark the run as being released (or find it half released, and resume).
  auto marked = Change(
      ctx, id, "release",
      [&](PaymentRun& r) -> Status {
        if (r.status == RunStatus::kReleasing) return {};
        if (r.status != RunStatus::kReady) {
          return Fail(
              ErrorCode::kConflict,
              r.status == RunStatus::kAwaitingApproval
                  ? std::string("This run is above the approval threshold: a second finance "
                                "officer must approve it before it is released")
                  : fmt::format("This run cannot be released: it is {}",
                                ledger::RunStatusLabel(r.status)));
        }
        r.status = RunStatus::kReleasing;
        r.released_by = ctx.actor.user_id;
        return {};
      },
      /*with_lines=*/false);  // the lines are read below, once
  if (!marked) return marked;
  const CouncilId council = ctx.actor.council_id;

  // 2. Post the lines not yet posted, in their order, a chunk per transaction; each chunk's
  //    transaction also moves the run's mark to its last line (MarkPostedThrough). The lines
  //    carry their accounts: no budget is read.
  std::vector<RunLine> lines;
  const PaymentRun run = *marked->run;
  auto read = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().RunLines(council, id);
    if (!found) return tl::unexpected(found.error());
    lines = std::move(*found);
    return {};
  });
  if (!read) return tl::unexpected(read.error());
  std::vector<RunLine*> pending;
  std::int64_t to_post = 0, posted = 0;
  for (RunLine& l : lines) {
    if (l.held()) continue;
    ++to_post;
    if (l.posted) {
      ++posted;
    } else {
      pending.push_back(&l);
    }
  }
  if (progress) progress(posted, to_post);
  for (std::size_t first = 0; first < pending.size(); first += kReleaseChunk) {
    const std::size_t last = std::min(pending.size(), first + kReleaseChunk);
    std::vector<ledger::Transfer> batch;
    batch.reserve(last - first);
    const Timestamp now = clock_.Now();
    for (std::size_t i = first; i < last; ++i) {
      auto t = ledger::TransferFor(*pending[i], council, id, run.date, now, ctx.actor.user_id);
      if (!t) return tl::unexpected(t.error());
      batch.push_back(std::move(*t));
    }
    auto s = store_.Write([&](store::Transaction& tx) -> Status {
      auto results = tx.Ledger().CreateTransfers(batch);
      if (!results) return tl::unexpected(results.error());
      for (std::size_t i = 0; i < results->size(); ++i) {
        if (!(*results)[i]) {
          return Fail((*results)[i].error().code,
                      fmt::format("The payment {} could not be posted: {}. Nothing in this part "
                                  "of the run was posted; put it right and release again",
                                  batch[i].id.str(), (*results)[i].error().message));
        }
      }
      return tx.Payments().MarkPostedThrough(council, id, pending[last - 1]->seq);
    });
    if (!s) return tl::unexpected(s.error());
    for (std::size_t i = first; i < last; ++i) pending[i]->posted = true;
    posted += static_cast<std::int64_t>(last - first);
    if (progress) progress(posted, to_post);
  }

  // 3. The file, and the run released.
  std::optional<RunView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().FindRun(council, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchRun();
    PaymentRun r = std::move(**found);
    if (r.status == RunStatus::kReleasing) {
      auto details = tx.Payments().AllPaymentDetails(council);
      if (!details) return tl::unexpected(details.error());
      if (auto saved = tx.Payments().SaveRunFile(council, id, ledger::PaymentFile(lines, *details));
          !saved) {
        return saved;
      }
      r.status = RunStatus::kReleased;
      r.released_at = clock_.Now();
      if (auto saved = tx.Payments().UpdateRun(r); !saved) return saved;
      if (auto audited = Append(
              tx, MakeAuditEntry(
                      ctx, council, clock_.Now(), "payments.run.released", "payment-run",
                      r.id.str(), AuditOutcome::kAllowed,
                      fmt::format("released the payment run for {}: {} payments, {}",
                                  FormatIsoDate(r.date), r.payments, FormatPounds(r.total))));
          !audited) {
        return audited;
      }
    }
    // Every line is posted or held now, as `lines` says: no need to read them again.
    auto overpaid = tx.Payments().RunOverpayments(council, id);
    if (!overpaid) return tl::unexpected(overpaid.error());
    auto view = ViewOf(tx, r, lines, *overpaid);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<RunView> Payments::Get(const Context& ctx, const PaymentRunId& id) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) return tl::unexpected(a.error());
  std::optional<RunView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().FindRun(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchRun();
    auto view = ViewOf(tx, **found, true);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<RunPaymentsPage> Payments::RunPayments(const Context& ctx, const PaymentRunId& id,
                                              ledger::RunLinesQuery query, int page, int per_page) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) return tl::unexpected(a.error());
  query.name = Trim(query.name);
  if (query.name.size() > RunPaymentsPage::kMostNameLength) {
    return FailFields({{"name", fmt::format("Enter {} characters or fewer of the name",
                                            RunPaymentsPage::kMostNameLength)}});
  }
  const CouncilId& council = ctx.actor.council_id;
  RunPaymentsPage out;
  out.per_page = std::max(per_page, 1);
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().FindRun(council, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchRun();
    auto total = tx.Payments().CountRunLines(council, id, query);
    if (!total) return tl::unexpected(total.error());
    out.total = *total;
    out.pages = static_cast<int>(std::clamp<std::int64_t>(
        (out.total + out.per_page - 1) / out.per_page, 1, std::numeric_limits<int>::max()));
    out.page = std::clamp(page, 1, out.pages);
    query.offset = static_cast<std::int64_t>(out.page - 1) * out.per_page;
    query.limit = out.per_page;
    auto lines = tx.Payments().RunLinesPage(council, id, query);
    if (!lines) return tl::unexpected(lines.error());
    auto found_names = NamesOf(tx, council, std::span<const RunLine>(*lines));
    if (!found_names) return tl::unexpected(found_names.error());
    auto& names = *found_names;
    out.payments.reserve(lines->size());
    for (RunLine& l : *lines) {
      std::string name = names[l.person.str()];
      out.payments.push_back({std::move(l), std::move(name)});
    }
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<RunView>> Payments::Runs(const Context& ctx) {
  if (auto a = PermitInCouncil(ctx, Action::kPaymentsManage); !a) return tl::unexpected(a.error());
  std::vector<RunView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto runs = tx.Payments().Runs(ctx.actor.council_id, 50);
    if (!runs) return tl::unexpected(runs.error());
    for (const PaymentRun& r : *runs) {
      auto view = ViewOf(tx, r, false);
      if (!view) return tl::unexpected(view.error());
      out.push_back(std::move(*view));
    }
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<PaymentFileDownload> Payments::File(const Context& ctx, const PaymentRunId& id) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPaymentsManage,
                         Resource::Council(ctx.actor.council_id), "payment-run", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  PaymentFileDownload out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().FindRun(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchRun();
    if ((*found)->status != RunStatus::kReleased) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("The payment file is made when the run is released; this run is {}",
                              ledger::RunStatusLabel((*found)->status)));
    }
    auto file = tx.Payments().RunFile(ctx.actor.council_id, id);
    if (!file) return tl::unexpected(file.error());
    out.csv = std::move(*file);
    out.file_name = fmt::format("payments-{}.csv", FormatIsoDate((*found)->date));
    // Bank details leave the system in this file: who took it is recorded.
    return Append(tx, MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "payments.run.file",
                                     "payment-run", id.str(), AuditOutcome::kAllowed,
                                     "downloaded the payment file of the run for " +
                                         FormatIsoDate((*found)->date)));
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

namespace {

const char* StatusWords(const RunLine& l) {
  if (l.held()) return "Held";
  return l.posted ? "Paid" : "To be paid";
}

const char* PayeeWords(ledger::Payee payee) {
  switch (payee) {
    case ledger::Payee::kHoldingAccount:
      return "Direct payment account";
    case ledger::Payee::kHoldingOrganisation:
      return "Organisation holding the budget";
    case ledger::Payee::kPerson:
      return "Owed by the person";
  }
  return "";
}

}  // namespace

Result<PaymentFileDownload> Payments::Report(const Context& ctx, const PaymentRunId& id) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPaymentsManage,
                         Resource::Council(ctx.actor.council_id), "payment-run", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  const CouncilId& council = ctx.actor.council_id;
  PaymentFileDownload out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Payments().FindRun(council, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchRun();
    auto lines = tx.Payments().RunLines(council, id);
    if (!lines) return tl::unexpected(lines.error());
    auto found_names = NamesOf(tx, council, std::span<const RunLine>(*lines));
    if (!found_names) return tl::unexpected(found_names.error());
    auto& names = *found_names;
    out.csv = "Person,Person id,Kind,Paid to,From,To,Amount,Status,Why it is held\r\n";
    out.csv.reserve(lines->size() * 160);
    for (const RunLine& l : *lines) {
      AppendCsvField(out.csv, SpreadsheetText(names[l.person.str()]));
      out.csv += ',';
      out.csv += l.person.str();
      out.csv += ',';
      out.csv += ledger::PaymentKindLabel(l.kind);
      out.csv += ',';
      out.csv += PayeeWords(l.payee);
      out.csv += ',';
      out.csv += FormatIsoDate(l.covers_from);
      out.csv += ',';
      out.csv += FormatIsoDate(l.covers_to);
      out.csv += ',';
      out.csv += FormatDecimal(l.amount);
      out.csv += ',';
      out.csv += StatusWords(l);
      out.csv += ',';
      AppendCsvField(out.csv, SpreadsheetText(l.held_reason));
      out.csv += "\r\n";
    }
    out.file_name = fmt::format("payment-run-{}-payments.csv", FormatIsoDate((*found)->date));
    // Names and amounts leave the system in this file: who took it is recorded.
    return Append(tx, MakeAuditEntry(ctx, council, clock_.Now(), "payments.run.report",
                                     "payment-run", id.str(), AuditOutcome::kAllowed,
                                     fmt::format("downloaded the list of the {} payments of "
                                                 "the run for {}",
                                                 lines->size(), FormatIsoDate((*found)->date))));
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<RunView> Payments::RunDate(const Context& ctx, Date date, const ReleaseProgress& progress) {
  if (ctx.actor.council_id.empty()) {
    return FailFields({{"council", "Name the council whose payments to run"}});
  }
  std::optional<PaymentRun> existing;
  auto read = store_.Read([&](store::Transaction& tx) -> Status {
    auto same = tx.Payments().RunForDate(ctx.actor.council_id, date);
    if (!same) return tl::unexpected(same.error());
    existing = std::move(*same);
    return {};
  });
  if (!read) return tl::unexpected(read.error());
  if (existing &&
      (existing->status == RunStatus::kReady || existing->status == RunStatus::kReleasing)) {
    return Release(ctx, existing->id, progress);
  }
  // A run that is ready is released at once and the release describes its lines, so the start
  // does not describe them first.
  auto started = Start(ctx, date, false);
  if (!started) return started;
  if (started->run->status != RunStatus::kReady) return started;
  return Release(ctx, started->run->id, progress);
}

}  // namespace selfdirect::app
