#pragma once
// The council's own ledger accounts that stand for money leaving the books or coming into them
// (a payee, top-ups from third parties, contributions paid in): one of each type and name per
// council, opened on first need inside the caller's transaction. Used by the app's use cases only.
#include <string_view>

#include "selfdirect/core/id.h"
#include "selfdirect/ledger/account.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// The open council-owned account of this type and name, opened when there is none yet.
Result<LedgerAccountId> CouncilAccount(store::Transaction& tx, const CouncilId& council,
                                       ledger::AccountType type, std::string_view name,
                                       UlidGenerator& ids, Timestamp now);

}  // namespace selfdirect::app
