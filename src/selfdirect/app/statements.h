// Statement import use cases (issue #6, docs/statement-import.md): a bank's or prepaid-card
// provider's CSV statement for a person's holding account becomes spend lines in the books,
// each matched to the person's approved plan; unknown payees are flagged; the person, someone
// they have granted, or a finance officer says what a line was.
//
//   app::Statements statements(store, clock, ids);
//   statements.AddFormat(ctx, {.name = "Northern Bank", .yaml = yaml_text});
//   auto imported = statements.Import(ctx, holding_account, "Northern Bank", csv_bytes);
//   if (!imported) for (const FieldError& f : imported.error().fields) show(f.message);
//   statements.Recategorise(ctx, imported->import.id, {{.row = 7, .category = "not_in_plan"}});
//
// The rules are the ledger's (ledger/statement.h, ledger/transfer.h); these functions ask the
// policy, run one transaction and write the audit entry in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/ledger/arrivals.h"
#include "selfdirect/ledger/statement_repository.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// What a finance officer sends to add a format.
struct NewStatementFormat {
  std::string name;  // how finance officers will choose it: "Northern Bank current account"
  std::string yaml;  // the column mapping (ledger/statement_format.h)
  // Names the council's payments arrive under on these statements ("HBC DIRECT PAYMENTS"),
  // besides the council's own name, which always counts.
  std::vector<std::string> council_payers;
};

// A plan item a line may be matched to, as the lines' page offers them.
struct StatementPlanItem {
  std::size_t index = 0;  // LineMatch::plan_item
  std::string what;
  std::string supplier_name;
};

// An import with its lines and what they may be matched to.
struct StatementView {
  ledger::StatementImport import;
  std::vector<ledger::StoredStatementLine> lines;  // in file order
  std::vector<StatementPlanItem> plan_items;       // the plan's items; empty without a plan
  std::string account_name;
};

// One re-categorisation, as typed.
struct LineChange {
  std::int64_t row = 0;  // the statement's row, as the lines show it
  std::string category;  // ledger::LineCategoryName: "plan_item", "not_in_plan", …
  std::optional<std::int64_t> plan_item;
  std::string note;
};

// The name of the council-owned account money paid out from holding accounts lands in, and of
// the one third parties' top-ups come from; each is opened on first need.
inline constexpr std::string_view kPaidOutAccountName = "Paid out from holding accounts";
inline constexpr std::string_view kTopUpAccountName = "Top-ups from third parties";

// The reference of the transfer a statement line makes: "statement row 7: SMITHS CARE LTD", cut
// to 200 bytes at a character boundary. The payee is kept only here (the transfer's other side
// is kPaidOutAccountName, shared by every payee), so StatementPayee reads it back: the payee of
// such a reference, or std::nullopt for any other reference.
std::string StatementTransferReference(std::int64_t row, std::string_view payee);
std::optional<std::string> StatementPayee(std::string_view reference);

class Statements {
 public:
  Statements(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Adds a statement format to the actor's council (finance officers). Field errors: "name"
  // (1 to 100 characters, not taken), "yaml.<setting>" for each problem ParseStatementFormat
  // finds, "council_payers[i]".
  Result<ledger::StoredStatementFormat> AddFormat(const Context& ctx,
                                                  const NewStatementFormat& request);
  // The council's formats, by name (finance officers).
  Result<std::vector<ledger::StoredStatementFormat>> Formats(const Context& ctx);

  // Imports a statement file into a person's direct-payment or managed-budget account (finance
  // officers), whole or not at all, in one transaction:
  //   - every bad row is refused at once: kInvalidArgument, one field error per problem named
  //     "rows[N]" or "rows[N].date|amount|payee|balance" (N the spreadsheet row; "file" for a
  //     problem with the whole file), each message saying the row and what to do;
  //   - the same file (by SHA-256) into the same account again: kConflict naming when it was;
  //   - lines are matched to the approved plan's items (MatchLines), with the council's name
  //     and the format's council_payers as the council's payers;
  //   - money out → a `spend` transfer to the council's "Paid out from holding accounts" payee
  //     account; a refund → a `refund` transfer back from it; a top-up or other money in → a
  //     `top_up` transfer from the council's "Top-ups from third parties" account; a council
  //     payment and a £0.00 line make no transfer (the payment is already in the books through
  //     the payment run). Transfer ids are "stmt:<import id>:<row>".
  //   - a transfer the ledger refuses (the account would go below zero, it is closed) refuses
  //     the whole import: kFailedPrecondition, one field error "rows[N]" per refused line.
  // Audited against the person.
  Result<StatementView> Import(const Context& ctx, const LedgerAccountId& account,
                               const std::string& format_name, std::string_view bytes);

  // An account's imports, the newest first (finance officers).
  Result<std::vector<ledger::StatementImport>> ImportsOf(const Context& ctx,
                                                         const LedgerAccountId& account);

  // Reconciles a direct-payment holding account (finance officers, as ImportsOf): the council's
  // payments into it (code payment or one_off, posted, on their value dates) against the lines
  // its imported statements show as the council's payment (ledger::ReconcileArrivals, within
  // ledger::kArrivalToleranceDays). kNotFound for no such account; kInvalidArgument naming
  // `account` for one that is not a direct-payment holding account.
  Result<ledger::ArrivalReconciliation> Reconcile(const Context& ctx,
                                                  const LedgerAccountId& account);

  // One import with its lines: whoever may read the person's budget (Action::kBudgetRead).
  // Audited.
  Result<StatementView> Get(const Context& ctx, const StatementImportId& id);

  // Says what lines were (ledger::Recategorise): finance officers, the person, or someone with
  // a "manage money" or "write plan" grant. Only the category changes, never the money: a line
  // cannot become, or stop being, a council payment (its money is, or is not, already in the
  // books). Field errors "changes[i].row|category|plan_item|note"; nothing is saved unless all
  // are right. Audited.
  Result<StatementView> Recategorise(const Context& ctx, const StatementImportId& id,
                                     const std::vector<LineChange>& changes);

 private:
  Result<StatementView> ViewOf(store::Transaction& tx, ledger::StatementImport import);
  // The import and its person, or kNotFound.
  Result<ledger::StatementImport> FindImport(const StatementImportId& id, const Context& ctx);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
