#pragma once
// What the use cases look up in the ledger, or open, inside their own transaction: the council's
// own accounts that stand for money leaving the books or coming into them (a payee, top-ups from
// third parties, contributions paid in: one of each type and name per council, opened on first
// need), a person's contribution receivables, and every transfer of an account. Used by the app's
// use cases only.
#include <span>
#include <string_view>
#include <vector>

#include "selfdirect/core/id.h"
#include "selfdirect/ledger/account.h"
#include "selfdirect/ledger/contributions.h"
#include "selfdirect/ledger/monitoring.h"
#include "selfdirect/ledger/payments.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// The open council-owned account of this type and name, opened when there is none yet.
Result<LedgerAccountId> CouncilAccount(store::Transaction& tx, const CouncilId& council,
                                       ledger::AccountType type, std::string_view name,
                                       UlidGenerator& ids, Timestamp now);

// The person's contribution receivables, oldest first, and what each is owed (posted debits −
// credits; closed ones too, marked). None when their contribution is not collected separately.
Result<std::vector<ledger::Receivable>> ContributionReceivablesOf(store::Transaction& tx,
                                                                  const CouncilId& council,
                                                                  const PersonId& person);

// The name of the council's account of contributions paid in.
inline constexpr std::string_view kContributionsPaidInName = "Contributions paid in by people";

// The payments recorded towards the person's contribution (credits to their receivables under
// ContributionPaymentTransferId ids), newest first.
Result<std::vector<ledger::RecordedPayment>> RecordedContributionPayments(
    store::Transaction& tx, const CouncilId& council,
    std::span<const ledger::Receivable> receivables);

// The batch's results as one status: the first transfer refused (a refused transfer is the
// request's fault, not a bug), or the database's failure, or Ok.
Status FirstRefusal(const Result<std::vector<ledger::TransferResult>>& results);

// Every payment the ledger holds for the budget, under the schedule's keys.
Result<std::vector<ledger::PaidPayment>> PaymentsMadeFor(store::Transaction& tx,
                                                         const ledger::BudgetRecord& budget);

// Sets `position.paid_ahead`, what was paid already as payments of `kind` for periods that begin
// after `today`, and `position.period_end`, the last day the payments received cover: the
// current period's end (`current_end`) or a later period's when it was paid in advance.
Status SetPaidAhead(const ledger::PaymentSchedule& schedule,
                    const std::vector<ledger::PaidPayment>& paid, ledger::PaymentKind kind,
                    Date today, Date current_end, ledger::AccountPosition& position);

// Every transfer of the account, oldest first, read a page at a time.
Result<std::vector<ledger::Transfer>> AllTransfers(store::Transaction& tx, const CouncilId& council,
                                                   const LedgerAccountId& account);

}  // namespace selfdirect::app
