#include "selfdirect/app/invoices.h"

#include <fmt/format.h>

#include <algorithm>

#include "selfdirect/core/text.h"

namespace selfdirect::app {
namespace {

using ledger::Invoice;
using ledger::InvoiceStatus;

constexpr int kRecentInvoices = 50;
constexpr int kHeldInvoices = 500;
constexpr int kExportsListed = 20;
constexpr std::size_t kMaxReason = 1000;

tl::unexpected<Error> NoSuchInvoice() {
  return Fail(ErrorCode::kNotFound, "There is no invoice at this address");
}

Status Append(store::Transaction& tx, AuditEntry entry) { return tx.Audit().Append(entry); }

// The budget an invoice's first day falls in: the person's budget that started on or before it
// and had not ended by then, else their newest.
std::optional<ledger::BudgetRecord> BudgetFor(std::vector<ledger::BudgetRecord> budgets, Date day) {
  if (budgets.empty()) return std::nullopt;
  for (ledger::BudgetRecord& b : budgets) {  // newest first
    if (b.start <= day && (!b.end || day <= *b.end)) return std::move(b);
  }
  return std::move(budgets.front());
}

// The plan in force on `day`: the terms from on or before it, else the first terms.
std::optional<PlanId> PlanFor(const ledger::BudgetRecord& budget, Date day) {
  if (budget.terms.empty()) return std::nullopt;
  const ledger::StoredTerms* found = &budget.terms.front();
  for (const ledger::StoredTerms& t : budget.terms) {
    if (t.terms.from <= day) found = &t;
  }
  return found->plan;
}

// The provider's payable account (owned by the provider, named as the invoice names it),
// opened on first need.
Result<LedgerAccountId> ProviderPayable(store::Transaction& tx, const Invoice& invoice,
                                        Timestamp now, UlidGenerator& ids) {
  const ledger::Owner owner{ledger::OwnerKind::kProvider, invoice.facts.provider_key};
  auto accounts = tx.Ledger().FindAccountsByOwner(invoice.council, owner);
  if (!accounts) return tl::unexpected(accounts.error());
  for (const ledger::Account& a : *accounts) {
    if (a.type == ledger::AccountType::kProviderPayable && !a.closed()) return a.id;
  }
  ledger::Account a;
  a.council = invoice.council;
  a.id = LedgerAccountId(ids.Next());
  a.type = ledger::AccountType::kProviderPayable;
  a.owner = owner;
  a.name = invoice.facts.provider_name;
  a.flags = ledger::DefaultFlags(a.type);
  a.created_at = now;
  if (auto created = tx.Ledger().CreateAccount(a); !created) {
    return tl::unexpected(created.error());
  }
  return a.id;
}

std::string Described(const Invoice& i) {
  return fmt::format("invoice {} from {} for {}", i.facts.number, i.facts.provider_name,
                     FormatPounds(i.facts.total));
}

}  // namespace

Result<ledger::InvoiceTolerance> Invoices::ToleranceOf(store::Transaction& tx,
                                                       const CouncilId& council) {
  auto set = tx.Invoices().Tolerance(council);
  if (!set) return tl::unexpected(set.error());
  return set->value_or(ledger::InvoiceTolerance{});
}

Status Invoices::Post(store::Transaction& tx, Invoice& invoice, const UserId& by) {
  if (!invoice.budget) {
    return Fail(ErrorCode::kFailedPrecondition,
                "The person has no budget in payment to pay this invoice from: it cannot be "
                "posted");
  }
  auto budgets = tx.Payments().BudgetsOf(invoice.council, invoice.facts.person);
  if (!budgets) return tl::unexpected(budgets.error());
  const auto budget =
      std::find_if(budgets->begin(), budgets->end(),
                   [&](const ledger::BudgetRecord& b) { return b.id == *invoice.budget; });
  if (budget == budgets->end()) {
    return Fail(ErrorCode::kInternal, "The invoice's budget is missing");
  }
  auto payable = ProviderPayable(tx, invoice, clock_.Now(), ids_);
  if (!payable) return tl::unexpected(payable.error());
  const ledger::Transfer t =
      ledger::InvoiceTransfer(invoice, budget->commitment_account, *payable, clock_.Now(), by);
  auto results = tx.Ledger().CreateTransfers(std::span<const ledger::Transfer>(&t, 1));
  if (!results) return tl::unexpected(results.error());
  if (!results->front()) {
    return Fail(results->front().error().code,
                "The books refused the invoice: " + results->front().error().message);
  }
  invoice.transfer = t.id;
  return Ok();
}

Result<Invoice> Invoices::RecordIn(store::Transaction& tx, const Context& ctx,
                                   const ledger::InvoiceFacts& facts, ledger::InvoiceSource source,
                                   const std::string& prefix) {
  const CouncilId& council = ctx.actor.council_id;
  const std::string row = prefix.empty() ? "" : "Row " + prefix.substr(5, prefix.size() - 7) + ": ";
  auto person = tx.Casework().FindPerson(council, facts.person);
  if (!person) return tl::unexpected(person.error());
  if (!*person) {
    return FailFields({{prefix + "person_id", row + "No one in the council has the reference " +
                                                  facts.person.str() +
                                                  ": check it against the person's record"}});
  }
  auto before = tx.Invoices().FindByNumber(council, facts.provider_key, facts.number_key);
  if (!before) return tl::unexpected(before.error());
  if (*before) {
    const Invoice& b = **before;
    const std::string when = FormatLongDate(DayOf(b.received_at));
    const std::string message = fmt::format(
        "{}Invoice {} from {} was already recorded on {} ({}): this is a duplicate, "
        "and nothing was recorded again",
        row, b.facts.number, b.facts.provider_name, when, ledger::InvoiceStatusLabel(b.status));
    return tl::unexpected(
        Error{ErrorCode::kConflict, message, {{prefix + "invoice_number", message}}});
  }

  ledger::MatchBasis basis;
  auto budgets = tx.Payments().BudgetsOf(council, facts.person);
  if (!budgets) return tl::unexpected(budgets.error());
  std::optional<ledger::BudgetRecord> budget = BudgetFor(std::move(*budgets), facts.from);
  std::optional<PlanId> plan;
  if (budget) {
    basis.has_budget = true;
    basis.budget_start = budget->start;
    basis.budget_end = budget->end;
    for (const auto& s : budget->suspensions) basis.suspensions.push_back(s.suspension);
    plan = PlanFor(*budget, facts.from);
    if (plan) {
      auto found = tx.Casework().FindPlan(council, *plan);
      if (!found) return tl::unexpected(found.error());
      if (*found) basis.plan_items = (*found)->content.items;
    }
  }
  auto earlier = tx.Invoices().OpenInvoicesOf(council, facts.person, facts.provider_key);
  if (!earlier) return tl::unexpected(earlier.error());
  for (const Invoice& e : *earlier) {
    basis.earlier.push_back({e.facts.number, e.facts.from, e.facts.to});
  }
  auto tolerance = ToleranceOf(tx, council);
  if (!tolerance) return tl::unexpected(tolerance.error());
  const ledger::InvoiceMatch match = ledger::MatchInvoice(facts, basis, *tolerance);

  Invoice invoice;
  invoice.council = council;
  invoice.id = InvoiceId(ids_.Next());
  invoice.facts = facts;
  invoice.status = match.held() ? InvoiceStatus::kHeld : InvoiceStatus::kMatched;
  invoice.hold_reasons = match.reasons;
  if (budget) invoice.budget = budget->id;
  invoice.plan = plan;
  if (match.plan_item) {
    invoice.plan_item = static_cast<std::int64_t>(*match.plan_item);
    invoice.expected = match.expected;
  }
  invoice.source = source;
  invoice.received_at = clock_.Now();
  invoice.received_by = ctx.actor.user_id;
  if (!match.held()) {
    if (auto posted = Post(tx, invoice, ctx.actor.user_id); !posted) {
      return tl::unexpected(posted.error());
    }
  }
  if (auto added = tx.Invoices().AddInvoice(invoice); !added) return tl::unexpected(added.error());
  AuditEntry e = MakeAuditEntry(
      ctx, council, clock_.Now(), "invoice.record", "invoice", invoice.id.str(),
      AuditOutcome::kAllowed,
      match.held() ? fmt::format("recorded {}: held ({} reason{})", Described(invoice),
                                 match.reasons.size(), match.reasons.size() == 1 ? "" : "s")
                   : fmt::format("recorded {}: matched and posted", Described(invoice)));
  e.subject_person_id = facts.person.str();
  if (auto audited = Append(tx, e); !audited) return tl::unexpected(audited.error());
  return invoice;
}

Result<InvoiceView> Invoices::ViewOf(store::Transaction& tx, const Invoice& invoice) {
  InvoiceView v;
  v.invoice = invoice;
  auto person = tx.Casework().FindPerson(invoice.council, invoice.facts.person);
  if (!person) return tl::unexpected(person.error());
  if (*person) v.person_name = (*person)->person.FullName();
  if (invoice.plan && invoice.plan_item) {
    auto plan = tx.Casework().FindPlan(invoice.council, *invoice.plan);
    if (!plan) return tl::unexpected(plan.error());
    if (*plan && *invoice.plan_item < static_cast<std::int64_t>((*plan)->content.items.size())) {
      const auto& item = (*plan)->content.items[static_cast<std::size_t>(*invoice.plan_item)];
      v.plan_item = item.what;
      v.unit = item.unit;
    }
  }
  auto received = UserName(tx, invoice.council, invoice.received_by, "the command line");
  if (!received) return tl::unexpected(received.error());
  v.received_by_name = *received;
  if (invoice.decided_at) {
    auto decided = UserName(tx, invoice.council, invoice.decided_by, "the command line");
    if (!decided) return tl::unexpected(decided.error());
    v.decided_by_name = *decided;
  }
  return v;
}

Result<InvoiceView> Invoices::Record(const Context& ctx, const ledger::InvoiceRequest& request) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kInvoicesManage,
                         Resource::Council(ctx.actor.council_id), "invoice", "new");
      !a) {
    return tl::unexpected(a.error());
  }
  auto facts = ledger::ValidateInvoice(request);
  if (!facts) return tl::unexpected(facts.error());
  if (auto early = ledger::PeriodTooFarAhead(*facts, DayOf(clock_.Now()))) {
    return FailFields({{"period_from", *early}});
  }
  std::optional<InvoiceView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto invoice = RecordIn(tx, ctx, *facts, ledger::InvoiceSource::kForm, "");
    if (!invoice) return tl::unexpected(invoice.error());
    auto view = ViewOf(tx, *invoice);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<InvoiceImportReport> Invoices::Import(const Context& ctx, std::string_view bytes) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kInvoicesManage,
                         Resource::Council(ctx.actor.council_id), "invoice", "file");
      !a) {
    return tl::unexpected(a.error());
  }
  ledger::InvoiceFile file = ledger::ReadInvoiceFile(bytes);
  std::vector<FieldError> errors = std::move(file.problems);
  // Every row's fields, before anything is written.
  std::vector<std::pair<std::int64_t, ledger::InvoiceFacts>> rows;
  for (const ledger::InvoiceRow& r : file.rows) {
    auto facts = ledger::ValidateInvoice(r.request);
    if (!facts) {
      for (const FieldError& f : facts.error().fields) {
        errors.push_back({fmt::format("rows[{}].{}", r.row, f.field),
                          fmt::format("Row {}: {}", r.row, f.message)});
      }
      continue;
    }
    if (auto early = ledger::PeriodTooFarAhead(*facts, DayOf(clock_.Now()))) {
      errors.push_back(
          {fmt::format("rows[{}].period_from", r.row), fmt::format("Row {}: {}", r.row, *early)});
      continue;
    }
    rows.emplace_back(r.row, std::move(*facts));
  }
  const auto refused = [](std::vector<FieldError> all) {
    const std::size_t n = all.size();
    return FailFields(std::move(all),
                      fmt::format("The file has {} problem{}; nothing was recorded. Put {} right "
                                  "and upload the file again",
                                  n, n == 1 ? "" : "s", n == 1 ? "it" : "them all"));
  };
  if (!errors.empty()) return refused(std::move(errors));

  InvoiceImportReport report;
  report.posted = Pence(0);
  std::vector<Invoice> recorded;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    for (const auto& [row, facts] : rows) {
      auto invoice =
          RecordIn(tx, ctx, facts, ledger::InvoiceSource::kFile, fmt::format("rows[{}].", row));
      if (!invoice) {
        if (invoice.error().fields.empty()) return tl::unexpected(invoice.error());
        for (const FieldError& f : invoice.error().fields) errors.push_back(f);
        continue;
      }
      recorded.push_back(std::move(*invoice));
    }
    if (!errors.empty()) return refused(errors);
    for (const Invoice& i : recorded) {
      if (i.status == InvoiceStatus::kHeld) {
        ++report.held;
      } else {
        ++report.matched;
        auto sum = report.posted.Plus(i.facts.total);
        if (!sum) return tl::unexpected(sum.error());
        report.posted = *sum;
      }
      auto view = ViewOf(tx, i);
      if (!view) return tl::unexpected(view.error());
      report.invoices.push_back(std::move(*view));
    }
    return Append(tx, MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "invoice.import",
                                     "invoice", "file", AuditOutcome::kAllowed,
                                     fmt::format("recorded a file of {} invoices: {} matched and "
                                                 "posted ({}), {} held",
                                                 recorded.size(), report.matched,
                                                 FormatPounds(report.posted), report.held)));
  });
  if (!s) return tl::unexpected(s.error());
  return report;
}

Result<InvoiceList> Invoices::List(const Context& ctx) {
  if (auto a = PermitInCouncil(ctx, Action::kInvoicesManage); !a) {
    return tl::unexpected(a.error());
  }
  InvoiceList out;
  out.to_export_total = Pence(0);
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    const CouncilId& council = ctx.actor.council_id;
    auto held = tx.Invoices().InvoicesWithStatus(council, InvoiceStatus::kHeld, kHeldInvoices);
    if (!held) return tl::unexpected(held.error());
    auto recent = tx.Invoices().RecentInvoices(council, kRecentInvoices + kHeldInvoices);
    if (!recent) return tl::unexpected(recent.error());
    for (const Invoice& i : *held) {
      auto view = ViewOf(tx, i);
      if (!view) return tl::unexpected(view.error());
      out.held.push_back(std::move(*view));
    }
    for (const Invoice& i : *recent) {
      if (i.status == InvoiceStatus::kHeld) continue;
      if (out.recent.size() == static_cast<std::size_t>(kRecentInvoices)) break;
      auto view = ViewOf(tx, i);
      if (!view) return tl::unexpected(view.error());
      out.recent.push_back(std::move(*view));
    }
    auto waiting = tx.Invoices().ToExport(council);
    if (!waiting) return tl::unexpected(waiting.error());
    out.to_export = static_cast<std::int64_t>(waiting->size());
    for (const Invoice& i : *waiting) {
      auto sum = out.to_export_total.Plus(i.facts.total);
      if (!sum) return tl::unexpected(sum.error());
      out.to_export_total = *sum;
    }
    auto exports = tx.Invoices().Exports(council, kExportsListed);
    if (!exports) return tl::unexpected(exports.error());
    out.exports = std::move(*exports);
    auto tolerance = ToleranceOf(tx, council);
    if (!tolerance) return tl::unexpected(tolerance.error());
    out.tolerance = *tolerance;
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<InvoiceView> Invoices::Get(const Context& ctx, const InvoiceId& id) {
  if (auto a = PermitInCouncil(ctx, Action::kInvoicesManage); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<InvoiceView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Invoices().FindInvoice(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchInvoice();
    auto view = ViewOf(tx, **found);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<InvoiceView> Invoices::DecideHeld(const Context& ctx, const InvoiceId& id,
                                         const std::string& reason, bool approve) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kInvoicesManage,
                         Resource::Council(ctx.actor.council_id), "invoice", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  const std::string trimmed = Trim(reason);
  if (trimmed.empty()) {
    return FailFields(
        {{"reason", approve ? "Say why the invoice should be paid despite what held it"
                            : "Say why the invoice is rejected, so that the "
                              "provider can be told"}});
  }
  if (trimmed.size() > kMaxReason) {
    return FailFields({{"reason", "The reason must be 1,000 characters or fewer"}});
  }
  std::optional<InvoiceView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Invoices().FindInvoice(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchInvoice();
    Invoice invoice = std::move(**found);
    if (invoice.status != InvoiceStatus::kHeld) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("This invoice is not waiting for a decision: it is {}",
                              ledger::InvoiceStatusLabel(invoice.status)));
    }
    invoice.status = approve ? InvoiceStatus::kApproved : InvoiceStatus::kRejected;
    invoice.decided_at = clock_.Now();
    invoice.decided_by = ctx.actor.user_id;
    invoice.decision_reason = trimmed;
    if (approve) {
      if (auto posted = Post(tx, invoice, ctx.actor.user_id); !posted) return posted;
    }
    if (auto saved = tx.Invoices().SaveDecision(invoice); !saved) return saved;
    AuditEntry e = MakeAuditEntry(
        ctx, invoice.council, clock_.Now(), approve ? "invoice.approve" : "invoice.reject",
        "invoice", invoice.id.str(), AuditOutcome::kAllowed,
        fmt::format("{} held {}: {}", approve ? "approved and posted" : "rejected",
                    Described(invoice), trimmed));
    e.subject_person_id = invoice.facts.person.str();
    if (auto audited = Append(tx, e); !audited) return audited;
    auto view = ViewOf(tx, invoice);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<InvoiceView> Invoices::Approve(const Context& ctx, const InvoiceId& id,
                                      const std::string& reason) {
  return DecideHeld(ctx, id, reason, true);
}

Result<InvoiceView> Invoices::Reject(const Context& ctx, const InvoiceId& id,
                                     const std::string& reason) {
  return DecideHeld(ctx, id, reason, false);
}

Result<ledger::InvoiceExport> Invoices::Export(const Context& ctx) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kInvoicesManage,
                         Resource::Council(ctx.actor.council_id), "invoice-export", "new");
      !a) {
    return tl::unexpected(a.error());
  }
  ledger::InvoiceExport out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    const CouncilId& council = ctx.actor.council_id;
    auto waiting = tx.Invoices().ToExport(council);
    if (!waiting) return tl::unexpected(waiting.error());
    if (waiting->empty()) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "There are no posted invoices waiting to be exported: every one is in an "
                  "earlier export");
    }
    out.council = council;
    out.id = InvoiceExportId(ids_.Next());
    out.created_at = clock_.Now();
    out.created_by = ctx.actor.user_id;
    out.invoices = static_cast<std::int64_t>(waiting->size());
    out.total = Pence(0);
    std::vector<InvoiceId> ids;
    for (const Invoice& i : *waiting) {
      auto sum = out.total.Plus(i.facts.total);
      if (!sum) return tl::unexpected(sum.error());
      out.total = *sum;
      ids.push_back(i.id);
    }
    out.file = ledger::AccountsPayableFile(*waiting);
    if (auto added = tx.Invoices().AddExport(out, ids); !added) return added;
    return Append(tx, MakeAuditEntry(ctx, council, clock_.Now(), "invoice.export", "invoice-export",
                                     out.id.str(), AuditOutcome::kAllowed,
                                     fmt::format("made an accounts-payable export of {} "
                                                 "invoices, {}",
                                                 out.invoices, FormatPounds(out.total))));
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<InvoiceExportDownload> Invoices::ExportFile(const Context& ctx, const InvoiceExportId& id) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kInvoicesManage,
                         Resource::Council(ctx.actor.council_id), "invoice-export", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  InvoiceExportDownload out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Invoices().FindExport(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no export at this address");
    out.csv = std::move((*found)->file);
    out.file_name = fmt::format("accounts-payable-{}-{}.csv",
                                FormatIsoDate(DayOf((*found)->created_at)), id.str());
    // What the council pays providers from leaves the system in this file: who took it is kept.
    return Append(tx, MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "invoice.export.file",
                                     "invoice-export", id.str(), AuditOutcome::kAllowed,
                                     "downloaded the accounts-payable export of " +
                                         FormatIsoDate(DayOf((*found)->created_at))));
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

}  // namespace selfdirect::app
