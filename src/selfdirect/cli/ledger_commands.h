// `selfdirect ledger verify`: recompute every account's balances from its transfers.
#pragma once

#include <iosfwd>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

// Verifies every council's ledger as the operator. Prints each account whose stored balances
// differ from its transfers (which total, stored and recomputed), any council whose debits and
// credits do not add up to the same, then "Ledger verified: N accounts, M transfers, balances
// agree" and returns 0; or, after the problems, a line counting them, and returns 2.
int RunLedgerVerify(store::Store& store, const Clock& clock, UlidGenerator& ids, std::ostream& out,
                    std::ostream& err);

}  // namespace selfdirect::cli
