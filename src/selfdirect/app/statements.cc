#include "selfdirect/app/statements.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "selfdirect/access/credentials.h"
#include "selfdirect/app/ledger_lookups.h"
#include "selfdirect/core/text.h"
#include "selfdirect/ledger/statement_format.h"

namespace selfdirect::app {
namespace {

using ledger::LineCategory;

constexpr std::size_t kMaxFormatName = 100;
constexpr std::size_t kMaxPayers = 20;
constexpr std::size_t kMaxPayerName = 100;

// The same words the policy gives someone who may not know a record exists: an import that is
// missing and one that is someone else's cannot be told apart.
tl::unexpected<Error> NoSuchImport() {
  return Fail(ErrorCode::kNotFound, "There is no record at this address");
}

// The field a statement problem is named by: "rows[7].date", "rows[7]", or "file".
std::string ProblemField(const ledger::StatementProblem& p) {
  if (p.row == 0) return "file";
  std::string field = fmt::format("rows[{}]", p.row);
  using K = ledger::StatementProblemKind;
  switch (p.kind) {
    case K::kBadDate:
      return field + ".date";
    case K::kBadAmount:
    case K::kTooManyDecimals:
    case K::kNoAmount:
    case K::kBothInAndOut:
      return field + ".amount";
    case K::kEmptyPayee:
      return field + ".payee";
    case K::kBadBalance:
    case K::kBalanceMismatch:
      return field + ".balance";
    default:
      return field;
  }
}

// "row 7 (SMITHS CARE LTD, -£25.00)": how a line is named in messages.
std::string LineWords(const ledger::StatementLine& l) {
  return fmt::format("row {} ({}, {})", l.row, l.payee, FormatPounds(l.amount));
}

constexpr std::string_view kStatementRowPrefix = "statement row ";

}  // namespace

std::string StatementTransferReference(std::int64_t row, std::string_view payee) {
  std::string reference = fmt::format("{}{}: {}", kStatementRowPrefix, row, payee);
  if (reference.size() > 200) {
    // Cut at a character boundary: never inside a UTF-8 sequence.
    std::size_t n = 200;
    while (n > 0 && (static_cast<unsigned char>(reference[n]) & 0xC0) == 0x80) --n;
    reference.resize(n);
  }
  return reference;
}

std::optional<std::string> StatementPayee(std::string_view reference) {
  if (!reference.starts_with(kStatementRowPrefix)) return std::nullopt;
  std::string_view rest = reference.substr(kStatementRowPrefix.size());
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits == 0 || rest.substr(digits, 2) != ": ") return std::nullopt;
  return std::string(rest.substr(digits + 2));
}

Result<ledger::StoredStatementFormat> Statements::AddFormat(const Context& ctx,
                                                            const NewStatementFormat& request) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kStatementFormatsManage,
                         Resource::Council(ctx.actor.council_id), "statement-format", "new");
      !a) {
    return tl::unexpected(a.error());
  }
  ledger::StoredStatementFormat f;
  f.council = ctx.actor.council_id;
  f.name = std::string(Trim(request.name));
  f.yaml = request.yaml;
  f.created_at = clock_.Now();
  f.created_by = ctx.actor.user_id;
  std::vector<FieldError> errors;
  if (f.name.empty()) {
    errors.push_back({"name", "Enter a name for the format, such as the bank and account type"});
  } else if (f.name.size() > kMaxFormatName) {
    errors.push_back({"name", "The name must be 100 characters or fewer"});
  }
  if (Trim(request.yaml).empty()) {
    errors.push_back({"yaml", "Enter the format's column mapping (YAML)"});
  } else if (auto parsed = ledger::ParseStatementFormat(request.yaml); !parsed) {
    if (parsed.error().fields.empty()) {
      errors.push_back({"yaml", parsed.error().message});
    }
    for (const FieldError& e : parsed.error().fields) {
      errors.push_back({"yaml." + e.field, e.field + ": " + e.message});
    }
  }
  if (request.council_payers.size() > kMaxPayers) {
    errors.push_back({"council_payers", "Give at most 20 names the council's payments arrive as"});
  }
  for (std::size_t i = 0; i < request.council_payers.size(); ++i) {
    const std::string name(Trim(request.council_payers[i]));
    if (name.empty() || name.size() > kMaxPayerName) {
      errors.push_back({fmt::format("council_payers[{}]", i),
                        "Enter the name as it appears on statements, up to 100 characters"});
    } else {
      f.council_payers.push_back(name);
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto added = tx.Statements().AddFormat(f); !added) return added;
    AuditEntry e =
        MakeAuditEntry(ctx, f.council, clock_.Now(), "statement-format.add", "statement-format",
                       f.name, AuditOutcome::kAllowed, "added the statement format " + f.name);
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return f;
}

Result<std::vector<ledger::StoredStatementFormat>> Statements::Formats(const Context& ctx) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kStatementsImport,
                         Resource::Council(ctx.actor.council_id), "statement-format", "");
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<ledger::StoredStatementFormat> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto all = tx.Statements().Formats(ctx.actor.council_id);
    if (!all) return tl::unexpected(all.error());
    out = std::move(*all);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<StatementView> Statements::Import(const Context& ctx, const LedgerAccountId& account_id,
                                         const std::string& format_name, std::string_view bytes) {
  if (auto a =
          Authorize(store_, clock_, ctx, Action::kStatementsImport,
                    Resource::Council(ctx.actor.council_id), "ledger-account", account_id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  const CouncilId& council = ctx.actor.council_id;
  const std::string sha256 = Sha256Hex(bytes);
  std::optional<StatementView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto account = tx.Ledger().FindAccount(council, account_id);
    if (!account) return tl::unexpected(account.error());
    if (!*account) return Fail(ErrorCode::kNotFound, "There is no ledger account with this id");
    const ledger::Account& holding = **account;
    std::vector<FieldError> errors;
    if ((holding.type != ledger::AccountType::kDirectPaymentHolding &&
         holding.type != ledger::AccountType::kManagedBudget) ||
        holding.owner.kind != ledger::OwnerKind::kPerson) {
      errors.push_back({"account",
                        "Statements are imported into a person's direct payment account or "
                        "managed budget; this is a " +
                            std::string(ledger::AccountTypeLabel(holding.type)) + " account"});
    }
    auto format = tx.Statements().FindFormat(council, format_name);
    if (!format) return tl::unexpected(format.error());
    if (!*format) {
      errors.push_back({"format", format_name.empty()
                                      ? "Choose the statement's format"
                                      : "There is no statement format called \"" + format_name +
                                            "\"; choose one of the council's formats"});
    }
    if (!errors.empty()) return FailFields(std::move(errors));

    auto before = tx.Statements().FindImportByFile(council, account_id, sha256);
    if (!before) return tl::unexpected(before.error());
    if (*before) {
      const ledger::StatementImport& b = **before;
      const std::string when = FormatLongDate(DayOf(b.imported_at));
      return tl::unexpected(
          Error{ErrorCode::kConflict,
                fmt::format("This file was already imported into this account on {} (import {}); "
                            "nothing was imported again",
                            when, b.id.str()),
                {{"file", "This file was already imported into this account on " + when +
                              ". Choose a statement that has not been imported yet"}}});
    }

    auto parsed_format = ledger::ParseStatementFormat((*format)->yaml);
    if (!parsed_format) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "The statement format \"" + format_name +
                      "\" is no longer valid: " + parsed_format.error().message);
    }
    ledger::StatementReport report = ledger::ParseStatement(bytes, *parsed_format);
    if (!report.ok()) {
      for (const ledger::StatementProblem& p : report.problems) {
        errors.push_back({ProblemField(p), p.ToString()});
      }
      const std::size_t n = report.problems.size();
      return FailFields(std::move(errors),
                        fmt::format("The statement has {} problem{}; nothing was imported. Put "
                                    "{} right and import the file again",
                                    n, n == 1 ? "" : "s", n == 1 ? "it" : "them all"));
    }

    // The plan in force, and who the council's payments come from.
    const PersonId person(holding.owner.id);
    auto plan = tx.Casework().ApprovedPlan(council, person);
    if (!plan) return tl::unexpected(plan.error());
    std::vector<casework::PlanItem> items;
    if (*plan) items = (*plan)->content.items;
    auto council_record = tx.Councils().FindCouncil(council);
    if (!council_record) return tl::unexpected(council_record.error());
    ledger::MatchRules rules;
    if (*council_record) rules.council_payers.push_back((*council_record)->name);
    for (const std::string& payer : (*format)->council_payers) {
      rules.council_payers.push_back(payer);
    }
    std::vector<ledger::LineMatch> matches = ledger::MatchLines(report.lines, items, {}, rules);

    ledger::StatementImport import;
    import.council = council;
    import.id = StatementImportId(ids_.Next());
    import.account = account_id;
    import.person = person;
    import.format_name = (*format)->name;
    import.file_sha256 = sha256;
    if (*plan) import.plan = (*plan)->id;
    import.imported_at = clock_.Now();
    import.imported_by = ctx.actor.user_id;
    import.lines = static_cast<std::int64_t>(report.lines.size());

    // The transfers, in file order; the counterpart accounts opened only when needed.
    std::optional<LedgerAccountId> paid_out, top_ups;
    std::vector<ledger::StoredStatementLine> lines;
    std::vector<ledger::Transfer> batch;
    std::vector<std::size_t> batch_lines;  // the line each transfer is for
    std::int64_t money_in = 0, money_out = 0;
    for (std::size_t i = 0; i < report.lines.size(); ++i) {
      const ledger::StatementLine& l = report.lines[i];
      ledger::StoredStatementLine stored{static_cast<std::int64_t>(i), l, matches[i], {}, {}, {}};
      if (matches[i].needs_review) ++import.flagged;
      const std::int64_t amount = l.amount.value();
      if (amount > 0) money_in += amount;
      if (amount < 0) money_out -= amount;
      const LineCategory c = matches[i].category;
      if (amount != 0 && c != LineCategory::kCouncilPayment) {
        ledger::Transfer t;
        t.id = TransferId(fmt::format("stmt:{}:{}", import.id.str(), l.row));
        t.council = council;
        t.amount = Pence(amount < 0 ? -amount : amount);
        t.created_at = clock_.Now();
        t.created_by = ctx.actor.user_id;
        t.value_date = l.date;  // the money moved on the line's date, not today
        t.reference = StatementTransferReference(l.row, l.payee);
        auto counterpart = [&](std::optional<LedgerAccountId>& cached, ledger::AccountType type,
                               std::string_view name) -> Result<LedgerAccountId> {
          if (!cached) {
            auto id = CouncilAccount(tx, council, type, name, ids_, clock_.Now());
            if (!id) return tl::unexpected(id.error());
            cached = *id;
          }
          return *cached;
        };
        Result<LedgerAccountId> other =
            amount < 0 || c == LineCategory::kRefund
                ? counterpart(paid_out, ledger::AccountType::kPayee, kPaidOutAccountName)
                : counterpart(top_ups, ledger::AccountType::kThirdPartyTopUp, kTopUpAccountName);
        if (!other) return tl::unexpected(other.error());
        if (amount < 0) {
          t.code = ledger::TransferCode::kSpend;
          t.debit_account = account_id;
          t.credit_account = *other;
        } else {
          t.code = c == LineCategory::kRefund ? ledger::TransferCode::kRefund
                                              : ledger::TransferCode::kTopUp;
          t.debit_account = *other;
          t.credit_account = account_id;
        }
        stored.transfer = t.id;
        batch.push_back(std::move(t));
        batch_lines.push_back(i);
      }
      lines.push_back(std::move(stored));
    }
    // Money moves in the order it did: a statement written newest first is booked from its end,
    // so that a payment is not refused for money that arrived before it.
    if (parsed_format->order == ledger::StatementOrder::kNewestFirst) {
      std::reverse(batch.begin(), batch.end());
      std::reverse(batch_lines.begin(), batch_lines.end());
    }
    import.money_in = Pence(money_in);
    import.money_out = Pence(money_out);
    import.transfers = static_cast<std::int64_t>(batch.size());

    auto results = tx.Ledger().CreateTransfers(batch);
    if (!results) return tl::unexpected(results.error());
    for (std::size_t k = 0; k < results->size(); ++k) {
      const ledger::TransferResult& r = (*results)[k];
      if (r) continue;
      const ledger::StatementLine& l = report.lines[batch_lines[k]];
      errors.push_back(
          {fmt::format("rows[{}]", l.row),
           fmt::format("{}: the books refused this line: {}", LineWords(l), r.error().message)});
    }
    if (!errors.empty()) {
      const std::size_t n = errors.size();
      return tl::unexpected(
          Error{ErrorCode::kFailedPrecondition,
                fmt::format("{} line{} of the statement could not be put in the books; nothing was "
                            "imported",
                            n, n == 1 ? "" : "s"),
                std::move(errors)});
    }
    if (auto added = tx.Statements().AddImport(import, lines); !added) return added;
    AuditEntry e = MakeAuditEntry(
        ctx, council, clock_.Now(), "statement.import", "statement-import", import.id.str(),
        AuditOutcome::kAllowed,
        fmt::format("imported a statement ({}) into account {}: {} lines, {} in, {} out, {} "
                    "flagged, {} transfers",
                    import.format_name, account_id.str(), import.lines,
                    FormatPounds(import.money_in), FormatPounds(import.money_out), import.flagged,
                    import.transfers));
    e.subject_person_id = person.str();
    if (auto audited = tx.Audit().Append(e); !audited) return audited;
    auto view = ViewOf(tx, std::move(import));
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<std::vector<ledger::StatementImport>> Statements::ImportsOf(const Context& ctx,
                                                                   const LedgerAccountId& account) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kStatementsImport,
                         Resource::Council(ctx.actor.council_id), "ledger-account", account.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<ledger::StatementImport> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Ledger().FindAccount(ctx.actor.council_id, account);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no ledger account with this id");
    auto all = tx.Statements().ImportsOf(ctx.actor.council_id, account);
    if (!all) return tl::unexpected(all.error());
    out = std::move(*all);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ledger::ArrivalReconciliation> Statements::Reconcile(const Context& ctx,
                                                            const LedgerAccountId& account) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kStatementsImport,
                         Resource::Council(ctx.actor.council_id), "ledger-account", account.str());
      !a) {
    return tl::unexpected(a.error());
  }
  const CouncilId& council = ctx.actor.council_id;
  std::vector<ledger::PaidIn> paid;
  std::vector<ledger::Arrival> arrived;
  std::optional<Date> from, to;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Ledger().FindAccount(council, account);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no ledger account with this id");
    if ((*found)->type != ledger::AccountType::kDirectPaymentHolding) {
      return FailFields({{"account",
                          "Choose a person's direct payment account: only they have "
                          "statements to reconcile"}});
    }
    std::optional<TransferId> after;
    for (;;) {
      auto page = tx.Ledger().TransfersOf(council, account, 1000, after);
      if (!page) return tl::unexpected(page.error());
      for (const ledger::Transfer& t : *page) {
        const bool posted =
            t.flag == ledger::TransferFlag::kNone || t.flag == ledger::TransferFlag::kPostPending;
        if (posted && t.credit_account == account &&
            (t.code == ledger::TransferCode::kPayment || t.code == ledger::TransferCode::kOneOff)) {
          paid.push_back({t.id.str(), ledger::ValueDate(t), t.amount, t.reference});
        }
      }
      if (page->size() < 1000) break;
      after = page->back().id;
    }
    auto imports = tx.Statements().ImportsOf(council, account);
    if (!imports) return tl::unexpected(imports.error());
    for (const ledger::StatementImport& i : *imports) {
      auto lines = tx.Statements().LinesOf(council, i.id);
      if (!lines) return tl::unexpected(lines.error());
      for (const ledger::StoredStatementLine& l : *lines) {
        if (!from || l.line.date < *from) from = l.line.date;
        if (!to || *to < l.line.date) to = l.line.date;
        if (l.match.category == LineCategory::kCouncilPayment && l.line.amount.value() > 0) {
          arrived.push_back({i.id, l.line.row, l.line.date, l.line.amount, l.line.payee});
        }
      }
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return ledger::ReconcileArrivals(std::move(paid), std::move(arrived), from, to);
}

Result<ledger::StatementImport> Statements::FindImport(const StatementImportId& id,
                                                       const Context& ctx) {
  std::optional<ledger::StatementImport> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Statements().FindImport(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchImport();
    out = std::move(**found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<StatementView> Statements::ViewOf(store::Transaction& tx, ledger::StatementImport import) {
  StatementView view;
  auto lines = tx.Statements().LinesOf(import.council, import.id);
  if (!lines) return tl::unexpected(lines.error());
  view.lines = std::move(*lines);
  if (import.plan) {
    auto plan = tx.Casework().FindPlan(import.council, *import.plan);
    if (!plan) return tl::unexpected(plan.error());
    if (*plan) {
      const auto& items = (*plan)->content.items;
      for (std::size_t i = 0; i < items.size(); ++i) {
        view.plan_items.push_back({i, items[i].what, items[i].supplier_name});
      }
    }
  }
  auto account = tx.Ledger().FindAccount(import.council, import.account);
  if (!account) return tl::unexpected(account.error());
  if (*account) view.account_name = (*account)->name;
  view.import = std::move(import);
  return view;
}

Result<StatementView> Statements::Get(const Context& ctx, const StatementImportId& id) {
  // An import in another council is not found; one of a person the actor has no standing to is
  // hidden by the policy with the same answer.
  auto import = FindImport(id, ctx);
  if (!import) return tl::unexpected(import.error());
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kBudgetRead, import->person); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<StatementView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto view = ViewOf(tx, *import);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    AuditEntry e =
        MakeAuditEntry(ctx, import->council, clock_.Now(), "statement.read", "statement-import",
                       id.str(), AuditOutcome::kAllowed, "looked at an imported statement's lines");
    e.subject_person_id = import->person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<StatementView> Statements::Recategorise(const Context& ctx, const StatementImportId& id,
                                               const std::vector<LineChange>& changes) {
  auto import = FindImport(id, ctx);
  if (!import) return tl::unexpected(import.error());
  if (auto a =
          AuthorizeOnPerson(store_, clock_, ctx, Action::kStatementRecategorise, import->person);
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<StatementView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto view = ViewOf(tx, *import);
    if (!view) return tl::unexpected(view.error());
    std::vector<ledger::StatementLine> lines;
    std::vector<ledger::LineMatch> matches;
    std::map<std::int64_t, std::size_t> by_row;
    for (const auto& l : view->lines) {
      by_row[l.line.row] = matches.size();
      lines.push_back(l.line);
      matches.push_back(l.match);
    }
    std::vector<FieldError> errors;
    std::vector<ledger::Recategorisation> wanted;
    std::vector<std::size_t> wanted_from;  // the change each Recategorisation came from
    if (changes.empty()) errors.push_back({"changes", "Say what at least one line was"});
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const LineChange& c = changes[i];
      const std::string at = fmt::format("changes[{}]", i);
      const auto row = by_row.find(c.row);
      const auto category = ledger::ParseLineCategory(c.category);
      if (row == by_row.end()) {
        errors.push_back({at + ".row", fmt::format("The statement has no row {}", c.row)});
      }
      if (!category) errors.push_back({at + ".category", "Choose what the line was"});
      if (c.plan_item && *c.plan_item < 0) {
        errors.push_back({at + ".plan_item", "Choose one of the plan's items"});
      }
      if (row == by_row.end() || !category || (c.plan_item && *c.plan_item < 0)) continue;
      const LineCategory before = matches[row->second].category;
      if ((before == LineCategory::kCouncilPayment) !=
          (*category == LineCategory::kCouncilPayment)) {
        errors.push_back(
            {at + ".category",
             fmt::format("Row {} {} a council payment, and only its category may change, never "
                         "its money: ask a finance officer to correct the books instead",
                         c.row, before == LineCategory::kCouncilPayment ? "is" : "is not")});
        continue;
      }
      wanted.push_back({row->second, *category,
                        c.plan_item
                            ? std::optional<std::size_t>(static_cast<std::size_t>(*c.plan_item))
                            : std::nullopt,
                        c.note});
      wanted_from.push_back(i);
    }
    if (!errors.empty()) return FailFields(std::move(errors));
    auto changed = ledger::Recategorise(matches, lines, view->plan_items.size(), wanted);
    if (!changed) {
      // Name fields after the caller's changes and rows, not the ledger's line indexes.
      for (const FieldError& f : changed.error().fields) {
        std::size_t k = 0;
        std::string rest;
        if (std::sscanf(f.field.c_str(), "changes[%zu]", &k) == 1 && k < wanted_from.size()) {
          rest = f.field.substr(f.field.find(']') + 1);
          if (rest == ".line") rest = ".row";
          errors.push_back({fmt::format("changes[{}]{}", wanted_from[k], rest), f.message});
        } else {
          errors.push_back(f);
        }
      }
      return FailFields(std::move(errors));
    }
    std::vector<ledger::StoredStatementLine> save;
    for (const ledger::Recategorisation& r : wanted) {
      ledger::StoredStatementLine l = view->lines[r.line];
      l.match = (*changed)[r.line];
      l.recategorised_at = clock_.Now();
      l.recategorised_by = ctx.actor.user_id;
      save.push_back(std::move(l));
    }
    if (auto saved = tx.Statements().SaveCategories(import->council, id, save); !saved) {
      return saved;
    }
    AuditEntry e = MakeAuditEntry(ctx, import->council, clock_.Now(), "statement.recategorise",
                                  "statement-import", id.str(), AuditOutcome::kAllowed,
                                  fmt::format("re-categorised {} line{} of an imported statement",
                                              wanted.size(), wanted.size() == 1 ? "" : "s"));
    e.subject_person_id = import->person.str();
    if (auto audited = tx.Audit().Append(e); !audited) return audited;
    auto after = ViewOf(tx, *import);
    if (!after) return tl::unexpected(after.error());
    out = std::move(*after);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

}  // namespace selfdirect::app
